//! Core errors as JavaScript `Error`s with a stable `code` property.

use airlock_core::{PolicyError, ScanError, ScanErrorKind, VaultError};
use wasm_bindgen::JsValue;

pub(crate) fn error(code: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    set(&err, "code", &code.into());
    err.into()
}

pub(crate) fn policy_error(e: PolicyError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    set(&err, "code", &e.code().into());
    set(&err, "path", &e.path().into());
    err.into()
}

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

fn set(target: &js_sys::Error, key: &str, value: &JsValue) {
    // Setting a plain property on a fresh Error cannot fail.
    let _ = js_sys::Reflect::set(target, &key.into(), value);
}
