//! The error of vault operations: filling, exporting, importing.

use std::fmt;

/// A vault operation that failed.
///
/// Like every Airlock error, it never holds a value, a token or a key:
/// only what went wrong and, for limits, the numbers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VaultError {
    kind: VaultErrorKind,
}

/// Why a vault operation failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum VaultErrorKind {
    /// Adding a value would take the vault over its entry limit.
    Full {
        /// The vault's limit, in entries.
        limit: usize,
    },
    /// The vault was filled under another token template than the
    /// engine's; one vault holds one template's tokens.
    TemplateMismatch,
    /// The encryption key is not 32 bytes long.
    Key,
    /// The nonce is not 12 bytes long.
    Nonce,
    /// The blob does not decrypt: wrong key, wrong associated data, or a
    /// blob altered after export.
    Decrypt,
    /// The blob is too short or its contents are malformed.
    Format,
    /// The blob was written by an unknown version of the format.
    Version {
        /// The version byte found.
        found: u8,
    },
}

impl VaultError {
    pub(crate) fn new(kind: VaultErrorKind) -> VaultError {
        VaultError { kind }
    }

    /// Why it failed.
    pub fn kind(&self) -> VaultErrorKind {
        self.kind
    }

    /// A stable code for programs: `vault_full`, `vault_decrypt`, ...
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }
}

impl VaultErrorKind {
    /// A stable code for programs: `vault_full`, `vault_decrypt`, ...
    pub fn code(self) -> &'static str {
        match self {
            VaultErrorKind::Full { .. } => "vault_full",
            VaultErrorKind::TemplateMismatch => "vault_template",
            VaultErrorKind::Key => "vault_key",
            VaultErrorKind::Nonce => "vault_nonce",
            VaultErrorKind::Decrypt => "vault_decrypt",
            VaultErrorKind::Format => "vault_format",
            VaultErrorKind::Version { .. } => "vault_version",
        }
    }
}

impl fmt::Display for VaultErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            VaultErrorKind::Full { limit } => {
                write!(f, "the vault is full ({limit} entries)")
            }
            VaultErrorKind::TemplateMismatch => f.write_str(
                "the vault holds tokens of another template than the \
                 policy's",
            ),
            VaultErrorKind::Key => f.write_str("the key must be 32 bytes"),
            VaultErrorKind::Nonce => f.write_str("the nonce must be 12 bytes"),
            VaultErrorKind::Decrypt => f.write_str(
                "the blob does not decrypt: wrong key or associated data, \
                 or the blob was altered",
            ),
            VaultErrorKind::Format => {
                f.write_str("the blob is truncated or malformed")
            }
            VaultErrorKind::Version { found } => {
                write!(f, "unknown blob version {found}, expected 1")
            }
        }
    }
}

impl fmt::Display for VaultError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "vault: {}", self.kind)
    }
}

impl std::error::Error for VaultError {}
