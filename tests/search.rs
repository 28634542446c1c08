//! Search, citation and metadata of the real edition (issue 16, items 1–3).
//!
//! - The search index of each language, `search/<lang>.js`, read back (its
//!   JSON payload parsed) and searched as the browser does: a word in the
//!   vocabulary takes its stem's paragraphs, any word matches the forms it
//!   begins.
//! - Every page's JSON-LD parsed with serde_json: types, languages, and the
//!   links between the original and its translations, with and without a
//!   base URL; the citation meta tags; the citation pattern.
//!
//! The browser side (the dialog, the menu, file://) is tests/browser/search.mjs.

mod common;

use std::collections::BTreeSet;

use common::{Fixture, attrs, select, stdout};
use serde_json::Value;

const LANGS: [&str; 7] = ["ru", "en", "kk", "ky", "tg", "tk", "uz"];
/// Paragraph 25, about the Aral Sea.
const ARAL: &str = "environment-4";

/// The index inside `search/<lang>.js`.
fn index(f: &Fixture, lang: &str) -> Value {
    let script = f.read(&format!("public/search/{lang}.js"));
    let prefix = format!("(window.tolmachSearch=window.tolmachSearch||{{}})[\"{lang}\"]=");
    let json = script
        .strip_prefix(&prefix)
        .and_then(|s| s.trim_end().strip_suffix(';'))
        .unwrap_or_else(|| panic!("search/{lang}.js is not the expected script"));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("search/{lang}.js: {e}"))
}

/// The ids of the paragraphs that contain every word of `query`, folded as
/// lowercase: forms in the vocabulary that the word begins, each with its
/// stem's paragraphs (the index's fold table is not applied here).
fn search(index: &Value, query: &str) -> BTreeSet<String> {
    let words = index["words"].as_object().unwrap();
    let docs = index["docs"].as_array().unwrap();
    let mut result: Option<BTreeSet<String>> = None;
    for q in query.to_lowercase().split_whitespace() {
        let mut found = BTreeSet::new();
        for (form, entry) in words {
            if form.starts_with(q) {
                let posting = &index["postings"][entry.as_u64().unwrap() as usize];
                for doc in posting.as_array().unwrap() {
                    let doc = &docs[doc.as_u64().unwrap() as usize];
                    found.insert(doc["id"].as_str().unwrap().to_string());
                }
            }
        }
        result = Some(match result {
            None => found,
            Some(r) => r.intersection(&found).cloned().collect(),
        });
    }
    result.unwrap_or_default()
}

#[test]
fn every_language_has_an_index_that_finds_the_aral_sea() {
    let f = Fixture::real();
    f.build();
    let ru = index(&f, "ru");
    assert_eq!(ru["lang"], "ru");
    assert_eq!(ru["matching"], "stem");
    // «Арал» is a prefix of «Аральского»: paragraph 25.
    assert!(
        search(&ru, "арал").contains(ARAL),
        "{:?}",
        search(&ru, "арал")
    );
    // The authentic «СOVID-19» (a Cyrillic С) is indexed as "covid".
    assert!(search(&ru, "covid").contains("trade-3"));
    // ё is searched as е.
    assert!(
        ru["words"]
            .as_object()
            .unwrap()
            .keys()
            .all(|w| !w.contains('ё'))
    );
    let en = index(&f, "en");
    assert!(search(&en, "aral").contains(ARAL));
    // One stem for "cooperation" and "cooperate".
    let words = en["words"].as_object().unwrap();
    assert_eq!(words["cooperation"], words["cooperate"], "one stem");
    // Every language's index has every numbered paragraph, in order, with its sphere.
    for lang in LANGS {
        let i = index(&f, lang);
        let docs = i["docs"].as_array().unwrap();
        assert_eq!(docs.len(), 46, "{lang}: every paragraph");
        let numbers: Vec<u64> = docs.iter().map(|d| d["number"].as_u64().unwrap()).collect();
        assert_eq!(numbers, (1..=46).collect::<Vec<_>>(), "{lang}");
        let aral = docs.iter().find(|d| d["id"] == ARAL).unwrap();
        assert_eq!(aral["number"], 25, "{lang}");
        let sphere = aral["sphere"].as_u64().unwrap() as usize;
        assert_eq!(i["spheres"][sphere]["slug"], "environment", "{lang}");
    }
    // Languages matched by prefix keep the letters that tell words apart.
    let kk = index(&f, "kk");
    assert_eq!(kk["matching"], "prefix");
    assert!(search(&kk, "арал").contains(ARAL));
    let kk_words = kk["words"].as_object().unwrap();
    assert!(kk_words.keys().any(|w| w.contains('ә') || w.contains('қ')));
    let tk = index(&f, "tk");
    assert!(search(&tk, "aral").contains(ARAL));
    let uz = index(&f, "uz");
    assert!(uz["words"].as_object().unwrap().contains_key("oʼzaro"));
}

#[test]
fn a_second_build_leaves_the_indexes_alone() {
    let f = Fixture::real();
    f.build();
    let first = f.read("public/search/kk.js");
    let again = stdout(&f.build());
    assert!(again.contains(": 0 written,"), "{again}");
    // A changed paragraph rewrites its language's index only.
    f.edit(
        "locales/en/statement.yaml",
        "Aral Sea",
        "Aral Sea (Aralkum)",
    );
    let out = stdout(&f.build());
    assert!(search(&index(&f, "en"), "aralkum").contains(ARAL), "{out}");
    assert_eq!(f.read("public/search/kk.js"), first);
}

/// The JSON-LD object of a built page.
fn json_ld(f: &Fixture, rel: &str) -> Value {
    let page = f.page(rel);
    let scripts = select(&page, "script[type=\"application/ld+json\"]");
    assert_eq!(scripts.len(), 1, "{rel}: one JSON-LD block");
    let text: String = scripts[0].text().collect();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}\n{text}"))
}

/// The `content` of `<meta name=NAME>` on a page.
fn meta(page: &scraper::Html, name: &str) -> Option<String> {
    attrs(page, &format!("meta[name=\"{name}\"]"), "content")
        .into_iter()
        .next()
}

#[test]
fn every_page_links_its_language_version_to_the_original_without_a_base_url() {
    let f = Fixture::real();
    f.build();
    let ru = json_ld(&f, "ru/environment/index.html");
    assert_eq!(ru["@context"], "https://schema.org");
    assert_eq!(ru["@type"], "Legislation");
    assert_eq!(ru["@id"], "#work-ru");
    assert_eq!(ru["inLanguage"], "ru");
    assert_eq!(ru["legislationType"], "Заявление");
    assert_eq!(
        ru["legislationLegalValue"],
        "https://schema.org/AuthoritativeLegalValue"
    );
    assert!(
        ru["name"]
            .as_str()
            .unwrap()
            .starts_with("Заявление Министров")
    );
    assert_eq!(ru["datePublished"], "2026-12-01");
    assert!(ru.get("url").is_none(), "no address without a base URL");
    assert!(ru.get("translationOfWork").is_none());
    let translations = ru["workTranslation"].as_array().unwrap();
    let tags: Vec<&str> = translations
        .iter()
        .map(|t| t["inLanguage"].as_str().unwrap())
        .collect();
    assert_eq!(tags, ["en", "kk", "ky", "tg", "tk", "uz"]);
    for t in translations {
        assert_eq!(t["@type"], "Legislation");
        assert_eq!(
            t["@id"],
            format!("#work-{}", t["inLanguage"].as_str().unwrap())
        );
        assert_eq!(
            t["legislationLegalValue"],
            "https://schema.org/UnofficialLegalValue"
        );
    }

    for rel in [
        "kk/index.html",
        "kk/full/index.html",
        "kk/parallel/ru/trade/index.html",
    ] {
        let kk = json_ld(&f, rel);
        assert_eq!(kk["@type"], "Legislation", "{rel}");
        assert_eq!(kk["@id"], "#work-kk", "{rel}");
        assert_eq!(kk["inLanguage"], "kk", "{rel}");
        assert!(kk.get("workTranslation").is_none(), "{rel}");
        let original = &kk["translationOfWork"];
        assert_eq!(original["@id"], "#work-ru", "{rel}");
        assert_eq!(original["inLanguage"], "ru", "{rel}");
        assert_eq!(
            original["legislationLegalValue"],
            "https://schema.org/AuthoritativeLegalValue"
        );
        assert_eq!(original["name"], ru["name"], "{rel}");
    }

    let page = f.page("en/trade/index.html");
    assert!(
        meta(&page, "citation_title")
            .unwrap()
            .starts_with("Statement of the Foreign Ministers")
    );
    assert_eq!(meta(&page, "citation_date").as_deref(), Some("2026/12/01"));
    assert_eq!(meta(&page, "citation_language").as_deref(), Some("en"));
    assert_eq!(meta(&page, "DC.title"), meta(&page, "citation_title"));
    assert_eq!(meta(&page, "DC.date").as_deref(), Some("2026-12-01"));
    assert_eq!(meta(&page, "DC.language").as_deref(), Some("en"));
    assert_eq!(meta(&page, "DC.type").as_deref(), Some("Text"));
    assert!(meta(&page, "DC.identifier").is_none());
    assert!(meta(&page, "citation_public_url").is_none());

    // The citation pattern: the page's language, the number left to fill,
    // the unofficial-translation notice on a translation only.
    let cite = |rel: &str| attrs(&f.page(rel), "#cite-data", "data-citation").remove(0);
    let kk = cite("kk/environment/index.html");
    assert!(kk.contains("{number}-тармақ (ресми емес аударма)"), "{kk}");
    assert!(kk.contains("2026-12-01") && !kk.contains("{url}"), "{kk}");
    let ru = cite("ru/environment/index.html");
    assert!(
        ru.contains(", п. {number}.") && !ru.contains("перевод"),
        "{ru}"
    );
    let en = cite("en/environment/index.html");
    assert!(
        en.contains(", para. {number} (unofficial translation)"),
        "{en}"
    );
}

#[test]
fn with_a_base_url_ids_and_citations_are_absolute() {
    let f = Fixture::real();
    let base = "https://example.org/statement/";
    let out = f.run(&["build", "--base-url", base]);
    assert!(out.status.success());
    let en = json_ld(&f, "en/trade/index.html");
    assert_eq!(en["@id"], format!("{base}en/#work"));
    assert_eq!(en["url"], format!("{base}en/"));
    assert_eq!(en["translationOfWork"]["@id"], format!("{base}ru/#work"));
    assert_eq!(en["translationOfWork"]["url"], format!("{base}ru/"));
    let ru = json_ld(&f, "ru/index.html");
    let ids: Vec<&str> = ru["workTranslation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["@id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"https://example.org/statement/en/#work"));
    let page = f.page("en/trade/index.html");
    assert_eq!(
        meta(&page, "citation_public_url").as_deref(),
        Some("https://example.org/statement/en/trade/")
    );
    assert_eq!(
        meta(&page, "DC.source").as_deref(),
        Some("https://example.org/statement/ru/")
    );
    let cite = attrs(&page, "#cite-data", "data-citation").remove(0);
    assert!(cite.ends_with(". {url}"), "{cite}");
    assert_eq!(
        attrs(&page, "#cite-data", "data-page"),
        ["https://example.org/statement/en/trade/"]
    );
}
