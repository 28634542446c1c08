//! The one editor of translation files (`locales/<lang>/statement.yaml` and
//! `orphans.yaml`). `sync`, `import` and `review` plan their changes as
//! [`Change`]s; [`apply`] makes exactly those changes to the file as it is
//! on disk, or refuses with the file, line and column.
//!
//! - Every position comes from the YAML parser's own spans ([`layout`]), so
//!   any file the loader accepts can be edited: comments anywhere (on a key
//!   line too), block or flow style, any quoting or block scalar, any
//!   indentation, CR LF or LF, with or without a byte-order mark.
//! - A change replaces only the bytes of the value it changes, adds a line
//!   (or a `, field: value` in flow style) or removes one; new values keep
//!   the style of the value they replace ([`scalar`]), new lines the file's
//!   indentation and line ends.
//! - The result is read back and compared with the intended model: the
//!   changed units must be exactly as planned, every other unit and every
//!   comment byte-identical, the byte-order mark and line ends as they were.
//!   If anything differs, nothing is written and the command fails.

mod layout;
mod scalar;
mod verify;

use std::ops::Range;
use std::path::Path;

use crate::error::{Diagnostic, Error, Location, Result};
use crate::load::{self, TextFile};
use crate::settings::Settings;
use layout::{Layout, Style, UnitLayout};

pub(crate) use scalar::double_quoted as quote;

/// One change to a translation file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Change {
    /// Set `field` of unit `id` to `value` (added after the unit's last field if absent).
    Set {
        /// Unit id.
        id: String,
        /// The field's name.
        field: &'static str,
        /// The new value.
        value: String,
    },
    /// Remove `field` of unit `id` if present.
    Remove {
        /// Unit id.
        id: String,
        /// The field's name.
        field: &'static str,
    },
    /// Insert a new unit after unit `after`; with `None`, before the first
    /// unit (after the file's leading comments); at the end if `after` is
    /// not found. Units inserted at one place keep the order of the changes
    /// (a unit inserted after a new unit follows it).
    Insert {
        /// The unit to insert after.
        after: Option<String>,
        /// The new unit's id.
        id: String,
        /// Its fields in order.
        fields: Vec<(&'static str, String)>,
    },
    /// Remove unit `id` with its fields (comments above it stay).
    Delete {
        /// Unit id.
        id: String,
    },
}

impl Change {
    fn id(&self) -> &str {
        match self {
            Change::Set { id, .. }
            | Change::Remove { id, .. }
            | Change::Insert { id, .. }
            | Change::Delete { id } => id,
        }
    }
}

/// Make `changes` to the project file `file` as it is on disk (it must still
/// be what the model read) and replace it atomically. Returns whether
/// anything changed; nothing is written if nothing did.
pub(crate) fn rewrite(
    root: &Path,
    file: &TextFile,
    changes: &[Change],
    settings: &Settings,
) -> Result<bool> {
    if changes.is_empty() {
        return Ok(false);
    }
    let raw = load::raw_text(root, file, settings)?;
    let new = apply(&raw, &file.path, changes).map_err(Error::at)?;
    if new == raw {
        return Ok(false);
    }
    crate::write::replace_file(&root.join(&file.path), new.as_bytes())?;
    Ok(true)
}

/// Make `changes` to `raw`, the text of the file `path` as it is on disk.
/// Returns the new text, proven to differ from `raw` by exactly the
/// changes; or the reason nothing can be written.
pub(crate) fn apply(
    raw: &str,
    path: &Path,
    changes: &[Change],
) -> std::result::Result<String, Diagnostic> {
    let layout = layout::read(raw).map_err(|(offset, message)| at(raw, path, offset, message))?;
    let file = File {
        raw,
        layout: &layout,
        eol: if raw.contains("\r\n") { "\r\n" } else { "\n" },
    };
    let normal = normalize(changes);
    let mut splices = Vec::new();
    let mut units = Vec::new();
    let mut anchors = Anchors::new(&normal);
    for change in &normal {
        file.plan(change, &mut anchors, &mut splices, &mut units)
            .map_err(|(offset, message)| at(raw, path, offset, message))?;
    }
    // New units go after the fields added at the same place: a field added
    // to the last unit belongs to it, not to a unit inserted after it.
    splices.extend(units);
    let new = splice(raw, splices).map_err(|(offset, message)| at(raw, path, offset, message))?;
    verify::exact(raw, &new, &layout, changes).map_err(|message| {
        Diagnostic::error(
            path,
            None,
            format!("the edit could not be made exactly ({message}); nothing was written"),
        )
    })?;
    Ok(new)
}

/// The lines of unit `id` as written in `raw` (from its key line to the end
/// of its last line, line break excluded), for moving it elsewhere verbatim.
pub(crate) fn unit_text(
    raw: &str,
    path: &Path,
    id: &str,
) -> std::result::Result<String, Diagnostic> {
    let layout = layout::read(raw).map_err(|(offset, message)| at(raw, path, offset, message))?;
    let unit = layout
        .unit(id)
        .ok_or_else(|| Diagnostic::error(path, None, format!("unit `{id}` is not in the file")))?;
    let file = File {
        raw,
        layout: &layout,
        eol: "\n",
    };
    let end = file.line_end(file.with_right_comment(unit.end));
    Ok(raw[file.line_start(unit.key.start)..end].to_string())
}

/// The comments of every unit, by id, as translators' notes: the comment
/// lines directly above its key (no blank line between) and the comments
/// on its own lines, without their `#`.
pub(crate) fn unit_comments(
    raw: &str,
    path: &Path,
) -> std::result::Result<std::collections::HashMap<String, Vec<String>>, Diagnostic> {
    let layout = layout::read(raw).map_err(|(offset, message)| at(raw, path, offset, message))?;
    let file = File {
        raw,
        layout: &layout,
        eol: "\n",
    };
    let mut out = std::collections::HashMap::new();
    let mut floor = 0;
    for unit in &layout.units {
        let start = file.line_start(unit.key.start);
        let end = file.line_end(file.with_right_comment(unit.end));
        let mut above = Vec::new();
        let mut line = start;
        while line > floor {
            let prev = file.line_start(line - 1);
            let text = raw[prev..line].trim();
            if !text.starts_with('#') {
                break;
            }
            above.push(prev..line);
            line = prev;
        }
        let lines: Vec<String> = above
            .iter()
            .rev()
            .flat_map(|r| file.comments_in(r.clone()))
            .chain(file.comments_in(start..end))
            .map(|c| {
                let text = raw[c].trim_start_matches('#');
                text.strip_prefix(' ').unwrap_or(text).to_string()
            })
            .collect();
        if !lines.is_empty() {
            out.insert(unit.id.clone(), lines);
        }
        floor = end;
    }
    Ok(out)
}

fn at(raw: &str, path: &Path, offset: usize, message: String) -> Diagnostic {
    let body = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let shift = raw.len() - body.len();
    let location = Location::of_offset(
        &body.replace("\r\n", "\n"),
        crlf_free(body, offset.saturating_sub(shift)),
    );
    Diagnostic::error(path, Some(location), message)
}

/// The offset in `text` with its CR LF pairs counted as one byte.
fn crlf_free(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    offset - text[..offset].matches("\r\n").count()
}

/// A replacement of bytes, in the order the changes asked for it.
type Splice = (Range<usize>, String);

/// What went wrong: a byte offset in the file and a message.
type Problem = (usize, String);

/// The changes with the same effect, one per field: a later change to a
/// field replaces an earlier one, changes to a unit inserted by the same
/// edit go into its fields, and changes to a unit that is deleted go.
fn normalize(changes: &[Change]) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::new();
    for change in changes {
        match change {
            Change::Set { id, field, .. } | Change::Remove { id, field } => {
                let value = match change {
                    Change::Set { value, .. } => Some(value.clone()),
                    _ => None,
                };
                if let Some(Change::Insert { fields, .. }) = out
                    .iter_mut()
                    .find(|c| matches!(c, Change::Insert { id: new, .. } if new == id))
                {
                    fields.retain(|(name, _)| name != field);
                    fields.extend(value.map(|v| (*field, v)));
                    continue;
                }
                out.retain(|c| {
                    !matches!(c, Change::Set { id: i, field: f, .. } | Change::Remove { id: i, field: f } if i == id && f == field)
                });
                out.push(change.clone());
            }
            Change::Delete { id } => {
                out.retain(|c| !matches!(c, Change::Set { id: i, .. } | Change::Remove { id: i, .. } if i == id));
                out.push(change.clone());
            }
            Change::Insert { .. } => out.push(change.clone()),
        }
    }
    out
}

/// Where new units go. A unit inserted after another new unit goes where
/// that one went, after it: insertions at one place keep the order of the
/// changes. A unit inserted after a unit that is deleted takes its place.
struct Anchors<'c> {
    /// Units the changes delete.
    deleted: Vec<&'c str>,
    /// New unit id → the existing unit it follows (`None`: the start).
    inserted: Vec<(&'c str, Option<&'c str>)>,
}

impl<'c> Anchors<'c> {
    fn new(changes: &'c [Change]) -> Self {
        Anchors {
            deleted: changes
                .iter()
                .filter_map(|c| match c {
                    Change::Delete { id } => Some(id.as_str()),
                    _ => None,
                })
                .collect(),
            inserted: Vec::new(),
        }
    }

    /// The existing unit (or the start) a new unit `id` inserted after `after` follows.
    fn resolve(&mut self, id: &'c str, after: Option<&'c str>) -> Option<&'c str> {
        let anchor = match after {
            Some(a) => match self.inserted.iter().find(|(new, _)| *new == a) {
                Some((_, anchor)) => *anchor,
                None => Some(a),
            },
            None => None,
        };
        self.inserted.push((id, anchor));
        anchor
    }
}

/// Apply non-overlapping splices; insertions at one place keep their order
/// and come before a replacement that starts there.
fn splice(raw: &str, mut splices: Vec<Splice>) -> Result<String, Problem> {
    splices.sort_by_key(|(range, _)| (range.start, range.end > range.start));
    let mut out = String::with_capacity(raw.len() + 256);
    let mut cursor = 0;
    for (range, text) in splices {
        if range.start < cursor {
            return Err((range.start, "two changes overlap".to_string()));
        }
        out.push_str(&raw[cursor..range.start]);
        out.push_str(&text);
        cursor = range.end;
    }
    out.push_str(&raw[cursor..]);
    Ok(out)
}

/// The file being edited.
struct File<'a> {
    raw: &'a str,
    layout: &'a Layout,
    eol: &'static str,
}

impl File<'_> {
    fn plan<'c>(
        &self,
        change: &'c Change,
        anchors: &mut Anchors<'c>,
        out: &mut Vec<Splice>,
        units: &mut Vec<Splice>,
    ) -> Result<(), Problem> {
        match change {
            Change::Insert { after, id, fields } => {
                let anchor = anchors.resolve(id, after.as_deref());
                let deleted = anchor.is_some_and(|a| anchors.deleted.contains(&a));
                units.push(self.insert_unit(anchor, deleted, id, fields));
                return Ok(());
            }
            _ if self.layout.unit(change.id()).is_none() => {
                return Err((0, format!("unit `{}` is not in the file", change.id())));
            }
            _ => {}
        }
        let unit = self.layout.unit(change.id()).expect("checked just above");
        match change {
            Change::Set { field, value, .. } => out.push(self.set(unit, field, value)?),
            Change::Remove { field, .. } => out.extend(self.remove(unit, field)),
            Change::Delete { .. } => out.push(self.delete(unit)),
            Change::Insert { .. } => unreachable!("handled above"),
        }
        Ok(())
    }

    /// Replace a field's value, or add the field if the unit lacks it.
    fn set(&self, unit: &UnitLayout, field: &str, value: &str) -> Result<Splice, Problem> {
        let flow = unit.style == Some(Style::Flow);
        let Some(existing) = unit.fields.iter().find(|f| f.name == field) else {
            return self.add_field(unit, field, value);
        };
        let Some(scalar) = &existing.value else {
            return Err((
                existing.key.start,
                format!("`{field}` of `{}` is not a text value", unit.id),
            ));
        };
        if scalar.anchored {
            return Err((
                scalar.span.start,
                format!(
                    "`{field}` of `{}` carries a YAML anchor that other values may use; edit it by hand",
                    unit.id
                ),
            ));
        }
        let indent = self.column(existing.key.start) + 2;
        let text = scalar::render(value, scalar.style, indent, flow, self.eol);
        Ok((scalar.span.clone(), text))
    }

    /// A new `field: value` after the unit's last field.
    fn add_field(&self, unit: &UnitLayout, field: &str, value: &str) -> Result<Splice, Problem> {
        match unit.style {
            Some(Style::Block) => {
                let first = unit
                    .fields
                    .first()
                    .ok_or((unit.key.start, format!("unit `{}` has no fields", unit.id)))?;
                let indent = " ".repeat(self.column(first.key.start));
                let line = format!("{indent}{field}: {}", scalar::double_quoted(value));
                Ok(self.line_after(self.with_right_comment(unit.end), &line))
            }
            Some(Style::Flow) => {
                let close = unit.close.unwrap_or(unit.end);
                let (at, before) = self.flow_insertion(close);
                let text = format!("{before}{field}: {}", scalar::double_quoted(value));
                Ok((at..at, text))
            }
            None => Err((
                unit.key.start,
                format!("unit `{}` is not a mapping of fields", unit.id),
            )),
        }
    }

    /// Remove a field (its comments stay, each on a line of its own).
    fn remove(&self, unit: &UnitLayout, field: &str) -> Option<Splice> {
        let existing = unit.fields.iter().find(|f| f.name == field)?;
        if unit.style == Some(Style::Flow) {
            return Some(self.remove_flow_entry(existing.key.start, existing.end));
        }
        let start = self.line_start(existing.key.start);
        let end = self.line_end_with_eol(self.with_right_comment(existing.end));
        let indent = " ".repeat(self.column(existing.key.start));
        let kept: String = self
            .comments_in(start..end)
            .map(|c| format!("{indent}{}{}", &self.raw[c], self.eol))
            .collect();
        Some((start..end, kept))
    }

    /// Remove a unit: its lines, and one blank line after it.
    fn delete(&self, unit: &UnitLayout) -> Splice {
        if self.layout.style == Style::Flow {
            return self.remove_flow_entry(unit.key.start, unit.end);
        }
        let start = self.line_start(unit.key.start);
        let mut end = self.line_end_with_eol(self.with_right_comment(unit.end));
        let next = self.line_end_with_eol(end);
        if next > end && self.raw[end..next].trim().is_empty() {
            end = next;
        }
        (start..end, String::new())
    }

    /// A new unit after the existing unit `after` (in its place if it is
    /// `deleted`; before the first unit if `None`; at the end if not found).
    fn insert_unit(
        &self,
        after: Option<&str>,
        deleted: bool,
        id: &str,
        fields: &[(&str, String)],
    ) -> Splice {
        let anchor = after.and_then(|a| self.layout.unit(a));
        let first = self.layout.units.first();
        if self.layout.style == Style::Flow {
            let body = Self::flow_unit(id, fields);
            return match (after, anchor) {
                (_, Some(unit)) if deleted => (unit.key.start..unit.key.start, format!("{body}, ")),
                (_, Some(unit)) => (unit.end..unit.end, format!(", {body}")),
                (None, _) if first.is_some() => {
                    let at = first.map_or(0, |u| u.key.start);
                    (at..at, format!("{body}, "))
                }
                _ => {
                    let (at, before) =
                        self.flow_insertion(self.layout.close.unwrap_or(self.raw.len()));
                    (at..at, format!("{before}{body}"))
                }
            };
        }
        let block = self.block_unit(anchor.or(first), id, fields);
        let blank = if self.blank_between_units() {
            self.eol
        } else {
            ""
        };
        match (after, anchor) {
            (_, Some(unit)) if deleted => {
                let at = self.line_start(unit.key.start);
                (at..at, format!("{block}{blank}"))
            }
            (_, Some(unit)) => {
                let at = self.line_end_with_eol(self.with_right_comment(unit.end));
                let lead = if self.raw[..at].ends_with('\n') {
                    ""
                } else {
                    self.eol
                };
                (at..at, format!("{lead}{blank}{block}"))
            }
            (None, _) if first.is_some() => {
                let at = first.map_or(0, |u| self.line_start(u.key.start));
                (at..at, format!("{block}{blank}"))
            }
            _ => {
                let at = self.raw.len();
                let lead = if self.raw.is_empty() || self.raw.ends_with('\n') {
                    ""
                } else {
                    self.eol
                };
                let blank = if self.raw.trim().is_empty() {
                    ""
                } else {
                    self.eol
                };
                (at..at, format!("{lead}{blank}{block}"))
            }
        }
    }

    /// A unit in block style, following the fields' indentation of `model`.
    fn block_unit(
        &self,
        model: Option<&UnitLayout>,
        id: &str,
        fields: &[(&str, String)],
    ) -> String {
        if model.is_some_and(|m| m.style == Some(Style::Flow)) {
            return format!("{}{}", Self::flow_unit(id, fields), self.eol);
        }
        let indent = model
            .and_then(|m| m.fields.first())
            .map_or(2, |f| self.column(f.key.start));
        let mut out = format!("{id}:{}", self.eol);
        for (name, value) in fields {
            out.push_str(&format!(
                "{}{name}: {}{}",
                " ".repeat(indent),
                scalar::double_quoted(value),
                self.eol
            ));
        }
        out
    }

    fn flow_unit(id: &str, fields: &[(&str, String)]) -> String {
        let inner: Vec<String> = fields
            .iter()
            .map(|(name, value)| format!("{name}: {}", scalar::double_quoted(value)))
            .collect();
        format!("{id}: {{{}}}", inner.join(", "))
    }

    /// Whether the file separates units with blank lines (Tolmach's own
    /// layout, and the default).
    fn blank_between_units(&self) -> bool {
        match self.layout.units.as_slice() {
            [first, second, ..] => {
                let from = self.line_end_with_eol(self.with_right_comment(first.end));
                let to = self.line_start(second.key.start);
                from <= to && self.raw[from..to].lines().any(|l| l.trim().is_empty())
            }
            _ => true,
        }
    }

    /// Where to add an entry before the closing `}` at `close`, and what
    /// goes before it (`, ` unless the mapping is empty or ends in a comma).
    fn flow_insertion(&self, close: usize) -> (usize, &'static str) {
        let before = self.raw[..close].trim_end();
        match before.chars().last() {
            Some('{') => (close, ""),
            Some(',') => (close, " "),
            _ => (before.len(), ", "),
        }
    }

    /// Remove `key: value` from a flow mapping with the comma that joins it.
    fn remove_flow_entry(&self, start: usize, end: usize) -> Splice {
        let after = &self.raw[end..];
        let trimmed = after.trim_start_matches([' ', '\t']);
        if let Some(rest) = trimmed.strip_prefix(',') {
            let skip = after.len() - rest.trim_start_matches([' ', '\t']).len();
            return (start..end + skip, String::new());
        }
        let before = self.raw[..start].trim_end_matches([' ', '\t', '\r', '\n']);
        match before.strip_suffix(',') {
            Some(kept) => (kept.len()..end, String::new()),
            None => (start..end, String::new()),
        }
    }

    /// `offset`, moved past a comment on the rest of its line.
    fn with_right_comment(&self, offset: usize) -> usize {
        let line_end = self.line_end(offset);
        self.layout
            .comments
            .iter()
            .find(|c| c.start >= offset && c.end <= line_end)
            .map_or(offset, |c| c.end)
    }

    fn comments_in(&self, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
        self.layout
            .comments
            .iter()
            .filter(move |c| c.start >= range.start && c.end <= range.end)
            .cloned()
    }

    /// A new line after the line holding `offset`.
    fn line_after(&self, offset: usize, line: &str) -> Splice {
        let end = self.line_end(offset);
        let next = self.line_end_with_eol(offset);
        if next > end {
            (next..next, format!("{line}{}", self.eol))
        } else {
            (end..end, format!("{}{line}", self.eol))
        }
    }

    /// The start of the line holding `offset` (after the byte-order mark on the first line).
    fn line_start(&self, offset: usize) -> usize {
        let bom = if self.raw.starts_with('\u{feff}') {
            3
        } else {
            0
        };
        if offset <= bom {
            return bom;
        }
        self.raw[..offset].rfind('\n').map_or(bom, |i| i + 1)
    }

    /// The end of the line holding `offset`, before its line break.
    fn line_end(&self, offset: usize) -> usize {
        let end = self.raw[offset..]
            .find('\n')
            .map_or(self.raw.len(), |i| offset + i);
        if end > offset && self.raw[..end].ends_with('\r') {
            end - 1
        } else {
            end
        }
    }

    /// The end of the line holding `offset`, after its line break.
    fn line_end_with_eol(&self, offset: usize) -> usize {
        self.raw[offset..]
            .find('\n')
            .map_or(self.raw.len(), |i| offset + i + 1)
    }

    /// The column of `offset` in bytes from its line start (indentation is ASCII spaces).
    fn column(&self, offset: usize) -> usize {
        offset - self.line_start(offset)
    }
}

#[cfg(test)]
mod properties;
#[cfg(test)]
mod tests;
