//! `npm run inspect [FILE.wasm ...]`: what each module exposes and needs
//! (see the library, `rust_wasm_memory_inspect::describe`).

use std::process::ExitCode;

use rust_wasm_memory_inspect::{describe, signature};

fn inspect(path: &str) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let m = describe(&bytes).map_err(|e| format!("{path}: {e}"))?;
    let imports: Vec<String> = m
        .imports
        .iter()
        .map(|i| {
            let what = match i.kind {
                "func" => format!("func {}", signature(&i.params, &i.results)),
                "memory" => format!("memory {} pages min", i.initial),
                other => other.to_string(),
            };
            format!("{}.{}: {what}", i.module, i.name)
        })
        .collect();
    let exports: Vec<String> = m
        .exports
        .iter()
        .map(|e| match e.kind {
            "func" => format!("{}: func {}", e.name, signature(&e.params, &e.results)),
            other => format!("{}: {other}", e.name),
        })
        .collect();
    let memories: Vec<String> = m
        .memories
        .iter()
        .map(|mem| {
            let max = mem
                .maximum
                .map_or("none".to_string(), |p| format!("{p} pages"));
            format!(
                "{} pages ({} KiB) initial, maximum {max}{}",
                mem.initial,
                mem.initial * 64,
                if mem.shared { ", shared" } else { "" }
            )
        })
        .collect();
    let data: Vec<String> = m
        .data
        .iter()
        .map(|d| match d.memory {
            Some(mem) => format!("memory {mem} at {}: {} bytes", d.offset_text, d.size),
            None => format!("passive: {} bytes", d.size),
        })
        .collect();
    println!("== {path} ({} bytes)", bytes.len());
    for (title, items) in [
        ("imports", &imports),
        ("exports", &exports),
        ("memories", &memories),
        ("data segments", &data),
    ] {
        println!("{title} ({}):", items.len());
        for item in items {
            println!("  {item}");
        }
    }
    println!();
    Ok(())
}

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: rust-wasm-memory-inspect FILE.wasm ...");
        return ExitCode::from(2);
    }
    let mut status = ExitCode::SUCCESS;
    for f in &files {
        if let Err(e) = inspect(f) {
            eprintln!("error: {e}");
            status = ExitCode::FAILURE;
        }
    }
    status
}
