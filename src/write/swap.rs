//! Replacing the live output folder by the staged one in one step, and the
//! test-only fault hook that proves a killed build never leaves a mix.
//!
//! On Linux the two folders are exchanged with `renameat2(RENAME_EXCHANGE)`
//! (through `rustix`): at every instant the live path names either the
//! whole old site or the whole new one. Where that call does not exist, or
//! the file system refuses it, the fallback is two renames: the live folder
//! to `.NAME.tolmach-old`, then the staged one to the live path. A build
//! killed between the two leaves no live folder but an intact old one,
//! which the next build puts back before anything else ([`recover`]).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};

/// The environment variable of the fault hook (tests only): abort the
/// process at the Nth file-system step of the write stage.
pub(super) const FAULT_VAR: &str = "TOLMACH_FAULT_AFTER";

static STEPS: AtomicU64 = AtomicU64::new(0);

fn fault_after() -> Option<u64> {
    static LIMIT: OnceLock<Option<u64>> = OnceLock::new();
    *LIMIT.get_or_init(|| std::env::var(FAULT_VAR).ok()?.trim().parse().ok())
}

/// Count one file-system step of the write stage; with [`FAULT_VAR`] set to
/// N, abort the process (as `kill -9` would stop it) at step N.
pub(crate) fn step() {
    let n = STEPS.fetch_add(1, Ordering::SeqCst) + 1;
    if fault_after().is_some_and(|limit| n >= limit) {
        std::process::abort();
    }
}

/// With the fault hook set, say how many steps the write stage took, so a
/// test can spread its kill points over the whole run.
pub(crate) fn report_steps() {
    if fault_after().is_some() {
        eprintln!(
            "{FAULT_VAR}: the write stage took {} steps",
            STEPS.load(Ordering::SeqCst)
        );
    }
}

/// A sibling of `live` named `.NAME.tolmach-SUFFIX`.
fn sibling(live: &Path, suffix: &str) -> PathBuf {
    let name = live
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    live.with_file_name(format!(".{name}.tolmach-{suffix}"))
}

/// Where the new site is assembled.
pub(crate) fn staging(live: &Path) -> PathBuf {
    sibling(live, "staging")
}

/// Where the fallback parks the old site between its two renames.
pub(crate) fn parked(live: &Path) -> PathBuf {
    sibling(live, "old")
}

/// Whether `path` exists, without following a symlink.
fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Remove a folder of Tolmach's own (a staging or parked one). A symlink
/// planted at that name is removed, never followed.
pub(crate) fn remove(path: &Path) -> Result<()> {
    match std::fs::symlink_metadata(path) {
        Err(_) => Ok(()),
        Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(path).map_err(|e| Error::io(path, e)),
        Ok(_) => std::fs::remove_file(path).map_err(|e| Error::io(path, e)),
    }
}

/// Finish what a killed build left: put a parked old site back if the live
/// folder is missing, and remove a parked folder. (A staging folder is
/// left: the next build brings it up to date.)
pub(crate) fn recover(live: &Path) -> Result<()> {
    let parked = parked(live);
    if !exists(live) && std::fs::symlink_metadata(&parked).is_ok_and(|m| m.is_dir()) {
        std::fs::rename(&parked, live).map_err(|e| Error::io(live, e))?;
    }
    remove(&parked)
}

/// Make the staged folder the live one. Returns where the old site went
/// (to be removed), if there was one.
pub(crate) fn swap(staged: &Path, live: &Path) -> Result<Option<PathBuf>> {
    if !exists(live) {
        step();
        std::fs::rename(staged, live).map_err(|e| Error::io(live, e))?;
        return Ok(None);
    }
    step();
    if exchange(staged, live)? {
        return Ok(Some(staged.to_path_buf()));
    }
    let parked = parked(live);
    std::fs::rename(live, &parked).map_err(|e| Error::io(live, e))?;
    step();
    std::fs::rename(staged, live).map_err(|e| Error::io(live, e))?;
    Ok(Some(parked))
}

/// Exchange the two folders atomically; `false` if the platform or file
/// system cannot (then the caller falls back to two renames).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(Error::io(b, e.into())),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> Result<bool> {
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn siblings_are_hidden_names_beside_the_live_folder() {
        let live = Path::new("/p/public");
        assert_eq!(staging(live), Path::new("/p/.public.tolmach-staging"));
        assert_eq!(parked(live), Path::new("/p/.public.tolmach-old"));
    }

    #[test]
    fn swapping_replaces_the_folder_whole() {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("public");
        let staged = staging(&live);
        std::fs::create_dir(&staged).unwrap();
        std::fs::write(staged.join("a"), "1").unwrap();
        assert_eq!(swap(&staged, &live).unwrap(), None);
        std::fs::create_dir(&staged).unwrap();
        std::fs::write(staged.join("a"), "2").unwrap();
        let old = swap(&staged, &live).unwrap().unwrap();
        assert_eq!(std::fs::read_to_string(live.join("a")).unwrap(), "2");
        assert_eq!(std::fs::read_to_string(old.join("a")).unwrap(), "1");
    }

    #[test]
    fn recovery_puts_a_parked_site_back() {
        let dir = tempfile::tempdir().unwrap();
        let live = dir.path().join("public");
        std::fs::create_dir(parked(&live)).unwrap();
        std::fs::write(parked(&live).join("a"), "old").unwrap();
        std::fs::create_dir(staging(&live)).unwrap();
        recover(&live).unwrap();
        assert_eq!(std::fs::read_to_string(live.join("a")).unwrap(), "old");
        assert!(!exists(&parked(&live)));
    }
}
