//! Dutch citizen service numbers (burgerservicenummer, BSN).

use crate::detect::validate::digits;
use crate::detect::Pattern;
use crate::finding::Kind;

/// Nine digits after "BSN", "burgerservicenummer" or "sofinummer".
pub(in crate::detect::pii) const BSN: Pattern = Pattern::new(
    "nl_bsn",
    Kind::NationalId,
    after_name!(
        r"bsn|burgerservicenummer|sofi(?:nummer)?",
        r"\d{4}\.\d{2}\.\d{3}|\d{3}[ .]\d{3}[ .]\d{3}|\d{9}"
    ),
)
.group(1)
.anchors(&["bsn", "burgerservicenummer", "sofi"], 64)
.validate(valid)
.priority(super::PRIORITY);

/// For a value after a generic name: one of the usual shapes, then
/// [`valid`].
pub(super) fn valid_any(value: &str) -> bool {
    ["999999999", "9999.99.999", "999 999 999", "999.999.999"]
        .iter()
        .any(|s| super::has_shape(value, s))
        && valid(value)
}

/// The eleven-test: 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11.
fn valid(value: &str) -> bool {
    let Some((d, 9)) = digits::<9>(value) else {
        return false;
    };
    if d.iter().all(|&x| x == 0) {
        return false;
    }
    let sum: i32 = d[..8]
        .iter()
        .zip((2..=9).rev())
        .map(|(&x, w)| i32::from(x) * w)
        .sum::<i32>()
        - i32::from(d[8]);
    sum % 11 == 0
}

#[cfg(test)]
mod tests {
    use crate::detect::pii::tests::found;

    #[test]
    fn finds_bsn_after_the_name() {
        for n in ["111222333", "1234.56.782", "123 456 782"] {
            let text = format!("BSN-nummer: {n}.");
            assert_eq!(found(&text, "nl_bsn"), vec![n], "{text}");
        }
    }

    #[test]
    fn rejects_failing_eleven_test_and_context() {
        assert!(found("BSN 111222334", "nl_bsn").is_empty());
        assert!(found("BSN 000000000", "nl_bsn").is_empty());
        assert!(found("order 111222333", "nl_bsn").is_empty());
    }
}
