//! The output: an in-memory map from path to bytes, written at once.

use crate::error::{Diagnostic, Result};
use crate::theme::Source;
use std::collections::BTreeMap;
use std::path::Path;

/// Checks that the output folder `dir` of the site at `root` can be replaced safely: it may not
/// be the site, a folder holding it, or one of its input folders or a folder inside them.
pub fn check_output_dir(root: &Path, dir: &Path) -> Result<()> {
    let abs = |p: &Path| -> std::path::PathBuf {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        // Resolve what exists (symlinks, `..`), keep the rest as written.
        let mut existing = p.as_path();
        let mut rest = Vec::new();
        while !existing.exists() {
            match (existing.parent(), existing.file_name()) {
                (Some(parent), Some(name)) => {
                    rest.push(name.to_os_string());
                    existing = parent;
                }
                _ => break,
            }
        }
        let mut out = std::fs::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
        for r in rest.into_iter().rev() {
            out.push(r);
        }
        out
    };
    let (root, dir) = (abs(root), abs(dir));
    let bad = |why: &str| -> Result<()> {
        Err(Diagnostic::error("output", &dir, 0, 0, format!("refusing to build into {}: {why}", dir.display()))
            .with_hint("building replaces the whole output folder; use a folder of its own such as `public` (the default)")
            .into())
    };
    if root.starts_with(&dir) {
        return bad("it is the site's folder or holds it");
    }
    for input in [
        "content",
        "static",
        "templates",
        "themes",
        "i18n",
        "data",
        ".git",
    ] {
        if dir.starts_with(root.join(input)) {
            return bad(&format!("it is inside the site's `{input}` folder"));
        }
    }
    Ok(())
}

/// The file that marks a folder as huanjie's output, so that only such a folder is replaced.
pub const STAMP: &str = ".huanjie-output";
const STAMP_TEXT: &str =
    "This folder is the output of `huanjie build`; the next build replaces all of it.\n";

/// One output file.
#[derive(Debug, Clone)]
pub enum File {
    /// Rendered bytes.
    Bytes(Vec<u8>),
    /// A file copied from a source.
    Copy(Source),
    /// Rendered bytes around a shared part: an article page around its body, which the site
    /// holds once for every language that shows it.
    Spliced(Vec<u8>, std::sync::Arc<str>, Vec<u8>),
}

fn join(head: &[u8], body: &str, tail: &[u8]) -> Vec<u8> {
    [head, body.as_bytes(), tail].concat()
}

impl File {
    /// The bytes of a rendered file, or the source of a copied one.
    pub fn into_rendered(self) -> std::result::Result<Vec<u8>, Source> {
        match self {
            File::Bytes(b) => Ok(b),
            File::Spliced(head, body, tail) => Ok(join(&head, &body, &tail)),
            File::Copy(s) => Err(s),
        }
    }
}

/// The built site: output path (relative, `/`-separated, e.g. `news/a/index.html`) → file.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// The files, sorted by path.
    pub files: BTreeMap<String, File>,
}

impl Output {
    /// The bytes of the file at `path`.
    pub fn get(&self, path: &str) -> Option<std::borrow::Cow<'_, [u8]>> {
        match self.files.get(path)? {
            File::Bytes(b) => Some(std::borrow::Cow::Borrowed(b)),
            File::Copy(s) => s.read().ok(),
            File::Spliced(head, body, tail) => {
                Some(std::borrow::Cow::Owned(join(head, body, tail)))
            }
        }
    }

    /// Writes the output to `dir` atomically: everything goes to a sibling temporary folder
    /// first, which then replaces `dir`. A failure leaves the previous `dir` untouched.
    /// Refuses a `dir` that holds a site or a repository, since replacing it would delete it.
    pub fn write(&self, dir: &Path) -> Result<()> {
        // Only a folder huanjie made (it carries the stamp) or an empty one is ever replaced.
        if dir.exists() {
            let refuse = |why: &str| -> Result<()> {
                Err(Diagnostic::error("output", dir, 0, 0, format!("refusing to replace {}: {why}", dir.display()))
                    .with_hint(format!("building replaces the whole output folder; give a new or empty folder, or delete this one yourself if it is an old output (huanjie marks its outputs with a `{STAMP}` file)"))
                    .into())
            };
            if !dir.is_dir() {
                return refuse("it is a file, not a folder");
            }
            let empty = std::fs::read_dir(dir)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
            if !empty && !dir.join(STAMP).is_file() {
                return refuse(
                    "it holds files without huanjie's output stamp (it is not a huanjie output)",
                );
            }
        }
        let io_err = |p: &Path, e: std::io::Error| {
            Diagnostic::error("io", p, 0, 0, format!("cannot write: {e}"))
                .with_hint("check the output folder's permissions and free space")
        };
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_else(|| "public".into());
        let parent = dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| io_err(parent, e))?;
        let tmp = parent.join(format!(".{name}.huanjie-new"));
        let old = parent.join(format!(".{name}.huanjie-old"));
        for p in [&tmp, &old] {
            if p.exists() {
                std::fs::remove_dir_all(p).map_err(|e| io_err(p, e))?;
            }
        }
        let result = self.write_into(&tmp).and_then(|()| {
            std::fs::write(tmp.join(STAMP), STAMP_TEXT).map_err(|e| io_err(&tmp, e).into())
        });
        if let Err(e) = result {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
        if dir.exists()
            && let Err(e) = std::fs::rename(dir, &old)
        {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(io_err(dir, e).into());
        }
        if let Err(e) = std::fs::rename(&tmp, dir) {
            let _ = std::fs::rename(&old, dir);
            return Err(io_err(dir, e).into());
        }
        let _ = std::fs::remove_dir_all(&old);
        Ok(())
    }

    fn write_into(&self, base: &Path) -> Result<()> {
        use rayon::prelude::*;
        std::fs::create_dir_all(base)
            .map_err(|e| Diagnostic::error("io", base, 0, 0, format!("cannot create: {e}")))?;
        // Folders first, each once (sorted paths put a parent before its children), then the
        // files, in parallel. (A pool larger than the cores was measured slower on this disk.)
        let mut dirs: Vec<&str> = self
            .files
            .keys()
            .filter_map(|p| p.rsplit_once('/').map(|(d, _)| d))
            .collect();
        dirs.dedup();
        let mut made = std::collections::HashSet::new();
        for d in dirs {
            let mut prefix = String::new();
            for part in d.split('/') {
                if !prefix.is_empty() {
                    prefix.push('/');
                }
                prefix.push_str(part);
                if made.insert(prefix.clone()) {
                    let p = base.join(&prefix);
                    match std::fs::create_dir(&p) {
                        Ok(()) => {}
                        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                        Err(e) => {
                            return Err(Diagnostic::error(
                                "io",
                                &p,
                                0,
                                0,
                                format!("cannot create: {e}"),
                            )
                            .into());
                        }
                    }
                }
            }
        }
        self.files.par_iter().try_for_each(|(p, f)| {
            let dest = base.join(p);
            let r = match f {
                File::Bytes(b) => std::fs::write(&dest, b),
                File::Copy(Source::File(src)) => std::fs::copy(src, &dest).map(|_| ()),
                File::Copy(Source::Embedded(b)) => std::fs::write(&dest, b),
                File::Spliced(head, body, tail) => {
                    std::fs::File::create(&dest).and_then(|mut f| {
                        use std::io::Write;
                        f.write_all(head)?;
                        f.write_all(body.as_bytes())?;
                        f.write_all(tail)
                    })
                }
            };
            r.map_err(|e| Diagnostic::error("io", &dest, 0, 0, format!("cannot write: {e}")).into())
        })
    }
}
