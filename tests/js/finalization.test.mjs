// The FinalizationRegistry fallback of the raw toolkit: a Block dropped
// without free() is given back when the garbage collector collects it.
// Node only: it needs a forced GC (enabled at run time below).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { loadRaw } from 'rust-wasm-memory/raw';
import { finalizerCases } from '../shared/finalizer-cases.mjs';

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

// The generated free paths (issue #15, class (c)) and the F8 view case run
// from tests/shared/finalizer-cases.mjs, here with V8's forced GC and in
// both browsers through tests/js/browsers.test.mjs.
const { default: fc } = await import('fast-check');
const m = await import('rust-wasm-memory');
for (const [name, fn] of finalizerCases({
  bindgen: m,
  loadRaw,
  fc,
  runs: 150,
  collect: async () => {
    gc();
    await new Promise((r) => setTimeout(r, 10));
  },
})) {
  test(name, fn);
}
