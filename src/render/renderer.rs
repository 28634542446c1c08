//! The state every page of the site is rendered from: the model, the
//! settings, one [`LangRender`] per language, the parsed templates and the
//! inline stylesheet. Built once per build, shared (read-only) by every
//! page rendered in parallel.

use std::collections::HashMap;

use serde::Serialize;

use super::body::Body;
use super::lang::{LangRender, original};
use super::splice;
use super::templates::Templates;
use super::views::metadata::{self, Metadata};
use crate::error::{Error, Result};
use crate::lang::LangTag;
use crate::links::Linker;
use crate::load::StaticFile;
use crate::model::Site;
use crate::model::source::Sphere;
use crate::settings::Settings;

/// The static file inlined into the one-file download and the 404 page.
const STYLESHEET: &str = "theme/style.css";

/// Everything shared by the pages of the whole site.
pub(crate) struct Renderer<'a> {
    /// The model.
    pub(super) site: &'a Site,
    /// The settings of the build.
    pub(super) settings: &'a Settings,
    /// Per language, in the site's order.
    pub(super) langs: Vec<LangRender<'a>>,
    /// The theme's static files, copied as they are.
    pub(super) statics: &'a [StaticFile],
    /// Sphere slug → its index in the source.
    spheres: HashMap<&'a str, usize>,
    /// The theme's stylesheet, for pages that inline it.
    pub(super) css: String,
    /// The Content-Security-Policy source that allows exactly that inline style.
    pub(super) css_hash: String,
    /// The theme's `@font-face` rules with the fonts as data URIs, for the
    /// one-file download (which loads nothing); empty if the theme has none.
    pub(super) fonts_inline: String,
    /// The Content-Security-Policy source of `fonts_inline`.
    pub(super) fonts_hash: String,
    templates: &'a Templates,
    /// What `parallel.html` may read (asked once, not on every page): its
    /// rows as each part's markup (`sections`), one by one (`rows`), or both.
    pub(super) parallel_reads: ParallelReads,
    linker: Linker,
    /// Per language, in the order of `langs`: its JSON-LD, citation meta
    /// tags and citation pattern, the same on each of its pages.
    metadata: Vec<Metadata>,
}

/// Which of the two forms of a parallel page's rows its template may read.
#[derive(Clone, Copy, Debug)]
pub(super) struct ParallelReads {
    pub(super) sections: bool,
    pub(super) rows: bool,
}

impl<'a> Renderer<'a> {
    /// Prepare to render `site`: every language's shared parts are computed here.
    pub(super) fn new(
        site: &'a Site,
        settings: &'a Settings,
        templates: &'a Templates,
        statics: &'a [StaticFile],
    ) -> Result<Renderer<'a>> {
        let stylesheet = statics
            .iter()
            .find(|s| s.path == STYLESHEET)
            .map(|s| String::from_utf8_lossy(&s.bytes).into_owned())
            .unwrap_or_default();
        // Inline, the `@font-face` rules' relative URLs would not resolve:
        // the download gets them with the fonts as data URIs, the 404 page none.
        let (font_faces, css) = split_font_faces(&stylesheet);
        let fonts_inline = inline_fonts(&font_faces, statics);
        let langs = site
            .languages
            .iter()
            .map(|lang| LangRender::new(site, lang))
            .collect::<Result<Vec<_>>>()?;
        let metadata = metadata::of_each(site, settings.base_url.as_deref(), &langs);
        Ok(Renderer {
            site,
            settings,
            langs,
            statics,
            spheres: site
                .source
                .spheres
                .iter()
                .enumerate()
                .map(|(i, s)| (s.slug(), i))
                .collect(),
            css_hash: csp_hash(&css),
            css,
            fonts_hash: csp_hash(&fonts_inline),
            fonts_inline,
            parallel_reads: ParallelReads {
                sections: templates.may_read("parallel.html", "sections"),
                rows: templates.may_read("parallel.html", "rows"),
            },
            templates,
            linker: Linker {
                offline: settings.offline,
            },
            metadata,
        })
    }

    /// The metadata of the pages of `lang`.
    pub(super) fn metadata(&self, lang: &LangRender<'_>) -> &Metadata {
        &self.metadata[self.position(lang)]
    }

    /// The original's language (the first language if the site lacks it).
    pub(super) fn original(&self) -> &LangRender<'a> {
        original(&self.langs)
    }

    /// The position of `lang` in the site's order.
    pub(super) fn position(&self, lang: &LangRender<'_>) -> usize {
        self.langs
            .iter()
            .position(|l| l.tag() == lang.tag())
            .expect("every LangRender is one of the renderer's")
    }

    /// The original's language tag.
    pub(super) fn original_tag(&self) -> &'a LangTag {
        &self.site.original
    }

    /// The sphere with slug `slug` and its index in the source.
    pub(super) fn sphere(&self, slug: &str) -> (usize, &'a Sphere) {
        let index = self.spheres.get(slug).copied().unwrap_or(0);
        (index, &self.site.source.spheres[index])
    }

    /// A relative link from the page in folder `from` to `to`.
    pub(super) fn href(&self, from: &str, to: &str) -> String {
        self.linker.href(from, to)
    }

    /// The address of the folder `dir`: absolute with a base URL, else relative to `from`.
    pub(super) fn absolute(&self, from: &str, dir: &str) -> String {
        match &self.settings.base_url {
            Some(base) => format!("{base}{dir}"),
            None => self.href(from, dir),
        }
    }

    /// The file the template `name` was read from, for messages.
    pub(super) fn template_path(&self, name: &str) -> std::path::PathBuf {
        self.templates.path_of(name)
    }

    /// Whether rendering the template `name` could read the context key `key`.
    pub(super) fn may_read(&self, name: &str, key: &str) -> bool {
        self.templates.may_read(name, key)
    }

    /// Render the template `name` with `context`.
    pub(super) fn render(&self, name: &str, context: &impl Serialize) -> Result<String> {
        self.templates.render(name, &tera_context(name, context)?)
    }

    /// Render the template `name` with `context`, which is dropped once
    /// Tera has its own copy: a large context is not held twice while its
    /// page renders.
    pub(super) fn render_owned(&self, name: &str, context: impl Serialize) -> Result<String> {
        let copied = tera_context(name, &context)?;
        drop(context);
        self.templates.render(name, &copied)
    }

    /// Render the page `name` from the context `make` builds. Where the
    /// templates print the sections' bodies whole, the bodies are kept out
    /// of Tera and become pieces of the page (see `splice`): a whole
    /// document is held once while its page is made. Otherwise, or if the
    /// frame Tera made does not hold each body's place once, the page is
    /// rendered with the bodies in its context; the bytes are the same.
    pub(super) fn render_page<C: Serialize>(
        &self,
        name: &str,
        make: impl Fn() -> Result<C>,
    ) -> Result<Body> {
        if self.templates.prints_whole(name) {
            let context = make()?;
            let (copied, taken) = splice::lifted(|| tera_context(name, &context));
            drop(context);
            let frame = self.templates.render(name, &copied?)?;
            if let Some(body) = splice::join(frame, taken) {
                return Ok(body);
            }
        }
        Ok(self.render_owned(name, make()?)?.into_bytes().into())
    }
}

/// Tera's copy of the context of the template `name`.
fn tera_context(name: &str, context: &impl Serialize) -> Result<tera::Context> {
    tera::Context::from_serialize(context)
        .map_err(|err| Error::Refused(format!("the context of `{name}`: {err}")))
}

/// The stylesheet's `@font-face` rules (each starting a line), and the
/// stylesheet without them.
fn split_font_faces(css: &str) -> (String, String) {
    let (mut faces, mut rest) = (String::new(), String::with_capacity(css.len()));
    let mut tail = css;
    let rule_start = |text: &str| -> Option<usize> {
        if text.starts_with("@font-face") {
            return Some(0);
        }
        text.find("\n@font-face").map(|i| i + 1)
    };
    while let Some(start) = rule_start(tail) {
        let Some(end) = tail[start..].find('}').map(|i| start + i + 1) else {
            break;
        };
        rest.push_str(&tail[..start]);
        faces.push_str(&tail[start..end]);
        faces.push('\n');
        tail = tail[end..].trim_start_matches('\n');
    }
    rest.push_str(tail);
    (faces, rest)
}

/// `@font-face` rules with every `url("fonts/NAME.woff2")` that names one
/// of the theme's static files replaced by that file as a data URI.
fn inline_fonts(faces: &str, statics: &[StaticFile]) -> String {
    use base64::Engine as _;
    let mut css = faces.to_string();
    let fonts = statics
        .iter()
        .filter(|s| s.path.starts_with("theme/fonts/") && s.path.ends_with(".woff2"));
    for font in fonts {
        let rel = &font.path["theme/".len()..];
        let data = base64::engine::general_purpose::STANDARD.encode(&font.bytes);
        css = css.replace(
            &format!("url(\"{rel}\")"),
            &format!("url(\"data:font/woff2;base64,{data}\")"),
        );
    }
    css
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_faces_are_split_off_at_the_start_of_a_line() {
        let css = "/* mentions @font-face here */\n@font-face { src: url(\"fonts/a.woff2\"); }\nbody { x: y; }\n";
        let (faces, rest) = split_font_faces(css);
        assert_eq!(faces, "@font-face { src: url(\"fonts/a.woff2\"); }\n");
        assert_eq!(rest, "/* mentions @font-face here */\nbody { x: y; }\n");
        let statics = [StaticFile {
            path: "theme/fonts/a.woff2".into(),
            bytes: b"wOF2".to_vec(),
        }];
        assert!(
            inline_fonts(&faces, &statics).contains("url(\"data:font/woff2;base64,d09GMg==\")")
        );
    }
}
