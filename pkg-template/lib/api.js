// @ts-check
// The public API of `rust-wasm-memory`: a hand-written layer over the
// unmodified wasm-bindgen glue (../glue/rust_wasm_memory.js). The glue
// converts arguments and results; the Rust code behind it checks every
// argument and makes every TypeError and RangeError. This layer adds what
// the glue cannot know:
//
// - a call before `init()` says to call it first;
// - a trap becomes a `PanicError` (message and location from the panic
//   record), and the next call runs on a fresh instance (the glue's reinit,
//   asked for by the Rust panic hook or, for a trap with no panic, by this
//   layer through the `__scheduleReinit` export);
// - a trap during a call that user code made from inside another call (a
//   getter, a Proxy) never lets the outer call continue on a fresh
//   instance: calls are refused until the outer one returns, and the outer
//   one then fails too;
// - `F32Buffer` / `U32Buffer` are this layer's own classes around the
//   glue's objects, held in private fields: a use after `free()` is a
//   `UseAfterFreeError`, a buffer from a replaced instance a
//   `StaleInstanceError`, and a copied or forged object a `TypeError`;
// - the small-array path: `sumU32`, `normalize` and `fillDoubles` on a
//   plain typed array of at most 64 elements copy it into a fixed scratch
//   area and make one call. Anything else takes the general path, which
//   makes every error, so the JS check here only chooses a path.
//
// The wasm-bindgen names it relies on are listed in ARCHITECTURE.md, each
// with the documentation that makes it public.
import * as glue from '../glue/rust_wasm_memory.js';
import { StaleInstanceError, UseAfterFreeError } from './errors.js';
import { call, currentGeneration, currentWasm, enter, onReplaced, pendingReplacement, ready, wrap } from './runtime.js';

// ---- the small-array path (src/small.rs) ---------------------------------

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
/** @type {(this: any, source: ArrayLike<number>, offset?: number) => void} */
const typedSet = TypedArrayPrototype.set;
/** @type {(this: any) => number} */
const lengthOf = /** @type {any} */ (Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'length')).get;
/** @type {(this: any) => string | undefined} */
const tagOf = /** @type {any} */ (Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag)).get;

/**
 * The scratch area of the current instance: its address (-1: not yet
 * read), its capacity in elements, a growth probe, and views of n elements.
 * @type {{ at: number, capacity: number, probe: Uint8Array | null, views: Map<string, any> }}
 */
const small = { at: -1, capacity: 0, probe: null, views: new Map() };
onReplaced.add(() => {
  small.at = -1;
});

/**
 * The length of `values` if it is a typed array tagged `tag` that fits the
 * scratch area (whose views are then current), else -1. Runs no user code:
 * the tag and length are internal slots read through the intrinsics.
 * @param {unknown} values
 * @param {string} tag
 */
function smallLength(values, tag) {
  if (!ArrayBuffer.isView(values) || tagOf.call(values) !== tag) return -1;
  if (!ready()) return -1; // the general path makes the error
  if (pendingReplacement()) enter('small');
  const wasm = currentWasm();
  if (small.at < 0 || /** @type {Uint8Array} */ (small.probe).length === 0) {
    small.at = wasm.__smallScratch() >>> 0;
    small.capacity = wasm.__smallCapacity() >>> 0;
    small.probe = new Uint8Array(wasm.memory.buffer, small.at, 1);
    small.views.clear();
  }
  const n = lengthOf.call(values);
  return n <= small.capacity ? n : -1;
}

/**
 * A view of the first `n` scratch elements.
 * @param {typeof Uint32Array | typeof Float32Array} Type
 * @param {number} n
 */
function scratch(Type, n) {
  const key = `${Type.name}:${n}`;
  let view = small.views.get(key);
  if (view === undefined) {
    view = new Type(currentWasm().memory.buffer, small.at, n);
    small.views.set(key, view);
  }
  return view;
}

// ---- functions -----------------------------------------------------------

export const add = wrap('add', glue.add);
export const scaleAndAdd = wrap('scaleAndAdd', glue.scaleAndAdd);
export const greet = wrap('greet', glue.greet);
export const processString = wrap('processString', glue.processString);
export const echoSuffix = wrap('echoSuffix', glue.echoSuffix);
export const asciiUppercase = wrap('asciiUppercase', glue.asciiUppercase);
export const normalizeArray = wrap('normalizeArray', glue.normalizeArray);
export const makeNumberArray = wrap('makeNumberArray', glue.makeNumberArray);
export const fillBuffer = wrap('fillBuffer', glue.fillBuffer);
export const heapStats = wrap('heapStats', glue.heapStats);

const generalSumU32 = wrap('sumU32', glue.sumU32);
const generalNormalize = wrap('normalize', glue.normalize);
const generalFillDoubles = wrap('fillDoubles', glue.fillDoubles);

/** @type {typeof glue.sumU32} */
export function sumU32(values) {
  const n = smallLength(values, 'Uint32Array');
  if (n < 0) return generalSumU32(values);
  typedSet.call(scratch(Uint32Array, n), values);
  return call('sumU32', () => currentWasm().__smallSumU32(n)) >>> 0;
}

/** @type {typeof glue.normalize} */
export function normalize(values) {
  const n = smallLength(values, 'Float32Array');
  if (n < 0) return generalNormalize(values);
  typedSet.call(scratch(Float32Array, n), values);
  const scaled = call('normalize', () => currentWasm().__smallNormalize(n)) !== 0;
  if (scaled) typedSet.call(values, scratch(Float32Array, n));
  return scaled;
}

/** @type {typeof glue.fillDoubles} */
export function fillDoubles(values) {
  const n = smallLength(values, 'Uint32Array');
  if (n < 0) return generalFillDoubles(values);
  call('fillDoubles', () => currentWasm().__smallFillDoubles(n));
  typedSet.call(values, scratch(Uint32Array, n));
}

// ---- buffers -------------------------------------------------------------

/** Set while a wrapper is being made around an existing glue object. */
/** @type {any} */
let adopting = null;

/**
 * This layer's class around one of the glue's buffer classes: the same
 * constructor, statics, getters and methods, each checked and guarded.
 * @param {any} Glue
 * @param {string} name
 */
function bufferClass(Glue, name) {
  /** @type {(self: any, what: string) => any} */
  let live;
  /** @type {(self: any, what: string) => any} */
  let take;

  const Class = class {
    /** @type {any} */
    #inner;
    #generation = currentGeneration();

    /** @param {number} length */
    constructor(length) {
      if (adopting !== null) {
        this.#inner = adopting;
        adopting = null;
      } else {
        this.#inner = call(`new ${name}`, () => new Glue(length));
      }
    }

    static {
      live = (self, what) => {
        if (self === null || typeof self !== 'object' || !(#inner in self)) {
          throw new TypeError(`${name}.${what}: this is not a ${name} (a copy or a look-alike is not one)`);
        }
        if (self.#inner === null) throw new UseAfterFreeError(`${name}.${what}: this ${name} was already freed; create a new one`);
        if (self.#generation !== currentGeneration()) {
          throw new StaleInstanceError(
            `${name}.${what}: this ${name} belonged to an instance that was replaced after a panic; its contents are gone, create a new one`,
          );
        }
        return self.#inner;
      };
      // For free(): the glue object to free, or null for a stale buffer
      // (its memory went with the old instance; the glue's finalizer knows
      // that too and leaves it alone).
      take = (self, what) => {
        if (self !== null && typeof self === 'object' && #inner in self && self.#inner !== null && self.#generation !== currentGeneration()) {
          self.#inner = null;
          return null;
        }
        const inner = live(self, what);
        self.#inner = null;
        return inner;
      };
    }

    /** Gives the memory back. Works once; a second call throws. */
    free() {
      const inner = take(this, 'free');
      if (inner !== null) call(`${name}.free`, () => inner.free());
    }

    /** For `using`: frees the buffer unless `free()` already did. */
    [Symbol.dispose ?? Symbol.for('Symbol.dispose')]() {
      try {
        live(this, 'free');
      } catch (error) {
        if (error instanceof UseAfterFreeError) return;
        if (!(error instanceof StaleInstanceError)) throw error;
      }
      this.free();
    }
  };
  Object.defineProperty(Class, 'name', { value: name });

  for (const [key, desc] of Object.entries(Object.getOwnPropertyDescriptors(Glue.prototype))) {
    if (key === 'constructor' || key === 'free' || key.startsWith('__')) continue;
    if (desc.get) {
      const get = desc.get;
      Object.defineProperty(Class.prototype, key, {
        configurable: true,
        get() {
          const inner = live(this, key);
          return call(`${name}.${key}`, () => get.call(inner));
        },
      });
    } else if (typeof desc.value === 'function') {
      const method = desc.value;
      Object.defineProperty(Class.prototype, key, {
        configurable: true,
        writable: true,
        value: /** @this {any} */ function (/** @type {any[]} */ ...args) {
          const inner = live(this, `${key}()`);
          return call(`${name}.${key}`, () => method.apply(inner, args));
        },
      });
    }
  }
  for (const [key, desc] of Object.entries(Object.getOwnPropertyDescriptors(Glue))) {
    if (typeof desc.value !== 'function' || key.startsWith('__')) continue;
    const make = desc.value;
    Object.defineProperty(Class, key, {
      configurable: true,
      writable: true,
      value: /** @this {any} */ (/** @type {any[]} */ ...args) => {
        const result = call(`${name}.${key}`, () => make.apply(Glue, args));
        if (!(result instanceof Glue)) return result;
        adopting = result;
        return new Class(0);
      },
    });
  }
  return Class;
}

/** @type {typeof glue.F32Buffer} */
export const F32Buffer = /** @type {any} */ (bufferClass(glue.F32Buffer, 'F32Buffer'));
/** @type {typeof glue.U32Buffer} */
export const U32Buffer = /** @type {any} */ (bufferClass(glue.U32Buffer, 'U32Buffer'));

export { PanicError, StaleInstanceError, UseAfterFreeError } from './errors.js';
export { default, initSync } from './runtime.js';
