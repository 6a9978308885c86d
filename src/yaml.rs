//! The one place YAML is parsed: front matter, site.yaml and results data.
//!
//! serde_yaml gives positions for syntax and type errors; for errors found after parsing
//! (a date out of range, a rule of the results data) [`locate`] finds the line and column of a
//! key path in the source text, so every message can point at the place to fix.

use crate::error::{Diagnostic, nearest};
use serde::de::DeserializeOwned;
use std::path::Path;

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seg<'a> {
    /// A mapping key.
    Key(&'a str),
    /// A sequence index, 0-based.
    Index(usize),
}

/// Parses `text` (which starts at line `first_line` of `file`) into `T`, turning serde_yaml's
/// error into a diagnostic with the file's own line numbers and a "did you mean" hint for an
/// unknown key.
pub fn parse<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    first_line: usize,
) -> Result<T, Diagnostic> {
    let empty = text.trim().is_empty();
    let text_for_serde = if empty { "{}" } else { text };
    serde_yaml::from_str(text_for_serde).map_err(|e| {
        if empty {
            return Diagnostic::error("yaml", file, first_line, 1, "the file is empty").with_hint(
                "write the data this file should hold (see the docs), or delete the file",
            );
        }
        let mut d = to_diagnostic(&e, file, first_line);
        let src_line = d
            .line
            .checked_sub(first_line)
            .and_then(|i| text.lines().nth(i))
            .unwrap_or("");
        if src_line.contains('\t') {
            d.hint = Some("this line has a tab: YAML is indented with spaces only".into());
        }
        d
    })
}

/// A serde_yaml error as a diagnostic.
pub fn to_diagnostic(e: &serde_yaml::Error, file: &Path, first_line: usize) -> Diagnostic {
    let (line, col) = e
        .location()
        .map(|l| (l.line() + first_line - 1, l.column()))
        .unwrap_or((first_line, 0));
    let full = e.to_string();
    // serde_yaml appends " at line X column Y"; we print the place ourselves.
    let msg = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    if let Some(rest) = msg.split("unknown field `").nth(1) {
        let (field, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let known: Vec<&str> = tail.split('`').skip(1).step_by(2).collect();
        let prefix = msg
            .split("unknown field")
            .next()
            .unwrap_or("")
            .trim_end_matches(": ");
        let place = if prefix.is_empty() {
            String::new()
        } else {
            format!(" in `{prefix}`")
        };
        let mut d = Diagnostic::error(
            "unknown-key",
            file,
            line,
            col,
            format!("unknown key `{field}`{place}"),
        );
        d.hint = Some(match nearest(field, &known) {
            Some(k) => format!("did you mean `{k}`? Known keys: {}", known.join(", ")),
            None => format!("known keys: {}", known.join(", ")),
        });
        return d;
    }
    // serde's names for numbers mean nothing to an editor.
    let msg = [
        "u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize",
    ]
    .iter()
    .fold(msg, |m, t| {
        m.replace(&format!("expected {t}"), "expected a whole number")
    });
    let hint = if msg.contains("expected a whole number") {
        "write the number in digits without quotes, e.g. `votes: 100`"
    } else if msg.contains("invalid type") {
        "check the value's type: quote text that looks like a number or date, write numbers without quotes"
    } else if msg.contains("missing field") {
        "add the missing key"
    } else {
        "check the YAML syntax here: indentation with spaces, `key: value`, quotes around text containing `: ` or starting with `*`, `&`, `!`, `[` or `{`"
    };
    Diagnostic::error("yaml", file, line, col, msg).with_hint(hint)
}

struct Line<'a> {
    no: usize,
    indent: usize,
    text: &'a str,
}

/// Line and column (1-based) of the value at `path` in the block-style YAML `text`, or of the
/// nearest ancestor that could be found. `first_line` is the line of `text`'s first line in the
/// file.
pub fn locate(text: &str, path: &[Seg], first_line: usize) -> (usize, usize) {
    let mut cur: Vec<Line> = text
        .lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let t = l.trim_start_matches(' ');
            if t.trim().is_empty() || t.starts_with('#') || t.starts_with("---") {
                return None;
            }
            let indent = l.chars().count() - t.chars().count();
            Some(Line {
                no: i,
                indent,
                text: t.trim_end(),
            })
        })
        .collect();
    let mut pos = (first_line, 1);
    for seg in path {
        let Some(first) = cur.first() else { break };
        let ind = first.indent;
        let found = match seg {
            Seg::Key(k) => cur.iter().position(|l| {
                l.indent == ind && {
                    let t = l.text.trim_start_matches(['"', '\'']);
                    t.strip_prefix(k)
                        .map(|r| r.trim_start_matches(['"', '\'']).starts_with(':'))
                        .unwrap_or(false)
                }
            }),
            Seg::Index(n) => cur
                .iter()
                .enumerate()
                .filter(|(_, l)| l.indent == ind && (l.text == "-" || l.text.starts_with("- ")))
                .nth(*n)
                .map(|(i, _)| i),
        };
        let Some(idx) = found else { break };
        let line = &cur[idx];
        let mut child: Vec<Line> = Vec::new();
        match seg {
            Seg::Key(_) => {
                let colon = line.text.find(':').unwrap_or(0);
                let value = line.text[colon + 1..].trim_start();
                let value_col = line.indent
                    + line.text[..colon + 1].chars().count()
                    + (line.text[colon + 1..].chars().count() - value.chars().count());
                pos = if value.is_empty() || value.starts_with('#') {
                    (first_line + line.no, line.indent + 1)
                } else {
                    (first_line + line.no, value_col + 1)
                };
            }
            Seg::Index(_) => {
                pos = (first_line + line.no, line.indent + 3);
                let rest = line.text.strip_prefix('-').unwrap_or("").trim_start();
                if !rest.is_empty() {
                    child.push(Line {
                        no: line.no,
                        indent: line.indent + 2,
                        text: rest,
                    });
                }
            }
        }
        let no = line.no;
        let base = line.indent;
        child.extend(
            cur.drain(..)
                .skip(idx + 1)
                .take_while(|l| {
                    l.indent > base
                        || (l.indent == base
                            && l.text.starts_with("- ")
                            && matches!(seg, Seg::Key(_)))
                })
                .filter(|l| l.no > no),
        );
        cur = child;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "id: a\nelections:\n  - body: x\n    candidates:\n      - person: p1\n        votes: 10\n      - person: p2\n        votes: 12\n  - body: y\n";

    #[test]
    fn locate_finds_nested_values() {
        use Seg::*;
        assert_eq!(locate(DOC, &[Key("id")], 1), (1, 5));
        assert_eq!(
            locate(DOC, &[Key("elections"), Index(1), Key("body")], 1),
            (9, 11)
        );
        assert_eq!(
            locate(
                DOC,
                &[
                    Key("elections"),
                    Index(0),
                    Key("candidates"),
                    Index(1),
                    Key("votes")
                ],
                1
            ),
            (8, 16)
        );
        // Offset for front matter that starts on line 2 of a file.
        assert_eq!(locate(DOC, &[Key("id")], 2), (2, 5));
    }

    #[test]
    fn number_tab_and_empty_file_messages_speak_plainly() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct V {
            votes: u32,
        }
        let d = parse::<V>("votes: 一百\n", Path::new("m.yaml"), 1).unwrap_err();
        assert!(
            d.message.contains("expected a whole number") && !d.message.contains("u32"),
            "{}",
            d.message
        );
        assert!(d.hint.unwrap().contains("in digits"));
        let d = parse::<Vec<V>>("- votes: 1\n\t- votes: 2\n", Path::new("m.yaml"), 1).unwrap_err();
        assert!(d.hint.unwrap().contains("tab"), "{}", d.message);
        let d = parse::<Vec<V>>("\n", Path::new("people.yaml"), 1).unwrap_err();
        assert_eq!(d.message, "the file is empty");
    }

    #[test]
    fn unknown_key_gets_a_suggestion() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct F {
            title: String,
        }
        let d = parse::<F>("titel: x\n", Path::new("a.md"), 2).unwrap_err();
        assert_eq!(d.line, 2);
        assert!(d.message.contains("unknown key `titel`"), "{}", d.message);
        assert!(d.hint.unwrap().contains("did you mean `title`"));
    }
}
