// Packaging: `npm pack` of pkg/, installed into freshly made consumers the
// way users install it, then used from each environment the `exports` map
// promises: Node ESM and CJS, Deno, Bun, an esbuild bundle for Node, apps
// bundled by Vite, webpack 5, rollup and esbuild (run in headless
// Chromium), a plain page with no bundler, a module Worker in Chromium and
// Firefox, and TypeScript with --strict. Where a bundler needs a step, the
// test takes exactly the recipe the package README gives.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { launchChromium } from './support/browser.mjs';
import { freePort } from './support/ports.mjs';
import { serveCommand } from './support/serve-command.mjs';
import { serveStatic } from './support/static-server.mjs';
import { withBrowser } from './support/webdriver.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

// The same probe runs in every consumer; only how it imports differs.
const PROBE = `
const a = new Float32Array([1, 2, 4]);
const scaled = normalize(a);
let refused = null;
try { normalize([1, 2]); } catch (e) { refused = e.name + ': ' + e.message; }
const raw = await loadRaw();
const results = { greeting: greet('packaging'), scaled, normalized: Array.from(a), refused, raw: raw.echoSuffix('raw') };
`;
const EXPECTED = {
  greeting: 'Hello, packaging',
  scaled: true,
  normalized: [0.25, 0.5, 1],
  refused: 'TypeError: normalize: values must be a Float32Array, got Array',
  raw: 'raw_echo',
};

let work;
let tarball;
let browser;

function consumer(name, files) {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', tarball], { cwd: dir, stdio: 'pipe' });
  return dir;
}

const packageJson = (type) => JSON.stringify({ name: 'consumer', private: true, type });

async function resultsFromPage(url) {
  const page = await browser.newPage();
  await page.goto(url);
  // #results exists (empty) before the module fills it: wait for content.
  await page.waitForFunction(() => document.getElementById('results')?.textContent, null, { timeout: 15000 });
  const text = await page.locator('#results').textContent();
  assert.deepEqual(page.errors, []);
  await page.close();
  return JSON.parse(text);
}

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'rwm-packaging-'));
  const out = execFileSync('npm', ['pack', join(root, 'pkg'), '--json', '--pack-destination', work], { encoding: 'utf8' });
  tarball = join(work, JSON.parse(out)[0].filename);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('npm pack', () => {
  test('the tarball holds the glue, the API layer, the wasm files, the types, the licences and no build debris', () => {
    // wasm-bindgen names the snippet folder of our inline JS (src/args.rs)
    // with a hash of its own.
    // The lab's static build names its assets with content hashes.
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map((f) => f.replace(/^package\/glue\/snippets\/rust-wasm-memory-[0-9a-f]+\//, 'package/glue/snippets/rust-wasm-memory-HASH/'))
      .map((f) => f.replace(/^(package\/lab\/assets\/[\w]+?)-[\w-]{8}\.(\w+)$/, '$1-HASH.$2'))
      .sort();
    assert.deepEqual(listing, [
      'package/CHANGELOG.md',
      'package/LICENSE-APACHE',
      'package/LICENSE-MIT',
      'package/README.md',
      'package/bin/lab.mjs',
      'package/component/text-processor.wasm',
      'package/component/text-processor.wit',
      'package/glue/rust_wasm_memory.d.ts',
      'package/glue/rust_wasm_memory.js',
      'package/glue/rust_wasm_memory_bg.wasm',
      'package/glue/rust_wasm_memory_bg.wasm.d.ts',
      'package/glue/snippets/rust-wasm-memory-HASH/inline0.js',
      'package/glue/snippets/rust-wasm-memory-HASH/inline1.js',
      'package/index.d.cts',
      'package/index.d.ts',
      'package/inspector/describe.js',
      'package/inspector/index.cjs',
      'package/inspector/index.d.cts',
      'package/inspector/index.d.ts',
      'package/inspector/index.js',
      'package/inspector/inspect.wasm',
      'package/inspector/inspector.css',
      'package/inspector/map.js',
      'package/lab/assets/index-HASH.css',
      'package/lab/assets/index-HASH.js',
      'package/lab/assets/inspect-HASH.wasm',
      'package/lab/assets/raw-HASH.wasm',
      'package/lab/assets/rust_wasm_memory_bg-HASH.wasm',
      'package/lab/index.html',
      'package/lib/api.js',
      'package/lib/contract.js',
      'package/lib/errors.d.ts',
      'package/lib/errors.js',
      'package/lib/index.js',
      'package/lib/instances.js',
      'package/lib/intrinsics.js',
      'package/lib/node.cjs',
      'package/lib/node.js',
      'package/lib/packaged.js',
      'package/lib/runtime.js',
      'package/lib/testing.cjs',
      'package/lib/testing.js',
      'package/lib/trap.js',
      'package/package.json',
      'package/raw/blocks.js',
      'package/raw/declare.js',
      'package/raw/demo.js',
      'package/raw/index.d.cts',
      'package/raw/index.d.ts',
      'package/raw/index.js',
      'package/raw/memory.js',
      'package/raw/module.js',
      'package/raw/node.cjs',
      'package/raw/node.js',
      'package/raw/raw.wasm',
      'package/raw/toolkit.js',
      'package/testing.d.cts',
      'package/testing.d.ts',
      'package/wasi/rwm.wasm',
    ]);
  });

  test('publint (strict) and @arethetypeswrong/cli find nothing wrong: node10, node16 from CJS and ESM, bundler', () => {
    const run = (tool, args) => {
      try {
        return execFileSync(bin(tool), args, { encoding: 'utf8', stdio: 'pipe' });
      } catch (e) {
        assert.fail(`${tool} failed:\n${e.stdout}${e.stderr}`);
      }
    };
    assert.match(run('publint', [tarball, '--strict']), /All good!/);
    // The JS entry points; the others (.wasm, .wit, .css) are assets that
    // no module resolution is meant to turn into code.
    const attw = run('attw', [tarball, '--entrypoints', '.', './testing', './raw', './inspector', '--format', 'json']);
    const report = JSON.parse(attw.slice(attw.indexOf('{')));
    const problems = report.problems ?? report.analysis.problems;
    assert.equal(Object.keys(problems).length, 0, JSON.stringify(problems));
    for (const [entry, byResolution] of Object.entries(report.analysis.entrypoints)) {
      assert.deepEqual(Object.keys(byResolution.resolutions).sort(), ['bundler', 'node10', 'node16-cjs', 'node16-esm'], entry);
    }
  });
});

describe('consumers', () => {
  test('the lab without Rust: npx rust-wasm-memory-lab serves the shipped lab, which computes under its CSP', async () => {
    const dir = consumer('lab', { 'package.json': packageJson('module') });
    const lab = await serveCommand('npx', ['--no-install', 'rust-wasm-memory-lab', '--port', String(await freePort())], {
      cwd: dir,
      pattern: /rust-wasm-memory lab: (http:\/\/\S+)/,
      seconds: 30,
    });
    const url = lab.url;
    try {
      assert.equal((await fetch(`${url}../../etc/passwd`)).status, 404, 'nothing outside the lab');
      const page = await browser.newPage();
      const response = await page.goto(url);
      assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self' 'wasm-unsafe-eval'/);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30000 });
      await page.getByLabel('Text', { exact: true }).fill('installed');
      assert.equal(await page.locator('#out-process').textContent(), 'installed_processed');
      assert.deepEqual(page.errors, []);
      await page.close();
    } finally {
      lab.stop();
    }
  });

  test('Node ESM: import with init() works', () => {
    const dir = consumer('node-esm', {
      'package.json': packageJson('module'),
      'index.js': `import init, { greet, normalize } from 'rust-wasm-memory';\nimport { loadRaw } from 'rust-wasm-memory/raw';\nawait init();\n${PROBE}\nconsole.log(JSON.stringify(results));`,
    });
    assert.deepEqual(JSON.parse(execFileSync('node', ['index.js'], { cwd: dir, encoding: 'utf8' })), EXPECTED);
  });

  test('Node: the packaged WASI command runs under node:wasi, and the component is a component', () => {
    const dir = consumer('node-wasi', {
      'package.json': packageJson('module'),
      'index.js': [
        "import { readFileSync } from 'node:fs';",
        "import { WASI } from 'node:wasi';",
        'const bytes = (p) => readFileSync(new URL(import.meta.resolve(p)));',
        "const wasi = new WASI({ version: 'preview1', args: ['rwm', 'greet'], env: { USER: 'npm' }, returnOnExit: true });",
        "const instance = await WebAssembly.instantiate(await WebAssembly.compile(bytes('rust-wasm-memory/wasi/rwm.wasm')), wasi.getImportObject());",
        'const code = wasi.start(instance);',
        "const component = bytes('rust-wasm-memory/component/text-processor.wasm');",
        "const wit = bytes('rust-wasm-memory/component/text-processor.wit').toString();",
        // A component's preamble: magic, then version 0x0d and layer 1.
        'console.error(JSON.stringify({ code, layer: Array.from(component.subarray(4, 8)), world: /world text-processor/.test(wit) }));',
      ].join('\n'),
    });
    const run = spawnSync('node', ['--no-warnings', 'index.js'], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.stdout, 'Hello, npm from WASI!\n');
    assert.deepEqual(JSON.parse(run.stderr), { code: 0, layer: [0x0d, 0, 1, 0], world: true });
  });

  test('Node CJS: require works synchronously, for the entry and rust-wasm-memory/raw', () => {
    const dir = consumer('node-cjs', {
      'package.json': packageJson('commonjs'),
      'index.js': `const { greet, normalize } = require('rust-wasm-memory');\nconst { loadRaw } = require('rust-wasm-memory/raw');\n(async () => {\n${PROBE}\nconsole.log(JSON.stringify(results));\n})();`,
    });
    assert.deepEqual(JSON.parse(execFileSync('node', ['index.js'], { cwd: dir, encoding: 'utf8' })), EXPECTED);
  });

  test('Node: import and require in one process share one instance', () => {
    const dir = consumer('node-dual', {
      'package.json': packageJson('module'),
      'index.js': [
        `import { createRequire } from 'node:module';`,
        `import init from 'rust-wasm-memory';`,
        `const viaImport = await init();`,
        `const viaRequire = createRequire(import.meta.url)('rust-wasm-memory').initSync();`,
        `console.log(viaImport.memory === viaRequire.memory);`,
      ].join('\n'),
    });
    assert.equal(execFileSync('node', ['index.js'], { cwd: dir, encoding: 'utf8' }).trim(), 'true');
  });

  test('Vite: vite build output runs in headless Chromium', async () => {
    const dir = consumer('vite-app', {
      'package.json': packageJson('module'),
      'index.html': `<!doctype html><html><head><link rel="icon" href="data:,"></head><body><pre id="results"></pre><script type="module" src="/main.js"></script></body></html>`,
      'main.js': `import init, { greet, normalize } from 'rust-wasm-memory';\nimport { loadRaw } from 'rust-wasm-memory/raw';\nawait init();\n${PROBE}\ndocument.getElementById('results').textContent = JSON.stringify(results);`,
    });
    execFileSync(bin('vite'), ['build', '--logLevel', 'warn'], { cwd: dir, stdio: 'pipe', env: { ...process.env, NODE_ENV: 'production' } });
    const server = await serveStatic(join(dir, 'dist'));
    try {
      assert.deepEqual(await resultsFromPage(server.url), EXPECTED);
    } finally {
      await server.close();
    }
  });

  test('plain page: <script type="module"> with an import map, no bundler', async () => {
    const dir = consumer('plain-page', {
      'package.json': packageJson('module'),
      'index.html': [
        `<!doctype html><html><head><link rel="icon" href="data:,"></head><body><pre id="results"></pre>`,
        `<script type="importmap">{"imports":{"rust-wasm-memory":"./node_modules/rust-wasm-memory/lib/index.js","rust-wasm-memory/raw":"./node_modules/rust-wasm-memory/raw/index.js"}}</script>`,
        `<script type="module">import init, { greet, normalize } from 'rust-wasm-memory';\nimport { loadRaw } from 'rust-wasm-memory/raw';\nawait init();\n${PROBE}\ndocument.getElementById('results').textContent = JSON.stringify(results);</script>`,
        `</body></html>`,
      ].join('\n'),
    });
    const server = await serveStatic(dir);
    try {
      assert.deepEqual(await resultsFromPage(server.url), EXPECTED);
    } finally {
      await server.close();
    }
  });

  const nodeProbe = `import { greet, normalize } from 'rust-wasm-memory';\nimport { loadRaw } from 'rust-wasm-memory/raw';\n${PROBE}\nconsole.log(JSON.stringify(results));`;

  test('Deno: npm install, then deno run --allow-read', () => {
    const dir = consumer('deno', { 'package.json': packageJson('module'), 'main.mjs': nodeProbe });
    const out = execFileSync(bin('deno'), ['run', '--allow-read', 'main.mjs'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
    });
    assert.deepEqual(JSON.parse(out), EXPECTED);
  });

  test("an edge worker's way: the browser entry, given the compiled module with init({ module_or_path })", () => {
    // Cloudflare-style workers import the .wasm as a WebAssembly.Module and
    // have no file system or fetch of their own files: the browser entry
    // must take the module as it is. Run in Node through the "default"
    // (browser) entry, so neither fs nor fetch is involved.
    const dir = consumer('edge', {
      'package.json': packageJson('module'),
      'worker.mjs': [
        `import { readFileSync } from 'node:fs';`,
        `const entry = new URL('./node_modules/rust-wasm-memory/lib/index.js', import.meta.url);`,
        `const { default: init, greet, normalize } = await import(entry);`,
        `const module = new WebAssembly.Module(readFileSync(new URL('./node_modules/rust-wasm-memory/glue/rust_wasm_memory_bg.wasm', import.meta.url)));`,
        `const instance = await init({ module_or_path: module });`,
        `const a = new Float32Array([1, 2, 4]);`,
        `console.log(JSON.stringify({ greeting: greet('edge'), scaled: normalize(a), normalized: Array.from(a), memory: instance.memory instanceof WebAssembly.Memory }));`,
      ].join('\n'),
    });
    const out = JSON.parse(execFileSync('node', ['worker.mjs'], { cwd: dir, encoding: 'utf8' }));
    assert.deepEqual(out, { greeting: 'Hello, edge', scaled: true, normalized: [0.25, 0.5, 1], memory: true });
  });

  test('Bun: bun main.mjs', () => {
    const dir = consumer('bun', { 'package.json': packageJson('module'), 'main.mjs': nodeProbe });
    assert.deepEqual(JSON.parse(execFileSync(bin('bun'), ['main.mjs'], { cwd: dir, encoding: 'utf8' })), EXPECTED);
  });

  test('esbuild for Node: the bundle runs from its own folder without copying any file', () => {
    const dir = consumer('esbuild-node', { 'package.json': packageJson('module'), 'main.mjs': nodeProbe });
    execFileSync(bin('esbuild'), ['main.mjs', '--bundle', '--platform=node', '--format=esm', '--outfile=dist/app.mjs', '--log-level=error'], { cwd: dir });
    assert.deepEqual(JSON.parse(execFileSync('node', ['dist/app.mjs'], { cwd: dir, encoding: 'utf8' })), EXPECTED);
  });

  const browserMain = `import init, { greet, normalize } from 'rust-wasm-memory';\nimport { loadRaw } from 'rust-wasm-memory/raw';\nawait init();\n${PROBE}\ndocument.getElementById('results').textContent = JSON.stringify(results);`;
  const shell = (script) =>
    `<!doctype html><html><head><link rel="icon" href="data:,"></head><body><pre id="results"></pre><script type="module" src="${script}"></script></body></html>`;

  /** Serves `dir` and reads the probe's results from a page there. */
  async function fromPage(dir) {
    const server = await serveStatic(dir);
    try {
      return await resultsFromPage(server.url);
    } finally {
      await server.close();
    }
  }

  test('webpack 5: no configuration beyond entry and output; the .wasm files are emitted as assets', async () => {
    const dir = consumer('webpack', {
      'package.json': packageJson('module'),
      'main.js': browserMain,
      'webpack.config.mjs': `export default { mode: 'production', entry: './main.js', output: { path: new URL('./dist', import.meta.url).pathname, filename: 'main.js' } };`,
    });
    execFileSync(bin('webpack'), ['--config', 'webpack.config.mjs'], { cwd: dir, stdio: 'pipe' });
    writeFileSync(join(dir, 'dist', 'index.html'), shell('./main.js'));
    assert.deepEqual(await fromPage(join(dir, 'dist')), EXPECTED);
  });

  test('rollup: with @rollup/plugin-node-resolve and @web/rollup-plugin-import-meta-assets (the README recipe)', async () => {
    const resolvePlugin = import.meta.resolve('@rollup/plugin-node-resolve');
    const assetsPlugin = import.meta.resolve('@web/rollup-plugin-import-meta-assets');
    const dir = consumer('rollup', {
      'package.json': packageJson('module'),
      'main.js': browserMain,
      'rollup.config.mjs': [
        `import { nodeResolve } from ${JSON.stringify(resolvePlugin)};`,
        `import { importMetaAssets } from ${JSON.stringify(assetsPlugin)};`,
        `export default { input: 'main.js', output: { dir: 'dist', format: 'es' }, plugins: [nodeResolve({ browser: true }), importMetaAssets()] };`,
      ].join('\n'),
    });
    execFileSync(bin('rollup'), ['--config', 'rollup.config.mjs', '--silent'], { cwd: dir, stdio: 'pipe' });
    writeFileSync(join(dir, 'dist', 'index.html'), shell('./main.js'));
    assert.deepEqual(await fromPage(join(dir, 'dist')), EXPECTED);
  });

  test('esbuild for the browser: the bundle, plus the two .wasm files copied beside it (the README recipe)', async () => {
    const dir = consumer('esbuild-browser', { 'package.json': packageJson('module'), 'main.js': browserMain });
    execFileSync(bin('esbuild'), ['main.js', '--bundle', '--format=esm', '--outdir=dist', '--log-level=error'], { cwd: dir });
    const pkgDir = join(dir, 'node_modules', 'rust-wasm-memory');
    copyFileSync(join(pkgDir, 'glue', 'rust_wasm_memory_bg.wasm'), join(dir, 'dist', 'rust_wasm_memory_bg.wasm'));
    copyFileSync(join(pkgDir, 'raw', 'raw.wasm'), join(dir, 'dist', 'raw.wasm'));
    writeFileSync(join(dir, 'dist', 'index.html'), shell('./main.js'));
    assert.deepEqual(await fromPage(join(dir, 'dist')), EXPECTED);
  });

  test('a module Worker, in Chromium and in Firefox: the package runs off the main thread', async () => {
    const dir = consumer('worker', {
      'package.json': packageJson('module'),
      'worker.js': [
        `import init, { greet, normalize } from './node_modules/rust-wasm-memory/lib/index.js';`,
        `import { loadRaw } from './node_modules/rust-wasm-memory/raw/index.js';`,
        `await init();`,
        PROBE,
        `postMessage(results);`,
      ].join('\n'),
      'main.js': `const worker = new Worker('./worker.js', { type: 'module' });\nworker.onmessage = (e) => { document.getElementById('results').textContent = JSON.stringify(e.data); };\nworker.onerror = (e) => { document.getElementById('results').textContent = JSON.stringify({ error: e.message }); };`,
      'index.html': shell('./main.js'),
    });
    const server = await serveStatic(dir);
    try {
      assert.deepEqual(await resultsFromPage(server.url), EXPECTED, 'Chromium');
      await withBrowser('firefox', async (session) => {
        await session.goto(server.url);
        let text = '';
        for (let i = 0; i < 100 && !text; i++) {
          text = await session.execute("return document.getElementById('results').textContent");
          if (!text) await new Promise((r) => setTimeout(r, 200));
        }
        assert.deepEqual(JSON.parse(text), EXPECTED, 'Firefox');
      });
    } finally {
      await server.close();
    }
  });

  test('TypeScript: tsc --strict accepts correct use and rejects wrong types', () => {
    const dir = consumer('typescript', {
      'package.json': packageJson('module'),
      'tsconfig.json': JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          lib: ['es2022', 'dom'],
          skipLibCheck: false,
        },
        files: ['esm.ts', 'cjs.cts'],
      }),
      'esm.ts': [
        `import init, { greet, normalize, sumU32, makeNumberArray } from 'rust-wasm-memory';`,
        `const instance = await init();`,
        `const memory: WebAssembly.Memory = instance.memory;`,
        `// @ts-expect-error: the module's low-level exports are not part of the API`,
        `instance.__wbindgen_malloc;`,
        `const s: string = greet('ts');`,
        `const scaled: boolean = normalize(new Float32Array([1, 2]));`,
        `const total: number = sumU32(makeNumberArray(4));`,
        `const arr: Uint32Array = makeNumberArray(2);`,
        `// @ts-expect-error: a plain array is not a Float32Array`,
        `normalize([1, 2]);`,
        `// @ts-expect-error: greet takes a string`,
        `greet(42);`,
        `import { loadRaw, NotOwnedError, type Block, type MemoryView } from 'rust-wasm-memory/raw';`,
        `const raw = await loadRaw();`,
        `const block: Block = raw.alloc(16, 4);`,
        `const view: MemoryView<Uint32Array> = block.view(Uint32Array);`,
        `const first: number = view.array[0];`,
        `const isTyped: boolean = new NotOwnedError(-7, 'free_buffer', 'x') instanceof Error;`,
        `// @ts-expect-error: processString takes a string`,
        `raw.processString(1);`,
        `import { PanicError, StaleInstanceError, UseAfterFreeError } from 'rust-wasm-memory';`,
        `import { PanicError as RawPanicError, PoisonedError } from 'rust-wasm-memory/raw';`,
        `const caught: unknown = null;`,
        `const where: string | null = caught instanceof PanicError ? caught.location : null;`,
        `const kind: 'panic' | 'trap' | null = caught instanceof RawPanicError ? caught.kind : null;`,
        `const fault: RawPanicError | null = raw.fault;`,
        `const typed: boolean = caught instanceof StaleInstanceError || caught instanceof UseAfterFreeError || caught instanceof PoisonedError;`,
        `// @ts-expect-error: kind is "panic" or "trap"`,
        `const wrongKind: 'abort' = (caught as PanicError).kind;`,
        `import { types as t, type KitModule } from 'rust-wasm-memory/raw';`,
        `const kit: KitModule = raw;`,
        `const histogram = kit.declare('histogram', [t.slice(Float32Array), t.f32, t.f32, t.sliceMut(Uint32Array), t.out(t.u32)]);`,
        `const outside: number = histogram(new Float32Array(2), 0, 1, new Uint32Array(4));`,
        `// @ts-expect-error: bins must be a Uint32Array`,
        `histogram(new Float32Array(2), 0, 1, new Float32Array(4));`,
        `// @ts-expect-error: four arguments, the out-param is not one`,
        `histogram(new Float32Array(2), 0, 1);`,
        `const sum = kit.declare('sum_u32', [t.slice(Uint32Array)], t.checked(t.u32));`,
        `const summed: number = sum([1, 2]);`,
        `const echo = kit.declare('echo_suffix', [t.str, t.out(t.u32), t.out(t.u32)]);`,
        `const pair: [number, number] = echo('x');`,
        `const text = kit.declare('process_string', [t.str.named('text'), t.ownedString]);`,
        `const str: string = text('x');`,
        `// @ts-expect-error: text takes a string`,
        `text(1);`,
        `const owned: Block = kit.declare('process_string', [t.str, t.ownedBlock])('x');`,
        `const nothing: void = kit.declare('fill_doubles', [t.sliceMut(Uint32Array)])(new Uint32Array(2));`,
        `const value: number = kit.declare('scale_and_add', [t.i32, t.i32, t.i32], t.i32)(1, 2, 3);`,
        `import { MemoryView as View } from 'rust-wasm-memory/raw';`,
        `const made: MemoryView<Float32Array> = new View(new WebAssembly.Memory({ initial: 1 }), Float32Array, 0, 4);`,
        `const firstFloat: number = made.array[0];`,
        `// @ts-expect-error: the element type is a typed-array class`,
        `new View(new WebAssembly.Memory({ initial: 1 }), Array, 0, 4);`,
        `import { normalizePeak, heapStats, F32Buffer } from 'rust-wasm-memory';`,
        `const peaked: boolean = normalizePeak(new Float32Array([-2, 1])) && new F32Buffer(2).normalizePeak();`,
        `const memoryBytes: number = heapStats().memoryBytes + raw.heapStats().memoryBytes;`,
        `export { s, scaled, total, arr, first, isTyped, where, kind, fault, typed, wrongKind, outside, summed, pair, str, owned, nothing, value, made, firstFloat, peaked, memoryBytes, memory };`,
      ].join('\n'),
      'cjs.cts': [
        `import raw = require('rust-wasm-memory/raw');`,
        `const loading: Promise<raw.RawModule> = raw.loadRaw();`,
        `import rwm = require('rust-wasm-memory');`,
        `const s: string = rwm.greet('cts');`,
        `const isPanic: boolean = new Error() instanceof rwm.PanicError;`,
        `// @ts-expect-error: sumU32 takes a Uint32Array`,
        `rwm.sumU32(new Float32Array(1));`,
        `export = [s, loading];`,
      ].join('\n'),
    });
    try {
      execFileSync(bin('tsc'), ['-p', dir], { cwd: dir, encoding: 'utf8' });
    } catch (e) {
      assert.fail(`tsc reported:\n${e.stdout}${e.stderr}`);
    }
  });
});
