// A user's module built with the kit (examples/histogram) through the
// toolkit's generic path, and that path's properties over every declared
// export, the same in Node, Chromium and Firefox.
//
// `kitCases(env)` returns [name, fn] pairs. `env`:
//   toolkit          the `rust-wasm-memory/raw` module namespace
//   histogramBytes() the bytes of examples/histogram/dist/histogram.wasm
//   rawBytes()       the bytes of pkg/raw/raw.wasm
//   fc, runs         fast-check and the number of generated cases
import { bind, reference } from '../../examples/histogram/histogram.mjs';
import { eq, ok, throws } from './check.mjs';

export function kitCases({ toolkit: T, histogramBytes, rawBytes, fc, runs = 1000 }) {
  const t = T.types;
  const histogramModule = async () => T.instantiateKit(await histogramBytes());
  /** A module and its bound functions. */
  const fresh = async () => {
    const kit = await histogramModule();
    return { kit, ...bind(kit) };
  };
  const heap = (kit) => {
    const s = kit.heapStats();
    return [s.liveBytes, s.liveAllocations, s.hostBlocks];
  };
  const f32 = fc.oneof(fc.float(), fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1, 0.5, 1 - 2 ** -24));
  const quiet = console.error;

  return [
    [
      'the handshake names the kit and its ABI; a module without one is refused',
      async () => {
        const { kit } = await fresh();
        eq(kit.handshake.abiVersion, 1);
        ok(/^\d+\.\d+\.\d+/.test(kit.handshake.kitVersion), `kit version ${kit.handshake.kitVersion}`);
        eq([kit.handshake.countingAllocator, kit.handshake.panicProbe], [true, true], 'the example enables both features');
        eq(kit.handshake.scratchLength, 16384);
        const at = kit.handshake.statusAt;
        ok(at > 0 && at % 4 === 0, `statusAt ${at}`);
        const plain = await WebAssembly.instantiate(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]), {});
        throws(() => new T.KitModule(plain.instance), TypeError, /not a module built with rust-wasm-memory-kit; missing exports: rwm_kit_handshake/);
        // The package's own modules are kit modules too.
        const raw = await T.instantiateKit(await rawBytes());
        ok(raw instanceof T.KitModule, 'raw.wasm has the handshake');
        // Where the last status lives (feature bit 2): what last_status()
        // returns is there, after a refusal and after a success.
        const status = () => new Int32Array(raw.memory.buffer)[raw.handshake.statusAt >> 2];
        eq(raw.exports.sum_u32(8, 1), 0);
        eq([status(), raw.exports.last_status()], [T.Status.NOT_OWNED, T.Status.NOT_OWNED], 'after a refused range');
        eq(raw.exports.scale_and_add(1, 2, 3), 9);
        eq([status(), raw.exports.last_status()], [T.Status.OK, T.Status.OK], 'after a call that succeeded');
      },
    ],

    [
      // The checks' order is documented (crates/kit/src/blocks.rs): null,
      // alignment, overflow, the end of memory, then a live block or the
      // scratch area. The end of memory is read only for a range no block
      // holds, so each address class is generated: around each block, the
      // scratch area and the end of memory, and anywhere.
      'every (ptr, len) of a range check gets the status of the documented checks in their order (property)',
      async () => {
        const ex = (await WebAssembly.instantiate(await rawBytes(), {})).instance.exports;
        const S = T.Status;
        const blocks = [
          [64, 4],
          [4096, 16],
          [8, 8],
          [65536 * 2, 65536],
        ].map(([size, align]) => [ex.alloc(size, align) >>> 0, size, align]);
        eq(ex.host_blocks(), blocks.length, 'the blocks are the only ones');
        const owned = [[ex.rwm_kit_scratch() >>> 0, 16384], ...blocks.map(([at, size]) => [at, size])];
        const end = ex.memory.buffer.byteLength;
        const model = (/** @type {number} */ ptr, /** @type {number} */ len) => {
          const bytes = len * 4;
          if (ptr === 0) return S.NULL_POINTER;
          if (ptr % 4 !== 0) return S.MISALIGNED;
          if (bytes > 0xffffffff || ptr + bytes > 0xffffffff) return S.OVERFLOW;
          if (ptr + bytes > end) return S.OUT_OF_BOUNDS;
          if (bytes === 0 || owned.some(([at, size]) => ptr >= at && ptr + bytes <= at + size)) return S.OK;
          return S.NOT_OWNED;
        };
        const near = (/** @type {number} */ at) => fc.integer({ min: -64, max: 64 }).map((d) => Math.min(Math.max(at + 4 * d, 0), 0xffffffff));
        const ptr = fc.oneof(
          ...owned.flatMap(([at, size]) => [near(at), near(at + size)]),
          near(end),
          fc.constantFrom(0, 0xfffffffc),
          fc.nat({ max: 0xffffffff }),
        );
        const len = fc.oneof(fc.nat({ max: 80 }), fc.constantFrom(0x3fffffff, 0x40000000, 0xffffffff, 16384 / 4), fc.nat({ max: 0xffffffff }));
        fc.assert(
          fc.property(ptr, len, (p, n) => {
            const want = model(p, n);
            ex.sum_u32(p, n);
            eq(ex.last_status(), want, `sum_u32(${p}, ${n})`);
            eq(ex.fill_doubles(p, n), want, `fill_doubles(${p}, ${n})`);
            eq(ex.last_status(), want, `fill_doubles(${p}, ${n}): last_status`);
          }),
          { numRuns: runs },
        );
        for (const [at, size, align] of blocks) eq(ex.dealloc(at, size, align), S.OK);
        eq(ex.host_blocks(), 0, 'all freed');
      },
    ],

    [
      'histogram: right answers against the JS reference, for generated values, bounds and bin counts',
      async () => {
        const { kit, histogram, counts } = await fresh();
        const r = counts(new Float32Array([0, 0.3, 0.99, 1, -1, NaN]), 0, 1, 4);
        eq([Array.from(r.bins), r.outside], [[1, 1, 0, 1], 3], 'the doc example');
        const before = heap(kit);
        fc.assert(
          fc.property(
            fc.array(f32, { maxLength: 300 }),
            f32,
            fc.oneof(f32, fc.double({ min: 0, max: 1e6, noNaN: true })),
            fc.integer({ min: 0, max: 40 }),
            fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 40 }),
            (values, lo, width, n, start) => {
              const data = Float32Array.from(values);
              const hi = Math.fround(lo + width);
              const bins = Uint32Array.from({ length: n }, (_, i) => start[i] ?? 0);
              const expected = bins.slice();
              const outside = reference(data, lo, hi, expected);
              if (outside === null) {
                throws(() => histogram(data, lo, hi, bins), T.InvalidArgumentError, /status -13/);
                eq(Array.from(bins), Array.from(expected), 'a refused call leaves bins alone');
              } else {
                eq(histogram(data, lo, hi, bins), outside, 'outside');
                eq(Array.from(bins), Array.from(expected), 'bins, added to what was there');
              }
              eq(heap(kit), before, 'nothing left allocated');
            },
          ),
          { numRuns: runs },
        );
        // Past the scratch area: 10,000 values (40 KB) take a temporary block.
        const big = Float32Array.from({ length: 10000 }, (_, i) => i / 10000);
        const r2 = counts(big, 0, 1, 10);
        const expected = new Uint32Array(10);
        reference(big, 0, 1, expected);
        eq(Array.from(r2.bins), Array.from(expected));
        eq(heap(kit), before, 'the temporary block was freed');
      },
    ],

    [
      'histogram: a bad (ptr, len) is refused with its status, and overlapping arguments too',
      async () => {
        const { kit } = await fresh();
        const ex = kit.exports;
        const values = kit.allocArray(new Float32Array([0.5, 0.25]));
        const bins = kit.alloc(16, 4);
        const out = kit.alloc(4, 4);
        eq(ex.histogram(values.ptr, 2, 0, 1, bins.ptr, 4, out.ptr), 0, 'a good call');
        eq(Array.from(bins.view(Uint32Array).toArray()), [0, 1, 1, 0]);
        eq(ex.histogram(values.ptr, 3, 0, 1, bins.ptr, 4, out.ptr), T.Status.NOT_OWNED, 'len past the block');
        eq(ex.histogram(values.ptr + 2, 1, 0, 1, bins.ptr, 4, out.ptr), T.Status.MISALIGNED, 'misaligned values');
        eq(ex.histogram(0, 1, 0, 1, bins.ptr, 4, out.ptr), T.Status.NULL_POINTER, 'null');
        eq(ex.histogram(values.ptr, 2, 0, 1, 8, 4, out.ptr), T.Status.NOT_OWNED, 'bins in static memory');
        eq(ex.histogram(values.ptr, 2, 0, 1, 0xffff0000, 4, out.ptr), T.Status.OUT_OF_BOUNDS, 'bins past memory');
        eq(ex.histogram(values.ptr, 2, 0, 1, 0xfffffff0, 4, out.ptr), T.Status.OVERFLOW, 'bins past 4 GiB');
        eq(ex.histogram(values.ptr, 2, 0, 1, values.ptr, 2, out.ptr), T.Status.OVERLAP, 'bins over values');
        eq(ex.histogram(values.ptr, 2, 0, 1, bins.ptr, 4, bins.ptr + 4), T.Status.OVERLAP, 'outside inside bins');
        eq(Array.from(bins.view(Uint32Array).toArray()), [0, 1, 1, 0], 'refused calls wrote nothing');
        eq(kit.lastStatus(), T.Status.OVERLAP);
        eq(T.errorFor(T.Status.OVERLAP, 'histogram').name, 'OverlapError');
        const freed = kit.alloc(16, 4);
        const at = freed.ptr;
        freed.free();
        eq(ex.histogram(values.ptr, 2, 0, 1, at, 4, out.ptr), T.Status.NOT_OWNED, 'a freed block');
        for (const b of [values, bins, out]) b.free();
        eq(kit.heapStats().hostBlocks, 0);
      },
    ],

    [
      'histogram: a double free is refused, through the toolkit and through the ABI',
      async () => {
        const { kit } = await fresh();
        const block = kit.alloc(64, 4);
        const { ptr } = block;
        block.free();
        throws(() => block.free(), T.UseAfterFreeError, /already freed/);
        eq(kit.exports.dealloc(ptr, 64, 4), T.Status.NOT_OWNED, 'the ABI refuses the second free');
        throws(() => kit.dealloc(ptr, 64, 4), T.NotOwnedError);
        const other = kit.alloc(64, 4);
        throws(() => kit.dealloc(other.ptr, 32, 4), T.WrongLengthError, /status -8/);
        ok(!other.freed, 'a refused free leaves the block live');
        other.free();
        eq(kit.heapStats().hostBlocks, 0);
      },
    ],

    [
      'histogram: a panic is reported with its message, then the module is poisoned; a new one works',
      async () => {
        console.error = () => {};
        try {
          const { kit, histogram } = await fresh();
          const block = kit.alloc(8, 4);
          let error;
          try {
            kit.exports.panic_probe(42);
          } catch (e) {
            error = e;
          }
          ok(error instanceof T.PanicError, `a PanicError, got ${error?.name}`);
          ok(/panic_probe\(42\): deliberate panic/.test(error.message), error.message);
          eq(error.fn, 'panic_probe');
          eq(kit.fault, error, 'the module keeps its fault');
          throws(() => histogram(new Float32Array(1), 0, 1, new Uint32Array(1)), T.PoisonedError, /trapped earlier/);
          throws(() => kit.alloc(4), T.PoisonedError);
          block.free(); // quietly: its memory went with the instance
          const again = await fresh();
          eq(again.counts([0.5], 0, 1, 2).bins[1], 1, 'a new module works');
        } finally {
          console.error = quiet;
        }
      },
    ],

    [
      `generic path: ${runs} generated calls of every declared export with hostile arguments; typed errors only, nothing leaked, never poisoned`,
      async () => {
        const raw = await T.instantiate(await rawBytes());
        const { kit, histogram } = await fresh();
        const sum = raw.declare('sum_u32', [t.slice(Uint32Array)], t.checked(t.u32));
        const normalize = raw.declare('normalize_numbers', [t.sliceMut(Float32Array)]);
        const upper = raw.declare('ascii_uppercase', [t.str, t.ownedString]);
        const upperBlock = raw.declare('ascii_uppercase', [t.str, t.ownedBlock]);
        const echo = raw.declare('echo_suffix', [t.str, t.out(t.u32), t.out(t.u32)]);
        const scale = raw.declare('scale_and_add', [t.i32, t.i32, t.i32], t.i32);
        const revoked = Proxy.revocable({}, {});
        revoked.revoke();
        const detached = () => {
          const a = new Float32Array(4);
          structuredClone(a.buffer, { transfer: [a.buffer] });
          return a;
        };
        // Values fast-check must not print or inspect (a revoked Proxy
        // throws on any touch) travel by name and are made in the property.
        const made = {
          revoked: () => revoked.proxy,
          proxy: () => new Proxy(new Float32Array(2), {}),
          throwing: () =>
            new Proxy(
              { length: 2 },
              {
                get() {
                  throw new Error('trap');
                },
              },
            ),
          detached,
          f64: () => new Float64Array(2),
          i32: () => new Int32Array(2),
          u8: () => new Uint8Array(3),
          dataView: () => new DataView(new ArrayBuffer(4)),
          symbol: () => Symbol.for('s'),
          bigint: () => 3n,
        };
        const hostile = fc.oneof(
          fc.constantFrom(null, undefined, 1.5, -1, 2 ** 32, NaN, Infinity, 'str', {}, [], [1, 'x']),
          fc.constantFrom(...Object.keys(made)).map((name) => ({ made: name })),
          fc.string({ maxLength: 30 }),
          fc.array(fc.float(), { maxLength: 30 }).map((a) => Float32Array.from(a)),
          fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 30 }).map((a) => Uint32Array.from(a)),
          fc.integer({ min: 5000, max: 9000 }).map((n) => new Uint32Array(n).fill(1)), // past the scratch area
        );
        const calls = [
          ['sum', (a) => sum(a)],
          ['normalize', (a) => normalize(a)],
          ['upper', (a) => upper(a)],
          ['upperBlock', (a) => upperBlock(a).free()],
          [
            'echo',
            (a) => {
              const [ptr, len] = echo(a);
              raw.freeBuffer(ptr, len);
            },
          ],
          ['scale', (a, b) => scale(a, b, 1)],
          ['histogram', (a, b) => histogram(a, 0, 1, b)],
        ];
        const kinds = [TypeError, RangeError, T.RawError];
        const baseline = [heap(raw), heap(kit)];
        fc.assert(
          fc.property(fc.constantFrom(...calls), hostile, hostile, fc.nat(3), ([name, call], a, b, extra) => {
            const args = [a, b].map((v) => (v !== null && typeof v === 'object' && 'made' in v ? made[v.made]() : v));
            let error;
            try {
              // A wrong number of arguments now and then.
              if (extra === 3) sum(...args);
              else call(...args);
            } catch (e) {
              error = e;
            }
            if (error !== undefined) {
              ok(
                kinds.some((K) => error instanceof K),
                `${name}: a typed error, got ${error?.name}: ${error?.message}`,
              );
              ok(!(error instanceof T.PanicError), `${name}: no trap`);
            }
            eq(raw.fault, null, 'the module is not poisoned');
            eq(kit.fault, null, 'the module is not poisoned');
            eq([heap(raw), heap(kit)], baseline, `${name}: live bytes, allocations and blocks at baseline`);
          }),
          { numRuns: runs },
        );
        eq(raw.processString('ok'), 'ok_processed', 'the canary answers');
      },
    ],

    [
      'generic path: in-place results stay right when memory grows between two calls of one layout, and when a call with other lengths runs inside another',
      async () => {
        // The general path copies a sliceMut back through a view it keeps
        // from the call before when the layout is the same; growth detaches
        // that view, and a call inside a call lays its arguments out elsewhere.
        const values = Float32Array.from({ length: 16 }, (_, i) => (i * 0.37) % 1.2);
        const inside = Float32Array.from({ length: 40 }, (_, i) => (i * 0.11) % 1.1);
        const expect = (data, n) => {
          const bins = new Uint32Array(n);
          return [reference(data, 0, 1, bins), Array.from(bins)];
        };
        const run = (fn, data, n) => {
          const bins = new Uint32Array(n);
          return [fn(data, 0, 1, bins), Array.from(bins)];
        };
        const { kit, histogram } = await fresh();
        const before = heap(kit);
        eq(run(histogram, values, 4), expect(values, 4), 'first call');
        eq(run(histogram, values, 4), expect(values, 4), 'the same layout again');
        const pages = kit.memory.buffer.byteLength;
        const block = kit.alloc(4 << 20, 8);
        ok(kit.memory.buffer.byteLength > pages, 'memory grew');
        eq(run(histogram, values, 4), expect(values, 4), 'the same layout after growth');
        block.free();
        eq(heap(kit), before);

        // The export, wrapped, calls the declared function again (other
        // lengths, so another layout, in a block of its own) before it returns.
        const { instance } = await WebAssembly.instantiate(await histogramBytes());
        const real = instance.exports;
        /** @type {any[]} */
        const inner = [];
        /** @type {any} */
        let nested = null;
        let depth = 0;
        const wrapped = {
          ...real,
          histogram: (...abi) => {
            if (depth++ === 0) inner.push(run(nested, inside, 7));
            return real.histogram(...abi);
          },
        };
        const outerKit = new T.KitModule(wrapped);
        nested = bind(outerKit).histogram;
        const before2 = heap(outerKit);
        eq(run(nested, values, 4), expect(values, 4), 'the outer call, copied back after the inner one');
        eq(inner, [expect(inside, 7)], 'the inner call');
        depth = 1; // no more inner calls
        eq(run(nested, values, 4), expect(values, 4), 'the outer layout again');
        eq(heap(outerKit), before2, 'the inner block was freed');
      },
    ],

    [
      'generic path: an out-param of each number type reads the bytes the export wrote there',
      async () => {
        const raw = await T.instantiate(await rawBytes());
        const before = heap(raw);
        const bits = new DataView(new ArrayBuffer(8));
        // echo_suffix writes its result's address and length as two u32
        // out-params. Read as another type, the first is those same bytes.
        for (const [type, address] of [
          [t.u32, (/** @type {number} */ x) => x],
          [t.i32, (/** @type {number} */ x) => x >>> 0],
          [
            t.f32,
            (/** @type {number} */ x) => {
              bits.setFloat32(0, x, true);
              return bits.getUint32(0, true);
            },
          ],
          [
            t.f64,
            (/** @type {number} */ x) => {
              bits.setFloat64(0, x, true);
              return bits.getUint32(0, true); // the low word: the u32 the export wrote
            },
          ],
        ]) {
          const [first, len] = raw.declare('echo_suffix', [t.str, t.out(type), t.out(t.u32)])('abc');
          const ptr = address(first);
          eq([raw.readString(ptr, len), typeof first], ['abc_echo', 'number'], type.type);
          raw.freeBuffer(ptr, len);
        }
        eq(heap(raw), before, 'every result buffer freed');
        // A sole out-param is the result itself, not a one-element array.
        const kit = await histogramModule();
        const outside = kit.declare('histogram', [t.slice(Float32Array), t.f32, t.f32, t.sliceMut(Uint32Array), t.out(t.u32)])(
          new Float32Array([2, 0.5]),
          0,
          1,
          new Uint32Array(2),
        );
        eq(outside, 1);
      },
    ],

    [
      "generic path: declared results, out-params and owned buffers; a call made from inside another (an argument's getter) leaves it intact",
      async () => {
        const raw = await T.instantiate(await rawBytes());
        const before = heap(raw);
        eq(raw.declare('scale_and_add', [t.i32, t.i32, t.i32], t.i32)(2, 3, 4), 20);
        eq(raw.declare('sum_u32', [t.slice(Uint32Array)], t.checked(t.u32))([1, 2, 3]), 6, 'an array of numbers is copied');
        const [ptr, len] = raw.declare('echo_suffix', [t.str, t.out(t.u32), t.out(t.u32)])('ab');
        eq(raw.readString(ptr, len), 'ab_echo');
        raw.freeBuffer(ptr, len);
        const bytes = raw.declare('process_string', [t.str, t.ownedBytes])('é');
        eq(Array.from(bytes), Array.from(new TextEncoder().encode('é_processed')));
        const values = new Float32Array([1, 2, 4]);
        eq(raw.declare('normalize_numbers', [t.sliceMut(Float32Array)])(values), undefined);
        eq(Array.from(values), [0.25, 0.5, 1], 'written back in place');
        throws(() => raw.declare('normalize_numbers', [t.sliceMut(Float32Array)])(new Float32Array([0, 0])), T.CannotNormalizeError, /status -3/);
        throws(() => raw.declare('no_such_export', []), TypeError, /no exported function "no_such_export"/);
        throws(() => raw.declare('sum_u32', [Uint32Array]), TypeError, /must come from types/);
        throws(() => raw.declare('sum_u32', [t.slice(Uint32Array)], t.checked(t.u32))(), TypeError, /expected 1 argument, got 0/);
        throws(() => raw.add('x', 1), TypeError, /^add: a must be a number, got string/);
        eq(heap(raw), before, 'nothing left allocated');
        // A call made from an argument's getter, while the outer call
        // converts its arguments.
        const { kit } = await fresh();
        const sumOf = raw.declare('sum_u32', [t.slice(Uint32Array)], t.checked(t.u32));
        let inner = null;
        const values2 = {
          length: 2,
          get 0() {
            inner = sumOf([10, 20]); // runs while the outer call is converting
            return 1;
          },
          1: 2,
        };
        eq(sumOf(values2), 3, 'the outer call');
        eq(inner, 30, 'the inner call');
        eq(heap(raw), before);
        ok(kit.fault === null);
      },
    ],

    [
      'declared calls made while another is in wasm (an import calling back into JS) get their own block; the outer call reads its own arguments',
      async () => {
        // raw.wasm imports nothing, so its exports are wrapped in JS that
        // calls back into the toolkit in the middle of the call, as an
        // import would. A one-slice export (the fast lane) and a general
        // one, each inside the other.
        const { instance } = await WebAssembly.instantiate(await rawBytes());
        const real = instance.exports;
        const inner = [];
        /** @type {any} */
        let kit = null;
        let depth = 0;
        const wrapped = {
          ...real,
          sum_u32: (ptr, len) => {
            if (depth++ === 0) inner.push(kit.declare('process_string', [t.str, t.ownedString])('in'));
            return real.sum_u32(ptr, len);
          },
          process_string: (ptr, len, out) => {
            if (depth++ === 1) inner.push(kit.declare('sum_u32', [t.slice(Uint32Array)], t.checked(t.u32))(new Uint32Array([100, 200])));
            return real.process_string(ptr, len, out);
          },
        };
        kit = new T.KitModule(wrapped);
        const before = heap(kit);
        const sum = kit.declare('sum_u32', [t.slice(Uint32Array)], t.checked(t.u32));
        eq(sum(new Uint32Array([1, 2, 3])), 6, 'the outer sum (one slice), whose arguments sat in the scratch area');
        eq(inner, [300, 'in_processed'], 'the calls made inside it (a sum inside the string call inside the sum)');
        eq(heap(kit), before, 'their blocks were freed');
        // A declared result checked through last_status(): a refusal inside
        // the export is the typed error, not its fallback value 0.
        const refusing = new T.KitModule({ ...real, sum_u32: (_ptr, len) => real.sum_u32(0, len) });
        throws(() => refusing.declare('sum_u32', [t.slice(Uint32Array)], t.checked(t.u32))(new Uint32Array([1])), T.NullPointerError, /sum_u32/);
      },
    ],
  ];
}
