//! French social security numbers (NIR, "numéro de sécurité sociale").

use crate::detect::pii::tokens::TOKENS;
use crate::detect::Pattern;
use crate::finding::Kind;

macro_rules! nir {
    ($sep:literal) => {
        concat!(
            r"[1-478]",
            $sep,
            r"\d{2}",
            $sep,
            r"\d{2}",
            $sep,
            r"(?:\d{2}|2[ABab])",
            $sep,
            r"\d{3}",
            $sep,
            r"\d{3}",
            $sep,
            r"\d{2}"
        )
    };
}

/// Written the usual way, `1 85 05 78 006 084 91`, anywhere.
pub(in crate::detect::pii) const NIR_SPACED: Pattern =
    Pattern::new("fr_nir", Kind::NationalId, TOKENS)
        .validate(valid_spaced)
        .priority(super::PRIORITY);

/// Compact or spaced after a name for it.
pub(in crate::detect::pii) const NIR_NAMED: Pattern = Pattern::new(
    "fr_nir",
    Kind::NationalId,
    after_name!(
        concat!(
            r"nir|insee|s(?:e|é)curit(?:e|é)\s+sociale|s(?:e|é)cu",
            r"|social\s+security"
        ),
        nir!(" ?")
    ),
)
.group(1)
.anchors(&["nir", "insee", "sociale", "sécu", "secu", "social security"], 64)
.validate(valid)
.priority(super::PRIORITY);

/// For a value after a generic name: compact or spaced, then [`valid`].
pub(super) fn valid_any(value: &str) -> bool {
    [
        "999999999999999",
        "999999A99999999",
        "9 99 99 99 999 999 99",
        "9 99 99 9A 999 999 99",
    ]
    .iter()
    .any(|s| super::has_shape(value, s))
        && valid(value)
}

fn valid_spaced(value: &str) -> bool {
    let shaped = ["9 99 99 99 999 999 99", "9 99 99 9A 999 999 99"]
        .iter()
        .any(|s| super::has_shape(value, s));
    shaped && valid(value)
}

/// Sex, month and the key: 97 minus the first 13 digits mod 97, with
/// Corsica's departments 2A and 2B read as 19 and 18.
fn valid(value: &str) -> bool {
    let mut c = [0u8; 15];
    let mut n = 0;
    for b in value.bytes().filter(|&b| b != b' ') {
        let Some(slot) = c.get_mut(n) else {
            return false;
        };
        *slot = b.to_ascii_uppercase();
        n += 1;
    }
    let digit_at = |i: usize| i == 5 || i == 6 || c[i].is_ascii_digit();
    if n != 15 || !(0..15).all(digit_at) {
        return false;
    }
    let num = |from: usize, to: usize| {
        c[from..to].iter().fold(0u64, |a, &d| a * 10 + u64::from(d - b'0'))
    };
    let dept = match (c[5], c[6]) {
        (b'2', b'A') => 19,
        (b'2', b'B') => 18,
        (a, b) if a.is_ascii_digit() && b.is_ascii_digit() => num(5, 7),
        _ => return false,
    };
    if !matches!(num(3, 5), 1..=12 | 20..=42 | 50..=99) {
        return false;
    }
    let body = num(0, 5) * 100_000_000 + dept * 1_000_000 + num(7, 13);
    let key = num(13, 15);
    (1..=97).contains(&key) && key == 97 - body % 97
}

#[cfg(test)]
mod tests {
    use crate::detect::pii::tests::found;

    #[test]
    fn finds_nirs() {
        assert_eq!(
            found("assuré 1 85 05 78 006 084 91.", "fr_nir"),
            vec!["1 85 05 78 006 084 91"]
        );
        for n in
            ["185057800608491", "2 69 02 99 341 732 85", "185052A00608435"]
        {
            let text = format!("numéro de sécurité sociale : {n}");
            assert_eq!(found(&text, "fr_nir"), vec![n], "{text}");
        }
        assert_eq!(
            found("NIR 1 85 05 2B 006 084 62", "fr_nir"),
            vec!["1 85 05 2B 006 084 62"]
        );
    }

    #[test]
    fn rejects_bad_keys_months_and_context() {
        for text in [
            "1 85 05 78 006 084 92",
            "NIR 185137800608491",
            "NIR 585057800608491",
            "ref 185057800608491",
        ] {
            assert!(found(text, "fr_nir").is_empty(), "{text}");
        }
    }
}
