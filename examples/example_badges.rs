//! Writes the example portfolio's badges: real credentials signed with folio's
//! documented example issuer key (see example-portfolio/badges/README.md).
//!
//! `cargo run --example example_badges` regenerates them; signing is deterministic, so
//! the output only changes when this file does.

use std::path::Path;

use folio::badge::sign::Issuer;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The example issuer's private seed. It is public on purpose: these badges
/// demonstrate folio and prove nothing about anyone.
const EXAMPLE_SEED: [u8; 32] = [0x42; 32];
const OWNER_EMAIL: &str = "ada@example.org";
const SALT: &str = "folio-example-salt";

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-portfolio/badges");
    let issuer = Issuer::from_seed(EXAMPLE_SEED);
    for (file, doc, suite) in badges(&issuer) {
        let signed = match suite {
            "jcs" => issuer.sign_jcs(doc, "2025-06-01T09:00:00Z"),
            _ => issuer
                .sign_rdfc(doc, "2025-06-01T09:00:00Z")
                .expect("example badges sign"),
        };
        let text = serde_json::to_string_pretty(&signed).unwrap() + "\n";
        std::fs::write(dir.join(file), text).unwrap();
        println!("wrote {file}");
    }
    println!("issuer: {}", issuer.did);
}

fn recipient() -> Value {
    let hash = Sha256::digest(format!("{OWNER_EMAIL}{SALT}").as_bytes());
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    json!([{
        "type": "IdentityObject",
        "identityType": "emailAddress",
        "hashed": true,
        "identityHash": format!("sha256${hex}"),
        "salt": SALT
    }])
}

fn icon(letter: &str, colour: &str) -> String {
    use base64::Engine;
    let svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 120 120"><circle cx="60" cy="60" r="56" fill="{colour}"/><circle cx="60" cy="60" r="44" fill="none" stroke="#fff" stroke-width="4"/><text x="60" y="76" font-family="sans-serif" font-size="44" font-weight="700" text-anchor="middle" fill="#fff">{letter}</text></svg>"##
    );
    format!(
        "data:image/svg+xml;base64,{}",
        base64::engine::general_purpose::STANDARD.encode(svg)
    )
}

#[allow(clippy::too_many_arguments)]
fn badge(
    issuer: &Issuer,
    slug: &str,
    name: &str,
    description: &str,
    criteria: &str,
    image: Value,
    alignments: Value,
    valid_from: &str,
    valid_until: Option<&str>,
) -> Value {
    let mut doc = json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
        ],
        "id": format!("https://academy.example/credentials/{slug}-ada-okafor"),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": name,
        "issuer": {
            "id": issuer.did,
            "type": ["Profile"],
            "name": "Northern Code Academy",
            "url": "https://academy.example/"
        },
        "validFrom": valid_from,
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": recipient(),
            "achievement": {
                "id": format!("https://academy.example/achievements/{slug}"),
                "type": ["Achievement"],
                "achievementType": "Badge",
                "name": name,
                "description": description,
                "criteria": {"narrative": criteria},
                "image": image,
                "alignment": alignments
            }
        }
    });
    if let Some(until) = valid_until {
        doc["validUntil"] = json!(until);
    }
    doc
}

fn align(name: &str, code: &str) -> Value {
    json!({
        "type": ["Alignment"],
        "targetName": name,
        "targetUrl": format!("https://academy.example/skills/{code}"),
        "targetFramework": "Northern Code Academy Skills",
        "targetCode": code
    })
}

fn badges(issuer: &Issuer) -> Vec<(&'static str, Value, &'static str)> {
    let sql = badge(
        issuer,
        "sql-fundamentals",
        "SQL Fundamentals",
        "Writes correct, readable SQL to answer business questions from relational data.",
        "Passed a **timed practical**: eight queries over a stock database, including joins, \
         grouping and window functions, marked by two assessors.",
        json!({"id": icon("S", "#1f5fbf"), "type": "Image", "caption": "SQL Fundamentals badge: a blue circle with the letter S"}),
        json!([align("SQL", "sql"), align("PostgreSQL", "postgresql")]),
        "2025-03-14T00:00:00Z",
        None,
    );
    let python = badge(
        issuer,
        "python-data-analysis",
        "Python for Data Analysis",
        "Cleans, reshapes and summarises real-world data with pandas.",
        "Completed four graded notebooks and a capstone analysis of public transport data.",
        json!({"id": icon("P", "#1a7f37"), "type": "Image", "caption": "Python for Data Analysis badge: a green circle with the letter P"}),
        json!([align("Python", "python"), align("pandas", "pandas")]),
        "2025-05-02T00:00:00Z",
        None,
    );
    let viz = badge(
        issuer,
        "data-storytelling",
        "Data Storytelling",
        "Chooses honest charts and explains what the data means for a decision.",
        "Presented a ten-minute data story to a panel; see the [assessment brief](https://academy.example/briefs/storytelling).",
        json!({"id": icon("D", "#8250df"), "type": "Image", "caption": "Data Storytelling badge: a purple circle with the letter D"}),
        json!([
            align("Data storytelling", "storytelling"),
            align("Data visualisation", "dataviz")
        ]),
        "2025-06-20T00:00:00Z",
        None,
    );
    let first_aid = badge(
        issuer,
        "workplace-first-aid",
        "Workplace First Aid",
        "Emergency first aid at work, renewed every year.",
        "Completed a one-day course with a practical assessment.",
        json!({"id": icon("+", "#bc4c00"), "type": "Image", "caption": "Workplace First Aid badge: an orange circle with a plus sign"}),
        json!([align("First aid", "first-aid")]),
        "2024-01-10T00:00:00Z",
        Some("2025-01-10T00:00:00Z"),
    );
    vec![
        ("sql-fundamentals.json", sql, "rdfc"),
        ("python-data-analysis.json", python, "jcs"),
        ("data-storytelling.json", viz, "rdfc"),
        ("workplace-first-aid.json", first_aid, "rdfc"),
    ]
}
