//! The Russian original: `sources/statement.md` parsed into title, preamble, spheres and closing.
//!
//! The file is Markdown with YAML front matter. Each paragraph is preceded by
//! a `{#id}` line; each sphere is a `## Heading {#slug}`; a thematic break
//! (`* * *`) starts the closing paragraphs. Ids never change once published:
//! they key the translations and become anchors and URLs.

use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag};
use serde::Deserialize;

use crate::error::{Diagnostic, LineIndex, Location};

/// The front matter: only what the document itself states.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    lang: Option<String>,
}

/// One translatable piece of the original: the title, a heading or a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// Stable id, used as YAML key, HTML id and (for headings) URL slug.
    pub id: String,
    /// The Russian text, inline Markdown on one line.
    pub text: String,
    /// Where the unit starts in the source file.
    pub line: usize,
}

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
        &self.heading.id
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
}

/// Slugs that would collide with the pages Tolmach makes itself.
pub const RESERVED_SLUGS: &[&str] = &["full", "parallel", "status", "theme", "download"];

impl Source {
    /// Every unit in reading order: title, preamble, each heading followed by its paragraphs, closing.
    pub fn units(&self) -> impl Iterator<Item = &Unit> {
        std::iter::once(&self.title)
            .chain(&self.preamble)
            .chain(
                self.spheres
                    .iter()
                    .flat_map(|s| std::iter::once(&s.heading).chain(&s.paragraphs)),
            )
            .chain(&self.closing)
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
        self.units().find(|u| u.id == id)
    }

    /// Parse the text of the source file `path`.
    pub fn parse(text: &str, path: &Path) -> Result<Source, Vec<Diagnostic>> {
        let mut problems = Vec::new();
        let (front, body, body_offset) = split_front_matter(text, path).map_err(|d| vec![d])?;
        let front: FrontMatter = crate::yaml::parse(front, path, 2).map_err(|d| vec![d])?;
        if let Some(lang) = &front.lang
            && lang != "ru"
        {
            problems.push(Diagnostic::error(
                path,
                Some(Location::new(2, 1)),
                format!("the original must be Russian (`lang: ru`), not `{lang}`"),
            ));
        }
        let title = Unit {
            id: "title".into(),
            text: normalize_space(&front.title),
            line: 2,
        };
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
        };
        Blocks::new(text, body, body_offset, path, &mut source, &mut problems).read();
        check_ids(&source, &mut problems);
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

/// Collapse runs of whitespace to one space and trim.
pub fn normalize_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whether two texts are equal once whitespace is normalised, without allocating.
pub fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
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
        self.source.spheres.push(Sphere {
            heading: Unit {
                id: slug,
                text: normalize_space(text),
                line,
            },
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
        let unit = Unit {
            id: id.to_string(),
            text,
            line,
        };
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

/// Ids must be unique and safe as anchors; slugs also as folder names.
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
        if !is_valid_id(&unit.id) {
            problems.push(Diagnostic::error(
                &source.path,
                at,
                format!(
                    "id `{}` must be lowercase ASCII letters and digits joined by single hyphens",
                    unit.id
                ),
            ));
        }
    }
    for sphere in &source.spheres {
        if RESERVED_SLUGS.contains(&sphere.slug()) || sphere.slug() == "title" {
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

/// `a-z0-9` words joined by single hyphens, at most 64 characters.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = "---\ntitle: Заявление\n---\n<!-- note -->\n\n{#preamble-1}\nМы,\nминистры,\n\n## В сфере {#security}\n\n{#security-1}\nТекст.\n\n* * *\n\n{#closing-1}\nКонец.\n";

    #[test]
    fn parses_structure_ids_and_lines() {
        let s = Source::parse(SMALL, Path::new("s.md")).unwrap();
        assert_eq!(s.title.text, "Заявление");
        assert_eq!(s.preamble[0].text, "Мы, министры,");
        assert_eq!(s.preamble[0].line, 6);
        assert_eq!(s.spheres[0].slug(), "security");
        assert_eq!(s.spheres[0].heading.text, "В сфере");
        assert_eq!(s.spheres[0].paragraphs[0].id, "security-1");
        assert_eq!(s.closing[0].text, "Конец.");
        let ids: Vec<_> = s.units().map(|u| u.id.as_str()).collect();
        assert_eq!(
            ids,
            ["title", "preamble-1", "security", "security-1", "closing-1"]
        );
    }

    #[test]
    fn reports_missing_ids_and_slugs_with_lines() {
        let text = "---\ntitle: T\n---\nБез id.\n\n## Сфера\n";
        let errs = Source::parse(text, Path::new("s.md")).unwrap_err();
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
    fn whitespace_is_normalised() {
        assert_eq!(normalize_space("  a \n b\t c "), "a b c");
        assert!(same_words("a  b\nc", " a b c"));
        assert!(!same_words("a b", "a bc"));
    }

    #[test]
    fn ids_are_checked() {
        assert!(is_valid_id("trade-2"));
        assert!(!is_valid_id("Trade"));
        assert!(!is_valid_id("../x"));
        assert!(!is_valid_id("a--b"));
    }
}
