// The shared zero-copy buffer cases (tests/shared/buffers-cases.mjs) in Node.
import { test } from 'node:test';
import fc from 'fast-check';
import * as bindgen from 'rust-wasm-memory';
import { buffersCases } from '../shared/buffers-cases.mjs';

await bindgen.default();
for (const [name, fn] of buffersCases({ bindgen, fc })) test(name, fn);
