//! Detectors: the built-in ones (PII and secrets, described as
//! [`Pattern`]s), the custom ones a policy adds, and the allow-list.

mod allow;
pub(crate) mod custom;
mod keys;
pub(crate) mod pattern;
pub(crate) mod pii;
mod scan;
pub(crate) mod secret;
pub(crate) mod validate;

pub(crate) use allow::AllowList;
pub(crate) use pattern::Pattern;
pub(crate) use scan::{BuiltinScanner, RawFinding};

/// Every built-in detector, PII first.
pub(crate) fn builtin() -> impl Iterator<Item = &'static Pattern> {
    pii::PATTERNS.iter().chain(secret::PATTERNS.iter())
}

/// Whether `id` names a built-in detector.
pub(crate) fn is_builtin_id(id: &str) -> bool {
    builtin().any(|p| p.id == id)
}

/// The ids and kinds of every built-in detector, sorted by id and without
/// duplicates (several patterns may share one id).
pub fn builtin_detectors() -> Vec<(&'static str, crate::Kind)> {
    let mut all: Vec<_> = builtin().map(|p| (p.id, p.kind)).collect();
    all.sort();
    all.dedup();
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_pattern_compiles() {
        for p in builtin() {
            // The message names the error; the scanner's own path below
            // must compile it too.
            if let Err(e) = pattern::compile_ascii(p.regex, false) {
                panic!("{}: {e}", p.id);
            }
            assert!(
                pattern::LazyPattern::new(p).starts_at_anchor().is_ok(),
                "{}: the scanner cannot compile it",
                p.id
            );
            assert!(
                p.anchors.is_empty() || p.window > 0,
                "{}: anchors need a window",
                p.id
            );
        }
    }

    #[test]
    fn ids_are_snake_case() {
        for (id, _) in builtin_detectors() {
            assert!(
                id.bytes().all(|b| b.is_ascii_lowercase()
                    || b.is_ascii_digit()
                    || b == b'_'),
                "{id}"
            );
        }
    }
}
