// The hardening cases (tests/shared/hardening-cases.mjs) in Node at full
// scale: 1e5 generated inputs per API, 1e4 growth rounds, a 1e6-call soak,
// 1e6 refused calls of every kind of wrong argument (refusals.test.mjs).
// (Chromium and Firefox run the same cases at a smaller scale through
// tests/js/browsers.test.mjs.) RWM_HARDENING_SCALE=0.01 shrinks them for a
// quick local run.
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import fc from 'fast-check';
import * as bindgen from 'rust-wasm-memory';
import * as toolkit from 'rust-wasm-memory/raw';
import { currentExports, externrefsLive } from 'rust-wasm-memory/testing';
import { hardeningCases } from '../shared/hardening-cases.mjs';

const scale = Number(process.env.RWM_HARDENING_SCALE ?? 1);

const cases = await hardeningCases({
  bindgen,
  toolkit,
  fc,
  rawBytes: () => readFile(new URL('raw.wasm', toolkit.RAW_WASM_URL)),
  bindgenExports: async () => currentExports(),
  externrefsLive,
  refusedCalls: Math.max(1000, Math.round(1e6 * scale)),
  runs: Math.max(10, Math.round(1e5 * scale)),
  growthRounds: Math.max(10, Math.round(1e4 * scale)),
  soakCalls: Math.max(100, Math.round(1e6 * scale)),
});
// The refused-call soak (millions of calls) runs from its own file,
// refusals.test.mjs, in parallel with this one.
const only = process.env.RWM_HARDENING_ONLY;
for (const [name, fn] of cases) if ((only === 'refusals') === name.startsWith('refused calls:')) test(name, fn);
