//! The Chinese (lunar) calendar, 1900–2100: a lunar year, month and day to the Gregorian date,
//! from the table in `lexicons/lunar.tsv` (one line per lunar year: the Gregorian date of its
//! 正月初一 and its months in the common `0x04bd8` encoding; the format is documented at the
//! top of that file).
//!
//! A lunar year is named by the Gregorian year its first day falls in: 农历2021年正月初一 is
//! 2021-02-12, 农历2021年腊月 runs from 2022-01-03 to 2022-01-31.

use std::sync::LazyLock;

use crate::calendar::Date;

const TABLE_TSV: &str = include_str!("../../../lexicons/lunar.tsv");

/// The first lunar year the table covers.
const FIRST_YEAR: i32 = 1900;

/// One lunar year: the day number (days since 1970-01-01) of its 正月初一 and its months.
#[derive(Debug, Clone, Copy)]
struct Row {
    first: i64,
    info: u32,
}

/// The table, indexed by `year - FIRST_YEAR`. A malformed line ends the table there (the unit
/// tests check that it is complete), so the hot path never fails on it.
static TABLE: LazyLock<Vec<Row>> = LazyLock::new(|| {
    let mut rows = Vec::with_capacity(201);
    for line in TABLE_TSV.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(y), Some(ny), Some(info)) = (cols.next(), cols.next(), cols.next()) else {
            break;
        };
        let (Ok(y), Ok(ny), Ok(info)) =
            (y.parse::<i32>(), ny.parse::<Date>(), u32::from_str_radix(info.trim(), 16))
        else {
            break;
        };
        if y != FIRST_YEAR + rows.len() as i32 {
            break;
        }
        rows.push(Row { first: ny.to_days(), info });
    }
    rows
});

fn row(year: i32) -> Option<Row> {
    let i = usize::try_from(year.checked_sub(FIRST_YEAR)?).ok()?;
    TABLE.get(i).copied()
}

/// The months of a year in order: (month 1–12, is the leap month, days).
fn months(info: u32) -> impl Iterator<Item = (u32, bool, i64)> {
    let leap = info & 0xf;
    (1..=12u32).flat_map(move |m| {
        let len = if info & (0x10000 >> m) != 0 { 30 } else { 29 };
        let leap_len = if info & 0x10000 != 0 { 30 } else { 29 };
        let extra = (leap == m).then_some((m, true, leap_len));
        std::iter::once((m, false, len)).chain(extra)
    })
}

/// The leap month of a lunar year (1–12), if it has one.
#[cfg(test)]
fn leap_month(year: i32) -> Option<u32> {
    row(year).map(|r| r.info & 0xf).filter(|&m| m != 0)
}

/// First day (day number) and length in days of a lunar month; `None` when the year is out of
/// the table or has no such (leap) month.
fn month_span_days(year: i32, month: u32, leap: bool) -> Option<(i64, i64)> {
    let r = row(year)?;
    let mut day = r.first;
    for (m, l, len) in months(r.info) {
        if m == month && l == leap {
            return Some((day, len));
        }
        day += len;
    }
    None
}

/// First day and length of a lunar month (闰四月 is `leap`).
pub(super) fn month_span(year: i32, month: u32, leap: bool) -> Option<(Date, i64)> {
    month_span_days(year, month, leap).map(|(d, len)| (Date::from_days(d), len))
}

/// The Gregorian date of a lunar date; day 0 means the month's last day (大年三十).
pub(super) fn to_gregorian(year: i32, month: u32, leap: bool, day: u32) -> Option<Date> {
    let (first, len) = month_span_days(year, month, leap)?;
    let day = i64::from(day);
    let day = if day == 0 { len } else { day };
    (day <= len).then(|| Date::from_days(first + day - 1))
}

/// The lunar year a Gregorian date falls in.
fn year_of(d: Date) -> Option<i32> {
    let n = d.to_days();
    let t = &*TABLE;
    let idx = t.partition_point(|r| r.first <= n).checked_sub(1)?;
    let next_first = t.get(idx + 1).map(|r| r.first);
    if next_first.is_none() {
        // Past the last new year: only inside the table's last year.
        let last = t.get(idx)?;
        let len: i64 = months(last.info).map(|(_, _, l)| l).sum();
        if n >= last.first + len {
            return None;
        }
    }
    Some(FIRST_YEAR + idx as i32)
}

/// For a lunar date written without a year: the lunar year that puts it nearest to `anchor`
/// (the reference date, or the date the text spoke of last). In January 2022, 腊月初十 is
/// 2022-01-12 (lunar 2021) and 正月十五 2022-02-15 (lunar 2022). `day` 0 = the last day,
/// `None` = the whole month.
pub(super) fn nearest_year(anchor: Date, month: u32, leap: bool, day: Option<u32>) -> Option<i32> {
    let base = year_of(anchor)?;
    let a = anchor.to_days();
    let mut best: Option<(i64, i32)> = None;
    // A leap month comes back only every few years: look a little further for one.
    let reach = if leap { 3 } else { 1 };
    for y in base - reach..=base + reach {
        let Some((first, len)) = month_span_days(y, month, leap) else { continue };
        let (s, e) = match day {
            None => (first, first + len - 1),
            Some(0) => (first + len - 1, first + len - 1),
            Some(d) if i64::from(d) <= len => (first + i64::from(d) - 1, first + i64::from(d) - 1),
            Some(_) => continue,
        };
        let dist = if a < s {
            s - a
        } else if a > e {
            a - e
        } else {
            0
        };
        if best.is_none_or(|(bd, _)| dist < bd) {
            best = Some((dist, y));
        }
    }
    best.map(|(_, y)| y)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn table_is_complete_and_consistent() {
        assert_eq!(TABLE.len(), 201, "1900–2100");
        for w in TABLE.windows(2) {
            let len: i64 = months(w[0].info).map(|(_, _, l)| l).sum();
            assert_eq!(w[0].first + len, w[1].first, "year lengths chain");
            assert!((353..=385).contains(&len));
        }
    }

    #[test]
    fn spring_festivals() {
        for (y, want) in [
            (1900, "1900-01-31"),
            (2000, "2000-02-05"),
            (2012, "2012-01-23"),
            (2020, "2020-01-25"),
            (2021, "2021-02-12"),
            (2023, "2023-01-22"),
            (2024, "2024-02-10"),
            (2025, "2025-01-29"),
            (2026, "2026-02-17"),
        ] {
            assert_eq!(to_gregorian(y, 1, false, 1), Some(d(want)), "{y}");
        }
    }

    #[test]
    fn conversions() {
        let cases: &[(i32, u32, bool, u32, &str)] = &[
            (1991, 8, false, 23, "1991-09-30"),
            (2012, 1, false, 15, "2012-02-06"),
            (2012, 1, false, 8, "2012-01-30"),
            (2020, 5, false, 5, "2020-06-25"),
            (2020, 4, true, 1, "2020-05-23"),
            (2021, 8, false, 15, "2021-09-21"),
            (2022, 5, false, 22, "2022-06-20"),
            (2023, 9, false, 22, "2023-11-05"),
            (2023, 12, false, 0, "2024-02-09"),
            (2024, 12, false, 0, "2025-01-28"),
        ];
        for &(y, m, leap, day, want) in cases {
            assert_eq!(to_gregorian(y, m, leap, day), Some(d(want)), "{y}-{m}-{day} {leap}");
        }
        assert_eq!(month_span(2021, 6, false), Some((d("2021-07-10"), 29)));
        assert_eq!(month_span(2022, 12, false), Some((d("2022-12-23"), 30)));
        assert_eq!(leap_month(2020), Some(4));
        assert_eq!(leap_month(2021), None);
        assert_eq!(month_span(2021, 4, true), None);
        assert_eq!(to_gregorian(1899, 1, false, 1), None);
        assert_eq!(to_gregorian(2101, 1, false, 1), None);
        assert_eq!(to_gregorian(2021, 1, false, 31), None);
    }

    #[test]
    fn nearest() {
        assert_eq!(year_of(d("2022-01-01")), Some(2021));
        assert_eq!(year_of(d("2022-02-01")), Some(2022));
        assert_eq!(year_of(d("1900-01-30")), None);
        let r = d("2022-01-01");
        assert_eq!(nearest_year(r, 12, false, Some(10)), Some(2021));
        assert_eq!(nearest_year(r, 1, false, Some(15)), Some(2022));
        assert_eq!(nearest_year(r, 5, false, Some(22)), Some(2022));
        assert_eq!(nearest_year(d("2021-05-01"), 1, false, None), Some(2021));
        assert_eq!(nearest_year(d("2020-01-01"), 4, true, None), Some(2020));
        assert_eq!(nearest_year(d("2024-02-01"), 12, false, Some(0)), Some(2023));
    }
}
