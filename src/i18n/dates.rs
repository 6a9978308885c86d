//! Dates as people write and read them: parsing what authors type, formatting for zh and en pages.
//!
//! Everything here is civil (wall-clock) time: a publication time is shown as the author wrote it,
//! never converted between time zones and never taken from the build.

use jiff::civil::{Date, DateTime, Time};

/// English month names, January first.
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// What `parse_date` errors tell the author to write.
const DATE_HINT: &str = "write the date as YYYY-MM-DD, e.g. 2021-11-23";

/// What `parse_datetime` errors tell the author to write.
const DATETIME_HINT: &str = "write the date as YYYY-MM-DD or the date and time as \
     YYYY-MM-DD HH:MM[:SS] (an offset such as +08:00 may follow), e.g. 2021-11-23 09:30";

/// Formats a date: `2021年11月23日` when `lang` starts with "zh", else `23 November 2021`.
pub fn format_date(d: Date, lang: &str) -> String {
    if is_zh(lang) {
        format!("{}年{}月{}日", d.year(), d.month(), d.day())
    } else {
        format!("{} {} {}", d.day(), month_en(d.month()), d.year())
    }
}

/// Formats a span of days, leaving out what the end shares with the start (`23–29 November 2021`).
///
/// zh: `2021年11月23日至29日`, `2021年8月29日至9月2日`, `2021年12月30日至2022年1月2日`;
/// en: `23–29 November 2021`, `29 August – 2 September 2021`, `30 December 2021 – 2 January 2022`.
/// A span of one day is a single date; if `b` is before `a` the two are swapped.
pub fn format_date_range(a: Date, b: Date, lang: &str) -> String {
    let (a, b) = if a <= b { (a, b) } else { (b, a) };
    if a == b {
        return format_date(a, lang);
    }
    let same_year = a.year() == b.year();
    let same_month = same_year && a.month() == b.month();
    if is_zh(lang) {
        let end = if same_month {
            format!("{}日", b.day())
        } else if same_year {
            format!("{}月{}日", b.month(), b.day())
        } else {
            format_date(b, lang)
        };
        format!("{}至{end}", format_date(a, lang))
    } else if same_month {
        format!("{}–{}", a.day(), format_date(b, lang))
    } else if same_year {
        format!(
            "{} {} – {}",
            a.day(),
            month_en(a.month()),
            format_date(b, lang)
        )
    } else {
        format!("{} – {}", format_date(a, lang), format_date(b, lang))
    }
}

/// Formats a year and month: `1978年3月` when `lang` starts with "zh", else `March 1978`.
///
/// A month outside 1–12 is not an error here: it is written as `1978-13` in every language.
pub fn format_year_month(year: i16, month: i8, lang: &str) -> String {
    if !(1..=12).contains(&month) {
        format!("{year}-{month}")
    } else if is_zh(lang) {
        format!("{year}年{month}月")
    } else {
        format!("{} {year}", month_en(month))
    }
}

/// Parses a date written `YYYY-MM-DD` (month and day may have one digit); errors say what to write.
///
/// Surrounding whitespace is ignored. Example error:
/// `2021-13-40: month 13 is out of range 1–12; write the date as YYYY-MM-DD, e.g. 2021-11-23`.
pub fn parse_date(s: &str) -> Result<Date, String> {
    let input = s.trim();
    let mut scan = Scan::new(input);
    let date = scan_date(&mut scan).map_err(|p| explain(input, &p, DATE_HINT))?;
    if !scan.at_end() {
        let p = format!("unexpected '{}' after the date", scan.rest());
        return Err(explain(input, &p, DATE_HINT));
    }
    Ok(date)
}

/// Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS]` or `YYYY-MM-DDTHH:MM[:SS]` as civil time.
///
/// A date alone means midnight. Seconds may carry a fraction. An offset (`Z`, `+08:00`, `+0800`,
/// `+08`) may follow; it is checked but dropped, so the result is the wall-clock time as written.
pub fn parse_datetime(s: &str) -> Result<DateTime, String> {
    let input = s.trim();
    let mut scan = Scan::new(input);
    scan_datetime(&mut scan).map_err(|p| explain(input, &p, DATETIME_HINT))
}

/// Whether a language tag asks for Chinese ("zh", "zh-Hans", "ZH_cn" …).
fn is_zh(lang: &str) -> bool {
    lang.get(..2).is_some_and(|p| p.eq_ignore_ascii_case("zh"))
}

/// The English name of a month in 1–12.
fn month_en(month: i8) -> &'static str {
    MONTHS_EN[usize::try_from(month - 1).expect("month in 1–12")]
}

/// Builds an error message: the input, what is wrong with it, and what to write instead.
fn explain(input: &str, problem: &str, hint: &str) -> String {
    if input.is_empty() {
        format!("the date is empty; {hint}")
    } else {
        format!("{input}: {problem}; {hint}")
    }
}

/// Reads a date and, optionally, a time and an offset, up to the end of the input.
fn scan_datetime(scan: &mut Scan) -> Result<DateTime, String> {
    let date = scan_date(scan)?;
    if scan.at_end() {
        return Ok(date.to_datetime(Time::midnight()));
    }
    let had_space = scan.skip_spaces();
    if !had_space && !scan.eat(b'T') && !scan.eat(b't') {
        return Err(format!(
            "expected a space or 'T' between the date and the time, found '{}'",
            scan.rest()
        ));
    }
    let time = scan_time(scan)?;
    scan.skip_spaces();
    scan_offset(scan)?;
    if !scan.at_end() {
        return Err(format!("unexpected '{}' after the time", scan.rest()));
    }
    Ok(date.to_datetime(time))
}

/// Reads `YYYY-MM-DD` and checks that the day exists.
fn scan_date(scan: &mut Scan) -> Result<Date, String> {
    if scan.rest().contains('年') {
        return Err("dates are written with digits and hyphens, not with 年月日".to_string());
    }
    let year = match scan.digits() {
        None => return Err("expected a four-digit year at the start".to_string()),
        Some((y, 4)) => y,
        Some((_, _)) => return Err("the year must have four digits".to_string()),
    };
    scan.expect(b'-', "after the year")?;
    let month = scan_number(scan, "month", 2)?;
    if !(1..=12).contains(&month) {
        return Err(format!("month {month} is out of range 1–12"));
    }
    scan.expect(b'-', "after the month")?;
    let day = scan_number(scan, "day", 2)?;
    // Both fit: year < 10_000, month in 1..=12, day < 100.
    let (year, month) = (year as i16, month as i8);
    let last = Date::new(year, month, 1)
        .map_err(|e| format!("year {year} is not supported ({e})"))?
        .days_in_month();
    if day < 1 || day > u32::from(last.unsigned_abs()) {
        return Err(format!(
            "day {day} is out of range 1–{last} for {} {year}",
            month_en(month)
        ));
    }
    Date::new(year, month, day as i8).map_err(|e| e.to_string())
}

/// Reads `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fraction`; the hour may have one digit.
fn scan_time(scan: &mut Scan) -> Result<Time, String> {
    let hour = scan_number(scan, "hour", 2)?;
    if hour > 23 {
        return Err(format!("hour {hour} is out of range 0–23"));
    }
    scan.expect(b':', "after the hour")?;
    let minute = scan_exact(scan, "minute", 2)?;
    if minute > 59 {
        return Err(format!("minute {minute} is out of range 0–59"));
    }
    let mut second = 0;
    let mut nanos = 0;
    if scan.eat(b':') {
        second = scan_exact(scan, "second", 2)?;
        if second > 59 {
            return Err(format!("second {second} is out of range 0–59"));
        }
        if scan.eat(b'.') || scan.eat(b',') {
            let (fraction, len) = scan
                .digits()
                .filter(|&(_, len)| len <= 9)
                .ok_or("expected one to nine digits after the decimal point of the seconds")?;
            nanos = fraction * 10u32.pow(9 - len as u32);
        }
    }
    // All four values were range-checked above.
    Time::new(hour as i8, minute as i8, second as i8, nanos as i32).map_err(|e| e.to_string())
}

/// Reads an optional UTC offset (`Z`, `±HH`, `±HHMM`, `±HH:MM`) and checks it.
fn scan_offset(scan: &mut Scan) -> Result<(), String> {
    if scan.eat(b'Z') || scan.eat(b'z') {
        return Ok(());
    }
    if !scan.eat(b'+') && !scan.eat(b'-') {
        return Ok(());
    }
    let (hours, minutes) = match scan.digits() {
        Some((h, 2)) => {
            let m = if scan.eat(b':') {
                scan_exact(scan, "offset minutes", 2)?
            } else {
                0
            };
            (h, m)
        }
        Some((hm, 4)) => (hm / 100, hm % 100),
        _ => return Err("the offset must be written as +HH:MM, e.g. +08:00".to_string()),
    };
    if hours > 23 || minutes > 59 {
        return Err(format!("offset {hours:02}:{minutes:02} is out of range"));
    }
    Ok(())
}

/// Reads a number of one to `max` digits, naming `what` in errors.
fn scan_number(scan: &mut Scan, what: &str, max: usize) -> Result<u32, String> {
    match scan.digits() {
        None => Err(format!("expected the {what}, found {}", scan.next_char())),
        Some((n, len)) if len <= max => Ok(n),
        Some(_) => Err(format!("the {what} must have at most {max} digits")),
    }
}

/// Reads a number of exactly `len` digits, naming `what` in errors.
fn scan_exact(scan: &mut Scan, what: &str, len: usize) -> Result<u32, String> {
    match scan.digits() {
        Some((n, l)) if l == len => Ok(n),
        _ => Err(format!("the {what} must have {len} digits")),
    }
}

/// A cursor over the input text.
struct Scan<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scan<'a> {
    /// Starts at the beginning of `text`.
    fn new(text: &'a str) -> Self {
        Scan { text, pos: 0 }
    }

    /// The text not read yet.
    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    /// Whether all the text has been read.
    fn at_end(&self) -> bool {
        self.pos == self.text.len()
    }

    /// Reads `byte` if it comes next.
    fn eat(&mut self, byte: u8) -> bool {
        let found = self.rest().as_bytes().first() == Some(&byte);
        self.pos += usize::from(found);
        found
    }

    /// Reads `byte` or fails with an error naming where it was expected.
    fn expect(&mut self, byte: u8, place: &str) -> Result<(), String> {
        if self.eat(byte) {
            return Ok(());
        }
        Err(format!(
            "expected '{}' {place}, found {}",
            byte as char,
            self.next_char()
        ))
    }

    /// Describes the next character for an error: `'/'`, or "the end".
    fn next_char(&self) -> String {
        match self.rest().chars().next() {
            Some(c) => format!("'{c}'"),
            None => "the end".to_string(),
        }
    }

    /// Reads spaces and tabs; tells whether there were any.
    fn skip_spaces(&mut self) -> bool {
        let start = self.pos;
        let skipped = self.rest().len() - self.rest().trim_start_matches([' ', '\t']).len();
        self.pos += skipped;
        self.pos > start
    }

    /// Reads a run of ASCII digits: its value (saturating) and its length; `None` if there is none.
    fn digits(&mut self) -> Option<(u32, usize)> {
        let run = self.rest().bytes().take_while(u8::is_ascii_digit).count();
        if run == 0 {
            return None;
        }
        let value = self.rest()[..run].bytes().fold(0u32, |acc, b| {
            acc.saturating_mul(10).saturating_add(u32::from(b - b'0'))
        });
        self.pos += run;
        Some((value, run))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn single_dates() {
        let d = date(2021, 11, 23);
        assert_eq!(format_date(d, "zh"), "2021年11月23日");
        assert_eq!(format_date(d, "zh-Hans"), "2021年11月23日");
        assert_eq!(format_date(d, "en"), "23 November 2021");
        assert_eq!(format_date(date(2021, 8, 5), "zh-CN"), "2021年8月5日");
        assert_eq!(format_date(date(2021, 8, 5), "fr"), "5 August 2021");
        assert_eq!(format_date(date(2021, 8, 5), ""), "5 August 2021");
    }

    #[test]
    fn ranges_in_chinese() {
        let r = |a, b| format_date_range(a, b, "zh-Hans");
        assert_eq!(
            r(date(2021, 11, 23), date(2021, 11, 29)),
            "2021年11月23日至29日"
        );
        assert_eq!(
            r(date(2021, 8, 29), date(2021, 9, 2)),
            "2021年8月29日至9月2日"
        );
        assert_eq!(
            r(date(2021, 12, 30), date(2022, 1, 2)),
            "2021年12月30日至2022年1月2日"
        );
        assert_eq!(r(date(2021, 8, 29), date(2021, 8, 29)), "2021年8月29日");
        assert_eq!(
            r(date(2021, 11, 29), date(2021, 11, 23)),
            "2021年11月23日至29日"
        );
    }

    #[test]
    fn ranges_in_english() {
        let r = |a, b| format_date_range(a, b, "en");
        assert_eq!(
            r(date(2021, 11, 23), date(2021, 11, 29)),
            "23\u{2013}29 November 2021"
        );
        assert_eq!(
            r(date(2021, 8, 29), date(2021, 9, 2)),
            "29 August \u{2013} 2 September 2021"
        );
        assert_eq!(
            r(date(2021, 12, 30), date(2022, 1, 2)),
            "30 December 2021 \u{2013} 2 January 2022"
        );
        assert_eq!(
            r(date(2021, 11, 23), date(2021, 11, 23)),
            "23 November 2021"
        );
    }

    #[test]
    fn year_and_month() {
        assert_eq!(format_year_month(1978, 3, "zh"), "1978年3月");
        assert_eq!(format_year_month(1978, 3, "en"), "March 1978");
        assert_eq!(format_year_month(1990, 12, "en-GB"), "December 1990");
        assert_eq!(format_year_month(1978, 13, "zh"), "1978-13");
        assert_eq!(format_year_month(1978, 0, "en"), "1978-0");
    }

    #[test]
    fn parses_dates() {
        assert_eq!(parse_date("2021-11-23"), Ok(date(2021, 11, 23)));
        assert_eq!(parse_date(" 2021-08-29\n"), Ok(date(2021, 8, 29)));
        assert_eq!(parse_date("2021-8-9"), Ok(date(2021, 8, 9)));
        assert_eq!(parse_date("2024-02-29"), Ok(date(2024, 2, 29)));
    }

    #[test]
    fn date_errors_explain() {
        assert_eq!(
            parse_date("2021-13-40").unwrap_err(),
            "2021-13-40: month 13 is out of range 1–12; write the date as YYYY-MM-DD, e.g. 2021-11-23"
        );
        assert_eq!(
            parse_date("2021-02-29").unwrap_err(),
            "2021-02-29: day 29 is out of range 1–28 for February 2021; \
             write the date as YYYY-MM-DD, e.g. 2021-11-23"
        );
        assert_eq!(
            parse_date("").unwrap_err(),
            "the date is empty; write the date as YYYY-MM-DD, e.g. 2021-11-23"
        );
        let cases = [
            ("2021/11/23", "expected '-' after the year, found '/'"),
            ("21-11-23", "the year must have four digits"),
            ("2021-11", "expected '-' after the month, found the end"),
            ("2021-11-", "expected the day, found the end"),
            ("2021-00-10", "month 0 is out of range 1–12"),
            (
                "2021-11-31",
                "day 31 is out of range 1–30 for November 2021",
            ),
            ("2021-11-231", "the day must have at most 2 digits"),
            ("2021年11月23日", "not with 年月日"),
            ("2021-11-23 09:30", "unexpected ' 09:30' after the date"),
            ("November 2021", "expected a four-digit year at the start"),
        ];
        for (input, problem) in cases {
            let err = parse_date(input).unwrap_err();
            assert!(err.starts_with(input), "{err}");
            assert!(err.contains(problem), "{input}: {err}");
            assert!(err.ends_with(DATE_HINT), "{err}");
        }
    }

    #[test]
    fn parses_datetimes() {
        let at = |h, m, s| date(2021, 11, 23).at(h, m, s, 0);
        assert_eq!(parse_datetime("2021-11-23"), Ok(at(0, 0, 0)));
        assert_eq!(parse_datetime("2021-11-23 09:30"), Ok(at(9, 30, 0)));
        assert_eq!(parse_datetime("2021-11-23 9:30"), Ok(at(9, 30, 0)));
        assert_eq!(parse_datetime("2021-11-23T09:30:15"), Ok(at(9, 30, 15)));
        assert_eq!(parse_datetime("2021-11-23  23:59:59"), Ok(at(23, 59, 59)));
    }

    #[test]
    fn offsets_are_dropped() {
        let want = Ok(date(2021, 11, 23).at(9, 30, 0, 0));
        for input in [
            "2021-11-23T09:30:00+08:00",
            "2021-11-23 09:30 +08:00",
            "2021-11-23T09:30+0800",
            "2021-11-23T09:30+08",
            "2021-11-23T09:30:00Z",
            "2021-11-23T09:30:00-05:00",
        ] {
            assert_eq!(parse_datetime(input), want, "{input}");
        }
        assert_eq!(
            parse_datetime("2021-11-23T09:30:00.5+08:00"),
            Ok(date(2021, 11, 23).at(9, 30, 0, 500_000_000))
        );
    }

    #[test]
    fn datetime_errors_explain() {
        let cases = [
            ("2021-11-23 24:00", "hour 24 is out of range 0–23"),
            ("2021-11-23 09:60", "minute 60 is out of range 0–59"),
            ("2021-11-23 09:30:60", "second 60 is out of range 0–59"),
            (
                "2021-11-23 09",
                "expected ':' after the hour, found the end",
            ),
            ("2021-11-23 09:3", "the minute must have 2 digits"),
            (
                "2021-11-23_09:30",
                "expected a space or 'T' between the date and the time",
            ),
            ("2021-11-23 09:30 CST", "unexpected 'CST' after the time"),
            (
                "2021-11-23 09:30+8:00",
                "the offset must be written as +HH:MM",
            ),
            ("2021-11-23 09:30+25:00", "offset 25:00 is out of range"),
            (
                "2021-11-23 09:30:00.",
                "one to nine digits after the decimal point",
            ),
            (
                "2021-11-31 09:30",
                "day 31 is out of range 1–30 for November 2021",
            ),
        ];
        for (input, problem) in cases {
            let err = parse_datetime(input).unwrap_err();
            assert!(err.starts_with(input), "{err}");
            assert!(err.contains(problem), "{input}: {err}");
            assert!(err.ends_with(DATETIME_HINT), "{err}");
        }
    }
}
