// Vite config of the memory lab. The page imports `rust-wasm-memory` by
// name, as a user's app would; scripts/build.mjs links
// node_modules/rust-wasm-memory to the freshly built pkg/, which lives
// outside this folder (as does bench/suite.mjs), hence fs.allow.
//
// `npm run build:www` writes a static build to www/dist with relative URLs
// (base './'), so it works from any static file server and any path.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

import { CSP } from './csp.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const headers = { 'Content-Security-Policy': CSP };

/**
 * Shows the menu's "API reference" link when the reference is in the
 * public folder (`npm run build:www` writes it there with
 * scripts/api-docs.mjs), so the page never links, or requests, a missing
 * page. Decided when the HTML is served or built, not in the browser.
 * @returns {import('vite').Plugin}
 */
function apiLink() {
  let publicDir = '';
  return {
    name: 'rwm-api-link',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    transformIndexHtml(html) {
      const present = Boolean(publicDir) && existsSync(join(publicDir, 'api', 'index.html'));
      return present ? html.replace('<li id="api-link" hidden>', '<li id="api-link">') : html;
    },
  };
}

export default defineConfig({
  root: here,
  plugins: [apiLink()],
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
