//! Rule family `names`: inspections fail a site for a misspelled leader's name (DOMAIN §6).
//!
//! News text names people with their post: 县委书记马文洁, 镇长李强, 县委副书记、县长王芳. The
//! titles are made from the results data: a body's short name (or its parent's) and a post name
//! (县委 + 书记, 县人大常委会 + 主任), a township body's place (兴国镇 + 党委书记), and a post
//! name that is a title by itself (县长, 副镇长). After such a title, at the page's date:
//!
//! * the name of a holder of that post is right;
//! * a name one character off a holder's (same length; for two-character names, same surname) is
//!   `name-typo`;
//! * the name of another known person is `name-post-mismatch`: the data do not give them the post.
//!
//! Words that follow a title but are no name (县委书记出席会议, 县长办公会) are no finding: only
//! known names and names one character off a holder's are judged. Before 同志, a name one
//! character off any known person is `name-typo` too.
//!
//! A post is held on a day by the members of the body's latest term elected on or before it; a
//! page dated before any term of the body in the data is not judged.

use super::artifacts::is_han;
use super::{Ctx, Finding};
use crate::results::Results;
use crate::site::Site;
use jiff::civil::Date;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

/// A title and the (body, post) pairs it names.
struct Titles {
    /// Title → (body, post) pairs, longest titles first when scanning.
    map: BTreeMap<String, Vec<(usize, usize)>>,
    /// Titles as characters by their first character, longest first.
    by_first: HashMap<char, Vec<(Vec<char>, String)>>,
}

fn zh<'a>(l: &'a crate::i18n::Localized, default: &'a str) -> &'a str {
    l.get(default, default).0
}

fn titles(r: &Results, default: &str) -> Titles {
    let mut map: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    let mut add = |t: String, v: (usize, usize)| {
        if t.chars().count() >= 2 && t.chars().all(is_han) {
            let e = map.entry(t).or_default();
            if !e.contains(&v) {
                e.push(v);
            }
        }
    };
    for (bi, b) in r.bodies.iter().enumerate() {
        let mut shorts: Vec<String> = vec![zh(b.short_name(), default).to_string()];
        if let Some(p) = b.parent {
            shorts.push(zh(r.bodies[p].short_name(), default).to_string());
        }
        let place = zh(&b.place, default).to_string();
        for s in shorts.clone() {
            // 镇党委 of 兴国镇 → 兴国镇党委.
            if let Some(first) = s.chars().next()
                && place.ends_with(first)
                && place.chars().count() > 1
            {
                shorts.push(format!("{place}{}", &s[first.len_utf8()..]));
            }
        }
        for (pi, p) in b.posts.iter().enumerate() {
            let post = zh(&p.name, default);
            for s in &shorts {
                add(format!("{s}{post}"), (bi, pi));
            }
            // 县长, 副县长, 镇长: a post that names its level is a title by itself.
            if post.contains(['县', '镇', '乡']) {
                add(post.to_string(), (bi, pi));
            }
        }
    }
    let mut by_first: HashMap<char, Vec<(Vec<char>, String)>> = HashMap::new();
    for t in map.keys() {
        let cs: Vec<char> = t.chars().collect();
        by_first.entry(cs[0]).or_default().push((cs, t.clone()));
    }
    for v in by_first.values_mut() {
        v.sort_by_key(|(cs, _)| std::cmp::Reverse(cs.len()));
    }
    Titles { map, by_first }
}

/// The people holding post `post` of body `body` on `day`; `None` when the data have no term of
/// the body by then.
fn holders(r: &Results, body: usize, post: usize, day: Date) -> Option<Vec<usize>> {
    let b = &r.bodies[body];
    let term = b
        .terms
        .iter()
        .filter(|(_, ms)| ms.iter().map(|m| m.date).min().is_some_and(|d| d <= day))
        .map(|(t, _)| *t)
        .max()?;
    Some(
        b.terms[&term]
            .iter()
            .filter(|m| m.post == post && m.date <= day)
            .map(|m| m.person)
            .collect(),
    )
}

/// The character positions where two names of one length differ.
fn one_off(a: &[char], b: &[char]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).filter(|(x, y)| x != y).count() == 1
        && (a.len() > 2 || a[0] == b[0])
}

/// Characters that start the words usually following a title when no name follows.
const NOT_A_NAME: &str =
    "会议的在和与及等们是为对向从讲主出参到带率职办助任一二三四五六七八九十新各全";

struct Names<'a> {
    r: &'a Results,
    titles: Titles,
    /// Name (as chars) → person indexes.
    by_name: HashMap<Vec<char>, Vec<usize>>,
    lens: Vec<usize>,
}

impl Names<'_> {
    fn name(&self, p: usize) -> &str {
        &self.r.people[p].data.name
    }

    /// A known name at the start of `text`, longest first.
    fn known_at(&self, text: &[char]) -> Option<(usize, &Vec<usize>)> {
        self.lens.iter().rev().find_map(|&l| {
            text.get(..l)
                .and_then(|s| self.by_name.get(s))
                .map(|p| (l, p))
        })
    }

    fn scan(
        &self,
        cx: &mut Ctx,
        file: &Path,
        text: &str,
        base: usize,
        day: Date,
        locate: &dyn Fn(usize) -> (usize, usize),
    ) {
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let cs: Vec<char> = chars.iter().map(|x| x.1).collect();
        let mut i = 0;
        while i < cs.len() {
            let title = self
                .titles
                .by_first
                .get(&cs[i])
                .and_then(|v| v.iter().find(|(tc, _)| cs[i..].starts_with(tc)));
            let Some((tc, title)) = title else {
                // Before 同志: a name one character off a known person.
                if cs.get(i..i + 2) == Some(&['同', '志'][..]) {
                    self.comrade(cx, file, &cs, &chars, i, base, locate);
                }
                i += 1;
                continue;
            };
            let pos = i + tc.len();
            i = pos;
            let rest = &cs[pos..];
            if rest
                .first()
                .is_none_or(|c| !is_han(*c) || NOT_A_NAME.contains(*c))
            {
                continue;
            }
            let pairs = &self.titles.map[title];
            let mut judged = false;
            let mut held: Vec<usize> = Vec::new();
            for &(b, p) in pairs {
                if let Some(h) = holders(self.r, b, p, day) {
                    judged = true;
                    held.extend(h);
                }
            }
            if !judged {
                continue;
            }
            let at = chars.get(pos).map(|x| x.0).unwrap_or(text.len());
            let (line, col) = locate(base + at);
            let holder_names: Vec<&str> = held.iter().map(|&h| self.name(h)).collect();
            let shown_holders = if holder_names.is_empty() {
                "nobody".to_string()
            } else {
                holder_names.join("、")
            };
            if held.iter().any(|&h| {
                let n: Vec<char> = self.name(h).chars().collect();
                rest.starts_with(&n)
            }) {
                continue;
            }
            if let Some(&h) = held.iter().find(|&&h| {
                let n: Vec<char> = self.name(h).chars().collect();
                rest.get(..n.len()).is_some_and(|s| one_off(s, &n))
                    && !self.by_name.contains_key(&rest[..n.len()])
            }) {
                let n = self.name(h);
                let written: String = rest[..n.chars().count()].iter().collect();
                cx.push(
                    Finding::new(
                        "name-typo",
                        file,
                        line,
                        col,
                        format!(
                            "`{title}{written}`: the {title} on {day} is {n} in the results data"
                        ),
                    )
                    .with_fix(format!(
                        "write {n}; if the data are wrong, correct people.yaml"
                    )),
                );
                continue;
            }
            if let Some((l, people)) = self.known_at(rest) {
                let written: String = rest[..l].iter().collect();
                if !people.iter().any(|p| held.contains(p)) {
                    cx.push(
                        Finding::new(
                            "name-post-mismatch",
                            file,
                            line,
                            col,
                            format!("{written} is named {title}, but on {day} the results data give this post to {shown_holders}"),
                        )
                        .with_fix("check the post or the name against the official list; if the data are wrong, correct the meeting's results"),
                    );
                }
            }
        }
    }

    /// `X同志` at `i` (the 同): X one character off a known person.
    #[allow(clippy::too_many_arguments)]
    fn comrade(
        &self,
        cx: &mut Ctx,
        file: &Path,
        cs: &[char],
        chars: &[(usize, char)],
        i: usize,
        base: usize,
        locate: &dyn Fn(usize) -> (usize, usize),
    ) {
        for &l in self.lens.iter().rev() {
            let Some(start) = i.checked_sub(l) else {
                continue;
            };
            let cand = &cs[start..i];
            if !cand.iter().all(|c| is_han(*c)) {
                continue;
            }
            if self.by_name.contains_key(cand) {
                return;
            }
            // Two-character names must stand apart: 全体同志 is no name.
            if l == 2 && start > 0 && is_han(cs[start - 1]) {
                continue;
            }
            if let Some(p) = self.r.people.iter().find(|p| {
                let n: Vec<char> = p.data.name.chars().collect();
                one_off(cand, &n)
            }) {
                let (line, col) = locate(base + chars[start].0);
                let written: String = cand.iter().collect();
                cx.push(
                    Finding::new(
                        "name-typo",
                        file,
                        line,
                        col,
                        format!(
                            "`{written}同志` differs by one character from {} in the results data",
                            p.data.name
                        ),
                    )
                    .with_fix(format!("write {} if that is who is meant", p.data.name)),
                );
                return;
            }
        }
    }
}

/// Runs the name rules on the Chinese text of every page and meeting narrative.
pub fn check(cx: &mut Ctx, site: &Site) {
    let r = &site.results;
    if r.people.is_empty() {
        return;
    }
    let default = site.default_lang().to_string();
    let mut by_name: HashMap<Vec<char>, Vec<usize>> = HashMap::new();
    for (i, p) in r.people.iter().enumerate() {
        by_name
            .entry(p.data.name.chars().collect())
            .or_default()
            .push(i);
    }
    let mut lens: Vec<usize> = by_name.keys().map(Vec::len).collect();
    lens.sort();
    lens.dedup();
    let names = Names {
        r,
        titles: titles(r, &default),
        by_name,
        lens,
    };
    let mut docs: Vec<(std::path::PathBuf, String, Date)> = site
        .pages
        .iter()
        .filter(|p| crate::i18n::is_chinese(&p.lang))
        .map(|p| {
            (
                p.file.clone(),
                p.lang.clone(),
                p.date.map(|d| d.date()).unwrap_or(cx.today),
            )
        })
        .collect();
    for m in &r.meetings {
        let f = std::path::PathBuf::from(format!("content/meetings/{}/index.md", m.id));
        if site.root.join(&f).is_file() {
            docs.push((f, default.clone(), m.end));
        }
    }
    for (file, lang, day) in docs {
        let Some(src) = cx.files.get(cx.root, &file) else {
            continue;
        };
        let (front, body_start) = super::text::split(&src.text);
        let mut segs = super::text::markdown_segments(&src.text[body_start..], body_start, &lang);
        if let Some(r) = front {
            segs.extend(super::text::yaml_segments(
                &src.text[r.clone()],
                r.start,
                &lang,
                cx,
            ));
        }
        let locate = |off: usize| src.locate(off);
        for s in &segs {
            names.scan(cx, &file, s.text, s.start, day, &locate);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_character_off() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(one_off(&c("马文杰"), &c("马文洁")));
        assert!(one_off(&c("冯文洁"), &c("马文洁")));
        assert!(!one_off(&c("马文洁"), &c("马文洁")));
        assert!(one_off(&c("王方"), &c("王芳")));
        assert!(
            !one_off(&c("汪芳"), &c("王芳")),
            "two-character names keep their surname"
        );
    }
}
