//! Properties of the kit's host-facing conversions.

use proptest::prelude::*;
use rust_wasm_memory_kit::text::decode_lossy;

proptest! {
    #[test]
    fn decode_lossy_matches_from_utf8_lossy(bytes in prop::collection::vec(any::<u8>(), 0..128)) {
        prop_assert_eq!(decode_lossy(&bytes).unwrap(), String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn valid_utf8_is_borrowed_not_copied(text in ".*") {
        prop_assert!(matches!(decode_lossy(text.as_bytes()).unwrap(), std::borrow::Cow::Borrowed(_)));
    }
}
