// Issue #15, classes (b) and (d), generated with fast-check, the same in
// Node, Chromium and Firefox:
// (b) any object that is not a live handle the package made is refused
//     with a typed error before Rust sees a pointer: clones by assign or
//     spread, Object.create(handle), a bare prototype, the other class,
//     handles freed or from a replaced instance;
// (d) no write through a toolkit view is lost, whatever its conversion
//     does (grow memory, allocate).
//
// `adversaryCases(env)`: env as for the reentrancy cases (bindgen, toolkit,
// fc, panicProbe, externrefsLive, rawBytes).
import { eq, ok } from './check.mjs';

export async function adversaryCases({ bindgen: m, toolkit: T, fc, panicProbe, externrefsLive, rawBytes, adversaryRuns: runs = 300 }) {
  const quiet = console.error;
  const typed = (e) => e instanceof TypeError || e instanceof m.UseAfterFreeError || e instanceof m.StaleInstanceError;

  const forgeries = {
    assignClone: (h) => Object.assign(Object.create(Object.getPrototypeOf(h)), h),
    spread: (h) => ({ ...h }),
    createFromHandle: (h) => Object.create(h),
    barePrototype: (h) => Object.create(Object.getPrototypeOf(h)),
    otherClass: (h) => (h instanceof m.F32Buffer ? new m.U32Buffer(4) : new m.F32Buffer(4)),
    freed: (h) => {
      h.free();
      return h;
    },
    replaced: (h) => {
      console.error = () => {};
      try {
        panicProbe('forgery');
      } catch {}
      console.error = quiet;
      return h;
    },
  };
  const members = ['length', 'ptr', 'view', 'normalize', 'normalizePeak', 'sum', 'fillDoubles', 'free', 'dispose'];
  const invoke = (Class, member, target) => {
    const proto = Class.prototype;
    if (member === 'length' || member === 'ptr') return Reflect.get(proto, member, target);
    if (member === 'dispose') return proto[Symbol.dispose].call(target);
    const fn = proto[member] ?? Object.getPrototypeOf(proto)[member];
    return fn === undefined ? undefined : fn.call(target);
  };

  const growths = {
    grow: (raw) => raw.memory.grow(1),
    allocate: (raw) => raw.alloc(1 << 20).free(),
    none: () => {},
  };

  return [
    [
      `forged handles: ${runs} generated forgeries and calls, each refused with a typed error before Rust sees a pointer`,
      () => {
        fc.assert(
          fc.property(
            fc.constantFrom('F32Buffer', 'U32Buffer'),
            fc.constantFrom(...Object.keys(forgeries)),
            fc.constantFrom(...members),
            fc.constantFrom('F32Buffer', 'U32Buffer'),
            (kind, forgery, member, via) => {
              const handle = kind === 'F32Buffer' ? m.F32Buffer.from(new Float32Array([1, 2, 4])) : m.U32Buffer.from(new Uint32Array([1, 2, 4]));
              const forged = forgeries[forgery](handle);
              const before = { ...m.heapStats(), externrefs: externrefsLive() };
              const Class = via === 'F32Buffer' ? m.F32Buffer : m.U32Buffer;
              // The other class's buffer is real: a base-class member, or its
              // own class's method, is a legitimate call.
              const shared = member === 'length' || member === 'ptr' || member === 'view' || member === 'free' || member === 'dispose';
              const legit = forgery === 'otherClass' && (shared || forged instanceof Class);
              let error;
              let result;
              try {
                result = invoke(Class, member, forged);
              } catch (e) {
                error = e;
              }
              if (result === undefined && error === undefined) {
                // No such member on that class (sum on F32Buffer): nothing ran.
              } else if (legit) {
                ok(error === undefined, `${member} of a real buffer through the base class works, got ${error?.name}`);
              } else {
                ok(typed(error), `${forgery} ${via}.${member}: a typed error, got ${error?.name ?? `the result ${String(result)}`}: ${error?.message ?? ''}`);
              }
              eq(m.processString('ok'), 'ok_processed', 'canary');
              if (!legit && forgery !== 'replaced') {
                const after = m.heapStats();
                eq(
                  [after.liveBytes, after.liveAllocations, externrefsLive()],
                  [before.liveBytes, before.liveAllocations, before.externrefs],
                  'nothing changed',
                );
              }
              for (const h of [handle, forged]) {
                try {
                  h.free?.();
                } catch {}
              }
              return true;
            },
          ),
          { numRuns: runs },
        );
      },
    ],
    [
      `lost writes: ${runs} generated MemoryView writes whose conversion grows memory or allocates, none lost`,
      async () => {
        const raw = await T.instantiate(await rawBytes());
        const Types = { Uint8Array, Uint32Array, Int32Array, Float32Array, Float64Array };
        fc.assert(
          fc.property(
            fc.constantFrom(...Object.keys(Types)),
            fc.constantFrom('set', 'write'),
            fc.constantFrom(...Object.keys(growths)),
            fc.constantFrom('valueOf', 'toPrimitive', 'getter', 'offset'),
            fc.integer({ min: 0, max: 7 }),
            fc.integer({ min: 1, max: 100 }),
            (name, how, growth, hook, index, value) => {
              const Type = Types[name];
              const block = raw.alloc(8 * Type.BYTES_PER_ELEMENT, Type.BYTES_PER_ELEMENT);
              const view = block.view(Type);
              const grow = () => growths[growth](raw);
              const boxed =
                hook === 'toPrimitive'
                  ? {
                      [Symbol.toPrimitive]() {
                        grow();
                        return value;
                      },
                    }
                  : {
                      valueOf() {
                        grow();
                        return value;
                      },
                    };
              if (how === 'set') {
                view.set(index, hook === 'getter' || hook === 'offset' ? boxed : boxed);
              } else if (hook === 'getter') {
                const source = { length: 1 };
                Object.defineProperty(source, 0, {
                  get() {
                    grow();
                    return value;
                  },
                });
                view.write(source, index);
              } else if (hook === 'offset') {
                view.write([value], {
                  valueOf() {
                    grow();
                    return index;
                  },
                });
              } else {
                view.write([boxed], index);
              }
              eq(view.get(index), value, `${name} ${how} via ${hook} with ${growth}`);
              block.free();
              return true;
            },
          ),
          { numRuns: runs },
        );
        eq(raw.heapStats().hostBlocks, 0, 'every block given back');
      },
    ],
  ];
}
