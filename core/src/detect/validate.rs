//! Checksums and plausibility checks shared by detectors.
//!
//! Every function takes untrusted text and answers with a `bool` or an
//! `Option`: none of them panics or allocates more than its input's size.

use sha2::{Digest, Sha256};

/// The Luhn (mod 10) check used by payment cards and several national ids.
/// Non-digits are skipped.
pub(crate) fn luhn(value: &str) -> bool {
    let mut sum = 0u32;
    let mut count = 0usize;
    for d in value.bytes().rev().filter(u8::is_ascii_digit) {
        let mut d = u32::from(d - b'0');
        if count % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
        count += 1;
    }
    count > 1 && sum % 10 == 0
}

/// The ISO 7064 mod 97-10 check of an IBAN: the first four characters
/// moved to the end, letters read as 10..=35, the number mod 97 is 1.
/// `value` must be ASCII alphanumerics only.
pub(crate) fn iban_mod97(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() < 5 {
        return false;
    }
    let mut rem = 0u32;
    for &c in b[4..].iter().chain(&b[..4]) {
        rem = match c {
            b'0'..=b'9' => (rem * 10 + u32::from(c - b'0')) % 97,
            b'A'..=b'Z' => (rem * 100 + u32::from(c - b'A') + 10) % 97,
            b'a'..=b'z' => (rem * 100 + u32::from(c - b'a') + 10) % 97,
            _ => return false,
        };
    }
    rem == 1
}

/// The check digit of ISO 7064 MOD 11,10 over `digits` (values 0..=9).
pub(crate) fn iso7064_mod11_10(digits: &[u8]) -> u8 {
    let mut product = 10u32;
    for &d in digits {
        let mut sum = (u32::from(d) + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (sum * 2) % 11;
    }
    let check = 11 - product;
    if check == 10 {
        0
    } else {
        check as u8
    }
}

/// The Verhoeff check over digit values (0..=9), check digit last.
pub(crate) fn verhoeff(digits: &[u8]) -> bool {
    const D: [[u8; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    const P: [[u8; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    if digits.len() < 2 || digits.iter().any(|&d| d > 9) {
        return false;
    }
    let mut c = 0u8;
    for (i, &d) in digits.iter().rev().enumerate() {
        c = D[usize::from(c)][usize::from(P[i % 8][usize::from(d)])];
    }
    c == 0
}

/// The digit values of the ASCII digits in `value`, up to `N` of them;
/// `None` if there are more.
pub(crate) fn digits<const N: usize>(value: &str) -> Option<([u8; N], usize)> {
    let mut out = [0u8; N];
    let mut n = 0;
    for b in value.bytes().filter(u8::is_ascii_digit) {
        *out.get_mut(n)? = b - b'0';
        n += 1;
    }
    Some((out, n))
}

/// Decodes a Base58Check string (Bitcoin alphabet) and returns its version
/// byte and payload length once the 4-byte double-SHA-256 checksum holds.
pub(crate) fn base58check(value: &str) -> Option<(u8, usize)> {
    const ALPHABET: &[u8; 58] =
        b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    // 50 characters of base58 hold at most 37 bytes; addresses are 25.
    const MAX: usize = 40;
    let input = value.as_bytes();
    if input.is_empty() || input.len() > 50 {
        return None;
    }

    // Big-endian base-256 number, least significant byte last.
    let mut buf = [0u8; MAX];
    let mut len = 0usize;
    for &c in input {
        let mut carry = ALPHABET.iter().position(|&a| a == c)? as u32;
        for byte in buf[MAX - len..].iter_mut().rev() {
            carry += u32::from(*byte) * 58;
            *byte = carry as u8;
            carry >>= 8;
        }
        while carry > 0 {
            len += 1;
            *buf.get_mut(MAX.checked_sub(len)?)? = carry as u8;
            carry >>= 8;
        }
    }

    // Each leading '1' stands for a leading zero byte.
    let zeros = input.iter().take_while(|&&c| c == b'1').count();
    let total = zeros + len;
    if !(5..=MAX).contains(&total) {
        return None;
    }
    let decoded = &buf[MAX - total..];
    let (payload, check) = decoded.split_at(total - 4);
    let hash = Sha256::digest(Sha256::digest(payload));
    if hash[..4] != *check {
        return None;
    }
    Some((payload[0], payload.len()))
}

/// Which checksum constant a bech32 string satisfies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Bech32Variant {
    /// BIP 173, used by segwit version 0.
    Bech32,
    /// BIP 350, used by segwit version 1 and up.
    Bech32m,
}

/// Checks a segwit address (BIP 173 / BIP 350) for the human-readable part
/// `hrp`: one case throughout, a valid checksum of the variant its witness
/// version requires, and a witness program of an allowed length.
pub(crate) fn segwit_address(value: &str, hrp: &str) -> bool {
    const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    let b = value.as_bytes();
    if b.len() > 90 || b.len() < hrp.len() + 8 {
        return false;
    }
    let has_lower = b.iter().any(u8::is_ascii_lowercase);
    let has_upper = b.iter().any(u8::is_ascii_uppercase);
    if has_lower && has_upper {
        return false;
    }
    let Some(sep) = b.iter().rposition(|&c| c == b'1') else {
        return false;
    };
    if !b[..sep].eq_ignore_ascii_case(hrp.as_bytes()) {
        return false;
    }

    // The data part as 5-bit values.
    let mut data = [0u8; 90];
    let n = b.len() - sep - 1;
    for (slot, &c) in data.iter_mut().zip(&b[sep + 1..]) {
        let c = c.to_ascii_lowercase();
        let Some(v) = CHARSET.iter().position(|&x| x == c) else {
            return false;
        };
        *slot = v as u8;
    }
    let data = &data[..n];
    let Some(variant) = bech32_checksum(hrp.as_bytes(), data) else {
        return false;
    };

    // Witness version, then the program regrouped from 5 to 8 bits.
    let version = data[0];
    let program = &data[1..n - 6];
    let bits = program.len() * 5;
    let program_len = bits / 8;
    if bits % 8 >= 5 {
        return false;
    }
    let mut acc = 0u32;
    for &v in program {
        acc = (acc << 5) | u32::from(v);
    }
    // Leftover padding bits must be zero.
    if acc & ((1 << (bits % 8)) - 1) != 0 {
        return false;
    }
    match (version, variant) {
        (0, Bech32Variant::Bech32) => program_len == 20 || program_len == 32,
        (1..=16, Bech32Variant::Bech32m) => (2..=40).contains(&program_len),
        _ => false,
    }
}

/// Verifies the bech32 checksum of 5-bit `data` under `hrp` (lower-case).
pub(crate) fn bech32_checksum(
    hrp: &[u8],
    data: &[u8],
) -> Option<Bech32Variant> {
    const GEN: [u32; 5] =
        [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3];
    fn step(chk: u32, v: u8) -> u32 {
        let top = chk >> 25;
        let mut chk = ((chk & 0x01ff_ffff) << 5) ^ u32::from(v);
        for (i, g) in GEN.iter().enumerate() {
            if (top >> i) & 1 == 1 {
                chk ^= g;
            }
        }
        chk
    }
    if data.len() < 6 {
        return None;
    }
    let mut chk = 1u32;
    for &c in hrp {
        chk = step(chk, c.to_ascii_lowercase() >> 5);
    }
    chk = step(chk, 0);
    for &c in hrp {
        chk = step(chk, c.to_ascii_lowercase() & 31);
    }
    for &v in data {
        chk = step(chk, v);
    }
    match chk {
        1 => Some(Bech32Variant::Bech32),
        0x2bc8_30a3 => Some(Bech32Variant::Bech32m),
        _ => None,
    }
}

/// Keccak-256 as Ethereum uses it (the original Keccak padding, not
/// SHA3-256's). Small enough to carry here rather than pull in a crate.
pub(crate) fn keccak256(input: &[u8]) -> [u8; 32] {
    const RATE: usize = 136;
    let mut state = [0u64; 25];
    let mut chunks = input.chunks_exact(RATE);
    for block in &mut chunks {
        absorb(&mut state, block);
        keccak_f(&mut state);
    }

    // Pad the rest: 0x01 after the message, 0x80 in the block's last byte.
    let rest = chunks.remainder();
    let mut last = [0u8; RATE];
    last[..rest.len()].copy_from_slice(rest);
    last[rest.len()] ^= 0x01;
    last[RATE - 1] ^= 0x80;
    absorb(&mut state, &last);
    keccak_f(&mut state);

    let mut out = [0u8; 32];
    for (chunk, lane) in out.chunks_exact_mut(8).zip(state) {
        chunk.copy_from_slice(&lane.to_le_bytes());
    }
    out
}

fn absorb(state: &mut [u64; 25], block: &[u8]) {
    for (lane, bytes) in state.iter_mut().zip(block.chunks_exact(8)) {
        let mut b = [0u8; 8];
        b.copy_from_slice(bytes);
        *lane ^= u64::from_le_bytes(b);
    }
}

fn keccak_f(a: &mut [u64; 25]) {
    const RC: [u64; 24] = [
        0x0000_0000_0000_0001,
        0x0000_0000_0000_8082,
        0x8000_0000_0000_808a,
        0x8000_0000_8000_8000,
        0x0000_0000_0000_808b,
        0x0000_0000_8000_0001,
        0x8000_0000_8000_8081,
        0x8000_0000_0000_8009,
        0x0000_0000_0000_008a,
        0x0000_0000_0000_0088,
        0x0000_0000_8000_8009,
        0x0000_0000_8000_000a,
        0x0000_0000_8000_808b,
        0x8000_0000_0000_008b,
        0x8000_0000_0000_8089,
        0x8000_0000_0000_8003,
        0x8000_0000_0000_8002,
        0x8000_0000_0000_0080,
        0x0000_0000_0000_800a,
        0x8000_0000_8000_000a,
        0x8000_0000_8000_8081,
        0x8000_0000_0000_8080,
        0x0000_0000_8000_0001,
        0x8000_0000_8000_8008,
    ];
    // Rotation offsets and the lane order of the combined rho-pi step.
    const ROT: [u32; 24] = [
        1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62,
        18, 39, 61, 20, 44,
    ];
    const PI: [usize; 24] = [
        10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20,
        14, 22, 9, 6, 1,
    ];
    for rc in RC {
        // Theta.
        let mut c = [0u64; 5];
        for x in 0..5 {
            c[x] = a[x] ^ a[x + 5] ^ a[x + 10] ^ a[x + 15] ^ a[x + 20];
        }
        for x in 0..5 {
            let d = c[(x + 4) % 5] ^ c[(x + 1) % 5].rotate_left(1);
            for y in 0..5 {
                a[x + 5 * y] ^= d;
            }
        }
        // Rho and pi.
        let mut last = a[1];
        for (&rot, &pi) in ROT.iter().zip(&PI) {
            let next = a[pi];
            a[pi] = last.rotate_left(rot);
            last = next;
        }
        // Chi.
        for y in 0..5 {
            let mut row = [0u64; 5];
            row.copy_from_slice(&a[5 * y..5 * y + 5]);
            for x in 0..5 {
                a[5 * y + x] = row[x] ^ (!row[(x + 1) % 5] & row[(x + 2) % 5]);
            }
        }
        // Iota.
        a[0] ^= rc;
    }
}

/// The EIP-55 mixed-case checksum of a 40-digit hex address (without
/// `0x`): a letter is upper-case exactly when the matching nibble of the
/// Keccak-256 hash of the lower-case address is 8 or more.
pub(crate) fn eip55(hex40: &str) -> bool {
    let b = hex40.as_bytes();
    if b.len() != 40 || !b.iter().all(u8::is_ascii_hexdigit) {
        return false;
    }
    let mut lower = [0u8; 40];
    for (l, c) in lower.iter_mut().zip(b) {
        *l = c.to_ascii_lowercase();
    }
    let hash = keccak256(&lower);
    b.iter().enumerate().all(|(i, &c)| {
        if c.is_ascii_digit() {
            return true;
        }
        let nibble = (hash[i / 2] >> (if i % 2 == 0 { 4 } else { 0 })) & 0xf;
        c.is_ascii_uppercase() == (nibble >= 8)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    #[test]
    fn luhn_accepts_valid_and_rejects_one_digit_off() {
        assert!(luhn("4111 1111 1111 1111"));
        assert!(!luhn("4111 1111 1111 1112"));
    }

    #[test]
    fn iban_mod97_examples() {
        assert!(iban_mod97("GB82WEST12345698765432"));
        assert!(iban_mod97("DE89370400440532013000"));
        assert!(!iban_mod97("DE89370400440532013001"));
        assert!(!iban_mod97("DE8937040044053201300-"));
    }

    #[test]
    fn mod11_10_check_digit() {
        // A Steuer-IdNr. published as an example: 86095742719.
        assert_eq!(iso7064_mod11_10(&[8, 6, 0, 9, 5, 7, 4, 2, 7, 1]), 9);
    }

    #[test]
    fn verhoeff_examples() {
        assert!(verhoeff(&[2, 3, 6, 3]));
        assert!(!verhoeff(&[2, 3, 6, 4]));
        assert!(!verhoeff(&[2, 3, 11]));
    }

    #[test]
    fn base58check_addresses() {
        let genesis = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";
        assert_eq!(base58check(genesis), Some((0, 21)));
        let p2sh = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy";
        assert_eq!(base58check(p2sh), Some((5, 21)));
        assert_eq!(base58check("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"), None);
        assert_eq!(base58check("1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf0a"), None);
        assert_eq!(base58check(""), None);
        assert_eq!(base58check(&"z".repeat(60)), None);
    }

    #[test]
    fn segwit_addresses() {
        let v0 = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4";
        assert!(segwit_address(v0, "bc"));
        assert!(segwit_address(&v0.to_ascii_uppercase(), "bc"));
        assert!(segwit_address(
            "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
            "bc"
        ));
        assert!(segwit_address(
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
            "bc"
        ));
        // One character off, mixed case, the wrong variant for v1.
        assert!(!segwit_address(
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
            "bc"
        ));
        assert!(!segwit_address(
            "bc1qw508d6qejxtdg4y5r3zarvaRy0c5xw7kv8f3t4",
            "bc"
        ));
        assert!(!segwit_address(
            concat!(
                "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3",
                "zarvary0c5xw7k7grplx"
            ),
            "bc"
        ));
        assert!(!segwit_address(v0, "tb"));
    }

    #[test]
    fn keccak256_vectors() {
        assert_eq!(
            hex(&keccak256(b"")),
            "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"
        );
        assert_eq!(
            hex(&keccak256(b"abc")),
            "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"
        );
        // Longer than one block.
        let long = [b'a'; 200];
        assert_eq!(keccak256(&long).len(), 32);
    }

    #[test]
    fn eip55_vectors() {
        for a in [
            "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
            "fB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
            "dbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
            "D1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        ] {
            assert!(eip55(a), "{a}");
        }
        assert!(!eip55("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"));
        assert!(!eip55("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed0"));
    }

    #[test]
    fn digits_caps_the_count() {
        assert_eq!(digits::<4>("1-2-3").map(|(_, n)| n), Some(3));
        assert!(digits::<2>("123").is_none());
    }
}
