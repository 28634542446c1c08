//! Is a file's text in the language it is labelled with? Judged by letters:
//! a Kazakh file relabelled `ky` uses ә ғ қ ұ і һ, which the Kyrgyz
//! translation never does, while the Kazakh translation uses them all. The
//! project's own translations are the reference, so any pair of languages
//! with different alphabets (Cyrillic Kazakh and Kyrgyz, Latin Turkmen and
//! Uzbek, Cyrillic and Latin) is told apart, with no table to maintain.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Language, Site};

/// At least this share of the letters (per mille) must be foreign to the
/// labelled language before the file is refused: a name or a loan word is not enough.
const FOREIGN_PER_MILLE: usize = 10;
/// ... and at least this many foreign letters in all.
const FOREIGN_MIN: usize = 5;

/// Why a file's texts do not look like `lang`, if they do not.
pub(crate) fn mismatch<'a>(
    site: &Site,
    lang: &Language,
    texts: impl Iterator<Item = &'a str> + Clone,
) -> Option<String> {
    let labelled = alphabet(site, lang);
    if labelled.is_empty() {
        return None;
    }
    let counts = letters(texts);
    let total: usize = counts.values().sum();
    let foreign = |alphabet: &BTreeSet<char>| -> usize {
        counts
            .iter()
            .filter(|(c, _)| !alphabet.contains(c))
            .map(|(_, n)| n)
            .sum()
    };
    let ours = foreign(&labelled);
    if ours < FOREIGN_MIN || ours * 1000 < total * FOREIGN_PER_MILLE {
        return None;
    }
    let (best, theirs) = site
        .languages
        .iter()
        .filter(|l| l.tag != lang.tag)
        .filter_map(|l| {
            let alphabet = alphabet(site, l);
            (!alphabet.is_empty()).then(|| (l, foreign(&alphabet)))
        })
        .min_by_key(|(_, n)| *n)?;
    if theirs * 4 > ours {
        return None;
    }
    let strange: Vec<String> = counts
        .keys()
        .filter(|c| !labelled.contains(c))
        .take(12)
        .map(char::to_string)
        .collect();
    Some(format!(
        "its texts are not in `{}`: they use letters that the `{}` translation never uses ({}), and look like `{}` ({})",
        lang.tag,
        lang.tag,
        strange.join(" "),
        best.tag,
        best.name
    ))
}

/// The lowercase letters of a language's texts in the project (translated
/// and stale units; the original's units for the original).
fn alphabet(site: &Site, lang: &Language) -> BTreeSet<char> {
    site.source
        .units()
        .filter(|u| !lang.unit(u).fallback)
        .flat_map(|u| lang.unit(u).markdown().chars())
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
        .collect()
}

/// How often each lowercase letter occurs in `texts`.
fn letters<'a>(texts: impl Iterator<Item = &'a str>) -> BTreeMap<char, usize> {
    let mut out = BTreeMap::new();
    for c in texts
        .flat_map(str::chars)
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_lowercase)
    {
        *out.entry(c).or_insert(0) += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "---\ntitle: Заявление\n---\n\n{#a}\nТекст о сотрудничестве.\n\n## Сфера {#s}\n\n{#b}\nДругой текст.\n";

    fn site() -> Site {
        crate::model::testing::site(
            SOURCE,
            &[
                (
                    "kk",
                    "a:\n  source: \"Текст о сотрудничестве.\"\n  text: \"Ынтымақтастық туралы мәтін, әріптестік және өңірлік іс-қимыл.\"\n",
                ),
                (
                    "ky",
                    "a:\n  source: \"Текст о сотрудничестве.\"\n  text: \"Кызматташтык жөнүндө текст, өнөктөштүк жана региондук аракеттешүү.\"\n",
                ),
            ],
        )
    }

    #[test]
    fn kazakh_labelled_kyrgyz_is_recognised() {
        let site = site();
        let ky = site.language("ky").unwrap();
        let kazakh = [
            "Ынтымақтастық туралы мәтін, әріптестік және өңірлік іс-қимыл. Қазақстан Республикасы.",
        ];
        let why = mismatch(&site, ky, kazakh.iter().copied()).expect("refused");
        assert!(why.contains("look like `kk`"), "{why}");
        let kyrgyz = ["Кызматташтык жөнүндө текст."];
        assert_eq!(mismatch(&site, ky, kyrgyz.iter().copied()), None);
    }
}
