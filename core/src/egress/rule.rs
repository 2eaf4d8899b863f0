//! One allow entry: a compiled URL pattern and what it says about
//! schemes, hosts and ports.

use url::Url;
use urlpattern::matcher::InnerMatcher;
use urlpattern::{quirks, UrlPattern, UrlPatternMatchInput};

use crate::error::{PolicyError, PolicyErrorKind};

/// The longest allow entry accepted, in UTF-8 bytes.
pub const MAX_PATTERN_BYTES: usize = 2048;

/// The schemes an egress check can ever allow.
pub(crate) const SCHEMES: [&str; 4] = ["http", "https", "ws", "wss"];

/// A compiled allow entry.
pub(crate) struct Rule {
    /// The entry as written, for diagnostics.
    source: String,
    pattern: UrlPattern,
    /// Which of [`SCHEMES`] the entry can allow, by index. `ws` and `wss`
    /// only when written out literally.
    schemes: [bool; 4],
    /// The host as the pattern writes it, when it is a literal rather
    /// than a wildcard: only such a rule reaches a non-public host.
    exact_host: Option<String>,
    /// The port as the pattern writes it, when it is a literal: `None`
    /// for the scheme's default port. Used to explain a denial.
    exact_port: Option<Option<u16>>,
}

impl Rule {
    /// Compiles the allow entry at `path`.
    pub fn compile(source: &str, path: &str) -> Result<Rule, PolicyError> {
        let err = |kind, msg: String| PolicyError::new(kind, path, msg);
        if source.len() > MAX_PATTERN_BYTES {
            return Err(err(
                PolicyErrorKind::TooLarge,
                format!(
                    "pattern is {} bytes, over the limit of \
                     {MAX_PATTERN_BYTES} bytes",
                    source.len()
                ),
            ));
        }

        if closes_unopened_bracket(source) {
            return Err(err(
                PolicyErrorKind::Pattern,
                "a `]` closes no `[`".into(),
            ));
        }

        // A base URL would make relative entries legal; an allow entry
        // must say where it allows on its own.
        let init = quirks::process_construct_pattern_input(
            quirks::StringOrInit::String(source.into()),
            None,
        )
        .map_err(|e| err(PolicyErrorKind::Pattern, pattern_error(&e)))?;
        let pattern = UrlPattern::parse(init, Default::default())
            .map_err(|e| err(PolicyErrorKind::Pattern, pattern_error(&e)))?;

        let mut schemes = [false; 4];
        for (i, scheme) in SCHEMES.iter().enumerate() {
            let literal = pattern.protocol() == *scheme;
            let wildcard = pattern.protocol.matcher.matches(scheme).is_some();
            schemes[i] = literal || (wildcard && i < 2);
        }
        if !schemes.iter().any(|&s| s) {
            return Err(err(
                PolicyErrorKind::Invalid,
                "the scheme must match http or https, or be ws or wss".into(),
            ));
        }

        // A URL with credentials is always denied, so an entry that
        // names some could never match: say so rather than ignore it.
        if pattern.username() != "*" || pattern.password() != "*" {
            return Err(err(
                PolicyErrorKind::Invalid,
                "an allow entry cannot name a user or password".into(),
            ));
        }

        // The fragment is removed before matching, as it is never sent.
        if pattern.hash.matcher.matches("").is_none() {
            return Err(err(
                PolicyErrorKind::Invalid,
                "an allow entry cannot name a fragment: it is never sent"
                    .into(),
            ));
        }

        let exact_host = match &pattern.hostname.matcher.inner {
            InnerMatcher::Literal { literal } => Some(literal.clone()),
            _ => None,
        };
        if let Some(host) = &exact_host {
            if host.is_empty() {
                return Err(err(
                    PolicyErrorKind::Invalid,
                    "the entry names no host".into(),
                ));
            }
            // URLs are matched with a trailing dot removed (see
            // `without_trailing_dot`): an entry with one could never match.
            if host.ends_with('.') {
                return Err(err(
                    PolicyErrorKind::Invalid,
                    "write the host without a trailing dot".into(),
                ));
            }
        }

        let exact_port = match &pattern.port.matcher.inner {
            InnerMatcher::Literal { literal } if literal.is_empty() => {
                Some(None)
            }
            InnerMatcher::Literal { literal } => {
                literal.parse::<u16>().ok().map(Some)
            }
            _ => None,
        };

        Ok(Rule {
            source: source.to_owned(),
            pattern,
            schemes,
            exact_host,
            exact_port,
        })
    }

    /// The entry as written.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Whether the entry can allow URLs of `scheme` at all.
    pub fn allows_scheme(&self, scheme: &str) -> bool {
        SCHEMES.iter().zip(self.schemes).any(|(s, ok)| ok && *s == scheme)
    }

    /// Whether the entry names its host exactly, with no wildcard.
    pub fn names_host(&self) -> bool {
        self.exact_host.is_some()
    }

    /// Whether `url` (fragment removed, host normalized) matches.
    ///
    /// A wildcard host never matches a host with an empty label
    /// (`a..example.com`, `.example.com`): no resolver would find it, and
    /// `*.example.com` is meant for subdomains, not for the odd strings a
    /// parser lets through.
    pub fn matches(&self, url: &Url) -> bool {
        if !self.allows_scheme(url.scheme()) {
            return false;
        }
        if self.exact_host.is_none() && has_empty_label(url) {
            return false;
        }
        let input = UrlPatternMatchInput::Url(url.clone());
        matches!(self.pattern.test(input), Ok(true))
    }

    /// Whether `url` would match but for its port: the entry writes its
    /// port out and the URL asks for another one.
    pub fn matches_but_port(&self, url: &Url) -> bool {
        let Some(port) = self.exact_port else { return false };
        if url.port() == port {
            return false;
        }
        let mut moved = url.clone();
        if moved.set_port(port).is_err() {
            return false;
        }
        self.matches(&moved)
    }
}

/// Whether a `]` comes before its `[`, escaped or not, anywhere in the
/// entry. urlpattern 0.6 counts brackets in the host with an unsigned
/// counter that such an entry underflows (a panic in debug builds); no
/// valid host has one, so the entry is refused before it gets there.
fn closes_unopened_bracket(source: &str) -> bool {
    let mut depth = 0usize;
    for c in source.chars() {
        match c {
            '[' => depth += 1,
            ']' if depth == 0 => return true,
            ']' => depth -= 1,
            _ => {}
        }
    }
    false
}

fn has_empty_label(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(name)) => name.split('.').any(str::is_empty),
        _ => false,
    }
}

/// A pattern error in Airlock's words. urlpattern's messages name the
/// offending token of the entry, which is policy text, not a secret.
fn pattern_error(e: &urlpattern::Error) -> String {
    match e {
        urlpattern::Error::BaseUrlRequired => {
            "not an absolute URL pattern: write the scheme and host, e.g. \
             https://api.example.com/*"
                .into()
        }
        urlpattern::Error::Url(e) => format!("invalid URL part: {e}"),
        urlpattern::Error::RegExp(()) => {
            "a regular expression group does not compile".into()
        }
        other => format!("invalid URL pattern: {other}"),
    }
}
