import * as m from 'rust-wasm-memory';
import { loadRaw } from 'rust-wasm-memory/raw';

const raw = await loadRaw();
const u32 = Uint32Array.from({ length: 16 }, (_, i) => i * 3);
const byHand = () => {
  const b = raw.allocArray(Uint32Array.from(u32));
  try {
    return raw.callSum(b.ptr, 16);
  } finally {
    b.free();
  }
};
const fns = {
  bindgen: () => m.sumU32(u32),
  toolkit: () => raw.sumU32(u32),
  byHand,
  bare: () => raw.exports.sum_u32(8, 0),
  processBindgen: () => m.processString('hello'),
  processToolkit: () => raw.processString('hello'),
};
for (let r = 0; r < 3; r++) {
  const line = [];
  for (const [k, f] of Object.entries(fns)) {
    const N = 2e5;
    for (let i = 0; i < 1e4; i++) f();
    const t = performance.now();
    for (let i = 0; i < N; i++) f();
    line.push(`${k} ${(((performance.now() - t) * 1e6) / N).toFixed(0)}`);
  }
  console.log(line.join(' | '));
}
