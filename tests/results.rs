//! Election results: whole builds of the results fixtures and the example site, checked on the
//! parsed HTML, and every load rule's message and place.

mod common;
use common::*;
use huanjie::LoadOptions;
use huanjie::output::Output;
use scraper::Html;

/// The names (in the page's script) listed under each post of a body page, in order.
fn roster(doc: &Html) -> Vec<(String, Vec<String>)> {
    select(doc, ".roster")
        .first()
        .map(|r| {
            let html = Html::parse_fragment(&r.html());
            select(&html, ".roster-group")
                .iter()
                .map(|g| {
                    let frag = Html::parse_fragment(&g.html());
                    let post = select(&frag, "dt > span")
                        .first()
                        .map(|s| s.text().collect::<String>())
                        .unwrap_or_default();
                    let names = select(&frag, ".person-name > a")
                        .iter()
                        .map(|a| a.text().collect::<String>())
                        .collect();
                    (post, names)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The text of a name entry as a reader sees it: name, other script, marker.
fn name_entries(doc: &Html, css: &str) -> Vec<String> {
    select(doc, css)
        .iter()
        .map(|e| e.text().collect::<String>())
        .collect()
}

fn main_text(doc: &Html) -> String {
    text(doc, "main")
}

fn basic() -> Output {
    build_ok(&fixture("results-basic"))
}

#[test]
fn posts_by_rank_and_each_person_once() {
    let out = basic();
    let doc = page(&out, "bodies/county-standing/index.html");
    let r = roster(&doc);
    assert_eq!(
        r,
        vec![
            ("书记".to_string(), vec!["王芳".to_string()]),
            // As the data lists them (the approved order), not by strokes: 于 before 丁.
            (
                "副书记".to_string(),
                vec!["于波".to_string(), "丁宁".to_string()]
            ),
            // The secretary and deputies are standing members too, but are listed once.
            (
                "常委".to_string(),
                vec!["万里".to_string(), "方正".to_string()]
            ),
        ]
    );
}

#[test]
fn members_in_surname_stroke_order() {
    let out = basic();
    let doc = page(&out, "bodies/county-committee/index.html");
    let r = roster(&doc);
    // 丁 (2 strokes); 于 before 万 (3 strokes, 横横竖 before 横折撇); 王 仇 方 (4 strokes,
    // first stroke 横, 撇, 点); 李 before 张 (7 strokes, 横 before 折).
    assert_eq!(r[0].0, "委员");
    assert_eq!(
        r[0].1,
        [
            "丁宁", "于波", "万里", "王芳", "仇明", "方正", "李强", "张伟"
        ]
    );
    // The heading says which convention applies.
    assert!(main_text(&doc).contains("按姓氏笔画为序"));
}

#[test]
fn alternates_by_votes_ties_by_strokes() {
    let out = basic();
    let doc = page(&out, "bodies/county-committee/index.html");
    let r = roster(&doc);
    // 丁纯 and 丁月牙 both have 60 votes: under surname collation the one-character given name
    // comes first. The data lists 丁月牙 first.
    assert_eq!(
        r[1],
        (
            "候补委员".to_string(),
            vec!["丁纯".to_string(), "丁月牙".to_string()]
        )
    );
    assert!(main_text(&doc).contains("按得票多少为序"));
}

#[test]
fn peoples_congress_body_compares_full_names() {
    let out = basic();
    let doc = page(&out, "bodies/congress-sc/index.html");
    let r = roster(&doc);
    let members = &r.iter().find(|(p, _)| p == "委员").expect("members").1;
    // Full name: 田大利 (大, 3 strokes) before 田富 (富, 12); surname collation would put 田富 first.
    assert_eq!(members, &["丁小强", "丁月牙", "田大利", "田富"]);
    assert!(main_text(&doc).contains("按姓名笔画为序"));
}

#[test]
fn women_and_minorities_are_marked_han_never() {
    let out = basic();
    let doc = page(&out, "bodies/county-committee/index.html");
    let names = name_entries(&doc, ".roster .person-name");
    for want in [
        "丁宁（女）",
        "于波（满族）",
        "王芳（女）",
        "丁月牙（女，回族）",
        "万里",
    ] {
        assert!(names.iter().any(|n| n == want), "{want} not in {names:?}");
    }
    assert!(
        !main_text(&doc).contains("汉族"),
        "Han must never be marked"
    );
    let en = page(&out, "en/bodies/county-committee/index.html");
    let names = name_entries(&en, ".roster .person-name");
    assert!(
        names.iter().any(|n| n == "Ding Yueya 丁月牙 (female, Hui)"),
        "{names:?}"
    );
    // The Chinese name beside the English one carries its language.
    let alt = select(&en, ".person-name-alt");
    assert!(
        alt.iter()
            .all(|a| a.value().attr("lang") == Some("zh-Hans"))
    );
}

#[test]
fn attendance_and_ballot_lines() {
    let out = basic();
    let doc = page(&out, "meetings/party-congress-17/index.html");
    assert_eq!(
        text(&doc, ".attendance-line"),
        "应到代表100人，实到98人，符合法定人数"
    );
    let ballots = name_entries(&doc, ".ballot-line");
    assert_eq!(
        ballots[0],
        "发出选票98张，收回98张，有效票97张，无效票1张，选举有效"
    );
    let majority = name_entries(&doc, ".majority-line");
    assert!(
        majority[0].contains("100") && majority[0].contains("51"),
        "{majority:?}"
    );
    // A plenum counts members, not delegates.
    let plenum = page(&out, "meetings/plenum-17-1/index.html");
    assert_eq!(
        text(&plenum, ".attendance-line"),
        "应到委员8人，实到8人，符合法定人数"
    );
    let en = page(&out, "en/meetings/party-congress-17/index.html");
    assert_eq!(
        text(&en, ".attendance-line"),
        "Delegates entitled to attend: 100; present: 98; the quorum was met."
    );
    assert_eq!(
        name_entries(&en, ".ballot-line")[0],
        "Ballots issued: 98; returned: 98; valid: 97; invalid: 1; the election is valid."
    );
}

#[test]
fn meeting_page_lists_the_elected_in_order_and_every_candidate() {
    let out = basic();
    let doc = page(&out, "meetings/party-congress-17/index.html");
    let first = select(&doc, ".election")
        .into_iter()
        .next()
        .expect("an election");
    let frag = Html::parse_fragment(&first.html());
    let elected: Vec<String> = select(&frag, ".elected-list .person-name > a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(
        elected,
        [
            "丁宁", "于波", "万里", "王芳", "仇明", "方正", "李强", "张伟"
        ]
    );
    let rows: Vec<String> = select(&frag, "tbody tr")
        .iter()
        .map(|r| r.text().collect::<String>())
        .collect();
    assert_eq!(rows.len(), 9);
    assert!(
        rows[8].contains("丁小强") && rows[8].contains("40") && rows[8].contains("未当选"),
        "{rows:?}"
    );
    // Names generated from kind, place and term.
    assert_eq!(text(&doc, "h1"), "中国共产党测试县第十七次代表大会");
    let en = page(&out, "en/meetings/peoples-congress-19-1/index.html");
    assert_eq!(
        text(&en, "h1"),
        "First Session of the 19th Ceshi County People's Congress"
    );
    // Against and abstain columns appear when the data has them.
    let heads: Vec<String> = select(&en, "thead th")
        .iter()
        .map(|t| t.text().collect())
        .collect();
    assert!(
        heads.contains(&"Against".to_string()) && heads.contains(&"Abstain".to_string()),
        "{heads:?}"
    );
}

#[test]
fn english_names_are_pinyin_surname_first() {
    let out = basic();
    let doc = page(&out, "en/people/index.html");
    let names: Vec<String> = select(&doc, ".person-name > a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    for want in [
        "Wang Fang",
        "Ding Xiaoqiang",
        "Shan Xiong",
        "Zeng Li",
        "Qiu Ming",
        "Ouyang Wen",
        "Tien Foo",
    ] {
        assert!(
            names.iter().any(|n| n == want),
            "{want} missing from {names:?}"
        );
    }
    assert!(
        !names
            .iter()
            .any(|n| n == "Dan Xiong" || n == "Ceng Li" || n == "Chou Ming"),
        "{names:?}"
    );
}

#[test]
fn statistics_are_computed_with_the_change_from_the_previous_term() {
    let out = basic();
    let doc = page(&out, "statistics/index.html");
    let group = |id: &str, row: &str| text(&doc, &format!("#{id} .stat-{row} .stat-value"));
    // Ages on 2021-11-26 of the eight members: 46 43 51 49 41 38 36 45 = 349 → 43.6; in 2016 the
    // three members were 44 39 30 = 113 → 37.7 (computed from the 16th congress).
    assert_eq!(group("county-committee", "average_age"), "37.7 → 43.6");
    assert_eq!(group("county-committee", "count"), "3 → 8");
    assert_eq!(group("county-committee", "women"), "33.3% → 25.0%");
    assert_eq!(group("county-committee", "minorities"), "0.0% → 12.5%");
    // Declared previous figures are shown as published.
    assert_eq!(group("secretaries", "average_age"), "50 → 49.0");
}

#[test]
fn news_and_results_link_both_ways() {
    let out = basic();
    let art = page(&out, "news/congress/index.html");
    let hrefs: Vec<&str> = select(&art, ".results-links a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    for want in [
        "/meetings/party-congress-17/",
        "/bodies/county-committee/",
        "/people/wang-fang/",
    ] {
        assert!(hrefs.contains(&want), "{want} not in {hrefs:?}");
    }
    // The English version of the article links the English pages.
    let en = page(&out, "en/news/congress/index.html");
    let hrefs: Vec<&str> = select(&en, ".results-links a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        hrefs.contains(&"/en/meetings/party-congress-17/"),
        "{hrefs:?}"
    );
    for p in [
        "meetings/party-congress-17/index.html",
        "bodies/county-committee/index.html",
        "people/wang-fang/index.html",
    ] {
        let doc = page(&out, p);
        let back: Vec<&str> = select(&doc, ".results-news a")
            .iter()
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(back, ["/news/congress/"], "{p}");
    }
    // A page no article names has no news block.
    assert!(
        select(
            &page(&out, "meetings/plenum-17-1/index.html"),
            ".results-news"
        )
        .is_empty()
    );
}

#[test]
fn person_page_shows_published_facts_posts_and_votes() {
    let out = basic();
    let doc = page(&out, "people/wang-fang/index.html");
    let main = main_text(&doc);
    for want in ["1972年8月", "甘肃秦安", "研究生", "1994年6月", "县委书记"] {
        assert!(main.contains(want), "{want} missing");
    }
    let rows: Vec<String> = select(&doc, "section[aria-labelledby=votes-heading] tbody tr")
        .iter()
        .map(|r| r.text().collect())
        .collect();
    assert!(
        rows.iter()
            .any(|r| r.contains("95 / 97") && r.contains("当选")),
        "{rows:?}"
    );
    assert_eq!(rows.len(), 4, "{rows:?}");
}

/// Every string under `private:` in a people file.
fn private_values(people_yaml: &std::path::Path) -> Vec<String> {
    let text = std::fs::read_to_string(people_yaml).expect("people.yaml");
    let v: serde_yaml::Value = serde_yaml::from_str(&text).expect("yaml");
    let mut out = Vec::new();
    for p in v.as_sequence().expect("a list") {
        if let Some(private) = p.get("private").and_then(|x| x.as_mapping()) {
            for (_, value) in private {
                let s = match value {
                    serde_yaml::Value::String(s) => s.clone(),
                    other => serde_yaml::to_string(other)
                        .expect("scalar")
                        .trim()
                        .to_string(),
                };
                out.push(s.clone());
                // A date of birth in the other usual spellings.
                if let [y, m, d] = s.split('-').collect::<Vec<_>>()[..] {
                    out.push(format!("{y}{m}{d}"));
                    out.push(format!(
                        "{}年{}月{}日",
                        y,
                        m.trim_start_matches('0'),
                        d.trim_start_matches('0')
                    ));
                }
            }
        }
    }
    out
}

fn assert_nothing_private(out: &Output, values: &[String]) {
    assert!(
        !values.is_empty(),
        "the data under test must carry private values"
    );
    for (path, _) in out.files.iter() {
        let bytes = out.get(path).expect("readable");
        let Ok(s) = std::str::from_utf8(&bytes) else {
            continue;
        };
        for v in values {
            assert!(
                !s.contains(v.as_str()),
                "private value {v:?} found in {path}"
            );
        }
    }
}

#[test]
fn no_private_field_or_full_birth_date_in_the_output() {
    let out = basic();
    let values = private_values(&fixture("results-basic").join("content/people.yaml"));
    assert!(values.contains(&"1972年8月15日".to_string()));
    assert_nothing_private(&out, &values);
}

#[test]
fn example_site_keeps_private_data_private() {
    let out = build_ok(&example());
    let values = private_values(&example().join("content/people.yaml"));
    assert_nothing_private(&out, &values);
}

#[test]
fn example_statistics_match_the_published_figures() {
    let out = build_ok(&example());
    let doc = page(&out, "statistics/index.html");
    assert_eq!(
        text(&doc, "#township-heads .stat-average_age .stat-value"),
        "43 → 40.2"
    );
    assert_eq!(
        text(&doc, "#township-leaders .stat-average_age .stat-value"),
        "39.5 → 36.8"
    );
    let en = page(&out, "en/statistics/index.html");
    assert_eq!(
        text(&en, "#township-heads .stat-average_age .stat-value"),
        "43 → 40.2"
    );
}

#[test]
fn example_has_the_2021_meetings_and_bodies() {
    let out = build_ok(&example());
    for p in [
        "meetings/county-party-congress-17/index.html",
        "meetings/county-committee-plenum-17-1/index.html",
        "meetings/county-discipline-plenum-17-1/index.html",
        "meetings/county-peoples-congress-19-1/index.html",
        "meetings/county-cppcc-14-1/index.html",
        "en/meetings/county-cppcc-14-1/index.html",
        "bodies/county-committee/index.html",
        "bodies/county-standing-committee/index.html",
        "bodies/county-discipline/index.html",
        "bodies/county-congress-standing-committee/index.html",
        "bodies/county-government/index.html",
        "bodies/county-cppcc/index.html",
    ] {
        assert!(out.get(p).is_some(), "{p} missing");
    }
    let towns = out
        .files
        .keys()
        .filter(|k| {
            k.starts_with("meetings/")
                && k.contains("-party-congress-")
                && !k.starts_with("meetings/county")
        })
        .count();
    assert!(
        towns >= 4,
        "expected at least four town party congresses, found {towns}"
    );
    // The index lists county meetings, then the towns.
    let idx = page(&out, "meetings/index.html");
    let heads: Vec<String> = select(&idx, "main h2")
        .iter()
        .map(|h| h.text().collect())
        .collect();
    assert_eq!(heads, ["县级", "乡镇"]);
    // The whole site is marked as carrying fictional rosters, in both languages.
    assert!(!select(&idx, ".sample-banner").is_empty());
    assert!(
        !select(
            &page(&out, "en/bodies/county-committee/index.html"),
            ".sample-banner"
        )
        .is_empty()
    );
    let en = page(&out, "en/meetings/county-cppcc-14-1/index.html");
    assert_eq!(
        text(&en, "h1"),
        "First Session of the 14th Qin'an County Committee of the CPPCC"
    );
}

#[test]
fn menu_and_sitemap_carry_the_results_pages() {
    let out = basic();
    let doc = page(&out, "index.html");
    let menu: Vec<String> = select(&doc, ".site-nav a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    for want in ["会议", "班子", "统计"] {
        assert!(
            menu.iter().any(|m| m == want),
            "{want} not in menu {menu:?}"
        );
    }
    let map = String::from_utf8(out.get("sitemap.xml").unwrap().to_vec()).unwrap();
    assert!(map.contains("<loc>https://test.example/meetings/party-congress-17/</loc>"));
    assert!(map.contains("https://test.example/en/people/wang-fang/"));
    // A site without results data has neither pages nor menu entries for them.
    let plain = build_ok(&fixture("basic"));
    assert!(plain.get("meetings/index.html").is_none());
    let menu: Vec<String> = select(&page(&plain, "index.html"), ".site-nav a")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert!(!menu.iter().any(|m| m == "会议"), "{menu:?}");
}

#[test]
fn void_election_and_its_rerun_are_both_shown() {
    let out = build_ok(&fixture("results-void-rerun"));
    let doc = page(&out, "meetings/m/index.html");
    let lines = name_entries(&doc, ".ballot-line");
    assert!(lines[0].ends_with("选举无效"), "{lines:?}");
    assert!(lines[1].ends_with("选举有效"), "{lines:?}");
    assert!(text(&doc, "#election-2 h3").contains("另行选举"));
    let body = page(&out, "bodies/committee/index.html");
    assert_eq!(roster(&body)[0].1, ["王一", "李二"]);
}

/// Builds a broken fixture and returns its errors.
fn errors_of(name: &str) -> Vec<huanjie::Diagnostic> {
    match build(&fixture(name), false) {
        Ok(_) => panic!("{name} should fail to build"),
        Err(e) => e.0,
    }
}

#[test]
fn every_rule_names_file_line_and_column() {
    let m = "content/meetings/m/meeting.yaml";
    let people = "content/people.yaml";
    // (fixture, rule id, part of the message, file, line, column)
    let cases: &[(&str, &str, &str, &str, usize, usize)] = &[
        (
            "results-unknown-id",
            "unknown-id",
            "unknown person id `p-x`",
            m,
            25,
            17,
        ),
        (
            "results-duplicate-id",
            "duplicate-id",
            "person id `p-b` is used twice; first at content/people.yaml:5:7",
            people,
            9,
            7,
        ),
        (
            "results-end-before-start",
            "end-before-start",
            "ends (2021-08-28) before it starts (2021-08-29)",
            m,
            6,
            6,
        ),
        (
            "results-attendance",
            "attendance",
            "101 present is more than the 100 entitled",
            m,
            8,
            10,
        ),
        (
            "results-quorum",
            "quorum",
            "quorum not met: 50 present of 100 entitled is not more than 1/2",
            m,
            8,
            10,
        ),
        (
            "results-ballots-returned",
            "ballots-returned",
            "91 ballots returned but only 90 issued: the election is void",
            m,
            15,
            17,
        ),
        (
            "results-void-not-rerun",
            "void-not-rerun",
            "the election is void, and no later round re-runs it",
            m,
            13,
            11,
        ),
        (
            "results-ballots-sum",
            "ballots-sum",
            "87 valid + 2 invalid = 89, but 90 ballots were returned",
            m,
            16,
            14,
        ),
        (
            "results-ballots-issued",
            "ballots-issued",
            "95 ballots issued to 90 present",
            m,
            14,
            15,
        ),
        (
            "results-votes-exceed-valid",
            "votes-exceed-valid",
            "89 votes for `p-a`, but only 88 valid ballots",
            m,
            20,
            16,
        ),
        (
            "results-too-many-elected",
            "too-many-elected",
            "3 candidates are marked elected for 2 seats",
            m,
            12,
            12,
        ),
        (
            "results-no-majority",
            "no-majority",
            "`p-b` is marked elected with 50 votes; a majority of the 100 entitled is 51",
            m,
            23,
            16,
        ),
        (
            "results-elected-twice",
            "elected-twice",
            "`p-a` is elected a second time to post `member` of `committee` (term 1); first at content/meetings/m/meeting.yaml:19:17",
            m,
            36,
            17,
        ),
        (
            "results-born-full-date",
            "personal-data",
            "`born: 1975-06-12` is a full date of birth",
            people,
            8,
            9,
        ),
        (
            "results-news-unknown-id",
            "unknown-id",
            "unknown meeting id `no-such-meeting` in `meetings`",
            "content/news/a.md",
            6,
            5,
        ),
        (
            "results-private-mismatch",
            "private-mismatch",
            "`born: 1975-06` differs from the year and month of the private date of birth",
            people,
            8,
            9,
        ),
        // `contested: true` on an election with no more candidates than seats: at the flag.
        (
            "results-contested",
            "contested",
            "marked contested (差额) but 2 candidates for 2 seats",
            m,
            13,
            16,
        ),
        // A void election (returned > issued) with a candidate marked elected: at `elected`.
        (
            "results-void-elected",
            "void-elected",
            "a void election elects no one",
            m,
            18,
            18,
        ),
        // The third candidate is `p-a` again: at its `person`.
        (
            "results-duplicate-candidate",
            "duplicate-candidate",
            "`p-a` is listed twice among the candidates (first as candidate 1)",
            m,
            21,
            17,
        ),
        // A vote dated the day after the one-day meeting: at the election's `date`.
        (
            "results-election-date",
            "election-date",
            "the vote (2021-08-30) is outside the meeting's dates (2021-08-29 to 2021-08-29)",
            m,
            12,
            11,
        ),
    ];
    for &(fixture, rule, message, file, line, column) in cases {
        let errors = errors_of(fixture);
        let d = errors
            .iter()
            .find(|d| d.message.contains(message))
            .unwrap_or_else(|| {
                panic!("{fixture}: no error containing {message:?} in:\n{errors:#?}")
            });
        assert_eq!(d.rule, rule, "{fixture}: {d:?}");
        assert_eq!(
            (d.file.to_string_lossy().as_ref(), d.line, d.column),
            (file, line, column),
            "{fixture}: {d:?}"
        );
        assert!(d.hint.is_some(), "{fixture}: no hint: {d:?}");
        // As printed: `file:line:col: message (hint: …)`.
        assert!(
            d.to_string()
                .starts_with(&format!("{file}:{line}:{column}: ")),
            "{fixture}: {d}"
        );
        // Each fixture breaks one rule; in results-duplicate-id the meeting's `p-c` is
        // unknown too, as its entry was turned into the second `p-b`.
        let expected = if fixture == "results-duplicate-id" {
            2
        } else {
            1
        };
        assert_eq!(errors.len(), expected, "{fixture}: {errors:#?}");
        // The private value itself is never echoed.
        assert!(
            errors.iter().all(|e| !e.to_string().contains("1975-07-12")),
            "{errors:#?}"
        );
    }
}

#[test]
fn contested_margin_is_a_warning_set_in_site_yaml() {
    let (out, warnings) = huanjie::build(
        &fixture("results-contested-margin"),
        &LoadOptions::default(),
    )
    .expect("builds with a warning");
    assert!(out.get("meetings/m/index.html").is_some());
    let w = warnings
        .iter()
        .find(|w| w.rule == "contested-margin")
        .expect("a contested-margin warning");
    assert_eq!((w.line, w.column), (18, 5));
    assert!(
        w.message.contains("at least 60% more, i.e. 4"),
        "{}",
        w.message
    );
    // A character without stroke data is placed by code point, with a warning at the name.
    let w = warnings
        .iter()
        .find(|w| w.rule == "stroke-data")
        .expect("a stroke-data warning");
    assert_eq!(
        (w.file.to_string_lossy().into_owned(), w.line),
        ("content/people.yaml".to_string(), 14)
    );
    assert!(w.message.contains('\u{20000}'), "{}", w.message);
    // With the default margin (10%) the same data is fine.
    let (_, base) = huanjie::build(
        &fixture("results-ballots-sum")
            .parent()
            .unwrap()
            .join("results-void-rerun"),
        &LoadOptions::default(),
    )
    .expect("builds");
    assert!(
        base.iter().all(|w| w.rule != "contested-margin"),
        "{base:?}"
    );
}

#[test]
fn two_builds_of_the_results_are_identical() {
    let a = basic();
    let b = basic();
    for (k, _) in a.files.iter().filter(|(k, _)| {
        k.starts_with("meetings/") || k.starts_with("statistics/") || k.starts_with("bodies/")
    }) {
        assert!(a.get(k) == b.get(k), "{k} differs");
    }
}

/// A copy of a fixture with `content/statistics.yaml` replaced.
fn with_statistics(name: &str, statistics: &str) -> tempfile::TempDir {
    with_files(name, &[("content/statistics.yaml", statistics.as_bytes())])
}

/// A copy of a fixture with some files replaced (or added).
fn with_files(name: &str, files: &[(&str, &[u8])]) -> tempfile::TempDir {
    fn copy(from: &std::path::Path, to: &std::path::Path) {
        std::fs::create_dir_all(to).expect("mkdir");
        for e in std::fs::read_dir(from).expect("read_dir") {
            let e = e.expect("entry");
            let dest = to.join(e.file_name());
            if e.file_type().expect("file type").is_dir() {
                copy(&e.path(), &dest);
            } else {
                std::fs::copy(e.path(), dest).expect("copy");
            }
        }
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    copy(&fixture(name), tmp.path());
    for (rel, bytes) in files {
        std::fs::write(tmp.path().join(rel), bytes).expect("write");
    }
    tmp
}

/// The fixture's file `rel` with `from` replaced by `to` (which must occur).
fn edited(name: &str, rel: &str, from: &str, to: &str) -> Vec<u8> {
    let text = std::fs::read_to_string(fixture(name).join(rel)).expect("read");
    assert!(text.contains(from), "{rel} has no `{from}`");
    text.replacen(from, to, 1).into_bytes()
}

/// Errors as `file:line: rule: message`, for failure messages.
fn listed(errors: &[huanjie::Diagnostic]) -> String {
    errors
        .iter()
        .map(|d| format!("{}:{}: {}: {}", d.file.display(), d.line, d.rule, d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_file_that_fails_to_load_is_reported_without_its_echoes() {
    // results-basic names its people and bodies in meetings, news and statistics: when the file
    // defining them cannot be read or parsed, its own error is the only one.
    let people = "content/people.yaml";
    let bodies = "content/bodies.yaml";
    let congress = "content/meetings/party-congress-17/meeting.yaml";
    // 王芳 in GBK.
    let gbk: &[u8] = b"- id: wang-fang\n  name: \xCD\xF5\xB7\xBC\n";
    let unclosed: &[u8] = b"- id: wang-fang\n  name: [\xE7\x8E\x8B\n";
    let bad_date = edited(
        "results-basic",
        congress,
        "start: 2021-11-23",
        "start: 2021-11-31",
    );
    let text_votes = edited("results-basic", congress, "votes: 95", "votes: 九十五");
    let cases: &[(&str, &[u8], &str)] = &[
        (people, gbk, "encoding"),
        (people, b"", "yaml"),
        (people, unclosed, "yaml"),
        (bodies, gbk, "encoding"),
        (bodies, b"\n", "yaml"),
        (bodies, unclosed, "yaml"),
        (congress, &bad_date, "date"),
        (congress, &text_votes, "yaml"),
    ];
    for (file, bytes, rule) in cases {
        let tmp = with_files("results-basic", &[(file, bytes)]);
        let errors = match build(tmp.path(), false) {
            Ok(_) => panic!("{file} ({rule}) should fail the build"),
            Err(e) => e.0,
        };
        assert!(
            errors.iter().any(|d| d.rule == *rule),
            "{file}: no `{rule}` error in\n{}",
            listed(&errors)
        );
        assert!(
            errors.iter().all(|d| d.file == std::path::Path::new(file)),
            "{file} ({rule}): errors elsewhere follow from it:\n{}",
            listed(&errors)
        );
    }
}

#[test]
fn an_unknown_id_is_still_reported_beside_a_broken_meeting() {
    // Only the ids the broken file would have defined are spared: a misspelt one is reported.
    let congress = "content/meetings/party-congress-17/meeting.yaml";
    let plenum = "content/meetings/plenum-17-1/meeting.yaml";
    let bad_date = edited(
        "results-basic",
        congress,
        "start: 2021-11-23",
        "start: 2021-11-31",
    );
    let typo = edited(
        "results-basic",
        plenum,
        "follows: party-congress-17",
        "follows: party-congress-71",
    );
    let tmp = with_files("results-basic", &[(congress, &bad_date), (plenum, &typo)]);
    let errors = match build(tmp.path(), false) {
        Ok(_) => panic!("should fail"),
        Err(e) => e.0,
    };
    let found: Vec<(&str, &str)> = errors
        .iter()
        .map(|d| (d.file.to_str().unwrap_or(""), d.rule.as_str()))
        .collect();
    assert_eq!(
        found,
        [(congress, "date"), (plenum, "unknown-id")],
        "{}",
        listed(&errors)
    );
    assert!(errors[1].message.contains("`party-congress-71`"));
}

#[test]
fn a_meeting_cannot_follow_itself() {
    let plenum = "content/meetings/plenum-17-1/meeting.yaml";
    let own = edited(
        "results-basic",
        plenum,
        "follows: party-congress-17",
        "follows: plenum-17-1",
    );
    let tmp = with_files("results-basic", &[(plenum, &own)]);
    let errors = match build(tmp.path(), false) {
        Ok(_) => panic!("should fail"),
        Err(e) => e.0,
    };
    assert_eq!(errors.len(), 1, "{}", listed(&errors));
    let d = &errors[0];
    assert_eq!(
        (d.file.to_str(), d.line, d.column, d.rule.as_str()),
        (Some(plenum), 5, 10, "bad-follows")
    );
    assert!(d.message.contains("cannot follow itself"), "{}", d.message);
    assert!(!d.message.contains("unknown"), "{}", d.message);
}

#[test]
fn age_bands_must_be_a_nonempty_increasing_list_of_ages() {
    let file = "content/statistics.yaml";
    let groups = "groups:\n  - id: committee\n    name: 委员\n    select:\n      - {body: committee, posts: [member]}\n";
    // With sensible bands the fixture builds, up to the oldest accepted bound: p-a is 51 and
    // p-b 46 on the day of the vote.
    let ok = with_statistics(
        "results-bad-age-bands",
        &format!("age_bands: [50, 120]\n{groups}"),
    );
    let out = build_ok(ok.path());
    let doc = page(&out, "statistics/index.html");
    let rows: Vec<(String, String)> = select(&doc, "#committee-bands")
        .first()
        .and_then(|c| c.parent())
        .and_then(scraper::ElementRef::wrap)
        .map(|table| {
            table
                .select(&scraper::Selector::parse("tbody tr").expect("css"))
                .map(|tr| {
                    let cell = |css: &str| {
                        let sel = scraper::Selector::parse(css).expect("css");
                        tr.select(&sel)
                            .next()
                            .map(|c| c.text().collect::<String>())
                            .unwrap_or_default()
                    };
                    (cell("th"), cell("td.num"))
                })
                .collect()
        })
        .expect("age band table");
    let expect = [("50岁及以下", "1"), ("51—120岁", "1"), ("121岁及以上", "0")];
    assert_eq!(rows, expect.map(|(a, b)| (a.to_string(), b.to_string())),);

    // (statistics.yaml or None for the fixture as it is, part of the message, line, column)
    let bad = |bands: &str| format!("{bands}\n{groups}");
    let cases: Vec<(Option<String>, &str, usize, usize)> = vec![
        (None, "`age_bands` is empty", 2, 12),
        (
            Some(bad("age_bands: [4294967295]")),
            "4294967295, which is not a plausible age",
            1,
            12,
        ),
        (
            Some(bad("age_bands:\n  - 35\n  - 121")),
            "121, which is not a plausible age",
            3,
            5,
        ),
        (
            Some(bad("age_bands:\n  - 40\n  - 40")),
            "must increase, but 40 follows 40",
            3,
            5,
        ),
        (
            Some(bad("age_bands: [45, 35]")),
            "must increase, but 35 follows 45",
            1,
            12,
        ),
    ];
    for (statistics, message, line, column) in cases {
        let tmp = statistics.map(|s| with_statistics("results-bad-age-bands", &s));
        let root = tmp.as_ref().map_or_else(
            || fixture("results-bad-age-bands"),
            |t| t.path().to_path_buf(),
        );
        let errors = match build(&root, false) {
            Ok(_) => panic!("{message}: should fail to build"),
            Err(e) => e.0,
        };
        assert_eq!(errors.len(), 1, "{message}: {errors:#?}");
        let d = &errors[0];
        assert!(d.message.contains(message), "{message}: {d:?}");
        assert_eq!(d.rule, "statistics", "{d:?}");
        assert_eq!(
            (d.file.to_string_lossy().as_ref(), d.line, d.column),
            (file, line, column),
            "{d:?}"
        );
        assert!(d.hint.is_some(), "no hint: {d:?}");
    }
}
