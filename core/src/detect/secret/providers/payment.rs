//! Payments and commerce: Stripe, Square, Braintree, Plaid, Shopify,
//! EasyPost, Shippo, Duffel, Flutterwave, GoCardless.

use super::super::{after_delimiter, provider, token, Pattern};
use super::{mixed, mixed_case};

/// The payment and commerce detectors.
pub(crate) static PATTERNS: &[Pattern] = &[
    // Publishable keys (`pk_`) are meant for browsers and not reported;
    // test-mode secret keys are (see the module docs of `secret`).
    provider(
        "stripe_secret_key",
        r"\bsk_(?:live|test)_[A-Za-z0-9]{24,}\b",
        &["sk_live_", "sk_test_"],
        256,
    )
    .validate(mixed),
    provider(
        "stripe_restricted_key",
        r"\brk_(?:live|test)_[A-Za-z0-9]{24,}\b",
        &["rk_live_", "rk_test_"],
        256,
    )
    .validate(mixed),
    provider(
        "stripe_webhook_secret",
        r"\bwhsec_[A-Za-z0-9+/]{32,64}={0,2}",
        &["whsec_"],
        72,
    )
    .validate(mixed),
    token(
        "square_access_token",
        tok!(r"sq0atp-[A-Za-z0-9_\-]{22}"),
        &["sq0atp-"],
        30,
    ),
    token(
        "square_access_token",
        tok!(r"EAAA[A-Za-z0-9_\-]{60}"),
        &["EAAA"],
        66,
    )
    .validate(mixed_case),
    token(
        "square_oauth_secret",
        tok!(r"sq0csp-[A-Za-z0-9_\-]{43}"),
        &["sq0csp-"],
        52,
    ),
    provider(
        "braintree_access_token",
        r"\baccess_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32}\b",
        &["access_token$"],
        90,
    ),
    provider(
        "plaid_access_token",
        r"\baccess-(?:sandbox|development|production)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b",
        &["access-sandbox-", "access-development-", "access-production-"],
        60,
    ),
    provider(
        "shopify_access_token",
        r"\bshpat_[a-fA-F0-9]{32}\b",
        &["shpat_"],
        40,
    ),
    provider(
        "shopify_custom_app_token",
        r"\bshpca_[a-fA-F0-9]{32}\b",
        &["shpca_"],
        40,
    ),
    provider(
        "shopify_private_app_token",
        r"\bshppa_[a-fA-F0-9]{32}\b",
        &["shppa_"],
        40,
    ),
    provider(
        "shopify_shared_secret",
        r"\bshpss_[a-fA-F0-9]{32}\b",
        &["shpss_"],
        40,
    ),
    provider(
        "easypost_api_key",
        r"(?:^|[^A-Za-z0-9+/])EZ[AT]K[A-Za-z0-9]{54}\b",
        &["EZAK", "EZTK"],
        62,
    )
    .expand(after_delimiter)
    .validate(mixed),
    provider(
        "shippo_api_token",
        r"\bshippo_(?:live|test)_[a-f0-9]{40}\b",
        &["shippo_live_", "shippo_test_"],
        56,
    ),
    provider(
        "duffel_api_token",
        tok_group!(r"duffel_(?:test|live)_[A-Za-z0-9_=\-]{43}"),
        &["duffel_test_", "duffel_live_"],
        58,
    )
    .group(1),
    token(
        "flutterwave_secret_key",
        tok!(r"FLWSECK(?:_TEST)?-[a-h0-9]{32}-X"),
        &["FLWSECK"],
        52,
    ),
    provider(
        "flutterwave_encryption_key",
        r"\b(?:FLWSECK_TEST[a-h0-9]{12}|FLWSECK_TEST-[a-h0-9]{12})\b",
        &["FLWSECK_TEST"],
        30,
    )
    .validate(mixed),
    provider(
        "gocardless_api_token",
        keyed!("gocardless", r"live_[A-Za-z0-9_=\-]{40}"),
        &["gocardless"],
        100,
    )
    .group(1),
];

#[cfg(test)]
mod tests {
    use crate::detect::secret::tests::{assert_finds, assert_quiet};

    #[test]
    fn stripe() {
        assert_finds(
            "stripe_restricted_key",
            "rk_live_lj9oD6QE6xQ1aKvzdxVpuWEb",
        );
        assert_finds(
            "stripe_secret_key",
            "client.auth = 'sk_live_uIsM06bXPIpbuEdnzg0CTOZ7zFIJmWX'",
        );
        assert_quiet("publishable key pk_test_k1rR0HtKWZzMIqqtaMWcYDD5");
        assert_quiet("pk_live_k1rR0HtKWZzMIqqtaMWcYDD5");
    }

    #[test]
    fn shopify_and_square() {
        assert_finds(
            "shopify_access_token",
            "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",
        );
        assert_finds("square_access_token", "sq0atp-7i7goT53q2fX7WH6SHQeFc");
    }
}
