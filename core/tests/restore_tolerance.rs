//! Restore: tolerance for what models do to placeholders, literal values,
//! unknown tokens, surrogates; vault export, import, limits, disposal.

mod vault_gen;

use airlock_core::{
    Action, Airlock, Policy, ScanErrorKind, Vault, VaultErrorKind,
};
use vault_gen::engine;

fn filled(action: &str, text: &str) -> (Vault, String) {
    let mut vault = Vault::new(b"seed");
    let out = engine(action).redact_with(text, &mut vault).unwrap();
    (vault, out.text)
}

#[test]
fn tolerates_what_models_do_to_placeholders() {
    let (vault, sent) = filled("tokenize", "a@corp.example");
    assert_eq!(sent, "[EMAIL_1]");
    let v = "a@corp.example";
    for (reply, want) in [
        ("[EMAIL_1]", v.to_string()),
        ("[email_1]", v.to_string()),
        ("[Email_1]", v.to_string()),
        ("\\[EMAIL\\_1\\]", v.to_string()),
        ("[EMAIL\\_1]", v.to_string()),
        ("EMAIL_1", v.to_string()),
        ("EMAIL\\_1.", format!("{v}.")),
        ("[EMAIL_1", v.to_string()),
        ("EMAIL_1]", v.to_string()),
        ("[ EMAIL_1 ]", v.to_string()),
        ("[EMAIL_1]'s", format!("{v}'s")),
        ("[EMAIL_1]s", format!("{v}s")),
        ("EMAIL_1's", format!("{v}'s")),
        ("EMAIL_1s.", format!("{v}s.")),
        ("EMAIL_1’s", format!("{v}’s")),
        ("**[EMAIL_1]**", format!("**{v}**")),
        ("(EMAIL_1)", format!("({v})")),
        ("\\[EMAIL_1]", format!("\\{v}")),
    ] {
        let out = vault.restore(reply);
        assert_eq!(out.text, want, "{reply}");
        assert_eq!(out.restored, 1, "{reply}");
        assert!(out.unknown.is_empty(), "{reply}");
    }

    // Not ours: glued to other words, or another number.
    for reply in ["XEMAIL_1", "EMAIL_1x", "EMAIL_12", "EMAIL_1_2", "EMAIL1"] {
        let out = vault.restore(reply);
        assert_eq!(out.text, reply);
        assert_eq!(out.restored, 0, "{reply}");
    }
}

#[test]
fn originals_come_back_byte_for_byte() {
    // Custom values with `$1`, backslashes and regex syntax.
    let policy = Policy::from_json(
        r#"{"version": 1, "defaultAction": "tokenize", "custom": [
            {"id": "odd", "dictionary": ["pa$1s\\\\w0rd", "(a|b)*\\1"],
             "wholeWord": false}]}"#,
    )
    .unwrap();
    let airlock = Airlock::new(policy).unwrap();
    for (text, value) in [
        ("use pa$1s\\\\w0rd now", "pa$1s\\\\w0rd"),
        ("x (a|b)*\\1 y $1 $0 \\0", "(a|b)*\\1"),
    ] {
        let mut vault = Vault::new(b"s");
        let out = airlock.redact_with(text, &mut vault).unwrap();
        assert!(out.text.contains("[ODD_1]"), "{}", out.text);
        assert_eq!(vault.restore(&out.text).text, text);
        let reply = out.text.replace("[ODD_1]", "[odd_1] and ODD_1");
        let want = text.replace(value, &format!("{value} and {value}"));
        assert_eq!(vault.restore(&reply).text, want);
    }
}

#[test]
fn unknown_tokens_stay_and_are_reported() {
    let (vault, _) = filled("tokenize", "a@corp.example");
    let out = vault.restore("[EMAIL_1] [EMAIL_2] [phone_7] [EMAIL_2] EMAIL_9");
    assert_eq!(
        out.text,
        "a@corp.example [EMAIL_2] [phone_7] [EMAIL_2] EMAIL_9"
    );
    assert_eq!(out.restored, 1);
    // Bare look-alikes are not reported: too common in code and prose.
    assert_eq!(out.unknown, ["[EMAIL_2]", "[phone_7]"]);
}

#[test]
fn placeholders_in_the_input_are_not_confused_with_ours() {
    let (vault, sent) = filled(
        "tokenize",
        "keep [EMAIL_1] and email_2 as typed; mail b@corp.example",
    );
    assert_eq!(sent, "keep [EMAIL_1] and email_2 as typed; mail [EMAIL_3]");
    let back = vault.restore(&sent);
    assert_eq!(
        back.text,
        "keep [EMAIL_1] and email_2 as typed; mail b@corp.example"
    );
    assert_eq!(back.unknown, ["[EMAIL_1]"]);
}

#[test]
fn surrogates_and_pseudonyms_restore() {
    let text = "write a@corp.example about AKIAZ7Q2XK4PLM3RT6VW";
    for action in ["surrogate", "pseudonymize"] {
        let (vault, sent) = filled(action, text);
        assert!(!sent.contains("a@corp.example"), "{sent}");
        let back = vault.restore(&format!("Re: {sent}!"));
        assert_eq!(back.text, format!("Re: {text}!"));
        assert_eq!(back.restored, 2);
    }
    let (vault, sent) = filled("pseudonymize", text);
    let upper = sent.to_uppercase().replace("WRITE", "write");
    assert_eq!(vault.restore(&upper).text.to_lowercase(), text.to_lowercase());
}

#[test]
fn surrogates_never_equal_a_real_value() {
    let policy = Policy::from_json(
        r#"{"version": 1, "defaultAction": "surrogate", "custom": [
            {"id": "code", "pattern": "\\bC-[0-9]{2}\\b"}]}"#,
    )
    .unwrap();
    let airlock = Airlock::new(policy).unwrap();
    let mut vault = Vault::new(b"s");
    // 100 values of 4 bytes: too short for surrogates, so tokens.
    let text: Vec<String> = (0..100).map(|i| format!("C-{i:02}")).collect();
    let text = text.join(" ");
    let out = airlock.redact_with(&text, &mut vault).unwrap();
    for r in &out.findings {
        assert_eq!(r.action, Action::Surrogate);
        assert!(r.replacement.as_ref().unwrap().starts_with("[CODE_"));
    }
    assert_eq!(vault.restore(&out.text).text, text);
}

#[test]
fn redact_without_a_vault_still_works() {
    for action in ["tokenize", "pseudonymize", "surrogate"] {
        let out = engine(action)
            .redact("a@corp.example, a@corp.example, b@corp.example")
            .unwrap();
        let r: Vec<_> =
            out.findings.iter().map(|r| r.replacement.clone()).collect();
        assert_eq!(r[0], r[1], "{action}");
        assert_ne!(r[0], r[2], "{action}");
    }
    assert!(Airlock::new(
        Policy::from_json(r#"{"version":1,"defaultAction":"pseudonymize"}"#)
            .unwrap()
    )
    .is_err());
}

#[test]
fn token_template_from_the_policy() {
    let policy = Policy::from_json(
        r#"{"version": 1, "defaultAction": "tokenize",
            "tokens": {"template": "<<{LABEL}:{N}>>"}}"#,
    )
    .unwrap();
    let airlock = Airlock::new(policy).unwrap();
    let mut vault = Vault::new(b"s");
    let out = airlock.redact_with("hi a@corp.example", &mut vault).unwrap();
    assert_eq!(out.text, "hi <<EMAIL:1>>");
    let back = vault.restore("<< email:1 >> \\<\\<EMAIL\\:1\\>\\> EMAIL:1");
    assert_eq!(back.text, "a@corp.example a@corp.example a@corp.example");

    // One vault, one template.
    let err = engine("tokenize").redact_with("b@corp.example", &mut vault);
    let err = err.unwrap_err();
    assert_eq!(err.code(), "vault_template");
    assert_eq!(vault.len(), 1);
}

#[test]
fn export_import_round_trip() {
    let (vault, sent) =
        filled("surrogate", "a@corp.example AKIAZ7Q2XK4PLM3RT6VW");
    let key = [7u8; 32];
    let blob = vault.export(&key, &[1; 12], b"conv-1").unwrap();
    assert_eq!(blob[0], 1);
    let back = Vault::import(&blob, &key, b"conv-1").unwrap();
    assert_eq!(back.len(), 2);
    assert_eq!(back.restore(&sent).text, vault.restore(&sent).text);

    // The imported vault goes on where the first left off.
    let mut back = back;
    let next =
        engine("surrogate").redact_with("a@corp.example", &mut back).unwrap();
    assert!(sent.starts_with(&next.text), "{} / {sent}", next.text);
}

#[test]
fn bad_blobs_are_clear_errors() {
    let (vault, _) = filled("tokenize", "a@corp.example");
    let key = [7u8; 32];
    let blob = vault.export(&key, &[1; 12], b"aad").unwrap();
    let kind = |r: Result<Vault, airlock_core::VaultError>| {
        r.map(|_| ()).unwrap_err().kind()
    };

    assert_eq!(
        kind(Vault::import(&blob, &[8; 32], b"aad")),
        VaultErrorKind::Decrypt
    );
    assert_eq!(
        kind(Vault::import(&blob, &key, b"other")),
        VaultErrorKind::Decrypt
    );
    for i in [1, 13, blob.len() / 2, blob.len() - 1] {
        let mut bad = blob.clone();
        bad[i] ^= 1;
        assert_eq!(
            kind(Vault::import(&bad, &key, b"aad")),
            VaultErrorKind::Decrypt
        );
    }
    let mut bad = blob.clone();
    bad[0] = 2;
    assert_eq!(
        kind(Vault::import(&bad, &key, b"aad")),
        VaultErrorKind::Version { found: 2 }
    );
    assert_eq!(
        kind(Vault::import(&blob[..20], &key, b"aad")),
        VaultErrorKind::Format
    );
    assert_eq!(kind(Vault::import(&[], &key, b"aad")), VaultErrorKind::Format);
    assert_eq!(
        kind(Vault::import(&blob, &key[..16], b"aad")),
        VaultErrorKind::Key
    );
    assert_eq!(
        vault.export(&key, &[1; 8], b"").unwrap_err().kind(),
        VaultErrorKind::Nonce
    );
    assert_eq!(
        vault.export(&[1; 31], &[1; 12], b"").unwrap_err().kind(),
        VaultErrorKind::Key
    );

    // Messages name the problem, never the contents.
    let err = Vault::import(&blob, &[8; 32], b"aad").unwrap_err();
    assert_eq!(err.code(), "vault_decrypt");
    assert!(!format!("{err} {err:?}").contains("corp"));
}

#[test]
fn the_vault_limit_is_an_error_and_changes_nothing() {
    let airlock = engine("tokenize");
    let mut vault = Vault::new(b"s");
    vault.set_max_entries(2).unwrap();
    airlock.redact_with("a@corp.example", &mut vault).unwrap();
    let err = airlock
        .redact_with("b@corp.example c@corp.example", &mut vault)
        .unwrap_err();
    assert_eq!(err.code(), "vault_full");
    assert_eq!(
        err.kind(),
        &ScanErrorKind::Vault(VaultErrorKind::Full { limit: 2 })
    );
    assert_eq!(vault.len(), 1);
    // Numbering resumes as if the failed call never happened.
    let out = airlock.redact_with("c@corp.example", &mut vault).unwrap();
    assert_eq!(out.text, "[EMAIL_2]");
    // Known values still go through a full vault.
    let out = airlock.redact_with("a@corp.example", &mut vault).unwrap();
    assert_eq!(out.text, "[EMAIL_1]");
    assert_eq!(vault.set_max_entries(1).unwrap_err().code(), "vault_full");
}

#[test]
fn debug_shows_counts_only_and_dispose_empties() {
    let (mut vault, sent) = filled("tokenize", "a@corp.example");
    let shown = format!("{vault:?} {:?}", vault.restore(&sent));
    assert!(!shown.contains("corp"), "{shown}");
    assert!(shown.contains("entries: 1"), "{shown}");
    let restorer = vault.restorer();
    assert!(!format!("{restorer:?}").contains("corp"));

    vault.dispose();
    assert!(vault.is_empty());
    assert_eq!(vault.restore(&sent).text, sent);
    // Filling again after disposal starts afresh.
    let out = engine("tokenize").redact_with("b@corp.example", &mut vault);
    assert_eq!(out.unwrap().text, "[EMAIL_1]");
}

#[test]
fn a_surrogate_never_occurs_in_its_input() {
    let policy = || {
        Policy::from_json(
            r#"{"version": 1, "defaultAction": "surrogate",
                "custom": [{"id": "codename", "dictionary": ["Falcon"]}]}"#,
        )
        .unwrap()
    };
    let airlock = Airlock::new(policy()).unwrap();
    let first = airlock.redact_with("Falcon", &mut Vault::new(b"s")).unwrap();
    let fake = first.text;
    assert_eq!(fake.len(), "Falcon".len());

    // The same seed would draw the same fake, but the input has it.
    let input = format!("Falcon vs {fake}");
    let mut vault = Vault::new(b"s");
    let out = airlock.redact_with(&input, &mut vault).unwrap();
    assert!(!out.text.starts_with(&fake), "{}", out.text);
    assert_eq!(vault.restore(&out.text).text, input);
}
