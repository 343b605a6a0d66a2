// Vite config of the memory lab. The page imports `rust-wasm-memory` by
// name, as a user's app would; scripts/build.mjs links
// node_modules/rust-wasm-memory to the freshly built pkg/, which lives
// outside this folder (as does bench/suite.mjs), hence fs.allow.
//
// `npm run build:www` writes a static build to www/dist with relative URLs
// (base './'), so it works from any static file server and any path.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

import { CSP } from './csp.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const headers = { 'Content-Security-Policy': CSP };

export default defineConfig({
  root: here,
  base: './',
  clearScreen: false,
  server: {
    host: '127.0.0.1',
    strictPort: true,
    headers,
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
  preview: { host: '127.0.0.1', strictPort: true, headers },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // Keep the .wasm files as files: inlining them as data: URLs would
    // need a looser CSP.
    assetsInlineLimit: 0,
  },
});
