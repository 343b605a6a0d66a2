//! What a panic leaves behind for the host.
//!
//! No input should make this crate panic (the fuzz target and the property
//! suites look for one), but if a bug does, the host should learn *what*
//! went wrong, not just `RuntimeError: unreachable`. The hook installed by
//! [`install_hook`] writes the panic's location and message into [`RECORD`]
//! without taking a lock; `panic_record()` (an export) gives its address, and
//! the host reads it out of linear memory after the trap, without calling
//! back into the dead instance. The text is `"<file>:<line>:<col>\n<message>"`.
//!
//! With `panic = "abort"` the instance traps after the hook runs: its stack
//! pointer and any half-finished heap update are left as they were, so the
//! instance must not be used again. The JS toolkit enforces that.

use core::fmt::Write;
use std::panic::PanicHookInfo;
use std::sync::Once;

use crate::PanicRecord;

/// The last panic's text (see the module docs).
///
/// ```
/// use rust_wasm_memory_kit::{PANIC_RECORD_CAPACITY, panic::RECORD};
/// let mut buf = [0; PANIC_RECORD_CAPACITY];
/// let text = RECORD.read(&mut buf); // empty until a recorded panic
/// assert!(text.is_empty() || text.contains('\n'));
/// ```
pub static RECORD: PanicRecord = PanicRecord::new();

/// Writes `info` into [`RECORD`], replacing what was there.
///
/// ```
/// use rust_wasm_memory_kit::{PANIC_RECORD_CAPACITY, panic};
/// std::panic::set_hook(Box::new(panic::record));
/// let _ = std::panic::catch_unwind(|| panic!("recorded"));
/// let _ = std::panic::take_hook();
/// let mut buf = [0; PANIC_RECORD_CAPACITY];
/// assert!(panic::RECORD.read(&mut buf).ends_with("\nrecorded"));
/// ```
pub fn record(info: &PanicHookInfo<'_>) {
    let mut w = RECORD.start();
    if let Some(at) = info.location() {
        let _ = write!(w, "{}:{}:{}", at.file(), at.line(), at.column());
    }
    let _ = w.write_char('\n');
    let payload = info.payload();
    let message = payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("panic with a non-string payload");
    let _ = w.write_str(message);
}

/// Installs a panic hook that only calls [`record`]. The first hook
/// installed through this module wins: the wasm-bindgen build installs its
/// own (which records, then reports to JS) with [`install_with`] at start,
/// and a later `install_panic_hook()` from the JS toolkit leaves it alone.
///
/// ```
/// rust_wasm_memory_kit::panic::install_hook();
/// rust_wasm_memory_kit::panic::install_hook(); // idempotent
/// ```
pub fn install_hook() {
    install_with(record);
}

/// Installs `hook` as the panic hook unless one was installed through this
/// module already.
///
/// ```
/// use rust_wasm_memory_kit::panic;
/// // A module with its own reporting: record, then tell the host.
/// fn hook(info: &std::panic::PanicHookInfo<'_>) {
///     panic::record(info);
///     eprintln!("{info}");
/// }
/// panic::install_with(hook);
/// ```
pub fn install_with(hook: fn(&PanicHookInfo<'_>)) {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| std::panic::set_hook(Box::new(hook)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PANIC_RECORD_CAPACITY;

    #[test]
    fn a_caught_panic_is_recorded_with_its_location() {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(record));
        let line = line!() + 1;
        let _ = std::panic::catch_unwind(|| panic!("deliberate: {}", 42));
        std::panic::set_hook(previous);
        let mut buf = [0; PANIC_RECORD_CAPACITY];
        let text = RECORD.read(&mut buf);
        let (location, message) = text.split_once('\n').unwrap();
        assert!(
            location.starts_with(&format!("{}:{line}:", file!())),
            "{location}"
        );
        assert_eq!(message, "deliberate: 42");
    }
}
