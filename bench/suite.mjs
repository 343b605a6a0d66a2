// The benchmark suite, identical in Node and in browsers: every kernel on
// every path, over sizes from 16 to 4M elements, with tinybench.
//
// Paths:
//   js        the fastest of the JS baselines in bench/baselines.mjs, in this
//             run and engine (each baseline is also kept, as `js:<name>`)
//   copy      the idiomatic wasm-bindgen API (copies in and out)
//   zeroCopy  F32Buffer / U32Buffer: data lives in wasm memory, no copy
//   raw       the raw export on a block of raw.wasm (zero imports), no copy
//   memcpy    TypedArray.prototype.set of the same bytes: the bandwidth reference
//
// `runSuite(env)` returns { results, ratios, targets, floors }. `env` supplies:
//   Bench      tinybench's class;  m: the initialised package;  raw: a RawModule
//   log(line)  progress output;    floor: bench/floor.wat's exports (optional)

// The engine's own `length` getter and `set`, from the module the package's
// API layer takes them from, for the floors of a 16-element call behind a
// function. Its source, not the built pkg/: the lab, which bundles this
// file, is built before pkg/ is moved into place.
import { getPrototypeOf, lengthOf, typedSet } from '../pkg-template/lib/intrinsics.js';
import { BASELINES } from './baselines.mjs';

/**
 * @typedef {{ m: typeof import('rust-wasm-memory'), raw: import('rust-wasm-memory/raw').RawModule }} Faces
 * @typedef {{ memory: WebAssembly.Memory, nop: () => void, args16: (...elements: number[]) => number, fill16: (p: number) => void, sum16: (p: number) => number, max: (p: number, n: number) => number, div: (p: number, n: number, d: number) => void, recip: (p: number, n: number, d: number) => void }} Floor
 * @typedef {Faces & { Bench: typeof import('tinybench').Bench, log: (line: string) => void, floor?: Floor }} Env
 * @typedef {[path: string, run: () => unknown, teardown?: () => void]} Task
 * @typedef {{ kernel: string, size: number, path: string, medianNs: number, callsPerSample: number, baseline?: string }} Result
 * @typedef {{ floor: string, size: number, medianNs: number }} FloorResult
 * @typedef {{ kernel: string, size: number, path: string, speedupVsJs: number, timeVsMemcpy?: number }} Ratio
 * @typedef {{ target: string, value: number | undefined, limit: number, better: 'higher' | 'lower', met?: boolean, atFloor?: number, possible?: boolean }} Target
 */

export const SIZES = [16, 64, 1024, 65536, 1048576, 4194304];
export const STRING_SIZES = [1024, 1048576];

/**
 * One task per JS baseline of `kernel`, each on its own copy of the input.
 * @param {string} kernel
 * @param {() => unknown} input a fresh input for each baseline
 * @returns {Task[]}
 */
const jsTasks = (kernel, input) => BASELINES[kernel].map((b) => [`js:${b.name}`, b.make(input())]);

/**
 * The floor of a checked 16-element fill: the kernel and the copy out,
 * behind a function that first makes the checks no correct call can skip.
 */
export const CHECKED_FILL = 'fill 16 u32 in wasm, 64 B out, by a function that checks the length, element type and prototype';
const U32_PROTO = Uint32Array.prototype;

/** The prefix of a task that times a floor beside the paths it is the floor of. */
const FLOOR = 'floor: ';

/**
 * The fill's floors at 16 elements, as tasks timed in the same interleaved
 * rounds as the fill's own paths and its JS (the machine's drift between
 * two measurements was as large as the gaps these show): `fill16` of
 * bench/floor.wat (four v128 stores) and the 64 bytes out, written in the
 * timing loop, then behind a function of the caller's array, as any API
 * is: checking nothing; reading the array's length the one way a checked
 * call can (the engine's getter: a user-defined `length` runs the caller's
 * code, and a short one would leave elements unfilled); and also checking
 * the element type and prototype (`CHECKED_FILL`). The last one's teardown
 * checks that every fill did its work: a floor that skipped it would read
 * as cheap.
 * @param {Floor} floor
 * @returns {Task[]}
 */
function fillFloorTasks(floor) {
  const filled = new Uint32Array(floor.memory.buffer, 0, 16);
  const backU = new Uint32Array(16);
  const intoU = new Uint32Array(16);
  const checkedU = new Uint32Array(16);
  const typedU = new Uint32Array(16);
  const fillInto = (/** @type {Uint32Array} */ dst) => {
    floor.fill16(0);
    typedSet.call(dst, filled);
  };
  const fillIntoChecked = (/** @type {Uint32Array} */ dst) => {
    let n;
    try {
      n = lengthOf.call(dst);
    } catch {
      return;
    }
    if (n !== 16) return;
    floor.fill16(0);
    typedSet.call(dst, filled);
  };
  // What else a correct call must know before it writes: that the
  // elements are numbers and the array is a Uint32Array (the prototype),
  // the package's own two checks, the cheapest it found. Without them a
  // Float32Array or a BigUint64Array would get converted or refused
  // elements instead of a TypeError.
  const fillIntoTyped = (/** @type {Uint32Array} */ dst) => {
    let n;
    try {
      n = lengthOf.call(dst);
    } catch {
      return;
    }
    if (typeof dst[0] !== 'number' || getPrototypeOf(dst) !== U32_PROTO || n !== 16) return;
    floor.fill16(0);
    typedSet.call(dst, filled);
  };
  return [
    [
      `${FLOOR}fill 16 u32 in wasm, 64 B out`,
      () => {
        floor.fill16(0);
        backU.set(filled);
      },
    ],
    [`${FLOOR}fill 16 u32 in wasm, 64 B out, by a function`, () => fillInto(intoU)],
    [`${FLOOR}fill 16 u32 in wasm, 64 B out, by a function that reads the length`, () => fillIntoChecked(checkedU)],
    [
      `${FLOOR}${CHECKED_FILL}`,
      () => fillIntoTyped(typedU),
      // Run after every task was timed.
      () => {
        for (const dst of [backU, intoU, checkedU, typedU]) {
          if (dst.some((v, i) => v !== 2 * i)) throw new Error(`a fill floor left ${dst.join()} instead of the doubles`);
        }
      },
    ],
  ];
}

/**
 * Builds the tasks for one kernel and size: [path, fn, teardown?]; for
 * the fill at 16 elements, its floors too, when the floor module is there.
 * @param {string} kernel
 * @param {number} n
 * @param {Faces & { floor?: Floor }} faces
 * @returns {Task[]}
 */
function kernelTasks(kernel, n, { m, raw, floor }) {
  const ex = raw.exports;
  if (kernel === 'normalize') {
    const src = Float32Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) + 1);
    const copy = src.slice();
    const zero = m.F32Buffer.from(src);
    const block = raw.allocArray(src);
    const dst = new Float32Array(n);
    return [
      ...jsTasks('normalize', () => src.slice()),
      ['copy', () => m.normalize(copy)],
      ['zeroCopy', () => zero.normalize(), () => zero.free()],
      ['raw', () => ex.normalize_numbers(block.ptr, n), () => block.free()],
      ['memcpy', () => dst.set(src)],
    ];
  }
  const src = Uint32Array.from({ length: n }, (_, i) => (i * 2654435761) >>> 0);
  const zero = m.U32Buffer.from(src);
  const block = raw.allocArray(src);
  if (kernel === 'sum_u32') {
    return [
      ...jsTasks('sum_u32', () => src),
      ['copy', () => m.sumU32(src)],
      ['zeroCopy', () => zero.sum(), () => zero.free()],
      ['raw', () => ex.sum_u32(block.ptr, n), () => block.free()],
    ];
  }
  const copy = new Uint32Array(n);
  const dst = new Uint32Array(n);
  return [
    ...jsTasks('fill_doubles', () => new Uint32Array(n)),
    ['copy', () => m.fillDoubles(copy)],
    ['zeroCopy', () => zero.fillDoubles(), () => zero.free()],
    ['raw', () => ex.fill_doubles(block.ptr, n), () => block.free()],
    ['memcpy', () => dst.set(src)],
    ...(n === 16 && floor ? fillFloorTasks(floor) : []),
  ];
}

/**
 * @param {string} fn
 * @param {number} bytes
 * @param {Faces} faces
 * @returns {Task[]}
 */
function stringTasks(fn, bytes, { m, raw }) {
  const s = 'lorem ipsum dolor sit amet, '.repeat(Math.ceil(bytes / 28)).slice(0, bytes);
  const js = jsTasks(fn, () => s);
  switch (fn) {
    case 'processString':
      return [...js, ['copy', () => m.processString(s)], ['raw', () => raw.processString(s)]];
    case 'echoSuffix':
      return [...js, ['copy', () => m.echoSuffix(s)], ['raw', () => raw.echoSuffix(s)]];
    default:
      return [...js, ['copy', () => m.asciiUppercase(s)]];
  }
}

/**
 * How many calls make one sample last about 5 ms. Browsers coarsen
 * `performance.now()` (to 100 µs in Chromium without cross-origin
 * isolation), so a 16-element call must be timed in batches.
 * @param {(k: number) => unknown} batch runs the task k times
 * @param {() => number} now
 */
function repetitions(batch, now) {
  // Warm up first: counted while the engine still interprets the task, a
  // small loop can run 50× slower than once compiled, and batches sized
  // from that finish within one coarse timer tick (then they read 0 ns).
  // Then grow the batch until one batch, timed as such, lasts 5 ms: a count
  // of calls over a window can still be thrown by one slow call in it (a
  // collection, a tier-up), and a batch sized from it read 0 ns.
  for (const start = now(); now() - start < 10; ) batch(1);
  let k = 1;
  for (;;) {
    const start = now();
    batch(k);
    const elapsed = now() - start;
    if (elapsed >= 5) return k;
    k = elapsed >= 1 ? Math.ceil((k * 6) / elapsed) : k * 8;
  }
}

/**
 * The last result of a batch, kept so that no engine can drop the calls.
 * @type {unknown}
 */
export let sink;

/**
 * A loop that calls `fn` k times, compiled for this task alone. An engine
 * keeps call feedback per function literal, so one loop literal shared by
 * every task sees many targets: V8 then makes each call through it a
 * generic call and inlines none, which added about 4-5 ns to every task in
 * Chromium, the fastest JS included, and pulled every 16-element ratio
 * towards 1. A user's own loop calls one function; so does this one. A page
 * whose Content-Security-Policy forbids compiling code (the lab) passes
 * `callSites: 'shared'` and gets the one loop literal instead.
 * @param {'own' | 'shared'} callSites
 * @returns {(fn: () => unknown, k: number) => unknown}
 */
export function loopFor(callSites) {
  if (callSites === 'shared') {
    return (fn, k) => {
      let r;
      for (let j = 0; j < k; j++) r = fn();
      return r;
    };
  }
  return /** @type {any} */ (new Function('fn', 'k', 'let r; for (let j = 0; j < k; j++) r = fn(); return r;'));
}

/**
 * Times `tasks` against each other in interleaved rounds: each round runs
 * every task for a short while, in an order rotated by one each round, and
 * a task's time is the median of its rounds' medians. Timing each task once
 * for the whole budget, one after the other, let the machine's drift (this
 * one's speed changes by up to 2x within seconds) land between a path and
 * the JS it is compared with.
 * @param {Env['Bench']} Bench
 * @param {Task[]} tasks
 * @param {number} n
 * @param {{ budgetMs?: number, callSites?: 'own' | 'shared' }} [options]
 *   the time for all rounds of one task (default 200 ms in five rounds; 300
 *   ms from 1M elements; 360 ms in nine rounds up to 64 elements), and
 *   whether each task's calls come from a loop of its own (the default;
 *   see loopFor)
 * @returns {Promise<Record<string, { medianNs: number, callsPerSample: number }>>}
 */
export async function measure(Bench, tasks, n, { budgetMs, callSites = 'own' } = {}) {
  const big = n >= 1048576;
  // At 64 elements and fewer the targets' margins are a few ns, about the
  // machine's own drift: more rounds, each as long.
  const rounds = n <= 64 ? 9 : 5;
  /** @type {Record<string, number>} */
  const reps = {};
  /** @type {Record<string, number[]>} */
  const medians = {};
  /** @type {Record<string, (k: number) => unknown>} */
  const batches = {};
  for (const [path, fn] of tasks) {
    const loop = loopFor(callSites);
    batches[path] = (k) => loop(fn, k);
    reps[path] = repetitions(batches[path], () => performance.now());
    medians[path] = [];
  }
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({
      time: (budgetMs ?? (big ? 300 : n <= 64 ? 360 : 200)) / rounds,
      iterations: big ? 2 : 3,
      warmup: round === 0,
      warmupTime: 20,
      warmupIterations: 2,
    });
    for (let i = 0; i < tasks.length; i++) {
      const [path] = tasks[(i + round) % tasks.length];
      const k = reps[path];
      const batch = batches[path];
      bench.add(path, () => {
        sink = batch(k);
      });
    }
    await bench.run();
    for (const task of bench.tasks) {
      const r = /** @type {any} */ (task.result);
      if (r.state !== 'completed') throw new Error(`${task.name}: ${r.state} ${r.error ?? ''}`);
      medians[task.name].push((r.latency.p50 * 1e6) / reps[task.name]);
    }
  }
  /** @type {Record<string, { medianNs: number, callsPerSample: number }>} */
  const out = {};
  for (const [path] of tasks) {
    const sorted = medians[path].sort((a, b) => a - b);
    out[path] = { medianNs: sorted[rounds >> 1], callsPerSample: reps[path] };
  }
  for (const [, , teardown] of tasks) teardown?.();
  return out;
}

export const fmt = (/** @type {number} */ ns) =>
  ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(1)} µs` : `${ns.toFixed(0)} ns`;

/**
 * Runs everything; returns rows of { kernel, size, path, medianNs }.
 * @param {Env} env
 * @param {{ sizes?: number[], stringSizes?: number[], callSites?: 'own' | 'shared' }} [options]
 *   callSites: 'shared' where the page may not compile code (see loopFor)
 */
export async function runSuite(env, { sizes = SIZES, stringSizes = STRING_SIZES, callSites = 'own' } = {}) {
  /** @type {Result[]} */
  const results = [];
  /** @type {FloorResult[]} the floors timed beside the paths (`FLOOR`) */
  const inline = [];
  const total = 3 * sizes.length + 3 * stringSizes.length;
  let done = 0;
  /**
   * @param {string} kernel
   * @param {number} size
   * @param {Record<string, { medianNs: number, callsPerSample: number }>} timings
   */
  const record = (kernel, size, timings) => {
    done += 1;
    for (const [path, t] of Object.entries(timings)) {
      if (path.startsWith(FLOOR)) inline.push({ floor: path.slice(FLOOR.length), size, medianNs: t.medianNs });
      else results.push({ kernel, size, path, medianNs: t.medianNs, callsPerSample: t.callsPerSample });
    }
    // 'js' is the fastest baseline of this run; the row says which it was.
    // A median of 0 is below the timer's resolution, not a measurement.
    const [name, best] = Object.entries(timings)
      .filter(([p, t]) => p.startsWith('js:') && t.medianNs > 0)
      .reduce((a, b) => (b[1].medianNs < a[1].medianNs ? b : a));
    results.push({ kernel, size, path: 'js', medianNs: best.medianNs, callsPerSample: best.callsPerSample, baseline: name.slice(3) });
    const line = [
      `js ${fmt(best.medianNs)} (${name.slice(3)})`,
      ...Object.entries(timings)
        .filter(([p]) => !p.startsWith('js:'))
        .map(([p, t]) => `${p} ${fmt(t.medianNs)}`),
    ].join(', ');
    env.log(`[${done}/${total}] ${kernel} n=${size}: ${line}`);
  };
  for (const kernel of ['normalize', 'sum_u32', 'fill_doubles']) {
    for (const n of sizes) record(kernel, n, await measure(env.Bench, kernelTasks(kernel, n, env), n, { callSites }));
  }
  for (const fn of ['processString', 'echoSuffix', 'asciiUppercase']) {
    for (const bytes of stringSizes) record(fn, bytes, await measure(env.Bench, stringTasks(fn, bytes, env), bytes, { callSites }));
  }
  const floors = env.floor ? [...(await measureFloors(env, sizes, callSites)), ...inline] : [];
  return { results, floors, callSites, ...evaluate(results, sizes, floors) };
}

/**
 * The floors under the targets, from bench/floor.wat (hand-written wasm):
 * at n = 16, what one call and one 64-byte copy cost in this engine, and
 * one call that takes 16 u32 as its arguments: the least any copy-path
 * call can cost; at 1M and 4M elements, the two passes
 * of normalize on their own (f32x4.pmax, f32x4.div) and the same division
 * through an f64 reciprocal, beside a memcpy of the same bytes and the
 * copy path's own two copies (into a wasm memory, and out again).
 * @param {Env} env
 * @param {number[]} sizes
 * @param {'own' | 'shared'} callSites
 * @returns {Promise<FloorResult[]>}
 */
async function measureFloors({ Bench, floor, log }, sizes, callSites) {
  if (!floor) return [];
  /** @type {FloorResult[]} */
  const out = [];
  const small = new Float32Array(16).fill(3);
  const back = new Float32Array(16);
  const u = Uint32Array.from({ length: 16 }, (_, i) => (i * 2654435761) >>> 0);
  // The view is made once, as the package's small path keeps its own:
  // nothing grows this memory while these run.
  const view = new Float32Array(floor.memory.buffer, 0, 16);
  const t16 = await measure(
    Bench,
    [
      ['empty call', () => floor.nop()],
      ['set 64 B', () => view.set(small)],
      [
        'set 64 B in, call',
        () => {
          view.set(small);
          floor.nop();
        },
      ],
      [
        'set 64 B in, call, 64 B out',
        () => {
          view.set(small);
          floor.nop();
          back.set(view);
        },
      ],
      ['sum 16 u32 in wasm memory', () => floor.sum16(0)],
      ['16 u32 as arguments, call', () => floor.args16(u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15])],
    ],
    16,
    { callSites },
  );
  for (const [name, t] of Object.entries(t16)) out.push({ floor: name, size: 16, medianNs: t.medianNs });
  log(
    `[floor] n=16: ${Object.entries(t16)
      .map(([k, v]) => `${k} ${fmt(v.medianNs)}`)
      .join(', ')}`,
  );
  for (const n of sizes.filter((s) => s >= 1048576)) {
    // Room for the data and, after it, a second region the copy floor uses.
    const need = 2 * n * 4 - floor.memory.buffer.byteLength;
    if (need > 0) floor.memory.grow(Math.ceil(need / 65536));
    const data = new Float32Array(floor.memory.buffer, 0, n);
    for (let i = 0; i < n; i++) data[i] = ((i * 7919) % 1000) + 1;
    const src = data.slice();
    const dst = new Float32Array(n);
    const inWasm = new Float32Array(floor.memory.buffer, n * 4, n);
    const tn = await measure(
      Bench,
      [
        ['memcpy', () => dst.set(src)],
        [
          'copy into wasm memory and out',
          () => {
            inWasm.set(src);
            dst.set(inWasm);
          },
        ],
        ['max pass (f32x4.pmax)', () => floor.max(0, n)],
        ['divide pass (f32x4.div)', () => floor.div(0, n, 1)],
        ['divide pass (f64 reciprocal)', () => floor.recip(0, n, 1)],
      ],
      n,
      { callSites },
    );
    for (const [name, t] of Object.entries(tn)) out.push({ floor: name, size: n, medianNs: t.medianNs });
    log(
      `[floor] n=${n}: ${Object.entries(tn)
        .map(([k, v]) => `${k} ${fmt(v.medianNs)}`)
        .join(', ')}`,
    );
  }
  return out;
}

/**
 * Speed-ups against JS (and memcpy), and the issue's targets, from one run.
 * With the floors, each target also gets `atFloor`: the value it would have
 * if the path cost no more than its floor (for normalize, the max pass plus
 * the divide pass, plus the copy into wasm memory and out for the copy
 * path; at n = 16, the
 * boundary's own cost), so a target that even the floor misses shows as
 * impossible in this engine, not as work left undone.
 * @param {Result[]} results
 * @param {number[]} [sizes]
 * @param {FloorResult[]} [floors]
 */
export function evaluate(results, sizes = SIZES, floors = []) {
  /** @type {(kernel: string, size: number, path: string) => number | undefined} */
  const t = (kernel, size, path) => results.find((r) => r.kernel === kernel && r.size === size && r.path === path)?.medianNs;
  /** @type {Ratio[]} */
  const ratios = [];
  for (const r of results) {
    if (r.path.startsWith('js') || r.path === 'memcpy') continue;
    const js = t(r.kernel, r.size, 'js');
    const memcpy = t(r.kernel, r.size, 'memcpy');
    ratios.push({
      kernel: r.kernel,
      size: r.size,
      path: r.path,
      speedupVsJs: (js ?? Number.NaN) / r.medianNs,
      ...(memcpy && { timeVsMemcpy: r.medianNs / memcpy }),
    });
  }
  const M = 1048576;
  /** @type {(kernel: string, path: string) => Ratio | undefined} */
  const ratio = (kernel, path) => ratios.find((x) => x.kernel === kernel && x.size === M && x.path === path);
  /** @type {(name: string, size: number) => number | undefined} */
  const floor = (name, size) => floors.find((f) => f.floor === name && f.size === size)?.medianNs;
  /** The two passes of normalize at `size`, as hand-written wasm. */
  const passes = (/** @type {number} */ size) => {
    const max = floor('max pass (f32x4.pmax)', size);
    const div = floor('divide pass (f32x4.div)', size);
    return max !== undefined && div !== undefined ? max + div : undefined;
  };
  /** @type {(a: number | undefined, b: number | undefined) => number | undefined} */
  const over = (a, b) => (a === undefined || b === undefined ? undefined : a / b);
  const jsAt = (/** @type {string} */ kernel, /** @type {number} */ size) => t(kernel, size, 'js');
  const memcpyAt = (/** @type {number} */ size) => t('normalize', size, 'memcpy');
  /** @type {Target[]} */
  const targets = [];
  if (sizes.includes(M)) {
    // The copy path's floor: the two passes and the two copies across the
    // boundary, timed as such (into a wasm memory and back out; between
    // two JS arrays they cost less), else two memcpys.
    const copies = floor('copy into wasm memory and out', M) ?? 2 * (memcpyAt(M) ?? Number.NaN);
    const copyFloor = passes(M) === undefined ? undefined : /** @type {number} */ (passes(M)) + copies;
    targets.push(
      {
        target: 'normalize 1M zero-copy ≥10× JS',
        value: ratio('normalize', 'zeroCopy')?.speedupVsJs,
        limit: 10,
        better: 'higher',
        atFloor: over(jsAt('normalize', M), passes(M)),
      },
      {
        target: 'normalize 1M zero-copy within 1.5× of memcpy',
        value: ratio('normalize', 'zeroCopy')?.timeVsMemcpy,
        limit: 1.5,
        better: 'lower',
        atFloor: over(passes(M), memcpyAt(M)),
      },
      {
        target: 'normalize(Float32Array) 1M copy path ≥6× JS',
        value: ratio('normalize', 'copy')?.speedupVsJs,
        limit: 6,
        better: 'higher',
        atFloor: over(jsAt('normalize', M), copyFloor),
      },
      { target: 'sum_u32 1M zero-copy ≥5× JS', value: ratio('sum_u32', 'zeroCopy')?.speedupVsJs, limit: 5, better: 'higher' },
      { target: 'fill_doubles 1M zero-copy within 2× of memcpy', value: ratio('fill_doubles', 'zeroCopy')?.timeVsMemcpy, limit: 2, better: 'lower' },
    );
  }
  const M4 = 4194304;
  if (sizes.includes(M4)) {
    const r4 = ratios.find((x) => x.kernel === 'normalize' && x.size === M4 && x.path === 'zeroCopy');
    targets.push({
      target: 'normalize 4M zero-copy within 1.5× of memcpy',
      value: r4?.timeVsMemcpy,
      limit: 1.5,
      better: 'lower',
      atFloor: over(passes(M4), memcpyAt(M4)),
    });
  }
  // The least a 16-element call can cost on each path: the copy path moves
  // the elements in (sum) or in and out (normalize) around one call, or
  // makes them in wasm and moves them out (fill: four v128 stores, then the
  // 64 bytes out, behind a function that makes the checks any correct call
  // must, `CHECKED_FILL`; a run without that floor takes the same bytes
  // moved in);
  // the others are one call, and for a sum on data already in wasm memory,
  // that call's own work (four v128 loads and adds). A sum can also take its
  // elements as the call's arguments, so its floor is the cheaper way in.
  const copyIn = () => {
    const ways = [floor('set 64 B in, call', 16), floor('16 u32 as arguments, call', 16)].filter((t) => t !== undefined);
    return ways.length > 0 ? Math.min(...ways) : undefined;
  };
  const smallFloor = (/** @type {string} */ kernel, /** @type {string} */ path) =>
    path !== 'copy'
      ? ((kernel === 'sum_u32' ? floor('sum 16 u32 in wasm memory', 16) : undefined) ?? floor('empty call', 16))
      : kernel === 'normalize'
        ? floor('set 64 B in, call, 64 B out', 16)
        : kernel === 'sum_u32'
          ? copyIn()
          : (floor(CHECKED_FILL, 16) ?? floor('fill 16 u32 in wasm, 64 B out', 16) ?? floor('set 64 B in, call', 16));
  for (const n of sizes.filter((s) => s <= 64)) {
    for (const kernel of ['normalize', 'sum_u32', 'fill_doubles']) {
      const worst = ratios.filter((x) => x.kernel === kernel && x.size === n).reduce((a, b) => (a.speedupVsJs < b.speedupVsJs ? a : b));
      targets.push({
        target: `${kernel} n=${n}: slowest path (${worst.path}) at most 2× slower than JS`,
        value: 1 / worst.speedupVsJs,
        limit: 2,
        better: 'lower',
        atFloor: n === 16 ? over(smallFloor(kernel, worst.path), jsAt(kernel, n)) : undefined,
      });
    }
  }
  /** @type {(x: Target, v: number | undefined) => boolean} */
  const meets = (x, v) => v !== undefined && (x.better === 'higher' ? v >= x.limit : v <= x.limit);
  for (const x of targets) {
    x.met = meets(x, x.value);
    if (x.atFloor === undefined) delete x.atFloor;
    else x.possible = meets(x, x.atFloor);
  }
  return { ratios, targets };
}
