// @ts-check
// Every error class the package throws, in one module that both entries
// (`rust-wasm-memory` and `rust-wasm-memory/raw`) import, so `instanceof`
// works across them. The status codes, their names and messages come from
// ./contract.js, which the build copies from contract/status.json (written
// from the Rust kit): nothing here types a code or a message.
import contract from './contract.js';

/**
 * A panic (a bug in the module) or another trap inside wasm. `kind` is
 * "panic" when the module's panic hook recorded a message (then `location`
 * is "file:line:col"), or "trap" without one; `fn` names the call that
 * trapped and `cause` is the engine's `WebAssembly.RuntimeError`.
 */
export class PanicError extends Error {
  /**
   * @param {string} message
   * @param {{ location: string | null, fn: string, cause: unknown }} details
   */
  constructor(message, { location, fn, cause }) {
    super(message, { cause });
    this.name = 'PanicError';
    /** @type {'panic' | 'trap'} */
    this.kind = location === null ? 'trap' : 'panic';
    this.location = location;
    this.fn = fn;
  }
}

/** A buffer, block or handle used after its `free()`. */
export class UseAfterFreeError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = 'UseAfterFreeError';
  }
}

/**
 * A buffer made by an instance that was replaced after a `PanicError`, or
 * a call refused because the instance trapped during an enclosing call.
 */
export class StaleInstanceError extends Error {
  /**
   * @param {string} message
   * @param {ErrorOptions} [options] `cause`: what the call threw, if it threw
   */
  constructor(message, options) {
    super(message, options);
    this.name = 'StaleInstanceError';
  }
}

/** A call on a `RawModule` whose instance trapped earlier (see `fault`). */
export class PoisonedError extends Error {
  /**
   * @param {string} message
   * @param {PanicError} fault
   */
  constructor(message, fault) {
    super(message, { cause: fault });
    this.name = 'PoisonedError';
  }
}

/** The base class of every error a raw call's status code reports. */
export class RawError extends Error {
  /**
   * @param {number} code the status code
   * @param {string} fn the export that returned it
   * @param {string} message what was wrong
   */
  constructor(code, fn, message) {
    super(`${fn}: ${message} (status ${code})`);
    this.name = new.target.name;
    this.code = code;
    this.fn = fn;
  }
}
export class NullPointerError extends RawError {}
export class ZeroLengthError extends RawError {}
export class CannotNormalizeError extends RawError {}
export class MisalignedError extends RawError {}
export class OverflowError extends RawError {}
export class OutOfBoundsError extends RawError {}
export class NotOwnedError extends RawError {}
export class WrongLengthError extends RawError {}
export class OutOfMemoryError extends RawError {}
export class BadAlignError extends RawError {}
export class OverlapError extends RawError {}
export class InvalidUtf8Error extends RawError {}
export class InvalidArgumentError extends RawError {}
/** A code this toolkit does not know (a newer module). */
export class UnknownStatusError extends RawError {}

/** The status classes by name; a test checks this list against the contract. */
export const STATUS_CLASSES = Object.freeze({
  NullPointerError,
  ZeroLengthError,
  CannotNormalizeError,
  MisalignedError,
  OverflowError,
  OutOfBoundsError,
  NotOwnedError,
  WrongLengthError,
  OutOfMemoryError,
  BadAlignError,
  OverlapError,
  InvalidUtf8Error,
  InvalidArgumentError,
});

/** Status codes by name (`Status.NOT_OWNED === -7`), from the contract. */
export const Status = Object.freeze(Object.fromEntries(contract.status.map((s) => [s.name, s.code])));

/** @type {Map<number, [typeof RawError, string]>} */
const byCode = new Map(
  contract.status
    .filter((s) => s.code !== 0)
    .map((s) => [s.code, [/** @type {Record<string, typeof RawError>} */ (STATUS_CLASSES)[s.class] ?? UnknownStatusError, s.message]]),
);

/**
 * The typed error for a non-zero status `code` returned by export `fn`.
 * @param {number} code
 * @param {string} fn
 * @param {string} [detail]
 * @returns {RawError}
 */
export function errorFor(code, fn, detail = '') {
  const [Class, message] = byCode.get(code) ?? [UnknownStatusError, 'unknown status'];
  return new Class(code, fn, detail ? `${message}: ${detail}` : message);
}
