// Vite config of the demo site. The page imports `rust-wasm-memory` by name,
// as a user's app would; scripts/build.mjs links node_modules/rust-wasm-memory
// to the freshly built pkg/, which lives outside this folder, hence fs.allow.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  clearScreen: false,
  server: {
    host: '127.0.0.1',
    strictPort: true,
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
  },
});
