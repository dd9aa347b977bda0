//! What a micro-credential is worth (issue 45): its standard facts read from verified
//! credentials in every encoding (Open Badges 3.0 fields, SURF Edubadges' extension,
//! a European Learning Model 3 credential, the EUDI SD-JWT VC Learning Credential),
//! through the real binary: `folio verify --format json`, the badge page in both
//! themes and several languages, pathways that count credits, schema.org data and
//! `/llms.txt`. The credentials were signed by independent libraries
//! (`tests/fixtures/dcc/facts.mjs`: @digitalbazaar/vc, jose; `jose2026.mjs`:
//! @sd-jwt/sd-jwt-vc).

mod common;

use common::Portfolio;
use serde_json::{Value, json};

fn fixture(rel: &str) -> std::path::PathBuf {
    common::fixtures().join(rel)
}

/// `folio verify --format json --offline FILE`'s one verdict.
fn verdict(rel: &str) -> Value {
    let tmp = tempfile::tempdir().unwrap();
    let run = common::run_in(
        tmp.path(),
        &[
            "verify",
            "--format",
            "json",
            "--offline",
            fixture(rel).to_str().unwrap(),
        ],
    );
    let verdicts = common::verdicts(&run.stdout);
    assert_eq!(verdicts.len(), 1, "{}{}", run.stdout, run.stderr);
    verdicts[0].clone()
}

fn stated<'a>(facts: &'a Value, name: &str) -> &'a Value {
    let fact = &facts[name];
    assert_eq!(fact["state"], "stated", "{name}: {fact}");
    &fact["value"]
}

#[test]
fn open_badges_3_standard_fields_are_read() {
    let v = verdict("facts/ob3-standard.json");
    assert_eq!(v["status"], "verified", "{v}");
    let f = &v["facts"];
    assert_eq!(f["kind"], "MicroCredential");
    assert_eq!(
        stated(f, "workload"),
        &json!([{"value": 3.0, "unit": "credit_hours", "field": "creditsAvailable"}])
    );
    assert_eq!(
        stated(f, "level"),
        &json!([{"framework": "EQF", "value": "5"}])
    );
    assert_eq!(
        stated(f, "field_of_study"),
        "Computer Science (Data engineering)"
    );
    assert_eq!(stated(f, "grade"), "A (Final grade)");
    let outcomes = stated(f, "outcomes");
    assert_eq!(outcomes[0]["name"], "use spreadsheets software");
    assert_eq!(outcomes[0]["framework"], "ESCO");
    assert_eq!(f["assessment"]["state"], "absent");
    assert_eq!(
        f["annex_i"]["missing"],
        json!(["assessment", "participation", "quality_assurance"])
    );
}

#[test]
fn the_edubadges_extension_states_all_eleven_elements() {
    let v = verdict("facts/edubadges-5-ects.json");
    assert_eq!(v["status"], "verified", "{v}");
    let f = &v["facts"];
    assert_eq!(
        stated(f, "workload"),
        &json!([{"value": 5.0, "unit": "ects", "field": "ECTS"}])
    );
    assert_eq!(
        stated(f, "level"),
        &json!([{"framework": "EQF", "value": "6"}])
    );
    assert_eq!(stated(f, "assessment"), "testing");
    assert_eq!(stated(f, "participation"), "online");
    assert_eq!(stated(f, "supervision"), "supervised online");
    assert_eq!(stated(f, "identity_checked"), true);
    assert_eq!(stated(f, "quality_assurance"), "NVAO accreditation");
    assert_eq!(f["annex_i"]["missing"], json!([]));
    assert_eq!(f["annex_i"]["stated"].as_array().unwrap().len(), 11);
    // Study hours stay hours.
    let hours = verdict("facts/edubadges-40-hours.json");
    assert_eq!(
        stated(&hours["facts"], "workload"),
        &json!([{"value": 40.0, "unit": "hours", "field": "SBU"}])
    );
    // Altered after signing: failed, and no facts at all.
    let altered = verdict("facts/edubadges-altered-100-ects.json");
    assert_eq!(altered["status"], "failed");
    assert!(altered.get("facts").is_none(), "{altered}");
}

#[test]
fn a_european_learning_model_credential_is_read() {
    let v = verdict("facts/elm-learning-achievement.jwt");
    assert_eq!(v["status"], "verified", "{v}");
    let f = &v["facts"];
    assert_eq!(
        stated(f, "workload"),
        &json!([
            {"value": 6.0, "unit": "ects", "field": "creditPoint"},
            {"value": 150.0, "unit": "hours", "field": "volumeOfLearning"}
        ])
    );
    assert_eq!(
        stated(f, "level"),
        &json!([{"framework": "EQF", "value": "7"}])
    );
    assert_eq!(stated(f, "participation"), "blended");
    assert_eq!(stated(f, "assessment"), "written exam");
    assert_eq!(stated(f, "grade"), "8.5 / 10");
    assert_eq!(
        stated(f, "prerequisites"),
        "A bachelor degree in a related field"
    );
    assert_eq!(stated(f, "part_of"), &json!(["Master in Logistics"]));
    assert_eq!(
        stated(f, "outcomes")[0]["name"],
        "Designs low-carbon logistics networks"
    );
    assert!(
        f["annex_i"]["stated"]
            .as_array()
            .unwrap()
            .contains(&json!("issuer_country"))
    );
}

#[test]
fn an_sd_jwt_learning_credential_says_what_its_holder_withheld() {
    let all = verdict("jose-2026/sd-jwt-vc.sd-jwt");
    assert_eq!(all["status"], "verified", "{all}");
    assert_eq!(
        stated(&all["facts"], "workload"),
        &json!([{"value": 50.0, "unit": "hours", "field": "expected_study_time"}])
    );
    assert_eq!(
        stated(&all["facts"], "outcomes").as_array().unwrap().len(),
        2
    );
    // Only the title disclosed: the rest is "not disclosed", never "absent".
    let shown = verdict("jose-2026/sd-jwt-vc-withheld.sd-jwt");
    assert_eq!(shown["status"], "verified", "{shown}");
    assert_eq!(
        shown["facts"]["workload"],
        json!({"state": "not_disclosed"})
    );
    assert_eq!(
        shown["facts"]["outcomes"],
        json!({"state": "not_disclosed"})
    );
}

/// A portfolio owned by ada@example.org with every facts fixture as a badge, and a
/// pathway that asks for 30 ECTS (with `credits_extra` added to its `credits:`).
fn portfolio(language: &str, theme: &str, credits_extra: &str) -> Portfolio {
    let p = Portfolio::fixture("basic");
    p.write(
        "folio.yaml",
        format!(
            "title: Facts\nbase_url: https://ada.example/\nlanguage: {language}\ntheme: {theme}\nowner:\n  name: Ada\n  email: ada@example.org\nbadges:\n  on_invalid: show\npathways:\n  - pathways/credits.yaml\n"
        ),
    );
    for file in [
        "ob3-standard.json",
        "edubadges-5-ects.json",
        "edubadges-12-ects.json",
        "edubadges-40-hours.json",
        "edubadges-altered-100-ects.json",
        "elm-learning-achievement.jwt",
    ] {
        p.write(
            &format!("badges/{file}"),
            std::fs::read(fixture(&format!("facts/{file}"))).unwrap(),
        );
    }
    let issuer: Value =
        serde_json::from_slice(&std::fs::read(fixture("facts/edubadges-5-ects.json")).unwrap())
            .unwrap();
    let did = issuer["issuer"]["id"].as_str().unwrap();
    p.write(
        "pathways/credits.yaml",
        format!(
            "pathway: 1\nid: https://careers.example/pathways/thirty\nname: Thirty credits\nissuers:\n  uvh: [{did}]\nrequires:\n  all:\n    - {{ name: A micro-credential, achievement_type: MicroCredential, issuer: uvh }}\ncredits: {{ at_least: 30, unit: ECTS{credits_extra} }}\n"
        ),
    );
    p
}

#[test]
fn a_pathway_counts_ects_from_verified_badges_only_and_never_adds_hours() {
    let p = portfolio("en", "default", "");
    p.run(&["build", "--offline"]).success();
    let page = p.read("public/pathways/thirty-credits/index.html");
    // 5 + 12 (Edubadges) + 6 (ELM): the altered 100 ECTS and the 40 hours add nothing.
    assert!(page.contains("<strong>23 of 30 ECTS</strong>"), "{page}");
    for counted in [
        "Spreadsheet Modelling for Finance",
        "Applied Statistics",
        "Sustainable Supply Chains",
    ] {
        assert!(page.contains(counted), "{counted} not counted");
    }
    let credits = &page[page.find("credits-h").unwrap()..];
    let credits = &credits[..credits.find("</section>").unwrap()];
    assert!(!credits.contains("Machine Learning Bootcamp"), "{credits}");
    assert!(!credits.contains("Data Ethics Workshop"), "{credits}");
    let receipt: Value =
        serde_json::from_str(&p.read("public/pathways/thirty-credits/progress.json")).unwrap();
    let credits = &receipt["credits"];
    assert_eq!(credits["earned"], 23.0, "{receipt}");
    assert_eq!(credits["met"], false);
    // Hours count only at a rate the pathway declares: 40 h at 25 h an ECTS is 1.6.
    let p = portfolio("en", "default", ", hours_per_unit: 25");
    p.run(&["build", "--offline"]).success();
    let page = p.read("public/pathways/thirty-credits/index.html");
    assert!(page.contains("<strong>24.6 of 30 ECTS</strong>"), "{page}");
    assert!(
        page.contains("Data Ethics Workshop</a>: 1.6 ECTS (converted from 40 hours)"),
        "{page}"
    );
    // A unit folio does not count is refused on its line.
    let p = portfolio("en", "default", "");
    let file = p
        .read("pathways/credits.yaml")
        .replace("unit: ECTS", "unit: points");
    p.write("pathways/credits.yaml", file);
    p.run(&["build", "--offline"])
        .failure(1)
        .stderr_has("pathways/credits.yaml:9")
        .stderr_has("`credits.unit` `points` is not a unit folio counts");
}

#[test]
fn badge_pages_show_the_facts_of_verified_badges_in_both_themes() {
    for (language, theme, workload, annex) in [
        (
            "en",
            "default",
            "5 ECTS",
            "EU micro-credential: 11 of 11 mandatory elements stated",
        ),
        (
            "de",
            "default",
            "5 ECTS",
            "EU-Microcredential: 11 von 11 Pflichtangaben gemacht",
        ),
        (
            "en",
            "resume",
            "5 ECTS",
            "EU micro-credential: 11 of 11 mandatory elements stated",
        ),
    ] {
        let p = portfolio(language, theme, "");
        p.run(&["build", "--offline"]).success();
        let page = p.read("public/badges/edubadges-5-ects/index.html");
        let facts = &page[page
            .find("mc-facts")
            .unwrap_or_else(|| panic!("{theme} {language}: {page}"))..];
        let facts = &facts[..facts.find("</section>").unwrap()];
        let plain = facts.replace(['\u{2068}', '\u{2069}'], "");
        assert!(plain.contains(workload), "{theme} {language}: {plain}");
        assert!(plain.contains(annex), "{theme} {language}: {plain}");
        assert!(plain.contains("NVAO accreditation"), "{plain}");
        assert!(plain.contains("EQF 6"), "{plain}");
        // The card line on the badge list says credits and level.
        let list = p
            .read("public/badges/index.html")
            .replace(['\u{2068}', '\u{2069}'], "");
        assert!(list.contains("5 ECTS · EQF 6"), "{theme} {language}");
        // The altered badge's page states no facts.
        let altered = p.read("public/badges/edubadges-altered-100-ects/index.html");
        assert!(
            !altered.contains("mc-facts"),
            "{theme}: facts of a failed badge"
        );
    }
}

#[test]
fn structured_data_and_llms_txt_keep_checked_apart_from_claimed() {
    let p = portfolio("en", "default", "");
    p.run(&["build", "--offline"]).success();
    let page = p.read("public/badges/elm-learning-achievement/index.html");
    let start = page.find("application/ld+json\">").unwrap() + "application/ld+json\">".len();
    let data: Value =
        serde_json::from_str(&page[start..start + page[start..].find("</script>").unwrap()])
            .unwrap();
    assert_eq!(data["timeRequired"], "PT150H");
    assert_eq!(data["educationalLevel"][0]["termCode"], "7");
    assert_eq!(
        data["additionalProperty"][0],
        json!({"@type": "PropertyValue", "propertyID": "ECTS", "value": 6.0})
    );
    // No recognizedBy: nobody vouches for this issuer in this portfolio.
    assert!(data.get("recognizedBy").is_none(), "{data}");

    let llms = p.read("public/llms.txt");
    assert!(llms.starts_with("# Facts\n\n> "), "{llms}");
    let own = llms
        .find("## Ada's own pages (their own words, not checked)")
        .expect("own pages");
    let verified = llms
        .find("## Verified credentials (checked by folio on ")
        .expect("verified");
    let other = llms
        .find("## Credentials that are not verified (their text is only a claim)")
        .expect("not verified");
    assert!(own < verified && verified < other, "{llms}");
    let verified_part = &llms[verified..other];
    for name in [
        "Data Engineering Fundamentals",
        "Spreadsheet Modelling for Finance",
        "Applied Statistics",
        "Data Ethics Workshop",
        "Sustainable Supply Chains",
    ] {
        let line = verified_part
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not listed as verified:\n{llms}"));
        assert!(line.contains("verified, checked 20"), "{line}");
        assert!(line.contains("verification.json"), "{line}");
    }
    assert!(
        verified_part.contains("workload: 5 ECTS"),
        "{verified_part}"
    );
    assert!(
        !verified_part.contains("Machine Learning Bootcamp"),
        "{llms}"
    );
    let other_part = &llms[other..];
    assert!(other_part.contains("[Machine Learning Bootcamp]"), "{llms}");
    assert!(other_part.contains("status failed"), "{llms}");
    // The owner's pages are listed as theirs.
    assert!(
        llms[own..verified].contains("https://ada.example/"),
        "{llms}"
    );

    // resume.json's certificates carry the facts, and the export stays valid.
    let resume: Value = serde_json::from_str(&p.read("public/resume.json")).unwrap();
    let problems = folio::resume::schema::validate(&resume);
    assert!(problems.is_empty(), "{problems:?}");
    let certificates = resume["certificates"].as_array().unwrap();
    let certificate = certificates
        .iter()
        .find(|c| c["name"] == "Spreadsheet Modelling for Finance")
        .expect("the verified badge is a certificate");
    assert_eq!(
        certificate["x-folio-facts"]["workload"],
        json!({"state": "stated", "value": [{"value": 5.0, "unit": "ects", "field": "ECTS"}]})
    );
    assert!(
        certificates
            .iter()
            .all(|c| c["name"] != "Machine Learning Bootcamp"),
        "the failed badge is no certificate"
    );
}

#[test]
fn the_skills_page_adds_up_credits_per_skill_without_mixing_units() {
    let p = portfolio("en", "default", "");
    p.run(&["build", "--offline"]).success();
    let page = p
        .read("public/skills/index.html")
        .replace(['\u{2068}', '\u{2069}'], "");
    let skill = &page[page
        .find("<strong>use spreadsheets software</strong>")
        .expect("the ESCO skill")..];
    let skill = &skill[..skill.find("</li>").unwrap()];
    // 5 + 12 ECTS, 3 credit hours and 40 hours, each apart; the altered 100 ECTS no part.
    assert!(
        skill.contains("17 ECTS · 3 credit hours · 40 hours"),
        "{skill}"
    );
}
