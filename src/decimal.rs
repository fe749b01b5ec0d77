//! Exact decimal numbers for amounts: a scaled integer, never a float.

use std::fmt;

use serde::{Serialize, Serializer};

/// An exact decimal number `mantissa × 10^-scale`, as amounts are written in text
/// (`557.6万` is exactly 5576000). Serialised to JSON as a plain number: integers exactly,
/// fractions by their shortest decimal form.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Decimal {
    mantissa: i128,
    scale: u32,
}

const MAX_SCALE: u32 = 30;

impl Decimal {
    /// Zero.
    pub const ZERO: Decimal = Decimal { mantissa: 0, scale: 0 };

    /// `mantissa × 10^-scale`, normalised. `None` when `scale` is absurdly large.
    pub fn new(mantissa: i128, scale: u32) -> Option<Decimal> {
        if scale > MAX_SCALE {
            return None;
        }
        Some(Decimal { mantissa, scale }.normalised())
    }

    /// An integer value.
    pub const fn from_int(n: i128) -> Decimal {
        Decimal { mantissa: n, scale: 0 }
    }

    /// Parses `123`, `-4.50`, `1,234.5` (ASCII digits, optional commas, one optional point).
    pub fn parse(s: &str) -> Option<Decimal> {
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let mut mantissa: i128 = 0;
        let mut scale = 0u32;
        let mut seen_point = false;
        let mut digits = 0;
        for c in body.chars() {
            match c {
                '0'..='9' => {
                    mantissa = mantissa.checked_mul(10)?.checked_add((c as u8 - b'0') as i128)?;
                    digits += 1;
                    if seen_point {
                        scale += 1;
                        if scale > MAX_SCALE {
                            return None;
                        }
                    }
                }
                '.' if !seen_point => seen_point = true,
                ',' if !seen_point => {}
                _ => return None,
            }
        }
        if digits == 0 {
            return None;
        }
        Decimal::new(if neg { -mantissa } else { mantissa }, scale)
    }

    /// `self × other`, `None` on overflow.
    pub fn checked_mul(self, other: Decimal) -> Option<Decimal> {
        let m = self.mantissa.checked_mul(other.mantissa)?;
        Decimal::new(m, self.scale + other.scale)
    }

    /// `self + other`, `None` on overflow.
    pub fn checked_add(self, other: Decimal) -> Option<Decimal> {
        let scale = self.scale.max(other.scale);
        let a = self.mantissa.checked_mul(10i128.checked_pow(scale - self.scale)?)?;
        let b = other.mantissa.checked_mul(10i128.checked_pow(scale - other.scale)?)?;
        Decimal::new(a.checked_add(b)?, scale)
    }

    /// `self × 10^exp`, `None` on overflow.
    pub fn checked_mul_pow10(self, exp: u32) -> Option<Decimal> {
        self.checked_mul(Decimal::from_int(10i128.checked_pow(exp)?))
    }

    /// `self ÷ 10^exp` (exact: only the scale changes).
    pub fn div_pow10(self, exp: u32) -> Option<Decimal> {
        Decimal::new(self.mantissa, self.scale.checked_add(exp)?)
    }

    /// True when the value has no fractional part.
    pub fn is_integer(&self) -> bool {
        self.scale == 0
    }

    /// The value as an integer, when it is one and fits.
    pub fn to_i128(&self) -> Option<i128> {
        (self.scale == 0).then_some(self.mantissa)
    }

    /// The nearest `f64` (for display and comparison only; the exact value is `self`).
    pub fn to_f64(&self) -> f64 {
        self.to_string().parse().unwrap_or(f64::NAN)
    }

    fn normalised(mut self) -> Decimal {
        while self.scale > 0 && self.mantissa % 10 == 0 {
            self.mantissa /= 10;
            self.scale -= 1;
        }
        if self.mantissa == 0 {
            self.scale = 0;
        }
        self
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.scale == 0 {
            return write!(f, "{}", self.mantissa);
        }
        let neg = self.mantissa < 0;
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = self.scale as usize;
        let (int, frac) = if digits.len() > scale {
            let (i, fr) = digits.split_at(digits.len() - scale);
            (i.to_string(), fr.to_string())
        } else {
            ("0".to_string(), format!("{}{}", "0".repeat(scale - digits.len()), digits))
        };
        write!(f, "{}{}.{}", if neg { "-" } else { "" }, int, frac)
    }
}

impl fmt::Debug for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.scale == 0 {
            if let Ok(v) = i64::try_from(self.mantissa) {
                return s.serialize_i64(v);
            }
            return s.serialize_i128(self.mantissa);
        }
        // A fraction with at most 15 significant digits round-trips through f64's shortest
        // representation unchanged; amounts in news text never need more.
        s.serialize_f64(self.to_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_arithmetic() {
        let x = Decimal::parse("557.6").unwrap().checked_mul_pow10(4).unwrap();
        assert_eq!(x.to_string(), "5576000");
        assert_eq!(serde_json::to_string(&x).unwrap(), "5576000");
        let y = Decimal::parse("45564.44").unwrap();
        assert_eq!(serde_json::to_string(&y).unwrap(), "45564.44");
        assert_eq!(Decimal::parse("0.21").unwrap().to_string(), "0.21");
        assert_eq!(Decimal::parse("1,100").unwrap().to_string(), "1100");
        assert_eq!(Decimal::parse("1.50").unwrap(), Decimal::parse("1.5").unwrap());
        assert!(Decimal::parse(&"9".repeat(60)).is_none());
        let z = Decimal::parse("1.5").unwrap().checked_add(Decimal::from_int(2)).unwrap();
        assert_eq!(z.to_string(), "3.5");
    }
}
