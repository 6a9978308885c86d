//! The files the team wrote, as text: which files are read, which parts of them are prose a
//! reader sees (Markdown text outside code, YAML values outside comments and `private:`), in
//! which language, and the rules that run on text (artifacts, privacy).

use super::{Ctx, Edit, Finding, artifacts, privacy};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

/// Byte offset → 1-based line and column (in characters).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// Line and column of byte `offset` of `text` (the text indexed).
    pub fn locate(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let end = offset.min(text.len());
        let col = text.get(start..end).map(|s| s.chars().count()).unwrap_or(0) + 1;
        (line, col)
    }

    /// Byte range of 1-based `line` (without its newline).
    pub fn line_range(&self, text: &str, line: usize) -> Option<Range<usize>> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        let end = self.starts.get(line).map(|e| e - 1).unwrap_or(text.len());
        Some(start..end.max(start))
    }
}

/// A file read for the check.
#[derive(Debug)]
pub struct SourceFile {
    /// Path as shown, relative to the site root.
    pub shown: String,
    /// Text: BOM removed, CRLF turned into LF.
    pub text: String,
    /// Line index of `text`.
    pub lines: LineIndex,
    /// The file on disk starts with a BOM.
    pub bom: bool,
    /// The text as on disk (BOM removed) when its line ends were not all LF; `None` when it
    /// equals `text`.
    raw: Option<String>,
    /// Offsets in `text` of the `\n`s that were `\r\n` on disk, in order.
    crlf_at: Vec<usize>,
}

impl SourceFile {
    /// Line and column of a byte offset.
    pub fn locate(&self, offset: usize) -> (usize, usize) {
        self.lines.locate(&self.text, offset)
    }

    /// The text as on disk, BOM removed: each line keeps its own line end.
    pub fn raw(&self) -> &str {
        self.raw.as_deref().unwrap_or(&self.text)
    }

    /// The offset in `raw()` of byte `offset` of `text`.
    pub fn raw_offset(&self, offset: usize) -> usize {
        offset + self.crlf_at.partition_point(|&p| p < offset)
    }

    /// The text of 1-based `line`.
    pub fn line(&self, line: usize) -> Option<&str> {
        self.lines
            .line_range(&self.text, line)
            .and_then(|r| self.text.get(r))
    }
}

/// Reads the file at `shown` under `root`: `None` when it is missing or not UTF-8.
fn read_source(root: &Path, shown: &Path) -> Option<Arc<SourceFile>> {
    let path = if shown.is_absolute() {
        shown.to_path_buf()
    } else {
        root.join(shown)
    };
    let bytes = std::fs::read(&path).ok()?;
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    let body = if bom { &bytes[3..] } else { &bytes[..] };
    let raw = std::str::from_utf8(body).ok()?;
    let (text, raw, crlf_at) = if raw.contains('\r') {
        // Each `\r\n` and lone `\r` becomes `\n`; remember where, to write back untouched
        // bytes as they were.
        let mut text = String::with_capacity(raw.len());
        let mut crlf_at = Vec::new();
        let mut rest = raw;
        while let Some(i) = rest.find('\r') {
            text.push_str(&rest[..i]);
            if rest[i + 1..].starts_with('\n') {
                crlf_at.push(text.len());
                rest = &rest[i + 2..];
            } else {
                rest = &rest[i + 1..];
            }
            text.push('\n');
        }
        text.push_str(rest);
        (text, Some(raw.to_string()), crlf_at)
    } else {
        (raw.to_string(), None, Vec::new())
    };
    let lines = LineIndex::new(&text);
    Some(Arc::new(SourceFile {
        shown: super::show(shown),
        text,
        lines,
        bom,
        raw,
        crlf_at,
    }))
}

/// Files read so far, by shown path.
#[derive(Debug, Default)]
pub struct Files {
    map: BTreeMap<String, Option<Arc<SourceFile>>>,
}

impl Files {
    /// The file at `shown` under `root`, read once; `None` when it is missing or not UTF-8.
    pub fn get(&mut self, root: &Path, shown: &Path) -> Option<Arc<SourceFile>> {
        let key = super::show(shown);
        if let Some(f) = self.map.get(&key) {
            return f.clone();
        }
        let f = read_source(root, shown);
        self.map.insert(key, f.clone());
        f
    }

    /// Remembers a file read elsewhere.
    fn insert(&mut self, shown: &str, f: Option<Arc<SourceFile>>) {
        self.map.insert(shown.to_string(), f);
    }

    /// Number of files read.
    pub fn len(&self) -> usize {
        self.map.values().filter(|f| f.is_some()).count()
    }

    /// True when no file was read.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// How a piece of text is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Markdown prose: sentences, punctuation followed by spaces.
    Prose,
    /// A YAML value: short, often a label; stricter about what counts as a sentence.
    Yaml,
}

/// A piece of text a reader sees.
#[derive(Debug, Clone)]
pub struct Seg<'t> {
    /// The text, exactly as in the file.
    pub text: &'t str,
    /// Byte offset of `text` in the file.
    pub start: usize,
    /// Language code of the text.
    pub lang: String,
    /// Prose or YAML value.
    pub mode: Mode,
    /// `--fix` may edit it (Markdown bodies only).
    pub fixable: bool,
}

/// A finding of a text rule before it has a line and column.
#[derive(Debug, Clone)]
pub struct Hit {
    /// Rule id.
    pub rule: &'static str,
    /// Byte offset in the file.
    pub at: usize,
    /// Message.
    pub message: String,
    /// Suggested fix.
    pub fix: String,
    /// Edit for `--fix`, kept only in fixable text.
    pub edit: Option<Edit>,
}

/// What kind of file, for the rules that run on it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// Front matter + Markdown, in a language.
    Markdown(String),
    /// YAML data, in a default language.
    Yaml(String),
    /// A template: privacy only.
    Template,
}

fn walk(root: &Path, dir: &str) -> Vec<String> {
    let base = root.join(dir);
    if !base.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(&base)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || !crate::theme::is_ignored(&e.file_name().to_string_lossy())
        })
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| e.path().strip_prefix(root).ok().map(super::show))
        .collect()
}

fn is_yaml(p: &str) -> bool {
    p.ends_with(".yaml") || p.ends_with(".yml")
}

/// The language of a content file from its name (`a.en.md` → en).
fn lang_of_file(path: &str, cx: &Ctx) -> String {
    let name = path.rsplit('/').next().unwrap_or(path);
    let stem = name.strip_suffix(".md").unwrap_or(name);
    if let Some((_, suffix)) = stem.rsplit_once('.')
        && cx.languages.iter().any(|l| l.code == suffix)
    {
        return suffix.to_string();
    }
    cx.default_lang().to_string()
}

/// Every file the text rules read, with its kind.
fn files_to_scan(cx: &Ctx) -> Vec<(String, Kind)> {
    let default = cx.default_lang().to_string();
    let mut out = Vec::new();
    for p in walk(cx.root, "content") {
        if p.ends_with(".md") {
            let lang = lang_of_file(&p, cx);
            out.push((p, Kind::Markdown(lang)));
        } else if is_yaml(&p) {
            out.push((p, Kind::Yaml(default.clone())));
        }
    }
    if cx.root.join("site.yaml").is_file() {
        out.push(("site.yaml".into(), Kind::Yaml(default.clone())));
    }
    let theme_dir = format!("themes/{}", cx.theme);
    for base in [String::new(), format!("{theme_dir}/")] {
        for p in walk(cx.root, &format!("{base}i18n")) {
            if is_yaml(&p) {
                let stem = p
                    .rsplit('/')
                    .next()
                    .unwrap_or(&p)
                    .trim_end_matches(".yaml")
                    .trim_end_matches(".yml")
                    .to_string();
                out.push((p, Kind::Yaml(stem)));
            }
        }
        for p in walk(cx.root, &format!("{base}data")) {
            if is_yaml(&p) {
                out.push((p, Kind::Yaml(default.clone())));
            }
        }
        for p in walk(cx.root, &format!("{base}templates")) {
            out.push((p, Kind::Template));
        }
    }
    out
}

/// Runs the text rules (artifacts, privacy) on every file the team wrote.
pub fn scan_files(cx: &mut Ctx) {
    let list = files_to_scan(cx);
    // Read in parallel, then remember every file (silence comments and --fix read them again).
    let root = cx.root;
    let read: Vec<(String, Kind, Option<Arc<SourceFile>>)> = list
        .into_par_iter()
        .map(|(p, k)| {
            let f = read_source(root, Path::new(&p));
            (p, k, f)
        })
        .collect();
    for (p, _, f) in &read {
        cx.files.insert(p, f.clone());
    }
    let shared: &Ctx = cx;
    let found: Vec<Finding> = read
        .par_iter()
        .flat_map_iter(|(path, kind, file)| match file {
            Some(f) => scan_file(shared, path, kind, f),
            None => Vec::new(),
        })
        .collect();
    cx.out.extend(found);
}

/// The text rules on one file.
fn scan_file(cx: &Ctx, path: &str, kind: &Kind, file: &SourceFile) -> Vec<Finding> {
    let mut hits = Vec::new();
    match kind {
        Kind::Template => privacy::scan(&file.text, 0, &cx.cfg, &mut hits),
        Kind::Yaml(lang) => {
            let segs = yaml_segments(&file.text, 0, lang, cx);
            scan_segments(&segs, cx, &mut hits);
            for s in &segs {
                privacy::scan(s.text, s.start, &cx.cfg, &mut hits);
                artifacts::raw(s.text, s.start, &mut hits);
            }
        }
        Kind::Markdown(lang) => {
            let (front, body_start) = split(&file.text);
            let mut segs = match front {
                Some(r) => yaml_segments(&file.text[r.clone()], r.start, lang, cx),
                None => Vec::new(),
            };
            for s in &segs {
                privacy::scan(s.text, s.start, &cx.cfg, &mut hits);
                artifacts::raw(s.text, s.start, &mut hits);
            }
            let body = &file.text[body_start..];
            privacy::scan(body, body_start, &cx.cfg, &mut hits);
            artifacts::raw(body, body_start, &mut hits);
            segs.extend(markdown_segments(body, body_start, lang));
            // Invisible characters are removed by --fix only where they sit in prose.
            let prose: Vec<Range<usize>> = segs
                .iter()
                .filter(|s| s.fixable)
                .map(|s| s.start..s.start + s.text.len())
                .collect();
            for h in &mut hits {
                if h.edit.is_some() && !prose.iter().any(|r| r.contains(&h.at)) {
                    h.edit = None;
                }
            }
            scan_segments(&segs, cx, &mut hits);
        }
    }
    hits.into_iter()
        .map(|h| {
            let (line, col) = file.locate(h.at);
            Finding::new(h.rule, path, line, col, h.message)
                .with_fix(h.fix)
                .with_edit(h.edit)
        })
        .collect()
}

/// The prose rules over the segments of one file (spacing needs the whole file).
fn scan_segments(segs: &[Seg], cx: &Ctx, hits: &mut Vec<Hit>) {
    let mut spacing = Vec::new();
    for s in segs {
        artifacts::prose(s, hits, &mut spacing);
    }
    artifacts::decide_spacing(spacing, cx.cfg.spacing, hits);
}

/// The front matter's byte range (between the `---` lines) and the body's start.
pub fn split(text: &str) -> (Option<Range<usize>>, usize) {
    let Some(rest) = text.strip_prefix("---\n") else {
        return (None, 0);
    };
    let mut off = 4;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return (Some(4..off), off + line.len());
        }
        off += line.len();
    }
    (None, 0)
}

/// The prose of a Markdown body: text outside code, HTML and link destinations, as source
/// slices (adjacent text events joined).
pub fn markdown_segments<'t>(body: &'t str, base: usize, lang: &str) -> Vec<Seg<'t>> {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut ranges: Vec<Range<usize>> = Vec::new();
    let mut in_code = 0usize;
    for (ev, r) in Parser::new_ext(body, opts).into_offset_iter() {
        match ev {
            Event::Start(Tag::CodeBlock(_)) => in_code += 1,
            Event::End(TagEnd::CodeBlock) => in_code = in_code.saturating_sub(1),
            Event::Text(_) if in_code == 0 => {
                // Only text that stands in the source as written (escapes and entities shift it).
                match ranges.last_mut() {
                    Some(last) if last.end == r.start => last.end = r.end,
                    _ => ranges.push(r),
                }
            }
            _ => {}
        }
    }
    ranges
        .into_iter()
        .filter_map(|r| body.get(r.clone()).map(|t| (r, t)))
        .flat_map(|(r, t)| {
            // One segment a line: findings and edits never cross a line end.
            let mut off = r.start;
            t.split_inclusive('\n')
                .map(move |piece| {
                    let s = off;
                    off += piece.len();
                    (s, piece.trim_end_matches('\n'))
                })
                .collect::<Vec<_>>()
        })
        .filter(|(_, t)| !t.trim().is_empty())
        .map(|(s, t)| Seg {
            text: t,
            start: base + s,
            lang: lang.to_string(),
            mode: Mode::Prose,
            fixable: true,
        })
        .collect()
}

/// Indentation of a YAML line's key, counting `- ` list markers as indentation.
fn key_indent(line: &str) -> (usize, &str) {
    let mut i = line.len() - line.trim_start_matches(' ').len();
    let mut rest = &line[i..];
    while let Some(r) = rest.strip_prefix("- ") {
        let pad = r.len() - r.trim_start_matches(' ').len();
        i += 2 + pad;
        rest = &r[pad..];
    }
    (i, rest)
}

/// The key of `key: value` at the start of `s`, and the offset of the value.
fn split_key(s: &str) -> Option<(&str, usize)> {
    if s.starts_with(['"', '\'', '{', '[', '#', '|', '>']) {
        return None;
    }
    let colon = s
        .find(": ")
        .or_else(|| s.strip_suffix(':').map(|k| k.len()))?;
    let key = &s[..colon];
    if key.is_empty() || key.contains(['#', '{', '[', '"']) {
        return None;
    }
    let value = (colon + 1..=s.len())
        .find(|&i| !s[i..].starts_with(' '))
        .unwrap_or(s.len());
    Some((key.trim(), value))
}

/// The end of the value part of a YAML line: before a ` #` comment outside quotes.
fn comment_start(s: &str) -> usize {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in s.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if (c == '"' || c == '\'')
                && (prev == ' ' || prev == '[' || prev == '{' || prev == ',' || i == 0) =>
            {
                quote = Some(c)
            }
            None if c == '#' && (prev == ' ' || i == 0) => return i,
            None => {}
        }
        prev = c;
    }
    s.len()
}

/// The values of a block-style YAML text that a reader may see, with their language: comments,
/// keys and everything under a `private:` key are left out. `base` is the offset of `text` in its
/// file, `default_lang` the language of values outside a map keyed by language codes.
pub fn yaml_segments<'t>(text: &'t str, base: usize, default_lang: &str, cx: &Ctx) -> Vec<Seg<'t>> {
    let is_lang = |k: &str| cx.languages.iter().any(|l| l.code == k);
    let mut out = Vec::new();
    // (indent, key) of the open mappings.
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut private: Option<usize> = None;
    let mut block: Option<(usize, String)> = None;
    let mut off = 0;
    for raw in text.split_inclusive('\n') {
        let line_start = off;
        off += raw.len();
        let line = raw.trim_end_matches('\n');
        if line.trim().is_empty() {
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        // Lines of a block scalar (`key: |`) are text up to a line indented no deeper than its key.
        if let Some((bi, lang)) = &block {
            if indent > *bi {
                if private.is_none() {
                    out.push(Seg {
                        text: line[indent..].trim_end(),
                        start: base + line_start + indent,
                        lang: lang.clone(),
                        mode: Mode::Yaml,
                        fixable: false,
                    });
                }
                continue;
            }
            block = None;
        }
        if line.trim_start().starts_with('#') {
            continue;
        }
        let (ki, rest) = key_indent(line);
        if let Some(p) = private {
            if ki > p {
                continue;
            }
            private = None;
        }
        let key = split_key(rest);
        while stack.last().is_some_and(|(i, _)| *i >= ki && key.is_some()) {
            stack.pop();
        }
        let inherited = stack
            .iter()
            .rev()
            .find(|(_, k)| is_lang(k))
            .map(|(_, k)| k.clone())
            .unwrap_or_else(|| default_lang.to_string());
        let (value_off, lang) = match key {
            Some((k, v)) => {
                // `private:` is never published; site.yaml's `languages:` names each language in
                // its own script.
                if k == "private" || (k == "languages" && ki == 0) {
                    private = Some(ki);
                    continue;
                }
                let lang = if is_lang(k) { k.to_string() } else { inherited };
                stack.push((ki, k.to_string()));
                (ki + v, lang)
            }
            None => (ki, inherited),
        };
        let value = &line[value_off..];
        let value = &value[..comment_start(value)];
        let vt = value.trim_end();
        if vt.is_empty() {
            continue;
        }
        if matches!(vt, "|" | ">" | "|-" | ">-" | "|+" | ">+") {
            block = Some((ki, lang));
            continue;
        }
        for (r, l) in flow_langs(vt, &lang, &is_lang) {
            let t = &vt[r.clone()];
            if !t.trim().is_empty() {
                out.push(Seg {
                    text: t,
                    start: base + line_start + value_off + r.start,
                    lang: l,
                    mode: Mode::Yaml,
                    fixable: false,
                });
            }
        }
    }
    out
}

/// Splits a flow mapping such as `{ zh-Hans: 举报网站, en: reporting website }` into the parts
/// in each language; anything else is one part in `lang`.
fn flow_langs(v: &str, lang: &str, is_lang: &dyn Fn(&str) -> bool) -> Vec<(Range<usize>, String)> {
    let mut cuts: Vec<(usize, usize, String)> = Vec::new();
    for (i, c) in v.char_indices() {
        if c == '{' || c == ',' {
            let after = &v[i + 1..];
            let trimmed = after.trim_start();
            let ks = i + 1 + (after.len() - trimmed.len());
            if let Some(colon) = trimmed.find(": ") {
                let k = &trimmed[..colon];
                if is_lang(k) {
                    cuts.push((i, ks + colon + 2, k.to_string()));
                }
            }
        }
    }
    if cuts.is_empty() {
        return vec![(0..v.len(), lang.to_string())];
    }
    let mut out = Vec::new();
    if cuts[0].0 > 0 {
        out.push((0..cuts[0].0, lang.to_string()));
    }
    for (n, (_, start, l)) in cuts.iter().enumerate() {
        let end = cuts
            .get(n + 1)
            .map(|c| c.0)
            .unwrap_or_else(|| v.rfind('}').filter(|&e| e >= *start).unwrap_or(v.len()));
        out.push((*start..end, l.clone()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_characters() {
        let t = "ab\n中文x\n";
        let li = LineIndex::new(t);
        assert_eq!(li.locate(t, 0), (1, 1));
        assert_eq!(li.locate(t, 3), (2, 1));
        assert_eq!(li.locate(t, 9), (2, 3));
        assert_eq!(li.line_range(t, 2), Some(3..10));
    }

    #[test]
    fn markdown_prose_skips_code_and_urls() {
        let body = "正文,有`code,x`和[链接](/a,b/)。\n\n```\n代码,块\n```\n";
        let segs = markdown_segments(body, 0, "zh-Hans");
        let texts: Vec<&str> = segs.iter().map(|s| s.text).collect();
        assert!(texts.iter().any(|t| t.contains("正文,有")), "{texts:?}");
        assert!(
            !texts
                .iter()
                .any(|t| t.contains("代码") || t.contains("/a,b/") || t.contains("code,x")),
            "{texts:?}"
        );
        for s in &segs {
            assert_eq!(&body[s.start..s.start + s.text.len()], s.text);
        }
    }

    #[test]
    fn comments_stop_at_hash_outside_quotes() {
        assert_eq!(comment_start("值 # 注释"), 4);
        assert_eq!(comment_start("\"a # b\" # c"), 8);
        assert_eq!(comment_start("C#语言"), 8);
    }
}
