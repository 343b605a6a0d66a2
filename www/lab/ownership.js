// The tutorial's pitfalls as experiments: each card does it the wrong way,
// shows the failure caught (a status code, a typed error, a detached view,
// numbers that do not come back down), then does it the right way.
import { errorFor } from 'rust-wasm-memory/raw';
import { drawMemoryBars, drawViewLifetime } from './diagrams.js';
import { $, bytes, guarded, hex } from './util.js';

/**
 * @param {{
 *   m: typeof import('rust-wasm-memory'),
 *   raw: import('rust-wasm-memory/raw').RawModule,
 *   memory: () => WebAssembly.Memory,
 *   inspector: ReturnType<typeof import('rust-wasm-memory/inspector').createInspector>,
 * }} lab
 */
export function ownershipPanel({ m, raw, memory, inspector }) {
  const x = raw.exports;
  let leaked = 0;
  let leaks = 0;
  /** @param {number} code */
  const named = (code) => (code === 0 ? '0 (OK)' : `${code} (${errorFor(code, 'f').name})`);
  /**
   * What `fn` threw, as "Name: message", or `otherwise` if it did not throw.
   * @param {() => unknown} fn
   * @param {string} otherwise
   */
  const thrown = (fn, otherwise) => {
    try {
      fn();
      return otherwise;
    } catch (e) {
      return `${/** @type {Error} */ (e).name}: ${/** @type {Error} */ (e).message}`;
    }
  };
  /**
   * One card's outcome: the wrong way, then the right way.
   * @param {string} id
   * @param {string} wrong
   * @param {string} right
   */
  const report = (id, wrong, right) => {
    const out = $(id);
    const w = document.createElement('p');
    w.className = 'wrong';
    w.textContent = `✗ ${wrong}`;
    const r = document.createElement('p');
    r.className = 'right';
    r.textContent = `✓ ${right}`;
    out.replaceChildren(w, r);
  };

  $('pit-elements').addEventListener(
    'click',
    guarded('ownership-error', async () => {
      const values = [3, 1, 4, 1, 5];
      const block = raw.allocArray(new Uint32Array(values));
      try {
        const wrongLen = block.byteLength; // 20: bytes, not elements
        const [wrong, right] = await inspector.track('sum_u32, bytes vs elements', () => {
          const w = x.sum_u32(block.ptr, wrongLen) >>> 0;
          const ws = x.last_status();
          const r = x.sum_u32(block.ptr, values.length) >>> 0;
          return [
            [w, ws],
            [r, x.last_status()],
          ];
        });
        report(
          'pit-elements-result',
          `sum_u32(${hex(block.ptr)}, ${wrongLen}): ${wrongLen} elements would be ${wrongLen * 4} bytes, past the ${block.byteLength}-byte block. Refused with status ${named(wrong[1])}; it returned ${wrong[0]} and read nothing.`,
          `sum_u32(${hex(block.ptr)}, ${values.length}): len counts u32 elements. Sum ${right[0]}, status ${named(right[1])}.`,
        );
      } finally {
        block.free();
      }
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
        drawViewLifetime($('diagram-view'), { before, after: memory().buffer.byteLength, plainAfter: plain.length, viewAfter: Array.from(view.array) });
        report(
          'grow-view-result',
          `Memory grew ${bytes(before)} → ${bytes(memory().buffer.byteLength)}. The plain Uint32Array is detached: length ${plain.length}, every read undefined.`,
          `The MemoryView rebuilt itself: [${Array.from(view.array).join(', ')}] (element 0 written after the growth).`,
        );
      } finally {
        block.free();
        inspector.refresh();
      }
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
      const block = raw.alloc(64, 8);
      block.free();
      const again = thrown(() => block.free(), 'accepted (a bug!)');
      report(
        'double-free-result',
        `alloc(64, 8) = ${hex(ptr)}; first dealloc → ${named(first)}; second dealloc → ${second === 0 ? 'accepted (a bug!)' : `refused with status ${named(second)}`}. The heap is untouched.`,
        `Free once, through an owner: a toolkit Block frees on its first free(); a second one throws ${again}`,
      );
    }),
  );

  $('wrong-length').addEventListener(
    'click',
    guarded('ownership-error', async () => {
      const [ptr, wrong, blocksBetween, right] = await inspector.track('alloc 64, free 32, free 64', () => {
        const p = x.alloc(64, 8);
        if (p === 0) throw errorFor(x.last_status(), 'alloc');
        const w = x.dealloc(p, 32, 8);
        const live = raw.heapStats().hostBlocks;
        return [p, w, live, x.dealloc(p, 64, 8)];
      });
      report(
        'wrong-length-result',
        `alloc(64, 8) = ${hex(ptr)}; dealloc(${hex(ptr)}, 32, 8) → refused with status ${named(wrong)}. The block stays live (${blocksBetween} host block${blocksBetween === 1 ? '' : 's'}); freeing with the wrong size would corrupt the allocator.`,
        `dealloc(${hex(ptr)}, 64, 8), the size it was allocated with → ${named(right)}.`,
      );
    }),
  );

  $('use-after-free').addEventListener(
    'click',
    guarded('ownership-error', async () => {
      const buffer = m.F32Buffer.from(new Float32Array([1, 2, 3]));
      const ptr = buffer.ptr;
      buffer.free();
      const wrong = thrown(() => buffer.view(), 'read freed memory (a bug!)');
      const fresh = m.F32Buffer.from(new Float32Array([1, 2, 3]));
      const values = Array.from(fresh.view());
      fresh.free();
      report(
        'use-after-free-result',
        `F32Buffer at ${hex(ptr)} freed, then view(): ${wrong}`,
        `Read before free(): view() = [${values.join(', ')}], then free() once.`,
      );
      inspector.refresh();
    }),
  );

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
      const s = raw.heapStats();
      $('leaked').textContent =
        `${bytes(leaked)} in ${leaks} block${leaks === 1 ? '' : 's'} (last at ${hex(ptr)}); live heap now ${bytes(s.liveBytes)}, ${s.hostBlocks} host blocks. Nothing can give them back: their addresses are lost.`;
    }),
  );

  $('never-shrinks').addEventListener(
    'click',
    guarded('ownership-error', async () => {
      const n = 2_000_000;
      const before = m.heapStats();
      const big = await inspector.track(`F32Buffer of ${n} floats`, () => m.F32Buffer.from(new Float32Array(n)));
      const during = m.heapStats();
      await inspector.track('free it', () => big.free());
      const after = m.heapStats();
      const again = m.F32Buffer.from(new Float32Array(n));
      const reused = m.heapStats().memoryBytes === after.memoryBytes;
      again.free();
      drawMemoryBars($('diagram-memory'), [
        { label: 'before', live: before.liveBytes, memory: before.memoryBytes },
        { label: 'allocated', live: during.liveBytes, memory: during.memoryBytes },
        { label: 'freed', live: after.liveBytes, memory: after.memoryBytes },
      ]);
      report(
        'never-shrinks-result',
        `Live heap ${bytes(before.liveBytes)} → ${bytes(during.liveBytes)} → ${bytes(after.liveBytes)}: the ${bytes(n * 4)} went back to the allocator. Memory ${bytes(before.memoryBytes)} → ${bytes(during.memoryBytes)} → ${bytes(after.memoryBytes)}: wasm memory never shrinks.`,
        reused
          ? `The freed pages are reused: the same array allocated again left memory at ${bytes(after.memoryBytes)}. For large data, reuse one buffer, or run the work in a Worker you can end.`
          : `Allocated again, memory went to ${bytes(m.heapStats().memoryBytes)}: the allocator could not reuse the freed pages this time.`,
      );
      $('never-shrinks-result').dataset.reused = String(reused);
    }),
  );
}
