//! Measures detection quality on the labelled development corpus and on
//! the gitleaks fixtures.
//!
//! Usage: `cargo run --release -p airlock-core --example accuracy --
//! SHARED_DIR [--show TYPE] [--gitleaks-misses]`, where SHARED_DIR holds
//! `corpus/dev.jsonl` and `external/gitleaks-fixtures.jsonl`.
//!
//! Scoring follows the corpus README: a predicted span is a true positive
//! when its type agrees and it covers at least half of a gold span; the
//! leak rate is the share of gold characters no predicted span covers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use airlock_core::{Airlock, Finding, Kind, Policy};
use serde_json::Value;

/// Types scored apart from the structured ones, as the README says.
const NAMES_AND_ADDRESSES: [&str; 2] = ["PERSON", "ADDRESS"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(shared) = args.first().map(PathBuf::from) else {
        eprintln!(
            "usage: accuracy SHARED_DIR [--show TYPE] [--gitleaks-misses]"
        );
        std::process::exit(2);
    };
    let show = args
        .iter()
        .position(|a| a == "--show")
        .and_then(|i| args.get(i + 1))
        .cloned();
    let gitleaks_misses = args.iter().any(|a| a == "--gitleaks-misses");

    let airlock = match Airlock::new(Policy::default_policy()) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    corpus(&airlock, &shared.join("corpus/dev.jsonl"), show.as_deref());
    gitleaks(
        &airlock,
        &shared.join("external/gitleaks-fixtures.jsonl"),
        gitleaks_misses,
    );
}

/// The corpus type a finding counts as.
fn corpus_type(f: &Finding) -> &'static str {
    match f.kind {
        Kind::Email => "EMAIL",
        Kind::Phone => "PHONE",
        Kind::PaymentCard => "CREDIT_CARD",
        Kind::Iban => "IBAN",
        Kind::NationalId if f.detector.as_str() == "us_ssn" => "US_SSN",
        Kind::NationalId => "NATIONAL_ID",
        Kind::IpAddress => "IP_ADDRESS",
        Kind::CryptoWallet => "CRYPTO_WALLET",
        Kind::Secret => "SECRET",
        Kind::Person => "PERSON",
        Kind::Address => "ADDRESS",
        _ => "CUSTOM",
    }
}

#[derive(Default)]
struct Tally {
    tp_gold: usize,
    gold: usize,
    tp_pred: usize,
    pred: usize,
}

struct Span {
    start: usize,
    end: usize,
    ty: String,
}

fn corpus(airlock: &Airlock, path: &std::path::Path, show: Option<&str>) {
    let Ok(data) = std::fs::read_to_string(path) else {
        eprintln!("skip: no corpus at {}", path.display());
        return;
    };
    let mut tallies: BTreeMap<String, Tally> = BTreeMap::new();
    // Leaked and total gold characters: structured+secret, names+addresses.
    let mut leak = [(0usize, 0usize); 2];
    let mut docs = 0;
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let doc: Value = serde_json::from_str(line).expect("corpus line");
        let text = doc["text"].as_str().expect("text");
        let id = doc["id"].as_str().unwrap_or("?");
        docs += 1;
        let gold: Vec<Span> = doc["spans"]
            .as_array()
            .expect("spans")
            .iter()
            .map(|s| Span {
                start: s["start"].as_u64().unwrap() as usize,
                end: s["end"].as_u64().unwrap() as usize,
                ty: s["type"].as_str().unwrap().to_string(),
            })
            .collect();
        let findings = airlock.scan(text).expect("scan");
        let cp = code_point_index(text);
        let pred: Vec<Span> = findings
            .iter()
            .map(|f| Span {
                start: cp[f.start_bytes],
                end: cp[f.end_bytes],
                ty: corpus_type(f).to_string(),
            })
            .collect();
        let chars: Vec<char> = text.chars().collect();
        let slice =
            |s: &Span| chars[s.start..s.end].iter().collect::<String>();

        for g in &gold {
            let t = tallies.entry(g.ty.clone()).or_default();
            t.gold += 1;
            let hit = pred.iter().any(|p| p.ty == g.ty && covers_half(p, g));
            if hit {
                t.tp_gold += 1;
            } else if show == Some(g.ty.as_str()) {
                println!("MISS {id} {}: {:?}", g.ty, slice(g));
            }
            let bucket = usize::from(NAMES_AND_ADDRESSES.contains(&&*g.ty));
            for c in g.start..g.end {
                leak[bucket].1 += 1;
                if !pred.iter().any(|p| p.start <= c && c < p.end) {
                    leak[bucket].0 += 1;
                }
            }
        }
        for p in &pred {
            let t = tallies.entry(p.ty.clone()).or_default();
            t.pred += 1;
            if gold.iter().any(|g| g.ty == p.ty && covers_half(p, g)) {
                t.tp_pred += 1;
            } else if show == Some(p.ty.as_str()) {
                let gold_here: Vec<_> = gold
                    .iter()
                    .filter(|g| g.start < p.end && p.start < g.end)
                    .map(|g| g.ty.as_str())
                    .collect();
                println!(
                    "FP   {id} {}: {:?} (gold here: {gold_here:?})",
                    p.ty,
                    slice(p)
                );
            }
        }
    }

    println!("dev corpus: {docs} documents");
    println!(
        "{:<14} {:>6} {:>6} {:>7} {:>7} {:>7}",
        "type", "gold", "pred", "prec", "recall", "f1"
    );
    let mut sum = Tally::default();
    for (ty, t) in &tallies {
        let (p, r, f) = prf(t);
        println!(
            "{ty:<14} {:>6} {:>6} {p:>7.4} {r:>7.4} {f:>7.4}",
            t.gold, t.pred
        );
        if !NAMES_AND_ADDRESSES.contains(&ty.as_str()) {
            sum.tp_gold += t.tp_gold;
            sum.gold += t.gold;
            sum.tp_pred += t.tp_pred;
            sum.pred += t.pred;
        }
    }
    let (p, r, f) = prf(&sum);
    println!(
        "{:<14} {:>6} {:>6} {p:>7.4} {r:>7.4} {f:>7.4}",
        "STRUCTURED+SECRET", sum.gold, sum.pred
    );
    for (name, (leaked, total)) in
        ["structured+secret", "person+address"].iter().zip(leak)
    {
        if total > 0 {
            println!(
                "leak rate {name}: {:.4}% ({leaked} of {total} gold chars)",
                100.0 * leaked as f64 / total as f64
            );
        }
    }
}

fn gitleaks(airlock: &Airlock, path: &std::path::Path, show_misses: bool) {
    let Ok(data) = std::fs::read_to_string(path) else {
        eprintln!("skip: no gitleaks fixtures at {}", path.display());
        return;
    };
    let mut rules: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let (mut clean, mut flagged, mut flagged_pure, mut pure) = (0, 0, 0, 0);
    let mut missed_rules = BTreeSet::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let row: Value = serde_json::from_str(line).expect("fixture line");
        let text = row["text"].as_str().unwrap_or("");
        let rule = row["rule"].as_str().unwrap_or("?").to_string();
        let found = match airlock.scan(text) {
            Ok(f) => f.iter().any(|f| f.kind == Kind::Secret),
            Err(_) => false,
        };
        if row["expect"] == "secret" {
            let e = rules.entry(rule.clone()).or_default();
            e.1 += 1;
            if found {
                e.0 += 1;
            } else if show_misses {
                missed_rules.insert(rule);
            }
        } else {
            clean += 1;
            let also_tp = row.get("also_tp_of").is_some();
            if !also_tp {
                pure += 1;
            }
            if found {
                flagged += 1;
                if !also_tp {
                    flagged_pure += 1;
                }
            }
        }
    }
    let covered = rules.values().filter(|(f, _)| *f > 0).count();
    let rows_found: usize = rules.values().map(|(f, _)| f).sum();
    let rows: usize = rules.values().map(|(_, n)| n).sum();
    println!(
        "gitleaks: {covered} of {} rules found (>=1 sample), {rows_found} \
         of {rows} secret rows found ({:.1}%)",
        rules.len(),
        100.0 * rows_found as f64 / rows.max(1) as f64
    );
    println!(
        "gitleaks clean rows flagged: {flagged} of {clean} ({:.1}%); \
         excluding rows that are secrets of another rule: {flagged_pure} of \
         {pure} ({:.1}%)",
        100.0 * flagged as f64 / clean.max(1) as f64,
        100.0 * flagged_pure as f64 / pure.max(1) as f64
    );
    if show_misses {
        for (rule, (f, n)) in &rules {
            if *f == 0 {
                println!("  missed rule {rule} (0 of {n})");
            }
        }
    }
}

fn covers_half(p: &Span, g: &Span) -> bool {
    let overlap = p.end.min(g.end).saturating_sub(p.start.max(g.start));
    2 * overlap >= g.end - g.start
}

fn prf(t: &Tally) -> (f64, f64, f64) {
    let p = if t.pred == 0 { 1.0 } else { t.tp_pred as f64 / t.pred as f64 };
    let r = if t.gold == 0 { 1.0 } else { t.tp_gold as f64 / t.gold as f64 };
    let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
    (p, r, f)
}

/// Maps every byte offset on a character boundary to its code-point index.
fn code_point_index(text: &str) -> Vec<usize> {
    let mut map = vec![0; text.len() + 1];
    let mut n = 0;
    for (i, c) in text.char_indices() {
        for b in 0..c.len_utf8() {
            map[i + b] = n;
        }
        n += 1;
    }
    map[text.len()] = n;
    map
}
