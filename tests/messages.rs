//! Messages a learner reads when something is wrong: each says what is wrong in their
//! words and the fix that applies (issue 32), through the real binary.

mod common;

use std::time::Duration;

use common::Portfolio;
use common::server::{generation, get, next_line, start, wait_rebuild};
use folio::badge::sign::{Issuer, sample_badge};

fn signed(name: &str, subject: Option<serde_json::Value>) -> String {
    let issuer = Issuer::from_seed([91; 32]);
    let mut doc = sample_badge(&issuer, name, "2026-01-10T09:00:00Z");
    if let Some(subject) = subject {
        doc["credentialSubject"] = subject;
    }
    issuer
        .sign_rdfc(doc, "2026-01-10T09:00:00Z")
        .unwrap()
        .to_string()
}

#[test]
fn a_badge_issued_to_another_identity_suggests_adding_it_not_showing_it() {
    let p = Portfolio::fixture("basic");
    let subject = serde_json::json!({"type": ["AchievementSubject"], "id": "mailto:ada.okafor@uni.example",
        "achievement": {"id": "https://academy.example/a/1", "type": ["Achievement"], "name": "SQL", "criteria": {"narrative": "x"}}});
    p.write("badges/sql.json", signed("SQL", Some(subject)));
    let run = p.run(&["build"]);
    run.failure(1)
        .stderr_has("badges/sql.json: the badge failed a check: recipient check")
        .stderr_has("Every identity in `owner.identities` is a public claim")
        .stderr_has("Add it only if it really is yours");
    assert!(!run.stderr.contains("on_invalid: show"), "{}", run.stderr);
}

#[test]
fn a_file_that_is_not_a_credential_is_named_so_and_never_gets_a_page() {
    let p = Portfolio::fixture("basic");
    // A logo left in the badges folder: a PNG with no credential baked in.
    let png = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/screenshot.png"),
    )
    .unwrap();
    p.write("badges/logo.png", png);
    let run = p.run(&["build"]);
    run.failure(1)
        .stderr_has("badges/logo.png: the badge failed a check: parse check")
        .stderr_has("this file is not a credential");
    let config = p.read("folio.yaml");
    p.write(
        "folio.yaml",
        format!("{config}badges:\n  on_invalid: show\n"),
    );
    let run = p.run(&["build"]);
    run.success()
        .stderr_has("badges/logo.png: left out: not a credential");
    assert!(!p.root.join("public/badges/logo/index.html").exists());
}

#[test]
fn a_tab_in_yaml_is_called_a_tab() {
    let p = Portfolio::fixture("basic");
    let config = p.read("folio.yaml");
    p.write(
        "folio.yaml",
        config.replace("\n  headline:", "\n\theadline:"),
    );
    p.run(&["build"])
        .failure(1)
        .stderr_has("folio.yaml:")
        .stderr_has("a tab: YAML indents with spaces only")
        .stderr_has("replace the tab with spaces");
}

#[test]
fn a_refused_connection_is_said_in_words() {
    // A status list on a loopback port where nothing listens.
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let issuer = Issuer::from_seed([92; 32]);
    let mut doc = sample_badge(&issuer, "Listed", "2026-01-10T09:00:00Z");
    doc["credentialStatus"] = serde_json::json!({"id": format!("http://127.0.0.1:{port}/s#1"), "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation", "statusListIndex": "1", "statusListCredential": format!("http://127.0.0.1:{port}/s")});
    let p = Portfolio::fixture("basic");
    p.write(
        "badges/listed.json",
        issuer
            .sign_rdfc(doc, "2026-01-10T09:00:00Z")
            .unwrap()
            .to_string(),
    );
    let run = common::run_env(
        &p.root,
        &["verify", "badges/listed.json"],
        &[("FOLIO_ALLOW_LOOPBACK_HTTP", "1")],
    );
    assert!(
        run.stdout
            .contains("could not be fetched: the connection was refused or timed out"),
        "{}",
        run.stdout
    );
    assert!(!run.stdout.contains("Connection Failed"), "{}", run.stdout);
}

#[test]
fn serve_prints_a_badge_warning_once_not_on_every_save() {
    let p = Portfolio::fixture("basic");
    let issuer = Issuer::from_seed([93; 32]);
    let mut doc = sample_badge(&issuer, "Old Course", "2024-01-10T09:00:00Z");
    doc["validUntil"] = serde_json::json!("2025-01-01T00:00:00Z");
    p.write(
        "badges/old.json",
        issuer
            .sign_rdfc(doc, "2024-01-10T09:00:00Z")
            .unwrap()
            .to_string(),
    );
    let s = start(&p, &["--port", "0"]);
    next_line(&s.stdout, "built");
    let warning = "badges/old.json: not shown as verified: the badge is expired";
    let mut seen = 0;
    while let Ok(line) = s.stderr.recv_timeout(Duration::from_millis(500)) {
        seen += usize::from(line.contains(warning));
    }
    assert_eq!(seen, 1, "the first build warns once");
    // Each save waits for its own rebuild, seen in the served page.
    for i in 0..2 {
        let since = generation(&s);
        p.write(
            "content/about.md",
            format!("---\ntitle: About\n---\nEdit {i}.\n"),
        );
        let mut g = wait_rebuild(&s, since);
        while !get(&s, "/about/").text().contains(&format!("Edit {i}.")) {
            g = wait_rebuild(&s, g);
        }
    }
    while let Ok(line) = s.stderr.recv_timeout(Duration::from_millis(500)) {
        assert!(
            !line.contains(warning),
            "printed again after a save: {line}"
        );
    }
}

/// The basic portfolio published under `/portfolio/`, as a GitHub project site is.
fn under_a_project_path() -> Portfolio {
    let p = Portfolio::fixture("basic");
    let config = p.read("folio.yaml");
    p.write(
        "folio.yaml",
        config.replace(
            "https://learner.example/",
            "https://learner.example/portfolio/",
        ),
    );
    p
}

#[test]
fn a_broken_root_relative_link_names_its_line_under_a_project_path() {
    let p = under_a_project_path();
    p.write(
        "content/about.md",
        "---\ntitle: About\n---\nHello.\n\nSee [my CV](/cv/) and ![chart](/images/chart.png).\n",
    );
    p.run(&["check"])
        .failure(1)
        .stderr_has("content/about.md:6: broken link `/portfolio/cv/`")
        .stderr_has("content/about.md:6: broken link `/portfolio/images/chart.png`");
    let run = p.run(&["check", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    for b in v["broken_links"].as_array().unwrap() {
        assert_eq!(b["source_line"], 6, "{b}");
    }
}

#[test]
fn a_mistyped_front_matter_image_is_one_error_on_its_line() {
    let p = under_a_project_path();
    p.write(
        "content/about.md",
        "---\ntitle: About\nimage: images/chrat.png\n---\nHello.\n",
    );
    let run = p.run(&["build"]);
    run.failure(1)
        .stderr_has("error: content/about.md:3: broken link")
        .stderr_has("no file images/chrat.png in the output");
    assert!(!run.stderr.contains("the templates of"), "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("images/chrat.png in the output").count(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn a_pathway_page_names_achievements_and_issuers_in_words() {
    let p = Portfolio::example();
    p.run(&["build"]).success();
    let html = p.read("public/pathways/junior-data-analyst/index.html");
    // The visible text: tags removed.
    let mut text = String::new();
    let mut in_tag = false;
    for c in common::main_of(&html).chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    assert!(
        !text.contains("https://academy.example/achievements/"),
        "{text}"
    );
    assert!(!text.contains("issued by academy"), "{text}");
    assert!(text.contains("the achievement “junior data analyst” (academy.example), issued by Northern Code Academy"), "{text}");
}

#[test]
fn a_language_name_and_a_word_for_a_number_are_explained_in_plain_words() {
    let p = Portfolio::fixture("basic");
    let config = p.read("folio.yaml");
    p.write("folio.yaml", format!("language: german\n{config}"));
    p.run(&["build"])
        .failure(1)
        .stderr_has("folio.yaml:1: `german` is not a language tag: did you mean `de`?");
    p.write("folio.yaml", config);
    p.write(
        "content/w.md",
        "---\ntitle: Weighted\nweight: one\n---\nBody.\n",
    );
    p.run(&["build"])
        .failure(1)
        .stderr_has("content/w.md:3: `weight`: it is the text \"one\", expected a whole number")
        .stderr_has("a whole number: `weight: 2`");
}

/// Each YAML mistake a learner makes, said in plain words at the line to change, with
/// the fix (instead of the parser's "mapping values are not allowed in this context").
#[test]
fn yaml_syntax_errors_say_what_is_wrong_where_and_how_to_fix_it() {
    let p = Portfolio::fixture("basic");
    let page = |front: &str, want: &[&str]| {
        p.write("content/y.md", format!("---\n{front}---\nBody.\n"));
        let run = p.run(&["build"]);
        run.failure(1);
        for w in want {
            run.stderr_has(w);
        }
        assert!(!run.stderr.contains("mapping values"), "{}", run.stderr);
        assert!(
            !run.stderr.contains("did not find expected"),
            "{}",
            run.stderr
        );
    };
    page(
        "title: Notes: week one\ndate: 2025-01-01\n",
        &[
            "content/y.md:2: invalid front matter: the value of `title` has `: ` in it, which YAML reads as the start of another key",
            "hint: put the value in quotes: `title: \"Notes: week one\"`",
        ],
    );
    page(
        "title: Week one\nsummary: \"What I learnt\ndate: 2025-01-01\ntags: [a]\n",
        &[
            "content/y.md:3: invalid front matter: this \" quote is never closed",
            "end the value with \" on the same line",
        ],
    );
    page(
        "title: x\ntags: [python, sql\ndate: 2025-01-01\n",
        &[
            "content/y.md:3: invalid front matter: a list opened with `[` is never closed",
            "end it with `]` on the same line, or write one `- item` per line below the key",
        ],
    );
    page(
        "title: x\nlinks:\n  github: https://github.com/ada\n gitlab: https://gitlab.com/ada\n",
        &[
            "content/y.md:5: invalid front matter: this line is indented by 1 space, which matches no line above it",
            "indent it by as many spaces as the other keys of its group",
        ],
    );
    page(
        "title: @ada\n",
        &[
            "content/y.md:2: invalid front matter: a value cannot start with `@` unless it is in quotes",
            "put the value in quotes",
        ],
    );
    p.remove("content/y.md");
    // folio.yaml too.
    let config = p.read("folio.yaml");
    p.write(
        "folio.yaml",
        format!("{config}\ndescription: Notes: on data\n"),
    );
    let line = config.lines().count() + 2;
    p.run(&["build"])
        .failure(1)
        .stderr_has(&format!(
            "folio.yaml:{line}: the value of `description` has `: ` in it"
        ))
        .stderr_has("put the value in quotes: `description: \"Notes: on data\"`");
}

#[test]
fn a_page_without_its_opening_fence_is_warned_about_on_its_line() {
    let p = Portfolio::fixture("basic");
    p.write(
        "content/fenceless.md",
        "\ntitle: Fenceless\ndate: 2025-01-01\n---\n\nBody.\n",
    );
    p.run(&["build"]).success().stderr_has(
        "content/fenceless.md:2: this looks like front matter without its opening `---`, so it is shown as text: add a line `---` above it",
    );
    // A page that only mentions a key in its text, or has no fence under it, is left alone.
    p.write(
        "content/fenceless.md",
        "title: of this page is below\n\nSome text.\n",
    );
    let run = p.run(&["build"]);
    run.success();
    assert!(!run.stderr.contains("opening `---`"), "{}", run.stderr);
}
