//! A language's model kept between builds. Modelling a language means
//! parsing its YAML (most of a rebuild's time when one file changed); a
//! build whose language files, original and program are those of the last
//! build reads the language as that build modelled it instead.
//!
//! What is kept is named by a fingerprint of everything modelling one
//! language reads ([`key`]): this program's version, the original's
//! language, the source file, and the language's `site.ftl`,
//! `statement.yaml` and `orphans.yaml`, each with its path. Whatever the
//! store cannot give back exactly (another key, a damaged or unreadable
//! file) is modelled again, so a kept model can make a build faster but
//! never different. The store itself ([`Memory`]) is the write stage's.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sha2::Digest as _;

use super::{Counts, Direction, Language, Translation, UnitText};
use crate::error::Diagnostic;
use crate::i18n::Messages;
use crate::lang::LangTag;
use crate::load::{LocaleFiles, TextFile};

/// The fingerprint that names one language's kept model.
pub(crate) type Key = [u8; 32];

/// Where each language's model is kept between builds: one per language,
/// the last kept.
pub(crate) trait Memory: Sync {
    /// The bytes kept for `lang` under `key`, if they are intact.
    fn recall(&self, lang: &LangTag, key: &Key) -> Option<Vec<u8>>;
    /// Keep for `lang` under `key` what `write` writes, in place of what was
    /// kept; on failure nothing is kept (the next build models it again).
    fn keep(
        &self,
        lang: &LangTag,
        key: &Key,
        write: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
    );
}

/// What every language's key starts from: the program, what it keeps
/// beside each language (`K`), the original's language and the source.
pub(super) fn source_key<K>(original: &LangTag, source: &TextFile) -> sha2::Sha256 {
    let mut h = sha2::Sha256::new();
    for field in [
        env!("CARGO_PKG_VERSION").as_bytes(),
        std::any::type_name::<K>().as_bytes(),
        original.as_str().as_bytes(),
    ] {
        add(&mut h, field);
    }
    file(&mut h, Some(source));
    h
}

/// The key of the language whose files are `files`.
pub(super) fn key(source: &sha2::Sha256, files: &LocaleFiles) -> Key {
    let mut h = source.clone();
    add(&mut h, files.lang.as_str().as_bytes());
    for f in [
        Some(&files.messages),
        files.statement.as_ref(),
        files.orphans.as_ref(),
    ] {
        file(&mut h, f);
    }
    h.finalize().into()
}

/// A field, length first, so that no two sequences of fields hash alike.
fn add(h: &mut sha2::Sha256, bytes: &[u8]) {
    h.update((bytes.len() as u64).to_le_bytes());
    h.update(bytes);
}

/// A file that may be absent: whether it is there, its path and its text.
fn file(h: &mut sha2::Sha256, file: Option<&TextFile>) {
    h.update([u8::from(file.is_some())]);
    if let Some(f) = file {
        add(h, f.path.as_os_str().as_encoded_bytes());
        add(h, f.text.as_bytes());
    }
}

/// A modelled language as it is kept, borrowed from the model (no copy of
/// a large language is made to keep it). Its fields are those of [`Kept`],
/// in the same order: the two encode alike.
#[derive(Serialize)]
struct Keeping<'a, K> {
    found: &'a [Diagnostic],
    built: &'a [Diagnostic],
    name: &'a str,
    dir: Direction,
    unnamed: &'a [Diagnostic],
    units: &'a [UnitText],
    translation: Option<&'a Translation>,
    orphans: &'a [usize],
    parked: Option<&'a Translation>,
    counts: Counts,
    part_counts: &'a [Counts],
    kept: &'a K,
}

/// A modelled language as it is read back.
#[derive(Deserialize)]
struct Kept<K> {
    /// The problems found parsing its files.
    found: Vec<Diagnostic>,
    /// The problems found modelling it.
    built: Vec<Diagnostic>,
    name: String,
    dir: Direction,
    unnamed: Vec<Diagnostic>,
    units: Vec<UnitText>,
    translation: Option<Translation>,
    orphans: Vec<usize>,
    parked: Option<Translation>,
    counts: Counts,
    part_counts: Vec<Counts>,
    /// What the caller took of the language before it was shed.
    kept: K,
}

/// A language, modelled: the problems found parsing its files, the
/// language (shed for rendering), the problems found modelling it, and
/// what the caller took of it.
pub(super) type Modelled<K> = (Vec<Diagnostic>, Language, Vec<Diagnostic>, K);

/// Keep `language` (shed for rendering) under `key`.
pub(super) fn keep<K: Serialize>(
    memory: &dyn Memory,
    key: &Key,
    found: &[Diagnostic],
    language: &Language,
    built: &[Diagnostic],
    kept: &K,
) {
    let keeping = Keeping {
        found,
        built,
        name: &language.name,
        dir: language.dir,
        unnamed: &language.unnamed,
        units: &language.units,
        translation: language.translation.as_ref(),
        orphans: &language.orphans,
        parked: language.parked.as_ref(),
        counts: language.counts,
        part_counts: &language.part_counts,
        kept,
    };
    memory.keep(&language.tag, key, &|out| {
        postcard::to_io(&keeping, out)
            .map(|_| ())
            .map_err(std::io::Error::other)
    });
}

/// The language of `files` as kept under `key`, with its messages parsed
/// again (a Fluent bundle is not kept); `None` if nothing intact is kept.
pub(super) fn recall<K: DeserializeOwned>(
    memory: &dyn Memory,
    key: &Key,
    files: &LocaleFiles,
) -> Option<Modelled<K>> {
    let bytes = memory.recall(&files.lang, key)?;
    let kept: Kept<K> = postcard::from_bytes(&bytes).ok()?;
    drop(bytes);
    let messages = Messages::parse(
        &files.messages.text,
        &files.messages.path,
        &files.lang.identifier(),
    )
    .ok()?;
    let language = Language {
        tag: files.lang.clone(),
        name: kept.name,
        dir: kept.dir,
        unnamed: kept.unnamed,
        messages: std::sync::Arc::new(messages),
        units: kept.units,
        translation: kept.translation,
        orphans: kept.orphans,
        parked: kept.parked,
        counts: kept.counts,
        part_counts: kept.part_counts,
    };
    Some((kept.found, language, kept.built, kept.kept))
}
