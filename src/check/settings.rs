//! The `check:` section of site.yaml: rule levels and the settings of single rules.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How much a finding of a rule counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Not checked.
    Off,
    /// Listed for information; never fails a check.
    Note,
    /// Fails a check only under `--deny warnings`.
    Warning,
    /// Fails the check.
    Error,
}

impl Level {
    /// The word printed before a finding.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Note => "note",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// Which spacing between Chinese and Latin letters or digits is right.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Spacing {
    /// Within a file, the form used more often wins (digits and letters counted apart);
    /// the other form is reported.
    #[default]
    Consistent,
    /// No space: 2021年, GDP增长 (the usual style of official documents).
    None,
    /// One space: 2021 年, GDP 增长.
    Space,
}

/// `check:` in site.yaml. Every field has a default, so sites without the section keep working.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CheckConfig {
    /// The newest article may be this many days old before `stale-site` reports it.
    pub stale_after_days: u32,
    /// Spacing between Chinese and Latin letters or digits (rule `cjk-spacing`).
    pub spacing: Spacing,
    /// Telephone numbers that are published on purpose (an official hotline on a mobile
    /// number): `mobile-number` does not report them. Digits only are compared.
    pub allow_numbers: Vec<String>,
    /// Rule id or family name → level (`off`, `note`, `warning`, `error`). An id wins over
    /// its family.
    pub rules: BTreeMap<String, Level>,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            stale_after_days: 14,
            spacing: Spacing::default(),
            allow_numbers: Vec::new(),
            rules: BTreeMap::new(),
        }
    }
}
