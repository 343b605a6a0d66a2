#!/usr/bin/env node
// The API reference: typedoc over the package's type declarations (the
// entry, /raw, /inspector, /testing, as users import them) and rustdoc over
// the crates (the kit, the core, the wasm-bindgen crate, the inspector),
// into one folder with an index page. `npm run build:www` writes it to
// www/public/api/, which Vite copies into the static build and serves in
// `npm run demo`; the lab links to it when it is there. pkg/ must be built.
//
//   node scripts/api-docs.mjs [--out DIR]   (default www/public/api)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const out = argv.includes('--out') ? resolve(argv[argv.indexOf('--out') + 1]) : join(root, 'www', 'public', 'api');
const CRATES = ['rust-wasm-memory-kit', 'rust-wasm-memory-core', 'rust-wasm-memory', 'rust-wasm-memory-inspect'];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

console.log('[api-docs] typedoc -> js/');
execFileSync(join(root, 'node_modules', '.bin', 'typedoc'), ['--options', join(root, 'typedoc.json'), '--out', join(out, 'js'), '--logLevel', 'Error'], {
  cwd: root,
  stdio: 'inherit',
});

console.log('[api-docs] cargo doc -> rust/');
execFileSync('cargo', ['doc', '--no-deps', ...CRATES.flatMap((c) => ['-p', c])], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, RUSTDOCFLAGS: '-D warnings' },
});
cpSync(join(root, 'target', 'doc'), join(out, 'rust'), { recursive: true });

const rust = CRATES.map((c) => `<li><a href="rust/${c.replaceAll('-', '_')}/index.html"><code>${c}</code></a></li>`).join('\n      ');
writeFileSync(
  join(out, 'index.html'),
  `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>rust-wasm-memory API reference</title>
    <link rel="icon" href="data:,">
  </head>
  <body>
    <h1>rust-wasm-memory API reference</h1>
    <h2>JavaScript and TypeScript (the npm package)</h2>
    <ul>
      <li><a href="js/index.html">rust-wasm-memory</a>: the entry, <code>/raw</code>, <code>/inspector</code> and <code>/testing</code> (typedoc)</li>
    </ul>
    <h2>Rust (the crates, rustdoc)</h2>
    <ul>
      ${rust}
    </ul>
    <p><a href="../">Back to the memory lab</a></p>
  </body>
</html>
`,
);
console.log(`[api-docs] wrote ${out}`);
