//! What both glue crates need to hand results to JavaScript: plain
//! objects, and `Error`s with a stable `code` (and `path` for policy
//! errors). The egress crate includes this file too, so that both Wasm
//! modules fail the same way.

use airlock_core::PolicyError;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// An `Error` with `message` and a `code` property.
pub(crate) fn error(code: &str, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    set(&err, "code", &code.into());
    err.into()
}

/// A policy error: its code, and the `path` of the problem.
pub(crate) fn policy_error(e: PolicyError) -> JsValue {
    let err = js_sys::Error::new(&e.to_string());
    set(&err, "code", &e.code().into());
    set(&err, "path", &e.path().into());
    err.into()
}

/// Sets a property on an `Error` made here.
pub(crate) fn set(target: &js_sys::Error, key: &str, value: &JsValue) {
    // Setting a plain property on a fresh Error cannot fail.
    let _ = js_sys::Reflect::set(target, &key.into(), value);
}

/// `value` as plain JavaScript objects and arrays (not `Map`s), through
/// JSON, with the field names its `Serialize` gives.
pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let json = serde_json::to_string(value)
        .map_err(|_| error("internal", "could not encode the result"))?;
    js_sys::JSON::parse(&json)
}
