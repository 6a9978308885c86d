//! `huanjie check`: one fixture site per rule family with known findings (exact rule ids, files
//! and lines), the CLI's exit codes, JSON and `--fix`, and the example site.

mod common;
use common::*;
use huanjie::check::{CheckOptions, Finding, Level, Report, check};
use std::path::Path;

fn day(s: &str) -> jiff::civil::Date {
    s.parse().expect("a date")
}

fn run(name: &str, today: &str) -> Report {
    check(
        &fixture(name),
        &CheckOptions {
            today: Some(day(today)),
        },
    )
}

/// (rule, file, line) of the findings of the given families, sorted.
fn found(r: &Report, families: &[&str]) -> Vec<(String, String, usize)> {
    let mut v: Vec<(String, String, usize)> = r
        .findings
        .iter()
        .filter(|f| families.contains(&f.family.as_str()))
        .map(|f| (f.rule.clone(), f.file.clone(), f.line))
        .collect();
    v.sort();
    v
}

fn expect(list: &[(&str, &str, usize)]) -> Vec<(String, String, usize)> {
    let mut v: Vec<(String, String, usize)> = list
        .iter()
        .map(|(r, f, l)| (r.to_string(), f.to_string(), *l))
        .collect();
    v.sort();
    v
}

fn finding<'a>(r: &'a Report, rule: &str, file: &str, line: usize) -> &'a Finding {
    r.findings
        .iter()
        .find(|f| f.rule == rule && f.file == file && f.line == line)
        .unwrap_or_else(|| panic!("no {rule} at {file}:{line}; findings: {:#?}", r.findings))
}

#[test]
fn links_anchors_and_images_resolve_in_every_language() {
    let r = run("check-links", "2021-11-05");
    assert!(r.loaded);
    let a = "content/news/a.md";
    assert_eq!(
        found(&r, &["links"]),
        expect(&[
            ("broken-link", a, 11),
            ("broken-anchor", a, 15),
            ("external-link", a, 17),
            ("missing-image", a, 19),
            ("missing-image", a, 21),
            ("broken-link", a, 23),
            // The bundle's image (content/news/b/photo.jpg) is copied beside every language's
            // version of the page, so the English fallback finds it too: no finding.
            ("link-language", "content/news/c.en.md", 7),
        ])
    );
    // A typo gets the nearest page; a link to a Markdown file gets the page's URL.
    assert!(
        finding(&r, "broken-link", a, 11)
            .fix
            .as_deref()
            .unwrap_or("")
            .contains("/news/b/")
    );
    assert!(
        finding(&r, "broken-link", a, 23)
            .fix
            .as_deref()
            .unwrap_or("")
            .contains("/news/b/")
    );
    assert_eq!(finding(&r, "broken-link", a, 11).column, 5);
    assert!(
        finding(&r, "link-language", "content/news/c.en.md", 7)
            .fix
            .as_deref()
            .unwrap_or("")
            .contains("/en/news/a/")
    );
    assert_eq!(finding(&r, "external-link", a, 17).severity, Level::Note);
    assert_eq!(finding(&r, "broken-anchor", a, 15).severity, Level::Error);
}

#[test]
fn translations_are_listed_with_coverage() {
    let r = run("check-translations", "2021-11-05");
    assert_eq!(
        found(&r, &["translations"]),
        expect(&[
            ("untranslated-field", "content/bodies.yaml", 2),
            ("untranslated-page", "content/news/_index.md", 0),
            ("untranslated-page", "content/news/b.md", 0),
            ("untranslated-string", "i18n/en.yaml", 2),
            ("untranslated-field", "site.yaml", 9),
        ])
    );
    assert!(
        finding(&r, "untranslated-string", "i18n/en.yaml", 2)
            .message
            .contains("home")
    );
    assert!(
        finding(&r, "untranslated-page", "content/news/b.md", 0)
            .fix
            .as_deref()
            .unwrap_or("")
            .contains("content/news/b.en.md")
    );
    let en = r
        .coverage
        .iter()
        .find(|c| c.lang == "en")
        .expect("coverage of en");
    // Pages a, b and sections "", news: a and the home page are translated.
    assert_eq!(en.pages, (2, 4));
    assert_eq!(en.strings.1 - en.strings.0, 1);
    assert_eq!(en.fields.1 - en.fields.0, 2);
}

#[test]
fn results_rules_come_with_the_loaders_messages() {
    let r = run("check-results", "2021-09-01");
    assert!(!r.loaded);
    let file = "content/meetings/congress/meeting.yaml";
    assert_eq!(
        found(&r, &["results"]),
        expect(&[("ballots-sum", file, 16)])
    );
    let f = finding(&r, "ballots-sum", file, 16);
    assert_eq!(f.severity, Level::Error);
    // The same message as `huanjie build` gives.
    let err = build(&fixture("check-results"), false).expect_err("the build must fail");
    let d = err
        .0
        .iter()
        .find(|d| d.rule == "ballots-sum")
        .expect("the build reports ballots-sum");
    assert_eq!(
        (d.line, d.column, d.message.as_str()),
        (f.line, f.column, f.message.as_str())
    );
    // The text rules still ran.
    assert_eq!(
        found(&r, &["privacy"]),
        expect(&[("mobile-number", "content/news/a.md", 6)])
    );
}

#[test]
fn results_summary_per_meeting() {
    let r = run("check-names", "2021-12-02");
    let got: Vec<(&str, usize, usize)> = r
        .meetings
        .iter()
        .map(|m| (m.id.as_str(), m.elections, m.elected))
        .collect();
    assert_eq!(
        got,
        [
            ("congress-17", 1, 4),
            ("plenum-17-1", 2, 3),
            ("peoples-congress-19-1", 2, 2)
        ]
    );
    assert!(r.meetings.iter().all(|m| m.ballots_consistent));
}

#[test]
fn names_after_posts_are_checked_against_the_results() {
    let r = run("check-names", "2021-12-02");
    let f = "content/news/after.md";
    assert_eq!(
        found(&r, &["names"]),
        expect(&[
            ("name-typo", f, 8),
            ("name-post-mismatch", f, 10),
            ("name-typo", f, 14)
        ])
    );
    assert!(finding(&r, "name-typo", f, 8).message.contains("马文洁"));
    assert!(
        finding(&r, "name-post-mismatch", f, 10)
            .message
            .contains("李强")
    );
    assert!(finding(&r, "name-typo", f, 14).message.contains("陈静"));
}

#[test]
fn freshness_stale_site_and_impossible_dates() {
    let r = run("check-freshness", "2021-12-31");
    assert_eq!(
        found(&r, &["freshness"]),
        expect(&[
            ("updated-before-date", "content/news/a.md", 4),
            ("stale-site", "content/news/b.md", 3),
            ("future-date", "content/news/c.md", 3),
        ])
    );
    assert_eq!(
        finding(&r, "stale-site", "content/news/b.md", 3).severity,
        Level::Warning
    );
    assert_eq!(
        finding(&r, "updated-before-date", "content/news/a.md", 4).severity,
        Level::Error
    );
    // Five days after the newest article the site is fresh.
    let r = run("check-freshness", "2021-11-25");
    assert!(!r.findings.iter().any(|f| f.rule == "stale-site"));
}

#[test]
fn privacy_finds_ids_mobiles_and_birth_dates_but_not_reporting_lines() {
    let r = run("check-privacy", "2021-11-05");
    let a = "content/news/a.md";
    assert_eq!(
        found(&r, &["privacy"]),
        expect(&[
            ("mobile-number", a, 4),
            ("id-number", a, 8),
            ("mobile-number", a, 12),
            ("birth-date", a, 16),
            ("id-number", a, 22),
            ("mobile-number", "content/people.yaml", 6),
        ])
    );
    // The number is never repeated in full.
    for f in r.findings.iter().filter(|f| f.family == "privacy") {
        assert!(
            !f.message.contains("13812345678") && !f.message.contains("11010519491231002X"),
            "{}",
            f.message
        );
        assert_eq!(f.severity, Level::Error);
    }
}

#[test]
fn a_site_that_does_not_load_is_still_reported() {
    let r = run("check-broken", "2021-11-05");
    assert!(!r.loaded);
    let f = finding(&r, "unknown-key", "content/news/a.md", 2);
    assert_eq!(f.severity, Level::Error);
    assert!(f.fix.as_deref().unwrap_or("").contains("title"));
    let b = "content/news/b.md";
    assert_eq!(
        found(&r, &["privacy", "artifacts"]),
        expect(&[("halfwidth-punctuation", b, 6), ("mobile-number", b, 6)])
    );
    let out = cli(&[
        "check",
        "--root",
        fixture("check-broken").to_str().unwrap(),
        "--today",
        "2021-11-05",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("content/news/a.md:2:1: error[unknown-key]")
    );
}

#[test]
fn comments_silence_and_site_yaml_relevels() {
    let r = run("check-silence", "2021-12-10");
    let a = "content/news/a.md";
    assert_eq!(
        found(
            &r,
            &["artifacts", "privacy", "freshness", "links", "config"]
        ),
        expect(&[
            ("halfwidth-punctuation", a, 11),
            ("mobile-number", a, 16),
            ("traditional-in-simplified", a, 18),
            ("future-date", "content/news/b.md", 3),
            ("check-config", "site.yaml", 8),
        ])
    );
    assert_eq!(r.silenced, 4);
    assert_eq!(
        finding(&r, "future-date", "content/news/b.md", 3).severity,
        Level::Error,
        "re-levelled in site.yaml"
    );
    assert!(
        finding(&r, "check-config", "site.yaml", 8)
            .fix
            .as_deref()
            .unwrap_or("")
            .contains("halfwidth-punctuation")
    );
}

/// The pasted article (tests/fixtures/check-artifacts/content/news/pasted.md) has seven
/// paragraphs: six with a dozen artifacts of one kind each, one line per artifact, and a clean
/// control paragraph (lines 103–107) followed by a code block (lines 109–111).
#[test]
fn pasted_text_artifacts_a_dozen_of_each() {
    let r = run("check-artifacts", "2021-08-21");
    let lines = |rule: &str, file: &str| -> Vec<usize> {
        r.findings
            .iter()
            .filter(|f| f.rule == rule && f.file == file)
            .map(|f| f.line)
            .collect()
    };
    let p = "content/news/pasted.md";
    let range = |a: usize, b: usize| (a..=b).collect::<Vec<_>>();
    assert_eq!(
        lines("pinyin-annotation", p),
        [10, 11, 12, 13, 14, 15, 16, 17, 19, 21, 22, 23]
    );
    assert_eq!(
        lines("garbled-text", p),
        [27, 28, 29, 30, 31, 32, 34, 35, 36, 37, 38, 39]
    );
    assert_eq!(lines("invisible-char", p), range(43, 54));
    assert_eq!(lines("traditional-in-simplified", p), range(58, 69));
    assert_eq!(lines("halfwidth-punctuation", p), range(73, 84));
    assert_eq!(lines("cjk-spacing", p), range(88, 99));
    // The Traditional page with Simplified characters pasted into it.
    assert_eq!(
        lines(
            "simplified-in-traditional",
            "content/news/pasted.zh-Hant.md"
        ),
        range(9, 20)
    );
    // Nothing else in the artifact and privacy families, anywhere.
    let total = r
        .findings
        .iter()
        .filter(|f| f.family == "artifacts" || f.family == "privacy")
        .count();
    assert_eq!(total, 12 * 7);
    // The control paragraph and the code block produce no finding of any kind.
    let clean: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.file == p && (103..=111).contains(&f.line))
        .collect();
    assert!(
        clean.is_empty(),
        "findings in the control paragraph: {clean:#?}"
    );
    // Messages name what was found.
    assert!(
        finding(&r, "pinyin-annotation", p, 10)
            .message
            .contains("(guān)")
    );
    assert!(
        finding(&r, "traditional-in-simplified", p, 58)
            .message
            .contains("會→会")
    );
    assert!(
        finding(&r, "invisible-char", p, 43)
            .message
            .contains("U+200B")
    );
}

#[test]
fn json_output_is_stable() {
    let out = cli(&[
        "check",
        "--root",
        fixture("check-privacy").to_str().unwrap(),
        "--format",
        "json",
        "--today",
        "2021-11-05",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    assert_eq!(v["version"], 1);
    assert_eq!(v["today"], "2021-11-05");
    assert_eq!(v["loaded"], true);
    let findings = v["findings"].as_array().expect("findings");
    let keys: Vec<&str> = findings[0]
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut want = [
        "column", "file", "family", "fix", "line", "message", "rule", "severity",
    ];
    want.sort();
    let mut keys = keys;
    keys.sort();
    assert_eq!(keys, want);
    let errors = findings.iter().filter(|f| f["severity"] == "error").count();
    assert_eq!(v["summary"]["errors"], errors);
    assert_eq!(v["summary"]["failed"], true);
    assert!(
        findings.iter().any(|f| f["rule"] == "id-number"
            && f["file"] == "content/news/a.md"
            && f["line"] == 8)
    );
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let root = fixture("check-translations");
    let root = root.to_str().unwrap();
    let plain = cli(&["check", "--root", root, "--today", "2021-11-05"]);
    assert_eq!(
        plain.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&plain.stdout)
    );
    let deny = cli(&[
        "check",
        "--root",
        root,
        "--today",
        "2021-11-05",
        "--deny",
        "warnings",
    ]);
    assert_eq!(deny.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&deny.stdout).contains("check failed"));
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.expect("walk");
        let rel = e.path().strip_prefix(from).expect("prefix");
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).expect("mkdir");
        } else {
            std::fs::copy(e.path(), &dest).expect("copy");
        }
    }
}

#[test]
fn fix_changes_only_punctuation_spacing_and_invisibles_in_markdown_text() {
    let tmp = tempfile::tempdir().expect("tempdir");
    copy_dir(&fixture("check-artifacts"), tmp.path());
    let file = tmp.path().join("content/news/pasted.md");
    let before = std::fs::read_to_string(&file).expect("read");
    let root = tmp.path().to_str().unwrap();

    // Without --fix nothing is written.
    let out = cli(&["check", "--root", root, "--today", "2021-08-21"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read_to_string(&file).expect("read"), before);

    let out = cli(&["check", "--root", root, "--today", "2021-08-21", "--fix"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout.lines().filter(|l| l.contains(": fixed[")).count(),
        36,
        "{stdout}"
    );
    let after = std::fs::read_to_string(&file).expect("read");
    let line = |t: &str, n: usize| t.lines().nth(n - 1).unwrap_or("").to_string();
    assert_eq!(line(&after, 73), "会议强调，要严明换届纪律。");
    assert_eq!(line(&after, 78), "全县共设立举报箱（信箱）17个。");
    assert_eq!(line(&after, 80), "会议要求，各级领导干部要带头遵守纪律。");
    assert_eq!(line(&after, 88), "截至8月底，全县换届工作进展顺利。");
    assert_eq!(
        line(&after, 43),
        "县人大常委会召开会议，研究部署县乡人大换届选举工作。"
    );
    // Front matter, other artifacts, the control paragraph and code stay as they were.
    for n in (1..=6).chain(10..=39).chain(58..=69).chain(103..=111) {
        assert_eq!(line(&after, n), line(&before, n), "line {n} changed");
    }
    // The check after the fix finds none of the fixed kinds, and the rest still.
    let r = check(
        tmp.path(),
        &CheckOptions {
            today: Some(day("2021-08-21")),
        },
    );
    for rule in ["halfwidth-punctuation", "cjk-spacing", "invisible-char"] {
        assert!(
            !r.findings
                .iter()
                .any(|f| f.rule == rule && f.file == "content/news/pasted.md"),
            "{rule} left"
        );
    }
    assert_eq!(
        r.findings
            .iter()
            .filter(|f| f.rule == "pinyin-annotation")
            .count(),
        12
    );
}

#[test]
fn example_site_has_no_errors() {
    let r = check(&example(), &CheckOptions::default());
    let errors: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.severity == Level::Error)
        .collect();
    assert!(errors.is_empty(), "errors in the example site: {errors:#?}");
    assert!(r.loaded);
    assert!(
        !r.meetings.is_empty(),
        "the example's results are summarised"
    );
}

#[test]
fn fix_keeps_each_line_end_and_every_byte_it_does_not_fix() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let root = tmp.path();
    std::fs::create_dir_all(root.join("content/news")).expect("mkdir");
    std::fs::write(
        root.join("site.yaml"),
        "title: 行尾测试\nbase_url: https://test.example\nlanguages:\n  - { code: zh-Hans, name: 简体中文, prefix: \"\" }\n",
    )
    .expect("write");
    std::fs::write(
        root.join("content/_index.md"),
        "---\ntitle: 首页\n---\n\n欢迎。\n",
    )
    .expect("write");
    // Mostly LF, one stray CRLF, one lone CR, a CRLF on the line to fix, no end at the end.
    let broken = "会议强调,要严明换届纪律。";
    let before = format!(
        "---\ntitle: 行尾\ndate: 2021-08-20\n---\n\n全县换届工作进展顺利。\r\n\n各镇按期完成选举。\r\r\n{broken}\r\n\n末行没有行尾。"
    );
    let file = root.join("content/news/mixed.md");
    std::fs::write(&file, &before).expect("write");

    let r = root.to_str().expect("utf-8 path");
    let out = cli(&["check", "--root", r, "--today", "2021-08-21", "--fix"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let fixed: Vec<&str> = stdout.lines().filter(|l| l.contains(": fixed[")).collect();
    assert_eq!(fixed.len(), 1, "{stdout}");
    assert!(fixed[0].contains("content/news/mixed.md:10:"), "{stdout}");

    let after = std::fs::read(&file).expect("read");
    let expected = before.replacen(broken, "会议强调，要严明换届纪律。", 1);
    assert_ne!(expected, before);
    assert_eq!(
        String::from_utf8_lossy(&after),
        expected,
        "only the comma may change"
    );
}
