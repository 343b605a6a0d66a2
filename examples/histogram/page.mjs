// The example's page: histogram.wasm through the toolkit, with the
// package's inspector watching its memory. Runs under the strict
// Content-Security-Policy of index.html (no inline script or style).
import { createInspector } from 'rust-wasm-memory/inspector';
import { loadKit } from 'rust-wasm-memory/raw';

import { bind } from './histogram.mjs';

/** Policy violations the page saw (the tests read it). */
const violations = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective}: ${e.blockedURI}`));

/** @param {string} id */
const $ = (id) => /** @type {HTMLInputElement} */ (document.getElementById(id));

const kit = await loadKit(new URL('./dist/histogram.wasm', import.meta.url));
const { histogram } = bind(kit);
const inspector = createInspector($('inspector'), { kit });
$('kit').textContent = `kit ${kit.handshake.kitVersion}, ABI ${kit.handshake.abiVersion}; exports: ${Object.keys(kit.exports).join(', ')}`;

/** A deterministic generator, so a run can be repeated. */
function* random(seed) {
  let s = seed >>> 0 || 1;
  for (;;) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    yield (s >>> 0) / 2 ** 32;
  }
}

/** `n` values, uniform in [0, 1) or roughly normal around 0.5. */
function values(n, shape, seed) {
  const r = random(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    out[i] = shape === 'normal' ? 0.5 + (r.next().value + r.next().value + r.next().value - 1.5) / 3 : r.next().value;
  }
  return out;
}

/** Draws the counts as rows of bars, with text only (no inline style). */
function draw(bins, lo, hi) {
  const list = $('bins');
  list.replaceChildren();
  const most = Math.max(1, ...bins);
  const width = (hi - lo) / bins.length;
  bins.forEach((count, i) => {
    const li = document.createElement('li');
    const meter = document.createElement('meter');
    meter.min = 0;
    meter.max = most;
    meter.value = count;
    const label = document.createElement('span');
    label.textContent = `[${(lo + i * width).toFixed(2)}, ${(lo + (i + 1) * width).toFixed(2)}): ${count}`;
    li.append(meter, label);
    list.append(li);
  });
}

async function run() {
  $('error').textContent = '';
  try {
    const n = Number($('count').value);
    const lo = Number($('lo').value);
    const hi = Number($('hi').value);
    const bins = new Uint32Array(Number($('nbins').value));
    const data = values(n, $('shape').value, Number($('seed').value));
    const outside = await inspector.track(`histogram of ${n} values`, () => histogram(data, lo, hi, bins));
    draw(bins, lo, hi);
    $('summary').textContent = `${n - outside} values in ${bins.length} bins, ${outside} outside [${lo}, ${hi})`;
  } catch (e) {
    $('error').textContent = `${/** @type {Error} */ (e).name}: ${/** @type {Error} */ (e).message}`;
  }
}

$('form').addEventListener('submit', (event) => {
  event.preventDefault();
  run();
});

await run();
/** @type {any} */ (window).example = { kit, histogram, inspector, violations };
document.body.dataset.ready = 'true';
