//! Where each language's model is kept between builds (`model::kept`):
//! `.tolmach/model/<lang>`, one file per language holding the last model
//! kept. A file is its format line, the key it was kept under, the model,
//! and the SHA-256 of all that: a file that is damaged, cut short, of
//! another format or under another key is not read, and the language is
//! modelled again.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use sha2::Digest as _;

use super::cache::{CACHE_DIR, ensure_folder};
use crate::lang::LangTag;
use crate::model::kept::{Key, Memory};

/// The first bytes of every file: a model of another format is not read.
const FORMAT: &[u8] = b"tolmach kept model 1\n";

/// The length of the SHA-256 that ends every file.
const HASH: usize = 32;

/// The project's kept models.
pub(crate) struct KeptModels {
    dir: PathBuf,
}

impl KeptModels {
    /// The kept models of the project at `root`.
    pub(crate) fn new(root: &Path) -> KeptModels {
        KeptModels {
            dir: root.join(CACHE_DIR).join("model"),
        }
    }

    /// Remove what is kept for any language but `langs` (the languages the
    /// project has), and what a build that was stopped while keeping a
    /// model left behind.
    pub(crate) fn keep_only<'l>(&self, langs: impl IntoIterator<Item = &'l LangTag>) {
        if !std::fs::symlink_metadata(&self.dir).is_ok_and(|m| m.is_dir()) {
            return;
        }
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        let langs: Vec<&str> = langs.into_iter().map(LangTag::as_str).collect();
        for entry in entries.flatten() {
            let name = entry.file_name();
            let kept = name.to_str().is_some_and(|name| langs.contains(&name));
            if !kept && entry.file_type().is_ok_and(|t| !t.is_dir()) {
                // Only a saving is lost if this fails: the file is not read.
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }

    fn try_keep(
        &self,
        lang: &LangTag,
        key: &Key,
        write: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        ensure_folder(&self.dir).map_err(std::io::Error::other)?;
        let mut temp = tempfile::Builder::new()
            .prefix(".tolmach-")
            .suffix(".tmp")
            .tempfile_in(&self.dir)?;
        {
            let mut out = Hashing {
                out: std::io::BufWriter::new(temp.as_file_mut()),
                hash: sha2::Sha256::new(),
            };
            out.write_all(FORMAT)?;
            out.write_all(key)?;
            write(&mut out)?;
            let hash = std::mem::take(&mut out.hash).finalize();
            out.out.write_all(&hash)?;
            out.out.flush()?;
        }
        // A rename replaces a symlink planted at the name, never its target.
        temp.persist(self.dir.join(lang.as_str()))
            .map_err(|e| e.error)?;
        Ok(())
    }
}

impl Memory for KeptModels {
    fn recall(&self, lang: &LangTag, key: &Key) -> Option<Vec<u8>> {
        let path = self.dir.join(lang.as_str());
        if !std::fs::symlink_metadata(&path).ok()?.is_file() {
            return None;
        }
        let mut bytes = std::fs::read(&path).ok()?;
        let start = FORMAT.len() + key.len();
        let end = bytes.len().checked_sub(HASH).filter(|&end| end >= start)?;
        let intact = bytes.starts_with(FORMAT)
            && bytes[FORMAT.len()..start] == key[..]
            && sha2::Sha256::digest(&bytes[..end])[..] == bytes[end..];
        if !intact {
            return None;
        }
        bytes.truncate(end);
        bytes.drain(..start);
        Some(bytes)
    }

    fn keep(
        &self,
        lang: &LangTag,
        key: &Key,
        write: &dyn Fn(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) {
        // Keeping is only a saving: a build that cannot keep a model
        // (a read-only project, a full disk) models it again next time.
        let _ = self.try_keep(lang, key, write);
    }
}

/// A writer that hashes what goes through it.
struct Hashing<W> {
    out: W,
    hash: sha2::Sha256,
}

impl<W: std::io::Write> std::io::Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}
