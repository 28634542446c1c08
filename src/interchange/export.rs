//! `tolmach export`: one language as an XLIFF or PO file, in reading order,
//! keyed by unit id; or a translation memory (TMX) or a termbase (TBX) of
//! one language or all. The same project always exports the same bytes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Document, Format, po, tbx, tmx, xliff};
use crate::edit;
use crate::error::{Error, Result};
use crate::lang::LangTag;
use crate::layout;
use crate::load::{self, Project};
use crate::model::glossary::Term;
use crate::model::{self, Language, Site};
use crate::settings::Overrides;

/// What `export` is asked.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    /// The project root.
    pub root: PathBuf,
    /// The language to export (for TMX and TBX: every translation if none).
    pub lang: Option<String>,
    /// The file format.
    pub format: Format,
    /// Write to this file (relative to the current directory) instead of returning the text.
    pub out: Option<PathBuf>,
}

/// What `export` produced.
#[derive(Debug)]
pub(crate) enum Exported {
    /// The file's text, for standard output.
    Text(String),
    /// The file was written to `--out`.
    Written,
}

/// Export one language (or, for a memory or a termbase, every translation).
pub(crate) fn run(options: &Options) -> Result<Exported> {
    if let Some(out) = &options.out {
        refuse_project_file(&options.root, out)?;
    }
    let opened = model::open(&options.root, Overrides::default())?;
    let site = &opened.site;
    let langs = languages(site, options.lang.as_deref(), options.format)?;
    let glossaries = langs
        .iter()
        .map(|lang| Ok((*lang, glossary(&opened.project, lang)?)))
        .collect::<Result<Vec<_>>>()?;
    let text = match options.format {
        Format::Tmx => tmx::write(site, &langs),
        Format::Tbx => tbx::write(site.original.as_str(), &glossaries),
        format => {
            let (lang, terms) = &glossaries[0];
            let comments = comments(&options.root, &opened.project, lang)?;
            let document = Document::of(site, lang, &comments, terms);
            match format {
                Format::Xliff12 => xliff::write12(&document),
                Format::Po => po::write(&document),
                _ => xliff::write2(&document),
            }
        }
    };
    match &options.out {
        Some(path) => {
            crate::write::replace_file(path, text.as_bytes())?;
            Ok(Exported::Written)
        }
        None => Ok(Exported::Text(text)),
    }
}

/// The languages an export covers: the one named, or for a memory or a
/// termbase every translation when none is named.
fn languages<'a>(site: &'a Site, lang: Option<&str>, format: Format) -> Result<Vec<&'a Language>> {
    let Some(lang) = lang else {
        if matches!(format, Format::Tmx | Format::Tbx) {
            return Ok(site
                .translations()
                .filter(|l| l.translation.is_some())
                .collect());
        }
        return Err(Error::Refused(
            "name the language to export (for example `tolmach export kk --format po`)".to_string(),
        ));
    };
    let tag = LangTag::parse(lang).map_err(Error::Refused)?;
    if tag == site.original {
        return Err(Error::Refused(format!(
            "`{tag}` is the language of the original; name a translation language"
        )));
    }
    let language = site
        .language(tag.as_str())
        .filter(|l| l.translation.is_some())
        .ok_or_else(|| {
            Error::Refused(format!(
                "{} does not exist; run `tolmach sync {tag}` to create it",
                layout::translation(&tag).display()
            ))
        })?;
    Ok(vec![language])
}

/// The YAML comments of a language's units, exported as translators' notes.
fn comments(
    root: &Path,
    project: &Project,
    lang: &Language,
) -> Result<HashMap<String, Vec<String>>> {
    match project
        .locales
        .iter()
        .find(|l| l.lang == lang.tag)
        .and_then(|l| l.statement.as_ref())
    {
        Some(file) => {
            let raw = load::raw_text(root, file, &project.settings)?;
            edit::unit_comments(&raw, &file.path).map_err(Error::at)
        }
        None => Ok(HashMap::new()),
    }
}

/// A language's glossary, if it has one.
fn glossary(project: &Project, lang: &Language) -> Result<Vec<Term>> {
    match project
        .locales
        .iter()
        .find(|l| l.lang == lang.tag)
        .and_then(|l| l.glossary.as_ref())
    {
        Some(file) => crate::model::glossary::parse(file).map_err(Error::at),
        None => Ok(Vec::new()),
    }
}

/// Refuse to overwrite a file people edit (the source, a translation, a
/// theme, the settings) with an export. A new file there is allowed.
fn refuse_project_file(root: &Path, out: &Path) -> Result<()> {
    if !out.exists() && std::fs::symlink_metadata(out).is_err() {
        return Ok(());
    }
    let (Ok(root), Some(parent), Some(name)) = (
        std::fs::canonicalize(root),
        out.parent().map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        }),
        out.file_name(),
    ) else {
        return Ok(());
    };
    let Ok(parent) = std::fs::canonicalize(parent) else {
        return Ok(());
    };
    let full = parent.join(name);
    let inside = full
        .strip_prefix(&root)
        .ok()
        .filter(|rel| layout::is_edited_by_people(rel));
    match inside {
        Some(rel) => Err(Error::Refused(format!(
            "refusing to write the export over {}: it is a file of the project that people edit; choose another --out",
            rel.display()
        ))),
        None => Ok(()),
    }
}
