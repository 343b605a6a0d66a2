// The memory inspector: a live picture of the package's linear memory.
//
// `inspector.track(label, fn)` runs one lab action between two snapshots of
// memory, so it can say which bytes that call wrote and whether memory grew.
// The picture shows the size in bytes and pages, the heap statistics, a map
// of the whole memory (one cell per run of bytes: written by the last call,
// inside a live block this page holds, non-zero, or zero), a hex and ASCII
// dump around any address, and every growth event.
import { $, $of, bytes, hex } from './util.js';

const PAGE = 65536;
const ROWS = 16;

/**
 * @typedef {{ ptr: number, len: number, label?: string }} Region
 * @typedef {ReturnType<typeof createInspector>} Inspector
 */

/**
 * @param {{ memory: () => WebAssembly.Memory, heapStats: () => import('rust-wasm-memory').HeapStats }} sources
 */
export function createInspector({ memory, heapStats }) {
  /** Blocks the page holds, by owner name. @type {Map<string, Region>} */
  const regions = new Map();
  /** Byte ranges [start, end) written by the last tracked call. @type {[number, number][]} */
  let written = [];
  let lastPages = memory().buffer.byteLength / PAGE;
  /** @type {number | null} */
  let focus = null;

  const growthList = $('growth');
  /** @param {string} label */
  function noteGrowth(label) {
    const pages = memory().buffer.byteLength / PAGE;
    if (pages === lastPages) return;
    const li = document.createElement('li');
    li.textContent = `${label}: ${lastPages} → ${pages} pages (${bytes(lastPages * PAGE)} → ${bytes(pages * PAGE)})`;
    growthList.prepend(li);
    lastPages = pages;
  }

  /**
   * Runs `fn` and records what it changed; returns what `fn` returned.
   * @template T
   * @param {string} label
   * @param {() => T | Promise<T>} fn
   * @returns {Promise<T>}
   */
  async function track(label, fn) {
    const before = new Uint8Array(memory().buffer).slice();
    /** @type {T | undefined} */
    let result;
    try {
      result = await fn();
    } finally {
      const after = new Uint8Array(memory().buffer);
      written = diff(before, after);
      noteGrowth(label);
      const total = written.reduce((n, [a, b]) => n + b - a, 0);
      $('last-call').textContent = `${label}: wrote ${bytes(total)} in ${written.length} range${written.length === 1 ? '' : 's'}`;
      if (written.length && focus === null) show(written[0][0]);
      refresh();
    }
    return /** @type {T} */ (result);
  }

  /**
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
    dump();
  }

  function refresh() {
    const size = memory().buffer.byteLength;
    $('mem-size').textContent = `${bytes(size)} = ${size / PAGE} pages of 64 KiB`;
    const s = heapStats();
    $('heap-live').textContent = `${bytes(s.liveBytes)} in ${s.liveAllocations} allocations (peak ${bytes(s.peakLiveBytes)})`;
    $('heap-blocks').textContent = String(s.hostBlocks);
    noteGrowth('between calls');
    drawMap();
    dump();
  }

  /** @param {number} addr */
  function isWritten(addr) {
    return written.some(([a, b]) => addr >= a && addr < b);
  }

  function dump() {
    const pre = $('hex');
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
    const canvas = $of('heap-map', HTMLCanvasElement);
    const ctx = /** @type {CanvasRenderingContext2D} */ (canvas.getContext('2d'));
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

  return {
    track,
    refresh,
    show,
    setRegion,
    get written() {
      return written.map(([a, b]) => ({ start: a, end: b }));
    },
    get regions() {
      return [...regions.entries()].map(([owner, r]) => ({ owner, ...r }));
    },
  };
}

/**
 * Ranges where `after` differs from `before` (or is new after growth), merged when close.
 * @param {Uint8Array} before
 * @param {Uint8Array} after
 * @returns {[number, number][]}
 */
function diff(before, after) {
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
  // Merge ranges less than 8 bytes apart: one write of a struct or string
  // should read as one range even where some bytes kept their value.
  /** @type {[number, number][]} */
  const merged = [];
  for (const r of ranges) {
    const last = merged.at(-1);
    if (last && r[0] - last[1] < 8) last[1] = r[1];
    else merged.push(r);
  }
  return merged;
}
