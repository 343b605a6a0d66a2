//! The registry of blocks handed to the host, and the only road from a host
//! address to a Rust slice.
//!
//! A *block* is memory this module gave the host: a zeroed `alloc(size,
//! align)`, or a result buffer (a string producer's result). The host
//! owns a block until it gives it back, once, with the same size and
//! alignment. Before any export touches memory, [`with_slice`] /
//! [`with_slice_mut`] check, in this order: null, alignment, arithmetic
//! overflow, the end of linear memory, and that the whole range lies inside
//! one live block. Only then is a slice made, from the block's own base
//! pointer. So a wrong address is refused, never followed: no export can
//! write into Rust's stack, statics or allocator metadata, or read freed
//! memory.
//!
//! The end of memory is read only for a range that no block or the
//! scratch area holds, or an empty one: a block lies inside memory, which
//! never shrinks, so the status is the same as in that order.
//! `memory.size` is a call into the engine in Firefox (about 6 ns, more
//! than the rest of a call's checks).
//!
//! Blocks are zeroed when allocated, so every byte a slice can see is
//! initialised, whatever the host wrote or did not write.

use std::alloc::Layout;
use std::ptr::NonNull;
use std::sync::{Mutex, MutexGuard};

use crate::Status;
use crate::call::{MAX_RANGES, Range};

/// The largest alignment `alloc` accepts: one wasm page.
///
/// ```
/// use rust_wasm_memory_kit::{Status, blocks};
/// let page = blocks::allocate(8, blocks::MAX_ALIGN).unwrap().as_ptr().addr();
/// assert_eq!(page % blocks::MAX_ALIGN, 0);
/// assert_eq!(blocks::allocate(8, 2 * blocks::MAX_ALIGN).err(), Some(Status::BadAlign));
/// blocks::release(page, 8, blocks::MAX_ALIGN).unwrap();
/// ```
pub const MAX_ALIGN: usize = 65536;

/// The size of the scratch area, in bytes.
///
/// ```
/// use rust_wasm_memory_kit::blocks::{self, SCRATCH_SIZE};
/// assert_eq!(blocks::check::<u8>(blocks::scratch().addr(), SCRATCH_SIZE), Ok(()));
/// ```
pub const SCRATCH_SIZE: usize = 16 * 1024;

/// The scratch area: a fixed region of static memory (16-aligned) that is
/// always a valid range for the checks, besides the live blocks. A host
/// copies a call's arguments there instead of allocating blocks for them
/// (the JS toolkit does, for arguments that fit): it costs no allocation and
/// never shows in the heap statistics. Rust makes no reference to it except
/// through the checked functions of this crate, within one call.
#[repr(C, align(16))]
struct Scratch(core::cell::UnsafeCell<[u8; SCRATCH_SIZE]>);

#[allow(unsafe_code)] // a static needs Sync; see the SAFETY comment
// SAFETY: the bytes are only reached through `resolve`, which makes slices
// of them for the duration of one call (the registry lock held), like any
// block; wasm32 without threads has one thread, and natively the lock
// serialises the calls.
unsafe impl Sync for Scratch {}

static SCRATCH: Scratch = Scratch(core::cell::UnsafeCell::new([0; SCRATCH_SIZE]));

/// The address of the scratch area (see [`SCRATCH_SIZE`]); the standard
/// export `rwm_kit_scratch()` returns it.
///
/// ```
/// use rust_wasm_memory_kit::blocks::{self, SCRATCH_SIZE};
/// let at = blocks::scratch();
/// // Any range inside the scratch area passes the checks, with no block.
/// assert_eq!(blocks::with_slice(at as usize, SCRATCH_SIZE, |b: &[u8]| b.len()), Ok(SCRATCH_SIZE));
/// assert!(blocks::check::<u8>(at as usize, SCRATCH_SIZE + 1).is_err());
/// ```
pub fn scratch() -> *mut u8 {
    SCRATCH.0.get().cast::<u8>()
}

struct Block {
    base: NonNull<u8>,
    size: usize,
    align: usize,
}

#[allow(unsafe_code)] // `NonNull` is not `Send`; the registry's mutex makes it so
// SAFETY: a `Block` is only reached through the `REGISTRY` mutex, and the
// memory it names is owned by the registry (not shared with other Rust
// values), so moving the record between threads is sound.
unsafe impl Send for Block {}

impl Block {
    fn addr(&self) -> usize {
        self.base.as_ptr().addr()
    }

    /// The layout it was allocated with (zero-size blocks occupy one byte, so
    /// that each has a distinct address and a real allocation).
    fn layout(&self) -> Layout {
        // Checked when the block was made.
        Layout::from_size_align(self.size.max(1), self.align)
            .expect("layout was valid at allocation")
    }
}

/// The blocks handed out, sorted by base address (blocks never overlap).
///
/// A sorted `Vec` rather than a `BTreeMap`: lookups are a binary search
/// either way, an insert can reserve its slot fallibly (`try_reserve`), so
/// running out of memory is a refused call, never an abort, and it is about
/// 10 KB less wasm. A free leaves a *tombstone* (the slot stays, marked
/// dead) instead of shifting every later slot, and an insert next to a
/// tombstone reuses it. Tombstones are swept out once they outnumber the
/// live blocks, and the whole `Vec` is freed when no block is live, so an
/// empty registry holds no memory. The common patterns (free the newest,
/// free the oldest, the allocator reusing a freed address) cost a binary
/// search; only an insert between two live blocks shifts memory.
/// `bench/registry.mjs` measures three orders with up to 1e5 live blocks.
static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
    slots: Vec::new(),
    live: 0,
    ranges: [Range::EMPTY; MAX_RANGES],
});

pub(crate) struct Registry {
    slots: Vec<Slot>,
    /// Slots whose block is live.
    live: usize,
    /// The ranges taken by the call in progress (the one holding the
    /// lock), the first `Host::count` of them; see `crate::call::Host`.
    pub(crate) ranges: [Range; MAX_RANGES],
}

struct Slot {
    block: Block,
    live: bool,
}

impl Registry {
    /// The block with the highest base at or below `addr`: the only one
    /// that can contain `addr`. `None` if that slot is a tombstone: then no
    /// live block contains `addr`, because one that did would start below
    /// the tombstone and so contain its base, which `insert` rules out.
    #[inline(always)]
    fn at_or_below(&self, addr: usize) -> Option<&Block> {
        let i = self.slots.partition_point(|s| s.block.addr() <= addr);
        let slot = &self.slots[i.checked_sub(1)?];
        slot.live.then_some(&slot.block)
    }

    /// Makes room for one more block, fallibly.
    fn reserve(&mut self) -> Result<(), Status> {
        self.slots.try_reserve(1).map_err(|_| Status::OutOfMemory)
    }

    /// Records `block`. [`reserve`](Self::reserve) must have succeeded
    /// since the last insert, so this does not allocate.
    ///
    /// Keeps the invariant [`at_or_below`](Self::at_or_below) relies on:
    /// no live block contains the base of a tombstone. The allocator may
    /// hand out memory that covers freed blocks (it merges free chunks), so
    /// the tombstones inside the new block's range are dropped here.
    fn insert(&mut self, block: Block) {
        let start = block.addr();
        let end = start + block.size.max(1);
        let i = self.slots.partition_point(|s| s.block.addr() < start);
        let j = i + self.slots[i..].partition_point(|s| s.block.addr() < end);
        debug_assert!(
            self.slots[i..j].iter().all(|s| !s.live),
            "live blocks overlap"
        );
        let slot = Slot { block, live: true };
        if j > i {
            // Take the first covered tombstone's slot; drop the others.
            self.slots[i] = slot;
            self.slots.drain(i + 1..j);
        } else if i > 0 && !self.slots[i - 1].live {
            // The tombstone just below keeps the order with the new base.
            self.slots[i - 1] = slot;
        } else {
            self.slots.insert(i, slot);
        }
        self.live += 1;
    }

    /// The live block based exactly at `addr`, as a slot index.
    fn find(&self, addr: usize) -> Option<usize> {
        let i = self.slots.partition_point(|s| s.block.addr() < addr);
        let slot = self.slots.get(i)?;
        (slot.live && slot.block.addr() == addr).then_some(i)
    }

    /// Ends the block in slot `i` (from [`find`](Self::find)) and returns
    /// its base and layout, for the caller to deallocate.
    fn remove(&mut self, i: usize) -> (NonNull<u8>, Layout) {
        let slot = &mut self.slots[i];
        slot.live = false;
        let freed = (slot.block.base, slot.block.layout());
        self.live -= 1;
        if self.live == 0 {
            // Give the registry's own memory back too, so that with no block
            // live the heap is exactly as before the first one.
            self.slots = Vec::new();
        } else if self.slots.len() - self.live > self.live + 16 {
            // Sweep; `retain` moves slots down and never allocates.
            self.slots.retain(|s| s.live);
        }
        freed
    }

    pub(crate) fn len(&self) -> usize {
        self.live
    }

    /// The live blocks as `(address, size)`, in address order.
    pub(crate) fn live(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.slots
            .iter()
            .filter(|s| s.live)
            .map(|s| (s.block.addr(), s.block.size))
    }

    #[cfg(test)]
    fn slots(&self) -> usize {
        self.slots.len()
    }
}

// Inlined on purpose, as `resolve` and `at_or_below`: see `call::run`.
#[inline(always)]
pub(crate) fn registry() -> MutexGuard<'static, Registry> {
    // A panic cannot leave the registry half-updated (each operation is one
    // insert or remove), so a poisoned lock is still consistent.
    REGISTRY.lock().unwrap_or_else(|e| e.into_inner())
}

/// Element types a host range may be viewed as.
///
/// # Safety
///
/// Every bit pattern of `size_of::<Self>()` bytes must be a valid `Self`
/// (no padding, no niche, no pointers or references), because the host
/// writes those bytes. The integer and float types and arrays of them
/// qualify; a `#[repr(C)]` struct of them with no padding does too.
///
/// ```
/// use rust_wasm_memory_kit::blocks::Plain;
///
/// #[derive(Clone, Copy)]
/// #[repr(C)]
/// struct Span {
///     start: u32,
///     end: u32,
/// }
///
/// // SAFETY: two u32 fields, no padding: every bit pattern is a Span.
/// unsafe impl Plain for Span {}
/// ```
///
/// ```
/// use rust_wasm_memory_kit::blocks::{self, Plain};
/// fn first<T: Plain + Default>(addr: usize) -> T {
///     blocks::with_slice(addr, 1, |v: &[T]| v[0]).unwrap_or_default()
/// }
/// assert_eq!(first::<u32>(blocks::scratch().addr()), 0);
/// ```
#[allow(unsafe_code)] // implementing it is a promise about bit patterns
pub unsafe trait Plain: Copy + 'static {}

macro_rules! plain {
    ($($t:ty),*) => {
        $(
            #[allow(unsafe_code)] // every bit pattern of a number is valid
            // SAFETY: a primitive number type: no padding, every bit pattern valid.
            unsafe impl Plain for $t {}
        )*
    };
}
plain!(u8, i8, u16, i16, u32, i32, u64, i64, usize, isize, f32, f64);

#[allow(unsafe_code)] // an array of plain values is plain
// SAFETY: an array has no padding between elements, so its bit patterns are
// exactly those of N elements, each of which is valid.
unsafe impl<T: Plain, const N: usize> Plain for [T; N] {}

/// One past the last valid address of linear memory.
fn memory_end() -> u64 {
    #[cfg(target_arch = "wasm32")]
    {
        core::arch::wasm32::memory_size::<0>() as u64 * 65536
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        u64::MAX
    }
}

/// Checks `len` elements of `T` at `addr`, and returns a pointer to them
/// derived from the block that contains them (`None` for an empty range).
#[allow(unsafe_code)] // see the SAFETY comment inside
#[inline(always)]
pub(crate) fn resolve<T: Plain>(
    blocks: &Registry,
    addr: usize,
    len: usize,
) -> Result<Option<NonNull<T>>, Status> {
    if addr == 0 {
        return Err(Status::NullPointer);
    }
    if !addr.is_multiple_of(core::mem::align_of::<T>()) {
        return Err(Status::Misaligned);
    }
    let bytes = len
        .checked_mul(core::mem::size_of::<T>())
        .ok_or(Status::Overflow)?;
    let end = addr.checked_add(bytes).ok_or(Status::Overflow)?;
    // What a range that no block holds is refused with: past the end of
    // memory first, as the module docs order the checks.
    let refused = || {
        if end as u64 > memory_end() {
            Status::OutOfBounds
        } else {
            Status::NotOwned
        }
    };
    if bytes == 0 {
        return if end as u64 > memory_end() {
            Err(Status::OutOfBounds)
        } else {
            Ok(None)
        };
    }
    let scratch = scratch();
    if addr >= scratch.addr() && end <= scratch.addr() + SCRATCH_SIZE {
        // Inside the scratch area: derived from the static's own pointer.
        return Ok(NonNull::new(
            scratch.wrapping_add(addr - scratch.addr()).cast::<T>(),
        ));
    }
    let block = blocks.at_or_below(addr).ok_or_else(refused)?;
    if end > block.addr() + block.size {
        return Err(refused());
    }
    // A live block lies inside memory, which never shrinks: the range does
    // too, without `memory.size`.
    debug_assert!(end as u64 <= memory_end());
    // SAFETY: `addr - block.addr()` is within the block (checked above), so
    // the offset pointer stays inside the same allocation.
    let p = unsafe { block.base.as_ptr().add(addr - block.addr()) };
    Ok(NonNull::new(p.cast::<T>()))
}

/// Runs `f` on the `len` elements of `T` at host address `addr`, after the
/// checks described in the module docs. `f` must not call back into this
/// module (the registry is locked while it runs).
///
/// ```
/// use rust_wasm_memory_kit::{Status, blocks};
/// let p = blocks::allocate(8, 4).unwrap().as_ptr().addr();
/// assert_eq!(blocks::with_slice(p, 2, |v: &[u32]| v.len()), Ok(2));
/// assert_eq!(blocks::with_slice(p, 3, |v: &[u32]| v.len()), Err(Status::NotOwned));
/// assert_eq!(blocks::with_slice(p + 1, 1, |v: &[u32]| v.len()), Err(Status::Misaligned));
/// blocks::release(p, 8, 4).unwrap();
/// ```
#[allow(unsafe_code)] // see the SAFETY comment inside
pub fn with_slice<T: Plain, R>(
    addr: usize,
    len: usize,
    f: impl FnOnce(&[T]) -> R,
) -> Result<R, Status> {
    let blocks = registry();
    Ok(match resolve::<T>(&blocks, addr, len)? {
        None => f(&[]),
        // SAFETY: `p` points at `len` initialised (zeroed at allocation)
        // elements inside one live block, aligned for `T` (the address was
        // checked and the block base is at least as aligned as the host
        // asked). The registry lock is held, so no free can end the block
        // while the slice lives, and no other Rust reference to the block's
        // bytes exists: the registry owns them.
        Some(p) => f(unsafe { core::slice::from_raw_parts(p.as_ptr(), len) }),
    })
}

/// As [`with_slice`], for writing.
///
/// ```
/// use rust_wasm_memory_kit::blocks;
/// let p = blocks::allocate(4, 4).unwrap().as_ptr().addr();
/// blocks::with_slice_mut(p, 1, |v: &mut [u32]| v[0] = 7).unwrap();
/// assert_eq!(blocks::with_slice(p, 1, |v: &[u32]| v[0]), Ok(7));
/// blocks::release(p, 4, 4).unwrap();
/// ```
#[allow(unsafe_code)] // see the SAFETY comment inside
pub fn with_slice_mut<T: Plain, R>(
    addr: usize,
    len: usize,
    f: impl FnOnce(&mut [T]) -> R,
) -> Result<R, Status> {
    let blocks = registry();
    Ok(match resolve::<T>(&blocks, addr, len)? {
        None => f(&mut []),
        // SAFETY: as in `with_slice`; the slice is the only reference to
        // these bytes for the duration of `f`.
        Some(p) => f(unsafe { core::slice::from_raw_parts_mut(p.as_ptr(), len) }),
    })
}

/// Checks that `len` elements of `T` at `addr` could be accessed now.
///
/// ```
/// use rust_wasm_memory_kit::{Status, blocks};
/// assert_eq!(blocks::check::<u32>(0, 1), Err(Status::NullPointer));
/// assert_eq!(blocks::check::<u32>(4, usize::MAX), Err(Status::Overflow));
/// ```
pub fn check<T: Plain>(addr: usize, len: usize) -> Result<(), Status> {
    resolve::<T>(&registry(), addr, len).map(|_| ())
}

/// Allocates a zeroed block of `size` bytes aligned to `align` and records
/// it as owned by the host.
///
/// ```
/// use rust_wasm_memory_kit::{Status, blocks};
/// let p = blocks::allocate(16, 8).unwrap();
/// assert_eq!(p.as_ptr().addr() % 8, 0);
/// assert_eq!(blocks::with_slice(p.as_ptr().addr(), 16, |b: &[u8]| b.iter().all(|&x| x == 0)), Ok(true));
/// assert_eq!(blocks::allocate(1, 3).err(), Some(Status::BadAlign));
/// blocks::release(p.as_ptr().addr(), 16, 8).unwrap();
/// ```
pub fn allocate(size: usize, align: usize) -> Result<NonNull<u8>, Status> {
    allocate_in(&mut registry(), size, align)
}

/// [`allocate`] with the registry already locked.
#[allow(unsafe_code)] // see the SAFETY comment inside
fn allocate_in(blocks: &mut Registry, size: usize, align: usize) -> Result<NonNull<u8>, Status> {
    if !align.is_power_of_two() || align > MAX_ALIGN {
        return Err(Status::BadAlign);
    }
    let layout = Layout::from_size_align(size.max(1), align).map_err(|_| Status::OutOfMemory)?;
    // Reserve the registry entry first: if that allocation fails, nothing
    // has been allocated yet.
    blocks.reserve()?;
    // SAFETY: `layout` has a non-zero size.
    let base =
        NonNull::new(unsafe { std::alloc::alloc_zeroed(layout) }).ok_or(Status::OutOfMemory)?;
    blocks.insert(Block { base, size, align });
    Ok(base)
}

/// Hands a result buffer to the host: records it as a block of
/// `bytes.len()` bytes with alignment 1, to be given back with
/// `free_buffer(ptr, len)`. Returns its address and length.
///
/// ```
/// use rust_wasm_memory_kit::blocks;
/// let (ptr, len) = blocks::hand_out(b"result".to_vec()).unwrap();
/// assert_eq!(blocks::with_slice(ptr, len, |b: &[u8]| b.to_vec()), Ok(b"result".to_vec()));
/// blocks::release(ptr, len, 1).unwrap(); // what free_buffer(ptr, len) does
/// ```
pub fn hand_out(bytes: Vec<u8>) -> Result<(usize, usize), Status> {
    hand_out_in(&mut registry(), bytes)
}

/// [`hand_out`] with the registry already locked.
pub(crate) fn hand_out_in(blocks: &mut Registry, bytes: Vec<u8>) -> Result<(usize, usize), Status> {
    let len = bytes.len();
    if len == 0 {
        // An empty Box owns no allocation; make a real one-byte block so the
        // host gets a live, freeable address like any other.
        return allocate_in(blocks, 0, 1).map(|p| (p.as_ptr().addr(), 0));
    }
    blocks.reserve()?;
    let raw = Box::into_raw(bytes.into_boxed_slice());
    // A Box<[u8]> of len > 0 is a global-allocator block with layout
    // (len, 1), so `release` can free it with that layout.
    let base = NonNull::new(raw.cast::<u8>()).expect("Box pointers are non-null");
    // The host receives this block as an integer address and may turn it
    // back into a pointer, so its provenance is exposed, not just its address.
    let addr = base.as_ptr().expose_provenance();
    let block = Block {
        base,
        size: len,
        align: 1,
    };
    blocks.insert(block);
    Ok((addr, len))
}

/// Gives back the block at `addr`, which must be live and have exactly
/// `size` bytes and alignment `align`. A refused free changes nothing.
///
/// ```
/// use rust_wasm_memory_kit::{Status, blocks};
/// let p = blocks::allocate(8, 4).unwrap().as_ptr().addr();
/// assert_eq!(blocks::release(p, 16, 4), Err(Status::WrongLength)); // refused: still live
/// assert_eq!(blocks::release(p, 8, 4), Ok(()));
/// assert_eq!(blocks::release(p, 8, 4), Err(Status::NotOwned)); // a second free
/// ```
pub fn release(addr: usize, size: usize, align: usize) -> Result<(), Status> {
    release_in(&mut registry(), addr, size, align)
}

/// [`release`] with the registry already locked.
#[allow(unsafe_code)] // see the SAFETY comment inside
pub(crate) fn release_in(
    blocks: &mut Registry,
    addr: usize,
    size: usize,
    align: usize,
) -> Result<(), Status> {
    if addr == 0 {
        return Err(Status::NullPointer);
    }
    let i = blocks.find(addr).ok_or(Status::NotOwned)?;
    let block = &blocks.slots[i].block;
    if block.size != size || block.align != align {
        return Err(Status::WrongLength);
    }
    let (base, layout) = blocks.remove(i);
    // SAFETY: the block was allocated by the global allocator with exactly
    // this layout (by `allocate`, or as a Box<[u8]> in `hand_out`), it was
    // live (a live slot of the registry) and it is now a tombstone, which
    // no lookup returns, so nothing can reach it again.
    unsafe { std::alloc::dealloc(base.as_ptr(), layout) };
    Ok(())
}

/// How the range `[addr, addr + len)` relates to the live blocks, for
/// `debug_ptr`'s message.
///
/// ```
/// use rust_wasm_memory_kit::blocks;
/// let p = blocks::allocate(8, 4).unwrap().as_ptr().addr();
/// assert!(blocks::describe(p, 8).contains("inside live block"));
/// assert!(blocks::describe(p, 9).contains("runs past the end"));
/// blocks::release(p, 8, 4).unwrap();
/// ```
pub fn describe(addr: usize, len: usize) -> String {
    let scratch = scratch().addr();
    if addr >= scratch
        && addr
            .checked_add(len)
            .is_some_and(|end| end <= scratch + SCRATCH_SIZE)
    {
        return format!("ptr=0x{addr:08x} len={len}: inside the scratch area");
    }
    let blocks = registry();
    let containing = blocks
        .at_or_below(addr)
        .filter(|b| addr < b.addr() + b.size.max(1));
    let verdict = match containing {
        Some(b)
            if addr
                .checked_add(len)
                .is_some_and(|end| end <= b.addr() + b.size) =>
        {
            format!("inside live block 0x{:08x} ({} bytes)", b.addr(), b.size)
        }
        Some(b) => format!(
            "runs past the end of live block 0x{:08x} ({} bytes)",
            b.addr(),
            b.size
        ),
        None => "not inside any live block".to_string(),
    };
    format!(
        "ptr=0x{addr:08x} len={len}: {verdict}; {} live blocks",
        blocks.len()
    )
}

/// The number of live blocks (for tests and the demo).
///
/// ```
/// use rust_wasm_memory_kit::blocks;
/// let before = blocks::live_blocks();
/// let p = blocks::allocate(1, 1).unwrap().as_ptr().addr();
/// assert_eq!(blocks::live_blocks(), before + 1);
/// blocks::release(p, 1, 1).unwrap();
/// assert_eq!(blocks::live_blocks(), before);
/// ```
pub fn live_blocks() -> usize {
    registry().len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(addr: usize, size: usize) -> Block {
        Block {
            base: NonNull::new(std::ptr::without_provenance_mut(addr)).unwrap(),
            size,
            align: 1,
        }
    }

    /// The registry against a model (one owner per byte of a small address
    /// space), under an "allocator" that places new blocks anywhere free,
    /// including over and across freed blocks, the case the tombstone
    /// invariant is about.
    #[test]
    fn lookups_match_a_model_through_random_allocations_and_frees() {
        const SPACE: usize = 600;
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut registry = Registry {
            slots: Vec::new(),
            live: 0,
            ranges: [Range::EMPTY; MAX_RANGES],
        };
        // owner[a] = base of the live block holding byte a.
        let mut owner = [None::<usize>; SPACE];
        let mut bases: Vec<(usize, usize)> = Vec::new();
        // Miri runs a shorter walk and probes every 13th address (it is
        // about 1000× slower).
        let (steps, every) = if cfg!(miri) { (60, 13) } else { (20_000, 1) };
        for step in 0..steps {
            if bases.is_empty() || next(5) < 3 {
                let (start, size) = (1 + next(SPACE - 40), 1 + next(24));
                if owner[start..start + size].iter().all(Option::is_none) {
                    registry.reserve().unwrap();
                    registry.insert(block(start, size));
                    owner[start..start + size].fill(Some(start));
                    bases.push((start, size));
                }
            } else {
                let (start, size) = bases.swap_remove(next(bases.len()));
                let i = registry.find(start).expect("a live block is found");
                let (_, layout) = registry.remove(i);
                assert_eq!(layout.size(), size);
                owner[start..start + size].fill(None);
                assert!(registry.find(start).is_none(), "a freed block is gone");
            }
            assert_eq!(registry.len(), bases.len(), "step {step}");
            assert!(
                registry.slots() <= 2 * registry.len() + 17,
                "tombstones are swept"
            );
            for (addr, &expected) in owner.iter().enumerate().skip(1).step_by(every) {
                let found = registry
                    .at_or_below(addr)
                    .filter(|b| addr < b.addr() + b.size)
                    .map(Block::addr);
                assert_eq!(found, expected, "step {step}, address {addr}");
            }
        }
    }
}
