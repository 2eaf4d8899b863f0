//! Runs the cross-layer cases of `tests/data/*.json` against the core.
//! The same files run against the npm package in Node and in Chromium.

use std::path::Path;

use airlock_core::{Airlock, Policy};
use serde_json::Value;

#[test]
fn cross_layer_cases() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/data")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no cases in {}", dir.display());

    let mut failures = Vec::new();
    let mut count = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read cases");
        let cases: Vec<Value> = serde_json::from_str(&text).expect("cases");
        for case in &cases {
            count += 1;
            if let Err(why) = run(case) {
                let name = case["name"].as_str().unwrap_or("?");
                let file = file.file_name().unwrap().to_string_lossy();
                failures.push(format!("{file}: {name}: {why}"));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {count} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn run(case: &Value) -> Result<(), String> {
    let input = case["input"].as_str().ok_or("no input")?;
    let policy = match case.get("policy") {
        // A string is the document's text as is (to test bad JSON).
        Some(Value::String(text)) => Policy::from_json(text),
        Some(p) => Policy::from_json(&p.to_string()),
        None => Ok(Policy::default_policy()),
    };
    let expected_error = case.get("error").and_then(Value::as_str);
    let airlock = match policy.and_then(|p| {
        Airlock::builder().policy(p).hash_key(b"case key").build()
    }) {
        Ok(a) => a,
        Err(e) if expected_error == Some(e.code()) => return Ok(()),
        Err(e) => return Err(format!("policy error {e}")),
    };

    if let Some(expected) = case.get("findings").and_then(Value::as_array) {
        let found = airlock.scan(input).map_err(|e| format!("scan: {e}"))?;
        let got: Vec<String> = found
            .iter()
            .map(|f| {
                let value = &input[f.start_bytes..f.end_bytes];
                format!("{}/{}:{value:?}", f.kind, f.detector)
            })
            .collect();
        let want: Vec<String> = expected
            .iter()
            .enumerate()
            .map(|(i, e)| {
                // A case may leave the detector out: take the one found.
                let detector = e["detector"]
                    .as_str()
                    .map(str::to_string)
                    .or_else(|| found.get(i).map(|f| f.detector.to_string()))
                    .unwrap_or_default();
                let kind = e["kind"].as_str().unwrap_or("");
                let value = e["value"].as_str().unwrap_or("");
                format!("{kind}/{detector}:{value:?}")
            })
            .collect();
        if got != want {
            return Err(format!("findings\n  got  {got:?}\n  want {want:?}"));
        }
    }

    match (airlock.redact(input), expected_error) {
        (Err(e), Some(code)) if e.code() == code => Ok(()),
        (Err(e), _) => Err(format!("redact failed: {e}")),
        (Ok(_), Some(code)) => Err(format!("expected error {code}")),
        (Ok(out), None) => match case.get("output").and_then(Value::as_str) {
            Some(want) if want != out.text => {
                Err(format!("output\n  got  {:?}\n  want {want:?}", out.text))
            }
            _ => Ok(()),
        },
    }
}
