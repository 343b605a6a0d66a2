
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

/** Views of the scratch area, `u32[n]` / `f32[n]` of exactly n elements, made on first use. */
const __rwmSmall = { instance: -1, at: 0, u32: [], f32: [] };

/** The scratch views for the live instance, or null before `init()`. */
function __rwmSmallViews() {
  if (wasm === undefined) return null;
  __wbg_call_guard(); // a trapped instance is replaced first, as in every glue call
  const views = __rwmSmall;
  // A view over memory that grew is detached and reads as length 0.
  if (views.instance !== __wbg_instance_id || views.u32.length === 0 || views.u32[1].length === 0) {
    const capacity = wasm.__smallCapacity() >>> 0;
    views.instance = __wbg_instance_id;
    views.at = wasm.__smallScratch() >>> 0;
    views.u32 = new Array(capacity + 1).fill(null);
    views.f32 = new Array(capacity + 1).fill(null);
    views.u32[1] = new Uint32Array(wasm.memory.buffer, views.at, 1);
  }
  return views;
}

function __rwmSmallView(views, Type, n) {
  const list = Type === Float32Array ? views.f32 : views.u32;
  return list[n] ?? (list[n] = new Type(wasm.memory.buffer, views.at, n));
}

/** `n` elements of `values` into the scratch area; false if they do not fit. */
function __rwmSmallIn(views, Type, values, n) {
  if (n >= views.u32.length) return false;
  __rwmTypedSet.call(__rwmSmallView(views, Type, n), values);
  return true;
}

function __rwmSmallPaths() {
  const general = { sumU32, normalize, fillDoubles };
  const small = (values, Type) => ArrayBuffer.isView(values) && values instanceof Type;

  sumU32 = function sumU32(values) {
    const views = small(values, Uint32Array) ? __rwmSmallViews() : null;
    const n = views && __rwmLengthOf.call(values);
    if (views && __rwmSmallIn(views, Uint32Array, values, n)) {
      try {
        return wasm.__smallSumU32(n) >>> 0;
      } catch (error) {
        throw __rwmCaught(error);
      }
    }
    return general.sumU32(values);
  };

  normalize = function normalize(values) {
    const views = small(values, Float32Array) ? __rwmSmallViews() : null;
    const n = views && __rwmLengthOf.call(values);
    if (views && __rwmSmallIn(views, Float32Array, values, n)) {
      let scaled;
      try {
        scaled = wasm.__smallNormalize(n) !== 0;
      } catch (error) {
        throw __rwmCaught(error);
      }
      if (scaled) __rwmTypedSet.call(values, __rwmSmallView(views, Float32Array, n));
      return scaled;
    }
    return general.normalize(values);
  };

  fillDoubles = function fillDoubles(values) {
    const views = small(values, Uint32Array) ? __rwmSmallViews() : null;
    const n = views && __rwmLengthOf.call(values);
    if (views && n < views.u32.length) {
      try {
        wasm.__smallFillDoubles(n);
      } catch (error) {
        throw __rwmCaught(error);
      }
      __rwmTypedSet.call(values, __rwmSmallView(views, Uint32Array, n));
      return;
    }
    return general.fillDoubles(values);
  };
}

/* @guard-exports */
