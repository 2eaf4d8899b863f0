//! International Bank Account Numbers.

use std::ops::Range;

use super::tokens::TOKENS;
use crate::detect::validate::iban_mod97;
use crate::detect::Pattern;
use crate::finding::Kind;

/// A country code, two check digits and the BBAN, compact or in groups of
/// four, upper-case. The shared token pattern takes any number of groups;
/// the value is cut to the country's registered length, so an IBAN never
/// runs into a following group ("BE68 5390 0754 7034 2024").
pub(super) const IBAN: Pattern = Pattern::new("iban", Kind::Iban, TOKENS)
    .expand(registered_part)
    .validate(valid)
    .priority(65);

/// Registered IBAN lengths by country, in order (binary searched).
const LENGTHS: &[(&[u8; 2], usize)] = &[
    (b"AD", 24),
    (b"AE", 23),
    (b"AL", 28),
    (b"AT", 20),
    (b"AZ", 28),
    (b"BA", 20),
    (b"BE", 16),
    (b"BG", 22),
    (b"BH", 22),
    (b"BI", 27),
    (b"BR", 29),
    (b"BY", 28),
    (b"CH", 21),
    (b"CR", 22),
    (b"CY", 28),
    (b"CZ", 24),
    (b"DE", 22),
    (b"DJ", 27),
    (b"DK", 18),
    (b"DO", 28),
    (b"EE", 20),
    (b"EG", 29),
    (b"ES", 24),
    (b"FI", 18),
    (b"FK", 18),
    (b"FO", 18),
    (b"FR", 27),
    (b"GB", 22),
    (b"GE", 22),
    (b"GI", 23),
    (b"GL", 18),
    (b"GR", 27),
    (b"GT", 28),
    (b"HR", 21),
    (b"HU", 28),
    (b"IE", 22),
    (b"IL", 23),
    (b"IQ", 23),
    (b"IS", 26),
    (b"IT", 27),
    (b"JO", 30),
    (b"KW", 30),
    (b"KZ", 20),
    (b"LB", 28),
    (b"LC", 32),
    (b"LI", 21),
    (b"LT", 20),
    (b"LU", 20),
    (b"LV", 21),
    (b"LY", 25),
    (b"MC", 27),
    (b"MD", 24),
    (b"ME", 22),
    (b"MK", 19),
    (b"MN", 20),
    (b"MR", 27),
    (b"MT", 31),
    (b"MU", 30),
    (b"NI", 28),
    (b"NL", 18),
    (b"NO", 15),
    (b"OM", 23),
    (b"PK", 24),
    (b"PL", 28),
    (b"PS", 29),
    (b"PT", 25),
    (b"QA", 29),
    (b"RO", 24),
    (b"RS", 22),
    (b"RU", 33),
    (b"SA", 24),
    (b"SC", 31),
    (b"SD", 18),
    (b"SE", 24),
    (b"SI", 19),
    (b"SK", 24),
    (b"SM", 27),
    (b"SO", 23),
    (b"ST", 25),
    (b"SV", 28),
    (b"TL", 23),
    (b"TN", 24),
    (b"TR", 26),
    (b"UA", 29),
    (b"VA", 22),
    (b"VG", 24),
    (b"XK", 20),
    (b"YE", 30),
];

/// The part of the token `m` as long as its country's IBAN, if the
/// token has that many characters and a group ends there.
fn registered_part(text: &str, m: Range<usize>) -> Option<Range<usize>> {
    let token = text.as_bytes().get(m.clone())?;
    let cc = token.get(..2)?;
    let at = LENGTHS.binary_search_by(|(c, _)| c[..].cmp(cc)).ok()?;
    let len = LENGTHS[at].1;
    let mut seen = 0;
    for (i, &b) in token.iter().enumerate() {
        if b != b' ' {
            seen += 1;
        }
        if seen == len {
            let end = i + 1;
            return match token.get(end) {
                None | Some(b' ') => Some(m.start..m.start + end),
                Some(_) => None,
            };
        }
    }
    None
}

fn valid(value: &str) -> bool {
    let b = value.as_bytes();
    let shaped = b.len() >= 15
        && b[..2].iter().all(u8::is_ascii_uppercase)
        && b[2..4].iter().all(u8::is_ascii_digit);
    if !shaped {
        return false;
    }
    let mut compact = [0u8; 34];
    let mut n = 0;
    for b in value.bytes().filter(|&b| b != b' ') {
        let Some(slot) = compact.get_mut(n) else {
            return false;
        };
        *slot = b;
        n += 1;
    }
    let iban = &compact[..n];
    if n < 15
        || !iban.iter().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return false;
    }
    let registered =
        LENGTHS.iter().any(|(cc, len)| iban[..2] == cc[..] && *len == n);
    // Check digits 00, 01 and 99 are never issued.
    let check = &iban[2..4];
    if !registered || matches!(check, b"00" | b"01" | b"99") {
        return false;
    }
    std::str::from_utf8(iban).is_ok_and(iban_mod97)
}

#[cfg(test)]
mod tests {
    use crate::detect::pii::tests::found;

    #[test]
    fn finds_compact_and_grouped_ibans() {
        for iban in [
            "DE89370400440532013000",
            "DE89 3704 0044 0532 0130 00",
            "GB82 WEST 1234 5698 7654 32",
            "GB82WEST12345698765432",
            "FR14 2004 1010 0505 0001 3M02 606",
            "NL91ABNA0417164300",
            "BE68 5390 0754 7034",
            "NO93 8601 1117 947",
            "CH93 0076 2011 6238 5295 7",
            "ES91 2100 0418 4502 0005 1332",
            "IT60X0542811101000000123456",
            "PL61 1090 1014 0000 0712 1981 2874",
            "MT84 MALT 0110 0001 2345 MTLC AST0 01S",
        ] {
            for text in [
                format!("wire to {iban}."),
                format!("IBAN：{iban}（工资）"),
                format!("🏦 {iban} 2024"),
            ] {
                assert_eq!(found(&text, "iban"), vec![iban], "{text}");
            }
        }
    }

    #[test]
    fn country_table_is_sorted() {
        assert!(super::LENGTHS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn rejects_bad_checksums_and_lengths() {
        for text in [
            "code DE26310994629756263761",
            "DE89 3704 0044 0532 0130 01",
            "DE89370400440532013000123",
            "XX89370400440532013000",
            "de89370400440532013000",
            "code AT643861846686075535",
            "code SE1517334932994555304102",
        ] {
            assert!(found(text, "iban").is_empty(), "{text}");
        }
    }
}
