//! Themes: templates, static files and UI strings, from disk or built into the binary.

use crate::config::Config;
use crate::error::{Diagnostic, Result};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_theme.rs"));
}

/// Where a file's bytes come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A file on disk.
    File(PathBuf),
    /// Bytes built into the binary.
    Embedded(&'static [u8]),
}

impl Source {
    /// The bytes.
    pub fn read(&self) -> std::io::Result<std::borrow::Cow<'static, [u8]>> {
        match self {
            Source::File(p) => std::fs::read(p).map(std::borrow::Cow::Owned),
            Source::Embedded(b) => Ok(std::borrow::Cow::Borrowed(b)),
        }
    }
}

/// A template's text and the path shown in messages.
#[derive(Debug, Clone)]
pub struct Template {
    /// The template source.
    pub text: String,
    /// Where it came from, for messages.
    pub shown: PathBuf,
}

/// A loaded theme.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Templates by name (`base.html`, `partials/x.html`).
    pub templates: BTreeMap<String, Template>,
    /// Static files by output path (`css/site.css`).
    pub statics: BTreeMap<String, Source>,
    /// UI strings per language code, every language completed from the default one.
    pub strings: BTreeMap<String, BTreeMap<String, String>>,
    /// Data files by path under `data/` (`discipline/rules/2021.yaml`): source and shown path.
    pub data: BTreeMap<String, (Source, PathBuf)>,
}

/// The files of a theme folder: (path under the folder, source).
fn theme_files(root: &Path, name: &str) -> Result<Vec<(String, Source, PathBuf)>> {
    let dir = root.join("themes").join(name);
    if dir.is_dir() {
        files_under(root, &dir)
    } else if name == "default" {
        Ok(embedded::FILES
            .iter()
            .map(|(p, b)| {
                (
                    p.to_string(),
                    Source::Embedded(b),
                    PathBuf::from(format!("<built-in theme>/{p}")),
                )
            })
            .collect())
    } else {
        Err(Diagnostic::error(
            "config",
            "site.yaml",
            0,
            0,
            format!("theme `{name}` not found: no folder {}", dir.display()),
        )
        .with_hint("set `theme: default` to use the built-in theme, or create the theme folder")
        .into())
    }
}

/// Editor temp and swap files, hidden files.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.contains("___jb_")
}

/// The files of the site's own `folder` (beside site.yaml), if it exists.
fn site_files(root: &Path, folder: &str) -> Result<Vec<(String, Source, PathBuf)>> {
    let dir = root.join(folder);
    if dir.is_dir() {
        files_under(root, &dir)
    } else {
        Ok(Vec::new())
    }
}

/// Every file under `dir` but hidden and editor files, sorted: (path under `dir` with `/`,
/// source, path shown in messages, relative to `root`).
fn files_under(root: &Path, dir: &Path) -> Result<Vec<(String, Source, PathBuf)>> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.map_err(|e| Diagnostic::error("io", dir, 0, 0, format!("cannot read: {e}")))?;
        if e.file_type().is_file() && !is_ignored(e.file_name().to_string_lossy().as_ref()) {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap_or(e.path())
                .to_string_lossy()
                .replace('\\', "/");
            let shown = e
                .path()
                .strip_prefix(root)
                .unwrap_or(e.path())
                .to_path_buf();
            out.push((rel, Source::File(e.path().to_path_buf()), shown));
        }
    }
    Ok(out)
}

fn text_of(src: &Source, shown: &Path) -> Result<String> {
    let bytes = src
        .read()
        .map_err(|e| Diagnostic::error("io", shown, 0, 0, format!("cannot read: {e}")))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let t = String::from_utf8(bytes.to_vec()).map_err(|_| {
        Diagnostic::error("encoding", shown, 0, 0, "the file is not valid UTF-8")
            .with_hint("save it as UTF-8")
    })?;
    Ok(t.replace("\r\n", "\n"))
}

/// Loads the configured theme with the site's overrides (`templates/`, `static/`, `i18n/` beside
/// site.yaml). Returns warnings for missing UI strings.
pub fn load(root: &Path, config: &Config) -> Result<(Theme, Vec<Diagnostic>)> {
    let mut theme = Theme::default();
    let mut i18n_files: BTreeMap<String, Vec<(Source, PathBuf)>> = BTreeMap::new();
    let mut all = theme_files(root, &config.theme)?;
    for (folder, prefix) in [
        ("templates", "templates/"),
        ("static", "static/"),
        ("i18n", "i18n/"),
        ("data", "data/"),
    ] {
        all.extend(
            site_files(root, folder)?
                .into_iter()
                .map(|(r, s, p)| (format!("{prefix}{r}"), s, p)),
        );
    }
    for (rel, src, shown) in all {
        if let Some(name) = rel.strip_prefix("templates/") {
            let text = text_of(&src, &shown)?;
            theme
                .templates
                .insert(name.to_string(), Template { text, shown });
        } else if let Some(name) = rel.strip_prefix("static/") {
            theme.statics.insert(name.to_string(), src);
        } else if let Some(name) = rel
            .strip_prefix("i18n/")
            .and_then(|n| n.strip_suffix(".yaml"))
        {
            i18n_files
                .entry(name.to_string())
                .or_default()
                .push((src, shown));
        } else if let Some(name) = rel.strip_prefix("data/") {
            theme.data.insert(name.to_string(), (src, shown));
        }
    }
    let mut warnings = Vec::new();
    for lang in &config.languages {
        let mut map = BTreeMap::new();
        for (src, shown) in i18n_files.get(&lang.code).into_iter().flatten() {
            let text = text_of(src, shown)?;
            let m: BTreeMap<String, String> = crate::yaml::parse(&text, shown, 1)?;
            map.extend(m);
        }
        theme.strings.insert(lang.code.clone(), map);
    }
    let default = config.default_lang().to_string();
    let base = theme.strings.get(&default).cloned().unwrap_or_default();
    for lang in config.languages.iter().skip(1) {
        let map = theme.strings.entry(lang.code.clone()).or_default();
        let missing: Vec<&String> = base.keys().filter(|k| !map.contains_key(*k)).collect();
        if !missing.is_empty() {
            warnings.push(
                Diagnostic::warning(
                    "i18n-missing",
                    format!("i18n/{}.yaml", lang.code),
                    0,
                    0,
                    format!(
                        "{} UI string(s) missing in `{}`, shown in {} instead: {}",
                        missing.len(),
                        lang.code,
                        default,
                        missing
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
                .with_hint(format!(
                    "add these keys to i18n/{}.yaml (in the theme or beside site.yaml)",
                    lang.code
                )),
            );
            for k in missing.into_iter().cloned().collect::<Vec<_>>() {
                let v = base[&k].clone();
                map.insert(k, v);
            }
        }
    }
    Ok((theme, warnings))
}
