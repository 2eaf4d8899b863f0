//! Helpers shared by the integration tests: the crate's own test
//! generator, so that unit and integration tests draw inputs alike.

#[path = "../../src/test_rng.rs"]
mod test_rng;

pub use test_rng::XorShift;
