//! The translator workflow end to end: `status`, `check` and `sync` on
//! copies of the real edition and of the small fixture.

mod common;

use common::{Fixture, attrs, select, stderr, stdout};
use serde_json::Value;

const LANGS: [&str; 6] = ["en", "kk", "ky", "tg", "tk", "uz"];

/// `status --json`, parsed.
fn status(fixture: &Fixture) -> Value {
    let out = fixture.run(&["status", "--json"]);
    assert!(out.status.success(), "status failed: {}", stderr(&out));
    serde_json::from_str(&stdout(&out)).expect("status --json prints JSON")
}

/// The overall counts of `lang`: (total, translated, stale, missing, orphan).
fn counts(report: &Value, lang: &str) -> (u64, u64, u64, u64, u64) {
    let l = report["languages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["lang"] == lang)
        .unwrap_or_else(|| panic!("no {lang} in {report}"));
    let n = |k: &str| l[k].as_u64().unwrap();
    (
        n("total"),
        n("translated"),
        n("stale"),
        n("missing"),
        n("orphan"),
    )
}

/// `check` (with `extra` flags): exit code and standard output.
fn check(fixture: &Fixture, extra: &[&str]) -> (i32, String) {
    let mut args = vec!["check"];
    args.extend_from_slice(extra);
    let out = fixture.run(&args);
    (out.status.code().unwrap(), stdout(&out))
}

const TRADE_2: &str = "{#trade-2}\nВ 2019 г. объем нашей торговли суммарно превысил 30 млрд долларов США. В структуре товарооборота возрастает доля промтоваров, сельхозпродукции, продуктов химии, нефтехимии, фармацевтики, металлургии, автомобиле- и машиностроения. Большая часть общего товарооборота приходится на прямые связи наших регионов и областей.\n\n";

#[test]
fn the_real_edition_is_complete_and_clean() {
    let f = Fixture::real();
    let report = status(&f);
    assert_eq!(report["schema"], 1);
    for lang in LANGS {
        assert_eq!(counts(&report, lang), (56, 56, 0, 0, 0), "{lang}");
    }
    assert_eq!(
        check(&f, &["--strict"]),
        (0, "check: 0 errors, 0 warnings\n".into())
    );
}

#[test]
fn editing_one_word_makes_exactly_one_unit_stale_everywhere() {
    let f = Fixture::real();
    f.edit(
        "sources/statement.md",
        "Свои усилия мы сосредоточим",
        "Свои усилия мы сконцентрируем",
    );
    let report = status(&f);
    for lang in LANGS {
        assert_eq!(counts(&report, lang), (56, 55, 1, 0, 0), "{lang}");
        let opening = &report["languages"]
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["lang"] == lang)
            .unwrap()["parts"][0];
        assert_eq!(opening["part"], "opening");
        assert_eq!(opening["stale"], 1);
    }
    let (code, out) = check(&f, &["--strict"]);
    assert_eq!(code, 1, "{out}");
    for lang in LANGS {
        assert!(
            out.contains(&format!("locales/{lang}/statement.yaml:"))
                && out.contains("`preamble-5` is stale"),
            "{out}"
        );
    }
    assert_eq!(
        out.matches("`preamble-5` is stale: the original changed since it was translated")
            .count(),
        6
    );
    assert_eq!(
        out.matches("    original: Свои усилия мы [-сосредоточим-]{+сконцентрируем+} на следующих стратегически значимых направлениях.").count(),
        6,
        "{out}"
    );
    assert!(out.ends_with("check: 0 errors, 6 warnings\n"), "{out}");
    // Without --strict, stale units are warnings only.
    assert_eq!(check(&f, &[]).0, 0);
}

#[test]
fn inserting_a_paragraph_makes_exactly_one_unit_missing() {
    let f = Fixture::real();
    f.edit(
        "sources/statement.md",
        "{#trade-2}\n",
        "{#trade-new}\nНовый абзац о торговле.\n\n{#trade-2}\n",
    );
    let report = status(&f);
    for lang in LANGS {
        assert_eq!(counts(&report, lang), (57, 56, 0, 1, 0), "{lang}");
    }
    let (code, out) = check(&f, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("locales/en/statement.yaml: warning: 1 unit(s) not translated (no entry): trade-new; run `tolmach sync en` to add them"), "{out}");
    assert_eq!(check(&f, &["--strict"]).0, 1);
}

#[test]
fn deleting_a_paragraph_makes_exactly_one_orphan() {
    let f = Fixture::real();
    f.edit("sources/statement.md", TRADE_2, "");
    let report = status(&f);
    for lang in LANGS {
        assert_eq!(counts(&report, lang), (55, 55, 0, 0, 1), "{lang}");
    }
    let (code, out) = check(&f, &[]);
    assert_eq!(code, 1, "{out}");
    assert_eq!(
        out.matches("error: unit `trade-2` is not in the source")
            .count(),
        6,
        "{out}"
    );
    // The reviewers' notes that name the deleted unit are pointed out too.
    assert!(
        out.contains("REVIEW.md:") && out.contains("mentions `trade-2`, which is not a unit"),
        "{out}"
    );
    assert!(
        out.lines().last().unwrap().starts_with("check: 6 errors, "),
        "{out}"
    );
}

#[test]
fn moving_a_paragraph_keeps_its_translation() {
    let f = Fixture::real();
    f.edit("sources/statement.md", TRADE_2, "");
    f.edit(
        "sources/statement.md",
        "{#trade-1}\n",
        &format!("{TRADE_2}{{#trade-1}}\n"),
    );
    assert!(
        f.read("sources/statement.md").find("{#trade-2}")
            < f.read("sources/statement.md").find("{#trade-1}")
    );
    let report = status(&f);
    for lang in LANGS {
        assert_eq!(counts(&report, lang), (56, 56, 0, 0, 0), "{lang}");
    }
    assert_eq!(check(&f, &["--strict"]).0, 0);
}

#[test]
fn status_counts_each_part_of_the_small_fixture() {
    let f = Fixture::new("small");
    let report = status(&f);
    assert_eq!(counts(&report, "en"), (8, 6, 1, 1, 0));
    let en = &report["languages"][0];
    assert_eq!(en["percent"], 75);
    let parts: Vec<(String, u64, u64, u64, u64)> = en["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let n = |k: &str| p[k].as_u64().unwrap();
            (
                p["part"].as_str().unwrap().to_string(),
                n("total"),
                n("translated"),
                n("stale"),
                n("missing"),
            )
        })
        .collect();
    assert_eq!(
        parts,
        [
            ("opening".to_string(), 3, 3, 0, 0),
            ("trade".to_string(), 3, 2, 1, 0),
            ("humanitarian".to_string(), 2, 1, 0, 1)
        ]
    );
    assert_eq!(en["missing_messages"], serde_json::json!([]));
    let table = stdout(&f.run(&["status"]));
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0],
        "lang  part          total  translated  stale  missing  orphan  percent"
    );
    assert_eq!(
        lines[1],
        "en    all               8           6      1        1       0      75%"
    );
}

#[test]
fn status_lists_interface_messages_missing_from_a_language() {
    let f = Fixture::new("small");
    f.edit("locales/en/site.ftl", "contents = Contents\n", "");
    let report = status(&f);
    assert_eq!(
        report["languages"][0]["missing_messages"],
        serde_json::json!(["contents"])
    );
    let (code, out) = check(&f, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("locales/en/site.ftl: warning: message `contents` (used by themes/default/templates/macros.html) is missing; pages in `en` show the `ru` text instead"), "{out}");
    f.edit("locales/ru/site.ftl", "contents = Содержание\n", "");
    let (code, out) = check(&f, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("themes/default/templates/macros.html:"),
        "{out}"
    );
    assert!(
        out.contains(
            ": error: message `contents` is missing from `en` and from its fallbacks (en, ru)"
        ),
        "{out}"
    );
}

#[test]
fn check_on_the_small_fixture_shows_the_diff_and_qa_findings() {
    let f = Fixture::new("small");
    let (code, out) = check(&f, &[]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out,
        "locales/en/statement.yaml: warning: 1 unit(s) not translated (no entry): humanitarian-1; run `tolmach sync en` to add them\n\
         locales/en/statement.yaml:18:1: warning: `trade-2` is stale: the original changed since it was translated\n    \
         original: Ввиду пандемии {+COVID-19+} подтверждаем необходимость мер.\n    \
         update `text`, then delete `previous_source` (run `tolmach sync en` first if `source` is not the current original)\n\
         locales/en/statement.yaml:18:1: warning: numbers in `trade-2` differ from the original: the original has 19, the translation none\n\
         check: 0 errors, 3 warnings\n"
    );
    assert_eq!(check(&f, &["--strict"]).0, 1);
}

#[test]
fn check_runs_the_qa_and_glossary_checks() {
    let f = Fixture::new("small");
    f.edit(
        "locales/en/statement.yaml",
        "text: \"We, the Ministers, declare our cooperation.\"",
        "text: \"Мы, министры, заявляем о сотрудничестве.\"",
    );
    f.edit(
        "locales/en/statement.yaml",
        "text: \"In the Sphere of Trade\"",
        "text: \"\"",
    );
    f.write(
        "locales/en/glossary.yaml",
        "- term: торговля\n  ru: [\"торговли\", \"Торговля\"]\n  target: \"commerce\"\n",
    );
    f.edit(
        "locales/en/site.ftl",
        "{ $percent }% translated",
        "{ $share }% translated",
    );
    let (code, out) = check(&f, &[]);
    assert_eq!(code, 0, "{out}");
    for expected in [
        "locales/en/statement.yaml:6:1: warning: the translation of `preamble-1` is identical to the original",
        "locales/en/statement.yaml:10:1: warning: empty translation of `trade`; the page shows the original",
        "locales/en/statement.yaml:14:1: warning: glossary: the original of `trade-1` has «торговли» (term «торговля») but the translation lacks «commerce»",
        "locales/en/site.ftl:33:1: warning: message `translation-progress` uses variables $share but the original uses $percent",
    ] {
        assert!(
            out.lines().any(|l| l == expected),
            "missing {expected:?} in\n{out}"
        );
    }
}

#[test]
fn check_reports_broken_yaml_with_its_position() {
    let f = Fixture::new("small");
    f.edit("locales/en/statement.yaml", "trade:\n", "title:\n");
    let (code, out) = check(&f, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with("locales/en/statement.yaml:10:1: error: "),
        "{out}"
    );
    assert!(out.contains("duplicate"), "{out}");
    assert!(out.ends_with("check: 1 error, 0 warnings\n"), "{out}");
}

#[test]
fn sync_creates_a_skeleton_that_builds_only_as_a_draft() {
    let f = Fixture::new("small");
    let out = f.run(&["sync", "xx"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "xx: created locales/xx/statement.yaml (8 units to translate), locales/xx/site.ftl and locales/xx/REVIEW.md\n"
    );
    let yaml = f.read("locales/xx/statement.yaml");
    assert!(yaml.contains("\n\ntrade-1:\n  source: \"В 2019 г. объем торговли превысил 30 млрд долларов США.\"\n  text: \"\"\n\ntrade-2:\n"), "{yaml}");
    // The interface starts honest: every message commented out, the
    // language's name and direction left for the translator.
    let ftl = f.read("locales/xx/site.ftl");
    assert!(ftl.starts_with("### Interface strings of `xx`"), "{ftl}");
    assert!(ftl.contains("\n# language-name = "), "{ftl}");
    assert!(
        !ftl.lines().any(|l| l.starts_with("language-name")),
        "{ftl}"
    );
    assert!(
        f.read("locales/xx/REVIEW.md")
            .contains("\n## Принципы перевода (на русском языке)\n")
    );
    // Not listed in `languages`: built, but not published, and said so.
    let built = f.build();
    assert!(
        stderr(&built).contains("note: `xx` is not published: it is not listed in `languages`"),
        "{}",
        stderr(&built)
    );
    assert!(!f.path("public/xx").exists());
    // `check` says what is missing before the language can be published.
    let (code, out) = check(&f, &[]);
    assert_eq!(code, 1);
    assert!(
        out.contains("locales/xx/site.ftl: error: missing message `language-name`"),
        "{out}"
    );
    assert!(
        out.contains("locales/xx/site.ftl: error: missing message `language-direction`"),
        "{out}"
    );
    // A draft build shows it.
    let out = f.run(&["build", "--drafts"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(counts(&status(&f), "xx"), (8, 0, 0, 8, 0));
    let page = f.page("xx/full/index.html");
    assert_eq!(select(&page, ".para.state-missing").len(), 5);
    // Nothing to do on the second run.
    let again = f.run(&["sync", "xx"]);
    assert_eq!(stdout(&again), "xx: nothing to do\n");
    assert_eq!(f.read("locales/xx/statement.yaml"), yaml);
}

#[test]
fn sync_refuses_bad_tags_and_the_original() {
    let f = Fixture::new("small");
    let out = f.run(&["sync", "EN"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: `EN` is not in canonical form; name the folder `en`\n"
    );
    let out = f.run(&["sync", "ru"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!f.path("locales/EN").exists());
}

#[test]
fn sync_after_an_edit_keeps_comments_and_is_idempotent() {
    let f = Fixture::new("small");
    f.edit(
        "locales/en/statement.yaml",
        "trade-1:\n",
        "# Translator: checked against the 2019 press release.\ntrade-1:\n",
    );
    f.edit(
        "sources/statement.md",
        "превысил 30 млрд",
        "превысил 35 млрд",
    );
    let out = f.run(&["sync"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "en: added 1 (humanitarian-1); marked stale 2 (trade-1, trade-2)\n"
    );
    let yaml = f.read("locales/en/statement.yaml");
    assert!(
        yaml.starts_with(
            "# English test translation: trade-2 is stale, humanitarian-1 is missing.\n"
        )
    );
    assert!(yaml.contains(
        "# Translator: checked against the 2019 press release.\ntrade-1:\n  source: \"В 2019 г. объем торговли превысил 35 млрд долларов США.\"\n  text: \"In 2019, trade exceeded 30 billion US dollars.\"\n  previous_source: \"В 2019 г. объем торговли превысил 30 млрд долларов США.\"\n\ntrade-2:"
    ), "{yaml}");
    assert!(yaml.contains("\n\nhumanitarian-1:\n  source: \"Выступаем за углубление сотрудничества в области образования.\"\n  text: \"\"\n\nclosing-1:"), "{yaml}");
    assert_eq!(counts(&status(&f), "en"), (8, 5, 2, 1, 0));
    let (code, out) = check(&f, &[]);
    assert_eq!(code, 0);
    assert!(
        out.contains(
            "    original: В 2019 г. объем торговли превысил [-30-]{+35+} млрд долларов США."
        ),
        "{out}"
    );
    let again = f.run(&["sync"]);
    assert_eq!(stdout(&again), "en: nothing to do\n");
    assert_eq!(f.read("locales/en/statement.yaml"), yaml);
}

#[test]
fn sync_moves_orphans_to_their_own_file() {
    let f = Fixture::new("small");
    f.edit(
        "sources/statement.md",
        "{#closing-1}\nМинистры будут сверять оценки прогресса.\n",
        "",
    );
    f.edit("sources/statement.md", "\n* * *\n", "\n");
    assert_eq!(f.run(&["build"]).status.code(), Some(1));
    let out = f.run(&["sync", "en"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("moved to orphans.yaml 1 (closing-1)"),
        "{}",
        stdout(&out)
    );
    let orphans = f.read("locales/en/orphans.yaml");
    assert!(orphans.contains("closing-1:\n  source: \"Министры будут сверять оценки прогресса.\"\n  text: \"The Ministers will compare assessments of progress.\"\n"), "{orphans}");
    assert!(!f.read("locales/en/statement.yaml").contains("closing-1"));
    f.build();
    assert_eq!(counts(&status(&f), "en").4, 1);
    let (code, out) = check(&f, &["--strict"]);
    assert_eq!(code, 1);
    assert!(
        out.contains("locales/en/orphans.yaml:5:1: warning: orphan `closing-1` is parked here"),
        "{out}"
    );
    let before = f.read("locales/en/statement.yaml");
    f.run(&["sync", "en"]);
    assert_eq!(f.read("locales/en/statement.yaml"), before);
    assert_eq!(f.read("locales/en/orphans.yaml"), orphans);
}

#[test]
fn built_pages_mark_stale_and_missing_paragraphs() {
    let f = Fixture::new("small");
    f.build();
    let page = f.page("en/full/index.html");
    let classes = attrs(&page, "div.para", "class");
    assert_eq!(
        classes,
        [
            "para state-translated",
            "para state-translated",
            "para state-stale",
            "para state-missing",
            "para state-translated"
        ]
    );
    assert_eq!(select(&page, "#trade-2 p.notice[role=note]").len(), 1);
    assert_eq!(
        attrs(&page, "#trade-2 > p:not(.notice)", "lang"),
        Vec::<String>::new()
    );
    assert_eq!(
        select(&page, "#humanitarian-1 p.notice[role=note]").len(),
        1
    );
    assert_eq!(
        attrs(&page, "#humanitarian-1 > p:not(.notice)", "lang"),
        ["ru"]
    );
    assert_eq!(select(&page, "#trade-1 p.notice").len(), 0);
}
