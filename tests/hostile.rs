//! Hostile and broken input: every broken file is answered by one exact
//! message and exit code 1, and leaves a previously built site untouched;
//! a project full of XSS payloads builds into pages with no executable markup.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Fixture, files, stderr};

const STATEMENT: &str = "locales/en/statement.yaml";

/// Every file of `public/` with its bytes.
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let public = root.join("public");
    files(&public)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(public.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

/// Build the small fixture, break it with `setup`, build again: the build
/// must fail with exit code 1 and leave `public/` byte-identical. Returns stderr.
fn broken(setup: impl FnOnce(&Fixture)) -> String {
    let fixture = Fixture::new("small");
    fixture.build();
    let before = snapshot(fixture.root());
    assert!(!before.is_empty());
    setup(&fixture);
    let out = fixture.run(&["build"]);
    let message = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "stderr: {message}");
    assert!(!message.contains("panicked"), "{message}");
    assert!(
        snapshot(fixture.root()) == before,
        "public/ changed after a failed build"
    );
    message.trim_end().to_string()
}

/// Like [`broken`] with `text` as the English translation file.
fn broken_statement(text: impl AsRef<[u8]>) -> String {
    let text = text.as_ref().to_vec();
    broken(move |f| f.write(STATEMENT, text))
}

#[test]
fn invalid_utf8_is_refused_with_its_place() {
    assert_eq!(
        broken_statement(b"title:\n  text: \"a\xff\"\n"),
        "locales/en/statement.yaml:2:11: error: invalid UTF-8 (byte 0xFF); save the file as UTF-8"
    );
}

/// Files saved on Windows (a byte-order mark, CR LF line ends) in every
/// kind of input build exactly the site their LF twins build.
#[test]
fn windows_files_build_the_same_site() {
    let plain = Fixture::new("small");
    plain.build();
    let windows = Fixture::new("small");
    for rel in [
        STATEMENT,
        "locales/en/site.ftl",
        "locales/ru/site.ftl",
        "sources/statement.md",
        "tolmach.yaml",
    ] {
        let text = windows.read(rel).replace('\n', "\r\n");
        windows.write(rel, format!("\u{FEFF}{text}"));
    }
    windows.build();
    assert_eq!(snapshot(plain.root()), snapshot(windows.root()));
}

/// A problem in a CR LF file with a byte-order mark is reported at the
/// line and column the translator's editor shows.
#[test]
fn positions_in_windows_files_are_the_editors() {
    assert_eq!(
        broken_statement("\u{FEFF}title:\r\n  text: a\r\n  txet: b\r\n"),
        "locales/en/statement.yaml:3:3: error: unknown field `txet` in a unit; did you mean `text`?"
    );
}

/// Control characters, raw or written as YAML escapes, never reach a page.
#[test]
fn control_characters_are_refused_with_their_place() {
    assert_eq!(
        broken_statement("title:\n  text: \"a \u{1b}[2J\"\n"),
        "locales/en/statement.yaml:2:12: error: control character U+001B; only tabs and line breaks may appear in text"
    );
    assert_eq!(
        broken_statement("title:\n  source: \"Заявление\"\n  text: \"a \\u0000 b\"\n"),
        "locales/en/statement.yaml:1:1: error: control character U+0000 in a text; only tabs and line breaks may appear in text"
    );
}

#[test]
fn tabs_in_indentation_are_refused_with_their_place() {
    assert_eq!(
        broken_statement("title:\n\ttext: a\n"),
        "locales/en/statement.yaml:2:2: error: tabs disallowed within this context (block indentation)"
    );
}

/// Outside indentation a tab is YAML whitespace, as editors that align
/// comments save it: the file builds.
#[test]
fn a_tab_before_a_comment_is_valid_yaml() {
    let f = Fixture::new("small");
    f.edit(
        "locales/en/statement.yaml",
        "  text: \"Statement on Cooperation\"",
        "  text: \"Statement on Cooperation\"\t# checked",
    );
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let page = f.page("en/index.html");
    assert_eq!(
        common::select(&page, "h1")[0]
            .text()
            .collect::<String>()
            .trim(),
        "Statement on Cooperation"
    );
}

#[test]
fn an_empty_translation_is_refused() {
    assert_eq!(
        broken_statement(""),
        "locales/en/statement.yaml:1:1: error: the file is empty; it must map unit ids to `source` and `text` (run `tolmach sync` to create a skeleton)"
    );
}

#[test]
fn a_50_mb_file_is_refused_by_its_size() {
    let message = broken(|f| {
        // A sparse file: 50 MB long, refused before a byte of it is read.
        let file = std::fs::File::create(f.path(STATEMENT)).unwrap();
        file.set_len(50 * 1024 * 1024).unwrap();
    });
    assert_eq!(
        message,
        "locales/en/statement.yaml: error: the file is 52428800 bytes; the limit is 8388608 bytes (8 MiB; raise it with `max_file_mib`)"
    );
}

#[test]
fn an_alias_bomb_exceeds_the_budget() {
    // Billion laughs needs aliases replayed many times: each is one replay
    // of `&lol`, and the budget stops at 100 per anchor.
    let mut text = String::from("title:\n  text: &lol lol\n");
    for i in 0..1000 {
        text.push_str(&format!("u{i}:\n  text: *lol\n  source: *lol\n"));
    }
    assert_eq!(
        broken_statement(text),
        "locales/en/statement.yaml:154:9: error: alias expansion limit exceeded for anchor id 1: 101 > 100"
    );
}

#[test]
fn nested_aliases_are_rejected_before_they_expand() {
    let mut text = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        text.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(", ")
        ));
    }
    assert_eq!(
        broken_statement(text),
        "locales/en/statement.yaml:1:7: error: expected a mapping of unit ids to `source` and `text`"
    );
}

#[test]
fn deeply_nested_yaml_exceeds_the_budget() {
    let message = broken(|f| {
        f.write(
            "tolmach.yaml",
            format!("languages: {}{}\n", "[".repeat(100), "]".repeat(100)),
        );
    });
    assert_eq!(
        message,
        "tolmach.yaml:1:76: error: recursion limit exceeded"
    );
}

#[test]
fn duplicate_keys_are_refused() {
    assert_eq!(
        broken_statement("title:\n  text: a\ntitle:\n  text: b\n"),
        "locales/en/statement.yaml:3:1: error: duplicate mapping key: title"
    );
}

#[test]
fn wrong_types_are_refused() {
    assert_eq!(
        broken_statement("title:\n  text: [1, 2]\n"),
        "locales/en/statement.yaml:2:9: error: expected string scalar"
    );
    assert_eq!(
        broken_statement("title: 5\n"),
        "locales/en/statement.yaml:1:8: error: expected a mapping of unit ids to `source` and `text`"
    );
}

#[test]
fn unknown_fields_suggest_the_name_meant() {
    assert_eq!(
        broken_statement("title:\n  txet: a\n"),
        "locales/en/statement.yaml:2:3: error: unknown field `txet` in a unit; did you mean `text`?"
    );
}

#[test]
fn fluent_syntax_errors_are_reported_with_their_line() {
    let mut line = 0;
    let message = broken(|f| {
        let text = f.read("locales/en/site.ftl");
        line = text.lines().count() + 1;
        f.write("locales/en/site.ftl", format!("{text}broken = {{\n"));
    });
    assert_eq!(
        message,
        format!(
            "locales/en/site.ftl:{}:1: error: expected an inline expression",
            line + 1
        )
    );
}

#[test]
fn a_template_error_names_the_template_and_line() {
    let message = broken(|f| {
        f.edit(
            "themes/default/templates/404.html",
            "{{ lang.tag }}",
            "{{ lang.tag ",
        );
    });
    assert!(
        message.starts_with(
            "themes/default/templates/404.html:2:25: error: Failed to parse '404.html': expected `or`, `and`"
        ),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1, "{message}");
}

fn bad_language_folder(name: &str) -> String {
    broken(|f| {
        let text = f.read("locales/en/site.ftl");
        f.write(&format!("locales/{name}/site.ftl"), text);
    })
}

#[test]
fn language_folders_must_be_canonical_tags() {
    assert_eq!(
        bad_language_folder("EN US"),
        "locales/EN US: error: `EN US` is not a valid BCP 47 language tag (for example `kk` or `pt-BR`)"
    );
    assert_eq!(
        bad_language_folder("con"),
        "locales/con: error: `con` is a reserved device name on Windows and cannot be a language folder"
    );
    assert_eq!(
        bad_language_folder("EN"),
        "locales/EN: error: `EN` is not in canonical form; name the folder `en`"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_out_of_the_project_are_refused() {
    let outside = tempfile::tempdir().unwrap();
    let message = broken(|f| {
        common::copy_dir(&f.path("locales/en"), &outside.path().join("fr"));
        std::os::unix::fs::symlink(outside.path().join("fr"), f.path("locales/fr")).unwrap();
    });
    assert_eq!(
        message,
        "locales/fr: error: is a symlink that points outside the project; Tolmach does not follow it"
    );
    let message = broken(|f| {
        std::fs::write(
            outside.path().join("site.ftl"),
            f.read("locales/en/site.ftl"),
        )
        .unwrap();
        std::fs::remove_file(f.path("locales/en/site.ftl")).unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("site.ftl"),
            f.path("locales/en/site.ftl"),
        )
        .unwrap();
    });
    assert_eq!(
        message,
        "locales/en/site.ftl: error: is a symlink that points outside the project; Tolmach does not follow it"
    );
}

#[test]
fn slugs_must_be_ascii() {
    assert_eq!(
        broken(|f| f.edit("sources/statement.md", "{#trade}", "{#торговля}")),
        "sources/statement.md:7:1: error: id `торговля` must be lowercase ASCII letters and digits joined by single hyphens"
    );
}

// ---------------------------------------------------------------- XSS

const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
];
const FORBIDDEN: &[&str] = &[
    "iframe", "object", "embed", "svg", "math", "form", "base", "frame", "applet",
];

/// Everything executable in one parsed page, as readable findings.
fn executable_markup(html: &scraper::Html) -> Vec<String> {
    let mut found = Vec::new();
    for element in common::select(html, "*") {
        let e = element.value();
        let name = e.name();
        if name == "script" {
            let theme_js = e
                .attr("src")
                .is_some_and(|s| s.ends_with("theme/tolmach.js") || s.ends_with("theme/search.js"));
            // JSON-LD is data, not script, as long as it is JSON and
            // cannot close its element early.
            let text: String = element.text().collect();
            let json_ld = e.attr("type") == Some("application/ld+json")
                && e.attr("src").is_none()
                && !text.contains("</")
                && serde_json::from_str::<serde_json::Value>(&text).is_ok();
            if !json_ld && (!theme_js || !element.inner_html().trim().is_empty()) {
                found.push(format!("script element {}", element.html()));
            }
        }
        if FORBIDDEN.contains(&name) {
            found.push(format!("<{name}> element"));
        }
        if name == "meta"
            && let Some(equiv) = e.attr("http-equiv")
            && !equiv.eq_ignore_ascii_case("Content-Security-Policy")
        {
            found.push(format!("<meta http-equiv={equiv}>"));
        }
        for (attr, value) in e.attrs() {
            if attr.to_ascii_lowercase().starts_with("on") {
                found.push(format!("event handler {attr} on <{name}>"));
            }
            if URL_ATTRS.contains(&attr) || attr.ends_with("href") {
                let cleaned: String = value
                    .chars()
                    .filter(|c| !c.is_whitespace() && !c.is_control())
                    .collect::<String>()
                    .to_lowercase();
                if ["javascript:", "data:", "vbscript:"]
                    .iter()
                    .any(|s| cleaned.starts_with(s))
                {
                    found.push(format!("{attr}={value} on <{name}>"));
                }
            }
        }
    }
    found
}

#[test]
fn the_xss_fixture_builds_without_executable_markup() {
    let fixture = Fixture::new("xss");
    fixture.build();
    let pages: Vec<String> = files(&fixture.path("public"))
        .into_iter()
        .filter(|f| f.ends_with(".html"))
        .collect();
    assert!(pages.len() > 10, "{pages:?}");
    for page in &pages {
        let html = fixture.page(page);
        assert_eq!(executable_markup(&html), Vec::<String>::new(), "{page}");
    }
    // The payloads did reach the pages, as text, and safe links survived.
    let full = fixture.page("en/full/index.html");
    let text: String = full.root_element().text().collect();
    assert!(
        text.contains("<script>alert(1)</script>"),
        "payloads are shown as text"
    );
    assert!(text.contains("onerror=alert(1)"));
    assert_eq!(
        common::attrs(&full, "main a[href^='https:']", "href"),
        ["https://ok.example/"]
    );
    assert_eq!(
        common::attrs(&full, "main a[href^='mailto:']", "href"),
        ["mailto:a@b.example"]
    );
    let index = fixture.page("en/index.html");
    let nav: String = index.root_element().text().collect();
    assert!(
        nav.contains("<script>alert(\"ftl\")</script>"),
        "Fluent strings are escaped"
    );
}

#[test]
fn the_checker_sees_executable_markup() {
    // The XSS assertion itself must be able to fail.
    let html = scraper::Html::parse_document(
        "<script>x</script><a href=' JavaScript:x'>a</a><img src=x onerror=y><svg></svg>\
         <meta http-equiv=refresh content=0><script src=\"../theme/tolmach.js\"></script>",
    );
    assert_eq!(
        executable_markup(&html).len(),
        5,
        "{:?}",
        executable_markup(&html)
    );
}
