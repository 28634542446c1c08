//! The editor on the layouts translators' files really have.

use std::path::Path;

use super::*;

fn edit(text: &str, changes: &[Change]) -> String {
    apply(text, Path::new("t.yaml"), changes).unwrap_or_else(|d| panic!("{d}\n{text}"))
}

fn set(id: &str, field: &'static str, value: &str) -> Change {
    Change::Set {
        id: id.into(),
        field,
        value: value.into(),
    }
}

fn remove(id: &str, field: &'static str) -> Change {
    Change::Remove {
        id: id.into(),
        field,
    }
}

const FILE: &str = "# head comment\n\na:\n  source: \"А\"\n  text: \"A\"\n\n# about b\nb:\n  source: \"Б\"\n  text: >-\n    long\n    text\n";

#[test]
fn setting_a_field_keeps_everything_else() {
    let out = edit(FILE, &[set("a", "text", "A2")]);
    assert_eq!(out, FILE.replace("text: \"A\"", "text: \"A2\""));
}

#[test]
fn block_scalars_stay_block_scalars() {
    let out = edit(FILE, &[set("b", "text", "short")]);
    assert!(
        out.ends_with("b:\n  source: \"Б\"\n  text: >-\n    short\n"),
        "{out}"
    );
    let out = edit(FILE, &[set("b", "text", "two\nlines")]);
    assert!(out.ends_with("  text: \"two\\nlines\"\n"), "{out}");
}

#[test]
fn missing_fields_are_added_and_removed() {
    let out = edit(FILE, &[set("a", "previous_source", "Старое")]);
    assert!(
        out.contains("  text: \"A\"\n  previous_source: \"Старое\"\n\n# about b"),
        "{out}"
    );
    let back = edit(&out, &[remove("a", "previous_source")]);
    assert_eq!(back, FILE);
}

#[test]
fn units_are_inserted_and_deleted() {
    let out = edit(
        FILE,
        &[Change::Insert {
            after: Some("a".into()),
            id: "c".into(),
            fields: vec![("source", "В".into()), ("text", String::new())],
        }],
    );
    assert!(
        out.contains("  text: \"A\"\n\nc:\n  source: \"В\"\n  text: \"\"\n\n# about b"),
        "{out}"
    );
    let back = edit(&out, &[Change::Delete { id: "c".into() }]);
    assert_eq!(back, FILE);
}

#[test]
fn a_unit_without_predecessor_goes_first_after_the_header() {
    let out = edit(
        FILE,
        &[Change::Insert {
            after: None,
            id: "title".into(),
            fields: vec![("source", "Т".into()), ("text", String::new())],
        }],
    );
    assert!(
        out.starts_with("# head comment\n\ntitle:\n  source: \"Т\"\n  text: \"\"\n\na:\n"),
        "{out}"
    );
}

/// The layout that broke the line-based editor: a comment on the key line.
#[test]
fn a_comment_on_the_key_line_is_kept_and_the_right_unit_edited() {
    let text = "trade-1:\n  source: \"Т1\"\n  text: \"T1\"\n\ntrade-2:  # reviewer note\n  source: \"Т2\"\n  text: \"T2\"\n  previous_source: \"Старое\"\n";
    let out = edit(
        text,
        &[
            set("trade-2", "text", "T2 new"),
            remove("trade-2", "previous_source"),
        ],
    );
    assert_eq!(
        out,
        "trade-1:\n  source: \"Т1\"\n  text: \"T1\"\n\ntrade-2:  # reviewer note\n  source: \"Т2\"\n  text: \"T2 new\"\n"
    );
    let out = edit(text, &[set("trade-1", "previous_source", "Т0")]);
    assert!(
        out.starts_with("trade-1:\n  source: \"Т1\"\n  text: \"T1\"\n  previous_source: \"Т0\"\n\ntrade-2:  # reviewer note\n"),
        "{out}"
    );
}

#[test]
fn flow_style_units_are_edited_in_flow_style() {
    let text =
        "a: {source: \"А\", text: 'A'}\nb: {source: \"Б\", text: \"B\", previous_source: \"Ъ\"}\n";
    let out = edit(
        text,
        &[
            set("a", "text", "it's"),
            set("a", "previous_source", "Я"),
            remove("b", "previous_source"),
        ],
    );
    assert_eq!(
        out,
        "a: {source: \"А\", text: 'it''s', previous_source: \"Я\"}\nb: {source: \"Б\", text: \"B\"}\n"
    );
    let out = edit(
        text,
        &[Change::Insert {
            after: Some("a".into()),
            id: "c".into(),
            fields: vec![("source", "В".into()), ("text", String::new())],
        }],
    );
    assert_eq!(
        out,
        "a: {source: \"А\", text: 'A'}\nc: {source: \"В\", text: \"\"}\nb: {source: \"Б\", text: \"B\", previous_source: \"Ъ\"}\n"
    );
}

#[test]
fn windows_files_keep_their_bom_and_line_ends() {
    let text = "\u{feff}# c\r\na:\r\n  source: \"А\"\r\n  text: \"A\"\r\n";
    let out = edit(text, &[set("a", "text", "B"), set("a", "note", "n")]);
    assert_eq!(
        out,
        "\u{feff}# c\r\na:\r\n  source: \"А\"\r\n  text: \"B\"\r\n  note: \"n\"\r\n"
    );
}

#[test]
fn other_indentation_and_plain_values_are_kept() {
    let text = "a:\n    source: Plain source\n    text: Plain text\n";
    let out = edit(text, &[set("a", "text", "New text"), set("a", "note", "x")]);
    assert_eq!(
        out,
        "a:\n    source: Plain source\n    text: New text\n    note: \"x\"\n"
    );
    let out = edit(text, &[set("a", "text", "Text: with a colon")]);
    assert!(out.contains("    text: \"Text: with a colon\"\n"), "{out}");
}

#[test]
fn comments_of_a_removed_field_stay() {
    let text = "a:\n  source: \"А\"\n  previous_source: \"Б\"  # why it changed\n  text: \"A\"\n";
    let out = edit(text, &[remove("a", "previous_source")]);
    assert_eq!(
        out,
        "a:\n  source: \"А\"\n  # why it changed\n  text: \"A\"\n"
    );
}

#[test]
fn an_anchored_value_is_refused_with_its_place() {
    let text = "a:\n  source: &s \"А\"\n  text: \"A\"\nb:\n  source: *s\n  text: \"B\"\n";
    let err = apply(text, Path::new("t.yaml"), &[set("a", "source", "Я")]).unwrap_err();
    assert_eq!(err.location, Some(Location::new(2, 14)));
    assert!(err.message.contains("anchor"), "{err}");
}

#[test]
fn a_unit_not_in_the_file_is_refused() {
    let err = apply(FILE, Path::new("t.yaml"), &[set("zz", "text", "x")]).unwrap_err();
    assert!(err.message.contains("`zz` is not in the file"), "{err}");
}

#[test]
fn the_text_of_a_unit_is_its_lines() {
    let text = "a:  # kept\n  source: \"А\"\n  text: >-\n    long\n\nb: {text: x}\n";
    assert_eq!(
        unit_text(text, Path::new("t.yaml"), "a").unwrap(),
        "a:  # kept\n  source: \"А\"\n  text: >-\n    long"
    );
    assert_eq!(
        unit_text(text, Path::new("t.yaml"), "b").unwrap(),
        "b: {text: x}"
    );
}

#[test]
fn comments_above_and_on_a_unit_are_its_notes() {
    let text = "# file header\n\n# about a\n# second line\na:  # on the key\n  text: \"A\"  # on the text\nb:\n  text: \"B\"\n";
    let notes = unit_comments(text, Path::new("t.yaml")).unwrap();
    assert_eq!(
        notes["a"],
        ["about a", "second line", "on the key", "on the text"]
    );
    assert!(!notes.contains_key("b"));
}

#[test]
fn chained_insertions_keep_their_order_and_take_a_deleted_units_place() {
    let insert = |after: Option<&str>, id: &str| Change::Insert {
        after: after.map(str::to_string),
        id: id.into(),
        fields: vec![("source", id.to_uppercase()), ("text", String::new())],
    };
    let out = edit(FILE, &[insert(Some("a"), "n1"), insert(Some("n1"), "n2")]);
    let ids: Vec<String> = crate::model::Translation::parse(&out, Path::new("t"))
        .unwrap()
        .entries
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, ["a", "n1", "n2", "b"]);
    let out = edit(
        FILE,
        &[Change::Delete { id: "a".into() }, insert(Some("a"), "n1")],
    );
    assert!(
        out.starts_with("# head comment\n\nn1:\n  source: \"N1\"\n  text: \"\"\n\n# about b\nb:"),
        "{out}"
    );
}
