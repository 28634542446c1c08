//! XLIFF 2.1 and XLIFF 1.2: writing, and reading either back.
//!
//! Reading builds a small element tree with quick-xml, keeping the byte
//! offset of every element so that problems name their line and column.

use std::path::Path;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::error::{Diagnostic, Location};
use crate::model::{Review, State};
use crate::text::escape_xml as escape;

use super::{Document, ImportFile, ImportUnit, Item};

/// The XLIFF 2 namespace (2.1 keeps the 2.0 one).
pub(crate) const NS2: &str = "urn:oasis:names:tc:xliff:document:2.0";
/// The namespace of the XLIFF 2 glossary module.
pub(crate) const NS_GLOSSARY: &str = "urn:oasis:names:tc:xliff:glossary:2.0";
/// The XLIFF 1.2 namespace.
pub(crate) const NS12: &str = "urn:oasis:names:tc:xliff:document:1.2";

fn head() -> String {
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n".to_string()
}

/// The XLIFF 2.1 text of an export.
pub(crate) fn write2(doc: &Document<'_>) -> String {
    let mut out = head();
    out.push_str(&format!(
        "<xliff xmlns=\"{NS2}\" xmlns:gls=\"{NS_GLOSSARY}\" version=\"2.1\" srcLang=\"{}\" trgLang=\"{}\">\n",
        escape(doc.source_lang().as_str()),
        escape(doc.lang.tag.as_str())
    ));
    out.push_str(&format!(
        "  <file id=\"statement\" original=\"{}\">\n",
        escape(&doc.original_path())
    ));
    for unit in &doc.items {
        out.push_str(&format!(
            "    <unit id=\"{}\">\n",
            escape(unit.unit.id.as_str())
        ));
        if !unit.terms.is_empty() {
            out.push_str("      <gls:glossary>\n");
            for (term, target) in &unit.terms {
                out.push_str(&format!(
                    "        <gls:glossEntry>\n          <gls:term source=\"glossary.yaml\">{}</gls:term>\n          <gls:translation>{}</gls:translation>\n        </gls:glossEntry>\n",
                    escape(term),
                    escape(target)
                ));
            }
            out.push_str("      </gls:glossary>\n");
        }
        out.push_str("      <notes>\n");
        for note in &unit.notes {
            out.push_str(&format!("        <note>{}</note>\n", escape(note)));
        }
        for (category, text) in notes(unit) {
            out.push_str(&format!(
                "        <note category=\"{category}\">{}</note>\n",
                escape(&text)
            ));
        }
        out.push_str(&format!(
            "        <note category=\"{BASE}\">{}</note>\n",
            escape(&unit.base)
        ));
        let state = match (unit.state, unit.review) {
            (State::Translated, Review::Translated) => "translated",
            (State::Translated, Review::Reviewed) => "reviewed",
            (State::Translated, Review::Approved) => "final",
            _ => "initial",
        };
        out.push_str(&format!(
            "      </notes>\n      <segment state=\"{state}\">\n"
        ));
        out.push_str(&format!(
            "        <source>{}</source>\n",
            escape(&unit.unit.text)
        ));
        if !unit.target.is_empty() {
            out.push_str(&format!(
                "        <target>{}</target>\n",
                escape(unit.target)
            ));
        }
        out.push_str("      </segment>\n    </unit>\n");
    }
    out.push_str("  </file>\n</xliff>\n");
    out
}

/// The XLIFF 1.2 text of an export.
pub(crate) fn write12(doc: &Document<'_>) -> String {
    let mut out = head();
    out.push_str(&format!("<xliff xmlns=\"{NS12}\" version=\"1.2\">\n"));
    out.push_str(&format!(
        "  <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"plaintext\">\n    <body>\n",
        escape(&doc.original_path()),
        escape(doc.source_lang().as_str()),
        escape(doc.lang.tag.as_str())
    ));
    for unit in &doc.items {
        let id = escape(unit.unit.id.as_str());
        // `approved="yes"` means what XLIFF 1.2 says: the translation is
        // final, so only an approved unit carries it, with `state="final"`.
        let approved = if (unit.state, unit.review) == (State::Translated, Review::Approved) {
            " approved=\"yes\""
        } else {
            ""
        };
        out.push_str(&format!(
            "      <trans-unit id=\"{id}\" resname=\"{id}\"{approved} xml:space=\"preserve\">\n"
        ));
        out.push_str(&format!(
            "        <source>{}</source>\n",
            escape(&unit.unit.text)
        ));
        let state = match (unit.state, unit.review) {
            (State::Translated, Review::Translated) => "translated",
            (State::Translated, Review::Reviewed) => "signed-off",
            (State::Translated, Review::Approved) => "final",
            (State::Stale, _) => "needs-review-translation",
            (State::Missing, _) => "needs-translation",
        };
        out.push_str(&format!(
            "        <target state=\"{state}\">{}</target>\n",
            escape(unit.target)
        ));
        for note in &unit.notes {
            out.push_str(&format!("        <note>{}</note>\n", escape(note)));
        }
        for (category, text) in notes(unit) {
            out.push_str(&format!(
                "        <note from=\"tolmach\">{category}: {}</note>\n",
                escape(&text)
            ));
        }
        out.push_str(&format!(
            "        <note from=\"{BASE}\">{}</note>\n",
            escape(&unit.base)
        ));
        out.push_str("      </trans-unit>\n");
    }
    out.push_str("    </body>\n  </file>\n</xliff>\n");
    out
}

/// The note category (XLIFF 2) or `from` (XLIFF 1.2) of the note that
/// records the translation a unit carried when exported (its base).
const BASE: &str = "tolmach-base";

/// The categories of Tolmach's own notes; any other note is a translator's.
const OWN_NOTES: &[&str] = &[
    "location",
    "previous-source",
    "source-diff",
    BASE,
    "tolmach",
];

/// The notes of a unit: where it is, when stale how the original changed,
/// and its base.
fn notes(unit: &Item<'_>) -> Vec<(&'static str, String)> {
    let mut out = vec![("location", unit.place.clone())];
    if let Some(previous) = unit.previous_source {
        out.push(("previous-source", previous.to_string()));
    }
    if let Some(diff) = &unit.diff {
        out.push(("source-diff", diff.clone()));
    }
    out
}

/// An element of the tree.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
    offset: usize,
}

#[derive(Debug)]
enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// Every descendant named `name`, in document order, not looking inside matches.
    fn descendants<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            } else {
                e.descendants(name, out);
            }
        }
    }
}

/// Parse XLIFF 2.x or 1.2.
pub(crate) fn read(text: &str, path: &Path) -> Result<ImportFile, Diagnostic> {
    let at = |offset: usize| Some(Location::of_offset(text, offset));
    let err = |offset: usize, message: String| Diagnostic::error(path, at(offset), message);
    let root = tree(text).map_err(|(offset, message)| err(offset, message))?;
    if root.name != "xliff" {
        return Err(err(
            root.offset,
            format!("expected an <xliff> document, found <{}>", root.name),
        ));
    }
    let version = root.attr("version").unwrap_or_default();
    let file = if version.starts_with("2.") {
        read2(&root)
    } else if version == "1.2" {
        read12(&root)
    } else {
        Err((
            root.offset,
            format!("XLIFF version `{version}` is not supported; use 2.x or 1.2"),
        ))
    };
    file.map_err(|(offset, message)| err(offset, message)).map(
        |(lang, (value, name, offset), units)| ImportFile {
            lang,
            source_lang: Some(super::Declared {
                value,
                name,
                location: Location::of_offset(text, offset),
            }),
            units: units
                .into_iter()
                .map(|(offset, mut unit)| {
                    unit.location = Location::of_offset(text, offset);
                    unit
                })
                .collect(),
        },
    )
}

type Problem = (usize, String);
type Units = (
    String,
    (String, &'static str, usize),
    Vec<(usize, ImportUnit)>,
);

fn read2(root: &Element) -> Result<Units, Problem> {
    let source_lang = (
        required(root, root.attr("srcLang"), "srcLang")?.to_string(),
        "srcLang",
        root.offset,
    );
    let lang = root.attr("trgLang").ok_or((
        root.offset,
        "<xliff> has no trgLang attribute (the target language)".to_string(),
    ))?;
    let mut found = Vec::new();
    root.descendants("unit", &mut found);
    let mut units = Vec::new();
    for unit in found {
        let id = unit
            .attr("id")
            .ok_or((unit.offset, "<unit> has no id".to_string()))?;
        let mut source = String::new();
        let mut target = String::new();
        let mut done = true;
        let mut review = Review::Approved;
        let mut states = Vec::new();
        for part in unit
            .elements()
            .filter(|e| e.name == "segment" || e.name == "ignorable")
        {
            let src = part
                .child("source")
                .ok_or((part.offset, format!("<{}> has no <source>", part.name)))?;
            source.push_str(&text_of(src)?);
            if let Some(t) = part.child("target") {
                target.push_str(&text_of(t)?);
            }
            if part.name == "segment" {
                let state = part.attr("state").unwrap_or("initial");
                done &= matches!(state, "translated" | "reviewed" | "final");
                review = review.min(match state {
                    "final" => Review::Approved,
                    "reviewed" => Review::Reviewed,
                    _ => Review::Translated,
                });
                states.push(state.to_string());
            }
        }
        states.dedup();
        let (base, notes) = notes_of(
            unit.child("notes").into_iter().flat_map(|n| n.elements()),
            "category",
        )?;
        units.push((
            unit.offset,
            ImportUnit {
                id: id.to_string(),
                source,
                target,
                done: done && !states.is_empty(),
                review: if done { review } else { Review::Translated },
                state: states.join("/"),
                location: Location::default(),
                base,
                notes,
            },
        ));
    }
    Ok((lang.to_string(), source_lang, units))
}

fn read12(root: &Element) -> Result<Units, Problem> {
    let file = root
        .child("file")
        .ok_or((root.offset, "<xliff> has no <file>".to_string()))?;
    let source_lang = (
        required(file, file.attr("source-language"), "source-language")?.to_string(),
        "source-language",
        file.offset,
    );
    let lang = file.attr("target-language").ok_or((
        file.offset,
        "<file> has no target-language attribute".to_string(),
    ))?;
    let mut found = Vec::new();
    root.descendants("trans-unit", &mut found);
    let mut units = Vec::new();
    for unit in found {
        let id = unit
            .attr("resname")
            .or_else(|| unit.attr("id"))
            .ok_or((unit.offset, "<trans-unit> has no id".to_string()))?;
        let src = unit
            .child("source")
            .ok_or((unit.offset, "<trans-unit> has no <source>".to_string()))?;
        let target = unit.child("target");
        // No state at all means the tool does not track states: a target counts as done.
        let state = target
            .and_then(|t| t.attr("state"))
            .unwrap_or(match target {
                Some(_) => "translated",
                None => "new",
            });
        let (done, review) = read12_state(state, unit.attr("approved"));
        let (base, notes) = notes_of(unit.elements(), "from")?;
        units.push((
            unit.offset,
            ImportUnit {
                id: id.to_string(),
                source: text_of(src)?,
                target: target.map(text_of).transpose()?.unwrap_or_default(),
                done,
                review,
                state: match unit.attr("approved") {
                    Some(approved) => format!("{state}, approved=\"{approved}\""),
                    None => state.to_string(),
                },
                location: Location::default(),
                base,
                notes,
            },
        ));
    }
    Ok((lang.to_string(), source_lang, units))
}

/// Whether an XLIFF 1.2 unit is done, and its review level, from its
/// target's `state` and the unit's `approved`. The two are kept consistent
/// on export (`approved="yes"` only with `state="final"`); when a tool makes
/// them disagree, the less advanced reading wins:
/// - `state` decides whether the unit is done (`translated`, `signed-off`,
///   `final`; a target without a state counts as `translated`); a `needs-*`
///   state is not done, even with `approved="yes"`;
/// - the level is `signed-off` → reviewed, `final` → approved, but approved
///   only with `approved="yes"` too (`final` without it is reviewed), and
///   `approved="no"` keeps any state at translated.
fn read12_state(state: &str, approved: Option<&str>) -> (bool, Review) {
    let done = matches!(state, "translated" | "signed-off" | "final");
    let by_state = match state {
        "final" => Review::Approved,
        "signed-off" => Review::Reviewed,
        _ => Review::Translated,
    };
    let review = match approved {
        Some("yes") => by_state,
        Some("no") => Review::Translated,
        _ => by_state.min(Review::Reviewed),
    };
    (done, if done { review } else { Review::Translated })
}

/// The base and the translators' notes among a unit's `<note>`s; `attr`
/// names the attribute that says whose note it is (`category` in XLIFF 2,
/// `from` in 1.2).
fn notes_of<'a>(
    elements: impl Iterator<Item = &'a Element>,
    attr: &str,
) -> Result<(Option<String>, Vec<String>), Problem> {
    let mut base = None;
    let mut notes = Vec::new();
    for note in elements.filter(|e| e.name == "note") {
        let text = text_of(note)?;
        match note.attr(attr) {
            Some(BASE) => base = Some(text.trim().to_string()),
            Some(own) if OWN_NOTES.contains(&own) => {}
            _ => notes.extend(text.lines().map(str::to_string)),
        }
    }
    Ok((base, notes))
}

/// An attribute the format requires.
fn required<'a>(e: &Element, value: Option<&'a str>, attr: &str) -> Result<&'a str, Problem> {
    value.ok_or((e.offset, format!("<{}> has no {attr} attribute", e.name)))
}

/// The plain text of `<source>` or `<target>`; inline markup is refused.
fn text_of(e: &Element) -> Result<String, Problem> {
    let mut out = String::new();
    for node in &e.children {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Element(inner) => {
                return Err((
                    inner.offset,
                    format!(
                        "inline element <{}> in <{}>; Tolmach units are plain text, remove the tag",
                        inner.name, e.name
                    ),
                ));
            }
        }
    }
    Ok(out)
}

/// Elements may nest at most this deep (an XLIFF 2 unit is 5 levels down).
const MAX_DEPTH: usize = 64;
/// At most this many entity and character references in one file.
const MAX_REFERENCES: usize = 1_000_000;

/// Read the whole document into a tree. Untrusted input: nesting and
/// references are bounded, and DOCTYPE (hence any entity definition) is refused.
fn tree(text: &str) -> Result<Element, Problem> {
    let mut reader = Reader::from_str(text);
    let config = reader.config_mut();
    config.check_end_names = true;
    config.trim_text(false);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut references = 0usize;
    loop {
        let offset = pos(reader.buffer_position());
        let event = reader
            .read_event()
            .map_err(|e| (pos(reader.error_position()), format!("malformed XML: {e}")))?;
        match event {
            Event::Start(start) => {
                if stack.len() >= MAX_DEPTH {
                    return Err((
                        offset,
                        format!(
                            "elements nested more than {MAX_DEPTH} deep; XLIFF needs fewer than 10, so this is not an XLIFF file Tolmach reads"
                        ),
                    ));
                }
                stack.push(element(&start, offset)?);
            }
            Event::Empty(start) => {
                let e = element(&start, offset)?;
                close(&mut stack, &mut root, e, offset)?;
            }
            Event::End(_) => {
                let e = stack
                    .pop()
                    .ok_or((offset, "closing tag without an opening tag".to_string()))?;
                close(&mut stack, &mut root, e, offset)?;
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content(), offset)?,
            Event::CData(c) => {
                push_text(&mut stack, &c, offset)?;
            }
            Event::GeneralRef(r) => {
                references += 1;
                if references > MAX_REFERENCES {
                    return Err((
                        offset,
                        format!(
                            "more than {MAX_REFERENCES} entity references; Tolmach reads at most that many"
                        ),
                    ));
                }
                let c = entity(&r).ok_or((offset, format!("unknown entity `&{};`", &*r)))?;
                push_text(&mut stack, &c.to_string(), offset)?;
            }
            Event::DocType(_) => return Err((offset, "DOCTYPE is not allowed in XLIFF".into())),
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if let Some(open) = stack.last() {
        return Err((open.offset, format!("<{}> is never closed", open.name)));
    }
    root.ok_or((0, "the file has no XML element".to_string()))
}

fn pos(offset: u64) -> usize {
    usize::try_from(offset).unwrap_or(usize::MAX)
}

fn entity(r: &str) -> Option<char> {
    match r {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => {
            let num = r.strip_prefix('#')?;
            let code = match num.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse().ok()?,
            };
            char::from_u32(code).filter(|c| *c != '\0')
        }
    }
}

fn element(start: &BytesStart<'_>, offset: usize) -> Result<Element, Problem> {
    let name = start.local_name().as_ref().to_string();
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|e| (offset, format!("malformed attribute in <{name}>: {e}")))?;
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| {
                (
                    offset,
                    format!("malformed attribute value in <{name}>: {e}"),
                )
            })?;
        let key = attr.key.local_name().as_ref().to_string();
        attrs.push((key, value.into_owned()));
    }
    Ok(Element {
        name,
        attrs,
        children: Vec::new(),
        offset,
    })
}

fn close(
    stack: &mut [Element],
    root: &mut Option<Element>,
    e: Element,
    offset: usize,
) -> Result<(), Problem> {
    match stack.last_mut() {
        Some(parent) => parent.children.push(Node::Element(e)),
        None if root.is_none() => *root = Some(e),
        None => return Err((offset, "a second root element".to_string())),
    }
    Ok(())
}

fn push_text(stack: &mut [Element], text: &str, offset: usize) -> Result<(), Problem> {
    match stack.last_mut() {
        Some(parent) => {
            if let Some(Node::Text(prev)) = parent.children.last_mut() {
                prev.push_str(text);
            } else {
                parent.children.push(Node::Text(text.to_string()));
            }
            Ok(())
        }
        None if text.trim().is_empty() => Ok(()),
        None => Err((offset, "text outside the root element".to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::{Document, tests::site};

    #[test]
    fn both_versions_read_back() {
        let site = site();
        let doc = Document::of(
            &site,
            site.language("en").unwrap(),
            &Default::default(),
            &[],
        );
        for text in [write2(&doc), write12(&doc)] {
            let file = read(&text, Path::new("f.xlf")).unwrap();
            assert_eq!(file.lang, "en");
            let got: Vec<_> = file
                .units
                .iter()
                .map(|u| (u.id.as_str(), u.target.as_str(), u.done))
                .collect();
            assert_eq!(
                got,
                [
                    ("title", "Statement", true),
                    ("a", "Text\nwith a break", true),
                    ("s", "", false),
                    ("b", "Old", false),
                    ("c", "", false)
                ]
            );
            assert_eq!(file.units[1].source, "Текст \"в кавычках\" \\ и");
        }
    }

    #[test]
    fn xliff12_state_and_approved_disagreeing_read_the_lower() {
        assert_eq!(read12_state("translated", None), (true, Review::Translated));
        assert_eq!(read12_state("signed-off", None), (true, Review::Reviewed));
        assert_eq!(read12_state("final", Some("yes")), (true, Review::Approved));
        // Disagreements: the less advanced reading wins.
        assert_eq!(read12_state("final", None), (true, Review::Reviewed));
        assert_eq!(
            read12_state("translated", Some("yes")),
            (true, Review::Translated)
        );
        assert_eq!(
            read12_state("final", Some("no")),
            (true, Review::Translated)
        );
        assert_eq!(
            read12_state("needs-review-translation", Some("yes")),
            (false, Review::Translated)
        );
        // Once refused with "state is `translated`, not translated".
        assert_eq!(
            read12_state("translated", Some("no")),
            (true, Review::Translated)
        );
    }

    #[test]
    fn malformed_xml_names_the_line() {
        let site = site();
        let doc = Document::of(
            &site,
            site.language("en").unwrap(),
            &Default::default(),
            &[],
        );
        let text = write2(&doc).replace("</source>\n        <target>", "\n        <target>");
        let err = read(&text, Path::new("f.xlf")).unwrap_err().to_string();
        assert_eq!(
            err,
            "f.xlf:12:7: error: malformed XML: ill-formed document: expected `</source>`, but `</segment>` was found"
        );
        let err = read("<xliff version=\"2.1\">\n<file>\n", Path::new("f.xlf")).unwrap_err();
        assert_eq!(err.to_string(), "f.xlf:2:1: error: <file> is never closed");
    }
}
