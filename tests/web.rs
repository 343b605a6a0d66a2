//! Browser-only checks (headless Chromium and Firefox): the exports used
//! the way a page uses them, with DOM text and typed arrays made by the page.
#![cfg(target_arch = "wasm32")]

use js_sys::Float32Array;
use rust_wasm_memory as rwm;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window()
        .expect("a window")
        .document()
        .expect("a document")
}

#[wasm_bindgen_test]
fn greeting_rendered_as_text_stays_literal_markup() {
    let payload = "<img src=x onerror=alert(1)>";
    let out = document().create_element("p").unwrap();
    out.set_text_content(Some(&rwm::greet(&payload.into()).unwrap()));
    assert_eq!(
        out.child_element_count(),
        0,
        "no element may be created from the payload"
    );
    assert_eq!(out.text_content().unwrap(), format!("Hello, {payload}"));
}

#[wasm_bindgen_test]
fn normalize_accepts_a_float32array_made_by_page_script() {
    let made_by_page = js_sys::eval("new Float32Array([2, 4, 8])").unwrap();
    let array: Float32Array = made_by_page.clone().unchecked_into();
    assert_eq!(rwm::normalize(&made_by_page), Ok(true));
    assert_eq!(array.to_vec(), vec![0.25, 0.5, 1.0]);
}
