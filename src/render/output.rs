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

use super::deps::{Deps, Fingerprint, Reads};
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

/// One page planned by an output: where it goes, what it reads (see
/// [`super::deps`]) and how to render it, later, in parallel with others.
pub(crate) struct Job<'r> {
    /// Its path under the output folder.
    path: String,
    /// Its template or output, and what it reads.
    kind: &'static str,
    reads: Reads<'r>,
    render: Box<dyn Fn() -> Result<Page> + Send + Sync + 'r>,
}

impl<'r> Job<'r> {
    /// The page at `path`, made by `kind` (its template or output) with
    /// `render`; until [`Job::reading`] says otherwise, it reads everything.
    pub(crate) fn new(
        path: String,
        kind: &'static str,
        render: impl Fn() -> Result<Page> + Send + Sync + 'r,
    ) -> Job<'r> {
        Job {
            path,
            kind,
            reads: Reads::Everything,
            render: Box::new(render),
        }
    }

    /// The job, reading only `reads`.
    pub(crate) fn reading(self, reads: Reads<'r>) -> Job<'r> {
        Job { reads, ..self }
    }
}

/// Where the pages go: rendered, or carried over from the last build.
pub(crate) trait Sink {
    /// How many pages there will be, before the first.
    fn planned(&mut self, _pages: usize) {}

    /// Keep each page at `path` from the last build if it was made from
    /// inputs with the fingerprint `deps`: for each, its length if it was
    /// kept (then it is not rendered).
    fn carry(&mut self, pages: &[(&str, Fingerprint)]) -> Result<Vec<Option<u64>>> {
        Ok(vec![None; pages.len()])
    }

    /// A page rendered, with the fingerprint of what it read (if known).
    fn page(&mut self, page: Page, deps: Option<Fingerprint>) -> Result<()>;
}

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
/// `sink` in that order. With `deps`, each page's fingerprint is computed
/// first, and a page the sink carries over is not rendered.
pub(crate) fn run<'r>(
    outputs: &'r [&'r dyn Output],
    r: &'r Renderer<'r>,
    deps: Option<&Deps>,
    sink: &mut dyn Sink,
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
    sink.planned(jobs.len());
    let fingerprints: Vec<Option<Fingerprint>> = match deps {
        Some(deps) => jobs
            .par_iter()
            .map(|job| Some(deps.of(job.kind, job.reads)))
            .collect(),
        None => vec![None; jobs.len()],
    };
    for (chunk, fingerprints) in jobs.chunks(CHUNK).zip(fingerprints.chunks(CHUNK)) {
        let mut todo = Vec::with_capacity(chunk.len());
        let known: Vec<(&str, Fingerprint)> = chunk
            .iter()
            .zip(fingerprints)
            .filter_map(|(job, fp)| Some((job.path.as_str(), (*fp)?)))
            .collect();
        let mut carried = sink.carry(&known)?.into_iter();
        for (job, fp) in chunk.iter().zip(fingerprints) {
            let kept = fp.is_some() && carried.next().flatten().is_some();
            if !kept {
                todo.push((job, *fp));
            }
        }
        // Rendered in parallel, handed on in order: the first page that
        // fails in the fixed order is the one reported, whichever thread
        // failed first.
        let pages: Vec<Result<Page>> = todo.par_iter().map(|(job, _)| (job.render)()).collect();
        for (page, (job, fp)) in pages.into_iter().zip(todo) {
            let page = page?;
            debug_assert_eq!(page.path, job.path, "a job renders the page at its path");
            sink.page(page, fp)?;
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
    let at = path.clone();
    Job::new(path, template, move || {
        let html = r.render(template, &make())?;
        Ok(Page {
            path: at.clone(),
            bytes: html.into_bytes(),
        })
    })
}
