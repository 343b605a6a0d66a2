// `require('rust-wasm-memory/raw')`: the ESM Node entry itself, loaded
// synchronously (Node >= 20.19), so one process has one toolkit.
module.exports = require('./node.js');
