// Hardening, the same in Node, Chromium and Firefox: generated inputs for
// every public API (fast-check), memory growth between taking a view and
// using it, requests larger than wasm32 memory, and a mixed-call soak.
//
// `hardeningCases(env)` returns [name, fn] pairs. env:
//   bindgen   the initialised package      toolkit  rust-wasm-memory/raw
//   rawBytes  () => bytes of raw.wasm      fc       fast-check
//   bindgenExports  () => the package's instance exports (for its memory)
//   runs      generated inputs per API     growthRounds, soakCalls
import { eq, ok } from './check.mjs';

// ---- references, written from the documentation -----------------------------
const wellFormed = (s) => s.toWellFormed();
const upper = (s) => wellFormed(s).replace(/[a-z]/g, (c) => c.toUpperCase());

/** The documented normalize, in f32: max skipping NaN, then v / max. */
function normalizeRef(values) {
  let max = -Infinity;
  for (const v of values) if (!Number.isNaN(v) && v > max) max = v;
  if (values.length === 0) return { kind: 'empty-input' };
  if (!Number.isFinite(max)) return { kind: 'non-finite-maximum' };
  if (max === 0) return { kind: 'zero-maximum' };
  return { ok: Float32Array.from(values, (v) => Math.fround(v / max)) };
}

const sumRef = (a) => a.reduce((s, v) => (s + v) >>> 0, 0);
const doublesRef = (n) => Uint32Array.from({ length: n }, (_, i) => (2 * i) >>> 0);
const bytesRef = (n) => Uint8Array.from({ length: n }, (_, i) => i & 255);
const isI32 = (v) => typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31;

/**
 * Element counts no wasm32 memory can hold: 4 GiB − 4 bytes and 16 GiB of
 * u32. (Any one request above 2 GiB − 1 is refused: that is isize::MAX on
 * wasm32, Rust's cap on a single allocation; see RELIABILITY.md.)
 */
const HUGE_U32_LENGTHS = [1073741823, 4294967295];

export async function hardeningCases({
  bindgen: m,
  toolkit: T,
  rawBytes,
  bindgenExports,
  externrefsLive,
  fc,
  runs = 1000,
  growthRounds = 1000,
  soakCalls = 10000,
  refusedCalls = 10000,
}) {
  const memory = (await bindgenExports()).memory;
  // One-time allocations (wasm-bindgen's externref slab) happen on first
  // use; make them before any baseline, on the general path too (100
  // elements: past the small-array path).
  m.normalize(new Float32Array(100).fill(1));
  m.add(1, 2);
  m.processString('warm');
  try {
    m.greet(Symbol('warm'));
  } catch {
    /* a TypeError, as documented */
  }
  // ---- generators -----------------------------------------------------------
  const anyString = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 40 }), // every code point, incl. non-BMP
    fc.string({ unit: fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)), maxLength: 6 }), // lone surrogates
    fc.string({ unit: fc.constantFrom('a', 'z', 'A', '\u0000', 'ß', '\ud83e\udd80', '\ud800'), maxLength: 20 }),
  );
  const special32 = fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1e-45, -1e-45, 1.1754942e-38, 3.4028235e38, -3.4028235e38);
  const anyF32 = fc.oneof(fc.float(), special32);
  const f32Array = fc.array(anyF32, { maxLength: 48 }).map((a) => Float32Array.from(a));
  const u32Array = fc.array(fc.nat({ max: 0xffffffff }), { maxLength: 48 }).map((a) => Uint32Array.from(a));
  // A Proxy whose traps throw, or a revoked Proxy, is refused like any
  // wrong value and leaves nothing behind: no live bytes, no externref slot
  // (issue #15, finding F6; they used to leak a slot each).
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const trapAll = {
    get() {
      throw new Error('trap');
    },
    getPrototypeOf() {
      throw new Error('trap');
    },
    has() {
      throw new Error('trap');
    },
  };
  const proxyKinds = [revoked.proxy, new Proxy({}, trapAll), new Proxy(new Float32Array(2), trapAll), new Proxy(new Uint32Array(2), {})];
  const hostile = [
    new Float64Array(2),
    new Int32Array(2),
    [1, 2],
    new ArrayBuffer(4),
    new DataView(new ArrayBuffer(4)),
    ...proxyKinds,
    Object.create(null),
    { constructor: 5 },
    { constructor: { name: 7 } },
    { toString: {} },
    3n,
    Symbol('s'),
  ];
  // Hostile values travel through fast-check as references, so that its own
  // reporting never touches a trap; each property unwraps them first.
  class HostileRef {
    constructor(i) {
      this.i = i;
    }
    [fc.toStringMethod]() {
      return `hostile[${this.i}]`;
    }
  }
  const real = (v) => (v instanceof HostileRef ? hostile[v.i] : v);
  const wrong = fc.oneof(
    fc.anything(),
    fc.integer({ min: 0, max: hostile.length - 1 }).map((i) => new HostileRef(i)),
  );
  /** `v instanceof Class` without running a Proxy's traps. */
  const isA = (v, Class) => ArrayBuffer.isView(v) && v instanceof Class;
  const lengthArg = fc.oneof(fc.nat({ max: 300 }), fc.constantFrom(...HUGE_U32_LENGTHS, -1, 1.5, NaN, Infinity, 2 ** 32, 2 ** 53), wrong);

  const property = (arb, check) => () =>
    fc.assert(
      fc.property(arb, (...args) => check(...args.map((a) => (Array.isArray(a) ? a.map(real) : real(a))))),
      { numRuns: runs },
    );

  // After any call, good or bad, the instance behaves as a fresh one: the
  // same answer to a known call, and nothing left allocated.
  const baseline = () => ({ ...m.heapStats(), externrefs: externrefsLive() });
  const healthy = (before) => {
    eq(m.processString('ok'), 'ok_processed', 'canary call after the generated one');
    const after = m.heapStats();
    eq(after.liveAllocations, before.liveAllocations, 'live allocations after the call');
    eq(after.liveBytes, before.liveBytes, 'live bytes after the call');
    eq(externrefsLive(), before.externrefs, 'externref slots after the call');
  };

  /** Calls `fn`; a throw must be one of the documented error classes. */
  const outcome = (fn, ...Documented) => {
    try {
      return { value: fn() };
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) throw new Error(`trapped: ${e.message}`);
      ok(
        Documented.some((C) => e instanceof C),
        `a documented error (${Documented.map((C) => C.name)}), got ${e?.name}: ${e?.message}`,
      );
      return { error: e };
    }
  };

  const stringApi = (name, ref) =>
    property(fc.oneof(anyString, wrong), (input) => {
      const before = baseline();
      const r = outcome(() => m[name](input), TypeError);
      if (typeof input === 'string') eq(r.value, ref(input), `${name}(${JSON.stringify(input)})`);
      else ok(r.error instanceof TypeError && /must be a string/.test(r.error.message), `${name}: TypeError for a ${typeof input}`);
      healthy(before, input);
    });

  const cases = [
    [
      'bindgen: typed arrays whose own length property lies or throws are read by their real length, without leaks',
      () => {
        const before = baseline();
        for (const define of [
          { value: 5 },
          { value: 0 },
          {
            get() {
              throw new Error('boom');
            },
          },
          {
            get: (() => {
              let n = 0;
              return () => (n++ % 2 ? 9 : 3);
            })(),
          },
        ]) {
          const f = new Float32Array([1, 2, 4]);
          Object.defineProperty(f, 'length', define);
          eq(m.normalize(f), true, 'normalize');
          eq(Array.from(new Float32Array(f.buffer)), [0.25, 0.5, 1], 'normalized in place, all three elements');
          eq(
            Array.from(m.normalizeArray(new Float32Array(f.buffer))),
            [0.5, 1, 2].map((x) => x / 2),
            'normalizeArray',
          );
          const u = new Uint32Array([7, 8, 9]);
          Object.defineProperty(u, 'length', define);
          eq(m.sumU32(u), 24, 'sumU32');
          m.fillDoubles(u);
          eq(Array.from(new Uint32Array(u.buffer)), [0, 2, 4], 'fillDoubles');
          const b = new Uint8Array(3);
          Object.defineProperty(b, 'length', define);
          m.fillBuffer(b);
          eq(Array.from(new Uint8Array(b.buffer)), [0, 1, 2], 'fillBuffer');
          const buf = m.F32Buffer.from(f);
          eq(buf.length, 3, 'F32Buffer.from length');
          buf.free();
        }
        healthy(before);
      },
    ],
    ['bindgen greet: generated strings and wrong types', stringApi('greet', (s) => `Hello, ${wellFormed(s)}`)],
    ['bindgen processString', stringApi('processString', (s) => `${wellFormed(s)}_processed`)],
    ['bindgen echoSuffix', stringApi('echoSuffix', (s) => `${wellFormed(s)}_echo`)],
    ['bindgen asciiUppercase', stringApi('asciiUppercase', upper)],

    [
      'bindgen normalize and normalizeArray: NaN, ±Inf, -0, subnormals, wrong types',
      property(fc.oneof({ weight: 4, arbitrary: f32Array }, { weight: 1, arbitrary: wrong }), (input) => {
        const before = baseline();
        if (!isA(input, Float32Array)) {
          ok(outcome(() => m.normalize(input), TypeError).error instanceof TypeError, 'normalize: TypeError');
          ok(outcome(() => m.normalizeArray(input), TypeError).error instanceof TypeError, 'normalizeArray: TypeError');
          return healthy(before, input);
        }
        const expected = normalizeRef(input);
        const copy = input.slice();
        const scaled = m.normalize(copy);
        const r = outcome(() => m.normalizeArray(input), RangeError);
        if (expected.ok) {
          eq(scaled, true, 'normalize() result');
          eq(copy, expected.ok, 'normalize() in place');
          eq(r.value, expected.ok, 'normalizeArray()');
        } else {
          eq(scaled, false, 'normalize() refused');
          eq(copy, input, 'normalize() left the array unchanged');
          eq(r.error?.kind, expected.kind, 'normalizeArray() error kind');
        }
        healthy(before);
      }),
    ],

    [
      'bindgen sumU32, fillDoubles, fillBuffer: generated arrays and wrong types',
      property(fc.oneof(u32Array, wrong), (input) => {
        const before = baseline();
        if (isA(input, Uint32Array)) {
          eq(m.sumU32(input), sumRef(Array.from(input)), 'sumU32');
          const slots = input.slice();
          m.fillDoubles(slots);
          eq(slots, doublesRef(input.length), 'fillDoubles');
          const bytes = new Uint8Array(input.length);
          m.fillBuffer(bytes);
          eq(bytes, bytesRef(input.length), 'fillBuffer');
        } else {
          for (const f of ['sumU32', 'fillDoubles']) ok(outcome(() => m[f](input), TypeError).error instanceof TypeError, `${f}: TypeError`);
          if (!isA(input, Uint8Array)) ok(outcome(() => m.fillBuffer(input), TypeError).error instanceof TypeError, 'fillBuffer: TypeError');
        }
        healthy(before, input);
      }),
    ],

    [
      'bindgen makeNumberArray, new F32Buffer, new U32Buffer: lengths from 0 to past 4 GiB, and wrong types',
      property(lengthArg, (len) => {
        const before = baseline();
        const valid = typeof len === 'number' && Number.isInteger(len) && len >= 0 && len <= 0xffffffff;
        const r = outcome(() => m.makeNumberArray(len), RangeError, TypeError);
        if (valid && len <= 300) eq(r.value, doublesRef(len), `makeNumberArray(${len})`);
        else {
          ok(r.error instanceof RangeError || r.error instanceof TypeError, 'makeNumberArray refused a bad length');
          if (valid) eq([r.error.kind, r.error.requestedBytes], ['out-of-memory', len * 4], 'the out-of-memory error says what was asked');
        }
        for (const Class of [m.F32Buffer, m.U32Buffer]) {
          const b = outcome(() => new Class(len), RangeError, TypeError);
          if (valid && len <= 300) {
            eq([b.value.length, Array.from(b.value.view()).every((x) => x === 0)], [len + 0 /* -0 is 0 */, true], `new ${Class.name}(${len})`);
            b.value.free();
          } else ok(b.error, `new ${Class.name}(${typeof len === 'symbol' ? 'a symbol' : typeof len}) refused`);
        }
        healthy(before, len);
      }),
    ],

    [
      'bindgen add and scaleAndAdd: i32 wrapping, fractions and wrong types refused',
      property(fc.tuple(fc.oneof(fc.integer(), fc.double(), wrong), fc.oneof(fc.integer(), fc.double()), fc.integer()), ([a, b, f]) => {
        const before = baseline();
        const r = outcome(() => m.add(a, b), RangeError, TypeError);
        const s = outcome(() => m.scaleAndAdd(a, b, f), RangeError, TypeError);
        if (isI32(a) && isI32(b)) {
          eq(r.value, (a + b) | 0, `add(${a}, ${b})`);
          eq(s.value, Math.imul((a + b) | 0, f), `scaleAndAdd(${a}, ${b}, ${f})`);
        } else {
          ok(r.error && s.error, 'add/scaleAndAdd refused a non-i32 argument');
        }
        healthy(before, a, b);
      }),
    ],

    [
      'bindgen F32Buffer/U32Buffer: generated contents, in-place operations, use after free',
      property(fc.tuple(f32Array, u32Array), ([fs, us]) => {
        const before = baseline();
        const f = m.F32Buffer.from(fs);
        const expected = normalizeRef(fs);
        eq(f.normalize(), Boolean(expected.ok), 'F32Buffer.normalize()');
        eq(f.view(), expected.ok ?? fs, 'F32Buffer contents');
        const u = m.U32Buffer.from(us);
        eq(u.sum(), sumRef(Array.from(us)), 'U32Buffer.sum()');
        u.fillDoubles();
        eq(u.view(), doublesRef(us.length), 'U32Buffer.fillDoubles()');
        f.free();
        u.free();
        for (const b of [f, u]) {
          let error;
          try {
            b.view();
          } catch (e) {
            error = e;
          }
          eq(error?.name, 'UseAfterFreeError', 'use after free');
        }
        healthy(before);
      }),
    ],
  ];

  // ---- the raw toolkit ------------------------------------------------------
  const rawHealthy = (raw, before) => {
    eq(raw.processString('ok'), 'ok_processed', 'canary call after the generated one');
    const after = raw.heapStats();
    eq([after.liveBytes, after.hostBlocks], [before.liveBytes, before.hostBlocks], 'live heap after the call');
  };
  const withRaw = async (f) => {
    const raw = await T.instantiate(await rawBytes());
    raw.greet(''); // the registry's first node, kept for the instance's life
    return f(raw);
  };

  cases.push(
    [
      'raw toolkit: generated strings, arrays and lengths',
      () =>
        withRaw((raw) =>
          fc.assert(
            fc.property(anyString, f32Array, u32Array, fc.oneof(fc.nat({ max: 300 }), fc.constantFrom(...HUGE_U32_LENGTHS)), (s, fs, us, len) => {
              const before = raw.heapStats();
              eq(raw.processString(s), `${wellFormed(s)}_processed`, 'processString');
              eq(raw.echoSuffix(s), `${wellFormed(s)}_echo`, 'echoSuffix');
              eq(raw.greet(s), `Hello, ${wellFormed(s)}`, 'greet');
              eq(raw.asciiUppercase(s), upper(s), 'asciiUppercase');
              const expected = normalizeRef(fs);
              let error;
              let got;
              try {
                got = raw.normalizeNumbers(fs.slice());
              } catch (e) {
                error = e;
              }
              if (expected.ok) eq(got, expected.ok, 'normalizeNumbers');
              else
                ok(
                  error instanceof T.RawError && [T.Status.ZERO_LENGTH, T.Status.CANNOT_NORMALIZE].includes(error.code),
                  `normalizeNumbers refused with a status, got ${error}`,
                );
              eq(raw.sumU32(us), sumRef(Array.from(us)), 'sumU32');
              if (len <= 300) {
                eq(raw.makeNumberArray(len), doublesRef(len), 'makeNumberArray');
                eq(raw.fillBuffer(len), bytesRef(len), 'fillBuffer');
              } else {
                // The same number of bytes, not elements, for fillBuffer.
                for (const [f, n] of [
                  ['makeNumberArray', len],
                  ['fillBuffer', Math.min(len * 4, 0xffffffff)],
                ]) {
                  let e;
                  try {
                    raw[f](n);
                  } catch (x) {
                    e = x;
                  }
                  ok(e instanceof T.OutOfMemoryError || e instanceof RangeError, `${f}(${n}): OutOfMemoryError or RangeError, got ${e}`);
                }
              }
              rawHealthy(raw, before);
            }),
            { numRuns: Math.max(1, Math.round(runs / 4)) },
          ),
        ),
    ],

    [
      'raw exports: arbitrary (ptr, len) pairs never trap and never change the heap',
      () =>
        withRaw((raw) => {
          const ex = raw.exports;
          const live = raw.alloc(64, 8); // one real block among the arbitrary addresses
          const scratch = ex.rwm_kit_scratch() >>> 0;
          const SCRATCH = 16384;
          const addr = fc.oneof(
            fc.nat({ max: 0xffffffff }),
            fc.constantFrom(0, 1, 4, live.ptr, live.ptr + 1, live.ptr + 60, live.ptr + 64, 0xfffffffc, scratch, scratch + SCRATCH - 4, scratch + SCRATCH),
            fc.nat({ max: ex.memory.buffer.byteLength }),
          );
          const len = fc.oneof(fc.nat({ max: 0xffffffff }), fc.constantFrom(0, 1, 16, 17, 0x40000000, 0xffffffff));
          fc.assert(
            fc.property(
              addr,
              len,
              fc.constantFrom('sum_u32', 'fill_doubles', 'make_number_array', 'fill_buffer', 'normalize_numbers', 'free_buffer', 'debug_ptr'),
              (p, n, f) => {
                fc.pre(!(f === 'free_buffer' && p === live.ptr)); // would really free the block
                const before = raw.heapStats();
                const snapshot = new Uint8Array(ex.memory.buffer, live.ptr, 64).slice();
                let status;
                try {
                  status = ex[f](p, n);
                } catch (e) {
                  throw new Error(`${f}(${p}, ${n}) trapped: ${e}`);
                }
                if (f === 'sum_u32') status = ex.last_status();
                const unit = ['fill_buffer', 'free_buffer', 'debug_ptr'].includes(f) ? 1 : 4;
                // The kit's scratch area is always a valid range too.
                const within = (at, size) => p >= at && p % unit === 0 && p + n * unit <= at + size;
                const inside = within(live.ptr, 64) || within(scratch, SCRATCH);
                // A non-empty range that is not inside a live block is refused.
                if (!inside && n > 0 && f !== 'debug_ptr') ok(status < 0, `${f}(${p}, ${n}) outside the live block must be refused, got ${status}`);
                if (f === 'free_buffer') ok(status < 0, `free_buffer(${p}, ${n}) of something never handed out: refused`);
                if (!inside) eq(new Uint8Array(ex.memory.buffer, live.ptr, 64), snapshot, 'the live block is untouched by a refused call');
                const after = raw.heapStats();
                eq([after.liveBytes, after.hostBlocks], [before.liveBytes, before.hostBlocks], `${f}(${p}, ${n}): heap`);
              },
            ),
            { numRuns: runs },
          );
          live.free();
        }),
    ],
  );

  // ---- growth ---------------------------------------------------------------
  cases.push(
    [
      `growth: ${growthRounds} rounds of memory.grow between taking a view and using it (toolkit)`,
      async () => {
        let stale = 0;
        // A fresh instance every 1000 rounds keeps each memory under 70 MiB.
        for (let start = 0; start < growthRounds; start += 1000) {
          await withRaw((raw) => {
            const block = raw.alloc(64 * 4, 4);
            const view = block.view(Uint32Array);
            for (let round = start; round < Math.min(start + 1000, growthRounds); round++) {
              view.write(Uint32Array.from({ length: 64 }, (_, i) => round + i)); // write before growth
              raw.exports.memory.grow(1);
              if (view.get(63) !== round + 63) stale++; // read after growth
              view.set(0, round * 7); // write after growth: Rust must see it
              if (raw.callSum(block.ptr, 64) !== sumRef([round * 7, ...Array.from({ length: 63 }, (_, i) => round + i + 1)])) stale++;
            }
            block.free();
          });
        }
        eq(stale, 0, 'stale reads and writes');
      },
    ],
    [
      `growth: ${growthRounds} rounds of memory.grow between F32Buffer/U32Buffer.view() and use`,
      () => {
        let stale = 0;
        const f = new m.F32Buffer(64);
        const u = new m.U32Buffer(64);
        for (let round = 0; round < growthRounds; round++) {
          f.view().fill(round + 1);
          u.view().fill(round);
          memory.grow(1); // detaches every view taken so far
          const fv = f.view();
          const uv = u.view();
          if (fv[63] !== round + 1 || uv[63] !== round) stale++;
          uv[0] = 5;
          if (u.sum() !== (round * 63 + 5) >>> 0) stale++;
          if (!f.normalize() || f.view()[0] !== 1) stale++;
        }
        f.free();
        u.free();
        eq(stale, 0, 'stale reads and writes');
      },
    ],
  );

  // ---- out of memory --------------------------------------------------------
  cases.push([
    'out of memory: every allocating API refuses 3 GiB and more, then serves the next call',
    () =>
      withRaw((raw) => {
        const before = m.heapStats();
        const threeGiB = 3 * 2 ** 30;
        const expectOom = (what, fn) => {
          let error;
          try {
            fn();
          } catch (e) {
            error = e;
          }
          ok(error && !(error instanceof WebAssembly.RuntimeError), `${what}: refused without a trap`);
          ok(error.kind === 'out-of-memory' || error instanceof T.OutOfMemoryError, `${what}: an out-of-memory error, got ${error?.name}: ${error?.message}`);
          eq(m.processString('after'), 'after_processed', `${what}: the next call`);
          eq(raw.processString('after'), 'after_processed', `${what}: the next raw call`);
        };
        expectOom('makeNumberArray(3 GiB / 4)', () => m.makeNumberArray(threeGiB / 4));
        expectOom('new F32Buffer(3 GiB / 4)', () => new m.F32Buffer(threeGiB / 4));
        expectOom('new U32Buffer(3 GiB / 4)', () => new m.U32Buffer(threeGiB / 4));
        expectOom('toolkit alloc(3 GiB)', () => raw.alloc(threeGiB));
        expectOom('toolkit makeNumberArray(3 GiB / 4)', () => raw.makeNumberArray(threeGiB / 4));
        expectOom('toolkit fillBuffer(3 GiB)', () => raw.fillBuffer(threeGiB));
        eq(raw.exports.alloc(threeGiB, 1), 0, 'raw alloc(3 GiB) returns 0');
        eq(raw.exports.last_status(), T.Status.OUT_OF_MEMORY, 'and says why');
        const after = m.heapStats();
        eq([after.liveBytes, after.liveAllocations], [before.liveBytes, before.liveAllocations], 'nothing left allocated');
      }),
  ]);

  // ---- refused calls leak nothing --------------------------------------------
  //
  // Issue #15, class (e): every kind of refused argument (the Proxy kinds
  // among them, whose refusals used to leak an externref slot each until
  // the table was full), `refusedCalls` times, spread over every API that
  // takes an argument: each one a TypeError or RangeError, never a trap,
  // and live bytes, allocations and externref slots at baseline. (Errors
  // are made without stack traces here, V8's Error.stackTraceLimit = 0,
  // which makes a refused call about three times cheaper and changes
  // nothing else.)
  cases.push([
    `refused calls: ${refusedCalls} of every kind of wrong argument over every API, never a trap, live bytes and externref slots at baseline`,
    () => {
      const detached = new Float32Array(4);
      structuredClone(detached.buffer, { transfer: [detached.buffer] });
      const kinds = [...hostile, detached];
      const apis = [
        ['greet', (v) => m.greet(v)],
        ['processString', (v) => m.processString(v)],
        ['echoSuffix', (v) => m.echoSuffix(v)],
        ['asciiUppercase', (v) => m.asciiUppercase(v)],
        ['add', (v) => m.add(v, 1)],
        ['scaleAndAdd', (v) => m.scaleAndAdd(1, v, 1)],
        ['makeNumberArray', (v) => m.makeNumberArray(v)],
        ['new F32Buffer', (v) => new m.F32Buffer(v)],
        ['new U32Buffer', (v) => new m.U32Buffer(v)],
        ['normalize', (v) => m.normalize(v)],
        ['normalizeArray', (v) => m.normalizeArray(v)],
        ['sumU32', (v) => m.sumU32(v)],
        ['fillDoubles', (v) => m.fillDoubles(v)],
        ['fillBuffer', (v) => m.fillBuffer(v)],
        ['F32Buffer.from', (v) => m.F32Buffer.from(v)],
        ['U32Buffer.from', (v) => m.U32Buffer.from(v)],
      ];
      const refusedBy = (call, v) => {
        try {
          call(v);
        } catch (error) {
          return error;
        }
        return null;
      };
      let total = 0;
      for (const [k, v] of kinds.entries()) {
        // The APIs that refuse this kind (today every one does), then
        // round-robin over them.
        const refusing = apis.filter(([, call]) => refusedBy(call, v) !== null);
        ok(refusing.length > 0, `kind ${k} is refused somewhere`);
        const before = baseline();
        const n = refusedCalls;
        const traces = Error.stackTraceLimit;
        Error.stackTraceLimit = 0;
        try {
          for (let i = 0; i < n; i++) {
            const [name, call] = refusing[i % refusing.length];
            const error = refusedBy(call, v);
            if (!(error instanceof TypeError || error instanceof RangeError)) {
              throw new Error(`${name}(kind ${k}): call ${i} gave ${error?.name ?? 'no error'} (${error?.message}), not a TypeError or RangeError`);
            }
          }
        } finally {
          Error.stackTraceLimit = traces;
        }
        total += n;
        const after = m.heapStats();
        eq([after.liveBytes, after.liveAllocations], [before.liveBytes, before.liveAllocations], `kind ${k}: live bytes and allocations`);
        eq(externrefsLive(), before.externrefs, `kind ${k}: externref slots`);
      }
      eq(m.processString('ok'), 'ok_processed', `the instance answers after ${total} refused calls`);
    },
  ]);

  // ---- soak -----------------------------------------------------------------
  cases.push([
    `soak: ${soakCalls} mixed calls leave live bytes at baseline and memory flat`,
    () => {
      const ops = [
        () => m.processString('soak'),
        () => m.greet('soak'),
        () => m.asciiUppercase('soak me'),
        () => m.normalize(new Float32Array([1, 2, 3, 4])),
        () => m.normalizeArray(new Float32Array([2, 4])),
        () => m.sumU32(new Uint32Array([1, 2, 3])),
        () => m.makeNumberArray(32),
        () => {
          const b = m.F32Buffer.from(new Float32Array([1, 2]));
          b.normalize();
          b.free();
        },
        () => {
          try {
            m.normalizeArray(new Float32Array(0));
          } catch {
            /* documented refusal */
          }
        },
        () => {
          try {
            m.greet(42);
          } catch {
            /* documented refusal */
          }
        },
      ];
      const warmup = Math.min(10000, soakCalls / 10);
      for (let i = 0; i < warmup; i++) ops[i % ops.length]();
      const before = m.heapStats();
      const pagesBefore = memory.buffer.byteLength / 65536;
      for (let i = 0; i < soakCalls; i++) ops[(i * 7) % ops.length]();
      const after = m.heapStats();
      eq(after.liveBytes - before.liveBytes, 0, 'bytes leaked');
      eq(after.liveAllocations - before.liveAllocations, 0, 'allocations leaked');
      eq(memory.buffer.byteLength / 65536, pagesBefore, 'memory pages after warm-up');
    },
  ]);
  return cases;
}
