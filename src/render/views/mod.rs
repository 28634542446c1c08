//! The template context of every page: one builder and one
//! `#[derive(Serialize)]` type per view, made of small shared parts.
//!
//! Input: the [`Renderer`] (model, settings, per-language parts) and the
//! page to make; output: the context its template is rendered with. The
//! keys each template gets are listed in `themes/README.md`.
//!
//! - `document`: a language's index, spheres, full text and one-file download;
//! - `epub`: the documents of a language's EPUB;
//! - `parallel`: two languages side by side;
//! - `site`: the pages of the whole site (gateway, status, 404, sitemaps, robots.txt).
//!
//! The parts every page of one language shares: [`BaseLinks`] (assets, the
//! gateway, the base URL), [`Header`] (the language, the title, the
//! switcher), [`Alternates`] (the same page in other languages) and
//! [`NavLinks`] (home, full text, parallel, download, contents), gathered in
//! a [`LangFrame`]. Their fields are flattened into the view's context.

mod document;
pub(super) mod epub;
pub(super) mod metadata;
mod parallel;
mod site;

use serde::Serialize;

pub(super) use document::{download, full, index, sphere};
pub(super) use parallel::parallel;
pub(super) use site::{
    gateway, not_found, robots, sitemap, sitemap_index, sitemap_path, status, status_dir,
};

use super::blocks::{Block, Syntax};
use super::lang::{LangCtx, LangRender, ProvenanceCtx, ReviewCtx};
use super::renderer::Renderer;
use crate::links::{View, dir_of, epub_file};
use crate::model::source::Source;
use crate::model::{State, Unit};

/// Up to this many spheres, every page carries the table of contents.
const TOC_ON_EVERY_PAGE: usize = 40;

/// A unit of the document in a template context: the title, a heading in
/// the contents or the pager, a section's heading.
#[derive(Serialize, Debug)]
pub(super) struct UnitCtx<'a> {
    id: &'a str,
    number: Option<usize>,
    /// "Link to paragraph N" in the page's language.
    label: Option<&'a str>,
    /// The text as safe inline HTML.
    html: &'a str,
    /// The language the text is shown in.
    lang: &'a str,
    dir: &'static str,
    state: State,
    /// The same unit in the original.
    original_href: String,
}

/// `unit` as shown in `lang` on the page in folder `from`, linked to the
/// same unit on the original's page in folder `original_dir`.
fn unit<'a>(
    r: &'a Renderer<'_>,
    lang: &'a LangRender<'_>,
    unit: &'a Unit,
    original_dir: &str,
    from: &str,
) -> UnitCtx<'a> {
    let shown = lang.lang.unit(unit);
    let text_lang = r.site.text_lang(lang.lang, unit);
    UnitCtx {
        id: unit.id.as_str(),
        number: unit.number,
        label: unit.number.and_then(|n| lang.label(n)),
        html: &shown.html,
        lang: text_lang.tag.as_str(),
        dir: text_lang.dir.as_str(),
        state: shown.state,
        original_href: format!("{}#{}", r.href(from, original_dir), unit.id),
    }
}

/// `unit` as shown in `lang`, for its markup; `original_page` links to the
/// original's page that holds it.
fn block<'a>(
    r: &'a Renderer<'_>,
    lang: &'a LangRender<'_>,
    unit: &'a Unit,
    original_page: &'a str,
) -> Block<'a> {
    let shown = lang.lang.unit(unit);
    let text_lang = r.site.text_lang(lang.lang, unit);
    Block {
        id: unit.id.as_str(),
        number: unit.number,
        label: unit.number.and_then(|n| lang.label(n)),
        html: &shown.html,
        lang: text_lang.tag.as_str(),
        dir: text_lang.dir.as_str(),
        state: shown.state,
        original_page: Some(original_page),
        syntax: Syntax::Html,
    }
}

/// Links every page has, relative to its folder.
#[derive(Serialize, Debug)]
pub(super) struct BaseLinks<'a> {
    root: String,
    css_href: String,
    js_href: String,
    favicon_href: String,
    /// The project's mark, shown in the header (`theme/mark.svg`).
    mark_href: String,
    gateway_href: String,
    status_href: String,
    /// The address the site is published at, if known.
    base_url: Option<&'a str>,
    /// This page's absolute address, with a base URL.
    canonical: Option<String>,
    /// The original's language tag.
    original_lang: &'a str,
    /// The site's root as a folder (never `index.html`), for scripts that build links.
    site_root: String,
    /// The search dialog's script, `theme/search.js`.
    search_js_href: String,
    /// Whether links name `index.html` (a build for reading from disk).
    offline: bool,
}

impl<'a> BaseLinks<'a> {
    /// The links of the page in folder `from`.
    fn new(r: &'a Renderer<'_>, from: &str) -> BaseLinks<'a> {
        let base_url = r.settings.base_url.as_deref();
        BaseLinks {
            root: r.href(from, ""),
            css_href: r.href(from, "theme/style.css"),
            js_href: r.href(from, "theme/tolmach.js"),
            favicon_href: r.href(from, "favicon.svg"),
            mark_href: r.href(from, "theme/mark.svg"),
            gateway_href: r.href(from, ""),
            status_href: r.href(from, "status/"),
            base_url,
            canonical: base_url.map(|b| format!("{b}{from}")),
            original_lang: r.original_tag().as_str(),
            site_root: crate::links::Linker::default().href(from, ""),
            search_js_href: r.href(from, "theme/search.js"),
            offline: r.settings.offline,
        }
    }
}

/// A link in the language switcher (or to another pair of a parallel page).
#[derive(Serialize, Debug)]
struct SwitchLink<'a> {
    lang: LangCtx<'a>,
    href: String,
    current: bool,
}

/// The page's language, the document's title and the language switcher.
#[derive(Serialize, Debug)]
pub(super) struct Header<'a> {
    lang: LangCtx<'a>,
    is_original: bool,
    /// The share of the language translated.
    percent: u32,
    doc_title: UnitCtx<'a>,
    switcher: Vec<SwitchLink<'a>>,
    /// The same page in the original.
    original_href: String,
    /// How far review has come in the page's language.
    review: ReviewCtx,
    /// What is known about the document, in the page's language.
    provenance: &'a ProvenanceCtx,
    /// How many paragraphs the edition numbers.
    paragraph_count: usize,
}

/// The same page in another language, for `<link rel="alternate">`.
#[derive(Serialize, Debug)]
struct Alternate {
    hreflang: String,
    href: String,
}

/// The same page in every language, and the Open Graph locales.
#[derive(Serialize, Debug)]
pub(super) struct Alternates<'a> {
    /// Every language, then `x-default` (the gateway).
    alternates: Vec<Alternate>,
    og_locale: &'a str,
    og_alternates: Vec<&'a str>,
}

/// An entry of the table of contents.
#[derive(Serialize, Debug)]
struct TocEntry<'a> {
    slug: &'a str,
    /// The sphere's position, from 1.
    number: usize,
    heading: UnitCtx<'a>,
    href: String,
    current: bool,
}

/// The language's other pages: home, full text, parallel text, download,
/// and the table of contents.
#[derive(Serialize, Debug)]
pub(super) struct NavLinks<'a> {
    home_href: String,
    full_href: String,
    download_href: String,
    /// The language's EPUB.
    epub_href: String,
    /// Null when parallel pages are not made.
    parallel_href: Option<String>,
    /// Empty on pages other than the index when the document is long.
    toc: Vec<TocEntry<'a>>,
}

/// What every page of one language shares.
#[derive(Serialize, Debug)]
pub(super) struct LangFrame<'a> {
    #[serde(flatten)]
    base: BaseLinks<'a>,
    #[serde(flatten)]
    header: Header<'a>,
    #[serde(flatten)]
    alternates: Alternates<'a>,
    #[serde(flatten)]
    nav: NavLinks<'a>,
    #[serde(flatten)]
    metadata: &'a metadata::Metadata,
    /// The `<title>`.
    page_title: String,
    /// The start of the preamble, as plain text.
    description: &'a str,
}

/// Where a page of one language is: its language, its view and its folder.
#[derive(Clone, Copy)]
struct At<'a, 'v> {
    lang: &'a LangRender<'a>,
    view: View<'v>,
    from: &'v str,
}

impl<'a, 'v> At<'a, 'v> {
    /// The sphere the page shows, if it shows one.
    fn current_slug(&self) -> Option<&'v str> {
        match self.view {
            View::Sphere(slug)
            | View::Parallel {
                part: Some(slug), ..
            } => Some(slug),
            _ => None,
        }
    }

    /// The folder of the same view in language `tag`: for a parallel page,
    /// the other column stays, unless it is the language chosen, then they swap.
    fn same_view(&self, tag: &str) -> String {
        match self.view {
            View::Parallel { other, part } if other == tag => dir_of(
                tag,
                View::Parallel {
                    other: self.lang.tag(),
                    part,
                },
            ),
            view => dir_of(tag, view),
        }
    }

    /// The folder of the original's page that shows what this page shows.
    fn original_dir(&self, original: &str) -> String {
        match self.view {
            View::Parallel {
                part: Some(slug), ..
            } => dir_of(original, View::Sphere(slug)),
            View::Parallel { part: None, .. } => dir_of(original, View::Full),
            view => dir_of(original, view),
        }
    }
}

/// The shared parts of the page `at`.
fn frame<'a>(r: &'a Renderer<'_>, at: At<'a, '_>, page_title: String) -> LangFrame<'a> {
    LangFrame {
        base: BaseLinks::new(r, at.from),
        header: header(r, at),
        alternates: alternates(r, at),
        nav: nav_links(r, at),
        metadata: r.metadata(at.lang),
        page_title,
        description: &at.lang.description,
    }
}

fn header<'a>(r: &'a Renderer<'_>, at: At<'a, '_>) -> Header<'a> {
    let original = r.original_tag().as_str();
    let switcher = r
        .langs
        .iter()
        .map(|l| SwitchLink {
            lang: l.ctx(),
            href: r.href(at.from, &at.same_view(l.tag())),
            current: l.tag() == at.lang.tag(),
        })
        .collect();
    Header {
        lang: at.lang.ctx(),
        is_original: at.lang.is_original,
        percent: at.lang.percent,
        doc_title: unit(
            r,
            at.lang,
            &r.site.source.title,
            &dir_of(original, View::Index),
            at.from,
        ),
        switcher,
        original_href: r.href(at.from, &at.original_dir(original)),
        review: at.lang.review,
        provenance: &at.lang.provenance,
        paragraph_count: r.site.source.paragraphs().count(),
    }
}

fn alternates<'a>(r: &'a Renderer<'_>, at: At<'a, '_>) -> Alternates<'a> {
    let alternates = r
        .langs
        .iter()
        .map(|l| Alternate {
            hreflang: l.tag().to_string(),
            href: r.absolute(at.from, &at.same_view(l.tag())),
        })
        .chain(std::iter::once(Alternate {
            hreflang: "x-default".into(),
            href: r.absolute(at.from, ""),
        }))
        .collect();
    Alternates {
        alternates,
        og_locale: &at.lang.og_locale,
        og_alternates: r
            .langs
            .iter()
            .filter(|l| l.tag() != at.lang.tag())
            .map(|l| l.og_locale.as_str())
            .collect(),
    }
}

fn nav_links<'a>(r: &'a Renderer<'_>, at: At<'a, '_>) -> NavLinks<'a> {
    let tag = at.lang.tag();
    let partner = if !r.settings.parallel {
        None
    } else if at.lang.is_original {
        r.site.translations().next().map(|l| l.tag.as_str())
    } else {
        Some(r.original_tag().as_str())
    };
    let parallel_href = partner.map(|other| {
        let part = at.current_slug();
        r.href(at.from, &dir_of(tag, View::Parallel { other, part }))
    });
    NavLinks {
        home_href: r.href(at.from, &dir_of(tag, View::Index)),
        full_href: r.href(at.from, &dir_of(tag, View::Full)),
        download_href: r.href(at.from, &format!("{tag}/statement.{tag}.html")),
        epub_href: r.href(at.from, &epub_file(tag)),
        parallel_href,
        toc: toc(r, at),
    }
}

/// The table of contents. Every page lists the spheres while the document
/// is short; a long collection lists them on the index only, so pages stay small.
fn toc<'a>(r: &'a Renderer<'_>, at: At<'a, '_>) -> Vec<TocEntry<'a>> {
    let spheres = &r.site.source.spheres;
    if at.view != View::Index && spheres.len() > TOC_ON_EVERY_PAGE {
        return Vec::new();
    }
    let original = r.original_tag().as_str();
    let current = at.current_slug();
    spheres
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let target = match at.view {
                View::Parallel { other, .. } => View::Parallel {
                    other,
                    part: Some(s.slug()),
                },
                _ => View::Sphere(s.slug()),
            };
            // The full text links within itself.
            let href = if at.view == View::Full {
                format!("#{}", s.slug())
            } else {
                r.href(at.from, &dir_of(at.lang.tag(), target))
            };
            TocEntry {
                slug: s.slug(),
                number: i + 1,
                heading: unit(
                    r,
                    at.lang,
                    &s.heading,
                    &dir_of(original, View::Sphere(s.slug())),
                    at.from,
                ),
                href,
                current: Some(s.slug()) == current,
            }
        })
        .collect()
}

/// A run of the document shown together: the preamble, a sphere (with its
/// heading) or the closing.
struct Part<'s> {
    /// `preamble`, `sphere` or `closing`.
    kind: &'static str,
    slug: Option<&'s str>,
    heading: Option<&'s Unit>,
    units: &'s [Unit],
}

/// The parts a view shows, in reading order.
fn parts<'s>(r: &Renderer<'s>, view: View<'_>) -> Vec<Part<'s>> {
    let source: &'s Source = &r.site.source;
    let unheaded = |kind: &'static str, units: &'s [Unit]| Part {
        kind,
        slug: None,
        heading: None,
        units,
    };
    let preamble = || unheaded("preamble", &source.preamble);
    let closing = || unheaded("closing", &source.closing);
    let sphere = |s: &'s crate::model::source::Sphere| Part {
        kind: "sphere",
        slug: Some(s.slug()),
        heading: Some(&s.heading),
        units: &s.paragraphs,
    };
    match view {
        View::Index => vec![preamble(), closing()],
        View::Sphere(slug)
        | View::Parallel {
            part: Some(slug), ..
        } => vec![sphere(r.sphere(slug).1)],
        View::Full | View::Parallel { part: None, .. } => std::iter::once(preamble())
            .chain(source.spheres.iter().map(sphere))
            .chain(std::iter::once(closing()))
            .collect(),
    }
}

/// The folder of the original's page that a part's units link to: the
/// sphere's own page on a sphere page, else the page that shows what this one shows.
fn part_original_dir(r: &Renderer<'_>, at: At<'_, '_>, part: &Part<'_>) -> String {
    let original = r.original_tag().as_str();
    match part.slug {
        Some(slug) if at.current_slug().is_some() => dir_of(original, View::Sphere(slug)),
        _ => at.original_dir(original),
    }
}
