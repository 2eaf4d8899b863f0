//! Fuzzes policy loading: any text either compiles or gives a
//! `PolicyError`; never a panic. Run with `cargo +nightly fuzz run policy`.

#![no_main]

use airlock_core::{Airlock, Policy};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(policy) = Policy::from_json(text) {
        // A policy that loads must also build and scan.
        if let Ok(airlock) = Airlock::builder()
            .policy(policy)
            .hash_key(b"k")
            .pseudonym_key(b"k")
            .build()
        {
            let _ = airlock.redact("probe a@b.example 4111 1111 1111 1111");
        }
    }
});
