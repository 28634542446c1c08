//! `tolmach serve`: the real binary serving a fixture project over HTTP.
mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use tolmach::{MAX_HEAD, inject, reload_tag};

/// How long to wait for anything before giving up (a hang guard, not a timing check).
const PATIENCE: Duration = Duration::from_secs(60);

/// A running `tolmach serve`, killed when dropped (also when a test panics).
struct Server {
    child: Child,
    port: u16,
    stdout: Arc<Mutex<String>>,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Collect everything a pipe says into a shared string, on a thread.
fn drain(pipe: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&text);
    std::thread::spawn(move || {
        for line in BufReader::new(pipe).lines().map_while(Result::ok) {
            let mut sink = sink.lock().unwrap();
            sink.push_str(&line);
            sink.push('\n');
        }
    });
    text
}

impl Server {
    /// The resident memory of the server process, in KiB (Linux).
    fn rss_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .unwrap()
    }

    /// Start `tolmach serve --port 0` in the fixture and wait for its address.
    fn start(fixture: &Fixture) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tolmach"))
            .args(["serve", "--port", "0"])
            .current_dir(fixture.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = drain(child.stdout.take().unwrap());
        let stderr = drain(child.stderr.take().unwrap());
        let mut server = Server {
            child,
            port: 0,
            stdout,
            stderr,
        };
        let prefix = "serving http://127.0.0.1:";
        let line = wait_for("the serving line", || {
            server
                .stdout()
                .lines()
                .find(|l| l.starts_with(prefix))
                .map(str::to_string)
        });
        let port = line[prefix.len()..].trim_end_matches('/');
        assert_eq!(line, format!("{prefix}{port}/"));
        server.port = port.parse().unwrap();
        server
    }

    fn stdout(&self) -> String {
        self.stdout.lock().unwrap().clone()
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// A connection to the server.
    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        stream
    }

    /// Send `request` as it is on a new connection and read the reply to the end.
    fn raw(&self, request: &[u8]) -> Reply {
        let mut stream = self.connect();
        // The server may answer and close before it has read everything.
        let _ = stream.write_all(request);
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        Reply::parse(&raw)
    }

    /// `GET path` over plain HTTP/1.0.
    fn get(&self, path: &str) -> Reply {
        self.raw(format!("GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").as_bytes())
    }

    /// The parsed `/__tolmach/version`.
    fn version(&self) -> (u64, Option<String>) {
        let reply = self.get("/__tolmach/version");
        assert_eq!(reply.status, 200);
        assert_eq!(reply.header("content-type"), "application/json");
        let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
        let version = json["version"].as_u64().unwrap();
        let error = json["error"].as_str().map(str::to_string);
        assert!(json["error"].is_null() || error.is_some(), "{json}");
        (version, error)
    }
}

struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn parse(raw: &[u8]) -> Reply {
        let raw = String::from_utf8_lossy(raw);
        let (head, body) = raw.split_once("\r\n\r\n").unwrap_or((&raw, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split(' ').nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Reply {
            status,
            headers,
            body: body.to_string(),
        }
    }

    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// Poll `probe` until it gives a value; panic after [`PATIENCE`].
fn wait_for<T>(what: &str, mut probe: impl FnMut() -> Option<T>) -> T {
    let started = Instant::now();
    loop {
        if let Some(value) = probe() {
            return value;
        }
        assert!(started.elapsed() < PATIENCE, "gave up waiting for {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn serves_the_site_with_content_types_a_404_page_and_the_reload_script() {
    let fixture = Fixture::new("small");
    let server = Server::start(&fixture);
    assert_eq!(server.version(), (1, None));

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("content-type"), "text/html; charset=utf-8");
    assert_eq!(home.body, inject(&fixture.read("public/index.html"), 1));
    assert_eq!(home.body.matches("/__tolmach/reload.js").count(), 1);
    assert!(home.body.contains(&format!("{}</body>", reload_tag(1))));

    let trade = server.get("/en/trade/");
    assert_eq!(trade.status, 200);
    assert_eq!(
        trade.body,
        inject(&fixture.read("public/en/trade/index.html"), 1)
    );
    for rel in files(&fixture.path("public")) {
        let bytes = std::fs::read(fixture.path(&format!("public/{rel}"))).unwrap();
        assert!(
            !String::from_utf8_lossy(&bytes).contains("__tolmach"),
            "public/{rel} on disk mentions the reload script"
        );
    }

    for (path, kind) in [
        ("/theme/style.css", "text/css; charset=utf-8"),
        ("/theme/tolmach.js", "text/javascript; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/__tolmach/reload.js", "text/javascript; charset=utf-8"),
        ("/en/full/index.html", "text/html; charset=utf-8"),
    ] {
        let reply = server.get(path);
        assert_eq!(
            (reply.status, reply.header("content-type")),
            (200, kind),
            "{path}"
        );
    }
    let script = server.get("/__tolmach/reload.js").body;
    assert!(script.contains("new EventSource(\"/__tolmach/events\")"));
    assert!(script.contains("textContent") && !script.contains("setTimeout"));
    assert!(!script.contains("innerHTML"));

    let moved = server.get("/en/trade?x=1");
    assert_eq!(
        (moved.status, moved.header("location")),
        (301, "/en/trade/")
    );

    let missing = server.get("/en/no-such-page/");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("content-type"), "text/html; charset=utf-8");
    assert_eq!(missing.body, inject(&fixture.read("public/404.html"), 1));
}

#[test]
fn refuses_paths_that_leave_the_output_folder() {
    let fixture = Fixture::new("small");
    fixture.write("secret.txt", "SECRET");
    let server = Server::start(&fixture);
    for path in [
        "/../secret.txt",
        "/en/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/en/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/./index.html",
        "/%zz",
    ] {
        let reply = server.get(path);
        assert_eq!(reply.status, 400, "{path}");
        assert!(!reply.body.contains("SECRET"), "{path}");
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(
            fixture.path("secret.txt"),
            fixture.path("public/escape.txt"),
        )
        .unwrap();
        let reply = server.get("/escape.txt");
        assert_eq!(reply.status, 404);
        assert!(!reply.body.contains("SECRET"));
    }
}

#[test]
fn rebuilds_on_a_translation_edit_and_keeps_the_last_good_build_on_error() {
    let fixture = Fixture::new("small");
    let server = Server::start(&fixture);
    let (first, _) = server.version();
    assert!(
        server
            .get("/en/")
            .body
            .contains("We, the Ministers, declare our cooperation.")
    );

    fixture.edit(
        "locales/en/statement.yaml",
        "declare our cooperation",
        "declare our close cooperation",
    );
    let second = wait_for("a rebuild after the edit", || {
        let (v, error) = server.version();
        assert_eq!(error, None);
        (v > first).then_some(v)
    });
    let page = server.get("/en/");
    assert!(
        page.body
            .contains("We, the Ministers, declare our close cooperation.")
    );
    assert!(page.body.contains(&reload_tag(second)));
    assert!(
        server
            .stdout()
            .lines()
            .any(|l| l.starts_with("rebuilt in ") && l.contains(" ms: "))
    );

    fixture.edit(
        "locales/en/statement.yaml",
        "  text: \"We, the Ministers",
        "  text: [\"We, the Ministers",
    );
    let error = wait_for("the build error", || server.version().1);
    assert!(error.contains("locales/en/statement.yaml:"), "{error}");
    assert!(error.contains("error:"), "{error}");
    assert_eq!(
        server.version().0,
        second,
        "a failed build must not bump the version"
    );
    let page = server.get("/en/");
    assert_eq!(page.status, 200);
    assert!(
        page.body
            .contains("We, the Ministers, declare our close cooperation.")
    );
    let stderr = wait_for("the error in the terminal", || {
        let text = server.stderr();
        text.contains("build failed").then_some(text)
    });
    assert!(stderr.contains("locales/en/statement.yaml:"), "{stderr}");

    fixture.edit(
        "locales/en/statement.yaml",
        "  text: [\"We, the Ministers",
        "  text: \"We, the Ministers",
    );
    let third = wait_for("a rebuild after the fix", || {
        let (v, error) = server.version();
        (v > second && error.is_none()).then_some(v)
    });
    assert!(third > second);
}

#[test]
fn refuses_a_dangerous_output_folder_instead_of_serving_it() {
    let fixture = Fixture::new("small");
    let mut child = Command::new(env!("CARGO_BIN_EXE_tolmach"))
        .args(["serve", "--port", "0", "--out", "/"])
        .current_dir(fixture.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > PATIENCE {
            let _ = child.kill();
            panic!("tolmach serve --out / did not exit");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let out = child.wait_with_output().unwrap();
    assert_eq!(status.code(), Some(1));
    assert!(stdout(&out).is_empty(), "{}", stdout(&out));
    assert_eq!(
        stderr(&out),
        "error: refusing to write to /: it is the root of the file system\n"
    );
}

#[test]
fn starts_with_a_broken_translation_and_builds_once_it_is_fixed() {
    let fixture = Fixture::new("small");
    fixture.edit(
        "locales/en/statement.yaml",
        "  text: \"We, the Ministers",
        "  text: [\"We, the Ministers",
    );
    let server = Server::start(&fixture);
    let (version, error) = server.version();
    assert_eq!(version, 0);
    let error = error.unwrap();
    assert!(error.starts_with("locales/en/statement.yaml:"), "{error}");
    wait_for("the error in the terminal", || {
        server.stderr().contains(&error).then_some(())
    });

    fixture.edit(
        "locales/en/statement.yaml",
        "  text: [\"We, the Ministers",
        "  text: \"We, the Ministers",
    );
    wait_for("the first good build", || {
        (server.version() == (1, None)).then_some(())
    });
    assert!(
        server
            .get("/en/")
            .body
            .contains("We, the Ministers, declare our cooperation.")
    );
}

#[test]
fn redirects_stay_on_this_host() {
    let fixture = Fixture::new("small");
    let server = Server::start(&fixture);
    for (path, to) in [
        ("//en", "/en/"),
        ("//en/trade", "/en/trade/"),
        ("/en//trade?x=//evil", "/en/trade/"),
        ("/%2Fen", "/en/"),
    ] {
        let reply = server.get(path);
        assert_eq!(
            (reply.status, reply.header("location")),
            (301, to),
            "{path}"
        );
    }
}

#[test]
fn only_loopback_host_names_are_answered() {
    let fixture = Fixture::new("small");
    let server = Server::start(&fixture);
    let port = server.port;
    for host in [
        "127.0.0.1",
        "localhost",
        &format!("127.0.0.1:{port}"),
        &format!("localhost:{port}"),
        &format!("[::1]:{port}"),
    ] {
        let reply = server.raw(
            format!("GET /en/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        assert_eq!(reply.status, 200, "{host}");
    }
    // A DNS-rebinding page reaches the server under its own name.
    for host in [
        "evil.example",
        &format!("evil.example:{port}"),
        "127.0.0.1:1",
        "localhost.evil.example",
    ] {
        let reply = server.raw(
            format!("GET /en/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        assert_eq!(reply.status, 421, "{host}");
        assert!(!reply.body.contains("Ministers"), "{host}");
    }
    let absolute = server.raw(
        format!("GET http://evil.example/en/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n").as_bytes(),
    );
    assert_eq!(absolute.status, 421);
    let no_host = server.raw(b"GET /en/ HTTP/1.0\r\n\r\n");
    assert_eq!(no_host.status, 400);
    let post = server.raw(b"POST /en/ HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
    assert_eq!((post.status, post.header("allow")), (405, "GET, HEAD"));
}

#[test]
fn oversized_heads_get_431_and_memory_stays_bounded() {
    let fixture = Fixture::new("small");
    let server = Server::start(&fixture);
    let line = format!("X-Big: {}\r\n", "a".repeat(MAX_HEAD));
    let reply = server.raw(format!("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n{line}\r\n").as_bytes());
    assert_eq!(reply.status, 431);
    let long_path = format!(
        "GET /{} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
        "a".repeat(MAX_HEAD)
    );
    assert_eq!(server.raw(long_path.as_bytes()).status, 431);
    let many: String = (0..200).map(|i| format!("X-{i}: 1\r\n")).collect();
    let reply = server.raw(format!("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n{many}\r\n").as_bytes());
    assert_eq!(reply.status, 431);

    // 1 MB header lines on 40 connections at once: each is cut off at the
    // limit, and the server does not keep the bytes.
    let before = server.rss_kib();
    let megabyte = format!(
        "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: {}",
        "a".repeat(1 << 20)
    );
    let clients: Vec<_> = (0..40)
        .map(|_| {
            let port = server.port;
            let request = megabyte.clone();
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
                stream.set_read_timeout(Some(PATIENCE)).unwrap();
                let _ = stream.write_all(request.as_bytes());
                let mut raw = Vec::new();
                let _ = stream.read_to_end(&mut raw);
                Reply::parse(&raw).status
            })
        })
        .collect();
    for client in clients {
        let status = client.join().unwrap();
        assert!(status == 431 || status == 0, "{status}");
    }
    let after = server.rss_kib();
    assert!(
        after < before + 20 * 1024,
        "RSS grew from {before} KiB to {after} KiB"
    );
    assert_eq!(server.get("/en/").status, 200);
}

#[test]
fn a_client_that_sends_half_a_head_is_disconnected() {
    let fixture = Fixture::new("small");
    let server = Server::start(&fixture);
    let mut stream = server.connect();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        .unwrap();
    // The server gives up after its header timeout; before, it waited forever.
    let mut raw = Vec::new();
    let closed = stream.read_to_end(&mut raw);
    assert!(closed.is_ok(), "the connection was not closed: {closed:?}");
    assert!(!String::from_utf8_lossy(&raw).contains("200 OK"));
}

#[test]
fn a_pipelining_client_that_never_reads_does_not_starve_the_others() {
    let fixture = Fixture::real();
    let server = Server::start(&fixture);
    let largest = common::files(&fixture.path("public"))
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .max_by_key(|p| {
            std::fs::metadata(fixture.path(&format!("public/{p}")))
                .unwrap()
                .len()
        })
        .unwrap();
    let request = format!("GET /{largest} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
    let mut hogs: Vec<TcpStream> = (0..8)
        .map(|_| {
            let mut hog = server.connect();
            hog.write_all(request.repeat(50).as_bytes()).unwrap();
            hog
        })
        .collect();
    // Every other client is still served, each page whole.
    for _ in 0..20 {
        let reply = server.get("/en/trade/");
        assert_eq!(reply.status, 200);
        assert!(reply.body.contains("</html>"));
    }
    let sse = server.raw(b"HEAD /__tolmach/reload.js HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
    assert_eq!(sse.status, 200);
    // The hogs' connections end: the server stops writing to a client
    // that does not read (or, if the kernel buffered it all, at the end).
    for hog in &mut hogs {
        let mut sink = Vec::new();
        if let Err(e) = hog.read_to_end(&mut sink) {
            // Closed with requests unread, the connection may end in a reset;
            // only a read that timed out would mean the server kept it.
            assert!(
                !matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ),
                "{e}"
            );
        }
    }
}

#[test]
fn builds_are_pushed_to_the_page_as_server_sent_events() {
    let fixture = Fixture::new("small");
    let server = Server::start(&fixture);
    let mut stream = server.connect();
    stream
        .write_all(b"GET /__tolmach/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .unwrap();
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" {
            break;
        }
        head.push_str(&line);
    }
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: text/event-stream"),
        "{head}"
    );
    let mut next_event = || loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if let Some(data) = line.trim_end().strip_prefix("data:") {
            return serde_json::from_str::<serde_json::Value>(data.trim()).unwrap();
        }
    };
    let first = next_event();
    assert_eq!(first["version"], 1);
    fixture.edit(
        "locales/en/statement.yaml",
        "declare our cooperation",
        "declare our close cooperation",
    );
    // No request was made: the new version arrives on the open stream.
    let second = next_event();
    assert_eq!(second["version"], 2, "{second}");
    assert!(second["error"].is_null());
}
