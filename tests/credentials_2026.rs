//! The credentials of 2026 (issue 42), through the real binary: ECDSA Data
//! Integrity (`ecdsa-rdfc-2019` and `ecdsa-jcs-2019`, P-256 and P-384) made by
//! independent implementations (`tests/fixtures/ecdsa`), each with the status its
//! manifest gives, standalone and on a portfolio.

mod common;

use common::{Portfolio, run_in, verdicts};

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

#[test]
fn ecdsa_credentials_give_their_status_standalone() {
    let dir = common::fixtures().join("ecdsa");
    let rows = manifest("ecdsa");
    assert!(rows.len() >= 10);
    let mut args = vec!["verify", "--format", "json", "--offline"];
    args.extend(rows.iter().map(|(f, _)| f.as_str()));
    let run = run_in(&dir, &args);
    let got = verdicts(&run.stdout);
    assert_eq!(got.len(), rows.len(), "{}", run.stdout);
    for ((file, want), v) in rows.iter().zip(&got) {
        assert_eq!(v["status"], want.as_str(), "{file}: {v}");
    }
}

#[test]
fn ecdsa_credentials_give_their_status_on_a_portfolio() {
    let p = Portfolio::fixture("basic");
    p.write(
        "folio.yaml",
        "title: ECDSA\nbase_url: https://ada.example/\nowner:\n  name: Ada\n  email: ada@example.org\nbadges:\n  on_invalid: show\n  network: false\n",
    );
    let rows = manifest("ecdsa");
    for (file, _) in &rows {
        p.write(
            &format!("badges/{file}"),
            std::fs::read(common::fixtures().join("ecdsa").join(file)).unwrap(),
        );
    }
    p.run(&["build"]).success();
    for (file, want) in &rows {
        let slug = file.trim_end_matches(".json");
        let receipt: serde_json::Value =
            serde_json::from_str(&p.read(&format!("public/badges/{slug}/verification.json")))
                .unwrap();
        assert_eq!(receipt["status"], want.as_str(), "{file}: {receipt}");
    }
}
