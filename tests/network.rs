//! Network features against a server the test starts on 127.0.0.1: did:web over the
//! network, status lists, the cache and `--offline`, a slow server hitting the
//! timeout, a 404 and garbage. Tests never touch the internet.

mod common;

use common::check;

use std::path::Path;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use folio::badge::sign::{Issuer, sample_badge};
use serde_json::{Value, json};

const NOW: &str = "2026-11-23T00:00:00Z";

/// Serves fixed documents on a free loopback port until dropped.
struct DocServer {
    port: u16,
    server: Arc<tiny_http::Server>,
}

impl Drop for DocServer {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

fn serve(docs: Vec<(&'static str, String)>) -> DocServer {
    serve_on(bind(), docs)
}

fn verify(root: &Path, extra: &[&str], files: &[&str]) -> Vec<Value> {
    let out = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["verify", "--format", "json", "--now", NOW, "--root", "."])
        .args(extra)
        .args(files)
        .current_dir(root)
        .env(folio::badge::documents::LOOPBACK_HTTP_ENV, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    common::verdicts(&stdout)
}

#[test]
fn did_web_status_lists_cache_and_failures() {
    // The server's port is only known once it runs, and the DID contains it: bind
    // first, then build the documents it serves.
    let bound = bind();
    let port = bound.1;
    let did = format!("did:web:127.0.0.1%3A{port}");
    let base = format!("http://127.0.0.1:{port}");
    let issuer = Issuer::with_did([81; 32], &did);
    let docs = vec![
        ("/.well-known/did.json", issuer.did_document().to_string()),
        (
            "/status",
            common::status_list(&issuer, &format!("{base}/status"), "revocation", &[3]).to_string(),
        ),
        ("/garbage", "this is not JSON".to_string()),
    ];
    let server = serve_on(bound, docs);

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("folio.yaml"),
        "title: t\nbase_url: /\nowner:\n  email: learner@example.org\n",
    )
    .unwrap();
    let badge = |file: &str, status: Option<(&str, u32)>| {
        let mut doc = sample_badge(&issuer, file, "2025-01-01T00:00:00Z");
        if let Some((path, index)) = status {
            doc["credentialStatus"] = json!({
                "id": format!("{base}{path}#{index}"), "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation", "statusListIndex": index.to_string(),
                "statusListCredential": format!("{base}{path}")
            });
        }
        let signed = issuer.sign_rdfc(doc, "2025-01-01T00:00:00Z").unwrap();
        std::fs::write(dir.path().join(file), signed.to_string()).unwrap();
    };
    badge("plain.json", None);
    badge("revoked.json", Some(("/status", 3)));
    badge("clear.json", Some(("/status", 4)));
    badge("slow.json", Some(("/slow", 1)));
    badge("missing.json", Some(("/missing", 1)));
    badge("garbage.json", Some(("/garbage", 1)));

    let started = Instant::now();
    let out = verify(
        dir.path(),
        &[],
        &[
            "plain.json",
            "revoked.json",
            "clear.json",
            "slow.json",
            "missing.json",
            "garbage.json",
        ],
    );
    let elapsed = started.elapsed();
    assert_eq!(out[0]["status"], "verified", "{}", out[0]);
    assert!(
        check(&out[0], "key")
            .1
            .contains(&format!("{base}/.well-known/did.json"))
    );
    assert_eq!(out[1]["status"], "revoked", "{}", out[1]);
    assert_eq!(out[2]["status"], "verified");
    assert_eq!(check(&out[2], "status").0, "pass");
    // Failures to fetch are "could not check", with the reason; never "not revoked".
    let (o, d) = check(&out[3], "status");
    assert_eq!(o, "skipped");
    assert!(d.contains("could not be fetched"), "{d}");
    let (o, d) = check(&out[4], "status");
    assert_eq!(o, "skipped");
    assert!(d.contains("HTTP 404"), "{d}");
    let (o, d) = check(&out[5], "status");
    assert_eq!(o, "skipped");
    assert!(d.contains("/garbage"), "{d}");
    for v in &out[3..] {
        // Genuine, but on a portfolio "could not check the status" is not "verified".
        assert_eq!(check(v, "signature").0, "pass", "{v}");
        assert_eq!(v["status"], "unverifiable", "{v}");
    }
    // The slow server was cut off by the timeout, not waited for.
    assert!(elapsed < Duration::from_secs(11), "took {elapsed:?}");

    // The same badges on the built site: an unreadable status list (404, timeout,
    // garbage) is never "Verified", and the build says why, one line per badge.
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("badges")).unwrap();
    std::fs::create_dir_all(site.join("content")).unwrap();
    std::fs::write(
        site.join("content/_index.md"),
        "---\ntitle: Home\n---\nHi.\n",
    )
    .unwrap();
    std::fs::write(
        site.join("folio.yaml"),
        "title: t\nbase_url: /\nowner:\n  email: learner@example.org\nbadges:\n  on_invalid: show\n",
    )
    .unwrap();
    for file in ["clear.json", "slow.json", "missing.json", "garbage.json"] {
        std::fs::copy(dir.path().join(file), site.join("badges").join(file)).unwrap();
    }
    let built = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build"])
        .current_dir(&site)
        .env(folio::badge::documents::LOOPBACK_HTTP_ENV, "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(built.status.success(), "{stderr}");
    for (stem, why) in [
        ("slow", "could not be fetched"),
        ("missing", "HTTP 404"),
        ("garbage", "/garbage"),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(&format!("badges/{stem}.json: not shown as verified")))
            .unwrap_or_else(|| panic!("no warning for {stem}: {stderr}"));
        assert!(line.contains(why), "{line}");
        let page =
            std::fs::read_to_string(site.join(format!("public/badges/{stem}/index.html"))).unwrap();
        assert!(!page.contains("data-folio-verified"), "{stem}");
        assert!(page.contains(why), "{stem}: the page says why");
    }
    let clear = std::fs::read_to_string(site.join("public/badges/clear/index.html")).unwrap();
    assert!(clear.contains("data-folio-verified"));

    // Everything fetched is cached with its fetch time...
    let cache = dir.path().join(".folio/cache");
    let metas: Vec<String> = std::fs::read_dir(&cache)
        .unwrap()
        .filter_map(|e| {
            let p = e.unwrap().path();
            (p.extension()? == "meta").then(|| std::fs::read_to_string(p).unwrap())
        })
        .collect();
    assert!(
        metas
            .iter()
            .any(|m| m.contains("did.json") && m.contains("fetched 20"))
    );
    // ...so with the server gone, --offline still verifies from the cache.
    drop(server);
    let offline = verify(
        dir.path(),
        &["--offline"],
        &["plain.json", "revoked.json", "clear.json"],
    );
    assert_eq!(offline[0]["status"], "verified", "{}", offline[0]);
    assert_eq!(offline[1]["status"], "revoked", "{}", offline[1]);
    // A fresh cached status list counts, and the check says which copy it used.
    assert_eq!(offline[2]["status"], "verified", "{}", offline[2]);
    assert!(
        check(&offline[2], "status")
            .1
            .contains("cached copy fetched")
    );
    // A cached list older than folio's limit does not.
    for entry in std::fs::read_dir(&cache).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        if path.extension().is_some_and(|e| e == "meta") && text.contains("/status\n") {
            let old = (chrono::Utc::now() - chrono::Duration::days(10)).to_rfc3339();
            let url = text.lines().next().unwrap();
            std::fs::write(&path, format!("{url}\nfetched {old}\n")).unwrap();
        }
    }
    let stale = verify(dir.path(), &["--offline"], &["clear.json"]);
    assert_eq!(stale[0]["status"], "unverifiable", "{}", stale[0]);
    assert!(
        check(&stale[0], "status")
            .1
            .contains("older than the 7 days")
    );
    // Without the cache, offline cannot check the key: unverifiable, never verified.
    std::fs::remove_dir_all(&cache).unwrap();
    let bare = verify(dir.path(), &["--offline"], &["plain.json"]);
    assert_eq!(bare[0]["status"], "unverifiable");
    assert!(check(&bare[0], "key").1.contains("not available offline"));
}

/// Serves `docs` on `port` (0 for any free one); `/slow` answers after 12 s.
/// A document server bound to a port of its own, not yet answering: tests whose
/// documents name the port (a did:web DID) build them after this.
fn bind() -> (Arc<tiny_http::Server>, u16) {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let port = server.server_addr().to_ip().unwrap().port();
    (server, port)
}

/// Answers `docs` on `server` (`/slow` after 12 s), each request on its own thread.
fn serve_on(
    (server, port): (Arc<tiny_http::Server>, u16),
    docs: Vec<(&'static str, String)>,
) -> DocServer {
    let s = server.clone();
    std::thread::spawn(move || {
        for request in s.incoming_requests() {
            let path = request.url().to_string();
            let docs = docs.clone();
            std::thread::spawn(move || {
                if path == "/slow" {
                    std::thread::sleep(Duration::from_secs(12));
                }
                match docs.iter().find(|(p, _)| *p == path) {
                    Some((_, body)) => {
                        let _ = request.respond(tiny_http::Response::from_string(body.clone()));
                    }
                    None => {
                        let _ = request.respond(tiny_http::Response::empty(404));
                    }
                }
            });
        }
    });
    DocServer { port, server }
}

#[test]
fn garbage_did_document_is_unverifiable_with_reason() {
    let server = serve(vec![(
        "/.well-known/did.json",
        "{\"not\": \"a did document\"".to_string(),
    )]);
    let did = format!("did:web:127.0.0.1%3A{}", server.port);
    let issuer = Issuer::with_did([82; 32], &did);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("folio.yaml"), "title: t\nbase_url: /\n").unwrap();
    let signed = issuer
        .sign_rdfc(
            sample_badge(&issuer, "G", "2025-01-01T00:00:00Z"),
            "2025-01-01T00:00:00Z",
        )
        .unwrap();
    std::fs::write(dir.path().join("g.json"), signed.to_string()).unwrap();
    let out = verify(dir.path(), &[], &["g.json"]);
    assert_eq!(out[0]["status"], "unverifiable", "{}", out[0]);
    assert!(check(&out[0], "key").1.contains("not JSON"), "{}", out[0]);
}

/// Counts TCP connections to a loopback port (nothing is answered).
fn connection_counter() -> (u16, Arc<std::sync::atomic::AtomicUsize>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let count = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = count.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            seen.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            drop(stream);
        }
    });
    (port, count)
}

#[test]
fn credentials_cannot_make_folio_connect_to_internal_hosts() {
    let (port, connections) = connection_counter();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("folio.yaml"),
        "title: t\nbase_url: /\nowner:\n  email: learner@example.org\n",
    )
    .unwrap();
    // A did:web issuer on loopback, and status lists on loopback (by name and by
    // address). Private and metadata addresses are refused by the same check; they
    // are tested in `net`'s unit tests, never put in a URL here: a regression would
    // send real traffic off the machine.
    let web = Issuer::with_did([83; 32], &format!("did:web:127.0.0.1%3A{port}"));
    let signed = web
        .sign_rdfc(
            sample_badge(&web, "W", "2025-01-01T00:00:00Z"),
            "2025-01-01T00:00:00Z",
        )
        .unwrap();
    std::fs::write(dir.path().join("web.json"), signed.to_string()).unwrap();
    let local = Issuer::from_seed([84; 32]);
    let targets = [
        ("localhost", format!("https://localhost:{port}/status")),
        ("loopback", format!("https://127.0.0.1:{port}/status")),
    ];
    for (name, url) in &targets {
        let mut doc = sample_badge(&local, name, "2025-01-01T00:00:00Z");
        doc["credentialStatus"] = json!({
            "id": format!("{url}#1"), "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation", "statusListIndex": "1",
            "statusListCredential": url
        });
        let signed = local.sign_rdfc(doc, "2025-01-01T00:00:00Z").unwrap();
        std::fs::write(dir.path().join(format!("{name}.json")), signed.to_string()).unwrap();
    }
    let files = ["web.json", "localhost.json", "loopback.json"];
    let args = |files: &[&str]| {
        let mut a = vec!["verify", "--format", "json", "--now", NOW, "--root", "."];
        a.extend(files);
        a.into_iter().map(str::to_string).collect::<Vec<_>>()
    };
    let started = Instant::now();
    let argv = args(&files);
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    let run = common::run_env(dir.path(), &argv, &[]);
    let out = common::verdicts(&run.stdout);
    assert_eq!(out.len(), 3, "{}", run.stderr);
    let (o, d) = check(&out[0], "key");
    assert_eq!(
        (o, out[0]["status"].as_str().unwrap()),
        ("skipped", "unverifiable")
    );
    assert!(
        d.contains("refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address"),
        "{d}"
    );
    for (v, class) in out[1..].iter().zip(["loopback", "loopback"]) {
        let (o, d) = check(v, "status");
        assert_eq!(o, "skipped", "{v}");
        assert!(d.contains(&format!("a {class} address")), "{d}");
        assert_eq!(v["status"], "unverifiable", "{v}");
    }
    assert_eq!(
        connections.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "nothing connected"
    );
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "refused before connecting"
    );

    // The user's switch lets folio reach them (here the counter sees the attempt).
    let argv = args(&["loopback.json"]);
    let argv: Vec<&str> = argv.iter().map(String::as_str).collect();
    common::run_env(dir.path(), &argv, &[(folio::net::ALLOW_PRIVATE_ENV, "1")]);
    assert!(connections.load(std::sync::atomic::Ordering::SeqCst) > 0);
}

/// A Credly-shaped Open Badges 3.0 badge: its `credentialStatus` is a
/// `1EdTechRevocationList` whose list is served from 127.0.0.1. Reachable: verified
/// (or revoked when listed); unreachable: the default build still succeeds, the badge
/// shown not verified with a warning.
#[test]
fn credly_revocation_lists_over_the_network() {
    let bound = bind();
    let port = bound.1;
    let did = format!("did:web:127.0.0.1%3A{port}");
    let base = format!("http://127.0.0.1:{port}");
    let issuer = Issuer::with_did([82; 32], &did);
    let list_url = format!("{base}/revocation_lists/org");
    let revoked_id = "https://credly.example/badges/revoked-1";
    let list = json!({
        "id": list_url, "issuer": did,
        "revokedCredentials": [{"id": revoked_id, "revocationReason": "Issued in error"}]
    });
    let docs = vec![
        ("/.well-known/did.json", issuer.did_document().to_string()),
        ("/revocation_lists/org", list.to_string()),
    ];
    let server = serve_on(bound, docs);

    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    for dir in ["badges", "content"] {
        std::fs::create_dir_all(root.join(dir)).unwrap();
    }
    std::fs::write(
        root.join("content/_index.md"),
        "---\ntitle: Home\n---\nHi.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("folio.yaml"),
        "title: t\nbase_url: /\nowner:\n  email: learner@example.org\n",
    )
    .unwrap();
    let badge = |file: &str, id: &str, list_url: &str| {
        let mut doc = sample_badge(&issuer, file, "2025-01-01T00:00:00Z");
        doc["@context"].as_array_mut().unwrap().push(json!(
            "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
        ));
        doc["id"] = json!(id);
        doc["credentialStatus"] = json!({"id": list_url, "type": "1EdTechRevocationList"});
        let signed = issuer.sign_rdfc(doc, "2025-01-01T00:00:00Z").unwrap();
        std::fs::write(root.join("badges").join(file), signed.to_string()).unwrap();
    };
    badge(
        "cloud.json",
        "https://credly.example/badges/valid-1",
        &list_url,
    );
    badge("withdrawn.json", revoked_id, &list_url);
    let gone = format!("{base}/revocation_lists/gone");
    badge("down.json", "https://credly.example/badges/valid-2", &gone);

    let out = verify(root, &[], &["badges/cloud.json", "badges/withdrawn.json"]);
    assert_eq!(out[0]["status"], "verified", "{}", out[0]);
    assert!(
        check(&out[0], "status").1.contains("not listed"),
        "{}",
        out[0]
    );
    assert_eq!(out[1]["status"], "revoked", "{}", out[1]);
    assert!(check(&out[1], "status").1.contains("Issued in error"));

    // Built with the defaults: the reachable badge is verified; the one whose list
    // is down (HTTP 404) is shown not verified, with a warning, and the build goes on.
    std::fs::remove_file(root.join("badges/withdrawn.json")).unwrap();
    let built = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build"])
        .current_dir(root)
        .env(folio::badge::documents::LOOPBACK_HTTP_ENV, "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&built.stderr);
    assert!(built.status.success(), "{stderr}");
    let warning = stderr
        .lines()
        .find(|l| l.contains("badges/down.json: not shown as verified: the badge is unverifiable"))
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(warning.contains("HTTP 404"), "{warning}");
    let page = |stem: &str| {
        std::fs::read_to_string(root.join(format!("public/badges/{stem}/index.html"))).unwrap()
    };
    assert!(page("cloud").contains("data-folio-verified"));
    assert!(!page("down").contains("data-folio-verified"));
    drop(server);
}
