//! Credentials: provider tokens, private keys, credentials in URLs and
//! headers, and generic assignments.
//!
//! Detectors are grouped by domain ([`providers`] for the formats one
//! vendor issues, [`structured`] for formats with a structure to check,
//! [`generic`] for `password = ...`-style assignments). Every pattern
//! has anchors (a literal prefix or a context keyword), so a text that
//! never mentions one never runs it.
//!
//! Priorities: provider formats 80 (they name the finding), structured
//! formats 75, generic assignments 30 (PII detectors use 50).
//!
//! # Decisions
//!
//! - Documented examples and placeholders are not secrets: AWS's
//!   `AKIAIOSFODNN7EXAMPLE`, `xxxx`, `<YOUR_KEY>`, `${VAR}` and the like.
//! - Publishable keys are meant to be public and are not reported:
//!   Stripe `pk_live_`/`pk_test_`, Mapbox `pk.`, Mailgun `pubkey-`.
//! - Stripe test-mode secret keys (`sk_test_`, `rk_test_`) are reported:
//!   they authenticate to the account's API, and redacting them costs
//!   the model nothing.
//! - Tokens with a checksum (GitHub classic, npm: CRC32 of the 30 random
//!   characters, base62, in the last six) must carry a valid one. A
//!   look-alike with a bad checksum is not reported, not even by the
//!   generic detector, which leaves such prefixes to their provider.
//! - Default and documentation credentials in URLs (`user:password@`,
//!   `guest:guest@`, `root:root@`) are not reported.
//! - Values next to secret-sounding names are judged by the name: any
//!   non-placeholder after `password`; a generated-looking value after
//!   `token`, `secret`, `api_key`; a long random one after a bare `key`.
//!   References (`${VAR}`, `os.environ[...]`, `process.env.X`, calls),
//!   schema words (`string`, `required`) and word-like values
//!   (`my-app-secret`) are not secrets.
//!
//! # Limitations
//!
//! - Formats without a prefix (many vendors' 32-character hex keys) are
//!   only found next to a keyword, by the vendor's keyed pattern or by the
//!   generic detector.
//! - A value split across lines or concatenated in code is not
//!   reassembled; a quoted password holding spaces or a quote of another
//!   kind is not found whole.
//! - A JWT, PEM block or token longer than its pattern's window (16 KiB
//!   for keys, about 12 KiB for JWTs) is not found.

/// A token starting at a word boundary and ending where the token
/// alphabet `[A-Za-z0-9_-]` ends. The match takes the byte after the
/// token, which [`token`] patterns leave out of the value; `body` must
/// end with a byte of that alphabet, so that the byte after it tells.
macro_rules! tok {
    ($body:literal) => {
        concat!(r"\b", $body, r"(?:[^A-Za-z0-9_\-]|$)")
    };
}

/// As `tok!`, for a body that may end with a byte outside the alphabet
/// (`=`, `.`): the token is capture group 1.
macro_rules! tok_group {
    ($body:literal) => {
        concat!(r"\b(", $body, r")(?:[^A-Za-z0-9_\-]|$)")
    };
}

/// A value assigned to a name that contains a context keyword, as in
/// `cloudflare_api_key = "..."`, `"CloudflareKey": "..."`,
/// `<cloudflareToken>...</cloudflareToken>`; the value is capture group 1
/// and must end where `[A-Za-z0-9_-]` ends. The keyword must not follow
/// a letter, so `rookTable` is not `okta`.
macro_rules! keyed {
    ($kw:literal, $value:literal) => {
        concat!(
            "(?:^|[^A-Za-z])(?i:",
            $kw,
            r")[\w.\-]{0,32}?(?:\\?[\x22'\x60])?\]?\s{0,3}",
            r"(?:=>|:{0,3}=|[?.+]=|:|>)\s{0,16}(?:\\?[\x22'\x60])?(",
            $value,
            r")(?:[^A-Za-z0-9_\-]|$)"
        )
    };
}

mod checksum;
mod entropy;
mod generic;
mod providers;
mod structured;

use std::ops::Range;

use super::Pattern;
use crate::finding::Kind;

/// Priority of provider formats.
const PROVIDER: u8 = 80;
/// Priority of structured formats (JWT, PEM, URL credentials, headers).
const STRUCTURED: u8 = 75;
/// Priority of generic assignments.
const GENERIC: u8 = 30;

/// The built-in secret detectors, in groups.
pub(crate) struct Groups(&'static [&'static [Pattern]]);

impl Groups {
    /// Every pattern of every group.
    pub(crate) fn iter(
        &'static self,
    ) -> impl Iterator<Item = &'static Pattern> {
        self.0.iter().flat_map(|group| group.iter())
    }
}

/// The built-in secret detectors.
pub(crate) static PATTERNS: Groups = Groups(&[
    providers::cloud::PATTERNS,
    providers::vcs::PATTERNS,
    providers::devtools::PATTERNS,
    providers::registry::PATTERNS,
    providers::observability::PATTERNS,
    providers::payment::PATTERNS,
    providers::chat::PATTERNS,
    providers::ai::PATTERNS,
    providers::saas::PATTERNS,
    structured::PATTERNS,
    generic::PATTERNS,
]);

/// A provider's token: the value is the whole match (patterns with
/// context around the value take capture group 1 instead), priority 80,
/// and by default the value must not look like a placeholder.
///
/// A whole match, or a value that [`Pattern::expand`] reads off it, costs
/// one regex pass; a capture group costs a second engine over the match.
const fn provider(
    id: &'static str,
    regex: &'static str,
    anchors: &'static [&'static str],
    window: usize,
) -> Pattern {
    Pattern::new(id, Kind::Secret, regex)
        .anchors(anchors, window)
        .validate(providers::plausible)
        .priority(PROVIDER)
}

/// A provider's token written with `tok!`: the match without the byte
/// that ended the token.
const fn token(
    id: &'static str,
    regex: &'static str,
    anchors: &'static [&'static str],
    window: usize,
) -> Pattern {
    provider(id, regex, anchors, window).expand(before_delimiter)
}

/// The value of a match that ends with the byte after the token, or at
/// the end of the text, as `tok!` patterns do. The token ends with a byte
/// of `[A-Za-z0-9_-]` and the delimiter is any other byte, so the last
/// byte of the match tells which of the two ended it.
fn before_delimiter(text: &str, m: Range<usize>) -> Option<Range<usize>> {
    let last = *text.as_bytes().get(m.end.checked_sub(1)?)?;
    let token_byte =
        last.is_ascii_alphanumeric() || matches!(last, b'_' | b'-');
    let end = if token_byte { m.end } else { m.end - 1 };
    Some(m.start..end)
}

/// The value of a match that starts with the byte before the token, or
/// at the start of the text, as `(?:^|[^A-Za-z0-9+/])(TOKEN)` does: the
/// match without that byte. The token starts with a letter or digit and
/// the delimiter is never one, so the first byte of the match tells.
fn after_delimiter(text: &str, m: Range<usize>) -> Option<Range<usize>> {
    let first = *text.as_bytes().get(m.start)?;
    let start =
        if first.is_ascii_alphanumeric() { m.start } else { m.start + 1 };
    Some(start..m.end)
}

#[cfg(test)]
mod tests;
