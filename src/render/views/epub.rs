//! The EPUB of one language: what its package, navigation, title page and
//! parts are rendered from.
//!
//! [`BookContext`] is what every document of the book shares: the title,
//! the notice and provenance, the identifier and dates, the parts, the
//! manifest and the spine. [`PartContext`] adds one part (the preamble, a
//! sphere or the closing) with its markup, written by `blocks` as XHTML.

use serde::Serialize;

use super::{UnitCtx, block, parts, unit};
use crate::links::{View, dir_of, epub_file};
use crate::render::blocks::{self, Block, Syntax};
use crate::render::lang::{LangCtx, LangRender, ProvenanceCtx, ReviewCtx};
use crate::render::renderer::Renderer;

/// The title page's file in the book.
pub(crate) const TITLE_FILE: &str = "title.xhtml";
/// The navigation document's file.
pub(crate) const NAV_FILE: &str = "nav.xhtml";
/// The stylesheet's file.
pub(crate) const CSS_FILE: &str = "epub.css";

/// The date of a book: the edition's, as a calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct BookDate {
    /// 1980 to 2107, the years a zip entry can carry.
    pub(crate) year: u16,
    /// 1 to 12.
    pub(crate) month: u8,
    /// 1 to the month's last day.
    pub(crate) day: u8,
}

/// The date of a book whose edition gives no valid date: the zip format's epoch.
const NO_DATE: BookDate = BookDate {
    year: 1980,
    month: 1,
    day: 1,
};

impl BookDate {
    /// `YYYY-MM-DD`, a real day from 1980 to 2107; anything else is none.
    pub(crate) fn parse(text: &str) -> Option<BookDate> {
        let bytes = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = bytes.get(range)?;
            part.iter().all(u8::is_ascii_digit).then_some(())?;
            std::str::from_utf8(part).ok()?.parse().ok()
        };
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let last = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1980..=2107).contains(&year) && (1..=last).contains(&day)).then_some(BookDate {
            year,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
        })
    }

    /// The date as `dcterms:modified` wants it: midnight UTC of the day.
    fn modified(self) -> String {
        format!(
            "{:04}-{:02}-{:02}T00:00:00Z",
            self.year, self.month, self.day
        )
    }
}

/// A file of the book as the package's manifest lists it.
#[derive(Serialize, Debug)]
pub(crate) struct ManifestItem {
    id: String,
    href: String,
    media_type: &'static str,
    /// `nav` for the navigation document.
    properties: Option<&'static str>,
}

/// A part of the text, one document of the book.
#[derive(Serialize, Debug)]
pub(crate) struct BookPart<'a> {
    /// `preamble`, `sphere` or `closing`.
    kind: &'static str,
    /// The sphere's slug, for a sphere.
    slug: Option<&'a str>,
    /// Its manifest id.
    id: String,
    /// Its file in the book.
    href: String,
    /// The sphere's heading (a unit), for a sphere.
    heading: Option<UnitCtx<'a>>,
}

/// What every document of one language's book shares: its [`BookHead`]
/// and its [`BookLists`].
#[derive(Serialize, Debug)]
pub(crate) struct BookContext<'a> {
    #[serde(flatten)]
    head: BookHead<'a>,
    #[serde(flatten)]
    lists: BookLists<'a>,
    #[serde(skip)]
    book_date: BookDate,
}

/// The book's lists, as long as the document: its parts, the manifest and the spine.
#[derive(Serialize, Debug)]
pub(crate) struct BookLists<'a> {
    parts: Vec<BookPart<'a>>,
    manifest: Vec<ManifestItem>,
    /// Manifest ids in reading order: the title page, the contents, the parts.
    spine: Vec<String>,
}

impl BookLists<'_> {
    /// The context keys of the lists.
    pub(crate) const KEYS: [&'static str; 3] = ["parts", "manifest", "spine"];
}

/// The book's own facts, the same size whatever the document's length.
#[derive(Serialize, Debug)]
pub(crate) struct BookHead<'a> {
    lang: LangCtx<'a>,
    is_original: bool,
    review: ReviewCtx,
    provenance: &'a ProvenanceCtx,
    paragraph_count: usize,
    doc_title: UnitCtx<'a>,
    title_plain: &'a str,
    description: &'a str,
    /// `urn:uuid:…`, derived from the base URL (or the original's title),
    /// the language and the edition's version: the same for every build.
    identifier: String,
    /// The original's identifier, on a translation.
    source_identifier: Option<String>,
    /// `dcterms:modified`: the edition's date at midnight UTC.
    modified: String,
    /// The edition's date, if it gives a valid one.
    date: Option<String>,
    /// The original's index and this book's own address, with a base URL.
    original_url: Option<String>,
    book_url: Option<String>,
    css_href: &'static str,
    title_href: &'static str,
    nav_href: &'static str,
}

impl BookContext<'_> {
    /// The date the book's files carry.
    pub(crate) fn date(&self) -> BookDate {
        self.book_date
    }

    /// The parts' files, in reading order.
    pub(crate) fn part_files(&self) -> impl Iterator<Item = &str> {
        self.lists.parts.iter().map(|p| p.href.as_str())
    }
}

/// The context of `part.xhtml`: the book and one of its parts. The book's
/// lists come only if the template can read them: given to every part,
/// they would make a long document's book quadratic in its parts.
#[derive(Serialize, Debug)]
pub(crate) struct PartContext<'a> {
    #[serde(flatten)]
    head: &'a BookHead<'a>,
    #[serde(flatten)]
    lists: Option<&'a BookLists<'a>>,
    part: &'a BookPart<'a>,
    /// The sphere heading's markup (`h2`), for a sphere.
    heading_block: Option<String>,
    /// The paragraphs' markup.
    body: String,
}

/// The book of `lang`.
pub(crate) fn book<'a>(r: &'a Renderer<'_>, lang: &'a LangRender<'a>) -> BookContext<'a> {
    let tag = lang.tag();
    let original = r.original_tag().as_str();
    let base = r.settings.base_url.as_deref();
    let edition_date = r
        .site
        .source
        .edition
        .as_ref()
        .and_then(|e| e.date.as_deref());
    let valid_date = edition_date.and_then(BookDate::parse);
    let book_date = valid_date.unwrap_or(NO_DATE);
    let parts = book_parts(r, lang);
    let (manifest, spine) = manifest(&parts);
    let head = BookHead {
        lang: lang.ctx(),
        is_original: lang.is_original,
        review: lang.review,
        provenance: &lang.provenance,
        paragraph_count: r.site.source.paragraphs().count(),
        doc_title: unit(
            r,
            lang,
            &r.site.source.title,
            &dir_of(original, View::Index),
            "",
        ),
        title_plain: &lang.title_plain,
        description: &lang.description,
        identifier: identifier(r, tag),
        source_identifier: (!lang.is_original).then(|| identifier(r, original)),
        modified: book_date.modified(),
        date: valid_date.and(edition_date).map(str::to_string),
        original_url: base.map(|b| format!("{b}{}", dir_of(original, View::Index))),
        book_url: base.map(|b| format!("{b}{}", epub_file(tag))),
        css_href: CSS_FILE,
        title_href: TITLE_FILE,
        nav_href: NAV_FILE,
    };
    BookContext {
        head,
        lists: BookLists {
            parts,
            manifest,
            spine,
        },
        book_date,
    }
}

/// The preamble, every sphere and the closing, one document each.
fn book_parts<'a>(r: &'a Renderer<'_>, lang: &'a LangRender<'a>) -> Vec<BookPart<'a>> {
    let original = r.original_tag().as_str();
    parts(r, View::Full)
        .into_iter()
        .map(|part| {
            let id = match part.slug {
                Some(slug) => format!("sphere-{slug}"),
                None => part.kind.to_string(),
            };
            BookPart {
                kind: part.kind,
                slug: part.slug,
                href: format!("{id}.xhtml"),
                id,
                heading: part
                    .heading
                    .zip(part.slug)
                    .map(|(h, slug)| unit(r, lang, h, &dir_of(original, View::Sphere(slug)), "")),
            }
        })
        .collect()
}

/// The manifest (every file but the container's own) and the spine.
fn manifest(parts: &[BookPart<'_>]) -> (Vec<ManifestItem>, Vec<String>) {
    let xhtml = |id: &str, href: &str, properties| ManifestItem {
        id: id.to_string(),
        href: href.to_string(),
        media_type: "application/xhtml+xml",
        properties,
    };
    let mut manifest = vec![
        xhtml("title-page", TITLE_FILE, None),
        xhtml("nav", NAV_FILE, Some("nav")),
        ManifestItem {
            id: "css".into(),
            href: CSS_FILE.into(),
            media_type: "text/css",
            properties: None,
        },
    ];
    manifest.extend(parts.iter().map(|p| xhtml(&p.id, &p.href, None)));
    let spine = ["title-page", "nav"]
        .into_iter()
        .map(str::to_string)
        .chain(parts.iter().map(|p| p.id.clone()))
        .collect();
    (manifest, spine)
}

/// Every part of `book`, in reading order, with its markup as XHTML; the
/// book's lists only `with_lists`. A stale unit's notice links to the
/// original's page only with a base URL: a relative link would point into
/// the book, where that page is not.
pub(crate) fn parts_of<'a>(
    r: &'a Renderer<'_>,
    lang: &'a LangRender<'a>,
    book: &'a BookContext<'a>,
    with_lists: bool,
) -> impl Iterator<Item = PartContext<'a>> {
    let original = r.original_tag().as_str();
    parts(r, View::Full)
        .into_iter()
        .zip(&book.lists.parts)
        .map(move |(source, shown)| {
            let view = source.slug.map_or(View::Index, View::Sphere);
            let page = r
                .settings
                .base_url
                .as_deref()
                .map(|b| format!("{b}{}", dir_of(original, view)));
            let xhtml = |u| Block {
                original_page: page.as_deref(),
                syntax: Syntax::Xhtml,
                ..block(r, lang, u, "")
            };
            let heading_block = source.heading.map(|h| {
                let mut out = String::new();
                blocks::heading(&mut out, &xhtml(h), lang.tag(), 2, &lang.notices);
                out
            });
            let mut body = String::new();
            for u in source.units {
                blocks::para(&mut body, &xhtml(u), lang.tag(), &lang.notices);
            }
            PartContext {
                head: &book.head,
                lists: with_lists.then_some(&book.lists),
                part: shown,
                heading_block,
                body,
            }
        })
}

/// The book's identifier: a name-based UUID (version 8, from SHA-256, as
/// RFC 9562 allows) of the book's address with a base URL, else of the
/// original's title and the book's path, and of the edition's version.
/// Stable across builds; new for a new edition or language.
fn identifier(r: &Renderer<'_>, tag: &str) -> String {
    use sha2::Digest as _;
    let version = r
        .site
        .source
        .edition
        .as_ref()
        .map_or("", |e| e.version.as_str());
    let place = match r.settings.base_url.as_deref() {
        Some(base) => format!("{base}{}", epub_file(tag)),
        None => format!("{}\n{}", r.original().title_plain, epub_file(tag)),
    };
    let digest = sha2::Sha256::digest(format!("tolmach-epub\n{place}\n{version}").as_bytes());
    let mut b: [u8; 16] = digest[..16].try_into().expect("SHA-256 has 32 bytes");
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "urn:uuid:{}-{}-{}-{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_real_day_from_1980_to_2107_is_a_book_date() {
        assert_eq!(
            BookDate::parse("2024-02-29"),
            Some(BookDate {
                year: 2024,
                month: 2,
                day: 29
            })
        );
        for bad in [
            "2023-02-29",
            "2026-13-01",
            "2026-04-31",
            "1979-12-31",
            "2108-01-01",
            "2026-1-01",
            "2026-01-01T00:00:00Z",
            "+026-01-01",
            "",
        ] {
            assert_eq!(BookDate::parse(bad), None, "{bad}");
        }
        assert_eq!(
            BookDate::parse("2026-12-01").map(BookDate::modified),
            Some("2026-12-01T00:00:00Z".to_string())
        );
    }
}
