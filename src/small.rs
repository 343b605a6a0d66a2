//! The small-array path of the copy API.
//!
//! `sumU32`, `normalize` and `fillDoubles` on a typed array of at most
//! [`SMALL`] elements spend almost all their time on the boundary, not on
//! the work: a `JsValue` argument, type checks and a length read that each
//! call into JS, a heap allocation and two copies through fresh views. For
//! such arrays the API layer (`pkg-template/lib/api.js`) checks the type in
//! JS, copies the elements into [`SCRATCH`], a fixed area of this module's
//! memory, and calls one of the functions below, which run the same core
//! function on it in place (the fill, which has no input, writes its
//! output there with a loop of its own). Larger arrays, and anything the
//! layer does not recognise, take the general path (`numbers.rs`), which
//! also makes every error.
//!
//! The host writes the scratch area between calls, through the addresses
//! [`small_scratch`] and [`small_scratch_f32`] return. Rust reaches it only
//! through a `RefCell` borrow that lasts one call and holds no reference to
//! it across calls, so to Rust the host's writes are just what the memory
//! held when the borrow began.
//!
//! The kernels run on the area itself. An earlier version kept it as
//! atomics (which Rust may read while the host writes) and copied it to the
//! stack and back one element at a time, because atomics cannot be borrowed
//! as a slice. At 16 elements those scalar copies cost more than the work:
//! the bare `__smallNormalize(16)` export took about 60 ns in Node and
//! Chromium, and about 25–40 ns without them.

use core::cell::RefCell;
use core::mem::offset_of;

use rust_wasm_memory_core as core_;
use wasm_bindgen::prelude::*;

/// Elements the scratch area holds: the largest array the small path takes.
/// A multiple of [`BLOCK`].
pub const SMALL: usize = 64;

/// The elements [`small_fill_doubles`] writes at a time: four v128 stores.
const BLOCK: usize = 16;
const _: () = assert!(SMALL.is_multiple_of(BLOCK));

/// The scratch area: one array per element type, so that each kernel gets a
/// slice of its own type with no conversion.
#[repr(C, align(16))]
struct Scratch {
    f32: [f32; SMALL],
    u32: [u32; SMALL],
}

thread_local! {
    /// Where the host puts a small array's elements. (On wasm32 without
    /// threads a thread-local is a plain static: one area, at one address.)
    static SCRATCH: RefCell<Scratch> = const { RefCell::new(Scratch { f32: [0.0; SMALL], u32: [0; SMALL] }) };
}

/// Runs `work` on the scratch area, borrowed for one call.
fn with_scratch<R>(work: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with_borrow_mut(work)
}

/// The byte address of the scratch area's u32 elements (fixed for the
/// instance's life). Computed from the cell's address, without a borrow:
/// the host asks for it before its first small call, and a borrow flag the
/// host has overwritten must make that call's kernel panic (a `PanicError`
/// through the small path's trap handling), not this query, which the
/// layer makes outside the call protocol.
#[wasm_bindgen(js_name = "__smallScratch", skip_typescript)]
pub fn small_scratch() -> usize {
    SCRATCH.with(|cell| cell.as_ptr() as usize + offset_of!(Scratch, u32))
}

/// The byte address of the scratch area's f32 elements (fixed for the
/// instance's life); see [`small_scratch`].
#[wasm_bindgen(js_name = "__smallScratchF32", skip_typescript)]
pub fn small_scratch_f32() -> usize {
    SCRATCH.with(|cell| cell.as_ptr() as usize + offset_of!(Scratch, f32))
}

/// [`SMALL`], so the host never writes past the scratch area.
#[wasm_bindgen(js_name = "__smallCapacity", skip_typescript)]
pub fn small_capacity() -> usize {
    SMALL
}

/// `sum_u32` over the first `len` u32 scratch elements.
#[wasm_bindgen(js_name = "__smallSumU32", skip_typescript)]
pub fn small_sum_u32(len: usize) -> u32 {
    with_scratch(|s| core_::sum_u32(&s.u32[..len.min(SMALL)]))
}

/// `sum_u32` of up to 16 elements passed as arguments, not through the
/// scratch area: the host reads the array's elements and passes them in the
/// call, and the engine passes those in registers and on the stack. For a
/// shorter array the host passes 0 for the missing elements, which does not
/// change a sum.
///
/// Only the sum can take its whole input this way and give its whole result
/// back as the return value, so it alone skips the copy. In V8 a 64-byte
/// `%TypedArray%.prototype.set` costs about as much as the whole 16-element
/// JS sum. `normalize` could take its input the same way, but SpiderMonkey
/// makes every NaN it reads from a typed array the canonical NaN, and the
/// small path must keep NaN payloads bit for bit, as the general path does.
#[wasm_bindgen(js_name = "__smallSumU32Args", skip_typescript)]
#[allow(
    clippy::too_many_arguments,
    reason = "one argument per element is the point of this export"
)]
pub fn small_sum_u32_args(
    a0: u32,
    a1: u32,
    a2: u32,
    a3: u32,
    a4: u32,
    a5: u32,
    a6: u32,
    a7: u32,
    a8: u32,
    a9: u32,
    a10: u32,
    a11: u32,
    a12: u32,
    a13: u32,
    a14: u32,
    a15: u32,
) -> u32 {
    // A tree of wrapping adds, the same sum as `core_::sum_u32` (addition
    // modulo 2^32 does not depend on the order). Through `core_::sum_u32`
    // of a 16-element array, the arguments were first stored to the shadow
    // stack and loaded back, which cost 10-15 ns per call.
    let half = |a: u32, b: u32, c: u32, d: u32, e: u32, f: u32, g: u32, h: u32| {
        a.wrapping_add(b)
            .wrapping_add(c.wrapping_add(d))
            .wrapping_add(e.wrapping_add(f).wrapping_add(g.wrapping_add(h)))
    };
    half(a0, a1, a2, a3, a4, a5, a6, a7).wrapping_add(half(a8, a9, a10, a11, a12, a13, a14, a15))
}

/// `normalize` over the first `len` f32 scratch elements, in place; whether
/// it scaled them (the copy API's `normalize` result). When it did not, the
/// elements are unchanged.
#[wasm_bindgen(js_name = "__smallNormalize", skip_typescript)]
pub fn small_normalize(len: usize) -> bool {
    with_scratch(|s| core_::normalize(&mut s.f32[..len.min(SMALL)]).is_ok())
}

/// `fill_doubles` into the first `len` u32 scratch elements: element `i`
/// becomes `2 * i`, as `core_::fill_doubles` writes it (a test in
/// tests/shared holds the two paths to the same output).
///
/// It fills whole blocks of [`BLOCK`] elements, up to the one `len` ends
/// in; the host reads only the first `len`, and [`SMALL`] is a multiple of
/// [`BLOCK`], so the blocks stay inside the area. With no partial block the
/// compiler writes each block as four v128 stores of constants, the least
/// the work can be. Through `core_::fill_doubles`, whose loop handles any length, a
/// 16-element call took 2-3 ns more in Firefox and Node (in-page probe, 25
/// interleaved rounds, Firefox: 7.2-8.2 against 5.2 ns; the export that
/// only returns the capacity takes 4 ns).
#[wasm_bindgen(js_name = "__smallFillDoubles", skip_typescript)]
pub fn small_fill_doubles(len: usize) {
    let blocks = len.min(SMALL).div_ceil(BLOCK);
    with_scratch(|s| {
        for (b, block) in s.u32.chunks_exact_mut(BLOCK).take(blocks).enumerate() {
            let first = (b * BLOCK * 2) as u32;
            for (i, slot) in block.iter_mut().enumerate() {
                *slot = first + 2 * i as u32;
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fill_writes_the_core_fill_and_stays_in_its_blocks() {
        for len in 0..=SMALL + 6 {
            let n = len.min(SMALL);
            with_scratch(|s| s.u32.fill(7));
            small_fill_doubles(len);
            let mut expected = [0u32; SMALL];
            core_::fill_doubles(&mut expected[..n]);
            let written = n.div_ceil(BLOCK) * BLOCK;
            with_scratch(|s| {
                assert_eq!(s.u32[..n], expected[..n], "len {len}");
                for (i, &v) in s.u32.iter().enumerate().skip(written) {
                    assert_eq!(v, 7, "len {len}: element {i} is past the last block");
                }
            });
        }
    }
}
