//! Fuzzes the compilation of `egress.allow` entries: any string either
//! compiles or is a `PolicyError` naming its path, and a compiled entry
//! checks a few URLs without panicking.
//!
//! Run with `cargo +nightly fuzz run allow_entry` from the repository root.

#![no_main]

use airlock_core::egress::EgressPolicy;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(entry) = std::str::from_utf8(data) else { return };
    match EgressPolicy::new([entry]) {
        Ok(egress) => {
            for url in [
                "https://api.openai.com/v1/chat",
                "http://localhost:11434/api/tags",
                "http://[::1]:8080/",
                "wss://x.example/",
            ] {
                let _ = egress.check_url(url, None);
            }
        }
        Err(e) => assert_eq!(e.path(), "egress.allow[0]"),
    }
});
