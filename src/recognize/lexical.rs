//! Lexicon matches as entity candidates (person, org, product, title, location), decided per
//! mention: ambiguous names need supporting context, `also=` entries take the kind their
//! context shows, short Han matches must not cut a word in two, adjacent places merge, and
//! bare occupations are titles only when attached to an organisation or a post verb.
//!
//! Also home of [`NameRules`], the small rule tables (`lexicons/name_rules.tsv`) the name
//! recognisers share, and of the text helpers they use.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::{Candidate, Context, tier};
use crate::lexicon::{Entry, Hit, LexKind};
use crate::model::EntityKind;
use crate::segment::is_han;

/// A word list for longest-prefix and longest-suffix tests: the words longest first, with
/// the positions of the words that begin (end) with each character, so a test looks only at
/// words that can match. Derefs to the words.
#[derive(Debug, Default)]
pub(crate) struct WordList {
    words: Vec<String>,
    /// Sorted by character; the word indices keep the longest-first order.
    by_first: Vec<(char, Vec<u32>)>,
    by_last: Vec<(char, Vec<u32>)>,
}

impl WordList {
    fn push(&mut self, w: String) {
        self.words.push(w);
    }

    /// Sorts the words longest first (stable) and builds the character indexes.
    fn finish(&mut self) {
        self.words.sort_by_key(|w| std::cmp::Reverse(w.len()));
        let index = |key: fn(&str) -> Option<char>| {
            let mut v: Vec<(char, Vec<u32>)> = Vec::new();
            for (i, w) in self.words.iter().enumerate() {
                let Some(c) = key(w) else { continue };
                match v.binary_search_by_key(&c, |(k, _)| *k) {
                    Ok(j) => v[j].1.push(i as u32),
                    Err(j) => v.insert(j, (c, vec![i as u32])),
                }
            }
            v
        };
        self.by_first = index(|w| w.chars().next());
        self.by_last = index(|w| w.chars().next_back());
    }

    fn bucket(index: &[(char, Vec<u32>)], c: Option<char>) -> &[u32] {
        c.and_then(|c| index.binary_search_by_key(&c, |(k, _)| *k).ok())
            .map_or(&[], |j| index[j].1.as_slice())
    }

    /// Every word `s` starts with, longest first.
    pub(crate) fn prefixes<'a, 's>(
        &'a self,
        s: &'s str,
    ) -> impl Iterator<Item = &'a str> + use<'a, 's> {
        Self::bucket(&self.by_first, s.chars().next())
            .iter()
            .map(|&i| self.words[i as usize].as_str())
            .filter(move |w| s.starts_with(w))
    }

    /// The longest word `s` starts with.
    pub(crate) fn prefix(&self, s: &str) -> Option<&str> {
        self.prefixes(s).next()
    }

    /// The longest word `s` ends with.
    pub(crate) fn suffix(&self, s: &str) -> Option<&str> {
        Self::bucket(&self.by_last, s.chars().next_back())
            .iter()
            .map(|&i| self.words[i as usize].as_str())
            .find(|w| s.ends_with(w))
    }

    /// True when `w` is one of the words.
    pub(crate) fn has(&self, w: &str) -> bool {
        Self::bucket(&self.by_first, w.chars().next()).iter().any(|&i| self.words[i as usize] == w)
    }
}

impl std::ops::Deref for WordList {
    type Target = [String];
    fn deref(&self) -> &[String] {
        &self.words
    }
}

/// A set of characters: a bitmap over the BMP below U+A000 (Han and ASCII), a sorted list
/// for the rest. Cheaper than hashing on per-character hot paths.
#[derive(Debug, Default)]
pub(crate) struct CharSet {
    bits: Vec<u64>,
    rest: Vec<char>,
}

impl CharSet {
    const LIMIT: u32 = 0xA000;

    pub(crate) fn insert(&mut self, c: char) {
        let k = c as u32;
        if k < Self::LIMIT {
            if self.bits.is_empty() {
                self.bits = vec![0; (Self::LIMIT / 64) as usize];
            }
            self.bits[(k / 64) as usize] |= 1 << (k % 64);
        } else if let Err(j) = self.rest.binary_search(&c) {
            self.rest.insert(j, c);
        }
    }

    pub(crate) fn extend(&mut self, cs: impl IntoIterator<Item = char>) {
        for c in cs {
            self.insert(c);
        }
    }

    #[inline]
    pub(crate) fn contains(&self, c: &char) -> bool {
        let k = *c as u32;
        if k < Self::LIMIT {
            self.bits.get((k / 64) as usize).is_some_and(|b| b & (1 << (k % 64)) != 0)
        } else {
            self.rest.binary_search(c).is_ok()
        }
    }
}

impl FromIterator<char> for CharSet {
    fn from_iter<I: IntoIterator<Item = char>>(iter: I) -> CharSet {
        let mut s = CharSet::default();
        s.extend(iter);
        s
    }
}

/// The rule words of `lexicons/name_rules.tsv` (format documented at its top).
#[derive(Debug, Default)]
pub(crate) struct NameRules {
    pub person_after: WordList,
    pub person_before: WordList,
    pub person_adverb: WordList,
    pub given_weak: CharSet,
    pub place_after: WordList,
    pub honorific: WordList,
    pub given_stop: CharSet,
    pub given_last_stop: CharSet,
    pub surname_weak: CharSet,
    pub org_suffix: WordList,
    pub org_suffix_first: CharSet,
    pub org_weak_suffix: Vec<String>,
    pub org_marker: WordList,
    pub latin_generic: HashSet<String>,
    pub org_generic: HashSet<String>,
    pub org_place_ok: WordList,
    pub org_before: WordList,
    pub org_after: WordList,
    pub org_left: WordList,
    pub title_unit: WordList,
    pub title_generic: HashSet<String>,
    pub title_verb: WordList,
    pub title_tenure: WordList,
    pub title_head: WordList,
    pub demonym_suffix: WordList,
    pub publication_cue: WordList,
    pub product_category: WordList,
    pub org_business: WordList,
    pub org_latin_tail: HashSet<String>,
}

impl NameRules {
    pub(crate) fn parse(src: &str) -> NameRules {
        let mut r = NameRules::default();
        for line in src.lines() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((rule, word)) = line.split_once('\t') else { continue };
            let word = word.trim();
            if word.is_empty() {
                continue;
            }
            let w = word.to_string();
            match rule.trim() {
                "person_after" => r.person_after.push(w),
                "person_before" => r.person_before.push(w),
                "person_adverb" => r.person_adverb.push(w),
                "given_weak" => r.given_weak.extend(word.chars()),
                "place_after" => r.place_after.push(w),
                "honorific" => r.honorific.push(w),
                "given_stop" => r.given_stop.extend(word.chars()),
                "given_last_stop" => r.given_last_stop.extend(word.chars()),
                "surname_weak" => r.surname_weak.extend(word.chars()),
                "org_suffix" => r.org_suffix.push(w),
                "org_generic" => {
                    r.org_generic.insert(w);
                }
                "org_place_ok" => r.org_place_ok.push(w),
                "org_before" => r.org_before.push(w),
                "org_after" => r.org_after.push(w),
                "org_left" => r.org_left.push(w),
                "org_weak_suffix" => r.org_weak_suffix.push(w),
                "org_marker" => r.org_marker.push(w),
                "latin_generic" => {
                    r.latin_generic.insert(w);
                }
                "title_unit" => r.title_unit.push(w),
                "title_generic" => {
                    r.title_generic.insert(w);
                }
                "title_verb" => r.title_verb.push(w),
                "title_tenure" => r.title_tenure.push(w),
                "title_head" => r.title_head.push(w),
                "demonym_suffix" => r.demonym_suffix.push(w),
                "publication_cue" => r.publication_cue.push(w),
                "product_category" => r.product_category.push(w),
                "org_business" => r.org_business.push(w),
                "org_latin_tail" => {
                    r.org_latin_tail.insert(w);
                }
                _ => {}
            }
        }
        r.org_suffix_first = r.org_suffix.iter().filter_map(|w| w.chars().next()).collect();
        // Longest first, so prefix tests find the longest word.
        for list in [
            &mut r.person_after,
            &mut r.person_before,
            &mut r.person_adverb,
            &mut r.place_after,
            &mut r.honorific,
            &mut r.org_suffix,
            &mut r.org_place_ok,
            &mut r.org_before,
            &mut r.org_after,
            &mut r.org_left,
            &mut r.org_marker,
            &mut r.title_unit,
            &mut r.title_verb,
            &mut r.title_tenure,
            &mut r.title_head,
            &mut r.demonym_suffix,
            &mut r.publication_cue,
            &mut r.product_category,
            &mut r.org_business,
        ] {
            list.finish();
        }
        r
    }
}

/// The embedded rule tables.
pub(crate) static RULES: LazyLock<NameRules> =
    LazyLock::new(|| NameRules::parse(include_str!("../../lexicons/name_rules.tsv")));

/// The longest word of `list` that `s` starts with.
pub(crate) fn prefix_in<'a>(list: &'a WordList, s: &str) -> Option<&'a str> {
    list.prefix(s)
}

/// The longest word of `list` that `s` ends with.
pub(crate) fn suffix_in<'a>(list: &'a WordList, s: &str) -> Option<&'a str> {
    list.suffix(s)
}

/// The character right before byte offset `i`.
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// The character at byte offset `i`.
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// True for a character that ends a clause (punctuation, brackets, quotes, spaces).
pub(crate) fn is_break(c: char) -> bool {
    !(is_han(c) || c.is_alphanumeric())
}

/// True when every character of `s` is Han and there are at most `n` of them.
pub(crate) fn short_han(s: &str, n: usize) -> bool {
    let mut k = 0;
    for c in s.chars() {
        if !is_han(c) {
            return false;
        }
        k += 1;
    }
    k <= n
}

/// Every occurrence of each of `names` in `text`: for each name, the matches
/// `text.match_indices(name)` gives (left to right, not overlapping each other), as
/// `(name index, start)` ordered by name then position. One pass over the text, testing only
/// where some name's first character stands, instead of one scan per name. Empty names match
/// nowhere.
pub(crate) fn find_all(text: &str, names: &[&str]) -> Vec<(usize, usize)> {
    let mut firsts = CharSet::default();
    // The names beginning with each character, sorted by character.
    let mut by_first: Vec<(char, usize)> =
        names.iter().enumerate().filter_map(|(i, n)| Some((n.chars().next()?, i))).collect();
    by_first.sort_unstable();
    firsts.extend(by_first.iter().map(|&(c, _)| c));
    let mut raw: Vec<(usize, usize)> = Vec::new();
    for (k, c) in text.char_indices() {
        if !firsts.contains(&c) {
            continue;
        }
        let rest = &text[k..];
        let lo = by_first.partition_point(|&(f, _)| f < c);
        for &(_, i) in by_first[lo..].iter().take_while(|&&(f, _)| f == c) {
            if rest.starts_with(names[i]) {
                raw.push((i, k));
            }
        }
    }
    raw.sort_unstable();
    let mut out = Vec::with_capacity(raw.len());
    let mut next = (usize::MAX, 0);
    for (i, k) in raw {
        if next.0 == i && k < next.1 {
            continue; // overlaps the previous match of the same name
        }
        next = (i, k + names[i].len());
        out.push((i, k));
    }
    out
}

/// The matches of `re` in `text`, as `re.find_iter(text)` gives them, for a regex whose
/// matches are ASCII and begin with a letter: it runs only on the ASCII stretches of the
/// text that hold a letter, so Chinese prose costs one byte test per byte.
pub(crate) fn ascii_matches(re: &regex::Regex, text: &str) -> Vec<(usize, usize)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii() {
            i += 1;
            continue;
        }
        let s = i;
        let mut letter = false;
        while i < b.len() && b[i].is_ascii() {
            letter |= b[i].is_ascii_alphabetic();
            i += 1;
        }
        if letter {
            out.extend(re.find_iter(&text[s..i]).map(|m| (s + m.start(), s + m.end())));
        }
    }
    out
}

/// Which bytes of the text candidates already cover: built once per recogniser so overlap
/// tests cost the length of the span, not the number of candidates.
pub(crate) struct Occupied {
    bits: Vec<bool>,
}

impl Occupied {
    /// The bytes covered by `cands` (titles and value kinds left out unless `all`).
    pub(crate) fn new<'c>(
        len: usize,
        cands: impl IntoIterator<Item = &'c Candidate>,
        all: bool,
    ) -> Occupied {
        let mut o = Occupied { bits: vec![false; len + 1] };
        for c in cands {
            if all || c.kind.is_named() || c.kind == EntityKind::Location {
                o.mark(c.start, c.end);
            }
        }
        o
    }

    pub(crate) fn mark(&mut self, s: usize, e: usize) {
        if let Some(b) = self.bits.get_mut(s..e) {
            b.fill(true);
        }
    }

    /// True when any byte of `s..e` is covered.
    pub(crate) fn any(&self, s: usize, e: usize) -> bool {
        self.bits.get(s..e).is_some_and(|b| b.contains(&true))
    }
}

/// The lexicon hits indexed by start and by end, so the context tests of one hit cost a
/// binary search instead of a scan of every hit.
pub(crate) struct HitIndex<'h> {
    hits: &'h [Hit],
    /// Hit positions sorted by end (stable: hits order within one end).
    by_end: Vec<u32>,
    /// The largest end among `hits[..=k]`.
    max_end: Vec<usize>,
}

impl<'h> HitIndex<'h> {
    pub(crate) fn new(hits: &'h [Hit]) -> HitIndex<'h> {
        let mut by_end: Vec<u32> = (0..hits.len() as u32).collect();
        by_end.sort_by_key(|&i| hits[i as usize].end);
        let mut m = 0;
        let max_end = hits
            .iter()
            .map(|h| {
                m = m.max(h.end);
                m
            })
            .collect();
        HitIndex { hits, by_end, max_end }
    }

    /// The hits starting at byte `b`, longest first.
    pub(crate) fn starting_at(&self, b: usize) -> &'h [Hit] {
        let lo = self.hits.partition_point(|h| h.start < b);
        let hi = lo + self.hits[lo..].partition_point(|h| h.start == b);
        &self.hits[lo..hi]
    }

    /// The hits ending at byte `b`, in start order.
    pub(crate) fn ending_at(&self, b: usize) -> impl Iterator<Item = &'h Hit> + '_ {
        let lo = self.by_end.partition_point(|&i| self.hits[i as usize].end < b);
        self.by_end[lo..].iter().map(|&i| &self.hits[i as usize]).take_while(move |h| h.end == b)
    }

    /// The hit spanning exactly `s..e`, if any.
    pub(crate) fn exact(&self, s: usize, e: usize) -> Option<&'h Hit> {
        self.starting_at(s).iter().find(|h| h.end == e)
    }

    /// True when some hit overlaps `s..e`.
    pub(crate) fn overlaps(&self, s: usize, e: usize) -> bool {
        let k = self.hits.partition_point(|h| h.start < e);
        k > 0 && self.max_end[k - 1] > s
    }
}

/// The kind of a lexicon entry as an entity kind (surnames have none).
fn kind_of(e: &Entry) -> Option<EntityKind> {
    e.kind.entity_kind()
}

pub(crate) fn recognize(ctx: &Context, out: &mut Vec<Candidate>) {
    let r = &*RULES;
    let text = ctx.text;
    let idx = HitIndex::new(ctx.hits);
    let mut found: Vec<Candidate> = Vec::new();
    // Pass 1: everything but titles.
    for hit in ctx.hits {
        let Some(entry) = ctx.lexicon.hit_entries(hit).find(|e| kind_of(e).is_some()) else {
            continue;
        };
        let Some(mut kind) = kind_of(entry) else { continue };
        if kind == EntityKind::Title {
            continue;
        }
        let surface = &text[hit.start..hit.end];
        // A short Han match must not cut a word in two (交大 inside 成交大幅).
        if short_han(surface, 3) && !respects_words(ctx, &idx, hit) {
            continue;
        }
        // Every kind this string can name, with the entry naming it.
        let mut entry = entry;
        let other = ctx
            .lexicon
            .hit_entries(hit)
            .filter_map(|e| kind_of(e).map(|k| (k, e)))
            .find(|(k, _)| *k != kind && matches!(k, EntityKind::Org | EntityKind::Product))
            .map(|(k, _)| k)
            .or_else(|| entry.also().and_then(|k| k.entity_kind()));
        if let Some(alt) = other {
            if alt != kind && matches!(kind, EntityKind::Org | EntityKind::Product) {
                kind = decide_org_product(ctx, &idx, hit, kind, alt);
                if let Some(e) = ctx.lexicon.hit_entries(hit).find(|e| kind_of(e) == Some(kind)) {
                    entry = e;
                }
            }
        }
        let ambiguous = entry.is_ambiguous() && surface == entry.name;
        if ambiguous && !ambiguous_ok(ctx, &idx, hit, kind) {
            continue;
        }
        if kind == EntityKind::Location && is_demonym(ctx, hit.end) {
            continue;
        }
        // A summit of a group of states is an event, not the group (G7峰会).
        if kind == EntityKind::Org
            && entry.attr("type") == Some("ngo")
            && text[hit.end..].starts_with("峰会")
        {
            continue;
        }
        let mut end = hit.end;
        // An org name plus 公司/集团 is one span (xAI公司, canonical xAI).
        if kind == EntityKind::Org {
            if let Some(s) = ["公司", "集团"].into_iter().find(|s| text[end..].starts_with(s)) {
                end += s.len();
            }
        }
        // A full lexicon name that begins with a digit (21世纪经济报道, 36氪) wins over the
        // date or number read inside it.
        let t = if kind == EntityKind::Org
            && surface.starts_with(|c: char| c.is_ascii_digit())
            && (surface == entry.name || surface.chars().count() >= 7)
        {
            tier::SURE
        } else {
            tier::STRONG
        };
        let mut c = Candidate::new(kind, hit.start, end, t);
        if kind.is_named() {
            c = c.with_canonical(entry.name.clone());
        }
        found.push(c);
    }
    merge_locations(text, &mut found);
    // A place plus its administrative suffix: 库比蒂诺市 (not 上海|市场).
    for c in found.iter_mut().filter(|c| c.kind == EntityKind::Location) {
        let Some(x) = char_at(text, c.end) else { continue };
        if matches!(x, '市' | '县' | '区' | '镇' | '州' | '省')
            && !text[..c.end].ends_with(x)
            && ctx.tokens.ends_word(c.end + x.len_utf8())
        {
            c.end += x.len_utf8();
        }
    }
    // Pass 2: titles, which look at the organisations found.
    let named = || found.iter().filter(|c| matches!(c.kind, EntityKind::Org | EntityKind::Person));
    let orgs = Occupied::new(text.len(), named(), false);
    let mut org_ends: Vec<usize> = named().map(|c| c.end).collect();
    org_ends.sort_unstable();
    for hit in ctx.hits {
        if !ctx.lexicon.hit_entries(hit).any(|e| e.kind == LexKind::Title) {
            continue;
        }
        let surface = &text[hit.start..hit.end];
        if short_han(surface, 3) && !respects_words(ctx, &idx, hit) {
            continue;
        }
        // A post inside an org name found here is not a title (京东集团|首席执行官).
        if orgs.any(hit.start, hit.end) {
            continue;
        }
        // A named unit before a post stays outside it: 基础模型团队|负责人. An org suffix
        // (集团, 事业群) always does: 鲸跃集团|副总裁, and a bare 集团|首席技术官 too.
        if let Some(u) = prefix_in(&r.title_unit, surface) {
            let before_is_name =
                r.org_suffix.has(u) || char_before(text, hit.start).is_some_and(|c| !is_break(c));
            let rest_is_title = idx
                .exact(hit.start + u.len(), hit.end)
                .is_some_and(|h| ctx.lexicon.hit_entries(h).any(|e| e.kind == LexKind::Title));
            if before_is_name && rest_is_title {
                continue;
            }
        }
        // A bare occupation is a title only when attached to an org or a post verb.
        if r.title_generic.contains(surface) && !attached(ctx, hit.start, &org_ends) {
            continue;
        }
        // A media occupation (记者, 编辑) is a title in a byline or beside an org or a
        // name, not as a verb (支持编辑文档, 一键生成并编辑).
        let media = ctx
            .lexicon
            .hit_entries(hit)
            .any(|e| e.kind == LexKind::Title && e.attr("level") == Some("media"));
        // A publication in 《》 (found later) before it is an org: 《华夏时报》记者.
        let after_publication = char_before(text, hit.start) == Some('》');
        if media
            && !after_publication
            && !attached(ctx, hit.start, &org_ends)
            && !byline_name_after(ctx, hit.end)
        {
            continue;
        }
        let mut start = hit.start;
        // A function noun before a post head is part of the title (产品副总裁), when the
        // noun stands alone after a break: 、产物副总裁.
        if prefix_in(&r.title_head, surface) == Some(surface) {
            start = function_noun_start(ctx, &idx, hit.start).unwrap_or(start);
        }
        found.push(Candidate::new(EntityKind::Title, start, hit.end, tier::STRONG));
    }
    // A post followed by an occupation is one title: 主任|架构师 → 主任架构师.
    for hit in ctx.hits {
        let surface = &text[hit.start..hit.end];
        if !r.title_generic.contains(surface) {
            continue;
        }
        if let Some(t) =
            found.iter_mut().find(|c| c.kind == EntityKind::Title && c.end == hit.start)
        {
            t.end = hit.end;
        }
    }
    out.append(&mut found);
}

/// True when the hit cuts no word in two, or cuts only a word that is itself a lexicon
/// match (团队负责人 split as 团队|负责人 is the rules' decision, not jieba's).
fn respects_words(ctx: &Context, idx: &HitIndex, hit: &Hit) -> bool {
    let kind = ctx.lexicon.hit_entries(hit).next().map(|e| e.kind);
    let same = |h: &Hit| ctx.lexicon.hit_entries(h).any(|e| Some(e.kind) == kind);
    let ok = |b: usize| {
        ctx.tokens.starts_word(b) && ctx.tokens.ends_word(b)
            // Another lexicon name starts or ends here: the word is two names (美国|普林斯顿大学).
            || idx.starting_at(b).iter().any(|h| h.end != hit.end)
            || idx.ending_at(b).any(|h| h.start != hit.start)
            || ctx.tokens.at(b).is_some_and(|t| {
                t.start < b && idx.exact(t.start, t.end).is_some_and(same)
            })
            || (b > 0 && ctx.tokens.at(b - 1).is_some_and(|t| {
                t.end > b && idx.exact(t.start, t.end).is_some_and(same)
            }))
    };
    // A place followed by its administrative suffix (江苏|省) is extended later.
    let admin = kind == Some(LexKind::Location)
        && char_at(ctx.text, hit.end).is_some_and(|c| matches!(c, '省' | '市' | '县' | '区'));
    (ctx.tokens.starts_word(hit.start) || ok(hit.start))
        && (ctx.tokens.ends_word(hit.end) || ok(hit.end) || admin)
}

/// The start of a two-character noun right before a post head (`、产物副总裁`) when that
/// noun is one word after a clause break and names nothing else.
fn function_noun_start(ctx: &Context, idx: &HitIndex, head: usize) -> Option<usize> {
    let text = ctx.text;
    let tok = ctx.tokens.at(head.checked_sub(1)?)?;
    if tok.end != head || !short_han(&text[tok.start..tok.end], 2) || tok.end - tok.start != 6 {
        return None;
    }
    let ok_before = char_before(text, tok.start).is_none_or(is_break);
    let names_something = idx.overlaps(tok.start, tok.end);
    let w = &text[tok.start..tok.end];
    if !ok_before || names_something || RULES.title_unit.iter().any(|u| u == w) {
        return None;
    }
    Some(tok.start)
}

/// True when a bare occupation at `start` is attached: right after an org or person (with
/// 的 and tenure words between), or after a post verb (担任).
fn attached(ctx: &Context, start: usize, org_ends: &[usize]) -> bool {
    let r = &*RULES;
    let text = ctx.text;
    let mut i = start;
    // Skip tenure words and 的 backwards, at most a few steps.
    for _ in 0..3 {
        let head = &text[..i];
        if let Some(w) = suffix_in(&r.title_tenure, head) {
            i -= w.len();
        } else if head.ends_with('的') {
            i -= '的'.len_utf8();
        } else {
            break;
        }
    }
    let head = &text[..i];
    let head = head.trim_end_matches(' ');
    let i = head.len();
    org_ends.binary_search(&i).is_ok() || suffix_in(&r.title_verb, head).is_some()
}

/// True when a name-shaped word follows byte `e` as in a byline: `记者 林若溪）`,
/// `编辑：李晓文`, `记者王志明报道`, `记者Mark`.
fn byline_name_after(ctx: &Context, e: usize) -> bool {
    let rest = ctx.text[e..].trim_start_matches([' ', ':', '：', '/']);
    let Some(c) = rest.chars().next() else { return false };
    if c.is_ascii_uppercase() {
        return true;
    }
    if !is_han(c) || !ctx.lexicon.is_surname_start(c) {
        return false;
    }
    // The Han run after the surname: a whole name (2 to 4 characters before a break), or a
    // name followed by a person-context word (报道, 表示) or a photo credit (摄).
    let mut n = 0;
    for (k, ch) in rest.char_indices() {
        if !is_han(ch) {
            return (2..=4).contains(&n);
        }
        if (2..=4).contains(&n) {
            let tail = &rest[k..];
            if tail.starts_with('摄') || prefix_in(&RULES.person_after, tail).is_some() {
                return true;
            }
        }
        n += 1;
        if n > 4 {
            return false;
        }
    }
    (2..=4).contains(&n)
}

/// Adjacent places are one span (杭州建德, 美国加州库比蒂诺市).
fn merge_locations(_text: &str, found: &mut Vec<Candidate>) {
    // A place inside an org name stays inside it (南加州大学, 上海交大).
    let orgs: Vec<(usize, usize)> =
        found.iter().filter(|c| c.kind == EntityKind::Org).map(|c| (c.start, c.end)).collect();
    found.retain(|c| {
        c.kind != EntityKind::Location
            || !orgs.iter().any(|&(s, e)| s <= c.start && c.end <= e && e - s > c.end - c.start)
    });
    found.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
    let mut out: Vec<Candidate> = Vec::with_capacity(found.len());
    for c in found.drain(..) {
        if c.kind == EntityKind::Location {
            if let Some(prev) = out.iter_mut().rev().find(|p| p.kind == EntityKind::Location) {
                if prev.end == c.start {
                    prev.end = c.end;
                    continue;
                }
            }
        }
        out.push(c);
    }
    *found = out;
}

/// True when the place ending at `end` is part of a demonym or group noun (美国人).
fn is_demonym(ctx: &Context, end: usize) -> bool {
    let rest = &ctx.text[end..];
    let Some(w) = prefix_in(&RULES.demonym_suffix, rest) else { return false };
    // 人 must be a word of its own (not 人工智能, 人民).
    match ctx.tokens.at(end) {
        Some(t) if t.start == end => t.end == end + w.len(),
        _ => true,
    }
}

/// Decides whether a name that can be an org or a product is which, here.
fn decide_org_product(
    ctx: &Context,
    idx: &HitIndex,
    hit: &Hit,
    kind: EntityKind,
    alt: EntityKind,
) -> EntityKind {
    let text = ctx.text;
    let after = text[hit.end..].trim_start_matches(' ');
    let before = text[..hit.start].trim_end_matches(' ');
    const PRODUCT_AFTER: &[&str] =
        &["App", "APP", "app", "应用", "客户端", "上线", "版本", "聊天机器人", "助手", "用户"];
    const PRODUCT_BEFORE: &[&str] =
        &["使用", "用上", "下载", "打开", "接入", "基于", "调用", "登录", "通过", "借助"];
    const ORG_AFTER: &[&str] = &[
        "公司",
        "集团",
        "团队",
        "旗下",
        "创始人",
        "联合创始人",
        "CEO",
        "首席",
        "总裁",
        "董事长",
        "宣布",
        "表示",
        "称",
        "发布",
        "推出",
        "用",
        "的研究",
        "员工",
    ];
    if PRODUCT_AFTER.iter().any(|w| after.starts_with(w)) {
        return alt_or(kind, alt, EntityKind::Product);
    }
    // In a list, the kind of its neighbours (抖音和TikTok).
    if let Some(k) = list_neighbour_kind(ctx, idx, hit) {
        return alt_or(kind, alt, k);
    }
    // Its staff: 淘宝的早期员工.
    let near: String = after.chars().take(6).collect();
    if ["员工", "高管", "创始人", "团队"].iter().any(|w| near.contains(w))
        && after.starts_with('的')
    {
        return alt_or(kind, alt, EntityKind::Org);
    }
    if ORG_AFTER.iter().any(|w| after.starts_with(w))
        || RULES.org_before.iter().any(|w| before.ends_with(w.as_str()))
    {
        return alt_or(kind, alt, EntityKind::Org);
    }
    if PRODUCT_BEFORE.iter().any(|w| before.ends_with(w))
        || (before.ends_with('在') && after.starts_with('上'))
    {
        return alt_or(kind, alt, EntityKind::Product);
    }
    kind
}

/// The kind of an unambiguous single-kind lexicon neighbour in a list (A、B / A和B).
fn list_neighbour_kind(ctx: &Context, idx: &HitIndex, hit: &Hit) -> Option<EntityKind> {
    let text = ctx.text;
    let kind_of_hit = |h: &Hit| {
        let mut kinds = ctx.lexicon.hit_entries(h).filter_map(|e| e.kind.entity_kind());
        let k = kinds.next()?;
        let single = kinds.all(|k2| k2 == k)
            && ctx.lexicon.hit_entries(h).all(|e| e.also().is_none() && !e.is_ambiguous());
        (single && matches!(k, EntityKind::Org | EntityKind::Product)).then_some(k)
    };
    for sep in ["、", "和", "与", "及"] {
        if text[..hit.start].ends_with(sep) {
            let e = hit.start - sep.len();
            if let Some(k) = idx.ending_at(e).find_map(kind_of_hit) {
                return Some(k);
            }
        }
        if text[hit.end..].starts_with(sep) {
            let s = hit.end + sep.len();
            if let Some(k) = idx.starting_at(s).iter().find_map(kind_of_hit) {
                return Some(k);
            }
        }
    }
    None
}

/// `want` when it is one of the two kinds the name can have, else `kind`.
fn alt_or(kind: EntityKind, alt: EntityKind, want: EntityKind) -> EntityKind {
    if want == kind || want == alt { want } else { kind }
}

/// True when an ambiguous name (苹果, 小米, 连线) has supporting context here.
fn ambiguous_ok(ctx: &Context, idx: &HitIndex, hit: &Hit, kind: EntityKind) -> bool {
    let text = ctx.text;
    let after = &text[hit.end..];
    let before = &text[..hit.start];
    // A publication in 《》.
    if before.ends_with('《') && after.starts_with('》') {
        return true;
    }
    let title_at = |i: usize| {
        idx.starting_at(i)
            .iter()
            .any(|h| ctx.lexicon.hit_entries(h).any(|e| e.kind == LexKind::Title))
    };
    match kind {
        EntityKind::Org => {
            if ["公司", "集团", "旗下", "团队", "总部", "创始人"]
                .iter()
                .any(|w| after.starts_with(w))
                || title_at(hit.end)
                || (after.starts_with('的') && title_at(hit.end + '的'.len_utf8()))
            {
                return true;
            }
            // A unit of it named in the same clause: 苹果基础模型团队负责人.
            let clause: String = after.chars().take_while(|&c| !is_break(c)).take(10).collect();
            if ["团队", "部门", "实验室", "事业部"].iter().any(|w| clause.contains(w)) {
                return true;
            }
            // An org action right after it: 小米宣布, 小米跟投, 小米在港交所挂牌上市.
            const ACTION: &[&str] = &[
                "宣布",
                "发布",
                "推出",
                "跟投",
                "领投",
                "收购",
                "投资",
                "上市",
                "挂牌",
                "裁员",
                "营收",
                "市值",
                "股价",
                "财报",
                "创始人",
                "CEO",
                "董事会",
                "官方",
                "回应",
            ];
            let act = after.trim_start_matches(' ');
            if ACTION.iter().any(|w| act.starts_with(w))
                || act.strip_prefix('在').is_some_and(|a| {
                    let clause: String = a.chars().take_while(|&c| !is_break(c)).take(12).collect();
                    clause.contains("上市") || clause.contains("挂牌")
                })
            {
                return true;
            }
            const BEFORE: &[&str] = &[
                "加入",
                "离开",
                "离职",
                "任职于",
                "就职于",
                "供职于",
                "收购",
                "挖角",
                "创立",
                "创办",
                "投资",
                "入股",
                "控股",
            ];
            let before = before.trim_end_matches('了');
            if BEFORE.iter().any(|w| before.ends_with(w))
                || RULES
                    .org_left
                    .iter()
                    .filter(|w| w.chars().count() >= 2)
                    .any(|w| before.ends_with(w.as_str()))
            {
                return true;
            }
            // A brand before a model code: 小米SU7, 理想L6.
            let mut ch = after.chars();
            if ch.next().is_some_and(|c| c.is_ascii_uppercase())
                && after.chars().take(4).any(|c| c.is_ascii_digit())
                && ch.next().is_some()
            {
                return true;
            }
            // A former post after it: 甲骨文前副总裁.
            if let Some(w) = prefix_in(&RULES.title_tenure, after) {
                if title_at(hit.end + w.len()) {
                    return true;
                }
            }
            in_org_list(ctx, idx, hit)
        }
        EntityKind::Location => {
            ["市", "省", "区", "县", "镇"].iter().any(|w| after.starts_with(w))
                || idx.ending_at(hit.start).chain(idx.starting_at(hit.end)).any(|h| {
                    ctx.lexicon
                        .hit_entries(h)
                        .any(|e| e.kind == LexKind::Location && !e.is_ambiguous())
                })
        }
        EntityKind::Product => {
            idx.ending_at(hit.start).any(|h| {
                ctx.lexicon.hit_entries(h).any(|e| e.kind == LexKind::Org && !e.is_ambiguous())
            }) || ["App", "APP", "app", "应用", "大模型", "模型"]
                .iter()
                .any(|w| after.starts_with(w))
        }
        _ => false,
    }
}

/// True when the hit is an item of a list whose neighbour is an unambiguous org.
fn in_org_list(ctx: &Context, idx: &HitIndex, hit: &Hit) -> bool {
    let text = ctx.text;
    let is_org =
        |h: &Hit| ctx.lexicon.hit_entries(h).any(|e| e.kind == LexKind::Org && !e.is_ambiguous());
    for sep in ["、", "和", "与", "及", ","] {
        if text[..hit.start].ends_with(sep) {
            let e = hit.start - sep.len();
            if idx.ending_at(e).any(is_org) {
                return true;
            }
        }
        if text[hit.end..].starts_with(sep) {
            let s = hit.end + sep.len();
            if idx.starting_at(s).iter().any(is_org) {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_parse_and_sort_longest_first() {
        let r = NameRules::parse(
            "# c\nperson_after\t称\nperson_after\t称赞\ngiven_stop\t的了\nbogus\tx\n",
        );
        assert_eq!(&r.person_after[..], ["称赞", "称"]);
        assert!(r.given_stop.contains(&'了'));
        assert_eq!(prefix_in(&r.person_after, "称赞道"), Some("称赞"));
        assert_eq!(suffix_in(&r.person_after, "他称"), Some("称"));
        assert!(!RULES.org_suffix.is_empty() && !RULES.person_after.is_empty());
    }

    #[test]
    fn word_list_and_char_set_agree_with_scans() {
        let mut w = WordList::default();
        for x in ["称", "称赞", "表示", "说", "透露"] {
            w.push(x.to_string());
        }
        w.finish();
        for s in ["称赞道", "称", "他称", "表示了", "据透露", "", "x"] {
            let scan_p = w.iter().map(String::as_str).find(|x| s.starts_with(x));
            let scan_s = w.iter().map(String::as_str).find(|x| s.ends_with(x));
            assert_eq!(w.prefix(s), scan_p, "prefix of {s:?}");
            assert_eq!(w.suffix(s), scan_s, "suffix of {s:?}");
        }
        assert!(w.has("说") && !w.has("说话"));
        let cs: CharSet = "的了a\u{20000}".chars().collect();
        assert!(cs.contains(&'的') && cs.contains(&'a') && cs.contains(&'\u{20000}'));
        assert!(!cs.contains(&'王') && !cs.contains(&'\u{20001}'));
    }

    #[test]
    fn find_all_matches_match_indices_name_by_name() {
        let text = "王小明说，王小明和小明都来了。aaa";
        let names = ["王小明", "小明", "aa", "", "小明"];
        let want: Vec<(usize, usize)> = names
            .iter()
            .enumerate()
            .filter(|(_, n)| !n.is_empty())
            .flat_map(|(i, n)| text.match_indices(n).map(move |(k, _)| (i, k)))
            .collect();
        assert_eq!(find_all(text, &names), want);
    }

    #[test]
    fn ascii_matches_equal_find_iter() {
        let re = regex::Regex::new(r"[A-Z][a-z]+(?: [A-Z][a-z]+)+").unwrap();
        let text = "据Mark Chen称，Jimmy Ba和吴宇怀(Yuhuai Wu)与 Sam Altman 见面。";
        let want: Vec<(usize, usize)> = re.find_iter(text).map(|m| (m.start(), m.end())).collect();
        assert_eq!(ascii_matches(&re, text), want);
    }

    #[test]
    fn occupied_tests_overlap_by_bytes() {
        let c = Candidate::new(EntityKind::Org, 3, 6, tier::RULE);
        let mut o = Occupied::new(10, [&c], false);
        assert!(o.any(5, 8) && !o.any(6, 9) && !o.any(0, 3));
        o.mark(8, 20); // out of range: ignored, no panic
        assert!(!o.any(8, 9) && !o.any(9, 30));
    }

    #[test]
    fn text_helpers_are_boundary_safe() {
        let t = "吴宇怀(Wu)";
        assert_eq!(char_before(t, 3), Some('吴'));
        assert_eq!(char_before(t, 1), None);
        assert_eq!(char_at(t, t.len()), None);
        assert!(short_han("上海交大", 4) && !short_han("上海交大", 3) && !short_han("xAI", 3));
        assert!(is_break('，') && is_break('(') && !is_break('中') && !is_break('a'));
    }
}
