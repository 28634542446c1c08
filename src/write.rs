//! Stage 4, write: the only code that creates output files.
//!
//! - Refuses dangerous output folders (the project, its sources, `/`, the
//!   home folder, or a non-empty folder without Tolmach's marker).
//! - Each changed file is written to a temporary file beside it and renamed
//!   over the old one, so a killed build leaves every file wholly old or wholly new.
//! - A file whose bytes did not change is not touched and keeps its mtime.
//!   The comparison uses a manifest of hashes from the last build; the
//!   manifest is removed before the first change and rewritten last, so a
//!   build that dies in between makes the next one compare real bytes.
//! - Files left from earlier builds (and temporary files of a killed build) are removed.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};
use crate::render::Page;

/// The marker that says Tolmach made this folder.
pub(crate) const MARKER: &str = ".tolmach-output";
/// Hashes of the files written by the last complete build.
pub(crate) const MANIFEST: &str = ".tolmach-manifest";
const TEMP_SUFFIX: &str = ".tolmach-tmp";

/// What a write did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Summary {
    /// Files created or replaced.
    pub written: usize,
    /// Files whose bytes were already right.
    pub unchanged: usize,
    /// Files removed because no page has them any more.
    pub removed: usize,
}

/// Check that `out` may be written by a project at `root`.
pub(crate) fn check_output(root: &Path, out: &Path) -> Result<()> {
    let refuse = |why: &str| {
        Err(Error::Refused(format!(
            "refusing to write to {}: {why}",
            out.display()
        )))
    };
    let absolute = absolutize(out);
    let root = absolutize(root);
    if absolute.parent().is_none() {
        return refuse("it is the root of the file system");
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from)
        && absolutize(&home) == absolute
    {
        return refuse("it is the home folder");
    }
    if absolute == root || root.starts_with(&absolute) {
        return refuse("it is the project folder or contains it");
    }
    for protected in ["sources", "locales", "themes", "src", "tests", ".git"] {
        let p = root.join(protected);
        if absolute.starts_with(&p) {
            return refuse(&format!("it is inside {protected}/"));
        }
    }
    if absolute.exists() {
        if !absolute.is_dir() {
            return refuse("it is not a folder");
        }
        let is_empty = std::fs::read_dir(&absolute)
            .map_err(|e| Error::io(out, e))?
            .next()
            .is_none();
        if !is_empty && !absolute.join(MARKER).exists() {
            return refuse(&format!(
                "it is not empty and was not made by Tolmach (no {MARKER} file); empty it or choose another folder"
            ));
        }
    }
    Ok(())
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

/// Check that a page path stays inside the output folder.
fn safe_relative(path: &str) -> Result<&Path> {
    let p = Path::new(path);
    let ok = !path.is_empty()
        && p.components().all(|c| matches!(c, Component::Normal(_)))
        && !path.ends_with(TEMP_SUFFIX)
        && path != MARKER
        && path != MANIFEST;
    if ok {
        Ok(p)
    } else {
        Err(Error::Refused(format!(
            "refusing to write `{path}`: it would leave the output folder"
        )))
    }
}

/// Writes a site page by page, so that memory holds only the pages in
/// flight. Changed pages go to temporary files beside their targets; only
/// [`Writer::commit`] renames them into place, so a build that fails before
/// that ([`Writer::abort`]) changes nothing in the output folder.
pub(crate) struct Writer {
    out: PathBuf,
    inputs: String,
    old_inputs: Option<String>,
    old: BTreeMap<String, (String, u64)>,
    new: BTreeMap<String, (String, u64)>,
    pending: Vec<(PathBuf, PathBuf)>,
    unchanged: usize,
}

impl Writer {
    /// Prepare to write into `out` (created, with its marker, if needed);
    /// `inputs` is the fingerprint of what the pages are made from.
    pub(crate) fn open(out: &Path, inputs: String) -> Result<Writer> {
        std::fs::create_dir_all(out).map_err(|e| Error::io(out, e))?;
        let marker = out.join(MARKER);
        if !marker.exists() {
            std::fs::write(
                &marker,
                b"This folder is written by tolmach build; files not made by it are removed.\n",
            )
            .map_err(|e| Error::io(&marker, e))?;
        }
        let (old_inputs, old) = read_manifest(out);
        Ok(Writer {
            out: out.to_path_buf(),
            inputs,
            old_inputs,
            old,
            new: BTreeMap::new(),
            pending: Vec::new(),
            unchanged: 0,
        })
    }

    /// Stage one page: nothing happens if its bytes are already there.
    pub(crate) fn add(&mut self, page: &Page) -> Result<()> {
        safe_relative(&page.path)?;
        let hash = hash_of(&page.bytes);
        let target = self.out.join(&page.path);
        let unchanged = match self.old.get(&page.path) {
            Some((old_hash, len)) => {
                *old_hash == hash
                    && std::fs::symlink_metadata(&target)
                        .is_ok_and(|m| m.is_file() && m.len() == *len)
            }
            None => std::fs::read(&target).is_ok_and(|bytes| bytes == page.bytes),
        };
        if self
            .new
            .insert(page.path.clone(), (hash, page.bytes.len() as u64))
            .is_some()
        {
            return Err(Error::Refused(format!(
                "two pages would be written to `{}`",
                page.path
            )));
        }
        if unchanged {
            self.unchanged += 1;
            return Ok(());
        }
        let temp = write_temp(&target, &page.bytes)?;
        self.pending.push((temp, target));
        Ok(())
    }

    /// Remove the staged temporary files: the output stays as it was.
    pub(crate) fn abort(self) {
        for (temp, _) in &self.pending {
            let _ = std::fs::remove_file(temp);
        }
        let _ = remove_empty_dirs(&self.out);
    }

    /// Move every staged page into place, remove leftovers, record the manifest.
    pub(crate) fn commit(self) -> Result<Summary> {
        let out = &self.out;
        let keep: BTreeSet<&str> = self.new.keys().map(String::as_str).collect();
        let staged: BTreeSet<&Path> = self
            .pending
            .iter()
            .map(|(temp, _)| temp.as_path())
            .collect();
        let leftovers: Vec<PathBuf> = leftovers(out, &keep)?
            .into_iter()
            .filter(|p| !staged.contains(p.as_path()))
            .collect();
        let changed = !self.pending.is_empty() || !leftovers.is_empty();
        let record =
            changed || self.old != self.new || self.old_inputs.as_ref() != Some(&self.inputs);
        if record {
            drop_manifest(out)?;
        }
        for (temp, target) in &self.pending {
            if target.is_dir() {
                std::fs::remove_dir_all(target).map_err(|e| Error::io(target, e))?;
            }
            std::fs::rename(temp, target).map_err(|e| Error::io(target, e))?;
        }
        for path in &leftovers {
            std::fs::remove_file(path).map_err(|e| Error::io(path, e))?;
        }
        remove_empty_dirs(out)?;
        if record {
            write_manifest(out, &self.inputs, &self.new)?;
        }
        Ok(Summary {
            written: self.pending.len(),
            unchanged: self.unchanged,
            removed: leftovers.len(),
        })
    }
}

/// The SHA-256 of `bytes` in hex.
pub(crate) fn hash_of(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    hex(&sha2::Sha256::digest(bytes))
}

/// Bytes as lowercase hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Files under `out` that no page has (the marker and manifest excepted).
fn leftovers(out: &Path, keep: &BTreeSet<&str>) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(out).min_depth(1).sort_by_file_name() {
        let entry = entry.map_err(|e| Error::io(out, e.into()))?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(out)
            .expect("walkdir yields paths under its start")
            .to_string_lossy()
            .replace('\\', "/");
        if rel != MARKER && rel != MANIFEST && !keep.contains(rel.as_str()) {
            found.push(entry.path().to_path_buf());
        }
    }
    Ok(found)
}

/// Remove folders left empty, deepest first.
fn remove_empty_dirs(out: &Path) -> Result<()> {
    for entry in walkdir::WalkDir::new(out).min_depth(1).contents_first(true) {
        let entry = entry.map_err(|e| Error::io(out, e.into()))?;
        if entry.file_type().is_dir()
            && std::fs::read_dir(entry.path()).is_ok_and(|mut d| d.next().is_none())
        {
            std::fs::remove_dir(entry.path()).map_err(|e| Error::io(entry.path(), e))?;
        }
    }
    Ok(())
}

/// Write `bytes` to a temporary file beside `target` and return its path.
fn write_temp(target: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let dir = target
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut temp_name = target.as_os_str().to_owned();
    temp_name.push(TEMP_SUFFIX);
    let temp = PathBuf::from(temp_name);
    let mut file = std::fs::File::create(&temp).map_err(|e| Error::io(&temp, e))?;
    if let Err(e) = file.write_all(bytes) {
        let _ = std::fs::remove_file(&temp);
        return Err(Error::io(&temp, e));
    }
    Ok(temp)
}

/// Replace the file `target` with `bytes` atomically: readers see the old
/// file or the new one, never a part. Used for every file Tolmach writes
/// outside the output folder too (translations rewritten by `sync` and
/// `import`, exported files).
pub(crate) fn replace_file(target: &Path, bytes: &[u8]) -> Result<()> {
    let temp = write_temp(target, bytes)?;
    std::fs::rename(&temp, target).map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        Error::io(target, e)
    })
}

fn drop_manifest(out: &Path) -> Result<()> {
    let path = out.join(MANIFEST);
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(&path, e)),
        _ => Ok(()),
    }
}

/// If the last complete build was made from the inputs with fingerprint
/// `inputs` and every file it wrote is still there, with nothing else
/// beside them, the number of those files.
pub(crate) fn up_to_date(out: &Path, inputs: &str) -> Result<Option<usize>> {
    let (old_inputs, files) = read_manifest(out);
    if old_inputs.as_deref() != Some(inputs) || files.is_empty() {
        return Ok(None);
    }
    let intact = files.iter().all(|(path, (_, len))| {
        std::fs::symlink_metadata(out.join(path)).is_ok_and(|m| m.is_file() && m.len() == *len)
    });
    let keep: BTreeSet<&str> = files.keys().map(String::as_str).collect();
    if !intact || !leftovers(out, &keep)?.is_empty() {
        return Ok(None);
    }
    Ok(Some(files.len()))
}

/// The manifest: a first line `inputs <fingerprint>`, then `hash length path` per file.
fn read_manifest(out: &Path) -> (Option<String>, BTreeMap<String, (String, u64)>) {
    let Ok(text) = std::fs::read_to_string(out.join(MANIFEST)) else {
        return (None, BTreeMap::new());
    };
    let mut lines = text.lines();
    let inputs = lines
        .next()
        .and_then(|l| l.strip_prefix("inputs "))
        .map(str::to_string);
    let files = lines
        .filter_map(|line| {
            let mut parts = line.splitn(3, ' ');
            let hash = parts.next()?.to_string();
            let len = parts.next()?.parse().ok()?;
            let path = parts.next()?.to_string();
            Some((path, (hash, len)))
        })
        .collect();
    (inputs, files)
}

fn write_manifest(
    out: &Path,
    inputs: &str,
    manifest: &BTreeMap<String, (String, u64)>,
) -> Result<()> {
    let mut text = format!("inputs {inputs}\n");
    for (path, (hash, len)) in manifest {
        text.push_str(&format!("{hash} {len} {path}\n"));
    }
    replace_file(&out.join(MANIFEST), text.as_bytes())
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
        assert!(safe_relative(MANIFEST).is_err());
    }

    #[test]
    fn dangerous_outputs_are_refused() {
        let root = Path::new("/tmp/project");
        assert!(check_output(root, Path::new("/")).is_err());
        assert!(check_output(root, root).is_err());
        assert!(check_output(root, Path::new("/tmp")).is_err());
        assert!(check_output(root, &root.join("sources/x")).is_err());
        assert!(check_output(root, &root.join("public-test-not-existing")).is_ok());
    }
}
