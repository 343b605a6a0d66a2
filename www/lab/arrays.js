// Arrays panel: normalize, sumU32 and fillDoubles through the copy API, and
// F32Buffer.normalize on data that stays in wasm memory.
import { $, guarded, list, parseNumbers, parseU32s } from './util.js';

/** @param {{ m: typeof import('rust-wasm-memory'), inspector: ReturnType<typeof import('rust-wasm-memory/inspector').createInspector> }} lab */
export function arraysPanel({ m, inspector }) {
  /** @type {import('rust-wasm-memory').F32Buffer | null} */
  let buffer = null; // the F32Buffer shown in the inspector

  /**
   * @param {string} call
   * @param {string} result
   * @param {string} after
   * @param {string} note
   */
  const show = (call, result, after, note) => {
    $('arrays-call').textContent = call;
    $('arrays-result').textContent = result;
    $('arrays-after').textContent = after;
    $('arrays-note').textContent = note;
  };

  const actions = {
    'do-normalize': async () => {
      const values = new Float32Array(parseNumbers($('numbers').value));
      const scaled = await inspector.track('normalize (copy)', () => m.normalize(values));
      show(
        `normalize(Float32Array(${values.length}))`,
        String(scaled),
        list(values),
        scaled
          ? 'Scaled: every element divided by the maximum. The array was copied into wasm memory and back.'
          : 'Left unchanged: the array is empty, its maximum is 0, or its maximum is not finite.',
      );
    },
    'do-sum': async () => {
      const values = new Uint32Array(parseU32s($('numbers').value));
      const sum = await inspector.track('sumU32 (copy)', () => m.sumU32(values));
      show(`sumU32(Uint32Array(${values.length}))`, String(sum), list(values), 'The sum wraps modulo 2³², like (a + b) >>> 0.');
    },
    'do-fill': async () => {
      const values = new Uint32Array(parseNumbers($('numbers').value).length);
      await inspector.track('fillDoubles (copy)', () => m.fillDoubles(values));
      show(`fillDoubles(Uint32Array(${values.length}))`, 'undefined', list(values), 'Element i is set to 2 × i, in place.');
    },
    'do-buffer': async () => {
      const values = new Float32Array(parseNumbers($('numbers').value));
      buffer?.free();
      buffer = null;
      inspector.setRegion('F32Buffer', null);
      const made = await inspector.track('F32Buffer.from', () => m.F32Buffer.from(values));
      buffer = made;
      inspector.setRegion('F32Buffer', { ptr: made.ptr, len: made.length * 4, label: 'F32Buffer' });
      const scaled = await inspector.track('F32Buffer.normalize (zero-copy)', () => made.normalize());
      inspector.show(buffer.ptr);
      show(
        `F32Buffer.from(…).normalize() at ptr ${buffer.ptr}, ${buffer.length} elements = ${buffer.length * 4} bytes`,
        String(scaled),
        list(buffer.view()),
        'The data stays in wasm memory: view() is a Float32Array over memory.buffer, no copy. The buffer stays allocated (blue in the map) until the next run frees it.',
      );
    },
  };
  for (const [id, action] of Object.entries(actions)) $(id).addEventListener('click', guarded('arrays-error', action));
  $('arrays-form').addEventListener('submit', (e) => {
    e.preventDefault();
    guarded('arrays-error', actions['do-normalize'])();
  });
  return guarded('arrays-error', actions['do-normalize']);
}
