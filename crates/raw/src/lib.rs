//! The raw C-ABI face of `rust-wasm-memory`: the seed's `#[no_mangle]
//! extern "C"` exports over `(ptr, len)` pairs, out-params and status codes,
//! made safe to call with any arguments.
//!
//! Built on its own (`cargo build -p rust-wasm-memory-raw --target
//! wasm32-unknown-unknown`) it is a module with **zero imports** that loads
//! with `WebAssembly.instantiate(bytes, {})`. Linked into the wasm-bindgen
//! crate, the same exports sit beside the idiomatic API.
//!
//! The contract, for every export:
//! - pointers are byte addresses in linear memory; lengths count elements;
//! - every pointer Rust reads or writes must lie inside a block this module
//!   handed out (`alloc`, or a result buffer) and still live; anything else
//!   is refused with a [`Status`] before a byte is touched, so no call can
//!   corrupt the heap, trap or read freed memory;
//! - result buffers belong to the host until it gives them back with
//!   `free_buffer(ptr, len)`, exactly once; every wrong free is refused.
//!
//! What this crate must never do: hold behaviour (it calls the core), or
//! contain `unsafe` outside the `abi` module.
#![deny(unsafe_code)]

pub mod abi;
pub mod panic;
mod status;

pub use abi::heap::HeapStats;
pub use status::Status;
