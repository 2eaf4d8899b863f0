//! The policy document as written, before it is checked and compiled.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use crate::error::{PolicyError, PolicyErrorKind};

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct PolicyDoc {
    pub version: u32,
    #[serde(default)]
    pub default_action: Option<String>,
    #[serde(default)]
    pub detectors: BTreeMap<String, DetectorSetting>,
    #[serde(default)]
    pub custom: Vec<CustomSpec>,
    #[serde(default)]
    pub allow: Vec<AllowSpec>,
    #[serde(default)]
    pub limits: LimitsSpec,
    #[serde(default)]
    pub tokens: TokensSpec,
    #[serde(default)]
    pub egress: EgressSpec,
}

/// Where requests may go: URL patterns, everything else denied.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct EgressSpec {
    #[serde(default)]
    pub allow: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct DetectorSetting {
    pub action: Option<String>,
    pub keep: Option<usize>,
    pub enabled: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct CustomSpec {
    pub id: String,
    pub pattern: Option<String>,
    pub dictionary: Option<Vec<String>>,
    pub case_sensitive: Option<bool>,
    pub whole_word: Option<bool>,
    #[serde(default)]
    pub context: Vec<String>,
    pub context_window: Option<usize>,
    pub action: Option<String>,
    pub keep: Option<usize>,
}

/// A value that is never redacted: the literal itself, or a pattern that
/// must match the whole value.
#[derive(Deserialize)]
#[serde(untagged)]
pub(crate) enum AllowSpec {
    Value(String),
    Pattern { pattern: String },
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct LimitsSpec {
    pub max_input_bytes: Option<usize>,
}

/// How `tokenize` and `pseudonymize` write their placeholders.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub(crate) struct TokensSpec {
    pub template: Option<String>,
    pub pseudonym_digits: Option<usize>,
}

/// The `egress` section alone: what the egress module reads. The other
/// sections are the main module's to check, so they are skipped here.
#[cfg(feature = "egress")]
#[derive(Deserialize)]
pub(crate) struct EgressDoc {
    #[serde(default)]
    pub egress: EgressSpec,
}

pub(crate) fn parse(json: &str) -> Result<PolicyDoc, PolicyError> {
    parse_as(json)
}

#[cfg(feature = "egress")]
pub(crate) fn parse_egress(json: &str) -> Result<EgressSpec, PolicyError> {
    parse_as::<EgressDoc>(json).map(|doc| doc.egress)
}

fn parse_as<T: DeserializeOwned>(json: &str) -> Result<T, PolicyError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    let doc = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        // The root prints as "." and an unknown place as "?": neither is a
        // path a reader can use.
        let path =
            if path == "." || path == "?" { String::new() } else { path };
        PolicyError::new(PolicyErrorKind::Syntax, path, e.inner().to_string())
    })?;
    Ok(doc)
}
