//! Project settings: `tolmach.yaml` at the project root, each value overridable from the command line.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Diagnostic, Error, Location, Result};
use crate::lang::LangTag;

/// The language of the original unless the settings say otherwise.
const DEFAULT_ORIGINAL: &str = "ru";
/// The languages whose interface strings stand in for a missing message,
/// before the original's, unless the settings say otherwise.
const DEFAULT_FALLBACK: &[&str] = &["en"];

/// What `tolmach.yaml` may contain. Every field is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    base_url: Option<String>,
    original: Option<String>,
    languages: Option<Vec<String>>,
    fallback: Option<Vec<String>>,
    theme: Option<String>,
    output: Option<PathBuf>,
    offline: Option<bool>,
    parallel: Option<bool>,
    max_file_mib: Option<u64>,
    max_output_mib: Option<u64>,
    publish: Option<Publish>,
}

/// When a language is published: the shares of its units that must be
/// translated and reviewed (percentages, 0 to 100).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publish {
    /// At least this share translated from the current original.
    #[serde(default)]
    pub min_translated: u32,
    /// At least this share reviewed or approved.
    #[serde(default)]
    pub min_reviewed: u32,
}

const FIELDS: &[&str] = &[
    "base_url",
    "original",
    "languages",
    "fallback",
    "theme",
    "output",
    "offline",
    "parallel",
    "max_file_mib",
    "max_output_mib",
    "publish",
];

/// Settings after the file and the command line are merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The absolute address the site is published at, ending in `/`, if known.
    pub base_url: Option<String>,
    /// The language of the original document (its authentic text).
    pub original: LangTag,
    /// The order of the languages; the original comes first unless listed otherwise.
    pub languages: Vec<LangTag>,
    /// Where a missing interface message is looked for, in order, before the original.
    pub fallback: Vec<LangTag>,
    /// The theme folder under `themes/`.
    pub theme: String,
    /// The output folder, relative to the project root unless absolute.
    pub output: PathBuf,
    /// Links end in `index.html` so the site can be read from `file://`.
    pub offline: bool,
    /// Make the parallel pages for every pair of languages.
    pub parallel: bool,
    /// Files larger than this many MiB are refused before they are read.
    pub max_file_mib: u64,
    /// The most HTML a build may write, in MiB; `None`: 50 times the
    /// input, at least 64 MiB (see [`Settings::output_budget`]).
    pub max_output_mib: Option<u64>,
    /// The thresholds a language must meet to be published.
    pub publish: Publish,
    /// Build languages that are not published too (`--drafts`), for preview.
    pub drafts: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            base_url: None,
            original: LangTag::parse(DEFAULT_ORIGINAL)
                .expect("the default original is a valid tag"),
            languages: Vec::new(),
            fallback: DEFAULT_FALLBACK
                .iter()
                .map(|t| LangTag::parse(t).expect("the default fallback is a valid tag"))
                .collect(),
            theme: "default".into(),
            output: PathBuf::from("public"),
            offline: false,
            parallel: true,
            max_file_mib: 8,
            max_output_mib: None,
            publish: Publish::default(),
            drafts: false,
        }
    }
}

/// Values given on the command line; each wins over the file.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// `--base-url`
    pub base_url: Option<String>,
    /// `--languages ru,en,...`
    pub languages: Option<Vec<String>>,
    /// `--theme`
    pub theme: Option<String>,
    /// `--out`
    pub output: Option<PathBuf>,
    /// `--offline`
    pub offline: bool,
    /// `--no-parallel` (`Some(false)`)
    pub parallel: Option<bool>,
    /// `--max-file-mib`
    pub max_file_mib: Option<u64>,
    /// `--max-output-mib`
    pub max_output_mib: Option<u64>,
    /// `--drafts`
    pub drafts: bool,
}

impl Settings {
    /// Read the settings from the file's text (named `path` in messages),
    /// then apply the command line's overrides.
    pub(crate) fn parse(text: Option<&str>, path: &Path, overrides: Overrides) -> Result<Settings> {
        let file: File = match text {
            Some(text) if !text.trim().is_empty() => {
                crate::yaml::parse(text, path, 1).map_err(|d| Error::at(suggest(d)))?
            }
            _ => File::default(),
        };
        let mut settings = Settings::default();
        let tag = |value: &str, field: &str| {
            LangTag::parse(value).map_err(|message| {
                Error::at(Diagnostic::error(
                    path,
                    text.and_then(|t| field_location(t, field)),
                    format!("`{field}`: {message}"),
                ))
            })
        };
        if let Some(original) = &file.original {
            settings.original = tag(original, "original")?;
        }
        if let Some(fallback) = &file.fallback {
            settings.fallback = fallback
                .iter()
                .map(|t| tag(t, "fallback"))
                .collect::<Result<_>>()?;
        }
        let languages = overrides.languages.clone().or(file.languages.clone());
        if let Some(languages) = languages {
            settings.languages = languages
                .iter()
                .map(|t| tag(t, "languages"))
                .collect::<Result<_>>()?;
        }
        settings.base_url = file.base_url;
        settings.theme = file.theme.unwrap_or(settings.theme);
        settings.output = file.output.unwrap_or(settings.output);
        settings.offline = file.offline.unwrap_or(false);
        settings.parallel = file.parallel.unwrap_or(true);
        settings.max_file_mib = file.max_file_mib.unwrap_or(settings.max_file_mib);
        settings.max_output_mib = file.max_output_mib;
        settings.publish = file.publish.unwrap_or_default();
        settings.apply(overrides);
        settings.validate(path)?;
        Ok(settings)
    }

    /// Apply command-line overrides on top of the file's values.
    fn apply(&mut self, overrides: Overrides) {
        if let Some(url) = overrides.base_url {
            self.base_url = Some(url);
        }
        if let Some(theme) = overrides.theme {
            self.theme = theme;
        }
        if let Some(output) = overrides.output {
            self.output = output;
        }
        self.offline |= overrides.offline;
        if let Some(parallel) = overrides.parallel {
            self.parallel = parallel;
        }
        if let Some(mib) = overrides.max_file_mib {
            self.max_file_mib = mib;
        }
        if let Some(mib) = overrides.max_output_mib {
            self.max_output_mib = Some(mib);
        }
        self.drafts |= overrides.drafts;
        if let Some(url) = &mut self.base_url {
            if url.is_empty() {
                self.base_url = None;
            } else if !url.ends_with('/') {
                url.push('/');
            }
        }
    }

    /// The most bytes of HTML and EPUB a build may write: `max_output_mib`, or by
    /// default 50 times `input_bytes` (everything the build read), at least
    /// 64 MiB. A site past it is refused before it replaces the old one.
    pub(crate) fn output_budget(&self, input_bytes: u64) -> u64 {
        const MIB: u64 = 1024 * 1024;
        match self.max_output_mib {
            Some(mib) => mib.saturating_mul(MIB),
            None => input_bytes.saturating_mul(50).max(64 * MIB),
        }
    }

    /// Check values that YAML types cannot.
    fn validate(&self, path: &Path) -> Result<()> {
        if let Some(url) = &self.base_url {
            check_base_url(url).map_err(|why| {
                let shown: String = url.escape_debug().collect();
                Error::at(Diagnostic::error(
                    path,
                    None,
                    format!("base_url `{shown}` {why}"),
                ))
            })?;
        }
        for (name, value) in [
            ("min_translated", self.publish.min_translated),
            ("min_reviewed", self.publish.min_reviewed),
        ] {
            if value > 100 {
                return Err(Error::at(Diagnostic::error(
                    path,
                    None,
                    format!("publish.{name} is a percentage: 0 to 100, not {value}"),
                )));
            }
        }
        if self.theme.is_empty()
            || !self
                .theme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Err(Error::at(Diagnostic::error(
                path,
                None,
                format!("theme `{}` must be a plain folder name", self.theme),
            )));
        }
        Ok(())
    }

    /// The output folder as a path from the current directory.
    pub(crate) fn output_in(&self, root: &Path) -> PathBuf {
        if self.output.is_absolute() {
            self.output.clone()
        } else {
            root.join(&self.output)
        }
    }
}

/// The line of a top-level `field:` in the settings text.
fn field_location(text: &str, field: &str) -> Option<Location> {
    text.lines()
        .position(|l| l.starts_with(field) && l[field.len()..].trim_start().starts_with(':'))
        .map(|i| Location::new(i + 1, 1))
}

/// Why `url` cannot be the site's address, if it cannot: it must be an
/// absolute `http(s)` URL with a host, written exactly as the `url` crate
/// reads it back, with no whitespace or control characters (which would
/// otherwise reach `robots.txt` and `sitemap.xml` as new lines).
fn check_base_url(url: &str) -> std::result::Result<(), String> {
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("must not contain spaces, line breaks or control characters".into());
    }
    let parsed = url::Url::parse(url).map_err(|e| format!("is not an absolute URL ({e})"))?;
    if !matches!(parsed.scheme(), "https" | "http") {
        return Err("must start with https:// or http://".into());
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err("has no host".into());
    }
    if parsed.query().is_some() || parsed.fragment().is_some() || !parsed.username().is_empty() {
        return Err("must not have a query, a fragment or a user name".into());
    }
    if parsed.as_str() != url {
        return Err(format!(
            "is not written in its plain form; write `{}`",
            parsed.as_str()
        ));
    }
    Ok(())
}

/// Add a "did you mean" to an unknown-field message.
fn suggest(mut d: Diagnostic) -> Diagnostic {
    if let Some((name, near)) = crate::yaml::unknown_field(&d.message, FIELDS) {
        d.message = match near {
            Some(known) => format!("unknown setting `{name}`; did you mean `{known}`?"),
            None => format!(
                "unknown setting `{name}`; known settings: {}",
                FIELDS.join(", ")
            ),
        };
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, overrides: Overrides) -> Result<Settings> {
        Settings::parse(Some(text), Path::new("tolmach.yaml"), overrides)
    }

    #[test]
    fn file_values_and_overrides_merge() {
        let s = parse(
            "base_url: https://example.org/x\nlanguages: [xo, en]\noriginal: xo\n",
            Overrides {
                theme: Some("plain".into()),
                ..Overrides::default()
            },
        )
        .unwrap();
        assert_eq!(s.base_url.as_deref(), Some("https://example.org/x/"));
        assert_eq!(s.theme, "plain");
        assert_eq!(
            s.languages,
            [LangTag::parse("xo").unwrap(), LangTag::parse("en").unwrap()]
        );
        assert_eq!(s.original.as_str(), "xo");
        assert_eq!(s.fallback, [LangTag::parse("en").unwrap()]);
    }

    #[test]
    fn base_urls_are_parsed_and_injections_refused() {
        let check = |url: &str| {
            let mut s = Settings::default();
            s.apply(Overrides {
                base_url: Some(url.into()),
                ..Overrides::default()
            });
            s.validate(Path::new("tolmach.yaml"))
                .map(|()| s.base_url.unwrap_or_default())
                .map_err(|e| e.to_string())
        };
        assert_eq!(
            check("https://example.org/x").unwrap(),
            "https://example.org/x/"
        );
        assert_eq!(check("http://example.org").unwrap(), "http://example.org/");
        let err = check("https://example.org/\nDisallow: /").unwrap_err();
        assert_eq!(
            err,
            "tolmach.yaml: error: base_url `https://example.org/\\nDisallow: /` must not contain spaces, line breaks or control characters"
        );
        assert!(
            check("ftp://example.org/")
                .unwrap_err()
                .contains("https://")
        );
        assert!(check("https:///x").is_err());
        assert!(check("https://a.org/?q=1").is_err());
        assert!(
            check("https://EXAMPLE.org/")
                .unwrap_err()
                .contains("https://example.org/")
        );
    }

    #[test]
    fn unknown_settings_get_a_suggestion() {
        let err = parse("langauges: [en]\n", Overrides::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "tolmach.yaml:1:1: error: unknown setting `langauges`; did you mean `languages`?"
        );
    }

    #[test]
    fn language_tags_are_checked_where_they_are_written() {
        let err = parse("theme: default\noriginal: Xx\n", Overrides::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "tolmach.yaml:2:1: error: `original`: `Xx` is not in canonical form; name the folder `xx`"
        );
    }
}
