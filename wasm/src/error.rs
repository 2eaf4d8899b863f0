//! Scan and vault errors as JavaScript `Error`s with a stable `code`
//! property; policy errors are in `js.rs`, shared with the egress glue.

use airlock_core::{ScanError, ScanErrorKind, VaultError};
use wasm_bindgen::JsValue;

use crate::js::{error, set};

pub(crate) fn scan_error(e: ScanError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    set(&err, "code", &e.code().into());
    if let ScanErrorKind::Blocked { kinds, detectors } = e.kind() {
        let kinds: js_sys::Array =
            kinds.iter().map(|k| JsValue::from(k.as_str())).collect();
        let detectors: js_sys::Array =
            detectors.iter().map(|d| JsValue::from(d.as_str())).collect();
        set(&err, "kinds", &kinds);
        set(&err, "detectors", &detectors);
    }
    err.into()
}

pub(crate) fn vault_error(e: VaultError) -> JsValue {
    error(e.code(), &e.to_string())
}
