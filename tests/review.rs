//! Review before publication (先审核、后发布): held-back pages, the banner under --drafts,
//! invalid sign-offs.

mod common;
use common::*;
use huanjie::output::Output;
use huanjie::{Diagnostic, LoadOptions};
use std::path::Path;

fn build_with(root: &Path, drafts: bool) -> (Output, Vec<Diagnostic>) {
    match huanjie::build(
        root,
        &LoadOptions {
            drafts,
            base_url: None,
        },
    ) {
        Ok(x) => x,
        Err(e) => panic!("build of {} failed:\n{e}", root.display()),
    }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn pages_not_fully_signed_off_are_held_back_with_a_reason() {
    let (out, warnings) = build_with(&fixture("review-basic"), false);
    assert!(out.get("news/approved/index.html").is_some());
    assert!(
        out.get("news/partial/index.html").is_none(),
        "a page signed at 初审 only was published"
    );
    assert!(
        out.get("news/unsigned/index.html").is_none(),
        "an unsigned page was published"
    );

    // Nothing links to a held-back page.
    for list in ["index.html", "news/index.html", "en/news/index.html"] {
        let doc = page(&out, list);
        let links: Vec<&str> = select(&doc, "a")
            .iter()
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert!(
            !links
                .iter()
                .any(|h| h.contains("partial") || h.contains("unsigned")),
            "{list} links a held-back page: {links:?}"
        );
    }

    // The build says which pages it held back and why.
    let held: Vec<&Diagnostic> = warnings.iter().filter(|w| w.rule == "held-back").collect();
    let files: Vec<&Path> = held.iter().map(|w| w.file.as_path()).collect();
    assert_eq!(
        files,
        [
            Path::new("content/news/approved.en.md"),
            Path::new("content/news/partial.md"),
            Path::new("content/news/unsigned.md")
        ]
    );
    assert_eq!(
        held[1].message,
        "held back: signed off at 初审 but not yet at 复审, 终审"
    );
    assert_eq!((held[1].line, held[1].column), (6, 5));
    assert_eq!(
        held[2].message,
        "held back: not signed off (needs 初审, 复审, 终审)"
    );
    assert!(held[2].hint.as_deref().unwrap_or("").contains("--drafts"));

    // The English translation is held back: the English URL shows the approved Chinese version.
    let en = page(&out, "en/news/approved/index.html");
    let article = select(&en, "main article");
    assert_eq!(article[0].value().attr("lang"), Some("zh-Hans"));
    assert!(text(&en, "main article h1").contains("已审核的稿件"));
    assert!(!text(&en, "main").contains("translation has not been signed off"));

    // No banner on published pages, and reviewers' names never reach the output.
    for p in out.files.keys().filter(|p| p.ends_with(".html")) {
        let doc = page(&out, p);
        let body = text(&doc, "body");
        assert!(
            !body.contains("未经审核批准") && !body.contains("Not yet approved"),
            "banner on {p}"
        );
        let html = String::from_utf8_lossy(&out.get(p).unwrap()).into_owned();
        assert!(!html.contains("审核人"), "a reviewer's name on {p}");
    }
}

#[test]
fn the_cli_prints_the_held_back_pages() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dest = tmp.path().join("public");
    let root = fixture("review-basic");
    let r = cli(&[
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        dest.to_str().unwrap(),
    ]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("held back: signed off at 初审 but not yet at 复审, 终审"),
        "{err}"
    );
    assert!(err.contains("content/news/partial.md:6:5"), "{err}");
    assert!(err.contains("content/news/unsigned.md"), "{err}");
    assert!(dest.join("news/approved/index.html").is_file());
    assert!(!dest.join("news/partial").exists());
}

#[test]
fn drafts_show_unapproved_pages_with_a_banner() {
    let (out, warnings) = build_with(&fixture("review-basic"), true);
    assert!(
        warnings.iter().all(|w| w.rule != "held-back"),
        "{warnings:?}"
    );

    let doc = page(&out, "news/partial/index.html");
    let banner = select(&doc, r#"main [role="note"]"#);
    let b = squash(
        &banner
            .iter()
            .map(|e| e.text().collect::<String>())
            .collect::<String>(),
    );
    assert!(
        b.contains("未经审核批准") && b.contains("不得对外发布"),
        "{b}"
    );
    assert!(
        b.contains("复审、终审") && !b.contains("初审"),
        "the banner must list the missing levels: {b}"
    );

    let doc = page(&out, "news/unsigned/index.html");
    assert!(text(&doc, "main").contains("初审、复审、终审"));

    // The English translation is built from its own file now, with an English banner.
    let en = page(&out, "en/news/approved/index.html");
    let main = squash(&text(&en, "main"));
    assert!(
        main.contains("Not yet approved") && main.contains("初审, 复审, 终审"),
        "{main}"
    );
    assert!(main.contains("translation has not been signed off"));

    // Approved pages carry no banner.
    let ok = page(&out, "news/approved/index.html");
    assert!(!text(&ok, "main").contains("未经审核批准"));
}

#[test]
fn impossible_sign_offs_are_errors_at_their_place() {
    let e = match huanjie::build(&fixture("review-invalid"), &LoadOptions::default()) {
        Ok(_) => panic!("review-invalid built"),
        Err(e) => e.0,
    };
    let find = |file: &str| {
        let f = Path::new("content/news").join(file);
        e.iter()
            .find(|d| d.file == f)
            .unwrap_or_else(|| panic!("no error for {file}: {e:#?}"))
    };
    let d = find("future.md");
    assert!(
        d.message
            .contains("`终审` sign-off is dated 2999-01-01, after the build date"),
        "{d:?}"
    );
    assert_eq!((d.line, d.column), (9, 11));
    let d = find("before.md");
    assert_eq!(
        d.message,
        "the `初审` sign-off is dated 2021-11-19, before the page's own date 2021-11-20"
    );
    assert_eq!((d.line, d.column), (7, 11));
    let d = find("unknown.md");
    assert_eq!(d.message, "unknown review level `复核`");
    assert_eq!(d.line, 6);
    assert!(
        d.hint
            .as_deref()
            .unwrap_or("")
            .contains("did you mean `复审`"),
        "{d:?}"
    );
    let d = find("twice.md");
    assert!(
        d.message.contains("level `初审` is signed off twice"),
        "{d:?}"
    );
    assert_eq!(d.line, 6);
    let d = find("order.md");
    assert_eq!(
        d.message,
        "`终审` is signed off on 2021-11-21, before the lower level `复审` on 2021-11-25"
    );
    assert_eq!(d.line, 7);
    let d = find("noreviewer.md");
    assert!(d.message.contains("names no reviewer"), "{d:?}");
    assert_eq!(e.len(), 6, "{e:#?}");
    for d in &e {
        assert!(d.hint.is_some(), "no hint: {d:?}");
    }
}

#[test]
fn sites_without_review_levels_publish_every_page() {
    // The basic fixture has no `review:` in site.yaml and no sign-offs.
    let out = build_ok(&fixture("basic"));
    assert!(out.get("news/n1/index.html").is_some());
    // The example site names no levels either: its notice's sign-offs are checked for dates only.
    let out = build_ok(&example());
    assert!(out.get("discipline/qinan-2021/index.html").is_some());
}
