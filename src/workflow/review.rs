//! `tolmach review LANG ID… | --all [--approve]`: a reviewer working in git
//! signs off units: each gets `review: reviewed` (or `approved`) and the
//! words hash of the text reviewed, so that an edit made afterwards makes
//! it unreviewed again. Only units translated from the current original can
//! be signed off; every other named unit is refused with its reason, and
//! the command then fails.

use std::path::PathBuf;

use crate::edit::{self, Change};
use crate::error::{Error, Result};
use crate::lang::LangTag;
use crate::model::{self, Review, State};
use crate::settings::Overrides;
use crate::text::words_hash;

/// What `review` is asked.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    /// The project root.
    pub root: PathBuf,
    /// The language.
    pub lang: String,
    /// The units to sign off; empty with `all`.
    pub ids: Vec<String>,
    /// Every translated unit of the language.
    pub all: bool,
    /// The level to record.
    pub level: Review,
}

/// What `review` did.
#[derive(Debug, Default)]
pub(crate) struct Report {
    /// The translation file.
    pub target: PathBuf,
    /// Units signed off now.
    pub signed: Vec<String>,
    /// Units that already had this level (or a higher one).
    pub already: Vec<String>,
    /// Units refused, with the reason.
    pub refused: Vec<(String, String)>,
    /// The level recorded.
    pub level: Review,
}

impl Report {
    /// Whether every named unit was signed off or already was.
    pub(crate) fn is_clean(&self) -> bool {
        self.refused.is_empty()
    }
}

/// Sign off units of one language.
pub(crate) fn run(options: &Options) -> Result<Report> {
    let opened = model::open(&options.root, Overrides::default())?;
    let site = &opened.site;
    let tag = LangTag::parse(&options.lang).map_err(Error::Refused)?;
    let lang = site
        .translations()
        .find(|l| l.tag == tag)
        .filter(|l| l.translation.is_some())
        .ok_or_else(|| {
            Error::Refused(format!(
                "`{tag}` is not a translation of this project with a {}",
                crate::layout::translation_file_name()
            ))
        })?;
    if options.ids.is_empty() && !options.all {
        return Err(Error::Refused(
            "name the units to sign off, or give --all".to_string(),
        ));
    }
    let mut report = Report {
        target: lang.translation_path(),
        level: options.level,
        ..Report::default()
    };
    let mut changes = Vec::new();
    let units: Vec<_> = if options.all {
        site.source.units().collect()
    } else {
        let mut named = Vec::new();
        for id in &options.ids {
            match site.source.unit(id) {
                Some(unit) => named.push(unit),
                None => report
                    .refused
                    .push((id.clone(), "is not a unit of the source".into())),
            }
        }
        named
    };
    for unit in units {
        let shown = lang.unit(unit);
        let id = unit.id.to_string();
        match (shown.state, lang.entry(unit)) {
            (State::Translated, Some(_)) if shown.review >= options.level => {
                report.already.push(id);
            }
            (State::Translated, Some(entry)) => {
                changes.push(Change::Set {
                    id: id.clone(),
                    field: "review",
                    value: options.level.name().to_string(),
                });
                changes.push(Change::Set {
                    id: id.clone(),
                    field: "review_of",
                    value: words_hash(&entry.text),
                });
                report.signed.push(id);
            }
            (State::Stale, _) if !options.all => report.refused.push((
                id,
                "is stale: the original changed since it was translated; update the translation first".into(),
            )),
            (_, _) if !options.all => report
                .refused
                .push((id, "is not translated yet".into())),
            _ => {}
        }
    }
    let file = opened
        .project
        .files_of(&lang.tag)
        .and_then(|l| l.statement.as_ref())
        .expect("a language with a translation has its file");
    edit::rewrite(&options.root, file, &changes, &opened.project.settings)?;
    Ok(report)
}
