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

/** `Object.getPrototypeOf` (a global the caller could replace later). */
export const getPrototypeOf = Object.getPrototypeOf;

/** `ArrayBuffer.isView`. */
const isView = ArrayBuffer.isView;

/** The `Symbol.toStringTag` getter: the class name, from the internal slot. @type {(this: unknown) => string | undefined} */
const tagOf = /** @type {any} */ (Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag)).get;

/**
 * The typed-array class name of `value` ("Float32Array", ...), read from
 * its internal slot, or undefined for anything else (a DataView, a Proxy).
 * @param {unknown} value
 * @returns {string | undefined}
 */
export function typedArrayTag(value) {
  return isView(value) ? tagOf.call(value) : undefined;
}

/** The `buffer` getter. @type {(this: unknown) => ArrayBufferLike} */
export const bufferOf = /** @type {any} */ (Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'buffer')).get;

/** The `byteOffset` getter (0 for a detached array). @type {(this: unknown) => number} */
export const byteOffsetOf = /** @type {any} */ (Object.getOwnPropertyDescriptor(TypedArrayPrototype, 'byteOffset')).get;

/** The element classes, by tag. */
const CLASSES = {
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
  Float32Array,
  Float64Array,
  BigInt64Array,
  BigUint64Array,
};

/**
 * A copy of the typed array `values` (tag `tag`) in a fresh ArrayBuffer,
 * made with the engine's class for the tag: no `constructor` or species of
 * the caller's is consulted (as `slice` would).
 * @template {ArrayBufferView} T
 * @param {T} values
 * @param {string} tag
 * @returns {T}
 */
export function copyOf(values, tag) {
  const Class = /** @type {any} */ (CLASSES)[tag];
  const copy = new Class(lengthOf.call(values));
  typedSet.call(copy, /** @type {any} */ (values));
  return copy;
}
