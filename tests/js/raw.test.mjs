// The shared raw-ABI cases (tests/shared/raw-cases.mjs) in Node, on the
// installed package's raw.wasm and toolkit.
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import 'rust-wasm-memory';
import * as toolkit from 'rust-wasm-memory/raw';
import { currentExports } from 'rust-wasm-memory/testing';
import { rawCases } from '../shared/raw-cases.mjs';

const env = {
  toolkit,
  rawBytes: () => readFile(new URL('raw.wasm', toolkit.RAW_WASM_URL)),
  bindgenExports: async () => currentExports(),
};

for (const [name, fn] of rawCases(env)) test(name, fn);
