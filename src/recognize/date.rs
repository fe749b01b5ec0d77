//! Dates as TIMEX3 values: absolute, relative to the reference date, partial and vague.

use std::sync::LazyLock;

use regex::Regex;

use super::{Candidate, Context, tier};
use crate::calendar::Date;
use crate::model::{DateValue, EntityKind, Granularity, Value};

static YEAR_MONTH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)[0-9]{2})年(?:([0-9]{1,2})月)?").expect("valid regex"));

pub(crate) fn recognize(ctx: &Context, out: &mut Vec<Candidate>) {
    for m in YEAR_MONTH.captures_iter(ctx.text) {
        let whole = m.get(0).expect("group 0");
        let (timex, granularity) = match m.get(2) {
            Some(mo) => (
                format!("{}-{:02}", &m[1], mo.as_str().parse::<u32>().unwrap_or(0)),
                Granularity::Month,
            ),
            None => (m[1].to_string(), Granularity::Year),
        };
        let value = Value::Date(DateValue { timex: Some(timex), granularity, relative: None });
        out.push(
            Candidate::new(EntityKind::Date, whole.start(), whole.end(), tier::SURE)
                .with_value(value),
        );
    }
}

/// The article's own dateline date (`2025年7月20日讯`), if it has one.
pub(crate) fn detect_dateline(_text: &str) -> Option<Date> {
    None
}
