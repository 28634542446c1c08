//! Reports as the terminal shows them. Everything that echoes the content
//! of a file goes through [`printable`], so a control character in a
//! translation cannot retitle the window or clear the screen.

use std::io::Write as _;

use crate::build;
use crate::error::{Error, Result};
use crate::interchange::{export::Exported, import};
use crate::text::printable;
use crate::workflow::{check, review, status, sync};

/// Write `text` to standard output; a closed pipe (`| head`) is not an error.
fn out(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

/// The end of a build: warnings and notes on stderr, one summary line on stdout.
pub(super) fn build(report: &build::Report) {
    let mut err = std::io::stderr().lock();
    for warning in &report.warnings {
        let _ = writeln!(err, "{warning}");
    }
    for note in &report.notes {
        let _ = writeln!(err, "note: {note}");
    }
    let s = report.summary;
    out(&format!(
        "built {}: {} written, {} unchanged, {} removed ({} rendered, {} carried over) in {} ms\n",
        report.out.display(),
        s.written,
        s.unchanged,
        s.removed,
        s.rendered,
        s.carried,
        report.elapsed.as_millis()
    ));
}

/// `status`: warnings on stderr, then a table or the JSON schema.
pub(super) fn status(report: &status::Report, json: bool) -> Result<()> {
    for warning in &report.warnings {
        eprintln!("{warning}");
    }
    if json {
        let text = serde_json::to_string_pretty(report)
            .map_err(|e| Error::Refused(format!("cannot write the report as JSON: {e}")))?;
        out(&format!("{text}\n"));
    } else {
        out(&status_table(report));
    }
    Ok(())
}

/// The status report as an aligned table.
fn status_table(report: &status::Report) -> String {
    let mut rows = vec![
        [
            "lang",
            "part",
            "total",
            "translated",
            "stale",
            "missing",
            "orphan",
            "percent",
        ]
        .map(String::from),
    ];
    for l in &report.languages {
        let n = |v: usize| v.to_string();
        let c = &l.counts;
        rows.push([
            l.lang.to_string(),
            "all".into(),
            n(c.total),
            n(c.translated),
            n(c.stale),
            n(c.missing),
            n(l.orphan),
            format!("{}%", l.percent),
        ]);
        for p in &l.parts {
            let c = &p.counts;
            rows.push([
                String::new(),
                p.part.clone(),
                n(c.total),
                n(c.translated),
                n(c.stale),
                n(c.missing),
                String::new(),
                format!("{}%", p.percent),
            ]);
        }
    }
    let mut text = aligned(&rows);
    for l in report
        .languages
        .iter()
        .filter(|l| !l.missing_messages.is_empty())
    {
        text.push_str(&format!(
            "{}: {} interface message(s) missing from site.ftl: {}\n",
            l.lang,
            l.missing_messages.len(),
            l.missing_messages.join(", ")
        ));
    }
    text
}

/// Rows as columns: the first two left-aligned, the rest right-aligned.
fn aligned<const N: usize>(rows: &[[String; N]]) -> String {
    let widths: Vec<usize> = (0..N)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                if c < 2 {
                    format!("{cell:<width$}", width = widths[c])
                } else {
                    format!("{cell:>width$}", width = widths[c])
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// `check`: every finding, then the summary line.
pub(super) fn check(report: &check::Report) {
    let mut text = String::new();
    for d in &report.diagnostics {
        text.push_str(&format!("{d}\n"));
    }
    let (errors, warnings) = (report.errors(), report.warnings());
    text.push_str(&format!(
        "check: {errors} error{}, {warnings} warning{}\n",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" }
    ));
    out(&text);
}

/// `sync`: one line per language.
pub(super) fn sync(report: &sync::Report) {
    let mut text = String::new();
    for (lang, outcome) in &report.languages {
        let line = match outcome {
            sync::Outcome::Created { units } => format!(
                "{lang}: created {} ({units} units to translate), {} and {}",
                crate::layout::translation(lang).display(),
                crate::layout::messages(lang).display(),
                crate::layout::review_notes(lang).display()
            ),
            sync::Outcome::Refreshed(summary) => refreshed(lang.as_str(), summary),
        };
        text.push_str(&line);
        text.push('\n');
    }
    out(&text);
}

fn refreshed(lang: &str, s: &sync::Summary) -> String {
    let orphans = crate::layout::orphans_file_name();
    let mut parts = Vec::new();
    let mut say = |what: &str, ids: &[String]| {
        if !ids.is_empty() {
            parts.push(format!("{what} {} ({})", ids.len(), ids.join(", ")));
        }
    };
    say("added", &s.added);
    say("marked stale", &s.stale);
    say("updated source of", &s.updated);
    say(&format!("moved to {orphans}"), &s.orphaned);
    say(
        &format!("left in place (already in {orphans}, resolve by hand)"),
        &s.kept,
    );
    if parts.is_empty() {
        format!("{lang}: nothing to do")
    } else {
        format!("{lang}: {}", printable(&parts.join("; ")))
    }
}

/// `export`: the file's text on stdout, or nothing if it was written.
pub(super) fn export(exported: &Exported) -> Result<()> {
    if let Exported::OmegatProject(target) = exported {
        out(&format!(
            "wrote an OmegaT project (sentence segmentation off, PO header skipped); open its folder in OmegaT, and import the file it writes: tolmach import {}\n",
            printable(&target.display().to_string())
        ));
    }
    if let Exported::Text(text) = exported {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(text.as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(|e| Error::io(std::path::Path::new("<stdout>"), e))?;
    }
    Ok(())
}

/// `import`: the summary, every changed, kept, conflicting and rejected unit.
pub(super) fn import(report: &import::Report) {
    let mut text = String::new();
    if let Some((declared, tag)) = &report.declared_lang {
        text.push_str(&format!(
            "note: the file's language is `{}`; importing into the project's `{tag}`\n",
            printable(declared)
        ));
    }
    for warning in &report.warnings {
        text.push_str(&format!("{warning}\n"));
    }
    let rejected = report.rejected.len() + report.emptied.len() + report.emptied_stale.len();
    text.push_str(&format!(
        "{}: changed {}, unchanged {}, kept {}, conflicts {}, rejected {}\n",
        report.target.display(),
        report.changed.len(),
        report.unchanged,
        report.kept.len(),
        report.conflicts.len(),
        rejected
    ));
    for id in &report.changed {
        text.push_str(&format!("  changed {}\n", printable(id)));
    }
    for id in &report.kept {
        text.push_str(&format!(
            "  kept {}: edited in the translation file after the export, and the tool did not change it\n",
            printable(id)
        ));
    }
    for c in &report.conflicts {
        text.push_str(&format!(
            "  conflict {}:{}:{}: {}: changed both in the translation file and in the tool\n    file:     {}\n    imported: {}\n",
            report.file.display(),
            c.location.line,
            c.location.col,
            printable(&c.id),
            printable(&c.ours),
            printable(&c.theirs)
        ));
    }
    for d in &report.rejected {
        text.push_str(&format!("  rejected {d}\n"));
    }
    text.push_str(&emptied(report));
    if !report.conflicts.is_empty() {
        text.push_str("conflicting units were not written: choose with --theirs (take the imported text) or --ours (keep the file's)\n");
    }
    if rejected > 0 {
        text.push_str("rejected units keep their current text and state\n");
    }
    if report.dry_run {
        text.push_str("dry run: nothing was written\n");
    }
    out(&text);
}

/// Units that were translated when exported and came back empty: one
/// explanation for all of them, since they share one cause. Units that
/// were stale (fuzzy) have another cause, so they get their own.
fn emptied(report: &import::Report) -> String {
    let list = |ids: &[String]| {
        ids.iter()
            .map(|i| printable(i).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut text = match report.emptied.as_slice() {
        [] => String::new(),
        [id] => format!(
            "  rejected {}: the file has no translation, though the unit was translated when exported; the current one is kept\n",
            printable(id)
        ),
        ids => format!(
            "  rejected {n} units that were translated when exported came back empty: {}\n  \
             This is what a CAT tool does when it splits paragraphs into sentences: each unit is one \
             paragraph, and a tool that segments it saves the sentences, not the unit. Turn sentence \
             segmentation off for this project (OmegaT: Project > Properties, untick \
             \"Enable Sentence-level segmentation\") and translate again, or send the translator an \
             OmegaT project that has it off: tolmach export {lang} --omegat-project DIR (see the README).\n",
            list(ids),
            n = ids.len(),
            lang = printable(&report.lang),
        ),
    };
    if !report.emptied_stale.is_empty() {
        text.push_str(&format!(
            "  rejected {} stale (fuzzy when exported) and came back empty: {}\n  \
             A tool that keeps a fuzzy translation only as a suggestion writes the entry empty until the \
             translator confirms it (OmegaT does). The current translation is kept, still stale: confirm \
             or correct it in the tool and import again.\n",
            match report.emptied_stale.len() {
                1 => "1 unit that was".to_string(),
                n => format!("{n} units that were"),
            },
            list(&report.emptied_stale)
        ));
    }
    text
}

/// `review`: what was signed off, what already was, what was refused.
pub(super) fn review(report: &review::Report) {
    let level = report.level.name();
    let mut text = format!(
        "{}: {level} {}, already {level} {}, refused {}\n",
        report.target.display(),
        report.signed.len(),
        report.already.len(),
        report.refused.len()
    );
    for id in &report.signed {
        text.push_str(&format!("  {level} {}\n", printable(id)));
    }
    for (id, why) in &report.refused {
        text.push_str(&format!("  refused {}: {why}\n", printable(id)));
    }
    out(&text);
}
