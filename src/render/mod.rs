//! Stage 3, render: the [`Site`] model through the theme's Tera templates
//! into pages, in parallel chunks. Pure: no file is read or written here.
//!
//! `templates` parses the theme and provides the `t()` message function,
//! `context` turns the model into each page's template context, and
//! `sitemap` writes `sitemap.xml`.

mod blocks;
mod context;
mod sitemap;
mod templates;

use std::collections::HashMap;

use fluent_bundle::FluentValue;
use rayon::prelude::*;

use crate::error::{Diagnostic, Error, Result};
use crate::links::{Linker, View, dir_of};
use crate::load::StaticFile;
use crate::markdown::plain_text;
use crate::model::{Language, Site, State};
use crate::settings::Settings;

use templates::{error_chain, lookup};
pub use templates::{register_messages, templates};

/// One output file: its path under the output folder (with `/`) and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Relative path, for example `en/trade/index.html`.
    pub path: String,
    /// The contents.
    pub bytes: Vec<u8>,
}

/// The templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "sphere.html",
    "full.html",
    "parallel.html",
    "gateway.html",
    "status.html",
    "404.html",
    "download.html",
];

/// Everything shared by the pages of the whole site.
struct Shared<'a> {
    site: &'a Site,
    /// Per language (in site order), the title and the description as plain text.
    plain: Vec<(String, String)>,
    /// Per language (in site order), its notices for missing and stale units.
    notices: Vec<blocks::Notices>,
    /// Sphere slug → its index in the source.
    spheres: HashMap<&'a str, usize>,
    /// Per language (in site order), the share translated.
    percents: Vec<u32>,
    /// Per language (in site order), the permalink label of each paragraph number.
    labels: Vec<Vec<String>>,
    settings: &'a Settings,
    linker: Linker,
    tera: &'a tera::Tera,
    css: String,
    css_hash: String,
}

/// Render every page in memory, sorted by path.
pub fn site(
    site: &Site,
    settings: &Settings,
    tera: &tera::Tera,
    statics: &[StaticFile],
) -> Result<Vec<Page>> {
    let mut pages = Vec::new();
    each(site, settings, tera, statics, &mut |page| {
        pages.push(page);
        Ok(())
    })?;
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(pages)
}

/// Up to this many spheres, every page carries the table of contents.
const TOC_ON_EVERY_PAGE: usize = 40;

/// How many pages are rendered in parallel before they are handed on.
const CHUNK: usize = 256;

/// Render every page, in parallel chunks, handing each to `sink` in a
/// fixed order; memory holds one chunk at a time.
pub fn each(
    site: &Site,
    settings: &Settings,
    tera: &tera::Tera,
    statics: &[StaticFile],
    sink: &mut dyn FnMut(Page) -> Result<()>,
) -> Result<()> {
    let css = statics
        .iter()
        .find(|s| s.path == "theme/style.css")
        .map(|s| String::from_utf8_lossy(&s.bytes).into_owned())
        .unwrap_or_default();
    let paragraphs = site.source.paragraphs().count();
    let labels = site
        .languages
        .iter()
        .map(|lang| {
            let messages = site
                .languages
                .iter()
                .map(|l| (l.tag.as_str(), &*l.messages));
            (1..=paragraphs)
                .map(|n| {
                    let args = [("number", FluentValue::from(n))];
                    lookup(messages.clone(), &lang.tag, "permalink-label", &args)
                        .unwrap_or_else(|| format!("¶ {n}"))
                })
                .collect()
        })
        .collect();
    let notices = site
        .languages
        .iter()
        .map(|lang| notices_of(site, &lang.tag))
        .collect::<Result<Vec<_>>>()?;
    let plain = site
        .languages
        .iter()
        .map(|lang| {
            let title = plain_text(&lang.unit("title").text);
            let description = site
                .source
                .preamble
                .first()
                .map(|u| context::truncate(&plain_text(&lang.unit(&u.id).text), 200))
                .unwrap_or_default();
            (title, description)
        })
        .collect();
    let shared = Shared {
        site,
        plain,
        notices,
        spheres: site
            .source
            .spheres
            .iter()
            .enumerate()
            .map(|(i, s)| (s.slug(), i))
            .collect(),
        percents: site
            .languages
            .iter()
            .map(|l| percent_translated(site, l))
            .collect(),
        settings,
        labels,
        linker: Linker {
            offline: settings.offline,
        },
        tera,
        css_hash: csp_hash(&css),
        css,
    };
    let mut jobs: Vec<(usize, Job<'_>)> = Vec::new();
    for (i, lang) in site.languages.iter().enumerate() {
        jobs.push((i, Job::View(View::Index)));
        jobs.push((i, Job::View(View::Full)));
        jobs.push((i, Job::Download));
        for sphere in &site.source.spheres {
            jobs.push((i, Job::View(View::Sphere(sphere.slug()))));
        }
        for other in &site.languages {
            if other.tag == lang.tag || !settings.parallel {
                continue;
            }
            jobs.push((
                i,
                Job::View(View::Parallel {
                    other: &other.tag,
                    part: None,
                }),
            ));
            for sphere in &site.source.spheres {
                jobs.push((
                    i,
                    Job::View(View::Parallel {
                        other: &other.tag,
                        part: Some(sphere.slug()),
                    }),
                ));
            }
        }
    }
    jobs.push((0, Job::Gateway));
    jobs.push((0, Job::Status));
    jobs.push((0, Job::NotFound));
    for chunk in jobs.chunks(CHUNK) {
        let pages = chunk
            .par_iter()
            .map(|(i, job)| shared.render(&site.languages[*i], *job))
            .collect::<Result<Vec<Page>>>()?;
        for page in pages {
            sink(page)?;
        }
    }
    let robots = match &settings.base_url {
        Some(base) => {
            sink(sitemap::sitemap(&shared, base))?;
            format!("User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n")
        }
        None => "User-agent: *\nAllow: /\n".to_string(),
    };
    sink(Page {
        path: "robots.txt".into(),
        bytes: robots.into_bytes(),
    })?;
    for file in statics {
        sink(Page {
            path: file.path.clone(),
            bytes: file.bytes.clone(),
        })?;
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Job<'a> {
    View(View<'a>),
    Download,
    Gateway,
    Status,
    NotFound,
}

impl Shared<'_> {
    fn render(&self, lang: &Language, job: Job<'_>) -> Result<Page> {
        let (template, dir, file, ctx) = match job {
            Job::View(view) => {
                let dir = dir_of(&lang.tag, view);
                let ctx = self.view_context(lang, view, &dir);
                let template = match view {
                    View::Index => "index.html",
                    View::Sphere(_) => "sphere.html",
                    View::Full => "full.html",
                    View::Parallel { .. } => "parallel.html",
                };
                (template, dir, "index.html".to_string(), ctx)
            }
            Job::Download => {
                let dir = format!("{}/", lang.tag);
                let mut ctx = self.view_context(lang, View::Full, &dir);
                ctx.insert("inline_css", &self.css);
                ctx.insert("inline_css_hash", &self.css_hash);
                (
                    "download.html",
                    dir,
                    format!("statement.{}.html", lang.tag),
                    ctx,
                )
            }
            Job::Gateway => (
                "gateway.html",
                String::new(),
                "index.html".into(),
                self.global_context(""),
            ),
            Job::Status => {
                let dir = "status/".to_string();
                let mut ctx = self.global_context(&dir);
                ctx.insert("coverage", &self.coverage(&dir));
                ("status.html", dir, "index.html".into(), ctx)
            }
            Job::NotFound => {
                let mut ctx = self.global_context("");
                ctx.insert("inline_css", &self.css);
                ctx.insert("inline_css_hash", &self.css_hash);
                ("404.html", String::new(), "404.html".into(), ctx)
            }
        };
        let html = self.tera.render(template, &ctx).map_err(|err| {
            Error::at(Diagnostic::error(
                format!("themes/{}/templates/{template}", self.settings.theme),
                None,
                error_chain(&err),
            ))
        })?;
        Ok(Page {
            path: format!("{dir}{file}"),
            bytes: html.into_bytes(),
        })
    }

    /// The index of `lang` in the site's order.
    fn index(&self, lang: &Language) -> usize {
        let index = self.site.languages.iter().position(|l| l.tag == lang.tag);
        index.unwrap_or(0)
    }

    fn notices(&self, lang: &Language) -> &blocks::Notices {
        &self.notices[self.index(lang)]
    }

    /// The document's title in `lang`, as plain text.
    fn plain_title(&self, lang: &Language) -> String {
        self.plain[self.index(lang)].0.clone()
    }

    /// The page description in `lang`: the start of the preamble, as plain text.
    fn description(&self, lang: &Language) -> String {
        self.plain[self.index(lang)].1.clone()
    }

    fn percent(&self, lang: &Language) -> u32 {
        self.percents[self.index(lang)]
    }

    fn href(&self, from: &str, to: &str) -> String {
        self.linker.href(from, to)
    }
}

/// A language's notices for missing and stale units, through the fallback
/// chain; one missing from every language of the chain fails the build.
fn notices_of(site: &Site, lang: &str) -> Result<blocks::Notices> {
    let message = |key: &str| {
        let messages = site
            .languages
            .iter()
            .map(|l| (l.tag.as_str(), &*l.messages));
        lookup(messages, lang, key, &[])
            .map(|text| templates::escape_html(&text))
            .ok_or_else(|| {
                Error::Refused(format!(
                    "interface message `{key}` is missing from `{lang}` and from every fallback ({})",
                    crate::i18n::FALLBACK_CHAIN.join(", ")
                ))
            })
    };
    Ok(blocks::Notices {
        fallback: message("fallback-notice")?,
        stale: message("stale-notice")?,
        stale_link: message("stale-link")?,
    })
}

/// The share of units translated from the current Russian, rounded down.
pub fn percent_translated(site: &Site, lang: &Language) -> u32 {
    let total = site.source.units().count();
    let done = site
        .source
        .units()
        .filter(|u| lang.unit(&u.id).state == State::Translated)
        .count();
    (done * 100).checked_div(total).map_or(100, |p| p as u32)
}
/// The Content-Security-Policy source that allows exactly this inline style.
fn csp_hash(css: &str) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(css.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}
