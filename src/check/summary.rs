//! Rule family `results`: the results loader enforces every rule of the data (its findings come
//! through as they are, with the same ids and messages); this module adds one summary line per
//! meeting for the report.

use super::MeetingSummary;
use crate::site::Site;

/// One line per meeting of a site whose results loaded (so every rule passed).
pub fn meetings(site: &Site) -> Vec<MeetingSummary> {
    let default = site.default_lang();
    site.results
        .meetings
        .iter()
        .map(|m| MeetingSummary {
            id: m.id.clone(),
            name: m.name.text(default, default).to_string(),
            elections: m.elections.len(),
            candidates: m.elections.iter().map(|e| e.candidates.len()).sum(),
            elected: m
                .elections
                .iter()
                .map(|e| e.candidates.iter().filter(|c| c.elected).count())
                .sum(),
            ballots_consistent: m.elections.iter().all(|e| {
                let b = &e.data.ballots;
                b.returned <= b.issued
                    && b.valid + b.invalid == b.returned
                    && e.candidates.iter().all(|c| c.votes <= b.valid)
            }),
        })
        .collect()
}
