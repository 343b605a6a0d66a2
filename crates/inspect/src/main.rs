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
    let l = m.layout();
    let range =
        |r: Option<(u64, u64)>| r.map(|(a, b)| format!("0x{a:08x}-0x{b:08x} ({} bytes)", b - a));
    let mut layout = Vec::new();
    if let Some(r) = range(l.stack) {
        let sp = match (&l.stack_pointer_export, l.stack_pointer_global) {
            (Some(name), _) => format!(", stack pointer exported as {name}"),
            (None, Some(g)) => format!(", stack pointer in global {g}"),
            _ => String::new(),
        };
        layout.push(format!("stack {r}, grows down{sp}"));
    }
    if let Some(r) = range(l.data) {
        layout.push(format!("static data {r}"));
    }
    if let Some(h) = l.heap_base {
        let how = if l.heap_base_exported {
            "__heap_base"
        } else {
            "past the data and stack"
        };
        layout.push(format!("heap from 0x{h:08x} ({how})"));
    }
    println!("== {path} ({} bytes)", bytes.len());
    for (title, items) in [
        ("imports", &imports),
        ("exports", &exports),
        ("memories", &memories),
        ("data segments", &data),
        ("memory layout", &layout),
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
