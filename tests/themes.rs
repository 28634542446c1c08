//! Themes: the default theme is built in, and a project's theme folder
//! overrides single templates and static files; every file it lacks comes
//! from the built-in default.

mod common;

use common::{Fixture, stderr, stdout};

/// The small fixture without any `themes/` folder.
fn without_themes() -> Fixture {
    let f = Fixture::new("small");
    std::fs::remove_dir_all(f.path("themes")).unwrap();
    f
}

/// Every file of a build's output, by path, without Tolmach's own bookkeeping.
fn site(f: &Fixture) -> Vec<(String, Vec<u8>)> {
    common::tree(&f.path("public"))
        .into_iter()
        .filter(|(path, _)| !path.starts_with(".tolmach-"))
        .collect()
}

/// The small fixture built with the repository's `themes/default` folder.
fn reference() -> Vec<(String, Vec<u8>)> {
    let f = Fixture::new("small");
    f.build();
    site(&f)
}

#[test]
fn a_project_without_themes_builds_with_the_built_in_default() {
    let f = without_themes();
    f.build();
    assert_eq!(site(&f), reference());
}

#[test]
fn a_single_template_override_is_used_and_everything_else_is_built_in() {
    let f = without_themes();
    f.write("tolmach.yaml", f.read("tolmach.yaml") + "theme: mine\n");
    f.write(
        "themes/mine/templates/sphere.html",
        "{% extends \"base.html\" %}{% block main %}<p class=\"mine\">{{ sections[0].heading_block | safe }}</p>{% endblock main %}",
    );
    f.build();
    let built = site(&f);
    let expected = reference();
    let paths = |s: &[(String, Vec<u8>)]| s.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&built), paths(&expected));
    let mut overridden = 0;
    for ((path, bytes), (_, reference)) in built.iter().zip(&expected) {
        let segments: Vec<&str> = path.split('/').collect();
        let is_sphere = matches!(segments[..], [lang, slug, "index.html"] if slug != "full" && lang != "status");
        if is_sphere {
            let html = String::from_utf8_lossy(bytes);
            assert!(
                html.contains("<p class=\"mine\"><h1 id=\""),
                "{path}: {html}"
            );
            // base.html, the stylesheet link and the switcher are the default's.
            assert!(html.contains("class=\"site-header\""), "{path}");
            overridden += 1;
        } else {
            assert!(bytes == reference, "{path} is the built-in default's");
        }
    }
    assert_eq!(overridden, 4, "two sphere pages in each of two languages");
}

#[test]
fn a_static_file_override_replaces_the_built_in_one_and_is_inlined() {
    let f = without_themes();
    f.write(
        "themes/default/static/theme/style.css",
        "body { color: teal }\n",
    );
    f.build();
    assert_eq!(f.read("public/theme/style.css"), "body { color: teal }\n");
    assert!(
        f.read("public/en/statement.en.html")
            .contains("<style>body { color: teal }\n</style>")
    );
    assert!(f.read("public/404.html").contains("body { color: teal }"));
    let built_in_js = std::fs::read(common::repo().join("themes/default/static/theme/tolmach.js"));
    assert_eq!(
        std::fs::read(f.path("public/theme/tolmach.js")).ok(),
        built_in_js.ok()
    );
}

#[test]
fn sitemap_and_robots_are_overridable_templates() {
    let f = without_themes();
    f.write(
        "themes/default/templates/robots.txt",
        "User-agent: *\nDisallow: /{{ base_url }}\n",
    );
    f.write(
        "themes/default/templates/sitemap.xml",
        "{% for sitemap in sitemaps %}{{ sitemap.lang }} {{ sitemap.loc | escape_xml }}\n{% endfor %}",
    );
    f.write(
        "themes/default/templates/sitemap-language.xml",
        "{{ lang }}\n{% for url in urls %}{{ url.loc | escape_xml }}\n{% endfor %}",
    );
    let out = f.run(&["build", "--base-url", "https://example.org/a&b/"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        f.read("public/robots.txt"),
        "User-agent: *\nDisallow: /https://example.org/a&b/\n"
    );
    let index = f.read("public/sitemap.xml");
    assert!(
        index.starts_with("ru https://example.org/a&amp;b/sitemap-ru.xml\n"),
        "{index}"
    );
    let sitemap = f.read("public/sitemap-ru.xml");
    assert!(
        sitemap.starts_with("ru\nhttps://example.org/a&amp;b/\nhttps://example.org/a&amp;b/ru/\n"),
        "{sitemap}"
    );
}

#[test]
fn a_theme_that_is_neither_a_folder_nor_the_default_is_an_error() {
    let f = without_themes();
    let out = f.run(&["build", "--theme", "mine"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("error: theme `mine` not found: there is no folder themes/mine"),
        "{}",
        stderr(&out)
    );
    assert!(!f.path("public").exists());
}

#[test]
fn check_scans_the_built_in_templates_too() {
    let f = without_themes();
    f.edit("locales/en/site.ftl", "contents = Contents\n", "");
    f.edit("locales/ru/site.ftl", "contents = Содержание\n", "");
    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert!(
        stdout(&out).contains(
            "<built-in>/templates/macros.html:35:28: error: message `contents` is missing from `en` and from its fallbacks (en, ru)"
        ),
        "{}",
        stdout(&out)
    );
    // An override is scanned instead of the built-in template it replaces.
    f.write(
        "themes/default/templates/base.html",
        "{{ t(key=\"contents\", lang=lang.tag) }}",
    );
    let out = f.run(&["check"]);
    assert!(
        stdout(&out).contains("themes/default/templates/base.html:1:4: error: message `contents`"),
        "{}",
        stdout(&out)
    );
    assert!(
        !stdout(&out).contains("<built-in>/templates/base.html"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_theme_that_transforms_or_repeats_a_sections_body_gets_what_it_asks_for() {
    // The built-in theme prints each body whole, and Tolmach keeps the
    // bodies out of Tera; a theme that does anything else with them gets
    // them through Tera, and the same bytes as if they had always been.
    let f = without_themes();
    f.write(
        "themes/default/templates/partials/sections.html",
        "{% for s in sections %}[[T]]{{ s.body | safe }}[[U]]{{ s.body | upper | safe }}[[F]]{% filter lower %}{{ s.body | safe }}{% endfilter %}[[E]]\n{% endfor %}",
    );
    f.write(
        "themes/default/templates/index.html",
        "{% for s in sections %}[[S]]{% filter lower %}{{ s.body | safe }}{% endfilter %}[[E]]{% endfor %}",
    );
    f.build();
    let index = f.read("public/en/index.html");
    let runs: Vec<&str> = index.split("[[S]]").skip(1).collect();
    assert_eq!(runs.len(), 2, "the preamble and the closing: {index}");
    for run in runs {
        let (body, _) = run.split_once("[[E]]").expect("the end");
        assert!(body.contains("<p"), "{body}");
        assert_eq!(body, body.to_lowercase(), "the filter block applies");
    }
    for page in ["public/en/full/index.html", "public/en/statement.en.html"] {
        let html = f.read(page);
        assert!(!html.contains('\u{1}'), "{page}: a marker was left");
        let runs: Vec<&str> = html.split("[[T]]").skip(1).collect();
        assert!(runs.len() >= 3, "{page}: preamble, spheres, closing");
        for run in runs {
            let (whole, rest) = run.split_once("[[U]]").expect("the upper copy");
            let (upper, rest) = rest.split_once("[[F]]").expect("the filtered copy");
            let (lower, _) = rest.split_once("[[E]]").expect("the end");
            assert!(whole.contains("<p"), "{page}: {whole}");
            assert_eq!(upper, whole.to_uppercase(), "{page}");
            assert_eq!(lower, whole.to_lowercase(), "{page}");
        }
    }
    // The pages that print their bodies whole are as the built-in theme makes them.
    let built = site(&f);
    let reference = reference();
    let of = |s: &[(String, Vec<u8>)], path: &str| s.iter().find(|(p, _)| p == path).cloned();
    assert_eq!(
        of(&built, "en/trade/index.html"),
        of(&reference, "en/trade/index.html")
    );
}

#[test]
fn a_body_printed_whole_by_a_macro_whose_output_is_filtered_is_filtered() {
    // The templates' text shows a whole print; only the page shows that the
    // caller lower-cases the macro's output.
    let f = without_themes();
    f.write(
        "themes/default/templates/partials/show.html",
        "{% macro whole(s) %}{{ s.body | safe }}{% endmacro whole %}",
    );
    f.write(
        "themes/default/templates/sphere.html",
        "{% import \"show.html\" as show %}{% for s in sections %}[[M]]{{ show::whole(s=s) | lower | safe }}[[E]]{% endfor %}",
    );
    f.build();
    let sphere = f.read("public/en/trade/index.html");
    let (_, run) = sphere.split_once("[[M]]").expect("the sphere's section");
    let (body, _) = run.split_once("[[E]]").expect("the end");
    assert!(body.contains("<p"), "{body}");
    assert!(
        body != body.to_uppercase() && !body.contains('\u{1}'),
        "{body}"
    );
    assert_eq!(
        body,
        body.to_lowercase(),
        "the macro's output is lower-cased"
    );
}

#[test]
fn a_parallel_page_that_places_its_rows_one_by_one_is_the_same_page() {
    // The built-in `parallel.html` prints each part's rows as markup
    // Tolmach writes; a theme may still loop over `rows` and write each
    // row itself. This loop is the markup the built-in theme had before
    // the rows were written outside Tera: the two must give the same bytes.
    let built_in = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates/parallel.html"),
    )
    .unwrap();
    let placed = "{% for s in sections %}{{ s.body | safe }}{% endfor %}";
    assert!(built_in.contains(placed), "{built_in}");
    let one_by_one = concat!(
        "{% for r in rows %}<div class=\"row {{ r.kind }} {{ r.part }}{% if r.first %} first{% endif %}\" role=\"row\">\n",
        "<div class=\"col\" role=\"cell\" lang=\"{{ lang.tag }}\" dir=\"{{ lang.dir }}\"><span class=\"lang-mark\"><span aria-hidden=\"true\">{{ lang.tag | upper }}</span><span class=\"vh\">{{ lang.name }}</span></span>{{ r.left | safe }}</div>\n",
        "<div class=\"col second\" role=\"cell\" lang=\"{{ other.tag }}\" dir=\"{{ other.dir }}\"><span class=\"lang-mark\"><span aria-hidden=\"true\">{{ other.tag | upper }}</span><span class=\"vh\">{{ other.name }}</span></span>{{ r.right | safe }}</div>\n",
        "</div>\n{% endfor %}"
    );
    let f = without_themes();
    f.write(
        "themes/default/templates/parallel.html",
        built_in.replace(placed, one_by_one),
    );
    f.build();
    let built = site(&f);
    let reference = reference();
    assert_eq!(built.len(), reference.len());
    let mut parallel = 0;
    for ((path, bytes), (expected_path, expected)) in built.iter().zip(&reference) {
        assert_eq!(path, expected_path);
        assert!(
            bytes == expected,
            "{path} differs from the built-in theme's"
        );
        if path.contains("/parallel/") {
            let html = String::from_utf8_lossy(bytes);
            assert!(html.contains("role=\"row\""), "{path}");
            parallel += 1;
        }
    }
    assert_eq!(parallel, 6, "the full text and two spheres, each way");
}
