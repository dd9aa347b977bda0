//! `folio badge add` against servers on 127.0.0.1: a credential's JSON and VC-JWT
//! URLs, a baked PNG, an OB 2.0 hosted assertion, a badge page that links its
//! assertion in its data (as Credly's do), a wallet link (`#verify?vc=URL`), a file,
//! and a page with no credential.

mod common;

use std::sync::Arc;

use common::{Portfolio, run_env};
use folio::badge::sign::{Issuer, sample_badge};

const LOOPBACK: (&str, &str) = ("FOLIO_ALLOW_LOOPBACK_HTTP", "1");

/// Answers each request to `server` with the document at its path (before any `#`),
/// else 404, on a thread of its own.
fn serve_docs(server: &Arc<tiny_http::Server>, docs: Vec<(String, Vec<u8>)>) {
    let server = server.clone();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let path = request.url().split('#').next().unwrap_or("").to_string();
            let response = match docs.iter().find(|(p, _)| *p == path) {
                Some((_, body)) => tiny_http::Response::from_data(body.clone()),
                None => tiny_http::Response::from_data(b"not here".to_vec()).with_status_code(404),
            };
            let _ = request.respond(response);
        }
    });
}

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(common::fixtures().join(rel)).unwrap()
}

#[test]
fn badges_are_added_from_every_kind_of_source() {
    let issuer = Issuer::from_seed([71; 32]);
    let doc = sample_badge(&issuer, "Data Storytelling", "2026-01-10T09:00:00Z");
    let json = issuer
        .sign_rdfc(doc.clone(), "2026-01-10T09:00:00Z")
        .unwrap()
        .to_string();
    let mut jwt_doc = sample_badge(&issuer, "Spreadsheet Modelling", "2026-01-10T09:00:00Z");
    jwt_doc["validFrom"] = serde_json::json!("2026-01-10T09:00:00Z");
    let jwt = issuer.sign_vc_jwt(&jwt_doc);
    let png = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("example-portfolio/badges/spreadsheet-modelling.png"),
    )
    .unwrap();
    // Bound first, on a port of its own: the badge page names the server's address.
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let port = server.server_addr().to_ip().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    let credly_page = format!(
        "<!doctype html><html><head><title>Badge</title><script>window.__badge = {{\"share\":\"{base}\\/api\\/v1\\/obi\\/v2\\/badge_assertions\\/abc-123\"}};</script></head><body><h1>Data Storytelling</h1></body></html>"
    );
    let docs = [
        ("/ob3.json".to_string(), json.clone().into_bytes()),
        ("/ob3.jwt".to_string(), jwt.into_bytes()),
        ("/baked.png".to_string(), png),
        (
            "/ob2/assertion".to_string(),
            fixture("dcc/credentials/ob1-hosted.json"),
        ),
        ("/badges/abc-123".to_string(), credly_page.into_bytes()),
        (
            "/api/v1/obi/v2/badge_assertions/abc-123".to_string(),
            json.clone().into_bytes(),
        ),
        (
            "/nothing".to_string(),
            b"<!doctype html><p>Welcome to our badges.</p>".to_vec(),
        ),
    ];
    serve_docs(&server, docs.to_vec());

    let p = Portfolio::fixture("basic");
    p.write(
        "folio.yaml",
        "title: Adding\nbase_url: /\nowner:\n  name: Ada\n  email: learner@example.org\n",
    );
    let add = |source: &str| run_env(&p.root, &["badge", "add", source], &[LOOPBACK]);

    // A credential's own URL: saved under its name, verified, with the next step.
    let run = add(&format!("{base}/ob3.json"));
    run.success();
    assert!(
        run.stdout.contains(&format!(
            "added badges/data-storytelling.json (from {base}/ob3.json): verified"
        )),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("next: `folio serve`"), "{}", run.stdout);
    assert_eq!(p.read("badges/data-storytelling.json"), json);
    // The same credential again is refused, naming the file that has it.
    add(&format!("{base}/ob3.json"))
        .failure(2)
        .stderr_has("badges/data-storytelling.json already holds this credential");

    // A VC-JWT.
    let run = add(&format!("{base}/ob3.jwt"));
    run.success();
    assert!(
        run.stdout
            .contains("added badges/spreadsheet-modelling.jwt"),
        "{}",
        run.stdout
    );

    // A baked PNG keeps its bytes and extension (issued to the example's owner, so
    // kept only when asked).
    let run = run_env(
        &p.root,
        &["badge", "add", &format!("{base}/baked.png"), "--keep"],
        &[LOOPBACK],
    );
    assert!(
        run.stdout.contains("added badges/") && run.stdout.contains(".png"),
        "{}{}",
        run.stdout,
        run.stderr
    );

    // An OB 2.0-era hosted assertion: checked, and the next step said; kept with --keep.
    let run = add(&format!("{base}/ob2/assertion"));
    assert!(
        run.stdout.contains("not saved: it does not verify"),
        "{}{}",
        run.stdout,
        run.stderr
    );
    let run = run_env(
        &p.root,
        &["badge", "add", &format!("{base}/ob2/assertion"), "--keep"],
        &[LOOPBACK],
    );
    assert!(
        run.stdout.contains(".json (from ") && run.stdout.contains("next: "),
        "{}{}",
        run.stdout,
        run.stderr
    );

    // A badge page whose data links the assertion (Credly's public pages do).
    let run = run_env(
        &p.root,
        &[
            "badge",
            "add",
            &format!("{base}/badges/abc-123"),
            "--name",
            "from-page",
        ],
        &[LOOPBACK],
    );
    run.success();
    assert!(
        run.stdout.contains(&format!(
            "added badges/from-page.json (from {base}/api/v1/obi/v2/badge_assertions/abc-123)"
        )),
        "{}",
        run.stdout
    );

    // A wallet (VerifierPlus / LCW) link.
    let wallet = format!(
        "{base}/#verify?vc={}",
        folio::util::url::percent_encode(&format!("{base}/ob3.json"))
    );
    let run = run_env(
        &p.root,
        &["badge", "add", &wallet, "--name", "from-wallet"],
        &[LOOPBACK],
    );
    run.success();
    assert!(
        run.stdout.contains("added badges/from-wallet.json"),
        "{}",
        run.stdout
    );

    // A page with no credential: a clear error, nothing written.
    let before = std::fs::read_dir(p.root.join("badges")).unwrap().count();
    add(&format!("{base}/nothing"))
        .failure(2)
        .stderr_has("holds no credential and links none");
    assert_eq!(
        std::fs::read_dir(p.root.join("badges")).unwrap().count(),
        before
    );

    // A file.
    let file = p.root.join("downloaded.json");
    std::fs::write(&file, &json).unwrap();
    let run = run_env(
        &p.root,
        &["badge", "add", "downloaded.json", "--name", "local"],
        &[LOOPBACK],
    );
    run.success();
    assert!(
        run.stdout
            .contains("added badges/local.json (from downloaded.json): verified"),
        "{}",
        run.stdout
    );

    // Another learner's badge: authentic, and the next step says how to claim it.
    let mut other = doc.clone();
    other["credentialSubject"] = serde_json::json!({"type": ["AchievementSubject"], "id": "did:example:someone", "achievement": doc["credentialSubject"]["achievement"]});
    let other = issuer
        .sign_rdfc(other, "2026-01-10T09:00:00Z")
        .unwrap()
        .to_string();
    std::fs::write(&file, other).unwrap();
    let run = run_env(
        &p.root,
        &["badge", "add", "downloaded.json", "--name", "other"],
        &[LOOPBACK],
    );
    run.failure(1);
    assert!(
        run.stdout
            .contains("next: the credential is authentic but issued to an identity that is not among yours. Every identity in `owner.identities` is a public claim"),
        "{}",
        run.stdout
    );
    assert!(
        !p.root.join("badges/other.json").exists(),
        "not kept unasked"
    );

    // Not a credential at all (a package.json, a plain PNG): refused, nothing saved.
    let before = std::fs::read_dir(p.root.join("badges")).unwrap().count();
    std::fs::write(&file, r#"{"name": "my-app", "version": "1.0.0"}"#).unwrap();
    run_env(&p.root, &["badge", "add", "downloaded.json"], &[LOOPBACK])
        .failure(2)
        .stderr_has("downloaded.json is not a credential")
        .stderr_has("nothing was saved");
    assert_eq!(
        std::fs::read_dir(p.root.join("badges")).unwrap().count(),
        before
    );
    // An address cannot be fetched offline; a file can be added offline.
    run_env(
        &p.root,
        &["badge", "add", &format!("{base}/ob3.json"), "--offline"],
        &[LOOPBACK],
    )
    .failure(2)
    .stderr_has("cannot be fetched offline");
    std::fs::write(&file, &json).unwrap();
    run_env(
        &p.root,
        &[
            "badge",
            "add",
            "downloaded.json",
            "--offline",
            "--name",
            "offline",
        ],
        &[LOOPBACK],
    )
    .success();
    server.unblock();
}

#[test]
fn verify_takes_a_badge_address_too() {
    let issuer = Issuer::from_seed([72; 32]);
    let doc = sample_badge(&issuer, "Public Speaking", "2026-01-10T09:00:00Z");
    let json = issuer
        .sign_rdfc(doc, "2026-01-10T09:00:00Z")
        .unwrap()
        .to_string();
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let port = server.server_addr().to_ip().unwrap().port();
    let s = server.clone();
    std::thread::spawn(move || {
        for request in s.incoming_requests() {
            let body = match request.url() {
                "/badges/xyz" => format!(
                    "<html><script>{{\"a\":\"http://127.0.0.1:{port}/api/badge_assertions/xyz\"}}</script></html>"
                ),
                "/api/badge_assertions/xyz" => json.clone(),
                _ => String::new(),
            };
            let _ = request.respond(tiny_http::Response::from_string(body));
        }
    });
    let tmp = tempfile::tempdir().unwrap();
    let run = run_env(
        tmp.path(),
        &["verify", &format!("http://127.0.0.1:{port}/badges/xyz")],
        &[LOOPBACK],
    );
    run.success();
    assert!(
        run.stdout.contains("signature") && run.stdout.contains("verified"),
        "{}",
        run.stdout
    );
    server.unblock();
}

#[test]
fn names_that_clash_or_run_long_are_saved_so_the_next_build_works() {
    let issuer = Issuer::from_seed([72; 32]);
    let p = common::Portfolio::fixture("basic");
    p.write(
        "folio.yaml",
        "title: Adding\nbase_url: /\nowner:\n  name: Ada\n  email: ada@example.org\n  identities: [learner@example.org]\n",
    );
    // A baked badge already named like the credential added next.
    let png = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("example-portfolio/badges/spreadsheet-modelling.png"),
    )
    .unwrap();
    p.write("badges/Data-Storytelling.png", png);
    let signed = |name: &str| {
        let doc = sample_badge(&issuer, name, "2026-01-10T09:00:00Z");
        issuer
            .sign_rdfc(doc, "2026-01-10T09:00:00Z")
            .unwrap()
            .to_string()
    };
    let file = p.root.join("downloaded.json");
    std::fs::write(&file, signed("Data Storytelling")).unwrap();
    let run = p.run(&["badge", "add", "downloaded.json"]);
    assert!(
        run.stdout.contains("added badges/data-storytelling-2.json"),
        "{}{}",
        run.stdout,
        run.stderr
    );
    // A name of 400 characters: a short file name.
    let long = "Advanced ".repeat(44) + "Data";
    std::fs::write(&file, signed(&long)).unwrap();
    let run = p.run(&["badge", "add", "downloaded.json"]);
    let saved = std::fs::read_dir(p.root.join("badges"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("advanced-"))
        .unwrap_or_else(|| panic!("{}{}", run.stdout, run.stderr));
    assert!(saved.len() <= 85, "{saved}");
    // Every badge has a page of its own: the build works.
    p.run(&["build"]).success();
    // A name the learner chose too long for the file system says what to do.
    std::fs::write(&file, signed("Other")).unwrap();
    let very_long = "x".repeat(300);
    p.run(&["badge", "add", "downloaded.json", "--name", &very_long])
        .failure(2)
        .stderr_has("choose a shorter one with `--name NAME`");
}

#[test]
fn badges_are_named_after_their_achievement_hosted_or_baked_online_or_offline() {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let port = server.server_addr().to_ip().unwrap().port();
    let base = format!("http://127.0.0.1:{port}");
    // An Open Badges 2.0 hosted assertion names its achievement only in its BadgeClass.
    let assertion = serde_json::json!({
        "@context": "https://w3id.org/openbadges/v2", "type": "Assertion",
        "id": format!("{base}/assertions/8f2c"),
        "recipient": {"type": "email", "hashed": false, "identity": "learner@example.org"},
        "badge": format!("{base}/classes/forklift"), "issuedOn": "2026-01-10T09:00:00Z",
        "verification": {"type": "HostedBadge"}
    });
    let class = serde_json::json!({
        "@context": "https://w3id.org/openbadges/v2", "type": "BadgeClass",
        "id": format!("{base}/classes/forklift"), "name": "Forklift Safety, Level 2",
        "description": "Safe operation of counterbalance forklifts.",
        "criteria": {"narrative": "Practical and written assessment."},
        "issuer": format!("{base}/issuer")
    });
    let issuer = serde_json::json!({
        "@context": "https://w3id.org/openbadges/v2", "type": "Issuer",
        "id": format!("{base}/issuer"), "name": "Yard Skills Centre", "url": base,
        "email": "badges@yard.example"
    });
    let docs = [
        (
            "/assertions/8f2c".to_string(),
            assertion.to_string().into_bytes(),
        ),
        (
            "/classes/forklift".to_string(),
            class.to_string().into_bytes(),
        ),
        ("/issuer".to_string(), issuer.to_string().into_bytes()),
    ];
    serve_docs(&server, docs.to_vec());
    let p = Portfolio::fixture("basic");
    p.write(
        "folio.yaml",
        "title: Adding\nbase_url: /\nowner:\n  name: Ada\n  email: learner@example.org\n",
    );
    let run = run_env(
        &p.root,
        &["badge", "add", &format!("{base}/assertions/8f2c"), "--keep"],
        &[LOOPBACK],
    );
    assert!(
        run.stdout
            .contains("added badges/forklift-safety-level-2.json"),
        "{}{}",
        run.stdout,
        run.stderr
    );

    // A baked PNG whose assertion embeds its BadgeClass: named from it, offline too.
    let mut embedded = assertion.clone();
    embedded["badge"] = class.clone();
    embedded["badge"]["name"] = serde_json::json!("Working at Height");
    let png = folio::badge::bake::bake_png(
        &fixture("dcc/blank.png"),
        "openbadges",
        &embedded.to_string(),
    )
    .unwrap();
    std::fs::write(p.root.join("christopherjack-badge-png.png"), png).unwrap();
    let run = p.run(&[
        "badge",
        "add",
        "christopherjack-badge-png.png",
        "--offline",
        "--keep",
    ]);
    assert!(
        run.stdout.contains("added badges/working-at-height.png"),
        "{}{}",
        run.stdout,
        run.stderr
    );
    server.unblock();
}
