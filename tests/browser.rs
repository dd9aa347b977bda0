//! A real browser: headless Chromium, driven through chromedriver's WebDriver HTTP API,
//! opens a page served by `folio serve`; the test edits the markdown, and the open page
//! changes by itself, with no navigation by the test.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). Without
//! them the test says so and passes locally, but fails under CI (`CI` set), so it can
//! never be silently skipped where it matters.

mod common;

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Portfolio;
use common::server::{send, start};
use serde_json::{Value, json};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

struct Driver {
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
    fn start() -> Driver {
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
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Driver {
            child,
            port,
            session: None,
        }
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string());
        let reply = send(self.port, method, path, body.as_deref());
        let v: Value = serde_json::from_slice(&reply.body).unwrap_or(Value::Null);
        assert_eq!(reply.status, 200, "{method} {path}: {v}");
        v["value"].clone()
    }

    fn open_session(&mut self, profile: &std::path::Path) {
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

    fn session_path(&self, rest: &str) -> String {
        format!("/session/{}/{rest}", self.session.as_ref().unwrap())
    }

    fn navigate(&self, url: &str) {
        self.call(
            "POST",
            &self.session_path("url"),
            Some(json!({ "url": url })),
        );
    }

    fn eval(&self, script: &str) -> Value {
        self.call(
            "POST",
            &self.session_path("execute/sync"),
            Some(json!({"script": script, "args": []})),
        )
    }
}

/// Whether the browser is here; on CI it must be.
fn have_browser() -> bool {
    if !std::path::Path::new(CHROMEDRIVER).exists() || !std::path::Path::new(CHROMIUM).exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must run the browser test: install chromium and chromium-driver"
        );
        eprintln!(
            "skipping the browser test: `apt-get install chromium chromium-driver` to run it"
        );
        return false;
    }
    true
}

/// `folio serve` on `p`, and a browser with a fresh profile (kept while it lives).
fn serve_and_browse(p: &Portfolio) -> (common::server::Server, tempfile::TempDir, Driver) {
    let server = start(p, &["--port", "0"]);
    let profile = tempfile::tempdir().unwrap();
    let mut driver = Driver::start();
    driver.open_session(profile.path());
    (server, profile, driver)
}

/// Waits until the open page's text contains `text` (the page reloads itself).
fn wait_for_text(driver: &Driver, text: &str, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    let script = "return document.body.textContent";
    while !driver.eval(script).as_str().unwrap_or("").contains(text) {
        assert!(
            Instant::now() < deadline,
            "the open page never showed {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn every_kind_of_change_reaches_the_open_page() {
    if !have_browser() {
        return;
    }
    let p = Portfolio::fixture("basic");
    let (server, _profile, driver) = serve_and_browse(&p);

    // A title: its section's listing and the home page, each open in turn.
    let retitle = |title: &str| {
        let text = p.read("content/projects/alpha.md");
        let old = text
            .lines()
            .find(|l| l.starts_with("title:"))
            .unwrap()
            .to_string();
        p.write(
            "content/projects/alpha.md",
            text.replace(&old, &format!("title: {title}")),
        );
    };
    driver.navigate(&format!("{}projects/", server.url));
    retitle("Alpha, renamed on the listing");
    wait_for_text(
        &driver,
        "Alpha, renamed on the listing",
        "a new title on its listing",
    );
    driver.navigate(&server.url);
    retitle("Alpha, renamed at home");
    wait_for_text(
        &driver,
        "Alpha, renamed at home",
        "a new title on the home page",
    );

    // A badge: added while the home page is open.
    let issuer = folio::badge::sign::Issuer::from_seed([12; 32]);
    let badge = folio::badge::sign::sample_badge(&issuer, "Browser Badge", "2025-01-01T00:00:00Z");
    let badge = issuer.sign_rdfc(badge, "2025-01-01T00:00:00Z").unwrap();
    p.write("badges/browser.json", badge.to_string());
    wait_for_text(&driver, "Browser Badge", "a new badge");

    // A template: an override of the page template.
    driver.navigate(&format!("{}about/", server.url));
    let page = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/page.html"),
    )
    .unwrap();
    p.write(
        "templates/page.html",
        page.replacen(
            "{% block main %}",
            "{% block main %}<p>Template edited</p>",
            1,
        ),
    );
    wait_for_text(&driver, "Template edited", "a template change");
}

#[test]
fn open_page_reloads_after_an_edit() {
    if !have_browser() {
        return;
    }
    let p = Portfolio::fixture("basic");
    let (server, _profile, driver) = serve_and_browse(&p);
    driver.navigate(&format!("{}about/", server.url));
    let heading = "return document.querySelector('main h1').textContent";
    assert_eq!(driver.eval(heading), json!("About"));
    // Marks this document: it survives only if the page is never reloaded.
    driver.eval("window.folioMarker = 'before'; return null");

    p.write(
        "content/about.md",
        "---\ntitle: About me, edited\nweight: 1\n---\nEdited while the page was open.\n",
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if driver.eval(heading) == json!("About me, edited") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the open page never updated itself"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // The page got there by reloading itself: our marker is gone, the URL is the same.
    assert_eq!(
        driver.eval("return window.folioMarker || null"),
        Value::Null
    );
    assert_eq!(driver.eval("return location.pathname"), json!("/about/"));
}
