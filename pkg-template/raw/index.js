// rust-wasm-memory/raw for browsers and bundlers: loads raw.wasm (zero
// imports) with fetch and wraps it in the typed toolkit.
import { instantiate } from './toolkit.js';

export * from './toolkit.js';

/** Where the packaged raw.wasm is (bundlers emit it as an asset). */
export const RAW_WASM_URL = new URL('./raw.wasm', import.meta.url);

/**
 * Loads raw.wasm and returns a `RawModule`. `source` may be a URL or string
 * (fetched), a `Response`, bytes or a compiled `WebAssembly.Module`;
 * by default the copy shipped in this package.
 */
export async function loadRaw(source = RAW_WASM_URL) {
  if (typeof source === 'string' || source instanceof URL) return instantiate(fetch(source));
  return instantiate(source);
}
