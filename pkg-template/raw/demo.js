// @ts-check
// `RawModule`: the package's own raw module (raw.wasm, or the raw exports of
// the wasm-bindgen build), a `KitModule` with a method for each of the
// tutorial's raw exports. Most are declared typed calls (see ./declare.js);
// the rest show the tutorial's (ptr, len) protocol by hand.

import contract from '../lib/contract.js';
import { Status } from '../lib/errors.js';
import { check } from './blocks.js';
import { types as t } from './declare.js';
import { requireUint } from './memory.js';
import { exportsOf, instantiateWith, KitModule, notOwned } from './module.js';

/**
 * Exports the demo's methods call; a module lacking one is refused up
 * front. From the contract: the kit's standard exports, then each
 * function's raw export (but `add`, whose name the package's own module
 * gives to the idiomatic function), then the raw-only ones.
 */
export const REQUIRED_EXPORTS = Object.freeze([
  ...contract.kitExports,
  ...contract.functions.filter((f) => f.rawInPackage !== false).map((f) => f.raw),
  ...contract.rawOnly,
]);

/** The package's raw module, with typed, checked, leak-free helpers. */
export class RawModule extends KitModule {
  /**
   * Wraps an instance (or its exports) of raw.wasm, or of the wasm-bindgen
   * build, which carries the same raw exports.
   * @param {WebAssembly.Instance | WebAssembly.Exports | { readonly memory: WebAssembly.Memory }} instanceOrExports
   */
  constructor(instanceOrExports) {
    const exports = exportsOf(instanceOrExports);
    const missing = REQUIRED_EXPORTS.filter((name) => !(name in (exports ?? {})));
    if (missing.length) throw new TypeError(`RawModule: not a rust-wasm-memory module; missing exports: ${missing.join(', ')}`);
    super(instanceOrExports);
    const i32 = t.i32;
    this.#scaleAndAdd = this.declare('scale_and_add', [i32.named('x'), i32.named('y'), i32.named('factor')], t.i32, { name: 'scaleAndAdd' });
    this.#add = this.declare('scale_and_add', [i32.named('a'), i32.named('b'), i32.named('factor')], t.i32, { name: 'add' });
    this.#sumU32 = this.declare('sum_u32', [t.slice(Uint32Array).named('values')], t.checked(t.u32), { name: 'sumU32' });
    this.#normalize = this.declare('normalize_numbers', [t.sliceMut(Float32Array).named('values')], t.status, { name: 'normalizeNumbers' });
    this.#normalizePeak = this.declare('normalize_peak', [t.sliceMut(Float32Array).named('values')], t.status, { name: 'normalizePeak' });
    /** @param {string} raw @param {string} name */
    const text = (raw, name) => ({
      text: this.declare(raw, [t.str.named('text'), t.ownedString], t.status, { name }),
      owned: this.declare(raw, [t.str.named('text'), t.ownedBlock], t.status, { name: `${name}Owned` }),
    });
    this.#process = text('process_string', 'processString');
    this.#greet = text('make_greeting', 'greet');
    this.#upper = text('ascii_uppercase', 'asciiUppercase');
    // echo_suffix writes the address and the length to two out-params.
    this.#echo = this.declare('echo_suffix', [t.str.named('text'), t.out(t.u32), t.out(t.u32)], t.status, { name: 'echoSuffix' });
  }

  /** @type {(a: number, b: number, factor: number) => number} */ #add;
  /** @type {(x: number, y: number, factor: number) => number} */ #scaleAndAdd;
  /** @type {(values: ArrayLike<number>) => number} */ #sumU32;
  /** @type {(values: Float32Array) => void} */ #normalize;
  /** @type {(values: Float32Array) => void} */ #normalizePeak;
  /** @type {{ text: (text: string) => string, owned: (text: string) => import('./blocks.js').Block }} */ #process;
  /** @type {{ text: (text: string) => string, owned: (text: string) => import('./blocks.js').Block }} */ #greet;
  /** @type {{ text: (text: string) => string, owned: (text: string) => import('./blocks.js').Block }} */ #upper;
  /** @type {(text: string) => [number, number]} */ #echo;

  /**
   * `a + b`, wrapping as i32 (through `scale_and_add(a, b, 1)`, present in every build).
   * @param {number} a
   * @param {number} b
   * @returns {number}
   */
  add(a, b) {
    return this.#add(a, b, 1);
  }

  /**
   * `(x + y) * factor`, wrapping as i32.
   * @param {number} x
   * @param {number} y
   * @param {number} factor
   * @returns {number}
   */
  scaleAndAdd(x, y, factor) {
    return this.#scaleAndAdd(x, y, factor);
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
    if (code === Status.NOT_OWNED) throw notOwned(this, 'sum_u32', ptr, len, 4);
    check(code, 'sum_u32', `ptr ${ptr}, len ${len}`);
    return sum;
  }

  /**
   * The wrapping u32 sum of `values` (a Uint32Array, or any array of numbers).
   * @param {ArrayLike<number>} values
   */
  sumU32(values) {
    return this.#sumU32(values);
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
    this.#normalize(values);
    return values;
  }

  /**
   * Peak-normalizes `values` (a Float32Array) in place through
   * `normalize_peak`: divides by the largest magnitude, into [-1, 1].
   * @param {Float32Array} values
   */
  normalizePeak(values) {
    this.#normalizePeak(values);
    return values;
  }

  /**
   * `text + "_processed"`, through `process_string` (the result buffer is freed).
   * @param {string} text
   */
  processString(text) {
    return this.#process.text(text);
  }

  /**
   * `text + "_echo"`, through `echo_suffix` (the result buffer is freed).
   * @param {string} text
   */
  echoSuffix(text) {
    const block = this.echoSuffixOwned(text);
    try {
      return block.text();
    } finally {
      block.free();
    }
  }

  /**
   * `"Hello, " + name`, through `make_greeting` (the result buffer is freed).
   * @param {string} name
   */
  greet(name) {
    return this.#greet.text(name);
  }

  /**
   * `text` with a-z uppercased, through `ascii_uppercase` (the result buffer is freed).
   * @param {string} text
   */
  asciiUppercase(text) {
    return this.#upper.text(text);
  }

  /**
   * `make_greeting`, returning the result buffer for the caller to free.
   * @param {string} name
   */
  greetOwned(name) {
    return this.#greet.owned(name);
  }

  /**
   * `ascii_uppercase`, returning the result buffer for the caller to free.
   * @param {string} text
   */
  asciiUppercaseOwned(text) {
    return this.#upper.owned(text);
  }

  /**
   * `process_string`, returning the result buffer for the caller to free.
   * @param {string} text
   */
  processStringOwned(text) {
    return this.#process.owned(text);
  }

  /**
   * `echo_suffix`, returning the result buffer for the caller to free.
   * @param {string} text
   */
  echoSuffixOwned(text) {
    const [ptr, len] = this.#echo(text);
    return this.adopt(ptr, len, 1);
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
}

/**
 * Instantiates raw.wasm from what a loader has: a `WebAssembly.Module`,
 * bytes, or a `Response` (streaming compilation when served as
 * application/wasm). The module imports nothing, so the import object is `{}`.
 * @param {WebAssembly.Module | BufferSource | Response | PromiseLike<WebAssembly.Module | BufferSource | Response>} source
 * @returns {Promise<RawModule>}
 */
export function instantiate(source) {
  return instantiateWith(source, {}, RawModule, 'loadRaw');
}
