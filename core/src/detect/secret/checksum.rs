//! Offline checksums carried by some token formats, and the decoders
//! that structure checks need (base62, base64, base64url).
//!
//! GitHub's classic tokens (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`) and
//! npm's granular tokens (`npm_`) end in six base62 characters: the CRC32
//! (IEEE) of the 30 random characters between the prefix and the
//! checksum, written in base62 (`0-9A-Za-z`) and left-padded with `0`.

/// The base62 alphabet used by GitHub-style checksums.
const BASE62: &[u8; 62] =
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/// The CRC32 (IEEE 802.3, reflected, as zlib) lookup table, built at
/// compile time.
const CRC32_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
            k += 1;
        }
        table[i] = c;
        i += 1;
    }
    table
};

/// The CRC32 (IEEE) of `bytes`, as zlib's `crc32`.
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc = CRC32_TABLE[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8);
    }
    !crc
}

/// `n` in base62, left-padded with `0` to six characters (a `u32` needs
/// at most six).
pub(crate) fn base62_6(mut n: u32) -> [u8; 6] {
    let mut out = [b'0'; 6];
    for slot in out.iter_mut().rev() {
        *slot = BASE62[(n % 62) as usize];
        n /= 62;
    }
    out
}

/// Whether a token of the form `prefix_` + 30 random + 6 checksum
/// characters carries a valid CRC32 checksum. `token` is the whole
/// token; everything up to the last `_` is the prefix.
pub(crate) fn crc32_token(token: &str) -> bool {
    let Some(underscore) = token.rfind('_') else { return false };
    let body = &token.as_bytes()[underscore + 1..];
    if body.len() != 36 {
        return false;
    }
    let (random, check) = body.split_at(30);
    base62_6(crc32(random)) == check
}

/// Decodes standard or URL-safe base64, with or without padding.
/// `None` for any other byte or an impossible length.
pub(crate) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let mut acc = 0u32;
    let mut bits = 0;
    for b in text.bytes() {
        let v = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(out)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A deterministic generator of CRC32-checksummed tokens, for tests.
    pub(crate) fn make_crc32_token(prefix: &str, seed: u64) -> String {
        let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1);
        let mut random = String::new();
        for _ in 0..30 {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            random.push(BASE62[((state >> 33) % 62) as usize] as char);
        }
        let check = base62_6(crc32(random.as_bytes()));
        format!("{prefix}{random}{}", std::str::from_utf8(&check).unwrap())
    }

    #[test]
    fn crc32_matches_zlib() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn base62_pads_to_six() {
        assert_eq!(&base62_6(0), b"000000");
        assert_eq!(&base62_6(61), b"00000z");
        assert_eq!(&base62_6(62), b"000010");
    }

    #[test]
    fn generated_tokens_validate_and_one_change_breaks_them() {
        for seed in 0..50 {
            let token = make_crc32_token("ghp_", seed);
            assert!(crc32_token(&token), "{token}");
            let mut bytes = token.into_bytes();
            bytes[10] = if bytes[10] == b'a' { b'b' } else { b'a' };
            assert!(!crc32_token(std::str::from_utf8(&bytes).unwrap()));
        }
    }

    #[test]
    fn base64_variants_decode() {
        assert_eq!(base64_decode("aGk=").unwrap(), b"hi");
        assert_eq!(base64_decode("aGk").unwrap(), b"hi");
        assert_eq!(base64_decode("-_8").unwrap(), vec![0xfb, 0xff]);
        assert!(base64_decode("a").is_none());
        assert!(base64_decode("a b=").is_none());
    }
}
