//! Markdown pages: reading files, front matter, sections, translations.

pub mod markdown;

use crate::error::{Diagnostic, Result};
use crate::yaml::{Seg, locate};
use jiff::civil::DateTime;
use serde::{Deserialize, Deserializer};
use std::path::{Path, PathBuf};

/// Reads a text file the user wrote: UTF-8 required, a BOM is dropped, CRLF becomes LF.
pub fn read_text(path: &Path, shown: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error("io", shown, 0, 0, format!("cannot read the file: {e}"))
            .with_hint("check that the file exists and is readable")
    })?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let off = e.valid_up_to();
            let valid = std::str::from_utf8(&bytes[..off]).unwrap_or("");
            let (line, col) = crate::error::line_col(valid, off);
            return Err(Diagnostic::error(
                "encoding",
                shown,
                line,
                col,
                format!("the file is not valid UTF-8 (byte 0x{:02X} at offset {off})", bytes[off]),
            )
            .with_hint("save the file as UTF-8; text pasted from GBK/GB18030 documents must be converted, e.g. `iconv -f GB18030 -t UTF-8`")
            .into());
        }
    };
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    })
}

/// A file split into its front matter and body.
#[derive(Debug)]
pub struct Split<'a> {
    /// The YAML between the `---` lines.
    pub front: &'a str,
    /// Line of the front matter's first line in the file.
    pub front_line: usize,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// Line of the body's first line.
    pub body_line: usize,
}

/// Splits `---` front matter from the body.
pub fn split_front_matter<'a>(text: &'a str, shown: &Path) -> Result<Split<'a>> {
    let hint = "start the file with a line `---`, then YAML such as `title: 标题`, then a closing `---` line, then the Markdown body";
    if text.trim().is_empty() {
        return Err(Diagnostic::error(
            "front-matter",
            shown,
            1,
            1,
            "the file is empty: expected front matter with at least a `title`",
        )
        .with_hint(hint)
        .into());
    }
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---").filter(|r| r.trim().is_empty()))
    else {
        return Err(Diagnostic::error(
            "front-matter",
            shown,
            1,
            1,
            "expected `---` on the first line to open the front matter",
        )
        .with_hint(hint)
        .into());
    };
    let mut off = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let front = &rest[..off];
            let body = &rest[off + line.len()..];
            let front_lines = front.matches('\n').count();
            return Ok(Split {
                front,
                front_line: 2,
                body,
                body_line: 3 + front_lines,
            });
        }
        off += line.len();
    }
    Err(Diagnostic::error(
        "front-matter",
        shown,
        1,
        1,
        "the front matter is never closed: no second `---` line",
    )
    .with_hint(hint)
    .into())
}

/// Accepts any YAML scalar as text (so `date: 2021-11-23` and `title: 2021` both work).
pub(crate) fn scalar_string<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<String>, D::Error> {
    let v = Option::<serde_yaml::Value>::deserialize(d)?;
    Ok(match v {
        None | Some(serde_yaml::Value::Null) => None,
        Some(serde_yaml::Value::String(s)) => Some(s),
        Some(serde_yaml::Value::Number(n)) => Some(n.to_string()),
        Some(serde_yaml::Value::Bool(b)) => Some(b.to_string()),
        Some(_) => {
            return Err(serde::de::Error::custom(
                "expected text, found a list or map",
            ));
        }
    })
}

/// Front matter of a page.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Title (required).
    #[serde(default, deserialize_with = "scalar_string")]
    pub title: Option<String>,
    /// Publication date as the author wrote it (required for dated sections).
    #[serde(default, deserialize_with = "scalar_string")]
    pub date: Option<String>,
    /// Last update.
    #[serde(default, deserialize_with = "scalar_string")]
    pub updated: Option<String>,
    /// Drafts are built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// One-sentence summary for lists and descriptions.
    #[serde(default, deserialize_with = "scalar_string")]
    pub summary: Option<String>,
    /// URL slug.
    #[serde(default, deserialize_with = "scalar_string")]
    pub slug: Option<String>,
    /// 来源.
    #[serde(default, deserialize_with = "scalar_string")]
    pub source: Option<String>,
    /// Author.
    #[serde(default, deserialize_with = "scalar_string")]
    pub author: Option<String>,
    /// 责任编辑.
    #[serde(default, deserialize_with = "scalar_string")]
    pub editor: Option<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Order within a section sorted by weight.
    #[serde(default)]
    pub weight: Option<i64>,
    /// Theme-specific fields.
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// A discipline notice (换届纪律通知): rules version, channels, figures, period in force.
    #[serde(default)]
    pub notice: Option<Box<crate::discipline::NoticeFront>>,
    /// Sign-offs (审核签发): `[{level, reviewer, date}]`.
    #[serde(default)]
    pub review: Vec<crate::review::SignOff>,
    /// Ids of the meetings this page is about (links both ways).
    #[serde(default)]
    pub meetings: Vec<String>,
    /// Ids of the bodies this page is about.
    #[serde(default)]
    pub bodies: Vec<String>,
    /// Ids of the people this page is about.
    #[serde(default)]
    pub people: Vec<String>,
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Newest first; every page needs a `date`.
    #[default]
    Date,
    /// By `weight`, then title.
    Weight,
}

/// Front matter of a section's `_index.md`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFront {
    /// Title (required).
    #[serde(default, deserialize_with = "scalar_string")]
    pub title: Option<String>,
    /// Summary.
    #[serde(default, deserialize_with = "scalar_string")]
    pub summary: Option<String>,
    /// Position in the menu.
    #[serde(default)]
    pub weight: Option<i64>,
    /// Entries per list page (default from site.yaml).
    #[serde(default)]
    pub paginate_by: Option<usize>,
    /// Page order.
    #[serde(default)]
    pub sort_by: SortBy,
    /// Theme-specific fields.
    #[serde(default)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// A parsed Markdown file, page or section.
#[derive(Debug)]
pub struct Doc<F> {
    /// Path relative to the site root, as shown in messages.
    pub file: PathBuf,
    /// Translation key: the path under content/ without language and extension (`news/a`,
    /// `news` for `news/_index.md`, `` for the home page).
    pub key: String,
    /// Language code of this version.
    pub lang: String,
    /// Front matter.
    pub front: F,
    /// Rendered body.
    pub body: markdown::Rendered,
    /// Publication date, parsed.
    pub date: Option<DateTime>,
    /// Update date, parsed.
    pub updated: Option<DateTime>,
}

/// A page (article).
pub type Page = Doc<FrontMatter>;
/// A section's index.
pub type Section = Doc<SectionFront>;

/// Parses a date field of the front matter, pointing at the value on error.
fn parse_date_field(
    value: &Option<String>,
    key: &str,
    fm: &str,
    split_line: usize,
    shown: &Path,
) -> Result<Option<DateTime>> {
    let Some(v) = value else { return Ok(None) };
    crate::i18n::dates::parse_datetime(v).map(Some).map_err(|e| {
        let (l, c) = locate(fm, &[Seg::Key(key)], split_line);
        Diagnostic::error("date", shown, l, c, format!("invalid `{key}`: {e}"))
            .with_hint("write the date as YYYY-MM-DD (e.g. 2021-11-23), optionally with a time: 2021-11-23 09:30")
            .into()
    })
}

/// Renders a body, with link and image positions counted from the file's first line.
fn render_body(body: &str, md: &markdown::MarkdownOptions, body_line: usize) -> markdown::Rendered {
    let mut r = markdown::render(body, md);
    for l in &mut r.links {
        l.line += body_line - 1;
    }
    for i in &mut r.images {
        i.line += body_line - 1;
    }
    r
}

/// Parses a page file: front matter, dates, Markdown.
pub fn parse_page(
    text: &str,
    shown: &Path,
    key: String,
    lang: String,
    md: &markdown::MarkdownOptions,
) -> Result<Page> {
    let s = split_front_matter(text, shown)?;
    let mut front: FrontMatter = crate::yaml::parse(s.front, shown, s.front_line)?;
    if front
        .title
        .as_deref()
        .map(str::trim)
        .unwrap_or("")
        .is_empty()
    {
        let (l, c) = if front.title.is_some() {
            locate(s.front, &[Seg::Key("title")], s.front_line)
        } else {
            (1, 1)
        };
        return Err(
            Diagnostic::error("missing-title", shown, l, c, "the page has no `title`")
                .with_hint(
                    "add a line such as `title: 秦安县召开换届工作动员会` to the front matter",
                )
                .into(),
        );
    }
    let date = parse_date_field(&front.date, "date", s.front, s.front_line, shown)?;
    let updated = parse_date_field(&front.updated, "updated", s.front, s.front_line, shown)?;
    crate::review::prepare(
        &mut front.review,
        date.map(|d| d.date()),
        s.front,
        s.front_line,
        shown,
    )?;
    if let Some(n) = &mut front.notice {
        crate::discipline::prepare(n, s.front, s.front_line, shown)?;
    }
    if let Some(slug) = &front.slug
        && (slug.is_empty()
            || !slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'))
    {
        let (l, c) = locate(s.front, &[Seg::Key("slug")], s.front_line);
        return Err(Diagnostic::error(
            "slug",
            shown,
            l,
            c,
            format!("slug `{slug}` may only hold a–z, 0–9, `-` and `_`"),
        )
        .with_hint("write the slug in lowercase ASCII, e.g. `mobilisation-meeting`")
        .into());
    }
    let body = render_body(s.body, md, s.body_line);
    Ok(Doc {
        file: shown.to_path_buf(),
        key,
        lang,
        front,
        body,
        date,
        updated,
    })
}

/// Parses a section's `_index.md`.
pub fn parse_section(
    text: &str,
    shown: &Path,
    key: String,
    lang: String,
    md: &markdown::MarkdownOptions,
) -> Result<Section> {
    let s = split_front_matter(text, shown)?;
    let front: SectionFront = crate::yaml::parse(s.front, shown, s.front_line)?;
    if front
        .title
        .as_deref()
        .map(str::trim)
        .unwrap_or("")
        .is_empty()
    {
        return Err(
            Diagnostic::error("missing-title", shown, 1, 1, "the section has no `title`")
                .with_hint("add a line such as `title: 工作动态` to the front matter")
                .into(),
        );
    }
    let body = render_body(s.body, md, s.body_line);
    Ok(Doc {
        file: shown.to_path_buf(),
        key,
        lang,
        front,
        body,
        date: None,
        updated: None,
    })
}

impl Page {
    /// The title (never empty after parsing).
    pub fn title(&self) -> &str {
        self.front.title.as_deref().unwrap_or("")
    }
}

impl Section {
    /// The title.
    pub fn title(&self) -> &str {
        self.front.title.as_deref().unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_lines_are_counted() {
        let s = split_front_matter(
            "---\ntitle: a\ndate: 2021-01-01\n---\nbody\n",
            Path::new("a.md"),
        )
        .unwrap();
        assert_eq!(s.front_line, 2);
        assert_eq!(s.body_line, 5);
        assert_eq!(s.body, "body\n");
    }

    #[test]
    fn missing_opening_line_is_an_error() {
        let e = split_front_matter("title: a\n", Path::new("a.md")).unwrap_err();
        assert!(e.0[0].message.contains("`---`"));
    }
}
