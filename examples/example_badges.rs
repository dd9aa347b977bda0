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
const CREATED: &str = "2025-06-01T09:00:00Z";

fn pretty(v: &Value) -> Vec<u8> {
    (serde_json::to_string_pretty(v).unwrap() + "\n").into_bytes()
}

/// A 96×96 PNG: a teal disc on white, encoded by hand (zlib via flate2).
fn png_icon() -> Vec<u8> {
    use std::io::Write;
    const N: usize = 96;
    let mut raw = Vec::with_capacity(N * (N * 3 + 1));
    for y in 0..N {
        raw.push(0); // filter: none
        for x in 0..N {
            let (dx, dy) = (x as f64 - 47.5, y as f64 - 47.5);
            let d = (dx * dx + dy * dy).sqrt();
            let px: [u8; 3] = if d < 40.0 && d > 30.0 {
                [255, 255, 255]
            } else if d < 46.0 {
                [13, 115, 119]
            } else {
                [255, 255, 255]
            };
            raw.extend_from_slice(&px);
        }
    }
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(&raw).unwrap();
    let idat = z.finish().unwrap();
    let mut ihdr = (N as u32).to_be_bytes().to_vec();
    ihdr.extend((N as u32).to_be_bytes());
    ihdr.extend([8, 2, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    for (kind, data) in [
        (&b"IHDR"[..], ihdr),
        (&b"IDAT"[..], idat),
        (&b"IEND"[..], Vec::new()),
    ] {
        png.extend((data.len() as u32).to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(&data);
        png.extend_from_slice(kind);
        png.extend(&data);
        png.extend(crc.sum().to_be_bytes());
    }
    png
}

fn svg_baked(credential: &str) -> String {
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" viewBox="0 0 120 120">
<openbadges:credential><![CDATA[{credential}]]></openbadges:credential>
<title>Accessible Web Design badge</title>
<polygon points="60,4 112,32 112,88 60,116 8,88 8,32" fill="#9a3412"/>
<text x="60" y="74" font-family="sans-serif" font-size="40" font-weight="700" text-anchor="middle" fill="#fff">A</text>
</svg>
"##
    )
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-portfolio/badges");
    let issuer = Issuer::from_seed(EXAMPLE_SEED);
    for (file, doc, suite) in badges(&issuer) {
        let bytes: Vec<u8> = match suite {
            "jcs" => pretty(&issuer.sign_jcs(doc, CREATED)),
            "jwt" => (issuer.sign_vc_jwt(&doc) + "\n").into_bytes(),
            "png" => {
                let signed = issuer.sign_rdfc(doc, CREATED).expect("example badges sign");
                folio::badge::bake::bake_png(
                    &png_icon(),
                    "openbadgecredential",
                    &signed.to_string(),
                )
                .expect("bake")
            }
            "svg" => {
                let signed = issuer.sign_rdfc(doc, CREATED).expect("example badges sign");
                svg_baked(&signed.to_string()).into_bytes()
            }
            _ => pretty(&issuer.sign_rdfc(doc, CREATED).expect("example badges sign")),
        };
        std::fs::write(dir.join(file), bytes).unwrap();
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
    let git = badge(
        issuer,
        "version-control",
        "Version Control with Git",
        "Works in branches, writes useful commit messages and resolves merge conflicts.",
        "Contributed three reviewed pull requests to a shared repository.",
        json!({"id": icon("G", "#57606a"), "type": "Image", "caption": "Version Control badge: a grey circle with the letter G"}),
        json!([align("Git", "git")]),
        "2025-02-07T00:00:00Z",
        None,
    );
    let spreadsheets = badge(
        issuer,
        "spreadsheet-modelling",
        "Spreadsheet Modelling",
        "Builds clear, checked spreadsheet models with lookups and pivot tables.",
        "Rebuilt a 30-tab stock workbook as a documented model.",
        json!({"id": "https://academy.example/images/spreadsheets.png", "type": "Image", "caption": "Spreadsheet Modelling badge: a teal ring"}),
        json!([align("Spreadsheets", "spreadsheets")]),
        "2024-09-12T00:00:00Z",
        None,
    );
    let a11y = badge(
        issuer,
        "accessible-web",
        "Accessible Web Design",
        "Builds pages that work with a keyboard and a screen reader.",
        "Audited and fixed a charity website against WCAG 2.2 AA.",
        json!({"id": "https://academy.example/images/a11y.svg", "type": "Image", "caption": "Accessible Web Design badge: a rust-coloured hexagon with the letter A"}),
        json!([align("Web accessibility", "a11y")]),
        "2025-04-22T00:00:00Z",
        None,
    );
    vec![
        ("version-control.jwt", git, "jwt"),
        ("spreadsheet-modelling.png", spreadsheets, "png"),
        ("accessible-web.svg", a11y, "svg"),
        ("sql-fundamentals.json", sql, "rdfc"),
        ("python-data-analysis.json", python, "jcs"),
        ("data-storytelling.json", viz, "rdfc"),
        ("workplace-first-aid.json", first_aid, "rdfc"),
    ]
}
