// Runs a shared case suite (tests/shared/<suite>-cases.mjs) in the page and
// publishes the results for the WebDriver runner (tests/js/browsers.test.mjs):
// window.__results (JSON) and body[data-done]. Served from the repo root.
const suite = new URLSearchParams(location.search).get('suite') ?? 'raw';
const log = document.getElementById('log');
const results = [];

async function environment() {
  const toolkit = await import('/pkg/raw/index.js');
  const bindgen = await import('/pkg/lib/index.js');
  await bindgen.default();
  const testing = await import('/pkg/lib/testing.js');
  return {
    bindgen,
    toolkit,
    // The hardening suite at browser scale (Node runs 1e5 inputs per API
    // and a 1e6-call soak); growth keeps its 1e4 rounds.
    fc: ['hardening', 'reentrancy', 'adversary', 'finalizer', 'kit', 'buffers'].includes(suite) ? (await import('fast-check')).default : undefined,
    runs: { finalizer: 100, kit: 500 }[suite] ?? 2000,
    growthRounds: 10000,
    soakCalls: 100000,
    rawBytes: async () => (await fetch('/pkg/raw/raw.wasm')).arrayBuffer(),
    histogramBytes: async () => (await fetch('/examples/histogram/dist/histogram.wasm')).arrayBuffer(),
    bindgenExports: async () => testing.currentExports(),
    // The hidden export that panics on purpose (the panic suite only).
    panicProbe: testing.panicProbe,
    externrefsLive: testing.externrefsLive,
    refusedCalls: 10000,
    // The finalizer suite: one compiled raw.wasm for every new module, and
    // a collection: Chromium runs with --js-flags=--expose-gc; Firefox has
    // no forced GC in a page, so allocation pressure makes it collect.
    loadRaw: await (async () => {
      const compiled = WebAssembly.compile(await (await fetch('/pkg/raw/raw.wasm')).arrayBuffer());
      return async () => toolkit.instantiate(await compiled);
    })(),
    collect: async () => {
      if (typeof globalThis.gc === 'function') globalThis.gc();
      else {
        let junk = [];
        for (let i = 0; i < 200; i++) junk.push(new Array(10000).fill(i));
        junk = null;
      }
      await new Promise((r) => setTimeout(r, 10));
    },
  };
}

try {
  const { [`${suite}Cases`]: cases } = await import(`/tests/shared/${suite}-cases.mjs`);
  for (const [name, fn] of await cases(await environment())) {
    const started = performance.now();
    try {
      await fn();
      results.push({ name, ok: true, ms: performance.now() - started });
    } catch (e) {
      results.push({ name, ok: false, error: `${e?.name}: ${e?.message}\n${e?.stack ?? ''}` });
    }
    log.textContent += `${results.at(-1).ok ? 'ok  ' : 'FAIL'} ${name}\n`;
  }
} catch (e) {
  results.push({ name: `load suite ${suite}`, ok: false, error: `${e?.name}: ${e?.message}` });
}
window.__results = JSON.stringify(results);
document.body.dataset.done = 'true';
