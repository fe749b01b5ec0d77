//! Percentages, quantities (number + measure word) and durations.

use std::sync::LazyLock;

use regex::Regex;

use super::{Candidate, Context, numeral, tier};
use crate::decimal::Decimal;
use crate::model::{EntityKind, Percent, Quantity, Value};

static PERCENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[0-9]+(?:\.[0-9]+)?%").expect("valid regex"));

static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9][0-9,]*(?:\.[0-9]+)?[万亿]*)(人|名|位|次|家|个|款|台|轮|倍|岁)")
        .expect("valid regex")
});

pub(crate) fn recognize(ctx: &Context, out: &mut Vec<Candidate>) {
    for m in PERCENT.find_iter(ctx.text) {
        let Some(v) = Decimal::parse(m.as_str().trim_end_matches('%')) else { continue };
        out.push(
            Candidate::new(EntityKind::Percent, m.start(), m.end(), tier::SURE)
                .with_value(Value::Percent(Percent { value: v, approx: None })),
        );
    }
    for m in QUANTITY.captures_iter(ctx.text) {
        let whole = m.get(0).expect("group 0");
        let Some(amount) = numeral::parse(&m[1]) else { continue };
        let value =
            Value::Quantity(Quantity { amount, unit: Some(m[2].to_string()), approx: None });
        out.push(
            Candidate::new(EntityKind::Quantity, whole.start(), whole.end(), tier::STRONG)
                .with_value(value),
        );
    }
}
