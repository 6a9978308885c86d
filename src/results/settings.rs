//! The `results:` section of site.yaml: majority bases, quorums and contested margins per kind of
//! meeting. Every field has a default, so a site.yaml without the section keeps working.

use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// The kind of a meeting (会议类型); it decides the defaults of the rules below.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingKind {
    /// County party congress (县党代会).
    PartyCongress,
    /// County people's congress session (县人代会).
    PeoplesCongress,
    /// County CPPCC committee session (县政协全会).
    Cppcc,
    /// Plenary session of a committee (全体会议), e.g. 县委一届一次全会.
    Plenum,
    /// Township party congress (镇党代会).
    TownshipPartyCongress,
    /// Township people's congress session (镇人代会).
    TownshipPeoplesCongress,
}

impl MeetingKind {
    /// Every kind, in the order meetings starting on one day are listed: a congress, then the
    /// plenums after it; the CPPCC session, which opens before the people's congress.
    pub const ALL: [MeetingKind; 6] = [
        MeetingKind::PartyCongress,
        MeetingKind::TownshipPartyCongress,
        MeetingKind::Plenum,
        MeetingKind::Cppcc,
        MeetingKind::PeoplesCongress,
        MeetingKind::TownshipPeoplesCongress,
    ];

    /// The spelling used in YAML.
    pub fn as_str(self) -> &'static str {
        match self {
            MeetingKind::PartyCongress => "party-congress",
            MeetingKind::PeoplesCongress => "peoples-congress",
            MeetingKind::Cppcc => "cppcc",
            MeetingKind::Plenum => "plenum",
            MeetingKind::TownshipPartyCongress => "township-party-congress",
            MeetingKind::TownshipPeoplesCongress => "township-peoples-congress",
        }
    }

    /// True for meetings of delegates (代表); false for meetings of committee members (委员).
    pub fn has_delegates(self) -> bool {
        !matches!(self, MeetingKind::Plenum | MeetingKind::Cppcc)
    }
}

/// What "more than half" is counted of (DOMAIN §3.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MajorityBase {
    /// The number entitled to vote (应到).
    Entitled,
    /// The number present (实到).
    Present,
}

/// A fraction such as 2/3, written `"2/3"` or `0.5` in YAML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fraction {
    /// Numerator.
    pub num: u64,
    /// Denominator (never 0).
    pub den: u64,
}

impl Fraction {
    /// True when `part` is strictly more than this fraction of `whole`.
    pub fn exceeded_by(self, part: u64, whole: u64) -> bool {
        part * self.den > whole * self.num
    }
}

impl std::fmt::Display for Fraction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.num, self.den)
    }
}

impl<'de> Deserialize<'de> for Fraction {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let v = serde_yaml::Value::deserialize(d)?;
        let bad =
            || D::Error::custom("expected a fraction such as \"2/3\" or 0.5, between 0 and 1");
        let (num, den) = match &v {
            serde_yaml::Value::String(s) => {
                let (a, b) = s.split_once('/').ok_or_else(bad)?;
                (
                    a.trim().parse::<u64>().map_err(|_| bad())?,
                    b.trim().parse::<u64>().map_err(|_| bad())?,
                )
            }
            serde_yaml::Value::Number(n) => {
                let x = n.as_f64().ok_or_else(bad)?;
                if !(0.0..=1.0).contains(&x) {
                    return Err(bad());
                }
                // Thousandths are precise enough for any rule written as a decimal.
                ((x * 1000.0).round() as u64, 1000)
            }
            _ => return Err(bad()),
        };
        if den == 0 || num > den {
            return Err(bad());
        }
        Ok(Fraction { num, den })
    }
}

/// The `results:` section of site.yaml.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ResultsSettings {
    /// Majority base per kind of meeting; default `entitled` for every kind.
    pub majority_base: BTreeMap<MeetingKind, MajorityBase>,
    /// Quorum per kind: attendance must be more than this fraction of those entitled;
    /// default 1/2, and 2/3 for plenums.
    pub quorum: BTreeMap<MeetingKind, Fraction>,
    /// Minimum margin of a contested (差额) election, in percent more candidates than seats
    /// (rounded up); default 10 for congresses, 0 for plenums and CPPCC sessions.
    pub contested_margin: BTreeMap<MeetingKind, u32>,
}

impl ResultsSettings {
    /// The majority base of elections at a meeting of `kind`, unless the meeting or election says.
    pub fn majority_base(&self, kind: MeetingKind) -> MajorityBase {
        self.majority_base
            .get(&kind)
            .copied()
            .unwrap_or(MajorityBase::Entitled)
    }

    /// The quorum of a meeting of `kind`.
    pub fn quorum(&self, kind: MeetingKind) -> Fraction {
        self.quorum.get(&kind).copied().unwrap_or(match kind {
            MeetingKind::Plenum => Fraction { num: 2, den: 3 },
            _ => Fraction { num: 1, den: 2 },
        })
    }

    /// The minimum contested margin, in percent, of elections at a meeting of `kind`.
    pub fn contested_margin(&self, kind: MeetingKind) -> u32 {
        self.contested_margin
            .get(&kind)
            .copied()
            .unwrap_or(match kind {
                MeetingKind::Plenum | MeetingKind::Cppcc => 0,
                _ => 10,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_regulations() {
        let s = ResultsSettings::default();
        assert_eq!(s.quorum(MeetingKind::Plenum), Fraction { num: 2, den: 3 });
        assert!(s.quorum(MeetingKind::PartyCongress).exceeded_by(96, 191));
        assert!(!s.quorum(MeetingKind::PartyCongress).exceeded_by(95, 190));
        assert_eq!(s.contested_margin(MeetingKind::TownshipPartyCongress), 10);
    }

    #[test]
    fn settings_parse_partially() {
        let s: ResultsSettings = serde_yaml::from_str(
            "quorum: {plenum: 0.5}\nmajority_base: {township-peoples-congress: present}\n",
        )
        .unwrap();
        assert_eq!(
            s.quorum(MeetingKind::Plenum),
            Fraction {
                num: 500,
                den: 1000
            }
        );
        assert_eq!(
            s.majority_base(MeetingKind::TownshipPeoplesCongress),
            MajorityBase::Present
        );
        assert_eq!(
            s.majority_base(MeetingKind::PartyCongress),
            MajorityBase::Entitled
        );
        assert!(serde_yaml::from_str::<ResultsSettings>("quorum: {plenum: \"3/2\"}\n").is_err());
    }
}
