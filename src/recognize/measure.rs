//! Percentages, quantities (number + measure word) and durations.
//!
//! Measure words and time units live in `lexicons/measure_words.tsv`. Durations are
//! TIMEX3 values (`P4Y`, `P18M`, `PT1H30M`), read with compounds (两年零三个月, 36天5小时30分),
//! halves (两年半, 一个半月, 半年) and 多 (一年多, 三个多月: approx over). A year count is
//! a duration only when it cannot be a calendar year (2023年, 08年, 90年代 are dates).
//! Ordinals and ranks (第3名, 前五大) and 一 used as an article (一次, 一家) are not tagged.

use std::sync::LazyLock;

use super::numeral::{self, Join, Numeral};
use super::{Candidate, Context, money, tier};
use crate::decimal::Decimal;
use crate::model::{Approx, Duration, EntityKind, Percent, Quantity, Value};

/// Rank of a duration unit, largest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Y = 0,
    M = 1,
    W = 2,
    D = 3,
    H = 4,
    Min = 5,
    S = 6,
}

#[derive(Debug)]
enum UnitKind {
    Duration(Rank, i128),
    Quantity,
}

/// One row of `lexicons/measure_words.tsv`.
#[derive(Debug)]
struct Unit {
    form: &'static str,
    kind: UnitKind,
    count: bool,
    loose: bool,
}

static UNITS: LazyLock<Vec<Unit>> = LazyLock::new(|| {
    let mut v: Vec<Unit> = include_str!("../../lexicons/measure_words.tsv")
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let cols: Vec<&'static str> = l.split('\t').map(str::trim).collect();
            let form = *cols.first()?;
            let unit = *cols.get(2)?;
            let factor: i128 = cols.get(3).and_then(|f| f.parse().ok()).unwrap_or(1);
            let flags = cols.get(4).copied().unwrap_or("");
            let kind = match *cols.get(1)? {
                "duration" => UnitKind::Duration(
                    match unit {
                        "Y" => Rank::Y,
                        "M" => Rank::M,
                        "W" => Rank::W,
                        "D" => Rank::D,
                        "H" => Rank::H,
                        "MIN" => Rank::Min,
                        "S" => Rank::S,
                        _ => return None,
                    },
                    factor,
                ),
                "quantity" => UnitKind::Quantity,
                _ => return None,
            };
            Some(Unit {
                form,
                kind,
                count: flags.split(',').any(|f| f == "count"),
                loose: flags.split(',').any(|f| f == "loose"),
            })
        })
        .collect();
    v.sort_by_key(|u| std::cmp::Reverse(u.form.len()));
    v
});

/// Common words that begin with a measure word (`word` rows of `lexicons/measure_words.tsv`):
/// when jieba cut one of them right after a number, its first character is no measure word.
static UNIT_WORDS: LazyLock<std::collections::HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("../../lexicons/measure_words.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t').map(str::trim);
            let form = cols.next()?;
            (cols.next()? == "word").then_some(form)
        })
        .collect()
});

/// Words a measure word may begin without being one (三部分, 10位数, 2次方).
const NOT_MEASURE: [&str; 19] = [
    "位一体",
    "部分",
    "位数",
    "次方",
    "名义",
    "只是",
    "支持",
    "所以",
    "起来",
    "行业",
    "门槛",
    "头部",
    "道路",
    "首先",
    "本身",
    "股份",
    "批准",
    "种子",
    "单位",
];

/// What may follow a year count for it to be a calendar year instead (12年3月, 90年代).
const YEAR_NOT_DURATION: [&str; 24] = [
    "月",
    "代",
    "级",
    "度",
    "初",
    "底",
    "末",
    "前",
    "后",
    "後",
    "春",
    "夏",
    "秋",
    "冬",
    "上半年",
    "下半年",
    "中",
    "第",
    "Q",
    "以前",
    "以后",
    "之前",
    "之后",
    "的时候",
];

/// What may follow a two-digit year (98年毕业) that makes it a calendar year.
const YEAR_EVENTS: [&str; 18] = [
    "毕业", "出生", "生人", "成立", "创立", "创办", "创业", "加入", "入职", "进入", "开始", "起",
    "至", "到", "时", "上市", "那年", "年初",
];

/// Words before a 一 that make it "the same", "each", "which" rather than one (同一天).
const NOT_ONE: &str = "同第每这那哪某任另前后上下唯有其";

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

fn unit_at(text: &str, at: usize) -> Option<&'static Unit> {
    let rest = text.get(at..)?;
    UNITS.iter().find(|u| rest.starts_with(u.form))
}

/// Ordinals and ranks: 第3名, 前五大, 后两位.
fn is_ordinal(text: &str, start: usize) -> bool {
    let before = &text[..start];
    before.ends_with('第')
        || before.ends_with("前")
        || before.ends_with("后")
        || before.ends_with("頭")
}

/// Words right before a count that make it a length of time (近5日, 过去 10 月).
const DURATION_BEFORE: [&str; 8] = ["近", "过去", "未来", "连续", "长达", "为期", "历时", "最近"];

/// Words right after a count that make it a length of time (3日内, 10 月以来).
const DURATION_AFTER: [&str; 6] = ["内", "以内", "之内", "以来", "里", "左右"];

/// Whether a duration word stands right before `start` or right after `end` (one space
/// allowed either side).
fn duration_cue(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].trim_end_matches(' ');
    let after = text[end..].trim_start_matches(' ');
    DURATION_BEFORE.iter().any(|w| before.ends_with(w))
        || DURATION_AFTER.iter().any(|w| after.starts_with(w))
}

/// Whether `start..end` stands alone: no letter, digit or Han character touches it on
/// either side (spaces skipped), as in a table cell or a bare query (`10 月`).
fn isolated(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric();
    let before = text[..start].trim_end_matches(' ').chars().next_back();
    let after = text[end..].trim_start_matches(' ').chars().next();
    !before.is_some_and(word) && !after.is_some_and(word)
}

/// Words a duration unit may begin without being one (数千万天使轮, 3天堂).
const NOT_DURATION: [&str; 10] =
    ["天使", "天堂", "天然", "天下", "天价", "天才", "天线", "天空", "天气", "周边"];

/// Whether the measure word `at..end` is only the first part of a longer word (三部门,
/// 5家居, 10位置): jieba cut a common word of [`UNIT_WORDS`] there that begins with the
/// measure word and runs past it.
fn unit_starts_word(ctx: &Context, at: usize, end: usize) -> bool {
    let Some(t) = end.checked_sub(1).and_then(|i| ctx.tokens.at(i)) else { return false };
    // jieba's dictionary also holds rare measure + noun pairs (种颜色, 层楼): only the
    // common words of the list count
    if t.start != at
        || t.end <= end
        || !ctx.text.get(t.start..t.end).is_some_and(|w| UNIT_WORDS.contains(w))
    {
        return false;
    }
    // 八家电商: jieba read 家电 and left 商 alone, but 电商 is a word too, so the count
    // may stand
    let next = ctx.tokens.at(t.end).filter(|n| n.start == t.end);
    let orphan = next.and_then(|n| ctx.text.get(n.start..n.end)).filter(|w| w.chars().count() == 1);
    !orphan.is_some_and(|o| {
        ctx.text.get(end..t.end + o.len()).is_some_and(|w| ctx.segmenter.is_word(w))
    })
}

fn half() -> Decimal {
    Decimal::new(5, 1).unwrap_or(Decimal::ZERO)
}

/// A duration being read.
#[derive(Default)]
struct Dur {
    parts: [Option<Decimal>; 7],
    over: bool,
    last: Option<Rank>,
    first_loose_min: bool,
    saw_seconds_or_half: bool,
}

impl Dur {
    fn add(&mut self, rank: Rank, v: Decimal) -> Option<()> {
        let slot = &mut self.parts[rank as usize];
        *slot = Some(slot.unwrap_or(Decimal::ZERO).checked_add(v)?);
        self.last = Some(rank);
        Some(())
    }

    /// The TIMEX3 value: fractions move to the next smaller unit when that is exact
    /// (两年半 → P30M, 1.5小时 → PT90M); a fraction of a month stays (P1.5M).
    fn timex(&self) -> Option<String> {
        let mut p = self.parts;
        let moves: [(usize, usize, i128); 5] =
            [(0, 1, 12), (2, 3, 7), (3, 4, 24), (4, 5, 60), (5, 6, 60)];
        for (from, to, k) in moves {
            if let Some(v) = p[from] {
                if !v.is_integer() {
                    let moved = v.checked_mul(Decimal::from_int(k))?;
                    if moved.is_integer() {
                        p[from] = None;
                        p[to] = Some(p[to].unwrap_or(Decimal::ZERO).checked_add(moved)?);
                    }
                }
            }
        }
        let mut s = String::from("P");
        for (i, letter) in ["Y", "M", "W", "D"].iter().enumerate() {
            if let Some(v) = p[i] {
                s += &format!("{v}{letter}");
            }
        }
        if p[4..].iter().any(Option::is_some) {
            s.push('T');
            for (i, letter) in ["H", "M", "S"].iter().enumerate() {
                if let Some(v) = p[4 + i] {
                    s += &format!("{v}{letter}");
                }
            }
        }
        if s == "P" { None } else { Some(s) }
    }
}

/// Reads one duration component at `at` for the number `value`: [个][多|半] unit [半|多].
/// `first` says whether it is the first component; `space_before` whether a space
/// separated it from its number. Returns the end.
fn component(
    text: &str,
    at: usize,
    value: Decimal,
    d: &mut Dur,
    first: bool,
    n: Option<&Numeral>,
) -> Option<usize> {
    let mut pos = at;
    let spaced = text[pos..].starts_with(' ');
    if spaced {
        pos += 1;
    }
    let mut value = value;
    let mut ge = false;
    for g in ['个', '個'] {
        if let Some(rest) = text[pos..].strip_prefix(g) {
            if rest.starts_with('多') || rest.starts_with('半') {
                ge = true;
                pos += g.len_utf8();
                if rest.starts_with('多') {
                    d.over = true;
                } else {
                    value = value.checked_add(half())?;
                    d.saw_seconds_or_half = true;
                }
                pos += '多'.len_utf8();
            }
        }
    }
    let unit = unit_at(text, pos)?;
    let UnitKind::Duration(rank, factor) = unit.kind else { return None };
    if NOT_DURATION.iter().any(|w| text[pos..].starts_with(w)) {
        return None;
    }
    if d.last.is_some_and(|l| rank <= l) {
        return None;
    }
    let mut end = pos + unit.form.len();
    let after = &text[end..];
    if unit.loose {
        match unit.form {
            "月" => {
                // 十 月 (a space) written alone or with a duration word, 两年三月, 一個半月:
                // otherwise a month name (在 9 月接替 is September)
                let ok = ge
                    || !first
                    || (spaced
                        && n.is_some_and(|n| {
                            let before = text[..n.start].trim_end_matches(' ');
                            !before.ends_with('年')
                                && (value.to_f64() > 12.0
                                    || duration_cue(text, n.start, end)
                                    || isolated(text, n.start, end))
                        })
                        && !after.trim_start_matches(' ').starts_with(|c: char| {
                            c.is_ascii_digit()
                                || numeral::is_numeral_char(c)
                                || "日号份底初中末".contains(c)
                        }));
                if !ok {
                    return None;
                }
            }
            "日" => {
                // 五 日 (a space) written alone, 两日, 40日, 3日内, 近5日: otherwise a day of
                // the month (3 月 18 日, with or without spaces, is a date)
                let ok = !first || ge || {
                    let n = n?;
                    let before = text[..n.start].trim_end_matches(' ');
                    let two = text[n.start..n.end].contains(['两', '兩', '俩', '倆']);
                    !before.ends_with('月')
                        && ((spaced && isolated(text, n.start, end))
                            || two
                            || value.to_f64() > 31.0
                            || duration_cue(text, n.start, end))
                };
                if !ok {
                    return None;
                }
            }
            "分" => {
                if first {
                    d.first_loose_min = true;
                } else if d.last != Some(Rank::H) {
                    return None;
                }
            }
            _ => {
                if !ge {
                    return None;
                }
            }
        }
    }
    if unit.form == "年" && first {
        let n = n?;
        let digits = &text[n.start..n.end];
        let arabic_year = n.arabic && digits.chars().filter(char::is_ascii_digit).count() >= 4;
        // 98年毕业, 10年创业: a two-digit year followed by what happened in it
        let short_year =
            n.arabic && digits.len() == 2 && YEAR_EVENTS.iter().any(|w| after.starts_with(w));
        if arabic_year
            || short_year
            || digits.starts_with('0')
            || n.value.to_f64() >= 1000.0
            || YEAR_NOT_DURATION.iter().any(|w| after.starts_with(w))
        {
            return None;
        }
    }
    let mut v = value.checked_mul(Decimal::from_int(factor))?;
    // 两年半, 五分半(鐘), 三天半
    if !ge {
        if let Some(rest) = text[end..].strip_prefix('半') {
            if !rest.starts_with(['个', '個', '年', '月', '天', '日']) || unit.form == "分" {
                v = v.checked_add(half().checked_mul(Decimal::from_int(factor))?)?;
                end += '半'.len_utf8();
                d.saw_seconds_or_half = true;
                for z in ['钟', '鐘'] {
                    if unit.form == "分" && text[end..].starts_with(z) {
                        end += z.len_utf8();
                    }
                }
            }
        }
    }
    // 一年多, 两周多
    if text[end..].starts_with('多') && !d.over {
        let next = text[end + '多'.len_utf8()..].chars().next();
        if !next.is_some_and(|c| unit_at(text, end + '多'.len_utf8()).is_some() && is_han(c)) {
            d.over = true;
            end += '多'.len_utf8();
        }
    }
    // 一年一度, 一天一夜 style idioms
    if first && n.is_some_and(|n| n.single_digit) && text[end..].starts_with("一度") {
        return None;
    }
    if rank == Rank::S {
        d.saw_seconds_or_half = true;
    }
    d.add(rank, v)?;
    Some(end)
}

/// Reads a whole duration starting with the number `n`.
fn duration_at(text: &str, n: &Numeral) -> Option<(usize, Dur)> {
    let mut d = Dur::default();
    let mut end = component(text, n.end, n.value, &mut d, true, Some(n))?;
    // further components: 两年零三个月, 一小时零十五秒, 36天5小时30分
    loop {
        let mut pos = end;
        for z in ["零", "又", "〇"] {
            if text[pos..].starts_with(z) {
                pos += z.len();
                break;
            }
        }
        let Some(m) = numeral::scan(text, pos) else { break };
        if m.latin {
            break;
        }
        match component(text, m.end, m.value, &mut d, false, Some(&m)) {
            Some(e) => end = e,
            None => break,
        }
    }
    if d.first_loose_min && !d.saw_seconds_or_half {
        return None;
    }
    Some((end, d))
}

fn approx_of(text: &str, inner: Option<Approx>, start: usize, end: usize) -> Option<Approx> {
    inner
        .or_else(|| numeral::prefix_approx(text, start))
        .or_else(|| numeral::suffix_approx(text, end))
}

fn push(out: &mut Vec<Candidate>, kind: EntityKind, start: usize, end: usize, t: u8, value: Value) {
    out.push(Candidate::new(kind, start, end, t).with_value(value));
}

/// What was found at one numeral, for the range and list before it to share.
enum Shared {
    Percent(Decimal),
    Duration(Rank, i128),
    Quantity(&'static str),
}

/// Percentages, durations and quantities at the numerals `nums` of the text
/// (`numeral::scan_all`, computed once per document and shared with `money`), and the
/// durations written without a digit (半年).
pub(crate) fn recognize(ctx: &Context, nums: &[Numeral], out: &mut Vec<Candidate>) {
    let text = ctx.text;
    let mut used = vec![false; nums.len()];
    for k in 0..nums.len() {
        if used[k] {
            continue;
        }
        let n = &nums[k];
        if text[..n.start].ends_with('第') || n.latin {
            continue;
        }
        // 第3-5名: a range of ranks
        if numeral::joined_left(text, nums, k) == Some(Join::Range)
            && is_ordinal(text, nums[k - 1].start)
        {
            continue;
        }
        let Some(shared) = at_numeral(ctx, n, out) else { continue };
        used[k] = true;
        // a range or list before it shares its unit: 3-5%, 3~6个月, 3、5人
        let mut j = k;
        while let Some(join) = numeral::joined_left(text, nums, j) {
            let p = j - 1;
            let first = &nums[p];
            if used[p] || is_ordinal(text, first.start) || first.latin {
                break;
            }
            let v = match join {
                Join::Range if j == k => numeral::range_first_value(first, n),
                Join::Range => break,
                Join::List => first.value,
            };
            let approx = first.approx.or_else(|| numeral::prefix_approx(text, first.start));
            let value = match &shared {
                Shared::Percent(div) => {
                    let Some(v) = v.checked_mul(*div) else { break };
                    Value::Percent(Percent { value: v, approx: None })
                }
                Shared::Duration(rank, factor) => {
                    let mut d = Dur::default();
                    let Some(v) = v.checked_mul(Decimal::from_int(*factor)) else { break };
                    if d.add(*rank, v).is_none() {
                        break;
                    }
                    let Some(timex) = d.timex() else { break };
                    Value::Duration(Duration { timex, approx })
                }
                Shared::Quantity(unit) => {
                    Value::Quantity(Quantity { amount: v, unit: Some((*unit).to_string()), approx })
                }
            };
            let kind = match &shared {
                Shared::Percent(_) => EntityKind::Percent,
                Shared::Duration(..) => EntityKind::Duration,
                Shared::Quantity(_) => EntityKind::Quantity,
            };
            used[p] = true;
            push(out, kind, first.start, first.end, tier::STRONG, value);
            if join == Join::Range {
                break;
            }
            j = p;
        }
    }
    halves(ctx, out);
}

/// Percent, duration or quantity at numeral `n`; what a range before it may share.
fn at_numeral(ctx: &Context, n: &Numeral, out: &mut Vec<Candidate>) -> Option<Shared> {
    let text = ctx.text;
    // percent: 16%, 百分之十六, 千分之五
    let after = text[n.end..].strip_prefix(' ').unwrap_or(&text[n.end..]);
    let sign_len = if after.starts_with('%') {
        Some((1, Decimal::from_int(1)))
    } else if after.starts_with('‰') {
        Some(('‰'.len_utf8(), Decimal::new(1, 1)?))
    } else {
        None
    };
    if let Some((len, div)) = sign_len {
        let end = text.len() - after.len() + len;
        let value = n.value.checked_mul(div)?;
        // SPEC: a percent carries only its value, never `approx`
        let approx = None;
        push(
            out,
            EntityKind::Percent,
            n.start,
            end,
            tier::SURE,
            Value::Percent(Percent { value, approx }),
        );
        return Some(Shared::Percent(div));
    }
    for (word, div) in [("百分之", Decimal::from_int(1)), ("千分之", Decimal::new(1, 1)?)] {
        if text[..n.start].ends_with(word) {
            let start = n.start - word.len();
            let value = n.value.checked_mul(div)?;
            let approx = None;
            push(
                out,
                EntityKind::Percent,
                start,
                n.end,
                tier::SURE,
                Value::Percent(Percent { value, approx }),
            );
            return None;
        }
    }
    // 统一, 唯一: a digit that ends another word is no number
    if numeral::ends_other_word(ctx.tokens, n) {
        return None;
    }
    let one = n.single_digit && n.value == Decimal::from_int(1);
    let prev = text[..n.start].chars().next_back();
    // duration
    let not_one = one && prev.is_some_and(|p| NOT_ONE.contains(p));
    // 周五周六, 星期二: a weekday, not a count of weeks
    let weekday = n.single_digit
        && ["周", "週", "星期", "礼拜", "禮拜"].iter().any(|w| text[..n.start].ends_with(w));
    if !not_one && !weekday && !text[..n.start].ends_with('第') {
        if let Some((end, d)) = duration_at(text, n) {
            let timex = d.timex()?;
            let inner = if d.over { Some(Approx::Over) } else { n.approx };
            let approx = approx_of(text, inner, n.start, end);
            // 十 月 with a space is weak evidence: a date recogniser's month name wins
            let weak = text[n.end..end].contains(" 月");
            let t = if weak {
                tier::WEAK
            } else if text[n.end..end].contains('日') {
                tier::RULE
            } else {
                tier::STRONG
            };
            push(
                out,
                EntityKind::Duration,
                n.start,
                end,
                t,
                Value::Duration(Duration { timex, approx }),
            );
            let single = d.parts.iter().filter(|p| p.is_some()).count() == 1 && !d.over;
            if single {
                if let Some(u) = unit_at(text, n.end) {
                    if let UnitKind::Duration(rank, factor) = u.kind {
                        return Some(Shared::Duration(rank, factor));
                    }
                }
            }
            return None;
        }
    }
    // quantity
    if one || n.unit_led || is_ordinal(text, n.start) {
        return None;
    }
    let at = if after.len() < text.len() - n.end { n.end + 1 } else { n.end };
    if let Some(u) = unit_at(text, at) {
        if !matches!(u.kind, UnitKind::Quantity) {
            return None;
        }
        if u.count && !n.value.is_integer() {
            return None;
        }
        if NOT_MEASURE.iter().any(|w| text[at..].starts_with(w)) {
            return None;
        }
        // 两个亿 is money or a bare amount, not 2 个
        let end = at + u.form.len();
        if unit_starts_word(ctx, at, end) {
            return None;
        }
        // 零部件, 零头: a Chinese zero in running text counts nothing (零个 alone does);
        // 二次开发: 二 before 次 says "second" (two times is 两次)
        let zero = n.value == Decimal::ZERO && !isolated(text, n.start, end);
        let second = u.form == "次" && text[n.start..].starts_with('二');
        if !n.arabic && n.single_digit && (zero || second) {
            return None;
        }
        if (u.form == "个" || u.form == "個") && text[end..].starts_with(['亿', '万', '億', '萬'])
        {
            return None;
        }
        let approx = approx_of(text, n.approx, n.start, end);
        let value =
            Value::Quantity(Quantity { amount: n.value, unit: Some(u.form.to_string()), approx });
        push(out, EntityKind::Quantity, n.start, end, tier::STRONG, value);
        return Some(Shared::Quantity(u.form));
    }
    // a bare count with 万/亿 (用户数达到3亿); money wins where the paragraph says so
    let next = text[n.end..].chars().next();
    if n.big_exp > 0
        && next.is_none_or(|c| !is_han(c) || c == '的')
        && !money::money_cue_before(ctx, n.start)
    {
        let approx = approx_of(text, n.approx, n.start, n.end);
        let value = Value::Quantity(Quantity { amount: n.value, unit: None, approx });
        push(out, EntityKind::Quantity, n.start, n.end, tier::WEAK, value);
    }
    None
}

/// Durations with no digit: 半年, 半个月, 半天, 个半小时 (Cantonese 1.5), 分半钟.
fn halves(ctx: &Context, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    // only these three characters can start one: find them without visiting every other
    for (i, m) in text.match_indices(['半', '個', '分']) {
        let Some(c) = m.chars().next() else { continue };
        let prev = text[..i].chars().next_back();
        if prev.is_some_and(|p| {
            numeral::is_numeral_char(p) || p.is_ascii_digit() || p == '个' || p == '個'
        }) {
            continue;
        }
        let (value, pos) = match c {
            '半' => (half(), i + c.len_utf8()),
            '個' if text[i + c.len_utf8()..].starts_with('半') => {
                (Decimal::new(15, 1).unwrap_or(Decimal::ZERO), i + c.len_utf8() + '半'.len_utf8())
            }
            '分' if text[i + c.len_utf8()..].starts_with('半') => {
                let e = i + c.len_utf8() + '半'.len_utf8();
                let mut end = e;
                for z in ['钟', '鐘'] {
                    if text[e..].starts_with(z) {
                        end = e + z.len_utf8();
                    }
                }
                let alone = text[end..].chars().next().is_none_or(|n| !is_han(n));
                if end > e || alone && prev.is_none_or(|p| !is_han(p)) {
                    let value = Value::Duration(Duration { timex: "PT90S".into(), approx: None });
                    push(out, EntityKind::Duration, i, end, tier::STRONG, value);
                }
                continue;
            }
            _ => continue,
        };
        let Some(u) = unit_at(text, pos) else { continue };
        // 個半鐘, 個半月, 半个月: a 個 before the unit makes a loose unit firm
        let ge = c == '個' || u.form.starts_with(['个', '個']);
        let UnitKind::Duration(rank, factor) = u.kind else { continue };
        if u.loose && !(ge || u.form == "日") {
            continue;
        }
        // 半年 alone is a duration; 上半年 and 下半年 are dates
        if prev.is_some_and(|p| matches!(p, '上' | '下' | '前' | '后')) {
            continue;
        }
        let Some(v) = value.checked_mul(Decimal::from_int(factor)) else { continue };
        let mut d = Dur::default();
        if d.add(rank, v).is_none() {
            continue;
        }
        let Some(timex) = d.timex() else { continue };
        let end = pos + u.form.len();
        let approx =
            if prev == Some('大') { Some(Approx::Over) } else { numeral::prefix_approx(text, i) };
        push(
            out,
            EntityKind::Duration,
            i,
            end,
            tier::STRONG,
            Value::Duration(Duration { timex, approx }),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_table_parses() {
        assert!(
            UNITS
                .iter()
                .any(|u| u.form == "个月" && matches!(u.kind, UnitKind::Duration(Rank::M, 1)))
        );
        assert!(UNITS.iter().any(|u| u.form == "周岁" && matches!(u.kind, UnitKind::Quantity)));
        // longest first
        let pos = |f: &str| UNITS.iter().position(|u| u.form == f).unwrap_or(usize::MAX);
        assert!(pos("周岁") < pos("周"));
    }

    #[test]
    fn timex_moves_fractions() {
        let mut d = Dur::default();
        d.add(Rank::Y, Decimal::new(25, 1).unwrap()).unwrap();
        assert_eq!(d.timex().as_deref(), Some("P30M"));
        let mut d = Dur::default();
        d.add(Rank::H, Decimal::new(15, 1).unwrap()).unwrap();
        assert_eq!(d.timex().as_deref(), Some("PT90M"));
        let mut d = Dur::default();
        d.add(Rank::M, Decimal::new(15, 1).unwrap()).unwrap();
        assert_eq!(d.timex().as_deref(), Some("P1.5M"));
    }
}
