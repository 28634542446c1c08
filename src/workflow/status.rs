//! `tolmach status`: per language, how many units are translated, stale,
//! missing or orphaned, overall and per part of the document, and which
//! interface messages the language's `site.ftl` lacks.
//!
//! The JSON printed by `--json` is a stable schema (version 1), documented in
//! the README, "For translators":
//!
//! ```json
//! {"schema": 1, "languages": [{"lang": "en", "name": "English", "total": 56,
//!   "translated": 55, "stale": 1, "missing": 0, "orphan": 0, "percent": 98,
//!   "parts": [{"part": "opening", "total": 9, "translated": 9, "stale": 0,
//!              "missing": 0, "percent": 100}],
//!   "missing_messages": ["coverage-title"]}]}
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use crate::error::{Diagnostic, Error, Result, Severity};
use crate::lang::ORIGINAL;
use crate::load::{self, Project};
use crate::model::{self, Language, Site, State};
use crate::settings::Overrides;
use crate::source::{Source, Unit};
use crate::translation::Translation;

/// The version of the JSON schema; raised only when a field changes meaning or goes away.
pub const SCHEMA: u32 = 1;

/// Where `sync` parks the units the source no longer has, inside `locales/<lang>/`.
pub const ORPHANS_FILE: &str = "orphans.yaml";

/// The part that groups the title, the preamble and the closing paragraphs.
pub const OPENING: &str = "opening";

/// The whole report.
#[derive(Debug, Serialize)]
pub struct Report {
    /// Always [`SCHEMA`].
    pub schema: u32,
    /// Every language but the original, in the site's order.
    pub languages: Vec<LanguageReport>,
}

/// The counts of one language.
#[derive(Debug, Serialize)]
pub struct LanguageReport {
    /// BCP 47 tag.
    pub lang: String,
    /// The language's name for itself.
    pub name: String,
    /// Units in the source.
    pub total: usize,
    /// Translated from the current Russian.
    pub translated: usize,
    /// Translated from an older Russian.
    pub stale: usize,
    /// Absent or empty.
    pub missing: usize,
    /// Entries whose unit the source no longer has (in `statement.yaml` or `orphans.yaml`).
    pub orphan: usize,
    /// `translated * 100 / total`, rounded down (as on the gateway page).
    pub percent: u32,
    /// The same counts per part: `opening`, then each sphere by its id.
    pub parts: Vec<PartReport>,
    /// Ids declared in the Russian `site.ftl` and absent from this language's.
    pub missing_messages: Vec<String>,
}

/// The counts of one part of the document in one language.
#[derive(Debug, Serialize)]
pub struct PartReport {
    /// `opening` or a sphere id.
    pub part: String,
    /// Units in the part.
    pub total: usize,
    /// Translated from the current Russian.
    pub translated: usize,
    /// Translated from an older Russian.
    pub stale: usize,
    /// Absent or empty.
    pub missing: usize,
    /// `translated * 100 / total`, rounded down.
    pub percent: u32,
}

/// A project read for the translator's tools: unlike the build, orphans do
/// not stop it.
#[derive(Debug)]
pub struct Loaded {
    /// Everything read.
    pub project: Project,
    /// The model.
    pub site: Site,
    /// What the model found (orphans among them).
    pub problems: Vec<Diagnostic>,
}

/// Read the project at `root` and build the model; fail only if the model
/// cannot be built at all.
pub fn load(root: &Path) -> Result<Loaded> {
    let project = load::project(root, Overrides::default())?;
    let (site, mut problems) = model::site(&project);
    problems.sort();
    problems.dedup();
    match site {
        Some(site) => Ok(Loaded {
            project,
            site,
            problems,
        }),
        None => Err(Error::Invalid(problems)),
    }
}

/// The parts of the document: `opening` (title, preamble, closing), then each sphere.
pub fn parts(source: &Source) -> Vec<(String, Vec<&Unit>)> {
    let opening = std::iter::once(&source.title)
        .chain(&source.preamble)
        .chain(&source.closing)
        .collect();
    let mut out = vec![(OPENING.to_string(), opening)];
    for sphere in &source.spheres {
        let units = std::iter::once(&sphere.heading)
            .chain(&sphere.paragraphs)
            .collect();
        out.push((sphere.slug().to_string(), units));
    }
    out
}

/// `locales/<lang>/orphans.yaml`, relative to the project root.
pub fn orphans_path(lang: &str) -> PathBuf {
    Path::new("locales").join(lang).join(ORPHANS_FILE)
}

/// The parked orphans of `lang`, if the file exists.
pub fn parked(root: &Path, lang: &str) -> Result<Option<Translation>> {
    let rel = orphans_path(lang);
    if !root.join(&rel).exists() {
        return Ok(None);
    }
    let file = load::read_text(root, &rel, true)?;
    if file
        .text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Ok(None);
    }
    Translation::parse(&file.text, &file.path)
        .map(Some)
        .map_err(Error::at)
}

/// Count every language of a loaded project.
pub fn report(loaded: &Loaded) -> Result<Report> {
    let site = &loaded.site;
    let original = site.language(ORIGINAL);
    let mut languages = Vec::new();
    for lang in site.languages.iter().filter(|l| !l.is_original()) {
        let parked = parked(&loaded.project.root, &lang.tag)?.map_or(0, |t| t.entries.len());
        languages.push(language_report(
            site,
            lang,
            original,
            lang.orphans.len() + parked,
        ));
    }
    Ok(Report {
        schema: SCHEMA,
        languages,
    })
}

fn language_report(
    site: &Site,
    lang: &Language,
    original: Option<&Language>,
    orphan: usize,
) -> LanguageReport {
    let parts: Vec<PartReport> = parts(&site.source)
        .into_iter()
        .map(|(part, units)| part_report(part, lang, &units))
        .collect();
    let all: Vec<&Unit> = site.source.units().collect();
    let overall = part_report(String::new(), lang, &all);
    let missing_messages = original.map_or_else(Vec::new, |ru| {
        ru.messages
            .declared
            .keys()
            .filter(|id| !lang.messages.declared.contains_key(*id))
            .cloned()
            .collect()
    });
    LanguageReport {
        lang: lang.tag.clone(),
        name: lang.name.clone(),
        total: overall.total,
        translated: overall.translated,
        stale: overall.stale,
        missing: overall.missing,
        orphan,
        percent: overall.percent,
        parts,
        missing_messages,
    }
}

fn part_report(part: String, lang: &Language, units: &[&Unit]) -> PartReport {
    let count = |state: State| {
        units
            .iter()
            .filter(|u| lang.unit(&u.id).state == state)
            .count()
    };
    let total = units.len();
    let translated = count(State::Translated);
    PartReport {
        part,
        total,
        translated,
        stale: count(State::Stale),
        missing: count(State::Missing),
        percent: percent(translated, total),
    }
}

/// `done * 100 / total` rounded down; 100 for an empty total.
pub fn percent(done: usize, total: usize) -> u32 {
    (done * 100).checked_div(total).map_or(100, |p| p as u32)
}

/// The report as an aligned table.
pub fn table(report: &Report) -> String {
    let mut rows = vec![
        [
            "lang",
            "part",
            "total",
            "translated",
            "stale",
            "missing",
            "orphan",
            "percent",
        ]
        .map(String::from),
    ];
    for l in &report.languages {
        let n = |v: usize| v.to_string();
        rows.push([
            l.lang.clone(),
            "all".into(),
            n(l.total),
            n(l.translated),
            n(l.stale),
            n(l.missing),
            n(l.orphan),
            format!("{}%", l.percent),
        ]);
        for p in &l.parts {
            rows.push([
                String::new(),
                p.part.clone(),
                n(p.total),
                n(p.translated),
                n(p.stale),
                n(p.missing),
                String::new(),
                format!("{}%", p.percent),
            ]);
        }
    }
    let widths: Vec<usize> = (0..8)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                if c < 2 {
                    format!("{cell:<width$}", width = widths[c])
                } else {
                    format!("{cell:>width$}", width = widths[c])
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    for l in report
        .languages
        .iter()
        .filter(|l| !l.missing_messages.is_empty())
    {
        out.push_str(&format!(
            "{}: {} interface message(s) missing from site.ftl: {}\n",
            l.lang,
            l.missing_messages.len(),
            l.missing_messages.join(", ")
        ));
    }
    out
}

/// Run the command.
pub fn run(args: &crate::cli::StatusArgs) -> Result<ExitCode> {
    let loaded = load(&args.project.root)?;
    for warning in loaded
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
    {
        eprintln!("{warning}");
    }
    let report = report(&loaded)?;
    if args.json {
        let json = serde_json::to_string_pretty(&report)
            .map_err(|e| Error::Refused(format!("cannot write the report as JSON: {e}")))?;
        super::print(&format!("{json}\n"));
    } else {
        super::print(&table(&report));
    }
    Ok(ExitCode::SUCCESS)
}
