//! Issuer registries served from 127.0.0.1: a DCC legacy registry and an OpenID
//! Federation trust anchor whose entity statements were signed by an independent JOSE
//! library (`tests/fixtures/registry/generate.mjs`, panva/jose; outputs committed).
//! Listed issuers are named from the registry, unlisted ones say so, a registry that
//! is down (with or without a cached copy) leaves issuers unchecked, and bad
//! signatures, expired statements, statements about another subject and a changed
//! anchor key are refused with the reason.

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use common::{Portfolio, run_env};
use folio::badge::sign::{Issuer, sample_badge};
use serde_json::Value;

const LOOPBACK: (&str, &str) = ("FOLIO_ALLOW_LOOPBACK_HTTP", "1");
/// The trust anchor's port: fixed, because its signed statements name it.
const ANCHOR_PORT: u16 = 29417;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/registry")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn dids() -> BTreeMap<String, String> {
    serde_json::from_str(&fixture("dids.json")).unwrap()
}

/// Serves the registry fixtures. `configuration` and `listed` name the files served
/// for the entity configuration and the listed issuer's statement, and can change.
struct Registry {
    configuration: Arc<Mutex<&'static str>>,
    listed: Arc<Mutex<&'static str>>,
    /// When set, statements trickle out at one byte a second.
    slow: Arc<std::sync::atomic::AtomicBool>,
    server: Arc<tiny_http::Server>,
}

/// A body that gives one byte a second.
struct Trickle(Vec<u8>, usize);

impl std::io::Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.1 >= self.0.len() || buf.is_empty() {
            return Ok(0);
        }
        std::thread::sleep(std::time::Duration::from_secs(1));
        buf[0] = self.0[self.1];
        self.1 += 1;
        Ok(1)
    }
}

impl Drop for Registry {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

fn start_registry() -> Registry {
    // The port is fixed; another run of this test may still be letting it go.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let server = loop {
        match tiny_http::Server::http(("127.0.0.1", ANCHOR_PORT)) {
            Ok(s) => break Arc::new(s),
            Err(e) if std::time::Instant::now() < deadline => {
                eprintln!("port {ANCHOR_PORT} busy ({e}); waiting");
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            Err(e) => panic!("the registry test needs 127.0.0.1:{ANCHOR_PORT}: {e}"),
        }
    };
    let configuration = Arc::new(Mutex::new("oidf/entity-configuration.jwt"));
    let listed = Arc::new(Mutex::new("oidf/listed.jwt"));
    let ids = dids();
    let slow = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (s, c, l, w) = (
        server.clone(),
        configuration.clone(),
        listed.clone(),
        slow.clone(),
    );
    std::thread::spawn(move || {
        for request in s.incoming_requests() {
            let url = request.url().to_string();
            let (path, query) = url.split_once('?').unwrap_or((&url, ""));
            let sub = query
                .strip_prefix("sub=")
                .map(|s| s.replace("%3A", ":"))
                .unwrap_or_default();
            let file = match path {
                "/.well-known/openid-federation" => Some(*c.lock().unwrap()),
                "/fetch" if sub == ids["listed"] => Some(*l.lock().unwrap()),
                "/fetch" if sub == ids["expired"] => Some("oidf/expired.jwt"),
                "/fetch" if sub == ids["otherSub"] => Some("oidf/other-sub.jwt"),
                "/fetch" if sub == ids["badSignature"] => Some("oidf/bad-signature.jwt"),
                _ => None,
            };
            if path == "/fetch" && w.load(std::sync::atomic::Ordering::SeqCst) {
                // Each slow answer on a thread of its own, as a real server would.
                std::thread::spawn(move || {
                    let body = fixture("oidf/listed.jwt").into_bytes();
                    let len = body.len();
                    let response = tiny_http::Response::new(
                        tiny_http::StatusCode(200),
                        Vec::new(),
                        Trickle(body, 0),
                        Some(len),
                        None,
                    );
                    let _ = request.respond(response);
                });
                continue;
            }
            let response = match file {
                Some(f) => tiny_http::Response::from_string(fixture(f)),
                None => tiny_http::Response::from_string("not listed").with_status_code(404),
            };
            let _ = request.respond(response);
        }
    });
    Registry {
        configuration,
        listed,
        slow,
        server,
    }
}

const OIDF: &str = "  registries:\n    - name: Test Member Registry\n      type: oidf\n      url: http://127.0.0.1:29417/.well-known/openid-federation\n      governance_url: https://registry.example/governance\n";

/// A portfolio with a badge from each test issuer (seeds 61–65) and `registries`.
fn portfolio(registries: &str) -> Portfolio {
    let p = Portfolio::fixture("basic");
    p.write(
        "folio.yaml",
        format!(
            "title: Registries\nbase_url: /\nowner:\n  name: Ada\n  email: learner@example.org\nbadges:\n  on_invalid: show\n{registries}"
        ),
    );
    for (seed, slug) in [
        (61, "listed"),
        (62, "expired"),
        (63, "other-sub"),
        (64, "bad-signature"),
        (65, "unlisted"),
    ] {
        let issuer = Issuer::from_seed([seed; 32]);
        let mut doc = sample_badge(&issuer, &format!("Badge {slug}"), "2026-01-10T09:00:00Z");
        doc["issuer"]["name"] = Value::String(format!("Issuer {slug}"));
        let signed = issuer.sign_rdfc(doc, "2026-01-10T09:00:00Z").unwrap();
        p.write(&format!("badges/{slug}.json"), signed.to_string());
    }
    p
}

/// The trust check of each badge's receipt, and its status.
fn trust(p: &Portfolio) -> BTreeMap<String, (String, String, String)> {
    let mut out = BTreeMap::new();
    for slug in [
        "listed",
        "expired",
        "other-sub",
        "bad-signature",
        "unlisted",
    ] {
        let receipt: Value =
            serde_json::from_str(&p.read(&format!("public/badges/{slug}/verification.json")))
                .unwrap();
        let check = receipt["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "trust")
            .cloned()
            .unwrap();
        out.insert(
            slug.to_string(),
            (
                receipt["status"].as_str().unwrap().to_string(),
                check["outcome"].as_str().unwrap().to_string(),
                check["detail"].as_str().unwrap().to_string(),
            ),
        );
    }
    out
}

fn build(p: &Portfolio, extra: &[&str]) -> common::Run {
    let mut args = vec!["build"];
    args.extend_from_slice(extra);
    run_env(&p.root, &args, &[LOOPBACK])
}

#[test]
fn an_openid_federation_trust_anchor_names_listed_issuers_and_refuses_bad_statements() {
    let registry = start_registry();
    let p = portfolio(OIDF);
    build(&p, &[]).success();
    let t = trust(&p);
    let (status, outcome, detail) = &t["listed"];
    assert_eq!(
        (status.as_str(), outcome.as_str()),
        ("verified", "pass"),
        "{detail}"
    );
    assert!(
        detail.contains("listed in Test Member Registry as \"Northern Code Academy\" (governance: https://registry.example/governance)"),
        "{detail}"
    );
    let page = p.read("public/badges/listed/index.html");
    assert!(
        page.contains("Issued by Northern Code Academy"),
        "named from the registry"
    );
    assert!(page.contains("listed in the Test Member Registry"));
    assert!(
        p.read("public/badges/index.html")
            .contains("listed in the Test Member Registry")
    );

    // Not listed (404): verified, and says so.
    let (status, outcome, detail) = &t["unlisted"];
    assert_eq!((status.as_str(), outcome.as_str()), ("verified", "warn"));
    assert!(
        detail.contains("not in the portfolio's trust list or in any of its 1 registry"),
        "{detail}"
    );
    assert!(
        p.read("public/badges/unlisted/index.html")
            .contains("issuer not in any registry this portfolio uses")
    );

    // Refused answers: unchecked, never listed, with the reason.
    for (slug, reason) in [
        ("expired", "expired on 2020-01-01"),
        (
            "other-sub",
            &format!("is about {}, not {}", dids()["listed"], dids()["otherSub"]),
        ),
        (
            "bad-signature",
            "does not verify with the trust anchor's keys",
        ),
    ] {
        let (status, outcome, detail) = &t[slug];
        assert_eq!(
            (status.as_str(), outcome.as_str()),
            ("verified", "warn"),
            "{slug}"
        );
        assert!(
            detail.contains("unchecked issuer") && detail.contains(reason),
            "{slug}: {detail}"
        );
        assert!(
            p.read(&format!("public/badges/{slug}/index.html"))
                .contains("issuer registries could not be checked")
        );
    }

    // The anchor's keys are pinned on first use.
    let lock = p.read("folio.lock");
    assert!(
        lock.contains("anchors:")
            && lock.contains("http://127.0.0.1:29417/.well-known/openid-federation"),
        "{lock}"
    );
    assert!(lock.contains("keys: sha256:"), "{lock}");

    // An entity configuration not signed by the keys it lists: refused.
    *registry.configuration.lock().unwrap() = "oidf/entity-configuration-self-mismatch.jwt";
    build(&p, &[]).success();
    let (_, outcome, detail) = &trust(&p)["listed"];
    assert_eq!(outcome, "warn");
    assert!(
        detail.contains("signature of the entity configuration"),
        "{detail}"
    );

    // The anchor changes its keys (EdDSA now): a loud error until accepted.
    *registry.configuration.lock().unwrap() = "oidf/entity-configuration-rotated.jwt";
    *registry.listed.lock().unwrap() = "oidf/listed-rotated.jwt";
    build(&p, &[])
        .failure(1)
        .stderr_has("now signs with other keys")
        .stderr_has("folio trust update");
    let update = run_env(&p.root, &["trust", "update"], &[LOOPBACK]);
    update.success();
    assert!(update.stdout.contains("Test Member Registry (http://127.0.0.1:29417/.well-known/openid-federation): keys sha256:"), "{}", update.stdout);
    build(&p, &[]).success();
    let (_, outcome, detail) = &trust(&p)["listed"];
    assert_eq!(outcome, "pass", "{detail}");

    // --locked refuses to add a pin the lock lacks.
    p.remove("folio.lock");
    build(&p, &["--locked"])
        .failure(1)
        .stderr_has("folio.lock has no pinned keys for the trust anchor");

    // The anchor down: unchecked.
    drop(registry);
    p.write("folio.lock", &lock);
    build(&p, &[]).success();
    let (status, outcome, detail) = &trust(&p)["listed"];
    assert_eq!((status.as_str(), outcome.as_str()), ("verified", "warn"));
    assert!(detail.contains("unchecked issuer"), "{detail}");
}

/// A closed loopback port: nothing listens there.
fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

#[test]
fn a_legacy_registry_names_issuers_and_is_only_believed_fresh() {
    // Served by its own little server: the fixed port is the OIDF test's.
    let listed = dids()["listed"].clone();
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let port = server.server_addr().to_ip().unwrap().port();
    let up = Arc::new(Mutex::new(true));
    let (s, u) = (server.clone(), up.clone());
    std::thread::spawn(move || {
        for request in s.incoming_requests() {
            let response = if *u.lock().unwrap() {
                tiny_http::Response::from_string(fixture("legacy.json"))
            } else {
                tiny_http::Response::from_string("down").with_status_code(503)
            };
            let _ = request.respond(response);
        }
    });
    let registries = format!(
        "  registries:\n    - name: DCC Sandbox Registry\n      type: dcc-legacy\n      url: http://127.0.0.1:{port}/legacy.json\n      governance_url: https://sandbox.example/governance\n"
    );
    let p = portfolio(&registries);
    // An unlisted issuer that copies a listed issuer's name: impersonation.
    let stranger = Issuer::from_seed([66; 32]);
    let mut doc = sample_badge(&stranger, "Copycat", "2026-01-10T09:00:00Z");
    doc["issuer"]["name"] = Value::String("Northern  code academy".into());
    p.write(
        "badges/copycat.json",
        stranger
            .sign_rdfc(doc, "2026-01-10T09:00:00Z")
            .unwrap()
            .to_string(),
    );
    build(&p, &[]).success();
    let t = trust(&p);
    assert_eq!(t["listed"].1, "pass", "{}", t["listed"].2);
    assert!(
        t["listed"]
            .2
            .contains("listed in DCC Sandbox Registry as \"Northern Code Academy\"")
    );
    assert_eq!(t["unlisted"].1, "warn");
    let copycat: Value =
        serde_json::from_str(&p.read("public/badges/copycat/verification.json")).unwrap();
    assert_eq!(copycat["status"], "failed");
    assert!(
        copycat
            .to_string()
            .contains(&format!("the name of the listed issuer {listed}")),
        "{copycat}"
    );

    // Down, with a cached copy from the build above: still unchecked, never listed.
    *up.lock().unwrap() = false;
    build(&p, &[]).success();
    let (_, outcome, detail) = &trust(&p)["listed"];
    assert_eq!(outcome, "warn");
    assert!(
        detail.contains("unchecked issuer")
            && detail.contains("is in the cache, but a registry is only believed fresh"),
        "{detail}"
    );
    // Down, and never seen: unchecked.
    let elsewhere = registries.replace(&port.to_string(), &closed_port().to_string());
    let q = portfolio(&elsewhere);
    build(&q, &[]).success();
    let (status, outcome, detail) = &trust(&q)["listed"];
    assert_eq!((status.as_str(), outcome.as_str()), ("verified", "warn"));
    assert!(
        detail.contains("unchecked issuer") && detail.contains("could not be fetched"),
        "{detail}"
    );
    assert!(
        q.read("public/badges/listed/index.html")
            .contains("could not be consulted when it was built")
    );
    server.unblock();
}

#[test]
fn a_career_service_shares_its_trust_list_and_registries() {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let port = server.server_addr().to_ip().unwrap().port();
    let s = server.clone();
    std::thread::spawn(move || {
        for request in s.incoming_requests() {
            let _ = request.respond(tiny_http::Response::from_string(fixture("legacy.json")));
        }
    });
    // The career service's repository: trust.yaml with one issuer and one registry.
    let tmp = tempfile::tempdir().unwrap();
    let repo = tmp.path().join("careers-trust");
    std::fs::create_dir_all(&repo).unwrap();
    std::fs::write(
        repo.join("trust.yaml"),
        format!(
            "trust:\n  - id: {}\n    name: Careers Partner College\nregistries:\n  - name: Careers Registry\n    type: dcc-legacy\n    url: http://127.0.0.1:{port}/legacy.json\n",
            dids()["unlisted"]
        ),
    )
    .unwrap();
    common::git(&repo, &["init", "-q"]);
    common::git(&repo, &["add", "-A"]);
    common::git(&repo, &["commit", "-qm", "trust list"]);
    common::git(&repo, &["tag", "v1.0.0"]);
    let p = portfolio(&format!(
        "  trust_from:\n    - {{ git: file://{}, tag: v1.0.0 }}\n",
        repo.display()
    ));
    let cache = tmp.path().join("cache");
    let run = run_env(
        &p.root,
        &["build"],
        &[LOOPBACK, ("FOLIO_CACHE_DIR", cache.to_str().unwrap())],
    );
    run.success();
    let t = trust(&p);
    assert!(
        t["listed"]
            .2
            .contains("listed in Careers Registry as \"Northern Code Academy\""),
        "{:?}",
        t["listed"]
    );
    assert_eq!(t["unlisted"].1, "pass");
    assert!(
        t["unlisted"]
            .2
            .contains("known issuer: Careers Partner College")
    );
    assert!(
        p.read("public/badges/unlisted/index.html")
            .contains("Issued by Careers Partner College")
    );
    // Pinned in the lock like themes and pathways.
    let lock = p.read("folio.lock");
    assert!(
        lock.contains("careers-trust") && lock.contains("commit:"),
        "{lock}"
    );
    // A broken trust.yaml is an error naming it.
    let q = portfolio(&format!(
        "  trust_from:\n    - {{ git: file://{}, tag: v1.0.0, path: missing.yaml }}\n",
        repo.display()
    ));
    run_env(
        &q.root,
        &["build"],
        &[LOOPBACK, ("FOLIO_CACHE_DIR", cache.to_str().unwrap())],
    )
    .failure(2)
    .stderr_has("missing.yaml");
    server.unblock();
}

#[test]
fn a_known_registries_list_brings_its_registries() {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let port = server.server_addr().to_ip().unwrap().port();
    let s = server.clone();
    std::thread::spawn(move || {
        for request in s.incoming_requests() {
            let body = match request.url() {
                // The DCC list's shape: name, type, governanceUrl, url / trustAnchorEC.
                "/known.json" => format!(
                    "[{{\"name\": \"Sandbox Registry\", \"type\": \"dcc-legacy\", \"url\": \"http://127.0.0.1:{port}/legacy.json\", \"governanceUrl\": \"https://sandbox.example/governance\"}}, {{\"name\": \"Something else\", \"type\": \"ebsi\"}}]"
                ),
                "/legacy.json" => fixture("legacy.json"),
                _ => String::new(),
            };
            let _ = request.respond(tiny_http::Response::from_string(body));
        }
    });
    let p = portfolio(&format!(
        "  registries:\n    - known: http://127.0.0.1:{port}/known.json\n"
    ));
    build(&p, &[]).success();
    let t = trust(&p);
    assert!(
        t["listed"].2.contains("listed in Sandbox Registry as \"Northern Code Academy\" (governance: https://sandbox.example/governance)"),
        "{:?}",
        t["listed"]
    );
    let page = p.read("public/badges/listed/index.html");
    assert!(
        page.contains("href=\"https://sandbox.example/governance\""),
        "links the governance page"
    );
    p.write(
        "folio.yaml",
        p.read("folio.yaml")
            .replace(&format!("http://127.0.0.1:{port}/known.json"), "gopher"),
    );
    build(&p, &[])
        .failure(1)
        .stderr_has("is neither `dcc` nor a URL");
    server.unblock();
}

#[test]
fn serve_reads_the_registries_once_not_on_every_save() {
    let hits = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let port = server.server_addr().to_ip().unwrap().port();
    let (s, h) = (server.clone(), hits.clone());
    std::thread::spawn(move || {
        for request in s.incoming_requests() {
            h.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let _ = request.respond(tiny_http::Response::from_string(fixture("legacy.json")));
        }
    });
    let p = portfolio(&format!(
        "  registries:\n    - name: Sandbox\n      type: dcc-legacy\n      url: http://127.0.0.1:{port}/legacy.json\n"
    ));
    let s = common::server::start_with_env(&p, &["--port", "0"], &[LOOPBACK]);
    common::server::next_line(&s.stdout, "built");
    let first = hits.load(std::sync::atomic::Ordering::SeqCst);
    assert_eq!(first, 1, "the first build reads the registry");
    // Each save waits for its own rebuild, seen in the served page.
    for i in 0..2 {
        let since = common::server::generation(&s);
        p.write(
            "content/about.md",
            format!("---\ntitle: About\n---\nEdit {i}.\n"),
        );
        let mut g = common::server::wait_rebuild(&s, since);
        while !common::server::get(&s, "/about/")
            .text()
            .contains(&format!("Edit {i}."))
        {
            g = common::server::wait_rebuild(&s, g);
        }
    }
    assert_eq!(
        hits.load(std::sync::atomic::Ordering::SeqCst),
        first,
        "saves reuse it"
    );
    server.unblock();
}

#[test]
fn an_overlong_registry_name_is_not_copied_into_pages() {
    let listed = dids()["listed"].clone();
    let huge = "Northern Code Academy ".repeat(150_000); // 3.3 MB
    let body = serde_json::json!({
        "meta": {"created": "2026-12-01T00:00:00Z"},
        "registry": {listed: {"name": huge, "url": "https://northern-code.example"}}
    })
    .to_string();
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let port = server.server_addr().to_ip().unwrap().port();
    let s = server.clone();
    std::thread::spawn(move || {
        for request in s.incoming_requests() {
            let _ = request.respond(tiny_http::Response::from_string(body.clone()));
        }
    });
    let p = portfolio(&format!(
        "  registries:\n    - name: Big Registry\n      type: dcc-legacy\n      url: http://127.0.0.1:{port}/legacy.json\n"
    ));
    build(&p, &[]).success();
    let page = p.read("public/badges/listed/index.html");
    assert!(page.len() < 200_000, "the page is {} bytes", page.len());
    assert!(!page.contains("Northern Code Academy Northern"));
    let home = p.read("public/badges/index.html");
    assert!(home.len() < 200_000, "the list is {} bytes", home.len());
    server.unblock();
}

#[test]
fn a_registry_that_trickles_is_waited_for_once_a_build() {
    let registry = start_registry();
    registry
        .slow
        .store(true, std::sync::atomic::Ordering::SeqCst);
    let p = portfolio(OIDF);
    // One badge at a time, so which lookups came after the first timeout is known.
    run_env(&p.root, &["build"], &[LOOPBACK, ("RAYON_NUM_THREADS", "1")]).success();
    let t = trust(&p);
    // Every issuer unchecked; after the first timeout the registry is down for the
    // rest of the build, so the other four did not wait for it.
    let marked = t
        .values()
        .filter(|(_, outcome, detail)| {
            outcome == "warn" && detail.contains("marked down for the rest of this run")
        })
        .count();
    assert_eq!(marked, 4, "{t:#?}");
    assert!(
        t.values().all(|(_, outcome, _)| outcome == "warn"),
        "{t:#?}"
    );
    drop(registry);
}
