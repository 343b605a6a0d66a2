//! The raw exports. On wasm32 `usize` is `u32`, so every signature here is
//! the tutorial's: pointers and lengths are 32-bit, pointers count bytes and
//! lengths count elements.
//!
//! Each export validates through [`memory`] and calls the core; it records
//! its status for `last_status()`. Ownership, per export:
//! - inputs stay the host's: Rust reads or writes them only during the call;
//! - the four string producers (`process_string`, `make_greeting`,
//!   `ascii_uppercase`, `echo_suffix`) hand the host a new result buffer: the
//!   host owns it and returns it once with `free_buffer(ptr, len)`;
//! - `alloc` hands the host a zeroed block: returned with `dealloc(ptr,
//!   size, align)` (or `free_buffer(ptr, size)` when `align` is 1).

use std::sync::Mutex;
use std::sync::atomic::{AtomicI32, Ordering::Relaxed};

use rust_wasm_memory_core as core_;

use rust_wasm_memory_kit::{Status, blocks as memory, heap};

static LAST_STATUS: AtomicI32 = AtomicI32::new(0);

fn finish(status: impl Into<Status>) -> i32 {
    let code = status.into().code();
    LAST_STATUS.store(code, Relaxed);
    code
}

/// A string result: where the bytes are and how many (the tutorial's layout).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OutString {
    /// Address of the first byte.
    pub ptr: usize,
    /// Length in bytes.
    pub len: usize,
}

/// The status of the most recent export call (0, or a negative code). The
/// only way to see an error from `sum_u32`, whose result is the sum itself.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn last_status() -> i32 {
    LAST_STATUS.load(Relaxed)
}

/// `a + b`, wrapping. No memory involved.
#[cfg(feature = "add-export")]
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn add(a: i32, b: i32) -> i32 {
    finish(Status::Ok);
    core_::add(a, b)
}

/// `(x + y) * factor`, each step wrapping. No memory involved.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn scale_and_add(x: i32, y: i32, factor: i32) -> i32 {
    finish(Status::Ok);
    core_::scale_and_add(x, y, factor)
}

/// The sum of `len` u32 at `ptr` (4-aligned), wrapping modulo 2^32. On a
/// refused range returns 0 and `last_status()` says why.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn sum_u32(ptr: *const u32, len: u32) -> u32 {
    match memory::with_slice(ptr.addr(), len as usize, core_::sum_u32) {
        Ok(sum) => {
            finish(Status::Ok);
            sum
        }
        Err(status) => {
            finish(status);
            0
        }
    }
}

/// Writes `2 * i` into the `len` u32 at `ptr`. Returns a status.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn fill_doubles(ptr: *mut u32, len: u32) -> i32 {
    finish(memory::with_slice_mut(
        ptr.addr(),
        len as usize,
        core_::fill_doubles,
    ))
}

/// The tutorial's second name for [`fill_doubles`]: same contract.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn make_number_array(ptr: *mut u32, len: u32) -> i32 {
    finish(memory::with_slice_mut(
        ptr.addr(),
        len as usize,
        core_::fill_doubles,
    ))
}

/// Writes `i mod 256` into the `len` bytes at `ptr` and nothing else.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn fill_buffer(ptr: *mut u8, len: u32) -> i32 {
    finish(memory::with_slice_mut(
        ptr.addr(),
        len as usize,
        core_::fill_buffer,
    ))
}

/// Divides the `len` f32 at `ptr` by their maximum, in place. Returns 0, or
/// (the tutorial's codes) -1 null pointer, -2 zero length, -3 cannot normalize
/// (maximum ±0 or not finite; the data is unchanged), or a range error.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn normalize_numbers(ptr: *mut f32, len: u32) -> i32 {
    if ptr.is_null() {
        return finish(Status::NullPointer);
    }
    if len == 0 {
        return finish(Status::ZeroLength);
    }
    let result = memory::with_slice_mut(ptr.addr(), len as usize, core_::normalize);
    finish(match result {
        Ok(Ok(_max)) => Status::Ok,
        Ok(Err(_)) => Status::CannotNormalize,
        Err(status) => status,
    })
}

/// Appends `"_processed"` to the UTF-8 text at `(in_ptr, in_len)` (invalid
/// sequences become U+FFFD) and writes the new buffer's `{ptr, len}` to
/// `out_meta_ptr` (8 bytes, 4-aligned). The host owns the new buffer.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn process_string(
    in_ptr: *const u8,
    in_len: u32,
    out_meta_ptr: *mut OutString,
) -> i32 {
    produce_meta(in_ptr, in_len, out_meta_ptr, core_::process_string)
}

/// [`produce_string`] with the result's `{ptr, len}` written as one
/// [`OutString`] at `out_meta_ptr`.
fn produce_meta(
    in_ptr: *const u8,
    in_len: u32,
    out_meta_ptr: *mut OutString,
    transform: fn(&str) -> Result<String, core_::AllocError>,
) -> i32 {
    let ptr_at = out_meta_ptr.addr();
    let len_at = ptr_at.checked_add(core::mem::size_of::<usize>());
    finish(
        len_at
            .ok_or(Status::Overflow)
            .and_then(|len_at| produce_string(in_ptr.addr(), in_len, transform, ptr_at, len_at)),
    )
}

/// Writes `"Hello, "` followed by the name at `(in_ptr, in_len)` into a new
/// buffer (lossy UTF-8, as `process_string`) and its `{ptr, len}` to
/// `out_meta_ptr`. The host owns the new buffer. (Named `make_greeting`,
/// not `greet`, so it never clashes with the idiomatic `greet` when both
/// faces are linked into one module.)
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn make_greeting(
    in_ptr: *const u8,
    in_len: u32,
    out_meta_ptr: *mut OutString,
) -> i32 {
    produce_meta(in_ptr, in_len, out_meta_ptr, core_::greet)
}

/// Writes the text at `(in_ptr, in_len)` with `a`-`z` uppercased into a new
/// buffer (lossy UTF-8, as `process_string`) and its `{ptr, len}` to
/// `out_meta_ptr`. The host owns the new buffer.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn ascii_uppercase(
    in_ptr: *const u8,
    in_len: u32,
    out_meta_ptr: *mut OutString,
) -> i32 {
    produce_meta(in_ptr, in_len, out_meta_ptr, core_::ascii_uppercase)
}

/// Appends `"_echo"` to the text at `(in_ptr, in_len)`; writes the new
/// buffer's address to `*out_ptr_ptr` and its length to `*out_len_ptr` (each
/// 4 bytes, 4-aligned, and not the same address: -11 otherwise). The host
/// owns the new buffer.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn echo_suffix(
    in_ptr: *const u8,
    in_len: u32,
    out_ptr_ptr: *mut usize,
    out_len_ptr: *mut usize,
) -> i32 {
    finish(produce_string(
        in_ptr.addr(),
        in_len,
        core_::echo_suffix,
        out_ptr_ptr.addr(),
        out_len_ptr.addr(),
    ))
}

/// The shape of the four string producers (`process_string`,
/// `make_greeting`, `ascii_uppercase`, `echo_suffix`): check where the result's address and
/// length go, transform the input, hand the result out, report it. If the
/// report cannot be written the result is taken back, so a failed call
/// never leaves a block the host does not know about.
fn produce_string(
    in_addr: usize,
    in_len: u32,
    transform: fn(&str) -> Result<String, core_::AllocError>,
    ptr_at: usize,
    len_at: usize,
) -> Result<(), Status> {
    memory::check::<usize>(ptr_at, 1)?;
    memory::check::<usize>(len_at, 1)?;
    // Both are aligned words, so they overlap only when they are one.
    if ptr_at == len_at {
        return Err(Status::OutParamsOverlap);
    }
    let bytes = memory::with_slice(in_addr, in_len as usize, |input: &[u8]| {
        let text = rust_wasm_memory_kit::text::decode_lossy(input)?;
        transform(&text).map_err(|_| Status::OutOfMemory)
    })??;
    let (ptr, len) = memory::hand_out(bytes.into_bytes())?;
    write_words(ptr_at, &[ptr])
        .and_then(|()| write_words(len_at, &[len]))
        .inspect_err(|_| {
            let _ = memory::release(ptr, len, 1);
        })
}

fn write_words(addr: usize, words: &[usize]) -> Result<(), Status> {
    memory::with_slice_mut(addr, words.len(), |out: &mut [usize]| {
        out.copy_from_slice(words)
    })
}

/// Gives back a result buffer (or an `alloc(len, 1)` block). Refuses, and
/// changes nothing, for a null pointer (-1), a pointer that is not a live
/// block (-7: never handed out, or already freed) or the wrong length (-8).
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn free_buffer(ptr: *mut u8, len: u32) -> i32 {
    finish(memory::release(ptr.addr(), len as usize, 1))
}

/// Allocates a zeroed block of `size` bytes aligned to `align` (a power of
/// two up to 65536) for the host to fill and pass to the other exports.
/// Returns its address, or 0 with `last_status()` -10 (bad alignment) or -9
/// (out of memory). `size` 0 gives a distinct, freeable block.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn alloc(size: u32, align: u32) -> *mut u8 {
    match memory::allocate(size as usize, align as usize) {
        Ok(p) => {
            finish(Status::Ok);
            p.as_ptr()
        }
        Err(status) => {
            finish(status);
            std::ptr::null_mut()
        }
    }
}

/// Gives back a block from `alloc`, with the same size and alignment.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn dealloc(ptr: *mut u8, size: u32, align: u32) -> i32 {
    finish(memory::release(ptr.addr(), size as usize, align as usize))
}

static DEBUG_MESSAGE: Mutex<[u8; 160]> = Mutex::new([0; 160]);
static DEBUG_LEN: AtomicI32 = AtomicI32::new(0);

/// The tutorial's pointer logger, without imports: formats `ptr=0x… len=…` and
/// whether that range is inside a live block into a static buffer, which the
/// host reads at `debug_message_ptr()` for `debug_message_len()` bytes and
/// prints. Always returns 0.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn debug_ptr(ptr: *const u8, len: u32) -> i32 {
    let text = memory::describe(ptr.addr(), len as usize);
    let mut buf = DEBUG_MESSAGE.lock().unwrap_or_else(|e| e.into_inner());
    let n = text.len().min(buf.len());
    buf[..n].copy_from_slice(&text.as_bytes()[..n]);
    DEBUG_LEN.store(n as i32, Relaxed);
    finish(Status::Ok)
}

/// Where `debug_ptr`'s last message is (static memory, never freed).
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn debug_message_ptr() -> *const u8 {
    DEBUG_MESSAGE
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .as_ptr()
}

/// The length in bytes of `debug_ptr`'s last message.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn debug_message_len() -> u32 {
    DEBUG_LEN.load(Relaxed) as u32
}

/// Bytes currently allocated on the Rust heap.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn heap_live_bytes() -> usize {
    heap::stats().live_bytes
}

/// Allocations currently live on the Rust heap.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn heap_live_allocations() -> usize {
    heap::stats().live_allocations
}

/// Allocations made since start.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn heap_total_allocations() -> usize {
    heap::stats().total_allocations
}

/// The highest live byte count seen since start.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn heap_peak_live_bytes() -> usize {
    heap::stats().peak_live_bytes
}

/// Blocks currently owned by the host (allocated or handed out, not freed).
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn host_blocks() -> usize {
    memory::live_blocks()
}

/// Writes a `HeapStats` (four 32-bit words: live bytes, live allocations,
/// total allocations, peak live bytes) to `out` (16 bytes, 4-aligned).
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn heap_stats(out: *mut heap::HeapStats) -> i32 {
    let s = heap::stats();
    let words = [
        s.live_bytes,
        s.live_allocations,
        s.total_allocations,
        s.peak_live_bytes,
    ];
    finish(write_words(out.addr(), &words))
}

/// Installs the panic hook that writes a panic's location and message into
/// the record at `panic_record()`. Idempotent; the JS toolkit calls it once
/// per instance. (The wasm-bindgen build installs its own hook at start.)
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn install_panic_hook() {
    rust_wasm_memory_kit::panic::install_hook();
}

/// The address of the panic record (static memory): a `u32` byte length,
/// then that many bytes of UTF-8, `"<file>:<line>:<col>\n<message>"`.
/// Length 0 means no panic has been recorded.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn panic_record() -> *const rust_wasm_memory_kit::PanicRecord {
    &rust_wasm_memory_kit::panic::RECORD
}

/// Panics on purpose, with a message naming `code`, so a host can test its
/// own recovery from a trapped instance. No other input makes this module
/// panic; an instance that ran this must be discarded.
#[allow(unsafe_code)] // exported by name: the module's ABI
#[unsafe(no_mangle)]
pub extern "C" fn panic_probe(code: u32) {
    panic!("panic_probe({code}): deliberate panic for testing recovery");
}
