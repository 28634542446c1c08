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
