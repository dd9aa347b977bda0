//! Headless Chromium driven through chromedriver's WebDriver HTTP API, for the tests
//! where a page behaviour is the point (live reload, accessibility, printing).
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). Without
//! them a test says so and passes locally, but fails under CI (`CI` set), so it can
//! never be silently skipped where it matters.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::Portfolio;
use super::server::{send, start};
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

pub struct Driver {
    child: Child,
    port: u16,
    session: Option<String>,
}

impl Drop for Driver {
    fn drop(&mut self) {
        if let Some(id) = &self.session {
            let _ = send(self.port, "DELETE", &format!("/session/{id}"), None);
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    pub fn start() -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        // Ready when its status says so, not when its port first accepts: a
        // chromedriver still starting can take a connection and reset it.
        let deadline = Instant::now() + Duration::from_secs(20);
        while !ready(port) {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver {
            child,
            port,
            session: None,
        }
    }

    pub fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string());
        let reply = send(self.port, method, path, body.as_deref());
        let v: Value = serde_json::from_slice(&reply.body).unwrap_or(Value::Null);
        assert_eq!(reply.status, 200, "{method} {path}: {v}");
        v["value"].clone()
    }

    pub fn open_session(&mut self, profile: &std::path::Path) {
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": CHROMIUM,
                // The flags this closed network needs (see the env notes): no
                // background connections, no first-run work, a fresh profile.
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    format!("--user-data-dir={}", profile.display()),
                ]
            }
        }}});
        let v = self.call("POST", "/session", Some(caps));
        self.session = Some(v["sessionId"].as_str().unwrap().to_string());
    }

    pub fn session_path(&self, rest: &str) -> String {
        format!("/session/{}/{rest}", self.session.as_ref().unwrap())
    }

    pub fn navigate(&self, url: &str) {
        self.call(
            "POST",
            &self.session_path("url"),
            Some(json!({ "url": url })),
        );
    }

    /// A Chrome DevTools command through chromedriver (`goog/cdp/execute`): for what
    /// WebDriver itself cannot do, such as running a script before the page's own or
    /// turning scripts off.
    pub fn cdp(&self, cmd: &str, params: Value) -> Value {
        self.call(
            "POST",
            &self.session_path("goog/cdp/execute"),
            Some(json!({"cmd": cmd, "params": params})),
        )
    }

    pub fn eval(&self, script: &str) -> Value {
        self.call(
            "POST",
            &self.session_path("execute/sync"),
            Some(json!({"script": script, "args": []})),
        )
    }
}

/// Whether chromedriver on `port` answers `GET /status` with `"ready": true`; any
/// failure to connect, send or read is "not yet".
fn ready(port: u16) -> bool {
    use std::io::{Read, Write};
    let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let request = "GET /status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    let text = String::from_utf8_lossy(&reply);
    text.contains("\"ready\":true") || text.contains("\"ready\": true")
}

/// Whether the browser is here; on CI it must be.
pub fn have_browser() -> bool {
    if !std::path::Path::new(CHROMEDRIVER).exists() || !std::path::Path::new(CHROMIUM).exists() {
        super::skipped::skip(
            "the browser tests",
            "apt-get install chromium chromium-driver",
        );
        return false;
    }
    true
}

/// A browser with a fresh profile (kept while the folder lives).
pub fn browse() -> (tempfile::TempDir, Driver) {
    let profile = tempfile::tempdir().unwrap();
    let mut driver = Driver::start();
    driver.open_session(profile.path());
    (profile, driver)
}

/// `folio serve` on `p`, and a browser with a fresh profile (kept while it lives).
pub fn serve_and_browse(p: &Portfolio) -> (super::server::Server, tempfile::TempDir, Driver) {
    let server = start(p, &["--port", "0"]);
    let (profile, driver) = browse();
    (server, profile, driver)
}

/// Every page the site lists in its sitemap, plus the 404 page, as paths on the server.
pub fn pages(p: &Portfolio, server: &super::server::Server) -> Vec<String> {
    let base = server.url.split_once("://").map_or("/", |(_, rest)| {
        &rest[rest.find('/').unwrap_or(rest.len())..]
    });
    let sitemap = super::server::get(server, &format!("{base}sitemap.xml")).text();
    let mut paths: Vec<String> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|s| s.split_once("</loc>"))
        .map(|(loc, _)| {
            let after_scheme = loc.split_once("://").map_or(loc, |(_, rest)| rest);
            after_scheme[after_scheme.find('/').unwrap_or(0)..].to_string()
        })
        .collect();
    assert!(
        paths.len() >= 10,
        "too few pages in the sitemap of {}:\n{sitemap}",
        p.root.display()
    );
    paths.push(format!("{base}404.html"));
    paths
}

/// Emulates a viewport `width` wide and the `scheme` colour preference.
pub fn emulate(driver: &Driver, width: u32, scheme: &str) {
    let cdp = driver.session_path("goog/cdp/execute");
    driver.call(
        "POST",
        &cdp,
        Some(
            json!({"cmd": "Emulation.setDeviceMetricsOverride", "params": {
                "width": width, "height": if width < 600 { 844 } else { 900 },
                "deviceScaleFactor": 1, "mobile": width < 600,
            }}),
        ),
    );
    driver.call(
        "POST",
        &cdp,
        Some(json!({"cmd": "Emulation.setEmulatedMedia", "params": {
            "features": [{"name": "prefers-color-scheme", "value": scheme}],
        }})),
    );
}

/// Waits until the open page's stylesheets are applied: on a loaded machine the
/// browser may report the page loaded before it has laid it out with them.
pub fn styled(driver: &Driver) {
    let ready = "return document.readyState === 'complete' && [...document.querySelectorAll('link[rel=stylesheet]')].every(l => l.sheet && l.sheet.cssRules.length > 0)";
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while driver.eval(ready) != json!(true) {
        assert!(
            std::time::Instant::now() < deadline,
            "the page's stylesheets never applied"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}
