//! The raw exports. On wasm32 `usize` is `u32`, so every signature here is
//! the tutorial's: pointers and lengths are 32-bit, pointers count bytes and
//! lengths count elements.
//!
//! Each export is written with the kit (`export!`, and `call` with its
//! `Host`, which checks every host range) and calls the core; the kit
//! records its status for `last_status()`, and provides the standard exports
//! (`alloc`, `dealloc`, `free_buffer`, the heap statistics, the panic
//! record, the handshake). Ownership, per export:
//! - inputs stay the host's: Rust reads or writes them only during the call;
//! - the four string producers (`process_string`, `make_greeting`,
//!   `ascii_uppercase`, `echo_suffix`) hand the host a new result buffer: the
//!   host owns it and returns it once with `free_buffer(ptr, len)`;
//! - `alloc` hands the host a zeroed block: returned with `dealloc(ptr,
//!   size, align)` (or `free_buffer(ptr, size)` when `align` is 1).

use rust_wasm_memory_core as core_;

use rust_wasm_memory_kit::{Host, Status, call, call_value, export, finish};

/// A string result: where the bytes are and how many (the tutorial's layout).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OutString {
    /// Address of the first byte.
    pub ptr: usize,
    /// Length in bytes.
    pub len: usize,
}

#[allow(unsafe_code)] // OutString crosses the ABI as two words
// SAFETY: two `usize` fields under `repr(C)`: no padding, every bit pattern valid.
unsafe impl rust_wasm_memory_kit::blocks::Plain for OutString {}

export! {
    /// `a + b`, wrapping. No memory involved.
    #[cfg(feature = "add-export")]
    fn add(a: i32, b: i32) -> i32 {
        finish(Status::Ok);
        core_::add(a, b)
    }

    /// `(x + y) * factor`, each step wrapping. No memory involved.
    fn scale_and_add(x: i32, y: i32, factor: i32) -> i32 {
        finish(Status::Ok);
        core_::scale_and_add(x, y, factor)
    }

    /// The sum of `len` u32 at `ptr` (4-aligned), wrapping modulo 2^32. On a
    /// refused range returns 0 and `last_status()` says why.
    fn sum_u32(ptr: *const u32, len: u32) -> u32 {
        call_value(0, |host| Ok(core_::sum_u32(host.slice(ptr, len as usize)?)))
    }

    /// Writes `2 * i` into the `len` u32 at `ptr`. Returns a status.
    fn fill_doubles(ptr: *mut u32, len: u32) -> i32 {
        call(|host| {
            core_::fill_doubles(host.slice_mut(ptr, len as usize)?);
            Ok(())
        })
    }

    /// The tutorial's second name for [`fill_doubles`]: same contract.
    fn make_number_array(ptr: *mut u32, len: u32) -> i32 {
        fill_doubles(ptr, len)
    }

    /// Writes `i mod 256` into the `len` bytes at `ptr` and nothing else.
    fn fill_buffer(ptr: *mut u8, len: u32) -> i32 {
        call(|host| {
            core_::fill_buffer(host.slice_mut(ptr, len as usize)?);
            Ok(())
        })
    }

    /// Divides the `len` f32 at `ptr` by their maximum, in place. Returns 0,
    /// or (the tutorial's codes) -1 null pointer, -2 zero length, -3 cannot
    /// normalize (maximum ±0 or not finite; the data is unchanged), or a
    /// range error.
    fn normalize_numbers(ptr: *mut f32, len: u32) -> i32 {
        scale_in_place(ptr, len, core_::normalize)
    }

    /// Peak normalization: divides the `len` f32 at `ptr` by their largest
    /// magnitude, in place, so they end up in `[-1, 1]`. The same codes as
    /// `normalize_numbers`: 0, -1 null pointer, -2 zero length, -3 cannot
    /// normalize (every element ±0 or NaN, or an element infinite; the data
    /// is unchanged), or a range error.
    fn normalize_peak(ptr: *mut f32, len: u32) -> i32 {
        scale_in_place(ptr, len, core_::normalize_peak)
    }

    /// Appends `"_processed"` to the UTF-8 text at `(in_ptr, in_len)`
    /// (invalid sequences become U+FFFD) and writes the new buffer's `{ptr,
    /// len}` to `out_meta_ptr` (8 bytes, 4-aligned). The host owns the new
    /// buffer.
    fn process_string(in_ptr: *const u8, in_len: u32, out_meta_ptr: *mut OutString) -> i32 {
        call(|host| produce_meta(host, in_ptr, in_len, out_meta_ptr, core_::process_string))
    }

    /// Writes `"Hello, "` followed by the name at `(in_ptr, in_len)` into a
    /// new buffer (lossy UTF-8, as `process_string`) and its `{ptr, len}` to
    /// `out_meta_ptr`. The host owns the new buffer. (Named `make_greeting`,
    /// not `greet`, so it never clashes with the idiomatic `greet` when both
    /// faces are linked into one module.)
    fn make_greeting(in_ptr: *const u8, in_len: u32, out_meta_ptr: *mut OutString) -> i32 {
        call(|host| produce_meta(host, in_ptr, in_len, out_meta_ptr, core_::greet))
    }

    /// Writes the text at `(in_ptr, in_len)` with `a`-`z` uppercased into a
    /// new buffer (lossy UTF-8, as `process_string`) and its `{ptr, len}` to
    /// `out_meta_ptr`. The host owns the new buffer.
    fn ascii_uppercase(in_ptr: *const u8, in_len: u32, out_meta_ptr: *mut OutString) -> i32 {
        call(|host| produce_meta(host, in_ptr, in_len, out_meta_ptr, core_::ascii_uppercase))
    }

    /// Appends `"_echo"` to the text at `(in_ptr, in_len)`; writes the new
    /// buffer's address to `*out_ptr_ptr` and its length to `*out_len_ptr`
    /// (each 4 bytes, 4-aligned, and not the same address: -11 otherwise).
    /// The host owns the new buffer.
    fn echo_suffix(
        in_ptr: *const u8,
        in_len: u32,
        out_ptr_ptr: *mut usize,
        out_len_ptr: *mut usize,
    ) -> i32 {
        call(|host| {
            // Both out-params are checked (and refused if they overlap)
            // before any work.
            let out_ptr = host.out(out_ptr_ptr)?;
            let out_len = host.out(out_len_ptr)?;
            (*out_ptr, *out_len) = produce(host, in_ptr, in_len, core_::echo_suffix)?;
            Ok(())
        })
    }
}

/// The tutorial's checks around a kernel that scales f32 in place:
/// -1 for a null pointer, -2 for no elements, -3 when the kernel refuses.
fn scale_in_place(
    ptr: *mut f32,
    len: u32,
    kernel: fn(&mut [f32]) -> Result<f32, core_::NormalizeError>,
) -> i32 {
    call(|host| {
        if ptr.is_null() {
            return Err(Status::NullPointer);
        }
        if len == 0 {
            return Err(Status::ZeroLength);
        }
        kernel(host.slice_mut(ptr, len as usize)?)
            .map(drop)
            .map_err(|_| Status::CannotNormalize)
    })
}

/// The shape of the string producers with one `{ptr, len}` out-param:
/// check where the result goes, transform the input, hand the result out
/// and report it. A failed call takes the result back (see
/// [`rust_wasm_memory_kit::call`]).
fn produce_meta(
    host: &Host<'_>,
    in_ptr: *const u8,
    in_len: u32,
    out_meta_ptr: *mut OutString,
    transform: fn(&str) -> Result<String, core_::AllocError>,
) -> Result<(), Status> {
    let out = host.out(out_meta_ptr)?;
    let (ptr, len) = produce(host, in_ptr, in_len, transform)?;
    *out = OutString { ptr, len };
    Ok(())
}

/// Transforms the lossy text at `(in_ptr, in_len)` and hands the result to
/// the host.
fn produce(
    host: &Host<'_>,
    in_ptr: *const u8,
    in_len: u32,
    transform: fn(&str) -> Result<String, core_::AllocError>,
) -> Result<(usize, usize), Status> {
    let text = host.text(in_ptr, in_len as usize)?;
    let result = transform(&text).map_err(|_| Status::OutOfMemory)?;
    host.hand_out(result.into_bytes())
}

/// The kit's standard exports, which this module has too (`alloc`,
/// `dealloc`, `free_buffer`, `last_status`, the heap statistics, the panic
/// record and `panic_probe`), re-exported for Rust callers and tests.
pub use rust_wasm_memory_kit::standard::*;
