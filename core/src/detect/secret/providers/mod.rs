//! Token formats issued by one vendor, grouped by domain. Each pattern is
//! anchored on the token's literal prefix or, for formats without one, on
//! the vendor's name next to the value.

pub(super) mod ai;
pub(super) mod chat;
pub(super) mod cloud;
pub(super) mod devtools;
pub(super) mod observability;
pub(super) mod payment;
pub(super) mod registry;
pub(super) mod saas;
pub(super) mod vcs;

use super::entropy::{is_placeholder, Classes};

/// The random part of a prefixed token: what follows the first `_`, `-`
/// or `.` among its first 16 bytes (the whole token if none).
fn tail(token: &str) -> &str {
    token
        .bytes()
        .take(16)
        .position(|b| matches!(b, b'_' | b'-' | b'.'))
        .map_or(token, |i| &token[i + 1..])
}

/// The default check: the random part is not a placeholder.
pub(super) fn plausible(token: &str) -> bool {
    !is_placeholder(tail(token))
}

/// The random part is not a placeholder and mixes at least two of lower
/// case, upper case and digits.
pub(super) fn mixed(token: &str) -> bool {
    plausible(token) && Classes::of(tail(token)).alnum_kinds() >= 2
}

/// As [`mixed`], with both lower and upper case letters.
pub(super) fn mixed_case(token: &str) -> bool {
    let c = Classes::of(tail(token));
    plausible(token) && c.lower && c.upper
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_skips_the_prefix() {
        assert_eq!(tail("ghp_abc"), "abc");
        assert_eq!(tail("AKIAABC"), "AKIAABC");
        assert_eq!(tail("sk-ant-api03-x"), "ant-api03-x");
    }
}
