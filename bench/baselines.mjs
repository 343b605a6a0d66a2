// The JS baselines: for every kernel, the ways a skilled developer would
// write it in plain JS. The suite times all of them in each engine and
// compares the wasm paths against the fastest one of that run, so no ratio
// rests on a slow loop. Each one returns what the package's function
// returns for the same input (tests/js/bench.test.mjs checks it with random
// inputs), except where a note says otherwise.
//
// Shape: BASELINES[kernel] is a list of { name, make, note? }, where
// `make(input)` returns the function the benchmark calls repeatedly. The
// numeric kernels work in place on `input` (a typed array the caller owns);
// the string kernels take `input` (a string) and return a new string.

const WRAP = 2 ** 32;
// A double holds every integer up to 2^53 exactly, so a sum of u32 values
// may run 2^21 elements (2^21 × 2^32 = 2^53) before it must be wrapped.
const EXACT_RUN = 2 ** 21;

/** The maximum, skipping NaN, as `f32::max` does; `-Inf` for none. */
function maxLoop(/** @type {Float32Array} */ a) {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0, n = a.length; i < n; i++) if (a[i] > max) max = a[i];
  return max;
}

/** The tutorial's rule: refuse a maximum that is not finite or is zero. */
const usable = (/** @type {number} */ max) => Number.isFinite(max) && max !== 0;

/**
 * `a[i] / max` for every element. JS divides in f64 and the store rounds to
 * f32; for division that double rounding gives the correctly rounded f32
 * quotient (53 ≥ 2 × 24 + 2 bits), so this equals wasm's `f32.div`.
 * @param {Float32Array} a
 * @param {number} max
 */
function divideLoop(a, max) {
  for (let i = 0, n = a.length; i < n; i++) a[i] /= max;
}

/** @typedef {{ name: string, make: (input: any) => () => unknown, note?: string }} Baseline */

/** @type {Record<string, Baseline[]>} */
export const BASELINES = {
  normalize: [
    {
      name: 'loop, length read each iteration',
      make: (/** @type {Float32Array} */ a) => () => {
        let max = Number.NEGATIVE_INFINITY;
        for (let i = 0; i < a.length; i++) if (a[i] > max) max = a[i];
        if (!usable(max)) return false;
        for (let i = 0; i < a.length; i++) a[i] /= max;
        return true;
      },
    },
    {
      name: 'loop, length hoisted',
      make: (/** @type {Float32Array} */ a) => () => {
        const max = maxLoop(a);
        if (!usable(max)) return false;
        divideLoop(a, max);
        return true;
      },
    },
    {
      name: 'unrolled ×4, four maxima',
      make: (/** @type {Float32Array} */ a) => () => {
        const n = a.length;
        const end = n - (n % 4);
        let m0 = Number.NEGATIVE_INFINITY;
        let m1 = m0;
        let m2 = m0;
        let m3 = m0;
        for (let i = 0; i < end; i += 4) {
          if (a[i] > m0) m0 = a[i];
          if (a[i + 1] > m1) m1 = a[i + 1];
          if (a[i + 2] > m2) m2 = a[i + 2];
          if (a[i + 3] > m3) m3 = a[i + 3];
        }
        let max = m0;
        if (m1 > max) max = m1;
        if (m2 > max) max = m2;
        if (m3 > max) max = m3;
        for (let i = end; i < n; i++) if (a[i] > max) max = a[i];
        if (!usable(max)) return false;
        for (let i = 0; i < end; i += 4) {
          a[i] /= max;
          a[i + 1] /= max;
          a[i + 2] /= max;
          a[i + 3] /= max;
        }
        for (let i = end; i < n; i++) a[i] /= max;
        return true;
      },
    },
    {
      name: 'Math.max over 4096-element chunks',
      note: 'a NaN element makes the maximum NaN (the package skips NaN), so this one is exact only for NaN-free input',
      make: (/** @type {Float32Array} */ a) => () => {
        let max = Number.NEGATIVE_INFINITY;
        for (let i = 0, n = a.length; i < n; i += 4096) max = Math.max(max, ...a.subarray(i, i + 4096));
        if (!usable(max)) return false;
        divideLoop(a, max);
        return true;
      },
    },
    {
      name: 'reduce for the maximum, loop to divide',
      make: (/** @type {Float32Array} */ a) => () => {
        // biome-ignore lint/complexity/useMathMinMax: Math.max would let a NaN element through
        const max = a.reduce((m, v) => (v > m ? v : m), Number.NEGATIVE_INFINITY);
        if (!usable(max)) return false;
        divideLoop(a, max);
        return true;
      },
    },
  ],
  sum_u32: [
    {
      name: 'loop, length read each iteration',
      make: (/** @type {Uint32Array} */ a) => () => {
        let s = 0;
        for (let i = 0; i < a.length; i++) s = (s + a[i]) >>> 0;
        return s;
      },
    },
    {
      name: 'loop, length hoisted',
      make: (/** @type {Uint32Array} */ a) => () => {
        let s = 0;
        for (let i = 0, n = a.length; i < n; i++) s = (s + a[i]) >>> 0;
        return s;
      },
    },
    {
      name: 'double accumulator, wrapped every 2^21 elements',
      make: (/** @type {Uint32Array} */ a) => () => {
        let s = 0;
        for (let start = 0, n = a.length; start < n; start += EXACT_RUN - 1) {
          const end = Math.min(n, start + EXACT_RUN - 1);
          for (let i = start; i < end; i++) s += a[i];
          s %= WRAP;
        }
        return s;
      },
    },
    {
      name: 'unrolled ×4, four double accumulators',
      make: (/** @type {Uint32Array} */ a) => () => {
        let s = 0;
        const n = a.length;
        // Each accumulator takes a quarter of a run: the four stay exact.
        for (let start = 0; start < n; start += EXACT_RUN - 4) {
          const stop = Math.min(n, start + EXACT_RUN - 4);
          const end = stop - ((stop - start) % 4);
          let s0 = 0;
          let s1 = 0;
          let s2 = 0;
          let s3 = 0;
          for (let i = start; i < end; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
          }
          for (let i = end; i < stop; i++) s0 += a[i];
          s = (s + (s0 % WRAP) + (s1 % WRAP) + (s2 % WRAP) + (s3 % WRAP)) % WRAP;
        }
        return s;
      },
    },
    {
      name: 'reduce',
      make: (/** @type {Uint32Array} */ a) => () => a.reduce((s, v) => (s + v) >>> 0, 0),
    },
  ],
  fill_doubles: [
    {
      name: 'loop, length read each iteration',
      make: (/** @type {Uint32Array} */ a) => () => {
        for (let i = 0; i < a.length; i++) a[i] = i * 2;
      },
    },
    {
      name: 'loop, length hoisted',
      make: (/** @type {Uint32Array} */ a) => () => {
        for (let i = 0, n = a.length; i < n; i++) a[i] = i * 2;
      },
    },
    {
      name: 'unrolled ×4',
      make: (/** @type {Uint32Array} */ a) => () => {
        const n = a.length;
        const end = n - (n % 4);
        for (let i = 0; i < end; i += 4) {
          a[i] = i * 2;
          a[i + 1] = i * 2 + 2;
          a[i + 2] = i * 2 + 4;
          a[i + 3] = i * 2 + 6;
        }
        for (let i = end; i < n; i++) a[i] = i * 2;
      },
    },
    {
      name: 'map into a new array',
      note: 'returns a new array instead of filling the given one',
      make: (/** @type {Uint32Array} */ a) => () => a.map((_, i) => i * 2),
    },
  ],
  processString: [
    // biome-ignore lint/style/useTemplate: `+` is one of the ways measured
    { name: '+', make: (/** @type {string} */ s) => () => flat(s + '_processed') },
    { name: 'template literal', make: (/** @type {string} */ s) => () => flat(`${s}_processed`) },
    { name: 'concat', make: (/** @type {string} */ s) => () => flat(s.concat('_processed')) },
  ],
  echoSuffix: [
    // biome-ignore lint/style/useTemplate: as above
    { name: '+', make: (/** @type {string} */ s) => () => flat(s + '_echo') },
    { name: 'template literal', make: (/** @type {string} */ s) => () => flat(`${s}_echo`) },
  ],
  asciiUppercase: [
    { name: 'regex replace', make: (/** @type {string} */ s) => () => regexUpper(s) },
    {
      name: 'toUpperCase when all ASCII, else regex',
      make: (/** @type {string} */ s) => () => (NON_ASCII.test(s) ? regexUpper(s) : s.toUpperCase()),
    },
    {
      name: 'char codes into a Uint16Array, decoded',
      make: (/** @type {string} */ s) => {
        const decoder = new TextDecoder('utf-16le');
        return () => {
          const n = s.length;
          const units = new Uint16Array(n);
          for (let i = 0; i < n; i++) {
            const c = s.charCodeAt(i);
            units[i] = c >= 97 && c <= 122 ? c - 32 : c;
          }
          return decoder.decode(units);
        };
      },
      note: 'a lone surrogate comes out as U+FFFD (the package refuses such a string)',
    },
  ],
};

const NON_ASCII = /[^\0-\x7f]/;
const regexUpper = (/** @type {string} */ s) => s.replace(/[a-z]+/g, (w) => w.toUpperCase());

/**
 * `+` on JS strings builds a rope in O(1); the flattening a consumer's
 * first read would do is forced with charCodeAt, to compare real work.
 * @param {string} x
 */
function flat(x) {
  x.charCodeAt(x.length - 1);
  return x;
}
