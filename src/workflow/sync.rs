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

use std::path::{Path, PathBuf};

use crate::edit::{self, Change, quote};
use crate::error::{Error, Result};
use crate::lang::LangTag;
use crate::layout;
use crate::load::{self, Project, TextFile};
use crate::model::unit::source_is_current;
use crate::model::{self, Entry, Language, Site, Source};
use crate::settings::Overrides;

/// What `sync` is asked.
#[derive(Clone, Debug, Default)]
pub(crate) struct Options {
    /// The project root.
    pub root: PathBuf,
    /// Languages to create or refresh (every translation if none).
    pub langs: Vec<String>,
}

/// What `sync` did, per language, in the order asked.
#[derive(Debug, Default)]
pub(crate) struct Report {
    /// Each language and what happened to it.
    pub languages: Vec<(LangTag, Outcome)>,
}

/// What happened to one language.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// A new language: its files were created with this many units to translate.
    Created {
        /// Units in the skeleton.
        units: usize,
    },
    /// An existing language was brought in line with the source.
    Refreshed(Summary),
}

/// What a refresh did to one language.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Summary {
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

/// The changes that bring one language's translation file in line with the source.
pub(crate) fn changes(site: &Site, lang: &Language) -> (Vec<Change>, Summary) {
    let mut changes = Vec::new();
    let mut summary = Summary::default();
    let mut previous: Option<String> = None;
    for unit in site.source.units() {
        match lang.entry(unit) {
            None => {
                changes.push(Change::Insert {
                    after: previous.clone(),
                    id: unit.id.to_string(),
                    fields: vec![("source", unit.text.clone()), ("text", String::new())],
                });
                summary.added.push(unit.id.to_string());
            }
            Some(entry) => refresh(entry, &unit.text, &mut changes, &mut summary),
        }
        previous = Some(unit.id.to_string());
    }
    (changes, summary)
}

/// Update one existing entry whose `source` is not the current original.
fn refresh(entry: &Entry, current: &str, changes: &mut Vec<Change>, summary: &mut Summary) {
    if source_is_current(entry, current) {
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

/// Refresh one existing language; returns the summary (files written only if changed).
fn refresh_language(
    root: &Path,
    project: &Project,
    site: &Site,
    lang: &Language,
) -> Result<Summary> {
    let files = project
        .files_of(&lang.tag)
        .expect("every language of the model was loaded");
    let Some(file) = files.statement.as_ref() else {
        write_file(
            root,
            &lang.translation_path(),
            &skeleton(&site.source, &lang.tag),
        )?;
        return Ok(Summary {
            added: site.source.units().map(|u| u.id.to_string()).collect(),
            ..Summary::default()
        });
    };
    let (mut changes, mut summary) = changes(site, lang);
    let mut moving = Vec::new();
    for entry in lang.orphan_entries() {
        if lang
            .parked
            .as_ref()
            .is_some_and(|p| p.entry(&entry.id).is_some())
        {
            summary.kept.push(entry.id.clone());
            continue;
        }
        changes.push(Change::Delete {
            id: entry.id.clone(),
        });
        summary.orphaned.push(entry.id.clone());
        moving.push(entry);
    }
    if !moving.is_empty() {
        // Parked first: if writing the translation then fails, the unit is
        // in both files, never in neither.
        park(root, project, lang, file, files.orphans.as_ref(), &moving)?;
    }
    edit::rewrite(root, file, &changes, &project.settings)?;
    Ok(summary)
}

/// Append `entries` of `file`, exactly as written there, to `orphans.yaml`,
/// proven by reading the result back.
fn park(
    root: &Path,
    project: &Project,
    lang: &Language,
    file: &TextFile,
    parked: Option<&TextFile>,
    entries: &[&Entry],
) -> Result<()> {
    let raw = load::raw_text(root, file, &project.settings)?;
    let mut text = match parked {
        Some(parked) => load::raw_text(root, parked, &project.settings)?,
        None => orphans_header(&lang.tag),
    };
    let eol = if text.contains("\r\n") { "\r\n" } else { "\n" };
    if !text.is_empty() && !text.ends_with('\n') {
        text.push_str(eol);
    }
    for entry in entries {
        let lines = edit::unit_text(&raw, &file.path, &entry.id).map_err(Error::at)?;
        let lines = lines.replace("\r\n", "\n").replace('\n', eol);
        text.push_str(&format!(
            "{eol}# Moved from {} by `tolmach sync`: `{}` is no longer in the source.{eol}{lines}{eol}",
            layout::translation_file_name(),
            entry.id,
        ));
    }
    let path = lang.orphans_path();
    let before = parked.map_or(Ok(Vec::new()), |p| contents(&p.text, &p.path))?;
    let (decoded, _) = load::decode(text.clone().into_bytes(), &path, true).map_err(Error::at)?;
    let after = contents(&decoded, &path)?;
    let intended: Vec<Entry> = before
        .into_iter()
        .chain(entries.iter().map(|e| e.content()))
        .collect();
    if after != intended {
        return Err(Error::Refused(format!(
            "moving {} to {} could not be done exactly; nothing was written",
            entries
                .iter()
                .map(|e| e.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            path.display()
        )));
    }
    write_file(root, &path, &text)
}

/// The entries of a translation file's text, positions aside.
fn contents(text: &str, path: &Path) -> Result<Vec<Entry>> {
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Ok(Vec::new());
    }
    let translation = model::Translation::parse(text, path).map_err(Error::at)?;
    Ok(translation.entries.iter().map(Entry::content).collect())
}

fn orphans_header(lang: &LangTag) -> String {
    format!(
        "# Units of the `{lang}` translation whose ids are no longer in sources/statement.md.\n\
         # `tolmach sync` moves them here so that no translation is lost; reuse a text, then delete its entry.\n"
    )
}

/// The translation file of a new language: every unit, empty.
pub(crate) fn skeleton(source: &Source, lang: &LangTag) -> String {
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

/// The interface strings of a new language: the original's, to translate.
pub(crate) fn messages_skeleton(original: &str, lang: &LangTag) -> String {
    let mut out = format!(
        "### Interface strings of `{lang}`, created by `tolmach sync {lang}`.\n\
         ### Every message is commented out: until you translate it, pages show the\n\
         ### text of the fallback languages, marked as that language's. To translate a\n\
         ### message, remove the `# ` before its lines and translate the text after\n\
         ### `=`; keep the ids, `{{ $variables }}` and `{{ -terms }}` as they are.\n\
         ### Set `language-name` (the language's name for itself) and\n\
         ### `language-direction` (`ltr` or `rtl`) first: `tolmach check` reports them\n\
         ### missing, and the language is not published without them.\n\n"
    );
    for line in original.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            out.push_str(line);
        } else {
            out.push_str("# ");
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}

/// The reviewer's note of a new language, with the sections every
/// language's note has.
pub(crate) fn review_skeleton(lang: &LangTag) -> String {
    format!(
        "# `{lang}` translation: reviewer's note\n\n\
         This is an unofficial translation, not yet reviewed by a native speaker.\n\n\
         ## Start here\n\n\
         <!-- The units the translator trusts least, each as `unit-id`: why. -->\n\n\
         ## Conventions\n\n\
         <!-- Spelling, quotation marks, state and organisation names, recurring terms. -->\n\n\
         ## Принципы перевода (на русском языке)\n\n\
         <!-- The conventions again, in Russian, for reviewers in the ministries. -->\n\n\
         ## Doubts\n\n\
         <!-- unit id · original · choice · alternatives -->\n\n\
         ## Second reading\n\n\
         <!-- Each point of a review and what was done: fixed (old → new) or kept (why). -->\n"
    )
}

/// Create `locales/LANG/` for a new language.
fn create_language(root: &Path, project: &Project, site: &Site, lang: &LangTag) -> Result<()> {
    let original = project
        .files_of(&site.original)
        .ok_or_else(|| Error::Refused(format!("locales/{}/ is missing", site.original)))?;
    write_file(
        root,
        &layout::translation(lang),
        &skeleton(&site.source, lang),
    )?;
    write_file(
        root,
        &layout::messages(lang),
        &messages_skeleton(&original.messages.text, lang),
    )?;
    let notes = layout::review_notes(lang);
    if !root.join(&notes).exists() {
        write_file(root, &notes, &review_skeleton(lang))?;
    }
    Ok(())
}

/// Write a file of the project atomically (see [`crate::write::replace_file`]).
fn write_file(root: &Path, rel: &Path, text: &str) -> Result<()> {
    crate::write::replace_file(&root.join(rel), text.as_bytes())
}

/// Create or refresh the languages asked for.
pub(crate) fn run(options: &Options) -> Result<Report> {
    let opened = model::open(&options.root, Overrides::default())?;
    let site = &opened.site;
    let mut langs = Vec::new();
    for lang in &options.langs {
        let tag = LangTag::parse(lang).map_err(Error::Refused)?;
        if tag == site.original {
            return Err(Error::Refused(format!(
                "`{tag}` is the original; it has no translation to sync"
            )));
        }
        if site.language(&tag).is_none()
            && let Some(existing) = site
                .languages
                .iter()
                .find(|l| l.tag.language() == tag.language())
        {
            return Err(Error::Refused(format!(
                "`{tag}` would start a second edition in `{}` beside locales/{}/; to work on that language, use `{}` (import accepts files labelled `{tag}`)",
                existing.name, existing.tag, existing.tag
            )));
        }
        langs.push(tag);
    }
    if langs.is_empty() {
        langs = site.translations().map(|l| l.tag.clone()).collect();
    }
    let mut report = Report::default();
    for tag in langs {
        let outcome = match site.language(tag.as_str()) {
            Some(lang) => Outcome::Refreshed(refresh_language(
                &options.root,
                &opened.project,
                site,
                lang,
            )?),
            None => {
                create_language(&options.root, &opened.project, site, &tag)?;
                Outcome::Created {
                    units: site.source.unit_count(),
                }
            }
        };
        report.languages.push((tag, outcome));
    }
    Ok(report)
}
