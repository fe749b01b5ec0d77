//! Products beyond the lexicons:
//!
//! - a lexicon product plus its version or variant (GPT-5 → GPT-5.4, Gemma → Gemma 4,
//!   Claude Opus 4 → Claude Opus 4.6, 昇腾 → 昇腾950PR, iPhone 16 → iPhone 16 Pro Max): one
//!   product whose canonical is the versioned name, since GPT-5.4 is not GPT-5;
//! - model names with a product's shape (Latin letters with digits: GLM-5, Seedance 2.0,
//!   Mistral Small 3) after a maker, a product category (开源模型GLM-5, SUV S9) or a release
//!   verb (阿里推出Qwen3.5), or before a category (Lyria 3音乐生成模型);
//! - quoted names beside a product category or after a release verb (助手“岚语”,
//!   “岚芯”智驾芯片, 发布“文心5.0”);
//! - and every other mention of a product so found.
//!
//! Software releases are not products: `v0.19.1`, `b8180` and three-part versions
//! (`PyTorch 2.11.0`) never extend or form a name.

use std::sync::LazyLock;

use regex::Regex;

use super::lexical::{Occupied, RULES, ascii_matches, char_at, char_before, suffix_in};
use super::{Candidate, Context, tier};
use crate::lexicon::{Entry, LexKind};
use crate::model::EntityKind;
use crate::segment::is_han;

/// A Latin name token: letters and digits, pieces joined by `-` or `.` (GLM-4.1V-Thinking).
static NAME_TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*").expect("valid regex")
});

/// A software release number (three or more parts): no product name holds one.
static RELEASE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9]+\.[0-9]+\.[0-9]+").expect("valid regex"));

/// A name that is letters and a year: an event (WWDC2026, ICLR 2026), not a product.
static YEAR_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z]+ ?(?:19|20)[0-9]{2}$").expect("valid regex"));

/// Words naming a variant of a model, written as a separate word after it (iPhone 16 Pro
/// Max, Gemini 3.1 Pro, GPT-5.4 thinking).
const VARIANTS: &[&str] = &[
    "Pro", "Max", "Ultra", "mini", "Mini", "Plus", "Lite", "Air", "Turbo", "Flash", "Opus",
    "Sonnet", "Haiku", "Nano", "Preview", "preview", "Thinking", "thinking", "Instruct", "Codex",
    "Omni", "Exp", "SE", "Fold", "Flip", "Coder",
];

/// Verbs that introduce a new product right after them (with 了 or a modifier between).
const RELEASE_VERBS: &[&str] =
    &["发布", "推出", "开源", "上线", "亮相", "首发", "升级至", "升级到", "更新至", "迭代至"];

/// Modifiers that may stand between a release verb and the name (发布了全新X1).
const RELEASE_MODIFIERS: &[&str] = &["了", "全新", "最新", "新一代", "新款", "其"];

/// Characters after a number that make it a count, not a version (Gemma 3 个, 海鸥3号).
const MEASURE_CHARS: &[char] = &[
    '个', '款', '种', '次', '年', '月', '日', '天', '号', '位', '名', '家', '亿', '万', '千', '百',
    '倍', '分', '秒', '周', '张', '台', '部', '条', '项', '篇', '人', '元', '岁', '度', '点', '米',
    '克', '%', '轮', '级', '期', '代',
];

/// Words right after a name that make it something else: a funding round (C1轮), a level
/// (L4级), a software version (Version 2版本), a standard or a protocol.
const NOT_PRODUCT_AFTER: &[&str] =
    &["轮", "级", "版本", "标准", "协议", "接口", "财年", "季度", "赛季", "届"];

pub(crate) fn recognize(ctx: &Context, out: &mut Vec<Candidate>) {
    let mut found: Vec<Candidate> = Vec::new();
    versioned(ctx, &mut found);
    han_versioned(ctx, out, &mut found);
    ai_apps(ctx, out, &mut found);
    model_names(ctx, out, &mut found);
    quoted(ctx, out, &mut found);
    propagate(ctx, out, &mut found);
    out.append(&mut found);
}

fn overlaps(out: &[Candidate], found: &[Candidate], s: usize, e: usize) -> bool {
    out.iter().chain(found).any(|c| c.start < e && s < c.end)
}

fn is_ascii_alnum(b: Option<&u8>) -> bool {
    b.is_some_and(|b| b.is_ascii_alphanumeric())
}

/// The end of the glued pieces from `i`: `[-.]?[A-Za-z0-9]+` repeated, a `-` or `.` only
/// when letters or digits follow it.
fn glued(b: &[u8], mut i: usize) -> usize {
    loop {
        let mut j = i;
        if matches!(b.get(j), Some(b'-' | b'.')) && j > 0 {
            j += 1;
        }
        let k = j;
        while is_ascii_alnum(b.get(j)) {
            j += 1;
        }
        if j == k {
            return i;
        }
        i = j;
    }
}

/// One spaced piece starting at `i` (the byte after the space), as its end, or None.
/// `number_ok`: a bare version number (`4`, `3.1`) may follow; `code_ok`: a letter code
/// (`V4`, `K2.6`, `Gen4`) may follow.
fn spaced_piece(text: &str, i: usize, number_ok: bool, code_ok: bool) -> Option<usize> {
    let b = text.as_bytes();
    let rest = text.get(i..)?;
    let boundary = |j: usize| !is_ascii_alnum(b.get(j));
    if let Some(v) = VARIANTS.iter().find(|v| rest.starts_with(**v)) {
        let j = i + v.len();
        if boundary(j) {
            return Some(glued_hyphen(b, j));
        }
    }
    let first = *b.get(i)?;
    if first.is_ascii_digit() && number_ok {
        let mut j = i;
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        let int = &text[i..j];
        if b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
            j += 1;
            while b.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
        } else if int.len() == 4 && (int.starts_with("19") || int.starts_with("20")) {
            return None; // a year
        }
        // A lower-case letter may close a version (4o, 16e).
        if b.get(j).is_some_and(u8::is_ascii_lowercase) && boundary(j + 1) {
            j += 1;
        }
        if !boundary(j) || int.len() > 3 {
            return None;
        }
        if b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
            return None; // a release number
        }
        return Some(glued_hyphen(b, j));
    }
    if first.is_ascii_uppercase() && code_ok {
        let mut j = i + 1;
        let mut letters = 0;
        while b.get(j).is_some_and(u8::is_ascii_alphabetic) && letters < 2 {
            j += 1;
            letters += 1;
        }
        let d = j;
        while b.get(j).is_some_and(u8::is_ascii_digit) {
            j += 1;
        }
        if j == d {
            return None;
        }
        if b.get(j) == Some(&b'.') && b.get(j + 1).is_some_and(u8::is_ascii_digit) {
            j += 1;
            while b.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
        }
        if b.get(j).is_some_and(u8::is_ascii_lowercase) && boundary(j + 1) {
            j += 1;
        }
        return boundary(j).then(|| glued_hyphen(b, j));
    }
    None
}

/// Hyphen-joined pieces after `j` (Flash-Lite).
fn glued_hyphen(b: &[u8], j: usize) -> usize {
    if b.get(j) == Some(&b'-') { glued(b, j) } else { j }
}

/// The end of the version tail after a name ending at `base_end` (the name's own start at
/// `start`). `han_base`: the name ends in a Han character (昇腾, 骁龙), which takes only a
/// glued tail starting with a digit or a capital. `words`: capitalised words may stand
/// between the name and a version (Mistral Small 3). Returns `base_end` when there is none.
fn tail_end(text: &str, start: usize, base_end: usize, han_base: bool, words: bool) -> usize {
    let b = text.as_bytes();
    let mut i = base_end;
    let last = b.get(base_end.wrapping_sub(1)).copied().filter(|_| base_end > 0);
    let ends_digit = last.is_some_and(|c| c.is_ascii_digit());
    let ends_alpha = last.is_some_and(|c| c.is_ascii_alphabetic());
    match b.get(i) {
        Some(c) if c.is_ascii_digit() && (han_base || ends_alpha) => i = glued(b, i),
        // A Han name takes a Latin code only with a digit: 星火X2-Flash, not 千问APP.
        Some(c) if c.is_ascii_uppercase() && han_base => {
            let j = glued(b, i);
            if b[i..j].iter().any(u8::is_ascii_digit) {
                i = j;
            }
        }
        Some(b'-') if !han_base && is_ascii_alnum(b.get(i + 1)) => i = glued(b, i),
        // A Han name takes a hyphened version: 混元-T1, 昆仑-2.
        Some(b'-') if han_base && han_version_end(text, i).is_some() => i = glued(b, i),
        Some(b'.') if ends_digit && b.get(i + 1).is_some_and(u8::is_ascii_digit) => i = glued(b, i),
        _ => {}
    }
    // Spaced pieces: at most one number or code, at most two variant words.
    let has_digit = |e: usize| text[start..e].bytes().any(|c| c.is_ascii_digit());
    let mut pieces = 0;
    while pieces < 3 && b.get(i) == Some(&b' ') {
        let no_digit = !has_digit(i);
        let number_ok = no_digit && !han_base;
        let code_ok = no_digit || (han_base && pieces == 0);
        if let Some(j) = spaced_piece(text, i + 1, number_ok, code_ok) {
            i = j;
            pieces += 1;
            continue;
        }
        // Capitalised words before a version: Mistral Small 3, Olmo Hybrid 2.
        if words && no_digit && pieces == 0 {
            if let Some(j) = worded_version(text, i + 1) {
                i = j;
                pieces += 1;
                continue;
            }
        }
        break;
    }
    if i == base_end {
        return base_end;
    }
    let tail = &text[start..i];
    if RELEASE_NUMBER.is_match(tail) {
        return base_end;
    }
    // A count, not a version: Gemma 3 个, 海鸥3号.
    if tail.ends_with(|c: char| c.is_ascii_digit()) {
        let next = text[i..].trim_start_matches(' ').chars().next();
        if next.is_some_and(|c| MEASURE_CHARS.contains(&c)) {
            return base_end;
        }
    }
    i
}

/// One or two capitalised words then a version number, from `i`: `Small 3`.
fn worded_version(text: &str, mut i: usize) -> Option<usize> {
    let b = text.as_bytes();
    for _ in 0..2 {
        if !b.get(i).is_some_and(u8::is_ascii_uppercase) {
            return None;
        }
        let mut j = i + 1;
        while b.get(j).is_some_and(u8::is_ascii_lowercase) {
            j += 1;
        }
        if j - i < 2 || is_ascii_alnum(b.get(j)) || b.get(j) != Some(&b' ') {
            return None;
        }
        if let Some(e) = spaced_piece(text, j + 1, true, false) {
            if b.get(j + 1).is_some_and(u8::is_ascii_digit) {
                return Some(e);
            }
        }
        i = j + 1;
    }
    None
}

/// The canonical of a versioned product: the entry's name plus the tail when the entry's
/// name is written in the same script as the mention (GPT5.4 → GPT-5.4), else the mention.
fn versioned_canonical(entry: &Entry, surface: &str, tail: &str) -> String {
    let base = if entry.name.is_ascii() == surface.is_ascii() { &entry.name } else { surface };
    format!("{base}{tail}")
}

/// True when `head` ends with the maker's name `form`, or with its brand: the name without
/// a company suffix (理想汽车 → 理想, 极岚科技 → 极岚).
fn brand_before(head: &str, form: &str) -> bool {
    const SUFFIXES: &[&str] = &["汽车", "科技", "集团", "公司", "智能", "手机"];
    head.ends_with(form)
        || SUFFIXES
            .iter()
            .filter_map(|x| form.strip_suffix(x))
            .any(|b| b.chars().count() >= 2 && head.ends_with(b))
}

/// True when the tail alone shows a product (a letter or a dotted version), so an ambiguous
/// lexicon name (星火, M5) takes it.
fn strong_tail(tail: &str, han_base: bool) -> bool {
    tail.bytes().any(|c| c.is_ascii_alphabetic() || c == b'.')
        || (han_base && tail.bytes().any(|c| c.is_ascii_digit()))
}

/// Lexicon products followed by a version or a variant, as one product: GPT-5.4,
/// Gemma 4, Qwen3.6-Plus, 星火X2-Flash, iPhone 16 Pro Max. Also a Latin name glued to its
/// version (Gemma4), which the lexicon scan does not match, and an ambiguous model code
/// right before a category word (M5芯片).
fn versioned(ctx: &Context, found: &mut Vec<Candidate>) {
    let text = ctx.text;
    for (i, hit) in ctx.hits.iter().enumerate() {
        // Only the longest hit at each position (hits come longest first).
        if i > 0 && ctx.hits[i - 1].start == hit.start {
            continue;
        }
        let Some(entry) = ctx.lexicon.hit_entries(hit).find(|e| e.kind == LexKind::Product) else {
            continue;
        };
        extend(ctx, entry, hit.start, hit.end, found);
    }
    // A Latin name glued to its version: Gemma4, Llama3.
    for (s, e) in ascii_matches(&NAME_TOKEN, text) {
        if char_before(text, s).is_some_and(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let at = ctx.hits.partition_point(|h| h.start < s);
        if ctx.hits.get(at).is_some_and(|h| h.start == s) {
            continue;
        }
        let tok = &text[s..e];
        let tb = tok.as_bytes();
        let split = (1..tb.len())
            .rev()
            .filter(|&k| tb[k - 1].is_ascii_alphabetic() && tb[k].is_ascii_digit())
            .find_map(|k| ctx.lexicon.lookup(&tok[..k], LexKind::Product).map(|en| (k, en)));
        if let Some((k, entry)) = split {
            extend(ctx, entry, s, s + k, found);
        }
    }
}

/// Extends the product `entry` written at `start..base_end` by its version tail.
fn extend(ctx: &Context, entry: &Entry, start: usize, base_end: usize, found: &mut Vec<Candidate>) {
    let text = ctx.text;
    let surface = &text[start..base_end];
    let han_base = char_before(text, base_end).is_some_and(is_han);
    let end = tail_end(text, start, base_end, han_base, false);
    let ambiguous = entry.is_ambiguous() && surface == entry.name;
    if end == base_end {
        // An ambiguous model code before its category (M5芯片, M5 芯片) or right after its
        // maker's name (理想L6).
        let after = text[base_end..].trim_start_matches(' ');
        let code = surface.is_ascii() && surface.bytes().any(|c| c.is_ascii_digit());
        let before_category = RULES.product_category.iter().any(|w| after.starts_with(w.as_str()));
        let after_maker = entry
            .attr("parent")
            .and_then(|p| ctx.lexicon.get(LexKind::Org, p))
            .is_some_and(|org| org.forms().any(|f| brand_before(&text[..start], f)));
        if ambiguous
            && code
            && (before_category || after_maker)
            && !found.iter().any(|c| c.start == start)
        {
            let c = Candidate::new(EntityKind::Product, start, base_end, tier::STRONG);
            found.push(c.with_canonical(entry.name.clone()));
        }
        return;
    }
    let tail = &text[base_end..end];
    if ambiguous && !strong_tail(tail, han_base) {
        return;
    }
    let canonical = versioned_canonical(entry, surface, tail);
    found.push(
        Candidate::new(EntityKind::Product, start, end, tier::STRONG).with_canonical(canonical),
    );
}

/// True when a release verb (with 了 or a modifier) ends `head`.
fn after_release_verb(head: &str) -> bool {
    let mut h = head.trim_end_matches(' ');
    for _ in 0..2 {
        if let Some(m) = RELEASE_MODIFIERS.iter().find(|m| h.ends_with(**m)) {
            h = h[..h.len() - m.len()].trim_end_matches(' ');
        }
    }
    RELEASE_VERBS.iter().any(|v| h.ends_with(v))
}

/// True when the text after a name says it was released: X正式发布, X即将上线.
fn released_after(after: &str) -> bool {
    let a = ["正式", "即将", "已经", "已", "今日", "同步"]
        .iter()
        .find_map(|m| after.strip_prefix(m))
        .unwrap_or(after);
    // The verb itself, not a noun it begins (开源项目, 发布会).
    ["发布", "上线", "亮相", "开源", "问世", "面世"].iter().any(|v| {
        a.strip_prefix(v).is_some_and(|r| r.chars().next().is_none_or(|c| !is_han(c) || c == '了'))
    })
}

/// True when a product category word follows within a few Han characters: Lyria 3音乐生成模型.
fn category_after(text: &str, end: usize) -> bool {
    let after = text[end..].trim_start_matches(' ');
    let window: String = after.chars().take(10).collect();
    RULES.product_category.iter().any(|w| {
        window.find(w.as_str()).is_some_and(|i| {
            let pre = &window[..i];
            pre.chars().all(is_han) && !pre.contains('的') && !pre.contains('和')
        })
    })
}

/// True when the name `s..e` has a shape no product has: a software build (b8180, v0.19),
/// a quarter or half (Q1, H2), a business model (B2B, A2A).
fn bad_shape(name: &str) -> bool {
    let b = name.as_bytes();
    let lower_digit = b.len() >= 2 && b[0].is_ascii_lowercase() && b[1].is_ascii_digit();
    let period = b.len() == 2 && matches!(b[0], b'Q' | b'H') && matches!(b[1], b'1'..=b'4');
    // X to Y, X for Y: B2B, A2A, Sim2Real, Text2SQL, AI4Science.
    let x2y = name.split_once(['2', '4']).is_some_and(|(x, y)| {
        !x.is_empty()
            && x.bytes().all(|c| c.is_ascii_alphabetic())
            && y.starts_with(|c: char| c.is_ascii_uppercase())
            && y.bytes().all(|c| c.is_ascii_alphabetic())
    });
    // An event of a year (WWDC2026, ICLR 2026) or a lower-case phrase (top 30).
    let year = YEAR_NAME.is_match(name);
    let phrase =
        name.split_once(' ').is_some_and(|(w, _)| w.bytes().all(|c| c.is_ascii_lowercase()));
    lower_digit || period || x2y || year || phrase || RELEASE_NUMBER.is_match(name)
}

/// Model names with a product's shape (letters with digits) in a product's place: after a
/// maker (小米SU7, OpenAI的Sora 2), a category (开源模型GLM-5, SUV S9) or a release verb
/// (阿里推出Qwen3.5), or before a category (Lyria 3音乐生成模型).
fn model_names(ctx: &Context, out: &[Candidate], found: &mut Vec<Candidate>) {
    let text = ctx.text;
    let mut occ = Occupied::new(text.len(), out.iter().chain(found.iter()), false);
    let mut org_ends: Vec<usize> =
        out.iter().filter(|c| c.kind == EntityKind::Org).map(|c| c.end).collect();
    org_ends.sort_unstable();
    let mut add: Vec<Candidate> = Vec::new();
    for (s, e0) in ascii_matches(&NAME_TOKEN, text) {
        // Not the second word of a Latin phrase (Mistral Small 3 is not Small 3), unless
        // that word is a category (SUV S9).
        let glued_word = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '/');
        let head = text[..s].trim_end_matches(' ');
        if char_before(text, s).is_some_and(|c| glued_word(c) || c == '@')
            || (head.ends_with(glued_word) && suffix_in(&RULES.product_category, head).is_none())
            || char_at(text, e0).is_some_and(|c| matches!(c, '_' | '/' | '@'))
        {
            continue;
        }
        if occ.any(s, e0) {
            continue;
        }
        let e = tail_end(text, s, e0, false, true);
        let name = &text[s..e];
        if !name.bytes().any(|c| c.is_ascii_digit()) || bad_shape(name) || e - s > 40 {
            continue;
        }
        let after = text[e..].trim_start_matches(' ');
        if NOT_PRODUCT_AFTER.iter().any(|w| after.starts_with(w))
            || after.starts_with(|c: char| MEASURE_CHARS.contains(&c))
                && name.ends_with(|c: char| c.is_ascii_digit())
        {
            continue;
        }
        let head_no_de = head.strip_suffix('的').unwrap_or(head).trim_end_matches(' ');
        let after_maker = org_ends.binary_search(&head.len()).is_ok()
            || org_ends.binary_search(&head_no_de.len()).is_ok();
        let after_category = suffix_in(&RULES.product_category, head).is_some();
        if after_maker
            || after_category
            || after_release_verb(head)
            || category_after(text, e)
            || released_after(after)
        {
            occ.mark(s, e);
            add.push(Candidate::new(EntityKind::Product, s, e, tier::RULE));
        }
    }
    found.append(&mut add);
}

/// Words after an "X AI" name that make it an app, not a company: OpenClaw AI应用.
const APP_AFTER: &[&str] = &["应用", "产品", "助手", "App", "APP", "app", "软件", "客户端", "插件"];

/// "X AI" names guessed as orgs from their shape that are apps by what follows them
/// (OpenClaw AI应用, Foo AI助手): a product over the same span, one tier above the guess.
fn ai_apps(ctx: &Context, out: &[Candidate], found: &mut Vec<Candidate>) {
    let text = ctx.text;
    for c in out.iter().filter(|c| c.kind == EntityKind::Org && c.tier < tier::SURE) {
        let name = &text[c.start..c.end];
        if !name.is_ascii() || !name.ends_with("AI") || name.len() < 4 {
            continue;
        }
        let after = text[c.end..].trim_start_matches(' ');
        if APP_AFTER.iter().any(|w| after.starts_with(w))
            && !found.iter().any(|f| f.start < c.end && c.start < f.end)
        {
            let t = (c.tier + 1).clamp(tier::STRONG, tier::SURE);
            found.push(Candidate::new(EntityKind::Product, c.start, c.end, t));
        }
    }
}

/// Words right before a Chinese model name that put it in a product's place, besides the
/// product categories and the release verbs: 搭载玄铁C950, 上一代玄武-2, 基于盘古5.0.
const HAN_LEFT_CUES: &[&str] =
    &["量产", "搭载", "采用", "基于", "一代", "升级", "迭代", "换装", "内置", "集成", "部署"];

/// Words right after a Chinese model name and its version that show a product, besides the
/// product categories: 玄武-3系列, 文心4.5版本.
const HAN_RIGHT_CUES: &[&str] = &["系列", "版本", "版"];

/// Characters before a name that end the word before it, so the name starts there.
const HAN_LEFT_BREAKS: &[char] = &['的', '款', '了', '和', '与', '及', '、', '或', '将', '把'];

/// Last characters of a word that a number follows as a value, not a version (约3.5,
/// 增长2.5, 提升1.5): such a word is no model name.
const HAN_NAME_STOPS: &[char] = &[
    '约', '达', '为', '至', '超', '近', '共', '计', '仅', '逾', '占', '比', '增', '降', '涨', '跌',
    '长', '升', '幅', '率', '值', '额', '量', '数', '分', '价', '期', '年', '月', '日',
];

/// Dictionary tags of everyday words (verbs, adjectives, adverbs, numbers…) that are no
/// model name even before a version.
const HAN_NAME_BAD_TAGS: &[&str] =
    &["v", "vn", "vd", "a", "ad", "an", "d", "m", "q", "r", "p", "c", "u", "t", "f", "s"];

/// A dictionary noun this frequent is an everyday word (版本, 性能), not a model's name.
const HAN_NAME_MAX_FREQ: usize = 500;

/// The end of a version right after a Chinese name at `v`: `-3`, `-2.5`, `-T1`, `4.5`,
/// ` 5.0`, `C950`; None when there is none or it reads as a value (3.5亿, 12.5%), a range
/// (-3-5), a year (-2024) or a software release (4.5.1).
fn han_version_end(text: &str, v: usize) -> Option<usize> {
    let b = text.as_bytes();
    let first = *b.get(v)?;
    let e = match first {
        b'-' if is_ascii_alnum(b.get(v + 1)) => {
            let e = glued(b, v);
            let t = &text[v + 1..e];
            let int = t.bytes().take_while(u8::is_ascii_digit).count();
            if int > 2 || !t.bytes().any(|c| c.is_ascii_digit()) {
                return None;
            }
            // A range (-3-5): a second piece of bare digits.
            if t.split(['-', '.']).skip(1).any(|p| p.bytes().all(|c| c.is_ascii_digit()))
                && t.contains('-')
            {
                return None;
            }
            e
        }
        b' ' | b'0'..=b'9' => {
            let d = if first == b' ' { v + 1 } else { v };
            let mut j = d;
            while b.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            if j == d || j - d > 2 || b.get(j) != Some(&b'.') {
                return None;
            }
            let f = j + 1;
            j = f;
            while b.get(j).is_some_and(u8::is_ascii_digit) {
                j += 1;
            }
            if j == f || j - f > 2 {
                return None;
            }
            glued_hyphen(b, j)
        }
        c if c.is_ascii_uppercase() => {
            let e = glued(b, v);
            if !text[v..e].bytes().any(|c| c.is_ascii_digit()) {
                return None;
            }
            e
        }
        _ => return None,
    };
    let dotted_on = b.get(e) == Some(&b'.') && b.get(e + 1).is_some_and(u8::is_ascii_digit);
    if is_ascii_alnum(b.get(e)) || dotted_on || RELEASE_NUMBER.is_match(&text[v..e]) {
        return None;
    }
    let after = &text[e..];
    let next = after.chars().next();
    if next.is_some_and(|c| MEASURE_CHARS.contains(&c) || matches!(c, '%' | '％' | '~' | '～'))
        || NOT_PRODUCT_AFTER.iter().any(|w| after.starts_with(w) && *w != "版本")
        || after.starts_with('-') && is_ascii_alnum(b.get(e + 1))
    {
        return None;
    }
    Some(e)
}

/// True when `name` (2–4 Han characters) may be a model's name: no function character, no
/// value word's ending, no everyday word of the dictionary.
fn han_name_ok(ctx: &Context, name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else { return false };
    if RULES.surname_weak.contains(&first) && !matches!(first, '小' | '大') {
        return false;
    }
    if chars.any(|c| RULES.surname_weak.contains(&c))
        || name.ends_with(|c: char| HAN_NAME_STOPS.contains(&c))
    {
        return false;
    }
    if let Some(tag) = ctx.segmenter.word_tag(name) {
        if HAN_NAME_BAD_TAGS.contains(&tag) || ctx.segmenter.word_freq(name) >= HAN_NAME_MAX_FREQ {
            return false;
        }
    }
    ctx.lexicon.lookup(name, LexKind::Org).is_none()
        && ctx.lexicon.lookup(name, LexKind::Location).is_none()
}

/// True when `head` ends with a generation: 新一代, 上一代, 第二代, 第3代.
fn generation_cue(head: &str) -> bool {
    let Some(h) = head.strip_suffix('代') else { return false };
    if h.ends_with('一') {
        return true;
    }
    let n = h
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(*c))
        .map(char::len_utf8)
        .sum::<usize>();
    n > 0 && h[..h.len() - n].ends_with('第')
}

/// True when `head` ends with a word that puts a model name after it: a category
/// (推理芯片玄武-3), a release verb (发布文心4.5), a cue (搭载玄铁C950) or 第N代.
fn han_left_cue(head: &str) -> bool {
    suffix_in(&RULES.product_category, head).is_some()
        || after_release_verb(head)
        || HAN_LEFT_CUES.iter().any(|w| head.ends_with(w))
        || generation_cue(head)
}

/// Chinese model and chip names with a version, in a product's place: 推理芯片玄武-3,
/// 发布文心4.5, 搭载玄铁C950, 混元-T1大模型. The name is the 2–4 Han characters right
/// before the version, after a cue (category, release verb, 搭载, 新一代, 第N代, a maker)
/// or, with a category after the version, after a word break.
fn han_versioned(ctx: &Context, out: &[Candidate], found: &mut Vec<Candidate>) {
    let text = ctx.text;
    let b = text.as_bytes();
    let occ = Occupied::new(text.len(), out.iter().chain(found.iter()), false);
    let mut org_ends: Vec<usize> =
        out.iter().filter(|c| c.kind == EntityKind::Org).map(|c| c.end).collect();
    org_ends.sort_unstable();
    let mut add: Vec<Candidate> = Vec::new();
    let mut bases: Vec<&str> = Vec::new();
    for (v, _) in text.match_indices(|c: char| c.is_ascii_alphanumeric() || c == '-' || c == ' ') {
        if !char_before(text, v).is_some_and(is_han) {
            continue;
        }
        // A quick test before the full parse: a version starts with - , a digit, a
        // capital or a space then a digit.
        let ok_start = match b[v] {
            b' ' => b.get(v + 1).is_some_and(u8::is_ascii_digit),
            b'-' | b'0'..=b'9' | b'A'..=b'Z' => true,
            _ => false,
        };
        if !ok_start {
            continue;
        }
        let Some(e) = han_version_end(text, v) else { continue };
        let after = text[e..].trim_start_matches(' ');
        let right = RULES.product_category.iter().any(|w| after.starts_with(w.as_str()))
            || HAN_RIGHT_CUES.iter().any(|w| after.starts_with(w));
        // The Han characters before v, nearest first (at most 5).
        let mut starts: Vec<usize> = Vec::with_capacity(5);
        for (i, c) in text[..v].char_indices().rev() {
            if !is_han(c) || starts.len() == 5 {
                break;
            }
            starts.push(i);
        }
        for n in 2..=4usize {
            let Some(&s) = starts.get(n - 1) else { break };
            if occ.any(s, e) {
                break;
            }
            let name = &text[s..v];
            if !han_name_ok(ctx, name) {
                continue;
            }
            let head = &text[..s];
            let maker = org_ends.binary_search(&s).is_ok();
            let left = maker || han_left_cue(head);
            let brk = starts.len() == n
                || char_before(text, s).is_some_and(|c| HAN_LEFT_BREAKS.contains(&c));
            if left || (right && brk) {
                add.push(Candidate::new(EntityKind::Product, s, e, tier::RULE));
                if !bases.contains(&name) {
                    bases.push(name);
                }
                break;
            }
        }
    }
    // The same name with another version elsewhere: 玄武-2于去年推出.
    let mut more: Vec<Candidate> = Vec::new();
    for base in bases {
        for (s, _) in text.match_indices(base) {
            let v = s + base.len();
            if add.iter().any(|c| c.start < v && s < c.end)
                || char_before(text, s).is_some_and(is_han) && !han_left_cue(&text[..s])
            {
                continue;
            }
            if let Some(e) = han_version_end(text, v) {
                if !occ.any(s, e) {
                    more.push(Candidate::new(EntityKind::Product, s, e, tier::RULE));
                }
            }
        }
    }
    found.append(&mut add);
    found.append(&mut more);
}

/// True when a release verb ends `before`, or stands a few Han characters before its end
/// with a noun phrase between: 推出第二代灵巧手“岳手Pro”, 发布全新旗舰手机“X1”.
fn released_before(before: &str) -> bool {
    let mut cut = before.len();
    for (n, (i, c)) in before.char_indices().rev().enumerate() {
        if after_release_verb(&before[..cut]) || generation_cue(&before[..cut]) {
            return true;
        }
        if n == 8 || !is_han(c) || c == '的' {
            return false;
        }
        cut = i;
    }
    after_release_verb(&before[..cut]) || generation_cue(&before[..cut])
}

/// A quoted name beside a product category, or after a release verb when it holds a letter
/// or a digit: 助手“岚语”, “岚芯”智驾芯片, 产品“语芯X1”, 发布“文心5.0”.
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
            || !name.chars().all(|c| is_han(c) || c.is_ascii_alphanumeric() || c == '-' || c == '.')
            || name.starts_with('.')
            || name.ends_with('.')
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
        let released = released_before(before)
            && name.chars().any(|c| c.is_ascii_alphanumeric())
            && !bad_shape(name);
        if cat_before || cat_after || released {
            found.push(Candidate::new(EntityKind::Product, s, e, tier::RULE));
        }
    }
}

/// Every other standalone mention of a product found by rule.
fn propagate(ctx: &Context, out: &[Candidate], found: &mut Vec<Candidate>) {
    let text = ctx.text;
    let mut names: Vec<(&str, Option<String>, u8)> = Vec::new();
    for c in found.iter() {
        let n = &text[c.start..c.end];
        if !names.iter().any(|(m, _, _)| *m == n) {
            names.push((n, c.canonical.clone(), c.tier));
        }
    }
    let mut add: Vec<Candidate> = Vec::new();
    let mut occ = Occupied::new(text.len(), out.iter().chain(found.iter()), true);
    for (name, canonical, t) in names {
        for (k, _) in text.match_indices(name) {
            let e = k + name.len();
            let edge = |c: char| c.is_ascii_alphanumeric() || c == '-';
            if char_before(text, k).is_some_and(edge) || char_at(text, e).is_some_and(edge) {
                continue;
            }
            // A dotted version goes on: GPT-5.4 is not in GPT-5.4.1.
            if text[e..].starts_with('.') && text[e + 1..].starts_with(|c: char| c.is_ascii_digit())
            {
                continue;
            }
            if occ.any(k, e) {
                continue;
            }
            occ.mark(k, e);
            let mut c = Candidate::new(EntityKind::Product, k, e, t);
            c.canonical = canonical.clone();
            add.push(c);
        }
    }
    found.append(&mut add);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tails_stop_at_counts_years_releases_and_words() {
        let t = |text: &str, base: usize| {
            let e = tail_end(text, 0, base, false, false);
            text[..e].to_string()
        };
        assert_eq!(t("GPT-5.4大模型", 5), "GPT-5.4");
        assert_eq!(t("Gemma 4于4月", 5), "Gemma 4");
        assert_eq!(t("Gemma 3 个", 5), "Gemma");
        assert_eq!(t("Gemma 2025年", 5), "Gemma");
        assert_eq!(t("iPhone 16 Pro Max，", 6), "iPhone 16 Pro Max");
        assert_eq!(t("Qwen3.6-Max-Preview发布", 5), "Qwen3.6-Max-Preview");
        assert_eq!(t("DeepSeek V4模型", 8), "DeepSeek V4");
        assert_eq!(t("PyTorch 2.11.0", 7), "PyTorch");
        assert_eq!(t("vLLM v0.19.1", 4), "vLLM");
        assert_eq!(t("Gemma 4 31B参数", 5), "Gemma 4");
        assert_eq!(t("GPT-4 于2023年", 5), "GPT-4");
        assert_eq!(t("GPT-5.4. Next", 5), "GPT-5.4");
        let h = "昇腾950PR芯片";
        assert_eq!(&h[..tail_end(h, 0, 6, true, false)], "昇腾950PR");
        let w = "Mistral Small 3模型";
        assert_eq!(&w[..tail_end(w, 0, 7, false, true)], "Mistral Small 3");
    }

    #[test]
    fn shapes_of_builds_and_periods_are_not_names() {
        for n in [
            "b8180",
            "v0.19",
            "Q1",
            "H2",
            "B2B",
            "A2A",
            "Sim2Real",
            "Zig 0.16.0",
            "WWDC2026",
            "top 30",
        ] {
            assert!(bad_shape(n), "{n}");
        }
        for n in ["GLM-5", "V4", "M2.5", "Go1", "Qwen3.5"] {
            assert!(!bad_shape(n), "{n}");
        }
    }

    #[test]
    fn han_versions_stop_at_values_ranges_and_years() {
        let v = |text: &str, at: usize| han_version_end(text, at).map(|e| text[at..e].to_string());
        // (text, byte offset of the version, expected version)
        let cases: &[(&str, usize, Option<&str>)] = &[
            ("玄武-3预计", 6, Some("-3")),
            ("混元-T1。", 6, Some("-T1")),
            ("文心4.5，", 6, Some("4.5")),
            ("盘古 5.0大模型", 6, Some(" 5.0")),
            ("玄铁C950处理器", 6, Some("C950")),
            ("营收12.5亿元", 6, None),
            ("良率92.5%", 6, None),
            ("规模3-5倍", 6, None),
            ("年度-2024", 6, None),
            ("文心4.5.1", 6, None),
            ("模型3个", 6, None),
            ("大街-3号", 6, None),
        ];
        for (text, at, want) in cases {
            assert_eq!(v(text, *at).as_deref(), *want, "{text}");
        }
    }

    #[test]
    fn generations_are_cues() {
        for h in ["新一代", "上一代", "第二代", "第3代", "推出第十代"] {
            assert!(generation_cue(h), "{h}");
        }
        for h in ["代", "时代", "年代", "第代"] {
            assert!(!generation_cue(h), "{h}");
        }
    }
}
