//! What templates get for notices: the `notice` of a notice page, the `notices` of the notices
//! index and the `report_box` of every page (see docs/discipline.md).

use super::{Channel, ChannelKind, Figure, Notice, NoticeFront};
use crate::i18n::{Localized, dates};
use crate::site::{SectionEntry, Site};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// UI strings of a language, with a built-in text when the theme lacks the key.
struct Strings<'a>(Option<&'a BTreeMap<String, String>>);

impl<'a> Strings<'a> {
    fn new(site: &'a Site, lang: &str) -> Self {
        Strings(site.theme.strings.get(lang))
    }
    fn get(&self, key: &str, fallback: &'a str) -> &str {
        self.0
            .and_then(|m| m.get(key))
            .map(String::as_str)
            .unwrap_or(fallback)
    }
}

/// `{text, lang}` of a localized value in `lang`.
fn loc<'a>(l: &'a Localized, lang: &'a str, default: &'a str) -> (&'a str, &'a str) {
    l.get(lang, default)
}

/// The notice map that applies to a page version: its own, else the original's.
fn front_of<'a>(site: &'a Site, n: &Notice, doc: usize) -> Option<&'a NoticeFront> {
    site.pages
        .get(doc)
        .and_then(|p| p.front.notice.as_deref())
        .or_else(|| site.pages[n.primary].front.notice.as_deref())
}

/// The period in words: `2021年7月5日至12月31日`, `5 July – 31 December 2021`, or from a date on.
fn period(n: &Notice, lang: &str, s: &Strings) -> String {
    match n.to {
        Some(to) => dates::format_date_range(n.from, to, lang),
        None => s
            .get("notice_from_on", "{date}")
            .replace("{date}", &dates::format_date(n.from, lang)),
    }
}

fn channel(c: &Channel, lang: &str, default: &str, s: &Strings) -> Value {
    let key = format!("channel_{}", c.kind.name());
    let (label, label_lang) = match &c.label {
        Some(l) => loc(l, lang, default),
        None => (s.get(&key, c.kind.name()), lang),
    };
    let (value, value_lang) = loc(&c.value, lang, default);
    // Numbers, addresses and URLs are in no language: mark only text (postal address, place).
    let value_lang = if c.href(default).is_empty() {
        value_lang
    } else {
        lang
    };
    json!({
        "kind": c.kind.name(),
        "label": label,
        "label_lang": label_lang,
        "value": value,
        "value_lang": value_lang,
        "href": c.href(default),
        "postcode": c.postcode.clone().unwrap_or_default(),
        "sample": c.sample,
    })
}

fn figure(f: &Figure, site: &Site, lang: &str, s: &Strings) -> Value {
    let default = site.config.default_lang();
    let kind = f
        .kind
        .as_deref()
        .and_then(|k| site.discipline.library.figures.get(k));
    let empty = Localized::default();
    let (label, label_lang) = match (&f.label, kind) {
        (Some(l), _) => loc(l, lang, default),
        (None, Some(k)) => loc(&k.label, lang, default),
        (None, None) => ("", lang),
    };
    // A unit is never borrowed from another language: 12轮 must not become "12轮" in English.
    let unit = match f.unit.as_ref().or(kind.map(|k| &k.unit)).unwrap_or(&empty) {
        Localized::Plain(u) if lang == default => u.as_str(),
        Localized::Plain(_) => "",
        Localized::Map(m) => m.get(lang).map(String::as_str).unwrap_or(""),
    };
    let display = match f.count {
        Some(n) => {
            let pattern = if f.more_than {
                s.get("figure_count_more_than", "> {n}{unit}")
            } else {
                s.get("figure_count", "{n}{unit}")
            };
            pattern
                .replace("{n}", &super::format_count(n, lang))
                .replace("{unit}", unit)
        }
        None => s.get("figure_held", "✓").to_string(),
    };
    json!({
        "kind": f.kind.clone().unwrap_or_default(),
        "label": label,
        "label_lang": label_lang,
        "count": f.count,
        "more_than": f.more_than,
        "display": display,
    })
}

/// The `notice` variable of the notice page `key` shown from page version `doc` in `lang`.
pub fn notice(site: &Site, key: &str, doc: usize, lang: &str) -> Option<Value> {
    let model = &site.discipline;
    let n = model.notice(key)?;
    let front = front_of(site, n, doc)?;
    let list = model.library.rules.get(&n.rules)?;
    let default = site.config.default_lang();
    let s = Strings::new(site, lang);
    let items: Vec<Value> = list
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| {
            let (title, title_lang) = loc(&it.title, lang, default);
            let (text, text_lang) = loc(&it.text, lang, default);
            json!({"number": i + 1, "title": title, "title_lang": title_lang, "text": text, "lang": text_lang, "placeholder": it.placeholder || list.placeholder})
        })
        .collect();
    let (name, name_lang) = loc(&list.name, lang, default);
    let (issued_by, issued_by_lang) = loc(&list.issued_by, lang, default);
    let (note, note_lang) = loc(&list.note, lang, default);
    let status = model.as_of.map(|d| n.status(d)).unwrap_or("");
    let channels: Vec<Value> = front
        .channels
        .iter()
        .map(|c| channel(c, lang, default, &s))
        .collect();
    Some(json!({
        "rules": {
            "version": n.rules,
            "name": name,
            "name_lang": name_lang,
            "issued_by": issued_by,
            "issued_by_lang": issued_by_lang,
            "year": list.year,
            "note": note,
            "note_lang": note_lang,
            "placeholder": list.has_placeholders(),
            "items": items,
        },
        "in_force": {
            "from": n.from.to_string(),
            "to": n.to.map(|d| d.to_string()).unwrap_or_default(),
            "display": period(n, lang, &s),
            "status": status,
            "status_label": if status.is_empty() { "" } else { s.get(&format!("notice_status_{status}"), status) },
        },
        "channels": channels,
        "figures": front.figures.iter().map(|f| figure(f, site, lang, &s)).collect::<Vec<_>>(),
        "has_samples": front.channels.iter().any(|c| c.sample),
    }))
}

/// The `report_box` variable of every page in `lang`: the notice in force on the as-of date with
/// its quick channels (telephone, SMS, e-mail, website), or none.
pub fn report_box(site: &Site, lang: &str) -> Option<Value> {
    if !site.config.discipline.report_box {
        return None;
    }
    let n = site.discipline.current()?;
    let default = site.config.default_lang();
    let entry = site
        .entry(&n.key, lang)
        .or_else(|| site.entry(&n.key, default))?;
    let page = &site.pages[entry.doc];
    let front = front_of(site, n, entry.doc)?;
    let s = Strings::new(site, lang);
    let quick = [
        ChannelKind::Phone,
        ChannelKind::Sms,
        ChannelKind::Email,
        ChannelKind::Website,
    ];
    let channels: Vec<Value> = front
        .channels
        .iter()
        .filter(|c| quick.contains(&c.kind))
        .map(|c| channel(c, lang, default, &s))
        .collect();
    Some(json!({
        "url": entry.url,
        "title": page.title(),
        "title_lang": page.lang,
        "period": period(n, lang, &s),
        "channels": channels,
        "has_samples": front.channels.iter().any(|c| c.sample && quick.contains(&c.kind)),
    }))
}

/// Every notice of a section whose pages are all notices (the notices index), else none.
pub fn index(site: &Site, se: &SectionEntry) -> Option<Vec<Value>> {
    index_page(site, se, 1, usize::MAX)
}

/// The `notices` variable of list page `k` (from 1, `per` to a page) of a section whose pages
/// are all notices (the notices index), else none: each `{title, title_lang, url, date,
/// date_display, rules_name, rules_lang, period, status, status_label}` in the section's order.
pub fn index_page(site: &Site, se: &SectionEntry, k: usize, per: usize) -> Option<Vec<Value>> {
    let model = &site.discipline;
    if se.pages.is_empty()
        || se
            .pages
            .iter()
            .any(|&i| model.notice(&site.entries[i].key).is_none())
    {
        return None;
    }
    let default = site.config.default_lang();
    let s = Strings::new(site, &se.lang);
    se.pages
        .iter()
        .skip(k.saturating_sub(1).saturating_mul(per))
        .take(per)
        .map(|&i| {
            let e = &site.entries[i];
            let n = model.notice(&e.key)?;
            let p = &site.pages[e.doc];
            let (rules_name, rules_lang) = model.library.rules.get(&n.rules).map(|l| loc(&l.name, &se.lang, default)).unwrap_or((n.rules.as_str(), se.lang.as_str()));
            let status = model.as_of.map(|d| n.status(d)).unwrap_or("");
            Some(json!({
                "title": p.title(),
                "title_lang": p.lang,
                "url": e.url,
                "date": p.date.map(|d| d.date().to_string()).unwrap_or_default(),
                "date_display": p.date.map(|d| dates::format_date(d.date(), &se.lang)).unwrap_or_default(),
                "rules_name": rules_name,
                "rules_lang": rules_lang,
                "period": period(n, &se.lang, &s),
                "status": status,
                "status_label": if status.is_empty() { "" } else { s.get(&format!("notice_status_{status}"), status) },
            }))
        })
        .collect()
}
