// The inspector's map geometry (rust-wasm-memory/inspector's map.js, no DOM
// needed): for any memory size, layout and set of blocks, the regions tile
// the strip in address order, the rows cover the heap at one scale, every
// block's cells cover exactly the pixels its bytes fall in, a point inside
// a cell maps back to an address of that block, and the stack pointer is
// the live one only when the module exports it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { addressAt, cellsOf, placeOf, plan } from '../../pkg/inspector/map.js';

const PAGE = 65536;

const layouts = fc
  .record({
    pages: fc.integer({ min: 2, max: 300 }),
    stackTop: fc.integer({ min: 1, max: 64 }).map((k) => k * 16384),
    dataSize: fc.integer({ min: 1, max: 20000 }),
    live: fc.option(fc.integer({ min: 0, max: 1 << 20 }), { nil: null }),
  })
  .map(({ pages, stackTop, dataSize, live }) => {
    const size = Math.max(pages * PAGE, stackTop + dataSize + 16 * 1024);
    const heapBase = Math.ceil((stackTop + dataSize) / 16) * 16;
    return {
      size: Math.ceil(size / PAGE) * PAGE,
      layout: {
        stack: { start: 0, end: stackTop },
        data: { start: stackTop, end: stackTop + dataSize },
        heapBase,
        stackPointer: live === null ? null : () => live,
      },
      live,
    };
  });

test('regions tile the strip in address order, the heap gets the most width, the stack pointer is live only when exported', () => {
  fc.assert(
    fc.property(layouts, fc.integer({ min: 200, max: 900 }), ({ size, layout, live }, width) => {
      const p = plan({ size, layout, blocks: [], width, rows: 8 });
      assert.deepEqual(
        p.regions.map((r) => r.name),
        ['stack', 'static', 'heap'],
      );
      assert.equal(
        p.regions.reduce((n, r) => n + r.width, 0),
        width,
      );
      for (let i = 1; i < p.regions.length; i++) {
        assert.equal(p.regions[i].x, p.regions[i - 1].x + p.regions[i - 1].width);
        assert.equal(p.regions[i].start, p.regions[i - 1].end, 'no hole between regions');
      }
      assert.equal(p.regions[0].start, 0);
      assert.equal(p.regions.at(-1).end, size);
      const [stack, data, heap] = p.regions;
      assert.ok(heap.width > stack.width && heap.width > data.width);
      assert.deepEqual([p.detail.start, p.detail.end], [layout.heapBase, size]);
      assert.ok(p.detail.rows * p.detail.rowBytes >= size - layout.heapBase, 'the rows cover the heap');
      assert.equal(p.stackPointer, live ?? layout.stack.end);
      assert.equal(p.stackPointerLive, live !== null);
    }),
  );
});

test("every block's cells cover the pixels its bytes fall in, and clicking a cell finds the block", () => {
  fc.assert(
    fc.property(
      layouts,
      fc.array(fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), size: fc.integer({ min: 0, max: 300000 }) }), { maxLength: 20 }),
      ({ size, layout }, specs) => {
        const span = size - layout.heapBase;
        const blocks = specs.map((s, i) => {
          const ptr = layout.heapBase + Math.floor(s.at * (span - 1));
          return { ptr, size: Math.min(s.size, size - ptr), owner: `b${i}`, kind: /** @type {const} */ ('host') };
        });
        const p = plan({ size, layout, blocks, width: 520, rows: 8 });
        const d = p.detail;
        assert.equal(p.blocks.length, blocks.length);
        for (const b of p.blocks) {
          const end = b.ptr + Math.max(b.size, 1);
          // The pixels: from the one holding the first byte to the one holding the last.
          const first = Math.floor((b.ptr - d.start) / d.bytesPerPixel);
          const last = Math.floor((end - 1 - d.start) / d.bytesPerPixel);
          assert.equal(
            b.cells.reduce((n, c) => n + c.width, 0),
            last - first + 1,
            `block ${b.owner} at ${b.ptr}, ${b.size} bytes`,
          );
          for (const c of b.cells) {
            const addr = addressAt(p, c.x, d.y + c.row * d.rowHeight + 1);
            assert.ok(addr !== null && addr + d.bytesPerPixel > b.ptr && addr < end, `a click on ${b.owner}'s cell lands on it`);
          }
          assert.match(placeOf(p, b.ptr), /^the heap, in b\d+$/);
        }
      },
    ),
  );
});

test('without a layout the rows show the whole memory; cellsOf outside the rows is empty', () => {
  const p = plan({ size: 4 * PAGE, layout: null, blocks: [], width: 520, rows: 8 });
  assert.deepEqual(
    p.regions.map((r) => [r.name, r.start, r.end]),
    [['memory', 0, 4 * PAGE]],
  );
  assert.deepEqual([p.detail.start, p.detail.end], [0, 4 * PAGE]);
  assert.deepEqual(cellsOf(p.detail, 5 * PAGE, 6 * PAGE), []);
  assert.equal(placeOf(p, 100), 'memory');
  // A stack pointer function that throws falls back to the initial value.
  const q = plan({
    size: 4 * PAGE,
    layout: {
      stack: { start: 0, end: PAGE },
      stackPointer: () => {
        throw new Error('gone');
      },
    },
    blocks: [],
    width: 520,
    rows: 8,
  });
  assert.equal(q.stackPointer, PAGE);
  assert.equal(q.stackPointerLive, false);
});
