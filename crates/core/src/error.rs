//! The core's error types. Each face maps them to its own vocabulary
//! (a JS `RangeError`, a negative status code, a WIT variant, an exit code),
//! so they carry the facts a message needs and nothing host-specific.

use core::fmt;

/// An allocation the core asked for could not be satisfied.
///
/// `requested_bytes` is exact even when it exceeds the address space
/// (it is computed in `u128`), so a message can say what was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AllocError {
    /// How many bytes were requested.
    pub requested_bytes: u128,
}

impl AllocError {
    /// The error for a buffer of `len` elements of type `T`.
    pub fn for_elements<T>(len: usize) -> Self {
        AllocError {
            requested_bytes: len as u128 * core::mem::size_of::<T>() as u128,
        }
    }
}

impl fmt::Display for AllocError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Through u64 where it fits (always, on wasm32): u128 formatting
        // would add its own code to every module that prints this.
        match u64::try_from(self.requested_bytes) {
            Ok(bytes) => write!(f, "cannot allocate {bytes} bytes"),
            Err(_) => f.write_str("cannot allocate more than 2^64 bytes"),
        }
    }
}

/// Why [`normalize`](crate::normalize) left its input unchanged.
///
/// The slice is never modified when an error is returned.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NormalizeError {
    /// The slice has no elements.
    Empty,
    /// The maximum is `0.0` or `-0.0`; dividing would give ±Inf or NaN.
    ZeroMax,
    /// The maximum is `+Inf`, or `-Inf` because every element is NaN or
    /// `-Inf` (NaN is skipped when finding the maximum). Dividing by it
    /// would erase every finite value.
    NonFiniteMax(f32),
}

impl fmt::Display for NormalizeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NormalizeError::Empty => f.write_str("cannot normalize an empty array"),
            NormalizeError::ZeroMax => f.write_str("cannot normalize: the maximum is 0"),
            // Spelled out rather than `{m}`: float formatting is the largest
            // piece of code a wasm module could pull in through this.
            NormalizeError::NonFiniteMax(m) => {
                let m = if m.is_nan() {
                    "NaN"
                } else if *m < 0.0 {
                    "-inf"
                } else {
                    "inf"
                };
                write!(
                    f,
                    "cannot normalize: the maximum is {m}, not a finite number"
                )
            }
        }
    }
}
