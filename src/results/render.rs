//! The results pages: meetings index and meeting pages, bodies index and body pages, people
//! index and person pages, and the statistics page, in every language. Templates live in the
//! theme under `templates/results/`; lines such as 「应到代表191人，实到191人，符合法定人数」 are
//! filled from the theme's UI strings, so a theme can word them per language.

use super::model::*;
use super::names::{ETHNIC_GROUPS, Education};
use super::settings::MajorityBase;
use super::stats::{Figures, show_tenths};
use super::strokes::Collation;
use super::{Results, URL_ROOTS};
use crate::error::Result;
use crate::i18n::numbers::{en_ordinal, zh_numeral};
use crate::i18n::{Localized, dates, is_chinese};
use crate::render::Shared;
use crate::site::Site;
use serde_json::{Value, json};

/// One results page to render.
#[derive(Debug, Clone)]
pub enum Job {
    /// /meetings/
    Meetings(String),
    /// /meetings/<id>/
    Meeting(String, usize),
    /// /bodies/
    Bodies(String),
    /// /bodies/<id>/
    Body(String, usize),
    /// /people/
    People(String),
    /// /people/<id>/
    Person(String, usize),
    /// /statistics/
    Statistics(String),
}

/// The pages of the results, for every language; none when the site has no results data.
pub fn jobs(site: &Site) -> Vec<Job> {
    let r = &site.results;
    let mut jobs = Vec::new();
    for l in &site.config.languages {
        let lang = l.code.clone();
        if !r.meetings.is_empty() {
            jobs.push(Job::Meetings(lang.clone()));
            jobs.extend((0..r.meetings.len()).map(|i| Job::Meeting(lang.clone(), i)));
        }
        if !r.bodies.is_empty() {
            jobs.push(Job::Bodies(lang.clone()));
            jobs.extend((0..r.bodies.len()).map(|i| Job::Body(lang.clone(), i)));
        }
        if !r.people.is_empty() {
            jobs.push(Job::People(lang.clone()));
            jobs.extend((0..r.people.len()).map(|i| Job::Person(lang.clone(), i)));
        }
        if r.statistics.is_some() {
            jobs.push(Job::Statistics(lang));
        }
    }
    jobs
}

/// The language-relative path of a job's page.
fn path_of(r: &Results, job: &Job) -> String {
    match job {
        Job::Meetings(_) => "meetings/".into(),
        Job::Meeting(_, i) => format!("meetings/{}/", r.meetings[*i].id),
        Job::Bodies(_) => "bodies/".into(),
        Job::Body(_, i) => format!("bodies/{}/", r.bodies[*i].id),
        Job::People(_) => "people/".into(),
        Job::Person(_, i) => format!("people/{}/", r.people[*i].id),
        Job::Statistics(_) => "statistics/".into(),
    }
}

/// Menu entries (title, URL, active) after the sections: meetings, bodies, statistics.
pub fn menu_items(site: &Site, lang: &str, current: &str) -> Vec<(String, String, bool)> {
    let r = &site.results;
    let mut out = Vec::new();
    for (root, key, present) in [
        ("meetings", "results_menu_meetings", !r.meetings.is_empty()),
        ("bodies", "results_menu_bodies", !r.bodies.is_empty()),
        (
            "statistics",
            "results_menu_statistics",
            r.statistics.is_some(),
        ),
    ] {
        if present {
            let url = site.config.url(lang, &format!("{root}/"));
            let active = current.starts_with(url.as_str())
                || (root == "bodies"
                    && current.starts_with(site.config.url(lang, "people/").as_str()));
            out.push((ui(site, lang, key), url, active));
        }
    }
    out
}

/// Absolute URLs of every results page with their language alternates, for the sitemap.
pub fn sitemap_urls(site: &Site) -> Vec<(String, Vec<(String, String)>)> {
    let config = &site.config;
    let default = config.default_lang().to_string();
    jobs(site)
        .into_iter()
        .filter(|j| lang_of(j) == default)
        .flat_map(|j| {
            let path = path_of(&site.results, &j);
            let alts: Vec<(String, String)> = config
                .languages
                .iter()
                .map(|l| (l.code.clone(), config.absolute(&config.url(&l.code, &path))))
                .collect();
            alts.clone()
                .into_iter()
                .map(move |(_, u)| (u, alts.clone()))
        })
        .collect()
}

fn lang_of(job: &Job) -> &str {
    match job {
        Job::Meetings(l)
        | Job::Meeting(l, _)
        | Job::Bodies(l)
        | Job::Body(l, _)
        | Job::People(l)
        | Job::Person(l, _)
        | Job::Statistics(l) => l,
    }
}

/// A UI string of the theme in `lang`.
fn ui(site: &Site, lang: &str, key: &str) -> String {
    site.theme
        .strings
        .get(lang)
        .and_then(|m| m.get(key))
        .cloned()
        .unwrap_or_else(|| key.to_string())
}

/// A UI string with `{name}` placeholders filled.
fn fill(site: &Site, lang: &str, key: &str, args: &[(&str, String)]) -> String {
    let mut s = ui(site, lang, key);
    for (k, v) in args {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

/// Text with the language it is really in.
fn text(site: &Site, l: &Localized, lang: &str) -> Value {
    let (t, tl) = l.get(lang, site.default_lang());
    json!({"text": t, "lang": tl})
}

fn url(site: &Site, lang: &str, path: &str) -> String {
    site.config.url(lang, path)
}

/// The marker after a name: （女）, （回族）, （女，回族）; Han is never marked.
pub fn marker(site: &Site, p: &Person, lang: &str) -> String {
    let mut items = Vec::new();
    if p.data.sex == Sex::Female {
        items.push(ui(site, lang, "results_female"));
    }
    if p.minority() {
        let (zh, en) = ETHNIC_GROUPS[p.ethnicity];
        items.push(if is_chinese(lang) {
            zh.to_string()
        } else {
            en.to_string()
        });
    }
    if items.is_empty() {
        return String::new();
    }
    fill(
        site,
        lang,
        "results_marker",
        &[("items", items.join(&ui(site, lang, "results_marker_sep")))],
    )
}

/// A person as linked from any page: the name in the page's script, the other script beside it.
fn person_ref(site: &Site, pi: usize, lang: &str) -> Value {
    let p = &site.results.people[pi];
    let zh_lang = site.default_lang();
    let (name, name_lang, alt, alt_lang) = if is_chinese(lang) {
        (
            p.data.name.clone(),
            zh_lang.to_string(),
            String::new(),
            String::new(),
        )
    } else {
        (
            p.name_en.clone(),
            lang.to_string(),
            p.data.name.clone(),
            zh_lang.to_string(),
        )
    };
    json!({
        "id": p.id,
        "url": url(site, lang, &format!("people/{}/", p.id)),
        "name": name,
        "lang": name_lang,
        "alt": alt,
        "alt_lang": alt_lang,
        "marker": marker(site, p, lang),
    })
}

fn term_label(site: &Site, lang: &str, term: u32) -> String {
    let t = u64::from(term);
    fill(
        site,
        lang,
        "results_term",
        &[
            ("zh", zh_numeral(t)),
            ("n", t.to_string()),
            ("ordinal", en_ordinal(t)),
        ],
    )
}

fn meeting_ref(site: &Site, mi: usize, lang: &str) -> Value {
    let m = &site.results.meetings[mi];
    json!({
        "id": m.id,
        "url": url(site, lang, &format!("meetings/{}/", m.id)),
        "name": text(site, &m.name, lang),
        "dates": dates::format_date_range(m.start, m.end, lang),
        "start": m.start.to_string(),
        "end": m.end.to_string(),
        "place": text(site, &m.place, lang),
    })
}

fn body_ref(site: &Site, bi: usize, lang: &str) -> Value {
    let b = &site.results.bodies[bi];
    json!({
        "id": b.id,
        "url": url(site, lang, &format!("bodies/{}/", b.id)),
        "name": text(site, &b.data.name, lang),
        "short_name": text(site, b.short_name(), lang),
        "place": text(site, &b.place, lang),
        "term": b.current_term().map(|t| term_label(site, lang, t)).unwrap_or_default(),
    })
}

/// News pages naming a meeting, body or person, newest first.
fn news(site: &Site, kind: RefKind, i: usize, lang: &str) -> Vec<Value> {
    let Some(keys) = site.results.news.get(&(kind, i)) else {
        return Vec::new();
    };
    let mut items: Vec<(&crate::site::Entry, &crate::content::Page)> = keys
        .iter()
        .filter_map(|k| site.entry(k, lang))
        .map(|e| (e, &site.pages[e.doc]))
        .collect();
    items.sort_by(|a, b| b.1.date.cmp(&a.1.date).then(a.0.key.cmp(&b.0.key)));
    items
        .into_iter()
        .map(|(e, p)| {
            json!({
                "title": p.title(),
                "url": e.url,
                "lang": p.lang,
                "date": p.date.map(|d| d.date().to_string()).unwrap_or_default(),
                "date_display": p.date.map(|d| dates::format_date(d.date(), lang)).unwrap_or_default(),
            })
        })
        .collect()
}

/// The `results_links` of an article: the meetings, bodies and people its front matter names.
pub fn article_links(site: &Site, key: &str, lang: &str) -> Value {
    let mut meetings = Vec::new();
    let mut bodies = Vec::new();
    let mut people = Vec::new();
    for &(kind, i) in site
        .results
        .page_refs
        .get(key)
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        match kind {
            RefKind::Meeting => meetings.push(meeting_ref(site, i, lang)),
            RefKind::Body => bodies.push(body_ref(site, i, lang)),
            RefKind::Person => people.push(person_ref(site, i, lang)),
        }
    }
    json!({"meetings": meetings, "bodies": bodies, "people": people, "any": !(meetings.is_empty() && bodies.is_empty() && people.is_empty())})
}

/// Renders one results page.
pub(crate) fn render_job(sh: &Shared, job: &Job) -> Result<(String, Vec<u8>)> {
    let site = sh.site;
    let config = &site.config;
    let lang = lang_of(job);
    let path = path_of(&site.results, job);
    let page_url = config.url(lang, &path);
    let alternates = sh.alternates(lang, |l| Some(config.url(l, &path)));
    let (kind, template) = match job {
        Job::Meetings(_) => ("meetings", "results/meetings.html"),
        Job::Meeting(..) => ("meeting", "results/meeting.html"),
        Job::Bodies(_) => ("bodies", "results/bodies.html"),
        Job::Body(..) => ("body", "results/body.html"),
        Job::People(_) => ("people", "results/people.html"),
        Job::Person(..) => ("person", "results/person.html"),
        Job::Statistics(_) => ("statistics", "results/statistics.html"),
    };
    let mut c = sh.base_context(lang, kind, &page_url, alternates);
    let index_url = |root: &str| config.url(lang, &format!("{root}/"));
    c.insert("meetings_url", &index_url(URL_ROOTS[0]));
    c.insert("bodies_url", &index_url(URL_ROOTS[1]));
    c.insert("people_url", &index_url(URL_ROOTS[2]));
    c.insert("statistics_url", &index_url(URL_ROOTS[3]));
    match job {
        Job::Meetings(_) => c.insert("groups", &meetings_index(site, lang)),
        Job::Meeting(_, i) => c.insert("meeting", &meeting_page(site, *i, lang)),
        Job::Bodies(_) => c.insert("levels", &bodies_index(site, lang)),
        Job::Body(_, i) => c.insert("body", &body_page(site, *i, lang)),
        Job::People(_) => c.insert("people", &people_index(site, lang)),
        Job::Person(_, i) => c.insert("person", &person_page(site, *i, lang)),
        Job::Statistics(_) => c.insert("statistics", &statistics_page(site, lang)),
    }
    let pending = pending_levels(site, job);
    if !pending.is_empty() {
        c.insert("review_pending", &pending);
    }
    let bytes = sh.render(template, &c)?;
    Ok((
        format!("{}index.html", page_url.trim_start_matches('/')),
        bytes,
    ))
}

/// Review levels still missing for what a page shows (only under `--drafts`, when meetings not
/// fully signed off stay in the model): a meeting's own; for a body, a person or the statistics,
/// those of every meeting whose results they show. In the order of site.yaml.
fn pending_levels(site: &Site, job: &Job) -> Vec<String> {
    let r = &site.results;
    if r.meetings.iter().all(|m| m.pending.is_empty()) {
        return Vec::new();
    }
    let of_bodies = |bodies: &[usize]| -> Vec<usize> {
        bodies
            .iter()
            .flat_map(|&b| r.bodies[b].terms.values().flatten())
            .map(|m| m.meeting)
            .collect()
    };
    let meetings: Vec<usize> = match job {
        Job::Meeting(_, i) => vec![*i],
        Job::Body(_, i) => of_bodies(&[*i]),
        Job::Person(_, i) => r.candidacies_of(*i).into_iter().map(|c| c.0).collect(),
        Job::Statistics(_) => r
            .statistics
            .iter()
            .flat_map(|s| &s.groups)
            .flat_map(|g| of_bodies(&g.bodies))
            .collect(),
        Job::Meetings(_) | Job::Bodies(_) | Job::People(_) => Vec::new(),
    };
    site.config
        .review
        .levels
        .iter()
        .filter(|lv| meetings.iter().any(|&m| r.meetings[m].pending.contains(lv)))
        .cloned()
        .collect()
}

fn level_label(site: &Site, lang: &str, level: Level) -> String {
    ui(
        site,
        lang,
        if level == Level::County {
            "results_level_county"
        } else {
            "results_level_township"
        },
    )
}

/// County meetings as a timeline (plenums under the congress they follow), then each township.
fn meetings_index(site: &Site, lang: &str) -> Vec<Value> {
    let r = &site.results;
    let default = site.default_lang();
    let with_children = |mi: usize| {
        let mut v = meeting_ref(site, mi, lang);
        v["followers"] = Value::Array(
            r.meetings[mi]
                .followed_by
                .iter()
                .map(|&f| meeting_ref(site, f, lang))
                .collect(),
        );
        v
    };
    let tops = |level: Level| {
        r.meetings
            .iter()
            .enumerate()
            .filter(move |(_, m)| m.data.level == level && m.follows.is_none())
            .map(|(i, _)| i)
    };
    let mut groups = Vec::new();
    let county: Vec<Value> = tops(Level::County).map(with_children).collect();
    if !county.is_empty() {
        groups.push(json!({"title": level_label(site, lang, Level::County), "places": [{"name": Value::Null, "meetings": county}]}));
    }
    // Townships: one block per place, in order of their first meeting, then name.
    let mut places: Vec<(jiff::civil::Date, String, Vec<usize>)> = Vec::new();
    for mi in tops(Level::Township) {
        let m = &r.meetings[mi];
        let key = m.place.text(default, default).to_string();
        match places.iter_mut().find(|p| p.1 == key) {
            Some(p) => p.2.push(mi),
            None => places.push((m.start, key, vec![mi])),
        }
    }
    places.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| super::strokes::compare_names(&a.1, &b.1, Collation::FullName))
    });
    if !places.is_empty() {
        let blocks: Vec<Value> = places.iter().map(|(_, _, ms)| json!({"name": text(site, &r.meetings[ms[0]].place, lang), "meetings": ms.iter().map(|&mi| with_children(mi)).collect::<Vec<_>>()})).collect();
        groups.push(json!({"title": level_label(site, lang, Level::Township), "places": blocks}));
    }
    groups
}

fn meeting_page(site: &Site, mi: usize, lang: &str) -> Value {
    let r = &site.results;
    let m = &r.meetings[mi];
    let d = &m.data;
    let attendance = fill(
        site,
        lang,
        if d.kind.has_delegates() {
            "results_attendance_delegates"
        } else {
            "results_attendance_members"
        },
        &[
            ("entitled", d.entitled.to_string()),
            ("present", d.present.to_string()),
            ("quorum", ui(site, lang, "results_quorum_met")),
        ],
    );
    let elections: Vec<Value> = m
        .elections
        .iter()
        .map(|e| election_ctx(site, mi, e, lang))
        .collect();
    let narrative = m
        .narrative
        .get(lang)
        .map(|n| (n, lang))
        .or_else(|| {
            m.narrative
                .get(site.default_lang())
                .map(|n| (n, site.default_lang()))
        })
        .or_else(|| m.narrative.iter().next().map(|(l, n)| (n, l.as_str())));
    let mut v = meeting_ref(site, mi, lang);
    v["kind"] = json!(d.kind.as_str());
    v["level"] = json!(level_label(site, lang, d.level));
    v["venue"] = d
        .venue
        .as_ref()
        .map(|x| text(site, x, lang))
        .unwrap_or(Value::Null);
    v["attendance"] = json!(attendance);
    v["agenda"] = Value::Array(d.agenda.iter().map(|a| text(site, a, lang)).collect());
    v["elections"] = Value::Array(elections);
    v["narrative"] = match narrative {
        Some((n, l)) => json!({"title": n.title, "html": n.html, "lang": l}),
        None => Value::Null,
    };
    v["body"] = m
        .body
        .map(|b| body_ref(site, b, lang))
        .unwrap_or(Value::Null);
    v["follows"] = m
        .follows
        .map(|f| meeting_ref(site, f, lang))
        .unwrap_or(Value::Null);
    v["followers"] = Value::Array(
        m.followed_by
            .iter()
            .map(|&f| meeting_ref(site, f, lang))
            .collect(),
    );
    v["news"] = Value::Array(news(site, RefKind::Meeting, mi, lang));
    v
}

fn order_note(site: &Site, lang: &str, order: PostOrder, collation: Collation) -> String {
    match (order, collation) {
        (PostOrder::Rank, _) => String::new(),
        (PostOrder::Strokes, Collation::Surname) => ui(site, lang, "results_order_surname"),
        (PostOrder::Strokes, Collation::FullName) => ui(site, lang, "results_order_full_name"),
        (PostOrder::Votes, _) => ui(site, lang, "results_order_votes"),
    }
}

fn election_ctx(site: &Site, mi: usize, e: &Election, lang: &str) -> Value {
    let r = &site.results;
    let m = &r.meetings[mi];
    let b = &r.bodies[e.body];
    let post = &b.posts[e.post];
    let title = match &e.data.title {
        Some(t) => text(site, t, lang),
        None => {
            let (bn, bl) = b.short_name().get(lang, site.default_lang());
            let (pn, pl) = post.name.get(lang, site.default_lang());
            let lang_of_title = if bl == lang && pl == lang {
                lang
            } else {
                site.default_lang()
            };
            json!({"text": fill(site, lang, "results_election_title", &[("body", bn.to_string()), ("post", pn.to_string())]), "lang": lang_of_title})
        }
    };
    let bl = e.data.ballots;
    let void = e.data.void;
    let ballot_line = fill(
        site,
        lang,
        "results_ballot_line",
        &[
            ("issued", bl.issued.to_string()),
            ("returned", bl.returned.to_string()),
            ("valid", bl.valid.to_string()),
            ("invalid", bl.invalid.to_string()),
            (
                "validity",
                ui(
                    site,
                    lang,
                    if void {
                        "results_election_void"
                    } else {
                        "results_election_valid"
                    },
                ),
            ),
        ],
    );
    let majority_line = fill(
        site,
        lang,
        if e.base_kind == MajorityBase::Entitled {
            "results_majority_entitled"
        } else {
            "results_majority_present"
        },
        &[
            ("base", e.base.to_string()),
            ("needed", e.needed.to_string()),
        ],
    );
    let seats_line = fill(
        site,
        lang,
        "results_seats_line",
        &[
            ("seats", e.data.seats.to_string()),
            ("candidates", e.candidates.len().to_string()),
            (
                "mode",
                ui(
                    site,
                    lang,
                    if e.contested {
                        "results_contested"
                    } else {
                        "results_uncontested"
                    },
                ),
            ),
        ],
    );
    // Elected in the official order of their post; the others by votes.
    let key = |c: &Candidate| super::strokes::name_key(r.people[c.person].sort_name(), b.collation);
    let mut elected: Vec<&Candidate> = e.candidates.iter().filter(|c| c.elected).collect();
    elected.sort_by_cached_key(|c| {
        let order = b.posts[c.post].order;
        let k = match order {
            PostOrder::Rank => (0, 0, None),
            PostOrder::Strokes => (0, 0, Some(key(c))),
            PostOrder::Votes => (0, u32::MAX - c.votes, Some(key(c))),
        };
        (c.post, k)
    });
    let mut others: Vec<&Candidate> = e.candidates.iter().filter(|c| !c.elected).collect();
    others.sort_by_cached_key(|c| (std::cmp::Reverse(c.votes), key(c)));
    let mixed_posts = e.candidates.iter().any(|c| c.post != e.post);
    let row = |c: &Candidate| {
        json!({
            "person": person_ref(site, c.person, lang),
            "post": text(site, &b.posts[c.post].name, lang),
            "votes": c.votes,
            "against": c.against.map(|x| x.to_string()).unwrap_or_default(),
            "abstain": c.abstain.map(|x| x.to_string()).unwrap_or_default(),
            "elected": c.elected,
            "result": if c.elected { ui(site, lang, "results_elected") } else { ui(site, lang, "results_not_elected") },
        })
    };
    let order = order_note(site, lang, post.order, b.collation);
    json!({
        "title": title,
        "body": body_ref(site, e.body, lang),
        "post": text(site, &post.name, lang),
        "term": term_label(site, lang, e.term),
        "date": dates::format_date(e.date, lang),
        "round": e.round,
        "rerun": e.round > 1,
        "rerun_label": fill(site, lang, "results_round", &[("n", e.round.to_string())]),
        "void": void,
        "contested": e.contested,
        "seats_line": seats_line,
        "ballot_line": ballot_line,
        "majority_line": majority_line,
        "elected": elected.iter().map(|c| person_ref(site, c.person, lang)).collect::<Vec<_>>(),
        "elected_order": order,
        "rows": elected.iter().chain(others.iter()).map(|c| row(c)).collect::<Vec<_>>(),
        "has_against": e.candidates.iter().any(|c| c.against.is_some()),
        "has_abstain": e.candidates.iter().any(|c| c.abstain.is_some()),
        "show_post": mixed_posts,
        "meeting": json!({"url": url(site, lang, &format!("meetings/{}/", m.id))}),
    })
}

/// Bodies by level, then place.
fn bodies_index(site: &Site, lang: &str) -> Vec<Value> {
    let r = &site.results;
    let default = site.default_lang();
    let mut out = Vec::new();
    for level in [Level::County, Level::Township] {
        let mut places: Vec<(String, Vec<usize>)> = Vec::new();
        for (bi, b) in r
            .bodies
            .iter()
            .enumerate()
            .filter(|(_, b)| b.data.level == level)
        {
            let key = b.place.text(default, default).to_string();
            match places.iter_mut().find(|p| p.0 == key) {
                Some(p) => p.1.push(bi),
                None => places.push((key, vec![bi])),
            }
        }
        if places.is_empty() {
            continue;
        }
        places.sort_by(|a, b| super::strokes::compare_names(&a.0, &b.0, Collation::FullName));
        let blocks: Vec<Value> = places
            .iter_mut()
            .map(|(_, list)| {
                list.sort_by_key(|&bi| (r.bodies[bi].data.weight.unwrap_or(i64::MAX), bi));
                let bodies: Vec<Value> = list
                    .iter()
                    .map(|&bi| {
                        let mut v = body_ref(site, bi, lang);
                        let b = &r.bodies[bi];
                        let roster = b.current_term().map(|t| r.roster(bi, t)).unwrap_or_default();
                        // The leader: the holder(s) of the highest post listed by rank.
                        v["leaders"] = match roster.first().filter(|g| b.posts[g.post].order == PostOrder::Rank) {
                            Some(g) => json!({"post": text(site, &b.posts[g.post].name, lang), "people": g.members.iter().map(|m| person_ref(site, m.person, lang)).collect::<Vec<_>>()}),
                            None => Value::Null,
                        };
                        v["count"] = json!(roster.iter().map(|g| g.members.len()).sum::<usize>());
                        v
                    })
                    .collect();
                json!({"name": text(site, &r.bodies[list[0]].place, lang), "bodies": bodies})
            })
            .collect();
        out.push(json!({"title": level_label(site, lang, level), "places": blocks}));
    }
    out
}

fn term_ctx(site: &Site, bi: usize, term: u32, lang: &str) -> Value {
    let r = &site.results;
    let b = &r.bodies[bi];
    let roster = r.roster(bi, term);
    let mut meetings: Vec<usize> = b
        .terms
        .get(&term)
        .map(|l| l.iter().map(|m| m.meeting).collect())
        .unwrap_or_default();
    meetings.sort();
    meetings.dedup();
    let total: usize = roster.iter().map(|g| g.members.len()).sum();
    json!({
        "term": term,
        "label": term_label(site, lang, term),
        "elected_by": meetings.iter().map(|&mi| meeting_ref(site, mi, lang)).collect::<Vec<_>>(),
        "count": fill(site, lang, "results_count_people", &[("n", total.to_string())]),
        "total": total,
        "groups": roster.iter().map(|g| {
            let post = &b.posts[g.post];
            json!({
                "post": text(site, &post.name, lang),
                "post_id": post.id,
                "order": order_note(site, lang, post.order, b.collation),
                "count": g.members.len(),
                "members": g.members.iter().map(|m| {
                    let mut p = person_ref(site, m.person, lang);
                    p["votes"] = json!(m.votes);
                    p
                }).collect::<Vec<_>>(),
            })
        }).collect::<Vec<_>>(),
    })
}

fn body_page(site: &Site, bi: usize, lang: &str) -> Value {
    let r = &site.results;
    let b = &r.bodies[bi];
    let mut v = body_ref(site, bi, lang);
    let terms: Vec<u32> = b.terms.keys().rev().copied().collect();
    v["level"] = json!(level_label(site, lang, b.data.level));
    v["current"] = terms
        .first()
        .map(|&t| term_ctx(site, bi, t, lang))
        .unwrap_or(Value::Null);
    v["earlier"] = Value::Array(
        terms
            .iter()
            .skip(1)
            .map(|&t| term_ctx(site, bi, t, lang))
            .collect(),
    );
    v["parent"] = b
        .parent
        .map(|p| body_ref(site, p, lang))
        .unwrap_or(Value::Null);
    v["children"] = Value::Array(
        b.children
            .iter()
            .map(|&c| body_ref(site, c, lang))
            .collect(),
    );
    v["news"] = Value::Array(news(site, RefKind::Body, bi, lang));
    v
}

/// Everyone, in stroke order of the full name.
fn people_index(site: &Site, lang: &str) -> Vec<Value> {
    let r = &site.results;
    let mut list: Vec<usize> = (0..r.people.len()).collect();
    list.sort_by_cached_key(|&p| {
        super::strokes::name_key(r.people[p].sort_name(), Collation::Surname)
    });
    list.iter()
        .map(|&pi| {
            let mut v = person_ref(site, pi, lang);
            v["post"] = r.people[pi]
                .data
                .post
                .as_ref()
                .map(|x| text(site, x, lang))
                .unwrap_or(Value::Null);
            v
        })
        .collect()
}

fn ym(lang: &str, v: Option<YearMonth>) -> Option<String> {
    v.map(|x| dates::format_year_month(x.year, x.month, lang))
}

fn person_page(site: &Site, pi: usize, lang: &str) -> Value {
    let r = &site.results;
    let p = &r.people[pi];
    let d = &p.data;
    let mut facts: Vec<Value> = Vec::new();
    let mut fact = |key: &str, value: Option<Value>| {
        if let Some(v) = value {
            facts.push(json!({"label": ui(site, lang, key), "value": v}));
        }
    };
    let plain = |s: String| json!({"text": s, "lang": lang});
    fact(
        "results_sex",
        Some(plain(ui(
            site,
            lang,
            if d.sex == Sex::Female {
                "results_female"
            } else {
                "results_male"
            },
        ))),
    );
    let (zh, en) = ETHNIC_GROUPS[p.ethnicity];
    fact(
        "results_ethnicity",
        Some(plain(if is_chinese(lang) {
            zh.to_string()
        } else {
            en.to_string()
        })),
    );
    fact("results_born", ym(lang, p.born).map(plain));
    fact(
        "results_native_place",
        d.native_place.as_ref().map(|x| text(site, x, lang)),
    );
    fact(
        "results_education",
        d.education
            .map(|e: Education| plain(ui(site, lang, e.key()))),
    );
    fact(
        "results_party",
        d.party.as_ref().map(|x| text(site, x, lang)),
    );
    fact("results_party_joined", ym(lang, p.party_joined).map(plain));
    fact("results_work_started", ym(lang, p.work_started).map(plain));
    fact(
        "results_current_post",
        d.post.as_ref().map(|x| text(site, x, lang)),
    );
    let posts: Vec<Value> = r
        .posts_of(pi)
        .into_iter()
        .map(|(bi, term, m)| {
            json!({
                "body": body_ref(site, bi, lang),
                "post": text(site, &r.bodies[bi].posts[m.post].name, lang),
                "term": term_label(site, lang, term),
                "meeting": meeting_ref(site, m.meeting, lang),
                "date": dates::format_date(m.date, lang),
            })
        })
        .collect();
    let candidacies: Vec<Value> = r
        .candidacies_of(pi)
        .into_iter()
        .map(|(mi, ei, ci)| {
            let e = &r.meetings[mi].elections[ei];
            let c = &e.candidates[ci];
            let b = &r.bodies[e.body];
            json!({
                "meeting": meeting_ref(site, mi, lang),
                "body": body_ref(site, e.body, lang),
                "post": text(site, &b.posts[c.post].name, lang),
                "round": e.round,
                "votes": c.votes,
                "valid": e.data.ballots.valid,
                "elected": c.elected,
                "void": e.data.void,
                "result": if e.data.void { ui(site, lang, "results_election_void") } else if c.elected { ui(site, lang, "results_elected") } else { ui(site, lang, "results_not_elected") },
            })
        })
        .collect();
    let mut v = person_ref(site, pi, lang);
    v["name_zh"] = json!(d.name);
    v["name_en"] = json!(p.name_en);
    v["facts"] = Value::Array(facts);
    v["posts"] = Value::Array(posts);
    v["candidacies"] = Value::Array(candidacies);
    v["news"] = Value::Array(news(site, RefKind::Person, pi, lang));
    v
}

fn pct(t: Option<i64>) -> String {
    t.map(|x| format!("{}%", show_tenths(x, false)))
        .unwrap_or_default()
}

fn statistics_page(site: &Site, lang: &str) -> Value {
    let r = &site.results;
    let Some(s) = &r.statistics else {
        return Value::Null;
    };
    let bands = &s.age_bands;
    // `stats::resolve` refuses empty, unordered or implausible bands; this stays total anyway.
    let band_label = |i: usize| -> String {
        let lo = i
            .checked_sub(1)
            .and_then(|j| bands.get(j))
            .map(|b| b.saturating_add(1).to_string());
        match (lo, bands.get(i)) {
            (None, Some(hi)) => fill(site, lang, "results_band_first", &[("hi", hi.to_string())]),
            (Some(lo), None) => fill(site, lang, "results_band_last", &[("lo", lo)]),
            (Some(lo), Some(hi)) => fill(
                site,
                lang,
                "results_band",
                &[("lo", lo), ("hi", hi.to_string())],
            ),
            (None, None) => String::new(),
        }
    };
    let share = |n: usize, f: &Figures| pct(super::stats::tenths(n as i64 * 100, f.count as i64));
    let groups: Vec<Value> = s
        .groups
        .iter()
        .map(|g| {
            let f = &g.current;
            let (p_count, p_age, p_women, p_min) = g.previous.as_ref().map(|p| p.values()).unwrap_or((None, None, None, None));
            // Declared figures are shown as published (43), computed ones like this term's (43.0).
            let declared = matches!(g.previous, Some(super::stats::Previous::Declared { .. }));
            let change = |prev: Option<String>, cur: String| -> Value {
                match prev {
                    Some(p) if !cur.is_empty() => json!({"previous": p, "current": cur, "text": format!("{p} → {cur}")}),
                    _ => json!({"previous": Value::Null, "current": cur, "text": cur}),
                }
            };
            let rows = vec![
                json!({"key": "count", "label": ui(site, lang, "results_stat_count"), "value": change(p_count.map(|c| c.to_string()), f.count.to_string())}),
                json!({"key": "average_age", "label": ui(site, lang, "results_stat_average_age"), "value": change(p_age.map(|a| show_tenths(a, declared)), f.average_age.map(|a| show_tenths(a, false)).unwrap_or_default())}),
                json!({"key": "women", "label": ui(site, lang, "results_stat_women"), "value": change(p_women.map(|a| format!("{}%", show_tenths(a, declared))), pct(f.women_share))}),
                json!({"key": "minorities", "label": ui(site, lang, "results_stat_minorities"), "value": change(p_min.map(|a| format!("{}%", show_tenths(a, declared))), pct(f.minorities_share))}),
            ];
            let education: Vec<Value> = f
                .education
                .iter()
                .filter(|(_, n)| *n > 0)
                .map(|(e, n)| json!({"label": e.map(|e| ui(site, lang, e.key())).unwrap_or_else(|| ui(site, lang, "results_unknown")), "count": n, "share": share(*n, f), "width": (n * 100).checked_div(f.count).unwrap_or(0)}))
                .collect();
            let age_bands: Vec<Value> = f.bands.iter().enumerate().map(|(i, n)| json!({"label": band_label(i), "count": n, "share": share(*n, f), "width": (n * 100).checked_div(f.count).unwrap_or(0)})).collect();
            json!({
                "id": g.id,
                "name": text(site, &g.name, lang),
                "note": g.note.as_ref().map(|n| text(site, n, lang)),
                "previous_declared": declared,
                "has_previous": g.previous.is_some(),
                "rows": rows,
                "education": education,
                "age_bands": age_bands,
                "no_age_note": if f.no_age > 0 { fill(site, lang, "results_stat_no_age", &[("n", f.no_age.to_string())]) } else { String::new() },
                "bodies": g.bodies.iter().map(|&b| body_ref(site, b, lang)).collect::<Vec<_>>(),
                "people": f.people.iter().map(|&p| person_ref(site, p, lang)).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({"groups": groups})
}
