#[test]
#[ignore]
fn bench_ac() {
    use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
    use std::time::Instant;
    let text = std::fs::read_to_string("/work/shared/corpus/perf-8mb.txt").unwrap();
    let hay = text.as_bytes();
    let mut lits: Vec<String> = Vec::new();
    for p in crate::detect::builtin() {
        for a in p.anchors {
            let a = a.to_ascii_lowercase();
            if !lits.contains(&a) {
                lits.push(a);
            }
        }
    }
    let extra = std::env::var("DROP").unwrap_or_default();
    lits.retain(|l| !extra.split(',').any(|d| d == l));
    println!("{} anchors", lits.len());
    for (name, kind, pre) in [
        ("default", None, true),
        ("nfa-nopre", Some(AhoCorasickKind::ContiguousNFA), false),
        ("dfa", Some(AhoCorasickKind::DFA), true),
        ("dfa-nopre", Some(AhoCorasickKind::DFA), false),
    ] {
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(kind)
            .prefilter(pre)
            .build(&lits)
            .unwrap();
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..3 {
            for c in hay.chunks(2048) {
                n += ac.find_overlapping_iter(c).count();
            }
        }
        println!("{name:>10}: {:7.1} MB/s ({n})", 24.0 / t.elapsed().as_secs_f64());
    }
}
