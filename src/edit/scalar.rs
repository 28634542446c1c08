//! New values written the way the file already writes them: a
//! double-quoted value stays double-quoted, a single-quoted one
//! single-quoted, a block scalar stays a block scalar, a plain one plain
//! where YAML allows it. Where the old style cannot hold the new value, it
//! is double-quoted, which can hold anything on one line.

use granit_parser::ScalarStyle;

/// A YAML double-quoted scalar for `value`.
pub(crate) fn double_quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || c == '\u{feff}' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `value` written in `style` where that style can hold it exactly, at a
/// place where a block scalar's lines are indented by `indent` spaces;
/// `flow` if the value sits inside a flow mapping (`{…}`), where only
/// quoted and simple plain scalars fit. `eol` is the file's line break.
pub(super) fn render(
    value: &str,
    style: ScalarStyle,
    indent: usize,
    flow: bool,
    eol: &str,
) -> String {
    match style {
        ScalarStyle::SingleQuoted if single_line(value) => {
            format!("'{}'", value.replace('\'', "''"))
        }
        ScalarStyle::Plain if is_safe_plain(value, flow) => value.to_string(),
        ScalarStyle::Literal | ScalarStyle::Folded
            if !flow && single_line(value) && !value.is_empty() && value.trim() == value =>
        {
            let indicator = if style == ScalarStyle::Literal {
                '|'
            } else {
                '>'
            };
            format!("{indicator}-{eol}{}{value}", " ".repeat(indent))
        }
        _ => double_quoted(value),
    }
}

fn single_line(value: &str) -> bool {
    !value.contains(['\n', '\r']) && !value.chars().any(char::is_control)
}

/// Whether `value` can be written as a plain scalar and read back as the
/// same string (conservatively: no indicator at its start, no `: ` or ` #`,
/// no surrounding spaces, nothing YAML would read as another type).
fn is_safe_plain(value: &str, flow: bool) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    let reserved_start = "-?:,[]{}#&*!|>'\"%@`".contains(first);
    let specials = value.contains(": ")
        || value.contains(" #")
        || value.ends_with(':')
        || (flow && value.contains([',', '[', ']', '{', '}']));
    let typed = matches!(
        value.to_ascii_lowercase().as_str(),
        "null" | "~" | "true" | "false" | "yes" | "no" | "on" | "off" | ".nan" | ".inf" | "-.inf"
    ) || value.parse::<f64>().is_ok();
    single_line(value) && !reserved_start && !specials && !typed && value.trim() == value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_are_kept_where_they_can_hold_the_value() {
        assert_eq!(
            render("a \"b\"", ScalarStyle::DoubleQuoted, 2, false, "\n"),
            "\"a \\\"b\\\"\""
        );
        assert_eq!(
            render("it's", ScalarStyle::SingleQuoted, 2, false, "\n"),
            "'it''s'"
        );
        assert_eq!(
            render("In 2019, trade", ScalarStyle::Plain, 2, false, "\n"),
            "In 2019, trade"
        );
        assert_eq!(
            render("In 2019, trade", ScalarStyle::Plain, 2, true, "\n"),
            "\"In 2019, trade\""
        );
        assert_eq!(
            render("a: b", ScalarStyle::Plain, 2, false, "\n"),
            "\"a: b\""
        );
        assert_eq!(render("yes", ScalarStyle::Plain, 2, false, "\n"), "\"yes\"");
        assert_eq!(
            render("long text", ScalarStyle::Folded, 4, false, "\r\n"),
            ">-\r\n    long text"
        );
        assert_eq!(
            render("two\nlines", ScalarStyle::Literal, 4, false, "\n"),
            "\"two\\nlines\""
        );
        assert_eq!(render("", ScalarStyle::Plain, 2, false, "\n"), "\"\"");
    }
}
