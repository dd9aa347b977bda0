//! `folio verify` and the verification engine: the public conformance corpus, our own
//! tampering cases, and hostile input.

mod common;

use common::Portfolio;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use folio::badge::sign::{Issuer, sample_badge};
use folio::badge::{self, Options, Status};
use serde_json::{Value, json};

fn conformance() -> PathBuf {
    common::verifier_fixtures().join("conformance")
}

const NOW: &str = "2026-11-23T00:00:00Z";

/// VC-JWTs from `did:example:123`, a DID nobody can resolve: their issuer's key is
/// published (JWS Test Suite "key-0-ed25519"), so a portfolio must pin it. Without the
/// pin they are `unverifiable`; with `pinned/folio.yaml` they give their expected status.
const NEEDS_PINNED_KEY: &[&str] = &[
    "aries-framework-go/interop/interop_credential_1_ed25519.json",
    "aries-framework-go/interop/interop_credential_2_ed25519.json",
    "aries-framework-go/interop/interop_credential_3_ed25519.json",
];

struct Row {
    file: String,
    expect_signature: String,
    expect_status: String,
    also: Vec<String>,
}

fn manifest() -> Vec<Row> {
    let text = std::fs::read_to_string(conformance().join("MANIFEST.tsv")).unwrap();
    text.lines()
        .skip(1)
        .map(|line| {
            let c: Vec<&str> = line.split('\t').collect();
            Row {
                file: c[0].to_string(),
                expect_signature: c[6].to_string(),
                expect_status: c[7].to_string(),
                also: c[8]
                    .split(',')
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            }
        })
        .collect()
}

/// Every item of the corpus, through the real binary in one run, gives its expected
/// status and signature outcome.
#[test]
fn conformance_corpus() {
    let rows = manifest();
    assert_eq!(rows.len(), 145);
    let mut args = vec![
        "verify".to_string(),
        "--offline".into(),
        "--format".into(),
        "json".into(),
        "--now".into(),
        NOW.into(),
        "--documents".into(),
        "documents".into(),
    ];
    args.extend(rows.iter().map(|r| format!("credentials/{}", r.file)));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = common::run_in(&conformance(), &args);
    assert_eq!(
        run.code, 1,
        "some items are not verified, so exit 1\n{}",
        run.stderr
    );
    // The credentials inside a CLR transcript (`file#1`) are verdicts of their own,
    // beside the transcript's.
    let results: HashMap<String, Value> = run
        .stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let file = v["file"]
                .as_str()
                .unwrap()
                .trim_start_matches("credentials/")
                .to_string();
            (file, v)
        })
        .filter(|(file, _)| !file.contains('#'))
        .collect();
    assert_eq!(results.len(), rows.len());
    // Same fields, in the same order, as DESIGN.md.
    for line in run.stdout.lines() {
        let at: Vec<usize> = [
            "\"file\":",
            "\"status\":",
            "\"format\":",
            "\"suite\":",
            "\"issuer\":",
            "\"checks\":",
        ]
        .iter()
        .map(|k| {
            line.find(k)
                .unwrap_or_else(|| panic!("{k} missing: {line}"))
        })
        .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]) && at[0] == 1, "{line}");
    }

    let mut wrong = Vec::new();
    for row in &rows {
        let v = &results[&row.file];
        let status = v["status"].as_str().unwrap();
        let signature = v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "signature")
            .unwrap()["outcome"]
            .as_str()
            .unwrap();

        let status_ok = status == row.expect_status || row.also.iter().any(|a| a == status);
        let sig_ok = match row.expect_signature.as_str() {
            "pass" => signature == "pass",
            "fail" => signature == "fail",
            _ => true,
        };
        if NEEDS_PINNED_KEY.contains(&row.file.as_str()) {
            assert_eq!(
                status, "unverifiable",
                "{}: no key without the pin",
                row.file
            );
            continue;
        }
        if !(status_ok && sig_ok) {
            wrong.push(format!(
                "{}: want {}/{} got {status}/{signature}: {}",
                row.file, row.expect_status, row.expect_signature, v["checks"]
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );

    // With the issuer's published key pinned, the interop credentials verify.
    let mut args = vec![
        "verify",
        "--offline",
        "--format",
        "json",
        "--now",
        NOW,
        "--root",
        "pinned",
    ];
    let files: Vec<String> = NEEDS_PINNED_KEY
        .iter()
        .map(|f| format!("credentials/{f}"))
        .collect();
    args.extend(files.iter().map(String::as_str));
    let run = common::run_in(&conformance(), &args);
    assert_eq!(run.stdout.lines().count(), 3);
    for line in run.stdout.lines() {
        let v: Value = serde_json::from_str(line).unwrap();
        let key = v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == "key");
        assert_eq!(key.unwrap()["outcome"], "pass", "{line}");
        // On a portfolio the recipient must be the owner: credential 1 names nobody.
        let want = if line.contains("interop_credential_1") {
            "unverifiable"
        } else {
            "verified"
        };
        assert_eq!(v["status"], want, "{line}");
    }
    assert_eq!(run.code, 1, "not every file is verified");
}

#[test]
fn human_output_lists_every_check_with_symbols() {
    let run = common::run_in(
        &conformance(),
        &[
            "verify",
            "--offline",
            "--now",
            NOW,
            "credentials/w3c-vc-di-eddsa/TestVectors/eddsa-rdfc-2022/signedDataInt.json",
        ],
    );
    run.failure(1);
    let out = &run.stdout;
    assert!(out.contains(": FAILED (vc-json, eddsa-rdfc-2022)"), "{out}");
    for line in [
        "✓ parse",
        "✓ shape",
        "✓ signature",
        "✗ key",
        "✓ validity",
        "– status",
        "– recipient",
        "– trust      trust not checked: verified on its own, outside a portfolio",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
}

#[test]
fn inside_a_portfolio_verify_uses_its_owner_and_trust_list() {
    let p = Portfolio::example();
    // From the badges folder: the portfolio above is found.
    let inside = common::run_in(
        &p.root.join("badges"),
        &["verify", "data-storytelling.json"],
    );
    inside.success();
    let out = &inside.stdout;
    // The owner's email matches: their claim, which the terminal says is no proof.
    assert!(
        out.contains("✓ recipient  claimed: issued to an email address the owner gives as theirs"),
        "{out}"
    );
    assert!(
        out.contains("✓ trust      known issuer: Northern Code Academy"),
        "{out}"
    );
    // Outside any portfolio: both are said not to be checked, and how to check them.
    let outside = tempfile::tempdir().unwrap();
    let copy = outside.path().join("b.json");
    std::fs::copy(p.root.join("badges/data-storytelling.json"), &copy).unwrap();
    let run = common::run_in(outside.path(), &["verify", "b.json"]);
    let out = &run.stdout;
    assert!(out.contains("– recipient  recipient not checked"), "{out}");
    assert!(out.contains("– trust      trust not checked"), "{out}");
    assert!(out.contains("pass --root"), "{out}");
    // --root names the portfolio from anywhere.
    let root = p.root.display().to_string();
    let run = common::run_in(outside.path(), &["verify", "b.json", "--root", &root]);
    assert!(
        run.stdout.contains("✓ trust      known issuer"),
        "{}",
        run.stdout
    );
}

#[test]
fn verified_file_exits_zero_and_missing_file_exits_two() {
    let good = "credentials/dcc-vc-test-fixtures/verifiableCredentials/v1/dataIntegrityProof/didKey/legacy-noStatus-noExpiry.json";
    common::run_in(&conformance(), &["verify", "--now", NOW, good]).success();
    common::run_in(&conformance(), &["verify", "no-such-file.json"])
        .failure(2)
        .stderr_has("no-such-file.json");
    common::run_in(&conformance(), &["verify", "--now", "soon", good])
        .failure(2)
        .stderr_has("--now");
}

// ---- Our own cases, signed in the test with a test key. ----

fn options() -> Options {
    Options {
        now: badge::shape::parse_datetime(NOW).unwrap(),
        ..Options::default()
    }
}

fn verify(doc: &Value) -> badge::Verdict {
    badge::verify("test.json", doc.to_string().as_bytes(), &options())
}

/// A test issuer: a did:key from a fixed seed, and a typical OB 3.0 badge.
struct TestKey(Issuer);

impl TestKey {
    fn new(seed: u8) -> TestKey {
        TestKey(Issuer::from_seed([seed; 32]))
    }

    fn method(&self) -> String {
        self.0.method()
    }

    fn sign_rdfc(&self, doc: Value) -> Value {
        self.0.sign_rdfc(doc, "2025-01-01T00:00:00Z").unwrap()
    }

    fn badge(&self, name: &str) -> Value {
        sample_badge(&self.0, name, "2025-01-01T00:00:00Z")
    }
}

#[test]
fn own_signed_badge_verifies() {
    let key = TestKey::new(7);
    let v = verify(&key.sign_rdfc(key.badge("Rust")));
    assert_eq!(v.status, Status::Verified, "{:#?}", v.checks);
}

/// Every leaf of a valid credential, altered alone, must stop it being verified.
#[test]
fn every_altered_field_fails() {
    let key = TestKey::new(7);
    let signed = key.sign_rdfc(key.badge("Rust"));
    let mut paths = Vec::new();
    leaves(&signed, String::new(), &mut paths);
    let mut checked = 0;
    for path in paths {
        if path.starts_with("/proof") {
            continue;
        }
        let mut doc = signed.clone();
        let leaf = doc.pointer_mut(&path).unwrap();
        *leaf = match leaf {
            Value::String(s) if s.starts_with("https://") || s.contains(':') => {
                json!(format!("{s}x"))
            }
            Value::String(s) => json!(format!("{s} (edited)")),
            Value::Number(_) => json!(42),
            Value::Bool(b) => json!(!*b),
            _ => json!("x"),
        };
        let v = verify(&doc);
        assert_ne!(v.status, Status::Verified, "altering {path} went unnoticed");
        if !path.starts_with("/@context") {
            assert_eq!(v.status, Status::Failed, "altering {path}: {:#?}", v.checks);
        }
        checked += 1;
    }
    assert!(checked >= 12, "only {checked} fields");
}

fn leaves(v: &Value, path: String, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                leaves(
                    child,
                    format!("{path}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                leaves(child, format!("{path}/{i}"), out);
            }
        }
        _ => out.push(path),
    }
}

#[test]
fn proof_moved_to_another_credential_fails() {
    let key = TestKey::new(7);
    let a = key.sign_rdfc(key.badge("Rust"));
    let mut b = key.badge("Haskell");
    b["proof"] = a["proof"].clone();
    let v = verify(&b);
    assert_eq!(v.status, Status::Failed);
    assert_eq!(v.outcome(badge::CheckName::Signature), badge::Outcome::Fail);
}

#[test]
fn key_from_a_different_did_fails() {
    let key = TestKey::new(7);
    let forger = TestKey::new(9);
    // Signed by the forger but claiming the real issuer: the key check fails.
    let mut claimed = forger.sign_rdfc(key.badge("Rust"));
    let v = verify(&claimed);
    assert_eq!(v.status, Status::Failed);
    assert_eq!(v.outcome(badge::CheckName::Key), badge::Outcome::Fail);
    // Signed by the issuer, but the proof swapped to name the forger's key.
    let mut signed = key.sign_rdfc(key.badge("Rust"));
    signed["proof"]["verificationMethod"] = json!(forger.method());
    let v = verify(&signed);
    assert_eq!(v.status, Status::Failed);
    assert_eq!(v.outcome(badge::CheckName::Signature), badge::Outcome::Fail);
    claimed["proof"]["proofPurpose"] = json!("authentication");
    assert_eq!(verify(&claimed).status, Status::Failed);
}

#[test]
fn undefined_property_fails_shape_naming_it() {
    let key = TestKey::new(7);
    let mut doc = key.sign_rdfc(key.badge("Rust"));
    doc["credentialSubject"]["grade"] = json!("A+");
    let v = verify(&doc);
    assert_eq!(v.status, Status::Failed);
    let shape = v.check(badge::CheckName::Shape).unwrap();
    assert_eq!(shape.outcome, badge::Outcome::Fail);
    assert!(shape.detail.contains("grade"), "{}", shape.detail);
    // The signature itself still verifies: the term was dropped before signing.
    assert_eq!(v.outcome(badge::CheckName::Signature), badge::Outcome::Pass);
}

#[test]
fn unsupported_suite_is_unverifiable_naming_it() {
    let key = TestKey::new(7);
    let mut doc = key.sign_rdfc(key.badge("Rust"));
    doc["proof"]["cryptosuite"] = json!("bbs-2023");
    let v = verify(&doc);
    assert_eq!(v.status, Status::Unverifiable);
    let detail = &v.check(badge::CheckName::Signature).unwrap().detail;
    assert!(
        detail.contains("bbs-2023 (BBS selective disclosure) is recognised"),
        "{detail}"
    );
}

#[test]
fn unknown_context_is_unverifiable_naming_the_url() {
    let key = TestKey::new(7);
    let mut doc = key.sign_rdfc(key.badge("Rust"));
    doc["@context"][1] = json!("https://contexts.example/unknown.json");
    let v = verify(&doc);
    assert_ne!(v.status, Status::Verified);
    let detail = &v.check(badge::CheckName::Signature).unwrap().detail;
    assert!(
        detail.contains("https://contexts.example/unknown.json"),
        "{detail}"
    );
}

// ---- Hostile input: never panic, never hang; failed or unverifiable with a reason. ----

#[track_caller]
fn hostile(bytes: &[u8]) {
    let v = badge::verify("hostile", bytes, &options());
    assert!(
        matches!(v.status, Status::Failed | Status::Unverifiable),
        "{:?}",
        v.status
    );
    assert!(v.checks.iter().all(|c| !c.detail.is_empty()));
}

#[test]
fn hostile_inputs() {
    hostile(&"[".repeat(1_000_000).into_bytes());
    hostile(format!("{}1{}", "{\"a\":".repeat(5000), "}".repeat(5000)).as_bytes());
    hostile(&vec![b' '; 17 * 1024 * 1024]);
    hostile(&[0xff, 0xfe, 0x00]);
    let key = TestKey::new(7);
    let good = key.sign_rdfc(key.badge("Rust"));
    // A huge string value.
    let mut huge = good.clone();
    huge["name"] = json!("x".repeat(5_000_000));
    hostile(huge.to_string().as_bytes());
    // Deep nesting inside the credential subject: just under the limit (processed,
    // and must not exhaust the stack), then over it (refused).
    let mut deep = json!("leaf");
    for _ in 0..12 {
        deep = json!({"achievement": deep});
    }
    let mut nested = good.clone();
    nested["credentialSubject"]["achievement"]["alignment"] = deep.clone();
    assert!(nested.to_string().matches('{').count() > 14);
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let v = badge::verify("deep", nested.to_string().as_bytes(), &options());
            assert_eq!(v.outcome(badge::CheckName::Parse), badge::Outcome::Pass);
            assert_ne!(v.status, Status::Verified);
        })
        .unwrap()
        .join()
        .expect("no stack overflow at the depth limit");
    for _ in 0..30 {
        deep = json!({"achievement": deep});
    }
    let mut nested = good.clone();
    nested["credentialSubject"]["achievement"]["alignment"] = deep;
    hostile(nested.to_string().as_bytes());
    // A non-canonical signature (S + L) must be rejected by strict verification.
    let mut malleable = good.clone();
    let sig =
        badge::proof::decode_proof_value(good["proof"]["proofValue"].as_str().unwrap()).unwrap();
    let mut s = [0u8; 32];
    s.copy_from_slice(&sig[32..]);
    let l: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
        0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut carry = 0u16;
    for i in 0..32 {
        let sum = s[i] as u16 + l[i] as u16 + carry;
        s[i] = sum as u8;
        carry = sum >> 8;
    }
    let mut bad = sig;
    bad[32..].copy_from_slice(&s);
    malleable["proof"]["proofValue"] = json!(format!("z{}", bs58::encode(bad).into_string()));
    hostile(malleable.to_string().as_bytes());
    // A context that tries to redefine a protected VC term.
    let mut redefine = good.clone();
    redefine["@context"] = json!([
        "https://www.w3.org/ns/credentials/v2",
        {"issuer": "https://evil.example/issuer"}
    ]);
    hostile(redefine.to_string().as_bytes());
    // Blank-node soup that makes canonicalisation expensive.
    let mut soup = good;
    let nodes: Vec<Value> = (0..40)
        .map(|i| json!({"type": ["Achievement"], "name": "n", "related": [{"name": format!("{}", i % 2)}]}))
        .collect();
    soup["credentialSubject"]["achievement"]["related"] = json!(nodes);
    let started = std::time::Instant::now();
    hostile(soup.to_string().as_bytes());
    let _ = started; // timing is not asserted; the hndq limit bounds the work
}

#[test]
fn documents_index_errors_name_the_line() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("index.tsv"), "url\tfile\nno-tab-here\n").unwrap();
    let err = badge::Documents::from_dir(tmp.path()).unwrap_err();
    assert!(err.to_string().contains("index.tsv:2"), "{err}");
    let _ = Path::new("");
}

#[cfg(unix)]
#[test]
fn devices_and_pipes_are_refused_without_reading_them() {
    let tmp = tempfile::tempdir().unwrap();
    let run = common::run_in(tmp.path(), &["verify", "/dev/zero"]);
    run.failure(2).stderr_has("not a regular file");
    // Larger than the limit: refused after reading limit + 1 bytes.
    let big = tmp.path().join("big.json");
    std::fs::write(&big, vec![b' '; 16 * 1024 * 1024 + 10]).unwrap();
    common::run_in(tmp.path(), &["verify", "big.json"])
        .failure(2)
        .stderr_has("larger than the");
}

#[test]
fn a_proof_with_its_own_context_verifies_as_its_signer_meant() {
    // DIDKit (ssi) writes the suite's context into the proof; VC Data Integrity and
    // jsonld-signatures read the proof options under it.
    let dir = common::fixtures().join("didkit");
    let run = common::run_in(
        &dir,
        &[
            "verify",
            "--format",
            "json",
            "--offline",
            "proof-context.json",
            "proof-context-altered.json",
        ],
    );
    let verdicts = common::verdicts(&run.stdout);
    assert_eq!(verdicts[0]["status"], "verified", "{}", run.stdout);
    assert_eq!(verdicts[1]["status"], "failed", "{}", run.stdout);
}
