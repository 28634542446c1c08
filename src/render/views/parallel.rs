//! A parallel page: the page's language and another, side by side, row by
//! row, for a sphere or the whole text.

use serde::Serialize;

use super::{At, LangFrame, SwitchLink, UnitCtx, block, frame, part_original_dir, parts, unit};
use crate::lang::LangTag;
use crate::links::{View, dir_of};
use crate::markdown::plain_text;
use crate::render::blocks;
use crate::render::lang::{LangCtx, LangRender};
use crate::render::renderer::Renderer;
use crate::render::splice::Spliced;

/// One row: a heading or a paragraph in both languages.
#[derive(Serialize, Debug)]
struct Row {
    /// `heading` or `paragraph`.
    kind: &'static str,
    /// The part the row belongs to: `preamble`, `sphere` or `closing`.
    part: &'static str,
    /// Whether the row opens its part (the closing's first row is set apart).
    first: bool,
    /// The first column's markup, in the page's language.
    left: String,
    /// The second column's markup, in the other language.
    right: String,
}

/// A part of a parallel page: its rows' markup, written by `blocks`.
#[derive(Serialize, Debug)]
struct RowsCtx<'a> {
    /// `preamble`, `sphere` or `closing`.
    kind: &'static str,
    /// The sphere's slug, if it is a sphere.
    slug: Option<&'a str>,
    /// The part's rows.
    body: Spliced,
}

/// The context of `parallel.html`.
#[derive(Serialize, Debug)]
pub(crate) struct ParallelContext<'a> {
    #[serde(flatten)]
    frame: LangFrame<'a>,
    /// The second column's language.
    other: LangCtx<'a>,
    /// The page's parts, each with its rows as markup.
    sections: Vec<RowsCtx<'a>>,
    /// The same rows one by one, for a theme that places them itself
    /// (made only if the template may read them, else empty).
    rows: Vec<Row>,
    /// The same part paired with each other language.
    pairs: Vec<SwitchLink<'a>>,
    /// The part in the page's language alone.
    single_href: String,
    /// The same part with the two columns swapped.
    swap_href: String,
    /// The sphere's heading, on the page of a sphere.
    #[serde(skip_serializing_if = "Option::is_none")]
    heading: Option<UnitCtx<'a>>,
}

/// `lang` beside `other`, for the sphere `part` or (`None`) the whole text.
pub(crate) fn parallel<'a>(
    r: &'a Renderer<'_>,
    lang: &'a LangRender<'a>,
    other: &'a LangRender<'a>,
    part: Option<&str>,
    from: &str,
) -> ParallelContext<'a> {
    let at = At {
        lang,
        view: View::Parallel {
            other: other.tag(),
            part,
        },
        from,
    };
    let sphere = part.map(|slug| r.sphere(slug).1);
    let part_title = sphere.map_or_else(
        || lang.title_plain.clone(),
        |s| plain_text(lang.lang.unit(&s.heading).markdown()),
    );
    let title = format!("{part_title} — {} | {}", lang.lang.name, other.lang.name);
    let original_dir = at.original_dir(r.original_tag().as_str());
    let (sections, rows) = rows(r, at, other);
    ParallelContext {
        frame: frame(r, at, title),
        other: other.ctx(),
        sections,
        rows,
        pairs: pairs(r, at, &other.lang.tag, part),
        single_href: r.href(
            from,
            &dir_of(lang.tag(), part.map_or(View::Full, View::Sphere)),
        ),
        heading: sphere.map(|s| unit(r, lang, &s.heading, &original_dir, from)),
        swap_href: r.href(
            from,
            &dir_of(
                other.tag(),
                View::Parallel {
                    other: lang.tag(),
                    part,
                },
            ),
        ),
    }
}

/// The rows of the page `at`, with `other` in the second column: as each
/// part's markup, and one by one if the template may read `rows`.
fn rows<'a>(
    r: &'a Renderer<'_>,
    at: At<'a, '_>,
    other: &LangRender<'_>,
) -> (Vec<RowsCtx<'a>>, Vec<Row>) {
    let (ours, theirs) = (&at.lang.notices, &other.notices);
    let starts = [
        blocks::cell_start(
            at.lang.tag(),
            &at.lang.lang.name,
            at.lang.lang.dir.as_str(),
            false,
        ),
        blocks::cell_start(other.tag(), &other.lang.name, other.lang.dir.as_str(), true),
    ];
    let starts = [starts[0].as_str(), starts[1].as_str()];
    let mut rows = Vec::new();
    let mut sections = Vec::new();
    for part in parts(r, at.view) {
        let original_page = r.href(at.from, &part_original_dir(r, at, &part));
        let mut body = String::new();
        let mut add = |kind: &'static str, first: bool, left: String, right: String| {
            if r.parallel_reads.sections {
                blocks::row(&mut body, (kind, part.kind, first), starts, [&left, &right]);
            }
            if r.parallel_reads.rows {
                rows.push(Row {
                    kind,
                    part: part.kind,
                    first,
                    left,
                    right,
                });
            }
        };
        if let Some(h) = part.heading {
            let (mut left, mut right) = (String::new(), String::new());
            let (l, o) = (
                block(r, at.lang, h, &original_page),
                block(r, other, h, &original_page),
            );
            blocks::heading(&mut left, &l, at.lang.tag(), 2, ours);
            blocks::second_heading(&mut right, &o, other.tag(), theirs);
            add("heading", true, left, right);
        }
        for (i, u) in part.units.iter().enumerate() {
            let (mut left, mut right) = (String::new(), String::new());
            let (l, o) = (
                block(r, at.lang, u, &original_page),
                block(r, other, u, &original_page),
            );
            blocks::para(&mut left, &l, at.lang.tag(), ours);
            blocks::second_para(&mut right, &o, other.tag(), theirs);
            add("paragraph", i == 0 && part.heading.is_none(), left, right);
        }
        if !r.parallel_reads.sections {
            continue;
        }
        // Every part of a page is made before the first is handed over.
        body.shrink_to_fit();
        sections.push(RowsCtx {
            kind: part.kind,
            slug: part.slug,
            body: Spliced::new(body),
        });
    }
    (sections, rows)
}

/// The same part of the page's language paired with every other language.
fn pairs<'a>(
    r: &'a Renderer<'_>,
    at: At<'a, '_>,
    other: &LangTag,
    part: Option<&str>,
) -> Vec<SwitchLink<'a>> {
    r.langs
        .iter()
        .filter(|l| l.tag() != at.lang.tag())
        .map(|l| SwitchLink {
            lang: l.ctx(),
            href: r.href(
                at.from,
                &dir_of(
                    at.lang.tag(),
                    View::Parallel {
                        other: l.tag(),
                        part,
                    },
                ),
            ),
            current: l.lang.tag == *other,
        })
        .collect()
}
