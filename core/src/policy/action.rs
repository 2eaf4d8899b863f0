//! What happens to a value once it is found.

use std::fmt;

/// The transformation a policy applies to one kind of value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Action {
    /// Replace the value with a fixed mask, `[REDACTED]`.
    Redact,
    /// Replace the value with its kind, e.g. `[EMAIL]`.
    Label,
    /// Keep the last `keep` letters and digits, mask the rest with `*`;
    /// separators stay, so the shape survives.
    Mask {
        /// How many trailing letters and digits stay readable.
        keep: usize,
    },
    /// Replace the value with a keyed HMAC-SHA256, truncated: the same
    /// value gives the same text under the same key.
    Hash,
    /// Replace the value with a numbered placeholder such as `[EMAIL_1]`
    /// (see the policy's `tokens.template`), recorded in a
    /// [`Vault`](crate::Vault) so the reply can be restored. The same
    /// value gets the same token for the life of the vault.
    Tokenize,
    /// Replace the value with a keyed placeholder such as
    /// `[EMAIL_3f9a0c7d]`: the HMAC-SHA256 of the value under the
    /// engine's pseudonym key, the same across sessions and machines that
    /// share the key. Recorded in the vault like `tokenize`.
    Pseudonymize,
    /// Replace the value with a realistic fake of the same shape (a
    /// Luhn-valid test card, an address at `example.com`, ...), recorded
    /// in the vault like `tokenize`.
    Surrogate,
    /// Refuse the whole text.
    Block,
    /// Leave the value as it is (it is still reported).
    Allow,
}

impl Action {
    /// The name used in policies.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Redact => "redact",
            Action::Label => "label",
            Action::Mask { .. } => "mask",
            Action::Hash => "hash",
            Action::Tokenize => "tokenize",
            Action::Pseudonymize => "pseudonymize",
            Action::Surrogate => "surrogate",
            Action::Block => "block",
            Action::Allow => "allow",
        }
    }

    /// Every action name, for error messages and the JSON Schema.
    pub const NAMES: &'static [&'static str] = &[
        "redact",
        "label",
        "mask",
        "hash",
        "tokenize",
        "pseudonymize",
        "surrogate",
        "block",
        "allow",
    ];

    /// Whether the action records values in a vault, so that they can be
    /// restored: `tokenize`, `pseudonymize`, `surrogate`.
    pub fn is_reversible(self) -> bool {
        matches!(
            self,
            Action::Tokenize | Action::Pseudonymize | Action::Surrogate
        )
    }

    /// Parses an action name; `keep` is used by `mask` only.
    pub(crate) fn from_name(name: &str, keep: usize) -> Option<Action> {
        Some(match name {
            "redact" => Action::Redact,
            "label" => Action::Label,
            "mask" => Action::Mask { keep },
            "hash" => Action::Hash,
            "tokenize" => Action::Tokenize,
            "pseudonymize" => Action::Pseudonymize,
            "surrogate" => Action::Surrogate,
            "block" => Action::Block,
            "allow" => Action::Allow,
            _ => return None,
        })
    }
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
