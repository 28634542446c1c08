//! The edition builder: page set, switcher, hreflang, fallbacks, fidelity, broken input.

mod common;

use common::{Fixture, attrs, select, stderr};

const SPHERES: [&str; 9] = [
    "political",
    "security",
    "trade",
    "transport",
    "environment",
    "energy",
    "health",
    "migration",
    "humanitarian",
];
const LANGS: [&str; 7] = ["ru", "en", "kk", "ky", "tg", "tk", "uz"];

fn page_dirs() -> Vec<String> {
    let mut dirs = vec![String::new(), "full/".to_string()];
    dirs.extend(SPHERES.iter().map(|s| format!("{s}/")));
    dirs
}

#[test]
fn real_edition_has_every_page_in_every_language() {
    let f = Fixture::real();
    f.build();
    assert!(f.path("public/index.html").is_file());
    for lang in LANGS {
        for dir in page_dirs() {
            let rel = format!("public/{lang}/{dir}index.html");
            assert!(f.path(&rel).is_file(), "missing {rel}");
        }
    }
}

#[test]
fn switcher_and_hreflang_lead_to_the_same_page_in_every_language() {
    let f = Fixture::real();
    f.build();
    for lang in ["ru", "en"] {
        for dir in page_dirs() {
            let page = f.page(&format!("{lang}/{dir}index.html"));
            let html = &select(&page, "html")[0];
            assert_eq!(html.value().attr("lang"), Some(lang));
            assert_eq!(html.value().attr("dir"), Some("ltr"));
            // The switcher is rendered twice: one line on a wide screen,
            // a disclosure on a phone; both hold the same links.
            let switch = attrs(&page, "nav.languages .lang-list a", "href");
            assert_eq!(
                attrs(&page, "nav.languages .lang-menu a", "href"),
                switch,
                "the disclosure of {lang}/{dir}"
            );
            let expected: Vec<String> = LANGS
                .iter()
                .map(|l| format!("{}{l}/{dir}", "../".repeat(1 + dir.matches('/').count())))
                .collect();
            assert_eq!(switch, expected, "switcher of {lang}/{dir}");
            let hreflangs = attrs(&page, "link[rel=alternate][hreflang]", "hreflang");
            let mut want: Vec<String> = LANGS.iter().map(|l| l.to_string()).collect();
            want.push("x-default".into());
            assert_eq!(hreflangs, want, "hreflang of {lang}/{dir}");
            let alternates = attrs(&page, "link[rel=alternate][hreflang]", "href");
            assert_eq!(&alternates[..LANGS.len()], &expected[..]);
            // Every switcher target exists.
            let base = f.path(&format!("public/{lang}/{dir}"));
            for href in switch {
                assert!(
                    base.join(&href).join("index.html").is_file(),
                    "{href} from {lang}/{dir}"
                );
            }
        }
    }
}

#[test]
fn paragraph_ids_are_identical_across_languages() {
    let f = Fixture::real();
    f.build();
    let ids = |lang: &str| {
        attrs(
            &f.page(&format!("{lang}/full/index.html")),
            ".para[id]",
            "id",
        )
    };
    let ru = ids("ru");
    assert_eq!(ru.len(), 46);
    for lang in LANGS {
        assert_eq!(ids(lang), ru, "{lang}");
    }
}

#[test]
fn no_internal_link_is_absolute_and_nothing_is_loaded_from_elsewhere() {
    let f = Fixture::real();
    f.build();
    for file in common::files(&f.path("public")) {
        if !file.ends_with(".html") {
            continue;
        }
        let page = f.page(&file);
        for (css, attr) in [
            ("a[href]", "href"),
            ("link[href]", "href"),
            ("script[src]", "src"),
            ("img[src]", "src"),
        ] {
            for url in attrs(&page, css, attr) {
                assert!(
                    !url.contains("://") && !url.starts_with("//"),
                    "{file}: {url}"
                );
            }
        }
    }
}

#[test]
fn english_is_complete_and_marked_unofficial() {
    let f = Fixture::real();
    f.build();
    for dir in page_dirs() {
        let page = f.page(&format!("en/{dir}index.html"));
        assert!(
            select(&page, ".state-missing").is_empty(),
            "en/{dir} falls back"
        );
        assert!(
            select(&page, "[lang=ru]")
                .iter()
                .all(|e| e.value().name() != "p"),
            "en/{dir}"
        );
        let notice = select(&page, ".unofficial");
        assert_eq!(notice.len(), 1, "en/{dir}");
        assert!(
            notice[0]
                .text()
                .collect::<String>()
                .contains("Unofficial translation")
        );
        let link = notice[0]
            .select(&scraper::Selector::parse("a").unwrap())
            .next()
            .unwrap();
        assert_eq!(
            link.value().attr("href").map(|h| h.contains("ru/")),
            Some(true)
        );
    }
    // The original carries no such notice.
    assert!(select(&f.page("ru/index.html"), ".unofficial").is_empty());
}

#[test]
fn missing_paragraphs_fall_back_to_russian_with_a_notice() {
    let f = Fixture::new("small");
    f.build();
    let page = f.page("en/humanitarian/index.html");
    let para = &select(&page, "#humanitarian-1")[0];
    assert!(
        para.value()
            .attr("class")
            .unwrap()
            .contains("state-missing")
    );
    let text = para
        .select(&scraper::Selector::parse("p[lang=ru]").unwrap())
        .next()
        .expect("Russian text marked lang=ru");
    assert!(text.text().collect::<String>().contains("Выступаем"));
    let notice = para
        .select(&scraper::Selector::parse(".notice[role=note]").unwrap())
        .next()
        .unwrap();
    assert!(
        notice
            .text()
            .collect::<String>()
            .contains("not been translated")
    );
    // The index says how much is translated: 5 of 8 units current (trade-2 stale, humanitarian-1 missing).
    let index = f.page("en/index.html");
    assert_eq!(
        select(&index, ".progress")[0].text().collect::<String>(),
        "75% translated"
    );
}

#[test]
fn sphere_pages_link_previous_and_next() {
    let f = Fixture::real();
    f.build();
    let page = f.page("en/trade/index.html");
    // Previous and next are at the top and at the bottom of the section.
    assert_eq!(
        attrs(&page, ".pager a[rel=prev]", "href"),
        ["../../en/security/", "../../en/security/"]
    );
    assert_eq!(
        attrs(&page, ".pager a[rel=next]", "href"),
        ["../../en/transport/", "../../en/transport/"]
    );
    let first = f.page("en/political/index.html");
    assert!(select(&first, ".pager a[rel=prev]").is_empty());
    assert_eq!(select(&page, ".toc li").len(), 9);
}

#[test]
fn gateway_lists_every_language_by_its_endonym_without_redirecting() {
    let f = Fixture::real();
    f.build();
    let page = f.page("index.html");
    let names: Vec<String> = select(&page, ".gateway .endonym")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(
        names,
        [
            "Русский",
            "English",
            "Қазақша",
            "Кыргызча",
            "Тоҷикӣ",
            "Türkmençe",
            "Oʻzbekcha"
        ]
    );
    assert_eq!(attrs(&page, ".gateway li", "lang"), LANGS);
    assert!(select(&page, "meta[http-equiv=refresh]").is_empty());
    let titles: Vec<String> = select(&page, ".gateway .doc")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert!(titles[1].starts_with("Statement"), "{titles:?}");
}

/// The words of the text as received, with the PDF's layout undone, equal
/// the words of the Russian edition, in order.
#[test]
fn russian_edition_is_faithful_to_the_received_text() {
    let f = Fixture::real();
    f.build();
    let received =
        std::fs::read_to_string(common::repo().join("sources/received/statement.ru.txt")).unwrap();
    // Undo the extraction: words hyphenated across a line break are joined
    // (all are compounds that keep their hyphen). Nothing else differs, not
    // even the Cyrillic «С» of «СOVID-19» in trade-3.
    let joined = received.replace("-\n", "-");
    let received_words: Vec<&str> = joined.split_whitespace().collect();

    // The document's own text on the page: its title, headings and
    // paragraphs (the contents list, the paragraph numbers and the links
    // back to the contents are the edition's apparatus around it).
    let page = f.page("ru/full/index.html");
    let edition: String = select(&page, "main h1#title, main .part h2, main .para > p")
        .iter()
        .map(|e| e.text().collect::<String>() + " ")
        .collect();
    let edition_words: Vec<&str> = edition.split_whitespace().collect();
    assert_eq!(edition_words.len(), received_words.len());
    for (i, (a, b)) in received_words.iter().zip(&edition_words).enumerate() {
        assert_eq!(a, b, "word {i} differs");
    }
}

// Broken input: a clear message naming file and line, exit 1, output untouched.

fn assert_fails_untouched(f: &Fixture, expected: &str) {
    let before = snapshot(f);
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains(expected), "expected {expected:?} in:\n{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(snapshot(f), before, "the output changed");
}

fn snapshot(f: &Fixture) -> Vec<(String, Vec<u8>)> {
    common::tree(&f.path("public"))
}

#[test]
fn malformed_yaml_names_file_line_and_column() {
    let f = Fixture::new("small");
    f.build();
    f.edit(
        "locales/en/statement.yaml",
        "  text: \"Statement on Cooperation\"",
        "  text: [unclosed",
    );
    assert_fails_untouched(&f, "locales/en/statement.yaml:4:");
}

#[test]
fn malformed_fluent_names_file_and_line() {
    let f = Fixture::new("small");
    f.build();
    f.edit("locales/en/site.ftl", "home = Home", "home Home");
    assert_fails_untouched(&f, "locales/en/site.ftl:11:");
}

#[test]
fn malformed_front_matter_names_the_source() {
    let f = Fixture::new("small");
    f.build();
    f.edit(
        "sources/statement.md",
        "title: \"Заявление о сотрудничестве\"",
        "title: [",
    );
    assert_fails_untouched(&f, "sources/statement.md:2:");
}

#[test]
fn a_unit_the_source_lacks_is_an_error() {
    let f = Fixture::new("small");
    f.build();
    let text =
        f.read("locales/en/statement.yaml") + "\nnot-in-source:\n  source: \"x\"\n  text: \"y\"\n";
    f.write("locales/en/statement.yaml", text);
    assert_fails_untouched(
        &f,
        "locales/en/statement.yaml:30:1: error: unit `not-in-source` is not in the source (deleted or renamed?); run `tolmach sync en` to move it to the orphans",
    );
}

#[test]
fn a_theme_lacking_a_template_takes_the_built_in_one() {
    let f = Fixture::new("small");
    f.build();
    // The site, without the bookkeeping (its input hash names the template's file).
    let site = |f: &Fixture| {
        let mut files = snapshot(f);
        files.retain(|(path, _)| !path.starts_with(".tolmach-"));
        files
    };
    let before = site(&f);
    std::fs::remove_file(f.path("themes/default/templates/sphere.html")).unwrap();
    f.build();
    assert!(site(&f) == before, "the built-in sphere.html is the same");
}

#[test]
fn a_missing_interface_message_falls_back_and_one_missing_everywhere_fails() {
    let f = Fixture::new("small");
    f.edit("locales/en/site.ftl", "home = Home\n", "");
    f.build();
    // English falls back to Russian for `home`.
    let page = f.page("en/index.html");
    let footer: String = select(&page, ".site-footer a")[0].text().collect();
    assert_eq!(footer, "Начало");
    f.edit("locales/ru/site.ftl", "home = Начало\n", "");
    assert_fails_untouched(
        &f,
        "interface message `home` is missing from `ru` and from every fallback",
    );
}

#[test]
fn a_paragraph_without_id_names_its_line() {
    let f = Fixture::new("small");
    f.build();
    f.edit("sources/statement.md", "{#trade-2}\n", "");
    assert_fails_untouched(
        &f,
        "sources/statement.md:12:1: error: paragraph has no id; put a `{#id}` line above it",
    );
}

#[test]
fn usage_errors_exit_2() {
    let f = Fixture::new("small");
    let out = f.run(&["build", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    let out = f.run(&[]);
    assert_eq!(out.status.code(), Some(2));
}
