//! String transforms: the greeting, the two suffix functions and the ASCII
//! uppercase of the seed's WASI program.
//!
//! Every function that builds a new string allocates exactly once, with a
//! fallible reservation, so a huge input yields [`AllocError`] instead of an
//! abort. Byte-oriented variants (`*_lossy`) take arbitrary bytes and
//! replace each invalid UTF-8 sequence with U+FFFD, exactly as
//! `String::from_utf8_lossy` does; the raw C ABI uses them.

use alloc::string::String;
use alloc::vec::Vec;

use crate::{try_vec, AllocError};

/// What [`greet`] puts before the name.
pub const GREETING_PREFIX: &str = "Hello, ";
/// What [`process_string`] appends.
pub const PROCESSED_SUFFIX: &str = "_processed";
/// What [`echo_suffix`] appends.
pub const ECHO_SUFFIX: &str = "_echo";

/// `"Hello, "` followed by `name`, unchanged (no trimming, no punctuation).
pub fn greet(name: &str) -> Result<String, AllocError> {
    concat(GREETING_PREFIX, name, "")
}

/// `input` followed by `"_processed"`.
pub fn process_string(input: &str) -> Result<String, AllocError> {
    concat("", input, PROCESSED_SUFFIX)
}

/// `input` followed by `"_echo"`.
pub fn echo_suffix(input: &str) -> Result<String, AllocError> {
    concat("", input, ECHO_SUFFIX)
}

/// [`process_string`] over bytes that may not be UTF-8 (decoded lossily).
pub fn process_string_lossy(input: &[u8]) -> Result<Vec<u8>, AllocError> {
    lossy_concat("", input, PROCESSED_SUFFIX)
}

/// [`echo_suffix`] over bytes that may not be UTF-8 (decoded lossily).
pub fn echo_suffix_lossy(input: &[u8]) -> Result<Vec<u8>, AllocError> {
    lossy_concat("", input, ECHO_SUFFIX)
}

/// [`greet`] over bytes that may not be UTF-8 (decoded lossily).
pub fn greet_lossy(name: &[u8]) -> Result<Vec<u8>, AllocError> {
    lossy_concat(GREETING_PREFIX, name, "")
}

/// [`ascii_uppercase`] over bytes that may not be UTF-8 (decoded lossily,
/// then uppercased), so the result is always valid UTF-8.
pub fn ascii_uppercase_lossy(input: &[u8]) -> Result<Vec<u8>, AllocError> {
    let mut out = lossy_concat("", input, "")?;
    out.make_ascii_uppercase();
    Ok(out)
}

/// Uppercases the ASCII letters `a`–`z` in place and leaves every other
/// byte alone, so UTF-8 stays valid and non-ASCII text is unchanged.
/// Because it works byte by byte, a stream can be processed in chunks split
/// anywhere.
pub fn ascii_uppercase_in_place(bytes: &mut [u8]) {
    bytes.make_ascii_uppercase();
}

/// [`ascii_uppercase_in_place`] for a `str` the caller owns (stays valid
/// UTF-8: only ASCII bytes change).
pub fn ascii_uppercase_in_place_str(text: &mut str) {
    text.make_ascii_uppercase();
}

/// A copy of `input` with `a`–`z` uppercased (see
/// [`ascii_uppercase_in_place`]); `"straße"` becomes `"STRAßE"`.
pub fn ascii_uppercase(input: &str) -> Result<String, AllocError> {
    let mut out = concat("", input, "")?;
    out.make_ascii_uppercase();
    Ok(out)
}

fn concat(prefix: &str, middle: &str, suffix: &str) -> Result<String, AllocError> {
    // Checked: a huge `middle` plus a suffix must not wrap to a small size.
    let len = prefix
        .len()
        .checked_add(middle.len())
        .and_then(|n| n.checked_add(suffix.len()))
        .ok_or(AllocError {
            requested_bytes: prefix.len() as u128 + middle.len() as u128 + suffix.len() as u128,
        })?;
    let mut out = String::new();
    out.try_reserve_exact(len).map_err(|_| AllocError {
        requested_bytes: len as u128,
    })?;
    out.push_str(prefix);
    out.push_str(middle);
    out.push_str(suffix);
    Ok(out)
}

const REPLACEMENT: &str = "\u{FFFD}";

fn lossy_concat(prefix: &str, input: &[u8], suffix: &str) -> Result<Vec<u8>, AllocError> {
    let decoded_len: u128 = input
        .utf8_chunks()
        .map(|c| {
            let replacement = if c.invalid().is_empty() {
                0
            } else {
                REPLACEMENT.len()
            };
            (c.valid().len() + replacement) as u128
        })
        .sum();
    let total = prefix.len() as u128 + decoded_len + suffix.len() as u128;
    let len = usize::try_from(total).map_err(|_| AllocError {
        requested_bytes: total,
    })?;
    let mut out = try_vec::<u8>(len)?;
    out.extend_from_slice(prefix.as_bytes());
    for chunk in input.utf8_chunks() {
        out.extend_from_slice(chunk.valid().as_bytes());
        if !chunk.invalid().is_empty() {
            out.extend_from_slice(REPLACEMENT.as_bytes());
        }
    }
    out.extend_from_slice(suffix.as_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greet_prefixes_the_name_verbatim() {
        assert_eq!(greet("WebAssembly").unwrap(), "Hello, WebAssembly");
        assert_eq!(greet("").unwrap(), "Hello, ");
        assert_eq!(greet("<b>x</b>").unwrap(), "Hello, <b>x</b>");
    }

    #[test]
    fn suffix_functions_append_their_suffix() {
        assert_eq!(process_string("hello").unwrap(), "hello_processed");
        assert_eq!(echo_suffix("hello").unwrap(), "hello_echo");
        assert_eq!(echo_suffix("").unwrap(), "_echo");
    }

    #[test]
    fn lossy_greet_and_uppercase_match_the_str_versions_on_valid_input() {
        assert_eq!(
            greet_lossy("Zoë".as_bytes()).unwrap(),
            greet("Zoë").unwrap().as_bytes()
        );
        assert_eq!(
            greet_lossy(b"a\xffb").unwrap(),
            "Hello, a\u{FFFD}b".as_bytes()
        );
        assert_eq!(
            ascii_uppercase_lossy("straße".as_bytes()).unwrap(),
            "STRAßE".as_bytes()
        );
        assert_eq!(
            ascii_uppercase_lossy(b"a\xc3").unwrap(),
            "A\u{FFFD}".as_bytes()
        );
    }

    #[test]
    fn lossy_variants_replace_each_invalid_sequence_once() {
        assert_eq!(
            process_string_lossy(b"a\xffb").unwrap(),
            "a\u{FFFD}b_processed".as_bytes()
        );
        assert_eq!(
            echo_suffix_lossy(b"\xf0\x9f\x98").unwrap(),
            "\u{FFFD}_echo".as_bytes()
        );
    }

    #[test]
    fn ascii_uppercase_touches_only_ascii_letters() {
        assert_eq!(ascii_uppercase("straße 42ä").unwrap(), "STRAßE 42ä");
        let mut bytes = *b"a\xffz{";
        ascii_uppercase_in_place(&mut bytes);
        assert_eq!(&bytes, b"A\xffZ{");
    }
}
