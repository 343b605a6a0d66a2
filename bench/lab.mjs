// The lab's speed, measured (never asserted in a test): the static build of
// `npm run build:www` served by a plain file server to headless Chromium.
//
// - load: from navigation start to the page's data-ready (every panel
//   wired, the first calls made), median of 5 loads with the cache off;
// - transfer: every response the page fetched, gzip-compressed as a server
//   would send it;
// - redraw: the inspector's map with 10,000 host blocks live (the bare
//   `alloc` export, 16 bytes each), median of 20 draws.
//
// Writes bench/lab-results.json and prints a summary. `npm run bench`
// runs it after the kernels.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { launchChromium } from '../tests/js/support/browser.mjs';
import { serveStatic } from '../tests/js/support/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'rwm-lab-bench-'));
await build({ configFile: join(root, 'www', 'vite.config.js'), logLevel: 'silent', build: { outDir: dir, emptyOutDir: true } });
const server = await serveStatic(dir);
const browser = await launchChromium();
try {
  const loads = [];
  /** @type {Map<string, number>} */
  const transfer = new Map();
  for (let i = 0; i < 5; i++) {
    const page = await browser.newPage();
    // Every load from the network, as a first visit.
    await (await browser.context.newCDPSession(page)).send('Network.setCacheDisabled', { cacheDisabled: true });
    page.on('response', (r) => {
      const path = new URL(r.url()).pathname;
      if (r.status() === 200 && !transfer.has(path))
        transfer.set(path, gzipSync(readFileSync(join(dir, path.endsWith('/') ? `${path}index.html` : path))).length);
    });
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
    loads.push(await page.evaluate(() => performance.now()));
    await page.close();
  }
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
  const redraw = await page.evaluate(() => {
    const x = window.wasm.raw.exports;
    const ptrs = [];
    for (let i = 0; i < 10000; i++) ptrs.push(x.alloc(16, 4));
    const times = [];
    for (let i = 0; i < 20; i++) {
      window.wasm.inspector.refresh();
      times.push(window.wasm.inspector.lastDrawMs);
    }
    const blocks = window.wasm.inspector.map.blocks.length;
    for (const p of ptrs) x.dealloc(p, 16, 4);
    window.wasm.inspector.refresh();
    times.sort((a, b) => a - b);
    return { blocks, medianMs: times[10], maxMs: times.at(-1) };
  });
  const totalGzip = [...transfer.values()].reduce((a, b) => a + b, 0);
  const results = {
    date: new Date().toISOString(),
    loadToReadyMs: { median: Math.round(median(loads)), all: loads.map(Math.round) },
    transferGzipBytes: totalGzip,
    transferFiles: Object.fromEntries(transfer),
    redraw10kBlocks: redraw,
  };
  writeFileSync(join(root, 'bench', 'lab-results.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `lab: ready in ${results.loadToReadyMs.median} ms (median of 5; target 1000), ${(totalGzip / 1024).toFixed(1)} KiB gzip transferred (target 300 KB), map redraw with ${redraw.blocks} blocks ${redraw.medianMs.toFixed(1)} ms median, ${redraw.maxMs.toFixed(1)} ms max (target 16)`,
  );
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}
