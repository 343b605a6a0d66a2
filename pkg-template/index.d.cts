// Types of `require('rust-wasm-memory')`: the same module as the ESM entry.
import * as rwm from './index.js';
export = rwm;
