//! Ready for any plain host: sitemap, 404, canonical, determinism, atomic and incremental writes.

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::{Fixture, attrs, mtimes, select, stderr, stdout, tree};

#[test]
fn two_builds_are_byte_identical_and_a_rebuild_writes_nothing() {
    let f = Fixture::real();
    let public = f.path("public");
    let first = stdout(&f.build());
    assert!(first.contains(" 0 unchanged, 0 removed"), "{first}");
    let a = tree(&public);
    let before = mtimes(&public);
    std::thread::sleep(Duration::from_millis(20));
    // Nothing changed: nothing is rendered or written.
    let second = stdout(&f.build());
    assert!(second.contains(": 0 written,"), "{second}");
    // A change that alters no page (a YAML comment): every page is
    // rendered and compared, none is written, every mtime stays.
    let yaml = f.read("locales/en/statement.yaml");
    f.write("locales/en/statement.yaml", format!("# reviewed\n{yaml}"));
    let third = stdout(&f.build());
    assert!(
        third.contains(": 0 written, 522 unchanged, 0 removed"),
        "{third}"
    );
    // Only the manifest records the new inputs; every page is as it was.
    let without_manifest = |mut files: Vec<(String, Vec<u8>)>| {
        files.retain(|(p, _)| p != ".tolmach-manifest");
        files
    };
    assert_eq!(without_manifest(tree(&public)), without_manifest(a.clone()));
    let manifest = common::files(&public)
        .iter()
        .position(|p| p == ".tolmach-manifest")
        .unwrap();
    let (mut now, mut then) = (mtimes(&public), before);
    now.remove(manifest);
    then.remove(manifest);
    assert_eq!(now, then, "unchanged files keep their mtime");

    // A fresh build elsewhere of the same input gives the same bytes.
    let other = Fixture::real();
    other.build();
    assert_eq!(tree(&other.path("public")), a);
}

#[test]
fn one_changed_paragraph_rewrites_only_the_pages_that_show_it() {
    let f = Fixture::real();
    f.build();
    f.edit(
        "locales/en/statement.yaml",
        "In 2019, ",
        "In the year 2019, ",
    );
    let out = stdout(&f.build());
    // en/trade, en/full, the download, and the parallel pages of en (6 × 2) and with en (6 × 2).
    let written: usize = out
        .split(": ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(written > 0 && written < 40, "{out}");
    let trade = f.read("public/en/trade/index.html");
    assert!(trade.contains("In the year 2019, "));
}

#[test]
fn leftovers_from_earlier_builds_are_removed() {
    let f = Fixture::new("small");
    f.build();
    f.write("public/old/index.html", "old");
    let out = stdout(&f.build());
    assert!(out.contains(", 1 removed"), "{out}");
    assert!(!f.path("public/old").exists());
}

#[test]
fn a_failed_build_leaves_the_previous_site_byte_identical() {
    let f = Fixture::real();
    f.build();
    let before = tree(&f.path("public"));
    f.edit(
        "locales/kk/statement.yaml",
        "title:\n",
        "title:\n  bad: [\n",
    );
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("locales/kk/statement.yaml:"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&f.path("public")), before);
}

#[test]
fn dangerous_output_folders_are_refused() {
    let f = Fixture::new("small");
    for (out, why) in [
        (".", "it is the project folder or contains it"),
        ("..", "it is the project folder or contains it"),
        ("/", "it is the root of the file system"),
        ("sources", "it is inside sources/"),
        ("locales/en", "it is inside locales/"),
    ] {
        let res = f.run(&["build", "--out", out]);
        assert_eq!(res.status.code(), Some(1), "{out}");
        assert!(stderr(&res).contains(why), "{out}: {}", stderr(&res));
    }
    f.write("elsewhere/keep.txt", "precious");
    let res = f.run(&["build", "--out", "elsewhere"]);
    assert_eq!(res.status.code(), Some(1));
    assert!(
        stderr(&res).contains("not empty and was not made by Tolmach"),
        "{}",
        stderr(&res)
    );
    assert_eq!(f.read("elsewhere/keep.txt"), "precious");
}

#[test]
fn with_a_base_url_there_are_sitemap_canonical_and_open_graph() {
    let f = Fixture::real();
    let out = f.run(&["build", "--base-url", "https://example.org/statement"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("no base_url"));
    let sitemap = f.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/statement/kk/trade/</loc>"));
    assert!(sitemap.contains("hreflang=\"x-default\" href=\"https://example.org/statement/\""));
    // Every language page is listed with all seven alternates plus x-default.
    let urls = sitemap.matches("<url>").count();
    assert_eq!(urls, 1 + 7 * 11 + 1);
    assert_eq!(sitemap.matches("hreflang=").count(), 8 + 7 * 11 * 8);
    assert!(
        f.read("public/robots.txt")
            .contains("Sitemap: https://example.org/statement/sitemap.xml")
    );
    let page = f.page("kk/trade/index.html");
    assert_eq!(
        attrs(&page, "link[rel=canonical]", "href"),
        ["https://example.org/statement/kk/trade/"]
    );
    assert_eq!(
        attrs(&page, "meta[property='og:locale']", "content"),
        ["kk_KZ"]
    );
    assert_eq!(
        attrs(&page, "meta[property='og:locale:alternate']", "content").len(),
        6
    );
    assert_eq!(
        attrs(&page, "meta[property='og:title']", "content").len(),
        1
    );
    assert_eq!(
        attrs(&page, "meta[property='og:description']", "content").len(),
        1
    );
}

#[test]
fn without_a_base_url_the_absolute_parts_are_left_out_and_said_once() {
    let f = Fixture::new("small");
    let out = f.build();
    assert_eq!(stderr(&out).matches("no base_url set").count(), 1);
    assert!(!f.path("public/sitemap.xml").exists());
    assert!(select(&f.page("en/index.html"), "link[rel=canonical]").is_empty());
}

#[test]
fn every_page_has_a_strict_csp_and_a_favicon() {
    let f = Fixture::new("small");
    f.build();
    assert!(f.path("public/favicon.svg").is_file());
    for file in common::files(&f.path("public")) {
        if !file.ends_with(".html") {
            continue;
        }
        let page = f.page(&file);
        let csp = attrs(&page, "meta[http-equiv=Content-Security-Policy]", "content");
        assert_eq!(csp.len(), 1, "{file}");
        assert!(
            !csp[0].contains("http") && !csp[0].contains('*'),
            "{file}: {}",
            csp[0]
        );
        assert!(!csp[0].contains("unsafe"), "{file}: {}", csp[0]);
    }
}

#[test]
fn the_404_page_speaks_every_language_from_any_depth() {
    let f = Fixture::real();
    f.build();
    let page = f.page("404.html");
    assert_eq!(
        attrs(&page, "section.not-found", "lang"),
        ["ru", "en", "kk", "ky", "tg", "tk", "uz"]
    );
    // No relative link or stylesheet that would break below the root.
    assert!(select(&page, "link[rel=stylesheet]").is_empty());
    for href in attrs(&page, "a[href]", "href") {
        assert!(
            href.starts_with('/') || href.starts_with("https://"),
            "{href}"
        );
    }
}

/// Kill the build at random moments; every file must stay whole, and the
/// next build must repair everything.
#[test]
fn a_killed_build_never_leaves_a_truncated_file() {
    let f = Fixture::real();
    f.build();
    let good = tree(&f.path("public"));
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for round in 0..12 {
        // Alternate between two versions so that every build rewrites pages.
        let (from, to) = if round % 2 == 0 {
            ("In 2019, ", "In the year 2019, ")
        } else {
            ("In the year 2019, ", "In 2019, ")
        };
        f.edit("locales/en/statement.yaml", from, to);
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_micros(seed % 400_000);
        let mut child = Command::new(env!("CARGO_BIN_EXE_tolmach"))
            .arg("build")
            .current_dir(f.root())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        for (path, bytes) in tree(&f.path("public")) {
            if path.ends_with(".html") {
                let text = String::from_utf8(bytes).unwrap();
                assert!(
                    text.trim_end().ends_with("</html>"),
                    "round {round}: {path} is truncated"
                );
            }
        }
    }
    // Restore the original text, rebuild: the site is exactly the first one.
    let current = f.read("locales/en/statement.yaml");
    if current.contains("In the year 2019, ") {
        f.edit(
            "locales/en/statement.yaml",
            "In the year 2019, ",
            "In 2019, ",
        );
    }
    f.build();
    assert_eq!(tree(&f.path("public")), good);
}

#[test]
fn an_unchanged_project_skips_rendering_but_repairs_a_damaged_output() {
    let f = Fixture::new("small");
    f.build();
    let good = tree(&f.path("public"));
    // Nothing changed: the manifest's fingerprint matches and nothing is written.
    assert!(stdout(&f.build()).contains(": 0 written, 29 unchanged, 0 removed"));
    // A missing page and a stray file are noticed and repaired.
    std::fs::remove_file(f.path("public/en/trade/index.html")).unwrap();
    f.write("public/stray.html", "x");
    let out = stdout(&f.build());
    assert!(
        out.contains(": 1 written, 28 unchanged, 1 removed"),
        "{out}"
    );
    assert_eq!(tree(&f.path("public")), good);
}
