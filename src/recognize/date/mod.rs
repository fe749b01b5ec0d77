//! Dates as TIMEX3 values: absolute, relative to the reference date, partial and vague.
//!
//! [`grammar`] parses what the text says at one position (`去年12月`, `上周三上午`,
//! `2023-11-28`); this module resolves it against the reference date and the dates
//! mentioned before it, left to right through the text.
//!
//! # Values
//!
//! `timex` follows TIMEX3: `2015`, `2023-11`, `2023-11-28`, `2024-H2`, `2024-Q3`,
//! `2025-SU` (`SP`, `SU`, `FA`, `WI`; a winter belongs to the year it starts in),
//! `2024-W41`, `2024-W41-WE` (weekend, week granularity), `2011-10-19TAF` (part of day:
//! `MO`, `MI`, `AF`, `EV`, `NI`, `DT`), `2022-11-03T20` (hour). Decades are `199`
//! (granularity `decade`), centuries TIMEX3-style by their first two digits: 21世纪 (the
//! 2000s) is `20`, 18世纪 is `17` (granularity `century`). 底/初/末/上旬/中旬/下旬 keep the
//! timex of the period they narrow (10月底 is `2020-10`).
//!
//! Two values are ranges, written as Recognizers-Text writes TIMEX3 date ranges:
//! `(START,END,PnU)`, END exclusive. A whole lunar month (`农历十月`) is the range of its
//! Gregorian days, `(2022-10-25,2022-11-24,P30D)`, granularity `month`; two or three named
//! days or years at once (`今明两年`, `明后两天`) are `(2021,2023,P2Y)`, granularity `year`, and
//! `(2021-06-15,2021-06-17,P2D)`, granularity `day`.
//!
//! # Lunar dates
//!
//! Dates of the Chinese calendar (the table is `lexicons/lunar.tsv`, 1900–2100; see
//! [`lunar`]) are converted to the Gregorian day: `农历八月十五`, `阴历二〇二一年六月`,
//! `正月初八`, `腊月18`, `闰四月`, `大年初十` (正月初十), `大年三十` (the last day of 腊月). A
//! month is lunar when a marker (农历, 阴历, 夏历, 旧历) comes before it or its year, when
//! it is 正月/冬月/腊月/闰N月, or when its day is written the traditional way without 日/号:
//! `五月初五`, `九月廿二`, `八月十五` (Gregorian dates in Chinese numerals carry 日 or 号:
//! `二月十五号` stays Gregorian, and so do Arabic days: `十月31`). A year the text gives names
//! the lunar year (`2023年大年三十` is 2024-02-09); without one, the year of the paragraph
//! when the text named only a year, else the lunar year putting the date nearest to the day
//! the paragraph spoke of last or to the reference date (in January 2022, `腊月二十三` is
//! 2022-01-25 and `正月十五` 2022-02-15). Unresolved, `relative` names the lunar date after
//! any year anchor: `last_year|lunar:12-08`, `lunar:L04` (闰四月), `lunar:12-last`.
//!
//! A date missing its year (`11月28日`) takes the year mentioned last in the same
//! paragraph, else the reference date's year; a bare day (`28日`) the month mentioned last,
//! else the reference date's month. Without either, the unknown part is `X`:
//! `XXXX-11-28`, `XXXX-XX-28`. Two-digit years (`98年4月`) are read within the hundred
//! years ending ten years after the reference date (2035 without one).
//!
//! # Relative dates without a reference date
//!
//! They are still tagged, with `"timex": null` and a `relative` string: the anchor, then
//! (after `|`) the TIMEX3 tail the text fixes below it. Anchors:
//!
//! | text | relative |
//! |---|---|
//! | 今年 / 去年 / 前年 / 大前年 / 明年 / 后年 / 大后年 | `this_year`, `last_year`, `year_before_last`, `years_ago:3`, `next_year`, `year_after_next`, `years_later:3` |
//! | 本月 / 上个月 / 下个月 / 上上个月 | `this_month`, `last_month`, `next_month`, `months_ago:2` |
//! | 本周 / 上周 / 下周 / 上上周 | `this_week`, `last_week`, `next_week`, `weeks_ago:2` |
//! | 本季度 / 上季度 / 下季度 | `this_quarter`, `last_quarter`, `next_quarter` |
//! | 今天 / 昨天 / 前天 / 明天 / 后天 / 大前天 | `today`, `yesterday`, `day_before_yesterday`, `tomorrow`, `day_after_tomorrow`, `days_ago:3` |
//! | 当天 / 次日 (no date before) | `same_day`, `next_day` |
//! | 当月 (no month before) | `same_month` |
//! | N年前 / N个月后 / N周前 / N天后 | `years_ago:N`, `months_later:N`, `weeks_ago:N`, `days_later:N` (一年半 = 18 months) |
//! | 本世纪 / 上世纪 | `this_century`, `last_century` |
//! | 上年同期 / 去年同期 | `last_year_same_period` |
//! | 今明两年 / 明后两天 | `this_year\|P2Y`, `tomorrow\|P2D` (the span's length after its first unit) |
//!
//! e.g. `去年12月` → `last_year|-12`, `上周三` → `last_week|-3`, `昨天晚上` → `yesterday|TEV`,
//! a bare `周三` → `this_week|-3`, `今年夏天` → `this_year|-SU`. With a reference date the
//! value is resolved and `relative` is omitted (gold values carry only timex and
//! granularity).
//!
//! Not dates: vague words (近日, 如今, 当年, 目前, 此前, 至今, 未来, 过去), counts of years
//! (`12年`, `五年`: durations), `第一年`, `同一天`, fiscal quarters (`财年第一季度`,
//! `2024财年Q3`), `N多年前` (vague).

mod dateline;
mod grammar;
mod lunar;

pub(crate) use dateline::detect_dateline;

use grammar::{Century, Day, Expr, Lunar, Month, Period, Tod, Unit, Year};

use super::{Candidate, Context, tier};
use crate::calendar::{Date, days_in_month};
use crate::model::{DateValue, EntityKind, Granularity, Value};

pub(crate) fn recognize(ctx: &Context, out: &mut Vec<Candidate>) {
    let text = ctx.text;
    let mut mem = Memory { reference: ctx.reference_date, ..Memory::default() };
    let mut prev: Option<char> = None;
    let mut i = 0;
    while let Some(ch) = text.get(i..).and_then(|r| r.chars().next()) {
        if ch == '\n' {
            mem.para += 1;
        }
        // Pangu spacing (于 3 月): across one space the character before it decides, so
        // 前 3 月 stays a count; a Latin word before the space (OpenAI 4 月) is no glue.
        let (lp, after_latin) = match prev {
            Some(' ') => {
                match text.get(..i.saturating_sub(1)).and_then(|h| h.chars().next_back()) {
                    Some(b) if b.is_ascii_alphabetic() => (None, true),
                    b => (b, false),
                }
            }
            p => (p, false),
        };
        // After 期 a number is usually a length (为期3月), but a full year is a date
        // (截止日期2021年6月30日, 日期2021-09-01).
        let after_qi = lp == Some('期') && ch.is_ascii_digit();
        if grammar::may_start(ch) && (left_ok(lp, ch) || after_qi) {
            if let Some(p) = grammar::parse(text, i) {
                let connector_ok =
                    !p.after_connector || lp.is_some_and(|c| "到至-~、，,和与與及".contains(c));
                let full_year = matches!(p.expr.year, Some(grammar::Year::Abs(_)));
                if p.end > i
                    && (!after_qi || left_ok(lp, ch) || full_year)
                    && connector_ok
                    && !(after_latin && monthly_figure(text, p.end, &p.expr))
                    && (!p.needs_word_start
                        || ctx.tokens.starts_word(i)
                        || lp.is_some_and(|c| GLUED_PREPOSITIONS.contains(c)))
                    && !is_fiscal(text, i, &p.expr)
                {
                    if let Some(value) = mem.resolve(&p.expr) {
                        let t = if p.sure {
                            tier::SURE
                        } else if p.weak {
                            tier::RULE
                        } else {
                            tier::STRONG
                        };
                        out.push(
                            Candidate::new(EntityKind::Date, i, p.end, t)
                                .with_value(Value::Date(value)),
                        );
                    }
                    prev = text.get(i..p.end).and_then(|s| s.chars().next_back());
                    i = p.end;
                    continue;
                }
            }
        }
        prev = Some(ch);
        i += ch.len_utf8();
    }
}

/// A bare month right after a Latin word and a space, read as a monthly figure
/// (Model 3 月销量: the Model 3's monthly sales, not March).
fn monthly_figure(text: &str, end: usize, e: &Expr) -> bool {
    let bare_month = matches!(e.month, Some(Month::Abs(_)))
        && e.year.is_none()
        && e.day.is_none()
        && e.period.is_none();
    bare_month
        && text.get(..end).is_some_and(|h| h.ends_with('月'))
        && text
            .get(end..)
            .and_then(|r| r.chars().next())
            .is_some_and(|n| "销銷活均薪租费費供产產".contains(n))
}

/// Characters before a numeral that make it part of something else (第三月, 前3月, 每周,
/// 连续3日).
/// Prepositions jieba glues to the date after them (于本周 is one jieba word): after one of
/// these, an ambiguous date word still starts a date.
const GLUED_PREPOSITIONS: &str = "于於在从從自至到";

const NOT_BEFORE: &str = "第每前近首头頭数數逾超达達满滿共历歷连連续續余餘期拜这這那个個隔逢立该該";

fn left_ok(prev: Option<char>, ch: char) -> bool {
    let Some(p) = prev else { return true };
    if p.is_ascii_digit() || grammar::is_cn_numeral(p) {
        return false;
    }
    let numeral = ch.is_ascii_digit() || grammar::is_cn_numeral(ch);
    if ch.is_ascii_digit() && (p.is_ascii_alphabetic() || p == '.' || p == '/') {
        return false;
    }
    if (numeral || "周週星礼禮春夏秋冬年月Qq".contains(ch)) && NOT_BEFORE.contains(p) {
        return false;
    }
    if (ch == '年' || ch == '月')
        && "今去明前后後本上下同当當次全近翌其多几幾半大过過拜新跨".contains(p)
    {
        return false;
    }
    if ch == 'Q' || ch == 'q' {
        return !p.is_ascii_alphanumeric();
    }
    true
}

/// Fiscal quarters are not dates (SPEC): 财年第一季度, 2024财年Q3.
fn is_fiscal(text: &str, start: usize, e: &Expr) -> bool {
    if !matches!(e.period, Some(Period::Quarter(_))) || e.year.is_some() {
        return false;
    }
    let before: String = {
        let head = text.get(..start).unwrap_or("");
        let mut v: Vec<char> = head.chars().rev().take(8).collect();
        v.reverse();
        v.into_iter().collect()
    };
    before.contains("财年") || before.contains("財年") || before.contains("财政年度")
}

/// What has been mentioned so far, for dates that lean on context.
#[derive(Debug, Default)]
struct Memory {
    reference: Option<Date>,
    /// Paragraph index (line breaks seen).
    para: usize,
    /// Last year mentioned, with its paragraph.
    year: Option<(i32, usize)>,
    /// Last year-month mentioned.
    month: Option<(i32, u32)>,
    /// Last day mentioned.
    day: Option<Date>,
    /// Last sub-year period (`-Q1`, `-H2`, `-SU`, `-11`) with its year, granularity and paragraph.
    period: Option<(i32, String, Granularity, usize)>,
}

/// A year while resolving.
enum Y {
    Known(i32),
    /// Relative and unresolved: the anchor name.
    Rel(String),
    /// Not given and no context: `XXXX`.
    Unknown,
}

fn val(timex: String, g: Granularity) -> DateValue {
    DateValue { timex: Some(timex), granularity: g, relative: None }
}

fn rel(name: String, tail: &str, g: Granularity) -> DateValue {
    let relative = if tail.is_empty() { name } else { format!("{name}|{tail}") };
    DateValue { timex: None, granularity: g, relative: Some(relative) }
}

fn offset_name(off: i64, unit: &str, names: [&str; 5]) -> String {
    match off {
        -2 if !names[0].is_empty() => names[0].to_string(),
        -1 => names[1].to_string(),
        0 => names[2].to_string(),
        1 => names[3].to_string(),
        2 if !names[4].is_empty() => names[4].to_string(),
        n if n < 0 => format!("{unit}s_ago:{}", -n),
        n => format!("{unit}s_later:{n}"),
    }
}

fn year_name(off: i64) -> String {
    offset_name(
        off,
        "year",
        ["year_before_last", "last_year", "this_year", "next_year", "year_after_next"],
    )
}

fn month_name(off: i64) -> String {
    offset_name(off, "month", ["", "last_month", "this_month", "next_month", ""])
}

fn week_name(off: i64) -> String {
    offset_name(off, "week", ["", "last_week", "this_week", "next_week", ""])
}

fn day_name(off: i64) -> String {
    offset_name(
        off,
        "day",
        ["day_before_yesterday", "yesterday", "today", "tomorrow", "day_after_tomorrow"],
    )
}

fn quarter_name(off: i64) -> String {
    offset_name(off, "quarter", ["", "last_quarter", "this_quarter", "next_quarter", ""])
}

fn tod_tail(t: Option<Tod>) -> (String, Option<Granularity>) {
    match t {
        None => (String::new(), None),
        Some(Tod::Part(p)) => (format!("T{p}"), Some(Granularity::PartOfDay)),
        Some(Tod::Hour(h)) => (format!("T{h:02}"), Some(Granularity::Hour)),
    }
}

fn day_value(d: Date, tod: Option<Tod>) -> DateValue {
    let (tail, g) = tod_tail(tod);
    val(format!("{d}{tail}"), g.unwrap_or(Granularity::Day))
}

fn week_value(monday: Date) -> DateValue {
    let (y, w) = monday.iso_week();
    val(format!("{y:04}-W{w:02}"), Granularity::Week)
}

/// The Monday starting the N-th week of a month (its N-th Monday).
fn nth_weekday(y: i32, m: u32, n: u32, weekday: u32) -> Option<Date> {
    let first = Date::new(y, m, 1)?;
    let shift = (weekday + 7 - first.weekday()) % 7;
    let day = 1 + shift + 7 * n.checked_sub(1)?;
    Date::new(y, m, day)
}

impl Memory {
    fn ref_year(&self) -> Option<i32> {
        self.reference.map(|r| r.year())
    }

    /// The year of a date whose year part is `y` (or missing: context, then reference).
    fn year_of(&self, y: Option<Year>) -> Option<Y> {
        Some(match y {
            Some(Year::Abs(v)) => Y::Known(v),
            Some(Year::Short(v)) => {
                let pivot = self.ref_year().map_or(2035, |r| r + 10);
                Y::Known(if 2000 + v <= pivot { 2000 + v } else { 1900 + v })
            }
            Some(Year::Rel(off)) => match self.ref_year() {
                Some(r) => Y::Known(r + off),
                None => Y::Rel(year_name(i64::from(off))),
            },
            Some(Year::Anaphor(off)) => match self.year.map(|(y, _)| y).or(self.ref_year()) {
                Some(base) => Y::Known(base + off),
                None => return None,
            },
            None => match self.year.filter(|&(_, p)| p == self.para).map(|(y, _)| y) {
                Some(y) => Y::Known(y),
                None => match self.ref_year() {
                    Some(r) => Y::Known(r),
                    None => Y::Unknown,
                },
            },
        })
    }

    /// A value for a period below the year (`-Q1`, `-03`): resolved, relative or `XXXX`.
    fn with_year(&self, y: Y, tail: &str, g: Granularity) -> DateValue {
        match y {
            Y::Known(y) => val(format!("{y:04}{tail}"), g),
            Y::Rel(name) => rel(name, tail, g),
            Y::Unknown => val(format!("XXXX{tail}"), g),
        }
    }

    fn resolve(&mut self, e: &Expr) -> Option<DateValue> {
        let v = self.resolve_inner(e)?;
        if e.lunar.is_none() {
            self.remember(&v);
        } else if let Some(d) = v.timex.as_deref().and_then(|t| t.get(..10)?.parse().ok()) {
            // A lunar date's Gregorian year says nothing of the years the text goes on
            // with (腊月 of 2021 is in January 2022); only 当天 and the like lean on it.
            self.day = Some(d);
        }
        Some(v)
    }

    /// Updates the memory from a resolved timex.
    fn remember(&mut self, v: &DateValue) {
        let Some(t) = v.timex.as_deref() else { return };
        let b = t.as_bytes();
        if b.len() < 4 || !b[..4].iter().all(u8::is_ascii_digit) {
            return;
        }
        let Ok(y) = t[..4].parse::<i32>() else { return };
        if matches!(v.granularity, Granularity::Decade | Granularity::Century) {
            return;
        }
        self.year = Some((y, self.para));
        let month =
            t.get(5..7).and_then(|m| m.parse::<u32>().ok()).filter(|m| (1..=12).contains(m));
        if let Some(m) = month {
            if !t[4..].starts_with("-W") {
                self.month = Some((y, m));
                if let Some(d) = t.get(8..10).and_then(|d| d.parse::<u32>().ok()) {
                    self.day = Date::new(y, m, d);
                }
            }
        }
        match v.granularity {
            Granularity::Half | Granularity::Quarter | Granularity::Season | Granularity::Month => {
                self.period = Some((y, t[4..].to_string(), v.granularity, self.para));
            }
            Granularity::Year => self.period = None,
            _ => {}
        }
    }

    fn resolve_inner(&mut self, e: &Expr) -> Option<DateValue> {
        let r = self.reference;
        if let Some(l) = e.lunar {
            return self.resolve_lunar(e, l);
        }
        if let Some(p) = e.period {
            return self.resolve_period(e, p);
        }
        if let Some(d) = e.day {
            return match d {
                Day::Rel(off) => match r {
                    Some(r) => Some(day_value(r.add_days(i64::from(off)), e.tod)),
                    None => {
                        let (tail, g) = tod_tail(e.tod);
                        Some(rel(day_name(i64::from(off)), &tail, g.unwrap_or(Granularity::Day)))
                    }
                },
                Day::Anaphor(off) => match self.day.or(r) {
                    Some(base) => Some(day_value(base.add_days(i64::from(off)), e.tod)),
                    None => {
                        let (tail, g) = tod_tail(e.tod);
                        let name = if off == 0 { "same_day" } else { "next_day" };
                        Some(rel(name.into(), &tail, g.unwrap_or(Granularity::Day)))
                    }
                },
                Day::Abs(dd) => self.resolve_day(e, dd),
            };
        }
        if let Some(m) = e.month {
            return match m {
                Month::Abs(m) => {
                    let y = self.year_of(e.year)?;
                    Some(self.with_year(y, &format!("-{m:02}"), Granularity::Month))
                }
                Month::Rel(off) => match r {
                    Some(r) => {
                        let d = r.add_months(i64::from(off));
                        Some(val(format!("{:04}-{:02}", d.year(), d.month()), Granularity::Month))
                    }
                    None => Some(rel(month_name(i64::from(off)), "", Granularity::Month)),
                },
                Month::Anaphor(off) => {
                    let base = self.month.or(r.map(|r| (r.year(), r.month())));
                    match base.and_then(|(y, m)| Date::new(y, m, 1)) {
                        Some(d) => {
                            let d = d.add_months(i64::from(off));
                            Some(val(
                                format!("{:04}-{:02}", d.year(), d.month()),
                                Granularity::Month,
                            ))
                        }
                        None => {
                            let name = if off == 0 { "same_month" } else { "next_month" };
                            Some(rel(name.into(), "", Granularity::Month))
                        }
                    }
                }
            };
        }
        let y = self.year_of(e.year)?;
        match y {
            Y::Known(y) => Some(val(format!("{y:04}"), Granularity::Year)),
            Y::Rel(name) => Some(rel(name, "", Granularity::Year)),
            // A bare 年底 with no year anywhere: this year.
            Y::Unknown => Some(rel(year_name(0), "", Granularity::Year)),
        }
    }

    /// A lunar date: the Gregorian day, or for a whole lunar month the range of its days. A
    /// year the text gives names the lunar year (去年腊月, 2023年大年三十). Without one: the year
    /// of the paragraph when the text named only a year; the lunar year that puts the date
    /// nearest to the day (or month) the paragraph spoke of last; else nearest to the
    /// reference date (in January 2022, 腊月二十三 is 2022-01-25 and 正月十五 2022-02-15).
    fn resolve_lunar(&self, e: &Expr, l: Lunar) -> Option<DateValue> {
        let g = if l.day.is_some() { Granularity::Day } else { Granularity::Month };
        let tail = {
            let leap = if l.leap { "L" } else { "" };
            match l.day {
                None => format!("lunar:{leap}{:02}", l.month),
                Some(0) => format!("lunar:{leap}{:02}-last", l.month),
                Some(d) => format!("lunar:{leap}{:02}-{d:02}", l.month),
            }
        };
        let year = match e.year {
            Some(_) => match self.year_of(e.year)? {
                Y::Known(y) => y,
                Y::Rel(name) => return Some(rel(name, &tail, g)),
                Y::Unknown => {
                    return Some(DateValue { timex: None, granularity: g, relative: Some(tail) });
                }
            },
            None => {
                let ctx = self.year.filter(|&(_, p)| p == self.para).map(|(y, _)| y);
                let anchor = match ctx {
                    Some(y) => match self.day.filter(|d| d.year() == y) {
                        Some(d) => Some(d),
                        None => match self.month.filter(|&(my, _)| my == y) {
                            Some((y, m)) => Date::new(y, m, 15),
                            None => None,
                        },
                    },
                    None => self.reference,
                };
                match (anchor, ctx) {
                    (Some(a), _) => match lunar::nearest_year(a, l.month, l.leap, l.day) {
                        Some(y) => y,
                        None => {
                            return Some(DateValue {
                                timex: None,
                                granularity: g,
                                relative: Some(tail),
                            });
                        }
                    },
                    (None, Some(y)) => y,
                    (None, None) => {
                        return Some(DateValue {
                            timex: None,
                            granularity: g,
                            relative: Some(tail),
                        });
                    }
                }
            }
        };
        match l.day {
            Some(d) => lunar::to_gregorian(year, l.month, l.leap, d).map(|d| day_value(d, e.tod)),
            None => {
                let (first, len) = lunar::month_span(year, l.month, l.leap)?;
                let end = first.add_days(len);
                Some(val(format!("({first},{end},P{len}D)"), Granularity::Month))
            }
        }
    }

    /// A day of the month (`dd`): the month from the expression, else from context.
    fn resolve_day(&self, e: &Expr, dd: u32) -> Option<DateValue> {
        let r = self.reference;
        let (tail, tg) = tod_tail(e.tod);
        let g = tg.unwrap_or(Granularity::Day);
        let (y, m) = match e.month {
            Some(Month::Abs(m)) => match self.year_of(e.year)? {
                Y::Known(y) => (y, m),
                Y::Rel(name) => {
                    if dd > days_in_month(2000, m) {
                        return None;
                    }
                    return Some(rel(name, &format!("-{m:02}-{dd:02}{tail}"), g));
                }
                Y::Unknown => {
                    if dd > days_in_month(2000, m) {
                        return None;
                    }
                    return Some(val(format!("XXXX-{m:02}-{dd:02}{tail}"), g));
                }
            },
            Some(Month::Rel(off)) => match r {
                Some(r) => {
                    let d = r.add_months(i64::from(off));
                    (d.year(), d.month())
                }
                None => {
                    return Some(rel(month_name(i64::from(off)), &format!("-{dd:02}{tail}"), g));
                }
            },
            Some(Month::Anaphor(_)) | None => {
                match self.month.or(r.map(|r| (r.year(), r.month()))) {
                    Some(ym) => ym,
                    None => {
                        if dd > 31 {
                            return None;
                        }
                        return Some(val(format!("XXXX-XX-{dd:02}{tail}"), g));
                    }
                }
            }
        };
        let d = Date::new(y, m, dd)?;
        Some(day_value(d, e.tod))
    }

    fn resolve_period(&mut self, e: &Expr, p: Period) -> Option<DateValue> {
        let r = self.reference;
        match p {
            Period::Ago { n, unit, sign } => {
                let (uname, g) = match unit {
                    Unit::Year => ("year", Granularity::Year),
                    Unit::Month => ("month", Granularity::Month),
                    Unit::Week => ("week", Granularity::Week),
                    Unit::Day => ("day", Granularity::Day),
                };
                let Some(r) = r else {
                    let dir = if sign < 0 { "ago" } else { "later" };
                    return Some(rel(format!("{uname}s_{dir}:{n}"), "", g));
                };
                let n = n.checked_mul(sign)?;
                Some(match unit {
                    Unit::Year => val(format!("{:04}", i64::from(r.year()) + n), g),
                    Unit::Month => {
                        let d = r.add_months(n);
                        val(format!("{:04}-{:02}", d.year(), d.month()), g)
                    }
                    Unit::Week => {
                        let d = r.add_days(n.checked_mul(7)?);
                        week_value(d.add_days(1 - i64::from(d.weekday())))
                    }
                    Unit::Day => val(r.add_days(n).to_string(), g),
                })
            }
            Period::WeekRel { off, weekday, weekend } => {
                let off = i64::from(off);
                let Some(r) = r else {
                    let mut tail = match (weekday, weekend) {
                        (Some(d), _) => format!("-{d}"),
                        (None, true) => "-WE".to_string(),
                        _ => String::new(),
                    };
                    let (tt, tg) = tod_tail(e.tod);
                    tail.push_str(&tt);
                    let g = if weekday.is_some() {
                        tg.unwrap_or(Granularity::Day)
                    } else {
                        Granularity::Week
                    };
                    return Some(rel(week_name(off), &tail, g));
                };
                let monday = r.add_days(1 - i64::from(r.weekday()) + 7 * off);
                Some(match (weekday, weekend) {
                    (Some(d), _) => day_value(monday.add_days(i64::from(d) - 1), e.tod),
                    (None, true) => {
                        let (y, w) = monday.iso_week();
                        val(format!("{y:04}-W{w:02}-WE"), Granularity::Week)
                    }
                    (None, false) => week_value(monday),
                })
            }
            Period::YearWeek(n) => match self.year_of(e.year)? {
                Y::Known(y) => {
                    // The week starting on the year's N-th Monday (as for months).
                    let monday = Date::new(y, 1, 1)?;
                    let shift = (8 - i64::from(monday.weekday())) % 7;
                    let monday = monday.add_days(shift + 7 * (i64::from(n) - 1));
                    (monday.year() == y).then(|| week_value(monday))
                }
                Y::Rel(name) => Some(rel(name, &format!("-W{n:02}"), Granularity::Week)),
                Y::Unknown => Some(val(format!("XXXX-W{n:02}"), Granularity::Week)),
            },
            Period::MonthWeek(_) | Period::MonthNthWeekday(..) => {
                let (y, m) = match e.month? {
                    Month::Abs(m) => match self.year_of(e.year)? {
                        Y::Known(y) => (y, m),
                        _ => return None,
                    },
                    Month::Rel(off) => {
                        let d = r?.add_months(i64::from(off));
                        (d.year(), d.month())
                    }
                    Month::Anaphor(off) => {
                        let (y, m) = self.month.or(r.map(|r| (r.year(), r.month())))?;
                        let d = Date::new(y, m, 1)?.add_months(i64::from(off));
                        (d.year(), d.month())
                    }
                };
                match p {
                    Period::MonthWeek(n) => nth_weekday(y, m, n, 1).map(week_value),
                    Period::MonthNthWeekday(n, d) => {
                        nth_weekday(y, m, n, d).map(|d| day_value(d, None))
                    }
                    _ => None,
                }
            }
            Period::Half(h) => {
                let y = self.year_of(e.year)?;
                Some(self.with_year(y, &format!("-H{h}"), Granularity::Half))
            }
            Period::Quarter(q) => {
                let y = self.year_of(e.year)?;
                Some(self.with_year(y, &format!("-Q{q}"), Granularity::Quarter))
            }
            Period::Season(s) => {
                let y = self.year_of(e.year)?;
                Some(self.with_year(y, &format!("-{s}"), Granularity::Season))
            }
            Period::QuarterRel(off) => match r {
                Some(r) => {
                    let q0 =
                        i64::from(r.year()) * 4 + i64::from((r.month() - 1) / 3) + i64::from(off);
                    let (y, q) = (q0.div_euclid(4), q0.rem_euclid(4) + 1);
                    Some(val(format!("{y:04}-Q{q}"), Granularity::Quarter))
                }
                None => Some(rel(quarter_name(i64::from(off)), "", Granularity::Quarter)),
            },
            Period::Decade { century, decade, full } => {
                let prefix = match (century, full) {
                    (_, Some(f)) => f / 10,
                    (None, None) => {
                        if decade <= 2 {
                            200 + decade
                        } else {
                            190 + decade
                        }
                    }
                    (Some(Century::Ordinal(n)), None) => (n - 1) * 10 + decade,
                    (Some(Century::Rel(off)), None) => match self.ref_year() {
                        Some(ry) => (ry / 100 + off) * 10 + decade,
                        None => {
                            let name = if off == 0 { "this_century" } else { "last_century" };
                            return Some(rel(
                                name.into(),
                                &format!("{decade}X"),
                                Granularity::Decade,
                            ));
                        }
                    },
                };
                (prefix > 0).then(|| val(format!("{prefix:03}"), Granularity::Decade))
            }
            Period::Century(c) => {
                let v = match c {
                    Century::Ordinal(n) => n - 1,
                    Century::Rel(off) => match self.ref_year() {
                        Some(ry) => ry / 100 + off,
                        None => {
                            let name = if off == 0 { "this_century" } else { "last_century" };
                            return Some(rel(name.into(), "", Granularity::Century));
                        }
                    },
                };
                (v >= 0).then(|| val(format!("{v:02}"), Granularity::Century))
            }
            Period::RelSpan { unit, off, n } => {
                let (off64, n64) = (i64::from(off), i64::from(n));
                let Some(r) = r else {
                    return Some(match unit {
                        Unit::Year => rel(year_name(off64), &format!("P{n}Y"), Granularity::Year),
                        _ => rel(day_name(off64), &format!("P{n}D"), Granularity::Day),
                    });
                };
                Some(match unit {
                    Unit::Year => {
                        let y = i64::from(r.year()) + off64;
                        val(format!("({y:04},{:04},P{n}Y)", y + n64), Granularity::Year)
                    }
                    _ => {
                        let d = r.add_days(off64);
                        val(format!("({d},{},P{n}D)", d.add_days(n64)), Granularity::Day)
                    }
                })
            }
            Period::SamePeriodLastYear => {
                if let Some((y, tail, g, para)) = self.period.clone() {
                    if para == self.para {
                        return Some(val(format!("{:04}{tail}", y - 1), g));
                    }
                }
                match self.ref_year() {
                    Some(ry) => Some(val(format!("{:04}", ry - 1), Granularity::Year)),
                    None => Some(rel("last_year_same_period".into(), "", Granularity::Year)),
                }
            }
        }
    }
}
