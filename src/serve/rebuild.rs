//! Rebuilding the in-memory site after a batch of changed files.
//!
//! The result of every rebuild is the output a fresh `huanjie build` would give for the files as
//! they are now, byte for byte (tests/serve.rs checks it after edits, additions, deletions and
//! renames). A failed rebuild changes nothing: the last good output stays.

use super::live::Change;
use super::watch::Batch;
use crate::error::{Diagnostic, Errors};
use crate::output::{File, Output};
use crate::site::{LoadOptions, Site};
use crate::theme::Source;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// Above this many changed files pages are told to reload whatever they show.
const MAX_LISTED: usize = 500;

/// What a successful rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// What open pages should do.
    pub change: Change,
    /// Output files added, removed or changed.
    pub changed: usize,
    /// Pages rendered (all of them for a full rebuild).
    pub rendered: usize,
    /// `full` or `incremental`.
    pub mode: &'static str,
    /// Wall time in milliseconds.
    pub millis: u128,
    /// Warnings of the new site.
    pub warnings: Vec<Diagnostic>,
}

/// The site being served and how to rebuild it.
pub struct Builder {
    root: PathBuf,
    opts: LoadOptions,
    output: Arc<Output>,
}

impl Builder {
    /// Builds the site under `root` (absolute). On failure the builder holds an empty output and
    /// the errors are returned beside it: the server still starts and shows them.
    pub fn new(
        root: &Path,
        opts: LoadOptions,
    ) -> (Builder, std::result::Result<Vec<Diagnostic>, Errors>) {
        let mut b = Builder {
            root: root.to_path_buf(),
            opts,
            output: Arc::new(Output::default()),
        };
        let r = b.full().map(|(out, site)| {
            b.output = Arc::new(out);
            site.warnings
        });
        (b, r)
    }

    /// The output being served.
    pub fn output(&self) -> Arc<Output> {
        Arc::clone(&self.output)
    }

    /// The site root.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn full(&self) -> crate::Result<(Output, Site)> {
        let site = Site::load(&self.root, &self.opts)?;
        let out = crate::render::render(&site)?;
        Ok((out, site))
    }

    /// Rebuilds after the files of `batch` changed. `Ok(None)`: nothing to do (the paths were
    /// touched but nothing in the site depends on them any more, e.g. a temporary file that came
    /// and went).
    pub fn rebuild(&mut self, batch: &Batch) -> std::result::Result<Option<Rebuilt>, Errors> {
        let start = Instant::now();
        let (out, site) = self.full()?;
        let touched: BTreeSet<PathBuf> = batch.paths.iter().map(|p| self.root.join(p)).collect();
        let changed = diff(&self.output, &out, &touched, batch.rescan);
        let rendered = out
            .files
            .values()
            .filter(|f| matches!(f, File::Bytes(_)))
            .count();
        self.output = Arc::new(out);
        Ok(Some(Rebuilt {
            change: change_for(batch, &changed),
            changed: changed.len(),
            rendered,
            mode: "full",
            millis: start.elapsed().as_millis(),
            warnings: site.warnings,
        }))
    }
}

/// Whether the file (relative to the root) is a stylesheet among the static files.
fn is_static_css(p: &Path) -> bool {
    let s = p.to_string_lossy().replace('\\', "/");
    s.ends_with(".css")
        && (s.starts_with("static/")
            || (s.starts_with("themes/") && s.split('/').nth(2) == Some("static")))
}

/// What to tell open pages about `changed` output keys.
fn change_for(batch: &Batch, changed: &[String]) -> Change {
    if !batch.rescan && !batch.paths.is_empty() && batch.paths.iter().all(|p| is_static_css(p)) {
        let css: Vec<String> = changed
            .iter()
            .filter(|k| k.ends_with(".css"))
            .cloned()
            .collect();
        if !css.is_empty() {
            return Change::Css(css);
        }
    }
    if changed.len() > MAX_LISTED {
        Change::Reload(None)
    } else {
        Change::Reload(Some(changed.to_vec()))
    }
}

/// Output keys added, removed or changed between two outputs; a copied file counts as changed
/// when its source is among `touched` (or always, after a rescan).
pub fn diff(old: &Output, new: &Output, touched: &BTreeSet<PathBuf>, rescan: bool) -> Vec<String> {
    let mut out = Vec::new();
    for (k, f) in &new.files {
        let same = match (old.files.get(k), f) {
            (None, _) => false,
            (Some(File::Bytes(a)), File::Bytes(b)) => a == b,
            (Some(File::Copy(Source::File(a))), File::Copy(Source::File(b))) => {
                a == b && !rescan && !touched.contains(b)
            }
            (Some(File::Copy(Source::Embedded(a))), File::Copy(Source::Embedded(b))) => a == b,
            _ => false,
        };
        if !same {
            out.push(k.clone());
        }
    }
    out.extend(
        old.files
            .keys()
            .filter(|k| !new.files.contains_key(*k))
            .cloned(),
    );
    out.sort();
    out
}
