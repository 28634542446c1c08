//! The pages of the whole site, in every language at once: the gateway,
//! the translation status, the 404 page, `sitemap.xml` and `robots.txt`.

use serde::Serialize;

use super::{Alternate, BaseLinks, UnitCtx, unit};
use crate::links::{View, dir_of};
use crate::model::{Counts, State, Unit};
use crate::render::lang::{LangCtx, LangRender};
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

/// One language's row of the status page.
#[derive(Serialize, Debug)]
struct CoverageRow<'a> {
    lang: LangCtx<'a>,
    href: String,
    percent: u32,
    /// The opening, then every sphere.
    cells: Vec<CoverageCell<'a>>,
}

/// One part of one language on the status page.
#[derive(Serialize, Debug)]
struct CoverageCell<'a> {
    /// The sphere's slug; none for the opening.
    slug: Option<&'a str>,
    heading: Option<UnitCtx<'a>>,
    href: String,
    translated: usize,
    stale: usize,
    missing: usize,
    /// The state that sums the part up.
    state: State,
}

/// The context of `status.html`.
#[derive(Serialize, Debug)]
pub(crate) struct StatusContext<'a> {
    #[serde(flatten)]
    frame: SiteFrame<'a>,
    /// Every translation, in the site's order.
    coverage: Vec<CoverageRow<'a>>,
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
        })
        .collect();
    let page_lang = r.original();
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

/// The status page, at `from`.
pub(crate) fn status<'a>(r: &'a Renderer<'_>, from: &str) -> StatusContext<'a> {
    let source = &r.site.source;
    let coverage = r
        .langs
        .iter()
        .filter(|l| !l.is_original)
        .map(|l| {
            let opening = std::iter::once(&source.title)
                .chain(&source.preamble)
                .chain(&source.closing);
            let mut cells = vec![cell(r, l, None, opening, from)];
            for sphere in &source.spheres {
                let mut cell = cell(r, l, Some(sphere.slug()), sphere.units(), from);
                let original = dir_of(r.original_tag().as_str(), View::Sphere(sphere.slug()));
                cell.heading = Some(unit(r, l, &sphere.heading, &original, from));
                cells.push(cell);
            }
            CoverageRow {
                lang: l.ctx(),
                href: r.href(from, &dir_of(l.tag(), View::Index)),
                percent: l.percent,
                cells,
            }
        })
        .collect();
    StatusContext {
        frame: site_frame(r, from),
        coverage,
    }
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
        heading: None,
        href: r.href(
            from,
            &dir_of(lang.tag(), slug.map_or(View::Index, View::Sphere)),
        ),
        translated: counts.translated,
        stale: counts.stale,
        missing: counts.missing,
        state: counts.summary(),
    }
}

/// The 404 page, at `from` (the root).
pub(crate) fn not_found<'a>(r: &'a Renderer<'_>, from: &str) -> NotFoundContext<'a> {
    NotFoundContext {
        frame: site_frame(r, from),
        inline_css: &r.css,
        inline_css_hash: &r.css_hash,
    }
}

/// One address of `sitemap.xml`, with the same page in every language.
#[derive(Serialize, Debug)]
struct SitemapUrl {
    loc: String,
    /// Every language, then `x-default`; empty for the status page.
    alternates: Vec<Alternate>,
}

/// The context of `sitemap.xml`, made only with a base URL.
#[derive(Serialize, Debug)]
pub(crate) struct SitemapContext<'a> {
    base_url: &'a str,
    /// The gateway, every page of every language (index, full text,
    /// spheres; not the parallel pages), then the status page.
    urls: Vec<SitemapUrl>,
}

/// The context of `robots.txt`.
#[derive(Serialize, Debug)]
pub(crate) struct RobotsContext<'a> {
    /// The address the site is published at, if known.
    base_url: Option<&'a str>,
}

/// `sitemap.xml` for the site published at `base`.
pub(crate) fn sitemap<'a>(r: &Renderer<'_>, base: &'a str) -> SitemapContext<'a> {
    let x_default = || Alternate {
        hreflang: "x-default".into(),
        href: base.to_string(),
    };
    let alternates = |view: Option<View<'_>>| -> Vec<Alternate> {
        r.langs
            .iter()
            .map(|l| Alternate {
                hreflang: l.tag().to_string(),
                href: format!("{base}{}", dir_of(l.tag(), view.unwrap_or(View::Index))),
            })
            .chain([x_default()])
            .collect()
    };
    let mut urls = vec![SitemapUrl {
        loc: base.to_string(),
        alternates: alternates(None),
    }];
    let spheres = r.site.source.spheres.iter().map(|s| View::Sphere(s.slug()));
    for view in [View::Index, View::Full].into_iter().chain(spheres) {
        let same = alternates(Some(view));
        for lang in same.iter().take(r.langs.len()) {
            urls.push(SitemapUrl {
                loc: lang.href.clone(),
                alternates: alternates(Some(view)),
            });
        }
    }
    urls.push(SitemapUrl {
        loc: format!("{base}status/"),
        alternates: Vec::new(),
    });
    SitemapContext {
        base_url: base,
        urls,
    }
}

/// `robots.txt`.
pub(crate) fn robots<'a>(r: &'a Renderer<'_>) -> RobotsContext<'a> {
    RobotsContext {
        base_url: r.settings.base_url.as_deref(),
    }
}
