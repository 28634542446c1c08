//! `tolmach export` and `tolmach import`: hand a language to CAT tools and
//! translation platforms as XLIFF 2.1, XLIFF 1.2 or gettext PO, and take
//! their work back.
//!
//! Export writes one unit per translation unit of the source, in reading
//! order, keyed by the unit id. Import accepts a translation only if it was
//! made from the current Russian and the tool marked it translated; every
//! other unit is reported and left as it is. Changes go through
//! [`crate::workflow::edit`], so comments and order of the YAML survive, and
//! the file is replaced atomically, or not at all if anything is wrong.

pub mod po;
pub mod xliff;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::error::{Diagnostic, Error, Location, Result};
use crate::lang::ORIGINAL;
use crate::load;
use crate::model::State;
use crate::source::{Source, normalize_space, same_words};
use crate::translation::{self, Entry, Translation};
use crate::workflow::edit::{self, Change};

/// The file formats Tolmach exchanges.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// XLIFF 2.1 (ISO 21720).
    Xliff2,
    /// XLIFF 1.2, still the best supported by many CAT tools.
    Xliff12,
    /// gettext PO.
    Po,
}

impl Format {
    /// The format named on the command line.
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "xliff" | "xliff2" | "xliff21" => Some(Format::Xliff2),
            "xliff12" => Some(Format::Xliff12),
            "po" => Some(Format::Po),
            _ => None,
        }
    }
}

/// One unit as exported.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportUnit {
    /// The unit id.
    pub id: String,
    /// The current Russian.
    pub source: String,
    /// The translation as stored; empty when missing.
    pub target: String,
    /// Translated, stale or missing.
    pub state: State,
    /// For a stale unit: the Russian the translation was made from.
    pub previous_source: Option<String>,
    /// Where the unit is in the document, e.g. `sphere: trade; paragraph 14`.
    pub location: String,
    /// For a stale unit: the word diff of the old and the new Russian.
    pub diff: Option<String>,
}

/// One language ready to export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportDocument {
    /// The target language.
    pub lang: String,
    /// The source file, relative to the project root.
    pub original: String,
    /// Units in reading order.
    pub units: Vec<ExportUnit>,
}

/// One unit as read back from a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportUnit {
    /// The unit id.
    pub id: String,
    /// The Russian the file says the translation was made from.
    pub source: String,
    /// The translation; empty if the file has none.
    pub target: String,
    /// Whether the tool marked it translated (not fuzzy, not initial).
    pub done: bool,
    /// The state as the file names it, for messages.
    pub state: String,
    /// Where the unit starts in the file.
    pub location: Location,
}

/// A parsed XLIFF or PO file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportFile {
    /// The target language the file declares.
    pub lang: String,
    /// Units in file order.
    pub units: Vec<ImportUnit>,
}

/// Run `tolmach export`.
pub fn export(args: &crate::cli::ExportArgs) -> Result<ExitCode> {
    let Some(format) = Format::parse(&args.format) else {
        eprintln!(
            "error: unknown format `{}`; use xliff (XLIFF 2.1), xliff12 or po",
            args.format
        );
        return Ok(ExitCode::from(2));
    };
    let root = &args.project.root;
    let (source, translation) = read_language(root, &args.lang)?;
    let document = document(&source, &translation, &args.lang);
    let text = match format {
        Format::Xliff2 => xliff::write2(&document),
        Format::Xliff12 => xliff::write12(&document),
        Format::Po => po::write(&document),
    };
    match &args.out {
        Some(path) => crate::write::replace_file(path, text.as_bytes())?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| Error::io(Path::new("<stdout>"), e))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Run `tolmach import`.
pub fn import(args: &crate::cli::ImportArgs) -> Result<ExitCode> {
    let file = read_file(&args.file)?;
    let parsed = parse(&file, &args.file)?;
    let root = &args.project.root;
    let (source, translation) = read_language(root, &parsed.lang)?;
    let plan = plan(&source, &translation, &parsed, &args.file);
    let yaml_path = translation_path(&parsed.lang);
    if !plan.changes.is_empty() && !args.dry_run {
        let old = load::read_text(root, &yaml_path, true)?.text;
        let new = edit::apply(&old, &plan.changes);
        Translation::parse(&new, &yaml_path).map_err(|d| {
            Error::Refused(format!(
                "import would leave {} unreadable ({d}); nothing was written",
                yaml_path.display()
            ))
        })?;
        crate::write::replace_file(&root.join(&yaml_path), new.as_bytes())?;
    }
    print!("{}", plan.summary(&yaml_path, args.dry_run));
    Ok(ExitCode::SUCCESS)
}

/// Detect the format of `text` and parse it.
pub fn parse(text: &str, path: &Path) -> Result<ImportFile> {
    let file = if text.trim_start().starts_with('<') {
        xliff::read(text, path)
    } else {
        po::read(text, path)
    }
    .map_err(Error::at)?;
    if let Err(message) = crate::lang::check_tag(&file.lang) {
        return Err(Error::at(Diagnostic::error(
            path,
            None,
            format!("target language {message}"),
        )));
    }
    Ok(file)
}

/// Read an exchange file: UTF-8; a byte-order mark and CR LF line ends,
/// which Windows tools write, are accepted (line numbers stay the same).
fn read_file(path: &Path) -> Result<String> {
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    if size > load::MAX_FILE_BYTES {
        return Err(Error::at(Diagnostic::error(
            path,
            None,
            format!(
                "the file is {size} bytes; the limit is {} bytes (8 MiB)",
                load::MAX_FILE_BYTES
            ),
        )));
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut clean = Vec::with_capacity(bytes.len());
    for (i, &b) in bytes.iter().enumerate() {
        if !(b == b'\r' && bytes.get(i + 1) == Some(&b'\n')) {
            clean.push(b);
        }
    }
    load::decode(clean, path, false).map_err(Error::at)
}

/// `locales/LANG/statement.yaml`.
fn translation_path(lang: &str) -> PathBuf {
    Path::new("locales").join(lang).join(translation::FILE_NAME)
}

/// Read and parse the source and the translation of `lang`.
fn read_language(root: &Path, lang: &str) -> Result<(Source, Translation)> {
    if lang == ORIGINAL {
        return Err(Error::Refused(format!(
            "`{ORIGINAL}` is the language of the original; name a translation language"
        )));
    }
    crate::lang::check_tag(lang).map_err(Error::Refused)?;
    let path = translation_path(lang);
    if !root.join(&path).is_file() {
        return Err(Error::Refused(format!(
            "{} does not exist; run `tolmach sync {lang}` to create it",
            path.display()
        )));
    }
    let source_file = load::read_text(root, Path::new(load::SOURCE_PATH), true)?;
    let source = Source::parse(&source_file.text, &source_file.path).map_err(Error::Invalid)?;
    let file = load::read_text(root, &path, true)?;
    let translation = Translation::parse(&file.text, &file.path).map_err(Error::at)?;
    Ok((source, translation))
}

/// Where each unit is, in the words of the notes: `sphere: trade; paragraph 14`.
fn locations(source: &Source) -> Vec<(String, String)> {
    let mut number = 0;
    let mut para = |part: &str| {
        number += 1;
        format!("{part}; paragraph {number}")
    };
    let mut out = vec![(source.title.id.clone(), "title".to_string())];
    for unit in &source.preamble {
        out.push((unit.id.clone(), para("preamble")));
    }
    for sphere in &source.spheres {
        out.push((
            sphere.heading.id.clone(),
            format!("sphere: {}; heading", sphere.slug()),
        ));
        for unit in &sphere.paragraphs {
            out.push((unit.id.clone(), para(&format!("sphere: {}", sphere.slug()))));
        }
    }
    for unit in &source.closing {
        out.push((unit.id.clone(), para("closing")));
    }
    out
}

/// The export of one language, in reading order.
pub fn document(source: &Source, translation: &Translation, lang: &str) -> ExportDocument {
    let units = locations(source)
        .into_iter()
        .filter_map(|(id, location)| {
            let unit = source.unit(&id)?;
            Some(export_unit(
                &unit.text,
                translation.entry(&id),
                id,
                location,
            ))
        })
        .collect();
    ExportDocument {
        lang: lang.to_string(),
        original: source.path.to_string_lossy().replace('\\', "/"),
        units,
    }
}

/// The state of an entry against the current Russian, as the model decides it.
pub fn state_of(current: &str, entry: Option<&Entry>) -> State {
    match entry.filter(|e| !e.text.trim().is_empty()) {
        None => State::Missing,
        Some(e)
            if e.previous_source.is_some()
                || e.source.as_deref().is_none_or(|s| !same_words(s, current)) =>
        {
            State::Stale
        }
        Some(_) => State::Translated,
    }
}

fn export_unit(current: &str, entry: Option<&Entry>, id: String, location: String) -> ExportUnit {
    let state = state_of(current, entry);
    let previous_source = (state == State::Stale)
        .then(|| entry.and_then(|e| e.previous_source.clone().or_else(|| e.source.clone())))
        .flatten();
    let diff = previous_source
        .as_deref()
        .map(|old| word_diff(&normalize_space(old), current));
    ExportUnit {
        id,
        source: current.to_string(),
        target: entry.map(|e| e.text.clone()).unwrap_or_default(),
        state,
        previous_source,
        location,
        diff,
    }
}

/// A word diff in the style of `wdiff`: `[-removed-]` and `{+added+}`.
pub fn word_diff(old: &str, new: &str) -> String {
    use similar::{ChangeTag, TextDiff};
    let diff = TextDiff::from_words(old, new);
    let mut out = String::new();
    let mut open: Option<ChangeTag> = None;
    let close = |out: &mut String, tag: Option<ChangeTag>| match tag {
        Some(ChangeTag::Delete) => out.push_str("-]"),
        Some(ChangeTag::Insert) => out.push_str("+}"),
        _ => {}
    };
    for change in diff.iter_all_changes() {
        let tag = change.tag();
        let value = change.value();
        if tag != ChangeTag::Equal && value.trim().is_empty() && open == Some(tag) {
            out.push_str(value);
            continue;
        }
        if open != Some(tag) {
            close(&mut out, open);
            match tag {
                ChangeTag::Delete => out.push_str("[-"),
                ChangeTag::Insert => out.push_str("{+"),
                ChangeTag::Equal => {}
            }
            open = Some(tag);
        }
        out.push_str(value);
    }
    close(&mut out, open);
    out
}

/// What an import will do.
#[derive(Debug, Default)]
pub struct Plan {
    /// The edits to the translation file.
    pub changes: Vec<Change>,
    /// Ids of the units that change.
    pub changed: Vec<String>,
    /// How many units stay as they are.
    pub unchanged: usize,
    /// Units not imported, with the reason.
    pub rejected: Vec<Diagnostic>,
}

impl Plan {
    /// The summary printed after an import.
    pub fn summary(&self, yaml: &Path, dry_run: bool) -> String {
        let mut out = format!(
            "{}: changed {}, unchanged {}, rejected {}\n",
            yaml.display(),
            self.changed.len(),
            self.unchanged,
            self.rejected.len()
        );
        for id in &self.changed {
            out.push_str(&format!("  changed {id}\n"));
        }
        for d in &self.rejected {
            out.push_str(&format!("  rejected {d}\n"));
        }
        if !self.rejected.is_empty() {
            out.push_str("rejected units keep their current text and state\n");
        }
        if dry_run {
            out.push_str("dry run: nothing was written\n");
        }
        out
    }
}

/// Decide, unit by unit, what importing `file` changes.
pub fn plan(source: &Source, translation: &Translation, file: &ImportFile, path: &Path) -> Plan {
    let mut plan = Plan::default();
    let mut seen = std::collections::HashSet::new();
    let mut present: Vec<String> = translation.entries.iter().map(|e| e.id.clone()).collect();
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
        let Some(current) = source.unit(&unit.id) else {
            plan.rejected
                .push(reject("is not a unit of the source".into()));
            continue;
        };
        match decide(&current.text, translation.entry(&unit.id), unit) {
            Decision::Unchanged => plan.unchanged += 1,
            Decision::Rejected(message) => plan.rejected.push(reject(message)),
            Decision::Change(fields) => {
                plan.changed.push(unit.id.clone());
                plan.changes
                    .extend(changes_for(source, &mut present, &unit.id, fields));
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
    let state = state_of(current, entry);
    if target == stored && !(unit.done && state == State::Stale) {
        return Decision::Unchanged;
    }
    if target.is_empty() {
        return Decision::Rejected("the file has no translation; the current one is kept".into());
    }
    if normalize_space(&unit.source) != current {
        return Decision::Rejected(format!(
            "translated from a different Russian than the current source (export again): {}",
            word_diff(&normalize_space(&unit.source), current)
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
    source: &Source,
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
    let after = source
        .units()
        .take_while(|u| u.id != id)
        .filter(|u| present.contains(&u.id))
        .last()
        .map(|u| u.id.clone());
    let current = source.unit(id).map(|u| u.text.clone()).unwrap_or_default();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_diff_marks_removed_and_added_words() {
        assert_eq!(word_diff("a b c", "a x c"), "a [-b-]{+x+} c");
        assert_eq!(word_diff("a c", "a b c"), "a {+b +}c");
    }

    #[test]
    fn states_follow_the_model() {
        let entry = |source: &str, text: &str| Entry {
            id: "a".into(),
            location: Location::new(1, 1),
            source: Some(source.into()),
            text: text.into(),
            previous_source: None,
        };
        assert_eq!(state_of("А", None), State::Missing);
        assert_eq!(state_of("А", Some(&entry("А", " "))), State::Missing);
        assert_eq!(state_of("А", Some(&entry("А", "A"))), State::Translated);
        assert_eq!(state_of("А", Some(&entry("Б", "A"))), State::Stale);
    }
}
