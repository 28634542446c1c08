//! One unit in one language: its state, and the rules that decide it. Every
//! command asks these rules; none decides a unit's state on its own.

use serde::{Deserialize, Serialize};

use super::translation::Entry;
use crate::text::same_words;

/// The state of one translation unit in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum State {
    /// Translated from the current original.
    Translated,
    /// Translated from an older version of the original.
    Stale,
    /// Absent or empty.
    Missing,
}

impl State {
    /// The state of a unit whose current original is `current`, given the
    /// translation file's entry for it: missing without a non-empty `text`;
    /// stale if the entry records an older original (`previous_source`, or a
    /// `source` with other words); translated otherwise.
    pub(crate) fn of(current: &str, entry: Option<&Entry>) -> State {
        match entry.filter(|e| !e.text.trim().is_empty()) {
            None => State::Missing,
            Some(e) if e.previous_source.is_some() || !source_is_current(e, current) => {
                State::Stale
            }
            Some(_) => State::Translated,
        }
    }

    /// The name used in classes, reports and files.
    pub(crate) fn name(self) -> &'static str {
        match self {
            State::Translated => "translated",
            State::Stale => "stale",
            State::Missing => "missing",
        }
    }
}

/// How far a translated unit has come through review.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Review {
    /// Translated, not yet reviewed (the default, and every stale or missing unit).
    #[default]
    Translated,
    /// Checked by a reviewer.
    Reviewed,
    /// Approved for publication.
    Approved,
}

impl Review {
    /// The level a file names (`reviewed`, `approved`; `translated` is the default).
    pub(crate) fn parse(name: &str) -> Option<Review> {
        match name {
            "translated" => Some(Review::Translated),
            "reviewed" => Some(Review::Reviewed),
            "approved" => Some(Review::Approved),
            _ => None,
        }
    }

    /// The name used in files, reports and classes.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Review::Translated => "translated",
            Review::Reviewed => "reviewed",
            Review::Approved => "approved",
        }
    }

    /// The review of a unit in `state` whose entry is `entry`: the level the
    /// entry records, if the unit is translated from the current original
    /// and its text is still the one reviewed; else `Translated`. The
    /// second value says why a recorded review lapsed, if it did.
    pub(crate) fn of(state: State, entry: Option<&Entry>) -> (Review, Option<&'static str>) {
        let Some(entry) = entry else {
            return (Review::Translated, None);
        };
        let recorded = entry
            .review
            .as_deref()
            .and_then(Review::parse)
            .unwrap_or_default();
        if recorded == Review::Translated {
            return (Review::Translated, None);
        }
        if state != State::Translated {
            return (
                Review::Translated,
                Some("the original changed since the review"),
            );
        }
        if entry.review_of.as_deref() != Some(crate::text::words_hash(&entry.text).as_str()) {
            return (
                Review::Translated,
                Some("the text was edited after the review"),
            );
        }
        (recorded, None)
    }
}

/// Whether the entry's `source` has the same words as the current original.
pub(crate) fn source_is_current(entry: &Entry, current: &str) -> bool {
    entry
        .source
        .as_deref()
        .is_some_and(|s| same_words(s, current))
}

/// For a stale entry, the original it was translated from: `previous_source`
/// if `sync` recorded it, else the outdated `source`.
pub(crate) fn translated_from(entry: &Entry) -> Option<&str> {
    entry.previous_source.as_deref().or(entry.source.as_deref())
}

/// Counts of units by state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Counts {
    /// Units counted.
    pub total: usize,
    /// Translated from the current original.
    pub translated: usize,
    /// Translated from an older original.
    pub stale: usize,
    /// Absent or empty.
    pub missing: usize,
    /// Translated units reviewed (or approved).
    pub reviewed: usize,
    /// Translated units approved.
    pub approved: usize,
}

impl Counts {
    /// Count one more unit in `state` with `review`.
    pub(crate) fn add(&mut self, state: State, review: Review) {
        self.total += 1;
        match state {
            State::Translated => self.translated += 1,
            State::Stale => self.stale += 1,
            State::Missing => self.missing += 1,
        }
        if review >= Review::Reviewed {
            self.reviewed += 1;
        }
        if review == Review::Approved {
            self.approved += 1;
        }
    }

    /// The share reviewed (or approved), rounded down; 100 for nothing to translate.
    pub(crate) fn percent_reviewed(&self) -> u32 {
        (self.reviewed * 100)
            .checked_div(self.total)
            .map_or(100, |p| u32::try_from(p).unwrap_or(100))
    }

    /// The share translated from the current original, `translated * 100 /
    /// total` rounded down; 100 for nothing to translate.
    pub(crate) fn percent(&self) -> u32 {
        (self.translated * 100)
            .checked_div(self.total)
            .map_or(100, |p| u32::try_from(p).unwrap_or(100))
    }

    /// The state that sums up a group: missing if any unit is, else stale
    /// if any is, else translated.
    pub(crate) fn summary(&self) -> State {
        if self.missing > 0 {
            State::Missing
        } else if self.stale > 0 {
            State::Stale
        } else {
            State::Translated
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Location;

    fn entry(source: &str, text: &str, previous: Option<&str>) -> Entry {
        Entry {
            id: "a".into(),
            location: Location::new(1, 1),
            source: Some(source.into()),
            text: text.into(),
            previous_source: previous.map(str::to_string),
            note: None,
            review: None,
            review_of: None,
        }
    }

    #[test]
    fn one_rule_decides_the_state() {
        assert_eq!(State::of("А", None), State::Missing);
        assert_eq!(State::of("А", Some(&entry("А", " ", None))), State::Missing);
        assert_eq!(
            State::of("А", Some(&entry("А", "A", None))),
            State::Translated
        );
        // Line breaks and spaces do not count.
        assert_eq!(
            State::of("А б", Some(&entry("А\n  б", "A", None))),
            State::Translated
        );
        assert_eq!(State::of("А", Some(&entry("Б", "A", None))), State::Stale);
        assert_eq!(
            State::of("А", Some(&entry("А", "A", Some("Б")))),
            State::Stale
        );
        assert_eq!(translated_from(&entry("А", "A", Some("Б"))), Some("Б"));
    }

    #[test]
    fn percentages_round_down() {
        let mut c = Counts::default();
        for state in [State::Translated, State::Translated, State::Stale] {
            c.add(state, Review::Translated);
        }
        assert_eq!(c.percent(), 66);
        assert_eq!(c.summary(), State::Stale);
        assert_eq!(Counts::default().percent(), 100);
    }

    #[test]
    fn a_review_lapses_when_the_text_or_the_original_changes() {
        let mut e = entry("А", "A", None);
        e.review = Some("approved".into());
        e.review_of = Some(crate::text::words_hash("A"));
        assert_eq!(
            Review::of(State::Translated, Some(&e)),
            (Review::Approved, None)
        );
        assert_eq!(Review::of(State::Stale, Some(&e)).0, Review::Translated);
        e.text = "A edited".into();
        assert_eq!(
            Review::of(State::Translated, Some(&e)),
            (
                Review::Translated,
                Some("the text was edited after the review")
            )
        );
    }
}
