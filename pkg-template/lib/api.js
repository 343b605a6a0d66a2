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
import * as intrinsics from './intrinsics.js';
import { abandoned, begin, clear, end, enter, fail, failBare, generation, replaced, setSmallCapacity, smallLimit, wasm } from './runtime.js';

// Module-local copies of the intrinsics: V8 does not fold an imported
// binding into a constant, so `lengthOf.call(x)` on the import stays a
// generic call through Function.prototype.call (13-16 ns more per call in
// Chromium), where on a local const it becomes the engine's getter itself.
const { bufferOf, byteOffsetOf, copyOf, getPrototypeOf, lengthOf, typedArrayTag, typedSet } = intrinsics;

// ---- the small-array path (src/small.rs) ---------------------------------
//
// A call on the small path runs no JS while it is in wasm (the kernels call
// no imports), so it skips the depth count and the result check of the call
// protocol: nothing can call in, and the instance can only end by this
// call's own trap, which `failBare` turns into the same errors.
//
// The kernels are called as methods of the exports object
// (`wasm.__smallNormalize(n)` and the others), not kept in `small`: V8
// calls a wasm function fastest from a call site whose target it can prove
// constant, and a field that was ever reassigned (as `small`'s would be, at
// each new instance) is not; such a call cost 10-20 ns more in Chromium.

/**
 * The scratch area of the current instance, as last read: the addresses of
 * its u32 and f32 elements, and views of exactly n elements, made on first
 * use. Whether it may be used now, and for how many elements, is
 * `smallLimit` (./runtime.js): 0 before the first use, after a
 * replacement, and after a copy that failed (as one through a view that
 * memory growth detached does).
 * @type {{ at: number, atF32: number, u32: Uint32Array[], f32: Float32Array[] }}
 */
const small = {
  at: 0,
  atF32: 0,
  u32: [],
  f32: [],
};

/**
 * Whether the small path may take `n` (at least 1) elements, for a caller
 * whose quick test `n > smallLimit` (tested at each call site first)
 * failed. With the scratch area known (`smallLimit` > 0) that is final:
 * `n` is too long. Otherwise the instance must be callable (else the
 * general path makes the error); a replacement instance is picked up, and
 * the scratch area is read. Memory growth is not checked for here: it
 * detaches the views, the copy through one fails, and the function that
 * copied sends that call down the general path and the next one here.
 * @param {number} n
 */
function smallTakes(n) {
  if (smallLimit !== 0 || wasm === null || abandoned) return false;
  if (replaced) enter('small');
  small.at = wasm.__smallScratch() >>> 0;
  small.atF32 = wasm.__smallScratchF32() >>> 0;
  small.u32 = [];
  small.f32 = [];
  setSmallCapacity(wasm.__smallCapacity() >>> 0);
  return n <= smallLimit;
}

/** The prototypes the small path takes, as the package loaded them. */
const F32_PROTO = Float32Array.prototype;
const U32_PROTO = Uint32Array.prototype;

// Which arrays the small path takes. `sumU32`, `normalize` and
// `fillDoubles` each write these checks out in their own body, with the
// copy into or out of the scratch area, on purpose:
// - One helper for the checks and one for the copy, as before, cost a call
//   each that the engines did not inline: in one page (25 interleaved
//   rounds, each task in a loop of its own) a 16-element `fillDoubles`
//   took 34-39 ns with them in Firefox and 27-32 ns written out in one
//   function, and 25 ns against 21 ns in Chromium.
// - An engine keeps one set of inline caches per function. Checks shared
//   by two element types went polymorphic as soon as an app called `sumU32`
//   or `fillDoubles` and also `normalize`: in Firefox a 16-element
//   `fillDoubles` then took 165-170 ns instead of about 100. Written out
//   per function, each call's checks see only its own type.
//
// The checks, in this order, take `values` when it is a typed array of
// numbers whose prototype is the class's own (`Uint32Array.prototype` or
// `Float32Array.prototype`) and whose length fits the scratch area, and
// the instance is callable (`n > smallLimit` is false). Empty (or
// detached: its length reads 0) has no first element, so the element type
// check sends it to the general path, which tells the two apart.
//
// They run no user code. The intrinsic `length` getter throws for anything
// but a typed array (a Proxy, a DataView, a plain Array), so once it
// returned, `values` is an ordinary typed array: reading an element runs
// none of the caller's code (out of range it is `undefined`), and
// `getPrototypeOf` only reads its [[Prototype]] (`isPrototypeOf` or
// `instanceof` would walk the chain, which can hold a Proxy). Reading the
// class from the `Symbol.toStringTag` slot instead was the most expensive
// step of a 16-element call in Firefox (20-30 ns).
//
// The first element's type refuses a BigInt array in disguise (a
// `BigInt64Array` given this prototype), whose elements `sumU32` could not
// pass as numbers. The read is also there for V8: it gives the compiler
// the array's map, and `getPrototypeOf` then becomes a map check. Without
// an element read, `getPrototypeOf` was a call into the engine (16-32 ns
// more per call in Chromium, in-page probe, 25 rounds, three runs; no
// change in Firefox).
//
// What the checks take, the general path takes too (`instanceof`,
// src/args.rs), with the same result: a typed array of numbers given the
// prototype with `Object.setPrototypeOf` has its elements converted to u32
// on both paths (by `%TypedArray%.prototype.set`, or for `sumU32`'s
// arguments by the call's ToInt32, which keeps the same 32 bits). A BigInt
// array given the prototype that way is sent to the general path, which
// refuses it. A subclass instance takes the general path.
//
// The copy through a scratch view fails only when memory growth detached
// the view; then `smallLimit` is set to 0 (the views are made again at
// the next call) and this call takes the general path.

/**
 * Makes and keeps the view of the first `n` u32 scratch elements, for a
 * caller that found none in `small.u32[n]`.
 * @param {number} n
 */
function scratchU32(n) {
  const view = new Uint32Array(wasm.memory.buffer, small.at, n);
  small.u32[n] = view;
  return view;
}

/**
 * `scratchU32` for the f32 scratch elements.
 * @param {number} n
 */
function scratchF32(n) {
  const view = new Float32Array(wasm.memory.buffer, small.atF32, n);
  small.f32[n] = view;
  return view;
}

// ---- arguments that live in the instance's own memory ---------------------
//
// The general path allocates room for a typed-array argument, then copies
// it in. When the argument is itself a view of this instance's memory
// (`normalize(buf.view())`) and that allocation grows memory, the growth
// detaches the argument before the copy, and the call would fail with a
// "detached" error it caused itself. Such an argument is copied out first;
// for the functions that change it in place, the results are then written
// back to the same addresses through a view of the current memory.

/**
 * A copy of `values` and its byte address, if it is a typed array over this
 * instance's memory; else null.
 * @template T
 * @param {T} values
 * @returns {{ copy: T, at: number } | null}
 */
function aliasOf(values) {
  const tag = typedArrayTag(values);
  if (tag === undefined || wasm === null || bufferOf.call(values) !== wasm.memory.buffer) return null;
  return { copy: copyOf(/** @type {any} */ (values), tag), at: byteOffsetOf.call(values) };
}

/**
 * Writes an aliased argument's (changed) copy back where it came from.
 * @param {{ copy: ArrayLike<number>, at: number }} alias
 * @param {typeof Uint8Array | typeof Uint32Array | typeof Float32Array} Class
 */
function writeBack(alias, Class) {
  typedSet.call(new Class(wasm.memory.buffer, alias.at, lengthOf.call(alias.copy)), alias.copy);
}

// ---- functions -----------------------------------------------------------
//
// Each is the call protocol of ./runtime.js around one glue function.

/** @type {typeof glue.add} */
export function add(a, b) {
  const began = begin('add');
  let result;
  try {
    result = glue.add(a, b);
  } catch (error) {
    throw fail(error, began, 'add');
  }
  return end(began, result, 'add');
}

/** @type {typeof glue.scaleAndAdd} */
export function scaleAndAdd(x, y, factor) {
  const began = begin('scaleAndAdd');
  let result;
  try {
    result = glue.scaleAndAdd(x, y, factor);
  } catch (error) {
    throw fail(error, began, 'scaleAndAdd');
  }
  return end(began, result, 'scaleAndAdd');
}

/** @type {typeof glue.greet} */
export function greet(name) {
  const began = begin('greet');
  let result;
  try {
    result = glue.greet(name);
  } catch (error) {
    throw fail(error, began, 'greet');
  }
  return end(began, result, 'greet');
}

/** @type {typeof glue.processString} */
export function processString(input) {
  const began = begin('processString');
  let result;
  try {
    result = glue.processString(input);
  } catch (error) {
    throw fail(error, began, 'processString');
  }
  return end(began, result, 'processString');
}

/** @type {typeof glue.echoSuffix} */
export function echoSuffix(input) {
  const began = begin('echoSuffix');
  let result;
  try {
    result = glue.echoSuffix(input);
  } catch (error) {
    throw fail(error, began, 'echoSuffix');
  }
  return end(began, result, 'echoSuffix');
}

/** @type {typeof glue.asciiUppercase} */
export function asciiUppercase(input) {
  const began = begin('asciiUppercase');
  let result;
  try {
    result = glue.asciiUppercase(input);
  } catch (error) {
    throw fail(error, began, 'asciiUppercase');
  }
  return end(began, result, 'asciiUppercase');
}

/** @type {typeof glue.normalizeArray} */
export function normalizeArray(values) {
  const alias = aliasOf(values);
  const began = begin('normalizeArray');
  let result;
  try {
    result = glue.normalizeArray(alias?.copy ?? values);
  } catch (error) {
    throw fail(error, began, 'normalizeArray');
  }
  return end(began, result, 'normalizeArray');
}

/** @type {typeof glue.makeNumberArray} */
export function makeNumberArray(len) {
  const began = begin('makeNumberArray');
  let result;
  try {
    result = glue.makeNumberArray(len);
  } catch (error) {
    throw fail(error, began, 'makeNumberArray');
  }
  return end(began, result, 'makeNumberArray');
}

/** @type {typeof glue.fillBuffer} */
export function fillBuffer(bytes) {
  const alias = aliasOf(bytes);
  const began = begin('fillBuffer');
  try {
    glue.fillBuffer(alias?.copy ?? bytes);
  } catch (error) {
    throw fail(error, began, 'fillBuffer');
  }
  end(began, undefined, 'fillBuffer');
  if (alias !== null) writeBack(alias, Uint8Array);
}

/** @type {typeof glue.heapStats} */
export function heapStats() {
  const began = begin('heapStats');
  let result;
  try {
    result = glue.heapStats();
  } catch (error) {
    throw fail(error, began, 'heapStats');
  }
  return end(began, result, 'heapStats');
}

/**
 * Arrays this short reach `sumU32` as the arguments of one call
 * (`__smallSumU32Args`, src/small.rs): no copy into the scratch area.
 */
const SUM_ARGS = 16;

/** @type {typeof glue.sumU32} */
export function sumU32(values) {
  let n;
  try {
    n = lengthOf.call(values);
  } catch {
    return sumU32General(values);
  }
  const v = /** @type {Uint32Array} */ (values);
  if (typeof v[0] !== 'number' || getPrototypeOf(v) !== U32_PROTO || (n > smallLimit && !smallTakes(n))) {
    return sumU32General(values);
  }
  if (n > SUM_ARGS) return sumU32Scratch(v, n);
  const began = generation;
  let result;
  try {
    // Elements past the end are passed as 0, which does not change the sum
    // (reading them would give `undefined`, but V8 makes an out-of-range
    // read slow: a 1-element sum took 160 ns instead of 65).
    result =
      wasm.__smallSumU32Args(
        v[0],
        n > 1 ? v[1] : 0,
        n > 2 ? v[2] : 0,
        n > 3 ? v[3] : 0,
        n > 4 ? v[4] : 0,
        n > 5 ? v[5] : 0,
        n > 6 ? v[6] : 0,
        n > 7 ? v[7] : 0,
        n > 8 ? v[8] : 0,
        n > 9 ? v[9] : 0,
        n > 10 ? v[10] : 0,
        n > 11 ? v[11] : 0,
        n > 12 ? v[12] : 0,
        n > 13 ? v[13] : 0,
        n > 14 ? v[14] : 0,
        n > 15 ? v[15] : 0,
      ) >>> 0;
  } catch (error) {
    throw failBare(error, began, 'sumU32');
  }
  return result;
}

/**
 * `sumU32` of `n` elements, more than `SUM_ARGS`, through the scratch area.
 * @param {Uint32Array} values
 * @param {number} n
 */
function sumU32Scratch(values, n) {
  try {
    typedSet.call(small.u32[n] ?? scratchU32(n), values);
  } catch {
    setSmallCapacity(0);
    return sumU32General(values);
  }
  const began = generation;
  let result;
  try {
    result = wasm.__smallSumU32(n) >>> 0;
  } catch (error) {
    throw failBare(error, began, 'sumU32');
  }
  return result;
}

/** @param {Parameters<typeof glue.sumU32>[0]} values */
function sumU32General(values) {
  const alias = aliasOf(values);
  const began = begin('sumU32');
  let result;
  try {
    result = glue.sumU32(alias?.copy ?? values);
  } catch (error) {
    throw fail(error, began, 'sumU32');
  }
  return end(began, result, 'sumU32');
}

/** @type {typeof glue.normalize} */
export function normalize(values) {
  let n;
  try {
    n = lengthOf.call(values);
  } catch {
    return normalizeGeneral(values);
  }
  const v = /** @type {Float32Array} */ (values);
  if (typeof v[0] !== 'number' || getPrototypeOf(v) !== F32_PROTO || (n > smallLimit && !smallTakes(n))) {
    return normalizeGeneral(values);
  }
  const view = small.f32[n] ?? scratchF32(n);
  try {
    typedSet.call(view, v);
  } catch {
    setSmallCapacity(0);
    return normalizeGeneral(values);
  }
  const began = generation;
  let result;
  try {
    result = wasm.__smallNormalize(n) !== 0;
  } catch (error) {
    throw failBare(error, began, 'normalize');
  }
  if (result) typedSet.call(values, view);
  return result;
}

/** @param {Parameters<typeof glue.normalize>[0]} values */
function normalizeGeneral(values) {
  const alias = aliasOf(values);
  const began = begin('normalize');
  let result;
  try {
    result = glue.normalize(alias?.copy ?? values);
  } catch (error) {
    throw fail(error, began, 'normalize');
  }
  end(began, result, 'normalize');
  if (alias !== null && result) writeBack(alias, Float32Array);
  return result;
}

/** @type {typeof glue.normalizePeak} */
export function normalizePeak(values) {
  const alias = aliasOf(values);
  const began = begin('normalizePeak');
  let result;
  try {
    result = glue.normalizePeak(alias?.copy ?? values);
  } catch (error) {
    throw fail(error, began, 'normalizePeak');
  }
  end(began, result, 'normalizePeak');
  if (alias !== null && result) writeBack(alias, Float32Array);
  return result;
}

/** @type {typeof glue.fillDoubles} */
export function fillDoubles(values) {
  let n;
  try {
    n = lengthOf.call(values);
  } catch {
    return fillDoublesGeneral(values);
  }
  const v = /** @type {Uint32Array} */ (values);
  if (typeof v[0] !== 'number' || getPrototypeOf(v) !== U32_PROTO || (n > smallLimit && !smallTakes(n))) {
    return fillDoublesGeneral(values);
  }
  const began = generation;
  try {
    wasm.__smallFillDoubles(n);
  } catch (error) {
    throw failBare(error, began, 'fillDoubles');
  }
  try {
    typedSet.call(v, small.u32[n] ?? scratchU32(n));
  } catch {
    setSmallCapacity(0);
    fillDoublesGeneral(values);
  }
}

/** @param {Parameters<typeof glue.fillDoubles>[0]} values */
function fillDoublesGeneral(values) {
  const alias = aliasOf(values);
  const began = begin('fillDoubles');
  try {
    glue.fillDoubles(alias?.copy ?? values);
  } catch (error) {
    throw fail(error, began, 'fillDoubles');
  }
  end(began, undefined, 'fillDoubles');
  if (alias !== null) writeBack(alias, Uint32Array);
}

// ---- buffers -------------------------------------------------------------
//
// The shared API (constructor, `from`, `length`, `ptr`, `view`, `free`,
// dispose) is the base class's; each buffer class adds its kernels.
//
// The kernels (`normalize`, `normalizePeak`, `sum`, `fillDoubles`) call no
// import while they run, as the small path's do, so they take the small
// path's bare protocol: no depth count, no result check, and `failBare`
// for a trap. Nothing can call in during one, and it can only return
// normally in the generation it began in. A buffer that passed `innerOf`
// was made in the current generation, after any replacement was picked up,
// so `clear` holds; the `enter()` behind it is a guard, not a path. With
// `begin`/`end`, a 16-element `U32Buffer.sum` cost 7-10 ns more than the
// glue method it wraps in Chromium (probe in one page, 25 interleaved
// rounds); with the bare protocol, 0-3 ns.

/** @type {any} set while a wrapper is made around an existing glue object */
let adopting = null;

// Views after `free()` (finding F8). `view()` gives a plain typed array over
// wasm memory, the zero-copy path, which this layer cannot revoke one by
// one. Two rules keep it from ever reaching another owner's memory:
// - a view holds its buffer: while the view is reachable, the buffer's
//   finalizer cannot free the memory under it;
// - `free()` of a buffer that handed out a view of the current memory
//   detaches every view of that memory, as memory growth does
//   (`memory.grow(0)`: the engine replaces the buffer and detaches the old
//   one). The old view then has length 0, reads `undefined`, drops writes
//   and throws from its methods; views of other buffers are taken again,
//   as after any growth.

/** The buffer each view came from. @type {WeakMap<object, Buffer>} */
const holders = new WeakMap();

/**
 * The live glue object of a buffer, or the typed error for a call of
 * `member` on it. Reads nothing of the caller's before the brand check.
 * @type {(self: unknown, member: string) => any}
 */
let innerOf;

/**
 * The hot path of `innerOf` for the kernels: the glue object of `self` if
 * it is a live, current buffer of class `kind`, else null (then
 * `refusal()` makes the error). One expression with no messages in it: a
 * 16-element kernel call about 1 ns faster in Firefox than through
 * `innerOf` and a class brand.
 * @type {(self: unknown, kind: string) => any}
 */
let liveInner;

class Buffer {
  /** @type {any} the glue's object; null once freed */
  #inner;
  #generation = generation;
  /** @type {string} the class's name, for messages */
  #kind;
  /** @type {ArrayBufferLike | null} the memory buffer its last view was over */
  #viewed = null;

  /**
   * @param {any} Glue the glue's class
   * @param {string} kind
   * @param {number} length
   */
  constructor(Glue, kind, length) {
    this.#kind = kind;
    if (adopting !== null) {
      this.#inner = adopting;
      adopting = null;
      return;
    }
    const name = `new ${kind}`;
    const began = begin(name);
    let inner;
    try {
      inner = new Glue(length);
    } catch (error) {
      throw fail(error, began, name);
    }
    this.#inner = end(began, inner, name);
  }

  static {
    innerOf = (self, member) => {
      if (typeof self !== 'object' || self === null || !(#inner in self)) {
        throw new TypeError(`${member}: this is not an F32Buffer or U32Buffer made by this package (a copy or a look-alike is not one)`);
      }
      const kind = self.#kind;
      if (self.#inner === null) throw new UseAfterFreeError(`${kind}.${member}: this ${kind} was already freed; create a new one`);
      if (self.#generation !== generation) {
        throw new StaleInstanceError(
          `${kind}.${member}: this ${kind} belonged to an instance that was replaced after a panic; its contents are gone, create a new one`,
        );
      }
      return self.#inner;
    };
    liveInner = (self, kind) =>
      typeof self === 'object' && self !== null && #inner in self && self.#kind === kind && self.#generation === generation ? self.#inner : null;
  }

  /**
   * A wrapper of class `Class` around glue object `inner`.
   * @template T
   * @param {new (length: number) => T} Class
   * @param {any} inner
   * @returns {T}
   */
  static adopt(Class, inner) {
    adopting = inner;
    return new Class(0);
  }

  /** Number of elements. */
  get length() {
    const inner = innerOf(this, 'length');
    const began = begin('length');
    let result;
    try {
      result = inner.length;
    } catch (error) {
      throw fail(error, began, 'length');
    }
    return end(began, result, 'length');
  }

  /** Byte address of the first element in wasm memory. */
  get ptr() {
    const inner = innerOf(this, 'ptr');
    const began = begin('ptr');
    let result;
    try {
      result = inner.ptr;
    } catch (error) {
      throw fail(error, began, 'ptr');
    }
    return end(began, result, 'ptr');
  }

  /**
   * A typed array over the elements, in wasm memory (no copy). It lasts until
   * memory grows (any call that allocates may grow it) or until `free()` of
   * this buffer, which detaches it: then its length is 0, reads give
   * `undefined` and writes are dropped. It never reaches freed memory.
   */
  view() {
    const inner = innerOf(this, 'view()');
    const began = begin('view');
    let result;
    try {
      result = inner.view();
    } catch (error) {
      throw fail(error, began, 'view');
    }
    end(began, result, 'view');
    this.#viewed = bufferOf.call(result);
    holders.set(result, this);
    return result;
  }

  /** Gives the memory back. Works once; a second call throws. */
  free() {
    if (typeof this === 'object' && this !== null && #inner in this && this.#inner !== null && this.#generation !== generation) {
      // Stale: its memory went with the old instance (the glue's finalizer
      // knows that too and leaves it alone). Nothing to free.
      this.#inner = null;
      return;
    }
    const inner = innerOf(this, 'free');
    this.#inner = null;
    const began = begin('free');
    try {
      inner.free();
      // Detach the views this buffer handed out (see `holders`).
      if (this.#viewed !== null && this.#viewed === wasm.memory.buffer) wasm.memory.grow(0);
    } catch (error) {
      throw fail(error, began, 'free');
    }
    end(began, undefined, 'free');
  }

  /** For `using`: frees the buffer unless `free()` already did. */
  [Symbol.dispose ?? Symbol.for('Symbol.dispose')]() {
    if (#inner in this && this.#inner !== null) this.free();
  }
}

/**
 * The error for a kernel call `member` on `self`, which `liveInner` refused
 * as a buffer of class `kind`: the same, in the same order, as `innerOf`
 * and then the class check make.
 * @param {unknown} self
 * @param {string} member
 * @param {string} kind
 */
function refusal(self, member, kind) {
  innerOf(self, member); // throws unless self is a live, current buffer
  return new TypeError(`${kind}.${member}: this is not a${kind === 'U32Buffer' ? '' : 'n'} ${kind}`);
}

/**
 * f32 elements owned by wasm memory. Free with `free()` (or `using`); a
 * FinalizationRegistry frees it if you forget.
 */
export class F32Buffer extends Buffer {
  /** @param {number} length */
  constructor(length) {
    super(glue.F32Buffer, 'F32Buffer', length);
  }

  /** @param {Float32Array} values */
  static from(values) {
    const alias = aliasOf(values);
    const began = begin('F32Buffer.from');
    let inner;
    try {
      inner = glue.F32Buffer.from(alias?.copy ?? values);
    } catch (error) {
      throw fail(error, began, 'F32Buffer.from');
    }
    return Buffer.adopt(F32Buffer, end(began, inner, 'F32Buffer.from'));
  }

  /** `normalize` in place, with no copy: whether it scaled. */
  normalize() {
    const inner = liveInner(this, 'F32Buffer');
    if (inner === null) throw refusal(this, 'normalize()', 'F32Buffer');
    if (!clear) enter('F32Buffer.normalize');
    const began = generation;
    let result;
    try {
      result = inner.normalize();
    } catch (error) {
      throw failBare(error, began, 'F32Buffer.normalize');
    }
    return result;
  }

  /** `normalizePeak` in place, with no copy: whether it scaled. */
  normalizePeak() {
    const inner = liveInner(this, 'F32Buffer');
    if (inner === null) throw refusal(this, 'normalizePeak()', 'F32Buffer');
    if (!clear) enter('F32Buffer.normalizePeak');
    const began = generation;
    let result;
    try {
      result = inner.normalizePeak();
    } catch (error) {
      throw failBare(error, began, 'F32Buffer.normalizePeak');
    }
    return result;
  }
}

/**
 * u32 elements owned by wasm memory. Free with `free()` (or `using`); a
 * FinalizationRegistry frees it if you forget.
 */
export class U32Buffer extends Buffer {
  /** @param {number} length */
  constructor(length) {
    super(glue.U32Buffer, 'U32Buffer', length);
  }

  /** @param {Uint32Array} values */
  static from(values) {
    const alias = aliasOf(values);
    const began = begin('U32Buffer.from');
    let inner;
    try {
      inner = glue.U32Buffer.from(alias?.copy ?? values);
    } catch (error) {
      throw fail(error, began, 'U32Buffer.from');
    }
    return Buffer.adopt(U32Buffer, end(began, inner, 'U32Buffer.from'));
  }

  /** The wrapping sum of the elements, in place. */
  sum() {
    const inner = liveInner(this, 'U32Buffer');
    if (inner === null) throw refusal(this, 'sum()', 'U32Buffer');
    if (!clear) enter('U32Buffer.sum');
    const began = generation;
    let result;
    try {
      result = inner.sum();
    } catch (error) {
      throw failBare(error, began, 'U32Buffer.sum');
    }
    return result;
  }

  /** Element `i` ← `2 * i`, in place. */
  fillDoubles() {
    const inner = liveInner(this, 'U32Buffer');
    if (inner === null) throw refusal(this, 'fillDoubles()', 'U32Buffer');
    if (!clear) enter('U32Buffer.fillDoubles');
    const began = generation;
    try {
      inner.fillDoubles();
    } catch (error) {
      throw failBare(error, began, 'U32Buffer.fillDoubles');
    }
  }
}

export { PanicError, StaleInstanceError, UseAfterFreeError } from './errors.js';
export { default, initSync } from './runtime.js';
