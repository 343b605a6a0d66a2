// Types of the `rust-wasm-memory` entry point, for every environment.
//
// The functions and classes are declared by the wasm-bindgen glue (their
// doc comments come from the Rust source); the package's API layer
// (lib/api.js) has exactly that shape and adds the errors below. In
// browsers and bundlers call `await init()` once before any other function;
// in Node the module is ready on import and `init()` resolves at once, so
// the same code runs in both.
export * from './glue/rust_wasm_memory.js';
export { default } from './glue/rust_wasm_memory.js';
export { PanicError, StaleInstanceError, UseAfterFreeError } from './lib/errors.js';
