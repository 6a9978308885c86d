//! Rule family `privacy`: personal data that must never be published (DOMAIN §2): 18-digit
//! citizen ID numbers (checksum checked, so an ordinary long number is no finding), mobile
//! numbers (`1[3-9]` + 9 digits; the official reporting lines such as 12380 or 0938-12380 are
//! not mobile numbers), and full dates of birth next to a word for birth.
//!
//! The text scanned is everything that would be published: Markdown bodies with their code and
//! HTML, front-matter and YAML values. YAML comments and `private:` blocks (people.yaml keeps ID
//! numbers there for checks, never published) are left out by [`super::text::yaml_segments`].
//! Messages never repeat a number in full.

use super::settings::CheckConfig;
use super::text::Hit;

/// Weights of the 17 digits of a citizen ID number (GB 11643-1999).
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// True when `s` (18 characters) is a citizen ID number: a plausible date of birth and the right
/// check character (ISO 7064 MOD 11-2).
pub fn valid_id_number(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..17]
        .iter()
        .zip(WEIGHTS)
        .map(|(d, w)| u32::from(d - b'0') * w)
        .sum();
    let check = b"10X98765432"[(sum % 11) as usize];
    if b[17].to_ascii_uppercase() != check {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (y, m, d) = (num(6..10), num(10..12), num(12..14));
    (1900..=2100).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d)
}

fn mask(digits: &str, keep_head: usize, keep_tail: usize) -> String {
    let n = digits.chars().count();
    digits
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i < keep_head || i + keep_tail >= n {
                c
            } else {
                '*'
            }
        })
        .collect()
}

/// Words that say a date is a date of birth, before it.
const BIRTH_BEFORE: [&str; 11] = [
    "出生于",
    "生于",
    "出生日期",
    "出生年月日",
    "出生年月",
    "生日",
    "出生",
    "born",
    "birth",
    "dob",
    "birthday",
];

/// Scans `text` (at byte `base` of its file) for personal data.
pub fn scan(text: &str, base: usize, cfg: &CheckConfig, hits: &mut Vec<Hit>) {
    numbers(text, base, cfg, hits);
    birth_dates(text, base, hits);
}

fn numbers(text: &str, base: usize, cfg: &CheckConfig, hits: &mut Vec<Hit>) {
    let b = text.as_bytes();
    let allowed: Vec<String> = cfg
        .allow_numbers
        .iter()
        .map(|n| n.chars().filter(char::is_ascii_digit).collect())
        .collect();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() || (i > 0 && (b[i - 1].is_ascii_alphanumeric())) {
            i += 1;
            continue;
        }
        let start = i;
        // A run of digits, with single `-` or ` ` between groups (138-1234-5678).
        let mut digits = String::new();
        let mut j = i;
        let mut end = i;
        while j < b.len() {
            if b[j].is_ascii_digit() {
                digits.push(b[j] as char);
                j += 1;
                end = j;
            } else if (b[j] == b'-' || b[j] == b' ')
                && j + 1 < b.len()
                && b[j + 1].is_ascii_digit()
                && !digits.is_empty()
                && digits.len() < 11
            {
                j += 1;
            } else {
                break;
            }
        }
        let x_end = end < b.len() && (b[end] == b'X' || b[end] == b'x') && digits.len() == 17;
        let id_end = if x_end { end + 1 } else { end };
        let followed = |e: usize| e < b.len() && b[e].is_ascii_alphanumeric();
        if (digits.len() == 18 || x_end) && !followed(id_end) {
            let s = &text[start..id_end];
            let compact: String = s.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
            if valid_id_number(&compact) {
                hits.push(Hit {
                    rule: "id-number",
                    at: base + start,
                    message: format!("a citizen ID number ({}): personal data that may not be published", mask(&compact, 4, 2)),
                    fix: "remove it; a number needed for checks belongs under `private:` in people.yaml, which is never published".into(),
                    edit: None,
                });
            }
        } else if !followed(end) {
            // 86 or +86 before a mobile number.
            let d = digits
                .strip_prefix("86")
                .filter(|r| r.len() == 11)
                .unwrap_or(&digits);
            let mobile =
                d.len() == 11 && d.starts_with('1') && matches!(d.as_bytes()[1], b'3'..=b'9');
            if mobile && !allowed.iter().any(|a| a == d || a.ends_with(d)) {
                hits.push(Hit {
                    rule: "mobile-number",
                    at: base + start,
                    message: format!("a mobile telephone number ({}): a person's number may not be published", mask(d, 3, 4)),
                    fix: "publish the office's fixed line or the 12380 reporting line instead; an official mobile hotline goes in site.yaml's `check.allow_numbers`".into(),
                    edit: None,
                });
            }
        }
        i = end.max(i + 1);
    }
}

/// A full date at byte `i` of `t`: returns its end when it is one (2021年3月12日, 1975-03-12,
/// 1975/3/12, 1975.03.12, 12 March 1975, March 12, 1975).
fn full_date_at(t: &str, i: usize) -> Option<usize> {
    let b = t.as_bytes();
    let digits = |from: usize, min: usize, max: usize| -> Option<(u32, usize)> {
        let mut e = from;
        while e < b.len() && b[e].is_ascii_digit() && e - from < max {
            e += 1;
        }
        if e - from < min || (e < b.len() && b[e].is_ascii_digit()) {
            return None;
        }
        Some((t[from..e].parse().ok()?, e))
    };
    if i > 0 && b[i - 1].is_ascii_digit() {
        return None;
    }
    let (y, e) = digits(i, 4, 4)?;
    if !(1900..=2100).contains(&y) {
        return None;
    }
    let rest = &t[e..];
    let (sep_m, sep_d, tail): (&str, &str, &str) = if rest.starts_with('年') {
        ("年", "月", "日")
    } else if let Some(c) = rest.chars().next().filter(|c| matches!(c, '-' | '/' | '.')) {
        let s = if c == '-' {
            "-"
        } else if c == '/' {
            "/"
        } else {
            "."
        };
        (s, s, "")
    } else {
        return None;
    };
    let (m, e2) = digits(e + sep_m.len(), 1, 2)?;
    if !(1..=12).contains(&m) || !t[e2..].starts_with(sep_d) {
        return None;
    }
    let (d, e3) = digits(e2 + sep_d.len(), 1, 2)?;
    if !(1..=31).contains(&d) {
        return None;
    }
    if !tail.is_empty() {
        return t[e3..].starts_with(tail).then_some(e3 + tail.len());
    }
    Some(e3)
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// An English full date at byte `i` (12 March 1975, March 12, 1975): its end.
fn english_date_at(lower: &str, i: usize) -> Option<usize> {
    let b = lower.as_bytes();
    if i > 0 && b[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    let num = |from: usize, n: usize| -> Option<usize> {
        let mut e = from;
        while e < b.len() && b[e].is_ascii_digit() {
            e += 1;
        }
        (e - from >= 1 && e - from <= n).then_some(e)
    };
    let month_at = |from: usize| {
        MONTHS
            .iter()
            .find(|m| lower[from..].starts_with(*m))
            .map(|m| from + m.len())
    };
    if b.get(i).is_some_and(u8::is_ascii_digit) {
        // 12 March 1975
        let e = num(i, 2)?;
        let e = month_at(e + usize::from(lower[e..].starts_with(' ')))?;
        let s = e + usize::from(lower[e..].starts_with(' '));
        let y = num(s, 4)?;
        return (y - s == 4).then_some(y);
    }
    // March 12, 1975
    let e = month_at(i)?;
    let s = e + usize::from(lower[e..].starts_with(' '));
    let d = num(s, 2)?;
    let s = d
        + usize::from(lower[d..].starts_with(','))
        + usize::from(lower[d..].starts_with(", ") || lower[d..].starts_with(' '));
    let y = num(s, 4)?;
    (y - s == 4).then_some(y)
}

fn birth_dates(text: &str, base: usize, hits: &mut Vec<Hit>) {
    let lower = text.to_ascii_lowercase();
    let b = text.as_bytes();
    // Dates start a word of ASCII digits or letters.
    for i in (0..b.len())
        .filter(|&i| b[i].is_ascii_alphanumeric() && (i == 0 || !b[i - 1].is_ascii_alphanumeric()))
    {
        let Some(end) = full_date_at(text, i).or_else(|| english_date_at(&lower, i)) else {
            continue;
        };
        // A birth word in the 16 bytes before the date (same line), or 出生 / 生 right after it.
        let line_start = text[..i].rfind('\n').map(|p| p + 1).unwrap_or(0);
        let mut from = i.saturating_sub(24).max(line_start);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let before = &lower[from..i];
        let after = &text[end..];
        let born_after = after.starts_with("出生")
            || (after.starts_with('生')
                && !after["生".len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| super::artifacts::is_han(c) && !matches!(c, '于' | '人')));
        if BIRTH_BEFORE.iter().any(|w| before.contains(w)) || born_after {
            hits.push(Hit {
                rule: "birth-date",
                at: base + i,
                message: format!(
                    "a full date of birth (`{}`): personal data that may not be published",
                    &text[i..end]
                ),
                fix: "publish the year and month only (1975年3月 / born: 1975-03), or remove it"
                    .into(),
                edit: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(t: &str) -> Vec<&'static str> {
        let mut hits = Vec::new();
        scan(t, 0, &CheckConfig::default(), &mut hits);
        hits.iter().map(|h| h.rule).collect()
    }

    #[test]
    fn id_numbers_need_a_valid_checksum() {
        // A made-up number with a correct check digit (sum of weights mod 11).
        assert!(valid_id_number("11010519491231002X"));
        assert!(!valid_id_number("110105194912310021"));
        assert_eq!(rules("身份证号11010519491231002X。"), ["id-number"]);
        assert!(rules("编号110105194912310021。").is_empty());
    }

    #[test]
    fn mobiles_but_not_reporting_lines() {
        assert_eq!(rules("联系人电话13812345678"), ["mobile-number"]);
        assert_eq!(rules("电话：138-1234-5678"), ["mobile-number"]);
        assert_eq!(rules("+86 13812345678"), ["mobile-number"]);
        assert!(rules("举报电话12380、0938-12380，短信12380，网址www.12380.gov.cn").is_empty());
        assert!(rules("共有2078名代表，发出选票191张，编号1234567890123").is_empty());
        let cfg = CheckConfig {
            allow_numbers: vec!["138-1234-5678".into()],
            ..CheckConfig::default()
        };
        let mut hits = Vec::new();
        scan("热线13812345678", 0, &cfg, &mut hits);
        assert!(hits.is_empty());
    }

    #[test]
    fn birth_dates_next_to_a_birth_word() {
        for t in [
            "出生于1975年3月12日",
            "1975年3月12日出生",
            "1975年3月12日生，甘肃秦安人",
            "born: 1975-03-12",
            "Born on 12 March 1975",
            "date of birth: March 12, 1975",
        ] {
            assert_eq!(rules(t), ["birth-date"], "{t}");
        }
        for t in [
            "1975年3月生",
            "born: 1975-03",
            "2021年11月23日召开",
            "2021年11月23日生效",
            "会议于2021-11-23举行",
        ] {
            assert!(rules(t).is_empty(), "{t}");
        }
    }
}
