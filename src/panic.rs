//! Panics reach JS as a `PanicError` carrying the panic's message, and the
//! next call runs on a fresh instance.
//!
//! No input should make this package panic (the property and fuzz suites
//! look for one); this is what happens if a bug does. The hook, installed at
//! start:
//! 1. records location and message in the kit's static panic record
//!    (no lock, no allocation of its own);
//! 2. logs it with `console_error_panic_hook` (default feature);
//! 3. asks the glue to replace the instance before the next export call
//!    (`wasm_bindgen::handler::schedule_reinit`): a panicking call may leave
//!    the heap, the shadow stack pointer or a lock half-updated, so the old
//!    instance is never entered again.
//!
//! Then `panic = "abort"` traps. The package's API layer
//! (`pkg-template/lib/api.js`) catches the `RuntimeError`, reads the record
//! out of the dead instance's memory (its address comes from
//! [`panic_record`], which only returns a constant) and throws a
//! `PanicError` with the message. Objects created by the old instance
//! (`F32Buffer`, `U32Buffer`) then throw `StaleInstanceError` when used.

use std::cell::RefCell;
use std::panic::PanicHookInfo;

use rust_wasm_memory_kit::panic as record;
use wasm_bindgen::prelude::*;

/// Installs [`hook`] (once per instance).
pub(crate) fn install() {
    record::install_with(hook);
}

thread_local! {
    /// The API layer's callback, told that this instance is done for.
    static TRAP_LISTENER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

fn hook(info: &PanicHookInfo<'_>) {
    record::record(info);
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::hook(info);
    wasm_bindgen::handler::schedule_reinit();
    // Whoever made the call that panicked (the API layer, or a raw toolkit
    // sharing this instance), the API layer learns that the instance is
    // gone. A listener that throws is ignored: the trap follows anyway.
    TRAP_LISTENER.with(|listener| {
        if let Some(f) = listener
            .try_borrow()
            .ok()
            .as_deref()
            .and_then(Option::as_ref)
        {
            let _ = f.call0(&JsValue::NULL);
        }
    });
}

/// Registers `listener`, called (with no arguments) by the panic hook of
/// this instance. The API layer registers one on every new instance.
#[wasm_bindgen(js_name = "__setTrapListener", skip_typescript)]
pub fn set_trap_listener(listener: js_sys::Function) {
    TRAP_LISTENER.with(|l| *l.borrow_mut() = Some(listener));
}

/// The address of the panic record (static memory, see the kit's
/// `PanicRecord`). Calls nothing and touches no memory, so the API layer may
/// call it on an instance that trapped.
#[wasm_bindgen(js_name = "__panicRecord", skip_typescript)]
pub fn panic_record() -> usize {
    core::ptr::from_ref(&record::RECORD).addr()
}

/// Asks the glue to replace this instance before the next call. The API
/// layer calls it, as a bare wasm export, after a trap that the panic hook
/// did not see (a trap with no panic); like [`panic_record`] it touches no
/// memory, so it is safe on a trapped instance.
#[wasm_bindgen(js_name = "__scheduleReinit", skip_typescript)]
pub fn schedule_reinit() {
    wasm_bindgen::handler::schedule_reinit();
}

/// Panics on purpose with `message`, so tests (and users testing their own
/// recovery) can see what a panic does. Reached through the package's
/// `rust-wasm-memory/testing` entry; not in the main API.
#[wasm_bindgen(js_name = "__panicProbe", skip_typescript)]
pub fn panic_probe(message: &str) {
    panic!("{message}");
}
