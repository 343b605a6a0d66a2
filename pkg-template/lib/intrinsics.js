// @ts-check
// The engine's own %TypedArray% accessors and `set`, captured once when the
// package loads: they read internal slots and run none of the caller's code
// (a redefined `length`, a `constructor` property or a Proxy in the
// prototype chain changes nothing). Shared by the API layer and the raw
// toolkit.

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);

/** `%TypedArray%.prototype.set`. @type {(this: unknown, source: ArrayLike<number>, offset?: number) => void} */
export const typedSet = TypedArrayPrototype.set;

/** The `length` getter (0 for a detached array). @type {(this: unknown) => number} */
export const lengthOf = /** @type {any} */ (Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'length')).get;

/** The `Symbol.toStringTag` getter: the class name, from the internal slot. @type {(this: unknown) => string | undefined} */
const tagOf = /** @type {any} */ (Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag)).get;

/**
 * The typed-array class name of `value` ("Float32Array", ...), read from
 * its internal slot, or undefined for anything else (a DataView, a Proxy).
 * @param {unknown} value
 * @returns {string | undefined}
 */
export function typedArrayTag(value) {
  return ArrayBuffer.isView(value) ? tagOf.call(value) : undefined;
}
