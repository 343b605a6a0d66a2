// @ts-check
// Blocks: wasm memory the host owns, as objects whose `free()` works exactly
// once, with `Symbol.dispose` for `using` and a FinalizationRegistry that
// gives back a block dropped unfreed, but never one already given back some
// other way (finding F3: the toolkit keeps the live blocks it made by
// address, and any free takes a block off those books).

import { errorFor, Status, UseAfterFreeError } from '../lib/errors.js';
import { MemoryView, ownBy } from './memory.js';

/** `Symbol.dispose`, or its registered stand-in where the engine has none. */
export const DISPOSE = Symbol.dispose ?? Symbol.for('Symbol.dispose');

/**
 * Throws the typed error for a non-zero status.
 * @param {number} code
 * @param {string} fn
 * @param {string} [detail]
 */
export function check(code, fn, detail) {
  if (code !== Status.OK) throw errorFor(code, fn, detail);
}

// Blocks the host forgot to free are given back when their object is
// collected. The held value must not reference the block object itself.
/**
 * The state of one block, shared by its `Block` object, its views and its
 * finalizer. `viewedOver` is the memory buffer a view of it last handed out
 * a typed array over.
 * @typedef {{ module: import('./module.js').KitModule, ptr: number, size: number, align: number, freed: boolean, viewedOver?: ArrayBufferLike }} BlockRecord
 */

/**
 * The live blocks each module handed out through this toolkit, by address.
 * A block given back any way (`Block.free()`, or the ABI: `freeBuffer`,
 * `dealloc`, the bare exports) leaves this map, so a finalizer can never
 * free an address the allocator has since given to someone else.
 * @type {WeakMap<import('./module.js').KitModule, Map<number, BlockRecord>>}
 */
const liveBlocks = new WeakMap();

/**
 * Marks the block at `ptr` of `module` as given back, if the toolkit made
 * one there.
 * @param {import('./module.js').KitModule} module
 * @param {number} ptr
 */
export function released(module, ptr) {
  const record = liveBlocks.get(module)?.get(ptr);
  if (record === undefined) return;
  record.freed = true;
  liveBlocks.get(module)?.delete(ptr);
  // A typed array taken from a view of this block must not reach the
  // memory the allocator hands out next: detach every array over the
  // current buffer, as growth does (a shared memory cannot be detached).
  if (!module.fault && record.viewedOver !== undefined && record.viewedOver === module.memory.buffer) module.memory.grow(0);
}

const finalizer =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry((/** @type {BlockRecord} */ record) => {
        if (record.freed || record.module.fault) return;
        released(record.module, record.ptr);
        record.module.exports.dealloc(record.ptr, record.size, record.align);
      })
    : null;

/**
 * A block of wasm memory the host owns: from `alloc` (zeroed), or a result
 * buffer from `process_string` / `echo_suffix` (alignment 1).
 */
export class Block {
  /** @type {import('./module.js').KitModule} */
  #module;
  /** @type {BlockRecord} */
  #record;

  /**
   * @param {import('./module.js').KitModule} module
   * @param {number} ptr
   * @param {number} byteLength
   * @param {number} align
   */
  constructor(module, ptr, byteLength, align) {
    this.#module = module;
    /** Byte address. */
    this.ptr = ptr;
    /** Size in bytes. */
    this.byteLength = byteLength;
    /** Alignment in bytes. */
    this.align = align;
    this.#record = { module, ptr, size: byteLength, align, freed: false };
    let blocks = liveBlocks.get(module);
    if (blocks === undefined) {
      blocks = new Map();
      liveBlocks.set(module, blocks);
    }
    blocks.set(ptr, this.#record);
    finalizer?.register(this, this.#record, this);
  }

  /** Whether the block was given back (by `free()`, or through the ABI). */
  get freed() {
    return this.#record.freed;
  }

  /** @param {string} what */
  #live(what) {
    if (this.#record.freed) throw new UseAfterFreeError(`${what}: block 0x${this.ptr.toString(16)} (${this.byteLength} bytes) was already freed`);
  }

  /**
   * A view of the block as elements of `Type` (default bytes).
   * @param {import('./memory.js').ElementType} [Type]
   */
  view(Type = Uint8Array) {
    this.#live('view');
    if (this.byteLength % Type.BYTES_PER_ELEMENT !== 0) {
      throw new RangeError(`view: ${this.byteLength} bytes is not a whole number of ${Type.name} elements`);
    }
    const view = new MemoryView(this.#module.memory, Type, this.ptr, this.byteLength / Type.BYTES_PER_ELEMENT, 'view');
    ownBy(view, this, this.#record);
    return view;
  }

  /** The block's bytes decoded as UTF-8. */
  text() {
    this.#live('text');
    return this.#module.readString(this.ptr, this.byteLength);
  }

  /**
   * Gives the block back to the module. Works once; a second call throws.
   * On a module that trapped (see `KitModule.fault`) it only marks the block
   * freed: its memory went with the instance.
   */
  free() {
    this.#live('free');
    finalizer?.unregister(this);
    if (this.#module.fault) {
      released(this.#module, this.ptr);
      return;
    }
    check(this.#module.exports.dealloc(this.ptr, this.byteLength, this.align), 'dealloc', `block 0x${this.ptr.toString(16)}`);
  }

  /** For `using`: frees the block unless it was already given back. */
  [DISPOSE]() {
    if (!this.#record.freed) this.free();
  }
}
