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
    let mut utf16 = 0;
    let mut chars = text.char_indices().peekable();
    for i in order {
        let target = offsets[i];
        while let Some(&(at, c)) = chars.peek() {
            if at + c.len_utf8() > target {
                break;
            }
            utf16 += c.len_utf16();
            chars.next();
        }
        offsets[i] = utf16;
    }
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
