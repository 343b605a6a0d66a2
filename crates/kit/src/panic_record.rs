//! A fixed-size record of the last panic's text, written without locks or
//! allocation so a panic hook can fill it whatever state the program is in.
//!
//! [`crate::panic::RECORD`] is the one a module keeps; the host reads it straight out of
//! linear memory after the trap, without calling back into the instance.
//! Its layout is fixed (`repr(C)`): a little-endian `u32` byte length at
//! offset 0, then up to [`PANIC_RECORD_CAPACITY`] bytes of UTF-8 at offset 4.
//! Text past the capacity is dropped at a character boundary, so the record
//! is valid UTF-8 after every write.

use core::fmt;
use core::sync::atomic::{AtomicU8, AtomicU32, Ordering};

/// How many bytes of text a [`PanicRecord`] keeps.
///
/// ```
/// use core::fmt::Write;
/// use rust_wasm_memory_kit::{PANIC_RECORD_CAPACITY, PanicRecord};
/// let record = PanicRecord::new();
/// let _ = record.start().write_str(&"x".repeat(2 * PANIC_RECORD_CAPACITY));
/// assert_eq!(record.len(), PANIC_RECORD_CAPACITY);
/// ```
pub const PANIC_RECORD_CAPACITY: usize = 1024;

/// The last panic's text: see the module docs for the layout.
///
/// ```
/// use core::fmt::Write;
/// use rust_wasm_memory_kit::{PANIC_RECORD_CAPACITY, PanicRecord};
/// static RECORD: PanicRecord = PanicRecord::new();
/// let _ = write!(RECORD.start(), "src/lib.rs:1:1\n{}", "boom");
/// let mut buf = [0; PANIC_RECORD_CAPACITY];
/// assert_eq!(RECORD.read(&mut buf), "src/lib.rs:1:1\nboom");
/// ```
#[repr(C)]
#[derive(Debug)]
pub struct PanicRecord {
    len: AtomicU32,
    bytes: [AtomicU8; PANIC_RECORD_CAPACITY],
}

impl Default for PanicRecord {
    fn default() -> Self {
        Self::new()
    }
}

impl PanicRecord {
    /// An empty record, usable in a `static`.
    ///
    /// ```
    /// static EMPTY: rust_wasm_memory_kit::PanicRecord = rust_wasm_memory_kit::PanicRecord::new();
    /// assert!(EMPTY.is_empty());
    /// ```
    pub const fn new() -> Self {
        Self {
            len: AtomicU32::new(0),
            bytes: [const { AtomicU8::new(0) }; PANIC_RECORD_CAPACITY],
        }
    }

    /// Empties the record and returns a writer that appends to it.
    ///
    /// ```
    /// use core::fmt::Write;
    /// let record = rust_wasm_memory_kit::PanicRecord::new();
    /// let _ = record.start().write_str("first");
    /// let _ = record.start().write_str("2nd");
    /// assert_eq!(record.len(), 3);
    /// ```
    pub fn start(&self) -> RecordWriter<'_> {
        self.len.store(0, Ordering::Release);
        RecordWriter {
            record: self,
            at: 0,
            cut: false,
        }
    }

    /// The stored length in bytes.
    ///
    /// ```
    /// use core::fmt::Write;
    /// let record = rust_wasm_memory_kit::PanicRecord::new();
    /// let _ = record.start().write_str("é");
    /// assert_eq!(record.len(), 2); // bytes, not characters
    /// ```
    pub fn len(&self) -> usize {
        self.len.load(Ordering::Acquire) as usize
    }

    /// True when nothing has been recorded since the last [`start`](Self::start).
    ///
    /// ```
    /// assert!(rust_wasm_memory_kit::PanicRecord::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Copies the text into `buf` and returns it.
    ///
    /// ```
    /// use core::fmt::Write;
    /// use rust_wasm_memory_kit::{PANIC_RECORD_CAPACITY, PanicRecord};
    /// let record = PanicRecord::new();
    /// let _ = record.start().write_str("text");
    /// assert_eq!(record.read(&mut [0; PANIC_RECORD_CAPACITY]), "text");
    /// ```
    pub fn read<'b>(&self, buf: &'b mut [u8; PANIC_RECORD_CAPACITY]) -> &'b str {
        let len = self.len().min(PANIC_RECORD_CAPACITY);
        for (dst, src) in buf[..len].iter_mut().zip(&self.bytes) {
            *dst = src.load(Ordering::Relaxed);
        }
        // Writers only ever store whole characters; fall back to the longest
        // valid prefix all the same rather than trust memory a host can write.
        match core::str::from_utf8(&buf[..len]) {
            Ok(text) => text,
            Err(e) => core::str::from_utf8(&buf[..e.valid_up_to()]).unwrap_or_default(),
        }
    }
}

/// Appends text to a [`PanicRecord`]; see [`PanicRecord::start`].
///
/// ```
/// use core::fmt::Write;
/// let record = rust_wasm_memory_kit::PanicRecord::new();
/// let mut w = record.start();
/// write!(w, "{}+{}", 1, 2).unwrap();
/// assert_eq!(record.len(), 3);
/// ```
#[derive(Debug)]
pub struct RecordWriter<'r> {
    record: &'r PanicRecord,
    at: usize,
    /// Set once text has been dropped: nothing after a gap is appended.
    cut: bool,
}

impl fmt::Write for RecordWriter<'_> {
    /// Appends as much of `s` as fits, cut at a character boundary. Never
    /// fails: a full record silently keeps its first
    /// [`PANIC_RECORD_CAPACITY`] bytes, and once anything was dropped,
    /// later writes are dropped too, so the text never has a hole.
    fn write_str(&mut self, s: &str) -> fmt::Result {
        if self.cut {
            return Ok(());
        }
        let room = PANIC_RECORD_CAPACITY - self.at;
        let mut take = s.len().min(room);
        while !s.is_char_boundary(take) {
            take -= 1;
        }
        for (dst, &b) in self.record.bytes[self.at..]
            .iter()
            .zip(&s.as_bytes()[..take])
        {
            dst.store(b, Ordering::Relaxed);
        }
        self.at += take;
        self.cut = take < s.len();
        self.record.len.store(self.at as u32, Ordering::Release);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use core::fmt::Write;

    fn text(record: &PanicRecord) -> String {
        let mut buf = [0; PANIC_RECORD_CAPACITY];
        record.read(&mut buf).into()
    }

    #[test]
    fn starts_empty_and_records_formatted_text() {
        let record = PanicRecord::new();
        assert!(record.is_empty());
        write!(record.start(), "src/lib.rs:{}:{}\nboom", 3, 9).unwrap();
        assert_eq!(text(&record), "src/lib.rs:3:9\nboom");
        assert_eq!(record.len(), 19);
    }

    #[test]
    fn start_replaces_the_previous_text() {
        let record = PanicRecord::new();
        write!(record.start(), "a long first message").unwrap();
        write!(record.start(), "second").unwrap();
        assert_eq!(text(&record), "second");
    }

    #[test]
    fn overlong_text_is_cut_at_a_character_boundary() {
        let record = PanicRecord::new();
        let mut w = record.start();
        // 1023 ASCII bytes, then a 4-byte character that cannot fit whole.
        for _ in 0..1023 {
            w.write_char('x').unwrap();
        }
        w.write_str("\u{1F600}tail").unwrap();
        let t = text(&record);
        assert_eq!(t.len(), 1023);
        assert!(t.bytes().all(|b| b == b'x'));
        // Nothing is appended after the cut, even what would fit.
        w.write_str("y").unwrap();
        assert_eq!(record.len(), 1023);
    }

    #[test]
    fn layout_is_length_then_bytes() {
        let record = PanicRecord::new();
        write!(record.start(), "hi").unwrap();
        let base = core::ptr::from_ref(&record).addr();
        assert_eq!(core::ptr::from_ref(&record.len).addr(), base);
        assert_eq!(core::ptr::from_ref(&record.bytes).addr(), base + 4);
        assert_eq!(
            core::mem::size_of::<PanicRecord>(),
            4 + PANIC_RECORD_CAPACITY
        );
    }
}
