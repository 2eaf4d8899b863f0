//! Errors, one type per failure domain. None of them ever holds a scanned
//! value: they name paths, kinds and sizes only.

use std::fmt;

use crate::finding::{DetectorId, Kind};
use crate::vault::VaultErrorKind;

/// A policy document that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyError {
    kind: PolicyErrorKind,
    path: String,
    message: String,
}

/// What was wrong with a policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum PolicyErrorKind {
    /// Not JSON, or JSON of the wrong shape.
    Syntax,
    /// A value outside what Airlock accepts (unknown kind, bad action).
    Invalid,
    /// A custom pattern that does not compile.
    Pattern,
    /// A size limit exceeded (pattern count, dictionary size, ...).
    TooLarge,
}

impl PolicyError {
    pub(crate) fn new(
        kind: PolicyErrorKind,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> PolicyError {
        PolicyError { kind, path: path.into(), message: message.into() }
    }

    /// What was wrong.
    pub fn kind(&self) -> PolicyErrorKind {
        self.kind
    }

    /// Where in the document, e.g. `custom[2].pattern`; empty for the
    /// document as a whole.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// A stable code for programs: `policy_syntax`, `policy_invalid`, ...
    pub fn code(&self) -> &'static str {
        match self.kind {
            PolicyErrorKind::Syntax => "policy_syntax",
            PolicyErrorKind::Invalid => "policy_invalid",
            PolicyErrorKind::Pattern => "policy_pattern",
            PolicyErrorKind::TooLarge => "policy_too_large",
        }
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "policy: {}", self.message)
        } else {
            write!(f, "policy: {}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for PolicyError {}

/// A scan or redaction that did not produce a safe text.
///
/// When this is returned nothing may be sent: the caller has no redacted
/// text to fall back on, by design.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScanError {
    kind: ScanErrorKind,
}

/// Why a scan or redaction failed.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScanErrorKind {
    /// The text is longer than the policy's `limits.maxInputBytes`.
    InputTooLarge {
        /// The text's length in UTF-8 bytes.
        len_bytes: usize,
        /// The limit in UTF-8 bytes.
        limit_bytes: usize,
    },
    /// The policy blocks a kind of value that the text contains.
    Blocked {
        /// The kinds found whose action is `block`, sorted, no duplicates.
        kinds: Vec<Kind>,
        /// Their detectors, sorted, no duplicates.
        detectors: Vec<DetectorId>,
    },
    /// The vault could not take the text's values (it is full, or holds
    /// another template's tokens). The vault is left as it was.
    Vault(VaultErrorKind),
    /// A bug in Airlock. Reported instead of panicking.
    Internal(&'static str),
}

impl ScanError {
    pub(crate) fn new(kind: ScanErrorKind) -> ScanError {
        ScanError { kind }
    }

    /// Why it failed.
    pub fn kind(&self) -> &ScanErrorKind {
        &self.kind
    }

    /// A stable code for programs: `input_too_large`, `blocked`,
    /// `internal`, or the vault error's code (`vault_full`, ...).
    pub fn code(&self) -> &'static str {
        match self.kind {
            ScanErrorKind::InputTooLarge { .. } => "input_too_large",
            ScanErrorKind::Blocked { .. } => "blocked",
            ScanErrorKind::Vault(kind) => kind.code(),
            ScanErrorKind::Internal(_) => "internal",
        }
    }
}

impl fmt::Display for ScanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ScanErrorKind::InputTooLarge { len_bytes, limit_bytes } => write!(
                f,
                "input is {len_bytes} bytes, over the limit of \
                 {limit_bytes} bytes"
            ),
            ScanErrorKind::Blocked { kinds, .. } => {
                f.write_str("blocked by policy: the text contains ")?;
                for (i, kind) in kinds.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(kind.as_str())?;
                }
                Ok(())
            }
            ScanErrorKind::Vault(kind) => write!(f, "vault: {kind}"),
            ScanErrorKind::Internal(what) => {
                write!(f, "internal error: {what}")
            }
        }
    }
}

impl std::error::Error for ScanError {}
