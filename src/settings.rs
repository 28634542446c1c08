//! Project settings: `tolmach.yaml` at the project root, each value overridable from the command line.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Diagnostic, Error, Result};

/// The name of the settings file at the project root.
pub const FILE_NAME: &str = "tolmach.yaml";

/// What `tolmach.yaml` may contain. Every field is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    base_url: Option<String>,
    languages: Option<Vec<String>>,
    theme: Option<String>,
    output: Option<PathBuf>,
    offline: Option<bool>,
    parallel: Option<bool>,
    max_file_mib: Option<u64>,
    max_output_mib: Option<u64>,
}

const FIELDS: &[&str] = &[
    "base_url",
    "languages",
    "theme",
    "output",
    "offline",
    "parallel",
    "max_file_mib",
    "max_output_mib",
];

/// Settings after the file and the command line are merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// The absolute address the site is published at, ending in `/`, if known.
    pub base_url: Option<String>,
    /// The order of the languages; the original comes first.
    pub languages: Vec<String>,
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
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            base_url: None,
            languages: Vec::new(),
            theme: "default".into(),
            output: PathBuf::from("public"),
            offline: false,
            parallel: true,
            max_file_mib: 8,
            max_output_mib: None,
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
}

impl Settings {
    /// Parse the settings file text (named `path` in messages).
    pub fn parse(text: &str, path: &Path) -> Result<Settings> {
        if text.trim().is_empty() {
            return Ok(Settings::default());
        }
        let file: File = crate::yaml::parse(text, path, 1).map_err(|d| Error::at(suggest(d)))?;
        let mut settings = Settings::default();
        settings.apply(Overrides {
            base_url: file.base_url,
            languages: file.languages,
            theme: file.theme,
            output: file.output,
            offline: file.offline.unwrap_or(false),
            parallel: file.parallel,
            max_file_mib: file.max_file_mib,
            max_output_mib: file.max_output_mib,
        });
        settings.validate(path)?;
        Ok(settings)
    }

    /// Apply command-line overrides on top of the file's values.
    pub fn apply(&mut self, overrides: Overrides) {
        if let Some(url) = overrides.base_url {
            self.base_url = Some(url);
        }
        if let Some(languages) = overrides.languages {
            self.languages = languages;
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
        if let Some(url) = &mut self.base_url {
            if url.is_empty() {
                self.base_url = None;
            } else if !url.ends_with('/') {
                url.push('/');
            }
        }
    }

    /// The most bytes of HTML a build may write: `max_output_mib`, or by
    /// default 50 times `input_bytes` (everything the build read), at least
    /// 64 MiB. A site past it is refused before it replaces the old one.
    pub fn output_budget(&self, input_bytes: u64) -> u64 {
        const MIB: u64 = 1024 * 1024;
        match self.max_output_mib {
            Some(mib) => mib.saturating_mul(MIB),
            None => input_bytes.saturating_mul(50).max(64 * MIB),
        }
    }

    /// Check values that YAML types cannot.
    pub fn validate(&self, path: &Path) -> Result<()> {
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

    #[test]
    fn file_values_and_overrides_merge() {
        let mut s = Settings::parse(
            "base_url: https://example.org/x\nlanguages: [ru, en]\n",
            Path::new("tolmach.yaml"),
        )
        .unwrap();
        assert_eq!(s.base_url.as_deref(), Some("https://example.org/x/"));
        s.apply(Overrides {
            theme: Some("plain".into()),
            ..Overrides::default()
        });
        assert_eq!(s.theme, "plain");
        assert_eq!(s.languages, ["ru", "en"]);
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
        let err = Settings::parse("langauges: [ru]\n", Path::new("tolmach.yaml")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "tolmach.yaml:1:1: error: unknown setting `langauges`; did you mean `languages`?"
        );
    }
}
