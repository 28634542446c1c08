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
    /// The same counts per part: `opening`, then each sphere by its id.
    pub parts: Vec<PartReport>,
    /// Ids declared in the original's `site.ftl` and absent from this language's.
    pub missing_messages: Vec<String>,
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
        })
        .collect();
    let missing_messages =
        site.language(site.original.as_str())
            .map_or_else(Vec::new, |original| {
                original
                    .messages
                    .declared
                    .keys()
                    .filter(|id| !lang.messages.declared.contains_key(*id))
                    .cloned()
                    .collect()
            });
    LanguageReport {
        lang: lang.tag.clone(),
        name: lang.name.clone(),
        counts: lang.counts,
        orphan: lang.orphan_count(),
        percent: lang.counts.percent(),
        parts,
        missing_messages,
    }
}
