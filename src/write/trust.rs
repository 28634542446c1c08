//! Checking the live folder against the last build's manifest, and the
//! staging folder beside it against the record of what the swap left there
//! ([`staged`]), without walking them.
//!
//! A walk reads every folder: open it, read its entries, close it. On a
//! site of 44,000 pages, each in its own folder, that is most of what a
//! rebuild costs. The manifest already says which files and folders the
//! last build left, so one `lstat` per folder and per file shows whether
//! they are all still there as recorded: a real folder or file (never a
//! symlink in place of one), each file of its recorded length.
//!
//! What only a walk would find is an entry nobody recorded, such as a file
//! copied in. Adding, removing or renaming an entry changes the change time
//! (ctime) of the folder that holds it, which no program can set back. The
//! build writes its record of the folders it made (`owned` in the cache)
//! last, after the swap, and makes sure that record is stamped later than
//! the live folder's own ctime ([`restamp`]); every folder changed after
//! that has a ctime no earlier than the stamp. So a folder whose ctime is
//! earlier than the stamp holds exactly what it held when the build ended.
//!
//! Where the stamp cannot be compared (no such record, the cache on another
//! device than the output, timestamps in whole seconds, a platform without
//! ctimes) or anything does not match, the folder is walked as before.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;

use super::cache::{Cache, Files, Identity};
use super::scan::{Scan, parents};
use crate::error::Result;

/// A moment on a file system's clock: seconds and nanoseconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Stamp(i64, i64);

impl Stamp {
    /// When the inode of `meta` last changed (its entries, for a folder).
    #[cfg(unix)]
    fn changed(meta: &std::fs::Metadata) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt as _;
        Some(Stamp(meta.ctime(), meta.ctime_nsec()))
    }

    #[cfg(not(unix))]
    fn changed(_: &std::fs::Metadata) -> Option<Stamp> {
        None
    }
}

#[cfg(unix)]
fn device(meta: &std::fs::Metadata) -> u64 {
    use std::os::unix::fs::MetadataExt as _;
    meta.dev()
}

#[cfg(not(unix))]
fn device(_: &std::fs::Metadata) -> u64 {
    0
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> Option<u64> {
    use std::os::unix::fs::MetadataExt as _;
    Some(meta.ino())
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> Option<u64> {
    None
}

/// The stamp of `cache`'s record of the folders it made (its change time,
/// which a program cannot set, unlike its modification time), if it can be
/// compared with the ctimes of the folders under `live`: on the same
/// device, with timestamps finer than a second.
pub(super) fn stamp(cache: &Cache, live: &Path) -> Option<Stamp> {
    let record = std::fs::symlink_metadata(cache.owned_path()).ok()?;
    let folder = std::fs::symlink_metadata(live).ok()?;
    let stamp = Stamp::changed(&record)?;
    // A stamp of whole seconds: a file system whose clock is that coarse
    // could give a later change the same ctime.
    let fine = stamp.1 != 0;
    (record.is_file() && folder.is_dir() && device(&record) == device(&folder) && fine)
        .then_some(stamp)
}

/// Rewrite `cache`'s record of the folders it made (`folders`) until its
/// stamp is later than the ctime of `live`, so that any later change under
/// `live` shows (see the module's comment). A clock that does not move on
/// within a tenth of a second leaves the record as written: the next build
/// then walks the folder.
pub(super) fn restamp(cache: &Cache, folders: &[Identity], live: &Path) -> Result<()> {
    for _ in 0..100 {
        cache.set_owned(folders)?;
        let Some(stamp) = stamp(cache, live) else {
            // Not comparable: the next build walks the folder anyway.
            return Ok(());
        };
        let changed = std::fs::symlink_metadata(live)
            .ok()
            .and_then(|m| Stamp::changed(&m));
        if changed.is_some_and(|c| stamp > c) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    Ok(())
}

/// After a walk found `live` exactly as recorded: stamp the record of the
/// folders Tolmach made again, so that the next build need not walk it.
/// Nothing to do where the stamp cannot be compared.
pub(super) fn stamp_again(cache: &Cache, live: &Path) -> Result<()> {
    let owned = cache.owned();
    if owned.is_empty() || stamp(cache, live).is_none() {
        return Ok(());
    }
    restamp(cache, &owned, live)
}

/// The folders that hold `files`, relative, with `/` (the top folder not among them).
fn folders_of<'f>(files: impl Iterator<Item = &'f String>) -> BTreeSet<String> {
    files
        .flat_map(|path| parents(path))
        .map(str::to_string)
        .collect()
}

/// Whether `dir` and each of its `folders` is a real folder (not a symlink)
/// unchanged since `stamp`: each holds the entries it held then.
pub(super) fn unchanged(dir: &Path, folders: &BTreeSet<String>, stamp: Stamp) -> bool {
    let unchanged_folder = |path: &Path| {
        std::fs::symlink_metadata(path)
            .is_ok_and(|m| m.file_type().is_dir() && Stamp::changed(&m).is_some_and(|c| c < stamp))
    };
    unchanged_folder(dir)
        && folders
            .par_iter()
            .all(|folder| unchanged_folder(&dir.join(folder)))
}

/// The staging folder `staging` as the last swap left it ([`Cache::staging`]),
/// if none of its folders changed since: then it holds exactly those
/// files, each a name for the inode recorded (a file replaced or removed
/// changes the folder that held it).
pub(super) fn staged(cache: &Cache, staging: &Path) -> Option<Scan> {
    let (files, dirs) = cache.staging(Identity::of(staging))?;
    let stamp = stamp(cache, staging)?;
    unchanged(staging, &dirs, stamp).then(|| Scan::listed(files, dirs))
}

/// `dir` as the manifest `files` describes it, if it is exactly that: the
/// top folder and every folder that holds a file a real folder unchanged
/// since `stamp`, every file a regular file of its recorded length. The
/// scan it gives lists the files with their inodes, their lengths checked.
pub(super) fn recorded(dir: &Path, files: &Files, stamp: Stamp) -> Option<Scan> {
    let folders = folders_of(files.keys());
    if !unchanged(dir, &folders, stamp) {
        return None;
    }
    let files: BTreeMap<String, Option<u64>> = files
        .par_iter()
        .map(|(path, recorded)| {
            let meta = std::fs::symlink_metadata(dir.join(path)).ok()?;
            (meta.file_type().is_file() && meta.len() == recorded.len)
                .then(|| (path.clone(), inode(&meta)))
        })
        .collect::<Option<_>>()?;
    Some(Scan::checked(files, folders))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::write::cache::{Hex, Recorded};

    fn recorded_file(len: u64) -> Recorded {
        Recorded {
            hash: Hex([0; 32]),
            len,
            deps: None,
        }
    }

    /// A stamp later than every change made so far.
    fn after_now() -> Stamp {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap();
        Stamp(now.as_secs() as i64 + 1, 0)
    }

    fn site() -> (tempfile::TempDir, Files) {
        let dir = tempfile::tempdir().unwrap();
        let mut files = Files::new();
        for (path, text) in [
            ("index.html", "home"),
            ("en/index.html", "english"),
            ("en/trade/index.html", "trade"),
        ] {
            let full = dir.path().join(path);
            std::fs::create_dir_all(full.parent().unwrap()).unwrap();
            std::fs::write(full, text).unwrap();
            files.insert(path.to_string(), recorded_file(text.len() as u64));
        }
        (dir, files)
    }

    #[test]
    fn a_folder_as_recorded_and_unchanged_since_the_stamp_is_trusted() {
        let (dir, files) = site();
        let scan = recorded(dir.path(), &files, after_now()).expect("as recorded");
        assert_eq!(
            scan.files.keys().collect::<Vec<_>>(),
            ["en/index.html", "en/trade/index.html", "index.html"]
        );
        assert!(scan.files.values().all(Option::is_some), "inodes known");
    }

    #[test]
    fn a_folder_changed_after_the_stamp_is_not_trusted() {
        let (dir, files) = site();
        // A stamp earlier than the folders' last change: as if a file had
        // been copied in after the build.
        let top = std::fs::symlink_metadata(dir.path()).unwrap();
        let before = Stamp::changed(&top).unwrap();
        assert!(recorded(dir.path(), &files, before).is_none());
    }

    #[test]
    fn a_file_missing_cut_short_or_replaced_by_a_symlink_is_not_trusted() {
        let stamp = after_now();
        let (dir, mut files) = site();
        files.insert("en/extra.html".into(), recorded_file(1));
        assert!(recorded(dir.path(), &files, stamp).is_none(), "missing");

        let (dir, mut files) = site();
        files.insert("en/index.html".into(), recorded_file(99));
        assert!(recorded(dir.path(), &files, stamp).is_none(), "cut short");

        let (dir, files) = site();
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::create_dir(elsewhere.path().join("trade")).unwrap();
        std::fs::write(elsewhere.path().join("trade/index.html"), "trade").unwrap();
        std::fs::remove_dir_all(dir.path().join("en/trade")).unwrap();
        std::os::unix::fs::symlink(elsewhere.path().join("trade"), dir.path().join("en/trade"))
            .unwrap();
        assert!(
            recorded(dir.path(), &files, stamp).is_none(),
            "a folder replaced by a symlink to one with the same file"
        );
    }

    #[test]
    fn the_folders_of_a_site_are_every_parent_of_a_file() {
        let paths = ["a/b/c.html", "a/d.html", "e.html"].map(String::from);
        assert_eq!(
            folders_of(paths.iter()).into_iter().collect::<Vec<_>>(),
            ["a", "a/b"]
        );
    }
}
