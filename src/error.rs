//! Errors and diagnostics: every problem names its file and, when known, its line and column.

use std::fmt;
use std::path::{Path, PathBuf};

/// A position in a text file, 1-based.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Location {
    /// Line, starting at 1.
    pub line: usize,
    /// Column in characters, starting at 1.
    pub col: usize,
}

impl Location {
    /// A location from 1-based line and column.
    pub fn new(line: usize, col: usize) -> Self {
        Location { line, col }
    }

    /// The line and column of a byte offset in `text`. Offsets past the end
    /// point just after the last character.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        Location { line, col }
    }
}

/// Line starts of a text, for turning many offsets into locations without
/// rescanning the text each time.
#[derive(Clone, Debug)]
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Index the line starts of `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// The same as [`Location::of_offset`], in logarithmic time.
    pub(crate) fn location(&self, offset: usize) -> Location {
        let offset = floor_char_boundary(self.text, offset.min(self.text.len()));
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        Location {
            line,
            col: self.text[start..offset].chars().count() + 1,
        }
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// How serious a finding is.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// Worth a look; fails only `check --strict`.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One finding about one file, printed as `file:line:col: error: message`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    /// The file, relative to the project root where possible.
    pub path: PathBuf,
    /// Where in the file, if known.
    pub location: Option<Location>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, in one line.
    pub message: String,
    /// Extra lines shown under the message (for example a diff), each indented.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// An error at a place in a file.
    pub fn error(
        path: impl Into<PathBuf>,
        location: Option<Location>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            path: path.into(),
            location,
            severity: Severity::Error,
            message: message.into(),
            notes: Vec::new(),
        }
    }

    /// A warning at a place in a file.
    pub fn warning(
        path: impl Into<PathBuf>,
        location: Option<Location>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, location, message)
        }
    }

    /// The same finding with extra lines under it.
    pub fn with_notes(mut self, notes: Vec<String>) -> Self {
        self.notes = notes;
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(loc) = self.location {
            write!(f, ":{}:{}", loc.line, loc.col)?;
        }
        let message = crate::text::printable(&self.message);
        write!(f, ": {}: {message}", self.severity)?;
        for note in &self.notes {
            write!(f, "\n    {}", crate::text::printable(note))?;
        }
        Ok(())
    }
}

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Reading or writing a file failed.
    #[error("{}: error: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The input is invalid; every problem found is listed, sorted by file and line.
    #[error("{}", render_all(.0))]
    Invalid(Vec<Diagnostic>),
    /// A request the command refuses (bad output folder, unknown language, ...).
    #[error("error: {}", crate::text::printable(.0))]
    Refused(String),
}

fn render_all(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

impl Error {
    /// An I/O error about `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// A single diagnostic as an error.
    pub fn at(diagnostic: Diagnostic) -> Self {
        Error::Invalid(vec![diagnostic])
    }
}

/// The result of every fallible operation in Tolmach.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Turn a list of findings into an error if any of them is an error.
pub(crate) fn fail_on_errors(mut diagnostics: Vec<Diagnostic>) -> Result<Vec<Diagnostic>> {
    diagnostics.sort();
    diagnostics.dedup();
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        Err(Error::Invalid(diagnostics))
    } else {
        Ok(diagnostics)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let text = "ab\nвгд\n";
        assert_eq!(Location::of_offset(text, 0), Location::new(1, 1));
        assert_eq!(Location::of_offset(text, 3), Location::new(2, 1));
        // Columns count characters, not bytes.
        assert_eq!(Location::of_offset(text, 5), Location::new(2, 2));
        // An offset inside a character rounds down to its start.
        assert_eq!(Location::of_offset(text, 6), Location::new(2, 2));
        assert_eq!(Location::of_offset(text, 999), Location::new(3, 1));
    }

    #[test]
    fn the_line_index_agrees_with_scanning() {
        let text = "ab\nвгд\n\nx";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                index.location(offset),
                Location::of_offset(text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn diagnostics_print_file_line_column() {
        let d = Diagnostic::error(
            "locales/kk/statement.yaml",
            Some(Location::new(42, 7)),
            "bad",
        );
        assert_eq!(d.to_string(), "locales/kk/statement.yaml:42:7: error: bad");
    }
}
