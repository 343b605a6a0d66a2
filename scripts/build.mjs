#!/usr/bin/env node
// Builds the npm package into pkg/.
//
// wasm-pack runs twice over the same crate (cargo's cache makes the second
// build cheap): `--target web` gives the ES-module glue used by browsers,
// bundlers and plain pages; `--target nodejs` gives the CommonJS glue that
// Node loads synchronously. pkg-template/ supplies what turns the two into
// one package: the `exports` map, the Node ESM entry, the types and the
// README. The raw crate is built alone into raw.wasm, a module with zero
// imports, shipped with the typed host toolkit as `rust-wasm-memory/raw`.
// The WASI command (wasi/rwm.wasm) and the WIT component
// (component/text-processor.wasm, with its .wit) ship as assets; the
// component is also transpiled by jco for the Node tests.
// Finally the release .wasm sizes (raw and gzip) are printed.
//
// Usage: node scripts/build.mjs [--dev]

import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = join(root, 'pkg');
const staging = join(root, 'target', 'wasm-pack');
const profile = process.argv.includes('--dev') ? '--dev' : '--release';
const NAME = 'rust_wasm_memory';

function step(message) {
  console.log(`[build] ${message}`);
}

function wasmPack(target) {
  const outDir = join(staging, target);
  step(`wasm-pack build ${profile} --target ${target}`);
  execFileSync('wasm-pack', ['build', profile, '--target', target, '--out-dir', outDir, '--out-name', NAME, '--no-pack'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, PATH: `${join(root, 'node_modules', '.bin')}:${process.env.PATH}` },
  });
  return outDir;
}

function copy(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to, { recursive: true });
}

/** The names the CommonJS glue exports, for the Node ESM re-export list. */
function cjsExportNames(file) {
  const require = createRequire(import.meta.url);
  return Object.keys(require(file)).filter((n) => !n.startsWith('__')).sort();
}

/**
 * pkg-template/glue-guards.js with the lines that wrap every export of the
 * glue (so a trap becomes a PanicError) and export the error classes, in
 * the ES-module and the CommonJS flavour.
 */
function glueGuards(cjsGlue) {
  // A .cjs copy: the staging glue is a .js file under a "type": "module" root.
  const copyCjs = cjsGlue.replace(/\.js$/, '.cjs');
  cpSync(cjsGlue, copyCjs);
  const api = createRequire(import.meta.url)(copyCjs);
  const isClass = (v) => /^class\b/.test(Function.prototype.toString.call(v));
  const lines = Object.keys(api).filter((n) => typeof api[n] === 'function').sort().map((n) =>
    isClass(api[n]) ? `${n} = __rwmGuardClass(${n});` : `${n} = __rwmGuardTraps(${n});`);
  const errors = ['UseAfterFreeError', 'PanicError', 'StaleInstanceError'];
  const template = readFileSync(join(root, 'pkg-template', 'glue-guards.js'), 'utf8');
  lines.push('__rwmSmallPaths();');
  const esm = [...lines, `export { ${errors.join(', ')} };`].join('\n');
  const cjs = [...lines, ...Object.keys(api).filter((n) => typeof api[n] === 'function').sort().map((n) => `exports.${n} = ${n};`),
    ...errors.map((n) => `exports.${n} = ${n};`)].join('\n');
  return { esm: template.replace('/* @guard-exports */', `${esm}\n`), cjs: template.replace('/* @guard-exports */', `${cjs}\n`) };
}

function nodeEsmEntry(names) {
  const template = readFileSync(join(root, 'pkg-template', 'node', 'index.mjs'), 'utf8');
  const list = names.map((n) => `  ${n},`).join('\n');
  return template.replace('/* @exports */', `export const {\n${list}\n} = glue;`);
}

function sizes(file) {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/** The zero-import raw module: the raw crate alone, no wasm-bindgen, wasm-opt -O3. */
function rawWasm() {
  const release = profile === '--release';
  step(`cargo build -p rust-wasm-memory-raw --target wasm32-unknown-unknown${release ? ' --release' : ''}`);
  execFileSync('cargo', ['build', '-p', 'rust-wasm-memory-raw', '--target', 'wasm32-unknown-unknown', ...(release ? ['--release'] : [])], { cwd: root, stdio: 'inherit' });
  const built = join(root, 'target', 'wasm32-unknown-unknown', release ? 'release' : 'debug', 'rust_wasm_memory_raw.wasm');
  const out = join(staging, 'raw.wasm');
  mkdirSync(staging, { recursive: true });
  if (release) {
    execFileSync(join(root, 'node_modules', '.bin', 'wasm-opt'), ['-O3', '--strip-debug', '--enable-simd', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext', '--enable-mutable-globals', built, '-o', out], { stdio: 'inherit' });
  } else {
    cpSync(built, out);
  }
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(out)));
  if (imports.length) throw new Error(`raw.wasm must have zero imports, has: ${imports.map((i) => `${i.module}.${i.name}`).join(', ')}`);
  return out;
}

/** The WASI command `rwm` (wasm32-wasip1). */
function wasiCommand() {
  step('cargo build -p rust-wasm-memory-wasi --target wasm32-wasip1 --release');
  execFileSync('cargo', ['build', '-p', 'rust-wasm-memory-wasi', '--bin', 'rwm', '--target', 'wasm32-wasip1', '--release'], { cwd: root, stdio: 'inherit' });
  return join(root, 'target', 'wasm32-wasip1', 'release', 'rwm.wasm');
}

/**
 * The `demo:text/text-processor` component (wasm32-wasip2), and its jco
 * transpilation to an ES module in target/component-js/ for the Node tests
 * (it imports @bytecodealliance/preview2-shim, so it is not shipped: the
 * package ships the component itself and its WIT).
 */
function component() {
  step('cargo build -p rust-wasm-memory-component --target wasm32-wasip2 --release');
  execFileSync('cargo', ['build', '-p', 'rust-wasm-memory-component', '--target', 'wasm32-wasip2', '--release'], { cwd: root, stdio: 'inherit' });
  const built = join(root, 'target', 'wasm32-wasip2', 'release', 'rust_wasm_memory_component.wasm');
  const js = join(root, 'target', 'component-js');
  step(`jco transpile -> ${relative(root, js)}/`);
  rmSync(js, { recursive: true, force: true });
  execFileSync(join(root, 'node_modules', '.bin', 'jco'), ['transpile', built, '-o', js, '--name', 'text-processor', '--quiet'], { cwd: root, stdio: 'inherit' });
  return built;
}

const web = wasmPack('web');
const node = wasmPack('nodejs');
const raw = rawWasm();
const wasi = wasiCommand();
const textProcessor = component();

step(`assembling ${relative(root, pkg)}/`);
rmSync(pkg, { recursive: true, force: true });
mkdirSync(pkg);

copy(raw, join(pkg, 'raw', 'raw.wasm'));
for (const f of ['toolkit.js', 'index.js', 'node.js', 'index.d.ts']) copy(join(root, 'pkg-template', 'raw', f), join(pkg, 'raw', f));
copy(wasi, join(pkg, 'wasi', 'rwm.wasm'));
copy(textProcessor, join(pkg, 'component', 'text-processor.wasm'));
copy(join(root, 'wit', 'text-processor.wit'), join(pkg, 'component', 'text-processor.wit'));

for (const f of [`${NAME}.js`, `${NAME}.d.ts`, `${NAME}_bg.wasm`, `${NAME}_bg.wasm.d.ts`]) {
  copy(join(web, f), join(pkg, 'web', f));
}
if (existsSync(join(web, 'snippets'))) copy(join(web, 'snippets'), join(pkg, 'web', 'snippets'));

copy(join(node, `${NAME}.js`), join(pkg, 'node', `${NAME}.cjs`));
const guards = glueGuards(join(node, `${NAME}.js`));
appendFileSync(join(pkg, 'web', `${NAME}.js`), guards.esm);
appendFileSync(join(pkg, 'node', `${NAME}.cjs`), guards.cjs);
copy(join(node, `${NAME}.d.ts`), join(pkg, 'node', `${NAME}.d.cts`));
const guardTypes = readFileSync(join(root, 'pkg-template', 'glue-guards.d.ts'), 'utf8');
appendFileSync(join(pkg, 'web', `${NAME}.d.ts`), guardTypes);
appendFileSync(join(pkg, 'node', `${NAME}.d.cts`), guardTypes);
copy(join(node, `${NAME}_bg.wasm`), join(pkg, 'node', `${NAME}_bg.wasm`));
if (existsSync(join(node, 'snippets'))) copy(join(node, 'snippets'), join(pkg, 'node', 'snippets'));
writeFileSync(join(pkg, 'node', 'index.mjs'), nodeEsmEntry(cjsExportNames(join(pkg, 'node', `${NAME}.cjs`))));

const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
const manifest = JSON.parse(readFileSync(join(root, 'pkg-template', 'package.json'), 'utf8'));
manifest.version = version;
writeFileSync(join(pkg, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
for (const f of ['README.md', 'index.d.ts']) copy(join(root, 'pkg-template', f), join(pkg, f));
for (const f of manifest.files ?? []) {
  if (!existsSync(join(pkg, f))) throw new Error(`pkg/${f} is listed in "files" but was not built`);
}

// Link the package into the workspace's node_modules, as `npm install`
// would for a consumer, so www/ and the tests import it by name.
const link = join(root, 'node_modules', 'rust-wasm-memory');
if (existsSync(join(root, 'node_modules'))) {
  try { lstatSync(link); rmSync(link, { recursive: true, force: true }); } catch {}
  symlinkSync(relative(dirname(link), pkg), link, 'dir');
}

for (const file of [join(pkg, 'web', `${NAME}_bg.wasm`), join(pkg, 'node', `${NAME}_bg.wasm`), join(pkg, 'raw', 'raw.wasm'), join(pkg, 'wasi', 'rwm.wasm'), join(pkg, 'component', 'text-processor.wasm')]) {
  const s = sizes(file);
  step(`${relative(pkg, file)}: ${s.raw} bytes raw, ${s.gzip} bytes gzip (${(s.raw / 1024).toFixed(1)} KiB / ${(s.gzip / 1024).toFixed(1)} KiB)`);
}
