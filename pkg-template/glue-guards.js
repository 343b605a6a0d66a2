
// ---- appended by scripts/build.mjs (pkg-template/glue-guards.js) ----------
// This runs in the glue's own module scope: it sees `wasm`, the classes, and
// the reinit state wasm-bindgen emits (`__wbg_instance_id`,
// `__wbg_reinit_scheduled`) because src/panic.rs uses `schedule_reinit`.
// tests/js/panic.test.mjs and tests/js/buffers.test.mjs pin what it relies on.

/** A call on an `F32Buffer` / `U32Buffer` that was already freed. */
class UseAfterFreeError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UseAfterFreeError';
  }
}

/**
 * A panic (a bug in this package) or another trap inside wasm. `kind` is
 * "panic" when the panic hook recorded a message (then `location` is
 * "file:line:col"), or "trap" when wasm trapped without one. Either way
 * the instance that trapped is discarded and the next call runs on a fresh
 * one; `cause` is the engine's `WebAssembly.RuntimeError`.
 */
class PanicError extends Error {
  constructor(message, location, cause) {
    super(message, { cause });
    this.name = 'PanicError';
    this.kind = location === null ? 'trap' : 'panic';
    this.location = location;
  }
}

/** A buffer created by an instance that was replaced after a panic. */
class StaleInstanceError extends Error {
  constructor(message) {
    super(message);
    this.name = 'StaleInstanceError';
  }
}

/** What to throw for `error`, caught from a call into wasm. */
function __rwmCaught(error) {
  if (!(error instanceof WebAssembly.RuntimeError)) return error;
  // Whatever trapped, the instance may be half-updated: replace it before
  // the next call (the panic hook has already asked for this; a trap
  // without a panic, e.g. a failed internal allocation, has not).
  __wbg_reinit_scheduled = true;
  let text = '';
  try {
    // panic_record() returns a constant address: safe to call after a trap.
    const at = wasm.panic_record() >>> 0;
    const { buffer } = wasm.memory;
    const len = Math.min(new DataView(buffer).getUint32(at, true), 1024);
    text = new TextDecoder().decode(new Uint8Array(buffer, at + 4, len));
  } catch {
    // No record to read: report the trap as it is.
  }
  const nl = text.indexOf('\n');
  if (nl < 0) {
    return new PanicError(`wasm trapped without a panic message (${error.message}); the instance was replaced`, null, error);
  }
  return new PanicError(text.slice(nl + 1), text.slice(0, nl), error);
}

function __rwmGuardTraps(fn) {
  return function (...args) {
    try {
      return fn.apply(this, args);
    } catch (error) {
      throw __rwmCaught(error);
    }
  };
}

function __rwmGuardClass(Class) {
  const dispose = Symbol.dispose ?? Symbol.for('Symbol.dispose');
  const stale = (object) => object.__wbg_inst !== undefined && object.__wbg_inst !== __wbg_instance_id;
  for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(Class.prototype))) {
    if (name === 'constructor' || name.startsWith('__')) continue;
    const what = typeof desc.value === 'function' && name !== 'free' ? `${name}()` : name;
    const guard = (fn) => function (...args) {
      if (!this.__wbg_ptr) {
        throw new UseAfterFreeError(`${Class.name}.${what}: this ${Class.name} was already freed; create a new one`);
      }
      if (stale(this)) {
        // Its memory went with the old instance: nothing to free, and the
        // pointer must never reach the new instance's allocator.
        if (name === 'free') return void this.__destroy_into_raw();
        throw new StaleInstanceError(`${Class.name}.${what}: this ${Class.name} belonged to an instance that was replaced after a panic; its contents are gone, create a new one`);
      }
      try {
        return fn.apply(this, args);
      } catch (error) {
        throw __rwmCaught(error);
      }
    };
    if (typeof desc.value === 'function') desc.value = guard(desc.value);
    if (desc.get) desc.get = guard(desc.get);
    Object.defineProperty(Class.prototype, name, desc);
  }
  // `using` after an explicit free() is not a double free: dispose only
  // frees a live object, as the raw toolkit's blocks do.
  Object.defineProperty(Class.prototype, dispose, {
    configurable: true,
    writable: true,
    value() {
      if (this.__wbg_ptr) this.free();
    },
  });
  for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(Class))) {
    if (typeof desc.value !== 'function' || name.startsWith('__')) continue;
    desc.value = __rwmGuardTraps(desc.value);
    Object.defineProperty(Class, name, desc);
  }
  // The constructor allocates too. A Proxy keeps `instanceof`, statics and
  // the glue's own `Class.__wrap` working.
  return new Proxy(Class, {
    construct(target, args, newTarget) {
      try {
        return Reflect.construct(target, args, newTarget);
      } catch (error) {
        throw __rwmCaught(error);
      }
    },
  });
}

// ---- the small-array path (src/small.rs) ----------------------------------
// For a typed array of at most 64 elements, `sumU32`, `normalize` and
// `fillDoubles` check the type here, copy the elements into a fixed scratch
// area of wasm memory and call one export, instead of the general path's
// calls back into JS, heap allocation and fresh views. Anything else (larger
// arrays, wrong types, a module not yet initialised) takes the general path,
// which makes every error. Copies use `TypedArray.prototype.set`, which keeps
// NaN bits as they are, like the general path.

const __rwmTypedSet = Object.getPrototypeOf(Uint8Array.prototype).set;
const __rwmLengthOf = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), 'length').get;

/**
 * The scratch area of the live instance: its address, its capacity in
 * elements, and views of exactly n elements, made on first use. `probe`
 * detects growth (a view over memory that grew is detached: length 0).
 */
const __rwmSmall = { instance: -1, at: 0, capacity: 0, probe: null, u32: [], f32: [] };

/**
 * The length of `values` if it is a `Type` that fits the scratch area of an
 * initialised instance (whose views are then current), else -1.
 */
function __rwmSmallLength(values, Type) {
  if (wasm === undefined || !ArrayBuffer.isView(values) || !(values instanceof Type)) return -1;
  __wbg_call_guard(); // a trapped instance is replaced first, as in every glue call
  const small = __rwmSmall;
  if (small.instance !== __wbg_instance_id || small.probe.length === 0) {
    small.instance = __wbg_instance_id;
    small.at = wasm.__smallScratch() >>> 0;
    small.capacity = wasm.__smallCapacity() >>> 0;
    small.probe = new Uint8Array(wasm.memory.buffer, small.at, 1);
    small.u32 = [];
    small.f32 = [];
  }
  const n = __rwmLengthOf.call(values);
  return n <= small.capacity ? n : -1;
}

/** A view of the first `n` scratch elements as `Type`. */
function __rwmSmallView(Type, n) {
  const list = Type === Float32Array ? __rwmSmall.f32 : __rwmSmall.u32;
  return list[n] ?? (list[n] = new Type(wasm.memory.buffer, __rwmSmall.at, n));
}

/** Calls small-path export `fn` on `n` elements, a trap becoming a PanicError. */
function __rwmSmallCall(fn, n) {
  try {
    return fn(n);
  } catch (error) {
    throw __rwmCaught(error);
  }
}

function __rwmSmallPaths() {
  const general = { sumU32, normalize, fillDoubles };

  sumU32 = function sumU32(values) {
    const n = __rwmSmallLength(values, Uint32Array);
    if (n < 0) return general.sumU32(values);
    __rwmTypedSet.call(__rwmSmallView(Uint32Array, n), values);
    return __rwmSmallCall(wasm.__smallSumU32, n) >>> 0;
  };

  normalize = function normalize(values) {
    const n = __rwmSmallLength(values, Float32Array);
    if (n < 0) return general.normalize(values);
    __rwmTypedSet.call(__rwmSmallView(Float32Array, n), values);
    const scaled = __rwmSmallCall(wasm.__smallNormalize, n) !== 0;
    if (scaled) __rwmTypedSet.call(values, __rwmSmallView(Float32Array, n));
    return scaled;
  };

  fillDoubles = function fillDoubles(values) {
    const n = __rwmSmallLength(values, Uint32Array);
    if (n < 0) return general.fillDoubles(values);
    __rwmSmallCall(wasm.__smallFillDoubles, n);
    __rwmTypedSet.call(values, __rwmSmallView(Uint32Array, n));
  };
}

/* @guard-exports */
