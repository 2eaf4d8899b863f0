//! Credentials: provider tokens, private keys, credentials in URLs and
//! headers, and generic assignments.

use super::Pattern;
use crate::finding::Kind;

/// The built-in secret detectors.
pub(crate) static PATTERNS: &[Pattern] = &[Pattern::new(
    "aws_access_key",
    Kind::Secret,
    r"\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b",
)
.anchors(&["AKIA", "ASIA", "ABIA", "ACCA"], 24)
.priority(80)];
