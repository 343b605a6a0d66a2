// Per-call cost of each face, in Node: the same three calls (a 16-element
// u32 sum, a 5-character string transform, a 1024-element normalize)
// through the wasm-bindgen package, the raw toolkit, the bare raw exports
// on a block already in wasm memory, the component through jco, and the
// WASI command under node:wasi (one whole process run per call: instantiate,
// start, exit). Also run by bench/run.mjs; alone: node bench/faces.mjs
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as m from 'rust-wasm-memory';
import { loadRaw } from 'rust-wasm-memory/raw';
import { Bench } from 'tinybench';

// (Importing this also turns off the V8 fast API calls that crash node:wasi.)
import { rwmModule, startRwm } from '../tests/js/support/wasi.mjs';
import { fmt, measure } from './suite.mjs';

const root = new URL('..', import.meta.url);

/** One rwm run under node:wasi with stdin from a file, output discarded. */
function wasiRunner(module, dir) {
  const stdinPath = join(dir, 'stdin');
  return (args, stdin) => {
    writeFileSync(stdinPath, stdin);
    const fds = [openSync(stdinPath, 'r'), openSync('/dev/null', 'w'), openSync('/dev/null', 'w')];
    try {
      const { code } = startRwm(module, args, { fds });
      if (code !== 0) throw new Error(`rwm ${args} exited ${code}`);
    } finally {
      for (const fd of fds) closeSync(fd);
    }
  };
}

/**
 * The faces' target: the raw toolkit's declared `sumU32` of 16 elements at
 * most 2× the time of the wasm-bindgen `sumU32`, both from one run's rows.
 * @param {{ call: string, face: string, medianNs: number }[]} rows
 * @returns {{ target: string, value: number | undefined, limit: number, better: 'lower', met: boolean }[]}
 */
export function faceTargets(rows) {
  const at = (/** @type {string} */ face) => rows.find((r) => r.call === 'sum-u32 (16)' && r.face === face)?.medianNs;
  const toolkit = at('raw toolkit');
  const bindgen = at('wasm-bindgen');
  const value = toolkit !== undefined && bindgen !== undefined ? toolkit / bindgen : undefined;
  return [{ target: 'raw toolkit sumU32 (16) at most 2× the wasm-bindgen call', value, limit: 2, better: 'lower', met: value !== undefined && value <= 2 }];
}

export async function runFaces({ log = console.log, quick = false } = {}) {
  process.removeAllListeners('warning'); // node:wasi's "experimental" notice
  const raw = await loadRaw();
  const component = await import(new URL('target/component-js/text-processor.js', root));
  const rwm = await rwmModule();
  const dir = mkdtempSync(join(tmpdir(), 'rwm-bench-'));
  const runRwm = wasiRunner(rwm, dir);

  const u32 = Uint32Array.from({ length: 16 }, (_, i) => i * 3);
  const f32 = Float32Array.from({ length: 1024 }, (_, i) => (i % 97) + 1);
  const f32Text = Array.from(f32).join(' ');
  const u32Block = raw.allocArray(u32);
  const f32Block = raw.allocArray(f32);
  const text = 'hello';

  const calls = {
    'sum-u32 (16)': {
      'wasm-bindgen': () => m.sumU32(u32),
      'raw toolkit': () => raw.sumU32(u32),
      // What the toolkit's sumU32 did before its calls were declared (issue
      // #16): a block per call, copied in, summed, freed.
      'raw toolkit, a block per call (before)': () => {
        const block = raw.allocArray(Uint32Array.from(u32));
        try {
          return raw.callSum(block.ptr, 16);
        } finally {
          block.free();
        }
      },
      'raw exports, data in wasm': () => raw.exports.sum_u32(u32Block.ptr, 16),
      'component (jco)': () => component.sumU32(u32),
      'WASI command (node:wasi)': () => runRwm(['sum-u32'], Array.from(u32).join(' ')),
    },
    'process-text (5 chars)': {
      'wasm-bindgen': () => m.processString(text),
      'raw toolkit': () => raw.processString(text),
      'component (jco)': () => component.processText(text),
      'WASI command (node:wasi)': () => runRwm(['process-text'], text),
    },
    'normalize (1024)': {
      'wasm-bindgen': () => m.normalizeArray(f32),
      'raw toolkit': () => raw.normalizeNumbers(f32.slice()),
      'raw exports, data in wasm': () => raw.exports.normalize_numbers(f32Block.ptr, 1024),
      'component (jco)': () => component.normalizeArray(f32),
      'WASI command (node:wasi)': () => runRwm(['normalize'], f32Text),
    },
  };

  // An app calls several declared functions, and those of one shape share
  // code: past the first eight one-slice declarations, one lane (see
  // LANES in raw/declare.js), and for all of them the helpers the lanes
  // call. So every declared one-slice call of the raw module runs before
  // anything is timed. (With one lane shared by the three, its `sumU32`
  // took 1.2-1.5x the time of a lane of its own, in same-process runs.)
  const warm = new Float32Array(16).fill(2);
  for (let i = 0; i < 20000; i++) {
    raw.sumU32(u32);
    raw.normalizeNumbers(warm);
    raw.normalizePeak(warm);
  }

  const results = [];
  try {
    for (const [call, faces] of Object.entries(calls)) {
      // All faces of one call are timed together, in interleaved rounds
      // (bench/suite.mjs's measure), so the machine's drift cannot fall
      // between two faces that are compared.
      const timings = await measure(Bench, Object.entries(faces), 0, { budgetMs: quick ? 25 : 600 });
      for (const face of Object.keys(faces)) {
        const { medianNs, callsPerSample } = timings[face];
        results.push({ call, face, medianNs, callsPerSample });
        log(`${call.padEnd(24)} ${face.padEnd(28)} ${fmt(medianNs)}`);
      }
    }
  } finally {
    u32Block.free();
    f32Block.free();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) await runFaces();
