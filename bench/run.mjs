#!/usr/bin/env node
// `npm run bench`: the suite in Node, then in headless Chromium and Firefox
// (same code, served from the repo root, driven over WebDriver). Prints
// progress and a table per runtime, and writes bench/results.json with the
// runtime versions, sizes, medians, ratios and targets of this one run; a
// full run also replaces BENCHMARKS.json, the committed copy.
//
//   node bench/run.mjs [--sizes 16,64] [--only node|faces|registry|chromium|firefox ...]
// --sizes runs the kernels at those element counts only, without the string
// kernels: a quick look, never a full run (BENCHMARKS.json is left alone).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, homedir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as m from 'rust-wasm-memory';
import { loadRaw } from 'rust-wasm-memory/raw';
import { Bench } from 'tinybench';

import { serveStatic } from '../tests/js/support/static-server.mjs';
import { withBrowser } from '../tests/js/support/webdriver.mjs';
import { faceTargets, runFaces } from './faces.mjs';
import { assembleFloor } from './floor.mjs';
import { runRegistry } from './registry.mjs';
import { runSuite, SIZES } from './suite.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv.includes('--only') ? process.argv.slice(process.argv.indexOf('--only') + 1) : ['node', 'chromium', 'firefox'];
const sizesArg = process.argv.includes('--sizes') ? process.argv[process.argv.indexOf('--sizes') + 1] : undefined;
const sizes = sizesArg ? sizesArg.split(',').map(Number) : SIZES;
if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`--sizes takes element counts like 16,64; got ${sizesArg}`);
const options = sizesArg ? { sizes, stringSizes: [] } : {};

function table(name, out) {
  console.log(`\n${name}: speed-up against the JS loop (×; >1 is faster), and time against memcpy`);
  for (const r of out.ratios) {
    const mem = r.timeVsMemcpy ? `  ${r.timeVsMemcpy.toFixed(2)}× memcpy` : '';
    console.log(`  ${r.kernel.padEnd(15)} n=${String(r.size).padEnd(8)} ${r.path.padEnd(9)} ${(r.speedupVsJs ?? NaN).toFixed(2).padStart(7)}×${mem}`);
  }
  console.log(`${name} targets:`);
  for (const t of out.targets) {
    const floor = t.atFloor === undefined ? '' : ` (at the floor: ${t.atFloor.toFixed(2)}${t.possible ? '' : ', impossible here'})`;
    console.log(`  ${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.value?.toFixed(2)}${floor}`);
  }
}

const wasmSize = (file) => {
  const bytes = readFileSync(join(root, 'pkg', file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};

const report = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30) },
  sizes,
  wasm: { bindgen: wasmSize('glue/rust_wasm_memory_bg.wasm'), raw: wasmSize('raw/raw.wasm') },
  runtimes: {},
};
report.wasm.targets = [
  { target: 'release .wasm ≤60 KB raw', value: report.wasm.bindgen.raw / 1000, limit: 60, met: report.wasm.bindgen.raw <= 60000 },
  { target: 'release .wasm ≤25 KB gzip', value: report.wasm.bindgen.gzip / 1000, limit: 25, met: report.wasm.bindgen.gzip <= 25000 },
];

// The hand-written floors (bench/floor.wat), for Node here and for the
// browsers' page, which fetches them from pkg/bench/.
const floorBytes = assembleFloor();
mkdirSync(join(root, 'pkg', 'bench'), { recursive: true });
writeFileSync(join(root, 'pkg', 'bench', 'floor.wasm'), floorBytes);
const floorExports = async () => /** @type {any} */ ((await WebAssembly.instantiate(floorBytes)).instance.exports);

if (only.includes('node')) {
  console.log(`== node ${process.version}`);
  const out = await runSuite({ Bench, m, raw: await loadRaw(), floor: await floorExports(), log: (l) => console.log(`[node] ${l}`) }, options);
  report.runtimes.node = { version: process.version, ...out };
  table('node', out);
}

if (only.includes('node') || only.includes('faces')) {
  // The per-call cost of every face: Node (bindgen, raw, jco, node:wasi),
  // then Python (the component and the command under wasmtime).
  console.log('\n== per-call cost by face');
  report.faces = { node: await runFaces({ log: (l) => console.log(`[faces] ${l}`) }) };
  report.faces.targets = faceTargets(report.faces.node);
  for (const t of report.faces.targets) console.log(`  ${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.value?.toFixed(2)}`);
  const python = join(process.env.RWM_VENV ?? join(homedir(), '.cache', 'rust-wasm-memory', 'venv'), 'bin', 'python');
  if (existsSync(python)) {
    report.faces.python = JSON.parse(execFileSync(python, [join(root, 'bench', 'faces.py')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  }
}

if (only.includes('node') || only.includes('registry')) {
  // The raw ABI's block registry with up to 1e5 live blocks.
  console.log('\n== raw block registry (alloc + free, by live blocks and order)');
  report.registry = await runRegistry({ log: (l) => console.log(`[registry] ${l}`) });
}

const browsers = only.filter((b) => b === 'chromium' || b === 'firefox');
if (browsers.length) {
  // Cross-origin isolation gives pages finer timers (Chromium: 5 µs
  // instead of 100 µs); every resource here is same-origin.
  const server = await serveStatic(root, { headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' } });
  try {
    for (const browser of browsers) {
      console.log(`\n== ${browser}`);
      await withBrowser(browser, async (session) => {
        await session.goto(`${server.url}bench/page.html${sizesArg ? `?sizes=${sizesArg}` : ''}`);
        let shown = 0;
        for (let json = null; !json; ) {
          const state = await session.execute('return [window.__bench ?? null, window.__benchProgress ?? []]');
          for (const line of state[1].slice(shown)) console.log(`[${browser}] ${line}`);
          shown = state[1].length;
          json = state[0];
          if (json) {
            const out = JSON.parse(json);
            if (out.error) throw new Error(`${browser}: ${out.error}`);
            report.runtimes[browser] = { version: out.userAgent, ...out };
            table(browser, out);
          } else await new Promise((r) => setTimeout(r, 500));
        }
      });
    }
  } finally {
    await server.close();
  }
}

const json = `${JSON.stringify(report, null, 2)}\n`;
writeFileSync(join(root, 'bench', 'results.json'), json);
// A full run (every runtime, the faces and the registry) replaces the
// committed copy that BENCHMARKS.md is rendered from; diff two runs with
// `node bench/diff.mjs OLD NEW`.
const full = !sizesArg && ['node', 'chromium', 'firefox'].every((r) => report.runtimes[r]) && report.faces && report.registry;
if (full) writeFileSync(join(root, 'BENCHMARKS.json'), json);
console.log(`\nwasm size: ${report.wasm.bindgen.raw} B raw, ${report.wasm.bindgen.gzip} B gzip (raw.wasm ${report.wasm.raw.raw} / ${report.wasm.raw.gzip})`);
for (const t of report.wasm.targets) console.log(`  ${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${t.value.toFixed(1)} KB`);
console.log(`wrote bench/results.json${full ? ' and BENCHMARKS.json (a full run)' : ''}`);
