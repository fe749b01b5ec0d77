//! Money: a number and a currency word or symbol.

use std::sync::LazyLock;

use regex::Regex;

use super::{Candidate, Context, numeral, tier};
use crate::model::{Approx, EntityKind, Money, Value};

static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([0-9][0-9,]*(?:\.[0-9]+)?[十百千万亿]*)(美元|元人民币|人民币|元|欧元|英镑|日元|港元|港币)")
        .expect("valid regex")
});

fn currency(word: &str) -> &'static str {
    match word {
        "美元" => "USD",
        "欧元" => "EUR",
        "英镑" => "GBP",
        "日元" => "JPY",
        "港元" | "港币" => "HKD",
        _ => "CNY",
    }
}

pub(crate) fn recognize(ctx: &Context, out: &mut Vec<Candidate>) {
    for m in MONEY.captures_iter(ctx.text) {
        let whole = m.get(0).expect("group 0");
        let Some(amount) = numeral::parse(&m[1]) else { continue };
        let before = &ctx.text[..whole.start()];
        let approx = if before.ends_with("超过") || before.ends_with('逾') {
            Some(Approx::Over)
        } else if before.ends_with("高达") {
            Some(Approx::UpTo)
        } else if before.ends_with('约') || before.ends_with('近') {
            Some(Approx::About)
        } else {
            None
        };
        let value = Value::Money(Money { amount, currency: currency(&m[2]).into(), approx });
        out.push(
            Candidate::new(EntityKind::Money, whole.start(), whole.end(), tier::SURE)
                .with_value(value),
        );
    }
}
