//! The shape of Airlock's placeholders: `[{LABEL}_{N}]` by default.

use crate::error::{PolicyError, PolicyErrorKind};

/// The template used when a policy sets none.
pub const DEFAULT_TOKEN_TEMPLATE: &str = "[{LABEL}_{N}]";

/// Longest prefix or suffix of a template, in bytes.
const MAX_AFFIX_BYTES: usize = 8;
/// Longest separator of a template, in bytes.
const MAX_SEP_BYTES: usize = 4;

/// A checked token template: what goes before the label, between the
/// label and the number, and after the number.
///
/// Every part is ASCII punctuation other than `\`, so a token can never
/// be mistaken for a value and the restore scanner can tolerate markdown
/// escapes of each part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Template {
    pub prefix: String,
    pub sep: String,
    pub suffix: String,
}

impl Template {
    /// Parses a template such as `[{LABEL}_{N}]` or `<<{LABEL}:{N}>>`.
    pub fn parse(text: &str, path: &str) -> Result<Template, PolicyError> {
        let invalid =
            |msg: &str| PolicyError::new(PolicyErrorKind::Invalid, path, msg);
        if text.matches("{LABEL}").count() != 1
            || text.matches("{N}").count() != 1
        {
            return Err(invalid(
                "must hold `{LABEL}` and `{N}` exactly once each",
            ));
        }
        let (Some(l), Some(n)) = (text.find("{LABEL}"), text.find("{N}"))
        else {
            return Err(invalid("must hold `{LABEL}` and `{N}`"));
        };
        if n < l + "{LABEL}".len() {
            return Err(invalid("`{LABEL}` must come before `{N}`"));
        }
        let template = Template {
            prefix: text[..l].to_string(),
            sep: text[l + "{LABEL}".len()..n].to_string(),
            suffix: text[n + "{N}".len()..].to_string(),
        };
        template.check().map_err(invalid)?;
        Ok(template)
    }

    /// The default template, `[{LABEL}_{N}]`.
    pub fn default_template() -> Template {
        Template {
            prefix: "[".to_string(),
            sep: "_".to_string(),
            suffix: "]".to_string(),
        }
    }

    /// Checks the parts; the message says what is wrong.
    pub fn check(&self) -> Result<(), &'static str> {
        let punct = |s: &str| {
            s.bytes().all(|b| b.is_ascii_punctuation() && b != b'\\')
        };
        if !punct(&self.prefix) || !punct(&self.sep) || !punct(&self.suffix) {
            return Err("only ASCII punctuation other than `\\` may \
                        surround `{LABEL}` and `{N}`");
        }
        if self.prefix.is_empty() || self.suffix.is_empty() {
            return Err("needs punctuation before `{LABEL}` and after \
                        `{N}`, so tokens stay delimited");
        }
        if self.sep.is_empty() {
            return Err("needs punctuation between `{LABEL}` and `{N}`");
        }
        if self.prefix.len() > MAX_AFFIX_BYTES
            || self.suffix.len() > MAX_AFFIX_BYTES
            || self.sep.len() > MAX_SEP_BYTES
        {
            return Err("at most 8 characters before `{LABEL}` and after \
                        `{N}`, 4 between them");
        }
        Ok(())
    }

    /// The token text for `label` and `id`.
    pub fn render(&self, label: &str, id: &str) -> String {
        let mut out = String::with_capacity(
            self.prefix.len()
                + label.len()
                + self.sep.len()
                + id.len()
                + self.suffix.len(),
        );
        out.push_str(&self.prefix);
        out.push_str(label);
        out.push_str(&self.sep);
        out.push_str(id);
        out.push_str(&self.suffix);
        out
    }
}

/// The key under which a token is looked up: label in upper case and id
/// in lower case, so that case changes do not matter.
pub(crate) fn token_key(label: &str, id: &str) -> String {
    let mut key = String::with_capacity(label.len() + 1 + id.len());
    key.extend(label.chars().map(|c| c.to_ascii_uppercase()));
    key.push('\0');
    key.extend(id.chars().map(|c| c.to_ascii_lowercase()));
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_renders() {
        let t = Template::parse("<<{LABEL}:{N}>>", "t").unwrap();
        assert_eq!(t.render("EMAIL", "3"), "<<EMAIL:3>>");
        let t = Template::parse(DEFAULT_TOKEN_TEMPLATE, "t").unwrap();
        assert_eq!(t, Template::default_template());
        let t = Template::parse("{{{LABEL}_{N}}}", "t").unwrap();
        assert_eq!(t.render("A", "1"), "{{A_1}}");
    }

    #[test]
    fn rejects_bad_templates() {
        for bad in [
            "{LABEL}_{N}",
            "[{N}_{LABEL}]",
            "[{LABEL}{N}]",
            "[{LABEL}_{N}_{N}]",
            "[x{LABEL}_{N}]",
            "[{LABEL} {N}]",
            "\\[{LABEL}_{N}]",
            "[[[[[[[[[{LABEL}_{N}]",
            "[{LABEL}_{n}]",
        ] {
            let e = Template::parse(bad, "tokens.template").unwrap_err();
            assert_eq!(e.path(), "tokens.template", "{bad}");
        }
    }
}
