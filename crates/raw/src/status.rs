//! Status codes returned by the raw exports (and by `last_status()`).
//! 0 is success; every error is negative. The numbers are part of the ABI:
//! never renumber, only add.

/// The outcome of a raw export.
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
}

impl Status {
    /// The code as it crosses the ABI.
    pub fn code(self) -> i32 {
        self as i32
    }

    /// Every status, in code order (0, -1, -2, ...).
    pub const ALL: [Status; 11] = [
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
    ];
}

impl From<Result<(), Status>> for Status {
    fn from(r: Result<(), Status>) -> Status {
        match r {
            Ok(()) => Status::Ok,
            Err(s) => s,
        }
    }
}
