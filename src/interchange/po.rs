//! gettext PO: `msgctxt` is the unit id, `msgid` the current Russian,
//! `msgstr` the translation. Stale units are `#, fuzzy` with the Russian
//! they were translated from in `#| msgid`, as `msgmerge` writes them.

use std::path::Path;

use crate::error::{Diagnostic, Location};
use crate::model::{Review, State};

use super::{Document, ImportFile, ImportUnit};

/// The extracted comment that records the translation an entry carried when
/// it was exported (its base), for the three-way merge of `import`.
const BASE_COMMENT: &str = "tolmach-base:";

/// The PO text of an export.
pub(crate) fn write(doc: &Document<'_>) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "# Translation of {} from {} into {}.\n# Exported by Tolmach; import with `tolmach import FILE`.\n",
        doc.original_path(),
        doc.site
            .language(doc.source_lang().as_str())
            .map_or(doc.source_lang().as_str(), |l| l.name.as_str()),
        doc.lang.tag
    ));
    out.push_str("msgid \"\"\nmsgstr \"\"\n");
    let header = [
        "Project-Id-Version: tolmach statement\n".to_string(),
        "Report-Msgid-Bugs-To: \n".to_string(),
        // Fixed so that an export is reproducible; CAT tools set it on save.
        "PO-Revision-Date: 1970-01-01 00:00+0000\n".to_string(),
        "Last-Translator: \n".to_string(),
        "Language-Team: \n".to_string(),
        format!("Language: {}\n", doc.lang.tag),
        "MIME-Version: 1.0\n".to_string(),
        "Content-Type: text/plain; charset=UTF-8\n".to_string(),
        "Content-Transfer-Encoding: 8bit\n".to_string(),
        "Plural-Forms: nplurals=2; plural=(n != 1);\n".to_string(),
        format!("X-Source-Language: {}\n", doc.source_lang()),
    ];
    for line in header {
        out.push_str(&quote(&line));
        out.push('\n');
    }
    for item in &doc.items {
        let id = item.unit.id.as_str();
        out.push('\n');
        for note in &item.notes {
            if note.is_empty() {
                out.push_str("#\n");
            } else {
                out.push_str(&format!("# {note}\n"));
            }
        }
        out.push_str(&format!("#. {}\n", item.place));
        for (term, target) in &item.terms {
            out.push_str(&format!("#. glossary: {term} → {target}\n"));
        }
        out.push_str(&format!("#. {BASE_COMMENT} {}\n", item.base));
        if let Some(diff) = &item.diff {
            out.push_str(&format!(
                "#. Original changed: {}\n",
                diff.replace('\n', " ")
            ));
        }
        match (item.state, item.review) {
            (State::Translated, Review::Reviewed) => out.push_str("#, reviewed\n"),
            (State::Translated, Review::Approved) => out.push_str("#, approved\n"),
            _ => {}
        }
        if item.state == State::Stale {
            out.push_str("#, fuzzy\n");
            if let Some(previous) = item.previous_source {
                out.push_str(&format!("#| msgctxt {}\n", quote(id)));
                out.push_str(&field("#| msgid", previous));
            }
        }
        out.push_str(&format!("msgctxt {}\n", quote(id)));
        out.push_str(&field("msgid", &item.unit.text));
        out.push_str(&field("msgstr", item.target));
    }
    out
}

/// `keyword "value"`, split after each newline as gettext does.
fn field(keyword: &str, value: &str) -> String {
    let prefix = keyword.strip_suffix("msgid").unwrap_or("");
    let parts: Vec<&str> = value.split_inclusive('\n').collect();
    if parts.len() <= 1 {
        return format!("{keyword} {}\n", quote(value));
    }
    let mut out = format!("{keyword} \"\"\n");
    for part in parts {
        out.push_str(&format!("{prefix}{}\n", quote(part)));
    }
    out
}

/// A PO string literal.
pub(crate) fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\{:03o}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One entry while it is read.
#[derive(Default)]
struct Raw {
    line: usize,
    fuzzy: bool,
    review: Review,
    base: Option<String>,
    notes: Vec<String>,
    ctxt: Option<String>,
    id: Option<String>,
    plural: bool,
    str: Option<String>,
}

/// Which string the continuation lines extend.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Key {
    None,
    Ctxt,
    Id,
    Str,
    Ignored,
}

/// Parse a PO file.
pub(crate) fn read(text: &str, path: &Path) -> Result<ImportFile, Diagnostic> {
    let mut entries: Vec<Raw> = Vec::new();
    let mut cur = Raw::default();
    let mut key = Key::None;
    for (n, line) in text.lines().enumerate() {
        let at = |col: usize| Some(Location::new(n + 1, col));
        let err = |col: usize, message: String| Diagnostic::error(path, at(col), message);
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len() + 1;
        // As gettext reads PO: blank lines separate nothing; an entry ends
        // where the next one's comments or keywords begin, so comments and
        // flags belong to the entry that follows them, blank lines or not.
        if trimmed.is_empty() {
            continue;
        }
        if let Some(comment) = trimmed.strip_prefix('#') {
            if cur.str.is_some() {
                finish(&mut entries, &mut cur);
            }
            key = if comment.starts_with('~') {
                // Obsolete entries are comments to Tolmach.
                Key::Ignored
            } else {
                comment_line(&mut cur, comment);
                Key::None
            };
            continue;
        }
        if trimmed.starts_with('"') {
            let value = unquote(trimmed).map_err(|(col, m)| err(indent + col, m))?;
            let target = match key {
                Key::Ctxt => &mut cur.ctxt,
                Key::Id => &mut cur.id,
                Key::Str => &mut cur.str,
                Key::Ignored => continue,
                Key::None => return Err(err(indent, "a string continues no keyword".into())),
            };
            target.get_or_insert_with(String::new).push_str(&value);
            continue;
        }
        let (word, rest) = trimmed.split_once([' ', '\t']).unwrap_or((trimmed, ""));
        let value_col = indent + word.len() + 1 + (rest.len() - rest.trim_start().len());
        let value = unquote(rest.trim()).map_err(|(col, m)| err(value_col + col, m))?;
        key = match word {
            "msgctxt" | "msgid" if cur.str.is_some() => {
                finish(&mut entries, &mut cur);
                keyword(&mut cur, word, value, n + 1)
            }
            "msgctxt" if cur.ctxt.is_none() && cur.id.is_none() => {
                keyword(&mut cur, word, value, n + 1)
            }
            "msgid" if cur.id.is_none() => keyword(&mut cur, word, value, n + 1),
            "msgid_plural" if cur.id.is_some() && cur.str.is_none() => {
                cur.plural = true;
                Key::Ignored
            }
            "msgstr" if cur.id.is_some() && cur.str.is_none() && !cur.plural => {
                cur.str = Some(value);
                Key::Str
            }
            w if w.starts_with("msgstr[") && cur.plural => {
                cur.str.get_or_insert_with(String::new);
                Key::Ignored
            }
            "msgctxt" | "msgid" | "msgid_plural" | "msgstr" => {
                return Err(err(indent, format!("`{word}` out of place")));
            }
            _ => {
                return Err(err(
                    indent,
                    format!(
                        "expected msgctxt, msgid, msgstr, a \"string\" or a # comment, found `{word}`"
                    ),
                ));
            }
        };
    }
    if cur.id.is_some() && cur.str.is_none() {
        return Err(Diagnostic::error(
            path,
            Some(Location::new(cur.line, 1)),
            "entry has a msgid but no msgstr".to_string(),
        ));
    }
    finish(&mut entries, &mut cur);
    into_file(entries, path)
}

/// Record what a comment line (without its `#`) says about the entry it precedes.
fn comment_line(cur: &mut Raw, comment: &str) {
    if let Some(flags) = comment.strip_prefix(',') {
        for flag in flags.split(',').map(str::trim) {
            match flag {
                "fuzzy" => cur.fuzzy = true,
                "reviewed" | "approved" => {
                    let level = Review::parse(flag).unwrap_or_default();
                    cur.review = cur.review.max(level);
                }
                _ => {}
            }
        }
    } else if let Some(extracted) = comment.strip_prefix('.') {
        if let Some(base) = extracted.trim().strip_prefix(BASE_COMMENT) {
            cur.base = Some(base.trim().to_string());
        }
    } else if comment.is_empty() || comment.starts_with(' ') {
        let note = comment.strip_prefix(' ').unwrap_or(comment);
        cur.notes.push(note.to_string());
    }
}

fn keyword(cur: &mut Raw, word: &str, value: String, line: usize) -> Key {
    if cur.line == 0 {
        cur.line = line;
    }
    if word == "msgctxt" {
        cur.ctxt = Some(value);
        Key::Ctxt
    } else {
        cur.id = Some(value);
        Key::Id
    }
}

fn finish(entries: &mut Vec<Raw>, cur: &mut Raw) {
    let done = std::mem::take(cur);
    if done.id.is_some() {
        entries.push(done);
    }
}

/// The value of a `"..."` literal, or the column (0-based within `s`) and message of the problem.
fn unquote(s: &str) -> Result<String, (usize, String)> {
    let inner = s
        .strip_prefix('"')
        .ok_or((0, "expected a \"quoted string\"".to_string()))?;
    let mut out = String::new();
    let mut chars = inner.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let rest = inner[i + 1..].trim();
                if rest.is_empty() {
                    return Ok(out);
                }
                return Err((
                    inner[..i].chars().count() + 2,
                    "text after the closing quote".into(),
                ));
            }
            '\\' => {
                let Some((_, e)) = chars.next() else { break };
                out.push(match e {
                    'n' => '\n',
                    't' => '\t',
                    'r' => '\r',
                    '"' => '"',
                    '\\' => '\\',
                    'a' => '\u{7}',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    'v' => '\u{b}',
                    '0'..='7' => {
                        let mut code = e.to_digit(8).unwrap_or(0);
                        for _ in 0..2 {
                            match chars.clone().next() {
                                Some((_, d)) if d.is_digit(8) => {
                                    code = code * 8 + d.to_digit(8).unwrap_or(0);
                                    chars.next();
                                }
                                _ => break,
                            }
                        }
                        char::from_u32(code).unwrap_or('\u{fffd}')
                    }
                    other => {
                        return Err((
                            inner[..i].chars().count() + 1,
                            format!("unknown escape `\\{other}`"),
                        ));
                    }
                });
            }
            c => out.push(c),
        }
    }
    Err((s.chars().count(), "the string has no closing quote".into()))
}

/// Turn entries into units; the header gives the language.
fn into_file(entries: Vec<Raw>, path: &Path) -> Result<ImportFile, Diagnostic> {
    let header = entries
        .iter()
        .find(|e| e.ctxt.is_none() && e.id.as_deref() == Some(""));
    let field = |name: &str| {
        header
            .and_then(|h| h.str.as_deref())
            .and_then(|s| s.lines().find_map(|l| l.strip_prefix(name)))
            .map(|l| l.trim().to_string())
            .filter(|l| !l.is_empty())
    };
    let lang = field("Language:");
    let source_lang = field("X-Source-Language:").map(|value| super::Declared {
        value,
        name: "X-Source-Language",
        location: Location::new(header.map_or(1, |h| h.line), 1),
    });
    let Some(lang) = lang else {
        return Err(Diagnostic::error(
            path,
            Some(Location::new(header.map_or(1, |h| h.line), 1)),
            "the header has no `Language:` field; Tolmach needs it to know which translation this is",
        ));
    };
    let mut units = Vec::new();
    for e in entries {
        if e.ctxt.is_none() && e.id.as_deref() == Some("") {
            continue;
        }
        let location = Location::new(e.line, 1);
        let Some(id) = e.ctxt else {
            return Err(Diagnostic::error(
                path,
                Some(location),
                "entry has no msgctxt; Tolmach keys every entry by its unit id in msgctxt",
            ));
        };
        let target = if e.plural {
            String::new()
        } else {
            e.str.unwrap_or_default()
        };
        let state = if e.plural {
            "plural"
        } else if e.fuzzy {
            "fuzzy"
        } else if target.is_empty() {
            "untranslated"
        } else {
            "translated"
        };
        units.push(ImportUnit {
            id,
            source: e.id.unwrap_or_default(),
            target,
            done: state == "translated",
            review: if state == "translated" {
                e.review
            } else {
                Review::Translated
            },
            state: state.into(),
            location,
            base: e.base,
            notes: e.notes,
        });
    }
    Ok(ImportFile {
        lang,
        source_lang,
        units,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::{Document, tests::site};

    #[test]
    fn written_files_read_back() {
        let site = site();
        let doc = Document::of(
            &site,
            site.language("en").unwrap(),
            &Default::default(),
            &[],
        );
        let text = write(&doc);
        assert!(
            text.contains("#, fuzzy\n#| msgctxt \"b\"\n#| msgid \"Старое\"\nmsgctxt \"b\"\n"),
            "{text}"
        );
        assert!(
            text.contains("msgstr \"\"\n\"Text\\n\"\n\"with a break\"\n"),
            "{text}"
        );
        let file = read(&text, Path::new("f.po")).unwrap();
        assert_eq!(file.lang, "en");
        let a = &file.units[1];
        assert_eq!(a.source, "Текст \"в кавычках\" \\ и");
        assert_eq!(a.target, "Text\nwith a break");
        assert!(a.done);
        let b = &file.units[3];
        assert!(!b.done);
        assert_eq!(b.target, "Old");
    }

    #[test]
    fn bad_strings_name_their_line_and_column() {
        let text = "msgid \"\"\nmsgstr \"Language: en\\n\"\n\nmsgctxt \"a\"\nmsgid \"x\\q\"\n";
        let err = read(text, Path::new("f.po")).unwrap_err();
        assert_eq!(err.to_string(), "f.po:5:9: error: unknown escape `\\q`");
        let err = read(
            "msgid \"\"\nmsgstr \"Language: en\\n\"\nmsgtxt \"a\"\n",
            Path::new("f.po"),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("f.po:3:1: error: expected msgctxt"),
            "{err}"
        );
    }
}
