//! International Bank Account Numbers.

use crate::detect::validate::iban_mod97;
use crate::detect::Pattern;
use crate::finding::Kind;

/// A country code, two check digits and the BBAN, compact or in groups of
/// four, upper-case. Countries are grouped by their registered IBAN
/// length, so the match ends exactly where the country's IBAN does and
/// never runs into a following word.
pub(super) const IBAN: Pattern = Pattern::new(
    "iban",
    Kind::Iban,
    concat!(
        r"\b(?:",
        // 15
        r"NO\d{2}(?: ?[A-Z0-9]{4}){2} ?[A-Z0-9]{3}",
        // 16
        r"|BE\d{2}(?: ?[A-Z0-9]{4}){3}",
        // 18
        r"|(?:DK|FI|FK|FO|GL|NL|SD)\d{2}(?: ?[A-Z0-9]{4}){3} ?[A-Z0-9]{2}",
        // 19
        r"|(?:MK|SI)\d{2}(?: ?[A-Z0-9]{4}){3} ?[A-Z0-9]{3}",
        // 20
        r"|(?:AT|BA|EE|KZ|LT|LU|MN|XK)\d{2}(?: ?[A-Z0-9]{4}){4}",
        // 21
        r"|(?:CH|HR|LI|LV)\d{2}(?: ?[A-Z0-9]{4}){4} ?[A-Z0-9]",
        // 22
        r"|(?:BG|BH|CR|DE|GB|GE|IE|ME|RS|VA)\d{2}",
        r"(?: ?[A-Z0-9]{4}){4} ?[A-Z0-9]{2}",
        // 23
        r"|(?:AE|GI|IL|IQ|OM|SO|TL)\d{2}(?: ?[A-Z0-9]{4}){4} ?[A-Z0-9]{3}",
        // 24
        r"|(?:AD|CZ|ES|MD|PK|RO|SA|SE|SK|TN|VG)\d{2}(?: ?[A-Z0-9]{4}){5}",
        // 25
        r"|(?:LY|PT|ST)\d{2}(?: ?[A-Z0-9]{4}){5} ?[A-Z0-9]",
        // 26
        r"|(?:IS|TR)\d{2}(?: ?[A-Z0-9]{4}){5} ?[A-Z0-9]{2}",
        // 27
        r"|(?:BI|DJ|FR|GR|IT|MC|MR|SM)\d{2}",
        r"(?: ?[A-Z0-9]{4}){5} ?[A-Z0-9]{3}",
        // 28
        r"|(?:AL|AZ|BY|CY|DO|GT|HU|LB|NI|PL|SV)\d{2}(?: ?[A-Z0-9]{4}){6}",
        // 29
        r"|(?:BR|EG|PS|QA|UA)\d{2}(?: ?[A-Z0-9]{4}){6} ?[A-Z0-9]",
        // 30
        r"|(?:JO|KW|MU|YE)\d{2}(?: ?[A-Z0-9]{4}){6} ?[A-Z0-9]{2}",
        // 31
        r"|(?:MT|SC)\d{2}(?: ?[A-Z0-9]{4}){6} ?[A-Z0-9]{3}",
        // 32
        r"|LC\d{2}(?: ?[A-Z0-9]{4}){7}",
        // 33
        r"|RU\d{2}(?: ?[A-Z0-9]{4}){7} ?[A-Z0-9]",
        r")\b",
    ),
)
.validate(valid)
.priority(65);

fn valid(value: &str) -> bool {
    let mut compact = [0u8; 34];
    let mut n = 0;
    for b in value.bytes().filter(|&b| b != b' ') {
        let Some(slot) = compact.get_mut(n) else {
            return false;
        };
        *slot = b;
        n += 1;
    }
    // Check digits 00, 01 and 99 are never issued.
    let check = &compact[2..4];
    if matches!(check, b"00" | b"01" | b"99") {
        return false;
    }
    std::str::from_utf8(&compact[..n]).is_ok_and(iban_mod97)
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
