//! The standard exports every module built with the kit has (feature
//! `exports`, on by default). The JS toolkit (`rust-wasm-memory/raw`)
//! finds the kit by [`rwm_kit_handshake`] and then relies on these:
//!
//! | export | what it does |
//! |---|---|
//! | `rwm_kit_handshake() -> *const Handshake` | names the kit, its ABI version and features, and where the last status lives |
//! | `rwm_kit_scratch() -> ptr` | the scratch area, where a host can put a call's arguments without allocating |
//! | `alloc(size, align) -> ptr` | a zeroed block for the host (0 and `last_status()` on failure) |
//! | `dealloc(ptr, size, align) -> status` | gives an `alloc` block back |
//! | `free_buffer(ptr, len) -> status` | gives a result buffer (alignment 1) back |
//! | `last_status() -> status` | the status of the last call |
//! | `heap_stats(out) -> status` | writes [`HeapStats`] (four words) to `out` |
//! | `heap_live_bytes()`, `heap_live_allocations()`, `heap_total_allocations()`, `heap_peak_live_bytes()`, `host_blocks()` | the counters one by one |
//! | `host_block_list(out, cap) -> count` | the live host blocks as `(address, size)` pairs, for an inspector's map |
//! | `debug_ptr(ptr, len) -> status`, `debug_message_ptr()`, `debug_message_len()` | describes a range against the live blocks, as text in static memory |
//! | `install_panic_hook()`, `panic_record() -> *const PanicRecord` | the panic record the host reads after a trap |
//! | `panic_probe(code)` (feature `panic-probe`) | panics on purpose, to test a host's recovery |
//!
//! The heap counters read 0 unless the module enables the
//! `counting-allocator` feature (the handshake says whether it did).

use std::sync::Mutex;
use std::sync::atomic::{AtomicI32, AtomicU32, Ordering::Relaxed};

use crate::{HeapStats, PanicRecord, Status, blocks, call, finish, heap};

/// What [`rwm_kit_handshake`] points at: fixed layout, in static memory.
///
/// ```
/// use rust_wasm_memory_kit::standard::{MAGIC, rwm_kit_handshake};
/// // SAFETY (a host reading the record): the export returns a static's address.
/// let handshake = unsafe { &*rwm_kit_handshake() };
/// assert_eq!(handshake.magic, MAGIC);
/// assert_eq!(handshake.abi_version, rust_wasm_memory_kit::contract::ABI_VERSION);
/// ```
#[repr(C)]
#[derive(Debug)]
pub struct Handshake {
    /// `b"rwm-kit\0"`: this is a module built with the kit.
    pub magic: [u8; 8],
    /// [`crate::contract::ABI_VERSION`].
    pub abi_version: u32,
    /// Bit 0: the counting allocator is installed (the heap counters are
    /// real); bit 1: `panic_probe` is exported; bit 2: `status` is there.
    pub features: u32,
    /// The size of the scratch area at `rwm_kit_scratch()`, in bytes.
    pub scratch_len: u32,
    /// The number of bytes of `version` in use.
    pub version_len: u32,
    /// The kit crate's version, UTF-8 (`"0.2.0"`).
    pub version: [u8; 24],
    /// Where the i32 that `last_status()` returns lives (feature bit 2): a
    /// host may read it from memory after a call instead of calling
    /// `last_status()`, one wasm call less per checked call. Added after
    /// the fields above, so a host that knows only those reads them as
    /// before.
    pub status: &'static AtomicI32,
}

/// The magic bytes at the start of the [`Handshake`].
///
/// ```
/// assert_eq!(&rust_wasm_memory_kit::standard::MAGIC[..7], b"rwm-kit");
/// ```
pub const MAGIC: [u8; 8] = *b"rwm-kit\0";

const fn version_bytes() -> ([u8; 24], u32) {
    let v = env!("CARGO_PKG_VERSION").as_bytes();
    let mut out = [0; 24];
    let mut i = 0;
    while i < v.len() && i < out.len() {
        out[i] = v[i];
        i += 1;
    }
    (out, i as u32)
}

/// The handshake record of this module.
///
/// ```
/// use rust_wasm_memory_kit::standard::HANDSHAKE;
/// let version = &HANDSHAKE.version[..HANDSHAKE.version_len as usize];
/// assert_eq!(version, env!("CARGO_PKG_VERSION").as_bytes());
/// // `status` is the last status, the one `last_status()` returns.
/// assert_eq!(HANDSHAKE.features & 4, 4);
/// rust_wasm_memory_kit::finish(rust_wasm_memory_kit::Status::NotOwned);
/// let status = HANDSHAKE.status.load(std::sync::atomic::Ordering::Relaxed);
/// assert_eq!(status, rust_wasm_memory_kit::Status::NotOwned.code());
/// ```
pub static HANDSHAKE: Handshake = Handshake {
    magic: MAGIC,
    abi_version: crate::contract::ABI_VERSION,
    features: (cfg!(feature = "counting-allocator") as u32)
        | ((cfg!(feature = "panic-probe") as u32) << 1)
        | (1 << 2),
    scratch_len: blocks::SCRATCH_SIZE as u32,
    version_len: version_bytes().1,
    version: version_bytes().0,
    status: &call::LAST_STATUS,
};

crate::export! {
    /// The address of this module's [`Handshake`]: how a host tells a kit
    /// module (and its ABI version) from any other.
    ///
    /// ```
    /// let at = rust_wasm_memory_kit::standard::rwm_kit_handshake();
    /// assert!(!at.is_null());
    /// ```
    fn rwm_kit_handshake() -> *const Handshake {
        &HANDSHAKE
    }

    /// The address of the scratch area (16-aligned, `scratch_len` bytes of
    /// the handshake): a range the checks always accept, where a host can
    /// put a call's arguments without allocating. Its contents last until
    /// the next call that uses it.
    ///
    /// ```
    /// use rust_wasm_memory_kit::standard::rwm_kit_scratch;
    /// assert_eq!(rwm_kit_scratch().addr() % 16, 0);
    /// ```
    fn rwm_kit_scratch() -> *mut u8 {
        blocks::scratch()
    }

    /// The status of the most recent export call (0, or a negative code).
    /// The only way to see an error from an export whose result is a value.
    ///
    /// ```
    /// use rust_wasm_memory_kit::standard::{dealloc, last_status};
    /// dealloc(core::ptr::null_mut(), 1, 1);
    /// assert_eq!(last_status(), -1);
    /// ```
    fn last_status() -> i32 {
        crate::last_status()
    }

    /// Allocates a zeroed block of `size` bytes aligned to `align` (a power
    /// of two up to 65536) for the host. Returns its address, or 0 with
    /// `last_status()` -10 (bad alignment) or -9 (out of memory). `size` 0
    /// gives a distinct, freeable block.
    ///
    /// ```
    /// use rust_wasm_memory_kit::standard::{alloc, dealloc, last_status};
    /// let p = alloc(16, 4);
    /// assert!(!p.is_null() && p.addr() % 4 == 0);
    /// assert_eq!(dealloc(p, 16, 4), 0);
    /// assert!(alloc(1, 3).is_null());
    /// assert_eq!(last_status(), -10);
    /// ```
    fn alloc(size: u32, align: u32) -> *mut u8 {
        match blocks::allocate(size as usize, align as usize) {
            Ok(p) => {
                finish(Status::Ok);
                p.as_ptr()
            }
            Err(status) => {
                finish(status);
                core::ptr::null_mut()
            }
        }
    }

    /// Gives back a block from `alloc`, with the same size and alignment.
    ///
    /// ```
    /// use rust_wasm_memory_kit::standard::{alloc, dealloc};
    /// let p = alloc(8, 8);
    /// assert_eq!(dealloc(p, 8, 4), -8); // wrong alignment: refused, still live
    /// assert_eq!(dealloc(p, 8, 8), 0);
    /// assert_eq!(dealloc(p, 8, 8), -7); // a second free
    /// ```
    fn dealloc(ptr: *mut u8, size: u32, align: u32) -> i32 {
        finish(blocks::release(ptr.addr(), size as usize, align as usize))
    }

    /// Gives back a result buffer (or an `alloc(len, 1)` block). Refuses,
    /// and changes nothing, for a null pointer (-1), a pointer that is not a
    /// live block (-7: never handed out, or already freed) or the wrong
    /// length (-8).
    ///
    /// ```
    /// use rust_wasm_memory_kit::{blocks, standard::free_buffer};
    /// let (ptr, len) = blocks::hand_out(b"out".to_vec()).unwrap();
    /// let ptr = core::ptr::without_provenance_mut(ptr);
    /// assert_eq!(free_buffer(ptr, len as u32), 0);
    /// assert_eq!(free_buffer(ptr, len as u32), -7);
    /// ```
    fn free_buffer(ptr: *mut u8, len: u32) -> i32 {
        finish(blocks::release(ptr.addr(), len as usize, 1))
    }

    /// The tutorial's pointer logger, without imports: formats `ptr=0x…
    /// len=…` and whether that range is inside a live block into a static
    /// buffer, which the host reads at `debug_message_ptr()` for
    /// `debug_message_len()` bytes. Always returns 0.
    ///
    /// ```
    /// use rust_wasm_memory_kit::standard::{debug_message_len, debug_message_ptr, debug_ptr};
    /// debug_ptr(core::ptr::without_provenance(8), 4);
    /// // SAFETY (the host's side): the message is static memory of that length.
    /// let text = unsafe { core::slice::from_raw_parts(debug_message_ptr(), debug_message_len() as usize) };
    /// assert!(core::str::from_utf8(text).unwrap().contains("not inside any live block"));
    /// ```
    fn debug_ptr(ptr: *const u8, len: u32) -> i32 {
        let text = blocks::describe(ptr.addr(), len as usize);
        let mut buf = DEBUG_MESSAGE.lock().unwrap_or_else(|e| e.into_inner());
        let n = text.len().min(buf.len());
        buf[..n].copy_from_slice(&text.as_bytes()[..n]);
        DEBUG_LEN.store(n as u32, Relaxed);
        finish(Status::Ok)
    }

    /// Where `debug_ptr`'s last message is (static memory, never freed).
    ///
    /// ```
    /// use rust_wasm_memory_kit::standard::debug_message_ptr;
    /// assert!(!debug_message_ptr().is_null());
    /// ```
    fn debug_message_ptr() -> *const u8 {
        DEBUG_MESSAGE.lock().unwrap_or_else(|e| e.into_inner()).as_ptr()
    }

    /// The length in bytes of `debug_ptr`'s last message.
    ///
    /// ```
    /// use rust_wasm_memory_kit::standard::{debug_message_len, debug_ptr};
    /// debug_ptr(core::ptr::null(), 0);
    /// assert!(debug_message_len() > 0);
    /// ```
    fn debug_message_len() -> u32 {
        DEBUG_LEN.load(Relaxed)
    }

    /// Bytes currently allocated on the Rust heap.
    ///
    /// ```
    /// let _bytes: usize = rust_wasm_memory_kit::standard::heap_live_bytes();
    /// ```
    fn heap_live_bytes() -> usize {
        heap::stats().live_bytes
    }

    /// Allocations currently live on the Rust heap.
    ///
    /// ```
    /// let _live: usize = rust_wasm_memory_kit::standard::heap_live_allocations();
    /// ```
    fn heap_live_allocations() -> usize {
        heap::stats().live_allocations
    }

    /// Allocations made since start.
    ///
    /// ```
    /// use rust_wasm_memory_kit::standard::{heap_live_allocations, heap_total_allocations};
    /// assert!(heap_total_allocations() >= heap_live_allocations());
    /// ```
    fn heap_total_allocations() -> usize {
        heap::stats().total_allocations
    }

    /// The highest live byte count seen since start.
    ///
    /// ```
    /// use rust_wasm_memory_kit::standard::{heap_live_bytes, heap_peak_live_bytes};
    /// assert!(heap_peak_live_bytes() >= heap_live_bytes());
    /// ```
    fn heap_peak_live_bytes() -> usize {
        heap::stats().peak_live_bytes
    }

    /// Blocks currently owned by the host (allocated or handed out, not
    /// freed).
    ///
    /// ```
    /// use rust_wasm_memory_kit::standard::{alloc, dealloc, host_blocks};
    /// let before = host_blocks();
    /// let p = alloc(4, 4);
    /// assert_eq!(host_blocks(), before + 1);
    /// dealloc(p, 4, 4);
    /// ```
    fn host_blocks() -> usize {
        blocks::live_blocks()
    }

    /// Lists the live host blocks: writes `(address, size)` pairs (two u32
    /// each, in address order) into the `cap` pairs at `out`, and returns
    /// how many blocks are live; or -1 with `last_status()` -8 when `cap` is
    /// too small (nothing written), or the status of a refused `out` range.
    /// The inspector draws them with it.
    ///
    /// ```
    /// use rust_wasm_memory_kit::standard::{alloc, dealloc, host_block_list, host_blocks, last_status};
    /// let p = alloc(24, 8);
    /// let cap = host_blocks() as u32;
    /// let out = alloc(8 * (cap + 1), 4).cast::<u32>();
    /// let n = host_block_list(out, cap + 1);
    /// assert_eq!(n as usize, host_blocks());
    /// // SAFETY (a host reading its own block): `out` holds `n` pairs.
    /// let pairs = unsafe { core::slice::from_raw_parts(out, 2 * n as usize) };
    /// assert!(pairs.chunks(2).any(|b| b == [p.addr() as u32, 24]));
    /// assert_eq!(host_block_list(out, 1), -1);
    /// assert_eq!(last_status(), -8);
    /// dealloc(out.cast(), 8 * (cap + 1), 4);
    /// dealloc(p, 24, 8);
    /// ```
    fn host_block_list(out: *mut u32, cap: u32) -> i32 {
        crate::call_value(-1, |host| {
            let n = host.list_blocks(out, cap as usize)?;
            i32::try_from(n).map_err(|_| Status::InvalidArgument)
        })
    }

    /// Writes the [`HeapStats`] (four words: live bytes, live allocations,
    /// total allocations, peak live bytes) to `out`.
    ///
    /// ```
    /// use rust_wasm_memory_kit::{HeapStats, standard::{alloc, dealloc, heap_stats}};
    /// let size = size_of::<HeapStats>() as u32;
    /// let out = alloc(size, 8).cast::<HeapStats>();
    /// assert_eq!(heap_stats(out), 0);
    /// assert_eq!(heap_stats(core::ptr::without_provenance_mut(8)), -7); // not a block
    /// dealloc(out.cast(), size, 8);
    /// ```
    fn heap_stats(out: *mut HeapStats) -> i32 {
        let stats = heap::stats();
        call(|host| {
            *host.out(out)? = stats;
            Ok(())
        })
    }

    /// Installs the panic hook that writes a panic's location and message
    /// into the record at `panic_record()`. Idempotent; the JS toolkit calls
    /// it once per instance.
    ///
    /// ```
    /// rust_wasm_memory_kit::standard::install_panic_hook();
    /// ```
    fn install_panic_hook() {
        crate::panic::install_hook();
    }

    /// The address of the panic record (static memory): a `u32` byte
    /// length, then that many bytes of UTF-8, `"<file>:<line>:<col>\n<message>"`.
    /// Length 0 means no panic has been recorded.
    ///
    /// ```
    /// use rust_wasm_memory_kit::{panic::RECORD, standard::panic_record};
    /// assert!(core::ptr::eq(panic_record(), &RECORD));
    /// ```
    fn panic_record() -> *const PanicRecord {
        &crate::panic::RECORD
    }
}

#[cfg(feature = "panic-probe")]
crate::export! {
    /// Panics on purpose, with a message naming `code`, so a host can test
    /// its own recovery from a trapped instance. An instance that ran this
    /// must be discarded.
    ///
    /// ```no_run
    /// // Not run: an `extern "C"` function cannot unwind, so this aborts the
    /// // process, as it traps a wasm instance.
    /// # #[cfg(feature = "panic-probe")]
    /// rust_wasm_memory_kit::standard::panic_probe(3);
    /// ```
    fn panic_probe(code: u32) {
        panic!("panic_probe({code}): deliberate panic for testing recovery");
    }
}

static DEBUG_MESSAGE: Mutex<[u8; 160]> = Mutex::new([0; 160]);
static DEBUG_LEN: AtomicU32 = AtomicU32::new(0);
