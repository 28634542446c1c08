//! The build pipeline, top to bottom: load, model, render, write.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use crate::error::{Diagnostic, Error, Result, fail_on_errors};
use crate::settings::Overrides;
use crate::{load, model, render, write};

/// What `build` was asked to do.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The project root.
    pub root: PathBuf,
    /// Settings given on the command line.
    pub overrides: Overrides,
}

/// What a build did.
#[derive(Debug)]
pub struct Report {
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

/// Render the whole site in memory: nothing is written.
pub fn render(root: &Path, overrides: Overrides) -> Result<(Vec<render::Page>, Vec<Diagnostic>, crate::settings::Settings)> {
    let project = load::project(root, overrides)?;
    let (site, problems) = model::site(&project);
    let warnings = fail_on_errors(problems)?;
    let site = site.ok_or_else(|| Error::Invalid(warnings.clone()))?;
    let messages = site
        .languages
        .iter()
        .map(|l| (l.tag.clone(), Arc::clone(&l.messages)))
        .collect();
    let tera = render::templates(&project.templates, messages)?;
    let pages = render::site(&site, &project.settings, &tera, &project.statics)?;
    Ok((pages, warnings, project.settings))
}

/// Build the site: everything is rendered in memory first, so a build that
/// fails leaves the output folder as it was.
pub fn run(options: &Options) -> Result<Report> {
    let started = Instant::now();
    let root = &options.root;
    let settings = load::settings(root, options.overrides.clone())?;
    let out = if settings.output.is_absolute() {
        settings.output.clone()
    } else {
        root.join(&settings.output)
    };
    write::check_output(root, &out)?;
    let (pages, warnings, settings) = render(root, options.overrides.clone())?;
    let summary = write::site(&out, &pages)?;
    let mut notes = Vec::new();
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
