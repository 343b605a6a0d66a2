import { loadRaw } from 'rust-wasm-memory/raw';
const raw = await loadRaw();
const N = 3e5; const t = performance.now(); for (let i = 0; i < N; i++) raw.alloc(64, 4).free(); console.log(((performance.now() - t) * 1e6 / N).toFixed(0));
