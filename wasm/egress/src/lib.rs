//! The wasm-bindgen glue of Airlock's egress allowlist: a module of its
//! own, because the WHATWG URL parser and URLPattern it needs would make
//! the main module half as large again. The npm package loads it only for
//! a policy whose `egress.allow` has entries; with none, it denies every
//! URL without it.
//!
//! Conversions only, as in the main glue, and through the same code
//! (`js.rs`): results are plain objects, errors are JavaScript `Error`s
//! with a stable `code` and, for policy errors, the `path`.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[path = "../../src/js.rs"]
mod js;

use airlock_core::egress::EgressPolicy;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use js::{policy_error, to_js};

/// The compiled `egress.allow` of a policy.
#[wasm_bindgen]
pub struct EgressChecker {
    egress: EgressPolicy,
}

#[wasm_bindgen]
impl EgressChecker {
    /// Compiles the `egress.allow` entries of `policy_json` (the embedded
    /// default policy when absent), with the errors, codes and paths the
    /// main module would give for them. The other sections are the main
    /// module's to check, and are skipped here.
    #[wasm_bindgen(constructor)]
    pub fn new(policy_json: Option<String>) -> Result<EgressChecker, JsValue> {
        let json = policy_json
            .as_deref()
            .unwrap_or(airlock_core::DEFAULT_POLICY_JSON);
        let egress =
            EgressPolicy::from_policy_json(json).map_err(policy_error)?;
        Ok(EgressChecker { egress })
    }

    /// Checks a URL against the allowlist, parsed as `fetch()` parses it
    /// (relative to `base` if given): `{ allowed, reason, url?, rule? }`.
    #[wasm_bindgen(js_name = checkUrl)]
    pub fn check_url(
        &self,
        url: &str,
        base: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let v = self.egress.check_url(url, base.as_deref());
        to_js(&VerdictJs {
            allowed: v.allowed,
            reason: v.reason.code(),
            url: v.url,
            rule: v.rule,
        })
    }

    /// How many allow entries there are.
    pub fn entries(&self) -> usize {
        self.egress.len()
    }
}

#[derive(Serialize)]
struct VerdictJs {
    allowed: bool,
    reason: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<usize>,
}
