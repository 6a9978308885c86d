//! Errors and warnings that point at a place in a file the user wrote.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Printed, does not stop the build.
    Warning,
    /// Stops the build.
    Error,
}

/// One finding: a file, a 1-based line and column, what was wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A short stable rule id such as `front-matter` or `duplicate-url`.
    pub rule: String,
    /// The file, as given to the user (relative to the site root when possible).
    pub file: PathBuf,
    /// 1-based line; 0 when the finding is about the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
    /// What was wrong: expected and found.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A new error at `file:line:column`.
    pub fn error(
        rule: &str,
        file: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            rule: rule.to_string(),
            file: file.into(),
            line,
            column,
            message: message.into(),
            hint: None,
        }
    }

    /// A new warning at `file:line:column`.
    pub fn warning(
        rule: &str,
        file: impl Into<PathBuf>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(rule, file, line, column, message)
        }
    }

    /// The same finding with a hint on how to fix it.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// `file:line:col` as printed.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (0, _) => self.file.display().to_string(),
            (l, 0) => format!("{}:{}", self.file.display(), l),
            (l, c) => format!("{}:{}:{}", self.file.display(), l, c),
        }
    }

    /// Renders the finding with a snippet of the source line under it, reading the file from
    /// `root` (the site root) when it is there.
    pub fn report(&self, root: &Path) -> String {
        let mut out = String::new();
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!("{label}[{}]: {}\n", self.rule, self.message));
        out.push_str(&format!("  --> {}\n", self.location()));
        if self.line > 0 {
            let path = if self.file.is_absolute() {
                self.file.clone()
            } else {
                root.join(&self.file)
            };
            if let Some(text) = std::fs::read(&path)
                .ok()
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                && let Some(src) = text.lines().nth(self.line - 1)
            {
                let src = src.trim_end_matches('\r');
                let num = self.line.to_string();
                let pad = " ".repeat(num.len());
                out.push_str(&format!("{pad} |\n{num} | {src}\n"));
                if self.column > 0 {
                    // Wide (CJK) characters take two terminal columns.
                    let width: usize = src
                        .chars()
                        .take(self.column - 1)
                        .map(|c| if is_wide(c) { 2 } else { 1 })
                        .sum();
                    out.push_str(&format!("{pad} | {}^\n", " ".repeat(width)));
                }
            }
        }
        if let Some(h) = &self.hint {
            out.push_str(&format!("  = hint: {h}\n"));
        }
        out
    }
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

/// A failed load or build: one or more errors, never empty.
#[derive(Debug, Clone)]
pub struct Errors(pub Vec<Diagnostic>);

impl Errors {
    /// A failure with one error.
    pub fn one(d: Diagnostic) -> Self {
        Errors(vec![d])
    }
}

impl From<Diagnostic> for Errors {
    fn from(d: Diagnostic) -> Self {
        Errors::one(d)
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.0 {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Errors {}

/// Result of loading or building.
pub type Result<T> = std::result::Result<T, Errors>;

/// 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Levenshtein distance, for "did you mean" hints.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// The known word nearest to `word`, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (edit_distance(word, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let t = "ab\n中文x\n";
        assert_eq!(line_col(t, 0), (1, 1));
        assert_eq!(line_col(t, 3), (2, 1));
        assert_eq!(line_col(t, 9), (2, 3));
    }

    #[test]
    fn nearest_suggests_typos_only() {
        let known = ["title", "date", "tags"];
        assert_eq!(nearest("titel", &known), Some("title"));
        assert_eq!(nearest("tag", &known), Some("tags"));
        assert_eq!(nearest("colour", &known), None);
    }
}
