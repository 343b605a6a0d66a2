//! `npm run inspect [FILE.wasm ...]`: what a module exposes and what it
//! needs, read with `wasmparser` (the Bytecode Alliance's parser) rather than
//! by hand. For each file: imports, exports (with function signatures),
//! memories with their limits in pages and bytes, and the active data
//! segments with their offsets and sizes — where the static data sits in
//! linear memory, below the heap.

use std::process::ExitCode;

use wasmparser::{
    ConstExpr, DataKind, ExternalKind, FuncType, Operator, Parser, Payload, TypeRef, ValType,
};

fn const_offset(expr: &ConstExpr<'_>) -> String {
    let mut ops = expr.get_operators_reader();
    match ops.read() {
        Ok(Operator::I32Const { value }) => format!("0x{:08x}", value as u32),
        Ok(Operator::I64Const { value }) => format!("0x{value:x}"),
        Ok(Operator::GlobalGet { global_index }) => format!("global {global_index}"),
        Ok(other) => format!("{other:?}"),
        Err(e) => format!("unreadable ({e})"),
    }
}

fn signature(ty: &FuncType) -> String {
    let list = |v: &[ValType]| {
        v.iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    format!("({}) -> ({})", list(ty.params()), list(ty.results()))
}

fn inspect(path: &str) -> Result<(), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let mut types: Vec<FuncType> = Vec::new();
    let mut func_types: Vec<u32> = Vec::new(); // type index of every function, imports first
    let mut imports = Vec::new();
    let mut exports = Vec::new();
    let mut memories = Vec::new();
    let mut data = Vec::new();

    for payload in Parser::new(0).parse_all(&bytes) {
        match payload.map_err(|e| format!("{path}: {e}"))? {
            Payload::TypeSection(reader) => {
                for group in reader {
                    for sub in group.map_err(|e| e.to_string())?.into_types() {
                        if let wasmparser::CompositeInnerType::Func(f) = sub.composite_type.inner {
                            types.push(f);
                        } else {
                            types.push(FuncType::new([], []));
                        }
                    }
                }
            }
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    let import = import.map_err(|e| e.to_string())?;
                    let what = match import.ty {
                        TypeRef::Func(t) => {
                            func_types.push(t);
                            format!(
                                "func {}",
                                types.get(t as usize).map(signature).unwrap_or_default()
                            )
                        }
                        TypeRef::Memory(m) => format!("memory {} pages min", m.initial),
                        TypeRef::Table(_) => "table".into(),
                        TypeRef::Global(_) => "global".into(),
                        _ => "other".into(),
                    };
                    imports.push(format!("{}.{}: {what}", import.module, import.name));
                }
            }
            Payload::FunctionSection(reader) => {
                for t in reader {
                    func_types.push(t.map_err(|e| e.to_string())?);
                }
            }
            Payload::MemorySection(reader) => {
                for m in reader {
                    let m = m.map_err(|e| e.to_string())?;
                    let max = m
                        .maximum
                        .map_or("none".to_string(), |p| format!("{p} pages"));
                    memories.push(format!(
                        "{} pages ({} KiB) initial, maximum {max}{}",
                        m.initial,
                        m.initial * 64,
                        if m.shared { ", shared" } else { "" }
                    ));
                }
            }
            Payload::ExportSection(reader) => {
                for e in reader {
                    let e = e.map_err(|e| e.to_string())?;
                    let what = match e.kind {
                        ExternalKind::Func => {
                            let sig = func_types
                                .get(e.index as usize)
                                .and_then(|t| types.get(*t as usize));
                            format!("func {}", sig.map(signature).unwrap_or_default())
                        }
                        ExternalKind::Memory => "memory".into(),
                        ExternalKind::Global => "global".into(),
                        ExternalKind::Table => "table".into(),
                        _ => "other".into(),
                    };
                    exports.push(format!("{}: {what}", e.name));
                }
            }
            Payload::DataSection(reader) => {
                for d in reader {
                    let d = d.map_err(|e| e.to_string())?;
                    data.push(match d.kind {
                        DataKind::Active {
                            memory_index,
                            offset_expr,
                        } => format!(
                            "memory {memory_index} at {}: {} bytes",
                            const_offset(&offset_expr),
                            d.data.len()
                        ),
                        DataKind::Passive => format!("passive: {} bytes", d.data.len()),
                    });
                }
            }
            _ => {}
        }
    }

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
