// Each cross-face fact is written once (contract/status.json from the Rust
// kit, contract/functions.json by hand); these tests fail when a copy or a
// face drifts from it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import * as bindgen from 'rust-wasm-memory';
import * as toolkit from 'rust-wasm-memory/raw';

import { bindgenFace } from '../shared/conformance-cases.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const json = (p) => JSON.parse(readFileSync(join(root, p), 'utf8'));
const status = json('contract/status.json');
const { functions, errorKinds, kitExports, kitOptionalExports, rawOnly } = json('contract/functions.json');
const wit = readFileSync(join(root, 'wit', 'text-processor.wit'), 'utf8');
const wasmExports = (p) => WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(join(root, p)))).map((e) => e.name);

test('status codes: the toolkit, the error classes and the .d.ts say what the kit says', () => {
  for (const s of status.status) {
    assert.equal(toolkit.Status[s.name], s.code, `Status.${s.name}`);
    if (s.code === 0) continue;
    const error = toolkit.errorFor(s.code, 'f');
    assert.equal(error.constructor.name, s.class, `class for ${s.code}`);
    assert.equal(toolkit[s.class], error.constructor, `${s.class} is exported`);
    assert.equal(error.message, `f: ${s.message} (status ${s.code})`, `message for ${s.code}`);
  }
  assert.equal(Object.keys(toolkit.Status).length, status.status.length, 'no status beyond the contract');
  const dts = readFileSync(join(root, 'pkg-template', 'lib', 'errors.d.ts'), 'utf8');
  const declared = Object.fromEntries(
    [
      ...dts
        .split('export declare const Status')[1]
        .split('}>')[0]
        .matchAll(/(\w+): (-?\d+)/g),
    ].map((m) => [m[1], Number(m[2])]),
  );
  assert.deepEqual(declared, Object.fromEntries(status.status.map((s) => [s.name, s.code])), 'errors.d.ts Status');
  for (const s of status.status.filter((x) => x.code !== 0))
    assert.match(dts, new RegExp(`class ${s.class} extends RawError`), `errors.d.ts declares ${s.class}`);
});

test("the README's status table lists every code with its class, and nothing else", () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const table = readme.split('### Status codes')[1].split('\n\n')[1];
  const rows = [...table.matchAll(/^\| (\S+) \| (?:`(\w+)`|—) \|/gm)].map((m) => [Number(m[1].replace('−', '-')), m[2] ?? '']);
  assert.deepEqual(
    rows,
    status.status.map((s) => [s.code, s.class]),
  );
});

test("the panic record: the layout the JS reads is the kit's", () => {
  assert.deepEqual(status.panicRecord, { lengthOffset: 0, textOffset: 4, capacity: 1024 });
  const lib = readFileSync(join(root, 'pkg-template', 'lib', 'trap.js'), 'utf8');
  assert.doesNotMatch(lib, /1024/, 'no capacity typed in the JS');
});

test("the WIT world exports exactly the functions of the table, and its error cases are the table's", () => {
  const exported = [...wit.matchAll(/export ([\w-]+): func/g)].map((m) => m[1]).sort();
  assert.deepEqual(exported, functions.map((f) => f.wit).sort());
  const variant = wit.split('variant text-error {')[1].split('}')[0];
  const cases = [...variant.matchAll(/^\s*([a-z][\w-]*)(\(|,)/gm)].map((m) => m[1]);
  assert.deepEqual(cases, errorKinds);
});

test('the package exports every bindgen name, and its module every raw export but those it gives to bindgen', () => {
  for (const f of functions) assert.equal(typeof bindgen[f.bindgen], 'function', `rust-wasm-memory exports ${f.bindgen}`);
  const pkgModule = wasmExports('pkg/glue/rust_wasm_memory_bg.wasm');
  const rawModule = wasmExports('pkg/raw/raw.wasm');
  for (const name of [...kitExports, ...kitOptionalExports, ...rawOnly, ...functions.map((f) => f.raw)]) {
    assert.ok(rawModule.includes(name), `raw.wasm exports ${name}`);
  }
  for (const f of functions.filter((x) => x.rawInPackage !== false)) assert.ok(pkgModule.includes(f.raw), `the package's module exports ${f.raw}`);
  assert.deepEqual(
    [...toolkit.REQUIRED_EXPORTS].sort(),
    [...kitExports, ...rawOnly, ...functions.filter((f) => f.rawInPackage !== false).map((f) => f.raw)].sort(),
  );
});

test('the toolkit has a method per function', () => {
  for (const f of functions) assert.equal(typeof toolkit.RawModule.prototype[f.toolkit], 'function', `RawModule#${f.toolkit}`);
});

test('the rwm command has a subcommand per function', () => {
  let usage;
  try {
    usage = execFileSync('cargo', ['run', '-q', '-p', 'rust-wasm-memory-wasi', '--bin', 'rwm', '--', 'help'], { cwd: root, encoding: 'utf8' });
  } catch (e) {
    usage = `${e.stdout}${e.stderr}`;
  }
  for (const f of functions) assert.match(usage, new RegExp(`^  ${f.wasi} `, 'm'), `rwm ${f.wasi}`);
});

test('the conformance vectors cover every function, and the test faces map exactly the table', () => {
  const vectors = json('conformance/vectors.json');
  const names = new Set(functions.map((f) => f.wit));
  for (const c of vectors.cases) assert.ok(names.has(c.fn), `vector for unknown ${c.fn}`);
  for (const n of names)
    assert.ok(
      vectors.cases.some((c) => c.fn === n),
      `no vector for ${n}`,
    );
  for (const c of vectors.cases.filter((x) => 'err' in x)) assert.ok(errorKinds.includes(c.err), `kind ${c.err}`);
  const probe = (face) => {
    const called = [];
    for (const n of names) {
      try {
        face.call(
          n,
          n === 'normalize-array' || n === 'normalize-peak' || n === 'sum-u32'
            ? [[1]]
            : n === 'add'
              ? [1, 2]
              : n === 'scale-and-add'
                ? [1, 2, 3]
                : n.includes('array') || n.includes('buffer')
                  ? [1]
                  : ['x'],
        );
        called.push(n);
      } catch (e) {
        assert.fail(`${n}: ${e.message}`);
      }
    }
    return called.sort();
  };
  assert.deepEqual(probe(bindgenFace(bindgen)), [...names].sort());
});
