//! Status codes returned by raw exports. 0 is success; every error is
//! negative. The numbers are part of the ABI: never renumber, only add
//! (and bump [`crate::contract::ABI_VERSION`] when a meaning changes).
//!
//! This enum is the one source of the codes, their names and their
//! messages: `contract/contract.json` is written from it (see
//! [`crate::contract`]) and the JS toolkit, the tests and the docs read
//! that file.

/// The outcome of a raw export.
///
/// ```
/// use rust_wasm_memory_kit::Status;
/// let refused: Result<(), Status> = Err(Status::NotOwned);
/// assert_eq!(Status::from(refused).code(), -7);
/// assert_eq!(Status::from(Ok(())), Status::Ok);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(i32)]
pub enum Status {
    /// Success.
    Ok = 0,
    /// A pointer argument is 0.
    NullPointer = -1,
    /// A length of 0 where an element is required (`normalize_numbers`).
    ZeroLength = -2,
    /// `normalize_numbers`: the maximum is ±0 or not finite; unchanged.
    CannotNormalize = -3,
    /// A pointer is not a multiple of its element's alignment.
    Misaligned = -4,
    /// `ptr + len * size` does not fit in the address space.
    Overflow = -5,
    /// The range runs past the end of linear memory.
    OutOfBounds = -6,
    /// The range is not inside a live block handed out by this module
    /// (never allocated, already freed, or straddling two blocks).
    NotOwned = -7,
    /// A free named a live block with the wrong size or alignment; the
    /// block stays live.
    WrongLength = -8,
    /// The allocator could not provide the memory.
    OutOfMemory = -9,
    /// `alloc`'s alignment is not a power of two from 1 to 65536.
    BadAlign = -10,
    /// Two arguments name overlapping memory and the call writes one of
    /// them: two out-params at one address (one result would overwrite the
    /// other), or an input that overlaps an output.
    Overlap = -11,
    /// Bytes that must be UTF-8 text are not.
    InvalidUtf8 = -12,
    /// An argument is outside the export's documented domain (an empty
    /// range where one is not allowed, bounds in the wrong order, ...).
    InvalidArgument = -13,
}

impl Status {
    /// Every status, in code order (0, -1, -2, ...).
    ///
    /// ```
    /// use rust_wasm_memory_kit::Status;
    /// assert!(Status::ALL.iter().enumerate().all(|(i, s)| s.code() == -(i as i32)));
    /// ```
    pub const ALL: [Status; 14] = [
        Status::Ok,
        Status::NullPointer,
        Status::ZeroLength,
        Status::CannotNormalize,
        Status::Misaligned,
        Status::Overflow,
        Status::OutOfBounds,
        Status::NotOwned,
        Status::WrongLength,
        Status::OutOfMemory,
        Status::BadAlign,
        Status::Overlap,
        Status::InvalidUtf8,
        Status::InvalidArgument,
    ];

    /// The code as it crosses the ABI.
    ///
    /// ```
    /// use rust_wasm_memory_kit::Status;
    /// assert_eq!(Status::NotOwned.code(), -7);
    /// ```
    pub fn code(self) -> i32 {
        self as i32
    }

    /// The status with this code, if there is one.
    ///
    /// ```
    /// use rust_wasm_memory_kit::Status;
    /// assert_eq!(Status::from_code(-8), Some(Status::WrongLength));
    /// assert_eq!(Status::from_code(7), None);
    /// ```
    pub fn from_code(code: i32) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The constant's name in host languages (`"NOT_OWNED"`).
    ///
    /// ```
    /// assert_eq!(rust_wasm_memory_kit::Status::NotOwned.name(), "NOT_OWNED");
    /// ```
    pub fn name(self) -> &'static str {
        self.facts().0
    }

    /// The name of the host error class for this status (`"NotOwnedError"`);
    /// empty for [`Status::Ok`].
    ///
    /// ```
    /// assert_eq!(rust_wasm_memory_kit::Status::Overlap.error_class(), "OverlapError");
    /// ```
    pub fn error_class(self) -> &'static str {
        self.facts().1
    }

    /// What a refused call with this status means, for error messages.
    ///
    /// ```
    /// assert!(rust_wasm_memory_kit::Status::NullPointer.message().contains("null"));
    /// ```
    pub fn message(self) -> &'static str {
        self.facts().2
    }

    fn facts(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Status::Ok => ("OK", "", "success"),
            Status::NullPointer => ("NULL_POINTER", "NullPointerError", "a pointer is 0 (null)"),
            Status::ZeroLength => (
                "ZERO_LENGTH",
                "ZeroLengthError",
                "the length is 0, and at least one element is required",
            ),
            Status::CannotNormalize => (
                "CANNOT_NORMALIZE",
                "CannotNormalizeError",
                "the maximum is 0 or not finite; the data is unchanged",
            ),
            Status::Misaligned => (
                "MISALIGNED",
                "MisalignedError",
                "a pointer is not a multiple of its element size",
            ),
            Status::Overflow => (
                "OVERFLOW",
                "OverflowError",
                "ptr + len * size does not fit in 32 bits",
            ),
            Status::OutOfBounds => (
                "OUT_OF_BOUNDS",
                "OutOfBoundsError",
                "the range runs past the end of linear memory",
            ),
            Status::NotOwned => (
                "NOT_OWNED",
                "NotOwnedError",
                "the range is not inside a live block this module handed out (never allocated, already freed, or spanning two blocks)",
            ),
            Status::WrongLength => (
                "WRONG_LENGTH",
                "WrongLengthError",
                "the block exists but has a different size or alignment; it is still live",
            ),
            Status::OutOfMemory => (
                "OUT_OF_MEMORY",
                "OutOfMemoryError",
                "the allocator could not provide the memory",
            ),
            Status::BadAlign => (
                "BAD_ALIGN",
                "BadAlignError",
                "the alignment must be a power of two from 1 to 65536",
            ),
            Status::Overlap => (
                "OVERLAP",
                "OverlapError",
                "two arguments name overlapping memory and the call writes one of them; give each its own",
            ),
            Status::InvalidUtf8 => (
                "INVALID_UTF8",
                "InvalidUtf8Error",
                "the bytes are not valid UTF-8 text",
            ),
            Status::InvalidArgument => (
                "INVALID_ARGUMENT",
                "InvalidArgumentError",
                "an argument is outside the domain the export documents",
            ),
        }
    }
}

impl From<Result<(), Status>> for Status {
    fn from(r: Result<(), Status>) -> Status {
        match r {
            Ok(()) => Status::Ok,
            Err(s) => s,
        }
    }
}
