//! Assembling the new site in the staging folder, `.NAME.tolmach-staging`
//! beside the output folder `NAME`.
//!
//! Between builds the staging folder holds the previous site (what the
//! swap moved out of the live path), mostly as hard links shared with the
//! live folder. A build brings it up to date instead of making it anew:
//! a file whose bytes did not change is a hard link to the live file (kept
//! if it already is one), a changed file is written fresh (a new file,
//! created exclusively, after the old name is removed), and what the new
//! site lacks is removed. Only what differs costs a file-system step, so a
//! rebuild after one edit makes a few dozen changes, not a thousand folders
//! and links. A staging folder with a symlink anywhere in it is not
//! trusted: it is removed and made anew.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::cache::{Files, Hex, Identity, Manifest, Recorded};
use super::scan::{Scan, parents, scan, scan_shown};
use super::swap::{self, step};
use super::trust;
use super::{Summary, Target, safe_relative};
use crate::error::{Error, Result};
use crate::render::{Body, Made};

/// If there is a live folder but no staging folder, make the staging folder
/// a copy of the live site in hard links, so that the next build changes
/// only what differs. (`serve` does this after its first build, while the
/// reader looks at the page, instead of in the first rebuild after an edit.)
pub(super) fn prime(target: &Target) -> Result<()> {
    let staging = swap::staging(&target.live);
    if std::fs::symlink_metadata(&staging).is_ok() || !target.live.is_dir() {
        return Ok(());
    }
    let live = scan_shown(&target.live, &target.shown)?;
    std::fs::create_dir(&staging).map_err(|e| Error::io(&staging, e))?;
    for dir in &live.dirs {
        let full = staging.join(dir);
        std::fs::create_dir(&full).map_err(|e| Error::io(&full, e))?;
    }
    for file in live.files.keys() {
        link_or_copy(&target.live.join(file), &staging.join(file))?;
    }
    Ok(())
}

/// Assembles a new site page by page in the staging folder, so that memory
/// holds only the pages in flight. Only [`Writer::commit`] swaps it in; a
/// build that fails before that ([`Writer::abort`]) changes nothing that is
/// published.
pub(crate) struct Writer {
    target: Target,
    staging: PathBuf,
    inputs: String,
    old: Option<Manifest>,
    live: Scan,
    staged: Scan,
    new: Files,
    summary: Summary,
}

impl Writer {
    /// Start a new site for `target`; `inputs` is the fingerprint of what
    /// the pages are made from.
    pub(crate) fn open(target: Target, inputs: String) -> Result<Writer> {
        let staging = swap::staging(&target.live);
        // The staging folder is checked against the record of what the last
        // swap left there while the manifest is read and the live folder
        // checked against it; each is walked only if its check fails.
        let ((old, live), scanned) = rayon::join(
            || {
                let old = target.cache.manifest(Identity::of(&target.live));
                let live = old
                    .as_ref()
                    .zip(trust::stamp(&target.cache, &target.live))
                    .and_then(|(old, stamp)| trust::recorded(&target.live, &old.files, stamp))
                    .map_or_else(|| scan_shown(&target.live, &target.shown), Ok);
                (old, live)
            },
            || trust::staged(&target.cache, &staging).map_or_else(|| scan(&staging), Ok),
        );
        let live = live?;
        let staged = match scanned {
            Ok(staged) if std::fs::symlink_metadata(&staging).is_ok_and(|m| m.is_dir()) => staged,
            _ => {
                step();
                swap::remove(&staging)?;
                if let Some(parent) = staging.parent() {
                    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
                }
                step();
                std::fs::create_dir(&staging).map_err(|e| Error::io(&staging, e))?;
                Scan::default()
            }
        };
        Ok(Writer {
            target,
            staging,
            inputs,
            old,
            live,
            staged,
            new: BTreeMap::new(),
            summary: Summary::default(),
        })
    }

    /// Whether the live folder already has exactly these bytes at `path`.
    fn is_unchanged(&self, path: &str, hash: Hex<32>, body: &Body) -> bool {
        if !self.live.files.contains_key(path) {
            return false;
        }
        let file = self.target.live.join(path);
        match self.old.as_ref().and_then(|m| m.files.get(path)) {
            Some(old) => {
                old.hash == hash
                    && std::fs::symlink_metadata(&file)
                        .is_ok_and(|m| m.is_file() && m.len() == old.len)
            }
            None => std::fs::read(&file).is_ok_and(|old| body.is(&old)),
        }
    }

    /// Remove whatever the staging folder has at `rel` (a file or a folder).
    fn clear(&mut self, rel: &str) -> Result<()> {
        let full = self.staging.join(rel);
        if self.staged.files.remove(rel).is_some() {
            step();
            std::fs::remove_file(&full).map_err(|e| Error::io(&full, e))?;
        } else if self.staged.dirs.contains(rel) {
            let inside = format!("{rel}/");
            self.staged
                .dirs
                .retain(|d| d != rel && !d.starts_with(&inside));
            self.staged.files.retain(|f, _| !f.starts_with(&inside));
            step();
            swap::remove(&full)?;
        }
        Ok(())
    }

    /// Make the folders of `rel` in the staging folder.
    fn make_dirs(&mut self, rel: &str) -> Result<()> {
        for dir in parents(rel) {
            if self.staged.dirs.contains(dir) {
                continue;
            }
            self.clear(dir)?;
            let full = self.staging.join(dir);
            step();
            std::fs::create_dir(&full).map_err(|e| Error::io(&full, e))?;
            self.staged.dirs.insert(dir.to_string());
        }
        Ok(())
    }

    /// Record `file` at `path` in the new site's manifest; a path given twice is an error.
    fn record(&mut self, path: &str, file: Recorded) -> Result<()> {
        if self.new.insert(path.to_string(), file).is_some() {
            return Err(Error::Refused(format!(
                "two pages would be written to `{path}`"
            )));
        }
        Ok(())
    }

    /// Keep each live file at `path` in the new site if the last build made
    /// it from inputs with the fingerprint `deps` and it is intact (there, a
    /// file, of the recorded length): for each, its length if it was kept.
    /// A page kept is not rendered at all.
    pub(crate) fn carry(&mut self, pages: &[(&str, [u8; 16])]) -> Result<Vec<Option<u64>>> {
        use rayon::prelude::*;
        // Checked in parallel: a stat per file is most of the cost of a rebuild.
        let intact: Vec<Option<Recorded>> = pages
            .par_iter()
            .map(|(path, deps)| {
                let old = self.old.as_ref()?.files.get(*path)?;
                let rel = safe_relative(path).ok()?;
                let intact = old.deps == Some(Hex(*deps))
                    && self.live.files.contains_key(*path)
                    && (self.live.lengths_checked
                        || std::fs::symlink_metadata(self.target.live.join(rel))
                            .is_ok_and(|m| m.is_file() && m.len() == old.len));
                intact.then(|| old.clone())
            })
            .collect();
        let mut kept = Vec::with_capacity(pages.len());
        for ((path, _), old) in pages.iter().zip(intact) {
            let Some(old) = old else {
                kept.push(None);
                continue;
            };
            kept.push(Some(old.len));
            self.record(path, old)?;
            self.summary.carried += 1;
            self.keep(path)?;
        }
        Ok(kept)
    }

    /// Put the live file at `path`, unchanged, in the new site.
    fn keep(&mut self, path: &str) -> Result<()> {
        self.summary.unchanged += 1;
        let live = self.live.files.get(path).copied().flatten();
        let same = self.staged.files.get(path).copied().flatten();
        if live.is_some() && live == same {
            // Already a link to the live file: same bytes, same mtime.
            return Ok(());
        }
        self.clear(path)?;
        self.make_dirs(path)?;
        step();
        let rel = safe_relative(path)?;
        link_or_copy(&self.target.live.join(rel), &self.staging.join(rel))?;
        self.staged.files.insert(path.to_string(), None);
        Ok(())
    }

    /// Add one page to the new site, rendered from inputs with the
    /// fingerprint `deps` (if known).
    pub(crate) fn add(&mut self, page: &Made, deps: Option<[u8; 16]>) -> Result<()> {
        let rel = safe_relative(&page.path)?;
        let hash = super::digest_of_pieces(page.body.pieces());
        let unchanged = self.is_unchanged(&page.path, hash, &page.body);
        let file = Recorded {
            hash,
            len: page.body.len() as u64,
            deps: deps.map(Hex),
        };
        self.record(&page.path, file)?;
        self.summary.rendered += 1;
        let staged = self.staging.join(rel);
        if unchanged {
            return self.keep(&page.path);
        }
        self.summary.written += 1;
        self.clear(&page.path)?;
        self.make_dirs(&page.path)?;
        step();
        create_fresh(&staged, page.body.pieces())?;
        self.staged.files.insert(page.path.clone(), None);
        Ok(())
    }

    /// Stop: the live folder stays as it was. The staging folder is left
    /// for the next build to bring up to date.
    pub(crate) fn abort(self) {}

    /// Remove from the staging folder what the new site does not have.
    fn prune(&mut self) -> Result<()> {
        let extra: Vec<String> = self
            .staged
            .files
            .keys()
            .filter(|p| !self.new.contains_key(*p))
            .cloned()
            .collect();
        for path in extra {
            self.clear(&path)?;
        }
        let needed: BTreeSet<&str> = self.new.keys().flat_map(|path| parents(path)).collect();
        // Deepest first, so that a folder is empty when its turn comes.
        let mut unneeded: Vec<String> = self
            .staged
            .dirs
            .iter()
            .filter(|d| !needed.contains(d.as_str()))
            .cloned()
            .collect();
        unneeded.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
        for dir in unneeded {
            self.clear(&dir)?;
        }
        Ok(())
    }

    /// Make the staged site the live one and record it.
    pub(crate) fn commit(mut self) -> Result<Summary> {
        self.summary.removed = self
            .live
            .files
            .keys()
            .filter(|p| !self.new.contains_key(*p))
            .count();
        self.prune()?;
        let live_id = Identity::of(&self.target.live);
        let cache = &self.target.cache;
        if let Some(live_id) = live_id
            && self.summary.written == 0
            && self.summary.removed == 0
        {
            // The live folder already is the new site: keep it, mtimes and all.
            let manifest = Manifest {
                folder: live_id,
                inputs: self.inputs,
                files: self.new,
            };
            if self.old.as_ref() != Some(&manifest) {
                step();
                cache.set_manifest(&manifest)?;
            }
            // The staging folder changed: the next build walks it.
            step();
            cache.forget_staging()?;
            if !self.live.lengths_checked {
                step();
                trust::stamp_again(cache, &self.target.live)?;
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
        // Exchanged, the old site is now the staging folder, kept for the
        // next build (and recorded, so that it need not walk it); moved
        // aside by the fallback, it is removed.
        step();
        cache.forget_staging()?;
        match swap::swap(&self.staging, &self.target.live)? {
            Some(old) if old == self.staging => {
                if let Some(live_id) = live_id
                    && self.live.recordable()
                {
                    step();
                    cache.set_staging(live_id, &self.live.files, &self.live.dirs)?;
                }
            }
            Some(old) => {
                step();
                swap::remove(&old)?;
            }
            None => {}
        }
        step();
        // Written last, and stamped later than the swap (see `trust`).
        trust::restamp(cache, &[staged_id], &self.target.live)?;
        swap::report_steps();
        Ok(self.summary)
    }
}

/// Write `pieces`, in order, to a new file at `path`; an existing name (a
/// planted symlink included) is an error, never followed.
fn create_fresh<'b>(path: &Path, pieces: impl IntoIterator<Item = &'b [u8]>) -> Result<()> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    pieces
        .into_iter()
        .try_for_each(|piece| file.write_all(piece))
        .map_err(|e| Error::io(path, e))
}

/// Put the live file `from` at `to` in the staging folder as a hard link
/// (same bytes, same mtime); where links are not possible, as a copy with
/// the original's mtime.
fn link_or_copy(from: &Path, to: &Path) -> Result<()> {
    if std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    let bytes = std::fs::read(from).map_err(|e| Error::io(from, e))?;
    create_fresh(to, [bytes.as_slice()])?;
    let modified = std::fs::metadata(from)
        .and_then(|m| m.modified())
        .map_err(|e| Error::io(from, e))?;
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(to)
        .map_err(|e| Error::io(to, e))?;
    file.set_modified(modified).map_err(|e| Error::io(to, e))
}
