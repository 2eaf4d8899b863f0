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
            Action::Block => "block",
            Action::Allow => "allow",
        }
    }

    /// Every action name, for error messages and the JSON Schema.
    pub const NAMES: &'static [&'static str] =
        &["redact", "label", "mask", "hash", "block", "allow"];

    /// Parses an action name; `keep` is used by `mask` only.
    pub(crate) fn from_name(name: &str, keep: usize) -> Option<Action> {
        Some(match name {
            "redact" => Action::Redact,
            "label" => Action::Label,
            "mask" => Action::Mask { keep },
            "hash" => Action::Hash,
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
