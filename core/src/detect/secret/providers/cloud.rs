//! Cloud and hosting platforms: AWS, Google Cloud, Azure, Alibaba,
//! Tencent, Yandex, DigitalOcean, Heroku, Cloudflare, Fly.io, Tailscale,
//! OpenShift.

use std::ops::Range;

use super::super::{after_delimiter, entropy, provider, token, Pattern};
use super::{mixed, mixed_case, plausible};

/// The cloud and hosting detectors.
pub(crate) static PATTERNS: &[Pattern] = &[
    // Access key ids are 20 base32 characters behind a type prefix.
    provider(
        "aws_access_key",
        r"\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b",
        &["AKIA", "ASIA", "ABIA", "ACCA"],
        24,
    ),
    // Secret access keys have no prefix: 40 base64 characters next to
    // their well-known names.
    provider(
        "aws_secret_key",
        keyed!(
            r"aws_?secret_?(?:access_?)?key|secret_?access_?key|aws-secret-(?:access-)?key",
            r"[A-Za-z0-9/+]{40}"
        ),
        &[
            "secret_access_key",
            "secretaccesskey",
            "secret-access-key",
            "aws_secret",
            "awssecret",
            "aws-secret",
        ],
        120,
    )
    .group(1)
    .validate(aws_secret),
    // Session tokens are base64 of a structure that starts the same way.
    provider(
        "aws_session_token",
        r"(?:^|[^A-Za-z0-9+/])(?:IQoJb3JpZ2luX2|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9+/]{80,}={0,2}",
        &["IQoJb3JpZ2luX2", "FwoGZXIvYXdz", "FQoGZXIvYXdz"],
        2100,
    )
    .expand(after_delimiter)
    // Real session tokens hold runs like `//////////`.
    .validate(mixed),
    provider(
        "aws_bedrock_api_key",
        r"(?:^|[^A-Za-z0-9+/])(ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{100,}={0,2})(?:[^A-Za-z0-9+/=]|$)",
        &["ABSKQmVkcm9ja0FQSUtleS"],
        330,
    )
    .group(1)
    .validate(bedrock_long),
    provider(
        "aws_bedrock_api_key",
        r"\bbedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/%=&._-]*",
        &["bedrock-api-key-"],
        2048,
    ),
    token("gcp_api_key", tok!(r"AIza[A-Za-z0-9_\-]{35}"), &["AIza"], 44),
    token(
        "gcp_oauth_client_secret",
        tok!(r"GOCSPX-[A-Za-z0-9_\-]{28}"),
        &["GOCSPX-"],
        40,
    ),
    token(
        "google_oauth_access_token",
        tok!(r"ya29\.[A-Za-z0-9_\-]{30,}"),
        &["ya29."],
        1040,
    )
    .validate(mixed),
    token(
        "google_oauth_refresh_token",
        tok!(r"1//0[A-Za-z0-9_\-]{40,}"),
        &["1//0"],
        520,
    )
    .validate(mixed),
    // The private key of a service-account JSON is caught as a PEM block;
    // its id is reported too.
    provider(
        "gcp_service_account_key",
        r#""private_key_id"\s*:\s*"[a-f0-9]{40}""#,
        &["private_key_id"],
        64,
    )
    .expand(private_key_id),
    provider(
        "azure_storage_key",
        r"(?i:AccountKey)\s*=\s*[A-Za-z0-9+/]{86}==",
        &["AccountKey"],
        100,
    )
    .expand(account_key),
    provider(
        "azure_shared_access_key",
        r"(?i:SharedAccessKey|SharedAccessSignature)\s*=\s*[A-Za-z0-9+/]{43}=",
        &["SharedAccessKey", "SharedAccessSignature"],
        80,
    )
    .expand(shared_access_key),
    // A SAS signature is the URL-encoded base64 of an HMAC-SHA256.
    provider(
        "azure_sas_token",
        r"[?&;]sig=(?:[A-Za-z0-9+/]|%2[BbFf]){40,}(?:%3[Dd]|=){0,2}",
        &["sig="],
        110,
    )
    .expand(sas_signature)
    .validate(mixed),
    // Azure AD (Entra) client secrets carry `Q~` after four characters.
    provider(
        "azure_ad_client_secret",
        r"(?:^|[^A-Za-z0-9_~.\-])([A-Za-z0-9_~.\-]{3}[0-9]Q~[A-Za-z0-9_~.\-]{31,34})(?:[^A-Za-z0-9_~.\-]|$)",
        &["Q~"],
        48,
    )
    .group(1)
    .validate(azure_ad),
    provider(
        "azure_devops_pat",
        r"\b[A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4}\b",
        &["AZDO"],
        90,
    )
    .validate(mixed),
    provider(
        "alibaba_access_key_id",
        r"\bLTAI[A-Za-z0-9]{12,20}\b",
        &["LTAI"],
        26,
    )
    .validate(mixed),
    provider(
        "tencent_secret_id",
        r"\bAKID[A-Za-z0-9]{32}\b",
        &["AKID"],
        40,
    )
    .validate(mixed_case),
    token(
        "yandex_api_key",
        tok!(r"AQVN[A-Za-z0-9_\-]{35,38}"),
        &["AQVN"],
        46,
    )
    .validate(mixed),
    provider(
        "yandex_iam_token",
        tok_group!(r"t1\.[A-Za-z0-9_\-]{1,64}={0,2}\.[A-Za-z0-9_\-]{86}={0,2}"),
        &["t1."],
        170,
    )
    .group(1)
    .validate(mixed),
    provider(
        "yandex_access_key",
        keyed!("yandex", r"YC[A-Za-z0-9_\-]{38}"),
        &["yandex"],
        110,
    )
    .group(1)
    .validate(mixed_case),
    provider(
        "digitalocean_pat",
        r"\bdop_v1_[a-f0-9]{64}\b",
        &["dop_v1_"],
        72,
    ),
    provider(
        "digitalocean_oauth_token",
        r"\bdoo_v1_[a-f0-9]{64}\b",
        &["doo_v1_"],
        72,
    ),
    provider(
        "digitalocean_refresh_token",
        r"\bdor_v1_[a-f0-9]{64}\b",
        &["dor_v1_"],
        72,
    ),
    token(
        "heroku_api_key",
        tok!(r"HRKU-AA[A-Za-z0-9_\-]{58}"),
        &["HRKU-"],
        68,
    ),
    // Legacy Heroku keys are UUIDs, secret only next to the name.
    provider(
        "heroku_api_key",
        keyed!(
            "heroku",
            r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
        ),
        &["heroku"],
        100,
    )
    .group(1),
    provider(
        "cloudflare_origin_ca_key",
        r"\bv1\.0-[a-f0-9]{24}-[a-f0-9]{146}\b",
        &["v1.0-"],
        180,
    ),
    provider(
        "cloudflare_api_token",
        keyed!("cloudflare|cf_api", r"[A-Za-z0-9_\-]{40}"),
        &["cloudflare", "cf_api"],
        110,
    )
    .group(1)
    .validate(mixed),
    provider(
        "cloudflare_global_api_key",
        keyed!("cloudflare|cf_api", r"[a-f0-9]{37}"),
        &["cloudflare", "cf_api"],
        110,
    )
    .group(1)
    .validate(mixed),
    token(
        "flyio_access_token",
        tok!(r"fo1_[A-Za-z0-9_\-]{43}"),
        &["fo1_"],
        50,
    ),
    provider(
        "flyio_access_token",
        r"\b(?:FlyV1 )?fm[12][ar]?_[A-Za-z0-9+/]{100,}={0,3}",
        &["fm1", "fm2"],
        2048,
    ),
    token(
        "tailscale_key",
        tok!(r"tskey-(?:api|auth|client|webhook|scim)-[A-Za-z0-9]{6,20}-[A-Za-z0-9]{20,64}"),
        &["tskey-"],
        110,
    ),
    token(
        "openshift_token",
        tok!(r"sha256~[A-Za-z0-9_\-]{43}"),
        &["sha256~"],
        52,
    )
    .validate(mixed),
    provider(
        "ibm_cloud_api_key",
        keyed!(r"ibm_?cloud|ibmcloud|ibm_api", r"[A-Za-z0-9_\-]{44}"),
        &["ibmcloud", "ibm_cloud", "ibm_api", "ibm-cloud"],
        110,
    )
    .group(1)
    .validate(mixed),
];

/// `AccountKey=` and the key, 86 base64 characters and `==`: the key
/// ends the match.
fn account_key(_: &str, m: Range<usize>) -> Option<Range<usize>> {
    Some(m.end.checked_sub(88)?..m.end)
}

/// `SharedAccessKey=` and the key, 43 base64 characters and `=`.
fn shared_access_key(_: &str, m: Range<usize>) -> Option<Range<usize>> {
    Some(m.end.checked_sub(44)?..m.end)
}

/// `?sig=` (or `&`, `;`) and the signature.
fn sas_signature(_: &str, m: Range<usize>) -> Option<Range<usize>> {
    Some(m.start + "?sig=".len()..m.end)
}

/// `"private_key_id": "` and 40 hex digits before the closing quote.
fn private_key_id(_: &str, m: Range<usize>) -> Option<Range<usize>> {
    Some(m.end.checked_sub(41)?..m.end - 1)
}

fn aws_secret(value: &str) -> bool {
    mixed(value) && entropy::shannon(value) >= 4.0
}

/// A long-lived Bedrock key is base64 of `BedrockAPIKey-...`; its random
/// part must not be a repeated word.
fn bedrock_long(value: &str) -> bool {
    !value.contains("EXAMPLE") && plausible(value)
}

fn azure_ad(value: &str) -> bool {
    let after = value.split_once("Q~").map_or(value, |(_, rest)| rest);
    !entropy::is_placeholder(after)
        && entropy::Classes::of(after).alnum_kinds() >= 2
}

#[cfg(test)]
mod tests {
    use crate::detect::secret::tests::{assert_finds, assert_quiet};

    #[test]
    fn aws() {
        assert_finds("aws_access_key", "id = AKIA4MZJLOFZCLUA5KC3 ok");
        assert_finds("aws_access_key", "\"ASIAWMJEET22UQRHYOF6\"");
        assert_quiet("aws_access_key: AKIAIOSFODNN7EXAMPLE");
        assert_quiet("key = AKIAXXXXXXXXXXXXXXXX");
        assert_quiet("TODAYINASIAASACKOFRICEFELLOVER");
        assert_finds(
            "aws_secret_key",
            "aws_secret_access_key = 0Mt7H/v7fIm2iTi4cvulZJMAAEQIijV7gvMITDYZ",
        );
        assert_finds(
            "aws_secret_key",
            r#""SecretAccessKey": "XCJxBulQSlpDAQ5k3TvxnTx+k63BiiGQYVP3jy0S""#,
        );
        assert_quiet(
            "aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        );
    }

    #[test]
    fn google() {
        assert_finds(
            "gcp_api_key",
            "key = AIzapbeOlw6k0rfrOT5yZ7kYUbKBTVam5ZNwMCQ",
        );
        assert_quiet("apiKey: \"AIzaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"");
        assert_quiet("AIzaSyabcdefghijklmnopqrstuvwxyz1234567");
        assert_quiet("AIZASYCO2CXRMC9ELSKLHLHRMBSWDEVEDZTLO2O");
        assert_finds(
            "gcp_oauth_client_secret",
            "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",
        );
    }

    #[test]
    fn azure() {
        let key = "Ib5Hr9HYMalyY1ShRPhCpKI+Pg+W78mXLFltmrKPo4X4D+dajGmJM7bhiW\
                   zrqRG2RL6cuPjAEkAt+RgmD+s02g==";
        assert_finds(
            "azure_storage_key",
            &format!("AccountName=x;AccountKey={key};EndpointSuffix=core"),
        );
        assert_finds(
            "azure_ad_client_secret",
            "client_secret=bP88Q~rcBcYjzzOhg1Hnn76Wm3jGgakZiZ.8vMgR",
        );
        assert_quiet("client_secret=bP88Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        assert_quiet("~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~");
        assert_finds(
            "azure_sas_token",
            "https://a.blob.core.windows.net/c?sv=2022-11-02&ss=b&sig=\
             Zk3q9JwXvR2LmT8pNa6YcKbD1sJh3uEo5FgHiQzVtWs%3D",
        );
    }

    #[test]
    fn others() {
        assert_finds(
            "digitalocean_pat",
            "dop_v1_b56f674d6bf7173b216dadeeeeb16843d6a3076c699b70789530b4\
             cfe37b1275",
        );
        assert_finds(
            "heroku_api_key",
            "herokuKey = \"914d2677-0ea0-94a6-5781-f4607a26732a\"",
        );
        assert_quiet("request id 914d2677-0ea0-94a6-5781-f4607a26732a");
        assert_finds("alibaba_access_key_id", "LTAIbb62c042f6355d3f7d71");
        assert_quiet("sha256~XXXXXXXXXX_PUT_YOUR_TOKEN_HERE_XXXXXXXXXXXX");
    }
}
