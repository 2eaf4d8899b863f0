//! Email addresses.

use crate::detect::Pattern;
use crate::finding::Kind;

/// An address: a dot-atom local part, `@`, dotted host labels and an
/// alphabetic (or punycode) top-level label. The first alternative
/// matches the user-info of a URL (`scheme://user:pass@host`), which the
/// validator rejects: that is a credential for the secret detectors, not
/// an address, and matching it keeps its tail from being read as one.
/// User-info holds no `/` or `?`, so an address in a URL's path or query
/// is still found. A local part is at most 64 bytes and a host name
/// seldom longer than the rest of the window. Letters of the Latin,
/// Greek and Cyrillic blocks (two-byte UTF-8, U+00C0 to U+04FF) count as
/// word characters, so `zoë.li@` is found whole; scripts written without
/// spaces are not, as nothing would tell where such an address begins.
pub(super) const EMAIL: Pattern = Pattern::new(
    "email",
    Kind::Email,
    concat!(
        r"[A-Za-z][A-Za-z0-9+.\-]*://[^\s/?@]*@",
        r"|(?:[A-Za-z0-9._%+\-]|[\xC3-\xD3][\x80-\xBF])+@",
        r"(?:(?:[A-Za-z0-9]|[\xC3-\xD3][\x80-\xBF])",
        r"(?:(?:[A-Za-z0-9\-]|[\xC3-\xD3][\x80-\xBF])*",
        r"(?:[A-Za-z0-9]|[\xC3-\xD3][\x80-\xBF]))?\.)+",
        r"(?:xn--[A-Za-z0-9\-]{1,59}|[A-Za-z]{2,63})\b",
    ),
)
.anchors(&["@"], 128)
.validate(valid)
.priority(60);

/// Image names such as `icon@2x.png` are not addresses.
const FILE_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "bmp", "ico", "tif", "tiff",
    "avif", "heic",
];

fn valid(value: &str) -> bool {
    if value.contains("://") {
        return false;
    }
    let Some((local, domain)) = value.rsplit_once('@') else {
        return false;
    };
    if local.is_empty() || local.len() > 64 || domain.len() > 253 {
        return false;
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return false;
    }
    let tld = domain.rsplit('.').next().unwrap_or("");
    !FILE_EXTENSIONS.iter().any(|ext| tld.eq_ignore_ascii_case(ext))
}

#[cfg(test)]
mod tests {
    use crate::detect::pii::tests::{found, found_ids};

    #[test]
    fn finds_addresses_in_text() {
        let cases = [
            ("mail jane.doe@example.com today", "jane.doe@example.com"),
            ("<DEBRA10@EXAMPLE.NET>,", "DEBRA10@EXAMPLE.NET"),
            ("to: a+tag@mail.eu.example.org.", "a+tag@mail.eu.example.org"),
            ("电子邮件：李@x.cn", ""),
            ("联系 wang.li@example.cn 谢谢", "wang.li@example.cn"),
            ("🙂bob_99@example.co.uk🙂", "bob_99@example.co.uk"),
            ("😀 é: zoë.li@example.org ✅", "zoë.li@example.org"),
            ("почта: иван@пример.example", "иван@пример.example"),
            ("José.Müller@bücher.example", "José.Müller@bücher.example"),
            ("mailto:ops@example.com", "ops@example.com"),
            ("x@xn--p1ai.xn--p1ai y", "x@xn--p1ai.xn--p1ai"),
        ];
        for (text, want) in cases {
            let got = found(text, "email");
            if want.is_empty() {
                assert!(got.is_empty(), "{text}: {got:?}");
            } else {
                assert_eq!(got, vec![want], "{text}");
            }
        }
    }

    #[test]
    fn skips_look_alikes() {
        for text in [
            "postgres://admin:s3cr3t@db.internal:5432/app",
            "mongodb+srv://u:p4ss%40x@cluster0.ab1cd.mongodb.net/db",
            "icon@2x.png and logo@3x.webp",
            "npm i lodash@4.17.21",
            "decorator @app.route",
            "user@localhost",
            "a..b@example.com",
        ] {
            assert!(found_ids(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn address_in_a_url_query_is_found() {
        assert_eq!(
            found("https://x.example/?to=bob@example.com", "email"),
            vec!["bob@example.com"]
        );
    }
}
