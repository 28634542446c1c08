//! Stage 4, write: the only code that creates output files.
//!
//! - The output folder holds the site and nothing else. The bookkeeping (a
//!   manifest of hashes, the fingerprint of the inputs, which folder Tolmach
//!   made) lives in the project's cache folder `.tolmach/` ([`cache`]).
//! - Refuses dangerous output folders (the project, its sources, `/`, the
//!   home folder, a non-empty folder Tolmach did not make) and any output
//!   folder with a symlink inside it.
//! - Old or new, never a mix: the new site is assembled in a sibling staging
//!   folder (files whose bytes did not change are hard-linked from the live
//!   folder, so they keep their mtime; changed ones are written fresh), then
//!   the two folders are swapped in one step ([`swap`]). A build that fails
//!   or is killed leaves the live folder exactly as it was, or exactly new.
//! - [`replace_file`] replaces one file through a fresh temporary file; the
//!   translation tools use it for every file they write.

mod cache;
mod swap;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use cache::{Cache, Files, Identity, Manifest};
use swap::step;

pub use cache::CACHE_DIR;
pub use swap::FAULT_VAR;

use crate::error::{Error, Result};
use crate::render::Page;

/// The marker file of output folders made by Tolmach before the cache
/// folder existed: such a folder is still recognised as Tolmach's.
pub const LEGACY_MARKER: &str = ".tolmach-output";

/// What a write did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files created or replaced.
    pub written: usize,
    /// Files whose bytes were already right.
    pub unchanged: usize,
    /// Files removed because no page has them any more.
    pub removed: usize,
}

fn refused(out: &Path, why: &str) -> Error {
    Error::Refused(format!("refusing to write to {}: {why}", out.display()))
}

/// Check that `out` may be written by a project at `root`: not a dangerous
/// place, and empty or made by Tolmach.
pub fn check_output(root: &Path, out: &Path) -> Result<()> {
    Target::new(root, out).map(|_| ())
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

/// The files of the live folder (relative, with `/`), refusing any symlink
/// in it: Tolmach never writes through one, nor publishes one.
fn live_files(live: &Path, out: &Path) -> Result<BTreeSet<String>> {
    let mut found = BTreeSet::new();
    if !live.exists() {
        return Ok(found);
    }
    for entry in walkdir::WalkDir::new(live).min_depth(1).follow_links(false) {
        let entry = entry.map_err(|e| Error::io(live, e.into()))?;
        let rel = entry
            .path()
            .strip_prefix(live)
            .expect("walkdir yields paths under its start")
            .to_string_lossy()
            .replace('\\', "/");
        if entry.path_is_symlink() {
            return Err(refused(
                out,
                &format!(
                    "{} is a symlink; Tolmach never writes through one (remove it)",
                    out.join(&rel).display()
                ),
            ));
        }
        if !entry.file_type().is_dir() {
            found.insert(rel);
        }
    }
    Ok(found)
}

/// An output folder that passed the checks, with its cache.
#[derive(Debug)]
pub struct Target {
    /// The path as given, for messages.
    shown: PathBuf,
    /// The live folder, absolute, with a symlinked root resolved.
    live: PathBuf,
    cache: Cache,
}

impl Target {
    /// Check `out` for a project at `root` and finish what a killed build left.
    pub fn new(root: &Path, out: &Path) -> Result<Target> {
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

    /// The live folder.
    pub fn path(&self) -> &Path {
        &self.live
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
    pub fn up_to_date(&self, inputs: &str) -> Result<Option<usize>> {
        let Some(manifest) = self.cache.manifest(Identity::of(&self.live)) else {
            return Ok(None);
        };
        if manifest.inputs != inputs || manifest.files.is_empty() {
            return Ok(None);
        }
        let intact = manifest.files.iter().all(|(path, (_, len))| {
            std::fs::symlink_metadata(self.live.join(path))
                .is_ok_and(|m| m.is_file() && m.len() == *len)
        });
        if !intact {
            return Ok(None);
        }
        let present = match live_files(&self.live, &self.shown) {
            Ok(present) => present,
            Err(_) => return Ok(None),
        };
        let expected: BTreeSet<String> = manifest.files.keys().cloned().collect();
        Ok((present == expected).then_some(manifest.files.len()))
    }
}

/// Write `pages` as the whole new site of `out`.
pub fn site(root: &Path, out: &Path, pages: &[Page]) -> Result<Summary> {
    let mut writer = Writer::open(Target::new(root, out)?, String::new())?;
    for page in pages {
        if let Err(err) = writer.add(page) {
            writer.abort();
            return Err(err);
        }
    }
    writer.commit()
}

/// Assembles a new site page by page in the staging folder, so that memory
/// holds only the pages in flight. Only [`Writer::commit`] swaps it in; a
/// build that fails before that ([`Writer::abort`]) changes nothing.
pub struct Writer {
    target: Target,
    staging: PathBuf,
    inputs: String,
    old: Option<Manifest>,
    live: BTreeSet<String>,
    dirs: BTreeSet<PathBuf>,
    new: Files,
    summary: Summary,
}

impl Writer {
    /// Start a new site for `target`; `inputs` is the fingerprint of what
    /// the pages are made from.
    pub fn open(target: Target, inputs: String) -> Result<Writer> {
        let live = live_files(&target.live, &target.shown)?;
        let old = target.cache.manifest(Identity::of(&target.live));
        let staging = swap::staging(&target.live);
        if let Some(parent) = staging.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        step();
        std::fs::create_dir(&staging).map_err(|e| Error::io(&staging, e))?;
        Ok(Writer {
            target,
            staging,
            inputs,
            old,
            live,
            dirs: BTreeSet::new(),
            new: BTreeMap::new(),
            summary: Summary::default(),
        })
    }

    /// Whether the live folder already has exactly these bytes at `path`.
    fn is_unchanged(&self, path: &str, hash: &str, bytes: &[u8]) -> bool {
        if !self.live.contains(path) {
            return false;
        }
        let file = self.target.live.join(path);
        match self.old.as_ref().and_then(|m| m.files.get(path)) {
            Some((old_hash, len)) => {
                old_hash == hash
                    && std::fs::symlink_metadata(&file)
                        .is_ok_and(|m| m.is_file() && m.len() == *len)
            }
            None => std::fs::read(&file).is_ok_and(|old| old == bytes),
        }
    }

    /// Create the folders of `rel` in the staging folder.
    fn make_dirs(&mut self, rel: &Path) -> Result<()> {
        let mut dir = PathBuf::new();
        for part in rel.parent().into_iter().flat_map(Path::components) {
            dir.push(part);
            if self.dirs.insert(dir.clone()) {
                let full = self.staging.join(&dir);
                step();
                std::fs::create_dir(&full).map_err(|e| Error::io(&full, e))?;
            }
        }
        Ok(())
    }

    /// Add one page to the new site.
    pub fn add(&mut self, page: &Page) -> Result<()> {
        let rel = safe_relative(&page.path)?;
        let hash = blake3::hash(&page.bytes).to_hex().to_string();
        let unchanged = self.is_unchanged(&page.path, &hash, &page.bytes);
        let entry = (hash, page.bytes.len() as u64);
        if self.new.insert(page.path.clone(), entry).is_some() {
            return Err(Error::Refused(format!(
                "two pages would be written to `{}`",
                page.path
            )));
        }
        self.make_dirs(rel)?;
        let staged = self.staging.join(rel);
        step();
        if unchanged {
            link_or_copy(&self.target.live.join(rel), &staged)?;
            self.summary.unchanged += 1;
        } else {
            create_fresh(&staged, &page.bytes)?;
            self.summary.written += 1;
        }
        Ok(())
    }

    /// Drop the staged site: the live folder stays as it was.
    pub fn abort(self) {
        let _ = swap::remove(&self.staging);
    }

    /// Make the staged site the live one and record it.
    pub fn commit(mut self) -> Result<Summary> {
        let keep: BTreeSet<String> = self.new.keys().cloned().collect();
        self.summary.removed = self.live.difference(&keep).count();
        let live_id = Identity::of(&self.target.live);
        let cache = &self.target.cache;
        if self.summary.written == 0 && self.summary.removed == 0 && live_id.is_some() {
            // The live folder already is the new site: keep it, mtimes and all.
            step();
            swap::remove(&self.staging)?;
            let manifest = Manifest {
                folder: live_id.expect("checked above"),
                inputs: self.inputs,
                files: self.new,
            };
            if self.old.as_ref() != Some(&manifest) {
                step();
                cache.set_manifest(&manifest)?;
            }
            swap::report_steps();
            return Ok(self.summary);
        }
        let staged_id = Identity::of(&self.staging)
            .ok_or_else(|| Error::io(&self.staging, std::io::ErrorKind::NotFound.into()))?;
        // Record the staged folder as Tolmach's, and its manifest, before the
        // swap: a build killed after it must find the new live folder owned.
        let mut owned = cache.owned();
        owned.extend(live_id);
        owned.push(staged_id);
        step();
        cache.set_owned(&owned)?;
        step();
        cache.set_manifest(&Manifest {
            folder: staged_id,
            inputs: self.inputs,
            files: self.new,
        })?;
        let old = swap::swap(&self.staging, &self.target.live)?;
        if let Some(old) = old {
            step();
            swap::remove(&old)?;
        }
        step();
        cache.set_owned(&[staged_id])?;
        swap::report_steps();
        Ok(self.summary)
    }
}

/// Write `bytes` to a new file at `path`; an existing name (a planted
/// symlink included) is an error, never followed.
fn create_fresh(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    file.write_all(bytes).map_err(|e| Error::io(path, e))
}

/// Put the live file `from` at `to` in the staging folder as a hard link
/// (same bytes, same mtime); where links are not possible, as a copy with
/// the original's mtime.
fn link_or_copy(from: &Path, to: &Path) -> Result<()> {
    if std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    let bytes = std::fs::read(from).map_err(|e| Error::io(from, e))?;
    create_fresh(to, &bytes)?;
    let modified = std::fs::metadata(from)
        .and_then(|m| m.modified())
        .map_err(|e| Error::io(from, e))?;
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(to)
        .map_err(|e| Error::io(to, e))?;
    file.set_modified(modified).map_err(|e| Error::io(to, e))
}

/// Replace the file `target` with `bytes` atomically: readers see the old
/// file or the new one, never a part. The bytes go to a fresh temporary
/// file beside the target, created exclusively under a random name (never
/// following anything planted there), flushed, then renamed over the
/// target. A target that is itself a symlink is refused. Used for every file
/// Tolmach writes outside the output folder (translations rewritten by
/// `sync` and `import`, exported files, the build records).
pub fn replace_file(target: &Path, bytes: &[u8]) -> Result<()> {
    replace(target, bytes, true)
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
