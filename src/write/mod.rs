//! Stage 4, write: the only code that creates output files.
//!
//! - The output folder holds the site and nothing else. The bookkeeping (a
//!   manifest of hashes, the fingerprint of the inputs, which folder Tolmach
//!   made) lives in the project's cache folder `.tolmach/` ([`cache`]).
//! - Refuses dangerous output folders (the project, its sources, `/`, the
//!   home folder, a non-empty folder Tolmach did not make) and any output
//!   folder with a symlink inside it.
//! - Old or new, never a mix: the new site is assembled in a sibling staging
//!   folder ([`stage`]: files whose bytes did not change are hard-linked from
//!   the live folder, so they keep their mtime; changed ones are written
//!   fresh), then the two folders are swapped in one step ([`swap`]). A
//!   build that fails or is killed leaves the live folder exactly as it
//!   was, or exactly new.
//! - A page whose dependency fingerprint (`render::deps`) is the one the
//!   manifest recorded, and whose live file is intact, is carried over
//!   ([`Writer::carry`]): linked into the staging folder, never rendered.
//! - The live folder is checked against the manifest with a stat per folder
//!   and file, not walked, when their change times show that nothing was
//!   added since the last build ([`trust`]).
//! - Each language's model is kept between builds in `.tolmach/model/`
//!   ([`KeptModels`]), so that a rebuild parses only the files that changed.
//! - [`replace_file`] replaces one file through a fresh temporary file; the
//!   translation tools use it for every file they write.

mod cache;
mod kept;
mod scan;
mod stage;
mod swap;
mod trust;

use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use cache::{Cache, Identity};
use scan::scan;

pub(crate) use cache::CACHE_DIR;
pub(crate) use kept::KeptModels;
pub(crate) use stage::Writer;

use crate::error::{Error, Result};

/// The marker file of output folders made by Tolmach before the cache
/// folder existed: such a folder is still recognised as Tolmach's.
pub(crate) const LEGACY_MARKER: &str = ".tolmach-output";

/// What a write did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Summary {
    /// Files created or replaced.
    pub written: usize,
    /// Files whose bytes were already right.
    pub unchanged: usize,
    /// Files removed because no page has them any more.
    pub removed: usize,
    /// Pages rendered (and then compared with the old file).
    pub rendered: usize,
    /// Pages carried over from the last build without being rendered:
    /// nothing they read had changed.
    pub carried: usize,
}

fn refused(out: &Path, why: &str) -> Error {
    Error::Refused(format!("refusing to write to {}: {why}", out.display()))
}

/// Make `path` absolute and remove `.` and `..` without touching the disk.
fn absolutize(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut out = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Refuse the file system root, the home folder, the project and the
/// project's own folders.
fn refuse_dangerous(root: &Path, absolute: &Path, out: &Path) -> Result<()> {
    if absolute.parent().is_none() {
        return Err(refused(out, "it is the root of the file system"));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolutize(&home) == absolute
    {
        return Err(refused(out, "it is the home folder"));
    }
    if absolute == root || root.starts_with(absolute) {
        return Err(refused(out, "it is the project folder or contains it"));
    }
    for protected in [
        "sources", "locales", "themes", "src", "tests", ".git", CACHE_DIR,
    ] {
        if absolute.starts_with(root.join(protected)) {
            return Err(refused(out, &format!("it is inside {protected}/")));
        }
    }
    Ok(())
}

/// Check that a page path stays inside the output folder.
fn safe_relative(path: &str) -> Result<&Path> {
    let p = Path::new(path);
    let ok = !path.is_empty() && p.components().all(|c| matches!(c, Component::Normal(_)));
    if ok {
        Ok(p)
    } else {
        Err(Error::Refused(format!(
            "refusing to write `{path}`: it would leave the output folder"
        )))
    }
}

/// An output folder that passed the checks, with its cache.
#[derive(Debug)]
pub(crate) struct Target {
    /// The path as given, for messages.
    shown: PathBuf,
    /// The live folder, absolute, with a symlinked root resolved.
    live: PathBuf,
    cache: Cache,
}

impl Target {
    /// Check `out` for a project at `root` and finish what a killed build left.
    pub(crate) fn new(root: &Path, out: &Path) -> Result<Target> {
        let root = absolutize(root);
        let given = absolutize(out);
        refuse_dangerous(&root, &given, out)?;
        // The output path as given is trusted, a symlinked root included;
        // nothing below it may be a symlink.
        let live = match std::fs::symlink_metadata(&given) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let real = std::fs::canonicalize(&given).map_err(|e| Error::io(out, e))?;
                refuse_dangerous(&root.canonicalize().unwrap_or(root.clone()), &real, out)?;
                real
            }
            _ => given,
        };
        let target = Target {
            shown: out.to_path_buf(),
            cache: Cache::new(&root, &live),
            live,
        };
        if target.live.exists() && !target.live.is_dir() {
            return Err(refused(out, "it is not a folder"));
        }
        swap::recover(&target.live)?;
        target.check_owner()?;
        Ok(target)
    }

    /// A non-empty live folder must be one Tolmach made.
    fn check_owner(&self) -> Result<()> {
        let Ok(mut entries) = std::fs::read_dir(&self.live) else {
            return Ok(());
        };
        if entries.next().is_none() {
            return Ok(());
        }
        let owned = Identity::of(&self.live).is_some_and(|id| self.cache.owned().contains(&id));
        let legacy =
            std::fs::symlink_metadata(self.live.join(LEGACY_MARKER)).is_ok_and(|m| m.is_file());
        if owned || legacy {
            Ok(())
        } else {
            Err(refused(
                &self.shown,
                &format!(
                    "it is not empty and was not made by Tolmach (no record of it in {CACHE_DIR}/); empty it or choose another folder"
                ),
            ))
        }
    }

    /// If the live folder is exactly what the last build made from the
    /// inputs with fingerprint `inputs` (every file there, whole, and
    /// nothing else), the number of its files.
    pub(crate) fn up_to_date(&self, inputs: &str) -> Result<Option<usize>> {
        // The inputs first: a rebuild after a change need not read the files' list.
        if self.cache.inputs().as_deref() != Some(inputs) {
            return Ok(None);
        }
        let Some(manifest) = self.cache.manifest(Identity::of(&self.live)) else {
            return Ok(None);
        };
        if manifest.inputs != inputs || manifest.files.is_empty() {
            return Ok(None);
        }
        // A stat per folder and file, if the folder can be checked against
        // the manifest that way (see `trust`).
        if let Some(stamp) = trust::stamp(&self.cache, &self.live)
            && trust::recorded(&self.live, &manifest.files, stamp).is_some()
        {
            return Ok(Some(manifest.files.len()));
        }
        // Otherwise a stat per file, on every core, while the folder is walked.
        let (intact, present) = rayon::join(
            || {
                use rayon::prelude::*;
                manifest.files.par_iter().all(|(path, file)| {
                    std::fs::symlink_metadata(self.live.join(path))
                        .is_ok_and(|m| m.is_file() && m.len() == file.len)
                })
            },
            || scan(&self.live),
        );
        let (true, Ok(present)) = (intact, present) else {
            return Ok(None);
        };
        let same = present.files.len() == manifest.files.len()
            && present.files.keys().all(|p| manifest.files.contains_key(p));
        if same {
            // A record that cannot be written costs only the next walk.
            let _ = trust::stamp_again(&self.cache, &self.live);
        }
        Ok(same.then_some(manifest.files.len()))
    }
}

/// Prepare the staging folder of `out` for the next build (see
/// [`stage::prime`]); a no-op when it exists already.
pub(crate) fn prime(root: &Path, out: &Path) -> Result<()> {
    stage::prime(&Target::new(root, out)?)
}

/// Replace the file `target` with `bytes` atomically: readers see the old
/// file or the new one, never a part. The bytes go to a fresh temporary
/// file beside the target, created exclusively under a random name (never
/// following anything planted there), flushed, then renamed over the
/// target. A target that is itself a symlink is refused. Used for every file
/// Tolmach writes outside the output folder (translations rewritten by
/// `sync` and `import`, exported files, the build records).
pub(crate) fn replace_file(target: &Path, bytes: &[u8]) -> Result<()> {
    replace(target, bytes, true)
}

/// Create the folder `path` (and its parents) if it does not exist: the
/// empty folders of an OmegaT project that `export` writes.
pub(crate) fn create_folder(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(|e| Error::io(path, e))
}

/// [`replace_file`]; `durable` also waits for the bytes to reach the disk
/// (the build records skip that: they are rebuilt from the site if lost).
pub(crate) fn replace(target: &Path, bytes: &[u8], durable: bool) -> Result<()> {
    if std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(Error::Refused(format!(
            "refusing to write {}: it is a symlink; Tolmach does not write through one",
            target.display()
        )));
    }
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut temp = tempfile::Builder::new()
        .prefix(".tolmach-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    temp.write_all(bytes)
        .and_then(|()| temp.flush())
        .and_then(|()| {
            if durable {
                temp.as_file().sync_all()
            } else {
                Ok(())
            }
        })
        .map_err(|e| Error::io(temp.path(), e))?;
    temp.persist(target)
        .map_err(|e| Error::io(target, e.error))?;
    Ok(())
}

/// The SHA-256 of `bytes`, in hex: the hash of the manifest and of the
/// cache key (one hash for the whole program; sha2 is needed for the CSP
/// hashes anyway).
pub(crate) fn hash_of(bytes: &[u8]) -> String {
    digest_of_pieces([bytes]).to_string()
}

/// The SHA-256 of `pieces` one after the other.
pub(crate) fn digest_of_pieces<'b>(pieces: impl IntoIterator<Item = &'b [u8]>) -> cache::Hex<32> {
    use sha2::Digest as _;
    let mut hasher = sha2::Sha256::new();
    pieces.into_iter().for_each(|piece| hasher.update(piece));
    cache::Hex(hasher.finalize().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_paths_cannot_escape() {
        assert!(safe_relative("en/index.html").is_ok());
        assert!(safe_relative("../x").is_err());
        assert!(safe_relative("/etc/passwd").is_err());
        assert!(safe_relative("a/../../x").is_err());
    }

    #[test]
    fn dangerous_outputs_are_refused() {
        let root = Path::new("/tmp/project");
        let refuse = |out: &Path| refuse_dangerous(root, &absolutize(out), out).is_err();
        assert!(refuse(Path::new("/")));
        assert!(refuse(root));
        assert!(refuse(Path::new("/tmp")));
        assert!(refuse(&root.join("sources/x")));
        assert!(refuse(&root.join(".tolmach/x")));
        assert!(!refuse(&root.join("public-test-not-existing")));
    }

    #[cfg(unix)]
    #[test]
    fn replace_file_refuses_a_symlinked_target_and_ignores_planted_temp_names() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let target = dir.path().join("statement.yaml");
        std::os::unix::fs::symlink(&victim, &target).unwrap();
        let err = replace_file(&target, b"x").unwrap_err().to_string();
        assert!(err.contains("statement.yaml: it is a symlink"), "{err}");
        std::fs::remove_file(&target).unwrap();
        let planted = dir.path().join("statement.yaml.tolmach-tmp");
        std::os::unix::fs::symlink(&victim, planted).unwrap();
        replace_file(&target, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    }
}
