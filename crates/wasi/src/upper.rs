//! The tutorial's file program, `input.txt` to an ASCII-uppercased
//! `output.txt`, made to stream: memory use is one fixed chunk, whatever
//! the file's size.
//!
//! The output is written to a temporary file beside it and renamed into
//! place at the end, so a failure never leaves a half-written OUTPUT, and
//! INPUT and OUTPUT may be the same file.

use std::fs::{self, File};
use std::io::{self, Read, Write};

use rust_wasm_memory_core as core_;

use crate::failure::Failure;

/// Bytes processed per read. ASCII uppercasing is byte by byte, so a
/// chunk may end anywhere, even inside a multi-byte UTF-8 character.
pub const CHUNK: usize = 64 * 1024;

pub fn file(input: &str, output: &str) -> Result<(), Failure> {
    Failure::check_inside(input)?;
    Failure::check_inside(output)?;
    let mut reader = File::open(input).map_err(|e| Failure::open_input(input, &e))?;
    if reader.metadata().map(|m| m.is_dir()).unwrap_or(false) {
        return Err(Failure::open_input(
            input,
            &io::Error::other("it is a directory"),
        ));
    }
    let temp = format!("{output}.rwm-partial");
    let mut writer = File::create(&temp).map_err(|e| Failure::create_output(output, &e))?;
    let streamed = stream(&mut reader, &mut writer, input, output).and_then(|()| {
        writer
            .sync_all()
            .map_err(|e| Failure::io(&format!("cannot write {output:?}"), &e))
    });
    drop(writer);
    if let Err(failure) = streamed {
        let _ = fs::remove_file(&temp);
        return Err(failure);
    }
    fs::rename(&temp, output).map_err(|e| {
        let _ = fs::remove_file(&temp);
        Failure::create_output(output, &e)
    })
}

/// Copies `from` to `to`, uppercasing ASCII letters, one chunk at a time.
pub fn stream(
    from: &mut impl Read,
    to: &mut impl Write,
    from_name: &str,
    to_name: &str,
) -> Result<(), Failure> {
    let mut chunk = vec![0u8; CHUNK];
    loop {
        let n = match from.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(Failure::io(&format!("cannot read {from_name}"), &e)),
        };
        core_::ascii_uppercase_in_place(&mut chunk[..n]);
        to.write_all(&chunk[..n])
            .map_err(|e| Failure::io(&format!("cannot write {to_name}"), &e))?;
    }
    to.flush()
        .map_err(|e| Failure::io(&format!("cannot write {to_name}"), &e))
}
