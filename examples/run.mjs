#!/usr/bin/env node
// Runs the tutorial's walk-through against the packaged raw.wasm, loaded the
// tutorial's way: `WebAssembly.instantiate(bytes, {})`. Build first (npm run build).
//   node examples/run.mjs
import { readFile } from 'node:fs/promises';

import * as walk from './walkthrough.mjs';

const bytes = await readFile(new URL('../pkg/raw/raw.wasm', import.meta.url));
const { instance } = await WebAssembly.instantiate(bytes, {});
const ex = instance.exports;

console.log('exports:', Object.keys(ex).join(' '));
console.log('fill_doubles:', walk.demoFillDoubles(ex));
console.log('echo_suffix:', walk.demoEchoSuffix(ex));
console.log('callSum:', walk.demoCallSum(ex));
const look = walk.memoryLook(ex);
console.log('memory look:', { ...look, first64: look.first64.join(' ') });
console.log('overflow guard:', walk.assertNoOverflow(ex));
