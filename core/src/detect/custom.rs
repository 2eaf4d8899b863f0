//! Detectors an admin adds in the policy: patterns and dictionaries,
//! optionally gated by context words.

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind,
};
use regex_automata::{meta, util::syntax};

use super::pattern::widen_to_chars;
use crate::error::{PolicyError, PolicyErrorKind};
use crate::finding::DetectorId;
use crate::policy::doc::CustomSpec;

/// Most terms one dictionary may hold.
pub const MAX_DICTIONARY_TERMS: usize = 1_000_000;
/// Most bytes one dictionary's terms may add up to.
pub const MAX_DICTIONARY_BYTES: usize = 64 << 20;
/// Longest custom pattern, in bytes.
pub const MAX_PATTERN_BYTES: usize = 16 << 10;
/// Most memory one compiled custom pattern may take.
const MAX_PATTERN_HEAP: usize = 8 << 20;
/// Default context window, in characters either side of a match.
const DEFAULT_CONTEXT_CHARS: usize = 64;

/// A compiled custom detector.
pub(crate) struct CustomDetector {
    pub id: DetectorId,
    /// The label used by the `label` action: the id in upper case.
    pub label: String,
    matcher: Matcher,
    context: Option<Context>,
}

enum Matcher {
    Pattern(meta::Regex),
    Dictionary { terms: AhoCorasick, whole_word: bool },
}

struct Context {
    words: AhoCorasick,
    window_chars: usize,
}

impl CustomDetector {
    pub fn compile(
        spec: &CustomSpec,
        path: &str,
    ) -> Result<CustomDetector, PolicyError> {
        let invalid = |field: &str, msg: &str| {
            PolicyError::new(
                PolicyErrorKind::Invalid,
                format!("{path}.{field}"),
                msg,
            )
        };
        if spec.id.is_empty()
            || spec.id.len() > 64
            || !spec
                .id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            return Err(invalid(
                "id",
                "must be 1 to 64 letters, digits, `_` or `-`",
            ));
        }
        let matcher = match (&spec.pattern, &spec.dictionary) {
            (Some(p), None) => compile_pattern(p, spec.case_sensitive, path)?,
            (None, Some(terms)) => compile_dictionary(
                terms,
                spec.case_sensitive.unwrap_or(false),
                spec.whole_word.unwrap_or(true),
                path,
            )?,
            _ => {
                return Err(invalid(
                    "pattern",
                    "give exactly one of `pattern` and `dictionary`",
                ))
            }
        };
        let context = if spec.context.is_empty() {
            None
        } else {
            if spec.context.iter().any(|w| w.is_empty()) {
                return Err(invalid("context", "empty context word"));
            }
            let words = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .build(&spec.context)
                .map_err(|_| invalid("context", "too many context words"))?;
            Some(Context {
                words,
                window_chars: spec
                    .context_window
                    .unwrap_or(DEFAULT_CONTEXT_CHARS),
            })
        };
        Ok(CustomDetector {
            id: DetectorId::new(&spec.id),
            label: spec.id.to_ascii_uppercase().replace('-', "_"),
            matcher,
            context,
        })
    }

    /// Appends the spans this detector finds in `text`.
    pub fn find(&self, text: &str, out: &mut Vec<(usize, usize)>) {
        let first = out.len();
        match &self.matcher {
            Matcher::Pattern(re) => {
                for m in re.find_iter(text.as_bytes()) {
                    let (s, e) = widen_to_chars(text, m.start(), m.end());
                    if s < e {
                        out.push((s, e));
                    }
                }
            }
            Matcher::Dictionary { terms, whole_word } => {
                for m in terms.find_iter(text.as_bytes()) {
                    let (s, e) = widen_to_chars(text, m.start(), m.end());
                    if !whole_word || is_whole_word(text, s, e) {
                        out.push((s, e));
                    }
                }
            }
        }
        if let Some(ctx) = &self.context {
            if out.len() > first {
                ctx.retain_near(text, out, first);
            }
        }
    }
}

impl Context {
    /// Keeps the spans from `first` on that have a context word within
    /// the window.
    fn retain_near(
        &self,
        text: &str,
        spans: &mut Vec<(usize, usize)>,
        first: usize,
    ) {
        let hits: Vec<(usize, usize)> = self
            .words
            .find_iter(text.as_bytes())
            .map(|m| (m.start(), m.end()))
            .collect();
        let mut i = first;
        while i < spans.len() {
            let (s, e) = spans[i];
            let lo = back_chars(text, s, self.window_chars);
            let hi = forward_chars(text, e, self.window_chars);
            // The first hit ending after `lo`; it is near if it starts
            // before `hi`.
            let k = hits.partition_point(|h| h.1 <= lo);
            if k < hits.len() && hits[k].0 < hi {
                i += 1;
            } else {
                spans.remove(i);
            }
        }
    }
}

fn compile_pattern(
    pattern: &str,
    case_sensitive: Option<bool>,
    path: &str,
) -> Result<Matcher, PolicyError> {
    let at = format!("{path}.pattern");
    if pattern.len() > MAX_PATTERN_BYTES {
        return Err(PolicyError::new(
            PolicyErrorKind::TooLarge,
            at,
            format!("longer than {MAX_PATTERN_BYTES} bytes"),
        ));
    }
    let re = meta::Regex::builder()
        .syntax(
            syntax::Config::new()
                .unicode(false)
                .utf8(false)
                .case_insensitive(!case_sensitive.unwrap_or(true)),
        )
        .configure(
            meta::Config::new()
                .utf8_empty(false)
                .nfa_size_limit(Some(MAX_PATTERN_HEAP)),
        )
        .build(pattern)
        .map_err(|e| {
            PolicyError::new(
                PolicyErrorKind::Pattern,
                at.clone(),
                describe_regex_error(&e),
            )
        })?;
    if re.is_match(&b""[..]) {
        return Err(PolicyError::new(
            PolicyErrorKind::Pattern,
            at,
            "matches the empty string",
        ));
    }
    Ok(Matcher::Pattern(re))
}

fn compile_dictionary(
    terms: &[String],
    case_sensitive: bool,
    whole_word: bool,
    path: &str,
) -> Result<Matcher, PolicyError> {
    let at = format!("{path}.dictionary");
    if terms.len() > MAX_DICTIONARY_TERMS {
        return Err(PolicyError::new(
            PolicyErrorKind::TooLarge,
            at,
            format!(
                "{} terms, over the limit of {MAX_DICTIONARY_TERMS}",
                terms.len()
            ),
        ));
    }
    let bytes: usize = terms.iter().map(String::len).sum();
    if bytes > MAX_DICTIONARY_BYTES {
        return Err(PolicyError::new(
            PolicyErrorKind::TooLarge,
            at,
            format!("{bytes} bytes, over the limit of {MAX_DICTIONARY_BYTES}"),
        ));
    }
    if let Some(i) = terms.iter().position(|t| t.trim().is_empty()) {
        return Err(PolicyError::new(
            PolicyErrorKind::Invalid,
            format!("{at}[{i}]"),
            "empty term",
        ));
    }
    // Large dictionaries stay a contiguous NFA: a full DFA over 100,000
    // terms would take far more memory for little speed.
    let kind = if terms.len() > 5_000 {
        Some(AhoCorasickKind::ContiguousNFA)
    } else {
        None
    };
    let ac = AhoCorasickBuilder::new()
        .ascii_case_insensitive(!case_sensitive)
        .match_kind(MatchKind::LeftmostLongest)
        .kind(kind)
        .build(terms)
        .map_err(|_| {
            PolicyError::new(
                PolicyErrorKind::TooLarge,
                at.clone(),
                "too large to compile",
            )
        })?;
    Ok(Matcher::Dictionary { terms: ac, whole_word })
}

/// A short, value-free description of a regex syntax error.
pub(crate) fn describe_regex_error(e: &meta::BuildError) -> String {
    if let Some(syntax) = e.syntax_error() {
        // The first line names the problem; the rest repeats the pattern.
        let text = syntax.to_string();
        let last = text.lines().last().unwrap_or("invalid pattern");
        return last.trim_start_matches("error: ").to_string();
    }
    if e.size_limit().is_some() {
        return "compiles to more than the size limit".to_string();
    }
    e.to_string()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    // A boundary is only needed where the term itself begins or ends with
    // a word character ("C++" may be followed by a letter).
    let left_ok =
        !(first.is_some_and(is_word_char) && before.is_some_and(is_word_char));
    let right_ok =
        !(last.is_some_and(is_word_char) && after.is_some_and(is_word_char));
    left_ok && right_ok
}

fn back_chars(text: &str, at: usize, n: usize) -> usize {
    text[..at]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(i, _)| i)
}

fn forward_chars(text: &str, at: usize, n: usize) -> usize {
    text[at..].char_indices().nth(n).map_or(text.len(), |(i, _)| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::policy::doc::CustomSpec;

    fn spec(json: &str) -> CustomSpec {
        serde_json::from_str(json).unwrap()
    }

    fn find(d: &CustomDetector, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        d.find(text, &mut out);
        out.iter().map(|&(s, e)| text[s..e].to_string()).collect()
    }

    #[test]
    fn dictionary_is_case_insensitive_and_whole_word() {
        let d = CustomDetector::compile(
            &spec(r#"{"id":"c","dictionary":["Project Falcon","ACME"]}"#),
            "custom[0]",
        )
        .unwrap();
        assert_eq!(
            find(&d, "about project falcon and acme, not ACMEs"),
            ["project falcon", "acme"]
        );
    }

    #[test]
    fn context_words_gate_pattern_matches() {
        let d = CustomDetector::compile(
            &spec(
                r#"{"id":"t","pattern":"TCK-[0-9]{6}","context":["ticket"],
                    "contextWindow":20}"#,
            ),
            "custom[0]",
        )
        .unwrap();
        let far = format!("TCK-123456 {} ticket", "x".repeat(40));
        assert_eq!(find(&d, "see Ticket TCK-123456 now"), ["TCK-123456"]);
        assert!(find(&d, &far).is_empty());
    }

    #[test]
    fn bad_specs_name_the_field() {
        let e = CustomDetector::compile(
            &spec(r#"{"id":"t","pattern":"a|"}"#),
            "custom[3]",
        )
        .err()
        .unwrap();
        assert_eq!(e.path(), "custom[3].pattern");
        let e = CustomDetector::compile(
            &spec(r#"{"id":"t","pattern":"(x"}"#),
            "custom[3]",
        )
        .err()
        .unwrap();
        assert!(e.to_string().contains("unclosed group"), "{e}");
        let e = CustomDetector::compile(&spec(r#"{"id":"t"}"#), "custom[0]")
            .err()
            .unwrap();
        assert_eq!(e.path(), "custom[0].pattern");
    }

    #[test]
    fn large_dictionary_compiles() {
        let terms: Vec<String> =
            (0..100_000).map(|i| format!("term{i:06}x")).collect();
        let json = serde_json::json!({"id": "big", "dictionary": terms});
        let d = CustomDetector::compile(
            &serde_json::from_value(json).unwrap(),
            "custom[0]",
        )
        .unwrap();
        assert_eq!(find(&d, "a TERM054321X b"), ["TERM054321X"]);
    }
}
