//! Review before publication (先审核、后发布；谁发布、谁负责).
//!
//! site.yaml names the levels of sign-off a page needs (`review: {levels: [初审, 复审, 终审]}`);
//! each page records its sign-offs in front matter:
//!
//! ```yaml
//! review:
//!   - { level: 初审, reviewer: 王编辑, date: 2021-11-20 }
//!   - { level: 复审, reviewer: 李科长, date: 2021-11-21 }
//! ```
//!
//! A page missing a level is held back from `build` (a warning names it and the missing levels);
//! with `--drafts` it is built with a visible "not yet approved" banner. A sign-off that cannot be
//! true — dated after the build, before the page's own date, at an unknown level, twice at one
//! level, or a higher level signed before a lower one — is an error.
//!
//! With `review: {results: true}` a meeting.yaml carries the same `review:` list; the results
//! loader (src/results/load.rs) checks it with [`prepare_list`] and [`check`] (the meeting's last
//! day as the earliest date) and holds back a meeting not fully signed off, with what it elected.
//!
//! The build date is today's date in Beijing time (UTC+08:00) from the system clock. It is used for
//! this check only and never reaches the output.

use crate::content::Page;
use crate::error::{Diagnostic, nearest};
use crate::yaml::{Seg, locate};
use jiff::civil::Date;
use serde::Deserialize;
use std::path::Path;

/// The `review:` block of site.yaml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReviewConfig {
    /// Levels of sign-off (审核层级) every page needs, lowest first: `[初审, 复审, 终审]`.
    /// Empty (the default): no review is required and every page is published.
    pub levels: Vec<String>,
    /// Whether the results data needs the same sign-offs: each meeting.yaml records its own
    /// `review:` list, and a meeting not fully signed off is held back with its elections.
    pub results: bool,
}

impl ReviewConfig {
    /// True when pages need sign-off before publication.
    pub fn required(&self) -> bool {
        !self.levels.is_empty()
    }

    /// Checks the levels of site.yaml: no empty or repeated level names.
    pub fn validate(&self, text: &str) -> Result<(), Diagnostic> {
        let rel = Path::new("site.yaml");
        for (i, level) in self.levels.iter().enumerate() {
            let (l, c) = locate(
                text,
                &[Seg::Key("review"), Seg::Key("levels"), Seg::Index(i)],
                1,
            );
            if level.trim().is_empty() {
                return Err(
                    Diagnostic::error("config", rel, l, c, "an empty review level")
                        .with_hint("name each level, e.g. `levels: [初审, 复审, 终审]`"),
                );
            }
            if self.levels[..i].contains(level) {
                return Err(Diagnostic::error(
                    "config",
                    rel,
                    l,
                    c,
                    format!("review level `{level}` is listed twice"),
                )
                .with_hint("list each level once, lowest first: `levels: [初审, 复审, 终审]`"));
            }
        }
        if self.results && !self.required() {
            let (l, c) = locate(text, &[Seg::Key("review"), Seg::Key("results")], 1);
            return Err(Diagnostic::error(
                "config",
                rel,
                l,
                c,
                "`review.results` asks results for sign-off, but `review.levels` names no level",
            )
            .with_hint(
                "name the levels too: `review: {levels: [初审, 复审, 终审], results: true}`",
            ));
        }
        Ok(())
    }
}

/// One sign-off (审核签发) recorded in a page's front matter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignOff {
    /// The level signed, one of site.yaml's `review.levels`.
    pub level: String,
    /// Who signed. Kept for the record; never printed on a public page.
    pub reviewer: String,
    /// When, `YYYY-MM-DD` (a time may follow).
    pub date: String,
    /// The date, parsed by [`prepare`].
    #[serde(skip)]
    pub parsed: Option<Date>,
    /// Line and column of the entry in the file, set by [`prepare`].
    #[serde(skip)]
    pub at: (usize, usize),
    /// Line and column of the `level` value.
    #[serde(skip)]
    pub level_at: (usize, usize),
    /// Line and column of the `date` value.
    #[serde(skip)]
    pub date_at: (usize, usize),
}

/// The earliest day a sign-off may carry, and how to name it in a message.
#[derive(Debug, Clone, Copy)]
pub struct NotBefore<'a> {
    /// The day: a page's `date`, a meeting's last day.
    pub date: Date,
    /// What the day is, after "before": "the page's own date".
    pub what: &'a str,
    /// How to fix a sign-off dated before it.
    pub hint: &'a str,
}

/// Parses and checks the sign-offs of one page against what the page itself says: dates are
/// valid and not before the page's `date`, every entry names a reviewer, no level is signed
/// twice. `fm` is the front matter text, starting at line `first_line` of `shown`.
pub fn prepare(
    list: &mut [SignOff],
    page_date: Option<Date>,
    fm: &str,
    first_line: usize,
    shown: &Path,
) -> Result<(), Diagnostic> {
    let not_before = page_date.map(|date| NotBefore {
        date,
        what: "the page's own date",
        hint: "a page is signed off after it is written: correct the sign-off date or the page's `date`",
    });
    prepare_list(list, not_before, fm, first_line, shown)
}

/// [`prepare`] for any `review:` list at the top level of a YAML text (a page's front matter, a
/// meeting.yaml): sign-offs may not be dated before `not_before`.
pub fn prepare_list(
    list: &mut [SignOff],
    not_before: Option<NotBefore>,
    fm: &str,
    first_line: usize,
    shown: &Path,
) -> Result<(), Diagnostic> {
    for i in 0..list.len() {
        let at = |k: &str| {
            locate(
                fm,
                &[Seg::Key("review"), Seg::Index(i), Seg::Key(k)],
                first_line,
            )
        };
        let so = &mut list[i];
        so.at = locate(fm, &[Seg::Key("review"), Seg::Index(i)], first_line);
        so.level_at = at("level");
        so.date_at = at("date");
        if so.level.trim().is_empty() {
            let (l, c) = so.level_at;
            return Err(
                Diagnostic::error("review", shown, l, c, "a sign-off without a `level`")
                    .with_hint("name the level signed, e.g. `level: 初审`"),
            );
        }
        if so.reviewer.trim().is_empty() {
            let (l, c) = at("reviewer");
            return Err(Diagnostic::error(
                "review",
                shown,
                l,
                c,
                format!("the `{}` sign-off names no reviewer", so.level),
            )
            .with_hint("write who signed it off: `reviewer: 王某某` (谁发布、谁负责)"));
        }
        let date = crate::i18n::dates::parse_datetime(&so.date)
            .map(|d| d.date())
            .map_err(|e| {
                let (l, c) = so.date_at;
                Diagnostic::error(
                    "review",
                    shown,
                    l,
                    c,
                    format!("invalid sign-off `date`: {e}"),
                )
                .with_hint("write the day of the sign-off as YYYY-MM-DD, e.g. 2021-11-20")
            })?;
        so.parsed = Some(date);
        if let Some(nb) = not_before
            && date < nb.date
        {
            let (l, c) = so.date_at;
            return Err(Diagnostic::error(
                "review",
                shown,
                l,
                c,
                format!(
                    "the `{}` sign-off is dated {date}, before {} {}",
                    so.level, nb.what, nb.date
                ),
            )
            .with_hint(nb.hint));
        }
        if let Some(first) = list[..i].iter().find(|o| o.level == list[i].level) {
            let (l, c) = list[i].level_at;
            return Err(Diagnostic::error(
                "review",
                shown,
                l,
                c,
                format!(
                    "level `{}` is signed off twice (first at line {})",
                    list[i].level, first.at.0
                ),
            )
            .with_hint("keep one sign-off per level"));
        }
    }
    Ok(())
}

/// What a page's sign-offs allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every required level is signed: publish.
    Approved,
    /// These levels are still missing, in the order of site.yaml.
    Pending(Vec<String>),
}

/// Checks a page's sign-offs against site.yaml's levels and the build date: unknown levels,
/// sign-offs dated after `today`, and higher levels signed before lower ones are errors; the
/// verdict lists the levels still missing.
pub fn verdict(page: &Page, cfg: &ReviewConfig, today: Date) -> Result<Verdict, Vec<Diagnostic>> {
    check(&page.front.review, &page.file, cfg, today)
}

/// [`verdict`] for any list of sign-offs (already [`prepare`]d) recorded in `shown`: pages, and
/// results data when `review.results` is on.
pub fn check(
    list: &[SignOff],
    shown: &Path,
    cfg: &ReviewConfig,
    today: Date,
) -> Result<Verdict, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    for so in list {
        if let Some(d) = so.parsed
            && d > today
        {
            let (l, c) = so.date_at;
            errors.push(
                Diagnostic::error("review", shown, l, c, format!("the `{}` sign-off is dated {d}, after the build date {today}", so.level))
                    .with_hint("a sign-off cannot come from the future: correct the date (the build date is today, Beijing time)"),
            );
        }
        if cfg.required() && !cfg.levels.contains(&so.level) {
            let (l, c) = so.level_at;
            let known: Vec<&str> = cfg.levels.iter().map(String::as_str).collect();
            let hint = match nearest(&so.level, &known) {
                Some(k) => format!(
                    "did you mean `{k}`? The levels of site.yaml are: {}",
                    known.join(", ")
                ),
                None => format!("the levels of site.yaml are: {}", known.join(", ")),
            };
            errors.push(
                Diagnostic::error(
                    "review",
                    shown,
                    l,
                    c,
                    format!("unknown review level `{}`", so.level),
                )
                .with_hint(hint),
            );
        }
    }
    // Levels must be signed in order: a higher level's date is never before a lower one's.
    let signed: Vec<&SignOff> = cfg
        .levels
        .iter()
        .filter_map(|lv| list.iter().find(|s| &s.level == lv))
        .collect();
    for w in signed.windows(2) {
        if let (Some(a), Some(b)) = (w[0].parsed, w[1].parsed)
            && b < a
        {
            let (l, c) = w[1].date_at;
            errors.push(
                Diagnostic::error(
                    "review",
                    shown,
                    l,
                    c,
                    format!(
                        "`{}` is signed off on {b}, before the lower level `{}` on {a}",
                        w[1].level, w[0].level
                    ),
                )
                .with_hint(format!(
                    "the levels are signed in the order of site.yaml ({}): check both dates",
                    cfg.levels.join(" → ")
                )),
            );
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let missing: Vec<String> = cfg
        .levels
        .iter()
        .filter(|lv| !list.iter().any(|s| &s.level == *lv))
        .cloned()
        .collect();
    Ok(if missing.is_empty() {
        Verdict::Approved
    } else {
        Verdict::Pending(missing)
    })
}

/// The warning printed for a page held back from publication.
pub fn held_back(page: &Page, missing: &[String]) -> Diagnostic {
    held_back_list(
        &page.front.review,
        &page.file,
        "held back",
        "to the front matter",
        "the page",
        missing,
    )
}

/// The `held-back` warning for anything with a `review:` list recorded in `shown`: `what` opens
/// the message ("held back"), `where_` says where sign-offs are added ("to the front matter"),
/// `shown_as` what `--drafts` shows ("the page"). The warning points at the first sign-off, or
/// at the file when there is none.
pub fn held_back_list(
    list: &[SignOff],
    shown: &Path,
    what: &str,
    where_: &str,
    shown_as: &str,
    missing: &[String],
) -> Diagnostic {
    let (l, c) = list.first().map(|s| s.at).unwrap_or((0, 0));
    let have: Vec<&str> = list.iter().map(|s| s.level.as_str()).collect();
    let msg = if have.is_empty() {
        format!("{what}: not signed off (needs {})", missing.join(", "))
    } else {
        format!(
            "{what}: signed off at {} but not yet at {}",
            have.join(", "),
            missing.join(", ")
        )
    };
    Diagnostic::warning("held-back", shown, l, c, msg).with_hint(format!(
        "add the missing sign-offs {where_}, e.g. `review: [{{level: {}, reviewer: 姓名, date: YYYY-MM-DD}}]`; `build --drafts` shows {shown_as} with a \"not yet approved\" banner",
        missing.first().map(String::as_str).unwrap_or("初审")
    ))
}

/// Today's date in Beijing time (UTC+08:00): the build date for the sign-off check, and the
/// day `check` judges freshness on unless told (`--today`). Never used for anything that
/// reaches the output.
pub fn build_date() -> Date {
    jiff::tz::offset(8)
        .to_datetime(jiff::Timestamp::now())
        .date()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{markdown::MarkdownOptions, parse_page};

    fn page(text: &str) -> Result<Page, crate::Errors> {
        parse_page(
            text,
            Path::new("content/a.md"),
            "a".into(),
            "zh-Hans".into(),
            &MarkdownOptions::default(),
        )
    }
    fn cfg() -> ReviewConfig {
        ReviewConfig {
            levels: vec!["初审".into(), "复审".into(), "终审".into()],
            results: false,
        }
    }
    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn missing_levels_are_listed_in_order() {
        let p = page("---\ntitle: t\ndate: 2021-11-01\nreview:\n  - {level: 初审, reviewer: 甲, date: 2021-11-02}\n---\n").unwrap();
        assert_eq!(
            verdict(&p, &cfg(), d("2021-12-01")),
            Ok(Verdict::Pending(vec!["复审".into(), "终审".into()]))
        );
        let none = page("---\ntitle: t\n---\n").unwrap();
        assert_eq!(
            verdict(&none, &ReviewConfig::default(), d("2021-12-01")),
            Ok(Verdict::Approved)
        );
    }

    #[test]
    fn future_and_out_of_order_sign_offs_are_errors() {
        let p = page(
            "---\ntitle: t\ndate: 2021-11-01\nreview:\n  - {level: 初审, reviewer: 甲, date: 2021-11-05}\n  - {level: 复审, reviewer: 乙, date: 2021-11-03}\n  - {level: 终审, reviewer: 丙, date: 2021-12-09}\n---\n",
        )
        .unwrap();
        let e = verdict(&p, &cfg(), d("2021-12-01")).unwrap_err();
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(
            e.iter()
                .any(|x| x.message.contains("after the build date") && x.line == 7),
            "{e:?}"
        );
        assert!(
            e.iter()
                .any(|x| x.message.contains("before the lower level `初审`") && x.line == 6),
            "{e:?}"
        );
    }

    #[test]
    fn sign_off_before_the_page_date_points_at_the_date() {
        let e = page("---\ntitle: t\ndate: 2021-11-10\nreview:\n  - level: 初审\n    reviewer: 甲\n    date: 2021-11-09\n---\n").unwrap_err();
        let d0 = &e.0[0];
        assert!(
            d0.message.contains("before the page's own date 2021-11-10"),
            "{}",
            d0.message
        );
        assert_eq!((d0.line, d0.column), (7, 11));
    }
}
