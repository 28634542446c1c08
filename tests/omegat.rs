//! The round trip through a translator's real tool: Debian's OmegaT 3.6,
//! run headless in console mode (`tests/tools/omegat/translate.sh`).
//!
//! Each test exports the real edition, gives OmegaT a project as a
//! translator would have it, puts the translator's work where OmegaT keeps
//! it (`omegat/project_save.tmx`), lets OmegaT write the translated file
//! and imports that. What they show:
//! - PO, in the project `export --omegat-project` writes (sentence
//!   segmentation off, header skipped): exactly the retranslated units
//!   change; a stale (`#, fuzzy`) unit the translator retranslates is
//!   confirmed, one left alone comes back empty (OmegaT keeps an
//!   unconfirmed fuzzy translation only as a suggestion);
//! - PO with OmegaT's default sentence segmentation: every paragraph of
//!   more than one sentence comes back empty, import explains it once, and
//!   turning segmentation off brings them back;
//! - XLIFF 1.2: OmegaT 3.x's XLIFF filter shows the `<target>` (Kazakh) as
//!   the text to translate, not the Russian `<source>`; a unit without a
//!   target has no segment; edits come back in `<target>` with its `state`
//!   untouched, so a stale unit cannot be confirmed. XLIFF 2: no segment at
//!   all, the file is written back as it was.
//!
//! Without `omegat` on the PATH these tests say so and pass, unless
//! `TOLMACH_REQUIRE_OMEGAT` is set (as `scripts/test.sh` sets it after
//! installing OmegaT): then they fail.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;
use std::time::Instant;

use common::{Fixture, stderr, stdout};
use tolmach::{ImportFile, Translation, parse_exchange_file};

const YAML: &str = "locales/kk/statement.yaml";

/// One OmegaT at a time: each is a JVM of a few hundred MiB on a shared machine.
static OMEGAT: Mutex<()> = Mutex::new(());

/// Whether OmegaT can run here; fails instead of skipping when the test
/// command promised it (`TOLMACH_REQUIRE_OMEGAT`).
fn omegat_available() -> bool {
    let found = std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join("omegat").is_file()));
    let required = std::env::var("TOLMACH_REQUIRE_OMEGAT").is_ok_and(|v| !v.is_empty() && v != "0");
    assert!(
        found || !required,
        "TOLMACH_REQUIRE_OMEGAT is set but `omegat` is not on the PATH (scripts/test.sh installs Debian's omegat)"
    );
    if !found {
        println!("skipped: needs OmegaT (Debian package omegat); scripts/test.sh installs it");
    }
    found
}

/// Run OmegaT on `project` (`console-translate` unless `mode` says otherwise).
fn omegat(project: &Path, mode: &[&str]) {
    let _one = OMEGAT.lock().unwrap_or_else(|e| e.into_inner());
    let script = common::repo().join("tests/tools/omegat/translate.sh");
    let started = Instant::now();
    let out = Command::new("bash")
        .arg(&script)
        .arg(project)
        .args(mode)
        .output()
        .unwrap();
    println!(
        "omegat {} on {}: {:.1} s",
        mode.first().unwrap_or(&"console-translate"),
        project.display(),
        started.elapsed().as_secs_f64()
    );
    assert!(
        out.status.success(),
        "OmegaT failed ({:?}):\n{}\n{}",
        out.status.code(),
        stdout(&out),
        stderr(&out)
    );
}

/// Let OmegaT list every segment it makes of the project's files (each
/// "source" paired with itself); returns the listing's path.
fn list_segments(project: &Path) -> PathBuf {
    let listing = project.join("segments.tmx");
    omegat(
        project,
        &[
            "console-createpseudotranslatetmx",
            &format!("--pseudotranslatetmx={}", listing.display()),
            "--pseudotranslatetype=equal",
        ],
    );
    listing
}

/// The source texts of the segments in a listing, sorted.
fn segments(listing: &Path) -> Vec<String> {
    let tmx = std::fs::read_to_string(listing).unwrap();
    let mut shown: Vec<String> = tmx
        .split("<tuv lang=\"ru\">")
        .skip(1)
        .map(|tuv| {
            let seg = tuv
                .split("<seg>")
                .nth(1)
                .and_then(|s| s.split("</seg>").next())
                .unwrap_or_else(|| panic!("no <seg> in {tuv}"));
            xml_unescape(seg)
        })
        .collect();
    shown.sort();
    shown
}

/// Text escaped for XML content.
fn xml_escape(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn xml_unescape(value: &str) -> String {
    value
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Write the translator's work into the project memory, as OmegaT keeps
/// it: one default translation per segment, keyed by the segment's text.
fn seed(project: &Path, work: &[(&str, &str)]) {
    let template =
        std::fs::read_to_string(common::repo().join("tests/tools/omegat/project_save.tmx"))
            .unwrap();
    let units: String = work
        .iter()
        .map(|(source, target)| {
            format!(
                "    <tu>\n      <tuv lang=\"ru\">\n        <seg>{}</seg>\n      </tuv>\n      <tuv lang=\"kk\" changeid=\"translator\" changedate=\"20240601T120000Z\" creationid=\"translator\" creationdate=\"20240601T120000Z\">\n        <seg>{}</seg>\n      </tuv>\n    </tu>\n",
                xml_escape(source),
                xml_escape(target)
            )
        })
        .collect();
    assert!(template.contains("<!-- units -->\n"));
    std::fs::write(
        project.join("omegat/project_save.tmx"),
        template.replace("<!-- units -->\n", &units),
    )
    .unwrap();
}

/// The units of an exchange file, by id: (source, target, done, state).
fn units(path: &Path) -> BTreeMap<String, (String, String, bool, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    let file: ImportFile = parse_exchange_file(&text, path).unwrap();
    assert_eq!(file.lang, "kk");
    file.units
        .into_iter()
        .map(|u| (u.id, (u.source, u.target, u.done, u.state)))
        .collect()
}

/// Every entry of the translation, by id, without positions.
type Entries = BTreeMap<String, (Option<String>, String, Option<String>, Option<String>)>;

fn entries(yaml: &str) -> Entries {
    Translation::parse(yaml, Path::new(YAML))
        .unwrap()
        .entries
        .into_iter()
        .map(|e| (e.id, (e.source, e.text, e.previous_source, e.note)))
        .collect()
}

/// The ids whose entries differ between two versions of the translation.
fn changed_ids(before: &Entries, after: &Entries) -> Vec<String> {
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "the set of units changed"
    );
    before
        .iter()
        .filter(|(id, entry)| after[*id] != **entry)
        .map(|(id, _)| id.clone())
        .collect()
}

/// The numbers of the lines that differ (same line count asserted).
fn changed_lines(before: &str, after: &str) -> Vec<usize> {
    let (b, a): (Vec<_>, Vec<_>) = (before.lines().collect(), after.lines().collect());
    assert_eq!(b.len(), a.len(), "line count changed:\n{after}");
    (0..b.len())
        .filter(|&i| b[i] != a[i])
        .map(|i| i + 1)
        .collect()
}

/// The line number of `  field:` inside the entry `id` of a block-style YAML.
fn field_line(yaml: &str, id: &str, field: &str) -> usize {
    let lines: Vec<&str> = yaml.lines().collect();
    let start = lines
        .iter()
        .position(|l| *l == format!("{id}:"))
        .unwrap_or_else(|| panic!("no entry {id}"));
    start
        + 1
        + lines[start..]
            .iter()
            .position(|l| l.starts_with(&format!("  {field}:")))
            .unwrap_or_else(|| panic!("{id} has no {field}"))
}

/// Replace the `text` of `id` with an empty one: a missing translation.
fn empty_text(f: &Fixture, id: &str) {
    let yaml = f.read(YAML);
    let n = field_line(&yaml, id, "text");
    let text: String = yaml
        .lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == n {
                "  text: \"\"\n".to_string()
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    f.write(YAML, text);
}

fn run(f: &Fixture, args: &[&str]) -> Output {
    f.run(args)
}

/// `export kk --omegat-project omegat-kk` in the fixture: the project folder.
fn omegat_project(f: &Fixture) -> PathBuf {
    let out = run(f, &["export", "kk", "--omegat-project", "omegat-kk"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "wrote an OmegaT project (sentence segmentation off, PO header skipped); open its folder in OmegaT, and import the file it writes: tolmach import omegat-kk/target/statement.kk.po\n"
    );
    f.path("omegat-kk")
}

/// The retranslation a translator makes of `old` in the seeded units.
fn retranslated(old: &str) -> String {
    format!("Жаңа редакция: {old}")
}

/// Whether OmegaT's default segmentation rules (`defaultRules.srx` of
/// OmegaT 3.6: a break after `.`, `?` or `!` before a space, except after
/// the Russian `т.е.` and `т.к.`) split `text` into more than one sentence.
fn omegat_splits(text: &str) -> bool {
    let chars: Vec<char> = text.trim().chars().collect();
    (0..chars.len().saturating_sub(1)).any(|i| {
        let before: String = chars[..=i].iter().collect::<String>().to_lowercase();
        matches!(chars[i], '.' | '?' | '!')
            && chars[i + 1].is_whitespace()
            && !before.ends_with("т.е.")
            && !before.ends_with("т.к.")
    })
}

#[test]
fn po_round_trip_changes_exactly_the_retranslated_units() {
    if !omegat_available() {
        return;
    }
    let f = Fixture::real();
    let before = f.read(YAML);
    let project = omegat_project(&f);
    let exported = units(&project.join("source/statement.kk.po"));
    assert_eq!(exported.len(), 56);
    // One paragraph of one sentence, one of three.
    let work: Vec<(String, String)> = ["political-1", "trade-2"]
        .iter()
        .map(|id| (exported[*id].0.clone(), retranslated(&exported[*id].1)))
        .collect();
    assert!(!omegat_splits(&work[0].0) && omegat_splits(&work[1].0));
    seed(
        &project,
        &work
            .iter()
            .map(|(s, t)| (s.as_str(), t.as_str()))
            .collect::<Vec<_>>(),
    );
    omegat(&project, &[]);

    // OmegaT wrote every unit back, the two with the new text.
    let target = project.join("target/statement.kk.po");
    let written = units(&target);
    for (id, (source, text, done, _)) in &written {
        let (old_source, old_text, old_done, _) = &exported[id];
        assert_eq!(source, old_source, "{id}");
        assert_eq!(done, old_done, "{id}");
        match id.as_str() {
            "political-1" => assert_eq!(*text, work[0].1),
            "trade-2" => assert_eq!(*text, work[1].1),
            _ => assert_eq!(text, old_text, "{id}"),
        }
    }
    assert_eq!(written.len(), 56);

    let out = run(&f, &["import", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "locales/kk/statement.yaml: changed 2, unchanged 54, kept 0, conflicts 0, rejected 0\n  changed political-1\n  changed trade-2\n"
    );
    let after = f.read(YAML);
    let (b, a) = (entries(&before), entries(&after));
    assert_eq!(changed_ids(&b, &a), ["political-1", "trade-2"]);
    assert_eq!(a["political-1"].1, work[0].1);
    assert_eq!(a["trade-2"].1, work[1].1);
    // Byte for byte, only the two `text` lines differ.
    assert_eq!(
        changed_lines(&before, &after),
        [
            field_line(&before, "political-1", "text"),
            field_line(&before, "trade-2", "text")
        ]
    );
    // Importing the same file again changes nothing.
    let out = run(&f, &["import", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("locales/kk/statement.yaml: changed 0, unchanged 56,"));
    assert_eq!(f.read(YAML), after);
}

#[test]
fn po_round_trip_of_stale_and_missing_units() {
    if !omegat_available() {
        return;
    }
    let f = Fixture::real();
    // Two paragraphs of the original change (their translations go stale),
    // one translation is missing.
    f.edit(
        "sources/statement.md",
        "подтверждаем заинтересованность наших стран",
        "подтверждаем большую заинтересованность наших стран",
    );
    f.edit(
        "sources/statement.md",
        "Приветствуем широкий международный диалог",
        "Приветствуем самый широкий международный диалог",
    );
    empty_text(&f, "health-2");
    let before = f.read(YAML);
    let project = omegat_project(&f);
    let po = project.join("source/statement.kk.po");
    let exported = units(&po);
    for id in ["transport-1", "security-2"] {
        assert_eq!(exported[id].3, "fuzzy", "{id}");
    }
    assert_eq!(exported["health-2"].1, "");
    // The translator retranslates the stale transport-1 and the missing
    // health-2, and leaves the stale security-2 alone.
    let transport = retranslated(&exported["transport-1"].1);
    let health = "Денсаулық сақтау саласындағы үйлестіруші рөлді атап өтеміз.".to_string();
    seed(
        &project,
        &[
            (&exported["transport-1"].0, &transport),
            (&exported["health-2"].0, &health),
        ],
    );
    omegat(&project, &[]);

    let target = project.join("target/statement.kk.po");
    let written = units(&target);
    assert_eq!(written["transport-1"].1, transport);
    assert!(
        written["transport-1"].2,
        "a retranslated fuzzy entry is confirmed"
    );
    assert_eq!(written["health-2"].1, health);
    // OmegaT does not keep a fuzzy translation nobody confirmed: it writes
    // the entry empty, without the flag.
    assert_eq!(written["security-2"].1, "");
    assert_eq!(written["security-2"].3, "untranslated");
    assert!(
        !std::fs::read_to_string(&target)
            .unwrap()
            .contains("#, fuzzy")
    );

    let out = run(&f, &["import", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "locales/kk/statement.yaml: changed 2, unchanged 53, kept 0, conflicts 0, rejected 1\n  changed transport-1\n  changed health-2\n  rejected 1 unit that was stale (fuzzy when exported) and came back empty: security-2\n  A tool that keeps a fuzzy translation only as a suggestion writes the entry empty until the translator confirms it (OmegaT does). The current translation is kept, still stale: confirm or correct it in the tool and import again.\nrejected units keep their current text and state\n"
    );
    let (b, a) = (entries(&before), entries(&f.read(YAML)));
    assert_eq!(changed_ids(&b, &a), ["health-2", "transport-1"]);
    let current = units(&po);
    // Confirmed: the current original is recorded, the unit is translated.
    assert_eq!(
        a["transport-1"],
        (
            Some(current["transport-1"].0.clone()),
            transport,
            None,
            None
        )
    );
    assert_eq!(a["health-2"].1, health);
    assert_eq!(a["security-2"], b["security-2"]);
    let status = stdout(&run(&f, &["status", "--json"]));
    assert!(status.contains("\"lang\": \"kk\""), "{status}");
}

#[test]
fn po_with_sentence_segmentation_empties_paragraphs_and_import_says_why() {
    if !omegat_available() {
        return;
    }
    let f = Fixture::real();
    let before = f.read(YAML);
    let project = omegat_project(&f);
    let exported = units(&project.join("source/statement.kk.po"));
    // The translator turns OmegaT's default back on.
    let settings = project.join("omegat.project");
    let text = std::fs::read_to_string(&settings).unwrap();
    let on = text.replace(
        "<sentence_seg>false</sentence_seg>",
        "<sentence_seg>true</sentence_seg>",
    );
    assert_ne!(on, text);
    std::fs::write(&settings, on).unwrap();
    omegat(&project, &[]);

    let target = project.join("target/statement.kk.po");
    let written = units(&target);
    for (id, (source, text, ..)) in &written {
        if omegat_splits(source) {
            assert_eq!(text, "", "{id} has more than one sentence");
        } else {
            assert_eq!(*text, exported[id].1, "{id}");
        }
    }

    let out = run(&f, &["import", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = stdout(&out);
    // In source order, as the summary lists them.
    let ids_in_order: Vec<String> = {
        let po = std::fs::read_to_string(project.join("source/statement.kk.po")).unwrap();
        parse_exchange_file(&po, Path::new("x.po"))
            .unwrap()
            .units
            .into_iter()
            .filter(|u| omegat_splits(&u.source))
            .map(|u| u.id)
            .collect()
    };
    assert!(ids_in_order.len() > 10, "{ids_in_order:?}");
    assert_eq!(
        report,
        format!(
            "locales/kk/statement.yaml: changed 0, unchanged {}, kept 0, conflicts 0, rejected {n}\n  rejected {n} units that were translated when exported came back empty: {}\n  This is what a CAT tool does when it splits paragraphs into sentences: each unit is one paragraph, and a tool that segments it saves the sentences, not the unit. Turn sentence segmentation off for this project (OmegaT: Project > Properties, untick \"Enable Sentence-level segmentation\") and translate again, or send the translator an OmegaT project that has it off: tolmach export kk --omegat-project DIR (see the README).\nrejected units keep their current text and state\n",
            56 - ids_in_order.len(),
            ids_in_order.join(", "),
            n = ids_in_order.len()
        )
    );
    assert_eq!(f.read(YAML), before, "nothing was written");

    // The advice works: segmentation off again, and every paragraph is back.
    std::fs::write(&settings, text).unwrap();
    omegat(&project, &[]);
    let out = run(&f, &["import", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "locales/kk/statement.yaml: changed 0, unchanged 56, kept 0, conflicts 0, rejected 0\n"
    );
    assert_eq!(f.read(YAML), before);
}

#[test]
fn xliff12_is_read_by_omegat_3_as_target_text_only() {
    if !omegat_available() {
        return;
    }
    let f = Fixture::real();
    f.edit(
        "sources/statement.md",
        "подтверждаем заинтересованность наших стран",
        "подтверждаем большую заинтересованность наших стран",
    );
    empty_text(&f, "health-2");
    let before = f.read(YAML);
    let project = f.path("omegat-xliff12");
    common::copy_dir(&common::repo().join("tests/tools/omegat/xliff12"), &project);
    for folder in ["source", "target", "tm", "glossary", "dictionary"] {
        std::fs::create_dir_all(project.join(folder)).unwrap();
    }
    // `.xlf`: the name OmegaT's XLIFF filter (and most tools) recognise.
    let source = project.join("source/statement.kk.xlf");
    let out = run(
        &f,
        &[
            "export",
            "kk",
            "--format",
            "xliff12",
            "--out",
            source.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let exported = units(&source);

    // What OmegaT offers the translator.
    let listing = list_segments(&project);
    let shown = segments(&listing);
    // The Kazakh targets, not the Russian sources; no segment for the
    // unit that has no target.
    let mut targets: Vec<String> = exported
        .values()
        .filter(|u| !u.1.is_empty())
        .map(|u| u.1.clone())
        .collect();
    targets.sort();
    assert_eq!(shown, targets);
    assert_eq!(shown.len(), 55);
    assert!(exported.values().all(|u| !shown.contains(&u.0)));

    // A reviewer edits two translated units and the stale one; the memory
    // keys each edit by the Kazakh text OmegaT showed.
    let edits: Vec<(&str, String, String)> = ["political-1", "trade-2", "transport-1"]
        .iter()
        .map(|id| (*id, exported[*id].1.clone(), retranslated(&exported[*id].1)))
        .collect();
    seed(
        &project,
        &edits
            .iter()
            .map(|(_, s, t)| (s.as_str(), t.as_str()))
            .collect::<Vec<_>>(),
    );
    omegat(&project, &[]);

    let target = project.join("target/statement.kk.xlf");
    let written = units(&target);
    for (id, (src, text, done, state)) in &written {
        let old = &exported[id];
        // The Russian and every state are as exported: OmegaT's filter
        // rewrites the text of <target> and nothing else.
        assert_eq!((src, done, state), (&old.0, &old.2, &old.3), "{id}");
        match edits.iter().find(|(e, ..)| e == id) {
            Some((_, _, new)) => assert_eq!(text, new, "{id}"),
            None => assert_eq!(*text, old.1, "{id}"),
        }
    }
    assert_eq!(written["health-2"].1, "");
    assert_eq!(written["transport-1"].3, "needs-review-translation");

    let out = run(&f, &["import", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(
        report.starts_with(
            "locales/kk/statement.yaml: changed 2, unchanged 53, kept 0, conflicts 0, rejected 1\n  changed political-1\n  changed trade-2\n  rejected "
        ),
        "{report}"
    );
    assert!(
        report.contains(": warning: transport-1: state is `needs-review-translation`, not translated; confirm it in the tool to import it\n"),
        "{report}"
    );
    let after = f.read(YAML);
    let (b, a) = (entries(&before), entries(&after));
    assert_eq!(changed_ids(&b, &a), ["political-1", "trade-2"]);
    assert_eq!(a["political-1"].1, edits[0].2);
    assert_eq!(a["trade-2"].1, edits[1].2);
    assert_eq!(
        changed_lines(&before, &after),
        [
            field_line(&before, "political-1", "text"),
            field_line(&before, "trade-2", "text")
        ]
    );
}

#[test]
fn xliff2_gives_omegat_3_no_segment() {
    if !omegat_available() {
        return;
    }
    let f = Fixture::real();
    let project = f.path("omegat-xliff2");
    common::copy_dir(&common::repo().join("tests/tools/omegat/xliff12"), &project);
    for folder in ["source", "target", "tm", "glossary", "dictionary"] {
        std::fs::create_dir_all(project.join(folder)).unwrap();
    }
    let source = project.join("source/statement.kk.xlf");
    let out = run(
        &f,
        &[
            "export",
            "kk",
            "--format",
            "xliff",
            "--out",
            source.to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // OmegaT 3.6 loads the file without a word and finds nothing to translate.
    let listing = list_segments(&project);
    assert_eq!(segments(&listing), Vec::<String>::new());
    // It writes it back as it was, but for the last newline. (Were a
    // text of a <target> in the project memory, as when an XLIFF 1.2 file
    // of the same project was edited, OmegaT would replace it on the way
    // out: it writes through the same filter it could not read with.)
    omegat(&project, &[]);
    let target = project.join("target/statement.kk.xlf");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap().trim_end(),
        std::fs::read_to_string(&source).unwrap().trim_end()
    );
}

/// Item 3 of issue 20, without OmegaT: paragraphs that come back empty are
/// explained once, with the cause and the fix; stale ones apart.
#[test]
fn emptied_paragraphs_are_explained_once() {
    let f = Fixture::real();
    f.edit(
        "sources/statement.md",
        "подтверждаем заинтересованность наших стран",
        "подтверждаем большую заинтересованность наших стран",
    );
    let before = f.read(YAML);
    let out = run(&f, &["export", "kk", "--format", "po", "--out", "kk.po"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let po = f.read("kk.po");
    let exported = units(&f.path("kk.po"));
    // Empty what a segmenting tool empties: three translated paragraphs
    // and the stale one.
    let mut emptied = po.clone();
    for id in ["security-4", "trade-2", "closing-3", "transport-1"] {
        let text = &exported[id].1;
        let from = format!("msgstr \"{}\"\n", text.replace('"', "\\\""));
        assert_eq!(emptied.matches(&from).count(), 1, "{id}");
        emptied = emptied.replace(&from, "msgstr \"\"\n");
    }
    f.write("emptied.po", &emptied);
    let out = run(&f, &["import", "emptied.po"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "locales/kk/statement.yaml: changed 0, unchanged 52, kept 0, conflicts 0, rejected 4\n  rejected 3 units that were translated when exported came back empty: security-4, trade-2, closing-3\n  This is what a CAT tool does when it splits paragraphs into sentences: each unit is one paragraph, and a tool that segments it saves the sentences, not the unit. Turn sentence segmentation off for this project (OmegaT: Project > Properties, untick \"Enable Sentence-level segmentation\") and translate again, or send the translator an OmegaT project that has it off: tolmach export kk --omegat-project DIR (see the README).\n  rejected 1 unit that was stale (fuzzy when exported) and came back empty: transport-1\n  A tool that keeps a fuzzy translation only as a suggestion writes the entry empty until the translator confirms it (OmegaT does). The current translation is kept, still stale: confirm or correct it in the tool and import again.\nrejected units keep their current text and state\n"
    );
    assert_eq!(f.read(YAML), before, "nothing was written");
    // The dry run says the same.
    let dry = run(&f, &["import", "--dry-run", "emptied.po"]);
    assert_eq!(dry.status.code(), Some(1));
    assert!(
        stdout(&dry)
            .contains("rejected 3 units that were translated when exported came back empty")
    );

    // One emptied unit is named on its own line, without the lecture.
    let one = po.replacen(
        &format!("msgstr \"{}\"\n", exported["trade-2"].1),
        "msgstr \"\"\n",
        1,
    );
    f.write("one.po", &one);
    let out = run(&f, &["import", "one.po"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        "locales/kk/statement.yaml: changed 0, unchanged 55, kept 0, conflicts 0, rejected 1\n  rejected trade-2: the file has no translation, though the unit was translated when exported; the current one is kept\nrejected units keep their current text and state\n"
    );
    assert_eq!(f.read(YAML), before);
}

#[test]
fn the_omegat_project_export_and_its_refusals() {
    let f = Fixture::real();
    let project = omegat_project(&f);
    let settings = std::fs::read_to_string(project.join("omegat.project")).unwrap();
    for line in [
        "<source_lang>ru</source_lang>",
        "<target_lang>kk</target_lang>",
        "<sentence_seg>false</sentence_seg>",
    ] {
        assert!(settings.contains(line), "{line}\n{settings}");
    }
    let filters = std::fs::read_to_string(project.join("omegat/filters.xml")).unwrap();
    assert!(filters.contains(r#"<option name="skipHeader" value="true"/>"#));
    // The file is the PO export, byte for byte.
    let out = run(&f, &["export", "kk", "--format", "po"]);
    assert_eq!(
        std::fs::read(project.join("source/statement.kk.po")).unwrap(),
        out.stdout
    );
    for folder in ["target", "tm", "glossary", "dictionary"] {
        assert!(project.join(folder).is_dir(), "{folder}");
    }

    // A second export must not meet the translator's work.
    let out = run(&f, &["export", "kk", "--omegat-project", "omegat-kk"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: refusing to write an OmegaT project into omegat-kk: it exists and is not an empty folder; choose a new folder\n"
    );
    let out = run(
        &f,
        &[
            "export",
            "kk",
            "--format",
            "xliff12",
            "--omegat-project",
            "x",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: --omegat-project holds a PO file: OmegaT 3.x reads"),
        "{}",
        stderr(&out)
    );
    assert!(!f.path("x").exists());
    let out = run(
        &f,
        &["export", "kk", "--out", "a.po", "--omegat-project", "y"],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!f.path("y").exists() && !f.path("a.po").exists());
    // Not inside a folder people edit: under locales/ it would read as a language.
    let out = run(
        &f,
        &["export", "kk", "--omegat-project", "locales/omegat-kk"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "error: refusing to write an OmegaT project into locales/omegat-kk: it is inside locales, a folder of the project that people edit; choose another folder\n"
    );
    assert!(!f.path("locales/omegat-kk").exists());
    // An empty folder is fine.
    std::fs::create_dir(f.path("empty")).unwrap();
    let out = run(&f, &["export", "kk", "--omegat-project", "empty"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(f.path("empty/omegat.project").is_file());
}
