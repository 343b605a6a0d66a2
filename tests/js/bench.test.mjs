// The benchmark suite itself, run tiny: every kernel, path and target must
// be measured and evaluated. No timing is asserted (speed is checked by
// `npm run bench`, never by tests).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import * as m from 'rust-wasm-memory';
import { loadRaw } from 'rust-wasm-memory/raw';
import { Bench } from 'tinybench';

import { BASELINES } from '../../bench/baselines.mjs';
import { faceTargets, runFaces } from '../../bench/faces.mjs';
import { assembleFloor } from '../../bench/floor.mjs';
import { CHECKED_FILL, evaluate, loopFor, measure, runSuite } from '../../bench/suite.mjs';

const floorExports = async () => /** @type {any} */ ((await WebAssembly.instantiate(assembleFloor())).instance.exports);
const js = (kernel) => BASELINES[kernel].map((b) => `js:${b.name}`);

test('the suite measures every path, every JS baseline and the floors, and evaluates every target', async () => {
  const lines = [];
  const sizes = [16, 1048576];
  const out = await runSuite({ Bench, m, raw: await loadRaw(), floor: await floorExports(), log: (l) => lines.push(l) }, { sizes, stringSizes: [64] });
  assert.equal(lines.filter((l) => !l.startsWith('[floor]')).length, 3 * 2 + 3, 'one progress line per kernel and size');
  const paths = (kernel) => [...new Set(out.results.filter((r) => r.kernel === kernel).map((r) => r.path))].sort();
  assert.deepEqual(paths('normalize'), ['copy', 'js', ...js('normalize'), 'memcpy', 'raw', 'zeroCopy'].sort());
  assert.deepEqual(paths('sum_u32'), ['copy', 'js', ...js('sum_u32'), 'raw', 'zeroCopy'].sort());
  assert.deepEqual(
    paths('fill_doubles'),
    ['copy', 'js', ...js('fill_doubles'), 'memcpy', 'raw', 'zeroCopy'].sort(),
    'the floors timed beside the fill are floors, not paths',
  );
  assert.deepEqual(paths('asciiUppercase'), ['copy', 'js', ...js('asciiUppercase')].sort());
  for (const r of out.results) assert.ok(r.medianNs > 0 && Number.isFinite(r.medianNs), `${r.kernel} ${r.path} n=${r.size}`);
  // 'js' is the fastest baseline of the run, and names it.
  for (const r of out.results.filter((x) => x.path === 'js')) {
    const tried = out.results.filter((x) => x.kernel === r.kernel && x.size === r.size && x.path.startsWith('js:') && x.medianNs > 0);
    assert.equal(r.medianNs, Math.min(...tried.map((x) => x.medianNs)), `${r.kernel} n=${r.size}`);
    assert.equal(`js:${r.baseline}`, tried.find((x) => x.medianNs === r.medianNs)?.path);
  }
  assert.equal(out.targets.length, 5 + 3, 'the 1M targets and the n ≤ 64 targets for the three kernels');
  for (const t of out.targets) assert.equal(typeof t.met, 'boolean');
  assert.deepEqual(
    out.floors.map((f) => `${f.floor} ${f.size}`),
    [
      'empty call 16',
      'set 64 B 16',
      'set 64 B in, call 16',
      'set 64 B in, call, 64 B out 16',
      'sum 16 u32 in wasm memory 16',
      '16 u32 as arguments, call 16',
      'memcpy 1048576',
      'copy into wasm memory and out 1048576',
      'max pass (f32x4.pmax) 1048576',
      'divide pass (f32x4.div) 1048576',
      'divide pass (f64 reciprocal) 1048576',
      // Timed beside the fill's own paths.
      'fill 16 u32 in wasm, 64 B out 16',
      'fill 16 u32 in wasm, 64 B out, by a function 16',
      'fill 16 u32 in wasm, 64 B out, by a function that reads the length 16',
      'fill 16 u32 in wasm, 64 B out, by a function that checks the length, element type and prototype 16',
    ],
  );
  for (const f of out.floors) assert.ok(f.medianNs > 0 && Number.isFinite(f.medianNs), f.floor);
  assert.equal(out.callSites, 'own');
});

test('the floor module computes what normalize computes: the maximum, and the quotient both ways', async () => {
  const floor = await floorExports();
  floor.memory.grow(1);
  const f32 = fc.float({ noDefaultInfinity: true, noNaN: true });
  fc.assert(
    fc.property(fc.array(f32, { minLength: 8, maxLength: 256 }), f32, (values, divisor) => {
      const n = values.length - (values.length % 8);
      const data = new Float32Array(floor.memory.buffer, 0, n);
      data.set(values.slice(0, n));
      const expected = data.slice();
      assert.ok(floor.max(0, n) === Math.max(...expected)); // === : ±0 may come out either way
      if (divisor === 0) return;
      const quotient = expected.map((v) => v / divisor);
      floor.div(0, n, divisor);
      assert.deepEqual(data.slice(), quotient);
      data.set(expected);
      floor.recip(0, n, divisor);
      assert.deepEqual(data.slice(), quotient);
    }),
    { numRuns: 300 },
  );
});

test('the floor module sums 16 u32 arguments modulo 2^32, as sumU32 does', async () => {
  const floor = await floorExports();
  fc.assert(
    fc.property(fc.array(fc.nat({ max: 2 ** 32 - 1 }), { minLength: 16, maxLength: 16 }), (values) => {
      const input = Uint32Array.from(values);
      assert.equal(floor.args16(...input) >>> 0, m.sumU32(input));
    }),
    { numRuns: 300 },
  );
});

test('the floor module sums 16 u32 in its memory modulo 2^32, as sumU32 does, at the address it is given', async () => {
  const floor = await floorExports();
  const memory = new Uint32Array(floor.memory.buffer);
  fc.assert(
    fc.property(fc.array(fc.nat({ max: 2 ** 32 - 1 }), { minLength: 16, maxLength: 16 }), fc.nat({ max: 100 }), (values, slot) => {
      const input = Uint32Array.from(values);
      memory.fill(0xffffffff);
      memory.set(input, slot * 4);
      assert.equal(floor.sum16(slot * 16) >>> 0, m.sumU32(input));
    }),
    { numRuns: 300 },
  );
});

test('the floor module fills 16 u32 as fillDoubles does, at the address it is given', async () => {
  const floor = await floorExports();
  const memory = new Uint32Array(floor.memory.buffer);
  memory.fill(0xdeadbeef, 0, 64);
  floor.fill16(64);
  const expected = new Uint32Array(16).fill(7);
  m.fillDoubles(expected);
  assert.deepEqual(memory.subarray(16, 32), expected);
  // Nothing around the 64 bytes is written.
  assert.ok(memory.subarray(0, 16).every((v) => v === 0xdeadbeef) && memory.subarray(32, 64).every((v) => v === 0xdeadbeef));
});

test('measure() times each task through a loop of its own, or through one shared loop where code may not be compiled', async () => {
  let calls = 0;
  const task = () => ++calls;
  for (const callSites of ['own', 'shared']) {
    calls = 0;
    const t = await measure(Bench, [['count', task]], 16, { budgetMs: 10, callSites });
    assert.ok(t.count.medianNs > 0 && calls >= t.count.callsPerSample, callSites);
  }
  // Each task's loop is compiled for it: two loops are two function
  // literals (the shared loop is one literal, whatever the number of tasks).
  const own = [loopFor('own'), loopFor('own')];
  assert.notEqual(own[0].toString(), loopFor('shared').toString());
  assert.match(own[0].toString(), /^function anonymous/);
  const before = calls;
  assert.equal(own[0](task, 3), before + 3, 'a batch returns its last result');
  const shared = [loopFor('shared'), loopFor('shared')];
  assert.equal(shared[0].toString(), shared[1].toString());
});

test('every JS baseline computes what the package computes', () => {
  const f32 = fc.float({ noDefaultInfinity: false, noNaN: false });
  const check = (kernel, input, expected, compare) => {
    for (const b of BASELINES[kernel]) compare(b, b.make(input.slice ? input.slice() : input), expected);
  };
  fc.assert(
    fc.property(fc.array(f32, { maxLength: 300 }), (values) => {
      const expected = Float32Array.from(values);
      const ok = expected.length > 0 && m.normalize(expected);
      for (const b of BASELINES.normalize) {
        if (b.note && values.some(Number.isNaN)) continue; // noted: not exact with NaN
        const mine = Float32Array.from(values);
        assert.equal(Boolean(b.make(mine)()), Boolean(ok), b.name);
        assert.deepEqual(mine, ok ? expected : Float32Array.from(values), b.name);
      }
    }),
    { numRuns: 200 },
  );
  fc.assert(
    fc.property(fc.array(fc.nat({ max: 2 ** 32 - 1 }), { maxLength: 300 }), (values) => {
      const input = Uint32Array.from(values);
      check('sum_u32', input, m.sumU32(input), (b, run, expected) => assert.equal(run(), expected, b.name));
      const filled = new Uint32Array(values.length);
      m.fillDoubles(filled);
      for (const b of BASELINES.fill_doubles) {
        const mine = new Uint32Array(values.length);
        const returned = b.make(mine)();
        assert.deepEqual(returned ?? mine, filled, b.name);
      }
    }),
    { numRuns: 200 },
  );
  // The wrap of the double accumulators: runs past 2^21 elements of 2^32 - 1.
  const big = new Uint32Array(2 ** 21 + 5).fill(2 ** 32 - 1);
  check('sum_u32', big, m.sumU32(big), (b, run, expected) => assert.equal(run(), expected, b.name));
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
      for (const fn of ['processString', 'echoSuffix', 'asciiUppercase']) {
        const expected = m[fn](s);
        for (const b of BASELINES[fn]) assert.equal(b.make(s)(), expected, `${fn}: ${b.name}`);
      }
    }),
    { numRuns: 200 },
  );
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
    [true, false, false, true, true],
  );
  // With the floors: the value each target would have at its floor.
  const floors = [
    { floor: 'max pass (f32x4.pmax)', size: 1048576, medianNs: 20 },
    { floor: 'divide pass (f32x4.div)', size: 1048576, medianNs: 60 },
  ];
  const withFloors = evaluate(rows, [1048576], floors).targets;
  assert.deepEqual(
    withFloors.map((t) => [t.atFloor, t.possible]),
    [
      [1000 / 80, true], // JS over the two passes
      [80 / 50, false], // the two passes over memcpy: 1.6 > 1.5
      [1000 / (80 + 2 * 50), false], // JS over passes + two memcpys: 5.6 < 6
      [undefined, undefined],
      [undefined, undefined],
    ],
  );
  // With the copies across the boundary timed, the copy path's floor uses them.
  const crossing = evaluate(rows, [1048576], [...floors, { floor: 'copy into wasm memory and out', size: 1048576, medianNs: 150 }]).targets;
  assert.equal(crossing[2].atFloor, 1000 / (80 + 150));
});

test('evaluate() puts each 16-element copy path over its own floor: a sum over the cheaper way in', () => {
  const rows = ['normalize', 'sum_u32', 'fill_doubles'].flatMap((kernel) => [
    { kernel, size: 16, path: 'js', medianNs: 20 },
    { kernel, size: 16, path: 'copy', medianNs: 50 },
    { kernel, size: 16, path: 'raw', medianNs: 30 },
  ]);
  // By kernel: each target's slowest path and its value at the floor.
  const floorsAt16 = (rowsUsed, floors) =>
    Object.fromEntries(
      evaluate(
        rowsUsed,
        [16],
        floors.map(([floor, medianNs]) => ({ floor, size: 16, medianNs })),
      ).targets.map((t) => [t.target.split(' ')[0], [t.target.match(/\((\w+)\)/)?.[1], t.atFloor]]),
    );
  const at16 = (floors) => Object.fromEntries(Object.entries(floorsAt16(rows, floors)).map(([kernel, [, atFloor]]) => [kernel, atFloor]));
  const base = [
    ['empty call', 5],
    ['set 64 B in, call', 30],
    ['set 64 B in, call, 64 B out', 45],
  ];
  assert.deepEqual(at16(base), { normalize: 45 / 20, sum_u32: 30 / 20, fill_doubles: 30 / 20 });
  // Arguments cheaper than a set: only the sum's floor moves.
  assert.deepEqual(at16([...base, ['16 u32 as arguments, call', 12]]), { normalize: 45 / 20, sum_u32: 12 / 20, fill_doubles: 30 / 20 });
  // Dearer: the set stays the sum's floor.
  assert.equal(at16([...base, ['16 u32 as arguments, call', 40]]).sum_u32, 30 / 20);
  // The fill made in wasm and copied out, when measured, is the fill's floor.
  assert.deepEqual(at16([...base, ['fill 16 u32 in wasm, 64 B out', 24]]), { normalize: 45 / 20, sum_u32: 30 / 20, fill_doubles: 24 / 20 });
  // Behind the checks a correct call makes, when measured, it is the floor
  // of the fill's copy path.
  assert.deepEqual(at16([...base, ['fill 16 u32 in wasm, 64 B out', 24], [CHECKED_FILL, 41]]), { normalize: 45 / 20, sum_u32: 30 / 20, fill_doubles: 41 / 20 });
  // The sum's work in wasm is the floor of a sum on data already there, when
  // that path is the slowest; the other paths keep the empty call.
  const slowRaw = rows.map((r) => (r.path === 'raw' ? { ...r, medianNs: 60 } : r));
  const rawAt16 = (floors) => floorsAt16(slowRaw, floors);
  assert.deepEqual(rawAt16(base), { normalize: ['raw', 5 / 20], sum_u32: ['raw', 5 / 20], fill_doubles: ['raw', 5 / 20] });
  assert.deepEqual(rawAt16([...base, ['sum 16 u32 in wasm memory', 8]]), {
    normalize: ['raw', 5 / 20],
    sum_u32: ['raw', 8 / 20],
    fill_doubles: ['raw', 5 / 20],
  });
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
  for (const r of rows) {
    assert.ok(r.medianNs > 0 && Number.isFinite(r.medianNs), `${r.call} ${r.face}`);
    assert.ok(Number.isInteger(r.callsPerSample) && r.callsPerSample >= 1, `${r.call} ${r.face}: ${r.callsPerSample} calls per sample`);
  }
  const [target] = faceTargets(rows);
  const at = (face) => rows.find((r) => r.call === 'sum-u32 (16)' && r.face === face).medianNs;
  assert.equal(target.value, at('raw toolkit') / at('wasm-bindgen'));
});

test('the faces target is the toolkit call over the bindgen call, and missing rows make no value', () => {
  const row = (face, medianNs) => ({ call: 'sum-u32 (16)', face, medianNs });
  const [met] = faceTargets([row('wasm-bindgen', 50), row('raw toolkit', 100), row('raw exports, data in wasm', 400)]);
  assert.deepEqual([met.value, met.met, met.limit], [2, true, 2]);
  const [missed] = faceTargets([row('wasm-bindgen', 50), row('raw toolkit', 101)]);
  assert.deepEqual([missed.value, missed.met], [101 / 50, false]);
  const [none] = faceTargets([row('raw toolkit', 100), { call: 'normalize (1024)', face: 'wasm-bindgen', medianNs: 10 }]);
  assert.deepEqual([none.value, none.met], [undefined, false]);
});
