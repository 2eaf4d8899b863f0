//! Spanish DNI and NIE numbers.

use crate::detect::pii::tokens::TOKENS;
use crate::detect::Pattern;
use crate::finding::Kind;

/// Eight digits and the check letter: `12345678Z`.
pub(in crate::detect::pii) const DNI: Pattern =
    Pattern::new("es_dni", Kind::NationalId, TOKENS)
        .validate(valid_dni)
        .priority(super::PRIORITY);

/// X, Y or Z, seven digits and the check letter: `X1234567L`.
pub(in crate::detect::pii) const NIE: Pattern =
    Pattern::new("es_nie", Kind::NationalId, TOKENS)
        .validate(valid_nie)
        .priority(super::PRIORITY);

const LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// Whether the last letter is the check letter of `number`.
fn check_letter(number: u32, value: &str) -> bool {
    value.as_bytes().last() == Some(&LETTERS[(number % 23) as usize])
}

fn number(digits: impl Iterator<Item = u8>, start: u32) -> u32 {
    digits
        .filter(u8::is_ascii_digit)
        .fold(start, |n, d| n * 10 + u32::from(d - b'0'))
}

fn valid_dni(value: &str) -> bool {
    let shaped = super::has_shape(value, "99999999A")
        || super::has_shape(value, "99999999-A");
    shaped && check_letter(number(value.bytes(), 0), value)
}

fn valid_nie(value: &str) -> bool {
    let lead = match value.as_bytes().first() {
        Some(b'X') => 0,
        Some(b'Y') => 1,
        Some(b'Z') => 2,
        _ => return false,
    };
    let shaped = ["A9999999A", "A-9999999A", "A9999999-A", "A-9999999-A"]
        .iter()
        .any(|s| super::has_shape(value, s));
    shaped && check_letter(number(value.bytes(), lead), value)
}

#[cfg(test)]
mod tests {
    use crate::detect::pii::tests::found;

    #[test]
    fn finds_dni_and_nie() {
        for (n, id) in [
            ("12345678Z", "es_dni"),
            ("87654321-X", "es_dni"),
            ("X1234567L", "es_nie"),
            ("Y-1234567-X", "es_nie"),
            ("Z1234567R", "es_nie"),
        ] {
            for text in
                [format!("DNI {n}."), format!("证件{n}，"), format!("🙂{n}")]
            {
                assert_eq!(found(&text, id), vec![n], "{text}");
            }
        }
    }

    #[test]
    fn rejects_wrong_letters() {
        for text in ["12345678A", "X1234567A", "123456789Z", "A1234567L"] {
            assert!(found(text, "es_dni").is_empty(), "{text}");
            assert!(found(text, "es_nie").is_empty(), "{text}");
        }
    }
}
