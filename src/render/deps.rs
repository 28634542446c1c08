//! What each page reads, as a fingerprint computed from the model before
//! anything is rendered: a page whose fingerprint equals the one recorded
//! by the last build (and whose file is intact) is carried over without
//! being rendered again.
//!
//! The fingerprint is exact where a change is common — one unit's text in
//! one language — and conservative elsewhere:
//!
//! - **the frame**: every page depends on the program's version, every
//!   setting, every template and static file of the theme, every
//!   language's interface messages (no page reads a glossary), the list of languages
//!   (the switcher and `hreflang`), the original's front matter and the
//!   document's structure (unit ids, kinds, numbers, spheres). Any change
//!   there renders every page again;
//! - **a language's frame**: each page of a language also depends on its
//!   counts (the share translated, review) and on the units every page of
//!   it shows: the title, the first paragraph of the preamble (the page
//!   description) and every sphere heading (contents, neighbours);
//! - **units**: each page depends on the units it shows, each in its
//!   language as shown (state, review, text, fallback, the original it was
//!   translated from) together with its original; a parallel page on
//!   those of both languages. The full text, the one-file download and
//!   the EPUB depend on every unit of their language;
//! - the pages of the whole site: the sitemap index `sitemap.xml`, each
//!   language's sitemap and `robots.txt` on the site's frame alone (the
//!   languages and the document's structure are all a sitemap lists); the
//!   gateway and the 404 page also on every language's title and figures
//!   (each unit's state and review, its orphans); a status page on those
//!   and on every unit of its language (its open work lists them with
//!   their text);
//! - a static file on its bytes.

use rayon::prelude::*;
use sha2::Digest as _;

use crate::load::Project;
use crate::model::{Language, Site, Source, Unit};

/// A page's dependency fingerprint: 128 bits of SHA-256.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub(crate) struct Fingerprint([u8; 16]);

impl Fingerprint {
    /// Its 16 bytes, as the manifest records them.
    pub(crate) fn bytes(self) -> [u8; 16] {
        self.0
    }

    /// In hex, as the manifest records it.
    pub(crate) fn to_hex(self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// A SHA-256 fed with labelled, length-prefixed fields, so that no two
/// different sequences of fields hash alike.
struct Hasher(sha2::Sha256);

impl Hasher {
    fn new(label: &str) -> Hasher {
        let mut h = Hasher(sha2::Sha256::new());
        h.add(label.as_bytes());
        h
    }

    fn add(&mut self, bytes: &[u8]) -> &mut Hasher {
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    fn text(&mut self, text: &str) -> &mut Hasher {
        self.add(text.as_bytes())
    }

    fn print(&mut self, value: &impl std::fmt::Debug) -> &mut Hasher {
        self.text(&format!("{value:?}"))
    }

    fn fp(&mut self, fp: &Fingerprint) -> &mut Hasher {
        self.add(&fp.0)
    }

    fn finish(&mut self) -> Fingerprint {
        let digest = std::mem::take(&mut self.0).finalize();
        let mut out = [0; 16];
        out.copy_from_slice(&digest[..16]);
        Fingerprint(out)
    }
}

/// A fingerprint of everything a build's output depends on: this
/// program's version, the settings and every file read. Equal fingerprints
/// give byte-identical sites, so a build can skip rendering altogether.
pub(crate) fn of_inputs(project: &Project) -> Fingerprint {
    let mut h = Hasher::new("inputs");
    h.text(env!("CARGO_PKG_VERSION")).print(&project.settings);
    let mut file = |path: &str, bytes: &[u8]| {
        h.text(path).add(bytes);
    };
    file(
        &project.source.path.to_string_lossy(),
        project.source.text.as_bytes(),
    );
    for locale in &project.locales {
        let files = [&locale.statement, &locale.orphans, &locale.glossary];
        for f in files.into_iter().flatten().chain([&locale.messages]) {
            file(&f.path.to_string_lossy(), f.text.as_bytes());
        }
    }
    for template in &project.templates {
        file(&template.path.to_string_lossy(), template.text.as_bytes());
    }
    for f in &project.statics {
        file(&f.path, &f.bytes);
    }
    h.finish()
}

/// Which units of a language a page shows, besides its language's frame.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Scope {
    /// The index: the preamble and the closing.
    Index,
    /// The sphere at this position: its heading and paragraphs.
    Sphere(usize),
    /// Every unit.
    Whole,
}

/// What a planned page reads.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Reads<'a> {
    /// Anything: every input file.
    Everything,
    /// The site's frame alone (the sitemaps, robots.txt).
    Site,
    /// The site's frame, and every language's title and figures (the
    /// gateway, the 404 page).
    Overview,
    /// The overview, and every unit of the language at this position (its status page).
    Status(usize),
    /// A page of the language at this position in the site's order.
    Lang {
        /// The language's position.
        lang: usize,
        /// Its units shown.
        scope: Scope,
    },
    /// A page of two languages side by side.
    Pair {
        /// The first column's language.
        lang: usize,
        /// The second column's.
        other: usize,
        /// The units shown in both.
        scope: Scope,
    },
    /// A file copied as it is.
    Bytes(&'a [u8]),
}

impl Reads<'_> {
    /// Whether the page shows a whole document (the full text, a
    /// download, an EPUB, a search index): the longest to render.
    pub(crate) fn is_whole(&self) -> bool {
        matches!(
            self,
            Reads::Lang {
                scope: Scope::Whole,
                ..
            } | Reads::Pair {
                scope: Scope::Whole,
                ..
            }
        )
    }
}

/// One language's fingerprints.
struct LangDeps {
    /// What every page of the language reads.
    frame: Fingerprint,
    /// Its title and figures: the state and review of every unit, its
    /// orphans; what the pages of the whole site show of it.
    figures: Fingerprint,
    /// Each unit as shown in the language, by its position in reading order.
    units: Vec<Fingerprint>,
    /// The frame and every unit.
    whole: Fingerprint,
}

/// The fingerprints every page's is made of, computed once per build.
pub(crate) struct Deps {
    everything: Fingerprint,
    site: Fingerprint,
    original: usize,
    langs: Vec<LangDeps>,
    /// Per sphere, the positions of its units (heading first).
    spheres: Vec<Vec<usize>>,
    /// The positions of the preamble's and the closing's units.
    index: Vec<usize>,
}

impl Deps {
    /// The fingerprints of `site`, made from `project` (whose settings,
    /// templates, static files and interface messages are still loaded)
    /// and from `units`, each language's [`unit_prints`] in the site's
    /// order, taken before its texts were freed; `everything` is the
    /// fingerprint of every input file.
    pub(crate) fn new(
        site: &Site,
        project: &Project,
        units: Vec<UnitPrints>,
        everything: &str,
    ) -> Deps {
        let frame = site_frame(site, project);
        let langs = site
            .languages
            .par_iter()
            .zip(units)
            .map(|(lang, units)| lang_deps(site, lang, units, &frame))
            .collect();
        let source = &site.source;
        Deps {
            everything: Hasher::new("everything").text(everything).finish(),
            site: frame,
            original: site
                .languages
                .iter()
                .position(|l| site.is_original(l))
                .unwrap_or(0),
            langs,
            spheres: source
                .spheres
                .iter()
                .map(|s| s.units().map(|u| u.index).collect())
                .collect(),
            index: source
                .preamble
                .iter()
                .chain(&source.closing)
                .map(|u| u.index)
                .collect(),
        }
    }

    /// The fingerprint of the page made with `kind` (its template or output)
    /// that reads `reads`.
    pub(crate) fn of(&self, kind: &str, reads: Reads<'_>) -> Fingerprint {
        let mut h = Hasher::new(kind);
        match reads {
            Reads::Everything => {
                h.text("everything").fp(&self.everything);
            }
            Reads::Site => {
                h.text("site").fp(&self.site);
            }
            Reads::Overview => {
                h.text("overview");
                self.overview(&mut h);
            }
            Reads::Status(lang) => {
                h.text("status");
                self.overview(&mut h);
                h.fp(&self.langs[lang].whole);
            }
            Reads::Bytes(bytes) => {
                h.text("bytes").add(bytes);
            }
            Reads::Lang { lang, scope } => {
                h.text("lang");
                self.scope(&mut h, lang, scope);
                // The EPUB names the original's title.
                h.fp(&self.langs[self.original].frame);
            }
            Reads::Pair { lang, other, scope } => {
                h.text("pair");
                self.scope(&mut h, lang, scope);
                self.scope(&mut h, other, scope);
            }
        }
        h.finish()
    }

    fn overview(&self, h: &mut Hasher) {
        h.fp(&self.site);
        for lang in &self.langs {
            h.fp(&lang.figures);
        }
    }

    fn scope(&self, h: &mut Hasher, lang: usize, scope: Scope) {
        let deps = &self.langs[lang];
        let units = |h: &mut Hasher, positions: &[usize]| {
            h.fp(&deps.frame);
            for &i in positions {
                h.fp(&deps.units[i]);
            }
        };
        match scope {
            Scope::Whole => {
                h.text("whole").fp(&deps.whole);
            }
            Scope::Index => {
                h.text("index");
                units(h, &self.index);
            }
            Scope::Sphere(i) => {
                h.text("sphere").print(&i);
                units(h, self.spheres.get(i).map_or(&[], Vec::as_slice));
            }
        }
    }
}

/// What every page of the site reads: see the module's documentation.
fn site_frame(site: &Site, project: &Project) -> Fingerprint {
    let mut h = Hasher::new("site");
    h.text(env!("CARGO_PKG_VERSION")).print(&project.settings);
    for file in &project.templates {
        h.print(&file.path).text(&file.text);
    }
    for file in &project.statics {
        h.text(&file.path).add(&file.bytes);
    }
    for locale in &project.locales {
        h.print(&locale.lang)
            .print(&locale.messages.path)
            .text(&locale.messages.text);
    }
    h.print(&site.original).print(&site.fallback);
    for lang in &site.languages {
        h.print(&lang.tag).text(&lang.name).print(&lang.dir);
    }
    let source = &site.source;
    h.print(&source.provenance).print(&source.edition);
    for unit in source.units() {
        h.print(&unit.id)
            .print(&unit.kind)
            .print(&unit.number)
            .print(&unit.index);
    }
    for sphere in &source.spheres {
        h.text(sphere.slug())
            .print(&sphere.paragraphs.first().map(|u| u.index));
    }
    h.finish()
}

/// Each unit of a language as shown, fingerprinted by its position in
/// reading order: what [`Deps::new`] needs of the language's texts, taken
/// while the model still holds them.
#[derive(serde::Serialize, serde::Deserialize)]
pub(crate) struct UnitPrints(Vec<Fingerprint>);

/// The fingerprints of every unit of `lang` (see [`unit_deps`]).
pub(crate) fn unit_prints(source: &Source, lang: &Language) -> UnitPrints {
    UnitPrints(source.units().map(|u| unit_deps(lang, u)).collect())
}

/// One language's fingerprints, on top of the site's frame.
fn lang_deps(site: &Site, lang: &Language, units: UnitPrints, frame: &Fingerprint) -> LangDeps {
    let source = &site.source;
    let units = units.0;
    let mut h = Hasher::new("language");
    h.fp(frame)
        .print(&lang.tag)
        .print(&lang.counts)
        .print(&lang.part_counts)
        .print(&lang.unnamed.len());
    let shared = std::iter::once(&source.title)
        .chain(source.preamble.first())
        .chain(source.spheres.iter().map(|s| &s.heading));
    for unit in shared {
        h.fp(&units[unit.index]);
    }
    let lang_frame = h.finish();
    let mut figures = Hasher::new("figures");
    figures
        .fp(frame)
        .print(&lang.tag)
        .print(&lang.counts)
        .print(&lang.part_counts)
        .fp(&units[source.title.index]);
    for unit in source.units() {
        let shown = lang.unit(unit);
        figures.print(&shown.state).print(&shown.review);
    }
    for entry in lang
        .orphan_entries()
        .chain(lang.parked.iter().flat_map(|p| &p.entries))
    {
        figures.text(&entry.id);
    }
    let mut whole = Hasher::new("whole");
    whole.fp(&lang_frame);
    for unit in &units {
        whole.fp(unit);
    }
    LangDeps {
        frame: lang_frame,
        figures: figures.finish(),
        whole: whole.finish(),
        units,
    }
}

/// `unit` as shown in `lang`, with its original: everything a page's markup of it reads.
fn unit_deps(lang: &Language, unit: &Unit) -> Fingerprint {
    let shown = lang.unit(unit);
    Hasher::new("unit")
        .print(&unit.id)
        .print(&unit.kind)
        .print(&unit.number)
        .print(&unit.index)
        .text(&unit.text)
        .print(&shown.state)
        .print(&shown.review)
        .text(shown.markdown())
        .text(&shown.html)
        .print(&shown.fallback)
        .print(&shown.old_source)
        .finish()
}
