//! The renderer seam: an [`Output`] is one format the edition is published
//! in. The HTML site is one, the one-file download another, the EPUB per
//! language a third.
//!
//! Input: the outputs and the [`Renderer`]; output: every [`Page`], handed
//! to a sink in a fixed order. Each output plans its pages as [`Job`]s; the
//! jobs are rendered in parallel chunks, so memory holds one chunk at a
//! time, not the site.

use rayon::prelude::*;
use serde::Serialize;

use super::lang::LangRender;
use super::renderer::Renderer;
use crate::error::Result;

/// One output file: its path under the output folder (with `/`) and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Relative path, for example `en/trade/index.html`.
    pub path: String,
    /// The contents.
    pub bytes: Vec<u8>,
}

/// One page planned by an output, rendered later, in parallel with others.
pub(crate) type Job<'r> = Box<dyn Fn() -> Result<Page> + Send + Sync + 'r>;

/// A format the edition is published in.
pub(crate) trait Output: Sync {
    /// The pages this output makes for one language, in the order they are handed on.
    fn language_pages<'r>(&'r self, r: &'r Renderer<'r>, lang: &'r LangRender<'r>) -> Vec<Job<'r>>;

    /// The pages it makes once for the whole site, after every language's.
    fn site_pages<'r>(&'r self, _r: &'r Renderer<'r>) -> Vec<Job<'r>> {
        Vec::new()
    }
}

/// How many pages are rendered in parallel before they are handed on.
const CHUNK: usize = 256;

/// Render every page of every output: for each language, each output's
/// pages in turn, then each output's pages of the whole site. Pages reach
/// `sink` in that order.
pub(crate) fn run<'r>(
    outputs: &'r [&'r dyn Output],
    r: &'r Renderer<'r>,
    sink: &mut dyn FnMut(Page) -> Result<()>,
) -> Result<()> {
    let mut jobs: Vec<Job<'r>> = Vec::new();
    for lang in &r.langs {
        for output in outputs {
            jobs.extend(output.language_pages(r, lang));
        }
    }
    for output in outputs {
        jobs.extend(output.site_pages(r));
    }
    for chunk in jobs.chunks(CHUNK) {
        // Rendered in parallel, handed on in order: the first page that
        // fails in the fixed order is the one reported, whichever thread
        // failed first.
        let pages: Vec<Result<Page>> = chunk.par_iter().map(|job| job()).collect();
        for page in pages {
            sink(page?)?;
        }
    }
    Ok(())
}

/// Plan the page at `path` from `template` and the context `make` builds.
pub(crate) fn templated<'r, C: Serialize>(
    r: &'r Renderer<'r>,
    template: &'static str,
    path: String,
    make: impl Fn() -> C + Send + Sync + 'r,
) -> Job<'r> {
    Box::new(move || {
        let html = r.render(template, &make())?;
        Ok(Page {
            path: path.clone(),
            bytes: html.into_bytes(),
        })
    })
}
