//! The `Host` of a call against a model: for any set of live blocks (some
//! freed again) and any sequence of ranges taken in one call (inside, at the
//! edge of, past or between blocks, in the scratch area, overlapping each
//! other), a range is given out exactly when the model says it may be, a
//! refused range is refused with the model's status, only the ranges taken
//! for writing change, and blocks handed out by a call that fails are taken
//! back. Run under Miri too (`npm test`'s miri suite), with strict
//! provenance.

use std::sync::Mutex;

use proptest::prelude::*;
use rust_wasm_memory_kit::blocks::{self, SCRATCH_SIZE};
use rust_wasm_memory_kit::{Status, call};

/// The registry is global: one test at a time.
static SERIAL: Mutex<()> = Mutex::new(());

#[derive(Debug, Clone)]
enum Take {
    /// `slice::<u32>`, `slice_mut::<u32>` or `out::<u32>` (len 1), at an
    /// offset from a block (or the scratch area), in bytes.
    Range {
        target: usize,
        offset: usize,
        len: usize,
        kind: u8,
    },
    /// Hand out a new block of `len` bytes.
    HandOut { len: usize },
}

fn take() -> impl Strategy<Value = Take> {
    prop_oneof![
        4 => (0usize..8, 0usize..80, 0usize..24, 0u8..3).prop_map(|(target, offset, len, kind)| Take::Range { target, offset, len, kind }),
        1 => (0usize..40).prop_map(|len| Take::HandOut { len }),
    ]
}

/// What a take gave, what the model expected, and which take it was.
type Verdict = (Result<(), Status>, Result<(), Status>, String);

#[derive(Debug, Clone, Copy)]
struct Region {
    addr: usize,
    size: usize,
    live: bool,
}

/// The bytes a take can reach: each live region up to 256 bytes (the
/// offsets and lengths generated stay below that; the scratch area is 16
/// KiB, too slow to compare whole under Miri).
fn snapshot(regions: &[Region]) -> Vec<Vec<u8>> {
    regions.iter().filter(|r| r.live).map(bytes_of).collect()
}

fn bytes_of(r: &Region) -> Vec<u8> {
    blocks::with_slice(r.addr, r.size.min(256), |b: &[u8]| b.to_vec()).unwrap()
}

fn runs() -> u32 {
    if cfg!(miri) { 12 } else { 2000 }
}

proptest! {
    // No failure file under Miri (isolation has no file system).
    #![proptest_config(ProptestConfig { cases: runs(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_host_gives_out_exactly_what_the_model_allows(
        sizes in prop::collection::vec(1usize..64, 1..6),
        freed in prop::collection::vec(any::<bool>(), 6),
        takes in prop::collection::vec(take(), 1..8),
        fail_at_end in any::<bool>(),
    ) {
        let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let before = blocks::live_blocks();
        // Blocks (4-aligned), some freed again, and the scratch area.
        let mut regions: Vec<Region> = sizes
            .iter()
            .map(|&size| Region { addr: blocks::allocate(size, 4).unwrap().as_ptr().addr(), size, live: true })
            .collect();
        for (r, &free) in regions.iter_mut().zip(&freed) {
            if free {
                blocks::release(r.addr, r.size, 4).unwrap();
                r.live = false;
            }
        }
        regions.push(Region { addr: blocks::scratch().addr(), size: SCRATCH_SIZE, live: true });
        let untouched = snapshot(&regions);

        // The model: the ranges given out so far, with whether each is
        // written, and the blocks handed out during the call.
        let mut given: Vec<(usize, usize, bool)> = Vec::new();
        let mut written: Vec<(usize, usize)> = Vec::new();
        let mut handed: Vec<Region> = Vec::new();
        let mut verdicts: Vec<Verdict> = Vec::new();
        let status = call(|host| {
            for t in &takes {
                match *t {
                    Take::HandOut { len } => {
                        let (addr, n) = host.hand_out(vec![7; len])?;
                        verdicts.push((Ok(()), if n == len && addr != 0 { Ok(()) } else { Err(Status::Overflow) }, format!("hand_out({len})")));
                        handed.push(Region { addr, size: len, live: true });
                    }
                    Take::Range { target, offset, len, kind } => {
                        let r = regions[target % regions.len()];
                        let addr = r.addr + offset;
                        let len = if kind == 2 { 1 } else { len };
                        let (start, end) = (addr, addr + 4 * len);
                        let write = kind != 0;
                        let inside = regions.iter().chain(&handed).any(|b| b.live && start >= b.addr && end <= b.addr + b.size);
                        let expected = if !addr.is_multiple_of(4) {
                            Err(Status::Misaligned)
                        } else if len == 0 {
                            Ok(())
                        } else if !inside {
                            Err(Status::NotOwned)
                        } else if given.iter().any(|&(s, e, w)| start < e && s < end && (w || write)) {
                            Err(Status::Overlap)
                        } else {
                            Ok(())
                        };
                        // An address with no provenance: the Host derives access from the block.
                        let p = std::ptr::without_provenance_mut::<u32>(addr);
                        let got = match kind {
                            0 => host.slice(p.cast_const(), len).map(|s| assert_eq!(s.len(), len)),
                            1 => host.slice_mut(p, len).map(|s| s.fill(0xdead_beef)),
                            _ => host.out(p).map(|v| *v = 0xdead_beef),
                        };
                        if got.is_ok() && len > 0 {
                            given.push((start, end, write));
                            if write {
                                written.push((start, end));
                            }
                        }
                        verdicts.push((got, expected, format!("{t:?} at {addr:#x}")));
                    }
                }
            }
            if fail_at_end { Err(Status::InvalidArgument) } else { Ok(()) }
        });
        for (got, expected, what) in &verdicts {
            prop_assert_eq!(got, expected, "{}", what);
        }
        // Only the written ranges changed.
        for (r, old) in regions.iter().filter(|r| r.live).zip(&untouched) {
            let now = bytes_of(r);
            for (i, (&a, &b)) in old.iter().zip(&now).enumerate() {
                let at = r.addr + i;
                let in_written = written.iter().any(|&(s, e)| at >= s && at < e);
                prop_assert!(a == b || in_written, "byte {:#x} changed outside every written range", at);
            }
        }
        // A failed call takes back what it handed out; a good one leaves it
        // to the host.
        prop_assert_eq!(status, if fail_at_end { Status::InvalidArgument.code() } else { 0 });
        let model_blocks = regions.iter().filter(|r| r.live && r.size != SCRATCH_SIZE).count();
        let kept = if fail_at_end { 0 } else { handed.len() };
        prop_assert_eq!(blocks::live_blocks(), before + model_blocks + kept);
        for r in regions.iter().filter(|r| r.live && r.size != SCRATCH_SIZE) {
            blocks::release(r.addr, r.size, 4).unwrap();
        }
        if !fail_at_end {
            for r in &handed {
                blocks::release(r.addr, r.size, 1).unwrap();
            }
        }
        prop_assert_eq!(blocks::live_blocks(), before);
    }
}

#[test]
fn scratch_ranges_overlapping_a_write_are_refused_like_block_ranges() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let at = blocks::scratch().cast::<u32>();
    blocks::with_slice_mut(at.addr(), 5, |v: &mut [u32]| v.fill(0)).unwrap();
    let status = call(|host| {
        host.slice_mut(at, 4)?.fill(1);
        host.slice(at.wrapping_add(3).cast_const(), 2)?;
        Ok(())
    });
    assert_eq!(status, Status::Overlap.code());
    let status = call(|host| {
        host.slice_mut(at, 4)?.fill(2);
        host.slice(at.wrapping_add(4).cast_const(), 2)?;
        Ok(())
    });
    assert_eq!(status, 0, "adjacent ranges do not overlap");
    assert_eq!(
        blocks::with_slice(at.addr(), 5, |v: &[u32]| v.to_vec()),
        Ok(vec![2, 2, 2, 2, 0])
    );
}

#[test]
fn strict_text_is_refused_when_not_utf8_and_lossy_text_is_not() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let at = blocks::scratch();
    blocks::with_slice_mut(at.addr(), 3, |b: &mut [u8]| b.copy_from_slice(b"a\xffb")).unwrap();
    assert_eq!(
        call(|host| host.str(at, 3).map(drop)),
        Status::InvalidUtf8.code()
    );
    assert_eq!(
        call(|host| {
            assert_eq!(host.text(at, 3)?, "a\u{fffd}b");
            Ok(())
        }),
        0
    );
}

#[test]
fn more_than_max_ranges_in_one_call_is_refused_not_overrun() {
    let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let at = blocks::scratch().cast::<u32>();
    let status = call(|host| {
        for i in 0..=rust_wasm_memory_kit::call::MAX_RANGES {
            host.slice(at.wrapping_add(i).cast_const(), 1)?;
        }
        Ok(())
    });
    assert_eq!(status, Status::InvalidArgument.code());
}

proptest! {
    // Under Miri, 4 cases: each allocates and lists up to 24 blocks twice.
    #![proptest_config(ProptestConfig { cases: if cfg!(miri) { 4 } else { runs() }, failure_persistence: None, ..ProptestConfig::default() })]

    /// `list_blocks` lists exactly the live blocks of a model, in address
    /// order with their sizes, after any sequence of allocations and frees;
    /// with too little room it refuses with -8 and writes nothing.
    #[test]
    fn the_block_list_is_the_live_blocks_in_address_order(
        ops in prop::collection::vec((0usize..40, any::<bool>()), 1..24),
    ) {
        let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        let before: Vec<(u32, u32)> = list().unwrap();
        let mut live: Vec<(usize, usize)> = Vec::new();
        for (size, free) in ops {
            if free && !live.is_empty() {
                let (addr, size) = live.remove(size % live.len());
                blocks::release(addr, size, 8).unwrap();
            } else {
                live.push((blocks::allocate(size, 8).unwrap().as_ptr().addr(), size));
            }
        }
        // Natively, addresses are 64-bit and the list keeps their low half,
        // so the lists are compared sorted (the order is checked in `list`
        // on wasm32, where an address is its u32).
        let mut model: Vec<(u32, u32)> = before.iter().copied().chain(live.iter().map(|&(a, s)| (a as u32, s as u32))).collect();
        model.sort_unstable();
        let mut listed = list().unwrap();
        listed.sort_unstable();
        prop_assert_eq!(listed, model);
        for (addr, size) in live {
            blocks::release(addr, size, 8).unwrap();
        }
            let mut after = list().unwrap();
        after.sort_unstable();
        let mut before = before;
        before.sort_unstable();
        prop_assert_eq!(after, before);
    }
}

/// The live blocks other than the one listed into, through `list_blocks`;
/// also checks that one pair too few is refused with nothing written.
fn list() -> Result<Vec<(u32, u32)>, Status> {
    let n = blocks::live_blocks() + 1; // and the block listed into
    let out = blocks::allocate(8 * n, 4)?.as_ptr();
    let p = std::ptr::without_provenance_mut::<u32>(out.addr());
    let short = rust_wasm_memory_kit::call_value(usize::MAX, |host| host.list_blocks(p, n - 1));
    assert_eq!(
        (short, rust_wasm_memory_kit::last_status()),
        (usize::MAX, Status::WrongLength.code())
    );
    let untouched =
        blocks::with_slice(out.addr(), 2 * n, |v: &[u32]| v.iter().all(|&w| w == 0)).unwrap();
    assert!(untouched, "a refused list writes nothing");
    let count = rust_wasm_memory_kit::call_value(0, |host| host.list_blocks(p, n));
    assert_eq!(count, n);
    let pairs = blocks::with_slice(out.addr(), 2 * n, |v: &[u32]| {
        v.chunks(2).map(|c| (c[0], c[1])).collect::<Vec<_>>()
    })
    .unwrap();
    blocks::release(out.addr(), 8 * n, 4)?;
    if cfg!(target_pointer_width = "32") {
        assert!(pairs.windows(2).all(|w| w[0].0 < w[1].0), "address order");
    }
    Ok(pairs
        .into_iter()
        .filter(|&(a, _)| a != out.addr() as u32)
        .collect())
}
