//! A translator's work is never lost: each case that used to lose or
//! revert work silently (issue 12), on the files translation teams really
//! produce. Every test reads the translation file back by parsing it and
//! checks every unit's text, and the exit code.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

use common::{Fixture, stderr, stdout};
use tolmach::Translation;

const EN: &str = "locales/en/statement.yaml";

/// Every unit of a translation file: id → (source, text, previous_source, note).
type Units = BTreeMap<String, (Option<String>, String, Option<String>, Option<String>)>;

fn units(f: &Fixture, rel: &str) -> Units {
    let bytes = std::fs::read(f.path(rel)).unwrap();
    let (text, _) = tolmach::decode(bytes, Path::new(rel), true).unwrap();
    Translation::parse(&text, Path::new(rel))
        .unwrap()
        .entries
        .into_iter()
        .map(|e| (e.id, (e.source, e.text, e.previous_source, e.note)))
        .collect()
}

fn text_of(units: &Units, id: &str) -> String {
    units[id].1.clone()
}

/// `before` with the text of `id` replaced.
fn with_text(before: &Units, id: &str, text: &str) -> Units {
    let mut out = before.clone();
    out.get_mut(id).unwrap().1 = text.to_string();
    out
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

/// Replace the target of `id` in an exported PO file.
fn po_target(po: &str, old: &str, new: &str) -> String {
    let from = format!("msgstr \"{old}\"");
    assert!(po.contains(&from), "{po}");
    po.replacen(&from, &format!("msgstr \"{new}\""), 1)
}

/// The English of trade-1 in the small fixture, and a translator's fix of it.
const EXCEEDED: &str = "In 2019, trade exceeded 30 billion US dollars.";
const SURPASSED: &str = "In 2019, trade surpassed 30 billion US dollars.";

/// `po` with the translator's fix of trade-1.
fn trade_1_fixed(po: &str) -> String {
    po_target(po, EXCEEDED, SURPASSED)
}

/// `before` with the translator's fix of trade-1.
fn with_trade_1_fixed(before: &Units) -> Units {
    with_text(before, "trade-1", SURPASSED)
}

/// Export en as PO into `en.po` and return it.
fn export_po(f: &Fixture) -> String {
    let out = f.run(&["export", "en", "--format", "po", "--out", "en.po"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    f.read("en.po")
}

#[test]
fn an_edit_made_after_the_export_is_kept() {
    let f = Fixture::new("small");
    let po = export_po(&f);
    // The translator fixes trade-1 directly in the YAML after the export...
    f.edit(EN, "trade exceeded 30 billion", "trade topped 30 billion");
    let edited = units(&f, EN);
    // ...and the agency's file, which did not touch trade-1, changes preamble-1.
    f.write(
        "en.po",
        po_target(
            &po,
            "We, the Ministers, declare our cooperation.",
            "We, the Ministers, declare our close cooperation.",
        ),
    );
    let out = f.run(&["import", "en.po"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("  changed preamble-1\n"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("  kept trade-1: edited in the translation file after the export"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        units(&f, EN),
        with_text(
            &edited,
            "preamble-1",
            "We, the Ministers, declare our close cooperation."
        )
    );
}

#[test]
fn a_unit_changed_in_both_places_is_a_conflict_resolved_only_on_request() {
    let f = Fixture::new("small");
    let po = export_po(&f);
    f.edit(EN, "trade exceeded 30 billion", "trade topped 30 billion");
    let edited = units(&f, EN);
    f.write("en.po", trade_1_fixed(&po));
    let out = f.run(&["import", "en.po"]);
    assert_eq!(code(&out), 1);
    let said = stdout(&out);
    assert!(said.contains("conflicts 1"), "{said}");
    assert!(said.contains("    file:     In 2019, trade topped 30 billion US dollars.\n    imported: In 2019, trade surpassed 30 billion US dollars.\n"), "{said}");
    assert_eq!(units(&f, EN), edited, "a conflict writes nothing");
    let out = f.run(&["import", "en.po", "--ours"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(units(&f, EN), edited);
    let out = f.run(&["import", "en.po", "--theirs"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(units(&f, EN), with_trade_1_fixed(&edited));
}

#[test]
fn a_comment_on_a_key_line_does_not_misdirect_edits() {
    let f = Fixture::new("small");
    f.edit(
        EN,
        "trade-1:\n",
        "trade-1:  # reviewer note: check the figure\n",
    );
    let before = units(&f, EN);
    let po = export_po(&f);
    f.write("en.po", trade_1_fixed(&po));
    let out = f.run(&["import", "en.po"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(units(&f, EN), with_trade_1_fixed(&before));
    assert!(
        f.read(EN)
            .contains("trade-1:  # reviewer note: check the figure\n")
    );
    // The Russian changes: sync marks trade-1 stale once, and a second run has nothing to do.
    f.edit(
        "sources/statement.md",
        "превысил 30 млрд",
        "превысил 35 млрд",
    );
    let out = f.run(&["sync", "en"]);
    assert_eq!(
        stdout(&out),
        "en: added 1 (humanitarian-1); marked stale 2 (trade-1, trade-2)\n"
    );
    let synced = units(&f, EN);
    assert_eq!(
        synced["trade-1"].2.as_deref(),
        Some("В 2019 г. объем торговли превысил 30 млрд долларов США.")
    );
    assert_eq!(stdout(&f.run(&["sync", "en"])), "en: nothing to do\n");
    assert_eq!(units(&f, EN), synced);
}

#[test]
fn deleting_a_paragraph_whose_key_line_has_a_comment_parks_it_and_the_build_passes() {
    let f = Fixture::new("small");
    f.edit(EN, "closing-1:\n", "closing-1:  # reviewer note\n");
    f.edit(
        "sources/statement.md",
        "{#closing-1}\nМинистры будут сверять оценки прогресса.\n",
        "",
    );
    f.edit("sources/statement.md", "\n* * *\n", "\n");
    assert_eq!(code(&f.run(&["build"])), 1);
    let out = f.run(&["sync", "en"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(!units(&f, EN).contains_key("closing-1"));
    let parked = units(&f, "locales/en/orphans.yaml");
    assert_eq!(
        text_of(&parked, "closing-1"),
        "The Ministers will compare assessments of progress."
    );
    assert!(
        f.read("locales/en/orphans.yaml")
            .contains("closing-1:  # reviewer note\n")
    );
    f.build();
    let out = f.run(&["check"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
}

#[test]
fn flow_style_units_are_imported_and_synced() {
    let f = Fixture::new("small");
    f.edit(
        EN,
        "trade-1:\n  source: \"В 2019 г. объем торговли превысил 30 млрд долларов США.\"\n  text: \"In 2019, trade exceeded 30 billion US dollars.\"\n",
        "trade-1: {source: \"В 2019 г. объем торговли превысил 30 млрд долларов США.\", text: \"In 2019, trade exceeded 30 billion US dollars.\"}\n",
    );
    let before = units(&f, EN);
    let po = export_po(&f);
    f.write("en.po", trade_1_fixed(&po));
    assert_eq!(code(&f.run(&["import", "en.po"])), 0);
    let imported = units(&f, EN);
    assert_eq!(imported, with_trade_1_fixed(&before));
    assert!(f.read(EN).contains("trade-1: {source: "), "{}", f.read(EN));
    f.edit(
        "sources/statement.md",
        "превысил 30 млрд",
        "превысил 35 млрд",
    );
    let out = f.run(&["sync", "en"]);
    assert!(
        stdout(&out).contains("marked stale 2 (trade-1, trade-2)"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        units(&f, EN)["trade-1"].2.as_deref(),
        Some("В 2019 г. объем торговли превысил 30 млрд долларов США.")
    );
}

/// A translation saved on Windows: CR LF and a byte-order mark.
fn windows(f: &Fixture) {
    let text = f.read(EN).replace('\n', "\r\n");
    f.write(EN, format!("\u{feff}{text}"));
}

#[test]
fn files_saved_on_windows_keep_their_line_ends_and_bom_through_import_and_sync() {
    let f = Fixture::new("small");
    windows(&f);
    f.build();
    let before = units(&f, EN);
    let po = export_po(&f);
    f.write("en.po", trade_1_fixed(&po));
    assert_eq!(code(&f.run(&["import", "en.po"])), 0);
    assert_eq!(units(&f, EN), with_trade_1_fixed(&before));
    let out = f.run(&["sync", "en"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let raw = std::fs::read(f.path(EN)).unwrap();
    assert!(raw.starts_with(b"\xEF\xBB\xBF"), "the BOM is kept");
    let text = String::from_utf8(raw).unwrap();
    assert_eq!(
        text.matches('\n').count(),
        text.matches("\r\n").count(),
        "every line ends in CR LF"
    );
    assert!(units(&f, EN).contains_key("humanitarian-1"));
}

#[test]
fn poedits_region_tag_imports_into_the_projects_language() {
    let f = Fixture::new("small");
    let po = export_po(&f).replace("\"Language: en\\n\"", "\"Language: en_GB\\n\"");
    f.write("en.po", trade_1_fixed(&po));
    let before = units(&f, EN);
    let out = f.run(&["import", "en.po"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with(
            "note: the file's language is `en_GB`; importing into the project's `en`\n"
        ),
        "{}",
        stdout(&out)
    );
    assert_eq!(units(&f, EN), with_trade_1_fixed(&before));
    assert!(!f.path("locales/en-GB").exists());
    // A language the project does not have is refused, and no folder appears.
    f.write(
        "xx.po",
        po.replace("\"Language: en_GB\\n\"", "\"Language: kk_KZ\\n\""),
    );
    let out = f.run(&["import", "xx.po"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out)
            .contains("the file is for `kk_KZ`, which is not a language of this project (en)"),
        "{}",
        stderr(&out)
    );
    assert!(!f.path("locales/kk").exists() && !f.path("locales/kk-KZ").exists());
}

#[test]
fn kazakh_text_labelled_kyrgyz_is_refused() {
    let f = Fixture::real();
    let out = f.run(&["export", "kk", "--format", "po", "--out", "kk.po"]);
    assert_eq!(code(&out), 0);
    let ky_before = units(&f, "locales/ky/statement.yaml");
    let relabelled = f
        .read("kk.po")
        .replace("\"Language: kk\\n\"", "\"Language: ky\\n\"");
    f.write("ky.po", relabelled);
    let out = f.run(&["import", "ky.po"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("the file is labelled `ky` but its texts are not in `ky`"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("look like `kk`"), "{}", stderr(&out));
    assert_eq!(units(&f, "locales/ky/statement.yaml"), ky_before);
}

#[test]
fn rejected_units_fail_the_command_and_are_listed() {
    let f = Fixture::new("small");
    let po = export_po(&f);
    // A fuzzy flag separated from its entry by a blank line: gettext reads it as fuzzy.
    let po = po.replace(
        "msgctxt \"preamble-1\"",
        "#, fuzzy\n\nmsgctxt \"preamble-1\"",
    );
    let po = po_target(
        &po,
        "We, the Ministers, declare our cooperation.",
        "We declare cooperation.",
    );
    let po = trade_1_fixed(&po);
    f.write("en.po", po);
    let before = units(&f, EN);
    let out = f.run(&["import", "en.po"]);
    assert_eq!(code(&out), 1, "one unit was rejected, so the command fails");
    let said = stdout(&out);
    assert!(said.contains("changed 1,"), "{said}");
    assert!(said.contains("rejected 1\n"), "{said}");
    assert!(
        said.contains("warning: preamble-1: state is `fuzzy`, not translated"),
        "{said}"
    );
    assert_eq!(
        units(&f, EN),
        with_trade_1_fixed(&before),
        "the accepted unit is written, the rejected one kept"
    );
}

#[test]
fn deeply_nested_xml_is_refused_without_a_crash() {
    let f = Fixture::new("small");
    let depth = 150_000;
    let mut xml = String::from(
        "<?xml version=\"1.0\"?>\n<xliff version=\"2.1\" srcLang=\"ru\" trgLang=\"en\">",
    );
    xml.push_str(&"<g>".repeat(depth));
    xml.push_str(&"</g>".repeat(depth));
    xml.push_str("</xliff>\n");
    f.write("deep.xlf", xml);
    let before = f.read(EN);
    let out = f.run(&["import", "deep.xlf"]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("deep.xlf:2:")
            && stderr(&out).contains("elements nested more than 64 deep"),
        "{}",
        stderr(&out)
    );
    assert_eq!(f.read(EN), before);
}

#[test]
fn control_characters_never_reach_the_terminal_or_the_file() {
    let f = Fixture::new("small");
    let po = export_po(&f);
    // An escape sequence that would retitle the window and clear the screen.
    let po = po_target(
        &po,
        "In 2019, trade exceeded 30 billion US dollars.",
        "In 2019 \\033]0;owned\\007\\033[2J trade",
    );
    let po = po.replace("msgctxt \"trade-2\"", "msgctxt \"trade-2\\033[2J\"");
    f.write("en.po", po);
    let before = units(&f, EN);
    let out = f.run(&["import", "en.po"]);
    assert_eq!(code(&out), 1);
    let said = stdout(&out);
    assert!(
        !said.contains('\u{1b}') && !stderr(&out).contains('\u{1b}'),
        "{said:?}"
    );
    assert!(
        said.contains("trade-1: the translation holds control character U+001B"),
        "{said}"
    );
    assert!(said.contains("trade-2\\u{1b}[2J"), "{said}");
    assert_eq!(units(&f, EN), before);
}

#[test]
fn a_regional_tag_does_not_start_a_second_edition() {
    let f = Fixture::new("small");
    let out = f.run(&["sync", "en-GB"]);
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out)
            .contains("`en-GB` would start a second edition in `English` beside locales/en/"),
        "{}",
        stderr(&out)
    );
    assert!(!f.path("locales/en-GB").exists());
}

#[cfg(unix)]
#[test]
fn a_planted_temporary_symlink_never_redirects_a_write() {
    let f = Fixture::new("small");
    let victim = f.path("victim.txt");
    f.write("victim.txt", "the maintainer's ~/.bashrc");
    std::os::unix::fs::symlink(&victim, f.path("locales/en/statement.yaml.tolmach-tmp")).unwrap();
    // sync rewrites the translation (it adds humanitarian-1).
    let out = f.run(&["sync", "en"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(units(&f, EN).contains_key("humanitarian-1"));
    // import rewrites it too.
    let po = export_po(&f);
    f.write("en.po", trade_1_fixed(&po));
    assert_eq!(code(&f.run(&["import", "en.po"])), 0);
    assert_eq!(text_of(&units(&f, EN), "trade-1"), SURPASSED);
    assert_eq!(f.read("victim.txt"), "the maintainer's ~/.bashrc");
    assert!(std::fs::symlink_metadata(f.path(EN)).unwrap().is_file());
}

#[test]
fn an_export_never_replaces_a_file_people_edit() {
    let f = Fixture::new("small");
    let source = f.read("sources/statement.md");
    for target in ["sources/statement.md", EN, "tolmach.yaml"] {
        let before = f.read(target);
        let out = f.run(&["export", "en", "--format", "po", "--out", target]);
        assert_eq!(code(&out), 1, "{target}");
        assert!(
            stderr(&out).contains("it is a file of the project that people edit"),
            "{}",
            stderr(&out)
        );
        assert_eq!(f.read(target), before, "{target}");
    }
    assert_eq!(f.read("sources/statement.md"), source);
    // A new file among them is fine.
    let out = f.run(&[
        "export",
        "en",
        "--format",
        "po",
        "--out",
        "locales/en/for-the-agency.po",
    ]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
}

#[test]
fn a_tab_before_a_comment_survives_an_import() {
    let f = Fixture::new("small");
    f.edit(
        EN,
        &format!("  text: \"{EXCEEDED}\"\n"),
        &format!("  text: \"{EXCEEDED}\"\t# figure checked\n"),
    );
    let before = units(&f, EN);
    let po = export_po(&f);
    f.write("en.po", trade_1_fixed(&po));
    let out = f.run(&["import", "en.po"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(units(&f, EN), with_trade_1_fixed(&before));
    let file = f.read(EN);
    assert!(
        file.contains(&format!("  text: \"{SURPASSED}\"\t# figure checked\n")),
        "{file}"
    );
}
