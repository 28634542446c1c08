//! Tolmach: a static site generator for the multilingual edition of one
//! official document, the original and its translations.
//!
//! The build reads top to bottom: `load` reads the project, `model` parses
//! and cross-checks it (and is the only place that decides the domain's
//! rules), `render` turns it into pages in memory and `write` writes them
//! atomically and incrementally. The translator's commands (`workflow`,
//! `interchange`) are thin operations over the same model; they return
//! reports, and `cli` alone prints them and picks exit codes.
//!
//! The public surface is small: what the binary, the integration tests, the
//! fuzz targets and the benchmark generator (`xtask`) use.

mod build;
pub mod cli;
mod edit;
mod error;
mod i18n;
mod interchange;
mod lang;
mod layout;
mod links;
mod load;
mod markdown;
mod memory;
mod model;
mod progress;
mod render;
mod serve;
mod settings;
mod text;
mod theme;
mod workflow;
mod write;
mod yaml;

pub use error::{Diagnostic, Error, Location, Result, Severity};
pub use i18n::Messages;
pub use interchange::{ImportFile, ImportUnit};
pub use lang::LangTag;
pub use load::{Encoding, decode};
pub use markdown::{plain_text, render_inline};
pub use model::{Entry, Source, Translation, Unit, UnitId, UnitKind};
pub use render::Page;
pub use serve::{MAX_HEAD, inject, reload_tag};
pub use settings::{Overrides, Settings};

/// Read a project's settings (`tolmach.yaml` and `overrides`).
pub fn read_settings(root: &std::path::Path, overrides: Overrides) -> Result<Settings> {
    load::settings(root, overrides)
}

/// Render a project's whole site in memory, sorted by path: nothing is written.
pub fn render_site(root: &std::path::Path, overrides: Overrides) -> Result<Vec<Page>> {
    build::render(root, overrides).map(|(pages, _, _)| pages)
}

/// Parse an XLIFF (2.x or 1.2) or PO file, as `tolmach import` reads it.
pub fn parse_exchange_file(text: &str, path: &std::path::Path) -> Result<ImportFile> {
    interchange::parse(text, path)
}

/// Plan the import of the exchange file `file` into the project at `root`
/// and write nothing (`tolmach import --dry-run`): the whole import but the
/// write, for the fuzz targets. Returns whether every unit was accepted.
pub fn import_dry_run(root: &std::path::Path, file: &std::path::Path) -> Result<bool> {
    let report = interchange::import::run(&interchange::import::Options {
        root: root.to_path_buf(),
        file: file.to_path_buf(),
        dry_run: true,
        resolve: interchange::import::Resolve::Refuse,
    })?;
    Ok(report.is_clean())
}

/// A YAML double-quoted scalar for `value`, as Tolmach writes translation files.
pub fn yaml_string(value: &str) -> String {
    edit::quote(value)
}
