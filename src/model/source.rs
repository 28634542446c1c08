//! The Russian original: `sources/statement.md` parsed into title, preamble, spheres and closing.
//!
//! The file is Markdown with YAML front matter. Each paragraph is preceded by
//! a `{#id}` line; each sphere is a `## Heading {#slug}`; a thematic break
//! (`* * *`) starts the closing paragraphs. Ids never change once published:
//! they key the translations and become anchors and URLs.

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};
use serde::Deserialize;

use super::id::UnitId;
use crate::error::{Diagnostic, LineIndex, Location};
use crate::lang::LangTag;
use crate::text::normalize_space;

/// The front matter: only what the document itself states, and the
/// edition's own version and date.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    lang: Option<String>,
    #[serde(default)]
    document: Provenance,
    edition: Option<Edition>,
}

/// What is known about the document, each field only where a source states
/// it (the front matter's comments name the source of each).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    /// The kind of document, in the original's language (`Заявление`).
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// The issuing body or the signatories, in the original's language.
    pub issued_by: Option<String>,
    /// The date of adoption (ISO 8601), as a source states it.
    pub adopted: Option<String>,
    /// The place of adoption, in the original's language.
    pub place: Option<String>,
    /// Where the authentic text is published: an address.
    pub published_url: Option<String>,
    /// Where the authentic text is published: a reference in words.
    pub published_in: Option<String>,
}

/// The edition's own version and date: the project's, not the document's.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    /// The edition's version (`1.0`).
    pub version: String,
    /// The date of this version (ISO 8601).
    pub date: Option<String>,
}

/// What a unit is in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UnitKind {
    /// The document's title (front matter `title`).
    Title,
    /// A sphere heading.
    Heading,
    /// A numbered paragraph.
    Paragraph,
}

/// One translatable piece of the original: the title, a heading or a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Stable id, used as YAML key, HTML id and (for headings) URL slug.
    pub id: UnitId,
    /// The original's text, inline Markdown on one line.
    pub text: String,
    /// Where the unit starts in the source file.
    pub line: usize,
    /// Title, heading or paragraph.
    pub kind: UnitKind,
    /// For a paragraph, its number in reading order (1-based): the edition's
    /// own numbering, the same in every language.
    pub number: Option<usize>,
    /// The unit's position in [`Source::units`].
    pub index: usize,
}

impl Unit {
    fn new(id: UnitId, text: String, line: usize, kind: UnitKind) -> Unit {
        Unit {
            id,
            text,
            line,
            kind,
            number: None,
            index: 0,
        }
    }
}

/// A part of the document, as status reports group units: the opening
/// (title, preamble and closing) or one sphere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part<'a> {
    /// The title, the preamble and the closing paragraphs.
    Opening,
    /// One sphere.
    Sphere(&'a Sphere),
}

impl Part<'_> {
    /// The part's name in reports: `opening` or the sphere's slug.
    pub fn name(&self) -> &str {
        match self {
            Part::Opening => OPENING,
            Part::Sphere(sphere) => sphere.slug(),
        }
    }
}

/// The name of the part that groups the title, the preamble and the closing.
pub(crate) const OPENING: &str = "opening";

/// One of the nine thematic sections.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sphere {
    /// The heading; its id is the sphere's slug.
    pub heading: Unit,
    /// The paragraphs, in order.
    pub paragraphs: Vec<Unit>,
}

impl Sphere {
    /// The URL slug.
    pub fn slug(&self) -> &str {
        self.heading.id.as_str()
    }

    /// The heading followed by the paragraphs.
    pub fn units(&self) -> impl Iterator<Item = &Unit> {
        std::iter::once(&self.heading).chain(&self.paragraphs)
    }
}

/// The parsed original.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// The file it came from, relative to the project root.
    pub path: PathBuf,
    /// The document's title.
    pub title: Unit,
    /// Paragraphs before the first sphere.
    pub preamble: Vec<Unit>,
    /// The thematic sections.
    pub spheres: Vec<Sphere>,
    /// Paragraphs after the thematic break that ends the last sphere.
    pub closing: Vec<Unit>,
    /// Unit id → position in [`Source::units`].
    index: std::collections::HashMap<UnitId, usize>,
    /// What the front matter says about the document.
    pub provenance: Provenance,
    /// The edition's version and date, if the front matter gives them.
    pub edition: Option<Edition>,
}

/// Slugs that would collide with the pages Tolmach makes itself.
pub(crate) const RESERVED_SLUGS: &[&str] = &[
    "full",
    "parallel",
    "status",
    "theme",
    "download",
    OPENING,
    UnitId::TITLE,
];

impl Source {
    /// Every unit in reading order: title, preamble, each heading followed by its paragraphs, closing.
    pub fn units(&self) -> impl Iterator<Item = &Unit> {
        std::iter::once(&self.title)
            .chain(&self.preamble)
            .chain(self.spheres.iter().flat_map(Sphere::units))
            .chain(&self.closing)
    }

    /// How many units the document has.
    pub fn unit_count(&self) -> usize {
        self.index.len()
    }

    /// The parts of the document: the opening, then each sphere.
    pub fn parts(&self) -> impl Iterator<Item = Part<'_>> {
        std::iter::once(Part::Opening).chain(self.spheres.iter().map(Part::Sphere))
    }

    /// The units of one part, in reading order.
    pub fn units_of<'a>(&'a self, part: Part<'a>) -> Box<dyn Iterator<Item = &'a Unit> + 'a> {
        match part {
            Part::Opening => Box::new(
                std::iter::once(&self.title)
                    .chain(&self.preamble)
                    .chain(&self.closing),
            ),
            Part::Sphere(sphere) => Box::new(sphere.units()),
        }
    }

    /// The sphere with slug `slug`.
    pub fn sphere(&self, slug: &str) -> Option<&Sphere> {
        self.spheres.iter().find(|s| s.slug() == slug)
    }

    /// Where a unit is, in words: `title`, `preamble; paragraph 3`,
    /// `sphere: trade; heading`, `sphere: trade; paragraph 14`, `closing; paragraph 44`.
    pub fn place(&self, unit: &Unit) -> String {
        let part = if self.preamble.iter().any(|u| u.id == unit.id) {
            "preamble".to_string()
        } else if self.closing.iter().any(|u| u.id == unit.id) {
            "closing".to_string()
        } else {
            match self
                .spheres
                .iter()
                .find(|s| s.units().any(|u| u.id == unit.id))
            {
                Some(sphere) => format!("sphere: {}", sphere.slug()),
                None => return "title".to_string(),
            }
        };
        match (unit.kind, unit.number) {
            (UnitKind::Heading, _) => format!("{part}; heading"),
            (_, Some(n)) => format!("{part}; paragraph {n}"),
            _ => part,
        }
    }

    /// Every paragraph in reading order (the units that get a citation number).
    pub fn paragraphs(&self) -> impl Iterator<Item = &Unit> {
        self.preamble
            .iter()
            .chain(self.spheres.iter().flat_map(|s| &s.paragraphs))
            .chain(&self.closing)
    }

    /// Find a unit by id.
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        let index = *self.index.get(id)?;
        self.units().nth(index)
    }

    /// The position of unit `id` in reading order.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// Parse the text of the source file `path`, whose language must be `original`.
    pub fn parse(text: &str, path: &Path, original: &LangTag) -> Result<Source, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let (front, body, body_offset) = split_front_matter(text, path).map_err(|d| vec![d])?;
        let front: FrontMatter = crate::yaml::parse(front, path, 2).map_err(|d| vec![d])?;
        if let Some(lang) = &front.lang
            && lang != original.as_str()
        {
            problems.push(Diagnostic::error(
                path,
                Some(Location::new(2, 1)),
                format!(
                    "the original's language is `{original}` (setting `original`), but the front matter says `lang: {lang}`"
                ),
            ));
        }
        let title = Unit::new(
            UnitId::title(),
            normalize_space(&front.title),
            2,
            UnitKind::Title,
        );
        if title.text.is_empty() {
            problems.push(Diagnostic::error(
                path,
                Some(Location::new(2, 1)),
                "the title is empty",
            ));
        }
        let mut source = Source {
            path: path.to_path_buf(),
            title,
            preamble: Vec::new(),
            spheres: Vec::new(),
            closing: Vec::new(),
            index: std::collections::HashMap::new(),
            provenance: front.document,
            edition: front.edition,
        };
        Blocks::new(text, body, body_offset, path, &mut source, &mut problems).read();
        check_ids(&source, &mut problems);
        number(&mut source);
        if problems.is_empty() {
            Ok(source)
        } else {
            problems.sort();
            Err(problems)
        }
    }
}

/// Split `---` front matter from the body. Returns the YAML, the body and the body's byte offset.
fn split_front_matter<'a>(
    text: &'a str,
    path: &Path,
) -> Result<(&'a str, &'a str, usize), Diagnostic> {
    let missing = || {
        Diagnostic::error(
            path,
            Some(Location::new(1, 1)),
            "the source must start with `---` front matter holding the title",
        )
    };
    let rest = text.strip_prefix("---\n").ok_or_else(missing)?;
    let end = rest
        .find("\n---\n")
        .map(|i| (i + 1, i + 5))
        .or_else(|| {
            rest.strip_suffix("\n---")
                .map(|r| (r.len() + 1, rest.len()))
        })
        .ok_or_else(|| {
            Diagnostic::error(
                path,
                Some(Location::new(1, 1)),
                "front matter has no closing `---` line",
            )
        })?;
    Ok((&rest[..end.0], &rest[end.1..], 4 + end.1))
}

/// Walks the top-level Markdown blocks of the body.
struct Blocks<'a> {
    lines: LineIndex<'a>,
    body: &'a str,
    offset: usize,
    path: &'a Path,
    source: &'a mut Source,
    problems: &'a mut Vec<Diagnostic>,
    in_closing: bool,
}

impl<'a> Blocks<'a> {
    fn new(
        text: &'a str,
        body: &'a str,
        offset: usize,
        path: &'a Path,
        source: &'a mut Source,
        problems: &'a mut Vec<Diagnostic>,
    ) -> Self {
        Blocks {
            lines: LineIndex::new(text),
            body,
            offset,
            path,
            source,
            problems,
            in_closing: false,
        }
    }

    fn location(&self, body_offset: usize) -> Location {
        self.lines.location(self.offset + body_offset)
    }

    fn problem(&mut self, body_offset: usize, message: impl Into<String>) {
        let location = self.location(body_offset);
        self.problems
            .push(Diagnostic::error(self.path, Some(location), message));
    }

    fn read(mut self) {
        let parser =
            Parser::new_ext(self.body, Options::ENABLE_HEADING_ATTRIBUTES).into_offset_iter();
        let mut depth = 0usize;
        for (event, range) in parser {
            match event {
                Event::Start(tag) => {
                    depth += 1;
                    if depth == 1 {
                        self.block(tag, range);
                    }
                }
                Event::End(_) => depth = depth.saturating_sub(1),
                Event::Rule => self.closing(range.start),
                _ => {}
            }
        }
    }

    fn block(&mut self, tag: Tag<'_>, range: std::ops::Range<usize>) {
        match tag {
            Tag::Heading { level, id, .. } => self.heading(level, id.map(|s| s.to_string()), range),
            Tag::Paragraph => self.paragraph(range),
            Tag::HtmlBlock => {
                let raw = self.body[range.clone()].trim();
                if !(raw.starts_with("<!--") && raw.ends_with("-->")) {
                    self.problem(
                        range.start,
                        "raw HTML is not allowed in the source; only <!-- comments -->",
                    );
                }
            }
            _ => self.problem(
                range.start,
                "only paragraphs, `## Sphere {#slug}` headings and one `* * *` break may appear in the source",
            ),
        }
    }

    fn heading(&mut self, level: HeadingLevel, id: Option<String>, range: std::ops::Range<usize>) {
        let raw = &self.body[range.clone()];
        if level != HeadingLevel::H2 {
            self.problem(
                range.start,
                "sphere headings must be level 2 (`## Heading {#slug}`)",
            );
            return;
        }
        if self.in_closing {
            self.problem(
                range.start,
                "a sphere heading after the closing `* * *` break",
            );
            return;
        }
        let Some(slug) = id else {
            self.problem(
                range.start,
                "sphere heading has no slug; end it with `{#slug}`",
            );
            return;
        };
        let text = raw
            .trim_start_matches('#')
            .trim()
            .trim_end_matches(&format!("{{#{slug}}}"))
            .trim();
        let line = self.location(range.start).line;
        let id = match UnitId::parse(&slug) {
            Ok(id) => id,
            Err(message) => {
                self.problem(range.start, message);
                return;
            }
        };
        self.source.spheres.push(Sphere {
            heading: Unit::new(id, normalize_space(text), line, UnitKind::Heading),
            paragraphs: Vec::new(),
        });
    }

    fn paragraph(&mut self, range: std::ops::Range<usize>) {
        let raw = &self.body[range.clone()];
        let (first, rest) = raw.split_once('\n').unwrap_or((raw, ""));
        let id = first
            .trim()
            .strip_prefix("{#")
            .and_then(|s| s.strip_suffix('}'));
        let Some(id) = id else {
            self.problem(
                range.start,
                "paragraph has no id; put a `{#id}` line above it",
            );
            return;
        };
        let text = normalize_space(rest);
        if text.is_empty() {
            self.problem(range.start, format!("paragraph `{id}` has no text"));
            return;
        }
        let line = self.location(range.start).line;
        let id = match UnitId::parse(id) {
            Ok(id) => id,
            Err(message) => {
                self.problem(range.start, message);
                return;
            }
        };
        let unit = Unit::new(id, text, line, UnitKind::Paragraph);
        if self.in_closing {
            self.source.closing.push(unit);
        } else if let Some(sphere) = self.source.spheres.last_mut() {
            sphere.paragraphs.push(unit);
        } else {
            self.source.preamble.push(unit);
        }
    }

    fn closing(&mut self, offset: usize) {
        if self.in_closing {
            self.problem(
                offset,
                "a second `* * *` break; only one may end the spheres",
            );
        } else if self.source.spheres.is_empty() {
            self.problem(offset, "the `* * *` break must come after the spheres");
        }
        self.in_closing = true;
    }
}

/// Ids must be unique; slugs must not collide with Tolmach's own pages.
fn check_ids(source: &Source, problems: &mut Vec<Diagnostic>) {
    let mut seen = std::collections::HashMap::new();
    for unit in source.units() {
        let at = Some(Location::new(unit.line, 1));
        if let Some(first) = seen.insert(unit.id.as_str(), unit.line) {
            problems.push(Diagnostic::error(
                &source.path,
                at,
                format!("id `{}` is used twice (first on line {first})", unit.id),
            ));
        }
    }
    for sphere in &source.spheres {
        if RESERVED_SLUGS.contains(&sphere.slug()) {
            problems.push(Diagnostic::error(
                &source.path,
                Some(Location::new(sphere.heading.line, 1)),
                format!(
                    "slug `{}` is reserved for pages Tolmach makes",
                    sphere.slug()
                ),
            ));
        }
    }
    if source.spheres.is_empty() {
        problems.push(Diagnostic::error(
            &source.path,
            None,
            "the source has no sphere (`## Heading {#slug}`)",
        ));
    }
}

/// Give every unit its position and every paragraph its number, in reading order.
fn number(source: &mut Source) {
    let mut index = 0;
    let mut paragraph = 0;
    let mut ids = std::collections::HashMap::new();
    let mut visit = |unit: &mut Unit| {
        unit.index = index;
        ids.entry(unit.id.clone()).or_insert(index);
        index += 1;
        if unit.kind == UnitKind::Paragraph {
            paragraph += 1;
            unit.number = Some(paragraph);
        }
    };
    visit(&mut source.title);
    source.preamble.iter_mut().for_each(&mut visit);
    for sphere in &mut source.spheres {
        visit(&mut sphere.heading);
        sphere.paragraphs.iter_mut().for_each(&mut visit);
    }
    source.closing.iter_mut().for_each(&mut visit);
    source.index = ids;
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "---\ntitle: Заявление\n---\n<!-- note -->\n\n{#preamble-1}\nМы,\nминистры,\n\n## В сфере {#security}\n\n{#security-1}\nТекст.\n\n* * *\n\n{#closing-1}\nКонец.\n";

    fn original() -> LangTag {
        LangTag::parse("xo").unwrap()
    }

    #[test]
    fn parses_structure_ids_lines_and_numbers() {
        let s = Source::parse(SMALL, Path::new("s.md"), &original()).unwrap();
        assert_eq!(s.title.text, "Заявление");
        assert_eq!(s.preamble[0].text, "Мы, министры,");
        assert_eq!(s.preamble[0].line, 6);
        assert_eq!(s.spheres[0].slug(), "security");
        assert_eq!(s.spheres[0].heading.text, "В сфере");
        assert_eq!(s.spheres[0].paragraphs[0].id.as_str(), "security-1");
        assert_eq!(s.closing[0].text, "Конец.");
        let ids: Vec<_> = s
            .units()
            .map(|u| (u.id.as_str(), u.number, u.index))
            .collect();
        assert_eq!(
            ids,
            [
                ("title", None, 0),
                ("preamble-1", Some(1), 1),
                ("security", None, 2),
                ("security-1", Some(2), 3),
                ("closing-1", Some(3), 4)
            ]
        );
        assert_eq!(s.unit("security-1").unwrap().index, 3);
        assert_eq!(
            s.place(s.unit("security-1").unwrap()),
            "sphere: security; paragraph 2"
        );
        assert_eq!(
            s.place(s.unit("closing-1").unwrap()),
            "closing; paragraph 3"
        );
        let parts: Vec<_> = s
            .parts()
            .map(|p| (p.name().to_string(), s.units_of(p).count()))
            .collect();
        assert_eq!(
            parts,
            [("opening".to_string(), 3), ("security".to_string(), 2)]
        );
    }

    #[test]
    fn reports_missing_ids_and_slugs_with_lines() {
        let text = "---\ntitle: T\n---\nБез id.\n\n## Сфера\n";
        let errs = Source::parse(text, Path::new("s.md"), &original()).unwrap_err();
        let shown: Vec<_> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "s.md: error: the source has no sphere (`## Heading {#slug}`)",
                "s.md:4:1: error: paragraph has no id; put a `{#id}` line above it",
                "s.md:6:1: error: sphere heading has no slug; end it with `{#slug}`",
            ]
        );
    }

    #[test]
    fn the_front_matter_language_must_be_the_original() {
        let text = SMALL.replace("title: Заявление\n", "title: Заявление\nlang: en\n");
        let errs = Source::parse(&text, Path::new("s.md"), &original()).unwrap_err();
        assert!(
            errs[0].message.contains("setting `original`"),
            "{}",
            errs[0]
        );
    }
}
