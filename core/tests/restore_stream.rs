//! Streaming restore: any cut of a reply, by characters or by bytes,
//! restores to the same text as the whole, with a bounded hold-back.

mod vault_gen;

use airlock_core::{Airlock, Policy, Restoration, StreamRestorer, Vault};
use vault_gen::{text, Rng, FILLER};

/// Emails as surrogates, secrets as pseudonyms, the rest as tokens.
fn mixed_engine() -> Airlock {
    let policy = Policy::from_json(
        r#"{"version": 1, "defaultAction": "tokenize",
            "detectors": {"email": {"action": "surrogate"},
                          "aws_access_key": {"action": "pseudonymize"}},
            "custom": [{"id": "codename",
                        "dictionary": ["Falcon", "Blue Heron"]}]}"#,
    )
    .unwrap();
    Airlock::builder().policy(policy).pseudonym_key(b"k").build().unwrap()
}

/// What a model might send back: the redacted text with its tokens
/// mangled in the ways restore tolerates, plus some unknown tokens.
fn reply(rng: &mut Rng, sent: &str) -> String {
    let mut out = String::new();
    for word in sent.split_inclusive(' ') {
        let w = match rng.below(6) {
            0 => word.to_lowercase(),
            1 => word
                .replace('[', "\\[")
                .replace(']', "\\]")
                .replace('_', "\\_"),
            2 => word.replace(['[', ']'], ""),
            3 => word.replace('[', "[ ").replace(']', " ]s"),
            _ => word.to_string(),
        };
        out.push_str(&w);
        if rng.below(10) == 0 {
            out.push_str(rng.pick(&[
                " [EMAIL_99] ",
                "Falcon",
                " [CODENAME_1]'s ",
            ]));
        }
    }
    out
}

fn cases() -> Vec<(Vault, String)> {
    let airlock = mixed_engine();
    let mut rng = Rng::new(3);
    let mut out = Vec::new();
    for case in 0..150u64 {
        let mut vault = Vault::new(&case.to_le_bytes());
        let mut input = text(&mut rng, 20, FILLER);
        if case % 3 == 0 {
            input.push_str(" Falcon and Blue Heron");
        }
        let sent = airlock.redact_with(&input, &mut vault).unwrap();
        let r = reply(&mut rng, &sent.text);
        out.push((vault, r));
    }
    out
}

fn drain(
    restorer: &mut StreamRestorer,
    chunks: impl Iterator<Item = String>,
) -> String {
    let mut out = String::new();
    for chunk in chunks {
        out.push_str(&restorer.push(&chunk));
        assert!(restorer.held_bytes() <= 512, "{}", restorer.held_bytes());
    }
    out.push_str(&restorer.finish());
    out
}

fn char_chunks(rng: &mut Rng, text: &str, max: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let n = (1 + rng.below(max)).min(chars.len() - at);
        out.push(chars[at..at + n].iter().collect());
        at += n;
    }
    out
}

fn byte_chunks<'a>(
    rng: &mut Rng,
    bytes: &'a [u8],
    max: usize,
) -> Vec<&'a [u8]> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let n = (1 + rng.below(max)).min(bytes.len() - at);
        out.push(&bytes[at..at + n]);
        at += n;
    }
    out
}

fn same(a: &Restoration, text: &str, r: &StreamRestorer, what: &str) {
    assert_eq!(text, a.text, "{what}");
    assert_eq!(r.restored(), a.restored, "{what}");
    assert_eq!(r.unknown(), a.unknown, "{what}");
}

#[test]
fn any_cut_by_characters_restores_the_same() {
    let mut rng = Rng::new(5);
    let (mut restored, mut unknown) = (0, 0);
    for (i, (vault, reply)) in cases().iter().enumerate() {
        let whole = vault.restore(reply);
        restored += whole.restored;
        unknown += whole.unknown.len();
        for max in [1, 2, 3, 7, 40] {
            let mut r = vault.restorer();
            let chunks = char_chunks(&mut rng, reply, max);
            let out = drain(&mut r, chunks.into_iter());
            same(&whole, &out, &r, &format!("case {i} max {max}: {reply:?}"));
        }
    }
    // The cases do exercise both outcomes.
    assert!(restored > 200 && unknown > 20, "{restored} {unknown}");
}

#[test]
fn any_cut_by_bytes_restores_the_same() {
    let mut rng = Rng::new(6);
    for (i, (vault, reply)) in cases().iter().enumerate() {
        let whole = vault.restore(reply);
        for max in [1, 2, 5, 64] {
            let mut r = vault.restorer();
            let mut out = String::new();
            for chunk in byte_chunks(&mut rng, reply.as_bytes(), max) {
                out.push_str(&r.push_bytes(chunk));
            }
            out.push_str(&r.finish());
            same(&whole, &out, &r, &format!("case {i} max {max}"));
        }
    }
}

#[test]
fn invalid_utf8_decodes_as_text_decoder_does() {
    let vault = Vault::new(b"s");
    let mut rng = Rng::new(8);
    let pieces: [&[u8]; 8] = [
        b"abc",
        "é😀中".as_bytes(),
        b"\xff",
        b"\xe4\xb8",
        b"\xf0\x9f\x98",
        b"\xc3",
        b"\x80\x80",
        b"[EMAIL_1]",
    ];
    for _ in 0..300 {
        let mut bytes = Vec::new();
        for _ in 0..rng.below(12) {
            bytes.extend_from_slice(pieces[rng.below(pieces.len())]);
        }
        let want = vault.restore(&String::from_utf8_lossy(&bytes)).text;
        let mut r = vault.restorer();
        let mut out = String::new();
        for chunk in byte_chunks(&mut rng, &bytes, 3) {
            out.push_str(&r.push_bytes(chunk));
        }
        out.push_str(&r.finish());
        assert_eq!(out, want, "{bytes:?}");
    }
}

#[test]
fn text_is_flushed_at_once_and_memory_stays_flat() {
    let airlock = mixed_engine();
    let mut vault = Vault::new(b"s");
    let sent = airlock
        .redact_with("ask Falcon and a@corp.example", &mut vault)
        .unwrap()
        .text;
    let mut r = vault.restorer();

    // Plain text goes straight through.
    assert_eq!(r.push("Hello there, "), "Hello there, ");
    // A possible token start is held, and only that.
    assert_eq!(r.push("see [CODE"), "see ");
    assert_eq!(r.push("NAME_1] ok"), "Falcon ok");

    // A long stream with tokens everywhere: the hold-back stays small.
    let mut total = 0;
    for i in 0..20_000 {
        let chunk = if i % 2 == 0 { sent.as_str() } else { " and [CODENAME_" };
        total += r.push(chunk).len();
        assert!(r.held_bytes() <= 512);
    }
    total += r.finish().len();
    assert!(total > 20_000 * 10);
}
