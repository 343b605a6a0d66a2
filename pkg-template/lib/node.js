// @ts-check
// The Node entry of `rust-wasm-memory`, for `import` and (Node >= 20.19)
// `require` alike, so one process has one instance and one set of error
// classes. The module is instantiated synchronously from the file beside
// the glue; `init()` then resolves at once, so code written for the
// browser entry runs unchanged.
import { readFileSync } from 'node:fs';

import { initSync } from './api.js';
import { packagedFile } from './packaged.js';

initSync({ module: readFileSync(packagedFile('../glue/rust_wasm_memory_bg.wasm', 'rust_wasm_memory_bg.wasm', import.meta.url)) });

export * from './api.js';
export { default } from './api.js';
