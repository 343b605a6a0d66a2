// The lab's Content-Security-Policy, sent as a header by the dev and
// preview servers (www/vite.config.js) and, for static hosting, written into
// index.html as a <meta> tag (the same string; tests/js/demo.test.mjs checks
// both). 'wasm-unsafe-eval' lets the page compile WebAssembly; nothing allows
// eval or inline script or style. connect-src 'self' covers fetching the
// .wasm files and, in dev, Vite's HMR websocket on the same host.
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');
