//! Review and publication (issue 13): review states signed off from the
//! command line travel through every exchange format and back, the status
//! report lists them, a language is published only when the settings say
//! so, and the memory and termbase exports read in translate-toolkit.

mod common;

use std::path::Path;
use std::process::Output;

use common::{Fixture, stderr, stdout};
use serde_json::Value;
use tolmach::Translation;

const KK: &str = "locales/kk/statement.yaml";
const SIGNED: [&str; 3] = ["trade-1", "trade-2", "trade-3"];

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

/// Each unit's (id, review) as the file records it.
fn reviews(f: &Fixture, rel: &str) -> Vec<(String, Option<String>)> {
    let bytes = std::fs::read(f.path(rel)).unwrap();
    let (text, _) = tolmach::decode(bytes, Path::new(rel), true).unwrap();
    Translation::parse(&text, Path::new(rel))
        .unwrap()
        .entries
        .into_iter()
        .map(|e| (e.id, e.review))
        .collect()
}

/// The review of each unit of `lang` in `status --json`.
fn status_reviews(f: &Fixture, lang: &str) -> Vec<(String, String)> {
    let out = f.run(&["status", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let language = report["languages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["lang"] == lang)
        .unwrap()
        .clone();
    language["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            (
                u["id"].as_str().unwrap().to_string(),
                u["review"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn reviewed_ids(f: &Fixture, lang: &str) -> Vec<String> {
    status_reviews(f, lang)
        .into_iter()
        .filter(|(_, r)| r != "translated")
        .map(|(id, _)| id)
        .collect()
}

#[test]
fn three_reviewed_units_survive_every_format_a_reimport_and_a_rebuild() {
    let f = Fixture::real();
    let mut args = vec!["review", "kk"];
    args.extend(SIGNED);
    let out = f.run(&args);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out)
            .starts_with("locales/kk/statement.yaml: reviewed 3, already reviewed 0, refused 0\n")
    );
    let signed = reviews(&f, KK);
    for (id, review) in &signed {
        let expected = SIGNED
            .contains(&id.as_str())
            .then(|| "reviewed".to_string());
        assert_eq!(review, &expected, "{id}");
    }
    assert_eq!(reviewed_ids(&f, "kk"), SIGNED);
    let yaml = f.read(KK);
    for (format, marks) in [
        ("xliff", "<segment state=\"reviewed\">"),
        ("xliff12", "<target state=\"signed-off\">"),
        ("po", "#, reviewed\n"),
    ] {
        let name = format!("kk.{format}");
        let out = f.run(&["export", "kk", "--format", format, "--out", &name]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
        let text = f.read(&name);
        assert_eq!(text.matches(marks).count(), 3, "{format}:\n{text}");
        let out = f.run(&["import", &name]);
        assert_eq!(code(&out), 0, "{format}: {}", stdout(&out));
        assert_eq!(f.read(KK), yaml, "{format}: the re-import changed the file");
    }
    f.build();
    assert_eq!(reviewed_ids(&f, "kk"), SIGNED);
}

#[test]
fn a_tool_that_marks_a_unit_reviewed_or_approved_is_heard() {
    let f = Fixture::real();
    let out = f.run(&["export", "kk", "--format", "xliff", "--out", "kk.xlf"]);
    assert_eq!(code(&out), 0);
    let xlf = f.read("kk.xlf");
    // The reviewer signs off trade-1 in the tool and approves trade-2.
    let mark = |text: &str, id: &str, state: &str| {
        let unit = text.find(&format!("<unit id=\"{id}\">")).unwrap();
        let at = unit + text[unit..].find("<segment state=\"translated\">").unwrap();
        format!(
            "{}<segment state=\"{state}\">{}",
            &text[..at],
            &text[at + "<segment state=\"translated\">".len()..]
        )
    };
    let xlf = mark(&mark(&xlf, "trade-1", "reviewed"), "trade-2", "final");
    f.write("kk.xlf", xlf);
    let out = f.run(&["import", "kk.xlf"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let r = reviews(&f, KK);
    let of = |id: &str| r.iter().find(|(i, _)| i == id).unwrap().1.clone();
    assert_eq!(of("trade-1").as_deref(), Some("reviewed"));
    assert_eq!(of("trade-2").as_deref(), Some("approved"));
    assert_eq!(of("trade-3"), None);
    // XLIFF 1.2: approved only where state and approved agree.
    let out = f.run(&["export", "kk", "--format", "xliff12", "--out", "kk12.xlf"]);
    assert_eq!(code(&out), 0);
    let x12 = f.read("kk12.xlf");
    assert!(x12.contains("approved=\"yes\""));
    assert_eq!(
        x12.matches("approved=\"yes\"").count(),
        1,
        "only the approved unit"
    );
    assert_eq!(x12.matches("<target state=\"final\">").count(), 1);
}

#[test]
fn a_text_edited_after_its_review_is_unreviewed_again() {
    let f = Fixture::real();
    assert_eq!(code(&f.run(&["review", "kk", "trade-1", "--approve"])), 0);
    assert_eq!(reviewed_ids(&f, "kk"), ["trade-1"]);
    let yaml = f.read(KK);
    let start = yaml.find("\ntrade-1:\n").unwrap();
    let text_at = start + yaml[start..].find("  text: \"").unwrap() + "  text: \"".len();
    let edited = format!("{}Өзгертілген: {}", &yaml[..text_at], &yaml[text_at..]);
    f.write(KK, edited);
    assert!(reviewed_ids(&f, "kk").is_empty());
    let out = f.run(&["check"]);
    assert!(
        stdout(&out).contains("`trade-1` was approved, but the text was edited after the review"),
        "{}",
        stdout(&out)
    );
    // Stale and missing units cannot be signed off; the command says why and fails.
    f.edit(
        "sources/statement.md",
        "достижение стратегических целей",
        "достижение важнейших целей",
    );
    let out = f.run(&["review", "kk", "trade-1", "trade-2", "no-such-unit"]);
    assert_eq!(code(&out), 1);
    let said = stdout(&out);
    assert!(said.contains("refused trade-1: is stale"), "{said}");
    assert!(
        said.contains("refused no-such-unit: is not a unit of the source"),
        "{said}"
    );
}

#[test]
fn check_gates_one_language_on_its_review_level() {
    let f = Fixture::real();
    let out = f.run(&["check", "--strict", "--lang", "kk"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let out = f.run(&["check", "--strict", "--lang", "kk", "--require", "reviewed"]);
    assert_eq!(code(&out), 1);
    assert!(
        stdout(&out).contains("56 unit(s) not reviewed yet"),
        "{}",
        stdout(&out)
    );
    assert_eq!(code(&f.run(&["review", "kk", "--all"])), 0);
    let out = f.run(&["check", "--strict", "--lang", "kk", "--require", "reviewed"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let out = f.run(&["check", "--strict", "--lang", "kk", "--require", "approved"]);
    assert_eq!(code(&out), 1);
    // Another language's problems are not this language's.
    let note = f.read("locales/en/REVIEW.md");
    f.write("locales/en/REVIEW.md", format!("{note}\n`trade-9`\n"));
    assert!(stdout(&f.run(&["check"])).contains("locales/en/REVIEW.md"));
    let out = f.run(&["check", "--strict", "--lang", "kk"]);
    assert!(!stdout(&out).contains("locales/en/"), "{}", stdout(&out));
}

#[test]
fn a_reviewers_note_that_names_a_deleted_unit_is_reported() {
    let f = Fixture::real();
    let note = f.read("locales/kk/REVIEW.md");
    f.write(
        "locales/kk/REVIEW.md",
        format!("{note}\n- `trade-9`: the old fourth trade paragraph.\n"),
    );
    let out = f.run(&["check"]);
    assert!(
        stdout(&out).contains("locales/kk/REVIEW.md:")
            && stdout(&out).contains("mentions `trade-9`, which is not a unit of the source"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_new_language_is_published_only_when_listed_and_ready() {
    let f = Fixture::real();
    assert_eq!(code(&f.run(&["sync", "fa"])), 0);
    let out = f.build();
    assert!(
        stderr(&out).contains("note: `fa` is not published: it is not listed in `languages`"),
        "{}",
        stderr(&out)
    );
    assert!(!f.path("public/fa").exists());
    // Listed, but below the threshold.
    let settings = f.read("tolmach.yaml").replace(
        "languages: [ru, en, kk, ky, tg, tk, uz]",
        "languages: [ru, en, kk, ky, tg, tk, uz, fa]\npublish: {min_translated: 100}",
    );
    f.write("tolmach.yaml", settings);
    let out = f.run(&["build"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains("`fa` is not published: 0% is translated; publish.min_translated is 100%"),
        "{}",
        stderr(&out)
    );
    assert!(!f.path("public/fa").exists());
    // A draft build shows it, with its interface falling back honestly.
    let out = f.run(&["build", "--drafts"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(f.path("public/fa/index.html").exists());
    // `check` says what is missing before it can be published.
    let out = f.run(&["check"]);
    assert_eq!(code(&out), 1);
    assert!(stdout(&out).contains("locales/fa/site.ftl: error: missing message `language-name`"));
}

fn python_with(module: &str) -> bool {
    std::process::Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn the_memory_and_the_termbase_read_in_translate_toolkit() {
    if !python_with("translate.storage.tmx") {
        println!("skipped: needs python3 with translate-toolkit (PyPI)");
        return;
    }
    let f = Fixture::real();
    for (format, name) in [("tmx", "all.tmx"), ("tbx", "all.tbx")] {
        let out = f.run(&["export", "--format", format, "--out", name]);
        assert_eq!(code(&out), 0, "{}", stderr(&out));
    }
    let script = r#"
import re, sys
from collections import Counter
from translate.storage import tmx, tbx
memory = tmx.tmxfile.parsefile("all.tmx")
langs = Counter(u.getid().split(":")[0] for u in memory.units)
for unit in memory.units:
    assert unit.source and unit.target, unit.getid()
terms = tbx.tbxfile.parsefile("all.tbx")
print(" ".join(f"{k}={v}" for k, v in sorted(langs.items())), len(terms.units))
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .current_dir(f.root())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    let (per_lang, terms) = said.trim().rsplit_once(' ').unwrap();
    assert_eq!(per_lang, "en=56 kk=56 ky=56 tg=56 tk=56 uz=56");
    let glossary_terms: usize = ["en", "kk", "ky", "tg", "tk", "uz"]
        .iter()
        .map(|l| {
            f.read(&format!("locales/{l}/glossary.yaml"))
                .lines()
                .filter(|line| line.starts_with("- term:"))
                .count()
        })
        .sum();
    assert_eq!(terms.parse::<usize>().unwrap(), glossary_terms);
    // tmx2po, translate-toolkit's converter, reads it too.
    let out = std::process::Command::new("tmx2po")
        .args(["all.tmx", "tmx-po"])
        .current_dir(f.root())
        .output();
    if let Ok(out) = out {
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
