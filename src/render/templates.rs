//! The theme's templates, parsed once, and the `t()` function that gives
//! them interface messages through the fallback chain.
//!
//! Input: the theme's template files; output: [`Templates`], which render a
//! template by name with a context and name the file in every error.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use fluent_bundle::FluentValue;
use unicode_segmentation::UnicodeSegmentation;

use crate::error::{Diagnostic, Error, Location, Result};
use crate::lang::LangTag;
use crate::load::TextFile;
use crate::model::Site;
use crate::text::escape_xml;

/// The theme's templates, parsed.
pub(crate) struct Templates {
    tera: tera::Tera,
    /// Template name → the file it was read from, for messages.
    paths: HashMap<String, PathBuf>,
    /// Template name → its text, to tell which context keys it can read.
    texts: HashMap<String, String>,
    /// The templates that print every section's body whole.
    whole: HashSet<String>,
}

impl Templates {
    /// The file the template `name` was read from, for messages.
    pub(super) fn path_of(&self, name: &str) -> PathBuf {
        self.paths
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(name))
    }

    /// Whether rendering `name` could read the context key `key`: the key
    /// appears as a word in the template's text or in a template it names
    /// (a parent, an include, a macro file), or one of them reads the whole
    /// context. A conservative answer, so that a large value only some
    /// templates use is serialized only for those.
    pub(super) fn may_read(&self, name: &str, key: &str) -> bool {
        self.family(name)
            .any(|text| has_word(text, key) || text.contains("__tera_context"))
    }

    /// Whether rendering `name` prints each section's `body` whole, as
    /// `{{ <section>.body | safe }}` and outside a `{% filter %}` block, in
    /// the template and every template it names: then the bodies can be
    /// kept out of Tera (see `splice`).
    pub(super) fn prints_whole(&self, name: &str) -> bool {
        self.whole.contains(name)
    }

    /// The texts of the template `name` and of every template it names,
    /// directly or through another.
    fn family<'t>(&'t self, name: &'t str) -> impl Iterator<Item = &'t str> + 't {
        let mut seen = vec![name];
        let mut next = 0;
        std::iter::from_fn(move || {
            loop {
                let current = *seen.get(next)?;
                next += 1;
                let Some(text) = self.texts.get(current) else {
                    continue;
                };
                for other in self.texts.keys() {
                    let named = [
                        format!("\"{other}\""),
                        format!("'{other}'"),
                        format!("`{other}`"),
                    ]
                    .iter()
                    .any(|quoted| text.contains(quoted.as_str()));
                    if named && !seen.contains(&other.as_str()) {
                        seen.push(other);
                    }
                }
                return Some(text.as_str());
            }
        })
    }

    /// Render the template `name`; an error names its file and the whole cause.
    pub(super) fn render(&self, name: &str, context: &tera::Context) -> Result<String> {
        self.tera.render(name, context).map_err(|err| {
            Error::at(Diagnostic::error(
                self.path_of(name),
                None,
                error_chain(&err),
            ))
        })
    }
}

/// Parse the theme's templates once. Errors name the template and line.
pub(crate) fn templates(files: &[TextFile]) -> Result<Templates> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml", ".xhtml", ".opf"]);
    tera.set_escape_fn(escape_html);
    tera.register_filter("escape_xml", EscapeXml);
    tera.register_filter("truncate", Truncate);
    tera.register_filter("plain", Plain);
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
    let texts = named
        .iter()
        .map(|(name, text)| (name.clone(), text.to_string()))
        .collect();
    let paths = named
        .into_iter()
        .map(|(name, _)| name)
        .zip(files.iter().map(|f| f.path.clone()))
        .collect();
    let mut templates = Templates {
        tera,
        paths,
        texts,
        whole: HashSet::new(),
    };
    templates.whole = templates
        .texts
        .keys()
        .filter(|name| templates.family(name).all(prints_body_whole))
        .cloned()
        .collect();
    Ok(templates)
}

/// Whether every `.body` in the template text `text` is printed whole,
/// `{{ <path>.body | safe }}`, and no `filter` block could transform it.
/// A conservative answer: any other mention of `body` than those and the
/// HTML element `<body>` says no.
fn prints_body_whole(text: &str) -> bool {
    if has_word(text, "filter") {
        return false;
    }
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices("body").all(|(at, word)| {
        let before = text[..at].chars().next_back();
        let after = &text[at + word.len()..];
        if before.is_some_and(is_ident) || after.starts_with(is_ident) {
            return true;
        }
        match before {
            Some('<' | '/') => true,
            Some('.') => {
                let rest = after.trim_start().strip_prefix('|').map(str::trim_start);
                let rest = rest
                    .and_then(|r| r.strip_prefix("safe"))
                    .map(str::trim_start);
                rest.is_some_and(|r| r.starts_with("}}") || r.starts_with("-}}"))
            }
            _ => false,
        }
    })
}

/// Whether `word` occurs in `text` not as part of a longer identifier.
fn has_word(text: &str, word: &str) -> bool {
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(is_ident) && !after.is_some_and(is_ident)
    })
}

/// Escape text for HTML and XML, in element content and in quoted
/// attribute values alike: `&`, `<`, `>`, `"` and `'`, the characters that
/// can end a value or start markup. Unlike Tera's default, `/` stays as it
/// is, so URLs in attributes stay readable (`https://edition.example/`,
/// not `https:&#x2F;&#x2F;edition.example&#x2F;`).
pub(crate) fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    // The five characters are ASCII, so byte positions are character
    // boundaries: copy the runs between them whole.
    let mut from = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[from..at]);
        out.push_str(entity);
        from = at + 1;
    }
    out.push_str(&text[from..]);
    out
}

/// Give the templates the `t()` and `t_html()` functions over the site's messages.
pub(crate) fn register_messages(templates: &mut Templates, site: Arc<Site>) {
    templates.tera.register_function(
        "t",
        Translate {
            site: Arc::clone(&site),
            html: false,
        },
    );
    templates
        .tera
        .register_function("t_html", Translate { site, html: true });
}

/// The error when a message is missing from a language and its whole fallback chain.
pub(crate) fn missing_message(site: &Site, lang: &LangTag, key: &str) -> String {
    let chain: Vec<&str> = site
        .message_chain(lang)
        .skip(1)
        .map(LangTag::as_str)
        .collect();
    format!(
        "interface message `{key}` is missing from `{lang}` and from every fallback ({})",
        chain.join(", ")
    )
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
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut cause = err.source();
    while let Some(c) = cause {
        parts.push(c.to_string());
        cause = c.source();
    }
    parts.join(": ").replace('\n', " ")
}

/// The Tera filter `escape_xml`: `&`, `<`, `>` and `"` as entities, and
/// nothing else (Tera's HTML escaping would also turn `/` into `&#x2F;`).
/// Its output is safe, so autoescaping leaves it alone.
struct EscapeXml;

impl tera::Filter for EscapeXml {
    fn filter(
        &self,
        value: &tera::Value,
        _args: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let text = value
            .as_str()
            .ok_or_else(|| tera::Error::msg("escape_xml takes a string"))?;
        Ok(tera::Value::String(escape_xml(text).into_owned()))
    }

    fn is_safe(&self) -> bool {
        true
    }
}

/// The filter `plain`: safe HTML (a unit's `html`) as the text it shows,
/// its tags dropped and its entities decoded, for a `<title>`, an
/// attribute or an excerpt. Unlike `striptags`, its result is escaped once
/// where the template is autoescaped, not twice (`R&amp;D` shows as
/// `R&D`, not `R&amp;D`), and `truncate` after it counts characters, not
/// the letters of an entity.
struct Plain;

impl tera::Filter for Plain {
    fn filter(
        &self,
        value: &tera::Value,
        _args: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let html = value
            .as_str()
            .ok_or_else(|| tera::Error::msg("plain takes a string of HTML"))?;
        Ok(tera::Value::String(plain_of_html(html)))
    }
}

/// The text `html` shows: what lies outside its tags, entities decoded.
fn plain_of_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        rest = match rest[open..].find('>') {
            Some(close) => &rest[open + close + 1..],
            None => "",
        };
    }
    text.push_str(rest);
    html_escape::decode_html_entities(&text).into_owned()
}

/// Tera's `truncate(length=255, end="…")` filter, with the same result:
/// the first `length` grapheme clusters of the text and `end`, or the whole
/// text if it has no more. Tera's own splits the whole text into clusters
/// first; this stops after `length`, which matters for the status pages'
/// excerpts of long paragraphs.
struct Truncate;

impl tera::Filter for Truncate {
    fn filter(
        &self,
        value: &tera::Value,
        args: &HashMap<String, tera::Value>,
    ) -> tera::Result<tera::Value> {
        let wrong = |what: &str, value: &tera::Value, expected: &str| {
            tera::Error::msg(format!(
                "Filter `truncate` received an incorrect type for {what}: got `{value}` but expected a {expected}"
            ))
        };
        let text = value
            .as_str()
            .ok_or_else(|| wrong("arg `value`", value, "String"))?;
        let length = match args.get("length") {
            Some(l) => l
                .as_u64()
                .and_then(|l| usize::try_from(l).ok())
                .ok_or_else(|| wrong("arg `length`", l, "usize"))?,
            None => 255,
        };
        let end = match args.get("end") {
            Some(e) => e.as_str().ok_or_else(|| wrong("arg `end`", e, "String"))?,
            None => "…",
        };
        Ok(tera::Value::String(
            match text.grapheme_indices(true).nth(length) {
                Some((at, _)) => format!("{}{end}", &text[..at]),
                None => text.to_string(),
            },
        ))
    }
}

/// The Tera functions `t(key, lang, ...)` and `t_html(key, lang, ...)`: an
/// interface message, following the fallback chain. `t` gives plain text
/// (for attributes); `t_html` gives escaped HTML for text content, wrapped
/// in `<span lang=".." dir="..">` when the message came from another
/// language than `lang`, so a fallback is never shown as if it were the
/// page's language.
struct Translate {
    site: Arc<Site>,
    html: bool,
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
            .and_then(|tag| self.site.language(tag))
            .map(|l| l.tag.clone())
            .ok_or_else(|| tera::Error::msg("t() needs lang=lang.tag, a language of the site"))?;
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
        let (from, text) = message_from(&self.site, &lang, key, &fluent_args)
            .ok_or_else(|| tera::Error::msg(missing_message(&self.site, &lang, key)))?;
        if !self.html {
            return Ok(tera::Value::String(text));
        }
        Ok(tera::Value::String(tagged_html(
            &self.site, &lang, from, &text,
        )))
    }

    fn is_safe(&self) -> bool {
        self.html
    }
}

/// The message `key` of `lang` through the fallback chain, with the
/// language it was found in.
pub(crate) fn message_from<'s>(
    site: &'s Site,
    lang: &'s LangTag,
    key: &str,
    args: &[(&str, FluentValue<'_>)],
) -> Option<(&'s LangTag, String)> {
    site.message_chain(lang)
        .filter_map(|tag| site.language(tag.as_str()))
        .find_map(|l| l.messages.format(key, args).map(|text| (&l.tag, text)))
}

/// `text` escaped for HTML content; wrapped in a `<span>` with the
/// language and direction it is in when that is not `page`.
pub(crate) fn tagged_html(site: &Site, page: &LangTag, from: &LangTag, text: &str) -> String {
    let escaped = escape_html(text);
    if from == page {
        return escaped;
    }
    let dir = site
        .language(from.as_str())
        .map_or("ltr", |l| l.dir.as_str());
    format!(
        "<span lang=\"{}\" dir=\"{dir}\">{escaped}</span>",
        escape_html(from.as_str())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncate_gives_what_teras_own_filter_gives() {
        let template = "{{ v | truncate(length=n) }}|{{ v | truncate(length=n, end=\"...\") }}|{{ v | truncate }}";
        let mut ours = tera::Tera::default();
        ours.register_filter("truncate", Truncate);
        let mut theirs = tera::Tera::default();
        for tera in [&mut ours, &mut theirs] {
            tera.add_raw_template("t", template).unwrap();
        }
        let long = "Қазақстан Республикасы ".repeat(20);
        let texts = [
            "",
            "abc",
            "Ещё СOVID-19",
            "e\u{301}e\u{301}e\u{301}",
            "🇰🇿🇷🇺 flags",
            &long,
        ];
        for text in texts {
            for n in [0, 1, 2, 3, 5, 90, 1000] {
                let mut context = tera::Context::new();
                context.insert("v", text);
                context.insert("n", &n);
                assert_eq!(
                    ours.render("t", &context).unwrap(),
                    theirs.render("t", &context).unwrap(),
                    "{text:?} at {n}"
                );
            }
        }
        let mut context = tera::Context::new();
        context.insert("v", &3);
        context.insert("n", &1);
        assert!(ours.render("t", &context).is_err());
    }

    #[test]
    fn plain_shows_the_text_of_unit_html_escaped_once() {
        let html = crate::markdown::render_inline("R&D *\"quoted\"* <b>x</b> 1 < 2 &copy; [a](b)");
        assert!(html.contains("&amp;") && html.contains("<em>"), "{html}");
        assert_eq!(plain_of_html(&html), "R&D \"quoted\" <b>x</b> 1 < 2 © a");
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape_html);
        tera.register_filter("plain", Plain);
        tera.add_raw_template("t.html", "<title>{{ v | plain }}</title>")
            .unwrap();
        let mut context = tera::Context::new();
        context.insert("v", &html);
        assert_eq!(
            tera.render("t.html", &context).unwrap(),
            "<title>R&amp;D &quot;quoted&quot; &lt;b&gt;x&lt;/b&gt; 1 &lt; 2 © a</title>"
        );
        assert_eq!(plain_of_html("a <broken"), "a ");
    }

    #[test]
    fn a_key_is_read_where_a_template_or_one_it_names_mentions_it() {
        let file = |name: &str, text: &str| TextFile {
            path: PathBuf::from(format!("themes/t/templates/{name}")),
            text: text.to_string(),
            encoding: Default::default(),
        };
        let templates = templates(&[
            file("base.html", "{% for p in parts %}{{ p }}{% endfor %}"),
            file("page.html", "{% extends \"base.html\" %}"),
            file("part.html", "{{ part.kind }} {{ spine_x }} {{ body }}"),
            file("all.html", "{{ __tera_context }}"),
        ])
        .expect("the templates parse");
        assert!(templates.may_read("base.html", "parts"));
        assert!(templates.may_read("page.html", "parts"));
        assert!(!templates.may_read("part.html", "parts"));
        assert!(!templates.may_read("part.html", "spine"));
        assert!(templates.may_read("part.html", "body"));
        assert!(templates.may_read("all.html", "manifest"));
    }

    #[test]
    fn a_body_counts_as_printed_whole_only_as_a_plain_safe_print() {
        assert!(prints_body_whole(
            "<body>{% for s in sections %}{{ s.body | safe }}{% endfor %}</body>"
        ));
        assert!(prints_body_whole(
            "{{ sections[0].body|safe -}} {{ nobody }} {{ s.body_class }}"
        ));
        assert!(!prints_body_whole("{{ s.body }}"), "escaped");
        assert!(!prints_body_whole("{{ s.body | upper | safe }}"));
        assert!(!prints_body_whole("{{ s.body | safe | upper }}"));
        assert!(!prints_body_whole("{% set b = s.body %}{{ b | safe }}"));
        assert!(!prints_body_whole(
            "{% filter upper %}{{ s.body | safe }}{% endfilter %}"
        ));
        assert!(!prints_body_whole("{{ s[\"body\"] | safe }}"));
        assert!(!prints_body_whole("{{ m::show(text=s.body) }}"));
    }

    #[test]
    fn escaping_copies_everything_else_as_it_is() {
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("Ёж & «ёлка» <b>"), "Ёж &amp; «ёлка» &lt;b&gt;");
        assert_eq!(escape_html("'\"'"), "&#39;&quot;&#39;");
    }

    #[test]
    fn escaping_keeps_urls_readable() {
        assert_eq!(
            escape_html("https://a.example/x?a=1&b=\"<'>"),
            "https://a.example/x?a=1&amp;b=&quot;&lt;&#39;&gt;"
        );
    }
}
