//! What a detector reports: the kind of value and where it sits.

use std::fmt;

/// The broad class of a sensitive value.
///
/// Policies name kinds (`"email"`, `"secret"`, ...) to set one action for
/// every detector of that kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Kind {
    /// An email address.
    Email,
    /// A telephone number.
    Phone,
    /// A payment card number (PAN).
    PaymentCard,
    /// An International Bank Account Number.
    Iban,
    /// A national identifier: SSN, NINO, SIN, DNI, CPF, ...
    NationalId,
    /// An IPv4 or IPv6 address.
    IpAddress,
    /// A cryptocurrency wallet address.
    CryptoWallet,
    /// A credential: API key, token, password, private key.
    Secret,
    /// A value found by an admin's own pattern or dictionary.
    Custom,
    /// A person's name.
    Person,
    /// A postal address.
    Address,
}

impl Kind {
    /// Every kind, in a stable order.
    pub const ALL: [Kind; 11] = [
        Kind::Email,
        Kind::Phone,
        Kind::PaymentCard,
        Kind::Iban,
        Kind::NationalId,
        Kind::IpAddress,
        Kind::CryptoWallet,
        Kind::Secret,
        Kind::Custom,
        Kind::Person,
        Kind::Address,
    ];

    /// The name used in policies and results, e.g. `payment_card`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Email => "email",
            Kind::Phone => "phone",
            Kind::PaymentCard => "payment_card",
            Kind::Iban => "iban",
            Kind::NationalId => "national_id",
            Kind::IpAddress => "ip_address",
            Kind::CryptoWallet => "crypto_wallet",
            Kind::Secret => "secret",
            Kind::Custom => "custom",
            Kind::Person => "person",
            Kind::Address => "address",
        }
    }

    /// The upper-case label used by the `label` action, e.g. `EMAIL`.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Email => "EMAIL",
            Kind::Phone => "PHONE",
            Kind::PaymentCard => "PAYMENT_CARD",
            Kind::Iban => "IBAN",
            Kind::NationalId => "NATIONAL_ID",
            Kind::IpAddress => "IP_ADDRESS",
            Kind::CryptoWallet => "CRYPTO_WALLET",
            Kind::Secret => "SECRET",
            Kind::Custom => "CUSTOM",
            Kind::Person => "PERSON",
            Kind::Address => "ADDRESS",
        }
    }

    /// Parses a kind from its policy name.
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One sensitive value found in a text.
///
/// A finding holds offsets, never the value itself, so it is safe to log
/// or print with `Debug`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The broad class of the value.
    pub kind: Kind,
    /// The detector that found it: a built-in id such as `github_pat`, or
    /// the `id` of a custom detector.
    pub detector: DetectorId,
    /// Start of the value in the scanned text, in UTF-8 bytes.
    pub start_bytes: usize,
    /// End (exclusive) of the value in the scanned text, in UTF-8 bytes.
    pub end_bytes: usize,
}

impl Finding {
    /// The length of the value in UTF-8 bytes.
    pub fn len_bytes(&self) -> usize {
        self.end_bytes - self.start_bytes
    }
}

/// The id of the detector behind a finding.
///
/// Built-in ids are static strings; custom detectors carry the id the
/// policy gave them. Ids compare, hash and order as their strings.
#[derive(Clone)]
pub struct DetectorId(Repr);

/// A built-in id costs no allocation per finding; a custom one is shared.
#[derive(Clone)]
enum Repr {
    Static(&'static str),
    Shared(std::sync::Arc<str>),
}

impl DetectorId {
    /// Makes an id from a name.
    pub fn new(name: &str) -> DetectorId {
        DetectorId(Repr::Shared(name.into()))
    }

    /// Makes an id from a static name, without allocating.
    pub const fn from_static(name: &'static str) -> DetectorId {
        DetectorId(Repr::Static(name))
    }

    /// The id as a string.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(s) => s,
            Repr::Shared(s) => s,
        }
    }
}

impl PartialEq for DetectorId {
    fn eq(&self, other: &DetectorId) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for DetectorId {}

impl std::hash::Hash for DetectorId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialOrd for DetectorId {
    fn partial_cmp(&self, other: &DetectorId) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DetectorId {
    fn cmp(&self, other: &DetectorId) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl fmt::Debug for DetectorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for DetectorId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn static_and_shared_ids_are_the_same_id() {
        let a = DetectorId::from_static("github_pat");
        let b = DetectorId::new("github_pat");
        assert_eq!(a, b);
        assert_eq!(a.cmp(&b), std::cmp::Ordering::Equal);
        assert!(DetectorId::from_static("a") < DetectorId::new("b"));
        let set: HashSet<DetectorId> = [a, b].into_iter().collect();
        assert_eq!(set.len(), 1);
        assert_eq!(format!("{:?}", DetectorId::new("x")), "\"x\"");
    }
}
