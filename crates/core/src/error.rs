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
        write!(f, "cannot allocate {} bytes", self.requested_bytes)
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
            NormalizeError::NonFiniteMax(m) => write!(
                f,
                "cannot normalize: the maximum is {m}, not a finite number"
            ),
        }
    }
}
