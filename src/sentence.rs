//! Stage 2: split the normalised text into sentences, as SPEC.md defines them: a sentence
//! ends after 。！？!? (with any closing quotes or brackets) and at line breaks. Leading
//! and trailing whitespace is not part of a sentence.

/// A sentence: byte range of the normalised text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
}

fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '｡')
}

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '’' | '」' | '』' | '）' | ')' | '】' | '》' | '"' | '\'' | '〕' | '］' | ']')
}

/// Splits `text` into sentences.
pub fn split(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = if c == '\n' || c == '\r' {
            Some((i, i + c.len_utf8()))
        } else if is_terminal(c) {
            let mut e = i + c.len_utf8();
            while let Some(&(j, d)) = chars.peek() {
                if is_terminal(d) || is_closer(d) {
                    e = j + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            Some((e, e))
        } else {
            None
        };
        if let Some((e, next)) = end {
            push_trimmed(text, start, e, &mut out);
            start = next;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Sentence>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        out.push(Sentence { start: start + lead, end: start + lead + trimmed.len() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits() {
        let t = "他说：“好。”然后走了！ 第二段\n\n第三句?结束";
        let s: Vec<&str> = split(t).iter().map(|s| &t[s.start..s.end]).collect();
        assert_eq!(s, ["他说：“好。”", "然后走了！", "第二段", "第三句?", "结束"]);
        assert!(split("  \n ").is_empty());
    }
}
