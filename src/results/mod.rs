//! Election results: meetings, elections, bodies, people; the rules they must satisfy.
//!
//! The data (docs/results-format.md): `content/meetings/<id>/meeting.yaml` (with optional
//! `index.md` / `index.<lang>.md`), `content/bodies.yaml`, `content/people.yaml` (or folders
//! `content/bodies/`, `content/people/` of such lists) and `content/statistics.yaml`.
//! [`load`] reads and checks it all after the pages are routed; [`render`] makes its pages.

pub mod load;
pub mod model;
pub mod names;
pub mod render;
pub mod settings;
pub mod stats;
pub mod strokes;

pub use load::load;
use model::{Body, Meeting, Membership, Person, PostOrder, RefKind};
use std::collections::{BTreeMap, HashMap, HashSet};

/// First path segments of the results pages' URLs, reserved for them.
pub const URL_ROOTS: [&str; 4] = ["meetings", "bodies", "people", "statistics"];

/// True for a Markdown file under content/ that the results loader reads, not the page walker:
/// everything under `meetings/`.
pub fn owns_markdown(rel: &str) -> bool {
    rel.starts_with("meetings/")
}

/// Everything the results data holds, checked and cross-referenced.
#[derive(Debug, Clone, Default)]
pub struct Results {
    /// People, in file order.
    pub people: Vec<Person>,
    /// Bodies, in file order.
    pub bodies: Vec<Body>,
    /// Meetings, by start date.
    pub meetings: Vec<Meeting>,
    /// Statistics, when statistics.yaml exists.
    pub statistics: Option<stats::Statistics>,
    /// Id → index.
    pub person_index: HashMap<String, usize>,
    /// Id → index.
    pub body_index: HashMap<String, usize>,
    /// Id → index.
    pub meeting_index: HashMap<String, usize>,
    /// Page key → the meetings, bodies and people its front matter names.
    pub page_refs: HashMap<String, Vec<(RefKind, usize)>>,
    /// A meeting, body or person → keys of the pages naming it.
    pub news: BTreeMap<(RefKind, usize), Vec<String>>,
    /// Meetings held back for want of sign-off (`review.results`), and people named only in
    /// them: left out of the model, by id. News naming them simply does not link them.
    pub held_back: HashSet<(RefKind, String)>,
}

/// The holders of one post as listed on a body's page.
#[derive(Debug, Clone)]
pub struct RosterGroup<'a> {
    /// Post index in the body.
    pub post: usize,
    /// Memberships in listing order.
    pub members: Vec<&'a Membership>,
}

impl Results {
    /// True when the site has no results data at all.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty() && self.bodies.is_empty() && self.meetings.is_empty()
    }

    /// A body's members in one term in the official order (DOMAIN §2): posts by rank; holders
    /// of a `rank` post as the data lists them, of a `strokes` post by stroke order with the
    /// body's collation, of a `votes` post by votes (ties by strokes). With `list_once`, a person
    /// appears only under their highest post.
    pub fn roster(&self, body: usize, term: u32) -> Vec<RosterGroup<'_>> {
        let b = &self.bodies[body];
        let Some(list) = b.terms.get(&term) else {
            return Vec::new();
        };
        let mut shown = std::collections::HashSet::new();
        let mut out = Vec::new();
        for (pi, post) in b.posts.iter().enumerate() {
            let mut members: Vec<&Membership> = list
                .iter()
                .filter(|m| m.post == pi)
                .filter(|m| !b.list_once || !shown.contains(&m.person))
                .collect();
            let key =
                |m: &&Membership| strokes::name_key(self.people[m.person].sort_name(), b.collation);
            match post.order {
                PostOrder::Rank => {}
                PostOrder::Strokes => members.sort_by_cached_key(key),
                PostOrder::Votes => {
                    members.sort_by_cached_key(|m| (std::cmp::Reverse(m.votes), key(m)))
                }
            }
            if members.is_empty() {
                continue;
            }
            if b.list_once {
                shown.extend(members.iter().map(|m| m.person));
            }
            out.push(RosterGroup { post: pi, members });
        }
        out
    }

    /// Every seat a person holds or held: (body, term, membership), newest term first.
    pub fn posts_of(&self, person: usize) -> Vec<(usize, u32, &Membership)> {
        let mut out = Vec::new();
        for (bi, b) in self.bodies.iter().enumerate() {
            for (&term, list) in &b.terms {
                out.extend(
                    list.iter()
                        .filter(|m| m.person == person)
                        .map(|m| (bi, term, m)),
                );
            }
        }
        out.sort_by(|a, b| {
            b.2.date
                .cmp(&a.2.date)
                .then(a.0.cmp(&b.0))
                .then(a.2.post.cmp(&b.2.post))
        });
        out
    }

    /// Every candidacy of a person: (meeting, election, candidate index).
    pub fn candidacies_of(&self, person: usize) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for (mi, m) in self.meetings.iter().enumerate() {
            for (ei, e) in m.elections.iter().enumerate() {
                for (ci, c) in e.candidates.iter().enumerate() {
                    if c.person == person {
                        out.push((mi, ei, ci));
                    }
                }
            }
        }
        out
    }
}
