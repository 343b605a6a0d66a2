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

/// The WASI errnos with which runtimes refuse a path the sandbox does not
/// cover: `ENOTCAPABLE` (76; node:wasi, for `..` and symlinked files) and
/// `EPERM` (63; wasmtime, for symlinks that point outside). Natively there
/// is no sandbox, so nothing is read as a sandbox refusal.
#[cfg(target_os = "wasi")]
const SANDBOX_REFUSALS: &[i32] = &[63, 76];
#[cfg(not(target_os = "wasi"))]
const SANDBOX_REFUSALS: &[i32] = &[];

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
        Failure {
            code: USAGE,
            kind: "usage",
            message: message.into(),
        }
    }

    pub fn data(message: impl Into<String>) -> Self {
        Failure {
            code: DATA,
            kind: "bad-input",
            message: message.into(),
        }
    }

    /// A read or write failed midway.
    pub fn io(what: &str, e: &io::Error) -> Self {
        Failure {
            code: IO,
            kind: "io",
            message: format!("{what}: {e}"),
        }
    }

    /// Refuses, before any file is touched, a relative path that climbs out
    /// of the current directory (`../x`, `a/../../x`). Runtimes disagree on
    /// how they report such a path (node:wasi says ENOTCAPABLE; wasmtime
    /// may say ENOENT when an intermediate directory is missing), so rwm
    /// checks it itself and always answers 77. Escapes the text cannot show
    /// (a symlink pointing outside) are left to the runtime's sandbox and
    /// reported as 77 when it refuses with ENOTCAPABLE or EPERM. Absolute
    /// paths are the runtime's to resolve against its preopens.
    pub fn check_inside(path: &str) -> Result<(), Self> {
        if path.starts_with('/') {
            return Ok(());
        }
        let mut depth: usize = 0;
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    depth = depth.checked_sub(1).ok_or_else(|| Failure {
                        code: NOT_PERMITTED,
                        kind: "not-permitted",
                        message: format!(
                            "{path:?} is outside the directories this program was given (it climbs above them with ..)"
                        ),
                    })?;
                }
                _ => depth += 1,
            }
        }
        Ok(())
    }

    /// Opening `path` for reading failed.
    pub fn open_input(path: &str, e: &io::Error) -> Self {
        if let Some(denied) = Self::denied(path, e) {
            return denied;
        }
        let message = match e.kind() {
            io::ErrorKind::NotFound if path.starts_with('/') => {
                format!(
                    "input file {path:?} does not exist in the directories this program was given"
                )
            }
            io::ErrorKind::NotFound => format!("input file {path:?} does not exist"),
            _ => format!("cannot open input file {path:?}: {e}"),
        };
        Failure {
            code: NO_INPUT,
            kind: "no-input",
            message,
        }
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

    /// The runtime's sandbox refused the path.
    fn denied(path: &str, e: &io::Error) -> Option<Self> {
        let refused = e
            .raw_os_error()
            .is_some_and(|c| SANDBOX_REFUSALS.contains(&c));
        refused.then(|| Failure {
            code: NOT_PERMITTED,
            kind: "not-permitted",
            message: format!("{path:?} is outside the directories this program was given (refused by the WASI runtime: {e})"),
        })
    }
}

impl From<core_::AllocError> for Failure {
    fn from(e: core_::AllocError) -> Self {
        Failure {
            code: OUT_OF_MEMORY,
            kind: "out-of-memory",
            message: e.to_string(),
        }
    }
}

impl From<core_::NormalizeError> for Failure {
    fn from(e: core_::NormalizeError) -> Self {
        let kind = match e {
            core_::NormalizeError::Empty => "empty-input",
            core_::NormalizeError::ZeroMax => "zero-maximum",
            core_::NormalizeError::NonFiniteMax(_) => "non-finite-maximum",
        };
        Failure {
            code: DATA,
            kind,
            message: e.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Failure;

    #[test]
    fn paths_that_climb_out_are_refused_before_opening() {
        for inside in [
            "a.txt",
            "./a.txt",
            "a/b/../c.txt",
            "a/..",
            "a//b/./c",
            "..a/b",
            "a/..b",
        ] {
            assert!(Failure::check_inside(inside).is_ok(), "{inside}");
        }
        for outside in [
            "..",
            "../a",
            "a/../../b",
            "./../a",
            "a/b/../../../c",
            "a/../..",
        ] {
            let refused = Failure::check_inside(outside).unwrap_err();
            assert_eq!(
                (refused.code, refused.kind),
                (super::NOT_PERMITTED, "not-permitted"),
                "{outside}"
            );
        }
    }
}
