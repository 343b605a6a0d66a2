//! Everything `rwm` can fail with: a message, a kind token for scripts and
//! tests, and a sysexits-style exit code.

use std::fmt;
use std::io;

use rust_wasm_memory_core as core_;

pub const USAGE: u8 = 64;
pub const DATA: u8 = 65;
pub const NO_INPUT: u8 = 66;
pub const OUT_OF_MEMORY: u8 = 71;
pub const CANNOT_CREATE: u8 = 73;
pub const IO: u8 = 74;
pub const NOT_PERMITTED: u8 = 77;

/// WASI's `ENOTCAPABLE`: the path is outside every preopened directory, or
/// the preopen lacks the right. wasi-libc passes it through as errno 76.
const ENOTCAPABLE: i32 = 76;

#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub kind: &'static str,
    pub message: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.kind)
    }
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Self {
        Failure { code: USAGE, kind: "usage", message: message.into() }
    }

    pub fn data(message: impl Into<String>) -> Self {
        Failure { code: DATA, kind: "bad-input", message: message.into() }
    }

    /// A read or write failed midway.
    pub fn io(what: &str, e: &io::Error) -> Self {
        Failure { code: IO, kind: "io", message: format!("{what}: {e}") }
    }

    /// Opening `path` for reading failed.
    pub fn open_input(path: &str, e: &io::Error) -> Self {
        if let Some(denied) = Self::denied(path, e) {
            return denied;
        }
        let message = match e.kind() {
            io::ErrorKind::NotFound if path.starts_with('/') => {
                format!("input file {path:?} does not exist in the directories this program was given")
            }
            io::ErrorKind::NotFound => format!("input file {path:?} does not exist"),
            _ => format!("cannot open input file {path:?}: {e}"),
        };
        Failure { code: NO_INPUT, kind: "no-input", message }
    }

    /// Creating or finishing `path` for writing failed.
    pub fn create_output(path: &str, e: &io::Error) -> Self {
        if let Some(denied) = Self::denied(path, e) {
            return denied;
        }
        Failure {
            code: CANNOT_CREATE,
            kind: "cannot-create",
            message: format!("cannot write output file {path:?}: {e}"),
        }
    }

    /// The sandbox refused the path. Runtimes differ in the errno they use
    /// (ENOTCAPABLE from wasmtime, EPERM or EACCES elsewhere), so a refusal
    /// of a path that leaves the current directory is named for what it is.
    fn denied(path: &str, e: &io::Error) -> Option<Self> {
        let escapes = path.starts_with('/') || path.split('/').any(|c| c == "..");
        let refused = e.raw_os_error() == Some(ENOTCAPABLE)
            || (escapes && e.kind() == io::ErrorKind::PermissionDenied);
        refused.then(|| Failure {
            code: NOT_PERMITTED,
            kind: "not-permitted",
            message: format!("{path:?} is outside the directories this program was given ({e})"),
        })
    }
}

impl From<core_::AllocError> for Failure {
    fn from(e: core_::AllocError) -> Self {
        Failure { code: OUT_OF_MEMORY, kind: "out-of-memory", message: e.to_string() }
    }
}

impl From<core_::NormalizeError> for Failure {
    fn from(e: core_::NormalizeError) -> Self {
        let kind = match e {
            core_::NormalizeError::Empty => "empty-input",
            core_::NormalizeError::ZeroMax => "zero-maximum",
            core_::NormalizeError::NonFiniteMax(_) => "non-finite-maximum",
        };
        Failure { code: DATA, kind, message: e.to_string() }
    }
}
