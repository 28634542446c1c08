//! Exchange files for CAT tools and translation platforms: XLIFF 2.1,
//! XLIFF 1.2 and gettext PO. The formats themselves live in [`po`] and
//! [`xliff`]; [`export`] and [`import`] are the commands, thin operations
//! over the model.
//!
//! A file is written from a [`Document`], a view of one language of the
//! model, and read back into an [`ImportFile`], what a foreign file says.

pub(crate) mod export;
pub(crate) mod import;
mod letters;
mod omegat;
pub(crate) mod po;
mod tbx;
mod tmx;
pub(crate) mod xliff;

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Diagnostic, Error, Location, Result};
use crate::lang::LangTag;
use crate::model::glossary::Term;
use crate::model::{Language, Review, Site, State, Unit};

/// The file formats Tolmach exchanges.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// XLIFF 2.1 (ISO 21720).
    #[value(name = "xliff", alias = "xliff2", alias = "xliff21")]
    Xliff2,
    /// XLIFF 1.2, still the best supported by many CAT tools.
    #[value(name = "xliff12")]
    Xliff12,
    /// gettext PO.
    #[value(name = "po")]
    Po,
    /// TMX 1.4b translation memory (every language pair with the original).
    #[value(name = "tmx")]
    Tmx,
    /// TBX-Basic termbase of the glossaries.
    #[value(name = "tbx")]
    Tbx,
}

/// One language of the model, as an exchange file carries it.
#[derive(Debug)]
pub(crate) struct Document<'a> {
    /// The model.
    pub site: &'a Site,
    /// The target language.
    pub lang: &'a Language,
    /// Every unit, in reading order.
    pub items: Vec<Item<'a>>,
}

/// One unit of a [`Document`].
#[derive(Debug)]
pub(crate) struct Item<'a> {
    /// The unit of the original: its id and current text.
    pub unit: &'a Unit,
    /// Translated, stale or missing, as the model decides.
    pub state: State,
    /// How far review has come, as the model decides.
    pub(crate) review: Review,
    /// The translation as stored; empty when missing.
    pub target: &'a str,
    /// Where the unit is, in words (`sphere: trade; paragraph 14`).
    pub place: String,
    /// For a stale unit: the original the translation was made from.
    pub previous_source: Option<&'a str>,
    /// For a stale unit: the word diff of the old and the current original.
    pub diff: Option<String>,
    /// The hash of the translation as exported ([`base_of`]), for the
    /// three-way merge when the file comes back.
    pub base: String,
    /// Translators' notes on the unit: its YAML comments, then the lines of
    /// its `note` field.
    pub notes: Vec<String>,
    /// The glossary terms the unit's original uses: (term, required rendering).
    pub terms: Vec<(&'a str, &'a str)>,
}

impl<'a> Document<'a> {
    /// The view of `lang` in `site`; `comments` are the YAML comments of
    /// each unit, by id.
    pub(crate) fn of(
        site: &'a Site,
        lang: &'a Language,
        comments: &HashMap<String, Vec<String>>,
        glossary: &'a [Term],
    ) -> Document<'a> {
        let items = site
            .source
            .units()
            .map(|unit| {
                let shown = lang.unit(unit);
                let entry = lang.entry(unit);
                let target = entry.map_or("", |e| e.text.as_str());
                let note = entry.and_then(|e| e.note.as_deref()).unwrap_or_default();
                let notes = comments
                    .get(unit.id.as_str())
                    .into_iter()
                    .flatten()
                    .cloned()
                    .chain(note.lines().map(str::to_string))
                    .collect();
                Item {
                    unit,
                    state: shown.state,
                    review: shown.review,
                    target,
                    place: site.source.place(unit),
                    previous_source: shown.old_source.as_deref(),
                    diff: site.diff(lang, unit),
                    base: base_of(target, shown.review),
                    notes,
                    terms: terms_in(glossary, &unit.text),
                }
            })
            .collect();
        Document { site, lang, items }
    }

    /// The original's file, relative to the project root, with `/`.
    pub(crate) fn original_path(&self) -> String {
        self.site.source.path.to_string_lossy().replace('\\', "/")
    }

    /// The original's language.
    pub(crate) fn source_lang(&self) -> &LangTag {
        &self.site.original
    }
}

/// The base of a translation: a short hash of its words (spaces and line
/// breaks do not count), recorded per unit in every export so that an
/// import can tell who changed a unit since: the tool, the file, or both.
pub(crate) fn base_of(text: &str, review: Review) -> String {
    match review {
        Review::Translated => crate::text::words_hash(text),
        level => format!("{} {}", crate::text::words_hash(text), level.name()),
    }
}

/// A base as recorded: the text's hash and the review level it carried.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Base {
    /// The words hash of the translation exported.
    pub text: String,
    /// Its review level.
    pub(crate) review: Review,
}

impl Base {
    /// Read a recorded base (`HASH` or `HASH reviewed`).
    pub(crate) fn parse(recorded: &str) -> Base {
        let mut parts = recorded.split_whitespace();
        Base {
            text: parts.next().unwrap_or_default().to_string(),
            review: parts.next().and_then(Review::parse).unwrap_or_default(),
        }
    }
}

/// The glossary terms an original's text uses.
fn terms_in<'a>(glossary: &'a [Term], text: &str) -> Vec<(&'a str, &'a str)> {
    let lower = text.to_lowercase();
    glossary
        .iter()
        .filter(|t| t.used_in(&lower).is_some())
        .map(|t| (t.term.as_str(), t.target.as_str()))
        .collect()
}

/// One unit as read back from a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportUnit {
    /// The unit id.
    pub id: String,
    /// The original the file says the translation was made from.
    pub source: String,
    /// The translation; empty if the file has none.
    pub target: String,
    /// Whether the tool marked it translated (not fuzzy, not initial).
    pub done: bool,
    /// The review level the tool gives a done unit.
    pub(crate) review: Review,
    /// The state as the file names it, for messages.
    pub state: String,
    /// Where the unit starts in the file.
    pub location: Location,
    /// The base the export recorded ([`base_of`] of the translation it
    /// carried), if the file has one.
    pub base: Option<String>,
    /// Translators' notes (PO translator comments, XLIFF notes that are not Tolmach's).
    pub notes: Vec<String>,
}

/// A parsed XLIFF or PO file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportFile {
    /// The target language the file declares, as written.
    pub lang: String,
    /// The source language the file declares, if it declares one.
    pub source_lang: Option<Declared>,
    /// Units in file order.
    pub units: Vec<ImportUnit>,
}

/// A value a file declares, with where it declares it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declared {
    /// The value as written.
    pub value: String,
    /// The attribute or header field that holds it (`srcLang`, `X-Source-Language`).
    pub name: &'static str,
    /// Where it is.
    pub location: Location,
}

/// Detect the format of `text` and parse it.
pub(crate) fn parse(text: &str, path: &Path) -> Result<ImportFile> {
    if text.trim_start().starts_with('<') {
        xliff::read(text, path)
    } else {
        po::read(text, path)
    }
    .map_err(Error::at)
}

/// Refuse a file whose source language is not the original's (a regional
/// variant of it, such as `ru-RU`, is the same language).
pub(crate) fn check_source_lang(file: &ImportFile, path: &Path, original: &LangTag) -> Result<()> {
    let Some(declared) = &file.source_lang else {
        return Ok(());
    };
    let value = declared.value.replace('_', "-");
    let same = LangTag::parse(&value).is_ok_and(|tag| tag.language() == original.as_str());
    if same {
        return Ok(());
    }
    Err(Error::at(Diagnostic::error(
        path,
        Some(declared.location),
        format!(
            "{} is `{}`; the source language must be {original}",
            declared.name, declared.value
        ),
    )))
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::model::Site;

    const SOURCE: &str = "---\ntitle: Заявление\n---\n\n{#a}\nТекст \"в кавычках\" \\ и\n\n## Сфера {#s}\n\n{#b}\nНовое\n\n* * *\n\n{#c}\nКонец\n";

    /// A small site: a title, one paragraph that is translated, one that is
    /// stale and one that is missing, in the language `en`.
    pub(crate) fn site() -> Site {
        crate::model::testing::site(
            SOURCE,
            &[(
                "en",
                "title:\n  source: \"Заявление\"\n  text: \"Statement\"\na:\n  source: \"Текст \\\"в кавычках\\\" \\\\ и\"\n  text: \"Text\\nwith a break\"\nb:\n  source: \"Старое\"\n  text: \"Old\"\n",
            )],
        )
    }
}
