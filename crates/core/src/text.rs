//! String transforms: the greeting, the two suffix functions and the ASCII
//! uppercase of the tutorial's WASI program.
//!
//! Every function that builds a new string allocates exactly once, with a
//! fallible reservation, so a huge input yields [`AllocError`] instead of an
//! abort. One function per behaviour: faces that receive bytes decode them
//! first (the kit's `decode_lossy`).

use alloc::string::String;

use crate::AllocError;

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

/// Uppercases the ASCII letters `a`–`z` in place and leaves every other
/// byte alone, so UTF-8 stays valid and non-ASCII text is unchanged.
/// Because it works byte by byte, a stream can be processed in chunks split
/// anywhere.
pub fn ascii_uppercase_in_place(bytes: &mut [u8]) {
    bytes.make_ascii_uppercase();
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
    fn ascii_uppercase_touches_only_ascii_letters() {
        assert_eq!(ascii_uppercase("straße 42ä").unwrap(), "STRAßE 42ä");
        let mut bytes = *b"a\xffz{";
        ascii_uppercase_in_place(&mut bytes);
        assert_eq!(&bytes, b"A\xffZ{");
    }
}
