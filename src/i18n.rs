//! Interface strings: one Fluent bundle per language. The fallback chain a
//! missing message follows (the settings' `fallback` languages, then the
//! original) is the model's; a message missing from every language in it
//! fails the build, so a page never shows a raw message id.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use fluent_syntax::ast;
use unic_langid::LanguageIdentifier;

use crate::error::{Diagnostic, Location};

/// What each message declares: its position and the variables and terms it uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MessageInfo {
    /// Where the message starts.
    pub location: Location,
    /// `$variables` it references, sorted.
    pub variables: Vec<String>,
    /// `-terms` it references, sorted.
    pub terms: Vec<String>,
}

/// The interface strings of one language.
pub struct Messages {
    /// The file, relative to the project root.
    pub path: PathBuf,
    /// Message id → what it declares (terms are listed with their leading `-`).
    pub declared: BTreeMap<String, MessageInfo>,
    bundle: FluentBundle<FluentResource>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Messages {
    /// Parse the Fluent text of `path` for the language `lang`. Syntax errors
    /// come back as diagnostics with the line and column of each.
    pub fn parse(
        text: &str,
        path: &Path,
        lang: &LanguageIdentifier,
    ) -> Result<Messages, Vec<Diagnostic>> {
        let resource = match FluentResource::try_new(text.to_string()) {
            Ok(resource) => resource,
            Err((_, errors)) => {
                return Err(errors
                    .into_iter()
                    .map(|e| {
                        Diagnostic::error(
                            path,
                            Some(Location::of_offset(text, e.pos.start)),
                            lowercase_first(&e.to_string()),
                        )
                    })
                    .collect());
            }
        };
        let declared = declarations(&resource, text);
        let mut bundle = FluentBundle::new_concurrent(vec![lang.clone()]);
        bundle.set_use_isolating(false);
        if let Err(errors) = bundle.add_resource(resource) {
            return Err(errors
                .into_iter()
                .map(|e| Diagnostic::error(path, None, lowercase_first(&e.to_string())))
                .collect());
        }
        let messages = Messages {
            path: path.to_path_buf(),
            declared,
            bundle,
        };
        messages.check_controls()?;
        Ok(messages)
    }

    /// Refuse messages whose text holds control characters (a `\u0000` escape).
    fn check_controls(&self) -> Result<(), Vec<Diagnostic>> {
        let problems: Vec<Diagnostic> = self
            .declared
            .iter()
            .filter(|(id, _)| !id.starts_with('-'))
            .filter_map(|(id, info)| {
                let text = self.format(id, &[])?;
                let c = text.chars().find(|&c| crate::text::is_forbidden_control(c))?;
                Some(Diagnostic::error(
                    &self.path,
                    Some(info.location),
                    format!(
                        "message `{id}` holds control character U+{:04X}; only tabs and line breaks may appear in text",
                        c as u32
                    ),
                ))
            })
            .collect();
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// Whether the message `id` exists.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// Format the message `id` with `args`, or `None` if it does not exist or has no value.
    pub fn format(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> Option<String> {
        let message = self.bundle.get_message(id)?;
        let pattern = message.value()?;
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        Some(text.into_owned())
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Collect the messages and terms of a resource with their positions and references.
fn declarations(resource: &FluentResource, text: &str) -> BTreeMap<String, MessageInfo> {
    let mut out = BTreeMap::new();
    for entry in resource.entries() {
        let (id, pattern, attributes) = match entry {
            ast::Entry::Message(m) => (m.id.name.to_string(), m.value.as_ref(), &m.attributes),
            ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
            _ => continue,
        };
        let mut info = MessageInfo {
            location: locate(text, &id),
            ..MessageInfo::default()
        };
        if let Some(p) = pattern {
            collect_pattern(p, &mut info);
        }
        for attribute in attributes {
            collect_pattern(&attribute.value, &mut info);
        }
        info.variables.sort();
        info.variables.dedup();
        info.terms.sort();
        info.terms.dedup();
        out.insert(id, info);
    }
    out
}

/// The position of the line that declares `id` (fluent-bundle keeps no spans).
fn locate(text: &str, id: &str) -> Location {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix(id)
            && rest.trim_start().starts_with('=')
        {
            return Location::of_offset(text, offset);
        }
        offset += line.len();
    }
    Location::new(1, 1)
}

fn collect_pattern(pattern: &ast::Pattern<&str>, info: &mut MessageInfo) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            collect_expression(expression, info);
        }
    }
}

fn collect_expression(expression: &ast::Expression<&str>, info: &mut MessageInfo) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            collect_inline(selector, info);
            for variant in variants {
                collect_pattern(&variant.value, info);
            }
        }
        ast::Expression::Inline(inline) => collect_inline(inline, info),
    }
}

fn collect_inline(inline: &ast::InlineExpression<&str>, info: &mut MessageInfo) {
    match inline {
        ast::InlineExpression::VariableReference { id } => info.variables.push(id.name.to_string()),
        ast::InlineExpression::TermReference { id, .. } => info.terms.push(format!("-{}", id.name)),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for arg in &arguments.positional {
                collect_inline(arg, info);
            }
            for arg in &arguments.named {
                collect_inline(&arg.value, info);
            }
        }
        ast::InlineExpression::Placeable { expression } => collect_expression(expression, info),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ru() -> LanguageIdentifier {
        "ru-RU".parse().unwrap()
    }

    #[test]
    fn plurals_follow_cldr() {
        let m = Messages::parse(
            "paragraphs = { $count ->\n    [one] { $count } абзац\n    [few] { $count } абзаца\n   *[many] { $count } абзацев\n}\n",
            Path::new("site.ftl"),
            &ru(),
        )
        .unwrap();
        let n = |c: i64| {
            m.format("paragraphs", &[("count", FluentValue::from(c))])
                .unwrap()
        };
        assert_eq!(
            [n(1), n(2), n(5), n(21)],
            ["1 абзац", "2 абзаца", "5 абзацев", "21 абзац"]
        );
        assert_eq!(m.declared["paragraphs"].variables, ["count"]);
    }

    #[test]
    fn syntax_errors_have_positions() {
        let errs =
            Messages::parse("ok = fine\nbroken\n", Path::new("site.ftl"), &ru()).unwrap_err();
        assert_eq!(errs[0].location, Some(Location::new(2, 7)));
        assert!(
            errs[0]
                .to_string()
                .starts_with("site.ftl:2:7: error: expected"),
            "{}",
            errs[0]
        );
    }
}
