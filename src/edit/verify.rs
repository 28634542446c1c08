//! The proof that an edit did exactly what was planned: the new text is
//! read back by the loader and compared with the intended model; untouched
//! units and every comment must be byte-identical; the byte-order mark and
//! the line ends must be as they were.

use std::path::Path;

use super::Change;
use super::layout::{self, Layout};
use crate::model::{Entry, Translation};

/// Check `new` against `old` and the planned `changes`; the message says what differs.
pub(super) fn exact(
    old: &str,
    new: &str,
    old_layout: &Layout,
    changes: &[Change],
) -> Result<(), String> {
    encoding_kept(old, new)?;
    let before =
        entries(old).map_err(|e| format!("the file could not be read before the edit: {e}"))?;
    let after = entries(new).map_err(|e| format!("the result would not load: {e}"))?;
    let intended = intended(before, changes);
    if after != intended {
        let differs = first_difference(&intended, &after);
        return Err(format!("unit `{differs}` would not be as planned"));
    }
    let new_layout =
        layout::read(new).map_err(|(_, m)| format!("the result would not parse: {m}"))?;
    untouched_units_kept(old, new, old_layout, &new_layout, changes)?;
    comments_kept(old, new, old_layout, &new_layout, changes)
}

/// The entries of a file's text, positions aside.
fn entries(raw: &str) -> Result<Vec<Entry>, String> {
    let (text, _) = crate::load::decode(raw.as_bytes().to_vec(), Path::new("file.yaml"), true)
        .map_err(|d| d.message)?;
    let translation = Translation::parse(&text, Path::new("file")).map_err(|d| d.to_string())?;
    Ok(translation.entries.iter().map(Entry::content).collect())
}

/// The entries after the changes, as the model says they must be:
/// changes in order, deletions last; a new unit follows its anchor (the
/// existing unit it was inserted after, through any new units) and the new
/// units already placed there.
pub(super) fn intended(mut entries: Vec<Entry>, changes: &[Change]) -> Vec<Entry> {
    let mut anchors: Vec<(String, Option<String>)> = Vec::new();
    for change in changes {
        match change {
            Change::Set { id, field, value } => {
                if let Some(e) = entries.iter_mut().find(|e| e.id == *id) {
                    e.set(field, Some(value.clone()));
                }
            }
            Change::Remove { id, field } => {
                if let Some(e) = entries.iter_mut().find(|e| e.id == *id) {
                    e.set(field, None);
                }
            }
            Change::Insert { after, id, fields } => {
                let anchor = match after {
                    Some(a) => anchors
                        .iter()
                        .find(|(new, _)| new == a)
                        .map_or(Some(a.clone()), |(_, anchor)| anchor.clone()),
                    None => None,
                };
                let mut at = match &anchor {
                    Some(a) => entries
                        .iter()
                        .position(|e| e.id == *a)
                        .map_or(entries.len(), |i| i + 1),
                    None => 0,
                };
                while entries.get(at).is_some_and(|e| {
                    anchors
                        .iter()
                        .any(|(new, an)| *new == e.id && *an == anchor)
                }) {
                    at += 1;
                }
                let mut entry = Entry::new(id);
                for (name, value) in fields {
                    entry.set(name, Some(value.clone()));
                }
                entries.insert(at, entry);
                anchors.push((id.clone(), anchor));
            }
            Change::Delete { .. } => {}
        }
    }
    for change in changes {
        if let Change::Delete { id } = change {
            entries.retain(|e| e.id != *id);
        }
    }
    entries
}

fn first_difference(intended: &[Entry], after: &[Entry]) -> String {
    let mut ids = intended
        .iter()
        .zip(after)
        .filter(|(a, b)| a != b)
        .map(|(a, _)| a.id.clone());
    ids.next()
        .or_else(|| {
            let longer = if intended.len() > after.len() {
                intended
            } else {
                after
            };
            longer
                .get(intended.len().min(after.len()))
                .map(|e| e.id.clone())
        })
        .unwrap_or_default()
}

/// Every unit no change names is byte-for-byte what it was.
fn untouched_units_kept(
    old: &str,
    new: &str,
    old_layout: &Layout,
    new_layout: &Layout,
    changes: &[Change],
) -> Result<(), String> {
    for unit in &old_layout.units {
        if changes.iter().any(|c| c.id() == unit.id) {
            continue;
        }
        let kept = new_layout
            .unit(&unit.id)
            .is_some_and(|n| new[n.key.start..n.end] == old[unit.key.start..unit.end]);
        if !kept {
            return Err(format!(
                "unit `{}`, which no change names, would change",
                unit.id
            ));
        }
    }
    Ok(())
}

/// Every comment is still there, in the same order, except those inside a deleted unit.
fn comments_kept(
    old: &str,
    new: &str,
    old_layout: &Layout,
    new_layout: &Layout,
    changes: &[Change],
) -> Result<(), String> {
    let deleted: Vec<std::ops::Range<usize>> = old_layout
        .units
        .iter()
        .filter(|u| {
            changes
                .iter()
                .any(|c| matches!(c, Change::Delete { id } if *id == u.id))
        })
        .map(|u| {
            let start = old[..u.key.start].rfind('\n').map_or(0, |i| i + 1);
            let end = old[u.end..].find('\n').map_or(old.len(), |i| u.end + i);
            start..end
        })
        .collect();
    let before: Vec<&str> = old_layout
        .comments
        .iter()
        .filter(|c| !deleted.iter().any(|d| d.contains(&c.start)))
        .map(|c| &old[c.clone()])
        .collect();
    let after: Vec<&str> = new_layout
        .comments
        .iter()
        .map(|c| &new[c.clone()])
        .collect();
    if before == after {
        Ok(())
    } else {
        Err("a comment would be lost or changed".to_string())
    }
}

/// The byte-order mark and the line ends are as they were.
fn encoding_kept(old: &str, new: &str) -> Result<(), String> {
    let bom = |t: &str| t.starts_with('\u{feff}');
    if bom(old) != bom(new) {
        return Err("the byte-order mark would change".to_string());
    }
    let lone_lf = |t: &str| t.matches('\n').count() > t.matches("\r\n").count();
    let crlf_only = old.contains("\r\n") && !lone_lf(old);
    if (crlf_only && lone_lf(new)) || (!old.contains('\r') && new.contains('\r')) {
        return Err("the line ends would change".to_string());
    }
    Ok(())
}
