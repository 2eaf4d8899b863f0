//! Renders the replacement text for each action.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::policy::Action;

/// The fixed text of the `redact` action.
pub const REDACTED: &str = "[REDACTED]";

/// How many hex digits of the HMAC the `hash` action keeps: 48 bits, so
/// distinct values in one conversation practically never collide.
const HASH_HEX_DIGITS: usize = 12;

/// The text that replaces `value`, or `None` when the value stays.
pub(crate) fn replacement(
    action: Action,
    label: &str,
    value: &str,
    hash_key: Option<&[u8]>,
) -> Option<String> {
    match action {
        Action::Redact => Some(REDACTED.to_string()),
        Action::Label => Some(format!("[{label}]")),
        Action::Mask { keep } => Some(mask(value, keep)),
        Action::Hash => {
            let hex = hmac_hex(hash_key?, value, HASH_HEX_DIGITS);
            Some(format!("[{label}:{hex}]"))
        }
        // Reversible actions go through a vault (see `engine`).
        Action::Tokenize
        | Action::Pseudonymize
        | Action::Surrogate
        | Action::Block
        | Action::Allow => None,
    }
}

/// Masks letters and digits with `*`, keeping at most `keep` of the last
/// ones readable, and never more than half of them.
fn mask(value: &str, keep: usize) -> String {
    let total = value.chars().filter(|c| c.is_alphanumeric()).count();
    let shown = keep.min(total / 2);
    let mut seen = 0;
    value
        .chars()
        .map(|c| {
            if !c.is_alphanumeric() {
                return c;
            }
            seen += 1;
            if seen > total - shown {
                c
            } else {
                '*'
            }
        })
        .collect()
}

/// The first `digits` (at most 64) lower-case hex digits of the
/// HMAC-SHA256 of `value` under `key`.
pub(crate) fn hmac_hex(key: &[u8], value: &str, digits: usize) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digits = digits.min(64);
    // HMAC takes keys of any length, so this never fails.
    let mut mac = match Hmac::<Sha256>::new_from_slice(key) {
        Ok(mac) => mac,
        Err(_) => return "0".repeat(digits),
    };
    mac.update(value.as_bytes());
    let digest = mac.finalize().into_bytes();
    let mut hex = String::with_capacity(64);
    for b in digest.iter() {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    hex.truncate(digits);
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mask_keeps_the_tail_and_the_shape() {
        assert_eq!(mask("4111 1111 1111 1234", 4), "**** **** **** 1234");
        assert_eq!(mask("ab", 4), "*b");
        assert_eq!(mask("x", 4), "*");
    }

    #[test]
    fn hash_is_keyed_and_stable() {
        let a = replacement(Action::Hash, "EMAIL", "a@b.co", Some(b"k1"));
        let b = replacement(Action::Hash, "EMAIL", "a@b.co", Some(b"k1"));
        let c = replacement(Action::Hash, "EMAIL", "a@b.co", Some(b"k2"));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.unwrap().len(), "[EMAIL:]".len() + HASH_HEX_DIGITS);
    }
}
