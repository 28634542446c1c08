//! Language tags: validation of folder names and the order of languages.

use unic_langid::LanguageIdentifier;

/// The language of the original.
pub const ORIGINAL: &str = "ru";

/// Names that cannot be folders on Windows, whatever BCP 47 says.
const WINDOWS_RESERVED: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Check that `tag` is a canonical BCP 47 language tag usable as a folder and URL segment.
pub fn check_tag(tag: &str) -> Result<(), String> {
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
    Ok(())
}

/// Order the languages found: the order the settings give, the original
/// first if the settings give none, then any others alphabetically.
pub fn order(found: &[String], configured: &[String]) -> Result<Vec<String>, String> {
    for lang in configured {
        if !found.contains(lang) {
            return Err(format!(
                "language `{lang}` is listed in `languages` but locales/{lang}/ does not exist"
            ));
        }
    }
    if !found.iter().any(|l| l == ORIGINAL) {
        return Err(format!(
            "locales/{ORIGINAL}/ is missing: the original's interface strings live there"
        ));
    }
    let mut out: Vec<String> = if configured.is_empty() {
        vec![ORIGINAL.to_string()]
    } else {
        configured.to_vec()
    };
    let mut rest: Vec<&String> = found.iter().filter(|l| !out.contains(l)).collect();
    rest.sort();
    out.extend(rest.into_iter().cloned());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folder_names_must_be_canonical_tags() {
        assert!(check_tag("kk").is_ok());
        assert!(check_tag("pt-BR").is_ok());
        assert_eq!(
            check_tag("../evil").unwrap_err(),
            "`../evil` is not a valid BCP 47 language tag (for example `kk` or `pt-BR`)"
        );
        assert!(check_tag("EN US").is_err());
        assert_eq!(
            check_tag("EN").unwrap_err(),
            "`EN` is not in canonical form; name the folder `en`"
        );
        assert!(
            check_tag("con")
                .unwrap_err()
                .contains("reserved device name")
        );
    }

    #[test]
    fn order_puts_configured_first_then_the_rest() {
        let found: Vec<String> = ["uz", "en", "ru", "kk"].map(String::from).to_vec();
        assert_eq!(order(&found, &[]).unwrap(), ["ru", "en", "kk", "uz"]);
        let configured: Vec<String> = ["ru", "kk"].map(String::from).to_vec();
        assert_eq!(
            order(&found, &configured).unwrap(),
            ["ru", "kk", "en", "uz"]
        );
        assert!(order(&found, &["xx".to_string()]).is_err());
    }
}
