//! Numeric exports. Typed arrays are copied into wasm memory, processed by
//! the core and (for in-place functions) copied back: the JS array is never
//! aliased by Rust, so it may live anywhere, even in another memory.

use js_sys::{Float32Array, Uint8Array, Uint32Array};
use rust_wasm_memory_core as core_;
use wasm_bindgen::prelude::*;

use crate::{args, typed};

/// Divides every element of `values` by the largest element, in place.
///
/// This is the tutorial's definition, and it is **not peak normalization**:
/// a negative element larger in magnitude than the maximum ends up below
/// `-1` (`[-3, 1, 2]` becomes `[-1.5, 0.5, 1]`). To scale into `[-1, 1]` by
/// the largest magnitude, as audio code does, use [`normalize_peak`]
/// (`normalizePeak`).
///
/// Returns `true` when the array was scaled, or `false` when it was left
/// unchanged because it is empty, its maximum is `0`, or its maximum is not
/// finite (an element is `+Infinity`, or every element is `NaN`/`-Infinity`).
///
/// Edge cases, all from the tutorial's definition `v / max`:
/// - `NaN` elements are skipped when finding the maximum and stay `NaN`;
/// - all-negative input is divided by a negative maximum, so signs flip:
///   `[-1, -2, -4]` becomes `[1, 2, 4]`;
/// - `-Infinity` elements stay infinite.
///
/// Copies `values.length * 4` bytes into wasm memory and back.
///
/// @throws {TypeError} if `values` is not a `Float32Array`.
/// @throws {RangeError} if the copy cannot be allocated.
#[wasm_bindgen]
pub fn normalize(
    #[wasm_bindgen(unchecked_param_type = "Float32Array")] values: &JsValue,
) -> Result<bool, JsValue> {
    scale_in_place("normalize", values, core_::normalize)
}

/// Copies a `Float32Array` in, runs `kernel` on the copy and, when it
/// scaled, copies the result back: the in-place normalizers' protocol.
fn scale_in_place(
    func: &str,
    values: &JsValue,
    kernel: fn(&mut [f32]) -> Result<f32, core_::NormalizeError>,
) -> Result<bool, JsValue> {
    let array: &Float32Array = args::typed_array(func, "values", "Float32Array", values)?;
    let mut copy = typed::copy_of::<f32>(func, array)?;
    let scaled = kernel(&mut copy).is_ok();
    if scaled {
        typed::copy_out(func, &copy, array)?;
    }
    Ok(scaled)
}

/// Peak normalization: divides every element of `values` by the largest
/// magnitude (`Math.abs`), in place, so the result lies in `[-1, 1]` and the
/// loudest sample becomes `1` or `-1` whatever its sign. This is what audio
/// code means by "normalize"; [`normalize`] (the tutorial's) divides by the
/// largest *value* instead:
///
/// ```js
/// const a = new Float32Array([-3, 1, 2]);
/// normalizePeak(a);   // true; a is [-1, 0.333…, 0.666…]
/// const b = new Float32Array([-3, 1, 2]);
/// normalize(b);       // true; b is [-1.5, 0.5, 1]: not in [-1, 1]
/// ```
///
/// Returns `true` when the array was scaled, or `false` when it was left
/// unchanged: it is empty, every element is `±0` (or `NaN`), an element is
/// `±Infinity`, or every element is `NaN`. `NaN` elements are skipped when
/// finding the peak and stay `NaN`.
///
/// Copies `values.length * 4` bytes into wasm memory and back
/// (`F32Buffer.normalizePeak` works without a copy).
///
/// @throws {TypeError} if `values` is not a `Float32Array`.
/// @throws {RangeError} if the copy cannot be allocated.
#[wasm_bindgen(js_name = normalizePeak)]
pub fn normalize_peak(
    #[wasm_bindgen(unchecked_param_type = "Float32Array")] values: &JsValue,
) -> Result<bool, JsValue> {
    scale_in_place("normalizePeak", values, core_::normalize_peak)
}

/// The WIT world's `normalize-array`: a new `Float32Array` holding every
/// element of `values` divided by the largest one; `values` is not changed.
///
/// Same arithmetic as [`normalize`], but a refusal says why: it throws a
/// `RangeError` whose `kind` property is the WIT `text-error` case,
/// `"empty-input"`, `"zero-maximum"` or `"non-finite-maximum"` (then
/// `maximum` holds that value).
///
/// @throws {TypeError} if `values` is not a `Float32Array`.
/// @throws {RangeError} with `kind` as above, or `"out-of-memory"` if the
/// copy cannot be allocated.
#[wasm_bindgen(js_name = normalizeArray, unchecked_return_type = "Float32Array")]
pub fn normalize_array(
    #[wasm_bindgen(unchecked_param_type = "Float32Array")] values: &JsValue,
) -> Result<Float32Array, JsValue> {
    const F: &str = "normalizeArray";
    let array: &Float32Array = args::typed_array(F, "values", "Float32Array", values)?;
    let mut copy = typed::copy_of::<f32>(F, array)?;
    match core_::normalize(&mut copy) {
        Ok(_) => Ok(Float32Array::from(copy.as_slice())),
        Err(e) => {
            let (kind, maximum) = match e {
                core_::NormalizeError::Empty => ("empty-input", None),
                core_::NormalizeError::ZeroMax => ("zero-maximum", None),
                core_::NormalizeError::NonFiniteMax(m) => ("non-finite-maximum", Some(m)),
            };
            let error = args::range_error(F, &e.to_string());
            Err(args::with_kind(
                error,
                kind,
                maximum.map(|m| ("maximum", f64::from(m))),
            ))
        }
    }
}

/// Writes `2 * i` into element `i` of `values`, in place.
///
/// @throws {TypeError} if `values` is not a `Uint32Array`.
/// @throws {RangeError} if the scratch copy (`length * 4` bytes) cannot be
/// allocated.
#[wasm_bindgen(js_name = fillDoubles)]
pub fn fill_doubles(
    #[wasm_bindgen(unchecked_param_type = "Uint32Array")] values: &JsValue,
) -> Result<(), JsValue> {
    const F: &str = "fillDoubles";
    let array: &Uint32Array = args::typed_array(F, "values", "Uint32Array", values)?;
    let filled =
        core_::make_number_array(typed::len(array)).map_err(|e| args::alloc_error(F, e))?;
    typed::copy_out(F, &filled, array)?;
    Ok(())
}

/// Writes `i % 256` into byte `i` of `bytes`, in place.
///
/// @throws {TypeError} if `bytes` is not a `Uint8Array`.
/// @throws {RangeError} if the scratch copy (`length` bytes) cannot be
/// allocated.
#[wasm_bindgen(js_name = fillBuffer)]
pub fn fill_buffer(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array")] bytes: &JsValue,
) -> Result<(), JsValue> {
    const F: &str = "fillBuffer";
    let array: &Uint8Array = args::typed_array(F, "bytes", "Uint8Array", bytes)?;
    let filled =
        core_::make_byte_pattern(typed::len(array)).map_err(|e| args::alloc_error(F, e))?;
    typed::copy_out(F, &filled, array)?;
    Ok(())
}

/// A new `Uint32Array` of `len` elements where element `i` is `2 * i`.
///
/// `len` counts elements (4 bytes each), not bytes.
///
/// @throws {TypeError} if `len` is not a number.
/// @throws {RangeError} if `len` is not an integer from 0 to 4294967295, or
/// if `len * 4` bytes cannot be allocated in wasm memory.
#[wasm_bindgen(js_name = makeNumberArray)]
pub fn make_number_array(
    #[wasm_bindgen(unchecked_param_type = "number")] len: &JsValue,
) -> Result<Vec<u32>, JsValue> {
    const F: &str = "makeNumberArray";
    let len = args::integer(F, "len", len, 0.0, u32::MAX as f64)? as usize;
    core_::make_number_array(len).map_err(|e| args::alloc_error(F, e))
}

/// The sum of the elements of `values`, wrapping modulo 2^32 (so the result
/// is always an integer from 0 to 4294967295; the empty sum is 0).
///
/// @throws {TypeError} if `values` is not a `Uint32Array`.
/// @throws {RangeError} if the copy (`length * 4` bytes) cannot be allocated.
#[wasm_bindgen(js_name = sumU32)]
pub fn sum_u32(
    #[wasm_bindgen(unchecked_param_type = "Uint32Array")] values: &JsValue,
) -> Result<u32, JsValue> {
    const F: &str = "sumU32";
    let array: &Uint32Array = args::typed_array(F, "values", "Uint32Array", values)?;
    Ok(core_::sum_u32(&typed::copy_of::<u32>(F, array)?))
}

/// `a + b` as 32-bit signed integers, wrapping on overflow
/// (`add(2147483647, 1) === -2147483648`), like `(a + b) | 0`.
///
/// @throws {TypeError} if `a` or `b` is not a number.
/// @throws {RangeError} if `a` or `b` is not an integer from -2147483648 to
/// 2147483647 (fractions and `NaN` are refused, not truncated).
#[wasm_bindgen]
pub fn add(
    #[wasm_bindgen(unchecked_param_type = "number")] a: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] b: &JsValue,
) -> Result<i32, JsValue> {
    const F: &str = "add";
    Ok(core_::add(
        args::i32_arg(F, "a", a)?,
        args::i32_arg(F, "b", b)?,
    ))
}

/// `(x + y) * factor` as 32-bit signed integers, each step wrapping on
/// overflow, like `Math.imul((x + y) | 0, factor)`.
///
/// @throws {TypeError} if an argument is not a number.
/// @throws {RangeError} if an argument is not an integer from -2147483648 to
/// 2147483647.
#[wasm_bindgen(js_name = scaleAndAdd)]
pub fn scale_and_add(
    #[wasm_bindgen(unchecked_param_type = "number")] x: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] y: &JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] factor: &JsValue,
) -> Result<i32, JsValue> {
    const F: &str = "scaleAndAdd";
    Ok(core_::scale_and_add(
        args::i32_arg(F, "x", x)?,
        args::i32_arg(F, "y", y)?,
        args::i32_arg(F, "factor", factor)?,
    ))
}
