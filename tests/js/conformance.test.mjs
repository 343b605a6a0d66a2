// conformance/vectors.json through every face that runs in Node: the
// wasm-bindgen package, the raw toolkit, the WASI command under node:wasi
// and the WIT component transpiled by jco. (Browsers: the same vectors in
// tests/js/browsers.test.mjs; Python/wasmtime: tests/python/.)
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import * as bindgen from 'rust-wasm-memory';
import * as toolkit from 'rust-wasm-memory/raw';
import { bindgenFace, rawFace, vectorCases } from '../shared/conformance-cases.mjs';
import { f32Text, parseLines, runRwm } from './support/wasi.mjs';

const vectors = JSON.parse(readFileSync(new URL('../../conformance/vectors.json', import.meta.url), 'utf8'));
const component = await import(new URL('../../target/component-js/text-processor.js', import.meta.url));

/** The component through jco: errors are ComponentError with the variant in `payload`. */
const componentFace = {
  name: 'component (jco)',
  call: (fn, args) => {
    const c = component;
    switch (fn) {
      case 'greet':
        return c.greet(args[0]);
      case 'process-text':
        return c.processText(args[0]);
      case 'echo-suffix':
        return c.echoSuffix(args[0]);
      case 'ascii-uppercase':
        return c.asciiUppercase(args[0]);
      case 'normalize-array':
        return c.normalizeArray(new Float32Array(args[0]));
      case 'normalize-peak':
        return c.normalizePeak(new Float32Array(args[0]));
      case 'sum-u32':
        return c.sumU32(new Uint32Array(args[0]));
      case 'make-number-array':
        return c.makeNumberArray(args[0]);
      case 'fill-buffer':
        return c.fillBuffer(args[0]);
      case 'add':
        return c.add(...args);
      case 'scale-and-add':
        return c.scaleAndAdd(...args);
      default:
        throw new Error(`no ${fn} in the component`);
    }
  },
  kinds: (e) => (typeof e?.payload?.tag === 'string' ? [e.payload.tag] : []),
};

/** The exit code each error kind must come with (sysexits). */
const EXIT = { 'empty-input': 65, 'zero-maximum': 65, 'non-finite-maximum': 65, 'out-of-memory': 71 };

class WasiExit extends Error {
  constructor(result) {
    super(`rwm exited ${result.code}: ${result.stderr.trim()}`);
    this.result = result;
  }
}

/** The WASI command: arguments, stdin and USER in; stdout, exit code and stderr out. */
const wasiFace = {
  name: 'WASI command (node:wasi)',
  call: async (fn, args) => {
    const enc = new TextEncoder();
    let run;
    switch (fn) {
      case 'greet':
        run = await runRwm(['greet'], { env: { USER: args[0] } });
        break;
      case 'process-text':
      case 'echo-suffix':
      case 'ascii-uppercase':
        run = await runRwm([fn], { stdin: enc.encode(args[0]) });
        break;
      case 'normalize-array':
        run = await runRwm(['normalize'], { stdin: enc.encode(args[0].map(f32Text).join(' ')) });
        break;
      case 'normalize-peak':
        run = await runRwm(['normalize-peak'], { stdin: enc.encode(args[0].map(f32Text).join(' ')) });
        break;
      case 'sum-u32':
        run = await runRwm(['sum-u32'], { stdin: enc.encode(args[0].join('\n')) });
        break;
      default:
        run = await runRwm([fn, ...args.map(String)]);
    }
    if (run.code !== 0) throw new WasiExit(run);
    if (run.stderr !== '') throw new Error(`rwm succeeded but wrote to stderr: ${run.stderr}`);
    switch (fn) {
      case 'greet': {
        if (!run.text.endsWith(' from WASI!\n')) throw new Error(`greet printed ${JSON.stringify(run.text)}`);
        return run.text.slice(0, -' from WASI!\n'.length);
      }
      case 'process-text':
      case 'echo-suffix':
      case 'ascii-uppercase':
        return run.text;
      case 'normalize-array':
      case 'normalize-peak':
      case 'make-number-array':
      case 'fill-buffer':
        return parseLines(run.text);
      default: {
        const [value, ...extra] = parseLines(run.text);
        if (extra.length) throw new Error(`expected one number, got ${run.text}`);
        return value;
      }
    }
  },
  kinds: (e) => (e instanceof WasiExit && EXIT[e.result.kind] === e.result.code ? [e.result.kind] : []),
};

const faces = [bindgenFace(bindgen), rawFace(await toolkit.loadRaw(), toolkit.Status), componentFace, wasiFace];

test('the vectors cover every function of the WIT world, with errors', () => {
  const wit = readFileSync(new URL('../../wit/text-processor.wit', import.meta.url), 'utf8');
  const exported = [...wit.matchAll(/^\s*export ([a-z0-9-]+): func/gm)].map((m) => m[1]).sort();
  const covered = [...new Set(vectors.cases.map((c) => c.fn))].sort();
  if (JSON.stringify(covered) !== JSON.stringify(exported)) throw new Error(`WIT exports ${exported}, vectors cover ${covered}`);
  const kinds = new Set(vectors.cases.filter((c) => 'err' in c).map((c) => c.err));
  for (const k of ['empty-input', 'zero-maximum', 'non-finite-maximum', 'out-of-memory']) {
    if (!kinds.has(k)) throw new Error(`no vector for the error ${k}`);
  }
});

for (const [name, fn] of vectorCases(vectors, faces)) test(name, fn);
