//! The one exact numeral parser every value recogniser shares.
//!
//! [`scan`] reads the longest numeral expression starting at a byte offset of the text:
//! Arabic digits (with `,`/`，` thousands separators and a decimal point), Chinese numerals
//! (零〇一二两三…十百千万亿兆, the financial forms 壹贰叁…拾佰仟, 廿 and 卅) with implied
//! places (两千三 = 2300, 三万五 = 35000), mixed forms (1.5万亿, 3千万, 3亿5000万), the
//! Chinese decimal point (三点五), and vague forms (数十亿, 十几万, 三千多万, 上百亿, 八九亿,
//! 1000多万, 2000余), which take the magnitude or the stated lower bound and report
//! [`Approx::Over`]. Values are exact [`Decimal`]s; overflow gives `None`, never a panic.
//! Every loop advances by at least one character, so a scan is linear in its length.

use crate::decimal::Decimal;
use crate::model::Approx;
use crate::segment::Tokens;

/// A numeral expression found in the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Numeral {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// The exact value (for vague forms: the magnitude or the lower bound).
    pub value: Decimal,
    /// Vagueness stated inside the expression (数十, 十几, 三千多, 八九).
    pub approx: Option<Approx>,
    /// Starts with a unit and no digit (万亿, 千亿, 百万).
    pub unit_led: bool,
    /// Contains an Arabic digit.
    pub arabic: bool,
    /// Is exactly one Chinese digit (一, 两, 三…), no unit.
    pub single_digit: bool,
    /// Is exactly one number (a digit or an Arabic literal) followed only by units: that
    /// number and the power of ten of the units (`九百亿` → (9, 10), `3万` → (3, 4)).
    pub lead: Option<(Decimal, u32)>,
    /// Power of ten of the big units (万, 亿, 万亿) the expression ends with, 0 if none.
    pub big_exp: u32,
    /// A Latin magnitude letter (`15k`, `30w`) was read.
    pub latin: bool,
}

/// Value of a Chinese digit character.
pub(crate) fn digit_value(c: char) -> Option<u8> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' | '幺' => 1,
        '二' | '贰' | '貳' | '两' | '兩' | '俩' | '倆' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Power of ten of a small unit (十百千).
fn small_unit(c: char) -> Option<u32> {
    match c {
        '十' | '拾' => Some(1),
        '百' | '佰' => Some(2),
        '千' | '仟' => Some(3),
        _ => None,
    }
}

/// Power of ten of a big unit (万亿兆).
fn big_unit(c: char) -> Option<u32> {
    match c {
        '万' | '萬' => Some(4),
        '亿' | '億' => Some(8),
        '兆' => Some(12),
        _ => None,
    }
}

/// A character that can be part of a numeral (used for boundary checks): an Arabic digit,
/// a Chinese digit, a unit (十百千万亿兆 and their financial forms) or 廿卅卌. One `match`,
/// since it runs on every character [`scan_all`] looks at.
#[inline]
pub(crate) fn is_numeral_char(c: char) -> bool {
    matches!(
        c,
        '0'..='9'
            | '零'
            | '〇'
            | '一'
            | '壹'
            | '幺'
            | '二'
            | '贰'
            | '貳'
            | '两'
            | '兩'
            | '俩'
            | '倆'
            | '三'
            | '叁'
            | '參'
            | '四'
            | '肆'
            | '五'
            | '伍'
            | '六'
            | '陆'
            | '陸'
            | '七'
            | '柒'
            | '八'
            | '捌'
            | '九'
            | '玖'
            | '十'
            | '拾'
            | '百'
            | '佰'
            | '千'
            | '仟'
            | '万'
            | '萬'
            | '亿'
            | '億'
            | '兆'
            | '廿'
            | '卅'
            | '卌'
    )
}

/// A character a numeral may start with: a numeral character or a vague lead (数十, 几百,
/// 上百).
#[inline]
fn may_start(c: char) -> bool {
    is_numeral_char(c) || matches!(c, '数' | '數' | '几' | '幾' | '上')
}

/// Every character [`may_start`] accepts, for [`BLOCKS`].
const START_CHARS: [char; 48] = [
    '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '零', '〇', '一', '壹', '幺', '二', '贰',
    '貳', '两', '兩', '俩', '倆', '三', '叁', '參', '四', '肆', '五', '伍', '六', '陆', '陸', '七',
    '柒', '八', '捌', '九', '玖', '十', '拾', '百', '佰', '千', '仟', '万', '萬', '亿', '億',
];

/// More start characters (kept apart so each array stays readable).
const START_CHARS_2: [char; 9] = ['兆', '廿', '卅', '卌', '数', '數', '几', '幾', '上'];

/// `BLOCKS[c >> 6]`: some character a numeral may start with lies in the same block of 64
/// code points as `c` (for `c` below U+10000). Lets [`scan_all`] step over most characters
/// after reading two bytes, without decoding them.
static BLOCKS: [bool; 1024] = {
    let mut t = [false; 1024];
    let mut k = 0;
    while k < START_CHARS.len() {
        t[(START_CHARS[k] as u32 >> 6) as usize] = true;
        k += 1;
    }
    let mut k = 0;
    while k < START_CHARS_2.len() {
        t[(START_CHARS_2[k] as u32 >> 6) as usize] = true;
        k += 1;
    }
    t
};

/// The first char boundary at or after `i` where a numeral might start (an ASCII digit, or
/// a character in a block of [`BLOCKS`]), or `None`. `i` must be a char boundary.
#[inline]
fn next_candidate(bytes: &[u8], mut i: usize) -> Option<usize> {
    while let Some(&b) = bytes.get(i) {
        match b {
            b'0'..=b'9' => return Some(i),
            0x00..=0x7F => i += 1,
            0xE0..=0xEF => {
                let b1 = *bytes.get(i + 1)?;
                let block = (usize::from(b & 0x0F) << 6) | usize::from(b1 & 0x3F);
                if BLOCKS[block] {
                    return Some(i);
                }
                i += 3;
            }
            0xC0..=0xDF => i += 2,
            0xF0..=0xFF => i += 4,
            // a continuation byte: cannot happen at a char boundary; step on safely
            _ => i += 1,
        }
    }
    None
}

fn pow10(exp: u32) -> Option<Decimal> {
    Some(Decimal::from_int(10i128.checked_pow(exp)?))
}

fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b)
}

/// Reads an Arabic number at `i`: digits, `,`/`，` followed by exactly three digits, and
/// one `.` followed by digits. Returns the value and the end offset.
fn arabic_at(text: &str, i: usize) -> Option<(Decimal, usize)> {
    let b = text.as_bytes();
    let mut j = i;
    let mut mantissa: i128 = 0;
    let mut scale = 0u32;
    let mut digits = 0usize;
    while j < b.len() {
        let c = b[j];
        if c.is_ascii_digit() {
            mantissa = mantissa.checked_mul(10)?.checked_add(i128::from(c - b'0'))?;
            digits += 1;
            j += 1;
            continue;
        }
        // thousands separator: `,` or `，` then exactly three digits
        let sep_len = if c == b',' {
            1
        } else if text[j..].starts_with('，') {
            '，'.len_utf8()
        } else {
            0
        };
        if sep_len > 0 && digits > 0 {
            let k = j + sep_len;
            let three = k + 3 <= b.len()
                && b[k..k + 3].iter().all(u8::is_ascii_digit)
                && (k + 3 == b.len() || !b[k + 3].is_ascii_digit());
            if three {
                j = k;
                continue;
            }
        }
        break;
    }
    if digits == 0 {
        return None;
    }
    // decimal part
    if j + 1 < b.len() && b[j] == b'.' && b[j + 1].is_ascii_digit() {
        j += 1;
        while j < b.len() && b[j].is_ascii_digit() {
            mantissa = mantissa.checked_mul(10)?.checked_add(i128::from(b[j] - b'0'))?;
            scale += 1;
            j += 1;
        }
    }
    Some((Decimal::new(mantissa, scale)?, j))
}

/// Two Chinese digits that state a vague range (三五, 八九, 两三, 一两).
fn vague_pair(a: u8, b: u8) -> bool {
    (a >= 1 && b == a + 1) || (a == 3 && b == 5) || (a == 1 && b == 2)
}

/// Reads the longest numeral expression starting exactly at byte `start` of `text`.
///
/// Returns `None` when there is none, when it overflows, or when it runs straight into
/// more digits it cannot read (a digit string such as 一九九八 is not a number here).
pub(crate) fn scan(text: &str, start: usize) -> Option<Numeral> {
    let mut total = Decimal::ZERO; // completed big-unit sections
    let mut level = 0u32; // power of ten applied to `total`
    let mut sub_level = u32::MAX; // the last big unit added below `level`
    let mut section = Decimal::ZERO; // current section (below 万)
    let mut pending: Option<Decimal> = None; // a number not yet multiplied
    let mut pending_chinese_digit = false;
    let mut pending_digit_val = 0u8;
    let mut last_small = u32::MAX; // last small unit in this section
    let mut last_unit_exp = 0u32; // last unit read (for implied places)
    let mut zero_seen = false;
    let mut approx: Option<Approx> = None;
    let mut after_vague = false; // after 多/余: only units may follow
    let mut unit_led = false;
    let mut arabic = false;
    let mut latin = false;
    let mut tokens = 0usize;
    let mut numbers = 0usize; // digit tokens read
    let mut units_exp = 0u32; // sum of unit exponents (for `lead`)
    let mut first_number: Option<Decimal> = None;
    let mut big_exp = 0u32;
    let mut any_digit = false;
    let mut i = start;
    // The numeral read so far, ending at `end` with `value`.
    macro_rules! finish_here {
        ($end:expr, $value:expr, $big_exp:expr, $single_digit:expr) => {
            finish(
                start,
                $end,
                $value,
                approx,
                unit_led,
                arabic,
                numbers,
                units_exp,
                first_number,
                $big_exp,
                latin,
                $single_digit,
            )
        };
    }

    while i < text.len() {
        let rest = &text[i..];
        let Some(c) = rest.chars().next() else { break };
        let clen = c.len_utf8();

        // Arabic number
        if c.is_ascii_digit() {
            // Arabic digits after a Chinese small unit (佰15, 十5) are no number, though
            // they may follow a big unit (1万5000) or a mixed small unit (1千5百)
            if pending.is_some()
                || after_vague
                || (tokens > 0 && last_unit_exp == 0 && !zero_seen)
                || (last_small != u32::MAX && !arabic)
            {
                break;
            }
            let (v, j) = arabic_at(text, i)?;
            pending = Some(v);
            pending_chinese_digit = false;
            arabic = true;
            any_digit = true;
            numbers += 1;
            first_number.get_or_insert(v);
            tokens += 1;
            big_exp = 0;
            i = j;
            // Latin magnitudes right after the digits: 15k, 30w (not followed by a letter)
            if let Some(l) = text[i..].chars().next() {
                let exp = match l {
                    'k' | 'K' => Some(3),
                    'w' | 'W' => Some(4),
                    _ => None,
                };
                if let Some(exp) = exp {
                    let next = text[i + 1..].chars().next();
                    if !next.is_some_and(|n| n.is_ascii_alphanumeric()) {
                        let v = v.checked_mul(pow10(exp)?)?;
                        latin = true;
                        units_exp += exp;
                        i += 1;
                        // the k/w closes the number
                        let value = add(add(total, section)?, v)?;
                        return finish_here!(i, value, 0, false);
                    }
                }
            }
            // 177.1 亿: one space may sit between Arabic digits and a unit
            if text[i..].starts_with(' ')
                && text[i + 1..]
                    .chars()
                    .next()
                    .is_some_and(|u| small_unit(u).is_some() || big_unit(u).is_some())
            {
                i += 1;
            }
            // the Chinese decimal point is not used after Arabic digits
            continue;
        }

        if let Some(d) = digit_value(c) {
            if after_vague {
                break;
            }
            if d == 0 {
                // 零: a gap in the places; a lone 零 is the number 0
                if pending.is_some() {
                    if tokens == 1 && pending_chinese_digit {
                        // digit strings such as 二〇二三 are not numbers
                        return None;
                    }
                    break;
                }
                if tokens == 0 {
                    pending = Some(Decimal::ZERO);
                    pending_chinese_digit = true;
                    pending_digit_val = 0;
                    any_digit = true;
                    numbers += 1;
                    first_number = Some(Decimal::ZERO);
                    tokens += 1;
                    i += clen;
                    continue;
                }
                zero_seen = true;
                tokens += 1;
                i += clen;
                continue;
            }
            if let Some(p) = pending {
                // 三五百, 八九亿: a vague pair keeps the lower digit
                if pending_chinese_digit && vague_pair(pending_digit_val, d) && numbers == 1 {
                    approx = Some(Approx::Over);
                    let _ = p;
                    tokens += 1;
                    i += clen;
                    continue;
                }
                if tokens == 1 && pending_chinese_digit {
                    return None; // a digit string
                }
                break;
            }
            if tokens > 0 && last_unit_exp == 0 && !zero_seen {
                break;
            }
            let v = Decimal::from_int(i128::from(d));
            pending = Some(v);
            pending_chinese_digit = true;
            pending_digit_val = d;
            any_digit = true;
            numbers += 1;
            first_number.get_or_insert(v);
            tokens += 1;
            big_exp = 0;
            i += clen;
            // Chinese decimal point: 三点五, 十二点五万 (decimal digits only, then big units)
            let after = &text[i..];
            let pt = if after.starts_with('点') || after.starts_with('點') { 3 } else { 0 };
            if pt > 0 && section_is_simple(last_small) {
                let mut j = i + pt;
                let mut frac: i128 = 0;
                let mut scale = 0u32;
                while let Some(fc) = text[j..].chars().next() {
                    match digit_value(fc) {
                        Some(fd) if !matches!(fc, '两' | '兩' | '俩' | '倆') => {
                            frac = frac.checked_mul(10)?.checked_add(i128::from(fd))?;
                            scale += 1;
                            j += fc.len_utf8();
                        }
                        _ => break,
                    }
                    if scale > 20 {
                        return None;
                    }
                }
                let next = text[j..].chars().next();
                let small_follows = next.is_some_and(|n| small_unit(n).is_some());
                if scale > 0 && !small_follows {
                    let int = add(section, v)?;
                    let f = Decimal::new(frac, scale)?;
                    pending = Some(add(int, f)?);
                    pending_chinese_digit = false;
                    section = Decimal::ZERO;
                    last_unit_exp = 0;
                    numbers += 1;
                    i = j;
                    // only big units may follow a decimal
                    if next.is_none_or(|n| big_unit(n).is_none()) {
                        let value = add(total, pending.unwrap_or(Decimal::ZERO))?;
                        return finish_here!(i, value, 0, false);
                    }
                }
            }
            continue;
        }

        // 廿 卅 卌: 20, 30, 40
        if matches!(c, '廿' | '卅' | '卌') {
            if pending.is_some()
                || after_vague
                || last_small <= 1
                || (tokens > 0 && last_unit_exp == 0 && !zero_seen)
            {
                break;
            }
            let v = match c {
                '廿' => 20,
                '卅' => 30,
                _ => 40,
            };
            section = add(section, Decimal::from_int(v))?;
            any_digit = true;
            numbers += 1;
            first_number.get_or_insert(Decimal::from_int(v / 10));
            units_exp += 1;
            last_small = 1;
            last_unit_exp = 1;
            zero_seen = false;
            tokens += 1;
            i += clen;
            continue;
        }

        if let Some(u) = small_unit(c) {
            if u >= last_small {
                break;
            }
            // 100千瓦, 5千米, 3千克: 千 belongs to the unit that follows
            if u == 3 && text[i + clen..].starts_with(['瓦', '克', '米']) {
                break;
            }
            let v = match pending {
                Some(p) => p,
                None => {
                    if tokens == 0 {
                        unit_led = u > 1;
                        if u == 1 {
                            first_number = Some(Decimal::from_int(1));
                            numbers += 1;
                        }
                    } else if !zero_seen && after_vague {
                        break;
                    }
                    Decimal::from_int(1)
                }
            };
            section = add(section, v.checked_mul(pow10(u)?)?)?;
            pending = None;
            last_small = u;
            last_unit_exp = u;
            zero_seen = false;
            units_exp += u;
            tokens += 1;
            big_exp = 0;
            i += clen;
            continue;
        }

        if let Some(u) = big_unit(c) {
            // 50兆瓦, 100兆字节: 兆 is "mega" there
            if u == 12 && text[i + clen..].starts_with(['瓦', '字', '赫', '比', '位']) {
                break;
            }
            // 两个亿 is handled by the caller skipping 个; here plain units only
            let chunk = add(section, pending.unwrap_or(Decimal::ZERO))?;
            if chunk == Decimal::ZERO && !any_digit && tokens == 0 {
                // 万亿美元: a unit alone counts one
                unit_led = true;
                total = pow10(u)?;
                level = u;
            } else if chunk == Decimal::ZERO && pending.is_none() && section == Decimal::ZERO {
                // 1.5万亿, 三千万亿: a compound multiplier
                if level == 0 || sub_level != u32::MAX {
                    break;
                }
                total = total.checked_mul(pow10(u)?)?;
                level = level.checked_add(u)?;
            } else if level == 0 {
                total = add(total, chunk.checked_mul(pow10(u)?)?)?;
                level = u;
            } else if u < level && u < sub_level {
                total = add(total, chunk.checked_mul(pow10(u)?)?)?;
                sub_level = u;
            } else {
                break;
            }
            units_exp += u;
            big_exp += u;
            section = Decimal::ZERO;
            pending = None;
            pending_chinese_digit = false;
            last_small = u32::MAX;
            last_unit_exp = u;
            zero_seen = false;
            after_vague = false;
            tokens += 1;
            i += clen;
            continue;
        }

        match c {
            // 多, 余: "more than" after a number or unit
            '多' | '余' | '餘'
                if tokens > 0
                    && !after_vague
                    && !zero_seen
                    && ((last_unit_exp > 0 && pending.is_none())
                        || (pending.is_some() && !pending_chinese_digit)) =>
            {
                // 多 must not start a word such as 多家 when nothing numeric precedes
                approx = Some(Approx::Over);
                after_vague = true;
                // an implied place is not read after 多: 三千多 is 3000+
                if let Some(p) = pending.take() {
                    section = add(section, p)?;
                }
                tokens += 1;
                i += clen;
                continue;
            }
            // 来: "about" after a number or unit (十来个, 20来人)
            '来' | '來'
                if tokens > 0
                    && !after_vague
                    && !zero_seen
                    && ((last_unit_exp > 0 && pending.is_none())
                        || (pending.is_some() && !pending_chinese_digit)) =>
            {
                if approx.is_none() {
                    approx = Some(Approx::About);
                }
                after_vague = true;
                if let Some(p) = pending.take() {
                    section = add(section, p)?;
                }
                tokens += 1;
                i += clen;
                continue;
            }
            // 几: 十几 (after 十), 几十/几百/几千/几万 (before a unit)
            '几' | '幾' => {
                if tokens == 0 {
                    let next = text[i + clen..].chars().next();
                    if !next.is_some_and(|n| small_unit(n).is_some() || big_unit(n).is_some()) {
                        break;
                    }
                    pending = Some(Decimal::from_int(1));
                    pending_chinese_digit = false;
                    first_number = Some(Decimal::from_int(1));
                    approx = Some(Approx::Over);
                    any_digit = true;
                    numbers += 1;
                    tokens += 1;
                    i += clen;
                    continue;
                }
                if pending.is_none() && last_unit_exp > 0 && !zero_seen && !after_vague {
                    approx = Some(Approx::Over);
                    after_vague = true;
                    tokens += 1;
                    i += clen;
                    continue;
                }
                break;
            }
            // 数十亿, 上百亿: a magnitude stated vaguely (only before a unit)
            '数' | '數' | '上' if tokens == 0 => {
                let next = text[i + clen..].chars().next();
                if !next.is_some_and(|n| small_unit(n).is_some() || big_unit(n).is_some()) {
                    break;
                }
                pending = Some(Decimal::from_int(1));
                pending_chinese_digit = false;
                first_number = Some(Decimal::from_int(1));
                approx = Some(Approx::Over);
                any_digit = true;
                numbers += 1;
                tokens += 1;
                i += clen;
                continue;
            }
            _ => break,
        }
    }

    if tokens == 0 || i == start {
        return None;
    }
    // a lone 数/几/上 that read no unit is nothing
    if approx.is_some()
        && numbers == 1
        && units_exp == 0
        && !arabic
        && first_number == Some(Decimal::from_int(1))
        && pending.is_some()
        && !pending_chinese_digit
    {
        return None;
    }
    // implied place: 两千三 = 2300, 三万五 = 35000, 十二 = 12
    let mut tail = pending.unwrap_or(Decimal::ZERO);
    if pending.is_some() && pending_chinese_digit && last_unit_exp > 0 && !zero_seen && tokens > 1 {
        tail = tail.checked_mul(pow10(last_unit_exp - 1)?)?;
    }
    let value = add(add(total, section)?, tail)?;
    let trailing_big = if pending.is_none() { big_exp } else { 0 };
    let single =
        numbers == 1 && units_exp == 0 && pending_chinese_digit && approx.is_none() && tokens == 1;
    finish_here!(i, value, trailing_big, single)
}

fn section_is_simple(last_small: u32) -> bool {
    last_small == u32::MAX || last_small == 1
}

#[allow(clippy::too_many_arguments)]
fn finish(
    start: usize,
    end: usize,
    value: Decimal,
    approx: Option<Approx>,
    unit_led: bool,
    arabic: bool,
    numbers: usize,
    units_exp: u32,
    first_number: Option<Decimal>,
    big_exp: u32,
    latin: bool,
    single_digit: bool,
) -> Option<Numeral> {
    let lead = match first_number {
        Some(f) if numbers == 1 => Some((f, units_exp)),
        None if unit_led => Some((Decimal::from_int(1), units_exp)),
        _ => None,
    };
    Some(Numeral {
        start,
        end,
        value,
        approx,
        unit_led,
        arabic,
        single_digit,
        lead,
        big_exp,
        latin,
    })
}

/// Parses a whole string as one numeral (`557.6万`, `两千三`, `1.5万亿`).
#[allow(dead_code)]
pub(crate) fn parse(s: &str) -> Option<Decimal> {
    let n = scan(s, 0)?;
    (n.end == s.len()).then_some(n.value)
}

/// Whether the numeral `n` is a 一 that only ends a longer word (统一, 唯一, 单一): the word
/// jieba cut around it starts before it and ends where it ends. (Other digits are left
/// alone: jieba also cuts 这三 or 有三 as one word.)
pub(crate) fn ends_other_word(tokens: &Tokens, n: &Numeral) -> bool {
    n.single_digit
        && n.value == Decimal::from_int(1)
        && tokens.at(n.start).is_some_and(|t| t.start < n.start && t.end == n.end)
}

/// Characters that make 数 the end of a noun (人数, 总数, 指数) rather than "several".
const COUNT_WORDS: &str = "人总次个倍分指基函系参变少多无岁户票件页字点位张股台家天年周月日单";

/// Currency codes a number may follow without a space (RMB100).
const CURRENCY_CODES: [&str; 8] = ["RMB", "USD", "CNY", "HKD", "EUR", "JPY", "GBP", "US$"];

/// Whether `text[..at]` ends with a number and a Latin magnitude letter (`10k` in
/// `10k-15k`), so a `-` after it joins two numbers rather than a name and a version.
fn latin_magnitude_ends(text: &str, at: usize) -> bool {
    let b = text.as_bytes();
    at >= 2
        && matches!(b.get(at - 1), Some(b'k' | b'K' | b'w' | b'W'))
        && b[at - 2].is_ascii_digit()
        && (at < 3 || !b[at - 3].is_ascii_alphabetic())
}

/// All numerals of `text`, left to right, none overlapping. A numeral does not start right
/// after a digit, a Chinese numeral character, a Latin letter or a decimal point, and
/// does not end right before a digit or a Latin letter (H800, GPT-4o, 一九九八 are not
/// numbers).
pub(crate) fn scan_all(text: &str) -> Vec<Numeral> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < text.len() {
        // step over characters no numeral starts with; `i` stays a char boundary
        match next_candidate(bytes, i) {
            Some(k) => i = k,
            None => break,
        }
        let Some(c) = text.get(i..).and_then(|r| r.chars().next()) else { break };
        if !may_start(c) {
            i += c.len_utf8();
            continue;
        }
        // the two characters before `i`
        let mut back = text[..i].chars().rev();
        let prev = back.next();
        let prev2 = back.next();
        let blocked = match prev {
            Some(_) if c == '数' || c == '數' => prev.is_some_and(|p| COUNT_WORDS.contains(p)),
            // 5 000: a digit group after a digit and a space belongs to the number before
            Some(' ') if c.is_ascii_digit() => prev2.is_some_and(|q| q.is_ascii_digit()),
            Some(p) if p.is_ascii_uppercase() && c.is_ascii_digit() => {
                !CURRENCY_CODES.iter().any(|code| text[..i].ends_with(code))
            }
            Some(p) => {
                p.is_ascii_alphanumeric()
                    // 找零五毛: a 零 that is a word of its own does not block
                    || (is_numeral_char(p)
                        && (!matches!(p, '零' | '〇') || prev2.is_some_and(is_numeral_char)))
                    || p == '_'
                    || (p == '.' && c.is_ascii_digit())
                    || (p == '-'
                        && c.is_ascii_digit()
                        && prev2.is_some_and(|q| q.is_ascii_alphabetic())
                        && !latin_magnitude_ends(text, i - 1))
            }
            None => false,
        };
        if !blocked {
            if let Some(n) = scan(text, i) {
                let next = text[n.end..].chars().next();
                let glued = next.is_some_and(|x| {
                    x.is_ascii_alphanumeric()
                        || (x == '.' && n.arabic && !n.latin)
                        || digit_value(x).is_some() && !matches!(x, '零' | '〇')
                });
                if !glued {
                    out.push(n);
                    i = n.end;
                    continue;
                }
            }
            // skip the rest of this run of digits so that a long run is read once
            let mut j = i + c.len_utf8();
            if is_numeral_char(c) && !matches!(c, '零' | '〇') {
                while let Some(d) = text[j..].chars().next() {
                    if is_numeral_char(d) || d == ',' || d == '.' {
                        j += d.len_utf8();
                    } else {
                        break;
                    }
                }
            }
            i = j;
            continue;
        }
        i += c.len_utf8();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> String {
        match parse(s) {
            Some(d) => d.to_string(),
            None => "-".to_string(),
        }
    }

    #[test]
    fn values() {
        let cases = [
            ("557.6万", "5576000"),
            ("1,100万", "11000000"),
            ("1.5万亿", "1500000000000"),
            ("3千万", "30000000"),
            ("4000万", "40000000"),
            ("3千万亿", "3000000000000000"),
            ("一万零五百", "10500"),
            ("十二", "12"),
            ("两千三", "2300"),
            ("三万五", "35000"),
            ("一百零五", "105"),
            ("一亿二千万", "120000000"),
            ("一亿二", "120000000"),
            ("六十四万零一百四十三", "640143"),
            ("壹万二千三百四十五", "12345"),
            ("肆佰叁拾萬", "4300000"),
            ("廿七", "27"),
            ("卅", "30"),
            ("三点五", "3.5"),
            ("十二点五万", "125000"),
            ("3亿5000万", "350000000"),
            ("1万5000", "15000"),
            ("数十亿", "1000000000"),
            ("十几万", "100000"),
            ("三千多万", "30000000"),
            ("1000多万", "10000000"),
            ("上百亿", "10000000000"),
            ("几十", "10"),
            ("八九亿", "800000000"),
            ("三五百", "300"),
            ("万亿", "1000000000000"),
            ("千亿", "100000000000"),
            ("82，225.00", "82225"),
            ("233,333，333,434.344", "233333333434.344"),
            ("15k", "15000"),
            ("零", "0"),
            ("二〇二三", "-"),
        ];
        let mut bad = Vec::new();
        for (s, want) in cases {
            let got = v(s);
            if got != want {
                bad.push(format!("{s}: want {want}, got {got}"));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn vague_flags() {
        assert_eq!(scan("数十亿", 0).unwrap().approx, Some(Approx::Over));
        assert_eq!(scan("十几", 0).unwrap().approx, Some(Approx::Over));
        assert_eq!(scan("三千", 0).unwrap().approx, None);
        let n = scan("九百亿", 0).unwrap();
        assert_eq!(n.lead, Some((Decimal::from_int(9), 10)));
        assert_eq!(n.big_exp, 8);
    }

    #[test]
    fn overflow_is_none() {
        let s = format!("{}亿", "9".repeat(1000));
        assert!(parse(&s).is_none());
        assert!(scan_all(&s).is_empty());
        let s = "九".repeat(1000) + "亿";
        let _ = scan_all(&s);
    }

    #[test]
    fn boundaries() {
        let t = "H800和GPT-4o以及1998年";
        let found: Vec<&str> = scan_all(t).iter().map(|n| &t[n.start..n.end]).collect();
        assert_eq!(found, ["1998"]);
    }
}

/// Qualifiers before an amount, longest first, and what they say.
const PREFIX_APPROX: [(&str, Approx); 43] = [
    ("最高可达", Approx::UpTo),
    ("最多可达", Approx::UpTo),
    ("最高达到", Approx::UpTo),
    ("最多达到", Approx::UpTo),
    ("最高为", Approx::UpTo),
    ("最多为", Approx::UpTo),
    ("不少于", Approx::Over),
    ("不低于", Approx::Over),
    ("超过了", Approx::Over),
    ("不超过", Approx::UpTo),
    ("最高达", Approx::UpTo),
    ("差不多", Approx::About),
    ("超过", Approx::Over),
    ("超出", Approx::Over),
    ("至少", Approx::Over),
    ("最少", Approx::Over),
    ("起码", Approx::Over),
    ("起碼", Approx::Over),
    ("多于", Approx::Over),
    ("大于", Approx::Over),
    ("高于", Approx::Over),
    ("突破", Approx::Over),
    ("大约", Approx::About),
    ("大約", Approx::About),
    ("约为", Approx::About),
    ("约合", Approx::About),
    ("将近", Approx::About),
    ("接近", Approx::About),
    ("大概", Approx::About),
    ("高达", Approx::UpTo),
    ("多达", Approx::UpTo),
    ("最多", Approx::UpTo),
    ("至多", Approx::UpTo),
    ("不到", Approx::UpTo),
    ("不足", Approx::UpTo),
    ("少于", Approx::UpTo),
    ("低于", Approx::UpTo),
    ("小于", Approx::UpTo),
    ("最高", Approx::UpTo),
    ("逾", Approx::Over),
    ("超", Approx::Over),
    ("约", Approx::About),
    ("近", Approx::About),
];

/// Qualifiers after an amount.
const SUFFIX_APPROX: [(&str, Approx); 8] = [
    ("以上", Approx::Over),
    ("出头", Approx::Over),
    ("左右", Approx::About),
    ("上下", Approx::About),
    ("前后", Approx::About),
    ("以下", Approx::UpTo),
    ("以内", Approx::UpTo),
    ("之内", Approx::UpTo),
];

/// The qualifier written right before byte `start` (超过, 约, 高达…), if any.
pub(crate) fn prefix_approx(text: &str, start: usize) -> Option<Approx> {
    let before = text.get(..start)?;
    let before = before.strip_suffix(' ').unwrap_or(before);
    let find = |b: &str| PREFIX_APPROX.iter().find(|(w, _)| b.ends_with(w)).map(|&(_, a)| a);
    if let Some(a) = find(before) {
        return Some(a);
    }
    // 超过了1亿, 至少需要5000万, 约为3%: one linking verb may stand between
    LINKING.iter().filter_map(|l| before.strip_suffix(l)).find_map(find)
}

/// Verbs that may stand between a qualifier and its amount.
const LINKING: [&str; 9] = ["了", "需要", "要", "达到", "达", "为", "是", "有", "花了"];

/// The qualifier written right after byte `end` (以上, 左右…), skipping `(含)`, if any.
pub(crate) fn suffix_approx(text: &str, end: usize) -> Option<Approx> {
    let mut after = text.get(end..)?;
    after = after.strip_prefix(' ').unwrap_or(after);
    for inc in ["(含)", "（含）"] {
        after = after.strip_prefix(inc).unwrap_or(after);
    }
    SUFFIX_APPROX.iter().find(|(w, _)| after.starts_with(w)).map(|&(_, a)| a)
}

/// How an earlier numeral is joined to the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Join {
    /// A range: 3-5亿, 30亿至40亿.
    Range,
    /// A list: 100亿、66亿和400亿.
    List,
}

const RANGE_WORDS: [&str; 6] = ["--", "-", "~", "到", "至", "～"];
const LIST_WORDS: [&str; 8] = ["、", "和", "以及", "及", "与", "與", "或", ","];

/// Whether `nums[k - 1]` is joined to `nums[k]` by a range connector or a list separator
/// with nothing else between them (so it shares `nums[k]`'s unit).
pub(crate) fn joined_left(text: &str, nums: &[Numeral], k: usize) -> Option<Join> {
    let prev = nums.get(k.checked_sub(1)?)?;
    let cur = nums.get(k)?;
    let mut between = text.get(prev.end..cur.start)?.trim_matches(' ');
    for inc in ["(含)", "（含）"] {
        between = between.strip_prefix(inc).unwrap_or(between).trim_matches(' ');
    }
    if RANGE_WORDS.contains(&between) {
        Some(Join::Range)
    } else if LIST_WORDS.contains(&between) {
        Some(Join::List)
    } else {
        None
    }
}

/// The value of the first number of a range that shares the second's magnitude:
/// 3-5亿 → 3亿, 八到九百亿 → 800亿, 一千到两千万 → 1000万; 8500到3万 stays 8500.
pub(crate) fn range_first_value(first: &Numeral, second: &Numeral) -> Decimal {
    let fits = |v: Decimal| v.to_f64() <= second.value.to_f64();
    if first.big_exp == 0 && !first.latin {
        if let (Some((_, 0)), Some((_, exp))) = (first.lead, second.lead) {
            if exp > 0 {
                if let Some(v) = first.value.checked_mul_pow10(exp) {
                    if fits(v) {
                        return v;
                    }
                }
            }
        }
        if second.big_exp > 0 && first.value.to_f64() < 10000.0 {
            if let Some(v) = first.value.checked_mul_pow10(second.big_exp) {
                if fits(v) {
                    return v;
                }
            }
        }
    }
    first.value
}
