// `npm run inspect`'s tool, on the packaged modules: it must report what the
// modules really export and import.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const inspect = (...files) => execFileSync('cargo', ['run', '-q', '-p', 'rust-wasm-memory-inspect', '--', ...files], { cwd: root, encoding: 'utf8' });

test('raw.wasm: no imports, the tutorial signatures, one memory, data segments', () => {
  const out = inspect('pkg/raw/raw.wasm');
  assert.match(out, /^imports \(0\):$/m);
  for (const line of [
    'sum_u32: func (i32, i32) -> (i32)',
    'process_string: func (i32, i32, i32) -> (i32)',
    'echo_suffix: func (i32, i32, i32, i32) -> (i32)',
    'free_buffer: func (i32, i32) -> (i32)',
    'add: func (i32, i32) -> (i32)',
    'memory: memory',
  ])
    assert.ok(out.includes(`  ${line}\n`), line);
  assert.match(out, /^memories \(1\):\n {2}\d+ pages \(\d+ KiB\) initial/m);
  assert.match(out, /^ {2}memory 0 at 0x[0-9a-f]{8}: \d+ bytes$/m);
});

test('the wasm-bindgen build: imports from its glue, raw exports beside the idiomatic ones', () => {
  const out = inspect('pkg/glue/rust_wasm_memory_bg.wasm');
  assert.match(out, /^imports \([1-9]\d*\):$/m);
  assert.match(out, /^ {2}\.\/rust_wasm_memory_bg\.js\.__wbg_\w+: func/m);
  assert.ok(out.includes('  sum_u32: func (i32, i32) -> (i32)\n'));
  assert.ok(out.includes('  sumU32: func'));
});

test('a file that is not wasm is an error, not a crash', () => {
  assert.throws(
    () => inspect('package.json'),
    (e) => e.status === 1 && /error: package.json/.test(e.stderr),
  );
});
