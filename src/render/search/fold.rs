//! How search sees the words of one language: where a word ends, which
//! letters are the same letter for a reader who types a query, and how a
//! word is reduced to its stem. The browser folds the query the same way
//! from the table the index ships (`themes/default/static/theme/search.js`),
//! so a rule here and there must change together.
//!
//! - A word is a run of alphabetic or numeric characters (Unicode's
//!   `Alphabetic` and `N`, as JavaScript's `\p{Alphabetic}\p{N}`); in
//!   Uzbek, apostrophes inside a word belong to it (oʻ, gʻ, taʼlim).
//! - Lowercase, then the language's fold table: letters that readers
//!   type interchangeably (Russian ё and е, Latin letters with accents
//!   in the Cyrillic-script languages and English). Letters that tell
//!   words apart in a language are never folded: ә/а, ө/о, ү/у, ұ/у, қ/к,
//!   ғ/г, ң/н, һ/х, і/и in Kazakh; ş/s, ç/c, ä/a, ö/o, ü/u, ň/n, ý/y, ž/z
//!   in Turkmen; oʻ/o, gʻ/g in Uzbek; ӣ/и, ӯ/у, ҳ/х, ҷ/ч, қ/к, ғ/г in
//!   Tajik; ө/о, ү/у, ң/н in Kyrgyz.
//! - A word that mixes Latin and Cyrillic letters is written in the
//!   script most of its letters use: the authentic Russian text types
//!   «СOVID-19» with a Cyrillic «С», and a search for "COVID" finds it.

use rust_stemmers::{Algorithm, Stemmer};

/// Latin letters with accents and their base letter, folded in languages
/// whose alphabet does not distinguish them.
const LATIN_ACCENTS: &str =
    "àaáaâaãaäaåaāaçcčcèeéeêeëeēeìiíiîiïiīiñnòoóoôoõoöoøoōoùuúuûuüuūuýyÿyžzšs";

/// Apostrophe-like characters, written as `ʼ` inside an Uzbek word.
const APOSTROPHES: [char; 6] = ['\'', '’', '‘', '`', 'ʻ', 'ʼ'];

/// Cyrillic letters and the Latin letters they look like, lowercase.
pub(crate) const HOMOGLYPHS: &str = "аaсcеeоoрpхxуyкkіiјjѕsһhԁdԛqԝw";

/// How matching treats one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Matching {
    /// A Snowball stemmer joins inflected forms; prefixes match too.
    Stem(Algorithm),
    /// A word matches every word it is a prefix of.
    Prefix,
}

/// The rules of one language.
#[derive(Debug, Clone)]
pub(crate) struct Folding {
    /// Pairs of characters: each first one is searched as the second.
    pub(crate) table: String,
    /// Whether apostrophes inside a word belong to it.
    pub(crate) apostrophes: bool,
    /// Stemming or prefix matching.
    pub(crate) matching: Matching,
    /// `table` as a lookup: each first character and its second, sorted.
    pairs: Vec<(char, char)>,
    /// Whether `table` folds any ASCII character (Uzbek's apostrophes);
    /// if not, an ASCII word is only lowercased.
    folds_ascii: bool,
}

impl Folding {
    /// The rules for the language with primary subtag `language`.
    pub(crate) fn of(language: &str) -> Folding {
        let mut table = String::new();
        let (apostrophes, matching) = match language {
            "ru" => {
                table.push_str("ёе");
                table.push_str(LATIN_ACCENTS);
                (false, Matching::Stem(Algorithm::Russian))
            }
            "en" => {
                table.push_str(LATIN_ACCENTS);
                (false, Matching::Stem(Algorithm::English))
            }
            // Latin alphabets whose accented letters are letters of their own.
            "tk" => (false, Matching::Prefix),
            "uz" => {
                for a in APOSTROPHES {
                    if a != 'ʼ' {
                        table.push(a);
                        table.push('ʼ');
                    }
                }
                (true, Matching::Prefix)
            }
            // Cyrillic alphabets: Latin words in them fold their accents.
            "kk" | "ky" | "tg" => {
                table.push_str(LATIN_ACCENTS);
                (false, Matching::Prefix)
            }
            _ => (false, Matching::Prefix),
        };
        let pairs = lookup(&table);
        let folds_ascii = pairs.iter().any(|(key, _)| key.is_ascii());
        Folding {
            table,
            apostrophes,
            matching,
            pairs,
            folds_ascii,
        }
    }

    /// The folded words of `text`, in order.
    #[cfg(test)]
    pub(crate) fn words(&self, text: &str) -> Vec<String> {
        let mut words = Vec::new();
        self.each_word(text, |word| words.push(word.to_string()));
        words
    }

    /// Calls `f` with each folded word of `text`, in order, without
    /// allocating a string per word.
    pub(crate) fn each_word(&self, text: &str, mut f: impl FnMut(&str)) {
        let mut word = String::new();
        let mut folded = String::new();
        for c in text.chars() {
            if c.is_alphanumeric() || (self.apostrophes && APOSTROPHES.contains(&c)) {
                word.push(c);
            } else if !word.is_empty() {
                if let Some(w) = self.fold_into(&word, &mut folded) {
                    f(w);
                }
                word.clear();
            }
        }
        if !word.is_empty()
            && let Some(w) = self.fold_into(&word, &mut folded)
        {
            f(w);
        }
    }

    /// One word lowercased and folded; `None` if nothing but apostrophes.
    #[cfg(test)]
    pub(crate) fn fold(&self, word: &str) -> Option<String> {
        self.fold_into(word, &mut String::new()).map(str::to_string)
    }

    /// [`Folding::fold`] into `out`, reused from word to word.
    fn fold_into<'o>(&self, word: &str, out: &'o mut String) -> Option<&'o str> {
        out.clear();
        if word.is_ascii() && !self.folds_ascii {
            // Nothing to fold, and an ASCII word is in one script.
            out.push_str(word);
            out.make_ascii_lowercase();
            return Some(out.as_str());
        }
        out.extend(word.to_lowercase().chars().map(|c| self.fold_char(c)));
        let trimmed = out.trim_matches('ʼ');
        if trimmed.is_empty() {
            return None;
        }
        if let Some(mixed) = one_script(trimmed) {
            *out = mixed;
        } else if trimmed.len() != out.len() {
            *out = trimmed.to_string();
        }
        Some(out.as_str())
    }

    /// The letter `c` is searched as.
    fn fold_char(&self, c: char) -> char {
        match self.pairs.binary_search_by_key(&c, |&(key, _)| key) {
            Ok(i) => self.pairs[i].1,
            Err(_) => c,
        }
    }

    /// The stem of a folded word (the word itself without a stemmer).
    pub(crate) fn stem(&self, stemmer: Option<&Stemmer>, word: &str) -> String {
        match stemmer {
            Some(s) => s.stem(word).into_owned(),
            None => word.to_string(),
        }
    }

    /// The Snowball stemmer of the language, if it has one.
    pub(crate) fn stemmer(&self) -> Option<Stemmer> {
        match self.matching {
            Matching::Stem(algorithm) => Some(Stemmer::create(algorithm)),
            Matching::Prefix => None,
        }
    }
}

/// The pairs of `table` as a sorted lookup; the first pair of a character
/// wins, as when the table is read in order.
fn lookup(table: &str) -> Vec<(char, char)> {
    let mut pairs: Vec<(char, char)> = Vec::new();
    let mut chars = table.chars();
    while let (Some(key), Some(value)) = (chars.next(), chars.next()) {
        if !pairs.iter().any(|&(k, _)| k == key) {
            pairs.push((key, value));
        }
    }
    pairs.sort_unstable();
    pairs
}

/// A word that mixes Latin and Cyrillic letters, written in the script
/// most of its letters use, as far as the letters look alike; `None` for a
/// word in one script.
fn one_script(word: &str) -> Option<String> {
    let latin = word.chars().filter(char::is_ascii_alphabetic).count();
    let cyrillic = word
        .chars()
        .filter(|c| ('\u{400}'..='\u{52f}').contains(c))
        .count();
    if latin == 0 || cyrillic == 0 {
        return None;
    }
    let read = if latin >= cyrillic {
        Read::Forward
    } else {
        Read::Backward
    };
    Some(word.chars().map(|c| partner(HOMOGLYPHS, c, read)).collect())
}

/// Which way a table of character pairs is read.
#[derive(Debug, Clone, Copy)]
enum Read {
    /// From each pair's first character to its second.
    Forward,
    /// From each pair's second character to its first.
    Backward,
}

/// The partner of `c` in `pairs` (characters two by two), read `read`;
/// `c` itself if it has none.
fn partner(pairs: &str, c: char, read: Read) -> char {
    let mut chars = pairs.chars();
    while let (Some(first), Some(second)) = (chars.next(), chars.next()) {
        let (key, value) = match read {
            Read::Forward => (first, second),
            Read::Backward => (second, first),
        };
        if key == c {
            return value;
        }
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_lowercased_and_split_at_punctuation() {
        let en = Folding::of("en");
        assert_eq!(
            en.words("Cooperation, (Aral) Sea-basin 2030"),
            ["cooperation", "aral", "sea", "basin", "2030"]
        );
        assert_eq!(en.words("Café"), ["cafe"]);
    }

    #[test]
    fn russian_folds_yo_and_the_cyrillic_c_of_covid() {
        let ru = Folding::of("ru");
        assert_eq!(ru.words("Ещё СOVID-19"), ["еще", "covid", "19"]);
        // A Russian word with one Latin look-alike is read as Russian.
        assert_eq!(ru.fold("мoре").as_deref(), Some("море"));
    }

    #[test]
    fn letters_that_tell_words_apart_are_kept() {
        let kk = Folding::of("kk");
        assert_eq!(kk.words("Әлем Қазақ ұлт"), ["әлем", "қазақ", "ұлт"]);
        let tk = Folding::of("tk");
        assert_eq!(tk.words("Türkmenistanyň"), ["türkmenistanyň"]);
        let tg = Folding::of("tg");
        assert_eq!(tg.words("Ҳамкорӣ"), ["ҳамкорӣ"]);
    }

    #[test]
    fn uzbek_apostrophes_belong_to_the_word_in_any_spelling() {
        let uz = Folding::of("uz");
        assert_eq!(
            uz.words("oʻzaro o'zaro o’zaro taʼlim «so‘z»"),
            ["oʼzaro", "oʼzaro", "oʼzaro", "taʼlim", "soʼz"]
        );
        assert_ne!(uz.fold("oʻzaro"), uz.fold("ozaro"));
    }

    #[test]
    fn stemmers_join_inflected_forms() {
        let en = Folding::of("en");
        let stemmer = en.stemmer();
        assert_eq!(
            en.stem(stemmer.as_ref(), "cooperation"),
            en.stem(stemmer.as_ref(), "cooperate")
        );
        assert!(Folding::of("kk").stemmer().is_none());
    }
}
