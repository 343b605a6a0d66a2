#!/usr/bin/env node
// Compares two results files of `npm run bench` (for example the committed
// BENCHMARKS.json against a new bench/results.json): every median both
// runs have, as new/old time (below 1 is faster), per runtime.
//   node bench/diff.mjs OLD NEW [--min 1.2]   only changes beyond ×1.2 either way
import { readFileSync } from 'node:fs';

const [oldFile, newFile] = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && all[i - 1] !== '--min');
if (!oldFile || !newFile) {
  console.error('usage: node bench/diff.mjs OLD.json NEW.json [--min FACTOR]');
  process.exit(2);
}
const min = process.argv.includes('--min') ? Number(process.argv[process.argv.indexOf('--min') + 1]) : 1;
const load = (f) => JSON.parse(readFileSync(f, 'utf8'));
const [a, b] = [load(oldFile), load(newFile)];
const fmt = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(1)} µs` : `${Math.round(ns)} ns`);
console.log(`old: ${a.date}   new: ${b.date}`);
for (const [name, rt] of Object.entries(b.runtimes)) {
  const before = a.runtimes[name];
  if (!before) continue;
  console.log(`\n${name}`);
  // Runs before the loops of their own (see loopFor in suite.mjs) have no
  // callSites; they used the shared loop.
  const sites = [before.callSites ?? 'shared', rt.callSites ?? 'shared'];
  if (sites[0] !== sites[1]) console.log(`  (call sites: ${sites[0]} → ${sites[1]}; small calls are not timed alike)`);
  for (const r of rt.results) {
    const o = before.results.find((x) => x.kernel === r.kernel && x.size === r.size && x.path === r.path);
    if (!o) continue;
    const f = r.medianNs / o.medianNs;
    if (f < min && 1 / f < min) continue;
    const note = r.path === 'js' && (o.baseline ?? 'loop') !== r.baseline ? `  (baseline: ${o.baseline ?? 'the old loop'} → ${r.baseline})` : '';
    console.log(
      `  ${r.kernel.padEnd(15)} n=${String(r.size).padEnd(8)} ${r.path.slice(0, 40).padEnd(40)} ${fmt(o.medianNs).padStart(10)} → ${fmt(r.medianNs).padStart(10)}  ×${f.toFixed(2)}${note}`,
    );
  }
  for (const t of rt.targets) {
    const o = before.targets.find((x) => x.target === t.target);
    console.log(`  target ${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${o?.value?.toFixed(2) ?? '—'} → ${t.value?.toFixed(2) ?? '—'}`);
  }
}
const faceRows = (/** @type {any} */ r) => [...(r.faces?.node ?? []), ...(r.faces?.python ?? [])];
if (faceRows(b).length) console.log('\nfaces');
for (const r of faceRows(b)) {
  const o = faceRows(a).find((x) => x.call === r.call && x.face === r.face);
  if (!o) continue;
  const f = r.medianNs / o.medianNs;
  if (f < min && 1 / f < min) continue;
  console.log(`  ${r.call.padEnd(24)} ${r.face.slice(0, 40).padEnd(40)} ${fmt(o.medianNs).padStart(10)} → ${fmt(r.medianNs).padStart(10)}  ×${f.toFixed(2)}`);
}
for (const t of b.faces?.targets ?? []) {
  const o = a.faces?.targets?.find((x) => x.target === t.target);
  console.log(`\nfaces target ${t.met ? 'met   ' : 'MISSED'} ${t.target}: ${o?.value?.toFixed(2) ?? '—'} → ${t.value?.toFixed(2) ?? '—'}`);
}
