//! The small-array path of the copy API.
//!
//! `sumU32`, `normalize` and `fillDoubles` on a typed array of at most
//! [`SMALL`] elements spend almost all their time on the boundary, not on
//! the work: a `JsValue` argument, type checks and a length read that each
//! call into JS, a heap allocation and two copies through fresh views. For
//! such arrays the glue (`pkg-template/glue-guards.js`) checks the type in
//! JS, copies the elements into [`SCRATCH`], a fixed area of this module's
//! memory, and calls one of the functions below, which run the same core
//! function on it. Larger arrays, and anything the glue does not recognise,
//! take the general path (`numbers.rs`), which also makes every error.
//!
//! The scratch area is made of atomics so that Rust can read what the host
//! wrote there without `unsafe`: to Rust, the host is just another writer.
//! On wasm32 without threads, relaxed atomic loads and stores are plain
//! loads and stores.

use core::sync::atomic::{AtomicU32, Ordering::Relaxed};

use rust_wasm_memory_core as core_;
use wasm_bindgen::prelude::*;

/// Elements the scratch area holds: the largest array the small path takes.
pub const SMALL: usize = 64;

/// Where the host puts a small array's elements (u32 or f32 bits).
static SCRATCH: [AtomicU32; SMALL] = [const { AtomicU32::new(0) }; SMALL];

/// The byte address of the scratch area (fixed for the instance's life).
#[wasm_bindgen(js_name = "__smallScratch", skip_typescript)]
pub fn small_scratch() -> usize {
    SCRATCH.as_ptr() as usize
}

/// [`SMALL`], so the glue never writes past the scratch area.
#[wasm_bindgen(js_name = "__smallCapacity", skip_typescript)]
pub fn small_capacity() -> usize {
    SMALL
}

/// Runs `work` on zeroed room for `len` elements (at most [`SMALL`]) on the
/// stack: an array of 16 elements when that holds them and of [`SMALL`]
/// otherwise. Zeroing 256 bytes compiles to a `memory.fill`, which engines
/// run as a call out of wasm (about 30 ns in V8, a third of a 16-element
/// call), while 64 bytes are zeroed inline.
fn with_room<T: Copy + Default, R>(len: usize, work: impl FnOnce(&mut [T]) -> R) -> R {
    let mut short = [T::default(); 16];
    let mut long;
    let room: &mut [T] = if len <= short.len() {
        &mut short
    } else {
        long = [T::default(); SMALL];
        &mut long
    };
    let len = len.min(room.len());
    work(&mut room[..len])
}

fn load<T>(values: &mut [T], from_bits: fn(u32) -> T) {
    for (slot, cell) in values.iter_mut().zip(&SCRATCH) {
        *slot = from_bits(cell.load(Relaxed));
    }
}

fn store<T: Copy>(values: &[T], to_bits: fn(T) -> u32) {
    for (cell, &value) in SCRATCH.iter().zip(values) {
        cell.store(to_bits(value), Relaxed);
    }
}

/// `sum_u32` over the first `len` scratch elements.
#[wasm_bindgen(js_name = "__smallSumU32", skip_typescript)]
pub fn small_sum_u32(len: usize) -> u32 {
    // Straight from the cells: no copy to make first.
    core_::sum_u32_of(
        SCRATCH[..len.min(SMALL)]
            .iter()
            .map(|cell| cell.load(Relaxed)),
    )
}

/// `normalize` over the first `len` scratch elements, in place; whether it
/// scaled them (the copy API's `normalize` result).
#[wasm_bindgen(js_name = "__smallNormalize", skip_typescript)]
pub fn small_normalize(len: usize) -> bool {
    with_room(len, |values| {
        load(values, f32::from_bits);
        let scaled = core_::normalize(values).is_ok();
        if scaled {
            store(values, f32::to_bits);
        }
        scaled
    })
}

/// `fill_doubles` into the first `len` scratch elements.
#[wasm_bindgen(js_name = "__smallFillDoubles", skip_typescript)]
pub fn small_fill_doubles(len: usize) {
    with_room(len, |values| {
        core_::fill_doubles(values);
        store(values, |bits| bits);
    })
}
