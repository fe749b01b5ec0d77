//! Person names beyond the lexicons: Chinese names on evidence, transliterated names joined
//! by middle dots, Latin names in person context.

use super::{Candidate, Context, tier};
use crate::model::EntityKind;

pub(crate) fn recognize(ctx: &Context, out: &mut Vec<Candidate>) {
    // Transliterated names: two or more runs of transliteration characters joined by `·`.
    let text = ctx.text;
    let mut search = 0;
    while let Some(k) = text[search..].find('·') {
        let dot = search + k;
        search = dot + '·'.len_utf8();
        let left = text[..dot]
            .char_indices()
            .rev()
            .take_while(|&(_, c)| ctx.lexicon.is_translit_char(c))
            .last()
            .map(|(i, _)| i);
        let right_len: usize = text[search..]
            .chars()
            .take_while(|&c| ctx.lexicon.is_translit_char(c))
            .map(char::len_utf8)
            .sum();
        if let (Some(start), true) = (left, right_len > 0) {
            out.push(Candidate::new(EntityKind::Person, start, search + right_len, tier::RULE));
        }
    }
}
