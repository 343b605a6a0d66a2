
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

/* @guard-exports */
