//! The token grammar, matched by hand so that a stream can ask, at any
//! position, "is this a token, not one, or too early to tell?".
//!
//! A token is `prefix label sep id suffix`, where the template fixes
//! `prefix`, `sep` and `suffix`, `label` is a known label and `id` is a
//! run of hex digits (decimal numbers are a subset). The match tolerates:
//!
//! - case changes anywhere (`[email_1]`);
//! - a markdown backslash before any punctuation (`\[EMAIL\_1\]`); a
//!   backslash before the prefix is taken as part of the token only when
//!   the suffix is escaped too, so a user's own backslash stays;
//! - up to two spaces inside the prefix and suffix (`[ EMAIL_1 ]`);
//! - a missing prefix or suffix (`EMAIL_1`); a bare token must stand
//!   alone: no letter, digit or `_` just before or after it, except a
//!   plural `s`, which is kept as text.

use crate::vault::template::{token_key, Template};

/// Most spaces tolerated inside each bracket.
const MAX_SPACES: usize = 2;
/// Longest id, in hex digits.
const MAX_ID: usize = 64;

/// What follows a position.
pub(crate) enum Peek {
    Byte(u8),
    /// The text ends here for good.
    End,
    /// The text ends here for now: more may come.
    More,
}

pub(crate) fn peek(t: &[u8], j: usize, fin: bool) -> Peek {
    match t.get(j) {
        Some(&b) => Peek::Byte(b),
        None if fin => Peek::End,
        None => Peek::More,
    }
}

/// A letter, digit or `_`: what may not touch a bare token.
pub(crate) fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The outcome of matching at one position.
pub(crate) enum Scan {
    /// No token starts here.
    None,
    /// Too early to tell: the match reached the end of the text so far.
    More,
    /// A token from here to `end`.
    Found {
        end: usize,
        /// Its [`token_key`].
        key: String,
        /// Whether the key is one the caller knows.
        known: bool,
        /// Whether it has both its prefix and its suffix.
        full: bool,
    },
}

enum Step {
    Ok { at: usize, escaped: bool },
    Fail,
    More,
}

/// The grammar for one template and label set.
pub(crate) struct Grammar {
    template: Template,
    /// Upper-case ASCII labels, longest first.
    labels: Vec<Vec<u8>>,
    /// Bytes a token may start with.
    start: [bool; 256],
    /// Bytes a bare token (no prefix) may start with.
    label_start: [bool; 256],
}

impl Grammar {
    pub fn new<'a>(
        template: Template,
        labels: impl Iterator<Item = &'a str>,
    ) -> Grammar {
        let mut labels: Vec<Vec<u8>> = labels
            .filter(|l| !l.is_empty() && l.is_ascii())
            .map(|l| l.to_ascii_uppercase().into_bytes())
            .collect();
        labels.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        labels.dedup();
        let mut start = [false; 256];
        let mut label_start = [false; 256];
        for l in &labels {
            label_start[usize::from(l[0].to_ascii_uppercase())] = true;
            label_start[usize::from(l[0].to_ascii_lowercase())] = true;
        }
        start.copy_from_slice(&label_start);
        if let Some(&b) = template.prefix.as_bytes().first() {
            start[usize::from(b)] = true;
            start[usize::from(b'\\')] = true;
        }
        Grammar { template, labels, start, label_start }
    }

    /// Matches a token at `at` (< `t.len()`). `prev_word` tells whether
    /// the byte before `at` is a letter, digit or `_`; `known` whether a
    /// token key is in the vault (it picks among labels when several
    /// fit).
    pub fn scan(
        &self,
        t: &[u8],
        at: usize,
        prev_word: bool,
        fin: bool,
        known: &dyn Fn(&str) -> bool,
    ) -> Scan {
        let Some(&first) = t.get(at) else { return Scan::None };
        if !self.start[usize::from(first)] {
            return Scan::None;
        }

        // The prefix, or a bare token standing alone.
        let (j, bracketed) =
            match eat_str(t, at, self.template.prefix.as_bytes(), fin) {
                Step::Ok { at: j, .. } => (skip_spaces(t, j), true),
                Step::More => return Scan::More,
                Step::Fail => {
                    if prev_word || !self.label_start[usize::from(first)] {
                        return Scan::None;
                    }
                    (at, false)
                }
            };

        let mut found: Option<(usize, String, bool, bool)> = None;
        for label in &self.labels {
            let (end, id, closed, escaped_suffix) =
                match self.after_prefix(t, j, label, fin) {
                    LabelScan::Fail => continue,
                    LabelScan::More => return Scan::More,
                    LabelScan::Ok { end, id, closed, escaped_suffix } => {
                        (end, id, closed, escaped_suffix)
                    }
                };

            // A leading backslash is the user's unless the suffix was
            // escaped as well; the token then starts one byte later.
            if bracketed && first == b'\\' && !(closed && escaped_suffix) {
                continue;
            }
            let key = token_key(std::str::from_utf8(label).unwrap_or(""), &id);
            let is_known = known(&key);
            let full = bracketed && closed;
            if is_known {
                return Scan::Found { end, key, known: true, full };
            }
            if found.is_none() {
                found = Some((end, key, false, full));
            }
        }
        match found {
            Some((end, key, known, full)) => {
                Scan::Found { end, key, known, full }
            }
            None => Scan::None,
        }
    }

    /// Matches `label sep id [spaces suffix]` at `j`.
    fn after_prefix(
        &self,
        t: &[u8],
        j: usize,
        label: &[u8],
        fin: bool,
    ) -> LabelScan {
        let mut k = match eat_str(t, j, label, fin) {
            Step::Ok { at, .. } => at,
            Step::Fail => return LabelScan::Fail,
            Step::More => return LabelScan::More,
        };
        k = match eat_str(t, k, self.template.sep.as_bytes(), fin) {
            Step::Ok { at, .. } => at,
            Step::Fail => return LabelScan::Fail,
            Step::More => return LabelScan::More,
        };

        // The id: a run of hex digits, case-folded.
        let mut id = String::new();
        loop {
            match peek(t, k, fin) {
                Peek::Byte(b) if b.is_ascii_hexdigit() => {
                    if id.len() == MAX_ID {
                        return LabelScan::Fail;
                    }
                    id.push(char::from(b.to_ascii_lowercase()));
                    k += 1;
                }
                Peek::More => return LabelScan::More,
                _ => break,
            }
        }
        if id.is_empty() {
            return LabelScan::Fail;
        }

        // The suffix, or else a boundary.
        let s = skip_spaces(t, k);
        match eat_str(t, s, self.template.suffix.as_bytes(), fin) {
            Step::Ok { at, escaped } => {
                return LabelScan::Ok {
                    end: at,
                    id,
                    closed: true,
                    escaped_suffix: escaped,
                }
            }
            Step::More => return LabelScan::More,
            Step::Fail => {}
        }
        let open =
            LabelScan::Ok { end: k, id, closed: false, escaped_suffix: false };
        match peek(t, k, fin) {
            Peek::End => open,
            Peek::More => LabelScan::More,
            Peek::Byte(b) if !is_word(b) => open,
            Peek::Byte(b's' | b'S') => match peek(t, k + 1, fin) {
                Peek::End => open,
                Peek::More => LabelScan::More,
                Peek::Byte(c) if !is_word(c) => open,
                Peek::Byte(_) => LabelScan::Fail,
            },
            Peek::Byte(_) => LabelScan::Fail,
        }
    }
}

enum LabelScan {
    Ok { end: usize, id: String, closed: bool, escaped_suffix: bool },
    Fail,
    More,
}

/// Skips up to [`MAX_SPACES`] spaces.
fn skip_spaces(t: &[u8], mut j: usize) -> usize {
    let mut n = 0;
    while n < MAX_SPACES && t.get(j) == Some(&b' ') {
        j += 1;
        n += 1;
    }
    j
}

/// Matches `want` (ASCII) case-insensitively at `j`, each punctuation
/// byte optionally escaped with a backslash.
fn eat_str(t: &[u8], mut j: usize, want: &[u8], fin: bool) -> Step {
    let mut escaped = false;
    for &w in want {
        match peek(t, j, fin) {
            Peek::More => return Step::More,
            Peek::End => return Step::Fail,
            Peek::Byte(b'\\') if w.is_ascii_punctuation() && w != b'\\' => {
                match peek(t, j + 1, fin) {
                    Peek::More => return Step::More,
                    Peek::Byte(c) if c == w => {
                        j += 2;
                        escaped = true;
                    }
                    _ => return Step::Fail,
                }
            }
            Peek::Byte(b) if b.eq_ignore_ascii_case(&w) => j += 1,
            Peek::Byte(_) => return Step::Fail,
        }
    }
    Step::Ok { at: j, escaped }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grammar() -> Grammar {
        Grammar::new(
            Template::default_template(),
            ["EMAIL", "IP_ADDRESS", "IP"].into_iter(),
        )
    }

    fn end_of(text: &str) -> Option<(usize, bool)> {
        match grammar().scan(text.as_bytes(), 0, false, true, &|_| true) {
            Scan::Found { end, full, .. } => Some((end, full)),
            _ => None,
        }
    }

    #[test]
    fn tolerant_forms() {
        assert_eq!(end_of("[EMAIL_1] x"), Some((9, true)));
        assert_eq!(end_of("[email_1]"), Some((9, true)));
        assert_eq!(end_of("\\[EMAIL\\_1\\]"), Some((12, true)));
        assert_eq!(end_of("[ EMAIL_1 ]"), Some((11, true)));
        assert_eq!(end_of("EMAIL_1 x"), Some((7, false)));
        assert_eq!(end_of("EMAIL_1s x"), Some((7, false)));
        assert_eq!(end_of("EMAIL_1's"), Some((7, false)));
        assert_eq!(end_of("[EMAIL_1]'s"), Some((9, true)));
        assert_eq!(end_of("[IP_ADDRESS_3f]"), Some((15, true)));
        assert_eq!(end_of("EMAIL_1x"), None);
        assert_eq!(end_of("EMAIL_"), None);
        assert_eq!(end_of("\\[EMAIL_1]"), None);
    }

    #[test]
    fn too_early_to_tell() {
        let g = grammar();
        for partial in ["[", "[EM", "[EMAIL_", "[EMAIL_1", "[EMAIL_1 ", "\\"] {
            assert!(
                matches!(
                    g.scan(partial.as_bytes(), 0, false, false, &|_| true),
                    Scan::More
                ),
                "{partial}"
            );
        }
        assert!(matches!(
            g.scan(b"[x", 0, false, false, &|_| true),
            Scan::None
        ));
    }
}
