// The toolkit's copies of its one-slice lane (scripts/lanes.mjs, and the
// LANES comment in pkg-template/raw/declare.js): the build writes them, the
// first declarations of a process take one each, and every copy behaves
// like the source.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { expandLanes, LANE_COPIES } from '../../scripts/lanes.mjs';

const root = new URL('../../', import.meta.url);
const template = readFileSync(new URL('pkg-template/raw/declare.js', root), 'utf8');

test('the package ships declare.js with the lane written out LANE_COPIES times', () => {
  const shipped = readFileSync(new URL('pkg/raw/declare.js', root), 'utf8');
  assert.equal(shipped, expandLanes(template));
  assert.equal(shipped.match(/^function oneSlice\d*\(/gm)?.length, LANE_COPIES);
  const list = Array.from({ length: LANE_COPIES }, (_, i) => (i === 0 ? 'oneSlice' : `oneSlice${i}`));
  assert.ok(shipped.includes(`const LANES = [${list.join(', ')}];`));
});

test('expandLanes renames each copy and its inner function, and changes nothing outside the markers', () => {
  const source = [
    'head();',
    '// lanes: begin',
    '/** oneSlice doc */',
    'function oneSlice(a) {',
    '  return function declared(values) { return oneSliceHelper(a, values); };',
    '}',
    '// lanes: end',
    'const LANES = [oneSlice];',
    'tail(oneSlice);',
    '',
  ].join('\n');
  const out = expandLanes(source, 3);
  assert.match(out, /^head\(\);\n/);
  assert.match(out, /\ntail\(oneSlice\);\n$/);
  assert.ok(out.includes('const LANES = [oneSlice, oneSlice1, oneSlice2];'));
  for (const i of [1, 2]) {
    assert.ok(out.includes(`/** oneSlice${i} doc */\nfunction oneSlice${i}(a) {\n  return function declared${i}(values)`), `copy ${i}`);
  }
  // A name that only starts with the lane's is not renamed.
  assert.equal(out.match(/oneSliceHelper/g)?.length, 3);
  assert.equal(expandLanes(source, 1), source);
});

test('expandLanes refuses a source it does not recognise instead of shipping one copy', () => {
  const good = '// lanes: begin\nfunction oneSlice() {\n  return function declared() {};\n}\n// lanes: end\nconst LANES = [oneSlice];\n';
  assert.doesNotThrow(() => expandLanes(good, 2));
  const bad = {
    'no begin marker': good.replace('// lanes: begin\n', ''),
    'no end marker': good.replace('// lanes: end\n', ''),
    'markers reversed': '// lanes: end\nfunction oneSlice() {}\n// lanes: begin\nconst LANES = [oneSlice];\n',
    'two begin markers': `// lanes: begin\n${good}`,
    'the lane renamed': good.replace('function oneSlice()', 'function lane()'),
    'no inner declared function': good.replace('function declared()', 'function inner()'),
    'no LANES list': good.replace('const LANES = [oneSlice];', 'const LANES = [];'),
  };
  for (const [what, source] of Object.entries(bad)) assert.throws(() => expandLanes(source, 2), Error, what);
  for (const copies of [0, -1, 1.5, Number.NaN]) assert.throws(() => expandLanes(good, copies), RangeError, String(copies));
});

test('in a fresh process, the first declarations take a copy each, later ones share the last, and every copy works', () => {
  // A fresh process, so no declaration of this suite has taken a copy yet.
  const script = `
    import { readFile } from 'node:fs/promises';
    import { KitModule, RAW_WASM_URL, types as t } from 'rust-wasm-memory/raw';
    const { instance } = await WebAssembly.instantiate(await readFile(new URL('raw.wasm', RAW_WASM_URL)));
    const kit = new KitModule(instance);
    const before = kit.heapStats().liveAllocations;
    const rows = [];
    for (let i = 0; i < ${LANE_COPIES + 2}; i++) {
      const sum = kit.declare('sum_u32', [t.slice(Uint32Array).named('values')], t.checked(t.u32), { name: 'sum' + i });
      const norm = kit.declare('normalize_numbers', [t.sliceMut(Float32Array)], t.status, { name: 'norm' + i });
      const big = Uint32Array.from({ length: 5000 }, (_, k) => k); // past the scratch area: a block of its own
      const values = new Float32Array([1, 2, 4]);
      norm(values);
      let refusal = null;
      try { sum('nope'); } catch (error) { refusal = error.constructor.name + ': ' + error.message; }
      let status = null;
      try { norm(new Float32Array([0, 0])); } catch (error) { status = error.constructor.name; }
      rows.push({
        lanes: [sum, norm].map((f) => /function (declared\\d*)\\(/.exec(String(f))?.[1]),
        names: [sum.name, norm.name],
        sums: [sum(new Uint32Array([1, 2, 3])), sum([4, 5]), sum(big)],
        normalized: Array.from(values),
        refusal,
        status,
      });
    }
    console.log(JSON.stringify({ rows, leaked: kit.heapStats().liveAllocations - before }));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: new URL('.', import.meta.url), encoding: 'utf8' });
  const { rows, leaked } = JSON.parse(out);
  const lane = (n) => (n === 0 ? 'declared' : `declared${Math.min(n, LANE_COPIES - 1)}`);
  const bigSum = (5000 * 4999) / 2;
  rows.forEach((row, i) => {
    assert.deepEqual(row, {
      lanes: [lane(2 * i), lane(2 * i + 1)],
      names: [`sum${i}`, `norm${i}`],
      sums: [6, 9, bigSum],
      normalized: [0.25, 0.5, 1],
      refusal: `TypeError: sum${i}: values must be a Uint32Array or an array of numbers, got string`,
      status: 'CannotNormalizeError',
    });
  });
  assert.equal(leaked, 0, 'every call freed what it allocated');
});
