//! Monitoring and analytics: Datadog, New Relic, Sentry, Grafana,
//! Dynatrace, PostHog, Sumo Logic.

use super::super::{provider, token, Pattern};
use super::{mixed, mixed_case};

/// The observability detectors.
pub(crate) static PATTERNS: &[Pattern] = &[
    provider(
        "datadog_api_key",
        keyed!(r"datadog|dd_api|dd-api|ddapi", r"[a-f0-9]{32}"),
        &["datadog", "dd_api", "dd-api", "ddapi"],
        90,
    )
    .group(1)
    .validate(mixed),
    provider(
        "datadog_app_key",
        keyed!(r"datadog|dd_app|dd-app|ddapp", r"[a-zA-Z0-9]{40}"),
        &["datadog", "dd_app", "dd-app", "ddapp"],
        100,
    )
    .group(1)
    .validate(mixed),
    provider(
        "newrelic_user_api_key",
        r"\bNRAK-[A-Z0-9]{27}\b",
        &["NRAK-"],
        34,
    )
    .validate(mixed),
    token(
        "newrelic_insert_key",
        tok!(r"NRII-[A-Za-z0-9_\-]{32}"),
        &["NRII-"],
        38,
    )
    .validate(mixed),
    provider(
        "newrelic_browser_key",
        r"\bNRJS-[a-f0-9]{19}\b",
        &["NRJS-"],
        26,
    ),
    provider("newrelic_license_key", r"\b[a-f0-9]{36}NRAL\b", &["NRAL"], 42),
    provider(
        "sentry_user_token",
        r"\bsntryu_[a-f0-9]{64}\b",
        &["sntryu_"],
        72,
    ),
    // Org tokens: base64 JSON claims, then a 43-character secret.
    provider(
        "sentry_org_token",
        r"\b(sntrys_eyJ[A-Za-z0-9+/=]{30,}_[A-Za-z0-9+/]{43})(?:[^A-Za-z0-9+/=_\-]|$)",
        &["sntrys_eyJ"],
        1100,
    )
    .group(1),
    provider(
        "grafana_cloud_token",
        r"\b(glc_[A-Za-z0-9+/]{32,}={0,3})(?:[^A-Za-z0-9+/=_\-]|$)",
        &["glc_"],
        410,
    )
    .group(1)
    .validate(mixed),
    provider(
        "grafana_service_account_token",
        r"\bglsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}\b",
        &["glsa_"],
        48,
    )
    .validate(mixed),
    // Legacy API keys are base64 of `{"k":"...`.
    provider(
        "grafana_api_key",
        r"\b(eyJrIjoi[A-Za-z0-9+/]{60,}={0,3})(?:[^A-Za-z0-9+/=_\-]|$)",
        &["eyJrIjoi"],
        410,
    )
    .group(1),
    provider(
        "dynatrace_token",
        r"\bdt0c01\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{64}\b",
        &["dt0c01."],
        100,
    ),
    provider(
        "posthog_personal_key",
        r"\bphx_[A-Za-z0-9]{43}\b",
        &["phx_"],
        48,
    )
    .validate(mixed_case),
    provider(
        "sumologic_access_key",
        keyed!(r"sumo(?:logic)?_?access_?key|sumo_key", r"[A-Za-z0-9]{64}"),
        &["sumo"],
        110,
    )
    .group(1)
    .validate(mixed),
];

#[cfg(test)]
mod tests {
    use crate::detect::secret::tests::{assert_finds, assert_quiet};

    #[test]
    fn samples() {
        assert_finds(
            "newrelic_user_api_key",
            "NRAK-1J5V2XQ8M3ZP7R4K9T6W0Y2B5DC",
        );
        assert_finds(
            "sentry_user_token",
            "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",
        );
        assert_quiet("sntryu_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        assert_quiet("static void GLC_CreateLightmapTextureArray(void);");
        assert_quiet(
            "glc_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        );
        assert_finds(
            "datadog_api_key",
            "DD_API_KEY=3a78c4d1902846d8cd8895aac5f5b665",
        );
    }
}
