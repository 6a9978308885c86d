//! The filters and functions themes use, and UI strings with fallback.

mod common;
use common::*;

#[test]
fn date_number_and_url_helpers_follow_the_page_language() {
    let out = build_ok(&fixture("template-functions"));
    let zh = page(&out, "index.html");
    assert_eq!(text(&zh, "#date"), "2021年11月23日");
    assert_eq!(text(&zh, "#range-month"), "2021年11月23日至29日");
    assert_eq!(text(&zh, "#range-year"), "2021年8月29日至9月2日");
    assert_eq!(text(&zh, "#zh-num"), "十七");
    assert_eq!(text(&zh, "#ordinal"), "17th");
    assert_eq!(text(&zh, "#url-here"), "/news/jia/");
    let en = page(&out, "en/index.html");
    assert_eq!(text(&en, "#date"), "23 November 2021");
    assert_eq!(text(&en, "#range-month"), "23–29 November 2021");
    assert_eq!(text(&en, "#range-year"), "29 August – 2 September 2021");
    assert_eq!(text(&en, "#url-here"), "/en/news/jia/");
    assert_eq!(text(&en, "#url-zh"), "/news/jia/");
    // The built-in theme's UI string for "home" in each language.
    assert_eq!(text(&zh, "#trans"), "首页");
    assert_eq!(text(&en, "#trans"), "Home");
}

#[test]
fn missing_ui_strings_fall_back_with_one_warning_listing_them() {
    let (out, warnings) =
        huanjie::build(&fixture("i18n-missing"), &Default::default()).expect("builds");
    let en = page(&out, "en/index.html");
    assert_eq!(text(&en, "#g"), "Hello");
    assert_eq!(
        text(&en, "#f"),
        "再见",
        "a missing English string falls back to the default language"
    );
    let i18n: Vec<_> = warnings
        .iter()
        .filter(|w| w.rule == "i18n-missing")
        .collect();
    assert_eq!(i18n.len(), 1, "one warning for the language: {warnings:?}");
    assert!(
        i18n[0].message.contains("farewell") && i18n[0].message.contains("thanks"),
        "{}",
        i18n[0].message
    );
    assert!(i18n[0].file.to_string_lossy().contains("en.yaml"));
}
