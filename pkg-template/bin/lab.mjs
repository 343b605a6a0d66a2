#!/usr/bin/env node
// rust-wasm-memory-lab: serves the memory lab shipped in this package (the
// static build in ../lab) on 127.0.0.1, with its Content-Security-Policy
// as a header too, and prints the URL. No Rust, no build, no dependencies.
//
//   npx rust-wasm-memory-lab [--port N] [--host H]
//   (--port 0 picks a free port; the default is 5173)
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const lab = fileURLToPath(new URL('../lab/', import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

function option(name, fallback) {
  const i = process.argv.indexOf(name);
  return i < 0 ? fallback : process.argv[i + 1];
}

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log('usage: rust-wasm-memory-lab [--port N] [--host H]   serve the memory lab (default 127.0.0.1:5173)');
  process.exit(0);
}
const port = Number(option('--port', process.env.PORT ?? 5173));
const host = option('--host', '127.0.0.1');
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`rust-wasm-memory-lab: --port must be an integer from 0 to 65535, got ${option('--port', process.env.PORT)}`);
  process.exit(64);
}
if (!existsSync(join(lab, 'index.html'))) {
  console.error(`rust-wasm-memory-lab: no lab at ${lab} (a package built with --out has none)`);
  process.exit(66);
}
// The page carries its policy in a <meta> tag; the same policy goes out as
// a header, which also covers the workers and modules it loads.
const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(readFileSync(join(lab, 'index.html'), 'utf8'))?.[1];

const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  let file = normalize(join(lab, path));
  if (!file.startsWith(lab) && `${file}${sep}` !== lab) {
    res.writeHead(403).end();
    return;
  }
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file) || !statSync(file).isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    ...(csp && { 'content-security-policy': csp.replaceAll('&#39;', "'").replaceAll('&quot;', '"') }),
  });
  createReadStream(file).pipe(res);
});

server.listen(port, host, () => {
  const address = server.address();
  const where = typeof address === 'object' && address ? `http://${host}:${address.port}/` : String(address);
  console.log(`\n  rust-wasm-memory lab: ${where}\n  (Ctrl+C to stop)\n`);
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
