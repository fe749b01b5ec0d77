//! Products beyond the lexicons: model codes after a brand or a product category (理想|L6,
//! SUV S9), quoted names beside a product category (助手“岚语”, “岚芯”智驾芯片), and every
//! other mention of a product so found.

use std::sync::LazyLock;

use regex::Regex;

use super::lexical::{Occupied, RULES, ascii_matches, char_at, char_before, suffix_in};
use super::{Candidate, Context, tier};
use crate::model::EntityKind;
use crate::segment::is_han;

/// A model code: S9, SU7, X1, M7 Pro is left to the lexicon.
static MODEL_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-Z]{1,3}[0-9]{1,4}[a-z]?").expect("valid regex"));

pub(crate) fn recognize(ctx: &Context, out: &mut Vec<Candidate>) {
    let mut found: Vec<Candidate> = Vec::new();
    model_codes(ctx, out, &mut found);
    quoted(ctx, out, &mut found);
    propagate(ctx, out, &mut found);
    out.append(&mut found);
}

fn overlaps(out: &[Candidate], found: &[Candidate], s: usize, e: usize) -> bool {
    out.iter().chain(found).any(|c| c.start < e && s < c.end)
}

/// Model codes right after a brand (an org) or a product category noun.
fn model_codes(ctx: &Context, out: &[Candidate], found: &mut Vec<Candidate>) {
    let text = ctx.text;
    for (s, e) in ascii_matches(&MODEL_CODE, text) {
        if char_before(text, s).is_some_and(|c| c.is_ascii_alphanumeric() || c == '-')
            || char_at(text, e).is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
        {
            continue;
        }
        if overlaps(out, found, s, e) {
            continue;
        }
        let head = text[..s].trim_end_matches(' ');
        let after_brand = out.iter().any(|c| c.kind == EntityKind::Org && c.end == s);
        let after_category = suffix_in(&RULES.product_category, head).is_some();
        if after_brand || after_category {
            found.push(Candidate::new(EntityKind::Product, s, e, tier::RULE));
        }
    }
}

/// A quoted name beside a product category: 助手“岚语”, “岚芯”智驾芯片, 产品“语芯X1”.
fn quoted(ctx: &Context, out: &[Candidate], found: &mut Vec<Candidate>) {
    let text = ctx.text;
    for (k, q) in text.match_indices(['“', '"', '「']) {
        let close = match q {
            "“" => '”',
            "「" => '」',
            _ => '"',
        };
        let s = k + q.len();
        let Some(len) = text[s..].find(close) else { continue };
        let e = s + len;
        let name = &text[s..e];
        let n = name.chars().count();
        if !(2..=10).contains(&n)
            || !name.chars().all(|c| is_han(c) || c.is_ascii_alphanumeric() || c == '-')
            || ctx.segmenter.is_word(name)
            // A slogan, not a name: it holds function characters (越强越贵, 不可能三角).
            || name.chars().any(|c| RULES.surname_weak.contains(&c))
        {
            continue;
        }
        if overlaps(out, found, s, e) {
            continue;
        }
        let before = &text[..k];
        let after: String = text[e + close.len_utf8()..].chars().take(6).collect();
        let cat_before = suffix_in(&RULES.product_category, before).is_some();
        let cat_after = RULES
            .product_category
            .iter()
            .any(|w| after.find(w.as_str()).is_some_and(|i| after[..i].chars().all(is_han)));
        if cat_before || cat_after {
            found.push(Candidate::new(EntityKind::Product, s, e, tier::RULE));
        }
    }
}

/// Every other standalone mention of a product found by rule.
fn propagate(ctx: &Context, out: &[Candidate], found: &mut Vec<Candidate>) {
    let text = ctx.text;
    let mut names: Vec<&str> = Vec::new();
    for c in found.iter() {
        let n = &text[c.start..c.end];
        if !names.contains(&n) {
            names.push(n);
        }
    }
    let mut add: Vec<Candidate> = Vec::new();
    let mut occ = Occupied::new(text.len(), out.iter().chain(found.iter()), true);
    for name in names {
        for (k, _) in text.match_indices(name) {
            let e = k + name.len();
            let edge = |c: char| c.is_ascii_alphanumeric() || c == '-';
            if char_before(text, k).is_some_and(edge) || char_at(text, e).is_some_and(edge) {
                continue;
            }
            if occ.any(k, e) {
                continue;
            }
            occ.mark(k, e);
            add.push(Candidate::new(EntityKind::Product, k, e, tier::RULE));
        }
    }
    found.append(&mut add);
}
