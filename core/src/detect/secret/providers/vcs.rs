//! Source hosting: GitHub, GitLab, Bitbucket, Atlassian, Sourcegraph,
//! Hugging Face.

use super::super::{checksum, provider, token, Pattern};
use super::{mixed, mixed_case, plausible};

/// The source-hosting detectors.
pub(crate) static PATTERNS: &[Pattern] = &[
    // Classic GitHub tokens end in a CRC32 checksum of their random part.
    provider("github_pat", r"\bghp_[A-Za-z0-9]{36}\b", &["ghp_"], 42)
        .validate(crc32),
    provider(
        "github_oauth_token",
        r"\bgho_[A-Za-z0-9]{36}\b",
        &["gho_"],
        42,
    )
    .validate(crc32),
    provider(
        "github_app_token",
        r"\bgh[us]_[A-Za-z0-9]{36}\b",
        &["ghu_", "ghs_"],
        42,
    )
    .validate(crc32),
    provider(
        "github_refresh_token",
        r"\bghr_[A-Za-z0-9]{36}\b",
        &["ghr_"],
        42,
    )
    .validate(crc32),
    provider(
        "github_fine_grained_pat",
        r"\bgithub_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}\b",
        &["github_pat_"],
        96,
    )
    .validate(mixed),
    // GitLab: personal, project and group tokens, optionally routable.
    token(
        "gitlab_pat",
        tok!(r"glpat-[A-Za-z0-9_\-]{20,64}(?:\.[A-Za-z0-9]{2,9}(?:\.[A-Za-z0-9]{7,9})?)?"),
        &["glpat-"],
        96,
    )
    .validate(mixed),
    token(
        "gitlab_deploy_token",
        tok!(r"gldt-[A-Za-z0-9_\-]{20,64}"),
        &["gldt-"],
        72,
    ),
    provider(
        "gitlab_pipeline_trigger_token",
        r"\bglptt-[a-f0-9]{40}\b",
        &["glptt-"],
        48,
    ),
    token(
        "gitlab_runner_token",
        tok!(r"glrt-[A-Za-z0-9_\-]{20,64}(?:\.[A-Za-z0-9]{2,9}(?:\.[A-Za-z0-9]{7,9})?)?"),
        &["glrt-"],
        96,
    )
    .validate(mixed),
    token(
        "gitlab_runner_registration_token",
        tok!(r"GR1348941[A-Za-z0-9_\-]{20}"),
        &["GR1348941"],
        32,
    )
    .validate(mixed_case),
    token(
        "gitlab_ci_job_token",
        tok!(r"glcbt-[A-Za-z0-9]{1,5}_[A-Za-z0-9_\-]{20}"),
        &["glcbt-"],
        36,
    ),
    token(
        "gitlab_incoming_mail_token",
        tok!(r"glimt-[A-Za-z0-9_\-]{25}"),
        &["glimt-"],
        34,
    ),
    token(
        "gitlab_feature_flag_token",
        tok!(r"glffct-[A-Za-z0-9_\-]{20}"),
        &["glffct-"],
        30,
    ),
    token(
        "gitlab_feed_token",
        tok!(r"glft-[A-Za-z0-9_\-]{20}"),
        &["glft-"],
        28,
    ),
    token(
        "gitlab_agent_token",
        tok!(r"glagent-[A-Za-z0-9_\-]{50,64}"),
        &["glagent-"],
        76,
    ),
    token(
        "gitlab_oauth_secret",
        tok!(r"gloas-[A-Za-z0-9_\-]{64}"),
        &["gloas-"],
        72,
    ),
    token(
        "gitlab_scim_token",
        tok!(r"glsoat-[A-Za-z0-9_\-]{20}"),
        &["glsoat-"],
        30,
    ),
    provider(
        "gitlab_session_cookie",
        r"_gitlab_session=([A-Za-z0-9]{32})\b",
        &["_gitlab_session="],
        50,
    )
    .group(1),
    provider(
        "bitbucket_app_password",
        r"\b(ATBB[A-Za-z0-9_=.\-]{32})(?:[^A-Za-z0-9_=.\-]|$)",
        &["ATBB"],
        40,
    )
    .group(1)
    .validate(mixed),
    provider(
        "atlassian_api_token",
        r"\b(ATATT3[A-Za-z0-9_\-=]{186})(?:[^A-Za-z0-9_\-=]|$)",
        &["ATATT3"],
        196,
    )
    .group(1),
    provider(
        "atlassian_api_token",
        keyed!("atlassian|confluence|jira", r"[A-Za-z0-9]{24}"),
        &["atlassian", "confluence", "jira"],
        90,
    )
    .group(1)
    .validate(mixed),
    provider(
        "sourcegraph_token",
        r"\bsgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}\b",
        &["sgp_"],
        66,
    ),
    provider(
        "huggingface_token",
        r"\bhf_[A-Za-z0-9]{34}\b",
        &["hf_"],
        40,
    )
    .validate(mixed_case),
    provider(
        "huggingface_org_token",
        r"\bapi_org_[A-Za-z0-9]{34}\b",
        &["api_org_"],
        44,
    )
    .validate(mixed_case),
];

fn crc32(token: &str) -> bool {
    checksum::crc32_token(token) && plausible(token)
}

#[cfg(test)]
mod tests {
    use crate::detect::secret::checksum::tests::make_crc32_token;
    use crate::detect::secret::tests::{assert_finds, assert_quiet};

    #[test]
    fn github_checksums() {
        for (prefix, id) in [
            ("ghp_", "github_pat"),
            ("gho_", "github_oauth_token"),
            ("ghu_", "github_app_token"),
            ("ghs_", "github_app_token"),
            ("ghr_", "github_refresh_token"),
        ] {
            for seed in 0..5 {
                let token = make_crc32_token(prefix, seed);
                assert_finds(id, &format!("token: {token}\n"));
                // One character off breaks the checksum.
                let bad = token.replacen(&token[6..7], "Z", 1);
                if bad != token {
                    assert_quiet(&format!("see {bad} here"));
                }
            }
        }
        assert_quiet("ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        assert_quiet("(ghp_your_token_here)");
    }

    #[test]
    fn github_fine_grained() {
        assert_finds(
            "github_fine_grained_pat",
            "github_pat_Gw5S1KBrNisKZpe2Mqd7bB_N9s1EBB1ZelnXRc7O0WB92Aw8wG6j\
             lYooZ8dxe3Cu0noqjS5THygERU57YN",
        );
    }

    #[test]
    fn gitlab() {
        assert_finds("gitlab_pat", "TOKEN = \"glpat-Y7EjOrdWhLSc4ObOYg5m\"");
        assert_finds(
            "gitlab_pat",
            "glpat-uocehg71286wq3eivj5h3rkc56w.7qx5ycpuo end.",
        );
        assert_quiet("glpat-XXXXXXXXXXX-XXXXXXXX");
        assert_finds(
            "gitlab_pipeline_trigger_token",
            "glptt-b9b4aa2b4118685b527d157371a62e35025b5301",
        );
    }

    #[test]
    fn huggingface() {
        assert_finds(
            "huggingface_token",
            "SECRET = \"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\"",
        );
        assert_quiet("hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        assert_quiet(
            "- (id)hf_requiredCharacteristicTypesForDisplayMetadata;",
        );
    }
}
