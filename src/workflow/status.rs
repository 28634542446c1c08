//! `tolmach status`: per language, how many units are translated, stale,
//! missing or orphaned, overall and per part of the document, and which
//! interface messages the language's `site.ftl` lacks. A thin reading of
//! the model: every count is the model's.
//!
//! The report serialises to a stable JSON schema (version 1), documented in
//! the README, "For translators".

use std::path::PathBuf;

use serde::Serialize;

use crate::error::{Diagnostic, Result, Severity};
use crate::lang::LangTag;
use crate::model::{self, Counts, Language, Site};
use crate::settings::Overrides;

/// The version of the JSON schema; raised only when a field changes meaning or goes away.
pub(crate) const SCHEMA: u32 = 1;

/// What `status` is asked.
#[derive(Clone, Debug, Default)]
pub(crate) struct Options {
    /// The project root.
    pub root: PathBuf,
}

/// The whole report.
#[derive(Debug, Serialize)]
pub(crate) struct Report {
    /// Always [`SCHEMA`].
    pub schema: u32,
    /// Every language but the original, in the site's order.
    pub languages: Vec<LanguageReport>,
    /// Warnings the model found on the way (not part of the JSON).
    #[serde(skip)]
    pub warnings: Vec<Diagnostic>,
}

/// The counts of one language.
#[derive(Debug, Serialize)]
pub(crate) struct LanguageReport {
    /// BCP 47 tag.
    pub lang: LangTag,
    /// The language's name for itself.
    pub name: String,
    /// The counts over the whole document.
    #[serde(flatten)]
    pub counts: Counts,
    /// Entries whose unit the source no longer has (in `statement.yaml` or `orphans.yaml`).
    pub orphan: usize,
    /// `translated * 100 / total`, rounded down (as on the gateway page).
    pub percent: u32,
    /// `reviewed * 100 / total`, rounded down.
    pub percent_reviewed: u32,
    /// The same counts per part: `opening`, then each sphere by its id.
    pub parts: Vec<PartReport>,
    /// Interface messages the original's `site.ftl` declares.
    pub messages_total: usize,
    /// Ids declared in the original's `site.ftl` and absent from this language's.
    pub missing_messages: Vec<String>,
    /// Every unit, in reading order.
    pub units: Vec<UnitReport>,
}

/// One unit of one language.
#[derive(Debug, Serialize)]
pub(crate) struct UnitReport {
    /// The unit id (also its anchor on the site).
    pub id: String,
    /// `opening` or the sphere's id.
    pub part: String,
    /// The paragraph number, for a paragraph.
    pub number: Option<usize>,
    /// `translated`, `stale` or `missing`.
    pub state: crate::model::State,
    /// `translated`, `reviewed` or `approved`.
    pub review: crate::model::Review,
}

/// The counts of one part of the document in one language.
#[derive(Debug, Serialize)]
pub(crate) struct PartReport {
    /// `opening` or a sphere id.
    pub part: String,
    /// The counts.
    #[serde(flatten)]
    pub counts: Counts,
    /// `translated * 100 / total`, rounded down.
    pub percent: u32,
    /// `reviewed * 100 / total`, rounded down.
    pub percent_reviewed: u32,
}

/// Read the project and count every language.
pub(crate) fn run(options: &Options) -> Result<Report> {
    let opened = model::open(&options.root, Overrides::default())?;
    let mut report = report(&opened.site);
    report.warnings = opened
        .problems
        .into_iter()
        .filter(|p| p.severity == Severity::Warning)
        .collect();
    Ok(report)
}

/// Count every language of the model.
pub(crate) fn report(site: &Site) -> Report {
    Report {
        schema: SCHEMA,
        languages: site
            .translations()
            .map(|lang| language_report(site, lang))
            .collect(),
        warnings: Vec::new(),
    }
}

fn language_report(site: &Site, lang: &Language) -> LanguageReport {
    let parts = site
        .source
        .parts()
        .zip(&lang.part_counts)
        .map(|(part, counts)| PartReport {
            part: part.name().to_string(),
            counts: *counts,
            percent: counts.percent(),
            percent_reviewed: counts.percent_reviewed(),
        })
        .collect();
    let declared = site
        .language(site.original.as_str())
        .map(|original| &original.messages.declared);
    let missing_messages = declared.map_or_else(Vec::new, |declared| {
        declared
            .keys()
            .filter(|id| !lang.messages.declared.contains_key(*id))
            .cloned()
            .collect()
    });
    let mut units = Vec::new();
    for part in site.source.parts() {
        for unit in site.source.units_of(part) {
            let shown = lang.unit(unit);
            units.push(UnitReport {
                id: unit.id.to_string(),
                part: part.name().to_string(),
                number: unit.number,
                state: shown.state,
                review: shown.review,
            });
        }
    }
    units.sort_by_key(|u| site.source.index_of(&u.id));
    LanguageReport {
        lang: lang.tag.clone(),
        name: lang.name.clone(),
        counts: lang.counts,
        orphan: lang.orphan_count(),
        percent: lang.counts.percent(),
        percent_reviewed: lang.counts.percent_reviewed(),
        parts,
        messages_total: declared.map_or(0, |d| d.len()),
        missing_messages,
        units,
    }
}
