// The memory lab. It loads the package the way an app would (its generated
// glue, `await init()`), wraps the same instance's raw exports with the
// toolkit (`new RawModule(exports)`), so every panel works in one linear
// memory, and wires the panels to the inspector.
import init, * as m from 'rust-wasm-memory';
import { createInspector, describeModule, layoutOf } from 'rust-wasm-memory/inspector';
import { RawModule } from 'rust-wasm-memory/raw';
import wasmUrl from 'rust-wasm-memory/rust_wasm_memory_bg.wasm?url';

import { arraysPanel } from './lab/arrays.js';
import { benchPanel } from './lab/bench.js';
import { ownershipPanel } from './lab/ownership.js';
import { stringsPanel } from './lab/strings.js';
import { $, list } from './lab/util.js';
import { walkPanel } from './lab/walk.js';
import { yoursPanel } from './lab/yours.js';

// The module's bytes are fetched once: the glue instantiates them, and the
// inspector's reader (inspect.wasm) reads where the module keeps its stack,
// static data and heap, for the map's labels.
const bytes = fetch(wasmUrl).then((r) => {
  if (!r.ok) throw new Error(`${wasmUrl}: HTTP ${r.status}`);
  return r.arrayBuffer();
});
const [exports, description] = await Promise.all([bytes.then((b) => init({ module_or_path: b })), bytes.then((b) => describeModule(b))]);
const atStart = m.heapStats();
const raw = new RawModule(exports);
const memory = () => exports.memory;
// The package's embeddable inspector, with the lab's element ids; the map
// draws every host block the module's registry lists.
const inspector = createInspector($('inspector-view'), {
  memory,
  heapStats: () => m.heapStats(),
  layout: layoutOf(description, /** @type {WebAssembly.Exports} */ (/** @type {unknown} */ (exports))),
  blocks: () => raw.hostBlockList(),
  idPrefix: '',
});

const runStrings = stringsPanel({ m, raw, inspector });
const runArrays = arraysPanel({ m, memory, inspector });
walkPanel({ raw, inspector });
ownershipPanel({ m, raw, memory, inspector });
benchPanel({ m });
const yours = yoursPanel();

// The tutorial's debug handle: poke at memory from DevTools.
/** @type {any} */ (window).wasm = {
  memory: exports.memory,
  exports,
  raw,
  package: m,
  heapStats: () => m.heapStats(),
  inspector,
  /** The "Your module" panel: what is open (`yours.current`), and `yours.open(file)`. */
  yours,
  /** What inspect.wasm read from the module: exports, data segments, globals and `layout`. */
  description,
  /** `len` bytes at `ptr` as a list, e.g. wasm.bytes(1024, 16). */
  bytes: (/** @type {number} */ ptr, len = 16) => list(new Uint8Array(exports.memory.buffer, ptr, len)),
};

// The heap before the page made any call, explained: what the module
// allocated while it started.
$('heap-at-start').textContent =
  atStart.liveAllocations === 2 && atStart.liveBytes === 516
    ? `${atStart.liveBytes} B in ${atStart.liveAllocations} allocations before this page made any call: wasm-bindgen's table of slots for JS values the module holds (128 slots × 4 B = 512 B) and the boxed panic hook the start function installs (4 B).`
    : `${atStart.liveBytes} B in ${atStart.liveAllocations} allocations before this page made any call: what the module allocated while it started.`;
await runStrings();
await runArrays();
inspector.refresh();
document.body.dataset.ready = 'true';
