//! Fuzzes the raw ABI's validation and ownership logic natively: random
//! sequences of alloc / dealloc / free_buffer / kernel calls / string calls,
//! with addresses that are either inside, at the edge of or past the blocks
//! a model knows to be live, or arbitrary. The model is the oracle:
//! - a non-empty range inside a live block, correctly aligned, succeeds
//!   (normalize may refuse with -2/-3 only for data reasons);
//! - a non-empty range that is not inside a live block is refused (< 0);
//! - a block is freed exactly once; a second free is refused (-7);
//! - `host_blocks()` always equals the model's count of live blocks;
//! - `host_block_list(out, cap)` writes only into a live block with room
//!   for every block, and then lists every block of the model;
//! - refused calls never write: the bytes of every live block are compared.
//! AddressSanitizer (cargo fuzz's default) catches any out-of-bounds access.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rust_wasm_memory_raw::exports::*;

struct Live {
    ptr: usize,
    size: usize,
    align: usize,
    /// Handed out by a string export: freed with free_buffer(ptr, size).
    result: bool,
}

struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn u8(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([self.u8()?, self.u8()?, self.u8()?, self.u8()?]))
    }
}

fn snapshot(blocks: &[Live]) -> Vec<Vec<u8>> {
    // SAFETY (fuzz host): every model block is live and `size` bytes long.
    blocks.iter().map(|b| unsafe { std::slice::from_raw_parts(std::ptr::with_exposed_provenance::<u8>(b.ptr), b.size).to_vec() }).collect()
}

fuzz_target!(|data: &[u8]| {
    let mut input = Bytes(data);
    let mut blocks: Vec<Live> = Vec::new();
    let baseline = host_blocks();
    // The kit's scratch area: always a valid range, never freed.
    let scratch = Live { ptr: rwm_kit_scratch().addr(), size: rust_wasm_memory_kit::blocks::SCRATCH_SIZE, align: 16, result: false };
    while let Some(op) = input.u8() {
        // An address: relative to a live block (inside, edge, past), or raw.
        let pick_addr = |input: &mut Bytes, blocks: &[Live]| -> Option<usize> {
            let how = input.u8()?;
            let n = input.u32()?;
            Some(if how % 8 == 6 {
                scratch.ptr.wrapping_add((n % (scratch.size as u32 + 9)) as usize)
            } else if blocks.is_empty() || how % 4 == 3 {
                n as usize
            } else {
                let b = &blocks[how as usize % blocks.len()];
                b.ptr.wrapping_add((n % (b.size as u32 + 9)) as usize)
            })
        };
        match op % 10 {
            0 => {
                let size = (input.u32().unwrap_or(0) % 4097) as usize;
                let align = 1usize << (input.u8().unwrap_or(0) % 18);
                let p = alloc(size as u32, align as u32);
                if align > 65536 {
                    assert!(p.is_null(), "alloc accepted align {align}");
                } else if !p.is_null() {
                    assert_eq!(p.addr() % align, 0);
                    blocks.push(Live { ptr: p.addr(), size, align, result: false });
                }
            }
            1 | 2 => {
                if blocks.is_empty() {
                    continue;
                }
                let i = input.u8().unwrap_or(0) as usize % blocks.len();
                let b = blocks.swap_remove(i);
                let p = std::ptr::with_exposed_provenance_mut::<u8>(b.ptr);
                let status = if b.result || b.align == 1 { free_buffer(p, b.size as u32) } else { dealloc(p, b.size as u32, b.align as u32) };
                assert_eq!(status, 0, "freeing a live block");
                let again = free_buffer(p, b.size as u32);
                assert!(again < 0, "a second free must be refused, got {again}");
            }
            3..=7 => {
                let Some(addr) = pick_addr(&mut input, &blocks) else { break };
                let len = input.u32().unwrap_or(0) % 2048;
                let before = (snapshot(&blocks), snapshot(std::slice::from_ref(&scratch)));
                let elem = if op % 10 == 6 { 1 } else { 4 };
                let inside = blocks.iter().chain([&scratch]).any(|b| {
                    addr >= b.ptr && addr % elem == 0 && addr - b.ptr + len as usize * elem <= b.size
                });
                let p = std::ptr::with_exposed_provenance_mut::<u8>(addr);
                let status = match op % 10 {
                    3 => {
                        sum_u32(p.cast(), len);
                        last_status()
                    }
                    4 => fill_doubles(p.cast(), len),
                    5 => make_number_array(p.cast(), len),
                    6 => fill_buffer(p, len),
                    _ => normalize_numbers(p.cast(), len),
                };
                if len > 0 && !inside {
                    assert!(status < 0, "op {op}: a range outside every live block was accepted (addr {addr:#x}, len {len})");
                    assert_eq!((snapshot(&blocks), snapshot(std::slice::from_ref(&scratch))), before, "a refused call wrote");
                }
                if len > 0 && inside && op % 10 != 7 {
                    assert_eq!(status, 0, "op {op}: a range inside a live block was refused");
                }
            }
            9 => {
                // The block list, into a live block, the scratch area or anywhere.
                let Some(addr) = pick_addr(&mut input, &blocks) else { break };
                let cap = input.u32().unwrap_or(0) % 64;
                let before = (snapshot(&blocks), snapshot(std::slice::from_ref(&scratch)));
                let live = host_blocks();
                let room = blocks.iter().chain([&scratch]).any(|b| addr >= b.ptr && addr % 4 == 0 && addr - b.ptr + cap as usize * 8 <= b.size);
                let n = host_block_list(std::ptr::with_exposed_provenance_mut(addr), cap);
                if n >= 0 {
                    assert!(room || cap == 0, "a list was written outside every live block (addr {addr:#x}, cap {cap})");
                    assert_eq!(n as usize, live, "the list counts every live block");
                    // SAFETY (fuzz host): a count means `n` pairs were written at `addr`.
                    let pairs = unsafe { std::slice::from_raw_parts(std::ptr::with_exposed_provenance::<u32>(addr), 2 * n as usize) };
                    for b in &blocks {
                        assert!(pairs.chunks(2).any(|p| p[0] == b.ptr as u32 && p[1] == b.size as u32), "block {:#x} missing from the list", b.ptr);
                    }
                } else {
                    assert!(!room || (cap as usize) < live, "a list with room for every block was refused: {}", last_status());
                    assert_eq!((snapshot(&blocks), snapshot(std::slice::from_ref(&scratch))), before, "a refused list wrote");
                }
            }
            _ => {
                // A string export over a live block, writing its OutString
                // into another live block (or anywhere).
                let Some(input_addr) = pick_addr(&mut input, &blocks) else { break };
                let Some(meta_addr) = pick_addr(&mut input, &blocks) else { break };
                let len = input.u32().unwrap_or(0) % 512;
                let meta_inside = blocks.iter().chain([&scratch]).any(|b| meta_addr >= b.ptr && meta_addr % std::mem::align_of::<usize>() == 0 && meta_addr - b.ptr + 2 * std::mem::size_of::<usize>() <= b.size);
                let status = process_string(std::ptr::with_exposed_provenance(input_addr), len, std::ptr::with_exposed_provenance_mut(meta_addr));
                if status == 0 {
                    assert!(meta_inside, "an OutString was written outside every live block");
                    // SAFETY (fuzz host): status 0 means the OutString was written there.
                    let out = unsafe { std::ptr::read(std::ptr::with_exposed_provenance::<OutString>(meta_addr)) };
                    blocks.push(Live { ptr: out.ptr, size: out.len, align: 1, result: true });
                }
            }
        }
        assert_eq!(host_blocks(), baseline + blocks.len(), "the registry and the model disagree");
    }
    for b in blocks {
        let p = std::ptr::with_exposed_provenance_mut::<u8>(b.ptr);
        let status = if b.result || b.align == 1 { free_buffer(p, b.size as u32) } else { dealloc(p, b.size as u32, b.align as u32) };
        assert_eq!(status, 0);
    }
    assert_eq!(host_blocks(), baseline, "blocks leaked");
});
