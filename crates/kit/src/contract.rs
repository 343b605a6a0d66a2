//! The boundary's facts as JSON, for every language that is not Rust.
//!
//! `contract/contract.json` at the repository root is this module's output
//! ([`json`]) merged with the function table, and a test
//! (`crates/kit/tests/contract.rs`) fails if the checked-in file and this
//! crate disagree. The JS toolkit, the tests and the docs read the file;
//! nobody types a status code twice.

use std::fmt::Write;

use crate::{PANIC_RECORD_CAPACITY, Status};

/// The kit's ABI version, reported by the handshake: bumped when the
/// meaning of an export or a status changes.
pub const ABI_VERSION: u32 = 1;

/// The status codes and the panic record's layout, as a JSON object with
/// the keys `"abiVersion"`, `"status"` and `"panicRecord"`.
///
/// ```
/// let json = rust_wasm_memory_kit::contract::json();
/// assert!(json.contains(r#""name": "NOT_OWNED""#));
/// ```
pub fn json() -> String {
    let mut out = String::from("{\n");
    let _ = writeln!(out, "  \"abiVersion\": {ABI_VERSION},");
    out.push_str("  \"status\": [\n");
    for (i, s) in Status::ALL.iter().enumerate() {
        let comma = if i + 1 < Status::ALL.len() { "," } else { "" };
        let _ = writeln!(
            out,
            "    {{ \"code\": {}, \"name\": \"{}\", \"class\": \"{}\", \"message\": \"{}\" }}{comma}",
            s.code(),
            s.name(),
            s.error_class(),
            s.message()
        );
    }
    out.push_str("  ],\n");
    let _ = writeln!(
        out,
        "  \"panicRecord\": {{ \"lengthOffset\": 0, \"textOffset\": 4, \"capacity\": {PANIC_RECORD_CAPACITY} }}"
    );
    out.push('}');
    out
}
