//! Fuzz a whole build: the input is split on `\x00\x00` into the source,
//! the English translation and the English interface strings of a small
//! generated project in a temporary folder, which `build::render` renders in
//! memory. Nothing is written outside that folder. No panic, and no page
//! carries a `<script>` other than the theme's own script tag.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tolmach::Overrides;

/// The project root: the `small` test fixture and the default theme,
/// copied once into a temporary folder that lives as long as the process.
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

/// Split `data` on `\0\0` into at most three parts.
fn parts(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while out.len() < 2 {
        match rest.windows(2).position(|w| w == b"\0\0") {
            Some(i) => {
                out.push(&rest[..i]);
                rest = &rest[i + 2..];
            }
            None => break,
        }
    }
    out.push(rest);
    out
}

fuzz_target!(|data: &[u8]| {
    let root = project();
    let files = [
        "sources/statement.md",
        "locales/en/statement.yaml",
        "locales/en/site.ftl",
    ];
    let originals: Vec<Vec<u8>> = files
        .iter()
        .map(|f| std::fs::read(root.join(f)).expect("fixture file"))
        .collect();
    for (file, part) in files.iter().zip(parts(data)) {
        std::fs::write(root.join(file), part).expect("write into the temporary project");
    }
    if let Ok(pages) = tolmach::render_site(root, Overrides::default()) {
        for page in &pages {
            if page.path.ends_with(".html") {
                let html = String::from_utf8_lossy(&page.bytes);
                assert!(!html.contains("<script>"), "{}: inline script", page.path);
                assert!(
                    !html.to_ascii_lowercase().contains("href=\"javascript:"),
                    "{}: javascript link",
                    page.path
                );
            }
        }
    }
    for (file, bytes) in files.iter().zip(originals) {
        std::fs::write(root.join(file), bytes).expect("restore the temporary project");
    }
});
