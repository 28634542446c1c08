//! Where every file of a project lives, relative to its root. The one place
//! that spells these paths: the loader reads them, the model names them in
//! its findings, and the commands that write translations write them.

use std::path::{Path, PathBuf};

use crate::lang::LangTag;

/// The settings file at the project root.
pub(crate) const SETTINGS: &str = "tolmach.yaml";
/// The original document.
pub(crate) const SOURCE: &str = "sources/statement.md";
/// The folder that holds one folder per language.
pub(crate) const LOCALES: &str = "locales";
/// The folder that holds the themes.
pub(crate) const THEMES: &str = "themes";

/// The translation of the document.
const TRANSLATION: &str = "statement.yaml";
/// Units the source no longer has, parked by `sync`.
const ORPHANS: &str = "orphans.yaml";
/// Interface strings.
const MESSAGES: &str = "site.ftl";
/// Recurring terms and their fixed renderings.
const GLOSSARY: &str = "glossary.yaml";
/// The translator's note for the reviewer.
const REVIEW_NOTES: &str = "REVIEW.md";

/// `locales/<lang>/`.
pub(crate) fn locale_dir(lang: &LangTag) -> PathBuf {
    Path::new(LOCALES).join(lang.as_str())
}

/// `locales/<lang>/statement.yaml`.
pub(crate) fn translation(lang: &LangTag) -> PathBuf {
    locale_dir(lang).join(TRANSLATION)
}

/// `locales/<lang>/orphans.yaml`.
pub(crate) fn orphans(lang: &LangTag) -> PathBuf {
    locale_dir(lang).join(ORPHANS)
}

/// `locales/<lang>/site.ftl`.
pub(crate) fn messages(lang: &LangTag) -> PathBuf {
    locale_dir(lang).join(MESSAGES)
}

/// `locales/<lang>/glossary.yaml`.
pub(crate) fn glossary(lang: &LangTag) -> PathBuf {
    locale_dir(lang).join(GLOSSARY)
}

/// `locales/<lang>/REVIEW.md`.
pub(crate) fn review_notes(lang: &LangTag) -> PathBuf {
    locale_dir(lang).join(REVIEW_NOTES)
}

/// `themes/<theme>/`.
pub(crate) fn theme_dir(theme: &str) -> PathBuf {
    Path::new(THEMES).join(theme)
}

/// The file name of a translation, for messages that name it without its folder.
pub(crate) fn translation_file_name() -> &'static str {
    TRANSLATION
}

/// The file name of the parked orphans, for messages.
pub(crate) fn orphans_file_name() -> &'static str {
    ORPHANS
}

/// The file name of the interface strings, for messages.
pub(crate) fn messages_file_name() -> &'static str {
    MESSAGES
}

/// Paths inside the project that hold what people edit: the source, the
/// translations, the themes and the settings. Commands that write files
/// chosen by the user refuse to overwrite these.
pub(crate) fn is_edited_by_people(rel: &Path) -> bool {
    rel == Path::new(SETTINGS)
        || [Path::new("sources"), Path::new(LOCALES), Path::new(THEMES)]
            .iter()
            .any(|dir| rel.starts_with(dir))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_a_language() {
        let kk = LangTag::parse("kk").unwrap();
        assert_eq!(translation(&kk), Path::new("locales/kk/statement.yaml"));
        assert_eq!(orphans(&kk), Path::new("locales/kk/orphans.yaml"));
        assert_eq!(messages(&kk), Path::new("locales/kk/site.ftl"));
        assert!(is_edited_by_people(&translation(&kk)));
        assert!(is_edited_by_people(Path::new("tolmach.yaml")));
        assert!(!is_edited_by_people(Path::new("statement.kk.po")));
    }
}
