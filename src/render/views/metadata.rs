//! What a page of one language tells machines and citing readers: the
//! document as JSON-LD (schema.org), the citation meta tags that reference
//! managers and scholarly indexers read (`citation_*`, Dublin Core), and
//! the pattern of a paragraph's citation in the page's language; the same
//! on every page of a language.
//!
//! Ids and addresses: with a base URL, each language version is
//! `<base><lang>/#work` and has a `url`; without one no address is
//! written (a relative one would depend on where the folder is served)
//! and the versions are told apart by fragment ids, `#work-<lang>`, which
//! link the versions within the page's own graph.

use fluent_bundle::FluentValue;
use serde::Serialize;
use serde_json::{Value, json};

use crate::links::{View, dir_of};
use crate::model::Site;
use crate::render::lang::{LangRender, original};

/// The placeholders a script replaces in [`Metadata::citation`].
const NUMBER: &str = "{number}";
const URL: &str = "{url}";

/// What the metadata of every language reads: the site, its base URL and
/// every language rendered, in the site's order.
struct Edition<'e, 'a> {
    site: &'e Site,
    base_url: Option<&'e str>,
    langs: &'e [LangRender<'a>],
}

/// The metadata of each of `langs`, in their order: the same on every page
/// of a language, so computed once per language.
pub(in crate::render) fn of_each(
    site: &Site,
    base_url: Option<&str>,
    langs: &[LangRender<'_>],
) -> Vec<Metadata> {
    let e = Edition {
        site,
        base_url,
        langs,
    };
    langs.iter().map(|l| of(&e, l)).collect()
}

/// The metadata of one page of one language.
#[derive(Serialize, Debug)]
pub(in crate::render) struct Metadata {
    /// The JSON-LD object, serialised, safe inside `<script>`.
    json_ld: String,
    /// The values of the citation meta tags.
    meta: MetaTags,
    /// The citation of a paragraph in the page's language, with `{number}`
    /// (and with a base URL `{url}`, the paragraph's permalink) for a
    /// script to fill in.
    citation: String,
}

/// The values of the `citation_*` and `DC.*` meta tags.
#[derive(Serialize, Debug)]
struct MetaTags {
    title: String,
    /// `YYYY-MM-DD`, and `YYYY/MM/DD` as `citation_date` wants it.
    date: Option<String>,
    date_slashed: Option<String>,
    language: String,
    /// Who issued the document, as the language names them.
    creator: Option<String>,
    /// The original's address, on a translation with a base URL.
    source_url: Option<String>,
}

/// The document's date: its adoption if the source gives one, else the edition's.
fn date(e: &Edition<'_, '_>) -> Option<String> {
    let source = &e.site.source;
    source
        .provenance
        .adopted
        .clone()
        .or_else(|| source.edition.as_ref().and_then(|e| e.date.clone()))
        .filter(|d| valid_date(d))
}

/// Whether `d` is `YYYY-MM-DD`.
fn valid_date(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// The id of the version in `tag`.
fn work_id(e: &Edition<'_, '_>, tag: &str) -> String {
    match e.base_url {
        Some(base) => format!("{base}{}#work", dir_of(tag, View::Index)),
        None => format!("#work-{tag}"),
    }
}

/// One language version as a JSON-LD node.
fn work(e: &Edition<'_, '_>, l: &LangRender<'_>) -> serde_json::Map<String, Value> {
    let mut node = serde_json::Map::new();
    node.insert("@type".into(), json!("Legislation"));
    node.insert("@id".into(), json!(work_id(e, l.tag())));
    node.insert("name".into(), json!(l.title_plain));
    node.insert("inLanguage".into(), json!(l.tag()));
    let value = if l.is_original {
        "https://schema.org/AuthoritativeLegalValue"
    } else {
        "https://schema.org/UnofficialLegalValue"
    };
    node.insert("legislationLegalValue".into(), json!(value));
    if let Some(base) = e.base_url {
        node.insert(
            "url".into(),
            json!(format!("{base}{}", dir_of(l.tag(), View::Index))),
        );
    }
    node
}

/// A message of the page's language, if it has one along its chain.
fn message(
    e: &Edition<'_, '_>,
    l: &LangRender<'_>,
    key: &str,
    args: &[(&str, FluentValue<'_>)],
) -> Option<String> {
    e.site.message(&l.lang.tag, key, args)
}

/// The metadata of the pages of language `l`.
fn of(e: &Edition<'_, '_>, l: &LangRender<'_>) -> Metadata {
    let source = &e.site.source;
    let doc = &source.provenance;
    let date = date(e);
    let mut node = work(e, l);
    node.insert("@context".into(), json!("https://schema.org"));
    // As the provenance shows them: the language's own message, else the original's words.
    let own = |key: &str| l.lang.messages.format(key, &[]);
    if let Some(kind) = doc
        .kind
        .as_ref()
        .map(|k| own("document-type").unwrap_or_else(|| k.clone()))
    {
        node.insert("legislationType".into(), json!(kind));
    }
    if let Some(adopted) = doc.adopted.as_deref().filter(|d| valid_date(d)) {
        node.insert("legislationDate".into(), json!(adopted));
    }
    if let Some(edition) = &source.edition {
        if let Some(d) = edition.date.as_deref().filter(|d| valid_date(d)) {
            node.insert("datePublished".into(), json!(d));
        }
        node.insert("version".into(), json!(edition.version));
    }
    if l.is_original {
        let translations: Vec<Value> = e
            .langs
            .iter()
            .filter(|o| !o.is_original)
            .map(|o| Value::Object(work(e, o)))
            .collect();
        node.insert("workTranslation".into(), Value::Array(translations));
    } else {
        node.insert(
            "translationOfWork".into(),
            Value::Object(work(e, original(e.langs))),
        );
    }
    let json_ld = serde_json::to_string(&Value::Object(node))
        .expect("a JSON value serialises")
        .replace("</", "<\\/");
    let creator = doc
        .issued_by
        .as_ref()
        .map(|i| own("document-issuer").unwrap_or_else(|| i.clone()));
    let meta = MetaTags {
        title: l.title_plain.clone(),
        date_slashed: date.as_ref().map(|d| d.replace('-', "/")),
        date: date.clone(),
        language: l.tag().to_string(),
        creator,
        source_url: match (e.base_url, l.is_original) {
            (Some(base), false) => Some(format!(
                "{base}{}",
                dir_of(e.site.original.as_str(), View::Index)
            )),
            _ => None,
        },
    };
    Metadata {
        json_ld,
        meta,
        citation: citation(e, l),
    }
}

/// The message `cite-paragraph` with `{number}` and `{url}` left for a
/// script: the date of adoption and the edition's, each `none` if unknown.
fn citation(e: &Edition<'_, '_>, l: &LangRender<'_>) -> String {
    let source = &e.site.source;
    let adopted = source.provenance.adopted.as_deref();
    let edition = source.edition.as_ref().and_then(|e| e.date.as_deref());
    let notice = if l.is_original {
        "none".to_string()
    } else {
        message(e, l, "cite-unofficial", &[]).unwrap_or_else(|| "none".into())
    };
    let url = if e.base_url.is_some() { URL } else { "none" };
    let args = [
        ("title", FluentValue::from(l.title_plain.as_str())),
        ("date", FluentValue::from(adopted.unwrap_or("none"))),
        ("edition", FluentValue::from(edition.unwrap_or("none"))),
        ("number", FluentValue::from(NUMBER)),
        ("url", FluentValue::from(url)),
        ("notice", FluentValue::from(notice)),
    ];
    message(e, l, "cite-paragraph", &args).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_checked() {
        assert!(valid_date("2020-10-15"));
        assert!(!valid_date("2020-10-1"));
        assert!(!valid_date("15.10.2020"));
    }
}
