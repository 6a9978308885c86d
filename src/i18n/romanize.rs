//! Romanisation of Chinese text: pinyin words, URL slugs and English forms of personal names.
//!
//! Readings come from the `pinyin` crate, which knows one default reading per character and
//! nothing about context. Surnames are corrected with the tables below; polyphonic characters in
//! given names and in ordinary text keep the default reading (长 is always "zhang", 重 "zhong"),
//! so a page or a person whose romanisation matters should carry it explicitly in the data.

use pinyin::ToPinyin;

/// Longest slug `slugify` returns, in bytes.
pub const MAX_SLUG_LEN: usize = 60;

/// Compound surnames (复姓) with their romanisation, checked before single surnames.
///
/// Only compounds whose first character is rarely a surname on its own followed by a given name
/// starting with the second character; 单于 (also 单 + 于…) and 乐正 (乐 + 正…) are left out.
const COMPOUND_SURNAMES: &[(&str, &str)] = &[
    ("欧阳", "Ouyang"),
    ("司马", "Sima"),
    ("上官", "Shangguan"),
    ("诸葛", "Zhuge"),
    ("东方", "Dongfang"),
    ("皇甫", "Huangfu"),
    ("尉迟", "Yuchi"),
    ("公孙", "Gongsun"),
    ("慕容", "Murong"),
    ("夏侯", "Xiahou"),
    ("令狐", "Linghu"),
    ("长孙", "Zhangsun"),
    ("宇文", "Yuwen"),
    ("司徒", "Situ"),
    ("司空", "Sikong"),
    ("轩辕", "Xuanyuan"),
    ("端木", "Duanmu"),
    ("呼延", "Huyan"),
    ("南宫", "Nangong"),
    ("万俟", "Moqi"),
    ("闻人", "Wenren"),
    ("澹台", "Tantai"),
    ("申屠", "Shentu"),
    ("钟离", "Zhongli"),
    ("西门", "Ximen"),
    ("独孤", "Dugu"),
    ("百里", "Baili"),
    ("东郭", "Dongguo"),
    ("公冶", "Gongye"),
    ("太史", "Taishi"),
    ("濮阳", "Puyang"),
    ("淳于", "Chunyu"),
    ("赫连", "Helian"),
    ("拓跋", "Tuoba"),
    ("鲜于", "Xianyu"),
    ("第五", "Diwu"),
    ("亓官", "Qiguan"),
];

/// Single-character surnames read differently from the character's default reading.
///
/// Left out on purpose because both readings are common as surnames: 盖 (Gai/Ge), 乐 (Yue/Le).
const SURNAME_READINGS: &[(char, &str)] = &[
    ('单', "shan"),
    ('曾', "zeng"),
    ('解', "xie"),
    ('仇', "qiu"),
    ('区', "ou"),
    ('朴', "piao"),
    ('查', "zha"),
    ('缪', "miao"),
    ('翟', "zhai"),
    ('种', "chong"),
    ('召', "shao"),
    ('秘', "bi"),
    ('员', "yun"),
    ('覃', "qin"),
    ('隗', "wei"),
    ('阚', "kan"),
    ('薄', "bo"),
    ('都', "du"),
    ('繁', "po"),
    ('蔚', "yu"),
    ('乜', "nie"),
    ('折', "she"),
];

/// Separators between the parts of a transliterated name (e.g. 阿依古丽·买买提).
const NAME_DOTS: &[char] = &['·', '・', '•', '‧', '．', '.'];

/// Splits text into lowercase ASCII words: one per Han character, one per run of letters/digits.
///
/// Each character with a pinyin reading becomes its toneless syllable, with ü written as "u"
/// (吕 → "lu"). Full-width letters and digits count as ASCII. Everything else separates words
/// and is dropped.
pub fn pinyin_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut run = String::new();
    for ch in text.chars().map(fold_fullwidth) {
        if ch.is_ascii_alphanumeric() {
            run.push(ch.to_ascii_lowercase());
            continue;
        }
        if !run.is_empty() {
            words.push(std::mem::take(&mut run));
        }
        if let Some(p) = ch.to_pinyin() {
            words.push(p.plain().replace('ü', "u"));
        }
    }
    if !run.is_empty() {
        words.push(run);
    }
    words
}

/// Makes a URL slug of `[a-z0-9-]` from text: pinyin words joined by `-`, at most 60 bytes.
///
/// A slug that would be longer is cut after the last whole word that fits; a single word longer
/// than the limit is cut at the limit. Text with nothing to romanise gives "page".
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for word in pinyin_words(text) {
        let sep = usize::from(!slug.is_empty());
        if slug.len() + sep + word.len() > MAX_SLUG_LEN {
            if slug.is_empty() {
                slug.push_str(&word[..MAX_SLUG_LEN]);
            }
            break;
        }
        if sep == 1 {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    if slug.is_empty() {
        slug.push_str("page");
    }
    slug
}

/// Writes a Chinese personal name in the Latin alphabet per GB/T 28039-2011: 马文洁 → "Ma Wenjie".
///
/// Surname first, then the given name as one word, each capitalised; compound surnames
/// (欧阳文 → "Ouyang Wen") and polyphonic surnames (单雄 → "Shan Xiong") are looked up in tables;
/// given names use the default reading of each character, with an apostrophe before a syllable
/// starting with a, o or e (Xi'an). ü is kept as "ü" (吕伟 → "Lü Wei"); contexts limited to ASCII,
/// such as passports, write it "yu" (LYU). A name made of parts separated by a middle dot
/// (阿依古丽·买买提) is written part by part, without surname rules. Whitespace is ignored and a
/// name without any Han character is returned trimmed and unchanged.
pub fn person_name_en(name: &str) -> String {
    let chars: Vec<char> = name.chars().filter(|c| !c.is_whitespace()).collect();
    if !chars.iter().any(|c| c.to_pinyin().is_some()) {
        return name.trim().to_string();
    }
    if chars.iter().any(|c| NAME_DOTS.contains(c)) {
        return chars
            .split(|c| NAME_DOTS.contains(c))
            .filter(|part| !part.is_empty())
            .map(|part| capitalise(&romanise_word(part)))
            .collect::<Vec<_>>()
            .join(" ");
    }
    let n = surname_len(name);
    let (surname_chars, given_chars) = chars.split_at(n);
    let surname = if n == 2 {
        compound_surname(surname_chars)
            .expect("surname_len found a compound surname")
            .to_string()
    } else {
        let first = surname_chars[0];
        match SURNAME_READINGS.iter().find(|(c, _)| *c == first) {
            Some((_, reading)) => capitalise(reading),
            None => capitalise(&romanise_word(surname_chars)),
        }
    };
    let given = romanise_word(given_chars);
    if given.is_empty() {
        surname
    } else {
        format!("{surname} {}", capitalise(&given))
    }
}

/// Number of characters of the surname in a name: 2 for a known compound surname, else 1.
///
/// A compound surname is recognised only when a given name follows (欧阳文 → 2, 欧阳 → 1).
/// Whitespace is ignored; an empty name gives 0. Names of dot-separated parts give 1.
pub fn surname_len(name: &str) -> usize {
    let chars: Vec<char> = name.chars().filter(|c| !c.is_whitespace()).collect();
    match chars.len() {
        0 => 0,
        1 | 2 => 1,
        _ if compound_surname(&chars[..2]).is_some() => 2,
        _ => 1,
    }
}

/// The romanisation of a compound surname given as its two characters, if it is one.
fn compound_surname(pair: &[char]) -> Option<&'static str> {
    COMPOUND_SURNAMES.iter().find_map(|(han, latin)| {
        let mut it = han.chars();
        (it.next() == pair.first().copied() && it.next() == pair.get(1).copied()).then_some(*latin)
    })
}

/// Joins the default readings of the characters into one lowercase word, apostrophes included.
///
/// ASCII letters and digits are copied; other characters without a reading are dropped.
fn romanise_word(chars: &[char]) -> String {
    let mut word = String::new();
    for &ch in chars {
        let ch = fold_fullwidth(ch);
        if let Some(p) = ch.to_pinyin() {
            let syllable = p.plain();
            if !word.is_empty() && syllable.starts_with(['a', 'o', 'e']) {
                word.push('\'');
            }
            word.push_str(syllable);
        } else if ch.is_ascii_alphanumeric() {
            word.push(ch);
        }
    }
    word
}

/// Upper-cases the first character of a word.
fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Maps full-width ASCII forms (U+FF01–U+FF5E) to ASCII; other characters are returned as is.
fn fold_fullwidth(ch: char) -> char {
    match ch {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(ch) - 0xFEE0).unwrap_or(ch),
        _ => ch,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_from_han_and_ascii() {
        assert_eq!(
            pinyin_words("2021年秦安县"),
            ["2021", "nian", "qin", "an", "xian"]
        );
        assert_eq!(pinyin_words("H5页面"), ["h5", "ye", "mian"]);
        assert_eq!(pinyin_words("PDF, 2021!"), ["pdf", "2021"]);
        assert_eq!(pinyin_words("吕女士"), ["lu", "nu", "shi"]);
        assert_eq!(pinyin_words("ＡＢ１２"), ["ab12"]);
        assert!(pinyin_words("—— ，。").is_empty());
    }

    #[test]
    fn slug_one_hyphen_per_syllable() {
        assert_eq!(
            slugify("秦安县召开换届工作会议"),
            "qin-an-xian-zhao-kai-huan-jie-gong-zuo-hui-yi"
        );
        assert_eq!(slugify("2021年秦安县"), "2021-nian-qin-an-xian");
        assert_eq!(slugify("  Hello,   World  "), "hello-world");
    }

    #[test]
    fn slug_is_cut_at_a_hyphen() {
        // 15 syllables, 50 letters + 14 hyphens = 64 bytes; dropping "-zhi" leaves exactly 60.
        let slug = slugify("关于县乡领导班子换届工作的通知");
        assert_eq!(
            slug,
            "guan-yu-xian-xiang-ling-dao-ban-zi-huan-jie-gong-zuo-de-tong"
        );
        assert_eq!(slug.len(), MAX_SLUG_LEN);
        let long = "a".repeat(100);
        assert_eq!(slugify(&long), "a".repeat(MAX_SLUG_LEN));
    }

    #[test]
    fn slug_fallback_and_alphabet() {
        assert_eq!(slugify(""), "page");
        assert_eq!(slugify("！？——"), "page");
        let slug = slugify("吕梁市·Ünïcode 测试");
        assert_eq!(slug, "lu-liang-shi-n-code-ce-shi");
        assert!(
            slug.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        );
    }

    #[test]
    fn ordinary_names() {
        assert_eq!(person_name_en("马文洁"), "Ma Wenjie");
        assert_eq!(person_name_en("王芳"), "Wang Fang");
        assert_eq!(person_name_en("刘　英"), "Liu Ying");
        assert_eq!(person_name_en("王"), "Wang");
    }

    #[test]
    fn polyphonic_surnames() {
        assert_eq!(person_name_en("单雄"), "Shan Xiong");
        assert_eq!(person_name_en("曾国强"), "Zeng Guoqiang");
        assert_eq!(person_name_en("解放"), "Xie Fang");
        assert_eq!(person_name_en("仇英"), "Qiu Ying");
        assert_eq!(person_name_en("区伟"), "Ou Wei");
        assert_eq!(person_name_en("朴成"), "Piao Cheng");
        assert_eq!(person_name_en("查明"), "Zha Ming");
        assert_eq!(person_name_en("翟东"), "Zhai Dong");
        assert_eq!(person_name_en("阚文"), "Kan Wen");
    }

    #[test]
    fn compound_surnames() {
        assert_eq!(person_name_en("欧阳文"), "Ouyang Wen");
        assert_eq!(person_name_en("欧阳文华"), "Ouyang Wenhua");
        assert_eq!(person_name_en("司马光"), "Sima Guang");
        assert_eq!(person_name_en("尉迟恭"), "Yuchi Gong");
        assert_eq!(person_name_en("万俟明"), "Moqi Ming");
        // Two characters: 欧 is the surname, 阳 the given name.
        assert_eq!(person_name_en("欧阳"), "Ou Yang");
    }

    #[test]
    fn apostrophe_and_u_umlaut() {
        assert_eq!(person_name_en("张西安"), "Zhang Xi'an");
        assert_eq!(person_name_en("李海鸥"), "Li Hai'ou");
        assert_eq!(person_name_en("刘安"), "Liu An");
        assert_eq!(person_name_en("吕伟"), "Lü Wei");
        assert_eq!(person_name_en("王绿"), "Wang Lü");
    }

    #[test]
    fn dotted_and_latin_names() {
        assert_eq!(person_name_en("阿依古丽·买买提"), "Ayiguli Maimaiti");
        assert_eq!(person_name_en("  John Smith "), "John Smith");
    }

    #[test]
    fn surname_lengths() {
        assert_eq!(surname_len("马文洁"), 1);
        assert_eq!(surname_len("欧阳文"), 2);
        assert_eq!(surname_len("诸葛亮"), 2);
        assert_eq!(surname_len("欧阳"), 1);
        assert_eq!(surname_len("田富"), 1);
        assert_eq!(surname_len(" "), 0);
    }
}
