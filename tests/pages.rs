//! Whole-page snapshots: one page of each kind of the small fixture and a
//! few of the real edition, rendered in memory and compared with the
//! committed files in `tests/snapshots/`, so that a change to a template or
//! to the renderer shows as a reviewable diff. A page that differs fails
//! the test (`.config/insta.yaml` sets `update: no`, so nothing is written
//! either); to accept a change, run
//! `INSTA_UPDATE=always cargo test --test pages` and review `git diff`.
//!
//! Pages are rendered from the project folders as they are (nothing is
//! written, no temporary path can appear). The inline stylesheet of the
//! download and 404 pages is masked: it is the theme's `style.css`, not
//! template output, and its hash in the CSP stays.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use tolmach::Overrides;

/// Every page of the project at `root` with `overrides`, by path, as text.
fn render(root: &Path, overrides: Overrides) -> BTreeMap<String, String> {
    tolmach::render_site(root, overrides)
        .unwrap_or_else(|e| panic!("{}: {e}", root.display()))
        .into_iter()
        // The theme's fonts and the EPUBs (zips, tested in tests/epub.rs)
        // are binary; every other file is text.
        .filter(|page| !page.path.ends_with(".woff2") && !page.path.ends_with(".epub"))
        .map(|page| (page.path, String::from_utf8(page.bytes).expect("UTF-8")))
        .collect()
}

fn with_base_url() -> Overrides {
    Overrides {
        base_url: Some("https://example.org/edition/".into()),
        ..Overrides::default()
    }
}

/// The page at `path`, its inline stylesheets masked (the theme's
/// `style.css`, and in the download its `@font-face` rules with the fonts inlined).
fn page(pages: &BTreeMap<String, String>, path: &str) -> String {
    let mut text = pages
        .get(path)
        .unwrap_or_else(|| panic!("no page {path}"))
        .clone();
    let mut from = 0;
    while let Some(start) = text[from..].find("<style>").map(|i| from + i + 7) {
        let Some(end) = text[start..].find("</style>").map(|i| start + i) else {
            break;
        };
        let name = if text[start..end].contains("@font-face") {
            "[@font-face rules, fonts inlined]"
        } else {
            "[theme/style.css]"
        };
        text.replace_range(start..end, name);
        from = start + name.len();
    }
    text
}

/// Snapshot each of `paths` as `<prefix>__<path>`.
fn snapshot_all(prefix: &str, pages: &BTreeMap<String, String>, paths: &[&str]) {
    for path in paths {
        let name = format!("{prefix}__{}", path.replace('/', "_"));
        insta::assert_snapshot!(name, page(pages, path));
    }
}

#[test]
fn small_fixture_one_page_of_each_kind() {
    let pages = render(
        &common::repo().join("tests/fixtures/small"),
        with_base_url(),
    );
    snapshot_all(
        "small",
        &pages,
        &[
            "index.html",
            "en/index.html",
            "en/trade/index.html",
            "en/full/index.html",
            "en/parallel/ru/trade/index.html",
            "ru/parallel/en/full/index.html",
            "en/statement.en.html",
            "status/index.html",
            "404.html",
            "sitemap.xml",
            "sitemap-ru.xml",
            "sitemap-en.xml",
            "robots.txt",
        ],
    );
}

#[test]
fn small_fixture_without_a_base_url_offline() {
    let overrides = Overrides {
        offline: true,
        ..Overrides::default()
    };
    let pages = render(&common::repo().join("tests/fixtures/small"), overrides);
    assert!(!pages.contains_key("sitemap.xml"));
    assert!(!pages.contains_key("sitemap-en.xml"));
    snapshot_all(
        "small_offline",
        &pages,
        &["en/trade/index.html", "robots.txt"],
    );
}

#[test]
fn real_edition_pages() {
    let pages = render(&common::repo(), with_base_url());
    snapshot_all(
        "real",
        &pages,
        &[
            "index.html",
            "kk/index.html",
            "kk/trade/index.html",
            "ky/parallel/ru/health/index.html",
            "status/index.html",
        ],
    );
}
