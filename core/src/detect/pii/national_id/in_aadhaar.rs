//! Indian Aadhaar numbers.

use crate::detect::validate::{digits, verhoeff};
use crate::detect::Pattern;
use crate::finding::Kind;

/// Twelve digits not starting with 0 or 1, usually 4-4-4, after
/// "Aadhaar"; Verhoeff check digit.
pub(in crate::detect::pii) const AADHAAR: Pattern = Pattern::new(
    "in_aadhaar",
    Kind::NationalId,
    after_name!(r"aadhaa?r|uidai", r"[2-9]\d{3}[ \-]?\d{4}[ \-]?\d{4}"),
)
.group(1)
.anchors(&["aadhaar", "aadhar", "uidai"], 64)
.validate(valid)
.priority(super::PRIORITY);

/// For a value after a generic name: one of the usual shapes, then
/// [`valid`].
pub(super) fn valid_any(value: &str) -> bool {
    ["999999999999", "9999 9999 9999", "9999-9999-9999"]
        .iter()
        .any(|s| super::has_shape(value, s))
        && valid(value)
}

fn valid(value: &str) -> bool {
    let Some((d, 12)) = digits::<12>(value) else {
        return false;
    };
    d[0] >= 2 && super::one_separator(value) && verhoeff(&d)
}

#[cfg(test)]
mod tests {
    use crate::detect::pii::tests::found;

    #[test]
    fn finds_aadhaar_after_the_name() {
        for n in ["2341 2341 2346", "4987-6543-2102", "234123412346"] {
            let text = format!("Aadhaar no. {n} 🙏");
            assert_eq!(found(&text, "in_aadhaar"), vec![n], "{text}");
        }
    }

    #[test]
    fn rejects_bad_check_digit_and_missing_context() {
        assert!(found("Aadhaar 2341 2341 2347", "in_aadhaar").is_empty());
        assert!(found("Aadhaar 1341 2341 2346", "in_aadhaar").is_empty());
        assert!(found("order 2341 2341 2346", "in_aadhaar").is_empty());
    }
}
