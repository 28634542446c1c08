//! Plain-text rules shared by every stage: which characters text may hold,
//! when two texts count as the same words, and how text is escaped for XML
//! and for a terminal.

use std::borrow::Cow;

/// Control characters that no text of the edition may contain: C0 and C1
/// controls and DEL, except tab and the line breaks.
pub(crate) fn is_forbidden_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// Whether UTF-8 `bytes` may hold a character [`is_forbidden_control`]
/// refuses (a C0 control other than a line break, DEL, a C1 control: U+0080
/// to U+009F, `C2 80` to `C2 9F` in UTF-8) or, with `tabs`, a tab. Blocks of bytes
/// are first screened by a test the compiler vectorises (a `C2` also
/// starts `«`, `»` and the no-break space, so it only marks a block to
/// look at); decoding every character would cost several times more.
pub(crate) fn may_hold_forbidden(bytes: &[u8], tabs: bool) -> bool {
    const BLOCK: usize = 64;
    let suspect = |b: u8| {
        (b < 0x20 && b != b'\n' && b != b'\r' && (tabs || b != b'\t')) | (b == 0x7F) | (b == 0xC2)
    };
    let refused_at = |i: usize| match bytes[i] {
        b'\n' | b'\r' => false,
        b'\t' => tabs,
        0..=0x1F | 0x7F => true,
        0xC2 => bytes
            .get(i + 1)
            .is_some_and(|next| (0x80..=0x9F).contains(next)),
        _ => false,
    };
    bytes.chunks(BLOCK).enumerate().any(|(n, block)| {
        block.iter().fold(false, |any, &b| any | suspect(b))
            && (n * BLOCK..n * BLOCK + block.len()).any(refused_at)
    })
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
    fn the_byte_scan_finds_every_forbidden_character() {
        // Every character of one and two bytes, alone and in a Cyrillic text.
        for c in (0..0x800).filter_map(char::from_u32) {
            for tabs in [false, true] {
                let refused = is_forbidden_control(c) || (tabs && c == '\t');
                // The last one with `c` across the screened blocks' edge (byte 63).
                let across = format!("x{}{c}", "а".repeat(31));
                for text in [c.to_string(), format!("«Душа{c}Евразии»"), across] {
                    assert_eq!(
                        may_hold_forbidden(text.as_bytes(), tabs),
                        refused,
                        "U+{:04X} in {text:?}, tabs refused: {tabs}",
                        c as u32
                    );
                }
            }
        }
    }

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
