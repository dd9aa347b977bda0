//! A published "Verified" stays true: statuses are dated, receipts say when they were
//! checked and until when the credential is valid, `folio-check.js` takes a mark away
//! in a real browser (headless Chromium) when the visitor's clock passes the end of
//! validity or the issuer's list (served from 127.0.0.1) revokes it, badge pages link
//! to independent verifiers, `folio check --max-age` compares with a published site,
//! and `folio init` writes a workflow that runs daily.

mod common;

use common::files::serve_folder;

use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::browser::{Driver, browse, have_browser};
use common::{Portfolio, run_env, run_in};
use folio::badge::sign::{Issuer, sample_badge, status_list};
use serde_json::{Value, json};

const LOOPBACK: (&str, &str) = ("FOLIO_ALLOW_LOOPBACK_HTTP", "1");
const VALID_UNTIL: &str = "2030-01-01T00:00:00Z";
const INDEX: usize = 5;

/// The issuer's status list on a loopback port, with CORS, changeable while it runs,
/// and stoppable: after `stop` the port is closed and connections are refused.
struct StatusHost {
    port: u16,
    list: Arc<Mutex<String>>,
    up: Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl StatusHost {
    fn start() -> StatusHost {
        use std::io::{Read, Write};
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let list = Arc::new(Mutex::new(String::new()));
        let up = Arc::new(std::sync::atomic::AtomicBool::new(true));
        let (l, u) = (list.clone(), up.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if !u.load(Ordering::SeqCst) {
                    break; // the listener is dropped: the port refuses connections
                }
                let Ok(mut stream) = stream else { continue };
                let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let body = l.lock().unwrap().clone();
                let _ = write!(
                    stream,
                    "HTTP/1.1 200 OK\r\nAccess-Control-Allow-Origin: *\r\nAccess-Control-Allow-Headers: *\r\n\
                     Content-Type: application/vc+ld+json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        StatusHost {
            port,
            list,
            up,
            thread: Some(thread),
        }
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}/status/1", self.port)
    }

    fn set(&self, issuer: &Issuer, revoked: &[usize]) {
        *self.list.lock().unwrap() = status_list(issuer, &self.url(), "revocation", revoked)
            .unwrap()
            .to_string();
    }

    /// Takes the host down and waits until its port is closed.
    fn stop(&mut self) {
        self.up.store(false, std::sync::atomic::Ordering::SeqCst);
        let _ = std::net::TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            t.join().unwrap();
        }
    }
}

impl Drop for StatusHost {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A portfolio with one badge whose status list `host` serves, all entries clear, built
/// once; `seed` makes the issuer, `base` is the site's `base_url`.
fn built(seed: u8, base: &str) -> (Issuer, StatusHost, Portfolio) {
    let issuer = Issuer::from_seed([seed; 32]);
    let host = StatusHost::start();
    host.set(&issuer, &[]);
    let p = portfolio(&issuer, base, &host.url());
    run_env(&p.root, &["build"], &[LOOPBACK]).success();
    (issuer, host, p)
}

/// A portfolio with one verified badge valid until `VALID_UNTIL`, whose revocation
/// entry points at `list_url`, and one without an end of validity.
fn portfolio(issuer: &Issuer, base_url: &str, list_url: &str) -> Portfolio {
    let p = Portfolio::fixture("basic");
    p.write(
        "folio.yaml",
        format!(
            "title: Recheck\nbase_url: \"{base_url}\"\nowner:\n  name: Ada\n  email: learner@example.org\n\
             badges:\n  trust:\n    - id: {}\n      name: Sample Academy\npathways: [pathway.yaml]\n",
            issuer.did
        ),
    );
    let mut doc = sample_badge(issuer, "Data Storytelling", "2026-01-10T09:00:00Z");
    doc["validUntil"] = json!(VALID_UNTIL);
    doc["credentialStatus"] = json!({
        "id": format!("{list_url}#{INDEX}"),
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": INDEX.to_string(),
        "statusListCredential": list_url
    });
    // A pathway the badge meets: its tick must go too when the badge expires.
    p.write(
        "pathway.yaml",
        format!(
            "pathway: 1\nid: https://careers.example/story\nname: Storytelling path\n\
             issuers:\n  academy: [\"{}\"]\nrequires:\n  all:\n    - {{ name: Story, achievement: \"{}\", issuer: academy }}\n",
            issuer.did,
            doc["credentialSubject"]["achievement"]["id"].as_str().unwrap()
        ),
    );
    let signed = issuer.sign_rdfc(doc, "2026-01-10T09:00:00Z").unwrap();
    p.write("badges/storytelling.json", signed.to_string());
    let plain = sample_badge(issuer, "Spreadsheets", "2026-01-10T09:00:00Z");
    let signed = issuer.sign_rdfc(plain, "2026-01-10T09:00:00Z").unwrap();
    p.write("badges/spreadsheets.json", signed.to_string());
    p
}

fn today() -> String {
    // The portfolio's language is `en`: dates as CLDR writes them for it.
    chrono::Utc::now().format("%B %-d, %Y").to_string()
}

/// The open page's visible text and title, once its scripts have settled (`ready`).
fn page_text(driver: &Driver) -> String {
    let v = driver.eval("return document.title + '\\n' + document.body.innerText");
    v.as_str().unwrap_or("").to_string()
}

/// Waits until the page's text satisfies `ok` (the script works after load).
fn wait_until(driver: &Driver, what: &str, ok: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let text = page_text(driver);
        if ok(&text) {
            return text;
        }
        assert!(
            Instant::now() < deadline,
            "the page never showed {what}:\n{text}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn receipts_and_pages_say_when_a_badge_was_checked() {
    let (_issuer, _host, p) = built(41, "https://ada.example/portfolio/");
    let receipt: Value =
        serde_json::from_str(&p.read("public/badges/storytelling/verification.json")).unwrap();
    assert_eq!(receipt["status"], "verified");
    assert_eq!(receipt["valid_until"], VALID_UNTIL);
    let checked = chrono::DateTime::parse_from_rfc3339(receipt["checked_at"].as_str().unwrap())
        .expect("checked_at is a full timestamp");
    assert!((chrono::Utc::now() - checked.to_utc()).num_minutes() < 10);
    let plain: Value =
        serde_json::from_str(&p.read("public/badges/spreadsheets/verification.json")).unwrap();
    assert_eq!(plain["valid_until"], Value::Null);

    let page = p.read("public/badges/storytelling/index.html");
    let day = today();
    assert!(page.contains(&format!(">{day}</time>")), "no dated check");
    assert!(
        page.contains("valid until <time datetime=\"2030-01-01T00:00:00Z\">January 1, 2030</time>")
    );
    for listing in ["public/badges/index.html", "public/index.html"] {
        let html = p.read(listing);
        assert!(
            html.contains(&format!(
                "checked <time datetime=\"{}",
                &receipt["checked_at"].as_str().unwrap()[..10]
            )),
            "{listing}"
        );
        assert!(html.contains("data-folio-check=\"verified\""), "{listing}");
    }
    assert!(p.read("public/folio-check.js").contains("never gives one"));

    // Independent verifiers, with the published credential's absolute, encoded URL
    // under the project-pages path.
    let encoded =
        "https%3A%2F%2Fada.example%2Fportfolio%2Fbadges%2Fstorytelling%2Fstorytelling.json";
    assert!(
        page.contains(&format!(
            "href=\"https://verifierplus.org/#verify?vc={encoded}\""
        )),
        "{page}"
    );
    // 1EdTech's validator at vc.1ed.tech takes an upload: linked, with what to do.
    assert!(
        page.contains(
            "href=\"https://vc.1ed.tech/\" rel=\"nofollow noopener\">1EdTech Open Badges validator</a> (upload the credential downloaded above)"
        ),
        "{page}"
    );

    // Configured verifiers replace the defaults; an empty list and an unpublished
    // credential show none.
    let config = p.read("folio.yaml");
    p.write(
        "folio.yaml",
        config.replace(
            "badges:\n",
            "badges:\n  verifiers: [\"https://check.example/?u={url}\"]\n",
        ),
    );
    run_env(&p.root, &["build"], &[LOOPBACK]).success();
    let page = p.read("public/badges/storytelling/index.html");
    assert!(page.contains(&format!(
        "href=\"https://check.example/?u={encoded}\" rel=\"nofollow noopener\">check.example</a>"
    )));
    assert!(!page.contains("verifierplus.org"));
    p.write("badges/storytelling.yaml", "publish_credential: false\n");
    run_env(&p.root, &["build"], &[LOOPBACK]).success();
    assert!(
        !p.read("public/badges/storytelling/index.html")
            .contains("check.example")
    );
    p.remove("badges/storytelling.yaml");
    p.write(
        "folio.yaml",
        config.replace("badges:\n", "badges:\n  verifiers: []\n"),
    );
    run_env(&p.root, &["build"], &[LOOPBACK]).success();
    assert!(
        !p.read("public/badges/storytelling/index.html")
            .contains("Check it yourself")
    );
}

#[test]
fn check_max_age_compares_with_the_published_site() {
    let (issuer, host, p) = built(42, "https://ada.example/");
    // The published site: this build, served from 127.0.0.1.
    let published_dir = tempfile::tempdir().unwrap();
    common::copy_dir(&p.root.join("public"), published_dir.path());
    let site = serve_folder(published_dir.path().to_path_buf());
    let url = format!("http://127.0.0.1:{}/", site.port);
    let summary = p.root.join("summary.md");
    let check = |age: &str| {
        run_env(
            &p.root,
            &[
                "check",
                "--max-age",
                age,
                "--published",
                &url,
                "--summary",
                summary.to_str().unwrap(),
            ],
            &[LOOPBACK],
        )
    };
    check("30d").success();
    assert!(
        std::fs::read_to_string(&summary)
            .unwrap()
            .contains("Every badge is as published")
    );

    // The published receipts grow old.
    let receipt_path = published_dir
        .path()
        .join("badges/storytelling/verification.json");
    let mut receipt: Value =
        serde_json::from_slice(&std::fs::read(&receipt_path).unwrap()).unwrap();
    receipt["checked_at"] = json!("2026-01-01T00:00:00Z");
    std::fs::write(&receipt_path, receipt.to_string()).unwrap();
    check("30d")
        .failure(1)
        .stderr_has("badges/storytelling: last checked on the published site 2026-01-01T00:00:00Z, more than 30 days ago");

    // The issuer revokes it: the status changed since the published receipt.
    host.set(&issuer, &[INDEX]);
    std::fs::remove_dir_all(p.root.join(".folio")).ok();
    check("52w")
        .failure(1)
        .stderr_has("badges/storytelling: the published site says verified; it is revoked now");
    let table = std::fs::read_to_string(&summary).unwrap();
    assert!(
        table.contains("| storytelling | verified | revoked |"),
        "{table}"
    );

    // A site that is not there is no all-clear.
    drop(site);
    check("30d")
        .failure(1)
        .stderr_has("the published receipt cannot be read");
    run_in(&p.root, &["check", "--max-age", "3y"])
        .failure(2)
        .stderr_has("unknown unit `y`");
}

#[test]
fn init_writes_a_workflow_that_rechecks_daily() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("site");
    run_in(tmp.path(), &["init", "site", "--email", "ada@example.org"]).success();
    let check_workflow = |path: &Path| {
        let text = std::fs::read_to_string(path).unwrap();
        let yaml: serde_yaml::Value = serde_yaml::from_str(&text).expect("the workflow is YAML");
        let on = &yaml["on"];
        let cron = on["schedule"][0]["cron"]
            .as_str()
            .expect("a daily schedule");
        assert_eq!(cron.split_whitespace().count(), 5, "{cron}");
        assert!(cron.ends_with("* * *"), "daily: {cron}");
        assert!(on.get("workflow_dispatch").is_some());
        assert!(on["push"]["branches"][0] == "main");
        let steps = yaml["jobs"]["build"]["steps"].as_sequence().unwrap();
        let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
        assert!(
            runs.iter().any(|r| r.starts_with("folio build --locked")),
            "{runs:?}"
        );
        assert!(
            runs.iter()
                .any(|r| r.contains("folio check --locked --max-age")),
            "{runs:?}"
        );
        assert!(
            runs.iter()
                .any(|r| r.contains("--summary \"$GITHUB_STEP_SUMMARY\""))
        );
    };
    let workflow = dir.join(".github/workflows/pages.yml");
    check_workflow(&workflow);

    // An older site: its workflow ran on push only; `--workflow-only` brings the
    // schedule and keeps the old file.
    let old = "name: Publish portfolio\non:\n  push:\n    branches: [main]\njobs: {}\n";
    std::fs::write(&workflow, old).unwrap();
    run_in(&dir, &["init", "--workflow-only"]).success();
    check_workflow(&workflow);
    assert_eq!(
        std::fs::read_to_string(dir.join(".github/workflows/pages.yml.old")).unwrap(),
        old
    );
    // Nothing else was touched; and it wants a portfolio.
    assert!(dir.join("content/_index.md").is_file());
    run_in(tmp.path(), &["init", "--workflow-only"])
        .failure(2)
        .stderr_has("`--workflow-only` updates the workflow of an existing portfolio");
}

#[test]
fn the_browser_takes_a_mark_away_never_gives_one() {
    if !have_browser() {
        return;
    }
    let (issuer, host, p) = built(43, "/");
    let site = serve_folder(p.root.join("public"));
    let base = format!("http://127.0.0.1:{}/", site.port);
    let pages = ["badges/storytelling/", "badges/", ""];
    let day = today();

    let (_profile, driver) = browse();

    // Before the end of validity, with the list clear: verified, dated.
    for page in pages {
        driver.navigate(&format!("{base}{page}"));
        let text = wait_until(&driver, "the verified badge", |t| t.contains("Verified"));
        assert!(text.contains(&format!("checked {day}")), "{page}: {text}");
        assert!(
            text.contains("valid until January 1, 2030"),
            "{page}: {text}"
        );
    }

    // The pathway it meets shows the requirement as met.
    driver.navigate(&format!("{base}pathways/storytelling-path/"));
    assert_eq!(
        driver.eval("return document.querySelectorAll('[data-folio-met]').length"),
        json!(1),
        "{}",
        page_text(&driver)
    );

    // The visitor's clock after the end of validity: expired everywhere, and no
    // "Verified" left for the badge (the other badge has no end and stays).
    let clock = driver.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": "(() => { const at = Date.parse('2030-06-01T00:00:00Z'); Date.now = () => at; })();"}),
    );
    for page in pages {
        driver.navigate(&format!("{base}{page}"));
        let text = wait_until(&driver, "the expiry", |t| {
            t.contains("Expired on January 1, 2030")
        });
        let card = driver.eval(
            "return [...document.querySelectorAll('.badge-card')].filter(c => c.textContent.includes('Data Storytelling')).map(c => c.textContent).join('|')",
        );
        let card = card.as_str().unwrap_or("");
        assert!(!card.contains("Verified"), "{page}: {card}");
        assert!(
            driver.eval("return document.querySelectorAll('[data-folio-check=expired][data-folio-verified]').length") == json!(0),
            "{page}: an expired status kept the verified marker"
        );
        if page.starts_with("badges/storytelling") {
            assert!(!text.contains("Verified"), "{page}: {text}");
        }
    }
    // The pathway the badge met: no longer met in this visitor's browser.
    driver.navigate(&format!("{base}pathways/storytelling-path/"));
    wait_until(&driver, "the expired requirement", |t| {
        t.contains("Expired on January 1, 2030")
    });
    assert_eq!(
        driver.eval("return document.querySelectorAll('[data-folio-met]').length"),
        json!(0),
        "a requirement met by the expired badge still carries data-folio-met"
    );
    driver.cdp(
        "Page.removeScriptToEvaluateOnNewDocument",
        json!({"identifier": clock["identifier"]}),
    );

    // Scripts off, clock still after the end: the page says what it said at build
    // time, dated, so it is never a wrong claim.
    driver.cdp(
        "Emulation.setScriptExecutionDisabled",
        json!({"value": true}),
    );
    for page in pages {
        driver.navigate(&format!("{base}{page}"));
        let text = page_text(&driver);
        assert!(
            text.contains(&format!(
                "Verified · checked {day} · valid until January 1, 2030"
            )),
            "{page}: {text}"
        );
        assert!(!text.contains("Expired on"), "{page}: {text}");
    }
    driver.cdp(
        "Emulation.setScriptExecutionDisabled",
        json!({"value": false}),
    );

    // The issuer revokes it after the build: the browser re-reads the list.
    host.set(&issuer, &[INDEX]);
    driver.navigate(&format!("{base}badges/storytelling/"));
    // Each place the status is shown is re-checked on its own: wait for all of them.
    let text = wait_until(&driver, "the revocation everywhere", |t| {
        t.contains("Revoked by the issuer since this site was built") && !t.contains("Verified")
    });
    assert!(!text.contains("Verified"), "{text}");

    // The list cannot be read: nothing changes but a quiet note.
    let mut host = host;
    host.stop();
    driver.navigate(&format!("{base}badges/storytelling/"));
    let text = wait_until(&driver, "the note", |t| {
        t.contains("revocation not re-checked just now")
    });
    assert!(
        text.contains(&format!("Verified · checked {day}")),
        "{text}"
    );
    assert!(!text.contains("Revoked"), "{text}");
}

#[test]
fn a_hostile_published_receipt_cannot_write_to_the_terminal_or_the_summary() {
    let (_issuer, _host, p) = built(44, "https://ada.example/");
    let published_dir = tempfile::tempdir().unwrap();
    common::copy_dir(&p.root.join("public"), published_dir.path());
    // Whoever controls the published site writes the receipt: escape codes that
    // erase the line and print a green "ok", a broken table and injected HTML.
    let receipt_path = published_dir
        .path()
        .join("badges/storytelling/verification.json");
    let hostile = "\u{1b}[2K\r\u{1b}[32mok\u{1b}[0m | x |\n<img src=x onerror=alert(1)> **[pwn](https://evil.example)**";
    std::fs::write(
        &receipt_path,
        json!({"status": hostile, "checked_at": "2026-01-01T00:00:00Z"}).to_string(),
    )
    .unwrap();
    let site = serve_folder(published_dir.path().to_path_buf());
    let url = format!("http://127.0.0.1:{}/", site.port);
    let summary = p.root.join("summary.md");
    let run = run_env(
        &p.root,
        &[
            "check",
            "--max-age",
            "52w",
            "--published",
            &url,
            "--summary",
            summary.to_str().unwrap(),
        ],
        &[LOOPBACK],
    );
    run.failure(1).stderr_has(
        "badges/storytelling: the published site says an unrecognised status; it is verified now",
    );
    assert!(!run.stderr.contains('\u{1b}') && !run.stdout.contains('\u{1b}'));
    let table = std::fs::read_to_string(&summary).unwrap();
    assert!(!table.contains('\u{1b}') && !table.contains("<img") && !table.contains("](https"));
    // One row per badge, five cells each: the table is not broken.
    let row = table
        .lines()
        .find(|l| l.starts_with("| storytelling"))
        .unwrap();
    assert_eq!(row.matches(" | ").count() + 2, 6, "{row}");
    assert!(
        row.contains("| an unrecognised status | verified |"),
        "{row}"
    );
}

#[test]
fn a_leap_second_expiry_expires_in_the_browser() {
    let issuer = Issuer::from_seed([45; 32]);
    let p = Portfolio::fixture("basic");
    p.write(
        "folio.yaml",
        "title: Leap\nbase_url: /\nowner:\n  name: Ada\n  email: learner@example.org\n",
    );
    let mut doc = sample_badge(&issuer, "Leap Badge", "2026-01-10T09:00:00Z");
    doc["validUntil"] = json!("2030-06-30T23:59:60Z");
    let signed = issuer.sign_rdfc(doc, "2026-01-10T09:00:00Z").unwrap();
    p.write("badges/leap.json", signed.to_string());
    run_in(&p.root, &["build"]).success();
    let page = p.read("public/badges/leap/index.html");
    // The instant after the leap second, which every browser can read.
    assert!(
        page.contains("data-valid-until=\"2030-07-01T00:00:00Z\""),
        "{}",
        common::main_of(&page)
    );
    assert!(!page.contains("data-valid-until=\"2030-06-30T23:59:60Z\""));
    if !have_browser() {
        return;
    }
    let site = serve_folder(p.root.join("public"));
    let (_profile, driver) = browse();
    driver.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": "(() => { const at = Date.parse('2030-07-02T00:00:00Z'); Date.now = () => at; })();"}),
    );
    driver.navigate(&format!("http://127.0.0.1:{}/badges/leap/", site.port));
    let text = wait_until(&driver, "the expiry", |t| t.contains("Expired on"));
    assert!(!text.contains("Verified"), "{text}");
}

#[test]
fn a_status_list_bomb_is_not_inflated_in_the_browser() {
    if !have_browser() {
        return;
    }
    use base64::Engine;
    use std::io::Write;
    let (_issuer, host, p) = built(46, "/");
    let site = serve_folder(p.root.join("public"));

    // After the build the issuer serves a bomb: 64 MiB of bits in a 64 KiB gzip,
    // its first byte revoking the badge.
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&[1 << (7 - INDEX)]).unwrap();
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..64 {
        gz.write_all(&zeros).unwrap();
    }
    let bomb = gz.finish().unwrap();
    let encoded = format!(
        "u{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&bomb)
    );
    *host.list.lock().unwrap() = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "credentialSubject": {"type": "BitstringStatusList", "statusPurpose": "revocation", "encodedList": encoded}
    })
    .to_string();

    let (_profile, driver) = browse();
    // Count what the page inflates.
    driver.cdp(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({"source": "(() => { const D = window.DecompressionStream; window.__inflated = 0;
            window.DecompressionStream = function (format) {
              const d = new D(format);
              const count = new TransformStream({transform(chunk, out) { window.__inflated += chunk.length; out.enqueue(chunk); }});
              return {writable: d.writable, readable: d.readable.pipeThrough(count)};
            }; })();"}),
    );
    driver.navigate(&format!(
        "http://127.0.0.1:{}/badges/storytelling/",
        site.port
    ));
    wait_until(&driver, "the revocation", |t| {
        t.contains("Revoked by the issuer since this site was built")
    });
    let inflated = driver.eval("return window.__inflated").as_u64().unwrap();
    // The script needed one byte; it stops there, and never goes past 16 MiB.
    assert!(inflated < 4 << 20, "inflated {inflated} bytes");
}
