//! The theme's templates, parsed once, and the `t()` function that gives
//! them interface messages through the fallback chain.

use std::collections::HashMap;
use std::sync::Arc;

use fluent_bundle::FluentValue;

use crate::error::{Diagnostic, Error, Location, Result};
use crate::i18n::{FALLBACK_CHAIN, Messages};
use crate::load::TextFile;

use super::REQUIRED_TEMPLATES;

/// Parse the theme's templates once. Errors name the template and line.
pub fn templates(files: &[TextFile]) -> Result<tera::Tera> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    tera.set_escape_fn(escape_html);
    let named: Vec<(String, &str)> = files
        .iter()
        .map(|f| {
            let name = f
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, f.text.as_str())
        })
        .collect();
    if let Err(err) = tera.add_raw_templates(named.iter().map(|(n, t)| (n.as_str(), *t))) {
        let path = files
            .iter()
            .find(|f| {
                err.to_string()
                    .contains(&*f.path.file_name().unwrap_or_default().to_string_lossy())
            })
            .map(|f| f.path.clone())
            .unwrap_or_else(|| "themes".into());
        let chain = error_chain(&err);
        let (location, message) = parse_position(&chain);
        return Err(Error::at(Diagnostic::error(path, location, message)));
    }
    for required in REQUIRED_TEMPLATES {
        if !named.iter().any(|(n, _)| n == required) {
            return Err(Error::Refused(format!(
                "the theme has no template `{required}`"
            )));
        }
    }
    Ok(tera)
}

/// Escape text for HTML and XML, in element content and in quoted
/// attribute values alike: `&`, `<`, `>`, `"` and `'`, the characters that
/// can end a value or start markup. Unlike Tera's default, `/` stays as it
/// is, so URLs in attributes stay readable (`https://edition.example/`,
/// not `https:&#x2F;&#x2F;edition.example&#x2F;`).
pub(super) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Give the templates the `t()` function over the languages' messages.
pub fn register_messages(tera: &mut tera::Tera, messages: Vec<(String, Arc<Messages>)>) {
    tera.register_function("t", Translate { messages });
}

/// Tera's parse errors carry their position as ` --> line:col` followed
/// by a snippet; turn that into a location and a one-line message.
fn parse_position(chain: &str) -> (Option<Location>, String) {
    let Some((head, rest)) = chain.split_once("--> ") else {
        return (None, chain.to_string());
    };
    let position: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    let location = position
        .split_once(':')
        .and_then(|(l, c)| Some(Location::new(l.parse().ok()?, c.parse().ok()?)));
    // The expectation follows the snippet, after its last `|` line.
    let detail = rest
        .rsplit_once('|')
        .map_or("", |(_, d)| d)
        .trim()
        .trim_start_matches(['^', '=', ' ']);
    let head = head.trim().trim_end_matches(':').trim();
    let message = if detail.is_empty() {
        head.to_string()
    } else {
        format!("{head}: {detail}")
    };
    (
        location,
        message.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

/// The whole `source()` chain of a Tera error on one line.
pub(super) fn error_chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut cause = err.source();
    while let Some(c) = cause {
        parts.push(c.to_string());
        cause = c.source();
    }
    parts.join(": ").replace('\n', " ")
}

/// The Tera function `t(key, lang, ...)`: an interface message, following the fallback chain.
struct Translate {
    messages: Vec<(String, Arc<Messages>)>,
}

impl Translate {
    fn lookup(&self, lang: &str, key: &str, args: &[(&str, FluentValue<'_>)]) -> Option<String> {
        lookup(
            self.messages.iter().map(|(tag, m)| (tag.as_str(), &**m)),
            lang,
            key,
            args,
        )
    }
}

/// Format the message `key` of `lang`, following the fallback chain.
pub(super) fn lookup<'m>(
    messages: impl Iterator<Item = (&'m str, &'m Messages)> + Clone,
    lang: &str,
    key: &str,
    args: &[(&str, FluentValue<'_>)],
) -> Option<String> {
    std::iter::once(lang)
        .chain(FALLBACK_CHAIN.iter().copied())
        .filter_map(|tag| messages.clone().find(|(t, _)| *t == tag))
        .find_map(|(_, m)| m.format(key, args))
}

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let key = args
            .get("key")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("t() needs key=\"message-id\""))?;
        let lang = args
            .get("lang")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("t() needs lang=lang.tag"))?;
        let mut names: Vec<&String> = args
            .keys()
            .filter(|k| *k != "key" && *k != "lang")
            .collect();
        names.sort();
        let fluent_args: Vec<(&str, FluentValue<'_>)> = names
            .into_iter()
            .map(|name| {
                let value = match &args[name] {
                    tera::Value::Number(n) => FluentValue::from(n.as_f64().unwrap_or_default()),
                    tera::Value::String(s) => FluentValue::from(s.as_str()),
                    other => FluentValue::from(other.to_string()),
                };
                (name.as_str(), value)
            })
            .collect();
        self.lookup(lang, key, &fluent_args)
            .map(tera::Value::String)
            .ok_or_else(|| {
                tera::Error::msg(format!(
                    "interface message `{key}` is missing from `{lang}` and from every fallback ({})",
                    FALLBACK_CHAIN.join(", ")
                ))
            })
    }

    fn is_safe(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_urls_readable() {
        assert_eq!(
            escape_html("https://a.example/x?a=1&b=\"<'>"),
            "https://a.example/x?a=1&amp;b=&quot;&lt;&#39;&gt;"
        );
    }
}
