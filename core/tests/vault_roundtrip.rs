//! Round trips: `restore(redact_with(x)) == x` for generated texts and
//! for the shared corpus, under each reversible action.

mod vault_gen;

use std::path::PathBuf;

use airlock_core::Vault;
use vault_gen::{engine, text, vault, Rng, ACTIONS, FILLER, PLAIN_FILLER};

#[test]
fn generated_texts_round_trip() {
    for action in ACTIONS {
        let airlock = engine(action);
        let mut rng = Rng::new(7);
        for case in 0..400 {
            let input = text(&mut rng, 24, FILLER);
            let mut vault = vault(case);
            let out = airlock.redact_with(&input, &mut vault).unwrap();
            for r in &out.findings {
                let value = &input[r.finding.start_bytes..r.finding.end_bytes];
                assert!(
                    !out.text.contains(value),
                    "{action} case {case}: a value remains in {:?}",
                    out.text
                );
            }
            let back = vault.restore(&out.text);
            assert_eq!(
                back.text, input,
                "{action} case {case}: {:?}",
                out.text
            );
            assert_eq!(back.restored, out.findings.len(), "{action} {case}");
        }
    }
}

#[test]
fn multi_turn_conversations_stay_consistent() {
    for action in ACTIONS {
        let airlock = engine(action);
        let mut rng = Rng::new(11);
        for case in 0..40 {
            let mut vault = vault(case);
            let mut seen = std::collections::HashMap::new();
            for _turn in 0..6 {
                let input = text(&mut rng, 16, PLAIN_FILLER);
                let out = airlock.redact_with(&input, &mut vault).unwrap();
                for r in &out.findings {
                    let value = input
                        [r.finding.start_bytes..r.finding.end_bytes]
                        .to_string();
                    let token = r.replacement.clone().unwrap();
                    let first = seen.entry(value).or_insert(token.clone());
                    assert_eq!(
                        *first, token,
                        "{action}: same value, same token"
                    );
                }
                assert_eq!(vault.restore(&out.text).text, input);
            }
            // Different values never share a token.
            let mut tokens: Vec<_> = seen.values().collect();
            let n = tokens.len();
            tokens.sort();
            tokens.dedup();
            assert_eq!(tokens.len(), n, "{action}");
            assert_eq!(vault.len(), n);
        }
    }
}

#[test]
fn pseudonyms_are_stable_across_vaults_and_engines() {
    let a = engine("pseudonymize");
    let b = engine("pseudonymize");
    let text = "mail jane.doe@corp.example now";
    let x = a.redact_with(text, &mut Vault::new(b"one")).unwrap();
    let y = b.redact_with(text, &mut Vault::new(b"two")).unwrap();
    assert_eq!(x.text, y.text);
    assert!(x.text.starts_with("mail [EMAIL_"), "{}", x.text);
    let hex = &x.text["mail [EMAIL_".len()..x.text.len() - "] now".len()];
    assert_eq!(hex.len(), 8);
    assert!(hex.bytes().all(|b| b.is_ascii_hexdigit()));
}

#[test]
fn surrogates_are_deterministic_given_the_seed() {
    let airlock = engine("surrogate");
    let text = "mail jane.doe@corp.example and AKIAIOSFODNN7EXAMPLE";
    let run = |seed: &[u8]| {
        airlock.redact_with(text, &mut Vault::new(seed)).unwrap().text
    };
    assert_eq!(run(b"s1"), run(b"s1"));
    assert_ne!(run(b"s1"), run(b"s2"));
    let out = run(b"s1");
    assert!(
        out.contains("@example.com")
            || out.contains("@example.org")
            || out.contains("@example.net"),
        "{out}"
    );
}

/// Where the shared corpus lives: `AIRLOCK_SHARED_DIR`, else a `shared`
/// folder beside the workspace or one of its ancestors.
fn shared_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("AIRLOCK_SHARED_DIR") {
        return Some(PathBuf::from(dir));
    }
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .skip(1)
        .map(|a| a.join("shared"))
        .find(|p| p.join("corpus").is_dir())
}

fn corpus() -> Option<Vec<String>> {
    let path = shared_dir()?.join("corpus").join("dev.jsonl");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text.lines().map(str::to_string).collect()),
        Err(_) => None,
    }
}

#[test]
fn corpus_round_trips_and_leaves_no_value() {
    let Some(lines) = corpus() else {
        eprintln!("skipped: shared/corpus/dev.jsonl not found");
        return;
    };
    let mut findings = 0;
    for action in ACTIONS {
        let airlock = engine(action);
        let mut vault = Vault::new(b"corpus seed");
        vault.set_max_entries(1_000_000).unwrap();
        for (i, line) in lines.iter().enumerate() {
            let doc: serde_json::Value = serde_json::from_str(line).unwrap();
            let Some(input) = doc["text"].as_str() else { continue };
            // One vault for the whole corpus: a long conversation.
            let out = airlock.redact_with(input, &mut vault).unwrap();
            for r in &out.findings {
                let value = &input[r.finding.start_bytes..r.finding.end_bytes];
                if value.chars().count() >= 6 {
                    assert!(
                        !out.text.contains(value),
                        "{action} line {i}: a {} value remains",
                        r.finding.kind
                    );
                }
            }
            findings += out.findings.len();
            let back = vault.restore(&out.text);
            assert_eq!(back.text, input, "{action} line {i}");
        }
    }
    eprintln!("corpus: {} documents, {findings} findings", lines.len());
}
