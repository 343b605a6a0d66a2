#!/usr/bin/env node
// Renders BENCHMARKS.json (the committed copy of the last full run of
// `npm run bench`) as Markdown tables, and replaces the block between the
// results markers in BENCHMARKS.md, so the document always shows one real
// run.
//   node bench/report.mjs                 rewrite BENCHMARKS.md
//   node bench/report.mjs --stdout        print only
//   node bench/report.mjs --from FILE     render another results file
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = process.argv.includes('--from') ? process.argv[process.argv.indexOf('--from') + 1] : join(root, 'BENCHMARKS.json');
const report = JSON.parse(readFileSync(from, 'utf8'));

const t = (ns) => (ns === undefined ? '—' : ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(1)} µs` : `${Math.round(ns)} ns`);
const x = (v) => (v === undefined || v === null || !Number.isFinite(v) ? '—' : `${v.toFixed(1)}×`);
const lines = [];
lines.push(`Run of ${report.date.slice(0, 10)} on ${report.machine.cpus} × ${report.machine.cpuModel}, ${report.machine.memoryGiB} GiB.`, '');
lines.push(
  `Release .wasm: wasm-bindgen build ${report.wasm.bindgen.raw} B raw / ${report.wasm.bindgen.gzip} B gzip; raw.wasm ${report.wasm.raw.raw} B / ${report.wasm.raw.gzip} B.`,
  '',
);

for (const [name, rt] of Object.entries(report.runtimes)) {
  lines.push(`### ${name}`, '', `\`${rt.version}\``, '');
  if (rt.callSites)
    lines.push(`Each task's calls come from ${rt.callSites === 'own' ? 'a loop compiled for that task alone' : 'one loop shared by every task'}.`, '');
  lines.push('| kernel | n | js | copy | zeroCopy | raw | memcpy | best wasm vs js |', '|---|---|---|---|---|---|---|---|');
  const keys = [...new Set(rt.results.map((r) => `${r.kernel}|${r.size}`))];
  for (const key of keys) {
    const [kernel, size] = key.split('|');
    const get = (p) => rt.results.find((r) => r.kernel === kernel && r.size === Number(size) && r.path === p)?.medianNs;
    const best = Math.max(...rt.ratios.filter((r) => r.kernel === kernel && r.size === Number(size)).map((r) => r.speedupVsJs));
    lines.push(`| ${kernel} | ${size} | ${t(get('js'))} | ${t(get('copy'))} | ${t(get('zeroCopy'))} | ${t(get('raw'))} | ${t(get('memcpy'))} | ${x(best)} |`);
  }
  lines.push('', '| target | measured | | at the floor |', '|---|---|---|---|');
  const num = (v) => (v === null || v === undefined ? '—' : v.toFixed(2));
  for (const tg of rt.targets) {
    const floor = tg.atFloor === undefined ? '—' : `${num(tg.atFloor)}${tg.possible ? '' : ' (**impossible here**)'}`;
    lines.push(`| ${tg.target} | ${num(tg.value)} | ${tg.met ? 'met' : '**missed**'} | ${floor} |`);
  }
  lines.push('', `JS baselines in ${name}: the fastest (the **js** column above) and the loop the earlier runs compared against.`, '');
  lines.push('| kernel | n | fastest JS | its time | loop, length read each iteration | slowest tried |', '|---|---|---|---|---|---|');
  for (const r of rt.results.filter((x) => x.path === 'js')) {
    const tried = rt.results.filter((x) => x.kernel === r.kernel && x.size === r.size && x.path.startsWith('js:'));
    const old = tried.find((x) => x.path === 'js:loop, length read each iteration');
    const slow = tried.reduce((a, b) => (b.medianNs > a.medianNs ? b : a));
    lines.push(`| ${r.kernel} | ${r.size} | ${r.baseline} | ${t(r.medianNs)} | ${old ? t(old.medianNs) : '—'} | ${slow.path.slice(3)}: ${t(slow.medianNs)} |`);
  }
  if (rt.floors?.length) {
    lines.push('', `Floors in ${name} (hand-written wasm, bench/floor.wat): what the boundary and the division cost by themselves.`, '');
    lines.push('| floor | n | time |', '|---|---|---|');
    for (const f of rt.floors) lines.push(`| ${f.floor} | ${f.size} | ${t(f.medianNs)} |`);
  }
  lines.push('');
}
if (report.faces) {
  lines.push(
    '### Per-call cost by face',
    '',
    'Median time of one call, whole round trip from the host (arguments in, result out). The Node faces of one call are timed together in five interleaved rounds, in batches of calls that last about 5 ms; the toolkit rows come after all of its declared one-slice calls have run.',
    '',
  );
  const rows = [...(report.faces.node ?? []), ...(report.faces.python ?? [])];
  const callNames = [...new Set(rows.map((r) => r.call))];
  const faceNames = [...new Set(rows.map((r) => r.face))];
  lines.push(`| face | ${callNames.join(' | ')} |`, `|---|${callNames.map(() => '---').join('|')}|`);
  for (const face of faceNames) {
    lines.push(`| ${face} | ${callNames.map((c) => t(rows.find((r) => r.face === face && r.call === c)?.medianNs)).join(' | ')} |`);
  }
  lines.push('');
  if (report.faces.targets?.length) {
    lines.push('| face target | measured | |', '|---|---|---|');
    for (const tg of report.faces.targets) lines.push(`| ${tg.target} | ${tg.value?.toFixed(2) ?? '—'} | ${tg.met ? 'met' : '**missed**'} |`);
    lines.push('');
  }
}
if (report.registry) {
  lines.push('### Raw block registry', '', 'Median time of one `alloc(16, 4)` + `dealloc` pair on raw.wasm, with that many other blocks live (Node).', '');
  const live = [...new Set(report.registry.map((r) => r.live))];
  const patterns = [...new Set(report.registry.map((r) => r.pattern))];
  lines.push(`| order | ${live.map((n) => `${n} live`).join(' | ')} |`, `|---|${live.map(() => '---').join('|')}|`);
  for (const p of patterns) lines.push(`| ${p} | ${live.map((n) => t(report.registry.find((r) => r.live === n && r.pattern === p)?.medianNs)).join(' | ')} |`);
  lines.push('');
}
lines.push('| size target | measured | |', '|---|---|---|');
for (const tg of report.wasm.targets) lines.push(`| ${tg.target} | ${tg.value.toFixed(1)} KB | ${tg.met ? 'met' : '**missed**'} |`);
const block = lines.join('\n');

if (process.argv.includes('--stdout')) {
  console.log(block);
} else {
  const file = join(root, 'BENCHMARKS.md');
  const doc = readFileSync(file, 'utf8');
  const start = '<!-- results:start -->';
  const end = '<!-- results:end -->';
  const a = doc.indexOf(start);
  const b = doc.indexOf(end);
  if (a < 0 || b < a) throw new Error('BENCHMARKS.md lacks the results markers');
  writeFileSync(file, `${doc.slice(0, a + start.length)}\n${block}\n${doc.slice(b)}`);
  console.log(`BENCHMARKS.md updated from ${from}`);
}
