//! The template context of each page: the model's units, links and
//! languages as plain serialisable values.

use serde::Serialize;

use super::{Shared, TOC_ON_EVERY_PAGE, blocks};
use crate::links::{View, dir_of};
use crate::markdown::plain_text;
use crate::model::{Language, State, Unit};

#[derive(Serialize, Clone)]
pub(super) struct LangCtx {
    tag: String,
    name: String,
    dir: String,
}

impl LangCtx {
    fn of(lang: &Language) -> Self {
        LangCtx {
            tag: lang.tag.to_string(),
            name: lang.name.clone(),
            dir: lang.dir.as_str().to_string(),
        }
    }
}

#[derive(Serialize)]
pub(super) struct SwitchLink {
    lang: LangCtx,
    href: String,
    current: bool,
}

#[derive(Serialize)]
pub(super) struct Alternate {
    hreflang: String,
    href: String,
}

#[derive(Serialize, Clone)]
pub(super) struct UnitCtx {
    pub(super) id: String,
    pub(super) number: Option<usize>,
    /// "Link to paragraph N" in the page's language, formatted once per language.
    pub(super) label: Option<String>,
    pub(super) html: String,
    pub(super) lang: String,
    pub(super) dir: String,
    pub(super) state: State,
    pub(super) original_href: String,
}

#[derive(Serialize)]
pub(super) struct SectionCtx {
    slug: Option<String>,
    heading: Option<UnitCtx>,
    /// The heading's markup: `h1` on a sphere page, `h2` elsewhere.
    heading_block: Option<String>,
    /// The paragraphs' markup.
    body: String,
    #[serde(skip)]
    paragraphs: Vec<UnitCtx>,
}

#[derive(Serialize)]
pub(super) struct Row {
    kind: &'static str,
    /// The first column's markup, in the page's language.
    left: String,
    /// The second column's markup, in the other language.
    right: String,
}

#[derive(Serialize)]
pub(super) struct TocEntry {
    slug: String,
    heading: UnitCtx,
    href: String,
    current: bool,
}

#[derive(Serialize)]
pub(super) struct NavLink {
    href: String,
    heading: UnitCtx,
}

#[derive(Serialize)]
pub(super) struct Percent {
    lang: LangCtx,
    title: UnitCtx,
    href: String,
    percent: u32,
    is_original: bool,
}

impl Shared<'_> {
    /// A unit as shown in `lang`, linked to the same unit of the original.
    pub(super) fn unit(
        &self,
        lang: &Language,
        unit: &Unit,
        page_dir_ru: &str,
        from: &str,
    ) -> UnitCtx {
        let shown = lang.unit(unit);
        let text_lang = self.site.text_lang(lang, unit);
        let number = unit.number;
        let lang_index = self.index(lang);
        UnitCtx {
            id: unit.id.to_string(),
            number,
            label: number.and_then(|n| self.labels[lang_index].get(n - 1).cloned()),
            html: shown.html.clone(),
            lang: text_lang.tag.to_string(),
            dir: text_lang.dir.as_str().to_string(),
            state: shown.state,
            original_href: format!("{}#{}", self.href(from, page_dir_ru), unit.id),
        }
    }

    pub(super) fn base_context(&self, from: &str) -> tera::Context {
        let mut ctx = tera::Context::new();
        ctx.insert("root", &self.href(from, ""));
        ctx.insert("css_href", &self.href(from, "theme/style.css"));
        ctx.insert("js_href", &self.href(from, "theme/tolmach.js"));
        ctx.insert("favicon_href", &self.href(from, "favicon.svg"));
        ctx.insert("gateway_href", &self.href(from, ""));
        ctx.insert("status_href", &self.href(from, "status/"));
        ctx.insert("base_url", &self.settings.base_url);
        ctx.insert(
            "canonical",
            &self
                .settings
                .base_url
                .as_ref()
                .map(|b| format!("{b}{from}")),
        );
        ctx.insert("original_lang", &self.site.original);
        ctx
    }

    pub(super) fn percents(&self, from: &str) -> Vec<Percent> {
        self.site
            .languages
            .iter()
            .map(|l| Percent {
                lang: LangCtx::of(l),
                title: self.unit(
                    l,
                    &self.site.source.title,
                    &dir_of(&self.site.original, View::Index),
                    from,
                ),
                href: self.href(from, &dir_of(&l.tag, View::Index)),
                percent: self.percent(l),
                is_original: self.site.is_original(l),
            })
            .collect()
    }

    pub(super) fn global_context(&self, from: &str) -> tera::Context {
        let mut ctx = self.base_context(from);
        ctx.insert("languages", &self.percents(from));
        let original = self
            .site
            .language(self.site.original.as_str())
            .unwrap_or(&self.site.languages[0]);
        ctx.insert("lang", &LangCtx::of(original));
        ctx.insert("og_locale", &og_locale(original));
        ctx
    }

    pub(super) fn view_context(
        &self,
        lang: &Language,
        view: View<'_>,
        from: &str,
    ) -> tera::Context {
        let site = self.site;
        let mut ctx = self.base_context(from);
        let original = &self.site.original;
        ctx.insert("lang", &LangCtx::of(lang));
        ctx.insert("is_original", &self.site.is_original(lang));
        ctx.insert("percent", &self.percent(lang));
        // The same view in another language: for a parallel page, the other
        // column stays, unless it is the language chosen, then they swap.
        let same_view = |tag: &str| -> String {
            match view {
                View::Parallel { other, part } if other == tag => dir_of(
                    tag,
                    View::Parallel {
                        other: &lang.tag,
                        part,
                    },
                ),
                _ => dir_of(tag, view),
            }
        };
        let switcher: Vec<SwitchLink> = site
            .languages
            .iter()
            .map(|l| SwitchLink {
                lang: LangCtx::of(l),
                href: self.href(from, &same_view(&l.tag)),
                current: l.tag == lang.tag,
            })
            .collect();
        ctx.insert("switcher", &switcher);
        let absolute = |dir: &str| match &self.settings.base_url {
            Some(base) => format!("{base}{dir}"),
            None => self.href(from, dir),
        };
        let alternates: Vec<Alternate> = site
            .languages
            .iter()
            .map(|l| Alternate {
                hreflang: l.tag.to_string(),
                href: absolute(&same_view(&l.tag)),
            })
            .chain(std::iter::once(Alternate {
                hreflang: "x-default".into(),
                href: absolute(""),
            }))
            .collect();
        ctx.insert("alternates", &alternates);
        ctx.insert(
            "og_alternates",
            &site
                .languages
                .iter()
                .filter(|l| l.tag != lang.tag)
                .map(og_locale)
                .collect::<Vec<_>>(),
        );
        ctx.insert("og_locale", &og_locale(lang));

        let ru_dir = |v: View<'_>| match v {
            View::Parallel {
                part: Some(slug), ..
            } => dir_of(original, View::Sphere(slug)),
            View::Parallel { part: None, .. } => dir_of(original, View::Full),
            v => dir_of(original, v),
        };
        let original_dir = ru_dir(view);
        ctx.insert("original_href", &self.href(from, &original_dir));
        let title = self.unit(
            lang,
            &site.source.title,
            &dir_of(original, View::Index),
            from,
        );
        ctx.insert("doc_title", &title);
        ctx.insert(
            "home_href",
            &self.href(from, &dir_of(&lang.tag, View::Index)),
        );
        ctx.insert(
            "full_href",
            &self.href(from, &dir_of(&lang.tag, View::Full)),
        );
        ctx.insert(
            "download_href",
            &self.href(from, &format!("{}/statement.{}.html", lang.tag, lang.tag)),
        );
        let parallel_partner = if !self.settings.parallel {
            None
        } else if site.is_original(lang) {
            site.translations().next().map(|l| l.tag.as_str())
        } else {
            Some(original.as_str())
        };
        let current_slug = match view {
            View::Sphere(slug)
            | View::Parallel {
                part: Some(slug), ..
            } => Some(slug),
            _ => None,
        };
        ctx.insert(
            "parallel_href",
            &parallel_partner.map(|other| {
                self.href(
                    from,
                    &dir_of(
                        &lang.tag,
                        View::Parallel {
                            other,
                            part: current_slug,
                        },
                    ),
                )
            }),
        );
        // Every page lists the spheres while the document is short; a long
        // collection lists them on the index only, so pages stay small.
        let full_toc = view == View::Index || site.source.spheres.len() <= TOC_ON_EVERY_PAGE;
        let toc: Vec<TocEntry> = site
            .source
            .spheres
            .iter()
            .filter(|_| full_toc)
            .map(|s| {
                let target = match view {
                    View::Parallel { other, .. } => View::Parallel {
                        other,
                        part: Some(s.slug()),
                    },
                    _ => View::Sphere(s.slug()),
                };
                TocEntry {
                    slug: s.slug().to_string(),
                    heading: self.unit(
                        lang,
                        &s.heading,
                        &dir_of(original, View::Sphere(s.slug())),
                        from,
                    ),
                    href: self.href(from, &dir_of(&lang.tag, target)),
                    current: Some(s.slug()) == current_slug,
                }
            })
            .collect();
        ctx.insert("toc", &toc);

        let section = |lang: &Language,
                       slug: Option<&str>,
                       units: &[Unit],
                       heading: Option<&Unit>| {
            let page_ru = match slug {
                Some(s)
                    if matches!(view, View::Sphere(_) | View::Parallel { part: Some(_), .. }) =>
                {
                    dir_of(original, View::Sphere(s))
                }
                _ => original_dir.clone(),
            };
            let heading = heading.map(|h| self.unit(lang, h, &page_ru, from));
            let paragraphs: Vec<UnitCtx> = units
                .iter()
                .map(|u| self.unit(lang, u, &page_ru, from))
                .collect();
            let notices = self.notices(lang);
            let level = if matches!(view, View::Sphere(_)) {
                1
            } else {
                2
            };
            let heading_block = heading.as_ref().map(|h| {
                let mut out = String::new();
                blocks::heading(&mut out, h, &lang.tag, level, notices);
                out
            });
            let mut body =
                String::with_capacity(paragraphs.iter().map(|p| p.html.len() + 200).sum());
            for p in &paragraphs {
                blocks::para(&mut body, p, &lang.tag, notices);
            }
            SectionCtx {
                slug: slug.map(str::to_string),
                heading,
                heading_block,
                body,
                // Only the parallel view pairs the units again; elsewhere the
                // markup is all a page needs, so a long text is held once.
                paragraphs: if matches!(view, View::Parallel { .. }) {
                    paragraphs
                } else {
                    Vec::new()
                },
            }
        };
        let sections_of =
            |lang: &Language, part: Option<Option<&str>>| -> Vec<SectionCtx> {
                let src = &site.source;
                match part {
                    // The index: preamble and closing.
                    None => vec![
                        section(lang, None, &src.preamble, None),
                        section(lang, None, &src.closing, None),
                    ],
                    Some(Some(slug)) => self
                        .spheres
                        .get(slug)
                        .map(|&i| &src.spheres[i])
                        .map(|s| section(lang, Some(s.slug()), &s.paragraphs, Some(&s.heading)))
                        .into_iter()
                        .collect(),
                    Some(None) => std::iter::once(section(lang, None, &src.preamble, None))
                        .chain(src.spheres.iter().map(|s| {
                            section(lang, Some(s.slug()), &s.paragraphs, Some(&s.heading))
                        }))
                        .chain(std::iter::once(section(lang, None, &src.closing, None)))
                        .collect(),
                }
            };
        let page_title;
        match view {
            View::Index => {
                ctx.insert("sections", &sections_of(lang, None));
                page_title = self.plain_title(lang);
            }
            View::Full => {
                ctx.insert("sections", &sections_of(lang, Some(None)));
                page_title = self.plain_title(lang);
            }
            View::Sphere(slug) => {
                ctx.insert("sections", &sections_of(lang, Some(Some(slug))));
                let idx = self.spheres.get(slug).copied().unwrap_or(0);
                let neighbour = |i: Option<usize>| {
                    i.and_then(|i| site.source.spheres.get(i)).map(|s| NavLink {
                        href: self.href(from, &dir_of(&lang.tag, View::Sphere(s.slug()))),
                        heading: self.unit(
                            lang,
                            &s.heading,
                            &dir_of(original, View::Sphere(s.slug())),
                            from,
                        ),
                    })
                };
                ctx.insert("prev", &neighbour(idx.checked_sub(1)));
                ctx.insert("next", &neighbour(Some(idx + 1)));
                page_title = format!(
                    "{} — {}",
                    plain_text(&lang.unit(&site.source.spheres[idx].heading).text),
                    self.plain_title(lang)
                );
            }
            View::Parallel { other, part } => {
                let other_lang = site
                    .language(other)
                    .expect("parallel pages pair known languages");
                ctx.insert("other", &LangCtx::of(other_lang));
                let left = sections_of(lang, Some(part));
                let right = sections_of(other_lang, Some(part));
                let mut rows = Vec::new();
                let (ours, theirs) = (self.notices(lang), self.notices(other_lang));
                for (l, r) in left.into_iter().zip(right) {
                    if let (Some(lh), Some(rh)) = (l.heading, r.heading) {
                        let (mut left, mut right) = (String::new(), String::new());
                        blocks::heading(&mut left, &lh, &lang.tag, 2, ours);
                        blocks::second_heading(&mut right, &rh, &other_lang.tag, theirs);
                        rows.push(Row {
                            kind: "heading",
                            left,
                            right,
                        });
                    }
                    for (lp, rp) in l.paragraphs.iter().zip(&r.paragraphs) {
                        let (mut left, mut right) = (String::new(), String::new());
                        blocks::para(&mut left, lp, &lang.tag, ours);
                        blocks::second_para(&mut right, rp, &other_lang.tag, theirs);
                        rows.push(Row {
                            kind: "paragraph",
                            left,
                            right,
                        });
                    }
                }
                ctx.insert("rows", &rows);
                let pairs: Vec<SwitchLink> = site
                    .languages
                    .iter()
                    .filter(|l| l.tag != lang.tag)
                    .map(|l| SwitchLink {
                        lang: LangCtx::of(l),
                        href: self.href(
                            from,
                            &dir_of(
                                &lang.tag,
                                View::Parallel {
                                    other: &l.tag,
                                    part,
                                },
                            ),
                        ),
                        current: l.tag == other,
                    })
                    .collect();
                ctx.insert("pairs", &pairs);
                ctx.insert(
                    "single_href",
                    &self.href(
                        from,
                        &dir_of(&lang.tag, part.map_or(View::Full, View::Sphere)),
                    ),
                );
                let part_title = part.map_or_else(
                    || self.plain_title(lang),
                    |slug| {
                        plain_text(
                            &lang
                                .unit(&site.source.spheres[self.spheres[slug]].heading)
                                .text,
                        )
                    },
                );
                page_title = format!("{part_title} — {} | {}", lang.name, other_lang.name);
                if let Some(slug) = part {
                    ctx.insert(
                        "heading",
                        &self.unit(
                            lang,
                            &site.source.spheres[self.spheres[slug]].heading,
                            &original_dir,
                            from,
                        ),
                    );
                }
            }
        }
        let description = self.description(lang);
        ctx.insert("page_title", &page_title);
        ctx.insert("description", &description);
        ctx
    }

    pub(super) fn coverage(&self, from: &str) -> Vec<CoverageRow> {
        let site = self.site;
        site.translations()
            .map(|l| {
                let opening = std::iter::once(&site.source.title)
                    .chain(&site.source.preamble)
                    .chain(&site.source.closing);
                let mut cells = vec![self.cell(l, None, opening, from)];
                for sphere in &site.source.spheres {
                    let units = std::iter::once(&sphere.heading).chain(&sphere.paragraphs);
                    let mut cell = self.cell(l, Some(sphere.slug()), units, from);
                    let ru_page = dir_of(&site.original, View::Sphere(sphere.slug()));
                    cell.heading = Some(self.unit(l, &sphere.heading, &ru_page, from));
                    cells.push(cell);
                }
                CoverageRow {
                    lang: LangCtx::of(l),
                    href: self.href(from, &dir_of(&l.tag, View::Index)),
                    percent: self.percent(l),
                    cells,
                }
            })
            .collect()
    }

    fn cell<'u>(
        &self,
        lang: &Language,
        slug: Option<&str>,
        units: impl Iterator<Item = &'u Unit>,
        from: &str,
    ) -> CoverageCell {
        let mut counts = crate::model::Counts::default();
        for unit in units {
            counts.add(lang.unit(unit).state, lang.unit(unit).review);
        }
        CoverageCell {
            slug: slug.map(str::to_string),
            heading: None,
            href: self.href(
                from,
                &dir_of(&lang.tag, slug.map_or(View::Index, View::Sphere)),
            ),
            translated: counts.translated,
            stale: counts.stale,
            missing: counts.missing,
            state: counts.summary(),
        }
    }
}

#[derive(Serialize)]
pub(super) struct CoverageRow {
    lang: LangCtx,
    href: String,
    percent: u32,
    cells: Vec<CoverageCell>,
}

#[derive(Serialize)]
pub(super) struct CoverageCell {
    slug: Option<String>,
    heading: Option<UnitCtx>,
    href: String,
    translated: usize,
    stale: usize,
    missing: usize,
    state: State,
}
/// The Open Graph locale of a language (`kk_KZ`): the language's own
/// `og-locale` message if it has one, else its most likely region.
fn og_locale(lang: &Language) -> String {
    if let Some(locale) = lang.messages.format("og-locale", &[]) {
        return locale;
    }
    let mut id = lang.tag.identifier();
    id.maximize();
    match id.region {
        Some(region) => format!("{}_{}", id.language, region),
        None => id.language.to_string(),
    }
}

/// Shorten `text` to at most `max_chars` characters at a word boundary.
pub(super) fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}
