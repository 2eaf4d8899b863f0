//! Shared helpers for the secret detectors' tests: scan through the
//! public engine, so overlap resolution and priorities apply as in use.

use crate::{Airlock, Kind, Policy};

fn engine() -> Airlock {
    Airlock::new(Policy::default_policy()).expect("default policy")
}

/// The secrets found in `text`, as (detector id, value), in text order.
pub(crate) fn values(text: &str) -> Vec<(&'static str, &str)> {
    let ids: Vec<&'static str> =
        crate::builtin_detectors().into_iter().map(|(id, _)| id).collect();
    engine()
        .scan(text)
        .expect("scan")
        .into_iter()
        .filter(|f| f.kind == Kind::Secret)
        .map(|f| {
            let id = ids
                .iter()
                .copied()
                .find(|id| *id == f.detector.as_str())
                .expect("a built-in id");
            (id, &text[f.start_bytes..f.end_bytes])
        })
        .collect()
}

/// Asserts that detector `id` names a finding in `text`.
#[track_caller]
pub(crate) fn assert_finds(id: &str, text: &str) {
    let found = values(text);
    assert!(
        found.iter().any(|(got, _)| *got == id),
        "{id} not found in {text:?}; found {found:?}"
    );
}

/// Asserts that no secret is found in `text`.
#[track_caller]
pub(crate) fn assert_quiet(text: &str) {
    let found = values(text);
    assert!(found.is_empty(), "unexpected {found:?} in {text:?}");
}

/// One synthetic sample per detector (random values of the right shape,
/// valid checksums where the format has one), in
/// `testdata/samples.json`.
#[test]
fn every_detector_finds_its_sample() {
    let samples: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("testdata/samples.json"))
            .expect("samples.json");
    let mut covered = std::collections::BTreeSet::new();
    for row in &samples {
        let id = row["id"].as_str().expect("id");
        let text = row["text"].as_str().expect("text");
        assert_finds(id, text);
        covered.insert(id);
    }
    for (id, kind) in crate::builtin_detectors() {
        if kind == Kind::Secret {
            assert!(covered.contains(id), "no sample for {id}");
        }
    }
}

/// A value keeps its span whatever ends the text after it: the end of
/// the text, a newline, a quote or a space (patterns match that delimiter
/// and give it back). After a multi-byte character the value is still
/// covered whole; another detector may take the character in too.
#[test]
fn values_end_before_any_delimiter() {
    let samples: Vec<serde_json::Value> =
        serde_json::from_str(include_str!("testdata/samples.json"))
            .expect("samples.json");
    for row in &samples {
        let id = row["id"].as_str().expect("id");
        let text = row["text"].as_str().expect("text");
        let found = values(text);
        let (_, value) =
            found.iter().find(|(got, _)| *got == id).expect("sample found");
        for tail in ["\n", "\"", " end", "é", "\u{1F511}"] {
            let longer = format!("{text}{tail}");
            let found = values(&longer);
            let kept = found.iter().any(|(got, v)| {
                *got == id
                    && if tail.is_ascii() {
                        v == value
                    } else {
                        v.starts_with(value)
                    }
            });
            assert!(kept, "{id}: {found:?} with {tail:?} after the value");
        }
    }
}

#[test]
fn at_least_a_hundred_provider_formats() {
    let structural = [
        "jwt",
        "private_key",
        "url_credentials",
        "auth_header",
        "cli_password",
        "generic_secret",
    ];
    let providers = crate::builtin_detectors()
        .into_iter()
        .filter(|(id, kind)| *kind == Kind::Secret && !structural.contains(id))
        .count();
    assert!(providers >= 100, "{providers} provider formats");
}

#[test]
fn look_alikes_stay_readable() {
    for text in [
        "request id 89d9bf02-0067-4ba8-9898-90086a17b9af",
        "commit 9c0aa9162a3249da705b99cde26d71777cc649b0",
        "sha256:cbd650d171c3bb4c3af0e7c2dc0b97cfcb11dd54a64fda0bbb2c414198a12447",
        "version 12.27.1, build 7.0.2-rc4",
        "ts=1786134079311 and $717,752.66 on April 19, 2016",
        "publishable key pk_test_k1rR0HtKWZzMIqqtaMWcYDD5",
        "(password: <redacted>) (api_key=${API_KEY}) (ghp_your_token_here)",
        "tracking 1Z9R1ATF5H6OQ1XODG, color #2d6ffe",
    ] {
        assert_quiet(text);
    }
}
