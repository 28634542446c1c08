//! A language's glossary, `locales/<lang>/glossary.yaml`: recurring terms of
//! the original and the fixed rendering each must have in the translation.

use serde::Deserialize;

use crate::error::Diagnostic;
use crate::load::TextFile;

/// One term of a glossary.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Term {
    /// The term in the original, for messages.
    pub term: String,
    /// Forms of the term as they occur in the original (any one, case-insensitively).
    pub ru: Vec<String>,
    /// The stem every translation of a unit using the term must contain (case-insensitively).
    pub target: String,
}

impl Term {
    /// If `original` uses the term, the form it uses; checked case-insensitively.
    pub(crate) fn used_in(&self, original_lower: &str) -> Option<&str> {
        self.ru
            .iter()
            .find(|form| original_lower.contains(&form.to_lowercase()))
            .map(String::as_str)
    }

    /// Whether `translation_lower` renders the term.
    pub(crate) fn rendered_in(&self, translation_lower: &str) -> bool {
        translation_lower.contains(&self.target.to_lowercase())
    }
}

/// Parse a glossary file.
pub(crate) fn parse(file: &TextFile) -> Result<Vec<Term>, Diagnostic> {
    crate::yaml::parse(&file.text, &file.path, 1)
}
