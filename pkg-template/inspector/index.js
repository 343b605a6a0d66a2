// @ts-check
// rust-wasm-memory/inspector: a live picture of any WebAssembly.Memory,
// rendered into an element the host page gives it.
//
// It shows the memory's size in bytes and pages, the heap statistics when
// the module has them (a module built with rust-wasm-memory-kit, or any
// `heapStats()` function), a map of the whole memory (one cell per run of
// bytes: written by the last tracked call, inside a region the host marked,
// non-zero, or zero), a hex and ASCII dump around any address, and every
// growth event. `track(label, fn)` runs one call between two snapshots, so
// it can say which bytes that call wrote.
//
// It builds its DOM with createElement and textContent only and sets no
// inline style, so it runs under a Content-Security-Policy with no
// 'unsafe-inline'. Its look comes from `inspector.css` in this folder (link
// it, or import it through a bundler), written against its classes
// (`rwm-inspector`, `rwm-inspector-heap-map`, ...) with low specificity, so
// a page's own rules win.

export { describeModule, INSPECT_WASM_URL, MAX_MODULE_BYTES } from './describe.js';

const PAGE = 65536;
const ROWS = 16;

/**
 * @typedef {{ ptr: number, len: number, label?: string }} Region
 * @typedef {{ liveBytes: number, liveAllocations: number, peakLiveBytes: number, hostBlocks: number }} Stats
 * @typedef {{
 *   memory: WebAssembly.Memory | (() => WebAssembly.Memory),
 *   kit?: { memory: WebAssembly.Memory, heapStats(): Stats, handshake: { countingAllocator: boolean } },
 *   heapStats?: () => Stats,
 *   idPrefix?: string,
 *   width?: number,
 *   height?: number,
 * }} Options
 */

/**
 * `1536` → `"1.5 KiB"`; exact bytes below 1 KiB.
 * @param {number} n
 */
export function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(2)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/** @param {number} n */
const hex = (n) => `0x${n.toString(16).padStart(8, '0')}`;

/**
 * Parses an address typed by a person: decimal or `0x` hex.
 * @param {string} text
 */
export function parseAddress(text) {
  const t = text.trim();
  const addr = /^0x[0-9a-f]+$/i.test(t) ? parseInt(t, 16) : /^\d+$/.test(t) ? Number(t) : NaN;
  if (Number.isNaN(addr)) throw new TypeError(`"${t}" is not an address: use decimal or 0x… hex`);
  return addr;
}

/**
 * An inspector of `options.memory`, rendered into `container` (its
 * previous content is replaced).
 * @param {HTMLElement} container
 * @param {Options} options
 */
export function createInspector(container, options) {
  if (!(container instanceof HTMLElement)) throw new TypeError('createInspector: container must be an element');
  const source = options?.memory ?? options?.kit?.memory;
  if (!(source instanceof WebAssembly.Memory) && typeof source !== 'function') {
    throw new TypeError('createInspector: options.memory must be a WebAssembly.Memory or a function returning one');
  }
  const memory = typeof source === 'function' ? source : () => source;
  const kit = options.kit;
  const heapStats = options.heapStats ?? (kit ? () => kit.heapStats() : null);
  const counted = options.heapStats !== undefined || (kit?.handshake.countingAllocator ?? false);
  const prefix = options.idPrefix;

  /**
   * An element of the inspector: class `rwm-inspector-<part>`, and an id
   * when the host asked for ids.
   * @template {keyof HTMLElementTagNameMap} K
   * @param {K} tag
   * @param {string} part
   */
  const el = (tag, part) => {
    const e = document.createElement(tag);
    e.className = `rwm-inspector-${part}`;
    if (prefix !== undefined) e.id = `${prefix}${part}`;
    return e;
  };

  // ---- the DOM ---------------------------------------------------------
  const facts = el('dl', 'facts');
  /** @param {string} label @param {string} part */
  const fact = (label, part) => {
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    const out = el('output', part);
    dd.append(out);
    facts.append(dt, dd);
    return out;
  };
  const memSize = fact('Memory', 'mem-size');
  const heapLive = fact('Heap, live', 'heap-live');
  const heapBlocks = fact('Host blocks', 'heap-blocks');
  const lastCall = fact('Last call', 'last-call');

  const figure = el('figure', 'figure');
  const canvas = el('canvas', 'heap-map');
  canvas.width = options.width ?? 360;
  canvas.height = options.height ?? 90;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'Map of linear memory');
  const caption = el('figcaption', 'caption');
  /** @param {string} kind @param {string} text */
  const swatch = (kind, text) => {
    const s = document.createElement('span');
    s.className = `rwm-inspector-swatch ${kind}`;
    caption.append(' ', s, ` ${text}`);
  };
  caption.append('Linear memory, row by row from address 0:');
  swatch('used', 'non-zero bytes,');
  swatch('live', 'regions the page holds,');
  swatch('written', 'bytes the last call wrote.');
  figure.append(canvas, caption);

  const form = el('form', 'hex-form');
  form.noValidate = true;
  const label = document.createElement('label');
  label.textContent = 'Address (decimal or 0x…)';
  const input = el('input', 'hex-addr');
  input.autocomplete = 'off';
  input.value = '0';
  // With ids, the label names the input by id; without, it wraps it (a
  // `for` attribute, even empty, would stop a wrapping label naming it).
  if (input.id) label.htmlFor = input.id;
  else label.append(input);
  const button = document.createElement('button');
  button.type = 'submit';
  button.textContent = 'Show';
  form.append(label, ...(input.id ? [input] : []), button);

  const pre = el('pre', 'hex');
  pre.setAttribute('aria-label', 'Hex and ASCII dump');
  pre.tabIndex = 0;
  const growthTitle = document.createElement('h3');
  growthTitle.textContent = 'Growth events';
  const growthList = el('ol', 'growth');
  const error = el('p', 'inspector-error');
  error.setAttribute('role', 'alert');

  const root = document.createElement('div');
  root.className = 'rwm-inspector';
  root.append(facts, figure, form, pre, growthTitle, growthList, error);
  container.replaceChildren(root);

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.textContent = '';
    try {
      show(parseAddress(input.value));
    } catch (e) {
      error.textContent = `${/** @type {Error} */ (e).name}: ${/** @type {Error} */ (e).message}`;
    }
  });

  // ---- state -----------------------------------------------------------
  /** Regions the host marked, by owner name. @type {Map<string, Region>} */
  const regions = new Map();
  /** Byte ranges [start, end) written by the last tracked call. @type {[number, number][]} */
  let written = [];
  let lastPages = memory().buffer.byteLength / PAGE;
  /** @type {number | null} */
  let focus = null;

  /** @param {string} what */
  function noteGrowth(what) {
    const pages = memory().buffer.byteLength / PAGE;
    if (pages === lastPages) return;
    const li = document.createElement('li');
    li.textContent = `${what}: ${lastPages} → ${pages} pages (${bytes(lastPages * PAGE)} → ${bytes(pages * PAGE)})`;
    growthList.prepend(li);
    lastPages = pages;
  }

  /**
   * Runs `fn` and records what it changed; returns what `fn` returned.
   * @template T
   * @param {string} what
   * @param {() => T | Promise<T>} fn
   * @returns {Promise<T>}
   */
  async function track(what, fn) {
    const before = new Uint8Array(memory().buffer).slice();
    /** @type {T | undefined} */
    let result;
    try {
      result = await fn();
    } finally {
      written = diff(before, new Uint8Array(memory().buffer));
      noteGrowth(what);
      const total = written.reduce((n, [a, b]) => n + b - a, 0);
      lastCall.textContent = `${what}: wrote ${bytes(total)} in ${written.length} range${written.length === 1 ? '' : 's'}`;
      if (written.length && focus === null) focus = written[0][0];
      refresh();
    }
    return /** @type {T} */ (result);
  }

  /**
   * Marks (or, with null, unmarks) a region of memory the host holds.
   * @param {string} owner
   * @param {Region | null} region
   */
  function setRegion(owner, region) {
    if (region) regions.set(owner, region);
    else regions.delete(owner);
    refresh();
  }

  /**
   * Shows the dump around `addr` (kept across refreshes).
   * @param {number} addr
   */
  function show(addr) {
    const size = memory().buffer.byteLength;
    if (!Number.isInteger(addr) || addr < 0 || addr >= size) {
      throw new RangeError(`address ${addr} is outside memory (0 to ${size - 1})`);
    }
    focus = addr;
    input.value = String(addr);
    dump();
  }

  /** Redraws everything from the current memory. */
  function refresh() {
    const size = memory().buffer.byteLength;
    memSize.textContent = `${bytes(size)} = ${size / PAGE} pages of 64 KiB`;
    if (heapStats) {
      const s = heapStats();
      heapLive.textContent = counted
        ? `${bytes(s.liveBytes)} in ${s.liveAllocations} allocations (peak ${bytes(s.peakLiveBytes)})`
        : 'not counted (the module does not enable the counting allocator)';
      heapBlocks.textContent = String(s.hostBlocks);
    } else {
      heapLive.textContent = 'unknown (no heap statistics)';
      heapBlocks.textContent = 'unknown';
    }
    noteGrowth('between calls');
    drawMap();
    dump();
  }

  /** @param {number} addr */
  const isWritten = (addr) => written.some(([a, b]) => addr >= a && addr < b);

  function dump() {
    pre.replaceChildren();
    if (focus === null) {
      pre.textContent = 'Run a call, or enter an address.';
      return;
    }
    const mem = new Uint8Array(memory().buffer);
    const at = focus;
    const start = Math.max(0, Math.min(at - (at % 16) - 16 * 2, mem.length - 16 * ROWS));
    for (let r = 0; r < ROWS; r++) {
      const base = start + r * 16;
      if (base >= mem.length) break;
      pre.append(`${hex(base)}  `);
      let ascii = '';
      for (let i = 0; i < 16; i++) {
        const a = base + i;
        const text = `${mem[a].toString(16).padStart(2, '0')}${i === 7 ? '  ' : ' '}`;
        ascii += mem[a] >= 0x20 && mem[a] < 0x7f ? String.fromCharCode(mem[a]) : '.';
        if (isWritten(a) || a === at) {
          const mark = document.createElement('mark');
          mark.className = a === at ? 'focus' : 'written';
          mark.textContent = text;
          pre.append(mark);
        } else {
          pre.append(text);
        }
      }
      pre.append(` |${ascii}|\n`);
    }
  }

  function drawMap() {
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const { width, height } = canvas;
    const mem = new Uint8Array(memory().buffer);
    const cells = width * height;
    const per = Math.ceil(mem.length / cells);
    const image = ctx.createImageData(width, height);
    /**
     * @param {number} cell
     * @param {[number, number, number]} rgb
     */
    const paint = (cell, [r, g, b]) => {
      const o = cell * 4;
      image.data[o] = r;
      image.data[o + 1] = g;
      image.data[o + 2] = b;
      image.data[o + 3] = 255;
    };
    for (let c = 0; c < cells; c++) {
      const from = c * per;
      const to = Math.min(from + per, mem.length);
      let used = false;
      for (let a = from; a < to && !used; a++) used = mem[a] !== 0;
      paint(c, from >= mem.length ? [255, 255, 255] : used ? [100, 116, 139] : [226, 232, 240]);
    }
    for (const { ptr, len } of regions.values()) {
      for (let c = Math.floor(ptr / per); c <= Math.floor((ptr + Math.max(len, 1) - 1) / per) && c < cells; c++) paint(c, [37, 99, 235]);
    }
    for (const [a, b] of written) {
      for (let c = Math.floor(a / per); c <= Math.floor((b - 1) / per) && c < cells; c++) paint(c, [234, 88, 12]);
    }
    ctx.putImageData(image, 0, 0);
    canvas.dataset.bytesPerCell = String(per);
  }

  refresh();

  return {
    track,
    refresh,
    show,
    setRegion,
    /** The inspector's root element. */
    element: root,
    /** Byte ranges the last tracked call wrote. */
    get written() {
      return written.map(([a, b]) => ({ start: a, end: b }));
    },
    /** The regions the host marked. */
    get regions() {
      return [...regions.entries()].map(([owner, r]) => ({ owner, ...r }));
    },
    /** Removes the inspector's DOM. */
    destroy() {
      root.remove();
    },
  };
}

/**
 * Ranges where `after` differs from `before` (or is new after growth),
 * merged when less than 8 bytes apart: one write of a struct or string
 * reads as one range even where some bytes kept their value.
 * @param {Uint8Array} before
 * @param {Uint8Array} after
 * @returns {[number, number][]}
 */
export function diff(before, after) {
  /** @type {[number, number][]} */
  const ranges = [];
  const n = after.length;
  let start = -1;
  for (let i = 0; i < n; i++) {
    const changed = i >= before.length ? after[i] !== 0 : after[i] !== before[i];
    if (changed && start < 0) start = i;
    if (!changed && start >= 0) {
      ranges.push([start, i]);
      start = -1;
    }
  }
  if (start >= 0) ranges.push([start, n]);
  /** @type {[number, number][]} */
  const merged = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] - last[1] < 8) last[1] = r[1];
    else merged.push(r);
  }
  return merged;
}
