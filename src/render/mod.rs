//! Rendering: Tera set-up, the filters and functions themes use, and the context of each page.

use crate::error::{Diagnostic, Errors, Result};
use crate::i18n::{dates, numbers};
use crate::output::{File, Output};
use crate::site::{Entry, Site};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};
use tera::{Context, Kwargs, State, Tera, Value};

/// Templates every theme must have.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "home.html",
    "section.html",
    "article.html",
    "taxonomy.html",
    "term.html",
    "404.html",
];

fn lang_of(state: &State) -> String {
    state
        .get::<String>("lang")
        .ok()
        .flatten()
        .unwrap_or_default()
}

fn parse_any_date(s: &str) -> tera::TeraResult<jiff::civil::Date> {
    dates::parse_datetime(s)
        .map(|d| d.date())
        .map_err(tera::Error::message)
}

/// Builds the Tera instance for a site: templates, filters, functions.
pub fn build_tera(site: &Site) -> Result<Tera> {
    let mut tera = Tera::new();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Filters and functions first: Tera 2 checks that every filter a template uses exists
    // when the template is added.
    tera.register_filter(
        "date_local",
        |v: &str, _: Kwargs, st: &State| -> tera::TeraResult<String> {
            Ok(dates::format_date(parse_any_date(v)?, &lang_of(st)))
        },
    );
    tera.register_filter("zh_num", |v: u64, _: Kwargs, _: &State| {
        numbers::zh_numeral(v)
    });
    tera.register_filter("ordinal", |v: u64, _: Kwargs, _: &State| {
        numbers::en_ordinal(v)
    });
    tera.register_function(
        "date_range",
        |k: Kwargs, st: &State| -> tera::TeraResult<String> {
            let a: &str = k.must_get("start")?;
            let b: &str = k.must_get("end")?;
            Ok(dates::format_date_range(
                parse_any_date(a)?,
                parse_any_date(b)?,
                &lang_of(st),
            ))
        },
    );
    let strings = Arc::new(site.theme.strings.clone());
    tera.register_function(
        "trans",
        move |k: Kwargs, st: &State| -> tera::TeraResult<String> {
            let key: &str = k.must_get("key")?;
            let lang = k
                .get::<&str>("lang")?
                .map(str::to_string)
                .unwrap_or_else(|| lang_of(st));
            strings
                .get(&lang)
                .and_then(|m| m.get(key))
                .cloned()
                .ok_or_else(|| {
                    tera::Error::message(format!("no UI string `{key}` in i18n/{lang}.yaml"))
                })
        },
    );
    let urls: Arc<HashMap<(String, String), String>> = Arc::new(
        site.file_keys
            .iter()
            .flat_map(|(file, key)| {
                site.config.languages.iter().filter_map(move |l| {
                    site.entry(key, &l.code)
                        .map(|e| ((file.clone(), l.code.clone()), e.url.clone()))
                })
            })
            .collect(),
    );
    tera.register_function("url_for", move |k: Kwargs, st: &State| -> tera::TeraResult<String> {
        let path: &str = k.must_get("path")?;
        let lang = k.get::<&str>("lang")?.map(str::to_string).unwrap_or_else(|| lang_of(st));
        urls.get(&(path.trim_start_matches('/').to_string(), lang.clone()))
            .cloned()
            .ok_or_else(|| tera::Error::message(format!("url_for: no page `{path}` in language `{lang}` (paths are relative to content/, e.g. news/a.md)")))
    });
    let templates: Vec<(&String, &String)> = site
        .theme
        .templates
        .iter()
        .map(|(n, t)| (n, &t.text))
        .collect();
    tera.add_raw_templates(templates)
        .map_err(|e| tera_error(&e, site))?;
    for name in REQUIRED_TEMPLATES {
        if !tera.contains_template(name) {
            return Err(Diagnostic::error(
                "template",
                format!("themes/{}/templates/{name}", site.config.theme),
                0,
                0,
                format!("the theme has no `{name}`"),
            )
            .with_hint("add the template, or copy it from the default theme")
            .into());
        }
    }

    Ok(tera)
}

/// A Tera error as a diagnostic pointing into the template.
fn tera_error(e: &tera::Error, site: &Site) -> Errors {
    let shown_of = |name: &str| {
        site.theme
            .templates
            .get(name)
            .map(|t| t.shown.clone())
            .unwrap_or_else(|| format!("themes/{}/templates/{name}", site.config.theme).into())
    };
    let d = match e.kind() {
        tera::ErrorKind::SyntaxError(r) => Diagnostic::error("template", shown_of(r.filename()), r.span().start_line, r.span().start_col + 1, format!("template syntax error: {}", r.message()))
            .with_hint("check the tags: `{{ value }}`, `{% if %}…{% endif %}`, `{% for x in list %}…{% endfor %}`"),
        tera::ErrorKind::RenderingError(r) => Diagnostic::error("template", shown_of(r.filename()), r.span().start_line, r.span().start_col + 1, format!("template error: {}", r.message()))
            .with_hint("the variables each template gets are listed in docs/templates.md"),
        tera::ErrorKind::MissingParent { current, parent } => Diagnostic::error("template", shown_of(current), 0, 0, format!("`{current}` extends `{parent}`, which does not exist"))
            .with_hint("create the parent template or fix the name in `{% extends %}`"),
        _ => return report_errors(&e.to_string(), &shown_of),
    };
    Errors::one(d)
}

/// Tera's report of several errors at once (`error: …` then ` --> name:line:col`), as one
/// diagnostic each, pointing at the template file the site really uses.
fn report_errors(text: &str, shown_of: &dyn Fn(&str) -> std::path::PathBuf) -> Errors {
    let mut out = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        let t = line.trim_start();
        if let Some(m) = t.strip_prefix("error: ") {
            message = Some(m.trim_start_matches("error: "));
        } else if let (Some(place), Some(m)) = (t.strip_prefix("--> "), message.take()) {
            let mut parts = place.rsplitn(3, ':');
            let (col, line_no, name) = (parts.next(), parts.next(), parts.next());
            let (name, line_no, col) = match (
                name,
                line_no.and_then(|l| l.parse().ok()),
                col.and_then(|c| c.parse().ok()),
            ) {
                (Some(n), Some(l), Some(c)) => (n, l, c),
                _ => (place, 0, 0),
            };
            out.push(
                Diagnostic::error("template", shown_of(name), line_no, col, format!("template error: {m}"))
                    .with_hint("check the filter, function or tag name; the ones huanjie adds are listed in docs/templates.md"),
            );
        }
    }
    if out.is_empty() {
        out.push(Diagnostic::error(
            "template",
            "templates",
            0,
            0,
            format!("template error: {}", text.lines().next().unwrap_or(text)),
        ));
    }
    Errors(out)
}

#[derive(Serialize, Clone)]
struct LinkCtx {
    name: String,
    url: String,
}

#[derive(Serialize)]
struct SectionRef {
    title: String,
    url: String,
}

#[derive(Serialize, Clone)]
struct Summary {
    title: String,
    url: String,
    date: String,
    date_display: String,
    summary: String,
    lang: String,
    tags: Vec<LinkCtx>,
    fallback: bool,
}

#[derive(Serialize)]
struct Heading<'a> {
    level: u8,
    id: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct Stats {
    cjk_chars: usize,
    latin_words: usize,
    reading_minutes: u32,
}

#[derive(Serialize)]
struct PageCtx<'a> {
    #[serde(flatten)]
    summary: &'a Summary,
    content: &'a str,
    updated: String,
    updated_display: String,
    source: &'a str,
    author: &'a str,
    editor: &'a str,
    toc: Vec<Heading<'a>>,
    stats: Stats,
    section: SectionRef,
    extra: &'a serde_json::Map<String, serde_json::Value>,
    prev: Option<&'a Summary>,
    next: Option<&'a Summary>,
}

#[derive(Serialize)]
struct SectionCtx<'a> {
    title: &'a str,
    url: &'a str,
    content: &'a str,
    summary: &'a str,
    lang: &'a str,
}

#[derive(Serialize)]
struct PagerLink {
    number: usize,
    url: String,
    current: bool,
    gap: bool,
}

/// The page numbers a pager shows: the first, the last and two either side of the current one,
/// with `None` for each gap. Listing every page would make list pages grow with the site.
fn pager_window(current: usize, total: usize) -> Vec<Option<usize>> {
    let mut out = Vec::new();
    let mut last = 0;
    for n in 1..=total {
        if n == 1 || n == total || n.abs_diff(current) <= 2 {
            if n > last + 1 {
                out.push(None);
            }
            out.push(Some(n));
            last = n;
        }
    }
    out
}

#[derive(Serialize)]
struct Paginator {
    current: usize,
    total: usize,
    prev: String,
    next: String,
    pages: Vec<PagerLink>,
}

#[derive(Serialize)]
pub(crate) struct Alternate {
    lang: String,
    name: String,
    url: String,
    hreflang: String,
    current: bool,
}

#[derive(Serialize)]
struct MenuItem {
    title: String,
    url: String,
    active: bool,
}

fn iso(d: &Option<jiff::civil::DateTime>) -> String {
    d.map(|d| d.date().to_string()).unwrap_or_default()
}

fn page_url_path(url: &str) -> String {
    format!("{}index.html", url.trim_start_matches('/'))
}

/// Everything rendering needs that does not change from page to page.
pub(crate) struct Shared<'a> {
    pub(crate) site: &'a Site,
    tera: &'a Tera,
    /// Article bodies taken out of the site by [`render_sharing_bodies`], by page index: the
    /// output then holds each body once, shared, instead of a second copy inside every page.
    bodies: Option<&'a [Arc<str>]>,
    /// Per language: the `site`, `t`, `assets` values.
    globals: HashMap<String, (Value, Value, Value)>,
    /// Summaries of entries, made when first needed: an edit that renders one page should not
    /// pay for the summaries of the whole site.
    summaries: Vec<OnceLock<Summary>>,
    /// (language, tag) → URL of the tag's page.
    term_urls: HashMap<(String, String), String>,
    /// Per entry: the older and the newer entry of its section (lists are newest first).
    neighbours: Vec<(Option<usize>, Option<usize>)>,
    section_titles: HashMap<(String, String), (String, String)>,
    /// Per language: the `report_box` value (none outside a notice's period).
    report_boxes: HashMap<String, Value>,
}

/// One page to render. `serve` picks the ones an edit touched with [`render_picked`].
pub enum Job<'a> {
    /// The article of an entry (index into `Site::entries`).
    Article(usize),
    /// Page `k` (from 1) of a section's list; the home page for the root section.
    Section(&'a crate::site::SectionEntry, usize),
    /// The list of tags of a language.
    Taxonomy(&'a str),
    /// Page `k` of a tag's list, in a language.
    Term(&'a str, &'a crate::site::Term, usize),
    /// The 404 page of a language.
    NotFound(&'a str),
    /// A page of the election results.
    Results(crate::results::render::Job),
    /// sitemap.xml.
    Sitemap,
}

/// Renders a loaded site into an output map.
pub fn render(site: &Site) -> Result<Output> {
    render_picked(site, &mut |_| true).map(|(out, _)| out)
}

/// Renders the pages `pick` accepts (every page and the sitemap for a build), with every copied
/// file. Also returns the output path of each page rendered, in the order `pick` accepted them.
pub fn render_picked<'s>(
    site: &'s Site,
    pick: &mut dyn FnMut(&Job<'s>) -> bool,
) -> Result<(Output, Vec<String>)> {
    let tera = build_tera(site)?;
    render_picked_with(site, &tera, pick)
}

/// Renders every page like [`render`] from a site whose article bodies were taken out with
/// [`Site::take_page_bodies`]: each article's output shares its body with `bodies` instead of
/// copying it, which saves the size of all bodies at the peak of a large build.
pub fn render_sharing_bodies(site: &Site, bodies: &[Arc<str>]) -> Result<Output> {
    let tera = build_tera(site)?;
    render_jobs(site, &tera, Some(bodies), &mut |_| true).map(|(out, _)| out)
}

/// [`render_picked`] with templates compiled beforehand by [`build_tera`] for this site's
/// routing: `serve` keeps them between edits that change no URL, template or setting.
pub fn render_picked_with<'s>(
    site: &'s Site,
    tera: &Tera,
    pick: &mut dyn FnMut(&Job<'s>) -> bool,
) -> Result<(Output, Vec<String>)> {
    render_jobs(site, tera, None, pick)
}

fn render_jobs<'s>(
    site: &'s Site,
    tera: &Tera,
    bodies: Option<&[Arc<str>]>,
    pick: &mut dyn FnMut(&Job<'s>) -> bool,
) -> Result<(Output, Vec<String>)> {
    let config = &site.config;
    let default = config.default_lang();

    // Hash of the theme's stylesheet and script, for cache busting.
    let asset_url = |p: &str| -> String {
        site.theme
            .statics
            .get(p)
            .and_then(|s| s.read().ok())
            .map(|b| format!("/{p}?h={:08x}", fnv(&b) as u32))
            .unwrap_or_default()
    };
    let assets =
        serde_json::json!({"css": asset_url("css/site.css"), "js": asset_url("js/site.js")});

    let mut globals = HashMap::new();
    for lang in &config.languages {
        let l = lang.code.as_str();
        let f = &config.footer;
        let site_v = serde_json::json!({
            "title": config.title.text(l, default),
            "base_url": config.base_url,
            "default_lang": default,
            "sample": config.sample_data,
            "languages": config.languages.iter().map(|x| serde_json::json!({"code": x.code, "name": x.name, "home": config.url(&x.code, "")})).collect::<Vec<_>>(),
            "footer": {
                "sponsor": f.sponsor.text(l, default),
                "contact": f.contact.text(l, default),
                "address": f.address.text(l, default),
                "icp": {"number": f.icp.number.text(l, default), "url": f.icp.url},
                "psb": {"number": f.psb.number.text(l, default), "url": f.psb.url},
                // The language each value is really in, for `lang` on a fallback (陇ICP备… on /en/).
                "langs": {
                    "sponsor": f.sponsor.get(l, default).1,
                    "contact": f.contact.get(l, default).1,
                    "address": f.address.get(l, default).1,
                    "icp": f.icp.number.get(l, default).1,
                    "psb": f.psb.number.get(l, default).1,
                },
                "site_id": f.site_id,
                "report_error": f.report_error,
            }
        });
        globals.insert(
            lang.code.clone(),
            (
                Value::from_serializable(&site_v),
                Value::from_serializable(&site.theme.strings[&lang.code]),
                Value::from_serializable(&assets),
            ),
        );
    }

    let mut term_urls: HashMap<(String, String), String> = HashMap::new();
    for (lang, terms) in &site.terms {
        for t in terms {
            term_urls.insert((lang.clone(), t.name.clone()), t.url.clone());
        }
    }
    let summaries = (0..site.entries.len()).map(|_| OnceLock::new()).collect();
    let section_titles = site
        .section_entries
        .iter()
        .map(|s| {
            let title = s
                .doc
                .map(|d| site.sections[d].title().to_string())
                .unwrap_or_else(|| config.title.text(&s.lang, default).to_string());
            ((s.key.clone(), s.lang.clone()), (title, s.url.clone()))
        })
        .collect();
    let report_boxes = config
        .languages
        .iter()
        .map(|l| {
            (
                l.code.clone(),
                Value::from_serializable(&crate::discipline::context::report_box(site, &l.code)),
            )
        })
        .collect();
    let neighbours = site.neighbours();
    let shared = Shared {
        site,
        tera,
        bodies,
        globals,
        summaries,
        term_urls,
        neighbours,
        section_titles,
        report_boxes,
    };

    let mut jobs: Vec<Job> = Vec::new();
    for (i, _) in site.entries.iter().enumerate() {
        jobs.push(Job::Article(i));
    }
    for se in &site.section_entries {
        let n = se.pages.len().div_ceil(se.paginate_by).max(1);
        let n = if se.key.is_empty() { 1 } else { n };
        for k in 1..=n {
            jobs.push(Job::Section(se, k));
        }
    }
    for lang in &config.languages {
        jobs.push(Job::Taxonomy(&lang.code));
        jobs.push(Job::NotFound(&lang.code));
        for t in &site.terms[&lang.code] {
            let n = t.pages.len().div_ceil(config.paginate_by).max(1);
            for k in 1..=n {
                jobs.push(Job::Term(&lang.code, t, k));
            }
        }
    }
    jobs.extend(
        crate::results::render::jobs(site)
            .into_iter()
            .map(Job::Results),
    );
    jobs.push(Job::Sitemap);
    jobs.retain(|j| pick(j));
    let bytes = |r: Result<(String, Vec<u8>)>| r.map(|(p, b)| (p, File::Bytes(b)));
    let rendered: Vec<Result<(String, File)>> = jobs
        .par_iter()
        .map(|job| match job {
            Job::Article(i) => shared.article(*i),
            Job::Section(se, k) => bytes(shared.section(se, *k)),
            Job::Taxonomy(l) => bytes(shared.taxonomy(l)),
            Job::Term(l, t, k) => bytes(shared.term(l, t, *k)),
            Job::NotFound(l) => bytes(shared.not_found(l)),
            Job::Results(j) => bytes(crate::results::render::render_job(&shared, j)),
            Job::Sitemap => Ok((
                "sitemap.xml".to_string(),
                File::Bytes(shared.sitemap().into_bytes()),
            )),
        })
        .collect();
    let mut out = Output::default();
    let mut errors = Vec::new();
    let mut paths = Vec::with_capacity(rendered.len());
    for r in rendered {
        match r {
            Ok((p, f)) => {
                paths.push(p.clone());
                out.files.insert(p, f);
            }
            Err(e) => errors.extend(e.0),
        }
    }
    if !errors.is_empty() {
        errors.dedup();
        return Err(Errors(errors));
    }
    let mut copies = BTreeMap::new();
    for a in &site.assets {
        if out.files.contains_key(&a.out) {
            // A copied file where a page is rendered: one of them would be lost.
            let shown = match &a.src {
                crate::theme::Source::File(p) => {
                    p.strip_prefix(&site.root).unwrap_or(p).to_path_buf()
                }
                crate::theme::Source::Embedded(_) => {
                    format!("<built-in theme>/static/{}", a.out).into()
                }
            };
            errors.push(
                Diagnostic::error(
                    "duplicate-path",
                    shown,
                    0,
                    0,
                    format!(
                        "this file would be copied to /{}, where a page is rendered",
                        a.out
                    ),
                )
                .with_hint("rename or move the file; pages own their URLs"),
            );
            continue;
        }
        // Earlier assets win: content/ files over the theme's static files.
        copies
            .entry(a.out.clone())
            .or_insert_with(|| File::Copy(a.src.clone()));
    }
    out.files.extend(copies);
    if !errors.is_empty() {
        return Err(Errors(errors));
    }
    Ok((out, paths))
}

/// The URL of page `k` (from 1) of a paginated list at `base` (`/news/` → `/news/page/2/`):
/// the one place list page URLs are made.
pub fn list_page_url(base: &str, k: usize) -> String {
    if k <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{k}/")
    }
}

/// Escapes text for HTML and XML.
pub fn xml_escape(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            _ => o.push(c),
        }
    }
    o
}

/// FNV-1a, for cache-busting hashes (stable across builds and platforms).
pub fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

impl Shared<'_> {
    /// The summary of entry `i`.
    fn summary(&self, i: usize) -> &Summary {
        self.summaries[i].get_or_init(|| {
            let site = self.site;
            let e = &site.entries[i];
            let p = &site.pages[e.doc];
            Summary {
                title: p.title().to_string(),
                url: e.url.clone(),
                date: iso(&p.date),
                date_display: p
                    .date
                    .map(|d| dates::format_date(d.date(), &e.lang))
                    .unwrap_or_default(),
                summary: p.front.summary.clone().unwrap_or_default(),
                lang: p.lang.clone(),
                tags: if e.fallback {
                    Vec::new()
                } else {
                    p.front
                        .tags
                        .iter()
                        .filter_map(|t| {
                            self.term_urls
                                .get(&(e.lang.clone(), t.clone()))
                                .map(|u| LinkCtx {
                                    name: t.clone(),
                                    url: u.clone(),
                                })
                        })
                        .collect()
                },
                fallback: e.fallback,
            }
        })
    }

    pub(crate) fn base_context(
        &self,
        lang: &str,
        kind: &str,
        url: &str,
        alternates: Vec<Alternate>,
    ) -> Context {
        let config = &self.site.config;
        let (site_v, t, assets) = &self.globals[lang];
        let mut c = Context::new();
        c.insert("lang", lang);
        c.insert("content_lang", lang);
        c.insert("fallback", &false);
        c.insert("kind", kind);
        c.insert_value("site", site_v.clone());
        c.insert_value("t", t.clone());
        c.insert_value("assets", assets.clone());
        c.insert("current_url", url);
        c.insert("canonical", &config.absolute(url));
        c.insert("alternates", &alternates);
        let mut menu = vec![MenuItem {
            title: self.site.theme.strings[lang]
                .get("home")
                .cloned()
                .unwrap_or_else(|| config.title.text(lang, config.default_lang()).to_string()),
            url: config.url(lang, ""),
            active: url == config.url(lang, ""),
        }];
        let mut tops: Vec<&crate::site::SectionEntry> = self
            .site
            .section_entries
            .iter()
            .filter(|s| s.lang == lang && !s.key.is_empty() && !s.key.contains('/'))
            .collect();
        tops.sort_by_key(|s| {
            (
                s.doc
                    .and_then(|d| self.site.sections[d].front.weight)
                    .unwrap_or(i64::MAX),
                s.key.clone(),
            )
        });
        for s in tops {
            let (title, surl) = &self.section_titles[&(s.key.clone(), lang.to_string())];
            menu.push(MenuItem {
                title: title.clone(),
                url: surl.clone(),
                active: url.starts_with(surl.as_str()),
            });
        }
        for (title, url, active) in crate::results::render::menu_items(self.site, lang, url) {
            menu.push(MenuItem { title, url, active });
        }
        c.insert("menu", &menu);
        c.insert_value(
            "report_box",
            self.report_boxes
                .get(lang)
                .cloned()
                .unwrap_or(Value::none()),
        );
        c.insert("review_pending", &Vec::<String>::new());
        c
    }

    /// Alternates of a page that exists in every language at `url_of(lang)`.
    pub(crate) fn alternates(
        &self,
        lang: &str,
        url_of: impl Fn(&str) -> Option<String>,
    ) -> Vec<Alternate> {
        let config = &self.site.config;
        config
            .languages
            .iter()
            .filter_map(|l| {
                url_of(&l.code).map(|u| Alternate {
                    lang: l.code.clone(),
                    name: l.name.clone(),
                    url: config.absolute(&u),
                    hreflang: l.code.clone(),
                    current: l.code == lang,
                })
            })
            .collect()
    }

    pub(crate) fn render(&self, template: &str, c: &Context) -> Result<Vec<u8>> {
        self.tera
            .render(template, c)
            .map(String::into_bytes)
            .map_err(|e| tera_error(&e, self.site))
    }

    fn article(&self, i: usize) -> Result<(String, File)> {
        let site = self.site;
        let e: &Entry = &site.entries[i];
        let p = &site.pages[e.doc];
        let summary = self.summary(i);
        let alternates = self.alternates(&e.lang, |l| site.entry(&e.key, l).map(|x| x.url.clone()));
        let mut c = self.base_context(&e.lang, "article", &e.url, alternates);
        c.insert("content_lang", &p.lang);
        c.insert("fallback", &e.fallback);
        let (prev, next) = self.neighbours[i];
        let (prev, next) = (prev.map(|x| self.summary(x)), next.map(|x| self.summary(x)));
        let (stitle, surl) = self
            .section_titles
            .get(&(e.section.clone(), e.lang.clone()))
            .cloned()
            .unwrap_or_default();
        let ctx = PageCtx {
            summary,
            content: match self.bodies {
                Some(b) => &b[e.doc],
                None => &p.body.html,
            },
            updated: iso(&p.updated),
            updated_display: p
                .updated
                .map(|d| dates::format_date(d.date(), &e.lang))
                .unwrap_or_default(),
            source: p.front.source.as_deref().unwrap_or(""),
            author: p.front.author.as_deref().unwrap_or(""),
            editor: p.front.editor.as_deref().unwrap_or(""),
            toc: p
                .body
                .headings
                .iter()
                .map(|h| Heading {
                    level: h.level,
                    id: &h.id,
                    text: &h.text,
                })
                .collect(),
            stats: Stats {
                cjk_chars: p.body.stats.cjk_chars,
                latin_words: p.body.stats.latin_words,
                reading_minutes: p.body.stats.reading_minutes,
            },
            section: SectionRef {
                title: stitle,
                url: surl,
            },
            extra: &p.front.extra,
            prev,
            next,
        };
        c.insert("page", &ctx);
        c.insert(
            "results_links",
            &crate::results::render::article_links(site, &e.key, &e.lang),
        );
        if let Some(missing) = site.pending_review.get(&e.doc) {
            c.insert("review_pending", missing);
        }
        c.insert(
            "notice",
            &crate::discipline::context::notice(site, &e.key, e.doc, &e.lang),
        );
        let html = self.render("article.html", &c)?;
        let path = page_url_path(&e.url);
        let Some(bodies) = self.bodies else {
            return Ok((path, File::Bytes(html)));
        };
        let body = &bodies[e.doc];
        // Where the template placed the body once, untouched, keep the parts around it and share
        // the body rather than hold a second copy; otherwise (no body, a filtered or repeated
        // one) keep the page as it is. The bytes are the same either way.
        if !body.is_empty() {
            let mut found = memchr::memmem::find_iter(&html, body.as_bytes());
            if let (Some(at), None) = (found.next(), found.next()) {
                let tail = html[at + body.len()..].to_vec();
                let mut head = html;
                head.truncate(at);
                return Ok((path, File::Spliced(head, Arc::clone(body), tail)));
            }
        }
        Ok((path, File::Bytes(html)))
    }

    fn paginate(
        &self,
        base_url: &str,
        total_items: usize,
        per: usize,
        current: usize,
    ) -> Paginator {
        let total = total_items.div_ceil(per).max(1);
        let url = |n: usize| list_page_url(base_url, n);
        Paginator {
            current,
            total,
            prev: if current > 1 {
                url(current - 1)
            } else {
                String::new()
            },
            next: if current < total {
                url(current + 1)
            } else {
                String::new()
            },
            pages: pager_window(current, total)
                .into_iter()
                .map(|n| match n {
                    Some(n) => PagerLink {
                        number: n,
                        url: url(n),
                        current: n == current,
                        gap: false,
                    },
                    None => PagerLink {
                        number: 0,
                        url: String::new(),
                        current: false,
                        gap: true,
                    },
                })
                .collect(),
        }
    }

    fn section(&self, se: &crate::site::SectionEntry, k: usize) -> Result<(String, Vec<u8>)> {
        let site = self.site;
        let home = se.key.is_empty();
        let pager = self.paginate(&se.url, se.pages.len(), se.paginate_by, k);
        let url = list_page_url(&se.url, k);
        let alternates = self.alternates(&se.lang, |l| {
            site.section_entries
                .iter()
                .find(|s| s.key == se.key && s.lang == l)
                .map(|s| list_page_url(&s.url, k))
        });
        let mut c = self.base_context(
            &se.lang,
            if home { "home" } else { "section" },
            &url,
            alternates,
        );
        let doc = se.doc.map(|d| &site.sections[d]);
        let (title, _) = &self.section_titles[&(se.key.clone(), se.lang.clone())];
        let content_lang = doc.map(|d| d.lang.as_str()).unwrap_or(&se.lang);
        c.insert("content_lang", content_lang);
        c.insert("fallback", &se.fallback);
        c.insert(
            "section",
            &SectionCtx {
                title,
                url: &se.url,
                content: doc.map(|d| d.body.html.as_str()).unwrap_or(""),
                summary: doc.and_then(|d| d.front.summary.as_deref()).unwrap_or(""),
                lang: content_lang,
            },
        );
        let template = if home {
            // The home page lists the newest articles of the whole site and each top section.
            let mut recent: Vec<usize> = site
                .entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.lang == se.lang)
                .map(|(i, _)| i)
                .collect();
            recent.sort_by(|&a, &b| {
                site.pages[site.entries[b].doc]
                    .date
                    .cmp(&site.pages[site.entries[a].doc].date)
                    .then_with(|| site.entries[a].key.cmp(&site.entries[b].key))
            });
            recent.truncate(10);
            c.insert(
                "recent",
                &recent.iter().map(|&i| self.summary(i)).collect::<Vec<_>>(),
            );
            let mut secs: Vec<&crate::site::SectionEntry> = site
                .section_entries
                .iter()
                .filter(|s| s.lang == se.lang && !s.key.is_empty() && !s.key.contains('/'))
                .collect();
            secs.sort_by_key(|s| {
                (
                    s.doc
                        .and_then(|d| site.sections[d].front.weight)
                        .unwrap_or(i64::MAX),
                    s.key.clone(),
                )
            });
            let sections: Vec<serde_json::Value> = secs
                .iter()
                .map(|s| {
                    let (t, u) = &self.section_titles[&(s.key.clone(), s.lang.clone())];
                    serde_json::json!({"title": t, "url": u, "pages": s.pages.iter().take(5).map(|&i| self.summary(i)).collect::<Vec<_>>()})
                })
                .collect();
            c.insert("sections", &sections);
            "home.html"
        } else {
            let start = (k - 1) * se.paginate_by;
            let pages: Vec<&Summary> = se
                .pages
                .iter()
                .skip(start)
                .take(se.paginate_by)
                .map(|&i| self.summary(i))
                .collect();
            c.insert("pages", &pages);
            c.insert("paginator", &pager);
            match crate::discipline::context::index_page(site, se, k, se.paginate_by) {
                Some(notices) if self.tera.contains_template("discipline/index.html") => {
                    c.insert("notices", &notices);
                    "discipline/index.html"
                }
                _ => "section.html",
            }
        };
        Ok((page_url_path(&url), self.render(template, &c)?))
    }

    fn taxonomy(&self, lang: &str) -> Result<(String, Vec<u8>)> {
        let config = &self.site.config;
        let url = config.url(lang, "tags/");
        let alternates = self.alternates(lang, |l| Some(config.url(l, "tags/")));
        let mut c = self.base_context(lang, "taxonomy", &url, alternates);
        let terms: Vec<serde_json::Value> = self.site.terms[lang]
            .iter()
            .map(|t| serde_json::json!({"name": t.name, "url": t.url, "count": t.pages.len()}))
            .collect();
        c.insert("terms", &terms);
        Ok((page_url_path(&url), self.render("taxonomy.html", &c)?))
    }

    fn term(&self, lang: &str, t: &crate::site::Term, k: usize) -> Result<(String, Vec<u8>)> {
        let per = self.site.config.paginate_by;
        let url = list_page_url(&t.url, k);
        let alternates = self.alternates(lang, |l| (l == lang).then(|| url.clone()));
        let mut c = self.base_context(lang, "term", &url, alternates);
        c.insert(
            "term",
            &LinkCtx {
                name: t.name.clone(),
                url: t.url.clone(),
            },
        );
        let pages: Vec<&Summary> = t
            .pages
            .iter()
            .skip((k - 1) * per)
            .take(per)
            .map(|&i| self.summary(i))
            .collect();
        c.insert("pages", &pages);
        c.insert("paginator", &self.paginate(&t.url, t.pages.len(), per, k));
        Ok((page_url_path(&url), self.render("term.html", &c)?))
    }

    fn not_found(&self, lang: &str) -> Result<(String, Vec<u8>)> {
        let config = &self.site.config;
        let url = config.url(lang, "404.html");
        let alternates = self.alternates(lang, |l| Some(config.url(l, "404.html")));
        let c = self.base_context(lang, "404", &url, alternates);
        Ok((
            url.trim_start_matches('/').to_string(),
            self.render("404.html", &c)?,
        ))
    }

    fn sitemap(&self) -> String {
        let config = &self.site.config;
        let mut urls: BTreeMap<String, (String, Vec<(String, String)>)> = BTreeMap::new();
        for e in &self.site.entries {
            let p = &self.site.pages[e.doc];
            let alts = config
                .languages
                .iter()
                .filter_map(|l| {
                    self.site
                        .entry(&e.key, &l.code)
                        .map(|x| (l.code.clone(), config.absolute(&x.url)))
                })
                .collect();
            urls.insert(config.absolute(&e.url), (iso(&p.updated.or(p.date)), alts));
        }
        for s in &self.site.section_entries {
            urls.insert(config.absolute(&s.url), (String::new(), Vec::new()));
        }
        for (u, alts) in crate::results::render::sitemap_urls(self.site) {
            urls.insert(u, (String::new(), alts));
        }
        let mut out = String::from(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
        );
        for (u, (lastmod, alts)) in urls {
            out.push_str(&format!("  <url><loc>{}</loc>", xml_escape(&u)));
            if !lastmod.is_empty() {
                out.push_str(&format!("<lastmod>{lastmod}</lastmod>"));
            }
            for (l, a) in alts {
                out.push_str(&format!(
                    "<xhtml:link rel=\"alternate\" hreflang=\"{l}\" href=\"{}\"/>",
                    xml_escape(&a)
                ));
            }
            out.push_str("</url>\n");
        }
        out.push_str("</urlset>\n");
        out
    }
}
