//! Long markup kept out of Tera. A page's sections are written as markup
//! by `blocks`; Tera needs to place them, not to read them. While a page's
//! context is copied for Tera ([`lifted`]), each [`Spliced`] text is taken
//! out and a short marker stands in its place; the template renders the
//! page's frame around the markers, and [`join`] puts the texts back as
//! pieces of the page's [`Body`], without copying them. A whole document
//! is then held once while its page is made, not three times (the texts,
//! Tera's copy, Tera's output).
//!
//! Only a template that prints each such text whole (`{{ s.body | safe }}`,
//! see `Templates::prints_whole`) gets markers, and [`join`] checks that
//! every marker is in the frame exactly once, in order; otherwise the page
//! is rendered with the texts themselves. Either way the bytes are the same.

use std::cell::{Cell, RefCell};

use serde::Serialize;

use super::body::Body;

/// How every marker starts: `<` and the control character U+0001 change
/// under escaping and cannot come from a YAML or Markdown text printed in
/// the frame, and its upper- and lower-case letters change under any case
/// filter, so a text that is transformed rather than printed whole (by a
/// filter on a macro's output, which the check of the templates' text
/// cannot see) leaves no marker behind, and the page falls back to a plain
/// render.
const MARK: &str = "<\u{1}Tolmach-splice ";

/// The marker of the `n`th text taken.
fn marker(n: usize) -> String {
    format!("{MARK}{n}\u{1}>")
}

thread_local! {
    /// The texts taken so far by the [`lifted`] call running on this thread.
    static TAKEN: RefCell<Option<Vec<String>>> = const { RefCell::new(None) };
}

/// Text that moves into a template's context: serialized once, and freed
/// (or taken out, see [`lifted`]) as it is serialized.
pub(crate) struct Spliced(Cell<String>);

impl Spliced {
    pub(crate) fn new(text: String) -> Spliced {
        Spliced(Cell::new(text))
    }
}

impl Serialize for Spliced {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let text = self.0.take();
        let lifted = TAKEN.with_borrow_mut(|taken| match taken {
            Some(taken) => {
                let marker = marker(taken.len());
                taken.push(text);
                Ok(marker)
            }
            None => Err(text),
        });
        match lifted {
            Ok(marker) => serializer.serialize_str(&marker),
            Err(text) => serializer.serialize_str(&text),
        }
    }
}

impl std::fmt::Debug for Spliced {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = self.0.take();
        let shown = f.debug_tuple("Spliced").field(&text).finish();
        self.0.set(text);
        shown
    }
}

/// Clears this thread's list of taken texts however `lifted` ends.
struct Lifting;

impl Drop for Lifting {
    fn drop(&mut self) {
        TAKEN.with_borrow_mut(|taken| *taken = None);
    }
}

/// Run `copy` (which serializes a context) with every [`Spliced`] text
/// taken out and a marker in its place: what it returns, and the texts in
/// the order of their markers.
pub(crate) fn lifted<T>(copy: impl FnOnce() -> T) -> (T, Vec<String>) {
    let lifting = Lifting;
    TAKEN.with_borrow_mut(|taken| *taken = Some(Vec::new()));
    let copied = copy();
    let taken = TAKEN.with_borrow_mut(Option::take).unwrap_or_default();
    drop(lifting);
    (copied, taken)
}

/// The page whose frame is `frame` with the texts `taken` back in place of
/// their markers; `None` if the frame does not hold each marker exactly
/// once and in order (the template transformed or repeated a text).
pub(crate) fn join(frame: String, taken: Vec<String>) -> Option<Body> {
    if taken.is_empty() {
        return (!frame.contains(MARK)).then(|| Body::from(frame.into_bytes()));
    }
    let mut pieces = Vec::with_capacity(2 * taken.len() + 1);
    let mut rest = frame.as_str();
    for (n, text) in taken.into_iter().enumerate() {
        let at = rest.find(MARK)?;
        let marker = marker(n);
        if !rest[at..].starts_with(&marker) {
            return None;
        }
        pieces.push(rest.as_bytes()[..at].to_vec());
        pieces.push(text.into_bytes());
        rest = &rest[at + marker.len()..];
    }
    if rest.contains(MARK) {
        return None;
    }
    pieces.push(rest.as_bytes().to_vec());
    Some(Body::of_pieces(pieces))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Section {
        body: Spliced,
    }

    fn sections(texts: &[&str]) -> Vec<Section> {
        texts
            .iter()
            .map(|t| Section {
                body: Spliced::new(t.to_string()),
            })
            .collect()
    }

    #[test]
    fn a_spliced_text_is_serialized_once_and_freed() {
        let body = Spliced::new("<p>text</p>".to_string());
        assert_eq!(format!("{body:?}"), "Spliced(\"<p>text</p>\")");
        let value = serde_json::to_value(&body).expect("a string serializes");
        assert_eq!(value, serde_json::json!("<p>text</p>"));
        let rest = body.0.take();
        assert!(
            rest.is_empty() && rest.capacity() == 0,
            "the text was moved out"
        );
    }

    #[test]
    fn lifted_texts_come_back_in_place_of_their_markers() {
        let context = sections(&["<p>a</p>", "<p>b & c</p>"]);
        let (value, taken) = lifted(|| serde_json::to_value(&context).expect("serializes"));
        assert_eq!(taken, ["<p>a</p>", "<p>b & c</p>"]);
        let frame = format!(
            "<main>{}<hr>{}</main>",
            value[0]["body"].as_str().unwrap(),
            value[1]["body"].as_str().unwrap()
        );
        let body = join(frame, taken).expect("each marker once, in order");
        assert!(body.is(b"<main><p>a</p><hr><p>b & c</p></main>"));
        assert_eq!(body.len(), 37);
        // Outside `lifted`, the text itself is serialized.
        let plain = serde_json::to_value(sections(&["<p>x</p>"])).expect("serializes");
        assert_eq!(plain[0]["body"], "<p>x</p>");
    }

    #[test]
    fn a_frame_that_lost_repeated_or_reordered_a_marker_is_refused() {
        let texts = || vec!["A".to_string(), "B".to_string()];
        let (m0, m1) = (marker(0), marker(1));
        assert!(join(format!("{m0}{m1}"), texts()).is_some());
        assert!(join(m0.clone(), texts()).is_none(), "one lost");
        assert!(join(format!("{m1}{m0}"), texts()).is_none(), "reordered");
        assert!(join(format!("{m0}{m1}{m1}"), texts()).is_none(), "repeated");
        assert!(
            join(format!("{m0}{m0}{m1}"), texts()).is_none(),
            "repeated first"
        );
        let escaped = format!("&lt;{}", &m0[1..]);
        assert!(join(format!("{escaped}{m1}"), texts()).is_none(), "escaped");
        assert!(join(m0, Vec::new()).is_none(), "a marker with no text");
    }
}
