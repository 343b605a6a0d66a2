//! `rwm` run natively as a real process: the command-line contract (output,
//! stderr line, exit code) that the wasm builds must also keep. The sandbox
//! cases (`../`) need a WASI runtime and live in tests/js/wasi.test.mjs and
//! tests/python/.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("rwm-cli-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn rwm(dir: &Path, args: &[&str], stdin: &[u8], env: &[(&str, Option<&str>)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rwm"));
    cmd.args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    let mut child = cmd.spawn().unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn stderr_of(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

#[test]
fn greet_uses_user_and_falls_back_to_unknown() {
    let dir = scratch("greet");
    let out = rwm(&dir, &["greet"], b"", &[("USER", Some("alice"))]);
    assert_eq!(
        (out.status.code(), out.stdout.as_slice()),
        (Some(0), &b"Hello, alice from WASI!\n"[..])
    );
    let out = rwm(&dir, &["greet"], b"", &[("USER", None)]);
    assert_eq!(out.stdout, b"Hello, unknown from WASI!\n");
}

#[test]
fn upper_defaults_to_input_txt_and_output_txt() {
    let dir = scratch("defaults");
    fs::write(dir.join("input.txt"), "hello, straße 123\n").unwrap();
    let out = rwm(&dir, &["upper"], b"", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(
        fs::read_to_string(dir.join("output.txt")).unwrap(),
        "HELLO, STRAßE 123\n"
    );
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
}

#[test]
fn upper_streams_across_chunk_boundaries_and_works_in_place() {
    let dir = scratch("chunks");
    // Multi-byte characters straddle the 64 KiB chunk boundaries.
    let mut text = String::new();
    while text.len() < 3 * 64 * 1024 + 17 {
        text.push_str("ab\u{e9}\u{1F600}z ");
    }
    fs::write(dir.join("in.txt"), &text).unwrap();
    let out = rwm(&dir, &["upper", "in.txt", "in.txt"], b"", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(
        fs::read_to_string(dir.join("in.txt")).unwrap(),
        text.to_ascii_uppercase()
    );
    assert!(!dir.join("in.txt.rwm-partial").exists());
}

#[test]
fn upper_reports_a_missing_input_and_an_unwritable_output() {
    let dir = scratch("errors");
    let out = rwm(&dir, &["upper", "nope.txt", "out.txt"], b"", &[]);
    assert_eq!(out.status.code(), Some(66));
    assert_eq!(
        stderr_of(&out),
        "rwm: input file \"nope.txt\" does not exist (no-input)\n"
    );
    assert!(!dir.join("out.txt").exists());

    fs::write(dir.join("input.txt"), "x").unwrap();
    let out = rwm(
        &dir,
        &["upper", "input.txt", "no-such-dir/out.txt"],
        b"",
        &[],
    );
    assert_eq!(out.status.code(), Some(73));
    assert!(stderr_of(&out).starts_with("rwm: cannot write output file \"no-such-dir/out.txt\""));
    assert!(stderr_of(&out).ends_with("(cannot-create)\n"));

    fs::create_dir(dir.join("adir")).unwrap();
    let out = rwm(&dir, &["upper", "adir", "out.txt"], b"", &[]);
    assert_eq!(out.status.code(), Some(66), "{}", stderr_of(&out));
    assert!(!dir.join("out.txt").exists() && !dir.join("out.txt.rwm-partial").exists());
}

#[test]
fn string_filters_read_stdin_and_refuse_invalid_utf8() {
    let dir = scratch("strings");
    assert_eq!(
        rwm(&dir, &["process-text"], "héllo".as_bytes(), &[]).stdout,
        "héllo_processed".as_bytes()
    );
    assert_eq!(rwm(&dir, &["echo-suffix"], b"", &[]).stdout, b"_echo");
    assert_eq!(
        rwm(&dir, &["ascii-uppercase"], "abc ß".as_bytes(), &[]).stdout,
        "ABC ß".as_bytes()
    );
    let out = rwm(&dir, &["process-text"], b"ok\xff", &[]);
    assert_eq!(out.status.code(), Some(65));
    assert_eq!(
        stderr_of(&out),
        "rwm: stdin is not valid UTF-8 (at byte 2) (bad-input)\n"
    );
}

#[test]
fn numbers_in_and_out() {
    let dir = scratch("numbers");
    let out = rwm(&dir, &["normalize"], b" 1 2\nNaN\t4 -0 -inf ", &[]);
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "0.25\n0.5\nNaN\n1\n-0\n-inf\n"
    );
    assert_eq!(rwm(&dir, &["sum-u32"], b"4294967295 2", &[]).stdout, b"1\n");
    assert_eq!(rwm(&dir, &["sum-u32"], b"", &[]).stdout, b"0\n");
    assert_eq!(
        rwm(&dir, &["make-number-array", "3"], b"", &[]).stdout,
        b"0\n2\n4\n"
    );
    assert_eq!(rwm(&dir, &["fill-buffer", "2"], b"", &[]).stdout, b"0\n1\n");
    assert_eq!(
        rwm(&dir, &["add", "2147483647", "1"], b"", &[]).stdout,
        b"-2147483648\n"
    );
    assert_eq!(
        rwm(&dir, &["scale-and-add", "2", "3", "4"], b"", &[]).stdout,
        b"20\n"
    );
}

#[test]
fn refusals_have_a_kind_and_an_exit_code() {
    let dir = scratch("refusals");
    let cases: &[(&[&str], &[u8], i32, &str)] = &[
        (&["normalize"], b"", 65, "(empty-input)"),
        (&["normalize"], b"0 -0", 65, "(zero-maximum)"),
        (&["normalize"], b"1 inf", 65, "(non-finite-maximum)"),
        (&["normalize"], b"1 two", 65, "(bad-input)"),
        (&["sum-u32"], b"-1", 65, "(bad-input)"),
        (&["sum-u32"], b"4294967296", 65, "(bad-input)"),
        (&[], b"", 64, "(usage)"),
        (&["frobnicate"], b"", 64, "(usage)"),
        (&["add", "1"], b"", 64, "(usage)"),
        (&["add", "1", "1.5"], b"", 64, "(usage)"),
        (&["make-number-array", "-1"], b"", 64, "(usage)"),
        (&["upper", "a", "b", "c"], b"", 64, "(usage)"),
    ];
    for (args, stdin, code, kind) in cases {
        let out = rwm(&dir, args, stdin, &[]);
        let err = stderr_of(&out);
        assert_eq!(out.status.code(), Some(*code), "{args:?}: {err}");
        assert!(
            err.lines().next().unwrap().ends_with(kind),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    let help = rwm(&dir, &["help"], b"", &[]);
    assert_eq!(help.status.code(), Some(0));
    assert!(
        String::from_utf8(help.stdout)
            .unwrap()
            .starts_with("usage: rwm")
    );
}
