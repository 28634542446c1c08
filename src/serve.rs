//! `tolmach serve`: build, serve the output folder on 127.0.0.1, watch the
//! project and rebuild on change, and live-reload the browser.
//!
//! - The output folder is served as it is on disk; the reload script tag is
//!   injected into HTML responses only, never written to the files.
//! - `/__tolmach/reload.js` polls `/__tolmach/version` and reloads the page
//!   when the version changes; on a build error it shows an overlay with the
//!   error text while the server keeps serving the last good build.
//! - Request paths are percent-decoded and any `..`, `.`, backslash or NUL
//!   segment is refused, and the resolved file must stay inside the output folder.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use notify::{EventKind, RecursiveMode, Watcher};
use tiny_http::{Header, Request, Response, Server, StatusCode};

use crate::build;
use crate::error::{Error, Result};
use crate::layout::SETTINGS as FILE_NAME;

/// The tag injected before `</body>` of every served HTML page.
pub const RELOAD_TAG: &str = "<script src=\"/__tolmach/reload.js\"></script>";
/// How long the watcher waits for quiet before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(25);
/// Folders of the project that are watched.
const WATCHED: [&str; 3] = ["sources", "locales", "themes"];
/// Request-handling threads.
const WORKERS: usize = 4;
/// The live-reload script.
const RELOAD_JS: &str = r##"// Tolmach live reload (served by `tolmach serve` only).
(function () {
  "use strict";
  var seen = null;
  var overlay = null;
  function show(message) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "tolmach-error";
      overlay.setAttribute("role", "alert");
      var s = overlay.style;
      s.position = "fixed"; s.left = "0"; s.right = "0"; s.top = "0";
      s.maxHeight = "60vh"; s.overflow = "auto"; s.zIndex = "2147483647";
      s.margin = "0"; s.padding = "1em"; s.background = "#fff0f0"; s.color = "#600";
      s.borderBottom = "3px solid #c00"; s.font = "14px/1.4 monospace"; s.whiteSpace = "pre-wrap";
      document.body.appendChild(overlay);
    }
    overlay.textContent = "Build failed; showing the last good build.\n\n" + message;
  }
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function poll() {
    fetch("/__tolmach/version", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (seen === null) { seen = state.version; }
        if (state.version !== seen) { location.reload(); return; }
        if (state.error) { show(state.error); } else { hide(); }
        setTimeout(poll, 25);
      }, function () { setTimeout(poll, 500); });
  }
  poll();
})();
"##;

/// The state the browser polls.
#[derive(Debug, Default)]
struct State {
    /// Number of successful builds.
    version: u64,
    /// The error of the last build, if it failed.
    error: Option<String>,
}

type Shared = Arc<Mutex<State>>;

/// What `serve` is asked.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    /// What to build.
    pub build: build::Options,
    /// Port on 127.0.0.1.
    pub port: u16,
    /// Open the browser.
    pub open: bool,
}

/// Run the server until the process is stopped.
pub(crate) fn run(args: &Options) -> Result<()> {
    let root = absolute(&args.build.root)?;
    let options = build::Options {
        root: root.clone(),
        overrides: args.build.overrides.clone(),
    };
    let out = output_folder(&options)?;
    let state: Shared = Arc::new(Mutex::new(State::default()));
    let (events, _watcher) = watch(&root)?;
    // A refused output folder (the project root, `/`, ...) must not be served.
    match build::run(&options) {
        Err(err @ Error::Refused(_)) => return Err(err),
        outcome => record(outcome, &state, "built"),
    }
    let server = Server::http(("127.0.0.1", args.port))
        .map_err(|e| Error::Refused(format!("cannot listen on 127.0.0.1:{}: {e}", args.port)))?;
    let port = server.server_addr().to_ip().map_or(args.port, |a| a.port());
    let url = format!("http://127.0.0.1:{port}/");
    println!("serving {url}");
    spawn_workers(Arc::new(server), out, &state);
    if args.open {
        open(&url);
    }
    rebuild_loop(&events, &root, &options, &state);
    Ok(())
}

fn absolute(path: &Path) -> Result<PathBuf> {
    std::fs::canonicalize(path).map_err(|e| Error::io(path, e))
}

/// The output folder the build writes to, absolute.
fn output_folder(options: &build::Options) -> Result<PathBuf> {
    let settings = crate::load::settings(&options.root, options.overrides.clone())?;
    Ok(settings.output_in(&options.root))
}

/// Build once, print the outcome and update the state.
fn rebuild(options: &build::Options, state: &Shared, verb: &str) {
    record(build::run(options), state, verb);
}

/// Print the outcome of a build and update the state.
fn record(outcome: Result<build::Report>, state: &Shared, verb: &str) {
    let mut state = state.lock().unwrap_or_else(PoisonError::into_inner);
    match outcome {
        Ok(report) => {
            for warning in &report.warnings {
                eprintln!("{warning}");
            }
            if state.version == 0 {
                for note in &report.notes {
                    eprintln!("note: {note}");
                }
            }
            let s = report.summary;
            state.version += 1;
            state.error = None;
            println!(
                "{verb} in {} ms: {} written, {} unchanged, {} removed",
                report.elapsed.as_millis(),
                s.written,
                s.unchanged,
                s.removed
            );
        }
        Err(err) => {
            let message = err.to_string();
            eprintln!("{message}");
            eprintln!("build failed; serving the last good build");
            state.error = Some(message);
        }
    }
}

/// Start watching the project; the watcher stops when the returned value is dropped.
fn watch(root: &Path) -> Result<(Receiver<notify::Event>, notify::RecommendedWatcher)> {
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
    state: &Shared,
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
        rebuild(options, state, "rebuilt");
    }
}

fn spawn_workers(server: Arc<Server>, out: PathBuf, state: &Shared) {
    for _ in 0..WORKERS {
        let server = Arc::clone(&server);
        let out = out.clone();
        let state = Arc::clone(state);
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                let _ = respond(request, &out, &state);
            }
        });
    }
}

/// Open the address in the desktop browser, ignoring any failure.
fn open(url: &str) {
    let child = std::process::Command::new("xdg-open")
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Ok(mut child) = child {
        std::thread::spawn(move || child.wait());
    }
}

/// A response ready to send.
struct Reply {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
    location: Option<String>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type,
            body: body.into(),
            location: None,
        }
    }

    fn text(status: u16, body: &str) -> Reply {
        Reply::new(status, "text/plain; charset=utf-8", body)
    }
}

fn respond(request: Request, out: &Path, state: &Shared) -> std::io::Result<()> {
    let reply = reply(request.url(), out, state);
    let mut response = Response::from_data(reply.body).with_status_code(StatusCode(reply.status));
    let mut headers = vec![
        ("Content-Type", reply.content_type.to_string()),
        ("Cache-Control", "no-store".to_string()),
        ("X-Content-Type-Options", "nosniff".to_string()),
    ];
    if let Some(location) = reply.location {
        headers.push(("Location", location));
    }
    for (name, value) in headers {
        if let Ok(header) = Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    request.respond(response)
}

/// The reply to a GET of `url` (path and query as sent).
fn reply(url: &str, out: &Path, state: &Shared) -> Reply {
    let path = url.split(['?', '#']).next().unwrap_or("");
    match path {
        "/__tolmach/reload.js" => {
            return Reply::new(200, "text/javascript; charset=utf-8", RELOAD_JS);
        }
        "/__tolmach/version" => return Reply::new(200, "application/json", version_json(state)),
        _ => {}
    }
    let Some(segments) = segments(path) else {
        return Reply::text(400, "bad request path\n");
    };
    let mut file = segments.iter().fold(out.to_path_buf(), |p, s| p.join(s));
    if file.is_dir() {
        if !path.ends_with('/') {
            let mut reply = Reply::text(301, "moved\n");
            reply.location = Some(format!("{path}/"));
            return reply;
        }
        file.push("index.html");
    }
    match read_inside(out, &file) {
        Some(bytes) => Reply::new(200, content_type(&file), served(&file, bytes)),
        None => not_found(out),
    }
}

fn not_found(out: &Path) -> Reply {
    let page = out.join("404.html");
    match read_inside(out, &page) {
        Some(bytes) => Reply::new(404, content_type(&page), served(&page, bytes)),
        None => Reply::text(404, "not found\n"),
    }
}

/// The bytes of `file` if it is a regular file that, with symlinks resolved, lies inside `out`.
fn read_inside(out: &Path, file: &Path) -> Option<Vec<u8>> {
    let out = std::fs::canonicalize(out).ok()?;
    let file = std::fs::canonicalize(file).ok()?;
    if !file.starts_with(&out) || !file.is_file() {
        return None;
    }
    std::fs::read(file).ok()
}

/// The percent-decoded segments of a request path, or `None` if it is not
/// a plain absolute path inside the site.
fn segments(path: &str) -> Option<Vec<String>> {
    let rest = path.strip_prefix('/')?;
    let decoded = String::from_utf8(percent_decode(rest)?).ok()?;
    let mut out = Vec::new();
    for segment in decoded.split('/') {
        if segment == "."
            || segment == ".."
            || segment.contains(['\\', '\0'])
            || segment.contains(':')
        {
            return None;
        }
        if !segment.is_empty() {
            out.push(segment.to_string());
        }
    }
    Some(out)
}

/// Decode `%XX` escapes; `None` if an escape is malformed.
fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "json" => "application/json",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The body as served: HTML gets the reload tag before its last `</body>`.
fn served(path: &Path, bytes: Vec<u8>) -> Vec<u8> {
    if path.extension().and_then(|e| e.to_str()) != Some("html") {
        return bytes;
    }
    match String::from_utf8(bytes) {
        Ok(html) => inject(&html).into_bytes(),
        Err(err) => err.into_bytes(),
    }
}

/// `html` with [`RELOAD_TAG`] before its last `</body>`, or at the end if there is none.
pub fn inject(html: &str) -> String {
    let at = html.rfind("</body>").unwrap_or(html.len());
    format!("{}{RELOAD_TAG}{}", &html[..at], &html[at..])
}

fn version_json(state: &Shared) -> String {
    let state = state.lock().unwrap_or_else(PoisonError::into_inner);
    serde_json::json!({ "version": state.version, "error": state.error }).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_refuse_traversal_even_when_encoded() {
        assert_eq!(
            segments("/en/trade/"),
            Some(vec!["en".to_string(), "trade".to_string()])
        );
        assert_eq!(segments("/a%20b"), Some(vec!["a b".to_string()]));
        for bad in [
            "/../x",
            "/en/../../x",
            "/%2e%2e/x",
            "/%2E%2E%2Fetc",
            "/a%5c..",
            "/a%00",
            "/%zz",
            "/./x",
            "relative",
        ] {
            assert_eq!(segments(bad), None, "{bad}");
        }
    }

    #[test]
    fn inject_puts_the_tag_before_the_last_body_end() {
        assert_eq!(
            inject("<p>a</p></body></html>"),
            format!("<p>a</p>{RELOAD_TAG}</body></html>")
        );
        assert_eq!(inject("<p>a</p>"), format!("<p>a</p>{RELOAD_TAG}"));
    }

    #[test]
    fn inputs_are_sources_locales_themes_and_settings() {
        let root = Path::new("/p");
        assert!(is_input(Path::new("/p/locales/en/statement.yaml"), root));
        assert!(is_input(Path::new("/p/tolmach.yaml"), root));
        assert!(!is_input(Path::new("/p/public/index.html"), root));
        assert!(!is_input(Path::new("/p/locales"), root));
        assert!(!is_input(Path::new("/q/sources/statement.md"), root));
    }

    #[test]
    fn content_types_cover_the_site() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("favicon.svg")), "image/svg+xml");
        assert_eq!(
            content_type(Path::new("sitemap.xml")),
            "application/xml; charset=utf-8"
        );
    }
}
