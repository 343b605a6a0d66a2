//! Zero-copy typed buffers: `F32Buffer` and `U32Buffer` own their elements
//! inside wasm memory, so JS fills them through `view()` and the kernels run
//! in place, with no copy in or out. This is the fast path for large data.
//!
//! `view()` builds a fresh typed array over the current `memory.buffer` on
//! every call: a view taken before `memory.grow` is detached by the engine
//! (length 0), so take a new one after any call that may allocate. After
//! `free()` every method throws.

use js_sys::{Float32Array, Uint32Array, WebAssembly};
use rust_wasm_memory_core as core_;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::{args, typed};

fn memory_buffer() -> JsValue {
    wasm_bindgen::memory()
        .unchecked_into::<WebAssembly::Memory>()
        .buffer()
}

fn new_vec<T: Clone + Default>(
    func: &str,
    length: &JsValue,
    element_bytes: u32,
) -> Result<Vec<T>, JsValue> {
    let max = (u32::MAX / element_bytes) as f64;
    let len = args::integer(func, "length", length, 0.0, max)? as usize;
    core_::try_vec_filled(len, T::default()).map_err(|e| args::alloc_error(func, e))
}

/// Defines a buffer class: the struct and its shared API (constructor,
/// `from`, `length`, `ptr`, `view`). Each class adds its kernels in its own
/// `impl` block below.
macro_rules! typed_buffer {
    // Docs are literal arguments: wasm-bindgen copies only literal doc
    // strings into the .d.ts, not `concat!` ones.
    (
        $name:ident, $elem:ty, $array:ident, $class:literal, $array_name:literal,
        $class_doc:literal, $from_doc:literal, $view_doc:literal
    ) => {
        #[doc = $class_doc]
        #[wasm_bindgen]
        #[derive(Debug)]
        pub struct $name {
            data: Vec<$elem>,
        }

        #[wasm_bindgen]
        impl $name {
            /// A zeroed buffer of `length` elements (4 bytes each).
            ///
            /// @throws {TypeError} if `length` is not a number.
            /// @throws {RangeError} if `length` is not an integer from 0 to
            /// 1073741823, or the memory cannot be allocated.
            #[wasm_bindgen(constructor)]
            pub fn new(
                #[wasm_bindgen(unchecked_param_type = "number")] length: &JsValue,
            ) -> Result<$name, JsValue> {
                Ok($name {
                    data: new_vec(concat!("new ", $class), length, 4)?,
                })
            }

            #[doc = $from_doc]
            #[wasm_bindgen(js_name = from)]
            pub fn from_array(
                #[wasm_bindgen(unchecked_param_type = $array_name)] values: &JsValue,
            ) -> Result<$name, JsValue> {
                const F: &str = concat!($class, ".from");
                let array: &$array = args::typed_array(F, "values", $array_name, values)?;
                Ok($name {
                    data: typed::copy_of::<$elem>(F, array)?,
                })
            }

            /// Number of elements.
            #[wasm_bindgen(getter)]
            pub fn length(&self) -> u32 {
                self.data.len() as u32
            }

            /// Byte address of the first element in wasm memory.
            #[wasm_bindgen(getter)]
            pub fn ptr(&self) -> u32 {
                self.data.as_ptr() as u32
            }

            #[doc = $view_doc]
            pub fn view(&self) -> $array {
                $array::new_with_byte_offset_and_length(&memory_buffer(), self.ptr(), self.length())
            }
        }
    };
}

typed_buffer!(
    F32Buffer,
    f32,
    Float32Array,
    "F32Buffer",
    "Float32Array",
    "f32 elements owned by wasm memory. Free with `free()` (or `using`); a\nFinalizationRegistry frees it if you forget.",
    "A buffer holding a copy of `values`.\n\n@throws {TypeError} if `values` is not a `Float32Array`.\n@throws {RangeError} if the memory cannot be allocated.",
    "A `Float32Array` over the elements, in wasm memory (no copy). Valid until\nmemory grows (call `view()` again after any allocating call) or until\n`free()` of this buffer, which detaches every view of wasm memory: a\ndetached view has length 0, reads `undefined` and drops writes, so it\nnever reaches memory the allocator gave to someone else."
);
typed_buffer!(
    U32Buffer,
    u32,
    Uint32Array,
    "U32Buffer",
    "Uint32Array",
    "u32 elements owned by wasm memory. Free with `free()` (or `using`); a\nFinalizationRegistry frees it if you forget.",
    "A buffer holding a copy of `values`.\n\n@throws {TypeError} if `values` is not a `Uint32Array`.\n@throws {RangeError} if the memory cannot be allocated.",
    "A `Uint32Array` over the elements, in wasm memory (no copy). Valid until\nmemory grows (call `view()` again after any allocating call) or until\n`free()` of this buffer, which detaches every view of wasm memory: a\ndetached view has length 0, reads `undefined` and drops writes, so it\nnever reaches memory the allocator gave to someone else."
);

#[wasm_bindgen]
impl F32Buffer {
    /// `normalize` in place, with no copy: `true` if scaled, `false` if left
    /// unchanged (empty, maximum 0, or maximum not finite).
    pub fn normalize(&mut self) -> bool {
        core_::normalize(&mut self.data).is_ok()
    }

    /// `normalizePeak` in place, with no copy: divides by the largest
    /// magnitude, so the elements end up in `[-1, 1]`. `true` if scaled,
    /// `false` if left unchanged (empty, every element `±0` or `NaN`, or an
    /// element infinite).
    #[wasm_bindgen(js_name = normalizePeak)]
    pub fn normalize_peak(&mut self) -> bool {
        core_::normalize_peak(&mut self.data).is_ok()
    }
}

#[wasm_bindgen]
impl U32Buffer {
    /// The wrapping sum of the elements, in place.
    pub fn sum(&self) -> u32 {
        core_::sum_u32(&self.data)
    }

    /// Element `i` ← `2 * i`, in place.
    #[wasm_bindgen(js_name = fillDoubles)]
    pub fn fill_doubles(&mut self) {
        core_::fill_doubles(&mut self.data);
    }
}
