//! Copies between caller-supplied JS typed arrays and Rust slices that run
//! none of the caller's code.
//!
//! `js_sys`'s `length()`, `copy_to` and `copy_from` read the array's
//! `length` *property*, which a caller can redefine on the instance
//! (`Object.defineProperty(a, 'length', ...)`): a lying length made the copy
//! throw half-way, which unwound through Rust and leaked the scratch buffer,
//! and a length that changed between two reads failed `js_sys`'s length
//! assertion, a panic. Here the length is the array's internal
//! `[[ArrayLength]]`, read through the engine's own `%TypedArray%` getter,
//! and copies go through the engine's own `%TypedArray%.prototype.set`, both
//! captured once per instance; neither can be intercepted per object.

use js_sys::{Float32Array, Function, Reflect, Uint8Array, Uint32Array, WebAssembly};
use rust_wasm_memory_core as core_;
use wasm_bindgen::{JsCast, JsValue};

struct Intrinsics {
    length: Function,
    set: Function,
}

impl Intrinsics {
    fn capture() -> Option<Self> {
        let uint8_prototype = Reflect::get_prototype_of(&Uint8Array::new_with_length(0)).ok()?;
        let typed_array_prototype = Reflect::get_prototype_of(&uint8_prototype).ok()?;
        let descriptor =
            Reflect::get_own_property_descriptor(&typed_array_prototype, &"length".into()).ok()?;
        let length = Reflect::get(&descriptor, &"get".into())
            .ok()?
            .dyn_into()
            .ok()?;
        let set = Reflect::get(&typed_array_prototype, &"set".into())
            .ok()?
            .dyn_into()
            .ok()?;
        Some(Intrinsics { length, set })
    }
}

thread_local! {
    static INTRINSICS: Option<Intrinsics> = Intrinsics::capture();
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
/// `ArrayBuffer.isView` and `instanceof`).
pub fn len(array: &JsValue) -> usize {
    INTRINSICS.with(|i| {
        i.as_ref()
            .and_then(|i| i.length.call0(array).ok())
            .and_then(|v| v.as_f64())
            .unwrap_or(0.0) as usize
    })
}

fn set(target: &JsValue, source: &JsValue) -> Result<(), JsValue> {
    INTRINSICS.with(|i| match i {
        Some(i) => i.set.call1(target, source).map(drop),
        None => Err(js_sys::Error::new("typed-array intrinsics are unavailable").into()),
    })
}

/// A new Rust copy of a typed array of `T` (checked by the caller), or the
/// `RangeError` for a copy that cannot be allocated.
pub fn copy_of<T: Element + Default>(func: &str, array: &JsValue) -> Result<Vec<T>, JsValue> {
    let mut copy = core_::try_vec_filled(len(array), T::default())
        .map_err(|e| crate::args::alloc_error(func, e))?;
    copy_in(array, &mut copy)?;
    Ok(copy)
}

/// Copies `src` (a typed array of `len(src) == dst.len()` elements of `T`)
/// into `dst`.
pub fn copy_in<T: Element>(src: &JsValue, dst: &mut [T]) -> Result<(), JsValue> {
    set(&memory_view::<T>(dst), src)
}

/// Copies `src` into `dst` (a typed array of `src.len()` elements of `T`).
pub fn copy_out<T: Element>(src: &[T], dst: &JsValue) -> Result<(), JsValue> {
    set(dst, &memory_view(src))
}
