//! Stage 2, model: parse what `load` read and cross-check it into a [`Site`]:
//! the source, and per language every unit with its state.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;
use unic_langid::LanguageIdentifier;

use crate::error::{Diagnostic, Location, Severity};
use crate::i18n::Messages;
use crate::lang::ORIGINAL;
use crate::load::Project;
use crate::source::{Source, normalize_space, same_words};
use crate::translation::{Entry, Translation};

/// The state of one translation unit in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Translated from the current Russian.
    Translated,
    /// Translated from an older version of the Russian.
    Stale,
    /// Absent or empty.
    Missing,
}

/// One unit of one language, ready to render.
#[derive(Clone, Debug)]
pub struct UnitText {
    /// Translated, stale or missing.
    pub state: State,
    /// The Markdown to show: the translation, or the Russian when missing.
    pub text: String,
    /// `text` rendered to safe inline HTML, once for every page that shows it.
    pub html: String,
    /// The language `text` is in.
    pub text_lang: String,
    /// For a stale unit: the Russian it was translated from.
    pub old_source: Option<String>,
    /// Where the entry is in the translation file, if it exists.
    pub location: Option<Location>,
}

impl UnitText {
    /// A unit shown as `text` (Markdown in `text_lang`), rendered to HTML once here.
    fn new(
        state: State,
        text: String,
        text_lang: &str,
        old_source: Option<String>,
        location: Option<Location>,
    ) -> Self {
        UnitText {
            state,
            html: crate::markdown::render_inline(&text),
            text,
            text_lang: text_lang.to_string(),
            old_source,
            location,
        }
    }
}

/// A unit present in a translation but absent from the source.
#[derive(Clone, Debug)]
pub struct Orphan {
    /// The file it is in.
    pub path: PathBuf,
    /// The entry.
    pub entry: Entry,
}

/// One language of the edition.
#[derive(Debug)]
pub struct Language {
    /// The BCP 47 tag, also the output folder.
    pub tag: String,
    /// The language's own name for itself.
    pub name: String,
    /// `ltr` or `rtl`.
    pub dir: String,
    /// Interface strings.
    pub messages: std::sync::Arc<Messages>,
    /// The translation file, if the language has one.
    pub translation_path: Option<PathBuf>,
    /// Unit id → what to show.
    pub units: HashMap<String, UnitText>,
    /// Entries whose ids the source does not have.
    pub orphans: Vec<Orphan>,
}

impl Language {
    /// Whether this is the original's language.
    pub fn is_original(&self) -> bool {
        self.tag == ORIGINAL
    }

    /// The unit `id`; every source id has one.
    pub fn unit(&self, id: &str) -> &UnitText {
        self.units
            .get(id)
            .expect("model::site fills every source unit in every language")
    }
}

/// The whole edition: the source and every language.
#[derive(Debug)]
pub struct Site {
    /// The original.
    pub source: Source,
    /// Languages in display order; the original first.
    pub languages: Vec<Language>,
    /// Paragraph id → citation number (1-based, in reading order).
    pub numbers: HashMap<String, usize>,
}

impl Site {
    /// The language with tag `tag`.
    pub fn language(&self, tag: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.tag == tag)
    }
}

/// Build the model. Problems are collected rather than stopping at the
/// first; the caller decides which severities are fatal. Returns `None` for
/// the site only if something it depends on could not be parsed at all.
pub fn site(project: &Project) -> (Option<Site>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let source = match Source::parse(&project.source.text, &project.source.path) {
        Ok(source) => Some(source),
        Err(errors) => {
            problems.extend(errors);
            None
        }
    };
    // Languages are independent: parse them in parallel, report in order.
    let mut languages = Vec::new();
    let parsed: Vec<_> = project.locales.par_iter().map(parse_locale).collect();
    for (language, found) in parsed {
        problems.extend(found);
        languages.extend(language);
    }
    let Some(source) = source else {
        return (None, problems);
    };
    if !problems.iter().all(|p| p.severity == Severity::Warning) {
        return (None, problems);
    }
    let built: Vec<(Language, Vec<Diagnostic>)> = languages
        .into_par_iter()
        .map(|(tag, name, dir, messages, translation)| {
            let mut found = Vec::new();
            let (units, orphans) = units_of(&source, &tag, translation.as_ref(), &mut found);
            let language = Language {
                translation_path: translation.map(|t| t.path),
                tag,
                name,
                dir,
                messages: std::sync::Arc::new(messages),
                units,
                orphans,
            };
            (language, found)
        })
        .collect();
    let mut languages = Vec::with_capacity(built.len());
    for (language, found) in built {
        problems.extend(found);
        languages.push(language);
    }
    let numbers = source
        .paragraphs()
        .enumerate()
        .map(|(i, u)| (u.id.clone(), i + 1))
        .collect();
    (
        Some(Site {
            source,
            languages,
            numbers,
        }),
        problems,
    )
}

/// A language's files, parsed: tag, endonym, direction, messages, translation.
type Parsed = (String, String, String, Messages, Option<Translation>);

/// Parse one language folder's files, collecting what is wrong with them.
fn parse_locale(files: &crate::load::LocaleFiles) -> (Option<Parsed>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let langid: LanguageIdentifier = files
        .lang
        .parse()
        .expect("load checked every language folder name");
    let messages = match Messages::parse(&files.messages.text, &files.messages.path, &langid) {
        Ok(messages) => messages,
        Err(errors) => return (None, errors),
    };
    let translation = files.statement.as_ref().and_then(|file| {
        Translation::parse(&file.text, &file.path)
            .map_err(|d| problems.push(d))
            .ok()
    });
    if files.lang != ORIGINAL && files.statement.is_none() {
        problems.push(Diagnostic::warning(
            PathBuf::from("locales").join(&files.lang),
            None,
            format!(
                "no {}; every paragraph will show the Russian (run `tolmach sync {}`)",
                crate::translation::FILE_NAME,
                files.lang
            ),
        ));
    }
    let (name, dir) = identity(&messages, &files.lang, &mut problems);
    (
        Some((files.lang.clone(), name, dir, messages, translation)),
        problems,
    )
}

/// The endonym and direction from the language's own messages.
fn identity(messages: &Messages, lang: &str, problems: &mut Vec<Diagnostic>) -> (String, String) {
    let name = messages.format("language-name", &[]).unwrap_or_else(|| {
        problems.push(Diagnostic::error(
            &messages.path,
            None,
            "missing message `language-name` (the language's name for itself)",
        ));
        lang.to_string()
    });
    let dir = messages
        .format("language-direction", &[])
        .unwrap_or_else(|| "ltr".to_string());
    if dir != "ltr" && dir != "rtl" {
        let at = messages
            .declared
            .get("language-direction")
            .map(|m| m.location);
        problems.push(Diagnostic::error(
            &messages.path,
            at,
            format!("`language-direction` must be `ltr` or `rtl`, not `{dir}`"),
        ));
    }
    (name, dir)
}

/// Decide the state of every source unit in one language and find its orphans.
fn units_of(
    source: &Source,
    lang: &str,
    translation: Option<&Translation>,
    problems: &mut Vec<Diagnostic>,
) -> (HashMap<String, UnitText>, Vec<Orphan>) {
    let mut units = HashMap::new();
    let entries: HashMap<&str, &Entry> = translation
        .map(|t| t.entries.iter().map(|e| (e.id.as_str(), e)).collect())
        .unwrap_or_default();
    for unit in source.units() {
        let entry = entries.get(unit.id.as_str()).copied();
        let shown = if lang == ORIGINAL {
            UnitText::new(State::Translated, unit.text.clone(), ORIGINAL, None, None)
        } else {
            match entry.filter(|e| !e.text.trim().is_empty()) {
                None => UnitText::new(
                    State::Missing,
                    unit.text.clone(),
                    ORIGINAL,
                    None,
                    entry.map(|e| e.location),
                ),
                Some(entry) => {
                    let stale = entry.previous_source.is_some()
                        || entry
                            .source
                            .as_deref()
                            .is_none_or(|s| !same_words(s, &unit.text));
                    let old_source = stale.then(|| {
                        entry
                            .previous_source
                            .clone()
                            .or_else(|| entry.source.clone())
                            .unwrap_or_default()
                    });
                    let state = if stale {
                        State::Stale
                    } else {
                        State::Translated
                    };
                    UnitText::new(
                        state,
                        normalize_space(&entry.text),
                        lang,
                        old_source,
                        Some(entry.location),
                    )
                }
            }
        };
        units.insert(unit.id.clone(), shown);
    }
    let mut orphans = Vec::new();
    if let Some(translation) = translation {
        for entry in &translation.entries {
            if !units.contains_key(&entry.id) {
                problems.push(Diagnostic::error(
                    &translation.path,
                    Some(entry.location),
                    format!(
                        "unit `{}` is not in the source (deleted or renamed?); run `tolmach sync {lang}` to move it to the orphans",
                        entry.id
                    ),
                ));
                orphans.push(Orphan {
                    path: translation.path.clone(),
                    entry: entry.clone(),
                });
            }
        }
    }
    (units, orphans)
}
