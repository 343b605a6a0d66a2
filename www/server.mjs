// Starts the demo's Vite dev server on 127.0.0.1. Used by `npm run demo`
// (scripts/demo.mjs) and by the browser tests, so both serve the same thing.
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

/** Resolves to `{ url, close }` once the server listens on `port`. */
export async function startDemo({ port = 5173, logLevel = 'info' } = {}) {
  const server = await createServer({
    configFile: fileURLToPath(new URL('./vite.config.js', import.meta.url)),
    logLevel,
    server: { port },
  });
  await server.listen();
  const url = server.resolvedUrls?.local?.[0] ?? `http://127.0.0.1:${port}/`;
  return { url, close: () => server.close() };
}
