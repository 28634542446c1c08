//! What every page of one language needs, computed once per language:
//! its title and description as plain text, its notices, the permalink
//! labels, its share translated and reviewed, the document's provenance in
//! the language, and its Open Graph locale.
//!
//! Input: the [`Site`] and one of its languages; output: a [`LangRender`].

use fluent_bundle::FluentValue;
use serde::Serialize;

use super::blocks::Notices;
use super::templates::{message_from, missing_message, tagged_html};
use crate::error::{Error, Result};
use crate::markdown::plain_text;
use crate::model::{Language, Site};

/// Up to this many characters of the preamble describe a page.
const DESCRIPTION_CHARS: usize = 200;

/// One language as the renderer uses it, computed once for all its pages.
#[derive(Debug)]
pub(super) struct LangRender<'a> {
    /// The language.
    pub(super) lang: &'a Language,
    /// Whether it is the original's language.
    pub(super) is_original: bool,
    /// The document's title, as plain text.
    pub(super) title_plain: String,
    /// The page description: the start of the preamble, as plain text.
    pub(super) description: String,
    /// The notices for missing and stale units, escaped.
    pub(super) notices: Notices,
    /// "Link to paragraph N" for every paragraph number, from 1.
    permalink_labels: Labels,
    /// The share translated, rounded down.
    pub(super) percent: u32,
    /// The Open Graph locale (`kk_KZ`).
    pub(super) og_locale: String,
    /// How far review has come in the language.
    pub(super) review: ReviewCtx,
    /// What is known about the document, in the language where translated.
    pub(super) provenance: ProvenanceCtx,
}

/// Short texts in a row, kept in one buffer: one allocation per language
/// instead of one per paragraph.
#[derive(Debug, Default)]
struct Labels {
    text: String,
    /// Where each text ends in `text`.
    ends: Vec<usize>,
}

impl Labels {
    /// The text at `index`, from 0.
    fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)?;
        let start = index.checked_sub(1).map_or(0, |before| self.ends[before]);
        Some(&self.text[start..end])
    }
}

impl FromIterator<String> for Labels {
    fn from_iter<I: IntoIterator<Item = String>>(texts: I) -> Labels {
        let mut labels = Labels::default();
        for text in texts {
            labels.text.push_str(&text);
            labels.ends.push(labels.text.len());
        }
        labels.text.shrink_to_fit();
        labels.ends.shrink_to_fit();
        labels
    }
}

/// How far review has come in a translation, for the notice on its pages.
#[derive(Serialize, Debug, Clone, Copy)]
pub(super) struct ReviewCtx {
    /// Every unit is reviewed or approved.
    reviewed: bool,
    /// Units reviewed or approved.
    count: usize,
    /// Units in all.
    total: usize,
}

/// A piece of text with the language it is in (the page's, or the
/// original's where the project gives no translation).
#[derive(Serialize, Debug, Clone)]
pub(super) struct Tagged {
    text: String,
    lang: String,
    dir: &'static str,
}

/// The document's provenance on a page: each field only where the source's
/// front matter gives it. `kind`, `issued_by` and `place` are translated by
/// the language's `document-type`, `document-issuer` and `document-place`
/// messages, else shown in the original's language.
#[derive(Serialize, Debug, Clone, Default)]
pub(super) struct ProvenanceCtx {
    kind: Option<Tagged>,
    issued_by: Option<Tagged>,
    adopted: Option<String>,
    place: Option<Tagged>,
    published_url: Option<String>,
    published_in: Option<Tagged>,
    /// The original's endonym (`Русский`), tag and direction.
    original_name: String,
    original_lang: String,
    original_dir: &'static str,
    edition_version: Option<String>,
    edition_date: Option<String>,
}

impl ProvenanceCtx {
    fn of(site: &Site, lang: &Language) -> ProvenanceCtx {
        let source = &site.source;
        let doc = &source.provenance;
        let original = site.language(site.original.as_str());
        let translated = |key: &str, value: &Option<String>| -> Option<Tagged> {
            let value = value.as_deref()?;
            if let Some(text) = lang.messages.format(key, &[]) {
                return Some(Tagged {
                    text,
                    lang: lang.tag.to_string(),
                    dir: lang.dir.as_str(),
                });
            }
            Some(Tagged {
                text: value.to_string(),
                lang: site.original.to_string(),
                dir: original.map_or("ltr", |l| l.dir.as_str()),
            })
        };
        ProvenanceCtx {
            kind: translated("document-type", &doc.kind),
            issued_by: translated("document-issuer", &doc.issued_by),
            adopted: doc.adopted.clone(),
            place: translated("document-place", &doc.place),
            published_url: doc.published_url.clone(),
            published_in: translated("document-published-in", &doc.published_in),
            original_name: original.map(|l| l.name.clone()).unwrap_or_default(),
            original_lang: site.original.to_string(),
            original_dir: original.map_or("ltr", |l| l.dir.as_str()),
            edition_version: source.edition.as_ref().map(|e| e.version.clone()),
            edition_date: source.edition.as_ref().and_then(|e| e.date.clone()),
        }
    }
}

impl<'a> LangRender<'a> {
    /// Compute what the pages of `lang` share; a notice missing from the
    /// whole fallback chain fails the build.
    pub(super) fn new(site: &'a Site, lang: &'a Language) -> Result<LangRender<'a>> {
        let paragraphs = site.source.paragraphs().count();
        let permalink_labels = (1..=paragraphs)
            .map(|n| {
                let args = [("number", FluentValue::from(n))];
                site.message(&lang.tag, "permalink-label", &args)
                    .unwrap_or_else(|| format!("¶ {n}"))
            })
            .collect();
        let description = site
            .source
            .preamble
            .first()
            .map(|u| truncate(&plain_text(lang.unit(u).markdown()), DESCRIPTION_CHARS))
            .unwrap_or_default();
        Ok(LangRender {
            lang,
            is_original: site.is_original(lang),
            title_plain: plain_text(lang.unit(&site.source.title).markdown()),
            description,
            notices: notices(site, lang)?,
            permalink_labels,
            percent: lang.counts.percent(),
            og_locale: og_locale(lang),
            review: ReviewCtx {
                reviewed: lang.counts.total > 0 && lang.counts.reviewed == lang.counts.total,
                count: lang.counts.reviewed,
                total: lang.counts.total,
            },
            provenance: ProvenanceCtx::of(site, lang),
        })
    }

    /// The language's tag.
    pub(super) fn tag(&self) -> &'a str {
        self.lang.tag.as_str()
    }

    /// The permalink label of paragraph `number`.
    pub(super) fn label(&self, number: usize) -> Option<&str> {
        self.permalink_labels.get(number.checked_sub(1)?)
    }

    /// The language as templates see it.
    pub(super) fn ctx(&self) -> LangCtx<'a> {
        LangCtx::of(self.lang)
    }
}

/// A language in a template context: `tag`, `name` (its endonym) and `dir`.
#[derive(Serialize, Clone, Copy, Debug)]
pub(super) struct LangCtx<'a> {
    tag: &'a str,
    name: &'a str,
    dir: &'static str,
}

impl<'a> LangCtx<'a> {
    /// The template view of `lang`.
    pub(super) fn of(lang: &'a Language) -> LangCtx<'a> {
        LangCtx {
            tag: lang.tag.as_str(),
            name: &lang.name,
            dir: lang.dir.as_str(),
        }
    }
}

/// A language's notices for missing and stale units, through the fallback
/// chain; one missing from every language of the chain fails the build.
/// The original's language among `langs` (the first if the site lacks it).
pub(super) fn original<'b, 'a>(langs: &'b [LangRender<'a>]) -> &'b LangRender<'a> {
    langs.iter().find(|l| l.is_original).unwrap_or(&langs[0])
}

fn notices(site: &Site, lang: &Language) -> Result<Notices> {
    let message = |key: &str| {
        message_from(site, &lang.tag, key, &[])
            .map(|(from, text)| tagged_html(site, &lang.tag, from, &text))
            .ok_or_else(|| Error::Refused(missing_message(site, &lang.tag, key)))
    };
    Ok(Notices {
        fallback: message("fallback-notice")?,
        stale: message("stale-notice")?,
        stale_link: message("stale-link")?,
        original: super::templates::escape_html(site.original.as_str()),
    })
}

/// The Open Graph locale of a language (`kk_KZ`): the language's own
/// `og-locale` message if it has one, else its most likely region.
fn og_locale(lang: &Language) -> String {
    if let Some(locale) = lang.messages.format("og-locale", &[]) {
        return locale;
    }
    let mut id = lang.tag.identifier();
    id.maximize();
    match id.region {
        Some(region) => format!("{}_{}", id.language, region),
        None => id.language.to_string(),
    }
}

/// Shorten `text` to at most `max_chars` characters at a word boundary.
fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_cut_at_a_word() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("one two three", 9), "one two…");
    }

    #[test]
    fn labels_are_found_by_position() {
        let labels: Labels = ["¶ 1", "", "Абзац 3"]
            .map(String::from)
            .into_iter()
            .collect();
        assert_eq!(labels.get(0), Some("¶ 1"));
        assert_eq!(labels.get(1), Some(""));
        assert_eq!(labels.get(2), Some("Абзац 3"));
        assert_eq!(labels.get(3), None);
        assert_eq!(Labels::default().get(0), None);
    }
}
