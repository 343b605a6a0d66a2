//! Behaviour of every idiomatic export, as a JS caller sees it: argument
//! checks, edge cases and results. Runs in Node (`wasm-pack test --node`)
//! and, with `WASM_BINDGEN_USE_BROWSER=1`, in headless Chromium and Firefox.
#![cfg(target_arch = "wasm32")]

use js_sys::{
    Array, Error, Float32Array, Float64Array, Object, RangeError, TypeError, Uint8Array,
    Uint32Array,
};
use rust_wasm_memory as rwm;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn f32s(values: &[f32]) -> Float32Array {
    Float32Array::from(values)
}

fn message(err: &JsValue) -> String {
    err.dyn_ref::<Error>()
        .expect("thrown value is an Error")
        .message()
        .into()
}

fn assert_type_error(err: JsValue, expected_fragment: &str) {
    assert!(
        err.is_instance_of::<TypeError>(),
        "expected TypeError, got {err:?}"
    );
    let msg = message(&err);
    assert!(
        msg.contains(expected_fragment),
        "{msg:?} lacks {expected_fragment:?}"
    );
}

fn assert_range_error(err: JsValue, expected_fragment: &str) {
    assert!(
        err.is_instance_of::<RangeError>(),
        "expected RangeError, got {err:?}"
    );
    let msg = message(&err);
    assert!(
        msg.contains(expected_fragment),
        "{msg:?} lacks {expected_fragment:?}"
    );
}

// ---- strings -------------------------------------------------------------

#[wasm_bindgen_test]
fn greet_prefixes_hello() {
    assert_eq!(
        rwm::greet(&"WebAssembly".into()).unwrap(),
        "Hello, WebAssembly"
    );
}

#[wasm_bindgen_test]
fn greet_keeps_markup_verbatim() {
    assert_eq!(
        rwm::greet(&"<img src=x onerror=alert(1)>".into()).unwrap(),
        "Hello, <img src=x onerror=alert(1)>"
    );
}

#[wasm_bindgen_test]
fn greet_round_trips_non_bmp_characters() {
    assert_eq!(rwm::greet(&"🦀 ß".into()).unwrap(), "Hello, 🦀 ß");
}

#[wasm_bindgen_test]
fn greet_turns_a_lone_surrogate_into_u_fffd() {
    let lone = JsValue::from(js_sys::JsString::from_char_code1(0xD800));
    assert_eq!(rwm::greet(&lone).unwrap(), "Hello, \u{FFFD}");
}

#[wasm_bindgen_test]
fn string_functions_refuse_non_strings() {
    assert_type_error(
        rwm::greet(&JsValue::from(42)).unwrap_err(),
        "greet: name must be a string, got number",
    );
    assert_type_error(
        rwm::process_string(&JsValue::NULL).unwrap_err(),
        "processString: input must be a string, got null",
    );
    assert_type_error(
        rwm::echo_suffix(&JsValue::UNDEFINED).unwrap_err(),
        "got undefined",
    );
    assert_type_error(
        rwm::ascii_uppercase(&Object::new().into()).unwrap_err(),
        "got Object",
    );
}

#[wasm_bindgen_test]
fn process_string_and_echo_suffix_append_their_suffix() {
    assert_eq!(
        rwm::process_string(&"hello".into()).unwrap(),
        "hello_processed"
    );
    assert_eq!(rwm::echo_suffix(&"hello".into()).unwrap(), "hello_echo");
    assert_eq!(rwm::echo_suffix(&"".into()).unwrap(), "_echo");
}

#[wasm_bindgen_test]
fn ascii_uppercase_changes_only_a_to_z() {
    assert_eq!(
        rwm::ascii_uppercase(&"straße, ök 42".into()).unwrap(),
        "STRAßE, öK 42"
    );
}

// ---- normalize -----------------------------------------------------------

#[wasm_bindgen_test]
fn normalize_scales_in_place_and_reports_it() {
    let a = f32s(&[1.0, 5.0, 10.0]);
    assert_eq!(rwm::normalize(&a.clone().into()), Ok(true));
    assert_eq!(a.to_vec(), vec![0.1, 0.5, 1.0]);
}

#[wasm_bindgen_test]
fn normalize_leaves_empty_zero_and_infinite_input_unchanged() {
    for input in [
        vec![],
        vec![0.0, -1.0],
        vec![1.0, f32::INFINITY],
        vec![f32::NAN],
    ] {
        let a = f32s(&input);
        assert_eq!(rwm::normalize(&a.clone().into()), Ok(false), "{input:?}");
        let after = a.to_vec();
        assert_eq!(
            after.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
            input.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
        );
    }
}

#[wasm_bindgen_test]
fn normalize_flips_all_negative_input_and_keeps_nan() {
    let a = f32s(&[-1.0, -2.0, f32::NAN, -4.0]);
    assert_eq!(rwm::normalize(&a.clone().into()), Ok(true));
    let v = a.to_vec();
    assert_eq!((v[0], v[1], v[3]), (1.0, 2.0, 4.0));
    assert!(v[2].is_nan());
}

#[wasm_bindgen_test]
fn normalize_refuses_a_plain_array_and_other_typed_arrays() {
    let plain: Array = [1.0, 2.0].iter().map(|&v| JsValue::from(v)).collect();
    assert_type_error(
        rwm::normalize(&plain.into()).unwrap_err(),
        "normalize: values must be a Float32Array, got Array",
    );
    let f64s = Float64Array::new_with_length(2);
    assert_type_error(
        rwm::normalize(&f64s.into()).unwrap_err(),
        "got Float64Array",
    );
    assert_type_error(
        rwm::normalize(&JsValue::from("1,2")).unwrap_err(),
        "got string",
    );
}

#[wasm_bindgen_test]
fn normalize_works_on_a_subarray_without_touching_its_neighbours() {
    let whole = f32s(&[100.0, 1.0, 2.0, 100.0]);
    let middle = whole.subarray(1, 3);
    assert_eq!(rwm::normalize(&middle.into()), Ok(true));
    assert_eq!(whole.to_vec(), vec![100.0, 0.5, 1.0, 100.0]);
}

// ---- fills and sums ------------------------------------------------------

#[wasm_bindgen_test]
fn fill_doubles_writes_twice_the_index_in_place() {
    let a = Uint32Array::new_with_length(5);
    rwm::fill_doubles(&a.clone().into()).unwrap();
    assert_eq!(a.to_vec(), vec![0, 2, 4, 6, 8]);
}

#[wasm_bindgen_test]
fn fill_doubles_refuses_a_wrong_type() {
    assert_type_error(
        rwm::fill_doubles(&f32s(&[1.0]).into()).unwrap_err(),
        "fillDoubles: values must be a Uint32Array, got Float32Array",
    );
}

#[wasm_bindgen_test]
fn fill_buffer_writes_index_mod_256() {
    let a = Uint8Array::new_with_length(258);
    rwm::fill_buffer(&a.clone().into()).unwrap();
    let v = a.to_vec();
    assert_eq!((v[0], v[255], v[256], v[257]), (0, 255, 0, 1));
}

#[wasm_bindgen_test]
fn make_number_array_returns_doubles() {
    assert_eq!(
        rwm::make_number_array(&JsValue::from(4.0)).unwrap(),
        vec![0, 2, 4, 6]
    );
    assert!(
        rwm::make_number_array(&JsValue::from(0.0))
            .unwrap()
            .is_empty()
    );
}

#[wasm_bindgen_test]
fn make_number_array_refuses_bad_lengths() {
    for bad in [-1.0, 1.5, f64::NAN, f64::INFINITY, 4294967296.0] {
        assert_range_error(
            rwm::make_number_array(&JsValue::from(bad)).unwrap_err(),
            "makeNumberArray: len must be an integer from 0 to 4294967295",
        );
    }
}

#[wasm_bindgen_test]
fn make_number_array_reports_an_allocation_it_cannot_make() {
    // 4294967295 elements are 16 GiB: far beyond wasm32's 4 GiB.
    assert_range_error(
        rwm::make_number_array(&JsValue::from(4294967295.0)).unwrap_err(),
        "cannot allocate 17179869180 bytes",
    );
    // ...and the instance still works afterwards.
    assert_eq!(
        rwm::make_number_array(&JsValue::from(3.0)).unwrap(),
        vec![0, 2, 4]
    );
}

#[wasm_bindgen_test]
fn sum_u32_wraps_modulo_2_pow_32() {
    assert_eq!(
        rwm::sum_u32(&Uint32Array::from(&[1u32, 2, 3][..]).into()),
        Ok(6)
    );
    assert_eq!(
        rwm::sum_u32(&Uint32Array::from(&[u32::MAX, 2][..]).into()),
        Ok(1)
    );
    assert_eq!(rwm::sum_u32(&Uint32Array::new_with_length(0).into()), Ok(0));
}

#[wasm_bindgen_test]
fn sum_u32_refuses_a_plain_array() {
    let plain: Array = [1u32, 2].iter().map(|&v| JsValue::from(v)).collect();
    assert_type_error(
        rwm::sum_u32(&plain.into()).unwrap_err(),
        "sumU32: values must be a Uint32Array, got Array",
    );
}

// ---- integers ------------------------------------------------------------

#[wasm_bindgen_test]
fn numeric_arguments_refuse_non_numbers_instead_of_coercing() {
    for (bad, got) in [
        (JsValue::from_str("3"), "string"),
        (JsValue::NULL, "null"),
        (JsValue::TRUE, "boolean"),
        (Array::new().into(), "Array"),
        (JsValue::UNDEFINED, "undefined"),
    ] {
        assert_type_error(
            rwm::make_number_array(&bad).unwrap_err(),
            &format!("makeNumberArray: len must be a number, got {got}"),
        );
        assert_type_error(
            rwm::add(&JsValue::from(1), &bad).unwrap_err(),
            &format!("add: b must be a number, got {got}"),
        );
        assert_type_error(
            rwm::scale_and_add(&bad, &JsValue::from(1), &JsValue::from(1)).unwrap_err(),
            &format!("scaleAndAdd: x must be a number, got {got}"),
        );
        assert!(rwm::F32Buffer::new(&bad).is_err());
    }
}

#[wasm_bindgen_test]
fn add_and_scale_and_add_compute_and_wrap() {
    assert_eq!(rwm::add(&JsValue::from(2.0), &JsValue::from(3.0)), Ok(5));
    assert_eq!(
        rwm::add(&JsValue::from(2147483647.0), &JsValue::from(1.0)),
        Ok(-2147483648)
    );
    assert_eq!(
        rwm::scale_and_add(
            &JsValue::from(2.0),
            &JsValue::from(3.0),
            &JsValue::from(4.0)
        ),
        Ok(20)
    );
    assert_eq!(
        rwm::scale_and_add(
            &JsValue::from(2147483647.0),
            &JsValue::from(1.0),
            &JsValue::from(2.0)
        ),
        Ok(0)
    );
}

#[wasm_bindgen_test]
fn integer_arguments_refuse_fractions_nan_and_out_of_range() {
    assert_range_error(
        rwm::add(&JsValue::from(1.5), &JsValue::from(1.0)).unwrap_err(),
        "add: a must be an integer from -2147483648 to 2147483647, got 1.5",
    );
    assert_range_error(
        rwm::add(&JsValue::from(1.0), &JsValue::from(f64::NAN)).unwrap_err(),
        "add: b must be an integer",
    );
    assert_range_error(
        rwm::scale_and_add(
            &JsValue::from(0.0),
            &JsValue::from(0.0),
            &JsValue::from(2147483648.0),
        )
        .unwrap_err(),
        "scaleAndAdd: factor must be",
    );
}

// ---- heap statistics -----------------------------------------------------

fn stat(stats: &JsValue, key: &str) -> f64 {
    js_sys::Reflect::get(stats, &key.into())
        .unwrap()
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is a number"))
}

#[wasm_bindgen_test]
fn heap_stats_reports_every_counter_as_a_number() {
    let s = rwm::heap_stats();
    for key in [
        "liveBytes",
        "liveAllocations",
        "totalAllocations",
        "peakLiveBytes",
        "hostBlocks",
    ] {
        assert!(stat(&s, key) >= 0.0, "{key}");
    }
    assert!(stat(&s, "peakLiveBytes") >= stat(&s, "liveBytes"));
}

#[wasm_bindgen_test]
fn idiomatic_calls_leave_live_bytes_at_their_baseline() {
    let f32s = f32s(&[1.0, 2.0, 4.0]);
    let run = || {
        rwm::greet(&"leak?".into()).unwrap();
        rwm::normalize(&f32s.clone().into()).unwrap();
        rwm::make_number_array(&JsValue::from(64.0)).unwrap();
        let _ = rwm::make_number_array(&JsValue::from(4294967295.0)); // a refused allocation
    };
    run();
    let before = stat(&rwm::heap_stats(), "liveBytes");
    for _ in 0..1000 {
        run();
    }
    assert_eq!(stat(&rwm::heap_stats(), "liveBytes"), before);
    assert!(
        stat(&rwm::heap_stats(), "totalAllocations") > 3000.0,
        "the calls allocated"
    );
}
