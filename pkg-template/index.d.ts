// Types of the `rust-wasm-memory` entry point, for every environment.
//
// The functions and classes are declared by the wasm-bindgen glue (their
// doc comments come from the Rust source); the package's API layer
// (lib/api.js) has exactly that shape and adds the errors below. In
// browsers and bundlers call `await init()` once before any other function;
// in Node the module is ready on import and `init()` resolves at once, so
// the same code runs in both.
//
// The names are listed one by one, not re-exported with `*`: the glue also
// declares the module's low-level exports (`InitOutput`), which are not
// part of this package's API.
import type { InitInput, SyncInitInput } from './glue/rust_wasm_memory.js';

export {
  add,
  asciiUppercase,
  echoSuffix,
  F32Buffer,
  fillBuffer,
  fillDoubles,
  greet,
  type HeapStats,
  heapStats,
  type InitInput,
  makeNumberArray,
  normalize,
  normalizeArray,
  normalizePeak,
  processString,
  scaleAndAdd,
  type SyncInitInput,
  sumU32,
  U32Buffer,
} from './glue/rust_wasm_memory.js';
export { PanicError, StaleInstanceError, UseAfterFreeError } from './lib/errors.js';

/** What `init()` and `initSync()` resolve to: the instance's memory. */
export interface Instance {
  /** The module's linear memory (for inspecting it; grows, never shrinks). */
  readonly memory: WebAssembly.Memory;
}

/**
 * Instantiates the module (once; later calls resolve to the same
 * instance). In browsers and bundlers, await it before any other call; in
 * Node it resolves at once. `module_or_path` is a URL, `Request`,
 * `Response`, bytes or `WebAssembly.Module`; by default the `.wasm` beside
 * the glue is fetched.
 */
export default function init(options?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>): Promise<Instance>;

/** Instantiates the module synchronously from bytes or a `WebAssembly.Module`. */
export function initSync(options: { module: SyncInitInput } | SyncInitInput): Instance;
