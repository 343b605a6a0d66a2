// Runs the WASI command (pkg/wasi/rwm.wasm) under Node's own node:wasi, as a
// user embedding it in Node would: real files, a real preopened directory,
// stdin/stdout/stderr on real file descriptors.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import { WASI } from 'node:wasi';

// Node 20's node:wasi crashes the process (SIGSEGV) once V8 has optimised
// its WASI calls into "fast API calls": seen here after about 60-200
// instances of rwm.wasm in one process (nodejs/node#53087, #52402).
// Turning fast API calls off before any WASI call avoids it.
v8.setFlagsFromString('--no-turbo-fast-api-calls');

export const RWM_WASM = new URL('../../../pkg/wasi/rwm.wasm', import.meta.url);

let compiled;
/** rwm.wasm, compiled once per process. */
export const rwmModule = () => (compiled ??= WebAssembly.compile(readFileSync(RWM_WASM)));

/**
 * One run of `rwm ...args` from a compiled module, on the given stdin,
 * stdout and stderr file descriptors. Returns the exit code and the
 * instance (for its memory).
 */
export function startRwm(module, args, { env = {}, preopens = {}, fds }) {
  const wasi = new WASI({
    version: 'preview1',
    args: ['rwm', ...args],
    env,
    preopens,
    stdin: fds[0],
    stdout: fds[1],
    stderr: fds[2],
    returnOnExit: true,
  });
  const instance = new WebAssembly.Instance(module, wasi.getImportObject());
  return { code: wasi.start(instance), instance };
}

/**
 * Runs `rwm ...args`. `dir` is preopened as the guest's `.` (a fresh empty
 * directory when omitted). Returns the exit code, stdout and stderr (bytes
 * and text), and the size of the guest's linear memory when it exited.
 */
export async function runRwm(args, { env = {}, stdin = new Uint8Array(), dir } = {}) {
  const io = mkdtempSync(join(tmpdir(), 'rwm-io-'));
  const sandbox = dir ?? mkdtempSync(join(tmpdir(), 'rwm-sandbox-'));
  writeFileSync(join(io, 'stdin'), stdin);
  const fds = ['stdin', 'stdout', 'stderr'].map((name, i) => openSync(join(io, name), i === 0 ? 'r' : 'w'));
  try {
    const { code, instance } = startRwm(await rwmModule(), args, { env, preopens: { '.': sandbox }, fds });
    const stdout = readFileSync(join(io, 'stdout'));
    const stderr = readFileSync(join(io, 'stderr'), 'utf8');
    return {
      code,
      stdout,
      text: new TextDecoder('utf-8', { fatal: true }).decode(stdout),
      stderr,
      kind: /\(([a-z-]+)\)$/m.exec(stderr)?.[1],
      memoryBytes: instance.exports.memory.buffer.byteLength,
    };
  } finally {
    for (const fd of fds) closeSync(fd);
    rmSync(io, { recursive: true, force: true });
    if (!dir) rmSync(sandbox, { recursive: true, force: true });
  }
}

/** An f32 (as a JS number) in a form Rust's `f32::from_str` reads back exactly. */
export function f32Text(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return Object.is(x, -0) ? '-0' : String(x);
}

/** One number per line, as `rwm` prints them (`NaN`, `inf`, `-inf`, `-0` included). */
export function parseLines(text) {
  const words = { NaN: NaN, inf: Infinity, '-inf': -Infinity };
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => (l in words ? words[l] : Number(l)));
}
