//! Stage 2, model: parse what `load` read and cross-check it into a [`Site`]:
//! the source, and per language every unit with its state. This is the one
//! place that decides the domain's rules: a unit's state, paragraph numbers
//! and parts, percentages, the word diff, where a language's files live and
//! which language is the original. Every command sees the project through
//! [`open`] (or `load::project` + [`site`] for the build).

pub(crate) mod diff;
pub(crate) mod glossary;
pub(crate) mod id;
pub(crate) mod kept;
pub(crate) mod source;
pub(crate) mod translation;
pub(crate) mod unit;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::error::{Diagnostic, Error, Location, Result, Severity};
use crate::i18n::Messages;
use crate::lang::LangTag;
use crate::layout;
use crate::load::{LocaleFiles, Project, TextFile};
use crate::settings::Overrides;
use crate::text::{is_forbidden_control, normalize_space};

pub use id::UnitId;
pub use source::{Source, Unit, UnitKind};
pub use translation::{Entry, Translation};
pub(crate) use unit::{Counts, Review, State};

/// Text direction of a language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left.
    Rtl,
}

impl Direction {
    /// `ltr` or `rtl`.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// One unit of one language, ready to show.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub(crate) struct UnitText {
    /// Translated, stale or missing.
    pub state: State,
    /// How far review has come (only a translated unit can be reviewed).
    pub review: Review,
    /// The Markdown to show: the translation, or the original when missing;
    /// empty where it is the same as `html` (most units: no markup and
    /// nothing HTML escapes), so that memory holds it once. Read it with
    /// [`UnitText::markdown`].
    text: Box<str>,
    /// `text` rendered to safe inline HTML, once for every page that shows it.
    pub html: Box<str>,
    /// Whether `text` is the original shown in place of a missing translation.
    pub fallback: bool,
    /// For a stale unit: the original it was translated from.
    pub old_source: Option<Box<str>>,
    /// The unit's entry in the translation file, as an index into
    /// [`Language::translation`]'s entries (32 bits: a language holds a
    /// unit text per unit of the source, and a large source has many).
    entry: Option<u32>,
    /// Where the entry is in the translation file, if it exists: line and
    /// column. Read it with [`UnitText::location`].
    place: Option<(u32, u32)>,
}

impl UnitText {
    /// The unit's entry in the translation file, as an index into
    /// [`Language::translation`]'s entries.
    pub(crate) fn entry(&self) -> Option<usize> {
        self.entry.map(|i| i as usize)
    }

    /// Forget the unit's entry (see [`Language::shed_for_rendering`]).
    pub(crate) fn forget_entry(&mut self) {
        self.entry = None;
    }

    /// Where the entry is in the translation file, if it exists.
    pub(crate) fn location(&self) -> Option<Location> {
        self.place
            .map(|(line, col)| Location::new(line as usize, col as usize))
    }

    /// The Markdown to show: the translation, or the original when missing.
    /// An empty `text` means the Markdown is `html` itself (empty Markdown
    /// renders to empty HTML, so the two cannot be told apart).
    pub(crate) fn markdown(&self) -> &str {
        if self.text.is_empty() {
            &self.html
        } else {
            &self.text
        }
    }
}

/// One language of the edition.
#[derive(Debug)]
pub(crate) struct Language {
    /// The BCP 47 tag, also the output folder.
    pub tag: LangTag,
    /// The language's own name for itself.
    pub name: String,
    /// Text direction.
    pub dir: Direction,
    /// Why the language cannot be published yet: its `site.ftl` lacks
    /// `language-name` or `language-direction` (a new language's skeleton
    /// leaves them for the translator). Errors for `check` and for a
    /// published language; a draft is built anyway.
    pub unnamed: Vec<Diagnostic>,
    /// Interface strings.
    pub messages: Arc<Messages>,
    /// Every unit of the source, by its position in reading order.
    pub units: Vec<UnitText>,
    /// `statement.yaml` as parsed, if the language has one.
    pub translation: Option<Translation>,
    /// Entries of `statement.yaml` whose ids the source does not have (indexes into its entries).
    pub orphans: Vec<usize>,
    /// `orphans.yaml`: units parked by `sync`, if any.
    pub parked: Option<Translation>,
    /// Counts over the whole document.
    pub counts: Counts,
    /// Counts per part, in the order of [`Source::parts`].
    pub part_counts: Vec<Counts>,
}

impl Language {
    /// The unit shown for the source unit `unit`.
    pub(crate) fn unit(&self, unit: &Unit) -> &UnitText {
        &self.units[unit.index]
    }

    /// The translation file's entry for `unit`, as written.
    pub(crate) fn entry(&self, unit: &Unit) -> Option<&Entry> {
        let index = self.unit(unit).entry()?;
        self.translation.as_ref().map(|t| &t.entries[index])
    }

    /// The entries of `statement.yaml` the source does not have.
    pub(crate) fn orphan_entries(&self) -> impl Iterator<Item = &Entry> {
        self.orphans
            .iter()
            .filter_map(|&i| self.translation.as_ref().map(|t| &t.entries[i]))
    }

    /// Orphans in `statement.yaml` and parked in `orphans.yaml`.
    pub(crate) fn orphan_count(&self) -> usize {
        self.orphans.len() + self.parked.as_ref().map_or(0, |p| p.entries.len())
    }

    /// `locales/<lang>/statement.yaml`.
    pub(crate) fn translation_path(&self) -> PathBuf {
        layout::translation(&self.tag)
    }

    /// `locales/<lang>/orphans.yaml`.
    pub(crate) fn orphans_path(&self) -> PathBuf {
        layout::orphans(&self.tag)
    }
}

/// The whole edition: the source and every language.
#[derive(Debug)]
pub(crate) struct Site {
    /// The language of the original.
    pub original: LangTag,
    /// Where a missing interface message is looked for, after the language itself.
    pub fallback: Vec<LangTag>,
    /// The original.
    pub source: Source,
    /// Languages in display order.
    pub languages: Vec<Language>,
}

impl Site {
    /// The language with tag `tag`.
    pub(crate) fn language(&self, tag: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.tag == tag)
    }

    /// Whether `lang` is the original's language.
    pub(crate) fn is_original(&self, lang: &Language) -> bool {
        lang.tag == self.original
    }

    /// The languages that translate the original, in display order.
    pub(crate) fn translations(&self) -> impl Iterator<Item = &Language> {
        self.languages.iter().filter(|l| l.tag != self.original)
    }

    /// The language a unit of `lang` is shown in.
    pub(crate) fn text_lang<'a>(&'a self, lang: &'a Language, unit: &Unit) -> &'a Language {
        if lang.unit(unit).fallback {
            self.language(self.original.as_str()).unwrap_or(lang)
        } else {
            lang
        }
    }

    /// For a stale unit of `lang`, how the original changed since it was
    /// translated, word by word (see [`diff::words`]).
    pub(crate) fn diff(&self, lang: &Language, unit: &Unit) -> Option<String> {
        let old = lang.unit(unit).old_source.as_deref()?;
        Some(diff::words(old, &unit.text))
    }

    /// Format the interface message `key` of `lang`, following the fallback
    /// chain: the language, the fallback languages, then the original.
    pub(crate) fn message(
        &self,
        lang: &LangTag,
        key: &str,
        args: &[(&str, fluent_bundle::FluentValue<'_>)],
    ) -> Option<String> {
        self.message_chain(lang)
            .filter_map(|tag| self.language(tag.as_str()))
            .find_map(|l| l.messages.format(key, args))
    }

    /// The languages a message of `lang` is looked for in, in order.
    pub(crate) fn message_chain<'a>(
        &'a self,
        lang: &'a LangTag,
    ) -> impl Iterator<Item = &'a LangTag> + Clone {
        std::iter::once(lang)
            .chain(&self.fallback)
            .chain(std::iter::once(&self.original))
    }
}

impl Site {
    /// Free what rendering does not read, once the model is built: the
    /// texts, sources, notes and reviews of the translation files' entries
    /// (the units hold what pages show) and the original's Markdown (each
    /// language's units hold it where shown). Each language's units keep
    /// their Markdown, whose plain text names and describes pages and fills
    /// the search index. Of the files' entries only the orphans and the
    /// parked stay, with their ids and places, to be listed. Commands other
    /// than rendering must not call this.
    pub(crate) fn shed_for_rendering(&mut self) {
        let source = &mut self.source;
        let all = std::iter::once(&mut source.title)
            .chain(&mut source.preamble)
            .chain(
                source
                    .spheres
                    .iter_mut()
                    .flat_map(|s| std::iter::once(&mut s.heading).chain(&mut s.paragraphs)),
            )
            .chain(&mut source.closing);
        for unit in all {
            unit.text = String::new();
        }
        for lang in &mut self.languages {
            lang.shed_for_rendering();
        }
    }
}

impl Language {
    /// Free what rendering does not read of this language (see
    /// [`Site::shed_for_rendering`]): its units' old originals and links to
    /// their entries, the entries of `statement.yaml` that are not orphans,
    /// and of the rest all but their ids and places. Each unit's Markdown
    /// stays: the search index reads it as plain text.
    pub(crate) fn shed_for_rendering(&mut self) {
        for unit in &mut self.units {
            unit.old_source = None;
            unit.forget_entry();
        }
        self.units.shrink_to_fit();
        // Of `statement.yaml`'s entries only the orphans are listed; the
        // others are in `units` already.
        if let Some(translation) = &mut self.translation {
            let orphans = std::mem::take(&mut self.orphans);
            let mut entries = std::mem::take(&mut translation.entries);
            translation.entries = orphans
                .iter()
                .map(|&i| std::mem::replace(&mut entries[i], Entry::new("")))
                .collect();
            self.orphans = (0..translation.entries.len()).collect();
        }
        let files = self.translation.iter_mut().chain(self.parked.iter_mut());
        for entry in files.flat_map(|t| &mut t.entries) {
            entry.source = None;
            entry.text = String::new();
            entry.previous_source = None;
            entry.note = None;
            entry.review = None;
            entry.review_of = None;
        }
    }
}

impl Site {
    /// Keep only the languages the settings publish; returns, for each
    /// language left out, why. A language is published if `languages` in
    /// the settings lists it (or the list is empty) and it meets the
    /// `publish` thresholds; with `drafts`, every language is kept. The
    /// original is always published.
    pub(crate) fn withhold_unpublished(
        &mut self,
        settings: &crate::settings::Settings,
    ) -> Vec<String> {
        if settings.drafts {
            return Vec::new();
        }
        let mut withheld = Vec::new();
        let original = self.original.clone();
        self.languages.retain(|lang| {
            if lang.tag == original {
                return true;
            }
            let why = if !is_listed(settings, &lang.tag) {
                Some(format!(
                    "it is not listed in `languages` in {}",
                    crate::layout::SETTINGS
                ))
            } else if lang.counts.percent() < settings.publish.min_translated {
                Some(format!(
                    "{}% is translated; publish.min_translated is {}%",
                    lang.counts.percent(),
                    settings.publish.min_translated
                ))
            } else if lang.counts.percent_reviewed() < settings.publish.min_reviewed {
                Some(format!(
                    "{}% is reviewed; publish.min_reviewed is {}%",
                    lang.counts.percent_reviewed(),
                    settings.publish.min_reviewed
                ))
            } else {
                None
            };
            match why {
                Some(why) => {
                    withheld.push(format!(
                        "`{}` is not published: {why} (build with --drafts to preview it)",
                        lang.tag
                    ));
                    false
                }
                None => true,
            }
        });
        withheld
    }
}

/// Whether the settings list `lang` among the published languages (an
/// empty list lists every language).
fn is_listed(settings: &crate::settings::Settings, lang: &LangTag) -> bool {
    settings.languages.is_empty() || settings.languages.contains(lang) || lang == &settings.original
}

/// Leave out of a project the language folders the settings do not list
/// (unless `drafts`), before anything of them is parsed: a draft that does
/// not even parse yet does not stop the build. Returns why each was left out.
pub(crate) fn withhold_unlisted(project: &mut Project) -> Vec<String> {
    let settings = &project.settings;
    if settings.drafts {
        return Vec::new();
    }
    let mut withheld = Vec::new();
    project.locales.retain(|files| {
        let listed = is_listed(settings, &files.lang);
        if !listed {
            withheld.push(format!(
                "`{}` is not published: it is not listed in `languages` in {} (build with --drafts to preview it)",
                files.lang,
                crate::layout::SETTINGS
            ));
        }
        listed
    });
    withheld
}

/// A project read and modelled for a command.
#[derive(Debug)]
pub(crate) struct Opened {
    /// Everything read.
    pub project: Project,
    /// The model.
    pub site: Site,
    /// What the model found, sorted (orphans among them: they stop a build
    /// but not the translator's tools).
    pub problems: Vec<Diagnostic>,
}

/// Read the project at `root` and build the model; fail only if the model
/// cannot be built at all.
pub(crate) fn open(root: &Path, overrides: Overrides) -> Result<Opened> {
    let project = crate::load::project(root, overrides)?;
    let (site, mut problems) = site(&project);
    problems.sort();
    problems.dedup();
    match site {
        Some(site) => Ok(Opened {
            project,
            site,
            problems,
        }),
        None => Err(Error::Invalid(problems)),
    }
}

/// Build the model. Problems are collected rather than stopping at the
/// first; the caller decides which severities are fatal. Returns `None` for
/// the site only if something it depends on could not be parsed at all.
pub(crate) fn site(project: &Project) -> (Option<Site>, Vec<Diagnostic>) {
    let settings = &project.settings;
    let mut problems = Vec::new();
    let source = parse_original(&project.source, &settings.original, &mut problems);
    // Languages are independent: parse them in parallel, report in order.
    let parsed: Vec<_> = project
        .locales
        .par_iter()
        .map(|files| parse_locale(files, &settings.original))
        .collect();
    let mut languages = Vec::new();
    for (language, found) in parsed {
        problems.extend(found);
        languages.extend(language);
    }
    let Some(source) = source else {
        return (None, problems);
    };
    if problems.iter().any(|p| p.severity == Severity::Error) {
        return (None, problems);
    }
    let original = &settings.original;
    let built: Vec<(Language, Vec<Diagnostic>)> = languages
        .into_par_iter()
        .map(|parsed| language(&source, original, parsed))
        .collect();
    let site = assemble(settings, source, built, &mut problems);
    (Some(site), problems)
}

/// The original parsed from `file` and its title checked; `None` (with
/// the reasons in `problems`) if it could not be parsed.
fn parse_original(
    file: &TextFile,
    tag: &LangTag,
    problems: &mut Vec<Diagnostic>,
) -> Option<Source> {
    match Source::parse(&file.text, &file.path, tag) {
        Ok(source) => {
            check_controls(&source.path, &source.title.text, None, problems);
            Some(source)
        }
        Err(errors) => {
            problems.extend(errors);
            None
        }
    }
}

/// The site of `source` and its modelled languages, in order; each
/// language's problems are added to `problems` in that order.
fn assemble(
    settings: &crate::settings::Settings,
    source: Source,
    built: Vec<(Language, Vec<Diagnostic>)>,
    problems: &mut Vec<Diagnostic>,
) -> Site {
    let mut languages = Vec::with_capacity(built.len());
    for (language, found) in built {
        problems.extend(found);
        languages.push(language);
    }
    Site {
        original: settings.original.clone(),
        fallback: settings.fallback.clone(),
        source,
        languages,
    }
}

/// One language's outcome in [`site_for_rendering`]: the problems of its
/// files, and unless they could not be parsed, the language, the problems
/// found in modelling it and what the caller kept of it.
type Modelled<K> = (Vec<Diagnostic>, Option<(Language, Vec<Diagnostic>, K)>);

/// The size of all translation files together from which languages are
/// parsed one at a time, not in parallel: at this size a parse in flight
/// is tens of MiB, and the time it saves is a small part of the build.
const PARSE_ONE_AT_A_TIME: usize = 64 << 20;

/// Build the model for rendering, one language at a time: as [`site`],
/// with the same problems, but each language's files are parsed, modelled
/// and shed for rendering ([`Language::shed_for_rendering`]) before the
/// next, and their texts freed at once (`source` and `locales` keep their
/// paths). Memory holds one language's files and entries at a time (one
/// per thread, or one in all when the files are large), not the whole
/// project's. `keep` sees each language fully
/// modelled, before it is shed; what it returns comes back in the order of
/// the site's languages. With `memory`, a language whose files did not
/// change since it was last kept there is read back instead of modelled
/// (see [`kept`]), and every language modelled is kept.
pub(crate) fn site_for_rendering<K>(
    settings: &crate::settings::Settings,
    source_file: &mut TextFile,
    locales: &mut [LocaleFiles],
    memory: Option<&dyn kept::Memory>,
    keep: impl Fn(&Source, &Language) -> K + Sync,
) -> (Option<(Site, Vec<K>)>, Vec<Diagnostic>)
where
    K: Send + serde::Serialize + serde::de::DeserializeOwned,
{
    let mut problems = Vec::new();
    let original = &settings.original;
    let source_key = memory.map(|_| kept::source_key::<K>(original, source_file));
    let source = parse_original(source_file, original, &mut problems);
    source_file.text = String::new();
    let model_one = |files: &mut LocaleFiles| {
        let remembered = memory.zip(source_key.as_ref()).map(|(memory, source_key)| {
            let key = kept::key(source_key, files);
            (memory, key)
        });
        let recalled = remembered
            .as_ref()
            .filter(|_| source.is_some())
            .and_then(|(memory, key)| kept::recall::<K>(*memory, key, files));
        let (found, built) = match recalled {
            Some((found, language, built, kept)) => {
                files.free_texts();
                (found, Some((language, built, kept)))
            }
            None => model_files(files, original, source.as_ref(), &keep),
        };
        if let (Some((memory, key)), Some((language, built, kept))) = (&remembered, &built) {
            kept::keep(*memory, key, &found, language, built, kept);
        }
        (found, built)
    };
    // Two languages parsed at once hold two parses beside every file's
    // text: with large files, one at a time (see `PARSE_ONE_AT_A_TIME`).
    let statements: usize = locales
        .iter()
        .filter_map(|l| l.statement.as_ref())
        .map(|f| f.text.len())
        .sum();
    let modelled: Vec<Modelled<K>> = if statements < PARSE_ONE_AT_A_TIME {
        locales.par_iter_mut().map(model_one).collect()
    } else {
        locales.iter_mut().map(model_one).collect()
    };
    let mut built = Vec::with_capacity(modelled.len());
    for (found, language) in modelled {
        problems.extend(found);
        built.extend(language);
    }
    let Some(source) = source else {
        return (None, problems);
    };
    // As in `site`: the languages' own problems count only if every file parsed.
    if problems.iter().any(|p| p.severity == Severity::Error) || built.len() != locales.len() {
        return (None, problems);
    }
    let (built, kept): (Vec<_>, Vec<K>) = built
        .into_iter()
        .map(|(language, found, k)| ((language, found), k))
        .unzip();
    let site = assemble(settings, source, built, &mut problems);
    (Some((site, kept)), problems)
}

/// Parse and model the language of `files` (unless its files or the
/// source have errors), and shed it for rendering: the problems of its
/// files, and the language with the problems of modelling it and what
/// `keep` took of it.
fn model_files<K>(
    files: &mut LocaleFiles,
    original: &LangTag,
    source: Option<&Source>,
    keep: impl Fn(&Source, &Language) -> K,
) -> Modelled<K> {
    let (parsed, found) = parse_locale(files, original);
    files.free_texts();
    let failed = found.iter().any(|p| p.severity == Severity::Error);
    let built = match (parsed, source) {
        (Some(parsed), Some(source)) if !failed => {
            let (mut language, built) = language(source, original, parsed);
            let kept = keep(source, &language);
            language.shed_for_rendering();
            // The language's parse is freed: give it back before
            // the next language is parsed on top of it.
            crate::memory::give_back();
            Some((language, built, kept))
        }
        _ => None,
    };
    (found, built)
}

/// A language's files, parsed.
struct Parsed {
    tag: LangTag,
    name: String,
    dir: Direction,
    unnamed: Vec<Diagnostic>,
    messages: Messages,
    translation: Option<Translation>,
    parked: Option<Translation>,
}

/// Parse one language folder's files, collecting what is wrong with them.
fn parse_locale(files: &LocaleFiles, original: &LangTag) -> (Option<Parsed>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let messages = match Messages::parse(
        &files.messages.text,
        &files.messages.path,
        &files.lang.identifier(),
    ) {
        Ok(messages) => messages,
        Err(errors) => return (None, errors),
    };
    let mut parse = |file: &TextFile| {
        Translation::parse(&file.text, &file.path)
            .map_err(|d| problems.push(d))
            .ok()
    };
    let translation = files.statement.as_ref().and_then(&mut parse);
    let parked = files
        .orphans
        .as_ref()
        .filter(|f| has_content(&f.text))
        .and_then(&mut parse);
    if files.lang != *original && files.statement.is_none() {
        problems.push(Diagnostic::warning(
            layout::locale_dir(&files.lang),
            None,
            format!(
                "no {}; every paragraph will show the original (run `tolmach sync {}`)",
                layout::translation_file_name(),
                files.lang
            ),
        ));
    }
    for t in translation.iter().chain(&parked) {
        for entry in &t.entries {
            let optional = [&entry.source, &entry.previous_source, &entry.note];
            let values = std::iter::once(entry.text.as_str())
                .chain(optional.into_iter().filter_map(|v| v.as_deref()));
            for value in values {
                check_controls(&t.path, value, Some(entry.location), &mut problems);
            }
        }
    }
    let mut unnamed = Vec::new();
    let (name, dir) = identity(&messages, &files.lang, &mut problems, &mut unnamed);
    let parsed = Parsed {
        tag: files.lang.clone(),
        name,
        dir,
        unnamed,
        messages,
        translation,
        parked,
    };
    (Some(parsed), problems)
}

/// Whether a YAML text has anything but comments and blank lines.
fn has_content(text: &str) -> bool {
    text.lines()
        .any(|l| !(l.trim().is_empty() || l.trim_start().starts_with('#')))
}

/// Refuse control characters that a YAML escape (`"\u0000"`) let through.
fn check_controls(path: &Path, value: &str, at: Option<Location>, problems: &mut Vec<Diagnostic>) {
    if let Some(c) = value.chars().find(|&c| is_forbidden_control(c)) {
        problems.push(Diagnostic::error(
            path,
            at,
            format!(
                "control character U+{:04X} in a text; only tabs and line breaks may appear in text",
                c as u32
            ),
        ));
    }
}

/// The endonym and direction from the language's own messages.
fn identity(
    messages: &Messages,
    lang: &LangTag,
    problems: &mut Vec<Diagnostic>,
    unnamed: &mut Vec<Diagnostic>,
) -> (String, Direction) {
    let name = messages.format("language-name", &[]).unwrap_or_else(|| {
        unnamed.push(Diagnostic::error(
            &messages.path,
            None,
            "missing message `language-name` (the language's name for itself); set it before the language is published",
        ));
        lang.to_string()
    });
    let dir = match messages.format("language-direction", &[]).as_deref() {
        None => {
            unnamed.push(Diagnostic::error(
                &messages.path,
                None,
                "missing message `language-direction` (`ltr` or `rtl`); set it before the language is published",
            ));
            Direction::Ltr
        }
        Some("ltr") => Direction::Ltr,
        Some("rtl") => Direction::Rtl,
        Some(other) => {
            let at = messages
                .declared
                .get("language-direction")
                .map(|m| m.location);
            problems.push(Diagnostic::error(
                &messages.path,
                at,
                format!("`language-direction` must be `ltr` or `rtl`, not `{other}`"),
            ));
            Direction::Ltr
        }
    };
    (name, dir)
}

/// Decide the state of every source unit in one language and find its orphans.
fn language(source: &Source, original: &LangTag, parsed: Parsed) -> (Language, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let is_original = parsed.tag == *original;
    let entries: std::collections::HashMap<&str, usize> = parsed
        .translation
        .iter()
        .flat_map(|t| {
            t.entries
                .iter()
                .enumerate()
                .map(|(i, e)| (e.id.as_str(), i))
        })
        .collect();
    let entry_at = |i: usize| parsed.translation.as_ref().map(|t| &t.entries[i]);
    let units = source
        .units()
        .map(|unit| {
            if is_original {
                return shown(
                    State::Translated,
                    unit.text.clone(),
                    false,
                    None,
                    None,
                    None,
                );
            }
            let index = entries.get(unit.id.as_str()).copied();
            let entry = index.and_then(entry_at);
            let location = entry.map(|e| e.location);
            let state = State::of(&unit.text, entry);
            let mut out = match (state, entry) {
                (State::Translated | State::Stale, Some(entry)) => {
                    let old = (state == State::Stale)
                        .then(|| unit::translated_from(entry).unwrap_or_default().to_string());
                    let text = normalize_space(&entry.text);
                    shown(state, text, false, old, index, location)
                }
                _ => shown(
                    State::Missing,
                    unit.text.clone(),
                    true,
                    None,
                    index,
                    location,
                ),
            };
            if let Some(entry) = entry {
                out.review = review(entry, state, &parsed.tag, &mut problems, path(&parsed));
            }
            out
        })
        .collect();
    let mut orphans = Vec::new();
    if let Some(translation) = &parsed.translation {
        for (i, entry) in translation.entries.iter().enumerate() {
            if source.index_of(&entry.id).is_none() {
                problems.push(Diagnostic::error(
                    &translation.path,
                    Some(entry.location),
                    format!(
                        "unit `{}` is not in the source (deleted or renamed?); run `tolmach sync {}` to move it to the orphans",
                        entry.id, parsed.tag
                    ),
                ));
                orphans.push(i);
            }
        }
    }
    let mut language = Language {
        tag: parsed.tag,
        name: parsed.name,
        dir: parsed.dir,
        unnamed: parsed.unnamed,
        messages: Arc::new(parsed.messages),
        units,
        translation: parsed.translation,
        orphans,
        parked: parsed.parked,
        counts: Counts::default(),
        part_counts: Vec::new(),
    };
    count(source, &mut language);
    (language, problems)
}

/// The translation file's path of a parsed language, for messages.
fn path(parsed: &Parsed) -> PathBuf {
    parsed
        .translation
        .as_ref()
        .map_or_else(|| layout::translation(&parsed.tag), |t| t.path.clone())
}

/// The review of one entry; a bad value is an error, a lapsed review a warning.
fn review(
    entry: &Entry,
    state: State,
    lang: &LangTag,
    problems: &mut Vec<Diagnostic>,
    path: PathBuf,
) -> Review {
    if let Some(name) = entry.review.as_deref()
        && Review::parse(name).is_none()
    {
        problems.push(Diagnostic::error(
            path,
            Some(entry.location),
            format!(
                "`review` of `{}` is `{name}`; it must be `reviewed` or `approved` (or absent: translated)",
                entry.id
            ),
        ));
        return Review::Translated;
    }
    let (review, lapsed) = Review::of(state, Some(entry));
    if let Some(why) = lapsed {
        problems.push(Diagnostic::warning(
            path,
            Some(entry.location),
            format!(
                "`{}` was {}, but {why}; it counts as not reviewed until it is signed off again (`tolmach review {lang} {}`)",
                entry.id,
                entry.review.as_deref().unwrap_or_default(),
                entry.id
            ),
        ));
    }
    review
}

/// A unit as shown, its HTML rendered once here.
fn shown(
    state: State,
    text: String,
    fallback: bool,
    old_source: Option<String>,
    entry: Option<usize>,
    location: Option<Location>,
) -> UnitText {
    let html = crate::markdown::render_inline(&text);
    UnitText {
        state,
        review: Review::Translated,
        text: if html == text {
            Box::default()
        } else {
            text.into_boxed_str()
        },
        html: html.into_boxed_str(),
        fallback,
        old_source: old_source.map(String::into_boxed_str),
        entry: entry.and_then(|i| u32::try_from(i).ok()),
        place: location.map(|at| {
            let narrow = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
            (narrow(at.line), narrow(at.col))
        }),
    }
}

/// Count the units of a language by state, overall and per part.
fn count(source: &Source, language: &mut Language) {
    let mut overall = Counts::default();
    for unit in &language.units {
        overall.add(unit.state, unit.review);
    }
    language.counts = overall;
    language.part_counts = source
        .parts()
        .map(|part| {
            let mut counts = Counts::default();
            for unit in source.units_of(part) {
                let shown = language.unit(unit);
                counts.add(shown.state, shown.review);
            }
            counts
        })
        .collect();
}

/// Models built from texts in memory, for the unit tests of the stages above.
#[cfg(test)]
pub(crate) mod testing {
    use std::path::PathBuf;

    use super::Site;
    use crate::lang::LangTag;
    use crate::layout;
    use crate::load::{LocaleFiles, Project, TextFile};
    use crate::settings::Settings;

    fn file(path: PathBuf, text: &str) -> TextFile {
        TextFile {
            path,
            text: text.to_string(),
            encoding: Default::default(),
        }
    }

    fn locale(tag: LangTag, name: &str, statement: Option<&str>) -> LocaleFiles {
        LocaleFiles {
            statement: statement.map(|t| file(layout::translation(&tag), t)),
            orphans: None,
            messages: file(
                layout::messages(&tag),
                &format!("language-name = {name}\nlanguage-direction = ltr\n"),
            ),
            glossary: None,
            review_notes: None,
            lang: tag,
        }
    }

    /// The model of a project whose source is `source` and whose
    /// translations are `(tag, statement.yaml)`; the original's language
    /// is the default one.
    pub(crate) fn site(source: &str, translations: &[(&str, &str)]) -> Site {
        let settings = Settings::default();
        let mut locales = vec![locale(settings.original.clone(), "Original", None)];
        for (tag, yaml) in translations {
            let tag = LangTag::parse(tag).expect("a valid test tag");
            locales.push(locale(tag, "Translation", Some(yaml)));
        }
        let project = Project {
            source: file(PathBuf::from(layout::SOURCE), source),
            settings,
            locales,
            templates: Vec::new(),
            statics: Vec::new(),
        };
        let (site, problems) = super::site(&project);
        site.unwrap_or_else(|| panic!("the test project is valid: {problems:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn translated(text: &str, entry: Option<usize>) -> UnitText {
        shown(State::Translated, text.into(), false, None, entry, None)
    }

    #[test]
    fn the_markdown_is_held_once_where_it_is_its_own_html() {
        let plain = translated("Trade grew by 5 %.", None);
        assert_eq!(plain.markdown(), "Trade grew by 5 %.");
        assert_eq!(&*plain.html, "Trade grew by 5 %.");
        assert!(plain.text.is_empty(), "the Markdown is not kept twice");
        let marked = translated("Trade *grew* & more", None);
        assert_eq!(marked.markdown(), "Trade *grew* & more");
        assert_eq!(&*marked.html, "Trade <em>grew</em> &amp; more");
        assert_eq!(translated("", None).markdown(), "");
    }

    #[test]
    fn shedding_for_rendering_keeps_the_orphans_and_the_units() {
        let tag = LangTag::parse("en").expect("a valid tag");
        let messages = Messages::parse(
            "language-name = English\n",
            Path::new("site.ftl"),
            &tag.identifier(),
        )
        .expect("valid Fluent");
        let entry = |id: &str| Entry {
            text: format!("text of {id}"),
            source: Some("источник".into()),
            ..Entry::new(id)
        };
        let mut lang = Language {
            tag,
            name: "English".into(),
            dir: Direction::Ltr,
            unnamed: Vec::new(),
            messages: Arc::new(messages),
            units: vec![translated("a", Some(0)), translated("b", Some(2))],
            translation: Some(Translation {
                path: PathBuf::from("locales/en/statement.yaml"),
                entries: ["a", "gone-1", "b", "gone-2"].map(entry).to_vec(),
            }),
            orphans: vec![1, 3],
            parked: Some(Translation {
                path: PathBuf::from("locales/en/orphans.yaml"),
                entries: vec![entry("parked")],
            }),
            counts: Counts::default(),
            part_counts: Vec::new(),
        };
        lang.shed_for_rendering();
        let orphans: Vec<&str> = lang.orphan_entries().map(|e| e.id.as_str()).collect();
        assert_eq!(orphans, ["gone-1", "gone-2"]);
        assert_eq!(lang.orphan_count(), 3);
        let entries = &lang.translation.as_ref().expect("kept").entries;
        assert_eq!(entries.len(), 2, "entries the units hold are freed");
        assert!(
            entries
                .iter()
                .all(|e| e.text.is_empty() && e.source.is_none())
        );
        assert_eq!(lang.parked.as_ref().expect("kept").entries[0].id, "parked");
        let shown: Vec<&str> = lang.units.iter().map(UnitText::markdown).collect();
        assert_eq!(shown, ["a", "b"]);
        assert!(lang.units.iter().all(|u| u.entry().is_none()));
    }
}
