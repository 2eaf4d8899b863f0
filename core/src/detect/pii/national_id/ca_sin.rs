//! Canadian Social Insurance Numbers.

use crate::detect::validate::{digits, luhn};
use crate::detect::Pattern;
use crate::finding::Kind;

/// Nine digits (3-3-3, spaced, dashed or compact) after "SIN" or "social
/// insurance"; Luhn, first digit 1-7 or 9.
pub(in crate::detect::pii) const SIN: Pattern = Pattern::new(
    "ca_sin",
    Kind::NationalId,
    after_name!(
        r"sin|social\s+insurance(?:\s+(?:number|no))?|nas",
        r"\d{3}[ \-]?\d{3}[ \-]?\d{3}"
    ),
)
.group(1)
.anchors(&["sin ", "sin:", "sin#", "social insurance", "nas ", "nas:"], 64)
.validate(valid)
.priority(super::PRIORITY);

/// For a value after a generic name: one of the usual shapes, then
/// [`valid`].
pub(super) fn valid_any(value: &str) -> bool {
    ["999999999", "999 999 999", "999-999-999"]
        .iter()
        .any(|s| super::has_shape(value, s))
        && valid(value)
}

fn valid(value: &str) -> bool {
    let Some((d, 9)) = digits::<9>(value) else {
        return false;
    };
    super::one_separator(value) && !matches!(d[0], 0 | 8) && luhn(value)
}

#[cfg(test)]
mod tests {
    use crate::detect::pii::tests::found;

    #[test]
    fn finds_sins_after_the_name() {
        for n in ["130 456 783", "130-456-783", "276543212"] {
            let text = format!("My SIN is {n}.");
            assert_eq!(found(&text, "ca_sin"), vec![n], "{text}");
        }
    }

    #[test]
    fn generic_names_are_context_too() {
        assert_eq!(
            found(r#"{"national_id": "130 456 783"}"#, "ca_sin"),
            vec!["130 456 783"]
        );
        assert_eq!(found("ID number: 130456783", "ca_sin"), vec!["130456783"]);
    }

    #[test]
    fn rejects_luhn_failures_and_missing_context() {
        assert!(found("SIN 130 456 784", "ca_sin").is_empty());
        // Luhn-valid, but no SIN starts with 0 (the one used in examples).
        assert!(found("SIN 046 454 286", "ca_sin").is_empty());
        assert!(found("SIN 846 454 282", "ca_sin").is_empty());
        assert!(found("using 130 456 783", "ca_sin").is_empty());
        assert!(found("ref 130 456 783", "ca_sin").is_empty());
    }
}
