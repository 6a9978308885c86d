//! Watching the site's sources and turning a burst of file events into one batch.
//!
//! Editors save in several steps (vim renames the old file to `a.md~`, writes `a.md`, deletes the
//! backup; JetBrains writes `a.md___jb_tmp___` and renames it over `a.md`; others write a temporary
//! file and rename it), and `git checkout` writes a hundred files in a row. Each of these must cause
//! exactly one rebuild, so events are gathered until the tree has been quiet for a moment and no
//! file that was written is still open for writing, then handed over as one [`Batch`] of paths.
//!
//! The batch only says *which* paths were touched, not how: the rebuild looks at the files as they
//! are on disk, so the order of renames, a temporary file created and deleted in between, or an
//! event that notify reports twice make no difference. That is also why the raw `notify` watcher is
//! used and not a debouncer: a debouncer that tracks renames per path still emits a `git checkout`
//! as several batches (each path is released when its own timeout passes) and adds its timeout to
//! every edit; this gathering step is needed anyway, and with it the rename tracking is not.
//!
//! Only `site.yaml` and the folders in [`WATCHED`] are watched (the site root may hold `public/`
//! or, for the bundled example, `target/`); hidden files, editor swap and backup files are
//! ignored ([`crate::theme::is_ignored`]).

use notify::event::{AccessKind, AccessMode, MetadataKind, ModifyKind};
use notify::{EventKind, RecursiveMode, Watcher as _};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The folders beside site.yaml whose files go into the site.
pub const WATCHED: &[&str] = &["content", "static", "templates", "i18n", "themes", "data"];

/// The paths touched in one burst of file events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Batch {
    /// Paths relative to the site root (`content/news/a.md`, `site.yaml`), sorted.
    pub paths: BTreeSet<PathBuf>,
    /// The watcher lost events (a queue overflow): everything must be re-read.
    pub rescan: bool,
}

/// How long the tree must be quiet before a batch is handed over, and the bounds on waiting.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// Quiet time after the last event.
    pub quiet: Duration,
    /// Longest wait for a file written to be closed (a writer that keeps a file open).
    pub close_wait: Duration,
    /// Longest a batch is held while events keep coming.
    pub max_hold: Duration,
}

impl Default for Timing {
    fn default() -> Self {
        Timing {
            quiet: Duration::from_millis(10),
            close_wait: Duration::from_millis(1000),
            max_hold: Duration::from_millis(2000),
        }
    }
}

/// A running watcher; batches arrive on [`SourceWatcher::batches`]. Dropping it stops watching.
pub struct SourceWatcher {
    /// One message per burst of changes.
    pub batches: mpsc::Receiver<Batch>,
}

/// Starts watching the site under `root` (an absolute, canonical path).
pub fn watch(root: &Path, timing: Timing) -> notify::Result<SourceWatcher> {
    let (ev_tx, ev_rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(ev_tx)?;
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    let mut watching: BTreeSet<&'static str> = BTreeSet::new();
    for dir in WATCHED {
        let p = root.join(dir);
        if p.is_dir() && watcher.watch(&p, RecursiveMode::Recursive).is_ok() {
            watching.insert(dir);
        }
    }
    let (tx, rx) = mpsc::channel();
    let root = root.to_path_buf();
    std::thread::Builder::new()
        .name("huanjie-watch".into())
        .spawn(move || gather(&root, watcher, watching, ev_rx, tx, timing))
        .map_err(|e| notify::Error::generic(&format!("cannot start the watcher thread: {e}")))?;
    Ok(SourceWatcher { batches: rx })
}

/// Adds the files inside folders named in the batch: files written into a new folder before the
/// watch on it was set up send no event of their own.
fn expand_folders(root: &Path, batch: &mut Batch) {
    let folders: Vec<PathBuf> = batch
        .paths
        .iter()
        .filter(|p| root.join(p).is_dir())
        .cloned()
        .collect();
    for f in folders {
        for e in walkdir::WalkDir::new(root.join(&f))
            .into_iter()
            .filter_map(|e| e.ok())
        {
            if let Ok(rel) = e.path().strip_prefix(root)
                && e.file_type().is_file()
                && is_source(rel)
            {
                batch.paths.insert(rel.to_path_buf());
            }
        }
    }
}

/// What an event means for the batch being gathered.
#[derive(Debug, PartialEq, Eq)]
enum Effect {
    /// Not about the site's sources (a read, a file outside the watched folders, a swap file).
    None,
    /// Touched the path; it may still be open for writing.
    Writing(PathBuf),
    /// Touched the path; complete.
    Done(PathBuf),
}

/// Whether the path (relative to the root) is a source of the site.
pub fn is_source(rel: &Path) -> bool {
    let mut comps = rel.components().map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = comps.next() else {
        return false;
    };
    let rest: Vec<_> = comps.collect();
    if rest.is_empty() {
        return first == "site.yaml" || WATCHED.contains(&first.as_ref());
    }
    WATCHED.contains(&first.as_ref()) && !rest.iter().any(|c| crate::theme::is_ignored(c))
}

fn classify(root: &Path, kind: &EventKind, path: &Path) -> Effect {
    let Ok(rel) = path.strip_prefix(root) else {
        return Effect::None;
    };
    if !is_source(rel) {
        return Effect::None;
    }
    let rel = rel.to_path_buf();
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => Effect::Done(rel),
        // Opening and reading (the build itself reads every file) change nothing.
        EventKind::Access(_) => Effect::None,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => Effect::None,
        EventKind::Create(_) | EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Any) => {
            Effect::Writing(rel)
        }
        _ => Effect::Done(rel),
    }
}

fn gather(
    root: &Path,
    mut watcher: notify::RecommendedWatcher,
    mut watching: BTreeSet<&'static str>,
    events: mpsc::Receiver<notify::Result<notify::Event>>,
    out: mpsc::Sender<Batch>,
    timing: Timing,
) {
    loop {
        // Wait for the first event of a burst.
        let mut batch = Batch::default();
        let mut open: BTreeSet<PathBuf> = BTreeSet::new();
        let mut apply = |ev: notify::Result<notify::Event>,
                         batch: &mut Batch,
                         open: &mut BTreeSet<PathBuf>|
         -> bool {
            let ev = match ev {
                Ok(ev) => ev,
                Err(_) => {
                    batch.rescan = true;
                    return true;
                }
            };
            if ev.need_rescan() {
                batch.rescan = true;
                return true;
            }
            let mut any = false;
            for p in &ev.paths {
                match classify(root, &ev.kind, p) {
                    Effect::None => {}
                    Effect::Writing(rel) => {
                        any = true;
                        open.insert(rel.clone());
                        batch.paths.insert(rel);
                    }
                    Effect::Done(rel) => {
                        any = true;
                        open.remove(&rel);
                        batch.paths.insert(rel);
                    }
                }
                // A watched folder created after start: watch it from now on.
                if let Ok(rel) = p.strip_prefix(root)
                    && let Some(name) = rel.to_str()
                    && let Some(dir) = WATCHED.iter().find(|d| **d == name)
                    && !watching.contains(dir)
                    && p.is_dir()
                    && watcher.watch(p, RecursiveMode::Recursive).is_ok()
                {
                    watching.insert(dir);
                }
            }
            any
        };
        loop {
            match events.recv() {
                Ok(ev) => {
                    if apply(ev, &mut batch, &mut open) {
                        break;
                    }
                }
                Err(_) => return,
            }
        }
        let start = Instant::now();
        let mut last = Instant::now();
        loop {
            let now = Instant::now();
            let quiet_left = timing.quiet.saturating_sub(now - last);
            let held = now - start;
            if held >= timing.max_hold {
                break;
            }
            let wait = if quiet_left.is_zero() {
                // Quiet: done unless a written file is still open (vim syncs before closing).
                if open.is_empty() || now - last >= timing.close_wait {
                    break;
                }
                timing.quiet.min(timing.close_wait - (now - last))
            } else {
                quiet_left
            };
            match events.recv_timeout(wait.min(timing.max_hold - held)) {
                Ok(ev) => {
                    if apply(ev, &mut batch, &mut open) {
                        last = Instant::now();
                    }
                }
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        expand_folders(root, &mut batch);
        if out.send(batch).is_err() {
            return;
        }
    }
}
