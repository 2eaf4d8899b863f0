//! Runs the built-in patterns over a text: one pass of an Aho-Corasick
//! automaton over every anchor, then each pattern only in the windows
//! around its anchors' hits. Patterns with the same regex, anchors and
//! window run as one (see [`LazyPattern`]).

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::automaton::{Automaton, OverlappingState};
use aho_corasick::{dfa::DFA, Input, MatchKind};

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
    /// One automaton over every distinct anchor (ASCII case-insensitive).
    /// The concrete DFA type, not `AhoCorasick`, so the overlapping
    /// search is compiled for it rather than dispatched a byte at a time.
    anchors: Option<DFA>,
    /// For each anchor of the automaton, the patterns that use it.
    anchor_patterns: Vec<Vec<usize>>,
}

impl BuiltinScanner {
    /// Prepares the given patterns. Compiles no regex: they compile on
    /// first use.
    pub fn new(
        defs: impl Iterator<Item = &'static Pattern>,
    ) -> Result<BuiltinScanner, ScanError> {
        // Patterns with the same regex, anchors and window run as one.
        let mut patterns: Vec<LazyPattern> = Vec::new();
        for def in defs {
            match patterns.iter_mut().find(|p| p.shares_regex_with(def)) {
                Some(shared) => shared.defs.push(def),
                None => patterns.push(LazyPattern::new(def)),
            }
        }
        let mut unanchored = Vec::new();
        let mut literal_index: HashMap<String, usize> = HashMap::new();
        let mut literals: Vec<String> = Vec::new();
        let mut anchor_patterns: Vec<Vec<usize>> = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            let def = p.defs[0];
            if def.anchors.is_empty() {
                unanchored.push(i);
                continue;
            }
            for anchor in def.anchors {
                let key = anchor.to_ascii_lowercase();
                let slot =
                    *literal_index.entry(key.clone()).or_insert_with(|| {
                        literals.push(key);
                        anchor_patterns.push(Vec::new());
                        literals.len() - 1
                    });
                if !anchor_patterns[slot].contains(&i) {
                    anchor_patterns[slot].push(i);
                }
            }
        }
        let anchors = if literals.is_empty() {
            None
        } else {
            let ac = DFA::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&literals)
                .map_err(|_| internal("anchor automaton"))?;
            Some(ac)
        };
        Ok(BuiltinScanner { patterns, unanchored, anchors, anchor_patterns })
    }

    /// Appends every built-in finding in `text`, unsorted.
    pub fn scan(
        &self,
        text: &str,
        out: &mut Vec<RawFinding>,
    ) -> Result<(), ScanError> {
        let mut spans = Vec::new();
        for &i in &self.unanchored {
            self.run(i, text, 0..text.len(), &mut spans, out)?;
        }
        let Some(ac) = &self.anchors else { return Ok(()) };

        // Windows per pattern, in text order since hits come in order.
        let mut windows: Vec<Vec<Range<usize>>> =
            vec![Vec::new(); self.patterns.len()];
        let input = Input::new(text.as_bytes());
        let mut state = OverlappingState::start();
        loop {
            ac.try_find_overlapping(&input, &mut state)
                .map_err(|_| internal("anchor search"))?;
            let Some(hit) = state.get_match() else { break };
            for &i in &self.anchor_patterns[hit.pattern().as_usize()] {
                let w = self.patterns[i].defs[0].window;
                let start = hit.start().saturating_sub(w);
                let end = hit.end().saturating_add(w).min(text.len());
                push_merged(&mut windows[i], start..end);
            }
        }
        for (i, ranges) in windows.into_iter().enumerate() {
            for range in ranges {
                self.run(i, text, range, &mut spans, out)?;
            }
        }
        Ok(())
    }

    fn run(
        &self,
        i: usize,
        text: &str,
        range: Range<usize>,
        spans: &mut Vec<(usize, usize, usize)>,
        out: &mut Vec<RawFinding>,
    ) -> Result<(), ScanError> {
        let lazy = &self.patterns[i];
        spans.clear();
        lazy.find_in(text, range, spans)
            .map_err(|()| internal("a built-in pattern failed to compile"))?;
        out.extend(spans.iter().map(|&(def, start, end)| RawFinding {
            pattern: lazy.defs[def],
            start,
            end,
        }));
        Ok(())
    }
}

/// Adds a window, merging it with the last one when they touch. Hits come
/// in order of their end, and every window of one pattern has the same
/// width, so windows arrive sorted by start.
fn push_merged(windows: &mut Vec<Range<usize>>, next: Range<usize>) {
    if let Some(last) = windows.last_mut() {
        if next.start <= last.end {
            last.end = last.end.max(next.end);
            last.start = last.start.min(next.start);
            return;
        }
    }
    windows.push(next);
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

    #[test]
    fn windows_merge_when_they_touch() {
        let mut w = Vec::new();
        push_merged(&mut w, 0..10);
        push_merged(&mut w, 5..20);
        push_merged(&mut w, 30..40);
        assert_eq!(w, vec![0..20, 30..40]);
    }
}
