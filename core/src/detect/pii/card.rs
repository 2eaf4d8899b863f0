//! Payment card numbers (PANs).

use super::tokens::TOKENS;
use crate::detect::validate::{digits, luhn};
use crate::detect::Pattern;
use crate::finding::Kind;

/// 13 to 19 digits, compact or in the groupings cards are printed with:
/// 4-4-4-4(-3), Amex 4-6-5 and Diners 4-6-4, spaced or dashed. The number
/// must pass Luhn and match an issuer's prefix and length.
pub(super) const CARD: Pattern =
    Pattern::new("payment_card", Kind::PaymentCard, TOKENS)
        .validate(valid)
        .priority(65);

fn valid(value: &str) -> bool {
    // Digits and one kind of separator: "4111 1111-1111 1111" is not how
    // a card is written.
    let mut sep = None;
    let mut groups = [0u8; 6];
    let mut count = 1;
    for b in value.bytes() {
        match b {
            b'0'..=b'9' => {
                groups[count - 1] = groups[count - 1].saturating_add(1);
            }
            b' ' | b'-' if sep.is_none() || sep == Some(b) => {
                sep = Some(b);
                if count == groups.len() {
                    return false;
                }
                count += 1;
            }
            _ => return false,
        }
    }
    if !grouped_like_a_card(&groups[..count]) {
        return false;
    }
    let Some((d, n)) = digits::<19>(value) else {
        return false;
    };
    (13..=19).contains(&n) && issuer_accepts(&d[..n]) && luhn(value)
}

/// Compact, 4-4-4-4 (the last group 1-4 digits, and a fifth group of up
/// to 3 for 19 digits), or the Amex and Diners 4-6-5 and 4-6-4.
fn grouped_like_a_card(groups: &[u8]) -> bool {
    match groups {
        [_] | [4, 6, 4 | 5] => true,
        [4, 4, 4, last] => (1..=4).contains(last),
        [4, 4, 4, 4, last] => (1..=3).contains(last),
        _ => false,
    }
}

/// Whether an issuer uses this prefix with this length (IIN ranges of the
/// major networks). UATP (prefix 1) is left out: it collides with Unix
/// timestamps in milliseconds; so are Maestro numbers shorter than 16
/// digits, which collide with reference numbers.
fn issuer_accepts(d: &[u8]) -> bool {
    let n = d.len();
    let prefix =
        |k: usize| d[..k].iter().fold(0u32, |a, &x| a * 10 + u32::from(x));
    let (p2, p3, p4) = (prefix(2), prefix(3), prefix(4));
    match d[0] {
        // JCB's legacy 15-digit ranges.
        1 => p4 == 1800 && n == 15,
        // Visa.
        4 => matches!(n, 13 | 16 | 19),
        // Mastercard 2221-2720; Mir 2200-2204.
        2 => {
            (2221..=2720).contains(&p4) && n == 16
                || (2200..=2204).contains(&p4) && n >= 16
                || p4 == 2131 && n == 15
        }
        3 => match p2 {
            // American Express.
            34 | 37 => n == 15,
            // JCB (3528-3589, and the rest of 35 some issuers print).
            35 => n >= 16,
            // Diners Club; JCB's legacy 3088, 3096, 3112, 3158, 3337.
            30 => {
                ((300..=305).contains(&p3) || p4 == 3095) && n >= 14
                    || matches!(p4, 3088 | 3096) && n == 16
            }
            31 | 33 => matches!(p4, 3112 | 3158 | 3337) && n == 16,
            36 | 38 | 39 => n >= 14,
            _ => false,
        },
        // Mastercard 51-55; Maestro 50, 56-58.
        5 => match p2 {
            51..=55 => n == 16,
            50 | 56..=58 => n >= 16,
            _ => false,
        },
        // Discover, UnionPay, RuPay, Maestro.
        6 => n >= 16,
        // UnionPay 81, RuPay 82.
        8 => matches!(p2, 81 | 82) && n >= 16,
        // Troy.
        9 => p4 == 9792 && n == 16,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use crate::detect::pii::tests::{found, found_ids};

    #[test]
    fn finds_cards_in_their_printed_forms() {
        for n in [
            "4111 1111 1111 1111",
            "4111-1111-1111-1111",
            "4111111111111111",
            "4222222222222",
            "5555 5555 5555 4444",
            "2221 0000 0000 0009",
            "3782 822463 10005",
            "3714-496353-98431",
            "371449635398431",
            "3056 930902 5904",
            "36805716241542",
            "6011 1111 1111 1117",
            "3530 1113 3330 0000",
            "6200 0000 0000 0005",
            "6759 6498 2643 8453",
            "213112345678904",
            "4111 1111 1111 1111 110",
        ] {
            for text in [
                format!("card {n}."),
                format!("卡号{n}，谢谢"),
                format!("💳{n}💳"),
            ] {
                assert_eq!(found(&text, "payment_card"), vec![n], "{text}");
            }
        }
    }

    #[test]
    fn rejects_look_alikes() {
        for text in [
            // Luhn off by one.
            "4111 1111 1111 1112",
            "reference 5130262997791720",
            // Luhn-valid but no issuer uses the prefix or length.
            "1655813145414",
            "9111111111111111",
            "34111111111111111",
            // Mixed separators, wrong grouping.
            "4111 1111-1111 1111",
            "41111 11111 11111 1",
            "41 1111 1111 1111 11",
            // Part of a longer run.
            "41111111111111110000000",
            "order #847156377161",
            "ref 57771236463392",
        ] {
            assert!(found_ids(text)
                .iter()
                .all(|(id, _)| *id != "payment_card"));
        }
    }
}
