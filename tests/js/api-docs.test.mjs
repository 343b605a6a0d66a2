// The API reference `npm run build:www` adds to the static lab
// (scripts/api-docs.mjs): typedoc over the package's types and rustdoc
// over the crates, and the lab's link to it, which appears only when the
// reference is there.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

import { launchChromium } from './support/browser.mjs';
import { serveStatic } from './support/static-server.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
let dir;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'rwm-api-'));
  execFileSync(process.execPath, [join(root, 'scripts', 'api-docs.mjs'), '--out', join(dir, 'public', 'api')], {
    cwd: root,
    stdio: 'pipe',
    maxBuffer: 256 * 1024 * 1024,
  });
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('typedoc documents every entry point as users import it, and rustdoc every crate', () => {
  const api = join(dir, 'public', 'api');
  const index = readFileSync(join(api, 'index.html'), 'utf8');
  for (const crate of ['rust_wasm_memory_kit', 'rust_wasm_memory_core', 'rust_wasm_memory', 'rust_wasm_memory_inspect']) {
    assert.match(index, new RegExp(`href="rust/${crate}/index.html"`));
    assert.ok(existsSync(join(api, 'rust', crate, 'index.html')), crate);
  }
  assert.ok(existsSync(join(api, 'rust', 'rust_wasm_memory_core', 'fn.normalize_peak.html')), 'core::normalize_peak');
  assert.ok(existsSync(join(api, 'rust', 'rust_wasm_memory_kit', 'macro.export.html')), 'kit::export!');
  const js = readFileSync(join(api, 'js', 'index.html'), 'utf8');
  assert.match(js, /rust-wasm-memory/);
  const pages = execFileSync('find', [join(api, 'js'), '-name', '*.html'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  for (const page of ['normalizePeak', 'KitModule', 'MemoryView', 'createInspector', 'panicProbe', 'F32Buffer']) {
    assert.match(pages, new RegExp(`[./]${page}\\.html`), `a page for ${page}`);
  }
  const peak = readFileSync(
    pages.split('\n').find((p) => p.endsWith('index.normalizePeak.html')),
    'utf8',
  );
  assert.match(peak, /Peak normalization/, "normalizePeak's page carries its doc comment");
});

test('the static lab links the reference when it is there, and the link works', async () => {
  const out = join(dir, 'site');
  await build({
    configFile: join(root, 'www', 'vite.config.js'),
    logLevel: 'silent',
    publicDir: join(dir, 'public'),
    build: { outDir: out, emptyOutDir: true },
  });
  const server = await serveStatic(out);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForSelector('#api-link:not([hidden])', { timeout: 30000 });
    await page.getByRole('link', { name: 'API reference' }).click();
    await page.waitForURL(/\/api\/$/);
    assert.equal(await page.title(), 'rust-wasm-memory API reference');
    await page.locator('a[href="js/index.html"]').click();
    await page.waitForURL(/\/api\/js\/index\.html$/);
    assert.match(await page.title(), /rust-wasm-memory/);
    assert.deepEqual(page.errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
