// The typed host toolkit over the raw C-ABI exports of rust-wasm-memory.
//
// It turns the tutorial's (ptr, len) protocol into something hard to misuse:
// - every status code becomes a typed Error subclass with a message saying
//   what was wrong (`RawError` and its subclasses below);
// - views over linear memory are built from a byte pointer and an element
//   length, checked for alignment and bounds, and re-derived whenever
//   `memory.grow` has replaced the buffer, so a view never reads stale bytes;
// - blocks and result buffers are objects whose `free()` works exactly once,
//   with `Symbol.dispose` for `using` and a FinalizationRegistry fallback.
//
// This file has no environment-specific code: `index.js` (browsers,
// bundlers) and `node.js` (Node) load raw.wasm and wrap it with `RawModule`.

import contract from '../lib/contract.js';
import { errorFor, NotOwnedError, PoisonedError, Status, UseAfterFreeError } from '../lib/errors.js';
import { hasTrapped, onTrap, trapped } from '../lib/instances.js';
import { lengthOf, typedArrayTag, typedSet } from '../lib/intrinsics.js';
import { panicErrorFor } from '../lib/trap.js';

export {
  BadAlignError,
  CannotNormalizeError,
  errorFor,
  MisalignedError,
  NotOwnedError,
  NullPointerError,
  OutOfBoundsError,
  OutOfMemoryError,
  OverlapError,
  InvalidUtf8Error,
  InvalidArgumentError,
  OverflowError,
  PanicError,
  PoisonedError,
  RawError,
  StaleInstanceError,
  Status,
  UnknownStatusError,
  UseAfterFreeError,
  WrongLengthError,
  ZeroLengthError,
} from '../lib/errors.js';

/**
 * `error` (caught from export `fn`) as what the caller should see.
 * @param {unknown} error
 * @param {string} fn
 * @param {RawExports} exports
 */
function trapError(error, fn, exports) {
  let record = null;
  try {
    record = { memory: exports.memory, at: exports.panic_record() >>> 0 };
  } catch {
    // No record to read: report the trap as it is.
  }
  return panicErrorFor(error, fn, record);
}

/**
 * `value` if it is an integer number in the i32 range: the toolkit refuses
 * what wasm would coerce (`"x"` → 0, `1.5` → 1), as the package does.
 * @param {unknown} value
 * @param {string} name
 * @param {string} fn
 * @returns {number}
 */
function requireI32(value, name, fn) {
  if (typeof value !== 'number') throw new TypeError(`${fn}: ${name} must be a number, got ${value === null ? 'null' : typeof value}`);
  if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647) {
    throw new RangeError(`${fn}: ${name} must be an integer from -2147483648 to 2147483647, got ${String(value)}`);
  }
  return value;
}

/**
 * Throws the typed error for a non-zero status.
 * @param {number} code
 * @param {string} fn
 * @param {string} [detail]
 */
function check(code, fn, detail) {
  if (code !== Status.OK) throw errorFor(code, fn, detail);
}

const DISPOSE = Symbol.dispose ?? Symbol.for('Symbol.dispose');
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * Exports the toolkit calls; a module lacking one is refused up front. From
 * the contract: the kit's standard exports, then each function's raw
 * export (but `add`, whose name the package's own module gives to the
 * idiomatic function), then the raw-only ones.
 */
export const REQUIRED_EXPORTS = Object.freeze([
  ...contract.kitExports,
  ...contract.functions.filter((f) => f.rawInPackage !== false).map((f) => f.raw),
  ...contract.rawOnly,
]);

/**
 * The raw exports of a module built with the kit.
 * @typedef {Record<string, any> & { memory: WebAssembly.Memory }} RawExports
 * @typedef {Uint8Array | Uint32Array | Int32Array | Float32Array | Float64Array} ElementArray
 * @typedef {typeof Uint8Array | typeof Uint32Array | typeof Int32Array | typeof Float32Array | typeof Float64Array} ElementType
 */

/** The element types the toolkit copies, by class name. */
const BY_TAG = new Map(
  /** @type {[string, ElementType][]} */ ([
    ['Uint8Array', Uint8Array],
    ['Uint32Array', Uint32Array],
    ['Int32Array', Int32Array],
    ['Float32Array', Float32Array],
    ['Float64Array', Float64Array],
  ]),
);

/** The element classes the toolkit views. @type {Set<unknown>} */
const TYPES = new Set(BY_TAG.values());

/**
 * @param {unknown} value
 * @param {string} name
 * @param {string} fn
 * @param {number} [max]
 * @returns {asserts value is number}
 */
function requireUint(value, name, fn, max = 0xffffffff) {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`${fn}: ${name} must be an integer from 0 to ${max}, got ${String(value)}`);
  }
}

/** The block of each block view, held so that it is not collected. @type {WeakMap<MemoryView, Block>} */
const viewedBlocks = new WeakMap();

/**
 * Makes `view` a view of `block`'s memory (see `Block.view`).
 * @type {(view: MemoryView, block: Block, record: BlockRecord) => void}
 */
let ownBy;

/**
 * A typed view of `length` elements at byte address `ptr`. Reading `.array`
 * always gives a typed array over the *current* `memory.buffer`: after
 * `memory.grow` the old buffer is detached, and the view rebuilds itself.
 * A view of a `Block` (`block.view()`) keeps the block from being
 * collected, and after the block is given back every use of it throws
 * `UseAfterFreeError`; typed arrays taken from `.array` are detached then.
 */
export class MemoryView {
  /** @type {WebAssembly.Memory} */
  #memory;
  /** @type {ElementType} */
  #Type;
  /** @type {ElementArray | null} */
  #array = null;
  /** @type {BlockRecord | null} */
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

  /** A typed array over the current buffer (rebuilt after memory growth). */
  get array() {
    const record = this.#record;
    if (record !== null) {
      if (record.freed) {
        throw new UseAfterFreeError(`view: block 0x${record.ptr.toString(16)} (${record.size} bytes) was given back; this view of it can no longer be used`);
      }
      record.viewedOver = this.#memory.buffer;
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
    return this.array[i];
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
    /** @type {any} */ (this.array)[index] = number;
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
    typedSet.call(this.array, source, at);
  }

  /** A copy of the elements, detached from wasm memory. */
  toArray() {
    return this.array.slice();
  }
}

// Blocks the host forgot to free are given back when their object is
// collected. The held value must not reference the block object itself.
/**
 * The state of one block, shared by its `Block` object, its views and its
 * finalizer. `viewedOver` is the memory buffer a view of it last handed out
 * a typed array over.
 * @typedef {{ module: RawModule, ptr: number, size: number, align: number, freed: boolean, viewedOver?: ArrayBufferLike }} BlockRecord
 */

/**
 * The live blocks each module handed out through this toolkit, by address.
 * A block given back any way (`Block.free()`, or the ABI: `freeBuffer`,
 * `dealloc`, the bare exports) leaves this map, so a finalizer can never
 * free an address the allocator has since given to someone else.
 * @type {WeakMap<RawModule, Map<number, BlockRecord>>}
 */
const liveBlocks = new WeakMap();

/**
 * Marks the block at `ptr` of `module` as given back, if the toolkit made
 * one there.
 * @param {RawModule} module
 * @param {number} ptr
 */
function released(module, ptr) {
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
  /** @type {RawModule} */
  #module;
  /** @type {BlockRecord} */
  #record;

  /**
   * @param {RawModule} module
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
   * @param {ElementType} [Type]
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
   * On a module that trapped (see `RawModule.fault`) it only marks the block
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

/** The raw module with typed, checked, leak-free helpers. */
export class RawModule {
  /**
   * Wraps an instance (or its exports) of raw.wasm, or of the wasm-bindgen
   * build, which carries the same raw exports.
   * @param {WebAssembly.Instance | WebAssembly.Exports | { readonly memory: WebAssembly.Memory }} instanceOrExports
   */
  constructor(instanceOrExports) {
    const exports = /** @type {RawExports} */ (instanceOrExports instanceof WebAssembly.Instance ? instanceOrExports.exports : instanceOrExports);
    const missing = REQUIRED_EXPORTS.filter((name) => !(name in (exports ?? {})));
    if (missing.length) throw new TypeError(`RawModule: not a rust-wasm-memory module; missing exports: ${missing.join(', ')}`);
    /**
     * The raw exports, for calling them directly. Each function is wrapped:
     * a trap becomes a `PanicError`, and after one every call throws
     * `PoisonedError` instead of entering the broken instance.
     */
    this.exports = this.#guard(exports);
    // A trap through another face over the same instance (the package's
    // API layer, for `new RawModule(await init())`) poisons this one too.
    const poison = () => {
      if (this.#fault) return;
      const cause = new WebAssembly.RuntimeError('the instance trapped in a call through another face');
      this.#fault = trapError(cause, 'another face of this instance', exports);
    };
    if (hasTrapped(exports)) poison();
    else onTrap(exports, poison);
    // Record panic messages (no-op if the module has its own hook).
    if (!this.#fault) this.exports.install_panic_hook?.();
  }

  /** @type {import('../lib/errors.js').PanicError | null} */
  #fault = null;

  /**
   * The `PanicError` that ended this instance, or null while it is healthy.
   * Once set, instantiate a new module: nothing here can be used again.
   */
  get fault() {
    return this.#fault;
  }

  /**
   * The NotOwnedError for `len` elements of `size` bytes at `ptr`, saying
   * which of its causes it is (from `debug_ptr`, which reads the registry).
   * @param {string} fn
   * @param {number} ptr
   * @param {number} len
   * @param {number} size
   */
  #notOwned(fn, ptr, len, size) {
    const where = `ptr ${ptr}, len ${len}`;
    const said = this.debugPtr(ptr >>> 0, Math.min(len * size, 0xffffffff));
    const past = /runs past the end of live block (0x[0-9a-f]+) \((\d+) bytes\)/.exec(said);
    const message = past
      ? `len runs past the end of the block at ${past[1]} (${past[2]} bytes): ${where}`
      : /not inside any live block/.test(said)
        ? `the range is not inside a live block this module handed out (never allocated, or already freed): ${where}`
        : `${where}: ${said}`;
    return new NotOwnedError(Status.NOT_OWNED, fn, message);
  }

  /**
   * @param {RawExports} exports
   * @returns {RawExports}
   */
  #guard(exports) {
    const guarded = /** @type {RawExports} */ ({});
    for (const name of Object.keys(exports)) {
      const value = exports[name];
      if (typeof value !== 'function') {
        Object.defineProperty(guarded, name, { enumerable: true, get: () => exports[name] });
        continue;
      }
      // A block given back through the ABI leaves the toolkit's books too,
      // so its Block's finalizer never frees the address again.
      const frees = name === 'free_buffer' || name === 'dealloc';
      guarded[name] = (/** @type {any[]} */ ...args) => {
        if (this.#fault) {
          throw new PoisonedError(`${name}: this module trapped earlier (${this.#fault.message}); instantiate a new one`, this.#fault);
        }
        // Converted once, here: the address released below is the one the
        // export was given, whatever an argument's valueOf would say again.
        if (frees) for (let i = 0; i < args.length; i++) args[i] = +args[i];
        let result;
        try {
          result = value(...args);
        } catch (error) {
          if (!(error instanceof WebAssembly.RuntimeError)) throw error;
          this.#fault = trapError(error, name, exports);
          // Another face over this instance (the package's API layer) must
          // not go on using it either.
          trapped(exports);
          throw this.#fault;
        }
        if (frees && result === 0) released(this, args[0] >>> 0);
        return result;
      };
    }
    return Object.freeze(guarded);
  }

  /** The module's linear memory. */
  get memory() {
    return this.exports.memory;
  }

  /**
   * A checked view of `lenElems` elements of `Type` at byte `ptrBytes`.
   * @param {ElementType} Type
   * @param {number} ptrBytes
   * @param {number} lenElems
   */
  view(Type, ptrBytes, lenElems) {
    return new MemoryView(this.memory, Type, ptrBytes, lenElems);
  }

  /**
   * `lenElems` bytes at byte address `ptrBytes`.
   * @param {number} ptrBytes
   * @param {number} lenElems
   */
  asU8Slice(ptrBytes, lenElems) {
    return new MemoryView(this.memory, Uint8Array, ptrBytes, lenElems, 'asU8Slice');
  }

  /**
   * `lenElems` u32 at byte address `ptrBytes` (must be 4-aligned).
   * @param {number} ptrBytes
   * @param {number} lenElems
   */
  asU32Slice(ptrBytes, lenElems) {
    return new MemoryView(this.memory, Uint32Array, ptrBytes, lenElems, 'asU32Slice');
  }

  /**
   * `lenElems` f32 at byte address `ptrBytes` (must be 4-aligned).
   * @param {number} ptrBytes
   * @param {number} lenElems
   */
  asF32Slice(ptrBytes, lenElems) {
    return new MemoryView(this.memory, Float32Array, ptrBytes, lenElems, 'asF32Slice');
  }

  /**
   * Allocates a zeroed block of `byteLength` bytes.
   * @param {number} byteLength
   * @param {number} [align]
   */
  alloc(byteLength, align = 1) {
    requireUint(byteLength, 'byteLength', 'alloc');
    requireUint(align, 'align', 'alloc');
    const ptr = this.exports.alloc(byteLength, align) >>> 0;
    if (ptr === 0) throw errorFor(this.exports.last_status(), 'alloc', `${byteLength} bytes, align ${align}`);
    return new Block(this, ptr, byteLength, align);
  }

  /**
   * Allocates a block holding `values` (a typed array), aligned for it.
   * @param {ElementArray} values
   */
  allocArray(values) {
    return this.#allocArray(values, 'allocArray');
  }

  /**
   * @param {ElementArray} values
   * @param {string} fn the caller, for messages
   */
  #allocArray(values, fn) {
    // The element type from the array's internal slot, never from a
    // `constructor` property the caller can set.
    const tag = typedArrayTag(values);
    const Type = tag === undefined ? undefined : BY_TAG.get(tag);
    if (Type === undefined) throw new TypeError(`${fn}: values must be a typed array (${[...BY_TAG.keys()].join(', ')}), got ${tag ?? typeof values}`);
    const block = this.alloc(lengthOf.call(values) * Type.BYTES_PER_ELEMENT, Type.BYTES_PER_ELEMENT);
    try {
      // Throws for a detached (transferred) array: then nothing is kept.
      typedSet.call(block.view(Type).array, values);
    } catch (error) {
      block.free();
      throw new TypeError(`${fn}: could not copy values into wasm memory (${error instanceof Error ? error.message : String(error)})`, { cause: error });
    }
    return block;
  }

  /**
   * Allocates a block holding `text` as UTF-8 (lone surrogates become U+FFFD).
   * @param {string} text
   */
  writeString(text) {
    if (typeof text !== 'string') throw new TypeError(`writeString: text must be a string, got ${typeof text}`);
    const bytes = encoder.encode(text);
    const block = this.alloc(bytes.length, 1);
    block.view().write(bytes);
    return block;
  }

  /**
   * Decodes `len` bytes at `ptr` as UTF-8.
   * @param {number} ptr
   * @param {number} len
   */
  readString(ptr, len) {
    return decoder.decode(new MemoryView(this.memory, Uint8Array, ptr, len, 'readString').array);
  }

  /**
   * `a + b`, wrapping as i32 (through `scale_and_add(a, b, 1)`, present in every build).
   * @param {number} a
   * @param {number} b
   * @returns {number}
   */
  add(a, b) {
    return this.exports.scale_and_add(requireI32(a, 'a', 'add'), requireI32(b, 'b', 'add'), 1);
  }

  /**
   * `(x + y) * factor`, wrapping as i32.
   * @param {number} x
   * @param {number} y
   * @param {number} factor
   * @returns {number}
   */
  scaleAndAdd(x, y, factor) {
    const fn = 'scaleAndAdd';
    return this.exports.scale_and_add(requireI32(x, 'x', fn), requireI32(y, 'y', fn), requireI32(factor, 'factor', fn));
  }

  /**
   * The tutorial's callSum: `sum_u32` over `len` u32 already at byte `ptr`.
   * @param {number} ptr
   * @param {number} len
   * @returns {number}
   */
  callSum(ptr, len) {
    const sum = this.exports.sum_u32(ptr, len) >>> 0;
    const code = this.exports.last_status();
    if (code === Status.NOT_OWNED) throw this.#notOwned('sum_u32', ptr, len, 4);
    check(code, 'sum_u32', `ptr ${ptr}, len ${len}`);
    return sum;
  }

  /**
   * The wrapping u32 sum of `values`.
   * @param {ArrayLike<number>} values
   */
  sumU32(values) {
    return this.#withArray(Uint32Array.from(values), (block, n) => this.callSum(block.ptr, n));
  }

  /**
   * A new Uint32Array of `len` elements from `fill_doubles` (element i = 2i).
   * @param {number} len
   */
  fillDoubles(len) {
    return this.#fillNew(Uint32Array, len, 'fill_doubles');
  }

  /**
   * As `fillDoubles`, through the tutorial's `make_number_array`.
   * @param {number} len
   */
  makeNumberArray(len) {
    return this.#fillNew(Uint32Array, len, 'make_number_array');
  }

  /**
   * A new Uint8Array of `len` bytes from `fill_buffer` (byte i = i mod 256).
   * @param {number} len
   */
  fillBuffer(len) {
    return this.#fillNew(Uint8Array, len, 'fill_buffer');
  }

  /**
   * Normalizes `values` (a Float32Array) in place through `normalize_numbers`.
   * @param {Float32Array} values
   */
  normalizeNumbers(values) {
    if (typedArrayTag(values) !== 'Float32Array') throw new TypeError('normalizeNumbers: values must be a Float32Array');
    const block = this.#allocArray(values, 'normalizeNumbers');
    try {
      const n = lengthOf.call(values);
      check(this.exports.normalize_numbers(block.ptr, n), 'normalize_numbers', `${n} elements`);
      typedSet.call(values, block.view(Float32Array).array);
    } finally {
      block.free();
    }
    return values;
  }

  /**
   * `text + "_processed"`, through `process_string` (the result buffer is freed).
   * @param {string} text
   */
  processString(text) {
    return this.#takeText(this.processStringOwned(text));
  }

  /**
   * `text + "_echo"`, through `echo_suffix` (the result buffer is freed).
   * @param {string} text
   */
  echoSuffix(text) {
    return this.#takeText(this.echoSuffixOwned(text));
  }

  /**
   * `"Hello, " + name`, through `make_greeting` (the result buffer is freed).
   * @param {string} name
   */
  greet(name) {
    return this.#takeText(this.greetOwned(name));
  }

  /**
   * `text` with a-z uppercased, through `ascii_uppercase` (the result buffer is freed).
   * @param {string} text
   */
  asciiUppercase(text) {
    return this.#takeText(this.asciiUppercaseOwned(text));
  }

  /**
   * `make_greeting`, returning the result buffer for the caller to free.
   * @param {string} name
   */
  greetOwned(name) {
    return this.#produce(name, 'make_greeting', (input, out) => this.exports.make_greeting(input.ptr, input.byteLength, out.ptr));
  }

  /**
   * `ascii_uppercase`, returning the result buffer for the caller to free.
   * @param {string} text
   */
  asciiUppercaseOwned(text) {
    return this.#produce(text, 'ascii_uppercase', (input, out) => this.exports.ascii_uppercase(input.ptr, input.byteLength, out.ptr));
  }

  /**
   * `process_string`, returning the result buffer for the caller to free.
   * @param {string} text
   */
  processStringOwned(text) {
    return this.#produce(text, 'process_string', (input, out) => this.exports.process_string(input.ptr, input.byteLength, out.ptr));
  }

  /**
   * `echo_suffix`, returning the result buffer for the caller to free.
   * @param {string} text
   */
  echoSuffixOwned(text) {
    return this.#produce(text, 'echo_suffix', (input, out) => this.exports.echo_suffix(input.ptr, input.byteLength, out.ptr, out.ptr + 4));
  }

  /**
   * Raw `free_buffer(ptr, len)`; throws the typed error if refused.
   * @param {number} ptr
   * @param {number} len
   */
  freeBuffer(ptr, len) {
    check(this.exports.free_buffer(ptr, len), 'free_buffer', `ptr ${ptr}, len ${len}`);
  }

  /**
   * Raw `dealloc(ptr, size, align)`; throws the typed error if refused.
   * @param {number} ptr
   * @param {number} size
   * @param {number} align
   */
  dealloc(ptr, size, align) {
    check(this.exports.dealloc(ptr, size, align), 'dealloc', `ptr ${ptr}, size ${size}, align ${align}`);
  }

  /**
   * The tutorial's debug logger: what `debug_ptr` says about a range.
   * @param {number} ptr
   * @param {number} len
   */
  debugPtr(ptr, len) {
    this.exports.debug_ptr(ptr, len);
    return this.readString(this.exports.debug_message_ptr() >>> 0, this.exports.debug_message_len() >>> 0);
  }

  /** The status of the last raw call. */
  lastStatus() {
    return this.exports.last_status();
  }

  /** The Rust heap: live bytes and allocations, totals, peak, host blocks. Allocates nothing. */
  heapStats() {
    const e = this.exports;
    return {
      liveBytes: e.heap_live_bytes() >>> 0,
      liveAllocations: e.heap_live_allocations() >>> 0,
      totalAllocations: e.heap_total_allocations() >>> 0,
      peakLiveBytes: e.heap_peak_live_bytes() >>> 0,
      hostBlocks: e.host_blocks() >>> 0,
    };
  }

  /**
   * @template T
   * @param {ElementArray} values
   * @param {(block: Block, n: number) => T} f
   * @returns {T}
   */
  #withArray(values, f) {
    const block = this.#allocArray(values, 'sumU32');
    try {
      return f(block, lengthOf.call(values));
    } finally {
      block.free();
    }
  }

  /**
   * @param {typeof Uint8Array | typeof Uint32Array} Type
   * @param {number} len
   * @param {string} exportName
   */
  #fillNew(Type, len, exportName) {
    requireUint(len, 'len (elements)', exportName, Math.floor(0xffffffff / Type.BYTES_PER_ELEMENT));
    const block = this.alloc(len * Type.BYTES_PER_ELEMENT, Type.BYTES_PER_ELEMENT);
    try {
      check(this.exports[exportName](block.ptr, len), exportName, `${len} elements`);
      return block.view(Type).toArray();
    } finally {
      block.free();
    }
  }

  /**
   * @param {string} text
   * @param {string} fn
   * @param {(input: Block, out: Block) => number} call
   */
  #produce(text, fn, call) {
    const input = this.writeString(text);
    const out = this.alloc(8, 4);
    try {
      check(call(input, out), fn, `${input.byteLength} input bytes`);
      const [ptr, len] = out.view(Uint32Array).toArray();
      return new Block(this, ptr, len, 1);
    } finally {
      out.free();
      input.free();
    }
  }

  /** @param {Block} block */
  #takeText(block) {
    try {
      return block.text();
    } finally {
      block.free();
    }
  }
}

/**
 * Instantiates raw.wasm from what a loader has: a `WebAssembly.Module`,
 * bytes, or a `Response` (streaming compilation when served as
 * application/wasm). The module imports nothing, so the import object is `{}`.
 * @param {WebAssembly.Module | BufferSource | Response | PromiseLike<WebAssembly.Module | BufferSource | Response>} source
 * @returns {Promise<RawModule>}
 */
export async function instantiate(source) {
  const resolved = await source;
  if (resolved instanceof WebAssembly.Module) return new RawModule(await WebAssembly.instantiate(resolved, {}));
  if (resolved instanceof ArrayBuffer || ArrayBuffer.isView(resolved)) {
    return new RawModule((await WebAssembly.instantiate(resolved, {})).instance);
  }
  if (typeof Response === 'function' && resolved instanceof Response) {
    if (!resolved.ok) throw new Error(`loadRaw: ${resolved.url || 'the response'} failed with HTTP ${resolved.status}`);
    if (resolved.headers.get('content-type')?.startsWith('application/wasm')) {
      return new RawModule((await WebAssembly.instantiateStreaming(resolved, {})).instance);
    }
    return instantiate(await resolved.arrayBuffer());
  }
  throw new TypeError(`loadRaw: cannot load raw.wasm from ${Object.prototype.toString.call(resolved)}`);
}
