// Strings panel: the four string functions on one input, with the UTF-8
// byte counts that actually cross the boundary.
import { $, guarded, utf8Length } from './util.js';

/** @param {{ m: typeof import('rust-wasm-memory'), inspector: ReturnType<typeof import('rust-wasm-memory/inspector').createInspector> }} lab */
export function stringsPanel({ m, inspector }) {
  /** @type {[id: string, name: string, fn: (text: string) => string][]} */
  const calls = [
    ['greet', 'greet', m.greet],
    ['process', 'processString', m.processString],
    ['echo', 'echoSuffix', m.echoSuffix],
    ['upper', 'asciiUppercase', m.asciiUppercase],
  ];
  const run = guarded('strings-error', async () => {
    const text = $('text').value;
    await inspector.track(`strings on ${utf8Length(text)} UTF-8 bytes`, () => {
      for (const [id, , fn] of calls) {
        const out = fn(text);
        $(`out-${id}`).textContent = out;
        $(`bytes-${id}`).textContent = `${utf8Length(text)} → ${utf8Length(out)}`;
      }
    });
  });
  $('text').addEventListener('input', run);
  $('strings-form').addEventListener('submit', (e) => {
    e.preventDefault();
    run();
  });
  return run;
}
