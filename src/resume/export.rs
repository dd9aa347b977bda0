//! `/resume.json`: the portfolio as a JSON Resume (v1.0.0), from the same sources as
//! the web pages, so the two cannot drift:
//!
//! - `basics` from `owner` (email and phone only with `resume.contact: true`), the
//!   home page's summary and `owner.links`;
//! - `work` from pages with `org:` in their front matter (or a page's `work:` list),
//!   `education` from pages with `institution:` (or `education:`), `projects` from the
//!   pages of the projects section;
//! - `skills` from the skills page, the ones a verified badge backs marked
//!   `"x-folio-verified": true` with their badge pages (`"x-folio-badges"`);
//! - `certificates` from verified badges only, each with its badge page, receipt and
//!   how far it is the owner's (`"x-folio-recipient"`: `proven` or `claimed`).
//!
//! Fields folio does not model travel under their JSON Resume names in a `resume:`
//! map: an item's in its page's front matter, whole sections (`volunteer`, `awards`,
//! …) and the rest of `basics` in the home page's. `folio init --from-resume`
//! writes them there, so importing and exporting again keeps every field.

use serde_json::{Map, Value, json};

use crate::config::Config;
use crate::content::Page;
use crate::site::Site;

/// The schema the export follows, as its `$schema`.
pub const SCHEMA_URL: &str =
    "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json";

/// Front-matter fields of a work entry → JSON Resume fields.
pub const WORK_FIELDS: &[(&str, &str)] = &[
    ("org", "name"),
    ("role", "position"),
    ("start", "startDate"),
    ("end", "endDate"),
    ("location", "location"),
    ("url", "url"),
    ("summary", "summary"),
    ("highlights", "highlights"),
];

/// Front-matter fields of an education entry → JSON Resume fields.
pub const EDUCATION_FIELDS: &[(&str, &str)] = &[
    ("institution", "institution"),
    ("area", "area"),
    ("study_type", "studyType"),
    ("start", "startDate"),
    ("end", "endDate"),
    ("score", "score"),
    ("courses", "courses"),
    ("url", "url"),
];

/// Sections folio keeps as they were imported, in the home page's `resume:`.
pub const CARRIED: &[&str] = &[
    "$schema",
    "volunteer",
    "awards",
    "publications",
    "languages",
    "interests",
    "references",
    "meta",
];

/// The JSON text of `/resume.json`.
pub fn resume_json(config: &Config, site: &Site) -> String {
    let home = site.content.section("");
    let carried = home
        .and_then(|h| h.extra.get("resume"))
        .map(to_json)
        .unwrap_or(Value::Null);
    let mut out = Map::new();
    out.insert(
        "$schema".into(),
        carried
            .get("$schema")
            .cloned()
            .unwrap_or_else(|| SCHEMA_URL.into()),
    );
    out.insert("basics".into(), basics(config, site, carried.get("basics")));
    let pages = &site.content.pages;
    out.insert(
        "work".into(),
        entries(pages, "org", "work", WORK_FIELDS).into(),
    );
    out.insert(
        "education".into(),
        entries(pages, "institution", "education", EDUCATION_FIELDS).into(),
    );
    out.insert("projects".into(), projects(config, site).into());
    out.insert(
        "skills".into(),
        skills(config, site, carried.get("skills")).into(),
    );
    out.insert("certificates".into(), certificates(config, site).into());
    for key in CARRIED.iter().filter(|k| **k != "$schema") {
        if let Some(v) = carried.get(*key) {
            out.insert(key.to_string(), v.clone());
        }
    }
    out.retain(|_, v| !matches!(v, Value::Array(a) if a.is_empty()));
    let mut text = serde_json::to_string_pretty(&Value::Object(out)).unwrap_or_default();
    text.push('\n');
    text
}

/// A front-matter value as JSON; YAML numbers where JSON Resume wants text (a year
/// written `start: 2018`) become strings.
fn to_json(v: &serde_yaml::Value) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn text(v: Value) -> Value {
    match v {
        Value::Number(n) => Value::String(n.to_string()),
        other => other,
    }
}

fn absolute(config: &Config, site_path: &str) -> String {
    format!(
        "{}{}",
        config.base_url,
        site_path
            .strip_prefix(&config.base_path)
            .unwrap_or(site_path)
    )
}

fn basics(config: &Config, site: &Site, carried: Option<&Value>) -> Value {
    let mut b = match carried {
        Some(Value::Object(m)) => m.clone(),
        _ => Map::new(),
    };
    let owner = &config.owner;
    let contact = config.resume.contact;
    b.insert(
        "name".into(),
        owner
            .name
            .clone()
            .unwrap_or_else(|| config.title.clone())
            .into(),
    );
    if let Some(label) = &owner.headline {
        b.insert("label".into(), label.clone().into());
    }
    match (&config.owner_email, contact) {
        (Some(email), true) => {
            b.insert("email".into(), email.clone().into());
        }
        _ => {
            b.remove("email");
        }
    }
    if !contact {
        b.remove("phone");
    }
    b.entry("url")
        .or_insert_with(|| config.base_url.clone().into());
    if let Some(summary) = site
        .content
        .section("")
        .map(|h| h.summary.clone())
        .filter(|s| !s.is_empty())
    {
        b.insert("summary".into(), summary.into());
    }
    if let Some(location) = &owner.location {
        b.entry("location")
            .or_insert_with(|| json!({ "address": location }));
    }
    if !b.contains_key("profiles") {
        let profiles: Vec<Value> = crate::config::owner_links(config)
            .into_iter()
            .map(|l| {
                let mut p = json!({"network": l.label, "url": l.url});
                if !config.owner.links[&l.key].contains("://") {
                    p["username"] = config.owner.links[&l.key].clone().into();
                }
                p
            })
            .collect();
        if !profiles.is_empty() {
            b.insert("profiles".into(), profiles.into());
        }
    }
    Value::Object(b)
}

/// Entries of one kind: every page whose front matter has `marker` is one, and a
/// page's `list:` front matter adds one per item. `fields` map folio's names to
/// JSON Resume's; an entry's `resume:` map carries the rest.
fn entries(pages: &[Page], marker: &str, list: &str, fields: &[(&str, &str)]) -> Vec<Value> {
    let mut out = Vec::new();
    for page in pages {
        if page.extra.contains_key(marker) {
            let mut fm = page.extra.clone();
            if !page.summary.is_empty() {
                fm.insert("summary".into(), page.summary.clone().into());
            }
            out.push(entry(&fm, fields));
        }
        if let Some(serde_yaml::Value::Sequence(items)) = page.extra.get(list) {
            for item in items {
                if let Ok(fm) = serde_yaml::from_value(item.clone()) {
                    out.push(entry(&fm, fields));
                }
            }
        }
    }
    out
}

fn entry(
    fm: &std::collections::BTreeMap<String, serde_yaml::Value>,
    fields: &[(&str, &str)],
) -> Value {
    let mut e = match fm.get("resume").map(to_json) {
        Some(Value::Object(m)) => m,
        _ => Map::new(),
    };
    for (ours, theirs) in fields {
        if let Some(v) = fm.get(*ours) {
            let v = to_json(v);
            let v = match v {
                Value::Array(items) => Value::Array(items.into_iter().map(text).collect()),
                other => text(other),
            };
            e.insert(theirs.to_string(), v);
        }
    }
    Value::Object(e)
}

/// The projects section's pages (`projects/` and below).
fn projects(config: &Config, site: &Site) -> Vec<Value> {
    site.content
        .pages
        .iter()
        .filter(|p| p.section == "projects" || p.section.starts_with("projects/"))
        .map(|p| {
            let mut e = match p.extra.get("resume").map(to_json) {
                Some(Value::Object(m)) => m,
                _ => Map::new(),
            };
            e.insert("name".into(), p.title.clone().into());
            if !p.summary.is_empty() {
                e.insert("description".into(), p.summary.clone().into());
            }
            let start = p.extra.get("start").map(to_json).map(text);
            let start = start.or_else(|| {
                p.date
                    .as_ref()
                    .map(|d| Value::String(d.chars().take(10).collect()))
            });
            if let Some(s) = start {
                e.insert("startDate".into(), s);
            }
            if let Some(end) = p.extra.get("end") {
                e.insert("endDate".into(), text(to_json(end)));
            }
            if let Some(h) = p.extra.get("highlights") {
                e.insert("highlights".into(), to_json(h));
            }
            if !p.tags.is_empty() {
                e.insert("keywords".into(), p.tags.clone().into());
            }
            let url = p
                .extra
                .get("url")
                .map(to_json)
                .unwrap_or_else(|| absolute(config, &p.url).into());
            e.insert("url".into(), url);
            Value::Object(e)
        })
        .collect()
}

/// The skills page's skills: backed ones marked, with their badges; the imported
/// list's fields (`level`, `keywords`) kept by name, its others after.
fn skills(config: &Config, site: &Site, carried: Option<&Value>) -> Vec<Value> {
    let mut imported: Vec<Map<String, Value>> = match carried {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_object().cloned())
            .collect(),
        _ => Vec::new(),
    };
    let mut take = |name: &str| {
        let at = imported.iter().position(|s| {
            s.get("name")
                .and_then(Value::as_str)
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        });
        at.map(|i| imported.remove(i)).unwrap_or_default()
    };
    let mut out = Vec::new();
    for s in &site.skills.backed {
        let mut e = take(&s.name);
        e.insert("name".into(), s.name.clone().into());
        e.insert("x-folio-verified".into(), true.into());
        let badges: Vec<Value> = s
            .badges
            .iter()
            .map(|b| absolute(config, &b.url).into())
            .collect();
        e.insert("x-folio-badges".into(), badges.into());
        out.push(Value::Object(e));
    }
    for s in &site.skills.self_asserted {
        let mut e = take(&s.name);
        e.insert("name".into(), s.name.clone().into());
        e.remove("x-folio-verified");
        out.push(Value::Object(e));
    }
    out.extend(imported.into_iter().map(|mut e| {
        e.remove("x-folio-verified");
        Value::Object(e)
    }));
    out
}

/// Verified badges, and nothing else: a certificate in a résumé is a claim a reader
/// cannot check, a verified badge one they can.
fn certificates(config: &Config, site: &Site) -> Vec<Value> {
    site.badges
        .list
        .iter()
        .filter(|b| b.status == crate::badge::Status::Verified.as_str())
        .map(|b| {
            let mut c = json!({
                "name": b.name,
                "url": b.permalink,
                "x-folio-verified": true,
                // Authentic is not the same as the owner's: proven, or only claimed.
                "x-folio-recipient": b.recipient,
                "x-folio-receipt": absolute(config, &b.receipt_url),
            });
            if let Some(issuer) = b
                .issuer
                .trusted_as
                .clone()
                .or_else(|| b.issuer.name.clone())
            {
                c["issuer"] = issuer.into();
            }
            if let Some(day) = b.issued.as_deref().and_then(|d| d.get(..10)) {
                c["date"] = day.into();
            }
            // What the credential states as a micro-credential (credits, level, …),
            // read from what its issuer signed.
            if let Some(facts) = &b.facts {
                c["x-folio-facts"] = serde_json::to_value(&facts.data).unwrap_or_default();
            }
            c
        })
        .collect()
}
