//! Values a policy never redacts.

use std::collections::HashSet;

use regex_automata::meta;

use super::pattern::compile_ascii;
use crate::error::{PolicyError, PolicyErrorKind};
use crate::policy::doc::AllowSpec;

/// Exact values (compared ASCII case-insensitively) and whole-value
/// patterns.
#[derive(Default)]
pub(crate) struct AllowList {
    values: HashSet<String>,
    patterns: Vec<meta::Regex>,
}

impl AllowList {
    pub fn compile(specs: &[AllowSpec]) -> Result<AllowList, PolicyError> {
        let mut list = AllowList::default();
        for (i, spec) in specs.iter().enumerate() {
            match spec {
                AllowSpec::Value(v) => {
                    list.values.insert(v.to_ascii_lowercase());
                }
                AllowSpec::Pattern { pattern } => {
                    // Anchored so a pattern allows whole values only.
                    let full = format!("^(?:{pattern})$");
                    let re = compile_ascii(&full, false).map_err(|e| {
                        PolicyError::new(
                            PolicyErrorKind::Pattern,
                            format!("allow[{i}].pattern"),
                            super::custom::describe_regex_error(&e),
                        )
                    })?;
                    list.patterns.push(re);
                }
            }
        }
        Ok(list)
    }

    /// Whether `value` is allowed.
    pub fn contains(&self, value: &str) -> bool {
        if !self.values.is_empty()
            && self.values.contains(&value.to_ascii_lowercase())
        {
            return true;
        }
        self.patterns.iter().any(|re| re.is_match(value.as_bytes()))
    }

    pub fn len(&self) -> usize {
        self.values.len() + self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
