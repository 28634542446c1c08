//! Search as an [`Output`]: per language `search/<lang>.js`, a script that
//! holds the language's index, loaded by the theme's search dialog when the
//! reader first opens it. A script rather than JSON, so it loads from
//! `file://` as well as over HTTP.
//!
//! - `fold`: how a language's words are split, folded and stemmed;
//! - `index`: the index of one language and its script.

mod fold;
mod index;

use index::{Doc, SphereEntry};

use super::body::Body;
use super::deps::{Reads, Scope};
use super::lang::LangRender;
use super::output::{Job, Output};
use super::renderer::Renderer;
use crate::markdown::plain_text;
use crate::model::source::Unit;

/// The search index of every language.
pub(crate) struct Search;

/// The script of language `tag`, relative to the output root.
pub(crate) fn script_path(tag: &str) -> String {
    format!("search/{tag}.js")
}

impl Output for Search {
    fn language_pages<'r>(&'r self, r: &'r Renderer<'r>, lang: &'r LangRender<'r>) -> Vec<Job<'r>> {
        let path = script_path(lang.tag());
        let reads = Reads::Lang {
            lang: r.position(lang),
            scope: Scope::Whole,
        };
        vec![Job::new(path, "search", move || Ok(language_script(r, lang))).reading(reads)]
    }
}

/// The search script of `lang`: every numbered paragraph as the language
/// shows it, made as the script is written.
fn language_script(r: &Renderer<'_>, lang: &LangRender<'_>) -> Body {
    let source = &r.site.source;
    let text = |u: &Unit| plain_text(lang.lang.unit(u).markdown());
    let spheres = source
        .spheres
        .iter()
        .map(|s| SphereEntry {
            slug: s.slug().to_string(),
            heading: text(&s.heading),
        })
        .collect();
    let doc = |u: &Unit, sphere: Option<usize>| Doc {
        id: u.id.as_str().to_string(),
        number: u.number.unwrap_or_default(),
        sphere,
        text: text(u),
    };
    let docs = source
        .preamble
        .iter()
        .map(|u| doc(u, None))
        .chain(
            source
                .spheres
                .iter()
                .enumerate()
                .flat_map(|(i, s)| s.paragraphs.iter().map(move |u| doc(u, Some(i)))),
        )
        .chain(source.closing.iter().map(|u| doc(u, None)));
    let tag = lang.tag();
    let primary = tag.split('-').next().unwrap_or(tag);
    index::script(tag, primary, spheres, docs)
}
