//! Languages: text given per language, UI strings, names, numbers and dates.

pub mod dates;
pub mod numbers;
pub mod romanize;

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Text a reader sees: a plain string (in the default language) or a map keyed by language code.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum Localized {
    /// One text, in the site's default language.
    Plain(String),
    /// Text per language code.
    Map(BTreeMap<String, String>),
}

impl Default for Localized {
    fn default() -> Self {
        Localized::Plain(String::new())
    }
}

impl Localized {
    /// The text in `lang` and the language it is really in: falls back to the default language,
    /// then to any language present. This is the one place a language fallback is decided.
    pub fn get<'a>(&'a self, lang: &'a str, default_lang: &'a str) -> (&'a str, &'a str) {
        match self {
            Localized::Plain(s) => (s.as_str(), default_lang),
            Localized::Map(m) => {
                if let Some(s) = m.get(lang) {
                    (s.as_str(), lang)
                } else if let Some(s) = m.get(default_lang) {
                    (s.as_str(), default_lang)
                } else if let Some((l, s)) = m.iter().next() {
                    (s.as_str(), l.as_str())
                } else {
                    ("", default_lang)
                }
            }
        }
    }

    /// The text in `lang`, with fallback.
    pub fn text<'a>(&'a self, lang: &'a str, default_lang: &'a str) -> &'a str {
        self.get(lang, default_lang).0
    }

    /// True when no language has any text.
    pub fn is_empty(&self) -> bool {
        match self {
            Localized::Plain(s) => s.is_empty(),
            Localized::Map(m) => m.values().all(|s| s.is_empty()),
        }
    }

    /// True when `lang` has its own text (not a fallback).
    pub fn has(&self, lang: &str, default_lang: &str) -> bool {
        match self {
            Localized::Plain(_) => lang == default_lang,
            Localized::Map(m) => m.contains_key(lang),
        }
    }
}

/// Whether a language code is a Chinese one (zh, zh-Hans, zh-Hant …).
pub fn is_chinese(lang: &str) -> bool {
    lang == "zh" || lang.starts_with("zh-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localized_falls_back_to_default_language() {
        let l: Localized = serde_yaml::from_str("zh-Hans: 秦安\nen: Qin'an\n").unwrap();
        assert_eq!(l.get("en", "zh-Hans"), ("Qin'an", "en"));
        let l: Localized = serde_yaml::from_str("zh-Hans: 秦安\n").unwrap();
        assert_eq!(l.get("en", "zh-Hans"), ("秦安", "zh-Hans"));
        let l: Localized = serde_yaml::from_str("秦安").unwrap();
        assert_eq!(l.get("en", "zh-Hans"), ("秦安", "zh-Hans"));
        assert!(!l.has("en", "zh-Hans"));
    }
}
