//! Personal data: contact details, financial and national identifiers,
//! network addresses, wallets.

use super::Pattern;
use crate::finding::Kind;

/// The built-in PII detectors.
pub(crate) static PATTERNS: &[Pattern] = &[Pattern::new(
    "email",
    Kind::Email,
    r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}",
)
.anchors(&["@"], 320)];
