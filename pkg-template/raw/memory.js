// @ts-check
// Views of linear memory: `MemoryView`, a typed view built from a byte
// address and an element count, checked for alignment and bounds, and
// rebuilt whenever `memory.grow` has replaced the buffer, so that it never
// reads stale bytes; a view of a `Block` also refuses use once the block is
// given back.

import { errorFor, Status, UseAfterFreeError } from '../lib/errors.js';
import { typedArrayTag, typedSet } from '../lib/intrinsics.js';

/**
 * The raw exports of a module built with the kit.
 * @typedef {Record<string, any> & { memory: WebAssembly.Memory }} RawExports
 * @typedef {Uint8Array | Uint32Array | Int32Array | Float32Array | Float64Array} ElementArray
 * @typedef {typeof Uint8Array | typeof Uint32Array | typeof Int32Array | typeof Float32Array | typeof Float64Array} ElementType
 */

/** The element types the toolkit copies, by class name. */
export const BY_TAG = new Map(
  /** @type {[string, ElementType][]} */ ([
    ['Uint8Array', Uint8Array],
    ['Uint32Array', Uint32Array],
    ['Int32Array', Int32Array],
    ['Float32Array', Float32Array],
    ['Float64Array', Float64Array],
  ]),
);

/** The element classes the toolkit views. @type {Set<unknown>} */
export const TYPES = new Set(BY_TAG.values());

/**
 * @param {unknown} value
 * @param {string} name
 * @param {string} fn
 * @param {number} [max]
 * @returns {asserts value is number}
 */
export function requireUint(value, name, fn, max = 0xffffffff) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${fn}: ${name} must be an integer from 0 to ${max}, got ${String(value)}`);
  }
}

/** The block of each block view, held so that it is not collected. @type {WeakMap<MemoryView, import('./blocks.js').Block>} */
const viewedBlocks = new WeakMap();

/**
 * Makes `view` a view of `block`'s memory (see `Block.view`).
 * @type {(view: MemoryView, block: import('./blocks.js').Block, record: import('./blocks.js').BlockRecord) => void}
 */
export let ownBy;

/**
 * A typed view of `length` elements at byte address `ptr`. Reading `.array`
 * always gives a typed array over the *current* `memory.buffer`: after
 * `memory.grow` the old buffer is detached, and the view rebuilds itself.
 * A view of a `Block` (`block.view()`) keeps the block from being
 * collected, and after the block is given back every use of it throws
 * `UseAfterFreeError`; typed arrays taken from `.array` are detached then.
 */
const memoryBuffer = /** @type {any} */ (Object.getOwnPropertyDescriptor(WebAssembly.Memory.prototype, 'buffer')).get;

/**
 * Whether `value` is a WebAssembly.Memory, from its internal slot (so a
 * memory of another realm passes and a look-alike object does not).
 * @param {unknown} value
 */
function isMemory(value) {
  try {
    memoryBuffer.call(value);
    return true;
  } catch {
    return false;
  }
}

export class MemoryView {
  /** @type {WebAssembly.Memory} */
  #memory;
  /** @type {ElementType} */
  #Type;
  /** @type {ElementArray | null} */
  #array = null;
  /** @type {import('./blocks.js').BlockRecord | null} */
  #record = null;

  static {
    ownBy = (view, block, record) => {
      view.#record = record;
      viewedBlocks.set(view, block);
    };
  }

  /**
   * @param {WebAssembly.Memory} memory
   * @param {ElementType} Type
   * @param {number} ptr
   * @param {number} length
   * @param {string} [fn]
   */
  constructor(memory, Type, ptr, length, fn = 'view') {
    if (!isMemory(memory)) throw new TypeError(`${fn}: memory must be a WebAssembly.Memory`);
    if (!TYPES.has(Type)) throw new TypeError(`${fn}: unsupported element type ${Type?.name}`);
    requireUint(ptr, 'ptr (bytes)', fn);
    requireUint(length, 'length (elements)', fn);
    const size = Type.BYTES_PER_ELEMENT;
    if (ptr % size !== 0) throw errorFor(Status.MISALIGNED, fn, `ptr ${ptr} is not a multiple of ${size}`);
    const end = ptr + length * size;
    if (end > 0xffffffff) throw errorFor(Status.OVERFLOW, fn, `${ptr} + ${length} * ${size}`);
    if (end > memory.buffer.byteLength) {
      throw errorFor(Status.OUT_OF_BOUNDS, fn, `bytes ${ptr}..${end} of ${memory.buffer.byteLength}`);
    }
    this.#memory = memory;
    this.#Type = Type;
    /** Byte address of the first element. */
    this.ptr = ptr;
    /** Number of elements. */
    this.length = length;
    /** Number of bytes. */
    this.byteLength = length * size;
  }

  /**
   * A typed array over the current buffer (rebuilt after memory growth).
   * It is a plain typed array: keep the view, not the array. Once the
   * block this views is given back, the arrays taken here are detached.
   */
  get array() {
    const array = this.#current();
    // An array handed out: the block's free must detach it (see blocks.js).
    if (this.#record !== null) this.#record.viewedOver = array.buffer;
    return array;
  }

  /** The typed array over the current buffer, for this class's own use. */
  #current() {
    const record = this.#record;
    if (record?.freed) {
      throw new UseAfterFreeError(`view: block 0x${record.ptr.toString(16)} (${record.size} bytes) was given back; this view of it can no longer be used`);
    }
    let array = this.#array;
    if (array === null || array.buffer !== this.#memory.buffer) {
      array = new this.#Type(this.#memory.buffer, this.ptr, this.length);
      this.#array = array;
    }
    return array;
  }

  /**
   * Element `i`.
   * @param {number} i
   */
  get(i) {
    return this.#current()[i];
  }

  /**
   * Sets element `i`.
   * @param {number} i
   * @param {number} value
   */
  set(i, value) {
    // Convert first: a valueOf or toString that grows memory must not
    // leave the write in the buffer that growth detached.
    const number = +value;
    const index = typeof i === 'number' ? i : String(i);
    /** @type {any} */ (this.#current())[index] = number;
  }

  /**
   * Copies `values` in, starting at element `offset`.
   * @param {ArrayLike<number>} values
   * @param {number} [offset]
   */
  write(values, offset = 0) {
    // Read `values` (its getters may grow memory) and the offset into a
    // copy first, then take the current view: no write lands in a buffer
    // that growth detached.
    const at = +offset;
    const source = typedArrayTag(values) === undefined ? this.#Type.from(/** @type {ArrayLike<number>} */ (values)) : values;
    typedSet.call(this.#current(), source, at);
  }

  /** A copy of the elements, detached from wasm memory. */
  toArray() {
    return this.#current().slice();
  }
}
