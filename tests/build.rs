//! Whole builds of fixture sites and the example site, checked on the parsed HTML.

mod common;
use common::*;

#[test]
fn pages_carry_lang_and_alternates() {
    let out = build_ok(&fixture("basic"));
    let zh = page(&out, "news/n1/index.html");
    assert_eq!(select(&zh, "html")[0].value().attr("lang"), Some("zh-Hans"));
    let en = page(&out, "en/news/n1/index.html");
    assert_eq!(select(&en, "html")[0].value().attr("lang"), Some("en"));
    assert_eq!(text(&en, "h1").trim(), "News item one");
    // hreflang alternates and canonical on both versions.
    for doc in [&zh, &en] {
        let alts: Vec<(String, String)> = select(doc, r#"link[rel="alternate"][hreflang]"#)
            .iter()
            .map(|e| {
                (
                    e.value().attr("hreflang").unwrap().to_string(),
                    e.value().attr("href").unwrap().to_string(),
                )
            })
            .collect();
        assert!(
            alts.contains(&("zh-Hans".into(), "https://test.example/news/n1/".into())),
            "{alts:?}"
        );
        assert!(
            alts.contains(&("en".into(), "https://test.example/en/news/n1/".into())),
            "{alts:?}"
        );
    }
    let canon = select(&en, r#"link[rel="canonical"]"#);
    assert_eq!(
        canon[0].value().attr("href"),
        Some("https://test.example/en/news/n1/")
    );
    // The language switcher links the counterpart.
    let links: Vec<&str> = select(&zh, "a[hreflang]")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        links.iter().any(|h| h.ends_with("/en/news/n1/")),
        "switcher links: {links:?}"
    );
}

#[test]
fn untranslated_page_falls_back_with_lang_and_note() {
    let out = build_ok(&fixture("basic"));
    let en = page(&out, "en/news/n2/index.html");
    assert_eq!(select(&en, "html")[0].value().attr("lang"), Some("en"));
    // The Chinese text is marked as Chinese…
    let marked: Vec<_> = select(&en, r#"[lang="zh-Hans"]"#);
    assert!(
        marked
            .iter()
            .any(|e| e.text().collect::<String>().contains("正文2")),
        "the fallback body must sit in a lang=zh-Hans element"
    );
    // …and a visible note in English says so.
    let body = text(&en, "main");
    assert!(
        body.to_lowercase().contains("not available")
            || body.to_lowercase().contains("not yet available"),
        "no fallback note in: {body}"
    );
}

#[test]
fn omit_setting_leaves_untranslated_pages_out() {
    let out = build_ok(&fixture("omit"));
    assert!(out.get("news/only-zh/index.html").is_some());
    assert!(out.get("en/news/only-zh/index.html").is_none());
    assert!(out.get("en/news/both/index.html").is_some());
}

#[test]
fn soft_breaks_in_chinese_leave_no_space() {
    let out = build_ok(&fixture("basic"));
    let doc = page(&out, "news/cjk/index.html");
    let paras: Vec<String> = select(&doc, "main p")
        .iter()
        .map(|p| p.text().collect::<String>())
        .collect();
    assert!(
        paras.iter().any(|p| p == "第一行中文第二行中文"),
        "paragraphs: {paras:?}"
    );
    // Latin lines keep their separating whitespace.
    assert!(
        paras
            .iter()
            .any(|p| p.split_whitespace().collect::<Vec<_>>()
                == ["English", "line", "one", "English", "line", "two"])
    );
}

#[test]
fn emphasis_next_to_chinese_punctuation_is_bold() {
    let out = build_ok(&fixture("basic"));
    let doc = page(&out, "news/cjk/index.html");
    let bold: Vec<String> = select(&doc, "main strong")
        .iter()
        .map(|s| s.text().collect())
        .collect();
    for want in ["「十严禁」", "“四明确”", "（1）第一阶段"] {
        assert!(
            bold.iter().any(|b| b == want),
            "{want} not bold; bold: {bold:?}"
        );
    }
    let body = text(&doc, "main");
    assert!(!body.contains("**"), "stray asterisks: {body}");
}

#[test]
fn chinese_heading_gets_a_readable_anchor() {
    let out = build_ok(&fixture("basic"));
    let doc = page(&out, "news/cjk/index.html");
    let h = select(&doc, "main h2");
    let id = h
        .iter()
        .find(|e| e.text().collect::<String>().contains("工作回顾"))
        .and_then(|e| e.value().attr("id"));
    assert_eq!(id, Some("一工作回顾"));
}

#[test]
fn sections_paginate() {
    let out = build_ok(&fixture("basic"));
    // 7 news + cjk = 8 Chinese articles, 3 a page: 3 pages.
    let p1 = page(&out, "news/index.html");
    assert_eq!(count_entries(&p1), 3);
    assert!(out.get("news/page/2/index.html").is_some());
    assert!(out.get("news/page/3/index.html").is_some());
    assert!(out.get("news/page/4/index.html").is_none());
    let p3 = page(&out, "news/page/3/index.html");
    assert_eq!(count_entries(&p3), 2);
    // Newest first: the cjk article (2021-11-30) leads page 1.
    assert!(text(&p1, "main").contains("中文排版"));
    // Page 2 links back to page 1 and on to page 3.
    let p2 = page(&out, "news/page/2/index.html");
    let hrefs: Vec<&str> = select(&p2, "nav a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        hrefs.contains(&"/news/") && hrefs.contains(&"/news/page/3/"),
        "{hrefs:?}"
    );
}

/// Entries on a list page: links to article URLs inside main.
fn count_entries(doc: &scraper::Html) -> usize {
    let mut urls: Vec<&str> = select(doc, "main a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .filter(|h| h.starts_with("/news/") && h.len() > "/news/".len() && !h.contains("/page/"))
        .collect();
    urls.sort();
    urls.dedup();
    urls.len()
}

#[test]
fn tags_have_pages_per_language() {
    let out = build_ok(&fixture("basic"));
    let zh = page(&out, "tags/huan-jie-gong-zuo/index.html");
    assert!(text(&zh, "main").contains("新闻第7篇"));
    let en = page(&out, "en/tags/changeover/index.html");
    assert!(text(&en, "main").contains("News item one"));
    assert!(out.get("tags/index.html").is_some());
}

#[test]
fn drafts_only_with_flag() {
    let root = fixture("basic");
    assert!(
        build(&root, false)
            .unwrap()
            .get("news/draft-page/index.html")
            .is_none()
    );
    assert!(
        build(&root, true)
            .unwrap()
            .get("news/draft-page/index.html")
            .is_some()
    );
}

#[test]
fn article_meta_shows_the_authors_dates() {
    let out = build_ok(&fixture("basic"));
    let doc = page(&out, "news/cjk/index.html");
    let main = text(&doc, "main");
    assert!(main.contains("2021年11月30日"), "{main}");
    assert!(
        main.contains("2021年12月1日"),
        "updated date missing: {main}"
    );
    let en = page(&out, "en/news/n1/index.html");
    assert!(text(&en, "main").contains("11 November 2021"));
}

#[test]
fn footer_comes_from_site_yaml() {
    let out = build_ok(&example());
    let doc = page(&out, "index.html");
    let footer = text(&doc, "footer");
    assert!(footer.contains("中共秦安县委宣传部（示例）"), "{footer}");
    assert!(footer.contains("陇ICP备00000000号-1（示例）"));
    let icp = select(&doc, "footer a")
        .iter()
        .any(|a| a.value().attr("href") == Some("https://beian.miit.gov.cn/"));
    assert!(icp, "the ICP number links to the filing site");
    let en = page(&out, "en/index.html");
    assert!(
        text(&en, "footer")
            .contains("Publicity Department of the CPC Qin'an County Committee (sample)")
    );
}

#[test]
fn example_site_builds_in_both_languages() {
    let out = build_ok(&example());
    for p in [
        "index.html",
        "en/index.html",
        "news/index.html",
        "en/news/index.html",
        "404.html",
        "en/404.html",
        "tags/index.html",
        "sitemap.xml",
    ] {
        assert!(out.get(p).is_some(), "{p} missing");
    }
    let n_zh = out
        .files
        .keys()
        .filter(|k| k.starts_with("news/") && k.ends_with("/index.html") && !k.contains("/page/"))
        .count();
    assert!(n_zh >= 7, "expected at least six articles, found {n_zh}");
}

#[test]
fn two_builds_are_byte_identical() {
    let a = build_ok(&example());
    let b = build_ok(&example());
    assert_eq!(
        a.files.keys().collect::<Vec<_>>(),
        b.files.keys().collect::<Vec<_>>()
    );
    for k in a.files.keys() {
        assert!(a.get(k) == b.get(k), "{k} differs between builds");
    }
}

#[test]
fn bom_and_crlf_just_work() {
    let out = build_ok(&fixture("ok-bom-crlf"));
    let doc = page(&out, "news/bom/index.html");
    assert_eq!(text(&doc, "h1").trim(), "带BOM的文件");
    let paras: Vec<String> = select(&doc, "main p")
        .iter()
        .map(|p| p.text().collect())
        .collect();
    assert!(paras.iter().any(|p| p == "第一行第二行"), "{paras:?}");
}

/// Builds a broken fixture and returns the printed errors.
fn errors_of(name: &str) -> String {
    match build(&fixture(name), false) {
        Ok(_) => panic!("{name} should fail to build"),
        Err(e) => e.0.iter().map(|d| format!("{d}\n")).collect(),
    }
}

#[test]
fn broken_yaml_names_file_and_line() {
    let e = errors_of("err-broken-yaml");
    assert!(e.contains("content/news/a.md:"), "{e}");
    // The unclosed flow sequence starts on line 4 and fails by line 5.
    assert!(e.contains("a.md:4:") || e.contains("a.md:5:"), "{e}");
}

#[test]
fn missing_title_is_reported() {
    let e = errors_of("err-missing-title");
    assert!(
        e.contains("content/news/a.md") && e.contains("no `title`"),
        "{e}"
    );
}

#[test]
fn impossible_date_is_reported_at_its_value() {
    let e = errors_of("err-bad-date");
    assert!(e.contains("content/news/a.md:3:7"), "{e}");
    assert!(e.contains("2021-13-40"), "{e}");
}

#[test]
fn unknown_key_suggests_the_nearest() {
    let e = errors_of("err-unknown-key");
    assert!(e.contains("content/news/a.md:2"), "{e}");
    assert!(e.contains("did you mean `title`"), "{e}");
}

#[test]
fn duplicate_url_names_both_files() {
    let e = errors_of("err-duplicate-url");
    assert!(
        e.contains("content/news/a.md")
            && e.contains("content/news/b.md")
            && e.contains("/news/same/"),
        "{e}"
    );
}

#[test]
fn template_syntax_error_points_into_the_template() {
    let e = errors_of("err-template-syntax");
    assert!(e.contains("templates/article.html:"), "{e}");
}

#[test]
fn template_missing_variable_is_an_error() {
    let e = errors_of("err-template-missing-var");
    assert!(e.contains("templates/article.html:4:"), "{e}");
    assert!(e.contains("headline"), "{e}");
}

#[test]
fn non_utf8_file_is_reported() {
    let e = errors_of("err-non-utf8");
    assert!(
        e.contains("content/news/a.md:6:1") && e.contains("UTF-8"),
        "{e}"
    );
}

#[test]
fn empty_file_is_reported() {
    let e = errors_of("err-empty-file");
    assert!(
        e.contains("content/news/a.md:1:1") && e.contains("empty"),
        "{e}"
    );
}

#[test]
fn failed_build_leaves_previous_output_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let out_dir = tmp.path().join("public");
    let ok = cli(&[
        "build",
        "--root",
        fixture("basic").to_str().unwrap(),
        "--output",
        out_dir.to_str().unwrap(),
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let before = std::fs::read(out_dir.join("news/n1/index.html")).unwrap();
    let bad = cli(&[
        "build",
        "--root",
        fixture("err-bad-date").to_str().unwrap(),
        "--output",
        out_dir.to_str().unwrap(),
    ]);
    assert_eq!(bad.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("content/news/a.md:3:7"), "{stderr}");
    assert_eq!(
        std::fs::read(out_dir.join("news/n1/index.html")).unwrap(),
        before
    );
    // No temporary folders are left beside it.
    let names: Vec<String> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, vec!["public".to_string()]);
}

#[test]
fn usage_error_exits_with_2() {
    let r = cli(&["build", "--no-such-flag"]);
    assert_eq!(r.status.code(), Some(2));
}

#[test]
fn init_creates_a_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("newsite");
    let r = cli(&["init", dir.to_str().unwrap()]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    let out = build_ok(&dir);
    let doc = page(&out, "news/first-article/index.html");
    assert!(text(&doc, "main").contains("在源文件里换行，页面上"));
    // init refuses to overwrite.
    let again = cli(&["init", dir.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
}

#[test]
fn bundle_files_sit_beside_every_language_version() {
    let out = build_ok(&fixture("serve-site"));
    for lang_prefix in ["", "en/"] {
        let page_path = format!("{lang_prefix}news/e/index.html");
        let doc = page(&out, &page_path);
        let src = select(&doc, "main img")
            .first()
            .and_then(|i| i.value().attr("src"))
            .map(str::to_string);
        assert_eq!(src.as_deref(), Some("hall.svg"), "{page_path}");
        assert!(
            out.get(&format!("{lang_prefix}news/e/hall.svg")).is_some(),
            "{lang_prefix}news/e/hall.svg missing"
        );
    }
}

/// `build` renders articles around a shared body; the bytes must be those of a plain render.
fn assert_same_as_plain_render(root: &std::path::Path) {
    let shared = build_ok(root);
    let site = huanjie::Site::load(root, &Default::default()).expect("loads");
    let plain = huanjie::render::render(&site).expect("renders");
    assert_eq!(
        shared.files.keys().collect::<Vec<_>>(),
        plain.files.keys().collect::<Vec<_>>()
    );
    for k in plain.files.keys() {
        assert!(shared.get(k) == plain.get(k), "{k} differs");
    }
}

#[test]
fn shared_bodies_give_the_same_bytes() {
    assert_same_as_plain_render(&example());
    assert_same_as_plain_render(&fixture("basic"));
    // A theme that shows the body twice gets it twice.
    assert_same_as_plain_render(&fixture("content-twice"));
    let out = build_ok(&fixture("content-twice"));
    let doc = page(&out, "news/jia/index.html");
    assert_eq!(text(&doc, "#one strong"), "正文");
    assert_eq!(text(&doc, "#two strong"), "正文");
    // Filters see the real body: `<p><strong>正文</strong>内容。</p>` and a newline, in characters.
    assert_eq!(text(&doc, "#len"), "30");
}

#[test]
fn output_folder_that_would_replace_the_site_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    assert!(cli(&["init", site.to_str().unwrap()]).status.success());
    let content_before = std::fs::read(site.join("content/news/first-article.md")).unwrap();
    for bad in [
        site.clone(),
        site.join("content"),
        site.join("content/news"),
        tmp.path().to_path_buf(),
    ] {
        let r = cli(&[
            "build",
            "--root",
            site.to_str().unwrap(),
            "--output",
            bad.to_str().unwrap(),
        ]);
        assert_eq!(r.status.code(), Some(1), "{} was accepted", bad.display());
        let err = String::from_utf8_lossy(&r.stderr);
        assert!(err.contains("refusing to build into"), "{err}");
    }
    // A folder holding files huanjie did not write, or a file, is refused by the writer itself.
    let other = tmp.path().join("other");
    std::fs::create_dir(&other).unwrap();
    std::fs::write(other.join("notes.txt"), "mine").unwrap();
    let file = tmp.path().join("README.md");
    std::fs::write(&file, "readme").unwrap();
    for target in [&other, &file] {
        let r = cli(&[
            "build",
            "--root",
            site.to_str().unwrap(),
            "--output",
            target.to_str().unwrap(),
        ]);
        assert_eq!(
            r.status.code(),
            Some(1),
            "{} was replaced",
            target.display()
        );
        assert!(String::from_utf8_lossy(&r.stderr).contains("refusing to replace"));
    }
    assert_eq!(
        std::fs::read_to_string(other.join("notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "readme");
    // An empty folder is fine, and so is a second build into huanjie's own output.
    let empty = tmp.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    for _ in 0..2 {
        let r = cli(&[
            "build",
            "--root",
            site.to_str().unwrap(),
            "--output",
            empty.to_str().unwrap(),
        ]);
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    }
    assert_eq!(
        std::fs::read(site.join("content/news/first-article.md")).unwrap(),
        content_before
    );
    // The default output still works.
    assert!(
        cli(&["build", "--root", site.to_str().unwrap()])
            .status
            .success()
    );
    assert!(site.join("public/index.html").exists());
}

#[test]
fn only_media_and_documents_are_published_from_content() {
    let (out, warnings) =
        huanjie::build(&fixture("content-files"), &Default::default()).expect("builds");
    assert!(out.get("news/b/photo.jpg").is_some());
    assert!(out.get("news/b/notice.pdf").is_some());
    // A backup of the people data and a spreadsheet stay out of the output, with a warning.
    assert!(
        out.files
            .keys()
            .all(|k| !k.contains("people") && !k.contains("roster")),
        "{:?}",
        out.files.keys().collect::<Vec<_>>()
    );
    for k in out.files.keys() {
        let bytes = out.get(k).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("110101197503120011"),
            "{k} leaks the ID number"
        );
    }
    let w: Vec<_> = warnings
        .iter()
        .filter(|w| w.rule == "not-published")
        .collect();
    assert_eq!(w.len(), 1, "{warnings:?}");
    assert!(
        w[0].message.contains("people.YAML.bak") && w[0].message.contains("roster.xlsx"),
        "{}",
        w[0].message
    );
}

#[test]
fn tags_whose_slugs_meet_get_pages_of_their_own() {
    let out = build_ok(&fixture("tag-slugs"));
    // A, a and a-2 romanise to a, a and a-2: each tag must keep its own page.
    let mut seen = Vec::new();
    for url in [
        "tags/a/index.html",
        "tags/a-2/index.html",
        "tags/a-2-2/index.html",
    ] {
        let doc = page(&out, url);
        let h1 = text(&doc, "h1");
        seen.push(h1.trim().to_string());
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 3, "three different tags: {seen:?}");
}

#[test]
fn duplicate_language_code_is_reported_at_its_line() {
    let e = errors_of("err-duplicate-language");
    assert!(
        e.contains("site.yaml:5:") && e.contains("`en` is listed twice"),
        "{e}"
    );
}

#[test]
fn static_file_where_a_page_is_rendered_is_an_error() {
    let e = errors_of("err-static-page");
    assert!(
        e.contains("static/index.html") && e.contains("where a page is rendered"),
        "{e}"
    );
}

#[test]
fn base_url_must_be_a_host_without_a_path() {
    let e = errors_of("err-base-url");
    assert!(
        e.contains("site.yaml:2:11") && e.contains("has a path"),
        "{e}"
    );
    let r = cli(&[
        "build",
        "--root",
        fixture("basic").to_str().unwrap(),
        "--base-url",
        "www.qinan.gov.cn",
        "--output",
        "/nonexistent/never",
    ]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("must start with https://"));
}

#[test]
fn a_folder_without_site_yaml_is_not_a_site() {
    let tmp = tempfile::tempdir().unwrap();
    let r = cli(&["build", "--root", tmp.path().to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(1));
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(
        err.contains("is not a huanjie site") && err.contains("huanjie init"),
        "{err}"
    );
}

#[test]
fn unknown_filter_points_at_the_site_template() {
    let e = errors_of("err-template-filter");
    assert!(e.contains("templates/article.html:5:"), "{e}");
    assert!(
        e.contains("Unknown filter `upcase`") && !e.contains("error: error"),
        "{e}"
    );
}

#[test]
fn init_accepts_a_fresh_repository_and_refuses_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    let r = cli(&["init", repo.to_str().unwrap()]);
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    assert!(repo.join("site.yaml").exists());
    let file = tmp.path().join("afile");
    std::fs::write(&file, "x").unwrap();
    let r = cli(&["init", file.to_str().unwrap()]);
    assert_eq!(r.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&r.stderr).contains("a file of that name already exists"));
}
