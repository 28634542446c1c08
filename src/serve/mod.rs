//! `tolmach serve`: build, serve the output folder on 127.0.0.1, watch the
//! project and rebuild on change, and push a reload to the open pages.
//!
//! The watcher and the builds run on the main thread; the HTTP server
//! ([`http`]) runs on a small tokio runtime beside it. The two share the
//! build [`Status`] through a `tokio::sync::watch` channel: every change of
//! it is pushed to the pages as a server-sent event.

mod http;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};
use tokio::sync::watch;

use crate::build;
use crate::error::{Error, Result};
use crate::layout::SETTINGS as FILE_NAME;

pub use http::{MAX_HEAD, inject, reload_tag};

/// What `tolmach serve` was asked to do.
#[derive(Clone, Debug, Default)]
pub(crate) struct Options {
    /// The project and the build settings.
    pub build: build::Options,
    /// The port on 127.0.0.1 (0: any free port).
    pub port: u16,
    /// Open the site in the desktop browser.
    pub open: bool,
}

/// How long the watcher waits for quiet before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(10);
/// Folders of the project that are watched.
const WATCHED: [&str; 3] = ["sources", "locales", "themes"];

/// The state pushed to the browser.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Status {
    /// Number of successful builds.
    pub(crate) version: u64,
    /// The error of the last build, if it failed.
    pub(crate) error: Option<String>,
}

/// Run the command until the process is stopped.
pub(crate) fn run(options: &Options) -> Result<()> {
    let root = std::fs::canonicalize(&options.build.root)
        .map_err(|e| Error::io(&options.build.root, e))?;
    let build = build::Options {
        root: root.clone(),
        overrides: options.build.overrides.clone(),
        progress: false,
    };
    let out = output_folder(&build)?;
    let (status, _) = watch::channel(Status::default());
    let (events, _watcher) = watch_project(&root)?;
    // A refused output folder (the project root, `/`, ...) must not be served.
    match build::run(&build) {
        Err(err @ Error::Refused(_)) => return Err(err),
        outcome => record(outcome, &status, "built"),
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("tolmach-serve")
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Error::Refused(format!("cannot start the server: {e}")))?;
    let port = runtime.block_on(http::start(options.port, out.clone(), status.clone()))?;
    let url = format!("http://127.0.0.1:{port}/");
    println!("serving {url}");
    if options.open
        && let Err(e) = opener::open_browser(&url)
    {
        eprintln!("note: could not open a browser ({e}); open {url}");
    }
    // The first rebuild after an edit then changes only what differs.
    if let Err(err) = crate::write::prime(&root, &out) {
        eprintln!("note: {err}");
    }
    rebuild_loop(&events, &root, &build, &status);
    Ok(())
}

/// The output folder the build writes to, absolute.
fn output_folder(options: &build::Options) -> Result<PathBuf> {
    let settings = crate::load::settings(&options.root, options.overrides.clone())?;
    Ok(if settings.output.is_absolute() {
        settings.output
    } else {
        options.root.join(settings.output)
    })
}

/// Print the outcome of a build and publish it to the pages.
fn record(outcome: Result<build::Report>, status: &watch::Sender<Status>, verb: &str) {
    match outcome {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("{warning}");
            }
            if status.borrow().version == 0 {
                for note in &report.notes {
                    eprintln!("note: {note}");
                }
            }
            let s = report.summary;
            println!(
                "{verb} in {} ms: {} written, {} unchanged, {} removed",
                report.elapsed.as_millis(),
                s.written,
                s.unchanged,
                s.removed
            );
            status.send_modify(|status| {
                status.version += 1;
                status.error = None;
            });
        }
        Err(err) => {
            let message = err.to_string();
            eprintln!("{message}");
            eprintln!("build failed; serving the last good build");
            status.send_modify(|status| status.error = Some(message));
        }
    }
}

/// Start watching the project; the watcher stops when the returned value is dropped.
fn watch_project(root: &Path) -> Result<(Receiver<notify::Event>, notify::RecommendedWatcher)> {
    let (tx, rx) = channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event {
            let _ = tx.send(event);
        }
    })
    .map_err(|e| Error::Refused(format!("cannot watch {}: {e}", root.display())))?;
    let watch_err = |path: &Path, e: notify::Error| {
        Error::Refused(format!("cannot watch {}: {e}", path.display()))
    };
    for dir in WATCHED {
        let path = root.join(dir);
        if path.is_dir() {
            watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| watch_err(&path, e))?;
        }
    }
    // The settings file is watched through its folder, so that editors that
    // replace the file by renaming are seen too.
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| watch_err(root, e))?;
    Ok((rx, watcher))
}

/// Whether an event is a change to a watched input.
fn is_relevant(event: &notify::Event, root: &Path) -> bool {
    use notify::event::{AccessKind, AccessMode};
    let changes = match event.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    };
    changes && event.paths.iter().any(|p| is_input(p, root))
}

fn is_input(path: &Path, root: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = rel.components();
    match parts.next() {
        Some(std::path::Component::Normal(first)) => {
            let first = first.to_string_lossy();
            (WATCHED.contains(&first.as_ref()) && parts.next().is_some())
                || (first == FILE_NAME && parts.next().is_none())
        }
        _ => false,
    }
}

/// Wait for changes, let them settle for [`DEBOUNCE`], rebuild; forever.
fn rebuild_loop(
    events: &Receiver<notify::Event>,
    root: &Path,
    options: &build::Options,
    status: &watch::Sender<Status>,
) {
    while let Ok(event) = events.recv() {
        if !is_relevant(&event, root) {
            continue;
        }
        loop {
            match events.recv_timeout(DEBOUNCE) {
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        record(build::run(options), status, "rebuilt");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_sources_locales_themes_and_settings() {
        let root = Path::new("/p");
        assert!(is_input(Path::new("/p/locales/en/statement.yaml"), root));
        assert!(is_input(Path::new("/p/tolmach.yaml"), root));
        assert!(!is_input(Path::new("/p/public/index.html"), root));
        assert!(!is_input(Path::new("/p/locales"), root));
        assert!(!is_input(Path::new("/q/sources/statement.md"), root));
    }
}
