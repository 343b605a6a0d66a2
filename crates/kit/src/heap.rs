//! A counting global allocator (installed with the `counting-allocator`
//! feature): the system allocator (dlmalloc on wasm32)
//! plus counters of live bytes and live allocations, so tests can assert "no
//! leak" and the demo can draw the heap. Counters are atomics, never locks,
//! so allocating while the block registry is locked is fine.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);
static LIVE_ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static TOTAL_ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static PEAK_LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

/// The heap statistics (the raw face's `heap_stats` export writes them as
/// four 32-bit words, in this order).
///
/// ```
/// let stats = rust_wasm_memory_kit::heap::stats();
/// assert!(stats.peak_live_bytes >= stats.live_bytes);
/// ```
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct HeapStats {
    /// Bytes currently allocated (requested sizes, not allocator overhead).
    pub live_bytes: usize,
    /// Allocations currently live.
    pub live_allocations: usize,
    /// Allocations made since start.
    pub total_allocations: usize,
    /// The highest `live_bytes` seen since start.
    pub peak_live_bytes: usize,
}

#[allow(unsafe_code)] // HeapStats crosses the ABI as four words
// SAFETY: four `usize` fields under `repr(C)`: no padding, and every bit
// pattern is a valid HeapStats.
unsafe impl crate::blocks::Plain for HeapStats {}

/// The current statistics.
///
/// ```
/// use rust_wasm_memory_kit::heap;
/// let before = heap::stats();
/// let kept = vec![0u8; 64];
/// // Counted only with the `counting-allocator` feature; always consistent.
/// assert!(heap::stats().total_allocations >= before.total_allocations);
/// drop(kept);
/// ```
pub fn stats() -> HeapStats {
    HeapStats {
        live_bytes: LIVE_BYTES.load(Relaxed),
        live_allocations: LIVE_ALLOCATIONS.load(Relaxed),
        total_allocations: TOTAL_ALLOCATIONS.load(Relaxed),
        peak_live_bytes: PEAK_LIVE_BYTES.load(Relaxed),
    }
}

fn added(size: usize) {
    let live = LIVE_BYTES.fetch_add(size, Relaxed) + size;
    LIVE_ALLOCATIONS.fetch_add(1, Relaxed);
    TOTAL_ALLOCATIONS.fetch_add(1, Relaxed);
    PEAK_LIVE_BYTES.fetch_max(live, Relaxed);
}

fn removed(size: usize) {
    LIVE_BYTES.fetch_sub(size, Relaxed);
    LIVE_ALLOCATIONS.fetch_sub(1, Relaxed);
}

/// The system allocator, counted.
///
/// ```
/// // What the `counting-allocator` feature does, for a crate that installs
/// // it itself:
/// use rust_wasm_memory_kit::heap::CountingAllocator;
/// #[cfg(any())] // (a doc test cannot have a second global allocator)
/// #[global_allocator]
/// static GLOBAL: CountingAllocator = CountingAllocator;
/// ```
#[derive(Debug)]
pub struct CountingAllocator;

#[allow(unsafe_code)] // a GlobalAlloc impl is unsafe by definition
// SAFETY: every method forwards to `System` with the caller's own arguments,
// so `System`'s guarantees carry over unchanged; the counters only observe.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded contract (non-zero size is the caller's duty).
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            added(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            added(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller passes a block this allocator gave out, with
        // its layout, which is what `System.dealloc` requires.
        unsafe { System.dealloc(ptr, layout) };
        removed(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded contract.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            removed(layout.size());
            added(new_size);
            TOTAL_ALLOCATIONS.fetch_sub(1, Relaxed); // a move, not a new allocation
        }
        p
    }
}

#[cfg(feature = "counting-allocator")]
#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;
