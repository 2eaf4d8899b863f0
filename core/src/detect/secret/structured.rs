//! Secrets recognised by their structure rather than a vendor prefix:
//! JSON Web Tokens, PEM and PuTTY private keys, credentials inside URLs,
//! `Authorization` headers, and passwords on command lines.

use std::ops::Range;

use super::checksum::base64_decode;
use super::entropy::{self, is_placeholder, is_uuid, looks_random};
use super::{after_delimiter, Pattern, STRUCTURED};
use crate::finding::Kind;

/// A structured secret; the value is the whole match unless a capture
/// group or an expansion says otherwise (see [`super::provider`]).
const fn structured(
    id: &'static str,
    regex: &'static str,
    anchors: &'static [&'static str],
    window: usize,
) -> Pattern {
    Pattern::new(id, Kind::Secret, regex)
        .anchors(anchors, window)
        .priority(STRUCTURED)
}

/// The structured detectors.
pub(crate) static PATTERNS: &[Pattern] = &[
    // Header and payload are base64url JSON; the signature may be empty
    // (`alg: none`).
    structured(
        "jwt",
        r"\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{2,}\.[A-Za-z0-9_\-]{0,}(?:[^A-Za-z0-9_\-]|$)",
        &["eyJ"],
        12_400,
    )
    .expand(jwt_token)
    .validate(jwt),
    // A JWT written once more in base64, as Kubernetes secrets do.
    structured(
        "jwt",
        r"(?:^|[^A-Za-z0-9+/])ZXlK[A-Za-z0-9+/]{60,}={0,2}",
        &["ZXlK"],
        16_100,
    )
    .expand(after_delimiter)
    .validate(base64_jwt),
    // A whole PEM block, across lines or with `\n` escapes (as in a
    // service-account JSON).
    structured(
        "private_key",
        r"-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----(?s:.)*?-----END[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----",
        &["PRIVATE KEY"],
        16_384,
    )
    .validate(pem),
    // A block cut off before its END line is still a key.
    structured(
        "private_key",
        r"-----BEGIN[ A-Z0-9]{0,30}PRIVATE KEY(?: BLOCK)?-----(?:[ \t]*(?:\r?\n|\\r?\\n))+(?:[A-Za-z][A-Za-z\-]*:[^\r\n\\]*(?:\r?\n|\\r?\\n)+)*(?:[A-Za-z0-9+/=]{16,}[ \t]*(?:\r?\n|\\r?\\n)?)+",
        &["PRIVATE KEY"],
        16_384,
    )
    .validate(pem),
    structured(
        "private_key",
        r"PuTTY-User-Key-File-[23]: (?s:.)*?Private-Lines: [0-9]+\r?\n(?:[A-Za-z0-9+/=]{4,}\r?\n?)+",
        &["PuTTY-User-Key-File-"],
        16_384,
    ),
    // `scheme://user:PASSWORD@host`: the password only. A password may
    // hold a raw `@` (badly encoded URLs do), so the last `@` before the
    // host ends it.
    structured(
        "url_credentials",
        r"\b[A-Za-z][A-Za-z0-9+.\-]{1,24}://[^\s:/?#@\x22'<>\[\]\x60]{0,}:[^\s/@\x22'<>\x60]{1,}(?:@[^\s/@\x22'<>\x60]{1,})*@[A-Za-z0-9\[]",
        &["://"],
        560,
    )
    .expand(url_password_span)
    .validate(url_password),
    // `Authorization: <scheme> <credentials>`, in headers, JSON and code.
    structured(
        "auth_header",
        r"(?i:authorization|proxy-authorization)\\?[\x22']?\s*[:=,]\s*\\?[\x22']?\s*(?:(?i:bearer|token|bot|basic|digest|apikey|api-key|sso-key|jwt|key)\s+)?[A-Za-z0-9._~+/\-]{8,}={0,2}",
        &["authorization"],
        4200,
    )
    .expand(credentials_at_end)
    .check(authorization),
    structured(
        "auth_header",
        r"\b(?i:bearer)\s+[A-Za-z0-9._~+/\-]{16,}={0,2}",
        &["bearer"],
        4120,
    )
    .expand(credentials_at_end)
    .check(bearer),
    // `curl -u user:PASSWORD`; with an empty password the user is the
    // key (`curl -u sk_live_...:`).
    structured(
        "cli_password",
        r"(?:^|\s)(?:-u|--user)[ \t=]*[\x22']?[^\s:\x22']{0,}:[^\s\x22']{1,}",
        &["curl"],
        600,
    )
    .expand(after_first_colon)
    .validate(cli_password),
    structured(
        "cli_password",
        r"(?:^|\s)(?:-u|--user)[ \t=]*[\x22']?([^\s:\x22']{16,}):(?:[\s\x22']|$)",
        &["curl"],
        600,
    )
    .group(1)
    .validate(random_user),
    structured(
        "cli_password",
        r"\bmysql(?:dump|admin)?\b[^\r\n]{0,}?\s-p[\x22']?([^\s\x22'\-][^\s\x22']{2,})",
        &["mysql"],
        340,
    )
    .group(1)
    .validate(cli_password),
    structured(
        "cli_password",
        r"\bsshpass\s+-p\s*[\x22']?([^\s\x22']{3,})",
        &["sshpass"],
        150,
    )
    .group(1)
    .validate(cli_password),
];

/// The token of a `jwt` match, which takes the byte after the token (or
/// ends the text). A token holds exactly two dots and otherwise bytes of
/// `[A-Za-z0-9_-]`, and may end with its second dot (no signature). So a
/// last byte outside that alphabet is the delimiter, unless it is a dot
/// and the match holds only two: then the token ends the text.
fn jwt_token(text: &str, m: Range<usize>) -> Option<Range<usize>> {
    let b = text.as_bytes().get(m.clone())?;
    let &last = b.last()?;
    let token_byte =
        last.is_ascii_alphanumeric() || matches!(last, b'_' | b'-');
    let unsigned =
        last == b'.' && b.iter().filter(|&&c| c == b'.').count() == 2;
    let end = if token_byte || unsigned { m.end } else { m.end - 1 };
    Some(m.start..end)
}

/// The password of a `url_credentials` match: from the colon after the
/// user (the first after `://`, as neither scheme nor user holds one) to
/// the `@` and host character that end the match.
fn url_password_span(text: &str, m: Range<usize>) -> Option<Range<usize>> {
    let s = text.get(m.clone())?;
    let after_scheme = s.find("://")? + 3;
    let colon = after_scheme + s[after_scheme..].find(':')?;
    Some(m.start + colon + 1..m.end.checked_sub(2)?)
}

/// The credentials that end an `Authorization` or `Bearer` match: the
/// run of `[A-Za-z0-9._~+/-]` with up to two `=` after it. No byte before
/// the credentials in such a match belongs to that alphabet.
fn credentials_at_end(text: &str, m: Range<usize>) -> Option<Range<usize>> {
    let b = text.as_bytes().get(m.clone())?;
    let mut start = b.len();
    while start > 0 && b[start - 1] == b'=' && b.len() - start < 2 {
        start -= 1;
    }
    while start > 0
        && (b[start - 1].is_ascii_alphanumeric()
            || b"._~+/-".contains(&b[start - 1]))
    {
        start -= 1;
    }
    Some(m.start + start..m.end)
}

/// The password of a `curl -u user:password` match: what follows the
/// first colon, as nothing before the user's end holds one.
fn after_first_colon(text: &str, m: Range<usize>) -> Option<Range<usize>> {
    let colon = text.get(m.clone())?.find(':')?;
    Some(m.start + colon + 1..m.end)
}

/// A JWT's header decodes to a JSON object naming its algorithm.
fn jwt(token: &str) -> bool {
    let header = token.split('.').next().unwrap_or("");
    let Some(json) = base64_decode(header) else { return false };
    json.first() == Some(&b'{') && json.windows(5).any(|w| w == b"\"alg\"")
}

fn base64_jwt(value: &str) -> bool {
    let Some(inner) = base64_decode(value) else { return false };
    let Ok(inner) = std::str::from_utf8(&inner) else { return false };
    let token = inner.split(|c: char| c.is_whitespace()).next().unwrap_or("");
    token.matches('.').count() >= 2 && jwt(token)
}

/// A PEM block must hold real base64 content, not `...` or a word.
fn pem(block: &str) -> bool {
    // The body: the block's lines, also split at `\n` escapes, without
    // the BEGIN and END lines (`-----`) and headers (`:`).
    let mut body = String::with_capacity(block.len());
    let mut base64 = 0;
    for part in block.lines().flat_map(|l| l.split("\\n")) {
        if part.contains("-----") || part.contains(':') {
            continue;
        }
        body.push_str(part);
        base64 += part
            .bytes()
            .filter(|b| b.is_ascii_alphanumeric() || b"+/".contains(b))
            .count();
    }
    base64 >= 40 && !entropy::is_patterned(&body) && !body.contains("...")
}

/// Words and templates that stand for a password in documentation.
const PASSWORD_WORDS: &[&str] = &[
    "pass",
    "passwd",
    "password",
    "pwd",
    "secret",
    "pw",
    "pass123",
    "password123",
    "changeme",
    "admin",
    "root",
    "guest",
    "user",
    "username",
    "test",
    "token",
    "apikey",
    "api_key",
    "mypassword",
    "yourpassword",
    "xxx",
    "foo",
    "bar",
];

fn url_password(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    !(PASSWORD_WORDS.contains(&lower.as_str())
        || value.starts_with('$')
        || value.starts_with('%') && value.ends_with('%')
        || value.starts_with('{') && value.ends_with('}')
        || value.starts_with('[') && value.ends_with(']')
        || value.starts_with(':')
        || value.bytes().all(|b| b == value.as_bytes()[0])
        || is_placeholder(value))
}

fn random_user(value: &str) -> bool {
    looks_random(value, 16)
}

fn cli_password(value: &str) -> bool {
    url_password(value) && !value.starts_with('`') && !value.contains("$(")
}

fn authorization(before: &str, value: &str) -> bool {
    let scheme = before
        .rsplit(|c: char| c.is_whitespace() || c == '"' || c == '\'')
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_ascii_lowercase();
    if scheme == "basic" {
        return basic_credentials(value);
    }
    bearer(before, value)
}

fn bearer(_before: &str, value: &str) -> bool {
    is_uuid(value) || looks_random(value, 12)
}

/// Basic credentials are base64 of `user:password`.
fn basic_credentials(value: &str) -> bool {
    let Some(raw) = base64_decode(value) else { return false };
    let Ok(text) = std::str::from_utf8(&raw) else { return false };
    let Some((_, password)) = text.split_once(':') else { return false };
    !password.is_empty()
        && text.chars().all(|c| !c.is_control())
        && url_password(password)
}

#[cfg(test)]
mod tests {
    use crate::detect::secret::tests::{assert_finds, assert_quiet, values};

    const JWT: &str =
        "eyJhbGciOiAiSFMyNTYiLCAidHlwIjogIkpXVCJ9.eyJzdWIiOiAiNTgy\
        MTE0MjAzIiwgImlhdCI6IDE2MTkzMzA4Nzl9.9-ahFFHjbOj9DnyctIUdA6Xddqw-eKu\
        f6eRK3mFZQsg";

    #[test]
    fn jwt() {
        assert_finds("jwt", &format!("key = '{JWT}'"));
        assert_finds("jwt", &format!("token {JWT}."));
        assert_quiet("eyJub3RhIjoiand0In0.eyJzdWIiOiIxIn0.sig");
    }

    #[test]
    fn private_keys() {
        let body = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQDAC4AWkdwKYSd8\n\
                    Ks14IReLcYgADhoXk56ZzXI=\n";
        let block = format!(
            "-----BEGIN PRIVATE KEY-----\n{body}-----END PRIVATE KEY-----"
        );
        let text = format!("key:\n{block}\nend");
        let found = values(&text);
        assert_eq!(found, vec![("private_key", block.as_str())]);
        let escaped = block.replace('\n', "\\n");
        assert_finds(
            "private_key",
            &format!("{{\"private_key\": \"{escaped}\"}}"),
        );
        assert_finds(
            "private_key",
            &format!("-----BEGIN RSA PRIVATE KEY-----\n{body}"),
        );
        assert_quiet(
            "-----BEGIN PRIVATE KEY-----\nanything\n-----END PRIVATE KEY-----",
        );
        assert_quiet("-----BEGIN OPENSSH PRIVATE KEY----------END OPENSSH PRIVATE KEY-----");
    }

    #[test]
    fn url_credentials() {
        assert_eq!(
            values("postgres://benjamin04:cb0Sw#Zfs%K0v8@db:5432/x"),
            vec![("url_credentials", "cb0Sw#Zfs%K0v8")]
        );
        assert_eq!(
            values("mongodb+srv://u:p@ss!w0rd9@cluster0:27017/app"),
            vec![("url_credentials", "p@ss!w0rd9")]
        );
        assert_finds("url_credentials", "redis://:Xk29fLq81z@cache:6379");
        assert_quiet("postgres://user:password@localhost/db");
        assert_quiet("amqp://guest:guest@rabbit:5672");
        assert_quiet("postgres://app:${DB_PASSWORD}@db/app");
        assert_quiet("https://example.com:8443/path");
    }

    #[test]
    fn headers() {
        assert_eq!(
            values("Authorization: Bearer woCzN2PacNCkCJRIWcpQSroGsfSjlnMO\n"),
            vec![("auth_header", "woCzN2PacNCkCJRIWcpQSroGsfSjlnMO")]
        );
        assert_finds(
            "auth_header",
            r#"headers = {"Authorization": "Basic Y2hhbGw6dmk1SWl6VDEwMDJz"}"#,
        );
        assert_finds(
            "auth_header",
            "curl --header  'Authorization:  5eb4223e-5008-46e5-be67-c7b8f2732305'",
        );
        assert_quiet("-H \"Authorization: Bearer $API_KEY\"");
        assert_quiet("-H \"Authorization: Bearer XXXXXXXXXXXX\"");
        assert_quiet("-H \"Authorization: Bearer <Openverse API token>\"");
        assert_quiet("-H \"Authorization: Token **********\"");
        assert_quiet("--header \"Authorization: Basic ...\"");
    }

    #[test]
    fn command_lines() {
        assert_eq!(
            values(
                "curl --cacert ca.crt -u elastic:P@ssw0rd$1 https://h:9200"
            ),
            vec![("cli_password", "P@ssw0rd$1")]
        );
        assert_quiet("curl -u \"${username}:${password}\"");
        assert_quiet(
            "curl --user \"$(cat ./login.txt):$(cat ./password.txt)\"",
        );
        assert_quiet("curl -u username:token");
        assert_finds("cli_password", "mysql -u root -pS3cr3tPass db");
        assert_finds("cli_password", "mysql -h db -u root -p'S3cr3t!Pass' db");
    }
}
