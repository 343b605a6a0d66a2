// Ownership panel: a leak that stays leaked, a double free the registry
// refuses with a status code, and a view that survives memory.grow.
import { errorFor } from 'rust-wasm-memory/raw';
import { $, bytes, guarded, hex } from './util.js';

/** @param {{ raw: import('rust-wasm-memory/raw').RawModule, memory: () => WebAssembly.Memory, inspector: ReturnType<typeof import('rust-wasm-memory/inspector').createInspector> }} lab */
export function ownershipPanel({ raw, memory, inspector }) {
  const x = raw.exports;
  let leaked = 0;
  let leaks = 0;

  $('leak').addEventListener(
    'click',
    guarded('ownership-error', async () => {
      // The bare export, not raw.alloc(): a Block would be given back by the
      // toolkit's FinalizationRegistry once collected. This one never is.
      const ptr = await inspector.track('leak 4 KiB', () => x.alloc(4096, 8));
      if (ptr === 0) throw errorFor(x.last_status(), 'alloc');
      new Uint8Array(memory().buffer, ptr, 4096).fill(0xee);
      leaked += 4096;
      leaks += 1;
      inspector.setRegion(`leak ${leaks}`, { ptr, len: 4096 });
      $('leaked').textContent = `${bytes(leaked)} in ${leaks} block${leaks === 1 ? '' : 's'} (last at ${hex(ptr)})`;
    }),
  );

  $('double-free').addEventListener(
    'click',
    guarded('ownership-error', async () => {
      const [ptr, first, second] = await inspector.track('alloc, free, free', () => {
        const p = x.alloc(64, 8);
        if (p === 0) throw errorFor(x.last_status(), 'alloc');
        return [p, x.dealloc(p, 64, 8), x.dealloc(p, 64, 8)];
      });
      const refused = second === 0 ? 'accepted (a bug!)' : `refused with status ${second} (${errorFor(second, 'dealloc').name})`;
      $('double-free-result').textContent = `alloc(64, 8) = ${hex(ptr)}; first dealloc → ${first}; second dealloc → ${refused}. The heap is untouched.`;
    }),
  );

  $('grow-view').addEventListener(
    'click',
    guarded('ownership-error', async () => {
      const block = raw.alloc(16, 4);
      try {
        const plain = new Uint32Array(memory().buffer, block.ptr, 4);
        const view = raw.view(Uint32Array, block.ptr, 4);
        plain.set([1, 2, 3, 4]);
        const before = memory().buffer.byteLength;
        await inspector.track('memory.grow(1)', () => memory().grow(1));
        view.set(0, 42); // through the MemoryView: rebuilt over the new buffer
        $('grow-view-result').textContent =
          `Memory grew ${bytes(before)} → ${bytes(memory().buffer.byteLength)}. The plain Uint32Array is detached: length ${plain.length}. ` +
          `The MemoryView rebuilt itself: [${Array.from(view.array).join(', ')}] (element 0 written after the growth).`;
      } finally {
        block.free();
        inspector.refresh();
      }
    }),
  );
}
