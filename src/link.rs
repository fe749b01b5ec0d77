//! Stage 5: alias linking. Every mention of one entity gets one canonical name; `aliases`
//! lists the other names the document uses for it.

use std::collections::HashMap;

use crate::model::{EntityKind, Value};
use crate::recognize::Candidate;

/// An entity after linking: a byte range of the normalised text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Linked {
    pub kind: EntityKind,
    pub start: usize,
    pub end: usize,
    pub value: Option<Value>,
    pub canonical: Option<String>,
    pub aliases: Vec<String>,
}

/// Links candidates (sorted by start) to canonical names.
pub(crate) fn link(text: &str, cands: Vec<Candidate>) -> Vec<Linked> {
    let mut out: Vec<Linked> = Vec::with_capacity(cands.len());
    // The first and last parts of every dotted person name seen so far (surface or
    // canonical), each mapped to the canonical of the latest mention: a lookup per
    // mention instead of a scan over all earlier ones.
    let mut dotted_parts: HashMap<String, Option<String>> = HashMap::new();
    for c in cands {
        let surface = &text[c.start..c.end];
        let canonical = if c.kind.is_named() {
            let mut canon = c.canonical.unwrap_or_else(|| surface.to_string());
            // A short form of a name mentioned earlier in the article (伊尔亚 → 伊尔亚·苏茨克维,
            // 霍夫曼 → 马库斯·霍夫曼): the article's own full name beats a lexicon guess.
            if c.kind == EntityKind::Person && !surface.contains('·') {
                if let Some(full) = dotted_parts.get(surface) {
                    canon = full.clone().unwrap_or(canon);
                }
            }
            // A Latin name in parentheses right after a name is the same entity.
            if let Some(prev) = out.last() {
                let between = &text[prev.end..c.start];
                if prev.kind == c.kind
                    && matches!(between, "(" | "（")
                    && text[c.end..].starts_with([')', '）'])
                {
                    canon = prev.canonical.clone().unwrap_or(canon);
                }
            }
            Some(canon)
        } else {
            None
        };
        if c.kind == EntityKind::Person {
            for name in [Some(surface), canonical.as_deref()].into_iter().flatten() {
                if let (Some((first, _)), Some((_, last))) =
                    (name.split_once('·'), name.rsplit_once('·'))
                {
                    for part in [first, last] {
                        if !part.is_empty() {
                            dotted_parts.insert(part.to_string(), canonical.clone());
                        }
                    }
                }
            }
        }
        out.push(Linked {
            kind: c.kind,
            start: c.start,
            end: c.end,
            value: c.value,
            canonical,
            aliases: Vec::new(),
        });
    }
    // Aliases: the other surface forms each canonical name has in this document.
    let mut forms: HashMap<(EntityKind, String), Vec<String>> = HashMap::new();
    for e in &out {
        if let Some(canon) = &e.canonical {
            let surface = &text[e.start..e.end];
            let list = forms.entry((e.kind, canon.clone())).or_default();
            if surface != canon && !list.iter().any(|f| f == surface) {
                list.push(surface.to_string());
            }
        }
    }
    for e in &mut out {
        if let Some(canon) = &e.canonical {
            if let Some(list) = forms.get(&(e.kind, canon.clone())) {
                e.aliases = list.clone();
            }
        }
    }
    out
}
