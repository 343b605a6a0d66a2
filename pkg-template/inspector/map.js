// @ts-check
// The inspector's memory map: a labelled picture of one linear memory.
//
// The top strip shows the regions in address order, each given a fixed
// share of the width rather than its share of the bytes (a Rust module's
// stack is 1 MiB of mostly zeros; its heap is where things happen): the
// stack, with its stack pointer; the static data; the heap. Under it, the
// heap (or, when the layout is unknown, the whole memory) is drawn row by
// row at a uniform scale, with the start address of each row in the gutter,
// every block a source names drawn in place in its owner's colour, the
// bytes the last call wrote on top, and memory added by the last growth
// flashing. `plan()` computes where everything goes, with no drawing, so a
// test (or a screen reader's list) can read the same numbers the picture
// shows.

/**
 * @typedef {{ start: number, end: number }} Range
 * @typedef {{ data?: Range | null, stack?: Range | null, heapBase?: number | null, stackPointer?: (() => number | null) | null }} MemoryLayout
 * @typedef {{ ptr: number, size: number, owner: string, kind: 'host' | 'page' }} MapBlock
 * @typedef {{ name: 'stack' | 'static' | 'heap' | 'memory', start: number, end: number, x: number, width: number }} MapRegion
 * @typedef {{
 *   width: number, height: number, strip: { y: number, height: number },
 *   regions: MapRegion[], stackPointer: number | null, stackPointerLive: boolean,
 *   detail: { start: number, end: number, rows: number, y: number, rowHeight: number, gutter: number, columns: number, bytesPerPixel: number, rowBytes: number },
 *   blocks: (MapBlock & { cells: { row: number, x: number, width: number }[] })[],
 * }} MapPlan
 */

export const COLORS = {
  stack: [219, 234, 254],
  static: [237, 233, 254],
  heap: [220, 252, 231],
  memory: [241, 245, 249],
  used: [100, 116, 139],
  host: [13, 148, 136],
  page: [37, 99, 235],
  written: [234, 88, 12],
  flash: [250, 204, 21],
  selected: [17, 24, 39],
};

/** @param {number} n */
export const hex = (n) => `0x${n.toString(16).padStart(8, '0')}`;

const STRIP = { y: 16, height: 22 };
// What a pixel of the rows shows, in paint order.
const ZERO = 1;
const USED = 2;
const HOST = 3;
const PAGE = 4;
const WRITTEN = 5;
const DETAIL_Y = 72;
const GUTTER = 74;
const ROW_HEIGHT = 14;

/**
 * Where each part of the map goes for a memory of `size` bytes.
 * @param {{ size: number, layout: MemoryLayout | null, blocks: MapBlock[], width: number, rows: number }} input
 * @returns {MapPlan}
 */
export function plan({ size, layout, blocks, width, rows }) {
  const clamp = (/** @type {number} */ v) => Math.max(0, Math.min(size, v));
  /** @type {{ name: MapRegion['name'], start: number, end: number, share: number }[]} */
  const parts = [];
  const stack = layout?.stack;
  const data = layout?.data;
  const heapBase = layout?.heapBase ?? null;
  if (stack && stack.end > stack.start) parts.push({ name: 'stack', start: clamp(stack.start), end: clamp(stack.end), share: 0.17 });
  if (data && data.end > data.start) parts.push({ name: 'static', start: clamp(data.start), end: clamp(Math.max(data.end, heapBase ?? 0)), share: 0.17 });
  if (heapBase !== null && heapBase < size) parts.push({ name: 'heap', start: clamp(heapBase), end: size, share: 0 });
  parts.sort((a, b) => a.start - b.start);
  // Each region runs to the next one's start, so the strip has no holes.
  for (let i = 0; i + 1 < parts.length; i++) parts[i].end = Math.max(parts[i].end, parts[i + 1].start);
  if (!parts.length) parts.push({ name: 'memory', start: 0, end: size, share: 0 });
  if (parts[0].start > 0) parts[0].start = 0;
  const fixed = parts.reduce((n, p) => n + p.share, 0);
  const flexible = parts.filter((p) => p.share === 0).length;
  let x = 0;
  /** @type {MapRegion[]} */
  const regions = parts.map((p, i) => {
    const share = p.share || (1 - fixed) / Math.max(flexible, 1);
    const w = i === parts.length - 1 ? width - x : Math.round(share * width);
    const region = { name: p.name, start: p.start, end: p.end, x, width: w };
    x += w;
    return region;
  });
  const heap = regions.find((r) => r.name === 'heap') ?? regions.find((r) => r.name === 'memory') ?? { start: 0, end: size };
  const columns = width - GUTTER;
  const span = Math.max(heap.end - heap.start, 1);
  const bytesPerPixel = Math.max(1, Math.ceil(span / (rows * columns)));
  const rowBytes = bytesPerPixel * columns;
  const usedRows = Math.max(1, Math.min(rows, Math.ceil(span / rowBytes)));
  const detail = { start: heap.start, end: heap.end, rows: usedRows, y: DETAIL_Y, rowHeight: ROW_HEIGHT, gutter: GUTTER, columns, bytesPerPixel, rowBytes };
  /** @type {MapPlan['blocks']} */
  const placed = [];
  for (const b of blocks) {
    if (b.ptr + Math.max(b.size, 1) > detail.start && b.ptr < detail.end) placed.push(new Placed(b, detail));
  }
  // The live stack pointer where the module exports it; else where it
  // rests between calls, the top of the stack.
  let live = null;
  try {
    live = layout?.stackPointer?.() ?? null;
  } catch {
    live = null;
  }
  const stackPointer = live ?? stack?.end ?? null;
  return {
    width,
    height: DETAIL_Y + usedRows * ROW_HEIGHT + 2,
    strip: STRIP,
    regions,
    stackPointer,
    stackPointerLive: live !== null,
    detail,
    blocks: placed,
  };
}

/**
 * A block on the map. Its cells are computed when asked for (a click, the
 * selected outline, a test): drawing marks its bytes without them.
 */
class Placed {
  #detail;
  /**
   * @param {MapBlock} b
   * @param {MapPlan['detail']} detail
   */
  constructor(b, detail) {
    this.ptr = b.ptr;
    this.size = b.size;
    this.owner = b.owner;
    this.kind = b.kind;
    this.#detail = detail;
  }

  /** The row segments it covers. */
  get cells() {
    return cellsOf(this.#detail, this.ptr, this.ptr + Math.max(this.size, 1));
  }
}

/**
 * Calls `each(index, count)` for the runs of row pixels `[from, to)` covers,
 * as indexes into a row-major array of `rows × columns` (no allocation).
 * @param {MapPlan['detail']} d
 * @param {number} from
 * @param {number} to
 * @param {(index: number, count: number) => void} each
 */
function runsOf(d, from, to, each) {
  const a = Math.max(from, d.start) - d.start;
  const b = Math.min(to, d.end) - d.start;
  if (b <= a) return;
  const first = Math.floor(a / d.rowBytes);
  const last = Math.min(d.rows - 1, Math.floor((b - 1) / d.rowBytes));
  for (let row = first; row <= last; row++) {
    const rowStart = row * d.rowBytes;
    const x0 = Math.floor((Math.max(a, rowStart) - rowStart) / d.bytesPerPixel);
    const x1 = Math.floor((Math.min(b, rowStart + d.rowBytes) - 1 - rowStart) / d.bytesPerPixel);
    each(row * d.columns + x0, x1 - x0 + 1);
  }
}

/**
 * The row segments `[from, to)` covers in the detail rows.
 * @param {MapPlan['detail']} d
 * @param {number} from
 * @param {number} to
 */
export function cellsOf(d, from, to) {
  /** @type {{ row: number, x: number, width: number }[]} */
  const cells = [];
  runsOf(d, from, to, (i, n) => cells.push({ row: Math.floor(i / d.columns), x: d.gutter + (i % d.columns), width: n }));
  return cells;
}

/**
 * The address under canvas point (x, y), or null.
 * @param {MapPlan} p
 * @param {number} x
 * @param {number} y
 */
export function addressAt(p, x, y) {
  if (y >= p.strip.y && y < p.strip.y + p.strip.height) {
    const r = p.regions.find((r) => x >= r.x && x < r.x + r.width);
    if (!r) return null;
    return Math.min(r.end - 1, r.start + Math.floor(((x - r.x) / r.width) * (r.end - r.start)));
  }
  const d = p.detail;
  const row = Math.floor((y - d.y) / d.rowHeight);
  if (row < 0 || row >= d.rows || x < d.gutter || x >= d.gutter + d.columns) return null;
  const addr = d.start + row * d.rowBytes + (x - d.gutter) * d.bytesPerPixel;
  return addr < d.end ? addr : null;
}

/**
 * Whether any of `mem[from..to)` is non-zero, 16 bytes at a time where it
 * can (four 32-bit words or-ed together).
 * @param {Uint8Array} mem
 * @param {Int32Array} wide the same buffer as 32-bit words
 * @param {number} from
 * @param {number} to
 */
function anyNonZero(mem, wide, from, to) {
  let a = from;
  while (a < to && a & 15) if (mem[a++] !== 0) return true;
  const end16 = to & ~15;
  for (let w = a >> 2; w < end16 >> 2; w += 4) if ((wide[w] | wide[w + 1] | wide[w + 2] | wide[w + 3]) !== 0) return true;
  for (a = Math.max(a, end16); a < to; a++) if (mem[a] !== 0) return true;
  return false;
}

/**
 * Draws `p` into `ctx`.
 * @param {CanvasRenderingContext2D} ctx
 * @param {MapPlan} p
 * @param {{ memory: ArrayBuffer, written: [number, number][], flash: { from: number, to: number, alpha: number } | null, selected: number | null }} state
 */
export function draw(ctx, p, { memory, written, flash, selected }) {
  const mem = new Uint8Array(memory);
  const wide = new Int32Array(memory, 0, memory.byteLength >> 2);
  const rgb = (/** @type {number[]} */ c, a = 1) => `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${a})`;
  ctx.clearRect(0, 0, p.width, p.height);
  ctx.font = '10px ui-monospace, Menlo, Consolas, monospace';
  ctx.textBaseline = 'alphabetic';

  // The strip: each region in its colour, darker where bytes are non-zero.
  const { y, height } = p.strip;
  for (const r of p.regions) {
    ctx.fillStyle = rgb(COLORS[r.name]);
    ctx.fillRect(r.x, y, r.width, height);
    const per = (r.end - r.start) / r.width;
    ctx.fillStyle = rgb(COLORS.used, 0.55);
    for (let i = 0; i < r.width; i++) {
      const from = Math.floor(r.start + i * per);
      const to = Math.max(from + 1, Math.floor(r.start + (i + 1) * per));
      if (anyNonZero(mem, wide, from, Math.min(to, mem.length))) ctx.fillRect(r.x + i, y + height - 6, 1, 6);
    }
    ctx.strokeStyle = '#64748b';
    ctx.strokeRect(r.x + 0.5, y + 0.5, r.width - 1, height - 1);
    ctx.fillStyle = '#0f172a';
    ctx.font = 'bold 11px system-ui, sans-serif';
    ctx.fillText(r.name, r.x + 4, y + 13, r.width - 8);
    ctx.font = '10px ui-monospace, Menlo, Consolas, monospace';
  }
  // The last call's writes, wherever they are (the stack included).
  ctx.fillStyle = rgb(COLORS.written);
  for (const [a, b] of written) {
    const r = p.regions.find((r) => a >= r.start && a < r.end);
    if (r)
      ctx.fillRect(r.x + Math.floor(((a - r.start) / (r.end - r.start)) * r.width), y + 2, Math.max(2, Math.round(((b - a) / (r.end - r.start)) * r.width)), 6);
  }
  // The axis: each region's start address above the strip, the end of memory at the right.
  ctx.fillStyle = '#334155';
  ctx.font = '9px ui-monospace, Menlo, Consolas, monospace';
  for (const r of p.regions) ctx.fillText(hex(r.start), r.x + 1, y - 4);
  const end = p.regions.at(-1)?.end ?? 0;
  ctx.textAlign = 'right';
  ctx.fillText(`end ${hex(end)}`, p.width - 1, y + height + 11);
  ctx.textAlign = 'left';
  ctx.font = '10px ui-monospace, Menlo, Consolas, monospace';
  // The stack pointer: a tick on the stack, where it is now.
  const stack = p.regions.find((r) => r.name === 'stack');
  if (stack && p.stackPointer !== null) {
    const sx = stack.x + Math.min(stack.width - 1, Math.round(((p.stackPointer - stack.start) / (stack.end - stack.start)) * stack.width));
    ctx.fillStyle = '#b91c1c';
    ctx.fillRect(sx - 1, y - 2, 2, height + 4);
    ctx.textAlign = 'right';
    ctx.fillText('stack pointer ▲', sx + 6, y + height + 11);
    ctx.textAlign = 'left';
  }

  // The detail rows: a code per pixel column (zero bytes, non-zero bytes,
  // a block by kind, the last call's writes), then painted into one
  // ImageData, so the cost is the rows' pixels however many blocks there
  // are (10,000 blocks are 10,000 runs to mark, not 10,000 canvas calls).
  const d = p.detail;
  ctx.fillStyle = '#334155';
  ctx.fillText(`${d.start === 0 ? 'the whole memory' : 'the heap'}, ${d.bytesPerPixel} B per pixel:`, 0, d.y - 5);
  const codes = new Uint8Array(d.rows * d.columns); // 0: past the end of memory
  for (let row = 0; row < d.rows; row++) {
    const base = d.start + row * d.rowBytes;
    ctx.fillText(hex(base), 0, d.y + row * d.rowHeight + 10, d.gutter - 6);
    const cols = Math.max(0, Math.min(d.columns, Math.ceil((d.end - base) / d.bytesPerPixel)));
    for (let c = 0; c < cols; c++) {
      const from = base + c * d.bytesPerPixel;
      codes[row * d.columns + c] = anyNonZero(mem, wide, from, Math.min(from + d.bytesPerPixel, d.end)) ? USED : ZERO;
    }
  }
  let code = 0;
  const mark = (/** @type {number} */ i, /** @type {number} */ n) => codes.fill(code, i, i + n);
  for (const b of p.blocks) {
    code = b.kind === 'host' ? HOST : PAGE;
    runsOf(d, b.ptr, b.ptr + Math.max(b.size, 1), mark);
  }
  code = WRITTEN;
  for (const [a, b] of written) runsOf(d, a, b, mark);
  const flashed = flash && flash.alpha > 0 ? new Uint8Array(codes.length) : null;
  if (flashed && flash) runsOf(d, flash.from, flash.to, (i, n) => flashed.fill(1, i, i + n));
  const image = ctx.createImageData(d.columns, d.rows * d.rowHeight);
  const px = image.data;
  const ground = COLORS[d.start === 0 ? 'memory' : 'heap'];
  const palette = [null, ground, COLORS.used, COLORS.host, COLORS.page, COLORS.written];
  const mix = flash ? 0.7 * flash.alpha : 0;
  for (let row = 0; row < d.rows; row++) {
    for (let sub = 0; sub < d.rowHeight - 2; sub++) {
      // Non-zero bytes are a thinner bar, so a block's fill reads apart from them.
      const thin = sub >= 4 && sub < d.rowHeight - 4;
      let o = (row * d.rowHeight + sub) * d.columns * 4;
      for (let c = 0; c < d.columns; c++, o += 4) {
        const code = codes[row * d.columns + c];
        if (code === 0) continue;
        const rgb = code === USED && !thin ? ground : /** @type {number[]} */ (palette[code]);
        if (flashed?.[row * d.columns + c]) {
          px[o] = rgb[0] + (COLORS.flash[0] - rgb[0]) * mix;
          px[o + 1] = rgb[1] + (COLORS.flash[1] - rgb[1]) * mix;
          px[o + 2] = rgb[2] + (COLORS.flash[2] - rgb[2]) * mix;
        } else {
          px[o] = rgb[0];
          px[o + 1] = rgb[1];
          px[o + 2] = rgb[2];
        }
        px[o + 3] = 255;
      }
    }
  }
  ctx.putImageData(image, d.gutter, d.y);
  const chosen = p.blocks.find((b) => b.ptr === selected);
  if (chosen) {
    ctx.strokeStyle = rgb(COLORS.selected);
    ctx.lineWidth = 2;
    for (const c of chosen.cells) ctx.strokeRect(c.x - 1, d.y + c.row * d.rowHeight - 1, c.width + 2, d.rowHeight);
    ctx.lineWidth = 1;
  }
}

/**
 * The region (or block owner) `addr` falls in, for words: "the heap, in
 * F32Buffer", "static data", "the stack".
 * @param {MapPlan} p
 * @param {number} addr
 */
export function placeOf(p, addr) {
  const block = p.blocks.find((b) => addr >= b.ptr && addr < b.ptr + Math.max(b.size, 1));
  const region = p.regions.find((r) => addr >= r.start && addr < r.end);
  const where = region ? { stack: 'the stack', static: 'static data', heap: 'the heap', memory: 'memory' }[region.name] : 'memory';
  return block ? `${where}, in ${block.owner}` : where;
}
