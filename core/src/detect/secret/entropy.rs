//! How random a value looks: Shannon entropy, the mix of character
//! classes, and the tell-tale signs of a placeholder (`xxxx`, `****`,
//! `<YOUR_KEY>`, `${VAR}`, runs like `abcdef` or `123456`).

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;

/// Shannon entropy of the bytes of `s`, in bits per byte.
pub(crate) fn shannon(s: &str) -> f64 {
    let bytes = s.as_bytes();
    if bytes.is_empty() {
        return 0.0;
    }
    let mut counts = [0u32; 256];
    for &b in bytes {
        counts[usize::from(b)] += 1;
    }
    // Visit each distinct byte once, in text order, rather than all 256.
    // In a token most bytes occur only a few times, so the term of each
    // small count is computed once (the same expression, so the same
    // value) rather than once per distinct byte.
    let n = bytes.len() as f64;
    let term = |c: u32| {
        let p = f64::from(c) / n;
        p * p.log2()
    };
    let mut small: [Option<f64>; 16] = [None; 16];
    let mut h = 0.0;
    for &b in bytes {
        let c = std::mem::take(&mut counts[usize::from(b)]);
        if c > 0 {
            h -= match small.get_mut(c as usize) {
                Some(slot) => *slot.get_or_insert_with(|| term(c)),
                None => term(c),
            };
        }
    }
    h
}

/// Which kinds of characters a value holds.
#[derive(Clone, Copy, Default, Debug)]
pub(crate) struct Classes {
    pub lower: bool,
    pub upper: bool,
    pub digit: bool,
    /// Anything else: punctuation, symbols, non-ASCII.
    pub other: bool,
}

impl Classes {
    pub(crate) fn of(s: &str) -> Classes {
        let mut c = Classes::default();
        for b in s.bytes() {
            match b {
                b'a'..=b'z' => c.lower = true,
                b'A'..=b'Z' => c.upper = true,
                b'0'..=b'9' => c.digit = true,
                _ => c.other = true,
            }
        }
        c
    }

    /// How many of lower, upper and digit occur.
    pub(crate) fn alnum_kinds(self) -> usize {
        usize::from(self.lower)
            + usize::from(self.upper)
            + usize::from(self.digit)
    }
}

/// Whether every byte is a hex digit.
pub(crate) fn is_hex(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether `s` has the shape of a UUID (8-4-4-4-12 hex).
pub(crate) fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, &c)| match i {
            8 | 13 | 18 | 23 => c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// Markers of documentation placeholders, matched case-insensitively
/// anywhere in a value.
const PLACEHOLDER_MARKERS: &[&str] = &[
    "example",
    "placeholder",
    "xxxx",
    "****",
    "....",
    "<",
    ">",
    "${",
    "{{",
    "}}",
    "changeme",
    "change_me",
    "change-me",
    "redacted",
    "dummy",
    "your_",
    "your-",
    "yourtoken",
    "yourkey",
    "yourpass",
    "yoursecret",
    "_here",
    "-here",
    "insert_",
    "replace_",
    "replace-me",
    "replaceme",
    "notreal",
    "not_real",
    "not-a-real",
];

/// Whether `s` contains an obvious placeholder marker, or is made of so
/// few distinct characters, such a long run or such a regular sequence
/// that no generator of random tokens would produce it.
pub(crate) fn is_placeholder(s: &str) -> bool {
    static MARKERS: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let markers = MARKERS.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(PLACEHOLDER_MARKERS)
            .ok()
    });
    // Without the automaton (it cannot fail to build), fall back to a
    // plain search.
    let marked = match markers {
        Some(ac) => ac.is_match(s),
        None => {
            let lower = s.to_ascii_lowercase();
            PLACEHOLDER_MARKERS.iter().any(|m| lower.contains(m))
        }
    };
    marked || is_patterned(s)
}

/// Whether `s` is too regular to be random: one character repeated five
/// times, a run like `abcdef` or `654321`, very few distinct characters,
/// or a short unit repeated.
pub(crate) fn is_patterned(s: &str) -> bool {
    let b = s.as_bytes();
    let Some((&first, rest)) = b.split_first() else { return true };
    // One counter covers the three kinds of run: a repeat is a run of
    // steps of 0 (between any bytes), `abcdef` a run of steps of +1 and
    // `654321` one of -1 (between letters and digits). Any other step
    // ends the run; in random text nearly every step does, so that case
    // comes first and costs a compare.
    const NONE: u8 = 2;
    let (mut step, mut run) = (NONE, 0u32);
    let mut p = first;
    for &c in rest {
        let d = c.wrapping_sub(p);
        let extends = d.wrapping_add(1) <= 2
            && (d == 0
                || p.is_ascii_alphanumeric() && c.is_ascii_alphanumeric());
        if extends {
            run = if d == step { run + 1 } else { 1 };
            step = d;
            if run >= 4 + u32::from(d != 0) {
                return true;
            }
        } else {
            step = NONE;
        }
        p = c;
    }
    (b.len() >= 12 && few_distinct(b, b.len().min(32))) || is_periodic(b)
}

/// Whether `b` holds fewer than `limit / 4` distinct bytes. Stops at the
/// first byte past that count, a few bytes into a random value.
fn few_distinct(b: &[u8], limit: usize) -> bool {
    let mut seen = [false; 256];
    let mut distinct = 0;
    for &c in b {
        if !std::mem::replace(&mut seen[usize::from(c)], true) {
            distinct += 1;
            if distinct * 4 >= limit {
                return false;
            }
        }
    }
    true
}

/// Whether `b` repeats a unit of at most 16 bytes (`deadbeefdeadbeef`).
fn is_periodic(b: &[u8]) -> bool {
    (1..=16.min(b.len() / 2))
        .any(|p| b.iter().zip(&b[p..]).all(|(x, y)| x == y))
}

/// Whether `s` reads as words rather than random characters: dashed or
/// dotted words and version numbers (`jjwt-jackson-0.11.2`,
/// `my-app-secret`), or camel-case words (`AgencyIdentificationCode`).
pub(crate) fn is_wordy(s: &str) -> bool {
    // Segments between punctuation: all words or short numbers. A capital
    // letter, as most tokens hold, rules that out at once.
    let word_like = |p: &[u8]| {
        (p.len() >= 2 && p.iter().all(|b| b.is_ascii_lowercase()))
            || (p.len() <= 4 && p.iter().all(|b| b.is_ascii_digit()))
    };
    if !s.bytes().any(|b| b.is_ascii_uppercase()) {
        let mut segments = 0;
        for p in s.as_bytes().split(|b| !b.is_ascii_alphanumeric()) {
            if p.is_empty() {
                continue;
            }
            if !word_like(p) {
                segments = 0;
                break;
            }
            segments += 1;
        }
        if segments >= 2 {
            return true;
        }
    }
    // Letter runs (split at lower-to-upper changes) of four or more that
    // cover most of the value and hold vowels as words do. Once the bytes
    // outside such runs pass 40% of the value, the runs cannot cover 60%.
    let bytes = s.as_bytes();
    let (mut in_runs, mut vowels, mut outside) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < bytes.len() {
        if outside * 10 > bytes.len() * 4 {
            return false;
        }
        if !bytes[i].is_ascii_alphabetic() {
            outside += 1;
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_lowercase() {
            i += 1;
        }
        let run = &bytes[start..i];
        if run.len() >= 4 {
            in_runs += run.len();
            vowels += run
                .iter()
                .filter(|b| {
                    matches!(
                        b.to_ascii_lowercase(),
                        b'a' | b'e' | b'i' | b'o' | b'u'
                    )
                })
                .count();
        } else {
            outside += run.len();
        }
    }
    in_runs * 10 >= s.len() * 6 && vowels * 100 >= in_runs * 34
}

/// Whether a value found next to a secret-sounding name looks like a
/// generated credential rather than a word, a number or an identifier:
/// long enough, mixed character classes, high enough entropy.
pub(crate) fn looks_random(s: &str, min_len: usize) -> bool {
    s.len() >= min_len && !is_placeholder(s) && random_shape(s, min_len)
}

/// [`looks_random`] for a value already known not to be a placeholder.
pub(crate) fn random_shape(s: &str, min_len: usize) -> bool {
    let len = s.len();
    if len < min_len {
        return false;
    }
    let classes = Classes::of(s);
    let kinds = classes.alnum_kinds();
    if is_hex(s) {
        // Hex digests and keys: both letters and digits, near-uniform.
        return len >= 16.max(min_len)
            && classes.digit
            && (classes.lower || classes.upper)
            && shannon(s) >= 3.0;
    }
    if kinds < 2 && !(kinds == 1 && classes.other && len >= 16) {
        return false;
    }
    // A random string of n symbols drawn from 36+ characters has about
    // log2(n) bits per symbol until n nears the alphabet size.
    let expected = (len as f64).log2().min(5.0);
    shannon(s) >= (expected - 1.1).max(2.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definitions that the functions above compute faster.
    mod plain {
        pub fn shannon(s: &str) -> f64 {
            let b = s.as_bytes();
            let mut counts = [0u32; 256];
            for &c in b {
                counts[usize::from(c)] += 1;
            }
            let n = b.len() as f64;
            let mut h = 0.0;
            for &c in b {
                let k = std::mem::take(&mut counts[usize::from(c)]);
                if k > 0 {
                    let p = f64::from(k) / n;
                    h -= p * p.log2();
                }
            }
            h
        }

        pub fn is_patterned(s: &str) -> bool {
            let b = s.as_bytes();
            if b.is_empty() {
                return true;
            }
            let mut seen = [false; 256];
            let mut distinct = 0;
            let (mut repeat, mut up, mut down) = (1, 1, 1);
            for (i, &c) in b.iter().enumerate() {
                if !seen[usize::from(c)] {
                    seen[usize::from(c)] = true;
                    distinct += 1;
                }
                if i == 0 {
                    continue;
                }
                let p = b[i - 1];
                let alnum =
                    p.is_ascii_alphanumeric() && c.is_ascii_alphanumeric();
                repeat = if c == p { repeat + 1 } else { 1 };
                up = if alnum && c == p.wrapping_add(1) { up + 1 } else { 1 };
                down =
                    if alnum && c.wrapping_add(1) == p { down + 1 } else { 1 };
                if repeat >= 5 || up >= 6 || down >= 6 {
                    return true;
                }
            }
            (b.len() >= 12 && distinct * 4 < b.len().min(32))
                || super::is_periodic(b)
        }

        pub fn is_wordy(s: &str) -> bool {
            let segments: Vec<&str> = s
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|p| !p.is_empty())
                .collect();
            let word_like = |p: &&str| {
                (p.len() >= 2 && p.bytes().all(|b| b.is_ascii_lowercase()))
                    || (p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
            };
            if segments.len() >= 2 && segments.iter().all(word_like) {
                return true;
            }
            let bytes = s.as_bytes();
            let (mut in_runs, mut vowels) = (0usize, 0usize);
            let mut i = 0;
            while i < bytes.len() {
                if !bytes[i].is_ascii_alphabetic() {
                    i += 1;
                    continue;
                }
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_lowercase() {
                    i += 1;
                }
                let run = &bytes[start..i];
                if run.len() >= 4 {
                    in_runs += run.len();
                    vowels += run
                        .iter()
                        .filter(|b| b"aeiouAEIOU".contains(b))
                        .count();
                }
            }
            in_runs * 10 >= s.len() * 6 && vowels * 100 >= in_runs * 34
        }
    }

    /// Values with runs, repeats, words and few distinct bytes, from a
    /// fixed seed.
    fn varied_values() -> Vec<String> {
        const PARTS: &[&str] = &[
            "a", "b", "e", "Q", "z", "0", "1", "9", "-", "_", ".", "/", "=",
            "é", "abcdef", "fedcba", "12345", "54321", "aaaa", "aaaaa",
            "ZYXWVU", "word", "Token", "secret", "xX", "@", " ", "0x",
        ];
        crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15).glued(
            20_000,
            0..24,
            PARTS,
        )
    }

    #[test]
    fn fast_paths_agree_with_the_plain_definitions() {
        for v in varied_values() {
            assert_eq!(
                shannon(&v).to_bits(),
                plain::shannon(&v).to_bits(),
                "{v:?}"
            );
            assert_eq!(is_patterned(&v), plain::is_patterned(&v), "{v:?}");
            assert_eq!(is_wordy(&v), plain::is_wordy(&v), "{v:?}");
        }
    }

    #[test]
    fn entropy_of_uniform_and_constant() {
        assert_eq!(shannon("aaaa"), 0.0);
        assert!((shannon("abcd") - 2.0).abs() < 1e-9);
    }

    #[test]
    fn placeholders_are_recognised() {
        for p in [
            "XXXXXXXXXXXXXXXX",
            "your_api_key_here",
            "<token>",
            "${API_KEY}",
            "{{ secret }}",
            "abcdefghijklmnop",
            "1234567890abcdef",
            "AKIAIOSFODNN7EXAMPLE",
            "aaaaaaaaaa1111111111bbbbbbbbbb2222222222",
        ] {
            assert!(is_placeholder(p), "{p}");
        }
        for real in ["9fQ2xLr7Tz0pWb4K", "dop_v1_b56f674d6bf7173b216dadeeeeb1"]
        {
            assert!(!is_placeholder(real), "{real}");
        }
    }

    #[test]
    fn random_values_pass_words_do_not() {
        assert!(looks_random("woCzN2PacNCkCJRIWcpQSroGsfSjlnMO", 16));
        assert!(looks_random("3a78c4d1902846d8cd8895aac5f5b665", 16));
        assert!(looks_random("kq26j5h-aqn0=3ly5isvoctl87iea-vi", 16));
        assert!(!looks_random("thisisnotasecretatall", 16));
        assert!(!looks_random("0123456789012345", 16));
        assert!(!looks_random("deadbeefdeadbeef", 16));
        assert!(!looks_random("HelloWorld", 16));
    }

    #[test]
    fn words_are_not_random() {
        for w in [
            "jjwt-jackson-0.11.2",
            "my-app-secret",
            "clm51847:AgencyIdentificationCodeContentType",
            "searchConfluenceUsingCql",
        ] {
            assert!(is_wordy(w), "{w}");
        }
        for r in [
            "c7xbxfwaec2aityvydyoa98azsfbqfqw",
            "woCzN2PacNCkCJRIWcpQSroGsfSjlnMO",
            "3a78c4d1902846d8cd8895aac5f5b665",
            "Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB",
        ] {
            assert!(!is_wordy(r), "{r}");
        }
    }

    #[test]
    fn uuid_shape() {
        assert!(is_uuid("89d9bf02-0067-4ba8-9898-90086a17b9af"));
        assert!(!is_uuid("89d9bf02-0067-4ba8-9898-90086a17b9a"));
    }
}
