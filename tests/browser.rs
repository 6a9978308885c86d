//! The real-browser check of the public-site norms (run by `cargo test -- --ignored`, as CI does).
//!
//! Builds the example site (and a review fixture under `--drafts`, for the "not yet approved"
//! banner), serves each from memory, drives Chromium over the DevTools protocol and, on one page
//! of every page kind in every language:
//!
//! - runs axe-core at WCAG 2.1 A and AA (tags wcag2a, wcag2aa, wcag21a, wcag21aa) at 1280 px and
//!   375 px wide and in the high-contrast, large-text mode: zero violations allowed;
//! - saves full-page screenshots at 375 px and 1280 px into target/screenshots/ for a person to
//!   look at, with the axe report beside them (target/screenshots/axe-report.txt).
//!
//! Needs /usr/bin/chromium (or `CHROMIUM=/path`) and axe-core from npm:
//! `npm install --prefix target/axe axe-core@4` (or `AXE_CORE=/path/to/axe.min.js`).

#[path = "browser/cdp.rs"]
mod cdp;
mod common;
#[path = "browser/serve.rs"]
mod serve;

use common::*;
use huanjie::LoadOptions;
use huanjie::output::Output;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;

/// The WCAG 2.1 AA rule sets of axe-core.
const AXE_RUN: &str = "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})\
    .then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, \
    nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200), summary: n.failureSummary}))}))))";

fn axe_source() -> String {
    let path = std::env::var_os("AXE_CORE")
        .map(PathBuf::from)
        .unwrap_or_else(|| example().join("target/axe/node_modules/axe-core/axe.min.js"));
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read axe-core at {}: {e}\ninstall it with: npm install --prefix target/axe axe-core@4", path.display()))
}

/// One page of each kind: grouped by language, the `kind-*` class of <body>, and the features a
/// page may carry (fallback note, notice, notices index, review banner, pagination).
fn page_kinds(out: &Output) -> Vec<(String, String)> {
    let mut kinds: BTreeMap<String, String> = BTreeMap::new();
    for path in out.files.keys().filter(|p| p.ends_with(".html")) {
        let doc = page(out, path);
        let lang = select(&doc, "html")
            .first()
            .and_then(|h| h.value().attr("lang"))
            .unwrap_or("")
            .to_string();
        let kind = select(&doc, "body")
            .first()
            .and_then(|b| b.value().attr("class"))
            .and_then(|c| c.split_whitespace().find_map(|k| k.strip_prefix("kind-")))
            .unwrap_or("other")
            .to_string();
        let mut key = format!("{lang}-{kind}");
        for (css, tag) in [
            (".fallback-note", "fallback"),
            (".notice", "notice"),
            (".notice-list", "notices"),
            (".review-banner", "unapproved"),
            (".pagination", "paged"),
        ] {
            if !select(&doc, css).is_empty() {
                key.push('-');
                key.push_str(tag);
            }
        }
        kinds.entry(key).or_insert_with(|| path.clone());
    }
    kinds
        .into_iter()
        .map(|(k, p)| {
            (
                k,
                if p.ends_with("/index.html") || p == "index.html" {
                    format!("/{}", p.trim_end_matches("index.html"))
                } else {
                    format!("/{p}")
                },
            )
        })
        .collect()
}

#[test]
#[ignore = "needs Chromium and axe-core: run by `cargo test -- --ignored` (see .ci/run)"]
fn every_page_kind_passes_axe_at_wcag21_aa_and_is_photographed() {
    let axe = axe_source();
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let shots = example().join("target/screenshots");
    std::fs::create_dir_all(&shots).expect("create target/screenshots");

    let example_out = build_ok(&example());
    let drafts = huanjie::build(
        &fixture("review-basic"),
        &LoadOptions {
            drafts: true,
            base_url: None,
        },
    )
    .expect("review fixture builds")
    .0;
    let sites = [("example", example_out), ("review", drafts)];

    let mut browser = cdp::Browser::launch(&chromium);
    let mut report = String::new();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (site, out) in sites {
        let kinds = page_kinds(&out);
        let base = serve::serve(out);
        for (kind, url_path) in kinds {
            let url = format!("{base}{url_path}");
            let name = format!("{site}-{kind}");
            for (mode, width) in [("1280", 1280), ("375", 375), ("high-contrast-large", 1280)] {
                browser.viewport(width, width < 600);
                let contrast = mode.starts_with("high");
                browser.goto(&url);
                if contrast {
                    browser.eval("localStorage.setItem('huanjie.contrast', 'high'); localStorage.setItem('huanjie.fontsize', 'l'); true");
                    browser.goto(&url);
                    let on = browser.eval("document.documentElement.getAttribute('data-contrast')");
                    assert_eq!(
                        on.as_str(),
                        Some("high"),
                        "the high-contrast switch did not persist on {url}"
                    );
                }
                browser.eval(&format!("{axe}\n;true"));
                let found = browser.eval(AXE_RUN);
                let violations: serde_json::Value =
                    serde_json::from_str(found.as_str().unwrap_or("[]")).expect("axe JSON");
                let n = violations.as_array().map(Vec::len).unwrap_or(0);
                let _ = writeln!(report, "{name} [{mode}] {url_path}: {n} violation(s)");
                for v in violations.as_array().into_iter().flatten() {
                    let _ = writeln!(
                        report,
                        "  {} ({}): {}",
                        v["id"].as_str().unwrap_or(""),
                        v["impact"].as_str().unwrap_or(""),
                        v["help"].as_str().unwrap_or("")
                    );
                    for node in v["nodes"].as_array().into_iter().flatten() {
                        let _ = writeln!(
                            report,
                            "    at {}\n      {}\n      {}",
                            node["target"].as_str().unwrap_or(""),
                            node["html"].as_str().unwrap_or(""),
                            node["summary"]
                                .as_str()
                                .unwrap_or("")
                                .replace('\n', "\n      ")
                        );
                    }
                }
                if n > 0 {
                    failures.push(format!("{name} [{mode}] {url_path}"));
                }
                if !contrast {
                    let png = browser.screenshot();
                    assert!(png.starts_with(b"\x89PNG"), "not a PNG");
                    std::fs::write(shots.join(format!("{name}-{width}.png")), png)
                        .expect("write screenshot");
                } else {
                    if kind.ends_with("-home") {
                        std::fs::write(
                            shots.join(format!("{name}-high-contrast-{width}.png")),
                            browser.screenshot(),
                        )
                        .expect("write screenshot");
                    }
                    browser.eval("localStorage.clear(); true");
                }
                checked += 1;
            }
        }
    }
    // Keyboard and no-JavaScript use of the home pages.
    let base = serve::serve(build_ok(&example()));
    for home in ["/", "/en/"] {
        let url = format!("{base}{home}");
        browser.viewport(1280, false);
        browser.goto(&url);
        // The first Tab reaches the skip link, which becomes visible; Enter moves focus to main.
        browser.key("Tab", 9);
        let focus = browser.eval("(() => { const a = document.activeElement, r = a.getBoundingClientRect(); return [a.className, r.top >= 0 && r.bottom <= innerHeight && r.width > 0, getComputedStyle(a).outlineStyle !== 'none' || getComputedStyle(a).boxShadow !== 'none'].join(' '); })()");
        assert_eq!(
            focus.as_str(),
            Some("skip-link true true"),
            "{url}: the first Tab must show the skip link with a visible focus indicator"
        );
        browser.key("Enter", 13);
        let landed = browser.eval("location.hash + ' ' + document.activeElement.id");
        assert_eq!(
            landed.as_str(),
            Some("#main main"),
            "{url}: the skip link must move focus to the main content"
        );
        // Without JavaScript the switches that need it stay hidden and axe still passes.
        browser.scripts(false);
        browser.goto(&url);
        let tools = browser.eval("[...document.querySelectorAll('[data-reading-tools], [data-js-only]')].every(e => e.hidden && e.offsetParent === null)");
        assert_eq!(
            tools.as_bool(),
            Some(true),
            "{url}: controls that need JavaScript are visible without it"
        );
        // axe needs timers: turn scripts back on for it; site.js does not run again.
        browser.scripts(true);
        assert_eq!(
            browser.eval("document.documentElement.className").as_str(),
            Some("no-js")
        );
        browser.eval(&format!("{axe}\n;true"));
        let found = browser.eval(AXE_RUN);
        let _ = writeln!(
            report,
            "{home} [no JavaScript]: {}",
            found.as_str().unwrap_or("")
        );
        if found.as_str() != Some("[]") {
            failures.push(format!("{home} [no JavaScript]"));
        }
    }

    // The harness itself must see a violation when there is one: an image without alt text and
    // faint text added to a page that passed.
    browser.goto(&format!("{base}/"));
    browser.eval("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/none.png\" width=\"20\" height=\"20\"><p style=\"color:#bbbbbb;background:#ffffff\">faint text</p>'); true");
    browser.eval(&format!("{axe}\n;true"));
    let control = browser.eval(AXE_RUN);
    let control = control.as_str().unwrap_or("");
    assert!(
        control.contains("\"image-alt\"") && control.contains("\"color-contrast\""),
        "axe did not catch planted violations: {control}"
    );

    std::fs::write(shots.join("axe-report.txt"), &report).expect("write the axe report");
    assert!(checked >= 20, "too few pages checked: {checked}\n{report}");
    assert!(
        failures.is_empty(),
        "axe found WCAG 2.1 AA violations on {} page(s): {:?}\n\n{report}",
        failures.len(),
        failures
    );
    eprintln!(
        "axe: {checked} page views, no violations; screenshots in {}",
        shots.display()
    );
}
