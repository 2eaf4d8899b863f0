//! Personal data: contact details, financial and national identifiers,
//! network addresses, wallets.
//!
//! Each family validates what it matches (checksums, issuer and country
//! tables, numbering plans) rather than trusting a shape. Everything that
//! has no literal to anchor on shares one candidate pattern (`tokens.rs`),
//! so the whole text is scanned once however many detectors are enabled;
//! emails are anchored on `@`, segwit and Ethereum addresses on `bc1` and
//! `0x`, and identifiers that are plain digit runs on the words that name
//! them.
//!
//! | id | kind | checked by |
//! |---|---|---|
//! | `email` | email | shape, lengths; not URL user-info |
//! | `phone` | phone | numbering-plan groupings, or a phone word |
//! | `payment_card` | payment_card | Luhn, issuer prefix and length |
//! | `iban` | iban | country length table, mod 97 |
//! | `ip_address` | ip_address | octet ranges; `Ipv6Addr` parser |
//! | `crypto_wallet` | crypto_wallet | Base58Check, bech32/m, EIP-55 |
//! | `us_ssn` | national_id | area/group/serial rules |
//! | `uk_nino` | national_id | prefix and suffix letters |
//! | `ca_sin` | national_id | Luhn, after a name |
//! | `es_dni`, `es_nie` | national_id | check letter |
//! | `br_cpf` | national_id | two mod-11 check digits |
//! | `in_pan` | national_id | structure, after a name |
//! | `in_aadhaar` | national_id | Verhoeff, after a name |
//! | `de_tax_id` | national_id | ISO 7064 mod 11,10, after a name |
//! | `fr_nir` | national_id | mod-97 key (Corsica 2A/2B) |
//! | `it_codice_fiscale` | national_id | check letter |
//! | `nl_bsn` | national_id | eleven-test, after a name |
//!
//! Priorities: checksummed values (cards, IBANs, wallets) 65, email and
//! national ids 60, IP addresses 55, phone numbers 50, so that a card or
//! an identifier overlapping a phone-like reading is reported as what it
//! is.

mod card;
mod crypto;
mod email;
mod iban;
mod ip;
mod national_id;
mod phone;
mod tokens;

use super::Pattern;

/// The built-in PII detectors.
pub(crate) static PATTERNS: &[Pattern] = &[
    email::EMAIL,
    phone::FORMATTED,
    phone::CONTEXTUAL,
    card::CARD,
    iban::IBAN,
    ip::IPV4,
    ip::IPV6,
    crypto::BITCOIN_BASE58,
    crypto::BITCOIN_SEGWIT,
    crypto::ETHEREUM,
    national_id::SSN_DASHED,
    national_id::SSN_NAMED,
    national_id::NINO,
    national_id::SIN,
    national_id::DNI,
    national_id::NIE,
    national_id::CPF_FORMATTED,
    national_id::CPF_NAMED,
    national_id::PAN,
    national_id::AADHAAR,
    national_id::STEUER_ID,
    national_id::NIR_SPACED,
    national_id::NIR_NAMED,
    national_id::CODICE_FISCALE,
    national_id::BSN,
    national_id::SIN_ANY,
    national_id::BSN_ANY,
    national_id::AADHAAR_ANY,
    national_id::STEUER_ID_ANY,
    national_id::NIR_ANY,
    national_id::CPF_ANY,
    national_id::PAN_ANY,
];

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::OnceLock;

    use super::*;
    use crate::detect::{BuiltinScanner, RawFinding};
    use crate::finding::Kind;
    use crate::{Airlock, Policy};

    /// Every PII match in `text`, unsorted, before overlap resolution.
    fn raw(text: &str) -> Vec<RawFinding> {
        static SCANNER: OnceLock<BuiltinScanner> = OnceLock::new();
        let scanner = SCANNER
            .get_or_init(|| BuiltinScanner::new(PATTERNS.iter()).unwrap());
        let mut out = Vec::new();
        scanner.scan(text, &mut out).unwrap();
        out
    }

    /// Every PII match in `text` as `(detector id, value)`, in text order,
    /// before overlap resolution.
    pub(crate) fn found_ids(text: &str) -> Vec<(&'static str, &str)> {
        let mut raw = raw(text);
        raw.sort_by_key(|r| (r.start, r.end));
        raw.dedup_by_key(|r| (r.start, r.end, r.pattern.id));
        raw.iter().map(|r| (r.pattern.id, &text[r.start..r.end])).collect()
    }

    /// The values detector `id` matches in `text`, overlapping matches of
    /// its patterns merged.
    pub(crate) fn found<'t>(text: &'t str, id: &str) -> Vec<&'t str> {
        let mut spans: Vec<(usize, usize)> = raw(text)
            .iter()
            .filter(|r| r.pattern.id == id)
            .map(|r| (r.start, r.end))
            .collect();
        spans.sort();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (s, e) in spans {
            match merged.last_mut() {
                Some(last) if s < last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        merged.iter().map(|&(s, e)| &text[s..e]).collect()
    }

    /// The kinds of every PII match in `text`.
    pub(crate) fn found_kinds(text: &str) -> Vec<Kind> {
        raw(text).iter().map(|r| r.pattern.kind).collect()
    }

    fn redact(text: &str) -> String {
        static AIRLOCK: OnceLock<Airlock> = OnceLock::new();
        let airlock = AIRLOCK
            .get_or_init(|| Airlock::new(Policy::default_policy()).unwrap());
        airlock.redact(text).unwrap().text
    }

    #[test]
    fn stronger_validated_kinds_win_overlaps() {
        assert_eq!(
            redact("call 4111 1111 1111 1111 now"),
            "call [PAYMENT_CARD] now"
        );
        assert_eq!(redact("SSN: 123-45-6789."), "SSN: [NATIONAL_ID].");
        // Also a Spanish phone number by its grouping.
        assert_eq!(redact("CPF 693.456.789-72 ok"), "CPF [NATIONAL_ID] ok");
    }

    #[test]
    fn mixed_prompt() {
        let text = "Hi 👋 I'm at jane.doe@example.com or +44 20 7946 0018; \
                    card 5555-5555-5555-4444, IBAN DE89 3704 0044 0532 0130 \
                    00, from 10.0.0.1 — 谢谢";
        assert_eq!(
            redact(text),
            "Hi 👋 I'm at [EMAIL] or [PHONE]; card [PAYMENT_CARD], IBAN \
             [IBAN], from [IP_ADDRESS] — 谢谢"
        );
    }

    #[test]
    fn negatives_from_everyday_text_stay() {
        for text in [
            "request id 71fc771b-e252-40d0-ab9e-783a5e72efa0",
            "commit b89e1f7a69c37c4895e33ef15941877303c342c9",
            concat!(
                "sha256:9fb48b0619f90196b2f8e7bc65c71c62",
                "d8637af7fa834b23e876479534be0275"
            ),
            "version 19.22.22, build 1.9.2-rc3",
            "on 2013-12-22 at 12:30:45, February 27, 1978",
            "total $282,309.58",
            "tracking 1ZTX10SZ55JQWZCTJT",
            "order #847156377161",
            "color #639f70",
            "ISBN 978-7-661-60992-7",
            "reference 5130262997791720",
            "code DE26310994629756263761",
            "ts=1655813145414",
            "publishable key pk_test_5mWfi6JW8IxalnKdgRPQoc1C",
        ] {
            assert_eq!(redact(text), text);
        }
    }

    #[test]
    fn hostile_input_never_panics_or_splits_a_character() {
        const PIECES: &[&str] = &[
            "0",
            "1",
            "2",
            "3",
            "5",
            "7",
            "9",
            " ",
            "-",
            ".",
            "/",
            "(",
            ")",
            "+",
            "x",
            ":",
            "@",
            "A",
            "B",
            "Z",
            "a",
            "f",
            "é",
            "电",
            "🙂",
            "\n",
            "#",
            "ext",
            "(+",
            "::",
            "00",
            "bc1",
            "0x",
            "SSN ",
            "national_id: ",
            "call ",
        ];
        let texts = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d).glued(
            3000,
            0..80,
            PIECES,
        );
        for text in texts {
            for r in raw(&text) {
                assert!(r.start < r.end && r.end <= text.len(), "{text:?}");
                assert!(text.is_char_boundary(r.start), "{text:?}");
                assert!(text.is_char_boundary(r.end), "{text:?}");
            }
            redact(&text);
        }
    }
}
