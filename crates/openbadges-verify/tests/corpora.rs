//! The verifier's corpora through the library API, as another program would use it:
//! the public conformance corpus (W3C, DCC, 1EdTech and other implementations'
//! credentials, `fixtures/conformance/`) and credentials from an independent issuing
//! implementation (openbadgeslib, `fixtures/interop/`). Each file gives the status its
//! manifest expects when verified on its own (folio's tests run the same corpora
//! through `folio verify` and `folio build`).

use std::path::{Path, PathBuf};

use openbadges_verify::{
    CheckName, Documents, Options, Outcome, Status, TrustedIssuer, verify_file,
};

const NOW: &str = "2026-11-23T00:00:00Z";

fn fixtures(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The rows of a tab-separated manifest, without its header.
fn rows(manifest: &Path) -> Vec<Vec<String>> {
    std::fs::read_to_string(manifest)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

fn options(corpus: &str) -> Options {
    Options {
        now: NOW.parse().unwrap(),
        documents: Documents::from_dir(&fixtures(corpus).join("documents")).unwrap(),
        ..Options::default()
    }
}

/// VC-JWTs from `did:example:123`, which nobody can resolve: `unverifiable` without
/// the issuer's published key, verified with it pinned.
const NEEDS_PINNED_KEY: &[&str] = &[
    "aries-framework-go/interop/interop_credential_1_ed25519.json",
    "aries-framework-go/interop/interop_credential_2_ed25519.json",
    "aries-framework-go/interop/interop_credential_3_ed25519.json",
];

#[test]
fn conformance_corpus() {
    let dir = fixtures("conformance");
    let rows = rows(&dir.join("MANIFEST.tsv"));
    assert_eq!(rows.len(), 145);
    let opts = options("conformance");
    let mut wrong = Vec::new();
    for row in &rows {
        let (file, want_signature, want_status) = (&row[0], &row[6], &row[7]);
        let also: Vec<&str> = row[8].split(',').filter(|s| !s.is_empty()).collect();
        let bytes = std::fs::read(dir.join("credentials").join(file)).unwrap();
        let found = verify_file(file, &bytes, &opts);
        // The file's own verdict comes first; a CLR transcript adds one for each
        // credential inside it (`file#1`, …), judged on its own.
        assert!(found[0].inner.is_none(), "{file}: its own verdict first");
        assert!(
            found.len() == 1 || file.contains("clr"),
            "{file}: one credential per file"
        );
        let v = &found[0].verdict;
        let status = v.status.as_str();
        if NEEDS_PINNED_KEY.contains(&file.as_str()) {
            assert_eq!(
                v.status,
                Status::Unverifiable,
                "{file}: no key without the pin"
            );
            continue;
        }
        let signature = v.outcome(CheckName::Signature);
        let sig_ok = match want_signature.as_str() {
            "pass" => signature == Outcome::Pass,
            "fail" => signature == Outcome::Fail,
            _ => true,
        };
        if !(sig_ok && (status == want_status || also.contains(&status))) {
            wrong.push(format!(
                "{file}: want {want_status}/{want_signature} got {status}/{signature:?}: {:?}",
                v.checks
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );

    let pinned = Options {
        trust: vec![TrustedIssuer {
            id: "did:example:123".into(),
            name: Some("JWS Test Suite example issuer".into()),
            keys: vec!["z6Mkgyen15uoSDRo3Mp8TfnqAeHoVETwCELi9A6uYfZnWeEE".into()],
        }],
        ..options("conformance")
    };
    for file in NEEDS_PINNED_KEY {
        let bytes = std::fs::read(dir.join("credentials").join(file)).unwrap();
        let v = &verify_file(file, &bytes, &pinned)[0].verdict;
        assert_eq!(
            v.outcome(CheckName::Key),
            Outcome::Pass,
            "{file}: {:?}",
            v.checks
        );
        assert_eq!(v.status, Status::Verified, "{file}: {:?}", v.checks);
    }
}

#[test]
fn interop_corpus() {
    let dir = fixtures("interop");
    let rows = rows(&dir.join("MANIFEST.tsv"));
    assert!(rows.len() >= 30, "{} rows", rows.len());
    // As folio's own interop test: today's clock (the status list was issued after
    // the conformance corpus's fixed date).
    let opts = Options {
        now: chrono::Utc::now(),
        ..options("interop")
    };
    let mut wrong = Vec::new();
    for row in &rows {
        let (file, want) = (&row[0], &row[5]);
        let bytes = std::fs::read(dir.join("credentials").join(file)).unwrap();
        let found = verify_file(file, &bytes, &opts);
        let got: Vec<&str> = found.iter().map(|f| f.verdict.status.as_str()).collect();
        if got != [want.as_str()] {
            wrong.push(format!(
                "{file}: want {want} got {got:?}: {:?}",
                found[0].verdict.checks
            ));
        }
        // Whatever the manifest says, nothing forged, altered or out of date is verified.
        let forged_or_dated = [
            "tampered",
            "wrong-key",
            "foreign-key",
            "jwk-forgery",
            "expired",
            "not-yet-valid",
            "revoked",
        ];
        if forged_or_dated.contains(&row[3].as_str()) {
            assert!(
                found.iter().all(|f| f.verdict.status != Status::Verified),
                "{file} ({}) verified",
                row[3]
            );
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
