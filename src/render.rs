//! Stage 3, render: the [`Site`] model through the theme's Tera templates
//! into pages in memory. Pure: no file is read or written here.

use std::collections::HashMap;
use std::sync::Arc;

use fluent_bundle::FluentValue;
use rayon::prelude::*;
use serde::Serialize;

use crate::error::{Diagnostic, Error, Location, Result};
use crate::i18n::{FALLBACK_CHAIN, Messages};
use crate::lang::ORIGINAL;
use crate::links::{Linker, View, dir_of};
use crate::load::{StaticFile, TextFile};
use crate::markdown::plain_text;
use crate::model::{Language, Site, State};
use crate::settings::Settings;
use crate::source::Unit;

/// One output file: its path under the output folder (with `/`) and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page {
    /// Relative path, for example `en/trade/index.html`.
    pub path: String,
    /// The contents.
    pub bytes: Vec<u8>,
}

/// The templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "sphere.html",
    "full.html",
    "parallel.html",
    "gateway.html",
    "status.html",
    "404.html",
    "download.html",
];

/// Parse the theme's templates once. Errors name the template and line.
pub fn templates(files: &[TextFile], messages: Vec<(String, Arc<Messages>)>) -> Result<tera::Tera> {
    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    let named: Vec<(String, &str)> = files
        .iter()
        .map(|f| {
            let name = f
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, f.text.as_str())
        })
        .collect();
    if let Err(err) = tera.add_raw_templates(named.iter().map(|(n, t)| (n.as_str(), *t))) {
        let path = files
            .iter()
            .find(|f| {
                err.to_string()
                    .contains(&*f.path.file_name().unwrap_or_default().to_string_lossy())
            })
            .map(|f| f.path.clone())
            .unwrap_or_else(|| "themes".into());
        let chain = error_chain(&err);
        let (location, message) = parse_position(&chain);
        return Err(Error::at(Diagnostic::error(path, location, message)));
    }
    for required in REQUIRED_TEMPLATES {
        if !named.iter().any(|(n, _)| n == required) {
            return Err(Error::Refused(format!(
                "the theme has no template `{required}`"
            )));
        }
    }
    tera.register_function("t", Translate { messages });
    Ok(tera)
}

/// Tera's parse errors carry their position as ` --> line:col` followed
/// by a snippet; turn that into a location and a one-line message.
fn parse_position(chain: &str) -> (Option<Location>, String) {
    let Some((head, rest)) = chain.split_once("--> ") else {
        return (None, chain.to_string());
    };
    let position: String = rest
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    let location = position
        .split_once(':')
        .and_then(|(l, c)| Some(Location::new(l.parse().ok()?, c.parse().ok()?)));
    // The expectation follows the snippet, after its last `|` line.
    let detail = rest
        .rsplit_once('|')
        .map_or("", |(_, d)| d)
        .trim()
        .trim_start_matches(['^', '=', ' ']);
    let head = head.trim().trim_end_matches(':').trim();
    let message = if detail.is_empty() {
        head.to_string()
    } else {
        format!("{head}: {detail}")
    };
    (
        location,
        message.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

/// The whole `source()` chain of a Tera error on one line.
fn error_chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut cause = err.source();
    while let Some(c) = cause {
        parts.push(c.to_string());
        cause = c.source();
    }
    parts.join(": ").replace('\n', " ")
}

/// The Tera function `t(key, lang, ...)`: an interface message, following the fallback chain.
struct Translate {
    messages: Vec<(String, Arc<Messages>)>,
}

impl Translate {
    fn lookup(&self, lang: &str, key: &str, args: &[(&str, FluentValue<'_>)]) -> Option<String> {
        lookup(
            self.messages.iter().map(|(tag, m)| (tag.as_str(), &**m)),
            lang,
            key,
            args,
        )
    }
}

/// Format the message `key` of `lang`, following the fallback chain.
fn lookup<'m>(
    messages: impl Iterator<Item = (&'m str, &'m Messages)> + Clone,
    lang: &str,
    key: &str,
    args: &[(&str, FluentValue<'_>)],
) -> Option<String> {
    std::iter::once(lang)
        .chain(FALLBACK_CHAIN.iter().copied())
        .filter_map(|tag| messages.clone().find(|(t, _)| *t == tag))
        .find_map(|(_, m)| m.format(key, args))
}

impl tera::Function for Translate {
    fn call(&self, args: &HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
        let key = args
            .get("key")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("t() needs key=\"message-id\""))?;
        let lang = args
            .get("lang")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("t() needs lang=lang.tag"))?;
        let mut names: Vec<&String> = args
            .keys()
            .filter(|k| *k != "key" && *k != "lang")
            .collect();
        names.sort();
        let fluent_args: Vec<(&str, FluentValue<'_>)> = names
            .into_iter()
            .map(|name| {
                let value = match &args[name] {
                    tera::Value::Number(n) => FluentValue::from(n.as_f64().unwrap_or_default()),
                    tera::Value::String(s) => FluentValue::from(s.as_str()),
                    other => FluentValue::from(other.to_string()),
                };
                (name.as_str(), value)
            })
            .collect();
        self.lookup(lang, key, &fluent_args)
            .map(tera::Value::String)
            .ok_or_else(|| {
                tera::Error::msg(format!(
                    "interface message `{key}` is missing from `{lang}` and from every fallback ({})",
                    FALLBACK_CHAIN.join(", ")
                ))
            })
    }

    fn is_safe(&self) -> bool {
        false
    }
}

#[derive(Serialize, Clone)]
struct LangCtx {
    tag: String,
    name: String,
    dir: String,
}

impl LangCtx {
    fn of(lang: &Language) -> Self {
        LangCtx {
            tag: lang.tag.clone(),
            name: lang.name.clone(),
            dir: lang.dir.clone(),
        }
    }
}

#[derive(Serialize)]
struct SwitchLink {
    lang: LangCtx,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct Alternate {
    hreflang: String,
    href: String,
}

#[derive(Serialize, Clone)]
struct UnitCtx {
    id: String,
    number: Option<usize>,
    /// "Link to paragraph N" in the page's language, formatted once per language.
    label: Option<String>,
    html: String,
    lang: String,
    dir: String,
    state: State,
    original_href: String,
}

#[derive(Serialize)]
struct SectionCtx {
    slug: Option<String>,
    heading: Option<UnitCtx>,
    paragraphs: Vec<UnitCtx>,
}

#[derive(Serialize)]
struct Row {
    kind: &'static str,
    left: UnitCtx,
    right: UnitCtx,
}

#[derive(Serialize)]
struct TocEntry {
    slug: String,
    heading: UnitCtx,
    href: String,
    current: bool,
}

#[derive(Serialize)]
struct NavLink {
    href: String,
    heading: UnitCtx,
}

#[derive(Serialize)]
struct Percent {
    lang: LangCtx,
    title: UnitCtx,
    href: String,
    percent: u32,
    is_original: bool,
}

/// Everything shared by the pages of the whole site.
struct Shared<'a> {
    site: &'a Site,
    /// Sphere slug → its index in the source.
    spheres: HashMap<&'a str, usize>,
    /// Per language (in site order), the share translated.
    percents: Vec<u32>,
    /// Per language (in site order), the permalink label of each paragraph number.
    labels: Vec<Vec<String>>,
    settings: &'a Settings,
    linker: Linker,
    tera: &'a tera::Tera,
    css: String,
    css_hash: String,
}

/// Render every page in memory, sorted by path.
pub fn site(
    site: &Site,
    settings: &Settings,
    tera: &tera::Tera,
    statics: &[StaticFile],
) -> Result<Vec<Page>> {
    let mut pages = Vec::new();
    each(site, settings, tera, statics, &mut |page| {
        pages.push(page);
        Ok(())
    })?;
    pages.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(pages)
}

/// Up to this many spheres, every page carries the table of contents.
const TOC_ON_EVERY_PAGE: usize = 40;

/// How many pages are rendered in parallel before they are handed on.
const CHUNK: usize = 256;

/// Render every page, in parallel chunks, handing each to `sink` in a
/// fixed order; memory holds one chunk at a time.
pub fn each(
    site: &Site,
    settings: &Settings,
    tera: &tera::Tera,
    statics: &[StaticFile],
    sink: &mut dyn FnMut(Page) -> Result<()>,
) -> Result<()> {
    let css = statics
        .iter()
        .find(|s| s.path == "theme/style.css")
        .map(|s| String::from_utf8_lossy(&s.bytes).into_owned())
        .unwrap_or_default();
    let paragraphs = site.source.paragraphs().count();
    let labels = site
        .languages
        .iter()
        .map(|lang| {
            let messages = site
                .languages
                .iter()
                .map(|l| (l.tag.as_str(), &*l.messages));
            (1..=paragraphs)
                .map(|n| {
                    let args = [("number", FluentValue::from(n))];
                    lookup(messages.clone(), &lang.tag, "permalink-label", &args)
                        .unwrap_or_else(|| format!("¶ {n}"))
                })
                .collect()
        })
        .collect();
    let shared = Shared {
        site,
        spheres: site
            .source
            .spheres
            .iter()
            .enumerate()
            .map(|(i, s)| (s.slug(), i))
            .collect(),
        percents: site
            .languages
            .iter()
            .map(|l| percent_translated(site, l))
            .collect(),
        settings,
        labels,
        linker: Linker {
            offline: settings.offline,
        },
        tera,
        css_hash: csp_hash(&css),
        css,
    };
    let mut jobs: Vec<(usize, Job<'_>)> = Vec::new();
    for (i, lang) in site.languages.iter().enumerate() {
        jobs.push((i, Job::View(View::Index)));
        jobs.push((i, Job::View(View::Full)));
        jobs.push((i, Job::Download));
        for sphere in &site.source.spheres {
            jobs.push((i, Job::View(View::Sphere(sphere.slug()))));
        }
        for other in &site.languages {
            if other.tag == lang.tag || !settings.parallel {
                continue;
            }
            jobs.push((
                i,
                Job::View(View::Parallel {
                    other: &other.tag,
                    part: None,
                }),
            ));
            for sphere in &site.source.spheres {
                jobs.push((
                    i,
                    Job::View(View::Parallel {
                        other: &other.tag,
                        part: Some(sphere.slug()),
                    }),
                ));
            }
        }
    }
    jobs.push((0, Job::Gateway));
    jobs.push((0, Job::Status));
    jobs.push((0, Job::NotFound));
    for chunk in jobs.chunks(CHUNK) {
        let pages = chunk
            .par_iter()
            .map(|(i, job)| shared.render(&site.languages[*i], *job))
            .collect::<Result<Vec<Page>>>()?;
        for page in pages {
            sink(page)?;
        }
    }
    let robots = match &settings.base_url {
        Some(base) => {
            sink(sitemap(&shared, base))?;
            format!("User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n")
        }
        None => "User-agent: *\nAllow: /\n".to_string(),
    };
    sink(Page {
        path: "robots.txt".into(),
        bytes: robots.into_bytes(),
    })?;
    for file in statics {
        sink(Page {
            path: file.path.clone(),
            bytes: file.bytes.clone(),
        })?;
    }
    Ok(())
}

#[derive(Clone, Copy)]
enum Job<'a> {
    View(View<'a>),
    Download,
    Gateway,
    Status,
    NotFound,
}

impl Shared<'_> {
    fn render(&self, lang: &Language, job: Job<'_>) -> Result<Page> {
        let (template, dir, file, ctx) = match job {
            Job::View(view) => {
                let dir = dir_of(&lang.tag, view);
                let ctx = self.view_context(lang, view, &dir);
                let template = match view {
                    View::Index => "index.html",
                    View::Sphere(_) => "sphere.html",
                    View::Full => "full.html",
                    View::Parallel { .. } => "parallel.html",
                };
                (template, dir, "index.html".to_string(), ctx)
            }
            Job::Download => {
                let dir = format!("{}/", lang.tag);
                let mut ctx = self.view_context(lang, View::Full, &dir);
                ctx.insert("inline_css", &self.css);
                ctx.insert("inline_css_hash", &self.css_hash);
                (
                    "download.html",
                    dir,
                    format!("statement.{}.html", lang.tag),
                    ctx,
                )
            }
            Job::Gateway => (
                "gateway.html",
                String::new(),
                "index.html".into(),
                self.global_context(""),
            ),
            Job::Status => {
                let dir = "status/".to_string();
                let mut ctx = self.global_context(&dir);
                ctx.insert("coverage", &self.coverage(&dir));
                ("status.html", dir, "index.html".into(), ctx)
            }
            Job::NotFound => {
                let mut ctx = self.global_context("");
                ctx.insert("inline_css", &self.css);
                ctx.insert("inline_css_hash", &self.css_hash);
                ("404.html", String::new(), "404.html".into(), ctx)
            }
        };
        let html = self.tera.render(template, &ctx).map_err(|err| {
            Error::at(Diagnostic::error(
                format!("themes/{}/templates/{template}", self.settings.theme),
                None,
                error_chain(&err),
            ))
        })?;
        Ok(Page {
            path: format!("{dir}{file}"),
            bytes: html.into_bytes(),
        })
    }

    fn percent(&self, lang: &Language) -> u32 {
        let index = self.site.languages.iter().position(|l| l.tag == lang.tag);
        index.map_or(0, |i| self.percents[i])
    }

    fn href(&self, from: &str, to: &str) -> String {
        self.linker.href(from, to)
    }

    /// A unit as shown in `lang`, linked to the same unit of the original.
    fn unit(&self, lang: &Language, unit: &Unit, page_dir_ru: &str, from: &str) -> UnitCtx {
        let shown = lang.unit(&unit.id);
        let text_dir = self
            .site
            .language(&shown.text_lang)
            .map_or("ltr", |l| l.dir.as_str());
        let number = self.site.numbers.get(&unit.id).copied();
        let lang_index = self
            .site
            .languages
            .iter()
            .position(|l| l.tag == lang.tag)
            .unwrap_or(0);
        UnitCtx {
            id: unit.id.clone(),
            number,
            label: number.and_then(|n| self.labels[lang_index].get(n - 1).cloned()),
            html: shown.html.clone(),
            lang: shown.text_lang.clone(),
            dir: text_dir.to_string(),
            state: shown.state,
            original_href: format!("{}#{}", self.href(from, page_dir_ru), unit.id),
        }
    }

    fn base_context(&self, from: &str) -> tera::Context {
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
        ctx.insert("original_lang", ORIGINAL);
        ctx
    }

    fn percents(&self, from: &str) -> Vec<Percent> {
        self.site
            .languages
            .iter()
            .map(|l| Percent {
                lang: LangCtx::of(l),
                title: self.unit(
                    l,
                    &self.site.source.title,
                    &dir_of(ORIGINAL, View::Index),
                    from,
                ),
                href: self.href(from, &dir_of(&l.tag, View::Index)),
                percent: self.percent(l),
                is_original: l.is_original(),
            })
            .collect()
    }

    fn global_context(&self, from: &str) -> tera::Context {
        let mut ctx = self.base_context(from);
        ctx.insert("languages", &self.percents(from));
        let original = self
            .site
            .language(ORIGINAL)
            .unwrap_or(&self.site.languages[0]);
        ctx.insert("lang", &LangCtx::of(original));
        ctx
    }

    fn view_context(&self, lang: &Language, view: View<'_>, from: &str) -> tera::Context {
        let site = self.site;
        let mut ctx = self.base_context(from);
        ctx.insert("lang", &LangCtx::of(lang));
        ctx.insert("is_original", &lang.is_original());
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
                hreflang: l.tag.clone(),
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
                .map(|l| og_locale(&l.tag))
                .collect::<Vec<_>>(),
        );
        ctx.insert("og_locale", &og_locale(&lang.tag));

        let ru_dir = |v: View<'_>| match v {
            View::Parallel {
                part: Some(slug), ..
            } => dir_of(ORIGINAL, View::Sphere(slug)),
            View::Parallel { part: None, .. } => dir_of(ORIGINAL, View::Full),
            v => dir_of(ORIGINAL, v),
        };
        let original_dir = ru_dir(view);
        ctx.insert("original_href", &self.href(from, &original_dir));
        let title = self.unit(
            lang,
            &site.source.title,
            &dir_of(ORIGINAL, View::Index),
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
        } else if lang.is_original() {
            site.languages
                .iter()
                .find(|l| !l.is_original())
                .map(|l| l.tag.as_str())
        } else {
            Some(ORIGINAL)
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
                        &dir_of(ORIGINAL, View::Sphere(s.slug())),
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
                    dir_of(ORIGINAL, View::Sphere(s))
                }
                _ => original_dir.clone(),
            };
            SectionCtx {
                slug: slug.map(str::to_string),
                heading: heading.map(|h| self.unit(lang, h, &page_ru, from)),
                paragraphs: units
                    .iter()
                    .map(|u| self.unit(lang, u, &page_ru, from))
                    .collect(),
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
                page_title = plain_text(&lang.unit("title").text);
            }
            View::Full => {
                ctx.insert("sections", &sections_of(lang, Some(None)));
                page_title = plain_text(&lang.unit("title").text);
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
                            &dir_of(ORIGINAL, View::Sphere(s.slug())),
                            from,
                        ),
                    })
                };
                ctx.insert("prev", &neighbour(idx.checked_sub(1)));
                ctx.insert("next", &neighbour(Some(idx + 1)));
                page_title = format!(
                    "{} — {}",
                    plain_text(&lang.unit(slug).text),
                    plain_text(&lang.unit("title").text)
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
                for (l, r) in left.into_iter().zip(right) {
                    if let (Some(lh), Some(rh)) = (l.heading, r.heading) {
                        rows.push(Row {
                            kind: "heading",
                            left: lh,
                            right: rh,
                        });
                    }
                    for (lp, rp) in l.paragraphs.into_iter().zip(r.paragraphs) {
                        rows.push(Row {
                            kind: "paragraph",
                            left: lp,
                            right: rp,
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
                    || plain_text(&lang.unit("title").text),
                    |slug| plain_text(&lang.unit(slug).text),
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
        let description = site
            .source
            .preamble
            .first()
            .map(|u| truncate(&plain_text(&lang.unit(&u.id).text), 200))
            .unwrap_or_default();
        ctx.insert("page_title", &page_title);
        ctx.insert("description", &description);
        ctx
    }

    fn coverage(&self, from: &str) -> Vec<CoverageRow> {
        let site = self.site;
        site.languages
            .iter()
            .filter(|l| !l.is_original())
            .map(|l| {
                let opening = std::iter::once(&site.source.title)
                    .chain(&site.source.preamble)
                    .chain(&site.source.closing);
                let mut cells = vec![self.cell(l, None, opening, from)];
                for sphere in &site.source.spheres {
                    let units = std::iter::once(&sphere.heading).chain(&sphere.paragraphs);
                    let mut cell = self.cell(l, Some(sphere.slug()), units, from);
                    let ru_page = dir_of(ORIGINAL, View::Sphere(sphere.slug()));
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
        let mut counts = [0usize; 3];
        for unit in units {
            counts[lang.unit(&unit.id).state as usize] += 1;
        }
        let state = if counts[2] > 0 {
            State::Missing
        } else if counts[1] > 0 {
            State::Stale
        } else {
            State::Translated
        };
        CoverageCell {
            slug: slug.map(str::to_string),
            heading: None,
            href: self.href(
                from,
                &dir_of(&lang.tag, slug.map_or(View::Index, View::Sphere)),
            ),
            translated: counts[0],
            stale: counts[1],
            missing: counts[2],
            state,
        }
    }
}

#[derive(Serialize)]
struct CoverageRow {
    lang: LangCtx,
    href: String,
    percent: u32,
    cells: Vec<CoverageCell>,
}

#[derive(Serialize)]
struct CoverageCell {
    slug: Option<String>,
    heading: Option<UnitCtx>,
    href: String,
    translated: usize,
    stale: usize,
    missing: usize,
    state: State,
}

/// The share of units translated from the current Russian, rounded down.
pub fn percent_translated(site: &Site, lang: &Language) -> u32 {
    let total = site.source.units().count();
    let done = site
        .source
        .units()
        .filter(|u| lang.unit(&u.id).state == State::Translated)
        .count();
    (done * 100).checked_div(total).map_or(100, |p| p as u32)
}

/// `kk` → `kk_KZ`-style Open Graph locale; the language alone when no region is known.
fn og_locale(tag: &str) -> String {
    match tag {
        "ru" => "ru_RU",
        "en" => "en_GB",
        "kk" => "kk_KZ",
        "ky" => "ky_KG",
        "tg" => "tg_TJ",
        "tk" => "tk_TM",
        "uz" => "uz_UZ",
        other => return other.replace('-', "_"),
    }
    .to_string()
}

fn truncate(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

/// `sitemap.xml` with every page and its alternates plus `x-default`.
fn sitemap(shared: &Shared<'_>, base: &str) -> Page {
    let site = shared.site;
    let mut views: Vec<View<'_>> = vec![View::Index, View::Full];
    views.extend(site.source.spheres.iter().map(|s| View::Sphere(s.slug())));
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let entry = |xml: &mut String, loc: &str, alternates: &[(String, String)]| {
        xml.push_str(&format!("  <url>\n    <loc>{}</loc>\n", escape_xml(loc)));
        for (lang, href) in alternates {
            xml.push_str(&format!(
                "    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href=\"{}\"/>\n",
                escape_xml(href)
            ));
        }
        xml.push_str("  </url>\n");
    };
    let x_default = ("x-default".to_string(), base.to_string());
    let gateway_alts: Vec<(String, String)> = site
        .languages
        .iter()
        .map(|l| {
            (
                l.tag.clone(),
                format!("{base}{}", dir_of(&l.tag, View::Index)),
            )
        })
        .chain([x_default.clone()])
        .collect();
    entry(&mut xml, base, &gateway_alts);
    for view in views {
        let alternates: Vec<(String, String)> = site
            .languages
            .iter()
            .map(|l| (l.tag.clone(), format!("{base}{}", dir_of(&l.tag, view))))
            .chain([x_default.clone()])
            .collect();
        for (_, loc) in alternates.iter().take(site.languages.len()) {
            entry(&mut xml, loc, &alternates);
        }
    }
    entry(&mut xml, &format!("{base}status/"), &[]);
    xml.push_str("</urlset>\n");
    Page {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    }
}

/// The Content-Security-Policy source that allows exactly this inline style.
fn csp_hash(css: &str) -> String {
    use base64::Engine as _;
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(css.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

fn escape_xml(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
