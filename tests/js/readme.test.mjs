// Every ```js block of README.md and of the package's README
// (pkg-template/README.md) is checked by the Node that runs this suite
// (`node --check`: so none is a SyntaxError on the oldest Node the package
// supports), then run: in Node, or in headless Chromium when it uses the
// DOM. A block runs as a module in a scratch directory under target/, so
// `rust-wasm-memory` resolves to the built package; beside it are the files
// the prose names (histogram.wasm, the example crate's module, also as
// my_module.wasm, and the component transpiled by jco as ./text-processor/).
// The only names a block may use without defining them are the ones the
// prose defines around it: `myCall` (README.md's inspector example).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { launchChromium } from './support/browser.mjs';
import { serveStatic } from './support/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const scratch = join(root, 'target', 'readme-snippets');
const HISTOGRAM = join(root, 'examples', 'histogram', 'dist', 'histogram.wasm');
const PRELUDE = 'globalThis.myCall ??= () => 0;\n';

/** The ```js blocks of a Markdown file, with the line each starts on. */
function blocks(file) {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map((m) => ({ code: m[1], line: text.slice(0, m.index).split('\n').length }));
}

const SOURCES = ['README.md', 'pkg-template/README.md'];

before(() => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  cpSync(HISTOGRAM, join(scratch, 'histogram.wasm'));
  cpSync(HISTOGRAM, join(scratch, 'my_module.wasm'));
  cpSync(join(root, 'target', 'component-js'), join(scratch, 'text-processor'), { recursive: true });
});

after(() => rmSync(scratch, { recursive: true, force: true }));

for (const source of SOURCES) {
  describe(source, () => {
    const found = blocks(source);
    test('has code blocks to check', () => assert.ok(found.length >= 4, `${found.length} blocks`));

    for (const { code, line } of found) {
      const name = `${source.replace(/\W+/g, '-')}-${line}.mjs`;
      const browser = /\bdocument\b/.test(code);

      test(`line ${line}: parses on this Node (${process.version}) and runs ${browser ? 'in Chromium' : 'in Node'}`, async () => {
        const file = join(scratch, name);
        writeFileSync(file, PRELUDE + code);
        try {
          execFileSync(process.execPath, ['--check', file], { stdio: 'pipe' });
        } catch (e) {
          assert.fail(`${source}:${line} does not parse:\n${e.stderr}`);
        }
        if (browser) await runInPage(name);
        else {
          try {
            execFileSync(process.execPath, [file], { cwd: scratch, stdio: 'pipe', encoding: 'utf8' });
          } catch (e) {
            assert.fail(`${source}:${line} failed in Node:\n${e.stderr}`);
          }
        }
      });
    }
  });
}

/** Runs a block as the module of a page with an import map to the built package. */
async function runInPage(name) {
  const imports = {
    'rust-wasm-memory': '/pkg/lib/index.js',
    'rust-wasm-memory/raw': '/pkg/raw/index.js',
    'rust-wasm-memory/inspector': '/pkg/inspector/index.js',
  };
  const page = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><div id="memory"></div>
<script type="importmap">${JSON.stringify({ imports })}</script>
<script type="module">
window.addEventListener('error', (e) => { document.title = 'error: ' + e.message; });
import('./${name}').then(() => { document.title = 'done'; }, (e) => { document.title = 'error: ' + e; });
</script>`;
  writeFileSync(join(scratch, `${name}.html`), page);
  const server = await serveStatic(root);
  const chromium = await launchChromium();
  try {
    const tab = await chromium.newPage();
    await tab.goto(`${server.url}target/readme-snippets/${name}.html`);
    await tab.waitForFunction(() => document.title !== '', null, { timeout: 20000 });
    assert.equal(await tab.title(), 'done');
    assert.deepEqual(tab.errors, []);
  } finally {
    await chromium.close();
    await server.close();
  }
}
