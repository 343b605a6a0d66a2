// @ts-check
// `rust-wasm-memory/testing`: what a test of your own recovery code needs,
// kept out of the main entry. Initialise the package first.
import { hidden } from './runtime.js';

/**
 * Panics inside wasm on purpose with `message`: the call throws the
 * `PanicError` a real bug would, and the next call runs on a fresh
 * instance.
 * @param {string} message
 * @returns {never}
 */
export function panicProbe(message) {
  hidden.panicProbe(message);
  throw new Error('unreachable: the probe always panics');
}

/**
 * Live `JsValue` slots in wasm-bindgen's externref table of the current
 * instance: for leak tests, with `heapStats()`.
 * @returns {number}
 */
export function externrefsLive() {
  return hidden.externrefsLive();
}

/** The raw exports of the current instance (a new object after a panic). */
export function currentExports() {
  return hidden.currentExports();
}
