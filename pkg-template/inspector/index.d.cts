// Types of `require('rust-wasm-memory/inspector')`.
import * as inspector from './index.js';
export = inspector;
