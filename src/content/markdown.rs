//! TEMPORARY stub until the CJK-aware renderer lands.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MarkdownOptions { pub tables: bool, pub footnotes: bool, pub strikethrough: bool, pub tasklists: bool, pub heading_anchors: bool, pub cjk_emphasis: bool, pub cjk_soft_breaks: bool }
impl Default for MarkdownOptions { fn default() -> Self { MarkdownOptions { tables: true, footnotes: true, strikethrough: true, tasklists: true, heading_anchors: true, cjk_emphasis: true, cjk_soft_breaks: true } } }
#[derive(Debug, Clone)] pub struct Heading { pub level: u8, pub id: String, pub text: String }
#[derive(Debug, Clone)] pub struct Link { pub url: String, pub line: usize, pub column: usize }
#[derive(Debug, Clone)] pub struct Image { pub src: String, pub alt: String, pub line: usize, pub column: usize }
#[derive(Debug, Clone, Default)] pub struct TextStats { pub cjk_chars: usize, pub latin_words: usize, pub reading_minutes: u32 }
#[derive(Debug, Clone)] pub struct Rendered { pub html: String, pub headings: Vec<Heading>, pub links: Vec<Link>, pub images: Vec<Image>, pub stats: TextStats, pub summary_html: Option<String> }
pub fn render(src: &str, _o: &MarkdownOptions) -> Rendered { let mut html = String::new(); pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(src)); Rendered { html, headings: vec![], links: vec![], images: vec![], stats: TextStats::default(), summary_html: None } }
