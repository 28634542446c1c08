//! One language's search index: the paragraphs as plain text, a
//! vocabulary of every folded word form, and per stem (or per form, in a
//! language matched by prefix) the paragraphs that contain it.
//!
//! The browser needs no stemmer: a query word found in the vocabulary
//! takes its stem's paragraphs; any word is also matched as a prefix of the
//! vocabulary's forms. See `themes/default/static/theme/search.js`.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use rust_stemmers::Stemmer;

use super::fold::{Folding, Matching};
use crate::render::body::{Body, PieceWriter};

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

/// The index of one language, as the payload of `search/<lang>.js` holds
/// it ([`script`] writes it field for field without holding it; the tests
/// read it back as this).
#[cfg(test)]
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

/// An index's vocabulary and postings, built as its paragraphs pass one
/// at a time: the paragraphs need not be held together.
struct Indexer {
    folding: Folding,
    stemmer: Option<Stemmer>,
    /// Ids in the order stems are first met; sorted once at the end.
    stem_of_form: HashMap<String, usize>,
    stem_ids: HashMap<String, usize>,
    stems: Vec<String>,
    docs_of: Vec<Vec<u32>>,
    /// The position of the next paragraph.
    next: u32,
}

/// What an [`Indexer`] found, in the index's order.
struct Postings {
    words: BTreeMap<String, usize>,
    stems: Vec<String>,
    postings: Vec<Vec<u32>>,
}

impl Indexer {
    fn new(primary: &str) -> Indexer {
        let folding = Folding::of(primary);
        Indexer {
            stemmer: folding.stemmer(),
            folding,
            stem_of_form: HashMap::new(),
            stem_ids: HashMap::new(),
            stems: Vec::new(),
            docs_of: Vec::new(),
            next: 0,
        }
    }

    /// `stem` or `prefix`: how the browser matches a word.
    fn matching(&self) -> &'static str {
        if self.is_stemmed() { "stem" } else { "prefix" }
    }

    fn is_stemmed(&self) -> bool {
        matches!(self.folding.matching, Matching::Stem(_))
    }

    /// Index the next paragraph.
    fn add(&mut self, doc: &Doc) {
        let i = self.next;
        self.next += 1;
        let Indexer {
            folding,
            stemmer,
            stem_of_form,
            stem_ids,
            stems,
            docs_of,
            ..
        } = self;
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

    /// The vocabulary, the stems and their postings, sorted by stem.
    fn finish(self) -> Postings {
        let Indexer {
            stem_of_form,
            stems,
            mut docs_of,
            ..
        } = self;
        let stemmed = matches!(self.folding.matching, Matching::Stem(_));
        let mut order: Vec<usize> = (0..stems.len()).collect();
        order.sort_unstable_by(|&a, &b| stems[a].cmp(&stems[b]));
        let mut position = vec![0; stems.len()];
        for (rank, &id) in order.iter().enumerate() {
            position[id] = rank;
        }
        Postings {
            words: stem_of_form
                .into_iter()
                .map(|(form, id)| (form, position[id]))
                .collect(),
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
}

#[cfg(test)]
impl SearchIndex {
    /// The index of `docs` in language `lang` (its primary subtag gives the rules).
    pub(crate) fn build(
        lang: &str,
        primary: &str,
        spheres: Vec<SphereEntry>,
        docs: Vec<Doc>,
    ) -> SearchIndex {
        let mut indexer = Indexer::new(primary);
        docs.iter().for_each(|doc| indexer.add(doc));
        let matching = indexer.matching().into();
        let (fold, apostrophes) = (indexer.folding.table.clone(), indexer.folding.apostrophes);
        let Postings {
            words,
            stems,
            postings,
        } = indexer.finish();
        SearchIndex {
            lang: lang.to_string(),
            matching,
            fold,
            homoglyphs: super::fold::HOMOGLYPHS.into(),
            apostrophes,
            spheres,
            docs,
            words,
            stems,
            postings,
        }
    }

    /// The paragraphs (positions in `docs`) that contain every word of
    /// `query`, as the browser finds them: a word in the vocabulary takes
    /// its stem's paragraphs, and every word matches the forms it begins.
    /// Used by the tests to read an index back; the browser's own search is
    /// `search.js`.
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

/// The script `search/<lang>.js` of the paragraphs `docs` in language
/// `lang` (its primary subtag gives the rules): it adds the index to
/// `window.tolmachSearch`. Each paragraph is indexed and written as it
/// comes, then dropped, and the script is written in pieces: a large
/// index's paragraphs are never held together, nor its script in one
/// buffer grown by copying. The script is [`SearchIndex`] serialised.
pub(crate) fn script(
    lang: &str,
    primary: &str,
    spheres: Vec<SphereEntry>,
    docs: impl Iterator<Item = Doc>,
) -> Body {
    let streamed = Streamed {
        lang,
        spheres,
        docs: RefCell::new(Some(docs)),
        indexer: RefCell::new(Some(Indexer::new(primary))),
    };
    let mut out = PieceWriter::default();
    out.push(b"(window.tolmachSearch=window.tolmachSearch||{})[");
    serde_json::to_writer(&mut out, lang).expect("a tag is a string");
    out.push(b"]=");
    serde_json::to_writer(&mut out, &streamed).expect("an index is plain strings and numbers");
    out.push(b";\n");
    out.into_body()
}

/// A [`SearchIndex`] whose paragraphs are indexed as they are serialised:
/// it serialises as the index would, field for field.
struct Streamed<'a, I> {
    lang: &'a str,
    spheres: Vec<SphereEntry>,
    docs: RefCell<Option<I>>,
    indexer: RefCell<Option<Indexer>>,
}

impl<I: Iterator<Item = Doc>> Serialize for Streamed<'_, I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error as _, SerializeStruct as _};
        let spent = || S::Error::custom("a search index is serialised once");
        let (matching, fold, apostrophes) = {
            let indexer = self.indexer.borrow();
            let indexer = indexer.as_ref().ok_or_else(spent)?;
            let folding = &indexer.folding;
            (
                indexer.matching(),
                folding.table.clone(),
                folding.apostrophes,
            )
        };
        let mut index = serializer.serialize_struct("SearchIndex", 10)?;
        index.serialize_field("lang", self.lang)?;
        index.serialize_field("matching", matching)?;
        index.serialize_field("fold", &fold)?;
        index.serialize_field("homoglyphs", super::fold::HOMOGLYPHS)?;
        index.serialize_field("apostrophes", &apostrophes)?;
        index.serialize_field("spheres", &self.spheres)?;
        let docs = self.docs.borrow_mut().take().ok_or_else(spent)?;
        index.serialize_field(
            "docs",
            &Indexed {
                docs: RefCell::new(Some(docs)),
                indexer: &self.indexer,
            },
        )?;
        let indexer = self.indexer.borrow_mut().take().ok_or_else(spent)?;
        let Postings {
            words,
            stems,
            postings,
        } = indexer.finish();
        index.serialize_field("words", &words)?;
        index.serialize_field("stems", &stems)?;
        index.serialize_field("postings", &postings)?;
        index.end()
    }
}

/// The paragraphs, each indexed as it is serialised.
struct Indexed<'a, I> {
    docs: RefCell<Option<I>>,
    indexer: &'a RefCell<Option<Indexer>>,
}

impl<I: Iterator<Item = Doc>> Serialize for Indexed<'_, I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let docs = self.docs.borrow_mut().take();
        let mut indexer = self.indexer.borrow_mut();
        serializer.collect_seq(docs.into_iter().flatten().inspect(|doc| {
            if let Some(indexer) = indexer.as_mut() {
                indexer.add(doc);
            }
        }))
    }
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
        let docs = vec![
            doc("a", 1, "We cooperate on the Aral Sea."),
            doc("b", 2, "Cooperation in trade."),
        ];
        let spheres = vec![SphereEntry {
            slug: "trade".into(),
            heading: "Trade".into(),
        }];
        let index = SearchIndex::build("en", "en", spheres.clone(), docs.clone());
        let script = script("en", "en", spheres, docs.into_iter()).into_bytes();
        let script = std::str::from_utf8(&script).expect("UTF-8");
        // The script streams the index field for field as serde would write it.
        let json = serde_json::to_string(&index).expect("serialises");
        assert!(script.ends_with(&format!("[\"en\"]={json};\n")), "{script}");
        let back = parse_script(script).expect("the script holds the index");
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
