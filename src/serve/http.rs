//! The preview's HTTP server: hyper (under axum) on tokio, made to be safe
//! for a browser on a shared machine.
//!
//! - Every connection is its own task: a slow, silent or pipelining client
//!   holds only its own connection, never a worker the others need.
//! - Request line and headers together are bounded ([`MAX_HEAD`], at most
//!   [`MAX_HEADERS`] fields): past that hyper answers 431 and closes, so a
//!   connection's memory stays bounded. At most [`MAX_CONNECTIONS`] at once.
//! - The head must arrive within [`HEADER_READ_TIMEOUT`] and every write
//!   must progress within [`WRITE_TIMEOUT`], or the connection is closed.
//! - `Host` must be `127.0.0.1`, `localhost` or `[::1]` (with the bound port
//!   if one is given): a DNS-rebinding page gets 421, no `Host` 400.
//! - Request paths are percent-decoded, any `..`, `.`, backslash, colon or
//!   NUL segment is refused, the resolved file must stay inside the output
//!   folder, and redirects are always path-absolute on the same host.
//! - The reload script tag is injected into HTML responses only, never
//!   written to the files; the pages learn of new builds and build errors
//!   through server-sent events (`/__tolmach/events`), pushed, not polled.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tokio_io_timeout::TimeoutStream;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::WatchStream;

use super::Status;
use crate::error::{Error, Result};

/// The most bytes of request line and headers (hyper answers 431 past it).
pub const MAX_HEAD: usize = 16 * 1024;
/// The most header fields in one request.
const MAX_HEADERS: usize = 64;
/// A request's head must arrive within this time, or the connection is closed.
pub(crate) const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);
/// A write that makes no progress for this long closes the connection.
pub(crate) const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections served at once; more are closed at once.
const MAX_CONNECTIONS: usize = 128;
/// How often an idle event stream says it is alive.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The live-reload script.
const RELOAD_JS: &str = r##"// Tolmach live reload (served by `tolmach serve` only).
(function () {
  "use strict";
  var me = document.currentScript;
  var seen = me && me.hasAttribute("data-version") ? Number(me.getAttribute("data-version")) : null;
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
  var events = new EventSource("/__tolmach/events");
  events.onmessage = function (message) {
    var state = JSON.parse(message.data);
    if (seen === null) { seen = state.version; }
    if (state.version !== seen) { events.close(); location.reload(); return; }
    if (state.error) { show(state.error); } else { hide(); }
  };
})();
"##;

/// The tag injected before `</body>` of every served HTML page; `version`
/// is the build the page comes from, so a build finished while the page
/// loaded still reloads it.
pub fn reload_tag(version: u64) -> String {
    format!("<script src=\"/__tolmach/reload.js\" data-version=\"{version}\"></script>")
}

/// `html` with [`reload_tag`] before its last `</body>`, or at the end if there is none.
pub fn inject(html: &str, version: u64) -> String {
    let at = html.rfind("</body>").unwrap_or(html.len());
    format!("{}{}{}", &html[..at], reload_tag(version), &html[at..])
}

#[derive(Clone)]
struct App {
    out: Arc<PathBuf>,
    status: watch::Receiver<Status>,
    port: u16,
}

/// Listen on 127.0.0.1:`port` and serve `out` in the background of the
/// current runtime. Returns the bound port.
pub(super) async fn start(port: u16, out: PathBuf, status: watch::Sender<Status>) -> Result<u16> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .await
        .map_err(|e| Error::Refused(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
    let port = listener.local_addr().map_or(port, |a| a.port());
    let app = App {
        out: Arc::new(out),
        status: status.subscribe(),
        port,
    };
    let router = Router::new().fallback(handle).with_state(app);
    tokio::spawn(accept(listener, router));
    Ok(port)
}

/// Accept connections forever, each served by its own task with the limits above.
async fn accept(listener: TcpListener, router: Router) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors, for example: wait, then go on.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Ok(slot) = Arc::clone(&slots).try_acquire_owned() else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        let mut stream = TimeoutStream::new(stream);
        stream.set_write_timeout(Some(WRITE_TIMEOUT));
        let io = TokioIo::new(Box::pin(stream));
        let service = TowerToHyperService::new(router.clone());
        tokio::spawn(async move {
            let _ = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEADER_READ_TIMEOUT)
                .max_buf_size(MAX_HEAD)
                .max_header_size(MAX_HEAD)
                .max_headers(MAX_HEADERS)
                .serve_connection(io, service)
                .await;
            drop(slot);
        });
    }
}

/// Whether `host` (a `Host` header or a request's authority) names this
/// preview: a loopback name, with the bound port if a port is given.
fn host_allowed(host: &str, port: u16) -> bool {
    let (name, given_port) = if let Some(rest) = host.strip_prefix('[') {
        let Some((v6, tail)) = rest.split_once(']') else {
            return false;
        };
        let port = match tail {
            "" => None,
            tail => match tail.strip_prefix(':') {
                Some(p) => Some(p),
                None => return false,
            },
        };
        (format!("[{v6}]"), port)
    } else {
        match host.rsplit_once(':') {
            Some((name, p)) => (name.to_string(), Some(p)),
            None => (host.to_string(), None),
        }
    };
    let name_ok = matches!(
        name.to_ascii_lowercase().as_str(),
        "localhost" | "127.0.0.1" | "[::1]"
    );
    name_ok && given_port.is_none_or(|p| p.parse::<u16>() == Ok(port))
}

fn text(status: StatusCode, body: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        body,
    )
        .into_response()
}

async fn handle(State(app): State<App>, request: Request) -> Response {
    let (parts, _) = request.into_parts();
    let mut response = respond(&app, &parts).await;
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

async fn respond(app: &App, request: &axum::http::request::Parts) -> Response {
    let host = request
        .headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok());
    let Some(host) = host else {
        return text(StatusCode::BAD_REQUEST, "a Host header is required\n");
    };
    let authority = request.uri.authority().map(|a| a.as_str());
    if !host_allowed(host, app.port) || authority.is_some_and(|a| !host_allowed(a, app.port)) {
        return text(
            StatusCode::MISDIRECTED_REQUEST,
            "this preview answers only to 127.0.0.1 and localhost\n",
        );
    }
    if request.method != Method::GET && request.method != Method::HEAD {
        let mut response = text(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let path = request.uri.path().to_string();
    match path.as_str() {
        "/__tolmach/reload.js" => {
            return (
                [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                RELOAD_JS,
            )
                .into_response();
        }
        "/__tolmach/events" => return events(app),
        "/__tolmach/version" => {
            let json = status_json(&app.status.borrow());
            return ([(header::CONTENT_TYPE, "application/json")], json).into_response();
        }
        _ => {}
    }
    // Read the version first: a page newer than it only reloads once more.
    let version = app.status.borrow().version;
    let out = Arc::clone(&app.out);
    match tokio::task::spawn_blocking(move || reply(&path, &out, version)).await {
        Ok(reply) => reply.into_response(),
        Err(_) => text(StatusCode::INTERNAL_SERVER_ERROR, "internal error\n"),
    }
}

fn status_json(status: &Status) -> String {
    serde_json::json!({ "version": status.version, "error": status.error }).to_string()
}

/// The build status as server-sent events: the current one at once, then each change.
fn events(app: &App) -> Response {
    let stream = WatchStream::new(app.status.clone())
        .map(|status| Ok::<Event, Infallible>(Event::default().data(status_json(&status))));
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(KEEP_ALIVE))
        .into_response()
}

/// A response ready to send.
struct Reply {
    status: StatusCode,
    content_type: &'static str,
    body: Vec<u8>,
    location: Option<String>,
}

impl Reply {
    fn new(status: StatusCode, content_type: &'static str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type,
            body,
            location: None,
        }
    }
}

impl IntoResponse for Reply {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            [(header::CONTENT_TYPE, self.content_type)],
            self.body,
        )
            .into_response();
        if let Some(location) = self.location.and_then(|l| HeaderValue::from_str(&l).ok()) {
            response.headers_mut().insert(header::LOCATION, location);
        }
        response
    }
}

/// The reply to a GET of `path` (without the query) from the output folder.
fn reply(path: &str, out: &Path, version: u64) -> Reply {
    let plain = "text/plain; charset=utf-8";
    let Some(segments) = segments(path) else {
        return Reply::new(
            StatusCode::BAD_REQUEST,
            plain,
            b"bad request path\n".to_vec(),
        );
    };
    let mut file = segments.iter().fold(out.to_path_buf(), |p, s| p.join(s));
    if file.is_dir() {
        if !path.ends_with('/') {
            // Always a path on this host: `/en/`, never `//en/`.
            let mut reply = Reply::new(StatusCode::MOVED_PERMANENTLY, plain, b"moved\n".to_vec());
            reply.location = Some(folder_url(&segments));
            return reply;
        }
        file.push("index.html");
    }
    match read_inside(out, &file) {
        Some(bytes) => Reply::new(
            StatusCode::OK,
            content_type(&file),
            served(&file, bytes, version),
        ),
        None => not_found(out, version),
    }
}

/// `/a/b/` for the segments `a`, `b`, percent-encoded.
fn folder_url(segments: &[String]) -> String {
    let mut url = String::from("/");
    for segment in segments {
        for byte in segment.bytes() {
            if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=@".contains(&byte) {
                url.push(char::from(byte));
            } else {
                url.push_str(&format!("%{byte:02X}"));
            }
        }
        url.push('/');
    }
    url
}

fn not_found(out: &Path, version: u64) -> Reply {
    let page = out.join("404.html");
    match read_inside(out, &page) {
        Some(bytes) => Reply::new(
            StatusCode::NOT_FOUND,
            content_type(&page),
            served(&page, bytes, version),
        ),
        None => Reply::new(
            StatusCode::NOT_FOUND,
            "text/plain; charset=utf-8",
            b"not found\n".to_vec(),
        ),
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
        "epub" => "application/epub+zip",
        _ => "application/octet-stream",
    }
}

/// The body as served: HTML gets the reload tag before its last `</body>`.
fn served(path: &Path, bytes: Vec<u8>, version: u64) -> Vec<u8> {
    if path.extension().and_then(|e| e.to_str()) != Some("html") {
        return bytes;
    }
    match String::from_utf8(bytes) {
        Ok(html) => inject(&html, version).into_bytes(),
        Err(err) => err.into_bytes(),
    }
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
    fn redirects_are_path_absolute() {
        let to = |path: &str| folder_url(&segments(path).unwrap());
        assert_eq!(to("//en"), "/en/");
        assert_eq!(to("///en//trade"), "/en/trade/");
        assert_eq!(to("/a%20b"), "/a%20b/");
        assert_eq!(to("/%2F%2Fevil.example"), "/evil.example/");
    }

    #[test]
    fn only_loopback_hosts_are_answered() {
        for ok in [
            "127.0.0.1",
            "127.0.0.1:8080",
            "localhost:8080",
            "LOCALHOST",
            "[::1]:8080",
            "[::1]",
        ] {
            assert!(host_allowed(ok, 8080), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:8080",
            "127.0.0.1:9999",
            "localhost.evil.example",
            "127.0.0.1.nip.io:8080",
            "[::1]x",
            "",
        ] {
            assert!(!host_allowed(bad, 8080), "{bad}");
        }
    }

    #[test]
    fn inject_puts_the_tag_before_the_last_body_end() {
        assert_eq!(
            inject("<p>a</p></body></html>", 3),
            format!("<p>a</p>{}</body></html>", reload_tag(3))
        );
        assert_eq!(inject("<p>a</p>", 1), format!("<p>a</p>{}", reload_tag(1)));
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
        assert_eq!(
            content_type(Path::new("kk/statement.kk.epub")),
            "application/epub+zip"
        );
    }
}
