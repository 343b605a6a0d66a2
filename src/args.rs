//! Argument checks shared by every export. Each returns a ready-to-throw JS
//! error whose message names the function, the parameter and what was
//! wrong, so the caller can fix the call without reading the source.

use js_sys::{RangeError, TypeError};
use rust_wasm_memory_core::AllocError;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

// `describe` is JS of our own (wasm-bindgen's documented `inline_js`,
// shipped as a snippet beside the glue): it catches what a Proxy's traps
// throw itself. Catching them in Rust instead, through `catch` imports,
// leaked one externref slot per refused call (the slot reserved for the
// import's result is never given back when the import throws), so 8.4
// million refused calls filled the table and trapped.
//
// `isNumberArray` reads a typed array's class from its internal slot
// through the engine's own `Symbol.toStringTag` getter, captured when the
// module loads: it runs no user code (a Proxy, a DataView and a primitive
// read `undefined`), unlike `instanceof` or a `constructor` property.
#[wasm_bindgen(inline_js = r#"
const tagOf = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
export function isNumberArray(value) {
  const tag = tagOf.call(value);
  return tag !== undefined && tag !== 'BigInt64Array' && tag !== 'BigUint64Array';
}
function named(value, kind) {
  try {
    const proto = Reflect.getPrototypeOf(value);
    if (proto === null) return kind;
    const ctor = Reflect.get(proto, 'constructor');
    if (typeof ctor !== 'function') return kind;
    const name = Reflect.get(ctor, 'name');
    return typeof name === 'string' && name !== '' ? name : kind;
  } catch {
    return kind;
  }
}
export function describe(value) {
  if (value === null) return 'null';
  const kind = typeof value;
  if (kind !== 'object' && kind !== 'function') return kind;
  const name = named(value, kind);
  if (!ArrayBuffer.isView(value)) return name;
  const slot = tagOf.call(value) ?? 'DataView';
  return slot === name ? name : `${name} (a ${slot})`;
}
"#)]
extern "C" {
    /// A short description of a JS value for messages: `Array`,
    /// `Float64Array`, `null`, `undefined`, `number`, `string`, ...
    /// A typed array or DataView whose prototype names another class says
    /// what it really is: `Mine (a Float64Array)`, `Uint32Array (a
    /// DataView)`.
    ///
    /// Never throws: a Proxy with throwing traps, a revoked Proxy, an
    /// object without a prototype or one whose `constructor` is not a
    /// function is described as `object`.
    pub fn describe(value: &JsValue) -> String;

    /// Whether `value` is a typed array of numbers (any class but the two
    /// BigInt ones), by its internal slot.
    #[wasm_bindgen(js_name = isNumberArray)]
    fn is_number_array(value: &JsValue) -> bool;
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
    with_kind(
        error,
        "out-of-memory",
        Some(("requestedBytes", err.requested_bytes as f64)),
    )
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
///
/// The class is `T` when `value instanceof T` (so a subclass instance is
/// accepted), as wasm-bindgen's own casts decide it. First the value must
/// be a typed array of numbers by its internal slot: that refuses a Proxy
/// (whose `instanceof` would run its getPrototypeOf trap) before anything
/// can throw through this call, and a DataView or a BigInt64Array given
/// `T`'s prototype with `Object.setPrototypeOf`, whose elements the copy
/// could not read. A Number typed array given `T`'s prototype that way
/// passes `instanceof`, and its elements are converted by the copy
/// (`%TypedArray%.prototype.set`), as they are on the small-array path.
pub fn typed_array<'a, T: JsCast>(
    func: &str,
    param: &str,
    class: &str,
    value: &'a JsValue,
) -> Result<&'a T, JsValue> {
    if !is_number_array(value) {
        return Err(type_error(func, param, class, value));
    }
    value
        .dyn_ref::<T>()
        .ok_or_else(|| type_error(func, param, class, value))
}

/// Requires a JS number (`typeof value === "number"`). Nothing is coerced:
/// `"3"`, `null`, `true`, `[]` and `3n` are refused with a `TypeError`
/// (wasm-bindgen's own `f64` parameters would turn them into 3, 0, 1, 0 or
/// throw a BigInt error).
pub fn number(func: &str, param: &str, value: &JsValue) -> Result<f64, JsValue> {
    value
        .as_f64()
        .ok_or_else(|| type_error(func, param, "number", value))
}

/// Requires an integer number within `[min, max]`: a `TypeError` for a
/// non-number, a `RangeError` for `NaN`, fractions, `±Infinity` and values
/// out of range (refused rather than truncated).
pub fn integer(
    func: &str,
    param: &str,
    value: &JsValue,
    min: f64,
    max: f64,
) -> Result<f64, JsValue> {
    let value = number(func, param, value)?;
    if value.fract() == 0.0 && value >= min && value <= max {
        Ok(value)
    } else {
        Err(range_error(
            func,
            &format!(
                "{param} must be an integer from {} to {}, got {}",
                js_number(min),
                js_number(max),
                js_number(value)
            ),
        ))
    }
}

/// `String(value)` for a number, formatted by the engine: the text a JS
/// caller expects (`Infinity`, `1e+21`, `NaN`), and it keeps Rust's float
/// formatting (about 20 KB of wasm) out of the module.
fn js_number(value: f64) -> String {
    js_sys::Number::from(value)
        .to_string_with_radix(10)
        .map(String::from)
        .unwrap_or_default()
}

/// [`integer`] in the `i32` range.
pub fn i32_arg(func: &str, param: &str, value: &JsValue) -> Result<i32, JsValue> {
    integer(func, param, value, i32::MIN as f64, i32::MAX as f64).map(|v| v as i32)
}
