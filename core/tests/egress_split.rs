//! The egress allowlist compiled on its own, as the egress Wasm module
//! does: `EgressPolicy::from_policy_json` must give the errors (code, path
//! and message) that `Policy::from_json` gives for the same document, and
//! the same verdicts.

use airlock_core::egress::EgressPolicy;
use airlock_core::Policy;

/// Documents whose first problem is in the egress section (or is the
/// document's shape as a whole).
const BAD: &[&str] = &[
    r#"{"version":1,"egress":{"allow":["https://a.example/*","/rel"]}}"#,
    r#"{"version":1,"egress":{"allow":["https://[unclosed/*"]}}"#,
    r#"{"version":1,"egress":{"allow":["ftp://a.example/*"]}}"#,
    r#"{"version":1,"egress":{"allow":["https://u:p@a.example/*"]}}"#,
    r#"{"version":1,"egress":{"allow":["https://a.example./*"]}}"#,
    r#"{"version":1,"egress":{"allow":["https://a]b.example/*"]}}"#,
    r#"{"version":1,"egress":{"allow":[1]}}"#,
    r#"{"version":1,"egress":{"allow":"https://a.example/*"}}"#,
    r#"{"version":1,"egress":{"alow":[]}}"#,
    r#"{"version":1,"egress":{"allow":["https://a.example/*"]},"egress":{}}"#,
];

#[test]
fn same_errors_as_the_whole_policy() {
    for json in BAD {
        let whole = Policy::from_json(json).expect_err(json);
        let alone = EgressPolicy::from_policy_json(json).expect_err(json);
        assert_eq!(alone, whole, "{json}");
        let path = whole.path();
        assert!(path.is_empty() || path.starts_with("egress"), "{whole}");
    }
}

#[test]
fn limits_are_the_same() {
    let many: Vec<String> =
        (0..=256).map(|i| format!("https://h{i}.example/*")).collect();
    let json =
        serde_json::json!({ "version": 1, "egress": { "allow": many } })
            .to_string();
    let whole = Policy::from_json(&json).unwrap_err();
    let alone = EgressPolicy::from_policy_json(&json).unwrap_err();
    assert_eq!(alone, whole);
    assert_eq!(alone.code(), "policy_too_large");
    assert_eq!(alone.path(), "egress.allow");
}

#[test]
fn other_sections_are_left_to_the_main_module() {
    // The main module refuses this document; the egress part alone is
    // fine, and is all the egress module reads.
    let json = r#"{"version":9,"custom":[{"id":"x","pattern":"("}],
        "unknown":true,"egress":{"allow":["https://a.example/*"]}}"#;
    assert!(Policy::from_json(json).is_err());
    let egress = EgressPolicy::from_policy_json(json).unwrap();
    assert_eq!(egress.len(), 1);
}

#[test]
fn same_verdicts_as_the_whole_policy() {
    let json = r#"{"version":1,"defaultAction":"redact","egress":{"allow":[
        "https://api.openai.com/v1/*","http://localhost:11434/api/*"]}}"#;
    let policy = Policy::from_json(json).unwrap();
    let alone = EgressPolicy::from_policy_json(json).unwrap();
    assert_eq!(policy.egress_entries(), 2);
    for url in [
        "https://api.openai.com/v1/chat",
        "https://api.openai.com@evil.example/v1/chat",
        "http://localhost:11434/api/tags",
        "http://127.0.0.1:11434/api/tags",
        "https://api.openai.com:8443/v1/x",
        "not a url",
    ] {
        assert_eq!(
            alone.check_url(url, None),
            policy.egress().check_url(url, None),
            "{url}"
        );
    }
}

#[test]
fn no_section_denies_everything() {
    for json in [r#"{"version":1}"#, r#"{"version":1,"egress":{}}"#] {
        let egress = EgressPolicy::from_policy_json(json).unwrap();
        assert!(egress.is_empty());
        assert_eq!(Policy::from_json(json).unwrap().egress_entries(), 0);
    }
    let egress =
        EgressPolicy::from_policy_json(airlock_core::DEFAULT_POLICY_JSON)
            .unwrap();
    assert!(egress.is_empty());
}
