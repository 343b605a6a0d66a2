//! The simd128 kernels against the scalar reference, bit for bit, on random
//! and edge-case data. Runs wherever `api.rs` runs (Node, Chromium, Firefox).
//! NaN results are compared as "both NaN": wasm leaves NaN payload bits to
//! the engine, so those bits are not part of the contract.
#![cfg(target_arch = "wasm32")]

use rust_wasm_memory_core as core_;
use wasm_bindgen_test::wasm_bindgen_test;

/// xorshift32: deterministic data without a dependency.
struct Rng(u32);
impl Rng {
    fn next(&mut self) -> u32 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 17;
        self.0 ^= self.0 << 5;
        self.0
    }
    fn f32(&mut self) -> f32 {
        const EDGES: [f32; 9] = [
            f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            0.0,
            -0.0,
            f32::MIN_POSITIVE / 8.0,
            f32::MAX,
            f32::MIN,
            1.0,
        ];
        match self.next() % 16 {
            0 => EDGES[(self.next() % EDGES.len() as u32) as usize],
            1 => f32::from_bits(self.next()), // any bit pattern, NaNs and subnormals included
            _ => (self.next() as f32 / u32::MAX as f32 - 0.3) * 1000.0,
        }
    }
}

fn same(a: &[f32], b: &[f32]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan()))
}

#[wasm_bindgen_test]
// A reported test, not a compile-time check: the suite must show it ran.
#[allow(clippy::assertions_on_constants)]
fn the_kernels_under_test_are_the_simd_ones() {
    assert!(
        core_::SIMD,
        "this wasm build must have simd128 enabled, or this suite compares scalar with scalar"
    );
}

#[wasm_bindgen_test]
fn normalize_and_normalize_peak_match_the_scalar_reference() {
    let mut rng = Rng(0x9E37_79B9);
    for case in 0..3000 {
        let len = (rng.next() % 300) as usize;
        let input: Vec<f32> = (0..len).map(|_| rng.f32()).collect();
        for (fast, reference) in KERNELS {
            let (mut simd, mut scalar) = (input.clone(), input.clone());
            let (a, b) = (fast(&mut simd), reference(&mut scalar));
            assert_eq!(
                a.map(f32::to_bits),
                b.map(f32::to_bits),
                "case {case}: {input:?}"
            );
            assert!(same(&simd, &scalar), "case {case}: {input:?}");
        }
    }
}

/// `normalize` and `normalize_peak`, each with its scalar reference.
type Normalizer = fn(&mut [f32]) -> Result<f32, core_::NormalizeError>;
const KERNELS: [(Normalizer, Normalizer); 2] = [
    (core_::normalize, core_::reference::normalize),
    (core_::normalize_peak, core_::reference::normalize_peak),
];

#[wasm_bindgen_test]
fn normalize_edge_cases_match_the_reference_in_both_kernels() {
    let cases: [&[f32]; 8] = [
        &[],
        &[f32::NAN; 17],
        &[0.0, -0.0, 0.0, -0.0, 0.0],
        &[-1.0, -2.0, -4.0, -8.0, -16.0, -32.0, -64.0, -128.0, -3.0],
        &[1.0, f32::INFINITY, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
        &[
            f32::NEG_INFINITY,
            2.0,
            f32::NAN,
            4.0,
            1.0,
            1.0,
            1.0,
            1.0,
            1.0,
            1.0,
            1.0,
            1.0,
            1.0,
            1.0,
            1.0,
            1.0,
            9.0,
        ],
        &[f32::MIN_POSITIVE / 4.0, -1.0, 0.0, 0.0],
        &[f32::MAX, f32::MIN, 1.0, -1.0],
    ];
    for input in cases {
        for (fast, reference) in KERNELS {
            let (mut simd, mut scalar) = (input.to_vec(), input.to_vec());
            assert_eq!(
                fast(&mut simd).map(f32::to_bits),
                reference(&mut scalar).map(f32::to_bits),
                "{input:?}"
            );
            assert!(same(&simd, &scalar), "{input:?}");
        }
    }
}

#[wasm_bindgen_test]
fn sum_and_fill_match_the_scalar_reference() {
    let mut rng = Rng(12345);
    for len in (0..200).chain([1023, 1024, 1025, 4099]) {
        let values: Vec<u32> = (0..len).map(|_| rng.next()).collect();
        assert_eq!(
            core_::sum_u32(&values),
            core_::reference::sum_u32(&values),
            "len {len}"
        );
        let (mut simd, mut scalar) = (vec![7u32; len], vec![9u32; len]);
        core_::fill_doubles(&mut simd);
        core_::reference::fill_doubles(&mut scalar);
        assert_eq!(simd, scalar, "len {len}");
    }
    assert_eq!(
        core_::sum_u32(&[u32::MAX; 33]),
        core_::reference::sum_u32(&[u32::MAX; 33])
    );
}
