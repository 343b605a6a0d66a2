//! `Module::layout` against modules assembled here with wasm-encoder, laid
//! out the two ways wasm-ld lays them out (stack first, as Rust does; data
//! first, as C does), with and without an exported `__heap_base` and
//! `__stack_pointer`, with other globals around the stack pointer.

use proptest::prelude::*;
use rust_wasm_memory_inspect::{Layout, describe};
use wasm_encoder::{
    ConstExpr, DataSection, ExportKind, ExportSection, GlobalSection, GlobalType, MemorySection,
    MemoryType, Module, ValType,
};

#[derive(Debug, Clone)]
struct Shape {
    stack_first: bool,
    stack: u64,
    segments: Vec<(u64, u64)>, // (gap before, size)
    export_heap_base: bool,
    export_sp: bool,
    /// An immutable i32 global defined before the stack pointer.
    const_first: bool,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        any::<bool>(),
        (1u64..64).prop_map(|k| k * 1024),
        prop::collection::vec((0u64..64, 1u64..4096), 0..5),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(stack_first, stack, segments, export_heap_base, export_sp, const_first)| Shape {
                stack_first,
                stack,
                segments,
                export_heap_base,
                export_sp,
                const_first,
            },
        )
}

/// The module and the layout it should be read as.
fn build(s: &Shape) -> (Vec<u8>, Layout) {
    let align16 = |v: u64| v.div_ceil(16) * 16;
    let data_base = if s.stack_first { s.stack } else { 1024 };
    let mut data = DataSection::new();
    let mut at = data_base;
    let mut extent: Option<(u64, u64)> = None;
    for &(gap, size) in &s.segments {
        at += gap;
        data.active(
            0,
            &ConstExpr::i32_const(at as i32),
            vec![7u8; size as usize],
        );
        extent = Some((extent.map_or(at, |e| e.0), at + size));
        at += size;
    }
    let sp = if s.stack_first {
        s.stack
    } else {
        align16(extent.map_or(data_base, |e| e.1)) + s.stack
    };
    let heap = align16(extent.map_or(0, |e| e.1).max(sp));
    let mut globals = GlobalSection::new();
    let i32g = |mutable| GlobalType {
        val_type: ValType::I32,
        mutable,
        shared: false,
    };
    if s.const_first {
        globals.global(i32g(false), &ConstExpr::i32_const(4096));
    }
    let sp_index = u32::from(s.const_first);
    globals.global(i32g(true), &ConstExpr::i32_const(sp as i32));
    globals.global(i32g(false), &ConstExpr::i32_const(heap as i32));
    let mut exports = ExportSection::new();
    exports.export("memory", ExportKind::Memory, 0);
    if s.export_sp {
        exports.export("__stack_pointer", ExportKind::Global, sp_index);
    }
    if s.export_heap_base {
        exports.export("__heap_base", ExportKind::Global, sp_index + 1);
    }
    let mut memories = MemorySection::new();
    let pages = heap.div_ceil(65536) + 1;
    memories.memory(MemoryType {
        minimum: pages,
        maximum: None,
        memory64: false,
        shared: false,
        page_size_log2: None,
    });
    let mut m = Module::new();
    m.section(&memories)
        .section(&globals)
        .section(&exports)
        .section(&data);
    let stack_bottom = if s.stack_first {
        0
    } else {
        extent.map_or(0, |e| e.1)
    };
    let layout = Layout {
        data: extent,
        stack: Some((stack_bottom, sp)),
        stack_pointer_global: Some(sp_index),
        stack_pointer_export: s.export_sp.then(|| "__stack_pointer".to_string()),
        heap_base: Some(heap),
        heap_base_exported: s.export_heap_base,
    };
    (m.finish(), layout)
}

proptest! {
    #[test]
    fn the_layout_is_read_from_the_module(s in shape()) {
        let (bytes, expected) = build(&s);
        let m = describe(&bytes).unwrap();
        prop_assert_eq!(m.layout(), expected);
        let json = m.to_json();
        prop_assert!(json.contains(&format!("\"heapBase\":{}", m.layout().heap_base.unwrap())), "{}", json);
    }
}

#[test]
fn a_module_with_no_globals_or_data_has_no_layout() {
    let mut memories = MemorySection::new();
    memories.memory(MemoryType {
        minimum: 1,
        maximum: None,
        memory64: false,
        shared: false,
        page_size_log2: None,
    });
    let mut m = Module::new();
    m.section(&memories);
    let layout = describe(&m.finish()).unwrap().layout();
    assert_eq!(layout, Layout::default());
}

#[test]
fn a_data_segment_at_the_end_of_a_64_bit_memory_does_not_overflow() {
    let mut memories = MemorySection::new();
    memories.memory(MemoryType {
        minimum: 1,
        maximum: None,
        memory64: true,
        shared: false,
        page_size_log2: None,
    });
    let mut data = DataSection::new();
    data.active(0, &ConstExpr::i64_const(-8), vec![1u8; 8]);
    let mut m = Module::new();
    m.section(&memories).section(&data);
    // wasmparser reads it (instantiating it would fail); the layout is computed without overflow.
    let layout = describe(&m.finish()).unwrap().layout();
    assert_eq!(layout.data, Some((u64::MAX - 7, u64::MAX)));
    assert_eq!(layout.heap_base, Some(u64::MAX));
}
