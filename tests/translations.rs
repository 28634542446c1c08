//! The signatory states' languages: complete, in their own scripts, numbers and ids exact.

mod common;

use std::path::Path;

use tolmach::{LangTag, Source, Translation};

const TRANSLATED: [&str; 6] = ["en", "kk", "ky", "tg", "tk", "uz"];

fn source() -> Source {
    let path = common::repo().join("sources/statement.md");
    Source::parse(
        &std::fs::read_to_string(path).unwrap(),
        Path::new("sources/statement.md"),
        &LangTag::parse("ru").unwrap(),
    )
    .unwrap()
}

fn translation(lang: &str) -> Translation {
    let rel = format!("locales/{lang}/statement.yaml");
    let text = std::fs::read_to_string(common::repo().join(&rel)).unwrap();
    Translation::parse(&text, Path::new(&rel)).unwrap()
}

fn numbers(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    out.sort();
    out
}

/// Words of a text, without abbreviations such as COVID-19 or ЭСКАТО.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == 'ʻ' || c == 'ʼ'))
        .filter(|w| !w.is_empty() && w.chars().any(char::is_alphabetic))
        .filter(|w| !(w.chars().count() > 1 && w.chars().all(|c| !c.is_lowercase())))
}

#[test]
fn every_language_has_the_russian_ids_in_order_all_current() {
    let source = source();
    let ids: Vec<&str> = source.units().map(|u| u.id.as_str()).collect();
    for lang in TRANSLATED {
        let t = translation(lang);
        let got: Vec<&str> = t.entries.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(got, ids, "{lang}");
        for (entry, unit) in t.entries.iter().zip(source.units()) {
            assert!(
                !entry.text.trim().is_empty(),
                "{lang}: {} is empty",
                entry.id
            );
            assert_eq!(
                entry.source.as_deref(),
                Some(unit.text.as_str()),
                "{lang}: {} is stale",
                entry.id
            );
            assert!(entry.previous_source.is_none(), "{lang}: {}", entry.id);
            assert_ne!(
                entry.text.trim(),
                unit.text,
                "{lang}: {} is left in Russian",
                entry.id
            );
        }
    }
}

#[test]
fn numbers_match_the_russian_unit_by_unit() {
    let source = source();
    for lang in TRANSLATED {
        let t = translation(lang);
        for unit in source.units() {
            let entry = t.entry(&unit.id).unwrap();
            assert_eq!(
                numbers(&entry.text),
                numbers(&unit.text),
                "{lang}: {}",
                unit.id
            );
        }
    }
}

#[test]
fn cyrillic_languages_use_no_latin_except_abbreviations() {
    for (lang, letters) in [("kk", "әғқңөұүһі"), ("ky", "ңөү"), ("tg", "ғӣқӯҳҷ")]
    {
        let t = translation(lang);
        let all: String = t
            .entries
            .iter()
            .map(|e| e.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        for entry in &t.entries {
            for word in words(&entry.text) {
                assert!(
                    word.chars().all(|c| !c.is_ascii_alphabetic()),
                    "{lang}: {}: Latin in {word:?}",
                    entry.id
                );
            }
        }
        for letter in letters.chars() {
            assert!(all.contains(letter), "{lang} never uses {letter}");
        }
    }
}

#[test]
fn latin_languages_use_their_own_alphabets_and_no_cyrillic() {
    let alphabets = [
        ("tk", "abçdeäfghijžklmnňoöprsştuüwyýz"),
        ("uz", "abdefghijklmnopqrstuvxyzʻʼ"),
    ];
    for (lang, alphabet) in alphabets {
        let t = translation(lang);
        for entry in &t.entries {
            assert!(
                !entry
                    .text
                    .chars()
                    .any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)),
                "{lang}: {}: Cyrillic",
                entry.id
            );
            for word in words(&entry.text) {
                // Uzbek writes ch as a digraph of letters outside its single-letter set.
                let lower = word.to_lowercase().replace("ch", "");
                assert!(
                    lower.chars().all(|c| alphabet.contains(c)),
                    "{lang}: {}: {word:?} has a letter outside the alphabet",
                    entry.id
                );
            }
        }
    }
    // Uzbek oʻ and gʻ use U+02BB, never an apostrophe or a quotation mark.
    let uz = translation("uz");
    for entry in &uz.entries {
        for bad in ["o'", "g'", "o‘", "g‘", "o’", "g’", "O'", "G'", "O‘", "G‘"] {
            assert!(!entry.text.contains(bad), "uz: {}: {bad}", entry.id);
        }
    }
    assert!(uz.entries.iter().any(|e| e.text.contains("oʻ")));
}

#[test]
fn glossary_terms_are_translated_consistently() {
    #[derive(serde::Deserialize)]
    struct Term {
        term: String,
        ru: Vec<String>,
        target: String,
    }
    let source = source();
    for lang in TRANSLATED {
        let rel = format!("locales/{lang}/glossary.yaml");
        let text = std::fs::read_to_string(common::repo().join(&rel)).unwrap();
        let terms: Vec<Term> = serde_saphyr::from_str(&text).unwrap();
        assert!(terms.len() >= 15, "{lang}: glossary too short");
        let t = translation(lang);
        for term in &terms {
            for unit in source.units() {
                let ru = unit.text.to_lowercase();
                if term.ru.iter().any(|form| ru.contains(&form.to_lowercase())) {
                    let text = t.entry(&unit.id).unwrap().text.to_lowercase();
                    assert!(
                        text.contains(&term.target.to_lowercase()),
                        "{lang}: {}: «{}» should be rendered with «{}»",
                        unit.id,
                        term.term,
                        term.target
                    );
                }
            }
        }
    }
}

#[test]
fn every_language_has_a_reviewers_note_and_endonym() {
    let endonyms = [
        ("ru", "Русский"),
        ("en", "English"),
        ("kk", "Қазақша"),
        ("ky", "Кыргызча"),
        ("tg", "Тоҷикӣ"),
        ("tk", "Türkmençe"),
        ("uz", "Oʻzbekcha"),
    ];
    for (lang, name) in endonyms {
        let ftl = std::fs::read_to_string(common::repo().join(format!("locales/{lang}/site.ftl")))
            .unwrap();
        assert!(ftl.contains(&format!("language-name = {name}\n")), "{lang}");
        if lang != "ru" {
            let review = common::repo().join(format!("locales/{lang}/REVIEW.md"));
            assert!(
                std::fs::metadata(&review).unwrap().len() > 500,
                "{lang}: REVIEW.md"
            );
        }
    }
}
