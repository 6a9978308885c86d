//! The results data: the YAML schema as written (`*Data`) and the checked, cross-referenced model
//! built from it.

use super::names::Education;
use super::settings::{MajorityBase, MeetingKind};
use super::strokes::Collation;
use crate::i18n::Localized;
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::BTreeMap;

/// Administrative level of a meeting or body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// 县级.
    County,
    /// 乡镇.
    Township,
}

/// What kind of body (班子) it is; decides its default collation and generated names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BodyKind {
    /// 党委 (县委, 镇党委).
    PartyCommittee,
    /// 党委常委会.
    PartyStandingCommittee,
    /// 纪委.
    DisciplineCommission,
    /// 人大常委会.
    CongressStandingCommittee,
    /// 乡镇人大 (主席, 副主席).
    CongressPresidium,
    /// 人民政府.
    Government,
    /// 政协.
    Cppcc,
    /// 监察委员会.
    SupervisoryCommission,
    /// 人民法院.
    Court,
    /// 人民检察院.
    Procuratorate,
    /// Anything else.
    Other,
}

impl BodyKind {
    /// Bodies elected by a people's congress compare full names; party and CPPCC bodies surnames
    /// (DOMAIN §2).
    pub fn default_collation(self) -> Collation {
        match self {
            BodyKind::CongressStandingCommittee
            | BodyKind::CongressPresidium
            | BodyKind::Government
            | BodyKind::SupervisoryCommission
            | BodyKind::Court
            | BodyKind::Procuratorate => Collation::FullName,
            _ => Collation::Surname,
        }
    }
}

/// How the holders of one post are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PostOrder {
    /// In the order approved: as the data lists them (书记, 副书记, 县长 …).
    Rank,
    /// By stroke order of the name, with the body's collation (委员, 常委).
    Strokes,
    /// By votes received, most first; ties by stroke order (候补委员).
    Votes,
}

/// A post of a body as written in bodies.yaml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostData {
    /// Id, unique within the body: `secretary`, `member` ….
    pub id: String,
    /// Name; optional for the usual posts (secretary, deputy-secretary, standing-member, member,
    /// alternate).
    #[serde(default)]
    pub name: Option<Localized>,
    /// Listing order; default `strokes` for member and standing-member, `votes` for alternate,
    /// `rank` otherwise.
    #[serde(default)]
    pub order: Option<PostOrder>,
}

/// An elected body (班子) as written in bodies.yaml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodyData {
    /// Id, used in URLs: `county-committee`.
    pub id: String,
    /// Full name per language.
    pub name: Localized,
    /// Short name for lists (县委).
    #[serde(default)]
    pub short_name: Option<Localized>,
    /// Kind.
    pub kind: BodyKind,
    /// County or township.
    pub level: Level,
    /// The county or township.
    pub place: Localized,
    /// Id of the body it belongs to (县委常委会 → 县委).
    #[serde(default)]
    pub parent: Option<String>,
    /// Stroke-order convention for ordinary members; default from the kind.
    #[serde(default)]
    pub collation: Option<Collation>,
    /// List each person once, under their highest post (default true).
    #[serde(default)]
    pub list_once: Option<bool>,
    /// Posts, highest rank first.
    pub posts: Vec<PostData>,
    /// Position among bodies of the same place (lower first).
    #[serde(default)]
    pub weight: Option<i64>,
}

/// Sex (性别).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    /// 男.
    #[serde(alias = "男")]
    Male,
    /// 女.
    #[serde(alias = "女")]
    Female,
}

/// A person as written in people.yaml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonData {
    /// Id, used in URLs.
    pub id: String,
    /// Name in Chinese characters, unpadded.
    pub name: String,
    /// English name; default: pinyin, surname first.
    #[serde(default)]
    pub name_en: Option<String>,
    /// Text to sort the name by, for characters the stroke tables lack or a preferred reading.
    #[serde(default)]
    pub sort_as: Option<String>,
    /// Sex.
    pub sex: Sex,
    /// Ethnic group; default 汉族.
    #[serde(default)]
    pub ethnicity: Option<String>,
    /// Year and month of birth, `YYYY-MM` (never the day).
    #[serde(default)]
    pub born: Option<String>,
    /// Native place (籍贯).
    #[serde(default)]
    pub native_place: Option<Localized>,
    /// Education (学历).
    #[serde(default)]
    pub education: Option<Education>,
    /// Party other than the CPC, or 无党派.
    #[serde(default)]
    pub party: Option<Localized>,
    /// Joined the CPC, `YYYY-MM`.
    #[serde(default)]
    pub party_joined: Option<String>,
    /// Started work, `YYYY-MM`.
    #[serde(default)]
    pub work_started: Option<String>,
    /// Current post (现任职务).
    #[serde(default)]
    pub post: Option<Localized>,
    /// Loaded for checks, never published (ID number, telephone, full date of birth …).
    #[serde(default)]
    pub private: BTreeMap<String, serde_yaml::Value>,
}

/// Ballot figures of one election.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ballots {
    /// 发出.
    pub issued: u32,
    /// 收回.
    pub returned: u32,
    /// 有效.
    pub valid: u32,
    /// 无效.
    pub invalid: u32,
}

/// A candidate as written in meeting.yaml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CandidateData {
    /// Person id.
    pub person: String,
    /// Votes for (赞成).
    pub votes: u32,
    /// Votes against (反对).
    #[serde(default)]
    pub against: Option<u32>,
    /// Abstentions (弃权).
    #[serde(default)]
    pub abstain: Option<u32>,
    /// Elected.
    #[serde(default)]
    pub elected: bool,
    /// Post, when it differs from the election's.
    #[serde(default)]
    pub post: Option<String>,
}

/// An election (or a vote approving an appointment) as written in meeting.yaml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ElectionData {
    /// Heading; default: body and post.
    #[serde(default)]
    pub title: Option<Localized>,
    /// Id of the body elected.
    pub body: String,
    /// Id of the post filled.
    pub post: String,
    /// Term of the body; default the meeting's term.
    #[serde(default)]
    pub term: Option<u32>,
    /// Day of the vote; default the meeting's last day.
    #[serde(default)]
    pub date: Option<String>,
    /// Seats (应选).
    pub seats: u32,
    /// Round: 1, then 2 for a further round (另行选举).
    #[serde(default)]
    pub round: Option<u32>,
    /// Contested (差额); default: more candidates than seats.
    #[serde(default)]
    pub contested: Option<bool>,
    /// The election was declared void (and re-run in a later round).
    #[serde(default)]
    pub void: bool,
    /// What a majority is counted of; default from the meeting or site.yaml.
    #[serde(default)]
    pub majority_base: Option<MajorityBase>,
    /// Ballot figures.
    pub ballots: Ballots,
    /// Candidates in the order of the ballot.
    pub candidates: Vec<CandidateData>,
}

/// A meeting as written in meeting.yaml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingData {
    /// Name; default made from kind, place, term and session.
    #[serde(default)]
    pub name: Option<Localized>,
    /// Kind.
    pub kind: MeetingKind,
    /// County or township.
    pub level: Level,
    /// The county or township.
    pub place: Localized,
    /// Term: 第N次 (party congress) or 第N届.
    pub term: u32,
    /// Session: 第M次会议 / 第M次全体会议; default 1.
    #[serde(default)]
    pub session: Option<u32>,
    /// For a plenum: id of the committee meeting.
    #[serde(default)]
    pub body: Option<String>,
    /// Id of the meeting this one follows (a plenum after its congress).
    #[serde(default)]
    pub follows: Option<String>,
    /// First day.
    pub start: String,
    /// Last day.
    pub end: String,
    /// Venue.
    #[serde(default)]
    pub venue: Option<Localized>,
    /// Entitled to attend (应到).
    pub entitled: u32,
    /// Present (实到).
    pub present: u32,
    /// Majority base of its elections; default from site.yaml.
    #[serde(default)]
    pub majority_base: Option<MajorityBase>,
    /// Agenda items.
    #[serde(default)]
    pub agenda: Vec<Localized>,
    /// Elections.
    #[serde(default)]
    pub elections: Vec<ElectionData>,
    /// Sign-offs (审核签发) of these results, as on a page: `[{level, reviewer, date}]`. Needed
    /// at every level of site.yaml `review.levels` when `review.results` is on.
    #[serde(default)]
    pub review: Vec<crate::review::SignOff>,
}

/// A year and month, the precision personal dates are published with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearMonth {
    /// Year.
    pub year: i16,
    /// Month 1–12.
    pub month: i8,
}

impl YearMonth {
    /// Age in completed years on `d`, taking the birthday as the first of the month.
    pub fn age_on(self, d: Date) -> i32 {
        let mut age = i32::from(d.year()) - i32::from(self.year);
        if d.month() < self.month {
            age -= 1;
        }
        age
    }

    /// `YYYY-MM`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// A post of a body.
#[derive(Debug, Clone)]
pub struct Post {
    /// Id.
    pub id: String,
    /// Name.
    pub name: Localized,
    /// Listing order.
    pub order: PostOrder,
}

/// An elected body (班子).
#[derive(Debug, Clone)]
pub struct Body {
    /// Id.
    pub id: String,
    /// As written.
    pub data: BodyData,
    /// Place in English (given or romanised).
    pub place: Localized,
    /// Posts, highest first.
    pub posts: Vec<Post>,
    /// Collation of its ordinary members.
    pub collation: Collation,
    /// Each person listed once.
    pub list_once: bool,
    /// Index of the parent body.
    pub parent: Option<usize>,
    /// Indexes of the bodies whose parent it is.
    pub children: Vec<usize>,
    /// Memberships per term.
    pub terms: BTreeMap<u32, Vec<Membership>>,
}

impl Body {
    /// The latest term with data.
    pub fn current_term(&self) -> Option<u32> {
        self.terms.keys().next_back().copied()
    }

    /// Short name, or the full name.
    pub fn short_name(&self) -> &Localized {
        self.data.short_name.as_ref().unwrap_or(&self.data.name)
    }
}

/// A person.
#[derive(Debug, Clone)]
pub struct Person {
    /// Id.
    pub id: String,
    /// As written (including `private`, which no template ever sees).
    pub data: PersonData,
    /// Name in English.
    pub name_en: String,
    /// Index into [`super::names::ETHNIC_GROUPS`].
    pub ethnicity: usize,
    /// Year-month of birth.
    pub born: Option<YearMonth>,
    /// Year-month of joining the CPC.
    pub party_joined: Option<YearMonth>,
    /// Year-month of starting work.
    pub work_started: Option<YearMonth>,
}

impl Person {
    /// The text the name sorts by.
    pub fn sort_name(&self) -> &str {
        self.data.sort_as.as_deref().unwrap_or(&self.data.name)
    }

    /// True for a member of an ethnic minority.
    pub fn minority(&self) -> bool {
        self.ethnicity != 0
    }
}

/// One candidate of an election, resolved.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Index of the person.
    pub person: usize,
    /// Index of the post in the election's body.
    pub post: usize,
    /// Votes for.
    pub votes: u32,
    /// Against.
    pub against: Option<u32>,
    /// Abstentions.
    pub abstain: Option<u32>,
    /// Elected (never in a void election).
    pub elected: bool,
}

/// An election, resolved.
#[derive(Debug, Clone)]
pub struct Election {
    /// As written.
    pub data: ElectionData,
    /// Index of the body.
    pub body: usize,
    /// Index of the post in the body.
    pub post: usize,
    /// Term of the body.
    pub term: u32,
    /// Day of the vote.
    pub date: Date,
    /// Round (1 for the first).
    pub round: u32,
    /// Contested (差额).
    pub contested: bool,
    /// What a majority is counted of.
    pub base_kind: MajorityBase,
    /// The number counted.
    pub base: u32,
    /// Fewest votes that are a majority.
    pub needed: u32,
    /// Candidates in ballot order.
    pub candidates: Vec<Candidate>,
}

/// A narrative page (communiqué) of a meeting in one language.
#[derive(Debug, Clone)]
pub struct Narrative {
    /// Heading, if the file gives one.
    pub title: Option<String>,
    /// Rendered HTML.
    pub html: String,
}

/// A meeting, resolved.
#[derive(Debug, Clone)]
pub struct Meeting {
    /// Id: the folder name.
    pub id: String,
    /// As written.
    pub data: MeetingData,
    /// Name per language (given or generated).
    pub name: Localized,
    /// Place with its English form.
    pub place: Localized,
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
    /// For a plenum: the committee.
    pub body: Option<usize>,
    /// The meeting it follows.
    pub follows: Option<usize>,
    /// Meetings that follow it.
    pub followed_by: Vec<usize>,
    /// Elections in order.
    pub elections: Vec<Election>,
    /// Narrative per language code.
    pub narrative: BTreeMap<String, Narrative>,
    /// Review levels still missing (site.yaml order) when `review.results` is on; empty when
    /// approved. A meeting with missing levels is only in the model under `--drafts`.
    pub pending: Vec<String>,
}

/// A seat held: who, which post, elected where.
#[derive(Debug, Clone)]
pub struct Membership {
    /// Person index.
    pub person: usize,
    /// Post index in the body.
    pub post: usize,
    /// Meeting index.
    pub meeting: usize,
    /// Election index in the meeting.
    pub election: usize,
    /// Votes received.
    pub votes: u32,
    /// Day elected.
    pub date: Date,
}

/// What a news page links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RefKind {
    /// A meeting.
    Meeting,
    /// A body.
    Body,
    /// A person.
    Person,
}
