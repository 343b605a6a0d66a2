// The reentrancy cases (tests/shared/reentrancy-cases.mjs) in Node, at 1,000
// generated calls (Chromium and Firefox run 200 through
// tests/js/browsers.test.mjs).
import { test } from 'node:test';

import fc from 'fast-check';
import * as bindgen from 'rust-wasm-memory';
import { externrefsLive, panicProbe } from 'rust-wasm-memory/testing';
import { reentrancyCases } from '../shared/reentrancy-cases.mjs';

const cases = await reentrancyCases({ bindgen, fc, panicProbe, externrefsLive, reentrancyRuns: 1000 });
for (const [name, fn] of cases) test(name, fn);
