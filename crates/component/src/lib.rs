//! The WIT face: the core exported as the `demo:text/text-processor`
//! component world (`wit/text-processor.wit`), built for `wasm32-wasip2`.
//!
//! wit-bindgen generates the canonical-ABI glue (lifting strings and lists
//! out of linear memory, lowering results back); this file only maps the
//! core's results and errors onto the world's types. Nothing here is
//! `unsafe`, and no call can trap: every allocation the core makes is
//! fallible and comes back as `text-error::out-of-memory`.
//!
//! (the canonical ABI's own copies of arguments and results are made by
//! wit-bindgen's generated code with the global allocator; a list too big
//! for memory is refused by the host before the guest runs.)
#![deny(unsafe_code)]

use rust_wasm_memory_core as core_;

/// The code wit-bindgen generates from the world. Its export shims are
/// `unsafe` (they read the canonical ABI's pointers); this module is the
/// only place `unsafe` is allowed, and it holds no hand-written code.
#[allow(unsafe_code)]
mod bindings {
    wit_bindgen::generate!({
        path: "../../wit",
        world: "text-processor",
    });

    use super::TextProcessor;
    export!(TextProcessor);
}

use bindings::{Guest, TextError};

/// The type that implements the world's exports.
#[derive(Debug)]
pub struct TextProcessor;

impl From<core_::AllocError> for TextError {
    fn from(e: core_::AllocError) -> Self {
        TextError::OutOfMemory(u64::try_from(e.requested_bytes).unwrap_or(u64::MAX))
    }
}

impl From<core_::NormalizeError> for TextError {
    fn from(e: core_::NormalizeError) -> Self {
        match e {
            core_::NormalizeError::Empty => TextError::EmptyInput,
            core_::NormalizeError::ZeroMax => TextError::ZeroMaximum,
            core_::NormalizeError::NonFiniteMax(m) => TextError::NonFiniteMaximum(m),
        }
    }
}

impl Guest for TextProcessor {
    fn process_text(input: String) -> Result<String, TextError> {
        Ok(core_::process_string(&input)?)
    }

    fn normalize_array(values: Vec<f32>) -> Result<Vec<f32>, TextError> {
        // The list is already this component's own copy: normalise it in
        // place and hand the same allocation back.
        let mut values = values;
        core_::normalize(&mut values)?;
        Ok(values)
    }

    fn normalize_peak(values: Vec<f32>) -> Result<Vec<f32>, TextError> {
        let mut values = values;
        core_::normalize_peak(&mut values)?;
        Ok(values)
    }

    fn greet(name: String) -> Result<String, TextError> {
        Ok(core_::greet(&name)?)
    }

    fn echo_suffix(input: String) -> Result<String, TextError> {
        Ok(core_::echo_suffix(&input)?)
    }

    fn ascii_uppercase(input: String) -> Result<String, TextError> {
        Ok(core_::ascii_uppercase(&input)?)
    }

    fn sum_u32(values: Vec<u32>) -> u32 {
        core_::sum_u32(&values)
    }

    fn make_number_array(len: u32) -> Result<Vec<u32>, TextError> {
        Ok(core_::make_number_array(len as usize)?)
    }

    fn fill_buffer(len: u32) -> Result<Vec<u8>, TextError> {
        Ok(core_::make_byte_pattern(len as usize)?)
    }

    fn add(a: i32, b: i32) -> i32 {
        core_::add(a, b)
    }

    fn scale_and_add(x: i32, y: i32, factor: i32) -> i32 {
        core_::scale_and_add(x, y, factor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_map_to_the_world_variant() {
        assert!(matches!(
            TextProcessor::normalize_array(vec![]),
            Err(TextError::EmptyInput)
        ));
        assert!(matches!(
            TextProcessor::normalize_array(vec![0.0, -0.0]),
            Err(TextError::ZeroMaximum)
        ));
        match TextProcessor::normalize_array(vec![1.0, f32::INFINITY]) {
            Err(TextError::NonFiniteMaximum(m)) => assert_eq!(m, f32::INFINITY),
            other => panic!("{other:?}"),
        }
        let huge = core_::AllocError {
            requested_bytes: u128::from(u64::MAX) + 7,
        };
        assert!(matches!(
            TextError::from(huge),
            TextError::OutOfMemory(u64::MAX)
        ));
    }

    #[test]
    fn results_come_from_the_core() {
        assert_eq!(
            TextProcessor::normalize_array(vec![1.0, 2.0, 4.0]).unwrap(),
            [0.25, 0.5, 1.0]
        );
        assert_eq!(
            TextProcessor::normalize_peak(vec![-4.0, 2.0, 1.0]).unwrap(),
            [-1.0, 0.5, 0.25]
        );
        assert!(matches!(
            TextProcessor::normalize_peak(vec![0.0, f32::NAN]),
            Err(TextError::ZeroMaximum)
        ));
        assert_eq!(
            TextProcessor::process_text("a".into()).unwrap(),
            "a_processed"
        );
        assert_eq!(
            TextProcessor::ascii_uppercase("straße".into()).unwrap(),
            "STRAßE"
        );
        assert_eq!(TextProcessor::sum_u32(vec![u32::MAX, 2]), 1);
        assert_eq!(TextProcessor::make_number_array(3).unwrap(), [0, 2, 4]);
        assert_eq!(TextProcessor::fill_buffer(258).unwrap()[257], 1);
        assert_eq!(TextProcessor::scale_and_add(2, 3, 4), 20);
    }
}
