//! Stage 4: entity recognisers. Each rule family lives in its own file and adds
//! [`Candidate`]s; [`recognize_all`] runs them all and keeps the best non-overlapping set.
//!
//! Recognisers see the normalised text, its sentences and words, and every lexicon match
//! (found in one automaton scan before any recogniser runs).

pub(crate) mod date;
pub(crate) mod lexical;
pub(crate) mod measure;
pub(crate) mod money;
pub(crate) mod numeral;
pub(crate) mod org;
pub(crate) mod person;
pub(crate) mod product;

use crate::calendar::Date;
use crate::lexicon::{Hit, Lexicon};
use crate::model::{EntityKind, Value};
use crate::segment::{Segmenter, Tokens};
use crate::sentence::Sentence;

/// Everything a recogniser may look at.
pub(crate) struct Context<'a> {
    /// The normalised text.
    pub text: &'a str,
    /// Its sentences.
    pub sentences: &'a [Sentence],
    /// Its words.
    pub tokens: &'a Tokens,
    /// Every lexicon match, sorted by start, longest first.
    pub hits: &'a [Hit],
    /// The lexicons.
    pub lexicon: &'a Lexicon,
    /// The segmenter, for on-demand POS tagging of small windows.
    pub segmenter: &'a Segmenter,
    /// The date relative dates resolve against.
    pub reference_date: Option<Date>,
}

/// How much a candidate is trusted when it overlaps another: the higher tier wins, and
/// within a tier the longer span.
pub(crate) mod tier {
    /// A guess from weak evidence.
    pub const WEAK: u8 = 1;
    /// A rule with evidence (a title beside a name, an org suffix).
    pub const RULE: u8 = 2;
    /// A lexicon entry or a value grammar.
    pub const STRONG: u8 = 3;
    /// Must win (a parenthesised alias, a span a grammar parsed whole).
    pub const SURE: u8 = 4;
}

/// A possible entity: a byte range of the normalised text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Candidate {
    pub kind: EntityKind,
    pub start: usize,
    pub end: usize,
    pub value: Option<Value>,
    /// The canonical name, when the recogniser knows it (a lexicon entry).
    pub canonical: Option<String>,
    /// Trust tier, see [`tier`].
    pub tier: u8,
}

impl Candidate {
    pub(crate) fn new(kind: EntityKind, start: usize, end: usize, tier: u8) -> Candidate {
        Candidate { kind, start, end, value: None, canonical: None, tier }
    }

    pub(crate) fn with_value(mut self, value: Value) -> Candidate {
        self.value = Some(value);
        self
    }

    pub(crate) fn with_canonical(mut self, canonical: impl Into<String>) -> Candidate {
        self.canonical = Some(canonical.into());
        self
    }
}

/// Runs every recogniser and returns non-overlapping candidates sorted by start.
pub(crate) fn recognize_all(ctx: &Context) -> Vec<Candidate> {
    let mut cands = Vec::new();
    // the numerals, read once for both value recognisers
    let nums = numeral::scan_all(ctx.text);
    money::recognize(ctx, &nums, &mut cands);
    measure::recognize(ctx, &nums, &mut cands);
    date::recognize(ctx, &mut cands);
    lexical::recognize(ctx, &mut cands);
    person::recognize(ctx, &mut cands);
    org::recognize(ctx, &mut cands);
    product::recognize(ctx, &mut cands);
    resolve(cands)
}

/// Keeps the best non-overlapping candidates: higher tier first, then longer, then earlier.
pub(crate) fn resolve(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    cands.retain(|c| c.start < c.end);
    cands.sort_by(|a, b| {
        b.tier
            .cmp(&a.tier)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.start.cmp(&b.start))
            .then(a.kind.cmp(&b.kind))
    });
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut out = Vec::new();
    for c in cands {
        let i = taken.partition_point(|&(s, _)| s < c.start);
        let overlaps_prev = i > 0 && taken[i - 1].1 > c.start;
        let overlaps_next = i < taken.len() && taken[i].0 < c.end;
        if !overlaps_prev && !overlaps_next {
            taken.insert(i, (c.start, c.end));
            out.push(c);
        }
    }
    out.sort_by_key(|c| (c.start, c.end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_prefers_tier_then_length() {
        let c = |s, e, t| Candidate::new(EntityKind::Org, s, e, t);
        let out = resolve(vec![c(0, 6, tier::STRONG), c(0, 12, tier::STRONG), c(6, 9, tier::SURE)]);
        assert_eq!(out.iter().map(|c| (c.start, c.end)).collect::<Vec<_>>(), [(0, 6), (6, 9)]);
    }
}
