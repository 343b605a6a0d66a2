// Types of `rust-wasm-memory/inspector`: a live picture of any
// WebAssembly.Memory, rendered into an element you give it. Styles:
// `rust-wasm-memory/inspector/inspector.css`.

/** A range of memory the page holds, painted on the map. */
export interface Region {
  /** Byte address. */
  ptr: number;
  /** Length in bytes. */
  len: number;
  label?: string;
}

/** Heap statistics, as `KitModule.heapStats()` and the package's `heapStats()` give them. */
export interface InspectorStats {
  liveBytes: number;
  liveAllocations: number;
  peakLiveBytes: number;
  hostBlocks: number;
}

/** Where a module keeps its stack, static data and heap (see `layoutOf`). All byte addresses. */
export interface MemoryLayout {
  /** The active data segments' extent. */
  data?: { start: number; end: number } | null;
  /** The stack; it grows down from `end`, the initial stack pointer. */
  stack?: { start: number; end: number } | null;
  /** Where the heap starts. */
  heapBase?: number | null;
  /** The live stack pointer, where the module exports it; else the map marks `stack.end`. */
  stackPointer?: (() => number | null) | null;
}

/** A block on the map: `kind` 'host' for the registry's blocks, 'page' for regions the page marked. */
export interface MapBlock {
  ptr: number;
  size: number;
  owner: string;
  kind: 'host' | 'page';
}

/** Where the map put everything on its last draw, in canvas pixels and byte addresses. */
export interface MapPlan {
  width: number;
  height: number;
  strip: { y: number; height: number };
  /** The labelled regions across the top strip, in address order. */
  regions: { name: 'stack' | 'static' | 'heap' | 'memory'; start: number; end: number; x: number; width: number }[];
  stackPointer: number | null;
  /** Whether `stackPointer` was read from the module (an exported `__stack_pointer`) rather than its initial value. */
  stackPointerLive: boolean;
  /** The rows under the strip: the heap (or, with no layout, the whole memory) at `bytesPerPixel`. */
  detail: { start: number; end: number; rows: number; y: number; rowHeight: number; gutter: number; columns: number; bytesPerPixel: number; rowBytes: number };
  blocks: (MapBlock & { cells: { row: number; x: number; width: number }[] })[];
}

export interface InspectorOptions {
  /** The memory to show, or a function returning the current one (after a trap the package's instance, and its memory, is replaced). */
  memory?: WebAssembly.Memory | (() => WebAssembly.Memory);
  /** A `KitModule` (from `rust-wasm-memory/raw`): its memory, and its heap statistics when it counts them. */
  kit?: { readonly memory: WebAssembly.Memory; heapStats(): InspectorStats; readonly handshake: { readonly countingAllocator: boolean }; hostBlockList?(): { ptr: number; size: number }[] };
  /** Heap statistics to show (default: the kit's, if any). */
  heapStats?: () => InspectorStats;
  /** If set, every part gets an id: this prefix + its name (`mem-size`, `heap-map`, `hex`, ...). */
  idPrefix?: string;
  /** The stack, static data and heap to label (from `layoutOf(await describeModule(bytes), exports)`); without it the map shows the whole memory unlabelled. */
  layout?: MemoryLayout | null;
  /** The blocks to draw (default: the kit's `hostBlockList()`); an `owner` names them, else a page region at the same address does. */
  blocks?: (() => { ptr: number; size: number; owner?: string }[]) | null;
  /** The map's width in canvas pixels (default 520). */
  width?: number;
  /** The number of heap rows (default 8). */
  rows?: number;
}

export interface Inspector {
  /** Runs `fn` between two snapshots of memory and shows what it wrote and whether memory grew. */
  track<T>(label: string, fn: () => T | Promise<T>): Promise<T>;
  /** Redraws from the current memory. */
  refresh(): void;
  /** Shows the hex dump around `addr`. @throws {RangeError} outside memory */
  show(addr: number): void;
  /** Marks (or, with null, unmarks) a region the page holds. */
  setRegion(owner: string, region: Region | null): void;
  /** Sets (or clears) the layout the map labels, and redraws. */
  setLayout(layout: MemoryLayout | null): void;
  /** Where the map put everything on its last draw, or null before the first. */
  readonly map: MapPlan | null;
  /** How long the last map draw took, in milliseconds. */
  readonly lastDrawMs: number;
  /** The inspector's root element. */
  readonly element: HTMLElement;
  /** Byte ranges `[start, end)` the last tracked call wrote. */
  readonly written: { start: number; end: number }[];
  readonly regions: (Region & { owner: string })[];
  /** Removes the inspector's DOM. */
  destroy(): void;
}

/**
 * An inspector of `options.memory` (or `options.kit`'s memory), rendered into
 * `container`, whose content it replaces. Builds its DOM without innerHTML
 * or inline style, so it runs under a strict Content-Security-Policy.
 * @throws {TypeError} if `container` is not an element or there is no memory
 */
export declare function createInspector(container: HTMLElement, options: InspectorOptions): Inspector;

/** `1536` → `"1.5 KiB"`. */
export declare function bytes(n: number): string;
/** Parses decimal or `0x` hex. @throws {TypeError} */
export declare function parseAddress(text: string): number;
/** Ranges `[start, end)` where `after` differs from `before`, merged when less than 8 bytes apart. */
export declare function diff(before: Uint8Array, after: Uint8Array): [number, number][];

/** The largest module `describeModule` reads (32 MiB). */
export declare const MAX_MODULE_BYTES: number;
/** The packaged reader, inspect.wasm (wasmparser built with the kit). */
export declare const INSPECT_WASM_URL: URL;

export interface ModuleImport { module: string; name: string; kind: 'func' | 'memory' | 'table' | 'global' | 'tag' | 'other'; params: string[]; results: string[]; initial: number; maximum: number | null }
export interface ModuleExport { name: string; kind: 'func' | 'memory' | 'table' | 'global' | 'tag' | 'other'; params: string[]; results: string[] }
export interface ModuleMemory { initial: number; maximum: number | null; shared: boolean; memory64: boolean }
export interface ModuleData { memory: number | null; offset: number | null; offsetText: string; size: number }
export interface ModuleGlobal { type: string; mutable: boolean; imported: boolean; init: number | null; export: string | null }
/** Where the module keeps things in memory 0, read from the module alone (how: the inspect crate's `Module::layout`). */
export interface ModuleLayout {
  data: { start: number; end: number } | null;
  stack: { start: number; end: number } | null;
  stackPointerGlobal: number | null;
  stackPointerExport: string | null;
  heapBase: number | null;
  /** Whether `heapBase` is the module's exported `__heap_base`, not the first 16-aligned address past the data and stack. */
  heapBaseExported: boolean;
}
/** What `describeModule` finds. Memory sizes are in 64 KiB pages. */
export interface ModuleDescription {
  size: number;
  imports: ModuleImport[];
  exports: ModuleExport[];
  memories: ModuleMemory[];
  data: ModuleData[];
  /** Every global, imported ones first. */
  globals: ModuleGlobal[];
  layout: ModuleLayout;
  /** Whether it has a start function (run when it is instantiated). */
  start: boolean;
  /** Whether it exports the kit's handshake. */
  kit: boolean;
}
/**
 * Describes a module with inspect.wasm (loaded on first use). `reader`:
 * inspect.wasm itself where fetching it beside this file does not work (Node).
 * @throws {TypeError} for bytes that are not a valid module (the message says what is wrong)
 * @throws {RangeError} for more than `MAX_MODULE_BYTES`
 */
export declare function describeModule(bytes: ArrayBuffer | ArrayBufferView, options?: { reader?: BufferSource | WebAssembly.Module | Response }): Promise<ModuleDescription>;

/** The layout the map labels, from a module's description; with its exports, a live stack pointer where the module exports `__stack_pointer`. */
export declare function layoutOf(description: ModuleDescription, exports?: WebAssembly.Exports): MemoryLayout;
