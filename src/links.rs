//! Where each page lives and how pages link to each other: relative links
//! only, so the folder works under any path prefix and (with `offline`) from `file://`.

/// One kind of page of one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum View<'a> {
    /// The language's home: title, preamble, contents, closing.
    Index,
    /// One sphere.
    Sphere(&'a str),
    /// The whole document.
    Full,
    /// Two languages side by side; `part` is a sphere slug or `None` for the whole text.
    Parallel {
        /// The right-hand language.
        other: &'a str,
        /// The sphere, or the whole text.
        part: Option<&'a str>,
    },
}

/// The folder of a page, relative to the output root, ending in `/`: its
/// language's folder (the tag), then [`page_dir`].
pub(crate) fn dir_of(lang: &str, view: View<'_>) -> String {
    let mut dir = format!("{lang}/");
    push_page_dir(&mut dir, view);
    dir
}

/// The folder of a page inside its language's folder: `""` for the
/// language's home, else ending in `/`.
pub(crate) fn page_dir(view: View<'_>) -> String {
    let mut dir = String::new();
    push_page_dir(&mut dir, view);
    dir
}

fn push_page_dir(dir: &mut String, view: View<'_>) {
    match view {
        View::Index => {}
        View::Sphere(slug) => {
            dir.push_str(slug);
            dir.push('/');
        }
        View::Full => dir.push_str("full/"),
        View::Parallel { other, part } => {
            for segment in ["parallel", other, part.unwrap_or("full")] {
                dir.push_str(segment);
                dir.push('/');
            }
        }
    }
}

/// The EPUB of a language, relative to the output root.
pub(crate) fn epub_file(lang: &str) -> String {
    format!("{lang}/statement.{lang}.epub")
}

/// How links are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Linker {
    /// Folder links end in `index.html` (for reading from disk).
    pub offline: bool,
}

impl Linker {
    /// A relative link from the page in folder `from` (relative to the root,
    /// `""` for the root itself) to `to`, a folder ending in `/` or a file.
    pub(crate) fn href(&self, from: &str, to: &str) -> String {
        let depth = from.matches('/').count();
        let mut out = "../".repeat(depth);
        out.push_str(to);
        if self.offline && (out.is_empty() || out.ends_with('/')) {
            out.push_str("index.html");
        }
        if out.is_empty() { "./".into() } else { out }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_per_view() {
        assert_eq!(dir_of("en", View::Index), "en/");
        assert_eq!(dir_of("en", View::Sphere("trade")), "en/trade/");
        assert_eq!(
            dir_of(
                "en",
                View::Parallel {
                    other: "kk",
                    part: Some("trade")
                }
            ),
            "en/parallel/kk/trade/"
        );
        assert_eq!(dir_of("en", View::Full), "en/full/");
        let whole = View::Parallel {
            other: "kk",
            part: None,
        };
        assert_eq!(dir_of("en", whole), "en/parallel/kk/full/");
        for view in [View::Index, View::Sphere("trade"), View::Full, whole] {
            assert_eq!(dir_of("en", view), format!("en/{}", page_dir(view)));
        }
        assert_eq!(page_dir(View::Index), "");
    }

    #[test]
    fn links_are_relative() {
        let online = Linker::default();
        assert_eq!(online.href("en/trade/", "ru/trade/"), "../../ru/trade/");
        assert_eq!(online.href("", "en/"), "en/");
        assert_eq!(online.href("en/", "en/"), "../en/");
        assert_eq!(online.href("", ""), "./");
        let offline = Linker { offline: true };
        assert_eq!(offline.href("en/trade/", "ru/"), "../../ru/index.html");
        assert_eq!(offline.href("en/", "theme/style.css"), "../theme/style.css");
    }
}
