// A tiny assertion set that runs unchanged in Node and in browsers, for the
// test cases shared between runtimes (node:assert is not available in pages).

function show(v) {
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}[${Array.from(v).join(', ')}]`;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

function same(a, b) {
  if (Object.is(a, b)) return true;
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    return a.constructor === b.constructor && a.length === b.length && Array.from(a).every((x, i) => Object.is(x, b[i]));
  }
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && Object.getPrototypeOf(a) === Object.getPrototypeOf(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => same(a[k], b[k]));
  }
  return false;
}

/** Deep equality with Object.is on leaves (so NaN equals NaN, -0 differs from 0). */
export function eq(actual, expected, what = 'value') {
  if (!same(actual, expected)) throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

export function ok(condition, what) {
  if (!condition) throw new Error(`expected: ${what}`);
}

/** `fn()` throws an instance of `Class` whose message matches `pattern`; returns the error. */
export function throws(fn, Class, pattern) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  if (!error) throw new Error(`expected ${Class.name} to be thrown, nothing was`);
  if (!(error instanceof Class)) throw new Error(`expected ${Class.name}, got ${error?.name}: ${error?.message}`);
  if (pattern && !pattern.test(error.message)) throw new Error(`${Class.name} message ${show(error.message)} does not match ${pattern}`);
  return error;
}
