#!/usr/bin/env node
// `npm run demo`: serves www/ with Vite on 127.0.0.1:$PORT (default 5173)
// and prints the URL. pkg/ must be built first (npm run demo does that).
import { startDemo } from '../www/server.mjs';

const port = Number(process.env.PORT ?? 5173);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be an integer from 0 to 65535, got ${process.env.PORT}`);
  process.exit(2);
}
const demo = await startDemo({ port, logLevel: 'warn' });
console.log(`\n  rust-wasm-memory demo: ${demo.url}\n  (Ctrl+C to stop)\n`);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await demo.close();
    process.exit(0);
  });
}
