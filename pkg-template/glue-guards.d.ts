
// ---- appended by scripts/build.mjs (pkg-template/glue-guards.d.ts) --------

/**
 * Thrown by a method or getter of an `F32Buffer` / `U32Buffer` after its
 * `free()` (a second `free()` included).
 */
export class UseAfterFreeError extends Error {
  readonly name: 'UseAfterFreeError';
}

/**
 * A panic (a bug in this package) or another trap inside wasm, thrown by the
 * call that hit it. The instance that trapped is discarded and the next call
 * runs on a fresh one with a fresh memory: results are as before, but
 * buffers and `memory` views taken earlier belong to the old instance.
 */
export class PanicError extends Error {
  readonly name: 'PanicError';
  /** `"panic"` when the panic hook recorded a message, `"trap"` otherwise. */
  readonly kind: 'panic' | 'trap';
  /** `"file:line:col"` of the panic; `null` for a trap without one. */
  readonly location: string | null;
  /** The engine's `WebAssembly.RuntimeError`. */
  readonly cause: WebAssembly.RuntimeError;
}

/**
 * Thrown by a method or getter of a buffer created by an instance that was
 * replaced after a `PanicError`. Its `free()` is a quiet no-op: the old
 * instance's memory is gone with it.
 */
export class StaleInstanceError extends Error {
  readonly name: 'StaleInstanceError';
}
