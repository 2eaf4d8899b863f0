//! Italian tax codes (codice fiscale) of natural persons.

use crate::detect::pii::tokens::TOKENS;
use crate::detect::Pattern;
use crate::finding::Kind;

/// Six letters, birth year, month letter, day, place code and the check
/// letter; digits may be replaced by L-V (omocodia).
pub(in crate::detect::pii) const CODICE_FISCALE: Pattern =
    Pattern::new("it_codice_fiscale", Kind::NationalId, TOKENS)
        .validate(valid)
        .priority(super::PRIORITY);

/// Values of the characters in odd (1st, 3rd, ...) positions, for 0-9
/// and then A-Z.
const ODD: [u8; 36] = [
    1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2,
    4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/// Positions that hold a digit, or a letter L-V standing for one.
const DIGIT_POSITIONS: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];

fn valid(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() != 16 || !b.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let digit_like = |c: u8| c.is_ascii_digit() || b"LMNPQRSTUV".contains(&c);
    let shaped = (0..16).all(|i| {
        if DIGIT_POSITIONS.contains(&i) {
            digit_like(b[i])
        } else {
            b[i].is_ascii_uppercase()
        }
    });
    if !shaped || !b"ABCDEHLMPRST".contains(&b[8]) {
        return false;
    }
    let odd = |c: u8| match c {
        b'0'..=b'9' => ODD[usize::from(c - b'0')],
        _ => ODD[usize::from(c - b'A') + 10],
    };
    // Even positions: digits by value, letters A=0 to Z=25.
    let even = |c: u8| if c.is_ascii_digit() { c - b'0' } else { c - b'A' };
    let sum: u32 = b[..15]
        .iter()
        .enumerate()
        .map(|(i, &c)| u32::from(if i % 2 == 0 { odd(c) } else { even(c) }))
        .sum();
    b[15] == b'A' + (sum % 26) as u8
}

#[cfg(test)]
mod tests {
    use crate::detect::pii::tests::found;

    #[test]
    fn finds_codici_fiscali() {
        for n in ["RSSMRA85T10A562S", "BNCGNN70A41H501V", "RSSMRA85T10A56NH"] {
            let text = format!("C.F. {n}, grazie 🙏");
            assert_eq!(found(&text, "it_codice_fiscale"), vec![n], "{text}");
        }
    }

    #[test]
    fn rejects_wrong_check_letter() {
        for text in ["RSSMRA85T10A562T", "RSSMRA85Z10A562S"] {
            assert!(found(text, "it_codice_fiscale").is_empty(), "{text}");
        }
    }
}
