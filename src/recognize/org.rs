//! Organisations beyond the lexicons: names by suffix (星河科技, 云帆资本, X公司),
//! publications in 《》 (《连线》 → 连线), dateline outlets (数智财经讯 → 数智财经), Latin
//! brand tokens in organisation context (初创公司LiblibAI), and, once found, every other
//! mention of the same name and of its short form (极岚 → 极岚汽车).

use std::sync::LazyLock;

use regex::Regex;

use super::lexical::{
    Occupied, RULES, ascii_matches, char_at, char_before, find_all, is_break, prefix_in, suffix_in,
};
use super::{Candidate, Context, tier};
use crate::lexicon::LexKind;
use crate::model::EntityKind;
use crate::segment::is_han;

/// A Latin brand token: LiblibAI, Anthropic, X.
static LATIN_BRAND: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z][A-Za-z0-9]*(?:[.\-][A-Za-z0-9]+)*").expect("valid regex")
});

pub(crate) fn recognize(ctx: &Context, out: &mut Vec<Candidate>) {
    let mut found: Vec<Candidate> = Vec::new();
    publications(ctx, out, &mut found);
    registered(ctx, &mut found);
    named_units(ctx, out, &mut found);
    dateline_outlet(ctx, &mut found);
    by_suffix(ctx, out, &mut found);
    latin_aliases(ctx, out, &mut found);
    latin_brands(ctx, out, &mut found);
    propagate(ctx, out, &mut found);
    out.append(&mut found);
}

/// The lexicon org named exactly `s`, as its canonical name.
fn lexicon_org(ctx: &Context, s: &str) -> Option<String> {
    ctx.lexicon.lookup(s, LexKind::Org).map(|e| e.name.clone())
}

/// 《X》 cited as a source (据《X》, 《X》杂志, 《X》报道) is a publication: an org.
fn publications(ctx: &Context, out: &[Candidate], found: &mut Vec<Candidate>) {
    let text = ctx.text;
    let r = &*RULES;
    for (k, _) in text.match_indices('《') {
        let s = k + '《'.len_utf8();
        let Some(len) = text[s..].find('》') else { continue };
        let e = s + len;
        let name = &text[s..e];
        let n = name.chars().count();
        if !(1..=12).contains(&n) || name.chars().any(|c| is_break(c) && c != ' ') {
            continue;
        }
        let after = &text[e + '》'.len_utf8()..];
        let cited = suffix_in(&r.publication_cue, &text[..k]).is_some()
            || prefix_in(&r.publication_cue, after).is_some()
            || after.starts_with("采访")
            || text[..k].ends_with("接受");
        if !cited {
            continue;
        }
        let _ = out;
        let canon = lexicon_org(ctx, name).unwrap_or_else(|| name.to_string());
        found.push(Candidate::new(EntityKind::Org, s, e, tier::SURE).with_canonical(canon));
    }
}

/// A named team or unit in quotes, set up by someone: 启动“超级智能团队”计划,
/// 成立“前沿实验室”. Generic departments (安全团队) are never quoted this way.
fn named_units(ctx: &Context, out: &[Candidate], found: &mut Vec<Candidate>) {
    const UNIT: &[&str] = &["团队", "实验室", "事业群", "事业部", "研究院", "工作室", "小组"];
    const SETUP: &[&str] = &["启动", "成立", "组建", "设立", "创建", "新设", "打造"];
    let text = ctx.text;
    for (k, _) in text.match_indices('“') {
        let s = k + '“'.len_utf8();
        let Some(len) = text[s..].find('”') else { continue };
        let e = s + len;
        let name = &text[s..e];
        let n = name.chars().count();
        if !(3..=12).contains(&n)
            || !name.chars().all(|c| is_han(c) || c.is_ascii_alphanumeric())
            || !UNIT.iter().any(|u| name.ends_with(u))
            || !SETUP.iter().any(|w| text[..k].trim_end_matches('了').ends_with(w))
            || out.iter().any(|o| o.start < e && s < o.end && o.kind == EntityKind::Org)
        {
            continue;
        }
        found.push(Candidate::new(EntityKind::Org, s, e, tier::RULE));
    }
}

/// A registered company name stays whole, bracketed city included:
/// 智谱华章(北京)科技有限公司, 北京字节跳动科技有限公司.
fn registered(ctx: &Context, found: &mut Vec<Candidate>) {
    let text = ctx.text;
    for suffix in ["股份有限公司", "有限责任公司", "有限公司"] {
        for (p, _) in text.match_indices(suffix) {
            if found.iter().any(|c| c.start < p + suffix.len() && p < c.end) {
                continue;
            }
            // Walk left over Han characters and bracket groups, at most 24 characters.
            let mut s = p;
            let mut n = 0;
            let mut in_bracket = false;
            while let Some(c) = char_before(text, s) {
                let brk = matches!(c, ')' | '）' | '(' | '（');
                if n >= 24 || !(is_han(c) || brk || c.is_ascii_alphanumeric()) {
                    break;
                }
                // 元 ends an amount (亿元|收购) but is a name character after a Han
                // character (天元兴科技).
                let amount_char = matches!(c, '元' | '年' | '月' | '日')
                    && char_before(text, s - c.len_utf8()).is_some_and(|d| {
                        !(d.is_ascii_digit() || "亿万千百十零一二三四五六七八九两".contains(d))
                    });
                if !in_bracket
                    && !brk
                    && RULES.given_stop.contains(&c)
                    && !matches!(c, '省' | '市' | '县' | '区')
                    && !amount_char
                    && n > 0
                {
                    break;
                }
                if matches!(c, ')' | '）') {
                    in_bracket = true;
                } else if matches!(c, '(' | '（') {
                    if !in_bracket {
                        break;
                    }
                    in_bracket = false;
                }
                s -= c.len_utf8();
                n += 1;
            }
            // Not a bare "X有限公司" made of a class noun, and not a dangling bracket.
            if in_bracket || n < 4 {
                continue;
            }
            // Verbs, prepositions and pronouns before the name are not part of it
            // (加入|星河科技有限公司).
            // A one-character verb inside the name (深圳天元|兴|科技有限公司) is part of it.
            let mut k = s;
            while let Some(t) = ctx.tokens.at(k) {
                if t.start >= p {
                    break;
                }
                let w = &text[t.start.max(k)..t.end.min(p)];
                let tag = ctx.segmenter.word_tag(w).unwrap_or("");
                // A registered name usually begins with its place: nothing after it is cut.
                if ctx.lexicon.lookup(w, LexKind::Location).is_some() {
                    break;
                }
                let verb = tag == "v" && w.chars().count() >= 2;
                if verb
                    || matches!(tag, "p" | "c" | "d" | "r" | "u" | "ul" | "uj" | "f" | "t")
                    || RULES.org_left.has(w)
                {
                    s = t.end.min(p);
                }
                k = t.end;
            }
            if text[s..p].chars().count() < 2 {
                continue;
            }
            let e = p + suffix.len();
            let canon = lexicon_org(ctx, &text[s..e]).unwrap_or_else(|| text[s..e].to_string());
            found.push(Candidate::new(EntityKind::Org, s, e, tier::SURE).with_canonical(canon));
        }
    }
}

/// A dateline outlet at the start of a line: `数智财经讯（记者 林若溪）`, `腾讯科技讯 `.
fn dateline_outlet(ctx: &Context, found: &mut Vec<Candidate>) {
    let text = ctx.text;
    for s in ctx.sentences {
        let line = &text[s.start..s.end];
        let Some(k) = line.find('讯') else { continue };
        let name = &line[..k];
        let n = name.chars().count();
        if !(2..=8).contains(&n) || !name.chars().all(|c| is_han(c) || c.is_ascii_alphanumeric()) {
            continue;
        }
        let after = &line[k + '讯'.len_utf8()..];
        let dateline = after.starts_with(['(', '（', ' '])
            || after.starts_with("记者")
            || after.chars().next().is_some_and(|c| c.is_ascii_digit());
        if dateline {
            let canon = lexicon_org(ctx, name).unwrap_or_else(|| name.to_string());
            found.push(
                Candidate::new(EntityKind::Org, s.start, s.start + k, tier::STRONG)
                    .with_canonical(canon),
            );
        }
    }
}

/// How `name` (before an org suffix) reads: `None` when it cannot be a name (it holds a
/// verb, an adverb or a function character), `Some(true)` when it reads as a proper name
/// (out of jieba's dictionary, tagged as a name, or cut with such a piece), `Some(false)`
/// when it is made of common nouns only.
fn name_shape(ctx: &Context, name: &str) -> Option<bool> {
    let pieces = ctx.segmenter.cut(name);
    let mut proper = false;
    for p in &pieces {
        if p.chars().count() == 1 {
            let c = p.chars().next()?;
            if RULES.given_stop.contains(&c) {
                return None;
            }
            proper = true;
            continue;
        }
        match ctx.segmenter.word_tag(p) {
            None => proper = true,
            Some("nr" | "nrt" | "nrfg" | "ns" | "nt" | "nz" | "j" | "eng") => proper = true,
            Some("n" | "ng" | "nl" | "l") => {}
            Some(_) => return None,
        }
    }
    Some(proper)
}

/// True when the word before byte `s` is a function word or a verb (据, 并非, 收购, 由).
fn after_function_word(ctx: &Context, s: usize) -> bool {
    let Some(t) = s.checked_sub(1).and_then(|i| ctx.tokens.at(i)) else { return true };
    if t.end != s {
        return false;
    }
    let w = &ctx.text[t.start..t.end];
    match ctx.segmenter.word_tag(w) {
        Some(tag) => {
            !matches!(tag.chars().next(), Some('n' | 'a' | 'b' | 'j' | 'l' | 'i' | 'x' | 'e' | 'g'))
                || w.chars().count() == 1
                    && RULES.given_stop.contains(&w.chars().next().unwrap_or(' '))
        }
        None => false,
    }
}

/// A dictionary word at least this frequent in jieba's dictionary is an everyday word.
const COMMON_WORD_FREQ: usize = 100;

/// Unknown names before an org suffix: 飞梭科技, 启明星河资本, 星衍智能公司, X公司.
fn by_suffix(ctx: &Context, out: &[Candidate], found: &mut Vec<Candidate>) {
    let text = ctx.text;
    let r = &*RULES;
    let orgs = Occupied::new(text.len(), out.iter().filter(|o| o.kind == EntityKind::Org), false);
    // Where a title starts: a post right after the suffix anchors the name (鲸跃集团|副总裁).
    let mut title_start = vec![false; text.len() + 1];
    for o in out.iter().filter(|o| o.kind == EntityKind::Title) {
        if let Some(b) = title_start.get_mut(o.start) {
            *b = true;
        }
    }
    // Where lexicon orgs start and end, sorted.
    let mut org_starts: Vec<(usize, usize)> =
        out.iter().filter(|o| o.kind == EntityKind::Org).map(|o| (o.start, o.end)).collect();
    org_starts.sort_unstable();
    // One pass over the text: only characters that begin some suffix are looked at.
    let occurrences = text
        .char_indices()
        .filter(|&(_, c)| r.org_suffix_first.contains(&c))
        .flat_map(|(p, _)| r.org_suffix.prefixes(&text[p..]).map(move |x| (p, x)));
    for (p, suffix) in occurrences {
        {
            let mut end = p + suffix.len();
            // A longer suffix here is handled on its own (有限公司 over 公司).
            if r.org_suffix.suffix(&text[..end]).is_some_and(|s| s.len() > suffix.len()) {
                continue;
            }
            // Already a lexicon org here.
            if orgs.any(p, end) {
                continue;
            }
            // The suffix glued to the word after it is no suffix (资本市场, 银行业, 大学生),
            // unless that word is a company word (科技公司).
            // A run jieba glued by guess (产投|领 as 产投领) is no word.
            if ctx.tokens.at(p).is_some_and(|t| {
                t.start == p && t.end > end && ctx.segmenter.is_word(&text[t.start..t.end])
            }) && !["公司", "集团"].iter().any(|w| text[end..].starts_with(w))
            {
                continue;
            }
            // X公司: a single capital letter.
            if let Some(c) = char_before(text, p) {
                if c.is_ascii_uppercase()
                    && char_before(text, p - 1).is_none_or(|d| !d.is_ascii_alphanumeric())
                    && suffix == "公司"
                {
                    found.push(Candidate::new(EntityKind::Org, p - 1, end, tier::RULE));
                    continue;
                }
            }
            // The name: 2 to 4 Han characters before the suffix with an anchored start.
            let mut best = None;
            for n in 2..=4 {
                let Some((s, _)) = text[..p].char_indices().rev().nth(n - 1) else { continue };
                let name = &text[s..p];
                if !name.chars().all(is_han) {
                    continue;
                }
                if r.org_generic.contains(name)
                    || name.chars().next().is_some_and(|c| RULES.given_stop.contains(&c))
                    || generic_tail(name)
                {
                    continue;
                }
                // A place before the suffix: an org only for schools, banks, institutes.
                let place = ctx.lexicon.lookup(name, LexKind::Location);
                let is_place = place.is_some();
                if is_place && !r.org_place_ok.has(suffix) {
                    continue;
                }
                // A region before a bank or school, after a country, is one name with it
                // (俄罗斯欧洲银行): taken whole below.
                if place.is_some_and(|e| e.attr("type") == Some("region"))
                    && out
                        .iter()
                        .any(|c| c.kind == EntityKind::Location && c.end == p && c.start < s)
                {
                    best = Some(s);
                    break;
                }
                // The phrase must not be an everyday word (人工智能).
                let phrase = &text[s..end];
                if ctx.segmenter.is_word(phrase) && lexicon_org(ctx, phrase).is_none() {
                    continue;
                }
                let before = &text[..s];
                let strong = suffix_in(&r.org_left, before.trim_end_matches('了')).is_some();
                let weak = char_before(text, s)
                    .is_none_or(|c| is_break(c) || RULES.given_stop.contains(&c))
                    || after_function_word(ctx, s);
                // jieba may glue a function character to the name (由|鼎峰 as 由鼎峰).
                let glued = char_before(text, s).is_some_and(|c| {
                    RULES.given_stop.contains(&c)
                        && ctx
                            .tokens
                            .at(s)
                            .is_some_and(|t| t.start + c.len_utf8() == s && t.end >= p)
                });
                if !ctx.tokens.starts_word(s) && !strong && !glued {
                    continue;
                }
                let shape = name_shape(ctx, name);
                // A class noun or verb right before a two-character name anchors it whatever
                // the name's own dictionary sense (机器视觉公司|明眸科技).
                // Not a common verb (依托资本, 加快资本): only a rare dictionary word.
                let shape = match shape {
                    None if strong
                        && n == 2
                        && !name.chars().any(|c| RULES.given_stop.contains(&c))
                        && ctx.segmenter.word_freq(name) < COMMON_WORD_FREQ =>
                    {
                        Some(false)
                    }
                    other => other,
                };
                // A common verb or abbreviation as the whole name (深化资本) is no name.
                if n == 2
                    && !strong
                    && ctx
                        .segmenter
                        .word_tag(name)
                        .is_some_and(|t| matches!(t, "v" | "vn" | "vd" | "j" | "d" | "a" | "ad"))
                    && ctx.segmenter.word_freq(name) >= COMMON_WORD_FREQ
                {
                    continue;
                }
                let Some(proper) = shape else { continue };
                // A place before a school, bank or fund suffix names it (合肥产投).
                let proper = proper || is_place;
                // 公司 is the most generic suffix: its name must read as a proper name.
                // A common-noun name with only a weak anchor counts when the article
                // repeats the whole name (星河科技 … 星河科技).
                let repeated = || text.matches(&text[s..p + suffix.len()]).nth(1).is_some();
                let sub_company =
                    ["子公司", "分公司", "母公司"].iter().any(|w| text[..end].ends_with(w));
                // A suffix that also names a category (智能, 软件) needs more: a strong
                // anchor or a company word after the name.
                let weak_suffix = r.org_weak_suffix.iter().any(|x| x == suffix);
                let marker = || {
                    let after = text[end..].trim_start_matches('的');
                    prefix_in(&r.org_marker, after).is_some()
                };
                if weak_suffix && !strong && !marker() {
                    continue;
                }
                let titled = title_start.get(end).copied().unwrap_or(false);
                let ok = if suffix == "公司" {
                    proper && (strong || weak) && !sub_company
                } else {
                    ((strong || titled) && (proper || n == 2)) || (weak && (proper || repeated()))
                };
                if ok {
                    best = Some(s);
                    break;
                }
            }
            let Some(mut s) = best else { continue };
            // An indefinite description (一家香水科技公司, 多家电商平台) names a category.
            let quantified = ["一家", "这家", "那家", "多家", "某家", "每家", "几家", "两家", "某"]
                .iter()
                .any(|q| text[..s].ends_with(q));
            if quantified && s + 6 >= p && (text[end..].starts_with("公司") || suffix == "公司")
            {
                continue;
            }
            // A region before a bank or school after a country is one name: 俄罗斯欧洲银行.
            let mut t = tier::RULE;
            if r.org_place_ok.has(suffix)
                && ctx
                    .lexicon
                    .lookup(&text[s..p], LexKind::Location)
                    .is_some_and(|e| e.attr("type") == Some("region"))
            {
                if let Some(loc) =
                    out.iter().find(|c| c.kind == EntityKind::Location && c.end == p && c.start < s)
                {
                    s = loc.start;
                    t = tier::STRONG;
                }
            }
            // A place or a known org at the start of the name (合肥产投, 浙大科创基金): the
            // whole name must win over the shorter lexicon name inside it.
            if t == tier::RULE
                && s + 3 < p
                && ((r.org_place_ok.has(suffix)
                    && ctx.lexicon.lookup(&text[s..p], LexKind::Location).is_some())
                    || org_starts
                        .get(org_starts.partition_point(|&(a, _)| a < s))
                        .is_some_and(|&(a, b)| a == s && b < p))
            {
                t = tier::STRONG;
            }
            // 公司 as a class noun before a name (同业公司影策科技) names no company.
            if suffix == "公司" {
                let next: Vec<(usize, char)> = text[end..].char_indices().take(5).collect();
                if next
                    .iter()
                    .skip(2)
                    .any(|&(k, _)| r.org_suffix.prefix(&text[end + k..]).is_some())
                    && next.first().is_some_and(|&(_, c)| is_han(c))
                {
                    continue;
                }
            }
            // 星衍智能公司: a company word after the suffix is part of the name.
            if suffix != "公司" && text[end..].starts_with("公司") {
                end += "公司".len();
            }
            let canon = text[s..p + suffix.len()].to_string();
            found.push(Candidate::new(EntityKind::Org, s, end, t).with_canonical(canon));
        }
    }
}

/// True when a tail of two or more characters of `name` (the name itself included) is a
/// generic word (人工智能 in 某人工智能): the phrase names a category, not a company.
fn generic_tail(name: &str) -> bool {
    let g = &RULES.org_generic;
    name.char_indices().rev().skip(1).any(|(i, _)| g.contains(&name[i..]))
}

/// Latin brand tokens in org context: before 公司/团队/旗下/创始人, after 初创公司/旗下.
fn latin_brands(ctx: &Context, out: &[Candidate], found: &mut Vec<Candidate>) {
    let text = ctx.text;
    let r = &*RULES;
    // Every candidate so far, whatever its kind: a brand must overlap none.
    let taken = Occupied::new(text.len(), out.iter().chain(found.iter()), true);
    let matches = ascii_matches(&LATIN_BRAND, text);
    let mut k = 0;
    while k < matches.len() {
        let (s, mut e) = matches[k];
        k += 1;
        // Capitalised words joined by single spaces are one name (Quantro Security,
        // Aim Intelligence); the second word of such a name is never a brand alone.
        while let Some(&(s2, e2)) = matches.get(k) {
            let gap_is_space = text.get(e..s2) == Some(" ");
            if !gap_is_space || !text[s2..].starts_with(|c: char| c.is_ascii_uppercase()) {
                break;
            }
            e = e2;
            k += 1;
        }
        if e - s < 2
            || char_before(text, s).is_some_and(|c| c.is_ascii_alphanumeric())
            || char_at(text, e).is_some_and(|c| c.is_ascii_alphanumeric())
            || (text[..s].ends_with(' ')
                && char_before(text, s - 1).is_some_and(|c| c.is_ascii_alphanumeric()))
        {
            continue;
        }
        if taken.any(s, e) {
            continue;
        }
        let name = &text[s..e];
        let tok = name.split(' ').next().unwrap_or(name);
        // A brand is capitalised (Osmo) or mixes cases (xAI, eBay); lower-case words
        // (wifi, nat3) and all-caps acronyms (GPU) are not brands here.
        let upper = tok.chars().filter(|c| c.is_ascii_uppercase()).count();
        let distinctive = tok.chars().any(|c| c.is_ascii_lowercase())
            && upper > 0
            && (tok.len() >= 4 || !tok.starts_with(|c: char| c.is_ascii_lowercase()));
        if !distinctive || r.latin_generic.contains(tok) || r.latin_generic.contains(name) {
            continue;
        }
        let after = text[e..].trim_start_matches(' ');
        let before = text[..s].trim_end_matches(' ');
        // A multi-word name ending in a company word: Halla Semiconductor, Shinonome AI.
        let tail = name.contains(' ')
            && name.rsplit(' ').next().is_some_and(|w| r.org_latin_tail.contains(w));
        if tail
            || prefix_in(&r.org_after, after).is_some()
            || suffix_in(&r.org_before, before).is_some()
            || finance_after(after)
            || latin_in_org_list(text, out, s, e)
        {
            found.push(Candidate::new(EntityKind::Org, s, e, tier::RULE));
        }
    }
}

/// A Latin name in brackets right after an org is the same org under another name:
/// 赫利俄斯实验室（Helios Labs）, 衡岳机器人（Hengyue Robotics）.
fn latin_aliases(ctx: &Context, out: &[Candidate], found: &mut Vec<Candidate>) {
    let text = ctx.text;
    let taken = Occupied::new(text.len(), out.iter().chain(found.iter()), true);
    let mut add: Vec<Candidate> = Vec::new();
    for c in out.iter().chain(found.iter()).filter(|c| c.kind == EntityKind::Org) {
        let rest = &text[c.end..];
        let Some(open) = ['（', '('].into_iter().find(|&b| rest.starts_with(b)) else { continue };
        let s = c.end + open.len_utf8();
        let inner = &text[s..];
        let Some(len) = inner.find(['）', ')']) else { continue };
        let alias = &inner[..len];
        let ok_char = |ch: char| ch.is_ascii_alphanumeric() || matches!(ch, ' ' | '.' | '-' | '&');
        if !(2..=40).contains(&alias.len())
            || !alias.starts_with(|ch: char| ch.is_ascii_uppercase())
            || !alias.chars().all(ok_char)
            || !alias.chars().any(|ch| ch.is_ascii_lowercase())
            || alias.ends_with(' ')
            || taken.any(s, s + len)
        {
            continue;
        }
        let canon = c.canonical.clone().unwrap_or_else(|| text[c.start..c.end].to_string());
        add.push(Candidate::new(EntityKind::Org, s, s + len, c.tier).with_canonical(canon));
    }
    found.append(&mut add);
}

/// A company action about money after a brand: `宣布完成…融资`, `获得…投资`, `的C轮`.
fn finance_after(after: &str) -> bool {
    const VERB: &[&str] = &["宣布", "完成", "获得", "获", "推出", "发布", "启动", "开启"];
    const MONEY: &[&str] = &["融资", "估值", "投资", "轮"];
    if let Some(rest) = after.strip_prefix('的') {
        // 的C轮, 的A+轮, 的新一轮.
        let head: String = rest.chars().take(4).collect();
        return head.contains('轮') || rest.starts_with("估值");
    }
    if !VERB.iter().any(|v| after.starts_with(v)) {
        return false;
    }
    let clause: String = after.chars().take_while(|&c| !is_break(c) || c == ' ').take(20).collect();
    MONEY.iter().any(|m| clause.contains(m))
}

/// True when the brand `s..e` is an item of a list (、/和/与/及) next to an org.
fn latin_in_org_list(text: &str, out: &[Candidate], s: usize, e: usize) -> bool {
    let before = text[..s].trim_end_matches(' ');
    let after = text[e..].trim_start_matches(' ');
    let is_org_ending = |i: usize| out.iter().any(|c| c.kind == EntityKind::Org && c.end == i);
    let is_org_starting = |i: usize| out.iter().any(|c| c.kind == EntityKind::Org && c.start == i);
    ["、", "和", "与", "及", "/"].iter().any(|sep| {
        before.strip_suffix(sep).is_some_and(|b| is_org_ending(b.trim_end_matches(' ').len()))
            || after.strip_prefix(sep).is_some_and(|a| {
                let a2 = a.trim_start_matches(' ');
                is_org_starting(text.len() - a2.len())
            })
    })
}

/// Every other mention of an org found by rule, and of its name without the suffix
/// (极岚 → 极岚汽车) when that name is no everyday word.
fn propagate(ctx: &Context, out: &[Candidate], found: &mut Vec<Candidate>) {
    let text = ctx.text;
    let mut forms: Vec<(String, String)> = Vec::new();
    for c in found.iter() {
        let surface = text[c.start..c.end].to_string();
        let canon = c.canonical.clone().unwrap_or_else(|| surface.clone());
        if !forms.iter().any(|(f, _)| *f == surface) {
            forms.push((surface.clone(), canon.clone()));
        }
        if surface != canon && !forms.iter().any(|(f, _)| *f == canon) {
            forms.push((canon.clone(), canon.clone()));
        }
        // The short form: the name before the suffix.
        if let Some(sfx) = RULES.org_suffix.suffix(&canon) {
            let short = &canon[..canon.len() - sfx.len()];
            if short.chars().count() >= 2
                && short.chars().all(is_han)
                && ctx.segmenter.word_tag(short).is_none()
                && ctx.lexicon.lookup(short, LexKind::Location).is_none()
                && !forms.iter().any(|(f, _)| f == short)
            {
                forms.push((short.to_string(), canon.clone()));
            }
        }
    }
    // Longest forms first, so 星衍智能公司 is taken before 星衍智能 and 星衍.
    forms.sort_by_key(|(f, _)| std::cmp::Reverse(f.len()));
    let mut add: Vec<Candidate> = Vec::new();
    let mut occ = Occupied::new(text.len(), out.iter().chain(found.iter()), false);
    let plain: Vec<&str> = forms.iter().map(|(f, _)| f.as_str()).collect();
    // Names found so far (a place may follow a short form: 赫利俄斯|日本).
    let named = Occupied::new(
        text.len(),
        out.iter().chain(found.iter()).filter(|c| {
            matches!(c.kind, EntityKind::Org | EntityKind::Person | EntityKind::Product)
        }),
        false,
    );
    // Units found so far, to name what a short-form unit stands for.
    let units: std::collections::BTreeMap<&str, &str> = out
        .iter()
        .chain(found.iter())
        .filter(|c| c.kind == EntityKind::Org)
        .map(|c| {
            let surface = &text[c.start..c.end];
            (surface, c.canonical.as_deref().unwrap_or(surface))
        })
        .collect();
    for (i, k) in find_all(text, &plain) {
        let (form, canon) = &forms[i];
        {
            let e = k + form.len();
            if occ.any(k, e)
                || (form.is_ascii()
                    && char_before(text, k).is_some_and(|c| c.is_ascii_alphanumeric()))
                || (form.is_ascii() && char_at(text, e).is_some_and(|c| c.is_ascii_alphanumeric()))
            {
                continue;
            }
            let short = form != canon && canon.starts_with(form.as_str());
            // A short form plus a business or country word is a unit of its own (鲸跃云,
            // 鲸跃电商, 赫利俄斯日本), unless the word runs on (鲸跃|云计算).
            if short && !text[e..].starts_with(&canon[form.len()..]) {
                if let Some(w) = prefix_in(&RULES.org_business, &text[e..]) {
                    let e2 = e + w.len();
                    let runs_on = ctx.tokens.at(e).is_some_and(|t| t.start == e && t.end > e2);
                    if !runs_on && !named.any(e, e2) {
                        let unit = &text[k..e2];
                        // A longer unit already named (鲸跃云智能事业群) is what it stands for.
                        let canon2 = units
                            .range(unit..)
                            .next()
                            .filter(|(f, _)| f.starts_with(unit))
                            .map_or(unit, |(_, c)| *c)
                            .to_string();
                        occ.mark(k, e2);
                        add.push(
                            Candidate::new(EntityKind::Org, k, e2, tier::STRONG)
                                .with_canonical(canon2),
                        );
                        continue;
                    }
                }
            }
            // A verb or preposition right after the short form ends it (赫利俄斯拟收购).
            // jieba may glue the name's end to that word (赫利俄|斯拟): then the character
            // after the name is tested alone.
            let function_tag = |w: &str| {
                ctx.segmenter.word_tag(w).is_some_and(|g| matches!(g, "v" | "p" | "d" | "c"))
            };
            let verb_next = ctx.tokens.at(e).is_some_and(|t| {
                if t.start == e {
                    function_tag(&text[t.start..t.end])
                } else {
                    char_at(text, e).is_some_and(|c| function_tag(&text[e..e + c.len_utf8()]))
                }
            });
            // A short form (极岚) ends where no Han word continues it: 极岚S9, 极岚的.
            if form != canon
                && !verb_next
                && canon.starts_with(form.as_str())
                && char_at(text, e)
                    .is_some_and(|c| c == '-' || (is_han(c) && !RULES.given_stop.contains(&c)))
                && !text[e..].starts_with(&canon[form.len()..])
            {
                continue;
            }
            occ.mark(k, e);
            add.push(
                Candidate::new(EntityKind::Org, k, e, tier::RULE).with_canonical(canon.clone()),
            );
        }
    }
    found.append(&mut add);
}
