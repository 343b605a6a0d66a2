// @ts-check
// The browser and bundler entry of `rust-wasm-memory`: call `await init()`
// once, then any function.
export * from './api.js';
export { default } from './api.js';
