//! Fuzzes a user's export built with the kit: the example's `histogram`
//! (examples/histogram), called natively the way a host calls it, with
//! arguments that are inside, at the edge of or past the blocks a model
//! knows to be live, in the scratch area, overlapping each other, or
//! arbitrary. The model is the oracle:
//! - the call succeeds exactly when `values`, `bins` and `outside` are each
//!   aligned and inside one live block (or the scratch area), `bins` and
//!   `outside` overlap nothing else, and the bounds are valid; then `bins`
//!   and `outside` hold the reference histogram;
//! - a refused call writes nothing (every live block is compared);
//! - the live-block count never changes (the export allocates nothing).
//! AddressSanitizer (cargo fuzz's default) catches any out-of-bounds access.
#![no_main]

use histogram::histogram;
use libfuzzer_sys::fuzz_target;
use rust_wasm_memory_kit::blocks::{self, SCRATCH_SIZE};
use rust_wasm_memory_kit::standard::{alloc, dealloc, host_blocks};

struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn u8(&mut self) -> u8 {
        let Some((&b, rest)) = self.0.split_first() else { return 0 };
        self.0 = rest;
        b
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
    }
}

#[derive(Clone, Copy)]
struct Region {
    ptr: usize,
    size: usize,
}

fn bytes(r: Region) -> Vec<u8> {
    blocks::with_slice(r.ptr, r.size.min(4096), |b: &[u8]| b.to_vec()).unwrap()
}

fn reference(values: &[f32], lo: f32, hi: f32, bins: &mut [u32]) -> Option<u32> {
    if !(lo.is_finite() && hi.is_finite() && lo < hi) || bins.is_empty() {
        return None;
    }
    let mut outside = 0u32;
    for &v in values {
        let (v, lo64, hi64) = (f64::from(v), f64::from(lo), f64::from(hi));
        if v >= lo64 && v < lo64 + (hi64 - lo64) {
            let i = ((v - lo64) / (hi64 - lo64) * bins.len() as f64) as usize;
            let n = bins.len();
            bins[i.min(n - 1)] = bins[i.min(n - 1)].wrapping_add(1);
        } else {
            outside += 1;
        }
    }
    Some(outside)
}

fuzz_target!(|data: &[u8]| {
    let mut input = Bytes(data);
    let baseline = host_blocks();
    // A few live blocks (4-aligned), filled with fuzzer bytes.
    let mut live: Vec<Region> = Vec::new();
    for _ in 0..1 + input.u8() % 4 {
        let size = (input.u8() as usize % 64) * 4;
        let p = alloc(size as u32, 4);
        assert!(!p.is_null());
        let fill: Vec<u8> = (0..size).map(|_| input.u8()).collect();
        blocks::with_slice_mut(p.addr(), size, |b: &mut [u8]| b.copy_from_slice(&fill)).unwrap();
        live.push(Region { ptr: p.addr(), size });
    }
    let scratch = Region { ptr: blocks::scratch().addr(), size: SCRATCH_SIZE };
    let regions: Vec<Region> = live.iter().copied().chain([scratch]).collect();
    // Three ranges: values (f32), bins (u32), outside (one u32).
    let mut pick = |input: &mut Bytes<'_>| -> usize {
        let how = input.u8();
        let n = input.u32();
        if how % 5 == 4 {
            n as usize
        } else {
            let r = regions[how as usize % regions.len()];
            r.ptr.wrapping_add((n % (r.size as u32 + 9)) as usize)
        }
    };
    let values_at = pick(&mut input);
    let values_len = input.u8() as usize % 40;
    let bins_at = pick(&mut input);
    let bins_len = input.u8() as usize % 12;
    let outside_at = pick(&mut input);
    let lo = f32::from_bits(input.u32());
    let hi = if input.u8() % 2 == 0 { lo + (input.u8() as f32) / 8.0 } else { f32::from_bits(input.u32()) };

    let inside = |at: usize, len: usize| at != 0 && at % 4 == 0 && (len == 0 || regions.iter().any(|r| at >= r.ptr && at + 4 * len <= r.ptr + r.size));
    let overlap = |a: usize, al: usize, b: usize, bl: usize| al > 0 && bl > 0 && a < b + 4 * bl && b < a + 4 * al;
    let ranges_ok = inside(values_at, values_len)
        && inside(bins_at, bins_len)
        && inside(outside_at, 1)
        && !overlap(values_at, values_len, bins_at, bins_len)
        && !overlap(values_at, values_len, outside_at, 1)
        && !overlap(bins_at, bins_len, outside_at, 1);
    // The expected result, computed on copies before the call.
    let expected = ranges_ok.then(|| {
        let values: Vec<f32> = if values_len == 0 { vec![] } else { blocks::with_slice(values_at, values_len, |v: &[f32]| v.to_vec()).unwrap() };
        let mut bins: Vec<u32> = if bins_len == 0 { vec![] } else { blocks::with_slice(bins_at, bins_len, |v: &[u32]| v.to_vec()).unwrap() };
        reference(&values, lo, hi, &mut bins).map(|outside| (bins, outside))
    });
    let before: Vec<Vec<u8>> = regions.iter().map(|&r| bytes(r)).collect();

    let status = histogram(
        std::ptr::without_provenance(values_at),
        values_len as u32,
        lo,
        hi,
        std::ptr::without_provenance_mut(bins_at),
        bins_len as u32,
        std::ptr::without_provenance_mut(outside_at),
    );
    match expected {
        Some(Some((bins, outside))) => {
            assert_eq!(status, 0, "a valid call was refused");
            if bins_len > 0 {
                assert_eq!(blocks::with_slice(bins_at, bins_len, |v: &[u32]| v.to_vec()).unwrap(), bins);
            }
            assert_eq!(blocks::with_slice(outside_at, 1, |v: &[u32]| v[0]).unwrap(), outside);
        }
        Some(None) => {
            assert_eq!(status, -13, "invalid bounds or no bins must be -13");
            let after: Vec<Vec<u8>> = regions.iter().map(|&r| bytes(r)).collect();
            assert!(after == before, "a refused call wrote");
        }
        None => {
            assert!(status < 0, "a bad range was accepted");
            let after: Vec<Vec<u8>> = regions.iter().map(|&r| bytes(r)).collect();
            assert!(after == before, "a refused call wrote");
        }
    }
    assert_eq!(host_blocks(), baseline + live.len(), "the export allocated or freed a block");
    for r in live {
        assert_eq!(dealloc(std::ptr::without_provenance_mut(r.ptr), r.size as u32, 4), 0);
    }
});
