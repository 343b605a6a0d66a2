// @ts-check
// rust-wasm-memory/inspector: a live picture of any WebAssembly.Memory,
// rendered into an element the host page gives it.
//
// It shows the memory's size in bytes and pages, the heap statistics when
// the module has them (a module built with rust-wasm-memory-kit, or any
// `heapStats()` function), a labelled map of the memory (./map.js: the
// stack with its stack pointer, the static data and the heap when the
// layout is known, every block the module's registry lists and every region
// the page marks, each with its owner, the bytes the last call wrote, and
// the memory the last growth added), a hex and ASCII dump around any
// address (click the map, or a block in the list under it), and every
// growth event. `track(label, fn)` runs one call between two snapshots, so
// it can say which bytes that call wrote, and where they are.
//
// It builds its DOM with createElement and textContent only and sets no
// inline style, so it runs under a Content-Security-Policy with no
// 'unsafe-inline'. Its look comes from `inspector.css` in this folder (link
// it, or import it through a bundler), written against its classes
// (`rwm-inspector`, `rwm-inspector-heap-map`, ...) with low specificity, so
// a page's own rules win.

import { addressAt, draw, hex, placeOf, plan } from './map.js';

export { describeModule, INSPECT_WASM_URL, layoutOf, MAX_MODULE_BYTES } from './describe.js';

const PAGE = 65536;
const ROWS = 16;

/**
 * @typedef {{ ptr: number, len: number, label?: string }} Region
 * @typedef {{ liveBytes: number, liveAllocations: number, peakLiveBytes: number, hostBlocks: number }} Stats
 * @typedef {{
 *   memory: WebAssembly.Memory | (() => WebAssembly.Memory),
 *   kit?: { memory: WebAssembly.Memory, heapStats(): Stats, handshake: { countingAllocator: boolean }, hostBlockList?(): { ptr: number, size: number }[] },
 *   heapStats?: () => Stats,
 *   layout?: import('./map.js').MemoryLayout | null,
 *   blocks?: (() => { ptr: number, size: number, owner?: string }[]) | null,
 *   idPrefix?: string,
 *   width?: number,
 *   rows?: number,
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
  /** @type {import('./map.js').MemoryLayout | null} */
  let layout = options.layout ?? null;
  const listBlocks = options.blocks ?? (kit?.hostBlockList ? () => /** @type {any} */ (kit).hostBlockList() : null);
  const width = options.width ?? 520;
  const rows = options.rows ?? 8;

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
  const regionsFact = fact('Regions', 'mem-regions');
  const heapLive = fact('Heap, live', 'heap-live');
  const heapBlocks = fact('Host blocks', 'heap-blocks');
  const lastCall = fact('Last call', 'last-call');

  const figure = el('figure', 'figure');
  const canvas = el('canvas', 'heap-map');
  canvas.width = width;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', 'Map of linear memory');
  const caption = el('figcaption', 'caption');
  /** @param {string} kind @param {string} text */
  const swatch = (kind, text) => {
    const s = document.createElement('span');
    s.className = `rwm-inspector-swatch ${kind}`;
    caption.append(' ', s, ` ${text}`);
  };
  const scale = document.createElement('span');
  caption.append(scale, ' Click the map to show its bytes below.');
  swatch('used', 'non-zero bytes,');
  swatch('host', 'host blocks (the registry),');
  swatch('live', 'regions the page holds,');
  swatch('written', 'bytes the last call wrote,');
  swatch('flash', 'memory the last growth added.');
  const blockTitle = document.createElement('h3');
  blockTitle.textContent = 'Blocks';
  const blockList = el('ul', 'blocks');
  figure.append(canvas, caption, blockTitle, blockList);

  const form = el('form', 'hex-form');
  form.noValidate = true;
  const label = document.createElement('label');
  label.textContent = 'Address (decimal or 0x…)';
  const input = el('input', 'hex-addr');
  input.autocomplete = 'off';
  input.placeholder = '0x00100000';
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
  /** The block the dump was last jumped to from the map. @type {number | null} */
  let selected = null;
  /** The memory the last growth added, and when. @type {{ from: number, to: number, at: number } | null} */
  let grown = null;
  /** @type {import('./map.js').MapPlan | null} */
  let current = null;
  let drawMs = 0;

  /** @param {string} what */
  function noteGrowth(what) {
    const pages = memory().buffer.byteLength / PAGE;
    if (pages === lastPages) return;
    const li = document.createElement('li');
    li.textContent = `${what}: ${lastPages} → ${pages} pages (${bytes(lastPages * PAGE)} → ${bytes(pages * PAGE)})`;
    growthList.prepend(li);
    if (pages > lastPages) grown = { from: lastPages * PAGE, to: pages * PAGE, at: now() };
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
      if (written.length && focus === null) focus = written[0][0];
      refresh();
      // Where each range is: a call's result on the heap, the allocator's
      // bookkeeping beside it, the glue's return slot on the stack.
      const where = written.slice(0, 4).map(([a, b]) => `${bytes(b - a)} at ${hex(a)} (${current ? placeOf(current, a) : 'memory'})`);
      if (written.length > 4) where.push(`${written.length - 4} more`);
      lastCall.textContent =
        `${what}: wrote ${bytes(total)} in ${written.length} range${written.length === 1 ? '' : 's'}` + (where.length ? `: ${where.join('; ')}` : '');
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
    input.value = hex(addr);
    dump();
  }

  /**
   * Sets the layout the map labels (see `layoutOf`), or null for none.
   * @param {import('./map.js').MemoryLayout | null} next
   */
  function setLayout(next) {
    layout = next;
    refresh();
  }

  /** The blocks to draw: the registry's, with the page's regions as owners, and the page's regions. */
  function gatherBlocks() {
    /** @type {import('./map.js').MapBlock[]} */
    const out = [];
    const marked = [...regions.entries()];
    for (const b of listBlocks?.() ?? []) {
      const owner = b.owner ?? marked.find(([, r]) => r.ptr === b.ptr)?.[0] ?? 'host block';
      out.push({ ptr: b.ptr, size: b.size, owner, kind: 'host' });
    }
    for (const [owner, r] of marked) {
      if (!out.some((b) => b.ptr === r.ptr)) out.push({ ptr: r.ptr, size: r.len, owner: r.label ?? owner, kind: 'page' });
    }
    return out.sort((a, b) => a.ptr - b.ptr);
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
    listRegions();
    dump();
  }

  function listRegions() {
    if (!current) return;
    const p = current;
    const parts = p.regions.map((r) => `${r.name} ${hex(r.start)}–${hex(r.end)} (${bytes(r.end - r.start)})`);
    if (p.regions.some((r) => r.name === 'stack') && p.stackPointer !== null) {
      parts.push(
        p.stackPointerLive
          ? `stack pointer ${hex(p.stackPointer)} (read now)`
          : `stack pointer ${hex(p.stackPointer)} (its initial value, where it rests between calls; the module does not export it)`,
      );
    }
    regionsFact.textContent = layout ? parts.join('; ') : 'not known (no layout given): the map shows the whole memory';
    // What the picture shows, for a screen reader (the block list below is
    // the keyboard's way to the blocks).
    canvas.setAttribute(
      'aria-label',
      `Map of linear memory: ${layout ? parts.join('; ') : bytes(p.detail.end)}; ${p.blocks.length} block${p.blocks.length === 1 ? '' : 's'} drawn`,
    );
    scale.textContent = `${p.detail.start === 0 ? 'The whole memory' : 'The heap'}, ${p.detail.rows} rows of ${bytes(p.detail.rowBytes)}, ${bytes(p.detail.bytesPerPixel)} per pixel.`;
    const shown = p.blocks.slice(0, 64);
    blockList.replaceChildren(
      ...shown.map((b) => {
        const li = document.createElement('li');
        const go = document.createElement('button');
        go.type = 'button';
        go.className = `rwm-inspector-block ${b.kind}`;
        go.textContent = `${hex(b.ptr)} · ${bytes(b.size)} · ${b.owner}`;
        go.addEventListener('click', () => select(b.ptr));
        li.append(go);
        return li;
      }),
    );
    if (p.blocks.length > shown.length) {
      const li = document.createElement('li');
      li.textContent = `and ${p.blocks.length - shown.length} more (click the map)`;
      blockList.append(li);
    }
    if (!p.blocks.length) {
      const li = document.createElement('li');
      li.textContent = listBlocks ? 'No host blocks or page regions are live.' : 'No page regions marked (the module lists no blocks).';
      blockList.append(li);
    }
  }

  /** Jumps the dump to the block at `ptr` and outlines it on the map. @param {number} ptr */
  function select(ptr) {
    selected = ptr;
    show(ptr);
    drawMap();
  }

  canvas.addEventListener('click', (event) => {
    if (!current) return;
    const box = canvas.getBoundingClientRect();
    const x = ((event.clientX - box.left) / box.width) * canvas.width;
    const y = ((event.clientY - box.top) / box.height) * canvas.height;
    const addr = addressAt(current, x, y);
    if (addr === null) return;
    // Within a pixel of a block counts as on it: a block can be smaller than a pixel.
    const slack = current.detail.bytesPerPixel;
    const block = current.blocks.find((b) => addr + slack > b.ptr && addr < b.ptr + Math.max(b.size, 1));
    error.textContent = '';
    if (block) select(block.ptr);
    else {
      selected = null;
      show(addr);
      drawMap();
    }
  });

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
    if (document.activeElement !== input) input.value = hex(at);
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

  const now = () => (typeof performance === 'object' ? performance.now() : Date.now());
  const reducedMotion = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
  let animating = false;

  function drawMap() {
    const started = now();
    const buffer = memory().buffer;
    const p = plan({ size: buffer.byteLength, layout, blocks: gatherBlocks(), width, rows });
    current = p;
    if (canvas.height !== p.height) canvas.height = p.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    // The memory the last growth added flashes for 1.5 s (stays marked,
    // without motion, when the reader prefers less motion).
    const age = grown ? now() - grown.at : Infinity;
    const alpha = grown ? (reducedMotion ? 1 : Math.max(0, 1 - age / 1500)) : 0;
    draw(ctx, p, { memory: buffer, written, flash: grown && { from: grown.from, to: grown.to, alpha }, selected });
    canvas.dataset.bytesPerCell = String(p.detail.bytesPerPixel);
    drawMs = now() - started;
    if (alpha > 0 && !reducedMotion && !animating && typeof requestAnimationFrame === 'function') {
      animating = true;
      requestAnimationFrame(() => {
        animating = false;
        drawMap();
      });
    }
  }

  refresh();

  return {
    track,
    refresh,
    show,
    setRegion,
    setLayout,
    /** Where the map put everything on its last draw (regions, rows, blocks), or null before the first. */
    get map() {
      return current;
    },
    /** How long the last map draw took, in milliseconds. */
    get lastDrawMs() {
      return drawMs;
    },
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
