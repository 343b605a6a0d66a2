// Types of `rust-wasm-memory/raw`: the typed host toolkit over the raw
// C-ABI exports. Pointers are byte addresses; lengths count elements.

// `Symbol.dispose` is in TypeScript's esnext.disposable lib; declaring it
// here keeps these types valid for consumers on older `lib` settings (the
// declaration merges with the lib's when both are present).
declare global {
  interface SymbolConstructor {
    readonly dispose: unique symbol;
  }
}

import type { PanicError } from '../lib/errors.js';

export {
  Status,
  RawError,
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
  UnknownStatusError,
  UseAfterFreeError,
  StaleInstanceError,
  PanicError,
  PoisonedError,
  errorFor,
} from '../lib/errors.js';

/** Exports a module must have to be wrapped by `RawModule` (the kit's standard exports and the demo's). */
export declare const REQUIRED_EXPORTS: readonly string[];

type ElementArray = Uint8Array | Uint32Array | Int32Array | Float32Array | Float64Array;
type ElementType<A extends ElementArray> = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): A; readonly BYTES_PER_ELEMENT: number };

/**
 * A checked view of `length` elements at byte address `ptr`. `.array` is
 * rebuilt over the current `memory.buffer` whenever `memory.grow` replaced
 * it, so a view held across growth never reads or writes a detached buffer.
 */
export declare class MemoryView<A extends ElementArray = ElementArray> {
  /**
   * A view of `length` elements of `Type` at byte address `ptr` of `memory`
   * (any `WebAssembly.Memory`, not only a kit module's).
   * @throws {TypeError} for an unsupported `Type` or a `ptr`/`length` that is not an unsigned integer
   * @throws {MisalignedError} if `ptr` is not a multiple of the element size
   * @throws {OverflowError | OutOfBoundsError} if the range does not fit in the memory
   */
  constructor(memory: WebAssembly.Memory, Type: ElementType<A>, ptr: number, length: number, fn?: string);
  /** Byte address of the first element. */
  readonly ptr: number;
  /** Number of elements. */
  readonly length: number;
  /** Number of bytes. */
  readonly byteLength: number;
  /** A typed array over the current buffer. Do not keep it across calls that may grow memory; keep the view. */
  readonly array: A;
  get(i: number): number;
  set(i: number, value: number): void;
  /** Copies `values` in, starting at element `offset`. */
  write(values: ArrayLike<number>, offset?: number): void;
  /** A copy detached from wasm memory. */
  toArray(): A;
}

/**
 * A block of wasm memory the host owns (from `alloc`, or a result buffer).
 * `free()` works exactly once; `using` frees it at scope end; a block that is
 * garbage-collected unfreed is given back by a FinalizationRegistry.
 */
export declare class Block {
  /** Byte address. */
  readonly ptr: number;
  /** Size in bytes. */
  readonly byteLength: number;
  /** Alignment in bytes. */
  readonly align: number;
  readonly freed: boolean;
  /** A view of the block as `Type` elements (bytes by default). @throws {UseAfterFreeError} */
  view(): MemoryView<Uint8Array>;
  view<A extends ElementArray>(Type: ElementType<A>): MemoryView<A>;
  /** The bytes decoded as UTF-8. @throws {UseAfterFreeError} */
  text(): string;
  /** Gives the block back. @throws {UseAfterFreeError} on a second call. */
  free(): void;
  [Symbol.dispose](): void;
}

/** The Rust heap inside the module's memory. */
export interface RawHeapStats {
  liveBytes: number;
  liveAllocations: number;
  totalAllocations: number;
  peakLiveBytes: number;
  /** Blocks handed to the host and not yet freed. */
  hostBlocks: number;
  /** The size of linear memory in bytes; it grows and never shrinks. */
  memoryBytes: number;
}

/** What a module's handshake export (`rwm_kit_handshake`) says. */
export interface KitHandshake {
  /** The kit ABI version the module speaks (this toolkit speaks 1). */
  readonly abiVersion: number;
  /** The rust-wasm-memory-kit crate version it was built with. */
  readonly kitVersion: string;
  /** Whether the heap counters are real (the kit's `counting-allocator` feature). */
  readonly countingAllocator: boolean;
  /** Whether it exports `panic_probe(code)` (the kit's `panic-probe` feature). */
  readonly panicProbe: boolean;
  /** Bytes in the scratch area (`rwm_kit_scratch()`), where declared calls put their arguments. */
  readonly scratchLength: number;
  /**
   * The address of the i32 that `last_status()` returns (handshake feature
   * bit 2), which a checked declared call reads after the export returns
   * instead of calling `last_status()`; 0 if the module does not say (an
   * older kit), and then it calls.
   */
  readonly statusAt: number;
}

type NumberName = 'i32' | 'u32' | 'f32' | 'f64';
/** A parameter or result type of a declaration; see `types`. */
export interface Param<K extends string = string, In = any, Out = any> {
  readonly kind: K;
  /** The name used in error messages. */
  readonly name?: string;
  /** A copy of this type that names its argument in error messages. */
  named(name: string): this;
  /** Type-level only (no such property at run time): the JS argument type, or never for an output. */
  readonly __in: In;
  /** Type-level only: the result type, or never for an input. */
  readonly __out: Out;
}
export interface NumberType<N extends NumberName = NumberName> extends Param<'number', number, never> {
  readonly type: N;
}
export interface Returns<R = unknown> {
  readonly kind: 'status' | 'void' | 'value';
  /** Type-level only: the value the declared function returns before any outputs. */
  readonly __returns: R;
}

/** The JS arguments of a declared function: one per input parameter, in order. */
export type DeclaredArgs<P extends readonly Param[]> = P extends readonly [infer H, ...infer T extends readonly Param[]]
  ? H extends Param<string, infer In, any>
    ? [In] extends [never]
      ? DeclaredArgs<T>
      : [In, ...DeclaredArgs<T>]
    : DeclaredArgs<T>
  : [];
type Outputs<P extends readonly Param[]> = P extends readonly [infer H, ...infer T extends readonly Param[]]
  ? H extends Param<string, any, infer O>
    ? [O] extends [never]
      ? Outputs<T>
      : [O, ...Outputs<T>]
    : Outputs<T>
  : [];
type Results<P extends readonly Param[], R> = [R] extends [never] ? Outputs<P> : [R, ...Outputs<P>];
/** What a declared function returns: nothing, the one result, or a tuple of them. */
export type DeclaredResult<P extends readonly Param[], R> = Results<P, R> extends [] ? void : Results<P, R> extends [infer Only] ? Only : Results<P, R>;
/** A declared function: its arguments checked, copied in and out, freed after. */
export type Declared<P extends readonly Param[], R> = (...args: DeclaredArgs<P>) => DeclaredResult<P, R>;

type TypedArrayOf<C> = C extends { new (...args: any[]): infer A } ? A : never;

/**
 * Parameter and result types for `KitModule.declare`. Parameters, in the
 * export's ABI order: numbers (`i32`, `u32`, `f32`, `f64`: integers checked
 * for range, nothing coerced); `slice(Type)` and `sliceMut(Type)` (a typed
 * array passed as `(ptr, len)`, len in elements; `sliceMut` is copied back
 * after the call); `str` (a string passed as `(ptr, len)` of UTF-8);
 * `out(type)` (a pointer the export writes one value to; no JS argument, the
 * value is returned); `ownedString`, `ownedBytes`, `ownedBlock` (a pointer
 * to a `{ptr, len}` pair where the export writes a buffer it handed out:
 * returned as text or a copy, and freed, or as a `Block` you free).
 * Results: `status` (non-zero throws its typed error), `void`, a number
 * type, or `checked(type)` (the value, then `last_status()` must be 0).
 */
export declare const types: {
  readonly i32: NumberType<'i32'>;
  readonly u32: NumberType<'u32'>;
  readonly f32: NumberType<'f32'>;
  readonly f64: NumberType<'f64'>;
  readonly str: Param<'str', string, never>;
  slice<C extends ElementType<ElementArray>>(Type: C): Param<'slice', TypedArrayOf<C> | ArrayLike<number>, never>;
  sliceMut<C extends ElementType<ElementArray>>(Type: C): Param<'slice', TypedArrayOf<C>, never>;
  out<N extends NumberName>(type: NumberType<N>): Param<'out', never, number>;
  readonly ownedString: Param<'owned', never, string>;
  readonly ownedBytes: Param<'owned', never, Uint8Array>;
  readonly ownedBlock: Param<'owned', never, Block>;
  readonly status: Returns<never>;
  readonly void: Returns<never>;
  checked<N extends NumberName>(type: NumberType<N>): Returns<number>;
};

/**
 * Any module built with rust-wasm-memory-kit (found by its handshake):
 * checked views, blocks freed exactly once, heap statistics, poisoning after
 * a trap, and typed calls for its own exports.
 */
export declare class KitModule {
  /** @throws {TypeError} if the module has no kit handshake, speaks another ABI version, or lacks a standard export */
  constructor(instanceOrExports: WebAssembly.Instance | WebAssembly.Exports | { readonly memory: WebAssembly.Memory });
  /** What the module's handshake says. */
  readonly handshake: KitHandshake;
  /**
   * The exports, for calling directly (frozen). Each function is wrapped:
   * a trap throws `PanicError`, and after one every call throws
   * `PoisonedError`.
   */
  readonly exports: any;
  /** The `PanicError` that ended this instance, or `null` while it is healthy. */
  readonly fault: PanicError | null;
  readonly memory: WebAssembly.Memory;
  /**
   * A typed function for export `name`, from its parameter types (ABI
   * order) and result type (default `types.status`):
   *
   * ```ts
   * const histogram = kit.declare('histogram',
   *   [t.slice(Float32Array), t.f32, t.f32, t.sliceMut(Uint32Array), t.out(t.u32)]);
   * const outside: number = histogram(values, 0, 1, bins); // bins filled in place
   * ```
   * @throws {TypeError} if the module has no such exported function, or a type is not from `types`
   */
  declare<const P extends readonly Param[], R = never>(name: string, params: P, returns?: Returns<R>, options?: { name?: string }): Declared<P, R>;
  /** With a number type as the result: the export's return value, unchecked. */
  declare<const P extends readonly Param[]>(name: string, params: P, returns: NumberType, options?: { name?: string }): Declared<P, number>;
  view<A extends ElementArray>(Type: ElementType<A>, ptrBytes: number, lenElems: number): MemoryView<A>;
  asU8Slice(ptrBytes: number, lenElems: number): MemoryView<Uint8Array>;
  asU32Slice(ptrBytes: number, lenElems: number): MemoryView<Uint32Array>;
  asF32Slice(ptrBytes: number, lenElems: number): MemoryView<Float32Array>;
  /** A zeroed block of `byteLength` bytes. @throws {BadAlignError | OutOfMemoryError | RangeError} */
  alloc(byteLength: number, align?: number): Block;
  /** A block holding a copy of `values`, aligned for its element type. */
  allocArray(values: ElementArray): Block;
  /** A `Block` for a buffer the module handed out through an out-param; the caller frees it. */
  adopt(ptr: number, byteLength: number, align?: number): Block;
  /** A block holding `text` as UTF-8. */
  writeString(text: string): Block;
  /** Decodes `len` bytes at `ptr` as UTF-8. */
  readString(ptr: number, len: number): string;
  /** Raw free of a result buffer. @throws {NullPointerError | NotOwnedError | WrongLengthError} */
  freeBuffer(ptr: number, len: number): void;
  dealloc(ptr: number, size: number, align: number): void;
  /** What `debug_ptr` says about a range: its address, length and whether it is inside a live block. */
  debugPtr(ptr: number, len: number): string;
  lastStatus(): number;
  /** Allocates nothing, so consecutive reads with no calls between are equal. Counters are 0 without the counting allocator. */
  heapStats(): RawHeapStats;
  /**
   * The live host blocks (`alloc` blocks and handed-out result buffers), in address order: what the inspector's map draws.
   * @throws {TypeError} if the module's kit has no `host_block_list` export (an older kit)
   */
  hostBlockList(): { ptr: number; size: number }[];
}

/** The package's own raw module (raw.wasm, or the raw exports of the bindgen build): a method per tutorial export. */
export declare class RawModule extends KitModule {
  /** Wraps an instance (or exports) of raw.wasm or of the wasm-bindgen build. @throws {TypeError} if exports are missing */
  constructor(instanceOrExports: WebAssembly.Instance | WebAssembly.Exports | { readonly memory: WebAssembly.Memory });
  add(a: number, b: number): number;
  scaleAndAdd(x: number, y: number, factor: number): number;
  /** The tutorial's callSum: `sum_u32` over `len` u32 at byte `ptr`. @throws {RawError} */
  callSum(ptr: number, len: number): number;
  sumU32(values: ArrayLike<number>): number;
  fillDoubles(len: number): Uint32Array;
  makeNumberArray(len: number): Uint32Array;
  fillBuffer(len: number): Uint8Array;
  /** In place. @throws {ZeroLengthError | CannotNormalizeError} */
  normalizeNumbers(values: Float32Array): Float32Array;
  /**
   * Peak normalization in place (`normalize_peak`): divides by the largest
   * magnitude, so the values end up in [-1, 1].
   * @throws {ZeroLengthError | CannotNormalizeError}
   */
  normalizePeak(values: Float32Array): Float32Array;
  /** `text + "_processed"` (`process_string`). */
  processString(text: string): string;
  /** `text + "_echo"` (`echo_suffix`). */
  echoSuffix(text: string): string;
  /** `"Hello, " + name` (`make_greeting`). */
  greet(name: string): string;
  /** `text` with a-z uppercased, everything else unchanged (`ascii_uppercase`). */
  asciiUppercase(text: string): string;
  /** The result buffer itself; the caller frees it. */
  processStringOwned(text: string): Block;
  echoSuffixOwned(text: string): Block;
  greetOwned(name: string): Block;
  asciiUppercaseOwned(text: string): Block;
}

/** Instantiates a module built with the kit, with `imports` (default none). */
export declare function instantiateKit(
  source: WebAssembly.Module | BufferSource | Response | Promise<WebAssembly.Module | BufferSource | Response>,
  imports?: WebAssembly.Imports,
): Promise<KitModule>;

/** Loads a module built with the kit from a URL, path (Node), Response, bytes or Module. */
export declare function loadKit(source: string | URL | Response | BufferSource | WebAssembly.Module, imports?: WebAssembly.Imports): Promise<KitModule>;

/** Instantiates raw.wasm from a module, bytes or a Response. */
export declare function instantiate(source: WebAssembly.Module | BufferSource | Response | Promise<WebAssembly.Module | BufferSource | Response>): Promise<RawModule>;

/** The packaged raw.wasm. */
export declare const RAW_WASM_URL: URL;

/** Loads raw.wasm (by default the packaged copy) with zero imports. */
export declare function loadRaw(source?: string | URL | Response | BufferSource | WebAssembly.Module): Promise<RawModule>;
