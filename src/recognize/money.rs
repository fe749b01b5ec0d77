//! Money: a number and a currency word, code or symbol, before or after it.
//!
//! Currency forms live in `lexicons/currencies.tsv`. On top of `number + currency` this
//! reads the yuan's subunits (123元1角1分, 两块五毛, 一块半), ranges and lists that share
//! one currency (3-5亿美元, 100亿、66亿和400亿美元), 两个亿, and a bare amount whose
//! currency is clear from its paragraph (上市融资1.45亿 after an earlier 美元 amount, with a
//! money word such as 融资 right before it; the cue words are `lexicons/money_cues.tsv`).
//! Qualifiers (约, 超过, 高达, 以上…) stay outside the span and go to `approx`.

use std::sync::LazyLock;

use super::numeral::{self, Join, Numeral};
use super::{Candidate, Context, tier};
use crate::decimal::Decimal;
use crate::model::{Approx, EntityKind, Money, Value};

/// One currency form of `lexicons/currencies.tsv`.
#[derive(Debug)]
struct Currency {
    form: &'static str,
    code: &'static str,
    pre: bool,
    post: bool,
    shift: u32,
    main: bool,
    loose: bool,
}

static CURRENCIES: LazyLock<Vec<Currency>> = LazyLock::new(|| {
    let mut v: Vec<Currency> = include_str!("../../lexicons/currencies.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let form = cols.next()?.trim();
            let code = cols.next()?.trim();
            let place = cols.next().unwrap_or("post").trim();
            let shift = cols.next().and_then(|s| s.trim().parse().ok()).unwrap_or(0);
            let flags = cols.next().unwrap_or("");
            Some(Currency {
                form,
                code,
                pre: place == "pre" || place == "both",
                post: place == "post" || place == "both",
                shift,
                main: flags.split(',').any(|f| f.trim() == "main"),
                loose: flags.split(',').any(|f| f.trim() == "loose"),
            })
        })
        .collect();
    v.sort_by_key(|c| std::cmp::Reverse(c.form.len()));
    v
});

/// The money cue words of `lexicons/money_cues.tsv`, each with the currency a bare amount
/// after it takes when its paragraph named none (pay words: 月薪 → CNY).
static CUES: LazyLock<Vec<(&'static str, Option<&'static str>)>> = LazyLock::new(|| {
    include_str!("../../lexicons/money_cues.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t').map(str::trim);
            let word = cols.next().filter(|w| !w.is_empty())?;
            Some((word, cols.next().filter(|c| !c.is_empty())))
        })
        .collect()
});

/// Characters after 元 that make it part of another word (元素, 三元组, 元宇宙).
const NOT_YUAN: &str = "素组宇旦老首件化论朝代年月帅勋谋";

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

/// Text after which a trailing digit or a loose unit (块) is accepted as money.
fn open_after(after: &str) -> bool {
    match after.chars().next() {
        None => true,
        Some(c) if !is_han(c) => true,
        Some(_) => ["钱", "錢", "整", "多", "以", "左右", "上下", "到", "至", "起", "出头"]
            .iter()
            .any(|w| after.starts_with(w)),
    }
}

/// The currency form written at `at` (after one optional space), for a number before it.
fn post_at(text: &str, at: usize) -> Option<(&'static Currency, usize)> {
    let rest = text.get(at..)?;
    let (rest, skip) = match rest.strip_prefix(' ') {
        Some(r) => (r, 1),
        None => (rest, 0),
    };
    let c = CURRENCIES.iter().find(|c| c.post && rest.starts_with(c.form))?;
    // a Latin code must not run on into more letters (USDT)
    let end = at + skip + c.form.len();
    let next = text[end..].chars().next();
    if c.form.is_ascii() && next.is_some_and(|n| n.is_ascii_alphanumeric()) {
        return None;
    }
    if c.form.ends_with('元') && next.is_some_and(|n| NOT_YUAN.contains(n)) {
        return None;
    }
    Some((c, end))
}

/// The currency form written right before `start` (one optional space between).
fn pre_at(text: &str, start: usize) -> Option<(&'static Currency, usize)> {
    let before = text.get(..start)?;
    let before = before.strip_suffix(' ').unwrap_or(before);
    let c = CURRENCIES.iter().find(|c| c.pre && before.ends_with(c.form))?;
    let begin = before.len() - c.form.len();
    // a Latin code must not be the end of a longer word
    if c.form.chars().all(|x| x.is_ascii_alphabetic())
        && text[..begin].chars().next_back().is_some_and(|p| p.is_ascii_alphanumeric())
    {
        return None;
    }
    Some((c, begin))
}

/// One digit 1-9 (Chinese or Arabic) at `at`, not followed by another Arabic digit.
fn one_digit(text: &str, at: usize) -> Option<(u8, usize)> {
    let c = text.get(at..)?.chars().next()?;
    let d = if c.is_ascii_digit() { c as u8 - b'0' } else { numeral::digit_value(c)? };
    let end = at + c.len_utf8();
    if d == 0 || text[end..].starts_with(|x: char| x.is_ascii_digit()) {
        return None;
    }
    Some((d, end))
}

/// Level of a yuan subunit: 1 for 角/毛/毫, 2 for 分/仙.
fn subunit_at(text: &str, at: usize) -> Option<(u32, usize, bool)> {
    let c = text.get(at..)?.chars().next()?;
    let (level, hk) = match c {
        '角' | '毛' => (1, false),
        '毫' => (1, true),
        '分' => (2, false),
        '仙' => (2, true),
        _ => return None,
    };
    Some((level, at + c.len_utf8(), hk))
}

/// Subunits after a main unit (or after a first subunit): 1角1分, 六角七分, 二 (implied
/// 角), 零四 (implied 分), 半. `level` is the last level read (0 = the main unit).
/// Returns the amount added and the end.
fn subunits(text: &str, at: usize, mut level: u32) -> (Decimal, usize) {
    let mut add = Decimal::ZERO;
    let mut pos = at;
    if level == 0 && text[pos..].starts_with('半') {
        let half = Decimal::new(5, 1).unwrap_or(Decimal::ZERO);
        return (half, pos + '半'.len_utf8());
    }
    let mut zero = false;
    for z in ['零', '〇'] {
        if level == 0 && text[pos..].starts_with(z) {
            zero = true;
            pos += z.len_utf8();
        }
    }
    while level < 2 {
        let Some((d, after_digit)) = one_digit(text, pos) else { break };
        match subunit_at(text, after_digit) {
            Some((l, after_unit, _)) if l > level && !(zero && l == 1) => {
                let v = Decimal::from_int(i128::from(d)).div_pow10(l).unwrap_or(Decimal::ZERO);
                add = add.checked_add(v).unwrap_or(add);
                level = l;
                pos = after_unit;
            }
            Some(_) => break,
            None => {
                // an implied unit: 一块二 (角), 三块零四 (分), 两毛五 (分)
                if !open_after(&text[after_digit..]) {
                    break;
                }
                let l = if zero { 2 } else { level + 1 };
                let v = Decimal::from_int(i128::from(d)).div_pow10(l).unwrap_or(Decimal::ZERO);
                add = add.checked_add(v).unwrap_or(add);
                pos = after_digit;
                break;
            }
        }
        zero = false;
    }
    if pos > at || level > 0 {
        for w in ["钱", "錢"] {
            if text[pos..].starts_with(w) {
                pos += w.len();
            }
        }
    }
    // 8000圆整, 壹仟玖佰元整 (but not 整体, 整合)
    if let Some(rest) = text[pos..].strip_prefix('整') {
        if rest.chars().next().is_none_or(|c| !is_han(c)) {
            pos += '整'.len_utf8();
        }
    }
    (add, pos)
}

/// Whether `[start, end)` is, up to qualifiers, spaces and punctuation, its whole sentence
/// (a price written on its own: 两毛五, 五個半).
fn standalone(ctx: &Context, start: usize, end: usize) -> bool {
    let text = ctx.text;
    let i = ctx.sentences.partition_point(|s| s.end <= start);
    let (s_start, s_end) = match ctx.sentences.get(i) {
        Some(s) if s.start <= start && end <= s.end => (s.start, s.end),
        _ => return false,
    };
    let punct =
        |c: char| c.is_whitespace() || c.is_ascii_punctuation() || "。！？，、；：".contains(c);
    let before = text[s_start..start].trim_matches(punct);
    let after = text[end..s_end].trim_matches(punct);
    let before_ok = before.is_empty()
        || numeral::prefix_approx(before, before.len()).is_some_and(|_| {
            ["至少", "最多", "起码", "起碼", "大约", "约", "不到", "超过"].contains(&before)
        });
    let after_ok = after.is_empty() || ["以上", "以下", "左右", "钱", "錢"].contains(&after);
    before_ok && after_ok
}

/// A money amount found at one numeral.
struct Found {
    start: usize,
    end: usize,
    value: Decimal,
    code: &'static str,
    /// The currency was written after the number (so a range or list before it shares it).
    post: bool,
}

fn with_shift(v: Decimal, shift: u32) -> Decimal {
    if shift == 0 { v } else { v.div_pow10(shift).unwrap_or(v) }
}

/// Reads money at numeral `n`, if its currency is written beside it.
fn money_at(ctx: &Context, n: &Numeral) -> Option<Found> {
    let text = ctx.text;
    if n.latin && post_at(text, n.end).is_none() && pre_at(text, n.start).is_none() {
        return None;
    }
    let mut value = n.value;
    let mut end = n.end;
    // 两个亿, 三个多亿
    if n.big_exp == 0 && !n.unit_led {
        for ge in ['个', '個'] {
            if let Some(rest) = text[end..].strip_prefix(ge) {
                let big = rest.chars().next().and_then(|c| match c {
                    '亿' | '億' => Some((8, c.len_utf8())),
                    '万' | '萬' => Some((4, c.len_utf8())),
                    _ => None,
                });
                if let Some((exp, len)) = big {
                    value = value.checked_mul_pow10(exp)?;
                    end += ge.len_utf8() + len;
                }
            }
        }
    }
    let pre = pre_at(text, n.start);
    let start = pre.map_or(n.start, |(_, b)| b);
    if let Some((cur, mut cend)) = post_at(text, end) {
        let mut code = cur.code;
        let mut shift = cur.shift;
        // 三万元欧元, 9000元日币: a second currency word names the currency
        if cur.form == "元" {
            if let Some((c2, e2)) = post_at(text, cend) {
                if !c2.main && c2.code != "CNY" {
                    code = c2.code;
                    shift = c2.shift;
                    cend = e2;
                }
            }
        }
        // 港币两千九百六十元: a currency before the number names it
        if let Some((p, _)) = pre {
            if cur.main && p.code != code {
                code = p.code;
            }
        }
        let mut amount = with_shift(value, shift);
        if cur.main {
            let (add, e) = subunits(text, cend, 0);
            if e > cend {
                amount = amount.checked_add(add)?;
                cend = e;
            }
        }
        if cur.loose && !open_after(&text[cend..]) {
            return None;
        }
        return Some(Found { start, end: cend, value: amount, code, post: true });
    }
    // Cantonese 個 as the dollar: 港幣三個一毫四, 五個半 (with a currency before it or alone)
    if let Some(rest) = text[end..].strip_prefix('個') {
        let after = end + '個'.len_utf8();
        if rest.starts_with('半') || one_digit(text, after).is_some() {
            let (add, e) = subunits(text, after, 0);
            if e > after && (pre.is_some() || standalone(ctx, start, e)) {
                let code = pre.map_or("CNY", |(p, _)| p.code);
                return Some(Found {
                    start,
                    end: e,
                    value: value.checked_add(add)?,
                    code,
                    post: false,
                });
            }
        }
    }
    // subunits alone: 两毛五, 2角, 五分钱, 两毫 (with 钱 after them, a currency before them,
    // or written alone)
    if let Some((level, after_unit, hk)) = subunit_at(text, end) {
        if n.value.to_f64() < 100.0 && n.value.is_integer() && n.approx.is_none() {
            let base = value.div_pow10(level)?;
            let (add, e) = subunits(text, after_unit, level);
            let amount = base.checked_add(add)?;
            let money_word =
                text[after_unit..e].contains('钱') || text[after_unit..e].contains('錢');
            if money_word || pre.is_some() || standalone(ctx, start, e) {
                let code = pre.map_or(if hk { "HKD" } else { "CNY" }, |(p, _)| p.code);
                return Some(Found { start, end: e, value: amount, code, post: false });
            }
        }
    }
    let (p, b) = pre?;
    Some(Found { start: b, end, value: with_shift(value, p.shift), code: p.code, post: false })
}

/// The last `n` characters of `s`.
fn tail_chars(s: &str, n: usize) -> &str {
    match s.char_indices().rev().nth(n.saturating_sub(1)) {
        Some((i, _)) => &s[i..],
        None => s,
    }
}

/// Whether a money word (融资, 估值, 营收…) stands shortly before `start` in its sentence.
pub(crate) fn money_cue_before(ctx: &Context, start: usize) -> bool {
    let window = cue_window(ctx, start);
    CUES.iter().any(|(c, _)| window.contains(c))
}

/// The text a money cue for an amount at `start` may stand in: up to 10 characters before
/// it, within its sentence.
fn cue_window<'t>(ctx: &Context<'t>, start: usize) -> &'t str {
    let i = ctx.sentences.partition_point(|s| s.end <= start);
    let s_start = ctx.sentences.get(i).map_or(0, |s| s.start.min(start));
    tail_chars(&ctx.text[s_start..start], 10)
}

/// The currency a pay word shortly before `start` implies (月薪2万, 月薪10k~15k → CNY).
fn default_currency_before(ctx: &Context, start: usize) -> Option<&'static str> {
    let window = cue_window(ctx, start);
    CUES.iter().find_map(|&(c, code)| code.filter(|_| window.contains(c)))
}

/// Finds the start of the line (paragraph) of offsets that mostly grow, looking only at the
/// text between one query and the next, so a whole pass stays linear.
#[derive(Default)]
struct Lines {
    pos: usize,
    start: usize,
}

impl Lines {
    fn start_of(&mut self, text: &str, at: usize) -> usize {
        if at < self.pos {
            return text[..at].rfind('\n').map_or(0, |i| i + 1);
        }
        if let Some(i) = text[self.pos..at].rfind('\n') {
            self.start = self.pos + i + 1;
        }
        self.pos = at;
        self.start
    }
}

fn push(
    out: &mut Vec<Candidate>,
    start: usize,
    end: usize,
    amount: Decimal,
    code: &str,
    approx: Option<Approx>,
) {
    let value = Value::Money(Money { amount, currency: code.to_string(), approx });
    out.push(Candidate::new(EntityKind::Money, start, end, tier::SURE).with_value(value));
}

fn approx_of(text: &str, n: &Numeral, start: usize, end: usize) -> Option<Approx> {
    n.approx
        .or_else(|| numeral::prefix_approx(text, start))
        .or_else(|| numeral::suffix_approx(text, end))
}

/// Money at the numerals `nums` of the text (`numeral::scan_all`, computed once per
/// document and shared with `measure`).
pub(crate) fn recognize(ctx: &Context, nums: &[Numeral], out: &mut Vec<Candidate>) {
    let text = ctx.text;
    let mut used = vec![false; nums.len()];
    let mut last_currency: Option<(&'static str, usize)> = None;
    let mut lines = Lines::default();
    for k in 0..nums.len() {
        if used[k] {
            continue;
        }
        let n = &nums[k];
        // 第一, and 统一 or 唯一 before 元: a digit that ends another word is no number
        if text[..n.start].ends_with('第') || numeral::ends_other_word(ctx.tokens, n) {
            continue;
        }
        let found = match money_at(ctx, n) {
            Some(f) => Some(f),
            None => {
                // a bare amount in a paragraph whose currency is known (上市融资1.45亿), or
                // after a pay word (月薪2万, 月薪10k~15k)
                let next = text[n.end..].chars().next();
                let bare = (n.big_exp > 0 || n.latin)
                    && !n.unit_led
                    && next.is_none_or(|c| !is_han(c) || c == '的');
                let known = match last_currency {
                    Some((code, line))
                        if bare
                            && !n.latin
                            && line == lines.start_of(text, n.start)
                            && money_cue_before(ctx, n.start) =>
                    {
                        Some(code)
                    }
                    _ => None,
                };
                let code = known
                    .or_else(|| if bare { default_currency_before(ctx, n.start) } else { None });
                code.map(|code| Found {
                    start: n.start,
                    end: n.end,
                    value: n.value,
                    code,
                    post: false,
                })
            }
        };
        let Some(f) = found else { continue };
        used[k] = true;
        let approx = approx_of(text, n, f.start, f.end);
        push(out, f.start, f.end, f.value, f.code, approx);
        last_currency = Some((f.code, lines.start_of(text, f.start)));
        if !f.post || f.start != n.start {
            continue;
        }
        // a range or a list before it shares its currency
        let shift = post_at(text, n.end).map_or(0, |(c, _)| c.shift);
        let mut j = k;
        while let Some(join) = numeral::joined_left(text, nums, j) {
            let p = j - 1;
            if used[p] || text[..nums[p].start].ends_with('第') {
                break;
            }
            let first = &nums[p];
            let v = match join {
                Join::Range if j == k => numeral::range_first_value(first, n),
                Join::Range => break,
                Join::List => first.value,
            };
            used[p] = true;
            let approx = first.approx.or_else(|| numeral::prefix_approx(text, first.start));
            push(out, first.start, first.end, with_shift(v, shift), f.code, approx);
            if join == Join::Range {
                break;
            }
            j = p;
        }
    }
    standalone_dollar(ctx, out);
}

/// 個半, 個九 (Cantonese: a dollar and a half, a dollar ninety) written alone.
fn standalone_dollar(ctx: &Context, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    for s in ctx.sentences {
        let body = &text[s.start..s.end];
        let lead = body.len() - body.trim_start().len();
        let at = s.start + lead;
        let Some(rest) = text[at..s.end].strip_prefix('個') else { continue };
        let after = at + '個'.len_utf8();
        if !(rest.starts_with('半') || one_digit(text, after).is_some()) {
            continue;
        }
        let (add, e) = subunits(text, after, 0);
        if e > after && standalone(ctx, at, e) {
            let value = Decimal::from_int(1).checked_add(add);
            if let Some(v) = value {
                push(out, at, e, v, "CNY", None);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn currency_table_parses() {
        assert!(CURRENCIES.len() > 50);
        let usd = CURRENCIES.iter().find(|c| c.form == "美分").expect("美分");
        assert_eq!((usd.code, usd.shift), ("USD", 2));
        assert!(CURRENCIES.iter().any(|c| c.form == "块" && c.loose && c.main));
        assert!(!CUES.is_empty());
    }
}
