// Benchmark panel: bench/suite.mjs (the suite `npm run bench` runs) in this
// page, with a progress bar, a table and one uPlot chart per kernel. The js
// timings are the fastest of bench/baselines.mjs in this browser, as in
// `npm run bench`.

import { loadRaw } from 'rust-wasm-memory/raw';
import { Bench } from 'tinybench';
import uPlot from 'uplot';
import { fmt, runSuite } from '../../bench/suite.mjs';
import { $, $of, guarded, row } from './util.js';

const PATHS = [
  ['js', '#6b7280'],
  ['copy', '#ea580c'],
  ['zeroCopy', '#2563eb'],
  ['raw', '#16a34a'],
];
const SIZES = { quick: [16, 1024, 65536], full: [16, 64, 1024, 65536, 1048576, 4194304] };

/** @param {{ m: typeof import('rust-wasm-memory') }} lab */
export function benchPanel({ m }) {
  const button = $('bench-run');
  const progress = $of('bench-progress', HTMLProgressElement);
  const status = $('bench-status');
  /** @type {uPlot[]} */
  let charts = [];

  button.addEventListener(
    'click',
    guarded('bench-error', async () => {
      const checked = /** @type {HTMLInputElement | null} */ (document.querySelector('input[name="bench-sizes"]:checked'));
      const sizes = checked?.value === 'full' ? SIZES.full : SIZES.quick;
      button.disabled = true;
      progress.value = 0;
      status.textContent = 'Running…';
      try {
        // A separate raw.wasm instance, so the bench never touches the
        // blocks the other panels show.
        const raw = await loadRaw();
        const total = 3 * sizes.length;
        const out = await runSuite(
          {
            Bench,
            m,
            raw,
            log: (/** @type {string} */ line) => {
              const done = Number(/^\[(\d+)\//.exec(line)?.[1] ?? 0);
              progress.value = done / total;
              status.textContent = line;
            },
          },
          // The lab's Content-Security-Policy forbids compiling code.
          { sizes, stringSizes: [], callSites: 'shared' },
        );
        progress.value = 1;
        status.textContent = `Done: ${out.results.length} timings in this browser.`;
        render(out.results, sizes);
        document.body.dataset.benchDone = 'true';
      } finally {
        button.disabled = false;
      }
    }),
  );

  /**
   * @param {import('../../bench/suite.mjs').Result[]} results
   * @param {number[]} sizes
   */
  function render(results, sizes) {
    const tbody = $('bench-rows');
    tbody.replaceChildren();
    for (const kernel of ['normalize', 'sum_u32', 'fill_doubles']) {
      for (const n of sizes) {
        const at = (/** @type {string} */ path) => results.find((r) => r.kernel === kernel && r.size === n && r.path === path);
        row(tbody, [kernel, String(n), ...PATHS.map(([p]) => fmt(at(p)?.medianNs ?? Number.NaN)), at('js')?.baseline ?? '']);
      }
    }
    $('bench-table').hidden = false;
    for (const chart of charts) chart.destroy();
    charts = [];
    const host = $('bench-charts');
    host.replaceChildren();
    for (const kernel of ['normalize', 'sum_u32', 'fill_doubles']) {
      const figure = document.createElement('figure');
      const caption = document.createElement('figcaption');
      caption.textContent = `${kernel}: median ns per call against n (log–log)`;
      figure.append(caption);
      host.append(figure);
      const data = [sizes, ...PATHS.map(([p]) => sizes.map((n) => results.find((r) => r.kernel === kernel && r.size === n && r.path === p)?.medianNs ?? null))];
      charts.push(
        new uPlot(
          {
            width: Math.max(280, Math.min(figure.clientWidth || 640, 720)),
            height: 240,
            legend: { live: false },
            scales: { x: { distr: 3, time: false }, y: { distr: 3 } },
            axes: [{ label: 'n (elements)' }, { label: 'ns', size: 60 }],
            series: [{ label: 'n' }, ...PATHS.map(([label, stroke]) => ({ label, stroke, width: 2, points: { show: true } }))],
          },
          /** @type {uPlot.AlignedData} */ (data),
          figure,
        ),
      );
    }
  }
}
