//! The one exact numeral parser every value recogniser shares.

use crate::decimal::Decimal;

/// Parses a whole numeral: Arabic digits (with `,` separators and a decimal point) followed
/// by optional 万/亿 multipliers, e.g. `557.6万`, `1,100万`, `400亿`.
pub(crate) fn parse(s: &str) -> Option<Decimal> {
    let digits_end =
        s.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')).unwrap_or(s.len());
    let mut value = Decimal::parse(&s[..digits_end])?;
    for c in s[digits_end..].chars() {
        let exp = match c {
            '十' => 1,
            '百' => 2,
            '千' => 3,
            '万' => 4,
            '亿' => 8,
            _ => return None,
        };
        value = value.checked_mul_pow10(exp)?;
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed() {
        assert_eq!(parse("557.6万").unwrap().to_string(), "5576000");
        assert_eq!(parse("1,100万").unwrap().to_string(), "11000000");
        assert_eq!(parse("1.5万亿").unwrap().to_string(), "1500000000000");
        assert!(parse("abc").is_none());
    }
}
