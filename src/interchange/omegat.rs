//! An OmegaT project around a PO export (`tolmach export LANG
//! --omegat-project DIR`): the settings that make OmegaT 3.x give the file
//! back whole, sent with the file, so the translator need not find them.
//!
//! What the OmegaT round trip in `tests/omegat.rs` shows with Debian's
//! OmegaT 3.6:
//! - with sentence segmentation on (OmegaT's default), every paragraph of
//!   more than one sentence comes back as `msgstr ""`: OmegaT does not load
//!   an existing translation it cannot align with the sentences, and writes
//!   an entry whose sentences are untranslated as empty. Nothing in a PO
//!   file (a note, a flag) changes that; the project setting does, so the
//!   project says `<sentence_seg>false</sentence_seg>`;
//! - without `skipHeader` the PO header is a segment to translate, so the
//!   project's own filter settings skip it;
//! - OmegaT 3.x reads XLIFF 1.2 as target-only text and has no XLIFF 2
//!   filter, so the project holds the PO export.
//!
//! Input: the languages and the PO file's name; output: the project's
//! files as text, written by the caller.

use crate::lang::LangTag;
use crate::text::escape_xml as escape;

/// The folders of an OmegaT project; OmegaT refuses a project that lacks one.
pub(crate) const FOLDERS: [&str; 6] =
    ["source", "target", "tm", "glossary", "dictionary", "omegat"];

/// The project's files (path relative to the project folder, text): the
/// project settings, its file filter settings and the PO file itself.
pub(crate) fn files(
    original: &LangTag,
    lang: &LangTag,
    name: &str,
    po: String,
) -> Vec<(String, String)> {
    vec![
        ("omegat.project".to_string(), project(original, lang)),
        ("omegat/filters.xml".to_string(), FILTERS.to_string()),
        (format!("source/{name}"), po),
    ]
}

/// `omegat.project`: the languages, and sentence segmentation off, so that
/// each unit (a paragraph) is one segment.
fn project(original: &LangTag, lang: &LangTag) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>{}</source_lang>
        <target_lang>{}</target_lang>
        <source_tok>org.omegat.tokenizer.{}</source_tok>
        <target_tok>org.omegat.tokenizer.{}</target_tok>
        <sentence_seg>false</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"#,
        escape(original.as_str()),
        escape(lang.as_str()),
        tokenizer(original),
        tokenizer(lang)
    )
}

/// The project's filter settings: PO files in UTF-8, header skipped (it is
/// not text to translate). OmegaT adds its other filters with their defaults.
const FILTERS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<filters removeTags="true" removeSpacesNonseg="true" preserveSpaces="false" ignoreFileContext="false">
    <filter className="org.omegat.filters2.po.PoFilter" enabled="true">
        <files sourceFilenameMask="*.po" targetFilenamePattern="${filename}" sourceEncoding="UTF-8" targetEncoding="UTF-8"/>
        <option name="skipHeader" value="true"/>
    </filter>
</filters>
"#;

/// The word splitter OmegaT 3.x has for a language (used for matches and
/// word counts); `DefaultTokenizer` where it has none, as OmegaT itself
/// falls back (Kazakh, Kyrgyz, Tajik, Turkmen and Uzbek have none).
fn tokenizer(lang: &LangTag) -> &'static str {
    match lang.language() {
        "ar" => "LuceneArabicTokenizer",
        "bg" => "LuceneBulgarianTokenizer",
        "cs" => "LuceneCzechTokenizer",
        "de" => "LuceneGermanTokenizer",
        "el" => "LuceneGreekTokenizer",
        "en" => "LuceneEnglishTokenizer",
        "es" => "LuceneSpanishTokenizer",
        "fa" => "LucenePersianTokenizer",
        "fr" => "LuceneFrenchTokenizer",
        "hy" => "LuceneArmenianTokenizer",
        "it" => "LuceneItalianTokenizer",
        "ja" => "LuceneJapaneseTokenizer",
        "pt" => "LucenePortugueseTokenizer",
        "ru" => "LuceneRussianTokenizer",
        "tr" => "LuceneTurkishTokenizer",
        "zh" => "LuceneSmartChineseTokenizer",
        _ => "DefaultTokenizer",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_project_turns_segmentation_off_and_skips_the_po_header() {
        let ru = LangTag::parse("ru").unwrap();
        let kk = LangTag::parse("kk").unwrap();
        let files = files(&ru, &kk, "statement.kk.po", "PO".into());
        let names: Vec<_> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "omegat.project",
                "omegat/filters.xml",
                "source/statement.kk.po"
            ]
        );
        let project = &files[0].1;
        assert!(project.contains("<sentence_seg>false</sentence_seg>"));
        assert!(project.contains("<source_lang>ru</source_lang>"));
        assert!(project.contains("<target_lang>kk</target_lang>"));
        assert!(project.contains("LuceneRussianTokenizer"));
        assert!(project.contains("<target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>"));
        assert!(
            files[1]
                .1
                .contains(r#"<option name="skipHeader" value="true"/>"#)
        );
        assert_eq!(files[2].1, "PO");
    }
}
