//! Converts UTF-8 byte offsets to UTF-16 code-unit offsets, the unit of
//! JavaScript string indices.

/// Converts sorted-or-not byte offsets of `text` to UTF-16 offsets in one
/// pass over the text.
///
/// Offsets must lie on character boundaries; one that does not is mapped
/// to the start of the character it falls in.
///
/// Example:
///
/// ```
/// let text = "é😀x";
/// let mut offsets = [0, 2, 6, 7];
/// airlock_core::offsets::bytes_to_utf16(text, &mut offsets);
/// assert_eq!(offsets, [0, 1, 3, 4]);
/// ```
pub fn bytes_to_utf16(text: &str, offsets: &mut [usize]) {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let bytes = text.as_bytes();
    let (mut at, mut utf16) = (0, 0);
    for i in order {
        let mut target = offsets[i].min(text.len());
        while !text.is_char_boundary(target) {
            target -= 1;
        }
        utf16 += utf16_len(&bytes[at..target]);
        at = target;
        offsets[i] = utf16;
    }
}

/// The UTF-16 length of whole characters in UTF-8: one unit per byte that
/// starts a character, two for a 4-byte one. Counting bytes rather than
/// decoding lets the loop run on vectors.
fn utf16_len(utf8: &[u8]) -> usize {
    utf8.iter()
        .map(|&b| usize::from(b & 0xC0 != 0x80) + usize::from(b >= 0xF0))
        .sum()
}

/// Converts a UTF-16 offset of `text` to a byte offset; an offset inside
/// a surrogate pair maps to the start of its character, one past the end
/// to the end.
pub fn utf16_to_bytes(text: &str, offset_utf16: usize) -> usize {
    let mut utf16 = 0;
    for (at, c) in text.char_indices() {
        if utf16 + c.len_utf16() > offset_utf16 {
            return at;
        }
        utf16 += c.len_utf16();
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The definition: count the UTF-16 units of the characters that end
    /// at or before the offset.
    fn by_chars(text: &str, offset: usize) -> usize {
        text.chars()
            .scan(0, |end, c| {
                *end += c.len_utf8();
                Some((*end, c))
            })
            .take_while(|&(end, _)| end <= offset)
            .map(|(_, c)| c.len_utf16())
            .sum()
    }

    #[test]
    fn every_byte_offset_matches_the_char_walk() {
        let text = "a€😀中b\u{10FFFF}é";
        let all: Vec<usize> = (0..=text.len()).rev().collect();
        let mut got = all.clone();
        bytes_to_utf16(text, &mut got);
        for (&byte, &utf16) in all.iter().zip(&got) {
            assert_eq!(utf16, by_chars(text, byte), "offset {byte}");
        }
    }

    #[test]
    fn round_trips_on_boundaries() {
        let text = "a€😀中b";
        for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let mut o = [byte];
            bytes_to_utf16(text, &mut o);
            assert_eq!(utf16_to_bytes(text, o[0]), byte);
        }
    }
}
