//! Silencing one finding in the file it stands in.
//!
//! The comment names rule ids or families, separated by spaces or commas:
//!
//! * Markdown: `<!-- huanjie-check: allow rule-id -->` alone on the line before the finding, or at
//!   the end of the finding's own line.
//! * YAML (site.yaml, data, front matter): `# huanjie-check: allow rule-id`, the same way.
//! * Anywhere in a file: `huanjie-check: allow-file rule-id` silences the rule in the whole file
//!   (also findings about the whole file, which have no line).

use super::{Ctx, Finding};
use std::path::Path;

const MARK: &str = "huanjie-check:";

/// The rule ids a comment on `line` allows, and whether the comment is the whole line (then it
/// applies to the next line) or trails text (then it applies to its own line).
fn allows(line: &str, verb: &str) -> Option<(Vec<String>, bool)> {
    let at = line.find(MARK)?;
    let rest = line[at + MARK.len()..].trim_start();
    let rest = rest.strip_prefix(verb)?;
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.split("-->").next().unwrap_or(rest);
    let ids = rest
        .split([' ', ',', '\t'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let head = line[..at].trim();
    let alone = head.is_empty() || head == "<!--" || head == "#";
    Some((ids, alone))
}

/// True when a comment in the finding's file silences it.
pub fn is_silenced(cx: &mut Ctx, f: &Finding) -> bool {
    let Some(file) = cx.files.get(cx.root, Path::new(&f.file)) else {
        return false;
    };
    let names = |ids: &[String]| ids.iter().any(|i| *i == f.rule || *i == f.family);
    if file.text.contains(MARK) {
        for line in file.text.lines() {
            if let Some((ids, _)) = allows(line, "allow-file")
                && names(&ids)
            {
                return true;
            }
        }
    }
    if f.line == 0 {
        return false;
    }
    if let Some((ids, false)) = file.line(f.line).and_then(|l| allows(l, "allow"))
        && names(&ids)
    {
        return true;
    }
    // The comment alone on the line before (blank lines between are not allowed: a comment
    // silences the line it stands above).
    if f.line >= 2
        && let Some((ids, true)) = file.line(f.line - 1).and_then(|l| allows(l, "allow"))
        && names(&ids)
    {
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_forms() {
        assert_eq!(
            allows("<!-- huanjie-check: allow id-number -->", "allow"),
            Some((vec!["id-number".into()], true))
        );
        assert_eq!(
            allows("# huanjie-check: allow a, b", "allow"),
            Some((vec!["a".into(), "b".into()], true))
        );
        assert_eq!(
            allows("text <!-- huanjie-check: allow x -->", "allow"),
            Some((vec!["x".into()], false))
        );
        assert_eq!(allows("# huanjie-check: allow-file x", "allow"), None);
        assert_eq!(
            allows("# huanjie-check: allow-file x", "allow-file"),
            Some((vec!["x".into()], true))
        );
    }
}
