// The memory lab. It loads the package the way an app would (its generated
// glue, `await init()`), wraps the same instance's raw exports with the
// toolkit (`new RawModule(exports)`), so every panel works in one linear
// memory, and wires the panels to the inspector.
import init, * as m from 'rust-wasm-memory';
import { RawModule } from 'rust-wasm-memory/raw';

import { arraysPanel } from './lab/arrays.js';
import { benchPanel } from './lab/bench.js';
import { createInspector } from './lab/inspector.js';
import { ownershipPanel } from './lab/ownership.js';
import { stringsPanel } from './lab/strings.js';
import { $, guarded, list } from './lab/util.js';
import { walkPanel } from './lab/walk.js';

const exports = await init();
const raw = new RawModule(exports);
const memory = () => exports.memory;
const inspector = createInspector({ memory, heapStats: () => m.heapStats() });

const runStrings = stringsPanel({ m, inspector });
const runArrays = arraysPanel({ m, inspector });
walkPanel({ raw, inspector });
ownershipPanel({ raw, memory, inspector });
benchPanel({ m });

$('hex-form').addEventListener('submit', (event) => {
  event.preventDefault();
  guarded('inspector-error', () => {
    const text = $('hex-addr').value.trim();
    const addr = /^0x[0-9a-f]+$/i.test(text) ? parseInt(text, 16) : /^\d+$/.test(text) ? Number(text) : NaN;
    if (Number.isNaN(addr)) throw new TypeError(`"${text}" is not an address: use decimal or 0x… hex`);
    inspector.show(addr);
  })();
});

// The tutorial's debug handle: poke at memory from DevTools.
/** @type {any} */ (window).wasm = {
  memory: exports.memory,
  exports,
  raw,
  package: m,
  heapStats: () => m.heapStats(),
  inspector,
  /** `len` bytes at `ptr` as a list, e.g. wasm.bytes(1024, 16). */
  bytes: (/** @type {number} */ ptr, len = 16) => list(new Uint8Array(exports.memory.buffer, ptr, len)),
};

await runStrings();
await runArrays();
inspector.refresh();
document.body.dataset.ready = 'true';
