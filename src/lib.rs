//! The idiomatic wasm-bindgen face of `rust-wasm-memory`: what the npm
//! package exports.
//!
//! Each export is a thin adapter: it checks the JS arguments (types, integer
//! ranges, allocatability), copies data into wasm memory when it must, calls
//! the pure core (`rust_wasm_memory_core`) and converts the result back.
//!
//! What this face must never do:
//! - trap on bad input: a wrong type is a `TypeError`, an out-of-range number
//!   or an allocation that cannot be had is a `RangeError`;
//! - hold logic of its own: behaviour lives in the core, so every face agrees;
//! - leak: every buffer it allocates is owned by a Rust value that drops
//!   before the call returns.
//!
//! JS names are camelCase (`sumU32`); the Rust names keep the tutorial's
//! names. What JS users call is the package's API layer
//! (`pkg-template/lib/`), which wraps this module's generated glue.

mod args;
mod buffers;
mod heap;
mod numbers;
mod panic;
mod small;
mod strings;
mod typed;

// Linking the raw face puts its exports (sum_u32, alloc, free_buffer, ...)
// into this module too, so the JS toolkit can work in the same memory. Only
// linked: nothing here calls into it. The kit's counting allocator (enabled
// in Cargo.toml) is what heapStats() reads.
use rust_wasm_memory_raw as _;

pub use buffers::{F32Buffer, U32Buffer};
pub use heap::heap_stats;
pub use numbers::{
    add, fill_buffer, fill_doubles, make_number_array, normalize, normalize_peak, scale_and_add,
    sum_u32,
};
pub use strings::{ascii_uppercase, echo_suffix, greet, process_string};

use wasm_bindgen::prelude::*;

/// Runs once when each instance starts (again after a panic's reset): it
/// installs the panic hook, which turns a panic (a bug: no input should cause
/// one) into a `PanicError` in JS; see `panic.rs`.
///
/// wasm-bindgen also exports start functions to JS; the internal name keeps
/// it out of the public API (the Node ESM entry skips `__` names).
#[wasm_bindgen(start, js_name = "__start", skip_typescript)]
fn start() {
    panic::install();
}

/// Live `JsValue` slots in wasm-bindgen's externref table
/// (`wasm_bindgen::externref_heap_live_count`), for leak tests through
/// `rust-wasm-memory/testing`.
#[wasm_bindgen(js_name = "__externrefsLive", skip_typescript)]
pub fn externrefs_live() -> u32 {
    wasm_bindgen::externref_heap_live_count()
}

/// The current instance's raw exports, for the API layer (which must see
/// the instance that replaced one that trapped).
#[wasm_bindgen(js_name = "__wasmExports", skip_typescript)]
pub fn wasm_exports() -> JsValue {
    wasm_bindgen::exports()
}
