//! `tolmach import`: take a CAT tool's XLIFF or PO file back into the
//! language's translation file. A translation is accepted only if it was
//! made from the current original and the tool marked it done; every other
//! unit is reported and left as it is. Changes go through
//! [`crate::workflow::edit`], and the file is replaced atomically, or not
//! at all if anything is wrong.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::{ImportFile, ImportUnit, check_source_lang, parse, target_lang};
use crate::edit::{self, Change};
use crate::error::{Diagnostic, Error, Result};
use crate::lang::LangTag;
use crate::load;
use crate::model::{self, Entry, Language, Site, State};
use crate::settings::Overrides;
use crate::text::normalize_space;

/// What `import` is asked.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    /// The project root.
    pub root: PathBuf,
    /// The XLIFF or PO file.
    pub file: PathBuf,
    /// Show what would change, change nothing.
    pub dry_run: bool,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Default)]
pub(crate) struct Report {
    /// The translation file the import changes.
    pub target: PathBuf,
    /// Ids of the units that change.
    pub changed: Vec<String>,
    /// How many units stay as they are.
    pub unchanged: usize,
    /// Units not imported, with the reason.
    pub rejected: Vec<Diagnostic>,
    /// Whether the translation file was written.
    pub written: bool,
    /// Whether this was a dry run.
    pub dry_run: bool,
}

impl Report {
    /// Whether every unit of the file was accepted or unchanged.
    pub(crate) fn is_clean(&self) -> bool {
        self.rejected.is_empty()
    }
}

/// Import one file.
pub(crate) fn run(options: &Options) -> Result<Report> {
    let settings = load::settings(&options.root, Overrides::default())?;
    let file = load::exchange_file(&options.file, &settings)?;
    let parsed = parse(&file.text, &file.path)?;
    let tag = target_lang(&parsed, &file.path)?;
    let opened = model::open(&options.root, Overrides::default())?;
    let site = &opened.site;
    check_source_lang(&parsed, &file.path, &site.original)?;
    let lang = language(site, &tag)?;
    let plan = plan(site, lang, &parsed, &options.file);
    let mut report = Report {
        target: lang.translation_path(),
        changed: plan.changed,
        unchanged: plan.unchanged,
        rejected: plan.rejected,
        written: false,
        dry_run: options.dry_run,
    };
    if !plan.changes.is_empty() && !options.dry_run {
        let stored = opened
            .project
            .locales
            .iter()
            .find(|l| l.lang == lang.tag)
            .and_then(|l| l.statement.as_ref())
            .ok_or_else(|| Error::Refused(format!("{} is missing", report.target.display())))?;
        report.written = edit::rewrite(
            &options.root,
            stored,
            &plan.changes,
            &opened.project.settings,
        )?;
    }
    Ok(report)
}

/// The language of the project a file is for.
fn language<'a>(site: &'a Site, tag: &LangTag) -> Result<&'a Language> {
    if *tag == site.original {
        return Err(Error::Refused(format!(
            "`{tag}` is the language of the original; name a translation language"
        )));
    }
    site.language(tag.as_str())
        .filter(|l| l.translation.is_some())
        .ok_or_else(|| {
            Error::Refused(format!(
                "{} does not exist; run `tolmach sync {tag}` to create it",
                crate::layout::translation(tag).display()
            ))
        })
}

/// What an import will do.
#[derive(Debug, Default)]
struct Plan {
    changes: Vec<Change>,
    changed: Vec<String>,
    unchanged: usize,
    rejected: Vec<Diagnostic>,
}

/// Decide, unit by unit, what importing `file` changes.
fn plan(site: &Site, lang: &Language, file: &ImportFile, path: &Path) -> Plan {
    let mut plan = Plan::default();
    let mut seen = HashSet::new();
    let mut present: Vec<String> = lang
        .translation
        .iter()
        .flat_map(|t| t.entries.iter().map(|e| e.id.clone()))
        .collect();
    for unit in &file.units {
        let reject = |message: String| {
            Diagnostic::warning(path, Some(unit.location), format!("{}: {message}", unit.id))
        };
        if !seen.insert(unit.id.as_str()) {
            plan.rejected.push(reject(
                "appears twice in the file; only the first is read".into(),
            ));
            continue;
        }
        let Some(current) = site.source.unit(&unit.id) else {
            plan.rejected
                .push(reject("is not a unit of the source".into()));
            continue;
        };
        match decide(&current.text, lang.entry(current), unit) {
            Decision::Unchanged => plan.unchanged += 1,
            Decision::Rejected(message) => plan.rejected.push(reject(message)),
            Decision::Change(fields) => {
                plan.changed.push(unit.id.clone());
                plan.changes
                    .extend(changes_for(site, &mut present, &unit.id, fields));
            }
        }
    }
    plan
}

enum Decision {
    Unchanged,
    Rejected(String),
    /// Set these fields (and drop `previous_source`).
    Change(Vec<(&'static str, String)>),
}

fn decide(current: &str, entry: Option<&Entry>, unit: &ImportUnit) -> Decision {
    let target = normalize_space(&unit.target);
    let stored = entry.map(|e| normalize_space(&e.text)).unwrap_or_default();
    let state = State::of(current, entry);
    if target == stored && !(unit.done && state == State::Stale) {
        return Decision::Unchanged;
    }
    if target.is_empty() {
        return Decision::Rejected("the file has no translation; the current one is kept".into());
    }
    if !crate::text::same_words(&unit.source, current) {
        return Decision::Rejected(format!(
            "translated from a different original than the current source (export again): {}",
            model::diff::words(&unit.source, current)
        ));
    }
    if !unit.done {
        return Decision::Rejected(format!(
            "state is `{}`, not translated; confirm it in the tool to import it",
            unit.state
        ));
    }
    let mut fields = Vec::new();
    if entry.and_then(|e| e.source.as_deref()) != Some(current) {
        fields.push(("source", current.to_string()));
    }
    if target != stored {
        fields.push(("text", unit.target.trim().to_string()));
    }
    Decision::Change(fields)
}

/// The edits for one accepted unit: update it, or insert it after the
/// nearest preceding unit the file already has.
fn changes_for(
    site: &Site,
    present: &mut Vec<String>,
    id: &str,
    fields: Vec<(&'static str, String)>,
) -> Vec<Change> {
    if present.iter().any(|p| p == id) {
        let mut out: Vec<Change> = fields
            .into_iter()
            .map(|(field, value)| Change::Set {
                id: id.to_string(),
                field,
                value,
            })
            .collect();
        out.push(Change::Remove {
            id: id.to_string(),
            field: "previous_source",
        });
        return out;
    }
    let after = site
        .source
        .units()
        .take_while(|u| u.id != *id)
        .filter(|u| present.iter().any(|p| u.id == *p.as_str()))
        .last()
        .map(|u| u.id.to_string());
    let current = site
        .source
        .unit(id)
        .map(|u| u.text.clone())
        .unwrap_or_default();
    let text = fields
        .into_iter()
        .find(|(f, _)| *f == "text")
        .map(|(_, v)| v)
        .unwrap_or_default();
    present.push(id.to_string());
    vec![Change::Insert {
        after,
        id: id.to_string(),
        fields: vec![("source", current), ("text", text)],
    }]
}
