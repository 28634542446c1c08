//! The markup of the document's own blocks — numbered paragraphs and sphere
//! headings with their notices — written directly, not through Tera.
//!
//! Every page shows dozens to thousands of these, and a template engine's
//! per-variable cost dominated the build (profiled with callgrind); the
//! theme still places them, styles them and renders everything around them.
//! Values are escaped exactly as Tera's autoescape would.
//!
//! Input: a [`Block`], one unit as shown in one language; output: its
//! markup, appended to a string: HTML for the site, or the same markup as
//! XHTML for an EPUB ([`Syntax`]). The markup is part of the theme contract
//! (`themes/README.md`).

use std::fmt::Write as _;

use super::templates::escape_html as esc;

use crate::model::State;

/// One unit of the document as a page shows it: what its markup is made of.
#[derive(Debug, Clone, Copy)]
pub(super) struct Block<'a> {
    /// The unit's stable id: the anchor, the same in every language.
    pub(super) id: &'a str,
    /// The paragraph number, the same in every language (none for headings).
    pub(super) number: Option<usize>,
    /// "Link to paragraph N" in the page's language.
    pub(super) label: Option<&'a str>,
    /// The text as safe inline HTML.
    pub(super) html: &'a str,
    /// The language the text is in: the page's, or the original's when missing.
    pub(super) lang: &'a str,
    /// That language's direction.
    pub(super) dir: &'a str,
    /// Translated, stale or missing.
    pub(super) state: State,
    /// The link to the page of the original that holds the unit (without
    /// the `#id`); none where there is nothing to link to (an EPUB without
    /// a base URL), and then the stale notice has no link.
    pub(super) original_page: Option<&'a str>,
    /// HTML for the site, XHTML for the EPUB.
    pub(super) syntax: Syntax,
}

/// How the markup is serialised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Syntax {
    /// The site's HTML: a text in another language than the page has `lang`.
    Html,
    /// An EPUB's XHTML, which is XML: such a text has `xml:lang` as well.
    Xhtml,
}

/// A language's notices, already escaped, in the order of the fallback chain.
#[derive(Debug, Clone)]
pub(super) struct Notices {
    /// "This paragraph has not been translated yet ..."
    pub(super) fallback: String,
    /// "The Russian text of this paragraph has changed ..."
    pub(super) stale: String,
    /// "Current text of the original"
    pub(super) stale_link: String,
    /// The original's language tag, for `hreflang` on links to it.
    pub(super) original: String,
}

fn state_name(state: State) -> &'static str {
    state.name()
}

/// ` lang=".." dir=".."` when the unit is shown in another language than the
/// page (in XHTML ` xml:lang=".."` too, as EPUB reading systems expect). The direction always comes with the language: an original shown on a
/// right-to-left page must still read left to right.
fn lang_attrs(out: &mut String, u: &Block<'_>, page_lang: &str) {
    if u.lang == page_lang {
        return;
    }
    if u.syntax == Syntax::Xhtml {
        let _ = write!(out, " xml:lang=\"{}\"", esc(u.lang));
    }
    let _ = write!(out, " lang=\"{}\" dir=\"{}\"", esc(u.lang), esc(u.dir));
}

/// The notice under a missing or stale unit; `link` adds the link to the
/// original (when the unit has a page to link to).
fn notice(out: &mut String, u: &Block<'_>, notices: &Notices, link: bool) {
    let page = u.original_page.filter(|_| link);
    match (u.state, page) {
        (State::Missing, _) => {
            let _ = write!(
                out,
                "<p class=\"notice\" role=\"note\">{}</p>",
                notices.fallback
            );
        }
        (State::Stale, Some(page)) => {
            let _ = write!(
                out,
                "<p class=\"notice\" role=\"note\">{} <a href=\"{}#{}\" hreflang=\"{}\">{}</a></p>",
                notices.stale,
                esc(page),
                esc(u.id),
                notices.original,
                notices.stale_link
            );
        }
        (State::Stale, None) => {
            let _ = write!(
                out,
                "<p class=\"notice\" role=\"note\">{}</p>",
                notices.stale
            );
        }
        (State::Translated, _) => {}
    }
}

/// A numbered paragraph with its anchor; its number is the visible permalink.
pub(super) fn para(out: &mut String, u: &Block<'_>, page_lang: &str, notices: &Notices) {
    let id = esc(u.id);
    let number = u.number.unwrap_or_default();
    let _ = write!(
        out,
        "<div class=\"para state-{}\" id=\"{id}\" data-num=\"{number}\">\n\
         <a class=\"num\" href=\"#{id}\" aria-label=\"{}\">{number}</a>\n<p",
        state_name(u.state),
        esc(u.label.unwrap_or_default())
    );
    lang_attrs(out, u, page_lang);
    let _ = writeln!(out, ">{}</p>", u.html);
    notice(out, u, notices, true);
    out.push_str("\n</div>\n");
}

/// A sphere heading at `level`, with its notice.
pub(super) fn heading(
    out: &mut String,
    u: &Block<'_>,
    page_lang: &str,
    level: u8,
    notices: &Notices,
) {
    let _ = write!(out, "<h{level} id=\"{}\"", esc(u.id));
    lang_attrs(out, u, page_lang);
    let _ = write!(out, ">{}</h{level}>", u.html);
    if u.state != State::Translated {
        out.push('\n');
        notice(out, u, notices, true);
    }
    out.push('\n');
}

/// A paragraph in the second column of a parallel page: aligned by
/// `data-id` (ids stay unique to the first column), no permalink.
/// A unit shown in another language than the column's carries its `lang`
/// and `dir`.
pub(super) fn second_para(out: &mut String, u: &Block<'_>, column_lang: &str, notices: &Notices) {
    let _ = write!(
        out,
        "<div class=\"para state-{}\" data-id=\"{}\" data-num=\"{}\"><p",
        state_name(u.state),
        esc(u.id),
        u.number.unwrap_or_default()
    );
    lang_attrs(out, u, column_lang);
    let _ = write!(out, ">{}</p>", u.html);
    notice(out, u, notices, false);
    out.push_str("</div>");
}

/// A sphere heading in the second column of a parallel page.
pub(super) fn second_heading(
    out: &mut String,
    u: &Block<'_>,
    column_lang: &str,
    notices: &Notices,
) {
    out.push_str("<p class=\"h2-like");
    if u.state != State::Translated {
        let _ = write!(out, " state-{}", state_name(u.state));
    }
    let _ = write!(out, "\" data-id=\"{}\"", esc(u.id));
    lang_attrs(out, u, column_lang);
    let _ = write!(out, ">{}</p>", u.html);
    notice(out, u, notices, false);
}

/// The start of a parallel page's cell, up to its text: the column's
/// language and its mark (the tag, and the name for screen readers). The
/// same on every row of a page, so made once per page.
pub(super) fn cell_start(tag: &str, name: &str, dir: &str, second: bool) -> String {
    format!(
        "<div class=\"col{}\" role=\"cell\" lang=\"{}\" dir=\"{}\"><span class=\"lang-mark\">\
         <span aria-hidden=\"true\">{}</span><span class=\"vh\">{}</span></span>",
        if second { " second" } else { "" },
        esc(tag),
        esc(dir),
        esc(&tag.to_uppercase()),
        esc(name)
    )
}

/// One row of a parallel page: a heading or paragraph (`kind`) of the part
/// `part` in both columns, each cell opened by its [`cell_start`].
pub(super) fn row(
    out: &mut String,
    (kind, part, first): (&str, &str, bool),
    starts: [&str; 2],
    cells: [&str; 2],
) {
    let _ = writeln!(
        out,
        "<div class=\"row {kind} {part}{}\" role=\"row\">",
        if first { " first" } else { "" }
    );
    for (start, cell) in starts.iter().zip(cells) {
        let _ = writeln!(out, "{start}{cell}</div>");
    }
    out.push_str("</div>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(state: State, lang: &str) -> Block<'_> {
        Block {
            id: "trade-2",
            number: Some(16),
            label: Some("Link to \"16\""),
            html: "In <em>2019</em>",
            lang,
            dir: "ltr",
            state,
            original_page: Some("../../ru/trade/"),
            syntax: Syntax::Html,
        }
    }

    fn notices() -> Notices {
        Notices {
            fallback: "Not translated.".into(),
            stale: "Changed.".into(),
            stale_link: "Original".into(),
            original: "xo".into(),
        }
    }

    #[test]
    fn a_translated_paragraph_has_its_anchor_number_and_escaped_label() {
        let mut out = String::new();
        para(&mut out, &unit(State::Translated, "en"), "en", &notices());
        assert_eq!(
            out,
            "<div class=\"para state-translated\" id=\"trade-2\" data-num=\"16\">\n\
             <a class=\"num\" href=\"#trade-2\" aria-label=\"Link to &quot;16&quot;\">16</a>\n\
             <p>In <em>2019</em></p>\n\n</div>\n"
        );
    }

    #[test]
    fn a_missing_paragraph_is_marked_russian_with_a_notice() {
        let mut out = String::new();
        para(&mut out, &unit(State::Missing, "xo"), "en", &notices());
        assert!(out.contains("<p lang=\"xo\" dir=\"ltr\">"), "{out}");
        assert!(
            out.contains("<p class=\"notice\" role=\"note\">Not translated.</p>"),
            "{out}"
        );
    }

    #[test]
    fn a_stale_heading_links_to_the_original() {
        let mut out = String::new();
        heading(&mut out, &unit(State::Stale, "en"), "en", 2, &notices());
        assert_eq!(
            out,
            "<h2 id=\"trade-2\">In <em>2019</em></h2>\n<p class=\"notice\" role=\"note\">Changed. \
             <a href=\"../../ru/trade/#trade-2\" hreflang=\"xo\">Original</a></p>\n"
        );
    }

    #[test]
    fn in_xhtml_a_fallback_has_xml_lang_and_a_stale_unit_without_a_page_no_link() {
        let mut out = String::new();
        let missing = Block {
            syntax: Syntax::Xhtml,
            ..unit(State::Missing, "xo")
        };
        para(&mut out, &missing, "en", &notices());
        assert!(
            out.contains("<p xml:lang=\"xo\" lang=\"xo\" dir=\"ltr\">"),
            "{out}"
        );
        let mut out = String::new();
        let stale = Block {
            syntax: Syntax::Xhtml,
            original_page: None,
            ..unit(State::Stale, "en")
        };
        para(&mut out, &stale, "en", &notices());
        assert!(
            out.contains("<p class=\"notice\" role=\"note\">Changed.</p>"),
            "{out}"
        );
    }

    #[test]
    fn the_second_column_aligns_by_data_id() {
        let mut out = String::new();
        second_para(&mut out, &unit(State::Stale, "kk"), "kk", &notices());
        assert_eq!(
            out,
            "<div class=\"para state-stale\" data-id=\"trade-2\" data-num=\"16\"><p>In <em>2019</em></p>\
             <p class=\"notice\" role=\"note\">Changed.</p></div>"
        );
    }
}
