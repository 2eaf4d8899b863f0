//! Generic assignments: a value given to a name that says it is secret,
//! as in `password = "..."`, `"api_key": "..."`, `TOKEN=...`,
//! `<password>...</password>`, `--token ...` or "the password is ...".
//!
//! The name decides how strict the value check is: anything that is not
//! a placeholder passes after `password`; a `token` or `secret` must look
//! generated (length, character mix, entropy); a bare `key` must look
//! even more so. Names that only sound secret (`public_key`,
//! `csrf_token`, `next_page_token`, `token_type`) are left alone, and so
//! are values that are references rather than literals: `${VAR}`,
//! `os.environ[...]`, `process.env.X`, `getpass()`, `<YOUR_KEY>`.

use super::entropy::{
    is_placeholder, is_uuid, is_wordy, looks_random, shannon, Classes,
};
use super::{Pattern, GENERIC};
use crate::finding::Kind;

/// The name (its last word holds a secret-sounding stem) and the
/// separator of an assignment, as a regex prefix.
macro_rules! assignment {
    ($value:literal) => {
        concat!(
            r"(?:^|[^A-Za-z0-9_.\-])(?i:[A-Za-z0-9_.\-]*?(?:pass(?:word|wd|phrase|code)?|pwd|pw|secret|token|key|auth|credentials?|creds?)[0-9]{0,3})",
            r"(?:\\?[\x22'\x60])?\]?[ \t]{0,4}",
            r"(?:=>|->|:{0,3}=|[?.+|]=|={2,3}|:|,|>|\\?[\x22'][ \t]+(?i:value)[ \t]*=)",
            r"[ \t]{0,8}(?:\r?\n[ \t]{0,16})?",
            $value
        )
    };
}

/// Anchors shared by the assignment patterns: the stems of the names.
const STEMS: &[&str] = &["pass", "pwd", "secret", "token", "key", "auth", "cred"];

/// How far a match reaches from its stem: a 60-byte name before, a
/// separator and a 256-byte value after.
const WINDOW: usize = 360;

const fn generic(regex: &'static str) -> Pattern {
    Pattern::new("generic_secret", Kind::Secret, regex)
        .group(1)
        .anchors(STEMS, WINDOW)
        .check(assignment_value)
        .priority(GENERIC)
}

/// The generic detectors.
pub(crate) static PATTERNS: &[Pattern] = &[
    // Quoted: the value runs to the closing quote (a value holding a quote
    // of another kind is cut there).
    generic(assignment!(
        r"\\?[\x22'\x60]([^\x22'\x60\\\r\n]+)\\?[\x22'\x60]"
    )),
    // Unquoted: the value ends at whitespace, a quote or punctuation that
    // ends values in code, URLs and connection strings.
    generic(assignment!(
        r"([^\s\x22'\x60,;<>(){}\[\]&\\]{1,}(?:&[^\s\x22'\x60,;<>(){}\[\]&=\\]{1,64})*)"
    )),
    // Command-line flags: `--password VALUE`, `--api-key VALUE`.
    Pattern::new(
        "generic_secret",
        Kind::Secret,
        r"(?:^|\s)--?(?i:(?:[a-z]+-)?(?:password|passwd|pass|pwd|token|secret|api-?key|access-?key|secret-?key))[ \t]+[\x22']?([^\s\x22'\-][^\s\x22']{2,})",
    )
    .group(1)
    .anchors(&["-pass", "-pwd", "-token", "-secret", "-key", "-api", "-access"], 300)
    .check(flag_value)
    .priority(GENERIC),
    // Prose: "the password is Hunter2!".
    Pattern::new(
        "generic_secret",
        Kind::Secret,
        r"\b(?i:password|passphrase|passcode|pwd)[ \t]+(?i:is|was|remains)[ \t]*:?[ \t]+[\x22']?([^\s\x22']{3,63}[^\s\x22'.,;:)])",
    )
    .group(1)
    .anchors(&["pass", "pwd"], 100)
    .check(prose_value)
    .priority(GENERIC),
];

/// What a name says about its value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Family {
    /// `password`, `passwd`, `pwd`, `passphrase`: any non-placeholder.
    Password,
    /// `secret`, `token`, `auth`, `credentials`, `api_key`: generated.
    Token,
    /// A bare `key`: generated, long and varied.
    Key,
}

/// Words that make a secret-sounding name mean something public, or a
/// property of the secret rather than the secret itself.
const DENY_WORDS: &[&str] = &[
    "public", "pub", "publishable", "csrf", "xsrf", "authenticity", "page",
    "next", "prev", "continuation", "cursor", "sync", "idempotency", "cache",
    "primary", "foreign", "sort", "partition", "row", "column", "field",
    "input", "label", "placeholder", "hint", "type", "length", "len",
    "size", "count", "min", "max", "policy", "expiry", "expires",
    "expiration", "ttl", "timeout", "header", "param", "file", "path", "url",
    "uri", "name", "id", "format", "encoding", "algorithm", "alg", "mode",
    "version", "prefix", "suffix", "pattern", "regex", "regexp", "hash",
    "hashed", "digest", "salt", "fingerprint", "lookup", "map", "index",
    "event", "press", "pressed", "down", "up", "code", "by", "bypass",
    "compass", "route", "ref", "arn", "validator", "validation", "strength",
    "enabled", "required", "visible", "show", "hide", "toggle", "icon",
    "button", "tokenizer", "usage", "limit", "limits", "price", "cost",
    "counter", "stream", "word", "words",
];

/// A bare `key` is a secret only with one of these words before it.
const KEY_QUALIFIERS: &[&str] = &[
    "api", "access", "secret", "private", "auth", "master", "app",
    "application", "client", "account", "shared", "storage", "signing",
    "encryption", "license", "licence", "subscription", "service", "admin",
    "rest", "server", "developer", "dev", "consumer", "webhook", "session",
    "crypt", "cipher", "hmac", "jwt", "root", "deploy", "ssh", "gpg", "pgp",
    "decryption", "live", "prod", "secure", "user",
];

/// Glued names ending in `key` that are secret.
const KEY_COMPOUNDS: &[&str] = &[
    "apikey", "accesskey", "secretkey", "privatekey", "authkey", "masterkey",
    "appkey", "clientkey", "accountkey", "sharedkey", "storagekey",
    "signingkey", "encryptionkey", "licensekey", "subscriptionkey",
    "servicekey", "adminkey", "restkey", "serverkey", "developerkey",
    "consumerkey", "webhookkey", "sessionkey", "xapikey",
];

/// Values that stand for a secret in examples, schemas and templates.
const STOP_VALUES: &[&str] = &[
    "true", "false", "null", "nil", "none", "undefined", "yes", "no", "on",
    "off", "empty", "string", "str", "int", "integer", "number", "bool",
    "boolean", "bytes", "object", "required", "optional", "secret",
    "secrets", "password", "passwd", "pass", "pwd", "token", "key", "apikey",
    "api_key", "value", "changeme", "hidden", "masked", "redacted",
    "removed", "omitted", "sensitive", "encrypted", "plaintext", "default",
    "test", "testing", "demo", "example", "sample", "dummy", "foo", "bar",
    "baz", "foobar", "admin", "user", "username", "root", "guest", "xxx",
    "n/a", "na", "tbd", "todo", "unknown", "notset", "not_set", "env",
    "local", "dev", "prod", "production", "development", "staging",
    "bearer", "basic", "oauth", "jwt", "auth", "login", "readonly", "write",
    "read", "disabled", "enabled", "nullable", "generated", "internal",
    "external", "writeonly", "mypassword", "yourpassword", "secretkey",
    "mysecret", "mytoken", "private", "public", "hunter2x",
];

/// File extensions that make a value a path rather than a secret.
const FILE_EXTENSIONS: &[&str] = &[
    ".json", ".pem", ".key", ".txt", ".yaml", ".yml", ".p12", ".pfx",
    ".crt", ".cer", ".env", ".cfg", ".conf", ".ini", ".jks", ".keystore",
    ".gpg", ".asc", ".pub", ".der", ".xml", ".toml", ".py", ".js", ".ts",
];

/// Splits a name into lower-case words at punctuation and camelCase
/// boundaries: `sengridAPIToken2` gives `sengrid`, `api`, `token2`.
fn words(name: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_ascii_alphanumeric() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_ascii_uppercase()
            && match prev {
                Some(p) if p.is_ascii_lowercase() || p.is_ascii_digit() => {
                    true
                }
                Some(p) if p.is_ascii_uppercase() => {
                    next.is_some_and(|n| n.is_ascii_lowercase())
                }
                _ => false,
            };
        if boundary && !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
        current.push(c.to_ascii_lowercase());
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The family of a name, or `None` when the name is not a secret's.
fn family(name: &str) -> Option<Family> {
    let words = words(name);
    let (last, before) = words.split_last()?;
    let last = last.trim_end_matches(|c: char| c.is_ascii_digit());
    if words.iter().any(|w| DENY_WORDS.contains(&w.as_str())) {
        return None;
    }
    let ends = |stem: &str| last.ends_with(stem);
    if ends("password")
        || ends("passwd")
        || ends("passphrase")
        || ends("passcode")
        || matches!(last, "pwd" | "pw" | "pass" | "dbpass" | "dbpwd")
    {
        return Some(Family::Password);
    }
    if ends("secret")
        || ends("token")
        || matches!(last, "auth" | "credential" | "credentials" | "creds" | "cred")
    {
        return Some(Family::Token);
    }
    if KEY_COMPOUNDS.contains(&last) {
        return Some(Family::Token);
    }
    if last == "key" {
        if before.is_empty() {
            return Some(Family::Key);
        }
        if before.iter().any(|w| KEY_QUALIFIERS.contains(&w.as_str())) {
            return Some(Family::Token);
        }
    }
    None
}

/// The name at the start of the text matched before a value.
fn leading_name(before: &str) -> &str {
    let start = before
        .find(|c: char| c.is_ascii_alphanumeric())
        .unwrap_or(before.len());
    let rest = &before[start..];
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Rejections shared by every form: references, templates, paths,
/// placeholders and schema words.
fn is_reference_or_placeholder(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    if STOP_VALUES.contains(&lower.as_str()) {
        return true;
    }
    let b = value.as_bytes();
    let first = b[0];
    let last = b[b.len() - 1];
    let wrapped = matches!(
        (first, last),
        (b'{', b'}') | (b'[', b']') | (b'<', b'>') | (b'%', b'%') | (b'(', b')')
    );
    wrapped
        || value.starts_with("${")
        || value.starts_with("$(")
        || value.starts_with("#{")
        || value.starts_with("@{")
        || value.starts_with("%(")
        || (first == b'$'
            && value[1..].bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_'))
        || value.starts_with('%') && value.len() <= 3
        || lower.starts_with("env:")
        || lower.starts_with("env.")
        || lower.starts_with("secrets.")
        || lower.starts_with("vault:")
        || lower.starts_with("arn:")
        || lower.starts_with("ref+")
        || lower.starts_with("sha256:")
        || value.starts_with('/')
        || value.starts_with("./")
        || value.starts_with("~/")
        || value.contains("://")
        || FILE_EXTENSIONS.iter().any(|e| lower.ends_with(e))
        || is_email(value)
        || is_placeholder(value)
}

fn is_email(value: &str) -> bool {
    match value.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && domain.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'.' || c == b'-')
        }
        None => false,
    }
}

/// Whether an unquoted value reads as code: an identifier, a dotted
/// reference, a YAML key.
fn is_code(value: &str) -> bool {
    if value.ends_with(':') || value.ends_with('.') && value.len() < 12 {
        return true;
    }
    // The next assignment's name (`NAME=`).
    if let Some(name) = value.strip_suffix('=') {
        if name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') {
            return true;
        }
    }
    let identifier = |s: &str| {
        !s.is_empty()
            && !s.as_bytes()[0].is_ascii_digit()
            && s.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_')
    };
    let dotted = value.contains('.') && value.split('.').all(identifier);
    if dotted && value.bytes().filter(|c| c.is_ascii_digit()).count() == 0 {
        return true;
    }
    // A word or a constant name, unless long, mixed-case and random.
    let letters_only = value.bytes().all(|c| c.is_ascii_alphabetic() || c == b'_');
    if letters_only {
        let c = Classes::of(value);
        return !(value.len() >= 20 && c.lower && c.upper && shannon(value) >= 3.5);
    }
    false
}

/// Whether a value suits a name of `family`.
fn value_fits(family: Family, value: &str, quoted: bool) -> bool {
    if value.len() < 3 || value.bytes().any(|b| b.is_ascii_whitespace()) {
        return false;
    }
    if STRICT_PREFIXES.iter().any(|p| value.starts_with(p)) {
        return false;
    }
    if is_reference_or_placeholder(value) || (!quoted && is_code(value)) {
        return false;
    }
    if value.ends_with("..") {
        return false;
    }
    match family {
        Family::Password => password_fits(value, quoted),
        Family::Token => {
            is_uuid(value) || looks_random(value, 10) && !is_wordy(value)
        }
        Family::Key => {
            looks_random(value, 20)
                && !is_wordy(value)
                && shannon(value) >= 3.5
                && value.bytes().all(|b| {
                    b.is_ascii_alphanumeric() || b"+/=_-".contains(&b)
                })
        }
    }
}

/// A password may be short and human-made, but not a bare word.
fn password_fits(value: &str, quoted: bool) -> bool {
    if value.len() < 4 {
        return false;
    }
    let c = Classes::of(value);
    if c.digit && !c.lower && !c.upper && !c.other {
        return value.len() >= 6;
    }
    if c.digit || c.other || c.upper && c.lower {
        return true;
    }
    // Letters of one case only: a word, unless quoted and long.
    quoted && value.len() >= 8
}

/// Prefixes of formats checked exactly by a provider detector (or
/// publishable by design): a value with one of them that the provider
/// rejected, say for a bad checksum, is not a secret either.
const STRICT_PREFIXES: &[&str] = &[
    "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "npm_", "xoxb-", "xoxp-",
    "xoxa-", "xoxe", "xapp-", "pk_test_", "pk_live_", "pubkey-",
];

/// The check of `name = value` assignments.
fn assignment_value(before: &str, value: &str) -> bool {
    let name = leading_name(before);
    let Some(family) = family(name) else { return false };
    let separator = &before[before.find(name).map_or(0, |i| i + name.len())..];
    let quoted = separator.ends_with(['"', '\'', '`']);
    // A value on the next line only in XML (`<token>\n  value`).
    if separator.contains('\n') && !separator.contains('>') {
        return false;
    }
    // `f("NAME", "value")` only when the name itself was quoted.
    if separator.contains(',') && !separator.starts_with(['"', '\'', '`', '\\']) {
        return false;
    }
    value_fits(family, value, quoted)
}

fn flag_value(before: &str, value: &str) -> bool {
    let name = leading_name(before);
    family(name).is_some_and(|f| value_fits(f, value, before.ends_with(['"', '\''])))
}

fn prose_value(_before: &str, value: &str) -> bool {
    value_fits(Family::Password, value, false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::secret::tests::{assert_quiet, values};

    fn found(text: &str) -> Vec<&str> {
        values(text)
            .into_iter()
            .filter(|(id, _)| *id == "generic_secret")
            .map(|(_, v)| v)
            .collect()
    }

    #[test]
    fn names_split_into_words() {
        assert_eq!(words("sengridAPITokenToken"), ["sengrid", "api", "token", "token"]);
        assert_eq!(words("DB_PASSWORD"), ["db", "password"]);
        assert_eq!(words("x-api-key"), ["x", "api", "key"]);
    }

    #[test]
    fn families_by_name() {
        assert_eq!(family("db_password"), Some(Family::Password));
        assert_eq!(family("clientSecret"), Some(Family::Token));
        assert_eq!(family("AWS_SECRET_ACCESS_KEY"), Some(Family::Token));
        assert_eq!(family("key"), Some(Family::Key));
        for name in [
            "public_key", "primaryKey", "csrf-token", "nextPageToken",
            "token_type", "key_name", "password_length", "bucket_key",
            "monkey", "tokenizer", "publicToken",
        ] {
            assert_eq!(family(name), None, "{name}");
        }
    }

    #[test]
    fn assignments_in_many_forms() {
        let cases = [
            ("\"password\": \"zU^aX2ZRi@FLc0tYIw\"", "zU^aX2ZRi@FLc0tYIw"),
            ("db_password = 'Memory1992!'", "Memory1992!"),
            ("PASSWORD=Six2016!\n", "Six2016!"),
            ("passwd: Learn1991!", "Learn1991!"),
            ("pwd=Send1992!", "Send1992!"),
            ("client_secret := \"9fQ2xLr7Tz0pWb4KmN3s\"", "9fQ2xLr7Tz0pWb4KmN3s"),
            ("<password>S3cure!Pass</password>", "S3cure!Pass"),
            ("<add key=\"Password\" value=\"CleartextPassword1\" />", "CleartextPassword1"),
            ("--token 7f3a9c2e5b8d1f4a6c0e", "7f3a9c2e5b8d1f4a6c0e"),
            ("the password is Hunter2!", "Hunter2!"),
            ("System.setProperty(\"API_TOKEN\", \"Zf3D0LXCM3EIMbgJpUNnkRtO\")", "Zf3D0LXCM3EIMbgJpUNnkRtO"),
            ("conn = \"Server=db;Password=Qx7!vLp2;Database=app\"", "Qx7!vLp2"),
        ];
        for (text, want) in cases {
            assert_eq!(found(text), vec![want], "{text}");
        }
    }

    #[test]
    fn references_and_placeholders_are_not_secrets() {
        for text in [
            "password: <redacted>",
            "api_key=${API_KEY}",
            "password = os.environ[\"DB_PASSWORD\"]",
            "token = process.env.GITHUB_TOKEN",
            "password = getpass()",
            "password: str",
            "password = None",
            "token: \"{{ vault_token }}\"",
            "password = \"changeme\"",
            "secret = 'your_secret_here'",
            "api_key = \"xxxxxxxxxxxxxxxx\"",
            "password: \"********\"",
            "password=%s",
            "password = $DB_PASS",
            "token_type: \"bearer\"",
            "public_key = \"9Cnzj4p4WGeKLs1Pt8QuKUpRKfFLfRYC9AIKjbJTWit\"",
            "primaryKey=vmjbwFn1NADzqg8_0uCQPi1XqHpQ3H",
            "clientId = \"73082700-1f09-405b-80d0-3131bfd6272d\"",
            "password reset link sent",
            "administrator_login_password = var.db_password",
            "IceSSL.KeyFile=s_rsa1024_priv.pem",
            "sequenceKey = \"18\"",
            "GITHUB_API_KEY=\nDYNATRACE_API_KEY=",
            "max_tokens = 4096",
        ] {
            assert_quiet(text);
        }
    }
}
