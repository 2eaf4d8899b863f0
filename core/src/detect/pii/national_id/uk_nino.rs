//! United Kingdom National Insurance numbers.

use crate::detect::pii::tokens::TOKENS;
use crate::detect::Pattern;
use crate::finding::Kind;

/// Two prefix letters (D, F, I, Q, U, V never; O never second), six
/// digits, a suffix A-D; compact or spaced as `AB 12 34 56 C`.
pub(in crate::detect::pii) const NINO: Pattern =
    Pattern::new("uk_nino", Kind::NationalId, TOKENS)
        .validate(valid)
        .priority(super::PRIORITY);

/// Prefixes that are never allocated.
const UNUSED: &[&str] = &["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"];

fn valid(value: &str) -> bool {
    let shaped = ["AA999999A", "AA 99 99 99 A", "AA 999999 A"]
        .iter()
        .any(|s| super::has_shape(value, s));
    if !shaped {
        return false;
    }
    let b = value.as_bytes();
    let first_ok = !b"DFIQUV".contains(&b[0]);
    let second_ok = !b"DFIOQUV".contains(&b[1]);
    let suffix_ok = matches!(b[b.len() - 1], b'A'..=b'D');
    first_ok && second_ok && suffix_ok && !UNUSED.contains(&&value[..2])
}

#[cfg(test)]
mod tests {
    use crate::detect::pii::tests::found;

    #[test]
    fn finds_ninos() {
        for n in ["AB123456C", "AB 12 34 56 C", "JG 103759 A", "ZA987654D"] {
            let text = format!("NI number {n}, 谢谢");
            assert_eq!(found(&text, "uk_nino"), vec![n], "{text}");
        }
    }

    #[test]
    fn rejects_invalid_prefixes_and_shapes() {
        for text in [
            "GB123456A",
            "QQ123456C",
            "AD123456C",
            "AB123456E",
            "AB 12 3456 C",
            "XAB123456C",
        ] {
            assert!(found(text, "uk_nino").is_empty(), "{text}");
        }
    }
}
