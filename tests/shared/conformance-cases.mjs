// The conformance vectors (conformance/vectors.json) and what every face
// must do with them. Runs unchanged in Node and in browsers.
//
// A face is { name, call(fn, args), kinds(error) }:
//   call   runs one WIT-named function with decoded arguments and returns
//          the result (string, number or array-like), or throws;
//   kinds  says which WIT `text-error` cases a thrown error stands for
//          (a face with a coarser vocabulary, such as the raw status -3 for
//          both zero and non-finite maxima, lists several).
// The faces for the wasm-bindgen package and the raw toolkit are here; the
// Node-only faces (WASI, component) are in tests/js/conformance.test.mjs.
import { eq } from './check.mjs';

const F32_WORDS = { NaN: NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

/** A vector's f32 value (number or word) as the JS number of that f32. */
export function f32(value) {
  return Math.fround(typeof value === 'string' ? F32_WORDS[value] : value);
}

/** The functions whose argument and result are lists of f32. */
const F32_LISTS = new Set(['normalize-array', 'normalize-peak']);

const decodeArgs = (c) => (F32_LISTS.has(c.fn) ? [c.args[0].map(f32)] : c.args);

function show(v) {
  if (v && typeof v === 'object' && 'length' in v)
    return `[${Array.from(v)
      .map((x) => (Object.is(x, -0) ? '-0' : String(x)))
      .join(', ')}]`;
  return JSON.stringify(v);
}

/** Checks one vector against one face; throws with a readable diff if it differs. */
export async function checkCase(face, c) {
  let actual;
  let error;
  try {
    actual = await face.call(c.fn, decodeArgs(c), c);
  } catch (e) {
    error = e;
  }
  if ('err' in c) {
    if (error === undefined) throw new Error(`expected the error ${c.err}, got the result ${show(actual)}`);
    const kinds = face.kinds(error);
    if (!kinds.includes(c.err)) {
      throw new Error(`expected the error ${c.err}, got ${error?.name}: ${error?.message} (stands for: ${kinds.join(', ') || 'nothing known'})`);
    }
    return;
  }
  if (error !== undefined) throw error;
  if (F32_LISTS.has(c.fn)) {
    const got = Array.from(actual, (x) => Math.fround(x));
    eq(got, c.ok.map(f32), `${c.fn}(${show(c.args[0])})`);
  } else if (Array.isArray(c.ok)) {
    eq(Array.from(actual), c.ok, `${c.fn}(${c.args.join(', ')})`);
  } else {
    eq(actual, c.ok, `${c.fn}(${show(c.args)})`);
  }
}

/** `[name, fn]` pairs: every vector against every face. */
export function vectorCases(vectors, faces) {
  const cases = [];
  for (const face of faces) {
    for (const [i, c] of vectors.cases.entries()) {
      const label = `${face.name}: #${i} ${c.fn}(${show(c.args).slice(0, 40)})${'err' in c ? ` -> ${c.err}` : ''}`;
      cases.push([label, () => checkCase(face, c)]);
    }
  }
  return cases;
}

/** The wasm-bindgen package (`rust-wasm-memory`), already initialised. */
export function bindgenFace(m) {
  const calls = {
    greet: (name) => m.greet(name),
    'process-text': (text) => m.processString(text),
    'echo-suffix': (text) => m.echoSuffix(text),
    'ascii-uppercase': (text) => m.asciiUppercase(text),
    'normalize-array': (values) => {
      const input = new Float32Array(values);
      const result = m.normalizeArray(input);
      // The in-place `normalize` must agree, and normalizeArray must not
      // touch its input.
      eq(Array.from(input), Array.from(new Float32Array(values)), 'normalizeArray input after the call');
      const inPlace = new Float32Array(values);
      eq(m.normalize(inPlace), true, 'normalize() where normalizeArray succeeded');
      eq(inPlace, result, 'normalize() in place against normalizeArray');
      return result;
    },
    'normalize-peak': (values) => {
      // In place, like normalize(); a refusal is `false` with the array
      // unchanged. F32Buffer.normalizePeak must agree without a copy.
      const input = new Float32Array(values);
      const scaled = m.normalizePeak(input);
      const buffer = m.F32Buffer.from(new Float32Array(values));
      try {
        eq(buffer.normalizePeak(), scaled, 'F32Buffer.normalizePeak() against normalizePeak()');
        eq(buffer.view().slice(), input, 'F32Buffer.normalizePeak() in place against normalizePeak()');
      } finally {
        buffer.free();
      }
      if (!scaled) {
        eq(input, new Float32Array(values), 'array after a refused normalizePeak()');
        throw new NotScaled('normalizePeak');
      }
      return input;
    },
    'sum-u32': (values) => m.sumU32(new Uint32Array(values)),
    'make-number-array': (len) => m.makeNumberArray(len),
    'fill-buffer': (len) => {
      const bytes = new Uint8Array(len);
      m.fillBuffer(bytes);
      return bytes;
    },
    add: (a, b) => m.add(a, b),
    'scale-and-add': (x, y, f) => m.scaleAndAdd(x, y, f),
  };
  return {
    name: 'wasm-bindgen',
    call: (fn, args) => {
      if (fn === 'normalize-array') {
        // Where normalizeArray refuses, normalize() must say false and leave
        // the array as it was.
        const inPlace = new Float32Array(args[0]);
        try {
          return calls[fn](...args);
        } catch (e) {
          eq(m.normalize(inPlace), false, 'normalize() where normalizeArray refused');
          eq(inPlace, new Float32Array(args[0]), 'array after a refused normalize()');
          throw e;
        }
      }
      return calls[fn](...args);
    },
    kinds: (e) => (e instanceof NotScaled ? NotScaled.kinds : e instanceof RangeError && typeof e.kind === 'string' ? [e.kind] : []),
  };
}

/** An in-place normalizer's `false`: it says only that it refused, not why. */
class NotScaled extends Error {
  static kinds = ['empty-input', 'zero-maximum', 'non-finite-maximum'];
  constructor(fn) {
    super(`${fn} returned false`);
  }
}

/** The raw toolkit over a `RawModule`. */
export function rawFace(raw, Status, name = 'raw toolkit') {
  const calls = {
    greet: (n) => raw.greet(n),
    'process-text': (t) => raw.processString(t),
    'echo-suffix': (t) => raw.echoSuffix(t),
    'ascii-uppercase': (t) => raw.asciiUppercase(t),
    'normalize-array': (values) => raw.normalizeNumbers(new Float32Array(values)),
    'normalize-peak': (values) => raw.normalizePeak(new Float32Array(values)),
    'sum-u32': (values) => raw.sumU32(new Uint32Array(values)),
    'make-number-array': (len) => raw.makeNumberArray(len),
    'fill-buffer': (len) => raw.fillBuffer(len),
    add: (a, b) => raw.add(a, b),
    'scale-and-add': (x, y, f) => raw.scaleAndAdd(x, y, f),
  };
  // The raw ABI's status codes, as WIT error cases.
  const byStatus = new Map([
    [Status.ZERO_LENGTH, ['empty-input']],
    [Status.CANNOT_NORMALIZE, ['zero-maximum', 'non-finite-maximum']],
    [Status.OUT_OF_MEMORY, ['out-of-memory']],
  ]);
  // The first block ever handed out allocates the registry's first node,
  // which is kept for the instance's life: not a per-call cost.
  raw.greet('');
  return {
    name,
    call: (fn, args) => {
      const before = raw.heapStats();
      try {
        return calls[fn](...args);
      } finally {
        // Every call, refused or not, gives back all it allocated.
        const after = raw.heapStats();
        eq([after.liveBytes, after.hostBlocks], [before.liveBytes, before.hostBlocks], `${fn}: live bytes and host blocks after the call`);
      }
    },
    kinds: (e) => byStatus.get(e?.code) ?? [],
  };
}

/** For the browser harness: both in-page faces over the shipped vectors. */
export async function conformanceCases({ bindgen, toolkit, rawBytes }) {
  const vectors = await (await fetch('/conformance/vectors.json')).json();
  const raw = await toolkit.instantiate(await rawBytes());
  return vectorCases(vectors, [bindgenFace(bindgen), rawFace(raw, toolkit.Status)]);
}
