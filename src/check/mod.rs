//! `huanjie check`: what an inspector or a reader would catch, found before publishing.
//!
//! The check loads the site exactly as a build does (without writing anything), renders it into
//! memory, and runs seven families of rules over the model, the rendered output and the files
//! the team wrote:
//!
//! | family | what | module |
//! |---|---|---|
//! | links | internal links, anchors and images resolve in every language; external links listed | [`links`] |
//! | translations | pages, UI strings and data fields missing in a secondary language | [`translations`] |
//! | results | the results loader's rules, plus a summary per meeting | [`summary`] |
//! | artifacts | text pasted with artifacts (pinyin, garbling, invisible characters, script, punctuation, spacing) | [`artifacts`] |
//! | names | a person named with a post the results data does not give them; likely misspellings | [`names`] |
//! | freshness | a stale site; `updated` before `date`; dates in the future | [`freshness`] |
//! | privacy | citizen ID numbers, mobile numbers, full birth dates | [`privacy`] |
//!
//! Everything the loader reports (errors and warnings) becomes a finding too, so a site that does
//! not load is still checked as far as its files allow. Levels come from [`RULES`], re-levelled by
//! site.yaml's `check.rules`; a single finding is silenced by a comment in its file (see
//! [`silence`]). `--fix` applies the edits the rules attach to safe findings ([`fix`]).

pub mod artifacts;
pub mod fix;
pub mod freshness;
pub mod links;
pub mod names;
pub mod privacy;
pub mod report;
mod script_data;
pub mod settings;
pub mod silence;
pub mod summary;
pub mod text;
pub mod translations;

use crate::config::{Config, Language};
use crate::error::{Diagnostic, Severity};
use crate::site::{LoadOptions, Site};
use jiff::civil::Date;
use serde::Serialize;
pub use settings::{CheckConfig, Level, Spacing};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A rule of `check`: its id, family, default level and what it finds.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable id, printed in brackets and used in site.yaml and silence comments.
    pub id: &'static str,
    /// The family (links, translations, results, artifacts, names, freshness, privacy).
    pub family: &'static str,
    /// Level unless site.yaml says otherwise.
    pub level: Level,
    /// What a finding means, in one line.
    pub summary: &'static str,
}

const fn rule(id: &'static str, family: &'static str, level: Level, summary: &'static str) -> Rule {
    Rule {
        id,
        family,
        level,
        summary,
    }
}

/// Every rule of `check` (the loader's own rules come on top, in families `load` and `results`).
pub const RULES: &[Rule] = &[
    rule(
        "broken-link",
        "links",
        Level::Error,
        "an internal link leads to no page or file of the site",
    ),
    rule(
        "broken-anchor",
        "links",
        Level::Error,
        "the #anchor of a link is no id on the page it leads to",
    ),
    rule(
        "missing-image",
        "links",
        Level::Error,
        "an image is not a file of the site",
    ),
    rule(
        "link-language",
        "links",
        Level::Warning,
        "a page links to another language's version of a page translated into its own",
    ),
    rule(
        "external-link",
        "links",
        Level::Note,
        "a link to another site (listed, not fetched)",
    ),
    rule(
        "untranslated-page",
        "translations",
        Level::Note,
        "a page or section has no translation into a language of the site",
    ),
    rule(
        "untranslated-string",
        "translations",
        Level::Warning,
        "UI strings of the theme are not translated into a language",
    ),
    rule(
        "untranslated-field",
        "translations",
        Level::Note,
        "a text of site.yaml or the results data has no translation into a language",
    ),
    rule(
        "pinyin-annotation",
        "artifacts",
        Level::Warning,
        "a pinyin reading in parentheses after a Chinese character, pasted from a dictionary",
    ),
    rule(
        "garbled-text",
        "artifacts",
        Level::Error,
        "U+FFFD, `?` between Chinese characters or mojibake: text broken by an encoding conversion",
    ),
    rule(
        "invisible-char",
        "artifacts",
        Level::Warning,
        "a control, zero-width, direction or private-use character",
    ),
    rule(
        "traditional-in-simplified",
        "artifacts",
        Level::Warning,
        "Traditional characters in a Simplified Chinese text",
    ),
    rule(
        "simplified-in-traditional",
        "artifacts",
        Level::Warning,
        "Simplified characters in a Traditional Chinese text",
    ),
    rule(
        "halfwidth-punctuation",
        "artifacts",
        Level::Warning,
        "half-width , : ; ( ) ! ? inside a Chinese sentence",
    ),
    rule(
        "cjk-spacing",
        "artifacts",
        Level::Warning,
        "spacing between Chinese and Latin letters or digits differs from the file's (or site.yaml's) convention",
    ),
    rule(
        "name-post-mismatch",
        "names",
        Level::Warning,
        "a person is named with a post the results data does not give them at that date",
    ),
    rule(
        "name-typo",
        "names",
        Level::Error,
        "a name after a post, or before 同志, differs by one character from a known person",
    ),
    rule(
        "stale-site",
        "freshness",
        Level::Warning,
        "the newest article is older than `check.stale_after_days` (14)",
    ),
    rule(
        "updated-before-date",
        "freshness",
        Level::Error,
        "a page's `updated` is earlier than its `date`",
    ),
    rule(
        "future-date",
        "freshness",
        Level::Warning,
        "a page's `date` or `updated` is after the day of the check",
    ),
    rule(
        "id-number",
        "privacy",
        Level::Error,
        "an 18-digit citizen ID number with a valid checksum",
    ),
    rule(
        "mobile-number",
        "privacy",
        Level::Error,
        "a mobile telephone number (1[3-9] and 9 digits)",
    ),
    rule(
        "birth-date",
        "privacy",
        Level::Error,
        "a full date of birth (year, month and day)",
    ),
    rule(
        "check-config",
        "config",
        Level::Warning,
        "site.yaml's `check:` section names a rule that does not exist",
    ),
];

/// The families, for site.yaml and the documentation.
pub const FAMILIES: &[&str] = &[
    "links",
    "translations",
    "results",
    "artifacts",
    "names",
    "freshness",
    "privacy",
    "load",
    "config",
];

/// The rule with `id`.
pub fn rule_of(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

/// A change `--fix` can make: replace the bytes `start..end` of the file with `with`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// Byte offset in the file's text (after BOM removal and CRLF → LF).
    pub start: usize,
    /// End byte offset.
    pub end: usize,
    /// Replacement text.
    pub with: String,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// File relative to the site root, `/`-separated.
    pub file: String,
    /// 1-based line; 0 when the finding is about the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when unknown.
    pub column: usize,
    /// Rule id.
    pub rule: String,
    /// Family of the rule.
    pub family: String,
    /// `error`, `warning` or `note`.
    pub severity: Level,
    /// What is wrong, in one line.
    pub message: String,
    /// How to fix it, in one line.
    pub fix: Option<String>,
    /// The edit `--fix` would make.
    #[serde(skip)]
    pub edit: Option<Edit>,
    /// A loader error: stays an error whatever site.yaml says (the site does not build).
    #[serde(skip)]
    pub fixed_level: bool,
}

impl Finding {
    /// A finding of a rule of [`RULES`], at its default level.
    pub fn new(
        rule_id: &str,
        file: impl AsRef<Path>,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Self {
        let (family, level) = rule_of(rule_id)
            .map(|r| (r.family, r.level))
            .unwrap_or(("check", Level::Warning));
        Finding {
            file: show(file.as_ref()),
            line,
            column,
            rule: rule_id.to_string(),
            family: family.to_string(),
            severity: level,
            message: message.into(),
            fix: None,
            edit: None,
            fixed_level: false,
        }
    }

    /// The same finding with a suggested fix.
    pub fn with_fix(mut self, fix: impl Into<String>) -> Self {
        self.fix = Some(fix.into());
        self
    }

    /// The same finding with an edit for `--fix`.
    pub fn with_edit(mut self, edit: Option<Edit>) -> Self {
        self.edit = edit;
        self
    }

    /// A diagnostic of the loader or the renderer as a finding.
    pub fn from_diagnostic(d: &Diagnostic) -> Self {
        let file = show(&d.file);
        let family = if results_file(&file) {
            "results"
        } else {
            "load"
        };
        Finding {
            file,
            line: d.line,
            column: d.column,
            rule: d.rule.clone(),
            family: family.to_string(),
            severity: match d.severity {
                Severity::Error => Level::Error,
                Severity::Warning => Level::Warning,
            },
            message: d.message.clone(),
            fix: d.hint.clone(),
            edit: None,
            fixed_level: d.severity == Severity::Error,
        }
    }

    /// `file:line:col` as printed.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (0, _) => self.file.clone(),
            (l, 0) => format!("{}:{l}", self.file),
            (l, c) => format!("{}:{l}:{c}", self.file),
        }
    }
}

/// A path as shown: relative, `/`-separated.
pub fn show(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// True for a file of the results data.
fn results_file(file: &str) -> bool {
    let Some(rest) = file.strip_prefix("content/") else {
        return false;
    };
    rest.starts_with("meetings/")
        || ["people", "bodies", "statistics"].iter().any(|n| {
            rest == format!("{n}.yaml")
                || rest == format!("{n}.yml")
                || rest.starts_with(&format!("{n}/"))
        })
}

/// Options of a check that are not in site.yaml.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The day of the check (default: today in China, UTC+8). Fixed in tests and reproducible CI.
    pub today: Option<Date>,
}

/// Translation coverage of one secondary language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// Language code.
    pub lang: String,
    /// Pages and sections: (translated, total).
    pub pages: (usize, usize),
    /// UI strings: (translated, total).
    pub strings: (usize, usize),
    /// Data fields: (translated, total).
    pub fields: (usize, usize),
}

/// The results of one meeting, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MeetingSummary {
    /// Meeting id.
    pub id: String,
    /// Name in the default language.
    pub name: String,
    /// Elections (rounds included).
    pub elections: usize,
    /// Candidates over all elections.
    pub candidates: usize,
    /// Seats filled.
    pub elected: usize,
    /// True when every election's ballots add up (the loader refuses data where they do not).
    pub ballots_consistent: bool,
}

/// Everything a check found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Findings, sorted by file, line, column, rule.
    pub findings: Vec<Finding>,
    /// Findings silenced by a comment in their file.
    pub silenced: usize,
    /// Translation coverage per secondary language (empty when the site did not load).
    pub coverage: Vec<Coverage>,
    /// One line per meeting of the results data.
    pub meetings: Vec<MeetingSummary>,
    /// Files read.
    pub files: usize,
    /// The site loaded (and rendered); when false, only the file-level rules ran.
    pub loaded: bool,
    /// The day of the check.
    pub today: Option<Date>,
}

impl Report {
    /// Number of findings at `level`.
    pub fn count(&self, level: Level) -> usize {
        self.findings.iter().filter(|f| f.severity == level).count()
    }

    /// True when the check fails: errors, or warnings when `deny_warnings`.
    pub fn failed(&self, deny_warnings: bool) -> bool {
        self.count(Level::Error) > 0 || (deny_warnings && self.count(Level::Warning) > 0)
    }
}

/// What every rule gets: the site root, settings and the files read so far.
pub struct Ctx<'a> {
    /// The site root.
    pub root: &'a Path,
    /// site.yaml's `check:` section (default when site.yaml is broken).
    pub cfg: CheckConfig,
    /// The site's languages (default when site.yaml is broken).
    pub languages: Vec<Language>,
    /// The configured theme folder name.
    pub theme: String,
    /// The day of the check.
    pub today: Date,
    /// Files read, by shown path.
    pub files: text::Files,
    /// Findings so far.
    pub out: Vec<Finding>,
}

impl Ctx<'_> {
    /// The default language code.
    pub fn default_lang(&self) -> &str {
        self.languages
            .first()
            .map(|l| l.code.as_str())
            .unwrap_or("zh-Hans")
    }

    /// Adds a finding.
    pub fn push(&mut self, f: Finding) {
        self.out.push(f);
    }
}

/// Checks the site under `root`. Never writes anything.
pub fn check(root: &Path, opts: &CheckOptions) -> Report {
    // The day in China, the day an inspector would look at the site.
    let today = opts.today.unwrap_or_else(crate::review::build_date);
    let loaded = Site::load(
        root,
        &LoadOptions {
            drafts: false,
            base_url: None,
        },
    );
    let (config, config_errors) = match &loaded {
        Ok(site) => (Some(site.config.clone()), Vec::new()),
        Err(_) => match Config::load(root) {
            Ok(c) => (Some(c), Vec::new()),
            Err(e) => (None, e.0),
        },
    };
    let mut cx = Ctx {
        root,
        cfg: config.as_ref().map(|c| c.check.clone()).unwrap_or_default(),
        languages: config
            .as_ref()
            .map(|c| c.languages.clone())
            .unwrap_or_else(|| {
                vec![Language {
                    code: "zh-Hans".into(),
                    name: "简体中文".into(),
                    prefix: String::new(),
                }]
            }),
        theme: config
            .as_ref()
            .map(|c| c.theme.clone())
            .unwrap_or_else(|| "default".into()),
        today,
        files: text::Files::default(),
        out: Vec::new(),
    };
    let mut report = Report {
        today: Some(today),
        ..Report::default()
    };

    match loaded {
        Ok(site) => {
            report.loaded = true;
            for w in &site.warnings {
                // `untranslated-string` lists what `i18n-missing` says, key by key.
                if w.rule != "i18n-missing" {
                    cx.push(Finding::from_diagnostic(w));
                }
            }
            match crate::render::render(&site) {
                Ok(output) => links::check(&mut cx, &site, &output),
                Err(e) => {
                    report.loaded = false;
                    cx.out.extend(e.0.iter().map(Finding::from_diagnostic));
                }
            }
            report.coverage = translations::check(&mut cx, &site);
            report.meetings = summary::meetings(&site);
            names::check(&mut cx, &site);
            freshness::check(&mut cx, &site);
        }
        Err(e) => {
            // The site.yaml error is reported once, below, when site.yaml itself is broken.
            if config_errors.is_empty() {
                cx.out.extend(e.0.iter().map(Finding::from_diagnostic));
            }
        }
    }
    cx.out
        .extend(config_errors.iter().map(Finding::from_diagnostic));

    // Rules on the files as written: they run whether or not the site loads.
    text::scan_files(&mut cx);
    validate_config(&mut cx);
    report.files = cx.files.len();
    let (findings, silenced) = finish(&mut cx);
    report.findings = findings;
    report.silenced = silenced;
    report
}

/// Warns about rule names in `check.rules` that match nothing.
fn validate_config(cx: &mut Ctx) {
    let seen: std::collections::HashSet<String> = cx.out.iter().map(|f| f.rule.clone()).collect();
    let known: Vec<&str> = RULES
        .iter()
        .map(|r| r.id)
        .chain(FAMILIES.iter().copied())
        .collect();
    let text = cx.files.get(cx.root, Path::new("site.yaml"));
    let mut found = Vec::new();
    for id in cx.cfg.rules.keys() {
        if known.contains(&id.as_str()) || seen.contains(id) {
            continue;
        }
        let (line, col) = text
            .as_deref()
            .map(|t| {
                crate::yaml::locate(
                    &t.text,
                    &[
                        crate::yaml::Seg::Key("check"),
                        crate::yaml::Seg::Key("rules"),
                        crate::yaml::Seg::Key(id),
                    ],
                    1,
                )
            })
            .unwrap_or((0, 0));
        let mut f = Finding::new(
            "check-config",
            "site.yaml",
            line,
            col,
            format!("`check.rules` names `{id}`, which is no rule or family of huanjie check"),
        );
        f.fix = Some(match crate::error::nearest(id, &known) {
            Some(k) => format!("did you mean `{k}`? Rule ids are printed in brackets after the severity; see docs/check.md"),
            None => "use a rule id (printed in brackets after the severity) or a family: links, translations, results, artifacts, names, freshness, privacy".into(),
        });
        found.push(f);
    }
    cx.out.extend(found);
}

/// Applies levels from site.yaml, drops what is off or silenced, de-duplicates and sorts.
fn finish(cx: &mut Ctx) -> (Vec<Finding>, usize) {
    let rules = &cx.cfg.rules;
    let mut all = std::mem::take(&mut cx.out);
    for f in &mut all {
        if f.fixed_level {
            continue;
        }
        if let Some(l) = rules.get(&f.rule).or_else(|| rules.get(&f.family)) {
            f.severity = *l;
        }
    }
    all.retain(|f| f.severity != Level::Off);
    // The loader's `personal-data` and privacy's `birth-date` describe the same line.
    let births: std::collections::HashSet<(String, usize)> = all
        .iter()
        .filter(|f| f.rule == "birth-date")
        .map(|f| (f.file.clone(), f.line))
        .collect();
    all.retain(|f| !(f.rule == "personal-data" && births.contains(&(f.file.clone(), f.line))));
    let before = all.len();
    let mut kept = Vec::with_capacity(all.len());
    for f in all {
        if !silence::is_silenced(cx, &f) {
            kept.push(f);
        }
    }
    let silenced = before - kept.len();
    kept.sort_by(|a, b| {
        (&a.file, a.line, a.column, &a.rule, &a.message)
            .cmp(&(&b.file, b.line, b.column, &b.rule, &b.message))
    });
    kept.dedup_by(|a, b| {
        a.file == b.file
            && a.line == b.line
            && a.column == b.column
            && a.rule == b.rule
            && a.message == b.message
    });
    (kept, silenced)
}

/// Counts per rule, for the summary.
pub fn counts_by_rule(findings: &[Finding]) -> BTreeMap<&str, usize> {
    let mut m = BTreeMap::new();
    for f in findings {
        *m.entry(f.rule.as_str()).or_insert(0) += 1;
    }
    m
}

/// Where the rules read their files: a site root and a path shown relative to it.
pub fn site_path(root: &Path, shown: &str) -> PathBuf {
    root.join(shown)
}

/// How `huanjie check` prints its report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// For people.
    #[default]
    Text,
    /// For tools (docs/check.md).
    Json,
}

/// The options of `huanjie check` on the command line.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Site root.
    pub root: PathBuf,
    /// Output format.
    pub format: Format,
    /// Warnings fail the check too.
    pub deny_warnings: bool,
    /// Apply the safe fixes first.
    pub fix: bool,
    /// Day of the check.
    pub today: Option<Date>,
}

/// The `check` command: checks (and with `fix`, fixes then checks again), prints the report on
/// stdout and returns the exit code: 0 passed, 1 failed.
pub fn run(o: &RunOptions) -> u8 {
    let opts = CheckOptions { today: o.today };
    let mut report = check(&o.root, &opts);
    let mut fixes = Vec::new();
    if o.fix && report.findings.iter().any(|f| f.edit.is_some()) {
        match fix::apply(&o.root, &report) {
            Ok(a) => fixes = a,
            Err(e) => {
                eprintln!("error: {e}");
                return 1;
            }
        }
        report = check(&o.root, &opts);
    }
    match o.format {
        Format::Text => print!("{}", report::text(&report, &fixes, o.deny_warnings)),
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&report::json(&report, &fixes, o.deny_warnings))
                .unwrap_or_default()
        ),
    }
    u8::from(report.failed(o.deny_warnings))
}
