//! The build pipeline, top to bottom: load, model, render, write.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::error::{Diagnostic, Error, Result, fail_on_errors};
use crate::lang::LangTag;
use crate::progress::Progress;
use crate::render::deps::{Deps, Fingerprint, UnitPrints};
use crate::settings::{Overrides, Settings};
use crate::{load, model, render, write};

/// What `build` was asked to do.
#[derive(Clone, Debug, Default)]
pub(crate) struct Options {
    /// The project root.
    pub root: PathBuf,
    /// Settings given on the command line.
    pub overrides: Overrides,
    /// Show a progress bar on a terminal if the build is long (`build`, not `serve`).
    pub progress: bool,
}

/// What a build did.
#[derive(Debug)]
pub(crate) struct Report {
    /// The output folder.
    pub out: PathBuf,
    /// Written, unchanged and removed files.
    pub summary: write::Summary,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
    /// Notes for the user, such as what was left out without a base URL.
    pub notes: Vec<String>,
    /// Wall time.
    pub elapsed: std::time::Duration,
}

/// What rendering a project found: warnings, and why languages were left out.
struct Rendering {
    warnings: Vec<Diagnostic>,
    withheld: Vec<String>,
    settings: Settings,
}

/// A page this large (a whole document, a status page or a search index
/// of a large project) frees enough once written to be worth giving back
/// to the system; giving back takes a few milliseconds, too long to do
/// after every page of ordinary size.
const LARGE_PAGE: usize = 8 << 20;

/// Pages on their way to `sink`, counted against the output budget and
/// shown on the progress bar.
struct Counted<'s> {
    sink: &'s mut dyn render::Sink,
    budget: OutputBudget,
    progress: &'s mut Progress,
}

impl render::Sink for Counted<'_> {
    fn planned(&mut self, pages: usize) {
        self.progress.planned(pages);
        self.sink.planned(pages);
    }

    fn carry(&mut self, pages: &[(&str, Fingerprint)]) -> Result<Vec<Option<u64>>> {
        let kept = self.sink.carry(pages)?;
        for ((path, _), len) in pages.iter().zip(&kept) {
            if let Some(len) = len {
                self.budget.spend(path, *len)?;
                self.progress.page();
            }
        }
        Ok(kept)
    }

    fn page(&mut self, page: render::Made, deps: Option<Fingerprint>) -> Result<()> {
        let len = page.body.len();
        self.budget.spend(&page.path, len as u64)?;
        let large = len >= LARGE_PAGE;
        self.sink.page(page, deps)?;
        self.progress.page();
        if large {
            // A large page's context and bytes are freed by now.
            crate::memory::give_back();
        }
        Ok(())
    }
}

/// The writer, opened on its own thread while the model is made, so that
/// the scans of the output folders and the model do not wait for each other.
enum Opening<'s> {
    Pending(std::thread::ScopedJoinHandle<'s, Result<write::Writer>>),
    Open(Box<write::Writer>),
    Failed(Error),
}

impl Opening<'_> {
    /// Wait for the writer to be open.
    fn settle(&mut self) {
        let state = std::mem::replace(self, Opening::Failed(Error::Refused(String::new())));
        *self = match state {
            Opening::Pending(handle) => match handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            {
                Ok(writer) => Opening::Open(Box::new(writer)),
                Err(err) => Opening::Failed(err),
            },
            settled => settled,
        };
    }

    /// The open writer, or why it could not be opened.
    fn writer(&mut self) -> Result<&mut write::Writer> {
        self.settle();
        match self {
            Opening::Open(writer) => Ok(writer),
            // Never shown: `run` reports the writer's own error first.
            Opening::Failed(_) => Err(Error::Refused(
                "the output folder could not be prepared".into(),
            )),
            Opening::Pending(_) => unreachable!("settled above"),
        }
    }

    /// The writer, once open.
    fn into_writer(mut self) -> Result<write::Writer> {
        self.settle();
        match self {
            Opening::Open(writer) => Ok(*writer),
            Opening::Failed(err) => Err(err),
            Opening::Pending(_) => unreachable!("settled above"),
        }
    }
}

/// The writer as a sink: pages whose inputs did not change are carried over.
struct ToWriter<'a, 's>(&'a mut Opening<'s>);

impl render::Sink for ToWriter<'_, '_> {
    fn carry(&mut self, pages: &[(&str, Fingerprint)]) -> Result<Vec<Option<u64>>> {
        let pages: Vec<(&str, [u8; 16])> = pages
            .iter()
            .map(|(path, deps)| (*path, deps.bytes()))
            .collect();
        self.0.writer()?.carry(&pages)
    }

    fn page(&mut self, page: render::Made, deps: Option<Fingerprint>) -> Result<()> {
        self.0.writer()?.add(&page, deps.map(Fingerprint::bytes))
    }
}

/// Every page in memory.
struct Collect(Vec<render::Page>);

impl render::Sink for Collect {
    fn page(&mut self, page: render::Made, _: Option<Fingerprint>) -> Result<()> {
        self.0.push(page.into());
        Ok(())
    }
}

/// Check and render a loaded project, handing each page to `sink`. With
/// `inputs` (the fingerprint of every input file), each page's
/// dependencies are fingerprinted and the sink may carry pages over.
fn render_project(
    mut project: load::Project,
    inputs: Option<&str>,
    memory: Option<&dyn model::kept::Memory>,
    sink: &mut dyn render::Sink,
    progress: &mut Progress,
) -> Result<Rendering> {
    let mut withheld = model::withhold_unlisted(&mut project);
    let budget = OutputBudget::new(&project);
    // Parsing the theme's templates does not depend on the model: do both
    // at once. The model is made one language at a time, each language's
    // files and entries freed as soon as it is modelled (after the
    // fingerprints of its units are taken, if pages are fingerprinted).
    let fingerprinted = inputs.is_some();
    let load::Project {
        settings,
        source,
        locales,
        templates,
        ..
    } = &mut project;
    let ((site, problems), tera) = rayon::join(
        || {
            model::site_for_rendering(settings, source, locales, memory, |source, lang| {
                fingerprinted.then(|| render::deps::unit_prints(source, lang))
            })
        },
        || render::templates(templates),
    );
    // The model owns what it needs: free the raw texts before rendering, so
    // that memory holds one copy of a large document, not two.
    for locale in &mut project.locales {
        locale.statement = None;
        locale.orphans = None;
        locale.glossary = None;
        locale.review_notes = None;
    }
    let warnings = fail_on_errors(problems)?;
    let (mut site, prints) = site.ok_or_else(|| Error::Invalid(warnings.clone()))?;
    let mut prints: HashMap<LangTag, Option<UnitPrints>> = site
        .languages
        .iter()
        .map(|l| l.tag.clone())
        .zip(prints)
        .collect();
    withheld.extend(site.withhold_unpublished(&project.settings));
    // What each page reads, from the whole model: before anything in it is
    // freed for rendering (the original's text), so that the fingerprints
    // see every input.
    let deps = inputs.map(|inputs| {
        let units = site
            .languages
            .iter()
            .filter_map(|l| prints.remove(&l.tag).flatten())
            .collect();
        Deps::new(&site, &project, units, inputs)
    });
    drop(prints);
    // Pages show the units' HTML: free the original's Markdown, and give
    // what loading and modelling freed back to the system.
    site.shed_for_rendering();
    crate::memory::give_back();
    let unnamed: Vec<Diagnostic> = site
        .languages
        .iter()
        .flat_map(|l| l.unnamed.iter().cloned())
        .collect();
    let warnings = if project.settings.drafts {
        let as_warnings = unnamed.into_iter().map(|d| Diagnostic {
            severity: crate::error::Severity::Warning,
            ..d
        });
        warnings.into_iter().chain(as_warnings).collect()
    } else {
        fail_on_errors(warnings.into_iter().chain(unnamed).collect())?
    };
    let site = Arc::new(site);
    let mut tera = tera?;
    render::register_messages(&mut tera, Arc::clone(&site));
    render::each(
        &site,
        &project.settings,
        &tera,
        &project.statics,
        deps,
        &mut Counted {
            sink,
            budget,
            progress,
        },
    )?;
    Ok(Rendering {
        warnings,
        withheld,
        settings: project.settings,
    })
}

/// The most HTML and EPUB a build may write ([`Settings::output_budget`]),
/// counted as pages are rendered: past it the build stops before the site
/// replaces the old one, so a small hostile input cannot fill the disk.
struct OutputBudget {
    limit: u64,
    spent: u64,
    input: u64,
    explicit: bool,
}

impl OutputBudget {
    fn new(project: &load::Project) -> OutputBudget {
        let texts = project
            .locales
            .iter()
            .flat_map(|l| [l.statement.as_ref(), Some(&l.messages), l.glossary.as_ref()])
            .flatten()
            .chain(&project.templates)
            .map(|f| f.text.len())
            .sum::<usize>();
        let statics: usize = project.statics.iter().map(|s| s.bytes.len()).sum();
        let input = (project.source.text.len() + texts + statics) as u64;
        OutputBudget {
            limit: project.settings.output_budget(input),
            spent: 0,
            input,
            explicit: project.settings.max_output_mib.is_some(),
        }
    }

    /// Count `len` bytes written to `path`.
    fn spend(&mut self, path: &str, len: u64) -> Result<()> {
        if !(path.ends_with(".html") || path.ends_with(".epub")) {
            return Ok(());
        }
        self.spent = self.spent.saturating_add(len);
        if self.spent <= self.limit {
            return Ok(());
        }
        const MIB: u64 = 1024 * 1024;
        let why = if self.explicit {
            "the setting max_output_mib".to_string()
        } else {
            format!(
                "by default 50 times the {} KiB read, at least 64 MiB",
                self.input.div_ceil(1024)
            )
        };
        Err(Error::Refused(format!(
            "the site would have more than {} MiB of HTML and EPUB ({why}); stopped at {}, nothing was written. A translation that repeats a long text (YAML aliases, a huge title) does this; if the site really is this large, raise max_output_mib in {}",
            self.limit / MIB,
            path,
            crate::layout::SETTINGS
        )))
    }
}

/// The whole site in memory, sorted by path, with the warnings and settings: nothing is written.
pub(crate) type Rendered = (Vec<render::Page>, Vec<Diagnostic>, Settings);

/// Render the whole site in memory: nothing is written.
pub(crate) fn render(root: &Path, overrides: Overrides) -> Result<Rendered> {
    let project = load::project(root, overrides)?;
    let mut pages = Collect(Vec::new());
    let mut progress = Progress::new(false, Instant::now());
    let rendering = render_project(project, None, None, &mut pages, &mut progress)?;
    let mut pages = pages.0;
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((pages, rendering.warnings, rendering.settings))
}

/// Build the site. Pages are assembled in a staging folder as they are
/// rendered, which replaces the output folder in one step only when all
/// succeeded, so a build that fails leaves the output folder as it was.
pub(crate) fn run(options: &Options) -> Result<Report> {
    let started = Instant::now();
    let root = &options.root;
    let settings = load::settings(root, options.overrides.clone())?;
    let out = settings.output_in(root);
    let target = write::Target::new(root, &out)?;
    let project = load::project(root, options.overrides.clone())?;
    let inputs = render::deps::of_inputs(&project).to_hex();
    let langs: Vec<LangTag> = project.locales.iter().map(|l| l.lang.clone()).collect();
    let kept = write::KeptModels::new(root);
    let (summary, warnings, withheld) = match target.up_to_date(&inputs)? {
        // Nothing the site depends on changed and the output is intact.
        Some(files) => (
            write::Summary {
                unchanged: files,
                carried: files,
                ..write::Summary::default()
            },
            Vec::new(),
            Vec::new(),
        ),
        None => {
            // Pages stream to the writer, which assembles the new site in a
            // staging folder; it replaces the old site only if every page
            // rendered. A page whose inputs did not change is carried over
            // from the old site without being rendered.
            let opened = inputs.clone();
            let (writer, rendered) = std::thread::scope(|scope| {
                let mut opening =
                    Opening::Pending(scope.spawn(move || write::Writer::open(target, opened)));
                let mut progress = Progress::new(options.progress, started);
                let rendered = render_project(
                    project,
                    Some(&inputs),
                    Some(&kept),
                    &mut ToWriter(&mut opening),
                    &mut progress,
                );
                progress.finish();
                (opening.into_writer(), rendered)
            });
            // An output folder the writer refuses is reported first, as before.
            let writer = writer?;
            kept.keep_only(&langs);
            match rendered {
                Ok(rendering) => (writer.commit()?, rendering.warnings, rendering.withheld),
                Err(err) => {
                    writer.abort();
                    return Err(err);
                }
            }
        }
    };
    let mut notes = withheld;
    if settings.base_url.is_none() {
        notes.push(
            "no base_url set: sitemap.xml, canonical links and Open Graph URLs are left out; links stay relative"
                .to_string(),
        );
    }
    Ok(Report {
        out,
        summary,
        warnings,
        notes,
        elapsed: started.elapsed(),
    })
}
