//! `site.yaml`: languages, theme, footer, Markdown and later rule settings.

use crate::content::markdown::MarkdownOptions;
use crate::error::{Diagnostic, Result};
use crate::i18n::Localized;
use serde::Deserialize;
use std::path::Path;

/// One language of the site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// BCP 47 code, also the `lang` attribute: `zh-Hans`, `en`.
    pub code: String,
    /// The language's own name, for the switcher: 简体中文, English.
    pub name: String,
    /// URL prefix without slashes: `""` for the default language, `en`.
    #[serde(default)]
    pub prefix: String,
}

/// What to do with a page that has no translation in a language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Untranslated {
    /// Show the default-language text, marked with its `lang` and a visible note.
    #[default]
    Fallback,
    /// Leave the page out of that language.
    Omit,
}

/// Where a page's slug comes from when the front matter has none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SlugFrom {
    /// A romanisation (pinyin) of the title.
    #[default]
    Title,
    /// The file name without extension.
    Filename,
}

/// A filing number with the link to its registry.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Filing {
    /// e.g. 陇ICP备00000000号 (sample).
    pub number: Localized,
    /// The registry's URL.
    pub url: String,
}

/// The footer every official site carries (DOMAIN §6).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Footer {
    /// 主办单位.
    pub sponsor: Localized,
    /// Contact: telephone or e-mail of the unit.
    pub contact: Localized,
    /// Postal address.
    pub address: Localized,
    /// ICP filing (ICP备案).
    pub icp: Filing,
    /// Public-security filing (公安备案).
    pub psb: Filing,
    /// Government-site id (网站标识码).
    pub site_id: String,
    /// "Report an error on this site": a URL or `mailto:` address.
    pub report_error: String,
}

/// The whole of `site.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Site title, per language.
    pub title: Localized,
    /// Absolute base URL without trailing slash.
    #[serde(default = "default_base_url")]
    pub base_url: String,
    /// Languages in order; the first is the default.
    #[serde(default = "default_languages")]
    pub languages: Vec<Language>,
    /// Theme folder name under `themes/`; `default` is also built into the binary.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Pages without a translation: `fallback` or `omit`.
    #[serde(default)]
    pub untranslated: Untranslated,
    /// Entries per list page (sections and tag pages).
    #[serde(default = "default_paginate")]
    pub paginate_by: usize,
    /// Slug source when a page has no `slug`: `title` or `filename`.
    #[serde(default)]
    pub slug_from: SlugFrom,
    /// Footer fields.
    #[serde(default)]
    pub footer: Footer,
    /// Markdown settings.
    #[serde(default)]
    pub markdown: MarkdownOptions,
    /// Marks the site as carrying fictional sample data: a banner on every page.
    #[serde(default)]
    pub sample_data: bool,
    /// Review before publication: the sign-off levels a page needs.
    #[serde(default)]
    pub review: crate::review::ReviewConfig,
    /// Discipline notices: the reporting box and the date their period is compared with.
    #[serde(default)]
    pub discipline: crate::discipline::DisciplineConfig,
    /// Election rules: majority bases, quorums, contested margins per kind of meeting.
    #[serde(default)]
    pub results: crate::results::settings::ResultsSettings,
    /// `huanjie check`: rule levels, freshness limit, spacing convention (docs/check.md).
    #[serde(default)]
    pub check: crate::check::CheckConfig,
}

/// Checks that a base URL is `http(s)://host[:port]`. Sites served under a sub-path are not
/// supported: every link is root-relative, and would miss the path.
pub fn check_base_url(url: &str) -> std::result::Result<(), &'static str> {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return Err("is not an address: it must start with https:// or http://");
    };
    if rest.is_empty() || rest.contains(char::is_whitespace) {
        return Err("has no host");
    }
    if rest.contains('/') || rest.contains('?') || rest.contains('#') {
        return Err(
            "has a path: huanjie sites are served from the root of a host (a sub-path is not supported yet)",
        );
    }
    Ok(())
}

fn default_base_url() -> String {
    "http://localhost".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_paginate() -> usize {
    20
}
fn default_languages() -> Vec<Language> {
    vec![Language {
        code: "zh-Hans".into(),
        name: "简体中文".into(),
        prefix: String::new(),
    }]
}

impl Config {
    /// Reads and validates `site.yaml` under `root`.
    pub fn load(root: &Path) -> Result<Config> {
        let path = root.join("site.yaml");
        let rel = Path::new("site.yaml");
        if !path.is_file() {
            return Err(Diagnostic::error(
                "config",
                rel,
                0,
                0,
                format!("{} is not a huanjie site: it has no site.yaml", root.display()),
            )
            .with_hint("run huanjie in the site's folder, pass `--root DIR`, or create a site with `huanjie init DIR`")
            .into());
        }
        let text = crate::content::read_text(&path, rel)?;
        let mut c: Config = crate::yaml::parse(&text, rel, 1)?;
        c.base_url = c.base_url.trim_end_matches('/').to_string();
        c.validate(&text)?;
        Ok(c)
    }

    fn validate(&self, text: &str) -> Result<()> {
        use crate::yaml::{Seg, locate};
        let rel = Path::new("site.yaml");
        let at = |path: &[Seg]| locate(text, path, 1);
        if let Err(why) = check_base_url(&self.base_url) {
            let (l, c) = at(&[Seg::Key("base_url")]);
            return Err(Diagnostic::error("config", rel, l, c, format!("base_url `{}` {why}", self.base_url))
                .with_hint("write the site's address with its scheme and nothing after the host, e.g. `https://www.qinan.gov.cn`")
                .into());
        }
        if self.languages.is_empty() {
            let (l, c) = at(&[Seg::Key("languages")]);
            return Err(Diagnostic::error("config", rel, l, c, "`languages` is empty")
                .with_hint("list at least one language, e.g. `- {code: zh-Hans, name: 简体中文, prefix: \"\"}`")
                .into());
        }
        let mut seen = std::collections::BTreeSet::new();
        let mut codes = std::collections::BTreeSet::new();
        for (i, lang) in self.languages.iter().enumerate() {
            let (l, c) = at(&[Seg::Key("languages"), Seg::Index(i)]);
            if !codes.insert(lang.code.clone()) {
                return Err(Diagnostic::error(
                    "config",
                    rel,
                    l,
                    c,
                    format!("the language `{}` is listed twice", lang.code),
                )
                .with_hint("list each language once under `languages`")
                .into());
            }
            if !seen.insert(lang.prefix.clone()) {
                return Err(Diagnostic::error(
                    "config",
                    rel,
                    l,
                    c,
                    format!("two languages share the URL prefix `{}`", lang.prefix),
                )
                .with_hint(
                    "give every language its own prefix; the default language usually has \"\"",
                )
                .into());
            }
            if lang.prefix.contains('/') || lang.prefix.contains('.') {
                return Err(Diagnostic::error(
                    "config",
                    rel,
                    l,
                    c,
                    format!("URL prefix `{}` may not contain `/` or `.`", lang.prefix),
                )
                .with_hint("write the prefix without slashes, e.g. `en`")
                .into());
            }
        }
        self.review.validate(text)?;
        self.discipline.validate(text)?;
        if self.paginate_by == 0 {
            let (l, c) = at(&[Seg::Key("paginate_by")]);
            return Err(
                Diagnostic::error("config", rel, l, c, "`paginate_by` must be at least 1")
                    .with_hint("20 is usual")
                    .into(),
            );
        }
        Ok(())
    }

    /// The default language's code.
    pub fn default_lang(&self) -> &str {
        &self.languages[0].code
    }

    /// The language with `code`.
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    /// The root-relative URL of a path in a language: the one function that makes URLs.
    /// `path` is relative to the language root, like `news/slug/` or `` for the home page.
    pub fn url(&self, lang: &str, path: &str) -> String {
        let prefix = self.language(lang).map(|l| l.prefix.as_str()).unwrap_or("");
        let mut s = String::with_capacity(prefix.len() + path.len() + 2);
        s.push('/');
        if !prefix.is_empty() {
            s.push_str(prefix);
            s.push('/');
        }
        s.push_str(path.trim_start_matches('/'));
        s
    }

    /// The absolute URL of a root-relative URL.
    pub fn absolute(&self, url: &str) -> String {
        format!("{}{}", self.base_url, url)
    }
}
