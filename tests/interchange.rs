//! `tolmach export` and `tolmach import`: round trips through PO, XLIFF 2.1
//! and XLIFF 1.2 on the real edition and on small fixtures, edits made the
//! way a CAT tool makes them, malformed files, dry runs, and a check of the
//! exported files with gettext's msgfmt and translate-toolkit.

mod common;

use std::path::Path;
use std::process::Output;

use common::{Fixture, stderr, stdout};
use tolmach::{Translation, parse_exchange_file};

/// A PO string literal, as gettext writes one.
fn po_quote(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text escaped for XML content.
fn xml_escape(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

const FORMATS: [&str; 3] = ["po", "xliff", "xliff12"];

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "failed ({:?}): {}",
        out.status.code(),
        stderr(out)
    );
    stdout(out)
}

fn yaml(lang: &str) -> String {
    format!("locales/{lang}/statement.yaml")
}

/// Export `lang` of `f` as `format` into `name` inside the project.
fn export(f: &Fixture, lang: &str, format: &str, name: &str) -> String {
    ok(&f.run(&["export", lang, "--format", format, "--out", name]));
    f.read(name)
}

/// The stored translation of `id`.
fn stored_text(f: &Fixture, lang: &str, id: &str) -> String {
    let path = yaml(lang);
    let t = Translation::parse(&f.read(&path), Path::new(&path)).unwrap();
    t.entry(id).unwrap().text.clone()
}

/// The lines that differ between two versions of a file (same line count).
fn changed_lines(before: &str, after: &str) -> Vec<(usize, String, String)> {
    let (b, a): (Vec<_>, Vec<_>) = (before.lines().collect(), after.lines().collect());
    assert_eq!(b.len(), a.len(), "line count changed:\n{after}");
    b.iter()
        .zip(&a)
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(i, (x, y))| (i + 1, x.to_string(), y.to_string()))
        .collect()
}

/// Replace the translation of `id` in an exported file by `new`, as a CAT tool would.
fn edit_target(text: &str, format: &str, old: &str, new: &str) -> String {
    let (from, to) = match format {
        "po" => (
            format!("msgstr {}", po_quote(old)),
            format!("msgstr {}", po_quote(new)),
        ),
        "xliff" => (
            format!("<target>{}</target>", xml_escape(old)),
            format!("<target>{}</target>", xml_escape(new)),
        ),
        _ => (
            format!("<target state=\"translated\">{}</target>", xml_escape(old)),
            format!("<target state=\"translated\">{}</target>", xml_escape(new)),
        ),
    };
    assert_eq!(
        text.matches(&from).count(),
        1,
        "{from} is not unique in the {format} file"
    );
    text.replacen(&from, &to, 1)
}

#[test]
fn unchanged_round_trip_is_byte_identical() {
    let cases = [
        (Fixture::real(), vec!["en", "kk", "uz"]),
        (Fixture::new("small"), vec!["en"]),
    ];
    for (f, langs) in &cases {
        for lang in langs {
            let before = f.read(&yaml(lang));
            for format in FORMATS {
                let name = format!("out.{format}");
                export(f, lang, format, &name);
                let out = ok(&f.run(&["import", &name]));
                assert!(out.contains(": changed 0, unchanged "), "{out}");
                assert!(out.contains(", rejected 0\n"), "{out}");
                assert_eq!(
                    f.read(&yaml(lang)),
                    before,
                    "{lang} {format} changed the YAML"
                );
            }
        }
    }
    let edge = Fixture::new("interchange_edge");
    let before = edge.read(&yaml("en"));
    for format in FORMATS {
        export(&edge, "en", format, "out");
        let out = ok(&edge.run(&["import", "out"]));
        assert_eq!(
            out,
            "locales/en/statement.yaml: changed 0, unchanged 6, kept 0, conflicts 0, rejected 0\n"
        );
        assert_eq!(edge.read(&yaml("en")), before);
    }
}

#[test]
fn export_is_deterministic_and_in_source_order() {
    let f = Fixture::new("small");
    for format in FORMATS {
        let a = stdout(&f.run(&["export", "en", "--format", format]));
        let b = stdout(&f.run(&["export", "en", "--format", format]));
        assert_eq!(a, b);
        let file = parse_exchange_file(&a, Path::new("x")).unwrap();
        let ids: Vec<_> = file.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "title",
                "preamble-1",
                "trade",
                "trade-1",
                "trade-2",
                "humanitarian",
                "humanitarian-1",
                "closing-1"
            ]
        );
    }
    let text = stdout(&f.run(&["export", "en", "--format", "xliff"]));
    assert!(text.contains(
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:gls=\"urn:oasis:names:tc:xliff:glossary:2.0\" version=\"2.1\" srcLang=\"ru\" trgLang=\"en\">"
    ));
    // Stale: initial, the old translation kept, the original's word diff in a note.
    assert!(text.contains(concat!(
        "    <unit id=\"trade-2\">\n      <notes>\n",
        "        <note category=\"location\">sphere: trade; paragraph 3</note>\n",
        "        <note category=\"previous-source\">Ввиду пандемии подтверждаем необходимость мер.</note>\n",
        "        <note category=\"source-diff\">Ввиду пандемии {+COVID-19+} подтверждаем необходимость мер.</note>\n",
        "        <note category=\"tolmach-base\">",
    )), "{text}");
    assert!(
        text.contains(concat!(
            "</note>\n      </notes>\n      <segment state=\"initial\">\n",
            "        <source>Ввиду пандемии COVID-19 подтверждаем необходимость мер.</source>\n",
            "        <target>In view of the pandemic, we confirm the need for measures.</target>\n",
        )),
        "{text}"
    );
    // Missing: initial without a target.
    assert!(text.contains(concat!(
        "<segment state=\"initial\">\n",
        "        <source>Выступаем за углубление сотрудничества в области образования.</source>\n",
        "      </segment>"
    )));
    let po = stdout(&f.run(&["export", "en", "--format", "po"]));
    assert!(
        po.contains(concat!(
            "#. sphere: trade; paragraph 3\n",
            "#. tolmach-base: ",
        )),
        "{po}"
    );
    assert!(po.contains(concat!(
        "#. Original changed: Ввиду пандемии {+COVID-19+} подтверждаем необходимость мер.\n",
        "#, fuzzy\n#| msgctxt \"trade-2\"\n#| msgid \"Ввиду пандемии подтверждаем необходимость мер.\"\n",
        "msgctxt \"trade-2\"\nmsgid \"Ввиду пандемии COVID-19 подтверждаем необходимость мер.\"\n",
        "msgstr \"In view of the pandemic, we confirm the need for measures.\"\n",
    )), "{po}");
    assert!(po.contains("\"Language: en\\n\"\n"));
    let x12 = stdout(&f.run(&["export", "en", "--format", "xliff12"]));
    assert!(x12.contains("<target state=\"needs-review-translation\">In view of the pandemic"));
    assert!(x12.contains("<target state=\"needs-translation\"></target>"));
}

#[test]
fn editing_one_target_changes_exactly_that_unit() {
    for format in FORMATS {
        let f = Fixture::real();
        let before = f.read(&yaml("kk"));
        let old = stored_text(&f, "kk", "trade-3");
        let text = export(&f, "kk", format, "kk.file");
        let new = "Жаңа аударма: \"тырнақша\" & <белгі>";
        f.write("kk.file", edit_target(&text, format, &old, new));
        let out = ok(&f.run(&["import", "kk.file"]));
        assert_eq!(
            out,
            "locales/kk/statement.yaml: changed 1, unchanged 55, kept 0, conflicts 0, rejected 0\n  changed trade-3\n",
            "{format}"
        );
        let after = f.read(&yaml("kk"));
        let diff = changed_lines(&before, &after);
        assert_eq!(diff.len(), 1, "{format}: {diff:?}");
        assert_eq!(
            diff[0].2,
            "  text: \"Жаңа аударма: \\\"тырнақша\\\" & <белгі>\""
        );
        assert_eq!(stored_text(&f, "kk", "trade-3"), new);
        ok(&f.run(&["build"]));
    }
}

#[test]
fn a_po_edited_by_hand_without_fuzzy_flags_confirms_stale_units() {
    let f = Fixture::new("small");
    let before = f.read(&yaml("en"));
    let text = export(&f, "en", "po", "en.po");
    f.write("en.po", text.replace("#, fuzzy\n", ""));
    let out = ok(&f.run(&["import", "en.po"]));
    assert_eq!(
        out,
        "locales/en/statement.yaml: changed 1, unchanged 7, kept 0, conflicts 0, rejected 0\n  changed trade-2\n"
    );
    let diff = changed_lines(&before, &f.read(&yaml("en")));
    assert_eq!(
        diff,
        [(
            19,
            "  source: \"Ввиду пандемии подтверждаем необходимость мер.\"".to_string(),
            "  source: \"Ввиду пандемии COVID-19 подтверждаем необходимость мер.\"".to_string()
        )]
    );
    // Exported again, nothing is fuzzy any more.
    assert!(!export(&f, "en", "po", "again.po").contains("#, fuzzy"));
}

#[test]
fn previous_source_is_dropped_when_a_stale_unit_is_confirmed() {
    let f = Fixture::new("interchange_edge");
    let text = export(&f, "en", "xliff", "en.xlf");
    let confirmed = text.replacen(
        "<segment state=\"initial\">\n        <source>Ввиду",
        "<segment state=\"translated\">\n        <source>Ввиду",
        1,
    );
    assert_ne!(confirmed, text);
    f.write("en.xlf", confirmed);
    let before = f.read(&yaml("en"));
    ok(&f.run(&["import", "en.xlf"]));
    let after = f.read(&yaml("en"));
    assert_eq!(
        after,
        before.replace(
            "  previous_source: \"Ввиду пандемии подтверждаем необходимость мер.\"\n",
            ""
        )
    );
}

#[test]
fn a_new_translation_is_inserted_in_source_order() {
    let f = Fixture::new("small");
    let text = export(&f, "en", "xliff", "en.xlf");
    let from = concat!(
        "<segment state=\"initial\">\n",
        "        <source>Выступаем за углубление сотрудничества в области образования.</source>\n"
    );
    let to = format!(
        "{}        <target>We support cooperation in education.</target>\n",
        from.replace("initial", "translated")
    );
    f.write("en.xlf", text.replacen(from, &to, 1));
    let before = f.read(&yaml("en"));
    let out = ok(&f.run(&["import", "en.xlf"]));
    assert!(
        out.contains(
            "changed 1, unchanged 7, kept 0, conflicts 0, rejected 0\n  changed humanitarian-1\n"
        ),
        "{out}"
    );
    let expected = before.replace(
        "  text: \"In the Humanitarian Sphere\"\n",
        concat!(
            "  text: \"In the Humanitarian Sphere\"\n\nhumanitarian-1:\n",
            "  source: \"Выступаем за углубление сотрудничества в области образования.\"\n",
            "  text: \"We support cooperation in education.\"\n"
        ),
    );
    assert_eq!(f.read(&yaml("en")), expected);
}

#[test]
fn unconfirmed_and_outdated_translations_are_rejected_and_kept() {
    let f = Fixture::new("small");
    let before = f.read(&yaml("en"));
    let text = export(&f, "en", "po", "en.po");
    // A fuzzy entry edited but left fuzzy, and an entry whose Russian is not the current one.
    let text = text.replace(
        "msgstr \"In view of the pandemic, we confirm the need for measures.\"",
        "msgstr \"Given COVID-19, we confirm the need for measures.\"",
    );
    let text = text.replace(
        "msgid \"В торговой сфере\"\nmsgstr \"In the Sphere of Trade\"",
        "msgid \"В сфере торговли\"\nmsgstr \"In Trade\"",
    );
    f.write("en.po", text);
    // Rejected units fail the command, so that a CI job notices them.
    let run = f.run(&["import", "en.po"]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    let out = stdout(&run);
    assert_eq!(
        out,
        concat!(
            "locales/en/statement.yaml: changed 0, unchanged 6, kept 0, conflicts 0, rejected 2\n",
            "  rejected en.po:32:1: warning: trade: translated from a different original than the current source (export again): ",
            "В {+торговой+} сфере [-торговли-]\n",
            "  rejected en.po:48:1: warning: trade-2: state is `fuzzy`, not translated; confirm it in the tool to import it\n",
            "rejected units keep their current text and state\n"
        )
    );
    assert_eq!(f.read(&yaml("en")), before);
}

#[test]
fn dry_run_changes_nothing() {
    let f = Fixture::real();
    let before = f.read(&yaml("en"));
    let old = stored_text(&f, "en", "title");
    let text = export(&f, "en", "xliff12", "en.xlf");
    f.write("en.xlf", edit_target(&text, "xliff12", &old, "A New Title"));
    let out = ok(&f.run(&["import", "en.xlf", "--dry-run"]));
    assert_eq!(
        out,
        "locales/en/statement.yaml: changed 1, unchanged 55, kept 0, conflicts 0, rejected 0\n  changed title\ndry run: nothing was written\n"
    );
    assert_eq!(f.read(&yaml("en")), before);
}

/// Import `text` as `name`; it must fail with `message` and leave every YAML as it was.
fn assert_refused(f: &Fixture, name: &str, text: &str, message: &str) {
    let before: Vec<_> = ["en", "kk"].iter().map(|l| f.read(&yaml(l))).collect();
    f.write(name, text);
    let out = f.run(&["import", name]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
    assert_eq!(stderr(&out), format!("{message}\n"));
    assert_eq!(stdout(&out), "");
    let after: Vec<_> = ["en", "kk"].iter().map(|l| f.read(&yaml(l))).collect();
    assert_eq!(after, before);
}

#[test]
fn malformed_files_name_their_line_and_change_nothing() {
    let f = Fixture::real();
    let po = export(&f, "kk", "po", "kk.po");
    // Break the closing quote of the title's msgid.
    let line_of = |prefix: &str| po.lines().position(|l| l.starts_with(prefix)).unwrap();
    let title = line_of("msgid \"Заявление");
    let broken: String = po
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i == title {
                format!("{}\n", l.trim_end_matches('"'))
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    let col = po.lines().nth(title).unwrap().chars().count();
    assert_refused(
        &f,
        "bad.po",
        &broken,
        &format!(
            "bad.po:{}:{col}: error: the string has no closing quote",
            title + 1
        ),
    );
    assert_refused(
        &f,
        "bad.po",
        &po.replacen("msgctxt \"preamble-1\"", "msgctx \"preamble-1\"", 1),
        &format!(
            "bad.po:{}:1: error: expected msgctxt, msgid, msgstr, a \"string\" or a # comment, found `msgctx`",
            line_of("msgctxt \"preamble-1\"") + 1
        ),
    );
    assert_refused(
        &f,
        "bad.po",
        &po.replacen("\"Language: kk\\n\"\n", "", 1),
        "bad.po:3:1: error: the header has no `Language:` field; Tolmach needs it to know which translation this is",
    );
    let xlf = export(&f, "kk", "xliff", "kk.xlf");
    // The lines of the title's </segment> and of its <target>.
    let xline = |needle: &str| xlf.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let segment_end = xline("</segment>");
    let target = xline("<target>");
    assert_refused(
        &f,
        "bad.xlf",
        &xlf.replacen(
            "</target>\n      </segment>\n    </unit>\n    <unit id=\"preamble-1\">",
            "\n      </segment>\n    </unit>\n    <unit id=\"preamble-1\">",
            1,
        ),
        &format!(
            "bad.xlf:{}:7: error: malformed XML: ill-formed document: expected `</target>`, but `</segment>` was found",
            segment_end
        ),
    );
    assert_refused(
        &f,
        "bad.xlf",
        &xlf.replacen("<target>", "<target><pc id=\"1\">", 1)
            .replacen("</target>", "</pc></target>", 1),
        &format!(
            "bad.xlf:{target}:17: error: inline element <pc> in <target>; Tolmach units are plain text, remove the tag"
        ),
    );
    assert_refused(
        &f,
        "bad.xlf",
        &xlf.replacen(" srcLang=\"ru\"", " srcLang=\"en\"", 1),
        "bad.xlf:2:1: error: srcLang is `en`; the source language must be ru",
    );
    let x12 = export(&f, "kk", "xliff12", "kk.xlf");
    let cut = x12.find("</trans-unit>\n").unwrap() + "</trans-unit>\n".len();
    assert_refused(
        &f,
        "bad.xlf",
        &x12[..cut],
        "bad.xlf:4:5: error: <body> is never closed",
    );
    assert_refused(
        &f,
        "bad.xlf",
        &x12[..cut - 3],
        &format!(
            "bad.xlf:{}:7: error: malformed XML: syntax error: tag not closed: `>` not found before end of input",
            x12[..cut].lines().count()
        ),
    );
}

#[test]
fn bad_requests_are_refused() {
    let f = Fixture::new("small");
    let out = f.run(&["export", "en", "--format", "docx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with(
            "error: invalid value 'docx' for '--format <FORMAT>'\n  [possible values: xliff, xliff12, po, tmx, tbx]\n"
        ),
        "{}",
        stderr(&out)
    );
    let out = f.run(&["export", "ru"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("`ru` is the language of the original"),
        "{}",
        stderr(&out)
    );
    let out = f.run(&["export", "kk"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: locales/kk/statement.yaml does not exist; run `tolmach sync kk` to create it\n"
    );
}

fn tool_available(program: &str, args: &[&str]) -> bool {
    std::process::Command::new(program)
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn exported_files_pass_msgfmt_and_translate_toolkit() {
    if !tool_available("msgfmt", &["--version"])
        || !tool_available("python3", &["-c", "import translate.storage.xliff2"])
    {
        println!(
            "skipped: needs msgfmt (Debian gettext) and python3 with translate-toolkit (PyPI)"
        );
        return;
    }
    let script = common::repo().join("tests/tools/check_interchange.sh");
    for (f, lang) in [
        (Fixture::real(), "kk"),
        (Fixture::new("small"), "en"),
        (Fixture::new("interchange_edge"), "en"),
    ] {
        let out = std::process::Command::new("bash")
            .arg(&script)
            .args([".", lang, "checked"])
            .env("TOLMACH", env!("CARGO_BIN_EXE_tolmach"))
            .current_dir(f.root())
            .output()
            .unwrap();
        let text = ok(&out);
        assert!(
            text.starts_with(&format!("ok: msgfmt accepts {lang}.po;")),
            "{text}"
        );
        // translate-toolkit's view must be ours.
        for format in FORMATS {
            let path = format!("checked/{lang}.{format}");
            let ours = parse_exchange_file(&f.read(&path), Path::new(&path)).unwrap();
            let esc = |s: &str| {
                s.replace('\\', "\\\\")
                    .replace('\n', "\\n")
                    .replace('\t', "\\t")
            };
            let expected: String = ours
                .units
                .iter()
                .map(|u| {
                    format!(
                        "{}\t{}\t{}\t{}\n",
                        u.id,
                        u32::from(u.done),
                        esc(&u.source),
                        esc(&u.target)
                    )
                })
                .collect();
            assert_eq!(f.read(&format!("{path}.tsv")), expected, "{path}");
        }
    }
}
