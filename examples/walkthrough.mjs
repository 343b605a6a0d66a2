// The tutorial's host walk-through, runnable: each function takes the bare
// exports of raw.wasm (from `WebAssembly.instantiate(bytes, {})`, no glue,
// no toolkit) and does one step of the tutorial by hand.
//
// One rule the tutorial's snippets skip: any call that allocates may grow
// memory, which detaches every typed array made over the old buffer. So a
// view is made *after* the last call that could allocate, never before.
// Instead of the tutorial's fixed offsets (1024, 4096), memory comes from the
// module's own `alloc`, and goes back with `dealloc` / `free_buffer`.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

const u8 = (memory) => new Uint8Array(memory.buffer);
const u32 = (memory) => new Uint32Array(memory.buffer);

/** fill_doubles into a module-allocated buffer; returns what was written. */
export function demoFillDoubles({ memory, alloc, dealloc, fill_doubles }, len = 8) {
  const ptr = alloc(len * 4, 4); // bytes, 4-aligned for u32
  const status = fill_doubles(ptr, len); // len in elements
  const values = Array.from(u32(memory).subarray(ptr / 4, ptr / 4 + len)); // byte ptr / 4 = element index
  dealloc(ptr, len * 4, 4);
  return { status, values };
}

/** echo_suffix on a string, reading the result through the two out-params, then free_buffer. */
export function demoEchoSuffix({ memory, alloc, dealloc, echo_suffix, free_buffer }, input = 'hello') {
  const encoded = encoder.encode(input);
  const inPtr = alloc(encoded.length, 1);
  u8(memory).set(encoded, inPtr);
  const outs = alloc(8, 4); // out_ptr at outs, out_len at outs + 4
  const status = echo_suffix(inPtr, encoded.length, outs, outs + 4);
  const [outPtr, outLen] = u32(memory).subarray(outs / 4, outs / 4 + 2);
  const result = decoder.decode(u8(memory).subarray(outPtr, outPtr + outLen));
  const freeStatus = free_buffer(outPtr, outLen); // ownership goes back to Rust
  const secondFree = free_buffer(outPtr, outLen); // refused: already freed
  dealloc(outs, 8, 4);
  dealloc(inPtr, encoded.length, 1);
  return { status, result, outPtr, outLen, freeStatus, secondFree };
}

/** The tutorial's callSum: a view of the slice, then sum_u32 on the same (ptr, len). */
export function callSum({ memory, sum_u32, last_status }, ptr, len) {
  const slice = u32(memory).subarray(ptr / 4, ptr / 4 + len);
  const sum = sum_u32(ptr, len) >>> 0;
  return { sum, expected: slice.reduce((a, b) => (a + b) >>> 0, 0), status: last_status() };
}

/** Puts `values` in module memory and sums them with callSum. */
export function demoCallSum(exports, values = [1, 2, 3, 4]) {
  const { memory, alloc, dealloc } = exports;
  const ptr = alloc(values.length * 4, 4);
  u32(memory).set(values, ptr / 4);
  const out = callSum(exports, ptr, values.length);
  dealloc(ptr, values.length * 4, 4);
  return out;
}

/** The memory look: the first bytes of memory, and a string decoded at a returned pointer. */
export function memoryLook({ memory, alloc, dealloc, process_string, free_buffer }, input = 'look') {
  const first64 = Array.from(u8(memory).slice(0, 64));
  const encoded = encoder.encode(input);
  const inPtr = alloc(encoded.length, 1);
  u8(memory).set(encoded, inPtr);
  const meta = alloc(8, 4); // #[repr(C)] OutString { ptr: u32, len: u32 }
  const status = process_string(inPtr, encoded.length, meta);
  const [ptr, len] = u32(memory).subarray(meta / 4, meta / 4 + 2);
  const decoded = decoder.decode(u8(memory).subarray(ptr, ptr + len));
  free_buffer(ptr, len);
  dealloc(meta, 8, 4);
  dealloc(inPtr, encoded.length, 1);
  return { first64, pages: memory.buffer.byteLength / 65536, status, ptr, len, decoded };
}

/** The overflow-guard harness: guard bytes after a buffer must survive fill_buffer. */
export function assertNoOverflow({ memory, alloc, dealloc, fill_buffer }, len = 16, guardLen = 16) {
  const ptr = alloc(len + guardLen, 1); // buffer and guard in one block
  u8(memory).fill(0xaa, ptr + len, ptr + len + guardLen);
  const status = fill_buffer(ptr, len);
  const mem = u8(memory);
  for (let i = ptr + len; i < ptr + len + guardLen; i++) {
    if (mem[i] !== 0xaa) throw new Error(`overflow detected at byte ${i}`);
  }
  const written = Array.from(mem.subarray(ptr, ptr + len));
  dealloc(ptr, len + guardLen, 1);
  return { status, written, guardIntact: true };
}
