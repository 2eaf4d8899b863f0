//! Airlock's core: finds sensitive values in text bound for an LLM and
//! transforms them per policy.
//!
//! Everything works on UTF-8 byte offsets; callers in other encodings
//! convert at their boundary (see [`offsets`]).
//!
//! Example:
//!
//! ```
//! use airlock_core::{Airlock, Policy};
//!
//! let policy = Policy::from_json(r#"{
//!     "version": 1,
//!     "defaultAction": "redact",
//!     "custom": [{ "id": "codename", "dictionary": ["Project Falcon"] }]
//! }"#)?;
//! let airlock = Airlock::new(policy)?;
//! let out = airlock.redact("Project Falcon ships; ask ops@example.com")?;
//! assert_eq!(out.text, "[REDACTED] ships; ask [REDACTED]");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Example: reversible tokens, restored in the model's reply.
//!
//! ```
//! use airlock_core::{Airlock, Policy, Vault};
//!
//! let policy = Policy::from_json(r#"{
//!     "version": 1,
//!     "defaultAction": "tokenize",
//!     "detectors": { "secret": { "action": "surrogate" } }
//! }"#)?;
//! let airlock = Airlock::new(policy)?;
//! let mut vault = Vault::new(&[42; 32]); // random bytes in real use
//! let sent = airlock.redact_with("mail ann@corp.example", &mut vault)?;
//! assert_eq!(sent.text, "mail [EMAIL_1]");
//! let reply = vault.restore("Done: [EMAIL_1] has been notified.");
//! assert_eq!(reply.text, "Done: ann@corp.example has been notified.");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Features
//!
//! - `egress` (default): the egress allowlist, [`egress`]. It brings the
//!   WHATWG URL parser and URLPattern, so builds that only redact (the
//!   default Wasm module) leave it out. Without it a policy's `egress`
//!   section is still read, for its shape and its number of entries
//!   ([`Policy::egress_entries`]), and another build compiles it with
//!   [`EgressPolicy::from_policy_json`].

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod detect;
#[cfg(feature = "egress")]
pub mod egress;
mod engine;
mod error;
mod finding;
pub mod offsets;
mod policy;
mod restore;
#[cfg(test)]
mod test_rng;
mod transform;
mod vault;

pub use detect::builtin_detectors;
#[cfg(feature = "egress")]
pub use egress::{EgressPolicy, UrlVerdict};
pub use engine::{Airlock, AirlockBuilder, Redacted, Redaction};
pub use error::{PolicyError, PolicyErrorKind, ScanError, ScanErrorKind};
pub use finding::{DetectorId, Finding, Kind};
pub use policy::{
    Action, Policy, DEFAULT_MAX_INPUT_BYTES, DEFAULT_POLICY_JSON,
    DEFAULT_PSEUDONYM_DIGITS,
};
pub use restore::{Restoration, StreamRestorer};
pub use transform::REDACTED;
pub use vault::{
    Vault, VaultError, VaultErrorKind, DEFAULT_MAX_ENTRIES,
    DEFAULT_TOKEN_TEMPLATE,
};
