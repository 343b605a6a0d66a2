// @ts-check
// `describeModule(bytes)`: what a WebAssembly module exposes and needs,
// read in the page by inspect.wasm (wasmparser, the Bytecode Alliance's
// parser, built with rust-wasm-memory-kit), not by a hand-rolled parser.

import { types as t } from '../raw/declare.js';
import { instantiateKit } from '../raw/module.js';

/** The largest module `describeModule` reads: 32 MiB. */
export const MAX_MODULE_BYTES = 32 * 1024 * 1024;

/** Where the packaged reader is. */
export const INSPECT_WASM_URL = new URL('./inspect.wasm', import.meta.url);

/** @type {Promise<(bytes: Uint8Array) => string> | null} */
let reader = null;

/**
 * The reader, loaded on first use.
 * @param {BufferSource | WebAssembly.Module | Response | undefined} source
 */
function load(source) {
  reader ??= (async () => {
    const kit = await instantiateKit(source ?? fetch(INSPECT_WASM_URL));
    return kit.declare('describe_module', [t.slice(Uint8Array), t.ownedString], t.status, { name: 'describeModule' });
  })();
  reader.catch(() => {
    reader = null; // a failed load can be retried
  });
  return reader;
}

/**
 * @typedef {{ module: string, name: string, kind: string, params: string[], results: string[], initial: number, maximum: number | null }} ModuleImport
 * @typedef {{ name: string, kind: string, params: string[], results: string[] }} ModuleExport
 * @typedef {{ initial: number, maximum: number | null, shared: boolean, memory64: boolean }} ModuleMemory
 * @typedef {{ memory: number | null, offset: number | null, offsetText: string, size: number }} ModuleData
 * @typedef {{ type: string, mutable: boolean, imported: boolean, init: number | null, export: string | null }} ModuleGlobal
 * @typedef {{ data: { start: number, end: number } | null, stack: { start: number, end: number } | null, stackPointerGlobal: number | null, stackPointerExport: string | null, heapBase: number | null, heapBaseExported: boolean }} ModuleLayout
 * @typedef {{ size: number, imports: ModuleImport[], exports: ModuleExport[], memories: ModuleMemory[], data: ModuleData[], globals: ModuleGlobal[], layout: ModuleLayout, start: boolean, kit: boolean }} ModuleDescription
 */

/**
 * The memory layout the inspector's map labels, from a module's
 * description: its static data, its stack and its heap base. With the
 * module's `exports`, the stack pointer is read live when the module
 * exports it (`__stack_pointer`); otherwise the map marks its initial
 * value, where it is between calls.
 * @param {ModuleDescription} description
 * @param {WebAssembly.Exports} [exports]
 * @returns {import('./map.js').MemoryLayout}
 */
export function layoutOf(description, exports) {
  const l = description.layout;
  const sp = l.stackPointerExport ? exports?.[l.stackPointerExport] : undefined;
  return {
    data: l.data,
    stack: l.stack,
    heapBase: l.heapBase,
    stackPointer: sp instanceof WebAssembly.Global ? () => Number(sp.value) : null,
  };
}

/**
 * Describes the module in `bytes`: imports, exports with signatures,
 * memories, data segments, whether it has a start function and whether it
 * was built with the kit. Rejects with a `TypeError` that says what is wrong
 * for bytes that are not a valid module (not wasm, truncated, malformed), and
 * with a `RangeError` for more than `MAX_MODULE_BYTES`.
 * @param {ArrayBuffer | ArrayBufferView} bytes
 * @param {{ reader?: BufferSource | WebAssembly.Module | Response }} [options] `reader`: inspect.wasm itself, where fetching it next to this file does not work (Node)
 * @returns {Promise<ModuleDescription>}
 */
export async function describeModule(bytes, options = {}) {
  const view =
    bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : ArrayBuffer.isView(bytes) ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null;
  if (view === null) throw new TypeError('describeModule: bytes must be an ArrayBuffer or a typed array');
  if (view.length > MAX_MODULE_BYTES) {
    throw new RangeError(`describeModule: the file is ${(view.length / 2 ** 20).toFixed(1)} MiB; modules up to ${MAX_MODULE_BYTES / 2 ** 20} MiB are read`);
  }
  const read = await load(options.reader);
  const result = JSON.parse(read(view));
  if (typeof result.error === 'string') throw new TypeError(`not a valid WebAssembly module: ${result.error}`);
  return result;
}
