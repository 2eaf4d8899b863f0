//! Telephone numbers: international (`+CC`, `(+CC)` or `00CC`) and the
//! national formats of the US and Canada, the UK, Germany, France, Spain,
//! Italy, Japan, Brazil, India and China, plus the groupings of a few more
//! plans (Russia, Ukraine, Poland, Sweden, Turkey, Israel).
//!
//! Two detectors share the id `phone`. The first checks the tokens of the
//! shared pattern (see `tokens.rs`) for written-out numbers (a `+`,
//! parentheses or separators between digit groups) and accepts only
//! groupings a numbering plan uses, so dates, versions, IPs, prices,
//! amounts and card or ISBN groupings stay out. The second needs a word
//! such as "phone", "tel." or "mobile" just before the number, and then
//! also takes bare digit runs and unusual groupings, still rejecting
//! dates and IPs.
//!
//! # Limitations
//!
//! A bare digit run without such a word is never reported: it cannot be
//! told from an order number or a timestamp. A number glued to another
//! digit group by a single space (`2015 0191 4960657`) is read as one
//! value and rejected. Numbers of six digits or fewer, and local numbers
//! of seven without a phone word, are not reported.

use super::tokens::{extension, TOKENS};
use crate::detect::Pattern;
use crate::finding::Kind;

/// Numbers written out with a `+`, parentheses or separators.
pub(super) const FORMATTED: Pattern =
    Pattern::new("phone", Kind::Phone, TOKENS).validate(formatted);

/// Any number-like value right after a word that says it is a phone.
pub(super) const CONTEXTUAL: Pattern = Pattern::new(
    "phone",
    Kind::Phone,
    concat!(
        // Each word may go on: "tel" covers "telephone", "telefon".
        r"(?:(?i:\b(?:phone|tel|call|mob|cell|fax|whatsapp|contact|handy",
        r"|portable|celular|tél|móvil)\w*)",
        r"|電話|电话|手机|携帯)",
        r"[^\d\n+(]{0,24}?",
        r"((?:\+|\(\+?)?\b\d[\d ()./\-]{5,22}\d",
        extension!(),
        r")\b",
    ),
)
.group(1)
.anchors(
    &[
        "phone", "tel", "call", "mob", "cell", "fax", "whatsapp", "contact",
        "handy", "portable", "celular", "tél", "móvil", "電話", "电话",
        "手机", "携帯",
    ],
    64,
)
.validate(contextual);

/// The most digits a phone number has (E.164), plus slack for prefixes.
const MAX_DIGITS: usize = 18;
const MAX_GROUPS: usize = 10;

/// A phone-like value read into digit groups.
struct Phone {
    /// Starts with `+`.
    plus: bool,
    /// Digit values, a `(0)` trunk prefix left out.
    digits: [u8; MAX_DIGITS],
    len: usize,
    /// The length of each digit group.
    groups: [u8; MAX_GROUPS],
    count: usize,
    /// Whether the first group is written in parentheses.
    paren_first: bool,
    /// Separator bytes seen between groups.
    seps: [bool; 4],
    /// The separator before each group (0 for none).
    before: [u8; MAX_GROUPS],
}

impl Phone {
    /// Reads `value` without its extension; `None` for anything that is
    /// not digits, `+` first, parentheses and separators.
    fn parse(value: &str) -> Option<Phone> {
        let body = strip_extension(value)?;
        let b = body.as_bytes();
        let mut p = Phone {
            plus: false,
            digits: [0; MAX_DIGITS],
            len: 0,
            groups: [0; MAX_GROUPS],
            count: 0,
            paren_first: false,
            seps: [false; 4],
            before: [0; MAX_GROUPS],
        };
        let mut last_sep = 0u8;
        let mut i = 0;
        if b.first() == Some(&b'+') {
            p.plus = true;
            i = 1;
        } else if b.starts_with(b"(+") {
            // "(+358) 40 123 4567": the country code in parentheses.
            let close = b.iter().position(|&c| c == b')')?;
            for &c in &b[2..close] {
                if !c.is_ascii_digit() {
                    return None;
                }
                *p.digits.get_mut(p.len)? = c - b'0';
                p.len += 1;
            }
            *p.groups.get_mut(0)? = (close - 2) as u8;
            p.count = 1;
            p.plus = true;
            i = close + 1;
        }
        let mut in_group = false;
        let mut open_paren = false;
        while i < b.len() {
            let c = b[i];
            match c {
                b'0'..=b'9' => {
                    if !in_group {
                        *p.groups.get_mut(p.count)? = 0;
                        p.before[p.count] = last_sep;
                        last_sep = 0;
                        p.count += 1;
                        in_group = true;
                    }
                    *p.digits.get_mut(p.len)? = c - b'0';
                    p.len += 1;
                    p.groups[p.count - 1] += 1;
                }
                b'(' => {
                    if open_paren {
                        return None;
                    }
                    // "(0)" after the country code is the trunk prefix.
                    if p.plus && b[i..].starts_with(b"(0)") {
                        i += 3;
                        in_group = false;
                        continue;
                    }
                    open_paren = true;
                    in_group = false;
                    if p.count == 0 {
                        p.paren_first = true;
                    }
                }
                b')' => {
                    if !open_paren {
                        return None;
                    }
                    open_paren = false;
                    in_group = false;
                }
                b' ' | b'-' | b'.' | b'/' => {
                    let k = match c {
                        b' ' => 0,
                        b'-' => 1,
                        b'.' => 2,
                        _ => 3,
                    };
                    p.seps[k] = true;
                    last_sep = c;
                    in_group = false;
                }
                _ => return None,
            }
            i += 1;
        }
        if open_paren || p.count == 0 {
            return None;
        }
        Some(p)
    }

    fn digits(&self) -> &[u8] {
        &self.digits[..self.len]
    }

    fn groups(&self) -> &[u8] {
        &self.groups[..self.count]
    }

    fn separator_kinds(&self) -> usize {
        self.seps.iter().filter(|&&s| s).count()
    }

    /// Whether the first separator is `first` and all later ones `rest`.
    fn separated(&self, first: u8, rest: u8) -> bool {
        self.count >= 3
            && self.before[1] == first
            && self.before[2..self.count].iter().all(|&b| b == rest)
    }
}

/// The value without a trailing `x123` / `ext. 123`, which must
/// hold 1 to 6 digits.
fn strip_extension(value: &str) -> Option<&str> {
    let ext =
        value.bytes().position(|b| matches!(b, b'x' | b'X' | b'e' | b'E'));
    let Some(at) = ext else {
        return Some(value);
    };
    let rest = value[at..].trim_start_matches(['x', 'X']);
    let rest = rest
        .strip_prefix("ext")
        .or_else(|| rest.strip_prefix("Ext"))
        .unwrap_or(rest);
    let rest = rest.trim_start_matches(['.', ' ']);
    let n = rest.len();
    if n == 0 || n > 6 || !rest.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(value[..at].trim_end())
}

/// A number after `+` or `00`: a country code and at most 15 digits.
fn international(digits: &[u8]) -> bool {
    let n = digits.len();
    if !(8..=15).contains(&n) || digits[0] == 0 {
        return false;
    }
    // North America: +1 and ten digits.
    digits[0] != 1 || n == 11
}

/// A NANP number: area code and exchange both start with 2-9.
fn nanp(d: &[u8]) -> bool {
    d.len() == 10 && d[0] >= 2 && d[3] >= 2
}

/// The strict check behind [`FORMATTED`].
fn formatted(value: &str) -> bool {
    if !matches!(value.as_bytes().first(), Some(b'0'..=b'9' | b'+' | b'(')) {
        return false;
    }
    let Some(p) = Phone::parse(value) else {
        return false;
    };
    let d = p.digits();
    if p.plus {
        return international(d);
    }
    if d.starts_with(&[0, 0]) {
        // 00 is the international prefix, unless it opens an area code.
        let abroad = !p.paren_first && international(&d[2..]);
        return p.count >= 2 && (abroad || national_with_trunk(&p));
    }
    if d[0] == 0 {
        return national_with_trunk(&p);
    }
    national_without_trunk(&p)
}

/// Numbers dialled with a leading 0 (UK, DE, FR, IT landlines, JP, ...):
/// an area code of 2-5 digits, then 2-5 more groups.
fn national_with_trunk(p: &Phone) -> bool {
    let g = p.groups();
    // One kind of separator, except after an area code in parentheses,
    // "08-123 45 67" (Sweden, Turkey) and "044 123-45-67" (Ukraine).
    let mixed_ok =
        p.paren_first || p.separated(b'-', b' ') || p.separated(b' ', b'-');
    if p.separator_kinds() > 1 && !mixed_ok {
        return false;
    }
    (2..=5).contains(&g[0])
        && g.len() <= 5
        && g[1..].iter().all(|&n| n >= 2)
        && (9..=13).contains(&p.len)
}

/// Numbering plans whose national numbers carry no leading 0.
fn national_without_trunk(p: &Phone) -> bool {
    let d = p.digits();
    let g = p.groups();
    if p.paren_first {
        // "(591)341-7776", "(11) 91234-5678", "(912) 345-67-89": an area
        // code of 2-4 digits in parentheses, 10 or 11 digits in all.
        return (2..=4).contains(&g[0])
            && (10..=11).contains(&d.len())
            && g[1..].iter().all(|&n| n >= 2);
    }
    // "777 000 000" is an amount, not a number anyone dials.
    if g[1..].len() >= 2 && zero_group(p) {
        return false;
    }
    if p.separator_kinds() > 1 {
        // Brazil mixes them: "11 91234-5678".
        return p.separated(b' ', b'-') && matches!(g, [2, 4 | 5, 4]);
    }
    match (d.len(), g) {
        // NANP, with or without the leading 1.
        (10, [3, 3, 4]) if nanp(d) => true,
        (11, [1, 3, 3, 4]) if d[0] == 1 => true,
        // Brazil "11 1234 5678" and Japan "45-1234-5678".
        (10, [2, 4, 4]) | (11, [2, 5, 4]) => true,
        // Spain: nine digits starting 6-9; Poland, landlines; spaced.
        (9, [3, 3, 3] | [3, 2, 2, 2]) => d[0] >= 6 && p.seps == SPACES,
        (9, [2, 3, 2, 2]) => p.seps == SPACES,
        // Russia, dialled with the trunk 8.
        (11, [1, 3, 3, 4] | [1, 3, 3, 2, 2]) if d[0] == 8 => true,
        // Italy, mobile: ten digits starting 3.
        (10, [3, 3, 4] | [3, 7] | [3, 4, 3]) => d[0] == 3,
        // India, mobile: ten digits starting 6-9.
        (10, [5, 5]) => d[0] >= 6,
        // China, mobile: 1[3-9] and eleven digits.
        (11, [3, 4, 4]) => d[0] == 1 && d[1] >= 3,
        _ => false,
    }
}

/// Separators seen: spaces only.
const SPACES: [bool; 4] = [true, false, false, false];

/// Whether a group after the first is all zeros.
fn zero_group(p: &Phone) -> bool {
    let mut at = usize::from(p.groups[0]);
    p.groups()[1..].iter().any(|&n| {
        let n = usize::from(n);
        let zeros = p.digits()[at..at + n].iter().all(|&x| x == 0);
        at += n;
        zeros
    })
}

/// The lenient check behind [`CONTEXTUAL`]: the context already says it is
/// a phone, so only rule out what is plainly something else.
fn contextual(value: &str) -> bool {
    let Some(p) = Phone::parse(value) else {
        return false;
    };
    let d = p.digits();
    if p.plus {
        return international(d);
    }
    // Seven digits only when written in groups ("555-0132").
    let min = if p.count >= 2 { 7 } else { 8 };
    if !(min..=15).contains(&d.len()) {
        return false;
    }
    !looks_like_date(&p) && !looks_like_ipv4(&p)
}

/// `dd.mm.yyyy`, `yyyy-mm-dd`, `mm/dd/yy` and the like, possibly followed
/// by a time.
fn looks_like_date(p: &Phone) -> bool {
    let g = p.groups();
    if !(3..=4).contains(&g.len()) || p.seps[0] && p.separator_kinds() == 1 {
        return false;
    }
    // The value of group `k`.
    let value = |k: usize| {
        let start: usize = g[..k].iter().map(|&n| usize::from(n)).sum();
        let digits = &p.digits()[start..start + usize::from(g[k])];
        digits.iter().fold(0u32, |a, &x| a * 10 + u32::from(x))
    };
    let day_month = |a: u32, b: u32| {
        (1..=31).contains(&a) && (1..=12).contains(&b)
            || (1..=12).contains(&a) && (1..=31).contains(&b)
    };
    match (g[0], g[1], g[2]) {
        (1 | 2, 1 | 2, 2 | 4) => day_month(value(0), value(1)),
        (4, 1 | 2, 1 | 2) => day_month(value(2), value(1)),
        _ => false,
    }
}

fn looks_like_ipv4(p: &Phone) -> bool {
    p.seps[2] && p.count == 4 && p.groups().iter().all(|&n| n <= 3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::pii::tests::{found, found_kinds};

    #[test]
    fn international_numbers() {
        for n in [
            "+49 (0) 9141 777631",
            "+49(0)5259435189",
            "+49(0) 702858733",
            "+44(0)115 4960914",
            "+44115 496 0777",
            "+441184960192",
            "+1-780-563-6083x7783",
            "+1 (415) 555-0132",
            "+33 (0)1 41 63 60 83",
            "+33 6 08 68 38 73",
            "+34 612 34 56 78",
            "+39 06 6982 1234",
            "+81 3-1234-5678",
            "+55 11 91234-5678",
            "+91 98765 43210",
            "+86 138 1234 5678",
            "001-727-954-6313x41136",
            "(+358) 40 123 4567",
            "(+30) 2439 150008",
            "+1 (150) 889-9579",
            "0049 30 1234567",
        ] {
            let text = format!("reach the desk on {n}, thanks");
            assert_eq!(found(&text, "phone"), vec![n], "{n}");
        }
    }

    #[test]
    fn national_formats_without_context() {
        for n in [
            // US
            "(591)341-7776",
            "(415) 555-0132",
            "206.269.0743x9150",
            "797-386-9073 x6625",
            "1-800-555-0199",
            // UK
            "(0161) 4960066",
            "0191 4960657",
            "029 2018 0447",
            "(029)2018683",
            "0808 157 0840",
            // DE
            "(02184) 011070",
            "(00118) 97367",
            "07542 83433",
            "030/1234567",
            // FR
            "04 15 39 15 00",
            "01.42.65.24.70",
            // ES
            "612 34 56 78",
            "91 123 45 67",
            // IT
            "06 6982 1234",
            "333 123 4567",
            // JP
            "03-1234-5678",
            "090-1234-5678",
            "45-1234-5678",
            // BR
            "(11) 91234-5678",
            "11 1234 5678",
            "21 91234-5678",
            "(011) 1234-5678",
            // RU, UA, PL, SE, TR, IL
            "(912) 345-67-89",
            "8 912 345 67 89",
            "044 123-45-67",
            "22 251 99 61",
            "08-123 45 67",
            "0705-96 40 23",
            "0148-396 0306",
            "02-6351-396",
            // IN
            "98765 43210",
            // CN
            "138 1234 5678",
        ] {
            let text = format!("Kontakt: Büro {n} — 谢谢");
            assert_eq!(found(&text, "phone"), vec![n], "{n}");
        }
    }

    #[test]
    fn bare_numbers_need_a_phone_word() {
        assert_eq!(found("call 2243392126; ok", "phone"), vec!["2243392126"]);
        assert_eq!(found("phone: 00008063608", "phone"), vec!["00008063608"]);
        assert_eq!(found("Tel. 0162251996.", "phone"), vec!["0162251996"]);
        assert_eq!(
            found("mobile number is 0449757710", "phone"),
            vec!["0449757710"]
        );
        assert_eq!(found("電話：09012345678", "phone"), vec!["09012345678"]);
        assert_eq!(found("teléfono 612345678", "phone"), vec!["612345678"]);
        assert_eq!(found("call 555-0132 now", "phone"), vec!["555-0132"]);
        assert_eq!(found("Mob: 07700900123", "phone"), vec!["07700900123"]);
        assert_eq!(found("call 08-60 42 30.", "phone"), vec!["08-60 42 30"]);
        assert!(found("order #5329603905 shipped", "phone").is_empty());
        assert!(found("ts=1655813145414", "phone").is_empty());
    }

    #[test]
    fn look_alikes_are_not_phones() {
        for text in [
            "released 2013-12-22 at 12:30:45",
            "due 14/02/2015 or 02/05/1970",
            "on 26.07.2014 10:30",
            "version 19.22.22, build 1.9.2-rc3, v10.0.19041.1",
            "total $282,309.58 or 1 234 567 €",
            "sizes 777 000 000 bytes",
            "cpu ip-like 999.70.54.39",
            "mac 05-44-12-60-03-A0",
            "request id 5eaad3ce-0051-4877-8499-3a4978ffa1d0",
            "EU style 1.234.567.890 and 12.345.678",
            "server 192.168.116.49 and 10.71.98.251",
            "ISBN 978-7-661-60992-7, ISBN 0-306-40615-2",
            "order #847156377161, ref 36832759368338",
            "tracking 1ZTX10SZ55JQWZCTJT",
            "card 4417-3664-1325-1020 and 3470 690059 29226",
            "SSN 274-67-3104",
            "zip 12345-6789",
            "request id 35285955-9647-481f-bb20-71bc2718a10b",
            "color #158adb",
            "at 123 456 7890",
            "sum 12 345 678 901",
            "call me on 2014-07-26",
            "call me at 12:30",
            "tel 192.168.1.1",
            "call 12/05/2024 15:00",
        ] {
            assert!(
                !found_kinds(text).contains(&Kind::Phone),
                "{text}: {:?}",
                found(text, "phone")
            );
        }
    }

    #[test]
    fn extensions() {
        assert!(strip_extension("555-0132 ext. 12").is_some());
        assert!(strip_extension("555-0132x").is_none());
        assert!(strip_extension("555-0132x1234567").is_none());
    }
}
