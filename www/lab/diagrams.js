// @ts-check
// The lab's diagrams: SVG drawn from the values of the call just made
// (addresses, lengths, bytes read back from wasm memory), never images.
// Built with createElementNS and classes only (www/style.css), so the
// page's CSP (no inline style) holds. Each diagram carries its numbers in
// data- attributes too, so the tests can check them against the module's.
import { bytes, hex } from './util.js';

const NS = 'http://www.w3.org/2000/svg';

/**
 * An SVG element with attributes (and text).
 * @param {string} tag
 * @param {Record<string, string | number>} [attrs]
 * @param {string} [text]
 */
function svg(tag, attrs = {}, text) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * A figure holding an SVG `width` × `height` (scales to its box), with a
 * title read by screen readers and a visible caption.
 * @param {HTMLElement} host
 * @param {number} width
 * @param {number} height
 * @param {string} title
 * @param {string} caption
 */
function canvas(host, width, height, title, caption) {
  const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'diagram' });
  root.append(svg('title', {}, title));
  const defs = svg('defs');
  const marker = svg('marker', {
    id: `arrow-${host.id}`,
    viewBox: '0 0 10 10',
    refX: 9,
    refY: 5,
    markerWidth: 7,
    markerHeight: 7,
    orient: 'auto-start-reverse',
  });
  marker.append(svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head' }));
  defs.append(marker);
  root.append(defs);
  const cap = document.createElement('figcaption');
  cap.textContent = caption;
  host.replaceChildren(root, cap);
  host.hidden = false;
  return { root, arrow: `url(#arrow-${host.id})` };
}

/**
 * Boxes in a row, each with a label: one per element or byte.
 * @param {SVGElement} root
 * @param {{ x: number, y: number, w: number, h: number, labels: string[], cls: string, notes?: string[] }} o
 */
function cells(root, { x, y, w, h, labels, cls, notes }) {
  labels.forEach((label, i) => {
    root.append(svg('rect', { x: x + i * w, y, width: w, height: h, class: cls }));
    root.append(svg('text', { x: x + i * w + w / 2, y: y + h / 2 + 4, class: 'cell-text' }, label));
    if (notes?.[i]) root.append(svg('text', { x: x + i * w + w / 2, y: y + h + 12, class: 'note' }, notes[i]));
  });
}

/** Up to `max` items, with "…" when there were more. @template T @param {T[]} items @param {number} max */
const head = (items, max) => ({ items: items.slice(0, max), more: items.length > max });

/**
 * The copy API against zero-copy: JS memory and wasm memory as two places,
 * with the copy in, the call and the copy out, or with a view over the
 * same bytes.
 * @param {HTMLElement} host
 * @param {{ mode: 'copy' | 'zero-copy', fn: string, values: ArrayLike<number>, ptr: number | null, bytesPerElement: number, copyOut?: boolean }} o
 */
export function drawCopy(host, { mode, fn, values, ptr, bytesPerElement, copyOut = true }) {
  const n = values.length;
  const byteLength = n * bytesPerElement;
  const { items, more } = head(
    Array.from(values, (v) => String(Math.round(v * 1000) / 1000)),
    6,
  );
  const caption =
    mode === 'copy'
      ? `${fn} through the copy API: the glue copied ${byteLength} bytes into wasm memory${ptr === null ? '' : ` at ${hex(ptr)}`}, the call worked there, ${copyOut ? 'and the glue copied them back into the JS array' : 'and, since Rust only read them (a & slice), nothing was copied back'}; then the copy was freed.`
      : `${fn} on data that lives in wasm memory${ptr === null ? '' : ` at ${hex(ptr)}`}: view() is a Float32Array over memory.buffer, so JS reads the same ${byteLength} bytes; nothing is copied.`;
  const { root, arrow } = canvas(host, 640, 170, 'JS memory and wasm memory', caption);
  host.dataset.mode = mode;
  host.dataset.ptr = String(ptr ?? '');
  host.dataset.bytes = String(byteLength);
  root.append(svg('rect', { x: 4, y: 16, width: 270, height: 118, class: 'space js' }));
  root.append(svg('text', { x: 12, y: 32, class: 'space-title' }, 'JS memory (the JS heap)'));
  root.append(svg('rect', { x: 356, y: 16, width: 280, height: 118, class: 'space wasm' }));
  root.append(svg('text', { x: 364, y: 32, class: 'space-title' }, 'wasm linear memory'));
  const labels = more ? [...items, '…'] : items;
  const widest = Math.max(...labels.map((l) => l.length), 1);
  const w = Math.min(250 / Math.max(labels.length, 1), Math.max(40, widest * 7 + 8));
  if (mode === 'copy') {
    cells(root, { x: 14, y: 58, w, h: 26, labels, cls: 'cell js' });
    root.append(svg('text', { x: 14, y: 106, class: 'note-left' }, `${values.constructor.name}(${n}), ${byteLength} bytes`));
  } else {
    root.append(svg('text', { x: 14, y: 62, class: 'note-left' }, 'buffer.view(): no bytes of its own,'));
    root.append(svg('text', { x: 14, y: 78, class: 'note-left' }, 'a window onto wasm memory'));
  }
  cells(root, { x: 366, y: 58, w, h: 26, labels, cls: 'cell wasm' });
  root.append(svg('text', { x: 366, y: 106, class: 'note-left' }, ptr === null ? `${byteLength} bytes` : `${byteLength} bytes at ${hex(ptr)}`));
  if (mode === 'copy') {
    root.append(svg('path', { d: 'M274,56 C310,40 330,40 356,56', class: 'arrow', 'marker-end': arrow }));
    root.append(svg('text', { x: 315, y: 36, class: 'step' }, '1 copy in'));
    root.append(svg('text', { x: 496, y: 126, class: 'step' }, `2 ${fn} runs here`));
    if (copyOut) {
      root.append(svg('path', { d: 'M356,90 C330,108 310,108 274,90', class: 'arrow', 'marker-end': arrow }));
      root.append(svg('text', { x: 315, y: 122, class: 'step' }, '3 copy out'));
    }
  } else {
    root.append(svg('path', { d: 'M220,70 L356,70', class: 'arrow view', 'marker-end': arrow }));
    root.append(svg('text', { x: 288, y: 62, class: 'step' }, 'same bytes'));
    root.append(svg('text', { x: 496, y: 126, class: 'step' }, `${fn} runs here, in place`));
  }
  host.dataset.copied = String(mode === 'copy' ? (copyOut ? 2 : 1) * byteLength : 0);
  root.append(svg('text', { x: 320, y: 160, class: 'step' }, mode === 'copy' ? `${copyOut ? '2 × ' : ''}${byteLength} bytes copied` : '0 bytes copied'));
}

/**
 * Bytes against elements: `ptr` counts bytes, `len` counts elements, and
 * element i starts at ptr + i × size.
 * @param {HTMLElement} host
 * @param {{ ptr: number, len: number, size: number, type: string }} o
 */
export function drawBytesElements(host, { ptr, len, size, type }) {
  const shown = Math.min(len, 4);
  const byteW = 18;
  const width = Math.max(640, 20 + shown * size * byteW + 40);
  const { root } = canvas(
    host,
    width,
    150,
    'Bytes against elements',
    `ptr = ${hex(ptr)} (${ptr}) counts bytes; len = ${len} counts ${type} elements of ${size} bytes, so the data is ${len} × ${size} = ${len * size} bytes, and element i is at ptr + ${size} × i. Passing ${len * size} as len would ask for ${len * size * size} bytes: the kit refuses that with -6 or -7.`,
  );
  host.dataset.ptr = String(ptr);
  host.dataset.len = String(len);
  host.dataset.size = String(size);
  for (let e = 0; e < shown; e++) {
    const x = 20 + e * size * byteW;
    root.append(svg('rect', { x, y: 28, width: size * byteW, height: 24, class: 'cell wasm' }));
    root.append(svg('text', { x: x + (size * byteW) / 2, y: 44, class: 'cell-text' }, `[${e}]`));
    for (let b = 0; b < size; b++) root.append(svg('rect', { x: x + b * byteW, y: 58, width: byteW, height: 18, class: 'cell byte' }));
    root.append(svg('text', { x, y: 92, class: 'note-left' }, `+${e * size}`));
  }
  if (len > shown) root.append(svg('text', { x: 24 + shown * size * byteW, y: 44, class: 'note-left' }, `… ${len - shown} more`));
  root.append(svg('text', { x: 20, y: 18, class: 'note-left' }, `elements (len = ${len}): ${type}, ${size} bytes each`));
  root.append(svg('text', { x: 20, y: 112, class: 'note-left' }, `bytes from ptr = ${hex(ptr)}: offsets 0, ${size}, ${2 * size}, …`));
  root.append(
    svg('text', { x: 20, y: 134, class: 'note-left' }, `byte length = len × ${size} = ${len * size}; the last byte is at ${hex(ptr + len * size - 1)}`),
  );
}

/**
 * The out-param: the 8-byte `{ptr, len}` record, and an arrow to the bytes
 * it points at.
 * @param {HTMLElement} host
 * @param {{ meta: number, ptr: number, len: number, bytes: Uint8Array, text: string }} o
 */
export function drawOutParam(host, { meta, ptr, len, bytes, text }) {
  const { root, arrow } = canvas(
    host,
    640,
    150,
    'The out-param record and the buffer it points at',
    `process_string wrote two u32 into the 8 bytes at ${hex(meta)}: ptr = ${hex(ptr)} and len = ${len}. They point at a new buffer of ${len} bytes that the module handed to JS, which JS reads and then frees with free_buffer(ptr, len).`,
  );
  host.dataset.meta = String(meta);
  host.dataset.ptr = String(ptr);
  host.dataset.len = String(len);
  root.append(svg('text', { x: 10, y: 18, class: 'note-left' }, `out at ${hex(meta)} (8 bytes)`));
  cells(root, { x: 10, y: 26, w: 124, h: 30, labels: [`ptr = ${hex(ptr)}`, `len = ${len}`], cls: 'cell out', notes: ['bytes 0–3', 'bytes 4–7'] });
  const { items, more } = head(
    Array.from(bytes, (b) => b.toString(16).padStart(2, '0')),
    16,
  );
  const x0 = 280;
  root.append(svg('text', { x: x0, y: 86, class: 'note-left' }, `${len} bytes at ${hex(ptr)}`));
  cells(root, { x: x0, y: 94, w: 22, h: 24, labels: more ? [...items, '…'] : items, cls: 'cell wasm' });
  root.append(svg('text', { x: x0, y: 138, class: 'note-left' }, `as UTF-8: ${JSON.stringify(text)}`));
  root.append(svg('path', { d: `M65,56 C65,100 200,106 ${x0 - 2},106`, class: 'arrow', 'marker-end': arrow }));
}

/**
 * A text as UTF-16 code units (what JS holds) above its UTF-8 bytes (what
 * wasm reads), one column per code point.
 * @param {HTMLElement} host
 * @param {{ text: string, bytes: Uint8Array, ptr: number }} o
 */
export function drawUtf(host, { text, bytes, ptr }) {
  const points = Array.from(text);
  const { items, more } = head(points, 12);
  const units = text.length;
  const { root } = canvas(
    host,
    640,
    150,
    'UTF-16 code units against UTF-8 bytes',
    `JS holds ${JSON.stringify(text)} as ${units} UTF-16 code units (text.length = ${units}); in wasm memory (${hex(ptr)}) it is ${bytes.length} UTF-8 bytes. Rust's len is the byte count.`,
  );
  host.dataset.units = String(units);
  host.dataset.bytes = String(bytes.length);
  host.dataset.hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
  root.append(svg('text', { x: 4, y: 14, class: 'note-left' }, 'UTF-16 code units (JS)'));
  root.append(svg('text', { x: 4, y: 112, class: 'note-left' }, 'UTF-8 bytes (wasm memory)'));
  let x = 4;
  let at = 0;
  const unitW = 44;
  const byteW = 22;
  for (const p of items) {
    const u = Array.from({ length: p.length }, (_, i) => p.charCodeAt(i).toString(16).padStart(4, '0'));
    const n = new TextEncoder().encode(p).length;
    const b = Array.from(bytes.subarray(at, at + n), (v) => v.toString(16).padStart(2, '0'));
    const colW = Math.max(u.length * unitW, b.length * byteW);
    root.append(svg('text', { x: x + colW / 2, y: 58, class: 'glyph' }, p));
    cells(root, { x, y: 20, w: colW / u.length, h: 22, labels: u, cls: 'cell js' });
    cells(root, { x, y: 72, w: colW / b.length, h: 22, labels: b, cls: 'cell wasm' });
    x += colW + 6;
    at += n;
    if (x > 600) break;
  }
  if (more || at < bytes.length) root.append(svg('text', { x: Math.min(x, 610), y: 58, class: 'note-left' }, '…'));
}

/**
 * The live heap against the size of wasm memory at a few moments: freed
 * bytes go back to the allocator, the memory stays at its peak.
 * @param {HTMLElement} host
 * @param {{ label: string, live: number, memory: number }[]} moments
 */
export function drawMemoryBars(host, moments) {
  const max = Math.max(...moments.map((m) => m.memory), 1);
  const { root } = canvas(
    host,
    300,
    150,
    'Live heap against memory size',
    `Blue: the size of wasm memory; green: the live heap. ${moments.map((m) => `${m.label}: ${bytes(m.live)} live of ${bytes(m.memory)}`).join('; ')}.`,
  );
  host.dataset.memory = moments.map((m) => m.memory).join(' ');
  host.dataset.live = moments.map((m) => m.live).join(' ');
  moments.forEach((m, i) => {
    const x = 20 + i * 95;
    const h = (/** @type {number} */ v) => Math.max(1, Math.round((v / max) * 100));
    root.append(svg('rect', { x, y: 118 - h(m.memory), width: 32, height: h(m.memory), class: 'bar memory' }));
    root.append(svg('rect', { x: x + 36, y: 118 - h(m.live), width: 32, height: h(m.live), class: 'bar live' }));
    root.append(svg('text', { x: x + 34, y: 134, class: 'note' }, m.label));
    root.append(svg('text', { x: x + 16, y: 114 - h(m.memory), class: 'note' }, bytes(m.memory)));
    root.append(svg('text', { x: x + 52, y: 114 - h(m.live), class: 'note' }, bytes(m.live)));
  });
}

/**
 * How long a view stays valid: a plain typed array over memory.buffer
 * before a growth, detached after it; a MemoryView re-made over the new
 * buffer.
 * @param {HTMLElement} host
 * @param {{ before: number, after: number, plainAfter: number, viewAfter: number[] }} o
 */
export function drawViewLifetime(host, { before, after, plainAfter, viewAfter }) {
  const kib = (/** @type {number} */ n) => `${(n / 1024).toFixed(0)} KiB`;
  const { root } = canvas(
    host,
    300,
    130,
    'How long a view stays valid',
    `memory.grow replaced memory.buffer (${kib(before)} → ${kib(after)}). The plain Uint32Array made before is detached (length ${plainAfter}); the MemoryView made a new array over the new buffer ([${viewAfter.join(', ')}]).`,
  );
  host.dataset.plainAfter = String(plainAfter);
  root.append(svg('line', { x1: 150, y1: 8, x2: 150, y2: 118, class: 'grow-line' }));
  root.append(svg('text', { x: 150, y: 126, class: 'note' }, 'memory.grow(1)'));
  root.append(svg('rect', { x: 10, y: 12, width: 136, height: 18, class: 'cell wasm' }));
  root.append(svg('text', { x: 78, y: 25, class: 'cell-text' }, `buffer A, ${kib(before)}`));
  root.append(svg('rect', { x: 154, y: 12, width: 136, height: 18, class: 'cell wasm' }));
  root.append(svg('text', { x: 222, y: 25, class: 'cell-text' }, `buffer B, ${kib(after)}`));
  root.append(svg('rect', { x: 10, y: 46, width: 136, height: 18, class: 'cell js' }));
  root.append(svg('text', { x: 78, y: 59, class: 'cell-text' }, 'Uint32Array: valid'));
  root.append(svg('rect', { x: 154, y: 46, width: 136, height: 18, class: 'cell dead' }));
  root.append(svg('text', { x: 222, y: 59, class: 'cell-text' }, `detached, length ${plainAfter}`));
  root.append(svg('rect', { x: 10, y: 80, width: 136, height: 18, class: 'cell js' }));
  root.append(svg('text', { x: 78, y: 93, class: 'cell-text' }, 'MemoryView: over A'));
  root.append(svg('rect', { x: 154, y: 80, width: 136, height: 18, class: 'cell js' }));
  root.append(svg('text', { x: 222, y: 93, class: 'cell-text' }, 'MemoryView: over B'));
}
