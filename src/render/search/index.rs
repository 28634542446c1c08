//! One language's search index: the paragraphs as plain text, a
//! vocabulary of every folded word form, and per stem (or per form, in a
//! language matched by prefix) the paragraphs that contain it.
//!
//! The browser needs no stemmer: a query word found in the vocabulary
//! takes its stem's paragraphs; any word is also matched as a prefix of the
//! vocabulary's forms. See `themes/default/static/theme/search.js`.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::fold::{Folding, Matching};
use crate::render::output::{Body, PieceWriter};

/// One paragraph as the index holds it.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub(crate) struct Doc {
    /// The unit's id: the anchor on its page, the same in every language.
    pub(crate) id: String,
    /// Its paragraph number.
    pub(crate) number: usize,
    /// Its sphere's position in [`SearchIndex::spheres`]; none for the
    /// preamble and the closing, which the language's index page shows.
    pub(crate) sphere: Option<usize>,
    /// The text as plain text, in the language it is shown in.
    pub(crate) text: String,
}

/// A sphere: its slug (its page's folder) and its heading in the language.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub(crate) struct SphereEntry {
    pub(crate) slug: String,
    pub(crate) heading: String,
}

/// The index of one language, serialised as the payload of `search/<lang>.js`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub(crate) struct SearchIndex {
    /// The language's tag.
    pub(crate) lang: String,
    /// `stem` or `prefix`.
    pub(crate) matching: String,
    /// The fold table: pairs of characters, each first searched as the second.
    pub(crate) fold: String,
    /// Cyrillic letters and their Latin look-alikes, in pairs.
    pub(crate) homoglyphs: String,
    /// Whether apostrophes inside a word belong to it.
    pub(crate) apostrophes: bool,
    pub(crate) spheres: Vec<SphereEntry>,
    pub(crate) docs: Vec<Doc>,
    /// Every folded word form → its entry in `postings`.
    pub(crate) words: BTreeMap<String, usize>,
    /// The stems, in the order of `postings` (empty without a stemmer,
    /// where each form is its own entry).
    pub(crate) stems: Vec<String>,
    /// Per stem (or form), the positions in `docs` of the paragraphs that
    /// contain it (as `u32`: half the memory of a large index's postings).
    pub(crate) postings: Vec<Vec<u32>>,
}

impl SearchIndex {
    /// The index of `docs` in language `lang` (its primary subtag gives the rules).
    pub(crate) fn build(
        lang: &str,
        primary: &str,
        spheres: Vec<SphereEntry>,
        docs: Vec<Doc>,
    ) -> SearchIndex {
        let folding = Folding::of(primary);
        let stemmer = folding.stemmer();
        // Ids in the order stems are first met; sorted once at the end.
        let mut stem_of_form: HashMap<String, usize> = HashMap::new();
        let mut stem_ids: HashMap<String, usize> = HashMap::new();
        let mut stems: Vec<String> = Vec::new();
        let mut docs_of: Vec<Vec<u32>> = Vec::new();
        for (i, doc) in (0u32..).zip(&docs) {
            folding.each_word(&doc.text, |word| {
                let id = match stem_of_form.get(word) {
                    Some(&id) => id,
                    None => {
                        let stem = folding.stem(stemmer.as_ref(), word);
                        let id = *stem_ids.entry(stem).or_insert_with_key(|stem| {
                            stems.push(stem.clone());
                            docs_of.push(Vec::new());
                            stems.len() - 1
                        });
                        stem_of_form.insert(word.to_string(), id);
                        id
                    }
                };
                // Documents come in order: a repeat is the last one.
                if docs_of[id].last() != Some(&i) {
                    docs_of[id].push(i);
                }
            });
        }
        let mut order: Vec<usize> = (0..stems.len()).collect();
        order.sort_unstable_by(|&a, &b| stems[a].cmp(&stems[b]));
        let mut position = vec![0; stems.len()];
        for (rank, &id) in order.iter().enumerate() {
            position[id] = rank;
        }
        let words = stem_of_form
            .into_iter()
            .map(|(form, id)| (form, position[id]))
            .collect();
        let stemmed = matches!(folding.matching, Matching::Stem(_));
        SearchIndex {
            lang: lang.to_string(),
            matching: if stemmed { "stem" } else { "prefix" }.into(),
            fold: folding.table.clone(),
            homoglyphs: super::fold::HOMOGLYPHS.into(),
            apostrophes: folding.apostrophes,
            spheres,
            docs,
            words,
            stems: if stemmed {
                order.iter().map(|&id| stems[id].clone()).collect()
            } else {
                Vec::new()
            },
            postings: order
                .iter()
                .map(|&id| std::mem::take(&mut docs_of[id]))
                .collect(),
        }
    }

    /// The paragraphs (positions in `docs`) that contain every word of
    /// `query`, as the browser finds them: a word in the vocabulary takes
    /// its stem's paragraphs, and every word matches the forms it begins.
    /// Used by the tests to read an index back; the browser's own search is
    /// `search.js`.
    #[cfg(test)]
    pub(crate) fn search(&self, primary: &str, query: &str) -> Vec<usize> {
        use std::collections::BTreeSet;
        let folding = Folding::of(primary);
        let mut result: Option<BTreeSet<usize>> = None;
        for word in folding.words(query) {
            let mut found = BTreeSet::new();
            for (form, &entry) in &self.words {
                if form.starts_with(&word) {
                    found.extend(self.postings[entry].iter().map(|&d| d as usize));
                }
            }
            result = Some(match result {
                None => found,
                Some(r) => r.intersection(&found).copied().collect(),
            });
        }
        result.unwrap_or_default().into_iter().collect()
    }
}

/// The script `search/<lang>.js`: it adds the index to `window.tolmachSearch`.
/// The index is serialised straight into the script's pieces: a large
/// index is held once, and its script is never one buffer grown by copying.
pub(crate) fn script(index: &SearchIndex) -> Body {
    let mut out = PieceWriter::default();
    out.push(b"(window.tolmachSearch=window.tolmachSearch||{})[");
    serde_json::to_writer(&mut out, &index.lang).expect("a tag is a string");
    out.push(b"]=");
    serde_json::to_writer(&mut out, index).expect("an index is plain strings and numbers");
    out.push(b";\n");
    out.into_body()
}

/// The index inside a `search/<lang>.js` script, read back.
#[cfg(test)]
pub(crate) fn parse_script(script: &str) -> Option<SearchIndex> {
    let json = script.split_once("]=")?.1.trim_end().strip_suffix(';')?;
    serde_json::from_str(json).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, number: usize, text: &str) -> Doc {
        Doc {
            id: id.into(),
            number,
            sphere: None,
            text: text.into(),
        }
    }

    #[test]
    fn inflected_forms_and_prefixes_are_found_after_a_round_trip() {
        let index = SearchIndex::build(
            "en",
            "en",
            Vec::new(),
            vec![
                doc("a", 1, "We cooperate on the Aral Sea."),
                doc("b", 2, "Cooperation in trade."),
            ],
        );
        let back = parse_script(std::str::from_utf8(&script(&index).into_bytes()).expect("UTF-8"))
            .expect("the script holds the index");
        assert_eq!(back, index);
        // One stem for both forms.
        assert_eq!(back.words["cooperate"], back.words["cooperation"]);
        assert_eq!(back.search("en", "Aral"), [0]);
        assert_eq!(back.search("en", "coop"), [0, 1]);
        assert_eq!(back.search("en", "coop trade"), [1]);
    }

    #[test]
    fn russian_finds_the_cyrillic_covid() {
        let index = SearchIndex::build(
            "ru",
            "ru",
            Vec::new(),
            vec![
                doc("trade-3", 17, "пандемии СOVID-19"),
                doc("x", 18, "Аральского моря"),
            ],
        );
        assert_eq!(index.search("ru", "COVID"), [0]);
        assert_eq!(index.search("ru", "Арал"), [1]);
    }
}
