// `npm run build -- --dev` (scripts/build.mjs --dev) keeps the name
// section, so a panic's stack trace names the Rust function; the release
// build strips it. The dev package is assembled in target/pkg-dev (--out),
// so the workspace's pkg/ is left alone.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The stack of the RuntimeError behind a PanicError, from a fresh Node process over the package in `dir`. */
function panicStack(dir) {
  const script = `
    const lib = ${JSON.stringify(pathToFileURL(join(dir, 'lib')).href)};
    await import(lib + '/node.js');
    const { panicProbe } = await import(lib + '/testing.js');
    try { panicProbe('named?'); } catch (e) { process.stdout.write(e.name + '\\n' + e.cause.stack); }`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

test('a --dev build names the Rust functions in a panic stack trace; the release build does not', () => {
  const dev = join(root, 'target', 'pkg-dev');
  execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs'), '--dev', '--out', dev], { cwd: root, stdio: 'pipe' });
  const named = panicStack(dev);
  assert.match(named, /^PanicError\n/);
  assert.match(named, /rust_wasm_memory::panic::panic_probe/, named);
  const stripped = panicStack(join(root, 'pkg'));
  assert.match(stripped, /^PanicError\n/);
  assert.doesNotMatch(stripped, /rust_wasm_memory::/, stripped);
  assert.match(stripped, /wasm-function\[\d+\]/);
});
