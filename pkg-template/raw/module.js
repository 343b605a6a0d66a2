// @ts-check
// `KitModule`: any module built with rust-wasm-memory-kit, found by its
// handshake export. It guards every export (a trap becomes a `PanicError`
// and poisons the module: every later call throws `PoisonedError`), gives
// checked views and blocks, the heap statistics, and typed calls for the
// module's own exports (`declare`, see ./declare.js).

import contract from '../lib/contract.js';
import { errorFor, NotOwnedError, PoisonedError, Status } from '../lib/errors.js';
import { hasTrapped, onTrap, trapped } from '../lib/instances.js';
import { lengthOf, typedArrayTag } from '../lib/intrinsics.js';
import { panicErrorFor } from '../lib/trap.js';
import { Block, check, released } from './blocks.js';
import { compile } from './declare.js';
import { BY_TAG, MemoryView, requireUint } from './memory.js';

/**
 * `error` (caught from export `fn`) as what the caller should see.
 * @param {unknown} error
 * @param {string} fn
 * @param {import('./memory.js').RawExports} exports
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
 * The exports of an instance, or the exports object itself.
 * @param {WebAssembly.Instance | WebAssembly.Exports | { readonly memory: WebAssembly.Memory }} instanceOrExports
 * @returns {import('./memory.js').RawExports}
 */
export function exportsOf(instanceOrExports) {
  return /** @type {any} */ (instanceOrExports instanceof WebAssembly.Instance ? instanceOrExports.exports : instanceOrExports);
}

/** The magic bytes at the start of the kit's handshake record. */
const MAGIC = 'rwm-kit\0';

/**
 * What a module's handshake says, or null if it has none (not a module
 * built with the kit). Throws for a handshake this toolkit cannot speak.
 * @param {Record<string, any>} exports
 * @param {string} fn
 * @returns {Handshake | null}
 */
export function readHandshake(exports, fn) {
  if (typeof exports?.rwm_kit_handshake !== 'function' || !(exports.memory instanceof WebAssembly.Memory)) return null;
  const at = exports.rwm_kit_handshake() >>> 0;
  const bytes = new Uint8Array(exports.memory.buffer);
  if (at === 0 || at + 48 > bytes.length || String.fromCharCode(...bytes.subarray(at, at + 8)) !== MAGIC) {
    throw new TypeError(`${fn}: rwm_kit_handshake() does not point at a kit handshake record`);
  }
  const words = new DataView(exports.memory.buffer, at + 8, 16);
  const abiVersion = words.getUint32(0, true);
  if (abiVersion !== contract.abiVersion) {
    throw new TypeError(`${fn}: the module speaks kit ABI version ${abiVersion}; this toolkit speaks version ${contract.abiVersion}`);
  }
  const features = words.getUint32(4, true);
  const versionLength = Math.min(words.getUint32(12, true), 24);
  // Bit 2: the record goes on with the address of the last status (kit
  // 0.2 and later). Taken only if it is a whole, aligned i32 in memory;
  // else the toolkit calls `last_status()`, as for an older kit.
  const statusAt = (features & 4) !== 0 && at + 52 <= bytes.length ? new DataView(exports.memory.buffer, at + 48, 4).getUint32(0, true) : 0;
  return Object.freeze({
    abiVersion,
    kitVersion: new TextDecoder().decode(bytes.subarray(at + 24, at + 24 + versionLength)),
    countingAllocator: (features & 1) !== 0,
    panicProbe: (features & 2) !== 0,
    scratchLength: words.getUint32(8, true),
    statusAt: statusAt !== 0 && statusAt % 4 === 0 && statusAt + 4 <= bytes.length ? statusAt : 0,
  });
}

/**
 * @typedef {{ abiVersion: number, kitVersion: string, countingAllocator: boolean, panicProbe: boolean, scratchLength: number, statusAt: number }} Handshake
 */

/**
 * The NotOwnedError for `len` elements of `size` bytes at `ptr`, saying
 * which of its causes it is (from `debug_ptr`, which reads the registry).
 * @param {KitModule} kit
 * @param {string} fn
 * @param {number} ptr
 * @param {number} len
 * @param {number} size
 */
export function notOwned(kit, fn, ptr, len, size) {
  const where = `ptr ${ptr}, len ${len}`;
  const said = kit.debugPtr(ptr >>> 0, Math.min(len * size, 0xffffffff));
  const past = /runs past the end of live block (0x[0-9a-f]+) \((\d+) bytes\)/.exec(said);
  const message = past
    ? `len runs past the end of the block at ${past[1]} (${past[2]} bytes): ${where}`
    : /not inside any live block/.test(said)
      ? `the range is not inside a live block this module handed out (never allocated, or already freed): ${where}`
      : `${where}: ${said}`;
  return new NotOwnedError(Status.NOT_OWNED, fn, message);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A module built with rust-wasm-memory-kit: checked memory access, blocks
 * freed exactly once, heap statistics, poisoning after a trap, and typed
 * calls for its own exports.
 */
export class KitModule {
  /** @type {import('../lib/errors.js').PanicError | null} */
  #fault = null;
  /** @type {import('./declare.js').Internals} */
  #inner;

  /**
   * Wraps an instance (or its exports) of a module built with the kit.
   * Refused with a `TypeError` if it has no kit handshake or lacks a
   * standard export.
   * @param {WebAssembly.Instance | WebAssembly.Exports | { readonly memory: WebAssembly.Memory }} instanceOrExports
   */
  constructor(instanceOrExports) {
    const label = new.target.name;
    const exports = exportsOf(instanceOrExports);
    const handshake = readHandshake(exports, label);
    const missing = contract.kitExports.filter((name) => !(name in (exports ?? {})));
    if (handshake === null || missing.length) {
      throw new TypeError(
        `${label}: not a module built with rust-wasm-memory-kit; missing exports: ${[...(handshake === null ? ['rwm_kit_handshake'] : []), ...missing].join(', ')}`,
      );
    }
    /** What the module's handshake says: the kit's ABI and crate version, its features. */
    this.handshake = handshake;
    /**
     * The exports, for calling them directly. Each function is wrapped: a
     * trap becomes a `PanicError`, and after one every call throws
     * `PoisonedError` instead of entering the broken instance.
     */
    this.exports = this.#guard(exports);
    this.#inner = {
      raw: exports,
      memory: exports.memory,
      scratch: exports.rwm_kit_scratch() >>> 0,
      scratchLength: handshake.scratchLength,
      statusAt: handshake.statusAt,
      busy: 0,
      views: { u8: new Uint8Array(0), u32: new Uint32Array(0), list: [] },
      fault: null,
      trap: (error, fn) => this.#trapped(error, fn, exports),
    };
    // A trap through another face over the same instance (the package's
    // API layer, for `new RawModule(await init())`) poisons this one too.
    const poison = () => {
      if (this.#fault) return;
      const cause = new WebAssembly.RuntimeError('the instance trapped in a call through another face');
      this.#fault = trapError(cause, 'another face of this instance', exports);
      this.#inner.fault = this.#fault;
    };
    if (hasTrapped(exports)) poison();
    else onTrap(exports, poison);
    // Record panic messages (no-op if the module has its own hook).
    if (!this.#fault) this.exports.install_panic_hook?.();
  }

  /**
   * The `PanicError` that ended this instance, or null while it is healthy.
   * Once set, instantiate a new module: nothing here can be used again.
   */
  get fault() {
    return this.#fault;
  }

  /**
   * What to throw for `error` from export `fn`: a trap poisons the module.
   * @param {unknown} error
   * @param {string} fn
   * @param {import('./memory.js').RawExports} exports
   */
  #trapped(error, fn, exports) {
    if (!(error instanceof WebAssembly.RuntimeError)) return error;
    this.#fault = trapError(error, fn, exports);
    this.#inner.fault = this.#fault;
    // Another face over this instance (the package's API layer) must not
    // go on using it either.
    trapped(exports);
    return this.#fault;
  }

  /**
   * @param {import('./memory.js').RawExports} exports
   * @returns {import('./memory.js').RawExports}
   */
  #guard(exports) {
    const guarded = /** @type {import('./memory.js').RawExports} */ ({});
    for (const name of Object.keys(exports)) {
      const value = exports[name];
      if (typeof value !== 'function') {
        Object.defineProperty(guarded, name, { enumerable: true, get: () => exports[name] });
        continue;
      }
      // A block given back through the ABI leaves the toolkit's books too,
      // so its Block's finalizer never frees the address again.
      const frees = name === 'free_buffer' || name === 'dealloc';
      if (!frees && value.length <= 4) {
        guarded[name] = this.#fast(value, name, exports);
        continue;
      }
      guarded[name] = (/** @type {any[]} */ ...args) => {
        if (this.#fault) throw this.#poisoned(name);
        // Converted once, here: the address released below is the one the
        // export was given, whatever an argument's valueOf would say again.
        if (frees) for (let i = 0; i < args.length; i++) args[i] = +args[i];
        let result;
        try {
          result = value(...args);
        } catch (error) {
          throw this.#trapped(error, name, exports);
        }
        if (frees && result === 0) released(this, args[0] >>> 0);
        return result;
      };
    }
    return Object.freeze(guarded);
  }

  /**
   * The error for a call of `name` on this module after its trap.
   * @param {string} name
   */
  #poisoned(name) {
    const fault = /** @type {import('../lib/errors.js').PanicError} */ (this.#fault);
    return new PoisonedError(`${name}: this module trapped earlier (${fault.message}); instantiate a new one`, fault);
  }

  /**
   * The guard for an export of up to four parameters that frees nothing:
   * the same checks, with fixed parameters instead of a rest array (a call
   * costs about half as much). Extra arguments are dropped and missing ones
   * are `undefined`, as wasm itself treats them.
   * @param {Function} value
   * @param {string} name
   * @param {import('./memory.js').RawExports} exports
   */
  #fast(value, name, exports) {
    const poisoned = () => this.#poisoned(name);
    switch (value.length) {
      case 0:
        return () => {
          if (this.#fault) throw poisoned();
          try {
            return value();
          } catch (error) {
            throw this.#trapped(error, name, exports);
          }
        };
      case 1:
        return (/** @type {any} */ a) => {
          if (this.#fault) throw poisoned();
          try {
            return value(a);
          } catch (error) {
            throw this.#trapped(error, name, exports);
          }
        };
      case 2:
        return (/** @type {any} */ a, /** @type {any} */ b) => {
          if (this.#fault) throw poisoned();
          try {
            return value(a, b);
          } catch (error) {
            throw this.#trapped(error, name, exports);
          }
        };
      case 3:
        return (/** @type {any} */ a, /** @type {any} */ b, /** @type {any} */ c) => {
          if (this.#fault) throw poisoned();
          try {
            return value(a, b, c);
          } catch (error) {
            throw this.#trapped(error, name, exports);
          }
        };
      default:
        return (/** @type {any} */ a, /** @type {any} */ b, /** @type {any} */ c, /** @type {any} */ d) => {
          if (this.#fault) throw poisoned();
          try {
            return value(a, b, c, d);
          } catch (error) {
            throw this.#trapped(error, name, exports);
          }
        };
    }
  }

  /**
   * A typed function for the module's export `name`: it checks its JS
   * arguments, copies them into wasm memory, calls, throws the typed error
   * for a non-zero status, copies results out and frees what it allocated.
   * See `types` for the parameter and result types.
   *
   * ```js
   * const histogram = kit.declare(
   *   'histogram',
   *   [t.slice(Float32Array), t.f32, t.f32, t.sliceMut(Uint32Array), t.out(t.u32)],
   *   t.status,
   * );
   * const outside = histogram(values, 0, 1, bins); // bins filled in place
   * ```
   * @param {string} name the export
   * @param {readonly import('./declare.js').Param[]} params in the export's ABI order
   * @param {import('./declare.js').Returns | import('./declare.js').NumberParam} [returns] default `types.status`
   * @param {{ name?: string }} [options] `name`: the function's name in error messages
   */
  declare(name, params, returns = { kind: 'status' }, options) {
    return compile(this.#inner, this, name, params, /** @type {any} */ (returns), options);
  }

  /** The module's linear memory. */
  get memory() {
    return this.exports.memory;
  }

  /**
   * A checked view of `lenElems` elements of `Type` at byte `ptrBytes`.
   * @param {import('./memory.js').ElementType} Type
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
   * A `Block` for a buffer the module handed out through an out-param (the
   * caller frees it, or its finalizer does).
   * @param {number} ptr
   * @param {number} byteLength
   * @param {number} [align]
   */
  adopt(ptr, byteLength, align = 1) {
    requireUint(ptr, 'ptr', 'adopt');
    requireUint(byteLength, 'byteLength', 'adopt');
    return new Block(this, ptr, byteLength, align);
  }

  /**
   * Allocates a block holding `values` (a typed array), aligned for it.
   * @param {import('./memory.js').ElementArray} values
   * @param {string} [fn] the caller's name, for messages
   */
  allocArray(values, fn = 'allocArray') {
    // The element type from the array's internal slot, never from a
    // `constructor` property the caller can set.
    const tag = typedArrayTag(values);
    const Type = tag === undefined ? undefined : BY_TAG.get(tag);
    if (Type === undefined) throw new TypeError(`${fn}: values must be a typed array (${[...BY_TAG.keys()].join(', ')}), got ${tag ?? typeof values}`);
    const block = this.alloc(lengthOf.call(values) * Type.BYTES_PER_ELEMENT, Type.BYTES_PER_ELEMENT);
    try {
      // Throws for a detached (transferred) array: then nothing is kept.
      block.view(Type).write(values);
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

  /** The status of the last call. */
  lastStatus() {
    return this.exports.last_status();
  }

  /**
   * The live host blocks (from `alloc`, or result buffers handed out), as
   * `{ ptr, size }` in address order: what the inspector draws. Lists
   * through the scratch area where the list fits there, and otherwise
   * through a block of its own, which it leaves out of the list and frees.
   * Refused with a `TypeError` for a module whose kit has no
   * `host_block_list` export (an older kit).
   * @returns {{ ptr: number, size: number }[]}
   */
  hostBlockList() {
    const e = this.exports;
    if (typeof e.host_block_list !== 'function') {
      throw new TypeError(`${this.constructor.name}.hostBlockList: the module does not export host_block_list (built with an older kit)`);
    }
    const inner = this.#inner;
    for (let room = (e.host_blocks() >>> 0) + 1; ; room *= 2) {
      const own = room * 8 > inner.scratchLength ? /** @type {number} */ (e.alloc(room * 8, 4)) >>> 0 : 0;
      if (room * 8 > inner.scratchLength && own === 0) throw errorFor(e.last_status(), 'hostBlockList', `${room * 8} bytes for the list`);
      const at = own || inner.scratch;
      try {
        const n = e.host_block_list(at, room);
        if (n < 0) {
          const status = e.last_status();
          if (status === Status.WRONG_LENGTH) continue; // more blocks than room: ask again
          throw errorFor(status, 'hostBlockList');
        }
        const words = new Uint32Array(inner.memory.buffer, at, 2 * n);
        /** @type {{ ptr: number, size: number }[]} */
        const list = [];
        for (let i = 0; i < 2 * n; i += 2) if (words[i] !== own) list.push({ ptr: words[i], size: words[i + 1] });
        return list;
      } finally {
        if (own) e.dealloc(own, room * 8, 4);
      }
    }
  }

  /**
   * The Rust heap: live bytes and allocations, totals, peak, host blocks.
   * Allocates nothing. The byte and allocation counters are 0 unless the
   * module enables the kit's `counting-allocator` feature
   * (`handshake.countingAllocator`).
   */
  heapStats() {
    const e = this.exports;
    return {
      liveBytes: e.heap_live_bytes() >>> 0,
      liveAllocations: e.heap_live_allocations() >>> 0,
      totalAllocations: e.heap_total_allocations() >>> 0,
      peakLiveBytes: e.heap_peak_live_bytes() >>> 0,
      hostBlocks: e.host_blocks() >>> 0,
      memoryBytes: e.memory.buffer.byteLength,
    };
  }
}

/**
 * A compiled module, bytes, a `Response` or a promise of one, instantiated
 * with `imports` and wrapped by `Wrap`.
 * @template {KitModule} M
 * @param {WebAssembly.Module | BufferSource | Response | PromiseLike<WebAssembly.Module | BufferSource | Response>} source
 * @param {WebAssembly.Imports} imports
 * @param {new (instance: WebAssembly.Instance) => M} Wrap
 * @param {string} fn for messages
 * @returns {Promise<M>}
 */
export async function instantiateWith(source, imports, Wrap, fn) {
  const resolved = await source;
  if (resolved instanceof WebAssembly.Module) return new Wrap(await WebAssembly.instantiate(resolved, imports));
  if (resolved instanceof ArrayBuffer || ArrayBuffer.isView(resolved)) {
    return new Wrap((await WebAssembly.instantiate(resolved, imports)).instance);
  }
  if (typeof Response === 'function' && resolved instanceof Response) {
    if (!resolved.ok) throw new Error(`${fn}: ${resolved.url || 'the response'} failed with HTTP ${resolved.status}`);
    if (resolved.headers.get('content-type')?.startsWith('application/wasm')) {
      return new Wrap((await WebAssembly.instantiateStreaming(resolved, imports)).instance);
    }
    return instantiateWith(await resolved.arrayBuffer(), imports, Wrap, fn);
  }
  throw new TypeError(`${fn}: cannot load a module from ${Object.prototype.toString.call(resolved)}`);
}

/**
 * Instantiates a module built with the kit (a `WebAssembly.Module`, bytes,
 * or a `Response`) with `imports` (default none) and returns its
 * `KitModule`.
 * @param {WebAssembly.Module | BufferSource | Response | PromiseLike<WebAssembly.Module | BufferSource | Response>} source
 * @param {WebAssembly.Imports} [imports]
 */
export function instantiateKit(source, imports = {}) {
  return instantiateWith(source, imports, KitModule, 'loadKit');
}
