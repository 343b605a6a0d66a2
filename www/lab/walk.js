// The raw C ABI, one call per click: alloc → write → call → read → free,
// with each pointer (always bytes) and length (elements of the type the
// function reads) in a table, and every byte written shown by the inspector.
import { errorFor } from 'rust-wasm-memory/raw';
import { drawOutParam } from './diagrams.js';
import { $, guarded, hex, list, parseU32s, row } from './util.js';

/**
 * What the walk has made so far: the values, and the addresses (bytes) and
 * lengths of its blocks.
 * @typedef {{ values: number[], p: number, s: number, sLen: number, meta: number, r: number, rLen: number, leaked: boolean, freed: boolean }} WalkState
 */

/**
 * @param {{ raw: import('rust-wasm-memory/raw').RawModule, inspector: ReturnType<typeof import('rust-wasm-memory/inspector').createInspector> }} lab
 */
export function walkPanel({ raw, inspector }) {
  const x = raw.exports;
  const encoder = new TextEncoder();
  /** @returns {WalkState} nothing made yet (0: no block) */
  const fresh = () => ({ values: [], p: 0, s: 0, sLen: 0, meta: 0, r: 0, rLen: 0, leaked: false, freed: false });
  let state = fresh();
  let index = 0;
  let started = false;

  /** A non-zero status becomes the toolkit's typed error, named after the export. */
  /**
   * @param {number} status
   * @param {string} fn
   */
  const check = (status, fn) => {
    if (status !== 0) throw errorFor(status, fn);
    return status;
  };

  const steps = [
    {
      title: 'alloc(n × 4, 4): room for n u32 values',
      run() {
        const values = parseU32s($('walk-values').value);
        if (!values.length) throw new RangeError('enter at least one u32 value');
        state.values = values;
        state.p = x.alloc(values.length * 4, 4);
        if (state.p === 0) throw errorFor(x.last_status(), 'alloc');
        inspector.setRegion('walk:values', { ptr: state.p, len: values.length * 4 });
        return [`alloc(${values.length * 4}, 4)`, hex(state.p), `${values.length * 4} bytes`, `ptr ${hex(state.p)} (${state.p} in decimal)`];
      },
    },
    {
      title: 'write the values into the block (JS writes wasm memory directly)',
      run() {
        raw.view(Uint32Array, state.p, state.values.length).write(state.values);
        return [
          'view(Uint32Array, p, n).write(values)',
          hex(state.p),
          `${state.values.length} elements (${state.values.length * 4} bytes)`,
          list(state.values),
        ];
      },
    },
    {
      title: 'sum_u32(p, n): the length counts elements, not bytes',
      run() {
        const n = state.values.length;
        const sum = x.sum_u32(state.p, n) >>> 0;
        check(x.last_status(), 'sum_u32');
        return [`sum_u32(${hex(state.p)}, ${n})`, hex(state.p), `${n} elements`, `${sum}`];
      },
    },
    {
      title: 'alloc + write the text as UTF-8: for bytes, elements are bytes',
      run() {
        const utf8 = encoder.encode($('walk-text').value);
        state.s = x.alloc(utf8.length, 1);
        if (state.s === 0) throw errorFor(x.last_status(), 'alloc');
        state.sLen = utf8.length;
        raw.view(Uint8Array, state.s, utf8.length).write(utf8);
        inspector.setRegion('walk:text', { ptr: state.s, len: utf8.length });
        return [`alloc(${utf8.length}, 1) + write`, hex(state.s), `${utf8.length} bytes`, `${$('walk-text').value.length} UTF-16 units in JS`];
      },
    },
    {
      title: 'alloc(8, 4): the out-param, where Rust writes the result {ptr, len}',
      run() {
        state.meta = x.alloc(8, 4);
        if (state.meta === 0) throw errorFor(x.last_status(), 'alloc');
        inspector.setRegion('walk:out', { ptr: state.meta, len: 8 });
        return ['alloc(8, 4)', hex(state.meta), '8 bytes = 2 × u32', 'zeroed'];
      },
    },
    {
      title: 'process_string(s, len, out): status 0, result written through the out-param',
      run() {
        const status = check(x.process_string(state.s, state.sLen, state.meta), 'process_string');
        const [ptr, len] = raw.view(Uint32Array, state.meta, 2).toArray();
        state.r = ptr;
        state.rLen = len;
        inspector.setRegion('walk:result', { ptr, len });
        inspector.show(state.meta);
        drawOutParam($('diagram-out'), { meta: state.meta, ptr, len, bytes: raw.view(Uint8Array, ptr, len).toArray(), text: raw.readString(ptr, len) });
        return [
          `process_string(${hex(state.s)}, ${state.sLen}, ${hex(state.meta)})`,
          hex(state.meta),
          `out = {ptr: ${hex(ptr)}, len: ${len}}`,
          `status ${status}`,
        ];
      },
    },
    {
      title: 'read the result: decode len bytes at ptr',
      run() {
        const text = raw.readString(state.r, state.rLen);
        inspector.show(state.r);
        return [`readString(${hex(state.r)}, ${state.rLen})`, hex(state.r), `${state.rLen} bytes`, JSON.stringify(text)];
      },
    },
    {
      title: 'free everything: the result, the text, the out-param, the values (or skip it and leak)',
      run() {
        if ($('walk-leak').checked) {
          state.leaked = true;
          return ['(frees skipped)', '—', `${state.rLen + state.sLen + 8 + state.values.length * 4} bytes leaked`, 'live bytes stay up'];
        }
        const statuses = freeAll().map((status, i) => check(status, i ? 'dealloc' : 'free_buffer'));
        return [`free_buffer(${hex(state.r)}, ${state.rLen}); dealloc × 3`, '—', '4 blocks', `statuses ${statuses.join(', ')}`];
      },
    },
  ];

  /** The inspector regions of the walk's blocks. */
  const OWNERS = ['walk:values', 'walk:text', 'walk:out', 'walk:result'];

  /**
   * Gives back every block the walk has made so far: the result, the text,
   * the out-param, the values. Returns the statuses of the calls made.
   */
  function freeAll() {
    const statuses = [];
    if (state.r) statuses.push(x.free_buffer(state.r, state.rLen));
    if (state.s) statuses.push(x.dealloc(state.s, state.sLen, 1));
    if (state.meta) statuses.push(x.dealloc(state.meta, 8, 4));
    if (state.p) statuses.push(x.dealloc(state.p, state.values.length * 4, 4));
    state.freed = true;
    for (const owner of OWNERS) inspector.setRegion(owner, null);
    return statuses;
  }

  const ol = $('walk-steps');
  for (const step of steps) {
    const li = document.createElement('li');
    li.textContent = step.title;
    ol.append(li);
  }
  const next = $('walk-next');

  function reset() {
    // Blocks of an unfinished walk are given back, unless they were leaked on purpose.
    if (started && !state.leaked && !state.freed) freeAll();
    started = true;
    for (const owner of OWNERS) inspector.setRegion(owner, null);
    state = fresh();
    index = 0;
    $('walk-log').replaceChildren();
    for (const li of ol.children) li.removeAttribute('aria-current');
    ol.children[0].setAttribute('aria-current', 'step');
    next.textContent = 'Run step 1';
    next.disabled = false;
  }

  next.addEventListener(
    'click',
    guarded('walk-error', async () => {
      const step = steps[index];
      const cells = await inspector.track(`step ${index + 1}`, () => step.run());
      row($('walk-log'), [String(index + 1), ...cells]);
      ol.children[index].removeAttribute('aria-current');
      ol.children[index].classList.add('done');
      index += 1;
      if (index < steps.length) {
        ol.children[index].setAttribute('aria-current', 'step');
        next.textContent = `Run step ${index + 1}`;
      } else {
        next.textContent = 'Done';
        next.disabled = true;
        $('walk-reset').focus();
      }
    }),
  );
  $('walk-reset').addEventListener(
    'click',
    guarded('walk-error', () => {
      reset();
      for (const li of ol.children) li.classList.remove('done');
      inspector.refresh();
    }),
  );
  reset();
}
