//! Lexicon matches as entity candidates (person, org, product, title, location).

use super::{Candidate, Context, tier};

pub(crate) fn recognize(ctx: &Context, out: &mut Vec<Candidate>) {
    for hit in ctx.hits {
        let Some(entry) = ctx.lexicon.hit_entries(hit).next() else { continue };
        let Some(kind) = entry.kind.entity_kind() else { continue };
        if entry.is_ambiguous() {
            continue;
        }
        let mut c = Candidate::new(kind, hit.start, hit.end, tier::STRONG);
        if kind.is_named() {
            c = c.with_canonical(entry.name.clone());
        }
        out.push(c);
    }
}
