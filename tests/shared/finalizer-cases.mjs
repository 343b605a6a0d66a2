// Free paths against the garbage collector, the same in Node (forced GC)
// and in Chromium and Firefox (a forced GC where the page has one,
// allocation pressure otherwise): blocks and buffers given back by hand, or
// dropped for their finalizers, are freed exactly once and never someone
// else's (issue #15, class (c), and the collector's half of finding F8).
//
// `env`: bindgen (the package, initialised), loadRaw (a new RawModule over
// raw.wasm), fc (fast-check), runs, and collect() (an async function that
// gives the collector a chance to run and finalizers a turn).
import { eq, ok } from './check.mjs';

export function finalizerCases({ bindgen: m, loadRaw, fc, runs, collect }) {
  /** Collects until `done()` holds, or `rounds` rounds passed. */
  const settle = async (done = () => false, rounds = 10) => {
    for (let round = 0; round < rounds && !done(); round++) await collect();
  };
  const same = (a, b, what) => {
    eq(a.length, b.length, `${what}: length`);
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) throw new Error(`${what}: byte ${i} is ${a[i]}, not ${b[i]}`);
  };

  return [
    [
      // Finding F8, the collector's half: a view of an F32Buffer must keep
      // the buffer alive, or the glue's finalizer frees the memory under a
      // view the program still reads.
      'a view holds its buffer: the finalizer never frees memory a reachable view reads',
      async () => {
        await settle();
        const base = m.heapStats().liveBytes;
        /** @type {Float32Array | null} */
        let view = null;
        (() => {
          view = m.F32Buffer.from(new Float32Array(64).fill(7)).view(); // the buffer itself is dropped
        })();
        await settle();
        const others = Array.from({ length: 20 }, () => m.F32Buffer.from(new Float32Array(64).fill(-1)));
        eq(view.length, 64);
        ok(
          view.every((x) => x === 7),
          'the view still reads its own data',
        );
        ok(m.heapStats().liveBytes > base + 20 * 256, 'the viewed buffer is still live');
        for (const other of others) other.free();
        view = null;
        await settle(() => m.heapStats().liveBytes === base, 200);
        eq(m.heapStats().liveBytes, base, 'once the view is dropped, the buffer is collected and freed');
      },
    ],

    [
      'a view of a block holds the block: its finalizer waits until the view is dropped',
      async () => {
        const raw = await loadRaw();
        /** @type {any} */
        let view = null;
        (() => {
          const block = raw.alloc(16, 4); // dropped; its view is kept
          view = block.view(Uint32Array);
          view.write([1, 2, 3, 4]);
        })();
        await settle();
        eq(raw.heapStats().hostBlocks, 1, 'the viewed block is still live');
        eq(Array.from(view.toArray()), [1, 2, 3, 4], 'and the view reads it');
        view = null;
        await settle(() => raw.heapStats().hostBlocks === 0, 200);
        eq(raw.heapStats().hostBlocks, 0, 'once the view is dropped, the block is finalized');
      },
    ],

    [
      // Issue #15, class (c): any mix of explicit frees (Block.free, dispose,
      // raw.freeBuffer, raw.dealloc, the bare dealloc export) and blocks
      // dropped for the finalizer, checked against a model: every block not
      // given back keeps its own bytes (no block is freed twice, never
      // someone else's), and in the end every block is given back exactly
      // once.
      `generated: explicit frees and finalizers never free a block twice or someone else's (${runs} sequences)`,
      async () => {
        const op = fc.oneof(
          fc.record({ kind: fc.constant('alloc'), size: fc.constantFrom(8, 13, 64, 200) }),
          fc.record({ kind: fc.constant('result'), text: fc.string({ maxLength: 12 }) }),
          fc.record({ kind: fc.constantFrom('free', 'dispose', 'freeBuffer', 'dealloc', 'bareDealloc', 'drop'), pick: fc.nat() }),
          fc.constant({ kind: 'gc' }),
        );
        const dispose = Symbol.dispose ?? Symbol.for('Symbol.dispose');
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
              for (const [block, pattern] of held) same(block.view().array, pattern, `block 0x${block.ptr.toString(16)} kept its bytes`);
            };
            // Each step runs in a plain function, so a dropped Block is not
            // kept alive by this async function's saved registers.
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
                else if (o.kind === 'dispose') block[dispose]();
                else if (o.kind === 'freeBuffer' && block.align === 1) raw.freeBuffer(block.ptr, block.byteLength);
                else if (o.kind === 'dealloc' || o.kind === 'freeBuffer') raw.dealloc(block.ptr, block.byteLength, block.align);
                else if (o.kind === 'bareDealloc') eq(raw.exports.dealloc(block.ptr, block.byteLength, block.align), 0);
                // 'drop': the Block is unreachable now; its finalizer frees it.
                if (o.kind !== 'drop') ok(block.freed, 'a given-back block knows it');
              }
            };
            for (const o of ops) {
              if (o.kind === 'gc') await collect();
              else apply(o);
              check();
            }
            // Let every dropped block be finalized, then give back the rest.
            await settle(() => raw.heapStats().hostBlocks <= held.length, 200);
            check();
            eq(raw.heapStats().hostBlocks, held.length, 'exactly the held blocks are live');
            for (const [block] of held) block.free();
            held = [];
            eq(raw.heapStats().hostBlocks, 0, 'every block given back once');
          }),
          { numRuns: runs },
        );
      },
    ],
  ];
}
