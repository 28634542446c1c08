//! Inline Markdown of one unit to safe HTML: pure, no I/O.
//!
//! Translations come from many hands, so raw HTML is shown as text, images
//! become their alt text, and links survive only with an `http`, `https`,
//! `mailto` or relative target. Block syntax (a stray `# ` or `- `) is
//! flattened, because a unit is one paragraph.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Render one unit's inline Markdown to HTML without a wrapping `<p>`.
pub fn render_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut dropped_links = 0usize;
    let mut image_depth = 0usize;
    let events =
        Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH).filter_map(|event| match event {
            Event::Start(Tag::Image { .. }) => {
                image_depth += 1;
                None
            }
            Event::End(TagEnd::Image) => {
                image_depth = image_depth.saturating_sub(1);
                None
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if image_depth == 0 && is_safe_url(&dest_url) {
                    Some(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }))
                } else {
                    dropped_links += 1;
                    None
                }
            }
            Event::End(TagEnd::Link) => {
                if dropped_links > 0 {
                    dropped_links -= 1;
                    None
                } else {
                    Some(Event::End(TagEnd::Link))
                }
            }
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough)
                if image_depth > 0 =>
            {
                None
            }
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough) => Some(event),
            Event::Start(_) | Event::End(_) => None,
            Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
            Event::Code(code) => Some(Event::Code(code)),
            Event::SoftBreak | Event::HardBreak => Some(Event::Text(" ".into())),
            Event::Rule => None,
            Event::Text(_) => Some(event),
            other => Some(Event::Text(plain(&other).into())),
        });
    pulldown_cmark::html::push_html(&mut out, events);
    out.trim().to_string()
}

fn plain(event: &Event<'_>) -> String {
    match event {
        Event::FootnoteReference(s) | Event::InlineMath(s) | Event::DisplayMath(s) => s.to_string(),
        Event::TaskListMarker(_) => String::new(),
        _ => String::new(),
    }
}

/// What a link target points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LinkKind {
    /// Another site: `http:`, `https:`, or protocol-relative (`//host`,
    /// which browsers also read in `/\host` and `\\host`).
    External,
    /// `mailto:`.
    Mail,
    /// A path of this site.
    Relative,
    /// Any other scheme (`javascript:`, `data:`, ...): dropped.
    Unsafe,
}

/// Classify a link target. Whitespace and control characters are ignored,
/// as browsers ignore them.
pub(crate) fn link_kind(url: &str) -> LinkKind {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    if cleaned.starts_with("//") || cleaned.starts_with("/\\") || cleaned.starts_with('\\') {
        return LinkKind::External;
    }
    let scheme_end = cleaned.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if cleaned[i..].starts_with(':') => {
            match cleaned[..i].to_ascii_lowercase().as_str() {
                "http" | "https" => LinkKind::External,
                "mailto" => LinkKind::Mail,
                _ => LinkKind::Unsafe,
            }
        }
        _ => LinkKind::Relative,
    }
}

/// Whether a link target may appear in the output: external (`http`,
/// `https`, `//host`), `mailto`, or a relative reference with no scheme.
pub(crate) fn is_safe_url(url: &str) -> bool {
    link_kind(url) != LinkKind::Unsafe
}

/// The text of a unit without any markup, for `<title>`, descriptions and QA checks.
pub fn plain_text(text: &str) -> String {
    let mut out = String::new();
    for event in Parser::new(text) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_emphasis_render_without_a_paragraph() {
        assert_eq!(render_inline("a *b* «c» & d"), "a <em>b</em> «c» &amp; d");
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        assert_eq!(
            render_inline("x <script>alert(1)</script> <img src=x onerror=alert(1)>"),
            "x &lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;"
        );
    }

    #[test]
    fn unsafe_links_keep_only_their_text() {
        assert_eq!(render_inline("[a](javascript:alert(1))"), "a");
        assert_eq!(render_inline("[a](JaVaScRiPt:alert(1))"), "a");
        assert_eq!(render_inline("[a](&#x6A;avascript:alert(1))"), "a");
        assert_eq!(render_inline("[a](<java\u{0}script:alert(1)>)"), "a");
        assert_eq!(render_inline("[a](data:text/html,x)"), "a");
        assert_eq!(
            render_inline("[a](https://un.org)"),
            "<a href=\"https://un.org\">a</a>"
        );
        assert_eq!(render_inline("![alt](x.png)"), "alt");
    }

    #[test]
    fn block_syntax_is_flattened() {
        assert_eq!(render_inline("# Title"), "Title");
        assert_eq!(render_inline("- item"), "item");
    }

    #[test]
    fn url_schemes() {
        assert!(is_safe_url("../en/trade/"));
        assert!(is_safe_url("mailto:a@b.c"));
        assert!(!is_safe_url("vbscript:x"));
        assert!(!is_safe_url(" javascript:x"));
    }

    #[test]
    fn protocol_relative_links_are_external() {
        assert_eq!(link_kind("//evil.example"), LinkKind::External);
        assert_eq!(link_kind(" //evil.example/x"), LinkKind::External);
        assert_eq!(link_kind("/\\evil.example"), LinkKind::External);
        assert_eq!(link_kind("\\\\evil.example"), LinkKind::External);
        assert_eq!(link_kind("HTTPS://un.org"), LinkKind::External);
        assert_eq!(link_kind("../en/"), LinkKind::Relative);
        assert_eq!(link_kind("/en/"), LinkKind::Relative);
        assert_eq!(link_kind("mailto:a@b.c"), LinkKind::Mail);
        assert_eq!(link_kind("data:x"), LinkKind::Unsafe);
    }
}
