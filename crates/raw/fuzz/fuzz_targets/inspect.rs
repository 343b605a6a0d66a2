//! Fuzzes the lab's module reader (crates/inspect, the library inside
//! inspect.wasm) on arbitrary bytes, as a person can drop any file on the
//! page: it must return a description or an error, never panic, and its
//! JSON must be well formed (balanced, every string closed and escaped).
#![no_main]

use libfuzzer_sys::fuzz_target;

/// A small JSON well-formedness check: strings closed, no raw control
/// characters inside them, brackets balanced.
fn well_formed(json: &str) -> bool {
    let mut depth: Vec<char> = Vec::new();
    let mut chars = json.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => loop {
                match chars.next() {
                    None => return false,
                    Some('"') => break,
                    Some('\\') => {
                        if chars.next().is_none() {
                            return false;
                        }
                    }
                    Some(c) if (c as u32) < 0x20 => return false,
                    Some(_) => {}
                }
            },
            '{' => depth.push('}'),
            '[' => depth.push(']'),
            '}' | ']' => {
                if depth.pop() != Some(c) {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth.is_empty()
}

fuzz_target!(|data: &[u8]| {
    // Half the inputs start as a module, so the fuzzer gets past the header.
    let mut bytes = Vec::with_capacity(data.len() + 8);
    if data.first().is_some_and(|b| b % 2 == 0) {
        bytes.extend_from_slice(b"\0asm\x01\0\0\0");
        bytes.extend_from_slice(&data[1..]);
    } else {
        bytes.extend_from_slice(data);
    }
    match rust_wasm_memory_inspect::describe(&bytes) {
        Ok(m) => {
            assert_eq!(m.size, bytes.len());
            let json = m.to_json();
            assert!(well_formed(&json), "malformed JSON: {json}");
        }
        Err(e) => assert!(!e.is_empty()),
    }
});
