//! Reading the results data and enforcing its rules (DOMAIN §1–3). Every finding points at the
//! value to fix, with `crate::yaml::locate`.

use super::model::*;
use super::names::{self, Committee, KNOWN_POSTS};
use super::settings::{MajorityBase, MeetingKind};
use super::stats::{self, StatisticsData};
use super::strokes;
use super::{Results, URL_ROOTS};
use crate::error::{Diagnostic, Errors, Result};
use crate::i18n::{self, Localized, romanize};
use crate::review::{self, SignOff, Verdict};
use crate::site::Site;
use crate::yaml::{Seg, locate};
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// A file the user wrote, kept while loading to point into it.
pub(crate) struct Src {
    pub shown: PathBuf,
    pub text: String,
}

impl Src {
    fn at(&self, path: &[Seg]) -> (usize, usize) {
        locate(&self.text, path, 1)
    }

    pub(crate) fn error(&self, rule: &str, path: &[Seg], msg: impl Into<String>) -> Diagnostic {
        let (l, c) = self.at(path);
        Diagnostic::error(rule, &self.shown, l, c, msg)
    }

    pub(crate) fn warning(&self, rule: &str, path: &[Seg], msg: impl Into<String>) -> Diagnostic {
        let (l, c) = self.at(path);
        Diagnostic::warning(rule, &self.shown, l, c, msg)
    }
}

/// Ids are used in URLs.
pub(crate) fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

const ID_HINT: &str = "write ids in lowercase ASCII letters, digits, `-` and `_`, e.g. `county-committee` or `ma-wenjie`; they become URLs";

/// Checks the id of a new person or body entry at `at`: well formed and not yet in `index`.
/// Reports what is wrong and returns false when the entry must be left out.
fn new_id(
    cx: &mut Ctx,
    at: &Place,
    kind: RefKind,
    id: &str,
    index: &HashMap<String, usize>,
    places: &[Place],
    duplicate_hint: &str,
) -> bool {
    use crate::yaml::Seg::Key;
    let what = match kind {
        RefKind::Person => "person",
        RefKind::Body => "body",
        RefKind::Meeting => "meeting",
    };
    if !valid_id(id) {
        cx.errors.push(
            at.error(
                "bad-id",
                &[Key("id")],
                format!("{what} id `{id}` is not a valid id"),
            )
            .with_hint(ID_HINT),
        );
        cx.failed.ids.insert((kind, id.to_string()));
        return false;
    }
    if let Some(&other) = index.get(id) {
        let first = places[other].loc(&[Key("id")]);
        cx.errors.push(
            at.error(
                "duplicate-id",
                &[Key("id")],
                format!("{what} id `{id}` is used twice; first at {first}"),
            )
            .with_hint(duplicate_hint),
        );
        return false;
    }
    true
}

/// Parses `YYYY-MM`; with `allow_day`, `YYYY-MM-DD` too (the day is dropped). Returns
/// `Err(true)` for a full date where none is allowed, `Err(false)` for anything malformed.
fn parse_year_month(s: &str, allow_day: bool) -> std::result::Result<YearMonth, bool> {
    let parts: Vec<&str> = s.trim().split('-').collect();
    let num = |p: &str, max_len: usize| {
        (!p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let (y, m) = match parts.as_slice() {
        [y, m] | [y, m, _] if y.len() == 4 => (num(y, 4).ok_or(false)?, num(m, 2).ok_or(false)?),
        _ => return Err(false),
    };
    if !(1..=12).contains(&m) || !(1900..=2999).contains(&y) {
        return Err(false);
    }
    if let [_, _, d] = parts.as_slice() {
        if crate::i18n::dates::parse_date(s).is_err() || num(d, 2).is_none() {
            return Err(false);
        }
        if !allow_day {
            return Err(true);
        }
    }
    Ok(YearMonth {
        year: y as i16,
        month: m as i8,
    })
}

/// Text in every configured language: `given` where it has the language, else `generated`.
fn overlay(
    given: Option<&Localized>,
    generated: Vec<(String, String)>,
    default_lang: &str,
) -> Localized {
    let mut m: BTreeMap<String, String> = generated.into_iter().collect();
    match given {
        Some(Localized::Plain(s)) => {
            m.insert(default_lang.to_string(), s.clone());
        }
        Some(Localized::Map(g)) => m.extend(g.iter().map(|(k, v)| (k.clone(), v.clone()))),
        None => {}
    }
    Localized::Map(m)
}

/// Languages of the site that are English, for generated English text.
fn english_langs(site: &Site) -> Vec<String> {
    site.config
        .languages
        .iter()
        .filter(|l| l.code == "en" || l.code.starts_with("en-"))
        .map(|l| l.code.clone())
        .collect()
}

/// A place name with generated English forms where none is given.
fn place_of(given: &Localized, site: &Site) -> Localized {
    let default = site.default_lang();
    let zh = given.text(default, default).to_string();
    let generated = english_langs(site)
        .into_iter()
        .map(|l| (l, names::place_en(&zh)))
        .collect();
    overlay(Some(given), generated, default)
}

/// Reads `content/<name>.yaml` and every `content/<name>/*.yaml`, each a list of `T`.
/// Sets `failed` when a file cannot be read or parsed (its errors go to `errors`).
fn read_lists<T: DeserializeOwned>(
    root: &Path,
    name: &str,
    errors: &mut Vec<Diagnostic>,
    failed: &mut bool,
) -> Vec<(Rc<Src>, usize, T)> {
    let mut files = Vec::new();
    for ext in ["yaml", "yml"] {
        let p = root.join("content").join(format!("{name}.{ext}"));
        if p.is_file() {
            files.push((p, PathBuf::from("content").join(format!("{name}.{ext}"))));
        }
    }
    let dir = root.join("content").join(name);
    if dir.is_dir() {
        let mut more: Vec<(PathBuf, PathBuf)> = walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_type().is_file()
                    && !crate::theme::is_ignored(&e.file_name().to_string_lossy())
            })
            .filter(|e| {
                e.path()
                    .extension()
                    .is_some_and(|x| x == "yaml" || x == "yml")
            })
            .map(|e| {
                let shown = Path::new("content").join(
                    e.path()
                        .strip_prefix(root.join("content"))
                        .unwrap_or(e.path()),
                );
                (e.into_path(), shown)
            })
            .collect();
        more.sort();
        files.extend(more);
    }
    let mut out = Vec::new();
    for (path, shown) in files {
        let text = match crate::content::read_text(&path, &shown) {
            Ok(t) => t,
            Err(e) => {
                errors.extend(e.0);
                *failed = true;
                continue;
            }
        };
        let list: Vec<T> = match crate::yaml::parse::<Option<Vec<T>>>(&text, &shown, 1) {
            Ok(l) => l.unwrap_or_default(),
            Err(d) => {
                errors.push(d);
                *failed = true;
                continue;
            }
        };
        let src = Rc::new(Src { shown, text });
        out.extend(
            list.into_iter()
                .enumerate()
                .map(|(i, t)| (src.clone(), i, t)),
        );
    }
    out
}

/// Where an item of a list file is.
#[derive(Clone)]
pub(crate) struct Place {
    pub src: Rc<Src>,
    pub index: usize,
}

impl Place {
    pub(crate) fn error(&self, rule: &str, rest: &[Seg], msg: impl Into<String>) -> Diagnostic {
        let mut p = vec![Seg::Index(self.index)];
        p.extend_from_slice(rest);
        self.src.error(rule, &p, msg)
    }
    pub(crate) fn warning(&self, rule: &str, rest: &[Seg], msg: impl Into<String>) -> Diagnostic {
        let mut p = vec![Seg::Index(self.index)];
        p.extend_from_slice(rest);
        self.src.warning(rule, &p, msg)
    }
    fn loc(&self, rest: &[Seg]) -> String {
        let mut p = vec![Seg::Index(self.index)];
        p.extend_from_slice(rest);
        let (l, c) = self.src.at(&p);
        format!("{}:{l}:{c}", self.src.shown.display())
    }
}

/// Everything found while loading.
struct Ctx<'a> {
    site: &'a Site,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// The build date, for the sign-off check (never in the output).
    today: jiff::civil::Date,
    /// What failed to load, already reported.
    failed: Failed,
}

/// Data that failed to load (its errors are reported), so that a reference to an id it would
/// have defined is not reported again as an unknown id: the user sees the cause, not the echoes.
#[derive(Default)]
struct Failed {
    /// Kinds with a file that could not be read or parsed: any of their ids may be missing.
    kinds: HashSet<RefKind>,
    /// Entries left out for an error of their own, by id.
    ids: HashSet<(RefKind, String)>,
}

impl Failed {
    /// True when `id` may be unknown only because its data failed to load.
    fn explains(&self, kind: RefKind, id: &str) -> bool {
        self.kinds.contains(&kind) || self.ids.contains(&(kind, id.to_string()))
    }
}

impl Ctx<'_> {
    /// Reports an unknown id unless it merely follows from data that failed to load.
    fn unknown_ref(&mut self, kind: RefKind, id: &str, d: Diagnostic) {
        if !self.failed.explains(kind, id) {
            self.errors.push(d);
        }
    }
}

/// Loads and checks the results data of a site whose pages are already routed.
pub fn load(site: &Site) -> Result<(Results, Vec<Diagnostic>)> {
    let root = &site.root;
    let mut cx = Ctx {
        site,
        errors: Vec::new(),
        warnings: Vec::new(),
        today: review::build_date(),
        failed: Failed::default(),
    };
    let mut r = Results::default();

    let (mut people_failed, mut bodies_failed) = (false, false);
    let people_raw = read_lists::<PersonData>(root, "people", &mut cx.errors, &mut people_failed);
    let bodies_raw = read_lists::<BodyData>(root, "bodies", &mut cx.errors, &mut bodies_failed);
    if people_failed {
        cx.failed.kinds.insert(RefKind::Person);
    }
    if bodies_failed {
        cx.failed.kinds.insert(RefKind::Body);
    }
    let mut person_places = Vec::new();
    load_people(&mut cx, &mut r, people_raw, &mut person_places);
    let mut body_places = Vec::new();
    load_bodies(&mut cx, &mut r, bodies_raw, &mut body_places);
    let meeting_srcs = load_meetings(&mut cx, &mut r);
    check_elections(&mut cx, &mut r, &meeting_srcs);
    if !site.drafts {
        hold_back(&mut cx, &mut r, &meeting_srcs, &mut person_places);
    }
    check_news_refs(&mut cx, &mut r);
    r.statistics = load_statistics(&mut cx, &r, &person_places);
    check_urls(&mut cx, &r);
    if !cx.errors.is_empty() {
        let mut e = cx.errors;
        e.sort_by(|a, b| {
            (&a.file, a.line, a.column, &a.message).cmp(&(&b.file, b.line, b.column, &b.message))
        });
        e.dedup();
        return Err(Errors(e));
    }
    cx.warnings
        .sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    Ok((r, cx.warnings))
}

fn load_people(
    cx: &mut Ctx,
    r: &mut Results,
    raw: Vec<(Rc<Src>, usize, PersonData)>,
    places: &mut Vec<Place>,
) {
    use Seg::Key;
    for (src, index, d) in raw {
        let at = Place { src, index };
        if !new_id(
            cx,
            &at,
            RefKind::Person,
            &d.id,
            &r.person_index,
            places,
            "give each person one entry and one id; two people with the same name need different ids, e.g. `wang-wei-2`",
        ) {
            continue;
        }
        let name = d.name.trim();
        if name.is_empty() {
            cx.errors.push(
                at.error(
                    "missing-name",
                    &[Key("name")],
                    format!("person `{}` has an empty `name`", d.id),
                )
                .with_hint("write the name in Chinese characters"),
            );
            cx.failed.ids.insert((RefKind::Person, d.id));
            continue;
        }
        if name.chars().any(char::is_whitespace) {
            cx.errors.push(
                at.error("name-padding", &[Key("name")], format!("the name `{}` contains a space", d.name))
                    .with_hint("write names without padding (刘英, not 刘　英): the theme pads two-character names in columns itself"),
            );
        }
        let ethnicity = match &d.ethnicity {
            None => 0,
            Some(e) => {
                match names::ethnic_group(e) {
                    Some(i) => i,
                    None => {
                        cx.errors.push(
                        at.error("unknown-ethnicity", &[Key("ethnicity")], format!("`{e}` is not one of the 56 ethnic groups"))
                            .with_hint("write the group's name as registered, e.g. 汉族, 回族, 满族, 东乡族"),
                    );
                        0
                    }
                }
            }
        };
        let born = match &d.born {
            None => None,
            Some(s) => match parse_year_month(s, false) {
                Ok(ym) => Some(ym),
                Err(true) => {
                    cx.errors.push(
                        at.error("personal-data", &[Key("born")], format!("`born: {s}` is a full date of birth: personal data that may not be published"))
                            .with_hint("write only the year and month, e.g. `born: 1978-03`; keep a full date for checks under `private: {birth_date: …}`, which is never published"),
                    );
                    None
                }
                Err(false) => {
                    cx.errors.push(
                        at.error(
                            "date",
                            &[Key("born")],
                            format!("`born: {s}` is not a year and month"),
                        )
                        .with_hint("write `YYYY-MM`, e.g. `born: 1978-03`"),
                    );
                    None
                }
            },
        };
        let mut ym = |key: &'static str, v: &Option<String>| -> Option<YearMonth> {
            let s = v.as_ref()?;
            match parse_year_month(s, true) {
                Ok(x) => Some(x),
                Err(_) => {
                    cx.errors.push(
                        at.error(
                            "date",
                            &[Key(key)],
                            format!("`{key}: {s}` is not a year and month"),
                        )
                        .with_hint("write `YYYY-MM`, e.g. `2001-06`"),
                    );
                    None
                }
            }
        };
        let party_joined = ym("party_joined", &d.party_joined);
        let work_started = ym("work_started", &d.work_started);
        check_private(cx, &at, &d, born);
        let missing = strokes::missing_chars(d.sort_as.as_deref().unwrap_or(&d.name));
        if !missing.is_empty() {
            let key = if d.sort_as.is_some() {
                "sort_as"
            } else {
                "name"
            };
            cx.warnings.push(
                at.warning("stroke-data", &[Key(key)], format!("no stroke-order data for {}: `{}` is placed by code point", missing.iter().map(|c| format!("「{c}」")).collect::<String>(), d.name))
                    .with_hint("add `sort_as:` with a character of the same strokes, or check the character (a traditional or variant form?)"),
            );
        }
        let name_en = d
            .name_en
            .clone()
            .unwrap_or_else(|| romanize::person_name_en(&d.name));
        r.person_index.insert(d.id.clone(), r.people.len());
        places.push(at);
        r.people.push(Person {
            id: d.id.clone(),
            data: d,
            name_en,
            ethnicity,
            born,
            party_joined,
            work_started,
        });
    }
}

/// Checks the private fields against what is published, without echoing them.
fn check_private(cx: &mut Ctx, at: &Place, d: &PersonData, born: Option<YearMonth>) {
    use Seg::Key;
    let text = |k: &str| match d.private.get(k) {
        Some(serde_yaml::Value::String(s)) => Some(s.trim().to_string()),
        Some(serde_yaml::Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let mut full = None;
    if let Some(bd) = text("birth_date") {
        match i18n::dates::parse_date(&bd) {
            Ok(date) => full = Some(date),
            Err(_) => cx.errors.push(
                at.error(
                    "private",
                    &[Key("private"), Key("birth_date")],
                    "`private.birth_date` is not a date",
                )
                .with_hint("write YYYY-MM-DD"),
            ),
        }
    }
    if let Some(idn) = text("id_number") {
        let chars: Vec<char> = idn.chars().collect();
        let ok = chars.len() == 18
            && chars[..17].iter().all(|c| c.is_ascii_digit())
            && (chars[17].is_ascii_digit() || chars[17] == 'X' || chars[17] == 'x');
        if !ok {
            cx.errors.push(
                at.error(
                    "private",
                    &[Key("private"), Key("id_number")],
                    "`private.id_number` is not an 18-character ID number",
                )
                .with_hint("check the number; it is used only for checks and never published"),
            );
        } else {
            let digits: String = chars[6..14].iter().collect();
            let from_id = i18n::dates::parse_date(&format!(
                "{}-{}-{}",
                &digits[..4],
                &digits[4..6],
                &digits[6..]
            ))
            .ok();
            match (from_id, full) {
                (None, _) => cx.errors.push(at.error("private", &[Key("private"), Key("id_number")], "the date of birth inside `private.id_number` is not a date").with_hint("check the number")),
                (Some(a), Some(b)) if a != b => cx.errors.push(
                    at.error("private-mismatch", &[Key("private"), Key("id_number")], "the date of birth in `private.id_number` differs from `private.birth_date`").with_hint("one of the two is mistyped"),
                ),
                (Some(a), _) => full = Some(a),
            }
            let odd = chars[16].to_digit(10).is_some_and(|n| n % 2 == 1);
            if odd != (d.sex == Sex::Male) {
                cx.errors.push(
                    at.error(
                        "private-mismatch",
                        &[Key("sex")],
                        "`sex` differs from the sex digit of `private.id_number`",
                    )
                    .with_hint(
                        "the 17th digit is odd for men and even for women; one of the two is wrong",
                    ),
                );
            }
        }
    }
    if let (Some(f), Some(b)) = (full, born)
        && (f.year() != b.year || f.month() != b.month)
    {
        cx.errors.push(
            at.error(
                "private-mismatch",
                &[Key("born")],
                format!(
                    "`born: {}` differs from the year and month of the private date of birth",
                    b.iso()
                ),
            )
            .with_hint("published and private data must agree; correct the one that is wrong"),
        );
    }
}

fn load_bodies(
    cx: &mut Ctx,
    r: &mut Results,
    raw: Vec<(Rc<Src>, usize, BodyData)>,
    places: &mut Vec<Place>,
) {
    use Seg::{Index, Key};
    let default = cx.site.default_lang().to_string();
    for (src, index, d) in raw {
        let at = Place { src, index };
        if !new_id(
            cx,
            &at,
            RefKind::Body,
            &d.id,
            &r.body_index,
            places,
            "give each body one entry",
        ) {
            continue;
        }
        if d.posts.is_empty() {
            cx.errors.push(
                at.error(
                    "no-posts",
                    &[Key("posts")],
                    format!("body `{}` has no posts", d.id),
                )
                .with_hint(
                    "list its posts, highest rank first: `posts: [{id: secretary}, {id: member}]`",
                ),
            );
        }
        let mut posts: Vec<Post> = Vec::new();
        for (pi, p) in d.posts.iter().enumerate() {
            let path = [Key("posts"), Index(pi), Key("id")];
            if !valid_id(&p.id) {
                cx.errors.push(
                    at.error(
                        "bad-id",
                        &path,
                        format!("post id `{}` is not a valid id", p.id),
                    )
                    .with_hint(ID_HINT),
                );
                continue;
            }
            if posts.iter().any(|q| q.id == p.id) {
                cx.errors.push(
                    at.error(
                        "duplicate-id",
                        &path,
                        format!("post `{}` is listed twice in body `{}`", p.id, d.id),
                    )
                    .with_hint("list each post once"),
                );
                continue;
            }
            let name = match (&p.name, KNOWN_POSTS.iter().find(|(id, _, _)| *id == p.id)) {
                (Some(n), _) => n.clone(),
                (None, Some((_, zh, en))) => {
                    let mut m: BTreeMap<String, String> = BTreeMap::new();
                    m.insert(default.clone(), zh.to_string());
                    for l in english_langs(cx.site) {
                        m.insert(l, en.to_string());
                    }
                    Localized::Map(m)
                }
                (None, None) => {
                    cx.errors.push(
                        at.error("missing-name", &[Key("posts"), Index(pi)], format!("post `{}` needs a `name`", p.id))
                            .with_hint(format!("only the usual posts ({}) have built-in names; write e.g. `name: {{zh-Hans: 县长, en: County Head}}`", KNOWN_POSTS.iter().map(|k| k.0).collect::<Vec<_>>().join(", "))),
                    );
                    continue;
                }
            };
            let order = p.order.unwrap_or(match p.id.as_str() {
                "member" | "standing-member" => PostOrder::Strokes,
                "alternate" => PostOrder::Votes,
                _ => PostOrder::Rank,
            });
            posts.push(Post {
                id: p.id.clone(),
                name,
                order,
            });
        }
        let place = place_of(&d.place, cx.site);
        r.body_index.insert(d.id.clone(), r.bodies.len());
        places.push(at);
        r.bodies.push(Body {
            id: d.id.clone(),
            place,
            posts,
            collation: d.collation.unwrap_or(d.kind.default_collation()),
            list_once: d.list_once.unwrap_or(true),
            parent: None,
            children: Vec::new(),
            terms: BTreeMap::new(),
            data: d,
        });
    }
    for (i, place) in places.iter().enumerate() {
        let Some(pid) = r.bodies[i].data.parent.clone() else {
            continue;
        };
        match r.body_index.get(&pid) {
            Some(&p) if p == i => cx.errors.push(
                place
                    .error(
                        "bad-parent",
                        &[Key("parent")],
                        format!("body `{pid}` is its own parent"),
                    )
                    .with_hint("name the body it belongs to, or leave `parent` out"),
            ),
            Some(&p) => {
                r.bodies[i].parent = Some(p);
                r.bodies[p].children.push(i);
            }
            None => {
                let d = unknown(
                    &place.src,
                    &[Index(place.index), Key("parent")],
                    "body",
                    &pid,
                    r.body_index.keys(),
                );
                cx.unknown_ref(RefKind::Body, &pid, d);
            }
        }
    }
}

/// An `unknown-id` error with a "did you mean".
fn unknown<'k>(
    src: &Src,
    path: &[Seg],
    what: &str,
    id: &str,
    known: impl Iterator<Item = &'k String>,
) -> Diagnostic {
    let mut known: Vec<&str> = known.map(String::as_str).collect();
    known.sort();
    let hint = match crate::error::nearest(id, &known) {
        Some(k) => format!("did you mean `{k}`?"),
        None if known.is_empty() => {
            format!("no {what} is defined: add it to the {what} data first")
        }
        None if known.len() <= 12 => format!("known: {}", known.join(", ")),
        None => format!("check the id against the {what} data"),
    };
    src.error("unknown-id", path, format!("unknown {what} id `{id}`"))
        .with_hint(hint)
}

/// Front matter of a meeting's narrative file.
#[derive(serde::Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct NarrativeFront {
    #[serde(default)]
    title: Option<String>,
}

/// Reads every `content/meetings/<id>/`; returns the meeting files in the order of `r.meetings`.
fn load_meetings(cx: &mut Ctx, r: &mut Results) -> Vec<Src> {
    use Seg::Key;
    let site = cx.site;
    let dir = site.root.join("content/meetings");
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut entries: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok())
            .filter(|e| !crate::theme::is_ignored(&e.file_name().to_string_lossy()))
            .collect(),
        Err(e) => {
            cx.errors.push(Diagnostic::error(
                "io",
                "content/meetings",
                0,
                0,
                format!("cannot read: {e}"),
            ));
            return Vec::new();
        }
    };
    entries.sort_by_key(|e| e.file_name());
    let mut loaded: Vec<(Meeting, Src)> = Vec::new();
    for e in entries {
        let id = e.file_name().to_string_lossy().to_string();
        let shown_dir = PathBuf::from("content/meetings").join(&id);
        if !e.path().is_dir() {
            if id.ends_with(".md") || id.ends_with(".yaml") || id.ends_with(".yml") {
                cx.errors.push(
                    Diagnostic::error("stray-file", &shown_dir, 0, 0, "files directly under content/meetings/ are not read")
                        .with_hint("put each meeting in its own folder: content/meetings/<id>/meeting.yaml, with an optional index.md"),
                );
            }
            continue;
        }
        if !valid_id(&id) {
            cx.errors.push(
                Diagnostic::error(
                    "bad-id",
                    &shown_dir,
                    0,
                    0,
                    format!("meeting folder `{id}` is not a valid id"),
                )
                .with_hint(ID_HINT),
            );
            cx.failed.ids.insert((RefKind::Meeting, id));
            continue;
        }
        let path = e.path().join("meeting.yaml");
        let shown = shown_dir.join("meeting.yaml");
        if !path.is_file() {
            cx.errors.push(
                Diagnostic::error(
                    "missing-file",
                    &shown_dir,
                    0,
                    0,
                    "the meeting folder has no meeting.yaml",
                )
                .with_hint("add meeting.yaml (see docs/results-format.md), or remove the folder"),
            );
            cx.failed.ids.insert((RefKind::Meeting, id));
            continue;
        }
        let text = match crate::content::read_text(&path, &shown) {
            Ok(t) => t,
            Err(e) => {
                cx.errors.extend(e.0);
                cx.failed.ids.insert((RefKind::Meeting, id));
                continue;
            }
        };
        let mut data: MeetingData = match crate::yaml::parse(&text, &shown, 1) {
            Ok(d) => d,
            Err(d) => {
                cx.errors.push(d);
                cx.failed.ids.insert((RefKind::Meeting, id));
                continue;
            }
        };
        let src = Src { shown, text };
        let narrative = read_narratives(cx, &e.path(), &shown_dir);
        let date = |key: &'static str, v: &str, cx: &mut Ctx| match i18n::dates::parse_date(v) {
            Ok(d) => Some(d),
            Err(msg) => {
                cx.errors.push(
                    src.error("date", &[Key(key)], format!("invalid `{key}`: {msg}"))
                        .with_hint("write the date as YYYY-MM-DD, e.g. 2021-11-23"),
                );
                None
            }
        };
        let (Some(start), Some(end)) = (date("start", &data.start, cx), date("end", &data.end, cx))
        else {
            cx.failed.ids.insert((RefKind::Meeting, id));
            continue;
        };
        if end < start {
            cx.errors.push(
                src.error(
                    "end-before-start",
                    &[Key("end")],
                    format!("the meeting ends ({end}) before it starts ({start})"),
                )
                .with_hint("check `start` and `end`; a one-day meeting has the same date in both"),
            );
        }
        let pending = meeting_review(cx, &src, &mut data.review, end);
        if data.session == Some(0) || data.term == 0 {
            let key = if data.term == 0 { "term" } else { "session" };
            cx.errors.push(
                src.error("term", &[Key(key)], format!("`{key}` must be 1 or more"))
                    .with_hint("第十七次 is `term: 17`, 第一次会议 is `session: 1`"),
            );
        }
        let body = match &data.body {
            Some(b) => match r.body_index.get(b) {
                Some(&i) => Some(i),
                None => {
                    let d = unknown(&src, &[Key("body")], "body", b, r.body_index.keys());
                    cx.unknown_ref(RefKind::Body, b, d);
                    None
                }
            },
            None => None,
        };
        if data.kind == MeetingKind::Plenum && data.body.is_none() {
            cx.errors.push(
                src.error(
                    "plenum-body",
                    &[Key("kind")],
                    "a plenum needs `body`: the committee that meets",
                )
                .with_hint("add e.g. `body: county-committee`"),
            );
        }
        let place = place_of(&data.place, site);
        let default = site.default_lang();
        let committee = body.and_then(|b| match r.bodies[b].data.kind {
            BodyKind::PartyCommittee | BodyKind::PartyStandingCommittee => Some(Committee::Party),
            BodyKind::DisciplineCommission => Some(Committee::Discipline),
            _ => None,
        });
        let place_zh = data.place.text(default, default).to_string();
        let generated = names::meeting_name(
            data.kind,
            &place_zh,
            &names::place_en(&place_zh),
            data.term,
            data.session.unwrap_or(1),
            committee,
        );
        let name = match (&data.name, generated) {
            (given, Some((zh, en))) => {
                let place_en_given = place.text("en", default).to_string();
                let en = names::meeting_name(
                    data.kind,
                    &place_zh,
                    &place_en_given,
                    data.term,
                    data.session.unwrap_or(1),
                    committee,
                )
                .map(|x| x.1)
                .unwrap_or(en);
                let mut generated = vec![(default.to_string(), zh)];
                for l in english_langs(site) {
                    generated.push((l, en.clone()));
                }
                overlay(given.as_ref(), generated, default)
            }
            (Some(given), None) => given.clone(),
            (None, None) => {
                // Without its body (failed to load) the kind of body is unknown: not this error.
                let body_failed = body.is_none()
                    && data
                        .body
                        .as_ref()
                        .is_some_and(|b| cx.failed.explains(RefKind::Body, b));
                if !body_failed {
                    cx.errors.push(src.error("missing-name", &[Key("kind")], "this meeting needs a `name`: no standard name can be made for a plenum of this kind of body").with_hint("add `name: {zh-Hans: …, en: …}`"));
                }
                Localized::Plain(id.clone())
            }
        };
        if data.present > data.entitled {
            cx.errors.push(
                src.error(
                    "attendance",
                    &[Key("present")],
                    format!(
                        "{} present is more than the {} entitled to attend",
                        data.present, data.entitled
                    ),
                )
                .with_hint("实到 cannot exceed 应到: check both figures against the minutes"),
            );
        } else {
            let q = site.config.results.quorum(data.kind);
            if !q.exceeded_by(u64::from(data.present), u64::from(data.entitled)) {
                cx.errors.push(
                    src.error("quorum", &[Key("present")], format!("quorum not met: {} present of {} entitled is not more than {q}", data.present, data.entitled))
                        .with_hint(format!("a {} needs more than {q} of those entitled present (site.yaml `results.quorum` sets this); a meeting without a quorum cannot elect", data.kind.as_str())),
                );
            }
        }
        loaded.push((
            Meeting {
                id,
                name,
                place,
                start,
                end,
                body,
                follows: None,
                followed_by: Vec::new(),
                elections: Vec::new(),
                narrative,
                pending,
                data,
            },
            src,
        ));
    }
    // Meetings in time order; plenums after their congress on the same day.
    loaded.sort_by(|(a, _), (b, _)| {
        let kind_pos = |k: MeetingKind| MeetingKind::ALL.iter().position(|x| *x == k);
        (a.start, a.data.level, kind_pos(a.data.kind), a.body, &a.id).cmp(&(
            b.start,
            b.data.level,
            kind_pos(b.data.kind),
            b.body,
            &b.id,
        ))
    });
    let mut srcs = Vec::new();
    for (m, s) in loaded {
        r.meeting_index.insert(m.id.clone(), r.meetings.len());
        r.meetings.push(m);
        srcs.push(s);
    }
    for (i, src) in srcs.iter().enumerate() {
        let Some(f) = r.meetings[i].data.follows.clone() else {
            continue;
        };
        match r.meeting_index.get(&f) {
            Some(&j) if j == i => cx.errors.push(
                src.error(
                    "bad-follows",
                    &[Key("follows")],
                    format!("meeting `{f}` follows itself: a meeting cannot follow itself"),
                )
                .with_hint("name the meeting this one continues (a plenum follows the congress that elected its committee), or leave `follows` out"),
            ),
            Some(&j) => {
                r.meetings[i].follows = Some(j);
                r.meetings[j].followed_by.push(i);
            }
            None => {
                let d = unknown(
                    src,
                    &[Key("follows")],
                    "meeting",
                    &f,
                    r.meeting_index.keys().filter(|k| **k != r.meetings[i].id),
                );
                cx.unknown_ref(RefKind::Meeting, &f, d);
            }
        }
    }
    srcs
}

/// Checks a meeting's sign-offs like a page's (src/review.rs): the same errors, with the meeting's
/// last day as the earliest date. Returns the levels still missing when site.yaml asks results
/// for sign-off (`review.results`), else nothing.
fn meeting_review(
    cx: &mut Ctx,
    src: &Src,
    list: &mut [SignOff],
    end: jiff::civil::Date,
) -> Vec<String> {
    let cfg = &cx.site.config.review;
    let not_before = review::NotBefore {
        date: end,
        what: "the meeting's end date",
        hint: "results are signed off after the meeting: correct the sign-off date or the meeting's `end`",
    };
    if let Err(d) = review::prepare_list(list, Some(not_before), &src.text, 1, &src.shown) {
        cx.errors.push(d);
        return Vec::new();
    }
    match review::check(list, &src.shown, cfg, cx.today) {
        Err(e) => {
            cx.errors.extend(e);
            Vec::new()
        }
        Ok(Verdict::Pending(missing)) if cfg.results => missing,
        Ok(_) => Vec::new(),
    }
}

/// 先审核、后发布 for results (`review.results`, not under `--drafts`): a meeting not fully
/// signed off leaves the model with its elections, so no page shows it, no body counts the
/// seats it filled and no statistics include them; people named only in such meetings leave
/// with it. One `held-back` warning per meeting names the missing levels.
fn hold_back(cx: &mut Ctx, r: &mut Results, srcs: &[Src], person_places: &mut Vec<Place>) {
    let held: Vec<bool> = r.meetings.iter().map(|m| !m.pending.is_empty()).collect();
    if !held.contains(&true) {
        return;
    }
    // People named in held-back meetings and in no published one.
    let mut in_held = vec![false; r.people.len()];
    let mut in_kept = vec![false; r.people.len()];
    for (mi, m) in r.meetings.iter().enumerate() {
        for c in m.elections.iter().flat_map(|e| &e.candidates) {
            if held[mi] {
                in_held[c.person] = true;
            } else {
                in_kept[c.person] = true;
            }
        }
    }
    let drop_person: Vec<bool> = in_held
        .iter()
        .zip(&in_kept)
        .map(|(h, k)| *h && !*k)
        .collect();
    for (mi, m) in r.meetings.iter().enumerate().filter(|(mi, _)| held[*mi]) {
        let n = m.elections.len();
        let mut only_here: Vec<usize> = m
            .elections
            .iter()
            .flat_map(|e| &e.candidates)
            .map(|c| c.person)
            .filter(|&p| drop_person[p])
            .collect();
        only_here.sort_unstable();
        only_here.dedup();
        let mut what = format!(
            "held back with its {n} election{}",
            if n == 1 { "" } else { "s" }
        );
        if !only_here.is_empty() {
            let k = only_here.len();
            what.push_str(&format!(
                " and {k} {} named only there",
                if k == 1 { "person" } else { "people" }
            ));
        }
        cx.warnings.push(review::held_back_list(
            &m.data.review,
            &srcs[mi].shown,
            &what,
            "to meeting.yaml",
            "the meeting",
            &m.pending,
        ));
        r.held_back.insert((RefKind::Meeting, m.id.clone()));
    }
    for (p, _) in drop_person.iter().enumerate().filter(|(_, d)| **d) {
        r.held_back
            .insert((RefKind::Person, r.people[p].id.clone()));
    }
    // Renumber what stays.
    let renumber = |keep: &[bool]| -> Vec<Option<usize>> {
        let mut next = 0;
        keep.iter()
            .map(|&k| {
                k.then(|| {
                    next += 1;
                    next - 1
                })
            })
            .collect()
    };
    let keep_m: Vec<bool> = held.iter().map(|h| !h).collect();
    let keep_p: Vec<bool> = drop_person.iter().map(|d| !d).collect();
    let m_new = renumber(&keep_m);
    let p_new = renumber(&keep_p);
    let meetings = std::mem::take(&mut r.meetings);
    r.meetings = meetings
        .into_iter()
        .zip(&keep_m)
        .filter(|(_, k)| **k)
        .map(|(mut m, _)| {
            m.follows = m.follows.and_then(|f| m_new[f]);
            m.followed_by = m.followed_by.iter().filter_map(|&f| m_new[f]).collect();
            for e in &mut m.elections {
                e.candidates.retain_mut(|c| match p_new[c.person] {
                    Some(p) => {
                        c.person = p;
                        true
                    }
                    None => false,
                });
            }
            m
        })
        .collect();
    let people = std::mem::take(&mut r.people);
    r.people = people
        .into_iter()
        .zip(&keep_p)
        .filter(|(_, k)| **k)
        .map(|(p, _)| p)
        .collect();
    let places = std::mem::take(person_places);
    *person_places = places
        .into_iter()
        .zip(&keep_p)
        .filter(|(_, k)| **k)
        .map(|(p, _)| p)
        .collect();
    for b in &mut r.bodies {
        for list in b.terms.values_mut() {
            list.retain_mut(|ms| match (m_new[ms.meeting], p_new[ms.person]) {
                (Some(m), Some(p)) => {
                    ms.meeting = m;
                    ms.person = p;
                    true
                }
                _ => false,
            });
        }
        b.terms.retain(|_, list| !list.is_empty());
    }
    r.meeting_index = r
        .meetings
        .iter()
        .enumerate()
        .map(|(i, m)| (m.id.clone(), i))
        .collect();
    r.person_index = r
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
}

/// Reads `index.md` / `index.<lang>.md` of a meeting folder.
fn read_narratives(cx: &mut Ctx, dir: &Path, shown_dir: &Path) -> BTreeMap<String, Narrative> {
    let site = cx.site;
    let mut out = BTreeMap::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    let mut files: Vec<String> = rd
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    files.sort();
    for f in files {
        let Some(stem) = f.strip_suffix(".md") else {
            continue;
        };
        if crate::theme::is_ignored(&f) {
            continue;
        }
        let shown = shown_dir.join(&f);
        let lang = match stem.strip_prefix("index") {
            Some("") => site.default_lang().to_string(),
            Some(rest) if rest.starts_with('.') && site.config.language(&rest[1..]).is_some() => {
                rest[1..].to_string()
            }
            _ => {
                cx.errors.push(
                    Diagnostic::error("stray-file", &shown, 0, 0, "a meeting folder holds only meeting.yaml, index.md and its translations (index.<lang>.md)")
                        .with_hint(format!("rename it to index.md or index.<lang>.md with a language of site.yaml ({})", site.config.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", "))),
                );
                continue;
            }
        };
        let text = match crate::content::read_text(&dir.join(&f), &shown) {
            Ok(t) => t,
            Err(e) => {
                cx.errors.extend(e.0);
                continue;
            }
        };
        let (front, body) = if text.starts_with("---") {
            match crate::content::split_front_matter(&text, &shown) {
                Ok(s) => {
                    match crate::yaml::parse::<NarrativeFront>(s.front, &shown, s.front_line) {
                        Ok(f) => (f, s.body.to_string()),
                        Err(d) => {
                            cx.errors.push(d);
                            continue;
                        }
                    }
                }
                Err(e) => {
                    cx.errors.extend(e.0);
                    continue;
                }
            }
        } else {
            (NarrativeFront::default(), text.clone())
        };
        let rendered = crate::content::markdown::render(&body, &site.config.markdown);
        out.insert(
            lang,
            Narrative {
                title: front.title,
                html: rendered.html,
            },
        );
    }
    out
}

/// The rules of DOMAIN §3 on every election, then the memberships of the bodies.
fn check_elections(cx: &mut Ctx, r: &mut Results, srcs: &[Src]) {
    use Seg::{Index, Key};
    let settings = &cx.site.config.results;
    // (body, term, post, person) → where first elected.
    let mut held: HashMap<(usize, u32, usize, usize), String> = HashMap::new();
    for (mi, src) in srcs.iter().enumerate() {
        let m = &r.meetings[mi];
        let mut elections = Vec::new();
        for (ei, e) in m.data.elections.iter().enumerate() {
            let p = |rest: &[Seg<'static>]| -> Vec<Seg<'static>> {
                let mut v = vec![Key("elections"), Index(ei)];
                v.extend_from_slice(rest);
                v
            };
            let before = cx.errors.len();
            let Some(&body) = r.body_index.get(&e.body) else {
                let d = unknown(
                    src,
                    &p(&[Key("body")]),
                    "body",
                    &e.body,
                    r.body_index.keys(),
                );
                cx.unknown_ref(RefKind::Body, &e.body, d);
                continue;
            };
            let b = &r.bodies[body];
            let post_of = |id: &str| b.posts.iter().position(|x| x.id == id);
            let post_hint = || {
                format!(
                    "posts of `{}`: {}",
                    b.id,
                    b.posts
                        .iter()
                        .map(|x| x.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            let Some(post) = post_of(&e.post) else {
                cx.errors.push(
                    src.error(
                        "unknown-id",
                        &p(&[Key("post")]),
                        format!("body `{}` has no post `{}`", b.id, e.post),
                    )
                    .with_hint(post_hint()),
                );
                continue;
            };
            let round = e.round.unwrap_or(1);
            if round == 0 {
                cx.errors.push(
                    src.error("round", &p(&[Key("round")]), "`round` starts at 1")
                        .with_hint(
                            "the first vote is round 1; a further round (另行选举) is round 2",
                        ),
                );
            }
            if e.seats == 0 {
                cx.errors.push(
                    src.error("seats", &p(&[Key("seats")]), "`seats` must be at least 1")
                        .with_hint("应选人数: the number of places to fill"),
                );
            }
            let date = match &e.date {
                None => m.end,
                Some(s) => {
                    match i18n::dates::parse_date(s) {
                        Ok(d) => {
                            if d < m.start || d > m.end {
                                cx.errors.push(src.error("election-date", &p(&[Key("date")]), format!("the vote ({d}) is outside the meeting's dates ({} to {})", m.start, m.end)).with_hint("check the date of the vote or the meeting's `start` and `end`"));
                            }
                            d
                        }
                        Err(msg) => {
                            cx.errors.push(
                                src.error(
                                    "date",
                                    &p(&[Key("date")]),
                                    format!("invalid `date`: {msg}"),
                                )
                                .with_hint("write YYYY-MM-DD"),
                            );
                            m.end
                        }
                    }
                }
            };
            // Ballots (DOMAIN §3.2–3.3).
            let bl = e.ballots;
            if bl.issued > m.data.present {
                cx.errors.push(
                    src.error("ballots-issued", &p(&[Key("ballots"), Key("issued")]), format!("{} ballots issued to {} present", bl.issued, m.data.present))
                        .with_hint("each person present receives at most one ballot: check 发出 and the meeting's `present`"),
                );
            }
            if bl.returned > bl.issued && !e.void {
                cx.errors.push(
                    src.error("ballots-returned", &p(&[Key("ballots"), Key("returned")]), format!("{} ballots returned but only {} issued: the election is void", bl.returned, bl.issued))
                        .with_hint("收回 cannot exceed 发出. If this is what happened, mark the election `void: true` and add the re-run with `round: 2`; otherwise correct the figures"),
                );
            }
            if bl.valid + bl.invalid != bl.returned {
                cx.errors.push(
                    src.error(
                        "ballots-sum",
                        &p(&[Key("ballots"), Key("valid")]),
                        format!(
                            "{} valid + {} invalid = {}, but {} ballots were returned",
                            bl.valid,
                            bl.invalid,
                            bl.valid + bl.invalid,
                            bl.returned
                        ),
                    )
                    .with_hint("有效票 + 无效票 must equal 收回: check the three figures"),
                );
            }
            let base_kind = e
                .majority_base
                .or(m.data.majority_base)
                .unwrap_or(settings.majority_base(m.data.kind));
            let base = match base_kind {
                MajorityBase::Entitled => m.data.entitled,
                MajorityBase::Present => m.data.present,
            };
            let needed = base / 2 + 1;
            let mut candidates: Vec<Candidate> = Vec::new();
            let mut seen: HashMap<usize, usize> = HashMap::new();
            for (ci, c) in e.candidates.iter().enumerate() {
                let cp = |k: &'static str| p(&[Key("candidates"), Index(ci), Key(k)]);
                let Some(&person) = r.person_index.get(&c.person) else {
                    let d = unknown(
                        src,
                        &cp("person"),
                        "person",
                        &c.person,
                        r.person_index.keys(),
                    );
                    cx.unknown_ref(RefKind::Person, &c.person, d);
                    continue;
                };
                if let Some(&first) = seen.get(&person) {
                    cx.errors.push(
                        src.error(
                            "duplicate-candidate",
                            &cp("person"),
                            format!(
                                "`{}` is listed twice among the candidates (first as candidate {})",
                                c.person,
                                first + 1
                            ),
                        )
                        .with_hint("list each candidate once"),
                    );
                    continue;
                }
                seen.insert(person, ci);
                let cpost = match &c.post {
                    None => post,
                    Some(id) => match post_of(id) {
                        Some(x) => x,
                        None => {
                            cx.errors.push(
                                src.error(
                                    "unknown-id",
                                    &cp("post"),
                                    format!("body `{}` has no post `{id}`", b.id),
                                )
                                .with_hint(post_hint()),
                            );
                            continue;
                        }
                    },
                };
                if c.votes > bl.valid {
                    cx.errors.push(
                        src.error(
                            "votes-exceed-valid",
                            &cp("votes"),
                            format!(
                                "{} votes for `{}`, but only {} valid ballots",
                                c.votes, c.person, bl.valid
                            ),
                        )
                        .with_hint(
                            "a candidate's votes cannot exceed the valid ballots: check the count",
                        ),
                    );
                } else {
                    let total = u64::from(c.votes)
                        + u64::from(c.against.unwrap_or(0))
                        + u64::from(c.abstain.unwrap_or(0));
                    if total > u64::from(bl.valid) {
                        let key = if c.abstain.is_some() {
                            "abstain"
                        } else {
                            "against"
                        };
                        cx.errors.push(
                            src.error("votes-exceed-valid", &cp(key), format!("for + against + abstain = {total} for `{}`, more than the {} valid ballots", c.person, bl.valid))
                                .with_hint("赞成 + 反对 + 弃权 cannot exceed the valid ballots"),
                        );
                    }
                }
                if c.elected && e.void {
                    cx.errors.push(
                        src.error(
                            "void-elected",
                            &cp("elected"),
                            "a void election elects no one",
                        )
                        .with_hint(
                            "remove `elected: true` here and record who was elected in the re-run",
                        ),
                    );
                }
                if c.elected && !e.void && c.votes < needed {
                    let base_name = match base_kind {
                        MajorityBase::Entitled => "entitled",
                        MajorityBase::Present => "present",
                    };
                    cx.errors.push(
                        src.error("no-majority", &cp("votes"), format!("`{}` is marked elected with {} votes; a majority of the {base} {base_name} is {needed}", c.person, c.votes))
                            .with_hint("a candidate needs more than half of the base (majority_base: entitled 应到 or present 实到; set per election, per meeting or in site.yaml). Without it the seat goes to a further round (另行选举)"),
                    );
                }
                candidates.push(Candidate {
                    person,
                    post: cpost,
                    votes: c.votes,
                    against: c.against,
                    abstain: c.abstain,
                    elected: c.elected && !e.void,
                });
            }
            let n = e.candidates.len() as u32;
            let elected_n = candidates.iter().filter(|c| c.elected).count() as u32;
            if elected_n > e.seats {
                cx.errors.push(src.error("too-many-elected", &p(&[Key("seats")]), format!("{elected_n} candidates are marked elected for {} seats", e.seats)).with_hint("when more pass the majority than there are seats, the top vote-getters take the seats (DOMAIN §3.6)"));
            }
            let contested = match e.contested {
                Some(true) if n <= e.seats => {
                    cx.errors.push(src.error("contested", &p(&[Key("contested")]), format!("marked contested (差额) but {n} candidates for {} seats", e.seats)).with_hint("a contested election has more candidates than seats; remove `contested: true` or add the missing candidates"));
                    true
                }
                Some(false) if n > e.seats => {
                    cx.errors.push(
                        src.error(
                            "contested",
                            &p(&[Key("contested")]),
                            format!(
                                "marked uncontested (等额) but {n} candidates for {} seats",
                                e.seats
                            ),
                        )
                        .with_hint("an uncontested election has as many candidates as seats"),
                    );
                    false
                }
                Some(x) => x,
                None => n > e.seats,
            };
            let margin = settings.contested_margin(m.data.kind);
            if contested && margin > 0 && e.seats > 0 {
                let required = (u64::from(e.seats) * u64::from(100 + margin)).div_ceil(100);
                if u64::from(n) < required {
                    cx.warnings.push(
                        src.warning("contested-margin", &p(&[Key("candidates")]), format!("{n} candidates for {} seats: a contested election at a {} needs at least {margin}% more, i.e. {required}", e.seats, m.data.kind.as_str()))
                            .with_hint("check the candidate list; site.yaml `results.contested_margin` sets the minimum per kind of meeting"),
                    );
                }
            }
            // The top vote-getters take the seats (DOMAIN §3.6).
            if !e.void {
                for (ci, c) in candidates.iter().enumerate() {
                    if !c.elected
                        && c.votes >= needed
                        && candidates
                            .iter()
                            .any(|o| o.elected && o.post == c.post && o.votes < c.votes)
                    {
                        cx.warnings.push(
                            src.warning("elected-order", &p(&[Key("candidates"), Index(ci), Key("votes")]), format!("`{}` has a majority and more votes than an elected candidate, but is not elected", r.people[c.person].id))
                                .with_hint("the seats go to those with the most votes: check `elected` and the vote counts"),
                        );
                    }
                }
            }
            if cx.errors.len() > before {
                continue;
            }
            elections.push((
                ei,
                Election {
                    data: e.clone(),
                    body,
                    post,
                    term: e.term.unwrap_or(m.data.term),
                    date,
                    round,
                    contested,
                    base_kind,
                    base,
                    needed,
                    candidates,
                },
            ));
        }
        // A void election must be re-run in a later round of the same meeting.
        for (ei, e) in &elections {
            if e.data.void
                && !elections.iter().any(|(_, o)| {
                    !o.data.void && o.body == e.body && o.post == e.post && o.round > e.round
                })
            {
                cx.errors.push(
                    src.error("void-not-rerun", &[Key("elections"), Index(*ei), Key("void")], "the election is void, and no later round re-runs it")
                        .with_hint("add the re-run: an election of the same body and post with a higher `round`"),
                );
            }
        }
        // A person elected twice to one post of one term.
        for (ei, e) in &elections {
            for (ci, c) in e.candidates.iter().enumerate() {
                if !c.elected {
                    continue;
                }
                let here = src.at(&[
                    Key("elections"),
                    Index(*ei),
                    Key("candidates"),
                    Index(ci),
                    Key("person"),
                ]);
                let key = (e.body, e.term, c.post, c.person);
                match held.get(&key) {
                    Some(first) => cx.errors.push(
                        src.error("elected-twice", &[Key("elections"), Index(*ei), Key("candidates"), Index(ci), Key("person")], format!("`{}` is elected a second time to post `{}` of `{}` (term {}); first at {first}", r.people[c.person].id, r.bodies[e.body].posts[c.post].id, r.bodies[e.body].id, e.term))
                            .with_hint("a person holds a post once: remove one of the two, or fix the post or person id"),
                    ),
                    None => {
                        held.insert(key, format!("{}:{}:{}", src.shown.display(), here.0, here.1));
                    }
                }
            }
        }
        r.meetings[mi].elections = elections.into_iter().map(|(_, e)| e).collect();
    }
    // Memberships, in meeting, election and ballot order.
    for (mi, m) in r.meetings.iter().enumerate() {
        for (ei, e) in m.elections.iter().enumerate() {
            for c in e.candidates.iter().filter(|c| c.elected) {
                r.bodies[e.body]
                    .terms
                    .entry(e.term)
                    .or_default()
                    .push(Membership {
                        person: c.person,
                        post: c.post,
                        meeting: mi,
                        election: ei,
                        votes: c.votes,
                        date: e.date,
                    });
            }
        }
    }
}

/// News front matter (`meetings`, `bodies`, `people`) must name existing ids.
fn check_news_refs(cx: &mut Ctx, r: &mut Results) {
    let site = cx.site;
    for p in &site.pages {
        let lists: [(&str, RefKind, &Vec<String>); 3] = [
            ("meetings", RefKind::Meeting, &p.front.meetings),
            ("bodies", RefKind::Body, &p.front.bodies),
            ("people", RefKind::Person, &p.front.people),
        ];
        for (key, kind, ids) in lists {
            for (k, id) in ids.iter().enumerate() {
                let index = match kind {
                    RefKind::Meeting => &r.meeting_index,
                    RefKind::Body => &r.body_index,
                    RefKind::Person => &r.person_index,
                };
                match index.get(id) {
                    Some(&i) => {
                        let v = r.page_refs.entry(p.key.clone()).or_default();
                        if !v.contains(&(kind, i)) {
                            v.push((kind, i));
                        }
                        let back = r.news.entry((kind, i)).or_default();
                        if !back.contains(&p.key) {
                            back.push(p.key.clone());
                        }
                    }
                    // Held back for want of sign-off: published news simply does not link it.
                    None if r.held_back.contains(&(kind, id.clone())) => {}
                    // Its data failed to load: that error is the one to fix.
                    None if cx.failed.explains(kind, id) => {}
                    None => {
                        let (line, col) =
                            front_matter_pos(site, &p.file, &[Seg::Key(key), Seg::Index(k)]);
                        let what = match kind {
                            RefKind::Meeting => "meeting",
                            RefKind::Body => "body",
                            RefKind::Person => "person",
                        };
                        let mut known: Vec<&str> = index.keys().map(String::as_str).collect();
                        known.sort();
                        let hint = match crate::error::nearest(id, &known) {
                            Some(n) => format!("did you mean `{n}`?"),
                            None => format!(
                                "`{key}` lists ids from the results data (content/meetings/<id>/, bodies.yaml, people.yaml)"
                            ),
                        };
                        cx.errors.push(
                            Diagnostic::error(
                                "unknown-id",
                                &p.file,
                                line,
                                col,
                                format!("unknown {what} id `{id}` in `{key}`"),
                            )
                            .with_hint(hint),
                        );
                    }
                }
            }
        }
    }
}

/// Line and column of a front-matter value, reading the page file again (errors only).
fn front_matter_pos(site: &Site, file: &Path, path: &[Seg]) -> (usize, usize) {
    let Ok(text) = crate::content::read_text(&site.root.join(file), file) else {
        return (1, 1);
    };
    match crate::content::split_front_matter(&text, file) {
        Ok(s) => locate(s.front, path, s.front_line),
        Err(_) => (1, 1),
    }
}

fn load_statistics(
    cx: &mut Ctx,
    r: &Results,
    person_places: &[Place],
) -> Option<stats::Statistics> {
    let root = &cx.site.root;
    let (path, shown) = ["yaml", "yml"]
        .iter()
        .map(|e| {
            (
                root.join(format!("content/statistics.{e}")),
                PathBuf::from(format!("content/statistics.{e}")),
            )
        })
        .find(|(p, _)| p.is_file())?;
    let text = match crate::content::read_text(&path, &shown) {
        Ok(t) => t,
        Err(e) => {
            cx.errors.extend(e.0);
            return None;
        }
    };
    let data: StatisticsData = match crate::yaml::parse(&text, &shown, 1) {
        Ok(d) => d,
        Err(d) => {
            cx.errors.push(d);
            return None;
        }
    };
    let src = Src { shown, text };
    let (s, mut errors, warnings) = stats::resolve(data, &src, r, person_places);
    if cx.failed.kinds.contains(&RefKind::Body) {
        // Unknown bodies and posts follow from bodies data that failed to load.
        errors.retain(|d| d.rule != "unknown-id");
    }
    cx.errors.extend(errors);
    cx.warnings.extend(warnings);
    Some(s)
}

/// The results pages' URLs may not be taken by content pages.
fn check_urls(cx: &mut Ctx, r: &Results) {
    if r.is_empty() {
        return;
    }
    let site = cx.site;
    let taken: HashSet<&str> = site
        .entries
        .iter()
        .map(|e| e.url.as_str())
        .chain(site.section_entries.iter().map(|s| s.url.as_str()))
        .collect();
    for lang in &site.config.languages {
        for root in URL_ROOTS {
            let url = site.config.url(&lang.code, &format!("{root}/"));
            if taken.contains(url.as_str()) {
                let file = site
                    .entries
                    .iter()
                    .find(|e| e.url == url)
                    .map(|e| site.pages[e.doc].file.clone())
                    .or_else(|| {
                        site.section_entries
                            .iter()
                            .find(|s| s.url == url)
                            .and_then(|s| s.doc)
                            .map(|d| site.sections[d].file.clone())
                    })
                    .unwrap_or_else(|| PathBuf::from("content"));
                cx.errors.push(
                    Diagnostic::error("duplicate-url", file, 0, 0, format!("{url} is the results pages' URL, and a content page has it too"))
                        .with_hint(format!("the folders {} are reserved for the results pages: rename the content folder or give the page another slug", URL_ROOTS.join(", "))),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_month_parsing() {
        assert_eq!(
            parse_year_month("1978-03", false),
            Ok(YearMonth {
                year: 1978,
                month: 3
            })
        );
        assert_eq!(
            parse_year_month("1978-3", false),
            Ok(YearMonth {
                year: 1978,
                month: 3
            })
        );
        assert_eq!(parse_year_month("1978-03-15", false), Err(true));
        assert_eq!(
            parse_year_month("1978-03-15", true),
            Ok(YearMonth {
                year: 1978,
                month: 3
            })
        );
        assert_eq!(parse_year_month("1978-13", false), Err(false));
        assert_eq!(parse_year_month("1978", false), Err(false));
        assert_eq!(parse_year_month("1978-02-30", true), Err(false));
    }

    #[test]
    fn age_counts_completed_years() {
        let d = jiff::civil::date(2021, 8, 29);
        assert_eq!(
            YearMonth {
                year: 1981,
                month: 9
            }
            .age_on(d),
            39
        );
        assert_eq!(
            YearMonth {
                year: 1981,
                month: 8
            }
            .age_on(d),
            40
        );
        assert_eq!(
            YearMonth {
                year: 1981,
                month: 1
            }
            .age_on(d),
            40
        );
    }
}
