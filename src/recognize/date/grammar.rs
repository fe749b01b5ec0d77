//! The date grammar: what a date expression looks like, parsed at one position of the
//! normalised text into an [`Expr`] (what the text says), without resolving it. Resolution
//! against the reference date and the dates mentioned before is in `mod.rs`.
//!
//! The parser is a small hand-written recursive descent over a byte cursor: every step
//! looks at a bounded number of characters, so parsing at every position stays linear.
//!
//! # Spaced dates
//!
//! Tech writing puts a space between Chinese and Latin letters or digits ("pangu
//! spacing"): `2026 年初`, `截至 2025 年 3 月 15 日`, `2024 年 Q3`, `2 年前`. One space (the
//! normaliser has made every odd space an ASCII one) is accepted between an Arabic number
//! and its unit (年, 月, 日, 号, 季度, 周, 点, 年代, 世纪, 个…), and between the parts of a
//! date whose numbers are Arabic: after 年 before the month number (or Q, 第, 上/下半年),
//! after 月 before the day number, after the day before 周X or a time of day, and after a
//! part of day before its hour (`上午 10 点`). A span never starts or ends with a space.
//! Spaces change nothing else: `2 年` alone is still a count, `3 月` still a month.

/// A year as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Year {
    /// 2023年, 二〇二三年.
    Abs(i32),
    /// 98年, '98年, 九七年: the century is guessed against the reference date.
    Short(i32),
    /// 今年 (0), 去年 (-1), 明年 (+1), …: relative to the reference date.
    Rel(i32),
    /// 同年 (0), 次年 (+1): relative to the year mentioned last.
    Anaphor(i32),
}

/// A month as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Month {
    /// 11月, 十一月.
    Abs(u32),
    /// 本月 (0), 上个月 (-1), 下个月 (+1): relative to the reference date.
    Rel(i32),
    /// 当月, 同月 (0), 次月 (+1), a bare 月底: relative to the month mentioned last.
    Anaphor(i32),
}

/// A day as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Day {
    /// 28日, 二十八号.
    Abs(u32),
    /// 今天 (0), 昨天 (-1), 明天 (+1): relative to the reference date.
    Rel(i32),
    /// 当天 (0), 次日 (+1): relative to the day mentioned last.
    Anaphor(i32),
}

/// The unit of an `N年前`-style offset.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Unit {
    Year,
    Month,
    Week,
    Day,
}

/// A century as the text gives it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Century {
    /// 20世纪, 二十世纪 (the ordinal, 20 = the 1900s).
    Ordinal(i32),
    /// 本世纪 (0), 上世纪 (-1).
    Rel(i32),
}

/// A period other than year/month/day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Period {
    /// 上半年 (1), 下半年 (2).
    Half(u32),
    /// 第一季度, Q3.
    Quarter(u32),
    /// 上季度 (-1), 本季度 (0), 下季度 (+1).
    QuarterRel(i32),
    /// 春 SP, 夏 SU, 秋 FA, 冬 WI.
    Season(&'static str),
    /// 上周 (-1), 本周 (0), 下周 (+1), with a weekday (上周三) or the weekend (上周末).
    WeekRel { off: i32, weekday: Option<u32>, weekend: bool },
    /// ISO week N of a year (20年第52周).
    YearWeek(u32),
    /// The N-th week of a month (3月第三周): the week starting on its N-th Monday.
    MonthWeek(u32),
    /// The N-th given weekday of a month (6月第3个星期日).
    MonthNthWeekday(u32, u32),
    /// 三年前 (sign -1), 20天后 (sign +1): `n` units away from the reference date.
    Ago { n: i64, unit: Unit, sign: i64 },
    /// 90年代 (decade digit 9, century `None`), 上世纪80年代, 1990年代 (full given).
    Decade { century: Option<Century>, decade: i32, full: Option<i32> },
    /// 21世纪, 上世纪.
    Century(Century),
    /// 上年同期, 去年同期: the same period one year earlier.
    SamePeriodLastYear,
    /// 今明两年 (off 0, n 2), 明后两天 (off 1, n 2): `n` units from `off` units away.
    RelSpan { unit: Unit, off: i32, n: i32 },
}

/// A date of the Chinese (lunar) calendar: 农历八月十五, 腊月, 闰四月, 大年三十. Any year the
/// expression gives names the lunar year (农历2021年 starts on 2021-02-12).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Lunar {
    /// 1–12 (正月 1, 冬月 11, 腊月 12).
    pub month: u32,
    /// The leap month (闰四月).
    pub leap: bool,
    /// `Some(1..=30)`, `Some(0)` for the month's last day (大年三十), `None` for the month.
    pub day: Option<u32>,
}

/// A parsed date expression: whichever parts the text gave.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(super) struct Expr {
    pub year: Option<Year>,
    pub month: Option<Month>,
    pub day: Option<Day>,
    pub period: Option<Period>,
    /// Time of day after a day: a TIMEX3 part of day (`MO`) or an hour (0–23).
    pub tod: Option<Tod>,
    /// A lunar month or day (then `month` and `day` are unset).
    pub lunar: Option<Lunar>,
}

/// Time of day.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Tod {
    /// TIMEX3 part of day: MO, MI, AF, EV, NI, DT.
    Part(&'static str),
    /// An hour, 0–23.
    Hour(u32),
}

/// One parsed expression and how much the parse trusts itself.
#[derive(Debug, Clone, Copy)]
pub(super) struct Parsed {
    pub end: usize,
    pub expr: Expr,
    /// The expression starts with an ambiguous word (后天, 周三): a word must start here.
    pub needs_word_start: bool,
    /// A full grammar (year + month, numeric date) rather than a bare word.
    pub sure: bool,
    /// Weak (a bare weekday): may lose against names.
    pub weak: bool,
    /// Only a date right after a range or list connector (the 十五号 of 九号到十五号).
    pub after_connector: bool,
}

// ------------------------------------------------------------------ the cursor

#[derive(Clone, Copy)]
struct Cur<'a> {
    s: &'a str,
    p: usize,
}

const CN_DIGITS: &str = "〇零一二三四五六七八九";

fn cn_digit(c: char) -> Option<u32> {
    match c {
        '〇' | '零' => Some(0),
        '一' => Some(1),
        '二' | '两' | '兩' => Some(2),
        '三' => Some(3),
        '四' => Some(4),
        '五' => Some(5),
        '六' => Some(6),
        '七' => Some(7),
        '八' => Some(8),
        '九' => Some(9),
        _ => None,
    }
}

/// Characters of a Chinese numeral.
pub(super) fn is_cn_numeral(c: char) -> bool {
    matches!(
        c,
        '〇' | '零'
            | '一'
            | '二'
            | '两'
            | '兩'
            | '三'
            | '四'
            | '五'
            | '六'
            | '七'
            | '八'
            | '九'
            | '十'
            | '百'
            | '千'
            | '万'
            | '亿'
            | '廿'
            | '卅'
            | '几'
            | '幾'
            | '多'
            | '半'
    )
}

impl<'a> Cur<'a> {
    fn new(s: &'a str, p: usize) -> Cur<'a> {
        Cur { s, p }
    }

    fn rest(&self) -> &'a str {
        self.s.get(self.p..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn eat(&mut self, lit: &str) -> bool {
        if self.rest().starts_with(lit) {
            self.p += lit.len();
            true
        } else {
            false
        }
    }

    /// Eats the first literal of `table` that matches (put longer ones first).
    fn eat_map<T: Copy>(&mut self, table: &[(&str, T)]) -> Option<T> {
        for &(lit, v) in table {
            if self.eat(lit) {
                return Some(v);
            }
        }
        None
    }

    fn eat_any(&mut self, lits: &[&str]) -> bool {
        lits.iter().any(|l| self.eat(l))
    }

    /// Right after an ASCII digit?
    fn after_digit(&self) -> bool {
        self.s.as_bytes().get(..self.p).and_then(|h| h.last()).is_some_and(u8::is_ascii_digit)
    }

    /// Eats a unit after a number: `lit`, or, right after an Arabic number, one space and
    /// `lit` (`2025 年`, `3 月`, `15 日`).
    fn eat_unit(&mut self, lit: &str) -> bool {
        if self.eat(lit) {
            return true;
        }
        if self.after_digit() && self.rest().strip_prefix(' ').is_some_and(|r| r.starts_with(lit)) {
            self.p += 1 + lit.len();
            return true;
        }
        false
    }

    /// [`Cur::eat_unit`] for the first of `lits` that matches.
    fn eat_any_unit(&mut self, lits: &[&str]) -> bool {
        lits.iter().any(|l| self.eat_unit(l))
    }

    /// Skips one space when the character after it satisfies `next` (an Arabic number
    /// after 月: `3 月 15 日`); says whether it did.
    fn skip_space_before(&mut self, next: impl Fn(char) -> bool) -> bool {
        let ok = self.rest().strip_prefix(' ').and_then(|r| r.chars().next()).is_some_and(next);
        if ok {
            self.p += 1;
        }
        ok
    }

    /// A run of `min..=max` ASCII digits not followed by another digit.
    fn digits(&mut self, min: usize, max: usize) -> Option<u32> {
        let r = self.rest().as_bytes();
        let n = r.iter().take_while(|b| b.is_ascii_digit()).count();
        if n < min || n > max {
            return None;
        }
        let mut v: u32 = 0;
        for &b in &r[..n] {
            v = v.checked_mul(10)?.checked_add(u32::from(b - b'0'))?;
        }
        self.p += n;
        Some(v)
    }

    /// Exactly `n` Chinese digit characters (二〇二三), not followed by another.
    fn cn_digit_seq(&mut self, n: usize) -> Option<u32> {
        let mut v = 0u32;
        let mut len = 0;
        let mut count = 0;
        for c in self.rest().chars() {
            if count == n {
                if CN_DIGITS.contains(c) {
                    return None;
                }
                break;
            }
            if !CN_DIGITS.contains(c) {
                return None;
            }
            v = v * 10 + cn_digit(c)?;
            len += c.len_utf8();
            count += 1;
        }
        if count != n {
            return None;
        }
        self.p += len;
        Some(v)
    }

    /// A Chinese integer (十二, 二十三, 廿, 一百零五, 两); `None` for digit strings
    /// without units (二三) and for vague numerals (几, 多).
    fn cn_int(&mut self) -> Option<u32> {
        let mut total: u32 = 0;
        let mut cur: Option<u32> = None;
        let mut len = 0;
        let mut any = false;
        // Units must fall (千 > 百 > 十): 十十 or 十百 is not a number.
        let mut last_unit = u32::MAX;
        for c in self.rest().chars() {
            let unit = match c {
                '十' => 10,
                '百' => 100,
                '千' => 1000,
                _ => 0,
            };
            if unit > 0 {
                if unit >= last_unit {
                    return None;
                }
                let k = if unit == 10 { cur.unwrap_or(1) } else { cur? };
                total = total.checked_add(k * unit)?;
                cur = None;
                last_unit = unit;
            } else {
                match c {
                    '零' | '〇' => {}
                    '廿' | '卅' if total == 0 && cur.is_none() => {
                        total = if c == '廿' { 20 } else { 30 };
                        last_unit = 10;
                    }
                    _ => match cn_digit(c) {
                        Some(d) => {
                            if cur.is_some() {
                                return None;
                            }
                            cur = Some(d);
                        }
                        _ => break,
                    },
                }
            }
            any = true;
            len += c.len_utf8();
        }
        if !any {
            return None;
        }
        self.p += len;
        Some(total + cur.unwrap_or(0))
    }

    /// A small number: 1–3 ASCII digits or a Chinese integer.
    fn small_num(&mut self) -> Option<u32> {
        let save = *self;
        if let Some(v) = self.digits(1, 3) {
            return Some(v);
        }
        *self = save;
        let v = self.cn_int();
        if v.is_none() {
            *self = save;
        }
        v
    }

    /// A number within `lo..=hi` (ASCII digits up to 2, or Chinese).
    fn num_in(&mut self, lo: u32, hi: u32) -> Option<u32> {
        let save = *self;
        let v = if self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.digits(1, 2)
        } else if self.peek().is_some_and(|c| c == '两' || c == '兩') {
            None
        } else {
            self.cn_int()
        };
        match v {
            Some(v) if (lo..=hi).contains(&v) => Some(v),
            _ => {
                *self = save;
                None
            }
        }
    }
}

// ------------------------------------------------------------------ tables

const REL_YEARS: &[(&str, Year)] = &[
    ("大前年", Year::Rel(-3)),
    ("大后年", Year::Rel(3)),
    ("大後年", Year::Rel(3)),
    ("前年", Year::Rel(-2)),
    ("去年", Year::Rel(-1)),
    ("上一年", Year::Rel(-1)),
    ("上年", Year::Rel(-1)),
    ("今年", Year::Rel(0)),
    ("本年", Year::Rel(0)),
    ("这一年", Year::Rel(0)),
    ("這一年", Year::Rel(0)),
    ("明年", Year::Rel(1)),
    ("下一年", Year::Rel(1)),
    ("下年", Year::Rel(1)),
    ("后年", Year::Rel(2)),
    ("後年", Year::Rel(2)),
    ("次年", Year::Anaphor(1)),
    ("翌年", Year::Anaphor(1)),
    ("同年", Year::Anaphor(0)),
];

const REL_MONTHS: &[(&str, Month)] = &[
    ("上上个月", Month::Rel(-2)),
    ("上上個月", Month::Rel(-2)),
    ("下下个月", Month::Rel(2)),
    ("下下個月", Month::Rel(2)),
    ("上一个月", Month::Rel(-1)),
    ("上一個月", Month::Rel(-1)),
    ("上个月", Month::Rel(-1)),
    ("上個月", Month::Rel(-1)),
    ("上月", Month::Rel(-1)),
    ("下一个月", Month::Rel(1)),
    ("下一個月", Month::Rel(1)),
    ("下个月", Month::Rel(1)),
    ("下個月", Month::Rel(1)),
    ("下月", Month::Rel(1)),
    ("本月", Month::Rel(0)),
    ("这个月", Month::Rel(0)),
    ("這個月", Month::Rel(0)),
    ("今个月", Month::Rel(0)),
    ("今個月", Month::Rel(0)),
    ("当月", Month::Anaphor(0)),
    ("當月", Month::Anaphor(0)),
    ("同月", Month::Anaphor(0)),
    ("次月", Month::Anaphor(1)),
];

const REL_DAYS: &[(&str, Day, Option<&str>)] = &[
    ("大大后天", Day::Rel(4), None),
    ("大大後天", Day::Rel(4), None),
    ("大前天", Day::Rel(-3), None),
    ("大后天", Day::Rel(3), None),
    ("大後天", Day::Rel(3), None),
    ("大後日", Day::Rel(3), None),
    ("今天", Day::Rel(0), None),
    ("今日", Day::Rel(0), None),
    ("本日", Day::Rel(0), None),
    ("昨天", Day::Rel(-1), None),
    ("昨日", Day::Rel(-1), None),
    ("尋日", Day::Rel(-1), None),
    ("前天", Day::Rel(-2), None),
    ("前日", Day::Rel(-2), None),
    ("明天", Day::Rel(1), None),
    ("明日", Day::Rel(1), None),
    ("聽日", Day::Rel(1), None),
    ("后天", Day::Rel(2), None),
    ("後天", Day::Rel(2), None),
    ("後日", Day::Rel(2), None),
    ("今晚", Day::Rel(0), Some("EV")),
    ("今夜", Day::Rel(0), Some("NI")),
    ("今早", Day::Rel(0), Some("MO")),
    ("今晨", Day::Rel(0), Some("MO")),
    ("昨晚", Day::Rel(-1), Some("EV")),
    ("昨夜", Day::Rel(-1), Some("NI")),
    ("明晚", Day::Rel(1), Some("EV")),
    ("明早", Day::Rel(1), Some("MO")),
    ("当天", Day::Anaphor(0), None),
    ("当日", Day::Anaphor(0), None),
    ("當天", Day::Anaphor(0), None),
    ("當日", Day::Anaphor(0), None),
    ("同日", Day::Anaphor(0), None),
    ("次日", Day::Anaphor(1), None),
];

/// Words after which a relative day word is something else (今日头条 is an app).
const DAY_WORD_NOT_BEFORE: &[&str] = &["头条", "头條", "之后", "之後"];

const WEEK_PREFIXES: &[(&str, i32)] = &[
    ("上上", -2),
    ("下下", 2),
    ("上", -1),
    ("下", 1),
    ("本", 0),
    ("这", 0),
    ("這", 0),
    ("今个", 0),
    ("今個", 0),
    ("今", 0),
];

const WEEK_WORDS: &[&str] = &["星期", "礼拜", "禮拜", "周", "週"];

/// Characters after 周 that make another word (周期, 周年, 周边 …).
const NOT_AFTER_WEEK: &str = "期年边邊围圍刊报報岁歲转轉折旋长長密游遊知详詳全到";

const PARTS_OF_DAY: &[(&str, &str)] = &[
    ("上午", "MO"),
    ("早上", "MO"),
    ("早晨", "MO"),
    ("清晨", "MO"),
    ("早间", "MO"),
    ("中午", "MI"),
    ("正午", "MI"),
    ("下午", "AF"),
    ("午后", "AF"),
    ("傍晚", "EV"),
    ("晚上", "EV"),
    ("晚间", "EV"),
    ("夜间", "NI"),
    ("夜里", "NI"),
    ("深夜", "NI"),
    ("半夜", "NI"),
    ("午夜", "NI"),
    ("凌晨", "NI"),
    ("白天", "DT"),
    ("晚", "EV"),
];

/// Characters after a bare 晚 that make another word (晚会, 晚宴 …).
const NOT_AFTER_WAN: &str = "会會宴餐饭飯报報霞些期年稻于於辈輩点點了";

const SEASONS: &[(&str, &str)] = &[("春", "SP"), ("夏", "SU"), ("秋", "FA"), ("冬", "WI")];

/// Characters after a season character that make another word (春节, 冬至, 春运 …).
const NOT_AFTER_SEASON: &str = "节節至分运運晚耕游遊装裝招播";

const QUARTER_REL: &[(&str, i32)] = &[
    ("上上个季度", -2),
    ("上一个季度", -1),
    ("上一季度", -1),
    ("上个季度", -1),
    ("上個季度", -1),
    ("上季度", -1),
    ("本季度", 0),
    ("这个季度", 0),
    ("這個季度", 0),
    ("这季度", 0),
    ("下一个季度", 1),
    ("下一季度", 1),
    ("下个季度", 1),
    ("下個季度", 1),
    ("下季度", 1),
    ("下下个季度", 2),
];

/// Suffixes that narrow a period without changing its timex (底/初 keep the period).
const PERIOD_EDGE: &[&str] = &["初期", "末期", "初", "末", "底"];

/// Words marking a date of the Chinese calendar.
const LUNAR_MARKS: &[&str] =
    &["农历", "農曆", "農历", "阴历", "陰曆", "陰历", "夏历", "夏曆", "旧历", "舊曆"];

/// Month names only the Chinese calendar uses.
const LUNAR_MONTH_WORDS: &[(&str, u32)] = &[("正月", 1), ("腊月", 12), ("臘月", 12), ("冬月", 11)];

/// Two or three days or years named at once: 今明两年, 明后两天 (unit, first offset, count).
const REL_SPANS: &[(&str, (Unit, i32, i32))] = &[
    ("今明后三天", (Unit::Day, 0, 3)),
    ("今明後三天", (Unit::Day, 0, 3)),
    ("今明两年", (Unit::Year, 0, 2)),
    ("今明兩年", (Unit::Year, 0, 2)),
    ("明后两年", (Unit::Year, 1, 2)),
    ("明後兩年", (Unit::Year, 1, 2)),
    ("去今两年", (Unit::Year, -1, 2)),
    ("去今兩年", (Unit::Year, -1, 2)),
    ("今明年", (Unit::Year, 0, 2)),
    ("今明两天", (Unit::Day, 0, 2)),
    ("今明兩天", (Unit::Day, 0, 2)),
    ("今明两日", (Unit::Day, 0, 2)),
    ("今明兩日", (Unit::Day, 0, 2)),
    ("明后两天", (Unit::Day, 1, 2)),
    ("明後兩天", (Unit::Day, 1, 2)),
    ("明后两日", (Unit::Day, 1, 2)),
    ("明後兩日", (Unit::Day, 1, 2)),
    ("明后天", (Unit::Day, 1, 2)),
    ("明後天", (Unit::Day, 1, 2)),
];

/// Shopping festivals and commemorations written as month·day (6·18): names, not dates.
const NAMED_MONTH_DAYS: &[(u32, u32)] = &[(6, 18), (11, 11), (12, 12), (3, 15), (5, 20)];

/// Words after a month·day (6·30前) that make it a date rather than the name of an event
/// (7·20特大暴雨, 5·12汶川地震).
const MONTH_DOT_DAY_AFTER: &[&str] = &[
    "之前", "之后", "之後", "以前", "以后", "以後", "前后", "前後", "前", "后", "後", "起", "当天",
    "當天", "当日", "當日", "至", "到", "零点", "零點", "凌晨", "晚", "期间", "期間",
];

// ------------------------------------------------------------------ pieces

/// How a day of the month was written.
#[derive(Debug, Clone, Copy, PartialEq)]
enum DayStyle {
    /// The traditional forms: 初五, 廿二, 卅.
    Traditional,
    /// Chinese numerals 十一–三十.
    ChineseBig,
    /// Chinese numerals 一–十 without 初.
    ChineseSmall,
    /// ASCII digits.
    Arabic,
}

/// A day of a lunar month: 初五, 初8, 十五, 廿二, 三十, 18.
fn lunar_day(c: &mut Cur) -> Option<(u32, DayStyle)> {
    let save = *c;
    if c.eat("初") {
        let v = if c.peek().is_some_and(|x| x.is_ascii_digit()) {
            c.digits(1, 2)
        } else if c.peek().is_some_and(|x| x == '两' || x == '兩') {
            None
        } else {
            c.cn_int()
        };
        if let Some(v) = v.filter(|v| (1..=10).contains(v)) {
            return Some((v, DayStyle::Traditional));
        }
        *c = save;
        return None;
    }
    let first = c.peek()?;
    if first.is_ascii_digit() {
        let v = c.digits(1, 2).filter(|v| (1..=30).contains(v));
        if v.is_none() {
            *c = save;
        }
        return v.map(|v| (v, DayStyle::Arabic));
    }
    if first == '两' || first == '兩' {
        return None;
    }
    match c.cn_int() {
        Some(v) if (1..=30).contains(&v) => {
            let style = if first == '廿' || first == '卅' {
                DayStyle::Traditional
            } else if v > 10 {
                DayStyle::ChineseBig
            } else {
                DayStyle::ChineseSmall
            };
            Some((v, style))
        }
        _ => {
            *c = save;
            None
        }
    }
}

/// After a lunar day: no more digits or numerals (腊月18000吨 is no day).
fn lunar_end_ok(c: &Cur) -> bool {
    !c.peek().is_some_and(|n| n.is_ascii_digit() || is_cn_numeral(n) || n == '.' || n == '%')
}

/// After a plain month with a Chinese day and no 日 (八月十五): the end of the phrase, a range
/// or a time of day, so that 五月十五万 or 三月二十家 stay something else.
fn bare_day_end_ok(c: &Cur) -> bool {
    match c.peek() {
        None => true,
        Some(n) if n == '.' || n == '%' => false,
        Some(n) => {
            !n.is_alphanumeric()
                || "至到和与與及起前後后开開发發止的晚早夜凌上下中午傍清白深".contains(n)
        }
    }
}

/// A range going on to a Gregorian day (十一月二十至二十五日): its start is Gregorian too.
fn gregorian_range_end(c: &Cur) -> bool {
    let mut t = *c;
    if !t.eat_any(&["至", "到", "-", "~"]) {
        return false;
    }
    t.num_in(1, 31).is_some() && t.eat_any(&["日", "号", "號"])
}

/// A lunar month and day after any year: 农历八月十五, 正月初八, 腊月18, 闰四月, 大年三十,
/// and a plain month whose day is written the traditional way, without 日 (五月初五, 九月廿二,
/// 八月十五: Gregorian dates in Chinese numerals always carry 日 or 号). Sets `e.lunar` (and
/// `e.tod`); on `false` the cursor may have moved.
fn lunar_tail(c: &mut Cur, e: &mut Expr, marked_before: bool) -> bool {
    let marked = c.eat_any(LUNAR_MARKS) || marked_before;
    // 大年初十 (正月初十), 大年三十 (the last day of 腊月).
    if c.eat("大年") {
        let lunar = match lunar_day(c) {
            Some((d, DayStyle::Traditional)) if d <= 10 && lunar_end_ok(c) => {
                Lunar { month: 1, leap: false, day: Some(d) }
            }
            Some((30, _)) if lunar_end_ok(c) => Lunar { month: 12, leap: false, day: Some(0) },
            _ => return false,
        };
        e.lunar = Some(lunar);
        let before_tod = *c;
        e.tod = time_of_day(c);
        if e.tod.is_none() {
            *c = before_tod;
        }
        return true;
    }
    let leap = c.eat("闰") || c.eat("閏");
    let (month, word) = if let Some(m) = c.eat_map(LUNAR_MONTH_WORDS) {
        (m, true)
    } else {
        match c.num_in(1, 12) {
            Some(m) if c.eat("月") => (m, leap),
            _ => return false,
        }
    };
    let lunar_month = marked || word;
    let after_month = *c;
    if let Some((d, style)) = lunar_day(c) {
        let suffixed = c.eat_any(&["日", "号", "號"]);
        let ok = if lunar_month {
            lunar_end_ok(c)
        } else {
            match style {
                DayStyle::Traditional => lunar_end_ok(c),
                DayStyle::ChineseBig => !suffixed && bare_day_end_ok(c) && !gregorian_range_end(c),
                _ => false,
            }
        };
        if ok {
            e.lunar = Some(Lunar { month, leap, day: Some(d) });
            let before_tod = *c;
            e.tod = time_of_day(c);
            if e.tod.is_none() {
                *c = before_tod;
            }
            return true;
        }
        *c = after_month;
    }
    if !lunar_month {
        return false;
    }
    // A whole month; 底/初/上旬 … keep its value.
    c.eat_any(&["上旬", "中旬", "下旬", "初", "底", "末"]);
    e.lunar = Some(Lunar { month, leap, day: None });
    true
}

/// Is `start` right after `YYYY.MM` and a range connector (the 2002.02 of 1999.08-2002.02)?
fn after_month_range(s: &str, start: usize) -> bool {
    let head = s.get(..start).unwrap_or("");
    let Some(conn) = head.chars().next_back() else { return false };
    if !"-~至到—".contains(conn) {
        return false;
    }
    let b = &head.as_bytes()[..head.len() - conn.len_utf8()];
    let n = b.iter().rev().take(3).take_while(|x| x.is_ascii_digit()).count();
    if !(1..=2).contains(&n) || b.len() < n + 5 || b[b.len() - n - 1] != b'.' {
        return false;
    }
    let y = &b[..b.len() - n - 1];
    y.iter().rev().take(5).take_while(|x| x.is_ascii_digit()).count() == 4
}

fn weekday_char(c: &mut Cur, allow_tian: bool) -> Option<u32> {
    let d = match c.peek()? {
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '日' => 7,
        '天' if allow_tian => 7,
        _ => return None,
    };
    c.p += 3;
    Some(d)
}

/// 周三, 星期天, 礼拜一.
fn weekday(c: &mut Cur) -> Option<u32> {
    let save = *c;
    for w in WEEK_WORDS {
        if c.eat(w) {
            if let Some(d) = weekday_char(c, true) {
                return Some(d);
            }
            *c = save;
            return None;
        }
    }
    None
}

/// Time of day after a day: 上午, 晚上8点, 10时30分, 晚.
fn time_of_day(c: &mut Cur) -> Option<Tod> {
    let save = *c;
    let part = c.eat_map(PARTS_OF_DAY);
    // A bare 晚 before 会/宴/报 … is another word (晚会); 晚上 and 晚间 are not bare.
    let bare_wan = part == Some("EV")
        && save.rest().starts_with('晚')
        && !save.rest().starts_with("晚上")
        && !save.rest().starts_with("晚间");
    if bare_wan && c.peek().is_some_and(|n| NOT_AFTER_WAN.contains(n) && n != '点' && n != '點') {
        *c = save;
        return None;
    }
    let before_hour = *c;
    if part.is_some() {
        // 上午 10 点.
        c.skip_space_before(|n| n.is_ascii_digit());
    }
    let hour = c.num_in(0, 24).and_then(|h| {
        if c.eat_any_unit(&["点", "點", "时", "時"]) {
            // Minutes are read and dropped (hour granularity).
            let m = *c;
            if !(c.eat("半") || c.eat("整")) {
                c.skip_space_before(|n| n.is_ascii_digit());
                if !(c.num_in(0, 59).is_some() && c.eat_any_unit(&["分", "分钟"])) {
                    *c = m;
                }
            }
            Some(h)
        } else {
            None
        }
    });
    match (part, hour) {
        (Some(p), Some(h)) => {
            let h = match p {
                "AF" | "EV" if h < 12 => h + 12,
                "NI" if (6..12).contains(&h) => h + 12,
                "MI" if h < 6 => h + 12,
                _ => h,
            };
            Some(Tod::Hour(h % 24))
        }
        (Some(p), None) => {
            *c = before_hour;
            Some(Tod::Part(p))
        }
        (None, Some(h)) => Some(Tod::Hour(h % 24)),
        (None, None) => {
            *c = save;
            None
        }
    }
}

/// After a day: an optional weekday (2023年11月28日周三) and time of day. After an Arabic
/// day (`spaced`), one space may come before each (`28 日 周三 上午`).
fn day_tail(c: &mut Cur, e: &mut Expr, spaced: bool) {
    let save = *c;
    if spaced {
        c.eat(" ");
    }
    if weekday(c).is_none() {
        *c = save;
    }
    let save = *c;
    if spaced {
        c.eat(" ");
    }
    e.tod = time_of_day(c);
    if e.tod.is_none() {
        *c = save;
    }
}

/// Is the cursor at an ASCII digit (the number about to be read is Arabic)?
fn at_digit(c: &Cur) -> bool {
    c.peek().is_some_and(|n| n.is_ascii_digit())
}

/// 第一季度, 一季度, Q3, 首季度 (the part after any year).
fn quarter(c: &mut Cur) -> Option<u32> {
    let save = *c;
    if c.eat("首季度") {
        return Some(1);
    }
    if c.eat("Q") || c.eat("q") {
        if let Some(q) = c.digits(1, 1).filter(|q| (1..=4).contains(q)) {
            if !c.peek().is_some_and(|n| n.is_ascii_alphanumeric()) {
                c.eat("季度");
                return Some(q);
            }
        }
        *c = save;
        return None;
    }
    if c.eat("第") {
        c.skip_space_before(|n| n.is_ascii_digit());
    }
    let q = c.num_in(1, 4);
    if let Some(q) = q {
        if c.eat_unit("季度") {
            return Some(q);
        }
    }
    *c = save;
    None
}

fn season(c: &mut Cur, bare_char_ok: bool) -> Option<&'static str> {
    let save = *c;
    let s = c.eat_map(SEASONS)?;
    let suffixed = c.eat("天") || c.eat("季");
    if (!suffixed && !bare_char_ok) || c.peek().is_some_and(|n| NOT_AFTER_SEASON.contains(n)) {
        *c = save;
        return None;
    }
    if suffixed && c.peek().is_some_and(|n| n == '度') {
        *c = save;
        return None;
    }
    Some(s)
}

/// The parts that may follow a month: a day, 月底/上旬, 第N周.
fn after_month(c: &mut Cur, e: &mut Expr) {
    let save = *c;
    // 3 月 15 日: one space before an Arabic day (then 日 or 号 must follow).
    let spaced = c.skip_space_before(|n| n.is_ascii_digit());
    let arabic = at_digit(c);
    if let Some(d) = c.num_in(1, 31) {
        if c.eat_any_unit(&["日", "号", "號"]) {
            e.day = Some(Day::Abs(d));
            day_tail(c, e, arabic);
            return;
        }
        if spaced {
            *c = save;
            return;
        }
        // A bare day (1月3, 十月31) only where a range or clause boundary follows.
        let next = c.peek();
        let boundary = match next {
            None => true,
            Some(n) => {
                !(n.is_alphanumeric() || n == '.' || n == '%')
                    || "至到和与與及出起前後后开開发發止".contains(n)
            }
        };
        if boundary && !e.year.is_some_and(|y| matches!(y, Year::Short(_))) {
            e.day = Some(Day::Abs(d));
            return;
        }
        *c = save;
    }
    if c.eat_any(&["月初", "月底", "月末", "上旬", "中旬", "下旬", "初", "底", "末"])
    {
        return;
    }
    let save = *c;
    c.eat("的");
    if c.eat("第") {
        c.skip_space_before(|n| n.is_ascii_digit());
        if let Some(n) = c.num_in(1, 5) {
            let ge = c.eat_unit("个") || c.eat_unit("個");
            if c.eat_any_unit(WEEK_WORDS) {
                if let Some(d) = weekday_char(c, true) {
                    e.period = Some(Period::MonthNthWeekday(n, d));
                    return;
                }
                if !ge || !c.peek().is_some_and(|n| "一二三四五六日天".contains(n)) {
                    e.period = Some(Period::MonthWeek(n));
                    return;
                }
            }
        }
    }
    *c = save;
}

/// An absolute month (11月, 十一月, 3月份), or a range start (2018年1-9月: the 1).
fn abs_month(c: &mut Cur, after_year: bool) -> Option<u32> {
    let save = *c;
    let m = c.num_in(1, 12)?;
    if c.eat_unit("月") {
        c.eat("份");
        return Some(m);
    }
    if after_year {
        let mark = *c;
        let mut conn = false;
        while c.eat("-") || c.eat("~") || c.eat("至") || c.eat("到") {
            conn = true;
        }
        if conn && c.num_in(1, 12).is_some() && c.eat_unit("月") {
            *c = mark;
            return Some(m);
        }
    }
    *c = save;
    None
}

/// A year (2023年, 二〇二三年, '98年, 九七年, 今年, 次年), 年 included.
fn year(c: &mut Cur) -> Option<(Year, bool)> {
    let save = *c;
    if let Some(y) = c.digits(4, 4) {
        if (1000..=2999).contains(&y) && c.eat_unit("年") {
            return Some((Year::Abs(y as i32), true));
        }
    }
    *c = save;
    if let Some(y) = c.cn_digit_seq(4) {
        if y >= 1000 && c.eat("年") {
            return Some((Year::Abs(y as i32), true));
        }
    }
    *c = save;
    if c.eat_any(&["'", "’", "‘"]) {
        if let Some(y) = c.digits(2, 2) {
            if c.eat_unit("年") {
                return Some((Year::Short(y as i32), true));
            }
        }
        *c = save;
        return None;
    }
    if let Some(y) = c.digits(2, 2) {
        if c.eat_unit("年") {
            return Some((Year::Short(y as i32), false));
        }
    }
    *c = save;
    // 九八年, 三三年 stand alone as years; 三四年, 七八年, 三五年 are approximate counts.
    if let Some(y) = c.cn_digit_seq(2) {
        if c.eat("年") {
            let (a, b) = (y / 10, y % 10);
            let approx = b == a + 1 || (a, b) == (3, 5);
            return Some((Year::Short(y as i32), !approx));
        }
    }
    *c = save;
    c.eat_map(REL_YEARS).map(|y| (y, true))
}

fn period_edge(c: &mut Cur) {
    c.eat_any(PERIOD_EDGE);
}

/// Everything that may follow a year.
fn after_year(c: &mut Cur, y: Year, strong: bool) -> Option<Expr> {
    let mut e = Expr { year: Some(y), ..Expr::default() };
    // 1500年的历史, 2000年之久: a length of time, not a year.
    if matches!(y, Year::Abs(_) | Year::Short(_))
        && ["历史", "的历史", "歷史", "的歷史", "之久", "多", "左右"]
            .iter()
            .any(|w| c.rest().starts_with(w))
    {
        return None;
    }
    if matches!(y, Year::Rel(-1)) && c.eat("同期") {
        return Some(Expr { period: Some(Period::SamePeriodLastYear), ..Expr::default() });
    }
    let save = *c;
    if lunar_tail(c, &mut e, false) {
        return Some(e);
    }
    *c = save;
    e.tod = None;
    // 2025 年 3 月, 2024 年 Q3, 2024 年 上半年: one space after an Arabic year (年 right after
    // a digit or a spaced digit) before a month number, a quarter, a week or a half.
    let arabic_year = c.s.get(..c.p).is_some_and(|h| {
        let h = h.strip_suffix('年').unwrap_or(h);
        h.ends_with(|x: char| x.is_ascii_digit())
            || h.strip_suffix(' ').is_some_and(|h| h.ends_with(|x: char| x.is_ascii_digit()))
    });
    // 今年 5 月, 去年 Q3: a relative year takes a spaced Arabic month or quarter too.
    let relative_year = matches!(y, Year::Rel(_));
    let spaced = (arabic_year
        && c.skip_space_before(|n| {
            n.is_ascii_digit() || matches!(n, 'Q' | 'q' | '第' | '上' | '下')
        }))
        || (relative_year && c.skip_space_before(|n| n.is_ascii_digit() || matches!(n, 'Q' | 'q')));
    let save = *c;
    // 暑假 (the summer holidays): the summer.
    if c.eat_any(&["暑假", "暑期"]) {
        e.period = Some(Period::Season("SU"));
        return Some(e);
    }
    if c.eat("上半年") || c.eat("上半年度") {
        e.period = Some(Period::Half(1));
        return Some(e);
    }
    if c.eat("下半年") {
        e.period = Some(Period::Half(2));
        return Some(e);
    }
    if let Some(q) = quarter(c) {
        e.period = Some(Period::Quarter(q));
        period_edge(c);
        return Some(e);
    }
    if let Some(s) = season(c, true) {
        e.period = Some(Period::Season(s));
        return Some(e);
    }
    if c.eat_any(&["年初", "年底", "年末", "年中", "伊始", "初", "底", "末"]) {
        return Some(e);
    }
    if c.eat("首月") {
        e.month = Some(Month::Abs(1));
        return Some(e);
    }
    if let Some(m) = abs_month(c, true) {
        e.month = Some(Month::Abs(m));
        after_month(c, &mut e);
        return Some(e);
    }
    *c = save;
    // 20年第52周, 21年第一个礼拜, 今年第三十七个星期: ISO week N of the year; 70年第8个月.
    if c.eat("第") {
        c.skip_space_before(|n| n.is_ascii_digit());
        if let Some(n) = c.num_in(1, 53) {
            let ge = c.eat_unit("个") || c.eat_unit("個");
            if ge && n <= 12 && c.eat("月") {
                e.month = Some(Month::Abs(n));
                return Some(e);
            }
            if c.eat_any_unit(WEEK_WORDS)
                && !c.peek().is_some_and(|n| "一二三四五六日天".contains(n))
            {
                e.period = Some(Period::YearWeek(n));
                return Some(e);
            }
        }
    }
    *c = save;
    if spaced {
        // Nothing after the space: the year alone, without it.
        c.p -= 1;
    }
    if !strong {
        return None;
    }
    // 2024年度, 本年度: the year.
    if matches!(y, Year::Abs(_) | Year::Rel(_)) && c.eat("度") {
        return Some(e);
    }
    Some(e)
}

/// 90年代, 上世纪80年代, 二十世纪九十年代末期, 1990年代, 21世纪.
fn decade_century(c: &mut Cur) -> Option<Expr> {
    let save = *c;
    let century = if let Some(r) = c.eat_map(&[
        ("上世纪", -1),
        ("上世紀", -1),
        ("上个世纪", -1),
        ("上個世紀", -1),
        ("本世纪", 0),
        ("本世紀", 0),
    ]) {
        Some(Century::Rel(r))
    } else {
        let n = c.num_in(1, 30);
        match n {
            Some(n) if c.eat_unit("世纪") || c.eat_unit("世紀") => {
                Some(Century::Ordinal(n as i32))
            }
            _ => {
                *c = save;
                None
            }
        }
    };
    let mark = *c;
    // 20 世纪 90 年代.
    if century.is_some() {
        c.skip_space_before(|n| n.is_ascii_digit());
    }
    let decade = if let Some(full) = c.digits(4, 4) {
        (full % 10 == 0 && c.eat_unit("年代")).then_some((full as i32 / 10 % 10, Some(full as i32)))
    } else if let Some(d) = c.digits(2, 2) {
        (d % 10 == 0 && c.eat_unit("年代")).then_some((d as i32 / 10, None))
    } else if let Some(d) = c.cn_int() {
        (d % 10 == 0 && d < 100 && c.eat("年代")).then_some((d as i32 / 10, None))
    } else {
        None
    };
    match (century, decade) {
        (_, Some((decade, full))) => {
            c.eat_any(&[
                "中后期",
                "中後期",
                "初期",
                "末期",
                "中期",
                "前期",
                "后期",
                "後期",
                "初",
                "末",
            ]);
            Some(Expr { period: Some(Period::Decade { century, decade, full }), ..Expr::default() })
        }
        (Some(cent), None) => {
            *c = mark;
            c.eat_any(&["初期", "末期", "中叶", "中葉", "初", "末"]);
            Some(Expr { period: Some(Period::Century(cent)), ..Expr::default() })
        }
        (None, None) => {
            *c = save;
            None
        }
    }
}

/// 三年前, 两个月后, 20天后, 4周后, 半年前, 一年半后.
fn ago(c: &mut Cur) -> Option<Expr> {
    let save = *c;
    let half_only = c.eat("半");
    let n = if half_only { Some(0) } else { c.small_num() };
    let Some(n) = n else {
        *c = save;
        return None;
    };
    let n = i64::from(n);
    // 2 年前, 3 个月后: one space after an Arabic number.
    if c.after_digit() {
        c.skip_space_before(|_| true);
    }
    let ge = c.eat("个") || c.eat("個");
    let (mut months_or_units, unit) = if c.eat("年") {
        (n, Unit::Year)
    } else if ge && !half_only && c.eat("月") {
        (n, Unit::Month)
    } else if !half_only && c.eat("季度") {
        (n * 3, Unit::Month)
    } else if !half_only && c.eat_any(&["星期", "礼拜", "禮拜", "周", "週"]) {
        (n, Unit::Week)
    } else if !half_only && !ge && c.eat_any(&["天", "日"]) {
        (n, Unit::Day)
    } else {
        *c = save;
        return None;
    };
    let mut unit = unit;
    if unit == Unit::Year && (half_only || c.eat("半")) {
        months_or_units = n * 12 + 6;
        unit = Unit::Month;
    } else if half_only {
        *c = save;
        return None;
    }
    let sign = if c.eat_any(&["之前", "以前", "前"]) {
        if c.peek().is_some_and(|x| "往进進夕端列沿".contains(x)) {
            *c = save;
            return None;
        }
        -1
    } else if c.eat_any(&["之后", "之後", "以后", "以後", "后", "後"]) {
        1
    } else {
        *c = save;
        return None;
    };
    // Nothing, or too far away to be a date rather than a span of history.
    let limit = match unit {
        Unit::Year => 200,
        Unit::Month => 600,
        Unit::Week => 520,
        Unit::Day => 3660,
    };
    if months_or_units == 0 || months_or_units > limit {
        *c = save;
        return None;
    }
    Some(Expr { period: Some(Period::Ago { n: months_or_units, unit, sign }), ..Expr::default() })
}

/// Numeric dates: 2023-11-28, 2023/11/28, 2023.11.28, 1994.01-19 (mixed separators, day
/// above 12 only), 10/31/1974, 10/31/74, 2022 11 23, 20240307; a bare year that starts a
/// range (2020至2025年); year.month ranges (1999.08-2002.02, 2008.03-2009, 2019.08-至今), both
/// ends; zero-padded month-day standing alone (09-01); month·day (6·30前), unless the name
/// of an event or festival (6·18, 7·23事故).
fn numeric(c: &mut Cur) -> Option<Parsed> {
    let start = c.p;
    let save = *c;
    if let Some(y) = c.digits(4, 4) {
        for sep in ["-", "/", "."] {
            let mark = *c;
            if c.eat(sep) {
                if let Some(m) = c.digits(1, 2) {
                    // 1994.01-19: mixed separators, only where the last part cannot be a
                    // month (1994.01-12 may be a range of months).
                    let m2 = *c;
                    let mixed = ["-", "/", "."].iter().any(|o| *o != sep && c.eat(o));
                    if mixed {
                        if let Some(d) = c.digits(1, 2) {
                            let next = c.peek();
                            let alone = !next
                                .is_some_and(|n| n.is_ascii_alphanumeric() || "-/.".contains(n));
                            if alone
                                && d > 12
                                && (1000..=2999).contains(&y)
                                && crate::calendar::Date::new(y as i32, m, d).is_some()
                            {
                                let e = ymd(Year::Abs(y as i32), m, d);
                                return done(c, e, false, false);
                            }
                        }
                    }
                    *c = m2;
                    if c.eat(sep) {
                        if let Some(d) = c.digits(1, 2) {
                            let trailing = c.rest().as_bytes();
                            let more = trailing.first().is_some_and(|b| {
                                *b == sep.as_bytes()[0]
                                    && trailing.get(1).is_some_and(u8::is_ascii_digit)
                            });
                            if !more
                                && (1000..=2999).contains(&y)
                                && crate::calendar::Date::new(y as i32, m, d).is_some()
                            {
                                let mut e = ymd(Year::Abs(y as i32), m, d);
                                let after = *c;
                                c.eat(" ");
                                e.tod = time_of_day(c);
                                if e.tod.is_none() {
                                    *c = after;
                                }
                                return Some(Parsed {
                                    end: c.p,
                                    expr: e,
                                    needs_word_start: false,
                                    sure: true,
                                    weak: false,
                                    after_connector: false,
                                });
                            }
                        }
                    }
                }
            }
            *c = mark;
        }
        // 1999.08-2002.02, 2008.03-2009, 2019.08-至今: a year and month starting a range.
        let mark = *c;
        if (1900..=2099).contains(&y) && c.eat(".") {
            if let Some(m) = c.digits(1, 2).filter(|m| (1..=12).contains(m)) {
                let end = *c;
                let conn = c.eat("-") || c.eat("~") || c.eat("至") || c.eat("到") || c.eat("—");
                let other = c.digits(4, 4).is_some_and(|y2| (y..=2099).contains(&y2))
                    && !c.peek().is_some_and(|n| n.is_ascii_digit());
                if conn && (other || c.eat("至今") || c.eat("今")) {
                    *c = end;
                    let e = Expr {
                        year: Some(Year::Abs(y as i32)),
                        month: Some(Month::Abs(m)),
                        ..Expr::default()
                    };
                    return done(c, e, false, true);
                }
            }
        }
        *c = mark;
        // 2020至2025年, 2015-2020年: the bare first year of a range.
        if (1000..=2999).contains(&y)
            && (c.eat_unit("至") || c.eat_unit("到") || c.eat_unit("-") || c.eat_unit("~"))
            && {
                c.eat(" ");
                c.digits(4, 4).is_some() || c.digits(2, 2).is_some()
            }
            && c.eat_unit("年")
        {
            return Some(Parsed {
                end: mark.p,
                expr: Expr { year: Some(Year::Abs(y as i32)), ..Expr::default() },
                needs_word_start: false,
                sure: true,
                weak: false,
                after_connector: false,
            });
        }
    }
    *c = save;
    // The end of a range started by YYYY.MM: 2002.02 in 1999.08-2002.02, 2009 in 2008.03-2009.
    if after_month_range(c.s, c.p) {
        if let Some(y) = c.digits(4, 4).filter(|y| (1900..=2099).contains(y)) {
            let mut e = Expr { year: Some(Year::Abs(y as i32)), ..Expr::default() };
            let mark = *c;
            if c.eat(".") {
                match c.digits(1, 2).filter(|m| (1..=12).contains(m)) {
                    Some(m) => e.month = Some(Month::Abs(m)),
                    None => *c = mark,
                }
            }
            let alone = !c.peek().is_some_and(|n| {
                n.is_ascii_alphanumeric() || is_cn_numeral(n) || ".%年月日号元".contains(n)
            });
            if alone {
                return done(c, e, false, true);
            }
        }
        *c = save;
    }
    // 2022 11 23: a full date with single spaces, standing alone.
    let before = c.s.get(..c.p).unwrap_or("");
    let after_number = {
        let mut it = before.chars().rev();
        it.next() == Some(' ') && it.next().is_some_and(|p| p.is_ascii_digit())
    };
    if !after_number {
        if let Some(y) = c.digits(4, 4).filter(|y| (1900..=2099).contains(y)) {
            if c.eat(" ") {
                if let Some(m) = c.digits(1, 2) {
                    if c.eat(" ") {
                        if let Some(d) = c.digits(1, 2) {
                            let r = c.rest().as_bytes();
                            let more = r.first().is_some_and(|b| {
                                b.is_ascii_alphanumeric() || *b == b'.' || *b == b':'
                            }) || (r.first() == Some(&b' ')
                                && r.get(1).is_some_and(u8::is_ascii_digit));
                            if !more && crate::calendar::Date::new(y as i32, m, d).is_some() {
                                let e = ymd(Year::Abs(y as i32), m, d);
                                return done(c, e, false, false);
                            }
                        }
                    }
                }
            }
        }
    }
    *c = save;
    // 09-01: month-day with a zero-padded part, standing alone (not 10-12个, 2-3).
    let prev = before.chars().next_back();
    if !prev.is_some_and(|p| "-:.".contains(p)) {
        let r = c.rest().as_bytes();
        let shape = r.len() >= 5
            && r[..2].iter().all(u8::is_ascii_digit)
            && r[2] == b'-'
            && r[3..5].iter().all(u8::is_ascii_digit)
            && (r[0] == b'0' || r[3] == b'0');
        if shape {
            let m = u32::from(r[0] - b'0') * 10 + u32::from(r[1] - b'0');
            let d = u32::from(r[3] - b'0') * 10 + u32::from(r[4] - b'0');
            c.p += 5;
            if crate::calendar::Date::new(2000, m, d).is_some() && month_day_end_ok(c, false) {
                let e =
                    Expr { month: Some(Month::Abs(m)), day: Some(Day::Abs(d)), ..Expr::default() };
                return done(c, e, false, false);
            }
        }
    }
    *c = save;
    // 6·30: month·day, unless the name of an event or festival (6·18, “7·23”事故).
    if let Some(m) = c.digits(1, 2) {
        if c.eat("·") {
            if let Some(d) = c.digits(1, 2) {
                let quoted = prev.is_some_and(|p| "“\"「『《".contains(p));
                if !quoted
                    && !NAMED_MONTH_DAYS.contains(&(m, d))
                    && crate::calendar::Date::new(2000, m, d).is_some()
                    && month_day_end_ok(c, true)
                {
                    let e = Expr {
                        month: Some(Month::Abs(m)),
                        day: Some(Day::Abs(d)),
                        ..Expr::default()
                    };
                    return done(c, e, false, false);
                }
            }
        }
    }
    *c = save;
    // 20240307: eight digits forming a valid date, standing alone.
    if let Some(v) = c.digits(8, 8) {
        let (y, m, d) = (v / 10000, v / 100 % 100, v % 100);
        let alone = !c.peek().is_some_and(|n| n.is_ascii_alphanumeric() || n == '.');
        if alone
            && (1900..=2099).contains(&y)
            && crate::calendar::Date::new(y as i32, m, d).is_some()
        {
            return done(c, ymd(Year::Abs(y as i32), m, d), false, false);
        }
    }
    *c = save;
    // M/D/YYYY, M/D/YY
    if let Some(m) = c.digits(1, 2) {
        if c.eat("/") {
            if let Some(d) = c.digits(1, 2) {
                if c.eat("/") {
                    let mark = *c;
                    if let Some(yy) = c.digits(2, 2) {
                        let alone =
                            !c.peek().is_some_and(|n| n.is_alphanumeric() || "/.%".contains(n));
                        if alone
                            && !prev_is_slash_number(c.s, start)
                            && crate::calendar::Date::new(2000, m, d).is_some()
                        {
                            return done(c, ymd(Year::Short(yy as i32), m, d), false, false);
                        }
                    }
                    *c = mark;
                    if let Some(y) = c.digits(4, 4) {
                        if (1000..=2999).contains(&y)
                            && crate::calendar::Date::new(y as i32, m, d).is_some()
                        {
                            return done(c, ymd(Year::Abs(y as i32), m, d), false, true);
                        }
                    }
                }
            }
        }
    }
    *c = save;
    None
}

/// A full date: year, month and day.
fn ymd(year: Year, month: u32, day: u32) -> Expr {
    Expr {
        year: Some(year),
        month: Some(Month::Abs(month)),
        day: Some(Day::Abs(day)),
        ..Expr::default()
    }
}

/// Is the number at `start` part of a longer slash sequence (1/2/3/4)?
fn prev_is_slash_number(s: &str, start: usize) -> bool {
    s.get(..start).is_some_and(|h| h.ends_with('/'))
}

/// After a month-day written with `-` or `·` (09-01, 6·30): nothing that makes it another
/// number (09-01个, 6·30.5) or, for `·` (`dot`), the name of an event (7·20特大暴雨): only the
/// end, punctuation, or a word that makes it a point in time (前, 起, 当天).
fn month_day_end_ok(c: &Cur, dot: bool) -> bool {
    let rest = c.rest();
    match rest.chars().next() {
        None => true,
        Some(n) if n.is_ascii_digit() || "-.·%/:".contains(n) => false,
        Some(n) if n.is_ascii_alphabetic() => false,
        Some('”' | '"' | '」' | '』') if dot => false,
        Some(n) if !n.is_alphanumeric() => true,
        Some(_) => MONTH_DOT_DAY_AFTER.iter().any(|w| rest.starts_with(w)),
    }
}

fn done(c: &Cur, expr: Expr, needs_word_start: bool, sure: bool) -> Option<Parsed> {
    Some(Parsed { end: c.p, expr, needs_word_start, sure, weak: false, after_connector: false })
}

/// Parses the longest date expression starting at byte `start` of `s`, if any.
pub(super) fn parse(s: &str, start: usize) -> Option<Parsed> {
    let mut c = Cur::new(s, start);
    let first = c.peek()?;
    let numeral_start = first.is_ascii_digit() || is_cn_numeral(first);

    if first.is_ascii_digit() {
        if let Some(p) = numeric(&mut c) {
            return Some(p);
        }
    }
    if numeral_start || first == '上' || first == '本' {
        if let Some(e) = decade_century(&mut c) {
            return done(&c, e, false, true);
        }
        c = Cur::new(s, start);
    }
    if numeral_start {
        if let Some(e) = ago(&mut c) {
            return done(&c, e, false, true);
        }
        c = Cur::new(s, start);
    }
    // 今明两年, 明后两天.
    if let Some((unit, off, n)) = c.eat_map(REL_SPANS) {
        let e = Expr { period: Some(Period::RelSpan { unit, off, n }), ..Expr::default() };
        return done(&c, e, first != '今', true);
    }
    // 农历2021年八月十五, 阴历二〇二一年六月, 农历十月: the marker before any year.
    if c.eat_any(LUNAR_MARKS) {
        let mut e = Expr::default();
        let mark = c;
        match year(&mut c) {
            Some((y, _)) => e.year = Some(y),
            None => c = mark,
        }
        if lunar_tail(&mut c, &mut e, true) {
            return done(&c, e, false, true);
        }
        return None;
    }
    // Year-led: 2023年…, 今年…, 98年4月.
    if let Some((y, strong)) = year(&mut c) {
        let ambiguous = matches!(y, Year::Rel(_) | Year::Anaphor(_)) && first != '今';
        let sure = matches!(y, Year::Abs(_) | Year::Short(_));
        if let Some(e) = after_year(&mut c, y, strong) {
            let sure = sure && (e.month.is_some() || matches!(y, Year::Abs(_)));
            return done(&c, e, ambiguous, sure);
        }
    }
    c = Cur::new(s, start);
    // Lunar without a year: 正月初八, 腊月18, 闰四月, 大年三十, 五月初五, 八月十五.
    if numeral_start || "正腊臘冬闰閏大".contains(first) {
        let mut e = Expr::default();
        if lunar_tail(&mut c, &mut e, false) {
            let has_day = e.lunar.is_some_and(|l| l.day.is_some());
            return done(&c, e, matches!(first, '正' | '冬'), has_day);
        }
        c = Cur::new(s, start);
    }
    // 上年同期 without a preceding 去年 is handled above (上年 is a relative year).
    // Month-led: 11月28日, 本月9日, 上个月.
    if let Some(m) = c.eat_map(REL_MONTHS) {
        let mut e = Expr { month: Some(m), ..Expr::default() };
        after_month(&mut c, &mut e);
        return done(&c, e, !matches!(m, Month::Rel(0)), false);
    }
    if numeral_start {
        if let Some(m) = abs_month(&mut c, false) {
            let mut e = Expr { month: Some(Month::Abs(m)), ..Expr::default() };
            after_month(&mut c, &mut e);
            return done(&c, e, false, e.day.is_some());
        }
        c = Cur::new(s, start);
    }
    // Relative days: 今天, 昨日, 当天, 今晚.
    for &(lit, d, part) in REL_DAYS {
        if c.eat(lit) {
            // 今日头条 (an app); 后天天 (后 + 天天).
            let doubled = lit.chars().next_back().is_some_and(|l| c.peek() == Some(l));
            if doubled || DAY_WORD_NOT_BEFORE.iter().any(|w| c.rest().starts_with(w)) {
                return None;
            }
            let mut e = Expr { day: Some(d), ..Expr::default() };
            match part {
                Some(p) => e.tod = Some(Tod::Part(p)),
                None => day_tail(&mut c, &mut e, false),
            }
            let ambiguous = !matches!(first, '今' | '昨' | '当' | '當');
            return done(&c, e, ambiguous, false);
        }
    }
    // Weeks: 上周, 本周三, 下个星期一, 上周末.
    if let Some(off) = c.eat_map(WEEK_PREFIXES) {
        c.eat("一");
        c.eat("个");
        c.eat("個");
        if c.eat_any(WEEK_WORDS) {
            if c.peek().is_some_and(|n| NOT_AFTER_WEEK.contains(n)) {
                return None;
            }
            let mut weekday = weekday_char(&mut c, true);
            let mut weekend = false;
            if weekday.is_none() {
                let m = c;
                if c.eat_any(WEEK_WORDS) {
                    weekday = weekday_char(&mut c, true);
                }
                if weekday.is_none() {
                    c = m;
                    weekend = c.eat("末");
                }
            }
            let mut e =
                Expr { period: Some(Period::WeekRel { off, weekday, weekend }), ..Expr::default() };
            if weekday.is_some() {
                e.tod = time_of_day(&mut c);
            }
            return done(&c, e, true, false);
        }
        c = Cur::new(s, start);
    }
    // Quarters: 第一季度, Q3, 上季度.
    if let Some(q) = c.eat_map(QUARTER_REL) {
        period_edge(&mut c);
        return done(
            &c,
            Expr { period: Some(Period::QuarterRel(q)), ..Expr::default() },
            true,
            false,
        );
    }
    if let Some(q) = quarter(&mut c) {
        period_edge(&mut c);
        return done(
            &c,
            Expr { period: Some(Period::Quarter(q)), ..Expr::default() },
            false,
            false,
        );
    }
    // Halves and seasons without a year: 上半年, 夏天.
    if c.eat("上半年") {
        return done(&c, Expr { period: Some(Period::Half(1)), ..Expr::default() }, true, false);
    }
    if c.eat("下半年") {
        return done(&c, Expr { period: Some(Period::Half(2)), ..Expr::default() }, true, false);
    }
    if let Some(se) = season(&mut c, false) {
        return done(&c, Expr { period: Some(Period::Season(se)), ..Expr::default() }, true, false);
    }
    if c.eat("暑假") {
        let e = Expr { period: Some(Period::Season("SU")), ..Expr::default() };
        return done(&c, e, true, false);
    }
    // 年初, 年底 (this year); 月初, 月底 (the month in context).
    if c.eat_any(&["年初", "年底", "年末", "年中"]) {
        // The year in context, else the reference year.
        return done(&c, Expr::default(), true, false);
    }
    if c.eat_any(&["月初", "月底", "月末"]) {
        return done(&c, Expr { month: Some(Month::Anaphor(0)), ..Expr::default() }, true, false);
    }
    // A bare day: 28日 (month from context).
    if numeral_start {
        let arabic = at_digit(&c);
        if let Some(d) = c.num_in(1, 31) {
            if c.eat_unit("日") && !c.peek().is_some_and(|n| "内內均间間化游遊线線元".contains(n))
            {
                let mut e = Expr { day: Some(Day::Abs(d)), ..Expr::default() };
                day_tail(&mut c, &mut e, arabic);
                return done(&c, e, false, false);
            }
            if c.eat_unit("号") || c.eat_unit("號") {
                let mut e = Expr { day: Some(Day::Abs(d)), ..Expr::default() };
                day_tail(&mut c, &mut e, arabic);
                return Some(Parsed {
                    end: c.p,
                    expr: e,
                    needs_word_start: false,
                    sure: false,
                    weak: false,
                    after_connector: true,
                });
            }
        }
        return None;
    }
    // An hour with its part of day (晚上8点): on the day in context.
    if !numeral_start {
        let mut t = c;
        if let Some(Tod::Hour(h)) = time_of_day(&mut t) {
            if t.p > c.p {
                let e =
                    Expr { day: Some(Day::Anaphor(0)), tod: Some(Tod::Hour(h)), ..Expr::default() };
                let has_part = PARTS_OF_DAY.iter().any(|(w, _)| c.rest().starts_with(w));
                if has_part {
                    return Some(Parsed {
                        end: t.p,
                        expr: e,
                        needs_word_start: true,
                        sure: false,
                        weak: false,
                        after_connector: false,
                    });
                }
            }
        }
    }
    // A bare weekday: 周三, 星期天上午.
    if let Some(d) = weekday(&mut c) {
        let mut e = Expr {
            period: Some(Period::WeekRel { off: 0, weekday: Some(d), weekend: false }),
            ..Expr::default()
        };
        e.tod = time_of_day(&mut c);
        return Some(Parsed {
            end: c.p,
            expr: e,
            needs_word_start: true,
            sure: false,
            weak: true,
            after_connector: false,
        });
    }
    if c.eat("周末") || c.eat("週末") {
        let e = Expr {
            period: Some(Period::WeekRel { off: 0, weekday: None, weekend: true }),
            ..Expr::default()
        };
        return done(&c, e, true, false);
    }
    None
}

/// Can a date expression start with `c`? (A cheap filter before [`parse`].)
pub(super) fn may_start(c: char) -> bool {
    c.is_ascii_digit()
        || is_cn_numeral(c)
        || matches!(
            c,
            '今' | '去'
                | '前'
                | '明'
                | '后'
                | '後'
                | '上'
                | '下'
                | '本'
                | '这'
                | '這'
                | '当'
                | '當'
                | '同'
                | '次'
                | '翌'
                | '大'
                | '昨'
                | '尋'
                | '聽'
                | '第'
                | '首'
                | 'Q'
                | 'q'
                | '春'
                | '夏'
                | '秋'
                | '冬'
                | '年'
                | '月'
                | '周'
                | '週'
                | '星'
                | '礼'
                | '禮'
                | '\''
                | '’'
                | '‘'
                | '早'
                | '中'
                | '正'
                | '午'
                | '傍'
                | '晚'
                | '夜'
                | '深'
                | '半'
                | '凌'
                | '白'
                | '清'
                | '腊'
                | '臘'
                | '闰'
                | '閏'
                | '农'
                | '農'
                | '阴'
                | '陰'
                | '旧'
                | '舊'
                | '暑'
        )
}
