//! The pages that show the document in one language: the index, a sphere,
//! the full text and the one-file download. Their text comes as
//! [`SectionCtx`]s whose markup is written by `blocks`.

use serde::Serialize;

use super::{At, LangFrame, Part, UnitCtx, block, frame, part_original_dir, parts, unit};
use crate::links::{View, dir_of};
use crate::markdown::plain_text;
use crate::render::blocks;
use crate::render::lang::LangRender;
use crate::render::renderer::Renderer;
use crate::render::splice::Spliced;

/// A run of the document on a page: the preamble, a sphere or the closing.
#[derive(Serialize, Debug)]
pub(crate) struct SectionCtx<'a> {
    /// `preamble`, `sphere` or `closing`.
    kind: &'static str,
    /// The sphere's slug, if it is a sphere.
    slug: Option<&'a str>,
    /// The sphere's heading, if it is a sphere.
    heading: Option<UnitCtx<'a>>,
    /// The heading's markup: `h1` on a sphere page, `h2` elsewhere.
    heading_block: Option<String>,
    /// The paragraphs' markup.
    body: Spliced,
}

/// The context of `index.html`: a language's home.
#[derive(Serialize, Debug)]
pub(crate) struct IndexContext<'a> {
    #[serde(flatten)]
    frame: LangFrame<'a>,
    /// The preamble, then the closing.
    sections: Vec<SectionCtx<'a>>,
}

/// The context of `full.html`: the whole document.
#[derive(Serialize, Debug)]
pub(crate) struct FullContext<'a> {
    #[serde(flatten)]
    frame: LangFrame<'a>,
    /// The preamble, every sphere, the closing.
    sections: Vec<SectionCtx<'a>>,
}

/// A link to the previous or next sphere.
#[derive(Serialize, Debug)]
struct NavLink<'a> {
    href: String,
    heading: UnitCtx<'a>,
}

/// The context of `sphere.html`: one sphere, with its neighbours.
#[derive(Serialize, Debug)]
pub(crate) struct SphereContext<'a> {
    #[serde(flatten)]
    frame: LangFrame<'a>,
    /// The sphere alone.
    sections: Vec<SectionCtx<'a>>,
    prev: Option<NavLink<'a>>,
    next: Option<NavLink<'a>>,
    /// The sphere's position, from 1, and how many spheres there are.
    position: usize,
    sphere_count: usize,
}

/// The context of `download.html`: the full text, with the stylesheet inline.
#[derive(Serialize, Debug)]
pub(crate) struct DownloadContext<'a> {
    #[serde(flatten)]
    full: FullContext<'a>,
    inline_css: &'a str,
    /// The Content-Security-Policy source of `inline_css`.
    inline_css_hash: &'a str,
    /// The theme's fonts as `@font-face` rules with data URIs, and the
    /// Content-Security-Policy source of that style.
    inline_fonts: &'a str,
    inline_fonts_hash: &'a str,
    /// The file's own address, with a base URL.
    download_url: Option<String>,
    /// The original's index, with a base URL (a file read alone has no other link).
    original_url: Option<String>,
}

/// The sections of the page `at`.
fn sections<'a>(r: &'a Renderer<'_>, at: At<'a, '_>) -> Vec<SectionCtx<'a>> {
    parts(r, at.view)
        .iter()
        .map(|part| section(r, at, part))
        .collect()
}

fn section<'a>(r: &'a Renderer<'_>, at: At<'a, '_>, part: &Part<'a>) -> SectionCtx<'a> {
    let original_dir = part_original_dir(r, at, part);
    let original_page = r.href(at.from, &original_dir);
    let heading = part
        .heading
        .map(|h| unit(r, at.lang, h, &original_dir, at.from));
    let level = if matches!(at.view, View::Sphere(_)) {
        1
    } else {
        2
    };
    let heading_block = part.heading.map(|h| {
        let mut out = String::new();
        let b = block(r, at.lang, h, &original_page);
        blocks::heading(&mut out, &b, at.lang.tag(), level, &at.lang.notices);
        out
    });
    let mut body = String::with_capacity(
        part.units
            .iter()
            .map(|u| at.lang.lang.unit(u).html.len() + 200)
            .sum(),
    );
    for u in part.units {
        let b = block(r, at.lang, u, &original_page);
        blocks::para(&mut body, &b, at.lang.tag(), &at.lang.notices);
    }
    // Every section of a page is made before the first is handed over.
    body.shrink_to_fit();
    SectionCtx {
        kind: part.kind,
        slug: part.slug,
        heading,
        heading_block,
        body: Spliced::new(body),
    }
}

/// The index of `lang`.
pub(crate) fn index<'a>(
    r: &'a Renderer<'_>,
    lang: &'a LangRender<'a>,
    from: &str,
) -> IndexContext<'a> {
    let at = At {
        lang,
        view: View::Index,
        from,
    };
    IndexContext {
        frame: frame(r, at, lang.title_plain.clone()),
        sections: sections(r, at),
    }
}

/// The full text of `lang`.
pub(crate) fn full<'a>(
    r: &'a Renderer<'_>,
    lang: &'a LangRender<'a>,
    from: &str,
) -> FullContext<'a> {
    let at = At {
        lang,
        view: View::Full,
        from,
    };
    FullContext {
        frame: frame(r, at, lang.title_plain.clone()),
        sections: sections(r, at),
    }
}

/// The sphere `slug` in `lang`.
pub(crate) fn sphere<'a>(
    r: &'a Renderer<'_>,
    lang: &'a LangRender<'a>,
    slug: &str,
    from: &str,
) -> SphereContext<'a> {
    let at = At {
        lang,
        view: View::Sphere(slug),
        from,
    };
    let (index, sphere) = r.sphere(slug);
    let original = r.original_tag().as_str();
    let neighbour = |i: Option<usize>| {
        let s = r.site.source.spheres.get(i?)?;
        Some(NavLink {
            href: r.href(from, &dir_of(lang.tag(), View::Sphere(s.slug()))),
            heading: unit(
                r,
                lang,
                &s.heading,
                &dir_of(original, View::Sphere(s.slug())),
                from,
            ),
        })
    };
    let title = format!(
        "{} — {}",
        plain_text(lang.lang.unit(&sphere.heading).markdown()),
        lang.title_plain
    );
    SphereContext {
        frame: frame(r, at, title),
        sections: sections(r, at),
        prev: neighbour(index.checked_sub(1)),
        next: neighbour(Some(index + 1)),
        position: index + 1,
        sphere_count: r.site.source.spheres.len(),
    }
}

/// The one-file download of `lang`: the full text as seen from `<lang>/`.
pub(crate) fn download<'a>(
    r: &'a Renderer<'_>,
    lang: &'a LangRender<'a>,
    from: &str,
) -> DownloadContext<'a> {
    let tag = lang.tag();
    let base = r.settings.base_url.as_deref();
    DownloadContext {
        full: full(r, lang, from),
        inline_css: &r.css,
        inline_css_hash: &r.css_hash,
        inline_fonts: &r.fonts_inline,
        inline_fonts_hash: &r.fonts_hash,
        download_url: base.map(|b| format!("{b}{tag}/statement.{tag}.html")),
        original_url: base
            .map(|b| format!("{b}{}", dir_of(r.original_tag().as_str(), View::Index))),
    }
}
