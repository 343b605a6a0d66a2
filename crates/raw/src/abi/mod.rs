//! Everything `unsafe` in the raw face lives under this module:
//! - [`heap`]: the counting global allocator behind the heap statistics;
//! - [`memory`]: the registry of blocks handed to the host, and the checked
//!   conversion of host addresses into Rust slices;
//! - [`exports`]: the `#[no_mangle] extern "C"` functions themselves.
//!
//! Host addresses are only ever compared as integers. Every pointer Rust
//! dereferences is derived from a block's own base pointer, so the module is
//! sound under strict provenance and a wrong address can only be refused.
#![allow(unsafe_code)]

pub mod exports;
pub mod heap;
pub mod memory;
