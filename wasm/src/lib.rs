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
mod findings;
mod js;
mod vault;

use std::cell::OnceCell;

use airlock_core::{Airlock, Policy};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use error::scan_error;
use findings::Names;
use js::{policy_error, to_js};
pub use vault::{Restorer, VaultHandle};

/// A compiled policy, ready to scan.
///
/// `scan` and `redact` return findings as numbers, `FIELDS` per finding
/// (see `findings.rs`), named through `kindNames`, `actionNames` and
/// `detectorNames`; `redact` keeps the replacements for
/// `takeReplacements`.
#[wasm_bindgen]
pub struct Engine {
    airlock: Airlock,
    /// Built on first use: start-up need not pay for it.
    names: OnceCell<Names>,
    replacements: String,
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
        Ok(Engine {
            airlock,
            names: OnceCell::new(),
            replacements: String::new(),
        })
    }

    /// Finds sensitive values: their numbers, offsets in UTF-16 code
    /// units; every replacement length is `NONE`.
    pub fn scan(&self, text: &str) -> Result<Vec<u32>, JsValue> {
        let found = self.airlock.scan(text).map_err(scan_error)?;
        let (records, _) = findings::encode(
            text,
            self.names(),
            found.iter().map(|f| (f, self.airlock.action_for(f), None)),
        )?;
        Ok(records)
    }

    /// Transforms sensitive values, keeping reversible ones in `vault`:
    /// the findings' numbers, with the replacements kept for
    /// `takeReplacements`. The caller puts the replacements in: the text
    /// need not cross back for that.
    pub fn redact(
        &mut self,
        text: &str,
        vault: &mut VaultHandle,
    ) -> Result<Vec<u32>, JsValue> {
        self.replacements.clear();
        let redactions = self
            .airlock
            .redactions_with(text, vault.inner_mut()?)
            .map_err(scan_error)?;
        let (records, replacements) = findings::encode(
            text,
            self.names(),
            redactions
                .iter()
                .map(|r| (&r.finding, r.action, r.replacement.as_deref())),
        )?;
        self.replacements = replacements;
        Ok(records)
    }

    /// The replacements of the last `redact`, joined in finding order.
    #[wasm_bindgen(js_name = takeReplacements)]
    pub fn take_replacements(&mut self) -> String {
        std::mem::take(&mut self.replacements)
    }

    /// Detector names, by the index in findings.
    #[wasm_bindgen(js_name = detectorNames)]
    pub fn detector_names(&self) -> Vec<String> {
        self.names().detectors()
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

impl Engine {
    fn names(&self) -> &Names {
        self.names.get_or_init(|| Names::new(self.airlock.policy()))
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

/// Kind names, by the index in findings.
#[wasm_bindgen(js_name = kindNames)]
pub fn kind_names() -> Vec<String> {
    findings::kind_names()
}

/// Action names, by the index in findings.
#[wasm_bindgen(js_name = actionNames)]
pub fn action_names() -> Vec<String> {
    findings::action_names()
}
