//! The built-in default theme, compiled into the binary from
//! `themes/default/`. It is the fallback of every theme: a project's theme
//! folder supplies any subset of templates and static files, and `load`
//! takes every file it lacks from here (as mdBook themes do). A project
//! without a `themes/` folder builds with this theme alone.
//!
//! Input: nothing at run time; output: the default theme's files as data.

/// The name of the built-in theme, the default of the `theme` setting.
pub(crate) const DEFAULT: &str = "default";

/// How messages name the folder of a built-in file (it is not in the project).
pub(crate) const BUILT_IN: &str = "<built-in>";

/// Declares the table of one folder of the default theme, by path inside it.
macro_rules! files {
    ($include:ident, $folder:literal: $($name:literal),* $(,)?) => {
        &[$(($name, $include!(concat!("../themes/default/", $folder, "/", $name)))),*]
    };
}

/// The file extensions of templates: pages, feeds and the EPUB's package,
/// documents and stylesheet.
pub(crate) const TEMPLATE_EXTENSIONS: &[&str] = &["html", "xml", "txt", "xhtml", "opf", "css"];

/// The templates (`themes/default/templates/`), by path inside it; each is
/// known by its file name.
pub(crate) const TEMPLATES: &[(&str, &str)] = files!(include_str, "templates":
    "404.html",
    "base.html",
    "download.html",
    "epub/container.xml",
    "epub/epub.css",
    "epub/nav.xhtml",
    "epub/package.opf",
    "epub/part.xhtml",
    "epub/title.xhtml",
    "full.html",
    "gateway.html",
    "index.html",
    "macros.html",
    "parallel.html",
    "partials/coverage-cells.html",
    "partials/sections.html",
    "partials/todo-items.html",
    "partials/todo-units.html",
    "robots.txt",
    "sitemap-language.xml",
    "sitemap.xml",
    "sphere.html",
    "status.html",
);

/// The static files (`themes/default/static/`), by path with `/`.
pub(crate) const STATICS: &[(&str, &[u8])] = files!(include_bytes, "static":
    "favicon.svg",
    "theme/fonts/NotoSans-Bold.woff2",
    "theme/fonts/NotoSans-Regular.woff2",
    "theme/fonts/NotoSerif-Regular.woff2",
    "theme/fonts/OFL.txt",
    "theme/mark.svg",
    "theme/search.js",
    "theme/style.css",
    "theme/tolmach.js",
);

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use super::*;

    /// Every file under `dir`, by path relative to it, with its bytes.
    fn folder(dir: &Path) -> BTreeMap<String, Vec<u8>> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .map(|e| e.expect("the default theme is readable"))
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                let rel = e.path().strip_prefix(dir).expect("under dir");
                let rel = rel.to_string_lossy().replace('\\', "/");
                (rel, std::fs::read(e.path()).expect("readable"))
            })
            .collect()
    }

    #[test]
    fn the_tables_hold_exactly_the_files_of_themes_default() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let templates: BTreeMap<String, Vec<u8>> = TEMPLATES
            .iter()
            .map(|(name, text)| (name.to_string(), text.as_bytes().to_vec()))
            .collect();
        assert_eq!(templates, folder(&root.join("templates")));
        let statics: BTreeMap<String, Vec<u8>> = STATICS
            .iter()
            .map(|(path, bytes)| (path.to_string(), bytes.to_vec()))
            .collect();
        assert_eq!(statics, folder(&root.join("static")));
    }
}
