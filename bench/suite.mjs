// The benchmark suite, identical in Node and in browsers: every kernel on
// every path, over sizes from 16 to 4M elements, with tinybench.
//
// Paths:
//   js        an idiomatic JS loop over a typed array (the baseline)
//   copy      the idiomatic wasm-bindgen API (copies in and out)
//   zeroCopy  F32Buffer / U32Buffer: data lives in wasm memory, no copy
//   raw       the raw export on a block of raw.wasm (zero imports), no copy
//   memcpy    TypedArray.prototype.set of the same bytes: the bandwidth reference
//
// `runSuite(env)` returns { results, ratios, targets }. `env` supplies:
//   Bench      tinybench's class;  m: the initialised package;  raw: a RawModule
//   sizes      element counts;     log(line): progress output

/**
 * @typedef {{ m: typeof import('rust-wasm-memory'), raw: import('rust-wasm-memory/raw').RawModule }} Faces
 * @typedef {Faces & { Bench: typeof import('tinybench').Bench, log: (line: string) => void }} Env
 * @typedef {[path: string, run: () => unknown, teardown?: () => void]} Task
 * @typedef {{ kernel: string, size: number, path: string, medianNs: number, callsPerSample: number }} Result
 * @typedef {{ kernel: string, size: number, path: string, speedupVsJs: number, timeVsMemcpy?: number }} Ratio
 * @typedef {{ target: string, value: number | undefined, limit: number, better: 'higher' | 'lower', met?: boolean }} Target
 */

export const SIZES = [16, 64, 1024, 65536, 1048576, 4194304];
export const STRING_SIZES = [1024, 1048576];

/** @param {Float32Array} a */
function jsNormalize(a) {
  let max = -Infinity;
  for (let i = 0; i < a.length; i++) if (a[i] > max) max = a[i];
  if (!Number.isFinite(max) || max === 0) return false;
  for (let i = 0; i < a.length; i++) a[i] /= max;
  return true;
}

/** @param {Uint32Array} a */
function jsSum(a) {
  let s = 0;
  for (let i = 0; i < a.length; i++) s = (s + a[i]) >>> 0;
  return s;
}

/** @param {Uint32Array} a */
function jsFillDoubles(a) {
  for (let i = 0; i < a.length; i++) a[i] = i * 2;
}

const jsAsciiUpper = (/** @type {string} */ s) => s.replace(/[a-z]+/g, (w) => w.toUpperCase());

/**
 * Builds the tasks for one kernel and size: [path, fn, teardown?].
 * @param {string} kernel
 * @param {number} n
 * @param {Faces} faces
 * @returns {Task[]}
 */
function kernelTasks(kernel, n, { m, raw }) {
  const ex = raw.exports;
  if (kernel === 'normalize') {
    const src = Float32Array.from({ length: n }, (_, i) => ((i * 7919) % 1000) + 1);
    const js = src.slice();
    const copy = src.slice();
    const zero = m.F32Buffer.from(src);
    const block = raw.allocArray(src);
    const dst = new Float32Array(n);
    return [
      ['js', () => jsNormalize(js)],
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
      ['js', () => jsSum(src)],
      ['copy', () => m.sumU32(src)],
      ['zeroCopy', () => zero.sum(), () => zero.free()],
      ['raw', () => ex.sum_u32(block.ptr, n), () => block.free()],
    ];
  }
  const js = new Uint32Array(n);
  const copy = new Uint32Array(n);
  const dst = new Uint32Array(n);
  return [
    ['js', () => jsFillDoubles(js)],
    ['copy', () => m.fillDoubles(copy)],
    ['zeroCopy', () => zero.fillDoubles(), () => zero.free()],
    ['raw', () => ex.fill_doubles(block.ptr, n), () => block.free()],
    ['memcpy', () => dst.set(src)],
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
  // `+` on JS strings builds a rope in O(1); the flattening a consumer's
  // first read would do is forced with charCodeAt, to compare real work.
  const flat = (/** @type {string} */ x) => {
    x.charCodeAt(x.length - 1);
    return x;
  };
  switch (fn) {
    case 'processString':
      return [
        // biome-ignore lint/style/useTemplate: the JS baseline is the plain `+` a developer writes
        ['js', () => flat(s + '_processed')],
        ['copy', () => m.processString(s)],
        ['raw', () => raw.processString(s)],
      ];
    case 'echoSuffix':
      return [
        // biome-ignore lint/style/useTemplate: as above
        ['js', () => flat(s + '_echo')],
        ['copy', () => m.echoSuffix(s)],
        ['raw', () => raw.echoSuffix(s)],
      ];
    default:
      return [
        ['js', () => jsAsciiUpper(s)],
        ['copy', () => m.asciiUppercase(s)],
      ];
  }
}

/**
 * How many calls of `fn` make one sample last about 5 ms. Browsers coarsen
 * `performance.now()` (to 100 µs in Chromium without cross-origin
 * isolation), so a 16-element call must be timed in batches.
 * @param {() => unknown} fn
 * @param {() => number} now
 */
function repetitions(fn, now) {
  const start = now();
  let calls = 0;
  while (now() - start < 10) {
    fn();
    calls += 1;
  }
  return Math.max(1, Math.ceil((calls * 5) / (now() - start)));
}

/**
 * @param {Env['Bench']} Bench
 * @param {Task[]} tasks
 * @param {number} n
 * @returns {Promise<Record<string, { medianNs: number, callsPerSample: number }>>}
 */
async function measure(Bench, tasks, n) {
  const big = n >= 1048576;
  const bench = new Bench({ time: big ? 300 : 200, iterations: big ? 8 : 15, warmupTime: 20, warmupIterations: 2 });
  /** @type {Record<string, number>} */
  const reps = {};
  for (const [path, fn] of tasks) {
    const k = repetitions(fn, () => performance.now());
    reps[path] = k;
    bench.add(path, () => {
      for (let i = 0; i < k; i++) fn();
    });
  }
  await bench.run();
  /** @type {Record<string, { medianNs: number, callsPerSample: number }>} */
  const out = {};
  for (const task of bench.tasks) {
    const r = /** @type {any} */ (task.result);
    if (r.state !== 'completed') throw new Error(`${task.name}: ${r.state} ${r.error ?? ''}`);
    out[task.name] = { medianNs: (r.latency.p50 * 1e6) / reps[task.name], callsPerSample: reps[task.name] };
  }
  for (const [, , teardown] of tasks) teardown?.();
  return out;
}

export const fmt = (/** @type {number} */ ns) =>
  ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(1)} µs` : `${ns.toFixed(0)} ns`;

/**
 * Runs everything; returns rows of { kernel, size, path, medianNs }.
 * @param {Env} env
 * @param {{ sizes?: number[], stringSizes?: number[] }} [options]
 */
export async function runSuite(env, { sizes = SIZES, stringSizes = STRING_SIZES } = {}) {
  /** @type {Result[]} */
  const results = [];
  const total = 3 * sizes.length + 3 * stringSizes.length;
  let done = 0;
  /**
   * @param {string} kernel
   * @param {number} size
   * @param {Record<string, { medianNs: number, callsPerSample: number }>} timings
   */
  const record = (kernel, size, timings) => {
    done += 1;
    for (const [path, t] of Object.entries(timings)) results.push({ kernel, size, path, medianNs: t.medianNs, callsPerSample: t.callsPerSample });
    const line = Object.entries(timings)
      .map(([p, t]) => `${p} ${fmt(t.medianNs)}`)
      .join(', ');
    env.log(`[${done}/${total}] ${kernel} n=${size}: ${line}`);
  };
  for (const kernel of ['normalize', 'sum_u32', 'fill_doubles']) {
    for (const n of sizes) record(kernel, n, await measure(env.Bench, kernelTasks(kernel, n, env), n));
  }
  for (const fn of ['processString', 'echoSuffix', 'asciiUppercase']) {
    for (const bytes of stringSizes) record(fn, bytes, await measure(env.Bench, stringTasks(fn, bytes, env), bytes));
  }
  return { results, ...evaluate(results, sizes) };
}

/**
 * Speed-ups against JS (and memcpy), and the targets, from one run.
 * @param {Result[]} results
 * @param {number[]} [sizes]
 */
export function evaluate(results, sizes = SIZES) {
  /** @type {(kernel: string, size: number, path: string) => number | undefined} */
  const t = (kernel, size, path) => results.find((r) => r.kernel === kernel && r.size === size && r.path === path)?.medianNs;
  /** @type {Ratio[]} */
  const ratios = [];
  for (const r of results) {
    if (r.path === 'js' || r.path === 'memcpy') continue;
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
  /** @type {Target[]} */
  const targets = [];
  if (sizes.includes(M)) {
    targets.push(
      { target: 'normalize 1M zero-copy ≥10× JS loop', value: ratio('normalize', 'zeroCopy')?.speedupVsJs, limit: 10, better: 'higher' },
      { target: 'normalize 1M zero-copy within 4× of memcpy', value: ratio('normalize', 'zeroCopy')?.timeVsMemcpy, limit: 4, better: 'lower' },
      { target: 'normalize(Float32Array) 1M copy path ≥6× JS loop', value: ratio('normalize', 'copy')?.speedupVsJs, limit: 6, better: 'higher' },
      { target: 'sum_u32 1M zero-copy ≥5× JS loop', value: ratio('sum_u32', 'zeroCopy')?.speedupVsJs, limit: 5, better: 'higher' },
      { target: 'fill_doubles 1M zero-copy within 2× of memcpy', value: ratio('fill_doubles', 'zeroCopy')?.timeVsMemcpy, limit: 2, better: 'lower' },
    );
  }
  for (const n of sizes.filter((s) => s <= 64)) {
    for (const kernel of ['normalize', 'sum_u32', 'fill_doubles']) {
      const worst = ratios.filter((x) => x.kernel === kernel && x.size === n).reduce((a, b) => (a.speedupVsJs < b.speedupVsJs ? a : b));
      targets.push({
        target: `${kernel} n=${n}: slowest path (${worst.path}) at most 2× slower than JS`,
        value: 1 / worst.speedupVsJs,
        limit: 2,
        better: 'lower',
      });
    }
  }
  for (const x of targets) x.met = x.value !== undefined && (x.better === 'higher' ? x.value >= x.limit : x.value <= x.limit);
  return { ratios, targets };
}
