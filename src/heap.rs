//! `heapStats()`: the counting allocator's numbers as a plain JS object, so
//! callers (tests, the demo) can watch for leaks without any raw calls.

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const HEAP_STATS_TS: &str = r#"
/** The Rust heap inside this module's memory, in bytes and allocations. */
export interface HeapStats {
  /** Bytes currently allocated (requested sizes, not allocator overhead). */
  liveBytes: number;
  /** Allocations currently live. */
  liveAllocations: number;
  /** Allocations made since the module started. */
  totalAllocations: number;
  /** The highest liveBytes seen since the module started. */
  peakLiveBytes: number;
  /** Blocks handed to the host by the raw exports and not yet freed. */
  hostBlocks: number;
  /**
   * The size of this module's linear memory, in bytes (a multiple of
   * 65536). WebAssembly memory grows and never shrinks: after a large call
   * the heap's liveBytes fall back, but memoryBytes stays at its high-water
   * mark for the life of the instance, and so does the process's memory.
   */
  memoryBytes: number;
}
"#;

/// A snapshot of the Rust heap: live bytes and allocations, the total and
/// the peak, and the size of linear memory (which never shrinks). Reading
/// it allocates nothing on the Rust heap, so two calls with nothing in
/// between return equal `liveBytes`.
#[wasm_bindgen(js_name = heapStats, unchecked_return_type = "HeapStats")]
pub fn heap_stats() -> JsValue {
    let s = rust_wasm_memory_kit::heap::stats();
    let blocks = rust_wasm_memory_kit::blocks::live_blocks();
    let out = Object::new();
    for (key, value) in [
        ("liveBytes", s.live_bytes),
        ("liveAllocations", s.live_allocations),
        ("totalAllocations", s.total_allocations),
        ("peakLiveBytes", s.peak_live_bytes),
        ("hostBlocks", blocks),
        ("memoryBytes", memory_bytes()),
    ] {
        // Setting a data property on a fresh plain object cannot fail.
        let _ = Reflect::set(&out, &JsValue::from_str(key), &JsValue::from(value as f64));
    }
    out.into()
}

/// The current size of linear memory 0, in bytes.
fn memory_bytes() -> usize {
    #[cfg(target_arch = "wasm32")]
    {
        core::arch::wasm32::memory_size(0) * 65536
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0
    }
}
