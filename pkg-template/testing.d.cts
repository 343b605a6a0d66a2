// Types of `require('rust-wasm-memory/testing')`.
import * as testing from './testing.js';
export = testing;
