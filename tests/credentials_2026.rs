//! The credentials of 2026 (issue 42), through the real binary: ECDSA Data
//! Integrity (`ecdsa-rdfc-2019` and `ecdsa-jcs-2019`, P-256 and P-384, and
//! `ecdsa-sd-2023` selective disclosure) made by independent implementations
//! (`tests/fixtures/ecdsa`, `tests/fixtures/ecdsa-sd`), each with the status its
//! manifest gives, standalone and on a portfolio.

mod common;

use common::{Portfolio, run_in, verdicts};

/// A portfolio at `https://ada.example/` whose owner is `ada@example.org`, every badge
/// shown whatever its status, offline.
fn ada_portfolio() -> Portfolio {
    let p = Portfolio::fixture("basic");
    p.write(
        "folio.yaml",
        "title: Ada\nbase_url: https://ada.example/\nowner:\n  name: Ada\n  email: ada@example.org\nbadges:\n  on_invalid: show\n  on_unverifiable: show\n  network: false\n",
    );
    p
}

/// The verdicts of `folio verify --format json --offline <files>` run in `dir`.
fn verify_offline(dir: &std::path::Path, files: &[&str]) -> Vec<serde_json::Value> {
    let args: Vec<&str> = ["verify", "--format", "json", "--offline"]
        .into_iter()
        .chain(files.iter().copied())
        .collect();
    let run = run_in(dir, &args);
    let got = verdicts(&run.stdout);
    assert!(!got.is_empty(), "{files:?}: {}{}", run.stdout, run.stderr);
    got
}

fn manifest(dir: &str) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(common::fixtures().join(dir).join("MANIFEST.tsv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut cols = l.split('\t');
            (
                cols.next().unwrap().to_string(),
                cols.next().unwrap().to_string(),
            )
        })
        .collect()
}

/// `folio verify` on every file of a corpus at once gives the manifest's statuses.
fn corpus_gives_its_statuses_standalone(corpus: &str) {
    let dir = common::fixtures().join(corpus);
    let rows = manifest(corpus);
    assert!(rows.len() >= 6);
    let mut args = vec!["verify", "--format", "json", "--offline"];
    args.extend(rows.iter().map(|(f, _)| f.as_str()));
    let run = run_in(&dir, &args);
    let got = verdicts(&run.stdout);
    assert_eq!(got.len(), rows.len(), "{}", run.stdout);
    for ((file, want), v) in rows.iter().zip(&got) {
        assert_eq!(v["status"], want.as_str(), "{file}: {v}");
    }
}

/// Every file of a corpus as a badge of Ada's portfolio: its receipt gives the
/// manifest's status.
fn corpus_gives_its_statuses_on_a_portfolio(corpus: &str) -> Portfolio {
    let p = ada_portfolio();
    let rows = manifest(corpus);
    for (file, _) in &rows {
        p.write(
            &format!("badges/{file}"),
            std::fs::read(common::fixtures().join(corpus).join(file)).unwrap(),
        );
    }
    p.run(&["build"]).success();
    for (file, want) in &rows {
        let slug = std::path::Path::new(file)
            .file_stem()
            .unwrap()
            .to_str()
            .unwrap();
        let receipt: serde_json::Value =
            serde_json::from_str(&p.read(&format!("public/badges/{slug}/verification.json")))
                .unwrap();
        assert_eq!(receipt["status"], want.as_str(), "{file}: {receipt}");
    }
    p
}

#[test]
fn ecdsa_credentials_give_their_status_standalone() {
    corpus_gives_its_statuses_standalone("ecdsa");
}

#[test]
fn ecdsa_credentials_give_their_status_on_a_portfolio() {
    corpus_gives_its_statuses_on_a_portfolio("ecdsa");
}

#[test]
fn selective_disclosure_credentials_give_their_status_standalone() {
    // ecdsa-sd-2023 from Digital Bazaar's cryptosuite (`tests/fixtures/ecdsa-sd`): the
    // base proof as issued, derived proofs disclosing all, some and only the mandatory
    // statements, and every way of tampering with them.
    corpus_gives_its_statuses_standalone("ecdsa-sd");
}

#[test]
fn selective_disclosure_credentials_give_their_status_on_a_portfolio() {
    let p = corpus_gives_its_statuses_on_a_portfolio("ecdsa-sd");
    // A derived copy says it is one; the tags the learner withheld are not on the page.
    let page = p.read("public/badges/sd-derived-some/index.html");
    assert!(page.contains("selective disclosure"), "{page}");
    let whole = p.read("public/badges/sd-derived-all/index.html");
    assert!(whole.contains("inspection"));
    assert!(!page.contains("inspection"), "a withheld tag is shown");
}

#[test]
fn presentations_as_jwts_and_other_formats_give_their_status() {
    // Presentation JWTs (OpenID4VP), VC-JOSE-COSE envelopes, an SD-JWT VC, an Open
    // Badges 1.0 signed assertion and a COSE_Sign1 (`tests/fixtures/jose-2026`).
    let dir = common::fixtures().join("jose-2026");
    for (file, want) in manifest("jose-2026") {
        let run = run_in(
            &dir,
            &[
                "verify",
                "--format",
                "json",
                "--offline",
                "--documents",
                "documents",
                &file,
            ],
        );
        let got = verdicts(&run.stdout);
        assert!(!got.is_empty(), "{file}: {}{}", run.stdout, run.stderr);
        for v in &got {
            assert_eq!(v["status"], want.as_str(), "{file}: {v}");
        }
        // A format folio names but cannot check says so, never "not a credential".
        if want == "unverifiable" {
            assert!(
                !run.stdout.contains("not a credential"),
                "{file}: {}",
                run.stdout
            );
        }
    }
    // The holder of a presentation JWT is reported, not checked: it binds nothing.
    let v = &verify_offline(&dir, &["vp.jwt"])[0];
    assert!(
        common::check(v, "parse").1.contains("presented as a JWT"),
        "{v}"
    );
}

#[test]
fn an_sd_jwt_says_what_was_disclosed_and_withheld_and_shows_on_a_page() {
    let dir = common::fixtures().join("jose-2026");
    let v = &verify_offline(&dir, &["sd-jwt-vc-withheld.sd-jwt"])[0];
    let parse = common::check(v, "parse").1;
    assert!(
        parse.contains("1 selectively disclosable claim disclosed (achievement_title)")
            && parse.contains("withheld")
            && parse.contains("holder binding not presented"),
        "{parse}"
    );
    // On a portfolio its page shows the EUDI Learning Credential's title and issuer.
    let p = ada_portfolio();
    p.write(
        "badges/learning.sd-jwt",
        std::fs::read(dir.join("sd-jwt-vc.sd-jwt")).unwrap(),
    );
    p.run(&["build"]).success();
    let page = p.read("public/badges/learning/index.html");
    assert!(page.contains("Data Literacy"), "{}", common::main_of(&page));
    assert!(
        page.contains("Example University"),
        "{}",
        common::main_of(&page)
    );
    let receipt: serde_json::Value =
        serde_json::from_str(&p.read("public/badges/learning/verification.json")).unwrap();
    // Every claim disclosed, the email among them: authentic, issued to the owner's
    // address (their claim).
    assert_eq!(receipt["status"], "verified", "{receipt}");
    assert_eq!(receipt["recipient"], "claimed");
}

#[test]
fn a_clr_transcript_is_verified_and_each_course_is_a_badge_of_its_own() {
    let dir = common::fixtures().join("clr");
    let rows = manifest("clr");
    for file in ["transcript.json", "transcript-altered.json"] {
        let got = verify_offline(&dir, &[file]);
        let want: Vec<&(String, String)> =
            rows.iter().filter(|(f, _)| f.starts_with(file)).collect();
        assert_eq!(got.len(), want.len(), "{got:?}");
        for ((name, status), v) in want.iter().zip(&got) {
            assert_eq!(v["status"], status.as_str(), "{name}: {v}");
        }
    }
    // On a portfolio: the transcript and each course get pages; the transcript's
    // page shows how the courses fit together, as the issuer states.
    let p = ada_portfolio();
    p.write(
        "badges/transcript.json",
        std::fs::read(dir.join("transcript.json")).unwrap(),
    );
    p.run(&["build"]).success();
    let transcript = p.read("public/badges/transcript/index.html");
    assert!(
        transcript.contains("Statistics I <span lang=\"en\">is child of</span> Data Modelling"),
        "{}",
        common::main_of(&transcript)
    );
    for (slug, name) in [
        ("transcript-1", "Statistics I"),
        ("transcript-2", "Data Modelling"),
    ] {
        let page = p.read(&format!("public/badges/{slug}/index.html"));
        assert!(
            page.contains(name) && page.contains("data-folio-verified"),
            "{slug}"
        );
    }
}

#[test]
fn endorsements_are_verified_on_their_own_and_only_authentic_ones_are_shown() {
    let dir = common::fixtures().join("endorsement");
    let got = verify_offline(&dir, &["endorsed.json", "forged-endorsement.json"]);
    // The badge's own status never depends on its endorsements.
    assert_eq!(got[0]["status"], "verified");
    assert_eq!(got[1]["status"], "verified");
    assert_eq!(
        got[0]["endorsements"][0]["status"], "verified",
        "{}",
        got[0]
    );
    assert_eq!(got[1]["endorsements"][0]["status"], "failed", "{}", got[1]);
    let p = ada_portfolio();
    for file in ["endorsed.json", "forged-endorsement.json"] {
        p.write(
            &format!("badges/{file}"),
            std::fs::read(dir.join(file)).unwrap(),
        );
    }
    p.run(&["build"]).success();
    let endorsed = p.read("public/badges/endorsed/index.html");
    assert!(
        endorsed.contains("Endorsed by Cloud Industry Council")
            && endorsed.contains("its signature checked")
            && endorsed.contains("Meets our hiring bar for cloud operations."),
        "{}",
        common::main_of(&endorsed)
    );
    let forged = p.read("public/badges/forged-endorsement/index.html");
    assert!(forged.contains("data-folio-verified"));
    assert!(
        !forged.contains("Endorsed by") && !forged.contains("The best candidate"),
        "{}",
        common::main_of(&forged)
    );
}

/// The rows of the x5c manifest: file, status with the root pinned, without.
fn x5c_rows() -> Vec<(String, String, String)> {
    let text =
        std::fs::read_to_string(common::fixtures().join("x5c").join("MANIFEST.tsv")).unwrap();
    text.lines()
        .skip(1)
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c[0].to_string(), c[1].to_string(), c[2].to_string())
        })
        .collect()
}

#[test]
fn sd_jwt_vcs_under_x509_chains_need_a_pinned_root() {
    // Chains made by Python's `cryptography`, tokens by @sd-jwt/sd-jwt-vc
    // (`tests/fixtures/x5c`). Without a pinned root: never verified, and it says what
    // to pin; altered tokens fail either way.
    let dir = common::fixtures().join("x5c");
    let rows = x5c_rows();
    assert!(rows.len() >= 9);
    for (file, _, unpinned) in &rows {
        let v = &verify_offline(&dir, &[file])[0];
        assert_eq!(v["status"], unpinned.as_str(), "{file}: {v}");
        if unpinned == "unverifiable" {
            assert!(
                common::check(v, "key").1.contains("badges.trust"),
                "{file}: {v}"
            );
        }
    }
    // With the issuer's root pinned (a PEM certificate in `keys`), on a portfolio.
    let p = ada_portfolio();
    let root = std::fs::read_to_string(dir.join("root.pem")).unwrap();
    let indented: String = root.lines().map(|l| format!("          {l}\n")).collect();
    p.write(
        "folio.yaml",
        format!(
            "title: Ada\nbase_url: https://ada.example/\nowner:\n  name: Ada\n  email: ada@example.org\nbadges:\n  on_invalid: show\n  on_unverifiable: show\n  network: false\n  trust:\n    - id: https://college.example/eu\n      name: Example College\n      keys:\n        - |\n{indented}"
        ),
    );
    for (file, _, _) in &rows {
        p.write(
            &format!("badges/{file}"),
            std::fs::read(dir.join(file)).unwrap(),
        );
    }
    p.run(&["build"]).success();
    for (file, pinned, _) in &rows {
        let slug = file.trim_end_matches(".sd-jwt");
        let receipt: serde_json::Value =
            serde_json::from_str(&p.read(&format!("public/badges/{slug}/verification.json")))
                .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(receipt["status"], pinned.as_str(), "{file}: {receipt}");
    }
    let page = p.read("public/badges/x5c/index.html");
    assert!(page.contains("Welding Inspection"), "{page}");
}

#[test]
fn a_pathway_counts_a_course_its_verified_transcript_places_within_a_programme() {
    // `part_of:` reads the CLR's associations (issuer-asserted structure): Statistics
    // I "is child of" Data Modelling in the transcript. Only a verified transcript of
    // the requirement's issuer says so; an altered one says nothing, even though the
    // course inside it still verifies on its own proof.
    let dir = common::fixtures().join("clr");
    let issuer = "did:key:z6MkixsGj3MVGKMug2VMC2JbtzX3UjaAcfRs7G1RjbSnZJaH";
    for (file, met) in [
        ("transcript.json", true),
        ("transcript-altered.json", false),
    ] {
        let p = ada_portfolio();
        let config = p.read("folio.yaml") + "pathways: [pathways/data.yaml]\n";
        p.write("folio.yaml", config);
        p.write(
            "pathways/data.yaml",
            format!(
                "pathway: 1\nid: https://careers.example/data\nname: Data Programme\nrequires:\n  all:\n    - {{ name: A module of Data Modelling, part_of: https://clr.example/achievements/2, issuer: {issuer} }}\n    - {{ name: A module of Statistics I, part_of: https://clr.example/achievements/1, issuer: {issuer} }}\n"
            ),
        );
        p.write(
            &format!("badges/{file}"),
            std::fs::read(dir.join(file)).unwrap(),
        );
        p.run(&["build"]).success();
        let progress: serde_json::Value =
            serde_json::from_str(&p.read("public/pathways/data-programme/progress.json")).unwrap();
        let rows: Vec<(String, String)> = progress["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["kind"] == "requirement")
            .map(|r| {
                (
                    r["name"].as_str().unwrap_or("").to_string(),
                    r["badge"]["slug"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        let stem = file.trim_end_matches(".json");
        let want_first = if met {
            format!("{stem}-1")
        } else {
            String::new()
        };
        assert_eq!(
            rows,
            [
                ("A module of Data Modelling".to_string(), want_first),
                // Nothing is placed within Statistics I: the association has a direction.
                ("A module of Statistics I".to_string(), String::new()),
            ],
            "{file}: {progress}"
        );
    }
    // `folio pathway check` names the key in its tree.
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("p.yaml"),
        format!("pathway: 1\nid: https://c.example/p\nname: P\nrequires:\n  all:\n    - {{ part_of: https://clr.example/achievements/2, achievement: https://clr.example/achievements/1, issuer: {issuer} }}\n"),
    )
    .unwrap();
    run_in(tmp.path(), &["pathway", "check", "p.yaml"])
        .failure(1)
        .stderr_has("p.yaml:6: a requirement names at most one of `achievement`, `alignment`, `achievement_type`, `part_of`");
}

#[test]
fn sd_jwts_from_the_ietf_reference_implementation_give_their_status() {
    // PyPI `sd-jwt` (tests/fixtures/sd-jwt-py): recursive and array-element
    // disclosures, decoys, a holder's presentation with a key-binding JWT.
    corpus_gives_its_statuses_standalone("sd-jwt-py");
    let dir = common::fixtures().join("sd-jwt-py");
    let parse = |file: &str| {
        let v = &verify_offline(&dir, &[file])[0];
        common::check(v, "parse").1.to_string()
    };
    let issued = parse("issued.sd-jwt");
    assert!(
        issued.contains("learning_outcomes[], learning_outcomes[]")
            && issued.contains("holder binding not presented"),
        "{issued}"
    );
    // A key-binding JWT is checked, and bears on holder binding only.
    assert!(parse("presented-kb.sd-jwt").contains(
        "(made for https://ada.example/) is signed with the key the issuer bound to the holder"
    ),);
    assert!(parse("kb-reused.sd-jwt").contains("it does not cover these disclosures"));

    let p = corpus_gives_its_statuses_on_a_portfolio("sd-jwt-py");
    let page = p.read("public/badges/issued/index.html");
    assert!(
        page.contains("Applied Statistics"),
        "{}",
        common::main_of(&page)
    );
    let some = p.read("public/badges/presented/index.html");
    assert!(
        !some.contains("Fits linear models"),
        "a withheld outcome is shown"
    );
}
