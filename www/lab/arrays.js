// Arrays panel: normalize, sumU32 and fillDoubles through the copy API, and
// F32Buffer.normalize on data that stays in wasm memory.
import { drawBytesElements, drawCopy } from './diagrams.js';
import { $, guarded, hex, list, parseNumbers } from './util.js';

/** @param {{ m: typeof import('rust-wasm-memory'), memory: () => WebAssembly.Memory, inspector: ReturnType<typeof import('rust-wasm-memory/inspector').createInspector> }} lab */
export function arraysPanel({ m, memory, inspector }) {
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
  /**
   * Where the copy API put the array: the address, inside the bytes the
   * call wrote, where wasm memory holds exactly the array's bytes (the
   * glue's copy, still there after the call), or null if none does.
   * @param {Float32Array | Uint32Array} values
   */
  const copiedTo = (values) => {
    const needle = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    const mem = new Uint8Array(memory().buffer);
    for (const w of inspector.written) {
      for (let a = w.start - (w.start % 4); a + needle.length <= Math.min(w.end + needle.length, mem.length); a += 4) {
        let same = needle.length > 0;
        for (let i = 0; same && i < needle.length; i++) same = mem[a + i] === needle[i];
        if (same) return a;
      }
    }
    return null;
  };
  /**
   * Both diagrams for a call on `values` at `ptr`.
   * @param {'copy' | 'zero-copy'} mode
   * @param {string} fn
   * @param {Float32Array | Uint32Array} values
   * @param {number | null} ptr
   * @param {boolean} [copyOut] whether the glue copies the array back (a `&mut` slice) or not (`&`)
   */
  const diagrams = (mode, fn, values, ptr, copyOut = true) => {
    drawCopy($('diagram-copy'), { mode, fn, values, ptr, bytesPerElement: values.BYTES_PER_ELEMENT, copyOut });
    if (ptr !== null) {
      drawBytesElements($('diagram-elements'), {
        ptr,
        len: values.length,
        size: values.BYTES_PER_ELEMENT,
        type: values instanceof Float32Array ? 'f32' : 'u32',
      });
    }
  };
  /**
   * The numbers as a Uint32Array, and what the conversion changed, in words.
   * @param {number[]} numbers
   */
  const asU32 = (numbers) => {
    const values = Uint32Array.from(numbers);
    const changed = numbers.map((v, i) => [v, values[i]]).filter(([v, u]) => v !== u);
    const how = changed.length
      ? ` A Uint32Array keeps each number's integer part modulo 2³², so ${changed
          .slice(0, 3)
          .map(([v, u]) => `${v} became ${u}`)
          .join(', ')}.`
      : '';
    return { values, how };
  };

  const actions = {
    'do-normalize': async () => {
      const values = new Float32Array(parseNumbers($('numbers').value));
      const scaled = await inspector.track('normalize (copy)', () => m.normalize(values));
      diagrams('copy', 'normalize', values, copiedTo(values));
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
      const { values, how } = asU32(parseNumbers($('numbers').value));
      const sum = await inspector.track('sumU32 (copy)', () => m.sumU32(values));
      diagrams('copy', 'sumU32', values, copiedTo(values), false);
      show(`sumU32(Uint32Array(${values.length}))`, String(sum), list(values), `The sum wraps modulo 2³², like (a + b) >>> 0.${how}`);
    },
    'do-fill': async () => {
      const values = new Uint32Array(parseNumbers($('numbers').value).length);
      await inspector.track('fillDoubles (copy)', () => m.fillDoubles(values));
      diagrams('copy', 'fillDoubles', values, copiedTo(values));
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
      diagrams('zero-copy', 'F32Buffer.normalize', buffer.view(), buffer.ptr);
      show(
        `F32Buffer.from(…).normalize() at ptr ${hex(buffer.ptr)}, ${buffer.length} elements = ${buffer.length * 4} bytes`,
        String(scaled),
        list(buffer.view()),
        'The data stays in wasm memory: view() is a Float32Array over memory.buffer, no copy. The buffer stays allocated (blue in the map) until the next run frees it.',
      );
    },
  };
  /**
   * An action whose failure also clears the results, so they never show a
   * previous call's values next to the error.
   * @param {() => Promise<void>} action
   */
  const run = (action) =>
    guarded('arrays-error', async () => {
      try {
        await action();
      } catch (e) {
        show('', '', '', '');
        throw e;
      }
    });
  for (const [id, action] of Object.entries(actions)) $(id).addEventListener('click', run(action));
  $('arrays-form').addEventListener('submit', (e) => {
    e.preventDefault();
    run(actions['do-normalize'])();
  });
  return run(actions['do-normalize']);
}
