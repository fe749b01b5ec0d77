//! Person names beyond the lexicons, accepted on evidence: Chinese names (surname plus one or
//! two given characters) next to a title, a speech or career verb, an honorific, a
//! parenthesised Latin name or in a list with other people; transliterated names joined by
//! middle dots; Latin names in person context; nicknames (花名). A name found once is a
//! person wherever else the article writes it.

use std::sync::LazyLock;

use regex::Regex;

use super::lexical::{
    Occupied, RULES, ascii_matches, char_at, char_before, find_all, is_break, prefix_in, suffix_in,
};
use super::{Candidate, Context, tier};
use crate::model::EntityKind;
use crate::segment::is_han;

/// A capitalised Latin name of two or three words (Mark Chen, Reid Hoffman, Kim Ji-hoon).
static LATIN_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?(?: [A-Z][a-z]+(?:-[A-Za-z][a-z]+)?){1,2}")
        .expect("valid regex")
});

pub(crate) fn recognize(ctx: &Context, out: &mut Vec<Candidate>) {
    let mut found: Vec<Candidate> = Vec::new();
    dotted_names(ctx, &mut found);
    chinese_names(ctx, out, &mut found);
    latin_names(ctx, out, &mut found);
    nicknames(ctx, out, &mut found);
    list_neighbours(ctx, out, &mut found);
    propagate(ctx, out, &mut found);
    out.append(&mut found);
}

/// True when a title candidate ends at `i` (spaces, or a copula 为/是, between allowed).
fn title_ends_at(out: &[Candidate], text: &str, i: usize) -> bool {
    let head = text[..i].trim_end_matches(' ');
    let copula = head.strip_suffix('为').or_else(|| head.strip_suffix('是'));
    out.iter().any(|c| {
        c.kind == EntityKind::Title
            && (c.end == head.len() || copula.is_some_and(|h| c.end == h.len()))
    })
}

fn is_person_at(out: &[Candidate], found: &[Candidate], start: usize, end: usize) -> bool {
    out.iter()
        .chain(found)
        .any(|c| c.kind == EntityKind::Person && c.start == start && c.end == end)
}

/// Transliterated names: runs of transliteration characters joined by `·` (杰弗里·辛顿,
/// 大卫·刘: a Chinese surname may be the last part).
fn dotted_names(ctx: &Context, found: &mut Vec<Candidate>) {
    let text = ctx.text;
    let lex = ctx.lexicon;
    let mut search = 0;
    while let Some(k) = text[search..].find('·') {
        let dot = search + k;
        search = dot + '·'.len_utf8();
        if found.last().is_some_and(|c| c.end > dot) {
            continue; // a later dot of a name already taken whole
        }
        let left: Option<usize> = text[..dot]
            .char_indices()
            .rev()
            .take(6)
            .take_while(|&(_, c)| lex.is_translit_char(c))
            .last()
            .map(|(i, _)| i);
        let Some(start) = left else { continue };
        // The parts after the dot, possibly several (a·b·c).
        let mut end = dot;
        loop {
            let from = end + '·'.len_utf8();
            let run: usize = text[from..]
                .chars()
                .take(8)
                .take_while(|&c| lex.is_translit_char(c))
                .map(char::len_utf8)
                .sum();
            let run = if run == 0 {
                // A Chinese surname as the last part: 大卫·刘.
                match char_at(text, from) {
                    Some(c) if is_han(c) && lex.is_surname(&text[from..from + c.len_utf8()]) => {
                        c.len_utf8()
                    }
                    _ => 0,
                }
            } else {
                run
            };
            // A function character after the name is no part of it (米拉·穆拉蒂于2024年).
            let run = match text[from..from + run].chars().next_back() {
                Some(c) if run > 2 * c.len_utf8() && "于在和与的及是为".contains(c) => {
                    run - c.len_utf8()
                }
                _ => run,
            };
            if run == 0 {
                break;
            }
            end = from + run;
            if !text[end..].starts_with('·') {
                break;
            }
        }
        if end > dot {
            found.push(Candidate::new(EntityKind::Person, start, end, tier::STRONG));
        }
    }
}

/// The sentence index containing byte `i`.
fn sentence_of(ctx: &Context, i: usize) -> Option<usize> {
    let k = ctx.sentences.partition_point(|s| s.end <= i);
    ctx.sentences.get(k).filter(|s| s.start <= i).map(|_| k)
}

/// jieba's tag for the word exactly at `start..end` when it tags a window of a few words
/// around it (called only for out-of-dictionary name-shaped words). The window is only cut;
/// the tag of the word on its own is remembered in `memo` for the rest of the document.
fn tagged_nr<'t>(
    ctx: &Context<'t>,
    memo: &mut Vec<(&'t str, Option<bool>)>,
    start: usize,
    end: usize,
) -> bool {
    let Some(k) = sentence_of(ctx, start) else { return false };
    let s = ctx.sentences[k];
    let text: &'t str = ctx.text;
    // A window of a few words around the name is enough and keeps tagging cheap.
    let lo = text[s.start..start].char_indices().rev().nth(7).map_or(s.start, |(i, _)| s.start + i);
    let hi = text[end..s.end].char_indices().nth(8).map_or(s.end, |(i, _)| end + i);
    if !ctx.segmenter.cut_has(text, lo, hi, start, end) {
        return false;
    }
    let word = &text[start..end];
    let alone = match memo.iter().find(|(w, _)| *w == word) {
        Some(&(_, r)) => r,
        None => {
            let r = ctx.segmenter.tag_alone(word).map(|t| t.starts_with("nr"));
            memo.push((word, r));
            r
        }
    };
    alone.unwrap_or_else(|| {
        ctx.segmenter
            .tag(text, lo, hi)
            .iter()
            .any(|(a, b, t)| *a == start && *b == end && t.starts_with("nr"))
    })
}

/// The left side of a name vouched for only by jieba's tag must look like a clause start:
/// a break, a function character (的翟晓华) or a verb (是吴宇怀), not a time word (同日).
fn nr_left_context(ctx: &Context, titled: bool, i: usize) -> bool {
    if titled {
        return true;
    }
    match char_before(ctx.text, i) {
        None => true,
        Some(c) if is_break(c) || "的是和与及在对从向为由被将把了称说让给".contains(c) => {
            true
        }
        Some(_) => ctx.tokens.at(i - 1).is_some_and(|t| {
            t.end == i
                && ctx
                    .segmenter
                    .word_tag(&ctx.text[t.start..t.end])
                    .is_some_and(|g| g.starts_with('v'))
        }),
    }
}

/// True when the given-name characters `s` can be a given name.
fn given_ok(s: &str) -> bool {
    s.chars().all(|c| is_han(c) && !RULES.given_stop.contains(&c))
}

/// True when a name may end at `e`: the text ends, a break or a function character
/// follows, or a person-context word does.
fn right_boundary(text: &str, e: usize) -> bool {
    match char_at(text, e) {
        None => true,
        Some(c) => {
            is_break(c)
                || !is_han(c)
                || RULES.given_stop.contains(&c)
                || c == '和'
                || prefix_in(&RULES.person_after, &text[e..]).is_some()
        }
    }
}

/// A person-context word right after `e`, starting a word.
fn after_evidence(ctx: &Context, e: usize) -> bool {
    // An adverb or list closer may sit between the name and its verb (X共同创立, X等人表示).
    let e = e + prefix_in(&RULES.person_adverb, &ctx.text[e..]).map_or(0, str::len);
    let rest = &ctx.text[e..];
    match prefix_in(&RULES.person_after, rest) {
        Some(w) => {
            // The word must end where a word ends (称 but not 称号); jieba may glue the
            // name's last character to it (航在|加入), so its start is not checked.
            ctx.tokens.ends_word(e + w.len())
                || char_at(ctx.text, e + w.len()).is_none_or(|c| !is_han(c))
        }
        None => false,
    }
}

/// A parenthesised Latin name right after `e`: 庞若鸣(Ruoming Pang).
fn paren_latin_after(text: &str, e: usize) -> bool {
    let rest = &text[e..];
    let Some(inner) = rest.strip_prefix('(').or_else(|| rest.strip_prefix('（')) else {
        return false;
    };
    LATIN_NAME
        .find(inner)
        .is_some_and(|m| m.start() == 0 && inner[m.end()..].starts_with([')', '）']))
}

/// Byte maps of the named candidates already found: where one covers a byte, where one
/// starts, where a title ends. Built once so the per-character scan stays linear.
struct Marks {
    inside: Vec<bool>,
    starts: Vec<bool>,
    title_end: Vec<bool>,
}

impl Marks {
    fn new(len: usize, out: &[Candidate]) -> Marks {
        let mut m = Marks {
            inside: vec![false; len + 1],
            starts: vec![false; len + 1],
            title_end: vec![false; len + 1],
        };
        for o in out {
            if o.end > len {
                continue;
            }
            match o.kind {
                EntityKind::Person
                | EntityKind::Org
                | EntityKind::Product
                | EntityKind::Location => {
                    m.starts[o.start] = true;
                    for b in &mut m.inside[o.start + 1..o.end] {
                        *b = true;
                    }
                }
                EntityKind::Title => m.title_end[o.end] = true,
                _ => {}
            }
        }
        m
    }

    /// A title ends at `i` (spaces, or a copula 为/是, between allowed).
    fn title_before(&self, text: &str, i: usize) -> bool {
        let head = text[..i].trim_end_matches(' ');
        let copula = head.strip_suffix('为').or_else(|| head.strip_suffix('是'));
        self.title_end[head.len()] || copula.is_some_and(|h| self.title_end[h.len()])
    }
}

/// A cheap necessary condition for a name at `i` without a title before it: a name of two
/// to four characters there would need a person-context word or a bracket right after it, or
/// to be one word of three or four characters (jieba's name tag).
fn may_have_evidence(ctx: &Context, i: usize) -> bool {
    let text = ctx.text;
    // The end of the text after the name gives no such evidence.
    for (k, _) in text[i..].char_indices().skip(2).take(3) {
        let rest = &text[i + k..];
        let rest = &rest[prefix_in(&RULES.person_adverb, rest).map_or(0, str::len)..];
        if rest.starts_with(['(', '（']) || prefix_in(&RULES.person_after, rest).is_some() {
            return true;
        }
    }
    ctx.tokens
        .at(i)
        .is_some_and(|t| t.start == i && (3..=4).contains(&text[i..t.end].chars().count()))
}

/// Surname tests for one document, remembered in a small direct-mapped table: the same few
/// surname characters come up again and again, and hashing each lookup costs more than the
/// rest of the test.
struct SurnameCache {
    slots: Vec<(u64, bool)>,
}

impl SurnameCache {
    const SIZE: usize = 512;

    fn new() -> SurnameCache {
        SurnameCache { slots: vec![(0, false); Self::SIZE] }
    }

    /// `ctx.lexicon.is_surname(s)` for a one- or two-character `s`.
    fn is_surname(&mut self, ctx: &Context, s: &str) -> bool {
        let mut chars = s.chars();
        let (Some(a), b, None) = (chars.next(), chars.next(), chars.next()) else {
            return ctx.lexicon.is_surname(s);
        };
        // Key 0 marks an empty slot; a real key always has a nonzero first char.
        let key = (a as u64) << 32 | b.map_or(0, |b| b as u64);
        let slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 55) as usize % Self::SIZE;
        if self.slots[slot].0 == key {
            return self.slots[slot].1;
        }
        let v = ctx.lexicon.is_surname(s);
        self.slots[slot] = (key, v);
        v
    }
}

/// Chinese names: a surname (single or compound) and one or two given characters, on
/// evidence.
fn chinese_names<'t>(ctx: &Context<'t>, out: &[Candidate], found: &mut Vec<Candidate>) {
    let text = ctx.text;
    let r = &*RULES;
    let marks = Marks::new(text.len(), out);
    let mut memo = Vec::new();
    let mut surnames = SurnameCache::new();
    let mut skip_to = 0;
    for (i, c) in text.char_indices() {
        // Inside a lexicon name or place: not a name start.
        if i < skip_to || !is_han(c) || marks.inside[i] {
            continue;
        }
        if !ctx.lexicon.is_surname_start(c) {
            continue;
        }
        let title_before = marks.title_before(text, i)
            || suffix_in(&r.person_before, &text[..i]).is_some()
            || self_intro(text, i);
        if !title_before && !may_have_evidence(ctx, i) {
            continue;
        }
        let c_len = c.len_utf8();
        // Three-, two- and one-character surnames (长谷川, 欧阳, 王), longest first.
        let mut surname_lens = [0usize; 3];
        if let Some(c2) = char_at(text, i + c_len) {
            let l2 = c_len + c2.len_utf8();
            if is_han(c2) && surnames.is_surname(ctx, &text[i..i + l2]) {
                surname_lens[1] = l2;
            }
            if let Some(c3) = char_at(text, i + l2)
                && is_han(c2)
                && is_han(c3)
                && ctx.lexicon.is_surname(&text[i..i + l2 + c3.len_utf8()])
            {
                surname_lens[0] = l2 + c3.len_utf8();
            }
        }
        if surnames.is_surname(ctx, &text[i..i + c_len]) {
            surname_lens[2] = c_len;
        }
        if surname_lens == [0, 0, 0] {
            continue;
        }
        // A part of a dotted name (马修·加拉格尔, 大卫·刘) is no Chinese name: the dotted
        // name is taken whole.
        if char_before(text, i) == Some('·') {
            continue;
        }
        let before_ok = title_before || char_before(text, i).is_none_or(|p| !is_han(p));
        let starts = ctx.tokens.starts_word(i);
        let mut accepted = None;
        'outer: for sl in surname_lens.into_iter().filter(|&l| l > 0) {
            let weak_surname = sl == c_len && r.surname_weak.contains(&c);
            for g in [2usize, 1] {
                let given_start = i + sl;
                let mut given_chars = text[given_start..].chars().take(g);
                let given: usize = given_chars.by_ref().map(char::len_utf8).sum();
                if text[given_start..given_start + given].chars().count() != g {
                    continue;
                }
                let e = given_start + given;
                // 元 ends amounts (亿元) but is a given name after a title: 总编室的王元.
                let given = &text[given_start..e];
                let given_fine = given_ok(given)
                    || title_before
                        && given
                            .chars()
                            .all(|c| c == '元' || is_han(c) && !RULES.given_stop.contains(&c));
                if !given_fine {
                    continue;
                }
                // The name must not run into a lexicon entity.
                if (i..e).any(|b| marks.starts[b]) {
                    continue;
                }
                if text[e..].starts_with('·') || !given_boundary_ok(ctx, i, given_start, e, g) {
                    continue;
                }
                // Evidence first (cheap), dictionary checks only when there is some.
                let after = !weak_surname && after_evidence(ctx, e);
                let titled = !weak_surname
                    && title_before
                    && (right_boundary(text, e)
                        || g == 2 && word_after(ctx, i, e)
                        || g == 1
                            && (word_after(ctx, i, e) && !translit_run(ctx, i, e)
                                || common_pair_at(ctx, e)
                                || verb_aspect_at(text, e)));
                let paren = paren_latin_after(text, e) && (starts || before_ok);
                let name = &text[i..e];
                let accept = (after && (starts || before_ok))
                    || titled
                    || paren
                    || (g == 2
                        && !weak_surname
                        && starts
                        && !text[e..].starts_with(['(', '（'])
                        && ctx.tokens.at(i).is_some_and(|t| t.start == i && t.end == e)
                        && nr_left_context(ctx, title_before, i)
                        && !ctx.segmenter.is_word(name)
                        && tagged_nr(ctx, &mut memo, i, e));
                if !accept {
                    continue;
                }
                // A dictionary word (方面, 高度; jieba even tags 顾客 as a name) is not a
                // person unless a title vouches for it.
                if ctx.segmenter.is_word(name)
                    && !(titled
                        && ctx.segmenter.word_tag(name).is_some_and(|t| t.starts_with("nr")))
                {
                    continue;
                }
                let strong = titled || paren;
                // A place word (罗博河, 中山路) looks like a name to jieba: one ending in
                // 河/路/桥 needs context (a title, a verb after it, a Latin alias).
                // A name-shaped word before a place noun names the place (林达海渔广场).
                if !strong && place_follows(text, e) {
                    continue;
                }
                // A one-character given name like 中 (信中, 文中: "in the letter") needs a
                // title or an alias.
                if g == 1 && !strong && given.chars().all(|c| r.given_weak.contains(&c)) {
                    continue;
                }
                let by_context = (after && (starts || before_ok)) || titled || paren;
                if !by_context
                    && name.chars().next_back().is_some_and(|c| r.given_last_stop.contains(&c))
                {
                    continue;
                }
                accepted = Some((e, if strong { tier::STRONG } else { tier::RULE }));
                break 'outer;
            }
        }
        if let Some((e, t)) = accepted {
            found.push(Candidate::new(EntityKind::Person, i, e, t));
            skip_to = e;
        }
    }
}

/// True when the given name `given_start..e` (of `g` characters) of a name starting at `i`
/// has a plausible right edge: no adverb or list closer (共同, 等人) starts inside it, and a
/// two-character given name does not take a character that begins a common word with the
/// next one (班宇|生于, 石媛|昨日) or a verb before an aspect particle (崔恺|出了), unless
/// jieba takes the whole name as one word.
fn given_boundary_ok(ctx: &Context, i: usize, given_start: usize, e: usize, g: usize) -> bool {
    let text = ctx.text;
    let mut k = given_start;
    while k < e {
        if prefix_in(&RULES.person_adverb, &text[k..]).is_some() {
            return false;
        }
        k += char_at(text, k).map_or(1, char::len_utf8);
    }
    if g < 2 {
        return true;
    }
    // A given name that is a common verb (任|执行, 来|宣布), or a surname glued by jieba to
    // the first given character into a common word (计划|中), is no name.
    let given = &text[given_start..e];
    let whole = ctx.tokens.at(i).is_some_and(|t| t.start == i && t.end == e);
    let common = |w: &str| {
        ctx.segmenter.word_freq(w) >= COMMON_PAIR_FREQ
            && ctx.segmenter.word_tag(w).is_some_and(|t| !t.starts_with("nr"))
    };
    if !whole && ctx.segmenter.word_tag(given).is_some_and(|t| t.starts_with('v')) && common(given)
    {
        return false;
    }
    if let Some(f) = given.chars().next() {
        let head = given_start + f.len_utf8();
        // Only for the rarer surnames: 余家辉, 许多 are left to the other tests.
        if ctx.tokens.at(i).is_some_and(|t| t.start == i && t.end == head)
            && common(&text[i..head])
            && ctx.lexicon.surname_freq(&text[i..given_start]) != Some("high")
        {
            return false;
        }
    }
    let Some(last) = given.chars().next_back() else { return true };
    if text[e..].starts_with(['了', '着', '过']) {
        return false;
    }
    // A person-context word right after the full name wins over a pair (杨国华|表示, not
    // 华表).
    whole
        || prefix_in(&RULES.person_after, &text[e..]).is_some()
        || !common_pair_at(ctx, e - last.len_utf8())
}

/// True when `i..e` and the character after it are all transliteration characters: a
/// foreign name cut short (沃尔|贝克), not a Chinese name.
fn translit_run(ctx: &Context, i: usize, e: usize) -> bool {
    ctx.text[i..]
        .chars()
        .take(ctx.text[i..e].chars().count() + 1)
        .all(|c| ctx.lexicon.is_translit_char(c))
}

/// True when a verb with an aspect particle follows at `e` (出了, 看过).
fn verb_aspect_at(text: &str, e: usize) -> bool {
    let mut cs = text[e..].chars();
    cs.next().is_some_and(is_han) && cs.next().is_some_and(|c| "了着过".contains(c))
}

/// True when the character at `k` and the next one form a common two-character word (生于,
/// 昨日, 出任).
fn common_pair_at(ctx: &Context, k: usize) -> bool {
    let text = ctx.text;
    let mut cs = text[k..].char_indices();
    let (Some((_, a)), Some((l, b))) = (cs.next(), cs.next()) else { return false };
    if !is_han(a) || !is_han(b) {
        return false;
    }
    let pair = &text[k..k + l + b.len_utf8()];
    ctx.segmenter.is_word(pair)
        && ctx.segmenter.word_freq(pair) >= COMMON_PAIR_FREQ
        && ctx.segmenter.word_tag(pair).is_none_or(|t| !t.starts_with("nr"))
}

/// The jieba frequency from which a two-character word is common enough that a name does not
/// end inside it.
const COMMON_PAIR_FREQ: usize = 300;

/// True when a word starts right after a name ending at `e` and no word of the text runs
/// from inside the name across `e` (闫大为|介绍 but not 闫大|为…).
fn word_after(ctx: &Context, i: usize, e: usize) -> bool {
    char_at(ctx.text, e).is_some_and(is_han)
        && ctx.tokens.starts_word(e)
        && ctx.tokens.at(e - 1).is_none_or(|t| t.end <= e || t.start < i)
}

/// True when `…的` before byte `i` closes a self-introduction in the same clause:
/// 我是新浪乐居总编室的王元.
fn self_intro(text: &str, i: usize) -> bool {
    let Some(head) = text[..i].strip_suffix('的') else { return false };
    let clause: String = head
        .chars()
        .rev()
        .take_while(|&c| !is_break(c))
        .take(24)
        .collect::<Vec<char>>()
        .into_iter()
        .rev()
        .collect();
    ["我是", "我叫", "我们是"].iter().any(|w| clause.starts_with(w))
}

/// True when a place noun (广场, 大厦) begins within the two characters after `e`.
fn place_follows(text: &str, e: usize) -> bool {
    text[e..]
        .char_indices()
        .take(3)
        .take_while(|&(_, c)| is_han(c))
        .any(|(k, _)| prefix_in(&RULES.place_after, &text[e + k..]).is_some())
}

/// Latin names in person context: after a title, before a person-context word, in
/// parentheses after a person, or in a list with people.
fn latin_names(ctx: &Context, out: &[Candidate], found: &mut Vec<Candidate>) {
    let text = ctx.text;
    for (s, e) in ascii_matches(&LATIN_NAME, text) {
        if char_before(text, s).is_some_and(|c| c.is_ascii_alphanumeric())
            || char_at(text, e).is_some_and(|c| c.is_ascii_alphanumeric())
        {
            continue;
        }
        // Lexicon names (orgs, products) win.
        if out.iter().any(|o| o.start < e && s < o.end && o.kind != EntityKind::Title) {
            continue;
        }
        let before = text[..s].trim_end_matches(' ');
        let in_parens = (before.ends_with('(') || before.ends_with('（'))
            && text[e..].starts_with([')', '）'])
            && {
                let b = before.len() - before.chars().next_back().map_or(0, char::len_utf8);
                out.iter().chain(found.iter()).any(|c| c.kind == EntityKind::Person && c.end == b)
            };
        let listed = ["、", "和", "与"].iter().any(|sep| {
            before.ends_with(sep)
                && out
                    .iter()
                    .chain(found.iter())
                    .any(|c| c.kind == EntityKind::Person && c.end == before.len() - sep.len())
        });
        if title_ends_at(out, text, s) || in_parens || after_evidence(ctx, e) || listed {
            found.push(Candidate::new(EntityKind::Person, s, e, tier::RULE));
        }
    }
}

/// Nicknames (花名): `花名“青鸟”` after a person, `花名为无招的陈航` before one. The
/// nickname is a person mention with the legal name as canonical.
fn nicknames(ctx: &Context, out: &[Candidate], found: &mut Vec<Candidate>) {
    let text = ctx.text;
    for (k, _) in text.match_indices("花名") {
        let mut i = k + "花名".len();
        for w in ["为", "是", "叫", ":", "：", "“", "\"", "「"] {
            if text[i..].starts_with(w) {
                i += w.len();
            }
        }
        for w in ["“", "\"", "「"] {
            if text[i..].starts_with(w) {
                i += w.len();
            }
        }
        let len: usize = text[i..]
            .chars()
            .take(5)
            .take_while(|&c| is_han(c) && c != '的')
            .map(char::len_utf8)
            .sum();
        let n = text[i..i + len].chars().count();
        if !(2..=4).contains(&n) {
            continue;
        }
        let e = i + len;
        // The legal name: the nearest person before in the sentence, or right after 的.
        let sent = sentence_of(ctx, k).map(|j| ctx.sentences[j]);
        let all = || out.iter().chain(found.iter()).filter(|c| c.kind == EntityKind::Person);
        let legal = all()
            .filter(|c| c.end <= k && sent.is_none_or(|s| c.start >= s.start))
            .max_by_key(|c| c.end)
            .or_else(|| {
                let j = e + if text[e..].starts_with('的') { '的'.len_utf8() } else { 0 };
                all().find(|c| c.start == j)
            })
            .map(|c| c.canonical.clone().unwrap_or_else(|| text[c.start..c.end].to_string()));
        let Some(legal) = legal else { continue };
        found.push(Candidate::new(EntityKind::Person, i, e, tier::RULE).with_canonical(legal));
    }
}

/// In a list `A、B和C`, a Chinese-name-shaped item next to a person is a person too.
fn list_neighbours(ctx: &Context, out: &[Candidate], found: &mut Vec<Candidate>) {
    let text = ctx.text;
    let mut add = Vec::new();
    for p in out.iter().chain(found.iter()).filter(|c| c.kind == EntityKind::Person) {
        for sep in ["、", "和", "与"] {
            if text[p.end..].starts_with(sep) {
                let s = p.end + sep.len();
                if let Some(e) = name_shape(ctx, s) {
                    if !is_person_at(out, found, s, e) && !overlaps_any(out, found, s, e) {
                        add.push(Candidate::new(EntityKind::Person, s, e, tier::WEAK));
                    }
                }
            }
        }
    }
    found.append(&mut add);
}

fn overlaps_any(out: &[Candidate], found: &[Candidate], s: usize, e: usize) -> bool {
    out.iter().chain(found).any(|c| c.start < e && s < c.end && c.kind != EntityKind::Title)
}

/// A Chinese name (surname + one or two given characters) at `s` ending at a boundary.
fn name_shape(ctx: &Context, s: usize) -> Option<usize> {
    let text = ctx.text;
    let c = char_at(text, s)?;
    if !ctx.lexicon.is_surname(&text[s..s + c.len_utf8()]) {
        return None;
    }
    for g in [2usize, 1] {
        let gs = s + c.len_utf8();
        if text[gs..].chars().take(g).count() != g {
            continue;
        }
        let e = gs + text[gs..].chars().take(g).map(char::len_utf8).sum::<usize>();
        if given_ok(&text[gs..e])
            && char_at(text, e).is_none_or(|c| is_break(c) || RULES.given_stop.contains(&c))
            && ctx.segmenter.word_tag(&text[s..e]).is_none_or(|t| t.starts_with("nr"))
        {
            return Some(e);
        }
    }
    None
}

/// A name found with evidence is a person wherever else the article writes it; the parts
/// of a dotted name (伊尔亚, 罗西) are short forms of it.
fn propagate(ctx: &Context, out: &[Candidate], found: &mut Vec<Candidate>) {
    let text = ctx.text;
    let mut names: Vec<(String, Option<String>)> = Vec::new();
    for c in found.iter() {
        let s = &text[c.start..c.end];
        if !names.iter().any(|(n, _)| n == s) {
            names.push((s.to_string(), c.canonical.clone()));
        }
        if s.contains('·') {
            for part in [s.split('·').next(), s.rsplit('·').next()].into_iter().flatten() {
                if part.chars().count() >= 2 && !names.iter().any(|(n, _)| n == part) {
                    names.push((part.to_string(), Some(s.to_string())));
                }
            }
        }
    }
    let mut add = Vec::new();
    let mut occ = Occupied::new(text.len(), out.iter().chain(found.iter()), false);
    let plain: Vec<&str> = names.iter().map(|(n, _)| n.as_str()).collect();
    for (i, k) in find_all(text, &plain) {
        let (name, canon) = &names[i];
        {
            let e = k + name.len();
            if occ.any(k, e) {
                continue;
            }
            // Not the middle of a longer word or name.
            let ascii_edge = |c: char| c.is_ascii_alphanumeric() && name.is_ascii();
            if char_before(text, k).is_some_and(|c| c == '·' || ascii_edge(c))
                || char_at(text, e).is_some_and(|c| c == '·' || ascii_edge(c))
            {
                continue;
            }
            let short = name.chars().count() <= 2;
            if short && !(ctx.tokens.aligned(k, e) || right_boundary(text, e)) {
                continue;
            }
            occ.mark(k, e);
            let mut c = Candidate::new(EntityKind::Person, k, e, tier::RULE);
            if let Some(canon) = canon {
                c = c.with_canonical(canon.clone());
            }
            add.push(c);
        }
    }
    found.append(&mut add);
}
