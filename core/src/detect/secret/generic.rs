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
    is_placeholder, is_uuid, is_wordy, random_shape, shannon, Classes,
};
use std::ops::Range;

use super::{Pattern, GENERIC};
use crate::finding::Kind;

/// The stems of secret-sounding names. A match is only a starting point:
/// [`expand_assignment`] reads the whole name, the separator and the value
/// around it.
const STEMS_REGEX: &str = r"(?i)pass|pwd|secret|token|key|auth|cred";

/// Anchors of the assignment detector: the stems themselves.
const STEMS: &[&str] =
    &["pass", "pwd", "secret", "token", "key", "auth", "cred"];

/// The generic detectors.
pub(crate) static PATTERNS: &[Pattern] = &[
    // `name = value` in its many forms, read by code around each stem.
    Pattern::new("generic_secret", Kind::Secret, STEMS_REGEX)
        .anchors(STEMS, 8)
        .expand(expand_assignment)
        .priority(GENERIC),
    // Command-line flags: `--password VALUE`, `--api-key VALUE`.
    Pattern::new(
        "generic_secret",
        Kind::Secret,
        r"(?:^|\s)--?(?i:(?:[a-z]+-)?(?:password|passwd|pass|pwd|token|secret|api-?key|access-?key|secret-?key))[ \t]+[\x22']?([^\s\x22'\-][^\s\x22']{2,})",
    )
    .group(1)
    .anchors(
        &["-pass", "-pwd", "-token", "-secret", "-key", "-api", "-access"],
        300,
    )
    .check(flag_value)
    .priority(GENERIC),
    // SQL: `... PASSWORD 'x'`, `IDENTIFIED BY "x"`.
    Pattern::new(
        "generic_secret",
        Kind::Secret,
        r"(?i:\bidentified[ \t]+by|\bpassword)[ \t]+['\x22]([^'\x22\r\n]{1,128})['\x22]",
    )
    .group(1)
    .anchors(&["identified", "password"], 200)
    .check(quoted_password)
    .priority(GENERIC),
    // Prose: "the password is Hunter2!".
    Pattern::new(
        "generic_secret",
        Kind::Secret,
        r"\b(?i:password|passphrase|passcode|pwd)(?:[ \t]+[^\s]{1,24}){0,3}?[ \t]+(?i:is|was|remains)[ \t]*:?[ \t]+[\x22']?([^\s\x22']{3,63}[^\s\x22'.,;:)])",
    )
    .group(1)
    .anchors(&["pass", "pwd"], 160)
    .check(prose_value)
    .priority(GENERIC),
    // Prose: "log in with password S3cure#2024": a bare value must mix
    // letters, digits and symbols.
    Pattern::new(
        "generic_secret",
        Kind::Secret,
        r"\b(?i:password|passphrase|pwd)[ \t]+([^\s\x22'<>(){}\[\]]{6,63}[^\s\x22'.,;:)<>(){}\[\]])",
    )
    .group(1)
    .anchors(&["pass", "pwd"], 100)
    .check(bare_password)
    .priority(GENERIC),
];

/// The longest name and value read around a stem.
const MAX_NAME: usize = 64;
const MAX_VALUE: usize = 1024;

fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

fn is_name_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
}

fn is_quote(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | b'`')
}

/// Bytes that end an unquoted value.
fn ends_unquoted(b: u8) -> bool {
    b.is_ascii_whitespace()
        || matches!(
            b,
            b'"' | b'\''
                | b'`'
                | b','
                | b';'
                | b'<'
                | b'>'
                | b'('
                | b')'
                | b'{'
                | b'}'
                | b'['
                | b']'
                | b'&'
                | b'\\'
        )
}

/// Reads `name <separator> value` around the stem at `stem` and returns
/// the value's span when the name is a secret's and the value fits it.
///
/// Separators: `=`, `:`, `:=`, `::=`, `?=`, `.=`, `+=`, `=>`, `->`, `==`,
/// `,` after a quoted name (`setProperty("TOKEN", "...")`), `>` of an XML
/// element (the value may start on the next line), and `" value=` of an
/// XML attribute (`<add key="Password" value="..."/>`).
fn expand_assignment(text: &str, stem: Range<usize>) -> Option<Range<usize>> {
    let b = text.as_bytes();

    // The whole name: a run of name bytes around the stem.
    let mut start = stem.start;
    while start > 0 && is_name_byte(b[start - 1]) {
        start -= 1;
        if stem.start - start > MAX_NAME {
            return None;
        }
    }
    let mut end = stem.end;
    while end < b.len() && is_name_byte(b[end]) && end - stem.end < MAX_NAME {
        end += 1;
    }
    while end > stem.end && matches!(b[end - 1], b'.' | b'-') {
        end -= 1;
    }
    // A name with several stems (`secret_key`) is read once, at the first.
    let head = &text[start..stem.start];
    if STEMS.iter().any(|s| contains_ignore_case(head, s)) {
        return None;
    }
    let family = family(&text[start..end])?;

    // A quoted name's closing quote, and `]` of `ENV["NAME"]`.
    let mut i = end;
    let mut name_quoted = false;
    if b.get(i) == Some(&b'\\') && b.get(i + 1).is_some_and(|&c| is_quote(c)) {
        i += 2;
        name_quoted = true;
    } else if b.get(i).is_some_and(|&c| is_quote(c)) {
        i += 1;
        name_quoted = true;
    }
    if b.get(i) == Some(&b']') {
        i += 1;
    }
    let spaces = |mut i: usize, max: usize| {
        let limit = i + max;
        while i < b.len() && i < limit && matches!(b[i], b' ' | b'\t') {
            i += 1;
        }
        i
    };
    let gap = i;
    i = spaces(i, 4);
    let rest = &b[i.min(b.len())..];
    let separator: &[u8] = [
        &b":::="[..],
        b"::=",
        b":=",
        b"=>",
        b"->",
        b"===",
        b"==",
        b"?=",
        b".=",
        b"+=",
        b"|=",
        b"=",
        b":",
        b",",
        b">",
    ]
    .into_iter()
    .find(|s| rest.starts_with(s))
    .unwrap_or(b"");
    if separator.is_empty() {
        // `key="Password" value="..."`
        let is_attribute = name_quoted
            && i > gap
            && text
                .get(i..i + 5)
                .is_some_and(|w| w.eq_ignore_ascii_case("value"));
        if !is_attribute {
            return None;
        }
        i = spaces(i + 5, 2);
        if b.get(i) != Some(&b'=') {
            return None;
        }
        i += 1;
    } else {
        if separator == b"," && !name_quoted {
            return None;
        }
        i += separator.len();
    }
    i = spaces(i, 8);
    // Only an XML element's value may start on the next line.
    if separator == b">" {
        if b.get(i) == Some(&b'\r') {
            i += 1;
        }
        if b.get(i) == Some(&b'\n') {
            i = spaces(i + 1, 16);
        }
    }

    // The value: up to the closing quote, or to the end of a bare word.
    let mut quote = None;
    if b.get(i) == Some(&b'\\') && b.get(i + 1).is_some_and(|&c| is_quote(c)) {
        quote = Some(b[i + 1]);
        i += 2;
    } else if b.get(i).is_some_and(|&c| is_quote(c)) {
        quote = Some(b[i]);
        i += 1;
    }
    let value_start = i;
    let limit = (i + MAX_VALUE).min(b.len());
    let value_end = if quote.is_some() {
        let mut j = i;
        while j < limit
            && !is_quote(b[j])
            && !matches!(b[j], b'\\' | b'\r' | b'\n')
        {
            j += 1;
        }
        // The value must be closed (`"..."` or `\"...\"`).
        let closed = b.get(j).is_some_and(|&c| is_quote(c))
            || (b.get(j) == Some(&b'\\')
                && b.get(j + 1).is_some_and(|&c| is_quote(c)));
        if !closed {
            return None;
        }
        j
    } else {
        let mut j = i;
        while j < limit {
            if b[j] == b'&' {
                // `&` belongs to the value unless a query parameter
                // (`&name=`) follows.
                let mut k = j + 1;
                while k < limit && !ends_unquoted(b[k]) && b[k] != b'=' {
                    k += 1;
                }
                if k == j + 1 || b.get(k) == Some(&b'=') {
                    break;
                }
                j = k;
                continue;
            }
            if ends_unquoted(b[j]) {
                break;
            }
            j += 1;
        }
        j
    };
    if value_end <= value_start || !text.is_char_boundary(value_end) {
        return None;
    }
    let value = &text[value_start..value_end];
    value_fits(family, value, quote.is_some())
        .then_some(value_start..value_end)
}

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
/// property of the secret rather than the secret itself. Sorted, for a
/// binary search.
const DENY_WORDS: &[&str] = &[
    "alg",
    "algorithm",
    "arn",
    "authenticity",
    "button",
    "by",
    "bypass",
    "cache",
    "code",
    "column",
    "compass",
    "continuation",
    "cost",
    "count",
    "counter",
    "csrf",
    "cursor",
    "digest",
    "down",
    "enabled",
    "encoding",
    "event",
    "expiration",
    "expires",
    "expiry",
    "field",
    "file",
    "fingerprint",
    "foreign",
    "format",
    "hash",
    "hashed",
    "header",
    "hide",
    "hint",
    "icon",
    "id",
    "idempotency",
    "index",
    "input",
    "label",
    "len",
    "length",
    "limit",
    "limits",
    "lookup",
    "map",
    "max",
    "min",
    "mode",
    "name",
    "next",
    "page",
    "param",
    "partition",
    "path",
    "pattern",
    "placeholder",
    "policy",
    "prefix",
    "press",
    "pressed",
    "prev",
    "price",
    "primary",
    "pub",
    "public",
    "publishable",
    "ref",
    "regex",
    "regexp",
    "required",
    "route",
    "row",
    "salt",
    "show",
    "size",
    "sort",
    "stream",
    "strength",
    "suffix",
    "sync",
    "timeout",
    "toggle",
    "tokenizer",
    "ttl",
    "type",
    "up",
    "uri",
    "url",
    "usage",
    "validation",
    "validator",
    "version",
    "visible",
    "word",
    "words",
    "xsrf",
];

/// A bare `key` is a secret only with one of these words before it.
const KEY_QUALIFIERS: &[&str] = &[
    "api",
    "access",
    "secret",
    "private",
    "auth",
    "master",
    "app",
    "application",
    "client",
    "account",
    "shared",
    "storage",
    "signing",
    "encryption",
    "license",
    "licence",
    "subscription",
    "service",
    "admin",
    "rest",
    "server",
    "developer",
    "dev",
    "consumer",
    "webhook",
    "session",
    "crypt",
    "cipher",
    "hmac",
    "jwt",
    "root",
    "deploy",
    "ssh",
    "gpg",
    "pgp",
    "decryption",
    "live",
    "prod",
    "secure",
    "user",
];

/// Glued names ending in `key` that are secret.
const KEY_COMPOUNDS: &[&str] = &[
    "apikey",
    "accesskey",
    "secretkey",
    "privatekey",
    "authkey",
    "masterkey",
    "appkey",
    "clientkey",
    "accountkey",
    "sharedkey",
    "storagekey",
    "signingkey",
    "encryptionkey",
    "licensekey",
    "subscriptionkey",
    "servicekey",
    "adminkey",
    "restkey",
    "serverkey",
    "developerkey",
    "consumerkey",
    "webhookkey",
    "sessionkey",
    "xapikey",
];

/// Values that stand for a secret in examples, schemas and templates.
const STOP_VALUES: &[&str] = &[
    "true",
    "false",
    "null",
    "nil",
    "none",
    "undefined",
    "yes",
    "no",
    "on",
    "off",
    "empty",
    "string",
    "str",
    "int",
    "integer",
    "number",
    "bool",
    "boolean",
    "bytes",
    "object",
    "required",
    "optional",
    "secret",
    "secrets",
    "password",
    "passwd",
    "pass",
    "pwd",
    "token",
    "key",
    "apikey",
    "api_key",
    "value",
    "changeme",
    "hidden",
    "masked",
    "redacted",
    "removed",
    "omitted",
    "sensitive",
    "encrypted",
    "plaintext",
    "default",
    "test",
    "testing",
    "demo",
    "example",
    "sample",
    "dummy",
    "foo",
    "bar",
    "baz",
    "foobar",
    "admin",
    "user",
    "username",
    "root",
    "guest",
    "xxx",
    "n/a",
    "na",
    "tbd",
    "todo",
    "unknown",
    "notset",
    "not_set",
    "env",
    "local",
    "dev",
    "prod",
    "production",
    "development",
    "staging",
    "bearer",
    "basic",
    "oauth",
    "jwt",
    "auth",
    "login",
    "readonly",
    "write",
    "read",
    "disabled",
    "enabled",
    "nullable",
    "generated",
    "internal",
    "external",
    "writeonly",
    "mypassword",
    "yourpassword",
    "secretkey",
    "mysecret",
    "mytoken",
    "private",
    "public",
    "hunter2x",
];

/// The length of the longest stop value.
const STOP_VALUE_MAX_LEN: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < STOP_VALUES.len() {
        if STOP_VALUES[i].len() > max {
            max = STOP_VALUES[i].len();
        }
        i += 1;
    }
    max
};

/// File extensions that make a value a path rather than a secret.
const FILE_EXTENSIONS: &[&str] = &[
    ".json",
    ".pem",
    ".key",
    ".txt",
    ".yaml",
    ".yml",
    ".p12",
    ".pfx",
    ".crt",
    ".cer",
    ".env",
    ".cfg",
    ".conf",
    ".ini",
    ".jks",
    ".keystore",
    ".gpg",
    ".asc",
    ".pub",
    ".der",
    ".xml",
    ".toml",
    ".py",
    ".js",
    ".ts",
];

/// Splits a name into words at punctuation and camelCase boundaries:
/// `sengridAPIToken2` gives `sengrid`, `API`, `Token2`. Words keep their
/// case; compare them with [`eq_ignore_case`].
fn words(name: &str) -> Words<'_> {
    Words { name: name.as_bytes(), at: 0 }
}

/// The iterator of [`words`]: slices of the name, no allocation.
struct Words<'a> {
    name: &'a [u8],
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a [u8];

    fn next(&mut self) -> Option<&'a [u8]> {
        let b = self.name;
        let mut i = self.at;
        while i < b.len() && !b[i].is_ascii_alphanumeric() {
            i += 1;
        }
        if i == b.len() {
            self.at = i;
            return None;
        }
        let start = i;
        i += 1;
        while i < b.len() && b[i].is_ascii_alphanumeric() {
            // An upper-case letter after a lower-case letter or a digit
            // starts a word, and so does the last capital of an acronym
            // before a lower-case letter (`API|Token`).
            let p = b[i - 1];
            let boundary = b[i].is_ascii_uppercase()
                && (p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || p.is_ascii_uppercase()
                        && b.get(i + 1).is_some_and(u8::is_ascii_lowercase));
            if boundary {
                break;
            }
            i += 1;
        }
        self.at = i;
        Some(&b[start..i])
    }
}

fn eq_ignore_case(word: &[u8], lower: &str) -> bool {
    word.eq_ignore_ascii_case(lower.as_bytes())
}

fn ends_with_ignore_case(word: &[u8], lower: &str) -> bool {
    word.len() >= lower.len()
        && eq_ignore_case(&word[word.len() - lower.len()..], lower)
}

/// Whether `word` is in `sorted`, a list of lower-case words in byte
/// order.
fn is_listed(word: &[u8], sorted: &[&str]) -> bool {
    sorted
        .binary_search_by(|w| {
            w.bytes().cmp(word.iter().map(u8::to_ascii_lowercase))
        })
        .is_ok()
}

/// The family of a name, or `None` when the name is not a secret's.
fn family(name: &str) -> Option<Family> {
    let (mut count, mut last, mut before_last) = (0, &b""[..], &b""[..]);
    for w in words(name) {
        count += 1;
        before_last = last;
        last = w;
    }
    if count == 0 {
        return None;
    }
    // Suffixes that keep the meaning: `SECRET_KEY_BASE`, `token_value`.
    let suffixed = count > 1
        && ["base", "value", "b64", "base64", "hex", "str"]
            .iter()
            .any(|s| eq_ignore_case(last, s));
    if suffixed {
        count -= 1;
        last = before_last;
    }
    // The words that count: all but a dropped suffix.
    let named = || words(name).take(count);
    let digits = last.iter().rev().take_while(|b| b.is_ascii_digit());
    let last = &last[..last.len() - digits.count()];

    // The family from the last word; the other words may still deny it.
    let ends = |stem: &str| ends_with_ignore_case(last, stem);
    let is = |word: &str| eq_ignore_case(last, word);
    let family = if ends("password")
        || ends("passwd")
        || ends("passphrase")
        || ends("passcode")
        || ["pwd", "pw", "pass", "dbpass", "dbpwd"].iter().any(|w| is(w))
    {
        Family::Password
    } else if ends("secret")
        || ends("token")
        || ["auth", "credential", "credentials", "creds", "cred"]
            .iter()
            .any(|w| is(w))
        || KEY_COMPOUNDS.iter().any(|w| is(w))
    {
        Family::Token
    } else if is("key") && count == 1 {
        Family::Key
    } else if is("key")
        && named()
            .take(count - 1)
            .any(|w| KEY_QUALIFIERS.iter().any(|q| eq_ignore_case(w, q)))
    {
        Family::Token
    } else {
        return None;
    };
    if named().any(|w| is_listed(w, DENY_WORDS)) {
        return None;
    }
    Some(family)
}

/// The name at the start of the text matched before a value.
fn leading_name(before: &str) -> &str {
    let start = before
        .find(|c: char| c.is_ascii_alphanumeric())
        .unwrap_or(before.len());
    let rest = &before[start..];
    let end = rest
        .find(|c: char| {
            !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
        })
        .unwrap_or(rest.len());
    &rest[..end]
}

/// Rejections shared by every form: references, templates, paths,
/// placeholders and schema words.
fn is_reference_or_placeholder(value: &str) -> bool {
    if value.len() <= STOP_VALUE_MAX_LEN
        && STOP_VALUES
            .iter()
            .any(|w| w.len() == value.len() && w.eq_ignore_ascii_case(value))
    {
        return true;
    }
    let b = value.as_bytes();
    let first = b[0];
    let last = b[b.len() - 1];
    let wrapped = matches!(
        (first, last),
        (b'{', b'}')
            | (b'[', b']')
            | (b'<', b'>')
            | (b'%', b'%')
            | (b'(', b')')
    );
    let starts = |p: &str| {
        b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p.as_bytes())
    };
    let file = value.contains('.')
        && FILE_EXTENSIONS.iter().any(|e| {
            b.len() > e.len()
                && b[b.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes())
        });
    wrapped
        || ["${", "$(", "#{", "@{", "%(", "env:", "env.", "secrets.", "vault:"]
            .iter()
            .any(|p| starts(p))
        || ["arn:", "ref+", "sha256:", "/", "./", "~/"]
            .iter()
            .any(|p| starts(p))
        || (first == b'$'
            && b[1..].iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_'))
        || first == b'%' && b.len() <= 3
        || value.contains("://")
        || file
        || is_email(value)
        || is_placeholder(value)
}

fn is_email(value: &str) -> bool {
    match value.split_once('@') {
        Some((user, domain)) => {
            !user.is_empty()
                && domain.contains('.')
                && domain.bytes().all(|c| {
                    c.is_ascii_alphanumeric() || c == b'.' || c == b'-'
                })
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
    let letters_only =
        value.bytes().all(|c| c.is_ascii_alphabetic() || c == b'_');
    if letters_only {
        let c = Classes::of(value);
        return !(value.len() >= 20
            && c.lower
            && c.upper
            && shannon(value) >= 3.5);
    }
    false
}

/// Whether a value suits a name of `family`.
fn value_fits(family: Family, value: &str, quoted: bool) -> bool {
    // The shortest value each family takes (a UUID token is 36 long):
    // shorter ones need no further look.
    let min_len = match family {
        Family::Password => 4,
        Family::Token => 10,
        Family::Key => 20,
    };
    if value.len() < min_len || value.bytes().any(|b| b.is_ascii_whitespace())
    {
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
            is_uuid(value) || random_shape(value, 10) && !is_wordy(value)
        }
        Family::Key => {
            value
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+/=_-".contains(&b))
                && random_shape(value, 20)
                && !is_wordy(value)
                && shannon(value) >= 3.5
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
    "ghp_", "gho_", "ghu_", "ghs_", "ghr_", "npm_", "xoxb-", "xoxp-", "xoxa-",
    "xoxe", "xapp-", "pk_test_", "pk_live_", "pubkey-",
];

fn flag_value(before: &str, value: &str) -> bool {
    let name = leading_name(before);
    family(name)
        .is_some_and(|f| value_fits(f, value, before.ends_with(['"', '\''])))
}

fn quoted_password(_before: &str, value: &str) -> bool {
    value_fits(Family::Password, value, true)
}

fn bare_password(_before: &str, value: &str) -> bool {
    let c = Classes::of(value);
    c.digit && c.other && (c.lower || c.upper) && prose_value("", value)
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
        let split = |name| {
            words(name)
                .map(|w| std::str::from_utf8(w).unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            split("sengridAPITokenToken"),
            ["sengrid", "API", "Token", "Token"]
        );
        assert_eq!(split("DB_PASSWORD"), ["DB", "PASSWORD"]);
        assert_eq!(split("x-api-key"), ["x", "api", "key"]);
        assert_eq!(split("__a1B.CDe2"), ["a1", "B", "C", "De2"]);
    }

    #[test]
    fn word_lists_are_lower_case_and_deny_words_sorted() {
        for list in [DENY_WORDS, KEY_QUALIFIERS, KEY_COMPOUNDS] {
            for w in list {
                assert!(w.bytes().all(|b| b.is_ascii_lowercase()), "{w}");
            }
        }
        assert!(DENY_WORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_listed(b"Public", DENY_WORDS));
        assert!(!is_listed(b"token", DENY_WORDS));
    }

    /// The family as first written, with allocated lower-case words: the
    /// definition that [`family`] computes without allocating.
    fn plain_family(name: &str) -> Option<Family> {
        let chars: Vec<char> = name.chars().collect();
        let mut words: Vec<String> = Vec::new();
        let mut current = String::new();
        for (i, &c) in chars.iter().enumerate() {
            if !c.is_ascii_alphanumeric() {
                if !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
                continue;
            }
            let prev = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            let boundary = c.is_ascii_uppercase()
                && match prev {
                    Some(p)
                        if p.is_ascii_lowercase() || p.is_ascii_digit() =>
                    {
                        true
                    }
                    Some(p) if p.is_ascii_uppercase() => {
                        next.is_some_and(|n| n.is_ascii_lowercase())
                    }
                    _ => false,
                };
            if boundary && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            current.push(c.to_ascii_lowercase());
        }
        if !current.is_empty() {
            words.push(current);
        }
        if words.len() > 1
            && matches!(
                words.last().map(String::as_str),
                Some("base" | "value" | "b64" | "base64" | "hex" | "str")
            )
        {
            words.pop();
        }
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
            || matches!(
                last,
                "auth" | "credential" | "credentials" | "creds" | "cred"
            )
            || KEY_COMPOUNDS.contains(&last)
        {
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

    #[test]
    fn families_agree_with_the_plain_definition() {
        // Names glued from pieces in every case and separator, from a
        // fixed seed, and every listed word on its own.
        const PIECES: &[&str] = &[
            "key", "KEY", "Key", "token", "Token", "secret", "SECRET",
            "password", "Pwd", "pass", "auth", "cred", "creds", "api", "API",
            "Api", "access", "public", "Public", "page", "value", "b64",
            "hex", "base", "str", "2", "01", "x", "db", "private", "_", "-",
            ".", "__", "ID", "Id", "length", "app", "é",
        ];
        let mut names: Vec<String> = DENY_WORDS
            .iter()
            .chain(KEY_QUALIFIERS)
            .chain(KEY_COMPOUNDS)
            .map(|w| w.to_string())
            .collect();
        names.extend(crate::test_rng::XorShift(0x2545_f491_4f6c_dd1d).glued(
            20_000,
            1..6,
            PIECES,
        ));
        for name in &names {
            assert_eq!(family(name), plain_family(name), "{name:?}");
        }
    }

    #[test]
    fn families_by_name() {
        assert_eq!(family("db_password"), Some(Family::Password));
        assert_eq!(family("clientSecret"), Some(Family::Token));
        assert_eq!(family("AWS_SECRET_ACCESS_KEY"), Some(Family::Token));
        assert_eq!(family("key"), Some(Family::Key));
        for name in [
            "public_key",
            "primaryKey",
            "csrf-token",
            "nextPageToken",
            "token_type",
            "key_name",
            "password_length",
            "bucket_key",
            "monkey",
            "tokenizer",
            "publicToken",
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
            ("the new password for bob is Blue-Sky-42 now", "Blue-Sky-42"),
            ("log in with password S3cure#2024", "S3cure#2024"),
            ("SECRET_KEY_BASE=4b8e2f9a1c7d3e6f0a5b9c2d8e1f4a7b", "4b8e2f9a1c7d3e6f0a5b9c2d8e1f4a7b"),
            ("ALTER USER app WITH PASSWORD 'Xy7$kL9#mQ2!';", "Xy7$kL9#mQ2!"),
            ("CREATE USER app IDENTIFIED BY \"N0tS0Secret!\";", "N0tS0Secret!"),
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
            "the password was reset yesterday",
            "use a password manager like 1Password",
            "password: required, min 8 characters",
        ] {
            assert_quiet(text);
        }
    }
}
