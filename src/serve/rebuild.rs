//! Rebuilding the in-memory site after a batch of changed files, doing only the work the change
//! needs, with a result equal to a fresh `huanjie build` byte for byte (tests/serve.rs checks
//! this after edits, additions, deletions, renames and broken files).
//!
//! Two savings make an edit of one article fast on a site of 10,000:
//!
//! 1. **Parsing.** The parsed files of the last load are kept and handed to the next
//!    ([`Site::load_reusing`]); only the files named in the batch are read and parsed again. The
//!    rest of loading (routing, sections, tags, checks) runs whole, so every rule holds as in
//!    `build`. A changed site.yaml (languages, Markdown options) drops the kept files.
//! 2. **Rendering.** Each page to render gets a signature: a hash of what its template sees that
//!    can change when a content page changes — the revision of the page's own file, its URL and
//!    its translations' URLs, the summaries (title, date, tags…) of its neighbours, or of the
//!    entries shown on a list page. Only pages whose signature changed are rendered
//!    ([`render::render_picked`]); the others keep their bytes. The home, tag-index, 404 and
//!    results pages are always rendered (few, and they draw on the whole site). Anything that can
//!    change every page — a template, site.yaml, the theme, static files, a section's
//!    `_index.md`, data files, the site-wide models of notices and results — renders everything.
//!    As a last guard, the 404 pages (which carry every page's frame: menu, footer, notices box)
//!    are compared with the last ones: if they changed, everything is rendered.
//!
//! A failed rebuild changes nothing: the last good output stays.

use super::live::Change;
use super::watch::Batch;
use crate::error::{Diagnostic, Errors};
use crate::output::{File, Output};
use crate::render::{self, Job};
use crate::site::{LoadOptions, Parsed, Site};
use crate::theme::Source;
use std::borrow::Cow;
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// Above this many changed files pages are told to reload whatever they show.
const MAX_LISTED: usize = 500;

/// One file being served.
#[derive(Debug, Clone)]
pub enum Served {
    /// Rendered bytes, shared between successive snapshots.
    Bytes(Arc<[u8]>),
    /// A file copied from a source.
    Copy(Source),
}

/// The site being served: output path → file. Cheap to clone (the bytes are shared), so a
/// rebuild copies the last snapshot and replaces only what changed.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// The files, sorted by path.
    pub files: BTreeMap<String, Served>,
}

impl Snapshot {
    /// The bytes of the file at `path`.
    pub fn get(&self, path: &str) -> Option<Cow<'_, [u8]>> {
        match self.files.get(path)? {
            Served::Bytes(b) => Some(Cow::Borrowed(b)),
            Served::Copy(s) => s.read().ok(),
        }
    }

    fn from_output(out: Output) -> Snapshot {
        let files = out
            .files
            .into_iter()
            .map(|(k, f)| {
                let s = match f.into_rendered() {
                    Ok(b) => Served::Bytes(b.into()),
                    Err(s) => Served::Copy(s),
                };
                (k, s)
            })
            .collect();
        Snapshot { files }
    }
}

/// What a successful rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// What open pages should do.
    pub change: Change,
    /// Output files added, removed or changed.
    pub changed: usize,
    /// Pages rendered.
    pub rendered: usize,
    /// `full` (every page rendered), `incremental` (the pages whose inputs changed) or `page`
    /// (only the articles whose text changed).
    pub mode: &'static str,
    /// Wall time in milliseconds.
    pub millis: u128,
    /// Warnings of the new site.
    pub warnings: Vec<Diagnostic>,
}

/// Which page a job renders, stable across rebuilds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum JobKey {
    Article(String, String),
    Section(String, String, usize),
    Term(String, String, usize),
}

/// What the last good render left, to compare the next one with.
#[derive(Default)]
struct Rendered {
    /// Signature and output path of each page that is re-rendered only when it changes.
    pages: HashMap<JobKey, (u64, String)>,
    /// Output paths of the pages rendered every time.
    always: Vec<String>,
    /// Output paths of the copied files.
    assets: Vec<String>,
    /// Hash of the site-wide models.
    global: u64,
}

/// The site being served and how to rebuild it.
pub struct Builder {
    root: PathBuf,
    opts: LoadOptions,
    current: Arc<Snapshot>,
    /// The site of the last good build, kept for edits that change a page's body only.
    site: Option<Site>,
    /// Parsed content files of the last load, by path (`content/news/a.md`), when the site
    /// itself is not kept.
    parsed: HashMap<PathBuf, Parsed>,
    /// Files whose last parse failed: checked again on every rebuild.
    broken: BTreeSet<PathBuf>,
    /// Revision of each content file, raised whenever the file is named in a batch.
    revs: HashMap<PathBuf, u64>,
    next_rev: u64,
    /// `None` after a failure: the next rebuild renders everything.
    last: Option<Rendered>,
    /// Render every page on every rebuild (for measuring; `HUANJIE_SERVE_FULL=1`).
    always_full: bool,
    /// Templates compiled for the kept site: valid while only page bodies change (no URL,
    /// template or setting can have changed then), dropped by every other rebuild.
    tera: Option<tera::Tera>,
}

/// With `HUANJIE_SERVE_TIMING=1`, prints how long each step of a rebuild took.
fn timing(what: &str, since: Instant) {
    if std::env::var_os("HUANJIE_SERVE_TIMING").is_some() {
        eprintln!("  {what}: {:.1} ms", since.elapsed().as_secs_f64() * 1000.0);
    }
}

fn hash_of(x: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    x.hash(&mut h);
    h.finish()
}

impl Builder {
    /// Builds the site under `root` (absolute). On failure the builder holds an empty output and
    /// the errors are returned beside it: the server still starts and shows them.
    pub fn new(
        root: &Path,
        opts: LoadOptions,
    ) -> (Builder, std::result::Result<Vec<Diagnostic>, Errors>) {
        let mut b = Builder {
            root: root.to_path_buf(),
            opts,
            current: Arc::new(Snapshot::default()),
            site: None,
            parsed: HashMap::new(),
            broken: BTreeSet::new(),
            revs: HashMap::new(),
            next_rev: 1,
            last: None,
            always_full: std::env::var_os("HUANJIE_SERVE_FULL").is_some_and(|v| v == "1"),
            tera: None,
        };
        let r = b
            .rebuild_inner(&Batch {
                paths: BTreeSet::new(),
                rescan: true,
            })
            .map(|r| r.warnings);
        (b, r)
    }

    /// The site being served.
    pub fn output(&self) -> Arc<Snapshot> {
        Arc::clone(&self.current)
    }

    /// Rebuilds after the files of `batch` changed. `Ok(None)`: nothing changed in the output
    /// and there was no error to clear.
    pub fn rebuild(&mut self, batch: &Batch) -> std::result::Result<Option<Rebuilt>, Errors> {
        if !batch.rescan && self.relevant(batch).paths.is_empty() {
            return Ok(None);
        }
        self.rebuild_inner(batch).map(Some)
    }

    fn rebuild_inner(&mut self, batch: &Batch) -> std::result::Result<Rebuilt, Errors> {
        let start = Instant::now();
        let batch = &self.relevant(batch);
        if let Some(r) = self.body_only(batch, start)? {
            return Ok(r);
        }
        self.tera = None;
        if let Some(site) = self.site.take() {
            self.parsed = site.into_parsed();
        }
        // Forget the parses the batch makes stale.
        if batch.rescan || batch.paths.iter().any(|p| p == Path::new("site.yaml")) {
            self.parsed.clear();
        }
        for p in &batch.paths {
            self.parsed.remove(p);
            if self.root.join(p).is_dir() || p.extension().is_none_or(|e| e != "md") {
                self.parsed.retain(|k, _| !k.starts_with(p));
            }
            self.revs.insert(p.clone(), self.next_rev);
            self.next_rev += 1;
        }
        if batch.rescan {
            self.revs.clear();
        }
        // A file that does not parse fails here, before loading takes the kept parses.
        self.broken.extend(
            batch
                .paths
                .iter()
                .filter(|p| p.starts_with("content") && p.extension().is_some_and(|e| e == "md"))
                .cloned(),
        );
        self.check_changed()?;

        let t0 = Instant::now();
        let loaded = Site::load_reusing(&self.root, &self.opts, &mut self.parsed);
        timing("load", t0);
        self.parsed.clear();
        let site = match loaded {
            Ok(s) => s,
            Err(e) => {
                self.last = None;
                return Err(e);
            }
        };
        let incremental = !self.always_full
            && !batch.rescan
            && self.last.is_some()
            && batch.paths.iter().all(|p| content_page(p));
        let t0 = Instant::now();
        let result = if incremental {
            self.render_changed(&site, batch)
        } else {
            Ok(None)
        };
        timing("render_changed", t0);
        let (next, rendered, mode) = match result {
            Ok(Some((next, n))) => (next, n, "incremental"),
            Ok(None) => match self.render_all(&site) {
                Ok((next, n)) => (next, n, "full"),
                Err(e) => {
                    // A template error: the parsed site stays good for the next rebuild.
                    self.site = Some(site);
                    self.last = None;
                    return Err(e);
                }
            },
            Err(e) => {
                self.site = Some(site);
                self.last = None;
                return Err(e);
            }
        };
        let touched: BTreeSet<PathBuf> = batch.paths.iter().map(|p| self.root.join(p)).collect();
        let t0 = Instant::now();
        let changed = diff(&self.current, &next, &touched, batch.rescan);
        timing("diff", t0);
        self.current = Arc::new(next);
        let warnings = site.warnings.clone();
        self.site = Some(site);
        Ok(Rebuilt {
            change: change_for(batch, &changed),
            changed: changed.len(),
            rendered,
            mode,
            millis: start.elapsed().as_millis(),
            warnings,
        })
    }

    /// The quickest rebuild: the batch names pages of the kept site whose front matter did not
    /// change (the common case of editing an article's text). Nothing a list, a tag page or another
    /// page shows has changed then, so the kept site takes the new pages in place and only their
    /// articles (in every language that shows them) are rendered. `Ok(None)`: not such a batch.
    fn body_only(
        &mut self,
        batch: &Batch,
        start: Instant,
    ) -> std::result::Result<Option<Rebuilt>, Errors> {
        if self.always_full
            || batch.rescan
            || batch.paths.is_empty()
            || self.last.is_none()
            || !self.broken.is_empty()
        {
            return Ok(None);
        }
        let Some(site) = self.site.as_mut() else {
            return Ok(None);
        };
        let mut swaps = Vec::new();
        for p in &batch.paths {
            let abs = self.root.join(p);
            if !content_page(p) || !abs.is_file() {
                return Ok(None);
            }
            let Some(idx) = site.pages.iter().position(|x| x.file == *p) else {
                return Ok(None);
            };
            let old = &site.pages[idx];
            // A file that does not read or parse takes the long way, which reports it.
            let Ok(text) = crate::content::read_text(&abs, p) else {
                return Ok(None);
            };
            let Ok(new) = crate::content::parse_page(
                &text,
                p,
                old.key.clone(),
                old.lang.clone(),
                &site.config.markdown,
            ) else {
                return Ok(None);
            };
            let same = format!("{:?}", old.front) == format!("{:?}", new.front)
                && old.date == new.date
                && old.updated == new.updated
                && old.body.summary_html == new.body.summary_html;
            if !same {
                return Ok(None);
            }
            swaps.push((idx, new));
        }
        for p in &batch.paths {
            self.revs.insert(p.clone(), self.next_rev);
            self.next_rev += 1;
        }
        let docs: BTreeSet<usize> = swaps.iter().map(|(i, _)| *i).collect();
        for (idx, new) in swaps {
            site.pages[idx] = new;
        }
        // The only warnings a body can raise: renew them for the new bodies.
        site.warnings.retain(|w| w.rule != "image-alt");
        let alt = crate::site::image_alt_warnings(&site.pages);
        site.warnings.extend(alt);
        let site: &Site = site;
        let t0 = Instant::now();
        if self.tera.is_none() {
            match render::build_tera(site) {
                Ok(t) => self.tera = Some(t),
                Err(e) => {
                    self.last = None;
                    return Err(e);
                }
            }
        }
        let Some(tera) = self.tera.as_ref() else {
            return Ok(None);
        };
        let picked = render::render_picked_with(
            site,
            tera,
            &mut |j| matches!(j, Job::Article(i) if docs.contains(&site.entries[*i].doc)),
        );
        timing("render_picked", t0);
        let (out, paths) = match picked {
            Ok(x) => x,
            Err(e) => {
                self.last = None;
                return Err(e);
            }
        };
        let t0 = Instant::now();
        let mut next = (*self.current).clone();
        let mut changed = Vec::new();
        for (k, f) in out.files {
            if let File::Bytes(b) = f {
                if self.current.get(&k).is_none_or(|old| old[..] != b[..]) {
                    changed.push(k.clone());
                }
                next.files.insert(k, Served::Bytes(b.into()));
            }
        }
        self.current = Arc::new(next);
        timing("snapshot", t0);
        Ok(Some(Rebuilt {
            change: change_for(batch, &changed),
            changed: changed.len(),
            rendered: paths.len(),
            mode: "page",
            millis: start.elapsed().as_millis(),
            warnings: site.warnings.clone(),
        }))
    }

    /// The batch without paths that are gone and were never part of the site (vim's `4913` probe,
    /// a temporary file with a name not known as one).
    fn relevant(&self, batch: &Batch) -> Batch {
        let paths =
            batch
                .paths
                .iter()
                .filter(|p| {
                    let abs = self.root.join(p);
                    abs.exists()
                        || p.extension().is_some_and(|e| e == "md" || e == "yaml")
                        || self.parsed.keys().any(|k| k.starts_with(p))
                        || self.site.as_ref().is_some_and(|s| {
                            s.pages
                                .iter()
                                .map(|x| &x.file)
                                .chain(s.sections.iter().map(|x| &x.file))
                                .any(|f| f.starts_with(p))
                        })
                        || self.current.files.values().any(
                            |f| matches!(f, Served::Copy(Source::File(s)) if s.starts_with(&abs)),
                        )
                })
                .cloned()
                .collect();
        Batch {
            paths,
            rescan: batch.rescan,
        }
    }

    /// Parses the changed and the broken content files on their own, so a typo is reported
    /// without giving up the parses kept for the next rebuild.
    fn check_changed(&mut self) -> std::result::Result<(), Errors> {
        let config = match crate::config::Config::load(&self.root) {
            Ok(c) => c,
            Err(_) => return Ok(()), // loading reports it
        };
        let mut errors = Vec::new();
        let mut fine = Vec::new();
        for rel in &self.broken {
            let path = self.root.join(rel);
            let under = rel
                .strip_prefix("content")
                .unwrap_or(rel)
                .to_string_lossy()
                .replace('\\', "/");
            if !path.is_file()
                || crate::results::owns_markdown(&under)
                || rel
                    .components()
                    .any(|c| crate::theme::is_ignored(&c.as_os_str().to_string_lossy()))
            {
                fine.push(rel.clone());
                continue;
            }
            let name = rel
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let r = crate::content::read_text(&path, rel).and_then(|text| {
                let lang = config.default_lang().to_string();
                if name.starts_with("_index.") {
                    crate::content::parse_section(&text, rel, String::new(), lang, &config.markdown)
                        .map(|_| ())
                } else {
                    crate::content::parse_page(&text, rel, String::new(), lang, &config.markdown)
                        .map(|_| ())
                }
            });
            match r {
                Ok(()) => fine.push(rel.clone()),
                Err(e) => errors.extend(e.0),
            }
        }
        for f in fine {
            self.broken.remove(&f);
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(Errors(errors))
        }
    }

    fn render_all(&mut self, site: &Site) -> std::result::Result<(Snapshot, usize), Errors> {
        let mut keys: Vec<Option<(JobKey, u64)>> = Vec::new();
        let sigs = Sigs::new(site, &self.revs);
        let (out, paths) = render::render_picked(site, &mut |j| {
            keys.push(sigs.of(j));
            true
        })?;
        let mut r = Rendered {
            global: global_sig(site),
            ..Rendered::default()
        };
        for (k, p) in keys.into_iter().zip(&paths) {
            match k {
                Some((k, sig)) => {
                    r.pages.insert(k, (sig, p.clone()));
                }
                None => r.always.push(p.clone()),
            }
        }
        r.assets = out
            .files
            .iter()
            .filter(|(_, f)| matches!(f, File::Copy(_)))
            .map(|(k, _)| k.clone())
            .collect();
        r.always.extend(extras(&out, &paths));
        let n = paths.len();
        self.last = Some(r);
        Ok((Snapshot::from_output(out), n))
    }

    /// Renders only the pages whose signature changed. `Ok(None)`: the change reaches every
    /// page, render them all.
    fn render_changed(
        &mut self,
        site: &Site,
        _batch: &Batch,
    ) -> std::result::Result<Option<(Snapshot, usize)>, Errors> {
        let Some(last) = self.last.take() else {
            return Ok(None);
        };
        let global = global_sig(site);
        if global != last.global {
            return Ok(None);
        }
        let t0 = Instant::now();
        let sigs = Sigs::new(site, &self.revs);
        let mut picked: Vec<Option<(JobKey, u64)>> = Vec::new();
        let mut kept: HashMap<JobKey, (u64, String)> = HashMap::new();
        timing("sigs", t0);
        let t0 = Instant::now();
        let (out, paths) = render::render_picked(site, &mut |j| match sigs.of(j) {
            None => {
                picked.push(None);
                true
            }
            Some((k, sig)) => match last.pages.get(&k) {
                Some((old, path)) if *old == sig => {
                    kept.insert(k, (sig, path.clone()));
                    false
                }
                _ => {
                    picked.push(Some((k, sig)));
                    true
                }
            },
        })?;
        timing("render_picked", t0);
        let t0 = Instant::now();
        let mut next = (*self.current).clone();
        timing("clone", t0);
        // The 404 pages carry the frame of every page: if they changed, so did every page.
        for (k, p) in picked.iter().zip(&paths) {
            if k.is_none()
                && p.ends_with("404.html")
                && let (Some(File::Bytes(new)), Some(Served::Bytes(old))) =
                    (out.files.get(p), next.files.get(p))
                && new[..] != old[..]
            {
                return Ok(None);
            }
        }
        // Out with the pages that were rendered again or are gone, and the copied files…
        for (k, (_, path)) in &last.pages {
            if !kept.contains_key(k) {
                next.files.remove(path);
            }
        }
        for p in last.always.iter().chain(&last.assets) {
            next.files.remove(p);
        }
        // …in with the new pages, the sitemap and the copied files (a page wins over a file).
        let mut r = Rendered {
            pages: kept,
            global,
            ..Rendered::default()
        };
        for (k, p) in picked.into_iter().zip(&paths) {
            match k {
                Some((k, sig)) => {
                    r.pages.insert(k, (sig, p.clone()));
                }
                None => r.always.push(p.clone()),
            }
        }
        r.always.extend(extras(&out, &paths));
        for (k, f) in out.files {
            let s = match f.into_rendered() {
                Ok(b) => Served::Bytes(b.into()),
                Err(s) => {
                    if next.files.contains_key(&k) {
                        continue;
                    }
                    r.assets.push(k.clone());
                    Served::Copy(s)
                }
            };
            next.files.insert(k, s);
        }
        let n = paths.len();
        self.last = Some(r);
        Ok(Some((next, n)))
    }
}

/// Rendered files that no job names (the sitemap, feeds): made on every render.
fn extras(out: &Output, paths: &[String]) -> Vec<String> {
    let jobs: BTreeSet<&String> = paths.iter().collect();
    out.files
        .iter()
        .filter(|(k, f)| matches!(f, File::Bytes(_)) && !jobs.contains(k))
        .map(|(k, _)| k.clone())
        .collect()
}

/// Whether a change of this file (relative to the root) can be handled without rendering
/// every page: a content page (not a section's index, not a folder, not a data file, not a
/// meeting's narrative, which belongs to the results).
fn content_page(p: &Path) -> bool {
    let name = p
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let under = p
        .strip_prefix("content")
        .map(|r| r.to_string_lossy().replace('\\', "/"));
    name.ends_with(".md")
        && !name.starts_with("_index")
        && under.is_ok_and(|u| !crate::results::owns_markdown(&u))
}

/// Hash of the site-wide models that pages draw on beside their own content: when it changes,
/// every page is rendered. (A new site-wide model belongs here.) The results are not hashed:
/// they change only with their own files, which render everything, and their pages are
/// rendered every time.
fn global_sig(site: &Site) -> u64 {
    let assets: Vec<(&String, String)> = site
        .assets
        .iter()
        .map(|a| (&a.out, format!("{:?}", a.src)))
        .collect();
    hash_of((
        format!("{:?}", site.discipline),
        format!("{:?}", site.pending_review),
        assets,
    ))
}

/// Signatures of the pages of a site.
struct Sigs<'s> {
    site: &'s Site,
    /// Per entry: hash of what a list shows of it.
    summary: Vec<u64>,
    /// Per entry: the older and the newer neighbour in its section.
    neighbours: Vec<(Option<usize>, Option<usize>)>,
}

impl<'s> Sigs<'s> {
    fn new(site: &'s Site, revs: &HashMap<PathBuf, u64>) -> Sigs<'s> {
        let mut term_urls: HashMap<(&str, &str), &str> = HashMap::new();
        for (lang, terms) in &site.terms {
            for t in terms {
                term_urls.insert((lang.as_str(), t.name.as_str()), t.url.as_str());
            }
        }
        let summary = site
            .entries
            .iter()
            .map(|e| {
                let p = &site.pages[e.doc];
                let tags: Vec<Option<&&str>> = p
                    .front
                    .tags
                    .iter()
                    .map(|t| term_urls.get(&(e.lang.as_str(), t.as_str())))
                    .collect();
                hash_of((
                    revs.get(&p.file).copied().unwrap_or(0),
                    &p.file,
                    &e.url,
                    &e.lang,
                    e.fallback,
                    tags,
                ))
            })
            .collect();
        let neighbours = site.neighbours();
        Sigs {
            site,
            summary,
            neighbours,
        }
    }

    fn sums(&self, list: &[usize]) -> Vec<u64> {
        list.iter().map(|&i| self.summary[i]).collect()
    }

    /// The key and signature of a job; `None` for pages rendered every time.
    fn of(&self, job: &Job) -> Option<(JobKey, u64)> {
        let site = self.site;
        match job {
            Job::Article(i) => {
                let e = &site.entries[*i];
                let (older, newer) = self.neighbours[*i];
                let alternates: Vec<Option<(&String, bool)>> = site
                    .config
                    .languages
                    .iter()
                    .map(|l| site.entry(&e.key, &l.code).map(|x| (&x.url, x.fallback)))
                    .collect();
                let sig = hash_of((
                    self.summary[*i],
                    older.map(|x| self.summary[x]),
                    newer.map(|x| self.summary[x]),
                    &e.section,
                    alternates,
                ));
                Some((JobKey::Article(e.key.clone(), e.lang.clone()), sig))
            }
            Job::Section(se, _) if se.key.is_empty() => None,
            Job::Section(se, k) => {
                let start = (k - 1) * se.paginate_by;
                let end = (start + se.paginate_by).min(se.pages.len());
                let shown = se.pages.get(start..end).unwrap_or(&[]);
                // A notices index lists every page of its section.
                let all = crate::discipline::context::index(site, se).is_some();
                let sig = hash_of((
                    &se.url,
                    se.doc,
                    se.paginate_by,
                    se.pages.len(),
                    self.sums(shown),
                    all.then(|| self.sums(&se.pages)),
                ));
                Some((JobKey::Section(se.key.clone(), se.lang.clone(), *k), sig))
            }
            Job::Term(lang, t, k) => {
                let per = site.config.paginate_by;
                let start = (k - 1) * per;
                let end = (start + per).min(t.pages.len());
                let sig = hash_of((
                    &t.url,
                    &t.slug,
                    t.pages.len(),
                    self.sums(t.pages.get(start..end).unwrap_or(&[])),
                ));
                Some((JobKey::Term(lang.to_string(), t.name.clone(), *k), sig))
            }
            // The home page, the tag index, the 404 page and the results pages: few, drawing on
            // the whole site.
            Job::Taxonomy(_) | Job::NotFound(_) | Job::Results(_) | Job::Sitemap => None,
        }
    }
}

/// Whether the file (relative to the root) is a stylesheet among the static files.
fn is_static_css(p: &Path) -> bool {
    let s = p.to_string_lossy().replace('\\', "/");
    s.ends_with(".css")
        && (s.starts_with("static/")
            || (s.starts_with("themes/") && s.split('/').nth(2) == Some("static")))
}

/// What to tell open pages about `changed` output keys.
fn change_for(batch: &Batch, changed: &[String]) -> Change {
    if !batch.rescan && !batch.paths.is_empty() && batch.paths.iter().all(|p| is_static_css(p)) {
        let css: Vec<String> = changed
            .iter()
            .filter(|k| k.ends_with(".css"))
            .cloned()
            .collect();
        if !css.is_empty() {
            return Change::Css(css);
        }
    }
    if changed.len() > MAX_LISTED {
        Change::Reload(None)
    } else {
        Change::Reload(Some(changed.to_vec()))
    }
}

/// Output keys added, removed or changed between two snapshots; a copied file counts as changed
/// when its source is among `touched` (or always, after a rescan).
pub fn diff(
    old: &Snapshot,
    new: &Snapshot,
    touched: &BTreeSet<PathBuf>,
    rescan: bool,
) -> Vec<String> {
    let mut out = Vec::new();
    for (k, f) in &new.files {
        let same = match (old.files.get(k), f) {
            (None, _) => false,
            (Some(Served::Bytes(a)), Served::Bytes(b)) => Arc::ptr_eq(a, b) || a == b,
            (Some(Served::Copy(Source::File(a))), Served::Copy(Source::File(b))) => {
                a == b && !rescan && !touched.contains(b)
            }
            (Some(Served::Copy(Source::Embedded(a))), Served::Copy(Source::Embedded(b))) => a == b,
            _ => false,
        };
        if !same {
            out.push(k.clone());
        }
    }
    out.extend(
        old.files
            .keys()
            .filter(|k| !new.files.contains_key(*k))
            .cloned(),
    );
    out.sort();
    out
}
