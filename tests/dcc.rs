//! Credentials from the Digital Credentials Consortium's JavaScript stack
//! (`tests/fixtures/dcc/`, made by `generate.mjs`: @digitalbazaar/vc, jose, the
//! Open Badges baking spec): every case of issue 25 gives the status its manifest
//! expects through `folio verify --format json`, on its own and on a portfolio, and
//! through `folio build` (pages and receipts). Also: what structured data states about
//! an issuer, and a Credly-shaped badge on a portfolio with the default settings.

mod common;

use std::path::PathBuf;

use common::Portfolio;
use serde_json::Value;

const OWNER: &str = "ada@example.org";
const MARK: &str = "data-folio-verified";

fn dcc() -> PathBuf {
    common::fixtures().join("dcc")
}

fn documents() -> String {
    dcc().join("documents").display().to_string()
}

struct Row {
    file: String,
    case: String,
    portfolio: String,
    standalone: String,
}

fn manifest() -> Vec<Row> {
    let text = std::fs::read_to_string(dcc().join("MANIFEST.tsv")).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Row {
                file: f[0].into(),
                case: f[1].into(),
                portfolio: f[2].into(),
                standalone: f[3].into(),
            }
        })
        .collect()
}

/// How many credentials a file holds (a presentation holds several).
fn count(file: &str) -> usize {
    if file == "wallet-presentation.json" || file == "wallet-presentation-altered.json" {
        2
    } else {
        1
    }
}

/// Every manifest file through `verify --format json`, from `dir`, with `extra`.
fn verify_all(dir: &std::path::Path, extra: &[&str]) -> Vec<(Row, Vec<Value>)> {
    let rows = manifest();
    let docs = documents();
    let files: Vec<String> = rows
        .iter()
        .map(|r| {
            dcc()
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
    assert_eq!(run.code, 1, "not everything verifies\n{}", run.stderr);
    let mut verdicts = common::verdicts(&run.stdout).into_iter();
    rows.into_iter()
        .map(|r| {
            let n = count(&r.file);
            let mine = verdicts.by_ref().take(n).collect();
            (r, mine)
        })
        .collect()
}

#[test]
fn every_case_gives_its_status_standalone_and_on_a_portfolio() {
    let rows = manifest();
    assert!(rows.len() >= 40, "{}", rows.len());
    for case in [
        "jwt-sub-mismatch",
        "jwt-jti-mismatch",
        "jwt-nbf-mismatch",
        "status-purpose-mismatch",
        "proof-expired",
        "status-unreachable",
        "status-list-forged",
        "status-list-expired",
        "credly-valid",
        "credly-revoked",
        "ob2-no-creator",
        "ob2-eddsa",
        "png-baked-url",
        "ob1",
        "blockcerts",
        "edc",
        "presentation",
        "revoked-other-recipient",
        "expired-unreachable",
    ] {
        assert!(rows.iter().any(|r| r.case == case), "{case}");
    }
    let alone = tempfile::tempdir().unwrap();
    let site = Portfolio::fixture("basic");
    site.write(
        "folio.yaml",
        format!("title: T\nbase_url: https://ada.example/\nowner:\n  email: {OWNER}\n"),
    );
    let mut wrong = Vec::new();
    for (label, results) in [
        ("standalone", verify_all(alone.path(), &[])),
        ("on a portfolio", verify_all(&site.root, &["--root", "."])),
    ] {
        for (row, verdicts) in results {
            let want = if label == "standalone" {
                &row.standalone
            } else {
                &row.portfolio
            };
            assert_eq!(verdicts.len(), count(&row.file), "{}", row.file);
            for v in verdicts {
                if v["status"] != want.as_str() {
                    wrong.push(format!("{} {label}: want {want} got {v}", row.file));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn reasons_name_what_happened() {
    let alone = tempfile::tempdir().unwrap();
    let results = verify_all(alone.path(), &[]);
    let first = |file: &str| {
        results
            .iter()
            .find(|(r, _)| r.file == file)
            .map(|(_, v)| v[0].clone())
            .unwrap()
    };
    let sub = first("jwt-sub-mismatch.jwt");
    let (o, d) = common::check(&sub, "shape");
    assert_eq!(o, "fail");
    assert!(
        d.contains("bob@example.org") && d.contains("ada@example.org"),
        "{d}"
    );
    let v = first("status-purpose-mismatch.json");
    assert!(common::check(&v, "status").1.contains("suspension"), "{v}");
    let v = first("ldp-proof-expired.json");
    assert!(
        common::check(&v, "validity").1.contains("proof expired"),
        "{v}"
    );
    let v = first("credly-revoked.json");
    assert!(
        common::check(&v, "status").1.contains("Issued in error"),
        "{v}"
    );
    let v = first("ob1-hosted.json");
    assert_eq!(v["format"], "ob1");
    assert!(
        common::check(&v, "signature")
            .1
            .contains("Open Badges 1.0/1.1"),
        "{v}"
    );
    let v = first("wallet-presentation.json");
    assert!(v["file"].as_str().unwrap().ends_with("#1"), "{v}");
    assert!(
        common::check(&v, "parse")
            .1
            .contains("signed by its holder"),
        "{v}"
    );
    let v = first("wallet-presentation-altered.json");
    assert!(
        common::check(&v, "parse")
            .1
            .contains("its holder's proof does not hold"),
        "{v}"
    );
}

#[test]
fn every_case_gives_its_status_through_build() {
    let p = Portfolio::fixture("basic");
    p.write(
        "folio.yaml",
        format!(
            "title: T\nbase_url: https://ada.example/\nowner:\n  email: {OWNER}\nbadges:\n  on_invalid: show\n"
        ),
    );
    for row in manifest() {
        let bytes = std::fs::read(dcc().join("credentials").join(&row.file)).unwrap();
        // The file, PNG and SVG of one case get pages of their own.
        let (stem, ext) = row.file.rsplit_once('.').unwrap();
        p.write(&format!("badges/{stem}-{ext}.{ext}"), bytes);
    }
    let run = p.run(&["build", "--documents", &documents()]);
    run.success();
    for row in manifest() {
        let (stem, ext) = row.file.rsplit_once('.').unwrap();
        // Each credential of a presentation is a badge of its own, numbered.
        let slugs: Vec<String> = if row.file.starts_with("wallet-") {
            (1..=count(&row.file))
                .map(|i| format!("{stem}-{ext}-{i}"))
                .collect()
        } else {
            vec![format!("{stem}-{ext}")]
        };
        for slug in slugs {
            let receipt: Value =
                serde_json::from_str(&p.read(&format!("public/badges/{slug}/verification.json")))
                    .unwrap_or_else(|e| panic!("{slug}: {e}"));
            assert_eq!(
                receipt["status"],
                row.portfolio.as_str(),
                "{slug}: {receipt}"
            );
            let page = p.read(&format!("public/badges/{slug}/index.html"));
            assert_eq!(page.contains(MARK), row.portfolio == "verified", "{slug}");
        }
    }
    // A credential of a presentation is published as its own file.
    let inner = p.read("public/badges/wallet-presentation-json-1/wallet-presentation-json-1.json");
    assert!(inner.contains("OpenBadgeCredential"), "{inner}");
}

#[test]
fn structured_data_names_only_a_trusted_issuer_as_fact() {
    let p = Portfolio::fixture("basic");
    let config = format!(
        "title: T\nbase_url: https://ada.example/\nowner:\n  email: {OWNER}\nbadges:\n  on_invalid: show\n"
    );
    p.write("folio.yaml", &config);
    let bytes = std::fs::read(dcc().join("credentials/ldp-valid.json")).unwrap();
    p.write("badges/valid.json", bytes);
    p.run(&["build", "--documents", &documents()]).success();
    let page = p.read("public/badges/valid/index.html");
    assert!(page.contains(MARK));
    assert!(page.contains("EducationalOccupationalCredential"), "{page}");
    assert!(
        !page.contains("recognizedBy"),
        "an unknown issuer's name is only a claim"
    );
    let issuer: Value =
        serde_json::from_slice(&std::fs::read(dcc().join("credentials/ldp-valid.json")).unwrap())
            .unwrap();
    let id = issuer["issuer"]["id"].as_str().unwrap();
    p.write(
        "folio.yaml",
        format!("{config}  trust:\n    - id: {id}\n      name: DCC College (trusted)\n"),
    );
    p.run(&["build", "--documents", &documents()]).success();
    let page = p.read("public/badges/valid/index.html");
    assert!(page.contains("\"recognizedBy\""), "{page}");
    assert!(page.contains("DCC College (trusted)"));
}

#[test]
fn a_credly_badge_builds_with_the_default_settings() {
    let p = Portfolio::fixture("basic");
    p.write(
        "folio.yaml",
        format!("title: T\nbase_url: https://ada.example/\nowner:\n  email: {OWNER}\n"),
    );
    for file in ["credly-valid.json", "credly-list-down.json"] {
        p.write(
            &format!("badges/{file}"),
            std::fs::read(dcc().join("credentials").join(file)).unwrap(),
        );
    }
    let run = p.run(&["build", "--documents", &documents()]);
    run.success().stderr_has(
        "badges/credly-list-down.json: not shown as verified: the badge is unverifiable",
    );
    assert!(
        p.read("public/badges/credly-valid/index.html")
            .contains(MARK)
    );
    assert!(
        !p.read("public/badges/credly-list-down/index.html")
            .contains(MARK)
    );
    // A revoked one still stops the build by default: the file is wrong.
    p.write(
        "badges/credly-revoked.json",
        std::fs::read(dcc().join("credentials/credly-revoked.json")).unwrap(),
    );
    p.run(&["build", "--documents", &documents()])
        .failure(1)
        .stderr_has("badges/credly-revoked.json: the badge is revoked");
}
