// The raw C-ABI, tested the same way in Node, Chromium and Firefox: every
// export through a bare `WebAssembly.instantiate(bytes, {})` and through the
// typed toolkit, every status code, every wrong free, views across
// `memory.grow`, and leak checks on the heap counters.
//
// `rawCases(env)` returns [name, fn] pairs. `env` supplies what differs by
// runtime:
//   rawBytes()        the bytes of pkg/raw/raw.wasm
//   toolkit           the `rust-wasm-memory/raw` module namespace
//   bindgenExports()  the instance exports of the wasm-bindgen build
import * as walk from '../../examples/walkthrough.mjs';
import { eq, ok, throws } from './check.mjs';

export function rawCases({ rawBytes, toolkit, bindgenExports }) {
  const T = toolkit;
  const bare = async () => (await WebAssembly.instantiate(await rawBytes(), {})).instance.exports;
  const fresh = async () => new T.RawModule(await bare());
  const S = T.Status;

  /** Allocates a block of u32 values through the bare exports. */
  const u32Block = (ex, values) => {
    const ptr = ex.alloc(values.length * 4, 4);
    new Uint32Array(ex.memory.buffer).set(values, ptr / 4);
    return ptr;
  };

  return [
    [
      'new MemoryView over any memory: checked range, typed errors, survives memory.grow; heapStats has the memory size',
      async () => {
        const memory = new WebAssembly.Memory({ initial: 1 });
        const view = new T.MemoryView(memory, Float32Array, 8, 4);
        eq([view.ptr, view.length, view.byteLength], [8, 4, 16]);
        view.write([1, 2, 3, 4]);
        memory.grow(1);
        eq(Array.from(view.array), [1, 2, 3, 4], 'the same elements after grow, over the new buffer');
        throws(() => new T.MemoryView({ buffer: new ArrayBuffer(64) }, Uint8Array, 0, 1), TypeError, /memory must be a WebAssembly.Memory/);
        throws(() => new T.MemoryView(memory, Array, 0, 1), TypeError, /unsupported element type/);
        throws(() => new T.MemoryView(memory, Uint32Array, 2, 1), T.MisalignedError);
        throws(() => new T.MemoryView(memory, Uint8Array, 2 * 65536, 1), T.OutOfBoundsError);
        const raw = await fresh();
        eq(raw.heapStats().memoryBytes, raw.memory.buffer.byteLength, 'the toolkit heapStats: memory size');
      },
    ],
    [
      'raw.wasm has zero imports and every export the toolkit needs',
      async () => {
        const module = new WebAssembly.Module(await rawBytes());
        eq(WebAssembly.Module.imports(module), [], 'imports');
        const names = WebAssembly.Module.exports(module).map((e) => e.name);
        for (const name of [...T.REQUIRED_EXPORTS, 'add']) ok(names.includes(name), `export ${name}`);
      },
    ],

    [
      'add and scale_and_add wrap as i32, bare and through the toolkit',
      async () => {
        const ex = await bare();
        eq(ex.add(2, 3), 5);
        eq(ex.add(2147483647, 1), -2147483648);
        eq(ex.scale_and_add(2, 3, 4), 20);
        const raw = new T.RawModule(ex);
        eq(raw.add(2147483647, 1), -2147483648);
        eq(raw.scaleAndAdd(2147483647, 1, 2), 0);
      },
    ],

    [
      'sum_u32 sums a block and reports every range error through last_status',
      async () => {
        const ex = await bare();
        const ptr = u32Block(ex, [1, 2, 3, 0xffffffff]);
        eq(ex.sum_u32(ptr, 4) >>> 0, 5, 'wrapping sum');
        eq(ex.last_status(), S.OK);
        const end = ex.memory.buffer.byteLength;
        for (const [p, len, status] of [
          [0, 1, S.NULL_POINTER],
          [ptr + 2, 1, S.MISALIGNED],
          [0xfffffffc, 2, S.OVERFLOW],
          [end, 1, S.OUT_OF_BOUNDS],
          [end - 4, 2, S.OUT_OF_BOUNDS],
          [8, 1, S.NOT_OWNED],
          [ptr, 5, S.NOT_OWNED],
        ]) {
          eq(ex.sum_u32(p, len), 0, `sum at ${p}`);
          eq(ex.last_status(), status, `status for ptr ${p} len ${len}`);
        }
        eq(ex.dealloc(ptr, 16, 4), S.OK);
      },
    ],

    [
      'the toolkit turns each status into its typed error',
      async () => {
        const raw = await fresh();
        const block = raw.allocArray(new Uint32Array([1, 2]));
        const freed = raw.alloc(8, 4);
        const gone = freed.ptr;
        freed.free();
        const cases = [
          [() => raw.callSum(0, 1), T.NullPointerError, /sum_u32: a pointer is 0/],
          [() => raw.callSum(block.ptr + 1, 1), T.MisalignedError, /not a multiple/],
          [() => raw.callSum(0xfffffffc, 2), T.OverflowError, /does not fit in 32 bits/],
          [() => raw.callSum(raw.memory.buffer.byteLength, 1), T.OutOfBoundsError, /past the end of linear memory/],
          // A length past the end says so, not the causes it is not (issue #15).
          [
            () => raw.callSum(block.ptr, 3),
            T.NotOwnedError,
            /^sum_u32: len runs past the end of the block at 0x[0-9a-f]+ \(8 bytes\): ptr \d+, len 3 \(status -7\)$/,
          ],
          [
            () => raw.callSum(gone, 1),
            T.NotOwnedError,
            /^sum_u32: the range is not inside a live block this module handed out \(never allocated, or already freed\)/,
          ],
          [() => raw.normalizeNumbers(new Float32Array(0)), T.ZeroLengthError, /length is 0/],
          [() => raw.normalizeNumbers(new Float32Array([0, -1])), T.CannotNormalizeError, /maximum is 0 or not finite/],
          [() => raw.freeBuffer(block.ptr, 4), T.WrongLengthError, /different size/],
          [() => raw.alloc(0xfffffff0, 8), T.OutOfMemoryError, /could not provide/],
          [() => raw.alloc(8, 3), T.BadAlignError, /power of two/],
        ];
        for (const [fn, Class, pattern] of cases) {
          const e = throws(fn, Class, pattern);
          ok(e instanceof T.RawError && Number.isInteger(e.code) && e.code < 0, `${Class.name} is a RawError with a code`);
        }
        eq(T.errorFor(-99, 'x').name, 'UnknownStatusError');
        eq(raw.callSum(block.ptr, 2), 3, 'the module still works after every refusal');
        block.free();
      },
    ],

    [
      'fill_doubles, make_number_array and fill_buffer write exactly their range',
      async () => {
        const ex = await bare();
        eq(walk.demoFillDoubles(ex, 8), { status: 0, values: [0, 2, 4, 6, 8, 10, 12, 14] });
        const raw = new T.RawModule(ex);
        eq(raw.fillDoubles(5), new Uint32Array([0, 2, 4, 6, 8]));
        eq(raw.makeNumberArray(3), new Uint32Array([0, 2, 4]));
        eq(raw.fillBuffer(258).slice(254), new Uint8Array([254, 255, 0, 1]));
        eq(raw.fillDoubles(0), new Uint32Array(0));
        const guard = walk.assertNoOverflow(ex, 16, 16);
        eq(
          guard.written,
          Array.from({ length: 16 }, (_, i) => i),
        );
        ok(guard.guardIntact, 'guard bytes intact');
        eq(ex.fill_doubles(0, 4), S.NULL_POINTER);
        eq(ex.make_number_array(8, 1), S.NOT_OWNED);
        eq(ex.fill_buffer(ex.memory.buffer.byteLength - 1, 2), S.OUT_OF_BOUNDS);
      },
    ],

    [
      'normalize_numbers returns the tutorial codes and leaves refused data unchanged',
      async () => {
        const ex = await bare();
        const ptr = ex.alloc(12, 4);
        const view = () => new Float32Array(ex.memory.buffer, ptr, 3);
        view().set([1, 5, 10]);
        eq(ex.normalize_numbers(ptr, 3), 0);
        eq(Array.from(view()), [0.10000000149011612, 0.5, 1]);
        eq(ex.normalize_numbers(0, 3), -1);
        eq(ex.normalize_numbers(ptr, 0), -2);
        view().set([0, -1, -2]);
        eq(ex.normalize_numbers(ptr, 3), -3);
        eq(Array.from(view()), [0, -1, -2], 'unchanged after -3');
        view().set([1, Infinity, 2]);
        eq(ex.normalize_numbers(ptr, 3), -3);
        eq(ex.normalize_numbers(ptr + 2, 2), S.MISALIGNED);
        eq(ex.dealloc(ptr, 12, 4), 0);
        const raw = new T.RawModule(ex);
        eq(raw.normalizeNumbers(new Float32Array([-1, -2, NaN, -4])), new Float32Array([1, 2, NaN, 4]));
      },
    ],

    [
      'process_string writes an OutString and hands the buffer to the host',
      async () => {
        const ex = await bare();
        const look = walk.memoryLook(ex, 'look');
        eq([look.status, look.decoded, look.len], [0, 'look_processed', 14]);
        eq(look.first64.length, 64);
        const raw = new T.RawModule(ex);
        eq(raw.processString('héllo 🦀'), 'héllo 🦀_processed');
        eq(raw.processString(''), '_processed');
        // Invalid UTF-8 from the host is decoded lossily, one U+FFFD per bad sequence.
        const input = raw.allocArray(new Uint8Array([0x61, 0xff, 0x62]));
        const meta = raw.alloc(8, 4);
        eq(ex.process_string(input.ptr, 3, meta.ptr), 0);
        const [p, n] = meta.view(Uint32Array).toArray();
        eq(raw.readString(p, n), 'a\ufffdb_processed');
        raw.freeBuffer(p, n);
        eq(ex.process_string(input.ptr, 3, 0), S.NULL_POINTER, 'null out_meta_ptr');
        eq(ex.process_string(input.ptr, 3, meta.ptr + 2), S.MISALIGNED, 'misaligned out_meta_ptr');
        eq(ex.process_string(input.ptr, 3, 16), S.NOT_OWNED, 'out_meta_ptr in static data');
        meta.free();
        input.free();
        eq(raw.heapStats().hostBlocks, 0, 'refused calls handed nothing out');
      },
    ],

    [
      'echo_suffix writes both out-params; free_buffer takes the buffer back once',
      async () => {
        const ex = await bare();
        const demo = walk.demoEchoSuffix(ex, 'hello');
        eq([demo.status, demo.result, demo.outLen, demo.freeStatus, demo.secondFree], [0, 'hello_echo', 10, 0, S.NOT_OWNED]);
        const raw = new T.RawModule(ex);
        eq(raw.echoSuffix('a\ud800b'), 'a\ufffdb_echo', 'lone surrogate');
        const outs = raw.alloc(8, 4);
        eq(ex.echo_suffix(outs.ptr, 0, outs.ptr, 0), S.NULL_POINTER, 'null out_len_ptr');
        outs.free();
      },
    ],

    [
      'every wrong free is refused and leaves the allocator intact',
      async () => {
        const raw = await fresh();
        const ex = raw.exports;
        const buf = raw.echoSuffixOwned('x');
        const [ptr, len] = [buf.ptr, buf.byteLength];
        eq(ex.free_buffer(ptr, len + 1), S.WRONG_LENGTH, 'wrong length');
        eq(ex.free_buffer(ptr + 1, len - 1), S.NOT_OWNED, 'interior pointer');
        eq(ex.free_buffer(8, 4), S.NOT_OWNED, 'foreign pointer (static data)');
        eq(ex.free_buffer(0, 4), S.NULL_POINTER, 'null');
        eq(ex.dealloc(ptr, len, 4), S.WRONG_LENGTH, 'wrong alignment');
        eq(buf.text(), 'x_echo', 'still live after refusals');
        eq(ex.free_buffer(ptr, len), S.OK);
        eq(ex.free_buffer(ptr, len), S.NOT_OWNED, 'double free');
      },
    ],

    [
      '10 000 refused frees of every kind: no leak, and the heap still serves',
      async () => {
        const raw = await fresh();
        const ex = raw.exports;
        raw.processString('warm up');
        const live = raw.alloc(32, 8);
        const before = raw.heapStats();
        const kinds = [
          () => ex.free_buffer(0, 4),
          () => ex.free_buffer(8, 4),
          () => ex.free_buffer(live.ptr, 31),
          () => ex.dealloc(live.ptr, 32, 4),
          () => ex.free_buffer(live.ptr + 8, 8),
          () => ex.dealloc(0xfffffff8, 8, 8),
        ];
        for (let i = 0; i < 10000; i++) ok(kinds[i % kinds.length]() < 0, `refusal ${i}`);
        const after = raw.heapStats();
        eq(after.liveBytes, before.liveBytes, 'live bytes');
        eq(after.hostBlocks, before.hostBlocks, 'host blocks');
        live.free();
        eq(raw.processString('still serving'), 'still serving_processed');
        eq(raw.sumU32(new Uint32Array(1000).fill(3)), 3000);
      },
    ],

    [
      'Block.free works exactly once; using-style dispose frees; use after free throws',
      async () => {
        const raw = await fresh();
        const base = raw.heapStats().hostBlocks;
        const block = raw.alloc(16, 4);
        eq(raw.heapStats().hostBlocks, base + 1);
        block.free();
        ok(block.freed, 'marked freed');
        throws(() => block.free(), T.UseAfterFreeError, /already freed/);
        throws(() => block.view(), T.UseAfterFreeError, /already freed/);
        throws(() => block.text(), T.UseAfterFreeError);
        const dispose = Symbol.dispose ?? Symbol.for('Symbol.dispose');
        const scoped = raw.alloc(8);
        scoped[dispose]();
        ok(scoped.freed, 'dispose freed it');
        scoped[dispose](); // a second dispose is a no-op, not a double free
        eq(raw.heapStats().hostBlocks, base);
      },
    ],

    [
      'views check alignment and bounds, and survive memory.grow',
      async () => {
        const raw = await fresh();
        const block = raw.allocArray(new Uint32Array([10, 20, 30, 40]));
        throws(() => raw.asU32Slice(block.ptr + 2, 1), T.MisalignedError, /not a multiple of 4/);
        throws(() => raw.asF32Slice(raw.memory.buffer.byteLength, 1), T.OutOfBoundsError);
        throws(() => raw.asU8Slice(0xffffffff, 2), T.OverflowError);
        throws(() => raw.asU8Slice(-1, 1), RangeError, /integer from 0/);
        const view = raw.asU32Slice(block.ptr, 4);
        const before = view.array;
        const pages = raw.memory.buffer.byteLength / 65536;
        raw.memory.grow(2);
        eq(raw.memory.buffer.byteLength / 65536, pages + 2, 'grown');
        eq(before.byteLength, 0, 'a plain typed array is detached by growth');
        eq(view.toArray(), new Uint32Array([10, 20, 30, 40]), 'the view rebuilt itself');
        view.set(3, 41);
        eq(raw.callSum(block.ptr, 4), 101, 'a write through the view after growth reached wasm memory');
        block.free();
      },
    ],

    [
      'debug_ptr describes a range without importing anything',
      async () => {
        const raw = await fresh();
        const block = raw.alloc(24, 4);
        ok(raw.debugPtr(block.ptr, 24).includes('inside live block'), 'inside');
        ok(raw.debugPtr(block.ptr, 25).includes('runs past the end'), 'past the end');
        ok(/^ptr=0x00000008 len=4: not inside any live block/.test(raw.debugPtr(8, 4)), 'outside');
        block.free();
      },
    ],

    [
      'heap_stats writes the four counters through an out-param',
      async () => {
        const ex = await bare();
        const out = ex.alloc(16, 4);
        eq(ex.heap_stats(out), 0);
        const [live, allocations, total, peak] = new Uint32Array(ex.memory.buffer, out, 4);
        eq(live, ex.heap_live_bytes() >>> 0, 'live bytes');
        eq(allocations, ex.heap_live_allocations() >>> 0, 'live allocations');
        ok(total >= allocations && peak >= live, 'total and peak bound the live numbers');
        eq(ex.heap_stats(out + 1), -4);
        ex.dealloc(out, 16, 4);
      },
    ],

    [
      'callSum and the tutorial walk-through agree with JS',
      async () => {
        const out = walk.demoCallSum(await bare(), [1, 2, 3, 0xffffffff]);
        eq(out, { sum: 5, expected: 5, status: 0 });
      },
    ],

    [
      '100 000 round trips of each string and buffer export leave the heap at its baseline',
      async () => {
        const raw = await fresh();
        const f32 = new Float32Array([1, 2, 4]);
        const ops = [
          () => raw.processString('leak?'),
          () => raw.echoSuffix('leak?'),
          () => raw.processStringOwned('owned').free(),
          () => raw.fillDoubles(16),
          () => raw.makeNumberArray(16),
          () => raw.fillBuffer(33),
          () => raw.sumU32([1, 2, 3]),
          () => raw.normalizeNumbers(f32.fill(2, 0, 1)),
        ];
        for (const op of ops) op(); // warm up: first-use allocations are not leaks
        const before = raw.heapStats();
        for (const op of ops) for (let i = 0; i < 100000; i++) op();
        const after = raw.heapStats();
        eq(after.liveBytes, before.liveBytes, 'live bytes');
        eq(after.liveAllocations, before.liveAllocations, 'live allocations');
        eq(after.hostBlocks, 0, 'host blocks');
        ok(after.totalAllocations - before.totalAllocations >= ops.length * 100000, 'the loop really allocated');
      },
    ],

    [
      'the wasm-bindgen build carries the same raw exports (add is the idiomatic one)',
      async () => {
        const ex = await bindgenExports();
        const raw = new T.RawModule(ex);
        eq(raw.processString('bindgen'), 'bindgen_processed');
        eq(raw.sumU32([5, 6]), 11);
        eq(raw.add(2147483647, 1), -2147483648);
        eq(raw.fillDoubles(3), new Uint32Array([0, 2, 4]));
        eq(raw.heapStats().hostBlocks, 0);
      },
    ],

    [
      // Finding F1: the value was converted after the view was taken, so a
      // valueOf (or an element getter) that grew memory lost the write.
      'MemoryView.set and write keep writes whose conversion grows memory',
      async () => {
        const raw = await fresh();
        const block = raw.alloc(16, 4);
        const view = block.view(Uint32Array);
        view.set(0, {
          valueOf() {
            raw.memory.grow(1);
            return 42;
          },
        });
        eq(view.get(0), 42, 'set() through a valueOf that grows memory');
        view.set(1, {
          valueOf() {
            raw.alloc(1 << 20).free();
            return 7;
          },
        });
        eq(view.get(1), 7, 'set() through a valueOf that allocates 1 MiB');
        const source = {
          length: 4,
          get 0() {
            return 1;
          },
          get 1() {
            raw.memory.grow(1);
            return 2;
          },
          2: 3,
          3: 4,
        };
        view.write(source);
        eq(Array.from(view.array), [1, 2, 3, 4], 'write() of an array-like whose getter grows memory');
        view.write([9], {
          valueOf() {
            raw.memory.grow(1);
            return 3;
          },
        });
        eq(view.get(3), 9, 'write() at an offset whose valueOf grows memory');
        block.free();
        eq(raw.heapStats().hostBlocks, 0, 'no block left');
      },
    ],

    [
      // Finding F5: the block was allocated before the copy, and a copy
      // that threw left it live and surfaced the engine's bare TypeError.
      'allocArray and normalizeNumbers refuse detached and disguised arrays with a typed error and keep nothing',
      async () => {
        const raw = await fresh();
        const base = raw.heapStats();
        const detached = () => {
          const a = new Float32Array(1000).fill(1);
          structuredClone(a.buffer, { transfer: [a.buffer] });
          return a;
        };
        throws(() => raw.allocArray(detached()), TypeError, /^allocArray: could not copy values into wasm memory/);
        throws(() => raw.normalizeNumbers(detached()), TypeError, /^normalizeNumbers: could not copy values into wasm memory/);
        // A `constructor` property decides nothing: the internal slot does.
        const bytes = new Uint8Array(4098).fill(1);
        bytes.constructor = Uint32Array;
        const block = raw.allocArray(bytes);
        eq([block.byteLength, block.align], [4098, 1], 'a Uint8Array stays bytes');
        block.free();
        const fake = new Float32Array([2, 4]);
        Object.defineProperty(fake, 'constructor', { value: Uint8Array });
        eq(Array.from(raw.normalizeNumbers(fake)), [0.5, 1], 'a Float32Array is normalized whatever its constructor says');
        throws(() => raw.allocArray(new DataView(new ArrayBuffer(8))), TypeError, /^allocArray: values must be a typed array/);
        throws(() => raw.allocArray([1, 2]), TypeError, /^allocArray: values must be a typed array/);
        const after = raw.heapStats();
        eq([after.liveBytes, after.hostBlocks], [base.liveBytes, 0], 'live bytes and host blocks after the refusals');
      },
    ],

    [
      // Finding F8 for the toolkit: a view of a block outlived its free().
      'a view of a block is refused after the block is given back; its arrays are detached',
      async () => {
        const raw = await fresh();
        for (const giveBack of [(b) => b.free(), (b) => raw.freeBuffer(b.ptr, b.byteLength), (b) => raw.exports.free_buffer(b.ptr, b.byteLength)]) {
          const block = raw.processStringOwned('abcdefgh');
          const view = block.view();
          const array = view.array;
          eq(view.get(0), 0x61);
          giveBack(block);
          throws(() => view.get(0), T.UseAfterFreeError, /given back/);
          throws(() => view.set(0, 1), T.UseAfterFreeError, /given back/);
          throws(() => view.write([1]), T.UseAfterFreeError, /given back/);
          throws(() => view.toArray(), T.UseAfterFreeError, /given back/);
          throws(() => view.array, T.UseAfterFreeError, /given back/);
          eq(array.length, 0, 'a typed array taken from the view is detached');
          const next = raw.processStringOwned('ABCDEFGH');
          array[0] = 0;
          eq(next.text(), 'ABCDEFGH_processed', 'the next owner keeps its data');
          next.free();
        }
        const loose = raw.alloc(8, 4);
        const looseView = raw.view(Uint32Array, loose.ptr, 2);
        loose.free();
        eq(looseView.length, 2, 'raw.view(Type, ptr, len) is an address view, not a block view: it stays usable');
        eq(raw.heapStats().hostBlocks, 0);
      },
    ],

    [
      // Finding F3 (the part that needs no garbage collector; the
      // finalizer itself is in tests/js/finalization.test.mjs): a block
      // given back through the ABI is marked freed on its Block object.
      'a Block given back through the ABI is freed for the toolkit too',
      async () => {
        const raw = await fresh();
        const owned = raw.processStringOwned('abc');
        raw.freeBuffer(owned.ptr, owned.byteLength);
        ok(owned.freed, 'the Block knows it was given back');
        throws(() => owned.text(), T.UseAfterFreeError, /already freed/);
        const block = raw.alloc(8, 4);
        raw.exports.dealloc(block.ptr, 8, 4);
        ok(block.freed, 'a bare dealloc export marks it too');
        throws(() => block.free(), T.UseAfterFreeError, /already freed/);
        const refused = raw.alloc(8, 4);
        throws(() => raw.dealloc(refused.ptr, 16, 4), T.WrongLengthError);
        ok(!refused.freed, 'a refused free leaves the Block live');
        refused.free();
        eq(raw.heapStats().hostBlocks, 0, 'no block left');
      },
    ],

    [
      // Issue #15: one address for both of echo_suffix's out-params made a
      // result buffer nobody could free; the toolkit refused nothing where
      // the package refuses a coercion.
      'echo_suffix refuses one address for both out-params, and the toolkit refuses what wasm would coerce',
      async () => {
        const raw = await fresh();
        const base = raw.heapStats();
        const input = raw.writeString('x');
        const out = raw.alloc(4, 4);
        eq(raw.exports.echo_suffix(input.ptr, 1, out.ptr, out.ptr), S.OVERLAP, 'status');
        eq(T.errorFor(S.OVERLAP, 'echo_suffix').name, 'OverlapError');
        out.free();
        input.free();
        eq(raw.heapStats().liveBytes, base.liveBytes, 'no result buffer was left behind');
        throws(() => raw.add('x', {}), TypeError, /^add: a must be a number, got string/);
        throws(() => raw.add(1, 1.5), RangeError, /^add: b must be an integer/);
        throws(() => raw.scaleAndAdd(1, 2, null), TypeError, /^scaleAndAdd: factor must be a number, got null/);
        eq(raw.add(2147483647, 1), -2147483648, 'valid numbers still wrap');
      },
    ],

    [
      'RawModule refuses a module without the raw exports',
      async () => {
        throws(() => new T.RawModule({ memory: new WebAssembly.Memory({ initial: 1 }) }), TypeError, /missing exports: alloc/);
      },
    ],
  ];
}
