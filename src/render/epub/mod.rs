//! The EPUB 3 of each language as an [`Output`]:
//! `<lang>/statement.<lang>.epub`, made from the same model, views and
//! blocks as the site.
//!
//! Per language, the theme's EPUB templates (`epub/` in the theme) render
//! the title page, the navigation document (contents by sphere, and
//! landmarks), one document per part (the preamble, each sphere, the
//! closing), the package document, `META-INF/container.xml` and the
//! stylesheet. `xhtml` checks that each is well-formed XML and keeps only
//! links that resolve; `archive` zips them in a fixed order with fixed
//! timestamps, so two builds give the same bytes.

mod archive;
mod xhtml;

use serde::Serialize;

use super::deps::{Reads, Scope};
use super::lang::LangRender;
use super::output::{Job, Output};
use super::renderer::Renderer;
use super::views::epub::{self as view, CSS_FILE, NAV_FILE, TITLE_FILE};
use crate::error::{Diagnostic, Error, Result};
use crate::links::epub_file;
use xhtml::Doc;

/// The folder of the book's own files inside the container.
const FOLDER: &str = "EPUB/";
/// The package document's path in the container.
const PACKAGE: &str = "EPUB/package.opf";
/// The container file, which names the package document.
const CONTAINER: &str = "META-INF/container.xml";

/// One EPUB per language.
pub(crate) struct Epub;

impl Output for Epub {
    fn language_pages<'r>(&'r self, r: &'r Renderer<'r>, lang: &'r LangRender<'r>) -> Vec<Job<'r>> {
        let path = epub_file(lang.tag());
        let reads = Reads::Lang {
            lang: r.position(lang),
            scope: Scope::Whole,
        };
        vec![Job::new(path, "epub", move || Ok(book(r, lang)?.into())).reading(reads)]
    }
}

/// The context of `container.xml`.
#[derive(Serialize)]
struct ContainerContext {
    /// The package document's path in the container.
    package_path: &'static str,
}

/// The EPUB of `lang`, as bytes.
fn book(r: &Renderer<'_>, lang: &LangRender<'_>) -> Result<Vec<u8>> {
    let book = view::book(r, lang);
    let mut docs = vec![
        doc(r, "title.xhtml", TITLE_FILE, &book)?,
        doc(r, "nav.xhtml", NAV_FILE, &book)?,
    ];
    let with_lists = view::BookLists::KEYS
        .iter()
        .any(|key| r.may_read("part.xhtml", key));
    let contexts = view::parts_of(r, lang, &book, with_lists);
    for (file, context) in book.part_files().zip(contexts) {
        docs.push(doc(r, "part.xhtml", file, &context)?);
    }
    xhtml::finish(&mut docs).map_err(|(i, why)| malformed(r, lang, &docs[i], why))?;
    let container = ContainerContext {
        package_path: PACKAGE,
    };
    let mut files = vec![
        (
            CONTAINER.to_string(),
            xml(r, lang, "container.xml", CONTAINER, &container)?,
        ),
        (
            PACKAGE.to_string(),
            xml(r, lang, "package.opf", PACKAGE, &book)?,
        ),
        (format!("{FOLDER}{CSS_FILE}"), r.render("epub.css", &book)?),
    ];
    files.extend(
        docs.into_iter()
            .map(|d| (format!("{FOLDER}{}", d.file), d.text)),
    );
    let files: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|(path, text)| (path, text.into_bytes()))
        .collect();
    archive::zip(files, book.date())
        .map_err(|why| Error::Refused(format!("{}: {why}", epub_file(lang.tag()))))
}

/// Render the document `file` of the book from `template`.
fn doc<C: Serialize>(
    r: &Renderer<'_>,
    template: &'static str,
    file: &str,
    context: &C,
) -> Result<Doc> {
    let mut text = r.render(template, context)?;
    // Held until the whole book is rendered: without the room Tera's
    // output grew into.
    text.shrink_to_fit();
    Ok(Doc {
        file: file.to_string(),
        template,
        text,
    })
}

/// Render an XML file of the container (not a content document), checked.
fn xml<C: Serialize>(
    r: &Renderer<'_>,
    lang: &LangRender<'_>,
    template: &'static str,
    path: &str,
    context: &C,
) -> Result<String> {
    let mut file = doc(r, template, path, context)?;
    xhtml::xml_chars(&mut file.text);
    xhtml::check(&file.text).map_err(|why| malformed(r, lang, &file, why))?;
    Ok(file.text)
}

/// The error for a document that is not well-formed XML: it names the
/// template, the book and where in the rendered document.
fn malformed(r: &Renderer<'_>, lang: &LangRender<'_>, doc: &Doc, why: xhtml::Malformed) -> Error {
    Error::at(Diagnostic::error(
        r.template_path(doc.template),
        None,
        format!(
            "renders {} of {} as XML that is not well-formed, at line {}, column {} of that file: {}",
            doc.file,
            epub_file(lang.tag()),
            why.at.line,
            why.at.col,
            why.message
        ),
    ))
}
