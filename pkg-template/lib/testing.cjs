// `require('rust-wasm-memory/testing')`: the ESM module itself (Node >= 20.19).
module.exports = require('./testing.js');
