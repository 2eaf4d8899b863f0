//! Hostile and random input: scanning and redaction never panic, never
//! lose text outside a finding, and never leave a found value readable.

mod common;

use common::XorShift;

use airlock_core::{Action, Airlock, Policy};

/// Fragments that steer random text towards detectors and boundaries.
const FRAGMENTS: &[&str] = &[
    "@",
    ".",
    "-",
    "_",
    ":",
    "/",
    "=",
    "\"",
    "'",
    " ",
    "\n",
    "\t",
    "\0",
    "a@b.example",
    "AKIA",
    "ghp_",
    "sk-",
    "4111 1111 1111 1111",
    "DE89",
    "+1 415",
    "192.168.",
    "::1",
    "bc1q",
    "0x",
    "password=",
    "Bearer ",
    "-----BEGIN",
    "é",
    "😀",
    "中文",
    "\u{FFFD}",
    "\u{200B}",
    "0123456789",
    "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "abcdefghijklmnopqrstuvwxyz",
];

fn random_text(rng: &mut XorShift) -> String {
    let mut s = String::new();
    for _ in 0..rng.below(60) {
        if rng.below(4) == 0 {
            // Random bytes, decoded lossily: junk that is still a str.
            let bytes: Vec<u8> =
                (0..rng.below(12)).map(|_| rng.next() as u8).collect();
            s.push_str(&String::from_utf8_lossy(&bytes));
        } else {
            s.push_str(FRAGMENTS[rng.below(FRAGMENTS.len())]);
        }
    }
    s
}

#[test]
fn random_text_round_trips_outside_findings() {
    let airlock = Airlock::new(
        Policy::from_json(r#"{"version":1,"defaultAction":"redact"}"#)
            .unwrap(),
    )
    .unwrap();
    let mut rng = XorShift(0x5eed_1234_abcd_ef01);
    for i in 0..3000 {
        let text = random_text(&mut rng);
        let out =
            airlock.redact(&text).unwrap_or_else(|e| panic!("case {i}: {e}"));

        // Rebuild the output from the input and the findings: everything
        // outside a finding is kept byte for byte.
        let mut rebuilt = String::new();
        let mut at = 0;
        for r in &out.findings {
            let f = &r.finding;
            assert!(f.start_bytes >= at && f.end_bytes > f.start_bytes);
            assert!(text.is_char_boundary(f.start_bytes));
            assert!(text.is_char_boundary(f.end_bytes));
            assert_eq!(r.action, Action::Redact);
            rebuilt.push_str(&text[at..f.start_bytes]);
            rebuilt.push_str(r.replacement.as_deref().unwrap());
            at = f.end_bytes;
        }
        rebuilt.push_str(&text[at..]);
        assert_eq!(rebuilt, out.text, "case {i}");
    }
}

#[test]
fn pathological_inputs_finish() {
    let airlock = Airlock::new(Policy::default_policy()).unwrap();
    let long_runs = [
        "@".repeat(200_000),
        "a".repeat(200_000),
        "1".repeat(200_000),
        "a@".repeat(100_000),
        "AKIA".repeat(50_000),
        "-".repeat(200_000),
        "😀".repeat(50_000),
        "\0".repeat(200_000),
    ];
    for text in &long_runs {
        airlock.redact(text).unwrap();
    }
}

#[test]
fn debug_output_never_shows_values() {
    let airlock = Airlock::builder()
        .policy(
            Policy::from_json(
                r#"{"version":1,"allow":["keep.me@example.com"]}"#,
            )
            .unwrap(),
        )
        .hash_key(b"super secret key")
        .build()
        .unwrap();
    let text = "mail hidden.person@example.com";
    let found = airlock.scan(text).unwrap();
    let shown = format!("{airlock:?} {found:?} {:?}", airlock.policy());
    assert!(!shown.contains("hidden.person"), "{shown}");
    assert!(!shown.contains("keep.me"), "{shown}");
    assert!(!shown.contains("super secret"), "{shown}");
}
