//! Messaging, email and social platforms: Slack, Discord, Telegram,
//! Microsoft Teams, Twilio, SendGrid, Mailgun, Mailchimp, Brevo,
//! Postmark, Facebook, Twitter/X, Zapier, Zendesk, Twitch.

use super::super::{entropy, provider, token, Pattern};
use super::{mixed, mixed_case};

/// The messaging, email and social detectors.
pub(crate) static PATTERNS: &[Pattern] = &[
    provider(
        "slack_bot_token",
        r"\bxoxb-[0-9]{8,14}-(?:[0-9]{8,14}-){0,2}[A-Za-z0-9]{18,64}\b",
        &["xoxb-"],
        110,
    )
    .validate(mixed),
    provider(
        "slack_user_token",
        r"\bxox[pe]-[0-9]{8,14}-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{18,64}\b",
        &["xoxp-", "xoxe-"],
        120,
    )
    .validate(mixed),
    provider(
        "slack_legacy_token",
        r"\bxox[aors]-[0-9]{1,14}(?:-[0-9]{6,14}){1,3}-[A-Za-z0-9]{10,64}\b",
        &["xoxa-", "xoxo-", "xoxr-", "xoxs-"],
        120,
    )
    .validate(mixed),
    provider(
        "slack_app_token",
        r"\bxapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,14}-[a-f0-9]{32,64}\b",
        &["xapp-"],
        100,
    ),
    provider(
        "slack_config_token",
        r"\b(?:xoxe\.xox[bp]-[0-9]-[A-Za-z0-9]{160,}|xoxe-[0-9]-[A-Za-z0-9]{140,})\b",
        &["xoxe.xox", "xoxe-"],
        190,
    )
    .validate(mixed),
    provider(
        "slack_webhook_url",
        r"(?:https?://)?hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_]{40,60}",
        &["hooks.slack.com/"],
        100,
    )
    .validate(webhook_path),
    // Bot tokens: base64 of the bot's id, a timestamp, an HMAC.
    token(
        "discord_bot_token",
        tok!(r"[MNO][A-Za-z0-9_\-]{23,25}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38}"),
        &["discord", "bot", "token"],
        200,
    )
    .validate(mixed_case),
    provider(
        "discord_webhook_url",
        r"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]{17,20}/[A-Za-z0-9_\-]{60,}",
        &["/api/webhooks/"],
        140,
    ),
    provider(
        "discord_client_secret",
        keyed!("discord", r"[A-Za-z0-9_\-]{32}"),
        &["discord"],
        90,
    )
    .group(1)
    .validate(mixed_case),
    // Bot tokens: the bot's numeric id, a colon, 35 characters.
    token(
        "telegram_bot_token",
        tok!(r"[0-9]{8,10}:A[A-Za-z0-9_\-]{34}"),
        &[":AA", "telegram"],
        120,
    )
    .validate(telegram),
    provider(
        "teams_webhook_url",
        r"https://[A-Za-z0-9\-]+\.webhook\.office\.com/webhookb2/[A-Za-z0-9\-]{36}@[A-Za-z0-9\-]{36}/IncomingWebhook/[A-Za-z0-9]{32}/[A-Za-z0-9\-]{36}(?:/[A-Za-z0-9_\-]+)?",
        &[".webhook.office.com/"],
        260,
    ),
    provider(
        "twilio_api_key",
        r"\bSK[0-9a-fA-F]{32}\b",
        &["SK"],
        36,
    )
    .validate(hex_mixed),
    provider(
        "twilio_auth_token",
        keyed!("twilio", r"[a-f0-9]{32}"),
        &["twilio"],
        90,
    )
    .group(1)
    .validate(hex_mixed),
    token(
        "sendgrid_api_key",
        tok!(r"SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}"),
        &["SG."],
        72,
    )
    .validate(mixed),
    provider(
        "mailgun_api_key",
        r"\bkey-[a-f0-9]{32}\b",
        &["key-"],
        38,
    )
    .validate(hex_mixed),
    provider(
        "mailgun_signing_key",
        keyed!("mailgun", r"[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}"),
        &["mailgun"],
        110,
    )
    .group(1),
    provider(
        "mailchimp_api_key",
        r"\b[a-f0-9]{32}-us[0-9]{1,2}\b",
        &["-us"],
        40,
    )
    .validate(mailchimp),
    provider(
        "brevo_api_key",
        r"\bx(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16}\b",
        &["xkeysib-", "xsmtpsib-"],
        92,
    ),
    provider(
        "postmark_server_token",
        keyed!(
            "postmark",
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
        ),
        &["postmark"],
        90,
    )
    .group(1),
    provider(
        "facebook_access_token",
        r"\bEAA[A-Za-z0-9]{80,}\b",
        &["EAA"],
        310,
    )
    .validate(mixed_case),
    // App tokens: the app id, a pipe, the app's secret-derived part.
    token(
        "facebook_app_token",
        tok!(r"[0-9]{15,16}\|[A-Za-z0-9_\-]{27}"),
        &["facebook", "fb_", "access_token"],
        200,
    )
    .validate(mixed),
    provider(
        "facebook_app_secret",
        keyed!(r"facebook|fb_?app", r"[a-f0-9]{32}"),
        &["facebook", "fb_app", "fbapp"],
        90,
    )
    .group(1)
    .validate(hex_mixed),
    provider(
        "twitter_bearer_token",
        r"\bA{20,24}[A-Za-z0-9%]{60,}\b",
        &["AAAAAAAAAAAAAAAAAAAA"],
        170,
    )
    .validate(twitter_bearer),
    provider(
        "twitter_access_token",
        keyed!(r"twitter|tweet", r"[0-9]{15,25}-[A-Za-z0-9]{20,40}"),
        &["twitter", "tweet"],
        120,
    )
    .group(1),
    provider(
        "zapier_webhook_url",
        r"https://hooks\.zapier\.com/hooks/catch/[0-9]{3,12}/[A-Za-z0-9]{5,12}/?",
        &["hooks.zapier.com/"],
        80,
    ),
    provider(
        "zendesk_api_token",
        keyed!("zendesk", r"[A-Za-z0-9]{40}"),
        &["zendesk"],
        100,
    )
    .group(1)
    .validate(mixed),
    provider(
        "twitch_api_token",
        keyed!("twitch", r"[a-z0-9]{30}"),
        &["twitch"],
        90,
    )
    .group(1)
    .validate(mixed),
];

/// A webhook path must hold enough random characters.
fn webhook_path(url: &str) -> bool {
    let path = url.rsplit("slack.com/").next().unwrap_or(url);
    !entropy::is_placeholder(path) && entropy::shannon(path) >= 3.5
}

fn telegram(token: &str) -> bool {
    let secret = token.split_once(':').map_or(token, |(_, s)| s);
    !entropy::is_placeholder(secret)
        && entropy::Classes::of(secret).alnum_kinds() >= 2
}

fn hex_mixed(value: &str) -> bool {
    let c = entropy::Classes::of(value);
    c.digit && (c.lower || c.upper) && !entropy::is_patterned(value)
}

fn mailchimp(value: &str) -> bool {
    hex_mixed(&value[..32])
}

fn twitter_bearer(value: &str) -> bool {
    let rest = value.trim_start_matches('A');
    mixed(rest) && entropy::shannon(rest) >= 4.0
}

#[cfg(test)]
mod tests {
    use crate::detect::secret::tests::{assert_finds, assert_quiet};

    #[test]
    fn slack() {
        assert_finds(
            "slack_bot_token",
            "xoxb-650324013906-9080290876256-2oWRKF1T5JOrhGVsbsOHWdsd",
        );
        assert_finds(
            "slack_user_token",
            "xoxp-253295411820-9924742869693-HllSv0umPasO7LfQwjj9f2dH",
        );
        assert_quiet("xoxb-xxxxxxxxx-xxxxxxxxxx-xxxxxxxxxxxx");
        assert_quiet("xoxb-12345-abcd234");
        assert_quiet("\"token3\": \"xoxp-1234-1234-1234-4ddbc191d40ee098cbaae6f3523ada2d\"");
    }

    #[test]
    fn telegram_and_twilio() {
        assert_finds(
            "telegram_bot_token",
            "API_KEY = 5878310122:AAvBIQGVRRoLE-rnPf0jWsqRoWjCkIULo6J\n",
        );
        assert_quiet("bot 4660:A0chfhjov6gmq09hb8rdbh5wo3v0_0o66sd");
        assert_quiet(
            "t = \"93399234:A-some-other-thing-u59m2l54p1garvnn32digakk1z_mq-9a2d\"",
        );
        assert_finds(
            "twilio_api_key",
            "TOKEN = SK7e9d826e310771fa66309834beda192e",
        );
        assert_quiet("SK00000000000000000000000000000000");
    }

    #[test]
    fn email() {
        assert_finds(
            "sendgrid_api_key",
            "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",
        );
        assert_finds(
            "mailgun_api_key",
            "key-e70084718a8da2b1e0d6ec9e0c738cc3",
        );
        assert_finds(
            "mailchimp_api_key",
            "12f979671f3338a6f0bb0132ca989465-us20",
        );
    }
}
