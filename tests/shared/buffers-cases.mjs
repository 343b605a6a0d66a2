// The zero-copy F32Buffer / U32Buffer of the idiomatic API, tested the same
// way in Node, Chromium and Firefox. `env.bindgen` is the package's main
// module, already initialised.
import { eq, ok, throws } from './check.mjs';

export function buffersCases({ bindgen: m, fc }) {
  const memory = () => m.initSync().memory;
  const dispose = Symbol.dispose ?? Symbol.for('Symbol.dispose');

  return [
    [
      'F32Buffer.view() is a Float32Array over wasm memory itself (no copy)',
      () => {
        const b = new m.F32Buffer(4);
        const v = b.view();
        ok(v instanceof Float32Array, 'a Float32Array');
        ok(v.buffer === memory().buffer, 'backed by memory.buffer');
        eq(v.byteOffset, b.ptr, 'at the buffer address');
        eq(Array.from(v), [0, 0, 0, 0], 'zeroed');
        v.set([1, 2, 4, 8]);
        eq(b.normalize(), true);
        eq(Array.from(b.view()), [0.125, 0.25, 0.5, 1], 'normalized in place');
        b.free();
      },
    ],

    [
      'F32Buffer.normalize matches the copying normalize on the same data',
      () => {
        const data = new Float32Array([3, -7, NaN, 11, -Infinity, 0.5]);
        const copy = data.slice();
        eq(m.normalize(copy), true);
        const b = m.F32Buffer.from(data);
        eq(b.normalize(), true);
        eq(b.view().slice(), copy);
        b.free();
        const z = m.F32Buffer.from(new Float32Array([0, 0]));
        eq(z.normalize(), false, 'maximum 0: unchanged');
        z.free();
      },
    ],

    [
      'normalizePeak divides by the largest magnitude (unlike normalize), in place, with and without a copy',
      () => {
        // The tutorial's normalize on a signal in [-0.3, 0.3] leaves it
        // below -1; peak normalization puts it in [-1, 1].
        const signal = new Float32Array([-0.3, 0.1, 0.2]);
        const tutorial = signal.slice();
        eq(m.normalize(tutorial), true);
        ok(tutorial[0] < -1, `normalize: ${tutorial[0]} below -1`);
        const peak = signal.slice();
        eq(m.normalizePeak(peak), true);
        eq(Array.from(peak), [-1, Math.fround(Math.fround(0.1) / Math.fround(0.3)), Math.fround(Math.fround(0.2) / Math.fround(0.3))]);
        // Random signals, NaN and infinities included: against a plain JS
        // reference (f64 division rounded to f32 is the f32 quotient).
        let seed = 7;
        const next = () => {
          seed = (seed * 1103515245 + 12345) >>> 0;
          return (seed / 2 ** 32) * 2 - 1;
        };
        for (let round = 0; round < 300; round++) {
          const n = round % 70;
          const values = Float32Array.from({ length: n }, (_, i) =>
            i === 3 && round % 11 === 0 ? NaN : i === 5 && round % 13 === 0 ? -Infinity : next() * 10 ** ((round % 9) - 4),
          );
          let p = Number.NEGATIVE_INFINITY;
          for (const v of values) if (Math.abs(v) > p) p = Math.abs(v);
          const usable = Number.isFinite(p) && p !== 0;
          const expected = usable ? values.map((v) => v / p) : values.slice();
          const copy = values.slice();
          eq(m.normalizePeak(copy), usable, `normalizePeak n=${n} round ${round}: result`);
          eq(copy, expected, `normalizePeak n=${n} round ${round}`);
          ok(
            copy.every((v) => Number.isNaN(v) || !usable || (v >= -1 && v <= 1)),
            'in [-1, 1]',
          );
          const b = m.F32Buffer.from(values);
          eq(b.normalizePeak(), usable, 'F32Buffer.normalizePeak result');
          eq(b.view().slice(), expected, 'F32Buffer.normalizePeak in place');
          // A view of wasm memory as the argument: written back in place.
          eq(m.normalizePeak(b.view()), usable, 'normalizePeak(view) result');
          b.free();
        }
        throws(() => m.normalizePeak(new Float64Array(2)), TypeError, /normalizePeak: values must be a Float32Array, got Float64Array/);
        throws(() => m.normalizePeak([1, 2]), TypeError, /normalizePeak/);
      },
    ],

    [
      'U32Buffer.sum and fillDoubles match sumU32 and makeNumberArray',
      () => {
        const b = m.U32Buffer.from(new Uint32Array([1, 2, 0xffffffff]));
        eq(b.sum(), m.sumU32(new Uint32Array([1, 2, 0xffffffff])));
        b.fillDoubles();
        eq(b.view().slice(), m.makeNumberArray(3));
        eq(b.length, 3);
        b.free();
      },
    ],

    [
      'a view taken before memory.grow is detached; view() again is current',
      () => {
        const b = m.U32Buffer.from(new Uint32Array([5, 6, 7]));
        const old = b.view();
        memory().grow(1);
        eq(old.length, 0, 'the engine detached the old view');
        eq(Array.from(b.view()), [5, 6, 7], 'a fresh view sees the data');
        eq(b.sum(), 18);
        b.free();
      },
    ],

    [
      // Finding F8: a view taken before free() read and wrote the memory the
      // allocator gave to the next buffer.
      'free() detaches the views a buffer handed out: they never reach the next owner',
      () => {
        for (const [Class, Type] of [
          [m.F32Buffer, Float32Array],
          [m.U32Buffer, Uint32Array],
        ]) {
          const a = new Class(3);
          const view = a.view();
          view.set([1, 2, 3]);
          const other = Class.from(new Type([7, 8]));
          const otherView = other.view();
          a.free();
          eq(view.length, 0, `${Class.name}: the old view is detached`);
          eq(view[0], undefined, 'it reads undefined');
          eq(otherView.length, 0, 'views of other buffers are detached too (take them again)');
          const b = Class.from(new Type([100, 200, 300]));
          view[0] = 1;
          eq(Array.from(b.view()), [100, 200, 300], 'a write through the old view is dropped');
          throws(() => view.set([9]), TypeError);
          throws(() => view.fill(9), TypeError);
          eq(Array.from(b.view()), [100, 200, 300], 'the next owner keeps its data');
          eq(Array.from(other.view()), [7, 8], 'the other buffer keeps its data');
          b.free();
          other.free();
        }
        const plain = new m.U32Buffer(2);
        const kept = m.U32Buffer.from(new Uint32Array([4, 5]));
        plain.free();
        eq(kept.sum(), 9, 'a buffer freed with no view taken frees as before');
        kept.free();
      },
    ],

    [
      // Issue #15's smaller finding: the general path allocates before it
      // copies, and growth detached an argument that was a view of the
      // instance's own memory.
      'a view of wasm memory as the argument works when the call itself grows memory',
      () => {
        let grown = 0;
        for (let n = memory().buffer.byteLength / 4 + 4096, round = 0; round < 4 && grown < 3; n *= 2, round++) {
          const b = new m.F32Buffer(n);
          const v = b.view();
          v.fill(2);
          v[1] = 4;
          const before = memory().buffer;
          eq(m.normalize(v), true, 'normalize(view)');
          grown += memory().buffer !== before ? 1 : 0;
          const after = b.view();
          eq([after[0], after[1], after[n - 1]], [0.5, 1, 0.5], 'normalized in place, at the same addresses');
          const u = m.U32Buffer.from(new Uint32Array(n).fill(1));
          const uv = u.view();
          eq(m.sumU32(uv), n, 'sumU32(view)');
          m.fillDoubles(u.view());
          eq([u.view()[0], u.view()[5], u.view()[n - 1]], [0, 10, 2 * (n - 1)], 'fillDoubles(view)');
          const c = m.F32Buffer.from(b.view());
          eq(c.view()[1], 1, 'F32Buffer.from(view)');
          eq(m.normalizeArray(b.view())[1], 1, 'normalizeArray(view)');
          c.free();
          u.free();
          b.free();
        }
        ok(grown > 0, `at least one call grew memory (${grown})`);
      },
    ],

    [
      // The small path (at most 64 elements, src/small.rs) copies through
      // views of a scratch area, which memory growth detaches; the call
      // that finds its view detached takes the general path, and the next
      // one makes the views again.
      'the small path gives the same results across memory growth, for each function and size',
      () => {
        const u32 = (n, f) => Uint32Array.from({ length: n }, (_, k) => f(k));
        for (let round = 0; round < 6; round++) {
          for (const n of [1, 2, 15, 16, 17, 40, 64]) {
            if ((round + n) % 3 === 0) memory().grow(1);
            const doubles = new Uint32Array(n).fill(7);
            m.fillDoubles(doubles);
            eq([...doubles], [...u32(n, (k) => 2 * k)], `fillDoubles, ${n} elements, round ${round}`);
            eq(m.sumU32(u32(n, (k) => k + round)), (n * (n - 1)) / 2 + n * round, `sumU32, ${n} elements, round ${round}`);
            const f = Float32Array.from({ length: n }, (_, k) => k + 1);
            eq(m.normalize(f), true, `normalize, ${n} elements, round ${round}`);
            eq([f[0], f[n - 1]], [Math.fround(1 / n), 1], `normalized, ${n} elements, round ${round}`);
          }
        }
      },
    ],

    [
      'wrong arguments throw TypeError or RangeError',
      () => {
        throws(() => m.F32Buffer.from([1, 2]), TypeError, /F32Buffer.from: values must be a Float32Array, got Array/);
        throws(() => m.U32Buffer.from(new Float32Array(1)), TypeError, /got Float32Array/);
        throws(() => new m.F32Buffer(-1), RangeError, /length must be an integer from 0 to 1073741823, got -1/);
        throws(() => new m.U32Buffer(1.5), RangeError, /got 1.5/);
        throws(() => new m.F32Buffer(1073741823), RangeError, /cannot allocate 4294967292 bytes/);
        const ok1 = new m.F32Buffer(1); // the module still works
        ok1.free();
      },
    ],

    [
      // Issue #15, findings F4/F4b: a copy of a handle (assign, spread,
      // Object.create) passed `instanceof` and reached Rust with a freed
      // pointer; a method called on another class read the wrong type.
      'copies, look-alikes and other classes are refused before Rust sees a pointer',
      () => {
        const a = m.F32Buffer.from(new Float32Array([1, 2, 4]));
        const u = new m.U32Buffer(2);
        const copies = [Object.assign(Object.create(m.F32Buffer.prototype), a), Object.create(a), { ...a }, Object.create(m.F32Buffer.prototype)];
        a.free();
        for (const copy of copies) {
          for (const call of [() => copy.length, () => copy.normalize?.(), () => copy.view?.(), () => copy.free?.()]) {
            let error;
            try {
              call();
            } catch (e) {
              error = e;
            }
            ok(error === undefined ? !(copy instanceof m.F32Buffer) : error instanceof TypeError, `a copy is refused with a TypeError, got ${error?.name}`);
          }
        }
        throws(() => m.F32Buffer.prototype.normalize.call(u), TypeError, /this is not an F32Buffer/);
        throws(() => m.U32Buffer.prototype.sum.call(m.F32Buffer.from(new Float32Array(1))), TypeError, /this is not a U32Buffer/);
        ok(m.F32Buffer.prototype.view.call(u) instanceof Uint32Array, "a U32Buffer's view is its own, whichever prototype lends the method");
        u.free();
      },
    ],

    [
      // Issue #15: a detached (transferred) array got the engine's bare
      // TypeError, which names no function, and kept an externref slot.
      'a detached typed array is refused with a TypeError naming the function, on either path',
      () => {
        const detached = (Type, n) => {
          const a = new Type(n);
          structuredClone(a.buffer, { transfer: [a.buffer] });
          return a;
        };
        for (const n of [4, 100]) {
          for (const [name, call] of [
            ['normalize', () => m.normalize(detached(Float32Array, n))],
            ['normalizeArray', () => m.normalizeArray(detached(Float32Array, n))],
            ['sumU32', () => m.sumU32(detached(Uint32Array, n))],
            ['fillDoubles', () => m.fillDoubles(detached(Uint32Array, n))],
            ['fillBuffer', () => m.fillBuffer(detached(Uint8Array, n))],
            ['F32Buffer.from', () => m.F32Buffer.from(detached(Float32Array, n))],
          ]) {
            throws(call, TypeError, new RegExp(`^${name.replace('.', '\\.')}: values is a typed array whose buffer was detached`));
          }
        }
        eq(m.sumU32(new Uint32Array(0)), 0, 'an empty array is still an empty array');
        eq(m.normalize(new Float32Array(0)), false, 'and normalize leaves it, as documented');
      },
    ],

    [
      'use after free throws UseAfterFreeError naming the method',
      () => {
        const b = new m.F32Buffer(2);
        b.free();
        for (const [f, what] of [
          [() => b.normalize(), 'normalize()'],
          [() => b.view(), 'view()'],
          [() => b.length, 'length'],
          [() => b.free(), 'free'],
        ]) {
          const e = throws(f, Error, new RegExp(`^F32Buffer\\.${what.replace(/[()]/g, '\\$&')}: this F32Buffer was already freed`));
          eq(e.name, 'UseAfterFreeError');
        }
        const u = new m.U32Buffer(1);
        u.free();
        throws(() => u.sum(), Error, /U32Buffer.sum\(\): this U32Buffer was already freed/);
      },
    ],

    [
      'dispose frees once; dispose after free is a no-op; nothing leaks',
      () => {
        const warm = new m.F32Buffer(8);
        warm.free();
        const before = m.heapStats().liveBytes;
        for (let i = 0; i < 1000; i++) {
          const a = new m.F32Buffer(64);
          a[dispose]();
          a[dispose]();
          const b = m.U32Buffer.from(new Uint32Array(16));
          b.free();
          b[dispose]();
        }
        eq(m.heapStats().liveBytes, before, 'live bytes back at baseline');
      },
    ],

    // ---- the copy API's small-array path (src/small.rs) -------------------
    [
      'small arrays: sumU32, fillDoubles and normalize agree with the general path at every length 0…65 and 200',
      () => {
        const bits = (f32) => new Uint32Array(f32.buffer, f32.byteOffset, f32.length);
        const specials = [NaN, -0, Infinity, -Infinity, 1e-45, 3.4028234663852886e38, -2.5];
        for (const n of [...Array(66).keys(), 200]) {
          const u = Uint32Array.from({ length: n }, (_, i) => (i * 2654435761 + 0xfffffff0) >>> 0);
          eq(
            m.sumU32(u),
            u.reduce((a, b) => (a + b) >>> 0, 0),
            `sumU32 n=${n}`,
          );
          const filled = new Uint32Array(n).fill(7);
          m.fillDoubles(filled);
          eq(
            filled,
            Uint32Array.from({ length: n }, (_, i) => 2 * i),
            `fillDoubles n=${n}`,
          );
          for (const variant of ['plain', 'specials', 'zero']) {
            const f = Float32Array.from({ length: n }, (_, i) =>
              variant === 'zero' ? 0 : variant === 'specials' && i % 5 === 0 ? specials[i % specials.length] : ((i * 37) % 101) - 20,
            );
            if (variant === 'specials' && n > 3) bits(f)[3] = 0x7fc01234; // a NaN with a payload
            const copy = f.slice();
            const buffer = m.F32Buffer.from(f);
            const scaled = m.normalize(copy);
            eq(scaled, buffer.normalize(), `normalize n=${n} (${variant}): result`);
            eq(bits(copy), bits(buffer.view().slice()), `normalize n=${n} (${variant}): the same bits, NaN payloads included`);
            buffer.free();
          }
        }
      },
    ],

    [
      'small arrays: up to 64 elements the copy API allocates nothing, also after memory growth; 65 takes the general path',
      () => {
        const u = new Uint32Array(64).fill(3);
        const f = new Float32Array(64).fill(2);
        m.sumU32(u); // first use makes the views
        // Growth detaches them: the next call finds out by its failed copy
        // and takes the general path, and the small path is back after it
        // (for all three functions: they share the scratch area).
        memory().grow(1);
        m.sumU32(u);
        const before = m.heapStats();
        for (let i = 0; i < 1000; i++) {
          m.sumU32(u);
          m.fillDoubles(u);
          m.normalize(f);
        }
        eq(m.heapStats().totalAllocations, before.totalAllocations, 'no heap allocation for 64 elements');
        m.sumU32(new Uint32Array(65));
        eq(m.heapStats().totalAllocations, before.totalAllocations + 1, 'one allocation for 65 elements');
        // The first call of each after growth (its copy through the view
        // an earlier call of that length made, now detached, fails, and the
        // general path answers) and the next one.
        for (const [name, call, want] of [
          ['sumU32 of 17', () => m.sumU32(new Uint32Array(17).fill(3)), 51],
          [
            'fillDoubles',
            () => {
              const a = new Uint32Array(5).fill(9);
              m.fillDoubles(a);
              return Array.from(a);
            },
            [0, 2, 4, 6, 8],
          ],
          [
            'normalize',
            () => {
              const a = new Float32Array([1, 4, 2]);
              return [m.normalize(a), Array.from(a)];
            },
            [true, [0.25, 1, 0.5]],
          ],
        ]) {
          eq(call(), want, `${name}: before growth`);
          memory().grow(1);
          eq(call(), want, `${name}: the first call after growth`);
          eq(call(), want, `${name}: the next call`);
        }
      },
    ],

    [
      "small arrays: a typed array or DataView given another class's prototype gets the same result or TypeError on the small path as on the general path (property)",
      () => {
        // What both paths must do, whatever the length: take a value that
        // is a typed array of numbers by its internal slot and an instance
        // of the parameter's class by its prototype (converting elements
        // as %TypedArray%.prototype.set does); refuse anything else with a
        // TypeError that names the function and what the value really is.
        const slots = [
          Int8Array,
          Uint8Array,
          Uint8ClampedArray,
          Int16Array,
          Uint16Array,
          Int32Array,
          Uint32Array,
          Float32Array,
          Float64Array,
          BigInt64Array,
          BigUint64Array,
          DataView,
        ];
        class MyU32 extends Uint32Array {}
        class MyF32 extends Float32Array {}
        const protos = [Uint32Array, Float32Array, MyU32, MyF32, Float64Array, null];
        const numbers = (Slot) => Slot !== DataView && Slot !== BigInt64Array && Slot !== BigUint64Array;
        const make = (Slot, Proto, raw) => {
          const value =
            Slot === DataView
              ? new DataView(new ArrayBuffer(raw.length * 4))
              : Slot === BigInt64Array || Slot === BigUint64Array
                ? Slot.from(raw, (x) => BigInt(Math.trunc(x)))
                : Slot.from(raw);
          if (Proto !== null) Object.setPrototypeOf(value, Proto.prototype);
          return value;
        };
        // The element conversion both paths promise: through a genuine
        // array of the parameter's class and back into the value's slot.
        const into = (Class, value) => {
          const out = new Class(value.length);
          Float64Array.prototype.set.call(out, value);
          return out;
        };
        const functions = {
          sumU32: { Class: Uint32Array, run: (v) => m.sumU32(v), model: (v) => into(Uint32Array, v).reduce((a, b) => (a + b) >>> 0, 0) },
          fillDoubles: {
            Class: Uint32Array,
            run: (v) => m.fillDoubles(v),
            model: (v) => {
              Float64Array.prototype.set.call(
                v,
                Uint32Array.from({ length: v.length }, (_, i) => 2 * i),
              );
            },
          },
          normalize: {
            Class: Float32Array,
            run: (v) => m.normalize(v),
            model: (v) => {
              const genuine = into(Float32Array, v);
              const result = m.normalize(genuine);
              if (result) Float64Array.prototype.set.call(v, genuine);
              return result;
            },
          },
        };
        const outcome = (run, value) => {
          try {
            const result = run(value);
            return { result, elements: value instanceof DataView ? null : Array.from(value, String) };
          } catch (error) {
            return { error: `${error?.constructor?.name}: ${error?.message}` };
          }
        };
        fc.assert(
          fc.property(
            fc.constantFrom(...slots),
            fc.constantFrom(...protos),
            fc.constantFrom(...Object.keys(functions)),
            fc.array(fc.oneof(fc.integer({ min: -300, max: 70000 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { maxLength: 80 }),
            (Slot, Proto, name, raw) => {
              const { Class, run, model } = functions[name];
              const value = make(Slot, Proto, raw);
              const accepted = numbers(Slot) && value instanceof Class;
              const got = outcome(run, value);
              if (!accepted) {
                eq(
                  got.error?.startsWith(`TypeError: ${name}: values must be a ${Class.name}, got `),
                  true,
                  `${name} refuses ${Slot.name} with ${Proto?.name ?? 'its own'} prototype: ${got.error}`,
                );
                return;
              }
              const expected = make(Slot, Proto, raw);
              const want = outcome(model, expected);
              eq(got, want, `${name}(${Slot.name} with ${Proto?.name ?? 'its own'} prototype, ${raw.length} elements)`);
            },
          ),
          { numRuns: 3000 },
        );
      },
    ],

    [
      'small arrays: correct after memory.grow, with subclasses and views of wasm memory, and wrong types still refused',
      () => {
        for (let round = 1; round <= 50; round++) {
          memory().grow(1); // detaches the scratch views
          eq(m.sumU32(new Uint32Array([round, 1])), round + 1, `round ${round}`);
        }
        class Mine extends Uint32Array {}
        eq(m.sumU32(new Mine([1, 2, 3])), 6, 'a subclass');
        const b = m.F32Buffer.from(new Float32Array([1, 2, 4]));
        eq(m.normalize(b.view()), true, 'a view of wasm memory itself');
        eq(Array.from(b.view()), [0.25, 0.5, 1]);
        b.free();
        throws(() => m.sumU32(new Float32Array(4)), TypeError, /sumU32: values must be a Uint32Array, got Float32Array/);
        throws(() => m.normalize(new Float64Array(4)), TypeError, /normalize: values must be a Float32Array, got Float64Array/);
        throws(() => m.fillDoubles([1, 2]), TypeError, /fillDoubles: values must be a Uint32Array, got Array/);
        throws(() => m.sumU32(new Proxy(new Uint32Array(2), {})), TypeError, /must be a Uint32Array/);
      },
    ],
  ];
}
