//! Realistic fakes that keep a value's shape and validity.
//!
//! A surrogate is drawn from a generator seeded by the vault's seed and
//! the entry's position in the vault, never by the value itself, so a
//! surrogate tells nothing about the value it stands for beyond its kind
//! and shape, whatever the seed.

use std::net::{IpAddr, Ipv6Addr};

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::finding::Kind;

/// Test card prefixes of the major networks, by first digit of the real
/// number, as used in payment providers' published test cards.
const CARD_PREFIXES: [(u8, &str); 4] =
    [(b'3', "378282"), (b'5', "555555"), (b'2', "555555"), (b'6', "601111")];
/// The test prefix for every other card.
const CARD_PREFIX_OTHER: &str = "411111";
/// Domains reserved for documentation (RFC 2606).
const EMAIL_DOMAINS: [&str; 3] = ["example.com", "example.org", "example.net"];
/// IPv4 ranges reserved for documentation (RFC 5737).
const IPV4_DOC_NETS: [[u8; 3]; 3] =
    [[192, 0, 2], [198, 51, 100], [203, 0, 113]];

/// A small deterministic generator: xoshiro256** seeded by an HMAC.
pub(crate) struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// The generator for the surrogate of entry `seq` labelled `label`.
    pub fn new(seed: &[u8], label: &str, seq: u64) -> Rng {
        // HMAC accepts keys of any length, including empty ones.
        let mut s = [0x9e37_79b9_7f4a_7c15u64; 4];
        if let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(seed) {
            mac.update(b"airlock surrogate v1\0");
            mac.update(label.as_bytes());
            mac.update(b"\0");
            mac.update(&seq.to_le_bytes());
            let digest = mac.finalize().into_bytes();
            for (i, word) in s.iter_mut().enumerate() {
                let mut b = [0u8; 8];
                b.copy_from_slice(&digest[i * 8..i * 8 + 8]);
                *word ^= u64::from_le_bytes(b);
            }
        }
        Rng { s }
    }

    fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// A number below `n` (`n` > 0); the bias is negligible for the small
    /// `n` used here.
    fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    fn digit(&mut self) -> char {
        char::from(b'0' + self.below(10) as u8)
    }

    fn letter(&mut self, upper: bool) -> char {
        let base = if upper { b'A' } else { b'a' };
        char::from(base + self.below(26) as u8)
    }
}

/// A fake for a value of `kind`: a kind-specific one when the value has
/// the expected form, else a same-shape random string.
pub(crate) fn generate(kind: Kind, value: &str, rng: &mut Rng) -> String {
    let specific = match kind {
        Kind::PaymentCard => card(value, rng),
        Kind::Iban => iban(value, rng),
        Kind::Email => email(value, rng),
        Kind::Phone => phone(value, rng),
        Kind::IpAddress => ip(value, rng),
        _ => None,
    };
    specific.unwrap_or_else(|| shape(value, rng))
}

/// Digits to digits, letters to letters of the same case, everything else
/// kept. Non-ASCII letters become ASCII letters of the same case.
pub(crate) fn shape(value: &str, rng: &mut Rng) -> String {
    value
        .chars()
        .map(|c| {
            if c.is_ascii_digit() {
                rng.digit()
            } else if c.is_alphabetic() {
                rng.letter(c.is_uppercase())
            } else {
                c
            }
        })
        .collect()
}

/// Writes `digits` into the ASCII digit positions of `value`, in order.
fn put_digits(value: &str, digits: &[u8]) -> String {
    let mut next = digits.iter();
    value
        .chars()
        .map(|c| match (c.is_ascii_digit(), next.clone().next()) {
            (true, Some(_)) => next.next().map_or(c, |&d| char::from(d)),
            _ => c,
        })
        .collect()
}

fn ascii_digits(value: &str) -> Vec<u8> {
    value.bytes().filter(u8::is_ascii_digit).collect()
}

/// The Luhn check digit for `payload` (ASCII digits).
pub(crate) fn luhn_check_digit(payload: &[u8]) -> u8 {
    let mut sum = 0u32;
    for (i, d) in payload.iter().rev().enumerate() {
        let mut d = u32::from(d - b'0');
        if i % 2 == 0 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    b'0' + ((10 - sum % 10) % 10) as u8
}

/// A Luhn-valid card in a network's test range, same length and layout.
fn card(value: &str, rng: &mut Rng) -> Option<String> {
    let digits = ascii_digits(value);
    if !(12..=19).contains(&digits.len())
        || value.chars().any(|c| c.is_alphabetic())
    {
        return None;
    }
    let first = digits[0];
    let prefix = CARD_PREFIXES
        .iter()
        .find(|(d, _)| *d == first)
        .map_or(CARD_PREFIX_OTHER, |(_, p)| p);
    let mut out: Vec<u8> = prefix.bytes().collect();
    while out.len() < digits.len() - 1 {
        out.push(rng.digit() as u8);
    }
    out.push(luhn_check_digit(&out));
    let card = put_digits(value, &out);
    // The detectors' own check, so a surrogate always passes for a card.
    crate::detect::validate::luhn(&card).then_some(card)
}

/// mod-97 of an IBAN rearranged for checking (letters as 10..35).
fn iban_mod97(chars: impl Iterator<Item = u8>) -> u32 {
    let mut rem = 0u32;
    for c in chars {
        let c = c.to_ascii_uppercase();
        if c.is_ascii_digit() {
            rem = (rem * 10 + u32::from(c - b'0')) % 97;
        } else {
            let v = u32::from(c - b'A') + 10;
            rem = (rem * 100 + v) % 97;
        }
    }
    rem
}

/// An IBAN of the same country and length, with a valid checksum.
fn iban(value: &str, rng: &mut Rng) -> Option<String> {
    let compact: Vec<u8> =
        value.bytes().filter(u8::is_ascii_alphanumeric).collect();
    let shape_ok = (15..=34).contains(&compact.len())
        && compact[..2].iter().all(u8::is_ascii_alphabetic)
        && compact[2..4].iter().all(u8::is_ascii_digit)
        && value.is_ascii()
        && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b' ');
    if !shape_ok {
        return None;
    }
    let mut out = compact.clone();
    for c in &mut out[4..] {
        *c = if c.is_ascii_digit() {
            rng.digit() as u8
        } else {
            rng.letter(c.is_ascii_uppercase()) as u8
        };
    }
    let rearranged = out[4..].iter().chain(&out[..2]).copied().chain(*b"00");
    let check = 98 - iban_mod97(rearranged);
    out[2] = b'0' + (check / 10) as u8;
    out[3] = b'0' + (check % 10) as u8;

    // Put the characters back where the value had them, spaces kept.
    let mut next = out.into_iter();
    Some(
        value
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() {
                    char::from(next.next().unwrap_or(b))
                } else {
                    char::from(b)
                }
            })
            .collect(),
    )
}

/// An address of the same local-part shape at a documentation domain.
fn email(value: &str, rng: &mut Rng) -> Option<String> {
    let at = value.rfind('@')?;
    let local = shape(&value[..at], rng);
    let domain = EMAIL_DOMAINS[rng.below(EMAIL_DOMAINS.len() as u64) as usize];
    Some(format!("{local}@{domain}"))
}

/// A number in a range set aside for fiction: NANP 555-01xx, the UK's
/// Ofcom drama ranges; other numbers keep their country code and get
/// random digits.
fn phone(value: &str, rng: &mut Rng) -> Option<String> {
    let digits = ascii_digits(value);
    let plus = value.trim_start().starts_with('+');
    let n = digits.len();
    if !(7..=15).contains(&n) {
        return None;
    }
    let random = |count: usize, rng: &mut Rng| -> Vec<u8> {
        (0..count).map(|_| rng.digit() as u8).collect()
    };
    let uk_nsn = |nsn_first: &[u8], rng: &mut Rng| -> Vec<u8> {
        let mut out: Vec<u8> = if nsn_first.starts_with(b"7") {
            b"7700900".to_vec()
        } else if nsn_first.starts_with(b"20") {
            b"2079460".to_vec()
        } else {
            b"1632960".to_vec()
        };
        out.extend((0..3).map(|_| rng.digit() as u8));
        out
    };
    let nanp = |rng: &mut Rng| -> Vec<u8> {
        let mut out = vec![b'2' + rng.below(8) as u8];
        out.extend((0..2).map(|_| rng.digit() as u8));
        out.extend_from_slice(b"55501");
        out.extend((0..2).map(|_| rng.digit() as u8));
        out
    };
    let out: Vec<u8> = if n == 11 && digits[0] == b'1' {
        let mut out = vec![b'1'];
        out.extend(nanp(rng));
        out
    } else if !plus && n == 10 && digits[0] != b'0' && digits[0] != b'1' {
        nanp(rng)
    } else if plus && n == 12 && digits.starts_with(b"44") {
        let mut out = b"44".to_vec();
        out.extend(uk_nsn(&digits[2..], rng));
        out
    } else if !plus && n == 11 && digits[0] == b'0' {
        let mut out = b"0".to_vec();
        out.extend(uk_nsn(&digits[1..], rng));
        out
    } else {
        // Keep a country code's worth of digits, randomise the rest.
        let keep = if plus { 2 } else { 1 };
        let mut out = digits[..keep].to_vec();
        out.extend(random(n - keep, rng));
        out
    };
    Some(put_digits(value, &out))
}

/// An address from the documentation ranges: 192.0.2.0/24,
/// 198.51.100.0/24, 203.0.113.0/24 and 2001:db8::/32.
fn ip(value: &str, rng: &mut Rng) -> Option<String> {
    match value.parse::<IpAddr>().ok()? {
        IpAddr::V4(_) => {
            let net = IPV4_DOC_NETS[rng.below(3) as usize];
            let host = 1 + rng.below(254);
            Some(format!("{}.{}.{}.{host}", net[0], net[1], net[2]))
        }
        IpAddr::V6(_) => {
            let mut w = [0u16; 8];
            w[0] = 0x2001;
            w[1] = 0x0db8;
            for x in &mut w[2..] {
                *x = rng.next_u64() as u16;
            }
            let addr =
                Ipv6Addr::new(w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]);
            let text = addr.to_string();
            let upper = value.bytes().any(|b| b.is_ascii_uppercase());
            Some(if upper { text.to_ascii_uppercase() } else { text })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luhn_ok(s: &str) -> bool {
        let d = ascii_digits(s);
        luhn_check_digit(&d[..d.len() - 1]) == d[d.len() - 1]
    }

    fn rng(seq: u64) -> Rng {
        Rng::new(b"seed", "X", seq)
    }

    #[test]
    fn cards_stay_luhn_valid_with_their_layout() {
        assert!(luhn_ok("4111 1111 1111 1111"));
        for seq in 0..50 {
            let v = "5105-1051-0510-5100";
            let s = generate(Kind::PaymentCard, v, &mut rng(seq));
            assert_eq!(s.len(), v.len());
            assert_eq!(&s[4..5], "-");
            assert!(s.starts_with("5555"), "{s}");
            assert!(luhn_ok(&s), "{s}");
            let s =
                generate(Kind::PaymentCard, "378282246310005", &mut rng(seq));
            assert!(luhn_ok(&s) && s.len() == 15, "{s}");
        }
    }

    #[test]
    fn ibans_keep_country_and_checksum() {
        let v = "IE92 NPLN 5088 9957 9032 89";
        for seq in 0..50 {
            let s = generate(Kind::Iban, v, &mut rng(seq));
            assert_eq!(s.len(), v.len());
            assert!(s.starts_with("IE"));
            let c: Vec<u8> = s.bytes().filter(|b| *b != b' ').collect();
            let r = c[4..].iter().chain(&c[..4]).copied();
            assert_eq!(iban_mod97(r), 1, "{s}");
        }
    }

    #[test]
    fn emails_phones_ips_use_reserved_ranges() {
        let s = generate(Kind::Email, "Jane.Doe7@corp.io", &mut rng(1));
        assert!(
            s.ends_with("@example.com")
                || s.ends_with("@example.org")
                || s.ends_with("@example.net")
        );
        assert_eq!(s.find('@'), Some(9));
        assert_eq!(&s[4..5], ".");

        let s = generate(Kind::Phone, "+1 (415) 555-2671", &mut rng(2));
        assert!(s.starts_with("+1 ("), "{s}");
        assert_eq!(&s[9..15], "555-01", "{s}");
        let s = generate(Kind::Phone, "07911 123456", &mut rng(3));
        assert!(s.starts_with("07700 900"), "{s}");
        let s = generate(Kind::Phone, "+44 20 7123 4567", &mut rng(3));
        assert!(s.starts_with("+44 20 7946 0"), "{s}");

        let s = generate(Kind::IpAddress, "10.1.2.3", &mut rng(4));
        let a: std::net::Ipv4Addr = s.parse().unwrap();
        let o = a.octets();
        assert!(IPV4_DOC_NETS.contains(&[o[0], o[1], o[2]]), "{s}");
        let s = generate(Kind::IpAddress, "fe80::1", &mut rng(5));
        assert!(s.starts_with("2001:db8:"), "{s}");
    }

    #[test]
    fn shape_keeps_classes_and_separators() {
        let s = shape("Ab-12_x", &mut rng(9));
        let classes = |s: &str| -> Vec<u8> {
            s.chars()
                .map(|c| match c {
                    'A'..='Z' => 1,
                    'a'..='z' => 2,
                    '0'..='9' => 3,
                    _ => c as u8,
                })
                .collect()
        };
        assert_eq!(classes(&s), classes("Ab-12_x"));
    }
}
