// "Your module": open any .wasm file in the page. It is read with
// `describeModule` (inspect.wasm: wasmparser built with the kit), shown
// (exports, imports, memories, data segments), instantiated when the page
// can satisfy its imports (none, or only memories), and then its exported
// functions can be called with numbers, a module built with the kit can
// have blocks allocated and written, and its memory is shown in an
// inspector of its own. A bad file gets a message and leaves the page as
// it was.
import { createInspector, describeModule, layoutOf, MAX_MODULE_BYTES } from 'rust-wasm-memory/inspector';
import { KitModule } from 'rust-wasm-memory/raw';

import { $, bytes, guarded, hex, row, showError } from './util.js';

const NUMBER_TYPES = new Set(['i32', 'i64', 'f32', 'f64']);

/**
 * One argument typed by a person, as the wasm type wants it.
 * @param {string} text
 * @param {string} type
 */
function argument(text, type) {
  const t = text.trim();
  if (type === 'i64') {
    if (!/^[+-]?\d+$/.test(t)) throw new TypeError(`"${t}" is not an integer (an i64 argument)`);
    return BigInt(t);
  }
  const value = Number(t);
  if (t === '' || Number.isNaN(value)) throw new TypeError(`"${t}" is not a number`);
  if (type === 'i32' && !Number.isInteger(value)) throw new RangeError(`${t} is not an integer (an i32 argument)`);
  return value;
}

export function yoursPanel() {
  /** What is open: its description, and its instance if there is one. @type {any} */
  let current = null;

  const drop = $('drop');
  const input = $('wasm-file');
  input.addEventListener('change', () => {
    const file = input.files?.[0];
    if (file) open(file);
  });
  drop.addEventListener('dragover', (event) => {
    event.preventDefault();
    drop.classList.add('over');
  });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    const file = event.dataTransfer?.files?.[0];
    if (file) open(file);
  });

  /**
   * Reads, shows and (if it can) instantiates `file`.
   * @param {File} file
   */
  async function open(file) {
    showError('yours-error', null);
    try {
      if (file.size > MAX_MODULE_BYTES) {
        throw new RangeError(`${file.name} is ${bytes(file.size)}; the lab opens modules up to ${bytes(MAX_MODULE_BYTES)}`);
      }
      const buffer = new Uint8Array(await file.arrayBuffer());
      const description = await describeModule(buffer);
      current = { name: file.name, description, instance: null, kit: null, blocks: [] };
      render(file.name, description);
      await instantiate(buffer, description);
    } catch (error) {
      showError('yours-error', error);
    } finally {
      document.body.dataset.yours = String(Number(document.body.dataset.yours ?? 0) + 1);
    }
  }

  /**
   * @param {string} name
   * @param {import('rust-wasm-memory/inspector').ModuleDescription} d
   */
  function render(name, d) {
    $('yours-view').hidden = false;
    $('yours-file').textContent = `${name}, ${bytes(d.size)}${d.start ? ', with a start function' : ''}`;
    $('yours-kit').textContent = d.kit ? 'yes (it exports rwm_kit_handshake)' : 'no';
    const signature = (/** @type {{ kind: string, params: string[], results: string[] }} */ e) =>
      e.kind === 'func' ? `(${e.params.join(', ')}) → (${e.results.join(', ')})` : '';
    const exports = /** @type {HTMLElement} */ ($('yours-exports').querySelector('tbody'));
    exports.replaceChildren();
    for (const e of d.exports) row(exports, [e.name, e.kind, signature(e)]);
    const imports = /** @type {HTMLElement} */ ($('yours-imports').querySelector('tbody'));
    imports.replaceChildren();
    for (const i of d.imports) row(imports, [`${i.module}.${i.name}`, i.kind, i.kind === 'memory' ? `${i.initial} pages min` : signature(i)]);
    if (!d.imports.length) row(imports, ['none', '', '']);
    const memories = $('yours-memories');
    memories.replaceChildren();
    for (const m of d.memories) {
      const li = document.createElement('li');
      li.textContent = `memory: ${m.initial} pages (${bytes(m.initial * 65536)}) initial, maximum ${m.maximum === null ? 'none' : `${m.maximum} pages`}${m.shared ? ', shared' : ''}${m.memory64 ? ', 64-bit' : ''}`;
      memories.append(li);
    }
    const data = /** @type {HTMLElement} */ ($('yours-data').querySelector('tbody'));
    data.replaceChildren();
    for (const s of d.data) row(data, [s.memory === null ? 'passive' : String(s.memory), s.offsetText, String(s.size)]);
    $('yours-instance').textContent = '';
    $('yours-call').hidden = true;
    $('yours-blocks').hidden = true;
    $('yours-inspector').replaceChildren();
  }

  /**
   * @param {Uint8Array} buffer
   * @param {import('rust-wasm-memory/inspector').ModuleDescription} d
   */
  async function instantiate(buffer, d) {
    const status = $('yours-instance');
    const needs = d.imports.filter((i) => i.kind !== 'memory');
    if (needs.length) {
      status.textContent = `not instantiated: it imports ${needs.map((i) => `${i.module}.${i.name} (${i.kind})`).join(', ')}, and the lab can provide only memories`;
      return;
    }
    /** @type {Record<string, Record<string, WebAssembly.Memory>>} */
    const imports = {};
    /** @type {WebAssembly.Memory | null} */
    let memory = null;
    for (const i of d.imports) {
      memory = new WebAssembly.Memory({ initial: i.initial, ...(i.maximum === null ? {} : { maximum: i.maximum }) });
      imports[i.module] ??= {};
      imports[i.module][i.name] = memory;
    }
    let instance;
    try {
      ({ instance } = await WebAssembly.instantiate(/** @type {BufferSource} */ (buffer), imports));
    } catch (error) {
      const e = /** @type {Error} */ (error);
      status.textContent =
        e instanceof WebAssembly.RuntimeError ? `not instantiated: its start function trapped (${e.message})` : `not instantiated: ${e.name}: ${e.message}`;
      return;
    }
    current.instance = instance;
    memory ??= /** @type {WebAssembly.Memory | null} */ (Object.values(instance.exports).find((v) => v instanceof WebAssembly.Memory) ?? null);
    if (d.kit) {
      try {
        current.kit = new KitModule(instance);
      } catch (error) {
        status.textContent = `instantiated, but not usable as a kit module: ${/** @type {Error} */ (error).message}`;
      }
    }
    if (!status.textContent)
      status.textContent = `instantiated${current.kit ? ` (kit ${current.kit.handshake.kitVersion}, ABI ${current.kit.handshake.abiVersion})` : ''}`;
    const callable = d.exports.filter((e) => e.kind === 'func' && e.params.every((p) => NUMBER_TYPES.has(p)) && e.results.every((r) => NUMBER_TYPES.has(r)));
    const select = $('call-name');
    select.replaceChildren();
    for (const e of callable) {
      const option = document.createElement('option');
      option.value = e.name;
      option.textContent = `${e.name}(${e.params.join(', ')})`;
      select.append(option);
    }
    $('yours-call').hidden = callable.length === 0;
    $('yours-blocks').hidden = current.kit === null;
    $('block-list').replaceChildren();
    // The map labels the module's stack, static data and heap from its
    // description (an exported __stack_pointer is read live).
    const layout = layoutOf(current.description, current.instance?.exports);
    current.inspector = memory ? createInspector($('yours-inspector'), { memory, layout, ...(current.kit ? { kit: current.kit } : {}) }) : null;
    if (!memory) $('yours-inspector').textContent = 'It has no memory to show.';
  }

  $('call-form').addEventListener(
    'submit',
    guarded('call-error', async (/** @type {Event} */ event) => {
      event.preventDefault();
      $('call-result').textContent = '';
      if (!current?.instance) throw new Error('open a module that can be instantiated first');
      const name = $('call-name').value;
      const e = current.description.exports.find((/** @type {any} */ x) => x.name === name);
      const texts = $('call-args')
        .value.split(',')
        .filter((t) => t.trim() !== '');
      if (texts.length !== e.params.length)
        throw new TypeError(`${name} takes ${e.params.length} argument${e.params.length === 1 ? '' : 's'} (${e.params.join(', ')}), got ${texts.length}`);
      const args = texts.map((t, i) => argument(t, e.params[i]));
      texts.forEach((t, i) => {
        texts[i] = t.trim();
      });
      // Through the kit's guarded exports when it is a kit module (a trap
      // then poisons it); the bare export otherwise.
      const fn = (current.kit?.exports ?? current.instance.exports)[name];
      const run = () => fn(...args);
      let result;
      try {
        result = current.inspector ? await current.inspector.track(`${name}(${texts.join(', ')})`, run) : run();
      } catch (error) {
        const err = /** @type {Error} */ (error);
        throw err instanceof WebAssembly.RuntimeError ? Object.assign(new Error(`${name} trapped: ${err.message}`), { name: 'RuntimeError' }) : err;
      }
      $('call-result').textContent = `${name}(${texts.join(', ')}) = ${result === undefined ? '(nothing)' : String(result)}`;
    }),
  );

  $('block-form').addEventListener(
    'submit',
    guarded('block-error', async (/** @type {Event} */ event) => {
      event.preventDefault();
      const kit = current?.kit;
      if (!kit) throw new Error('open a module built with the kit first');
      const text = $('block-text').value;
      const block = await current.inspector.track(`alloc + write ${JSON.stringify(text)}`, () => kit.writeString(text));
      const owner = `block ${hex(block.ptr)}`;
      current.inspector.setRegion(owner, { ptr: block.ptr, len: block.byteLength, label: owner });
      const li = document.createElement('li');
      li.append(`${hex(block.ptr)}, ${block.byteLength} bytes: ${JSON.stringify(text)} `);
      const free = document.createElement('button');
      free.type = 'button';
      free.textContent = 'Free';
      free.addEventListener(
        'click',
        guarded('block-error', async () => {
          await current.inspector.track(`free ${hex(block.ptr)}`, () => block.free());
          current.inspector.setRegion(owner, null);
          li.remove();
        }),
      );
      li.append(free);
      $('block-list').append(li);
      current.inspector.show(block.ptr);
    }),
  );

  return {
    open,
    get current() {
      return current;
    },
  };
}
