//! What a WebAssembly module exposes and needs, read with `wasmparser` (the
//! Bytecode Alliance's parser) rather than by hand: imports, exports (with
//! function signatures), memories with their limits, active and passive
//! data segments with their offsets and sizes (where the static data sits
//! in linear memory, below the heap), whether it has a start function, and
//! whether it was built with rust-wasm-memory-kit.
//!
//! Used by `npm run inspect` (the `rust-wasm-memory-inspect` binary), and
//! built with the kit into `inspect.wasm`, which the lab (and
//! `rust-wasm-memory/inspector`'s `describeModule`) runs in the page on a
//! module you drop there.

use std::fmt::Write;

use wasmparser::{
    ConstExpr, DataKind, ExternalKind, FuncType, Operator, Parser, Payload, TypeRef, ValType,
};

#[cfg(target_arch = "wasm32")]
mod export;

/// One import.
#[derive(Debug, Clone, PartialEq)]
pub struct Import {
    /// The module name (`env`, `wasi_snapshot_preview1`, ...).
    pub module: String,
    /// The field name.
    pub name: String,
    /// `func`, `memory`, `table`, `global` or `tag`.
    pub kind: &'static str,
    /// For a function: its parameter types; for a memory: its limits.
    pub params: Vec<String>,
    /// For a function: its result types.
    pub results: Vec<String>,
    /// For a memory: initial pages.
    pub initial: u64,
    /// For a memory: maximum pages, if any.
    pub maximum: Option<u64>,
}

/// One export.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    /// Its name.
    pub name: String,
    /// `func`, `memory`, `table`, `global` or `tag`.
    pub kind: &'static str,
    /// For a function: its parameter types (`i32`, `i64`, `f32`, `f64`, ...).
    pub params: Vec<String>,
    /// For a function: its result types.
    pub results: Vec<String>,
}

/// One memory the module defines.
#[derive(Debug, Clone, PartialEq)]
pub struct Memory {
    /// Initial size in 64 KiB pages.
    pub initial: u64,
    /// Maximum size in pages, if any.
    pub maximum: Option<u64>,
    /// Shared (threads).
    pub shared: bool,
    /// 64-bit addresses.
    pub memory64: bool,
}

/// One data segment.
#[derive(Debug, Clone, PartialEq)]
pub struct Data {
    /// The memory it initialises (`None`: passive).
    pub memory: Option<u32>,
    /// Its offset when that is a constant.
    pub offset: Option<u64>,
    /// The offset as written (`0x00100000`, `global 0`, ...).
    pub offset_text: String,
    /// Its size in bytes.
    pub size: usize,
}

/// One global: its type, whether it is mutable, and its initial value when
/// that is a constant (imported globals have none).
#[derive(Debug, Clone, PartialEq)]
pub struct Global {
    /// `i32`, `i64`, `f32`, ...
    pub ty: String,
    pub mutable: bool,
    pub imported: bool,
    /// The initial value, when it is a constant.
    pub init: Option<u64>,
    /// The name it is exported under, if any.
    pub export: Option<String>,
}

/// Where a module linked by LLVM's `wasm-ld` (Rust, C, Zig, ...) keeps
/// things in memory 0, as far as the module itself says: its static data
/// (the active data segments), its stack (below the initial stack pointer)
/// and the start of its heap. See [`Module::layout`] for how each is found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Layout {
    /// The active data segments' extent, `[start, end)`.
    pub data: Option<(u64, u64)>,
    /// The stack, `[start, end)`: it grows down from `end`, the initial
    /// stack pointer.
    pub stack: Option<(u64, u64)>,
    /// The index of the stack pointer global.
    pub stack_pointer_global: Option<u32>,
    /// The name the stack pointer is exported under, when it is (then a
    /// host can read its live value).
    pub stack_pointer_export: Option<String>,
    /// Where the heap starts.
    pub heap_base: Option<u64>,
    /// Whether `heap_base` is the module's own exported `__heap_base`
    /// rather than the first 16-aligned address past the data and stack.
    pub heap_base_exported: bool,
}

/// What [`describe`] finds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Module {
    /// Size of the file in bytes.
    pub size: usize,
    pub imports: Vec<Import>,
    pub exports: Vec<Export>,
    pub memories: Vec<Memory>,
    pub data: Vec<Data>,
    /// Every global, imported ones first (the index space).
    pub globals: Vec<Global>,
    /// Whether it has a start function (run when it is instantiated).
    pub start: bool,
    /// Whether it exports the kit's handshake (built with rust-wasm-memory-kit).
    pub kit: bool,
}

fn const_offset(expr: &ConstExpr<'_>) -> (Option<u64>, String) {
    let mut ops = expr.get_operators_reader();
    match ops.read() {
        Ok(Operator::I32Const { value }) => {
            (Some(value as u32 as u64), format!("0x{:08x}", value as u32))
        }
        Ok(Operator::I64Const { value }) => (Some(value as u64), format!("0x{value:x}")),
        Ok(Operator::GlobalGet { global_index }) => (None, format!("global {global_index}")),
        Ok(other) => (None, format!("{other:?}")),
        Err(e) => (None, format!("unreadable ({e})")),
    }
}

fn types_of(v: &[ValType]) -> Vec<String> {
    v.iter().map(|t| t.to_string()).collect()
}

/// Reads `bytes` as a WebAssembly module. Every section is parsed; an error
/// says what is wrong and at which byte offset (not wasm, truncated, a
/// malformed section).
///
/// ```
/// // The smallest module: the magic number and version 1.
/// let m = rust_wasm_memory_inspect::describe(b"\0asm\x01\0\0\0").unwrap();
/// assert!(m.exports.is_empty() && !m.start);
/// assert!(rust_wasm_memory_inspect::describe(b"{\"not\": \"wasm\"}").is_err());
/// ```
pub fn describe(bytes: &[u8]) -> Result<Module, String> {
    if !bytes.starts_with(b"\0asm") {
        let head: Vec<String> = bytes.iter().take(4).map(|b| format!("{b:02x}")).collect();
        return Err(format!(
            "not a WebAssembly file: it does not start with the bytes 00 61 73 6d (\"\\0asm\"), but with {}",
            if head.is_empty() {
                "nothing (it is empty)".to_string()
            } else {
                head.join(" ")
            }
        ));
    }
    let mut types: Vec<FuncType> = Vec::new();
    let mut func_types: Vec<u32> = Vec::new(); // type index of every function, imports first
    let mut m = Module {
        size: bytes.len(),
        ..Module::default()
    };
    let sig = |types: &[FuncType], t: u32| {
        types.get(t as usize).map_or((vec![], vec![]), |f| {
            (types_of(f.params()), types_of(f.results()))
        })
    };
    for payload in Parser::new(0).parse_all(bytes) {
        match payload.map_err(|e| e.to_string())? {
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
                    let mut entry = Import {
                        module: import.module.to_string(),
                        name: import.name.to_string(),
                        kind: "other",
                        params: vec![],
                        results: vec![],
                        initial: 0,
                        maximum: None,
                    };
                    match import.ty {
                        TypeRef::Func(t) => {
                            func_types.push(t);
                            entry.kind = "func";
                            (entry.params, entry.results) = sig(&types, t);
                        }
                        TypeRef::Memory(mem) => {
                            entry.kind = "memory";
                            entry.initial = mem.initial;
                            entry.maximum = mem.maximum;
                        }
                        TypeRef::Table(_) => entry.kind = "table",
                        TypeRef::Global(g) => {
                            entry.kind = "global";
                            m.globals.push(Global {
                                ty: g.content_type.to_string(),
                                mutable: g.mutable,
                                imported: true,
                                init: None,
                                export: None,
                            });
                        }
                        TypeRef::Tag(_) => entry.kind = "tag",
                        _ => {}
                    }
                    m.imports.push(entry);
                }
            }
            Payload::FunctionSection(reader) => {
                for t in reader {
                    func_types.push(t.map_err(|e| e.to_string())?);
                }
            }
            Payload::MemorySection(reader) => {
                for mem in reader {
                    let mem = mem.map_err(|e| e.to_string())?;
                    m.memories.push(Memory {
                        initial: mem.initial,
                        maximum: mem.maximum,
                        shared: mem.shared,
                        memory64: mem.memory64,
                    });
                }
            }
            Payload::GlobalSection(reader) => {
                for g in reader {
                    let g = g.map_err(|e| e.to_string())?;
                    m.globals.push(Global {
                        ty: g.ty.content_type.to_string(),
                        mutable: g.ty.mutable,
                        imported: false,
                        init: const_offset(&g.init_expr).0,
                        export: None,
                    });
                }
            }
            Payload::StartSection { .. } => m.start = true,
            Payload::ExportSection(reader) => {
                for e in reader {
                    let e = e.map_err(|e| e.to_string())?;
                    let (kind, (params, results)) = match e.kind {
                        ExternalKind::Func => (
                            "func",
                            func_types
                                .get(e.index as usize)
                                .map_or((vec![], vec![]), |t| sig(&types, *t)),
                        ),
                        ExternalKind::Memory => ("memory", (vec![], vec![])),
                        ExternalKind::Global => ("global", (vec![], vec![])),
                        ExternalKind::Table => ("table", (vec![], vec![])),
                        ExternalKind::Tag => ("tag", (vec![], vec![])),
                        _ => ("other", (vec![], vec![])),
                    };
                    m.kit |= e.name == "rwm_kit_handshake";
                    if e.kind == ExternalKind::Global
                        && let Some(g) = m.globals.get_mut(e.index as usize)
                    {
                        g.export.get_or_insert_with(|| e.name.to_string());
                    }
                    m.exports.push(Export {
                        name: e.name.to_string(),
                        kind,
                        params,
                        results,
                    });
                }
            }
            Payload::DataSection(reader) => {
                for d in reader {
                    let d = d.map_err(|e| e.to_string())?;
                    m.data.push(match d.kind {
                        DataKind::Active {
                            memory_index,
                            offset_expr,
                        } => {
                            let (offset, offset_text) = const_offset(&offset_expr);
                            Data {
                                memory: Some(memory_index),
                                offset,
                                offset_text,
                                size: d.data.len(),
                            }
                        }
                        DataKind::Passive => Data {
                            memory: None,
                            offset: None,
                            offset_text: "passive".into(),
                            size: d.data.len(),
                        },
                    });
                }
            }
            _ => {}
        }
    }
    Ok(m)
}

/// `"(i32, i32) -> (i32)"`.
pub fn signature(params: &[String], results: &[String]) -> String {
    format!("({}) -> ({})", params.join(", "), results.join(", "))
}

pub(crate) fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes `items` as a JSON array, each with `item`.
fn json_array<T>(out: &mut String, items: &[T], mut item: impl FnMut(&mut String, &T)) {
    out.push('[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        item(out, x);
    }
    out.push(']');
}

fn json_list(out: &mut String, items: &[String]) {
    json_array(out, items, |o, s| json_str(o, s));
}

fn json_name(out: &mut String, name: Option<&str>) {
    match name {
        Some(name) => json_str(out, name),
        None => out.push_str("null"),
    }
}

fn json_opt(out: &mut String, v: Option<u64>) {
    match v {
        Some(v) => {
            let _ = write!(out, "{v}");
        }
        None => out.push_str("null"),
    }
}

impl Module {
    /// Where the static data, the stack and the heap are, from the module
    /// alone:
    ///
    /// - **data**: the extent of the active segments of memory 0 with
    ///   constant offsets;
    /// - **stack pointer**: the global exported as `__stack_pointer`, or
    ///   else the first defined mutable i32/i64 global whose constant
    ///   initial value is a positive multiple of 16 (wasm-ld defines it
    ///   first);
    /// - **stack**: from 0 up to the initial stack pointer when that is at
    ///   or below the data (`--stack-first`, Rust's default), or from the
    ///   end of the data up to it (C's default);
    /// - **heap base**: the exported `__heap_base`, or else the first
    ///   16-aligned address past the data and the stack.
    ///
    /// A module from another toolchain may have none of these; then the
    /// fields are `None`.
    ///
    /// ```
    /// let m = rust_wasm_memory_inspect::describe(b"\0asm\x01\0\0\0").unwrap();
    /// assert_eq!(m.layout(), Default::default());
    /// ```
    pub fn layout(&self) -> Layout {
        let mut layout = Layout::default();
        let segments = self
            .data
            .iter()
            .filter(|d| d.memory == Some(0) && d.size > 0)
            .filter_map(|d| d.offset.map(|o| (o, o.saturating_add(d.size as u64))));
        layout.data = segments.fold(None, |acc, (a, b)| match acc {
            None => Some((a, b)),
            Some((x, y)) => Some((x.min(a), y.max(b))),
        });
        let named = |name: &str| {
            self.globals
                .iter()
                .position(|g| g.export.as_deref() == Some(name))
        };
        let sp = named("__stack_pointer").or_else(|| {
            self.globals.iter().position(|g| {
                !g.imported
                    && g.mutable
                    && (g.ty == "i32" || g.ty == "i64")
                    && g.init.is_some_and(|v| v > 0 && v % 16 == 0)
            })
        });
        if let Some(i) = sp {
            let g = &self.globals[i];
            layout.stack_pointer_global = u32::try_from(i).ok();
            layout.stack_pointer_export = g.export.clone();
            if let Some(top) = g.init {
                let bottom = match layout.data {
                    Some((start, end)) if start < top && end <= top => end,
                    _ => 0,
                };
                layout.stack = Some((bottom, top));
            }
        }
        let exported = named("__heap_base").and_then(|i| self.globals[i].init);
        layout.heap_base_exported = exported.is_some();
        layout.heap_base = exported.or_else(|| {
            let end = layout
                .data
                .map_or(0, |d| d.1)
                .max(layout.stack.map_or(0, |s| s.1));
            (end > 0).then(|| end.checked_next_multiple_of(16).unwrap_or(end))
        });
        layout
    }

    /// The description as JSON (what `inspect.wasm` hands to the page).
    ///
    /// ```
    /// let m = rust_wasm_memory_inspect::describe(b"\0asm\x01\0\0\0").unwrap();
    /// assert!(m.to_json().starts_with(r#"{"size":8,"imports":[]"#));
    /// ```
    pub fn to_json(&self) -> String {
        let mut o = String::new();
        let _ = write!(o, "{{\"size\":{},\"imports\":", self.size);
        json_array(&mut o, &self.imports, |o, imp| {
            o.push_str("{\"module\":");
            json_str(o, &imp.module);
            o.push_str(",\"name\":");
            json_str(o, &imp.name);
            let _ = write!(o, ",\"kind\":\"{}\",\"params\":", imp.kind);
            json_list(o, &imp.params);
            o.push_str(",\"results\":");
            json_list(o, &imp.results);
            let _ = write!(o, ",\"initial\":{},\"maximum\":", imp.initial);
            json_opt(o, imp.maximum);
            o.push('}');
        });
        o.push_str(",\"exports\":");
        json_array(&mut o, &self.exports, |o, e| {
            o.push_str("{\"name\":");
            json_str(o, &e.name);
            let _ = write!(o, ",\"kind\":\"{}\",\"params\":", e.kind);
            json_list(o, &e.params);
            o.push_str(",\"results\":");
            json_list(o, &e.results);
            o.push('}');
        });
        o.push_str(",\"memories\":");
        json_array(&mut o, &self.memories, |o, mem| {
            let _ = write!(o, "{{\"initial\":{},\"maximum\":", mem.initial);
            json_opt(o, mem.maximum);
            let _ = write!(
                o,
                ",\"shared\":{},\"memory64\":{}}}",
                mem.shared, mem.memory64
            );
        });
        o.push_str(",\"data\":");
        json_array(&mut o, &self.data, |o, d| {
            o.push_str("{\"memory\":");
            json_opt(o, d.memory.map(u64::from));
            o.push_str(",\"offset\":");
            json_opt(o, d.offset);
            o.push_str(",\"offsetText\":");
            json_str(o, &d.offset_text);
            let _ = write!(o, ",\"size\":{}}}", d.size);
        });
        o.push_str(",\"globals\":");
        json_array(&mut o, &self.globals, |o, g| {
            let _ = write!(
                o,
                "{{\"type\":\"{}\",\"mutable\":{},\"imported\":{},\"init\":",
                g.ty, g.mutable, g.imported
            );
            json_opt(o, g.init);
            o.push_str(",\"export\":");
            json_name(o, g.export.as_deref());
            o.push('}');
        });
        let l = self.layout();
        let range = |o: &mut String, r: Option<(u64, u64)>| match r {
            Some((a, b)) => {
                let _ = write!(o, "{{\"start\":{a},\"end\":{b}}}");
            }
            None => o.push_str("null"),
        };
        o.push_str(",\"layout\":{\"data\":");
        range(&mut o, l.data);
        o.push_str(",\"stack\":");
        range(&mut o, l.stack);
        o.push_str(",\"stackPointerGlobal\":");
        json_opt(&mut o, l.stack_pointer_global.map(u64::from));
        o.push_str(",\"stackPointerExport\":");
        json_name(&mut o, l.stack_pointer_export.as_deref());
        o.push_str(",\"heapBase\":");
        json_opt(&mut o, l.heap_base);
        let _ = write!(o, ",\"heapBaseExported\":{}}}", l.heap_base_exported);
        let _ = write!(o, ",\"start\":{},\"kit\":{}}}", self.start, self.kit);
        o
    }
}
