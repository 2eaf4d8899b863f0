//! Built-in detectors described as data: a pattern, the literal anchors
//! that must occur near a match, and a validator for the value.
//!
//! Patterns are compiled in ASCII mode: `\d`, `\w`, `\s`, `\b` and `(?i)`
//! are ASCII-only, which keeps Unicode tables out of the Wasm build. They
//! run on bytes, so a match may end inside a multi-byte character; the
//! scanner widens such a span to the enclosing character boundaries.
//! Patterns are compiled on first use, so a policy that never sees an
//! anchor never pays for the pattern.

use std::ops::Range;
use std::sync::OnceLock;

use regex_automata::util::captures::Captures;
use regex_automata::{meta, util::syntax, Anchored, Input, Span};
use regex_syntax::hir::{literal::Extractor, Hir};

use crate::finding::Kind;

/// Reads a value around a match: see [`Pattern::expand`].
pub(crate) type Expand = fn(&str, Range<usize>) -> Option<Range<usize>>;

/// A built-in detector.
pub(crate) struct Pattern {
    /// The detector id reported in findings, e.g. `github_pat`.
    pub id: &'static str,
    /// The kind reported in findings.
    pub kind: Kind,
    /// The regular expression, in ASCII mode.
    pub regex: &'static str,
    /// The capture group that holds the sensitive value; 0 is the whole
    /// match. A group that did not take part in a match skips that match.
    pub group: usize,
    /// Literals (matched ASCII case-insensitively) of which one must occur
    /// within `window` bytes of a match. Empty: the pattern scans the whole
    /// text.
    pub anchors: &'static [&'static str],
    /// How far, in bytes, a match may reach from an anchor, either way.
    pub window: usize,
    /// Checks the value (checksums, entropy, placeholders). `None` accepts
    /// every match.
    pub validate: Option<fn(&str) -> bool>,
    /// Checks the value together with the text matched before it (a key
    /// name and separator, say), for rules that depend on the context.
    /// Called as `check(before, value)`; `None` accepts every match.
    pub check: Option<fn(&str, &str) -> bool>,
    /// Reads the value around a match in code rather than through a
    /// capture group, for rules that read better (and run faster) as code
    /// than as a regex: given the text and the match, the value's span, or
    /// `None` to reject the match. `validate` and `check` still apply.
    pub expand: Option<Expand>,
    /// Breaks ties between overlapping findings: the higher wins.
    pub priority: u8,
}

impl Pattern {
    /// Starts a pattern with the common defaults: whole match, no anchors,
    /// no validator, priority 50.
    pub const fn new(
        id: &'static str,
        kind: Kind,
        regex: &'static str,
    ) -> Pattern {
        Pattern {
            id,
            kind,
            regex,
            group: 0,
            anchors: &[],
            window: 0,
            validate: None,
            check: None,
            expand: None,
            priority: 50,
        }
    }

    /// Sets the capture group that holds the value.
    pub const fn group(mut self, group: usize) -> Pattern {
        self.group = group;
        self
    }

    /// Sets the anchors and how far a match may reach from one.
    pub const fn anchors(
        mut self,
        anchors: &'static [&'static str],
        window: usize,
    ) -> Pattern {
        self.anchors = anchors;
        self.window = window;
        self
    }

    /// Sets the validator.
    pub const fn validate(mut self, f: fn(&str) -> bool) -> Pattern {
        self.validate = Some(f);
        self
    }

    /// Sets the context check, see [`Pattern::check`].
    pub const fn check(mut self, f: fn(&str, &str) -> bool) -> Pattern {
        self.check = Some(f);
        self
    }

    /// Sets the expansion, see [`Pattern::expand`].
    pub const fn expand(mut self, f: Expand) -> Pattern {
        self.expand = Some(f);
        self
    }

    /// Sets the priority.
    pub const fn priority(mut self, priority: u8) -> Pattern {
        self.priority = priority;
        self
    }
}

/// Compiles a pattern in the ASCII, byte-oriented mode described above.
pub(crate) fn compile_ascii(
    pattern: &str,
    case_insensitive: bool,
) -> Result<meta::Regex, Box<meta::BuildError>> {
    meta::Regex::builder()
        .syntax(ascii_syntax(case_insensitive))
        .configure(meta::Config::new().utf8_empty(false))
        .build(pattern)
        .map_err(Box::new)
}

fn ascii_syntax(case_insensitive: bool) -> syntax::Config {
    syntax::Config::new()
        .unicode(false)
        .utf8(false)
        .case_insensitive(case_insensitive)
}

/// A built-in pattern's compiled regex, and whether each of its matches
/// starts with one of its anchors.
struct Compiled {
    /// Without a literal prefilter: built-in patterns mostly run in short
    /// windows or at an anchor, where its set-up costs more than it saves
    /// (in Wasm it is an Aho-Corasick pass, without SIMD), and building it
    /// took a third of compiling the secret patterns.
    regex: meta::Regex,
    /// With one, built on first use, for windows of [`LONG_WINDOW`] bytes
    /// or more, which it crosses faster (windows merge in long texts).
    prefiltered: OnceLock<Option<meta::Regex>>,
    starts_at_anchor: bool,
}

/// The window length from which a prefilter pays for itself.
const LONG_WINDOW: usize = 4096;

impl Compiled {
    fn new(def: &Pattern) -> Option<Compiled> {
        let hir = syntax::parse_with(def.regex, &ascii_syntax(false)).ok()?;
        let regex = meta::Regex::builder()
            .configure(
                meta::Config::new().utf8_empty(false).auto_prefilter(false),
            )
            .build_from_hir(&hir)
            .ok()?;
        let starts_at_anchor = starts_with_anchor(&hir, def.anchors);
        Some(Compiled {
            regex,
            prefiltered: OnceLock::new(),
            starts_at_anchor,
        })
    }

    /// The regex to search `len` bytes with.
    fn for_window(&self, def: &Pattern, len: usize) -> Option<&meta::Regex> {
        if len < LONG_WINDOW {
            return Some(&self.regex);
        }
        self.prefiltered
            .get_or_init(|| compile_ascii(def.regex, false).ok())
            .as_ref()
    }
}

/// Whether every match of `hir` begins with one of `anchors` (ASCII
/// case-insensitively), by its literal prefixes: then a match can only
/// start where the anchor scan found an anchor.
pub(crate) fn starts_with_anchor(hir: &Hir, anchors: &[&str]) -> bool {
    let prefixes = Extractor::new().extract(hir);
    let Some(prefixes) = prefixes.literals() else { return false };
    !prefixes.is_empty()
        && prefixes.iter().all(|p| {
            anchors.iter().any(|a| {
                p.as_bytes().get(..a.len()).is_some_and(|head| {
                    head.eq_ignore_ascii_case(a.as_bytes())
                })
            })
        })
}

/// One or more patterns with the same regex, anchors and window, and the
/// regex compiled on first use. Such patterns are detectors that share a
/// candidate pattern and tell their values apart by validator or capture
/// group: the regex runs once and every pattern checks every match, which
/// finds exactly what running each pattern on its own would.
pub(crate) struct LazyPattern {
    pub defs: Vec<&'static Pattern>,
    compiled: OnceLock<Option<Compiled>>,
}

impl LazyPattern {
    pub fn new(def: &'static Pattern) -> LazyPattern {
        LazyPattern { defs: vec![def], compiled: OnceLock::new() }
    }

    /// The compiled pattern, or `None` if the built-in pattern does not
    /// compile (a bug that the test suite rules out; the scanner reports
    /// it as an internal error instead of panicking).
    fn compiled(&self) -> Option<&Compiled> {
        self.compiled.get_or_init(|| Compiled::new(self.defs[0])).as_ref()
    }

    /// Whether every match starts with one of the anchors, so that the
    /// scanner can try the pattern at each anchor rather than search the
    /// window around it (see [`LazyPattern::match_at`]). Compiles the
    /// pattern; `Err` if it does not compile.
    pub fn starts_at_anchor(&self) -> Result<bool, ()> {
        Ok(self.compiled().ok_or(())?.starts_at_anchor)
    }

    /// Appends `(index into defs, start, end)` for the values of matches
    /// that start within `range`. After a match the search goes on past
    /// its end, or past the furthest value accepted when an expanded value
    /// reaches beyond it.
    pub fn find_in(
        &self,
        text: &str,
        range: Range<usize>,
        out: &mut Vec<(usize, usize, usize)>,
    ) -> Result<(), ()> {
        let re = self
            .compiled()
            .and_then(|c| c.for_window(self.defs[0], range.len()))
            .ok_or(())?;
        let mut caps = self.captures(re);
        let mut at = range.start;
        while at < range.end {
            let input = Input::new(text.as_bytes()).range(at..range.end);
            let Some(end) = self.take_match(re, text, &input, &mut caps, out)
            else {
                break;
            };
            at = end.max(at + 1);
        }
        Ok(())
    }

    /// Like [`LazyPattern::find_in`] for the one match, if any, that
    /// starts exactly at `range.start`: an anchored search, which needs no
    /// reverse pass to find where the match began. Returns where the next
    /// search may start: past the match, or `range.start` without one.
    pub fn match_at(
        &self,
        text: &str,
        range: Range<usize>,
        out: &mut Vec<(usize, usize, usize)>,
    ) -> Result<usize, ()> {
        let re = &self.compiled().ok_or(())?.regex;
        let mut caps = self.captures(re);
        let start = range.start;
        let input =
            Input::new(text.as_bytes()).range(range).anchored(Anchored::Yes);
        Ok(self.take_match(re, text, &input, &mut caps, out).unwrap_or(start))
    }

    /// Captures for `re`; they allocate, so only patterns that read a
    /// group get real ones.
    fn captures(&self, re: &meta::Regex) -> Option<Captures> {
        self.defs
            .iter()
            .any(|d| d.group != 0 && d.expand.is_none())
            .then(|| re.create_captures())
    }

    /// Runs one search with `re` and checks its match against every
    /// pattern; returns the end of the match (or of the furthest value
    /// accepted beyond it), `None` without a match.
    fn take_match(
        &self,
        re: &meta::Regex,
        text: &str,
        input: &Input<'_>,
        caps: &mut Option<Captures>,
        out: &mut Vec<(usize, usize, usize)>,
    ) -> Option<usize> {
        let whole = match caps {
            Some(caps) => {
                re.search_captures(input, caps);
                caps.get_match()?.span()
            }
            None => re.search(input)?.span(),
        };
        let mut end = whole.end;
        for (i, def) in self.defs.iter().enumerate() {
            let value = if let Some(expand) = def.expand {
                expand(text, whole.range())
                    .map(|v| Span { start: v.start, end: v.end })
            } else if def.group == 0 {
                Some(whole)
            } else {
                caps.as_ref().and_then(|c| c.get_group(def.group))
            };
            let Some(v) = value else { continue };
            if accept(def, i, text, whole.start, v, out) {
                end = end.max(v.end);
            }
        }
        Some(end)
    }
}

/// Validates the value `v` of a match that began at `match_start` and
/// records it; whether it was accepted.
fn accept(
    def: &Pattern,
    index: usize,
    text: &str,
    match_start: usize,
    v: Span,
    out: &mut Vec<(usize, usize, usize)>,
) -> bool {
    let (start, end) = widen_to_chars(text, v.start, v.end);
    if start == end {
        return false;
    }
    if let Some(validate) = def.validate {
        if !validate(&text[start..end]) {
            return false;
        }
    }
    if let Some(check) = def.check {
        let (before, _) = widen_to_chars(text, match_start.min(start), start);
        if !check(&text[before..start], &text[start..end]) {
            return false;
        }
    }
    out.push((index, start, end));
    true
}

/// Widens a byte span to the nearest enclosing character boundaries, so a
/// byte-mode match never splits a character (widening only redacts more).
pub(crate) fn widen_to_chars(
    text: &str,
    mut start: usize,
    mut end: usize,
) -> (usize, usize) {
    while start > 0 && !text.is_char_boundary(start) {
        start -= 1;
    }
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widening_keeps_characters_whole() {
        let text = "a€b";
        assert_eq!(widen_to_chars(text, 2, 3), (1, 4));
        assert_eq!(widen_to_chars(text, 0, 1), (0, 1));
    }

    #[test]
    fn ascii_mode_word_boundary_and_case() {
        let re = compile_ascii(r"(?i)\bkey\b", false).unwrap();
        assert!(re.is_match("the KEY is"));
        assert!(!re.is_match("monkeys"));
    }
}
