//! The egress allowlist: which URLs a request may go to.
//!
//! A policy's `egress.allow` lists URL patterns in the [WHATWG URLPattern]
//! syntax; everything else is denied. [`EgressPolicy::check_url`] parses
//! a URL exactly as `fetch()` does (the WHATWG URL standard, through the
//! `url` crate) and compares its parsed scheme, host, port and path with
//! each pattern. It never looks at the raw string, so `@`, `#`, `?`,
//! backslashes, percent-encoding, IDNs, fullwidth dots and the many
//! spellings of an IPv4 address all mean what they mean to the browser.
//!
//! Example:
//!
//! ```
//! use airlock_core::egress::{EgressPolicy, Reason};
//!
//! let egress = EgressPolicy::new([
//!     "https://api.openai.com/v1/*",
//!     "https://*.openai.azure.com/*",
//!     "http://localhost:11434/api/*",
//! ])?;
//!
//! let v = egress.check_url("https://API.openai.com:443/v1/chat", None);
//! assert!(v.allowed);
//! assert_eq!(v.url.as_deref(), Some("https://api.openai.com/v1/chat"));
//! assert_eq!(v.rule, Some(0));
//!
//! // The host is evil.example, whatever the text before the `@` says.
//! let v = egress.check_url("https://api.openai.com@evil.example/", None);
//! assert_eq!(v.reason, Reason::Credentials);
//!
//! // A private host is reached only through an entry that names it.
//! let v = egress.check_url("http://localhost:11434/api/tags", None);
//! assert!(v.allowed);
//! let v = egress.check_url("http://127.0.0.1:11434/api/tags", None);
//! assert_eq!(v.reason, Reason::PrivateNetwork);
//! # Ok::<(), airlock_core::PolicyError>(())
//! ```
//!
//! # The rules
//!
//! - Default deny: a URL is allowed only if an entry matches it.
//! - Only `http` and `https` URLs are ever allowed, and `ws` and `wss`
//!   where an entry writes that scheme out (`wss://...`; a wildcard or
//!   `http{s}?` scheme does not reach them). `file:`, `data:`, `blob:`,
//!   `javascript:` and the rest are denied with [`Reason::Scheme`].
//! - A URL with a user name or password is denied ([`Reason::Credentials`]):
//!   `fetch()` rejects such URLs anyway, and `trusted.example@evil.example`
//!   is the oldest trick there is. An entry may not name credentials.
//! - An entry without a port allows the scheme's default port only
//!   (`https://host/*` allows `:443`, written or not, and nothing else);
//!   `:*` allows any port.
//! - `*.example.com` matches `a.example.com` and `a.b.example.com`, not
//!   `example.com` nor `badexample.com`.
//! - Hosts that are not on the public internet are denied
//!   ([`Reason::PrivateNetwork`]) unless an entry names that exact host
//!   with no wildcard: loopback, private (RFC 1918, IPv6 unique-local),
//!   link-local, carrier-grade NAT, unspecified, multicast, broadcast,
//!   documentation and reserved ranges; cloud metadata endpoints
//!   (169.254.169.254, fd00:ec2::254, 100.100.100.200, 168.63.129.16,
//!   `metadata.google.internal`, `metadata.goog`); `localhost` and the
//!   special-use names under `.localhost`, `.local`, `.internal`,
//!   `.home.arpa` and `.localdomain`; and names without a dot, which the
//!   resolver completes with local search domains. IPv6 addresses that
//!   embed an IPv4 address (mapped, translated, NAT64 `64:ff9b::/96`,
//!   6to4 `2002::/16`) are judged by that address; the local-use NAT64
//!   prefix `64:ff9b:1::/48` and IPv4-compatible `::a.b.c.d` are never
//!   public. An entry naming an IP allows that IP only, in whatever
//!   spelling the URL uses: `http://2130706433/` is `http://127.0.0.1/`.
//!
//! # Decisions where the standards leave a choice
//!
//! - A trailing dot (`api.openai.com.`) names the same host to a
//!   resolver, so it is removed before matching: `https://api.openai.com./`
//!   matches `https://api.openai.com/*`. The verdict's `url` keeps it, as
//!   `fetch()` would send it. An entry may not end its host with a dot.
//! - The fragment is never sent, so it is removed before matching and
//!   from the verdict's `url`.
//! - A wildcard host never matches a host with an empty label
//!   (`.example.com`, `a..example.com`), which WHATWG parses but no
//!   resolver resolves.
//!
//! # Limitations
//!
//! - Names are not resolved: a public name that resolves to a private
//!   address (a DNS rebinding, or services like `127.0.0.1.nip.io`)
//!   passes a wildcard entry. Keep wildcard entries to domains you trust,
//!   and enforce egress at the network too where it matters.
//! - Paths are matched as the URL parser leaves them: `%2F` stays
//!   encoded, and a server that decodes it may route `/v1/..%2Fadmin`
//!   outside `/v1/`. Treat path patterns as a convenience, not a wall;
//!   the host is the boundary.
//! - Redirects are the caller's to check: `check_url` judges one URL.
//! - An IPv6 host in an entry needs URLPattern's escapes, because `:`
//!   starts a named group: `http://\[\:\:1\]:8080/*`.
//! - Entries are compiled by the `urlpattern` crate, which differs from
//!   the browsers on a few edge cases of the URLPattern tests (listed in
//!   `tests/conformance/`); none makes an entry match more than it says.
//!   An entry with a `]` before any `[` is refused: it trips a counter
//!   underflow in `urlpattern` 0.6 (which the workspace builds without
//!   overflow checks, so a case the refusal misses wraps harmlessly).
//! - The verdict's `url` is the URL as it will be requested, query
//!   included, which may carry an API key: do not log it verbatim.
//!
//! [WHATWG URLPattern]: https://urlpattern.spec.whatwg.org/

mod host;
mod rule;

use std::fmt;

use url::Url;

use crate::error::{PolicyError, PolicyErrorKind};
use rule::Rule;

pub use rule::MAX_PATTERN_BYTES;

/// The most entries `egress.allow` may have.
pub const MAX_ALLOW_ENTRIES: usize = 256;

/// A compiled egress allowlist.
///
/// Build one with [`EgressPolicy::new`], or get the one of a policy
/// document from [`Policy::egress`](crate::Policy::egress). The default
/// denies every URL.
#[derive(Default)]
pub struct EgressPolicy {
    rules: Vec<Rule>,
}

/// The answer of [`EgressPolicy::check_url`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct UrlVerdict {
    /// Whether the request may go out. The same as
    /// `reason == Reason::Allowed`.
    pub allowed: bool,
    /// Why.
    pub reason: Reason,
    /// The URL as `fetch()` would request it: parsed, resolved against
    /// the base, normalized (`href`), without its fragment, and without
    /// user name and password when [`Reason::Credentials`] denied it.
    /// `None` only when the URL does not parse.
    pub url: Option<String>,
    /// The index in `egress.allow` of the entry that allowed the URL; for
    /// [`Reason::PrivateNetwork`] and [`Reason::Port`], of the entry that
    /// would have but for that. `None` otherwise.
    pub rule: Option<usize>,
}

/// Why a URL was allowed or denied. Each has a stable [`code`].
///
/// [`code`]: Reason::code
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reason {
    /// An allow entry matches the URL (`allowed`).
    Allowed,
    /// No allow entry matches the URL (`not_allowed`).
    NotAllowed,
    /// The host is loopback, private, link-local, a metadata service or
    /// another non-public address or name, and no entry names it exactly
    /// (`private_network`).
    PrivateNetwork,
    /// The scheme is not `http` or `https`, nor a `ws` or `wss` that an
    /// entry names (`scheme`).
    Scheme,
    /// An entry matches everything but the port (`port`).
    Port,
    /// The URL has a user name or password (`credentials`).
    Credentials,
    /// The URL, or the base it is resolved against, does not parse
    /// (`invalid_url`).
    InvalidUrl,
}

impl Reason {
    /// A stable code for programs and audit logs: `allowed`,
    /// `not_allowed`, `private_network`, `scheme`, `port`, `credentials`,
    /// `invalid_url`.
    pub fn code(self) -> &'static str {
        match self {
            Reason::Allowed => "allowed",
            Reason::NotAllowed => "not_allowed",
            Reason::PrivateNetwork => "private_network",
            Reason::Scheme => "scheme",
            Reason::Port => "port",
            Reason::Credentials => "credentials",
            Reason::InvalidUrl => "invalid_url",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Reason::Allowed => "allowed by the egress allowlist",
            Reason::NotAllowed => "no egress allow entry matches the url",
            Reason::PrivateNetwork => {
                "the host is not on the public internet and no egress \
                 allow entry names it exactly"
            }
            Reason::Scheme => {
                "the scheme is not http or https, nor a ws or wss that an \
                 allow entry names"
            }
            Reason::Port => "the port is not the one the allow entry names",
            Reason::Credentials => "the url has a user name or password",
            Reason::InvalidUrl => "not a valid url",
        })
    }
}

impl EgressPolicy {
    /// Compiles an allowlist from URL patterns, as in a policy's
    /// `egress.allow`.
    ///
    /// Example:
    ///
    /// ```
    /// use airlock_core::egress::EgressPolicy;
    ///
    /// let egress = EgressPolicy::new(["https://*.openai.azure.com/*"])?;
    /// let check = |url| egress.check_url(url, None).allowed;
    /// assert!(check("https://x.openai.azure.com/a"));
    /// assert!(check("https://a.b.openai.azure.com/a"));
    /// assert!(!check("https://openai.azure.com/a"));
    /// assert!(!check("https://evilopenai.azure.com/a"));
    ///
    /// let err = EgressPolicy::new(["https://ok.example/*", "/relative"])
    ///     .unwrap_err();
    /// assert_eq!(err.path(), "egress.allow[1]");
    /// # Ok::<(), airlock_core::PolicyError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`PolicyError`] with the path `egress.allow[i]` of the first bad
    /// entry: one that is not an absolute URL pattern, whose scheme cannot
    /// match `http`, `https`, `ws` or `wss`, that names a user, a password
    /// or a fragment, whose host ends in a dot, or that has a `]` before
    /// any `[`; or too many or too long entries ([`MAX_ALLOW_ENTRIES`],
    /// [`MAX_PATTERN_BYTES`]).
    pub fn new<I, S>(allow: I) -> Result<EgressPolicy, PolicyError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        EgressPolicy::compile(allow, "egress.allow")
    }

    /// Compiles the `egress.allow` entries of a policy document, with the
    /// same errors as [`Policy::from_json`](crate::Policy::from_json)
    /// gives for them. The other sections are skipped, not checked: this
    /// is for a build that only checks URLs, next to one that compiles
    /// the rest of the document (the Wasm modules of the npm package).
    ///
    /// Example:
    ///
    /// ```
    /// use airlock_core::egress::EgressPolicy;
    ///
    /// let json = r#"{
    ///     "version": 1,
    ///     "detectors": { "email": { "action": "mask" } },
    ///     "egress": { "allow": ["https://api.openai.com/v1/*"] }
    /// }"#;
    /// let egress = EgressPolicy::from_policy_json(json)?;
    /// assert!(egress.check_url("https://api.openai.com/v1/x", None).allowed);
    ///
    /// let json = r#"{"version":1,"egress":{"allow":["https://a.example/*",
    ///     "/relative"]}}"#;
    /// let err = EgressPolicy::from_policy_json(json).unwrap_err();
    /// assert_eq!(err.path(), "egress.allow[1]");
    /// assert_eq!(err.code(), "policy_pattern");
    /// # Ok::<(), airlock_core::PolicyError>(())
    /// ```
    ///
    /// # Errors
    ///
    /// A [`PolicyError`]: `policy_syntax` for text that is not JSON or an
    /// `egress` section of the wrong shape, else the errors of
    /// [`EgressPolicy::new`].
    pub fn from_policy_json(json: &str) -> Result<EgressPolicy, PolicyError> {
        let spec = crate::policy::doc::parse_egress(json)?;
        EgressPolicy::compile(&spec.allow, "egress.allow")
    }

    /// Compiles entries whose paths in the policy document start with
    /// `path`.
    pub(crate) fn compile<I, S>(
        allow: I,
        path: &str,
    ) -> Result<EgressPolicy, PolicyError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut rules = Vec::new();
        for (i, entry) in allow.into_iter().enumerate() {
            if i >= MAX_ALLOW_ENTRIES {
                return Err(PolicyError::new(
                    PolicyErrorKind::TooLarge,
                    path,
                    format!(
                        "more than {MAX_ALLOW_ENTRIES} entries, the limit"
                    ),
                ));
            }
            let entry_path = format!("{path}[{i}]");
            rules.push(Rule::compile(entry.as_ref(), &entry_path)?);
        }
        Ok(EgressPolicy { rules })
    }

    /// How many allow entries there are.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are none, so that every URL is denied.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The allow entry at `index` as written, e.g. to explain a
    /// verdict's `rule`.
    pub fn entry(&self, index: usize) -> Option<&str> {
        self.rules.get(index).map(Rule::source)
    }

    /// Whether a request to `url` may go out, and why.
    ///
    /// `url` is parsed as `fetch()` parses it: relative to `base` if
    /// given (a page's or worker's base URL), else it must be absolute.
    /// See the [module documentation](self) for the rules.
    ///
    /// Example:
    ///
    /// ```
    /// use airlock_core::egress::{EgressPolicy, Reason};
    ///
    /// let egress = EgressPolicy::new(["https://api.openai.com/v1/*"])?;
    ///
    /// let base = Some("https://api.openai.com/v1/");
    /// let v = egress.check_url("./chat/completions?x=1", base);
    /// assert!(v.allowed);
    /// assert_eq!(
    ///     v.url.as_deref(),
    ///     Some("https://api.openai.com/v1/chat/completions?x=1"),
    /// );
    ///
    /// let v = egress.check_url("//evil.example/v1/chat", base);
    /// assert_eq!(v.reason, Reason::NotAllowed);
    /// assert_eq!(v.reason.code(), "not_allowed");
    ///
    /// let v = egress.check_url("https://api.openai.com:8443/v1/x", None);
    /// assert_eq!(v.reason, Reason::Port);
    /// # Ok::<(), airlock_core::PolicyError>(())
    /// ```
    pub fn check_url(&self, url: &str, base: Option<&str>) -> UrlVerdict {
        let Some(mut url) = parse(url, base) else {
            return UrlVerdict::deny(Reason::InvalidUrl, None, None);
        };

        // The fragment stays in the browser.
        url.set_fragment(None);

        let scheme = url.scheme();
        let web = scheme == "http" || scheme == "https";
        if !web && !self.rules.iter().any(|r| r.allows_scheme(scheme)) {
            return UrlVerdict::deny(Reason::Scheme, Some(url), None);
        }

        if !url.username().is_empty() || url.password().is_some() {
            // Keep the password out of the verdict, and so out of any
            // audit log built from it. Neither setter can fail on a URL
            // with a host, which every URL with credentials has.
            let _ = url.set_username("");
            let _ = url.set_password(None);
            return UrlVerdict::deny(Reason::Credentials, Some(url), None);
        }

        // Special schemes always have a host; be defensive anyway.
        let Some(host) = url.host() else {
            return UrlVerdict::deny(Reason::InvalidUrl, Some(url), None);
        };
        let non_public = host::is_non_public(&host);
        let matchable = without_trailing_dot(&url);

        // The first entry that matches and may reach this host decides.
        let mut blocked = None;
        for (i, rule) in self.rules.iter().enumerate() {
            if !rule.matches(&matchable) {
                continue;
            }
            if non_public && !rule.names_host() {
                blocked.get_or_insert(i);
                continue;
            }
            return UrlVerdict {
                allowed: true,
                reason: Reason::Allowed,
                url: Some(url.into()),
                rule: Some(i),
            };
        }

        if non_public {
            return UrlVerdict::deny(
                Reason::PrivateNetwork,
                Some(url),
                blocked,
            );
        }
        let near =
            self.rules.iter().position(|r| r.matches_but_port(&matchable));
        if near.is_some() {
            return UrlVerdict::deny(Reason::Port, Some(url), near);
        }
        UrlVerdict::deny(Reason::NotAllowed, Some(url), None)
    }
}

impl fmt::Debug for EgressPolicy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EgressPolicy")
            .field(
                "allow",
                &self.rules.iter().map(Rule::source).collect::<Vec<_>>(),
            )
            .finish()
    }
}

impl UrlVerdict {
    fn deny(
        reason: Reason,
        url: Option<Url>,
        rule: Option<usize>,
    ) -> UrlVerdict {
        UrlVerdict { allowed: false, reason, url: url.map(String::from), rule }
    }
}

/// Parses `input` as `fetch()` does: the WHATWG URL parser, relative to
/// `base` if given.
fn parse(input: &str, base: Option<&str>) -> Option<Url> {
    let base = match base {
        Some(base) => Some(Url::parse(base).ok()?),
        None => None,
    };
    Url::options().base_url(base.as_ref()).parse(input).ok()
}

/// `url` with one trailing dot removed from its host name, as a resolver
/// would treat it.
fn without_trailing_dot(url: &Url) -> Url {
    let Some(url::Host::Domain(name)) = url.host() else {
        return url.clone();
    };
    let Some(short) = name.strip_suffix('.') else { return url.clone() };

    // The shorter name is parsed again, and must stay the same name: it
    // must not turn into an IP address (`10.0.0.5..` is a name, while
    // `10.0.0.5.` is an address) nor fail (`.` alone).
    let mut out = url.clone();
    let same = out.set_host(Some(short)).is_ok()
        && out.host() == Some(url::Host::Domain(short));
    if same {
        out
    } else {
        url.clone()
    }
}
