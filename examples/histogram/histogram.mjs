// The JS side of the histogram example: its one export, declared for the
// toolkit. `bind(kit)` takes the `KitModule` of histogram.wasm (from
// `loadKit`) and returns typed functions.
import { types as t } from 'rust-wasm-memory/raw';

/** @param {import('rust-wasm-memory/raw').KitModule} kit */
export function bind(kit) {
  // The export's ABI, in order: values (ptr, len), lo, hi, bins (ptr, len),
  // outside (an out-param). The result is its status.
  const histogram = kit.declare(
    'histogram',
    [t.slice(Float32Array).named('values'), t.f32.named('lo'), t.f32.named('hi'), t.sliceMut(Uint32Array).named('bins'), t.out(t.u32)],
    t.status,
  );
  return {
    /**
     * Adds each of `values` in [lo, hi) to its bin of `bins` (in place) and
     * returns how many were outside. `InvalidArgumentError` unless lo < hi,
     * both finite, and `bins` is not empty.
     */
    histogram,
    /**
     * A new histogram of `values` with `n` bins over [lo, hi).
     * @param {Float32Array | ArrayLike<number>} values
     * @param {number} lo
     * @param {number} hi
     * @param {number} n
     */
    counts(values, lo, hi, n) {
      const bins = new Uint32Array(n);
      const outside = histogram(values, lo, hi, bins);
      return { bins, outside };
    },
  };
}

/**
 * The same histogram in plain JS, the tests' reference: the bin of each
 * value is computed in f64 exactly as the Rust code does.
 * @param {Float32Array} values
 * @param {number} lo
 * @param {number} hi
 * @param {Uint32Array} bins
 */
export function reference(values, lo, hi, bins) {
  [lo, hi] = [Math.fround(lo), Math.fround(hi)];
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && lo < hi) || bins.length === 0) return null;
  const width = hi - lo;
  const n = bins.length;
  let outside = 0;
  for (const v of values) {
    if (v >= lo && v < lo + width) bins[Math.min(Math.trunc(((v - lo) / width) * n), n - 1)]++;
    else outside++;
  }
  return outside;
}
