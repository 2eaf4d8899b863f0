//! Identifiers after a generic name: `"national_id": "..."` in a JSON
//! record, "ID number", "identity number".
//!
//! One pattern takes any identifier-shaped value after such a name and
//! every identifier whose checksum or shape tells it apart checks it: the
//! detectors below share the pattern, so it runs once per window.

use crate::detect::Pattern;
use crate::finding::Kind;

use super::{br_cpf, ca_sin, de_tax_id, fr_nir, in_aadhaar, in_pan, nl_bsn};

/// A generic name, then a PAN-shaped value or digits with separators (and
/// Corsica's A/B).
const GENERIC: &str = after_name!(
    r"national[ _\-]?id\w*|(?:personal|identity|id)[ _\-]?(?:number|no|nr)",
    r"[A-Z]{5}\d{4}[A-Z]|\d[\dAB .\-]{7,20}\d"
);

const ANCHORS: &[&str] =
    &["national", "id number", "id no", "id nr", "identity"];

macro_rules! any {
    ($name:ident, $id:literal, $validate:path) => {
        pub(in crate::detect::pii) const $name: Pattern =
            Pattern::new($id, Kind::NationalId, GENERIC)
                .group(1)
                .anchors(ANCHORS, 64)
                .validate($validate)
                .priority(super::PRIORITY);
    };
}

any!(SIN_ANY, "ca_sin", ca_sin::valid_any);
any!(BSN_ANY, "nl_bsn", nl_bsn::valid_any);
any!(AADHAAR_ANY, "in_aadhaar", in_aadhaar::valid_any);
any!(STEUER_ID_ANY, "de_tax_id", de_tax_id::valid_any);
any!(NIR_ANY, "fr_nir", fr_nir::valid_any);
any!(CPF_ANY, "br_cpf", br_cpf::valid_any);
any!(PAN_ANY, "in_pan", in_pan::valid_any);

#[cfg(test)]
mod tests {
    use crate::detect::pii::tests::found;

    const IDS: [&str; 7] = [
        "ca_sin",
        "nl_bsn",
        "in_aadhaar",
        "de_tax_id",
        "fr_nir",
        "br_cpf",
        "in_pan",
    ];

    #[test]
    fn each_identifier_checks_values_after_a_generic_name() {
        for (value, id) in [
            ("130 456 783", "ca_sin"),
            ("1234.56.782", "nl_bsn"),
            ("2341 2341 2346", "in_aadhaar"),
            ("86095742719", "de_tax_id"),
            ("1 85 05 78 006 084 91", "fr_nir"),
            ("529.982.247-25", "br_cpf"),
            ("PZOPB4947J", "in_pan"),
        ] {
            for text in [
                format!(r#"{{"national_id": "{value}"}}"#),
                format!("ID number: {value} 👍"),
            ] {
                assert_eq!(found(&text, id), vec![value], "{text}");
            }
        }
    }

    #[test]
    fn values_no_identifier_accepts_stay() {
        for text in [
            r#"{"national_id": "130 456 784"}"#,
            "ID number 123456789012",
            "national_id: PZOXE4947J",
            "identity number 12.34",
        ] {
            let all: Vec<_> =
                IDS.iter().flat_map(|id| found(text, id)).collect();
            assert!(all.is_empty(), "{text}: {all:?}");
        }
    }
}
