//! Reproducible random inputs for tests: the unit tests use this module,
//! the integration tests include the file (`tests/common`).

use std::ops::Range;

/// Marsaglia's xorshift64: small, fast, reproducible, so a failing case
/// replays from its seed.
pub struct XorShift(pub u64);

impl XorShift {
    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// `count` strings, each glued from a number of `pieces` drawn from
    /// `parts`.
    #[allow(dead_code)] // the integration tests do not glue
    pub fn glued(
        &mut self,
        count: usize,
        parts: Range<usize>,
        pieces: &[&str],
    ) -> Vec<String> {
        (0..count)
            .map(|_| {
                let n = parts.start + self.below(parts.len());
                (0..n).map(|_| pieces[self.below(pieces.len())]).collect()
            })
            .collect()
    }
}
