//! The browser engines' own test vectors (web-platform-tests), run in
//! full against the egress layer:
//!
//! - `wpt-urltestdata.json`: every case through `check_url`, which must
//!   fail to parse exactly where the browser does and otherwise report
//!   the href, scheme, host and port the browser computes.
//! - `wpt-urlpatterntestdata.json`: every case through the URLPattern
//!   implementation that compiles `egress.allow`, which must construct
//!   (or reject) the pattern and match (or not) as the browser does.
//!
//! The data lives in `../shared/conformance/` beside the workspace, or in
//! `$AIRLOCK_SHARED_DIR/conformance/`; without it the tests say so and
//! pass. Known disagreements are listed, one case key a line with its
//! reason, in `tests/conformance/*-expected-failures.txt`. A listed case
//! that passes fails the run, as does an unlisted one that fails.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use airlock_core::egress::{EgressPolicy, Reason};
use serde_json::Value;
use url::Url;
use urlpattern::quirks::{self, StringOrInit};
use urlpattern::{UrlPattern, UrlPatternComponentResult, UrlPatternOptions};

#[test]
fn wpt_url() {
    let Some(cases) = load("wpt-urltestdata.json") else { return };
    let egress = EgressPolicy::default();
    let mut outcomes = Vec::new();
    for case in cases.as_array().into_iter().flatten() {
        // Strings between the cases are section comments.
        let Some(case) = case.as_object() else { continue };
        let input = str_field(case, "input");
        let base = case.get("base").and_then(Value::as_str);
        let key = match base {
            Some(base) => format!("<{}> against <{}>", esc(input), esc(base)),
            None => format!("<{}>", esc(input)),
        };
        outcomes.push((key, url_case(&egress, case, input, base)));
    }
    judge("wpt-url", &outcomes);
}

#[test]
fn wpt_urlpattern() {
    let Some(cases) = load("wpt-urlpatterntestdata.json") else { return };
    let mut outcomes = Vec::new();
    for case in cases.as_array().into_iter().flatten() {
        let Some(case) = case.as_object() else { continue };
        let key = format!(
            "pattern {} inputs {}",
            case.get("pattern").unwrap_or(&Value::Null),
            case.get("inputs").unwrap_or(&Value::Array(Vec::new())),
        );
        outcomes.push((key, pattern_case(case)));
    }
    judge("wpt-urlpattern", &outcomes);
}

type Case = serde_json::Map<String, Value>;

/// One URL case: `Ok` if we agree with the browser, else what differs.
fn url_case(
    egress: &EgressPolicy,
    case: &Case,
    input: &str,
    base: Option<&str>,
) -> Result<(), String> {
    let verdict = egress.check_url(input, base);
    if case.get("failure").and_then(Value::as_bool) == Some(true) {
        if verdict.reason != Reason::InvalidUrl {
            return Err(format!("parsed, expected failure: {verdict:?}"));
        }
        return Ok(());
    }
    let Some(href) = verdict.url.as_deref() else {
        return Err(format!("failed, expected {}", str_field(case, "href")));
    };

    // The verdict's URL is the browser's href without the fragment, and
    // without credentials where they were the reason to deny.
    let stripped = verdict.reason == Reason::Credentials;
    let mut expected = Url::parse(str_field(case, "href"))
        .map_err(|e| format!("expected href does not parse: {e}"))?;
    expected.set_fragment(None);
    if stripped {
        let _ = expected.set_username("");
        let _ = expected.set_password(None);
    }
    if href != expected.as_str() {
        return Err(format!("href {href}, expected {expected}"));
    }

    // The parts a request goes to, read back from the verdict's URL.
    let got = Url::parse(href).map_err(|e| format!("href reparse: {e}"))?;
    let parts = [
        ("protocol", format!("{}:", got.scheme())),
        ("host", url::quirks::host(&got).to_owned()),
        ("hostname", url::quirks::hostname(&got).to_owned()),
        ("port", url::quirks::port(&got).to_owned()),
        ("pathname", url::quirks::pathname(&got).to_owned()),
        ("search", url::quirks::search(&got).to_owned()),
    ];
    for (name, value) in parts {
        let want = str_field(case, name);
        if value != want {
            return Err(format!("{name} {value:?}, expected {want:?}"));
        }
    }
    Ok(())
}

/// One URLPattern case: construction, component patterns, match result.
fn pattern_case(case: &Case) -> Result<(), String> {
    let expect_error =
        case.get("expected_obj").and_then(Value::as_str) == Some("error");
    let pattern = match construct(case.get("pattern")) {
        Ok(pattern) if expect_error => {
            return Err(format!(
                "constructed {}, expected error",
                pattern_string(&pattern)
            ))
        }
        Ok(pattern) => pattern,
        Err(_) if expect_error => return Ok(()),
        Err(e) => return Err(format!("construction failed: {e}")),
    };

    // The component patterns the case spells out.
    if let Some(Value::Object(expected)) = case.get("expected_obj") {
        for (name, want) in expected {
            let got = match name.as_str() {
                "protocol" => pattern.protocol(),
                "username" => pattern.username(),
                "password" => pattern.password(),
                "hostname" => pattern.hostname(),
                "port" => pattern.port(),
                "pathname" => pattern.pathname(),
                "search" => pattern.search(),
                "hash" => pattern.hash(),
                _ => continue,
            };
            if Some(got) != want.as_str() {
                return Err(format!(
                    "{name} pattern {got:?}, expected {want}"
                ));
            }
        }
    }

    let Some(expected_match) = case.get("expected_match") else {
        return Ok(());
    };
    let inputs = case.get("inputs").and_then(Value::as_array);
    let (input, base) = match inputs.map(Vec::as_slice).unwrap_or_default() {
        [] => (StringOrInit::Init(Default::default()), None),
        [input] => (string_or_init(input)?, None),
        [input, Value::String(base)] => {
            (string_or_init(input)?, Some(base.as_str()))
        }
        other => return Err(format!("unexpected inputs {other:?}")),
    };
    let matched = quirks::process_match_input(input, base)
        .map_err(|e| e.to_string())
        .and_then(|input| match input {
            None => Ok(None),
            Some((input, _)) => pattern.exec(input).map_err(|e| e.to_string()),
        });

    let components = |m: &urlpattern::UrlPatternResult| {
        [
            ("protocol", m.protocol.clone()),
            ("username", m.username.clone()),
            ("password", m.password.clone()),
            ("hostname", m.hostname.clone()),
            ("port", m.port.clone()),
            ("pathname", m.pathname.clone()),
            ("search", m.search.clone()),
            ("hash", m.hash.clone()),
        ]
    };
    match (expected_match, matched) {
        (Value::String(s), Err(_)) if s == "error" => Ok(()),
        (Value::String(s), Ok(m)) if s == "error" => {
            Err(format!("matched {m:?}, expected error"))
        }
        (_, Err(e)) => Err(format!("match failed: {e}")),
        (Value::Null, Ok(None)) => Ok(()),
        (Value::Null, Ok(Some(m))) => {
            Err(format!("matched {m:?}, expected no match"))
        }
        (Value::Object(_), Ok(None)) => {
            Err("no match, expected a match".into())
        }
        (Value::Object(want), Ok(Some(m))) => {
            let empty: Vec<&str> = case
                .get("exactly_empty_components")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            for (name, got) in components(&m) {
                let want = expected_component(want.get(name), name, &empty)?;
                if got != want {
                    return Err(format!("{name} {got:?}, expected {want:?}"));
                }
            }
            Ok(())
        }
        (other, _) => Err(format!("unexpected expected_match {other}")),
    }
}

/// Builds a pattern from the constructor arguments of a case:
/// `(input)`, `(input, baseURL)`, `(input, options)` or
/// `(input, baseURL, options)`.
fn construct(args: Option<&Value>) -> Result<UrlPattern, String> {
    let args = args.and_then(Value::as_array).map(Vec::as_slice);
    let (input, base, options) = match args.unwrap_or_default() {
        [] => (StringOrInit::Init(Default::default()), None, None),
        [input] => (string_or_init(input)?, None, None),
        [input, Value::String(base)] => {
            (string_or_init(input)?, Some(base.as_str()), None)
        }
        [input, options @ Value::Object(_)] => {
            (string_or_init(input)?, None, Some(options))
        }
        [input, Value::String(base), options @ Value::Object(_)] => {
            (string_or_init(input)?, Some(base.as_str()), Some(options))
        }
        // Options before the base URL: a TypeError in JavaScript.
        other => return Err(format!("bad constructor arguments {other:?}")),
    };
    let options: UrlPatternOptions = match options {
        Some(v) => serde_json::from_value(v.clone())
            .map_err(|e| format!("options: {e}"))?,
        None => UrlPatternOptions::default(),
    };
    let init = quirks::process_construct_pattern_input(input, base)
        .map_err(|e| e.to_string())?;
    UrlPattern::parse(init, options).map_err(|e| e.to_string())
}

/// The component patterns, joined for a message.
fn pattern_string(p: &UrlPattern) -> String {
    format!(
        "{}://{}:{}@{}:{}{}?{}#{}",
        p.protocol(),
        p.username(),
        p.password(),
        p.hostname(),
        p.port(),
        p.pathname(),
        p.search(),
        p.hash()
    )
}

fn string_or_init(v: &Value) -> Result<StringOrInit<'static>, String> {
    match v {
        Value::String(s) => Ok(StringOrInit::String(s.clone().into())),
        Value::Object(_) => serde_json::from_value(v.clone())
            .map(StringOrInit::Init)
            .map_err(|e| format!("init: {e}")),
        other => Err(format!("not a string or init: {other}")),
    }
}

/// What a case expects of one component of a match: as written, or for
/// a component it leaves out, the empty input matched by a wildcard (no
/// groups at all for an `exactly_empty_components` one).
fn expected_component(
    want: Option<&Value>,
    name: &str,
    exactly_empty: &[&str],
) -> Result<UrlPatternComponentResult, String> {
    let Some(want) = want else {
        let mut groups = HashMap::new();
        if !exactly_empty.contains(&name) {
            groups.insert("0".to_owned(), Some(String::new()));
        }
        return Ok(UrlPatternComponentResult { input: String::new(), groups });
    };
    let input = want.get("input").and_then(Value::as_str).unwrap_or("");
    let mut groups = HashMap::new();
    let map = want.get("groups").and_then(Value::as_object);
    for (k, v) in map.into_iter().flatten() {
        groups.insert(k.clone(), v.as_str().map(str::to_owned));
    }
    Ok(UrlPatternComponentResult { input: input.to_owned(), groups })
}

/// Compares outcomes with the expected-failures list of `suite`, prints
/// the counts, and fails on any unlisted failure or stale entry.
fn judge(suite: &str, outcomes: &[(String, Result<(), String>)]) {
    let listed = expected_failures(suite);

    // A case that occurs twice gets its occurrence number in its key.
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let outcomes: Vec<(String, &Result<(), String>)> = outcomes
        .iter()
        .map(|(key, outcome)| {
            let n = counts.entry(key).or_default();
            *n += 1;
            let key =
                if *n == 1 { key.clone() } else { format!("{key} ({n})") };
            (key, outcome)
        })
        .collect();

    let mut seen = BTreeSet::new();
    let mut unexpected = Vec::new();
    let mut stale = Vec::new();
    let mut passed = 0;
    let mut known = 0;
    for (key, outcome) in &outcomes {
        seen.insert(key.as_str());
        match (*outcome, listed.contains_key(key)) {
            (Ok(()), false) => passed += 1,
            (Ok(()), true) => stale.push(key.clone()),
            (Err(_), true) => known += 1,
            (Err(why), false) => unexpected.push(format!("{key}\n    {why}")),
        }
    }
    for key in listed.keys() {
        if !seen.contains(key.as_str()) {
            stale.push(format!("{key} (no such case)"));
        }
    }
    println!(
        "{suite}: {} cases, {passed} passed, {known} expected failures",
        outcomes.len()
    );
    let mut report = String::new();
    if !unexpected.is_empty() {
        report += &format!(
            "{} unexpected failures (fix them or list them in \
             tests/conformance/{suite}-expected-failures.txt):\n{}\n",
            unexpected.len(),
            unexpected.join("\n")
        );
    }
    if !stale.is_empty() {
        report += &format!(
            "{} stale expected failures (they pass now: remove them from \
             tests/conformance/{suite}-expected-failures.txt):\n{}\n",
            stale.len(),
            stale.join("\n")
        );
    }
    assert!(report.is_empty(), "{report}");
}

/// The expected-failures list: `key  -- reason` a line, `#` comments.
fn expected_failures(suite: &str) -> BTreeMap<String, String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/conformance")
        .join(format!("{suite}-expected-failures.txt"));
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut out = BTreeMap::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, reason) = line.rsplit_once("  -- ").unwrap_or_else(|| {
            panic!("{}: no `  -- reason` in {line:?}", path.display())
        });
        let dup = out.insert(key.to_owned(), reason.to_owned());
        assert!(dup.is_none(), "{}: {key} listed twice", path.display());
    }
    out
}

/// The conformance file `name`, or `None` (after saying so) when the
/// shared data is not there, as in a user's clone.
fn load(name: &str) -> Option<Value> {
    let dir = match std::env::var_os("AIRLOCK_SHARED_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared"),
    };
    let path = dir.join("conformance").join(name);
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("skipping: no conformance data at {}", path.display());
        return None;
    };
    Some(serde_json::from_str(&text).expect("conformance data is JSON"))
}

fn str_field<'a>(case: &'a Case, name: &str) -> &'a str {
    case.get(name).and_then(Value::as_str).unwrap_or("")
}

/// A case key part on one line: control characters and backslashes
/// escaped as in Rust strings.
fn esc(s: &str) -> String {
    s.escape_debug().to_string()
}
