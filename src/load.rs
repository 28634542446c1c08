//! Stage 1, load: the only code that reads the project (and the exchange
//! files that `import` is given). It returns text and bytes with their
//! paths; nothing here interprets them beyond checking that they are
//! readable, inside the project and sane (UTF-8, no control characters, no
//! tabs in content files, bounded size). A byte-order mark and CR LF line
//! ends are accepted and removed, as every editor shows the file.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::Location;
use crate::error::{Diagnostic, Error, Result};
use crate::lang::LangTag;
use crate::layout;
use crate::settings::{Overrides, Settings};
use crate::text::{is_forbidden_control, may_hold_forbidden};
use crate::theme;

/// A text file of the project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TextFile {
    /// Path relative to the project root, used in every message.
    pub path: PathBuf,
    /// The contents, with LF line ends and no byte-order mark.
    pub text: String,
    /// How the file was saved.
    pub encoding: Encoding,
}

/// A binary or verbatim file of the theme, copied to the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StaticFile {
    /// Path inside the theme's `static/` folder, with `/` separators.
    pub path: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// One folder under `locales/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct LocaleFiles {
    /// The folder name, a checked BCP 47 tag.
    pub lang: LangTag,
    /// `statement.yaml`, absent for the original's language.
    pub statement: Option<TextFile>,
    /// `orphans.yaml`, where `sync` parks units the source no longer has.
    pub orphans: Option<TextFile>,
    /// `site.ftl`.
    pub messages: TextFile,
    /// `glossary.yaml`, optional.
    pub glossary: Option<TextFile>,
    /// `REVIEW.md`, the translator's note for the reviewer, optional.
    pub review_notes: Option<TextFile>,
}

impl LocaleFiles {
    /// Free the texts of the translation files once they are parsed
    /// (their paths stay, for messages).
    pub(crate) fn free_texts(&mut self) {
        for file in [&mut self.statement, &mut self.orphans]
            .into_iter()
            .flatten()
        {
            file.text = String::new();
        }
    }
}

/// Everything the build reads, in memory.
#[derive(Clone, Debug)]
pub(crate) struct Project {
    /// Merged settings.
    pub settings: Settings,
    /// `sources/statement.md`.
    pub source: TextFile,
    /// The language folders, in the settings' order.
    pub locales: Vec<LocaleFiles>,
    /// The theme's templates (`themes/<theme>/templates/**` with one of
    /// [`theme::TEMPLATE_EXTENSIONS`]), by file name, the built-in
    /// default's for those it lacks.
    pub templates: Vec<TextFile>,
    /// The theme's static files (`themes/<theme>/static/**`), by path, the
    /// built-in default's for those it lacks.
    pub statics: Vec<StaticFile>,
}

/// The size limit on any file read before settings are known (the settings file itself).
const SETTINGS_LIMIT: u64 = 1024 * 1024;

/// Read the settings alone (the output folder must be known before anything is built).
impl Project {
    /// The files of language `tag`, if it has a folder under `locales/`.
    pub(crate) fn files_of(&self, tag: &LangTag) -> Option<&LocaleFiles> {
        self.locales.iter().find(|l| l.lang == *tag)
    }
}

pub(crate) fn settings(root: &Path, overrides: Overrides) -> Result<Settings> {
    let rel = Path::new(layout::SETTINGS);
    let text = if root.join(rel).exists() {
        Some(read_text(root, rel, false, SETTINGS_LIMIT)?.text)
    } else {
        None
    };
    Settings::parse(text.as_deref(), rel, overrides)
}

/// Read the whole project at `root`.
pub(crate) fn project(root: &Path, overrides: Overrides) -> Result<Project> {
    let settings = settings(root, overrides)?;
    let limit = limit(&settings);
    if !root.join(layout::SOURCE).exists() {
        return Err(Error::Refused(format!(
            "{} is not a Tolmach project: it has no {} (run from the project root or pass --root)",
            root.display(),
            layout::SOURCE
        )));
    }
    let source = read_text(root, Path::new(layout::SOURCE), true, limit)?;
    let locales = locales(root, &settings)?;
    let (templates, statics) = theme(root, &settings.theme, limit)?;
    Ok(Project {
        settings,
        source,
        locales,
        templates,
        statics,
    })
}

/// The theme's files: the project's own under `themes/<name>/` (templates
/// `templates/**` with one of [`theme::TEMPLATE_EXTENSIONS`]; static files
/// `static/**`), and the built-in default's for every file the folder
/// lacks. Only the default theme may have no folder at all.
fn theme(root: &Path, name: &str, limit: u64) -> Result<(Vec<TextFile>, Vec<StaticFile>)> {
    let theme_dir = layout::theme_dir(name);
    if name != theme::DEFAULT && !root.join(&theme_dir).is_dir() {
        return Err(Error::Refused(format!(
            "theme `{name}` not found: there is no folder {}",
            theme_dir.display()
        )));
    }
    let templates = files_under(root, &theme_dir.join("templates"))?
        .into_iter()
        .filter(|p| {
            p.extension()
                .is_some_and(|e| theme::TEMPLATE_EXTENSIONS.iter().any(|t| e == *t))
        })
        .map(|p| read_text(root, &p, false, limit))
        .collect::<Result<Vec<_>>>()?;
    let static_dir = theme_dir.join("static");
    let statics = static_files(root, &static_dir, limit)?;
    Ok(with_defaults(templates, statics))
}

/// Add the built-in default's templates and static files that the
/// project's theme does not supply. Templates are ordered by file name,
/// static files by path.
fn with_defaults(
    mut templates: Vec<TextFile>,
    mut statics: Vec<StaticFile>,
) -> (Vec<TextFile>, Vec<StaticFile>) {
    let name_of = |f: &TextFile| f.path.file_name().map(|n| n.to_os_string());
    let supplied: BTreeSet<_> = templates.iter().filter_map(name_of).collect();
    // The table names a template by its path (`epub/nav.xhtml`); a template
    // is known by its file name (`nav.xhtml`), wherever a theme keeps it.
    for (rel, text) in theme::TEMPLATES {
        let name = Path::new(rel).file_name().unwrap_or_default();
        if !supplied.contains(name) {
            templates.push(TextFile {
                path: Path::new(theme::BUILT_IN).join("templates").join(rel),
                text: text.to_string(),
                encoding: Encoding::default(),
            });
        }
    }
    templates.sort_by_key(name_of);
    let supplied: BTreeSet<String> = statics.iter().map(|f| f.path.clone()).collect();
    for (path, bytes) in theme::STATICS {
        if !supplied.contains(*path) {
            statics.push(StaticFile {
                path: path.to_string(),
                bytes: bytes.to_vec(),
            });
        }
    }
    statics.sort_by(|a, b| a.path.cmp(&b.path));
    (templates, statics)
}

/// The largest file the settings allow, in bytes.
fn limit(settings: &Settings) -> u64 {
    settings.max_file_mib.saturating_mul(1024 * 1024)
}

/// The language folders under `locales/`, checked and ordered.
fn locales(root: &Path, settings: &Settings) -> Result<Vec<LocaleFiles>> {
    let limit = limit(settings);
    let locales = Path::new(layout::LOCALES);
    let mut problems = Vec::new();
    let mut found = Vec::new();
    let entries = std::fs::read_dir(root.join(locales)).map_err(|e| Error::io(locales, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(locales, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = locales.join(&name);
        inside_project(root, &rel)?;
        if !root.join(&rel).is_dir() {
            continue;
        }
        match LangTag::parse(&name) {
            Ok(tag) => found.push(tag),
            Err(message) => problems.push(Diagnostic::error(&rel, None, message)),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let order = crate::lang::order(&found, &settings.languages, &settings.original)
        .map_err(|message| Error::at(Diagnostic::error(layout::SETTINGS, None, message)))?;
    order
        .into_iter()
        .map(|lang| {
            let optional = |rel: PathBuf, content: bool| {
                if root.join(&rel).exists() {
                    read_text(root, &rel, content, limit).map(Some)
                } else {
                    Ok(None)
                }
            };
            let messages = optional(layout::messages(&lang), true)?.ok_or_else(|| {
                Error::at(Diagnostic::error(
                    layout::locale_dir(&lang),
                    None,
                    format!(
                        "language `{lang}` has no {} (its interface strings)",
                        layout::messages_file_name()
                    ),
                ))
            })?;
            Ok(LocaleFiles {
                statement: optional(layout::translation(&lang), true)?,
                orphans: optional(layout::orphans(&lang), true)?,
                glossary: optional(layout::glossary(&lang), true)?,
                review_notes: optional(layout::review_notes(&lang), false)?,
                messages,
                lang,
            })
        })
        .collect()
}

/// Read a file given on the command line (an XLIFF or PO file to import),
/// under the project's size limit.
pub(crate) fn exchange_file(path: &Path, settings: &Settings) -> Result<TextFile> {
    let limit = limit(settings);
    let size = std::fs::metadata(path)
        .map_err(|e| Error::io(path, e))?
        .len();
    refuse_large(path, size, limit)?;
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let (text, encoding) = decode(bytes, path, false).map_err(Error::at)?;
    Ok(TextFile {
        path: path.to_path_buf(),
        text,
        encoding,
    })
}

/// A project file exactly as it is on disk (byte-order mark and line ends
/// kept), for the editor, which must keep every byte it does not change.
/// `expected` is the text the model was built from: if the file changed
/// since, nothing may be edited.
pub(crate) fn raw_text(root: &Path, file: &TextFile, settings: &Settings) -> Result<String> {
    let bytes = read_bytes(root, &file.path, limit(settings))?;
    let raw = String::from_utf8(bytes.clone()).map_err(|_| changed(&file.path))?;
    let (text, _) = decode(bytes, &file.path, true).map_err(Error::at)?;
    if text != file.text {
        return Err(changed(&file.path));
    }
    Ok(raw)
}

fn changed(path: &Path) -> Error {
    Error::at(Diagnostic::error(
        path,
        None,
        "the file changed while Tolmach was reading it; nothing was written (run the command again)",
    ))
}

fn refuse_large(path: &Path, size: u64, limit: u64) -> Result<()> {
    if size > limit {
        return Err(Error::at(Diagnostic::error(
            path,
            None,
            format!(
                "the file is {size} bytes; the limit is {limit} bytes ({} MiB; raise it with `max_file_mib`)",
                limit / (1024 * 1024)
            ),
        )));
    }
    Ok(())
}

/// Every file under `dir` (relative to `root`), sorted, symlinks checked.
fn files_under(root: &Path, dir: &Path) -> Result<Vec<PathBuf>> {
    if !root.join(dir).is_dir() {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    for entry in WalkDir::new(root.join(dir))
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| {
            let path = e
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| dir.to_path_buf());
            Error::io(&path, e.into())
        })?;
        let rel = entry
            .path()
            .strip_prefix(root)
            .expect("walkdir yields paths under its start")
            .to_path_buf();
        if entry.path_is_symlink() {
            inside_project(root, &rel)?;
            if root.join(&rel).is_file() {
                out.push(rel);
            }
        } else if entry.file_type().is_file() {
            out.push(rel);
        }
    }
    Ok(out)
}

/// The theme's static files, which are published as they are: each must
/// be a regular file inside the theme's folder, reached without symlinks,
/// and not a hard link to a file elsewhere (link count 1). Anything else is
/// refused with its path, so that no file outside the theme (`.env`,
/// `.git/config`, `/etc/passwd`) can be published through the theme.
fn static_files(root: &Path, static_dir: &Path, limit: u64) -> Result<Vec<StaticFile>> {
    let full = root.join(static_dir);
    if !full.is_dir() {
        return Ok(Vec::new());
    }
    let mut folder = PathBuf::new();
    for part in static_dir.components() {
        folder.push(part);
        if std::fs::symlink_metadata(root.join(&folder)).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Error::at(Diagnostic::error(
                &folder,
                None,
                "is a symlink; the theme's static files are published, so they must be reached without one",
            )));
        }
    }
    let mut problems = Vec::new();
    let mut found = Vec::new();
    let entries = WalkDir::new(&full).follow_links(false).sort_by_file_name();
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(static_dir, e.into()))?;
        let rel = static_dir.join(
            entry
                .path()
                .strip_prefix(&full)
                .expect("walkdir yields paths under its start"),
        );
        let meta = std::fs::symlink_metadata(entry.path()).map_err(|e| Error::io(&rel, e))?;
        let why = if meta.file_type().is_symlink() {
            "is a symlink; a theme's static files are published, so each must be a regular file of the theme"
        } else if meta.is_dir() {
            continue;
        } else if !meta.is_file() {
            "is not a regular file; a theme's static files must be"
        } else if link_count(&meta) > 1 {
            "is a hard link to a file elsewhere (link count above 1); copy the file into the theme instead"
        } else {
            found.push(rel);
            continue;
        };
        problems.push(Diagnostic::error(&rel, None, why));
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    found
        .into_iter()
        .map(|p| {
            let bytes = read_bytes(root, &p, limit)?;
            let rel = p
                .strip_prefix(static_dir)
                .expect("static files are under their folder")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            Ok(StaticFile { path: rel, bytes })
        })
        .collect()
}

#[cfg(unix)]
fn link_count(meta: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt as _;
    meta.nlink()
}

#[cfg(not(unix))]
fn link_count(_: &std::fs::Metadata) -> u64 {
    1
}

/// Refuse a path that resolves (through symlinks) outside the project.
fn inside_project(root: &Path, rel: &Path) -> Result<()> {
    let full = root.join(rel);
    let Ok(real) = full.canonicalize() else {
        return Ok(());
    };
    let real_root = root.canonicalize().map_err(|e| Error::io(root, e))?;
    if real.starts_with(&real_root) {
        Ok(())
    } else {
        Err(Error::at(Diagnostic::error(
            rel,
            None,
            "is a symlink that points outside the project; Tolmach does not follow it",
        )))
    }
}

fn read_bytes(root: &Path, rel: &Path, limit: u64) -> Result<Vec<u8>> {
    inside_project(root, rel)?;
    let full = root.join(rel);
    let meta = std::fs::metadata(&full).map_err(|e| Error::io(rel, e))?;
    refuse_large(rel, meta.len(), limit)?;
    std::fs::read(&full).map_err(|e| Error::io(rel, e))
}

/// How a file was saved, so that a rewrite can keep it that way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Encoding {
    /// The file started with a UTF-8 byte-order mark.
    pub bom: bool,
    /// The file's lines end in CR LF (Windows) rather than LF.
    pub crlf: bool,
}

/// Turn the bytes of a project file into text with LF line ends and no
/// byte-order mark, as every editor shows it: lines keep their numbers and
/// columns. `content` files (sources and translations) also may not contain
/// tabs, except YAML files, whose parser applies YAML's own rule (never in
/// indentation, anywhere else as a space). Control characters other than tab and line breaks are refused with
/// their position.
pub fn decode(
    bytes: Vec<u8>,
    path: &Path,
    content: bool,
) -> Result<(String, Encoding), Diagnostic> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let prefix =
                std::str::from_utf8(&bytes[..valid]).expect("valid_up_to marks valid UTF-8");
            return Err(Diagnostic::error(
                path,
                Some(Location::of_offset(prefix, valid)),
                format!(
                    "invalid UTF-8 (byte 0x{:02X}); save the file as UTF-8",
                    bytes[valid]
                ),
            ));
        }
    };
    let bom = text.starts_with('\u{FEFF}');
    let body = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    let crlf = body.contains("\r\n");
    let text = if body.contains('\r') {
        body.replace("\r\n", "\n").replace('\r', "\n")
    } else if bom {
        body.to_string()
    } else {
        text
    };
    let tabs_refused = content && !is_yaml(path);
    let refused = |c: char| is_forbidden_control(c) || (tabs_refused && c == '\t');
    let found = if may_hold_forbidden(text.as_bytes(), tabs_refused) {
        text.char_indices().find(|&(_, c)| refused(c))
    } else {
        None
    };
    if let Some((i, c)) = found {
        let message = match c {
            '\t' => "tab character; use spaces".to_string(),
            '\0' => "NUL character; this is not a text file".to_string(),
            c => format!(
                "control character U+{:04X}; only tabs and line breaks may appear in text",
                c as u32
            ),
        };
        return Err(Diagnostic::error(
            path,
            Some(Location::of_offset(&text, i)),
            message,
        ));
    }
    Ok((text, Encoding { bom, crlf }))
}

/// YAML has its own rule for tabs (never in indentation, anywhere else as
/// a space), which its parser enforces with the place; Markdown and Fluent
/// files get none.
fn is_yaml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Read a text file of the project and check its encoding and layout.
/// `content` files (sources and locales) also may not contain tabs.
fn read_text(root: &Path, rel: &Path, content: bool, limit: u64) -> Result<TextFile> {
    let bytes = read_bytes(root, rel, limit)?;
    let (text, encoding) = decode(bytes, rel, content).map_err(Error::at)?;
    Ok(TextFile {
        path: rel.to_path_buf(),
        text,
        encoding,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> String {
        match decode(bytes.to_vec(), Path::new("f"), true) {
            Ok((text, _)) => text,
            Err(d) => d.to_string(),
        }
    }

    #[test]
    fn decoding_reports_the_first_problem_with_its_place() {
        assert_eq!(decoded(b"ok\n"), "ok\n");
        assert_eq!(
            decoded(b"a\nb\xff"),
            "f:2:2: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8"
        );
        assert_eq!(
            decoded(b"a:\n\tb"),
            "f:2:1: error: tab character; use spaces"
        );
        assert_eq!(
            decoded(b"a\nb \x1b[2J"),
            "f:2:3: error: control character U+001B; only tabs and line breaks may appear in text"
        );
    }

    #[test]
    fn windows_files_read_as_the_editor_shows_them() {
        let (text, enc) = decode(
            b"\xEF\xBB\xBFa: 1\r\nb: 2\r\n".to_vec(),
            Path::new("f"),
            true,
        )
        .unwrap();
        assert_eq!(text, "a: 1\nb: 2\n");
        assert_eq!(
            enc,
            Encoding {
                bom: true,
                crlf: true
            }
        );
        let err = decode(b"a\r\n\tb".to_vec(), Path::new("f"), true).unwrap_err();
        assert_eq!(err.location, Some(Location::new(2, 1)));
    }
}
