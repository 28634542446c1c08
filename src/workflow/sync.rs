//! `tolmach sync [LANG...]`: create `locales/LANG/` for a new language, or
//! bring an existing translation in line with the current source:
//! - a unit the file lacks is inserted after the unit before it in the source,
//!   with the Russian as `source` and an empty `text`;
//! - a unit translated from an older Russian keeps its `text`, gets the old
//!   Russian as `previous_source` and the current Russian as `source`;
//! - an entry whose unit the source no longer has is moved, byte for byte, to
//!   `orphans.yaml` in the same folder.
//!
//! Every change goes through [`super::edit`], so comments, order and the
//! quoting of untouched fields stay as they were, and a second run changes
//! nothing.

use std::path::Path;
use std::process::ExitCode;

use crate::error::{Error, Result};
use crate::lang::{ORIGINAL, check_tag};
use crate::load::{self, Project};
use crate::source::{Source, normalize_space};
use crate::translation::{Entry, FILE_NAME, Translation};

use super::edit::{self, Change, quote};
use super::status::{ORPHANS_FILE, orphans_path};

/// What a refresh did to one language.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Units inserted.
    pub added: Vec<String>,
    /// Units marked stale.
    pub stale: Vec<String>,
    /// Units whose `source` was updated (already stale, or untranslated).
    pub updated: Vec<String>,
    /// Units moved to `orphans.yaml`.
    pub orphaned: Vec<String>,
    /// Orphans left in place because `orphans.yaml` already has that id.
    pub kept: Vec<String>,
}

/// The changes that bring `translation` (the text `text`) in line with `source`.
pub fn changes(source: &Source, translation: &Translation) -> (Vec<Change>, Summary) {
    let mut changes = Vec::new();
    let mut summary = Summary::default();
    let mut previous: Option<String> = None;
    for unit in source.units() {
        match translation.entry(&unit.id) {
            None => {
                changes.push(Change::Insert {
                    after: previous.clone(),
                    id: unit.id.clone(),
                    fields: vec![("source", unit.text.clone()), ("text", String::new())],
                });
                summary.added.push(unit.id.clone());
            }
            Some(entry) => refresh(entry, &unit.text, &mut changes, &mut summary),
        }
        previous = Some(unit.id.clone());
    }
    (changes, summary)
}

/// Update one existing entry whose `source` is not the current Russian.
fn refresh(entry: &Entry, current: &str, changes: &mut Vec<Change>, summary: &mut Summary) {
    if entry
        .source
        .as_deref()
        .is_some_and(|s| normalize_space(s) == current)
    {
        return;
    }
    let set_source = Change::Set {
        id: entry.id.clone(),
        field: "source",
        value: current.to_string(),
    };
    if entry.previous_source.is_none() && !entry.text.trim().is_empty() {
        changes.push(Change::Set {
            id: entry.id.clone(),
            field: "previous_source",
            value: entry.source.clone().unwrap_or_default(),
        });
        summary.stale.push(entry.id.clone());
    } else {
        summary.updated.push(entry.id.clone());
    }
    changes.push(set_source);
}

/// The lines of entry `id` in `text` (key line to last field line), as written.
fn entry_lines(text: &str, entry: &Entry) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = entry.location.line.saturating_sub(1);
    let mut end = start + 1;
    while end < lines.len() {
        let line = lines[end];
        if !line.is_empty() && !line.starts_with([' ', '#']) {
            break;
        }
        end += 1;
    }
    while end > start + 1 && {
        let l = lines[end - 1];
        l.trim().is_empty() || l.starts_with('#')
    } {
        end -= 1;
    }
    lines[start..end.min(lines.len())].join("\n")
}

/// Refresh one existing language; returns the summary (files written only if changed).
fn refresh_language(
    root: &Path,
    project: &Project,
    source: &Source,
    lang: &str,
) -> Result<Summary> {
    let rel = Path::new("locales").join(lang).join(FILE_NAME);
    let Some(file) = project
        .locales
        .iter()
        .find(|l| l.lang == lang)
        .and_then(|l| l.statement.as_ref())
    else {
        write_file(root, &rel, &skeleton(source, lang))?;
        return Ok(Summary {
            added: source.units().map(|u| u.id.clone()).collect(),
            ..Summary::default()
        });
    };
    let translation = Translation::parse(&file.text, &file.path).map_err(Error::at)?;
    let (mut changes, mut summary) = changes(source, &translation);
    let parked = super::status::parked(root, lang)?;
    let mut moved = String::new();
    for entry in translation
        .entries
        .iter()
        .filter(|e| source.unit(&e.id).is_none())
    {
        if parked
            .as_ref()
            .is_some_and(|p| p.entry(&entry.id).is_some())
        {
            summary.kept.push(entry.id.clone());
            continue;
        }
        moved.push_str(&format!(
            "\n# Moved from {FILE_NAME} by `tolmach sync`: `{}` is no longer in the source.\n{}\n",
            entry.id,
            entry_lines(&file.text, entry)
        ));
        changes.push(Change::Delete {
            id: entry.id.clone(),
        });
        summary.orphaned.push(entry.id.clone());
    }
    if !moved.is_empty() {
        let orphans = orphans_path(lang);
        let mut text = if root.join(&orphans).exists() {
            load::read_text(root, &orphans, true)?.text
        } else {
            orphans_header(lang)
        };
        text.push_str(&moved);
        write_file(root, &orphans, &text)?;
    }
    let new = edit::apply(&file.text, &changes);
    if !changes.is_empty() && new != file.text {
        write_file(root, &rel, &new)?;
    }
    Ok(summary)
}

fn orphans_header(lang: &str) -> String {
    format!(
        "# Units of the `{lang}` translation whose ids are no longer in sources/statement.md.\n\
         # `tolmach sync` moves them here so that no translation is lost; reuse a text, then delete its entry.\n"
    )
}

/// The translation file of a new language: every unit, empty.
pub fn skeleton(source: &Source, lang: &str) -> String {
    let mut out = format!(
        "# `{lang}` translation of sources/statement.md, created by `tolmach sync {lang}`.\n\
         # Each unit: `source` is the Russian text it is translated from; `text` is the translation (empty: not translated yet).\n"
    );
    for unit in source.units() {
        out.push_str(&format!(
            "\n{}:\n  source: {}\n  text: \"\"\n",
            unit.id,
            quote(&unit.text)
        ));
    }
    out
}

/// The interface strings of a new language: the Russian's, to translate.
pub fn messages_skeleton(russian: &str, lang: &str) -> String {
    let mut out = format!(
        "### Interface strings of `{lang}`, copied from the Russian by `tolmach sync {lang}`: translate me.\n\
         ### Translate the text after each `=`; keep the ids, `{{ $variables }}` and `{{ -terms }}` as they are.\n\n"
    );
    for line in russian.lines() {
        if line.starts_with("language-name") && line.contains('=') {
            out.push_str(&format!("language-name = {lang}\n"));
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Create `locales/LANG/` for a new language.
fn create_language(root: &Path, project: &Project, source: &Source, lang: &str) -> Result<()> {
    let ru = project
        .locales
        .iter()
        .find(|l| l.lang == ORIGINAL)
        .ok_or_else(|| Error::Refused(format!("locales/{ORIGINAL}/ is missing")))?;
    let dir = Path::new("locales").join(lang);
    write_file(root, &dir.join(FILE_NAME), &skeleton(source, lang))?;
    write_file(
        root,
        &dir.join(crate::i18n::FILE_NAME),
        &messages_skeleton(&ru.messages.text, lang),
    )
}

/// Write a file of the project atomically (see [`crate::write::replace_file`]).
fn write_file(root: &Path, rel: &Path, text: &str) -> Result<()> {
    crate::write::replace_file(&root.join(rel), text.as_bytes())
}

/// One line per language saying what changed.
fn describe(lang: &str, s: &Summary) -> String {
    let mut parts = Vec::new();
    let mut say = |what: &str, ids: &[String]| {
        if !ids.is_empty() {
            parts.push(format!("{what} {} ({})", ids.len(), ids.join(", ")));
        }
    };
    say("added", &s.added);
    say("marked stale", &s.stale);
    say("updated source of", &s.updated);
    say(&format!("moved to {ORPHANS_FILE}"), &s.orphaned);
    say(
        &format!("left in place (already in {ORPHANS_FILE}, resolve by hand)"),
        &s.kept,
    );
    if parts.is_empty() {
        format!("{lang}: nothing to do")
    } else {
        format!("{lang}: {}", parts.join("; "))
    }
}

/// Run the command.
pub fn run(args: &crate::cli::SyncArgs) -> Result<ExitCode> {
    for lang in &args.langs {
        check_tag(lang).map_err(Error::Refused)?;
        if lang == ORIGINAL {
            return Err(Error::Refused(format!(
                "`{ORIGINAL}` is the original; it has no translation to sync"
            )));
        }
    }
    let root = &args.project.root;
    let project = load::project(root, crate::settings::Overrides::default())?;
    let source =
        Source::parse(&project.source.text, &project.source.path).map_err(Error::Invalid)?;
    let langs: Vec<String> = if args.langs.is_empty() {
        project
            .locales
            .iter()
            .map(|l| l.lang.clone())
            .filter(|l| l != ORIGINAL)
            .collect()
    } else {
        args.langs.clone()
    };
    let mut report = String::new();
    for lang in &langs {
        if project.locales.iter().any(|l| &l.lang == lang) {
            let summary = refresh_language(root, &project, &source, lang)?;
            report.push_str(&describe(lang, &summary));
        } else {
            create_language(root, &project, &source, lang)?;
            report.push_str(&format!(
                "{lang}: created locales/{lang}/{FILE_NAME} ({} units to translate) and locales/{lang}/{}",
                source.units().count(),
                crate::i18n::FILE_NAME
            ));
        }
        report.push('\n');
    }
    super::print(&report);
    Ok(ExitCode::SUCCESS)
}
