//! Numeric kernels: normalisation, fills, sums and the tutorial's integer
//! arithmetic. Units are always elements, never bytes: byte offsets are a
//! concern of the faces, not of the core.
//!
//! Integer overflow is defined everywhere as two's-complement wrapping,
//! which is what the tutorial's `i32`/`u32` arithmetic does in a release build
//! and what `(a + b) | 0` does in JS. Nothing here panics.

use alloc::vec::Vec;

use crate::{AllocError, NormalizeError, try_vec_filled};

/// The scalar loops: what runs natively, and the reference the wasm simd128
/// kernels (`simd.rs`) are tested against, bit for bit.
pub mod reference {
    use crate::NormalizeError;

    /// The maximum, skipping NaN (`f32::max` from `-Inf`).
    pub fn max_ignoring_nan(values: &[f32]) -> f32 {
        values.iter().copied().fold(f32::NEG_INFINITY, f32::max)
    }

    /// The largest magnitude (`|v|`), skipping NaN; `-Inf` for an empty or
    /// all-NaN slice, `+Inf` if any element is infinite.
    pub fn peak_ignoring_nan(values: &[f32]) -> f32 {
        values
            .iter()
            .map(|v| v.abs())
            .fold(f32::NEG_INFINITY, f32::max)
    }

    /// `v / divisor` for every element.
    pub fn divide_all(values: &mut [f32], divisor: f32) {
        for v in values.iter_mut() {
            *v /= divisor;
        }
    }

    /// The wrapping sum.
    pub fn sum_u32(values: &[u32]) -> u32 {
        super::sum_u32_of(values.iter().copied())
    }

    /// Element `i` ← `2 * i`, wrapping.
    pub fn fill_doubles(slots: &mut [u32]) {
        for (i, slot) in slots.iter_mut().enumerate() {
            *slot = (i as u32).wrapping_mul(2);
        }
    }

    /// [`crate::normalize`] built from the scalar loops only.
    pub fn normalize(values: &mut [f32]) -> Result<f32, NormalizeError> {
        super::normalize_with(values, max_ignoring_nan, divide_all)
    }

    /// [`crate::normalize_peak`] built from the scalar loops only.
    pub fn normalize_peak(values: &mut [f32]) -> Result<f32, NormalizeError> {
        super::normalize_with(values, peak_ignoring_nan, divide_all)
    }
}

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
use crate::simd as kernels;
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
use reference as kernels;

/// Whether this build runs the simd128 kernels (wasm32 with simd128) or the
/// scalar reference loops.
pub const SIMD: bool = cfg!(all(target_arch = "wasm32", target_feature = "simd128"));

/// Divides every element by the maximum element, in place, and returns the
/// maximum it divided by.
///
/// This is the tutorial's definition, kept exactly:
/// - the maximum is found with [`f32::max`] starting from `-Inf`, so NaN
///   elements are skipped (and stay NaN after the division);
/// - the division is plain IEEE-754 `v / max` on every element.
///
/// Consequences worth knowing:
/// - all-negative input is divided by a negative maximum, so the signs flip:
///   `[-1, -2, -4]` becomes `[1, 2, 4]`;
/// - `-Inf` elements become `-Inf` (or `+Inf` when the maximum is negative);
/// - with a tiny positive maximum, elements far below it may overflow to
///   `-Inf`.
///
/// # Errors
/// The slice is left untouched and an error says why when it is empty
/// ([`NormalizeError::Empty`]), the maximum is `±0`
/// ([`NormalizeError::ZeroMax`]), or the maximum is not finite
/// ([`NormalizeError::NonFiniteMax`]: an element is `+Inf`, or every
/// element is NaN or `-Inf`).
pub fn normalize(values: &mut [f32]) -> Result<f32, NormalizeError> {
    normalize_with(values, kernels::max_ignoring_nan, kernels::divide_all)
}

/// Peak normalization: divides every element by the largest magnitude,
/// in place, and returns that magnitude (the peak, always positive).
///
/// This is what audio and signal code usually means by "normalize": the
/// result lies in `[-1, 1]` and the element of largest magnitude becomes
/// `1` or `-1`, whatever the signs. [`normalize`] (the tutorial's function)
/// instead divides by the largest *value*, so a negative element larger in
/// magnitude than the maximum ends up below `-1`:
///
/// ```
/// let mut tutorial = [-3.0_f32, 1.0, 2.0];
/// rust_wasm_memory_core::normalize(&mut tutorial).unwrap();
/// assert_eq!(tutorial, [-1.5, 0.5, 1.0]);
///
/// let mut peak = [-3.0_f32, 1.0, 2.0];
/// assert_eq!(rust_wasm_memory_core::normalize_peak(&mut peak), Ok(3.0));
/// assert_eq!(peak, [-1.0, 1.0 / 3.0, 2.0 / 3.0]);
/// ```
///
/// NaN elements are skipped when finding the peak and stay NaN. The
/// division is the same IEEE-754 `v / peak` as [`normalize`]'s.
///
/// # Errors
/// The slice is left untouched, with the same errors as [`normalize`]:
/// [`NormalizeError::Empty`] for no elements, [`NormalizeError::ZeroMax`]
/// when every element is `±0` (or NaN and `±0`), and
/// [`NormalizeError::NonFiniteMax`] when an element is `±Inf` (the peak is
/// `+Inf`) or every element is NaN (it is `-Inf`).
pub fn normalize_peak(values: &mut [f32]) -> Result<f32, NormalizeError> {
    normalize_with(values, kernels::peak_ignoring_nan, kernels::divide_all)
}

fn normalize_with(
    values: &mut [f32],
    max_of: fn(&[f32]) -> f32,
    divide: fn(&mut [f32], f32),
) -> Result<f32, NormalizeError> {
    if values.is_empty() {
        return Err(NormalizeError::Empty);
    }
    let max = max_of(values);
    if !max.is_finite() {
        return Err(NormalizeError::NonFiniteMax(max));
    }
    if max == 0.0 {
        return Err(NormalizeError::ZeroMax);
    }
    divide(values, max);
    Ok(max)
}

/// Writes `2 * i` into element `i`, wrapping modulo 2^32.
///
/// On wasm32 a `u32` slice holds at most 2^30 elements, so the wrap can only
/// happen natively, for slices longer than 2^31 elements.
pub fn fill_doubles(slots: &mut [u32]) {
    kernels::fill_doubles(slots)
}

/// Returns a new array of `len` elements filled as by [`fill_doubles`].
///
/// # Errors
/// [`AllocError`] when `len * 4` bytes cannot be allocated.
pub fn make_number_array(len: usize) -> Result<Vec<u32>, AllocError> {
    let mut v = try_vec_filled(len, 0u32)?;
    kernels::fill_doubles(&mut v);
    Ok(v)
}

/// Writes `i mod 256` into byte `i`: a recognisable pattern that stays
/// strictly inside the slice (the overflow-guard harness checks the bytes
/// after it).
pub fn fill_buffer(bytes: &mut [u8]) {
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = i as u8;
    }
}

/// Returns a new buffer of `len` bytes filled as by [`fill_buffer`].
///
/// # Errors
/// [`AllocError`] when `len` bytes cannot be allocated.
pub fn make_byte_pattern(len: usize) -> Result<Vec<u8>, AllocError> {
    let mut bytes = try_vec_filled(len, 0u8)?;
    fill_buffer(&mut bytes);
    Ok(bytes)
}

/// The sum of all elements, wrapping modulo 2^32. The empty sum is 0.
pub fn sum_u32(values: &[u32]) -> u32 {
    kernels::sum_u32(values)
}

/// [`sum_u32`] of values that arrive one at a time, such as cells another
/// writer fills: the same wrapping sum (addition modulo 2^32 is associative
/// and commutative, so the order of the lanes cannot change it).
pub fn sum_u32_of(values: impl IntoIterator<Item = u32>) -> u32 {
    values.into_iter().fold(0u32, u32::wrapping_add)
}

/// `a + b`, wrapping on overflow (`i32::MAX + 1 == i32::MIN`).
pub fn add(a: i32, b: i32) -> i32 {
    a.wrapping_add(b)
}

/// `(x + y) * factor`, each step wrapping on overflow, as in the tutorial.
pub fn scale_and_add(x: i32, y: i32, factor: i32) -> i32 {
    x.wrapping_add(y).wrapping_mul(factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_divides_by_the_maximum_and_returns_it() {
        let mut v = [1.0, 5.0, 10.0];
        assert_eq!(normalize(&mut v), Ok(10.0));
        assert_eq!(v, [0.1, 0.5, 1.0]);
    }

    #[test]
    fn normalize_leaves_empty_input_alone() {
        assert_eq!(normalize(&mut []), Err(NormalizeError::Empty));
    }

    #[test]
    fn normalize_refuses_a_zero_maximum_without_touching_the_input() {
        let mut v = [0.0, -3.0, -0.0];
        assert_eq!(normalize(&mut v), Err(NormalizeError::ZeroMax));
        assert_eq!(v, [0.0, -3.0, -0.0]);
    }

    #[test]
    fn normalize_refuses_positive_infinity() {
        let mut v = [1.0, f32::INFINITY];
        assert_eq!(
            normalize(&mut v),
            Err(NormalizeError::NonFiniteMax(f32::INFINITY))
        );
        assert_eq!(v, [1.0, f32::INFINITY]);
    }

    #[test]
    fn normalize_refuses_all_nan_input() {
        let mut v = [f32::NAN, f32::NAN];
        assert_eq!(
            normalize(&mut v),
            Err(NormalizeError::NonFiniteMax(f32::NEG_INFINITY))
        );
        assert!(v.iter().all(|x| x.is_nan()));
    }

    #[test]
    fn normalize_skips_nan_when_finding_the_maximum_and_keeps_it() {
        let mut v = [f32::NAN, 2.0, 4.0];
        assert_eq!(normalize(&mut v), Ok(4.0));
        assert!(v[0].is_nan());
        assert_eq!(&v[1..], &[0.5, 1.0]);
    }

    #[test]
    fn normalize_keeps_negative_infinity_as_negative_infinity() {
        let mut v = [f32::NEG_INFINITY, 2.0];
        assert_eq!(normalize(&mut v), Ok(2.0));
        assert_eq!(v, [f32::NEG_INFINITY, 1.0]);
    }

    #[test]
    fn normalize_flips_signs_of_all_negative_input() {
        let mut v = [-1.0, -2.0, -4.0];
        assert_eq!(normalize(&mut v), Ok(-1.0));
        assert_eq!(v, [1.0, 2.0, 4.0]);
    }

    #[test]
    fn normalize_peak_divides_by_the_largest_magnitude() {
        let mut v = [-0.3, 0.1, 0.2];
        assert_eq!(normalize_peak(&mut v), Ok(0.3));
        assert_eq!(v, [-0.3 / 0.3, 0.1 / 0.3, 0.2 / 0.3]);
        assert_eq!(v[0], -1.0);
    }

    #[test]
    fn normalize_peak_keeps_signs_of_all_negative_input() {
        let mut v = [-1.0, -2.0, -4.0];
        assert_eq!(normalize_peak(&mut v), Ok(4.0));
        assert_eq!(v, [-0.25, -0.5, -1.0]);
    }

    #[test]
    fn normalize_peak_refuses_what_normalize_refuses_and_any_infinity() {
        assert_eq!(normalize_peak(&mut []), Err(NormalizeError::Empty));
        let mut zeros = [0.0, -0.0, f32::NAN];
        assert_eq!(normalize_peak(&mut zeros), Err(NormalizeError::ZeroMax));
        let mut inf = [1.0, f32::NEG_INFINITY];
        assert_eq!(
            normalize_peak(&mut inf),
            Err(NormalizeError::NonFiniteMax(f32::INFINITY))
        );
        assert_eq!(inf, [1.0, f32::NEG_INFINITY]);
        let mut nan = [f32::NAN];
        assert_eq!(
            normalize_peak(&mut nan),
            Err(NormalizeError::NonFiniteMax(f32::NEG_INFINITY))
        );
    }

    #[test]
    fn fill_doubles_writes_twice_the_index() {
        let mut v = [7u32; 5];
        fill_doubles(&mut v);
        assert_eq!(v, [0, 2, 4, 6, 8]);
    }

    #[test]
    fn make_number_array_matches_fill_doubles() {
        assert_eq!(make_number_array(4).unwrap(), [0, 2, 4, 6]);
        assert!(make_number_array(0).unwrap().is_empty());
    }

    #[test]
    fn make_number_array_reports_an_impossible_length() {
        let err = make_number_array(usize::MAX).unwrap_err();
        assert_eq!(err.requested_bytes, usize::MAX as u128 * 4);
    }

    #[test]
    fn fill_buffer_writes_the_index_modulo_256() {
        let mut v = [0u8; 300];
        fill_buffer(&mut v);
        assert_eq!(v[0], 0);
        assert_eq!(v[255], 255);
        assert_eq!(v[256], 0);
        assert_eq!(v[299], 43);
    }

    #[test]
    fn sum_u32_wraps_modulo_2_pow_32() {
        assert_eq!(sum_u32(&[]), 0);
        assert_eq!(sum_u32(&[1, 2, 3]), 6);
        assert_eq!(sum_u32(&[u32::MAX, 2]), 1);
    }

    #[test]
    fn add_and_scale_and_add_wrap() {
        assert_eq!(add(2, 3), 5);
        assert_eq!(add(i32::MAX, 1), i32::MIN);
        assert_eq!(scale_and_add(2, 3, 4), 20);
        assert_eq!(scale_and_add(i32::MAX, 1, 2), 0);
        assert_eq!(scale_and_add(i32::MIN, 0, -1), i32::MIN);
    }
}
