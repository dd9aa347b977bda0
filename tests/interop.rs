//! Credentials from an independent issuing implementation (openbadgeslib, see
//! `crates/openbadges-verify/tests/fixtures/interop/`): every file gives the status its manifest expects through
//! `folio verify --format json` (on a portfolio and on its own) and through
//! `folio build` (badge pages and receipts). Nothing is `verified` unless it is
//! genuine and issued to the owner. Also: what a portfolio shows for badges that are
//! not verified (copied, unconfirmed recipient, unreadable status, impersonated
//! issuer, failed).

mod common;

use std::path::{Path, PathBuf};

use common::Portfolio;
use serde_json::Value;

const OWNER: &str = "ada@example.org";
/// The verified marker of the default theme.
const MARK: &str = "data-folio-verified";

fn interop() -> PathBuf {
    common::verifier_fixtures().join("interop")
}

struct Row {
    file: String,
    format: String,
    case: String,
    portfolio: String,
    standalone: String,
}

fn manifest() -> Vec<Row> {
    let text = std::fs::read_to_string(interop().join("MANIFEST.tsv")).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Row {
                file: f[0].into(),
                format: f[1].into(),
                case: f[3].into(),
                portfolio: f[4].into(),
                standalone: f[5].into(),
            }
        })
        .collect()
}

fn documents() -> String {
    interop().join("documents").display().to_string()
}

/// `folio verify --format json` on every credential, from `dir` with `extra` args.
fn verify_all(dir: &Path, extra: &[&str]) -> Vec<(String, Value)> {
    let rows = manifest();
    let docs = documents();
    let files: Vec<String> = rows
        .iter()
        .map(|r| {
            interop()
                .join("credentials")
                .join(&r.file)
                .display()
                .to_string()
        })
        .collect();
    let mut args = vec!["verify", "--format", "json", "--documents", docs.as_str()];
    args.extend(extra);
    args.extend(files.iter().map(String::as_str));
    let run = common::run_in(dir, &args);
    assert_eq!(
        run.code, 1,
        "not everything verifies: exit 1\n{}",
        run.stderr
    );
    let verdicts = common::verdicts(&run.stdout);
    assert_eq!(verdicts.len(), rows.len());
    rows.iter().map(|r| r.file.clone()).zip(verdicts).collect()
}

fn portfolio_config(extra: &str) -> String {
    format!(
        "title: Interop\nbase_url: https://ada.example/\nowner:\n  name: Ada\n  email: {OWNER}\nbadges:\n  on_invalid: show\n{extra}"
    )
}

#[test]
fn every_credential_gives_its_status_through_verify() {
    let rows = manifest();
    assert!(rows.len() >= 120, "{}", rows.len());
    // Every format and container, and the cases the manifest promises.
    for format in ["ob3-jwt", "ob3-ldp", "ob2-signed", "ob2-hosted"] {
        assert!(rows.iter().any(|r| r.format == format), "{format}");
    }
    for case in [
        "valid",
        "tampered",
        "wrong-key",
        "jwk-forgery",
        "expired",
        "not-yet-valid",
        "other-email-plain",
        "other-email-mailto",
        "other-email-hashed",
        "revoked",
        "hostile-text",
        "did-bound",
    ] {
        assert!(rows.iter().any(|r| r.case == case), "{case}");
    }

    // On a portfolio whose owner is ada@example.org.
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("folio.yaml"), portfolio_config("")).unwrap();
    let on_portfolio = verify_all(site.path(), &["--root", "."]);
    // On its own: authenticity only, the recipient is not checked.
    let alone = tempfile::tempdir().unwrap();
    let standalone = verify_all(alone.path(), &[]);

    let mut wrong = Vec::new();
    for ((row, (_, p)), (_, s)) in rows.iter().zip(&on_portfolio).zip(&standalone) {
        if p["status"] != row.portfolio.as_str() {
            wrong.push(format!(
                "{} on a portfolio: want {} got {p}",
                row.file, row.portfolio
            ));
        }
        if s["status"] != row.standalone.as_str() {
            wrong.push(format!(
                "{} standalone: want {} got {s}",
                row.file, row.standalone
            ));
        }
        // Nothing is verified unless it is genuine and the owner's.
        let genuine = matches!(
            row.case.as_str(),
            "valid" | "valid-mailto" | "valid-plain" | "hostile-text"
        );
        if p["status"] == "verified" && !genuine {
            wrong.push(format!("{} is verified on a portfolio", row.file));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );

    let by_file = |name: &str| &on_portfolio.iter().find(|(f, _)| f == name).unwrap().1;
    // The key check says which key verified and where it came from.
    let jwt = by_file("ob3-jwt-valid.jwt");
    let (_, key) = common::check(jwt, "key");
    assert!(
        key.contains("did:web:badges.example.edu#key-1")
            && key.contains("https://badges.example.edu/.well-known/did.json"),
        "{key}"
    );
    // A header jwk that is not the issuer's is named as such.
    let (o, key) = common::check(by_file("ob3-jwt-jwk-forgery.svg"), "key");
    assert_eq!(o, "fail");
    assert!(
        key.contains("header (jwk) is not one of the issuer's keys"),
        "{key}"
    );
    // OB 2.0: the key's owner and the issuer's publicKey list.
    let (o, key) = common::check(by_file("ob2-signed-foreign-key.png"), "key");
    assert_eq!(o, "fail");
    assert!(key.contains("does not list the key"), "{key}");
    let (o, status) = common::check(by_file("ob2-signed-revoked.jwt"), "status");
    assert_eq!(o, "fail");
    assert!(status.contains("Issued in error"), "{status}");
    // Someone else's badge fails the recipient check; the standalone run says the
    // recipient was not checked.
    let (o, why) = common::check(by_file("ob3-ldp-other-email-mailto.json"), "recipient");
    assert_eq!(
        (o, why.contains("bob@example.org")),
        ("fail", true),
        "{why}"
    );
    let alone_other = &standalone
        .iter()
        .find(|(f, _)| f == "ob3-ldp-other-email-mailto.json")
        .unwrap()
        .1;
    assert!(
        common::check(alone_other, "recipient")
            .1
            .contains("not checked")
    );
    let (o, why) = common::check(by_file("ob3-jwt-did-bound.jwt"), "recipient");
    assert_eq!(o, "skipped");
    assert!(why.contains("not among the owner's identities"), "{why}");
    assert!(!why.contains("folio.yaml"), "{why}");
}

/// A portfolio holding every interop credential (renamed so that the file, PNG and SVG
/// of one case get pages of their own).
fn interop_portfolio(extra_config: &str) -> (Portfolio, Vec<(Row, String)>) {
    let p = Portfolio::fixture("basic");
    p.write("folio.yaml", portfolio_config(extra_config));
    let mut placed = Vec::new();
    for row in manifest() {
        let (stem, ext) = row.file.rsplit_once('.').unwrap();
        let slug = format!("{stem}-{ext}");
        let name = format!("{slug}.{ext}");
        let bytes = std::fs::read(interop().join("credentials").join(&row.file)).unwrap();
        p.write(&format!("badges/{name}"), bytes);
        placed.push((row, slug));
    }
    (p, placed)
}

#[test]
fn every_credential_gives_its_status_through_build() {
    let trust = "  trust:\n    - id: https://badges.example.edu/ob2/issuer.json\n      name: Example University (Open Badges 2.0)\n";
    let (p, placed) = interop_portfolio(trust);
    let docs = documents();
    let run = p.run(&["build", "--documents", &docs]);
    run.success();
    for (row, slug) in &placed {
        let page = p.read(&format!("public/badges/{slug}/index.html"));
        let receipt: Value =
            serde_json::from_str(&p.read(&format!("public/badges/{slug}/verification.json")))
                .unwrap();
        assert_eq!(
            receipt["status"],
            row.portfolio.as_str(),
            "{slug}: {receipt}"
        );
        let verified = row.portfolio == "verified";
        assert_eq!(page.contains(MARK), verified, "{slug}: the verified marker");
        assert!(
            page.contains(&format!("badge-{}", row.portfolio)),
            "{slug}: the page shows its status"
        );
        if !verified {
            // One warning line per badge that is not verified, naming the file.
            run.stderr_has(&format!(
                "badges/{slug}.{}: not shown as verified",
                row.file.rsplit('.').next().unwrap()
            ));
        }
        if matches!(row.portfolio.as_str(), "failed" | "unverifiable") {
            // Claims inside an unverified file are not facts.
            assert!(
                page.contains("What follows is what this credential claims"),
                "{slug}"
            );
            assert!(!page.contains("in this portfolio's trust list"), "{slug}");
        }
        // Third-party text never becomes live HTML.
        assert!(!page.contains("<script>alert"), "{slug}");
        assert!(!page.contains("<img src=x"), "{slug}");
        assert!(!page.contains("href=\"javascript:"), "{slug}");
    }
    // The OB 2.0 page shows the BadgeClass and issuer from the issuer's documents.
    let ob2 = p.read("public/badges/ob2-signed-valid-jwt/index.html");
    for text in [
        "Relational Databases",
        "Designs and queries a normalised relational database.",
        "https://badges.example.edu/ob2/criteria/sql",
        "Design databases",
        "Issued by",
        "Example University (Open Badges 2.0)",
        "15 January 2025",
    ] {
        assert!(ob2.contains(text), "OB 2.0 page lacks {text:?}");
    }
    assert!(
        p.root
            .join("public/badges/ob2-signed-valid-jwt/image.png")
            .is_file()
    );
    // An untrusted issuer: named plainly, with its standing; its identifier only in
    // the page's sentence about what is and is not known.
    let ob3 = p.read("public/badges/ob3-ldp-valid-json/index.html");
    assert!(
        ob3.contains("Signed by did:web:badges.example.edu, which calls itself Example University: the credential is authentic, but no trust list or registry this portfolio uses says who that issuer is."),
        "{}",
        common::main_of(&ob3)
    );
    assert!(ob3.contains("issuer not in this portfolio&#39;s trust list"));
    let list = p.read("public/badges/index.html");
    assert!(
        !list.contains("did:web:badges.example.edu"),
        "identifiers stay off the cards"
    );
}

#[test]
fn a_copied_badge_on_a_site_without_an_owner_is_not_verified() {
    let p = Portfolio::fixture("basic");
    p.write(
        "folio.yaml",
        "title: Fresh\nbase_url: https://new.example/\nowner:\n  name: New Learner\nbadges:\n  on_invalid: show\n",
    );
    let genuine = std::fs::read(interop().join("credentials/ob3-ldp-valid.json")).unwrap();
    p.write("badges/copied.json", genuine);
    let docs = documents();
    let run = p.run(&["build", "--documents", &docs]);
    run.success()
        .stderr_has("badges/copied.json: not shown as verified: the badge is unverifiable")
        .stderr_has("no owner identity is configured");
    assert!(run.stdout.contains("0 verified"), "{}", run.stdout);
    let page = p.read("public/badges/copied/index.html");
    assert!(!page.contains(MARK));
    assert!(
        page.contains("recipient not confirmed"),
        "{}",
        common::main_of(&page)
    );
    // What to configure is the owner's business: the terminal says it, pages do not.
    assert!(!page.contains("owner.identities") && !page.contains("folio.yaml"));
    // With the defaults the build goes on, not verified, and says how to fix it.
    p.write(
        "folio.yaml",
        "title: Fresh\nbase_url: https://new.example/\nowner:\n  name: New Learner\n",
    );
    p.run(&["build", "--documents", &docs])
        .success()
        .stderr_has("badges/copied.json: not shown as verified: the badge is unverifiable")
        .stderr_has("set `owner.email` in folio.yaml");
    // Listing the owner's email makes it verified.
    p.write("folio.yaml", portfolio_config(""));
    let run = p.run(&["build", "--documents", &docs]);
    run.success();
    assert!(p.read("public/badges/copied/index.html").contains(MARK));
}

#[test]
fn a_badge_whose_status_cannot_be_read_is_not_verified() {
    let p = Portfolio::fixture("basic");
    p.write("folio.yaml", portfolio_config(""));
    let genuine = std::fs::read(interop().join("credentials/ob3-ldp-valid.json")).unwrap();
    p.write("badges/sql.json", genuine);
    // Offline, with a documents folder that has the DID document but no status list.
    let docs = tempfile::tempdir().unwrap();
    let index = std::fs::read_to_string(interop().join("documents/index.tsv")).unwrap();
    let mut kept = String::new();
    for line in index.lines() {
        if line.contains("/status/") {
            continue;
        }
        if let Some((_, file)) = line.split_once('\t')
            && file != "file"
        {
            std::fs::copy(
                interop().join("documents").join(file),
                docs.path().join(file),
            )
            .unwrap();
        }
        kept.push_str(line);
        kept.push('\n');
    }
    std::fs::write(docs.path().join("index.tsv"), kept).unwrap();
    let dir = docs.path().display().to_string();
    let run = p.run(&["build", "--offline", "--documents", &dir]);
    run.success()
        .stderr_has(
            "badges/sql.json: not shown as verified: the badge is unverifiable (status check:",
        )
        .stderr_has("https://badges.example.edu/status/1 is not available offline");
    let page = p.read("public/badges/sql/index.html");
    assert!(!page.contains(MARK));
    assert!(page.contains("not available offline"));
}

#[test]
fn an_impersonated_issuer_is_flagged() {
    // A self-made did:key issuer that calls itself by a trusted issuer's name.
    let forger = folio::badge::sign::Issuer::from_seed([66; 32]);
    let mut doc =
        folio::badge::sign::sample_badge(&forger, "SQL Fundamentals", "2025-01-01T00:00:00Z");
    doc["issuer"]["name"] = Value::String("Example  university".into());
    let signed = forger.sign_rdfc(doc, "2025-01-01T00:00:00Z").unwrap();
    let p = Portfolio::fixture("basic");
    p.write(
        "folio.yaml",
        "title: T\nbase_url: https://learner.example/\nowner:\n  email: learner@example.org\nbadges:\n  on_invalid: show\n  trust:\n    - id: did:web:badges.example.edu\n      name: Example University\n",
    );
    p.write("badges/fake.json", serde_json::to_vec(&signed).unwrap());
    let run = p.run(&["build", "--offline"]);
    run.success().stderr_has(
        "badges/fake.json: not shown as verified: the badge failed a check (trust check: impersonation",
    );
    let page = p.read("public/badges/fake/index.html");
    assert!(!page.contains(MARK));
    assert!(page.contains("a name this portfolio trusts for another issuer"));
    assert!(
        !page.contains("linkedin.com"),
        "no Add to LinkedIn for a failed badge"
    );
    let cards = p.read("public/badges/index.html");
    assert!(
        cards.contains("claims to be Example  university"),
        "{}",
        common::main_of(&cards)
    );
}

#[test]
fn folio_verify_uses_the_portfolio_it_is_run_in() {
    // Inside a portfolio folder, `verify` compares recipients with its owner.
    let site = tempfile::tempdir().unwrap();
    std::fs::write(site.path().join("folio.yaml"), portfolio_config("")).unwrap();
    let file = interop().join("credentials/ob3-jwt-other-email-hashed.jwt");
    let docs = documents();
    let run = common::run_in(
        site.path(),
        &["verify", "--documents", &docs, &file.display().to_string()],
    );
    run.failure(1);
    assert!(run.stdout.contains("FAILED"), "{}", run.stdout);
    assert!(
        run.stdout.contains("issued to someone else"),
        "{}",
        run.stdout
    );
    // Outside one, it says plainly that the recipient was not checked.
    let alone = tempfile::tempdir().unwrap();
    let run = common::run_in(
        alone.path(),
        &["verify", "--documents", &docs, &file.display().to_string()],
    );
    run.success();
    assert!(
        run.stdout.contains("recipient not checked"),
        "{}",
        run.stdout
    );
}
