// The memory lab. It loads the package the way an app would (its generated
// glue, `await init()`), wraps the same instance's raw exports with the
// toolkit (`new RawModule(exports)`), so every panel works in one linear
// memory, and wires the panels to the inspector.
import init, * as m from 'rust-wasm-memory';
import { createInspector } from 'rust-wasm-memory/inspector';
import { RawModule } from 'rust-wasm-memory/raw';

import { arraysPanel } from './lab/arrays.js';
import { benchPanel } from './lab/bench.js';
import { ownershipPanel } from './lab/ownership.js';
import { stringsPanel } from './lab/strings.js';
import { $, list } from './lab/util.js';
import { walkPanel } from './lab/walk.js';
import { yoursPanel } from './lab/yours.js';

const exports = await init();
const raw = new RawModule(exports);
const memory = () => exports.memory;
// The package's embeddable inspector, with the lab's element ids.
const inspector = createInspector($('inspector-view'), { memory, heapStats: () => m.heapStats(), idPrefix: '' });

const runStrings = stringsPanel({ m, inspector });
const runArrays = arraysPanel({ m, inspector });
walkPanel({ raw, inspector });
ownershipPanel({ raw, memory, inspector });
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
  /** `len` bytes at `ptr` as a list, e.g. wasm.bytes(1024, 16). */
  bytes: (/** @type {number} */ ptr, len = 16) => list(new Uint8Array(exports.memory.buffer, ptr, len)),
};

await runStrings();
await runArrays();
inspector.refresh();
document.body.dataset.ready = 'true';
