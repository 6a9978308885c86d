//! Markdown → HTML for Chinese-language pages (pulldown-cmark plus CJK fixes).
//!
//! On top of CommonMark (with tables, footnotes, strikethrough, task lists and
//! `{#id}` heading attributes; smart punctuation stays off, raw HTML passes through):
//!
//! * **CJK emphasis.** CommonMark's flanking rules reject `**「十严禁」**换届` and
//!   `要求**“四明确”**。`: a `*` run with punctuation on one side and a letter on the
//!   other can only open (or only close). A byte pre-pass finds such `*` runs (and
//!   closing `~~` runs) when one neighbour is CJK and inserts an invisible marker
//!   (a Unicode noncharacter, U+FDD0..U+FDEF, one absent from the source) between
//!   the run and the punctuation, so the parser sees a letter there and the run may
//!   both open and close; the marker is removed from every event afterwards. The
//!   pre-pass skips code spans, fenced and indented code, link destinations, link
//!   reference definitions, autolinks and HTML tags/comments; anything it misjudges
//!   (e.g. lines of an HTML block) still renders unchanged because of the removal.
//!   `_` runs are never touched (intraword `_` keeps CommonMark behaviour), and no
//!   marker is put next to `_`, `~`, `|` or `*`, where it would change their meaning.
//! * **CJK soft breaks.** A line break inside a paragraph is dropped when the
//!   characters on both sides are Chinese/Japanese (Han, kana, CJK or full-width
//!   punctuation; quotes such as “ ” and — count when the other side is CJK). Next to
//!   Latin text it stays a newline, which browsers show as a space (`中文\nEnglish`
//!   keeps its space), as in the CSS Text segment-break rules.
//! * **Heading anchors**, link/image positions, text statistics and a summary cut at
//!   a top-level `<!-- more -->` line.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::VecDeque;
use std::fmt;
use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd, html};

/// Markdown options from site.yaml `markdown:` section.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MarkdownOptions {
    /// GitHub-style pipe tables.
    pub tables: bool,
    /// Footnotes (`[^1]` references and `[^1]: …` definitions).
    pub footnotes: bool,
    /// `~~struck~~` text.
    pub strikethrough: bool,
    /// `- [x]` task list items.
    pub tasklists: bool,
    /// Give every heading an `id` (custom `{#id}` attributes are always honoured).
    pub heading_anchors: bool,
    /// Make `**…**` / `*…*` work next to Chinese punctuation.
    pub cjk_emphasis: bool,
    /// Drop line breaks between two CJK characters inside a paragraph.
    pub cjk_soft_breaks: bool,
}

impl Default for MarkdownOptions {
    fn default() -> Self {
        MarkdownOptions {
            tables: true,
            footnotes: true,
            strikethrough: true,
            tasklists: true,
            heading_anchors: true,
            cjk_emphasis: true,
            cjk_soft_breaks: true,
        }
    }
}

/// A heading of the document, in order, for tables of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// Level 1–6.
    pub level: u8,
    /// The anchor id (custom or generated); empty when anchors are off and none was given.
    pub id: String,
    /// Plain text of the heading (no markup).
    pub text: String,
}

/// A Markdown link (inline, reference or autolink) found in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Destination as written (email autolinks get a `mailto:` prefix).
    pub url: String,
    /// 1-based line of the link's first character in the source.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

/// A Markdown image found in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// Image source as written.
    pub src: String,
    /// Alt text (the plain text inside the brackets).
    pub alt: String,
    /// 1-based line of the `!` in the source.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
}

/// Length statistics of a text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextStats {
    /// Han characters and kana (punctuation not counted).
    pub cjk_chars: usize,
    /// Runs of other letters/digits (Latin words, numbers).
    pub latin_words: usize,
    /// ceil(cjk/400 + words/200), at least 1 for non-blank text.
    pub reading_minutes: u32,
}

/// The result of rendering one Markdown document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML body.
    pub html: String,
    /// Headings in document order.
    pub headings: Vec<Heading>,
    /// Links in document order.
    pub links: Vec<Link>,
    /// Images in document order.
    pub images: Vec<Image>,
    /// Statistics over the rendered text (code included, image alt text excluded).
    pub stats: TextStats,
    /// HTML before a top-level `<!-- more -->` line, if there is one.
    pub summary_html: Option<String>,
}

/// Renders Markdown to HTML and collects headings, links, images and statistics.
pub fn render(src: &str, opts: &MarkdownOptions) -> Rendered {
    let pre = if opts.cjk_emphasis {
        emphasis_prepass(src, opts.strikethrough)
    } else {
        Prepass::plain(src)
    };

    let mut popts = Options::ENABLE_HEADING_ATTRIBUTES;
    if opts.tables {
        popts |= Options::ENABLE_TABLES;
    }
    if opts.footnotes {
        popts |= Options::ENABLE_FOOTNOTES;
    }
    if opts.strikethrough {
        popts |= Options::ENABLE_STRIKETHROUGH;
    }
    if opts.tasklists {
        popts |= Options::ENABLE_TASKLISTS;
    }

    let written = Cell::new(0usize);
    let mut html_out = String::with_capacity(src.len() + src.len() / 2 + 64);
    let mut r = Renderer {
        inner: Parser::new_ext(&pre.text, popts).into_offset_iter(),
        raw: VecDeque::new(),
        ready: VecDeque::new(),
        opts,
        pre: &pre,
        lines: LineIndex::new(src),
        written: &written,
        used_ids: Vec::new(),
        heading: None,
        image_stack: Vec::new(),
        last_char: None,
        depth: 0,
        summary_cut: None,
        headings: Vec::new(),
        links: Vec::new(),
        images: Vec::new(),
        stats: StatsCounter::default(),
    };
    if opts.heading_anchors
        && pre
            .text
            .match_indices('{')
            .any(|(k, _)| pre.text[k + 1..].starts_with('#'))
    {
        // Custom ids are reserved first so generated ids never collide with them:
        // read the whole document ahead (only when `{#` occurs at all).
        r.raw.extend(r.inner.by_ref());
        for (ev, _) in &r.raw {
            if let Event::Start(Tag::Heading { id: Some(id), .. }) = ev {
                r.used_ids
                    .push(strip_marker(id.clone(), pre.marker).to_string());
            }
        }
    }

    let sink = TrackingWriter {
        buf: &mut html_out,
        len: &written,
    };
    // Writing into a String cannot fail.
    let _ = html::write_html_fmt(sink, &mut r);

    let summary_html = r.summary_cut.map(|cut| html_out[..cut].to_string());
    Rendered {
        html: html_out,
        headings: r.headings,
        links: r.links,
        images: r.images,
        stats: r.stats.finish(),
        summary_html,
    }
}

/// A heading whose events are held back until its id is known.
struct OpenHeading {
    level: u8,
    custom_id: Option<String>,
    text: String,
}

/// The event pipeline between the parser and the HTML writer: removes markers, drops
/// CJK soft breaks, assigns heading ids and records links, images, headings and stats.
struct Renderer<'t, 's, I> {
    inner: I,
    /// Parser events read ahead (soft-break look-ahead, custom-id pre-scan).
    raw: VecDeque<(Event<'t>, Range<usize>)>,
    /// Processed events waiting to be written (a heading being completed).
    ready: VecDeque<Event<'t>>,
    opts: &'s MarkdownOptions,
    pre: &'s Prepass<'s>,
    lines: LineIndex<'s>,
    /// Bytes of HTML written so far (set by the writer).
    written: &'s Cell<usize>,
    used_ids: Vec<String>,
    heading: Option<OpenHeading>,
    image_stack: Vec<usize>,
    /// Last visible character of the current paragraph.
    last_char: Option<char>,
    depth: usize,
    summary_cut: Option<usize>,
    headings: Vec<Heading>,
    links: Vec<Link>,
    images: Vec<Image>,
    stats: StatsCounter,
}

impl<'t, I> Iterator for Renderer<'t, '_, I>
where
    I: Iterator<Item = (Event<'t>, Range<usize>)>,
{
    type Item = Event<'t>;

    fn next(&mut self) -> Option<Event<'t>> {
        if let Some(ev) = self.ready.pop_front() {
            return Some(ev);
        }
        loop {
            let (ev, range) = self.pull()?;
            let Some(ev) = self.process(ev, range) else {
                continue;
            };
            if self.heading.is_none() {
                return Some(ev);
            }
            // Hold the heading back until its text (and so its id) is known.
            self.ready.push_back(ev);
            while self.heading.is_some() {
                let Some((ev, range)) = self.pull() else {
                    break;
                };
                if let Some(ev) = self.process(ev, range) {
                    self.ready.push_back(ev);
                }
            }
            return self.ready.pop_front();
        }
    }
}

impl<'t, I> Renderer<'t, '_, I>
where
    I: Iterator<Item = (Event<'t>, Range<usize>)>,
{
    #[inline]
    fn pull(&mut self) -> Option<(Event<'t>, Range<usize>)> {
        self.raw.pop_front().or_else(|| self.inner.next())
    }

    /// The `k`-th event ahead, reading from the parser as needed.
    fn peek(&mut self, k: usize) -> Option<&Event<'t>> {
        while self.raw.len() <= k {
            let ev = self.inner.next()?;
            self.raw.push_back(ev);
        }
        self.raw.get(k).map(|(ev, _)| ev)
    }

    /// First visible character after a soft break, looking through inline tags.
    fn next_text_char(&mut self) -> Option<char> {
        let marker = self.pre.marker;
        let mut k = 0;
        loop {
            match self.peek(k)? {
                Event::Text(t) | Event::Code(t) => {
                    if let Some(c) = t.chars().find(|&c| Some(c) != marker) {
                        return Some(c);
                    }
                }
                Event::Start(tag) if is_inline_container(tag) => {}
                Event::End(end) if is_inline_end(end) => {}
                _ => return None,
            }
            k += 1;
        }
    }

    fn strip(&self, s: CowStr<'t>) -> CowStr<'t> {
        strip_marker(s, self.pre.marker)
    }

    /// Like `strip`, for text taken from `range` of the source: skips the search
    /// when no marker was inserted inside that range.
    #[inline]
    fn strip_text(&self, s: CowStr<'t>, range: &Range<usize>) -> CowStr<'t> {
        if self.pre.marker_within(range) {
            self.strip(s)
        } else {
            s
        }
    }

    /// Records visible text for statistics, headings and image alt text.
    fn note_text(&mut self, t: &str) {
        if let Some(&img) = self.image_stack.last() {
            self.images[img].alt.push_str(t);
            return;
        }
        self.stats.feed(t);
        if let Some(h) = &mut self.heading {
            h.text.push_str(t);
        }
    }

    fn boundary(&mut self) {
        self.stats.boundary();
        self.last_char = None;
    }

    /// Transforms one parser event; `None` drops it.
    #[inline]
    fn process(&mut self, ev: Event<'t>, range: Range<usize>) -> Option<Event<'t>> {
        Some(match ev {
            Event::Text(t) => {
                let t = self.strip_text(t, &range);
                self.note_text(&t);
                self.last_char = t.chars().next_back().or(self.last_char);
                Event::Text(t)
            }
            Event::Code(t) => {
                let t = self.strip_text(t, &range);
                self.note_text(&t);
                self.last_char = t.chars().next_back().or(self.last_char);
                Event::Code(t)
            }
            Event::SoftBreak => {
                if self.opts.cjk_soft_breaks {
                    let next = self.next_text_char();
                    if joins_without_space(self.last_char, next) {
                        return None;
                    }
                }
                self.note_text(" ");
                Event::SoftBreak
            }
            Event::HardBreak => {
                self.note_text(" ");
                self.last_char = None;
                Event::HardBreak
            }
            Event::Html(t) => Event::Html(self.strip(t)),
            Event::InlineHtml(t) => {
                self.last_char = None;
                Event::InlineHtml(self.strip(t))
            }
            Event::InlineMath(t) => Event::InlineMath(self.strip(t)),
            Event::DisplayMath(t) => Event::DisplayMath(self.strip(t)),
            Event::FootnoteReference(t) => {
                self.last_char = None;
                Event::FootnoteReference(footnote_id(self.strip(t)))
            }
            ev @ (Event::Rule | Event::TaskListMarker(_)) => {
                self.boundary();
                ev
            }
            Event::Start(tag) => {
                if self.depth == 0
                    && self.summary_cut.is_none()
                    && matches!(tag, Tag::HtmlBlock)
                    && matches!(self.peek(0), Some(Event::Html(h)) if is_more_comment(h))
                {
                    // The writer has finished every earlier event.
                    self.summary_cut = Some(self.written.get());
                }
                self.depth += 1;
                if !is_inline_container(&tag) {
                    self.boundary();
                }
                Event::Start(self.start_tag(tag, range))
            }
            Event::End(end) => {
                self.depth = self.depth.saturating_sub(1);
                match end {
                    TagEnd::Heading(_) => self.finish_heading(),
                    TagEnd::Image => {
                        self.image_stack.pop();
                    }
                    _ => {}
                }
                if !is_inline_end(&end) {
                    self.boundary();
                }
                Event::End(end)
            }
        })
    }

    fn start_tag(&mut self, tag: Tag<'t>, range: Range<usize>) -> Tag<'t> {
        match tag {
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => {
                let id = id.map(|s| self.strip(s));
                self.heading = Some(OpenHeading {
                    level: level as u8,
                    custom_id: id.as_ref().map(|s| s.to_string()),
                    text: String::new(),
                });
                Tag::Heading {
                    level,
                    id,
                    classes: classes.into_iter().map(|c| self.strip(c)).collect(),
                    attrs: attrs
                        .into_iter()
                        .map(|(k, v)| (self.strip(k), v.map(|v| self.strip(v))))
                        .collect(),
                }
            }
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest_url = self.strip(dest_url);
                let (line, column) = self.lines.locate(self.pre.original_offset(range.start));
                let url = if link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                self.links.push(Link { url, line, column });
                Tag::Link {
                    link_type,
                    dest_url,
                    title: self.strip(title),
                    id: self.strip(id),
                }
            }
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => {
                let dest_url = self.strip(dest_url);
                let (line, column) = self.lines.locate(self.pre.original_offset(range.start));
                self.image_stack.push(self.images.len());
                self.images.push(Image {
                    src: dest_url.to_string(),
                    alt: String::new(),
                    line,
                    column,
                });
                Tag::Image {
                    link_type,
                    dest_url,
                    title: self.strip(title),
                    id: self.strip(id),
                }
            }
            Tag::CodeBlock(CodeBlockKind::Fenced(info)) => {
                Tag::CodeBlock(CodeBlockKind::Fenced(self.strip(info)))
            }
            Tag::FootnoteDefinition(label) => {
                Tag::FootnoteDefinition(footnote_id(self.strip(label)))
            }
            other => other,
        }
    }

    /// Gives the held-back heading its id and records it.
    fn finish_heading(&mut self) {
        let Some(h) = self.heading.take() else {
            return;
        };
        let id = match h.custom_id {
            Some(custom) => custom,
            None if self.opts.heading_anchors => {
                let id = unique_id(heading_id(&h.text), &mut self.used_ids);
                if let Some(Event::Start(Tag::Heading { id: slot, .. })) = self.ready.front_mut() {
                    *slot = Some(CowStr::from(id.clone()));
                }
                id
            }
            None => String::new(),
        };
        self.headings.push(Heading {
            level: h.level,
            id,
            text: h.text,
        });
    }
}

/// Counts CJK characters and Latin words of a plain string and estimates reading time.
pub fn text_stats(text: &str) -> TextStats {
    let mut counter = StatsCounter::default();
    counter.feed(text);
    counter.finish()
}

/// The heading anchor rule: `一、过去五年工作回顾` → `一过去五年工作回顾`, `Work in 2021` → `work-in-2021`.
pub fn heading_id(text: &str) -> String {
    // Letters and digits (Han included) are kept, ASCII lowercased, full-width ASCII
    // folded; runs of whitespace and other punctuation become one `-`; CJK/full-width
    // punctuation (、（）「」…) is dropped, becoming `-` only between two non-CJK
    // characters (`Work、Plan` → `work-plan`).
    #[derive(PartialEq)]
    enum Gap {
        None,
        Soft,
        Hard,
    }
    let mut id = String::with_capacity(text.len());
    let mut gap = Gap::None;
    let mut last_cjk = false;
    for c in text.chars() {
        let c = fold_fullwidth_alnum(c);
        if c.is_alphanumeric() {
            let cjk = !c.is_ascii() && is_cjk_letter(c);
            if !id.is_empty() && (gap == Gap::Hard || (gap == Gap::Soft && !cjk && !last_cjk)) {
                id.push('-');
            }
            gap = Gap::None;
            last_cjk = cjk;
            id.push(c.to_ascii_lowercase());
        } else if !c.is_whitespace() && (is_cjk_punct(c) || is_quote_like(c)) {
            if gap == Gap::None {
                gap = Gap::Soft;
            }
        } else {
            gap = Gap::Hard;
        }
    }
    if id.is_empty() {
        id.push_str("section");
    }
    id
}

// ---------------------------------------------------------------------------
// Rendering helpers

/// The id a footnote's label becomes: `fn-1`, so it can never meet a heading's id (`## 1`).
fn footnote_id(label: CowStr<'_>) -> CowStr<'_> {
    CowStr::from(format!("fn-{label}"))
}

/// Removes the emphasis marker from an event string (no allocation when absent).
fn strip_marker(s: CowStr<'_>, marker: Option<char>) -> CowStr<'_> {
    let Some(m) = marker else {
        return s;
    };
    let mut buf = [0u8; 4];
    let m: &str = m.encode_utf8(&mut buf);
    if s.contains(m) {
        CowStr::from(s.replace(m, ""))
    } else {
        s
    }
}

/// Tags that do not interrupt the flow of text (soft-break and word neighbours).
fn is_inline_container(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. }
    )
}

fn is_inline_end(tag: &TagEnd) -> bool {
    matches!(
        tag,
        TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link
    )
}

/// Whether a soft line break between `prev` and `next` should vanish.
fn joins_without_space(prev: Option<char>, next: Option<char>) -> bool {
    let (Some(p), Some(n)) = (prev, next) else {
        return false;
    };
    match (is_cjk_wide(p), is_cjk_wide(n)) {
        (true, true) => true,
        (true, false) => is_quote_like(n),
        (false, true) => is_quote_like(p),
        (false, false) => false,
    }
}

fn is_more_comment(html: &str) -> bool {
    let t = html.trim();
    t.strip_prefix("<!--")
        .and_then(|t| t.strip_suffix("-->"))
        .is_some_and(|inner| inner.trim() == "more")
}

fn unique_id(base: String, used: &mut Vec<String>) -> String {
    let mut id = base.clone();
    let mut n = 1;
    while used.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    used.push(id.clone());
    id
}

/// A `fmt::Write` into a String that publishes the length written so far.
struct TrackingWriter<'a> {
    buf: &'a mut String,
    len: &'a Cell<usize>,
}

impl fmt::Write for TrackingWriter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.buf.push_str(s);
        self.len.set(self.buf.len());
        Ok(())
    }
}

/// Converts byte offsets of the original source to 1-based line and character column.
struct LineIndex<'a> {
    src: &'a str,
    pos: usize,
    line: usize,
    line_start: usize,
}

impl<'a> LineIndex<'a> {
    fn new(src: &'a str) -> Self {
        LineIndex {
            src,
            pos: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// Offsets usually arrive in increasing order, so scanning resumes where it stopped.
    fn locate(&mut self, off: usize) -> (usize, usize) {
        let off = off.min(self.src.len());
        if off < self.pos {
            *self = LineIndex::new(self.src);
        }
        let b = self.src.as_bytes();
        let seg = &b[self.pos..off];
        if seg.contains(&b'\r') {
            // Rare: old Mac line endings (a lone CR) also end lines.
            for k in self.pos..off {
                if b[k] == b'\n' || (b[k] == b'\r' && b.get(k + 1) != Some(&b'\n')) {
                    self.line += 1;
                    self.line_start = k + 1;
                }
            }
        } else {
            let newlines = seg.iter().filter(|&&c| c == b'\n').count();
            if newlines > 0 {
                self.line += newlines;
                self.line_start = self.pos + seg.iter().rposition(|&c| c == b'\n').unwrap_or(0) + 1;
            }
        }
        self.pos = off;
        let column = self
            .src
            .get(self.line_start..off)
            .map_or(0, |s| s.chars().count())
            + 1;
        (self.line, column)
    }
}

// ---------------------------------------------------------------------------
// Statistics

#[derive(Default)]
struct StatsCounter {
    cjk: usize,
    words: usize,
    in_word: bool,
    /// After `'`, `’`, `-`, `.` or `_` inside a word: a letter continues the word.
    joiner: bool,
    /// Some non-space character other than a letter was seen.
    non_blank: bool,
}

impl StatsCounter {
    fn feed(&mut self, s: &str) {
        let (mut cjk, mut words) = (self.cjk, self.words);
        let (mut in_word, mut joiner, mut non_blank) = (self.in_word, self.joiner, self.non_blank);
        let bytes = s.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Fast path: lead bytes E5..E9 start U+5000..U+9FFF, all Han.
            if (0xE5..=0xE9).contains(&bytes[i]) {
                cjk += 1;
                in_word = false;
                joiner = false;
                i += 3;
                continue;
            }
            let Some(c) = s[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            let u = c as u32;
            let (word, joins) = if u < 0x80 {
                (
                    c.is_ascii_alphanumeric(),
                    matches!(c, '\'' | '-' | '.' | '_'),
                )
            } else if is_han_or_kana(c) {
                cjk += 1;
                in_word = false;
                joiner = false;
                continue;
            } else if is_cjk_punct(c) || is_quote_like(c) {
                (false, c == '’')
            } else {
                (c.is_alphanumeric(), false)
            };
            if word {
                if !in_word && !joiner {
                    words += 1;
                }
                in_word = true;
                joiner = false;
            } else {
                non_blank |= !c.is_whitespace();
                joiner = joins && in_word;
                in_word = false;
            }
        }
        self.cjk = cjk;
        self.words = words;
        self.in_word = in_word;
        self.joiner = joiner;
        self.non_blank = non_blank;
    }

    /// A block boundary: words never continue across it.
    fn boundary(&mut self) {
        self.in_word = false;
        self.joiner = false;
    }

    fn finish(&self) -> TextStats {
        let units = self.cjk + 2 * self.words; // 400 units a minute
        let mut minutes = units.div_ceil(400);
        if minutes == 0 && (self.non_blank || units > 0) {
            minutes = 1;
        }
        TextStats {
            cjk_chars: self.cjk,
            latin_words: self.words,
            reading_minutes: u32::try_from(minutes).unwrap_or(u32::MAX),
        }
    }
}

// ---------------------------------------------------------------------------
// Character classes

/// Han ideographs and kana letters (what `cjk_chars` counts).
fn is_han_or_kana(c: char) -> bool {
    let u = c as u32;
    (0x4E00..=0x9FFF).contains(&u)
        || matches!(u,
            0x3005..=0x3007 | 0x3021..=0x3029 | 0x3038..=0x303B
            | 0x3041..=0x3096 | 0x309D..=0x309F | 0x30A1..=0x30FA | 0x30FC..=0x30FF
            | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0xF900..=0xFAFF | 0xFF66..=0xFF9F
            | 0x1B000..=0x1B16F | 0x20000..=0x3FFFF)
}

/// CJK letters for the emphasis fix: Han, kana, bopomofo, Hangul, full-width letters/digits.
fn is_cjk_letter(c: char) -> bool {
    is_han_or_kana(c)
        || matches!(c as u32,
            0x1100..=0x11FF | 0x3105..=0x312F | 0x3131..=0x318E | 0x31A0..=0x31BF
            | 0xA960..=0xA97C | 0xAC00..=0xD7A3 | 0xD7B0..=0xD7C6 | 0xD7CB..=0xD7FB
            | 0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A)
}

/// Punctuation and symbols of the CJK and full-width blocks (all P* or S* in Unicode).
fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32,
        0x3001..=0x3004 | 0x3008..=0x3020 | 0x3030 | 0x303D..=0x303F | 0x309B..=0x309C
        | 0x30A0 | 0x30FB | 0xFE10..=0xFE19 | 0xFE30..=0xFE52 | 0xFE54..=0xFE66
        | 0xFE68..=0xFE6B | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40
        | 0xFF5B..=0xFF65 | 0xFFE0..=0xFFE6 | 0xFFE8..=0xFFEE)
}

/// General punctuation shared with Latin text (“ ” ‘ ’ — … ·), all P* or S*.
fn is_quote_like(c: char) -> bool {
    matches!(c as u32, 0x00B7 | 0x2010..=0x2027 | 0x2030..=0x205E)
}

/// Characters CommonMark (and pulldown-cmark) certainly treats as punctuation.
fn is_known_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || is_cjk_punct(c)
        || is_quote_like(c)
        || matches!(c as u32, 0xA1..=0xA9 | 0xAB | 0xAC | 0xAE..=0xB1 | 0xB4 | 0xB6..=0xB8 | 0xBB | 0xBF | 0xD7 | 0xF7)
}

/// Wide characters whose line breaks are dropped (CSS: East Asian Width F/W/H).
fn is_cjk_wide(c: char) -> bool {
    is_han_or_kana(c)
        || is_cjk_punct(c)
        || matches!(c as u32, 0x3105..=0x312F | 0x31A0..=0x31BF | 0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A)
}

/// `Ａ`→`A`, `１`→`1`; other characters unchanged.
fn fold_fullwidth_alnum(c: char) -> char {
    match c as u32 {
        u @ (0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A) => {
            char::from_u32(u - 0xFEE0).unwrap_or(c)
        }
        _ => c,
    }
}

// ---------------------------------------------------------------------------
// CJK emphasis pre-pass

/// The source as given to the parser, with the positions of inserted markers.
struct Prepass<'a> {
    text: Cow<'a, str>,
    /// The marker character, if any was inserted.
    marker: Option<char>,
    /// Byte offsets in `text` where a marker starts, ascending.
    at: Vec<usize>,
}

impl<'a> Prepass<'a> {
    fn plain(src: &'a str) -> Self {
        Prepass {
            text: Cow::Borrowed(src),
            marker: None,
            at: Vec::new(),
        }
    }

    /// Whether a marker was inserted inside `range` of `text`.
    fn marker_within(&self, range: &Range<usize>) -> bool {
        if self.at.is_empty() {
            return false;
        }
        let k = self.at.partition_point(|&p| p < range.start);
        self.at.get(k).is_some_and(|&p| p < range.end)
    }

    /// Maps an offset in `text` back to the original source.
    fn original_offset(&self, x: usize) -> usize {
        match self.marker {
            None => x,
            Some(m) => {
                let w = m.len_utf8();
                x - w * self.at.partition_point(|&p| p + w <= x)
            }
        }
    }
}

/// Inserts markers where CJK text defeats the flanking rules; borrows when nothing changes.
fn emphasis_prepass(src: &str, strikethrough: bool) -> Prepass<'_> {
    if !(src.contains('*') || (strikethrough && src.contains("~~"))) {
        return Prepass::plain(src);
    }
    let mut positions = Vec::new();
    find_insertions(src, strikethrough, &mut positions);
    if positions.is_empty() {
        return Prepass::plain(src);
    }
    positions.dedup();
    let Some(marker) = (0xFDD0..=0xFDEF)
        .filter_map(char::from_u32)
        .find(|&m| !src.contains(m))
    else {
        return Prepass::plain(src);
    };
    let mut text = String::with_capacity(src.len() + positions.len() * marker.len_utf8());
    let mut at = Vec::with_capacity(positions.len());
    let mut last = 0;
    for &p in &positions {
        text.push_str(&src[last..p]);
        at.push(text.len());
        text.push(marker);
        last = p;
    }
    text.push_str(&src[last..]);
    Prepass {
        text: Cow::Owned(text),
        marker: Some(marker),
        at,
    }
}

/// Walks the source line by line, skipping code blocks and link definitions, and
/// scans each run of prose lines for delimiter runs that need a marker.
fn find_insertions(src: &str, strike: bool, out: &mut Vec<usize>) {
    let b = src.as_bytes();
    let mut fence: Option<(u8, usize)> = None;
    let mut prev_blank = true;
    let mut indented_code = false;
    let mut list_ctx = false;
    let mut prose: Option<(usize, usize)> = None;
    let mut pos = 0;
    while pos < b.len() {
        let line_end = src[pos..].find('\n').map_or(b.len(), |k| pos + k);
        let next = line_end + 1;
        let (indent, ws) = indentation(&b[pos..line_end]);
        let start = pos + ws;
        let blank = b[start..line_end].iter().all(u8::is_ascii_whitespace);

        if let Some((fc, flen)) = fence {
            flush(src, &mut prose, strike, out);
            let q = skip_quote_markers(b, start, line_end);
            let n = run_len(b, q, line_end, fc);
            if n >= flen && b[q + n..line_end].iter().all(u8::is_ascii_whitespace) {
                fence = None;
            }
            prev_blank = false;
            pos = next;
            continue;
        }
        if blank {
            flush(src, &mut prose, strike, out);
            prev_blank = true;
            pos = next;
            continue;
        }
        if indent >= 4 && prose.is_none() && (indented_code || (prev_blank && !list_ctx)) {
            indented_code = true;
            prev_blank = false;
            pos = next;
            continue;
        }
        indented_code = false;

        let q = skip_quote_markers(b, start, line_end);
        let (item, q) = skip_list_marker(b, q, line_end);
        if item {
            list_ctx = true;
        } else if indent == 0 && prev_blank {
            list_ctx = false;
        }
        prev_blank = false;

        if let Some(open) = fence_open(b, q, line_end) {
            flush(src, &mut prose, strike, out);
            fence = Some(open);
            pos = next;
            continue;
        }
        if q < line_end && b[q] == b'[' && b.get(q + 1) != Some(&b'^') && prose.is_none() {
            // `[label]: destination "title"`: only the label is text (it must be
            // rewritten exactly like references to it).
            if let Some(k) = b[q..line_end].iter().position(|&c| c == b']')
                && b.get(q + k + 1) == Some(&b':')
            {
                scan_inline(src, q, q + k + 1, strike, out);
                pos = next;
                continue;
            }
        }
        prose = Some((prose.map_or(pos, |(s, _)| s), line_end));
        pos = next;
    }
    flush(src, &mut prose, strike, out);
}

fn flush(src: &str, prose: &mut Option<(usize, usize)>, strike: bool, out: &mut Vec<usize>) {
    if let Some((s, e)) = prose.take() {
        let text = &src.as_bytes()[s..e];
        if text.contains(&b'*') || (strike && text.contains(&b'~')) {
            scan_inline(src, s, e, strike, out);
        }
    }
}

/// Indentation in columns (tabs to multiples of 4) and in bytes.
fn indentation(line: &[u8]) -> (usize, usize) {
    let mut cols = 0;
    for (k, &c) in line.iter().enumerate() {
        match c {
            b' ' => cols += 1,
            b'\t' => cols += 4 - cols % 4,
            _ => return (cols, k),
        }
    }
    (cols, line.len())
}

fn skip_quote_markers(b: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && matches!(b[i], b'>' | b' ' | b'\t') {
        i += 1;
    }
    i
}

/// Skips a bullet or ordered list marker and the spaces after it.
fn skip_list_marker(b: &[u8], i: usize, end: usize) -> (bool, usize) {
    let mut j = i;
    if j < end && matches!(b[j], b'-' | b'+' | b'*') {
        j += 1;
    } else {
        while j < end && j - i < 9 && b[j].is_ascii_digit() {
            j += 1;
        }
        if j == i || j >= end || !matches!(b[j], b'.' | b')') {
            return (false, i);
        }
        j += 1;
    }
    if j < end && !matches!(b[j], b' ' | b'\t') {
        return (false, i);
    }
    while j < end && matches!(b[j], b' ' | b'\t') {
        j += 1;
    }
    (true, j)
}

/// Recognises an opening code fence: ``` or ~~~ (backtick fences have no backtick after).
fn fence_open(b: &[u8], i: usize, end: usize) -> Option<(u8, usize)> {
    let c = *b.get(i).filter(|_| i < end)?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = run_len(b, i, end, c);
    if n < 3 || (c == b'`' && b[i + n..end].contains(&b'`')) {
        return None;
    }
    Some((c, n))
}

fn run_len(b: &[u8], i: usize, end: usize, c: u8) -> usize {
    b[i.min(end)..end].iter().take_while(|&&x| x == c).count()
}

/// Scans inline text `src[start..end]` for delimiter runs, skipping code spans,
/// escapes, autolinks/HTML tags and link destinations.
fn scan_inline(src: &str, start: usize, end: usize, strike: bool, out: &mut Vec<usize>) {
    let b = src.as_bytes();
    let mut i = start;
    while i < end {
        // Jump to the next byte that matters, a whole character at a time.
        loop {
            let step = INLINE_STEP[usize::from(b[i])];
            if step == 0 {
                break;
            }
            i += usize::from(step);
            if i >= end {
                return;
            }
        }
        match b[i] {
            b'\\' => {
                i += if i + 1 < end && b[i + 1].is_ascii_punctuation() {
                    2
                } else {
                    1
                }
            }
            b'`' => {
                let n = run_len(b, i, end, b'`');
                i = closing_backticks(b, i + n, end, n).unwrap_or(i + n);
            }
            b'<' => i = skip_angle(b, i, end).unwrap_or(i + 1),
            b']' if i + 1 < end && b[i + 1] == b'(' => i = skip_destination(b, i + 2, end),
            b'*' => {
                let n = run_len(b, i, end, b'*');
                check_run(src, i, i + n, true, out);
                i += n;
            }
            b'~' if strike => {
                let n = run_len(b, i, end, b'~');
                if n >= 2 {
                    check_run(src, i, i + n, false, out);
                }
                i += n;
            }
            _ => i += 1,
        }
    }
}
/// For `scan_inline`: 0 for the bytes it acts on, else the UTF-8 length of the
/// character starting with that byte.
static INLINE_STEP: [u8; 256] = {
    let mut t = [1u8; 256];
    let mut c = 0xC0;
    while c < 256 {
        t[c] = if c < 0xE0 {
            2
        } else if c < 0xF0 {
            3
        } else {
            4
        };
        c += 1;
    }
    t[b'\\' as usize] = 0;
    t[b'`' as usize] = 0;
    t[b'<' as usize] = 0;
    t[b']' as usize] = 0;
    t[b'*' as usize] = 0;
    t[b'~' as usize] = 0;
    t
};

/// End of the code span whose opening backtick run (length `n`) ends at `from`.
fn closing_backticks(b: &[u8], from: usize, end: usize, n: usize) -> Option<usize> {
    let mut j = from;
    while j < end {
        if b[j] == b'`' {
            let m = run_len(b, j, end, b'`');
            if m == n {
                return Some(j + m);
            }
            j += m;
        } else {
            j += 1;
        }
    }
    None
}

/// End of an HTML tag, comment or autolink starting at `b[i] == b'<'`.
fn skip_angle(b: &[u8], i: usize, end: usize) -> Option<usize> {
    if b[i..end].starts_with(b"<!--") {
        let body = i + 4;
        return b[body..end]
            .windows(3)
            .position(|w| w == b"-->")
            .map(|k| body + k + 3);
    }
    let next = *b.get(i + 1).filter(|_| i + 1 < end)?;
    if !(next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')) {
        return None;
    }
    for (k, &c) in b[i + 1..end].iter().enumerate() {
        match c {
            b'>' => return Some(i + 1 + k + 1),
            b'\n' | b'<' => return None,
            _ => {}
        }
    }
    None
}

/// End of a link destination and title `(…)` whose `(` ends at `from`.
fn skip_destination(b: &[u8], from: usize, end: usize) -> usize {
    let mut j = from;
    let mut depth = 1usize;
    while j < end {
        match b[j] {
            b'\\' => j += 1,
            b'<' if j == from => {
                while j < end && b[j] != b'>' && b[j] != b'\n' {
                    j += 1;
                }
            }
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return j + 1;
                }
            }
            _ => {}
        }
        j += 1;
    }
    from
}

/// Decides whether the delimiter run `src[s..e]` needs a marker, and where.
fn check_run(src: &str, s: usize, e: usize, star: bool, out: &mut Vec<usize>) {
    let (Some(p), Some(n)) = (src[..s].chars().next_back(), src[e..].chars().next()) else {
        return;
    };
    if p.is_whitespace() || n.is_whitespace() {
        return;
    }
    if p == '>' {
        // At the start of a block-quote line the run is at the start of its text.
        let line = src[..s].rfind('\n').map_or(0, |k| k + 1);
        if src.as_bytes()[line..s]
            .iter()
            .all(|c| matches!(c, b'>' | b' ' | b'\t'))
        {
            return;
        }
    }
    if closing_blocked(p, n) {
        out.push(s);
    } else if star && opening_blocked(p, n) {
        out.push(e);
    }
}

/// A marker next to these would change their own delimiter or table meaning.
fn marker_may_touch(c: char) -> bool {
    !matches!(c, '_' | '~' | '|' | '*')
}

/// Punctuation before the run and a letter after it: CommonMark lets it open only.
fn closing_blocked(p: char, n: char) -> bool {
    marker_may_touch(p)
        && ((is_known_punct(p) && is_cjk_letter(n))
            || (is_cjk_punct(p) && n.is_ascii_alphanumeric()))
}

/// A letter before the run and punctuation after it: CommonMark lets it close only.
fn opening_blocked(p: char, n: char) -> bool {
    marker_may_touch(n)
        && ((is_cjk_letter(p) && is_known_punct(n))
            || (p.is_ascii_alphanumeric() && is_cjk_punct(n)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(src: &str) -> String {
        render(src, &MarkdownOptions::default()).html
    }

    fn has_marker(s: &str) -> bool {
        s.chars()
            .any(|c| matches!(c as u32, 0xE000..=0xF8FF | 0xFDD0..=0xFDEF))
    }

    /// (input, expected HTML) with the default options.
    const CASES: &[(&str, &str)] = &[
        // The issue's cases.
        (
            "**「十严禁」**换届纪律",
            "<p><strong>「十严禁」</strong>换届纪律</p>\n",
        ),
        (
            "要求**“四明确”**。",
            "<p>要求<strong>“四明确”</strong>。</p>\n",
        ),
        (
            "**（1）第一阶段**。",
            "<p><strong>（1）第一阶段</strong>。</p>\n",
        ),
        // Brackets and quotes on both sides of CJK letters.
        (
            "严肃**「十严禁」**换届纪律",
            "<p>严肃<strong>「十严禁」</strong>换届纪律</p>\n",
        ),
        (
            "做到**『四个必须』**和",
            "<p>做到<strong>『四个必须』</strong>和</p>\n",
        ),
        (
            "学习**《条例》**精神",
            "<p>学习<strong>《条例》</strong>精神</p>\n",
        ),
        (
            "开展**【专项整治】**行动",
            "<p>开展<strong>【专项整治】</strong>行动</p>\n",
        ),
        (
            "一是**‘三个不’**要求",
            "<p>一是<strong>‘三个不’</strong>要求</p>\n",
        ),
        (
            "按照**（一）**执行",
            "<p>按照<strong>（一）</strong>执行</p>\n",
        ),
        // Sentence punctuation before a closing run.
        ("**一、**总体要求", "<p><strong>一、</strong>总体要求</p>\n"),
        ("**同意，**请签字", "<p><strong>同意，</strong>请签字</p>\n"),
        (
            "**通知。**全体干部",
            "<p><strong>通知。</strong>全体干部</p>\n",
        ),
        (
            "**注意！**不得拉票",
            "<p><strong>注意！</strong>不得拉票</p>\n",
        ),
        ("**是否？**是", "<p><strong>是否？</strong>是</p>\n"),
        ("**时间：**2021年", "<p><strong>时间：</strong>2021年</p>\n"),
        ("**原则；**坚持", "<p><strong>原则；</strong>坚持</p>\n"),
        ("**换届——**关键", "<p><strong>换届——</strong>关键</p>\n"),
        ("**(1)**第一", "<p><strong>(1)</strong>第一</p>\n"),
        // Single `*`.
        ("*「强调」*内容", "<p><em>「强调」</em>内容</p>\n"),
        ("请*“注意”*。", "<p>请<em>“注意”</em>。</p>\n"),
        ("见*《办法》*第三条", "<p>见<em>《办法》</em>第三条</p>\n"),
        // Several runs on one line.
        (
            "**甲**、**乙**和**「丙」**。",
            "<p><strong>甲</strong>、<strong>乙</strong>和<strong>「丙」</strong>。</p>\n",
        ),
        (
            "**「Hello」**world",
            "<p><strong>「Hello」</strong>world</p>\n",
        ),
        // Nesting.
        (
            "***「重要」***的",
            "<p><em><strong>「重要」</strong></em>的</p>\n",
        ),
        (
            "**甲*「乙」*丙**",
            "<p><strong>甲<em>「乙」</em>丙</strong></p>\n",
        ),
        (
            "**「甲」*乙*丙**",
            "<p><strong>「甲」<em>乙</em>丙</strong></p>\n",
        ),
        ("**a*b*c**", "<p><strong>a<em>b</em>c</strong></p>\n"),
        // Strikethrough closing after punctuation.
        ("~~「删除」~~了", "<p><del>「删除」</del>了</p>\n"),
        // Code is never touched.
        ("`**「x」**换`", "<p><code>**「x」**换</code></p>\n"),
        ("见`**「x」**`说明", "<p>见<code>**「x」**</code>说明</p>\n"),
        (
            "```\n**「十严禁」**换届\n```\n",
            "<pre><code>**「十严禁」**换届\n</code></pre>\n",
        ),
        (
            "```text\n要求**“四明确”**。\n```\n",
            "<pre><code class=\"language-text\">要求**“四明确”**。\n</code></pre>\n",
        ),
        (
            "    **「十严禁」**换届\n",
            "<pre><code>**「十严禁」**换届\n</code></pre>\n",
        ),
        // Links: text emphasised, destination untouched.
        (
            "[**「链接」**](http://x/「a」)",
            "<p><a href=\"http://x/%E3%80%8Ca%E3%80%8D\"><strong>「链接」</strong></a></p>\n",
        ),
        (
            "见[链接](http://x/**「a」**b)。",
            "<p>见<a href=\"http://x/**%E3%80%8Ca%E3%80%8D**b\">链接</a>。</p>\n",
        ),
        (
            "<http://x/**「a」**b>",
            "<p><a href=\"http://x/**%E3%80%8Ca%E3%80%8D**b\">http://x/**「a」**b</a></p>\n",
        ),
        (
            "见**[链接](http://x/)**。",
            "<p>见<strong><a href=\"http://x/\">链接</a></strong>。</p>\n",
        ),
        (
            "[「甲」**乙]\n\n[「甲」**乙]: http://x/",
            "<p><a href=\"http://x/\">「甲」**乙</a></p>\n",
        ),
        // Raw HTML passes through.
        (
            "<span title=\"**「x」**换\">甲</span>",
            "<p><span title=\"**「x」**换\">甲</span></p>\n",
        ),
        (
            "<div>\n**「十严禁」**换届\n</div>\n",
            "<div>\n**「十严禁」**换届\n</div>\n",
        ),
        // `_` keeps CommonMark behaviour.
        ("__「x」__", "<p><strong>「x」</strong></p>\n"),
        ("_「乙」_", "<p><em>「乙」</em></p>\n"),
        ("a_b_c", "<p>a_b_c</p>\n"),
        ("snake_case_name", "<p>snake_case_name</p>\n"),
        ("甲__「乙」__丙", "<p>甲__「乙」__丙</p>\n"),
        // No marker next to `_` (it would break the inner emphasis): CommonMark result.
        ("甲**_乙_**", "<p>甲**<em>乙</em>**</p>\n"),
        // Escapes.
        ("\\*\\*「甲」\\*\\*乙", "<p>**「甲」**乙</p>\n"),
        // Plain text and English emphasis unchanged.
        ("第一行中文，没有强调。", "<p>第一行中文，没有强调。</p>\n"),
        (
            "**bold** and *em*",
            "<p><strong>bold</strong> and <em>em</em></p>\n",
        ),
        ("**\"foo\"**bar", "<p>**\"foo\"**bar</p>\n"),
        ("“Hello”**world**", "<p>“Hello”<strong>world</strong></p>\n"),
        ("foo*bar*baz", "<p>foo<em>bar</em>baz</p>\n"),
        ("2*3*4", "<p>2<em>3</em>4</p>\n"),
        ("a * b * c", "<p>a * b * c</p>\n"),
        // Soft breaks.
        ("第一行中文\n第二行中文", "<p>第一行中文第二行中文</p>\n"),
        (
            "first line\nsecond line",
            "<p>first line\nsecond line</p>\n",
        ),
        ("中文\nEnglish", "<p>中文\nEnglish</p>\n"),
        ("English\n中文", "<p>English\n中文</p>\n"),
        ("他说：“好的”\n然后", "<p>他说：“好的”然后</p>\n"),
        ("中文。\n第二句", "<p>中文。第二句</p>\n"),
        ("**加粗**\n中文", "<p><strong>加粗</strong>中文</p>\n"),
        ("中文\n**加粗**", "<p>中文<strong>加粗</strong></p>\n"),
        ("中文  \n中文", "<p>中文<br />\n中文</p>\n"),
        // Block structure around the fixes.
        (
            "> 要求**“四明确”**。",
            "<blockquote>\n<p>要求<strong>“四明确”</strong>。</p>\n</blockquote>\n",
        ),
        (
            "- **一、**总体\n- 第二项",
            "<ul>\n<li><strong>一、</strong>总体</li>\n<li>第二项</li>\n</ul>\n",
        ),
        (
            "- [x] **「完成」**了",
            "<ul>\n<li><input disabled=\"\" type=\"checkbox\" checked=\"\"/>\n<strong>「完成」</strong>了</li>\n</ul>\n",
        ),
        (
            "| 项目 | 说明 |\n|---|---|\n| **「甲」**乙 | 丙 |\n",
            "<table><thead><tr><th>项目</th><th>说明</th></tr></thead><tbody>\n<tr><td><strong>「甲」</strong>乙</td><td>丙</td></tr>\n</tbody></table>\n",
        ),
        (
            "![**「图」**说明](a.png)",
            "<p><img src=\"a.png\" alt=\"「图」说明\" /></p>\n",
        ),
        (
            "正文[^1]。\n\n[^1]: **「注」**说明",
            "<p>正文<sup class=\"footnote-reference\"><a href=\"#fn-1\">1</a></sup>。</p>\n<div class=\"footnote-definition\" id=\"fn-1\"><sup class=\"footnote-definition-label\">1</sup>\n<p><strong>「注」</strong>说明</p>\n</div>\n",
        ),
        // Headings.
        (
            "## 一、过去五年工作回顾",
            "<h2 id=\"一过去五年工作回顾\">一、过去五年工作回顾</h2>\n",
        ),
        (
            "## Work in 2021",
            "<h2 id=\"work-in-2021\">Work in 2021</h2>\n",
        ),
        ("## 标题 {#custom-id}", "<h2 id=\"custom-id\">标题</h2>\n"),
        (
            "## 概述\n\n## 概述\n\n## 概述",
            "<h2 id=\"概述\">概述</h2>\n<h2 id=\"概述-2\">概述</h2>\n<h2 id=\"概述-3\">概述</h2>\n",
        ),
        (
            "## **「十严禁」**纪律",
            "<h2 id=\"十严禁纪律\"><strong>「十严禁」</strong>纪律</h2>\n",
        ),
        ("# ！？", "<h1 id=\"section\">！？</h1>\n"),
        // Raw HTML block passes through.
        (
            "<div class=\"x\">原样</div>\n",
            "<div class=\"x\">原样</div>\n",
        ),
    ];

    #[test]
    fn table_of_cases() {
        assert!(CASES.len() >= 40);
        let mut failures = Vec::new();
        for (input, expected) in CASES {
            let got = html(input);
            assert!(!has_marker(&got), "marker leaked for {input:?}: {got:?}");
            if got != *expected {
                failures.push(format!(
                    "input:    {input:?}\nexpected: {expected:?}\ngot:      {got:?}"
                ));
            }
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
    }

    #[test]
    fn marker_never_survives() {
        let tricky = [
            "**「十严禁」**换届纪律",
            "`**「x」**换` 和 **「y」**换",
            "```\n**「十严禁」**换届\n```\n**「十严禁」**换届",
            "<div title=\"**「x」**换\">\n**「十严禁」**换届\n</div>",
            "[**「链接」**换](http://x/**「a」**b \"**「t」**换\")",
            "![**「图」**说明](a**「b」**c.png)",
            "## **「标题」**换 {#**「id」**x}",
            "[^**「注」**x]: **「注」**说明\n\n正文[^**「注」**x]",
            "<!-- **「x」**换 -->\n\n**「y」**换",
            "| **「甲」**乙 | `**「丙」**丁` |\n|---|---|\n| ~~「删」~~了 | x |",
            "- [ ] **「未完成」**事项\n    ```\n    **「x」**换\n    ```",
            "**「一」****「二」**三*「四」*五***「六」***七",
        ];
        for input in tricky {
            let r = render(input, &MarkdownOptions::default());
            assert!(!has_marker(&r.html), "{input:?} → {:?}", r.html);
            for h in &r.headings {
                assert!(!has_marker(&h.id) && !has_marker(&h.text), "{h:?}");
            }
            for l in &r.links {
                assert!(!has_marker(&l.url), "{l:?}");
            }
            for i in &r.images {
                assert!(!has_marker(&i.src) && !has_marker(&i.alt), "{i:?}");
            }
        }
        // Everything outside the emphasised text is byte-identical to CommonMark.
        let no_fix = MarkdownOptions {
            cjk_emphasis: false,
            ..MarkdownOptions::default()
        };
        for input in [
            "```\n**「十严禁」**换届\n```",
            "<div>\n**「十严禁」**换届\n</div>",
        ] {
            assert_eq!(html(input), render(input, &no_fix).html);
        }
    }

    #[test]
    fn prepass_borrows_when_nothing_to_do() {
        assert!(matches!(
            emphasis_prepass("纯文本，没有星号。", true).text,
            Cow::Borrowed(_)
        ));
        assert!(matches!(
            emphasis_prepass("**粗体**正常", true).text,
            Cow::Borrowed(_)
        ));
        assert!(matches!(
            emphasis_prepass("**「十严禁」**换届", true).text,
            Cow::Owned(_)
        ));
        // A marker present in the source is never used as the marker.
        let p = emphasis_prepass("\u{FDD0}**「十严禁」**换届", true);
        assert_eq!(p.marker, Some('\u{FDD1}'));
    }

    /// Random mixtures of delimiters, CJK and block syntax: no panic, no marker.
    #[test]
    fn fuzz_no_panic_no_marker() {
        let pieces = [
            "*", "**", "_", "~~", "`", "```", "\\", "[", "]", "(", ")", "](", "<", ">", "> ", "- ",
            "1. ", "    ", "\n", "\n\n", "「", "」", "“", "”", "，", "。", "中", "文", "a", "1",
            " ", "|", "!", "#", "<!--", "-->", "<b>", "\u{FDD0}", "\r\n", "[^1]", ": ",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let len = (next() % 40) as usize;
            let src: String = (0..len)
                .map(|_| pieces[(next() % pieces.len() as u64) as usize])
                .collect();
            let r = render(&src, &MarkdownOptions::default());
            // U+FDD0 may be authored (then U+FDD1 becomes the marker).
            if !src.contains('\u{FDD0}') {
                assert!(!r.html.contains('\u{FDD0}'), "{src:?}");
            }
            assert!(
                !r.html.contains(|c| matches!(c as u32, 0xFDD1..=0xFDEF)),
                "{src:?}"
            );
            for l in &r.links {
                assert!(l.line >= 1 && l.column >= 1);
            }
        }
    }

    /// Our character classes agree with pulldown-cmark's idea of punctuation.
    #[test]
    fn classes_agree_with_pulldown() {
        let opens_before = |c: char| {
            // `*` after a letter opens only if the next character is not punctuation.
            let mut out = String::new();
            html::push_html(&mut out, Parser::new(&format!("a*{c}b*")));
            out.contains("<em>")
        };
        let ranges = [
            0xA1..=0xFF,
            0x2010..=0x205E,
            0x3001..=0x30FF,
            0x3105..=0x31FF,
            0xFE10..=0xFE6B,
            0xFF01..=0xFFEE,
        ];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            if is_known_punct(c) {
                assert!(
                    !opens_before(c),
                    "{c:?} U+{:04X} is not punctuation",
                    c as u32
                );
            }
            if is_cjk_letter(c) {
                assert!(opens_before(c), "{c:?} U+{:04X} is punctuation", c as u32);
            }
            assert!(!(is_known_punct(c) && is_cjk_letter(c)));
        }
        for c in [
            '中',
            '\u{20000}',
            '\u{2A6DF}',
            '가',
            'ㄅ',
            '\u{FDD0}',
            '\u{FDEF}',
        ] {
            assert!(opens_before(c), "{c:?}");
        }
    }

    #[test]
    fn heading_ids() {
        assert_eq!(heading_id("一、过去五年工作回顾"), "一过去五年工作回顾");
        assert_eq!(heading_id("Work in 2021"), "work-in-2021");
        assert_eq!(heading_id("（一）总体要求"), "一总体要求");
        assert_eq!(heading_id("第一章 总则"), "第一章-总则");
        assert_eq!(heading_id("  Hello, World!  "), "hello-world");
        assert_eq!(heading_id("Work、Plan"), "work-plan");
        assert_eq!(heading_id("２０２１年工作"), "2021年工作");
        assert_eq!(heading_id("C++ / Rust"), "c-rust");
        assert_eq!(heading_id("“十四五”规划"), "十四五规划");
        assert_eq!(heading_id("——"), "section");
        assert_eq!(heading_id(""), "section");
    }

    #[test]
    fn headings_collected() {
        let opts = MarkdownOptions::default();
        let r = render(
            "# 标题\n\n## 一、概述 {#intro}\n\n## 概述\n\n## 标题\n\nintro\n-----\n",
            &opts,
        );
        let got: Vec<(u8, &str, &str)> = r
            .headings
            .iter()
            .map(|h| (h.level, h.id.as_str(), h.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (1, "标题", "标题"),
                (2, "intro", "一、概述"),
                (2, "概述", "概述"),
                (2, "标题-2", "标题"),
                (2, "intro-2", "intro"),
            ]
        );
        let off = MarkdownOptions {
            heading_anchors: false,
            ..opts
        };
        let r = render("## 概述\n\n## 标题 {#t}", &off);
        assert_eq!(r.html, "<h2>概述</h2>\n<h2 id=\"t\">标题</h2>\n");
        assert_eq!(r.headings[0].id, "");
        assert_eq!(r.headings[1].id, "t");
    }

    #[test]
    fn links_and_images_positions() {
        let src = "标题\n\n见**「甲」**[链接](http://a/「b」)和<http://c/>。\n\n- ![图**「一」**](x.png \"t\")\n\n[ref]: http://d/\n\n[引用][ref] <me@x.cn>";
        let r = render(src, &MarkdownOptions::default());
        let links: Vec<(&str, usize, usize)> = r
            .links
            .iter()
            .map(|l| (l.url.as_str(), l.line, l.column))
            .collect();
        assert_eq!(
            links,
            [
                ("http://a/「b」", 3, 9),
                ("http://c/", 3, 28),
                ("http://d/", 9, 1),
                ("mailto:me@x.cn", 9, 11),
            ]
        );
        assert_eq!(
            r.images,
            [Image {
                src: "x.png".into(),
                alt: "图「一」".into(),
                line: 5,
                column: 3,
            }]
        );
    }

    #[test]
    fn stats() {
        let s = text_stats("换届工作，2021年 COVID-19 don't stop。");
        assert_eq!((s.cjk_chars, s.latin_words, s.reading_minutes), (5, 4, 1));
        assert_eq!(text_stats("").reading_minutes, 0);
        assert_eq!(text_stats("   \n").reading_minutes, 0);
        assert_eq!(text_stats("。").reading_minutes, 1);
        assert_eq!(text_stats(&"中".repeat(400)).reading_minutes, 1);
        assert_eq!(text_stats(&"中".repeat(401)).reading_minutes, 2);
        assert_eq!(text_stats(&"word ".repeat(200)).reading_minutes, 1);
        assert_eq!(
            text_stats(&format!("{}{}", "中".repeat(200), " word".repeat(101))).reading_minutes,
            2
        );
        assert_eq!(text_stats("ひらがな・カタカナ、漢字").cjk_chars, 10);
        // Over rendered text: markup and image alt text do not count, code does.
        let r = render(
            "# 标题\n\n**粗**体 `code` <b>x</b>\n\n![不计](a.png)",
            &MarkdownOptions::default(),
        );
        assert_eq!((r.stats.cjk_chars, r.stats.latin_words), (4, 2));
    }

    #[test]
    fn summary() {
        let opts = MarkdownOptions::default();
        let r = render(
            "第一段[^1]。\n\n<!-- more -->\n\n第二段[^1]。\n\n[^1]: 注",
            &opts,
        );
        assert_eq!(
            r.summary_html.as_deref(),
            Some(
                "<p>第一段<sup class=\"footnote-reference\"><a href=\"#fn-1\">1</a></sup>。</p>\n"
            )
        );
        assert!(r.html.contains("<!-- more -->"));
        assert!(
            r.html
                .contains("第二段<sup class=\"footnote-reference\"><a href=\"#fn-1\">1</a>")
        );
        let r = render("摘要\n<!--more-->\n正文", &opts);
        assert_eq!(r.summary_html.as_deref(), Some("<p>摘要</p>\n"));
        assert_eq!(render("无摘要", &opts).summary_html, None);
        assert_eq!(render("```\n<!-- more -->\n```", &opts).summary_html, None);
    }

    #[test]
    fn options_off() {
        let opts = MarkdownOptions {
            cjk_emphasis: false,
            cjk_soft_breaks: false,
            tables: false,
            strikethrough: false,
            ..MarkdownOptions::default()
        };
        assert_eq!(
            render("**「十严禁」**换届\n纪律 ~~x~~", &opts).html,
            "<p>**「十严禁」**换届\n纪律 ~~x~~</p>\n"
        );
    }

    #[test]
    fn footnote_ids_never_meet_heading_ids() {
        let r = render(
            "## 1\n\n正文[^1]。\n\n[^1]: 注释\n",
            &MarkdownOptions::default(),
        );
        assert!(r.html.contains("<h2 id=\"1\">"), "{}", r.html);
        assert!(
            r.html.contains("id=\"fn-1\"") && r.html.contains("href=\"#fn-1\""),
            "{}",
            r.html
        );
    }
}
