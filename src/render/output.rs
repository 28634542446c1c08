//! The renderer seam: an [`Output`] is one format the edition is published
//! in. The HTML site is one, the one-file download another, the EPUB per
//! language a third.
//!
//! Input: the outputs and the [`Renderer`]; output: every [`Page`], handed
//! to a sink in a fixed order. Each output plans its pages as [`Job`]s; the
//! jobs are rendered on the thread pool a bounded window ahead of the sink,
//! which takes them in order on the calling thread, so memory holds the
//! window, not the site, and writing overlaps rendering.

use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc;

use rayon::prelude::*;
use serde::Serialize;

use super::body::Body;
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

/// One output file as rendering makes it: its bytes in the pieces they
/// were made in (see [`Body`]).
#[derive(Debug)]
pub(crate) struct Made {
    /// Relative path, for example `en/trade/index.html`.
    pub path: String,
    /// The contents.
    pub body: Body,
}

impl From<Made> for Page {
    fn from(made: Made) -> Page {
        Page {
            path: made.path,
            bytes: made.body.into_bytes(),
        }
    }
}

/// One page planned by an output: where it goes, what it reads (see
/// [`super::deps`]) and how to render it, later, in parallel with others.
pub(crate) struct Job<'r> {
    /// Its path under the output folder.
    path: String,
    /// Its template or output, and what it reads.
    kind: &'static str,
    reads: Reads<'r>,
    /// Whether it renders with no other page beside it (see [`Job::alone`]).
    alone: bool,
    /// Makes the page's bytes.
    render: Box<dyn Fn() -> Result<Body> + Send + Sync + 'r>,
}

impl<'r> Job<'r> {
    /// The page at `path`, made by `kind` (its template or output) with
    /// `render`; until [`Job::reading`] says otherwise, it reads everything.
    pub(crate) fn new(
        path: String,
        kind: &'static str,
        render: impl Fn() -> Result<Body> + Send + Sync + 'r,
    ) -> Job<'r> {
        Job {
            path,
            kind,
            reads: Reads::Everything,
            alone: false,
            render: Box::new(render),
        }
    }

    /// The job, reading only `reads`.
    pub(crate) fn reading(self, reads: Reads<'r>) -> Job<'r> {
        Job { reads, ..self }
    }

    /// The job, rendered with no other page in memory beside it: its
    /// context is many times a language's pages (a status page lists every
    /// unit with an excerpt).
    pub(crate) fn alone(self) -> Job<'r> {
        Job {
            alone: true,
            ..self
        }
    }

    /// Render the page; the job is spent (what it holds is freed as soon
    /// as its page is made).
    fn into_page(self) -> Result<Made> {
        let body = (self.render)()?;
        Ok(Made {
            path: self.path,
            body,
        })
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
    fn page(&mut self, page: Made, deps: Option<Fingerprint>) -> Result<()>;
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

/// How many pages may be rendered ahead of the one the sink waits for:
/// memory holds this many pages at most, not the site.
const WINDOW: usize = 256;

/// Render every page of every output: for each language, each output's
/// pages, the pages of the whole document first (they take longest), then
/// each output's pages of the whole site. Pages reach the sink in that
/// order, on this thread, while the next ones render on the others.
pub(crate) fn run<'r>(
    outputs: &'r [&'r dyn Output],
    r: &'r Renderer<'r>,
    deps: Option<Deps>,
    sink: &mut dyn Sink,
) -> Result<()> {
    let mut jobs: Vec<Job<'r>> = Vec::new();
    for lang in &r.langs {
        let mut pages: Vec<Job<'r>> = Vec::new();
        for output in outputs {
            pages.extend(output.language_pages(r, lang));
        }
        pages.sort_by_key(|job| !job.reads.is_whole());
        jobs.extend(pages);
    }
    for output in outputs {
        jobs.extend(output.site_pages(r));
    }
    sink.planned(jobs.len());
    // Every page is fingerprinted before the first renders, and what the
    // fingerprints were made from is freed.
    let fingerprints: Vec<Option<Fingerprint>> = match deps {
        Some(deps) => jobs
            .par_iter()
            .map(|job| Some(deps.of(job.kind, job.reads)))
            .collect(),
        None => vec![None; jobs.len()],
    };
    // The jobs carried over are dropped here, the others as each is rendered.
    let mut todo = Vec::with_capacity(jobs.len());
    let mut jobs = jobs.into_iter();
    for fingerprints in fingerprints.chunks(WINDOW) {
        let chunk: Vec<Job<'r>> = jobs.by_ref().take(fingerprints.len()).collect();
        let known: Vec<(&str, Fingerprint)> = chunk
            .iter()
            .zip(fingerprints)
            .filter_map(|(job, fp)| Some((job.path.as_str(), (*fp)?)))
            .collect();
        let mut carried = sink.carry(&known)?.into_iter();
        for (job, fp) in chunk.into_iter().zip(fingerprints) {
            let kept = fp.is_some() && carried.next().flatten().is_some();
            if !kept {
                todo.push((job, *fp));
            }
        }
    }
    drop(jobs);
    render_in_order(todo, sink)
}

/// A page rendered on another thread, or the panic that stopped it.
type Rendered = std::thread::Result<Result<Made>>;

/// Render `todo` on the thread pool, at most [`WINDOW`] pages ahead, and
/// hand each page to `sink` in order on this thread: the first page that
/// fails in that order is the one reported, whichever failed first. Each
/// job moves to the thread that renders it and is freed there, so memory
/// holds the jobs still to render, not every job of the build.
fn render_in_order(todo: Vec<(Job<'_>, Option<Fingerprint>)>, sink: &mut dyn Sink) -> Result<()> {
    let alone: Vec<bool> = todo.iter().map(|(job, _)| job.alone).collect();
    let fingerprints: Vec<Option<Fingerprint>> = todo.iter().map(|(_, fp)| *fp).collect();
    // Last to render first: the next job is popped off the end, and the
    // list shrinks as it empties.
    let mut jobs: Vec<Job<'_>> = todo.into_iter().rev().map(|(job, _)| job).collect();
    let (done, rendered) = mpsc::channel::<(usize, Rendered)>();
    rayon::in_place_scope_fifo(|scope| {
        let mut spawned = 0;
        let mut ready: BTreeMap<usize, Rendered> = BTreeMap::new();
        for (next, fingerprint) in fingerprints.iter().enumerate() {
            while spawned < alone.len() && spawned < next + WINDOW {
                // A page rendered alone waits for every page before it to be
                // handed on, and the pages after it wait for it.
                let after_alone = spawned > next && alone[spawned - 1];
                if after_alone || (alone[spawned] && spawned > next) {
                    break;
                }
                let job = jobs.pop().expect("one job per fingerprint");
                if jobs.len() < jobs.capacity() / 4 {
                    jobs.shrink_to_fit();
                }
                let (at, done) = (spawned, done.clone());
                scope.spawn_fifo(move |_| {
                    let page = panic::catch_unwind(AssertUnwindSafe(|| job.into_page()));
                    // The receiver lives until every spawned page is handed on.
                    let _ = done.send((at, page));
                });
                spawned += 1;
            }
            let page = loop {
                if let Some(page) = ready.remove(&next) {
                    break page;
                }
                let (at, page) = rendered
                    .recv()
                    .expect("a sender is kept while pages are awaited");
                ready.insert(at, page);
            };
            let page = page.unwrap_or_else(|panic| panic::resume_unwind(panic))?;
            sink.page(page, *fingerprint)?;
        }
        Ok(())
    })
}

/// Plan the page at `path` from `template` and the context `make` builds.
pub(crate) fn templated<'r, C: Serialize>(
    r: &'r Renderer<'r>,
    template: &'static str,
    path: String,
    make: impl Fn() -> C + Send + Sync + 'r,
) -> Job<'r> {
    templated_try(r, template, path, move || Ok(make()))
}

/// As [`templated`], from a context whose making can fail: one that renders
/// long lists of itself through partials (a status page's).
pub(crate) fn templated_try<'r, C: Serialize>(
    r: &'r Renderer<'r>,
    template: &'static str,
    path: String,
    make: impl Fn() -> Result<C> + Send + Sync + 'r,
) -> Job<'r> {
    Job::new(path, template, move || r.render_page(template, &make))
}
