// Node ESM entry of rust-wasm-memory (generated into pkg/ by scripts/build.mjs).
//
// It re-exports the CommonJS glue rather than loading a second copy, so
// `import` and `require` in one process share one instance and one memory.
// The module is instantiated synchronously when first loaded; `init()` and
// `initSync()` exist only so that code written for the browser entry, which
// must call `await init()` first, runs unchanged in Node.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const glue = require('./rust_wasm_memory.cjs');

/* @exports */

/** Resolves to the instance's exports; the module is already instantiated. */
export default async function init() {
  return glue.__wasmExports();
}

/** Returns the instance's exports; the module is already instantiated. */
export function initSync() {
  return glue.__wasmExports();
}
