//! German tax identification numbers (Steuerliche Identifikationsnummer).

use crate::detect::validate::{digits, iso7064_mod11_10};
use crate::detect::Pattern;
use crate::finding::Kind;

/// Eleven digits after "Steuer-IdNr.", "Steuer-ID", "IdNr",
/// "Identifikationsnummer", "tax ID" or "TIN".
pub(in crate::detect::pii) const STEUER_ID: Pattern = Pattern::new(
    "de_tax_id",
    Kind::NationalId,
    after_name!(
        r"steuer\w*|idnr|identifikationsnummer|tax[\s\-]?id\w*|tin",
        r"\d{2} ?\d{3} ?\d{3} ?\d{3}"
    ),
)
.group(1)
.anchors(
    &["steuer", "idnr", "identifikationsnummer", "tax", "tin ", "tin:"],
    64,
)
.validate(valid)
.priority(super::PRIORITY);

/// First digit not 0; in the first ten digits one digit appears twice or
/// three times (never three in a row) and the others at most once; ISO
/// 7064 MOD 11,10 check digit.
/// For a value after a generic name: one of the usual shapes, then
/// [`valid`].
pub(super) fn valid_any(value: &str) -> bool {
    ["99999999999", "99 999 999 999"]
        .iter()
        .any(|s| super::has_shape(value, s))
        && valid(value)
}

fn valid(value: &str) -> bool {
    let Some((d, 11)) = digits::<11>(value) else {
        return false;
    };
    if d[0] == 0 {
        return false;
    }
    let mut counts = [0u8; 10];
    for &x in &d[..10] {
        counts[usize::from(x)] += 1;
    }
    let repeated: Vec<usize> = (0..10).filter(|&i| counts[i] > 1).collect();
    let [digit] = repeated[..] else {
        return false;
    };
    let triple_in_a_row =
        d[..10].windows(3).any(|w| w.iter().all(|&x| usize::from(x) == digit));
    counts[digit] <= 3
        && !triple_in_a_row
        && iso7064_mod11_10(&d[..10]) == d[10]
}

#[cfg(test)]
mod tests {
    use crate::detect::pii::tests::found;

    #[test]
    fn finds_tax_ids_after_the_name() {
        for n in ["86095742719", "47 036 892 816", "65929970489"] {
            let text = format!("Steuer-IdNr.: {n}.");
            assert_eq!(found(&text, "de_tax_id"), vec![n], "{text}");
        }
        assert_eq!(
            found("tax ID 86095742719", "de_tax_id"),
            vec!["86095742719"]
        );
    }

    #[test]
    fn rejects_bad_check_digit_repetition_and_context() {
        for text in [
            "Steuer-ID 86095742718",
            "Steuer-ID 12345678903",
            "Steuer-ID 06095742719",
            "Rechnung 86095742719",
            "setting 86095742719",
        ] {
            assert!(found(text, "de_tax_id").is_empty(), "{text}");
        }
    }
}
