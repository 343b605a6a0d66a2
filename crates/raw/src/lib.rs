//! The raw C-ABI face of `rust-wasm-memory`: the tutorial's exported
//! `extern "C"` functions over `(ptr, len)` pairs, out-params and status
//! codes, made safe to call with any arguments.
//!
//! Built on its own (`cargo build -p rust-wasm-memory-raw --target
//! wasm32-unknown-unknown`) it is a module with **zero imports** that loads
//! with `WebAssembly.instantiate(bytes, {})`. The root crate links it too, so
//! the same exports sit beside the idiomatic API in the package's module.
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
//! The checks, the block registry, the allocator and the panic record are
//! the kit's (`rust-wasm-memory-kit`); the behaviour is the core's. This
//! crate is only the list of exports, and the only `unsafe` in it is the
//! export attribute on each.

pub mod exports;

pub use rust_wasm_memory_kit::Status;
