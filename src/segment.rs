//! Stage 3: word segmentation. The only module that uses `jieba_rs`: its API moves between
//! versions, and this keeps that churn in one place.

use jieba_rs::Jieba;

use crate::sentence::Sentence;

/// A word: byte range of the normalised text, with jieba's part-of-speech tag when tagged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
}

/// The words of a text, in order.
#[derive(Debug, Clone, Default)]
pub struct Tokens {
    /// All tokens, sorted by `start`, covering every sentence.
    pub tokens: Vec<Token>,
    /// For each byte of the text, the index of the token covering it (`u32::MAX`: none), so
    /// the word tests the recognisers make at every character cost one lookup. Empty when
    /// the tokens were built by hand; the tests then search `tokens`.
    covering: Vec<u32>,
}

impl Tokens {
    /// Tokens over a text of `len` bytes, with the byte index built.
    pub fn new(tokens: Vec<Token>, len: usize) -> Tokens {
        let mut covering = vec![u32::MAX; len];
        for (k, t) in tokens.iter().enumerate() {
            if let Some(b) = covering.get_mut(t.start..t.end) {
                b.fill(k as u32);
            }
        }
        Tokens { tokens, covering }
    }

    /// The token covering byte `i` through the byte index: `Some(None)` when no token covers
    /// it, `None` when there is no index to ask.
    #[inline]
    fn indexed(&self, i: usize) -> Option<Option<&Token>> {
        if self.covering.is_empty() {
            return None;
        }
        Some(self.covering.get(i).and_then(|&k| self.tokens.get(k as usize)))
    }

    /// True when a word starts at byte offset `i` (or `i` is outside every sentence).
    pub fn starts_word(&self, i: usize) -> bool {
        if let Some(t) = self.indexed(i) {
            return t.is_none_or(|t| t.start == i);
        }
        match self.tokens.binary_search_by_key(&i, |t| t.start) {
            Ok(_) => true,
            Err(k) => k == 0 || self.tokens.get(k - 1).is_none_or(|t| t.end <= i),
        }
    }

    /// True when a word ends at byte offset `i` (or `i` is outside every sentence).
    pub fn ends_word(&self, i: usize) -> bool {
        if let Some(t) = self.indexed(i) {
            // Byte `i` begins a token or lies outside every token: a word ends right before
            // it unless a token runs across it.
            return t.is_none_or(|t| t.start == i);
        }
        match self.tokens.binary_search_by_key(&i, |t| t.end) {
            Ok(_) => true,
            Err(k) => self.tokens.get(k).is_none_or(|t| t.start >= i),
        }
    }

    /// True when `start..end` does not cut a word in two.
    pub fn aligned(&self, start: usize, end: usize) -> bool {
        self.starts_word(start) && self.ends_word(end)
    }

    /// The token covering byte offset `i`, if any.
    pub fn at(&self, i: usize) -> Option<&Token> {
        if let Some(t) = self.indexed(i) {
            return t;
        }
        let k = self.tokens.partition_point(|t| t.end <= i);
        self.tokens.get(k).filter(|t| t.start <= i)
    }
}

/// jieba-rs with the lexicons' names added as words.
pub struct Segmenter {
    jieba: Jieba,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Segmenter")
    }
}

impl Segmenter {
    /// jieba's default dictionary plus `words` (each with an optional POS tag such as `nr`).
    pub fn new<'w, 't>(words: impl IntoIterator<Item = (&'w str, Option<&'t str>)>) -> Segmenter {
        let mut jieba = Jieba::new();
        for (w, tag) in words {
            // jieba only segments runs of Han characters (and alphanumerics apart); a word
            // with spaces or punctuation can never come out of it.
            if w.chars().count() >= 2 && w.chars().any(is_han) && !w.contains([' ', '·']) {
                jieba.add_word(w, None, tag);
            }
        }
        Segmenter { jieba }
    }

    /// Segments every sentence of `text`.
    pub fn segment(&self, text: &str, sentences: &[Sentence]) -> Tokens {
        let mut tokens = Vec::with_capacity(text.len() / 4);
        for s in sentences {
            let part = &text[s.start..s.end];
            for t in self.jieba.cut(part, true) {
                tokens.push(Token { start: s.start + t.byte_start, end: s.start + t.byte_end });
            }
        }
        Tokens::new(tokens, text.len())
    }

    /// Part-of-speech tags of the words of `text[start..end]`: `(start, end, tag)` in
    /// offsets of `text`. Costlier than [`Segmenter::segment`]; call it on small windows.
    pub fn tag(&self, text: &str, start: usize, end: usize) -> Vec<(usize, usize, String)> {
        let part = &text[start..end];
        let mut out = Vec::new();
        let mut pos = 0;
        for t in self.jieba.tag(part, true) {
            // Tags carry words, not offsets: find each word at or after the last one.
            if let Some(k) = part[pos..].find(t.word) {
                let s = pos + k;
                out.push((start + s, start + s + t.word.len(), t.tag.to_string()));
                pos = s + t.word.len();
            }
        }
        out
    }

    /// True when jieba's cut of `text[lo..hi]` has the word `start..end`: the words
    /// [`Segmenter::tag`] would tag there (tagging is a cut plus a tag per word).
    pub fn cut_has(&self, text: &str, lo: usize, hi: usize, start: usize, end: usize) -> bool {
        text.get(lo..hi).is_some_and(|part| {
            self.jieba
                .cut(part, true)
                .iter()
                .any(|t| lo + t.byte_start == start && lo + t.byte_end == end)
        })
    }

    /// The tag of an out-of-dictionary `word` on its own, when jieba keeps it whole. Such a
    /// word's tag depends on the word alone, so it is the tag [`Segmenter::tag`] gives the
    /// word in any window whose cut has it, at a fraction of the cost.
    pub fn tag_alone(&self, word: &str) -> Option<String> {
        match self.jieba.tag(word, true).as_slice() {
            [t] if t.word == word && !self.jieba.has_word(word) => Some(t.tag.to_string()),
            _ => None,
        }
    }

    /// True when `word` is in the segmenter's dictionary (jieba's words plus the lexicons').
    pub fn is_word(&self, word: &str) -> bool {
        self.jieba.has_word(word)
    }

    /// The dictionary tag of `word` (`nr`, `ns`, `n`…) when it is a dictionary word.
    pub fn word_tag<'a>(&'a self, word: &'a str) -> Option<&'a str> {
        if !self.jieba.has_word(word) {
            return None;
        }
        let tags = self.jieba.tag(word, false);
        match tags.as_slice() {
            [t] if t.word == word => Some(t.tag),
            _ => None,
        }
    }

    /// How often `word` occurs in jieba's dictionary (0 when it is no dictionary word):
    /// everyday words are frequent, rare names are not.
    pub fn word_freq(&self, word: &str) -> usize {
        if !self.jieba.has_word(word) {
            return 0;
        }
        self.jieba.suggest_freq(word)
    }

    /// Segments a bare string (for benches and tools): the words, in order.
    pub fn cut<'t>(&self, text: &'t str) -> Vec<&'t str> {
        self.jieba.cut(text, true).into_iter().map(|t| t.word).collect()
    }
}

/// True for CJK unified ideographs (the common blocks).
#[inline]
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2A6DF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexed_word_tests_equal_the_searches() {
        // Two sentences with a gap between them (bytes 9..12 are in no token).
        let toks = vec![
            Token { start: 0, end: 6 },
            Token { start: 6, end: 9 },
            Token { start: 12, end: 18 },
        ];
        let indexed = Tokens::new(toks.clone(), 20);
        let plain = Tokens { tokens: toks, covering: Vec::new() };
        for i in 0..=22 {
            assert_eq!(indexed.starts_word(i), plain.starts_word(i), "starts_word({i})");
            assert_eq!(indexed.ends_word(i), plain.ends_word(i), "ends_word({i})");
            assert_eq!(indexed.at(i), plain.at(i), "at({i})");
        }
    }
}
