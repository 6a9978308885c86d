//! Rule family `freshness`: inspections fail a site whose home page has not changed in two weeks
//! and distrust dates that cannot be true (DOMAIN §6). The dates are the authors' own (`date`,
//! `updated`); the day of the check is today in China unless `--today` fixes it.

use super::{Ctx, Finding};
use crate::content::Page;
use crate::site::Site;
use crate::yaml::{Seg, locate};
use std::path::Path;

/// Line and column of front-matter key `key` of the page file `file`.
pub fn front_matter_pos(cx: &mut Ctx, file: &Path, key: &str) -> (usize, usize) {
    let Some(src) = cx.files.get(cx.root, file) else {
        return (1, 1);
    };
    match super::text::split(&src.text) {
        (Some(r), _) => locate(&src.text[r], &[Seg::Key(key)], 2),
        (None, _) => (1, 1),
    }
}

/// Runs the freshness rules on the published pages.
pub fn check(cx: &mut Ctx, site: &Site) {
    let today = cx.today;
    let default = site.default_lang();
    // The newest article published by the day of the check; on a tie, the default language's.
    let newest: Option<&Page> = site
        .pages
        .iter()
        .filter(|p| p.date.is_some_and(|d| d.date() <= today))
        .max_by_key(|p| (p.date, p.lang == default, std::cmp::Reverse(p.file.clone())));
    for p in &site.pages {
        if let (Some(d), Some(u)) = (p.date, p.updated)
            && u < d
        {
            let (l, c) = front_matter_pos(cx, &p.file, "updated");
            cx.push(
                Finding::new("updated-before-date", &p.file, l, c, format!("`updated` ({}) is earlier than `date` ({})", u.date(), d.date()))
                    .with_fix("`date` is when the page was first published, `updated` when it last changed: correct the one that is wrong"),
            );
        }
        for (key, v) in [("date", p.date), ("updated", p.updated)] {
            if let Some(v) = v
                && v.date() > today
            {
                let (l, c) = front_matter_pos(cx, &p.file, key);
                cx.push(
                    Finding::new("future-date", &p.file, l, c, format!("`{key}` ({}) is after the day of the check ({today})", v.date()))
                        .with_fix("write the day the page is really published; a page meant for later can stay `draft: true` until then"),
                );
            }
        }
    }
    if let Some(p) = newest
        && let Some(d) = p.date
    {
        let age = (today - d.date()).get_days();
        let limit = i64::from(cx.cfg.stale_after_days);
        if i64::from(age) > limit {
            let (l, c) = front_matter_pos(cx, &p.file, "date");
            cx.push(
                Finding::new(
                    "stale-site",
                    &p.file,
                    l,
                    c,
                    format!("the newest article is from {} ({age} days before the check on {today}); a site must be updated at least every {limit} days", d.date()),
                )
                .with_fix("publish news (an inspection counts a home page unchanged for two weeks as not maintained); an archived site can set `check: {rules: {stale-site: off}}`"),
            );
        }
    }
}
