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

/** Exports a module must have to be wrapped by `RawModule`. */
export declare const REQUIRED_EXPORTS: readonly string[];

type ElementArray = Uint8Array | Uint32Array | Int32Array | Float32Array | Float64Array;
type ElementType<A extends ElementArray> = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): A; readonly BYTES_PER_ELEMENT: number };

/**
 * A checked view of `length` elements at byte address `ptr`. `.array` is
 * rebuilt over the current `memory.buffer` whenever `memory.grow` replaced
 * it, so a view held across growth never reads or writes a detached buffer.
 */
export declare class MemoryView<A extends ElementArray = ElementArray> {
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
}

/** The raw module with typed, checked, leak-free helpers. */
export declare class RawModule {
  /** Wraps an instance (or exports) of raw.wasm or of the wasm-bindgen build. @throws {TypeError} if exports are missing */
  constructor(instanceOrExports: WebAssembly.Instance | WebAssembly.Exports | { readonly memory: WebAssembly.Memory });
  /**
   * The raw exports, for calling directly (frozen). Each function is wrapped:
   * a trap throws `PanicError`, and after one every call throws
   * `PoisonedError`. Besides the tutorial's exports, raw.wasm has
   * `install_panic_hook()` (called by this constructor), `panic_record()`
   * (address of the `u32` length + UTF-8 "file:line:col\nmessage" record)
   * and `panic_probe(code)`, which panics on purpose, for tests.
   */
  readonly exports: any;
  /** The `PanicError` that ended this instance, or `null` while it is healthy. */
  readonly fault: PanicError | null;
  readonly memory: WebAssembly.Memory;
  view<A extends ElementArray>(Type: ElementType<A>, ptrBytes: number, lenElems: number): MemoryView<A>;
  asU8Slice(ptrBytes: number, lenElems: number): MemoryView<Uint8Array>;
  asU32Slice(ptrBytes: number, lenElems: number): MemoryView<Uint32Array>;
  asF32Slice(ptrBytes: number, lenElems: number): MemoryView<Float32Array>;
  /** A zeroed block of `byteLength` bytes. @throws {BadAlignError | OutOfMemoryError | RangeError} */
  alloc(byteLength: number, align?: number): Block;
  /** A block holding a copy of `values`, aligned for its element type. */
  allocArray(values: ElementArray): Block;
  /** A block holding `text` as UTF-8. */
  writeString(text: string): Block;
  /** Decodes `len` bytes at `ptr` as UTF-8. */
  readString(ptr: number, len: number): string;
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
  /** Raw free of a result buffer. @throws {NullPointerError | NotOwnedError | WrongLengthError} */
  freeBuffer(ptr: number, len: number): void;
  dealloc(ptr: number, size: number, align: number): void;
  /** What `debug_ptr` says about a range: its address, length and whether it is inside a live block. */
  debugPtr(ptr: number, len: number): string;
  lastStatus(): number;
  /** Allocates nothing, so consecutive reads with no calls between are equal. */
  heapStats(): RawHeapStats;
}

/** Instantiates raw.wasm from a module, bytes or a Response. */
export declare function instantiate(source: WebAssembly.Module | BufferSource | Response | Promise<WebAssembly.Module | BufferSource | Response>): Promise<RawModule>;

/** The packaged raw.wasm. */
export declare const RAW_WASM_URL: URL;

/** Loads raw.wasm (by default the packaged copy) with zero imports. */
export declare function loadRaw(source?: string | URL | Response | BufferSource | WebAssembly.Module): Promise<RawModule>;
