//! The compiled engine: scans a text with every enabled detector,
//! resolves overlaps, applies the policy's actions.

use std::collections::HashSet;

use zeroize::Zeroizing;

use crate::detect::{self, BuiltinScanner, RawFinding};
use crate::error::{PolicyError, PolicyErrorKind, ScanError, ScanErrorKind};
use crate::finding::{DetectorId, Finding, Kind};
use crate::policy::{Action, Policy};
use crate::restore;
use crate::transform;
use crate::vault::{Fill, Mode, Vault};

/// Rounds of redrawing surrogates that clash with the input before each
/// is checked on its own (see [`Airlock::redact_with`]).
const SURROGATE_ROUNDS: usize = 3;

/// Custom detectors outrank PII but not provider secrets.
const CUSTOM_PRIORITY: u8 = 70;

/// Finds and transforms sensitive values under one policy.
///
/// Example:
///
/// ```
/// use airlock_core::{Airlock, Kind, Policy};
///
/// let airlock = Airlock::new(Policy::default_policy())?;
/// let out = airlock.redact("write to jane.doe@example.com today")?;
/// assert_eq!(out.text, "write to [EMAIL] today");
/// assert_eq!(out.findings[0].finding.kind, Kind::Email);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Airlock {
    policy: Policy,
    builtins: BuiltinScanner,
    hash_key: Option<Zeroizing<Vec<u8>>>,
    pseudonym_key: Option<Zeroizing<Vec<u8>>>,
}

/// Builds an [`Airlock`] with options beyond the policy.
#[derive(Default)]
pub struct AirlockBuilder {
    policy: Option<Policy>,
    hash_key: Option<Zeroizing<Vec<u8>>>,
    pseudonym_key: Option<Zeroizing<Vec<u8>>>,
}

impl AirlockBuilder {
    /// The policy to enforce; the embedded default if never called.
    pub fn policy(mut self, policy: Policy) -> AirlockBuilder {
        self.policy = Some(policy);
        self
    }

    /// The key of the `hash` action. Keep it secret: with it, anyone can
    /// test a guess against a hashed value.
    pub fn hash_key(mut self, key: &[u8]) -> AirlockBuilder {
        self.hash_key = Some(Zeroizing::new(key.to_vec()));
        self
    }

    /// The key of the `pseudonymize` action: the same key gives the same
    /// pseudonyms on every machine. Keep it secret, as the hash key.
    pub fn pseudonym_key(mut self, key: &[u8]) -> AirlockBuilder {
        self.pseudonym_key = Some(Zeroizing::new(key.to_vec()));
        self
    }

    /// Builds the engine.
    ///
    /// # Errors
    ///
    /// A [`PolicyError`] if the policy uses `hash` and no hash key was
    /// given, or `pseudonymize` and no pseudonym key was given.
    pub fn build(self) -> Result<Airlock, PolicyError> {
        let policy = self.policy.unwrap_or_else(Policy::default_policy);
        let missing = |key: &Option<Zeroizing<Vec<u8>>>| {
            key.as_ref().is_none_or(|k| k.is_empty())
        };
        if policy.uses_hash() && missing(&self.hash_key) {
            return Err(PolicyError::new(
                PolicyErrorKind::Invalid,
                "",
                "the hash action needs a non-empty key",
            ));
        }
        if policy.uses(|a| a == Action::Pseudonymize)
            && missing(&self.pseudonym_key)
        {
            return Err(PolicyError::new(
                PolicyErrorKind::Invalid,
                "",
                "the pseudonymize action needs a non-empty pseudonym key",
            ));
        }
        let enabled =
            detect::builtin().filter(|p| policy.is_enabled(p.kind, p.id));
        let builtins = BuiltinScanner::new(enabled).map_err(|_| {
            PolicyError::new(
                PolicyErrorKind::Invalid,
                "",
                "internal error preparing the built-in detectors",
            )
        })?;
        Ok(Airlock {
            policy,
            builtins,
            hash_key: self.hash_key,
            pseudonym_key: self.pseudonym_key,
        })
    }
}

/// The result of [`Airlock::redact`] and [`Airlock::redact_with`].
#[derive(Clone, Debug)]
pub struct Redaction {
    /// The text with every finding transformed.
    pub text: String,
    /// What was found and done, in text order.
    pub findings: Vec<Redacted>,
}

/// One finding and what the policy did with it.
#[derive(Clone, Debug)]
pub struct Redacted {
    /// Where the value was in the input.
    pub finding: Finding,
    /// The action applied.
    pub action: Action,
    /// The text put in its place; `None` when the value was left as is.
    pub replacement: Option<String>,
}

impl Airlock {
    /// An engine for `policy`.
    ///
    /// # Errors
    ///
    /// See [`AirlockBuilder::build`].
    pub fn new(policy: Policy) -> Result<Airlock, PolicyError> {
        Airlock::builder().policy(policy).build()
    }

    /// Starts a builder.
    pub fn builder() -> AirlockBuilder {
        AirlockBuilder::default()
    }

    /// The policy this engine enforces.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The action the policy takes for `finding`.
    pub fn action_for(&self, finding: &Finding) -> Action {
        self.policy.action_for(finding.kind, finding.detector.as_str())
    }

    /// Finds every sensitive value in `text`, in text order, overlaps
    /// resolved, allow-listed values left out.
    ///
    /// # Errors
    ///
    /// `input_too_large` over the policy's limit; `internal` on a bug.
    pub fn scan(&self, text: &str) -> Result<Vec<Finding>, ScanError> {
        if text.len() > self.policy.max_input_bytes() {
            return Err(ScanError::new(ScanErrorKind::InputTooLarge {
                len_bytes: text.len(),
                limit_bytes: self.policy.max_input_bytes(),
            }));
        }
        let mut candidates = Vec::new();
        let mut raw = Vec::new();
        self.builtins.scan(text, &mut raw)?;
        candidates.extend(raw.iter().map(|r: &RawFinding| Candidate {
            start: r.start,
            end: r.end,
            kind: r.pattern.kind,
            detector: Detector::Builtin(r.pattern.id),
            priority: r.pattern.priority,
        }));

        let mut spans = Vec::new();
        for (i, custom) in self.policy.custom.iter().enumerate() {
            if !self.policy.is_enabled(Kind::Custom, custom.id.as_str()) {
                continue;
            }
            spans.clear();
            custom.find(text, &mut spans);
            candidates.extend(spans.iter().map(|&(start, end)| Candidate {
                start,
                end,
                kind: Kind::Custom,
                detector: Detector::Custom(i),
                priority: CUSTOM_PRIORITY,
            }));
        }

        if !self.policy.allow.is_empty() {
            candidates.retain(|c| {
                !self.policy.allow.contains(&text[c.start..c.end])
            });
        }
        Ok(resolve_overlaps(candidates)
            .into_iter()
            .map(|c| self.finding(c))
            .collect())
    }

    /// Scans `text` and applies the policy's action to every finding.
    ///
    /// Reversible actions (`tokenize`, `pseudonymize`, `surrogate`) work
    /// here too, through a throwaway vault dropped (and zeroized) before
    /// this returns: the text is safe to send, but its tokens can never
    /// be restored. Use [`Airlock::redact_with`] to keep them. Without a
    /// caller's seed, surrogates here come from a fixed one: the same
    /// text gets the same fakes (which still tell nothing of the values,
    /// see [`Vault`]).
    ///
    /// # Errors
    ///
    /// `blocked` when a finding's action is `block` (the error names the
    /// kinds, never the values); otherwise as [`Airlock::scan`].
    pub fn redact(&self, text: &str) -> Result<Redaction, ScanError> {
        let mut vault = Vault::new(&[]);
        vault
            .set_max_entries(usize::MAX)
            .map_err(|e| ScanError::new(ScanErrorKind::Vault(e.kind())))?;
        self.redact_with(text, &mut vault)
    }

    /// Like [`Airlock::redact`], recording every tokenized, pseudonymized
    /// or surrogated value in `vault`, so that
    /// [`Vault::restore`] can put them back in the reply.
    ///
    /// The same value gets the same token from one vault across calls,
    /// which keeps a multi-turn conversation consistent. New token numbers
    /// skip any token-shaped text already in `text` (`[EMAIL_1]` typed by
    /// the user is never confused with Airlock's own), and surrogates
    /// never equal a value in the vault nor occur in `text`.
    ///
    /// # Errors
    ///
    /// As [`Airlock::redact`]; also `vault_full` when the vault cannot
    /// take the new values and `vault_template` when it holds tokens of
    /// another template. On any error the vault is left as it was.
    pub fn redact_with(
        &self,
        text: &str,
        vault: &mut Vault,
    ) -> Result<Redaction, ScanError> {
        let findings = self.redactions_with(text, vault)?;
        let mut out = String::with_capacity(text.len());
        let mut at = 0;
        for r in &findings {
            if let Some(replacement) = &r.replacement {
                out.push_str(&text[at..r.finding.start_bytes]);
                out.push_str(replacement);
                at = r.finding.end_bytes;
            }
        }
        out.push_str(&text[at..]);
        Ok(Redaction { text: out, findings })
    }

    /// What [`Airlock::redact_with`] does, without building the redacted
    /// text: the findings in text order, each with its replacement, for a
    /// caller that puts them into its own copy of the text.
    ///
    /// # Errors
    ///
    /// As [`Airlock::redact_with`].
    pub fn redactions_with(
        &self,
        text: &str,
        vault: &mut Vault,
    ) -> Result<Vec<Redacted>, ScanError> {
        let findings = self.scan(text)?;
        let actions: Vec<Action> =
            findings.iter().map(|f| self.action_for(f)).collect();
        self.check_blocked(&findings, &actions)?;
        if !actions.iter().any(|a| a.is_reversible()) {
            // Nothing goes to the vault: no surrogate can clash.
            let none = HashSet::new();
            return self.apply(text, &findings, &actions, vault, &none, false);
        }

        // Surrogates must not occur in the input, or restore would take
        // the input's own text for them. Checking each against the whole
        // input is quadratic, so all are checked at once afterwards, and
        // the rare clash is redone with the clashing ones banned; the last
        // round checks each surrogate on its own.
        let mut banned = HashSet::new();
        let mut round = 0;
        loop {
            let last = round == SURROGATE_ROUNDS;
            let mark = vault.mark();
            let redacted = match self
                .apply(text, &findings, &actions, vault, &banned, last)
            {
                Ok(r) => r,
                Err(e) => {
                    vault.rollback(mark);
                    return Err(e);
                }
            };
            let clashes = vault.new_literals_in(&mark, text);
            if clashes.is_empty() || last {
                return Ok(redacted);
            }
            vault.rollback(mark);
            banned.extend(clashes);
            round += 1;
        }
    }

    fn apply(
        &self,
        text: &str,
        findings: &[Finding],
        actions: &[Action],
        vault: &mut Vault,
        banned: &HashSet<String>,
        check_input: bool,
    ) -> Result<Vec<Redacted>, ScanError> {
        let vault_error = |e: crate::VaultError| {
            ScanError::new(ScanErrorKind::Vault(e.kind()))
        };

        // What the vault needs to hand out new tokens safely, gathered
        // once per text and only when some value goes to the vault.
        let mut fill = None;
        if actions.iter().any(|a| a.is_reversible()) {
            vault
                .adopt_template(&self.policy.template)
                .map_err(vault_error)?;
            let labels: Vec<String> = self
                .policy
                .custom
                .iter()
                .map(|c| c.label.clone())
                .chain(vault.labels().map(str::to_string))
                .collect();
            let reserved = restore::token_keys(
                text,
                vault.template_or(&self.policy.template),
                labels.iter().map(String::as_str),
            );
            fill = Some(Fill {
                input: text,
                reserved,
                pseudonym_key: self
                    .pseudonym_key
                    .as_deref()
                    .map_or(&[], Vec::as_slice),
                pseudonym_digits: self.policy.pseudonym_digits,
                banned,
                check_input,
            });
        }

        let mut redacted = Vec::with_capacity(findings.len());
        for (finding, &action) in findings.iter().zip(actions) {
            let value = &text[finding.start_bytes..finding.end_bytes];
            let label = self.label(finding);
            let mode = match action {
                Action::Tokenize => Some(Mode::Token),
                Action::Pseudonymize => Some(Mode::Pseudonym),
                Action::Surrogate => Some(Mode::Surrogate),
                _ => None,
            };
            let replacement = match (mode, &fill) {
                (Some(mode), Some(fill)) => Some(
                    vault
                        .assign(mode, finding.kind, &label, value, fill)
                        .map_err(vault_error)?,
                ),
                (Some(_), None) => {
                    return Err(ScanError::new(ScanErrorKind::Internal(
                        "a reversible action without a vault",
                    )))
                }
                (None, _) => transform::replacement(
                    action,
                    &label,
                    value,
                    self.hash_key.as_deref().map(Vec::as_slice),
                ),
            };
            if replacement.is_none() && action != Action::Allow {
                // Only `allow` may leave a value in place.
                return Err(ScanError::new(ScanErrorKind::Internal(
                    "no replacement for a redacted value",
                )));
            }
            redacted.push(Redacted {
                finding: finding.clone(),
                action,
                replacement,
            });
        }
        Ok(redacted)
    }

    fn check_blocked(
        &self,
        findings: &[Finding],
        actions: &[Action],
    ) -> Result<(), ScanError> {
        let mut kinds = Vec::new();
        let mut detectors = Vec::new();
        for (f, a) in findings.iter().zip(actions) {
            if *a == Action::Block {
                kinds.push(f.kind);
                detectors.push(f.detector.clone());
            }
        }
        if kinds.is_empty() {
            return Ok(());
        }
        kinds.sort();
        kinds.dedup();
        detectors.sort();
        detectors.dedup();
        Err(ScanError::new(ScanErrorKind::Blocked { kinds, detectors }))
    }

    /// The label of a finding: its kind's, or a custom detector's own.
    pub fn label(&self, finding: &Finding) -> String {
        if finding.kind == Kind::Custom {
            if let Some(c) =
                self.policy.custom.iter().find(|c| c.id == finding.detector)
            {
                return c.label.clone();
            }
        }
        finding.kind.label().to_string()
    }

    fn finding(&self, c: Candidate) -> Finding {
        let detector = match c.detector {
            Detector::Builtin(id) => DetectorId::from_static(id),
            Detector::Custom(i) => self.policy.custom[i].id.clone(),
        };
        Finding {
            kind: c.kind,
            detector,
            start_bytes: c.start,
            end_bytes: c.end,
        }
    }
}

impl std::fmt::Debug for Airlock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Airlock")
            .field("policy", &self.policy)
            .field("hash_key", &self.hash_key.as_ref().map(|_| "<set>"))
            .field(
                "pseudonym_key",
                &self.pseudonym_key.as_ref().map(|_| "<set>"),
            )
            .finish()
    }
}

#[derive(Clone, Copy)]
enum Detector {
    Builtin(&'static str),
    Custom(usize),
}

#[derive(Clone, Copy)]
struct Candidate {
    start: usize,
    end: usize,
    kind: Kind,
    detector: Detector,
    priority: u8,
}

/// Merges overlapping candidates: the higher priority (then the longer)
/// names the finding, and the finding covers the union of the spans, so
/// nothing any detector flagged is left readable.
fn resolve_overlaps(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.priority.cmp(&a.priority))
            .then(b.end.cmp(&a.end))
    });
    let mut kept: Vec<Candidate> = Vec::with_capacity(candidates.len());
    for c in candidates {
        let Some(last) = kept.last_mut() else {
            kept.push(c);
            continue;
        };
        if c.start >= last.end {
            kept.push(c);
            continue;
        }
        let c_len = c.end - c.start;
        let last_len = last.end - last.start;
        if (c.priority, c_len) > (last.priority, last_len) {
            last.kind = c.kind;
            last.detector = c.detector;
            last.priority = c.priority;
        }
        last.end = last.end.max(c.end);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(start: usize, end: usize, priority: u8) -> Candidate {
        Candidate {
            start,
            end,
            kind: Kind::Secret,
            detector: Detector::Builtin("x"),
            priority,
        }
    }

    #[test]
    fn overlaps_merge_to_the_union_named_by_the_stronger() {
        let out = resolve_overlaps(vec![
            cand(0, 10, 50),
            cand(5, 20, 80),
            cand(30, 40, 10),
        ]);
        assert_eq!(out.len(), 2);
        assert_eq!((out[0].start, out[0].end, out[0].priority), (0, 20, 80));
        assert_eq!((out[1].start, out[1].end), (30, 40));
    }

    #[test]
    fn block_names_kinds_not_values() {
        let policy = Policy::from_json(
            r#"{"version":1,"detectors":{"email":{"action":"block"}}}"#,
        )
        .unwrap();
        let airlock = Airlock::new(policy).unwrap();
        let err = airlock.redact("mail bob.secret@example.com").unwrap_err();
        assert_eq!(err.code(), "blocked");
        let shown = format!("{err} {err:?}");
        assert!(shown.contains("email"));
        assert!(!shown.contains("bob.secret"));
    }

    #[test]
    fn input_limit_is_an_error() {
        let policy =
            Policy::from_json(r#"{"version":1,"limits":{"maxInputBytes":8}}"#)
                .unwrap();
        let airlock = Airlock::new(policy).unwrap();
        assert_eq!(
            airlock.scan("123456789").unwrap_err().code(),
            "input_too_large"
        );
        assert!(airlock.scan("12345678").is_ok());
    }

    #[test]
    fn hash_needs_a_key() {
        let policy = || {
            Policy::from_json(r#"{"version":1,"defaultAction":"hash"}"#)
                .unwrap()
        };
        assert!(Airlock::new(policy()).is_err());
        let a = Airlock::builder().policy(policy()).hash_key(b"k").build();
        let out = a.unwrap().redact("x a@b.example y").unwrap();
        assert!(out.text.starts_with("x [EMAIL:"), "{}", out.text);
    }

    #[test]
    fn allow_list_values_stay() {
        let policy = Policy::from_json(
            r#"{"version":1,"allow":["support@example.com",
                {"pattern":"[a-z]+@corp\\.example"}]}"#,
        )
        .unwrap();
        let airlock = Airlock::new(policy).unwrap();
        let out = airlock
            .redact("support@example.com, me@corp.example, x@y.example")
            .unwrap();
        assert_eq!(out.text, "support@example.com, me@corp.example, [EMAIL]");
    }
}
