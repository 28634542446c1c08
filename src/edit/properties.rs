//! Property test of the editor: random translation files in every layout
//! the loader accepts (block and flow units; double-quoted, single-quoted,
//! plain, literal and folded values; comments above units, on key lines and
//! after values; 2 or 4 spaces; LF or CR LF; with or without a BOM), random
//! edits, and three checks on every result: it loads, its units are exactly
//! the intended ones, and every untouched unit and every surviving comment
//! is byte-identical.

use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;

use super::{Change, apply};
use crate::model::Translation;

/// How a value is written.
#[derive(Clone, Copy, Debug)]
enum ValueStyle {
    Double,
    Single,
    Plain,
    Literal,
    Folded,
}

/// One generated unit.
#[derive(Clone, Debug)]
struct GenUnit {
    id: String,
    flow: bool,
    fields: Vec<(&'static str, String, ValueStyle)>,
    above: Option<String>,
    on_key: Option<String>,
    after_value: Option<String>,
}

/// One generated file.
#[derive(Clone, Debug)]
struct GenFile {
    units: Vec<GenUnit>,
    header: Option<String>,
    indent: usize,
    crlf: bool,
    bom: bool,
    blank: bool,
}

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "Заявление",
        "trade",
        "сотрудничество",
        "2019",
        "«фейк»",
        "it's",
        "\"quoted\"",
        "a:b",
        "#7",
        "Қазақстан",
        "oʻzbek",
        "COVID-19",
        "x",
        "30%",
        "back\\slash",
        "ә",
    ])
    .prop_map(str::to_string)
}

fn value() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..6).prop_map(|w| w.join(" "))
}

fn comment() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..4).prop_map(|w| format!("# {}", w.join(" ")))
}

fn style() -> impl Strategy<Value = ValueStyle> {
    prop::sample::select(vec![
        ValueStyle::Double,
        ValueStyle::Single,
        ValueStyle::Plain,
        ValueStyle::Literal,
        ValueStyle::Folded,
    ])
}

fn unit(i: usize) -> impl Strategy<Value = GenUnit> {
    (
        any::<bool>(),
        value(),
        style(),
        value(),
        style(),
        prop::option::of((value(), style())),
        prop::option::of(comment()),
        prop::option::of(comment()),
        prop::option::of(comment()),
    )
        .prop_map(
            move |(flow, source, s1, text, s2, previous, above, on_key, after)| {
                let mut fields = vec![("source", source, s1), ("text", text, s2)];
                if let Some((v, s)) = previous {
                    fields.push(("previous_source", v, s));
                }
                // Each comment names its place, so that two are never the same.
                let mark =
                    |c: Option<String>, place: &str| c.map(|c| format!("{c} (u{i} {place})"));
                GenUnit {
                    id: format!("u{i}"),
                    flow,
                    fields,
                    above: mark(above, "above"),
                    on_key: if flow { None } else { mark(on_key, "key") },
                    after_value: mark(after, "value"),
                }
            },
        )
}

fn file() -> impl Strategy<Value = GenFile> {
    (
        (1usize..7).prop_flat_map(|n| (0..n).map(unit).collect::<Vec<_>>()),
        prop::option::of(comment()),
        prop::sample::select(vec![2usize, 4]),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(units, header, indent, crlf, bom, blank)| GenFile {
            units,
            header,
            indent,
            crlf,
            bom,
            blank,
        })
}

/// Whether `value` reads back as itself when written plain.
fn plain_ok(value: &str, flow: bool) -> bool {
    let first = value.chars().next().unwrap_or(' ');
    let reserved = "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || value.contains(": ")
        || value.contains(" #")
        || value.ends_with(':')
        || (flow && value.contains([',', '[', ']', '{', '}']));
    !reserved && value.parse::<f64>().is_err()
}

/// A value written in `style`, falling back to double quotes where the
/// style cannot hold it.
fn written(value: &str, style: ValueStyle, flow: bool, indent: usize, eol: &str) -> String {
    match style {
        ValueStyle::Single => format!("'{}'", value.replace('\'', "''")),
        ValueStyle::Plain if plain_ok(value, flow) => value.to_string(),
        ValueStyle::Literal if !flow => format!("|-{eol}{}{value}", " ".repeat(indent * 2)),
        ValueStyle::Folded if !flow => format!(">-{eol}{}{value}", " ".repeat(indent * 2)),
        _ => super::scalar::double_quoted(value),
    }
}

impl GenFile {
    /// The file's text, and each unit's own lines (key line to last line).
    fn render(&self) -> (String, Vec<String>) {
        let eol = if self.crlf { "\r\n" } else { "\n" };
        let mut out = String::new();
        if self.bom {
            out.push('\u{feff}');
        }
        if let Some(h) = &self.header {
            out.push_str(&format!("{h}{eol}{eol}"));
        }
        let mut chunks = Vec::new();
        for (i, u) in self.units.iter().enumerate() {
            if i > 0 && self.blank {
                out.push_str(eol);
            }
            if let Some(a) = &u.above {
                out.push_str(&format!("{a}{eol}"));
            }
            let chunk = if u.flow {
                let fields: Vec<String> = u
                    .fields
                    .iter()
                    .map(|(n, v, s)| format!("{n}: {}", written(v, *s, true, self.indent, eol)))
                    .collect();
                let after = u
                    .after_value
                    .as_ref()
                    .map_or(String::new(), |c| format!("  {c}"));
                format!("{}: {{{}}}{after}", u.id, fields.join(", "))
            } else {
                let key = u
                    .on_key
                    .as_ref()
                    .map_or(String::new(), |c| format!("  {c}"));
                let mut lines = vec![format!("{}:{key}", u.id)];
                for (j, (n, v, s)) in u.fields.iter().enumerate() {
                    let after = if j == 0 && !matches!(s, ValueStyle::Literal | ValueStyle::Folded)
                    {
                        u.after_value
                            .as_ref()
                            .map_or(String::new(), |c| format!("  {c}"))
                    } else {
                        String::new()
                    };
                    lines.push(format!(
                        "{}{n}: {}{after}",
                        " ".repeat(self.indent),
                        written(v, *s, false, self.indent, eol)
                    ));
                }
                lines.join(eol)
            };
            out.push_str(&chunk);
            out.push_str(eol);
            chunks.push(chunk);
        }
        (out, chunks)
    }
}

/// The intended units after `changes`: id → field → value, in order.
type Model = Vec<(String, BTreeMap<String, String>)>;

fn model_of(file: &GenFile) -> Model {
    file.units
        .iter()
        .map(|u| {
            let fields = u
                .fields
                .iter()
                .map(|(n, v, _)| (n.to_string(), v.clone()))
                .collect();
            (u.id.clone(), fields)
        })
        .collect()
}

fn apply_to_model(model: &mut Model, change: &Change) {
    match change {
        Change::Set { id, field, value } => {
            if let Some((_, f)) = model.iter_mut().find(|(i, _)| i == id) {
                f.insert(field.to_string(), value.clone());
            }
        }
        Change::Remove { id, field } => {
            if let Some((_, f)) = model.iter_mut().find(|(i, _)| i == id) {
                f.remove(*field);
            }
        }
        Change::Insert { after, id, fields } => {
            let at = after
                .as_ref()
                .and_then(|a| model.iter().position(|(i, _)| i == a))
                .map_or(0, |p| p + 1);
            let f = fields
                .iter()
                .map(|(n, v)| (n.to_string(), v.clone()))
                .collect();
            model.insert(at, (id.clone(), f));
        }
        Change::Delete { id } => model.retain(|(i, _)| i != id),
    }
}

fn loaded(raw: &str) -> Model {
    let (text, _) = crate::load::decode(raw.as_bytes().to_vec(), Path::new("t.yaml"), true)
        .unwrap_or_else(|d| panic!("{d}"));
    Translation::parse(&text, Path::new("t"))
        .unwrap_or_else(|d| panic!("{d}\n{text}"))
        .entries
        .into_iter()
        .map(|e| {
            let mut f = BTreeMap::new();
            for name in ["source", "text", "previous_source", "note"] {
                let value = match name {
                    "source" => e.source.clone(),
                    "text" => Some(e.text.clone()),
                    "previous_source" => e.previous_source.clone(),
                    _ => e.note.clone(),
                };
                if let Some(v) = value {
                    f.insert(name.to_string(), v);
                }
            }
            (e.id, f)
        })
        .collect()
}

/// Random edits. Each insertion has its own anchor, which no change
/// deletes, so that the simple model above is the editor's semantics
/// (chains of insertions have their own unit tests).
fn edits(units: usize) -> impl Strategy<Value = Vec<(u8, usize, String, usize)>> {
    prop::collection::vec((0u8..6, 0..units.max(1), value(), 0..4usize), 1..6)
}

fn changes_of(file: &GenFile, raw: &[(u8, usize, String, usize)]) -> Vec<Change> {
    let fields = ["source", "text", "previous_source", "note"];
    let mut deleted = Vec::new();
    let mut anchors: Vec<Option<String>> = Vec::new();
    let mut out = Vec::new();
    for (n, (kind, unit, value, field)) in raw.iter().enumerate() {
        let id = file.units[unit % file.units.len()].id.clone();
        if deleted.contains(&id) {
            continue;
        }
        if *kind == 3 {
            let anchor = (field % 2 == 0).then(|| id.clone());
            if anchors.contains(&anchor) {
                continue;
            }
            anchors.push(anchor);
        }
        out.push(match kind {
            0 | 1 => Change::Set {
                id,
                field: fields[*field],
                value: value.clone(),
            },
            2 => Change::Remove {
                id,
                field: fields[2 + field % 2],
            },
            3 => Change::Insert {
                after: (field % 2 == 0).then_some(id),
                id: format!("new{n}"),
                fields: vec![("source", value.clone()), ("text", String::new())],
            },
            _ => {
                let last = deleted.len() + 1 == file.units.len();
                if last
                    || out.iter().any(|c: &Change| c.id() == id)
                    || anchors.contains(&Some(id.clone()))
                {
                    // A translation file with no unit is not one the loader accepts.
                    continue;
                }
                deleted.push(id.clone());
                Change::Delete { id }
            }
        });
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn edits_are_exact_on_every_layout(file in file(), raw in edits(6)) {
        let (text, chunks) = file.render();
        let original = loaded(&text);
        prop_assert_eq!(&original, &model_of(&file), "the generated file loads as generated");
        let changes = changes_of(&file, &raw);
        let new = apply(&text, Path::new("t.yaml"), &changes)
            .unwrap_or_else(|d| panic!("{d}\n--- file:\n{text}\n--- changes: {changes:?}"));
        let mut intended = original.clone();
        for change in &changes {
            apply_to_model(&mut intended, change);
        }
        prop_assert_eq!(loaded(&new), intended);
        for (unit, chunk) in file.units.iter().zip(&chunks) {
            if changes.iter().any(|c| c.id() == unit.id) {
                continue;
            }
            prop_assert!(new.contains(chunk.as_str()), "untouched unit {} changed:\n{}", unit.id, new);
        }
        for unit in &file.units {
            let deleted = changes.iter().any(|c| matches!(c, Change::Delete { id } if *id == unit.id));
            for c in [&unit.above, &unit.on_key, &unit.after_value].into_iter().flatten() {
                let written = text.contains(c.as_str());
                if written && (!deleted || Some(c) == unit.above.as_ref()) {
                    prop_assert!(new.contains(c.as_str()), "comment {c:?} lost:\n{new}");
                }
            }
        }
        prop_assert_eq!(new.starts_with('\u{feff}'), file.bom);
        if file.crlf {
            prop_assert_eq!(new.matches('\n').count(), new.matches("\r\n").count());
        } else {
            prop_assert!(!new.contains('\r'));
        }
    }
}
