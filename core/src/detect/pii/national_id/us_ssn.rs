//! United States Social Security numbers.

use crate::detect::pii::tokens::TOKENS;
use crate::detect::validate::digits;
use crate::detect::Pattern;
use crate::finding::Kind;

/// `123-45-6789` anywhere, as a whole token: a dashed number with more
/// groups (`1-123-45-6789`, `123-45-6789-0`) is something else.
pub(in crate::detect::pii) const SSN_DASHED: Pattern =
    Pattern::new("us_ssn", Kind::NationalId, TOKENS)
        .validate(valid_dashed)
        .priority(super::PRIORITY);

/// Spaced or bare nine digits after "SSN" or "social security".
pub(in crate::detect::pii) const SSN_NAMED: Pattern = Pattern::new(
    "us_ssn",
    Kind::NationalId,
    after_name!(
        r"ssns?|social\s+security(?:\s+(?:numbers?|nos?))?",
        r"\d{3}[ .\-]?\d{2}[ .\-]?\d{4}"
    ),
)
.group(1)
.anchors(&["ssn", "social security"], 64)
.validate(valid)
.priority(super::PRIORITY);

fn valid_dashed(value: &str) -> bool {
    super::has_shape(value, "999-99-9999") && valid(value)
}

/// Area 001-899 except 666, group 01-99, serial 0001-9999.
fn valid(value: &str) -> bool {
    let Some((d, 9)) = digits::<9>(value) else {
        return false;
    };
    let area = u16::from(d[0]) * 100 + u16::from(d[1]) * 10 + u16::from(d[2]);
    let group = d[3] * 10 + d[4];
    let serial = d[5..].iter().any(|&x| x != 0);
    (1..900).contains(&area) && area != 666 && group != 0 && serial
}

#[cfg(test)]
mod tests {
    use crate::detect::pii::tests::found;

    #[test]
    fn dashed_anywhere() {
        for text in ["SSN 163-54-9256.", "号码163-54-9256，", "🙂163-54-9256"]
        {
            assert_eq!(found(text, "us_ssn"), vec!["163-54-9256"], "{text}");
        }
    }

    #[test]
    fn spaced_or_bare_after_the_name() {
        assert_eq!(found("SSN 848 03 3951;", "us_ssn"), vec!["848 03 3951"]);
        assert_eq!(
            found("social security number: 404270073", "us_ssn"),
            vec!["404270073"]
        );
        assert!(found("ticket 848 03 3951", "us_ssn").is_empty());
        assert!(found("order 404270073", "us_ssn").is_empty());
    }

    #[test]
    fn invalid_areas_groups_serials() {
        for text in [
            "000-12-3456",
            "666-12-3456",
            "912-12-3456",
            "123-00-4567",
            "123-45-0000",
            "1-123-45-6789",
            "123-45-6789-1",
            "ISBN 978-123-45-6789",
        ] {
            assert!(found(text, "us_ssn").is_empty(), "{text}");
        }
    }
}
