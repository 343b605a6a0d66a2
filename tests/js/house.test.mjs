// The package wraps wasm-bindgen's output and never patches it, and uses
// only what wasm-bindgen makes public (ARCHITECTURE.md, "wasm-bindgen names
// the package relies on").
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

import * as bindgen from 'rust-wasm-memory';
import * as toolkit from 'rust-wasm-memory/raw';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = join(root, 'pkg');
const staging = join(root, 'target', 'wasm-pack', 'web');

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

test('the generated glue ships byte for byte as wasm-pack wrote it', () => {
  const glue = readdirSync(join(pkg, 'glue')).filter((f) => !f.startsWith('.'));
  assert.ok(glue.includes('rust_wasm_memory.js') && glue.includes('rust_wasm_memory_bg.wasm'), `glue files: ${glue}`);
  for (const f of glue) {
    if (statSync(join(pkg, 'glue', f)).isDirectory()) continue;
    assert.ok(readFileSync(join(pkg, 'glue', f)).equals(readFileSync(join(staging, f))), `pkg/glue/${f} differs from wasm-pack's output`);
  }
});

test('no shipped file outside the glue uses a wasm-bindgen internal name that ARCHITECTURE.md does not list', () => {
  const architecture = readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8');
  const section = architecture.split('## wasm-bindgen names the package relies on')[1]?.split('\n## ')[0];
  assert.ok(section, 'ARCHITECTURE.md has the section');
  const listed = new Set(section.match(/__wb\w+/g) ?? []);
  // lab/ is the lab's static build, a bundle that includes the glue itself.
  for (const file of files(pkg).filter((f) => !/^(glue|lab)\b/.test(relative(pkg, f)))) {
    if (/\.wasm$/.test(file)) continue;
    for (const name of readFileSync(file, 'utf8').match(/__wb\w+/g) ?? []) {
      assert.ok(listed.has(name), `${relative(pkg, file)} uses ${name}, which ARCHITECTURE.md does not list`);
    }
  }
});

test("every glue name the API layer uses is public in the glue's types or one of our own Rust exports", () => {
  const types = readFileSync(join(pkg, 'glue', 'rust_wasm_memory.d.ts'), 'utf8');
  const ours = new Set();
  for (const file of files(join(root, 'src'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/js_name = "(__\w+)"/g)) ours.add(m[1]);
  }
  const used = new Set();
  for (const file of files(join(pkg, 'lib'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bglue(?:Hidden)?\.(\w+)/g)) used.add(m[1]);
  }
  assert.ok(used.size > 10, `the layer uses the glue (${[...used]})`);
  // Bare wasm exports the layer calls (the small-array path, the panic
  // record): the memory, or our own.
  for (const file of files(join(pkg, 'lib'))) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bwasm\.(\w+)/g)) {
      assert.ok(m[1] === 'memory' || ours.has(m[1]), `lib/ calls the wasm export ${m[1]}, which is not a js_name of src/`);
    }
  }
  for (const name of used) {
    const isPublic = name === 'default' || new RegExp(`export (function|class|default function) ${name}\\b|export function ${name}\\(`).test(types);
    assert.ok(isPublic || ours.has(name), `lib/ uses glue.${name}: neither in the glue's .d.ts nor a js_name of src/`);
  }
});

test('one PanicError and one UseAfterFreeError serve the whole package', () => {
  for (const name of ['PanicError', 'UseAfterFreeError', 'StaleInstanceError']) {
    assert.equal(typeof bindgen[name], 'function', name);
    assert.equal(bindgen[name], toolkit[name], `${name} from rust-wasm-memory and rust-wasm-memory/raw`);
  }
  const viaRequire = createRequire(import.meta.url)('rust-wasm-memory/raw');
  assert.equal(viaRequire.PanicError, bindgen.PanicError, 'require() gets the same classes');
});

test('the main entry exports the API and nothing internal', () => {
  const names = Object.keys(bindgen).sort();
  assert.deepEqual(
    names.filter((n) => n.startsWith('_') || n === 'hidden' || n === 'internal'),
    [],
  );
  for (const name of ['init' /* as default */, 'initSync', 'F32Buffer', 'U32Buffer', 'heapStats', 'normalize', 'fillDoubles']) {
    assert.ok(name === 'init' ? typeof bindgen.default === 'function' : typeof bindgen[name] === 'function', name);
  }
});

test('a call before init() in the browser entry says to call init() first, then init() makes it work', async () => {
  // A copy of the package gives fresh module instances, never initialised.
  const dir = mkdtempSync(join(tmpdir(), 'rwm-uninit-'));
  try {
    for (const sub of ['lib', 'glue']) cpSync(join(pkg, sub), join(dir, sub), { recursive: true });
    const api = await import(pathToFileURL(join(dir, 'lib', 'index.js')).href);
    assert.throws(
      () => api.greet('x'),
      (e) => e instanceof Error && /greet: the module is not initialised; call `await init\(\)`/.test(e.message),
    );
    assert.throws(() => new api.F32Buffer(1), /new F32Buffer: the module is not initialised/);
    assert.throws(() => api.sumU32(new Uint32Array(2)), /sumU32: the module is not initialised/);
    await api.default({ module_or_path: readFileSync(join(dir, 'glue', 'rust_wasm_memory_bg.wasm')) });
    assert.equal(api.greet('x'), 'Hello, x');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the entry point declares exactly the values it exports, and no low-level name', () => {
  const dts = readFileSync(join(pkg, 'index.d.ts'), 'utf8');
  const declared = new Set();
  for (const block of dts.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const item of block[1]
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean)) {
      if (!item.startsWith('type ')) declared.add(item.split(/\s+as\s+/).pop());
    }
  }
  for (const m of dts.matchAll(/^export (?:default )?function (\w+)/gm)) declared.add(m[0].includes('default') ? 'default' : m[1]);
  const runtime = Object.keys(bindgen).filter((k) => k !== '__esModule');
  assert.deepEqual([...declared].sort(), runtime.sort());
  assert.ok(!runtime.some((k) => k.startsWith('__')), `no internal names: ${runtime}`);
  assert.doesNotMatch(dts.replace(/^\/\/.*$/gm, ''), /InitOutput/, 'init() does not promise the low-level exports');
});
