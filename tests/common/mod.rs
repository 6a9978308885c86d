//! Helpers shared by the integration tests: build a fixture site, parse its pages.
#![allow(dead_code)]

use huanjie::output::Output;
use huanjie::{Errors, LoadOptions};
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};

/// The folder of a fixture site.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The repository root (the bundled example site).
pub fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Builds a site in memory.
pub fn build(root: &Path, drafts: bool) -> Result<Output, Errors> {
    huanjie::build(
        root,
        &LoadOptions {
            drafts,
            base_url: None,
        },
    )
    .map(|(o, _)| o)
}

/// Builds a site that must build.
pub fn build_ok(root: &Path) -> Output {
    match build(root, false) {
        Ok(o) => o,
        Err(e) => panic!("build of {} failed:\n{e}", root.display()),
    }
}

/// Parses the HTML at `path` of the output.
pub fn page(out: &Output, path: &str) -> Html {
    let bytes = out.get(path).unwrap_or_else(|| {
        panic!(
            "no {path} in the output; have: {:?}",
            out.files.keys().take(50).collect::<Vec<_>>()
        )
    });
    Html::parse_document(std::str::from_utf8(&bytes).expect("utf-8"))
}

/// All elements matching `css`.
pub fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    let sel = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
    doc.select(&sel).collect()
}

/// The text of the first element matching `css`, as a browser would join it.
pub fn text(doc: &Html, css: &str) -> String {
    select(doc, css)
        .first()
        .map(|e| e.text().collect::<String>())
        .unwrap_or_else(|| panic!("nothing matches {css}"))
}

/// Runs the CLI.
pub fn cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_huanjie"))
        .args(args)
        .output()
        .expect("run huanjie")
}
