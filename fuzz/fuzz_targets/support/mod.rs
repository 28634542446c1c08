//! A small project in a temporary folder, made once per process, and the
//! dry-run import the import fuzz targets share.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The `small` test fixture with the default theme, copied once.
fn project() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        copy_dir(&repo.join("tests/fixtures/small"), dir.path());
        copy_dir(&repo.join("themes"), &dir.path().join("themes"));
        dir
    })
    .path()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read fixture") {
        let entry = entry.expect("read fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

/// Write `data` as `name` inside the project and import it without writing.
pub fn import(data: &[u8], name: &str) {
    let root = project();
    let file = root.join(name);
    std::fs::write(&file, data).expect("write the file to import");
    let before = std::fs::read(root.join("locales/en/statement.yaml")).expect("read");
    let _ = tolmach::import_dry_run(root, &file);
    let after = std::fs::read(root.join("locales/en/statement.yaml")).expect("read");
    assert_eq!(before, after, "a dry run wrote the translation");
}
