//! Fuzzes `EgressPolicy::check_url` with arbitrary URLs and bases.
//!
//! Run with `cargo +nightly fuzz run check_url` from the repository root.
//! Besides not panicking, every verdict must agree with itself and with a
//! direct parse by `url::Url`, and an allowed URL's parsed host must be one
//! that its entry names. `core/tests/egress_props.rs` checks the same on a
//! stable toolchain, from seeded mutations.

#![no_main]

use std::sync::OnceLock;

use airlock_core::egress::{EgressPolicy, Reason};
use libfuzzer_sys::fuzz_target;
use url::{Host, Url};

const BASES: &[Option<&str>] = &[
    None,
    Some("https://api.openai.com/v1/"),
    Some("http://localhost:11434/api/"),
    Some("https://evil.example/"),
];

fn policy() -> &'static EgressPolicy {
    static POLICY: OnceLock<EgressPolicy> = OnceLock::new();
    POLICY.get_or_init(|| {
        EgressPolicy::new([
            "https://api.openai.com/v1/*",
            "https://*.openai.azure.com/*",
            "https://llm.corp.example:8443/*",
            "http://localhost:11434/api/*",
        ])
        .expect("the fuzzed policy compiles")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else { return };
    let Ok(input) = std::str::from_utf8(rest) else { return };
    let base = BASES[usize::from(pick) % BASES.len()];

    let v = policy().check_url(input, base);
    assert_eq!(v.allowed, v.reason == Reason::Allowed);
    assert_eq!(v.url.is_none(), v.reason == Reason::InvalidUrl);
    if !v.allowed {
        return;
    }

    // An allowed URL parses to a host its entry names.
    let base = base.map(|b| Url::parse(b).expect("bases parse"));
    let url = Url::options()
        .base_url(base.as_ref())
        .parse(input)
        .expect("allowed URLs parse");
    assert!(url.username().is_empty() && url.password().is_none());
    let host = match url.host() {
        Some(Host::Domain(d)) => d.strip_suffix('.').unwrap_or(d).to_owned(),
        other => panic!("allowed a non-name host {other:?}"),
    };
    let ok = match v.rule {
        Some(0) => host == "api.openai.com" && url.port().is_none(),
        Some(1) => {
            host.strip_suffix(".openai.azure.com").is_some_and(|labels| {
                !labels.is_empty() && labels.split('.').all(|l| !l.is_empty())
            }) && url.port().is_none()
        }
        Some(2) => host == "llm.corp.example" && url.port() == Some(8443),
        Some(3) => host == "localhost" && url.port() == Some(11434),
        _ => false,
    };
    assert!(ok, "{input:?} allowed by {:?} as {host}", v.rule);
});
