//! The article's own dateline: the publication date a news article states near its start
//! (`2025年7月20日讯`, `新华社北京2025年7月20日电`, `2025-07-20 10:30` on a line of its own).
//!
//! Conservative on purpose: only the first 200 characters, only full dates (a dateline
//! without a year, such as `新华社北京7月20日电`, gives nothing), and only where the date
//! is a dateline: followed by 讯/电/消息/报道/发布 or standing at the start of a line.

use std::sync::LazyLock;

use regex::Regex;

use crate::calendar::Date;

static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"((?:19|20)[0-9]{2})\s*(?:年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日|([-/.])([0-9]{1,2})[-/.]([0-9]{1,2}))",
    )
    .expect("valid regex")
});

/// Words after a date that make it a dateline.
static DATELINE_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[(（][^)）\n]{0,12}[)）])?\s*(?:讯|訊|電|电|消息|报道|報道|发自|發自)")
        .expect("valid regex")
});

/// What may follow a date standing on a line of its own (a time, a weekday, a source).
static LINE_REST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[ \t]*(?:[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?)?[ \t]*(?:(?:星期|周)[一二三四五六日天])?[ \t]*(?:\r?\n|$|来源|來源|\||｜)",
    )
    .expect("valid regex")
});

/// Labels that may precede a dateline at the start of a line.
static LINE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[\s|｜【\[(（]*(?:(?:发布|發布|更新|出版|发表|發表)?(?:时间|時間|日期)\s*[:：]?)?\s*(?:北京时间|北京時間)?\s*$")
        .expect("valid regex")
});

/// The article's own dateline date (`2025年7月20日讯`), if it has one.
pub(crate) fn detect_dateline(text: &str) -> Option<Date> {
    let head = match text.char_indices().nth(200) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    for m in FULL_DATE.captures_iter(head) {
        let whole = m.get(0)?;
        let y: i32 = m.get(1)?.as_str().parse().ok()?;
        let (mo, d) = match (m.get(2), m.get(3)) {
            (Some(mo), Some(d)) => (mo.as_str(), d.as_str()),
            _ => (m.get(5)?.as_str(), m.get(6)?.as_str()),
        };
        let Some(date) = Date::new(y, mo.parse().ok()?, d.parse().ok()?) else { continue };
        let after = &head[whole.end()..];
        let line_start = head[..whole.start()].rfind('\n').map_or(0, |i| i + 1);
        let before = &head[line_start..whole.start()];
        if DATELINE_AFTER.is_match(after)
            || (LINE_LABEL.is_match(before) && LINE_REST.is_match(after))
        {
            return Some(date);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2025年7月20日讯，OpenAI今天宣布……", Some("2025-07-20")),
            ("腾讯科技讯 2025年7月20日消息，……", Some("2025-07-20")),
            ("新华社北京2025年7月20日电（记者张三）……", Some("2025-07-20")),
            ("2025-07-20 10:30\n标题\n正文", Some("2025-07-20")),
            ("发布时间：2024/03/05\n正文", Some("2024-03-05")),
            ("北京时间7月20日消息，苹果公司……", None),
            ("新华社北京7月20日电（记者张三）", None),
            ("他在2023年11月28日加入了公司。", None),
            ("2023年11月28日，奥特曼被董事会解雇。", None),
            ("OpenAI于2025年7月20日发布了新模型。", None),
            ("", None),
        ];
        for (text, want) in cases {
            let got = detect_dateline(text).map(|d| d.to_string());
            assert_eq!(got.as_deref(), *want, "{text}");
        }
    }
}
