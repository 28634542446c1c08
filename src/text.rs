//! Plain-text rules shared by every stage: which characters text may hold,
//! when two texts count as the same words, and how text is escaped for XML
//! and for a terminal.

use std::borrow::Cow;

/// Control characters that no text of the edition may contain: C0 and C1
/// controls and DEL, except tab and the line breaks.
pub(crate) fn is_forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Collapse runs of whitespace to one space and trim.
pub(crate) fn normalize_space(text: &str) -> String {
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
pub(crate) fn same_words(a: &str, b: &str) -> bool {
    a.split_whitespace().eq(b.split_whitespace())
}

/// A short fingerprint of a text's words (spaces and line breaks do not
/// count): the first 16 hex digits of its SHA-256. It records which text a
/// review approved and which translation an export carried.
pub(crate) fn words_hash(text: &str) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(normalize_space(text).as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}

/// Escape text for XML element content and double-quoted attributes.
pub(crate) fn escape_xml(text: &str) -> Cow<'_, str> {
    if !text.contains(['&', '<', '>', '"']) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Text safe to print on a terminal: control characters (an escape
/// sequence that retitles the window or clears the screen, a NUL) are shown
/// as `\u{1b}` instead of being sent raw. Line breaks are kept.
pub(crate) fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && c != '\n') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if c.is_control() && c != '\n' {
                    format!("\\u{{{:x}}}", c as u32)
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_is_normalised() {
        assert_eq!(normalize_space("  a \n b\t c "), "a b c");
        assert!(same_words("a  b\nc", " a b c"));
        assert!(!same_words("a b", "a bc"));
    }

    #[test]
    fn the_words_hash_ignores_spacing() {
        assert_eq!(words_hash("a  b\nc"), words_hash("a b c"));
        assert_ne!(words_hash("a b c"), words_hash("a b d"));
        assert_eq!(words_hash("").len(), 16);
    }

    #[test]
    fn escapes() {
        assert_eq!(
            escape_xml("a & <b> \"c\""),
            "a &amp; &lt;b&gt; &quot;c&quot;"
        );
        assert_eq!(printable("x\u{1b}]0;t\u{7}y\nz"), "x\\u{1b}]0;t\\u{7}y\nz");
    }
}
