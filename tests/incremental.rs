//! Rebuilds that render only what changed: for every kind of change, a
//! rebuild over the previous output gives exactly the bytes of a clean full
//! build (every file of both trees compared), and after one unit changed it
//! renders only the pages that show it (and the pages of the whole site).
//! Languages whose files did not change are read back as the last build
//! modelled them; a damaged or foreign kept model is modelled again, and
//! what a language's files were warned about is warned about again.
//! Also: a long build's progress bar never reaches a stderr that is not a
//! terminal.

mod common;

use common::{Fixture, stderr, stdout, tree};

/// The small fixture with a third language (`de`, a copy of the English)
/// and a base URL, so that the sitemap and the canonical links are made.
fn project() -> Fixture {
    let f = Fixture::new("small");
    for file in ["statement.yaml", "site.ftl"] {
        let text = f.read(&format!("locales/en/{file}"));
        f.write(&format!("locales/de/{file}"), text);
    }
    f.edit(
        "locales/de/site.ftl",
        "language-name = English",
        "language-name = Deutsch",
    );
    f.edit(
        "locales/de/statement.yaml",
        "text: \"In 2019, trade exceeded 30 billion US dollars.\"",
        "text: \"Im Jahr 2019 überstieg der Handel 30 Milliarden US-Dollar.\"",
    );
    f.write(
        "tolmach.yaml",
        "languages: [ru, en, de]\nbase_url: \"https://example.org/statement/\"\n",
    );
    f
}

/// The pages rendered and carried over, from `build`'s summary line.
fn counts(out: &std::process::Output) -> (usize, usize) {
    let line = stdout(out);
    let inner = line
        .split_once(" removed (")
        .and_then(|(_, rest)| rest.split_once(") in "))
        .unwrap_or_else(|| panic!("no page counts in {line:?}"))
        .0;
    let (rendered, carried) = inner
        .split_once(" rendered, ")
        .unwrap_or_else(|| panic!("{inner:?}"));
    let carried = carried.trim_end_matches(" carried over");
    (rendered.parse().unwrap(), carried.parse().unwrap())
}

/// Build again over the previous output and check that the result is, file
/// for file, what a clean full build of the same project makes; the page
/// counts of the incremental build.
fn rebuild_matches_clean(f: &Fixture) -> (usize, usize) {
    let out = f.build();
    let incremental = counts(&out);
    // The clean build models every language from its files: the models the
    // incremental build kept are put aside (the clean build keeps its own).
    let _ = std::fs::remove_dir_all(f.path(".tolmach/model"));
    let clean_dir = tempfile::tempdir().unwrap();
    let clean_out = clean_dir.path().join("site");
    let clean = f.run(&["build", "--out", clean_out.to_str().unwrap()]);
    assert!(clean.status.success(), "{}", stderr(&clean));
    let (rendered, carried) = counts(&clean);
    assert_eq!(carried, 0, "a first build renders every page");
    assert_eq!(rendered, incremental.0 + incremental.1, "same pages");
    let (ours, theirs) = (tree(&f.path("public")), tree(&clean_out));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(&ours), names(&theirs), "the same files");
    for ((path, a), (_, b)) in ours.iter().zip(&theirs) {
        assert!(
            a == b,
            "{path} differs from a clean build after an incremental one"
        );
    }
    incremental
}

/// A project built once.
fn built() -> Fixture {
    let f = project();
    let (rendered, carried) = counts(&f.build());
    assert!(rendered > 50 && carried == 0, "{rendered} {carried}");
    f
}

#[test]
fn a_rebuild_with_nothing_changed_renders_nothing() {
    let f = built();
    let (rendered, carried) = counts(&f.build());
    assert_eq!(rendered, 0);
    assert!(carried > 50);
}

#[test]
fn one_unit_renders_only_the_pages_that_show_it() {
    let f = built();
    let (_, total) = counts(&f.build());
    f.edit(
        "locales/en/statement.yaml",
        "In 2019, trade exceeded",
        "In 2019, commerce exceeded",
    );
    let (rendered, carried) = rebuild_matches_clean(&f);
    // en: the sphere, the full text, the download, the EPUB, the search
    // index; the parallel
    // pages of `trade` and of the full text with ru and de, in both orders
    // (8); en's status page, whose open work lists the unit with its text.
    // The figures did not change: the gateway and the other status pages stay.
    assert_eq!(rendered, 5 + 8 + 1, "rendered");
    assert_eq!(carried, total - rendered);
    let trade = f.read("public/en/trade/index.html");
    assert!(trade.contains("In 2019, commerce exceeded"));
    assert!(f.read("public/search/en.js").contains("commerce"));
    let parallel = f.read("public/de/parallel/en/trade/index.html");
    assert!(parallel.contains("In 2019, commerce exceeded"));
}

#[test]
fn a_sphere_heading_renders_every_page_of_its_language() {
    let f = built();
    f.edit(
        "locales/de/statement.yaml",
        "text: \"In the Humanitarian Sphere\"",
        "text: \"Humanitäre Sphäre\"",
    );
    let (rendered, _) = rebuild_matches_clean(&f);
    // Every page of de (index, full text, two spheres, download, EPUB,
    // search index),
    // every parallel page with de in either column (12), de's status page.
    assert_eq!(rendered, 7 + 12 + 1);
}

#[test]
fn a_message_matches_a_full_build() {
    let f = built();
    f.edit(
        "locales/en/site.ftl",
        "language-name = English",
        "language-name = English (UK)",
    );
    let (_, carried) = rebuild_matches_clean(&f);
    // The language's name is in every page's switcher; only static files stay.
    assert!(carried < 10, "{carried}");
}

#[test]
fn a_template_matches_a_full_build() {
    let f = built();
    f.edit(
        "themes/default/templates/sphere.html",
        "{% block main %}",
        "{% block main %}<!-- edited -->",
    );
    rebuild_matches_clean(&f);
    assert!(
        f.read("public/en/trade/index.html")
            .contains("<!-- edited -->")
    );
}

#[test]
fn a_static_file_matches_a_full_build() {
    let f = built();
    let path = "themes/default/static/theme/style.css";
    let text = f.read(path);
    f.write(path, format!("{text}\n/* edited */\n"));
    rebuild_matches_clean(&f);
    // The stylesheet is inline in the one-file download.
    assert!(
        f.read("public/en/statement.en.html")
            .contains("/* edited */")
    );
}

#[test]
fn a_setting_matches_a_full_build() {
    let f = built();
    f.write(
        "tolmach.yaml",
        "languages: [ru, en, de]\nbase_url: \"https://example.com/other/\"\n",
    );
    let (_, carried) = rebuild_matches_clean(&f);
    assert!(carried < 10, "{carried}");
    f.write(
        "tolmach.yaml",
        "languages: [ru, en, de]\nbase_url: \"https://example.com/other/\"\nparallel: false\n",
    );
    rebuild_matches_clean(&f);
    assert!(!f.path("public/en/parallel").exists());
}

#[test]
fn a_language_added_or_removed_matches_a_full_build() {
    let f = project();
    f.write(
        "tolmach.yaml",
        "languages: [ru, en]\nbase_url: \"https://example.org/statement/\"\n",
    );
    f.build();
    f.write(
        "tolmach.yaml",
        "languages: [ru, en, de]\nbase_url: \"https://example.org/statement/\"\n",
    );
    rebuild_matches_clean(&f);
    assert!(f.path("public/de/index.html").exists());
    f.write(
        "tolmach.yaml",
        "languages: [ru, en]\nbase_url: \"https://example.org/statement/\"\n",
    );
    rebuild_matches_clean(&f);
    assert!(!f.path("public/de").exists());
}

#[test]
fn a_changed_original_matches_a_full_build() {
    let f = built();
    // trade-1 becomes stale in every translation: its notice and diff change.
    f.edit(
        "sources/statement.md",
        "объем торговли превысил",
        "объем взаимной торговли превысил",
    );
    rebuild_matches_clean(&f);
    let page = f.read("public/de/trade/index.html");
    assert!(
        page.contains("trade-1\" hreflang=\"ru\">"),
        "trade-1 is marked stale, linked to the original"
    );
}

#[test]
fn a_translation_removed_falls_back_and_matches_a_full_build() {
    let f = built();
    f.edit(
        "locales/de/statement.yaml",
        "text: \"Im Jahr 2019 überstieg der Handel 30 Milliarden US-Dollar.\"",
        "text: \"\"",
    );
    rebuild_matches_clean(&f);
    let page = f.read("public/de/trade/index.html");
    assert!(
        page.contains("объем торговли превысил"),
        "the original is shown"
    );
}

#[test]
fn a_failed_build_in_between_changes_nothing_and_the_next_matches() {
    let f = built();
    let before = tree(&f.path("public"));
    // A change that renders, then a template that fails on sphere pages:
    // the build stops after some pages were carried over or staged.
    f.edit(
        "locales/en/statement.yaml",
        "In 2019, trade exceeded",
        "In 2019, commerce exceeded",
    );
    let path = "themes/default/templates/sphere.html";
    let template = f.read(path);
    f.write(
        path,
        template.replace(
            "{% block main %}",
            "{% block main %}{{ no_such_variable.at_all }}",
        ),
    );
    let failed = f.run(&["build"]);
    assert!(
        !failed.status.success(),
        "the broken template fails the build"
    );
    assert_eq!(tree(&f.path("public")), before, "the old site stays whole");
    // Fixed, with yet another change on top.
    f.write(path, template);
    f.edit(
        "locales/de/statement.yaml",
        "Im Jahr 2019",
        "Im Laufe des Jahres 2019",
    );
    rebuild_matches_clean(&f);
    assert!(f.read("public/en/trade/index.html").contains("commerce"));
    // And a translation file that does not parse, then fixed with a change.
    let en = f.read("locales/en/statement.yaml");
    f.write("locales/en/statement.yaml", "trade-1: [unclosed\n");
    assert!(!f.run(&["build"]).status.success());
    f.write(
        "locales/en/statement.yaml",
        en.replace("commerce exceeded", "trade surpassed"),
    );
    rebuild_matches_clean(&f);
    assert!(
        f.read("public/en/trade/index.html")
            .contains("trade surpassed")
    );
}

#[test]
fn a_damaged_output_file_is_rendered_again() {
    let f = built();
    let page = f.path("public/en/trade/index.html");
    std::fs::write(&page, "damaged").unwrap();
    let (rendered, _) = rebuild_matches_clean(&f);
    assert_eq!(rendered, 1, "only the damaged page");
}

#[test]
fn no_progress_is_drawn_when_stderr_is_not_a_terminal() {
    let f = project();
    // The bar would appear at once; stderr is a pipe here.
    let out = std::process::Command::new(common::binary())
        .args(["build"])
        .current_dir(f.root())
        .env("TOLMACH_PROGRESS_AFTER_MS", "0")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}'), "escape codes on stderr: {err:?}");
    assert!(!err.contains("pages"), "progress on stderr: {err:?}");
    assert!(!err.contains('\r'), "{err:?}");
}

/// The warning and error lines a build printed, sorted.
fn findings(out: &std::process::Output) -> Vec<String> {
    let mut lines: Vec<String> = stderr(out)
        .lines()
        .filter(|l| l.contains(": warning: ") || l.contains(": error: "))
        .map(str::to_string)
        .collect();
    lines.sort();
    lines
}

#[test]
fn a_language_read_back_is_warned_about_again() {
    let f = project();
    // A review recorded for another text: a warning about `de`'s file.
    f.edit(
        "locales/de/statement.yaml",
        "text: \"Im Jahr 2019",
        "review: reviewed\n  review_of: \"0000\"\n  text: \"Im Jahr 2019",
    );
    let first = f.build();
    assert!(first.status.success(), "{}", stderr(&first));
    let warned = findings(&first);
    assert!(
        warned
            .iter()
            .any(|l| l.starts_with("locales/de/statement.yaml:") && l.contains("after the review")),
        "{warned:?}"
    );
    assert!(
        f.path(".tolmach/model/de").is_file(),
        "the first build kept de's model"
    );
    // Only `en` changes: `de` is read back, with its warning.
    f.edit(
        "locales/en/statement.yaml",
        "In 2019, trade exceeded",
        "In 2019, commerce exceeded",
    );
    let second = f.build();
    assert!(second.status.success(), "{}", stderr(&second));
    assert_eq!(findings(&second), warned);
}

#[test]
fn a_kept_model_that_is_damaged_or_foreign_is_modelled_again() {
    let f = built();
    let model = |lang: &str| f.path(&format!(".tolmach/model/{lang}"));
    // Only de changes. One letter of a text in en's model is changed (it
    // still decodes), ru's is replaced by en's (kept under another key)
    // and de's is cut short: each language is modelled from its files again.
    let mut en = std::fs::read(model("en")).unwrap();
    std::fs::copy(model("en"), model("ru")).unwrap();
    let text = b"trade exceeded";
    let at = en
        .windows(text.len())
        .position(|w| w == text)
        .expect("en's model holds its texts");
    en[at] = b'T';
    std::fs::write(model("en"), en).unwrap();
    let de = std::fs::read(model("de")).unwrap();
    std::fs::write(model("de"), &de[..de.len() - 1]).unwrap();
    f.edit(
        "locales/de/statement.yaml",
        "Im Jahr 2019",
        "Im Laufe des Jahres 2019",
    );
    rebuild_matches_clean(&f);
    assert!(
        f.read("public/de/trade/index.html")
            .contains("Im Laufe des Jahres 2019")
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_planted_as_a_kept_model_is_neither_read_nor_written_through() {
    let f = built();
    let outside = tempfile::tempdir().unwrap();
    let victim = outside.path().join("victim");
    // A link planted in place of de's model, to a file outside the project.
    std::fs::copy(f.path(".tolmach/model/de"), &victim).unwrap();
    let before = std::fs::read(&victim).unwrap();
    std::fs::remove_file(f.path(".tolmach/model/de")).unwrap();
    std::os::unix::fs::symlink(&victim, f.path(".tolmach/model/de")).unwrap();
    f.edit(
        "locales/de/statement.yaml",
        "Im Jahr 2019",
        "Im Laufe des Jahres 2019",
    );
    rebuild_matches_clean(&f);
    assert_eq!(
        std::fs::read(&victim).unwrap(),
        before,
        "the target is untouched"
    );
    let kept = std::fs::symlink_metadata(f.path(".tolmach/model/de")).unwrap();
    assert!(kept.is_file(), "the link was replaced by a kept model");
}

#[test]
fn the_model_of_a_language_no_longer_in_the_project_is_not_kept() {
    let f = built();
    let models = f.path(".tolmach/model");
    assert!(models.join("de").is_file() && models.join("en").is_file());
    // A build stopped while keeping a model leaves its temporary file.
    std::fs::write(models.join(".tolmach-stopped.tmp"), "partial").unwrap();
    std::fs::remove_dir_all(f.path("locales/de")).unwrap();
    f.write(
        "tolmach.yaml",
        "languages: [ru, en]\nbase_url: \"https://example.org/statement/\"\n",
    );
    let out = f.build();
    assert!(out.status.success(), "{}", stderr(&out));
    let mut left = common::files(&models);
    left.sort();
    assert_eq!(left, ["en", "ru"]);
}
