//! TMX 1.4b: a translation memory of every translation paired with the
//! original it was made from, for CAT tools' fuzzy matching. One `<tu>`
//! per unit and language (`tuid` `LANG:ID`), the unit id, state and review
//! as properties. A stale translation is paired with the original it was
//! translated from, and orphans (units the source no longer has, in
//! `statement.yaml` or parked in `orphans.yaml`) are included, so a
//! moved or reworded paragraph still finds its old translation.

use crate::model::{Entry, Language, Review, Site, State, unit};
use crate::text::escape_xml as escape;

/// The TMX text of `langs` (every translation if empty).
pub(crate) fn write(site: &Site, langs: &[&Language]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<tmx version=\"1.4\">\n");
    out.push_str(&format!(
        "  <header creationtool=\"Tolmach\" creationtoolversion=\"{}\" datatype=\"plaintext\" segtype=\"paragraph\" adminlang=\"en\" srclang=\"{}\" o-tmf=\"tolmach\"/>\n",
        env!("CARGO_PKG_VERSION"),
        escape(site.original.as_str())
    ));
    out.push_str("  <body>\n");
    for lang in langs {
        for unit in site.source.units() {
            let shown = lang.unit(unit);
            let Some(entry) = lang.entry(unit) else {
                continue;
            };
            let original = match shown.state {
                State::Translated => unit.text.as_str(),
                State::Stale => unit::translated_from(entry).unwrap_or(&unit.text),
                State::Missing => continue,
            };
            let state = shown.state.name();
            tu(&mut out, site, lang, entry, original, state, shown.review);
        }
        let orphans = lang
            .orphan_entries()
            .chain(lang.parked.iter().flat_map(|p| &p.entries));
        for entry in orphans {
            if let Some(original) = entry.source.as_deref()
                && !entry.text.trim().is_empty()
            {
                tu(
                    &mut out,
                    site,
                    lang,
                    entry,
                    original,
                    "orphan",
                    Review::Translated,
                );
            }
        }
    }
    out.push_str("  </body>\n</tmx>\n");
    out
}

/// One translation unit: the original and the translation.
fn tu(
    out: &mut String,
    site: &Site,
    lang: &Language,
    entry: &Entry,
    original: &str,
    state: &str,
    review: Review,
) {
    out.push_str(&format!(
        "    <tu tuid=\"{}:{}\">\n",
        escape(lang.tag.as_str()),
        escape(&entry.id)
    ));
    out.push_str(&format!(
        "      <prop type=\"x-tolmach-unit\">{}</prop>\n",
        escape(&entry.id)
    ));
    out.push_str(&format!(
        "      <prop type=\"x-tolmach-state\">{state}</prop>\n"
    ));
    out.push_str(&format!(
        "      <prop type=\"x-tolmach-review\">{}</prop>\n",
        review.name()
    ));
    for (tag, text) in [
        (site.original.as_str(), original),
        (lang.tag.as_str(), entry.text.trim()),
    ] {
        out.push_str(&format!(
            "      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>\n",
            escape(tag),
            escape(&crate::text::normalize_space(text))
        ));
    }
    out.push_str("    </tu>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::tests::site;

    #[test]
    fn translated_and_stale_units_pair_with_the_original_they_were_made_from() {
        let site = site();
        let en = site.language("en").unwrap();
        let tmx = write(&site, &[en]);
        assert!(tmx.contains("<header creationtool=\"Tolmach\""), "{tmx}");
        assert!(
            tmx.contains(&format!("srclang=\"{}\"", site.original)),
            "{tmx}"
        );
        // `b` is stale: its translation pairs with the old original.
        assert!(
            tmx.contains("<tu tuid=\"en:b\">\n      <prop type=\"x-tolmach-unit\">b</prop>\n      <prop type=\"x-tolmach-state\">stale</prop>"),
            "{tmx}"
        );
        assert!(
            tmx.contains("<seg>Старое</seg></tuv>\n      <tuv xml:lang=\"en\"><seg>Old</seg>"),
            "{tmx}"
        );
        // `c` is missing: no unit.
        assert!(!tmx.contains("tuid=\"en:c\""), "{tmx}");
    }
}
