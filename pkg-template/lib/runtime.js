// @ts-check
// The state behind the package's API layer (./api.js): which instance is
// current, how many calls are in progress, and what a trap turns into.
// Every call into wasm goes through `call()`. Not a public entry: ./api.js
// and ./testing.js import it.
import * as glue from '../glue/rust_wasm_memory.js';
import { StaleInstanceError } from './errors.js';
import { hasTrapped, onTrap, trapped } from './instances.js';
import { panicErrorFor } from './trap.js';

/** The glue with our own hidden exports (src/, `skip_typescript`), untyped. */
const glueHidden = /** @type {any} */ (glue);

/**
 * The raw exports of the module's current instance.
 * @typedef {WebAssembly.Exports & { memory: WebAssembly.Memory }} Exports
 */

// The state is exported as live bindings, read-only to importers (./api.js
// reads it on its hot paths without a function call); only this module
// assigns it.

/** @type {any} the current instance's exports; null before init(). */
export let wasm = null;
/** Bumped each time a trap ends an instance; buffers remember theirs. */
export let generation = 0;
/** Whether the next call must first pick up the replacement instance. */
export let replaced = false;
/** Calls into wasm in progress (user code can call in while one runs). */
let depth = 0;
/** Set when a nested call trapped: refuse calls until the outer returns. */
export let abandoned = false;
/** `wasm !== null && !abandoned && !replaced`, kept in one place for the hot path. */
export let clear = false;
/**
 * How many elements ./api.js's small path may take now: the capacity of
 * the current instance's scratch area while `clear` holds and api.js knows
 * the area (`setSmallCapacity`), else 0. One number, so that the small
 * path's whole state check is one comparison, `n <= smallLimit`
 * (n = 0 never gets there: an empty array has no first element). Against
 * `clear`, a readiness flag, `n === 0` and the capacity tested one by one,
 * a 16-element `fillDoubles` took 1-2 ns less in Node and about 1 ns less
 * in Chromium and Firefox (both versions in one page, 25 interleaved
 * rounds, three runs; one Firefox run 2 ns more).
 */
export let smallLimit = 0;
/** The scratch capacity api.js last read from the current instance, or 0. */
let smallCapacity = 0;
function update() {
  clear = wasm !== null && !abandoned && !replaced;
  smallLimit = clear ? smallCapacity : 0;
}

/**
 * Sets the small path's capacity for the current instance (0: the scratch
 * area must be read again, as after memory growth detached its views).
 * @param {number} capacity
 */
export function setSmallCapacity(capacity) {
  smallCapacity = capacity;
  update();
}

/**
 * Makes the current instance callable for `fn`, or throws why not: not
 * initialised, or abandoned by a nested trap. Picks up a replacement
 * instance. Cheap when there is nothing to do (`wasm !== null &&
 * !abandoned && !replaced`), which callers may test first.
 * @param {string} fn
 */
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
    smallCapacity = 0; // the new instance's scratch area is not read yet
    update();
    listen();
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
  if (hasTrapped(wasm)) return; // told already, by another path
  generation++;
  replaced = true;
  if (depth > 0) abandoned = true;
  update();
  // Tell a RawModule over the same instance, too.
  telling = true;
  try {
    trapped(wasm);
  } finally {
    telling = false;
  }
}

/** Set while this layer tells the other faces, so it does not hear itself. */
let telling = false;

/**
 * Listens for the end of the current instance: its panic hook, and a trap
 * that a RawModule over the same instance saw (which, without a panic,
 * nothing else asked to replace).
 */
function listen() {
  glueHidden.__setTrapListener(instanceTrapped);
  const current = wasm;
  onTrap(current, () => {
    if (telling || wasm !== current) return;
    current.__scheduleReinit();
    instanceTrapped();
  });
}

/**
 * What to throw for `error`, caught from call `fn` that began at
 * generation `began`.
 * @param {unknown} error
 * @param {string} fn
 * @param {number} began
 */
function caught(error, fn, began) {
  if (!(error instanceof WebAssembly.RuntimeError)) {
    if (generation === began) return error;
    // A call made from inside this one trapped; whatever this one threw
    // (often the TypeError of a type check whose Proxy threw the inner
    // call's error) came from an instance that is gone.
    return new StaleInstanceError(
      `${fn}: a call made from inside this one trapped and the instance was replaced; this call failed (the cause is what it threw)`,
      {
        cause: error,
      },
    );
  }
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

// ---- the call protocol ---------------------------------------------------
//
// Every call into wasm is written, at its own call site (so the engine sees
// one target there and keeps it fast), as:
//
//   const began = begin(name);
//   let result;
//   try {
//     result = glueFunction(args);
//   } catch (error) {
//     throw fail(error, began, name);
//   }
//   return end(began, result, name);

/**
 * Starts a call named `name`: checks that wasm may be entered (see
 * `enter()`) and counts the call. Returns the generation it began in.
 * @param {string} name
 */
export function begin(name) {
  if (!clear) enter(name);
  depth++;
  return generation;
}

/**
 * Ends a call that returned `result`: the result, unless a call made from
 * inside this one trapped (then this one's result came from an instance
 * that is gone, and it throws).
 * @template T
 * @param {number} began
 * @param {T} result
 * @param {string} name
 * @returns {T}
 */
export function end(began, result, name) {
  if (--depth === 0 && abandoned) {
    abandoned = false;
    update();
  }
  if (began !== generation) {
    throw new StaleInstanceError(`${name}: a call made from inside this one trapped and the instance was replaced; this call's result was discarded`);
  }
  return result;
}

/**
 * Ends a call that threw `error`: what to throw instead.
 * @param {unknown} error
 * @param {number} began
 * @param {string} name
 */
export function fail(error, began, name) {
  const thrown = caught(error, name, began);
  if (--depth === 0 && abandoned) {
    abandoned = false;
    update();
  }
  return thrown;
}

/**
 * Ends a call made without `begin()` that threw `error`: what to throw
 * instead. Only for calls that run no JS while in wasm (./api.js's small
 * path): nothing can call in during them, so they need no count while they
 * run, and `began` is the generation read just before the call.
 * @param {unknown} error
 * @param {number} began
 * @param {string} name
 */
export function failBare(error, began, name) {
  depth++;
  return fail(error, began, name);
}

/**
 * The protocol for a call whose speed does not matter (one target shared
 * by several callers).
 * @param {string} name
 * @param {() => any} body
 */
function call(name, body) {
  const began = begin(name);
  let result;
  try {
    result = body();
  } catch (error) {
    throw fail(error, began, name);
  }
  return end(began, result, name);
}

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
    update();
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
    update();
    listen();
  }
  return exports;
}

/** Hidden exports, guarded, for ./testing.js. */
export const hidden = Object.freeze({
  /** @param {string} message */
  panicProbe: (message) => call('__panicProbe', () => glueHidden.__panicProbe(message)),
  currentExports: () => call('__wasmExports', () => glueHidden.__wasmExports()),
  externrefsLive: () => call('__externrefsLive', () => glueHidden.__externrefsLive()),
});
