//! The raw exports called natively, as a host would call them: through
//! addresses and out-params. (Bounds of linear memory exist only on wasm32;
//! the JS suites cover `OutOfBounds`.) Runs under Miri with strict
//! provenance too: the exports never dereference a host address directly.

use std::sync::Mutex;

use rust_wasm_memory_raw::Status;
use rust_wasm_memory_raw::exports::*;

/// The registry and `last_status()` are global: tests run one at a time.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(|e| e.into_inner())
}

fn code(s: Status) -> i32 {
    s.code()
}

/// An `alloc`ed block holding `values`.
#[allow(unsafe_code)] // the test plays the host, which writes memory directly
fn block_of<T: Copy>(values: &[T], align: usize) -> *mut T {
    let size = std::mem::size_of_val(values);
    let p = alloc(size as u32, align as u32).cast::<T>();
    assert!(!p.is_null(), "alloc failed: {}", last_status());
    // SAFETY: (test host) `p` is a fresh block of `size` bytes.
    unsafe { std::ptr::copy_nonoverlapping(values.as_ptr(), p, values.len()) };
    p
}

#[allow(unsafe_code)] // the test plays the host, which reads memory directly
fn read<T: Copy>(p: *const T, len: usize) -> Vec<T> {
    // SAFETY: (test host) callers pass live blocks of at least `len` elements.
    unsafe { std::slice::from_raw_parts(p, len).to_vec() }
}

fn free_block<T>(p: *mut T, size: usize, align: usize) {
    assert_eq!(dealloc(p.cast(), size as u32, align as u32), 0);
}

#[test]
fn alloc_gives_zeroed_aligned_blocks_and_refuses_bad_alignment() {
    let _g = serial();
    let p = alloc(64, 16);
    assert_eq!(p.addr() % 16, 0);
    assert_eq!(read(p, 64), vec![0u8; 64]);
    assert_eq!(dealloc(p, 64, 16), 0);
    for bad in [0, 3, 131072] {
        assert!(alloc(8, bad).is_null());
        assert_eq!(last_status(), code(Status::BadAlign));
    }
}

#[test]
fn alloc_of_zero_bytes_is_a_distinct_freeable_block() {
    let _g = serial();
    let (a, b) = (alloc(0, 1), alloc(0, 1));
    assert!(!a.is_null() && a != b);
    assert_eq!(free_buffer(a, 0), 0);
    assert_eq!(free_buffer(b, 0), 0);
}

#[test]
fn sum_u32_sums_a_host_block_and_reports_through_last_status() {
    let _g = serial();
    let p = block_of(&[1u32, 2, 3, u32::MAX], 4);
    assert_eq!(sum_u32(p, 4), 5);
    assert_eq!(last_status(), 0);
    assert_eq!(sum_u32(p, 0), 0);
    free_block(p, 16, 4);
}

#[test]
fn every_range_check_has_its_own_status() {
    let _g = serial();
    let p = block_of(&[7u32; 4], 4);
    assert_eq!(sum_u32(std::ptr::null(), 1), 0);
    assert_eq!(last_status(), code(Status::NullPointer));
    assert_eq!(
        fill_doubles(p.cast::<u8>().wrapping_add(2).cast(), 1),
        code(Status::Misaligned)
    );
    assert_eq!(
        fill_doubles(std::ptr::without_provenance_mut(usize::MAX - 3), 2),
        code(Status::Overflow)
    );
    assert_eq!(
        fill_doubles(p, u32::MAX),
        code(Status::NotOwned),
        "runs past the block"
    );
    let on_stack = [0u32; 4];
    assert_eq!(sum_u32(on_stack.as_ptr(), 4), 0);
    assert_eq!(
        last_status(),
        code(Status::NotOwned),
        "the stack is not host memory"
    );
    assert_eq!(read(p, 4), vec![7; 4], "refused calls wrote nothing");
    free_block(p, 16, 4);
}

#[test]
fn a_range_straddling_two_blocks_is_refused() {
    let _g = serial();
    let a = alloc(8, 4).cast::<u32>();
    let b = alloc(8, 4).cast::<u32>();
    let (lo, hi) = if a < b { (a, b) } else { (b, a) };
    let span = (hi.addr() - lo.addr()) / 4 + 1;
    assert_eq!(fill_doubles(lo, span as u32), code(Status::NotOwned));
    free_block(a, 8, 4);
    free_block(b, 8, 4);
}

#[test]
fn fills_write_exactly_their_range() {
    let _g = serial();
    let p = block_of(&[0xAAu8; 24], 1);
    assert_eq!(fill_buffer(p, 16), 0);
    let bytes = read(p, 24);
    assert_eq!(&bytes[..16], &(0..16).collect::<Vec<u8>>()[..]);
    assert_eq!(&bytes[16..], &[0xAA; 8], "guard bytes intact");
    free_block(p, 24, 1);

    let q = block_of(&[9u32; 5], 4);
    assert_eq!(fill_doubles(q, 4), 0);
    assert_eq!(read(q, 5), vec![0, 2, 4, 6, 9]);
    assert_eq!(make_number_array(q, 5), 0);
    assert_eq!(read(q, 5), vec![0, 2, 4, 6, 8]);
    free_block(q, 20, 4);
}

#[test]
fn normalize_numbers_returns_the_tutorial_codes() {
    let _g = serial();
    let p = block_of(&[1.0f32, 5.0, 10.0], 4);
    assert_eq!(normalize_numbers(p, 3), 0);
    assert_eq!(read(p, 3), vec![0.1, 0.5, 1.0]);
    assert_eq!(normalize_numbers(std::ptr::null_mut(), 3), -1);
    assert_eq!(normalize_numbers(p, 0), -2);
    free_block(p, 12, 4);

    let z = block_of(&[0.0f32, -1.0], 4);
    assert_eq!(normalize_numbers(z, 2), -3);
    assert_eq!(read(z, 2), vec![0.0, -1.0], "unchanged");
    free_block(z, 8, 4);
}

#[test]
fn normalize_peak_divides_by_the_largest_magnitude_with_the_same_codes() {
    let _g = serial();
    let p = block_of(&[-4.0f32, 1.0, 2.0], 4);
    assert_eq!(normalize_peak(p, 3), 0);
    assert_eq!(read(p, 3), vec![-1.0, 0.25, 0.5]);
    assert_eq!(normalize_peak(std::ptr::null_mut(), 3), -1);
    assert_eq!(normalize_peak(p, 0), -2);
    free_block(p, 12, 4);

    let z = block_of(&[0.0f32, -0.0, f32::NAN], 4);
    assert_eq!(normalize_peak(z, 3), -3);
    let unchanged = read(z, 3);
    assert_eq!(unchanged[..2], [0.0, -0.0]);
    assert!(unchanged[2].is_nan(), "unchanged");
    free_block(z, 12, 4);

    let inf = block_of(&[1.0f32, f32::NEG_INFINITY], 4);
    assert_eq!(normalize_peak(inf, 2), -3);
    free_block(inf, 8, 4);
}

fn text_block(s: &str) -> (*mut u8, usize) {
    (block_of(s.as_bytes(), 1), s.len())
}

#[test]
fn process_string_hands_out_a_buffer_the_host_frees_once() {
    let _g = serial();
    let blocks = host_blocks();
    let (input, n) = text_block("hello");
    let meta = alloc(std::mem::size_of::<OutString>() as u32, 4).cast::<OutString>();
    assert_eq!(process_string(input, n as u32, meta), 0);
    let out = read(meta, 1)[0];
    let text = read(std::ptr::with_exposed_provenance::<u8>(out.ptr), out.len);
    assert_eq!(String::from_utf8(text).unwrap(), "hello_processed");
    assert_eq!(host_blocks(), blocks + 3);

    let out_ptr = std::ptr::with_exposed_provenance_mut::<u8>(out.ptr);
    assert_eq!(
        free_buffer(out_ptr, out.len as u32 - 1),
        code(Status::WrongLength)
    );
    assert_eq!(free_buffer(out_ptr, out.len as u32), 0);
    assert_eq!(
        free_buffer(out_ptr, out.len as u32),
        code(Status::NotOwned),
        "second free"
    );
    free_block(meta, std::mem::size_of::<OutString>(), 4);
    free_block(input, n, 1);
    assert_eq!(host_blocks(), blocks);
}

#[test]
fn make_greeting_and_ascii_uppercase_use_the_out_string_layout() {
    let _g = serial();
    let blocks = host_blocks();
    let meta = alloc(std::mem::size_of::<OutString>() as u32, 4).cast::<OutString>();
    for (f, input, expected) in [
        (
            make_greeting as extern "C" fn(*const u8, u32, *mut OutString) -> i32,
            "Zoë",
            "Hello, Zoë",
        ),
        (ascii_uppercase, "straße", "STRAßE"),
    ] {
        let (ptr, n) = text_block(input);
        assert_eq!(f(ptr, n as u32, meta), 0);
        let out = read(meta, 1)[0];
        let text = read(std::ptr::with_exposed_provenance::<u8>(out.ptr), out.len);
        assert_eq!(String::from_utf8(text).unwrap(), expected);
        assert_eq!(
            free_buffer(
                std::ptr::with_exposed_provenance_mut(out.ptr),
                out.len as u32
            ),
            0
        );
        free_block(ptr, n, 1);
        // A result report that does not fit anywhere: refused, nothing leaks.
        assert_eq!(
            f(std::ptr::null(), 0, std::ptr::null_mut()),
            code(Status::NullPointer)
        );
    }
    free_block(meta, std::mem::size_of::<OutString>(), 4);
    assert_eq!(host_blocks(), blocks);
}

#[test]
fn echo_suffix_writes_both_out_params_and_replaces_invalid_utf8() {
    let _g = serial();
    let input = block_of(b"a\xffb", 1);
    let outs = alloc(2 * std::mem::size_of::<usize>() as u32, 4).cast::<usize>();
    let out_len_at = outs.wrapping_add(1);
    assert_eq!(echo_suffix(input, 3, outs, out_len_at), 0);
    let [ptr, len] = [read(outs, 2)[0], read(outs, 2)[1]];
    let text = read(std::ptr::with_exposed_provenance::<u8>(ptr), len);
    assert_eq!(String::from_utf8(text).unwrap(), "a\u{FFFD}b_echo");
    assert_eq!(
        free_buffer(std::ptr::with_exposed_provenance_mut(ptr), len as u32),
        0
    );
    free_block(outs, 2 * std::mem::size_of::<usize>(), 4);
    free_block(input, 3, 1);
}

#[test]
fn echo_suffix_refuses_one_address_for_both_out_params() {
    // Finding: with both results written to one word, the buffer's address
    // was overwritten by its length and the buffer could never be freed.
    let _g = serial();
    let blocks = host_blocks();
    let (input, n) = text_block("x");
    let out = alloc(std::mem::size_of::<usize>() as u32, 4).cast::<usize>();
    assert_eq!(
        echo_suffix(input, n as u32, out, out),
        code(Status::Overlap)
    );
    assert_eq!(last_status(), code(Status::Overlap));
    assert_eq!(
        host_blocks(),
        blocks + 2,
        "only the input and out blocks are live"
    );
    free_block(out, std::mem::size_of::<usize>(), 4);
    free_block(input, n, 1);
}

#[test]
fn a_refused_out_param_allocates_nothing() {
    let _g = serial();
    let blocks = host_blocks();
    let (input, n) = text_block("x");
    let mut not_host = [0usize; 2];
    let status = echo_suffix(
        input,
        n as u32,
        not_host.as_mut_ptr(),
        not_host.as_mut_ptr().wrapping_add(1),
    );
    assert_eq!(status, code(Status::NotOwned));
    assert_eq!(
        process_string(input, n as u32, std::ptr::null_mut()),
        code(Status::NullPointer)
    );
    assert_eq!(host_blocks(), blocks + 1, "only the input block is live");
    free_block(input, n, 1);
}

#[test]
fn ten_thousand_refused_frees_leave_the_allocator_intact() {
    let _g = serial();
    let blocks = host_blocks();
    let live = block_of(&[1u8; 32], 1);
    let stack = [0u8; 8];
    for i in 0..10_000u32 {
        let status = match i % 5 {
            0 => free_buffer(std::ptr::null_mut(), 4),
            1 => free_buffer(stack.as_ptr().cast_mut(), 8),
            2 => free_buffer(live, 31),
            3 => free_buffer(live.wrapping_add(1), 31),
            _ => dealloc(live, 32, 8),
        };
        assert!(status < 0, "refusal {i} returned {status}");
    }
    assert_eq!(read(live, 32), vec![1; 32], "the live block is untouched");
    assert_eq!(free_buffer(live, 32), 0);
    let again = block_of(&[5u32; 256], 4);
    assert_eq!(sum_u32(again, 256), 1280, "the heap still serves and works");
    free_block(again, 1024, 4);
    assert_eq!(host_blocks(), blocks);
}

#[test]
fn a_freed_block_cannot_be_used() {
    let _g = serial();
    let p = block_of(&[1u32; 4], 4);
    free_block(p, 16, 4);
    assert_eq!(sum_u32(p, 4), 0);
    assert_eq!(last_status(), code(Status::NotOwned));
}

#[test]
fn debug_ptr_describes_the_range() {
    let _g = serial();
    let p = alloc(16, 4);
    assert_eq!(debug_ptr(p, 16), 0);
    let msg = String::from_utf8(read(debug_message_ptr(), debug_message_len() as usize)).unwrap();
    assert!(
        msg.starts_with(&format!("ptr=0x{:08x} len=16: inside live block", p.addr())),
        "{msg}"
    );
    debug_ptr(p, 17);
    let msg = String::from_utf8(read(debug_message_ptr(), debug_message_len() as usize)).unwrap();
    assert!(msg.contains("runs past the end"), "{msg}");
    assert_eq!(dealloc(p, 16, 4), 0);
}

#[test]
fn scalar_exports_wrap() {
    let _g = serial();
    assert_eq!(add(i32::MAX, 1), i32::MIN);
    assert_eq!(scale_and_add(2, 3, 4), 20);
}

#[test]
fn status_codes_are_stable() {
    let _g = serial();
    let codes: Vec<i32> = Status::ALL.iter().map(|s| s.code()).collect();
    assert_eq!(codes, (0..=13).map(|c| -c).collect::<Vec<_>>());
}
