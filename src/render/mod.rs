//! Stage 3, render: the [`Site`] model through the theme's Tera templates
//! into pages, in parallel chunks. Pure: no file is read or written here.
//!
//! Input: the model, the settings, the parsed templates and the theme's
//! static files; output: every page, handed to a sink in a fixed order.
//!
//! From the bottom up:
//! - `blocks` writes the markup of the document's own blocks (paragraphs
//!   and sphere headings) and `templates` parses the theme and gives it `t()`;
//! - `lang` computes once per language what its pages share, and
//!   `renderer` holds everything shared by the pages of the whole site;
//! - `views` builds each page's template context, one type per view, and
//!   `splice` keeps its long sections out of Tera where the theme prints
//!   them whole;
//! - `body` holds a page's bytes in the pieces they were made in;
//! - `output` is the seam: an [`output::Output`] plans pages and `run`
//!   renders them in parallel chunks; `html` (the site), `download`
//!   (one file per language) and `epub` (an EPUB 3 per language) are its
//!   implementations, and `search` (a search index per language);
//! - `deps` fingerprints what each planned page reads, before anything is
//!   rendered, so that a rebuild carries over the pages whose inputs did
//!   not change instead of rendering them.

mod blocks;
mod body;
pub(crate) mod deps;
mod download;
mod epub;
mod html;
mod lang;
mod output;
mod renderer;
mod search;
mod splice;
mod templates;
mod views;

use crate::error::Result;
use crate::load::StaticFile;
use crate::model::Site;
use crate::settings::Settings;

pub(crate) use body::Body;
pub(crate) use output::Made;
pub use output::Page;
pub(crate) use output::Sink;
use templates::Templates;
pub(crate) use templates::{register_messages, templates};

/// Render every page of every output, in parallel chunks, handing each to
/// `sink` in a fixed order; memory holds one chunk at a time. With `deps`,
/// a page the sink carries over from the last build is not rendered.
pub(crate) fn each(
    site: &Site,
    settings: &Settings,
    templates: &Templates,
    statics: &[StaticFile],
    deps: Option<deps::Deps>,
    sink: &mut dyn Sink,
) -> Result<()> {
    let renderer = renderer::Renderer::new(site, settings, templates, statics)?;
    let outputs: [&dyn output::Output; 4] = [
        &html::HtmlSite,
        &download::Download,
        &epub::Epub,
        &search::Search,
    ];
    output::run(&outputs, &renderer, deps, sink)
}
