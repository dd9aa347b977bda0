//! Stackable pathways through the real binary: the progress rules as a table of cases
//! (each a portfolio with a pathway file and signed badges, built, its
//! `progress.json` read back), the pages, and the errors for bad pathway files.

mod common;

use common::Portfolio;
use folio::badge::sign::{Issuer, sample_badge};
use serde_json::{Value, json};

const OWNER: &str = "learner@example.org";
const STATUS_URL: &str = "https://uni.example/status/1";

fn uni() -> Issuer {
    Issuer::from_seed([21; 32])
}

fn partner() -> Issuer {
    Issuer::from_seed([22; 32])
}

/// What a badge in a case is.
#[derive(Clone, Copy)]
enum Kind {
    Verified,
    Expired,
    Revoked,
    Failed,
    Unverifiable,
}

/// One badge of a case: file stem, issuer, how its achievement is described, and
/// what becomes of it.
struct B {
    stem: &'static str,
    issuer: fn() -> Issuer,
    achievement: Value,
    kind: Kind,
}

fn b(stem: &'static str, issuer: fn() -> Issuer, achievement: Value) -> B {
    B {
        stem,
        issuer,
        achievement,
        kind: Kind::Verified,
    }
}

fn with(kind: Kind, badge: B) -> B {
    B { kind, ..badge }
}

fn achievement(id: &str) -> Value {
    json!({"id": format!("https://uni.example/a/{id}")})
}

/// The badge file, signed by its issuer (the sample badge is issued to `OWNER`).
fn badge_bytes(badge: &B) -> Vec<u8> {
    let issuer = (badge.issuer)();
    let mut doc = sample_badge(&issuer, badge.stem, "2025-01-01T00:00:00Z");
    if let Value::Object(fields) = &badge.achievement {
        for (k, v) in fields {
            doc["credentialSubject"]["achievement"][k] = v.clone();
        }
    }
    match badge.kind {
        Kind::Expired => doc["validUntil"] = json!("2025-06-01T00:00:00Z"),
        Kind::Revoked => {
            doc["credentialStatus"] = json!({
                "id": format!("{STATUS_URL}#3"), "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation", "statusListIndex": "3",
                "statusListCredential": STATUS_URL
            })
        }
        _ => {}
    }
    let mut signed = issuer.sign_rdfc(doc, "2025-01-01T00:00:00Z").unwrap();
    match badge.kind {
        Kind::Failed => signed["credentialSubject"]["achievement"]["name"] = json!("Tampered"),
        Kind::Unverifiable => signed["proof"]["cryptosuite"] = json!("bbs-2023"),
        _ => {}
    }
    serde_json::to_vec_pretty(&signed).unwrap()
}

const HEAD: &str = "pathway: 1
id: https://careers.example/p
name: Test Pathway
issuers:
  uni: [UNI]
  partners: [PARTNER]
";

/// A portfolio following `pathway` (its `issuers:` filled in) with `badges`; built.
fn build(requires: &str, badges: &[B]) -> (Portfolio, common::Run) {
    let p = Portfolio::fixture("basic");
    p.write(
        "folio.yaml",
        format!(
            "title: T\nbase_url: https://learner.example/\nowner:\n  name: L\n  email: {OWNER}\nbadges:\n  on_invalid: show\npathways: [pathways/p.yaml]\n"
        ),
    );
    let text = format!("{HEAD}{requires}")
        .replace("UNI", &uni().did)
        .replace("PARTNER", &partner().did);
    p.write("pathways/p.yaml", text);
    for badge in badges {
        p.write(&format!("badges/{}.json", badge.stem), badge_bytes(badge));
    }
    // The status list that revokes index 3, served from pre-fetched documents.
    let list = common::status_list(&uni(), STATUS_URL, "revocation", &[3]);
    p.write("docs/list.json", list.to_string());
    p.write(
        "docs/index.tsv",
        format!("url\tfile\n{STATUS_URL}\tlist.json\n"),
    );
    let run = p.run(&["build", "--documents", "docs"]);
    (p, run)
}

fn progress(p: &Portfolio) -> Value {
    serde_json::from_str(&p.read("public/pathways/test-pathway/progress.json")).unwrap()
}

/// `(requirement id, slug of the badge that met it or "")` for every requirement row.
fn filled(progress: &Value) -> Vec<(String, String)> {
    progress["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "requirement")
        .map(|r| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["badge"]["slug"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

struct Case {
    name: &'static str,
    requires: &'static str,
    badges: Vec<B>,
    state: &'static str,
    met: u64,
    total: u64,
    /// Requirement id → badge slug ("" when open).
    filled: &'static [(&'static str, &'static str)],
}

#[test]
fn progress_rules() {
    let cases = vec![
        Case {
            name: "all-of, every requirement met, no completion credential named",
            requires: "requires:\n  all:\n    - { achievement: https://uni.example/a/sql, issuer: uni }\n    - { achievement: https://uni.example/a/stats, issuer: uni }\n",
            badges: vec![
                b("sql", uni, achievement("sql")),
                b("stats", uni, achievement("stats")),
            ],
            state: "requirements-met",
            met: 2,
            total: 2,
            filled: &[("1", "sql"), ("2", "stats")],
        },
        Case {
            name: "pick 2 of 3 with one badge",
            requires: "requires:\n  pick: 2\n  of:\n    - { achievement: https://uni.example/a/a, issuer: uni }\n    - { achievement: https://uni.example/a/b, issuer: uni }\n    - { achievement: https://uni.example/a/c, issuer: uni }\n",
            badges: vec![b("b", uni, achievement("b"))],
            state: "in-progress",
            met: 1,
            total: 2,
            filled: &[("1", ""), ("2", "b"), ("3", "")],
        },
        Case {
            name: "nesting: a pick group inside all",
            requires: "requires:\n  all:\n    - { achievement: https://uni.example/a/a, issuer: uni }\n    - name: Either\n      pick: 1\n      of:\n        - { achievement: https://uni.example/a/b, issuer: uni }\n        - { achievement: https://uni.example/a/c, issuer: uni }\n",
            badges: vec![b("a", uni, achievement("a")), b("c", uni, achievement("c"))],
            state: "requirements-met",
            met: 2,
            total: 2,
            filled: &[("1", "a"), ("2.1", ""), ("2.2", "c")],
        },
        Case {
            name: "one badge cannot fill two slots",
            requires: "requires:\n  all:\n    - { achievement_type: MicroCredential, issuer: uni }\n    - { achievement_type: MicroCredential, issuer: uni }\n",
            badges: vec![b("m", uni, json!({"achievementType": "MicroCredential"}))],
            state: "in-progress",
            met: 1,
            total: 2,
            filled: &[("1", "m"), ("2", "")],
        },
        Case {
            // Badge `a` meets both; `b` only the first. Handing `a` to the first (as a
            // greedy pass in file order would) leaves the second open.
            name: "a proper matching, whatever the order",
            requires: "requires:\n  all:\n    - { achievement_type: MicroCredential, issuer: uni }\n    - { achievement: https://uni.example/a/a, issuer: uni }\n",
            badges: vec![
                b(
                    "a",
                    uni,
                    json!({"id": "https://uni.example/a/a", "achievementType": "MicroCredential"}),
                ),
                b("b", uni, json!({"achievementType": "MicroCredential"})),
            ],
            state: "requirements-met",
            met: 2,
            total: 2,
            filled: &[("1", "b"), ("2", "a")],
        },
        Case {
            name: "issuer mismatch: the right achievement id from another issuer",
            requires: "requires:\n  all:\n    - { achievement: https://uni.example/a/sql, issuer: uni }\n",
            badges: vec![b("copy", partner, achievement("sql"))],
            state: "in-progress",
            met: 0,
            total: 1,
            filled: &[("1", "")],
        },
        Case {
            name: "related ids count only from the same issuer",
            requires: "requires:\n  all:\n    - { achievement: https://uni.example/a/sql, issuer: uni }\n    - { achievement: https://uni.example/a/stats, issuer: uni }\n",
            badges: vec![
                b(
                    "sql2",
                    uni,
                    json!({"id": "https://uni.example/a/sql-v2", "related": [{"id": "https://uni.example/a/sql", "type": ["Related"]}]}),
                ),
                b(
                    "stats-elsewhere",
                    partner,
                    json!({"id": "https://partner.example/x", "related": [{"id": "https://uni.example/a/stats", "type": ["Related"]}]}),
                ),
            ],
            state: "in-progress",
            met: 1,
            total: 2,
            filled: &[("1", "sql2"), ("2", "")],
        },
        Case {
            name: "alignment match: code, and framework when given",
            requires: "requires:\n  all:\n    - { alignment: { code: S1.2.3, framework: ESCO }, issuer: [uni, partners] }\n    - { alignment: { code: S9 }, issuer: partners }\n",
            badges: vec![
                b(
                    "esco",
                    partner,
                    json!({"alignment": [{"type": ["Alignment"], "targetName": "Data", "targetCode": "S1.2.3", "targetFramework": "ESCO", "targetUrl": "https://esco.example/s123"}]}),
                ),
                b(
                    "other-framework",
                    partner,
                    json!({"alignment": [{"type": ["Alignment"], "targetName": "Data", "targetCode": "S1.2.3", "targetFramework": "O*NET", "targetUrl": "https://onet.example/s123"}]}),
                ),
            ],
            state: "in-progress",
            met: 1,
            total: 2,
            filled: &[("1", "esco"), ("2", "")],
        },
        Case {
            name: "expired, revoked, failed and unverifiable badges never count",
            requires: "requires:\n  all:\n    - { achievement: https://uni.example/a/a, issuer: uni }\n    - { achievement: https://uni.example/a/b, issuer: uni }\n    - { achievement: https://uni.example/a/c, issuer: uni }\n    - { achievement: https://uni.example/a/d, issuer: uni }\n",
            badges: vec![
                with(Kind::Expired, b("a", uni, achievement("a"))),
                with(Kind::Revoked, b("b", uni, achievement("b"))),
                with(Kind::Failed, b("c", uni, achievement("c"))),
                with(Kind::Unverifiable, b("d", uni, achievement("d"))),
            ],
            state: "in-progress",
            met: 0,
            total: 4,
            filled: &[("1", ""), ("2", ""), ("3", ""), ("4", "")],
        },
        Case {
            name: "completion credential held and verified: completed",
            requires: "completion: { achievement: https://uni.example/a/cert, issuer: uni }\nrequires:\n  all:\n    - { achievement: https://uni.example/a/a, issuer: uni }\n    - { achievement_type: Certificate, issuer: uni }\n",
            badges: vec![b(
                "cert",
                uni,
                json!({"id": "https://uni.example/a/cert", "achievementType": "Certificate"}),
            )],
            state: "completed",
            met: 2,
            total: 2,
            // The certificate does not also fill one of its own requirements.
            filled: &[("1", ""), ("2", "")],
        },
        Case {
            name: "requirements met, completion not held",
            requires: "completion: { achievement: https://uni.example/a/cert, issuer: uni }\nrequires:\n  all:\n    - { achievement: https://uni.example/a/a, issuer: uni }\n",
            badges: vec![
                b("a", uni, achievement("a")),
                // A completion credential from the wrong issuer is not the completion.
                b(
                    "fake-cert",
                    partner,
                    json!({"id": "https://uni.example/a/cert"}),
                ),
            ],
            state: "requirements-met",
            met: 1,
            total: 1,
            filled: &[("1", "a")],
        },
    ];
    for case in cases {
        let (p, run) = build(case.requires, &case.badges);
        run.success();
        let got = progress(&p);
        let what = format!("{}: {got:#}", case.name);
        assert_eq!(got["state"], case.state, "{what}");
        assert_eq!(got["met"], case.met, "{what}");
        assert_eq!(got["total"], case.total, "{what}");
        let expected: Vec<(String, String)> = case
            .filled
            .iter()
            .map(|(i, s)| (i.to_string(), s.to_string()))
            .collect();
        assert_eq!(filled(&got), expected, "{what}");
        if case.name.starts_with("expired, revoked") {
            let statuses: Vec<&str> = got["requirements"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["would_count"][0]["status"].as_str().unwrap())
                .collect();
            assert_eq!(
                statuses,
                ["expired", "revoked", "failed", "unverifiable"],
                "{what}"
            );
        }
        assert_eq!(got["rules"], 1);
        assert_eq!(got["pathway"]["sha256"].as_str().unwrap().len(), 64);
    }
}

#[test]
fn would_count_if_verified_lists_the_reason() {
    let (p, run) = build(
        "requires:\n  all:\n    - { name: First aid, achievement: https://uni.example/a/a, issuer: uni }\n",
        &[with(Kind::Expired, b("first-aid", uni, achievement("a")))],
    );
    run.success();
    let got = progress(&p);
    let row = &got["requirements"][0];
    assert_eq!(row["met"], false);
    assert_eq!(row["would_count"][0]["badge"]["slug"], "first-aid");
    assert_eq!(row["would_count"][0]["status"], "expired");
    let page = p.read("public/pathways/test-pathway/index.html");
    assert!(page.contains("Would count if verified"), "{page}");
    assert!(page.contains("expired on 1 June 2025"), "{page}");
    // The requirement is marked open: the met marker is on met rows only.
    assert!(!page.contains("data-folio-met"), "{page}");
    assert!(
        run.stdout
            .contains("pathway Test Pathway: 0 of 1 requirement met · In progress"),
        "{}",
        run.stdout
    );
}

#[test]
fn the_example_portfolio_follows_a_pathway_it_has_not_completed() {
    let p = Portfolio::example();
    let run = p.run(&["build"]);
    run.success();
    assert!(
        run.stdout
            .contains("pathway Junior Data Analyst: 3 of 4 requirements met · In progress"),
        "{}",
        run.stdout
    );
    let check = p.run(&["check"]);
    check.success();
    assert!(
        check
            .stdout
            .contains("pathway Junior Data Analyst: 3 of 4 requirements met"),
        "{}",
        check.stdout
    );
    let index = p.read("public/pathways/index.html");
    assert!(index.contains("3 of 4 requirements met"), "{index}");
    assert!(index.contains(r#"<progress max="4" value="3""#), "{index}");
    let page = p.read("public/pathways/junior-data-analyst/index.html");
    // Met rows carry the marker and link the badge that met them; the open one says
    // which badge would count, and why it does not.
    assert_eq!(page.matches(" data-folio-met").count(), 6, "{page}");
    assert!(
        page.contains(
            r#"met by <a href="/portfolio/badges/sql-fundamentals/">SQL Fundamentals</a>"#
        ),
        "{page}"
    );
    assert!(
        page.contains(
            "Would count if verified: <a href=\"/portfolio/badges/workplace-first-aid/\">"
        ),
        "{page}"
    );
    // Never implies a credential the learner does not hold.
    assert!(!page.contains("Completed:"), "{page}");
    // The badge page says what it counts toward; the site links the pathways.
    let badge = p.read("public/badges/sql-fundamentals/index.html");
    assert!(badge.contains("Counts toward"), "{badge}");
    assert!(
        badge.contains(
            r#"<a href="/portfolio/pathways/junior-data-analyst/">Junior Data Analyst</a>: SQL"#
        ),
        "{badge}"
    );
    let expired = p.read("public/badges/workplace-first-aid/index.html");
    assert!(
        !expired.contains("Counts toward"),
        "an expired badge counts toward nothing"
    );
    let home = p.read("public/index.html");
    assert!(home.contains(r#"<a href="/portfolio/pathways/">Pathways</a>"#));
    assert!(
        p.read("public/sitemap.xml")
            .contains("/portfolio/pathways/junior-data-analyst/")
    );
    // The receipt names the file it evaluated, by hash, and each badge's receipt.
    let receipt: Value =
        serde_json::from_str(&p.read("public/pathways/junior-data-analyst/progress.json")).unwrap();
    use sha2::Digest;
    let hash = folio::badge::hex(&sha2::Sha256::digest(
        std::fs::read(p.root.join("pathways/junior-data-analyst.yaml")).unwrap(),
    ));
    assert_eq!(receipt["pathway"]["sha256"], hash.as_str());
    assert_eq!(
        receipt["requirements"][1]["badge"]["receipt_url"],
        "/portfolio/badges/sql-fundamentals/verification.json"
    );
    // The résumé theme shows it too.
    let config = p
        .read("folio.yaml")
        .replace("theme: default", "theme: resume");
    p.write("folio.yaml", config);
    p.run(&["build"]).success();
    let page = p.read("public/pathways/junior-data-analyst/index.html");
    assert_eq!(page.matches(" data-folio-met").count(), 6, "{page}");
}

#[test]
fn bad_pathway_files_are_errors_with_lines() {
    let (p, run) = build(
        "requires:\n  all:\n    - { achievement: https://uni.example/a/a, issuer: unis }\n    - name: Electives\n      pick: 3\n      of:\n        - { achievement: https://uni.example/a/b, issuer: uni }\n    - { achievment: x, issuer: uni }\n",
        &[],
    );
    // serde stops at the first shape error (the unknown key), with its line and a hint.
    run.failure(1)
        .stderr_has("pathways/p.yaml:14:")
        .stderr_has("unknown field `achievment`")
        .stderr_has("did you mean `achievement`?");
    // The rules serde cannot check are reported together, each at its line.
    let text = p
        .read("pathways/p.yaml")
        .replace("achievment: x", "achievement: x");
    p.write("pathways/p.yaml", &text);
    p.run(&["build"])
        .failure(1)
        .stderr_has("pathways/p.yaml:9: unknown issuer set `unis`")
        .stderr_has("did you mean `uni`?")
        .stderr_has("pathways/p.yaml:10: `pick: 3` of a list of 1");
    // `folio pathway check` says the same, for a career service with no portfolio.
    let check = p.run(&["pathway", "check", "pathways/p.yaml"]);
    check
        .failure(1)
        .stderr_has("pathways/p.yaml:9: unknown issuer set `unis`");
    // A good file: its tree and what completes it.
    let good = text
        .replace("issuer: unis", "issuer: uni")
        .replace("pick: 3", "pick: 1");
    p.write("pathways/p.yaml", good);
    let check = p.run(&["pathway", "check", "pathways/p.yaml"]);
    check.success();
    assert!(
        check.stdout.contains("Electives: any 1 of 1"),
        "{}",
        check.stdout
    );
    assert!(
        check
            .stdout
            .contains("ok: 3 requirements in the tree, 3 needed to complete"),
        "{}",
        check.stdout
    );
    // Outside the portfolio, or neither a file nor a built-in: refused.
    let config = p.read("folio.yaml").replace("pathways/p.yaml", "../p.yaml");
    p.write("folio.yaml", config);
    p.run(&["build"])
        .failure(1)
        .stderr_has("is outside the portfolio");
    let config = p.read("folio.yaml").replace("../p.yaml", "data-analyst-2");
    p.write("folio.yaml", config);
    p.run(&["build"])
        .failure(1)
        .stderr_has("`data-analyst-2` is neither a .yaml file nor a built-in pathway");
}

#[test]
fn a_built_in_pathway_can_be_followed() {
    let p = Portfolio::fixture("basic");
    let config = p.read("folio.yaml") + "pathways: [data-analyst]\n";
    p.write("folio.yaml", config);
    let run = p.run(&["build"]);
    run.success();
    assert!(
        run.stdout
            .contains("pathway Data Analyst (stackable): 0 of 4 requirements met · In progress"),
        "{}",
        run.stdout
    );
}
