//! Printing a report: text for people, JSON for tools (format documented in docs/check.md).

use super::fix::Applied;
use super::{Level, Report};
use serde_json::{Value, json};
use std::fmt::Write;

/// Version of the JSON format; raised when a field changes meaning or disappears.
pub const JSON_VERSION: u32 = 1;

fn pct(a: usize, b: usize) -> String {
    match (a * 100).checked_div(b) {
        Some(p) => format!("{p}%"),
        None => "–".into(),
    }
}

/// The report as text: one finding per line (`file:line:col: severity[rule]: message`) with its
/// fix indented below, then the summary.
pub fn text(r: &Report, fixes: &[Applied], deny_warnings: bool) -> String {
    let mut s = String::new();
    for f in fixes {
        let _ = writeln!(
            s,
            "{}:{}:{}: fixed[{}]: `{}` → `{}`",
            f.file, f.line, f.column, f.rule, f.before, f.after
        );
    }
    if !fixes.is_empty() {
        s.push('\n');
    }
    for f in &r.findings {
        let _ = writeln!(
            s,
            "{}: {}[{}]: {}",
            f.location(),
            f.severity.as_str(),
            f.rule,
            f.message
        );
        if let Some(fix) = &f.fix {
            let _ = writeln!(s, "    fix: {fix}");
        }
    }
    if !r.findings.is_empty() {
        s.push('\n');
    }
    if !r.coverage.is_empty() {
        s.push_str("translations (own text / total):\n");
        for c in &r.coverage {
            let _ = writeln!(
                s,
                "  {}: pages {}/{} ({}), UI strings {}/{} ({}), data fields {}/{} ({})",
                c.lang,
                c.pages.0,
                c.pages.1,
                pct(c.pages.0, c.pages.1),
                c.strings.0,
                c.strings.1,
                pct(c.strings.0, c.strings.1),
                c.fields.0,
                c.fields.1,
                pct(c.fields.0, c.fields.1)
            );
        }
    }
    if !r.meetings.is_empty() {
        s.push_str("results:\n");
        for m in &r.meetings {
            let _ = writeln!(
                s,
                "  {} ({}): {} election(s) checked, {} candidate(s), {} elected; ballots {}",
                m.name,
                m.id,
                m.elections,
                m.candidates,
                m.elected,
                if m.ballots_consistent {
                    "consistent"
                } else {
                    "INCONSISTENT"
                }
            );
        }
    }
    if !r.loaded {
        s.push_str("the site did not load or render: the rules that need the loaded site (links; and unless it loaded, translations, results, names, freshness) did not run\n");
    }
    let (e, w, n) = (
        r.count(Level::Error),
        r.count(Level::Warning),
        r.count(Level::Note),
    );
    let verdict = if r.failed(deny_warnings) {
        "failed"
    } else {
        "passed"
    };
    let _ = write!(
        s,
        "check {verdict}: {e} error(s), {w} warning(s), {n} note(s)"
    );
    if r.silenced > 0 {
        let _ = write!(s, ", {} silenced", r.silenced);
    }
    if !fixes.is_empty() {
        let _ = write!(s, ", {} fix(es) applied", fixes.len());
    }
    let _ = writeln!(
        s,
        " in {} file(s){}",
        r.files,
        r.today.map(|d| format!(" on {d}")).unwrap_or_default()
    );
    s
}

/// The report as JSON (stable: see docs/check.md).
pub fn json(r: &Report, fixes: &[Applied], deny_warnings: bool) -> Value {
    let pair = |(a, b): (usize, usize)| json!({"translated": a, "total": b});
    json!({
        "version": JSON_VERSION,
        "today": r.today.map(|d| d.to_string()),
        "loaded": r.loaded,
        "findings": r.findings,
        "fixes": fixes,
        "coverage": r.coverage.iter().map(|c| json!({
            "lang": c.lang,
            "pages": pair(c.pages),
            "strings": pair(c.strings),
            "fields": pair(c.fields),
        })).collect::<Vec<_>>(),
        "meetings": r.meetings,
        "summary": {
            "errors": r.count(Level::Error),
            "warnings": r.count(Level::Warning),
            "notes": r.count(Level::Note),
            "silenced": r.silenced,
            "fixed": fixes.len(),
            "files": r.files,
            "failed": r.failed(deny_warnings),
        },
    })
}
