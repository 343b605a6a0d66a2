//! Copies between caller-supplied JS typed arrays and Rust slices that run
//! none of the caller's code and never throw into Rust.
//!
//! `js_sys`'s `length()`, `copy_to` and `copy_from` read the array's
//! `length` *property*, which a caller can redefine on the instance
//! (`Object.defineProperty(a, 'length', ...)`): a lying length made the copy
//! throw half-way, which unwound through Rust and leaked the scratch buffer,
//! and a length that changed between two reads failed `js_sys`'s length
//! assertion, a panic. Here the length is the array's internal
//! `[[ArrayLength]]`, read through the engine's own `%TypedArray%` getter,
//! and copies go through the engine's own `%TypedArray%.prototype.set`, both
//! captured once when the module loads; neither can be intercepted per
//! object. They are our own JS (`inline_js`), which reports a refused copy
//! (a detached array) as `false` instead of throwing: an exception caught
//! through a wasm-bindgen `catch` import keeps an externref slot.

use js_sys::{Float32Array, Uint8Array, Uint32Array, WebAssembly};
use rust_wasm_memory_core as core_;
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen(inline_js = r#"
const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const lengthOf = Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'length').get;
const set = TypedArrayPrototype.set;
export function typedLength(array) {
  return lengthOf.call(array);
}
export function typedCopy(target, source) {
  try {
    set.call(target, source);
    return true;
  } catch {
    return false;
  }
}
"#)]
extern "C" {
    /// The element count of a typed array (checked by the caller).
    #[wasm_bindgen(js_name = typedLength)]
    fn typed_length(array: &JsValue) -> f64;
    /// `target.set(source)` through the intrinsic; false if the engine
    /// refused (a detached array).
    #[wasm_bindgen(js_name = typedCopy)]
    fn typed_copy(target: &JsValue, source: &JsValue) -> bool;
}

/// Element types with a typed-array class.
pub trait Element: Copy {
    /// A typed array of this element type over `len` elements at byte
    /// `offset` of `buffer`.
    fn view(buffer: &JsValue, offset: u32, len: u32) -> JsValue;
}

macro_rules! element {
    ($t:ty, $array:ident) => {
        impl Element for $t {
            fn view(buffer: &JsValue, offset: u32, len: u32) -> JsValue {
                $array::new_with_byte_offset_and_length(buffer, offset, len).into()
            }
        }
    };
}
element!(f32, Float32Array);
element!(u32, Uint32Array);
element!(u8, Uint8Array);

fn memory_view<T: Element>(slice: &[T]) -> JsValue {
    let buffer = wasm_bindgen::memory()
        .unchecked_into::<WebAssembly::Memory>()
        .buffer();
    // Addresses in wasm32 linear memory fit in u32.
    T::view(&buffer, slice.as_ptr() as usize as u32, slice.len() as u32)
}

/// The element count of a typed array (checked by the caller with
/// `ArrayBuffer.isView` and `instanceof`); 0 for a detached one.
pub fn len(array: &JsValue) -> usize {
    typed_length(array) as usize
}

/// `target.set(source)`, or the TypeError of `func` for an array whose
/// buffer was detached (transferred) before or during the call.
fn set(func: &str, target: &JsValue, source: &JsValue) -> Result<(), JsValue> {
    if typed_copy(target, source) {
        Ok(())
    } else {
        Err(js_sys::TypeError::new(&format!(
            "{func}: values is a typed array whose buffer was detached (transferred); its elements cannot be read or written"
        ))
        .into())
    }
}

/// A new Rust copy of a typed array of `T` (checked by the caller), or the
/// `RangeError` for a copy that cannot be allocated.
pub fn copy_of<T: Element + Default>(func: &str, array: &JsValue) -> Result<Vec<T>, JsValue> {
    let mut copy = core_::try_vec_filled(len(array), T::default())
        .map_err(|e| crate::args::alloc_error(func, e))?;
    copy_in(func, array, &mut copy)?;
    Ok(copy)
}

/// Copies `src` (a typed array of `len(src) == dst.len()` elements of `T`)
/// into `dst`.
pub fn copy_in<T: Element>(func: &str, src: &JsValue, dst: &mut [T]) -> Result<(), JsValue> {
    set(func, &memory_view::<T>(dst), src)
}

/// Copies `src` into `dst` (a typed array of `src.len()` elements of `T`).
pub fn copy_out<T: Element>(func: &str, src: &[T], dst: &JsValue) -> Result<(), JsValue> {
    set(func, dst, &memory_view(src))
}
