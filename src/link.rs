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
    for c in cands {
        let surface = &text[c.start..c.end];
        let canonical = if c.kind.is_named() {
            let mut canon = c.canonical.unwrap_or_else(|| surface.to_string());
            // A short form of a name mentioned earlier in the article (伊尔亚 → 伊尔亚·苏茨克维,
            // 霍夫曼 → 马库斯·霍夫曼): the article's own full name beats a lexicon guess.
            if c.kind == EntityKind::Person && !surface.contains('·') {
                let part_of = |n: &str| {
                    n.len() > surface.len()
                        && (n.strip_prefix(surface).is_some_and(|r| r.starts_with('·'))
                            || n.strip_suffix(surface).is_some_and(|r| r.ends_with('·')))
                };
                if let Some(full) = out.iter().rev().find(|p| {
                    p.kind == EntityKind::Person
                        && (part_of(&text[p.start..p.end])
                            || p.canonical
                                .as_deref()
                                .is_some_and(|n| n.contains('·') && part_of(n)))
                }) {
                    canon = full.canonical.clone().unwrap_or(canon);
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
