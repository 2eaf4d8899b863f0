//! AI model providers: OpenAI, Anthropic, Groq, Perplexity, xAI,
//! Replicate, OpenRouter, LangSmith, Cohere, Mistral.

use super::super::{provider, token, Pattern};
use super::{mixed, mixed_case};

/// The AI-provider detectors.
pub(crate) static PATTERNS: &[Pattern] = &[
    token(
        "openai_api_key",
        tok!(r"sk-(?:proj|svcacct|admin|None)-[A-Za-z0-9_\-]{40,}"),
        &["sk-proj-", "sk-svcacct-", "sk-admin-", "sk-None-"],
        270,
    )
    .validate(mixed_case),
    // Legacy and many current keys embed base64 of "OpenAI".
    token(
        "openai_api_key",
        tok!(r"sk-[A-Za-z0-9_\-]{10,}T3BlbkFJ[A-Za-z0-9_\-]{10,}"),
        &["T3BlbkFJ"],
        140,
    )
    .validate(mixed),
    token(
        "anthropic_api_key",
        tok!(r"sk-ant-api03-[A-Za-z0-9_\-]{93}AA"),
        &["sk-ant-api03-"],
        112,
    )
    .validate(mixed_case),
    token(
        "anthropic_admin_key",
        tok!(r"sk-ant-admin01-[A-Za-z0-9_\-]{93}AA"),
        &["sk-ant-admin01-"],
        114,
    )
    .validate(mixed_case),
    provider("groq_api_key", r"\bgsk_[A-Za-z0-9]{52}\b", &["gsk_"], 58)
        .validate(mixed_case),
    provider(
        "perplexity_api_key",
        r"\bpplx-[A-Za-z0-9]{48}\b",
        &["pplx-"],
        56,
    )
    .validate(mixed),
    provider("xai_api_key", r"\bxai-[A-Za-z0-9]{80}\b", &["xai-"], 86)
        .validate(mixed_case),
    provider("replicate_api_token", r"\br8_[A-Za-z0-9]{37}\b", &["r8_"], 42)
        .validate(mixed_case),
    provider(
        "openrouter_api_key",
        r"\bsk-or-v1-[a-f0-9]{64}\b",
        &["sk-or-v1-"],
        76,
    ),
    provider(
        "langsmith_api_key",
        r"\blsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}\b",
        &["lsv2_pt_", "lsv2_sk_"],
        52,
    ),
    provider(
        "cohere_api_key",
        keyed!(r"cohere|co_api", r"[A-Za-z0-9]{40}"),
        &["cohere", "co_api"],
        100,
    )
    .group(1)
    .validate(mixed_case),
    provider(
        "mistral_api_key",
        keyed!("mistral", r"[A-Za-z0-9]{32}"),
        &["mistral"],
        90,
    )
    .group(1)
    .validate(mixed_case),
];

#[cfg(test)]
mod tests {
    use crate::detect::secret::tests::{assert_finds, assert_quiet};

    #[test]
    fn openai() {
        assert_finds(
            "openai_api_key",
            "SECRET = 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\n",
        );
        assert_finds(
            "openai_api_key",
            "sk-proj-VXPm0SqifMO1MOTIPbptOPPi5J96UWkhrg-GFRUVZN7RvdsGCrox0gmI\
             nAHikjBw3cV-KCz_E25Uy9jG0zbW",
        );
        assert_quiet("the meeting moved (sk-XXXXXXXXXXXXXXXXXXXXXXXX).");
    }

    #[test]
    fn anthropic() {
        let body =
            "FdZO3FIyjv4sH6urr4UNZEoANinDYP_mxfhcBe_4RJpwmCZD_5WvDEK7XB5\
                    HQ_oBkfba9OXKzZutdbXshWGqk7MbehqfJ";
        assert_finds("anthropic_api_key", &format!("sk-ant-api03-{body}AA"));
        assert_quiet(&format!("sk-ant-api03-{body}BB"));
    }
}
