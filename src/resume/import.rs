//! `folio init --from-resume resume.json`: a portfolio from a JSON Resume. Each work,
//! education and project entry becomes a page (so the site shows it and
//! `/resume.json` exports it again, `export.rs`), `basics` becomes `owner` in
//! folio.yaml and the home page; whatever folio does not model is kept under
//! `resume:` in front matter by its original key, so nothing is lost.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde_json::{Map, Value};
use serde_yaml::Mapping;

use super::export::{CARRIED, EDUCATION_FIELDS, WORK_FIELDS};
use super::schema;
use crate::error::{Error, Location, Result};

/// A page to write: its path under the portfolio, front matter and body.
pub struct File {
    pub path: String,
    pub text: String,
}

/// What the portfolio is made of.
pub struct Imported {
    pub files: Vec<File>,
    /// `owner:` for folio.yaml, and the site title.
    pub owner: Mapping,
    pub title: String,
    /// The résumé listed an email or phone: `resume.contact` is written, off, so the
    /// learner sees where to publish them (private by default).
    pub contact: bool,
    pub notes: Vec<String>,
}

/// Reads and checks `path`: JSON, then the JSON Resume schema, every problem named
/// by its JSON path (`resume.json: $.work[2].startDate: …`).
pub fn read(path: &Path) -> Result<Value> {
    let shown = path.display().to_string();
    let text =
        std::fs::read_to_string(path).map_err(|e| Error::io(path, "cannot read the résumé", e))?;
    let doc: Value = serde_json::from_str(&text).map_err(|e| Error::Usage {
        msg: format!("{shown}:{}:{}: not JSON: {e}", e.line(), e.column()),
        hint: Some("a JSON Resume is one JSON object: https://jsonresume.org/schema".into()),
    })?;
    let problems = schema::validate(&doc);
    if problems.is_empty() {
        return Ok(doc);
    }
    Err(Error::Many(
        problems
            .into_iter()
            .map(|p| Error::Content {
                loc: Location::file(format!("{shown}: {}", p.path)),
                msg: p.msg,
                hint: Some(p.fix),
            })
            .collect(),
    ))
}

/// The portfolio's files from a checked résumé.
pub fn import(doc: &Value) -> Imported {
    let empty = Map::new();
    let top = doc.as_object().unwrap_or(&empty);
    let basics = top
        .get("basics")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let title = basics
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("My Portfolio")
        .to_string();
    let mut files = Vec::new();
    let mut slugs = Slugs::default();
    for (section, title_of, fields) in [
        (
            "work",
            work_title as fn(&Map<String, Value>) -> String,
            WORK_FIELDS,
        ),
        ("education", education_title, EDUCATION_FIELDS),
    ] {
        let items = list(top.get(section));
        if items.is_empty() {
            continue;
        }
        let folder = if section == "work" {
            "experience"
        } else {
            "education"
        };
        files.push(section_index(
            folder,
            if section == "work" {
                "Experience"
            } else {
                "Education"
            },
        ));
        for (i, item) in items.iter().enumerate() {
            let name = title_of(item);
            let slug = unique(&mut slugs, folder, &name, i);
            files.push(entry_page(
                &format!("content/{folder}/{slug}.md"),
                &name,
                item,
                fields,
            ));
        }
    }
    let projects = list(top.get("projects"));
    if !projects.is_empty() {
        files.push(section_index("projects", "Projects"));
        for (i, item) in projects.iter().enumerate() {
            let name = item
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("Project")
                .to_string();
            let slug = unique(&mut slugs, "projects", &name, i);
            files.push(project_page(
                &format!("content/projects/{slug}.md"),
                &name,
                item,
            ));
        }
    }
    let mut notes = Vec::new();
    let certificates = list(top.get("certificates")).len();
    if certificates > 0 {
        notes.push(format!(
            "{certificates} certificate(s) kept in content/_index.md, not exported: only verified badges are listed as certificates; put their badge files in badges/"
        ));
    }
    let contact = basics.contains_key("email") || basics.contains_key("phone");
    files.push(home(&title, &basics, top));
    Imported {
        owner: owner(&basics),
        files,
        title,
        contact,
        notes,
    }
}

fn list(v: Option<&Value>) -> Vec<Map<String, Value>> {
    match v {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|i| i.as_object().cloned())
            .collect(),
        _ => Vec::new(),
    }
}

fn work_title(item: &Map<String, Value>) -> String {
    let get = |k: &str| {
        item.get(k)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    match (get("position"), get("name")) {
        (Some(p), Some(n)) => format!("{p} — {n}"),
        (Some(one), None) | (None, Some(one)) => one.to_string(),
        (None, None) => "Work".into(),
    }
}

fn education_title(item: &Map<String, Value>) -> String {
    let get = |k: &str| {
        item.get(k)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    let study = [get("studyType"), get("area")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    match (study.is_empty(), get("institution")) {
        (false, Some(i)) => format!("{study} — {i}"),
        (false, None) => study,
        (true, Some(i)) => i.to_string(),
        (true, None) => "Education".into(),
    }
}

/// The longest slug an imported page gets: file names stay far below every file
/// system's limit (255 bytes) whatever a résumé calls a job.
const MAX_SLUG: usize = 80;

/// Slugs handed out so far, and per base the next number to try: 20,000 entries
/// with one name get their slugs in linear time, not quadratic.
#[derive(Default)]
struct Slugs {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

/// A slug for `name` not yet used in `folder`.
fn unique(slugs: &mut Slugs, folder: &str, name: &str, i: usize) -> String {
    // ASCII, as URLs are best shared (`barista-cafe-kreuzberg`, not `café`).
    let mut base = match slug::slugify(name) {
        s if s.is_empty() => format!("entry-{}", i + 1),
        s => s,
    };
    if base.len() > MAX_SLUG {
        let mut cut = MAX_SLUG;
        while !base.is_char_boundary(cut) {
            cut -= 1;
        }
        base.truncate(cut);
        base = base.trim_end_matches('-').to_string();
    }
    let key = format!("{folder}/{base}");
    if slugs.used.insert(key.clone()) {
        return base;
    }
    let n = slugs.next.entry(key).or_insert(2);
    loop {
        let slug = format!("{base}-{n}");
        *n += 1;
        if slugs.used.insert(format!("{folder}/{slug}")) {
            return slug;
        }
    }
}

fn section_index(folder: &str, title: &str) -> File {
    let mut fm = Mapping::new();
    fm.insert("title".into(), title.into());
    File {
        path: format!("content/{folder}/_index.md"),
        text: page_text(&fm, ""),
    }
}

fn yaml(v: &Value) -> serde_yaml::Value {
    serde_yaml::to_value(v).unwrap_or(serde_yaml::Value::Null)
}

/// `fields` by folio's names; every other key under `resume:`.
fn entry_page(path: &str, title: &str, item: &Map<String, Value>, fields: &[(&str, &str)]) -> File {
    let mut fm = Mapping::new();
    fm.insert("title".into(), title.into());
    let mut rest = item.clone();
    for (ours, theirs) in fields {
        if let Some(v) = rest.remove(*theirs) {
            fm.insert((*ours).into(), yaml(&v));
        }
    }
    if !rest.is_empty() {
        fm.insert("resume".into(), yaml(&Value::Object(rest)));
    }
    let summary = item.get("summary").and_then(Value::as_str).unwrap_or("");
    let highlights: Vec<String> = list_of_text(item.get("highlights"));
    File {
        path: path.to_string(),
        text: page_text(&fm, &body(summary, &highlights)),
    }
}

fn project_page(path: &str, title: &str, item: &Map<String, Value>) -> File {
    let mut fm = Mapping::new();
    fm.insert("title".into(), title.into());
    let mut rest = item.clone();
    rest.remove("name");
    let description = rest.remove("description");
    if let Some(d) = &description {
        fm.insert("summary".into(), yaml(d));
    }
    for (ours, theirs) in [
        ("start", "startDate"),
        ("end", "endDate"),
        ("highlights", "highlights"),
        ("url", "url"),
    ] {
        if let Some(v) = rest.remove(theirs) {
            fm.insert(ours.into(), yaml(&v));
        }
    }
    if let Some(keywords) = rest.remove("keywords") {
        fm.insert("tags".into(), yaml(&keywords));
    }
    if !rest.is_empty() {
        fm.insert("resume".into(), yaml(&Value::Object(rest)));
    }
    let summary = description.as_ref().and_then(Value::as_str).unwrap_or("");
    File {
        path: path.to_string(),
        text: page_text(&fm, &body(summary, &list_of_text(item.get("highlights")))),
    }
}

/// The home page: the summary as its text; the rest of `basics`, the skills and the
/// sections folio does not model under `resume:`.
fn home(title: &str, basics: &Map<String, Value>, top: &Map<String, Value>) -> File {
    let mut fm = Mapping::new();
    fm.insert("title".into(), title.into());
    let summary = basics.get("summary").and_then(Value::as_str).unwrap_or("");
    if !summary.is_empty() {
        fm.insert("summary".into(), summary.into());
    }
    let mut carried = Map::new();
    let mut rest = basics.clone();
    for modelled in ["name", "label", "email", "summary"] {
        rest.remove(modelled);
    }
    if !rest.is_empty() {
        carried.insert("basics".into(), Value::Object(rest));
    }
    for key in CARRIED.iter().copied().chain(["skills", "certificates"]) {
        if let Some(v) = top.get(key) {
            carried.insert(key.to_string(), v.clone());
        }
    }
    // Skills show on the skills page, as the learner's own (no badge backs them yet).
    let skill_names: Vec<String> = list(top.get("skills"))
        .iter()
        .filter_map(|s| s.get("name").and_then(Value::as_str).map(str::to_string))
        .collect();
    if !skill_names.is_empty() {
        fm.insert("skills".into(), yaml(&Value::from(skill_names)));
    }
    if !carried.is_empty() {
        fm.insert("resume".into(), yaml(&Value::Object(carried)));
    }
    File {
        path: "content/_index.md".into(),
        text: page_text(&fm, &literal(summary)),
    }
}

/// `owner:` from `basics`: name, headline, location in words, and the profiles
/// that are links (a profile with only a username stays in the home page's copy).
fn owner(basics: &Map<String, Value>) -> Mapping {
    let mut owner = Mapping::new();
    let get = |k: &str| {
        basics
            .get(k)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    };
    if let Some(name) = get("name") {
        owner.insert("name".into(), name.into());
    }
    if let Some(label) = get("label") {
        owner.insert("headline".into(), label.into());
    }
    if let Some(email) = get("email") {
        owner.insert("email".into(), email.into());
    }
    if let Some(Value::Object(loc)) = basics.get("location") {
        let words: Vec<&str> = ["city", "region", "countryCode"]
            .iter()
            .filter_map(|k| {
                loc.get(*k)
                    .and_then(Value::as_str)
                    .filter(|s| !s.is_empty())
            })
            .collect();
        if !words.is_empty() {
            owner.insert("location".into(), words.join(", ").into());
        }
    }
    let mut links = Mapping::new();
    for p in list(basics.get("profiles")) {
        let network = p
            .get("network")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_ascii_lowercase();
        let url = p
            .get("url")
            .and_then(Value::as_str)
            .filter(|u| u.starts_with("https://") || u.starts_with("http://"));
        let user = p
            .get("username")
            .and_then(Value::as_str)
            .filter(|u| !u.is_empty());
        let key = crate::content::markdown::slugify(&network);
        let target = match (url, user) {
            (Some(url), _) => url.to_string(),
            (None, Some(user)) if key == "github" || key == "linkedin" => user.to_string(),
            _ => continue,
        };
        if !key.is_empty() {
            links.insert(key.into(), target.into());
        }
    }
    if !links.is_empty() {
        owner.insert("links".into(), links.into());
    }
    owner
}

fn list_of_text(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|i| i.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}

fn body(summary: &str, highlights: &[String]) -> String {
    let mut out = literal(summary);
    if !highlights.is_empty() {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        for h in highlights {
            out.push_str(&format!("- {}\n", literal(&h.replace('\n', " "))));
        }
    }
    out
}

/// A résumé's text as markdown that shows it as written and can do nothing else.
/// The résumé came from elsewhere (a download, a generator), but the markdown folio
/// writes from it becomes the learner's own, where raw HTML is allowed: so every
/// character that starts HTML (`<`, `>`), a link or image (`[`, `]`), an entity (`&`)
/// or an escape (`\`) is backslash-escaped (CommonMark escapes any ASCII
/// punctuation) and renders as itself.
pub fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '<' | '>' | '[' | ']' | '&' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn page_text(fm: &Mapping, body: &str) -> String {
    let yaml = serde_yaml::to_string(fm).unwrap_or_default();
    format!("---\n{yaml}---\n{body}\n")
}
