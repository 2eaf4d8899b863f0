//! United Kingdom National Insurance numbers.

use crate::detect::Pattern;
use crate::finding::Kind;

/// Two prefix letters (D, F, I, Q, U, V never; O never second), six
/// digits, a suffix A-D; compact or spaced as `AB 12 34 56 C`.
pub(in crate::detect::pii) const NINO: Pattern = Pattern::new(
    "uk_nino",
    Kind::NationalId,
    concat!(
        r"\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]",
        r" ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b"
    ),
)
.validate(valid)
.priority(super::PRIORITY);

/// Prefixes that are never allocated.
const UNUSED: &[&str] = &["BG", "GB", "KN", "NK", "NT", "TN", "ZZ"];

fn valid(value: &str) -> bool {
    let spaces = value.bytes().filter(|&b| b == b' ').count();
    let shape = match spaces {
        0 | 4 => true,
        // "AB 123456 C".
        2 => value.as_bytes()[2] == b' ' && value.as_bytes()[9] == b' ',
        _ => false,
    };
    shape && !UNUSED.contains(&&value[..2])
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
