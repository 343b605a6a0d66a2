// A user's module built with the kit (examples/histogram) and the toolkit's
// generic path, in Node (tests/shared/kit-cases.mjs; the browsers run the
// same cases through tests/js/browsers.test.mjs).
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import fc from 'fast-check';
import * as toolkit from 'rust-wasm-memory/raw';
import { kitCases } from '../shared/kit-cases.mjs';

const cases = kitCases({
  toolkit,
  fc,
  runs: 2000,
  histogramBytes: () => readFile(new URL('../../examples/histogram/dist/histogram.wasm', import.meta.url)),
  rawBytes: () => readFile(new URL('raw.wasm', toolkit.RAW_WASM_URL)),
});
for (const [name, fn] of cases) test(name, fn);

// The handshake's optional last field, by hand: a record that does not set
// feature bit 2, or says an address that is not a whole aligned i32 in
// memory, leaves `statusAt` 0, and the toolkit then calls `last_status()`.
test('statusAt is read only when feature bit 2 says so and the address is a whole, aligned i32 in memory', async () => {
  const { readHandshake } = await import(new URL('module.js', toolkit.RAW_WASM_URL).href);
  const record = (features, statusAt) => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const at = 1024;
    const bytes = new Uint8Array(memory.buffer);
    bytes.set(new TextEncoder().encode('rwm-kit\0'), at);
    const words = new DataView(memory.buffer);
    words.setUint32(at + 8, 1, true); // ABI version
    words.setUint32(at + 12, features, true);
    words.setUint32(at + 16, 16384, true);
    words.setUint32(at + 20, 5, true);
    bytes.set(new TextEncoder().encode('0.2.0'), at + 24);
    words.setUint32(at + 48, statusAt, true);
    return readHandshake({ memory, rwm_kit_handshake: () => at }, 'test').statusAt;
  };
  const { strictEqual } = await import('node:assert/strict');
  strictEqual(record(0b111, 2048), 2048);
  strictEqual(record(0b011, 2048), 0, 'bit 2 not set: an older kit');
  strictEqual(record(0b111, 2050), 0, 'misaligned');
  strictEqual(record(0b111, 65536 - 2), 0, 'runs past the end of memory');
  strictEqual(record(0b111, 65536), 0, 'past the end of memory');
  strictEqual(record(0b111, 0), 0, 'null');
});

test('a checked call on a module whose handshake does not say where the status lives asks last_status()', async () => {
  const { strictEqual, throws } = await import('node:assert/strict');
  const { instance } = await WebAssembly.instantiate(await readFile(new URL('raw.wasm', toolkit.RAW_WASM_URL)), {});
  const real = instance.exports;
  // A copy of the handshake record without feature bit 2, in a block.
  const copy = real.alloc(64, 8) >>> 0;
  const bytes = new Uint8Array(real.memory.buffer);
  bytes.copyWithin(copy, real.rwm_kit_handshake() >>> 0, (real.rwm_kit_handshake() >>> 0) + 52);
  new DataView(real.memory.buffer).setUint32(copy + 12, new DataView(real.memory.buffer).getUint32(copy + 12, true) & ~4, true);
  let asked = 0;
  const exports = {
    ...real,
    rwm_kit_handshake: () => copy,
    last_status: () => {
      asked++;
      return real.last_status();
    },
  };
  const kit = new toolkit.KitModule(exports);
  strictEqual(kit.handshake.statusAt, 0);
  const sum = kit.declare('sum_u32', [toolkit.types.slice(Uint32Array)], toolkit.types.checked(toolkit.types.u32));
  strictEqual(sum(new Uint32Array([1, 2, 3])), 6);
  strictEqual(asked, 1, 'the status was asked for');
  const callSum = kit.declare('sum_u32', [toolkit.types.u32, toolkit.types.u32], toolkit.types.checked(toolkit.types.u32));
  throws(() => callSum(8, 1), toolkit.NotOwnedError);
  strictEqual(asked, 2);
});
