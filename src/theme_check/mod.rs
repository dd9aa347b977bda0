//! `folio theme check DIR`: holds a theme to the contract in THEMES.md.
//!
//! The theme's manifest is checked, then a built-in test portfolio is built with it
//! three times: in English with a badge in every status, in English with only the
//! badges that are *not* verified, and in Arabic (right to left). The test portfolio
//! has very long names, badges with and without images, an empty section, text in
//! several scripts and a project-pages base URL. Every template error, missing
//! variable and broken link is reported, and the theme fails if its verified marker
//! appears anywhere in the build without a verified badge, or is missing from a
//! verified badge's page. Beyond the marker, no page of a badge that is not verified
//! may claim verification in any words (see `claims`), and in the build without a
//! verified badge no page or stylesheet may.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::badge::sign::{Issuer, sample_badge, status_list};
use crate::config::{CONFIG_FILE, Overrides};
use crate::error::{Error, Location, Result};
use crate::render::theme;
use crate::write::Memory;

mod claims;
mod output;
mod strings;
mod text;

/// What `theme check` found.
#[derive(Debug)]
pub struct Outcome {
    pub name: String,
    pub version: String,
    /// HTML pages rendered across the test builds.
    pub pages: usize,
    /// How many test builds ran (one per language the theme ships, at least three).
    pub builds: usize,
    pub problems: Vec<Error>,
    /// Per language, the message keys it lacks (shown in English there).
    pub missing_keys: std::collections::BTreeMap<String, Vec<String>>,
}

/// The test issuer's seed: the sample badges prove nothing about anyone.
const SEED: [u8; 32] = [0x07; 32];
const STATUS_URL: &str = "https://academy.example/status/1";
const REVOKED_INDEX: usize = 3;
/// The test portfolio's address: a project-pages path, so theme links that forget
/// the base path are caught.
const BASE_URL: &str = "https://learner.example/portfolio/";

/// One build of the test portfolio.
struct Variant {
    label: String,
    language: String,
    with_verified: bool,
}

/// The builds of the test portfolio: English with every status and with no verified
/// badge, Arabic (right to left), and every other language the theme ships a
/// catalogue for (a catalogue no build renders could claim anything unseen).
fn variants(theme: &theme::Theme) -> Vec<Variant> {
    let mut out = vec![
        Variant {
            label: "English, every badge status".into(),
            language: "en".into(),
            with_verified: true,
        },
        Variant {
            label: "English, no verified badge".into(),
            language: "en".into(),
            with_verified: false,
        },
        Variant {
            label: "Arabic, right to left".into(),
            language: "ar".into(),
            with_verified: true,
        },
    ];
    let mut languages: Vec<&str> = theme
        .catalogues
        .iter()
        .map(|c| c.language.as_str())
        .filter(|l| *l != "en" && *l != "ar")
        .collect();
    languages.sort_unstable();
    languages.dedup();
    for language in languages {
        out.push(Variant {
            label: format!("the theme's {language} catalogue, every badge status"),
            language: language.to_string(),
            with_verified: true,
        });
    }
    out
}

/// What is wrong with the theme before anything is rendered: the folio version it
/// needs, its required templates, its screenshot.
fn manifest_problems(theme: &theme::Theme, dir: Option<&Path>) -> Vec<Error> {
    let mut problems = Vec::new();
    if let Err(e) = theme::check_folio_version(theme) {
        problems.push(e);
    }
    if let Err(e) = theme::check_required_templates(theme) {
        problems.extend(e.flatten());
    }
    if let Some(shot) = &theme.manifest.screenshot
        && let Some(dir) = dir
        && !dir.join(shot).is_file()
    {
        problems.push(Error::Config {
            loc: Location::file(dir.join(theme::MANIFEST)),
            msg: format!("screenshot `{shot}` is not a file in the theme folder"),
            hint: Some("add the picture, or remove `screenshot:`".into()),
        });
    }
    problems
}

/// Checks the theme in `dir`. `Err` only when `dir` is not a theme at all or its
/// manifest cannot be read; everything else is a problem in the outcome.
pub fn check(dir: &Path) -> Result<Outcome> {
    let here = Path::new(".");
    let (selector, dir) = match theme::ThemeRef::resolve(here, &dir.to_string_lossy()) {
        theme::ThemeRef::Builtin(name) => (name.to_string(), None),
        theme::ThemeRef::Folder(_) => {
            let dir = std::fs::canonicalize(dir)
                .map_err(|e| Error::io(dir, "cannot open the theme folder", e))?;
            (dir.display().to_string(), Some(dir))
        }
    };
    let theme = theme::load_unchecked(Path::new("/"), &selector)?;
    let marker = theme.manifest.verified_marker.clone();
    let mut outcome = Outcome {
        name: theme.manifest.name.clone(),
        version: theme.manifest.version.clone(),
        pages: 0,
        builds: variants(&theme).len(),
        problems: manifest_problems(&theme, dir.as_deref()),
        missing_keys: strings::missing_keys(&theme),
    };
    outcome.problems.extend(strings::unknown_keys(&theme));
    outcome.problems.extend(text::bidi_controls(&theme));
    outcome.problems.extend(text::catalogue_claims(&theme));
    if !outcome.problems.is_empty() {
        // Without every template there is nothing meaningful to render.
        return Ok(outcome);
    }
    // A theme with the (optional) pathway templates is held to the met-marker rule.
    let pathways = ["pathways.html", "pathway.html"]
        .iter()
        .all(|name| theme.templates.iter().any(|t| t.name == *name));
    let scratch = Scratch::new()?;
    let mut seen = std::collections::HashSet::new();
    let variants = variants(&theme);
    for variant in &variants {
        let root = scratch
            .0
            .join(&variant.language)
            .join(if variant.with_verified {
                "all"
            } else {
                "unverified"
            });
        write_portfolio(&root, &selector, variant, pathways)?;
        let mut config = crate::Config::load(
            &root,
            &Overrides {
                offline: true,
                ..Overrides::default()
            },
        )?;
        config.links_on_broken = crate::config::OnBroken::Warn;
        let mut site = Memory::default();
        let report = match crate::build(&config, &mut site) {
            Ok(report) => report,
            Err(e) => {
                // The same template mistake fails every variant: report it once.
                for err in e.flatten() {
                    if seen.insert(err.to_string()) {
                        outcome.problems.push(relabel(err, &root, &variant.label));
                    }
                }
                continue;
            }
        };
        let pages: Vec<(&String, String)> = site
            .files
            .iter()
            .filter(|(p, _)| p.ends_with(".html"))
            .map(|(p, b)| (p, String::from_utf8_lossy(b).into_owned()))
            .collect();
        outcome.pages += pages.len();
        for link in &report.broken_links {
            outcome
                .problems
                .push(relabel(link.to_error(), &root, &variant.label));
        }
        let build = output::Build {
            site: &site,
            pages: &pages,
            variant,
        };
        outcome.problems.extend(build.problems(&marker, pathways));
    }
    Ok(outcome)
}

/// The test pathway's folder under `/pathways/`.
const PATHWAY_SLUG: &str = "theme-check-pathway";

/// Where a pathway page's met markers disagree with the progress it shows: every
/// requirement row needs its element (`data-requirement="ID"`), and only met ones may
/// carry `data-folio-met`.
fn met_marker_problems(html: &str, receipt: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    for row in receipt["requirements"].as_array().into_iter().flatten() {
        let id = row["id"].as_str().unwrap_or("");
        let met = row["met"].as_bool().unwrap_or(false);
        let needle = format!("data-requirement=\"{id}\"");
        let Some(at) = html.find(&needle) else {
            problems.push(format!("requirement {id} has no element with `{needle}`"));
            continue;
        };
        // The element's start tag: from its `<` to its `>`.
        let start = html[..at].rfind('<').unwrap_or(at);
        let end = html[at..].find('>').map_or(html.len(), |e| at + e);
        let marked = html[start..end].contains("data-folio-met");
        if marked && !met {
            problems.push(format!(
                "requirement {id} is not met but its element carries `data-folio-met`"
            ));
        }
        if met && !marked {
            problems.push(format!(
                "requirement {id} is met but its element lacks `data-folio-met`"
            ));
        }
    }
    problems
}

/// Points an error from a test build at the test portfolio variant instead of a
/// temporary folder the user never sees.
fn relabel(e: Error, root: &Path, label: &str) -> Error {
    let fix = |loc: Location| {
        let rel = loc.path.strip_prefix(root).unwrap_or(&loc.path);
        Location {
            path: PathBuf::from(format!("test portfolio ({label}): {}", rel.display())),
            ..loc
        }
    };
    match e {
        Error::Content { loc, msg, hint } => Error::Content {
            loc: fix(loc),
            msg,
            hint,
        },
        Error::Badge { loc, msg, hint } => Error::Badge {
            loc: fix(loc),
            msg,
            hint,
        },
        Error::Template {
            loc,
            page,
            msg,
            hint,
        } => Error::Template {
            loc,
            page,
            msg: format!("{msg} [test portfolio: {label}]"),
            hint,
        },
        other => other,
    }
}

/// A temporary folder removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Result<Scratch> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir =
            std::env::temp_dir().join(format!("folio-theme-check-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, "cannot create folder", e))?;
        Ok(Scratch(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The test badges (file stems) and the status each is made to have.
const EXPECTED_STATUS: &[(&str, &str)] = &[
    ("verified", "verified"),
    ("verified-long-name", "verified"),
    ("expired", "expired"),
    ("revoked", "revoked"),
    ("failed", "failed"),
    ("unverifiable", "unverifiable"),
];

const LONG_WORD: &str = "Internationalisation-and-accessibility-engineering-fundamentals";

fn write(root: &Path, rel: &str, text: impl AsRef<[u8]>) -> Result<()> {
    let path = root.join(rel);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| Error::io(parent, "cannot create folder", e))?;
    }
    std::fs::write(&path, text).map_err(|e| Error::io(&path, "cannot write file", e))
}

/// Writes the test portfolio for `variant`, using `theme` (a built-in name or a folder):
/// config, pages, a badge in every status, and a pathway when the theme has its
/// templates.
fn write_portfolio(root: &Path, theme: &str, variant: &Variant, pathways: bool) -> Result<()> {
    let issuer = Issuer::from_seed(SEED);
    let arabic = variant.language == "ar";
    let (title, headline) = if arabic {
        ("ملف أعمال ليلى حداد", "محللة بيانات تحت التدريب")
    } else {
        (
            "Leila Haddad — Portfolio",
            "Data analyst in training with a deliberately long headline that has to wrap on a phone",
        )
    };
    write(
        root,
        CONFIG_FILE,
        format!(
            "title: \"{title}\"\nbase_url: \"{BASE_URL}\"\nlanguage: {}\ntheme: \"{}\"\n{}\
             description: \"The theme-check portfolio.\"\n\
             owner:\n  name: Leila Haddad-Montgomery-Oyelaran-Castellanos\n  headline: \"{headline}\"\n  \
             email: learner@example.org\n  location: Beirut\n  links:\n    github: leila-h\n    linkedin: leila-h\n\
             badges:\n  on_invalid: show\n  on_expired: show\n  network: false\n  trust:\n    \
             - id: {}\n      name: folio Sample Academy\n",
            variant.language,
            theme,
            if pathways {
                "pathways: [pathway.yaml]\n"
            } else {
                ""
            },
            issuer.did
        ),
    )?;
    if pathways {
        write_pathway(root, &issuer)?;
    }
    write_pages(root, title, variant)?;
    write_badges(root, &issuer, variant)
}

/// A pathway met by any verified badge of the academy; open, with an expired badge
/// that would count; open, with nothing that would.
fn write_pathway(root: &Path, issuer: &Issuer) -> Result<()> {
    write(
        root,
        "pathway.yaml",
        format!(
            "pathway: 1\nid: https://careers.example/theme-check\nname: Theme check pathway\n\
             description: \"A pathway with requirements met and open.\"\n\
             issuers:\n  academy: [\"{did}\"]\n\
             completion: {{ achievement: https://academy.example/achievements/analyst, issuer: academy }}\n\
             requires:\n  all:\n    - name: Any credential from the academy\n      issuer: academy\n\
             \x20   - name: Spreadsheets\n      pick: 1\n      of:\n\
             \x20       - {{ achievement: \"{expired}\", issuer: academy }}\n\
             \x20       - {{ achievement: https://academy.example/achievements/none, issuer: academy }}\n",
            did = issuer.did,
            expired = sample_badge(issuer, "Spreadsheet Modelling", "2026-01-10T09:00:00Z")
                ["credentialSubject"]["achievement"]["id"]
                .as_str()
                .unwrap_or_default(),
        ),
    )
}

/// Pages with long words, tables, code, footnotes and right-to-left text.
fn write_pages(root: &Path, title: &str, variant: &Variant) -> Result<()> {
    let cited = if variant.with_verified {
        "verified, expired, revoked, failed, unverifiable"
    } else {
        "expired, revoked, failed, unverifiable"
    };
    let pages: &[(&str, String)] = &[
        (
            "content/_index.md",
            format!("---\ntitle: \"{title}\"\n---\nWelcome. مرحبا بكم. ברוכים הבאים. 欢迎.\n"),
        ),
        (
            "content/about.md",
            "---\ntitle: About\nweight: 1\nskills: [Listening]\n---\n## Languages\n\n\
             I write English, العربية and עברית.\n"
                .into(),
        ),
        (
            "content/projects/_index.md",
            "---\ntitle: Projects\n---\nThings I built.\n".into(),
        ),
        (
            "content/projects/long.md",
            format!(
                "---\ntitle: \"A project with a very long title: {LONG_WORD} for a charity's volunteers\"\n\
                 date: 2026-03-01\ntags: [python, {LONG_WORD}]\nskills: [Python, SQL]\n\
                 badges: [{cited}]\nsummary: \"{LONG_WORD} {LONG_WORD}\"\n---\n\
                 # Results\n\n| Metric | Value |\n|---|---|\n| Time saved | 40% |\n\n```python\nprint('{LONG_WORD}')\n```\n\n\
                 - [x] shipped\n- [ ] documented\n\nNotes[^1].\n\n[^1]: A footnote.\n"
            ),
        ),
        (
            "content/projects/rtl.md",
            "---\ntitle: \"لوحة المتطوعين\"\ndate: 2026-02-01\n---\nهذا مشروع مكتوب بالعربية، مع English inside.\n"
                .into(),
        ),
        (
            "content/writing/_index.md",
            "---\ntitle: Writing\n---\n".into(),
        ),
    ];
    for (rel, text) in pages {
        write(root, rel, text)?;
    }
    Ok(())
}

/// A badge in every status, signed by the test issuer, and the status list the
/// revoked one points at.
fn write_badges(root: &Path, issuer: &Issuer, variant: &Variant) -> Result<()> {
    // A badge in every status. `with_verified: false` leaves the verified ones out, so
    // any verified marker in that build is a lie.
    let created = "2026-01-10T09:00:00Z";
    let badge = |name: &str| sample_badge(issuer, name, "2026-01-10T09:00:00Z");
    let sign = |doc: Value| -> Result<Value> {
        issuer
            .sign_rdfc(doc, created)
            .map_err(|e| Error::usage(format!("cannot sign the test badges: {e}")))
    };
    let mut badges: Vec<(&str, Value)> = Vec::new();
    if variant.with_verified {
        let mut verified = badge("Data Storytelling");
        verified["credentialSubject"]["achievement"]["image"] = json!({
            "id": format!("data:image/svg+xml;base64,{}", base64_std(SVG_ICON)),
            "type": "Image",
            "caption": "A blue disc"
        });
        badges.push(("verified", sign(verified)?));
        let mut long = badge(&format!(
            "{LONG_WORD} with a name long enough to wrap three times"
        ));
        long["issuer"]["name"] =
            json!(format!("The {LONG_WORD} Institute of Continuing Education"));
        badges.push(("verified-long-name", sign(long)?));
    }
    let mut expired = badge("Spreadsheet Modelling");
    expired["validUntil"] = json!("2026-02-01T00:00:00Z");
    badges.push(("expired", sign(expired)?));
    let mut revoked = badge("Cloud Basics");
    revoked["credentialSubject"]["achievement"]["image"] =
        json!({"id": "https://academy.example/images/cloud.png", "type": "Image"});
    revoked["credentialStatus"] = json!({
        "id": format!("{STATUS_URL}#{REVOKED_INDEX}"),
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": REVOKED_INDEX.to_string(),
        "statusListCredential": STATUS_URL
    });
    badges.push(("revoked", sign(revoked)?));
    let mut failed = sign(badge("Accessible Web"))?;
    failed["name"] = json!("Accessible Web (altered after signing)");
    badges.push(("failed", failed));
    let stranger = Issuer::with_did(SEED, "did:web:unknown-issuer.example");
    let mut unknown = sample_badge(&stranger, "Version Control", created);
    unknown["issuer"]["name"] = json!("Unknown Issuer Institute");
    badges.push((
        "unverifiable",
        stranger
            .sign_rdfc(unknown, created)
            .map_err(|e| Error::usage(format!("cannot sign the test badges: {e}")))?,
    ));
    for (name, doc) in badges {
        write(
            root,
            &format!("badges/{name}.json"),
            serde_json::to_vec_pretty(&doc).expect("JSON values serialise"),
        )?;
    }
    // The status list the revoked badge points at, as if fetched earlier.
    let list = status_list(issuer, STATUS_URL, "revocation", &[REVOKED_INDEX])
        .map_err(|e| Error::usage(format!("cannot sign the test status list: {e}")))?;
    crate::badge::folder::store_cached(
        &crate::cache_dir_of(root),
        STATUS_URL,
        &serde_json::to_vec(&list).expect("JSON values serialise"),
    );
    Ok(())
}

const SVG_ICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><circle cx=\"5\" cy=\"5\" r=\"5\" fill=\"#1f5fbf\"/></svg>";

fn base64_std(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(text)
}
