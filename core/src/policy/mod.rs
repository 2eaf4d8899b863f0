//! The policy document: parsed, checked and compiled once, then shared by
//! every scan.
//!
//! Example:
//!
//! ```
//! use airlock_core::Policy;
//!
//! let policy = Policy::from_json(r#"{
//!     "version": 1,
//!     "defaultAction": "redact",
//!     "detectors": { "email": { "action": "mask", "keep": 4 } },
//!     "custom": [
//!         { "id": "ticket", "pattern": "TCK-[0-9]{6}",
//!           "context": ["ticket"] }
//!     ],
//!     "allow": ["support@example.com"],
//!     "tokens": { "template": "[{LABEL}_{N}]", "pseudonymDigits": 8 }
//! }"#)?;
//! assert_eq!(policy.custom_count(), 1);
//! # Ok::<(), airlock_core::PolicyError>(())
//! ```

mod action;
pub(crate) mod doc;

use std::collections::{HashMap, HashSet};

use sha2::{Digest, Sha256};

pub use action::Action;

use crate::detect::{self, custom::CustomDetector, AllowList};
#[cfg(feature = "egress")]
use crate::egress::EgressPolicy;
use crate::error::{PolicyError, PolicyErrorKind};
use crate::finding::Kind;
use crate::vault::template::{Template, DEFAULT_TOKEN_TEMPLATE};

/// The policy Airlock uses when none is given.
pub const DEFAULT_POLICY_JSON: &str = include_str!("default.json");

/// The largest text a scan accepts unless the policy says otherwise.
pub const DEFAULT_MAX_INPUT_BYTES: usize = 4 << 20;

/// How many hex digits of the HMAC a pseudonym shows unless the policy
/// says otherwise: 32 bits.
pub const DEFAULT_PSEUDONYM_DIGITS: usize = 8;
/// Fewest hex digits a pseudonym may show.
const MIN_PSEUDONYM_DIGITS: usize = 8;
/// Most hex digits a pseudonym may show: the whole HMAC-SHA256.
const MAX_PSEUDONYM_DIGITS: usize = 64;

/// A checked, compiled policy.
pub struct Policy {
    pub(crate) default_action: Action,
    pub(crate) by_kind: HashMap<Kind, Action>,
    pub(crate) by_detector: HashMap<String, Action>,
    pub(crate) disabled: HashSet<String>,
    pub(crate) custom: Vec<CustomDetector>,
    pub(crate) allow: AllowList,
    pub(crate) max_input_bytes: usize,
    pub(crate) template: Template,
    pub(crate) pseudonym_digits: usize,
    #[cfg(feature = "egress")]
    pub(crate) egress: EgressPolicy,
    /// Without the `egress` feature only the number of `egress.allow`
    /// entries is kept: they are compiled by the build that has it.
    #[cfg(not(feature = "egress"))]
    egress_entries: usize,
    /// SHA-256 of the document's text, for audit trails.
    pub(crate) digest: [u8; 32],
}

impl Policy {
    /// Parses and compiles a policy document.
    ///
    /// # Errors
    ///
    /// A [`PolicyError`] naming the path and the reason: malformed JSON,
    /// an unknown field, kind or action, a pattern that does not compile,
    /// a dictionary over the size limits.
    pub fn from_json(json: &str) -> Result<Policy, PolicyError> {
        let doc = doc::parse(json)?;
        let mut policy = Policy::compile(doc)?;
        policy.digest = Sha256::digest(json.as_bytes()).into();
        Ok(policy)
    }

    /// The SHA-256 of the document's text, in hex: names the policy in
    /// audit events without revealing it.
    pub fn digest_hex(&self) -> String {
        self.digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The embedded default policy.
    pub fn default_policy() -> Policy {
        // The embedded document is checked by a test; should it ever fail,
        // fall back to the strictest useful policy rather than panic.
        Policy::from_json(DEFAULT_POLICY_JSON).unwrap_or_else(|_| Policy {
            default_action: Action::Redact,
            by_kind: HashMap::new(),
            by_detector: HashMap::new(),
            disabled: HashSet::new(),
            custom: Vec::new(),
            allow: AllowList::default(),
            max_input_bytes: DEFAULT_MAX_INPUT_BYTES,
            template: Template::default_template(),
            pseudonym_digits: DEFAULT_PSEUDONYM_DIGITS,
            #[cfg(feature = "egress")]
            egress: EgressPolicy::default(),
            #[cfg(not(feature = "egress"))]
            egress_entries: 0,
            digest: [0; 32],
        })
    }

    /// How many custom detectors the policy defines.
    pub fn custom_count(&self) -> usize {
        self.custom.len()
    }

    /// The largest text, in UTF-8 bytes, that a scan accepts.
    pub fn max_input_bytes(&self) -> usize {
        self.max_input_bytes
    }

    /// The egress allowlist (`egress.allow`): which URLs requests may go
    /// to. Denies everything when the document has none.
    #[cfg(feature = "egress")]
    pub fn egress(&self) -> &EgressPolicy {
        &self.egress
    }

    /// The ids of the policy's custom detectors, in policy order.
    pub fn custom_ids(&self) -> impl Iterator<Item = &str> {
        self.custom.iter().map(|c| c.id.as_str())
    }

    /// How many entries `egress.allow` has. With none every URL is
    /// denied, so a caller needs no URL parser to say so; with some, a
    /// build without the `egress` feature must hand the document to one
    /// that has it.
    pub fn egress_entries(&self) -> usize {
        #[cfg(feature = "egress")]
        return self.egress.len();
        #[cfg(not(feature = "egress"))]
        return self.egress_entries;
    }

    /// The action for a finding of `kind` by detector `detector`: the
    /// detector's own setting, else its kind's, else the default.
    pub fn action_for(&self, kind: Kind, detector: &str) -> Action {
        if let Some(action) = self.by_detector.get(detector) {
            return *action;
        }
        self.by_kind.get(&kind).copied().unwrap_or(self.default_action)
    }

    /// Whether the policy uses the `hash` action anywhere.
    pub(crate) fn uses_hash(&self) -> bool {
        self.uses(|a| a == Action::Hash)
    }

    /// Whether any of the policy's actions satisfies `test`.
    pub(crate) fn uses(&self, test: impl Fn(Action) -> bool) -> bool {
        test(self.default_action)
            || self.by_kind.values().any(|a| test(*a))
            || self.by_detector.values().any(|a| test(*a))
    }

    /// The token template, as written in the policy (or the default).
    pub fn token_template(&self) -> String {
        self.template.render("{LABEL}", "{N}")
    }

    /// Whether a built-in detector runs under this policy.
    pub(crate) fn is_enabled(&self, kind: Kind, detector: &str) -> bool {
        !self.disabled.contains(detector)
            && !self.disabled.contains(kind.as_str())
    }

    fn compile(doc: doc::PolicyDoc) -> Result<Policy, PolicyError> {
        if doc.version != 1 {
            return Err(PolicyError::new(
                PolicyErrorKind::Invalid,
                "version",
                format!("unsupported version {}, expected 1", doc.version),
            ));
        }
        let default_action = match doc.default_action.as_deref() {
            None => Action::Label,
            Some(name) => parse_action(name, 4, "defaultAction")?,
        };

        let mut by_kind = HashMap::new();
        let mut by_detector = HashMap::new();
        let mut disabled = HashSet::new();
        let custom_ids: HashSet<&str> =
            doc.custom.iter().map(|c| c.id.as_str()).collect();
        for (key, setting) in &doc.detectors {
            let path = format!("detectors.{key}");
            let kind = Kind::from_name(key);
            let known = kind.is_some()
                || detect::is_builtin_id(key)
                || custom_ids.contains(key.as_str());
            if !known {
                return Err(PolicyError::new(
                    PolicyErrorKind::Invalid,
                    path,
                    "not a kind, a built-in detector or a custom id",
                ));
            }
            if setting.enabled == Some(false) {
                disabled.insert(key.clone());
            }
            let Some(name) = setting.action.as_deref() else { continue };
            let action = parse_action(
                name,
                setting.keep.unwrap_or(4),
                &format!("{path}.action"),
            )?;
            match kind {
                Some(kind) => by_kind.insert(kind, action),
                None => by_detector.insert(key.clone(), action),
            };
        }

        let mut custom = Vec::with_capacity(doc.custom.len());
        let mut seen = HashSet::new();
        for (i, spec) in doc.custom.iter().enumerate() {
            let path = format!("custom[{i}]");
            if !seen.insert(spec.id.as_str()) {
                return Err(PolicyError::new(
                    PolicyErrorKind::Invalid,
                    format!("{path}.id"),
                    "duplicate id",
                ));
            }
            let detector = CustomDetector::compile(spec, &path)?;
            if let Some(name) = spec.action.as_deref() {
                let action = parse_action(
                    name,
                    spec.keep.unwrap_or(4),
                    &format!("{path}.action"),
                )?;
                by_detector.insert(spec.id.clone(), action);
            }
            custom.push(detector);
        }

        let allow = AllowList::compile(&doc.allow)?;
        let max_input_bytes =
            doc.limits.max_input_bytes.unwrap_or(DEFAULT_MAX_INPUT_BYTES);
        let template = Template::parse(
            doc.tokens.template.as_deref().unwrap_or(DEFAULT_TOKEN_TEMPLATE),
            "tokens.template",
        )?;
        let pseudonym_digits =
            doc.tokens.pseudonym_digits.unwrap_or(DEFAULT_PSEUDONYM_DIGITS);
        if !(MIN_PSEUDONYM_DIGITS..=MAX_PSEUDONYM_DIGITS)
            .contains(&pseudonym_digits)
        {
            return Err(PolicyError::new(
                PolicyErrorKind::Invalid,
                "tokens.pseudonymDigits",
                format!(
                    "must be {MIN_PSEUDONYM_DIGITS} to \
                     {MAX_PSEUDONYM_DIGITS}"
                ),
            ));
        }
        // Last: a build without egress checks all the rest before the
        // egress module compiles this, so both report the same first
        // error.
        #[cfg(feature = "egress")]
        let egress = EgressPolicy::compile(&doc.egress.allow, "egress.allow")?;
        Ok(Policy {
            default_action,
            by_kind,
            by_detector,
            disabled,
            custom,
            allow,
            max_input_bytes,
            template,
            pseudonym_digits,
            #[cfg(feature = "egress")]
            egress,
            #[cfg(not(feature = "egress"))]
            egress_entries: doc.egress.allow.len(),
            digest: [0; 32],
        })
    }
}

impl std::fmt::Debug for Policy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Allow-list values may themselves be sensitive: counts only.
        f.debug_struct("Policy")
            .field("default_action", &self.default_action)
            .field("kind_settings", &self.by_kind.len())
            .field("detector_settings", &self.by_detector.len())
            .field("custom", &self.custom.len())
            .field("allow", &self.allow.len())
            .field("max_input_bytes", &self.max_input_bytes)
            .field("token_template", &self.token_template())
            .field("pseudonym_digits", &self.pseudonym_digits)
            .field("egress", &self.egress_entries())
            .finish()
    }
}

fn parse_action(
    name: &str,
    keep: usize,
    path: &str,
) -> Result<Action, PolicyError> {
    Action::from_name(name, keep).ok_or_else(|| {
        PolicyError::new(
            PolicyErrorKind::Invalid,
            path,
            format!(
                "unknown action `{name}`, expected one of: {}",
                Action::NAMES.join(", ")
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> PolicyError {
        Policy::from_json(json).unwrap_err()
    }

    #[test]
    fn default_policy_parses() {
        Policy::from_json(DEFAULT_POLICY_JSON).unwrap();
    }

    #[test]
    fn errors_name_the_path() {
        let e = err(r#"{"version":1,"custom":[{"id":"a","pattern":"("}]}"#);
        assert_eq!(e.path(), "custom[0].pattern");
        assert_eq!(e.kind(), PolicyErrorKind::Pattern);

        let e = err(r#"{"version":1,"detectors":{"emial":{}}}"#);
        assert_eq!(e.path(), "detectors.emial");

        let e = err(r#"{"version":1,"defaultAction":"shred"}"#);
        assert_eq!(e.path(), "defaultAction");
        assert!(e.to_string().contains("expected one of"));

        let e = err(r#"{"version":1,"detectors":{"email":{"acton":1}}}"#);
        assert_eq!(e.kind(), PolicyErrorKind::Syntax);
        assert!(e.path().starts_with("detectors.email"), "{e}");

        let e = err(r#"{"version":2}"#);
        assert_eq!(e.path(), "version");

        let e = err("{not json");
        assert_eq!(e.kind(), PolicyErrorKind::Syntax);

        let e = err(r#"{"version":1,"tokens":{"template":"{LABEL}-{N}"}}"#);
        assert_eq!(e.path(), "tokens.template");
        let e = err(r#"{"version":1,"tokens":{"pseudonymDigits":4}}"#);
        assert_eq!(e.path(), "tokens.pseudonymDigits");
        let e = err(r#"{"version":1,"tokens":{"templat":"x"}}"#);
        assert_eq!(e.kind(), PolicyErrorKind::Syntax);
        assert!(e.path().starts_with("tokens"), "{e}");
    }

    /// Holds with and without the `egress` feature: the section is read
    /// for its shape either way, so one document loads in both builds.
    #[test]
    fn egress_section_in_every_build() {
        let p = Policy::from_json(
            r#"{"version":1,"egress":{"allow":["https://a.example/*",
                "https://b.example/*"]}}"#,
        )
        .unwrap();
        assert_eq!(p.egress_entries(), 2);
        assert_eq!(Policy::default_policy().egress_entries(), 0);

        let e = err(r#"{"version":1,"egress":{"allow":[1]}}"#);
        assert_eq!(e.kind(), PolicyErrorKind::Syntax);
        assert_eq!(e.path(), "egress.allow[0]");
        let e = err(r#"{"version":1,"egress":{"deny":[]}}"#);
        assert_eq!(e.kind(), PolicyErrorKind::Syntax);
        assert!(e.path().starts_with("egress"), "{e}");
    }

    #[test]
    fn token_settings() {
        let p = Policy::from_json(
            r#"{"version":1,"tokens":{"template":"<<{LABEL}:{N}>>"}}"#,
        )
        .unwrap();
        assert_eq!(p.token_template(), "<<{LABEL}:{N}>>");
        assert_eq!(
            Policy::default_policy().token_template(),
            DEFAULT_TOKEN_TEMPLATE
        );
        assert_eq!(
            Policy::from_json(r#"{"version":1,"defaultAction":"surrogate"}"#)
                .unwrap()
                .action_for(Kind::Email, "email"),
            Action::Surrogate
        );
    }

    #[test]
    fn detector_setting_beats_kind_beats_default() {
        let p = Policy::from_json(
            r#"{"version":1,"defaultAction":"redact",
                "detectors":{"secret":{"action":"block"},
                             "aws_access_key":{"action":"mask","keep":2}}}"#,
        )
        .unwrap();
        assert_eq!(p.action_for(Kind::Secret, "github_pat"), Action::Block);
        assert_eq!(
            p.action_for(Kind::Secret, "aws_access_key"),
            Action::Mask { keep: 2 }
        );
        assert_eq!(p.action_for(Kind::Email, "email"), Action::Redact);
    }
}
