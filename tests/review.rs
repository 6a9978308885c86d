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

// ---- Results that need sign-off (`review: {results: true}`) ----

/// The text of the "not yet approved" banner of a page, if it has one.
fn banner(out: &Output, path: &str) -> Option<String> {
    let doc = page(out, path);
    let b = select(&doc, r#"main .review-banner[role="note"]"#);
    b.first().map(|e| squash(&e.text().collect::<String>()))
}

/// Every HTML page of the output with its text and links.
fn html_pages(out: &Output) -> Vec<(String, String, Vec<String>)> {
    out.files
        .keys()
        .filter(|p| p.ends_with(".html"))
        .map(|p| {
            let doc = page(out, p);
            let links = select(&doc, "a")
                .iter()
                .filter_map(|a| a.value().attr("href").map(str::to_string))
                .collect();
            (p.clone(), text(&doc, "body"), links)
        })
        .collect()
}

/// The names listed in the current term on a body page (the first roster), post by post.
fn roster_names(out: &Output, path: &str) -> Vec<String> {
    let doc = page(out, path);
    let Some(current) = select(&doc, ".roster").into_iter().next() else {
        return Vec::new();
    };
    let frag = scraper::Html::parse_fragment(&current.html());
    select(&frag, ".person-name > a")
        .iter()
        .map(|a| a.text().collect())
        .collect()
}

#[test]
fn meetings_not_fully_signed_off_are_held_back_with_what_they_elected() {
    let (out, warnings) = build_with(&fixture("review-results"), false);
    for p in [
        "meetings/congress-1/index.html",
        "en/meetings/congress-1/index.html",
        "meetings/peoples-congress-1-1/index.html",
        "people/wang-yi/index.html",
        "people/zhao-si/index.html",
    ] {
        assert!(out.get(p).is_some(), "{p} was not published");
    }
    // The 2021 congress (初审 only) and its plenum (no sign-off), and the two people named only
    // there, are not published in any language.
    for p in [
        "meetings/congress-2/index.html",
        "en/meetings/congress-2/index.html",
        "meetings/plenum-2-1/index.html",
        "people/zhang-san/index.html",
        "people/qian-wu/index.html",
        "en/people/qian-wu/index.html",
    ] {
        assert!(out.get(p).is_none(), "{p} was published");
    }
    // Nothing published links them or names the people elected only there.
    for (p, body, links) in html_pages(&out) {
        for held in ["congress-2", "plenum-2-1", "zhang-san", "qian-wu"] {
            assert!(
                !links.iter().any(|l| l.contains(held)),
                "{p} links {held}: {links:?}"
            );
        }
        for name in ["张三", "钱五", "Zhang San", "Qian Wu"] {
            assert!(!body.contains(name), "{p} names {name}");
        }
        assert!(!body.contains("未经审核批准"), "banner on {p}");
    }
    let sitemap = String::from_utf8_lossy(&out.get("sitemap.xml").expect("sitemap")).into_owned();
    assert!(!sitemap.contains("congress-2") && sitemap.contains("/meetings/congress-1/"));

    // The committee shows what the published results give it: the members elected in 2016.
    assert_eq!(
        roster_names(&out, "bodies/committee/index.html"),
        ["王一", "李二"]
    );
    // …and the statistics count those two, not the three of the held-back 2021 congress.
    let stats = page(&out, "statistics/index.html");
    assert_eq!(text(&stats, "#committee .stat-count .stat-value"), "2");

    // The results after the held-back ones are intact: the people's congress elected 赵四.
    let pc = page(&out, "meetings/peoples-congress-1-1/index.html");
    let elected: Vec<String> = select(&pc, ".elected-list .person-name > a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(elected, ["赵四"]);
    assert_eq!(roster_names(&out, "bodies/government/index.html"), ["赵四"]);
    assert_eq!(text(&page(&out, "people/zhao-si/index.html"), "h1"), "赵四");

    // The news names both congresses and two people; it links only what is published.
    let news = page(&out, "news/a/index.html");
    let hrefs: Vec<&str> = select(&news, ".results-links a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(hrefs, ["/meetings/congress-1/", "/people/wang-yi/"]);

    // One warning per held-back meeting, with what it carries and the levels missing.
    let held: Vec<&Diagnostic> = warnings.iter().filter(|w| w.rule == "held-back").collect();
    let files: Vec<&Path> = held.iter().map(|w| w.file.as_path()).collect();
    assert_eq!(
        files,
        [
            Path::new("content/meetings/congress-2/meeting.yaml"),
            Path::new("content/meetings/plenum-2-1/meeting.yaml")
        ]
    );
    assert_eq!(
        held[0].message,
        "held back with its 1 election and 2 people named only there: signed off at 初审 but not yet at 复审, 终审"
    );
    // At the first sign-off (line 19 of meeting.yaml).
    assert_eq!((held[0].line, held[0].column), (19, 5));
    assert_eq!(
        held[1].message,
        "held back with its 1 election and 1 person named only there: not signed off (needs 初审, 复审, 终审)"
    );
    for w in &held {
        let hint = w.hint.as_deref().unwrap_or("");
        assert!(
            hint.contains("meeting.yaml") && hint.contains("--drafts"),
            "{hint}"
        );
    }
}

#[test]
fn drafts_show_unapproved_results_with_a_banner() {
    let (out, warnings) = build_with(&fixture("review-results"), true);
    assert!(
        warnings.iter().all(|w| w.rule != "held-back"),
        "{warnings:?}"
    );
    let b = banner(&out, "meetings/congress-2/index.html").expect("a banner on congress-2");
    assert!(
        b.contains("未经审核批准") && b.contains("不得对外发布"),
        "{b}"
    );
    assert!(b.contains("复审、终审") && !b.contains("初审"), "{b}");
    let b = banner(&out, "meetings/plenum-2-1/index.html").expect("a banner on the plenum");
    assert!(b.contains("初审、复审、终审"), "{b}");
    let b = banner(&out, "en/meetings/congress-2/index.html").expect("an English banner");
    assert!(
        b.contains("Not yet approved") && b.contains("复审, 终审"),
        "{b}"
    );

    // The committee's current term is the 2021 one: the secretary elected at the plenum, then
    // the members in stroke order; 2016 is an earlier term.
    assert_eq!(
        roster_names(&out, "bodies/committee/index.html"),
        ["张三", "王一", "钱五"]
    );
    // Pages showing those results carry the banner too, with the levels missing in any of them:
    // all three where the plenum counts, 复审 and 终审 where only the congress does.
    for (p, levels) in [
        ("bodies/committee/index.html", "初审、复审、终审"),
        ("statistics/index.html", "初审、复审、终审"),
        ("people/zhang-san/index.html", "初审、复审、终审"),
        ("people/qian-wu/index.html", "复审、终审"),
        // 王一's page shows his votes at the 2021 congress.
        ("people/wang-yi/index.html", "复审、终审"),
    ] {
        let b = banner(&out, p).unwrap_or_else(|| panic!("no banner on {p}"));
        let shown = b.rsplit('：').next().unwrap_or_default();
        assert_eq!(shown, levels, "{p}: {b}");
    }
    let stats = page(&out, "statistics/index.html");
    assert_eq!(text(&stats, "#committee .stat-count .stat-value"), "2 → 3");
    // Signed-off results, and pages showing only them, carry none.
    for p in [
        "meetings/congress-1/index.html",
        "meetings/peoples-congress-1-1/index.html",
        "bodies/government/index.html",
        "people/li-er/index.html",
        "people/zhao-si/index.html",
        "news/a/index.html",
    ] {
        assert_eq!(banner(&out, p), None, "banner on {p}");
    }
    // The news links the draft results now.
    let news = page(&out, "news/a/index.html");
    let hrefs: Vec<&str> = select(&news, ".results-links a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        hrefs.contains(&"/meetings/congress-2/") && hrefs.contains(&"/people/zhang-san/"),
        "{hrefs:?}"
    );
}

/// Copies a fixture into a temporary folder, replacing `from` by `to` in its site.yaml.
fn fixture_with(name: &str, from: &str, to: &str) -> tempfile::TempDir {
    fn copy(src: &Path, dst: &Path) {
        std::fs::create_dir_all(dst).expect("mkdir");
        for e in std::fs::read_dir(src).expect("read_dir") {
            let e = e.expect("entry");
            let target = dst.join(e.file_name());
            if e.path().is_dir() {
                copy(&e.path(), &target);
            } else {
                std::fs::copy(e.path(), &target).expect("copy");
            }
        }
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    copy(&fixture(name), tmp.path());
    let site = tmp.path().join("site.yaml");
    let text = std::fs::read_to_string(&site).expect("site.yaml");
    assert!(text.contains(from), "{from} not in site.yaml");
    std::fs::write(&site, text.replace(from, to)).expect("write site.yaml");
    tmp
}

#[test]
fn results_are_published_without_sign_off_unless_site_yaml_asks() {
    let tmp = fixture_with("review-results", "results: true", "results: false");
    let (out, warnings) = build_with(tmp.path(), false);
    assert!(
        warnings.iter().all(|w| w.rule != "held-back"),
        "{warnings:?}"
    );
    for p in [
        "meetings/congress-2/index.html",
        "meetings/plenum-2-1/index.html",
        "people/zhang-san/index.html",
    ] {
        assert!(out.get(p).is_some(), "{p} was held back");
        assert_eq!(banner(&out, p), None, "banner on {p}");
    }
    // The sign-offs that are there are still checked.
    let tmp = fixture_with("review-results-invalid", "results: true", "results: false");
    match huanjie::build(tmp.path(), &LoadOptions::default()) {
        Ok(_) => panic!("impossible sign-offs were accepted"),
        Err(e) => assert_eq!(e.0.len(), 5, "{:#?}", e.0),
    }
}

#[test]
fn impossible_sign_offs_on_results_are_errors_at_their_place() {
    let e = match huanjie::build(&fixture("review-results-invalid"), &LoadOptions::default()) {
        Ok(_) => panic!("review-results-invalid built"),
        Err(e) => e.0,
    };
    let find = |id: &str| {
        let f = Path::new("content/meetings").join(id).join("meeting.yaml");
        e.iter()
            .find(|d| d.file == f)
            .unwrap_or_else(|| panic!("no error for {id}: {e:#?}"))
    };
    // Sign-offs written as flow mappings (`- {level: …}`) are located at the entry.
    let d = find("future");
    assert!(
        d.message
            .contains("the `终审` sign-off is dated 2999-01-01, after the build date"),
        "{d:?}"
    );
    assert_eq!((d.line, d.column), (12, 5));
    // A block mapping: at the date itself.
    let d = find("before");
    assert_eq!(
        d.message,
        "the `初审` sign-off is dated 2021-08-28, before the meeting's end date 2021-08-29"
    );
    assert_eq!((d.line, d.column), (12, 11));
    assert!(d.hint.as_deref().unwrap_or("").contains("`end`"), "{d:?}");
    let d = find("unknown");
    assert_eq!(d.message, "unknown review level `复核`");
    assert_eq!(d.line, 11);
    assert!(
        d.hint
            .as_deref()
            .unwrap_or("")
            .contains("did you mean `复审`"),
        "{d:?}"
    );
    let d = find("twice");
    assert_eq!(
        d.message,
        "level `初审` is signed off twice (first at line 10)"
    );
    assert_eq!(d.line, 11);
    let d = find("order");
    assert_eq!(
        d.message,
        "`终审` is signed off on 2021-09-01, before the lower level `复审` on 2021-09-05"
    );
    assert_eq!(d.line, 12);
    assert_eq!(e.len(), 5, "{e:#?}");
    for d in &e {
        assert_eq!(d.rule, "review", "{d:?}");
        assert!(d.hint.is_some(), "no hint: {d:?}");
    }
}

#[test]
fn results_sign_off_needs_levels() {
    let e = match huanjie::build(&fixture("review-results-nolevels"), &LoadOptions::default()) {
        Ok(_) => panic!("`review.results` without levels was accepted"),
        Err(e) => e.0,
    };
    assert_eq!(e.len(), 1, "{e:#?}");
    assert_eq!(e[0].rule, "config");
    assert_eq!(e[0].file, Path::new("site.yaml"));
    assert_eq!((e[0].line, e[0].column), (5, 12));
    assert!(
        e[0].message.contains("`review.levels` names no level"),
        "{e:?}"
    );
}
