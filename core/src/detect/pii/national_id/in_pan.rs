//! Indian Permanent Account Numbers.

use crate::detect::Pattern;
use crate::finding::Kind;

/// Five letters (the fourth names the holder type), four digits and a
/// letter, after "PAN". The PAN has no check character, so the name is
/// required.
pub(in crate::detect::pii) const PAN: Pattern = Pattern::new(
    "in_pan",
    Kind::NationalId,
    concat!(
        r"(?i:\b(?:pan|permanent\s+account\s+(?:number|no))\b)",
        r"[^\n]{0,24}?\b([A-Z]{3}[ABCFGHJLPT][A-Z]\d{4}[A-Z])\b"
    ),
)
.group(1)
.anchors(&["pan", "permanent account"], 64)
.priority(super::PRIORITY);

/// For a value after a generic name: the PAN's shape and holder types.
pub(super) fn valid_any(value: &str) -> bool {
    super::has_shape(value, "AAAAA9999A")
        && b"ABCFGHJLPT".contains(&value.as_bytes()[3])
}

#[cfg(test)]
mod tests {
    use crate::detect::pii::tests::found;

    #[test]
    fn finds_pan_after_the_name() {
        assert_eq!(
            found("PAN card no: ABCPE1234F.", "in_pan"),
            vec!["ABCPE1234F"]
        );
        assert_eq!(found("pan AAAPL1234C", "in_pan"), vec!["AAAPL1234C"]);
        assert_eq!(
            found(r#"{"national_id": "PZOPB4947J"}"#, "in_pan"),
            vec!["PZOPB4947J"]
        );
    }

    #[test]
    fn rejects_bad_shapes_and_missing_context() {
        assert!(found("PAN ABCDE1234F", "in_pan").is_empty());
        assert!(found("PAN abcpe1234f", "in_pan").is_empty());
        assert!(found("code ABCPE1234F", "in_pan").is_empty());
        assert!(found("company ABCPE1234F", "in_pan").is_empty());
    }
}
