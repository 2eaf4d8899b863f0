//! Seeded text generation shared by the vault and restore tests.

#![allow(dead_code)]

use airlock_core::{Airlock, Policy, Vault};

/// xorshift64*: small, deterministic, good enough for test inputs.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn draw(&mut self, set: &[u8], n: usize) -> String {
        (0..n).map(|_| char::from(set[self.below(set.len())])).collect()
    }
}

pub fn email(rng: &mut Rng) -> String {
    const LOCAL: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789._+-";
    const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
    let n = 1 + rng.below(12);
    let local = format!("{}{}", rng.draw(ALNUM, 1), rng.draw(LOCAL, n));
    let n = 1 + rng.below(8);
    let host = rng.draw(ALNUM, n);
    let tld = rng.pick(&["com", "io", "example", "co.uk", "org"]);
    format!("{local}{}@{host}.{tld}", rng.draw(ALNUM, 1))
}

pub fn aws_key(rng: &mut Rng) -> String {
    const B32: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    format!("AKIA{}", rng.draw(B32, 16))
}

/// Filler that stresses restore: `$1`, backslashes, brackets, token
/// look-alikes, multi-byte characters.
pub const FILLER: &[&str] = &[
    "the",
    "report",
    "is",
    "due",
    "$1",
    "$0",
    "\\",
    "\\1",
    "\\\\",
    "[",
    "]",
    "_",
    "(",
    ")",
    "é",
    "中文",
    "😀",
    "\n",
    "s",
    "'s",
    "::",
    "EMAIL",
    "[EMAIL_1]",
    "EMAIL_2",
    "[email_3]",
    "[SECRET_1]",
    "\\[EMAIL\\_4\\]",
    "[ EMAIL_5 ]",
    "[PHONE_1]",
    "[EMAIL_3f9a0c7d]",
    "[REDACTED]",
    "x",
];

/// Filler without token look-alikes, for multi-turn tests.
pub const PLAIN_FILLER: &[&str] = &[
    "the", "report", "is", "due", "$1", "\\", "\\1", "[", "]", "_", "é",
    "中文", "😀", "\n", "s", "'s", "x",
];

/// A text of up to `pieces` pieces, values among them.
pub fn text(rng: &mut Rng, pieces: usize, filler: &[&str]) -> String {
    let mut out = String::new();
    for _ in 0..1 + rng.below(pieces) {
        match rng.below(6) {
            0 => out.push_str(&email(rng)),
            1 => out.push_str(&aws_key(rng)),
            _ => out.push_str(rng.pick(filler)),
        }
        match rng.below(4) {
            0 => {}
            1 => out.push('\n'),
            _ => out.push(' '),
        }
    }
    out
}

pub fn engine(action: &str) -> Airlock {
    let policy = Policy::from_json(&format!(
        r#"{{"version": 1, "defaultAction": "{action}"}}"#
    ))
    .expect("policy");
    Airlock::builder()
        .policy(policy)
        .pseudonym_key(b"test pseudonym key")
        .build()
        .expect("engine")
}

pub fn vault(seed: u64) -> Vault {
    Vault::new(&seed.to_le_bytes())
}

pub const ACTIONS: [&str; 3] = ["tokenize", "pseudonymize", "surrogate"];
