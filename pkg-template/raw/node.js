// rust-wasm-memory/raw for Node: reads raw.wasm from disk (or fetches an
// http(s) URL) and wraps it in the typed toolkit.
import { readFile } from 'node:fs/promises';

import { packagedFile } from '../lib/packaged.js';
import { instantiate, instantiateKit } from './toolkit.js';

export * from './toolkit.js';

/** Where the packaged raw.wasm is (also from inside a bundle: see lib/packaged.js). */
export const RAW_WASM_URL = packagedFile('./raw.wasm', 'raw.wasm', import.meta.url);

/**
 * Loads raw.wasm and returns a `RawModule`. `source` may be a file path, a
 * `file:` or `http(s):` URL, a `Response`, bytes or a `WebAssembly.Module`;
 * by default the copy shipped in this package.
 */
export async function loadRaw(source = RAW_WASM_URL) {
  if (typeof source === 'string' && !/^https?:/.test(source)) return instantiate(readFile(source));
  if (source instanceof URL && source.protocol === 'file:') return instantiate(readFile(source));
  if (typeof source === 'string' || source instanceof URL) return instantiate(fetch(source));
  return instantiate(source);
}

/**
 * Loads a module built with rust-wasm-memory-kit and returns its
 * `KitModule`. `source` may be a file path, a `file:` or `http(s):` URL, a
 * `Response`, bytes or a `WebAssembly.Module`; `imports` is the import
 * object (default none).
 * @param {string | URL | Response | BufferSource | WebAssembly.Module} source
 * @param {WebAssembly.Imports} [imports]
 */
export async function loadKit(source, imports = {}) {
  if (typeof source === 'string' && !/^https?:/.test(source)) return instantiateKit(readFile(source), imports);
  if (source instanceof URL && source.protocol === 'file:') return instantiateKit(readFile(source), imports);
  if (typeof source === 'string' || source instanceof URL) return instantiateKit(fetch(source), imports);
  return instantiateKit(source, imports);
}
