//! Restoring a model's reply: tokens and surrogates back to the values
//! they stood for, in one go ([`Vault::restore`](crate::Vault::restore))
//! or chunk by chunk as the reply streams in ([`StreamRestorer`]).
//!
//! Both run the same matcher, so a reply cut anywhere restores to the
//! same text as the whole.

pub(crate) mod scan;
mod stream;

use std::collections::{HashMap, HashSet};

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, Input, MatchKind, StartKind,
};
use zeroize::Zeroizing;

pub use stream::StreamRestorer;

use crate::finding::Kind;
use crate::vault::template::{token_key, Template};
use crate::vault::Entry;
use scan::{Grammar, Scan};

/// The result of [`Vault::restore`](crate::Vault::restore).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Restoration {
    /// The text with every known token and surrogate put back.
    pub text: String,
    /// How many tokens and surrogates were put back.
    pub restored: usize,
    /// The distinct texts that look like Airlock tokens (prefix and
    /// suffix included) but are not in the vault, in order of first
    /// occurrence. They are left as they are. Tokens are not sensitive,
    /// so these may be logged.
    pub unknown: Vec<String>,
}

impl std::fmt::Debug for Restoration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The text holds real values again: its length only.
        f.debug_struct("Restoration")
            .field("text_len_bytes", &self.text.len())
            .field("restored", &self.restored)
            .field("unknown", &self.unknown)
            .finish()
    }
}

/// What a restorer reads: a snapshot of a vault, shared by the restorers
/// made from it.
pub(crate) struct RestoreIndex {
    grammar: Grammar,
    /// Token key to value index.
    tokens: HashMap<String, usize>,
    values: Vec<Zeroizing<String>>,
    /// The surrogates, for anchored longest matches.
    literals: Option<AhoCorasick>,
    /// The value of each surrogate, by pattern id.
    literal_values: Vec<usize>,
    /// The surrogates, sorted, to tell whether a text's end may still
    /// grow into one.
    sorted_literals: Vec<String>,
    longest_literal: usize,
    literal_start: [bool; 256],
}

/// What happens at one position of the text.
pub(crate) enum Step {
    /// Put back the value with this index, the match ending at `end`.
    Restore { end: usize, value: usize },
    /// A token the vault does not know, ending at `end`; `report` if it
    /// has its prefix and suffix.
    Unknown { end: usize, report: bool },
    /// Nothing starts here.
    Pass,
    /// Too early to tell.
    More,
}

impl RestoreIndex {
    pub fn build(template: Template, entries: &[Entry]) -> RestoreIndex {
        let labels = Kind::ALL
            .iter()
            .map(|k| k.label())
            .chain(entries.iter().map(|e| e.label.as_str()));
        let grammar = Grammar::new(template, labels);

        let mut tokens = HashMap::new();
        let mut values = Vec::with_capacity(entries.len());
        let mut literals: Vec<&str> = Vec::new();
        let mut literal_values = Vec::new();
        let mut literal_start = [false; 256];
        for (i, e) in entries.iter().enumerate() {
            values.push(Zeroizing::new(e.value.clone()));
            if e.id.is_empty() {
                if let Some(&b) = e.text.as_bytes().first() {
                    literal_start[usize::from(b)] = true;
                    literals.push(&e.text);
                    literal_values.push(i);
                }
            } else {
                tokens.insert(token_key(&e.label, &e.id), i);
            }
        }
        let automaton = if literals.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Unanchored)
                .build(&literals)
                .ok()
        };
        let mut sorted: Vec<String> =
            literals.iter().map(|s| s.to_string()).collect();
        sorted.sort();
        RestoreIndex {
            grammar,
            tokens,
            values,
            literals: automaton,
            literal_values,
            longest_literal: sorted.iter().map(String::len).max().unwrap_or(0),
            sorted_literals: sorted,
            literal_start,
        }
    }

    pub fn value(&self, i: usize) -> &str {
        self.values.get(i).map_or("", |v| v.as_str())
    }

    /// Decides what happens at `at` (< `t.len()`). `next` caches the
    /// next surrogate match of this `t`: start each text with a new one.
    pub fn step(
        &self,
        t: &[u8],
        at: usize,
        prev_word: bool,
        fin: bool,
        next: &mut NextLiteral,
    ) -> Step {
        let known = |key: &str| self.tokens.contains_key(key);
        match self.grammar.scan(t, at, prev_word, fin, &known) {
            Scan::More => return Step::More,
            Scan::Found { end, key, known: true, .. } => {
                if let Some(&value) = self.tokens.get(&key) {
                    return Step::Restore { end, value };
                }
            }
            Scan::Found { end, known: false, full, .. } => {
                return Step::Unknown { end, report: full }
            }
            Scan::None => {}
        }
        self.literal(t, at, fin, next)
    }

    /// Matches a surrogate, literally, at `at`.
    fn literal(
        &self,
        t: &[u8],
        at: usize,
        fin: bool,
        next: &mut NextLiteral,
    ) -> Step {
        let Some(ac) = &self.literals else { return Step::Pass };
        if !t.get(at).is_some_and(|&b| self.literal_start[usize::from(b)]) {
            return Step::Pass;
        }

        // A longer surrogate may still begin here once more text comes.
        let rest = &t[at..];
        if !fin && rest.len() < self.longest_literal {
            let i =
                self.sorted_literals.partition_point(|s| s.as_bytes() < rest);
            let grows = self.sorted_literals[i..].iter().take(2).any(|s| {
                s.len() > rest.len() && s.as_bytes().starts_with(rest)
            });
            if grows {
                return Step::More;
            }
        }

        // One unanchored search finds the leftmost match from here on; no
        // surrogate starts before it, so it serves every position up to
        // its start.
        let stale = match next.searched_from {
            None => true,
            Some(from) => {
                from > at || next.found.is_some_and(|(start, ..)| start < at)
            }
        };
        if stale {
            let input = Input::new(t).span(at..t.len());
            next.searched_from = Some(at);
            next.found = match ac.try_find(input) {
                Ok(Some(m)) => self
                    .literal_values
                    .get(m.pattern().as_usize())
                    .map(|&value| (m.start(), m.end(), value)),
                _ => None,
            };
        }
        match next.found {
            Some((start, end, value)) if start == at => {
                Step::Restore { end, value }
            }
            _ => Step::Pass,
        }
    }
}

/// The next surrogate match in a text, as last searched.
#[derive(Default)]
pub(crate) struct NextLiteral {
    searched_from: Option<usize>,
    found: Option<(usize, usize, usize)>,
}

/// The keys of every token-shaped text in `text`, whether or not any
/// vault knows them: new tokens must not take these.
pub(crate) fn token_keys<'a>(
    text: &str,
    template: &Template,
    labels: impl Iterator<Item = &'a str>,
) -> HashSet<String> {
    let labels = Kind::ALL.iter().map(|k| k.label()).chain(labels);
    let grammar = Grammar::new(template.clone(), labels);
    let t = text.as_bytes();
    let mut keys = HashSet::new();
    for at in 0..t.len() {
        let prev_word = at > 0 && scan::is_word(t[at - 1]);
        if let Scan::Found { key, .. } =
            grammar.scan(t, at, prev_word, true, &|_| false)
        {
            keys.insert(key);
        }
    }
    keys
}
