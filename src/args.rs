//! Argument checks shared by every export. Each returns a ready-to-throw JS
//! error whose message names the function, the parameter and what was
//! wrong, so the caller can fix the call without reading the source.

use js_sys::{Array, Object, RangeError, TypeError};
use rust_wasm_memory_core::AllocError;
use wasm_bindgen::{JsCast, JsValue};

/// A short description of a JS value for messages: `Array`, `Float64Array`,
/// `null`, `undefined`, `number`, `string`, ...
pub fn describe(value: &JsValue) -> String {
    if value.is_null() {
        return "null".into();
    }
    if value.is_undefined() {
        return "undefined".into();
    }
    if Array::is_array(value) {
        return "Array".into();
    }
    if let Some(obj) = value.dyn_ref::<Object>() {
        let name: String = obj.constructor().name().into();
        if !name.is_empty() {
            return name;
        }
    }
    value
        .js_typeof()
        .as_string()
        .unwrap_or_else(|| "unknown".into())
}

/// `TypeError("<func>: <param> must be a <expected>, got <actual>")`.
pub fn type_error(func: &str, param: &str, expected: &str, got: &JsValue) -> JsValue {
    TypeError::new(&format!(
        "{func}: {param} must be a {expected}, got {}",
        describe(got)
    ))
    .into()
}

/// `RangeError("<func>: <message>")`.
pub fn range_error(func: &str, message: &str) -> JsValue {
    RangeError::new(&format!("{func}: {message}")).into()
}

/// Adds a `kind` property (a stable, machine-readable reason) and
/// optionally one more numeric property to an error built above.
pub fn with_kind(error: JsValue, kind: &str, extra: Option<(&str, f64)>) -> JsValue {
    // Setting a property on a fresh error object cannot fail.
    let _ = js_sys::Reflect::set(&error, &"kind".into(), &kind.into());
    if let Some((name, value)) = extra {
        let _ = js_sys::Reflect::set(&error, &name.into(), &value.into());
    }
    error
}

/// The RangeError for an allocation the core could not make, with
/// `kind: "out-of-memory"` and `requestedBytes`.
pub fn alloc_error(func: &str, err: AllocError) -> JsValue {
    let error = range_error(
        func,
        &format!("{err}; WebAssembly memory is limited to 4 GiB"),
    );
    with_kind(error, "out-of-memory", Some(("requestedBytes", err.requested_bytes as f64)))
}

/// Requires a JS string. Lone surrogates (which no UTF-8 string can hold)
/// arrive as U+FFFD, as with `TextEncoder`.
pub fn string(func: &str, param: &str, value: &JsValue) -> Result<String, JsValue> {
    value
        .as_string()
        .ok_or_else(|| type_error(func, param, "string", value))
}

/// Requires a value of the typed-array class `T` (not a plain Array, not
/// another typed-array class: silently converting those would hide bugs).
pub fn typed_array<'a, T: JsCast>(
    func: &str,
    param: &str,
    class: &str,
    value: &'a JsValue,
) -> Result<&'a T, JsValue> {
    value
        .dyn_ref::<T>()
        .ok_or_else(|| type_error(func, param, class, value))
}

/// Requires an integer number within `[min, max]`. `NaN`, fractions and
/// `±Infinity` are refused rather than truncated.
pub fn integer(func: &str, param: &str, value: f64, min: f64, max: f64) -> Result<f64, JsValue> {
    if value.fract() == 0.0 && value >= min && value <= max {
        Ok(value)
    } else {
        Err(range_error(
            func,
            &format!("{param} must be an integer from {min} to {max}, got {value}"),
        ))
    }
}

/// [`integer`] in the `i32` range.
pub fn i32_arg(func: &str, param: &str, value: f64) -> Result<i32, JsValue> {
    integer(func, param, value, i32::MIN as f64, i32::MAX as f64).map(|v| v as i32)
}
