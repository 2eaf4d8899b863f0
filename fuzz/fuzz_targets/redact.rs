//! Fuzzes scanning and redaction with every reversible action: no panic,
//! text outside findings kept, and restore gives the input back. Run with
//! `cargo +nightly fuzz run redact`.

#![no_main]

use std::sync::OnceLock;

use airlock_core::{Airlock, Policy, Vault};
use libfuzzer_sys::fuzz_target;

fn engine() -> &'static Airlock {
    static ENGINE: OnceLock<Airlock> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let policy = Policy::from_json(
            r#"{"version":1,"defaultAction":"tokenize",
                "detectors":{"secret":{"action":"surrogate"}}}"#,
        )
        .expect("policy");
        Airlock::new(policy).expect("engine")
    })
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let airlock = engine();
    let _ = airlock.scan(&text);
    let mut vault = Vault::new(&[7; 32]);
    if let Ok(out) = airlock.redact_with(&text, &mut vault) {
        assert_eq!(vault.restore(&out.text).text, text);
    }
});
