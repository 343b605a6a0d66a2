//! `inspect.wasm`: [`crate::describe`] as an export built with the kit, for
//! a page to read a module someone dropped there.

use rust_wasm_memory_kit::{call, export};

export! {
    /// Describes the module in the `len` bytes at `bytes` and hands the
    /// description to the host as JSON (`{"error": "..."}` if the bytes are
    /// not a valid module), writing that buffer's `[ptr, len]` to `out`.
    fn describe_module(bytes: *const u8, len: u32, out: *mut [u32; 2]) -> i32 {
        call(|host| {
            let bytes = host.slice(bytes, len as usize)?;
            let out = host.out(out)?;
            let json = match crate::describe(bytes) {
                Ok(m) => m.to_json(),
                Err(e) => {
                    let mut o = String::from("{\"error\":");
                    crate::json_str(&mut o, &e);
                    o.push('}');
                    o
                }
            };
            let (ptr, len) = host.hand_out(json.into_bytes())?;
            *out = [ptr as u32, len as u32];
            Ok(())
        })
    }
}
