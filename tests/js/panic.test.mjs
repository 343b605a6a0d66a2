// The panic cases (tests/shared/panic-cases.mjs) in Node, plus the one that
// exhausts a 4 GiB memory to get a trap without a panic (too heavy for the
// browser pages). Chromium and Firefox run the rest through
// tests/js/browsers.test.mjs.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import * as bindgen from 'rust-wasm-memory';
import * as toolkit from 'rust-wasm-memory/raw';
import { currentExports, panicProbe } from 'rust-wasm-memory/testing';
import { panicCases } from '../shared/panic-cases.mjs';

const require = createRequire(import.meta.url);
const glue = require('rust-wasm-memory');

const cases = await panicCases({
  bindgen,
  panicProbe,
  bindgenExports: async () => currentExports(),
  toolkit,
  rawBytes: () => readFile(new URL('raw.wasm', toolkit.RAW_WASM_URL)),
  exhaustMemory: true,
});
for (const [name, fn] of cases) test(name, fn);

test('the ES-module entry and require() share the instance and the error classes', () => {
  for (const name of ['PanicError', 'StaleInstanceError', 'UseAfterFreeError']) {
    if (bindgen[name] !== glue[name] || typeof bindgen[name] !== 'function') throw new Error(`${name} is not exported the same way by both entries`);
  }
  if ('__panicProbe' in bindgen) throw new Error('the probe must stay out of the public ES-module API');
});
