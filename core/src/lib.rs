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

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod detect;
pub mod egress;
mod engine;
mod error;
mod finding;
pub mod offsets;
mod policy;
mod transform;

pub use detect::builtin_detectors;
pub use egress::{EgressPolicy, UrlVerdict};
pub use engine::{Airlock, AirlockBuilder, Redacted, Redaction};
pub use error::{PolicyError, PolicyErrorKind, ScanError, ScanErrorKind};
pub use finding::{DetectorId, Finding, Kind};
pub use policy::{
    Action, Policy, DEFAULT_MAX_INPUT_BYTES, DEFAULT_POLICY_JSON,
};
pub use transform::REDACTED;
