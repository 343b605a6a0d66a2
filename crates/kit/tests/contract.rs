//! `contract/status.json` is written from the kit, and must stay so: every
//! other language reads the status codes and the panic record's layout from
//! that file. `UPDATE_CONTRACT=1 cargo test -p rust-wasm-memory-kit`
//! rewrites it after a deliberate change.

use std::path::Path;

#[test]
fn the_checked_in_contract_is_what_the_kit_says() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../contract/status.json");
    let expected = format!("{}\n", rust_wasm_memory_kit::contract::json());
    if std::env::var_os("UPDATE_CONTRACT").is_some() {
        std::fs::write(&path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        actual == expected,
        "contract/status.json is out of date with the kit; run UPDATE_CONTRACT=1 cargo test -p rust-wasm-memory-kit --test contract\n--- expected\n{expected}"
    );
}
