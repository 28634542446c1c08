//! `tolmach serve`: the real binary serving a fixture project over HTTP.
mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::*;
use tolmach::{RELOAD_TAG, inject};

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

    /// `GET path` over plain HTTP/1.0.
    fn get(&self, path: &str) -> Reply {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).unwrap();
        let raw = String::from_utf8(raw).unwrap();
        let (head, body) = raw.split_once("\r\n\r\n").unwrap();
        let mut lines = head.lines();
        let status = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
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
    assert_eq!(home.body, inject(&fixture.read("public/index.html")));
    assert_eq!(home.body.matches(RELOAD_TAG).count(), 1);
    assert!(home.body.contains(&format!("{RELOAD_TAG}</body>")));

    let trade = server.get("/en/trade/");
    assert_eq!(trade.status, 200);
    assert_eq!(
        trade.body,
        inject(&fixture.read("public/en/trade/index.html"))
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
    assert!(script.contains("/__tolmach/version") && script.contains("textContent"));
    assert!(!script.contains("innerHTML"));

    let moved = server.get("/en/trade?x=1");
    assert_eq!(
        (moved.status, moved.header("location")),
        (301, "/en/trade/")
    );

    let missing = server.get("/en/no-such-page/");
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("content-type"), "text/html; charset=utf-8");
    assert_eq!(missing.body, inject(&fixture.read("public/404.html")));
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
    assert!(page.body.contains(RELOAD_TAG));
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
