//! The one pattern that scans the whole text for PII without a literal
//! anchor.
//!
//! A pass of the lazy DFA over text costs about the same whatever the
//! pattern, and digit-led patterns get no literal prefilter, so every
//! unanchored family shares this single regex: each alternative below
//! yields a candidate token, and every detector that uses [`TOKENS`] gets
//! every token and checks its own shape and checksum (the scanner runs a
//! shared regex once). At one start position the first alternative that
//! matches wins, so the order matters where shapes overlap, and some
//! alternatives only exist to consume text no detector accepts (a dotted
//! quad after "version", an IP right after `@`, UUIDs, MAC addresses).
//!
//! # Limitations
//!
//! One token per position: a value glued to a preceding number by a lone
//! space (`qty 2 4111 1111 1111 1111`) is read as one token with it and
//! rejected.

/// An extension after a phone number: `x123`, `ext. 123`.
macro_rules! extension {
    () => {
        r"(?:\s?(?:[xX]|[eE]xt\.?)\s?\d{1,6})?"
    };
}
pub(super) use extension;

/// The shared candidate pattern; see the module docs.
pub(super) const TOKENS: &str = concat!(
    // A dotted quad right after a version word: consumed, never reported.
    r"(?i:\b(?:version|ver|v|build|release|rev)[ .:=\-]*)",
    r"\d{1,3}(?:\.\d{1,3}){3}",
    // The host of `user@host`: consumed.
    r"|@\d{1,3}(?:\.\d{1,3}){3}",
    // UUIDs and MAC addresses: consumed, so that their all-digit groups
    // are not read as phone numbers.
    r"|\b[0-9A-Fa-f]{8}(?:-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}\b",
    r"|\b[0-9A-Fa-f]{2}(?:[:\-][0-9A-Fa-f]{2}){5}\b",
    // CPF: 123.456.789-09.
    r"|\b\d{3}\.\d{3}\.\d{3}-\d{2}\b",
    // DNI and NIE: 12345678Z, X1234567L.
    r"|\b\d{8}-?[A-Z]\b",
    r"|\b[XYZ]-?\d{7}-?[A-Z]\b",
    // NIR with a Corsican department: 1 85 05 2A 006 084 35.
    r"|\b[1-478] \d{2} \d{2} 2[AB] \d{3} \d{3} \d{2}\b",
    // IBAN: a country code, check digits and groups of four, one shape
    // for every country (iban.rs cuts a match to the country's registered
    // length). Exact per-country lengths here multiplied the states of
    // the lazy DFA, which were then most of the cost of a scan.
    r"|\b(?:AD|AE|AL|AT|AZ|BA|BE|BG|BH|BI|BR|BY|CH|CR|CY|CZ|DE|DJ|DK|DO|EE|EG",
    r"|ES|FI|FK|FO|FR|GB|GE|GI|GL|GR|GT|HR|HU|IE|IL|IQ|IS|IT|JO|KW|KZ|LB|LC",
    r"|LI|LT|LU|LV|LY|MC|MD|ME|MK|MN|MR|MT|MU|NI|NL|NO|OM|PK|PL|PS|PT|QA|RO",
    r"|RS|RU|SA|SC|SD|SE|SI|SK|SM|SO|ST|SV|TL|TN|TR|UA|VA|VG|XK|YE)",
    r"\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b",
    // UK NINO: AB123456C, AB 12 34 56 C.
    r"|\b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b",
    // Codice fiscale (digits may be letters L-V).
    r"|\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST]",
    r"[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b",
    // Bitcoin Base58Check.
    r"|\b[13][1-9A-HJ-NP-Za-km-z]{25,34}\b",
    // IPv6 starting with a hex group, or with "::".
    r"|\b[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{0,4}){2,7}",
    r"(?:\.\d{1,3}\.\d{1,3}\.\d{1,3})?\b",
    r"|\B::(?:[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){0,6})?",
    r"(?:\.\d{1,3}\.\d{1,3}\.\d{1,3})?\b",
    // Phone numbers with a + and a country code, any grouping.
    r"|(?:\+\d{1,3}|\(\+\d{1,3}\))(?:[ .\-]?\(\d{1,4}\))?",
    r"(?:[ .\-]?\d{1,12}){1,8}",
    extension!(),
    r"\b",
    // (area) then groups.
    r"|\(\d{1,5}\)[ .\-]?\d{2,8}(?:[ .\-]\d{2,8}){0,4}",
    extension!(),
    r"\b",
    // Brazil: area, a space, then 4 or 5 digits, a dash and 4 digits.
    r"|\b\d{2} \d{4,5}-\d{4}\b",
    // Area code, a dash, then spaced groups (Sweden, Turkey), and spaced
    // then dashed (Ukraine, Russia).
    r"|\b0\d{1,4}-\d{2,4}(?: \d{2,4}){1,3}\b",
    r"|\b\d{2,4} \d{3}-\d{2}-\d{2}\b",
    // Digit groups with one kind of separator: phones, cards, SSNs,
    // IPv4, spaced NIRs, and the dates and versions they must reject.
    r"|\b\d{1,5}(?:-\d{1,8}){1,6}",
    extension!(),
    r"\b",
    r"|\b\d{1,5}(?: \d{2,8}){1,6}",
    extension!(),
    r"\b",
    r"|\b\d{1,5}(?:\.\d{1,8}){2,7}",
    extension!(),
    r"\b",
    r"|\b0\d{2,4}/\d{3,10}\b",
    // Compact card numbers.
    r"|\b\d{12,19}\b",
);
