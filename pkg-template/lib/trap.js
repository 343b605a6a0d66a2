// @ts-check
// What a trap means to the caller: the panic record a module built with the
// kit leaves in its memory, read without calling back into the instance
// (beyond a function that only returns the record's constant address), and
// turned into a PanicError. Shared by the package's API layer and the raw
// toolkit. The record's layout comes from the contract.
import contract from './contract.js';
import { PanicError } from './errors.js';

const { lengthOffset, textOffset, capacity } = contract.panicRecord;
const decoder = new TextDecoder();

/**
 * The record at byte `at` of `memory` as `{ location, message }`, or null
 * when it is empty or cannot be read.
 * @param {WebAssembly.Memory} memory
 * @param {number} at
 * @returns {{ location: string, message: string } | null}
 */
export function readPanicRecord(memory, at) {
  try {
    const { buffer } = memory;
    const len = Math.min(new DataView(buffer).getUint32(at + lengthOffset, true), capacity);
    const text = decoder.decode(new Uint8Array(buffer, at + textOffset, len));
    const nl = text.indexOf('\n');
    return nl < 0 ? null : { location: text.slice(0, nl), message: text.slice(nl + 1) };
  } catch {
    return null;
  }
}

/**
 * The PanicError for `error`, a `WebAssembly.RuntimeError` thrown by the
 * call `fn`, given the record's place (null when unknown).
 * @param {unknown} error
 * @param {string} fn
 * @param {{ memory: WebAssembly.Memory, at: number } | null} record
 * @param {string} [after] appended to a bare trap's message
 */
export function panicErrorFor(error, fn, record, after = '') {
  const found = record && readPanicRecord(record.memory, record.at);
  if (found) return new PanicError(found.message, { location: found.location, fn, cause: error });
  const what = error instanceof Error ? error.message : String(error);
  return new PanicError(`${fn}: wasm trapped without a panic message (${what})${after}`, { location: null, fn, cause: error });
}
