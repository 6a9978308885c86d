//! Numbers in words: Chinese numerals (第十七次) and English ordinals (17th, Seventeenth).

/// Chinese digits 0–9.
const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// Units of the four places within a group of four digits, from thousands down.
const PLACES: [(u64, &str); 4] = [(1000, "千"), (100, "百"), (10, "十"), (1, "")];

/// English ordinal words for 1 to 20, capitalised as in titles.
const ORDINAL_WORDS: [&str; 20] = [
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
    "Eleventh",
    "Twelfth",
    "Thirteenth",
    "Fourteenth",
    "Fifteenth",
    "Sixteenth",
    "Seventeenth",
    "Eighteenth",
    "Nineteenth",
    "Twentieth",
];

/// Writes a number in Chinese numerals: 17 → 十七, 101 → 一百零一, 20190 → 二万零一百九十.
///
/// Uses 二 (not 两) everywhere and 十 (not 一十) only at the start of the number; groups of four
/// digits take 万 and 亿, so 10^12 is 一万亿 and the whole `u64` range is covered.
pub fn zh_numeral(n: u64) -> String {
    if n == 0 {
        return DIGITS[0].to_string();
    }
    let mut out = String::new();
    write_zh(n, true, &mut out);
    out
}

/// Writes an English ordinal with digits: 1st, 2nd, 3rd, 4th, 11th, 21st, 112th.
pub fn en_ordinal(n: u64) -> String {
    let suffix = match (n % 100, n % 10) {
        (11..=13, _) => "th",
        (_, 1) => "st",
        (_, 2) => "nd",
        (_, 3) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Writes an English ordinal as a capitalised word for 1 to 20 (First … Twentieth), else as `en_ordinal`.
pub fn en_ordinal_word(n: u64) -> String {
    match usize::try_from(n) {
        Ok(i @ 1..=20) => ORDINAL_WORDS[i - 1].to_string(),
        _ => en_ordinal(n),
    }
}

/// Appends the numeral for `n` (> 0); `leading` tells whether it starts the whole number.
fn write_zh(n: u64, leading: bool, out: &mut String) {
    const WAN: u64 = 10_000;
    const YI: u64 = 100_000_000;
    let (unit, name) = if n >= YI {
        (YI, "亿")
    } else if n >= WAN {
        (WAN, "万")
    } else {
        write_group(n, leading, out);
        return;
    };
    let (high, low) = (n / unit, n % unit);
    write_zh(high, leading, out);
    out.push_str(name);
    if low > 0 {
        // A gap at the top of the lower part is read as 零: 一万零一, 一亿零五百万.
        if low < unit / 10 {
            out.push_str(DIGITS[0]);
        }
        write_zh(low, false, out);
    }
}

/// Appends the numeral for a group `n` in 1..=9999, with 零 for gaps between non-zero digits.
fn write_group(n: u64, leading: bool, out: &mut String) {
    let mut started = false;
    let mut gap = false;
    for (place, unit) in PLACES {
        let digit = (n / place % 10) as usize;
        if digit == 0 {
            gap |= started;
            continue;
        }
        if gap {
            out.push_str(DIGITS[0]);
            gap = false;
        }
        // 十, 十一 … 十九 at the start of a number, but 一百一十, 一万零一十 inside one.
        if !(digit == 1 && place == 10 && leading && !started) {
            out.push_str(DIGITS[digit]);
        }
        out.push_str(unit);
        started = true;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_numbers() {
        assert_eq!(zh_numeral(0), "零");
        assert_eq!(zh_numeral(1), "一");
        assert_eq!(zh_numeral(2), "二");
        assert_eq!(zh_numeral(10), "十");
        assert_eq!(zh_numeral(11), "十一");
        assert_eq!(zh_numeral(17), "十七");
        assert_eq!(zh_numeral(19), "十九");
        assert_eq!(zh_numeral(20), "二十");
        assert_eq!(zh_numeral(99), "九十九");
    }

    #[test]
    fn hundreds_and_thousands() {
        assert_eq!(zh_numeral(100), "一百");
        assert_eq!(zh_numeral(101), "一百零一");
        assert_eq!(zh_numeral(110), "一百一十");
        assert_eq!(zh_numeral(111), "一百一十一");
        assert_eq!(zh_numeral(191), "一百九十一");
        assert_eq!(zh_numeral(1000), "一千");
        assert_eq!(zh_numeral(1001), "一千零一");
        assert_eq!(zh_numeral(1010), "一千零一十");
        assert_eq!(zh_numeral(1100), "一千一百");
        assert_eq!(zh_numeral(2078), "二千零七十八");
        assert_eq!(zh_numeral(9999), "九千九百九十九");
    }

    #[test]
    fn wan_and_yi() {
        assert_eq!(zh_numeral(10_000), "一万");
        assert_eq!(zh_numeral(10_001), "一万零一");
        assert_eq!(zh_numeral(10_010), "一万零一十");
        assert_eq!(zh_numeral(11_000), "一万一千");
        assert_eq!(zh_numeral(100_000), "十万");
        assert_eq!(zh_numeral(150_000), "十五万");
        assert_eq!(zh_numeral(20_190), "二万零一百九十");
        assert_eq!(zh_numeral(1_000_100), "一百万零一百");
        assert_eq!(zh_numeral(100_000_000), "一亿");
        assert_eq!(zh_numeral(105_000_000), "一亿零五百万");
        assert_eq!(zh_numeral(150_000_000), "一亿五千万");
        assert_eq!(zh_numeral(100_100_000), "一亿零一十万");
        assert_eq!(zh_numeral(1_000_000_000_000), "一万亿");
        assert_eq!(zh_numeral(1_000_000_000_001), "一万亿零一");
        assert_eq!(zh_numeral(2_300_000_000_000), "二万三千亿");
    }

    #[test]
    fn whole_range() {
        // 18446744073709551615 = 1844|6744|0737|0955|1615 in groups of four: the high part
        // 1844|6744|0737 counts 亿, itself 1844亿 6744万 0737; the low part 0955|1615.
        assert_eq!(
            zh_numeral(u64::MAX),
            "一千八百四十四亿六千七百四十四万零七百三十七亿零九百五十五万一千六百一十五"
        );
    }

    #[test]
    fn ordinals_with_digits() {
        let cases = [
            (0, "0th"),
            (1, "1st"),
            (2, "2nd"),
            (3, "3rd"),
            (4, "4th"),
            (11, "11th"),
            (12, "12th"),
            (13, "13th"),
            (21, "21st"),
            (22, "22nd"),
            (23, "23rd"),
            (101, "101st"),
            (111, "111th"),
            (112, "112th"),
            (113, "113th"),
            (1001, "1001st"),
        ];
        for (n, want) in cases {
            assert_eq!(en_ordinal(n), want, "{n}");
        }
    }

    #[test]
    fn ordinal_words() {
        assert_eq!(en_ordinal_word(1), "First");
        assert_eq!(en_ordinal_word(2), "Second");
        assert_eq!(en_ordinal_word(12), "Twelfth");
        assert_eq!(en_ordinal_word(19), "Nineteenth");
        assert_eq!(en_ordinal_word(20), "Twentieth");
        assert_eq!(en_ordinal_word(21), "21st");
        assert_eq!(en_ordinal_word(0), "0th");
    }
}
