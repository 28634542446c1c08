//! Language tags: the checked [`LangTag`] every stage uses, and the order of
//! the languages on the site.

use std::fmt;

use unic_langid::LanguageIdentifier;

/// A canonical BCP 47 language tag that is safe as a folder name and a URL
/// segment (`kk`, `pt-BR`). Made only through [`LangTag::parse`].
#[derive(
    Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct LangTag(String);

/// Names that cannot be folders on Windows, whatever BCP 47 says.
const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

impl LangTag {
    /// Check that `tag` is a canonical BCP 47 tag usable as a folder and URL segment.
    pub fn parse(tag: &str) -> Result<LangTag, String> {
        let parsed: LanguageIdentifier = tag.parse().map_err(|_| {
            format!("`{tag}` is not a valid BCP 47 language tag (for example `kk` or `pt-BR`)")
        })?;
        let canonical = parsed.to_string();
        if canonical != tag {
            return Err(format!(
                "`{tag}` is not in canonical form; name the folder `{canonical}`"
            ));
        }
        if parsed.language.is_empty() {
            return Err(format!("`{tag}` has no language subtag"));
        }
        if WINDOWS_RESERVED.contains(&tag.to_ascii_lowercase().as_str()) {
            return Err(format!(
                "`{tag}` is a reserved device name on Windows and cannot be a language folder"
            ));
        }
        Ok(LangTag(canonical))
    }

    /// The tag as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The tag as a Unicode language identifier (for plural rules).
    pub(crate) fn identifier(&self) -> LanguageIdentifier {
        self.0
            .parse()
            .expect("a LangTag is a valid language identifier by construction")
    }

    /// The primary language subtag (`kk` of `kk-Cyrl-KZ`).
    pub(crate) fn language(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }
}

impl fmt::Display for LangTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::ops::Deref for LangTag {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for LangTag {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for LangTag {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for LangTag {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for LangTag {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// Order the languages found: the order the settings give, the original
/// first if the settings give none, then any others alphabetically.
pub(crate) fn order(
    found: &[LangTag],
    configured: &[LangTag],
    original: &LangTag,
) -> Result<Vec<LangTag>, String> {
    for lang in configured {
        if !found.contains(lang) {
            return Err(format!(
                "language `{lang}` is listed in `languages` but locales/{lang}/ does not exist"
            ));
        }
    }
    if !found.contains(original) {
        return Err(format!(
            "locales/{original}/ is missing: the original's interface strings live there"
        ));
    }
    let mut out: Vec<LangTag> = if configured.is_empty() {
        vec![original.clone()]
    } else {
        configured.to_vec()
    };
    let mut rest: Vec<&LangTag> = found.iter().filter(|l| !out.contains(l)).collect();
    rest.sort();
    out.extend(rest.into_iter().cloned());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(list: &[&str]) -> Vec<LangTag> {
        list.iter().map(|t| LangTag::parse(t).unwrap()).collect()
    }

    #[test]
    fn folder_names_must_be_canonical_tags() {
        assert!(LangTag::parse("kk").is_ok());
        assert!(LangTag::parse("pt-BR").is_ok());
        assert_eq!(
            LangTag::parse("../evil").unwrap_err(),
            "`../evil` is not a valid BCP 47 language tag (for example `kk` or `pt-BR`)"
        );
        assert!(LangTag::parse("EN US").is_err());
        assert_eq!(
            LangTag::parse("EN").unwrap_err(),
            "`EN` is not in canonical form; name the folder `en`"
        );
        assert!(
            LangTag::parse("con")
                .unwrap_err()
                .contains("reserved device name")
        );
        assert_eq!(LangTag::parse("kk-Cyrl-KZ").unwrap().language(), "kk");
    }

    #[test]
    fn order_puts_configured_first_then_the_rest() {
        let found = tags(&["uz", "en", "xo", "kk"]);
        let original = LangTag::parse("xo").unwrap();
        assert_eq!(
            order(&found, &[], &original).unwrap(),
            tags(&["xo", "en", "kk", "uz"])
        );
        assert_eq!(
            order(&found, &tags(&["xo", "kk"]), &original).unwrap(),
            tags(&["xo", "kk", "en", "uz"])
        );
        assert!(order(&found, &tags(&["xx"]), &original).is_err());
    }
}
