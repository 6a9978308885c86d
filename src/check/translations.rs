//! Rule family `translations`: what a reader of a secondary language sees in the default
//! language. Pages and sections without their own translation, UI strings of the theme left in
//! Chinese, and texts of site.yaml and the results data given in one language only; with a
//! coverage figure per language for the summary.
//!
//! A text needs translating when it holds Chinese characters (a number or a URL reads the same in
//! every language); into a Traditional Chinese language, when it holds characters that differ.
//! Texts the results loader generates (English place names, meeting names, the usual posts)
//! count as translated.

use super::{Coverage, Ctx, Finding, artifacts};
use crate::i18n::{self, Localized};
use crate::site::Site;
use crate::yaml::{Seg, locate};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// True when `text` (in the default language) must be translated to be read in `lang`.
fn needs(text: &str, lang: &str) -> bool {
    if i18n::is_chinese(lang) {
        artifacts::is_traditional(lang)
            && text.chars().any(|c| artifacts::traditional_of(c).is_some())
    } else {
        text.chars().any(artifacts::is_han)
    }
}

/// The file that would hold the translation of `file` (a `.md` in `from_lang`) into `lang`.
fn translation_file(file: &Path, from_lang: &str, lang: &str) -> String {
    let s = super::show(file);
    let stem = s.strip_suffix(".md").unwrap_or(&s);
    let stem = stem.strip_suffix(&format!(".{from_lang}")).unwrap_or(stem);
    format!("{stem}.{lang}.md")
}

/// A text of the data, where it is written.
struct Field<'a> {
    text: &'a Localized,
    file: String,
    /// Key path in the file, located only when the field is reported.
    path: Vec<Seg<'static>>,
    what: String,
}

/// Where the items of the results lists are: id → (file, index in its list, text).
fn data_index(cx: &mut Ctx, name: &str) -> HashMap<String, (String, usize)> {
    let mut files = Vec::new();
    for ext in ["yaml", "yml"] {
        let p = format!("content/{name}.{ext}");
        if cx.root.join(&p).is_file() {
            files.push(p);
        }
    }
    let dir = cx.root.join("content").join(name);
    if dir.is_dir() {
        let mut more: Vec<String> = walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| {
                e.file_type().is_file()
                    && e.path()
                        .extension()
                        .is_some_and(|x| x == "yaml" || x == "yml")
            })
            .filter_map(|e| e.path().strip_prefix(cx.root).ok().map(super::show))
            .collect();
        more.sort();
        files.extend(more);
    }
    let mut out = HashMap::new();
    for f in files {
        let Some(src) = cx.files.get(cx.root, Path::new(&f)) else {
            continue;
        };
        let Ok(list) = serde_yaml::from_str::<Vec<serde_yaml::Value>>(&src.text) else {
            continue;
        };
        for (i, v) in list.iter().enumerate() {
            if let Some(id) = v.get("id").and_then(|x| x.as_str()) {
                out.entry(id.to_string()).or_insert((f.clone(), i));
            }
        }
    }
    out
}

fn at(cx: &mut Ctx, file: &str, path: &[Seg]) -> (usize, usize) {
    cx.files
        .get(cx.root, Path::new(file))
        .map(|f| locate(&f.text, path, 1))
        .unwrap_or((0, 0))
}

/// Every text of site.yaml and the results data a reader sees.
fn fields<'a>(cx: &mut Ctx, site: &'a Site) -> Vec<Field<'a>> {
    use Seg::{Index, Key};
    let mut out = Vec::new();
    let c = &site.config;
    let mut add =
        |_: &mut Ctx, text: &'a Localized, file: &str, path: &[Seg<'static>], what: String| {
            out.push(Field {
                text,
                file: file.to_string(),
                path: path.to_vec(),
                what,
            });
        };
    add(
        cx,
        &c.title,
        "site.yaml",
        &[Key("title")],
        "the site title".into(),
    );
    for (key, text) in [
        ("sponsor", &c.footer.sponsor),
        ("contact", &c.footer.contact),
        ("address", &c.footer.address),
    ] {
        add(
            cx,
            text,
            "site.yaml",
            &[Key("footer"), Key(key)],
            format!("footer.{key}"),
        );
    }
    add(
        cx,
        &c.footer.icp.number,
        "site.yaml",
        &[Key("footer"), Key("icp"), Key("number")],
        "footer.icp.number".into(),
    );
    add(
        cx,
        &c.footer.psb.number,
        "site.yaml",
        &[Key("footer"), Key("psb"), Key("number")],
        "footer.psb.number".into(),
    );

    let r = &site.results;
    let bodies = data_index(cx, "bodies");
    for b in &r.bodies {
        let Some((file, i)) = bodies.get(&b.id).cloned() else {
            continue;
        };
        add(
            cx,
            &b.data.name,
            &file,
            &[Index(i), Key("name")],
            format!("name of body `{}`", b.id),
        );
        if let Some(s) = &b.data.short_name {
            add(
                cx,
                s,
                &file,
                &[Index(i), Key("short_name")],
                format!("short_name of body `{}`", b.id),
            );
        }
        add(
            cx,
            &b.place,
            &file,
            &[Index(i), Key("place")],
            format!("place of body `{}`", b.id),
        );
        for (pi, p) in b.posts.iter().enumerate() {
            add(
                cx,
                &p.name,
                &file,
                &[Index(i), Key("posts"), Index(pi), Key("name")],
                format!("name of post `{}` of body `{}`", p.id, b.id),
            );
        }
    }
    let people = data_index(cx, "people");
    for p in &r.people {
        let Some((file, i)) = people.get(&p.id).cloned() else {
            continue;
        };
        for (key, v) in [
            ("native_place", &p.data.native_place),
            ("post", &p.data.post),
            ("party", &p.data.party),
        ] {
            if let Some(v) = v {
                add(
                    cx,
                    v,
                    &file,
                    &[Index(i), Key(key)],
                    format!("{key} of person `{}`", p.id),
                );
            }
        }
    }
    for m in &r.meetings {
        let file = format!("content/meetings/{}/meeting.yaml", m.id);
        add(
            cx,
            &m.name,
            &file,
            &[Key("name")],
            format!("name of meeting `{}`", m.id),
        );
        add(
            cx,
            &m.place,
            &file,
            &[Key("place")],
            format!("place of meeting `{}`", m.id),
        );
        if let Some(v) = &m.data.venue {
            add(
                cx,
                v,
                &file,
                &[Key("venue")],
                format!("venue of meeting `{}`", m.id),
            );
        }
        for (k, a) in m.data.agenda.iter().enumerate() {
            add(
                cx,
                a,
                &file,
                &[Key("agenda"), Index(k)],
                format!("agenda item {} of meeting `{}`", k + 1, m.id),
            );
        }
    }
    out
}

/// Reports what is missing in each secondary language and returns the coverage figures.
pub fn check(cx: &mut Ctx, site: &Site) -> Vec<Coverage> {
    let default = site.default_lang().to_string();
    let fields = fields(cx, site);
    let mut coverage = Vec::new();
    let omit = site.config.untranslated == crate::config::Untranslated::Omit;
    for lang in site.config.languages.iter().skip(1).map(|l| l.code.clone()) {
        let mut cov = Coverage {
            lang: lang.clone(),
            ..Coverage::default()
        };

        // Pages and sections, by translation key.
        let mut pages: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, p) in site.pages.iter().enumerate() {
            pages.entry(p.key.as_str()).or_default().push(i);
        }
        for (key, versions) in &pages {
            cov.pages.1 += 1;
            if versions.iter().any(|&i| site.pages[i].lang == lang) {
                cov.pages.0 += 1;
                continue;
            }
            let primary = &site.pages[versions
                .iter()
                .copied()
                .find(|&i| site.pages[i].lang == default)
                .unwrap_or(versions[0])];
            let shown = if omit {
                format!("the page is left out of {lang}")
            } else {
                let url = site
                    .entry(key, &lang)
                    .map(|e| e.url.clone())
                    .unwrap_or_default();
                format!("{url} shows the {} text", primary.lang)
            };
            cx.push(
                Finding::new(
                    "untranslated-page",
                    &primary.file,
                    0,
                    0,
                    format!("no {lang} translation: {shown}"),
                )
                .with_fix(format!(
                    "add {}",
                    translation_file(&primary.file, &primary.lang, &lang)
                )),
            );
        }
        let mut sections: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, s) in site.sections.iter().enumerate() {
            sections.entry(s.key.as_str()).or_default().push(i);
        }
        for versions in sections.values() {
            cov.pages.1 += 1;
            if versions.iter().any(|&i| site.sections[i].lang == lang) {
                cov.pages.0 += 1;
                continue;
            }
            let primary = &site.sections[versions
                .iter()
                .copied()
                .find(|&i| site.sections[i].lang == default)
                .unwrap_or(versions[0])];
            cx.push(
                Finding::new(
                    "untranslated-page",
                    &primary.file,
                    0,
                    0,
                    format!("no {lang} translation of this section's title and text"),
                )
                .with_fix(format!(
                    "add {}",
                    translation_file(&primary.file, &primary.lang, &lang)
                )),
            );
        }

        // UI strings: the theme's strings of `lang` are completed from the default language, so
        // a string that is still the default language's text is untranslated.
        let base = site
            .theme
            .strings
            .get(&default)
            .cloned()
            .unwrap_or_default();
        let own = site.theme.strings.get(&lang).cloned().unwrap_or_default();
        let mut missing = BTreeSet::new();
        for (k, v) in &base {
            if !needs(v, &lang) {
                continue;
            }
            cov.strings.1 += 1;
            if own.get(k).is_some_and(|x| x != v) {
                cov.strings.0 += 1;
            } else {
                missing.insert(k.clone());
            }
        }
        // Strings that read the same in every language count as translated.
        let same = base.len() - cov.strings.1;
        cov.strings = (cov.strings.0 + same, cov.strings.1 + same);
        if !missing.is_empty() {
            let keys: Vec<&str> = missing.iter().map(String::as_str).collect();
            // Point at the first of them the site's own i18n file holds, if any.
            let file = format!("i18n/{lang}.yaml");
            let (line, col) = match cx.files.get(cx.root, Path::new(&file)) {
                Some(src) => keys
                    .iter()
                    .find_map(|k| {
                        src.text
                            .lines()
                            .position(|l| l.starts_with(&format!("{k}:")))
                            .map(|i| (i + 1, 1))
                    })
                    .unwrap_or((0, 0)),
                None => (0, 0),
            };
            cx.push(
                Finding::new("untranslated-string", &file, line, col, format!("{} UI string(s) shown in {default} on {lang} pages: {}", keys.len(), keys.join(", ")))
                    .with_fix(format!("translate them in i18n/{lang}.yaml beside site.yaml (it overrides the theme's strings key by key)")),
            );
        }

        // Texts of site.yaml and the results data.
        for f in &fields {
            let text = f.text.text(&default, &default);
            if text.is_empty() || !needs(text, &lang) {
                continue;
            }
            cov.fields.1 += 1;
            if f.text.has(&lang, &default) {
                cov.fields.0 += 1;
            } else {
                let (line, column) = at(cx, &f.file, &f.path);
                cx.push(
                    Finding::new(
                        "untranslated-field",
                        &f.file,
                        line,
                        column,
                        format!("{} has no {lang} text: {lang} pages show `{text}`", f.what),
                    )
                    .with_fix(format!(
                        "write it as a map by language: `{{{default}: {text}, {lang}: …}}`"
                    )),
                );
            }
        }
        coverage.push(cov);
    }
    coverage
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translation_file_names() {
        assert_eq!(
            translation_file(Path::new("content/news/a.md"), "zh-Hans", "en"),
            "content/news/a.en.md"
        );
        assert_eq!(
            translation_file(Path::new("content/news/b/index.md"), "zh-Hans", "en"),
            "content/news/b/index.en.md"
        );
        assert_eq!(
            translation_file(Path::new("content/news/c.en.md"), "en", "zh-Hant"),
            "content/news/c.zh-Hant.md"
        );
    }

    #[test]
    fn what_needs_translating() {
        assert!(needs("秦安县", "en"));
        assert!(!needs("0938-0000000", "en"));
        assert!(needs("发展", "zh-Hant"));
        assert!(
            !needs("人民", "zh-Hant"),
            "人民 is written the same in both scripts"
        );
    }
}
