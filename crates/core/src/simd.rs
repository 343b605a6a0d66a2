//! wasm32 simd128 kernels for the hot loops: the maximum (and the peak
//! magnitude) and the division of `normalize`, `sum_u32` and
//! `fill_doubles`. Compiled only for
//! `wasm32` with `target-feature=+simd128` (set in `.cargo/config.toml`);
//! everywhere else the scalar loops in `numbers.rs` run, and they are the
//! reference these kernels must match bit for bit.
//!
//! No `unsafe`: vectors are built from `chunks_exact` lanes and written back
//! lane by lane; LLVM turns those into single `v128.load`/`v128.store`.
//!
//! NaN: the maximum uses `f32x4_pmax(acc, v)`, defined as
//! `acc < v ? v : acc`, so a NaN `v` never replaces `acc` (which starts at
//! `-Inf` and so is never NaN). That is exactly `f32::max`'s "ignore NaN".

use core::arch::wasm32::*;

/// The maximum, skipping NaN; `-Inf` for an empty or all-NaN slice.
pub fn max_ignoring_nan(values: &[f32]) -> f32 {
    max_of(values, |v| v, |v| v)
}

/// The largest magnitude, skipping NaN; `-Inf` for an empty or all-NaN
/// slice. `f32x4_abs` clears the sign bit (NaN stays NaN, which `pmax`
/// skips as in [`max_ignoring_nan`]).
pub fn peak_ignoring_nan(values: &[f32]) -> f32 {
    max_of(values, |v| f32x4_abs(v), f32::abs)
}

/// The maximum of `lanes(v)` over the slice (`scalar` for the tail),
/// skipping NaN, in four accumulators of four lanes.
#[inline(always)]
fn max_of(values: &[f32], lanes: impl Fn(v128) -> v128, scalar: impl Fn(f32) -> f32) -> f32 {
    let mut chunks = values.chunks_exact(16);
    let mut acc = [f32x4_splat(f32::NEG_INFINITY); 4];
    for c in &mut chunks {
        for (k, a) in acc.iter_mut().enumerate() {
            let v = f32x4(c[4 * k], c[4 * k + 1], c[4 * k + 2], c[4 * k + 3]);
            *a = f32x4_pmax(*a, lanes(v));
        }
    }
    let acc = f32x4_pmax(f32x4_pmax(acc[0], acc[1]), f32x4_pmax(acc[2], acc[3]));
    let folded = [
        f32x4_extract_lane::<0>(acc),
        f32x4_extract_lane::<1>(acc),
        f32x4_extract_lane::<2>(acc),
        f32x4_extract_lane::<3>(acc),
    ];
    folded
        .into_iter()
        .chain(chunks.remainder().iter().map(|&v| scalar(v)))
        .fold(f32::NEG_INFINITY, f32::max)
}

/// Divides every element by `divisor` (IEEE-754 division, lane by lane).
pub fn divide_all(values: &mut [f32], divisor: f32) {
    let d = f32x4_splat(divisor);
    let mut chunks = values.chunks_exact_mut(4);
    for c in &mut chunks {
        let q = f32x4_div(f32x4(c[0], c[1], c[2], c[3]), d);
        c[0] = f32x4_extract_lane::<0>(q);
        c[1] = f32x4_extract_lane::<1>(q);
        c[2] = f32x4_extract_lane::<2>(q);
        c[3] = f32x4_extract_lane::<3>(q);
    }
    for v in chunks.into_remainder() {
        *v /= divisor;
    }
}

/// The wrapping sum (addition modulo 2^32 is associative, so lane order
/// does not change the result).
pub fn sum_u32(values: &[u32]) -> u32 {
    let mut chunks = values.chunks_exact(16);
    let mut acc = [u32x4_splat(0); 4];
    for c in &mut chunks {
        for (k, a) in acc.iter_mut().enumerate() {
            *a = i32x4_add(
                *a,
                u32x4(c[4 * k], c[4 * k + 1], c[4 * k + 2], c[4 * k + 3]),
            );
        }
    }
    let acc = i32x4_add(i32x4_add(acc[0], acc[1]), i32x4_add(acc[2], acc[3]));
    let lanes = [
        u32x4_extract_lane::<0>(acc),
        u32x4_extract_lane::<1>(acc),
        u32x4_extract_lane::<2>(acc),
        u32x4_extract_lane::<3>(acc),
    ];
    lanes
        .into_iter()
        .chain(chunks.remainder().iter().copied())
        .fold(0u32, u32::wrapping_add)
}

/// Element `i` ← `2 * i` (wrapping).
pub fn fill_doubles(slots: &mut [u32]) {
    let step = u32x4_splat(8);
    let mut next = u32x4(0, 2, 4, 6);
    let mut chunks = slots.chunks_exact_mut(4);
    for c in &mut chunks {
        c[0] = u32x4_extract_lane::<0>(next);
        c[1] = u32x4_extract_lane::<1>(next);
        c[2] = u32x4_extract_lane::<2>(next);
        c[3] = u32x4_extract_lane::<3>(next);
        next = i32x4_add(next, step);
    }
    let done = slots.len() - slots.len() % 4;
    for (i, slot) in slots[done..].iter_mut().enumerate() {
        *slot = ((done + i) as u32).wrapping_mul(2);
    }
}
