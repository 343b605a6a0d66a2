// Types of the `rust-wasm-memory` entry point, for every environment.
//
// The API is the wasm-bindgen glue's (its doc comments come from the Rust
// source). In browsers and bundlers call `await init()` once before any other
// function; in Node the module is ready on import and `init()` resolves at
// once, so the same code runs in both.
export * from './web/rust_wasm_memory.js';
export { default } from './web/rust_wasm_memory.js';
