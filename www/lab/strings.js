// Strings panel: the four string functions on one input, with the UTF-8
// byte counts that actually cross the boundary.
import { drawUtf } from './diagrams.js';
import { $, guarded, utf8Length } from './util.js';

/** @param {{ m: typeof import('rust-wasm-memory'), raw: import('rust-wasm-memory/raw').RawModule, inspector: ReturnType<typeof import('rust-wasm-memory/inspector').createInspector> }} lab */
export function stringsPanel({ m, raw, inspector }) {
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
    // The diagram's bytes are read back from wasm memory: the text written
    // into a block by the toolkit, as the glue writes it for a call.
    const block = raw.writeString(text);
    try {
      drawUtf($('diagram-utf'), { text, bytes: block.view(Uint8Array).toArray(), ptr: block.ptr });
    } finally {
      block.free();
    }
  });
  $('text').addEventListener('input', run);
  $('strings-form').addEventListener('submit', (e) => {
    e.preventDefault();
    run();
  });
  return run;
}
