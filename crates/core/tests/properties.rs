//! Property tests: each core function against a deliberately naive
//! reference written from its documentation. Case counts are set by
//! PROPTEST_CASES (default 256 here; the hardening suite raises it).

use proptest::prelude::*;
use rust_wasm_memory_core as core_;

/// The reference maximum: an explicit loop that skips NaN.
fn reference_max(values: &[f32]) -> f32 {
    let mut max = f32::NEG_INFINITY;
    for &v in values {
        if !v.is_nan() && v > max {
            max = v;
        }
    }
    max
}

fn any_f32() -> impl Strategy<Value = f32> {
    prop_oneof![
        4 => -1e6f32..1e6f32,
        1 => Just(f32::NAN),
        1 => Just(f32::INFINITY),
        1 => Just(f32::NEG_INFINITY),
        1 => Just(0.0f32),
        1 => Just(-0.0f32),
        1 => Just(f32::MIN_POSITIVE / 4.0),
        1 => any::<f32>(),
    ]
}

proptest! {
    #[test]
    fn normalize_matches_the_reference(values in prop::collection::vec(any_f32(), 0..64)) {
        let mut got = values.clone();
        let result = core_::normalize(&mut got);
        let max = reference_max(&values);
        if values.is_empty() || !max.is_finite() || max == 0.0 {
            prop_assert!(result.is_err());
            prop_assert_eq!(bits(&got), bits(&values), "input must be untouched on error");
        } else {
            prop_assert_eq!(result, Ok(max));
            let expected: Vec<f32> = values.iter().map(|v| v / max).collect();
            prop_assert_eq!(bits(&got), bits(&expected));
        }
    }

    #[test]
    fn normalize_peak_divides_by_the_largest_magnitude(values in prop::collection::vec(any_f32(), 0..64)) {
        let mut got = values.clone();
        let result = core_::normalize_peak(&mut got);
        // The peak by definition: the largest |v| among the non-NaN elements.
        let peak = values.iter().filter(|v| !v.is_nan()).map(|v| v.abs()).fold(f32::NEG_INFINITY, f32::max);
        if values.is_empty() || !peak.is_finite() || peak == 0.0 {
            prop_assert!(result.is_err());
            prop_assert_eq!(bits(&got), bits(&values), "input must be untouched on error");
        } else {
            prop_assert_eq!(result, Ok(peak));
            let expected: Vec<f32> = values.iter().map(|v| v / peak).collect();
            prop_assert_eq!(bits(&got), bits(&expected));
            prop_assert!(got.iter().all(|v| v.is_nan() || (-1.0..=1.0).contains(v)), "peak-normalized values lie in [-1, 1]");
        }
    }

    #[test]
    fn sum_u32_is_the_sum_modulo_2_pow_32(values in prop::collection::vec(any::<u32>(), 0..256)) {
        let exact: u64 = values.iter().map(|&v| v as u64).sum();
        prop_assert_eq!(core_::sum_u32(&values), exact as u32);
        prop_assert_eq!(core_::sum_u32_of(values.iter().copied()), exact as u32);
        prop_assert_eq!(core_::sum_u32_of(values.iter().rev().copied()), exact as u32);
    }

    #[test]
    fn add_and_scale_and_add_wrap_like_64_bit_math_truncated(a in any::<i32>(), b in any::<i32>(), f in any::<i32>()) {
        prop_assert_eq!(core_::add(a, b), (a as i64 + b as i64) as i32);
        let scaled = ((a as i64 + b as i64) as i32 as i64 * f as i64) as i32;
        prop_assert_eq!(core_::scale_and_add(a, b, f), scaled);
    }

    #[test]
    fn fills_write_their_pattern_and_nothing_else(len in 0usize..2048) {
        let mut u = vec![0xDEAD_BEEFu32; len];
        core_::fill_doubles(&mut u);
        prop_assert!(u.iter().enumerate().all(|(i, &v)| v == 2 * i as u32));
        prop_assert_eq!(core_::make_number_array(len).unwrap(), u);
        let mut b = vec![0xAAu8; len];
        core_::fill_buffer(&mut b);
        prop_assert!(b.iter().enumerate().all(|(i, &v)| v == (i % 256) as u8));
    }

    #[test]
    fn string_functions_match_format(s in ".*") {
        prop_assert_eq!(core_::greet(&s).unwrap(), format!("Hello, {s}"));
        prop_assert_eq!(core_::process_string(&s).unwrap(), format!("{s}_processed"));
        prop_assert_eq!(core_::echo_suffix(&s).unwrap(), format!("{s}_echo"));
        prop_assert_eq!(core_::ascii_uppercase(&s).unwrap(), s.to_ascii_uppercase());
    }

}

fn bits(v: &[f32]) -> Vec<u32> {
    v.iter().map(|x| x.to_bits()).collect()
}
