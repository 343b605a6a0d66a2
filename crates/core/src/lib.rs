//! The pure-Rust core of `rust-wasm-memory`.
//!
//! Every function the package exposes is defined here once, as plain safe
//! Rust over slices and strings. The faces (wasm-bindgen for JS, the raw C
//! ABI, WASI and the WIT component) are thin adapters that validate what
//! crosses the boundary and then call into this crate.
//!
//! What this crate must never do:
//! - contain `unsafe` (the workspace denies it, and this crate allows it nowhere);
//! - hold host-ABI types (layouts a host reads out of memory belong to the kit);
//! - depend on wasm, JS or any host API (it builds and tests natively);
//! - panic on any input (every overflow is defined, every allocation is
//!   fallible and reported as [`AllocError`]).
//!
//! It is `no_std` + `alloc` so that the zero-import raw module stays small.
#![no_std]
#![warn(missing_docs)]

extern crate alloc;

mod error;
mod numbers;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod simd;
mod text;

pub use error::{AllocError, NormalizeError};
pub use numbers::{
    SIMD, add, fill_buffer, fill_doubles, make_byte_pattern, make_number_array, normalize,
    normalize_peak, reference, scale_and_add, sum_u32, sum_u32_of,
};
pub use text::{
    ECHO_SUFFIX, GREETING_PREFIX, PROCESSED_SUFFIX, ascii_uppercase, ascii_uppercase_in_place,
    echo_suffix, greet, process_string,
};

/// Allocates an empty `Vec` able to hold `len` elements without reallocating,
/// or reports how many bytes could not be had. Never aborts.
pub fn try_vec<T>(len: usize) -> Result<alloc::vec::Vec<T>, AllocError> {
    let mut v = alloc::vec::Vec::new();
    v.try_reserve_exact(len)
        .map_err(|_| AllocError::for_elements::<T>(len))?;
    Ok(v)
}

/// Allocates a `Vec` of `len` copies of `fill`, or reports the failure.
pub fn try_vec_filled<T: Clone>(len: usize, fill: T) -> Result<alloc::vec::Vec<T>, AllocError> {
    let mut v = try_vec(len)?;
    v.resize(len, fill);
    Ok(v)
}
