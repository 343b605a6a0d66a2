// @ts-check
// The typed host toolkit for modules built with rust-wasm-memory-kit
// (`rust-wasm-memory/raw`). It turns the tutorial's (ptr, len) protocol into
// something hard to misuse, by concern:
// - ../lib/errors.js: every status code as a typed Error subclass;
// - memory.js: `MemoryView`, checked views that survive `memory.grow`;
// - blocks.js: `Block`, memory the host owns, freed exactly once;
// - module.js: `KitModule`, any module with the kit's handshake, its
//   exports guarded (a trap poisons it), and `declare` for typed calls;
// - declare.js: `types`, and how a declared call lays out, copies and frees;
// - demo.js: `RawModule`, the package's own raw module, a thin layer of
//   declared calls over `KitModule`.
//
// No environment-specific code here: `index.js` (browsers, bundlers) and
// `node.js` (Node) load .wasm files and wrap them.

export {
  BadAlignError,
  CannotNormalizeError,
  errorFor,
  InvalidArgumentError,
  InvalidUtf8Error,
  MisalignedError,
  NotOwnedError,
  NullPointerError,
  OutOfBoundsError,
  OutOfMemoryError,
  OverflowError,
  OverlapError,
  PanicError,
  PoisonedError,
  RawError,
  StaleInstanceError,
  Status,
  UnknownStatusError,
  UseAfterFreeError,
  WrongLengthError,
  ZeroLengthError,
} from '../lib/errors.js';
export { Block } from './blocks.js';
export { types } from './declare.js';
export { instantiate, RawModule, REQUIRED_EXPORTS } from './demo.js';
export { MemoryView } from './memory.js';
export { instantiateKit, KitModule } from './module.js';
