//! `cargo xtask gen-corpus`: write a synthetic Tolmach project at scale for
//! benchmarks. Not part of the `tolmach` binary.
//!
//! The generated project keeps the real title, preamble and closing once and
//! repeats the nine spheres `scale` times. Copy `k` (from 2 on) of a sphere
//! gets the slug `<slug>-k<k>` and paragraph ids `<id>-k<k>`, so every id is
//! distinct and valid. The text is the real Russian. There are `languages`
//! languages including `ru`: the real ones first (in the order of the real
//! settings), then ISO 639-1 codes from [`EXTRA_LANGUAGES`]. Every
//! translation is complete: a real language reuses its real translation of
//! the unit copied; a generated one gets the Russian with its words reversed,
//! text of realistic length. `site.ftl` of a generated language is the
//! English one with its `language-name` changed; the theme and the settings
//! are copied, with `languages` set to the generated order.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use tolmach::{Error, Result, Source, Translation, Unit, UnitKind, yaml_string as quote};

/// Language tags used after the real ones, in this order (all canonical
/// BCP 47 tags that [`LangTag::parse`] accepts, all left-to-right).
pub const EXTRA_LANGUAGES: &[&str] = &[
    "de", "fr", "es", "it", "pt", "pl", "cs", "sk", "sl", "hr", "sr", "bg", "uk", "be", "lt", "lv",
    "et", "fi", "sv", "nb", "da", "nl", "el", "hu", "ro", "tr", "az", "hy", "ka", "hi", "bn", "ja",
    "ko", "zh", "vi", "th", "id", "ms", "mn", "ga", "cy", "is", "mt", "sq", "mk", "eu", "ca", "gl",
];

/// Options of `gen-corpus`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the generated project (must not exist or be empty).
    pub out: PathBuf,
    /// How many times the nine spheres are repeated.
    #[arg(long, default_value_t = 1)]
    pub scale: usize,
    /// How many languages, the original included.
    #[arg(long, default_value_t = 7)]
    pub languages: usize,
    /// The real project to take the source and settings from.
    #[arg(long, default_value = ".")]
    pub from: PathBuf,
}

/// Run the command.
pub fn run(args: &Args) -> Result<()> {
    let plan = Plan::read(&args.from, args.languages)?;
    if args.scale == 0 {
        return Err(Error::Refused("--scale must be at least 1".into()));
    }
    check_empty(&args.out)?;
    let units = plan.write(&args.out, args.scale)?;
    println!(
        "wrote {}: {} spheres, {} units, {} languages ({})",
        args.out.display(),
        plan.source.spheres.len() * args.scale,
        units,
        plan.langs.len(),
        plan.langs.join(" ")
    );
    Ok(())
}

/// Refuse an output folder that exists and is not empty.
fn check_empty(out: &Path) -> Result<()> {
    let occupied = std::fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_some());
    if occupied {
        return Err(Error::Refused(format!(
            "{} exists and is not empty; gen-corpus writes only into a new or empty folder",
            out.display()
        )));
    }
    Ok(())
}

/// What the generated project is made from.
struct Plan {
    /// The real project root.
    from: PathBuf,
    /// The real original.
    source: Source,
    /// The original's language.
    original: String,
    /// The language order of the generated project.
    langs: Vec<String>,
    /// Real translations by language tag.
    real: Vec<(String, Translation)>,
    /// The real settings file.
    settings: String,
}

impl Plan {
    /// Read the real project at `from` and choose `count` languages.
    fn read(from: &Path, count: usize) -> Result<Plan> {
        let settings = tolmach::read_settings(from, tolmach::Overrides::default())?;
        let source_path = Path::new("sources/statement.md");
        let source = Source::parse(
            &read_text(from, source_path)?,
            source_path,
            &settings.original,
        )
        .map_err(Error::Invalid)?;
        let langs: Vec<String> = std::iter::once(settings.original.to_string())
            .chain(settings.languages.iter().map(ToString::to_string))
            .fold(Vec::new(), |mut acc, l| {
                if !acc.contains(&l) {
                    acc.push(l);
                }
                acc
            });
        let mut real = Vec::new();
        for lang in &langs {
            let rel = PathBuf::from(format!("locales/{lang}/statement.yaml"));
            if from.join(&rel).is_file() {
                let parsed = Translation::parse(&read_text(from, &rel)?, &rel)
                    .map_err(|d| Error::Invalid(vec![d]))?;
                real.push((lang.clone(), parsed));
            }
        }
        let available: Vec<String> = langs
            .into_iter()
            .chain(EXTRA_LANGUAGES.iter().map(|s| s.to_string()))
            .fold(Vec::new(), |mut acc, l| {
                if !acc.contains(&l) {
                    acc.push(l);
                }
                acc
            });
        if count == 0 || count > available.len() {
            return Err(Error::Refused(format!(
                "--languages must be between 1 and {} (the original included)",
                available.len()
            )));
        }
        let settings_path = from.join(SETTINGS);
        let settings_text =
            std::fs::read_to_string(&settings_path).map_err(|e| Error::io(&settings_path, e))?;
        Ok(Plan {
            from: from.to_path_buf(),
            original: settings.original.to_string(),
            source,
            langs: available.into_iter().take(count).collect(),
            real,
            settings: settings_text,
        })
    }

    /// Write the project into `out`; returns the number of units.
    fn write(&self, out: &Path, scale: usize) -> Result<usize> {
        let units = copies(&self.source, scale);
        write_file(
            out,
            "sources/statement.md",
            &source_text(&units, &self.original),
        )?;
        for lang in &self.langs {
            self.write_locale(out, lang, &units)?;
        }
        copy_tree(&self.from.join("themes"), &out.join("themes"))?;
        write_file(out, SETTINGS, &settings_text(&self.settings, &self.langs))?;
        Ok(units.len())
    }

    /// Write `locales/<lang>/`: interface strings, glossary and (not for the original) a full translation.
    fn write_locale(&self, out: &Path, lang: &str, units: &[Copy<'_>]) -> Result<()> {
        let dir = format!("locales/{lang}");
        let real_dir = self.from.join(&dir);
        if real_dir.is_dir() {
            for name in [MESSAGES, "glossary.yaml"] {
                let from = real_dir.join(name);
                if from.is_file() {
                    let text = std::fs::read_to_string(&from).map_err(|e| Error::io(&from, e))?;
                    write_file(out, &format!("{dir}/{name}"), &text)?;
                }
            }
        } else {
            let en = self.from.join("locales/en").join(MESSAGES);
            let text = std::fs::read_to_string(&en).map_err(|e| Error::io(&en, e))?;
            write_file(
                out,
                &format!("{dir}/{MESSAGES}"),
                &renamed_messages(&text, lang),
            )?;
        }
        if lang == self.original {
            return Ok(());
        }
        let real = self.real.iter().find(|(l, _)| l == lang).map(|(_, t)| t);
        write_file(
            out,
            &format!("{dir}/statement.yaml"),
            &translation_text(lang, units, real),
        )
    }
}

/// The settings file.
const SETTINGS: &str = "tolmach.yaml";
/// A language's interface strings.
const MESSAGES: &str = "site.ftl";

/// Read a UTF-8 file of the project at `root`.
fn read_text(root: &Path, rel: &Path) -> Result<String> {
    let bytes = std::fs::read(root.join(rel)).map_err(|e| Error::io(rel, e))?;
    tolmach::decode(bytes, rel, true)
        .map(|(text, _)| text)
        .map_err(|d| Error::Invalid(vec![d]))
}

/// One unit of the generated original: the real unit it copies, its new id and text.
struct Copy<'a> {
    /// The real unit.
    base: &'a Unit,
    /// The id in the generated project.
    id: String,
    /// Which copy of the spheres (1 for the real ones, the title, preamble and closing).
    k: usize,
    /// Whether the unit is a sphere heading.
    heading: bool,
}

impl Copy<'_> {
    /// The Russian text: headings of later copies carry their number so the contents can tell them apart.
    fn russian(&self) -> String {
        self.mark(&self.base.text)
    }

    /// `text` with the copy number appended to a later heading.
    fn mark(&self, text: &str) -> String {
        if self.heading && self.k > 1 {
            format!("{text} {}", self.k)
        } else {
            text.to_string()
        }
    }
}

/// The id of copy `k` of the real id `id`.
fn copy_id(id: &str, k: usize) -> String {
    if k == 1 {
        id.to_string()
    } else {
        format!("{id}-k{k}")
    }
}

/// Every unit of the generated original in reading order.
fn copies(source: &Source, scale: usize) -> Vec<Copy<'_>> {
    fn once(unit: &Unit) -> Copy<'_> {
        Copy {
            base: unit,
            id: unit.id.to_string(),
            k: 1,
            heading: false,
        }
    }
    let mut out: Vec<Copy<'_>> = std::iter::once(&source.title)
        .chain(&source.preamble)
        .map(once)
        .collect();
    for k in 1..=scale {
        for sphere in &source.spheres {
            let units = std::iter::once((&sphere.heading, true))
                .chain(sphere.paragraphs.iter().map(|p| (p, false)));
            out.extend(units.map(|(unit, heading)| Copy {
                base: unit,
                id: copy_id(unit.id.as_str(), k),
                k,
                heading,
            }));
        }
    }
    out.extend(source.closing.iter().map(once));
    out
}

/// The Markdown of the generated original.
fn source_text(units: &[Copy<'_>], original: &str) -> String {
    let mut out = String::from("---\n");
    let mut closing = false;
    for unit in units {
        if unit.base.kind == UnitKind::Title {
            let _ = writeln!(
                out,
                "title: {}\nlang: {original}\n---\n",
                quote(&unit.russian())
            );
        } else if unit.heading {
            let _ = writeln!(out, "## {} {{#{}}}\n", unit.russian(), unit.id);
        } else {
            if unit.base.id.as_str().starts_with("closing") && !closing {
                out.push_str("* * *\n\n");
                closing = true;
            }
            let _ = writeln!(out, "{{#{}}}\n{}\n", unit.id, unit.russian());
        }
    }
    out
}

/// The translation file of `lang`: every unit translated.
fn translation_text(lang: &str, units: &[Copy<'_>], real: Option<&Translation>) -> String {
    let mut out =
        format!("# Generated by `cargo xtask gen-corpus` for benchmarks: language `{lang}`.\n\n");
    for unit in units {
        let text = real
            .and_then(|t| t.entry(unit.base.id.as_str()))
            .filter(|e| !e.text.trim().is_empty())
            .map(|e| unit.mark(&e.text))
            .unwrap_or_else(|| reversed_words(&unit.russian()));
        let _ = writeln!(
            out,
            "{}:\n  source: {}\n  text: {}\n",
            unit.id,
            quote(&unit.russian()),
            quote(&text)
        );
    }
    out
}

/// The Russian with its words in reverse order: a stand-in translation of the same length.
pub fn reversed_words(text: &str) -> String {
    text.split_whitespace().rev().collect::<Vec<_>>().join(" ")
}

/// The English interface strings with the language's own name.
fn renamed_messages(en: &str, lang: &str) -> String {
    en.lines()
        .map(|line| {
            if line.starts_with("language-name") {
                format!("language-name = Language {lang}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// The real settings with `languages` set to the generated order.
fn settings_text(real: &str, langs: &[String]) -> String {
    let list = format!("languages: [{}]", langs.join(", "));
    let mut replaced = false;
    let mut out: Vec<String> = real
        .lines()
        .map(|line| {
            if line.starts_with("languages:") {
                replaced = true;
                list.clone()
            } else {
                line.to_string()
            }
        })
        .collect();
    if !replaced {
        out.push(list);
    }
    out.join("\n") + "\n"
}

/// Write `text` to `out/rel`, creating folders.
fn write_file(out: &Path, rel: &str, text: &str) -> Result<()> {
    let path = out.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    std::fs::write(&path, text).map_err(|e| Error::io(&path, e))
}

/// Copy the folder `from` into `to`, recursively.
fn copy_tree(from: &Path, to: &Path) -> Result<()> {
    for entry in walkdir::WalkDir::new(from).follow_links(false) {
        let entry = entry.map_err(|e| {
            let path = e
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| from.to_path_buf());
            Error::io(&path, e.into())
        })?;
        let rel = entry.path().strip_prefix(from).unwrap_or(entry.path());
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| Error::io(&target, e))?;
        } else if entry.file_type().is_file() {
            std::fs::copy(entry.path(), &target).map_err(|e| Error::io(&target, e))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    use tolmach::LangTag;

    #[test]
    fn extra_languages_are_valid_distinct_tags() {
        for tag in EXTRA_LANGUAGES {
            assert!(LangTag::parse(tag).is_ok(), "{tag}");
        }
        let mut all: Vec<&str> = EXTRA_LANGUAGES.to_vec();
        all.extend(["ru", "en", "kk", "ky", "tg", "tk", "uz"]);
        let count = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), count);
        assert!(count >= 50);
    }

    #[test]
    fn copy_ids_are_distinct_and_valid() {
        assert_eq!(copy_id("trade", 1), "trade");
        assert_eq!(copy_id("trade", 2), "trade-k2");
        assert_eq!(copy_id("trade-2", 10), "trade-2-k10");
        assert!(tolmach::UnitId::parse(&copy_id("humanitarian-6", 1000)).is_ok());
    }

    #[test]
    fn reversed_words_keeps_the_words() {
        assert_eq!(
            reversed_words("Мы,  министры иностранных"),
            "иностранных министры Мы,"
        );
    }

    #[test]
    fn settings_keep_everything_but_the_languages() {
        let real = "# c\nlanguages: [ru, en]\ntheme: default\n";
        let langs = ["ru".to_string(), "de".to_string()];
        assert_eq!(
            settings_text(real, &langs),
            "# c\nlanguages: [ru, de]\ntheme: default\n"
        );
    }

    fn repo() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    #[test]
    fn generated_project_renders_fully_translated() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("corpus");
        let args = Args {
            out: root.clone(),
            scale: 2,
            languages: 9,
            from: repo(),
        };
        run(&args).expect("gen-corpus");
        let settings = std::fs::read_to_string(root.join("tolmach.yaml")).expect("settings");
        assert!(settings.contains("languages: [ru, en, kk, ky, tg, tk, uz, de, fr]\n"));
        let de = std::fs::read_to_string(root.join("locales/de/site.ftl")).expect("de messages");
        assert!(de.contains("language-name = Language de\n"));
        let original = tolmach::read_settings(&root, Default::default())
            .expect("settings")
            .original;
        let source = read_text(&root, Path::new("sources/statement.md")).expect("source");
        let parsed = Source::parse(&source, Path::new("sources/statement.md"), &original)
            .expect("valid source");
        assert_eq!(parsed.spheres.len(), 18);
        assert_eq!(parsed.spheres[9].slug(), "political-k2");
        assert_eq!(parsed.units().count(), 1 + 5 + 47 * 2 + 3);
        let pages = tolmach::render_site(&root, Default::default()).expect("renders");
        assert!(pages.iter().any(|p| p.path == "de/trade-k2/index.html"));
        for page in pages.iter().filter(|p| p.path.ends_with(".html")) {
            let html = String::from_utf8_lossy(&page.bytes);
            assert!(
                !html.contains("\"para state-missing\"") && !html.contains("\"para state-stale\""),
                "{} shows an untranslated unit",
                page.path
            );
        }
    }

    #[test]
    fn refuses_a_folder_that_is_not_empty_and_too_many_languages() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("x"), "x").expect("write");
        let mut args = Args {
            out: dir.path().to_path_buf(),
            scale: 1,
            languages: 7,
            from: repo(),
        };
        let err = run(&args).expect_err("not empty");
        assert!(
            matches!(&err, Error::Refused(m) if m.ends_with("exists and is not empty; gen-corpus writes only into a new or empty folder"))
        );
        args.languages = 56;
        args.out = dir.path().join("new");
        let err = run(&args).expect_err("too many");
        assert!(
            matches!(&err, Error::Refused(m) if m == "--languages must be between 1 and 55 (the original included)")
        );
    }
}
