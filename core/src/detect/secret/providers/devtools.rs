//! Developer platforms, CI/CD and secret managers: CircleCI, Buildkite,
//! Harness, Terraform Cloud, Pulumi, Vault, Doppler, Octopus Deploy,
//! Postman, Prefect, Netlify, Render, Supabase, PlanetScale, Databricks,
//! Infracost, 1Password, age, and a few more.

use super::super::{after_delimiter, entropy, provider, token, Pattern};
use super::{mixed, mixed_case};

/// The developer-platform detectors.
pub(crate) static PATTERNS: &[Pattern] = &[
    provider(
        "circleci_token",
        r"\bCCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40}\b",
        &["CCIPAT_"],
        72,
    ),
    provider(
        "buildkite_token",
        r"\bbkua_[a-f0-9]{40}\b",
        &["bkua_"],
        48,
    ),
    token(
        "harness_token",
        tok!(r"(?:pat|sat)\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9]{24}\.[A-Za-z0-9]{20}"),
        &["pat.", "sat."],
        76,
    )
    .validate(mixed),
    provider(
        "terraform_cloud_token",
        r"\b([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=\-]{60,})(?:[^A-Za-z0-9_=\-]|$)",
        &[".atlasv1."],
        100,
    )
    .group(1),
    provider("pulumi_token", r"\bpul-[a-f0-9]{40}\b", &["pul-"], 48),
    token(
        "vault_service_token",
        tok!(r"hvs\.[A-Za-z0-9_\-]{90,}"),
        &["hvs."],
        130,
    )
    .validate(mixed),
    token(
        "vault_batch_token",
        tok!(r"hvb\.[A-Za-z0-9_\-]{138,}"),
        &["hvb."],
        310,
    )
    .validate(mixed),
    // Legacy service tokens (`s.` + 24) are only trusted next to "vault".
    provider(
        "vault_service_token",
        keyed!("vault", r"s\.[A-Za-z0-9]{24}"),
        &["vault"],
        90,
    )
    .group(1)
    .validate(legacy_vault),
    provider(
        "doppler_token",
        tok_group!(r"dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9_.\-]{40,44}"),
        &["dp.pt.", "dp.st.", "dp.sa.", "dp.ct.", "dp.scim.", "dp.audit."],
        60,
    )
    .group(1),
    provider(
        "octopus_deploy_api_key",
        r"\bAPI-[A-Z0-9]{26}\b",
        &["API-"],
        32,
    )
    .validate(mixed),
    provider(
        "postman_api_key",
        r"\bPMAK-[a-f0-9]{24}-[a-f0-9]{34}\b",
        &["PMAK-"],
        66,
    ),
    provider(
        "prefect_api_key",
        r"\bpnu_[A-Za-z0-9]{36}\b",
        &["pnu_"],
        42,
    )
    .validate(mixed),
    provider(
        "netlify_token",
        r"\bnfp_[A-Za-z0-9]{36,40}\b",
        &["nfp_"],
        46,
    )
    .validate(mixed),
    provider(
        "render_api_key",
        r"\brnd_[A-Za-z0-9]{32}\b",
        &["rnd_"],
        38,
    )
    .validate(mixed_case),
    provider(
        "supabase_token",
        r"\bsbp_[a-f0-9]{40}\b",
        &["sbp_"],
        46,
    ),
    token(
        "supabase_token",
        tok!(r"sb_secret_[A-Za-z0-9_\-]{31,64}"),
        &["sb_secret_"],
        76,
    )
    .validate(mixed),
    provider(
        "planetscale_token",
        tok_group!(r"pscale_(?:tkn|oauth)_[A-Za-z0-9_=.\-]{32,64}"),
        &["pscale_tkn_", "pscale_oauth_"],
        80,
    )
    .group(1),
    provider(
        "planetscale_password",
        tok_group!(r"pscale_pw_[A-Za-z0-9_=.\-]{32,64}"),
        &["pscale_pw_"],
        76,
    )
    .group(1),
    provider(
        "databricks_token",
        r"\bdapi[a-f0-9]{32}(?:-[0-9])?\b",
        &["dapi"],
        40,
    ),
    provider(
        "infracost_token",
        r"(?:^|[^A-Za-z0-9_.\-])ico-[A-Za-z0-9]{32}\b",
        &["ico-"],
        38,
    )
    .expand(after_delimiter)
    .validate(mixed_case),
    provider(
        "onepassword_secret_key",
        r"\bA3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}\b",
        &["A3-"],
        40,
    )
    .validate(onepassword),
    provider(
        "onepassword_service_token",
        r"\bops_eyJ[A-Za-z0-9+/]{250,}={0,3}",
        &["ops_eyJ"],
        2048,
    ),
    // age's secret keys are bech32 (upper case) after their prefix.
    provider(
        "age_secret_key",
        r"\bAGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}\b",
        &["AGE-SECRET-KEY-1"],
        76,
    ),
    provider(
        "defined_networking_token",
        tok_group!(r"dnkey-[A-Za-z0-9=_\-]{26}-[A-Za-z0-9=_\-]{52}"),
        &["dnkey-"],
        92,
    )
    .group(1),
    provider(
        "frameio_token",
        tok_group!(r"fio-u-[A-Za-z0-9=_\-]{64}"),
        &["fio-u-"],
        72,
    )
    .group(1),
    token(
        "scalingo_token",
        tok!(r"tk-us-[A-Za-z0-9_\-]{48}"),
        &["tk-us-"],
        56,
    ),
    provider(
        "settlemint_token",
        r"\bsm_(?:pat|aat|sat)_[A-Za-z0-9]{16}\b",
        &["sm_pat_", "sm_aat_", "sm_sat_"],
        26,
    )
    .validate(mixed),
    provider(
        "authress_key",
        r"\b(?:sc|ext|scauth|authress)_[a-z0-9]{5,30}\.[a-z0-9]{4,6}\.acc[_\-][a-z0-9\-]{10,32}\.[A-Za-z0-9+/_=\-]{30,}",
        &[".acc_", ".acc-"],
        200,
    ),
    provider(
        "intra42_client_secret",
        r"\bs-s4t2(?:ud|af)-[a-f0-9]{64}\b",
        &["s-s4t2"],
        74,
    ),
    provider(
        "sidekiq_secret",
        r"(?i:BUNDLE_ENTERPRISE__CONTRIBSYS__COM|BUNDLE_GEMS__CONTRIBSYS__COM)[\w.\-]{0,12}[\x22']?\s*[:=]{1,2}\s*[\x22']?([a-f0-9]{8}:[a-f0-9]{8})\b",
        &["__CONTRIBSYS__COM"],
        90,
    )
    .group(1),
    provider(
        "snyk_token",
        keyed!(
            "snyk",
            r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
        ),
        &["snyk"],
        90,
    )
    .group(1)
    .validate(not_sample_uuid),
    provider(
        "sonarqube_token",
        r"\bsq[pau]_[a-f0-9]{40}\b",
        &["sqp_", "sqa_", "squ_"],
        48,
    ),
];

fn legacy_vault(value: &str) -> bool {
    let c = entropy::Classes::of(&value[2..]);
    c.lower && c.upper && c.digit && mixed(value)
}

fn onepassword(value: &str) -> bool {
    let body: String = value.chars().filter(|c| *c != '-').collect();
    !entropy::is_placeholder(&body[2..])
        && body.bytes().any(|b| b.is_ascii_digit())
}

fn not_sample_uuid(value: &str) -> bool {
    !entropy::is_patterned(&value.replace('-', ""))
}

#[cfg(test)]
mod tests {
    use crate::detect::secret::tests::{assert_finds, assert_quiet};

    #[test]
    fn samples() {
        assert_finds(
            "databricks_token",
            "key = dapi258140165a45c00a062fe2580d965a39\n",
        );
        assert_quiet("DATABRICKS_TOKEN=dapi123456789012345678a9bc01234defg5");
        assert_finds(
            "pulumi_token",
            "pul-b066c4f900b9770ddd74cb6ca58b79fd8747b2be",
        );
        assert_quiet("<img src=\"./assets/vipul-f0eb1acf0da84c06a50c5b2c59932001997786b176dec02bd16128ee9ea83628.png\">");
        assert_finds(
            "vault_service_token",
            "vault_api_token = \"s.6xFm1z68Yrq3nnhIZyCFqULk\"",
        );
        assert_quiet("s.THISSTRINGISALLUPPERCASE vault");
        assert_finds(
            "octopus_deploy_api_key",
            "API-SRLG6G9CN3VLP5PBGFGDLVOMS8",
        );
        assert_quiet("msgstr \"GSSAPI-VIRHEKAPSELOINTIMERKKIJONO.\"");
        assert_quiet("ico-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
        assert_quiet("video_box.ico-7a388b69018576d24b59331fd60aab0c.png");
        assert_quiet("A3-XXXXXX-XXXXXXXXXXX-XXXXX-XXXXX-XXXXX");
    }
}
