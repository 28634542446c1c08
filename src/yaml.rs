//! YAML reading with budgets against hostile input and errors that name file, line and column.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_saphyr::{DuplicateKeyPolicy, MergeKeyPolicy};

use crate::error::{Diagnostic, Location};

/// The parser settings for every YAML file Tolmach reads: duplicate keys are
/// errors, merge keys are off, and alias expansion, nesting and event counts
/// are bounded so that an alias bomb or a deeply nested file fails fast.
fn options() -> serde_saphyr::Options {
    let mut alias_limits = serde_saphyr::options::AliasLimits::default();
    alias_limits.max_total_replayed_events = 10_000;
    alias_limits.max_replay_stack_depth = 16;
    alias_limits.max_alias_expansions_per_anchor = 100;
    serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_events: 1_000_000,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_depth: 64,
            max_nodes: 500_000,
            flow_nesting_limit: 64,
        },
        duplicate_keys: DuplicateKeyPolicy::Error,
        merge_keys: MergeKeyPolicy::Error,
        alias_limits: alias_limits,
    }
}

/// Parse `text` (the contents of `path`, whose first line is line
/// `first_line` of the file) into `T`.
pub(crate) fn parse<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    first_line: usize,
) -> Result<T, Diagnostic> {
    if text.contains('*') {
        check_expansion(text, path, first_line)?;
    }
    parse_unchecked(text, path, first_line)
}

/// How many bytes of text aliases may add to a file beyond its own size.
const MAX_ALIAS_EXPANSION: usize = 64 * 1024;

/// Refuse a file whose aliases multiply its text: the strings it holds once
/// aliases are replayed may exceed its own size by [`MAX_ALIAS_EXPANSION`]
/// at most. (The parser bounds the number of replays, not their size, so a
/// 1 MB text reused by 55 units would otherwise become 55 MB of input and
/// gigabytes of pages.)
fn check_expansion(text: &str, path: &Path, first_line: usize) -> Result<(), Diagnostic> {
    // A file the parser refuses is reported by the typed parse that follows.
    let Ok(Measure(bytes)) = parse_unchecked(text, path, first_line) else {
        return Ok(());
    };
    if bytes > text.len().saturating_add(MAX_ALIAS_EXPANSION) {
        return Err(Diagnostic::error(
            path,
            None,
            format!(
                "aliases (`*name`) repeat text to {} KiB, more than the file's own {} KiB plus {} KiB; write the text out where it is needed",
                bytes / 1024,
                text.len() / 1024,
                MAX_ALIAS_EXPANSION / 1024
            ),
        ));
    }
    Ok(())
}

/// The total bytes of every string in a YAML document, aliases replayed.
struct Measure(usize);

impl<'de> serde::Deserialize<'de> for Measure {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(MeasureVisitor).map(Measure)
    }
}

struct MeasureVisitor;

impl<'de> serde::de::Visitor<'de> for MeasureVisitor {
    type Value = usize;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_str<E>(self, v: &str) -> Result<usize, E> {
        Ok(v.len())
    }

    fn visit_bytes<E>(self, v: &[u8]) -> Result<usize, E> {
        Ok(v.len())
    }

    fn visit_bool<E>(self, _: bool) -> Result<usize, E> {
        Ok(0)
    }

    fn visit_i64<E>(self, _: i64) -> Result<usize, E> {
        Ok(0)
    }

    fn visit_u64<E>(self, _: u64) -> Result<usize, E> {
        Ok(0)
    }

    fn visit_f64<E>(self, _: f64) -> Result<usize, E> {
        Ok(0)
    }

    fn visit_unit<E>(self) -> Result<usize, E> {
        Ok(0)
    }

    fn visit_none<E>(self) -> Result<usize, E> {
        Ok(0)
    }

    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_any(MeasureVisitor)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<usize, A::Error> {
        let mut total = 0usize;
        while let Some(Measure(n)) = seq.next_element()? {
            total = total.saturating_add(n);
        }
        Ok(total)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<usize, A::Error> {
        let mut total = 0usize;
        while let Some((Measure(k), Measure(v))) = map.next_entry()? {
            total = total.saturating_add(k).saturating_add(v);
        }
        Ok(total)
    }
}

fn parse_unchecked<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    first_line: usize,
) -> Result<T, Diagnostic> {
    serde_saphyr::from_str_with_options(text, options()).map_err(|err| {
        let location = err.location().filter(|l| l.line() > 0).map(|l| {
            Location::new(
                l.line() as usize + first_line - 1,
                l.column().max(1) as usize,
            )
        });
        Diagnostic::error(path, location, message_of(&err))
    })
}

/// The parser's message without its own location prefix and snippet.
fn message_of(err: &serde_saphyr::Error) -> String {
    let text = err.without_snippet().to_string();
    let first = text.lines().next().unwrap_or_default();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let message = match first.strip_prefix("line ") {
        Some(rest) => rest.split_once(": ").map_or(rest, |(_, message)| message),
        None => first,
    };
    let message = message
        .split(", set DuplicateKeyPolicy")
        .next()
        .unwrap_or(message);
    let message = match message.rfind(" at line ") {
        Some(i) if message[i..].contains(", column ") => &message[..i],
        _ => message,
    }
    .to_string();
    if message.is_empty() {
        "invalid YAML".to_string()
    } else {
        message
    }
}

/// For serde's "unknown field `x`, expected ..." message: the unknown name
/// and the closest of `known`, if one is close enough.
pub(crate) fn unknown_field<'a>(
    message: &str,
    known: &[&'a str],
) -> Option<(String, Option<&'a str>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (name, _) = rest.split_once('`')?;
    Some((name.to_string(), did_you_mean(name, known)))
}

/// Suggest the closest known name for an unknown one ("did you mean").
pub(crate) fn did_you_mean<'a>(unknown: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::levenshtein(unknown, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn duplicate_keys_are_errors_with_their_line() {
        let err =
            parse::<BTreeMap<String, String>>("a: x\na: y\n", Path::new("f.yaml"), 1).unwrap_err();
        assert_eq!(
            err.to_string(),
            "f.yaml:2:1: error: duplicate mapping key: a"
        );
    }

    #[test]
    fn aliases_may_not_multiply_the_text() {
        let long = "x".repeat(60 * 1024);
        let ok = format!("a: &t {long}\nb: *t\n");
        let r = parse::<BTreeMap<String, String>>(&ok, Path::new("f.yaml"), 1);
        assert!(r.is_ok(), "{r:?}");
        let bomb = format!("a: &t {long}\nb: *t\nc: *t\n");
        let err = parse::<BTreeMap<String, String>>(&bomb, Path::new("f.yaml"), 1).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("f.yaml: error: aliases (`*name`) repeat text to 180 KiB"),
            "{err}"
        );
    }

    #[test]
    fn lines_are_shifted_for_embedded_yaml() {
        let err = parse::<BTreeMap<String, String>>("a: [\n", Path::new("f.md"), 2).unwrap_err();
        assert_eq!(err.location.map(|l| l.line), Some(2));
    }

    #[test]
    fn suggestions_pick_the_nearest_name() {
        assert_eq!(did_you_mean("txet", &["text", "source"]), Some("text"));
        assert_eq!(did_you_mean("zzzzzz", &["text", "source"]), None);
    }
}
