//! Statistics of groups of bodies (content/statistics.yaml): average age at election, shares of
//! women and minorities, education, age bands, and the change from the previous term.
//!
//! Ages are in completed years (周岁) on the day of the election, with the birthday taken as the
//! first of the birth month (only year and month are known). Averages and shares are computed in
//! integers and rounded half up to one decimal, so 40.25 shows as 40.3 on every platform.

use super::load::{Place, Src};
use super::model::{BodyKind, Level};
use super::names::Education;
use super::{Results, load};
use crate::error::Diagnostic;
use crate::i18n::Localized;
use crate::yaml::Seg;
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::BTreeMap;

/// content/statistics.yaml as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatisticsData {
    /// Upper bounds (inclusive) of the age bands; default 35, 40, 45, 50.
    #[serde(default)]
    pub age_bands: Option<Vec<u32>>,
    /// Groups, in page order.
    pub groups: Vec<GroupData>,
}

/// One group as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupData {
    /// Id (anchor on the page).
    pub id: String,
    /// Name.
    pub name: Localized,
    /// A note shown under the figures.
    #[serde(default)]
    pub note: Option<Localized>,
    /// Which bodies and posts.
    pub select: Vec<Selector>,
    /// Figures of the previous term, as published.
    #[serde(default)]
    pub previous: Option<Declared>,
}

/// Bodies and posts of a group: one body by id, or every body of a kind and/or level.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Selector {
    /// One body.
    #[serde(default)]
    pub body: Option<String>,
    /// Every body of this kind.
    #[serde(default)]
    pub kind: Option<BodyKind>,
    /// Every body of this level.
    #[serde(default)]
    pub level: Option<Level>,
    /// Only these posts (default all).
    #[serde(default)]
    pub posts: Vec<String>,
    /// The term (default each body's latest).
    #[serde(default)]
    pub term: Option<u32>,
}

/// Published figures of the previous term.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declared {
    /// Number of people.
    #[serde(default)]
    pub count: Option<u32>,
    /// Average age in years.
    #[serde(default)]
    pub average_age: Option<f64>,
    /// Share of women, percent.
    #[serde(default)]
    pub women: Option<f64>,
    /// Share of ethnic minorities, percent.
    #[serde(default)]
    pub minorities: Option<f64>,
}

/// Figures of one term of a group. Averages and shares are in tenths.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// People counted (each once).
    pub count: usize,
    /// Average age at election, in tenths of a year (`None` when no one has `born`).
    pub average_age: Option<i64>,
    /// Women.
    pub women: usize,
    /// Share of women in tenths of a percent.
    pub women_share: Option<i64>,
    /// Ethnic minorities.
    pub minorities: usize,
    /// Share of minorities in tenths of a percent.
    pub minorities_share: Option<i64>,
    /// People per education level, highest first, then unknown.
    pub education: Vec<(Option<Education>, usize)>,
    /// People per age band.
    pub bands: Vec<usize>,
    /// People without a year of birth.
    pub no_age: usize,
    /// The people, in stroke order.
    pub people: Vec<usize>,
}

/// Where the previous term's figures come from.
#[derive(Debug, Clone, PartialEq)]
pub enum Previous {
    /// Declared in statistics.yaml.
    Declared {
        /// Count.
        count: Option<usize>,
        /// Tenths of a year.
        average_age: Option<i64>,
        /// Tenths of a percent.
        women_share: Option<i64>,
        /// Tenths of a percent.
        minorities_share: Option<i64>,
    },
    /// Computed from the previous term's results.
    Computed(Figures),
}

impl Previous {
    /// (count, average age, women share, minorities share).
    pub fn values(&self) -> (Option<usize>, Option<i64>, Option<i64>, Option<i64>) {
        match self {
            Previous::Declared {
                count,
                average_age,
                women_share,
                minorities_share,
            } => (*count, *average_age, *women_share, *minorities_share),
            Previous::Computed(f) => (
                Some(f.count),
                f.average_age,
                f.women_share,
                f.minorities_share,
            ),
        }
    }
}

/// A group, resolved and computed.
#[derive(Debug, Clone)]
pub struct Group {
    /// Id.
    pub id: String,
    /// Name.
    pub name: Localized,
    /// Note.
    pub note: Option<Localized>,
    /// Bodies selected.
    pub bodies: Vec<usize>,
    /// Latest term.
    pub current: Figures,
    /// Previous term.
    pub previous: Option<Previous>,
}

/// The statistics page's data.
#[derive(Debug, Clone, Default)]
pub struct Statistics {
    /// Age band upper bounds.
    pub age_bands: Vec<u32>,
    /// Groups.
    pub groups: Vec<Group>,
}

/// `num / den` in tenths, rounded half up.
pub fn tenths(num: i64, den: i64) -> Option<i64> {
    (den > 0).then(|| (num * 20 + den).div_euclid(2 * den))
}

/// Writes tenths as a decimal: 402 → "40.2", 430 → "43" when `trim`, else "43.0".
pub fn show_tenths(t: i64, trim: bool) -> String {
    let (i, f) = (t.div_euclid(10), t.rem_euclid(10));
    if trim && f == 0 {
        i.to_string()
    } else {
        format!("{i}.{f}")
    }
}

/// Computes the figures of people elected on the given dates.
pub fn figures(r: &Results, members: &BTreeMap<usize, Date>, bands: &[u32]) -> Figures {
    let mut f = Figures {
        education: Education::ALL
            .iter()
            .map(|e| (Some(*e), 0))
            .chain(std::iter::once((None, 0)))
            .collect(),
        bands: vec![0; bands.len() + 1],
        ..Figures::default()
    };
    let mut age_sum = 0i64;
    let mut aged = 0i64;
    for (&p, &date) in members {
        let person = &r.people[p];
        f.count += 1;
        if person.data.sex == super::model::Sex::Female {
            f.women += 1;
        }
        if person.minority() {
            f.minorities += 1;
        }
        let slot = f
            .education
            .iter_mut()
            .find(|(e, _)| *e == person.data.education)
            .map(|x| &mut x.1);
        if let Some(n) = slot {
            *n += 1;
        }
        match person.born {
            Some(b) => {
                let age = b.age_on(date);
                age_sum += i64::from(age);
                aged += 1;
                let band = bands
                    .iter()
                    .position(|&hi| i64::from(age) <= i64::from(hi))
                    .unwrap_or(bands.len());
                f.bands[band] += 1;
            }
            None => f.no_age += 1,
        }
        f.people.push(p);
    }
    f.average_age = tenths(age_sum, aged);
    let n = f.count as i64;
    f.women_share = tenths(f.women as i64 * 100, n);
    f.minorities_share = tenths(f.minorities as i64 * 100, n);
    f.people.sort_by_cached_key(|&p| {
        super::strokes::name_key(r.people[p].sort_name(), super::strokes::Collation::Surname)
    });
    f
}

/// Bodies matched by a selector.
fn matches(r: &Results, s: &Selector) -> Vec<usize> {
    r.bodies
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            s.body.as_deref().is_none_or(|id| b.id == id)
                && s.kind.is_none_or(|k| b.data.kind == k)
                && s.level.is_none_or(|l| b.data.level == l)
        })
        .map(|(i, _)| i)
        .collect()
}

/// Members of the selected bodies in a term: `back` 0 for the selected term, 1 for the one
/// before. `None` when a selected body has no data for that term.
fn members(
    r: &Results,
    sels: &[(Selector, Vec<usize>)],
    back: u32,
) -> Option<BTreeMap<usize, Date>> {
    let mut out: BTreeMap<usize, Date> = BTreeMap::new();
    for (s, bodies) in sels {
        for &b in bodies {
            let body = &r.bodies[b];
            let term = s.term.or(body.current_term())?.checked_sub(back)?;
            let list = body.terms.get(&term)?;
            for m in list {
                if s.posts.is_empty() || s.posts.iter().any(|p| body.posts[m.post].id == *p) {
                    let d = out.entry(m.person).or_insert(m.date);
                    *d = (*d).min(m.date);
                }
            }
        }
    }
    Some(out)
}

/// The highest upper bound of an age band that is accepted as an age.
const MAX_AGE: u32 = 120;

/// Resolves statistics.yaml against the results; returns the statistics, errors and warnings.
pub(crate) fn resolve(
    data: StatisticsData,
    src: &Src,
    r: &Results,
    person_places: &[Place],
) -> (Statistics, Vec<Diagnostic>, Vec<Diagnostic>) {
    use Seg::{Index, Key};
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let bands = data
        .age_bands
        .clone()
        .unwrap_or_else(|| vec![35, 40, 45, 50]);
    const BANDS_HINT: &str = "list the upper bound (an age in years) of each band, in increasing order, e.g. [35, 40, 45, 50]";
    if bands.is_empty() {
        errors.push(
            src.error(
                "statistics",
                &[Key("age_bands")],
                "`age_bands` is empty: expected at least one upper bound",
            )
            .with_hint(format!(
                "{BANDS_HINT}; or leave `age_bands` out for that default"
            )),
        );
    } else if let Some(i) = bands.iter().position(|&a| a > MAX_AGE) {
        errors.push(
            src.error(
                "statistics",
                &[Key("age_bands"), Index(i)],
                format!(
                    "`age_bands` has {}, which is not a plausible age (expected at most {MAX_AGE})",
                    bands[i]
                ),
            )
            .with_hint(BANDS_HINT),
        );
    } else if let Some(i) = bands.windows(2).position(|w| w[0] >= w[1]) {
        errors.push(
            src.error(
                "statistics",
                &[Key("age_bands"), Index(i + 1)],
                format!(
                    "`age_bands` must increase, but {} follows {}",
                    bands[i + 1],
                    bands[i]
                ),
            )
            .with_hint(BANDS_HINT),
        );
    }
    let mut groups: Vec<Group> = Vec::new();
    let mut warned_people = std::collections::BTreeSet::new();
    for (gi, g) in data.groups.into_iter().enumerate() {
        let gp = |rest: &[Seg<'static>]| -> Vec<Seg<'static>> {
            let mut v = vec![Key("groups"), Index(gi)];
            v.extend_from_slice(rest);
            v
        };
        if !load::valid_id(&g.id) || groups.iter().any(|x| x.id == g.id) {
            errors.push(
                src.error(
                    "bad-id",
                    &gp(&[Key("id")]),
                    format!("group id `{}` is not a valid, unique id", g.id),
                )
                .with_hint("use lowercase ASCII letters, digits and `-`, once each"),
            );
            continue;
        }
        let mut sels = Vec::new();
        for (si, s) in g.select.iter().enumerate() {
            let sp = |k: &'static str| gp(&[Key("select"), Index(si), Key(k)]);
            if s.body.is_none() && s.kind.is_none() && s.level.is_none() {
                errors.push(
                    src.error(
                        "statistics",
                        &gp(&[Key("select"), Index(si)]),
                        "a selector needs `body`, `kind` or `level`",
                    )
                    .with_hint(
                        "e.g. `{kind: party-committee, level: township, posts: [secretary]}`",
                    ),
                );
                continue;
            }
            if let Some(b) = &s.body
                && !r.body_index.contains_key(b)
            {
                let mut known: Vec<&str> = r.body_index.keys().map(String::as_str).collect();
                known.sort();
                let hint = crate::error::nearest(b, &known)
                    .map(|k| format!("did you mean `{k}`?"))
                    .unwrap_or_else(|| "check the id against bodies.yaml".into());
                errors.push(
                    src.error("unknown-id", &sp("body"), format!("unknown body id `{b}`"))
                        .with_hint(hint),
                );
                continue;
            }
            let bodies = matches(r, s);
            if bodies.is_empty() {
                warnings.push(
                    src.warning(
                        "statistics-empty",
                        &gp(&[Key("select"), Index(si)]),
                        "this selector matches no body",
                    )
                    .with_hint("check `kind` and `level` against bodies.yaml"),
                );
            }
            for (pi, post) in s.posts.iter().enumerate() {
                if !bodies
                    .iter()
                    .any(|&b| r.bodies[b].posts.iter().any(|p| p.id == *post))
                {
                    errors.push(
                        src.error(
                            "unknown-id",
                            &gp(&[Key("select"), Index(si), Key("posts"), Index(pi)]),
                            format!("no selected body has a post `{post}`"),
                        )
                        .with_hint("check the post ids in bodies.yaml"),
                    );
                }
            }
            sels.push((s.clone(), bodies));
        }
        let cur = members(r, &sels, 0).unwrap_or_default();
        for &p in cur.keys() {
            if r.people[p].born.is_none() && warned_people.insert(p) {
                warnings.push(
                    person_places[p]
                        .warning("statistics-missing-data", &[Key("id")], format!("`{}` counts in the statistics but has no `born`", r.people[p].id))
                        .with_hint("add `born: YYYY-MM`; without it the person is left out of the average age and the age bands"),
                );
            }
        }
        let current = figures(r, &cur, &bands);
        let previous = match &g.previous {
            Some(d) => Some(Previous::Declared {
                count: d.count.map(|c| c as usize),
                average_age: d.average_age.map(|x| (x * 10.0).round() as i64),
                women_share: d.women.map(|x| (x * 10.0).round() as i64),
                minorities_share: d.minorities.map(|x| (x * 10.0).round() as i64),
            }),
            None => members(r, &sels, 1)
                .filter(|m| !m.is_empty())
                .map(|m| Previous::Computed(figures(r, &m, &bands))),
        };
        let mut bodies: Vec<usize> = sels.iter().flat_map(|(_, b)| b.iter().copied()).collect();
        bodies.sort();
        bodies.dedup();
        groups.push(Group {
            id: g.id,
            name: g.name,
            note: g.note,
            bodies,
            current,
            previous,
        });
    }
    (
        Statistics {
            age_bands: bands,
            groups,
        },
        errors,
        warnings,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenths_round_half_up() {
        assert_eq!(tenths(402, 10), Some(402));
        assert_eq!(tenths(161, 4), Some(403)); // 40.25
        assert_eq!(tenths(1, 3), Some(3));
        assert_eq!(tenths(1, 0), None);
        assert_eq!(show_tenths(430, true), "43");
        assert_eq!(show_tenths(402, true), "40.2");
        assert_eq!(show_tenths(400, false), "40.0");
    }
}
