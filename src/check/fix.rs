//! `huanjie check --fix`: applies the edits of safe, mechanical findings — punctuation width
//! (`halfwidth-punctuation`), spacing (`cjk-spacing`) and invisible characters (`invisible-char`)
//! — and only in the prose of Markdown bodies: never in front matter, code, link destinations or
//! results data (the rules attach no edit there).

use super::{Finding, Report, text};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

/// One change made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Applied {
    /// File, relative to the site root.
    pub file: String,
    /// 1-based line before the change.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The rule whose finding it fixes.
    pub rule: String,
    /// Text replaced.
    pub before: String,
    /// Text written.
    pub after: String,
}

/// Applies the edits of `report`'s findings under `root`. Each file is rewritten once
/// (atomically: a temporary file renamed over it); a BOM and every byte outside the edits,
/// line ends included, are kept.
pub fn apply(root: &Path, report: &Report) -> Result<Vec<Applied>, String> {
    let mut by_file: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &report.findings {
        if f.edit.is_some() {
            by_file.entry(f.file.as_str()).or_default().push(f);
        }
    }
    let mut applied = Vec::new();
    let mut files = text::Files::default();
    for (file, mut list) in by_file {
        let Some(src) = files.get(root, Path::new(file)) else {
            return Err(format!("{file}: cannot read the file to fix it"));
        };
        list.sort_by_key(|f| f.edit.as_ref().map(|e| e.start));
        // Overlapping edits: the first wins; the next check reports what is left.
        let mut edits = Vec::new();
        let mut last_end = 0;
        for f in list {
            let Some(e) = &f.edit else { continue };
            if e.start < last_end
                || e.end > src.text.len()
                || !src.text.is_char_boundary(e.start)
                || !src.text.is_char_boundary(e.end)
            {
                continue;
            }
            last_end = e.end.max(e.start + 1);
            edits.push((f, e));
        }
        // Edits go into the text as on disk, so every byte outside them (each line's own
        // ending included) stays as it was.
        let mut out = src.raw().to_string();
        for (f, e) in edits.iter().rev() {
            applied.push(Applied {
                file: file.to_string(),
                line: f.line,
                column: f.column,
                rule: f.rule.clone(),
                before: src.text[e.start..e.end].to_string(),
                after: e.with.clone(),
            });
            // Line ends are ASCII, so character boundaries of `text` map to ones of `raw`.
            out.replace_range(src.raw_offset(e.start)..src.raw_offset(e.end), &e.with);
        }
        let mut bytes = Vec::with_capacity(out.len() + 3);
        if src.bom {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        bytes.extend_from_slice(out.as_bytes());
        let path = root.join(file);
        let tmp = path.with_file_name(format!(
            ".{}.huanjie-fix",
            path.file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default()
        ));
        std::fs::write(&tmp, &bytes)
            .and_then(|_| std::fs::rename(&tmp, &path))
            .map_err(|e| {
                let _ = std::fs::remove_file(&tmp);
                format!("{file}: cannot write the fixed file: {e}")
            })?;
    }
    applied.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
    Ok(applied)
}
