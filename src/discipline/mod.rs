//! Discipline notices (换届纪律通知): the rules version a changeover applied, the reporting
//! channels, the campaign's figures and the period the notice is in force.
//!
//! A notice is an ordinary Markdown page whose front matter carries a `notice:` map:
//!
//! ```yaml
//! notice:
//!   rules: 2021                        # a rule list of data/discipline/rules/
//!   in_force: { from: 2021-07-05, to: 2021-12-31 }
//!   channels:
//!     - { kind: phone, value: 0938-12380 }
//!     - { kind: email, value: jubao@example.gov.cn, sample: true }
//!   figures:
//!     - { kind: commitment_letters, count: 2740 }
//!     - { kind: reminder_cards, count: 3100, more_than: true }
//! ```
//!
//! While a notice is in force a compact reporting box appears on every page. "In force" is
//! decided against the site's *as-of date*: `discipline.as_of` of site.yaml when set, else the
//! newest `date`/`updated` of the published pages. It is never the build time, so the same input
//! gives the same output; a site that wants the box gone after the period publishes something
//! newer or sets `as_of`.

pub mod context;
pub mod data;

use crate::content::Page;
use crate::error::{Diagnostic, Errors, Result, nearest};
use crate::i18n::Localized;
use crate::yaml::{Seg, locate};
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The `discipline:` block of site.yaml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DisciplineConfig {
    /// Show the compact reporting box on every page while a notice is in force (default: yes).
    pub report_box: bool,
    /// The date a notice's period is compared with, `YYYY-MM-DD`; default: the newest date of the
    /// published pages.
    #[serde(deserialize_with = "crate::content::scalar_string")]
    pub as_of: Option<String>,
}

impl Default for DisciplineConfig {
    fn default() -> Self {
        DisciplineConfig {
            report_box: true,
            as_of: None,
        }
    }
}

impl DisciplineConfig {
    /// Checks the block of site.yaml (`text`).
    pub fn validate(&self, text: &str) -> std::result::Result<(), Diagnostic> {
        if let Some(a) = &self.as_of {
            crate::i18n::dates::parse_date(a).map_err(|e| {
                let (l, c) = locate(text, &[Seg::Key("discipline"), Seg::Key("as_of")], 1);
                Diagnostic::error("config", "site.yaml", l, c, format!("invalid `discipline.as_of`: {e}"))
                    .with_hint("write the date the site is current as of, e.g. `as_of: 2021-12-06`, or remove it to use the newest page date")
            })?;
        }
        Ok(())
    }
}

/// A reporting channel (举报渠道).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    /// 举报电话, e.g. 0938-12380: a `tel:` link.
    Phone,
    /// The 12380 website or another URL.
    Website,
    /// 短信举报: an `sms:` link.
    Sms,
    /// 电子邮箱: a `mailto:` link.
    Email,
    /// 来信: a postal address with postcode.
    Post,
    /// 来访: where to report in person.
    InPerson,
}

impl ChannelKind {
    /// The name used in front matter and as the UI string key suffix.
    pub fn name(self) -> &'static str {
        match self {
            ChannelKind::Phone => "phone",
            ChannelKind::Website => "website",
            ChannelKind::Sms => "sms",
            ChannelKind::Email => "email",
            ChannelKind::Post => "post",
            ChannelKind::InPerson => "in_person",
        }
    }
}

/// One reporting channel of a notice.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// phone, website, sms, email, post or in_person.
    pub kind: ChannelKind,
    /// The number, address or URL (per language where it differs).
    pub value: Localized,
    /// Postcode of a postal address (6 digits).
    #[serde(default, deserialize_with = "crate::content::scalar_string")]
    pub postcode: Option<String>,
    /// A label replacing the default one (举报电话 …).
    #[serde(default)]
    pub label: Option<Localized>,
    /// The value is a sample, not the real one: shown with a visible "sample" mark.
    #[serde(default)]
    pub sample: bool,
}

impl Channel {
    /// The link target: `tel:093812380`, `mailto:…`, the URL; empty for post and in person.
    pub fn href(&self, default_lang: &str) -> String {
        let v = self.value.text(default_lang, default_lang).trim();
        let dial = || {
            v.chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect::<String>()
        };
        match self.kind {
            ChannelKind::Phone => format!("tel:{}", dial()),
            ChannelKind::Sms => format!("sms:{}", dial()),
            ChannelKind::Email => format!("mailto:{v}"),
            ChannelKind::Website => v.to_string(),
            ChannelKind::Post | ChannelKind::InPerson => String::new(),
        }
    }
}

/// One campaign figure (承诺书 2740份 …).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// A kind of data/discipline/figures.yaml: commitment_letters, reminder_cards, table_signs,
    /// talks, screenings.
    #[serde(default)]
    pub kind: Option<String>,
    /// A label of one's own (instead of, or replacing that of, `kind`).
    #[serde(default)]
    pub label: Option<Localized>,
    /// The number; without it the figure reads "held" (e.g. warning films were shown).
    #[serde(default)]
    pub count: Option<u64>,
    /// "More than" the count: 3100余张.
    #[serde(default)]
    pub more_than: bool,
    /// The unit (份, 张 …), replacing that of `kind`.
    #[serde(default)]
    pub unit: Option<Localized>,
    /// Line and column of the entry, set by [`prepare`].
    #[serde(skip)]
    pub at: (usize, usize),
}

/// The period a notice is in force.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// First day, `YYYY-MM-DD`.
    #[serde(default, deserialize_with = "crate::content::scalar_string")]
    pub from: Option<String>,
    /// Last day; none: until further notice.
    #[serde(default, deserialize_with = "crate::content::scalar_string")]
    pub to: Option<String>,
}

/// The `notice:` map of a page's front matter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeFront {
    /// The rule list that applied: `2021`, `2026` or a site's own version.
    #[serde(default, deserialize_with = "crate::content::scalar_string")]
    pub rules: Option<String>,
    /// When the notice is in force.
    #[serde(default)]
    pub in_force: Option<Period>,
    /// Reporting channels, in the order shown.
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// Campaign figures, in the order shown.
    #[serde(default)]
    pub figures: Vec<Figure>,
    /// Parsed `in_force.from`, set by [`prepare`].
    #[serde(skip)]
    pub from: Option<Date>,
    /// Parsed `in_force.to`.
    #[serde(skip)]
    pub to: Option<Date>,
    /// Line and column of `rules`.
    #[serde(skip)]
    pub rules_at: (usize, usize),
    /// Line and column of `notice`.
    #[serde(skip)]
    pub at: (usize, usize),
}

fn err(shown: &Path, at: (usize, usize), msg: impl Into<String>, hint: &str) -> Diagnostic {
    Diagnostic::error("notice", shown, at.0, at.1, msg).with_hint(hint)
}

/// Checks a notice against itself when its page is parsed: the rules version is named, the
/// period is a valid span, every channel's value is usable as a link, every figure is labelled.
/// `fm` is the front matter text starting at line `first_line` of `shown`.
pub fn prepare(
    n: &mut NoticeFront,
    fm: &str,
    first_line: usize,
    shown: &Path,
) -> std::result::Result<(), Diagnostic> {
    let at = |path: &[Seg]| {
        let mut p = vec![Seg::Key("notice")];
        p.extend_from_slice(path);
        locate(fm, &p, first_line)
    };
    n.at = at(&[]);
    n.rules_at = at(&[Seg::Key("rules")]);
    if n.rules.as_deref().map(str::trim).unwrap_or("").is_empty() {
        return Err(err(
            shown,
            n.at,
            "the notice names no `rules` version",
            "say which discipline rules applied to this changeover, e.g. `rules: 2021` (the 「十严禁」) or `rules: 2026`",
        ));
    }
    let period_hint = "write the period as `in_force: { from: 2021-07-05, to: 2021-12-31 }` (`to` may be left out: until further notice)";
    let Some(p) = &n.in_force else {
        return Err(err(
            shown,
            n.at,
            "the notice has no `in_force` period",
            period_hint,
        ));
    };
    let Some(from) = &p.from else {
        return Err(err(
            shown,
            at(&[Seg::Key("in_force")]),
            "`in_force` has no `from` date",
            period_hint,
        ));
    };
    let parse = |v: &str, key: &str| {
        crate::i18n::dates::parse_date(v).map_err(|e| {
            err(
                shown,
                at(&[Seg::Key("in_force"), Seg::Key(key)]),
                format!("invalid `in_force.{key}`: {e}"),
                period_hint,
            )
        })
    };
    let from = parse(from, "from")?;
    let to = p.to.as_deref().map(|t| parse(t, "to")).transpose()?;
    if let Some(to) = to
        && to < from
    {
        return Err(err(
            shown,
            at(&[Seg::Key("in_force"), Seg::Key("to")]),
            format!("the period ends ({to}) before it starts ({from})"),
            period_hint,
        ));
    }
    n.from = Some(from);
    n.to = to;

    for (i, c) in n.channels.iter().enumerate() {
        let vat = at(&[Seg::Key("channels"), Seg::Index(i), Seg::Key("value")]);
        let texts: Vec<&str> = match &c.value {
            Localized::Plain(s) => vec![s.as_str()],
            Localized::Map(m) => m.values().map(String::as_str).collect(),
        };
        if texts.iter().all(|t| t.trim().is_empty()) {
            return Err(err(
                shown,
                vat,
                format!("the {} channel has an empty `value`", c.kind.name()),
                "write the number, address or URL readers use",
            ));
        }
        for t in texts {
            let t = t.trim();
            match c.kind {
                ChannelKind::Phone | ChannelKind::Sms => {
                    let ok = t
                        .chars()
                        .all(|ch| ch.is_ascii_digit() || " -+()".contains(ch))
                        && t.chars().filter(char::is_ascii_digit).count() >= 5;
                    if !ok {
                        return Err(err(
                            shown,
                            vat,
                            format!("`{t}` is not a telephone number"),
                            "write digits with the area code, separated by `-` if you like: `0938-12380`; put any explanation in `label`",
                        ));
                    }
                }
                ChannelKind::Email => {
                    let ok = t.split('@').count() == 2
                        && !t.starts_with('@')
                        && t.rsplit('@').next().is_some_and(|d| d.contains('.'))
                        && !t.contains(char::is_whitespace);
                    if !ok {
                        return Err(err(
                            shown,
                            vat,
                            format!("`{t}` is not an e-mail address"),
                            "write the address alone, e.g. `jubao@example.gov.cn`",
                        ));
                    }
                }
                ChannelKind::Website => {
                    if !(t.starts_with("https://") || t.starts_with("http://"))
                        || t.contains(char::is_whitespace)
                    {
                        return Err(err(
                            shown,
                            vat,
                            format!("`{t}` is not a web address"),
                            "write the full URL, e.g. `https://www.12380.gov.cn/`",
                        ));
                    }
                }
                ChannelKind::Post | ChannelKind::InPerson => {}
            }
        }
        if let Some(pc) = &c.postcode {
            let pat = at(&[Seg::Key("channels"), Seg::Index(i), Seg::Key("postcode")]);
            if c.kind != ChannelKind::Post {
                return Err(err(
                    shown,
                    pat,
                    format!("a {} channel has no postcode", c.kind.name()),
                    "give `postcode` only to the `post` channel",
                ));
            }
            if pc.len() != 6 || !pc.chars().all(|ch| ch.is_ascii_digit()) {
                return Err(err(
                    shown,
                    pat,
                    format!("postcode `{pc}` is not 6 digits"),
                    "write the six-digit postcode in quotes, e.g. `postcode: \"741600\"` (quotes keep a leading 0)",
                ));
            }
        }
    }
    for (i, f) in n.figures.iter_mut().enumerate() {
        f.at = at(&[Seg::Key("figures"), Seg::Index(i)]);
        if f.kind.is_none() && f.label.is_none() {
            return Err(err(
                shown,
                f.at,
                "a figure has neither `kind` nor `label`",
                "use a known kind (commitment_letters, reminder_cards, table_signs, talks, screenings) or give a `label`",
            ));
        }
        if f.more_than && f.count.is_none() {
            return Err(err(
                shown,
                f.at,
                "`more_than` without a `count`",
                "give the count the figure exceeds: `count: 3100, more_than: true`",
            ));
        }
    }
    Ok(())
}

/// A notice of the site, one per translation key.
#[derive(Debug, Clone)]
pub struct Notice {
    /// Translation key of the notice page.
    pub key: String,
    /// Index into `Site::pages` of the version whose `notice:` map is used when a translation has
    /// none.
    pub primary: usize,
    /// The rules version.
    pub rules: String,
    /// First day in force.
    pub from: Date,
    /// Last day in force; none: until further notice.
    pub to: Option<Date>,
}

impl Notice {
    /// Whether `day` falls within the period.
    pub fn in_force(&self, day: Date) -> bool {
        self.from <= day && self.to.is_none_or(|t| day <= t)
    }

    /// `current`, `past` or `upcoming` on `day`.
    pub fn status(&self, day: Date) -> &'static str {
        if day < self.from {
            "upcoming"
        } else if self.in_force(day) {
            "current"
        } else {
            "past"
        }
    }
}

/// The notices of a site, the data they use and the as-of date.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// Rule lists and figure kinds.
    pub library: data::Library,
    /// Notices, sorted by start date then key.
    pub notices: Vec<Notice>,
    /// The date periods are compared with (see the module documentation).
    pub as_of: Option<Date>,
}

impl Model {
    /// The notice of a translation key.
    pub fn notice(&self, key: &str) -> Option<&Notice> {
        self.notices.iter().find(|n| n.key == key)
    }

    /// The notice in force on the as-of date that started last.
    pub fn current(&self) -> Option<&Notice> {
        let day = self.as_of?;
        self.notices
            .iter()
            .filter(|n| n.in_force(day))
            .max_by_key(|n| (n.from, std::cmp::Reverse(n.key.clone())))
    }
}

/// Builds the notices model of a loaded site: reads the rule lists, checks each notice's rules
/// version and figure kinds, and finds the as-of date. Returns warnings for notices using
/// placeholder rule lists.
pub fn collect(site: &crate::site::Site) -> Result<(Model, Vec<Diagnostic>)> {
    let library = data::load(&site.theme)?;
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let versions: Vec<&str> = library.rules.keys().map(String::as_str).collect();
    let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, p) in site.pages.iter().enumerate() {
        let Some(n) = &p.front.notice else { continue };
        by_key.entry(p.key.as_str()).or_default().push(i);
        let rules = n.rules.as_deref().unwrap_or("").trim();
        match library.rules.get(rules) {
            None => {
                let hint = match nearest(rules, &versions) {
                    Some(v) => format!(
                        "did you mean `{v}`? Rule lists available: {}; a site adds its own as data/discipline/rules/<version>.yaml",
                        versions.join(", ")
                    ),
                    None => format!(
                        "rule lists available: {}; a site adds its own as data/discipline/rules/<version>.yaml",
                        versions.join(", ")
                    ),
                };
                errors.push(
                    Diagnostic::error(
                        "notice",
                        &p.file,
                        n.rules_at.0,
                        n.rules_at.1,
                        format!("no rule list `{rules}`"),
                    )
                    .with_hint(hint),
                );
            }
            Some(list) if list.has_placeholders() => {
                let file = library
                    .rule_files
                    .get(rules)
                    .map(|f| f.display().to_string())
                    .unwrap_or_default();
                warnings.push(
                    Diagnostic::warning(
                        "notice-placeholder",
                        &p.file,
                        n.rules_at.0,
                        n.rules_at.1,
                        format!("rule list `{rules}` still holds placeholder items: the page shows them marked as placeholders"),
                    )
                    .with_hint(format!("fill in the items from the official text in {file} (or in data/discipline/rules/{rules}.yaml beside site.yaml) and drop `placeholder: true`")),
                );
            }
            Some(_) => {}
        }
        for f in &n.figures {
            if let Some(k) = &f.kind
                && !library.figures.contains_key(k)
            {
                let known: Vec<&str> = library.figures.keys().map(String::as_str).collect();
                let hint = match nearest(k, &known) {
                    Some(s) => format!(
                        "did you mean `{s}`? Kinds: {}; or give a `label` of your own without `kind`",
                        known.join(", ")
                    ),
                    None => format!(
                        "kinds: {}; or give a `label` of your own without `kind`",
                        known.join(", ")
                    ),
                };
                errors.push(
                    Diagnostic::error(
                        "notice",
                        &p.file,
                        f.at.0,
                        f.at.1,
                        format!("unknown figure kind `{k}`"),
                    )
                    .with_hint(hint),
                );
            }
        }
    }
    let default = site.config.default_lang();
    let mut notices = Vec::new();
    for (key, versions) in by_key {
        let primary = versions
            .iter()
            .copied()
            .find(|&i| site.pages[i].lang == default)
            .unwrap_or(versions[0]);
        let pn = site.pages[primary].front.notice.as_deref();
        let Some(pn) = pn else { continue };
        let (Some(from), rules) = (pn.from, pn.rules.clone().unwrap_or_default()) else {
            continue;
        };
        for &i in &versions {
            let (p, n) = (&site.pages[i], site.pages[i].front.notice.as_deref());
            if let Some(n) = n
                && i != primary
                && (n.from != pn.from
                    || n.to != pn.to
                    || n.rules.as_deref().map(str::trim) != Some(rules.trim()))
            {
                errors.push(
                    Diagnostic::error(
                        "notice",
                        &p.file,
                        n.at.0,
                        n.at.1,
                        format!("this translation's `rules`/`in_force` differ from {}", site.pages[primary].file.display()),
                    )
                    .with_hint("a notice's rules version and period are the same in every language: leave `notice:` out of the translation to use the original's, or make them equal"),
                );
            }
        }
        notices.push(Notice {
            key: key.to_string(),
            primary,
            rules: rules.trim().to_string(),
            from,
            to: pn.to,
        });
    }
    notices.sort_by(|a, b| a.from.cmp(&b.from).then_with(|| a.key.cmp(&b.key)));
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    let as_of = match &site.config.discipline.as_of {
        Some(a) => crate::i18n::dates::parse_date(a).ok(),
        None => newest_date(&site.pages),
    };
    Ok((
        Model {
            library,
            notices,
            as_of,
        },
        warnings,
    ))
}

/// The newest `date` or `updated` of the pages.
fn newest_date(pages: &[Page]) -> Option<Date> {
    pages
        .iter()
        .flat_map(|p| [p.date, p.updated])
        .flatten()
        .map(|d| d.date())
        .max()
}

/// Writes a count for `lang`: Chinese without separators (2740), other languages with a comma
/// every three digits (2,740).
pub fn format_count(n: u64, lang: &str) -> String {
    let digits = n.to_string();
    if crate::i18n::is_chinese(lang) {
        return digits;
    }
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_outside_chinese() {
        assert_eq!(format_count(2740, "zh-Hans"), "2740");
        assert_eq!(format_count(2740, "en"), "2,740");
        assert_eq!(format_count(1234567, "en"), "1,234,567");
        assert_eq!(format_count(280, "en"), "280");
    }

    fn notice(yaml: &str) -> std::result::Result<NoticeFront, Diagnostic> {
        let fm = format!("title: t\nnotice:\n{yaml}");
        let v: serde_yaml::Value = serde_yaml::from_str(&fm).unwrap();
        let mut n: NoticeFront = serde_yaml::from_value(v["notice"].clone()).unwrap();
        prepare(&mut n, &fm, 2, Path::new("a.md")).map(|_| n)
    }

    #[test]
    fn channels_become_links() {
        let n = notice("  rules: 2021\n  in_force: {from: 2021-07-01}\n  channels:\n    - {kind: phone, value: 0938-12380}\n    - {kind: email, value: a@b.cn}\n").unwrap();
        assert_eq!(n.channels[0].href("zh-Hans"), "tel:093812380");
        assert_eq!(n.channels[1].href("zh-Hans"), "mailto:a@b.cn");
        assert_eq!(n.to, None);
    }

    #[test]
    fn bad_values_point_at_their_line() {
        let e = notice("  rules: 2021\n  in_force: {from: 2021-07-01}\n  channels:\n    - kind: email\n      value: not-an-address\n").unwrap_err();
        assert!(e.message.contains("not an e-mail address"), "{}", e.message);
        assert_eq!(e.line, 8);
        let e = notice("  rules: 2021\n  in_force:\n    from: 2021-07-01\n    to: 2021-06-01\n")
            .unwrap_err();
        assert!(
            e.message.contains("ends (2021-06-01) before it starts"),
            "{}",
            e.message
        );
        assert_eq!(e.line, 7);
    }

    #[test]
    fn status_follows_the_period() {
        let n = Notice {
            key: "k".into(),
            primary: 0,
            rules: "2021".into(),
            from: "2021-07-01".parse().unwrap(),
            to: Some("2021-12-31".parse().unwrap()),
        };
        assert_eq!(n.status("2021-06-30".parse().unwrap()), "upcoming");
        assert_eq!(n.status("2021-07-01".parse().unwrap()), "current");
        assert_eq!(n.status("2021-12-31".parse().unwrap()), "current");
        assert_eq!(n.status("2022-01-01".parse().unwrap()), "past");
    }
}
