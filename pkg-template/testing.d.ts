// Types of `rust-wasm-memory/testing`: aids for testing your own recovery
// code. Initialise the package (`await init()`) first.

/**
 * Panics inside wasm on purpose with `message`. The call throws the
 * `PanicError` a real bug would (message and location from the panic
 * record), and the next call runs on a fresh instance.
 */
export declare function panicProbe(message: string): never;

/** Live `JsValue` slots in wasm-bindgen's externref table of the current instance (for leak tests). */
export declare function externrefsLive(): number;

/** The raw exports of the current instance (a new object after a panic). */
export declare function currentExports(): WebAssembly.Exports & { memory: WebAssembly.Memory };
