//! The XML hygiene of an EPUB's documents: each must be well-formed XML
//! (the theme's templates are checked here, not by a reader's failure),
//! and every link must resolve.
//!
//! Input: the book's rendered documents; output: the same documents with
//! characters XML forbids replaced, and each `<a href>` kept (a web or
//! mail address, or a file and fragment of the book), pointed at the file
//! that holds its fragment (`#trade-1` from a translator's Markdown), or
//! unwrapped to its text (a link to a page of the site, which is not in
//! the book). Everything else is left byte for byte as rendered.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::ops::Range;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::error::Location;
use crate::markdown::{LinkKind, link_kind};
use crate::render::templates::escape_html;

/// One rendered XML file of the book.
#[derive(Debug)]
pub(super) struct Doc {
    /// Its path inside the book's folder (`nav.xhtml`).
    pub(super) file: String,
    /// The template it was rendered from, for messages.
    pub(super) template: &'static str,
    /// Its text.
    pub(super) text: String,
}

/// Why a document is not well-formed: what, and where in the document.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Malformed {
    /// What is wrong.
    pub(super) message: String,
    /// Line and column in the rendered document.
    pub(super) at: Location,
}

/// A link found in a document.
#[derive(Debug)]
struct Anchor {
    /// The start tag (or the empty element).
    tag: Range<usize>,
    /// The matching end tag.
    end: Option<Range<usize>>,
    /// The tag's name and its attributes, raw, to write it again.
    name: String,
    attrs: Vec<(String, String)>,
    empty: bool,
    /// The target, unescaped.
    href: String,
}

/// What a document holds that linking needs: its ids and its links.
#[derive(Debug, Default)]
struct Scan {
    ids: HashSet<String>,
    anchors: Vec<Anchor>,
}

/// Whether XML 1.0 allows the character: not the C0 controls but tab and
/// the line breaks, nor U+FFFE and U+FFFF.
fn is_xml_char(c: char) -> bool {
    !matches!(c, '\0'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Replace the characters XML 1.0 does not allow with U+FFFD. Input is
/// already checked for controls; this keeps a document well-formed
/// whatever reaches it.
pub(super) fn xml_chars(text: &mut String) {
    if !text.chars().all(is_xml_char) {
        *text = text
            .chars()
            .map(|c| if is_xml_char(c) { c } else { '\u{fffd}' })
            .collect();
    }
}

/// Check that `text` is well-formed XML.
pub(super) fn check(text: &str) -> Result<(), Malformed> {
    scan(text).map(|_| ())
}

/// Check every document and fix its links; the error names the document.
pub(super) fn finish(docs: &mut [Doc]) -> Result<(), (usize, Malformed)> {
    let mut scans = Vec::with_capacity(docs.len());
    for (i, doc) in docs.iter_mut().enumerate() {
        xml_chars(&mut doc.text);
        scans.push(scan(&doc.text).map_err(|e| (i, e))?);
    }
    let ids: HashMap<String, &HashSet<String>> = docs
        .iter()
        .zip(&scans)
        .map(|(d, s)| (d.file.clone(), &s.ids))
        .collect();
    // One document's new text at a time: a book's documents are not held twice.
    for (doc, scan) in docs.iter_mut().zip(&scans) {
        if let Some(text) = relink(doc, scan, &ids) {
            doc.text = text;
        }
    }
    Ok(())
}

/// Parse `text`, collecting its ids and links.
fn scan(text: &str) -> Result<Scan, Malformed> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut out = Scan::default();
    // The open elements: for each, the anchor it starts, if it is a link.
    let mut open: Vec<Option<usize>> = Vec::new();
    let fail = |offset: u64, message: String| Malformed {
        message,
        at: Location::of_offset(text, usize::try_from(offset).unwrap_or(usize::MAX)),
    };
    loop {
        let start = reader.buffer_position();
        let event = reader
            .read_event()
            .map_err(|e| fail(reader.error_position(), e.to_string()))?;
        let range = to_usize(start)..to_usize(reader.buffer_position());
        match event {
            Event::Start(e) => {
                let anchor = element(&e, range, false, &mut out).map_err(|m| fail(start, m))?;
                open.push(anchor);
            }
            Event::Empty(e) => {
                element(&e, range, true, &mut out).map_err(|m| fail(start, m))?;
            }
            Event::End(_) => {
                if let Some(Some(i)) = open.pop() {
                    out.anchors[i].end = Some(range);
                }
            }
            Event::GeneralRef(r) => {
                let ok = if r.is_char_ref() {
                    matches!(r.resolve_char_ref(), Ok(Some(c)) if is_xml_char(c))
                } else {
                    matches!(&*r, "amp" | "lt" | "gt" | "quot" | "apos")
                };
                if !ok {
                    let name: &str = &r;
                    return Err(fail(
                        start,
                        format!(
                            "`&{name};` is not an XML entity (write the character itself, or `&#NNN;`)"
                        ),
                    ));
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !open.is_empty() {
        return Err(fail(
            reader.buffer_position(),
            format!("{} element(s) not closed at the end", open.len()),
        ));
    }
    Ok(out)
}

fn to_usize(offset: u64) -> usize {
    usize::try_from(offset).unwrap_or(usize::MAX)
}

/// Record an element's `id`, and return the anchor it starts if it is a link.
fn element(
    e: &BytesStart<'_>,
    tag: Range<usize>,
    empty: bool,
    out: &mut Scan,
) -> Result<Option<usize>, String> {
    let name = e.name().as_ref().to_string();
    let mut attrs = Vec::new();
    let mut href = None;
    for attr in e.attributes() {
        let attr = attr.map_err(|err| format!("<{name}>: {err}"))?;
        let key = attr.key.as_ref().to_string();
        let value = attr
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|err| format!("<{name} {key}>: {err}"))?;
        match key.as_str() {
            "id" => {
                out.ids.insert(value.into_owned());
            }
            "href" if name == "a" => href = Some(value.into_owned()),
            _ => {}
        }
        attrs.push((key, attr.value.to_string()));
    }
    let Some(href) = href else {
        return Ok(None);
    };
    out.anchors.push(Anchor {
        tag,
        end: None,
        name,
        attrs,
        empty,
        href,
    });
    Ok(Some(out.anchors.len() - 1))
}

/// What to do with a link.
#[derive(Debug, PartialEq, Eq)]
enum Action {
    Keep,
    Retarget(String),
    Unwrap,
}

/// Where `href`, in the document `here`, leads in the book.
fn action(href: &str, here: &str, ids: &HashMap<String, &HashSet<String>>) -> Action {
    match link_kind(href) {
        LinkKind::Mail => return Action::Keep,
        LinkKind::External => {
            let lower = href.trim_start().to_ascii_lowercase();
            return if lower.starts_with("http://") || lower.starts_with("https://") {
                Action::Keep
            } else {
                Action::Unwrap
            };
        }
        LinkKind::Unsafe => return Action::Unwrap,
        LinkKind::Relative => {}
    }
    let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
    let file = if path.is_empty() { here } else { path };
    let Some(held) = ids.get(file) else {
        return Action::Unwrap;
    };
    if fragment.is_empty() || held.contains(fragment) {
        return Action::Keep;
    }
    let mut holders: Vec<&str> = ids
        .iter()
        .filter(|(_, held)| held.contains(fragment))
        .map(|(file, _)| file.as_str())
        .collect();
    holders.sort_unstable();
    match holders.first() {
        Some(other) => Action::Retarget(format!("{other}#{fragment}")),
        None if path.is_empty() => Action::Unwrap,
        None => Action::Retarget(path.to_string()),
    }
}

/// The document with its links fixed, or none if all were right.
fn relink(doc: &Doc, scan: &Scan, ids: &HashMap<String, &HashSet<String>>) -> Option<String> {
    let mut edits: Vec<(Range<usize>, String)> = Vec::new();
    for anchor in &scan.anchors {
        match action(&anchor.href, &doc.file, ids) {
            Action::Keep => {}
            Action::Retarget(href) => edits.push((anchor.tag.clone(), start_tag(anchor, &href))),
            Action::Unwrap => {
                edits.push((anchor.tag.clone(), String::new()));
                if let Some(end) = &anchor.end {
                    edits.push((end.clone(), String::new()));
                }
            }
        }
    }
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|(range, _)| range.start);
    let mut out = String::with_capacity(doc.text.len());
    let mut at = 0;
    for (range, with) in edits {
        out.push_str(&doc.text[at..range.start]);
        out.push_str(&with);
        at = range.end;
    }
    out.push_str(&doc.text[at..]);
    Some(out)
}

/// The anchor's start tag again, its `href` replaced.
fn start_tag(anchor: &Anchor, href: &str) -> String {
    let mut out = format!("<{}", anchor.name);
    for (key, raw) in &anchor.attrs {
        if key == "href" {
            let _ = write!(out, " href=\"{}\"", escape_html(href));
        } else {
            let _ = write!(out, " {key}=\"{}\"", raw.replace('"', "&quot;"));
        }
    }
    out.push_str(if anchor.empty { "/>" } else { ">" });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(file: &str, text: &str) -> Doc {
        Doc {
            file: file.into(),
            template: "part.xhtml",
            text: text.into(),
        }
    }

    #[test]
    fn links_are_kept_retargeted_or_unwrapped() {
        let mut docs = [
            doc(
                "a.xhtml",
                "<body><p id=\"one\"><a href=\"#one\">same</a> <a class=\"x\" href=\"#two\">other</a> \
                 <a href=\"../../ru/\">site</a> <a href=\"https://e.example/?a=1&amp;b=2\">web</a> \
                 <a href=\"b.xhtml#gone\">file</a> <a href=\"#nowhere\"><em>none</em></a></p></body>",
            ),
            doc("b.xhtml", "<body><p id=\"two\">Two</p></body>"),
        ];
        finish(&mut docs).unwrap();
        assert_eq!(
            docs[0].text,
            "<body><p id=\"one\"><a href=\"#one\">same</a> <a class=\"x\" href=\"b.xhtml#two\">other</a> \
             site <a href=\"https://e.example/?a=1&amp;b=2\">web</a> \
             <a href=\"b.xhtml\">file</a> <em>none</em></p></body>"
        );
        assert_eq!(docs[1].text, "<body><p id=\"two\">Two</p></body>");
    }

    #[test]
    fn what_xml_refuses_is_reported_with_its_place() {
        let malformed = |text: &str| check(text).unwrap_err();
        let nbsp = malformed("<p>\n a&nbsp;b</p>");
        assert!(
            nbsp.message.contains("`&nbsp;` is not an XML entity"),
            "{nbsp:?}"
        );
        assert_eq!(nbsp.at, Location::new(2, 3));
        assert!(malformed("<p><br></p>").message.contains("br"));
        assert!(malformed("<p a=\"1\" a=\"2\"/>").message.contains("a"));
        assert!(malformed("<p>").message.contains("not closed"));
        assert!(check("<p>&amp;&#160;&#x2014;<br/></p>").is_ok());
    }

    #[test]
    fn characters_xml_forbids_are_replaced() {
        let mut text = "a\u{1}b\u{ffff}c\td\u{85}\u{7f}".to_string();
        xml_chars(&mut text);
        assert_eq!(text, "a\u{fffd}b\u{fffd}c\td\u{85}\u{7f}");
    }
}
