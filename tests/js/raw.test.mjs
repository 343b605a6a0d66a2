// The shared raw-ABI cases (tests/shared/raw-cases.mjs) in Node, on the
// installed package's raw.wasm and toolkit.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import * as toolkit from 'rust-wasm-memory/raw';
import { rawCases } from '../shared/raw-cases.mjs';

const require = createRequire(import.meta.url);

const env = {
  toolkit,
  rawBytes: () => readFile(new URL('raw.wasm', toolkit.RAW_WASM_URL)),
  bindgenExports: async () => require('rust-wasm-memory').__wasmExports(),
};

for (const [name, fn] of rawCases(env)) test(name, fn);
