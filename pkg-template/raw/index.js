// rust-wasm-memory/raw for browsers and bundlers: loads raw.wasm (zero
// imports) with fetch and wraps it in the typed toolkit.
import { instantiate, instantiateKit } from './toolkit.js';

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

/**
 * Loads a module built with rust-wasm-memory-kit and returns its
 * `KitModule`. `source` may be a URL or string (fetched), a `Response`,
 * bytes or a compiled `WebAssembly.Module`; `imports` is the import object
 * (default none).
 * @param {string | URL | Response | BufferSource | WebAssembly.Module} source
 * @param {WebAssembly.Imports} [imports]
 */
export async function loadKit(source, imports = {}) {
  if (typeof source === 'string' || source instanceof URL) return instantiateKit(fetch(source), imports);
  return instantiateKit(source, imports);
}
