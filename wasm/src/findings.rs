//! Findings as numbers for JavaScript: [`FIELDS`] `u32`s per finding and
//! the replacements as one string. Building objects through JSON cost
//! about a tenth of a redaction (serialising, decoding the string, parsing
//! it); numbers cross as one typed array, and names are looked up in
//! tables JavaScript reads once per engine.

use airlock_core::offsets::bytes_to_utf16;
use airlock_core::{Action, Finding, Kind, Policy};
use wasm_bindgen::JsValue;

use crate::js::error;

/// `u32`s per finding: kind, detector, start, end (UTF-16 code units),
/// action, and the replacement's length in UTF-16 code units or [`NONE`].
pub const FIELDS: usize = 6;

/// The replacement length of a finding left as it is.
pub const NONE: u32 = u32::MAX;

/// The names behind the indexes of an engine's findings.
pub struct Names {
    /// The built-in detectors and the policy's custom ones, sorted: a
    /// detector's index is found by binary search.
    detectors: Vec<String>,
}

impl Names {
    /// The built-in detectors and the policy's custom ones.
    pub fn new(policy: &Policy) -> Names {
        let mut detectors: Vec<String> = airlock_core::builtin_detectors()
            .into_iter()
            .map(|(id, _)| id.to_string())
            .collect();
        detectors.extend(policy.custom_ids().map(str::to_string));
        detectors.sort_unstable();
        detectors.dedup();
        Names { detectors }
    }

    /// Detector names, by index.
    pub fn detectors(&self) -> Vec<String> {
        self.detectors.clone()
    }

    fn detector_index(&self, id: &str) -> Option<usize> {
        self.detectors.binary_search_by(|d| d.as_str().cmp(id)).ok()
    }
}

/// Kind names, by index.
pub fn kind_names() -> Vec<String> {
    Kind::ALL.iter().map(|k| k.as_str().to_string()).collect()
}

/// Action names, by index.
pub fn action_names() -> Vec<String> {
    Action::NAMES.iter().map(|a| a.to_string()).collect()
}

/// Encodes findings of `text` with their actions and replacements:
/// the numbers, and the replacements (those present, in order) joined.
pub fn encode<'a>(
    text: &str,
    names: &Names,
    findings: impl ExactSizeIterator<Item = (&'a Finding, Action, Option<&'a str>)>,
) -> Result<(Vec<u32>, String), JsValue> {
    let mut records = Vec::with_capacity(findings.len() * FIELDS);
    let mut offsets = Vec::with_capacity(findings.len() * 2);
    let mut replacements = String::new();
    for (f, action, replacement) in findings {
        let detector =
            names.detector_index(f.detector.as_str()).ok_or_else(|| {
                error("internal", "a finding of an unknown detector")
            })?;
        let kind = Kind::ALL.iter().position(|&k| k == f.kind);
        let action_index =
            Action::NAMES.iter().position(|&a| a == action.as_str());
        let (Some(kind), Some(action_index)) = (kind, action_index) else {
            return Err(error(
                "internal",
                "a finding of an unknown kind or action",
            ));
        };
        let replacement_len = match replacement {
            Some(r) => {
                replacements.push_str(r);
                index(r.chars().map(char::len_utf16).sum())?
            }
            None => NONE,
        };
        records.extend([
            index(kind)?,
            index(detector)?,
            0,
            0,
            index(action_index)?,
            replacement_len,
        ]);
        offsets.extend([f.start_bytes, f.end_bytes]);
    }
    bytes_to_utf16(text, &mut offsets);
    for (record, pair) in
        records.chunks_exact_mut(FIELDS).zip(offsets.chunks_exact(2))
    {
        record[2] = index(pair[0])?;
        record[3] = index(pair[1])?;
    }
    Ok((records, replacements))
}

/// A count or offset as a `u32`: Wasm32 memory cannot hold more.
fn index(n: usize) -> Result<u32, JsValue> {
    u32::try_from(n)
        .ok()
        .filter(|&n| n != NONE)
        .ok_or_else(|| error("internal", "an offset beyond 4 GiB"))
}
