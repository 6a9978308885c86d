//! `huanjie init`: a new site that builds at once with the built-in default theme.

use crate::error::{Diagnostic, Result};
use std::path::Path;

const FILES: &[(&str, &str)] = &[
    (
        "site.yaml",
        r#"# huanjie site configuration. See the README for every key.
title:
  zh-Hans: 换届工作信息网
  en: Leadership Changeover Information
base_url: https://example.gov.cn
languages:
  - { code: zh-Hans, name: 简体中文, prefix: "" }
  - { code: en, name: English, prefix: en }
theme: default
# fallback: show the Chinese text with a note where no translation exists; omit: leave it out
untranslated: fallback
paginate_by: 20
footer:
  sponsor: { zh-Hans: 中共某某县委宣传部（示例）, en: "Publicity Department of the CPC XX County Committee (sample)" }
  contact: "0000-0000000（示例）"
  icp: { number: "某ICP备00000000号（示例）", url: "https://beian.miit.gov.cn/" }
  psb: { number: "某公网安备00000000000000号（示例）", url: "https://beian.mps.gov.cn/" }
  report_error: "mailto:webmaster@example.gov.cn"
"#,
    ),
    (
        "content/_index.md",
        "---\ntitle: 首页\n---\n\n欢迎访问本站。\n",
    ),
    (
        "content/_index.en.md",
        "---\ntitle: Home\n---\n\nWelcome to this site.\n",
    ),
    (
        "content/news/_index.md",
        "---\ntitle: 工作动态\nweight: 1\n---\n",
    ),
    (
        "content/news/_index.en.md",
        "---\ntitle: News\nweight: 1\n---\n",
    ),
    (
        "content/news/first-article.md",
        "---\ntitle: 第一篇新闻\ndate: 2026-01-05\nslug: first-article\nsource: 本网\nauthor: 本网记者\neditor: 编辑\ntags: [换届工作]\nsummary: 这是用 huanjie 生成的第一篇新闻。\n---\n\n这是正文。中文段落可以\n在源文件里换行，页面上不会出现多余的空格。\n\n**「加粗」**的文字紧挨着中文标点也能正确显示。\n",
    ),
    (
        "content/news/first-article.en.md",
        "---\ntitle: The first article\ndate: 2026-01-05\nsource: This site\nauthor: Staff reporter\neditor: Editor\ntags: [Changeover]\nsummary: The first article made with huanjie.\n---\n\nThis is the body.\n",
    ),
];

/// Creates a new site in `dir`, which must not exist or be empty.
pub fn init(dir: &Path) -> Result<()> {
    if dir.exists() && !dir.is_dir() {
        return Err(
            Diagnostic::error("init", dir, 0, 0, "a file of that name already exists")
                .with_hint("choose a new folder name; huanjie never overwrites files")
                .into(),
        );
    }
    // A folder holding nothing but a fresh repository (`git init mysite`) is fine.
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|d| d.filter_map(|e| e.ok()).any(|e| e.file_name() != ".git"))
            .unwrap_or(true)
    {
        return Err(Diagnostic::error(
            "init",
            dir,
            0,
            0,
            "the folder already exists and is not empty",
        )
        .with_hint("choose a new folder name; huanjie never overwrites files")
        .into());
    }
    for (rel, text) in FILES {
        let p = dir.join(rel);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| {
                Diagnostic::error("io", parent, 0, 0, format!("cannot create: {e}"))
            })?;
        }
        std::fs::write(&p, text)
            .map_err(|e| Diagnostic::error("io", &p, 0, 0, format!("cannot write: {e}")))?;
    }
    Ok(())
}
