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
        third.contains(": 0 written, 537 unchanged, 0 removed"),
        "{third}"
    );
    // Every page is as it was, with its mtime.
    assert_eq!(tree(&public), a);
    assert_eq!(mtimes(&public), before, "unchanged files keep their mtime");

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

/// Set the modification time of the file or folder `path` to 2001.
#[cfg(unix)]
fn set_back(path: &std::path::Path) {
    let long_ago = std::time::SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
    let file = std::fs::File::open(path).unwrap();
    file.set_modified(long_ago).unwrap();
}

/// A rebuild checks the output against the last build's record with a
/// stat per folder and file instead of walking it; a file copied in is
/// still found, even with its folder's and its own timestamps set back (a
/// folder's change time cannot be set back).
#[cfg(unix)]
#[test]
fn a_file_copied_in_with_old_timestamps_is_still_found_and_removed() {
    let f = Fixture::new("small");
    f.build();
    let good = tree(&f.path("public"));
    assert!(stdout(&f.build()).contains(": 0 written, 34 unchanged, 0 removed"));
    // Twice, so that the first no-op rebuild (which may walk the folder
    // and stamp its record again) is not the one that finds it.
    for round in 0..2 {
        std::thread::sleep(Duration::from_millis(20));
        f.write("public/en/trade/copied.html", "x");
        set_back(&f.path("public/en/trade/copied.html"));
        set_back(&f.path("public/en/trade"));
        let out = stdout(&f.build());
        assert!(out.contains(", 1 removed"), "round {round}: {out}");
        assert_eq!(tree(&f.path("public")), good);
        assert!(stdout(&f.build()).contains(": 0 written, 34 unchanged, 0 removed"));
    }
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
    // sitemap.xml is an index of one sitemap per language, at the root
    // (a sitemap lists only addresses under its own folder).
    let index = f.read("public/sitemap.xml");
    let tags = ["ru", "en", "kk", "ky", "tg", "tk", "uz"];
    let listed: Vec<String> = index
        .split("<loc>")
        .skip(1)
        .map(|s| s.split("</loc>").next().unwrap_or_default().to_string())
        .collect();
    let expected: Vec<String> = tags
        .iter()
        .map(|t| format!("https://example.org/statement/sitemap-{t}.xml"))
        .collect();
    assert_eq!(listed, expected, "{index}");
    assert!(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"));
    assert_eq!(index.matches("<sitemap>").count(), 7);
    assert!(!index.contains("<url>"));
    let kk = f.read("public/sitemap-kk.xml");
    assert!(kk.contains("<loc>https://example.org/statement/kk/trade/</loc>"));
    assert!(kk.contains("hreflang=\"x-default\" href=\"https://example.org/statement/\""));
    // Each language's pages (index, full text, nine spheres) with all
    // seven alternates plus x-default; the original's also the gateway
    // and the status page (no alternates).
    for tag in tags {
        let sitemap = f.read(&format!("public/sitemap-{tag}.xml"));
        let extra = if tag == "ru" { 2 } else { 0 };
        assert_eq!(sitemap.matches("<url>").count(), 11 + extra, "{tag}");
        let gateway = if tag == "ru" { 8 } else { 0 };
        assert_eq!(
            sitemap.matches("hreflang=").count(),
            gateway + 11 * 8,
            "{tag}"
        );
        assert_eq!(
            sitemap
                .matches(&format!("<loc>https://example.org/statement/{tag}/"))
                .count(),
            11,
            "{tag}"
        );
    }
    let ru = f.read("public/sitemap-ru.xml");
    assert!(ru.contains("<loc>https://example.org/statement/</loc>"));
    assert!(ru.contains("<loc>https://example.org/statement/status/</loc>"));
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
    assert!(!f.path("public/sitemap-en.xml").exists());
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

/// Run `tolmach build` with the test-only fault hook, which aborts the
/// process at the `after`th file-system step of the write stage.
fn build_killed_after(f: &Fixture, after: u64) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_tolmach"))
        .arg("build")
        .env("TOLMACH_FAULT_AFTER", after.to_string())
        .current_dir(f.root())
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// Kill the build at 60 points spread over the whole write stage, after one
/// interface string changed (about 70 pages): every time, `public/` is
/// exactly the old site or exactly the new one, with no temporary file in
/// it, and the next build finishes the job.
#[test]
fn a_build_killed_at_any_step_leaves_the_old_site_or_the_new_one() {
    let f = Fixture::real();
    let file = "locales/en/site.ftl";
    let (from, to) = (
        "skip-to-content = Skip to the text",
        "skip-to-content = Skip to the document",
    );
    f.build();
    let old = tree(&f.path("public"));
    // The new site, built elsewhere: builds are the same in any folder.
    f.edit(file, from, to);
    let out = f.run(&["build", "--out", "public-new"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let new = tree(&f.path("public-new"));
    assert_ne!(old, new);
    // Once there and back, so that the staging folder holds a previous
    // site, as it does between builds.
    f.build();
    f.edit(file, to, from);
    f.build();

    // Count the steps of the change from the old site to the new one.
    f.edit(file, from, to);
    let counted = build_killed_after(&f, u64::MAX);
    assert!(counted.status.success(), "{}", stderr(&counted));
    let steps: u64 = stderr(&counted)
        .lines()
        .find_map(|l| l.strip_prefix("TOLMACH_FAULT_AFTER: the write stage took "))
        .and_then(|l| l.strip_suffix(" steps"))
        .expect("the fault hook reports its steps")
        .parse()
        .unwrap();
    assert!(steps >= 100, "{steps}");
    assert_eq!(tree(&f.path("public")), new);
    f.edit(file, to, from);
    f.build();
    assert_eq!(tree(&f.path("public")), old);

    // 52 points spread evenly, and each of the last 8 steps (the records and the swap).
    let mut points: Vec<u64> = (1..=52).map(|i| i * (steps - 8) / 53).collect();
    points.extend(steps - 7..=steps);
    points.sort_unstable();
    points.dedup();
    assert!(points.len() >= 60, "{points:?}");
    let (mut saw_old, mut saw_new) = (0, 0);
    for after in points {
        f.edit(file, from, to);
        let killed = build_killed_after(&f, after);
        assert!(
            !killed.status.success(),
            "step {after}: the build was not killed"
        );
        let live = tree(&f.path("public"));
        if live == old {
            saw_old += 1;
        } else if live == new {
            saw_new += 1;
        } else {
            let extra: Vec<&String> = live
                .iter()
                .map(|(p, _)| p)
                .filter(|p| !old.iter().any(|(q, _)| q == *p))
                .collect();
            panic!(
                "killed at step {after} of {steps}: public/ is neither site; files not in the old one: {extra:?}"
            );
        }
        // The next build finishes the job and leaves nothing behind.
        f.edit(file, to, from);
        let out = f.run(&["build"]);
        assert!(out.status.success(), "step {after}: {}", stderr(&out));
        assert_eq!(tree(&f.path("public")), old, "step {after}");
        assert!(!f.path(".public.tolmach-old").exists(), "step {after}");
    }
    eprintln!("killed at 60 of {steps} steps: old site {saw_old} times, new site {saw_new} times");
    assert!(saw_old > 50 && saw_new > 0, "old {saw_old}, new {saw_new}");
}

#[test]
fn the_output_folder_holds_only_the_site_and_two_folders_get_the_same_bytes() {
    let f = Fixture::new("small");
    f.build();
    let out = f.run(&["build", "--out", "elsewhere/site"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let public = tree(&f.path("public"));
    assert_eq!(public, tree(&f.path("elsewhere/site")));
    for (path, _) in &public {
        assert!(
            !path.contains(".tolmach") && !path.starts_with('.'),
            "public/{path} is not part of the site"
        );
    }
    // The bookkeeping is in the project's cache folder, which git ignores.
    assert!(f.path(".tolmach").is_dir());
    assert_eq!(f.read(".tolmach/.gitignore").lines().last(), Some("*"));
    // A later build into the same folder recognises it by that record.
    let again = stdout(&f.run(&["build", "--out", "elsewhere/site"]));
    assert!(
        again.contains(": 0 written, 34 unchanged, 0 removed"),
        "{again}"
    );
}

/// After a swap the staging folder holds the site before, recorded so that
/// the next build need not walk it; anything put there since is still
/// found: a stray file is removed, a symlink never written through.
#[cfg(unix)]
#[test]
fn what_is_put_in_the_staging_folder_between_builds_is_found() {
    let f = Fixture::new("small");
    let staging = ".public.tolmach-staging";
    let edits = ["declare our", "declare our close", "declare our very close"];
    f.build();
    for pair in edits.windows(2) {
        f.edit("locales/en/statement.yaml", pair[0], pair[1]);
        f.build();
    }
    assert!(f.path(staging).join("en/index.html").is_file());
    // A stray file, its folder's timestamps set back.
    std::thread::sleep(Duration::from_millis(20));
    f.write(&format!("{staging}/en/stray.html"), "stray");
    set_back(&f.path(staging).join("en/stray.html"));
    set_back(&f.path(staging).join("en"));
    f.edit(
        "locales/en/statement.yaml",
        "declare our very close",
        "declare our",
    );
    f.build();
    let same_as_fresh = || {
        let fresh = f.run(&["build", "--out", "fresh"]);
        assert!(fresh.status.success(), "{}", stderr(&fresh));
        assert_eq!(tree(&f.path("public")), tree(&f.path("fresh")));
    };
    same_as_fresh();

    // A folder of the staging site replaced by a symlink to one elsewhere.
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::write(elsewhere.path().join("index.html"), "precious").unwrap();
    std::thread::sleep(Duration::from_millis(20));
    std::fs::remove_dir_all(f.path(staging).join("en/trade")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), f.path(staging).join("en/trade")).unwrap();
    f.edit(
        "locales/en/statement.yaml",
        "declare our",
        "declare our close",
    );
    f.build();
    assert_eq!(
        std::fs::read_to_string(elsewhere.path().join("index.html")).unwrap(),
        "precious"
    );
    assert_eq!(common::files(elsewhere.path()).len(), 1);
    same_as_fresh();
}

#[test]
fn a_stale_staging_folder_is_brought_up_to_date_and_an_old_style_output_is_adopted() {
    let f = Fixture::new("small");
    // An output folder made by an older Tolmach, with its marker and manifest.
    f.write("public/.tolmach-output", "marker");
    f.write("public/.tolmach-manifest", "inputs x\n");
    f.write("public/en/old.html", "old");
    f.write(".public.tolmach-staging/en/index.html", "half a build");
    f.write(
        ".public.tolmach-staging/en/stray/x.html",
        "left by a killed build",
    );
    let out = stdout(&f.build());
    assert!(out.contains(", 3 removed"), "{out}");
    // Swapped out, the staging folder now holds the previous site.
    assert_eq!(f.read(".public.tolmach-staging/en/old.html"), "old");
    assert!(!f.path(".public.tolmach-staging/en/stray").exists());
    let good = tree(&f.path("public"));
    f.edit(
        "locales/en/statement.yaml",
        "declare our",
        "declare our close",
    );
    f.build();
    f.edit(
        "locales/en/statement.yaml",
        "declare our close",
        "declare our",
    );
    f.build();
    assert_eq!(tree(&f.path("public")), good);
    assert!(
        !tree(&f.path("public"))
            .iter()
            .any(|(_, b)| b == b"half a build")
    );
    assert!(!f.path("public/.tolmach-output").exists());
    assert!(!f.path("public/.tolmach-manifest").exists());
    assert!(!f.path("public/en/old.html").exists());
}

#[cfg(unix)]
#[test]
fn a_symlink_in_the_output_folder_is_refused_and_never_written_through() {
    let f = Fixture::new("small");
    f.build();
    let before = tree(&f.path("public"));
    let elsewhere = tempfile::tempdir().unwrap();
    std::fs::remove_dir_all(f.path("public/en")).unwrap();
    std::os::unix::fs::symlink(elsewhere.path(), f.path("public/en")).unwrap();
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("public/en is a symlink; Tolmach never writes through one"),
        "{}",
        stderr(&out)
    );
    assert!(common::files(elsewhere.path()).is_empty());
    std::fs::remove_file(f.path("public/en")).unwrap();

    // A planted temporary name: refused the same way, its target untouched.
    f.build();
    assert_eq!(tree(&f.path("public")), before);
    let victim = f.path("victim.txt");
    f.write("victim.txt", "precious");
    std::os::unix::fs::symlink(&victim, f.path("public/en/index.html.tolmach-tmp")).unwrap();
    f.edit(
        "locales/en/statement.yaml",
        "declare our",
        "declare our close",
    );
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("public/en/index.html.tolmach-tmp is a symlink"),
        "{}",
        stderr(&out)
    );
    assert_eq!(f.read("victim.txt"), "precious");
}

#[cfg(unix)]
#[test]
fn writes_outside_the_output_folder_never_follow_a_planted_temporary_name() {
    let f = Fixture::new("small");
    let victim = f.path("victim.txt");
    f.write("victim.txt", "precious");
    // The name the writer used before: now it is never opened.
    std::os::unix::fs::symlink(&victim, f.path("statement.en.po.tolmach-tmp")).unwrap();
    let out = f.run(&["export", "en", "--format", "po", "--out", "statement.en.po"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.read("statement.en.po").contains("msgid"));
    assert_eq!(f.read("victim.txt"), "precious");
    // A target that is itself a symlink is refused, with its path.
    std::os::unix::fs::symlink(&victim, f.path("linked.po")).unwrap();
    let out = f.run(&["export", "en", "--format", "po", "--out", "linked.po"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("linked.po: it is a symlink"),
        "{}",
        stderr(&out)
    );
    assert_eq!(f.read("victim.txt"), "precious");
}

#[test]
fn an_unchanged_project_skips_rendering_but_repairs_a_damaged_output() {
    let f = Fixture::new("small");
    f.build();
    let good = tree(&f.path("public"));
    // Nothing changed: the manifest's fingerprint matches and nothing is written.
    assert!(stdout(&f.build()).contains(": 0 written, 34 unchanged, 0 removed"));
    let repaired = |summary: &str| {
        let out = stdout(&f.build());
        assert!(out.contains(summary), "{out}");
        assert_eq!(tree(&f.path("public")), good);
    };
    // A missing page and a stray file are noticed and repaired.
    std::fs::remove_file(f.path("public/en/trade/index.html")).unwrap();
    f.write("public/stray.html", "x");
    repaired(": 1 written, 33 unchanged, 1 removed");
    // A page cut short (its length is not the recorded one) is written again.
    f.write("public/en/index.html", "<p>cut");
    repaired(": 1 written, 33 unchanged, 0 removed");
}

#[cfg(unix)]
#[test]
fn only_the_themes_own_regular_files_are_published() {
    let f = Fixture::new("small");
    f.write(".env", "SECRET=1");
    f.write(".git/config", "[remote] url = secret");
    let statics = "themes/default/static";
    for (name, target) in [
        ("env.txt", "../../../.env"),
        ("git.txt", "../../../.git/config"),
    ] {
        std::os::unix::fs::symlink(target, f.path(&format!("{statics}/{name}"))).unwrap();
        let out = f.run(&["build"]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert_eq!(
            stderr(&out),
            format!(
                "{statics}/{name}: error: is a symlink; a theme's static files are published, so each must be a regular file of the theme\n"
            )
        );
        assert!(!f.path("public").exists(), "{name}");
        std::fs::remove_file(f.path(&format!("{statics}/{name}"))).unwrap();
    }
    // A hard link to a file outside the theme.
    std::fs::hard_link(f.path(".env"), f.path(&format!("{statics}/p.txt"))).unwrap();
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with(&format!("{statics}/p.txt: error: is a hard link")),
        "{}",
        stderr(&out)
    );
    std::fs::remove_file(f.path(&format!("{statics}/p.txt"))).unwrap();
    // A symlinked static folder.
    std::fs::rename(f.path(statics), f.path("elsewhere")).unwrap();
    std::os::unix::fs::symlink(f.path("elsewhere"), f.path(statics)).unwrap();
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with(&format!("{statics}: error: is a symlink")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_base_url_with_a_line_break_is_refused_and_nothing_is_written() {
    let f = Fixture::new("small");
    f.write(
        "tolmach.yaml",
        "languages: [ru, en]\nbase_url: \"https://example.org/\\nDisallow: /\\nSitemap: https://evil.example/s.xml\\n#\"\n",
    );
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "tolmach.yaml: error: base_url `https://example.org/\\nDisallow: /\\nSitemap: https://evil.example/s.xml\\n#/` must not contain spaces, line breaks or control characters\n"
    );
    assert!(!f.path("public").exists());
    let out = f.run(&["build", "--base-url", "https://example.org/ x"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).starts_with("tolmach.yaml: error: base_url"));
}

#[test]
fn urls_in_attributes_are_readable() {
    let f = Fixture::real();
    let out = f.run(&["build", "--base-url", "https://edition.example/statement"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for (path, bytes) in tree(&f.path("public")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("&#x2F;"), "{path}");
    }
    let page = f.read("public/en/trade/index.html");
    assert!(page.contains("href=\"https://edition.example/statement/en/trade/\""));
    assert!(page.contains("href=\"../../ru/trade/\""));
}

#[test]
fn an_output_past_the_budget_is_refused_and_the_old_site_stays() {
    let f = Fixture::real();
    f.build();
    let before = tree(&f.path("public"));
    f.edit(
        "locales/en/statement.yaml",
        "In 2019, ",
        "In the year 2019, ",
    );
    let out = f.run(&["build", "--max-output-mib", "2"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with(
            "error: the site would have more than 2 MiB of HTML and EPUB (the setting max_output_mib); stopped at "
        ),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(&f.path("public")), before);
    // The default (50 times the input, at least 64 MiB) builds the edition.
    f.build();
}

#[test]
fn a_long_text_reused_through_aliases_is_refused() {
    let f = Fixture::new("small");
    let big = "Lorem ipsum dolor sit amet. ".repeat(40_000); // about 1 MB
    let yaml = f.read("locales/en/statement.yaml");
    let mut first = true;
    let yaml: String = yaml
        .lines()
        .map(|line| {
            if line.starts_with("  text: ") {
                if std::mem::take(&mut first) {
                    format!("  text: &big \"{big}\"\n")
                } else {
                    "  text: *big\n".to_string()
                }
            } else {
                format!("{line}\n")
            }
        })
        .collect();
    f.write("locales/en/statement.yaml", yaml);
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with(
            "locales/en/statement.yaml: error: aliases (`*name`) repeat text to 7656 KiB"
        ),
        "{}",
        stderr(&out)
    );
    assert!(!f.path("public").exists());
}
