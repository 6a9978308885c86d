//! Rule family `links`: every internal link and `#anchor` resolves, in every language a page is
//! shown in; images exist; external links are listed, never fetched.
//!
//! Links are resolved against the site as rendered into memory: a link works when the output
//! has the file (`/news/a/` → `news/a/index.html`), and an anchor when the target HTML has an
//! element with that `id` (headings, footnotes, anything a template writes). A page shown in a
//! language without its own translation (fallback) is checked at that language's URL too, which
//! is what breaks relative links to a bundle's images.

use super::{Ctx, Finding};
use crate::content::markdown::{Image, Link};
use crate::output::{File, Output};
use crate::site::Site;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// What a link's destination is.
enum Target {
    /// Another site (http, https, ftp, protocol-relative).
    External,
    /// Nothing to check (mailto:, tel:, javascript:, data: …, or empty).
    Skip,
    /// A path of this site, made absolute, with its fragment.
    Internal {
        path: String,
        fragment: Option<String>,
    },
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let Some(v) = std::str::from_utf8(&b[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Joins `link` to the directory of `page_url` and normalises `.` and `..`.
fn join(page_url: &str, link: &str) -> String {
    let mut parts: Vec<&str> = if link.starts_with('/') {
        Vec::new()
    } else {
        let dir = match page_url.rfind('/') {
            Some(i) => &page_url[..i],
            None => "",
        };
        dir.split('/').filter(|s| !s.is_empty()).collect()
    };
    let trailing = link.ends_with('/')
        || link.is_empty()
        || link.ends_with("/.")
        || link.ends_with("/..")
        || link == "."
        || link == "..";
    for seg in link.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if trailing && !out.ends_with('/') {
        out.push('/');
    }
    out
}

fn classify(url: &str, page_url: &str, base_url: &str) -> Target {
    let url = url.trim();
    if url.is_empty() {
        return Target::Skip;
    }
    let url = match url
        .strip_prefix(base_url)
        .filter(|r| !base_url.is_empty() && (r.is_empty() || r.starts_with(['/', '#', '?'])))
    {
        Some(r) => {
            if r.is_empty() {
                "/"
            } else {
                r
            }
        }
        None => url,
    };
    if url.starts_with("//") {
        return Target::External;
    }
    if let Some(colon) = url.find(':') {
        let scheme = &url[..colon];
        if !scheme.is_empty()
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
            && !scheme.contains('/')
        {
            return match scheme.to_ascii_lowercase().as_str() {
                "http" | "https" | "ftp" => Target::External,
                _ => Target::Skip,
            };
        }
    }
    let (rest, fragment) = match url.split_once('#') {
        Some((r, f)) => (r, Some(percent_decode(f))),
        None => (url, None),
    };
    let rest = rest.split('?').next().unwrap_or(rest);
    let path = if rest.is_empty() {
        page_url.to_string()
    } else {
        join(page_url, &percent_decode(rest))
    };
    Target::Internal { path, fragment }
}

/// The output file a site path leads to, as a static server would find it.
fn lookup(out: &Output, path: &str) -> Option<String> {
    let p = path.trim_start_matches('/');
    if p.is_empty() || p.ends_with('/') {
        let k = format!("{p}index.html");
        return out.files.contains_key(&k).then_some(k);
    }
    if out.files.contains_key(p) {
        return Some(p.to_string());
    }
    let k = format!("{p}/index.html");
    out.files.contains_key(&k).then_some(k)
}

/// The `id`s of an HTML file.
fn html_ids(html: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    let mut rest = html;
    while let Some(i) = rest.find("id=") {
        let before = rest[..i].chars().next_back();
        let after = &rest[i + 3..];
        rest = after;
        if !before.is_some_and(char::is_whitespace) {
            continue;
        }
        let (q, body) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => (q, &after[1..]),
            _ => continue,
        };
        if let Some(end) = body.find(q) {
            let v = &body[..end];
            ids.insert(
                v.replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&#x27;", "'")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&"),
            );
        }
    }
    ids
}

/// One document whose links are checked: where it is, and the URLs it is shown at.
struct Doc<'a> {
    file: &'a Path,
    lang: &'a str,
    links: &'a [Link],
    images: &'a [Image],
    /// (language, URL, shown in its own language).
    shown: Vec<(String, String, bool)>,
}

struct Checker<'a> {
    site: &'a Site,
    out: &'a Output,
    ids: HashMap<String, HashSet<String>>,
    /// Page and section URL → (kind, key, language).
    owners: HashMap<String, (bool, String, String)>,
    urls: Vec<String>,
}

impl Checker<'_> {
    fn ids_of(&mut self, file: &str) -> Option<&HashSet<String>> {
        if !file.ends_with(".html") {
            return None;
        }
        if !self.ids.contains_key(file) {
            let html = match self.out.files.get(file)? {
                File::Copy(_) => return None,
                File::Bytes(_) | File::Spliced(..) => {
                    String::from_utf8_lossy(&self.out.get(file)?).into_owned()
                }
            };
            self.ids.insert(file.to_string(), html_ids(&html));
        }
        self.ids.get(file)
    }

    /// Has `key` its own version in `lang` (section when `section`)?
    fn translated(&self, section: bool, key: &str, lang: &str) -> bool {
        if section {
            self.site
                .section_entries
                .iter()
                .any(|s| s.key == key && s.lang == lang && s.doc.is_some() && !s.fallback)
        } else {
            self.site.entry(key, lang).is_some_and(|e| !e.fallback)
        }
    }

    /// The URL of a content file named in a `.md` link, in `lang`.
    fn md_target(&self, from_file: &Path, link: &str, lang: &str) -> Option<String> {
        let dir = from_file
            .strip_prefix("content")
            .unwrap_or(from_file)
            .parent()
            .map(super::show)
            .unwrap_or_default();
        let joined = join(&format!("/{dir}/x"), link.split('#').next().unwrap_or(link));
        let rel = joined.trim_start_matches('/');
        let key = self.site.file_keys.get(rel)?;
        self.site.entry(key, lang).map(|e| e.url.clone())
    }

    fn check_doc(&mut self, cx: &mut Ctx, d: &Doc) {
        let base_url = self.site.config.base_url.clone();
        let all_links: Vec<(&str, usize, usize, bool)> = d
            .links
            .iter()
            .map(|l| (l.url.as_str(), l.line, l.column, false))
            .chain(
                d.images
                    .iter()
                    .map(|i| (i.src.as_str(), i.line, i.column, true)),
            )
            .collect();
        for (url, line, col, is_image) in all_links {
            let (line, col) = (&line, &col);
            let mut broken: Vec<(String, String)> = Vec::new();
            let mut working: Option<String> = None;
            let mut bad_anchor: Vec<(String, String)> = Vec::new();
            let mut external = false;
            for (lang, page_url, own) in &d.shown {
                match classify(url, page_url, &base_url) {
                    Target::Skip => {}
                    Target::External => external = true,
                    Target::Internal { path, fragment } => match lookup(self.out, &path) {
                        None => broken.push((lang.clone(), path)),
                        Some(file) => {
                            if is_image && file.ends_with(".html") {
                                broken.push((lang.clone(), path));
                                continue;
                            }
                            working.get_or_insert_with(|| path.clone());
                            if let Some(frag) = fragment.filter(|f| !f.is_empty())
                                && let Some(ids) = self.ids_of(&file)
                                && !ids.contains(&frag)
                            {
                                bad_anchor.push((lang.clone(), format!("{path}#{frag}")));
                            }
                            if *own && !is_image {
                                let norm = if path.ends_with('/') {
                                    path.clone()
                                } else {
                                    format!("{path}/")
                                };
                                if let Some((section, key, target_lang)) =
                                    self.owners.get(&norm).cloned()
                                    && target_lang != *lang
                                    && self.translated(section, &key, lang)
                                {
                                    let better = if section {
                                        self.site
                                            .section_entries
                                            .iter()
                                            .find(|s| s.key == key && s.lang == *lang)
                                            .map(|s| s.url.clone())
                                    } else {
                                        self.site.entry(&key, lang).map(|e| e.url.clone())
                                    };
                                    cx.push(
                                        Finding::new("link-language", d.file, *line, *col, format!("`{url}` is the {target_lang} version of a page translated into {lang}, the language of this page"))
                                            .with_fix(format!("link to {}", better.unwrap_or_default())),
                                    );
                                }
                            }
                        }
                    },
                }
            }
            if external {
                let what = if is_image {
                    "an image on another site"
                } else {
                    "a link to another site"
                };
                cx.push(Finding::new("external-link", d.file, *line, *col, format!("{what}: {url}")).with_fix("not fetched by huanjie: check by hand that it still works before publishing"));
            }
            if !broken.is_empty() {
                let rule = if is_image {
                    "missing-image"
                } else {
                    "broken-link"
                };
                let all = broken.len() == d.shown.len() || d.shown.len() <= 1;
                let what = if is_image { "image" } else { "link" };
                let msg = if all {
                    format!(
                        "{what} `{url}` leads to nothing: the site has no {}",
                        broken[0].1
                    )
                } else {
                    let list: Vec<String> =
                        broken.iter().map(|(l, p)| format!("{p} ({l})")).collect();
                    format!(
                        "{what} `{url}` breaks where the page is shown in another language: no {}",
                        list.join(", ")
                    )
                };
                let fix = if url.split('#').next().is_some_and(|u| u.ends_with(".md")) {
                    match self.md_target(d.file, url, d.lang) {
                        Some(u) => format!("link to the page's URL: {u}"),
                        None => "link to the page's URL (/section/slug/), not to its Markdown file"
                            .into(),
                    }
                } else if !all {
                    format!(
                        "write the path from the site root, which is the same in every language: {}",
                        working.unwrap_or_default()
                    )
                } else if is_image && url.starts_with('/') {
                    format!(
                        "add the file as static{} (or correct the path)",
                        broken[0].1
                    )
                } else if is_image {
                    "make the page a bundle (news/a.md → news/a/index.md) with the image beside it, or write a path from the site root to a file under static/".into()
                } else {
                    let target = broken[0].1.clone();
                    let known: Vec<&str> = self.urls.iter().map(String::as_str).collect();
                    match crate::error::nearest(&target, &known) {
                        Some(n) => format!("did you mean {n}?"),
                        None => "check the URL: pages are at /section/slug/ (see the slug in the target's front matter)".into(),
                    }
                };
                cx.push(Finding::new(rule, d.file, *line, *col, msg).with_fix(fix));
            } else if let Some((_, target)) = bad_anchor.first() {
                let frag = target.split_once('#').map(|x| x.1).unwrap_or("");
                let page = target.split_once('#').map(|x| x.0).unwrap_or("");
                let ids: Vec<String> = lookup(self.out, page)
                    .and_then(|f| self.ids_of(&f).cloned())
                    .map(|s| s.into_iter().collect())
                    .unwrap_or_default();
                let known: Vec<&str> = ids.iter().map(String::as_str).collect();
                let fix = match crate::error::nearest(frag, &known) {
                    Some(n) => format!("did you mean #{n}?"),
                    None => "link to a heading's anchor: `## 一、工作回顾` has the id 一工作回顾; or give the heading an id: `## 标题 {#my-id}`".into(),
                };
                cx.push(
                    Finding::new(
                        "broken-anchor",
                        d.file,
                        *line,
                        *col,
                        format!("`{url}`: {page} has no element with id `{frag}`"),
                    )
                    .with_fix(fix),
                );
            }
        }
    }
}

/// Checks the links and images of every page, section and meeting narrative.
pub fn check(cx: &mut Ctx, site: &Site, out: &Output) {
    let mut owners = HashMap::new();
    for e in &site.entries {
        owners.insert(
            e.url.clone(),
            (false, e.key.clone(), site.pages[e.doc].lang.clone()),
        );
    }
    for s in &site.section_entries {
        if let Some(d) = s.doc {
            owners.insert(
                s.url.clone(),
                (true, s.key.clone(), site.sections[d].lang.clone()),
            );
        }
    }
    let urls: Vec<String> = out
        .files
        .keys()
        .filter(|k| k.ends_with("index.html") && !k.contains("/page/"))
        .map(|k| format!("/{}", k.trim_end_matches("index.html")))
        .collect();
    let mut ch = Checker {
        site,
        out,
        ids: HashMap::new(),
        owners,
        urls,
    };
    for (i, p) in site.pages.iter().enumerate() {
        let shown = site
            .entries
            .iter()
            .filter(|e| e.doc == i)
            .map(|e| (e.lang.clone(), e.url.clone(), !e.fallback))
            .collect();
        ch.check_doc(
            cx,
            &Doc {
                file: &p.file,
                lang: &p.lang,
                links: &p.body.links,
                images: &p.body.images,
                shown,
            },
        );
    }
    for (i, s) in site.sections.iter().enumerate() {
        let shown = site
            .section_entries
            .iter()
            .filter(|e| e.doc == Some(i))
            .map(|e| (e.lang.clone(), e.url.clone(), !e.fallback))
            .collect();
        ch.check_doc(
            cx,
            &Doc {
                file: &s.file,
                lang: &s.lang,
                links: &s.body.links,
                images: &s.body.images,
                shown,
            },
        );
    }
    narratives(cx, &mut ch);
}

/// Meeting narratives (content/meetings/<id>/index.md) are read by the results loader, which
/// keeps only their HTML: their links are collected here from the files.
fn narratives(cx: &mut Ctx, ch: &mut Checker) {
    let site = ch.site;
    let default = site.default_lang().to_string();
    for m in &site.results.meetings {
        let mut own: Vec<(String, String)> = Vec::new();
        for l in &site.config.languages {
            let name = if l.code == default {
                "index.md".to_string()
            } else {
                format!("index.{}.md", l.code)
            };
            let shown = format!("content/meetings/{}/{name}", m.id);
            if site.root.join(&shown).is_file() {
                own.push((l.code.clone(), shown));
            }
        }
        for (lang, shown) in &own {
            let Some(file) = cx.files.get(cx.root, Path::new(shown)) else {
                continue;
            };
            let (_, body_start) = super::text::split(&file.text);
            let body_line = file.locate(body_start).0;
            let mut r =
                crate::content::markdown::render(&file.text[body_start..], &site.config.markdown);
            for l in &mut r.links {
                l.line += body_line - 1;
            }
            for i in &mut r.images {
                i.line += body_line - 1;
            }
            // Shown in its language, and as the fallback where a language has none of its own.
            let langs: Vec<(String, bool)> = site
                .config
                .languages
                .iter()
                .filter(|l| {
                    l.code == *lang || (*lang == default && !own.iter().any(|(o, _)| *o == l.code))
                })
                .map(|l| (l.code.clone(), l.code == *lang))
                .collect();
            let shown_at = langs
                .into_iter()
                .map(|(l, o)| {
                    (
                        l.clone(),
                        site.config.url(&l, &format!("meetings/{}/", m.id)),
                        o,
                    )
                })
                .collect();
            ch.check_doc(
                cx,
                &Doc {
                    file: Path::new(shown),
                    lang,
                    links: &r.links,
                    images: &r.images,
                    shown: shown_at,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joining_and_classifying() {
        assert_eq!(join("/news/a/", "../b/"), "/news/b/");
        assert_eq!(join("/news/a/", "photo.jpg"), "/news/a/photo.jpg");
        assert_eq!(join("/en/news/a/", "/news/b/"), "/news/b/");
        assert_eq!(join("/news/a/", ".."), "/news/");
        assert!(matches!(
            classify("https://x.cn/a", "/", "https://example.gov.cn"),
            Target::External
        ));
        assert!(matches!(classify("mailto:a@b.cn", "/", ""), Target::Skip));
        match classify(
            "https://example.gov.cn/news/a/#%E4%B8%80",
            "/",
            "https://example.gov.cn",
        ) {
            Target::Internal { path, fragment } => {
                assert_eq!(path, "/news/a/");
                assert_eq!(fragment.as_deref(), Some("一"));
            }
            _ => panic!("internal"),
        }
    }

    #[test]
    fn ids_are_read_from_html() {
        let ids = html_ids(
            r#"<h2 id="一工作回顾">x</h2><div data-id="no" id='b&amp;c'></div><p valid="x">"#,
        );
        assert!(ids.contains("一工作回顾") && ids.contains("b&c"));
        assert_eq!(ids.len(), 2);
    }
}
