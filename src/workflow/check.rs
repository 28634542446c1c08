//! `tolmach check`: validate everything the build reads and run the QA
//! checks translators need. Each finding is printed as
//! `file:line:col: error|warning: message`; errors make the command exit 1,
//! and with `--strict` so do warnings and stale, missing or orphan units.
//!
//! The checks, in the words of the README, "For translators":
//! - YAML syntax, schema and duplicate keys; Fluent syntax (from parsing);
//! - every message the theme uses exists in every language (warning if a
//!   fallback language has it, error if none does);
//! - Fluent variables and terms of a message match the original's (warning);
//! - unit ids the source does not have (error; `tolmach sync` parks them);
//! - numbers differ from the original, empty translation, translation
//!   identical to the original, glossary term not rendered (warnings);
//! - every stale unit, with a word-level diff of the original (warning).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Location, Result, Severity};
use crate::load::{Project, TextFile};
use crate::model::glossary::{self, Term};
use crate::model::{self, Language, Review, Site, State, Unit};
use crate::settings::Overrides;
use crate::text::normalize_space;

/// What `check` is asked.
#[derive(Clone, Debug, Default)]
pub(crate) struct Options {
    /// The project root.
    pub root: PathBuf,
    /// Check only this translation (and what every language shares).
    pub lang: Option<String>,
    /// Count units below this review level as open too.
    pub require: Option<Review>,
}

/// Everything found, with the open units counted for `--strict`.
#[derive(Debug, Default)]
pub(crate) struct Report {
    /// The findings, sorted.
    pub diagnostics: Vec<Diagnostic>,
    /// Stale, missing and orphan units over every language.
    pub open_units: usize,
}

impl Report {
    /// How many findings are errors.
    pub(crate) fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    /// How many findings are warnings.
    pub(crate) fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }

    /// Whether the project passes: no errors and, if `strict`, no warnings
    /// and no stale, missing or orphan unit either.
    pub(crate) fn passes(&self, strict: bool) -> bool {
        self.errors() == 0 && !(strict && (self.warnings() > 0 || self.open_units > 0))
    }
}

/// Run every check on the project at `options.root`.
pub(crate) fn run(options: &Options) -> Result<Report> {
    let opened = match model::open(&options.root, Overrides::default()) {
        Ok(opened) => opened,
        Err(Error::Invalid(diagnostics)) => {
            return Ok(Report {
                diagnostics,
                open_units: 0,
            });
        }
        Err(other) => return Err(other),
    };
    let model::Opened {
        project,
        site,
        problems,
    } = &opened;
    let mut out = Report {
        diagnostics: problems.clone(),
        open_units: 0,
    };
    out.diagnostics.extend(
        site.languages
            .iter()
            .flat_map(|l| l.unnamed.iter().cloned()),
    );
    out.diagnostics.extend(theme_messages(project, site));
    out.diagnostics.extend(message_variables(site));
    let only = match &options.lang {
        Some(tag) => Some(
            site.translations()
                .find(|l| l.tag == tag.as_str())
                .ok_or_else(|| {
                    Error::Refused(format!("`{tag}` is not a translation of this project"))
                })?,
        ),
        None => None,
    };
    for lang in site
        .translations()
        .filter(|l| only.is_none_or(|o| o.tag == l.tag))
    {
        let terms = lang_glossary(project, lang, &mut out.diagnostics);
        out.open_units += lang.orphan_count();
        out.open_units += units(site, lang, &terms, &mut out.diagnostics);
        if let Some(level) = options.require {
            out.open_units += unreviewed(site, lang, level, &mut out.diagnostics);
        }
        out.diagnostics.extend(review_notes(project, site, lang));
        if let Some(parked) = &lang.parked {
            out.diagnostics.extend(parked.entries.iter().map(|e| {
                Diagnostic::warning(
                    &parked.path,
                    Some(e.location),
                    format!(
                        "orphan `{}` is parked here: reuse its text in a unit, then delete it",
                        e.id
                    ),
                )
            }));
        }
    }
    if let Some(lang) = only {
        let others = |d: &Diagnostic| {
            d.path.starts_with(crate::layout::LOCALES)
                && !d.path.starts_with(crate::layout::locale_dir(&lang.tag))
        };
        out.diagnostics.retain(|d| !others(d));
    }
    out.diagnostics.sort();
    out.diagnostics.dedup();
    Ok(out)
}

/// Units translated from the current original but below the required
/// review level: each a warning, all counted as open.
fn unreviewed(site: &Site, lang: &Language, level: Review, out: &mut Vec<Diagnostic>) -> usize {
    let below: Vec<&str> = site
        .source
        .units()
        .filter(|u| lang.unit(u).state == State::Translated && lang.unit(u).review < level)
        .map(|u| u.id.as_str())
        .collect();
    if !below.is_empty() {
        out.push(Diagnostic::warning(
            lang.translation_path(),
            None,
            format!(
                "{} unit(s) not {} yet: {} (sign them off with `tolmach review {}{} ID…`)",
                below.len(),
                level.name(),
                below.join(", "),
                lang.tag,
                if level == Review::Approved {
                    " --approve"
                } else {
                    ""
                }
            ),
        ));
    }
    below.len()
}

/// A reviewer's note that names a unit the source no longer has (a
/// backticked id such as `trade-7`) points the reviewer at nothing.
fn review_notes(project: &Project, site: &Site, lang: &Language) -> Vec<Diagnostic> {
    let Some(file) = project
        .files_of(&lang.tag)
        .and_then(|l| l.review_notes.as_ref())
    else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let text = &file.text;
    let mut from = 0;
    while let Some(open) = text[from..].find('`') {
        let start = from + open + 1;
        let Some(len) = text[start..].find('`') else {
            break;
        };
        let token = &text[start..start + len];
        from = start + len + 1;
        if looks_like_numbered_id(token) && site.source.unit(token).is_none() {
            out.push(Diagnostic::warning(
                &file.path,
                Some(Location::of_offset(text, start - 1)),
                format!(
                    "mentions `{token}`, which is not a unit of the source (renamed or deleted?); update the note"
                ),
            ));
        }
    }
    out
}

/// `trade-2`, `preamble-1`: a unit id that ends in a number.
fn looks_like_numbered_id(token: &str) -> bool {
    crate::model::UnitId::parse(token).is_ok()
        && token
            .rsplit_once('-')
            .is_some_and(|(_, n)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The glossary of `lang`, or none (a broken file is reported).
fn lang_glossary(project: &Project, lang: &Language, problems: &mut Vec<Diagnostic>) -> Vec<Term> {
    let file = project
        .files_of(&lang.tag)
        .and_then(|l| l.glossary.as_ref());
    match file.map(glossary::parse) {
        Some(Ok(terms)) => terms,
        Some(Err(d)) => {
            problems.push(d);
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// The message ids the theme's templates use literally, with the first use of each.
pub(crate) fn used_messages(templates: &[TextFile]) -> BTreeMap<String, (PathBuf, Location)> {
    let mut out = BTreeMap::new();
    for file in templates {
        let text = &file.text;
        let mut from = 0;
        // `t(key=` and `t_html(key=` alike.
        while let Some(i) = text[from..].find("(key=") {
            let at = from + i;
            let rest = &text[at + 5..];
            from = at + 5;
            let head = &text[..at];
            let call = if head.ends_with("t_html") {
                at - 6
            } else if head.ends_with('t') {
                at - 1
            } else {
                continue;
            };
            let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
                continue;
            };
            if let Some(end) = rest[1..].find(quote) {
                out.entry(rest[1..1 + end].to_string())
                    .or_insert_with(|| (file.path.clone(), Location::of_offset(text, call)));
            }
        }
    }
    out
}

/// Messages the theme uses: missing with a fallback is a warning, missing everywhere an error.
fn theme_messages(project: &Project, site: &Site) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (id, (template, at)) in used_messages(&project.templates) {
        let has = |tag: &str| site.language(tag).is_some_and(|l| l.messages.has(&id));
        for lang in &site.languages {
            if lang.messages.has(&id) {
                continue;
            }
            let chain: Vec<&str> = site
                .message_chain(&lang.tag)
                .skip(1)
                .map(|t| t.as_str())
                .collect();
            let fallback = chain
                .iter()
                .find(|tag| **tag != lang.tag.as_str() && has(tag));
            out.push(match fallback {
                Some(tag) => Diagnostic::warning(
                    &lang.messages.path,
                    None,
                    format!(
                        "message `{id}` (used by {}) is missing; pages in `{}` show the `{tag}` text instead",
                        template.display(),
                        lang.tag
                    ),
                ),
                None => Diagnostic::error(
                    &template,
                    Some(at),
                    format!(
                        "message `{id}` is missing from `{}` and from its fallbacks ({})",
                        lang.tag,
                        chain.join(", ")
                    ),
                ),
            });
        }
    }
    out
}

/// Variables and terms of each message compared with the original's.
fn message_variables(site: &Site) -> Vec<Diagnostic> {
    let Some(ru) = site.language(site.original.as_str()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for lang in site.translations() {
        for (id, info) in &lang.messages.declared {
            let Some(theirs) = ru.messages.declared.get(id) else {
                continue;
            };
            for (what, mine, russian) in [
                ("variables", &info.variables, &theirs.variables),
                ("terms", &info.terms, &theirs.terms),
            ] {
                if mine != russian {
                    out.push(Diagnostic::warning(
                        &lang.messages.path,
                        Some(info.location),
                        format!(
                            "message `{id}` uses {what} {} but the original uses {}",
                            listed(mine, what),
                            listed(russian, what)
                        ),
                    ));
                }
            }
        }
    }
    out
}

fn listed(items: &[String], what: &str) -> String {
    if items.is_empty() {
        return "none".into();
    }
    let sigil = if what == "variables" { "$" } else { "" };
    items
        .iter()
        .map(|i| format!("{sigil}{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Check every unit of one language; returns how many are stale or missing.
fn units(site: &Site, lang: &Language, terms: &[Term], out: &mut Vec<Diagnostic>) -> usize {
    let path = lang.translation_path();
    let mut open = 0;
    let mut absent = Vec::new();
    for unit in site.source.units() {
        let shown = lang.unit(unit);
        match shown.state {
            State::Missing => {
                open += 1;
                match shown.location() {
                    Some(at) => out.push(Diagnostic::warning(
                        &path,
                        Some(at),
                        format!(
                            "empty translation of `{}`; the page shows the original",
                            unit.id
                        ),
                    )),
                    None => absent.push(unit.id.as_str()),
                }
            }
            State::Stale => {
                open += 1;
                out.push(stale(site, lang, &path, unit));
                qa(&path, unit, shown, terms, out);
            }
            State::Translated => qa(&path, unit, shown, terms, out),
        }
    }
    if !absent.is_empty() && lang.translation.is_some() {
        out.push(Diagnostic::warning(
            &path,
            None,
            format!(
                "{} unit(s) not translated (no entry): {}; run `tolmach sync {}` to add them",
                absent.len(),
                absent.join(", "),
                lang.tag
            ),
        ));
    }
    open
}

/// The warning for a stale unit, with the word diff of the original.
fn stale(site: &Site, lang: &Language, path: &Path, unit: &Unit) -> Diagnostic {
    let diff = site.diff(lang, unit).unwrap_or_default();
    Diagnostic::warning(
        path,
        lang.unit(unit).location(),
        format!("`{}` is stale: the original changed since it was translated", unit.id),
    )
    .with_notes(vec![
        format!("original: {diff}"),
        format!(
            "update `text`, then delete `previous_source` (run `tolmach sync {}` first if `source` is not the current original)",
            lang.tag
        ),
    ])
}

/// The QA checks of a unit that has a translation.
fn qa(
    path: &Path,
    unit: &Unit,
    shown: &model::UnitText,
    terms: &[Term],
    out: &mut Vec<Diagnostic>,
) {
    let at = shown.location();
    let (ours, theirs) = (numbers(shown.markdown()), numbers(&unit.text));
    if ours != theirs {
        out.push(Diagnostic::warning(
            path,
            at,
            format!(
                "numbers in `{}` differ from the original: the original has {}, the translation {}",
                unit.id,
                joined(&theirs),
                joined(&ours)
            ),
        ));
    }
    if normalize_space(shown.markdown()) == unit.text && unit.text.chars().any(char::is_alphabetic)
    {
        out.push(Diagnostic::warning(
            path,
            at,
            format!(
                "the translation of `{}` is identical to the original",
                unit.id
            ),
        ));
    }
    let original = unit.text.to_lowercase();
    let text = shown.markdown().to_lowercase();
    for term in terms {
        if let Some(form) = term.used_in(&original)
            && !term.rendered_in(&text)
        {
            out.push(Diagnostic::warning(
                path,
                at,
                format!(
                    "glossary: the original of `{}` has «{form}» (term «{}») but the translation lacks «{}»",
                    unit.id, term.term, term.target
                ),
            ));
        }
    }
}

/// The distinct digit sequences of `text` (`2019`, `30`, `19` of COVID-19).
pub(crate) fn numbers(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn joined(set: &BTreeSet<String>) -> String {
    if set.is_empty() {
        "none".into()
    } else {
        set.iter().cloned().collect::<Vec<_>>().join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_digit_runs() {
        let n = numbers("В 2019 г. — 30 млрд, COVID-19");
        assert_eq!(n.into_iter().collect::<Vec<_>>(), ["19", "2019", "30"]);
    }

    #[test]
    fn theme_message_ids_are_found_with_either_quote() {
        let file = TextFile {
            path: "t.html".into(),
            text: "{{ t(key=\"a-b\", lang=x) }}\n{{ t(key='c', n=1) }} {{ t(key=v) }}".into(),
            encoding: Default::default(),
        };
        let used = used_messages(&[file]);
        assert_eq!(used.keys().collect::<Vec<_>>(), ["a-b", "c"]);
        assert_eq!(used["c"].1, Location::new(2, 4));
    }
}
