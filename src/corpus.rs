//! `tolmach gen-corpus` (hidden): write a synthetic Tolmach project at scale
//! for benchmarks.
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
use std::process::ExitCode;

use crate::error::{Error, Result};
use crate::source::{Source, Unit};
use crate::translation::Translation;
use crate::workflow::edit::quote;

/// Language tags used after the real ones, in this order (all canonical
/// BCP 47 tags that [`crate::lang::check_tag`] accepts, all left-to-right).
pub const EXTRA_LANGUAGES: &[&str] = &[
    "de", "fr", "es", "it", "pt", "pl", "cs", "sk", "sl", "hr", "sr", "bg", "uk", "be", "lt", "lv",
    "et", "fi", "sv", "nb", "da", "nl", "el", "hu", "ro", "tr", "az", "hy", "ka", "hi", "bn", "ja",
    "ko", "zh", "vi", "th", "id", "ms", "mn", "ga", "cy", "is", "mt", "sq", "mk", "eu", "ca", "gl",
];

/// Run the command.
pub fn run(args: &crate::cli::GenCorpusArgs) -> Result<ExitCode> {
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
    Ok(ExitCode::SUCCESS)
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
        let project = crate::load::project(from, crate::settings::Overrides::default())?;
        let source =
            Source::parse(&project.source.text, &project.source.path).map_err(Error::Invalid)?;
        let mut real = Vec::new();
        for locale in &project.locales {
            if let Some(file) = &locale.statement {
                let parsed = Translation::parse(&file.text, &file.path).map_err(Error::at)?;
                real.push((locale.lang.clone(), parsed));
            }
        }
        let available: Vec<String> = project
            .locales
            .iter()
            .map(|l| l.lang.clone())
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
        let settings_path = from.join(crate::settings::FILE_NAME);
        let settings =
            std::fs::read_to_string(&settings_path).map_err(|e| Error::io(&settings_path, e))?;
        Ok(Plan {
            from: from.to_path_buf(),
            source,
            langs: available.into_iter().take(count).collect(),
            real,
            settings,
        })
    }

    /// Write the project into `out`; returns the number of units.
    fn write(&self, out: &Path, scale: usize) -> Result<usize> {
        let units = copies(&self.source, scale);
        write_file(out, "sources/statement.md", &source_text(&units))?;
        for lang in &self.langs {
            self.write_locale(out, lang, &units)?;
        }
        copy_tree(&self.from.join("themes"), &out.join("themes"))?;
        write_file(
            out,
            crate::settings::FILE_NAME,
            &settings_text(&self.settings, &self.langs),
        )?;
        Ok(units.len())
    }

    /// Write `locales/<lang>/`: interface strings, glossary and (not for the original) a full translation.
    fn write_locale(&self, out: &Path, lang: &str, units: &[Copy<'_>]) -> Result<()> {
        let dir = format!("locales/{lang}");
        let real_dir = self.from.join(&dir);
        if real_dir.is_dir() {
            for name in [crate::i18n::FILE_NAME, "glossary.yaml"] {
                let from = real_dir.join(name);
                if from.is_file() {
                    let text = std::fs::read_to_string(&from).map_err(|e| Error::io(&from, e))?;
                    write_file(out, &format!("{dir}/{name}"), &text)?;
                }
            }
        } else {
            let en = self.from.join("locales/en").join(crate::i18n::FILE_NAME);
            let text = std::fs::read_to_string(&en).map_err(|e| Error::io(&en, e))?;
            write_file(
                out,
                &format!("{dir}/{}", crate::i18n::FILE_NAME),
                &renamed_messages(&text, lang),
            )?;
        }
        if lang == crate::lang::ORIGINAL {
            return Ok(());
        }
        let real = self.real.iter().find(|(l, _)| l == lang).map(|(_, t)| t);
        write_file(
            out,
            &format!("{dir}/{}", crate::translation::FILE_NAME),
            &translation_text(lang, units, real),
        )
    }
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
    let once = |unit| Copy {
        base: unit,
        id: unit.id.clone(),
        k: 1,
        heading: false,
    };
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
                id: copy_id(&unit.id, k),
                k,
                heading,
            }));
        }
    }
    out.extend(source.closing.iter().map(once));
    out
}

/// The Markdown of the generated original.
fn source_text(units: &[Copy<'_>]) -> String {
    let mut out = String::from("---\n");
    let mut closing = false;
    for unit in units {
        if unit.base.id == "title" {
            let _ = writeln!(out, "title: {}\nlang: ru\n---\n", quote(&unit.russian()));
        } else if unit.heading {
            let _ = writeln!(out, "## {} {{#{}}}\n", unit.russian(), unit.id);
        } else {
            if unit.base.id.starts_with("closing") && !closing {
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
        format!("# Generated by `tolmach gen-corpus` for benchmarks: language `{lang}`.\n\n");
    for unit in units {
        let text = real
            .and_then(|t| t.entry(&unit.base.id))
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

    #[test]
    fn extra_languages_are_valid_distinct_tags() {
        for tag in EXTRA_LANGUAGES {
            assert_eq!(crate::lang::check_tag(tag), Ok(()), "{tag}");
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
        assert!(crate::source::is_valid_id(&copy_id("humanitarian-6", 1000)));
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

    fn generate(scale: usize, languages: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        let args = crate::cli::GenCorpusArgs {
            out: dir.path().join("corpus"),
            scale,
            languages,
            from: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
        };
        assert_eq!(run(&args).expect("gen-corpus"), ExitCode::SUCCESS);
        dir
    }

    #[test]
    fn generated_project_builds_fully_translated_and_rebuilds_nothing() {
        let dir = generate(2, 9);
        let root = dir.path().join("corpus");
        let source = std::fs::read_to_string(root.join("sources/statement.md")).expect("source");
        let parsed =
            Source::parse(&source, Path::new("sources/statement.md")).expect("valid source");
        assert_eq!(parsed.spheres.len(), 18);
        assert_eq!(parsed.spheres[9].slug(), "political-k2");
        assert_eq!(parsed.units().count(), 1 + 5 + 47 * 2 + 3);
        let settings = std::fs::read_to_string(root.join("tolmach.yaml")).expect("settings");
        assert!(settings.contains("languages: [ru, en, kk, ky, tg, tk, uz, de, fr]\n"));
        let de = std::fs::read_to_string(root.join("locales/de/site.ftl")).expect("de messages");
        assert!(de.contains("language-name = Language de\n"));
        let (site, problems) =
            crate::model::site(&crate::load::project(&root, Default::default()).expect("load"));
        assert!(problems.is_empty(), "{problems:?}");
        let site = site.expect("site");
        for lang in &site.languages {
            for unit in site.source.units() {
                assert_eq!(
                    lang.unit(&unit.id).state,
                    crate::model::State::Translated,
                    "{} {}",
                    lang.tag,
                    unit.id
                );
            }
        }
        let options = crate::build::Options {
            root: root.clone(),
            overrides: crate::settings::Overrides {
                output: Some(dir.path().join("out")),
                ..Default::default()
            },
        };
        let first = crate::build::run(&options).expect("first build");
        assert!(first.summary.written > 9 * (18 + 8 * 19));
        assert!(dir.path().join("out/de/trade-k2/index.html").is_file());
        let again = crate::build::run(&options).expect("second build");
        assert_eq!((again.summary.written, again.summary.removed), (0, 0));
    }

    #[test]
    fn refuses_a_folder_that_is_not_empty_and_too_many_languages() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("x"), "x").expect("write");
        let mut args = crate::cli::GenCorpusArgs {
            out: dir.path().to_path_buf(),
            scale: 1,
            languages: 7,
            from: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
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
