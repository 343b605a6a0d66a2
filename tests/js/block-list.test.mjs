// KitModule.hostBlockList() against a model: after any sequence of
// allocations and frees (through the toolkit's Blocks and the bare
// exports), the list is exactly the live blocks in address order with their
// sizes, whether it fits the scratch area (up to 2,047 blocks) or needs a
// block of its own (more), which it leaves out and frees.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import fc from 'fast-check';
import * as toolkit from 'rust-wasm-memory/raw';

const fresh = async () => new toolkit.RawModule((await WebAssembly.instantiate(await readFile(toolkit.RAW_WASM_URL))).instance);

test('the block list is the live blocks, in address order, for any allocations and frees', async () => {
  const raw = await fresh();
  const base = raw.hostBlockList();
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 300 }), fc.boolean()), { maxLength: 40 }), async (ops) => {
      const live = new Map();
      for (const [size, free] of ops) {
        if (free && live.size) {
          const [ptr, s] = [...live][size % live.size];
          raw.exports.dealloc(ptr, s, 8);
          live.delete(ptr);
        } else {
          const ptr = raw.exports.alloc(size, 8);
          live.set(ptr, size);
        }
      }
      const expected = [...base, ...[...live].map(([ptr, size]) => ({ ptr, size }))].sort((a, b) => a.ptr - b.ptr);
      assert.deepEqual(raw.hostBlockList(), expected);
      assert.equal(raw.heapStats().hostBlocks, expected.length, 'listing left no block behind');
      for (const [ptr, s] of live) raw.exports.dealloc(ptr, s, 8);
      assert.deepEqual(raw.hostBlockList(), base);
    }),
    { numRuns: 200 },
  );
});

test('more blocks than the scratch area holds: listed through a block of its own, left out and freed', async () => {
  const raw = await fresh();
  const ptrs = Array.from({ length: 5000 }, () => raw.exports.alloc(4, 4));
  const list = raw.hostBlockList();
  assert.equal(list.length, 5000);
  assert.deepEqual(
    list.map((b) => b.ptr),
    [...ptrs].sort((a, b) => a - b),
  );
  assert.ok(list.every((b) => b.size === 4));
  assert.equal(raw.heapStats().hostBlocks, 5000, 'the list block was freed');
  for (const p of ptrs) raw.exports.dealloc(p, 4, 4);
  assert.deepEqual(raw.hostBlockList(), []);
});

test('a kit module without host_block_list is refused with a TypeError that says so', async () => {
  const raw = await fresh();
  const exports = { ...raw.exports };
  delete exports.host_block_list;
  const older = new toolkit.KitModule({ ...exports, memory: raw.exports.memory });
  assert.throws(() => older.hostBlockList(), { name: 'TypeError', message: /does not export host_block_list \(built with an older kit\)/ });
});
