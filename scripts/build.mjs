#!/usr/bin/env node
// Builds the npm package into pkg/.
//
// wasm-pack builds the root crate once, `--target web`: its ES-module glue
// serves browsers, bundlers and Node alike, and is copied into pkg/glue/
// unmodified (a test checks the bytes). pkg-template/ supplies everything
// else, hand-written: the API layer that wraps the glue (lib/), the
// `exports` map, the types and the README; contract/status.json becomes
// lib/contract.js, and raw/declare.js gets copies of its declared-call
// lane (scripts/lanes.mjs). Nothing here edits a generated file. The raw
// crate is built alone into raw.wasm, a module with zero imports, shipped
// with the typed host toolkit as `rust-wasm-memory/raw`.
// The WASI command (wasi/rwm.wasm) and the WIT component
// (component/text-processor.wasm, with its .wit) ship as assets; the
// component is also transpiled by jco for the Node tests.
// Finally the release .wasm sizes (raw and gzip) are printed.
//
// The build is incremental: a hash of every input (the sources, the
// templates, the lock files, this script, the profile) is kept in
// pkg/.build-stamp, and a build whose inputs have not changed does nothing.
// The package is assembled beside its destination and moved into place
// with two renames, so pkg/ is never left half-built.
//
// Usage: node scripts/build.mjs [--dev] [--force] [--out DIR]
//   --dev    debug build: no wasm-opt, and the name section is kept, so a
//            panic's stack trace names the Rust functions
//   --force  build even if the inputs have not changed
//   --out    assemble the package in DIR instead of pkg/ (then the
//            workspace's node_modules link, the example crate and the jco
//            transpilation for the tests are left alone)

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { expandLanes } from './lanes.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const outArg = argv.includes('--out') ? argv[argv.indexOf('--out') + 1] : undefined;
if (argv.includes('--out') && !outArg) throw new Error('--out needs a directory');
const pkg = outArg ? resolve(outArg) : join(root, 'pkg');
/** Whether this is the workspace's own package (tests and the lab use it). */
const workspacePkg = pkg === join(root, 'pkg');
const profile = argv.includes('--dev') ? '--dev' : '--release';
const staging = join(root, 'target', profile === '--dev' ? 'wasm-pack-dev' : 'wasm-pack');
const NAME = 'rust_wasm_memory';
/** What wasm-pack generates and the package ships unmodified. */
const GLUE_FILES = [`${NAME}.js`, `${NAME}.d.ts`, `${NAME}_bg.wasm`, `${NAME}_bg.wasm.d.ts`];

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

function sizes(file) {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}

/**
 * A zero-import module built with the kit, no wasm-bindgen, wasm-opt -O3:
 * `cargo build <args>` for wasm32-unknown-unknown, `built` the artefact under
 * `targetDir`, written to `out`.
 * @param {string} name for messages
 * @param {string[]} args
 * @param {string} targetDir
 * @param {string} built the file name cargo writes
 * @param {string} out
 */
function kitWasm(name, args, targetDir, built, out) {
  const release = profile === '--release';
  const cargoArgs = ['build', ...args, '--target', 'wasm32-unknown-unknown', ...(release ? ['--release'] : [])];
  step(`cargo ${cargoArgs.join(' ')}`);
  execFileSync('cargo', cargoArgs, { cwd: root, stdio: 'inherit' });
  built = join(targetDir, 'wasm32-unknown-unknown', release ? 'release' : 'debug', built);
  mkdirSync(dirname(out), { recursive: true });
  if (release) {
    execFileSync(
      join(root, 'node_modules', '.bin', 'wasm-opt'),
      [
        '-O3',
        '--strip-debug',
        '--enable-simd',
        '--enable-bulk-memory',
        '--enable-nontrapping-float-to-int',
        '--enable-sign-ext',
        '--enable-mutable-globals',
        built,
        '-o',
        out,
      ],
      { stdio: 'inherit' },
    );
  } else {
    cpSync(built, out);
  }
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(out)));
  if (imports.length) throw new Error(`${name} must have zero imports, has: ${imports.map((i) => `${i.module}.${i.name}`).join(', ')}`);
  return out;
}

/** The zero-import raw module: the raw crate alone. */
function rawWasm() {
  return kitWasm('raw.wasm', ['-p', 'rust-wasm-memory-raw'], join(root, 'target'), 'rust_wasm_memory_raw.wasm', join(staging, 'raw.wasm'));
}

/** The lab's in-page module reader: crates/inspect's library built with the kit. */
function inspectWasm() {
  return kitWasm(
    'inspect.wasm',
    ['-p', 'rust-wasm-memory-inspect', '--lib'],
    join(root, 'target'),
    'rust_wasm_memory_inspect.wasm',
    join(staging, 'inspect.wasm'),
  );
}

/**
 * The worked example, a user's crate outside the workspace
 * (examples/histogram), into examples/histogram/dist/ for its tests and page.
 */
function histogramExample() {
  const dir = join(root, 'examples', 'histogram');
  return kitWasm('histogram.wasm', ['--manifest-path', join(dir, 'Cargo.toml')], join(dir, 'target'), 'histogram.wasm', join(dir, 'dist', 'histogram.wasm'));
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
  if (!workspacePkg) return built;
  const js = join(root, 'target', 'component-js');
  step(`jco transpile -> ${relative(root, js)}/`);
  rmSync(js, { recursive: true, force: true });
  execFileSync(join(root, 'node_modules', '.bin', 'jco'), ['transpile', built, '-o', js, '--name', 'text-processor', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
  return built;
}

// ---- incremental: nothing to do when no input changed ----------------------

/** Every file under `dir`, skipping build output and dependencies. */
function inputs(dir) {
  if (!existsSync(dir)) return [];
  if (!lstatSync(dir).isDirectory()) return [dir];
  return readdirSync(dir)
    .filter((name) => !['target', 'node_modules', 'dist', '.git'].includes(name))
    .sort()
    .flatMap((name) => inputs(join(dir, name)));
}

const INPUTS = [
  'www',
  'bench/suite.mjs',
  'bench/baselines.mjs',
  'package-lock.json',
  'src',
  'crates',
  'examples/histogram/src',
  'examples/histogram/Cargo.toml',
  'examples/histogram/Cargo.lock',
  'pkg-template',
  'contract',
  'wit',
  'Cargo.toml',
  'Cargo.lock',
  '.cargo',
  'rust-toolchain.toml',
  'CHANGELOG.md',
  'LICENSE-MIT',
  'LICENSE-APACHE',
  'scripts/build.mjs',
  'scripts/lanes.mjs',
];
const hash = createHash('sha256').update(`${profile}\n${process.version}\n`);
for (const file of INPUTS.flatMap((p) => inputs(join(root, p)))) hash.update(`${relative(root, file)}\n`).update(readFileSync(file));
const stamp = hash.digest('hex');
const stampFile = join(pkg, '.build-stamp');
const extras = workspacePkg ? [join(root, 'examples', 'histogram', 'dist', 'histogram.wasm'), join(root, 'target', 'component-js')] : [];
if (!argv.includes('--force') && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp && extras.every((f) => existsSync(f))) {
  step(`${relative(root, pkg) || pkg}/ is up to date (no input changed; --force to rebuild)`);
  linkIntoWorkspace();
  process.exit(0);
}

const web = wasmPack('web');
const raw = rawWasm();
const histogram = workspacePkg ? histogramExample() : null;
const inspectModule = inspectWasm();
const wasi = wasiCommand();
const textProcessor = component();

// Assembled beside its destination, then moved into place (below).
const final = pkg;
const building = `${final}.building`;
step(`assembling ${relative(root, final) || final}/`);
rmSync(building, { recursive: true, force: true });
mkdirSync(building, { recursive: true });
{
  const pkg = building;

  // The generated glue, as wasm-pack wrote it.
  for (const f of GLUE_FILES) copy(join(web, f), join(pkg, 'glue', f));
  if (existsSync(join(web, 'snippets'))) copy(join(web, 'snippets'), join(pkg, 'glue', 'snippets'));

  // The hand-written layer, and the contract it reads.
  copy(join(root, 'pkg-template', 'lib'), join(pkg, 'lib'));
  const contract = {
    ...JSON.parse(readFileSync(join(root, 'contract', 'status.json'), 'utf8')),
    ...JSON.parse(readFileSync(join(root, 'contract', 'functions.json'), 'utf8')),
  };
  delete contract.about;
  writeFileSync(
    join(pkg, 'lib', 'contract.js'),
    `// contract/status.json (written from the Rust kit) and contract/functions.json,\n// copied by scripts/build.mjs.\nexport default ${JSON.stringify(contract, null, 2)};\n`,
  );

  copy(raw, join(pkg, 'raw', 'raw.wasm'));
  copy(join(root, 'pkg-template', 'raw'), join(pkg, 'raw'));
  // The declared-call lane, written out once per early declaration (see
  // scripts/lanes.mjs).
  writeFileSync(join(pkg, 'raw', 'declare.js'), expandLanes(readFileSync(join(root, 'pkg-template', 'raw', 'declare.js'), 'utf8')));
  copy(join(root, 'pkg-template', 'inspector'), join(pkg, 'inspector'));
  copy(join(root, 'pkg-template', 'bin'), join(pkg, 'bin'));
  copy(inspectModule, join(pkg, 'inspector', 'inspect.wasm'));
  copy(wasi, join(pkg, 'wasi', 'rwm.wasm'));
  copy(textProcessor, join(pkg, 'component', 'text-processor.wasm'));
  copy(join(root, 'wit', 'text-processor.wit'), join(pkg, 'component', 'text-processor.wit'));

  const version = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
  const manifest = JSON.parse(readFileSync(join(root, 'pkg-template', 'package.json'), 'utf8'));
  manifest.version = version;
  writeFileSync(join(pkg, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const f of ['README.md', 'index.d.ts', 'index.d.cts', 'testing.d.ts', 'testing.d.cts']) copy(join(root, 'pkg-template', f), join(pkg, f));
  for (const f of ['CHANGELOG.md', 'LICENSE-MIT', 'LICENSE-APACHE']) copy(join(root, f), join(pkg, f));
  // The memory lab, built statically into the package (lab/, served by
  // bin/lab.mjs), so npm users can open it without Rust. Vite resolves
  // `rust-wasm-memory` through the workspace link, pointed at this new
  // package while it builds.
  if (workspacePkg) {
    linkIntoWorkspace(pkg);
    step('vite build www/ -> lab/');
    const { build } = await import('vite');
    await build({
      configFile: join(root, 'www', 'vite.config.js'),
      logLevel: 'warn',
      publicDir: false,
      build: { outDir: join(pkg, 'lab'), emptyOutDir: true },
    });
  }
  // (A package built with --out has no lab/: its build needs the workspace link.)
  for (const f of manifest.files ?? []) {
    if (!existsSync(join(pkg, f)) && (workspacePkg || f !== 'lab')) throw new Error(`${f} is listed in "files" but was not built`);
  }
  writeFileSync(join(pkg, '.build-stamp'), stamp);
}

// Into place: the old package aside, the new one in, the old one deleted.
const old = `${final}.old`;
rmSync(old, { recursive: true, force: true });
if (existsSync(final)) renameSync(final, old);
renameSync(building, final);
rmSync(old, { recursive: true, force: true });
linkIntoWorkspace();

/**
 * Links the package into the workspace's node_modules, as `npm install`
 * would for a consumer, so www/ and the tests import it by name.
 */
function linkIntoWorkspace(target = pkg) {
  const link = join(root, 'node_modules', 'rust-wasm-memory');
  if (!workspacePkg || !existsSync(join(root, 'node_modules'))) return;
  try {
    lstatSync(link);
    rmSync(link, { recursive: true, force: true });
  } catch {}
  symlinkSync(relative(dirname(link), target), link, 'dir');
}

for (const file of [
  join(pkg, 'glue', `${NAME}_bg.wasm`),
  join(pkg, 'raw', 'raw.wasm'),
  join(pkg, 'inspector', 'inspect.wasm'),
  ...(histogram ? [histogram] : []),
  join(pkg, 'wasi', 'rwm.wasm'),
  join(pkg, 'component', 'text-processor.wasm'),
]) {
  const s = sizes(file);
  step(
    `${relative(file.startsWith(pkg) ? pkg : root, file)}: ${s.raw} bytes raw, ${s.gzip} bytes gzip (${(s.raw / 1024).toFixed(1)} KiB / ${(s.gzip / 1024).toFixed(1)} KiB)`,
  );
}
