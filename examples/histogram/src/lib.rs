//! A histogram of f32 values, exported to JS through rust-wasm-memory-kit.
//!
//! The export checks every host `(ptr, len)` with the kit's `Host` and
//! returns a status code; this file has no `unsafe`. The JS side is
//! `examples/histogram/histogram.mjs`, which declares the export for the
//! toolkit (`rust-wasm-memory/raw`).
#![forbid(unsafe_code)]

use rust_wasm_memory_kit::{Status, call, export};

export! {
    /// Counts the `len` f32 at `values` into the `bins_len` u32 at `bins`:
    /// equal-width bins over `[lo, hi)`, added to the counts already there.
    /// Writes how many values fell outside `[lo, hi)` (NaN included) to
    /// `*outside`. Status -13 (invalid argument) unless `lo < hi`, both
    /// finite, and `bins_len > 0`.
    fn histogram(
        values: *const f32,
        len: u32,
        lo: f32,
        hi: f32,
        bins: *mut u32,
        bins_len: u32,
        outside: *mut u32,
    ) -> i32 {
        call(|host| {
            let values = host.slice(values, len as usize)?;
            let bins = host.slice_mut(bins, bins_len as usize)?;
            let outside = host.out(outside)?;
            *outside = count(values, lo, hi, bins).ok_or(Status::InvalidArgument)?;
            Ok(())
        })
    }
}

/// The histogram itself, plain Rust: adds each value of `values` in
/// `[lo, hi)` to its bin of `bins` (equal widths, computed in f64 so that a
/// host can reproduce the bin of every value exactly) and returns how many
/// values were outside. `None` unless `lo < hi`, both finite, and `bins` is
/// not empty.
///
/// ```
/// let mut bins = [0u32; 4];
/// assert_eq!(histogram::count(&[0.0, 0.3, 0.99, 1.0, -1.0, f32::NAN], 0.0, 1.0, &mut bins), Some(3));
/// assert_eq!(bins, [1, 1, 0, 1]);
/// assert_eq!(histogram::count(&[], 1.0, 1.0, &mut bins), None);
/// ```
pub fn count(values: &[f32], lo: f32, hi: f32, bins: &mut [u32]) -> Option<u32> {
    if !(lo.is_finite() && hi.is_finite() && lo < hi) || bins.is_empty() {
        return None;
    }
    let (lo, width, n) = (f64::from(lo), f64::from(hi) - f64::from(lo), bins.len());
    let mut outside = 0u32;
    for &v in values {
        let v = f64::from(v);
        // NaN fails both comparisons, so it counts as outside.
        if v >= lo && v < lo + width {
            // v < hi, but the product can round up to n at the top edge.
            let i = (((v - lo) / width) * n as f64) as usize;
            let slot = &mut bins[i.min(n - 1)];
            *slot = slot.wrapping_add(1);
        } else {
            outside = outside.wrapping_add(1);
        }
    }
    Some(outside)
}
