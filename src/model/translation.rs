//! A language's translation file, `locales/<lang>/statement.yaml` (and the
//! parked `orphans.yaml`, which has the same shape): unit id → source and text.
//!
//! ```yaml
//! trade-2:
//!   source: "В 2019 г. объем нашей торговли …"   # the Russian it was translated from
//!   text: "In 2019, our trade …"                  # the translation
//!   previous_source: "…"                          # set by `sync` when the Russian changed
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{MapAccess, Visitor};
use serde_saphyr::Spanned;

use crate::error::{Diagnostic, Location};

/// One translated unit as written in the file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Entry {
    /// The unit id (the YAML key).
    pub id: String,
    /// Where the key is.
    pub location: Location,
    /// The Russian text the translation was made from.
    pub source: Option<String>,
    /// The translation; empty means missing.
    pub text: String,
    /// The Russian before the last change, kept by `sync` for the diff.
    pub previous_source: Option<String>,
    /// A note about the unit for translators and reviewers.
    pub note: Option<String>,
    /// The review the text passed: `reviewed` or `approved`; none means translated.
    pub review: Option<String>,
    /// The words hash of the text that was reviewed ([`crate::text::words_hash`]):
    /// a text edited after its review is no longer reviewed.
    pub review_of: Option<String>,
}

impl Entry {
    /// A new entry with no fields.
    pub(crate) fn new(id: &str) -> Entry {
        Entry {
            id: id.to_string(),
            location: Location::default(),
            source: None,
            text: String::new(),
            previous_source: None,
            note: None,
            review: None,
            review_of: None,
        }
    }

    /// Set (or with `None` remove) the field `name`; `false` if there is no such field.
    pub(crate) fn set(&mut self, name: &str, value: Option<String>) -> bool {
        match name {
            "source" => self.source = value,
            "text" => self.text = value.unwrap_or_default(),
            "previous_source" => self.previous_source = value,
            "note" => self.note = value,
            "review" => self.review = value,
            "review_of" => self.review_of = value,
            _ => return false,
        }
        true
    }

    /// The entry without its position, to compare two versions of a file.
    pub(crate) fn content(&self) -> Entry {
        Entry {
            location: Location::default(),
            ..self.clone()
        }
    }
}

/// A parsed translation file.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, Deserialize)]
pub struct Translation {
    /// The file, relative to the project root.
    pub path: PathBuf,
    /// Entries in file order.
    pub entries: Vec<Entry>,
}

impl Translation {
    /// The entry for a unit id.
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.id == id)
    }

    /// Parse the text of the file `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Translation, Diagnostic> {
        if text.trim().is_empty() {
            return Err(Diagnostic::error(
                path,
                Some(Location::new(1, 1)),
                "the file is empty; it must map unit ids to `source` and `text` (run `tolmach sync` to create a skeleton)",
            ));
        }
        let raw: RawEntries = crate::yaml::parse(text, path, 1).map_err(suggest)?;
        let entries = raw
            .0
            .into_iter()
            .map(|(key, unit)| Entry {
                id: key.value,
                location: Location::new(
                    key.referenced.line() as usize,
                    key.referenced.column() as usize,
                ),
                source: unit.source,
                text: unit.text.unwrap_or_default(),
                previous_source: unit.previous_source,
                note: unit.note,
                review: unit.review,
                review_of: unit.review_of,
            })
            .collect();
        Ok(Translation {
            path: path.to_path_buf(),
            entries,
        })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnit {
    source: Option<String>,
    text: Option<String>,
    previous_source: Option<String>,
    note: Option<String>,
    review: Option<String>,
    review_of: Option<String>,
}

/// The fields a unit may have.
pub(crate) const FIELDS: &[&str] = &[
    "source",
    "text",
    "previous_source",
    "note",
    "review",
    "review_of",
];

/// The top-level mapping, kept in file order with the position of each key.
struct RawEntries(Vec<(Spanned<String>, RawUnit)>);

impl<'de> Deserialize<'de> for RawEntries {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;
        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = RawEntries;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a mapping of unit ids to units")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawEntries, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(RawEntries(entries))
            }
        }
        deserializer.deserialize_map(EntriesVisitor)
    }
}

/// Make serde's messages speak of units and suggest the field meant.
fn suggest(mut d: Diagnostic) -> Diagnostic {
    if let Some((name, near)) = crate::yaml::unknown_field(&d.message, FIELDS) {
        d.message = match near {
            Some(known) => format!("unknown field `{name}` in a unit; did you mean `{known}`?"),
            None => format!(
                "unknown field `{name}` in a unit; a unit has {}",
                FIELDS.join(", ")
            ),
        };
    } else if d.message == "expected mapping start" {
        d.message = "expected a mapping of unit ids to `source` and `text`".into();
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_keep_order_and_position() {
        let t = Translation::parse(
            "# c\nb:\n  source: \"Б\"\n  text: \"B\"\na:\n  text: \"\"\n",
            Path::new("t.yaml"),
        )
        .unwrap();
        let ids: Vec<_> = t
            .entries
            .iter()
            .map(|e| (e.id.as_str(), e.location.line))
            .collect();
        assert_eq!(ids, [("b", 2), ("a", 5)]);
        assert_eq!(t.entry("b").unwrap().source.as_deref(), Some("Б"));
    }

    #[test]
    fn unknown_fields_suggest_the_right_one() {
        let err = Translation::parse("a:\n  txet: x\n", Path::new("t.yaml")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "t.yaml:2:3: error: unknown field `txet` in a unit; did you mean `text`?"
        );
    }
}
