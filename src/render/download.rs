//! The one-file download as an [`Output`]: per language the whole document
//! in one HTML file with its stylesheet inline, `<lang>/statement.<lang>.html`.

use super::deps::{Reads, Scope};
use super::lang::LangRender;
use super::output::{Job, Output, templated};
use super::renderer::Renderer;
use super::views;

/// One self-contained HTML file per language.
pub(crate) struct Download;

impl Output for Download {
    fn language_pages<'r>(&'r self, r: &'r Renderer<'r>, lang: &'r LangRender<'r>) -> Vec<Job<'r>> {
        let tag = lang.tag();
        let path = format!("{tag}/statement.{tag}.html");
        let reads = Reads::Lang {
            lang: r.position(lang),
            scope: Scope::Whole,
        };
        vec![
            templated(r, "download.html", path, move || {
                views::download(r, lang, &format!("{tag}/"))
            })
            .reading(reads),
        ]
    }
}
