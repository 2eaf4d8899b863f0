//! Package registries: npm, PyPI, RubyGems, Clojars, NuGet, Docker Hub,
//! JFrog Artifactory.

use super::super::{after_delimiter, checksum, provider, token, Pattern};
use super::{mixed, plausible};

/// The package-registry detectors.
pub(crate) static PATTERNS: &[Pattern] = &[
    // npm's granular tokens carry the same CRC32 checksum as GitHub's.
    provider("npm_token", r"\bnpm_[A-Za-z0-9]{36}\b", &["npm_"], 42)
        .validate(npm),
    // PyPI tokens are macaroons whose base64 starts with the issuer.
    token(
        "pypi_token",
        tok!(
            r"pypi-(?:AgEIcHlwaS5vcmc|AgENdGVzdC5weXBpLm9yZw)[A-Za-z0-9_\-]{50,}"
        ),
        &["pypi-AgEIcHlwaS5vcmc", "pypi-AgENdGVzdC5weXBpLm9yZw"],
        4096,
    ),
    provider(
        "rubygems_api_key",
        r"\brubygems_[a-f0-9]{48}\b",
        &["rubygems_"],
        60,
    ),
    provider("clojars_token", r"\bCLOJARS_[a-z0-9]{60}\b", &["CLOJARS_"], 70)
        .validate(mixed),
    provider("nuget_api_key", r"\boy2[a-z0-9]{43}\b", &["oy2"], 48)
        .validate(mixed),
    token(
        "docker_hub_token",
        tok!(r"dckr_(?:pat|oat)_[A-Za-z0-9_\-]{27,64}"),
        &["dckr_pat_", "dckr_oat_"],
        76,
    )
    .validate(mixed),
    provider(
        "jfrog_api_key",
        r"(?:^|[^A-Za-z0-9+/])AKCp[A-Za-z0-9]{69}\b",
        &["AKCp"],
        76,
    )
    .expand(after_delimiter)
    .validate(mixed),
    provider(
        "jfrog_reference_token",
        r"(?:^|[^A-Za-z0-9+/])cmVmd[A-Za-z0-9]{59}\b",
        &["cmVmd"],
        68,
    )
    .expand(after_delimiter)
    .validate(mixed),
];

fn npm(token: &str) -> bool {
    checksum::crc32_token(token) && plausible(token)
}

#[cfg(test)]
mod tests {
    use crate::detect::secret::checksum::tests::make_crc32_token;
    use crate::detect::secret::tests::{assert_finds, assert_quiet};

    #[test]
    fn npm_checksum() {
        for seed in 10..20 {
            let token = make_crc32_token("npm_", seed);
            assert_finds(
                "npm_token",
                &format!("//registry/:_authToken={token}"),
            );
        }
        assert_quiet("npm_qk7bgq1lpe328r2dzw2j7rt4h3q30ull7082");
    }

    #[test]
    fn artifactory() {
        assert_quiet(
            "wrongStart := \"AkCpvapyzp21rrcs48ta47gkt1xago05dsqm2agt874wv8asdn69vwxgxtyzx7w75hgwi0im0\"",
        );
        assert_quiet(
            "partOfAlongUnrelatedBlob gYnkgAkCpsxsbma3zn6mg7lkth4b7u4d622cm61bllabr821f4p5i7u6ejaazqduxa3dshf8uxv0u2VyZSB2",
        );
        assert_finds(
            "jfrog_api_key",
            "key := \"AKCp891i8hjogmfiotz64ahdphuae7wmypyr13gnv33iomtslc91e2c2x4u53sgg2gyfmo6dg\"",
        );
    }
}
