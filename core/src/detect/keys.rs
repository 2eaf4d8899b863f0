//! The automaton that finds anchors: a DFA over the first bytes (the
//! keys) of every anchor, ASCII case-insensitive, reporting overlapping
//! hits, held as one flat transition table.
//!
//! aho-corasick builds the DFA. In Wasm that build ran once, in V8's
//! baseline tier, and took about a third of a cold start (some 9 ms), so
//! the table for every built-in anchor is built ahead of time and
//! embedded: `anchor_keys.bin`, which the `prebuilt_table_is_current` test
//! checks against the anchors and rewrites on request. Only the tests
//! build tables; outside them, a key missing from the embedded table is
//! an internal error, which that test rules out.
//!
//! States are numbered in breadth-first order from the start state,
//! matching states first, and premultiplied by the stride (the class
//! count rounded up to a power of two): the next state is
//! `trans[state + class[byte]]`, and a state matches when it is below
//! `match_limit`.

use std::sync::OnceLock;

/// The embedded table for every built-in anchor.
static PREBUILT_BYTES: &[u8] = include_bytes!("anchor_keys.bin");

/// Tells a table file from other bytes, and its layout from later ones.
const MAGIC: &[u8; 4] = b"AKT1";

/// A DFA over a sorted list of distinct keys.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct KeyTable {
    /// The keys, lower case, sorted; a hit reports an index into it.
    keys: Vec<Vec<u8>>,
    /// The class of each byte: bytes that no key holds share class 0.
    classes: [u8; 256],
    /// log2 of the stride.
    stride2: u32,
    /// Transitions, premultiplied: row `state`, column `class`.
    trans: Vec<u16>,
    start: u16,
    /// States below this one match.
    match_limit: u16,
    /// For matching state `s`, the keys it reports are
    /// `match_keys[match_at[s >> stride2]..match_at[(s >> stride2) + 1]]`.
    match_at: Vec<u16>,
    match_keys: Vec<u16>,
}

impl KeyTable {
    /// The embedded table for the built-in anchors, decoded once per
    /// process; `None` if it does not decode (a bug the tests rule out).
    /// Decoding copies some 90 KB: far less than building it.
    pub fn prebuilt() -> Option<&'static KeyTable> {
        static TABLE: OnceLock<Option<KeyTable>> = OnceLock::new();
        TABLE.get_or_init(|| KeyTable::from_bytes(PREBUILT_BYTES)).as_ref()
    }

    /// The keys, in the order hits name them.
    pub fn keys(&self) -> &[Vec<u8>] {
        &self.keys
    }

    /// The index of `key`, if the table holds it.
    pub fn index_of(&self, key: &[u8]) -> Option<usize> {
        self.keys.binary_search_by(|k| k.as_slice().cmp(key)).ok()
    }

    /// Calls `hit(start, key)` for every occurrence of every key in
    /// `haystack`, overlapping ones included, in order of their end.
    pub fn try_for_each_hit<E>(
        &self,
        haystack: &[u8],
        mut hit: impl FnMut(usize, usize) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut state = usize::from(self.start);
        let match_limit = usize::from(self.match_limit);
        for (i, &b) in haystack.iter().enumerate() {
            let class = usize::from(self.classes[usize::from(b)]);
            state = usize::from(self.trans[state + class]);
            if state >= match_limit {
                continue;
            }
            let row = state >> self.stride2;
            let found = usize::from(self.match_at[row])
                ..usize::from(self.match_at[row + 1]);
            for &key in &self.match_keys[found] {
                let key = usize::from(key);
                hit((i + 1).saturating_sub(self.keys[key].len()), key)?;
            }
        }
        Ok(())
    }

    /// Reads a table: [`MAGIC`]; the key count and each key, length
    /// first; the 256 classes; stride2, the row count, the start state,
    /// the match limit; then the transitions, `match_at` and `match_keys`,
    /// each length first. Numbers are little-endian `u16`. Checks that
    /// every state, class and key named exists (a search then cannot go
    /// out of bounds); `None` if anything does not.
    fn from_bytes(bytes: &[u8]) -> Option<KeyTable> {
        let mut r = Reader(bytes.strip_prefix(MAGIC)?);
        let key_count = r.number()?;
        let keys: Vec<Vec<u8>> = (0..key_count)
            .map(|_| {
                let len = r.number()?;
                Some(r.take(len)?.to_vec())
            })
            .collect::<Option<_>>()?;
        let classes: [u8; 256] = r.take(256)?.try_into().ok()?;
        let stride2 = u32::try_from(r.number()?).ok().filter(|&s| s <= 8)?;
        let rows = r.number()?;
        let start = r.number()?;
        let match_limit = r.number()?;
        let trans = r.list()?;
        let match_at = r.list()?;
        let match_keys = r.list()?;

        let stride = 1usize << stride2;
        let is_state = |s: usize| s < rows << stride2 && s % stride == 0;
        let sorted = keys.windows(2).all(|w| w[0] < w[1]);
        let ok = r.0.is_empty()
            && sorted
            && !keys.iter().any(|k| k.is_empty())
            && classes.iter().all(|&c| usize::from(c) < stride)
            && trans.len() == rows << stride2
            && trans.iter().all(|&s| is_state(s.into()))
            && is_state(start)
            && match_limit % stride == 0
            && match_limit <= rows << stride2
            && match_at.len() == (match_limit >> stride2) + 1
            && match_at.first() == Some(&0)
            && match_at.windows(2).all(|w| w[0] <= w[1])
            && match_at.last().map(|&n| usize::from(n))
                == Some(match_keys.len())
            && match_keys.iter().all(|&k| usize::from(k) < keys.len());
        ok.then_some(KeyTable {
            keys,
            classes,
            stride2,
            trans,
            start: start as u16,
            match_limit: match_limit as u16,
            match_at,
            match_keys,
        })
    }
}

/// A cursor over table bytes.
struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, len: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.0.split_at_checked(len)?;
        self.0 = rest;
        Some(head)
    }

    fn number(&mut self) -> Option<usize> {
        let b = self.take(2)?;
        Some(usize::from(u16::from_le_bytes([b[0], b[1]])))
    }

    fn list(&mut self) -> Option<Vec<u16>> {
        let len = self.number()?;
        let bytes = self.take(len.checked_mul(2)?)?;
        Some(
            bytes
                .chunks_exact(2)
                .map(|b| u16::from_le_bytes([b[0], b[1]]))
                .collect(),
        )
    }
}

/// Making tables, which only the tests do: they write the embedded one
/// and build their own for patterns of their own.
#[cfg(test)]
mod make {
    use std::collections::{HashMap, HashSet};

    use aho_corasick::automaton::Automaton;
    use aho_corasick::{dfa::DFA, Anchored, MatchKind, StartKind};

    use super::{KeyTable, MAGIC};

    /// Why a table could not be made.
    #[derive(Debug)]
    pub(crate) struct TooLarge;

    impl KeyTable {
        /// Builds the table for `keys` (non-empty, sorted, distinct, lower
        /// case); `TooLarge` when its states do not fit 16-bit ids.
        pub fn build(keys: &[&[u8]]) -> Result<KeyTable, TooLarge> {
            let dfa = DFA::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .start_kind(StartKind::Unanchored)
                .build(keys)
                .map_err(|_| TooLarge)?;

            // Bytes that occur in no key act alike in every state; every
            // other byte, up to ASCII case, is a class of its own.
            let mut classes = [0u8; 256];
            let mut class_bytes = vec![0u8];
            for b in keys.iter().flat_map(|k| k.iter()) {
                let b = b.to_ascii_lowercase();
                if classes[usize::from(b)] == 0 {
                    let class = u8::try_from(class_bytes.len())
                        .map_err(|_| TooLarge)?;
                    classes[usize::from(b)] = class;
                    classes[usize::from(b.to_ascii_uppercase())] = class;
                    class_bytes.push(b);
                }
            }
            // Byte 0 stands for class 0 unless a key holds it.
            class_bytes[0] = (0..=255u8)
                .find(|&b| classes[usize::from(b)] == 0)
                .ok_or(TooLarge)?;
            let stride2 =
                class_bytes.len().next_power_of_two().trailing_zeros();

            // Every state, breadth first from the start; then matching
            // states first.
            let start = dfa.start_state(Anchored::No).map_err(|_| TooLarge)?;
            let mut order = vec![start];
            let mut seen = HashSet::from([start]);
            let mut at = 0;
            while let Some(&sid) = order.get(at) {
                at += 1;
                for &b in &class_bytes {
                    let next = dfa.next_state(Anchored::No, sid, b);
                    if dfa.is_dead(next) {
                        return Err(TooLarge);
                    }
                    if seen.insert(next) {
                        order.push(next);
                    }
                }
            }
            order.sort_by_key(|&sid| !dfa.is_match(sid));
            let rows = order.len() << stride2;
            if rows > usize::from(u16::MAX) + 1 {
                return Err(TooLarge);
            }
            let id: HashMap<_, u16> = order
                .iter()
                .enumerate()
                .map(|(i, &sid)| (sid, (i << stride2) as u16))
                .collect();

            let mut trans = vec![0u16; rows];
            let mut match_at = vec![0u16];
            let mut match_keys = Vec::new();
            for (row, &sid) in order.iter().enumerate() {
                for (class, &b) in class_bytes.iter().enumerate() {
                    let next = dfa.next_state(Anchored::No, sid, b);
                    trans[(row << stride2) + class] = id[&next];
                }
                if dfa.is_match(sid) {
                    let mut found: Vec<u16> = (0..dfa.match_len(sid))
                        .map(|i| dfa.match_pattern(sid, i).as_usize() as u16)
                        .collect();
                    found.sort_unstable();
                    match_keys.extend(found);
                    match_at.push(match_keys.len() as u16);
                }
            }
            Ok(KeyTable {
                keys: keys.iter().map(|k| k.to_vec()).collect(),
                classes,
                stride2,
                trans,
                start: id[&start],
                match_limit: ((match_at.len() - 1) << stride2) as u16,
                match_at,
                match_keys,
            })
        }

        /// The table as bytes, as [`KeyTable::from_bytes`] reads them.
        pub fn to_bytes(&self) -> Vec<u8> {
            let mut out = MAGIC.to_vec();
            let put = |out: &mut Vec<u8>, n: usize| {
                out.extend_from_slice(&(n as u16).to_le_bytes());
            };
            put(&mut out, self.keys.len());
            for key in &self.keys {
                put(&mut out, key.len());
                out.extend_from_slice(key);
            }
            out.extend_from_slice(&self.classes);
            put(&mut out, self.stride2 as usize);
            put(&mut out, self.trans.len() >> self.stride2);
            put(&mut out, self.start.into());
            put(&mut out, self.match_limit.into());
            for list in [&self.trans, &self.match_at, &self.match_keys] {
                put(&mut out, list.len());
                for &n in list.iter() {
                    put(&mut out, n.into());
                }
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_rng::XorShift;

    /// Every built-in anchor's key, as the scanner makes them.
    fn builtin_keys() -> Vec<Vec<u8>> {
        let mut keys: Vec<Vec<u8>> = super::super::builtin()
            .flat_map(|p| p.anchors.iter())
            .map(|a| super::super::scan::key_of(a))
            .collect();
        keys.sort();
        keys.dedup();
        keys
    }

    #[test]
    fn prebuilt_table_is_current() {
        let keys = builtin_keys();
        let refs: Vec<&[u8]> = keys.iter().map(|k| k.as_slice()).collect();
        let bytes = KeyTable::build(&refs).unwrap().to_bytes();
        if std::env::var_os("AIRLOCK_REGENERATE").is_some() {
            let path = concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/src/detect/anchor_keys.bin"
            );
            std::fs::write(path, &bytes).unwrap();
            // The build embedded the old file: the next run checks.
            return;
        }
        assert!(
            bytes == PREBUILT_BYTES,
            "anchor_keys.bin is stale: the built-in anchors changed. \
             Run AIRLOCK_REGENERATE=1 cargo test -p airlock-core --lib \
             prebuilt_table_is_current"
        );
        assert_eq!(KeyTable::prebuilt().map(|t| t.keys()), Some(&keys[..]));
    }

    #[test]
    fn bytes_round_trip_and_damage_is_refused() {
        let table = KeyTable::build(&[b"ab", b"b", b"ghp_", b"x-"]).unwrap();
        let bytes = table.to_bytes();
        assert_eq!(KeyTable::from_bytes(&bytes), Some(table));
        for cut in [0, 4, 100, bytes.len() - 1] {
            assert_eq!(KeyTable::from_bytes(&bytes[..cut]), None);
        }
        let mut rng = XorShift(0x2545_f491_4f6c_dd1d);
        for _ in 0..2000 {
            let mut bad = bytes.clone();
            let at = rng.below(bad.len());
            bad[at] ^= 1 << rng.below(8);
            if let Some(t) = KeyTable::from_bytes(&bad) {
                // What decodes searches without going out of bounds.
                t.try_for_each_hit::<()>(b"ghp_ab x- AB", |_, _| Ok(()))
                    .unwrap();
            }
        }
    }

    /// Every hit, by brute force.
    fn naive(keys: &[&[u8]], text: &[u8]) -> Vec<(usize, usize)> {
        let mut hits = Vec::new();
        for end in 1..=text.len() {
            for (k, key) in keys.iter().enumerate() {
                if end >= key.len()
                    && text[end - key.len()..end].eq_ignore_ascii_case(key)
                {
                    hits.push((end - key.len(), k));
                }
            }
        }
        hits
    }

    #[test]
    fn finds_every_overlapping_hit_in_order_of_end() {
        let keys: [&[u8]; 6] = [b"-", b"ab", b"abab", b"b", b"ba", b"ghp_"];
        let table = KeyTable::build(&keys).unwrap();
        let texts = XorShift(0x9e37_79b9_7f4a_7c15).glued(
            2000,
            0..30,
            &["a", "B", "b", "-", "ghp_", "GHP", "é", "\0", "_"],
        );
        for text in texts {
            let mut got = Vec::new();
            table
                .try_for_each_hit::<()>(text.as_bytes(), |s, k| {
                    got.push((s, k));
                    Ok(())
                })
                .unwrap();
            let mut want = naive(&keys, text.as_bytes());
            // Within one end, by key: the table's order.
            want.sort_by_key(|&(s, k)| (s + keys[k].len(), k));
            assert_eq!(got, want, "{text:?}");
        }
    }
}
