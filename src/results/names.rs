//! Fixed vocabularies of the results data and the names made from them: the 56 ethnic groups,
//! education levels, the usual posts, place names and the standard names of meetings in Chinese
//! and English (DOMAIN §5).

use super::settings::MeetingKind;
use crate::i18n::numbers::{en_ordinal, en_ordinal_word, zh_numeral};
use crate::i18n::romanize::pinyin_words;
use serde::{Deserialize, Serialize};

/// The 56 ethnic groups (民族): Chinese name and romanisation (GB/T 3304-1991).
pub const ETHNIC_GROUPS: [(&str, &str); 56] = [
    ("汉族", "Han"),
    ("蒙古族", "Mongol"),
    ("回族", "Hui"),
    ("藏族", "Tibetan"),
    ("维吾尔族", "Uygur"),
    ("苗族", "Miao"),
    ("彝族", "Yi"),
    ("壮族", "Zhuang"),
    ("布依族", "Bouyei"),
    ("朝鲜族", "Korean"),
    ("满族", "Manchu"),
    ("侗族", "Dong"),
    ("瑶族", "Yao"),
    ("白族", "Bai"),
    ("土家族", "Tujia"),
    ("哈尼族", "Hani"),
    ("哈萨克族", "Kazak"),
    ("傣族", "Dai"),
    ("黎族", "Li"),
    ("傈僳族", "Lisu"),
    ("佤族", "Va"),
    ("畲族", "She"),
    ("高山族", "Gaoshan"),
    ("拉祜族", "Lahu"),
    ("水族", "Sui"),
    ("东乡族", "Dongxiang"),
    ("纳西族", "Naxi"),
    ("景颇族", "Jingpo"),
    ("柯尔克孜族", "Kirgiz"),
    ("土族", "Tu"),
    ("达斡尔族", "Daur"),
    ("仫佬族", "Mulao"),
    ("羌族", "Qiang"),
    ("布朗族", "Blang"),
    ("撒拉族", "Salar"),
    ("毛南族", "Maonan"),
    ("仡佬族", "Gelao"),
    ("锡伯族", "Xibe"),
    ("阿昌族", "Achang"),
    ("普米族", "Pumi"),
    ("塔吉克族", "Tajik"),
    ("怒族", "Nu"),
    ("乌孜别克族", "Uzbek"),
    ("俄罗斯族", "Russian"),
    ("鄂温克族", "Ewenki"),
    ("德昂族", "Deang"),
    ("保安族", "Bonan"),
    ("裕固族", "Yugur"),
    ("京族", "Gin"),
    ("塔塔尔族", "Tatar"),
    ("独龙族", "Derung"),
    ("鄂伦春族", "Oroqen"),
    ("赫哲族", "Hezhen"),
    ("门巴族", "Monba"),
    ("珞巴族", "Lhoba"),
    ("基诺族", "Jino"),
];

/// The index into [`ETHNIC_GROUPS`] of a name written with or without 族 (回族, 回), or in its
/// romanisation (Hui).
pub fn ethnic_group(name: &str) -> Option<usize> {
    let n = name.trim();
    ETHNIC_GROUPS.iter().position(|(zh, en)| {
        *zh == n || zh.strip_suffix('族') == Some(n) || en.eq_ignore_ascii_case(n)
    })
}

/// Highest level of education (学历), in the categories of official statistics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Education {
    /// 研究生 (master's or doctorate).
    #[serde(alias = "研究生")]
    Postgraduate,
    /// 大学 (bachelor's).
    #[serde(alias = "大学", alias = "本科")]
    University,
    /// 大专 (junior college).
    #[serde(alias = "大专")]
    College,
    /// 中专 (secondary vocational).
    #[serde(alias = "中专")]
    Secondary,
    /// 高中及以下.
    #[serde(alias = "高中及以下", alias = "高中")]
    HighSchool,
}

impl Education {
    /// Every level, highest first.
    pub const ALL: [Education; 5] = [
        Education::Postgraduate,
        Education::University,
        Education::College,
        Education::Secondary,
        Education::HighSchool,
    ];

    /// The UI-string key of the level's label.
    pub fn key(self) -> &'static str {
        match self {
            Education::Postgraduate => "results_edu_postgraduate",
            Education::University => "results_edu_university",
            Education::College => "results_edu_college",
            Education::Secondary => "results_edu_secondary",
            Education::HighSchool => "results_edu_high_school",
        }
    }
}

/// Names of the usual posts, so bodies.yaml may give a post by its id alone.
pub const KNOWN_POSTS: [(&str, &str, &str); 5] = [
    ("secretary", "书记", "Secretary"),
    ("deputy-secretary", "副书记", "Deputy Secretary"),
    (
        "standing-member",
        "常委",
        "Member of the Standing Committee",
    ),
    ("member", "委员", "Member"),
    ("alternate", "候补委员", "Alternate Member"),
];

/// The English form of a place name written in Chinese: 秦安县 → "Qin'an County",
/// 兴国镇 → "Xingguo Town", 魏店乡 → "Weidian Township".
pub fn place_en(zh: &str) -> String {
    let zh = zh.trim();
    let (stem, kind) = [
        ('县', " County"),
        ('镇', " Town"),
        ('乡', " Township"),
        ('市', " City"),
        ('区', " District"),
        ('省', " Province"),
    ]
    .iter()
    .find_map(|(c, k)| {
        zh.strip_suffix(*c)
            .filter(|s| !s.is_empty())
            .map(|s| (s, *k))
    })
    .unwrap_or((zh, ""));
    format!("{}{kind}", joined_pinyin(stem))
}

/// Pinyin of a name written as one capitalised word with apostrophes where syllables would run
/// together: 秦安 → "Qin'an".
pub fn joined_pinyin(zh: &str) -> String {
    let mut out = String::new();
    for w in pinyin_words(zh) {
        if !out.is_empty() && w.starts_with(['a', 'o', 'e']) {
            out.push('\'');
        }
        out.push_str(&w);
    }
    let mut c = out.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => zh.to_string(),
    }
}

/// What a plenum's committee is, for its generated name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Committee {
    /// A party committee (委员会).
    Party,
    /// A discipline inspection commission (纪律检查委员会).
    Discipline,
}

/// The standard Chinese and English names of a meeting, made from its kind, place, term and
/// session. `None` for a plenum of a committee that is neither a party committee nor a
/// discipline commission: such a meeting needs its `name` written out.
pub fn meeting_name(
    kind: MeetingKind,
    place_zh: &str,
    place_en: &str,
    term: u32,
    session: u32,
    committee: Option<Committee>,
) -> Option<(String, String)> {
    let t = u64::from(term);
    let s = u64::from(session);
    Some(match kind {
        MeetingKind::PartyCongress | MeetingKind::TownshipPartyCongress => (
            format!("中国共产党{place_zh}第{}次代表大会", zh_numeral(t)),
            format!("{} CPC {place_en} Congress", en_ordinal(t)),
        ),
        MeetingKind::PeoplesCongress | MeetingKind::TownshipPeoplesCongress => (
            format!(
                "{place_zh}第{}届人民代表大会第{}次会议",
                zh_numeral(t),
                zh_numeral(s)
            ),
            format!(
                "{} Session of the {} {place_en} People's Congress",
                en_ordinal_word(s),
                en_ordinal(t)
            ),
        ),
        MeetingKind::Cppcc => (
            format!(
                "政协{place_zh}第{}届委员会第{}次会议",
                zh_numeral(t),
                zh_numeral(s)
            ),
            format!(
                "{} Session of the {} {place_en} Committee of the CPPCC",
                en_ordinal_word(s),
                en_ordinal(t)
            ),
        ),
        MeetingKind::Plenum => {
            let (zh_c, en_c) = match committee? {
                Committee::Party => ("委员会", "Committee"),
                Committee::Discipline => ("纪律检查委员会", "Commission for Discipline Inspection"),
            };
            (
                format!(
                    "中国共产党{place_zh}第{}届{zh_c}第{}次全体会议",
                    zh_numeral(t),
                    zh_numeral(s)
                ),
                format!(
                    "{} Plenary Session of the {} CPC {place_en} {en_c}",
                    en_ordinal_word(s),
                    en_ordinal(t)
                ),
            )
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_romanised_with_apostrophes() {
        assert_eq!(place_en("秦安县"), "Qin'an County");
        assert_eq!(place_en("兴国镇"), "Xingguo Town");
    }

    #[test]
    fn meeting_names_follow_domain_5() {
        let (zh, en) = meeting_name(
            MeetingKind::PartyCongress,
            "秦安县",
            "Qin'an County",
            17,
            1,
            None,
        )
        .unwrap();
        assert_eq!(zh, "中国共产党秦安县第十七次代表大会");
        assert_eq!(en, "17th CPC Qin'an County Congress");
        let (zh, en) = meeting_name(
            MeetingKind::PeoplesCongress,
            "秦安县",
            "Qin'an County",
            19,
            1,
            None,
        )
        .unwrap();
        assert_eq!(zh, "秦安县第十九届人民代表大会第一次会议");
        assert_eq!(
            en,
            "First Session of the 19th Qin'an County People's Congress"
        );
        let (_, en) =
            meeting_name(MeetingKind::Cppcc, "秦安县", "Qin'an County", 14, 1, None).unwrap();
        assert_eq!(
            en,
            "First Session of the 14th Qin'an County Committee of the CPPCC"
        );
        let (zh, _) = meeting_name(
            MeetingKind::Plenum,
            "秦安县",
            "Qin'an County",
            17,
            1,
            Some(Committee::Discipline),
        )
        .unwrap();
        assert_eq!(zh, "中国共产党秦安县第十七届纪律检查委员会第一次全体会议");
        assert!(
            meeting_name(MeetingKind::Plenum, "秦安县", "Qin'an County", 17, 1, None).is_none()
        );
    }

    #[test]
    fn ethnic_groups_are_found_in_every_spelling() {
        assert_eq!(ETHNIC_GROUPS.len(), 56);
        assert_eq!(ethnic_group("回族"), Some(2));
        assert_eq!(ethnic_group("回"), Some(2));
        assert_eq!(ethnic_group("hui"), Some(2));
        assert_eq!(ethnic_group("火星族"), None);
    }
}
