// Small helpers shared by the lab's panels. Everything is written into the
// page with textContent or created elements, never innerHTML, so text from
// the user (or from wasm) is always shown literally.

/**
 * The element with this id; an error if the page lacks it. Typed as an
 * input, the lab's commonest control (its `value`, `checked` and
 * `disabled` are what the panels use); other elements use only what every
 * HTMLElement has.
 * @param {string} id
 * @returns {HTMLInputElement}
 */
export const $ = (id) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return /** @type {HTMLInputElement} */ (el);
};

/**
 * The element with this id, checked to be a `Type` (a canvas, a progress
 * bar, ...).
 * @template {HTMLElement} T
 * @param {string} id
 * @param {{ new (): T, prototype: T }} Type
 * @returns {T}
 */
export function $of(id, Type) {
  const el = document.getElementById(id);
  if (!(el instanceof Type)) throw new Error(`#${id} is missing from the page or is not a ${Type.name}`);
  return el;
}

/**
 * `1536` → `"1.5 KiB"`; exact bytes below 1 KiB.
 * @param {number} n
 */
export function bytes(n) {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${(n / 1024 ** 2).toFixed(2)} MiB`;
  return `${(n / 1024 ** 3).toFixed(2)} GiB`;
}

/** @param {number} n */
export const hex = (n) => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/**
 * `"error name: message"` in the panel's alert line, or clears it.
 * @param {string} id
 * @param {any} error
 */
export function showError(id, error) {
  $(id).textContent = error ? `${error.name ?? 'Error'}: ${error.message ?? String(error)}` : '';
}

/**
 * Runs `fn`, showing any error it throws in alert `errorId` instead of losing it.
 * @param {string} errorId
 * @param {(...args: any[]) => unknown} fn
 */
export function guarded(errorId, fn) {
  return async (/** @type {any[]} */ ...args) => {
    try {
      showError(errorId, null);
      await fn(...args);
    } catch (error) {
      showError(errorId, error);
    }
  };
}

/**
 * Parses "1, 5 10" into numbers. A token that is not a number is a
 * TypeError naming it (`NaN`, `Infinity` and `-0` are numbers).
 * @param {string} text
 */
export function parseNumbers(text) {
  const tokens = text.split(/[\s,]+/).filter(Boolean);
  const values = tokens.map((t) => (/^[+-]?nan$/i.test(t) ? NaN : Number(t)));
  const bad = tokens.find((t, i) => Number.isNaN(values[i]) && !/^[+-]?nan$/i.test(t));
  if (bad !== undefined) throw new TypeError(`"${bad}" is not a number`);
  return values;
}

/**
 * parseNumbers, each also required to be a u32 (RangeError naming the first that is not).
 * @param {string} text
 */
export function parseU32s(text) {
  const values = parseNumbers(text);
  const bad = values.find((v) => !Number.isInteger(v) || v < 0 || v > 0xffffffff);
  if (bad !== undefined) throw new RangeError(`${bad} is not a u32 (an integer from 0 to 4294967295)`);
  return values;
}

/** A JS array or typed array as "[1, 2, 3]", with -0 and NaN kept visible. */
export const list = (/** @type {ArrayLike<number>} */ values) => `[${Array.from(values, (v) => (Object.is(v, -0) ? '-0' : String(v))).join(', ')}]`;

/**
 * Appends a row of cells (text only) to a table body.
 * @param {HTMLElement} tbody
 * @param {string[]} cells
 */
export function row(tbody, cells) {
  const tr = document.createElement('tr');
  for (const cell of cells) {
    const td = document.createElement('td');
    td.textContent = cell;
    tr.append(td);
  }
  tbody.append(tr);
  return tr;
}

export const utf8Length = (/** @type {string} */ text) => new TextEncoder().encode(text).length;
