// Only the small sizes (16 and 64 elements) of the suite, in Node: the
// call overhead of every path. node bench/small.mjs

import * as m from 'rust-wasm-memory';
import { loadRaw } from 'rust-wasm-memory/raw';
import { Bench } from 'tinybench';

import { runSuite } from './suite.mjs';

const out = await runSuite({ Bench, m, raw: await loadRaw(), log: () => {} }, { sizes: [16, 64], stringSizes: [] });
for (const r of out.results) console.log(`${r.kernel.padEnd(10)} n=${String(r.size).padEnd(3)} ${r.path.padEnd(9)} ${r.medianNs.toFixed(0).padStart(6)} ns`);
for (const t of out.targets) console.log(`${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.value.toFixed(2)}`);
