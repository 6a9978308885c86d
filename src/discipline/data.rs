//! The data a theme (or a site) ships for notices: rule lists by version and the kinds of
//! campaign figures, read from `data/discipline/` of the theme and of the site.
//!
//! ```text
//! data/discipline/rules/2021.yaml    the 2021 「十严禁」
//! data/discipline/rules/2026.yaml    the 2026 list
//! data/discipline/figures.yaml       commitment_letters, reminder_cards, …: label and unit
//! ```
//!
//! A site adds its own version by putting `data/discipline/rules/<version>.yaml` beside
//! site.yaml; a file of the same name replaces the theme's.

use crate::error::{Diagnostic, Errors, Result};
use crate::i18n::Localized;
use crate::theme::Theme;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// A version of the discipline rules (换届纪律), e.g. the 2021 「十严禁」.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleList {
    /// Name of the list: 「十严禁」换届纪律要求.
    pub name: Localized,
    /// Who issued it: 中央纪委国家监委、中央组织部.
    #[serde(default)]
    pub issued_by: Localized,
    /// Year of issue.
    #[serde(default)]
    pub year: Option<i32>,
    /// A note shown under the list, e.g. that the official text prevails.
    #[serde(default)]
    pub note: Localized,
    /// The whole list is a placeholder still to be filled from the official text.
    #[serde(default)]
    pub placeholder: bool,
    /// The items, in official order.
    pub items: Vec<RuleItem>,
}

/// One rule of a list.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleItem {
    /// The short name: 严禁拉票贿选.
    pub title: Localized,
    /// The whole rule, in the form 「严禁…，对…的，一律…」 where the official text has it.
    pub text: Localized,
    /// This item is a placeholder still to be filled from the official text.
    #[serde(default)]
    pub placeholder: bool,
}

impl RuleList {
    /// True when the list or any of its items is a placeholder.
    pub fn has_placeholders(&self) -> bool {
        self.placeholder || self.items.iter().any(|i| i.placeholder)
    }
}

/// A kind of campaign figure (承诺书, 提醒卡 …): its label and the unit counted.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FigureKind {
    /// What was counted: 签订换届纪律承诺书 / Commitment letters signed.
    pub label: Localized,
    /// The unit after the number in Chinese (份, 张); usually empty in English.
    #[serde(default)]
    pub unit: Localized,
}

/// Every rule list and figure kind available to the site.
#[derive(Debug, Clone, Default)]
pub struct Library {
    /// Rule lists by version (the file stem: `2021`).
    pub rules: BTreeMap<String, RuleList>,
    /// Where each list came from, for messages.
    pub rule_files: BTreeMap<String, PathBuf>,
    /// Figure kinds by key.
    pub figures: BTreeMap<String, FigureKind>,
}

const RULES_DIR: &str = "discipline/rules/";
const FIGURES_FILE: &str = "discipline/figures.yaml";

/// Reads the rule lists and figure kinds from the theme's (and site's) `data/` files.
pub fn load(theme: &Theme) -> Result<Library> {
    let mut lib = Library::default();
    let mut errors = Vec::new();
    for (name, (src, shown)) in &theme.data {
        let text = || -> Result<String> {
            let bytes = src
                .read()
                .map_err(|e| Diagnostic::error("io", shown, 0, 0, format!("cannot read: {e}")))?;
            let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
            String::from_utf8(bytes.to_vec())
                .map(|t| t.replace("\r\n", "\n"))
                .map_err(|_| {
                    Diagnostic::error("encoding", shown, 0, 0, "the file is not valid UTF-8")
                        .with_hint("save it as UTF-8")
                        .into()
                })
        };
        if let Some(version) = name
            .strip_prefix(RULES_DIR)
            .and_then(|n| n.strip_suffix(".yaml"))
        {
            if version.contains('/') {
                continue;
            }
            match text()
                .and_then(|t| crate::yaml::parse::<RuleList>(&t, shown, 1).map_err(Errors::from))
            {
                Ok(list) if list.items.is_empty() => errors.push(
                    Diagnostic::error(
                        "rules",
                        shown,
                        1,
                        1,
                        format!("rule list `{version}` has no items"),
                    )
                    .with_hint("list the rules under `items:`, each with `title` and `text`"),
                ),
                Ok(list) => {
                    lib.rules.insert(version.to_string(), list);
                    lib.rule_files.insert(version.to_string(), shown.clone());
                }
                Err(e) => errors.extend(e.0),
            }
        } else if name == FIGURES_FILE {
            match text().and_then(|t| {
                crate::yaml::parse::<BTreeMap<String, FigureKind>>(&t, shown, 1)
                    .map_err(Errors::from)
            }) {
                Ok(m) => lib.figures = m,
                Err(e) => errors.extend(e.0),
            }
        }
    }
    if errors.is_empty() {
        Ok(lib)
    } else {
        Err(Errors(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin(name: &str) -> String {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/data")
            .join(name);
        std::fs::read_to_string(path).unwrap()
    }

    /// The 2021 list has ten items, each in the official form 「严禁…，对…的，一律…」 in Chinese,
    /// and each translated.
    #[test]
    fn the_2021_list_follows_the_official_form() {
        let list: RuleList = serde_yaml::from_str(&builtin("discipline/rules/2021.yaml")).unwrap();
        assert_eq!(list.items.len(), 10);
        assert!(!list.has_placeholders());
        for item in &list.items {
            let title = item.title.text("zh-Hans", "zh-Hans");
            let text = item.text.text("zh-Hans", "zh-Hans");
            assert!(title.starts_with("严禁"), "{title}");
            assert!(text.starts_with(&format!("{title}，对")), "{text}");
            let conduct_end = text
                .find("的，一律")
                .unwrap_or_else(|| panic!("no 「…的，一律…」 in {text}"));
            assert!(conduct_end > title.len(), "{text}");
            assert!(
                item.text.has("en", "zh-Hans") && item.title.has("en", "zh-Hans"),
                "no English for {title}"
            );
        }
        let titles: Vec<&str> = list
            .items
            .iter()
            .map(|i| i.title.text("zh-Hans", "zh-Hans"))
            .collect();
        assert_eq!(
            titles,
            [
                "严禁结党营私",
                "严禁拉票贿选",
                "严禁买官卖官",
                "严禁跑官要官",
                "严禁个人说了算",
                "严禁说情打招呼",
                "严禁违规用人",
                "严禁跑风漏气",
                "严禁弄虚作假",
                "严禁干扰换届"
            ]
        );
    }

    /// The 2026 list is shipped as a marked placeholder until the official text is filled in.
    #[test]
    fn the_2026_list_is_marked_as_placeholder() {
        let list: RuleList = serde_yaml::from_str(&builtin("discipline/rules/2026.yaml")).unwrap();
        assert_eq!(list.items.len(), 10);
        assert!(list.has_placeholders());
    }

    #[test]
    fn figure_kinds_have_both_languages() {
        let m: BTreeMap<String, FigureKind> =
            serde_yaml::from_str(&builtin("discipline/figures.yaml")).unwrap();
        for k in [
            "commitment_letters",
            "reminder_cards",
            "table_signs",
            "talks",
            "screenings",
        ] {
            let f = m.get(k).unwrap_or_else(|| panic!("no figure kind {k}"));
            assert!(
                f.label.has("zh-Hans", "zh-Hans") && f.label.has("en", "zh-Hans"),
                "{k}"
            );
        }
    }
}
