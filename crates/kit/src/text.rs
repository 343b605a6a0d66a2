//! Host bytes as text. A host can put any bytes in a block; an export that
//! wants a `&str` decodes them the way `String::from_utf8_lossy` does (each
//! invalid sequence becomes U+FFFD), but fallibly: a huge input yields
//! [`Status::OutOfMemory`] instead of an abort.

use std::borrow::Cow;

use crate::Status;

/// `bytes` as text, borrowed when it is valid UTF-8, else a repaired copy.
///
/// ```
/// use rust_wasm_memory_kit::text::decode_lossy;
/// assert_eq!(decode_lossy(b"caf\xc3\xa9").unwrap(), "café");
/// assert_eq!(decode_lossy(b"a\xffb").unwrap(), "a\u{FFFD}b");
/// ```
pub fn decode_lossy(bytes: &[u8]) -> Result<Cow<'_, str>, Status> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    const REPLACEMENT: &str = "\u{FFFD}";
    let len: usize = bytes
        .utf8_chunks()
        .map(|c| {
            c.valid().len()
                + if c.invalid().is_empty() {
                    0
                } else {
                    REPLACEMENT.len()
                }
        })
        .sum();
    let mut out = String::new();
    out.try_reserve_exact(len)
        .map_err(|_| Status::OutOfMemory)?;
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            out.push_str(REPLACEMENT);
        }
    }
    Ok(Cow::Owned(out))
}
