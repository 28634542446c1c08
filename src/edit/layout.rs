//! Where everything is in a translation file: the byte span of every unit,
//! of every field's key and value, and of every comment, as the YAML parser
//! itself sees them (granit-parser, the parser under serde-saphyr, so the
//! editor and the loader never disagree about what the file says).

use std::ops::Range;

use granit_parser::{Event, Parser, ScalarStyle, StructureStyle};

/// How a node is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Style {
    /// Block notation (`key:` lines, `|` and `>` scalars).
    Block,
    /// Flow notation (`{a: b}`).
    Flow,
}

/// A scalar value and how it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Scalar {
    /// The bytes that hold the value, quotes and block indicator included,
    /// trailing line breaks of a block scalar excluded.
    pub(super) span: Range<usize>,
    /// Plain, quoted, literal or folded.
    pub(super) style: ScalarStyle,
    /// Whether the scalar carries an anchor (other nodes may alias it).
    pub(super) anchored: bool,
}

/// One `field: value` of a unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Field {
    /// The field's name.
    pub(super) name: String,
    /// The key's bytes.
    pub(super) key: Range<usize>,
    /// The value, if it is a scalar (units hold only scalars).
    pub(super) value: Option<Scalar>,
    /// Where the value ends (for a non-scalar value, its last byte).
    pub(super) end: usize,
}

/// One unit: `id:` and its mapping of fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct UnitLayout {
    /// The unit id, as the key says.
    pub(super) id: String,
    /// The key's bytes.
    pub(super) key: Range<usize>,
    /// Block or flow mapping; `None` if the value is not a mapping.
    pub(super) style: Option<Style>,
    /// For a flow mapping, the byte of its closing `}`.
    pub(super) close: Option<usize>,
    /// The fields in file order.
    pub(super) fields: Vec<Field>,
    /// Where the unit's value ends.
    pub(super) end: usize,
}

/// A comment: its bytes, from `#` to the end of its line (line break excluded).
pub(super) type Comment = Range<usize>;

/// The layout of a whole translation file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Layout {
    /// Block or flow notation of the top-level mapping.
    pub(super) style: Style,
    /// For a flow top-level mapping, the byte of its closing `}`.
    pub(super) close: Option<usize>,
    /// The units in file order.
    pub(super) units: Vec<UnitLayout>,
    /// Every comment in the file, in order.
    pub(super) comments: Vec<Comment>,
}

impl Layout {
    /// The unit `id`.
    pub(super) fn unit(&self, id: &str) -> Option<&UnitLayout> {
        self.units.iter().find(|u| u.id == id)
    }
}

/// What went wrong reading the layout: a byte offset and a message.
pub(super) type Problem = (usize, String);

/// Read the layout of `text`, the whole file as it is on disk.
pub(super) fn read(text: &str) -> Result<Layout, Problem> {
    let mut walk = Walk {
        text,
        events: Vec::new(),
        at: 0,
        comments: Vec::new(),
    };
    let mut parser = Parser::new_from_str(text);
    while let Some(next) = parser.next_event() {
        let (event, span) = next.map_err(|e| (offset_of(e.marker()), e.info()))?;
        let range = span.start.byte_offset().unwrap_or(0)..span.end.byte_offset().unwrap_or(0);
        match event {
            Event::Comment(..) => walk.comments.push(range),
            other => walk.events.push((other, range)),
        }
    }
    walk.document()
}

fn offset_of(marker: &granit_parser::Marker) -> usize {
    marker.byte_offset().unwrap_or(0)
}

struct Walk<'a> {
    text: &'a str,
    events: Vec<(Event<'a>, Range<usize>)>,
    at: usize,
    comments: Vec<Comment>,
}

/// A node of the tree, as far as the editor needs it.
enum Node {
    Scalar(String, Scalar),
    Mapping {
        style: Style,
        close: Option<usize>,
        entries: Vec<(Node, Node)>,
        end: usize,
    },
    Other {
        start: usize,
        end: usize,
    },
}

impl Node {
    fn end(&self) -> usize {
        match self {
            Node::Scalar(_, s) => s.span.end,
            Node::Mapping { end, .. } | Node::Other { end, .. } => *end,
        }
    }

    fn start(&self) -> usize {
        match self {
            Node::Scalar(_, s) => s.span.start,
            Node::Mapping { entries, close, .. } => entries
                .first()
                .map(|(k, _)| k.start())
                .or(*close)
                .unwrap_or(0),
            Node::Other { start, .. } => *start,
        }
    }
}

impl<'a> Walk<'a> {
    fn next(&mut self) -> Result<(Event<'a>, Range<usize>), Problem> {
        let item = self.events.get(self.at).cloned().ok_or((
            self.text.len(),
            "unexpected end of the YAML stream".to_string(),
        ))?;
        self.at += 1;
        Ok(item)
    }

    fn document(mut self) -> Result<Layout, Problem> {
        loop {
            match self.next()? {
                (Event::StreamStart, _) => {}
                (Event::DocumentStart(..), _) => break,
                (_, range) => return Err((range.start, "expected a YAML document".into())),
            }
        }
        let (event, range) = self.next()?;
        let root = self.node(event, range)?;
        if let (Event::DocumentStart(..), range) = self.next()? {
            return Err((
                range.start,
                "a translation file holds one YAML document".into(),
            ));
        }
        let Node::Mapping {
            style,
            close,
            entries,
            ..
        } = root
        else {
            return Err((
                root.start(),
                "expected a mapping of unit ids to units".into(),
            ));
        };
        let units = entries
            .into_iter()
            .map(|(key, value)| unit(key, value))
            .collect::<Result<Vec<_>, Problem>>()?;
        Ok(Layout {
            style,
            close,
            units,
            comments: self.comments,
        })
    }

    fn node(&mut self, event: Event<'a>, range: Range<usize>) -> Result<Node, Problem> {
        match event {
            Event::Scalar(value, style, anchor, _) => Ok(Node::Scalar(
                value.into_owned(),
                Scalar {
                    span: self.scalar_span(style, range),
                    style,
                    anchored: anchor != 0,
                },
            )),
            Event::MappingStart(style, ..) => self.mapping(style, range),
            Event::SequenceStart(..) => {
                let end = self.skip_collection()?;
                Ok(Node::Other {
                    start: range.start,
                    end,
                })
            }
            Event::Alias(_) | Event::UnresolvedAlias(_) => Ok(Node::Other {
                start: range.start,
                end: range.end,
            }),
            _ => Err((range.start, "unexpected YAML event".into())),
        }
    }

    fn mapping(&mut self, style: StructureStyle, start: Range<usize>) -> Result<Node, Problem> {
        let mut entries = Vec::new();
        loop {
            let (event, range) = self.next()?;
            if let Event::MappingEnd = event {
                let flow = style == StructureStyle::Flow;
                let end = if flow {
                    range.end
                } else {
                    entries
                        .last()
                        .map_or(start.end, |(_, v): &(Node, Node)| v.end())
                };
                return Ok(Node::Mapping {
                    style: if flow { Style::Flow } else { Style::Block },
                    close: flow.then_some(range.start),
                    entries,
                    end,
                });
            }
            let key = self.node(event, range)?;
            let (event, range) = self.next()?;
            let value = self.node(event, range)?;
            entries.push((key, value));
        }
    }

    /// Skip a sequence (units never hold one; its span is all the editor needs).
    fn skip_collection(&mut self) -> Result<usize, Problem> {
        let mut depth = 1usize;
        loop {
            let (event, range) = self.next()?;
            match event {
                Event::SequenceStart(..) | Event::MappingStart(..) => depth += 1,
                Event::SequenceEnd | Event::MappingEnd => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(range.end);
                    }
                }
                _ => {}
            }
        }
    }

    /// The bytes of a scalar as the editor replaces them: a block scalar
    /// from its `|` or `>` indicator to the end of its last content line.
    fn scalar_span(&self, style: ScalarStyle, range: Range<usize>) -> Range<usize> {
        if !matches!(style, ScalarStyle::Literal | ScalarStyle::Folded) {
            return range;
        }
        let before = &self.text[..range.start.min(self.text.len())];
        let indicator = before.rfind(['|', '>']).unwrap_or(range.start);
        let header_end = self.text[indicator..]
            .find(['\r', '\n'])
            .map_or(self.text.len(), |i| indicator + i);
        let content = &self.text[range.start.min(self.text.len())..range.end.min(self.text.len())];
        let trimmed = content.trim_end_matches([' ', '\t', '\r', '\n']);
        indicator..header_end.max(range.start + trimmed.len())
    }
}

/// A unit from its key and value nodes.
fn unit(key: Node, value: Node) -> Result<UnitLayout, Problem> {
    let Node::Scalar(id, key_scalar) = key else {
        return Err((key.start(), "a unit id must be a plain text key".into()));
    };
    let end = value.end();
    let (style, close, fields) = match value {
        Node::Mapping {
            style,
            close,
            entries,
            ..
        } => {
            let fields = entries
                .into_iter()
                .map(|(k, v)| match k {
                    Node::Scalar(name, key) => Ok(Field {
                        name,
                        key: key.span,
                        end: v.end(),
                        value: match v {
                            Node::Scalar(_, s) => Some(s),
                            _ => None,
                        },
                    }),
                    other => Err((other.start(), "a field name must be plain text".into())),
                })
                .collect::<Result<Vec<_>, Problem>>()?;
            (Some(style), close, fields)
        }
        _ => (None, None, Vec::new()),
    };
    Ok(UnitLayout {
        id,
        key: key_scalar.span,
        style,
        close,
        fields,
        end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_of_units_fields_and_comments() {
        let text = "# head\ntitle:  # on the key\n  source: \"Заявление\"\n  text: >-\n    long\n    text\n\nb: {source: \"Б\", text: 'B'}  # right\n";
        let layout = read(text).unwrap();
        let slice = |r: &Range<usize>| &text[r.clone()];
        assert_eq!(layout.style, Style::Block);
        let title = layout.unit("title").unwrap();
        assert_eq!(slice(&title.key), "title");
        assert_eq!(title.style, Some(Style::Block));
        let text_field = &title.fields[1];
        assert_eq!(text_field.name, "text");
        assert_eq!(
            slice(&text_field.value.as_ref().unwrap().span),
            ">-\n    long\n    text"
        );
        let b = layout.unit("b").unwrap();
        assert_eq!(b.style, Some(Style::Flow));
        assert_eq!(&text[b.close.unwrap()..=b.close.unwrap()], "}");
        assert_eq!(slice(&b.fields[1].value.as_ref().unwrap().span), "'B'");
        let comments: Vec<&str> = layout.comments.iter().map(slice).collect();
        assert_eq!(comments, ["# head", "# on the key", "# right"]);
    }
}
