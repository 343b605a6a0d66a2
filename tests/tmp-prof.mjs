import { loadRaw } from 'rust-wasm-memory/raw';
const raw = await loadRaw();
const u32 = Uint32Array.from({ length: 16 }, (_, i) => i * 3);
const steps = {
  alloc_free: () => raw.alloc(64, 4).free(),
  allocArray_free: () => raw.allocArray(u32).free(),
  exports_alloc_dealloc: () => raw.exports.dealloc(raw.exports.alloc(64, 4), 64, 4),
};
for (const [k, f] of Object.entries(steps)) { const N = 1e5; for (let i = 0; i < 1e4; i++) f(); const t = performance.now(); for (let i = 0; i < N; i++) f(); console.log(k, ((performance.now() - t) * 1e6 / N).toFixed(0)); }
