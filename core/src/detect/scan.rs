//! Runs the built-in patterns over a text: one pass of an Aho-Corasick
//! automaton over every anchor, then each pattern only in the windows
//! around its anchors' hits, or, for a pattern whose every match starts
//! with one of its anchors, only at the hits themselves (an anchored
//! search: no window to cross, no reverse pass to find the start).
//! Patterns with the same regex, anchors and window run as one (see
//! [`LazyPattern`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use super::keys::KeyTable;
use super::pattern::{LazyPattern, Pattern};
use crate::error::{ScanError, ScanErrorKind};

/// A span found by a built-in pattern, before policy and overlap handling.
#[derive(Clone, Copy)]
pub(crate) struct RawFinding {
    pub pattern: &'static Pattern,
    pub start: usize,
    pub end: usize,
}

/// The enabled built-in patterns of one policy, ready to scan.
pub(crate) struct BuiltinScanner {
    patterns: Vec<LazyPattern>,
    /// Patterns without anchors: they scan the whole text.
    unanchored: Vec<usize>,
    /// One automaton over the first [`KEY_BYTES`] of every anchor (ASCII
    /// case-insensitive), searched for overlapping hits: the embedded one
    /// of every built-in anchor, whichever detectors the policy enables
    /// (only the tests build their own, for patterns of their own).
    keys: Option<Cow<'static, KeyTable>>,
    /// For each key of the automaton, the anchors that start with it
    /// (none for keys of detectors the policy turned off); a hit is
    /// checked against each in full.
    key_anchors: Vec<Vec<usize>>,
    /// Every distinct anchor, lower case.
    anchors: Vec<String>,
    /// For each anchor, the patterns that use it.
    anchor_patterns: Vec<Vec<usize>>,
}

impl BuiltinScanner {
    /// Prepares the given patterns. Compiles no regex: they compile on
    /// first use.
    pub fn new(
        defs: impl Iterator<Item = &'static Pattern>,
    ) -> Result<BuiltinScanner, ScanError> {
        // Patterns with the same regex, anchors and window run as one,
        // in the order of their first definition.
        let mut patterns: Vec<LazyPattern> = Vec::new();
        let mut by_regex: HashMap<_, usize> = HashMap::new();
        for def in defs {
            let key = (def.regex, def.anchors, def.window);
            match by_regex.get(&key) {
                Some(&i) => patterns[i].defs.push(def),
                None => {
                    by_regex.insert(key, patterns.len());
                    patterns.push(LazyPattern::new(def));
                }
            }
        }
        let mut unanchored = Vec::new();
        let mut anchor_index: HashMap<String, usize> = HashMap::new();
        let mut anchors: Vec<String> = Vec::new();
        let mut anchor_patterns: Vec<Vec<usize>> = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let def = p.defs[0];
            if def.anchors.is_empty() {
                unanchored.push(i);
                continue;
            }
            for anchor in def.anchors {
                let lower = anchor.to_ascii_lowercase();
                let slot =
                    *anchor_index.entry(lower.clone()).or_insert_with(|| {
                        anchors.push(lower);
                        anchor_patterns.push(Vec::new());
                        anchors.len() - 1
                    });
                if !anchor_patterns[slot].contains(&i) {
                    anchor_patterns[slot].push(i);
                }
            }
        }
        let (keys, key_anchors) = keys_of(&anchors, KeyTable::prebuilt())?;
        Ok(BuiltinScanner {
            patterns,
            unanchored,
            keys,
            key_anchors,
            anchors,
            anchor_patterns,
        })
    }

    /// Appends every built-in finding in `text`, unsorted.
    pub fn scan(
        &self,
        text: &str,
        out: &mut Vec<RawFinding>,
    ) -> Result<(), ScanError> {
        let mut spans = Vec::new();
        for &i in &self.unanchored {
            self.run(i, text, 0..text.len(), false, &mut spans, out)?;
        }
        let Some(keys) = &self.keys else { return Ok(()) };

        // Windows as (pattern, start, end, anchored) in one list: one
        // allocation per scan rather than one per pattern. `last[i]` is
        // the index of pattern i's latest window, to merge the next one
        // into it. A pattern whose matches start with an anchor is tried
        // at each anchor instead (`anchored`): its entries start there.
        let mut windows: Vec<(usize, usize, usize, bool)> = Vec::new();
        let mut last = vec![usize::MAX; self.patterns.len()];
        let bytes = text.as_bytes();
        keys.try_for_each_hit(bytes, |pos, key| {
            for &a in &self.key_anchors[key] {
                let anchor = self.anchors[a].as_bytes();
                let end = pos + anchor.len();
                match bytes.get(pos..end) {
                    Some(seen) if seen.eq_ignore_ascii_case(anchor) => {}
                    _ => continue,
                }
                for &i in &self.anchor_patterns[a] {
                    let lazy = &self.patterns[i];
                    let w = lazy.defs[0].window;
                    let end = end.saturating_add(w).min(bytes.len());
                    if lazy.starts_at_anchor().map_err(|()| not_compiled())? {
                        windows.push((i, pos, end, true));
                        continue;
                    }
                    let start = pos.saturating_sub(w);
                    match windows.get_mut(last[i]) {
                        Some(prev) if start <= prev.2 => {
                            merge(prev, start, end);
                        }
                        _ => {
                            last[i] = windows.len();
                            windows.push((i, start, end, false));
                        }
                    }
                }
            }
            Ok(())
        })?;
        // Each pattern's windows in text order, patterns in order: the
        // order of findings does not depend on how hits interleave. As in
        // a window, a match hides the anchors inside it.
        windows.sort_unstable_by_key(|&(i, start, end, _)| {
            (i, start, usize::MAX - end)
        });
        let mut searched_to = (usize::MAX, 0);
        for (i, start, end, anchored) in windows {
            if !anchored {
                self.run(i, text, start..end, false, &mut spans, out)?;
            } else if searched_to.0 != i || start >= searched_to.1 {
                let next =
                    self.run(i, text, start..end, true, &mut spans, out)?;
                searched_to = (i, next.max(start + 1));
            }
        }
        Ok(())
    }

    /// Runs pattern `i` over `range`: a search of the whole window, or,
    /// `at_start`, a try at `range.start` only (see
    /// [`LazyPattern::match_at`]). Returns where its next try may start.
    fn run(
        &self,
        i: usize,
        text: &str,
        range: Range<usize>,
        at_start: bool,
        spans: &mut Vec<(usize, usize, usize)>,
        out: &mut Vec<RawFinding>,
    ) -> Result<usize, ScanError> {
        let lazy = &self.patterns[i];
        spans.clear();
        let next = if at_start {
            lazy.match_at(text, range, spans)
        } else {
            let end = range.end;
            lazy.find_in(text, range, spans).map(|()| end)
        };
        let next = next.map_err(|()| not_compiled())?;
        out.extend(spans.iter().map(|&(def, start, end)| RawFinding {
            pattern: lazy.defs[def],
            start,
            end,
        }));
        Ok(next)
    }
}

/// Merges a window into the previous one of its pattern, which it
/// touches. Overlapping hits come in order of their end, so a shorter
/// anchor's window may start a few bytes before the previous one: the
/// merge keeps the union.
fn merge(prev: &mut (usize, usize, usize, bool), start: usize, end: usize) {
    prev.1 = prev.1.min(start);
    prev.2 = prev.2.max(end);
}

/// How many leading bytes of each anchor the automaton holds. A few are
/// selective enough, and the automaton stays small: the full anchors made
/// its build the largest part of compiling a policy (cold start).
const KEY_BYTES: usize = 4;

/// The key of an anchor: its first [`KEY_BYTES`], lower case.
pub(super) fn key_of(anchor: &str) -> Vec<u8> {
    let bytes = anchor.as_bytes();
    bytes[..bytes.len().min(KEY_BYTES)].to_ascii_lowercase()
}

/// The key automaton over `anchors` (lower case): `prebuilt` when it
/// holds every key, else one of their own; and, for each of its keys, the
/// anchors that start with it. `None` when there are no anchors.
#[allow(clippy::type_complexity)]
fn keys_of(
    anchors: &[String],
    prebuilt: Option<&'static KeyTable>,
) -> Result<(Option<Cow<'static, KeyTable>>, Vec<Vec<usize>>), ScanError> {
    if anchors.is_empty() {
        return Ok((None, Vec::new()));
    }
    let mut by_key: HashMap<Vec<u8>, Vec<usize>> = HashMap::new();
    for (i, a) in anchors.iter().enumerate() {
        by_key.entry(key_of(a)).or_default().push(i);
    }
    let table = match prebuilt
        .filter(|t| by_key.keys().all(|k| t.index_of(k).is_some()))
    {
        Some(table) => Cow::Borrowed(table),
        None => Cow::Owned(own_table(&by_key)?),
    };
    let mut key_anchors = vec![Vec::new(); table.keys().len()];
    for (key, anchors) in by_key {
        let i = table.index_of(&key).ok_or(internal("anchor automaton"))?;
        key_anchors[i] = anchors;
    }
    Ok((Some(table), key_anchors))
}

/// A table of the given keys. Only the tests build one (for patterns of
/// their own); shipped code always finds its keys in the embedded table.
#[cfg(test)]
fn own_table(
    by_key: &HashMap<Vec<u8>, Vec<usize>>,
) -> Result<KeyTable, ScanError> {
    let mut keys: Vec<&[u8]> = by_key.keys().map(|k| k.as_slice()).collect();
    keys.sort_unstable();
    KeyTable::build(&keys).map_err(|_| internal("anchor automaton"))
}

#[cfg(not(test))]
fn own_table(_: &HashMap<Vec<u8>, Vec<usize>>) -> Result<KeyTable, ScanError> {
    Err(internal("an anchor the embedded table lacks"))
}

fn not_compiled() -> ScanError {
    internal("a built-in pattern failed to compile")
}

fn internal(what: &'static str) -> ScanError {
    ScanError::new(ScanErrorKind::Internal(what))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Kind;

    fn short(v: &str) -> bool {
        v.len() < 3
    }

    fn long(v: &str) -> bool {
        v.len() >= 3
    }

    static SHARED: [Pattern; 3] = [
        Pattern::new("short", Kind::Custom, r"\b\d+\b").validate(short),
        Pattern::new("long", Kind::Custom, r"\b\d+\b").validate(long),
        Pattern::new("other", Kind::Custom, r"\b(x)(\d+)\b").group(2),
    ];

    #[test]
    fn patterns_sharing_a_regex_each_check_every_match() {
        let scanner = BuiltinScanner::new(SHARED.iter()).unwrap();
        assert_eq!(scanner.patterns.len(), 2);
        let mut out = Vec::new();
        scanner.scan("12 345 6 x78", &mut out).unwrap();
        let mut got: Vec<_> =
            out.iter().map(|r| (r.pattern.id, r.start, r.end)).collect();
        got.sort_by_key(|g| g.1);
        assert_eq!(
            got,
            vec![
                ("short", 0, 2),
                ("long", 3, 6),
                ("short", 7, 8),
                ("other", 10, 12)
            ]
        );
    }

    static SPREAD: [Pattern; 1] =
        [Pattern::new("near", Kind::Custom, r"\d+").anchors(&["ab", "b"], 2)];

    #[test]
    fn windows_merge_when_they_touch_and_stay_apart_otherwise() {
        let scanner = BuiltinScanner::new(SPREAD.iter()).unwrap();
        let mut out = Vec::new();
        // "ab" and "b" overlap: one window. The digits 9 bytes on are
        // outside every window; the last pair has its own.
        scanner.scan("1ab2 3456789 99 x1b2", &mut out).unwrap();
        let mut got: Vec<_> = out.iter().map(|r| (r.start, r.end)).collect();
        got.sort();
        assert_eq!(got, vec![(0, 1), (3, 4), (17, 18), (19, 20)]);
    }

    fn spans(scanner: &BuiltinScanner, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        scanner.scan(text, &mut out).unwrap();
        let mut got: Vec<_> = out.iter().map(|r| (r.start, r.end)).collect();
        got.sort();
        got
    }

    // The same detector twice: once tried at its anchors, once (through
    // an alternative no text here contains) searched in windows.
    static AT_ANCHOR: [Pattern; 1] =
        [Pattern::new("tok", Kind::Custom, r"\btk_[a-z_]{1,12}")
            .anchors(&["TK_"], 16)];
    static IN_WINDOW: [Pattern; 1] =
        [Pattern::new("tok", Kind::Custom, r"\b(?:tk_|\x00)[a-z_]{1,12}")
            .anchors(&["TK_"], 16)];

    #[test]
    fn patterns_that_start_with_an_anchor_are_tried_there() {
        let at = BuiltinScanner::new(AT_ANCHOR.iter()).unwrap();
        let window = BuiltinScanner::new(IN_WINDOW.iter()).unwrap();
        assert_eq!(at.patterns[0].starts_at_anchor(), Ok(true));
        assert_eq!(window.patterns[0].starts_at_anchor(), Ok(false));
        // A match hides the anchor inside it, as in a window search.
        assert_eq!(spans(&at, "tk_abc_tk_def tk_x"), vec![(0, 13), (14, 18)]);
        let texts = crate::test_rng::XorShift(0x9e37_79b9_7f4a_7c15).glued(
            3000,
            0..40,
            &["tk_", "TK_", "a", "_", " ", "x", "-", "tk", "é"],
        );
        for text in texts {
            assert_eq!(spans(&at, &text), spans(&window, &text), "{text:?}");
        }
        // Windows that merge past 4 KB are searched by the prefiltered
        // variant of the regex: same matches.
        let long = "tk_abc x ".repeat(600);
        let found = spans(&window, &long);
        assert_eq!(found.len(), 600);
        assert_eq!(found, spans(&at, &long));
    }

    /// `scanner` with an automaton built for its own anchors alone.
    fn with_own_table(mut scanner: BuiltinScanner) -> BuiltinScanner {
        let (keys, key_anchors) = keys_of(&scanner.anchors, None).unwrap();
        assert!(matches!(keys, Some(Cow::Owned(_))));
        scanner.keys = keys;
        scanner.key_anchors = key_anchors;
        scanner
    }

    #[test]
    fn some_detectors_on_find_the_same_with_the_embedded_automaton() {
        use crate::detect::{pii, secret};
        let subsets: [Vec<&'static Pattern>; 2] = [
            pii::PATTERNS.iter().collect(),
            secret::PATTERNS.iter().collect(),
        ];
        let mut pieces: Vec<&str> = super::super::builtin()
            .flat_map(|p| p.anchors.iter().copied())
            .collect();
        pieces.extend([" ", "=", "\n", "0123456789", "AbCdEfGh", "_-", "."]);
        let texts = crate::test_rng::XorShift(0x5851_f42d_4c95_7f2d).glued(
            300,
            20..200,
            &pieces,
        );
        for subset in subsets {
            let embedded =
                BuiltinScanner::new(subset.iter().copied()).unwrap();
            assert!(matches!(embedded.keys, Some(Cow::Borrowed(_))));
            let own = with_own_table(
                BuiltinScanner::new(subset.iter().copied()).unwrap(),
            );
            let mut total = 0;
            for text in &texts {
                let found = spans(&embedded, text);
                total += found.len();
                assert_eq!(found, spans(&own, text), "{text:?}");
            }
            assert!(total > 0);
        }
    }

    #[test]
    fn anchored_start_needs_every_prefix_to_begin_with_an_anchor() {
        let starts = |regex: &str, anchors: &[&str]| {
            let hir = regex_automata::util::syntax::parse_with(
                regex,
                &regex_automata::util::syntax::Config::new()
                    .unicode(false)
                    .utf8(false),
            )
            .unwrap();
            super::super::pattern::starts_with_anchor(&hir, anchors)
        };
        assert!(starts(r"\bghp_[A-Za-z0-9]{36}\b", &["ghp_"]));
        assert!(starts(r"\bgh[us]_[A-Za-z0-9]{36}", &["ghu_", "ghs_"]));
        assert!(starts(r"(?i:bearer)\s+\S+", &["bearer"]));
        assert!(!starts(r"(?:x|ghp_)\d", &["ghp_"]));
        assert!(!starts(r"[a-z]+key", &["key"]));
        assert!(!starts(r"gh[uso]_\w+", &["ghu_", "ghs_"]));
        assert!(!starts(r"k?ey\d", &["key"]));
    }
}
