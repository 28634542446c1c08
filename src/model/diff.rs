//! Word-level differences between two versions of a unit of the original,
//! shown to the translator of a stale unit: `[-removed-]` and `{+added+}`
//! inline, as `git diff --word-diff` prints them. The one diff every command
//! shows (`check`, exported PO and XLIFF notes), so a stale unit reads the
//! same everywhere.

use similar::{ChangeTag, TextDiff};

/// Words of unchanged text kept on each side of a change; longer runs are cut to `…`.
const CONTEXT_WORDS: usize = 6;

/// One line showing how `old` became `new`, word by word. Whitespace is
/// normalized first, so reflowing a paragraph is not a change.
pub(crate) fn words(old: &str, new: &str) -> String {
    let old: Vec<&str> = old.split_whitespace().collect();
    let new: Vec<&str> = new.split_whitespace().collect();
    let diff = TextDiff::from_slices(&old, &new);
    let mut runs: Vec<(ChangeTag, Vec<&str>)> = Vec::new();
    for change in diff.iter_all_changes() {
        let word = change.value();
        match runs.last_mut() {
            Some((tag, words)) if *tag == change.tag() => words.push(word),
            _ => runs.push((change.tag(), vec![word])),
        }
    }
    let count = runs.len();
    let mut out = String::new();
    for (i, (tag, words)) in runs.iter().enumerate() {
        let after_delete = i > 0 && runs[i - 1].0 == ChangeTag::Delete;
        if i > 0 && !(after_delete && *tag == ChangeTag::Insert) {
            out.push(' ');
        }
        match tag {
            ChangeTag::Equal => out.push_str(&shorten(words, i == 0, i + 1 == count)),
            ChangeTag::Delete => out.push_str(&format!("[-{}-]", words.join(" "))),
            ChangeTag::Insert => out.push_str(&format!("{{+{}+}}", words.join(" "))),
        }
    }
    out
}

/// Cut a long unchanged run down to the words next to the changes.
fn shorten(words: &[&str], first: bool, last: bool) -> String {
    let keep_head = if first { 0 } else { CONTEXT_WORDS };
    let keep_tail = if last { 0 } else { CONTEXT_WORDS };
    if (first && last) || words.len() <= keep_head + keep_tail + 1 {
        return words.join(" ");
    }
    let mut parts = Vec::new();
    parts.extend_from_slice(&words[..keep_head]);
    parts.push("…");
    parts.extend_from_slice(&words[words.len() - keep_tail..]);
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_changed_word_is_marked() {
        assert_eq!(
            words(
                "Мы заявляем о сотрудничестве.",
                "Мы заявляем о партнерстве."
            ),
            "Мы заявляем о [-сотрудничестве.-]{+партнерстве.+}"
        );
    }

    #[test]
    fn insertions_deletions_and_reflowing() {
        assert_eq!(words("a b c", "a  c\n d"), "a [-b-] c {+d+}");
        assert_eq!(words("same\ntext", "same text"), "same text");
    }

    #[test]
    fn long_unchanged_runs_are_cut() {
        let old = "w1 w2 w3 w4 w5 w6 w7 w8 w9 w10 old w11 w12 w13 w14 w15 w16 w17 w18";
        let new = old.replace("old", "new");
        assert_eq!(
            words(old, &new),
            "… w5 w6 w7 w8 w9 w10 [-old-]{+new+} w11 w12 w13 w14 w15 w16 …"
        );
    }
}
