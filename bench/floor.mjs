// Assembles bench/floor.wat (the hand-written floors) with binaryen, in
// Node only: bench/run.mjs writes the bytes to pkg/bench/floor.wasm for the
// browsers' page, and the tests assemble their own.
import { readFileSync } from 'node:fs';
import binaryen from 'binaryen';

/** @returns {Uint8Array} the floor module's bytes */
export function assembleFloor() {
  const module = binaryen.parseText(readFileSync(new URL('./floor.wat', import.meta.url), 'utf8'));
  try {
    module.setFeatures(binaryen.Features.SIMD128);
    if (!module.validate()) throw new Error('bench/floor.wat does not validate');
    return module.emitBinary();
  } finally {
    module.dispose();
  }
}
