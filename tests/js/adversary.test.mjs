// The generated adversary cases (tests/shared/adversary-cases.mjs) in Node,
// at 1,000 cases each (Chromium and Firefox run 300 through
// tests/js/browsers.test.mjs).
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import fc from 'fast-check';
import * as bindgen from 'rust-wasm-memory';
import * as toolkit from 'rust-wasm-memory/raw';
import { externrefsLive, panicProbe } from 'rust-wasm-memory/testing';
import { adversaryCases } from '../shared/adversary-cases.mjs';

const cases = await adversaryCases({
  bindgen,
  toolkit,
  fc,
  panicProbe,
  externrefsLive,
  rawBytes: () => readFile(new URL('raw.wasm', toolkit.RAW_WASM_URL)),
  adversaryRuns: 1000,
});
for (const [name, fn] of cases) test(name, fn);
