// @ts-check
// Which wasm instances have trapped, shared by the faces that can share one
// instance: the package's API layer and `RawModule`s over the package's
// module (`new RawModule(await init())`). Whichever face sees a trap first
// says so here, and every other face over that instance hears of it once,
// so none goes on calling a trapped instance.

/** Instances (their exports objects) known to have trapped. */
const dead = new WeakSet();
/** @type {WeakMap<object, Set<() => void>>} */
const listeners = new WeakMap();

/**
 * Calls `listener` (once) when the instance whose exports are `exports`
 * traps, through any face.
 * @param {object} exports
 * @param {() => void} listener
 */
export function onTrap(exports, listener) {
  let set = listeners.get(exports);
  if (set === undefined) {
    set = new Set();
    listeners.set(exports, set);
  }
  set.add(listener);
}

/**
 * The instance whose exports are `exports` trapped: tells every listener,
 * the first time only.
 * @param {object} exports
 */
export function trapped(exports) {
  if (dead.has(exports)) return;
  dead.add(exports);
  for (const listener of listeners.get(exports) ?? []) listener();
  listeners.delete(exports);
}

/**
 * Whether the instance whose exports are `exports` is known to have trapped.
 * @param {object} exports
 */
export function hasTrapped(exports) {
  return dead.has(exports);
}
