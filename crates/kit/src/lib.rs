//! The machinery every face of `rust-wasm-memory` shares at the boundary,
//! as a crate of its own with a small public API:
//!
//! - [`blocks`]: the registry of blocks handed to the host, and the only
//!   road from a host `(ptr, len)` to a Rust slice. A wrong address is
//!   refused with a [`Status`], never followed.
//! - [`heap`]: a counting global allocator (opt-in, feature
//!   `counting-allocator`) and its [`HeapStats`].
//! - [`panic`](mod@panic): a fixed, lock-free [`PanicRecord`] that a panic hook fills
//!   before the trap, so the host can read what went wrong out of linear
//!   memory without calling back into the dead instance.
//! - [`Status`]: the status codes, with their names and messages;
//!   [`contract`] writes them (and the panic record's layout) as the JSON
//!   every other language reads.
//! - [`text`]: fallible lossy UTF-8 decoding of host bytes.
//!
//! What this crate must never do: hold behaviour of its own (it knows
//! nothing of what a module computes), or let a host address become a
//! pointer without the registry's checks. `unsafe` is allowed only on the
//! items that need it, each with a `// SAFETY:` comment.

pub mod blocks;
pub mod call;
pub mod contract;
pub mod heap;
pub mod panic;
mod panic_record;
#[cfg(feature = "exports")]
#[allow(unsafe_code)] // only the export attribute of `export!`
pub mod standard;
mod status;
pub mod text;

pub use call::{Host, call, call_value, finish, last_status};
pub use heap::HeapStats;
pub use panic_record::{PANIC_RECORD_CAPACITY, PanicRecord, RecordWriter};
pub use status::Status;

/// Exports functions from the module under their own names, with the C ABI:
/// `#[unsafe(no_mangle)] pub extern "C" fn`, so that the crate that uses it
/// writes no `unsafe` itself. Arguments and results are numbers and raw
/// pointers (the host's `(ptr, len)` pairs); turn pointers into slices with
/// a [`Host`] inside [`call()`] or [`call_value`].
///
/// ```
/// rust_wasm_memory_kit::export! {
///     /// `a * b`, wrapping.
///     fn times(a: i32, b: i32) -> i32 {
///         a.wrapping_mul(b)
///     }
///
///     /// Does nothing (an export may return nothing).
///     fn nothing() {}
/// }
///
/// assert_eq!(times(6, 7), 42);
/// nothing();
/// ```
#[macro_export]
macro_rules! export {
    ($(
        $(#[$attr:meta])*
        fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $(-> $ret:ty)? $body:block
    )*) => {
        $(
            $(#[$attr])*
            #[unsafe(no_mangle)]
            pub extern "C" fn $name($($arg: $ty),*) $(-> $ret)? $body
        )*
    };
}
