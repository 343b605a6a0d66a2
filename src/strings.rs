//! String exports. JS strings are UTF-16; they cross as UTF-8, so a lone
//! surrogate (which UTF-8 cannot hold) arrives as U+FFFD, exactly as
//! `TextEncoder` would encode it. Results are returned as new JS strings.

use rust_wasm_memory_core as core_;
use wasm_bindgen::prelude::*;

use crate::args;

/// Shared shape of the four string exports: check the argument is a string,
/// run the core transform, map allocation failure to a `RangeError`.
fn transform(
    func: &str,
    param: &str,
    value: &JsValue,
    f: fn(&str) -> Result<String, core_::AllocError>,
) -> Result<String, JsValue> {
    let input = args::string(func, param, value)?;
    f(&input).map_err(|e| args::alloc_error(func, e))
}

/// `"Hello, " + name`. The name is kept verbatim: no trimming, no escaping
/// (render the result as text, never as HTML).
///
/// @throws {TypeError} if `name` is not a string.
/// @throws {RangeError} if the result cannot be allocated in wasm memory.
#[wasm_bindgen]
pub fn greet(
    #[wasm_bindgen(unchecked_param_type = "string")] name: &JsValue,
) -> Result<String, JsValue> {
    transform("greet", "name", name, core_::greet)
}

/// `input + "_processed"`.
///
/// @throws {TypeError} if `input` is not a string.
/// @throws {RangeError} if the result cannot be allocated in wasm memory.
#[wasm_bindgen(js_name = processString)]
pub fn process_string(
    #[wasm_bindgen(unchecked_param_type = "string")] input: &JsValue,
) -> Result<String, JsValue> {
    transform("processString", "input", input, core_::process_string)
}

/// `input + "_echo"`.
///
/// @throws {TypeError} if `input` is not a string.
/// @throws {RangeError} if the result cannot be allocated in wasm memory.
#[wasm_bindgen(js_name = echoSuffix)]
pub fn echo_suffix(
    #[wasm_bindgen(unchecked_param_type = "string")] input: &JsValue,
) -> Result<String, JsValue> {
    transform("echoSuffix", "input", input, core_::echo_suffix)
}

/// `input` with the ASCII letters a–z uppercased and every other character
/// unchanged (`"straße"` → `"STRAßE"`): the transform of the WASI command.
///
/// @throws {TypeError} if `input` is not a string.
/// @throws {RangeError} if the result cannot be allocated in wasm memory.
#[wasm_bindgen(js_name = asciiUppercase)]
pub fn ascii_uppercase(
    #[wasm_bindgen(unchecked_param_type = "string")] input: &JsValue,
) -> Result<String, JsValue> {
    transform("asciiUppercase", "input", input, core_::ascii_uppercase)
}
