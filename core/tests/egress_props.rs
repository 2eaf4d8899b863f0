//! A deterministic stand-in for the fuzz target (`fuzz/`), which needs a
//! nightly toolchain: URLs from the trick classes, mutated by a seeded
//! xorshift generator, checked against an oracle written independently of
//! the egress module. It asserts that `check_url` never panics, that its
//! verdicts are consistent, and that it never allows a URL whose host,
//! scheme or port (as `url::Url` parses them) no allow entry permits.
//!
//! `AIRLOCK_PROP_ITERS` raises the iteration count for a longer run, and
//! `AIRLOCK_PROP_SEED` picks another sequence; the defaults keep the test
//! to a few seconds.

mod common;

use common::XorShift;

use std::net::IpAddr;

use airlock_core::egress::{EgressPolicy, Reason};
use url::{Host, Url};

const SEEDS: &[&str] = &[
    "https://api.openai.com/v1/chat/completions?stream=true",
    "https://API.OpenAI.com:443/v1/./x",
    "https://x.openai.azure.com/openai/deployments/a",
    "https://llm.corp.example:8443/v1/chat",
    "http://localhost:11434/api/tags",
    "https://api.openai.com@evil.example/v1/",
    "https://evil.example#@api.openai.com/v1/",
    "https://evil.example\\@api.openai.com/v1/",
    "https://api.openai.com.evil.example/v1/",
    "https://evilopenai.azure.com/",
    "https://api%2eopenai%2ecom/v1/x",
    "https://api.openai.com./v1/x",
    "https://\u{430}pi.openai.com/v1/x",
    "https://api\u{3002}openai\u{ff0e}com/v1/x",
    "http://2130706433/",
    "http://0x7f.1:11434/api/tags",
    "http://0177.0.0.1/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::ffff:127.0.0.1]:11434/api/",
    "http://[64:ff9b::a9fe:a9fe]/",
    "http://[2002:7f00:1::]/",
    "http://[fd00:ec2::254]/",
    "http://metadata.google.internal/computeMetadata/v1/",
    "//evil.example/v1/chat",
    "/v1/chat",
    "../v1/x?y#z",
    "blob:https://api.openai.com/1",
    "data:text/plain,x",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "wss://api.openai.com/v1/",
    "http://10.0.0.5:8080/x",
    "http://8.8.8.8/",
];

/// Fragments that the mutator splices in: delimiters, encodings,
/// lookalike dots and letters, hosts and addresses.
const PIECES: &[&str] = &[
    "@",
    "#",
    "?",
    "\\",
    "/",
    "//",
    ".",
    "..",
    ":",
    "%",
    "[",
    "]",
    "%2e",
    "%2f",
    "%40",
    "%23",
    "%00",
    "\u{3002}",
    "\u{ff0e}",
    "\u{ff61}",
    "\t",
    "\n",
    " ",
    "0",
    "0x",
    "7f",
    "ffff",
    "::",
    "::1",
    ":443",
    ":8443",
    ":11434",
    "api.openai.com",
    "openai.azure.com",
    "evil.example",
    "localhost",
    "127.0.0.1",
    "[::1]",
    "169.254.169.254",
    "xn--",
    "\u{430}",
    "\u{200b}",
    "\u{ad}",
    "\u{ff41}",
    "https:",
    "http:",
    "ws:",
    "user:pw@",
    "/v1/",
    "/api/",
    "./",
    "../",
];

const BASES: &[Option<&str>] = &[
    None,
    Some("https://api.openai.com/v1/"),
    Some("http://localhost:11434/api/"),
    Some("https://evil.example/"),
];

/// An allow entry as the oracle understands it.
struct Entry {
    scheme: &'static str,
    host: HostSpec,
    port: Option<u16>,
    path_prefix: &'static str,
}

enum HostSpec {
    Exact(&'static str),
    /// `*.suffix`: one or more non-empty labels before `.suffix`.
    Below(&'static str),
    /// `*`: any public host.
    Public,
}

#[test]
fn mutated_urls_never_escape_the_allowlist() {
    let issue = (
        EgressPolicy::new([
            "https://api.openai.com/v1/*",
            "https://*.openai.azure.com/*",
            "https://llm.corp.example:8443/*",
            "http://localhost:11434/api/*",
        ])
        .unwrap(),
        vec![
            entry("https", HostSpec::Exact("api.openai.com"), None, "/v1/"),
            entry("https", HostSpec::Below("openai.azure.com"), None, "/"),
            entry(
                "https",
                HostSpec::Exact("llm.corp.example"),
                Some(8443),
                "/",
            ),
            entry("http", HostSpec::Exact("localhost"), Some(11434), "/api/"),
        ],
    );
    let open = (
        EgressPolicy::new(["https://*/*", "http://10.0.0.5:8080/*"]).unwrap(),
        vec![
            entry("https", HostSpec::Public, None, "/"),
            entry("http", HostSpec::Exact("10.0.0.5"), Some(8080), "/"),
        ],
    );

    let iters = env_number("AIRLOCK_PROP_ITERS").unwrap_or(20_000);
    let seed = env_number("AIRLOCK_PROP_SEED").unwrap_or(0x9e37_79b9);
    // Xorshift never leaves zero.
    let mut rng = XorShift(seed.max(1));
    let mut allowed = 0;
    for i in 0..iters {
        let url = mutate(&mut rng);
        let base = BASES[rng.below(BASES.len())];
        let (egress, entries) = if i % 2 == 0 { &issue } else { &open };
        if check(egress, entries, &url, base) {
            allowed += 1;
        }
    }

    println!("{allowed} of {iters} mutated URLs allowed");

    // The generator must keep reaching both sides of the check.
    assert!(allowed > iters / 50, "only {allowed} of {iters} allowed");
    assert!(allowed < iters / 2, "{allowed} of {iters} allowed");
}

/// Allow entries in URLPattern syntax, for the compile test.
const ENTRY_SEEDS: &[&str] = &[
    "https://api.openai.com/v1/*",
    "https://*.openai.azure.com/*",
    "https://llm.corp.example:8443/*",
    "http://localhost:11434/api/*",
    r"http://\[\:\:1\]:8080/*",
    "https://:tenant.example.com/:version(v[0-9]+)/*?",
    "http{s}?://{*.}?example.com/api/(.*)",
    "wss://realtime.example:*/*#*",
];

const ENTRY_PIECES: &[&str] = &[
    "*", ":", ":a", "(", ")", "(.*)", "{", "}", "?", "+", "\\", "\\:", "[",
    "]", "/", "//", "@", "#", ".", "%", "%2e", "\u{3002}", "\u{430}", "{:a}",
    "(?:", "\\d", "^", "$", "|", "::1", ":80", ":*",
];

#[test]
fn mutated_allow_entries_compile_or_fail_cleanly() {
    let iters = env_number("AIRLOCK_PROP_ITERS").unwrap_or(20_000) / 20;
    let seed: u64 = env_number("AIRLOCK_PROP_SEED").unwrap_or(0x51ed);
    let mut rng = XorShift(seed.max(1));
    let mut compiled = 0;
    for _ in 0..iters {
        let entry = mutate_from(&mut rng, ENTRY_SEEDS, ENTRY_PIECES);
        match EgressPolicy::new([entry.as_str()]) {
            Ok(egress) => {
                compiled += 1;
                for url in [SEEDS[0], SEEDS[4], SEEDS[18], SEEDS[30]] {
                    let v = egress.check_url(url, None);
                    assert_eq!(v.allowed, v.reason == Reason::Allowed);
                }
            }
            Err(e) => assert_eq!(e.path(), "egress.allow[0]", "{entry:?}"),
        }
    }
    println!("{compiled} of {iters} mutated entries compiled");
    assert!(compiled > iters / 10, "only {compiled} of {iters} compiled");
}

fn env_number<T: std::str::FromStr>(name: &str) -> Option<T> {
    std::env::var(name).ok()?.parse().ok()
}

fn entry(
    scheme: &'static str,
    host: HostSpec,
    port: Option<u16>,
    path_prefix: &'static str,
) -> Entry {
    Entry { scheme, host, port, path_prefix }
}

/// Checks one URL; returns whether it was allowed.
fn check(
    egress: &EgressPolicy,
    entries: &[Entry],
    input: &str,
    base: Option<&str>,
) -> bool {
    let v = egress.check_url(input, base);
    let ctx = format!("{input:?} against {base:?}: {v:?}");

    // The verdict agrees with itself.
    assert_eq!(v.allowed, v.reason == Reason::Allowed, "{ctx}");
    assert_eq!(v.allowed, v.rule.is_some() && v.allowed, "{ctx}");
    assert_eq!(v.url.is_none(), v.reason == Reason::InvalidUrl, "{ctx}");

    // The URL layer agrees with a direct parse.
    let base_url = base.map(Url::parse).transpose().ok().flatten();
    let parsed = match base {
        Some(_) if base_url.is_none() => None,
        _ => Url::options().base_url(base_url.as_ref()).parse(input).ok(),
    };
    let Some(mut parsed) = parsed else {
        assert_eq!(v.reason, Reason::InvalidUrl, "{ctx}");
        return false;
    };
    parsed.set_fragment(None);
    if v.reason != Reason::Credentials {
        assert_eq!(v.url.as_deref(), Some(parsed.as_str()), "{ctx}");
    }
    if !v.allowed {
        return false;
    }

    // Allowed: the entry it names permits the parsed scheme, host, port
    // and path, by the oracle's reckoning.
    let rule = v.rule.unwrap_or(usize::MAX);
    let entry = entries.get(rule).unwrap_or_else(|| panic!("{ctx}"));
    assert!(parsed.username().is_empty(), "{ctx}");
    assert!(parsed.password().is_none(), "{ctx}");
    assert_eq!(parsed.scheme(), entry.scheme, "{ctx}");
    assert_eq!(parsed.port(), entry.port, "{ctx}");
    assert!(parsed.path().starts_with(entry.path_prefix), "{ctx}");
    let host = parsed.host().unwrap_or_else(|| panic!("{ctx}"));
    assert!(host_permitted(&entry.host, &host), "{ctx}");
    true
}

fn host_permitted(spec: &HostSpec, host: &Host<&str>) -> bool {
    let name = host.to_string();
    let name = name.strip_suffix('.').unwrap_or(&name);
    match spec {
        HostSpec::Exact(want) => name == *want,
        HostSpec::Below(suffix) => name
            .strip_suffix(suffix)
            .and_then(|rest| rest.strip_suffix('.'))
            .is_some_and(|labels| {
                !labels.is_empty() && labels.split('.').all(|l| !l.is_empty())
            }),
        HostSpec::Public => public(host),
    }
}

/// A deliberately coarse oracle of public hosts, from the standard
/// library's address classes: it may call public what the egress module
/// denies, never the other way round for these classes.
fn public(host: &Host<&str>) -> bool {
    let ip = match host {
        Host::Domain(d) => {
            let d = d.trim_end_matches('.');
            return d.contains('.')
                && d != "localhost"
                && !d.ends_with(".localhost")
                && !d.ends_with(".internal")
                && !d.ends_with(".local")
                && d != "metadata.goog";
        }
        Host::Ipv4(ip) => IpAddr::V4(*ip),
        Host::Ipv6(ip) => match ip.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(*ip),
        },
    };
    match ip {
        IpAddr::V4(ip) => {
            let [a, b, ..] = ip.octets();
            !(ip.is_private()
                || ip.is_loopback()
                || ip.is_link_local()
                || ip.is_broadcast()
                || ip.is_multicast()
                || ip.is_unspecified()
                || ip.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b)))
        }
        IpAddr::V6(ip) => {
            let s = ip.segments();
            !(ip.is_loopback()
                || ip.is_unspecified()
                || ip.is_multicast()
                || s[0] & 0xfe00 == 0xfc00
                || s[0] & 0xffc0 == 0xfe80
                || s[0] == 0x2002
                || (s[0] == 0x64 && s[1] == 0xff9b))
        }
    }
}

/// A seed URL with one to four mutations.
fn mutate(rng: &mut XorShift) -> String {
    mutate_from(rng, SEEDS, PIECES)
}

/// A string from `seeds` with one to four mutations that use `pieces`.
fn mutate_from(rng: &mut XorShift, seeds: &[&str], pieces: &[&str]) -> String {
    let mut s: Vec<char> = seeds[rng.below(seeds.len())].chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(s.len() + 1);
        match rng.below(7) {
            0 | 1 => {
                let piece = pieces[rng.below(pieces.len())];
                s.splice(at..at, piece.chars());
            }
            2 if at < s.len() => {
                let end = (at + 1 + rng.below(6)).min(s.len());
                s.drain(at..end);
            }
            3 if at < s.len() => {
                let piece = pieces[rng.below(pieces.len())];
                s.splice(at..at + 1, piece.chars());
            }
            4 if at < s.len() => {
                let c = s[at];
                s[at] = if c.is_ascii_lowercase() {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                };
            }
            5 => {
                // Splice in the tail of another seed.
                let other: Vec<char> =
                    seeds[rng.below(seeds.len())].chars().collect();
                let from = rng.below(other.len());
                s.truncate(at);
                s.extend_from_slice(&other[from..]);
            }
            _ => {
                let c = char::from_u32(rng.below(0x3100) as u32)
                    .unwrap_or('\u{fffd}');
                s.insert(at, c);
            }
        }
    }
    s.into_iter().collect()
}
