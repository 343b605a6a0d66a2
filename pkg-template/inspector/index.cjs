// `require('rust-wasm-memory/inspector')`: the ESM module itself (Node >= 20.19).
module.exports = require('./index.js');
