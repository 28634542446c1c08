//! Unit ids: the stable names of the document's units, used as YAML keys,
//! HTML anchors and (for sphere headings) URL slugs.

use std::fmt;

/// A checked unit id: lowercase ASCII letters and digits joined by single
/// hyphens, at most 64 characters (`trade-2`, `title`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(transparent)]
pub struct UnitId(String);

impl UnitId {
    /// The id of the document's title, which the source holds in its front matter.
    pub const TITLE: &'static str = "title";

    /// Check `id` and make it a [`UnitId`].
    pub fn parse(id: &str) -> Result<UnitId, String> {
        if is_valid(id) {
            Ok(UnitId(id.to_string()))
        } else {
            Err(format!(
                "id `{id}` must be lowercase ASCII letters and digits joined by single hyphens"
            ))
        }
    }

    /// The title's id.
    pub(crate) fn title() -> UnitId {
        UnitId(Self::TITLE.to_string())
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `a-z0-9` words joined by single hyphens, at most 64 characters.
fn is_valid(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

impl fmt::Display for UnitId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::ops::Deref for UnitId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for UnitId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for UnitId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for UnitId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked() {
        assert!(UnitId::parse("trade-2").is_ok());
        assert!(UnitId::parse("Trade").is_err());
        assert!(UnitId::parse("../x").is_err());
        assert!(UnitId::parse("a--b").is_err());
        assert_eq!(UnitId::title().as_str(), "title");
    }
}
