//! What a folder holds: its files (with their inodes) and folders, found
//! by walking it ([`scan`]) or checked against a record of it (`trust`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::refused;
use crate::error::{Error, Result};

/// The files (with their inode, where known) and folders under a folder,
/// relative, with `/`.
#[derive(Debug, Default)]
pub(super) struct Scan {
    pub(super) files: BTreeMap<String, Option<u64>>,
    pub(super) dirs: BTreeSet<String>,
    /// Whether each file was found of the length the last build's manifest
    /// records (see [`super::trust`]), not merely listed by a walk.
    pub(super) lengths_checked: bool,
}

impl Scan {
    /// The files and folders found as the manifest records them, their
    /// lengths checked.
    pub(super) fn checked(files: BTreeMap<String, Option<u64>>, dirs: BTreeSet<String>) -> Scan {
        Scan {
            files,
            dirs,
            lengths_checked: true,
        }
    }

    /// The files and folders a record lists.
    pub(super) fn listed(files: BTreeMap<String, Option<u64>>, dirs: BTreeSet<String>) -> Scan {
        Scan {
            files,
            dirs,
            lengths_checked: false,
        }
    }

    /// Whether every name in it can be written on a line of its own in a record.
    pub(super) fn recordable(&self) -> bool {
        let plain = |name: &String| !name.contains(['\n', '\r']);
        self.files.keys().all(plain) && self.dirs.iter().all(plain)
    }
}

/// The folders that hold `path` (relative, with `/`), outermost first:
/// `a/b/c.html` is in `a` and `a/b`.
pub(super) fn parents(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(i, _)| &path[..i])
}

/// Scan `dir` (shown as `shown` in messages), refusing any symlink in it.
pub(super) fn scan_shown(dir: &Path, shown: &Path) -> Result<Scan> {
    let mut found = Scan::default();
    if std::fs::symlink_metadata(dir).is_err() {
        return Ok(found);
    }
    for entry in walkdir::WalkDir::new(dir).min_depth(1).follow_links(false) {
        let entry = entry.map_err(|e| Error::io(dir, e.into()))?;
        let rel = entry
            .path()
            .strip_prefix(dir)
            .expect("walkdir yields paths under its start")
            .to_string_lossy()
            .replace('\\', "/");
        if entry.path_is_symlink() {
            return Err(refused(
                shown,
                &format!(
                    "{} is a symlink; Tolmach never writes through one (remove it)",
                    shown.join(&rel).display()
                ),
            ));
        }
        if entry.file_type().is_dir() {
            found.dirs.insert(rel);
        } else {
            found.files.insert(rel, inode(&entry));
        }
    }
    Ok(found)
}

/// [`scan_shown`] with the folder's own path in messages.
pub(super) fn scan(dir: &Path) -> Result<Scan> {
    scan_shown(dir, dir)
}

#[cfg(unix)]
fn inode(entry: &walkdir::DirEntry) -> Option<u64> {
    use walkdir::DirEntryExt as _;
    Some(entry.ino())
}

#[cfg(not(unix))]
fn inode(_: &walkdir::DirEntry) -> Option<u64> {
    None
}
