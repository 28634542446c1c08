//! The build's bookkeeping, kept outside the published folder: a cache
//! folder of the project (`.tolmach/`, git-ignored by its own `.gitignore`)
//! with one subfolder per output path. It records
//!
//! - `output`: the output path it belongs to (for people, and to tell two
//!   paths apart should their keys ever collide);
//! - `owned`: the identities (device and inode) of the folders Tolmach made
//!   at that path, so that a folder is recognised as Tolmach's;
//! - `manifest`: the identity of the folder it describes, the fingerprint of
//!   the inputs, and the hash and length of every file of that folder, with
//!   the fingerprint of what the page read (`render::deps`), so that the
//!   next build can carry it over without rendering it;
//! - `staging`: the identity, folders and files (with their inodes) of the
//!   staging folder as the last swap left it (the site before), so that
//!   the next build need not walk it (see `trust`).
//!
//! A manifest counts only while the live folder is the very folder it
//! describes, so a build killed between writing it and swapping the folders
//! cannot make the next build trust it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use super::replace;
use crate::error::{Error, Result};

/// The project's cache folder, relative to the project root.
pub(crate) const CACHE_DIR: &str = ".tolmach";

/// Which folder on disk: device and inode where the platform has them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Identity(u64, u64);

impl Identity {
    /// The identity of the folder at `path`, if there is one.
    pub(crate) fn of(path: &Path) -> Option<Identity> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt as _;
            Some(Identity(meta.dev(), meta.ino()))
        }
        #[cfg(not(unix))]
        {
            // Elsewhere the record itself marks the path as Tolmach's.
            meta.is_dir().then_some(Identity(0, 0))
        }
    }

    fn parse(text: &str) -> Option<Identity> {
        let (dev, ino) = text.trim().split_once(':')?;
        Some(Identity(dev.parse().ok()?, ino.parse().ok()?))
    }

    fn render(self) -> String {
        format!("{}:{}", self.0, self.1)
    }
}

/// What the manifest records of one file. A build records one per page
/// and holds them all until it ends: the hashes are kept as bytes, not hex.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Recorded {
    /// The SHA-256 of its bytes.
    pub(crate) hash: Hex<32>,
    /// Its length.
    pub(crate) len: u64,
    /// The fingerprint of what it was made from, if known.
    pub(crate) deps: Option<Hex<16>>,
}

/// A hash or fingerprint of `N` bytes, written and read in hex.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Hex<const N: usize>(pub(crate) [u8; N]);

impl<const N: usize> Hex<N> {
    /// The `2 N` hex digits `text`, if that is what it is.
    pub(crate) fn parse(text: &str) -> Option<Hex<N>> {
        if text.len() != 2 * N {
            return None;
        }
        let nibble = |digit: u8| char::from(digit).to_digit(16).map(|d| d as u8);
        let mut bytes = [0; N];
        for (byte, pair) in bytes.iter_mut().zip(text.as_bytes().chunks_exact(2)) {
            *byte = nibble(pair[0])? << 4 | nibble(pair[1])?;
        }
        Some(Hex(bytes))
    }
}

impl<const N: usize> std::fmt::Display for Hex<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut text = [0; 64];
        for bytes in self.0.chunks(32) {
            for (pair, byte) in text.chunks_exact_mut(2).zip(bytes) {
                pair[0] = DIGITS[usize::from(byte >> 4)];
                pair[1] = DIGITS[usize::from(byte & 0xf)];
            }
            // Hex digits are ASCII.
            let digits =
                std::str::from_utf8(&text[..2 * bytes.len()]).map_err(|_| std::fmt::Error)?;
            f.write_str(digits)?;
        }
        Ok(())
    }
}

/// Every file, by path.
pub(crate) type Files = BTreeMap<String, Recorded>;

/// Create the cache folder `.tolmach/` and its subfolder `dir`, refusing
/// either if it is a symlink (a planted `.tolmach` link must not redirect
/// Tolmach's writes).
pub(crate) fn ensure_folder(dir: &Path) -> Result<()> {
    let top = dir.parent().expect("a cache folder is under the project");
    for dir in [top, dir] {
        match std::fs::symlink_metadata(dir) {
            Ok(meta) if meta.is_dir() => {}
            Ok(_) => {
                return Err(Error::Refused(format!(
                    "{} is not a folder (a symlink?); remove it, Tolmach keeps its build records there",
                    dir.display()
                )));
            }
            Err(_) => {
                std::fs::create_dir(dir).map_err(|e| Error::io(dir, e))?;
                if dir == top {
                    replace(
                        &top.join(".gitignore"),
                        b"# Tolmach's build records.\n*\n",
                        false,
                    )?;
                    replace(
                        &top.join("CACHEDIR.TAG"),
                        b"Signature: 8a477f597d28d172789f06886806bc55\n# Tolmach's build records; see https://bford.info/cachedir/\n",
                        false,
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// The manifest's format, its third line: older manifests (without it) are
/// not trusted, so the first build of a new version renders every page.
const FORMAT: &str = "format 2";

/// What the last build recorded about the folder it made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Manifest {
    /// The folder it describes.
    pub(crate) folder: Identity,
    /// The fingerprint of the inputs it was made from.
    pub(crate) inputs: String,
    /// Its files.
    pub(crate) files: Files,
}

/// A folder's files (with their inodes, where known) and folders, relative, with `/`.
pub(crate) type Listing = (BTreeMap<String, Option<u64>>, BTreeSet<String>);

/// The staging record's format, its second line.
const STAGING_FORMAT: &str = "staging 1";

/// The cache folder of one output path.
#[derive(Clone, Debug)]
pub(crate) struct Cache {
    dir: PathBuf,
    output: PathBuf,
}

impl Cache {
    /// The cache of the output folder `output` (absolute) of the project at `root`.
    pub(crate) fn new(root: &Path, output: &Path) -> Cache {
        let key = super::hash_of(output.as_os_str().as_encoded_bytes());
        Cache {
            dir: root.join(CACHE_DIR).join(format!("out-{}", &key[..16])),
            output: output.to_path_buf(),
        }
    }

    fn ensure(&self) -> Result<()> {
        ensure_folder(&self.dir)
    }

    fn read(&self, name: &str) -> Option<String> {
        let path = self.dir.join(name);
        let meta = std::fs::symlink_metadata(&path).ok()?;
        if !meta.is_file() {
            return None;
        }
        std::fs::read_to_string(path).ok()
    }

    fn write(&self, name: &str, text: &str) -> Result<()> {
        self.ensure()?;
        if !self.is_ours() {
            let output = self.output.as_os_str().as_encoded_bytes();
            replace(&self.dir.join("output"), output, false)?;
        }
        replace(&self.dir.join(name), text.as_bytes(), false)
    }

    /// Whether this cache belongs to the output path (and not to one whose key collides).
    fn is_ours(&self) -> bool {
        self.read("output")
            .is_some_and(|o| Path::new(&o) == self.output)
    }

    /// The file that records the folders Tolmach made ([`Cache::owned`]),
    /// written last by a build that replaced the site.
    pub(crate) fn owned_path(&self) -> PathBuf {
        self.dir.join("owned")
    }

    /// The identities of the folders Tolmach made at the output path.
    pub(crate) fn owned(&self) -> Vec<Identity> {
        if !self.is_ours() {
            return Vec::new();
        }
        self.read("owned")
            .map(|text| text.lines().filter_map(Identity::parse).collect())
            .unwrap_or_default()
    }

    /// Record the folders Tolmach made at the output path.
    pub(crate) fn set_owned(&self, folders: &[Identity]) -> Result<()> {
        let text: String = folders.iter().map(|f| f.render() + "\n").collect();
        self.write("owned", &text)
    }

    /// The fingerprint of the inputs the last build recorded, read without
    /// the files' list.
    pub(crate) fn inputs(&self) -> Option<String> {
        use std::io::BufRead as _;
        let path = self.dir.join("manifest");
        if !std::fs::symlink_metadata(&path).ok()?.is_file() {
            return None;
        }
        let file = std::fs::File::open(path).ok()?;
        let mut lines = std::io::BufReader::new(file).lines();
        lines.next()?.ok()?;
        let inputs = lines.next()?.ok()?;
        inputs.strip_prefix("inputs ").map(str::to_string)
    }

    /// The manifest of the last build, if it describes the folder `live`.
    pub(crate) fn manifest(&self, live: Option<Identity>) -> Option<Manifest> {
        if !self.is_ours() {
            return None;
        }
        let text = self.read("manifest")?;
        let mut lines = text.lines();
        let folder = Identity::parse(lines.next()?.strip_prefix("folder ")?)?;
        let inputs = lines.next()?.strip_prefix("inputs ")?.to_string();
        if lines.next()? != FORMAT {
            return None;
        }
        let files = lines
            .filter_map(|line| {
                let mut parts = line.splitn(4, ' ');
                let hash = Hex::parse(parts.next()?)?;
                let len = parts.next()?.parse().ok()?;
                let deps = match parts.next()? {
                    "-" => None,
                    deps => Some(Hex::parse(deps)?),
                };
                let path = parts.next()?.to_string();
                Some((path, Recorded { hash, len, deps }))
            })
            .collect();
        (Some(folder) == live).then_some(Manifest {
            folder,
            inputs,
            files,
        })
    }

    /// What the last swap left in the staging folder, if that is the folder `staging`.
    pub(crate) fn staging(&self, staging: Option<Identity>) -> Option<Listing> {
        if !self.is_ours() {
            return None;
        }
        let text = self.read("staging")?;
        let mut lines = text.lines();
        let folder = Identity::parse(lines.next()?.strip_prefix("folder ")?)?;
        if Some(folder) != staging || lines.next()? != STAGING_FORMAT {
            return None;
        }
        let (mut files, mut dirs) = Listing::default();
        for line in lines {
            if let Some(dir) = line.strip_prefix("d ") {
                dirs.insert(dir.to_string());
            } else {
                let (inode, path) = line.strip_prefix("f ")?.split_once(' ')?;
                let inode = match inode {
                    "-" => None,
                    inode => Some(inode.parse().ok()?),
                };
                files.insert(path.to_string(), inode);
            }
        }
        Some((files, dirs))
    }

    /// Record what the staging folder `folder` holds: `files` and `dirs`.
    pub(crate) fn set_staging(
        &self,
        folder: Identity,
        files: &BTreeMap<String, Option<u64>>,
        dirs: &BTreeSet<String>,
    ) -> Result<()> {
        use std::fmt::Write as _;
        let mut text = format!("folder {}\n{STAGING_FORMAT}\n", folder.render());
        for dir in dirs {
            let _ = writeln!(text, "d {dir}");
        }
        for (path, inode) in files {
            let inode = inode.map_or_else(|| "-".to_string(), |i| i.to_string());
            let _ = writeln!(text, "f {inode} {path}");
        }
        self.write("staging", &text)
    }

    /// Forget what the staging folder holds: the next build walks it.
    pub(crate) fn forget_staging(&self) -> Result<()> {
        let path = self.dir.join("staging");
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(&path, e)),
            _ => Ok(()),
        }
    }

    /// Record the manifest of a folder.
    pub(crate) fn set_manifest(&self, manifest: &Manifest) -> Result<()> {
        use std::fmt::Write as _;
        let mut text = format!(
            "folder {}\ninputs {}\n{FORMAT}\n",
            manifest.folder.render(),
            manifest.inputs
        );
        for (path, file) in &manifest.files {
            let deps = file.deps.map_or("-".to_string(), |d| d.to_string());
            let _ = writeln!(text, "{} {} {deps} {path}", file.hash, file.len);
        }
        self.write("manifest", &text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_staging_record_is_read_back_only_for_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path(), &dir.path().join("public"));
        let files = BTreeMap::from([
            ("en/a b.html".to_string(), Some(42)),
            ("index.html".to_string(), None),
        ]);
        let dirs = BTreeSet::from(["en".to_string()]);
        cache.set_staging(Identity(1, 2), &files, &dirs).unwrap();
        assert_eq!(cache.staging(Some(Identity(1, 2))), Some((files, dirs)));
        assert_eq!(cache.staging(Some(Identity(1, 3))), None, "another folder");
        cache.forget_staging().unwrap();
        assert_eq!(cache.staging(Some(Identity(1, 2))), None);
        cache.forget_staging().unwrap();
    }

    #[test]
    fn a_hash_is_read_back_from_its_hex_and_nothing_else_is() {
        let hex = "00ff10a0".repeat(4);
        let read = Hex::<16>::parse(&hex).expect("32 hex digits");
        assert_eq!(read.0[..4], [0x00, 0xff, 0x10, 0xa0]);
        assert_eq!(read.to_string(), hex);
        assert_eq!(Hex::<16>::parse(&hex.to_uppercase()), Some(read));
        assert_eq!(Hex::<16>::parse(&hex[1..]), None, "too short");
        assert_eq!(Hex::<32>::parse(&hex), None, "a fingerprint is not a hash");
        assert_eq!(Hex::<16>::parse(&format!("{}zz", &hex[2..])), None);
        assert_eq!(
            Hex::<16>::parse(&format!("+1{}", &hex[2..])),
            None,
            "a sign is not a digit"
        );
        assert_eq!(Hex::<1>::parse("é"), None);
    }
}
