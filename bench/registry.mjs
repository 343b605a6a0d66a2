// The raw ABI's block registry (a sorted Vec, crates/raw/src/abi/memory.rs)
// with many blocks live. Two patterns, each one alloc + one dealloc per
// iteration on raw.wasm's bare exports:
//   lifo: allocate a block and give it straight back (the usual pattern);
//   fifo: give back the oldest live block, allocate a new one (without the
//         registry's tombstones, every free would shift all the others);
//   random: give back a random live block, allocate a new one.
// Also run by bench/run.mjs; alone: node bench/registry.mjs

import { loadRaw } from 'rust-wasm-memory/raw';
import { Bench } from 'tinybench';

import { fmt } from './suite.mjs';

export const LIVE = [0, 100, 1000, 10000, 100000];

export async function runRegistry({ log = console.log } = {}) {
  const rows = [];
  for (const live of LIVE) {
    // A fresh module per size, so each starts from an empty registry.
    const { exports: x } = await loadRaw();
    // The live blocks as a ring (oldest at `head`), so the JS side costs
    // the same at every size.
    const ring = new Uint32Array(Math.max(live, 1));
    for (let i = 0; i < live; i++) ring[i] = x.alloc(16, 4);
    if (ring.subarray(0, live).includes(0)) throw new Error(`could not allocate ${live} blocks`);
    let head = 0;
    const bench = new Bench({ time: 300, warmupTime: 50 });
    bench.add('lifo', () => {
      const p = x.alloc(16, 4);
      x.dealloc(p, 16, 4);
    });
    bench.add('fifo', () => {
      if (live === 0) {
        x.dealloc(x.alloc(16, 4), 16, 4);
        return;
      }
      x.dealloc(ring[head], 16, 4);
      ring[head] = x.alloc(16, 4);
      head = (head + 1) % live;
    });
    let seed = 12345;
    bench.add('random', () => {
      if (live === 0) {
        x.dealloc(x.alloc(16, 4), 16, 4);
        return;
      }
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const k = seed % live;
      x.dealloc(ring[k], 16, 4);
      ring[k] = x.alloc(16, 4);
    });
    await bench.run();
    for (const task of bench.tasks) {
      const median = task.result.latency?.p50 ?? task.result.p50;
      rows.push({ live, pattern: task.name, medianNs: median * 1e6 });
      log(`live=${String(live).padEnd(6)} ${task.name}: ${fmt(median * 1e6)} per alloc + free`);
    }
    if (x.heap_live_allocations() < live) throw new Error('blocks went missing');
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) await runRegistry();
