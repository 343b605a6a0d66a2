// @ts-check
// Where a file shipped in this package is, for the Node entries: beside
// the module that asks (`relative` to `from`, its import.meta.url), or,
// when that module was bundled into someone's script (esbuild, rollup or
// webpack for Node), wherever Node resolves the package's export of the
// file from the bundle's own location, so the bundle runs without copying
// the .wasm files by hand.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * @param {string} relative the file's path relative to `from`
 * @param {string} exported its subpath in the package's `exports` map
 * @param {string} from the asking module's import.meta.url
 * @returns {URL}
 */
export function packagedFile(relative, exported, from) {
  const beside = new URL(relative, from);
  if (existsSync(beside)) return beside;
  try {
    return pathToFileURL(createRequire(from).resolve(`rust-wasm-memory/${exported}`));
  } catch {
    return beside; // reading it then fails with an error naming the expected place
  }
}
