// The FinalizationRegistry fallback of the raw toolkit: a Block dropped
// without free() is given back when the garbage collector collects it.
// Node only: it needs a forced GC (enabled at run time below).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { loadRaw } from 'rust-wasm-memory/raw';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

test('a block collected without free() is given back to the module', async () => {
  const raw = await loadRaw();
  const before = raw.heapStats().hostBlocks;
  (() => {
    for (let i = 0; i < 100; i++) raw.alloc(64, 8); // dropped at once
  })();
  assert.equal(raw.heapStats().hostBlocks, before + 100);
  for (let round = 0; round < 50 && raw.heapStats().hostBlocks > before; round++) {
    gc();
    await new Promise((r) => setTimeout(r, 10)); // finalizers run between turns
  }
  assert.equal(raw.heapStats().hostBlocks, before, 'every dropped block was finalized and freed');
});

test('a block freed by hand is not freed again by the finalizer', async () => {
  const raw = await loadRaw();
  const before = raw.heapStats();
  (() => {
    for (let i = 0; i < 100; i++) raw.alloc(64, 8).free();
  })();
  const kept = raw.alloc(16, 4); // a live block the finalizer must not touch
  for (let round = 0; round < 5; round++) {
    gc();
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.equal(raw.heapStats().hostBlocks, before.hostBlocks + 1);
  assert.equal(raw.lastStatus(), 0, 'no refused dealloc from a finalizer');
  kept.free();
});

// Finding F3: a result freed through the ABI (`raw.freeBuffer(ptr, len)`,
// as the README documents) stayed registered, and its finalizer later freed
// whatever block the allocator had put at the same address.
test('a block freed through the ABI is never freed again by its finalizer, even at a reused address', async () => {
  const raw = await loadRaw();
  let first;
  (() => {
    const owned = raw.processStringOwned('abc');
    first = owned.ptr;
    raw.freeBuffer(owned.ptr, owned.byteLength);
  })();
  const mine = raw.processStringOwned('abc');
  assert.equal(mine.ptr, first, 'the allocator reuses the address (the case that matters)');
  for (let round = 0; round < 10; round++) {
    gc();
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.equal(raw.heapStats().hostBlocks, 1, 'mine is still live');
  const theirs = raw.processStringOwned('XYZ');
  assert.notEqual(theirs.ptr, mine.ptr, 'nobody else got my address');
  assert.equal(mine.text(), 'abc_processed');
  mine.free();
  theirs.free();
  assert.equal(raw.heapStats().hostBlocks, 0);
});

// Issue #15, class (c): any mix of explicit frees (Block.free, dispose,
// raw.freeBuffer, raw.dealloc, the bare dealloc export) and blocks dropped
// for the finalizer, checked against a model: every block not given back
// keeps its own bytes (no block is freed twice, never someone else's), and
// in the end every block is given back exactly once.
test("generated: explicit frees and finalizers never free a block twice or someone else's", async () => {
  const { default: fc } = await import('fast-check');
  const op = fc.oneof(
    fc.record({ kind: fc.constant('alloc'), size: fc.constantFrom(8, 13, 64, 200) }),
    fc.record({ kind: fc.constant('result'), text: fc.string({ maxLength: 12 }) }),
    fc.record({ kind: fc.constantFrom('free', 'dispose', 'freeBuffer', 'dealloc', 'bareDealloc', 'drop'), pick: fc.nat() }),
    fc.constant({ kind: 'gc' }),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
      const raw = await loadRaw();
      /** Live blocks the test holds: [Block, the byte pattern it wrote]. */
      let held = [];
      let seed = 1;
      const fill = (block) => {
        const bytes = block.view().array;
        const pattern = Uint8Array.from({ length: bytes.length }, () => (seed = (seed * 73 + 41) & 255));
        bytes.set(pattern);
        return pattern;
      };
      const check = () => {
        for (const [block, pattern] of held) assert.deepEqual(block.view().array, pattern, `block 0x${block.ptr.toString(16)} kept its bytes`);
      };
      // Each step runs in a plain function, so a dropped Block is not kept
      // alive by this async function's saved registers.
      const apply = (o) => {
        if (o.kind === 'alloc') {
          const block = raw.alloc(o.size, 4);
          held.push([block, fill(block)]);
        } else if (o.kind === 'result') {
          const block = raw.processStringOwned(o.text);
          held.push([block, fill(block)]);
        } else if (held.length) {
          const [[block]] = held.splice(o.pick % held.length, 1);
          if (o.kind === 'free') block.free();
          else if (o.kind === 'dispose') block[Symbol.dispose]();
          else if (o.kind === 'freeBuffer' && block.align === 1) raw.freeBuffer(block.ptr, block.byteLength);
          else if (o.kind === 'dealloc' || o.kind === 'freeBuffer') raw.dealloc(block.ptr, block.byteLength, block.align);
          else if (o.kind === 'bareDealloc') assert.equal(raw.exports.dealloc(block.ptr, block.byteLength, block.align), 0);
          // 'drop': the Block is unreachable now; its finalizer frees it.
          if (o.kind !== 'drop') assert.ok(block.freed, 'a given-back block knows it');
        }
      };
      for (const o of ops) {
        if (o.kind === 'gc') {
          gc();
          await new Promise((r) => setTimeout(r, 0));
        } else {
          apply(o);
        }
        check();
      }
      // Let every dropped block be finalized, then give back the rest.
      for (let round = 0; round < 20 && raw.heapStats().hostBlocks > held.length; round++) {
        gc();
        await new Promise((r) => setTimeout(r, 10));
      }
      check();
      assert.equal(raw.heapStats().hostBlocks, held.length, 'exactly the held blocks are live');
      for (const [block] of held) block.free();
      held = [];
      assert.equal(raw.heapStats().hostBlocks, 0, 'every block given back once');
    }),
    { numRuns: 150 },
  );
});
