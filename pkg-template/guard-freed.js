
// ---- appended by scripts/build.mjs (pkg-template/guard-freed.js) ----------
// wasm-bindgen's glue hands a freed object's pointer (0) straight to wasm,
// which answers "null pointer passed to rust". These guards check first and
// throw an error that says what happened. They rely on the glue keeping an
// object's pointer in `__wbg_ptr` (tests/js/buffers.test.mjs pins that).
class UseAfterFreeError extends Error {
  constructor(message) {
    super(message);
    this.name = 'UseAfterFreeError';
  }
}
for (const Class of [F32Buffer, U32Buffer]) {
  for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(Class.prototype))) {
    if (name === 'constructor' || name.startsWith('__')) continue;
    const guard = (fn, what) => function (...args) {
      if (!this.__wbg_ptr) {
        throw new UseAfterFreeError(`${Class.name}.${what}: this ${Class.name} was already freed; create a new one`);
      }
      return fn.apply(this, args);
    };
    if (typeof desc.value === 'function') desc.value = guard(desc.value, name === 'free' ? 'free' : `${name}()`);
    if (desc.get) desc.get = guard(desc.get, name);
    Object.defineProperty(Class.prototype, name, desc);
  }
}
// `using` after an explicit free() is not a double free: dispose only frees
// a live object, as the raw toolkit's blocks do.
for (const Class of [F32Buffer, U32Buffer]) {
  const dispose = Symbol.dispose ?? Symbol.for('Symbol.dispose');
  Object.defineProperty(Class.prototype, dispose, {
    configurable: true,
    writable: true,
    value() {
      if (this.__wbg_ptr) this.free();
    },
  });
}
