// Types of `require('rust-wasm-memory/raw')`: the same module as the ESM entry.
import * as raw from './index.js';
export = raw;
