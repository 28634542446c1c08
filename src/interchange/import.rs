//! `tolmach import`: take a CAT tool's XLIFF or PO file back into the
//! language's translation file, as a three-way merge.
//!
//! Every export records per unit the translation it carried (its base, see
//! [`super::base_of`]). On import, a unit the tool changed and the file did
//! not takes the tool's text; a unit only the file changed keeps the file's
//! text; a unit both changed, to different texts, is a conflict: it is not
//! written, both versions are shown, and only `--theirs` or `--ours`
//! resolves it. A translation is accepted only if it was made from the
//! current original, is not empty, and the tool marked it done. Changes go
//! through [`crate::edit`]; the file is replaced atomically, or not at all.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::{Base, ImportFile, ImportUnit, check_source_lang, letters, parse};
use crate::edit::{self, Change};
use crate::error::{Diagnostic, Error, Location, Result};
use crate::lang::LangTag;
use crate::load;
use crate::model::{self, Entry, Language, Review, Site, State, Unit};
use crate::settings::Overrides;
use crate::text::{normalize_space, words_hash};

/// How conflicts (units changed both in the file and by the tool) are resolved.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Resolve {
    /// Not at all: conflicting units are not written and the import fails.
    #[default]
    Refuse,
    /// Keep the translation file's text.
    Ours,
    /// Take the imported text.
    Theirs,
}

/// What `import` is asked.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    /// The project root.
    pub root: PathBuf,
    /// The XLIFF or PO file.
    pub file: PathBuf,
    /// Show what would change, change nothing.
    pub dry_run: bool,
    /// How to resolve conflicts.
    pub resolve: Resolve,
}

/// A unit changed both in the translation file and by the tool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Conflict {
    /// The unit id.
    pub id: String,
    /// Where the unit is in the imported file.
    pub location: Location,
    /// The translation file's text.
    pub ours: String,
    /// The imported text.
    pub theirs: String,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Default)]
pub(crate) struct Report {
    /// The translation file the import changes.
    pub target: PathBuf,
    /// The project language it imports into.
    pub lang: String,
    /// The imported file.
    pub file: PathBuf,
    /// The file's language when it was not written as the project's (`kk_KZ` for `kk`).
    pub declared_lang: Option<(String, LangTag)>,
    /// Ids of the units that change.
    pub changed: Vec<String>,
    /// How many units stay as they are.
    pub unchanged: usize,
    /// Units edited in the translation file after the export and left alone by the tool: the file's text is kept.
    pub kept: Vec<String>,
    /// Units changed both in the file and by the tool, not written.
    pub conflicts: Vec<Conflict>,
    /// Units not imported, with the reason.
    pub rejected: Vec<Diagnostic>,
    /// Units translated when exported that came back empty (kept as they were).
    pub emptied: Vec<String>,
    /// Units stale (fuzzy) when exported that came back empty (kept as they
    /// were): a tool that drops an unconfirmed fuzzy translation, as OmegaT
    /// does, writes them so.
    pub emptied_stale: Vec<String>,
    /// Warnings that do not reject anything (a file exported before bases were recorded).
    pub warnings: Vec<Diagnostic>,
    /// Whether the translation file was written.
    pub written: bool,
    /// Whether this was a dry run.
    pub dry_run: bool,
}

impl Report {
    /// Whether every unit of the file was accepted, kept or unchanged: no
    /// rejection, no emptied unit, no unresolved conflict.
    pub(crate) fn is_clean(&self) -> bool {
        self.rejected.is_empty()
            && self.conflicts.is_empty()
            && self.emptied.is_empty()
            && self.emptied_stale.is_empty()
    }
}

/// Import one file.
pub(crate) fn run(options: &Options) -> Result<Report> {
    let settings = load::settings(&options.root, Overrides::default())?;
    let file = load::exchange_file(&options.file, &settings)?;
    let parsed = parse(&file.text, &file.path)?;
    let opened = model::open(&options.root, Overrides::default())?;
    let site = &opened.site;
    check_source_lang(&parsed, &file.path, &site.original)?;
    let (lang, declared_lang) = language(site, &parsed, &file.path)?;
    let texts = parsed.units.iter().map(|u| u.target.as_str());
    if let Some(why) = letters::mismatch(site, lang, texts) {
        return Err(Error::at(Diagnostic::error(
            &file.path,
            None,
            format!(
                "the file is labelled `{}` but {why}; nothing was written",
                parsed.lang
            ),
        )));
    }
    let stored = opened
        .project
        .files_of(&lang.tag)
        .and_then(|l| l.statement.as_ref())
        .expect("a language with a translation has its file");
    let raw = load::raw_text(&options.root, stored, &opened.project.settings)?;
    let comments = edit::unit_comments(&raw, &stored.path).map_err(Error::at)?;
    let mut planner = Planner {
        site,
        lang,
        comments: &comments,
        resolve: options.resolve,
        path: &options.file,
        present: lang
            .translation
            .iter()
            .flat_map(|t| t.entries.iter().map(|e| e.id.clone()))
            .collect(),
        changes: Vec::new(),
        report: Report {
            target: lang.translation_path(),
            lang: lang.tag.to_string(),
            file: options.file.clone(),
            declared_lang,
            dry_run: options.dry_run,
            ..Report::default()
        },
    };
    planner.plan(&parsed);
    let Planner {
        changes,
        mut report,
        ..
    } = planner;
    if !changes.is_empty() && !options.dry_run {
        report.written = edit::rewrite(&options.root, stored, &changes, &opened.project.settings)?;
    }
    Ok(report)
}

/// The project language a file is for: the tag it declares, or the one
/// project language with the same primary language (`kk_KZ`, `kk-KZ` and
/// `kk-Cyrl-KZ` are the project's `kk`). Anything else is refused.
fn language<'a>(
    site: &'a Site,
    file: &ImportFile,
    path: &Path,
) -> Result<(&'a Language, Option<(String, LangTag)>)> {
    let refuse = |message: String| Error::at(Diagnostic::error(path, None, message));
    let canonical = file
        .lang
        .replace('_', "-")
        .parse::<unic_langid::LanguageIdentifier>()
        .map(|id| id.to_string())
        .map_err(|_| {
            refuse(format!(
                "target language `{}` is not a valid BCP 47 language tag",
                file.lang
            ))
        })?;
    let tag = LangTag::parse(&canonical).map_err(|m| refuse(format!("target language {m}")))?;
    let translations: Vec<&Language> = site
        .translations()
        .filter(|l| l.translation.is_some())
        .collect();
    let known = || {
        translations
            .iter()
            .map(|l| l.tag.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    if tag == site.original || (tag.language() == site.original.as_str()) {
        return Err(refuse(format!(
            "the file's target language `{}` is the language of the original; name a translation language",
            file.lang
        )));
    }
    if let Some(exact) = translations.iter().find(|l| l.tag == tag) {
        return Ok((exact, None));
    }
    let same: Vec<&&Language> = translations
        .iter()
        .filter(|l| l.tag.language() == tag.language())
        .collect();
    match same.as_slice() {
        [one] => Ok((one, Some((file.lang.clone(), one.tag.clone())))),
        [] => Err(refuse(format!(
            "the file is for `{}`, which is not a language of this project ({}); nothing was written (to start a new language, run `tolmach sync {tag}` first)",
            file.lang,
            known()
        ))),
        many => Err(refuse(format!(
            "the file is for `{}`, which could be any of {}; label it with one of them",
            file.lang,
            many.iter()
                .map(|l| format!("`{}`", l.tag))
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
}

/// Whether the planned fields change the text.
fn new_text_changes(set: &[(&'static str, String)]) -> bool {
    set.iter().any(|(f, _)| *f == "text")
}

/// Decides, unit by unit, what an import changes.
struct Planner<'a> {
    site: &'a Site,
    lang: &'a Language,
    comments: &'a HashMap<String, Vec<String>>,
    resolve: Resolve,
    path: &'a Path,
    present: Vec<String>,
    changes: Vec<Change>,
    report: Report,
}

/// What happens to one unit's text.
enum Decision {
    Unchanged,
    Kept,
    Emptied,
    Conflict,
    Rejected(String),
    /// Set these fields (and drop `previous_source`).
    Change(Vec<(&'static str, String)>),
}

impl Planner<'_> {
    fn plan(&mut self, file: &ImportFile) {
        let mut seen = HashSet::new();
        for unit in &file.units {
            if !seen.insert(unit.id.as_str()) {
                self.reject(
                    unit,
                    "appears twice in the file; only the first is read".into(),
                );
                continue;
            }
            let Some(current) = self.site.source.unit(&unit.id) else {
                self.reject(unit, "is not a unit of the source".into());
                continue;
            };
            let entry = self.lang.entry(current);
            let decision = self.decide(current, entry, unit);
            let counted = !matches!(decision, Decision::Unchanged | Decision::Change(_));
            let mut fields = match decision {
                Decision::Unchanged => Vec::new(),
                Decision::Kept => {
                    self.report.kept.push(unit.id.clone());
                    Vec::new()
                }
                Decision::Emptied => {
                    let emptied = if self.lang.unit(current).state == State::Stale {
                        &mut self.report.emptied_stale
                    } else {
                        &mut self.report.emptied
                    };
                    emptied.push(unit.id.clone());
                    Vec::new()
                }
                Decision::Conflict => {
                    self.report.conflicts.push(Conflict {
                        id: unit.id.clone(),
                        location: unit.location,
                        ours: entry.map(|e| e.text.clone()).unwrap_or_default(),
                        theirs: unit.target.clone(),
                    });
                    Vec::new()
                }
                Decision::Rejected(message) => {
                    self.reject(unit, message);
                    Vec::new()
                }
                Decision::Change(fields) => fields,
            };
            let text_changes = !fields.is_empty();
            let accepted = !counted;
            let mut removed = Vec::new();
            if accepted {
                self.review(current, entry, unit, &mut fields, &mut removed);
            }
            if let Some(note) = self.note(current, entry, unit) {
                fields.push(("note", note));
            }
            if fields.is_empty() && removed.is_empty() {
                if !counted {
                    self.report.unchanged += 1;
                }
                continue;
            }
            self.report.changed.push(unit.id.clone());
            let changes = self.changes_for(current, fields, removed, text_changes);
            self.changes.extend(changes);
        }
    }

    fn reject(&mut self, unit: &ImportUnit, message: String) {
        self.report.rejected.push(Diagnostic::warning(
            self.path,
            Some(unit.location),
            format!("{}: {message}", unit.id),
        ));
    }

    fn decide(&mut self, current: &Unit, entry: Option<&Entry>, unit: &ImportUnit) -> Decision {
        let target = normalize_space(&unit.target);
        let stored = entry.map(|e| normalize_space(&e.text)).unwrap_or_default();
        let state = State::of(&current.text, entry);
        if target == stored {
            let confirms = unit.done && state == State::Stale;
            if !(confirms && crate::text::same_words(&unit.source, &current.text)) {
                return Decision::Unchanged;
            }
            return Decision::Change(self.accepted(current, entry, &unit.target, false));
        }
        let mut forced = false;
        match unit.base.as_deref().map(Base::parse) {
            Some(base) => {
                let tool_changed = words_hash(&target) != base.text;
                let file_changed = words_hash(&stored) != base.text;
                if !tool_changed {
                    return Decision::Kept;
                }
                if file_changed {
                    match self.resolve {
                        Resolve::Refuse => return Decision::Conflict,
                        Resolve::Ours => return Decision::Unchanged,
                        Resolve::Theirs => forced = true,
                    }
                }
                if target.is_empty() && !file_changed && !stored.is_empty() {
                    return Decision::Emptied;
                }
            }
            None if !stored.is_empty() => {
                self.report.warnings.push(Diagnostic::warning(
                    self.path,
                    Some(unit.location),
                    format!(
                        "{}: the file records no base (exported before Tolmach recorded one), so an edit made in {} since the export cannot be told apart; the tool's text is taken",
                        unit.id,
                        self.lang.translation_path().display()
                    ),
                ));
            }
            None => {}
        }
        if target.is_empty() {
            return Decision::Rejected(
                "the file has no translation; the current one is kept".into(),
            );
        }
        if let Some(c) = unit
            .target
            .chars()
            .find(|&c| crate::text::is_forbidden_control(c))
        {
            return Decision::Rejected(format!(
                "the translation holds control character U+{:04X}; only tabs and line breaks may appear in text",
                c as u32
            ));
        }
        if !crate::text::same_words(&unit.source, &current.text) {
            return Decision::Rejected(format!(
                "translated from a different original than the current source (export again): {}",
                model::diff::words(&unit.source, &current.text)
            ));
        }
        if !unit.done && !forced {
            return Decision::Rejected(format!(
                "state is `{}`, not translated; confirm it in the tool to import it",
                unit.state
            ));
        }
        Decision::Change(self.accepted(current, entry, &unit.target, true))
    }

    /// The fields an accepted unit sets: the current original as `source`
    /// (if it is not already), and the text if it differs.
    fn accepted(
        &self,
        current: &Unit,
        entry: Option<&Entry>,
        target: &str,
        text: bool,
    ) -> Vec<(&'static str, String)> {
        let mut fields = Vec::new();
        if entry.and_then(|e| e.source.as_deref()) != Some(current.text.as_str()) {
            fields.push(("source", current.text.clone()));
        }
        let stored = entry.map(|e| normalize_space(&e.text)).unwrap_or_default();
        if text && normalize_space(target) != stored {
            fields.push(("text", target.trim().to_string()));
        }
        if fields.is_empty() {
            // A stale unit confirmed as it is: only `previous_source` goes.
            fields.push(("source", current.text.clone()));
        }
        fields
    }

    /// The review fields an accepted unit gets. A new text takes the
    /// tool's level (a reviewer who edits and signs off in the tool); an
    /// unchanged text takes it if the tool changed the level since the
    /// export and the file did not. Without a recorded base a level is only
    /// ever raised. A text that is not reviewed carries no review fields.
    fn review(
        &self,
        current: &Unit,
        entry: Option<&Entry>,
        unit: &ImportUnit,
        set: &mut Vec<(&'static str, String)>,
        removed: &mut Vec<&'static str>,
    ) {
        let shown = self.lang.unit(current);
        let file_level = shown.review;
        let tool_level = if unit.done {
            unit.review
        } else {
            Review::Translated
        };
        let new_text = set
            .iter()
            .find(|(f, _)| *f == "text")
            .map(|(_, v)| v.clone());
        let level = match (&new_text, unit.base.as_deref().map(Base::parse)) {
            (Some(_), _) => tool_level,
            (None, Some(base)) if tool_level != base.review && file_level == base.review => {
                tool_level
            }
            (None, Some(_)) => file_level,
            (None, None) => file_level.max(tool_level),
        };
        let text = new_text.unwrap_or_else(|| entry.map(|e| e.text.clone()).unwrap_or_default());
        let recorded = entry.and_then(|e| e.review.as_deref()).is_some()
            || entry.and_then(|e| e.review_of.as_deref()).is_some();
        if level == Review::Translated {
            if recorded {
                removed.extend(["review", "review_of"]);
            }
        } else if level != file_level || new_text_changes(set) {
            set.push(("review", level.name().to_string()));
            set.push(("review_of", words_hash(&text)));
        }
    }

    /// The unit's new `note`, if the tool's notes add to what was exported:
    /// the notes that are not the unit's YAML comments, when they differ
    /// from its `note` field. A tool that drops notes never removes one.
    fn note(&self, current: &Unit, entry: Option<&Entry>, unit: &ImportUnit) -> Option<String> {
        let comments = self.comments.get(current.id.as_str());
        let lines: Vec<&str> = unit
            .notes
            .iter()
            .map(String::as_str)
            .filter(|n| !comments.is_some_and(|c| c.iter().any(|c| c == n)))
            .collect();
        let note = lines.join("\n");
        let stored = entry.and_then(|e| e.note.as_deref()).unwrap_or_default();
        (!note.trim().is_empty() && note.trim() != stored.trim()).then_some(note)
    }

    /// The edits for one unit: update it, or insert it after the nearest
    /// preceding unit the file already has.
    fn changes_for(
        &mut self,
        current: &Unit,
        fields: Vec<(&'static str, String)>,
        removed: Vec<&'static str>,
        text_changes: bool,
    ) -> Vec<Change> {
        let id = current.id.to_string();
        if self.present.contains(&id) {
            let mut out: Vec<Change> = fields
                .into_iter()
                .map(|(field, value)| Change::Set {
                    id: id.clone(),
                    field,
                    value,
                })
                .collect();
            let removed = removed
                .into_iter()
                .chain(text_changes.then_some("previous_source"));
            out.extend(removed.map(|field| Change::Remove {
                id: id.clone(),
                field,
            }));
            return out;
        }
        let after = self
            .site
            .source
            .units()
            .take_while(|u| u.id != current.id)
            .filter(|u| self.present.iter().any(|p| u.id == *p.as_str()))
            .last()
            .map(|u| u.id.to_string());
        let value = |name: &str| {
            fields
                .iter()
                .find(|(f, _)| *f == name)
                .map(|(_, v)| v.clone())
        };
        let mut new_fields = vec![
            ("source", current.text.clone()),
            ("text", value("text").unwrap_or_default()),
        ];
        for name in ["note", "review", "review_of"] {
            if let Some(value) = value(name) {
                new_fields.push((name, value));
            }
        }
        self.present.push(id.clone());
        vec![Change::Insert {
            after,
            id,
            fields: new_fields,
        }]
    }
}
