//! Badges on the site: statuses, policies, injection, skills, receipts and downloads,
//! checked by building fixture portfolios with the real binary and reading the HTML.

mod common;

use common::Portfolio;
use folio::badge::sign::{Issuer, sample_badge};
use serde_json::{Value, json};

const OWNER: &str = "learner@example.org";

fn issuer() -> Issuer {
    Issuer::from_seed([5; 32])
}

fn signed(name: &str, f: impl FnOnce(&mut Value)) -> Value {
    let i = issuer();
    let mut doc = sample_badge(&i, name, "2025-01-01T00:00:00Z");
    f(&mut doc);
    i.sign_rdfc(doc, "2025-01-01T00:00:00Z").unwrap()
}

fn write_badge(p: &Portfolio, file: &str, doc: &Value) -> Vec<u8> {
    let bytes = serde_json::to_vec_pretty(doc).unwrap();
    p.write(&format!("badges/{file}"), &bytes);
    bytes
}

/// The basic fixture with one badge in every status and `on_invalid` as given.
fn portfolio(on_invalid: &str) -> Portfolio {
    let p = Portfolio::fixture("basic");
    p.write(
        "folio.yaml",
        format!(
            "title: Test Portfolio\nbase_url: https://learner.example/\nowner:\n  name: Test Learner\n  email: {OWNER}\nbadges:\n  on_invalid: {on_invalid}\n"
        ),
    );
    let verified = signed("Rust Basics", |d| {
        d["credentialSubject"]["achievement"]["alignment"] = json!([
            {"type": ["Alignment"], "targetName": "Rust", "targetUrl": "https://skills.example/rust"}
        ]);
    });
    write_badge(&p, "rust.json", &verified);
    let expired = signed("Old Course", |d| {
        d["validUntil"] = json!("2025-06-01T00:00:00Z");
        d["credentialSubject"]["achievement"]["alignment"] =
            json!([{"type": ["Alignment"], "targetName": "COBOL"}]);
    });
    write_badge(&p, "old.json", &expired);
    let mut tampered = signed("Tampered", |_| {});
    tampered["credentialSubject"]["achievement"]["name"] = json!("Tampered, now Expert");
    write_badge(&p, "tampered.json", &tampered);
    let mut unsupported = signed("Odd Suite", |_| {});
    unsupported["proof"]["cryptosuite"] = json!("bbs-2023");
    write_badge(&p, "odd.json", &unsupported);
    // A page cites the verified badge; alpha already lists the skill Rust.
    let alpha = p
        .read("content/projects/alpha.md")
        .replace("tags: [rust]", "tags: [rust]\nbadges: [rust]");
    p.write("content/projects/alpha.md", alpha);
    let beta = p
        .read("content/projects/beta.md")
        .replace("date:", "skills: [Public speaking]\ndate:");
    p.write("content/projects/beta.md", beta);
    p
}

const MARK: &str = "data-folio-verified";

#[test]
fn every_status_renders_as_it_should() {
    let p = portfolio("show");
    let run = p.run(&["build"]);
    run.success();
    assert!(
        run.stdout
            .contains("4 badges (1 verified, 1 expired, 2 not verified)"),
        "{}",
        run.stdout
    );
    let page = |slug: &str| p.read(&format!("public/badges/{slug}/index.html"));

    let rust = page("rust");
    assert!(
        rust.contains(MARK)
            && rust.contains("</svg> Verified <span class=\"checked\">· checked <time datetime=")
    );
    // The title claims nothing: a link preview cannot be taken back when the badge
    // expires or is revoked.
    assert!(rust.contains("<title>Rust Basics · "));
    assert!(rust.contains("application/ld+json"));
    assert!(rust.contains("linkedin.com/profile/add"));
    assert!(
        rust.contains(r#"href="/projects/alpha/""#),
        "lists the page citing it"
    );

    for (slug, class, label) in [
        ("old", "status-expired", "Expired"),
        ("tampered", "status-failed", "Not verified: a check failed"),
        (
            "odd",
            "status-unverifiable",
            "Not verified: could not be checked",
        ),
    ] {
        let html = page(slug);
        assert!(html.contains(class) && html.contains(label), "{slug}");
        assert!(!html.contains(MARK), "{slug} shows the verified mark");
        assert!(!html.contains("> Verified</span>"), "{slug}");
        // Status marks are drawn (inline SVG), never emoji that need an emoji font.
        assert!(
            html.contains(&format!(
                r#"<span class="status {class}"><svg class="mark""#
            )),
            "{slug}"
        );
        assert!(!html.contains('⌛') && !html.contains('⊘'), "{slug}");
        assert!(
            !html.contains("verified badge"),
            "{slug}: title or Open Graph"
        );
        assert!(
            !html.contains("EducationalOccupationalCredential"),
            "{slug}: structured data"
        );
        assert!(!html.contains("linkedin.com/profile/add"), "{slug}");
        // Every check is listed with its outcome.
        for check in [
            "Readable",
            "Well-formed",
            "Signature",
            "Issuer key",
            "Dates",
            "Revocation",
            "Recipient",
            "Issuer identity",
        ] {
            assert!(
                html.contains(&format!("<td>{check}</td>")),
                "{slug}: {check}"
            );
        }
    }
    // On the index, exactly one card carries the verified mark.
    let index = p.read("public/badges/index.html");
    assert_eq!(index.matches(MARK).count(), 1);
    // No page anywhere shows the mark more often than verified badges justify.
    for (name, bytes) in p.tree("public") {
        let text = String::from_utf8_lossy(&bytes);
        if name.ends_with(".html") && !name.starts_with("badges/rust/") {
            assert!(text.matches(MARK).count() <= 1, "{name}");
        }
    }
}

#[test]
fn on_invalid_error_fails_naming_file_and_check() {
    let p = portfolio("error");
    let run = p.run(&["build"]);
    run.failure(1)
        .stderr_has("badges/tampered.json: the badge failed a check: signature check")
        .stderr_has("hint:");
    // Unverifiable (here an unsupported suite) is not an error unless asked for.
    assert!(
        !run.stderr
            .contains("badges/odd.json: the badge is unverifiable"),
        "{}",
        run.stderr
    );
    assert!(!p.root.join("public").exists());
}

#[test]
fn on_unverifiable_shows_by_default_and_can_omit_or_stop() {
    let p = portfolio("omit");
    p.run(&["build"])
        .success()
        .stderr_has("warning: badges/odd.json: not shown as verified: the badge is unverifiable");
    assert!(p.root.join("public/badges/odd/index.html").exists());
    let config = p.read("folio.yaml");
    p.write("folio.yaml", format!("{config}  on_unverifiable: omit\n"));
    p.run(&["build"])
        .success()
        .stderr_has("warning: badges/odd.json: left out: the badge is unverifiable");
    assert!(!p.root.join("public/badges/odd").exists());
    p.write("folio.yaml", format!("{config}  on_unverifiable: error\n"));
    p.run(&["build"])
        .failure(1)
        .stderr_has("badges/odd.json: the badge is unverifiable")
        .stderr_has("badges.on_unverifiable: show");
}

#[test]
fn on_invalid_omit_warns_and_leaves_them_out() {
    let p = portfolio("omit");
    let run = p.run(&["build"]);
    run.success()
        .stderr_has("warning: badges/tampered.json: left out");
    assert!(!p.root.join("public/badges/tampered").exists());
    assert!(
        p.root.join("public/badges/odd/index.html").exists(),
        "unverifiable follows on_unverifiable, shown by default"
    );
    assert!(p.root.join("public/badges/rust/index.html").exists());
    assert!(
        p.root.join("public/badges/old/index.html").exists(),
        "expired is shown by default"
    );
}

#[test]
fn on_expired_omit() {
    let p = portfolio("omit");
    let config = p.read("folio.yaml") + "  on_expired: omit\n";
    p.write("folio.yaml", config);
    p.run(&["build"]).success();
    assert!(!p.root.join("public/badges/old").exists());
}

#[test]
fn injection_renders_inert() {
    let p = portfolio("omit");
    let evil = signed("<script>alert('name')</script>", |d| {
        let a = &mut d["credentialSubject"]["achievement"];
        a["description"] = json!("<img src=x onerror=alert('desc')>");
        a["criteria"]["narrative"] = json!(
            "Click [here](javascript:alert('criteria')) <script>alert('md')</script> <a href=\"javascript:alert(1)\" onclick=\"x()\">raw</a>"
        );
        d["issuer"]["url"] = json!("javascript:alert('issuer')");
        d["evidence"] = json!([{
            "id": "javascript:alert('evidence')",
            "type": ["Evidence"],
            "name": "<b onmouseover=alert(1)>proof</b>",
            "narrative": "[ok](https://example.org/ok)"
        }]);
    });
    let evil_bytes = write_badge(&p, "evil.json", &evil);
    // It is validly signed: the point is that a genuine issuer's text is still inert.
    let run = p.run(&["verify", "--root", ".", "badges/evil.json"]);
    assert!(run.stdout.contains("VERIFIED"), "{}", run.stdout);
    p.run(&["build"]).success();
    for file in ["public/badges/evil/index.html", "public/badges/index.html"] {
        let html = p.read(file);
        assert!(!html.contains("<script>alert"), "{file}");
        assert!(!html.contains("<img src=x"), "{file}");
        assert!(!html.contains("<b onmouseover"), "{file}");
        assert!(
            !html.to_lowercase().contains("href=\"javascript:"),
            "{file}"
        );
        // Raw HTML from the credential is shown as text, never as a tag.
        assert!(!html.contains("<a href=\"javascript"), "{file}");
    }
    let html = p.read("public/badges/evil/index.html");
    assert!(html.contains("&lt;script&gt;alert("));
    assert!(
        html.contains(r#"<a href="https://example.org/ok" rel="nofollow noopener">ok</a>"#),
        "{html}"
    );
    // The original file is still published byte for byte.
    assert_eq!(
        std::fs::read(p.root.join("public/badges/evil/evil.json")).unwrap(),
        evil_bytes
    );
}

#[test]
fn skills_page_joins_verified_badges_and_pages() {
    let p = portfolio("omit");
    p.run(&["build"]).success();
    let skills = p.read("public/skills/index.html");
    let backed = &skills
        [skills.find("Backed by verified badges").unwrap()..skills.find("Self-reported").unwrap()];
    assert!(backed.contains("<strong>Rust</strong>"), "{backed}");
    assert!(backed.contains(r#"<a href="/badges/rust/">Rust Basics</a>"#));
    assert!(
        backed.contains(r#"<a href="/projects/alpha/">Alpha</a>"#),
        "joined case-insensitively with the page's skill"
    );
    // An expired badge's skill is not backed.
    assert!(!backed.contains("COBOL"));
    assert!(!skills.contains("COBOL"));
    // A skill only a page claims is listed apart.
    let own = &skills[skills.find("Self-reported").unwrap()..];
    assert!(own.contains("<strong>Public speaking</strong>"));
    assert!(own.contains(r#"<a href="/projects/beta/">Beta</a>"#));
    assert!(!backed.contains("Public speaking"));
}

#[test]
fn downloads_receipts_and_privacy() {
    let p = portfolio("omit");
    let source = std::fs::read(p.root.join("badges/rust.json")).unwrap();
    let run = p.run(&["build"]);
    run.success();
    assert_eq!(
        std::fs::read(p.root.join("public/badges/rust/rust.json")).unwrap(),
        source
    );
    let receipt: Value =
        serde_json::from_str(&p.read("public/badges/rust/verification.json")).unwrap();
    assert_eq!(receipt["status"], "verified");
    assert_eq!(receipt["checks"].as_array().unwrap().len(), 8);
    assert!(receipt["checked_at"].as_str().is_some());
    let inputs = receipt["inputs"].as_array().unwrap();
    assert!(inputs.iter().any(|i| i["kind"] == "credential"));
    assert!(inputs.iter().any(|i| i["kind"] == "context"));
    // The owner's email is in no page, receipt or feed.
    for (name, bytes) in p.tree("public") {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(OWNER), "{name} leaks the owner's email");
    }
    // A credential carrying the email in plain text: warned, and kept off the site
    // when the sidecar says so.
    let plain = signed("Plain Email", |d| {
        d["credentialSubject"]["identifier"] = json!([{
            "type": "IdentityObject", "identityType": "emailAddress",
            "hashed": false, "identityHash": OWNER
        }]);
    });
    write_badge(&p, "plain.json", &plain);
    p.run(&["build"])
        .success()
        .stderr_has("warning: badges/plain.json: this credential contains your email address");
    assert!(p.root.join("public/badges/plain/plain.json").exists());
    p.write("badges/plain.yaml", "publish_credential: false\n");
    p.run(&["build"]).success();
    assert!(!p.root.join("public/badges/plain/plain.json").exists());
    assert!(p.root.join("public/badges/plain/index.html").exists());
}

#[test]
fn sidecars_and_citations() {
    let p = portfolio("omit");
    p.write(
        "badges/rust.yaml",
        "featured: true\nreflection: I *loved* the borrow checker.\n",
    );
    p.write("badges/old.yaml", "hidden: true\n");
    p.run(&["build"]).success();
    assert!(
        p.read("public/badges/rust/index.html")
            .contains("I <em>loved</em> the borrow checker.")
    );
    assert!(!p.root.join("public/badges/old").exists());
    // A bad sidecar key names the file, the line and the closest key.
    p.write("badges/rust.yaml", "featured: true\nreflektion: x\n");
    p.run(&["build"])
        .failure(1)
        .stderr_has("badges/rust.yaml:2:1: unknown field `reflektion`")
        .stderr_has("did you mean `reflection`?");
    p.remove("badges/rust.yaml");
    // A page citing a badge that does not exist is an error naming the page.
    let beta = p
        .read("content/projects/beta.md")
        .replace("date:", "badges: [nope]\ndate:");
    p.write("content/projects/beta.md", beta);
    p.run(&["build"])
        .failure(1)
        .stderr_has("content/projects/beta.md: cites badge `nope`");
}

#[test]
fn data_uri_images_become_files_with_alt_text() {
    let p = portfolio("omit");
    let img = signed("With Image", |d| {
        d["credentialSubject"]["achievement"]["image"] = json!({
            "id": "data:image/png;base64,iVBORw0KGgo=",
            "type": "Image",
            "caption": "A shiny test badge"
        });
    });
    write_badge(&p, "img.json", &img);
    p.run(&["build"]).success();
    assert_eq!(
        std::fs::read(p.root.join("public/badges/img/image.png")).unwrap(),
        b"\x89PNG\r\n\x1a\n"
    );
    let html = p.read("public/badges/img/index.html");
    assert!(
        html.contains(r#"src="/badges/img/image.png" alt="A shiny test badge""#),
        "{html}"
    );
}

#[test]
fn example_portfolio_badges_verify_in_every_format() {
    let p = Portfolio::example();
    let run = p.run(&["build"]);
    run.success();
    assert!(
        run.stdout
            .contains("7 badges (6 verified, 1 expired, 0 not verified)"),
        "{}",
        run.stdout
    );
    assert!(
        p.read("public/badges/index.html")
            .contains("Data Storytelling")
    );
    // A baked image is the badge's own picture (an SVG as folio's clean copy).
    let svg = p.read("public/badges/accessible-web/index.html");
    assert!(
        svg.contains(r#"src="/portfolio/badges/accessible-web/image.svg""#),
        "{svg}"
    );
    assert!(svg.contains("baked in an SVG image"));
    let jwt = p.read("public/badges/version-control/index.html");
    assert!(jwt.contains(MARK) && jwt.contains("JWS EdDSA"));
    // A remote image is linked, not loaded.
    let png = p.read("public/badges/spreadsheet-modelling/index.html");
    assert!(png.contains("spreadsheet-modelling.png"));
}

#[test]
fn active_svg_is_never_published_as_it_came() {
    let p = portfolio("omit");
    // An image given as a data: URL, with a script and an onload handler.
    let hostile = r#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert('onload')"><script>alert('script')</script><circle r="4"/></svg>"#;
    let data_url = format!(
        "data:image/svg+xml;base64,{}",
        base64::Engine::encode(&base64::engine::general_purpose::STANDARD, hostile)
    );
    let img = signed("Data Image", |d| {
        d["credentialSubject"]["achievement"]["image"] = json!({"id": data_url, "type": "Image"});
    });
    write_badge(&p, "dataimg.json", &img);
    // A baked SVG whose drawing carries a script and a foreignObject.
    let baked = signed("Baked Active", |_| {});
    let svg = format!(
        r#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" viewBox="0 0 8 8"><openbadges:credential><![CDATA[{}]]></openbadges:credential><script>alert('baked')</script><foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/></foreignObject><rect width="8" height="8" fill="teal"/></svg>"#,
        serde_json::to_string(&baked).unwrap()
    );
    p.write("badges/active.svg", &svg);
    // And a plain baked SVG, which is published as it is.
    let plain = signed("Baked Plain", |_| {});
    let plain_svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential><![CDATA[{}]]></openbadges:credential><circle r="4"/></svg>"#,
        serde_json::to_string(&plain).unwrap()
    );
    p.write("badges/plain.svg", &plain_svg);
    p.run(&["build"]).success();

    let shown = p.read("public/badges/dataimg/image.svg");
    assert!(shown.contains("<circle r=\"4\">"), "{shown}");
    assert!(
        !shown.contains("alert") && !shown.contains("onload"),
        "{shown}"
    );

    // The baked original keeps its bytes, as text; the picture is the clean copy.
    assert!(!p.root.join("public/badges/active/active.svg").exists());
    assert_eq!(p.read("public/badges/active/active.svg.txt"), svg);
    let picture = p.read("public/badges/active/image.svg");
    assert!(picture.contains("fill=\"teal\""), "{picture}");
    for gone in [
        "alert",
        "iframe",
        "evil.example",
        "openbadges",
        "credentialSubject",
    ] {
        assert!(!picture.contains(gone), "{gone} in {picture}");
    }
    let page = p.read("public/badges/active/index.html");
    assert!(page.contains(MARK), "the badge itself verifies");
    assert!(page.contains(r#"src="/badges/active/image.svg""#), "{page}");
    assert!(
        page.contains(r#"href="/badges/active/active.svg.txt""#),
        "{page}"
    );
    assert!(
        page.contains("contains content a browser could run or load (script, foreignObject)"),
        "{page}"
    );

    assert_eq!(p.read("public/badges/plain/plain.svg"), plain_svg);
    let page = p.read("public/badges/plain/index.html");
    assert!(page.contains(r#"href="/badges/plain/plain.svg""#));
    assert!(!page.contains("could run or load"));
    // Every .svg in the site is free of script.
    for (path, bytes) in p.tree("public") {
        if path.ends_with(".svg") && path.starts_with("badges/") {
            let text = String::from_utf8_lossy(&bytes);
            assert!(
                !text.contains("<script") && !text.contains("alert("),
                "{path}"
            );
        }
    }
}

#[test]
fn owner_identities_are_redacted_from_everything_published() {
    let p = portfolio("omit");
    let shouting = OWNER.to_uppercase();
    let leaky = signed("Leaky Badge", |d| {
        d["credentialSubject"]["identifier"] = json!([{
            "type": "IdentityObject", "identityType": "emailAddress",
            "hashed": false, "identityHash": OWNER
        }]);
        let a = &mut d["credentialSubject"]["achievement"];
        a["description"] = json!(format!("Awarded to {OWNER} for outstanding work."));
        a["criteria"] = json!({"narrative": format!("Write to **{shouting}** to confirm.")});
        a["image"] = json!({"id": "https://img.example/b.png", "type": "Image", "caption": format!("Badge of {OWNER}")});
    });
    write_badge(&p, "leaky.json", &leaky);
    p.write("badges/leaky.yaml", "publish_credential: false\n");
    let run = p.run(&["build"]);
    run.success();
    assert!(
        !run.stderr.contains("contains your email address"),
        "no warning about a file that is not published: {}",
        run.stderr
    );
    let page = p.read("public/badges/leaky/index.html");
    assert!(page.contains(MARK), "still verified");
    assert!(
        page.contains("Awarded to [redacted] for outstanding work."),
        "{page}"
    );
    for (name, bytes) in p.tree("public") {
        let text = String::from_utf8_lossy(&bytes).to_lowercase();
        assert!(!text.contains(OWNER), "{name} leaks the owner's email");
    }
}
