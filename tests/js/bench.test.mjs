// The benchmark suite itself, run tiny: every kernel, path and target must
// be measured and evaluated. No timing is asserted (speed is checked by
// `npm run bench`, never by tests).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as m from 'rust-wasm-memory';
import { loadRaw } from 'rust-wasm-memory/raw';
import { Bench } from 'tinybench';

import { runFaces } from '../../bench/faces.mjs';
import { evaluate, runSuite } from '../../bench/suite.mjs';

test('the suite measures every path and evaluates every target', async () => {
  const lines = [];
  const out = await runSuite({ Bench, m, raw: await loadRaw(), log: (l) => lines.push(l) }, { sizes: [16, 1024], stringSizes: [64] });
  assert.equal(lines.length, 3 * 2 + 3, 'one progress line per kernel and size');
  const paths = (kernel) => [...new Set(out.results.filter((r) => r.kernel === kernel).map((r) => r.path))].sort();
  assert.deepEqual(paths('normalize'), ['copy', 'js', 'memcpy', 'raw', 'zeroCopy']);
  assert.deepEqual(paths('sum_u32'), ['copy', 'js', 'raw', 'zeroCopy']);
  assert.deepEqual(paths('asciiUppercase'), ['copy', 'js']);
  for (const r of out.results) assert.ok(r.medianNs > 0 && Number.isFinite(r.medianNs), `${r.kernel} ${r.path} n=${r.size}`);
  assert.equal(out.targets.length, 3, 'the n ≤ 64 targets for the three kernels');
  for (const t of out.targets) assert.equal(typeof t.met, 'boolean');
});

test('evaluate() computes speed-ups and memcpy ratios from medians', () => {
  const rows = [
    ['normalize', 'js', 1000],
    ['normalize', 'zeroCopy', 100],
    ['normalize', 'copy', 200],
    ['normalize', 'memcpy', 50],
    ['sum_u32', 'js', 600],
    ['sum_u32', 'zeroCopy', 100],
    ['fill_doubles', 'js', 500],
    ['fill_doubles', 'zeroCopy', 80],
    ['fill_doubles', 'memcpy', 50],
  ].map(([kernel, path, medianNs]) => ({ kernel, size: 1048576, path, medianNs }));
  const { ratios, targets } = evaluate(rows, [1048576]);
  assert.equal(ratios.find((r) => r.kernel === 'normalize' && r.path === 'zeroCopy').speedupVsJs, 10);
  assert.equal(ratios.find((r) => r.kernel === 'normalize' && r.path === 'zeroCopy').timeVsMemcpy, 2);
  assert.deepEqual(
    targets.map((t) => t.met),
    [true, true, false, true, true],
  );
});

test('the per-face benchmark measures every face on every call it has', async () => {
  const rows = await runFaces({ quick: true, log: () => {} });
  const faces = [...new Set(rows.map((r) => r.face))].sort();
  assert.deepEqual(faces, [
    'WASI command (node:wasi)',
    'component (jco)',
    'raw exports, data in wasm',
    'raw toolkit',
    'raw toolkit, a block per call (before)',
    'wasm-bindgen',
  ]);
  assert.equal(rows.length, 15);
  for (const r of rows) assert.ok(r.medianNs > 0 && Number.isFinite(r.medianNs), `${r.call} ${r.face}`);
});
