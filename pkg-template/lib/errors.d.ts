// Types of the error classes that `rust-wasm-memory` and
// `rust-wasm-memory/raw` share (one module, so `instanceof` works across
// both entries).

/** Status codes of raw exports (from the contract): 0 is success, errors are negative. */
export declare const Status: Readonly<{
  OK: 0; NULL_POINTER: -1; ZERO_LENGTH: -2; CANNOT_NORMALIZE: -3; MISALIGNED: -4; OVERFLOW: -5;
  OUT_OF_BOUNDS: -6; NOT_OWNED: -7; WRONG_LENGTH: -8; OUT_OF_MEMORY: -9; BAD_ALIGN: -10;
  OVERLAP: -11; INVALID_UTF8: -12; INVALID_ARGUMENT: -13;
}>;

/** Base class of every error a raw call reports; `code` is the status. */
export declare class RawError extends Error {
  /** Message: `${fn}: ${message} (status ${code})`. */
  constructor(code: number, fn: string, message: string);
  readonly code: number;
  /** The raw export that returned the status. */
  readonly fn: string;
}
/** -1: a pointer is 0. */
export declare class NullPointerError extends RawError {}
/** -2: a zero length where an element is required (`normalize_numbers`). */
export declare class ZeroLengthError extends RawError {}
/** -3: the maximum is ±0 or not finite; the data is unchanged. */
export declare class CannotNormalizeError extends RawError {}
/** -4: a pointer is not a multiple of its element size. */
export declare class MisalignedError extends RawError {}
/** -5: `ptr + len * size` does not fit in 32 bits. */
export declare class OverflowError extends RawError {}
/** -6: the range runs past the end of linear memory. */
export declare class OutOfBoundsError extends RawError {}
/** -7: not inside a live block this module handed out (never allocated, freed, or spanning two). */
export declare class NotOwnedError extends RawError {}
/** -8: a free named a live block with the wrong size or alignment; it stays live. */
export declare class WrongLengthError extends RawError {}
/** -9: the allocator could not provide the memory. */
export declare class OutOfMemoryError extends RawError {}
/** -10: an alignment that is not a power of two from 1 to 65536. */
export declare class BadAlignError extends RawError {}
/** -11: two arguments overlap and the call writes one of them (two out-params at one address, an input over an output). */
export declare class OverlapError extends RawError {}
/** -12: bytes that must be UTF-8 text are not. */
export declare class InvalidUtf8Error extends RawError {}
/** -13: an argument is outside the domain the export documents. */
export declare class InvalidArgumentError extends RawError {}
/** A status code this toolkit does not know. */
export declare class UnknownStatusError extends RawError {}
/**
 * A buffer, block or handle used after its `free()` (a second `free()`
 * included).
 */
export declare class UseAfterFreeError extends Error {
  constructor(message: string);
  readonly name: 'UseAfterFreeError';
}

/**
 * A buffer made by an instance that was replaced after a `PanicError` (its
 * `free()` is a quiet no-op: the old memory is gone), or a call refused
 * because the instance trapped during an enclosing call.
 */
export declare class StaleInstanceError extends Error {
  /** `options.cause`: what the call threw, when a call made from inside it trapped. */
  constructor(message: string, options?: ErrorOptions);
  readonly name: 'StaleInstanceError';
}

/**
 * A panic (a bug in the module) or another trap inside wasm, thrown by the
 * call that hit it. Through `rust-wasm-memory` the instance is replaced and
 * the next call runs on a fresh one; through a `RawModule` the instance is
 * done for and every later call throws `PoisonedError`.
 */
export declare class PanicError extends Error {
  constructor(message: string, details: { location: string | null; fn: string; cause: unknown });
  readonly name: 'PanicError';
  /** `"panic"` when the panic hook recorded a message, `"trap"` otherwise. */
  readonly kind: 'panic' | 'trap';
  /** `"file:line:col"` of the panic; `null` for a trap without one. */
  readonly location: string | null;
  /** The function or export that trapped. */
  readonly fn: string;
  /** The engine's `WebAssembly.RuntimeError`. */
  readonly cause: WebAssembly.RuntimeError;
}

/** A call on a `RawModule` whose instance trapped earlier; `cause` is its `fault`. */
export declare class PoisonedError extends Error {
  constructor(message: string, fault: PanicError);
  readonly name: 'PoisonedError';
  readonly cause: PanicError;
}

/** The typed error for a non-zero status `code` returned by export `fn`. */
export declare function errorFor(code: number, fn: string, detail?: string): RawError;

