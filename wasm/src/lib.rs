//! The wasm-bindgen glue of Airlock: conversions between JavaScript and
//! `airlock-core`, nothing else.
//!
//! Offsets are converted here, once: the core speaks UTF-8 bytes,
//! JavaScript speaks UTF-16 code units. Every export returns a `Result`;
//! an error becomes a JavaScript `Error` with a stable `code` property.
//!
//! The egress allowlist is not here: it needs a URL parser that would
//! make this module half as large again, so it is its own module
//! (`wasm/egress`), loaded only for policies that allow some URL.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod error;
mod js;
mod vault;

use airlock_core::offsets::bytes_to_utf16;
use airlock_core::{Airlock, Finding, Policy};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use error::scan_error;
use js::{policy_error, to_js};
pub use vault::{Restorer, VaultHandle};

/// A compiled policy, ready to scan.
#[wasm_bindgen]
pub struct Engine {
    airlock: Airlock,
}

#[wasm_bindgen]
impl Engine {
    /// Compiles `policy_json` (the embedded default when absent), with the
    /// keys of the `hash` and `pseudonymize` actions.
    #[wasm_bindgen(constructor)]
    pub fn new(
        policy_json: Option<String>,
        hash_key: Option<Vec<u8>>,
        pseudonym_key: Option<Vec<u8>>,
    ) -> Result<Engine, JsValue> {
        let policy = match policy_json {
            Some(json) => Policy::from_json(&json).map_err(policy_error)?,
            None => Policy::default_policy(),
        };
        let mut builder = Airlock::builder().policy(policy);
        if let Some(key) = hash_key {
            builder = builder.hash_key(&key);
        }
        if let Some(key) = pseudonym_key {
            builder = builder.pseudonym_key(&key);
        }
        let airlock = builder.build().map_err(policy_error)?;
        Ok(Engine { airlock })
    }

    /// Finds sensitive values; returns `Finding[]` with UTF-16 offsets.
    pub fn scan(&self, text: &str) -> Result<JsValue, JsValue> {
        let findings = self.airlock.scan(text).map_err(scan_error)?;
        let mut out: Vec<FindingJs> = findings
            .iter()
            .map(|f| FindingJs::new(f, self.airlock.action_for(f), None))
            .collect();
        to_utf16(text, &mut out);
        to_js(&out)
    }

    /// Transforms sensitive values, keeping reversible ones in `vault`;
    /// returns the `Finding[]`, each with its `replacement` (absent when
    /// left as is). The caller puts the replacements in: the text need
    /// not cross back, encoded, for that.
    pub fn redact(
        &self,
        text: &str,
        vault: &mut VaultHandle,
    ) -> Result<JsValue, JsValue> {
        let redaction = self
            .airlock
            .redact_with(text, vault.inner_mut()?)
            .map_err(scan_error)?;
        let mut findings: Vec<FindingJs> = redaction
            .findings
            .iter()
            .map(|r| {
                FindingJs::new(&r.finding, r.action, r.replacement.clone())
            })
            .collect();
        to_utf16(text, &mut findings);
        to_js(&findings)
    }

    /// How many entries the policy's `egress.allow` has: with any, the
    /// egress module must be loaded to check URLs; with none, every URL
    /// is denied.
    #[wasm_bindgen(js_name = egressEntries)]
    pub fn egress_entries(&self) -> usize {
        self.airlock.policy().egress_entries()
    }

    /// SHA-256 of the policy text, hex.
    #[wasm_bindgen(js_name = policyDigest)]
    pub fn policy_digest(&self) -> String {
        self.airlock.policy().digest_hex()
    }

    /// The largest text, in UTF-8 bytes, a scan accepts.
    #[wasm_bindgen(js_name = maxInputBytes)]
    pub fn max_input_bytes(&self) -> usize {
        self.airlock.policy().max_input_bytes()
    }
}

/// The embedded default policy, as JSON.
#[wasm_bindgen(js_name = defaultPolicy)]
pub fn default_policy() -> String {
    airlock_core::DEFAULT_POLICY_JSON.to_string()
}

/// The built-in detectors: `{ id, kind }[]`.
#[wasm_bindgen]
pub fn detectors() -> Result<JsValue, JsValue> {
    let list: Vec<DetectorJs> = airlock_core::builtin_detectors()
        .into_iter()
        .map(|(id, kind)| DetectorJs { id, kind: kind.as_str() })
        .collect();
    to_js(&list)
}

#[derive(Serialize)]
struct DetectorJs {
    id: &'static str,
    kind: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct FindingJs {
    kind: &'static str,
    detector: String,
    start: usize,
    end: usize,
    action: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    replacement: Option<String>,
}

impl FindingJs {
    fn new(
        f: &Finding,
        action: airlock_core::Action,
        replacement: Option<String>,
    ) -> FindingJs {
        FindingJs {
            kind: f.kind.as_str(),
            detector: f.detector.to_string(),
            start: f.start_bytes,
            end: f.end_bytes,
            action: action.as_str(),
            replacement,
        }
    }
}

/// Rewrites the byte offsets of `findings` as UTF-16 offsets of `text`.
fn to_utf16(text: &str, findings: &mut [FindingJs]) {
    let mut offsets: Vec<usize> =
        findings.iter().flat_map(|f| [f.start, f.end]).collect();
    bytes_to_utf16(text, &mut offsets);
    for (f, pair) in findings.iter_mut().zip(offsets.chunks_exact(2)) {
        f.start = pair[0];
        f.end = pair[1];
    }
}
