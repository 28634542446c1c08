//! Line-preserving edits of a translation file: change one field of one
//! unit, add or remove a unit, and leave every other byte (comments, order,
//! blank lines, quoting of untouched fields) exactly as it was.
//!
//! Used by `sync` and `import`, so both follow the same rules.

/// One change to a translation file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Change {
    /// Set `field` of unit `id` to `value` (added after the unit's last field if absent).
    Set {
        /// Unit id.
        id: String,
        /// `source`, `text` or `previous_source`.
        field: &'static str,
        /// The new value.
        value: String,
    },
    /// Remove `field` of unit `id` if present.
    Remove {
        /// Unit id.
        id: String,
        /// The field.
        field: &'static str,
    },
    /// Insert a new unit after unit `after`; with `None`, before the first
    /// unit (after the file's leading comments); at the end if `after` is not found.
    Insert {
        /// The unit to insert after.
        after: Option<String>,
        /// The new unit's id.
        id: String,
        /// Its fields in order.
        fields: Vec<(&'static str, String)>,
    },
    /// Remove unit `id` with its fields (comments directly above it stay).
    Delete {
        /// Unit id.
        id: String,
    },
}

/// A YAML double-quoted scalar for `value`.
pub(crate) fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The unit blocks of a file: `(id, first line, end line exclusive)`. A block
/// runs from its key line to the line before the next top-level key,
/// excluding trailing blank and comment lines (those belong to what follows).
fn blocks(lines: &[&str]) -> Vec<(String, usize, usize)> {
    let mut starts = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(id) = top_level_key(line) {
            starts.push((id.to_string(), i));
        }
    }
    let mut out = Vec::new();
    for (n, (id, start)) in starts.iter().enumerate() {
        let mut end = starts.get(n + 1).map_or(lines.len(), |(_, s)| *s);
        while end > start + 1 {
            let prev = lines[end - 1].trim_start();
            if prev.is_empty() || (prev.starts_with('#') && !lines[end - 1].starts_with("  ")) {
                end -= 1;
            } else {
                break;
            }
        }
        out.push((id.clone(), *start, end));
    }
    out
}

fn top_level_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '#', '-']) {
        return None;
    }
    let key = line.trim_end().strip_suffix(':')?;
    let key = key.trim_matches('"').trim_matches('\'');
    (!key.is_empty()).then_some(key)
}

/// The lines of `field` within a block: its key line and continuation lines.
fn field_span(lines: &[&str], start: usize, end: usize, field: &str) -> Option<(usize, usize)> {
    let prefix = format!("  {field}:");
    let first = (start + 1..end).find(|&i| lines[i].starts_with(&prefix))?;
    let mut last = first + 1;
    while last < end {
        let line = lines[last];
        let indent = line.len() - line.trim_start().len();
        if line.trim().is_empty() || indent > 2 {
            last += 1;
        } else {
            break;
        }
    }
    // Do not swallow blank lines that end the block.
    while last > first + 1 && lines[last - 1].trim().is_empty() {
        last -= 1;
    }
    Some((first, last))
}

/// Apply `changes` in order to the file `text`.
pub(crate) fn apply(text: &str, changes: &[Change]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for change in changes {
        let view: Vec<&str> = lines.iter().map(String::as_str).collect();
        let found = blocks(&view);
        let block = |id: &str| {
            found
                .iter()
                .find(|(b, _, _)| b == id)
                .map(|(_, s, e)| (*s, *e))
        };
        match change {
            Change::Set { id, field, value } => {
                let Some((start, end)) = block(id) else {
                    continue;
                };
                let new_line = format!("  {field}: {}", quote(value));
                match field_span(&view, start, end, field) {
                    Some((first, last)) => {
                        lines.splice(first..last, [new_line]);
                    }
                    None => {
                        let mut at = end;
                        while at > start + 1 && lines[at - 1].trim().is_empty() {
                            at -= 1;
                        }
                        lines.insert(at, new_line);
                    }
                }
            }
            Change::Remove { id, field } => {
                let Some((start, end)) = block(id) else {
                    continue;
                };
                if let Some((first, last)) = field_span(&view, start, end, field) {
                    lines.drain(first..last);
                }
            }
            Change::Insert { after, id, fields } => {
                let mut new_block = vec![format!("{id}:")];
                new_block.extend(fields.iter().map(|(f, v)| format!("  {f}: {}", quote(v))));
                let first = found.first().map(|(_, start, _)| *start);
                let at = match after.as_deref() {
                    Some(after) => block(after).map(|(_, end)| (end, true)),
                    None => first.map(|start| (start, false)),
                };
                match at {
                    Some((end, true)) => {
                        // After a unit: one blank line before the new one.
                        new_block.insert(0, String::new());
                        lines.splice(end..end, new_block);
                    }
                    Some((start, false)) => {
                        // Before the first unit: one blank line after the new one.
                        new_block.push(String::new());
                        lines.splice(start..start, new_block);
                    }
                    None => {
                        if lines.last().is_some_and(|l| !l.trim().is_empty()) {
                            lines.push(String::new());
                        }
                        lines.extend(new_block);
                    }
                }
            }
            Change::Delete { id } => {
                let Some((start, end)) = block(id) else {
                    continue;
                };
                let mut end = end;
                // Take one following blank line with it.
                if lines.get(end).is_some_and(|l| l.trim().is_empty()) {
                    end += 1;
                }
                lines.drain(start..end);
            }
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = "# head comment\n\na:\n  source: \"А\"\n  text: \"A\"\n\n# about b\nb:\n  source: \"Б\"\n  text: >-\n    long\n    text\n";

    #[test]
    fn setting_a_field_keeps_everything_else() {
        let out = apply(
            FILE,
            &[Change::Set {
                id: "a".into(),
                field: "text",
                value: "A2".into(),
            }],
        );
        assert_eq!(out, FILE.replace("text: \"A\"", "text: \"A2\""));
    }

    #[test]
    fn multi_line_fields_are_replaced_whole() {
        let out = apply(
            FILE,
            &[Change::Set {
                id: "b".into(),
                field: "text",
                value: "short".into(),
            }],
        );
        assert!(
            out.ends_with("b:\n  source: \"Б\"\n  text: \"short\"\n"),
            "{out}"
        );
    }

    #[test]
    fn missing_fields_are_added_and_removed() {
        let out = apply(
            FILE,
            &[Change::Set {
                id: "a".into(),
                field: "previous_source",
                value: "Старое".into(),
            }],
        );
        assert!(
            out.contains("  text: \"A\"\n  previous_source: \"Старое\"\n\n# about b"),
            "{out}"
        );
        let back = apply(
            &out,
            &[Change::Remove {
                id: "a".into(),
                field: "previous_source",
            }],
        );
        assert_eq!(back, FILE);
    }

    #[test]
    fn units_are_inserted_and_deleted() {
        let out = apply(
            FILE,
            &[Change::Insert {
                after: Some("a".into()),
                id: "c".into(),
                fields: vec![("source", "В".into()), ("text", String::new())],
            }],
        );
        assert!(
            out.contains("  text: \"A\"\n\nc:\n  source: \"В\"\n  text: \"\"\n\n# about b"),
            "{out}"
        );
        let back = apply(&out, &[Change::Delete { id: "c".into() }]);
        assert_eq!(back, FILE);
    }

    #[test]
    fn a_unit_without_predecessor_goes_first_after_the_header() {
        let out = apply(
            FILE,
            &[Change::Insert {
                after: None,
                id: "title".into(),
                fields: vec![("source", "Т".into()), ("text", String::new())],
            }],
        );
        assert!(
            out.starts_with("# head comment\n\ntitle:\n  source: \"Т\"\n  text: \"\"\n\na:\n"),
            "{out}"
        );
    }

    #[test]
    fn quoting_escapes() {
        assert_eq!(quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
    }
}
