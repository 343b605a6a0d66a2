//! Writing an export: [`call`] runs its body with a [`Host`], the checked
//! view of the host's memory for one call, and turns the body's result into
//! the status code the export returns (and `last_status()` reports).
//!
//! Inside the body, every host `(ptr, len)` becomes a slice only through the
//! [`Host`], which refuses it with a [`Status`] unless it lies inside one live
//! block the module handed out. The `Host` also refuses two arguments that
//! overlap when the call writes either of them ([`Status::Overlap`]), so a
//! `&mut [T]` it gives out is the only reference to its bytes, as Rust
//! requires. Blocks handed to the host during a call that then fails are
//! taken back, so a refused call leaves nothing behind.
//!
//! ```
//! use rust_wasm_memory_kit::{Status, call, export};
//!
//! export! {
//!     /// Adds `len` u32 at `values` into `*total`, wrapping.
//!     fn total_u32(values: *const u32, len: usize, total: *mut u32) -> i32 {
//!         call(|host| {
//!             let values = host.slice(values, len)?;
//!             let total = host.out(total)?;
//!             *total = values.iter().fold(0u32, |a, &v| a.wrapping_add(v));
//!             Ok(())
//!         })
//!     }
//! }
//!
//! // The host's side, here in Rust: allocate blocks, call, read, free.
//! use rust_wasm_memory_kit::blocks;
//! let values = blocks::allocate(12, 4).unwrap().as_ptr().cast::<u32>();
//! let total = blocks::allocate(4, 4).unwrap().as_ptr().cast::<u32>();
//! blocks::with_slice_mut(values.addr(), 3, |v: &mut [u32]| v.copy_from_slice(&[1, 2, 3])).unwrap();
//! assert_eq!(total_u32(values, 3, total), 0);
//! assert_eq!(blocks::with_slice(total.addr(), 1, |t: &[u32]| t[0]), Ok(6));
//! // A range the module never handed out is refused, not read.
//! assert_eq!(total_u32(values, 4, total), Status::NotOwned.code());
//! assert_eq!(rust_wasm_memory_kit::last_status(), -7);
//! // The same memory as input and output is refused too.
//! assert_eq!(total_u32(values, 1, values), Status::Overlap.code());
//! blocks::release(values.addr(), 12, 4).unwrap();
//! blocks::release(total.addr(), 4, 4).unwrap();
//! ```

use core::cell::{Cell, RefCell};
use std::borrow::Cow;
use std::sync::MutexGuard;
use std::sync::atomic::{AtomicI32, Ordering::Relaxed};

use crate::Status;
use crate::blocks::{self, Plain, Registry};

/// What `last_status()` returns; the handshake says where it is.
pub(crate) static LAST_STATUS: AtomicI32 = AtomicI32::new(0);

/// The status of the most recent call made through [`call`], [`call_value`]
/// or [`finish`] (0, or a negative code). The standard export
/// `last_status()` returns it.
///
/// ```
/// use rust_wasm_memory_kit::{Status, finish, last_status};
/// finish(Status::WrongLength);
/// assert_eq!(last_status(), -8);
/// ```
pub fn last_status() -> i32 {
    LAST_STATUS.load(Relaxed)
}

/// Records `status` as the last status and returns its code: the last line
/// of an export that returns a status without a [`Host`].
///
/// ```
/// use rust_wasm_memory_kit::{Status, finish};
/// let refused: Result<(), Status> = Err(Status::BadAlign);
/// assert_eq!(finish(refused), -10);
/// assert_eq!(finish(Status::Ok), 0);
/// ```
pub fn finish(status: impl Into<Status>) -> i32 {
    let code = status.into().code();
    LAST_STATUS.store(code, Relaxed);
    code
}

/// Runs `body` with a [`Host`] and returns its status code (0 for `Ok`).
/// Blocks handed out during a call that fails are taken back.
///
/// ```
/// use rust_wasm_memory_kit::{Status, call};
/// assert_eq!(call(|_host| Ok(())), 0);
/// assert_eq!(call(|_host| Err(Status::InvalidArgument)), -13);
/// ```
pub fn call(body: impl FnOnce(&Host<'_>) -> Result<(), Status>) -> i32 {
    finish(run(body))
}

/// Runs `body` with a [`Host`] and returns its value, or `fallback` if it
/// fails; the status is in `last_status()`. For an export whose result is a
/// value rather than a status (a sum, a count).
///
/// ```
/// use rust_wasm_memory_kit::{call_value, last_status};
/// let sum = call_value(0, |host| {
///     let values: &[u32] = host.slice(core::ptr::null(), 0)?; // null is refused
///     Ok(values.iter().sum())
/// });
/// assert_eq!((sum, last_status()), (0, -1));
/// ```
pub fn call_value<R>(fallback: R, body: impl FnOnce(&Host<'_>) -> Result<R, Status>) -> R {
    match run(body) {
        Ok(value) => {
            finish(Status::Ok);
            value
        }
        Err(status) => {
            finish(status);
            fallback
        }
    }
}

// `run`, `Host::take` and, in `blocks`, `registry`, `resolve` and
// `Registry::at_or_below` are the checks every call makes; they are marked
// `#[inline(always)]` so that each export gets them inlined into its own
// code. Left to the optimizer they stayed out of line, and the checked
// `fill_doubles` or `sum_u32` of 16 elements in a host block took 42-48 ns
// in Node against 22-27 ns inlined (the bare exports of two raw.wasm
// builds, timed in one process, alternating). raw.wasm grew by about 1 KB.
#[inline(always)]
fn run<R>(body: impl FnOnce(&Host<'_>) -> Result<R, Status>) -> Result<R, Status> {
    let host = Host {
        registry: RefCell::new(blocks::registry()),
        count: Cell::new(0),
    };
    let result = body(&host);
    if result.is_err() {
        host.take_back();
    }
    result
}

/// How many ranges one call can take (arguments, out-params and blocks
/// handed out together); one more is refused with
/// [`Status::InvalidArgument`].
///
/// ```
/// use rust_wasm_memory_kit::{Status, blocks, call, call::MAX_RANGES};
/// let at = blocks::scratch();
/// let status = call(|host| {
///     for i in 0..=MAX_RANGES {
///         host.slice(at.wrapping_add(i), 1)?;
///     }
///     Ok(())
/// });
/// assert_eq!(status, Status::InvalidArgument.code());
/// ```
pub const MAX_RANGES: usize = 16;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Use {
    Read,
    Write,
    HandedOut,
}

/// A range a call has taken. The ranges of the call in progress live in the
/// registry, which the call holds locked: a [`Host`] then needs no room of
/// its own to clear or copy on every call.
#[derive(Clone, Copy)]
pub(crate) struct Range {
    start: usize,
    end: usize,
    usage: Use,
}

impl Range {
    pub(crate) const EMPTY: Self = Self {
        start: 0,
        end: 0,
        usage: Use::Read,
    };
}

/// The host's memory during one call: turns `(ptr, len)` arguments into
/// slices after the checks of [`crate::blocks`], and keeps track of them so
/// that no two overlap when either is written.
///
/// The block registry is locked while the `Host` lives, so no block can be
/// freed under a slice; calling [`blocks`] functions from inside the body
/// would wait on that lock forever (natively) or panic (in wasm), so do all
/// memory work through the `Host`.
///
/// ```
/// use rust_wasm_memory_kit::{Status, blocks, call};
/// let p = blocks::allocate(16, 4).unwrap().as_ptr().cast::<u32>();
/// let status = call(|host| {
///     let input = host.slice(p, 2)?; // elements 0 and 1
///     let output = host.slice_mut(p.wrapping_add(2), 2)?; // elements 2 and 3
///     output.copy_from_slice(input);
///     Ok(())
/// });
/// assert_eq!(status, 0);
/// blocks::release(p.addr(), 16, 4).unwrap();
/// ```
pub struct Host<'r> {
    registry: RefCell<MutexGuard<'r, Registry>>,
    /// How many of the registry's `ranges` this call has taken.
    count: Cell<usize>,
}

impl core::fmt::Debug for Host<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Host")
            .field("ranges", &self.count.get())
            .finish()
    }
}

impl Host<'_> {
    /// Checks `len` elements of `T` at `addr` for `usage` and records them.
    /// Returns the pointer to derive a slice from (`None` when empty).
    #[inline(always)]
    fn take<T: Plain>(
        &self,
        addr: usize,
        len: usize,
        usage: Use,
    ) -> Result<Option<core::ptr::NonNull<T>>, Status> {
        let mut registry = self.registry.borrow_mut();
        let p = blocks::resolve::<T>(&registry, addr, len)?;
        if p.is_none() {
            return Ok(None);
        }
        // resolve() checked that this does not overflow.
        let (start, end) = (addr, addr + len * core::mem::size_of::<T>());
        let n = self.count.get();
        for r in &registry.ranges[..n] {
            // A block handed out by this call is the host's: Rust holds no
            // reference to it, so only taken ranges can conflict.
            let overlaps = r.usage != Use::HandedOut && start < r.end && r.start < end;
            if overlaps && (usage == Use::Write || r.usage == Use::Write) {
                return Err(Status::Overlap);
            }
        }
        if n == MAX_RANGES {
            return Err(Status::InvalidArgument);
        }
        registry.ranges[n] = Range { start, end, usage };
        self.count.set(n + 1);
        Ok(p)
    }

    /// The `len` elements at `ptr`, to read.
    ///
    /// ```
    /// use rust_wasm_memory_kit::{Status, blocks, call_value};
    /// let p = blocks::allocate(8, 4).unwrap().as_ptr().cast::<u32>();
    /// assert_eq!(call_value(9, |host| Ok(host.slice(p, 2)?.len())), 2);
    /// assert_eq!(call_value(9, |host| Ok(host.slice(p, 3)?.len())), 9); // past the block
    /// blocks::release(p.addr(), 8, 4).unwrap();
    /// ```
    #[allow(unsafe_code)] // see the SAFETY comment inside
    pub fn slice<T: Plain>(&self, ptr: *const T, len: usize) -> Result<&[T], Status> {
        Ok(match self.take::<T>(ptr.addr(), len, Use::Read)? {
            None => &[],
            // SAFETY: `p` points at `len` initialised (zeroed at allocation)
            // elements of a `Plain` type inside one live block, aligned for
            // `T`. The registry stays locked while `self` lives, so the
            // block cannot be freed; no range taken for writing overlaps
            // this one (checked in `take`), so no `&mut` aliases it.
            Some(p) => unsafe { core::slice::from_raw_parts(p.as_ptr(), len) },
        })
    }

    /// The `len` elements at `ptr`, to write. Refused with
    /// [`Status::Overlap`] if the range overlaps any other range of this
    /// call.
    ///
    /// ```
    /// use rust_wasm_memory_kit::{Status, blocks, call};
    /// let p = blocks::allocate(8, 4).unwrap().as_ptr().cast::<u32>();
    /// assert_eq!(call(|host| { host.slice_mut(p, 2)?.fill(7); Ok(()) }), 0);
    /// assert_eq!(blocks::with_slice(p.addr(), 2, |v: &[u32]| v.to_vec()), Ok(vec![7, 7]));
    /// // Two views of the same memory, one of them written: refused.
    /// assert_eq!(call(|host| { host.slice(p, 1)?; host.slice_mut(p, 2)?; Ok(()) }), Status::Overlap.code());
    /// blocks::release(p.addr(), 8, 4).unwrap();
    /// ```
    #[allow(unsafe_code)] // see the SAFETY comment inside
    #[allow(clippy::mut_from_ref)] // the overlap check makes each &mut unique
    pub fn slice_mut<T: Plain>(&self, ptr: *mut T, len: usize) -> Result<&mut [T], Status> {
        Ok(match self.take::<T>(ptr.addr(), len, Use::Write)? {
            None => &mut [],
            // SAFETY: as in `slice`; and no other range of this call
            // overlaps this one, so this is the only reference to its bytes.
            Some(p) => unsafe { core::slice::from_raw_parts_mut(p.as_ptr(), len) },
        })
    }

    /// The one `T` at `ptr`, to write: an out-param.
    ///
    /// ```
    /// use rust_wasm_memory_kit::{Status, blocks, call};
    /// let p = blocks::allocate(8, 4).unwrap().as_ptr().cast::<u32>();
    /// assert_eq!(call(|host| { *host.out(p)? = 5; Ok(()) }), 0);
    /// // Two out-params at one address: refused before either is written.
    /// assert_eq!(call(|host| { host.out(p)?; host.out(p)?; Ok(()) }), Status::Overlap.code());
    /// blocks::release(p.addr(), 8, 4).unwrap();
    /// ```
    pub fn out<T: Plain>(&self, ptr: *mut T) -> Result<&mut T, Status> {
        Ok(&mut self.slice_mut(ptr, 1)?[0])
    }

    /// Writes the live host blocks, as `(address, size)` pairs in address
    /// order, into the `cap` pairs at `out`, and returns how many blocks are
    /// live. Refused with [`Status::WrongLength`] (and nothing written) when
    /// `cap` is less than that: the host asks again with room for all.
    ///
    /// ```
    /// use rust_wasm_memory_kit::{Status, blocks, call_value};
    /// let p = blocks::allocate(64, 8).unwrap().as_ptr().cast::<u32>();
    /// let n = call_value(0, |host| host.list_blocks(p, 8));
    /// // Read after the call: the Host holds the registry until it ends.
    /// let listed = blocks::with_slice(p.addr(), 2 * n, |v: &[u32]| v.to_vec()).unwrap();
    /// assert!(listed.chunks(2).any(|b| b == [p.addr() as u32, 64]));
    /// assert_eq!(call_value(0, |host| host.list_blocks(p, 0)), 0);
    /// assert_eq!(rust_wasm_memory_kit::last_status(), Status::WrongLength.code());
    /// blocks::release(p.addr(), 64, 8).unwrap();
    /// ```
    pub fn list_blocks(&self, out: *mut u32, cap: usize) -> Result<usize, Status> {
        let pairs = self.slice_mut(out, cap.checked_mul(2).ok_or(Status::InvalidArgument)?)?;
        let registry = self.registry.borrow();
        let live = registry.len();
        if live > cap {
            return Err(Status::WrongLength);
        }
        for (pair, (addr, size)) in pairs.chunks_exact_mut(2).zip(registry.live()) {
            // wasm32 addresses and sizes fit in u32; natively, only the low
            // half is kept (the native build is for tests).
            pair[0] = addr as u32;
            pair[1] = size as u32;
        }
        Ok(live)
    }

    /// The `len` bytes at `ptr` as text: UTF-8, or [`Status::InvalidUtf8`].
    ///
    /// ```
    /// use rust_wasm_memory_kit::{Status, blocks, call};
    /// let p = blocks::allocate(2, 1).unwrap().as_ptr();
    /// blocks::with_slice_mut(p.addr(), 2, |b: &mut [u8]| b.copy_from_slice(&[0xff, b'a'])).unwrap();
    /// assert_eq!(call(|host| host.str(p, 2).map(drop)), Status::InvalidUtf8.code());
    /// assert_eq!(call(|host| { assert_eq!(host.str(p.wrapping_add(1), 1)?, "a"); Ok(()) }), 0);
    /// blocks::release(p.addr(), 2, 1).unwrap();
    /// ```
    pub fn str(&self, ptr: *const u8, len: usize) -> Result<&str, Status> {
        core::str::from_utf8(self.slice(ptr, len)?).map_err(|_| Status::InvalidUtf8)
    }

    /// The `len` bytes at `ptr` as text, with each invalid sequence replaced
    /// by U+FFFD (borrowed when the bytes are valid).
    ///
    /// ```
    /// use rust_wasm_memory_kit::{blocks, call};
    /// let p = blocks::allocate(2, 1).unwrap().as_ptr();
    /// blocks::with_slice_mut(p.addr(), 2, |b: &mut [u8]| b.copy_from_slice(&[0xff, b'a'])).unwrap();
    /// assert_eq!(call(|host| { assert_eq!(host.text(p, 2)?, "\u{fffd}a"); Ok(()) }), 0);
    /// blocks::release(p.addr(), 2, 1).unwrap();
    /// ```
    pub fn text(&self, ptr: *const u8, len: usize) -> Result<Cow<'_, str>, Status> {
        crate::text::decode_lossy(self.slice(ptr, len)?)
    }

    /// Hands `bytes` to the host as a new block (alignment 1), which the
    /// host owns and gives back with `free_buffer(ptr, len)`. Returns its
    /// address and length, for out-params. If the call fails after this,
    /// the block is taken back.
    ///
    /// ```
    /// use rust_wasm_memory_kit::{blocks, call};
    /// let size = 2 * size_of::<usize>();
    /// let out = blocks::allocate(size, align_of::<usize>()).unwrap().as_ptr().cast::<usize>();
    /// assert_eq!(call(|host| {
    ///     let [ptr, len] = host.out(out.cast::<[usize; 2]>())?;
    ///     (*ptr, *len) = host.hand_out(b"hello".to_vec())?;
    ///     Ok(())
    /// }), 0);
    /// let [ptr, len] = blocks::with_slice(out.addr(), 1, |o: &[[usize; 2]]| o[0]).unwrap();
    /// assert_eq!(blocks::with_slice(ptr, len, |b: &[u8]| b.to_vec()), Ok(b"hello".to_vec()));
    /// blocks::release(ptr, len, 1).unwrap(); // what free_buffer(ptr, len) does
    /// blocks::release(out.addr(), size, align_of::<usize>()).unwrap();
    /// ```
    pub fn hand_out(&self, bytes: Vec<u8>) -> Result<(usize, usize), Status> {
        let n = self.count.get();
        if n == MAX_RANGES {
            return Err(Status::InvalidArgument);
        }
        let mut registry = self.registry.borrow_mut();
        let (addr, len) = blocks::hand_out_in(&mut registry, bytes)?;
        registry.ranges[n] = Range {
            start: addr,
            end: addr + len,
            usage: Use::HandedOut,
        };
        self.count.set(n + 1);
        Ok((addr, len))
    }

    /// Gives back the blocks this call handed out (the call failed).
    fn take_back(&self) {
        let mut registry = self.registry.borrow_mut();
        for i in 0..self.count.get() {
            let r = registry.ranges[i];
            if r.usage == Use::HandedOut {
                let _ = blocks::release_in(&mut registry, r.start, r.end - r.start, 1);
            }
        }
    }
}
