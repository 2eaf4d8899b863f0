//! Productivity and business SaaS: Notion, Linear, ClickUp,
//! Contentful, Figma, Dropbox, Adobe, Okta, HubSpot, Typeform, MaxMind,
//! ReadMe, Mapbox, Firebase Cloud Messaging, Algolia, ClickHouse.

use super::super::{provider, token, Pattern};
use super::{mixed, mixed_case};

/// The SaaS detectors.
pub(crate) static PATTERNS: &[Pattern] = &[
    provider(
        "notion_api_token",
        r"\bntn_[0-9]{11}[A-Za-z0-9]{35}\b",
        &["ntn_"],
        52,
    )
    .validate(mixed_case),
    provider(
        "notion_api_token",
        r"\bsecret_[A-Za-z0-9]{43}\b",
        &["secret_"],
        52,
    )
    .validate(mixed_case),
    provider(
        "linear_api_key",
        r"\blin_api_[A-Za-z0-9]{40}\b",
        &["lin_api_"],
        50,
    )
    .validate(mixed),
    provider(
        "linear_api_key",
        r"\blin_oauth_[a-f0-9]{64}\b",
        &["lin_oauth_"],
        76,
    ),
    provider(
        "linear_client_secret",
        keyed!("linear", r"[a-f0-9]{32}"),
        &["linear"],
        90,
    )
    .group(1)
    .validate(mixed),
    provider(
        "clickup_api_token",
        r"\bpk_[0-9]{6,10}_[A-Z0-9]{32}\b",
        &["pk_"],
        48,
    )
    .validate(mixed),
    token(
        "contentful_token",
        tok!(r"CFPAT-[A-Za-z0-9_\-]{43}"),
        &["CFPAT-"],
        52,
    ),
    provider(
        "contentful_token",
        keyed!("contentful", r"[A-Za-z0-9_\-]{43}"),
        &["contentful"],
        100,
    )
    .group(1)
    .validate(mixed),
    token(
        "figma_token",
        tok!(r"figd_[A-Za-z0-9_\-]{40,64}"),
        &["figd_"],
        72,
    )
    .validate(mixed),
    token(
        "dropbox_token",
        tok!(r"sl\.(?:u\.)?[A-Za-z0-9_\-]{130,}"),
        &["sl."],
        1410,
    )
    .validate(mixed_case),
    token(
        "adobe_client_secret",
        tok!(r"p8e-[A-Za-z0-9_\-]{32}"),
        &["p8e-"],
        40,
    )
    .validate(mixed),
    provider(
        "okta_api_token",
        keyed!("okta", r"00[A-Za-z0-9_\-]{40}"),
        &["okta"],
        100,
    )
    .group(1)
    .validate(mixed_case),
    provider(
        "hubspot_token",
        r"\bpat-(?:na|eu)[0-9]-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}\b",
        &["pat-na", "pat-eu"],
        48,
    ),
    provider(
        "hubspot_token",
        keyed!(
            "hubspot",
            r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
        ),
        &["hubspot"],
        90,
    )
    .group(1),
    provider(
        "typeform_token",
        r"\b(tfp_[A-Za-z0-9_.=\-]{59})(?:[^A-Za-z0-9_.=\-]|$)",
        &["tfp_"],
        66,
    )
    .group(1)
    .validate(mixed),
    provider(
        "maxmind_license_key",
        r"\b[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk\b",
        &["_mmk"],
        44,
    )
    .validate(mixed_case),
    provider("readme_api_key", r"\brdme_[a-z0-9]{70}\b", &["rdme_"], 78)
        .validate(mixed),
    // Public Mapbox tokens (`pk.`) are meant for browsers; secret ones
    // (`sk.`) are reported.
    token(
        "mapbox_secret_token",
        tok!(r"sk\.eyJ[A-Za-z0-9_\-]{40,}\.[A-Za-z0-9_\-]{20,64}"),
        &["sk.eyJ"],
        380,
    ),
    token(
        "fcm_server_key",
        tok!(r"AAAA[A-Za-z0-9_\-]{7}:APA91b[A-Za-z0-9_\-]{134}"),
        &[":APA91b"],
        160,
    ),
    provider(
        "algolia_api_key",
        keyed!("algolia", r"[a-f0-9]{32}"),
        &["algolia"],
        90,
    )
    .group(1)
    .validate(mixed),
    provider(
        "clickhouse_cloud_key",
        r"\b4b1d[A-Za-z0-9]{38}\b",
        &["4b1d"],
        44,
    )
    .validate(mixed_case),
];

#[cfg(test)]
mod tests {
    use crate::detect::secret::tests::{assert_finds, assert_quiet};

    #[test]
    fn samples() {
        assert_finds(
            "notion_api_token",
            "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",
        );
        assert_quiet(
            "ntn_123456789012345678901234567890123456789012345678901234567890",
        );
        assert_finds(
            "linear_api_key",
            "lin_api_5599toc8gwbq4lgvyb3j0sltgxkv8zean25yoo0c",
        );
        assert_quiet("key = 4b1dXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
    }
}
