//! Stage 1: normalise the text (full-width digits and letters, middle dots, odd spaces),
//! keeping a map from every normalised byte offset back to the original text.
//!
//! Normalisation never changes the number of characters, only their bytes, so a span in
//! the normalised text maps to exactly the characters of the original that produced it.

use std::borrow::Cow;

/// The normalised text and its map back to the original.
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    text: Cow<'a, str>,
    /// `map[i]` is the original byte offset of normalised byte offset `i` (for every char
    /// boundary and `text.len()`); `None` when the text was unchanged.
    map: Option<Vec<u32>>,
}

/// The character `c` normalises to, if it changes.
#[inline]
pub fn normalize_char(c: char) -> Option<char> {
    match c {
        // Full-width digits and Latin letters, and the few symbols that belong to numbers.
        '０'..='９'
        | 'Ａ'..='Ｚ'
        | 'ａ'..='ｚ'
        | '％'
        | '．'
        | '＄'
        | '＋'
        | '－'
        | '＆'
        | '／' => char::from_u32(c as u32 - 0xFEE0),
        '＠' | '＃' => char::from_u32(c as u32 - 0xFEE0),
        '￥' => Some('¥'),
        // The many middle dots used between the parts of transliterated names.
        '•' | '‧' | '・' | '･' | '∙' | '⋅' | 'ˑ' | '●' | '᛫' | '⸱' | '·' => {
            Some('·')
        }
        // Odd spaces.
        '\u{3000}' | '\u{00A0}' | '\u{2002}'..='\u{200A}' | '\u{202F}' | '\u{205F}' => Some(' '),
        // Zero-width characters become ordinary spaces so offsets stay put.
        '\u{200B}' | '\u{FEFF}' => Some(' '),
        // Dashes and tildes used in ranges.
        '～' | '〜' => Some('~'),
        '—' | '–' | '‒' | '−' => Some('-'),
        _ => None,
    }
}

impl<'a> Normalized<'a> {
    /// Normalises `original`; borrows it when nothing changes.
    pub fn new(original: &'a str) -> Normalized<'a> {
        let Some(first) = original.char_indices().find(|&(_, c)| normalize_char(c).is_some())
        else {
            return Normalized { text: Cow::Borrowed(original), map: None };
        };
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        text.push_str(&original[..first.0]);
        map.extend(0..first.0 as u32);
        for (i, c) in original[first.0..].char_indices() {
            let at = first.0 + i;
            let n = normalize_char(c).unwrap_or(c);
            for _ in 0..n.len_utf8() {
                map.push(at as u32);
            }
            text.push(n);
        }
        map.push(original.len() as u32);
        Normalized { text: Cow::Owned(text), map: Some(map) }
    }

    /// The normalised text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The original byte offset of normalised byte offset `i` (a char boundary or the end).
    #[inline]
    pub fn to_original(&self, i: usize) -> usize {
        match &self.map {
            None => i,
            Some(m) => m[i] as usize,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_back() {
        let orig = "ＯｐｅｎＡＩ融资１００亿美元，吉米•巴";
        let n = Normalized::new(orig);
        assert_eq!(n.text(), "OpenAI融资100亿美元，吉米·巴");
        let s = n.text().find("100").unwrap();
        let e = s + 3;
        assert_eq!(&orig[n.to_original(s)..n.to_original(e)], "１００");
        let s = n.text().find("吉米").unwrap();
        assert_eq!(&orig[n.to_original(s)..n.to_original(n.text().len())], "吉米•巴");
        assert!(matches!(Normalized::new("abc").text, Cow::Borrowed(_)));
    }
}
