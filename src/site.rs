//! The site model: everything loaded, cross-referenced and checked, immutable afterwards.

use crate::config::{Config, SlugFrom, Untranslated};
use crate::content::{self, Page, Section, SortBy};
use crate::error::{Diagnostic, Errors, Result};
use crate::i18n::romanize;
use crate::theme::{self, Theme};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Options of a build that are not in site.yaml.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Include drafts.
    pub drafts: bool,
    /// Override site.yaml's base_url.
    pub base_url: Option<String>,
}

/// A page as it appears in one language: its own translation or a fallback.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Translation key.
    pub key: String,
    /// The output language.
    pub lang: String,
    /// Index into [`Site::pages`] of the version shown.
    pub doc: usize,
    /// True when the shown version is in another language.
    pub fallback: bool,
    /// Root-relative URL.
    pub url: String,
    /// Key of the section the page belongs to.
    pub section: String,
}

/// A section as it appears in one language.
#[derive(Debug, Clone)]
pub struct SectionEntry {
    /// Section key (`news`, `` for the home page).
    pub key: String,
    /// Output language.
    pub lang: String,
    /// Index into [`Site::sections`] of the version shown, if any `_index.md` exists.
    pub doc: Option<usize>,
    /// True when the shown version is in another language.
    pub fallback: bool,
    /// Root-relative URL.
    pub url: String,
    /// Entries (indexes into [`Site::entries`]) in display order.
    pub pages: Vec<usize>,
    /// Entries per list page.
    pub paginate_by: usize,
}

/// A tag in one language.
#[derive(Debug, Clone)]
pub struct Term {
    /// The tag as written.
    pub name: String,
    /// URL slug.
    pub slug: String,
    /// Root-relative URL.
    pub url: String,
    /// Entries, newest first.
    pub pages: Vec<usize>,
}

/// A file copied to the output as-is.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Output path relative to the output root.
    pub out: String,
    /// Source.
    pub src: theme::Source,
}

/// The loaded site.
#[derive(Debug)]
pub struct Site {
    /// The folder holding site.yaml.
    pub root: PathBuf,
    /// site.yaml.
    pub config: Config,
    /// Theme with overrides.
    pub theme: Theme,
    /// Every page version that is built.
    pub pages: Vec<Page>,
    /// Every section version.
    pub sections: Vec<Section>,
    /// Pages per output language.
    pub entries: Vec<Entry>,
    /// Sections per output language.
    pub section_entries: Vec<SectionEntry>,
    /// Tags per language code.
    pub terms: BTreeMap<String, Vec<Term>>,
    /// Files copied as-is.
    pub assets: Vec<Asset>,
    /// Warnings found while loading.
    pub warnings: Vec<Diagnostic>,
    /// `(key, lang)` → index into `entries`.
    pub entry_index: HashMap<(String, String), usize>,
    /// Content file path (relative to content/, e.g. `news/a.md`) → key.
    pub file_keys: HashMap<String, String>,
    /// Drafts were included.
    pub drafts: bool,
    /// Discipline notices, their rule lists and the as-of date.
    pub discipline: crate::discipline::Model,
    /// Pages (indexes into `pages`) built with `--drafts` although not fully signed off, with the
    /// review levels still missing: they carry a "not yet approved" banner.
    pub pending_review: BTreeMap<usize, Vec<String>>,
    /// Election results: meetings, bodies, people, statistics.
    pub results: crate::results::Results,
}

struct Found {
    path: PathBuf,
    shown: PathBuf,
    key: String,
    lang: String,
    section: bool,
    /// Directory of the page for its URL (`news`), and the default slug from the file name.
    dir: String,
    stem: String,
    bundle: bool,
}

fn split_lang<'a>(
    stem: &'a str,
    config: &Config,
) -> std::result::Result<(&'a str, Option<&'a str>), String> {
    if let Some((base, suffix)) = stem.rsplit_once('.') {
        if config.language(suffix).is_some() {
            return Ok((base, Some(suffix)));
        }
        let looks_like_lang = suffix.len() >= 2
            && suffix.len() <= 8
            && suffix
                .split('-')
                .next()
                .is_some_and(|p| p.len() <= 3 && p.chars().all(|c| c.is_ascii_lowercase()));
        if looks_like_lang {
            return Err(suffix.to_string());
        }
    }
    Ok((stem, None))
}

/// Markdown files found, and every other file (path under content/, full path).
type Walked = (Vec<Found>, Vec<(String, PathBuf)>);

/// Walks content/ once, sorted, classifying files.
fn walk(root: &Path, config: &Config) -> Result<Walked> {
    let content = root.join("content");
    let mut found = Vec::new();
    let mut others = Vec::new();
    let mut errors = Vec::new();
    if !content.is_dir() {
        return Err(Diagnostic::error("io", "content", 0, 0, "no content/ folder")
            .with_hint("create content/ with at least `_index.md`, or run `huanjie init DIR` for a new site")
            .into());
    }
    let walker = walkdir::WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !theme::is_ignored(e.file_name().to_string_lossy().as_ref())
        });
    for e in walker {
        let e = e.map_err(|e| {
            Diagnostic::error("io", "content", 0, 0, format!("cannot read content/: {e}"))
        })?;
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e.path().strip_prefix(&content).unwrap_or(e.path());
        let rel_s = rel.to_string_lossy().replace('\\', "/");
        let shown = Path::new("content").join(rel);
        let name = e.file_name().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".md") else {
            others.push((rel_s, e.path().to_path_buf()));
            continue;
        };
        if crate::results::owns_markdown(&rel_s) {
            continue; // a meeting's narrative, read by the results loader
        }
        let (base, lang) = match split_lang(stem, config) {
            Ok(x) => x,
            Err(bad) => {
                errors.push(
                    Diagnostic::error("language", &shown, 0, 0, format!("`{bad}` in the file name is not a language of this site"))
                        .with_hint(format!(
                            "translations are named `name.<code>.md` with a code from site.yaml's languages: {}",
                            config.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", ")
                        )),
                );
                continue;
            }
        };
        let lang = lang.unwrap_or(config.default_lang()).to_string();
        let dir = rel
            .parent()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let join = |a: &str, b: &str| {
            if a.is_empty() {
                b.to_string()
            } else {
                format!("{a}/{b}")
            }
        };
        let f = match base {
            "_index" => Found {
                path: e.path().into(),
                shown,
                key: dir.clone(),
                lang,
                section: true,
                dir,
                stem: String::new(),
                bundle: false,
            },
            "index" => {
                let (parent, folder) = match dir.rsplit_once('/') {
                    Some((p, f)) => (p.to_string(), f.to_string()),
                    None => (String::new(), dir.clone()),
                };
                Found {
                    path: e.path().into(),
                    shown,
                    key: dir.clone(),
                    lang,
                    section: false,
                    dir: parent,
                    stem: folder,
                    bundle: true,
                }
            }
            _ => Found {
                path: e.path().into(),
                shown,
                key: join(&dir, base),
                lang,
                section: false,
                dir,
                stem: base.to_string(),
                bundle: false,
            },
        };
        found.push(f);
    }
    if errors.is_empty() {
        Ok((found, others))
    } else {
        Err(Errors(errors))
    }
}

/// A parsed content file: a page or a section's `_index.md`.
// Both variants are large and live only between parsing and sorting: boxing buys nothing.
#[allow(clippy::large_enum_variant)]
pub enum Parsed {
    /// A page.
    Page(Page),
    /// A section's index.
    Section(Section),
}

impl Site {
    /// Loads and checks the site under `root`.
    pub fn load(root: &Path, opts: &LoadOptions) -> Result<Site> {
        Site::load_reusing(root, opts, &mut HashMap::new())
    }

    /// [`Site::load`], taking files parsed before from `reuse` (keyed by the path as shown,
    /// `content/news/a.md`) instead of reading them again; those taken are removed from it.
    /// `serve` passes the files of the last load that have not changed since.
    pub fn load_reusing(
        root: &Path,
        opts: &LoadOptions,
        reuse: &mut HashMap<PathBuf, Parsed>,
    ) -> Result<Site> {
        let mut config = Config::load(root)?;
        if let Some(b) = &opts.base_url {
            config.base_url = b.trim_end_matches('/').to_string();
            if let Err(why) = crate::config::check_base_url(&config.base_url) {
                return Err(
                    Diagnostic::error("usage", "--base-url", 0, 0, format!("`{b}` {why}"))
                        .with_hint("e.g. --base-url https://www.qinan.gov.cn")
                        .into(),
                );
            }
        }
        let (theme, mut warnings) = theme::load(root, &config)?;
        let (found, others) = walk(root, &config)?;

        let reused: Vec<Option<Parsed>> = found.iter().map(|f| reuse.remove(&f.shown)).collect();
        let parsed: Vec<Result<Parsed>> = found
            .par_iter()
            .zip(reused)
            .map(|(f, old)| {
                if let Some(old) = old {
                    return Ok(old);
                }
                let text = content::read_text(&f.path, &f.shown)?;
                if f.section {
                    content::parse_section(
                        &text,
                        &f.shown,
                        f.key.clone(),
                        f.lang.clone(),
                        &config.markdown,
                    )
                    .map(Parsed::Section)
                } else {
                    content::parse_page(
                        &text,
                        &f.shown,
                        f.key.clone(),
                        f.lang.clone(),
                        &config.markdown,
                    )
                    .map(Parsed::Page)
                }
            })
            .collect();
        let mut errors = Vec::new();
        let mut pages = Vec::new();
        let mut sections = Vec::new();
        let mut page_meta = Vec::new();
        let mut pending_review = BTreeMap::new();
        let build_date = crate::review::build_date();
        for (r, f) in parsed.into_iter().zip(&found) {
            match r {
                Err(e) => errors.extend(e.0),
                Ok(Parsed::Section(s)) => sections.push(s),
                Ok(Parsed::Page(p)) => {
                    if p.front.draft && !opts.drafts {
                        continue;
                    }
                    // 先审核、后发布: hold back pages not fully signed off (shown under --drafts).
                    match crate::review::verdict(&p, &config.review, build_date) {
                        Err(e) => {
                            errors.extend(e);
                            continue;
                        }
                        Ok(crate::review::Verdict::Pending(missing)) if opts.drafts => {
                            pending_review.insert(pages.len(), missing);
                        }
                        Ok(crate::review::Verdict::Pending(missing)) => {
                            warnings.push(crate::review::held_back(&p, &missing));
                            continue;
                        }
                        Ok(crate::review::Verdict::Approved) => {}
                    }
                    page_meta.push((f.dir.clone(), f.stem.clone(), f.bundle));
                    pages.push(p);
                }
            }
        }
        if !errors.is_empty() {
            return Err(Errors(errors));
        }
        let mut site = Site {
            root: root.to_path_buf(),
            config,
            theme,
            pages,
            sections,
            entries: Vec::new(),
            section_entries: Vec::new(),
            terms: BTreeMap::new(),
            assets: Vec::new(),
            warnings: Vec::new(),
            entry_index: HashMap::new(),
            file_keys: HashMap::new(),
            drafts: opts.drafts,
            discipline: Default::default(),
            pending_review,
            results: Default::default(),
        };
        site.route(&page_meta)?;
        warnings.extend(site.collect_assets(others, &found));
        let (discipline, notice_warnings) = crate::discipline::collect(&site)?;
        site.discipline = discipline;
        warnings.extend(notice_warnings);
        let (results, result_warnings) = crate::results::load(&site)?;
        site.results = results;
        warnings.extend(result_warnings);
        warnings.extend(image_alt_warnings(&site.pages));
        site.warnings = warnings;
        Ok(site)
    }

    /// The parsed pages and sections, by the path shown (`content/news/a.md`), for
    /// [`Site::load_reusing`].
    pub fn into_parsed(self) -> HashMap<PathBuf, Parsed> {
        let pages = self
            .pages
            .into_iter()
            .map(|p| (p.file.clone(), Parsed::Page(p)));
        pages
            .chain(
                self.sections
                    .into_iter()
                    .map(|s| (s.file.clone(), Parsed::Section(s))),
            )
            .collect()
    }

    /// The default language code.
    pub fn default_lang(&self) -> &str {
        self.config.default_lang()
    }

    fn route(&mut self, meta: &[(String, String, bool)]) -> Result<()> {
        let config = &self.config;
        let default = config.default_lang().to_string();
        let lang_order: HashMap<&str, usize> = config
            .languages
            .iter()
            .enumerate()
            .map(|(i, l)| (l.code.as_str(), i))
            .collect();

        // Group versions by key; the primary version is the default language's, else the first.
        let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, p) in self.pages.iter().enumerate() {
            by_key.entry(p.key.as_str()).or_default().push(i);
            let file = p
                .file
                .strip_prefix("content")
                .unwrap_or(&p.file)
                .to_string_lossy()
                .replace('\\', "/");
            self.file_keys.insert(file, p.key.clone());
        }
        let section_keys: BTreeMap<&str, Vec<usize>> =
            self.sections
                .iter()
                .enumerate()
                .fold(BTreeMap::new(), |mut m, (i, s)| {
                    m.entry(s.key.as_str()).or_insert_with(Vec::new).push(i);
                    m
                });
        let mut errors = Vec::new();
        let mut urls: HashMap<String, PathBuf> = HashMap::new();
        let mut claim = |url: &str, file: &Path, errors: &mut Vec<Diagnostic>| {
            if let Some(other) = urls.get(url) {
                errors.push(
                    Diagnostic::error(
                        "duplicate-url",
                        file,
                        0,
                        0,
                        format!(
                            "two pages have the URL {url}: {} and {}",
                            other.display(),
                            file.display()
                        ),
                    )
                    .with_hint("give one of them a different `slug` in its front matter"),
                );
            } else {
                urls.insert(url.to_string(), file.to_path_buf());
            }
        };

        // Sections: every section exists in every language.
        let mut all_section_keys: Vec<String> =
            section_keys.keys().map(|k| k.to_string()).collect();
        if !all_section_keys.iter().any(|k| k.is_empty()) {
            all_section_keys.insert(0, String::new());
        }
        for key in &all_section_keys {
            let versions = section_keys.get(key.as_str()).cloned().unwrap_or_default();
            for lang in &config.languages {
                let own = versions
                    .iter()
                    .copied()
                    .find(|&i| self.sections[i].lang == lang.code);
                let primary = versions.iter().copied().min_by_key(|&i| {
                    lang_order
                        .get(self.sections[i].lang.as_str())
                        .copied()
                        .unwrap_or(usize::MAX)
                });
                let doc = own.or(primary);
                let path = if key.is_empty() {
                    String::new()
                } else {
                    format!("{key}/")
                };
                let url = config.url(&lang.code, &path);
                let shown = doc
                    .map(|d| self.sections[d].file.clone())
                    .unwrap_or_else(|| PathBuf::from("content"));
                claim(&url, &shown, &mut errors);
                let paginate_by = doc
                    .and_then(|d| self.sections[d].front.paginate_by)
                    .unwrap_or(config.paginate_by)
                    .max(1);
                self.section_entries.push(SectionEntry {
                    key: key.clone(),
                    lang: lang.code.clone(),
                    doc,
                    fallback: own.is_none() && doc.is_some(),
                    url,
                    pages: Vec::new(),
                    paginate_by,
                });
            }
        }

        // Pages.
        for (key, versions) in &by_key {
            if versions.len() > 1 {
                // Two files with one key and one language: `a.md` and `a/index.md`.
                let mut seen: HashMap<&str, usize> = HashMap::new();
                for &i in versions {
                    if let Some(&j) = seen.get(self.pages[i].lang.as_str()) {
                        errors.push(
                            Diagnostic::error(
                                "duplicate-page",
                                &self.pages[i].file,
                                0,
                                0,
                                format!(
                                    "{} and {} are the same page",
                                    self.pages[j].file.display(),
                                    self.pages[i].file.display()
                                ),
                            )
                            .with_hint("keep one of them: either `name.md` or `name/index.md`"),
                        );
                    }
                    seen.insert(self.pages[i].lang.as_str(), i);
                }
            }
            let primary = versions
                .iter()
                .copied()
                .min_by_key(|&i| {
                    lang_order
                        .get(self.pages[i].lang.as_str())
                        .copied()
                        .unwrap_or(usize::MAX)
                })
                .expect("a key has a version");
            let (dir, stem, _) = &meta[primary];
            let p = &self.pages[primary];
            let default_slug = match (&p.front.slug, config.slug_from) {
                (Some(s), _) => s.clone(),
                (None, SlugFrom::Title) => romanize::slugify(p.title()),
                (None, SlugFrom::Filename) => {
                    if stem
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                    {
                        stem.to_ascii_lowercase()
                    } else {
                        romanize::slugify(stem)
                    }
                }
            };
            let section = section_of(dir, &all_section_keys);
            for lang in &config.languages {
                let own = versions
                    .iter()
                    .copied()
                    .find(|&i| self.pages[i].lang == lang.code);
                if own.is_none() && config.untranslated == Untranslated::Omit {
                    continue;
                }
                let doc = own.unwrap_or(primary);
                let slug = own
                    .and_then(|i| self.pages[i].front.slug.clone())
                    .unwrap_or_else(|| default_slug.clone());
                let path = if dir.is_empty() {
                    format!("{slug}/")
                } else {
                    format!("{dir}/{slug}/")
                };
                let url = config.url(&lang.code, &path);
                claim(&url, &self.pages[doc].file, &mut errors);
                self.entries.push(Entry {
                    key: key.to_string(),
                    lang: lang.code.clone(),
                    doc,
                    fallback: own.is_none(),
                    url,
                    section: section.clone(),
                });
            }
        }

        // Dates are required where the section sorts by date.
        for e in &self.entries {
            let sec = self
                .section_entries
                .iter()
                .find(|s| s.key == e.section && s.lang == e.lang);
            let sort = sec
                .and_then(|s| s.doc)
                .map(|d| self.sections[d].front.sort_by)
                .unwrap_or_default();
            let p = &self.pages[e.doc];
            if sort == SortBy::Date && p.date.is_none() && e.lang == p.lang {
                errors.push(
                    Diagnostic::error("missing-date", &p.file, 1, 1, "the page has no `date`")
                        .with_hint("add the publication date as the author gives it, e.g. `date: 2021-11-23`; pages of a section with `sort_by: weight` need none"),
                );
            }
        }
        if !errors.is_empty() {
            errors.sort_by(|a, b| a.file.cmp(&b.file).then(a.message.cmp(&b.message)));
            errors.dedup();
            return Err(Errors(errors));
        }

        for (i, e) in self.entries.iter().enumerate() {
            self.entry_index.insert((e.key.clone(), e.lang.clone()), i);
        }

        // Section membership and order.
        let pages = &self.pages;
        let sections = &self.sections;
        let entries = &self.entries;
        for se in &mut self.section_entries {
            let sort = se
                .doc
                .map(|d| sections[d].front.sort_by)
                .unwrap_or_default();
            let mut list: Vec<usize> = entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.section == se.key && e.lang == se.lang)
                .map(|(i, _)| i)
                .collect();
            sort_entries(&mut list, sort, entries, pages);
            se.pages = list;
        }

        // Tags per language, from pages shown in their own language.
        for lang in &config.languages {
            let mut by_tag: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
            for (i, e) in entries.iter().enumerate() {
                if e.lang == lang.code && !e.fallback {
                    for t in &pages[e.doc].front.tags {
                        by_tag.entry(t.as_str()).or_default().push(i);
                    }
                }
            }
            let mut used = std::collections::HashSet::new();
            let mut terms = Vec::new();
            for (name, mut list) in by_tag {
                list.dedup();
                sort_entries(&mut list, SortBy::Date, entries, pages);
                // Tags whose romanisations meet (A and a, 换届 and 环节) get -2, -3 …, never a
                // slug another tag already has.
                let base = romanize::slugify(name);
                let mut slug = base.clone();
                let mut n = 1;
                while !used.insert(slug.clone()) {
                    n += 1;
                    slug = format!("{base}-{n}");
                }
                let url = config.url(&lang.code, &format!("tags/{slug}/"));
                terms.push(Term {
                    name: name.to_string(),
                    slug,
                    url,
                    pages: list,
                });
            }
            self.terms.insert(lang.code.clone(), terms);
        }
        let _ = default;
        Ok(())
    }

    /// Files copied from content/ and the theme; warns of content files left out.
    fn collect_assets(
        &mut self,
        others: Vec<(String, PathBuf)>,
        found: &[Found],
    ) -> Vec<Diagnostic> {
        let mut warnings = Vec::new();
        let bundles: HashMap<&str, &str> = found
            .iter()
            .filter(|f| f.bundle)
            .map(|f| (f.key.as_str(), f.key.as_str()))
            .collect();
        let mut held: Vec<String> = Vec::new();
        for (rel, path) in others {
            let lower = rel.to_ascii_lowercase();
            if lower.ends_with(".yaml") || lower.ends_with(".yml") {
                continue; // data, read by the results loader
            }
            // Only media and documents meant for readers are published from content/: a
            // backup (people.yaml.bak), a spreadsheet of names or an editor's leftover may
            // hold personal data.
            let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
            if !PUBLISHED_EXTENSIONS.contains(&ext) {
                held.push(rel);
                continue;
            }
            let dir = rel.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
            let name = rel.rsplit_once('/').map(|(_, n)| n).unwrap_or(&rel);
            match bundles.get(dir) {
                // A bundle's files go beside the page in every language that shows it, so a
                // relative `![](photo.jpg)` works on each version.
                Some(key) => {
                    let outs: Vec<String> = self
                        .config
                        .languages
                        .iter()
                        .filter_map(|l| self.entry_index.get(&(key.to_string(), l.code.clone())))
                        .map(|&i| format!("{}{name}", self.entries[i].url.trim_start_matches('/')))
                        .collect();
                    // No entry: the page is a draft left out, and so are its files.
                    for out in outs {
                        self.assets.push(Asset {
                            out,
                            src: theme::Source::File(path.clone()),
                        });
                    }
                }
                None => self.assets.push(Asset {
                    out: rel.clone(),
                    src: theme::Source::File(path),
                }),
            }
        }
        if !held.is_empty() {
            warnings.push(
                Diagnostic::warning(
                    "not-published",
                    "content",
                    0,
                    0,
                    format!("{} file(s) in content/ are not published because of their type: {}", held.len(), held.join(", ")),
                )
                .with_hint(format!(
                    "content/ publishes Markdown pages and these file types only: {}; put other files meant for readers in static/",
                    PUBLISHED_EXTENSIONS.join(", ")
                )),
            );
        }
        for (out, src) in &self.theme.statics {
            self.assets.push(Asset {
                out: out.clone(),
                src: src.clone(),
            });
        }
        warnings
    }

    /// Moves the rendered body of every page out of the site, by page index, for
    /// [`crate::render::render_sharing_bodies`]. The pages keep everything else.
    pub fn take_page_bodies(&mut self) -> Vec<std::sync::Arc<str>> {
        self.pages
            .iter_mut()
            .map(|p| std::sync::Arc::from(std::mem::take(&mut p.body.html)))
            .collect()
    }

    /// Per entry: the older and the newer entry of its section (lists are newest first), for
    /// an article's "previous" and "next" links.
    pub fn neighbours(&self) -> Vec<(Option<usize>, Option<usize>)> {
        let mut n = vec![(None, None); self.entries.len()];
        for se in &self.section_entries {
            for (pos, &i) in se.pages.iter().enumerate() {
                n[i] = (
                    se.pages.get(pos + 1).copied(),
                    pos.checked_sub(1).map(|p| se.pages[p]),
                );
            }
        }
        n
    }

    /// The entry of `key` in `lang`.
    pub fn entry(&self, key: &str, lang: &str) -> Option<&Entry> {
        self.entry_index
            .get(&(key.to_string(), lang.to_string()))
            .map(|&i| &self.entries[i])
    }
}

/// File types copied from content/ to the output: images, media and documents. Spreadsheets
/// and text data are left out: they are where rosters with personal data live.
pub const PUBLISHED_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "bmp", "pdf", "doc", "docx", "ppt",
    "pptx", "odt", "odp", "wps", "ofd", "mp4", "webm", "mp3", "m4a", "ogg", "wav",
];

/// A warning for every image of `pages` without alt text (always the last warnings of a load,
/// so `serve` can renew them after a body-only edit).
pub fn image_alt_warnings(pages: &[Page]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in pages {
        for img in p.body.images.iter().filter(|i| i.alt.trim().is_empty()) {
            out.push(
                Diagnostic::warning(
                    "image-alt",
                    &p.file,
                    img.line,
                    img.column,
                    format!("image `{}` has no alt text", img.src),
                )
                .with_hint(
                    "describe the image for readers who cannot see it: ![县委全会会场](photo.jpg)",
                ),
            );
        }
    }
    out
}

/// The nearest section holding a page in folder `dir`.
fn section_of(dir: &str, sections: &[String]) -> String {
    let mut d = dir;
    loop {
        if sections.iter().any(|s| s == d) {
            return d.to_string();
        }
        match d.rsplit_once('/') {
            Some((p, _)) => d = p,
            None if !d.is_empty() => d = "",
            None => return String::new(),
        }
    }
}

fn sort_entries(list: &mut [usize], sort: SortBy, entries: &[Entry], pages: &[Page]) {
    list.sort_by(|&a, &b| {
        let (pa, pb) = (&pages[entries[a].doc], &pages[entries[b].doc]);
        let by = match sort {
            SortBy::Date => pb.date.cmp(&pa.date),
            SortBy::Weight => pa
                .front
                .weight
                .unwrap_or(i64::MAX)
                .cmp(&pb.front.weight.unwrap_or(i64::MAX))
                .then_with(|| pa.title().cmp(pb.title())),
        };
        by.then_with(|| entries[a].key.cmp(&entries[b].key))
    });
}
