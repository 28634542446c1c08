//! Stage 1, load: the only code that reads the project. It returns text and
//! bytes with their paths; nothing here interprets them beyond checking that
//! they are readable, inside the project and sane (UTF-8 without BOM, LF
//! line endings, no tabs in content files, bounded size).

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Diagnostic, Error, Location, Result};
use crate::settings::{self, Overrides, Settings};

/// Files larger than this are refused before they are read, unless the
/// settings raise the limit (`max_file_mib`).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// A text file of the project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextFile {
    /// Path relative to the project root, used in every message.
    pub path: PathBuf,
    /// The contents.
    pub text: String,
}

/// A binary or verbatim file of the theme, copied to the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaticFile {
    /// Path inside the theme's `static/` folder, with `/` separators.
    pub path: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// One folder under `locales/`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocaleFiles {
    /// The folder name, a checked BCP 47 tag.
    pub lang: String,
    /// `statement.yaml`, absent for the original's language.
    pub statement: Option<TextFile>,
    /// `site.ftl`.
    pub messages: TextFile,
    /// `glossary.yaml`, optional.
    pub glossary: Option<TextFile>,
}

/// Everything the build reads, in memory.
#[derive(Clone, Debug)]
pub struct Project {
    /// The project root.
    pub root: PathBuf,
    /// Merged settings.
    pub settings: Settings,
    /// `sources/statement.md`.
    pub source: TextFile,
    /// The language folders, in the settings' order.
    pub locales: Vec<LocaleFiles>,
    /// The theme's templates (`themes/<theme>/templates/*.html`), by file name.
    pub templates: Vec<TextFile>,
    /// The theme's static files (`themes/<theme>/static/**`).
    pub statics: Vec<StaticFile>,
}

/// The source file, relative to the root.
pub const SOURCE_PATH: &str = "sources/statement.md";

/// Read the settings alone (the output folder must be known before anything is built).
pub fn settings(root: &Path, overrides: Overrides) -> Result<Settings> {
    let path = root.join(settings::FILE_NAME);
    let mut settings = if path.exists() {
        let file = read_text(root, Path::new(settings::FILE_NAME), false)?;
        Settings::parse(&file.text, &file.path)?
    } else {
        Settings::default()
    };
    settings.apply(overrides);
    settings.validate(Path::new(settings::FILE_NAME))?;
    Ok(settings)
}

/// Read the whole project at `root`.
pub fn project(root: &Path, overrides: Overrides) -> Result<Project> {
    let settings = settings(root, overrides)?;
    let limit = settings.max_file_mib.saturating_mul(1024 * 1024);
    if !root.join(SOURCE_PATH).exists() {
        return Err(Error::Refused(format!(
            "{} is not a Tolmach project: it has no {SOURCE_PATH} (run from the project root or pass --root)",
            root.display()
        )));
    }
    let source = read_text_within(root, Path::new(SOURCE_PATH), true, limit)?;
    let locales = locales(root, &settings)?;
    let theme_dir = Path::new("themes").join(&settings.theme);
    if !root.join(&theme_dir).is_dir() {
        return Err(Error::Refused(format!(
            "theme `{}` not found: there is no folder {}",
            settings.theme,
            theme_dir.display()
        )));
    }
    let templates = files_under(root, &theme_dir.join("templates"))?
        .into_iter()
        .filter(|p| {
            p.extension()
                .is_some_and(|e| e == "html" || e == "xml" || e == "txt")
        })
        .map(|p| read_text_within(root, &p, false, limit))
        .collect::<Result<Vec<_>>>()?;
    let static_dir = theme_dir.join("static");
    let statics = static_files(root, &static_dir, limit)?;
    Ok(Project {
        root: root.to_path_buf(),
        settings,
        source,
        locales,
        templates,
        statics,
    })
}

/// The language folders under `locales/`, checked and ordered.
fn locales(root: &Path, settings: &Settings) -> Result<Vec<LocaleFiles>> {
    let limit = settings.max_file_mib.saturating_mul(1024 * 1024);
    let dir = root.join("locales");
    let mut problems = Vec::new();
    let mut found = Vec::new();
    let entries = std::fs::read_dir(&dir).map_err(|e| Error::io(Path::new("locales"), e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io(Path::new("locales"), e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let rel = Path::new("locales").join(&name);
        inside_project(root, &rel)?;
        if !root.join(&rel).is_dir() {
            continue;
        }
        match crate::lang::check_tag(&name) {
            Ok(()) => found.push(name),
            Err(message) => problems.push(Diagnostic::error(&rel, None, message)),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Invalid(problems));
    }
    let order = crate::lang::order(&found, &settings.languages)
        .map_err(|message| Error::at(Diagnostic::error(settings::FILE_NAME, None, message)))?;
    order
        .into_iter()
        .map(|lang| {
            let base = Path::new("locales").join(&lang);
            let optional = |name: &str| {
                let rel = base.join(name);
                if root.join(&rel).exists() {
                    read_text_within(root, &rel, true, limit).map(Some)
                } else {
                    Ok(None)
                }
            };
            let statement = optional(crate::translation::FILE_NAME)?;
            let glossary = optional("glossary.yaml")?;
            let messages = optional(crate::i18n::FILE_NAME)?.ok_or_else(|| {
                Error::at(Diagnostic::error(
                    &base,
                    None,
                    format!(
                        "language `{lang}` has no {} (its interface strings)",
                        crate::i18n::FILE_NAME
                    ),
                ))
            })?;
            Ok(LocaleFiles {
                lang,
                statement,
                messages,
                glossary,
            })
        })
        .collect()
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
    if meta.len() > limit {
        return Err(Error::at(Diagnostic::error(
            rel,
            None,
            format!(
                "the file is {} bytes; the limit is {limit} bytes ({} MiB; raise it with `max_file_mib`)",
                meta.len(),
                limit / (1024 * 1024)
            ),
        )));
    }
    std::fs::read(&full).map_err(|e| Error::io(rel, e))
}

/// Read a text file and check its encoding and layout. `content` files
/// (sources and locales) also may not contain tabs.
pub fn read_text(root: &Path, rel: &Path, content: bool) -> Result<TextFile> {
    read_text_within(root, rel, content, MAX_FILE_BYTES)
}

/// [`read_text`] with a size limit other than the default.
fn read_text_within(root: &Path, rel: &Path, content: bool, limit: u64) -> Result<TextFile> {
    let bytes = read_bytes(root, rel, limit)?;
    let text = decode(bytes, rel, content).map_err(Error::at)?;
    Ok(TextFile {
        path: rel.to_path_buf(),
        text,
    })
}

/// Check that `bytes` are text Tolmach can report positions in.
pub fn decode(
    bytes: Vec<u8>,
    path: &Path,
    content: bool,
) -> std::result::Result<String, Diagnostic> {
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
    if text.starts_with('\u{FEFF}') {
        return Err(Diagnostic::error(
            path,
            Some(Location::new(1, 1)),
            "the file starts with a byte-order mark (U+FEFF); save it as UTF-8 without BOM",
        ));
    }
    if let Some(i) = text.find('\r') {
        return Err(Diagnostic::error(
            path,
            Some(Location::of_offset(&text, i)),
            "carriage return (Windows CR LF line ending); save the file with LF line endings",
        ));
    }
    if content && let Some(i) = text.find('\t') {
        return Err(Diagnostic::error(
            path,
            Some(Location::of_offset(&text, i)),
            "tab character; use spaces",
        ));
    }
    if let Some(i) = text.find('\0') {
        return Err(Diagnostic::error(
            path,
            Some(Location::of_offset(&text, i)),
            "NUL character; this is not a text file",
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> String {
        match decode(bytes.to_vec(), Path::new("f"), true) {
            Ok(text) => text,
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
            decoded("\u{FEFF}a".as_bytes()),
            "f:1:1: error: the file starts with a byte-order mark (U+FEFF); save it as UTF-8 without BOM"
        );
        assert_eq!(
            decoded(b"a\r\n"),
            "f:1:2: error: carriage return (Windows CR LF line ending); save the file with LF line endings"
        );
        assert_eq!(
            decoded(b"a:\n\tb"),
            "f:2:1: error: tab character; use spaces"
        );
    }
}
