//! The machinery every face of `rust-wasm-memory` shares at the boundary,
//! as a crate of its own with a small public API:
//!
//! - [`blocks`]: the registry of blocks handed to the host, and the only
//!   road from a host `(ptr, len)` to a Rust slice. A wrong address is
//!   refused with a [`Status`], never followed.
//! - [`heap`]: a counting global allocator (opt-in, feature
//!   `counting-allocator`) and its [`HeapStats`].
//! - [`panic`]: a fixed, lock-free [`PanicRecord`] that a panic hook fills
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
pub mod contract;
pub mod heap;
pub mod panic;
mod panic_record;
mod status;
pub mod text;

pub use heap::HeapStats;
pub use panic_record::{PANIC_RECORD_CAPACITY, PanicRecord, RecordWriter};
pub use status::Status;
