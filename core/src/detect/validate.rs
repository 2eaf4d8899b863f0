//! Checksums and plausibility checks shared by detectors.

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_accepts_valid_and_rejects_one_digit_off() {
        assert!(luhn("4111 1111 1111 1111"));
        assert!(!luhn("4111 1111 1111 1112"));
    }
}
