// Reentrancy (issue #15, finding F2, class (a)): user code that runs inside
// a call of the package (a Proxy in an argument's prototype chain, which
// the type check consults; a Proxy passed where a value is expected, whose
// traps the error message consults) calls back into the package: a canary
// call, a trap, memory growth, a free, a new buffer. Generated with
// fast-check; the same in Node, Chromium and Firefox.
//
// Invariants, for every generated case:
// - the outer call returns its documented result or throws a documented
//   error (TypeError, RangeError, PanicError, StaleInstanceError);
// - memory the outer call did not own is unchanged, unless a trap replaced
//   the instance (then the old buffers are stale, never silently reused);
// - afterwards the package answers a canary correctly, and its heap (live
//   bytes, allocations, externref slots) is at the baseline of an instance
//   in the same state: the same instance if nothing trapped, a fresh one if
//   something did.
//
// `reentrancyCases(env)`: env as for the hardening cases, plus
// `panicProbe` and `externrefsLive` (rust-wasm-memory/testing).
import { eq, ok } from './check.mjs';

export async function reentrancyCases({ bindgen: m, fc, panicProbe, externrefsLive, reentrancyRuns: runs = 200 }) {
  const quiet = console.error;
  // The same one-time warm-up on every instance, before any measurement.
  const warm = () => {
    m.normalize(new Float32Array(100).fill(1));
    m.sumU32(new Uint32Array(100));
    m.add(1, 2);
    m.processString('warm');
    try {
      m.greet(Symbol('warm'));
    } catch {}
    new m.F32Buffer(1).free();
  };
  const snapshot = () => {
    warm();
    const h = m.heapStats();
    return { liveBytes: h.liveBytes, liveAllocations: h.liveAllocations, hostBlocks: h.hostBlocks, externrefs: externrefsLive() };
  };
  // The baseline of a fresh instance: after a deliberate panic.
  console.error = () => {};
  try {
    panicProbe('baseline');
  } catch {}
  console.error = quiet;
  const fresh = snapshot();

  const outers = {
    normalize: (arg) => m.normalize(arg),
    normalizeArray: (arg) => m.normalizeArray(arg),
    sumU32: (arg) => m.sumU32(arg),
    fillDoubles: (arg) => m.fillDoubles(arg),
    fillBuffer: (arg) => m.fillBuffer(arg),
    'F32Buffer.from': (arg) => m.F32Buffer.from(arg),
    greet: (arg) => m.greet(arg),
    add: (arg) => m.add(arg, 1),
  };
  const Types = {
    normalize: Float32Array,
    normalizeArray: Float32Array,
    sumU32: Uint32Array,
    fillDoubles: Uint32Array,
    fillBuffer: Uint8Array,
    'F32Buffer.from': Float32Array,
  };
  const actions = {
    canary: () => m.greet('inner'),
    trap: () => panicProbe('inside a reentrant call'),
    grow: () => new m.F32Buffer(1 << 20).free(),
    freeVictim: (victim) => victim.free(),
    newBuffer: () => m.U32Buffer.from(new Uint32Array(16)).free(),
    sum: () => m.sumU32(new Uint32Array(200).fill(1)),
  };
  const documented = (e) =>
    e instanceof TypeError || e instanceof RangeError || e instanceof m.PanicError || e instanceof m.StaleInstanceError || e instanceof m.UseAfterFreeError;

  /**
   * The argument for `outer`, running `hook` (once) from inside the call:
   * a real typed array whose prototype chain holds a Proxy (the type
   * check's instanceof consults it), or a bare Proxy (the error message's
   * description consults it).
   */
  const argument = (outer, shape, length, hook) => {
    let fired = false;
    const run = () => {
      if (!fired) {
        fired = true;
        hook();
      }
    };
    if (shape === 'typed' && Types[outer]) {
      const Type = Types[outer];
      const values = new Type(length).fill(3);
      Object.setPrototypeOf(
        values,
        new Proxy(Object.create(Type.prototype), {
          getPrototypeOf() {
            run();
            return Type.prototype;
          },
        }),
      );
      return values;
    }
    return new Proxy(
      {},
      {
        getPrototypeOf() {
          run();
          return Object.prototype;
        },
        get(target, key) {
          run();
          return Reflect.get(target, key);
        },
      },
    );
  };

  const scenario = fc.record({
    outer: fc.constantFrom(...Object.keys(outers)),
    shape: fc.constantFrom('typed', 'proxy'),
    length: fc.constantFrom(8, 64, 65, 300),
    actions: fc.array(fc.constantFrom(...Object.keys(actions)), { minLength: 1, maxLength: 3 }),
    swallow: fc.boolean(),
  });

  return [
    [
      `${runs} generated calls whose argument calls back into the package (canary, trap, growth, free, new buffer)`,
      () => {
        console.error = () => {};
        try {
          fc.assert(
            fc.property(scenario, ({ outer, shape, length, actions: todo, swallow }) => {
              const before = snapshot();
              const victim = m.U32Buffer.from(Uint32Array.from({ length: 16 }, (_, i) => i * 3));
              let trapped = false;
              const hook = () => {
                for (const name of todo) {
                  try {
                    actions[name](victim);
                  } catch (e) {
                    if (e instanceof m.PanicError) trapped = true;
                    ok(documented(e), `inner ${name}: a documented error, got ${e?.name}: ${e?.message}`);
                    if (!swallow) throw e;
                  }
                }
              };
              let result;
              let error;
              try {
                result = outers[outer](argument(outer, shape, length, hook));
              } catch (e) {
                error = e;
              }
              if (error !== undefined) ok(documented(error), `outer ${outer}: a documented error, got ${error?.name}: ${error?.message}`);
              // A trap inside the call ends it with StaleInstanceError,
              // never a result or an error that blames the argument.
              if (trapped)
                ok(error instanceof m.StaleInstanceError, `outer ${outer} after an inner trap: StaleInstanceError, got ${error?.name}: ${error?.message}`);
              if (error instanceof m.PanicError) trapped = true;
              if (result instanceof m.F32Buffer) result.free();
              // The canary runs on a working instance (a fresh one after a trap).
              eq(m.processString('ok'), 'ok_processed', 'canary after the outer call');
              if (trapped) {
                let stale;
                try {
                  void victim.length;
                } catch (e) {
                  stale = e;
                }
                ok(stale instanceof m.StaleInstanceError || stale instanceof m.UseAfterFreeError, 'a buffer of the trapped instance is stale');
                eq(snapshot(), fresh, 'the replacement instance is at the baseline of a fresh one');
              } else {
                if (!todo.includes('freeVictim') || error !== undefined) {
                  let contents;
                  try {
                    contents = Array.from(victim.view());
                  } catch (e) {
                    ok(e instanceof m.UseAfterFreeError, `the victim is intact or freed by the hook, got ${e?.name}`);
                  }
                  if (contents)
                    eq(
                      contents,
                      Array.from({ length: 16 }, (_, i) => i * 3),
                      'memory the outer call did not own is unchanged',
                    );
                }
                try {
                  victim.free();
                } catch (e) {
                  ok(e instanceof m.UseAfterFreeError, 'the victim was freed by the hook');
                }
                eq(snapshot(), before, 'nothing left behind on the same instance');
              }
              return true;
            }),
            { numRuns: runs },
          );
        } finally {
          console.error = quiet;
        }
      },
    ],
  ];
}
