//! Rule family `artifacts`: what text pasted from other web pages and office documents brings
//! with it.
//!
//! Everything here is written for this project rather than taken from `autocorrect` (MIT): that
//! crate enforces one space between Chinese and Latin letters *and digits* (`2021 年 11 月`),
//! the opposite of the house style of official documents (`2021年11月`), reports whole lines
//! instead of the place of each artifact, does not know pinyin annotations, garbling or
//! Traditional characters, and brings about 80 crates (pest, regex, ignore …) with it.
//!
//! The rules, each with its own id:
//! * `pinyin-annotation`: `关(guān)` — a pinyin reading with tone marks in parentheses right after
//!   a Chinese character.
//! * `garbled-text`: U+FFFD, `?` between Chinese characters, 锟斤拷, UTF-8 read as Latin-1
//!   (`ç§¦å®‰`).
//! * `invisible-char`: control, zero-width, direction, BOM, soft hyphen and private-use characters.
//! * `traditional-in-simplified` / `simplified-in-traditional`: characters that exist in one script
//!   only (tables generated from OpenCC's dictionaries, ambiguous characters such as 乾 于 后 left
//!   out).
//! * `halfwidth-punctuation`: `, : ; ( ) ! ?` inside a Chinese sentence.
//! * `cjk-spacing`: spacing between Chinese and Latin letters or digits that differs from the
//!   convention (`check.spacing`).

use super::settings::Spacing;
use super::text::{Hit, Mode, Seg};
use super::{Edit, script_data};
use std::sync::OnceLock;

/// A Han character (CJK unified ideographs, extensions, compatibility ideographs, 〇).
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF | 0x3007)
}

/// Chinese punctuation: CJK symbols (、。「」《》〔〕…), full-width forms (，：；（）！？), curly
/// quotes, dashes and ellipsis as used in Chinese text.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3001..=0x3006 | 0x3008..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 | 0x2018 | 0x2019 | 0x201C | 0x201D | 0x2014 | 0x2026 | 0x00B7)
}

/// Han, kana or Chinese punctuation.
pub fn is_cjk(c: char) -> bool {
    is_han(c) || is_cjk_punct(c) || matches!(c as u32, 0x3040..=0x30FF)
}

/// True for a language written in Simplified Chinese.
pub fn is_simplified(lang: &str) -> bool {
    let l = lang.to_ascii_lowercase();
    l == "zh"
        || ["zh-hans", "zh-cn", "zh-sg", "zh-my"]
            .iter()
            .any(|p| l.starts_with(p))
}

/// True for a language written in Traditional Chinese.
pub fn is_traditional(lang: &str) -> bool {
    let l = lang.to_ascii_lowercase();
    ["zh-hant", "zh-tw", "zh-hk", "zh-mo"]
        .iter()
        .any(|p| l.starts_with(p))
}

struct Table {
    from: Vec<char>,
    to: Vec<char>,
}

impl Table {
    fn new(from: &str, to: &str) -> Self {
        Table {
            from: from.chars().collect(),
            to: to.chars().collect(),
        }
    }
    fn get(&self, c: char) -> Option<char> {
        self.from
            .binary_search(&c)
            .ok()
            .and_then(|i| self.to.get(i).copied())
    }
}

fn traditional() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| Table::new(script_data::TRADITIONAL_FROM, script_data::TRADITIONAL_TO))
}

fn simplified() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| Table::new(script_data::SIMPLIFIED_FROM, script_data::SIMPLIFIED_TO))
}

/// The Simplified form of a character used only in Traditional Chinese.
pub fn simplified_of(c: char) -> Option<char> {
    traditional().get(c)
}

/// The Traditional form of a character used only in Simplified Chinese.
pub fn traditional_of(c: char) -> Option<char> {
    simplified().get(c)
}

const TONED: &str = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙ";

fn is_pinyin_char(c: char) -> bool {
    c.is_ascii_alphabetic()
        || TONED.contains(c)
        || matches!(c, 'ü' | 'Ü' | 'ê' | ' ' | '\'' | '-' | '’')
}

/// The full-width form of a half-width punctuation mark.
fn full_width(c: char) -> char {
    match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '(' => '（',
        ')' => '）',
        '!' => '！',
        '?' => '？',
        other => other,
    }
}

/// A place where Chinese meets Latin letters or digits, for `cjk-spacing`.
#[derive(Debug, Clone)]
pub struct SpacingSite {
    /// Byte offset in the file of the gap (or of the boundary when there is none).
    pub gap_start: usize,
    /// End of the gap.
    pub gap_end: usize,
    /// There is whitespace between the two.
    pub spaced: bool,
    /// The non-Chinese side is a digit (else a letter).
    pub digit: bool,
    /// May be edited by --fix.
    pub fixable: bool,
    /// The characters on both sides, for the message.
    pub left: char,
    /// Right side.
    pub right: char,
}

fn push(
    hits: &mut Vec<Hit>,
    rule: &'static str,
    at: usize,
    message: String,
    fix: String,
    edit: Option<Edit>,
) {
    hits.push(Hit {
        rule,
        at,
        message,
        fix,
        edit,
    });
}

/// The rules that need only raw text (any language, code and comments included):
/// garbling by encoding and invisible characters. `base` is the offset of `text` in its file.
pub fn raw(text: &str, base: usize, hits: &mut Vec<Hit>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (off, c) = chars[i];
        // U+FFFD, run by run.
        if c == '\u{FFFD}' {
            let mut j = i;
            while j < chars.len() && chars[j].1 == '\u{FFFD}' {
                j += 1;
            }
            push(
                hits,
                "garbled-text",
                base + off,
                format!(
                    "{} replacement character(s) U+FFFD: text lost in an encoding conversion",
                    j - i
                ),
                "retype the lost characters from the original document; save files as UTF-8".into(),
                None,
            );
            i = j;
            continue;
        }
        // UTF-8 read as GBK (锟斤拷) and uninitialised memory (烫烫烫, 屯屯屯).
        for pat in ["锟斤拷", "烫烫烫", "屯屯屯"]
            .into_iter()
            .filter(|_| matches!(c, '锟' | '烫' | '屯'))
        {
            if text[off..].starts_with(pat) {
                push(
                    hits,
                    "garbled-text",
                    base + off,
                    format!("`{pat}`: bytes of an encoding conversion gone wrong"),
                    "retype the text from the original document".into(),
                    None,
                );
            }
        }
        // UTF-8 read as Latin-1 / Windows-1252: a lead byte E4–E9 (ä–é) then two continuation bytes.
        if matches!(c, 'ä'..='é')
            && i + 2 < chars.len()
            && is_continuation(chars[i + 1].1)
            && is_continuation(chars[i + 2].1)
        {
            let mut j = i;
            while j + 2 < chars.len()
                && matches!(chars[j].1, 'ä'..='é')
                && is_continuation(chars[j + 1].1)
                && is_continuation(chars[j + 2].1)
            {
                j += 3;
            }
            let end = chars.get(j).map(|x| x.0).unwrap_or(text.len());
            push(
                hits,
                "garbled-text",
                base + off,
                format!("`{}` is Chinese text in UTF-8 read as Latin-1 (mojibake)", &text[off..end]),
                "paste the text again from the original, or convert it back (e.g. `iconv -f UTF-8 -t LATIN1`)".into(),
                None,
            );
            i = j;
            continue;
        }
        if let Some(name) = invisible_name(
            c,
            chars.get(i.wrapping_sub(1)).map(|x| x.1),
            chars.get(i + 1).map(|x| x.1),
        ) {
            let mut j = i + 1;
            let mut names = vec![format!("U+{:04X} {name}", c as u32)];
            while j < chars.len() {
                match invisible_name(
                    chars[j].1,
                    Some(chars[j - 1].1),
                    chars.get(j + 1).map(|x| x.1),
                ) {
                    Some(n) => {
                        let s = format!("U+{:04X} {n}", chars[j].1 as u32);
                        if !names.contains(&s) {
                            names.push(s);
                        }
                        j += 1;
                    }
                    None => break,
                }
            }
            let end = chars.get(j).map(|x| x.0).unwrap_or(text.len());
            push(
                hits,
                "invisible-char",
                base + off,
                format!(
                    "invisible character(s) {}: pasted from another document",
                    names.join(", ")
                ),
                "delete it (huanjie check --fix does this in Markdown text)".into(),
                Some(Edit {
                    start: base + off,
                    end: base + end,
                    with: String::new(),
                }),
            );
            i = j;
            continue;
        }
        i += 1;
    }
}

/// A byte 0x80–0xBF as Windows-1252 or Latin-1 shows it.
fn is_continuation(c: char) -> bool {
    matches!(c as u32, 0x80..=0xBF) || "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".contains(c)
}

/// The name of an invisible character that has no business in text a reader sees.
fn invisible_name(c: char, prev: Option<char>, next: Option<char>) -> Option<&'static str> {
    let emoji = |x: Option<char>| {
        x.is_some_and(|x| (x as u32) >= 0x1F000 || matches!(x as u32, 0x2600..=0x27BF | 0xFE0F))
    };
    Some(match c as u32 {
        0x09 | 0x0A => return None,
        0x00..=0x1F | 0x7F..=0x9F => "control character",
        0x200B => "ZERO WIDTH SPACE",
        0x200C => "ZERO WIDTH NON-JOINER",
        // A joiner inside an emoji sequence is right.
        0x200D if emoji(prev) || emoji(next) => return None,
        0x200D => "ZERO WIDTH JOINER",
        0x200E => "LEFT-TO-RIGHT MARK",
        0x200F => "RIGHT-TO-LEFT MARK",
        0x202A..=0x202E | 0x2066..=0x2069 => "direction control",
        0x2028 => "LINE SEPARATOR",
        0x2029 => "PARAGRAPH SEPARATOR",
        0x2060 => "WORD JOINER",
        0x2061..=0x2064 => "invisible operator",
        0xFEFF => "ZERO WIDTH NO-BREAK SPACE (BOM)",
        0x00AD => "SOFT HYPHEN",
        0xFFFC => "OBJECT REPLACEMENT CHARACTER",
        0xE000..=0xF8FF => "private-use character (a symbol font's glyph)",
        _ => return None,
    })
}

/// The rules on prose in a language: pinyin annotations, `?` garbling, script, punctuation width;
/// spacing sites are collected for [`decide_spacing`].
pub fn prose(seg: &Seg, hits: &mut Vec<Hit>, spacing: &mut Vec<SpacingSite>) {
    if !crate::i18n::is_chinese(&seg.lang) {
        return;
    }
    let t = seg.text;
    let base = seg.start;
    let chars: Vec<(usize, char)> = t.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|x| x.1);
    let off = |i: usize| chars.get(i).map(|x| x.0).unwrap_or(t.len());
    let edit = |start: usize, end: usize, with: String| {
        seg.fixable.then_some(Edit {
            start: base + start,
            end: base + end,
            with,
        })
    };

    // Characters of the other script, one finding a segment.
    let (table, rule, script) = if is_traditional(&seg.lang) {
        (simplified(), "simplified-in-traditional", "Simplified")
    } else {
        (traditional(), "traditional-in-simplified", "Traditional")
    };
    if is_simplified(&seg.lang) || is_traditional(&seg.lang) {
        let found: Vec<(usize, char, char)> = chars
            .iter()
            .filter_map(|&(o, c)| table.get(c).map(|to| (o, c, to)))
            .collect();
        if let Some(&(first, _, _)) = found.first() {
            let mut pairs: Vec<String> = Vec::new();
            for (_, c, to) in &found {
                let p = format!("{c}→{to}");
                if !pairs.contains(&p) {
                    pairs.push(p);
                }
            }
            let other = if script == "Traditional" {
                "Simplified"
            } else {
                "Traditional"
            };
            push(
                hits,
                rule,
                base + first,
                format!(
                    "{script} character(s) in a {other} Chinese text: {}",
                    pairs.join(" ")
                ),
                format!(
                    "write the {other} forms ({}); a quotation meant in the other script can be silenced",
                    pairs.join(" ")
                ),
                None,
            );
        }
    }

    let mut i = 0;
    while i < chars.len() {
        let c = chars[i].1;
        let prev = i.checked_sub(1).and_then(at);
        match c {
            '(' | '（' if prev.is_some_and(is_han) => {
                // A pinyin annotation: 关(guān), 关（guān yú）.
                let close = if c == '(' { [')', '）'] } else { ['）', ')'] };
                let mut j = i + 1;
                while j < chars.len() && is_pinyin_char(chars[j].1) && j - i < 48 {
                    j += 1;
                }
                let inner = &t[off(i + 1)..off(j)];
                if at(j).is_some_and(|x| close.contains(&x))
                    && inner.chars().any(|x| TONED.contains(x))
                {
                    let ann = &t[off(i)..off(j + 1)];
                    push(
                        hits,
                        "pinyin-annotation",
                        base + off(i),
                        format!(
                            "pinyin `{ann}` after 「{}」: a reading pasted from a dictionary or input-method page",
                            prev.unwrap_or(' ')
                        ),
                        format!("delete `{ann}`"),
                        None,
                    );
                    i = j + 1;
                    continue;
                }
                if c == '(' {
                    i = paren(seg, &chars, i, hits, &edit);
                    continue;
                }
            }
            '(' => {
                i = paren(seg, &chars, i, hits, &edit);
                continue;
            }
            '?' if prev.is_some_and(is_han) && {
                let mut j = i;
                while at(j) == Some('?') {
                    j += 1;
                }
                at(j).is_some_and(is_han)
            } =>
            {
                let mut j = i;
                while at(j) == Some('?') {
                    j += 1;
                }
                push(
                    hits,
                    "garbled-text",
                    base + off(i),
                    format!("`{}` between Chinese characters: a character lost in an encoding conversion (or a half-width question mark)", &t[off(i)..off(j)]),
                    "restore the lost character from the original document; a question mark is written ？".into(),
                    None,
                );
                i = j;
                continue;
            }
            ',' | ':' | ';' | '!' | '?'
                if prev.is_some_and(|p| is_cjk(p) && !matches!(p, '“' | '‘')) =>
            {
                // Skip the spaces after it; what follows must be Chinese (or a digit, or the end).
                let mut j = i + 1;
                while at(j) == Some(' ') {
                    j += 1;
                }
                let next = at(j);
                let inside = match seg.mode {
                    Mode::Yaml => j == i + 1 && next.is_some_and(is_cjk),
                    Mode::Prose => match next {
                        None => true,
                        Some(n) => is_cjk(n) || (n.is_ascii_digit() && c != '!' && c != '?'),
                    },
                };
                let url = c == ':' && t[off(i)..].starts_with("://");
                if inside && !url {
                    let fw = full_width(c);
                    push(
                        hits,
                        "halfwidth-punctuation",
                        base + off(i),
                        format!("half-width `{c}` in a Chinese sentence"),
                        format!("write `{fw}`"),
                        edit(off(i), off(j), fw.to_string()),
                    );
                    i = j;
                    continue;
                }
            }
            _ => {}
        }
        // Chinese next to a letter or digit.
        if is_han(c) || c.is_ascii_alphanumeric() || c == '%' {
            let mut j = i + 1;
            while matches!(at(j), Some(' ' | '\u{00A0}')) {
                j += 1;
            }
            if let Some(n) = at(j) {
                let pair = if is_han(c) && n.is_ascii_alphanumeric() {
                    Some(n.is_ascii_digit())
                } else if (c.is_ascii_alphanumeric() || c == '%') && is_han(n) {
                    Some(c.is_ascii_digit() || c == '%')
                } else {
                    None
                };
                if let Some(digit) = pair {
                    spacing.push(SpacingSite {
                        gap_start: base + off(i + 1),
                        gap_end: base + off(j),
                        spaced: j > i + 1,
                        digit,
                        fixable: seg.fixable,
                        left: c,
                        right: n,
                    });
                }
            }
        }
        i += 1;
    }
}

/// A half-width `(` in Chinese text, with its `)`: reported when the parentheses hold Chinese or
/// touch it. Returns where to go on.
fn paren(
    seg: &Seg,
    chars: &[(usize, char)],
    i: usize,
    hits: &mut Vec<Hit>,
    edit: &dyn Fn(usize, usize, String) -> Option<Edit>,
) -> usize {
    let t = seg.text;
    let off = |k: usize| chars.get(k).map(|x| x.0).unwrap_or(t.len());
    let close = (i + 1..chars.len()).find(|&k| chars[k].1 == ')' || chars[k].1 == '(');
    let close = close.filter(|&k| chars[k].1 == ')');
    let before = i.checked_sub(1).map(|k| chars[k].1);
    let after = close.and_then(|k| chars.get(k + 1)).map(|x| x.1);
    let inner = close.map(|k| &t[off(i + 1)..off(k)]).unwrap_or("");
    let touches = before.is_some_and(is_cjk) || after.is_some_and(is_cjk);
    let chinese = inner.chars().any(is_han);
    if !(chinese || touches)
        || (seg.mode == Mode::Yaml
            && !chinese
            && !(before.is_some_and(is_cjk) && after.is_some_and(is_cjk)))
    {
        return i + 1;
    }
    let Some(k) = close else {
        push(
            hits,
            "halfwidth-punctuation",
            seg.start + off(i),
            "half-width `(` in a Chinese sentence".into(),
            "write `（`".into(),
            edit(off(i), off(i + 1), "（".into()),
        );
        return i + 1;
    };
    // Spaces typed around half-width parentheses go with them: 会议 (第一次) 召开 → 会议（第一次）召开.
    let mut s = i;
    while s > 0 && chars[s - 1].1 == ' ' && s >= 2 && is_cjk(chars[s - 2].1) {
        s -= 1;
    }
    let mut e = k + 1;
    while chars.get(e).is_some_and(|x| x.1 == ' ') && chars.get(e + 1).is_some_and(|x| is_cjk(x.1))
    {
        e += 1;
    }
    let shown = &t[off(i)..off(k + 1)];
    push(
        hits,
        "halfwidth-punctuation",
        seg.start + off(i),
        format!("half-width parentheses `{shown}` in a Chinese sentence"),
        format!("write `（{inner}）`"),
        edit(off(s), off(e), format!("（{inner}）")),
    );
    k + 1
}

/// Reports the spacing between Chinese and Latin letters or digits that breaks the convention:
/// with [`Spacing::Consistent`], the form used less often in the file (digits and letters apart;
/// on a tie, the spaced form).
pub fn decide_spacing(sites: Vec<SpacingSite>, mode: Spacing, hits: &mut Vec<Hit>) {
    for digit in [true, false] {
        let group: Vec<&SpacingSite> = sites.iter().filter(|s| s.digit == digit).collect();
        let spaced = group.iter().filter(|s| s.spaced).count();
        let tight = group.len() - spaced;
        let want_space = match mode {
            Spacing::None => false,
            Spacing::Space => true,
            Spacing::Consistent => {
                if spaced == 0 || tight == 0 {
                    continue;
                }
                spaced > tight
            }
        };
        let what = if digit { "digits" } else { "Latin letters" };
        for s in group.into_iter().filter(|s| s.spaced != want_space) {
            let why = match mode {
                Spacing::Consistent => format!(
                    "this file mostly writes Chinese and {what} {}",
                    if want_space {
                        "with a space between"
                    } else {
                        "without a space"
                    }
                ),
                Spacing::None => "site.yaml's `check.spacing: none`".into(),
                Spacing::Space => "site.yaml's `check.spacing: space`".into(),
            };
            let (msg, fix, with) = if want_space {
                (
                    format!("no space between 「{}」 and 「{}」; {why}", s.left, s.right),
                    format!("write `{} {}`", s.left, s.right),
                    " ".to_string(),
                )
            } else {
                (
                    format!("a space between 「{}」 and 「{}」; {why}", s.left, s.right),
                    format!("write `{}{}`", s.left, s.right),
                    String::new(),
                )
            };
            let edit = s.fixable.then_some(Edit {
                start: s.gap_start,
                end: s.gap_end,
                with,
            });
            hits.push(Hit {
                rule: "cjk-spacing",
                at: s.gap_start,
                message: msg,
                fix,
                edit,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str, lang: &str) -> Vec<Hit> {
        let seg = Seg {
            text,
            start: 0,
            lang: lang.into(),
            mode: Mode::Prose,
            fixable: true,
        };
        let mut hits = Vec::new();
        let mut sp = Vec::new();
        prose(&seg, &mut hits, &mut sp);
        raw(text, 0, &mut hits);
        decide_spacing(sp, Spacing::Consistent, &mut hits);
        hits
    }

    fn rules(text: &str) -> Vec<&'static str> {
        run(text, "zh-Hans").iter().map(|h| h.rule).collect()
    }

    #[test]
    fn tables_know_unambiguous_characters_only() {
        assert_eq!(simplified_of('後'), Some('后'));
        assert_eq!(simplified_of('換'), Some('换'));
        assert_eq!(simplified_of('乾'), None, "乾 is also Simplified (乾坤)");
        assert_eq!(simplified_of('于'), None);
        assert_eq!(traditional_of('发'), Some('發'));
        assert_eq!(traditional_of('后'), None, "后 is also Traditional (皇后)");
    }

    #[test]
    fn each_artifact_has_its_rule() {
        assert_eq!(rules("关(guān)于换届"), ["pinyin-annotation"]);
        assert_eq!(rules("关（guān yú）换届"), ["pinyin-annotation"]);
        assert_eq!(rules("秦安县??换届"), ["garbled-text"]);
        assert_eq!(rules("秦安县\u{FFFD}换届"), ["garbled-text"]);
        assert_eq!(rules("ç§¦å®‰"), ["garbled-text"]);
        assert_eq!(rules("换\u{200B}届"), ["invisible-char"]);
        assert_eq!(rules("嚴禁拉票"), ["traditional-in-simplified"]);
        assert_eq!(rules("会议强调,要严明纪律"), ["halfwidth-punctuation"]);
        assert_eq!(rules("会议(第一次)召开"), ["halfwidth-punctuation"]);
        assert_eq!(rules("风清气正!"), ["halfwidth-punctuation"]);
    }

    #[test]
    fn clean_text_gives_nothing() {
        for t in [
            "2021年11月23日，秦安县召开大会，12380举报电话、0938-12380。",
            "时间9:30，GDP增长3.5%，网址https://www.12380.gov.cn。",
            "马文洁（女，回族）当选为县委书记。",
            "Emoji 👩\u{200D}💻 stays.",
        ] {
            assert!(
                rules(t).is_empty(),
                "{t}: {:?}",
                run(t, "zh-Hans")
                    .iter()
                    .map(|h| &h.message)
                    .collect::<Vec<_>>()
            );
        }
        // English pages may gloss a term with pinyin and use half-width punctuation.
        assert!(run("the term 换届 (huànjiè), meaning changeover", "en").is_empty());
    }

    #[test]
    fn fixes_make_full_width_and_drop_spaces() {
        let t = "会议指出, 要严明纪律 (重点)。";
        let hits = run(t, "zh-Hans");
        let mut out = t.to_string();
        let mut edits: Vec<&Edit> = hits.iter().filter_map(|h| h.edit.as_ref()).collect();
        edits.sort_by_key(|e| std::cmp::Reverse(e.start));
        for e in edits {
            out.replace_range(e.start..e.end, &e.with);
        }
        assert_eq!(out, "会议指出，要严明纪律（重点）。");
    }

    #[test]
    fn spacing_minority_is_reported() {
        let hits = run("2021年召开，2022年召开，2023 年召开", "zh-Hans");
        let sp: Vec<&Hit> = hits.iter().filter(|h| h.rule == "cjk-spacing").collect();
        assert_eq!(sp.len(), 1);
        assert_eq!(sp[0].at, "2021年召开，2022年召开，2023".len());
    }
}
