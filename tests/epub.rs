//! The EPUB 3 of each language (issue 16): `<lang>/statement.<lang>.epub`.
//!
//! Each test builds a fixture, opens the EPUB with the `zip` crate and
//! parses its container file, package, navigation and documents with an
//! XML parser (roxmltree), so a file that is not well-formed XML fails.
//! The last test runs EPUBCheck over the seven EPUBs of the real edition
//! (and the fixtures' edge cases) and fails on any error or warning; it
//! says so and passes where EPUBCheck is not installed, unless
//! `TOLMACH_REQUIRE_EPUBCHECK` is set, as `scripts/test.sh` sets it after
//! installing Debian's `epubcheck`.

mod common;

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{Fixture, attrs, stderr};

const XHTML: &str = "http://www.w3.org/1999/xhtml";
const XML: &str = "http://www.w3.org/XML/1998/namespace";
const OPS: &str = "http://www.idpf.org/2007/ops";
const OPF: &str = "http://www.idpf.org/2007/opf";
const DC: &str = "http://purl.org/dc/elements/1.1/";

/// One EPUB, opened: its entries in zip order, and the bytes.
struct Book {
    /// Entry name → text, in the zip's order.
    entries: Vec<(String, String)>,
    /// The first entry's name and whether it is stored uncompressed.
    first: (String, bool),
    /// Every entry's modification date (year, month, day).
    dates: Vec<(u16, u8, u8)>,
}

impl Book {
    fn open(path: &Path) -> Book {
        let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut entries = Vec::new();
        let mut dates = Vec::new();
        let mut first = None;
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).unwrap();
            let name = entry.name().unwrap().to_string();
            if first.is_none() {
                first = Some((
                    name.clone(),
                    entry.compression() == zip::CompressionMethod::Stored,
                ));
            }
            let date = entry.last_modified().unwrap();
            dates.push((date.year(), date.month(), date.day()));
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            entries.push((name, text));
        }
        Book {
            entries,
            first: first.unwrap(),
            dates,
        }
    }

    fn text(&self, name: &str) -> &str {
        self.entries
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.as_str())
            .unwrap_or_else(|| panic!("no {name} in the book"))
    }

    /// The package document's path, as `META-INF/container.xml` names it.
    fn package_path(&self) -> String {
        let container = self.text("META-INF/container.xml");
        let doc = parse(container);
        let rootfile = doc
            .descendants()
            .find(|n| n.has_tag_name("rootfile"))
            .unwrap();
        assert_eq!(
            rootfile.attribute("media-type"),
            Some("application/oebps-package+xml")
        );
        rootfile.attribute("full-path").unwrap().to_string()
    }

    /// The package's spine, as the files it lists (relative to the package).
    fn spine(&self) -> Vec<String> {
        let opf = parse(self.text(&self.package_path()));
        let manifest: BTreeMap<&str, &str> = opf
            .descendants()
            .filter(|n| n.has_tag_name((OPF, "item")))
            .map(|n| (n.attribute("id").unwrap(), n.attribute("href").unwrap()))
            .collect();
        opf.descendants()
            .filter(|n| n.has_tag_name((OPF, "itemref")))
            .map(|n| manifest[n.attribute("idref").unwrap()].to_string())
            .collect()
    }

    /// A document of the book's folder (`EPUB/`).
    fn doc(&self, file: &str) -> &str {
        self.text(&format!("EPUB/{file}"))
    }
}

fn parse(text: &str) -> roxmltree::Document<'_> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    roxmltree::Document::parse_with_options(text, options)
        .unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{text}"))
}

/// An element's class list contains `class`.
fn has_class(node: roxmltree::Node<'_, '_>, class: &str) -> bool {
    node.attribute("class")
        .is_some_and(|c| c.split(' ').any(|x| x == class))
}

/// All the text inside a node.
fn text_of(node: roxmltree::Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// The paragraphs of the book in reading order: (id, number, the number's text).
fn paragraphs(book: &Book) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for file in book.spine() {
        let doc = parse(book.doc(&file));
        for para in doc
            .descendants()
            .filter(|n| n.has_tag_name((XHTML, "div")) && has_class(*n, "para"))
        {
            let num = para
                .children()
                .find(|n| n.has_tag_name((XHTML, "a")))
                .unwrap();
            out.push((
                para.attribute("id").unwrap().to_string(),
                para.attribute("data-num").unwrap().to_string(),
                num.text().unwrap().to_string(),
            ));
        }
    }
    out
}

fn epub(f: &Fixture, lang: &str) -> Book {
    Book::open(&f.path(&format!("public/{lang}/statement.{lang}.epub")))
}

#[test]
fn each_language_has_an_epub_in_reading_order_with_every_numbered_paragraph() {
    let f = Fixture::real();
    f.build();
    for lang in ["ru", "en", "kk", "ky", "tg", "tk", "uz"] {
        let book = epub(&f, lang);
        // The mimetype first and stored, as the OCF requires.
        assert_eq!(book.first, ("mimetype".to_string(), true), "{lang}");
        assert_eq!(book.entries[0].1, "application/epub+zip");
        assert_eq!(book.package_path(), "EPUB/package.opf");
        // The title page, the contents, the preamble, the nine spheres in
        // the source's order, the closing.
        let spheres = [
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
        let expected: Vec<String> = ["title.xhtml", "nav.xhtml", "preamble.xhtml"]
            .into_iter()
            .map(str::to_string)
            .chain(spheres.iter().map(|s| format!("sphere-{s}.xhtml")))
            .chain(["closing.xhtml".to_string()])
            .collect();
        assert_eq!(book.spine(), expected, "{lang}");
        // Every paragraph with its id and number, as on the site's full text.
        let site = f.page(&format!("{lang}/full/index.html"));
        let ids = attrs(&site, ".para[id]", "id");
        let nums = attrs(&site, ".para[id]", "data-num");
        let in_book = paragraphs(&book);
        assert_eq!(in_book.len(), 46, "{lang}");
        for (i, (id, num, shown)) in in_book.iter().enumerate() {
            assert_eq!((id, num), (&ids[i], &nums[i]), "{lang}");
            assert_eq!(shown, num, "{lang}: the number is shown");
        }
        // Each sphere's document opens with its heading.
        for slug in spheres {
            let doc = parse(book.doc(&format!("sphere-{slug}.xhtml")));
            let h2 = doc
                .descendants()
                .find(|n| n.has_tag_name((XHTML, "h2")))
                .unwrap();
            assert_eq!(h2.attribute("id"), Some(slug), "{lang}");
        }
    }
}

#[test]
fn the_navigation_lists_every_part_and_the_landmarks() {
    let f = Fixture::new("small");
    f.build();
    let book = epub(&f, "en");
    let nav = parse(book.doc("nav.xhtml"));
    let navs: Vec<_> = nav
        .descendants()
        .filter(|n| n.has_tag_name((XHTML, "nav")))
        .collect();
    let kinds: Vec<String> = navs
        .iter()
        .map(|n| n.attribute((OPS, "type")).unwrap_or_default().to_string())
        .collect();
    assert_eq!(kinds, ["toc", "landmarks"]);
    let links = |n: &roxmltree::Node<'_, '_>| -> Vec<(String, String)> {
        n.descendants()
            .filter(|a| a.has_tag_name((XHTML, "a")))
            .map(|a| (a.attribute("href").unwrap().to_string(), text_of(a)))
            .collect()
    };
    assert_eq!(
        links(&navs[0]),
        [
            ("preamble.xhtml".to_string(), "Opening".to_string()),
            (
                "sphere-trade.xhtml#trade".into(),
                "In the Sphere of Trade".into()
            ),
            (
                "sphere-humanitarian.xhtml#humanitarian".into(),
                "In the Humanitarian Sphere".into()
            ),
            ("closing.xhtml".into(), "Closing".into()),
        ]
    );
    let landmarks: Vec<&str> = navs[1]
        .descendants()
        .filter(|a| a.has_tag_name((XHTML, "a")))
        .map(|a| a.attribute((OPS, "type")).unwrap())
        .collect();
    assert_eq!(landmarks, ["titlepage", "toc", "bodymatter"]);
    assert_eq!(navs[1].attribute("hidden"), Some("hidden"));
}

#[test]
fn language_notice_and_fallbacks_are_marked() {
    let f = Fixture::new("small");
    f.build();
    for (lang, original) in [("ru", true), ("en", false)] {
        let book = epub(&f, lang);
        let opf = parse(book.doc("package.opf"));
        let dc = |name: &str| -> Vec<String> {
            opf.descendants()
                .filter(|n| n.has_tag_name((DC, name)))
                .map(|n| n.text().unwrap_or_default().to_string())
                .collect()
        };
        assert_eq!(dc("language"), [lang]);
        // Every document says its language, in XML and in HTML.
        for file in book.spine() {
            let doc = parse(book.doc(&file));
            let html = doc.root_element();
            assert_eq!(html.attribute((XML, "lang")), Some(lang), "{file}");
            assert_eq!(html.attribute("lang"), Some(lang), "{file}");
            assert_eq!(html.attribute("dir"), Some("ltr"), "{file}");
        }
        // The unofficial-translation notice, with the review level, on a
        // translation; the authentic-text notice on the original.
        let title = parse(book.doc("title.xhtml"));
        let note = |class: &str| {
            title
                .descendants()
                .find(|n| has_class(*n, class))
                .map(text_of)
        };
        if original {
            assert_eq!(note("authentic").as_deref(), Some("Аутентичный текст."));
            assert_eq!(note("unofficial"), None);
            assert_eq!(dc("source"), Vec::<String>::new());
        } else {
            assert_eq!(
                note("unofficial").as_deref(),
                Some(
                    "Unofficial translation, not yet reviewed. The Russian text is the authentic one."
                )
            );
            assert_eq!(note("authentic"), None);
            // The translation names the original's book as its source.
            let ru = identifier_of(epub(&f, "ru").doc("package.opf"));
            assert_eq!(dc("source"), [ru]);
        }
    }
    // An untranslated paragraph shows the Russian with xml:lang and lang
    // "ru" and the notice; a stale one, the notice without a link (no base
    // URL, and the original's page is not in the book).
    let book = epub(&f, "en");
    let doc = parse(book.doc("sphere-humanitarian.xhtml"));
    let missing = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("humanitarian-1"))
        .unwrap();
    let p = missing
        .children()
        .find(|n| n.has_tag_name((XHTML, "p")))
        .unwrap();
    assert_eq!(p.attribute((XML, "lang")), Some("ru"));
    assert_eq!(p.attribute("lang"), Some("ru"));
    assert!(p.text().unwrap().starts_with("Выступаем"));
    assert!(missing.descendants().any(|n| has_class(n, "notice")));
    let trade = book.doc("sphere-trade.xhtml");
    assert!(trade.contains("has changed since it was translated.</p>"));
    assert!(!trade.contains("hreflang=\"ru\""), "{trade}");
}

/// The original's identifier, from its package document.
fn identifier_of(opf: &str) -> String {
    let doc = parse(opf);
    doc.descendants()
        .find(|n| n.has_tag_name((DC, "identifier")))
        .and_then(|n| n.text())
        .unwrap()
        .to_string()
}

#[test]
fn a_right_to_left_language_reads_right_to_left_and_its_fallbacks_left_to_right() {
    let f = Fixture::new("small");
    f.write("tolmach.yaml", "languages: [ru, en, fa]\n");
    f.write(
        "locales/fa/site.ftl",
        "language-name = فارسی\nlanguage-direction = rtl\n",
    );
    f.write(
        "locales/fa/statement.yaml",
        "preamble-1:\n  source: \"Мы, министры, заявляем о сотрудничестве.\"\n  text: \"ما، وزیران، همکاری خود را اعلام می‌کنیم.\"\n",
    );
    f.build();
    let book = epub(&f, "fa");
    let opf = parse(book.doc("package.opf"));
    let spine = opf
        .descendants()
        .find(|n| n.has_tag_name((OPF, "spine")))
        .unwrap();
    assert_eq!(spine.attribute("page-progression-direction"), Some("rtl"));
    assert_eq!(opf.root_element().attribute("dir"), Some("rtl"));
    for file in book.spine() {
        let doc = parse(book.doc(&file));
        assert_eq!(doc.root_element().attribute("dir"), Some("rtl"), "{file}");
    }
    // The untranslated heading and paragraph of trade read left to right, in Russian.
    let doc = parse(book.doc("sphere-trade.xhtml"));
    let h2 = doc
        .descendants()
        .find(|n| n.has_tag_name((XHTML, "h2")))
        .unwrap();
    assert_eq!(h2.attribute((XML, "lang")), Some("ru"));
    assert_eq!(h2.attribute("dir"), Some("ltr"));
    // The English interface messages the new language lacks carry their language.
    let nav = book.doc("nav.xhtml");
    assert!(
        nav.contains("<span lang=\"en\" dir=\"ltr\">Contents</span>"),
        "{nav}"
    );
}

#[test]
fn two_builds_give_the_same_bytes_and_a_rebuild_leaves_the_epub_alone() {
    let a = Fixture::new("small");
    let b = Fixture::new("small");
    a.build();
    b.build();
    let path = "public/en/statement.en.epub";
    let bytes = std::fs::read(a.path(path)).unwrap();
    assert_eq!(bytes, std::fs::read(b.path(path)).unwrap());
    let modified = std::fs::metadata(a.path(path)).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    // A change no page shows (a YAML comment): everything is rendered again,
    // the EPUB has the same bytes and is not rewritten.
    let yaml = a.read("locales/en/statement.yaml");
    a.write("locales/en/statement.yaml", format!("# reviewed\n{yaml}"));
    let out = common::stdout(&a.build());
    assert!(out.contains(": 0 written,"), "{out}");
    assert_eq!(
        std::fs::metadata(a.path(path)).unwrap().modified().unwrap(),
        modified
    );
}

#[test]
fn identifier_and_dates_come_from_the_edition_not_the_clock() {
    let f = Fixture::new("small");
    f.edit(
        "sources/statement.md",
        "title: \"Заявление о сотрудничестве\"\n",
        "title: \"Заявление о сотрудничестве\"\nedition:\n  version: \"2.0\"\n  date: \"2025-03-04\"\n",
    );
    f.build();
    let id = |f: &Fixture, lang: &str| identifier_of(epub(f, lang).doc("package.opf"));
    let book = epub(&f, "en");
    assert!(
        book.doc("package.opf")
            .contains("<meta property=\"dcterms:modified\">2025-03-04T00:00:00Z</meta>")
    );
    assert!(
        book.dates.iter().all(|d| *d == (2025, 3, 4)),
        "{:?}",
        book.dates
    );
    let (en, ru) = (id(&f, "en"), id(&f, "ru"));
    assert!(en.starts_with("urn:uuid:") && en.len() == 45, "{en}");
    assert_ne!(en, ru);
    // A new edition is a new book; a base URL names it by its address.
    f.edit(
        "sources/statement.md",
        "version: \"2.0\"",
        "version: \"2.1\"",
    );
    f.build();
    let next = id(&f, "en");
    assert_ne!(next, en);
    f.build();
    assert_eq!(id(&f, "en"), next);
    assert!(
        f.run(&["build", "--base-url", "https://edition.example/"])
            .status
            .success()
    );
    assert_ne!(id(&f, "en"), next);
}

#[test]
fn markup_and_links_in_a_paragraph_stay_well_formed_and_resolve() {
    let f = Fixture::new("small");
    f.edit(
        "locales/en/statement.yaml",
        "text: \"In 2019, trade exceeded 30 billion US dollars.\"",
        "text: \"In *2019*, trade **exceeded** `30 < 40 & more` [billions](https://stat.example/?a=1&b=2), \
         see [the next](#trade-2), [education](#humanitarian-1) and [the site](../ru/) <br>&nbsp;.\"",
    );
    f.build();
    let book = epub(&f, "en");
    let text = book.doc("sphere-trade.xhtml");
    let doc = parse(text);
    let para = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("trade-1"))
        .unwrap();
    let p = para
        .children()
        .find(|n| n.has_tag_name((XHTML, "p")))
        .unwrap();
    let tags: Vec<&str> = p
        .children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name())
        .collect();
    assert_eq!(tags, ["em", "strong", "code", "a", "a", "a"]);
    let hrefs: Vec<&str> = p.children().filter_map(|n| n.attribute("href")).collect();
    // Kept, kept in the document, pointed at the document that holds it;
    // the link to a page of the site, which is not in the book, is text.
    assert_eq!(
        hrefs,
        [
            "https://stat.example/?a=1&b=2",
            "#trade-2",
            "sphere-humanitarian.xhtml#humanitarian-1"
        ]
    );
    let all = text_of(p);
    assert!(all.contains("30 < 40 & more"), "{all}");
    // Raw HTML is text; `&nbsp;` is Markdown's entity, read as the character.
    assert!(all.contains("the site <br>\u{a0}."), "{all}");
}

#[test]
fn an_epub_template_that_is_not_well_formed_fails_the_build_with_its_file() {
    let f = Fixture::new("small");
    f.build();
    let before = common::tree(&f.path("public"));
    let part = "themes/default/templates/epub/part.xhtml";
    let text = f.read(part);
    let body = "{{ body | safe }}";
    assert!(text.contains(body));
    f.write(part, text.replace(body, &format!("<br>{body}")));
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    // The first book in the fixed order, its first part.
    assert!(
        err.starts_with(
            "themes/default/templates/epub/part.xhtml: error: renders preamble.xhtml of ru/statement.ru.epub as XML that is not well-formed, at line "
        ),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(common::tree(&f.path("public")), before);
    // An entity HTML knows and XML does not is named.
    f.write(part, text.replace(body, &format!("&nbsp;{body}")));
    let err = stderr(&f.run(&["build"]));
    assert!(err.contains("`&nbsp;` is not an XML entity"), "{err}");
}

#[test]
fn every_page_links_the_epub_next_to_the_one_file_download() {
    let f = Fixture::new("small");
    f.run(&["build", "--offline"]);
    for lang in ["ru", "en"] {
        let page = f.page(&format!("{lang}/index.html"));
        let footer = attrs(&page, ".site-footer nav a", "href");
        let download = format!("../{lang}/statement.{lang}.html");
        let epub = format!("../{lang}/statement.{lang}.epub");
        let at = footer.iter().position(|h| *h == download).unwrap();
        assert_eq!(footer[at + 1], epub, "{lang}");
        assert_eq!(
            attrs(
                &page,
                ".site-footer a[type=\"application/epub+zip\"]",
                "href"
            ),
            [epub]
        );
        assert!(
            f.path(&format!("public/{lang}/statement.{lang}.epub"))
                .is_file()
        );
    }
    let en = f.page("en/index.html");
    let text: Vec<String> = common::select(&en, ".site-footer a[type]")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(text, ["Download as an e-book (EPUB)"]);
}

/// EPUBCheck, Debian's package: its jar (run with `java -jar`: the
/// `/usr/bin/epubcheck` wrapper needs binfmt support, which containers lack).
fn epubcheck_jar() -> Option<PathBuf> {
    let jar = std::env::var_os("EPUBCHECK_JAR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/java/epubcheck.jar"));
    let found = jar.is_file();
    let required =
        std::env::var("TOLMACH_REQUIRE_EPUBCHECK").is_ok_and(|v| !v.is_empty() && v != "0");
    assert!(
        found || !required,
        "TOLMACH_REQUIRE_EPUBCHECK is set but {} is missing (scripts/test.sh installs Debian's epubcheck)",
        jar.display()
    );
    if !found {
        println!(
            "skipped: needs EPUBCheck (Debian package epubcheck); scripts/test.sh installs it"
        );
    }
    found.then_some(jar)
}

/// Run EPUBCheck on `book`, failing on any error or warning; its summary line.
fn epubcheck(jar: &Path, book: &Path) -> String {
    let out = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .arg(book)
        .arg("--failonwarnings")
        .output()
        .unwrap();
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let summary = all
        .lines()
        .find(|l| l.starts_with("Messages:"))
        .unwrap_or_else(|| panic!("{}: no summary from EPUBCheck:\n{all}", book.display()))
        .to_string();
    assert!(
        out.status.success() && summary.contains(" 0 fatals / 0 errors / 0 warnings"),
        "{}: EPUBCheck found problems:\n{all}",
        book.display()
    );
    summary
}

#[test]
fn epubcheck_finds_no_error_and_no_warning() {
    let Some(jar) = epubcheck_jar() else {
        return;
    };
    let version = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .arg("--version")
        .output()
        .unwrap();
    println!(
        "{}",
        String::from_utf8_lossy(&version.stdout)
            .lines()
            .next()
            .unwrap_or_default()
    );
    // The real edition, published with a base URL.
    let f = Fixture::real();
    assert!(
        f.run(&["build", "--base-url", "https://edition.example/statement/"])
            .status
            .success()
    );
    for lang in ["ru", "en", "kk", "ky", "tg", "tk", "uz"] {
        let book = f.path(&format!("public/{lang}/statement.{lang}.epub"));
        println!("{lang}: {}", epubcheck(&jar, &book));
    }
    // The edge cases: a right-to-left language with untranslated and stale
    // units (whose notices link to the original with a base URL), and
    // paragraphs with markup and links, without a base URL.
    let f = Fixture::new("small");
    f.write("tolmach.yaml", "languages: [ru, en, fa]\n");
    f.write(
        "locales/fa/site.ftl",
        "language-name = فارسی\nlanguage-direction = rtl\n",
    );
    f.edit(
        "locales/en/statement.yaml",
        "text: \"In 2019, trade exceeded 30 billion US dollars.\"",
        "text: \"In *2019*, see [the next](#trade-2), [education](#humanitarian-1), [the site](../ru/) and [mail](mailto:a@b.example).\"",
    );
    for args in [
        &["build"][..],
        &["build", "--base-url", "https://edition.example/"],
    ] {
        assert!(f.run(args).status.success());
        for lang in ["en", "fa"] {
            let book = f.path(&format!("public/{lang}/statement.{lang}.epub"));
            println!("small {lang} {args:?}: {}", epubcheck(&jar, &book));
        }
    }
}
