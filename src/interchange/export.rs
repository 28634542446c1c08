//! `tolmach export`: one language as an XLIFF or PO file, in reading order,
//! keyed by unit id; or a translation memory (TMX) or a termbase (TBX) of
//! one language or all. The same project always exports the same bytes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::{Document, Format, omegat, po, tbx, tmx, xliff};
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
    /// Write an OmegaT project into this new folder instead (PO only; see [`omegat`]).
    pub omegat_project: Option<PathBuf>,
}

/// What `export` produced.
#[derive(Debug)]
pub(crate) enum Exported {
    /// The file's text, for standard output.
    Text(String),
    /// The file was written to `--out`.
    Written,
    /// An OmegaT project was written; OmegaT will write the translated
    /// file at this path.
    OmegatProject(PathBuf),
}

/// Export one language (or, for a memory or a termbase, every translation).
pub(crate) fn run(options: &Options) -> Result<Exported> {
    if let Some(out) = &options.out {
        refuse_project_file(&options.root, out)?;
    }
    if let Some(dir) = &options.omegat_project {
        refuse_omegat_folder(&options.root, dir, options.format)?;
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
    if let Some(dir) = &options.omegat_project {
        return write_omegat_project(dir, site, langs[0].tag.as_str(), text);
    }
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
        .files_of(&lang.tag)
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
        .files_of(&lang.tag)
        .and_then(|l| l.glossary.as_ref())
    {
        Some(file) => crate::model::glossary::parse(file).map_err(Error::at),
        None => Ok(Vec::new()),
    }
}

/// Refuse an OmegaT project in anything but a new or empty folder (a
/// translator's project keeps the work in `omegat/project_save.tmx`, which
/// a second export must not meet), and in any format but PO (OmegaT 3.x
/// reads XLIFF 1.2 as target-only text and does not read XLIFF 2), and
/// inside a folder of the project that people edit (`locales/`, where a
/// new folder would read as a language).
fn refuse_omegat_folder(root: &Path, dir: &Path, format: Format) -> Result<()> {
    if format != Format::Po {
        return Err(Error::Refused(
            "--omegat-project holds a PO file: OmegaT 3.x reads an XLIFF 1.2 <target> as the text to translate (not the Russian <source>) and has no XLIFF 2 filter; use --format po".into(),
        ));
    }
    let empty = match std::fs::symlink_metadata(dir) {
        Err(_) => true,
        Ok(meta) if meta.is_dir() => std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .next()
            .is_none(),
        Ok(_) => false,
    };
    if !empty {
        return Err(Error::Refused(format!(
            "refusing to write an OmegaT project into {}: it exists and is not an empty folder; choose a new folder",
            dir.display()
        )));
    }
    // The folder as it will be: its nearest existing ancestor, resolved,
    // and the rest of the path.
    let mut existing = dir;
    let mut rest = Vec::new();
    while std::fs::symlink_metadata(existing).is_err() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name);
                existing = parent;
            }
            _ => break,
        }
    }
    let existing = if existing.as_os_str().is_empty() {
        Path::new(".")
    } else {
        existing
    };
    let (Ok(root), Ok(mut full)) = (std::fs::canonicalize(root), std::fs::canonicalize(existing))
    else {
        return Ok(());
    };
    full.extend(rest.iter().rev());
    match full.strip_prefix(&root) {
        Ok(rel) if layout::is_edited_by_people(rel) => Err(Error::Refused(format!(
            "refusing to write an OmegaT project into {}: it is inside {}, a folder of the project that people edit; choose another folder",
            dir.display(),
            rel.components().next().map_or_else(String::new, |c| c
                .as_os_str()
                .to_string_lossy()
                .into_owned())
        ))),
        _ => Ok(()),
    }
}

/// Write the OmegaT project of an export into `dir`.
fn write_omegat_project(dir: &Path, site: &Site, lang: &str, po: String) -> Result<Exported> {
    let tag = LangTag::parse(lang).map_err(Error::Refused)?;
    let name = format!("statement.{tag}.po");
    for folder in omegat::FOLDERS {
        crate::write::create_folder(&dir.join(folder))?;
    }
    for (path, text) in omegat::files(&site.original, &tag, &name, po) {
        crate::write::replace_file(&dir.join(path), text.as_bytes())?;
    }
    Ok(Exported::OmegatProject(dir.join("target").join(name)))
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
