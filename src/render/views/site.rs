//! The pages of the whole site, in every language at once: the gateway,
//! the translation status, the 404 page, the sitemaps and `robots.txt`.

use std::collections::HashMap;

use serde::Serialize;

use super::{BaseLinks, UnitCtx, unit};
use crate::error::Result;
use crate::links::{View, dir_of, page_dir};
use crate::model::source::Source;
use crate::model::{Counts, Review, State, Unit};
use crate::render::lang::{LangCtx, LangRender, ReviewCtx};
use crate::render::renderer::Renderer;

/// A language on a page of the whole site, with its title and progress.
#[derive(Serialize, Debug)]
struct LanguageEntry<'a> {
    lang: LangCtx<'a>,
    /// The document's title in the language.
    title: UnitCtx<'a>,
    /// Its index.
    href: String,
    percent: u32,
    is_original: bool,
    review: ReviewCtx,
}

/// What every page of the whole site shares: the base links, every
/// language, and the original's language as the page's.
#[derive(Serialize, Debug)]
pub(crate) struct SiteFrame<'a> {
    #[serde(flatten)]
    base: BaseLinks<'a>,
    languages: Vec<LanguageEntry<'a>>,
    /// The original's language.
    lang: LangCtx<'a>,
    og_locale: &'a str,
}

/// The context of `gateway.html`, the site's `index.html`.
#[derive(Serialize, Debug)]
pub(crate) struct GatewayContext<'a> {
    #[serde(flatten)]
    frame: SiteFrame<'a>,
}

/// One language's row of the status page's matrix.
#[derive(Serialize, Debug)]
struct CoverageRow<'a> {
    lang: LangCtx<'a>,
    /// The language's index.
    href: String,
    /// The language's own status page, with its open units.
    todo_href: String,
    percent: u32,
    /// Its cells, the opening then every sphere, as HTML made by
    /// `partials/coverage-cells.html` (a row of a large project has
    /// thousands of cells, each an object as Tera holds a context).
    cells: String,
    /// The whole text.
    whole: CoverageCell<'a>,
    review: ReviewCtx,
    /// Interface messages of the original the language has, and how many the original has.
    messages_done: usize,
    messages_total: usize,
    /// Entries whose unit the source no longer has.
    orphans: usize,
}

/// One part of one language on the status page.
#[derive(Serialize, Debug)]
struct CoverageCell<'a> {
    /// The sphere's slug; none for the opening and the whole text.
    slug: Option<&'a str>,
    href: String,
    total: usize,
    translated: usize,
    stale: usize,
    missing: usize,
    reviewed: usize,
    /// The state that sums the part up.
    state: State,
}

/// A column of the status matrix: the opening or a sphere.
#[derive(Serialize, Debug)]
struct CoverageColumn<'a> {
    slug: Option<&'a str>,
    /// The sphere's position, from 1.
    number: Option<usize>,
    /// The sphere's heading in the page's language.
    heading: Option<UnitCtx<'a>>,
}

/// A unit left to do, linked to its place on the site, with its text as
/// the language shows it now (the theme shortens it). One flat object per
/// unit: a status page lists every open unit, and each object Tera holds
/// costs far more than its fields.
#[derive(Serialize, Debug)]
struct TodoUnit<'a> {
    id: &'a str,
    /// The paragraph number, if it is a paragraph.
    number: Option<usize>,
    href: String,
    /// The text as safe inline HTML.
    html: &'a str,
    /// The language the text is shown in, and its direction.
    lang: &'a str,
    dir: &'static str,
}

/// The context of `partials/todo-items.html`: a run of open units of one kind.
#[derive(Serialize, Debug)]
struct TodoItems<'a, 'u> {
    /// The page's language.
    lang: LangCtx<'a>,
    units: &'u [TodoUnit<'a>],
}

/// The context of `partials/coverage-cells.html`: one row's cells.
#[derive(Serialize, Debug)]
struct CoverageCells<'a> {
    /// The page's language.
    lang: LangCtx<'a>,
    /// The row's language.
    row_lang: LangCtx<'a>,
    cells: Vec<CoverageCell<'a>>,
}

/// The open units of one kind, as `partials/todo-items.html` lists them.
#[derive(Serialize, Debug)]
struct TodoList {
    count: usize,
    /// The list items, HTML.
    items: String,
}

/// How many open units `partials/todo-items.html` lists at a time: a
/// status page of a large project lists tens of thousands, and Tera holds
/// each as an object of about 900 bytes while it renders them.
const TODO_RUN: usize = 2048;

impl TodoList {
    /// `units` listed by `partials/todo-items.html`, a run at a time.
    fn of(r: &Renderer<'_>, lang: &LangRender<'_>, units: &[TodoUnit<'_>]) -> Result<TodoList> {
        let mut items = String::new();
        for run in units.chunks(TODO_RUN) {
            let context = TodoItems {
                lang: lang.ctx(),
                units: run,
            };
            items.push_str(&r.render_owned(TODO_ITEMS, context)?);
        }
        Ok(TodoList {
            count: units.len(),
            items,
        })
    }
}

/// The partials a status page renders its long lists with.
const TODO_ITEMS: &str = "todo-items.html";
const COVERAGE_CELLS: &str = "coverage-cells.html";

/// One language's open work: what a project manager hands to its translator.
#[derive(Serialize, Debug)]
struct Todo<'a> {
    missing: TodoList,
    stale: TodoList,
    unreviewed: TodoList,
    /// Interface messages of the original the language lacks.
    messages: Vec<&'a str>,
    /// Ids of entries whose unit the source no longer has.
    orphans: Vec<&'a str>,
}

/// A status page in one language.
#[derive(Serialize, Debug)]
struct StatusLink<'a> {
    lang: LangCtx<'a>,
    href: String,
    current: bool,
}

/// The context of `status.html`: the language × section matrix, worded in
/// the page's language, and on a translation's own page its open work.
#[derive(Serialize, Debug)]
pub(crate) struct StatusContext<'a> {
    #[serde(flatten)]
    frame: SiteFrame<'a>,
    /// The columns: the opening, then every sphere.
    columns: Vec<CoverageColumn<'a>>,
    /// Every translation, in the site's order.
    coverage: Vec<CoverageRow<'a>>,
    /// The status page in every language.
    status_pages: Vec<StatusLink<'a>>,
    /// The page language's open work (none on the original's page).
    todo: Option<Todo<'a>>,
}

/// The context of `404.html`, with the stylesheet inline (it is served at any depth).
#[derive(Serialize, Debug)]
pub(crate) struct NotFoundContext<'a> {
    #[serde(flatten)]
    frame: SiteFrame<'a>,
    inline_css: &'a str,
    /// The Content-Security-Policy source of `inline_css`.
    inline_css_hash: &'a str,
}

fn site_frame<'a>(r: &'a Renderer<'_>, from: &str) -> SiteFrame<'a> {
    site_frame_in(r, r.original(), from)
}

/// The frame of a page of the whole site worded in `page_lang`.
fn site_frame_in<'a>(
    r: &'a Renderer<'_>,
    page_lang: &'a LangRender<'a>,
    from: &str,
) -> SiteFrame<'a> {
    let original = r.original_tag().as_str();
    let languages = r
        .langs
        .iter()
        .map(|l| LanguageEntry {
            lang: l.ctx(),
            title: unit(
                r,
                l,
                &r.site.source.title,
                &dir_of(original, View::Index),
                from,
            ),
            href: r.href(from, &dir_of(l.tag(), View::Index)),
            percent: l.percent,
            is_original: l.is_original,
            review: l.review,
        })
        .collect();
    SiteFrame {
        base: BaseLinks::new(r, from),
        languages,
        lang: page_lang.ctx(),
        og_locale: &page_lang.og_locale,
    }
}

/// The gateway, at `from` (the root).
pub(crate) fn gateway<'a>(r: &'a Renderer<'_>, from: &str) -> GatewayContext<'a> {
    GatewayContext {
        frame: site_frame(r, from),
    }
}

/// The folder of the status page in `lang`: the original's is `status/`.
pub(crate) fn status_dir(lang: &LangRender<'_>) -> String {
    if lang.is_original {
        "status/".into()
    } else {
        format!("status/{}/", lang.tag())
    }
}

/// The status page worded in `page_lang`, at `from`.
pub(crate) fn status<'a>(
    r: &'a Renderer<'_>,
    page_lang: &'a LangRender<'a>,
    from: &str,
) -> Result<StatusContext<'a>> {
    let source = &r.site.source;
    let original = r.original_tag().as_str();
    let mut columns = vec![CoverageColumn {
        slug: None,
        number: None,
        heading: None,
    }];
    for (i, sphere) in source.spheres.iter().enumerate() {
        let original_dir = dir_of(original, View::Sphere(sphere.slug()));
        columns.push(CoverageColumn {
            slug: Some(sphere.slug()),
            number: Some(i + 1),
            heading: Some(unit(r, page_lang, &sphere.heading, &original_dir, from)),
        });
    }
    let coverage = r
        .langs
        .iter()
        .filter(|l| !l.is_original)
        .map(|l| coverage_row(r, page_lang, l, from))
        .collect::<Result<_>>()?;
    let status_pages = r
        .langs
        .iter()
        .map(|l| StatusLink {
            lang: l.ctx(),
            href: r.href(from, &status_dir(l)),
            current: l.tag() == page_lang.tag(),
        })
        .collect();
    let todo = (!page_lang.is_original)
        .then(|| todo(r, page_lang, from))
        .transpose()?;
    Ok(StatusContext {
        frame: site_frame_in(r, page_lang, from),
        columns,
        coverage,
        status_pages,
        todo,
    })
}

/// One language's row of the matrix, worded in `page_lang`.
fn coverage_row<'a>(
    r: &'a Renderer<'_>,
    page_lang: &'a LangRender<'a>,
    l: &'a LangRender<'a>,
    from: &str,
) -> Result<CoverageRow<'a>> {
    let source = &r.site.source;
    let opening = std::iter::once(&source.title)
        .chain(&source.preamble)
        .chain(&source.closing);
    let mut cells = vec![cell(r, l, None, opening, from)];
    for sphere in &source.spheres {
        cells.push(cell(r, l, Some(sphere.slug()), sphere.units(), from));
    }
    let cells = r.render_owned(
        COVERAGE_CELLS,
        CoverageCells {
            lang: page_lang.ctx(),
            row_lang: l.ctx(),
            cells,
        },
    )?;
    let original_messages = &r.original().lang.messages.declared;
    let messages_done = original_messages
        .keys()
        .filter(|id| l.lang.messages.declared.contains_key(*id))
        .count();
    Ok(CoverageRow {
        lang: l.ctx(),
        href: r.href(from, &dir_of(l.tag(), View::Index)),
        todo_href: r.href(from, &status_dir(l)),
        percent: l.percent,
        whole: cell(r, l, None, source.units(), from),
        cells,
        review: l.review,
        messages_done,
        messages_total: original_messages.len(),
        orphans: l.lang.orphan_count(),
    })
}

fn cell<'a, 'u>(
    r: &Renderer<'_>,
    lang: &LangRender<'_>,
    slug: Option<&'a str>,
    units: impl Iterator<Item = &'u Unit>,
    from: &str,
) -> CoverageCell<'a> {
    let mut counts = Counts::default();
    for unit in units {
        let shown = lang.lang.unit(unit);
        counts.add(shown.state, shown.review);
    }
    CoverageCell {
        slug,
        href: r.href(
            from,
            &dir_of(lang.tag(), slug.map_or(View::Index, View::Sphere)),
        ),
        total: counts.total,
        translated: counts.translated,
        stale: counts.stale,
        missing: counts.missing,
        reviewed: counts.reviewed,
        state: counts.summary(),
    }
}

/// Where each unit is shown: unit id → the slug of its sphere; the
/// title, the preamble and the closing (on the language's index) are absent.
fn unit_spheres(source: &Source) -> HashMap<&str, &str> {
    source
        .spheres
        .iter()
        .flat_map(|s| s.units().map(move |u| (u.id.as_str(), s.slug())))
        .collect()
}

/// The folder of the page of `lang` that shows `unit`: its sphere's page,
/// else the language's index (the title, the preamble and the closing).
fn unit_dir(spheres: &HashMap<&str, &str>, lang: &str, unit: &Unit) -> String {
    match spheres.get(unit.id.as_str()) {
        Some(slug) => dir_of(lang, View::Sphere(slug)),
        None => dir_of(lang, View::Index),
    }
}

/// What is left to do in `lang`: every missing, stale and unreviewed unit
/// linked to its paragraph, the interface messages it lacks and its orphans.
fn todo<'a>(r: &'a Renderer<'_>, lang: &'a LangRender<'a>, from: &str) -> Result<Todo<'a>> {
    let source = &r.site.source;
    let (mut missing, mut stale, mut unreviewed) = (Vec::new(), Vec::new(), Vec::new());
    let spheres = unit_spheres(source);
    for u in source.units() {
        let shown = lang.lang.unit(u);
        let item = || {
            let text_lang = r.site.text_lang(lang.lang, u);
            TodoUnit {
                id: u.id.as_str(),
                number: u.number,
                href: format!(
                    "{}#{}",
                    r.href(from, &unit_dir(&spheres, lang.tag(), u)),
                    u.id
                ),
                html: &shown.html,
                lang: text_lang.tag.as_str(),
                dir: text_lang.dir.as_str(),
            }
        };
        match shown.state {
            State::Missing => missing.push(item()),
            State::Stale => stale.push(item()),
            State::Translated if shown.review == Review::Translated => {
                unreviewed.push(item());
            }
            State::Translated => {}
        }
    }
    let own = &lang.lang.messages.declared;
    let messages = r
        .original()
        .lang
        .messages
        .declared
        .keys()
        .filter(|id| !own.contains_key(*id))
        .map(String::as_str)
        .collect();
    let orphans = lang
        .lang
        .orphan_entries()
        .chain(lang.lang.parked.iter().flat_map(|p| &p.entries))
        .map(|e| e.id.as_str())
        .collect();
    Ok(Todo {
        missing: TodoList::of(r, lang, &missing)?,
        stale: TodoList::of(r, lang, &stale)?,
        unreviewed: TodoList::of(r, lang, &unreviewed)?,
        messages,
        orphans,
    })
}

/// The 404 page, at `from` (the root).
pub(crate) fn not_found<'a>(r: &'a Renderer<'_>, from: &str) -> NotFoundContext<'a> {
    NotFoundContext {
        frame: site_frame(r, from),
        inline_css: &r.css,
        inline_css_hash: &r.css_hash,
    }
}

/// One address of a language's sitemap. The same page in every language is
/// written by the template from `languages` and `page`, not listed per
/// address: with 50 languages that list was most of the sitemap's context.
#[derive(Serialize, Debug)]
struct SitemapUrl {
    loc: String,
    /// The page's folder inside a language's folder (`""` for the index,
    /// `full/`, a sphere's `slug/`).
    page: String,
    /// Whether the page is in every language (not the status page).
    alternates: bool,
}

/// A language as its sitemap links to it.
#[derive(Serialize, Debug)]
struct SitemapLanguage<'a> {
    hreflang: &'a str,
    /// Its folder, relative to the output root (`en/`).
    folder: String,
}

/// One sitemap listed by the index.
#[derive(Serialize, Debug)]
struct SitemapRef<'a> {
    /// Its address.
    loc: String,
    /// The language whose pages it lists.
    lang: &'a str,
}

/// The context of `sitemap.xml`, the sitemap index, made only with a base URL.
#[derive(Serialize, Debug)]
pub(crate) struct SitemapIndexContext<'a> {
    base_url: &'a str,
    /// Every language's sitemap, in the site's order.
    sitemaps: Vec<SitemapRef<'a>>,
}

/// The context of `sitemap-language.xml`: one language's sitemap, made only with a base URL.
#[derive(Serialize, Debug)]
pub(crate) struct SitemapContext<'a> {
    base_url: &'a str,
    /// The language whose pages it lists.
    lang: &'a str,
    /// Every language, in the site's order.
    languages: Vec<SitemapLanguage<'a>>,
    /// The language's pages (index, full text, spheres; not the parallel
    /// pages); in the original's sitemap the gateway first and the status
    /// page last.
    urls: Vec<SitemapUrl>,
}

/// The context of `robots.txt`.
#[derive(Serialize, Debug)]
pub(crate) struct RobotsContext<'a> {
    /// The address the site is published at, if known.
    base_url: Option<&'a str>,
}

/// The path of the sitemap of the language tagged `tag`, at the root:
/// a sitemap lists only addresses under its own folder (sitemaps.org), and
/// the original's lists the gateway and the status page too.
pub(crate) fn sitemap_path(tag: &str) -> String {
    format!("sitemap-{tag}.xml")
}

/// `sitemap.xml`, the index of every language's sitemap, for the site published at `base`.
pub(crate) fn sitemap_index<'a>(r: &'a Renderer<'_>, base: &'a str) -> SitemapIndexContext<'a> {
    SitemapIndexContext {
        base_url: base,
        sitemaps: r
            .langs
            .iter()
            .map(|l| SitemapRef {
                loc: format!("{base}{}", sitemap_path(l.tag())),
                lang: l.tag(),
            })
            .collect(),
    }
}

/// The sitemap of `lang` for the site published at `base`: its pages
/// alone, so that no context holds every page in every language.
pub(crate) fn sitemap<'a>(
    r: &Renderer<'a>,
    lang: &'a LangRender<'a>,
    base: &'a str,
) -> SitemapContext<'a> {
    let mut urls = Vec::new();
    if lang.is_original {
        urls.push(SitemapUrl {
            loc: base.to_string(),
            page: page_dir(View::Index),
            alternates: true,
        });
    }
    let spheres = r.site.source.spheres.iter().map(|s| View::Sphere(s.slug()));
    for view in [View::Index, View::Full].into_iter().chain(spheres) {
        urls.push(SitemapUrl {
            loc: format!("{base}{}", dir_of(lang.tag(), view)),
            page: page_dir(view),
            alternates: true,
        });
    }
    if lang.is_original {
        urls.push(SitemapUrl {
            loc: format!("{base}status/"),
            page: String::new(),
            alternates: false,
        });
    }
    SitemapContext {
        base_url: base,
        lang: lang.tag(),
        languages: r
            .langs
            .iter()
            .map(|l| SitemapLanguage {
                hreflang: l.tag(),
                folder: dir_of(l.tag(), View::Index),
            })
            .collect(),
        urls,
    }
}

/// `robots.txt`.
pub(crate) fn robots<'a>(r: &'a Renderer<'_>) -> RobotsContext<'a> {
    RobotsContext {
        base_url: r.settings.base_url.as_deref(),
    }
}
