//! Discipline notices, the reporting box, and the norms of a public site (footer, article
//! metadata, image alt text), checked on the parsed HTML of fixture builds.

mod common;
use common::*;
use huanjie::output::Output;
use huanjie::{Diagnostic, LoadOptions};
use scraper::Html;
use std::path::Path;

/// Builds a site that must build, with its warnings.
fn build_warn(root: &Path) -> (Output, Vec<Diagnostic>) {
    match huanjie::build(root, &LoadOptions::default()) {
        Ok(x) => x,
        Err(e) => panic!("build of {} failed:\n{e}", root.display()),
    }
}

/// The errors of a site that must fail.
fn build_err(root: &Path) -> Vec<Diagnostic> {
    match huanjie::build(root, &LoadOptions::default()) {
        Ok(_) => panic!("{} built but should fail", root.display()),
        Err(e) => e.0,
    }
}

/// Text of an element with whitespace runs collapsed, as a reader sees it.
fn squash(e: &scraper::ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The (term, definition) pairs of the definition list following the heading `heading` in main.
fn pairs(doc: &Html, heading: &str) -> Vec<(String, String)> {
    let section = select(doc, "main section")
        .into_iter()
        .find(|s| {
            select_in(s, "h2")
                .first()
                .is_some_and(|h| squash(h) == heading)
        })
        .unwrap_or_else(|| panic!("no section headed {heading}"));
    select_in(&section, "dl > div")
        .iter()
        .map(|d| {
            (
                squash(&select_in(d, "dt")[0]),
                squash(&select_in(d, "dd")[0]),
            )
        })
        .collect()
}

fn select_in<'a>(e: &scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    e.select(&scraper::Selector::parse(css).unwrap()).collect()
}

fn hrefs(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .map(str::to_string)
        .collect()
}

/// Every HTML page of an output.
fn html_pages(out: &Output) -> Vec<String> {
    out.files
        .keys()
        .filter(|p| p.ends_with(".html"))
        .cloned()
        .collect()
}

#[test]
fn notice_page_shows_numbered_rules_figures_and_working_channels() {
    let out = build_ok(&fixture("discipline-basic"));
    let doc = page(&out, "discipline/n2021/index.html");

    // The ten rules of the version the notice names, numbered, in the official form.
    let rules: Vec<_> = select(&doc, "main section ol > li");
    assert_eq!(rules.len(), 10);
    let first = squash(&select_in(&rules[0], "h3")[0]);
    assert_eq!(first, "严禁结党营私");
    for r in &rules {
        let title = squash(&select_in(r, "h3")[0]);
        let text = squash(&select_in(r, "p")[0]);
        assert!(
            text.starts_with(&format!("{title}，对")) && text.contains("的，一律"),
            "not in the official form: {text}"
        );
    }
    assert!(text(&doc, "main").contains("中央纪委国家监委、中央组织部"));

    // The period and whether it is in force (against the newest page date, 2021-09-01).
    let main = text(&doc, "main");
    assert!(main.contains("2021年7月1日至12月31日"), "{main}");
    assert!(main.contains("执行中"));

    // The figures, with their units; a figure without a count reads "held".
    let figures = pairs(&doc, "工作开展情况");
    let want = [
        ("签订换届纪律承诺书", "2740份"),
        ("发放纪律提醒卡", "3100余张"),
        ("摆放纪律提示桌牌", "280个"),
        ("开展谈心谈话", "1016次"),
        ("组织观看警示教育片", "已开展"),
        ("开展专项督查", "12轮"),
    ];
    assert_eq!(
        figures,
        want.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect::<Vec<_>>()
    );

    // The channels as working links; sample values carry a visible mark, real ones none.
    let channels = pairs(&doc, "举报渠道");
    let labels: Vec<&str> = channels.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            "举报电话",
            "举报网站",
            "短信举报",
            "电子邮箱",
            "来信地址",
            "来访地点"
        ]
    );
    assert_eq!(
        channels[0].1, "0938-12380",
        "the real number has no sample mark"
    );
    assert!(
        channels[3].1.contains("jubao@example.gov.cn") && channels[3].1.ends_with("示例"),
        "{:?}",
        channels[3]
    );
    assert!(
        channels[4].1.contains("741600") && channels[4].1.ends_with("示例"),
        "{:?}",
        channels[4]
    );
    let links = hrefs(&doc, "main section a");
    for want in [
        "tel:093812380",
        "https://www.12380.gov.cn/",
        "sms:10690000123",
        "mailto:jubao@example.gov.cn",
    ] {
        assert!(
            links.iter().any(|h| h == want),
            "no link {want} in {links:?}"
        );
    }
    let tel = select(&doc, r#"main a[href="tel:093812380"]"#);
    assert_eq!(squash(&tel[0]), "0938-12380");

    // The article metadata of a government site.
    let meta = text(&doc, "main header");
    for want in [
        "发布时间",
        "2021年7月1日",
        "来源",
        "测试县委组织部",
        "作者",
        "换届办",
        "责任编辑",
        "编辑甲",
    ] {
        assert!(meta.contains(want), "{want} missing from {meta}");
    }
}

#[test]
fn translation_inherits_the_notice_and_shows_it_in_english() {
    let out = build_ok(&fixture("discipline-basic"));
    let doc = page(&out, "en/discipline/n2021/index.html");
    assert_eq!(select(&doc, "html")[0].value().attr("lang"), Some("en"));
    let rules: Vec<String> = select(&doc, "main section ol > li h3")
        .iter()
        .map(squash)
        .collect();
    assert_eq!(rules.len(), 10);
    assert_eq!(rules[0], "No cliques for private gain");
    let figures = pairs(&doc, "The campaign in figures");
    assert_eq!(
        figures[0],
        (
            "Discipline commitment letters signed".into(),
            "2,740".into()
        )
    );
    assert_eq!(figures[1].1, "more than 3,100");
    assert_eq!(figures[4].1, "Held");
    // A unit given only in Chinese is not borrowed into English.
    assert_eq!(figures[5], ("Inspections".into(), "12".into()));
    let channels = pairs(&doc, "How to report misconduct");
    assert_eq!(channels[0], ("Telephone".into(), "0938-12380".into()));
    assert!(
        channels[4]
            .1
            .contains("Organization Department of the Test County Committee (sample)"),
        "{:?}",
        channels[4]
    );
    // A Chinese-only value on an English page is marked as Chinese.
    let place = select(&doc, "main section dd span[lang]");
    assert!(
        place
            .iter()
            .any(|s| s.value().attr("lang") == Some("zh-Hans")
                && squash(s) == "县委组织部接待室（示例）")
    );
    assert!(text(&doc, "main").contains("1 July – 31 December 2021"));
}

#[test]
fn notices_index_lists_notices_with_rules_period_and_status() {
    let out = build_ok(&fixture("discipline-basic"));
    let doc = page(&out, "discipline/index.html");
    assert_eq!(hrefs(&doc, "main h2 a"), ["/discipline/n2021/"]);
    let main = text(&doc, "main");
    for want in ["「十严禁」换届纪律要求", "2021年7月1日至12月31日", "执行中"] {
        assert!(main.contains(want), "{want} missing from the index: {main}");
    }

    let out = build_ok(&fixture("discipline-expired"));
    let doc = page(&out, "discipline/index.html");
    let items: Vec<String> = select(&doc, "main ul > li").iter().map(squash).collect();
    let old = items
        .iter()
        .find(|i| i.contains("2021年换届纪律通告"))
        .expect("old notice listed");
    assert!(
        old.contains("已结束") && old.contains("2021年7月1日至8月31日"),
        "{old}"
    );
    let next = items
        .iter()
        .find(|i| i.contains("2026年换届纪律通告"))
        .expect("next notice listed");
    assert!(
        next.contains("尚未开始") && next.contains("2026年1月1日起"),
        "{next}"
    );
    let en = page(&out, "en/discipline/index.html");
    assert!(text(&en, "main").contains("from 1 January 2026 until further notice"));
}

#[test]
fn reporting_box_is_on_every_page_while_a_notice_is_in_force() {
    let out = build_ok(&fixture("discipline-basic"));
    let pages = html_pages(&out);
    assert!(pages.len() >= 10, "{pages:?}");
    for p in &pages {
        let doc = page(&out, p);
        let en = p.starts_with("en/");
        let boxes = select(&doc, "body > aside");
        assert_eq!(boxes.len(), 1, "no reporting box on {p}");
        let b = &boxes[0];
        let heading = squash(&select_in(b, "h2")[0]);
        assert_eq!(
            heading,
            if en {
                "Report changeover misconduct"
            } else {
                "换届风气监督举报"
            },
            "{p}"
        );
        let links: Vec<&str> = select_in(b, "a")
            .iter()
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert!(links.contains(&"tel:093812380"), "{p}: {links:?}");
        assert!(
            links.contains(&"mailto:jubao@example.gov.cn"),
            "{p}: {links:?}"
        );
        assert!(
            links.contains(&if en {
                "/en/discipline/n2021/"
            } else {
                "/discipline/n2021/"
            }),
            "{p}: {links:?}"
        );
        // Compact: no postal address or reception room in the box.
        assert!(!squash(b).contains("741600"), "{p}");
    }
}

#[test]
fn reporting_box_is_absent_outside_the_period() {
    // The newest page (2021-10-01) is after the old notice and before the next one.
    let (out, _) = build_warn(&fixture("discipline-expired"));
    for p in html_pages(&out) {
        let doc = page(&out, &p);
        assert!(
            select(&doc, "aside").is_empty(),
            "a reporting box on {p} outside every notice's period"
        );
    }
}

/// Copies a fixture into a temporary folder and appends `extra` to its site.yaml.
fn variant(name: &str, extra: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("tempdir");
    let src = fixture(name);
    for e in walk(&src) {
        let rel = e.strip_prefix(&src).unwrap();
        let dest = tmp.path().join(rel);
        std::fs::create_dir_all(dest.parent().unwrap()).unwrap();
        std::fs::copy(&e, &dest).unwrap();
    }
    let yaml = tmp.path().join("site.yaml");
    let mut text = std::fs::read_to_string(&yaml).unwrap();
    text.push_str(extra);
    std::fs::write(&yaml, text).unwrap();
    tmp
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p))
        } else {
            out.push(p)
        }
    }
    out
}

#[test]
fn as_of_in_site_yaml_decides_the_period_and_the_box_can_be_turned_off() {
    let site = variant("discipline-expired", "discipline:\n  as_of: 2026-03-01\n");
    let (out, _) = build_warn(site.path());
    let doc = page(&out, "news/later/index.html");
    let b = select(&doc, "body > aside");
    assert_eq!(b.len(), 1, "the 2026 notice is in force on 2026-03-01");
    let links: Vec<&str> = select_in(&b[0], "a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        links.contains(&"/discipline/next/") && links.contains(&"mailto:next@example.gov.cn"),
        "{links:?}"
    );
    let idx = page(&out, "discipline/index.html");
    let items: Vec<String> = select(&idx, "main ul > li").iter().map(squash).collect();
    assert!(
        items
            .iter()
            .any(|i| i.contains("2026年换届纪律通告") && i.contains("执行中")),
        "{items:?}"
    );

    let site = variant(
        "discipline-expired",
        "discipline:\n  as_of: 2026-03-01\n  report_box: false\n",
    );
    let (out, _) = build_warn(site.path());
    assert!(select(&page(&out, "news/later/index.html"), "aside").is_empty());

    let site = variant("discipline-expired", "discipline:\n  as_of: 2026-13-01\n");
    let e = build_err(site.path());
    assert!(
        e[0].message.contains("invalid `discipline.as_of`")
            && e[0].file == Path::new("site.yaml")
            && e[0].line == 7,
        "{e:?}"
    );
}

#[test]
fn placeholder_rule_list_is_marked_on_the_page_and_warned_about() {
    let (out, warnings) = build_warn(&fixture("discipline-expired"));
    let w: Vec<&Diagnostic> = warnings
        .iter()
        .filter(|w| w.rule == "notice-placeholder")
        .collect();
    assert_eq!(w.len(), 1, "{warnings:?}");
    assert_eq!(w[0].file, Path::new("content/discipline/next.md"));
    assert_eq!((w[0].line, w[0].column), (6, 10));
    let doc = page(&out, "discipline/next/index.html");
    let items = select(&doc, "main section ol > li");
    assert_eq!(items.len(), 10);
    for i in &items {
        assert!(
            squash(i).contains("占位条目，待依据正式文件填写"),
            "item not marked: {}",
            squash(i)
        );
    }
    assert!(text(&doc, "main").contains("尚未依据正式文件填写，请勿引用"));
}

#[test]
fn unknown_rules_version_and_figure_kind_are_errors_with_suggestions() {
    let e = build_err(&fixture("discipline-err-rules"));
    assert_eq!(e.len(), 2, "{e:?}");
    let rules = e
        .iter()
        .find(|d| d.message == "no rule list `2019`")
        .expect("rules error");
    assert_eq!(
        (rules.file.as_path(), rules.line, rules.column),
        (Path::new("content/discipline/n.md"), 5, 10)
    );
    let hint = rules.hint.as_deref().unwrap_or("");
    assert!(
        hint.contains("2021, 2026") && hint.contains("data/discipline/rules/"),
        "{hint}"
    );
    let kind = e
        .iter()
        .find(|d| d.message == "unknown figure kind `talk`")
        .expect("figure error");
    assert_eq!(kind.line, 9);
    assert!(
        kind.hint
            .as_deref()
            .unwrap_or("")
            .contains("did you mean `talks`"),
        "{kind:?}"
    );
}

#[test]
fn invalid_channels_and_periods_point_at_the_value() {
    let e = build_err(&fixture("discipline-err-channels"));
    let find = |file: &str| {
        e.iter()
            .find(|d| d.file == Path::new("content/discipline").join(file))
            .unwrap_or_else(|| panic!("no error for {file}: {e:?}"))
    };
    let d = find("email.md");
    assert!(
        d.message
            .contains("`jubao.example.gov.cn` is not an e-mail address"),
        "{d:?}"
    );
    assert_eq!((d.line, d.column), (10, 14));
    let d = find("phone.md");
    assert!(
        d.message.contains("is not a telephone number") && d.line == 8,
        "{d:?}"
    );
    let d = find("postcode.md");
    assert!(
        d.message.contains("postcode `74160` is not 6 digits") && d.line == 10,
        "{d:?}"
    );
    assert!(d.hint.as_deref().unwrap_or("").contains("quotes"), "{d:?}");
    let d = find("period.md");
    assert!(
        d.message
            .contains("ends (2021-07-01) before it starts (2021-12-31)")
            && d.line == 8,
        "{d:?}"
    );
    let d = find("norules.md");
    assert!(
        d.message.contains("names no `rules`") && d.line == 4,
        "{d:?}"
    );
    assert_eq!(e.len(), 5, "{e:?}");
}

#[test]
fn footer_shows_every_configured_field_with_working_links() {
    let out = build_ok(&fixture("discipline-basic"));
    let doc = page(&out, "index.html");
    let footer = text(&doc, "footer");
    for want in [
        "主办单位",
        "中共测试县委宣传部（示例）",
        "0938-0000000（示例）",
        "测试县测试路1号（示例）",
        "网站标识码",
        "6205220001（示例）",
    ] {
        assert!(
            footer.contains(want),
            "{want} missing from the footer: {footer}"
        );
    }
    let icp = select(&doc, r#"footer a[href="https://beian.miit.gov.cn/"]"#);
    assert_eq!(squash(&icp[0]), "陇ICP备12345678号-1（示例）");
    let psb = select(&doc, r#"footer a[href^="https://beian.mps.gov.cn/"]"#);
    assert_eq!(squash(&psb[0]), "甘公网安备62052202000001号（示例）");
    let report = select(&doc, r#"footer a[href="mailto:jiucuo@example.gov.cn"]"#);
    assert_eq!(squash(&report[0]), "网站纠错");
    let en = page(&out, "en/index.html");
    let footer = text(&en, "footer");
    assert!(
        footer.contains("Publicity Department of the Test County Committee (sample)")
            && footer.contains("Report an error"),
        "{footer}"
    );
}

#[test]
fn example_site_marks_every_footer_value_as_a_sample() {
    let out = build_ok(&example());
    for path in ["index.html", "en/index.html"] {
        let doc = page(&out, path);
        for li in select(&doc, "footer li") {
            let t = squash(&li);
            let link_only = select_in(&li, "a").len() == 1 && !t.contains(['：', ':']);
            if link_only {
                continue; // "report an error": a link, not a value
            }
            // The value is marked in its own language: （示例） in Chinese, (sample) in English.
            let value = select_in(&li, "span:not(.footer-label), a")
                .into_iter()
                .next()
                .expect("a value");
            let mark = if value
                .value()
                .attr("lang")
                .unwrap_or(if path.starts_with("en/") {
                    "en"
                } else {
                    "zh-Hans"
                })
                .starts_with("zh")
            {
                "示例"
            } else {
                "sample"
            };
            assert!(
                squash(&value).contains(mark),
                "footer value not marked as a sample on {path}: {t}"
            );
        }
    }
}

#[test]
fn example_notice_has_the_qinan_figures_and_channels() {
    let out = build_ok(&example());
    let doc = page(&out, "discipline/qinan-2021/index.html");
    let figures = pairs(&doc, "工作开展情况");
    let values: Vec<&str> = figures.iter().map(|(_, v)| v.as_str()).collect();
    assert_eq!(values, ["2740份", "3100余张", "280个", "1016次", "已开展"]);
    assert!(!hrefs(&doc, r#"main a[href="tel:093812380"]"#).is_empty());
    assert!(!hrefs(&doc, r#"main a[href^="https://www.12380.gov.cn"]"#).is_empty());
    // The sample e-mail and postal address are marked as samples.
    let channels = pairs(&doc, "举报渠道");
    for (label, value) in &channels {
        if label == "电子邮箱" || label == "来信地址" {
            assert!(value.ends_with("示例"), "{label}: {value}");
        }
    }
    // The example's newest page (2021-12-06) falls in the notice's period: a box on the home page.
    let home = page(&out, "index.html");
    assert_eq!(
        hrefs(&home, "body > aside a[href^='/discipline/']"),
        ["/discipline/qinan-2021/"]
    );
}

#[test]
fn article_shows_publication_time_source_author_editor_and_update() {
    let out = build_ok(&fixture("discipline-basic"));
    let doc = page(&out, "news/pei-xun-ban-ju-ban/index.html");
    let header = text(&doc, "main article header");
    for want in [
        "发布时间",
        "2021年9月1日",
        "更新时间",
        "2021年9月2日",
        "来源",
        "测试县委组织部",
        "作者",
        "记者乙",
        "责任编辑",
        "编辑丙",
    ] {
        assert!(header.contains(want), "{want} missing: {header}");
    }
    let times: Vec<&str> = select(&doc, "main article header time")
        .iter()
        .filter_map(|t| t.value().attr("datetime"))
        .collect();
    assert_eq!(times, ["2021-09-01", "2021-09-02"]);
}

#[test]
fn images_without_alt_text_are_warned_about() {
    let (_, warnings) = build_warn(&fixture("discipline-basic"));
    let alt: Vec<&Diagnostic> = warnings.iter().filter(|w| w.rule == "image-alt").collect();
    assert_eq!(alt.len(), 1, "{warnings:?}");
    assert_eq!(alt[0].file, Path::new("content/news/b.md"));
    assert_eq!(alt[0].line, 12);
    assert!(alt[0].message.contains("photo.png"));
}

#[test]
fn notices_index_paginates() {
    let site = variant("discipline-expired", "paginate_by: 1\n");
    let (out, _) = build_warn(site.path());
    let p1 = page(&out, "discipline/index.html");
    let p2 = page(&out, "discipline/page/2/index.html");
    // Newest first: the notice dated 2021-09-15, then the one of 2021-07-01.
    assert_eq!(hrefs(&p1, "main h2 a"), ["/discipline/next/"]);
    assert_eq!(hrefs(&p2, "main h2 a"), ["/discipline/old/"]);
    assert!(hrefs(&p1, "main nav a").contains(&"/discipline/page/2/".to_string()));
}
