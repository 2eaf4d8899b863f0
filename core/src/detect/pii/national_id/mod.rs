//! National identifiers.
//!
//! Identifiers with a distinctive shape and a check character (Spanish
//! DNI/NIE, Italian codice fiscale, formatted CPF, UK NINO, dashed US SSN,
//! spaced French NIR) are found anywhere, as tokens of the shared pattern
//! (see `tokens.rs`) whose shape each validator checks. Those that are
//! plain digit runs (SIN, Aadhaar, Steuer-IdNr., BSN, bare SSN, CPF and
//! NIR, and the PAN) are reported only after a word that names them, since
//! a check digit alone lets through one random number in ten or eleven.
//!
//! # Limitations
//!
//! A digit-run identifier written without its name (or a generic one such
//! as "national_id" or "ID number") nearby is not found, and the name must
//! come first: "123456782 is my BSN" is missed.

/// A word naming the identifier (ASCII case-insensitive), then up to 24
/// characters without a digit or line break, then the value in group 1.
macro_rules! after_name {
    ($names:expr, $value:expr) => {
        concat!(r"(?i:\b(?:", $names, r")\b)[^\d\n]{0,24}?\b(", $value, r")\b")
    };
}

mod br_cpf;
mod ca_sin;
mod de_tax_id;
mod es_dni;
mod fr_nir;
mod generic;
mod in_aadhaar;
mod in_pan;
mod it_codice_fiscale;
mod nl_bsn;
mod uk_nino;
mod us_ssn;

pub(super) use br_cpf::{CPF_FORMATTED, CPF_NAMED};
pub(super) use ca_sin::SIN;
pub(super) use de_tax_id::STEUER_ID;
pub(super) use es_dni::{DNI, NIE};
pub(super) use fr_nir::{NIR_NAMED, NIR_SPACED};
pub(super) use generic::{
    AADHAAR_ANY, BSN_ANY, CPF_ANY, NIR_ANY, PAN_ANY, SIN_ANY, STEUER_ID_ANY,
};
pub(super) use in_aadhaar::AADHAAR;
pub(super) use in_pan::PAN;
pub(super) use it_codice_fiscale::CODICE_FISCALE;
pub(super) use nl_bsn::BSN;
pub(super) use uk_nino::NINO;
pub(super) use us_ssn::{SSN_DASHED, SSN_NAMED};

/// Priority of a checked identifier: above phone numbers and IPs.
const PRIORITY: u8 = 60;

/// Whether `value` has the shape of `shape`, byte for byte: `9` stands
/// for any digit, `A` for any upper-case letter, anything else for itself.
fn has_shape(value: &str, shape: &str) -> bool {
    value.len() == shape.len()
        && value.bytes().zip(shape.bytes()).all(|(v, s)| match s {
            b'9' => v.is_ascii_digit(),
            b'A' => v.is_ascii_uppercase(),
            _ => v == s,
        })
}

/// Whether every non-digit byte of `value` is the same separator (or
/// there is none).
fn one_separator(value: &str) -> bool {
    let mut seps = value.bytes().filter(|b| !b.is_ascii_digit());
    match seps.next() {
        None => true,
        Some(first) => seps.all(|b| b == first),
    }
}
