// A user's module built with the kit (examples/histogram) and the toolkit's
// generic path, in Node (tests/shared/kit-cases.mjs; the browsers run the
// same cases through tests/js/browsers.test.mjs).
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import fc from 'fast-check';
import * as toolkit from 'rust-wasm-memory/raw';
import { kitCases } from '../shared/kit-cases.mjs';

const cases = kitCases({
  toolkit,
  fc,
  runs: 2000,
  histogramBytes: () => readFile(new URL('../../examples/histogram/dist/histogram.wasm', import.meta.url)),
  rawBytes: () => readFile(new URL('raw.wasm', toolkit.RAW_WASM_URL)),
});
for (const [name, fn] of cases) test(name, fn);
