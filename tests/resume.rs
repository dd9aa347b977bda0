//! One source for every résumé: the example's `/resume.json` is a valid JSON Resume
//! (v1.0.0, checked by folio's validator and, where installed, by Python's
//! `jsonschema`, an independent one) that lists only verified badges as
//! certificates; `folio init --from-resume` on the JSON Resume project's own sample
//! builds a site that passes `folio check` and exports every field again; a broken
//! résumé is named by its JSON path.

mod common;

use std::path::{Path, PathBuf};

use common::{Portfolio, run_in};
use serde_json::Value;

fn vendored() -> PathBuf {
    common::fixtures().join("json-resume")
}

fn schema_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/resume/schema-v1.0.0.json")
}

/// Python's `jsonschema` (draft 4, formats checked) on `doc`; `None` when it is not
/// installed (`.ci/run` installs it, and CI must have it).
fn python_validates(doc: &Path) -> Option<Result<(), String>> {
    let script = "import json, sys, jsonschema\n\
        schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))\n\
        errors = [f'{list(e.absolute_path)}: {e.message}' for e in jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).iter_errors(doc)]\n\
        print('\\n'.join(errors)); sys.exit(1 if errors else 0)";
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(schema_path())
        .arg(doc)
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if stderr.contains("No module named 'jsonschema'") {
        common::skipped::skip(
            "the résumé check by an independent validator (jsonschema)",
            "pip install jsonschema",
        );
        return None;
    }
    Some(match out.status.success() {
        true => Ok(()),
        false => Err(format!("{}{stderr}", String::from_utf8_lossy(&out.stdout))),
    })
}

fn assert_valid(path: &Path) {
    let doc: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let problems = folio::resume::schema::validate(&doc);
    assert!(problems.is_empty(), "{problems:?}");
    if let Some(result) = python_validates(path) {
        result.unwrap_or_else(|e| panic!("jsonschema: {e}"));
    }
}

#[test]
fn the_example_exports_a_valid_resume_with_only_verified_badges() {
    let p = Portfolio::example();
    p.run(&["build"]).success();
    let path = p.root.join("public/resume.json");
    assert_valid(&path);
    let doc: Value = serde_json::from_str(&p.read("public/resume.json")).unwrap();
    assert_eq!(doc["basics"]["name"], "Ada Okafor");
    // The owner's email is private unless `resume.contact: true`.
    assert!(!p.read("public/resume.json").contains("ada@example.org"));
    assert_eq!(doc["work"][0]["name"], "Yorkshire Food Share");
    assert_eq!(doc["education"][1]["institution"], "University of Lagos");
    // Certificates: the six verified badges, none of the expired one.
    let certs = doc["certificates"].as_array().unwrap();
    let names: Vec<&str> = certs.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(certs.len(), 6, "{names:?}");
    assert!(!names.contains(&"Workplace First Aid"), "{names:?}");
    let base = "https://ada-okafor.github.io/portfolio/";
    for c in certs {
        assert_eq!(c["x-folio-verified"], true);
        for key in ["url", "x-folio-receipt"] {
            let url = c[key].as_str().unwrap();
            let rel = url.strip_prefix(base).unwrap();
            let file = if rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel.to_string()
            };
            assert!(p.root.join("public").join(&file).is_file(), "{key} {url}");
        }
    }
    // Skills a verified badge backs are marked, with the badge pages.
    let skills = doc["skills"].as_array().unwrap();
    let sql = skills
        .iter()
        .find(|s| s["name"] == "SQL")
        .expect("SQL is a backed skill");
    assert_eq!(sql["x-folio-verified"], true);
    assert!(
        sql["x-folio-badges"][0]
            .as_str()
            .unwrap()
            .starts_with(&format!("{base}badges/"))
    );
    // The home page points at it; `resume.export: false` turns it off.
    let home = p.read("public/index.html");
    assert!(home.contains(
        "<link rel=\"alternate\" type=\"application/json\" title=\"JSON Resume\" href=\"/portfolio/resume.json\">"
    ));
    let config = p.read("folio.yaml");
    p.write(
        "folio.yaml",
        format!("{config}\nresume:\n  export: false\n"),
    );
    p.run(&["build"]).success();
    assert!(!p.root.join("public/resume.json").exists());
    assert!(!p.read("public/index.html").contains("resume.json"));
}

/// Every field of `want` is in `got` with the same value (`got` may have more).
fn contains_all(want: &Value, got: &Value, path: &str, missing: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, v) in w {
                match g.get(k) {
                    Some(gv) => contains_all(v, gv, &format!("{path}.{k}"), missing),
                    None => missing.push(format!("{path}.{k}")),
                }
            }
        }
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => {
            for (i, (a, b)) in w.iter().zip(g).enumerate() {
                contains_all(a, b, &format!("{path}[{i}]"), missing);
            }
        }
        _ if want == got => {}
        _ => missing.push(format!("{path}: {want} became {got}")),
    }
}

#[test]
fn the_json_resume_sample_round_trips_through_a_portfolio() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = vendored().join("sample.resume.json");
    run_in(
        tmp.path(),
        &["init", "cv", "--from-resume", sample.to_str().unwrap()],
    )
    .success()
    .stderr_has("they stay off the site and out of /resume.json");
    let site = tmp.path().join("cv");
    // Private by default: the sample's email is not exported until the learner says.
    run_in(&site, &["build"]).success();
    let exported = std::fs::read_to_string(site.join("public/resume.json")).unwrap();
    assert!(
        !exported.contains("richard.hendriks@mail.com"),
        "{exported}"
    );
    let config = std::fs::read_to_string(site.join("folio.yaml")).unwrap();
    assert!(config.contains("contact: false"), "{config}");
    std::fs::write(
        site.join("folio.yaml"),
        config.replace("contact: false", "contact: true"),
    )
    .unwrap();
    run_in(&site, &["check"]).success();
    run_in(&site, &["build"]).success();
    let page =
        std::fs::read_to_string(site.join("public/experience/ceo-president-pied-piper/index.html"))
            .unwrap();
    assert!(page.contains("Successfully won Techcrunch Disrupt"));
    let exported = site.join("public/resume.json");
    assert_valid(&exported);
    let want: Value = serde_json::from_str(&std::fs::read_to_string(&sample).unwrap()).unwrap();
    let got: Value = serde_json::from_str(&std::fs::read_to_string(&exported).unwrap()).unwrap();
    let mut missing = Vec::new();
    contains_all(&want, &got, "$", &mut missing);
    assert!(missing.is_empty(), "lost in the round trip: {missing:#?}");
}

#[test]
fn a_broken_resume_is_named_by_its_json_path_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("resume.json");
    std::fs::write(
        &bad,
        r#"{"basics": {"name": "Ada"}, "work": [{"name": "A"}, {"name": "B"}, {"name": "C", "startDate": "March 2020"}]}"#,
    )
    .unwrap();
    run_in(tmp.path(), &["init", "cv", "--from-resume", "resume.json"])
        .failure(1)
        .stderr_has("resume.json: $.work[2].startDate: \"March 2020\" is not a date like 2014, 2014-06 or 2014-06-29")
        .stderr_has("YYYY, YYYY-MM or YYYY-MM-DD");
    assert!(
        !tmp.path().join("cv").exists(),
        "nothing written for a broken résumé"
    );
    std::fs::write(&bad, "{\"basics\": {\"name\": \"Ada\"},\n \"work\": [}").unwrap();
    run_in(tmp.path(), &["init", "cv", "--from-resume", "resume.json"])
        .failure(2)
        .stderr_has("resume.json:2:");
    std::fs::write(&bad, r#"{"basics": {"name": "Ada"}, "hobbies": []}"#).unwrap();
    run_in(tmp.path(), &["init", "cv", "--from-resume", "resume.json"])
        .failure(1)
        .stderr_has("resume.json: $.hobbies: `hobbies` is not a field of a JSON Resume here");
}

#[test]
fn an_imported_resume_cannot_run_script_on_the_site() {
    // A résumé downloaded from elsewhere, with markup in every free-text field.
    let tmp = tempfile::tempdir().unwrap();
    let attacks = [
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(2)></svg>",
        "<iframe srcdoc=\"&lt;script&gt;alert(3)&lt;/script&gt;\"></iframe>",
        "<script>alert(4)</script>",
        "[click me](javascript:alert(5))",
        "![x](javascript:alert(6))",
        "<javascript:alert(7)>",
        "[ref]\n\n[ref]: javascript:alert(8)",
        "\\<script>alert(9)\\</script>",
    ];
    let all = attacks.join(" ");
    let resume = serde_json::json!({
        "basics": {"name": "Mallory Example", "summary": all},
        "work": [{"name": "Acme", "position": "Engineer", "startDate": "2020-01",
                  "summary": all, "highlights": attacks}],
        "projects": [{"name": "Tool", "description": all, "highlights": attacks}],
    });
    std::fs::write(tmp.path().join("resume.json"), resume.to_string()).unwrap();
    run_in(tmp.path(), &["init", "cv", "--from-resume", "resume.json"]).success();
    let site = tmp.path().join("cv");
    run_in(&site, &["build"]).success();
    let mut pages = 0;
    for (file, bytes) in common::tree(&site.join("public")) {
        if !file.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8_lossy(&bytes).to_lowercase();
        // Inside tags (text may show the words, escaped): no handler, no script URL.
        for tag in html
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap_or(""))
        {
            // Attribute names and unquoted values only: quoted values are text.
            let tag: String = tag.split('"').step_by(2).collect();
            for bad in ["onerror", "onload", "srcdoc", "javascript:"] {
                assert!(!tag.contains(bad), "{file}: <{tag}>");
            }
            assert!(
                !tag.starts_with("iframe") && !tag.starts_with("svg"),
                "{file}: <{tag}>"
            );
        }
        // Scripts on the page are folio's own, by `src`.
        assert!(
            html.matches("<script").count()
                == html.matches("<script src=").count()
                    + html.matches("<script type=\"application/ld+json\"").count(),
            "{file}: an inline script"
        );
    }
    assert!(pages >= 3);
    // The text is shown as written.
    let home = std::fs::read_to_string(site.join("public/index.html")).unwrap();
    assert!(
        home.contains("&lt;img src=x onerror") || home.contains("&lt;img src&#x3D;x"),
        "{home}"
    );
}

#[test]
fn many_same_named_and_overlong_entries_import_and_a_failed_import_leaves_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let long = "Senior ".repeat(60) + "Engineer";
    let mut work: Vec<Value> = (0..20_000)
        .map(|_| serde_json::json!({"name": "Acme", "position": "Engineer"}))
        .collect();
    work.push(serde_json::json!({"name": "Initech", "position": long}));
    let resume = serde_json::json!({"basics": {"name": "Ada"}, "work": work});
    std::fs::write(tmp.path().join("resume.json"), resume.to_string()).unwrap();
    run_in(tmp.path(), &["init", "cv", "--from-resume", "resume.json"]).success();
    let pages: Vec<String> = std::fs::read_dir(tmp.path().join("cv/content/experience"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(pages.len(), 20_002, "every entry a page, and the index");
    assert!(pages.contains(&"engineer-acme-20000.md".to_string()));
    assert!(pages.iter().all(|p| p.len() <= 90), "a file name too long");

    // A folder where the import cannot finish (a file stands where a folder goes):
    // the error, and nothing left of the import; after the fix it runs again.
    let target = tmp.path().join("again");
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("content"), "in the way").unwrap();
    let small = serde_json::json!({"basics": {"name": "Ada"}, "work": [{"name": "Acme", "position": "Engineer"}]});
    std::fs::write(tmp.path().join("small.json"), small.to_string()).unwrap();
    run_in(
        tmp.path(),
        &["init", "again", "--from-resume", "small.json"],
    )
    .failure(2);
    let left: Vec<String> = std::fs::read_dir(&target)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, vec!["content".to_string()]);
    std::fs::remove_file(target.join("content")).unwrap();
    run_in(
        tmp.path(),
        &["init", "again", "--from-resume", "small.json"],
    )
    .success();
}

#[test]
fn imported_pages_have_ascii_addresses() {
    let tmp = tempfile::tempdir().unwrap();
    let resume = serde_json::json!({"basics": {"name": "Ada"},
        "work": [{"name": "Barista Café Kreuzberg", "position": "Barista"}]});
    std::fs::write(tmp.path().join("resume.json"), resume.to_string()).unwrap();
    run_in(tmp.path(), &["init", "cv", "--from-resume", "resume.json"]).success();
    let site = tmp.path().join("cv");
    assert!(
        site.join("content/experience/barista-barista-cafe-kreuzberg.md")
            .is_file()
            || site
                .join("content/experience/barista-cafe-kreuzberg.md")
                .is_file(),
        "{:?}",
        std::fs::read_dir(site.join("content/experience"))
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect::<Vec<_>>()
    );
}

#[test]
fn imported_jobs_say_what_where_and_when_and_the_rest_reaches_the_home_page() {
    let tmp = tempfile::tempdir().unwrap();
    let sample = vendored().join("sample.resume.json");
    run_in(
        tmp.path(),
        &["init", "cv", "--from-resume", sample.to_str().unwrap()],
    )
    .success();
    let site = tmp.path().join("cv");
    let config = std::fs::read_to_string(site.join("folio.yaml")).unwrap();
    for (theme, language) in [("default", "en"), ("resume", "en"), ("default", "de")] {
        std::fs::write(
            site.join("folio.yaml"),
            config
                .replace("theme: default", &format!("theme: {theme}"))
                .replace("language: en", &format!("language: {language}")),
        )
        .unwrap();
        run_in(&site, &["build"]).success();
        let read = |rel: &str| std::fs::read_to_string(site.join("public").join(rel)).unwrap();
        let job = read("experience/ceo-president-pied-piper/index.html");
        let (role_line, home_parts) = match language {
            "de" => (
                "CEO/President · Pied Piper · Dezember 2013 – Dezember 2014 · Palo Alto, CA",
                ["Ehrenamt", "Auszeichnungen", "Sprachen"],
            ),
            _ => (
                "CEO/President · Pied Piper · December 2013 – December 2014 · Palo Alto, CA",
                ["Volunteering", "Awards", "Languages"],
            ),
        };
        assert!(job.contains(role_line), "{theme} {language}: {job}");
        assert!(job.contains("Successfully won Techcrunch Disrupt"));
        let study =
            read("education/bachelor-information-technology-university-of-oklahoma/index.html");
        assert!(
            study.contains("Bachelor, Information Technology · University of Oklahoma · "),
            "{theme} {language}: {study}"
        );
        let home = read("index.html");
        for heading in home_parts {
            assert!(
                home.contains(&format!(">{heading}</h2>")),
                "{theme} {language}: no {heading}"
            );
        }
        for text in [
            "<strong>Teacher</strong> · CoderDojo",
            "Awarded &#39;Teacher of the Month&#39;",
            "<strong>Digital Compression Pioneer Award</strong> · Techcrunch",
            "English · Native speaker",
        ] {
            assert!(home.contains(text), "{theme} {language}: no {text}");
        }
    }
}
