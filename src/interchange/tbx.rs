//! TBX (TBX-Basic, ISO 30042:2008 `martif`): the languages' glossaries as
//! a termbase for CAT tools. One `<termEntry>` per term of a language's
//! `glossary.yaml`: the original's term with the forms it takes in the
//! text, and the fixed rendering the translation must contain.

use crate::model::Language;
use crate::model::glossary::Term;
use crate::text::escape_xml as escape;

/// The TBX text of the glossaries of `langs`.
pub(crate) fn write(original: &str, glossaries: &[(&Language, Vec<Term>)]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<martif type=\"TBX-Basic\" xml:lang=\"en\">\n");
    out.push_str("  <martifHeader>\n    <fileDesc>\n      <sourceDesc>\n");
    out.push_str(
        "        <p>The glossaries of the Tolmach edition (locales/LANG/glossary.yaml).</p>\n",
    );
    out.push_str("      </sourceDesc>\n    </fileDesc>\n  </martifHeader>\n");
    out.push_str("  <text>\n    <body>\n");
    for (lang, terms) in glossaries {
        for (n, term) in terms.iter().enumerate() {
            out.push_str(&format!(
                "      <termEntry id=\"{}-{}\">\n",
                escape(lang.tag.as_str()),
                n + 1
            ));
            out.push_str(&format!(
                "        <langSet xml:lang=\"{}\">\n",
                escape(original)
            ));
            out.push_str(&format!(
                "          <tig>\n            <term>{}</term>\n",
                escape(&term.term)
            ));
            if !term.ru.is_empty() {
                out.push_str(&format!(
                    "            <note>forms in the text: {}</note>\n",
                    escape(&term.ru.join(", "))
                ));
            }
            out.push_str("          </tig>\n        </langSet>\n");
            out.push_str(&format!(
                "        <langSet xml:lang=\"{}\">\n          <tig>\n            <term>{}</term>\n",
                escape(lang.tag.as_str()),
                escape(&term.target)
            ));
            out.push_str("            <note>the translation of every unit that uses the term contains this</note>\n");
            out.push_str("          </tig>\n        </langSet>\n      </termEntry>\n");
        }
    }
    out.push_str("    </body>\n  </text>\n</martif>\n");
    out
}
