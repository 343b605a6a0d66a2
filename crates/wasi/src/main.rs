//! `rwm`: the WASI face of rust-wasm-memory, one command built for
//! `wasm32-wasip1` (it also builds and runs natively, which is how its
//! logic is unit-tested).
//!
//! ```text
//! rwm greet                        Hello, $USER from WASI!  (USER unset: "unknown")
//! rwm upper [INPUT] [OUTPUT]       ASCII-uppercase a file (default input.txt -> output.txt)
//! rwm process-text                 stdin + "_processed" -> stdout
//! rwm echo-suffix                  stdin + "_echo"      -> stdout
//! rwm ascii-uppercase              stdin uppercased     -> stdout
//! rwm normalize                    f32 numbers on stdin -> each / max, one per line
//! rwm normalize-peak               f32 numbers on stdin -> each / max |v|, one per line
//! rwm sum-u32                      u32 numbers on stdin -> their wrapping sum
//! rwm make-number-array LEN        0, 2, 4, ... one per line
//! rwm fill-buffer LEN              i mod 256, one per line
//! rwm add A B                      A + B (wrapping i32)
//! rwm scale-and-add X Y FACTOR     (X + Y) * FACTOR (wrapping i32)
//! ```
//!
//! The guest sees only the directories the host preopens; a path outside
//! them (`../secret`, `/etc/passwd`) is refused by the runtime, and `rwm`
//! reports that as exit code 77.
//!
//! Every failure is one line on stderr, `rwm: <message> (<kind>)`, and a
//! sysexits-style exit code; nothing is reported by panicking. `<kind>` is
//! the WIT world's `text-error` case name where there is one, so the
//! conformance tests can compare the faces.

use std::io::{self, Read, Write};
use std::process::ExitCode;

mod failure;
mod upper;

use failure::Failure;
use rust_wasm_memory_core as core_;

const USAGE: &str = "\
usage: rwm <command> [arguments]

  greet                      print \"Hello, $USER from WASI!\" (USER unset: \"unknown\")
  upper [INPUT] [OUTPUT]     ASCII-uppercase INPUT into OUTPUT, streaming
                             (defaults: input.txt, output.txt)
  process-text               print stdin followed by \"_processed\"
  echo-suffix                print stdin followed by \"_echo\"
  ascii-uppercase            print stdin with a-z uppercased
  normalize                  read f32 numbers from stdin, print each divided by the max
  normalize-peak             read f32 numbers from stdin, print each divided by the
                             largest magnitude (peak normalization: into [-1, 1])
  sum-u32                    read u32 numbers from stdin, print their wrapping sum
  make-number-array LEN      print 0, 2, 4, ... (LEN numbers)
  fill-buffer LEN            print i mod 256 for i in 0..LEN
  add A B                    print A + B (i32, wrapping)
  scale-and-add X Y FACTOR   print (X + Y) * FACTOR (i32, wrapping)
  help                       print this text

exit codes: 0 ok, 64 usage, 65 bad input data, 66 input missing or unreadable,
            71 out of memory, 73 cannot create output, 74 I/O error,
            77 path outside the preopened directories
";

fn main() -> ExitCode {
    // A panic would be a bug; still, report it as one readable line rather
    // than a runtime backtrace.
    std::panic::set_hook(Box::new(|info| {
        let _ = writeln!(io::stderr(), "rwm: internal error: {info} (internal)");
    }));
    let args: Vec<String> = match std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect()
    {
        Ok(args) => args,
        Err(_) => return report(Failure::usage("arguments must be valid UTF-8")),
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => report(failure),
    }
}

fn report(failure: Failure) -> ExitCode {
    let _ = writeln!(io::stderr(), "rwm: {failure}");
    if failure.code == failure::USAGE {
        let _ = writeln!(io::stderr(), "rwm: run `rwm help` for the list of commands");
    }
    ExitCode::from(failure.code)
}

fn run(args: &[String]) -> Result<(), Failure> {
    let (command, rest) = match args.split_first() {
        Some((c, rest)) => (c.as_str(), rest),
        None => return Err(Failure::usage("no command given")),
    };
    match command {
        "help" | "--help" | "-h" => {
            expect_args(rest, 0)?;
            write_out(USAGE.as_bytes())
        }
        "greet" => {
            expect_args(rest, 0)?;
            // The tutorial's fallback: an unset (or non-UTF-8) USER is "unknown".
            let name = std::env::var("USER").unwrap_or_else(|_| "unknown".to_string());
            let mut line = core_::greet(&name).map_err(Failure::from)?;
            line.push_str(" from WASI!\n");
            write_out(line.as_bytes())
        }
        "upper" => {
            if rest.len() > 2 {
                return Err(Failure::usage("upper takes at most INPUT and OUTPUT"));
            }
            let input = rest.first().map_or("input.txt", String::as_str);
            let output = rest.get(1).map_or("output.txt", String::as_str);
            upper::file(input, output)
        }
        "process-text" => text_filter(rest, core_::process_string),
        "echo-suffix" => text_filter(rest, core_::echo_suffix),
        "ascii-uppercase" => {
            expect_args(rest, 0)?;
            upper::stream(
                &mut io::stdin().lock(),
                &mut io::stdout().lock(),
                "stdin",
                "stdout",
            )
        }
        "normalize" | "normalize-peak" => {
            expect_args(rest, 0)?;
            let mut values: Vec<f32> = parse_numbers(&read_stdin()?)?;
            let kernel = if command == "normalize" {
                core_::normalize
            } else {
                core_::normalize_peak
            };
            kernel(&mut values).map_err(Failure::from)?;
            write_lines(values.iter())
        }
        "sum-u32" => {
            expect_args(rest, 0)?;
            let values: Vec<u32> = parse_numbers(&read_stdin()?)?;
            write_lines([core_::sum_u32(&values)].iter())
        }
        "make-number-array" => {
            let len: u32 = parse_arg(expect_args(rest, 1)?[0].as_str(), "LEN")?;
            let values = core_::make_number_array(len as usize).map_err(Failure::from)?;
            write_lines(values.iter())
        }
        "fill-buffer" => {
            let len: u32 = parse_arg(expect_args(rest, 1)?[0].as_str(), "LEN")?;
            let bytes = core_::make_byte_pattern(len as usize).map_err(Failure::from)?;
            write_lines(bytes.iter())
        }
        "add" => {
            let a = expect_args(rest, 2)?;
            let (x, y) = (parse_arg(&a[0], "A")?, parse_arg(&a[1], "B")?);
            write_lines([core_::add(x, y)].iter())
        }
        "scale-and-add" => {
            let a = expect_args(rest, 3)?;
            let (x, y, f) = (
                parse_arg(&a[0], "X")?,
                parse_arg(&a[1], "Y")?,
                parse_arg(&a[2], "FACTOR")?,
            );
            write_lines([core_::scale_and_add(x, y, f)].iter())
        }
        other => Err(Failure::usage(format!("unknown command {other:?}"))),
    }
}

fn expect_args(rest: &[String], n: usize) -> Result<&[String], Failure> {
    if rest.len() == n {
        Ok(rest)
    } else {
        Err(Failure::usage(format!(
            "expected {n} argument(s), got {}",
            rest.len()
        )))
    }
}

fn parse_arg<T: std::str::FromStr>(text: &str, what: &str) -> Result<T, Failure> {
    text.parse().map_err(|_| {
        Failure::usage(format!(
            "{what} must be a {}, got {text:?}",
            type_label::<T>()
        ))
    })
}

fn type_label<T>() -> &'static str {
    let name = std::any::type_name::<T>();
    match name {
        "u32" => "whole number from 0 to 4294967295",
        "i32" => "whole number from -2147483648 to 2147483647",
        "f32" => "number (f32: 1.5, -0, 1e-40, inf, NaN, ...)",
        _ => name,
    }
}

/// The whole of stdin, refusing (not aborting) when it does not fit.
fn read_stdin() -> Result<Vec<u8>, Failure> {
    let mut bytes = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    let mut stdin = io::stdin().lock();
    loop {
        let n = match stdin.read(&mut chunk) {
            Ok(0) => return Ok(bytes),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Failure::io("cannot read stdin", &e)),
        };
        bytes.try_reserve(n).map_err(|_| {
            Failure::from(core_::AllocError {
                requested_bytes: bytes.len() as u128 + n as u128,
            })
        })?;
        bytes.extend_from_slice(&chunk[..n]);
    }
}

fn text_filter(
    rest: &[String],
    f: fn(&str) -> Result<String, core_::AllocError>,
) -> Result<(), Failure> {
    expect_args(rest, 0)?;
    let bytes = read_stdin()?;
    write_out(f(stdin_text(&bytes)?).map_err(Failure::from)?.as_bytes())
}

fn stdin_text(bytes: &[u8]) -> Result<&str, Failure> {
    std::str::from_utf8(bytes).map_err(|e| {
        Failure::data(format!(
            "stdin is not valid UTF-8 (at byte {})",
            e.valid_up_to()
        ))
    })
}

/// Whitespace-separated numbers. f32 accepts what Rust's parser does,
/// including `NaN`, `inf`, `-inf`, `-0` and subnormals.
fn parse_numbers<T: std::str::FromStr>(bytes: &[u8]) -> Result<Vec<T>, Failure> {
    let text = stdin_text(bytes)?;
    let mut values = Vec::new();
    for (i, token) in text.split_ascii_whitespace().enumerate() {
        let v = token.parse().map_err(|_| {
            Failure::data(format!(
                "number {} on stdin, {token:?}, is not a {}",
                i + 1,
                type_label::<T>()
            ))
        })?;
        values
            .try_reserve(1)
            .map_err(|_| Failure::from(core_::AllocError::for_elements::<T>(values.len() + 1)))?;
        values.push(v);
    }
    Ok(values)
}

fn write_out(bytes: &[u8]) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| Failure::io("cannot write stdout", &e))
}

/// One value per line, in Rust's shortest round-trip form (`NaN`, `inf`,
/// `-0` included), written through a buffer.
fn write_lines<T: std::fmt::Display>(values: impl Iterator<Item = T>) -> Result<(), Failure> {
    let mut out = io::BufWriter::with_capacity(16 * 1024, io::stdout().lock());
    for v in values {
        writeln!(out, "{v}").map_err(|e| Failure::io("cannot write stdout", &e))?;
    }
    out.flush()
        .map_err(|e| Failure::io("cannot write stdout", &e))
}
