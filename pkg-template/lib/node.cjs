// The Node entry for `require('rust-wasm-memory')`: the ESM entry itself,
// loaded synchronously (Node >= 20.19), so `import` and `require` in one
// process share one instance and one set of error classes.
module.exports = require('./node.js');
