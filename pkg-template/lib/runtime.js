// @ts-check
// The state behind the package's API layer (./api.js): which instance is
// current, how many calls are in progress, and what a trap turns into.
// Every call into wasm goes through `call()`. Not a public entry: ./api.js
// and ./testing.js import it.
import * as glue from '../glue/rust_wasm_memory.js';
import { StaleInstanceError } from './errors.js';
import { panicErrorFor } from './trap.js';

/** The glue with our own hidden exports (src/, `skip_typescript`), untyped. */
const glueHidden = /** @type {any} */ (glue);

/**
 * The raw exports of the module's current instance.
 * @typedef {WebAssembly.Exports & { memory: WebAssembly.Memory }} Exports
 */

/** @type {any} the current instance's exports; null before init(). */
let wasm = null;
/** Bumped each time a trap ends an instance; buffers remember theirs. */
let generation = 0;
/** Whether the next call must first pick up the replacement instance. */
let replaced = false;
/** Calls into wasm in progress (user code can call in while one runs). */
let depth = 0;
/** Set when a nested call trapped: refuse calls until the outer returns. */
let abandoned = false;

/** @param {string} fn */
export function enter(fn) {
  if (wasm === null) {
    throw new Error(`${fn}: the module is not initialised; call \`await init()\` (or \`initSync()\`) before any other function`);
  }
  if (abandoned) {
    throw new StaleInstanceError(`${fn}: the instance trapped during an enclosing call; it is replaced when that call returns`);
  }
  if (replaced) {
    // Any glue call replaces a trapped instance first; this one also
    // returns the new instance's exports.
    replaced = false;
    wasm = glueHidden.__wasmExports();
    listen();
    for (const listener of onReplaced) listener();
  }
}

/**
 * The current instance is done for: every buffer it made is stale, the
 * next call picks up its replacement, and calls in progress on it (user
 * code can call in while one runs) must not continue on the replacement.
 * The Rust panic hook calls this (registered with `__setTrapListener`),
 * whichever face made the call that panicked; `caught()` calls it for a
 * trap without a panic.
 */
function instanceTrapped() {
  generation++;
  replaced = true;
  if (depth > 0) abandoned = true;
}

/** Listens for the panic hook of the current instance. */
function listen() {
  glueHidden.__setTrapListener(instanceTrapped);
}

/**
 * What to throw for `error`, caught from call `fn` that began at
 * generation `began`.
 * @param {unknown} error
 * @param {string} fn
 * @param {number} began
 */
function caught(error, fn, began) {
  if (!(error instanceof WebAssembly.RuntimeError)) return error;
  if (generation === began) {
    // A trap with no panic: the hook did not run, so nothing asked for a
    // new instance yet. This export only calls into the glue, so it is
    // safe on a trapped instance.
    wasm.__scheduleReinit();
    instanceTrapped();
    return panicErrorFor(error, fn, null, '; the instance was replaced');
  }
  if (generation === began + 1) {
    // This call's own panic: the record is in the trapped instance, which
    // is still `wasm` (the replacement is picked up by the next call).
    return panicErrorFor(error, fn, { memory: wasm.memory, at: wasm.__panicRecord() >>> 0 }, '; the instance was replaced');
  }
  return new StaleInstanceError(`${fn}: the instance trapped during this call (in a call made from inside it) and was replaced`);
}

/**
 * Runs `body` as one call into wasm named `fn`.
 * @template T
 * @param {string} fn
 * @param {() => T} body
 * @returns {T}
 */
export function call(fn, body) {
  enter(fn);
  const began = generation;
  depth++;
  try {
    const result = body();
    if (began !== generation) {
      throw new StaleInstanceError(`${fn}: a call made from inside this one trapped and the instance was replaced; this call's result was discarded`);
    }
    return result;
  } catch (error) {
    throw caught(error, fn, began);
  } finally {
    depth--;
    if (depth === 0) abandoned = false;
  }
}

/**
 * @template {(...args: any[]) => any} F
 * @param {string} name
 * @param {F} fn
 * @returns {F}
 */
export function wrap(name, fn) {
  const wrapped = /** @type {F} */ (/** @type {unknown} */ ((/** @type {any[]} */ ...args) => call(name, () => fn(...args))));
  Object.defineProperty(wrapped, 'name', { value: name });
  return wrapped;
}

/** The current generation (bumped by each trap that ends an instance). */
export function currentGeneration() {
  return generation;
}

/** The current instance's exports (call `enter()` first). */
export function currentWasm() {
  return wasm;
}

/** Whether a call may enter wasm now without `enter()` refusing it. */
export function ready() {
  return wasm !== null && !abandoned;
}

/** Whether the next call picks up a replacement instance first. */
export function pendingReplacement() {
  return replaced;
}

/** Listeners told when `enter()` picks up a replacement instance. */
export const onReplaced = new Set();

// ---- initialisation ------------------------------------------------------

/**
 * Instantiates the module (once; later calls resolve to the same exports).
 * In browsers and bundlers, await it before any other call. Options as the
 * glue's: `{ module_or_path }`, a URL, Response, bytes or Module.
 * @param {Parameters<typeof glue.default>[0]} [options]
 */
export default async function init(options) {
  const exports = await glue.default(options);
  if (wasm === null) {
    wasm = exports;
    listen();
  }
  return exports;
}

/**
 * Instantiates the module synchronously from `{ module }` (bytes or a
 * `WebAssembly.Module`).
 * @param {Parameters<typeof glue.initSync>[0]} options
 */
export function initSync(options) {
  const exports = glue.initSync(options);
  if (wasm === null) {
    wasm = exports;
    listen();
  }
  return exports;
}

/** Hidden exports, guarded, for ./testing.js. */
export const hidden = Object.freeze({
  /** @param {string} message */
  panicProbe: (message) => call('__panicProbe', () => glueHidden.__panicProbe(message)),
  currentExports: () => call('__wasmExports', () => glueHidden.__wasmExports()),
});
