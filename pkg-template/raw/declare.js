// @ts-check
// Typed calls for any export of a module built with the kit: a declaration
// of the export's parameters and result (`types` below) becomes a function
// that checks its JS arguments, copies them in, calls, maps the status to a
// typed error, copies results out and frees what it allocated.
//
// Where the arguments go: a call that needs memory (slices, strings,
// out-params, owned results) lays them out one after another, each aligned
// for its element type, in the kit's scratch area (`rwm_kit_scratch()`, a
// fixed region the kit's checks accept), so that a call allocates nothing.
// Arguments that do not fit, and calls made while another call of the same
// module is running (an import calling back into the toolkit), get one
// temporary block instead, freed after the call.

import { errorFor, PoisonedError, Status } from '../lib/errors.js';
import * as intrinsics from '../lib/intrinsics.js';
import { Block } from './blocks.js';
import { BY_TAG } from './memory.js';

// Local copies: a `.call` on an imported binding stays a generic call in V8
// (see ../lib/api.js).
const { lengthOf, typedArrayTag, typedSet } = intrinsics;

/**
 * @typedef {'i32' | 'u32' | 'f32' | 'f64'} NumberName
 * @typedef {{ readonly kind: 'number', readonly type: NumberName, readonly name?: string }} NumberParam
 * @typedef {{ readonly kind: 'slice', readonly Type: import('./memory.js').ElementType, readonly write: boolean, readonly name?: string }} SliceParam
 * @typedef {{ readonly kind: 'str', readonly name?: string }} StrParam
 * @typedef {{ readonly kind: 'out', readonly type: NumberName, readonly name?: string }} OutParam
 * @typedef {{ readonly kind: 'owned', readonly as: 'string' | 'bytes' | 'block', readonly name?: string }} OwnedParam
 * @typedef {NumberParam | SliceParam | StrParam | OutParam | OwnedParam} Param
 * @typedef {{ readonly kind: 'status' } | { readonly kind: 'void' } | { readonly kind: 'value', readonly type: NumberName, readonly checked: boolean }} Returns
 */

/**
 * A parameter descriptor with `named(name)`, which gives a copy that uses
 * the name in error messages.
 * (The precise types of `types` and of a declared function are in
 * index.d.ts; here they are loose.)
 * @param {object} descriptor
 * @returns {any}
 */
function param(descriptor) {
  return Object.freeze({
    ...descriptor,
    /** @param {string} name */
    named(name) {
      return param({ ...descriptor, name });
    },
  });
}

/** The element class of each number type, for out-params. */
const OUT_TYPES = { i32: Int32Array, u32: Uint32Array, f32: Float32Array, f64: Float64Array };

/**
 * The parameter and result types of a declaration. Parameters, in the
 * export's ABI order:
 * - `i32`, `u32`, `f32`, `f64`: a JS number (integers checked for range;
 *   nothing is coerced);
 * - `slice(Type)`: a typed array of `Type` (or an array-like of numbers),
 *   passed as `(ptr, len)` with `len` in elements; `sliceMut(Type)`: a
 *   typed array of `Type`, copied in and, after the call, back out;
 * - `str`: a JS string, passed as `(ptr, len)` of UTF-8 bytes;
 * - `out(type)`: no JS argument; a pointer to one value the export writes,
 *   which becomes part of the result;
 * - `ownedString`, `ownedBytes`, `ownedBlock`: no JS argument; a pointer to
 *   a `{ ptr, len }` pair (two u32) where the export writes a buffer it
 *   handed out. The result is the text or a copy of the bytes (the buffer
 *   is freed), or a `Block` the caller frees.
 *
 * Results: `status` (an i32; non-zero throws its typed error), `void`, a
 * number type (the export's return value), or `checked(type)` (the return
 * value, then `last_status()` must be 0). The declared function returns
 * the return value (if any) and then each out-param and owned result, in
 * order: `undefined` for none, the value for one, an array for more.
 */
export const types = Object.freeze({
  i32: param({ kind: 'number', type: 'i32' }),
  u32: param({ kind: 'number', type: 'u32' }),
  f32: param({ kind: 'number', type: 'f32' }),
  f64: param({ kind: 'number', type: 'f64' }),
  str: param({ kind: 'str' }),
  /** @param {import('./memory.js').ElementType} Type */
  slice: (Type) => param({ kind: 'slice', Type: elementType(Type), write: false }),
  /** @param {import('./memory.js').ElementType} Type */
  sliceMut: (Type) => param({ kind: 'slice', Type: elementType(Type), write: true }),
  /** @param {{ type: NumberName }} number */
  out: (number) => param({ kind: 'out', type: number.type }),
  ownedString: param({ kind: 'owned', as: 'string' }),
  ownedBytes: param({ kind: 'owned', as: 'bytes' }),
  ownedBlock: param({ kind: 'owned', as: 'block' }),
  status: Object.freeze({ kind: 'status' }),
  void: Object.freeze({ kind: 'void' }),
  /** @param {{ type: NumberName }} number */
  checked: (number) => Object.freeze({ kind: 'value', type: number.type, checked: true }),
});

/** @param {unknown} Type */
function elementType(Type) {
  for (const T of BY_TAG.values()) if (T === Type) return T;
  throw new TypeError(`types.slice: the element type must be one of ${[...BY_TAG.keys()].join(', ')}`);
}

/**
 * What a module gives `compile`: its unguarded exports and how to treat a
 * trap. Not public.
 * @typedef {{
 *   raw: Record<string, any>,
 *   memory: WebAssembly.Memory,
 *   scratch: number,
 *   scratchLength: number,
 *   statusAt: number,
 *   busy: number,
 *   views: Views,
 *   fault: Error | null,
 *   trap: (error: unknown, fn: string) => unknown,
 * }} Internals
 * @typedef {{ u8: Uint8Array, u32: Uint32Array, list: any[] }} Views the views of all memory, by `VIEW_OF_TAG` index (`u8` and `u32` are two of them)
 */

/**
 * The current typed views of all memory (rebuilt after growth).
 * @param {Internals} inner
 */
function viewsOf(inner) {
  const views = inner.views;
  if (views.u8.length === 0) {
    // Detached: memory grew (or was detached on purpose). Start over.
    const buffer = inner.memory.buffer;
    views.list = [new Uint8Array(buffer), new Int32Array(buffer), new Uint32Array(buffer), new Float32Array(buffer), new Float64Array(buffer)];
    views.u8 = views.list[0];
    views.u32 = views.list[2];
  }
  return views;
}

/** The index in `Views.list` of each element class's view, by the class's tag. */
const VIEW_OF_TAG = /** @type {const} */ ({
  Uint8Array: 0,
  Int32Array: 1,
  Uint32Array: 2,
  Float32Array: 3,
  Float64Array: 4,
});

/** Parameter kinds as small integers, for the hot loop. */
const NUMBER = 0;
const SLICE = 1;
const STR = 2;
const OUT = 3;
const OWNED = 4;
const KIND_CODES = { number: NUMBER, slice: SLICE, str: STR, out: OUT, owned: OWNED };

/**
 * A short description of a thrown value, which may itself be hostile.
 * @param {unknown} error
 */
function describe(error) {
  try {
    return error instanceof Error ? error.message : String(error);
  } catch {
    return 'an exception that cannot be described';
  }
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A number argument checked against its type, or the error for it.
 * @param {unknown} value
 * @param {NumberName} type
 * @param {string} what
 * @returns {number}
 */
function numberArg(value, type, what) {
  if (typeof value !== 'number') throw new TypeError(`${what} must be a number, got ${value === null ? 'null' : typeof value}`);
  if (type === 'i32' && !(Number.isInteger(value) && value >= -2147483648 && value <= 2147483647)) {
    throw new RangeError(`${what} must be an integer from -2147483648 to 2147483647, got ${String(value)}`);
  }
  if (type === 'u32' && !(Number.isInteger(value) && value >= 0 && value <= 0xffffffff)) {
    throw new RangeError(`${what} must be an integer from 0 to 4294967295, got ${String(value)}`);
  }
  return value;
}

/**
 * A parameter's plan, fixed when the export is declared.
 * @typedef {{
 *   kind: number,
 *   number: NumberName | null,
 *   tag: string,
 *   view: number,
 *   size: number,
 *   write: boolean,
 *   fromArrayLike: ((values: ArrayLike<number>) => any) | null,
 *   as: 'string' | 'bytes' | 'block' | null,
 *   name: string | null,
 * }} Plan
 */

/**
 * The message prefix for JS argument `index` (1-based) of `label`.
 * @param {string} label
 * @param {Plan} plan
 * @param {number} index
 */
const argName = (label, plan, index) => `${label}: ${plan.name ?? `argument ${index}`}`;

/**
 * Where a call's `size` bytes of arguments go: 0 for the scratch area (free
 * when no other call of the module is running, and big enough), else a new
 * block for this call, which `freeRoom` gives back.
 * @param {Internals} inner
 * @param {number} size
 * @param {string} label
 */
function argumentRoom(inner, size, label) {
  if (inner.busy === 0 && size <= inner.scratchLength) return 0;
  const block = inner.raw.alloc(Math.max(size, 1), 8) >>> 0;
  if (block === 0) throw errorFor(inner.raw.last_status(), 'alloc', `${label}: ${size} bytes of arguments`);
  return block;
}

/**
 * Gives back the block `argumentRoom` made for `size` bytes.
 * @param {Internals} inner
 * @param {number} block
 * @param {number} size
 */
function freeRoom(inner, block, size) {
  inner.raw.dealloc(block, Math.max(size, 1), 8);
}

/**
 * What an export's result means once it returned: its status checked (the
 * result itself, `last_status()` for a checked value, or none), then its
 * value (undefined for a status or nothing).
 * @param {Internals} inner
 * @param {string} name
 * @param {string} label
 * @param {'status' | 'void' | 'value'} resultKind
 * @param {NumberName | null} resultType
 * @param {boolean} checked
 * @returns {(returned: any) => any}
 */
function resultReader(inner, name, label, resultKind, resultType, checked) {
  const lastStatus = inner.raw.last_status;
  const u32 = resultType === 'u32';
  // Where the handshake says the last status lives, as an index into the
  // i32 view of memory (0: not said; call `last_status()`). A load instead
  // of a wasm call: a checked 16-element call took 6-7 ns less in Node.
  const statusIndex = inner.statusAt >>> 2;
  return (returned) => {
    const status =
      resultKind === 'status' ? returned : checked ? (statusIndex !== 0 ? viewsOf(inner).list[VIEW_OF_TAG.Int32Array][statusIndex] : lastStatus()) : Status.OK;
    if (status !== Status.OK) throw errorFor(status, name, `${label}(…)`);
    return resultKind === 'value' ? (u32 ? returned >>> 0 : returned) : undefined;
  };
}

/** log2 of an element size (1, 2, 4 or 8 bytes). */
const SHIFT_OF_SIZE = [0, 0, 1, 0, 2, 0, 0, 0, 3];

// lanes: begin
/**
 * The declared function of an export whose only parameter is a slice (the
 * commonest shape: `sum(ptr, len)`, `normalize(ptr, len)`): the same checks,
 * layout and errors as the general path of `compile`, written out for one
 * argument, with no work arrays and no loop over the parameters.
 * @param {Internals} inner
 * @param {(...abi: number[]) => any} fn
 * @param {string} name
 * @param {string} label
 * @param {Plan} p
 * @param {(returned: any) => any} settle the export's `resultReader`
 * @returns {(values: any) => any}
 */
function oneSlice(inner, fn, name, label, p, settle) {
  const { size: elementSize, view, write } = p;
  const shift = SHIFT_OF_SIZE[elementSize];
  return function declared(values) {
    // biome-ignore lint/complexity/noArguments: the argument count without the array a rest parameter would allocate per call
    const arity = arguments.length;
    if (arity !== 1) throw new TypeError(`${label}: expected 1 argument, got ${arity}`);
    const fault = inner.fault;
    if (fault !== null)
      throw new PoisonedError(
        `${label}: this module trapped earlier (${/** @type {Error} */ (fault).message}); instantiate a new one`,
        /** @type {any} */ (fault),
      );
    const array = sliceArgument(values, p, label, 1);
    const length = lengthOf.call(array);
    const size = length * elementSize;
    const block = argumentRoom(inner, size, label);
    const base = block || inner.scratch;
    const at = base >>> shift;
    try {
      typedSet.call(viewsOf(inner).list[view], array, at);
    } catch (error) {
      if (block !== 0) freeRoom(inner, block, size);
      throw new TypeError(`${label}: could not copy values into wasm memory (${describe(error)})`, { cause: error });
    }
    let returned;
    inner.busy++;
    try {
      returned = fn(base, length);
    } catch (error) {
      inner.busy--;
      throw inner.trap(error, name);
    }
    inner.busy--;
    try {
      const result = settle(returned);
      if (write) typedSet.call(values, viewsOf(inner).list[view].subarray(at, at + length));
      return result;
    } finally {
      if (block !== 0) freeRoom(inner, block, size);
    }
  };
}
// lanes: end

/**
 * The copies of `oneSlice` that declarations take, one each, in the order
 * they are declared; once all are taken, later declarations share the last.
 *
 * Why copies: an engine keeps a function's type feedback and inline caches
 * per function in the source, shared by every closure made from it. With
 * one `oneSlice` for all declarations, its call of the export saw several
 * wasm functions, so V8 could no longer inline the call's JS-to-wasm
 * transition, and its checks saw several array types; a 16-element
 * `sumU32` took 1.4-1.5x as long as with a copy of its own (same process,
 * the demo's three one-slice declarations warm, three runs). Making a
 * function per declaration at run time would take `new Function`, which a
 * Content-Security-Policy without 'unsafe-eval' forbids. So the source has
 * one copy, between the `lanes:` markers, and the build
 * (scripts/lanes.mjs) writes it out several times into the package, named
 * `oneSlice1`, `oneSlice2`, ... and listed here.
 */
const LANES = [oneSlice];
/** How many of `LANES` declarations have taken (the last is never counted: it is shared). */
let lanesTaken = 0;

/**
 * The typed array a slice argument stands for: `value` itself when it is a
 * typed array of the plan's type, else a copy of an array-like (for a
 * read-only slice); anything else is a TypeError naming the argument.
 * @param {any} value
 * @param {Plan} p
 * @param {string} label
 * @param {number} index the argument's 1-based position
 */
function sliceArgument(value, p, label, index) {
  if (typedArrayTag(value) === p.tag) return value;
  if (p.fromArrayLike !== null && value !== null && typeof value === 'object' && typedArrayTag(value) === undefined) {
    // An array-like: its getters (or a Proxy's traps) may throw; that
    // refuses the argument, as a wrong type does.
    try {
      if (typeof value.length !== 'number') throw new TypeError('it has no numeric length');
      return p.fromArrayLike(value);
    } catch (error) {
      throw new TypeError(`${argName(label, p, index)} must be a ${p.tag} or an array of numbers; reading it failed (${describe(error)})`, { cause: error });
    }
  }
  throw new TypeError(
    `${argName(label, p, index)} must be a ${p.tag}${p.write ? '' : ' or an array of numbers'}, got ${typedArrayTag(value) ?? (value === null ? 'null' : typeof value)}`,
  );
}

/**
 * The typed function for export `name` of a module.
 * @param {Internals} inner
 * @param {import('./module.js').KitModule} kit
 * @param {string} name
 * @param {readonly Param[]} params
 * @param {Returns} returns
 * @param {{ name?: string }} [options] `name`: the function's name in messages (default: the export's)
 * @returns {(...args: any[]) => any}
 */
export function compile(inner, kit, name, params, returns, options = {}) {
  const fn = inner.raw[name];
  if (typeof fn !== 'function') throw new TypeError(`declare: the module has no exported function "${name}"`);
  if (!Array.isArray(params)) throw new TypeError(`declare(${name}): params must be an array of types`);
  for (const p of params) {
    if (!p || !['number', 'slice', 'str', 'out', 'owned'].includes(/** @type {any} */ (p).kind)) {
      throw new TypeError(`declare(${name}): every parameter must come from types (types.u32, types.slice(Float32Array), ...)`);
    }
  }
  if (!returns || !['status', 'void', 'value', 'number'].includes(/** @type {any} */ (returns).kind)) {
    throw new TypeError(`declare(${name}): returns must be types.status, types.void, a number type or types.checked(type)`);
  }
  const label = options.name ?? name;
  // A number type given as the result means its value, unchecked.
  const resultKind = returns.kind === 'status' ? 'status' : returns.kind === 'void' ? 'void' : 'value';
  const resultType = /** @type {any} */ (returns).type ?? null;
  const checked = returns.kind === 'value' && returns.checked;
  /** @type {Plan[]} */
  const plans = params.map((p) => {
    const Type =
      p.kind === 'str'
        ? Uint8Array
        : p.kind === 'slice'
          ? p.Type
          : p.kind === 'out'
            ? OUT_TYPES[/** @type {NumberName} */ (p.type)]
            : p.kind === 'owned'
              ? Uint32Array
              : null;
    return {
      kind: KIND_CODES[/** @type {keyof typeof KIND_CODES} */ (p.kind)],
      number: p.kind === 'number' || p.kind === 'out' ? p.type : null,
      tag: Type?.name ?? '',
      view: Type ? /** @type {any} */ (VIEW_OF_TAG)[Type.name] : 0,
      size: Type?.BYTES_PER_ELEMENT ?? 0,
      write: p.kind === 'slice' && p.write,
      fromArrayLike: p.kind === 'slice' && !p.write ? (/** @type {ArrayLike<number>} */ values) => Type.from(values) : null,
      as: p.kind === 'owned' ? p.as : null,
      name: p.name ?? null,
    };
  });
  const count = plans.length;
  const arity = plans.filter((p) => p.kind <= STR).length;
  const abiLength = plans.reduce((n, p) => n + (p.kind === SLICE || p.kind === STR ? 2 : 1), 0);
  const needsMemory = plans.some((p) => p.kind !== NUMBER);
  // The out-params and owned results, by parameter index. With none, the
  // export's return value (or nothing) is the whole result; with one and no
  // value from the export, that one is (`sole`), returned without an array.
  const outputs = plans.flatMap((p, i) => (p.kind >= OUT ? [i] : []));
  const onlyValue = outputs.length === 0;
  const sole = resultKind !== 'value' && outputs.length === 1 ? outputs[0] : -1;
  const writes = plans.some((p) => p.write);
  // Work arrays, reused by every call that is not made from inside another
  // call of this function (an argument's getter can make one).
  let free = true;
  const sharedAbi = new Array(abiLength).fill(0);
  const sharedData = new Array(count).fill(null);
  const sharedOffsets = new Array(count).fill(0);

  const settleResult = resultReader(inner, name, label, resultKind, resultType, checked);
  if (count === 1 && plans[0].kind === SLICE) {
    const make = LANES[lanesTaken < LANES.length - 1 ? lanesTaken++ : LANES.length - 1];
    const lane = make(inner, fn, name, label, plans[0], settleResult);
    Object.defineProperty(lane, 'name', { value: label });
    return lane;
  }

  /** @param {any[]} args */
  function declared(...args) {
    if (args.length !== arity) throw new TypeError(`${label}: expected ${arity} argument${arity === 1 ? '' : 's'}, got ${args.length}`);
    const fault = inner.fault;
    if (fault !== null)
      throw new PoisonedError(
        `${label}: this module trapped earlier (${/** @type {Error} */ (fault).message}); instantiate a new one`,
        /** @type {any} */ (fault),
      );
    if (!free) return run(args, new Array(abiLength), new Array(count), new Array(count));
    free = false;
    try {
      return run(args, sharedAbi, sharedData, sharedOffsets);
    } finally {
      free = true;
      for (let i = 0; i < count; i++) sharedData[i] = null; // hold no caller's array between calls
    }
  }

  /**
   * One call, with its work arrays.
   * @param {any[]} args
   * @param {any[]} abi
   * @param {any[]} data
   * @param {number[]} offsets
   */
  function run(args, abi, data, offsets) {
    let size = 0;
    for (let i = 0, a = 0, j = 0; i < count; i++) {
      const p = plans[i];
      const kind = p.kind;
      if (kind === NUMBER) {
        const value = args[a++];
        if (typeof value !== 'number' || (p.number === 'i32' ? (value | 0) !== value : p.number === 'u32' ? value >>> 0 !== value : false)) {
          numberArg(value, /** @type {NumberName} */ (p.number), argName(label, p, a));
        }
        abi[j++] = value;
      } else if (kind === SLICE || kind === STR) {
        const value = args[a++];
        if (kind === STR) {
          if (typeof value !== 'string') throw new TypeError(`${argName(label, p, a)} must be a string, got ${value === null ? 'null' : typeof value}`);
          // Encoded straight into wasm memory below; room for the most
          // UTF-8 it can take (3 bytes per UTF-16 unit), the length set then.
          offsets[i] = size;
          data[i] = value;
          size += value.length * 3;
          abi[j++] = offsets[i];
          abi[j++] = 0;
          continue;
        }
        const array = sliceArgument(value, p, label, a);
        const length = lengthOf.call(array);
        const at = (size + p.size - 1) & -p.size;
        offsets[i] = at;
        data[i] = array;
        size = at + length * p.size;
        abi[j++] = at;
        abi[j++] = length;
      } else {
        // An out-param (one value, up to 8 bytes) or an owned result's pair.
        const at = (size + 7) & -8;
        offsets[i] = at;
        size = at + 8;
        abi[j++] = at;
      }
    }

    let base = 0;
    let block = 0;
    if (needsMemory) {
      block = argumentRoom(inner, size, label);
      base = block || inner.scratch;
      // Addresses, and the inputs copied in.
      const views = viewsOf(inner);
      for (let i = 0, j = 0; i < count; i++) {
        const p = plans[i];
        if (p.kind === NUMBER) {
          j++;
          continue;
        }
        abi[j] += base;
        if (p.kind === STR) {
          const at = base + offsets[i];
          abi[j + 1] = encoder.encodeInto(data[i], views.u8.subarray(at, at + data[i].length * 3)).written;
          j += 2;
        } else if (p.kind === SLICE) {
          try {
            typedSet.call(views.list[p.view], data[i], (base + offsets[i]) / p.size);
          } catch (error) {
            if (block !== 0) freeRoom(inner, block, size);
            throw new TypeError(`${label}: could not copy values into wasm memory (${describe(error)})`, { cause: error });
          }
          j += 2;
        } else {
          j++;
        }
      }
    }

    let returned;
    inner.busy++;
    try {
      // A call site per arity keeps the common cases free of spreading (a
      // slice is two words: `histogram(values, lo, hi, bins, out)` is seven).
      switch (abiLength) {
        case 0:
          returned = fn();
          break;
        case 1:
          returned = fn(abi[0]);
          break;
        case 2:
          returned = fn(abi[0], abi[1]);
          break;
        case 3:
          returned = fn(abi[0], abi[1], abi[2]);
          break;
        case 4:
          returned = fn(abi[0], abi[1], abi[2], abi[3]);
          break;
        case 5:
          returned = fn(abi[0], abi[1], abi[2], abi[3], abi[4]);
          break;
        case 6:
          returned = fn(abi[0], abi[1], abi[2], abi[3], abi[4], abi[5]);
          break;
        case 7:
          returned = fn(abi[0], abi[1], abi[2], abi[3], abi[4], abi[5], abi[6]);
          break;
        case 8:
          returned = fn(abi[0], abi[1], abi[2], abi[3], abi[4], abi[5], abi[6], abi[7]);
          break;
        default:
          returned = fn(...abi);
      }
    } catch (error) {
      inner.busy--;
      throw inner.trap(error, name);
    }
    inner.busy--;
    if (block === 0) return settle(returned, args, data, offsets, base);
    try {
      return settle(returned, args, data, offsets, base);
    } finally {
      freeRoom(inner, block, size);
    }
  }

  /**
   * After the call: the status checked, the in-place and out results read.
   * @param {any} returned
   * @param {any[]} args
   * @param {any[]} data
   * @param {number[]} offsets
   * @param {number} base
   */
  function settle(returned, args, data, offsets, base) {
    const value = settleResult(returned);
    if (onlyValue) {
      if (writes) copyBack(args, data, offsets, base);
      return value;
    }
    return results(args, data, offsets, base, value);
  }

  /**
   * Copies each `sliceMut` argument back out of wasm memory.
   * @param {any[]} args
   * @param {any[]} data
   * @param {number[]} offsets
   * @param {number} base
   */
  function copyBack(args, data, offsets, base) {
    for (let i = 0, a = 0; i < count; i++) {
      const p = plans[i];
      if (p.kind === NUMBER || p.kind === STR) a++;
      else if (p.kind === SLICE) {
        if (p.write) typedSet.call(args[a], backView(i, (base + offsets[i]) / p.size, lengthOf.call(data[i])));
        a++;
      }
    }
  }

  // The last view `backView` made for each parameter, with what it covers.
  // A call on the scratch area with arrays of the same lengths as the call
  // before copies back through the same views instead of new ones (a new
  // typed array per call was about a tenth of a small call's time).
  /** @type {any[]} typed arrays over memory, or null before the first */
  const backViews = new Array(count).fill(null);
  /** @type {any[]} */
  const backParents = new Array(count).fill(null);
  const backAts = new Array(count).fill(-1);
  const backLengths = new Array(count).fill(-1);

  /**
   * A view of `length` elements at element index `at` of parameter `i`'s
   * view of memory.
   * @param {number} i
   * @param {number} at
   * @param {number} length
   */
  function backView(i, at, length) {
    const parent = viewsOf(inner).list[plans[i].view];
    if (backParents[i] !== parent || backAts[i] !== at || backLengths[i] !== length) {
      // The parent is new after memory grew: a view of the old buffer is never reused.
      backViews[i] = parent.subarray(at, at + length);
      backParents[i] = parent;
      backAts[i] = at;
      backLengths[i] = length;
    }
    return backViews[i];
  }

  /**
   * The in-place results, then the declared function's return value.
   * @param {any[]} args
   * @param {any[]} data
   * @param {number[]} offsets
   * @param {number} base
   * @param {unknown} value the export's result, if it has one
   */
  function results(args, data, offsets, base, value) {
    if (writes) copyBack(args, data, offsets, base);
    if (sole !== -1) return output(sole, offsets, base);
    /** @type {any[]} */
    const values = resultKind === 'value' ? [value] : [];
    for (let i = 0; i < count; i++) if (plans[i].kind >= OUT) values.push(output(i, offsets, base));
    return values.length === 1 ? values[0] : values;
  }

  /**
   * The value of out-param or owned result `i` after the call.
   * @param {number} i
   * @param {number[]} offsets
   * @param {number} base
   */
  function output(i, offsets, base) {
    const p = plans[i];
    const views = viewsOf(inner);
    if (p.kind === OUT) {
      // One load site per element type: `list` holds five kinds of typed
      // array, and one `list[p.view][at]` site that saw several of them
      // would become a generic keyed load.
      const at = (base + offsets[i]) / p.size;
      switch (p.view) {
        case VIEW_OF_TAG.Int32Array:
          return /** @type {Int32Array} */ (views.list[VIEW_OF_TAG.Int32Array])[at];
        case VIEW_OF_TAG.Uint32Array:
          return views.u32[at];
        case VIEW_OF_TAG.Float32Array:
          return /** @type {Float32Array} */ (views.list[VIEW_OF_TAG.Float32Array])[at];
        default:
          return /** @type {Float64Array} */ (views.list[VIEW_OF_TAG.Float64Array])[at];
      }
    }
    const at = (base + offsets[i]) / 4;
    const ptr = views.u32[at];
    const len = views.u32[at + 1];
    if (p.as === 'block') return new Block(kit, ptr, len, 1);
    const bytes = views.u8.subarray(ptr, ptr + len);
    const value = p.as === 'string' ? decoder.decode(bytes) : bytes.slice();
    inner.raw.free_buffer(ptr, len);
    return value;
  }

  Object.defineProperty(declared, 'name', { value: label });
  return declared;
}
