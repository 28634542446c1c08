//! Reading the edition: parallel view, paragraph numbers, permalinks, offline build, download.

mod common;

use common::{Fixture, attrs, select};

const LANGS: [&str; 7] = ["ru", "en", "kk", "ky", "tg", "tk", "uz"];

#[test]
fn parallel_pages_exist_for_every_pair_and_align_paragraph_by_paragraph() {
    let f = Fixture::real();
    f.build();
    for left in LANGS {
        for right in LANGS {
            if left == right {
                continue;
            }
            for part in ["full", "trade", "health"] {
                let page = f.page(&format!("{left}/parallel/{right}/{part}/index.html"));
                let rows = select(&page, ".parallel .row:not(.head)");
                assert!(!rows.is_empty());
                let cell = scraper::Selector::parse("[role=cell]").unwrap();
                let mut left_ids = Vec::new();
                let mut right_ids = Vec::new();
                for row in rows {
                    let cells: Vec<_> = row.select(&cell).collect();
                    assert_eq!(cells.len(), 2);
                    assert_eq!(cells[0].value().attr("lang"), Some(left));
                    assert_eq!(cells[1].value().attr("lang"), Some(right));
                    let id = |c: &scraper::ElementRef<'_>, attr: &str| {
                        c.select(&scraper::Selector::parse(&format!("[{attr}]")).unwrap())
                            .next()
                            .and_then(|e| e.value().attr(attr).map(str::to_string))
                    };
                    left_ids.push(id(&cells[0], "id"));
                    right_ids.push(id(&cells[1], "data-id"));
                }
                assert_eq!(left_ids, right_ids, "{left}|{right} {part}");
                assert!(left_ids.iter().all(Option::is_some));
            }
        }
    }
    // The whole text has the title's paragraphs, 9 headings and 46 paragraphs.
    let page = f.page("en/parallel/ru/full/index.html");
    assert_eq!(select(&page, ".parallel .row.heading").len(), 9);
    assert_eq!(select(&page, ".parallel .row.paragraph").len(), 46);
}

#[test]
fn parallel_pages_mark_missing_and_stale_paragraphs() {
    let f = Fixture::new("small");
    f.build();
    let page = f.page("ru/parallel/en/full/index.html");
    let stale = select(&page, "[role=cell][lang=en] .para.state-stale");
    assert_eq!(
        attrs(&page, "[role=cell][lang=en] .para.state-stale", "data-id"),
        ["trade-2"]
    );
    assert_eq!(stale.len(), 1);
    assert_eq!(
        attrs(&page, "[role=cell][lang=en] .para.state-missing", "data-id"),
        ["humanitarian-1"]
    );
    // The language choice starts from "next to the original" and offers the others.
    let en = f.page("en/index.html");
    assert_eq!(
        attrs(&en, ".site-footer a", "href")[2],
        "../en/parallel/ru/full/"
    );
}

#[test]
fn paragraph_numbers_and_anchors_are_the_same_in_every_language() {
    let f = Fixture::real();
    f.build();
    let numbered = |lang: &str| -> Vec<(String, String)> {
        let page = f.page(&format!("{lang}/full/index.html"));
        select(&page, ".para[id]")
            .into_iter()
            .map(|p| {
                let attr = |name: &str| p.value().attr(name).unwrap().to_string();
                (attr("id"), attr("data-num"))
            })
            .collect()
    };
    let ru = numbered("ru");
    assert_eq!(ru.len(), 46);
    assert_eq!(ru[0], ("preamble-1".to_string(), "1".to_string()));
    assert_eq!(ru[45], ("closing-3".to_string(), "46".to_string()));
    for lang in LANGS {
        assert_eq!(numbered(lang), ru, "{lang}");
    }
    // The paragraph's number is its permalink (issue 19): a visible link
    // to its own anchor, labelled in the page's language; the paragraph's
    // `<p>` holds exactly the document's words.
    let page = f.page("en/trade/index.html");
    let links = select(&page, ".para > a.num");
    assert_eq!(links[0].value().attr("href"), Some("#trade-1"));
    assert_eq!(
        links[0].value().attr("aria-label"),
        Some("Link to paragraph 15")
    );
    assert_eq!(links[0].text().collect::<String>(), "15");
    let first: String = select(&page, ".para > p")[0].text().collect();
    assert!(first.starts_with("We reaffirm"), "{first}");
    let ru = f.page("ru/full/index.html");
    let text: String = select(&ru, "main")[0].text().collect();
    assert!(!text.contains('¶'));
    // Every index and the download say that the numbering is the edition's own.
    for lang in LANGS {
        for file in [
            format!("{lang}/index.html"),
            format!("{lang}/statement.{lang}.html"),
        ] {
            let page = f.page(&file);
            let note: String = select(&page, ".numbering-note")[0].text().collect();
            assert!(note.contains("46"), "{file}: {note}");
        }
    }
}

#[test]
fn the_offline_build_links_resolve_as_files() {
    let f = Fixture::real();
    let out = f.run(&["build", "--offline"]);
    assert!(out.status.success());
    let public = f.path("public");
    let mut checked = 0;
    for file in common::files(&public) {
        if !file.ends_with(".html") || file == "404.html" {
            continue;
        }
        let page = f.page(&file);
        let dir = public.join(&file).parent().unwrap().to_path_buf();
        for href in attrs(&page, "a[href], link[href]", "href")
            .into_iter()
            .chain(attrs(&page, "script[src]", "src"))
        {
            let path = href.split('#').next().unwrap();
            if path.is_empty() {
                continue;
            }
            assert!(!path.ends_with('/'), "{file}: {href} is a folder link");
            assert!(dir.join(path).is_file(), "{file}: {href} does not resolve");
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} links checked");
}

#[test]
fn one_file_download_per_language_has_no_external_references() {
    let f = Fixture::real();
    f.build();
    for lang in LANGS {
        let page = f.page(&format!("{lang}/statement.{lang}.html"));
        assert!(
            select(&page, "link[rel=stylesheet], script, img, iframe").is_empty(),
            "{lang}"
        );
        // The stylesheet, and the fonts' rules with the fonts as data URIs:
        // every url() in them is a data URI.
        let styles = select(&page, "style");
        assert_eq!(styles.len(), 2);
        for style in styles {
            let css: String = style.text().collect();
            for (i, _) in css.match_indices("url(") {
                assert!(
                    css[i..].starts_with("url(\"data:font/woff2;base64,"),
                    "{lang}"
                );
            }
        }
        assert_eq!(select(&page, ".para[id]").len(), 46, "{lang}");
        assert_eq!(select(&page, "html")[0].value().attr("lang"), Some(lang));
    }
}

#[test]
fn print_styles_use_a4_without_forced_breaks() {
    let css = std::fs::read_to_string(common::repo().join("themes/default/static/theme/style.css"))
        .unwrap();
    assert!(css.contains("@page { size: A4;"));
    let print = css
        .split("@media print")
        .nth(1)
        .expect("a print stylesheet");
    for hidden in [".bar", ".pager", ".read-original", ".pair-control"] {
        assert!(print.contains(hidden), "{hidden} not hidden in print");
    }
    // Sections follow each other (issue 19: no page per sphere); a heading
    // keeps to its first paragraph and a paragraph is never split.
    assert!(!print.contains("break-before: page"));
    assert!(print.contains("break-after: avoid"));
    assert!(print.contains(".para { break-inside: avoid;"));
    assert!(css.contains("prefers-color-scheme: dark"));
    assert!(css.contains("hyphens: auto"));
}

/// Issue 13: on a right-to-left page every text in the original's
/// language (untranslated paragraphs, headings, the title in the header,
/// parallel cells, the download) carries the original's `lang` and
/// `dir="ltr"`, and an interface message that falls back to another
/// language carries that language's `lang` and `dir`, so the Russian (or
/// English) interface is never presented as language `fa`.
#[test]
fn fallbacks_on_a_right_to_left_page_carry_their_own_lang_and_dir() {
    let f = Fixture::new("small");
    f.write("tolmach.yaml", "languages: [ru, en, fa]\n");
    // A new language: its name and direction, no other interface message yet.
    f.write(
        "locales/fa/site.ftl",
        "language-name = فارسی\nlanguage-direction = rtl\n",
    );
    f.write(
        "locales/fa/statement.yaml",
        "preamble-1:\n  source: \"Мы, министры, заявляем о сотрудничестве.\"\n  text: \"ما، وزیران، همکاری خود را اعلام می‌کنیم.\"\n\
         trade:\n  source: \"В торговой сфере\"\n  text: \"در حوزه تجارت\"\n",
    );
    f.build();
    let mut checked = 0;
    for file in common::files(&f.path("public/fa")) {
        if !file.ends_with(".html") {
            continue;
        }
        let page = f.page(&format!("fa/{file}"));
        assert_eq!(select(&page, "html")[0].value().attr("dir"), Some("rtl"));
        let texts = page.root_element().descendants().filter_map(|n| {
            let t = n.value().as_text()?;
            Some((n, t.to_string()))
        });
        for (node, words) in texts {
            let Some(parent) = node.parent().and_then(scraper::ElementRef::wrap) else {
                continue;
            };
            // The nearest ancestor (or the element itself) that says so.
            let own = |attr: &str| {
                std::iter::once(parent)
                    .chain(parent.ancestors().filter_map(scraper::ElementRef::wrap))
                    .find_map(|e| e.value().attr(attr).map(str::to_string))
            };
            if matches!(parent.value().name(), "title" | "script" | "style")
                || own("aria-hidden").is_some()
            {
                continue;
            }
            let cyrillic = words.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c));
            let latin = words.chars().any(|c| c.is_ascii_alphabetic());
            if cyrillic {
                assert_eq!(own("lang").as_deref(), Some("ru"), "fa/{file}: {words:?}");
                assert_eq!(own("dir").as_deref(), Some("ltr"), "fa/{file}: {words:?}");
                checked += 1;
            } else if latin && own("lang").as_deref() == Some("fa") {
                panic!("fa/{file}: {words:?} is shown as Persian");
            }
        }
    }
    assert!(checked > 100, "{checked}");
    // The Russian original's second column of a parallel page, and the
    // Persian column of the Russian page, keep their directions too.
    let page = f.page("ru/parallel/fa/full/index.html");
    assert_eq!(
        attrs(&page, "[role=cell][lang=fa] .state-missing p", "dir")[0],
        "ltr"
    );
    // The interface falls back to English, marked as English.
    let page = f.page("fa/trade/index.html");
    let skip = select(&page, "a.skip span");
    assert_eq!(skip[0].value().attr("lang"), Some("en"));
    assert_eq!(skip[0].value().attr("dir"), Some("ltr"));
}

/// The words hash Tolmach records for a reviewed text (`review_of`).
fn words_hash(text: &str) -> String {
    use sha2::Digest as _;
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let digest = sha2::Sha256::digest(words.as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// Issues 13 and 19: the status page is one language × section matrix in
/// the page's language, each translation has its own page listing every
/// missing, stale and unreviewed unit linked to its paragraph, with
/// interface progress and orphans; pages and the gateway say how far
/// review has come.
#[test]
fn status_pages_and_review_levels() {
    let f = Fixture::new("small");
    let text = "In 2019, trade exceeded 30 billion US dollars.";
    f.edit(
        "locales/en/statement.yaml",
        &format!("  text: \"{text}\"\n"),
        &format!(
            "  text: \"{text}\"\n  review: reviewed\n  review_of: {}\n",
            words_hash(text)
        ),
    );
    f.edit("locales/en/site.ftl", "home = Home\n", "");
    f.build();
    // The original's status page, in Russian, and the English one, in English.
    let ru = f.page("status/index.html");
    assert_eq!(select(&ru, "html")[0].value().attr("lang"), Some("ru"));
    assert_eq!(
        select(&ru, "h1")[0].text().collect::<String>(),
        "Состояние переводов"
    );
    assert!(select(&ru, ".todo").is_empty());
    let en = f.page("status/en/index.html");
    assert_eq!(select(&en, "html")[0].value().attr("lang"), Some("en"));
    assert_eq!(
        select(&en, "h1")[0].text().collect::<String>(),
        "Translation status"
    );
    // One matrix: a row per translation, a column per section.
    let rows = select(&en, "table.matrix tbody tr");
    assert_eq!(rows.len(), 1);
    let heads = select(&en, "table.matrix thead th");
    // Language, whole text, opening, 2 spheres, review, interface, orphans.
    assert_eq!(heads.len(), 8);
    let whole: String = select(&en, "table.matrix tbody td")[0].text().collect();
    assert!(
        whole.contains("6 of 8") && whole.contains("1 of 8"),
        "{whole}"
    );
    // The work list links each open unit to its paragraph.
    let links = |css: &str| attrs(&en, css, "href");
    assert_eq!(
        links(".todo ul.todo-units a")
            .iter()
            .filter(|h| h.ends_with("#humanitarian-1") || h.ends_with("#trade-2"))
            .count(),
        2
    );
    assert!(
        links(".todo ul.todo-units a")
            .iter()
            .any(|h| h == "../../en/humanitarian/#humanitarian-1")
    );
    assert!(
        !links(".todo ul.todo-units a")
            .iter()
            .any(|h| h.ends_with("#trade-1")),
        "trade-1 is reviewed"
    );
    let messages: Vec<String> = select(&en, ".todo-ids code")
        .iter()
        .map(|c| c.text().collect())
        .collect();
    assert_eq!(messages, ["home"]);
    // The pages say how far review has come, honestly.
    let page = f.page("en/trade/index.html");
    let notice: String = select(&page, ".unofficial")[0].text().collect();
    assert!(
        notice.contains("Unofficial translation, not yet reviewed.")
            && notice.contains("Paragraphs reviewed: 1 of 8."),
        "{notice}"
    );
    let gateway = f.page("index.html");
    let line: String = select(&gateway, ".gateway li[lang=en] .progress")[0]
        .text()
        .collect();
    assert!(line.contains("1 of 8"), "{line}");
    // The missing message falls back to Russian, marked as Russian.
    let home = select(&page, ".site-footer a span[lang=ru]");
    assert_eq!(home[0].text().collect::<String>(), "Начало");
}

/// Text with `&`, `"` or `<` shows as written where a theme quotes a unit
/// as plain text (the gateway's `<title>` and `og:title`, the status page's
/// excerpts), escaped once, not twice.
#[test]
fn quoted_unit_text_is_escaped_once() {
    let f = Fixture::new("small");
    f.edit(
        "sources/statement.md",
        "title: \"Заявление о сотрудничестве\"",
        "title: \"Заявление R&D \\\"ЦА\\\" <b>\"",
    );
    f.edit(
        "locales/en/statement.yaml",
        "text: \"We, the Ministers, declare",
        "text: \"We, the Ministers & \\\"partners\\\" <i>, declare",
    );
    f.build();
    let gateway = f.page("index.html");
    let title: String = select(&gateway, "title")[0].text().collect();
    assert_eq!(title, "Заявление R&D \"ЦА\" <b>");
    assert_eq!(
        attrs(&gateway, "meta[property='og:title']", "content"),
        ["Заявление R&D \"ЦА\" <b>"]
    );
    let en = f.page("status/en/index.html");
    let excerpts: Vec<String> = select(&en, ".todo .excerpt")
        .iter()
        .map(|e| e.text().collect())
        .collect();
    assert!(
        excerpts
            .iter()
            .any(|e| e == "We, the Ministers & \"partners\" <i>, declare our cooperation."),
        "{excerpts:?}"
    );
    assert!(
        !excerpts.iter().any(|e| e.contains("&amp;")),
        "{excerpts:?}"
    );
}

/// A status page lists open units in runs (issue 17): a translation with
/// more open units than a run holds still lists every one, once, in the
/// document's order, and its heading counts them all.
#[test]
fn a_status_page_lists_every_open_unit_across_runs() {
    let f = Fixture::new("small");
    let added = 2_100;
    let paragraphs: String = (2..added + 2)
        .map(|n| format!("{{#humanitarian-{n}}}\nАбзац номер {n}.\n\n"))
        .collect();
    f.edit(
        "sources/statement.md",
        "* * *",
        &format!("{paragraphs}* * *"),
    );
    f.build();
    let en = f.page("status/en/index.html");
    let missing = select(&en, ".todo ul.todo-units")[0];
    let ids: Vec<String> = missing
        .select(&scraper::Selector::parse("li code").unwrap())
        .map(|c| c.text().collect())
        .collect();
    let expected: Vec<String> = (1..added + 2)
        .map(|n| format!("humanitarian-{n}"))
        .collect();
    assert_eq!(ids, expected);
    let heading: String = select(&en, ".todo h3")[0].text().collect();
    assert!(heading.ends_with(&format!("({})", added + 1)), "{heading}");
}
