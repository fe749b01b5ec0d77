//! Spans: byte offsets into the caller's original text, plus Unicode-scalar offsets.

use serde::Serialize;

/// A range of the original input. `start..end` are byte offsets (end exclusive), so
/// `&text[span.start..span.end]` is the mention; `char_start..char_end` are the same range
/// counted in Unicode scalar values, for consumers in other languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Character (Unicode scalar) offset of the first character.
    pub char_start: usize,
    /// Character offset one past the last character.
    pub char_end: usize,
}

/// Converts byte offsets of one text to character offsets (binary search over char starts).
pub(crate) struct CharMap {
    /// `(byte, char)` at every char boundary, sampled densely enough for binary search.
    bytes: Vec<u32>,
}

impl CharMap {
    pub(crate) fn new(text: &str) -> Self {
        if text.is_ascii() {
            return CharMap { bytes: Vec::new() };
        }
        let mut bytes = Vec::with_capacity(text.len() / 2 + 1);
        for (b, _) in text.char_indices() {
            bytes.push(b as u32);
        }
        bytes.push(text.len() as u32);
        CharMap { bytes }
    }

    pub(crate) fn char_at(&self, byte: usize) -> usize {
        if self.bytes.is_empty() {
            return byte;
        }
        match self.bytes.binary_search(&(byte as u32)) {
            Ok(i) | Err(i) => i,
        }
    }

    pub(crate) fn span(&self, start: usize, end: usize) -> Span {
        Span { start, end, char_start: self.char_at(start), char_end: self.char_at(end) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_agree() {
        let t = "OpenAI在2023年，挖走了3名";
        let m = CharMap::new(t);
        for (b, _) in t.char_indices() {
            assert_eq!(m.char_at(b), t[..b].chars().count());
        }
        assert_eq!(m.char_at(t.len()), t.chars().count());
    }
}
