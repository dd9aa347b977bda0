//! Themes: built-in and from a path, overrides, parameters, version and template
//! checks, `folio theme check` and `folio theme new`, `folio init --theme`.

mod common;

use std::path::{Path, PathBuf};

use common::{Portfolio, copy_dir, run_in};

fn builtin_theme_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("themes")
        .join(name)
}

fn set(p: &Portfolio, from: &str, to: &str) {
    let text = p.read("folio.yaml");
    assert!(text.contains(from), "folio.yaml lacks {from:?}");
    p.write("folio.yaml", text.replace(from, to));
}

/// A copy of a built-in theme in `dir`, with `patch` applied to one template.
fn patched_theme(dir: &Path, template: &str, from: &str, to: &str) {
    copy_dir(&builtin_theme_dir("default"), dir);
    let path = dir.join("templates").join(template);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{template} lacks {from:?}");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn example_builds_with_each_builtin_theme() {
    for (theme, stylesheet, marker) in [
        ("default", "css/folio.css", "data-folio-verified"),
        ("resume", "css/resume.css", "data-resume-verified"),
    ] {
        let p = Portfolio::example();
        set(&p, "theme: default", &format!("theme: {theme}"));
        p.run(&["build", "--offline"]).success();
        let home = p.read("public/index.html");
        assert!(
            home.contains(&format!("/portfolio/{stylesheet}")),
            "{theme}"
        );
        assert!(p.root.join("public").join(stylesheet).is_file(), "{theme}");
        // Each theme marks the verified badges with its own marker, and only those.
        let verified = p.read("public/badges/sql-fundamentals/index.html");
        assert!(verified.contains(marker), "{theme}");
        let expired = p.read("public/badges/workplace-first-aid/index.html");
        assert!(
            !expired.contains(marker),
            "{theme}: expired badge shows {marker}"
        );
    }
}

#[test]
fn theme_from_a_path_inside_and_outside_the_portfolio() {
    let p = Portfolio::example();
    p.run(&["theme", "new", "themes/career-centre"]).success();
    let base = p.root.join("themes/career-centre/templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(
        &base,
        text.replace(
            "<main id=\"main\"",
            "<p class=\"career-banner\">Career Centre</p><main id=\"main\"",
        ),
    )
    .unwrap();
    set(&p, "theme: default", "theme: themes/career-centre");
    p.run(&["build", "--offline"]).success();
    assert!(p.read("public/about/index.html").contains("career-banner"));
    // The theme's own files are not published as content or static files.
    assert!(!p.root.join("public/themes").exists());

    // A theme folder elsewhere on disk, by absolute path.
    let elsewhere = tempfile::tempdir().unwrap();
    let theme = elsewhere.path().join("academy-theme");
    patched_theme(
        &theme,
        "base.html",
        "<main id=\"main\"",
        "<p>Academy</p><main id=\"main\"",
    );
    set(
        &p,
        "theme: themes/career-centre",
        &format!("theme: \"{}\"", theme.display()),
    );
    p.run(&["build", "--offline"]).success();
    assert!(p.read("public/about/index.html").contains("<p>Academy</p>"));
}

#[test]
fn portfolio_templates_and_static_files_override_the_theme() {
    let p = Portfolio::example();
    p.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<h1 class=\"mine\">{{ page.title }}</h1>{% endblock main %}",
    );
    p.write("static/css/folio.css", "body { color: rebeccapurple; }");
    p.run(&["build", "--offline"]).success();
    assert!(
        p.read("public/about/index.html")
            .contains("<h1 class=\"mine\">About me</h1>")
    );
    // Only that template: sections still use the theme's.
    assert!(
        !p.read("public/projects/index.html")
            .contains("class=\"mine\"")
    );
    assert_eq!(
        p.read("public/css/folio.css"),
        "body { color: rebeccapurple; }"
    );
}

#[test]
fn theme_parameters_reach_templates() {
    let p = Portfolio::example();
    // The example sets `accent: teal`; defaults fill in the rest (home_badges: 6).
    p.run(&["build", "--offline"]).success();
    let home = p.read("public/index.html");
    assert!(home.contains("data-accent=\"teal\""));
    assert_eq!(home.matches("class=\"card badge-card").count(), 6);

    set(&p, "accent: teal", "accent: plum\n  home_badges: 2");
    p.run(&["build", "--offline"]).success();
    let home = p.read("public/index.html");
    assert!(home.contains("data-accent=\"plum\""));
    assert_eq!(home.matches("class=\"card badge-card").count(), 2);

    // The résumé theme takes a colour and booleans.
    set(&p, "theme: default", "theme: resume");
    set(
        &p,
        "accent: plum\n  home_badges: 2",
        "accent: \"#1a4d7a\"\n  summaries: false",
    );
    p.run(&["build", "--offline"]).success();
    let home = p.read("public/index.html");
    assert!(home.contains("--accent: #1a4d7a;"));
    assert!(
        !home.contains("A weekly demand forecast"),
        "summaries: false"
    );
}

#[test]
fn bad_theme_parameters_are_clear_errors() {
    let p = Portfolio::example();
    p.run(&["build", "--offline"]).success();
    let before = p.tree("public");
    set(&p, "accent: teal", "acent: teal\n  home_badges: many");
    p.run(&["build", "--offline"])
        .failure(1)
        .stderr_has("folio.yaml:25: extra.acent: theme `default` has no parameter `acent`")
        .stderr_has("hint: did you mean `accent`?")
        .stderr_has(
            "folio.yaml:26: extra.home_badges: `many` is not a whole number (parameter `home_badges` of theme `default`)",
        );
    set(&p, "acent: teal\n  home_badges: many", "accent: red");
    p.run(&["build", "--offline"]).failure(1).stderr_has(
        "extra.accent: `red` is not one of `blue`, `teal`, `plum`, `amber` (parameter `accent` of theme `default`)",
    );
    assert_eq!(p.tree("public"), before);
}

#[test]
fn a_missing_template_and_a_version_mismatch_are_clear_errors() {
    let p = Portfolio::example();
    p.run(&["theme", "new", "themes/mine"]).success();
    std::fs::remove_file(p.root.join("themes/mine/templates/badge.html")).unwrap();
    set(&p, "theme: default", "theme: themes/mine");
    p.run(&["build", "--offline"])
        .failure(1)
        .stderr_has("themes/mine: templates/badge.html: theme `mine` has no template `badge.html`, which folio renders for each badge's page");
    assert!(!p.root.join("public").exists());

    // The portfolio may supply the missing template itself.
    std::fs::copy(
        builtin_theme_dir("default").join("templates/badge.html"),
        p.root.join("themes/mine/templates/badge.html"),
    )
    .unwrap();
    let manifest = p.read("themes/mine/theme.yaml");
    p.write(
        "themes/mine/theme.yaml",
        manifest.replace("folio: \">=0.1, <1.0\"", "folio: \">=9.0\""),
    );
    p.run(&["build", "--offline"])
        .failure(1)
        .stderr_has(&format!(
            "themes/mine: theme.yaml: theme `mine` 0.1.0 supports folio >=9.0, and this is folio {}",
            env!("CARGO_PKG_VERSION")
        ));
    assert!(!p.root.join("public").exists(), "nothing rendered");
    p.write("themes/mine/theme.yaml", "name: mine\nversion: one\n");
    p.run(&["build", "--offline"])
        .failure(1)
        .stderr_has("themes/mine/theme.yaml:1:1: missing field `folio`");
    p.run(&["theme", "new", "themes/mine"])
        .failure(2)
        .stderr_has("already exists and is not empty");
}

#[test]
fn theme_check_passes_the_builtin_themes_and_a_new_theme() {
    for name in ["default", "resume"] {
        let dir = builtin_theme_dir(name);
        let run = run_in(
            Path::new(env!("CARGO_MANIFEST_DIR")),
            &["theme", "check", dir.to_str().unwrap()],
        );
        run.success();
        assert!(
            run.stdout
                .contains(&format!("theme `{name}` 1.0.0: passes the theme contract")),
            "{}",
            run.stdout
        );
    }
    let tmp = tempfile::tempdir().unwrap();
    run_in(
        tmp.path(),
        &["theme", "new", "career-centre", "--from", "resume"],
    )
    .success();
    run_in(tmp.path(), &["theme", "check", "career-centre"]).success();
    assert!(tmp.path().join("career-centre/README.md").is_file());
}

#[test]
fn theme_check_fails_a_theme_that_shows_every_badge_as_verified() {
    let tmp = tempfile::tempdir().unwrap();
    let theme = tmp.path().join("always-verified");
    patched_theme(
        &theme,
        "macros.html",
        "{% if b.status == \"verified\" %}",
        "{% if true %}",
    );
    let run = run_in(tmp.path(), &["theme", "check", "always-verified"]);
    run.failure(1);
    for page in [
        "badges/expired/index.html",
        "badges/revoked/index.html",
        "badges/failed/index.html",
        "badges/unverifiable/index.html",
        "badges/index.html",
    ] {
        run.stderr_has(&format!(
            "test portfolio (English, no verified badge): {page}: shows the verified marker `data-folio-verified` although no badge in this build is verified"
        ));
    }
    assert!(run.stdout.contains("does not pass the theme contract"));
}

#[test]
fn theme_check_reports_template_errors_with_file_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let theme = tmp.path().join("typo");
    patched_theme(
        &theme,
        "page.html",
        "<h1>{{ page.title }}</h1>",
        "<h1>{{ page.titel }}</h1>",
    );
    let skills = theme.join("templates/skills.html");
    let text = std::fs::read_to_string(&skills).unwrap();
    std::fs::write(
        &skills,
        text.replace("{% endblock main %}", "{% if %}{% endblock main %}"),
    )
    .unwrap();
    let run = run_in(tmp.path(), &["theme", "check", "typo"]);
    run.failure(1);
    let line_of = |template: &str, text: &str| {
        std::fs::read_to_string(theme.join("templates").join(template))
            .unwrap()
            .lines()
            .position(|l| l.contains(text))
            .unwrap()
            + 1
    };
    // Both in one run: the syntax error does not hide the missing variable.
    run.stderr_has(&format!(
        "typo/templates/page.html:{}: while rendering",
        line_of("page.html", "page.titel")
    ))
    .stderr_has("Variable `page.titel` not found")
    .stderr_has(&format!(
        "typo/templates/skills.html:{}:7: Failed to parse 'skills.html'",
        line_of("skills.html", "{% if %}")
    ));
}

#[test]
fn theme_check_wants_right_to_left_support_and_a_manifest() {
    let tmp = tempfile::tempdir().unwrap();
    let theme = tmp.path().join("ltr-only");
    patched_theme(
        &theme,
        "base.html",
        " dir=\"{% if page is defined %}{{ page.direction }}{% else %}{{ config.direction }}{% endif %}\"",
        "",
    );
    run_in(tmp.path(), &["theme", "check", "ltr-only"])
        .failure(1)
        .stderr_has("test portfolio (Arabic, right to left): index.html: a right-to-left site's page lacks `dir=\"rtl\"` on <html>");

    std::fs::create_dir_all(tmp.path().join("not-a-theme/templates")).unwrap();
    run_in(tmp.path(), &["theme", "check", "not-a-theme"])
        .failure(1)
        .stderr_has("not-a-theme is not a theme: it has no theme.yaml");
}

#[test]
fn init_with_a_theme() {
    let tmp = tempfile::tempdir().unwrap();
    run_in(tmp.path(), &["init", "cv", "--theme", "resume"]).success();
    let config = std::fs::read_to_string(tmp.path().join("cv/folio.yaml")).unwrap();
    assert!(config.contains("theme: resume"));
    run_in(&tmp.path().join("cv"), &["build"]).success();
    assert!(tmp.path().join("cv/public/css/resume.css").is_file());
    run_in(tmp.path(), &["init", "x", "--theme", "resumee"])
        .failure(2)
        .stderr_has("unknown theme `resumee`");
}

#[test]
fn theme_check_reports_a_recursive_template_instead_of_crashing() {
    let tmp = tempfile::tempdir().unwrap();
    let theme = tmp.path().join("loop");
    patched_theme(
        &theme,
        "page.html",
        "<h1>{{ page.title }}</h1>",
        "<h1>{{ page.title }}</h1>{% include \"page.html\" %}",
    );
    let run = run_in(tmp.path(), &["theme", "check", "loop"]);
    run.failure(1)
        .stderr_has("loop/templates/page.html:")
        .stderr_has("recursion: page.html includes page.html");
}

#[test]
fn theme_check_fails_verified_claims_without_the_marker() {
    // Every status shown as "✓ Verified" — spelt with a soft hyphen, never with the
    // declared marker — and, in a second theme, said in an image's alt text only.
    let tmp = tempfile::tempdir().unwrap();
    let text = tmp.path().join("fake-text");
    patched_theme(
        &text,
        "macros.html",
        "{{ b.status_label }} <span class=\"checked\">",
        "✓ Veri&shy;fied <span class=\"checked\">",
    );
    let alt = tmp.path().join("fake-alt");
    patched_theme(
        &alt,
        "badge.html",
        "{% block main %}",
        "{% block main %}<img src=\"data:,\" alt=\"Verified seal\">",
    );
    for (theme, claim) in [("fake-text", "✓ Veri"), ("fake-alt", "Verified seal")] {
        let run = run_in(tmp.path(), &["theme", "check", theme]);
        run.failure(1);
        for (slug, status) in [
            ("expired", "expired"),
            ("revoked", "revoked"),
            ("failed", "failed"),
            ("unverifiable", "unverifiable"),
        ] {
            run.stderr_has(&format!(
                "test portfolio (English, no verified badge): badges/{slug}/index.html: claims verification for a badge that is {status}: \""
            ));
        }
        run.stderr_has(claim);
        assert!(run.stdout.contains("does not pass the theme contract"));
    }
}

#[test]
fn theme_check_fails_a_theme_that_shows_unmet_requirements_as_met() {
    let tmp = tempfile::tempdir().unwrap();
    let liar = tmp.path().join("every-box-ticked");
    patched_theme(
        &liar,
        "pathway.html",
        r#"data-requirement="{{ row.id }}"{% if row.met %} data-folio-met{% endif %}"#,
        r#"data-requirement="{{ row.id }}" data-folio-met"#,
    );
    let run = run_in(tmp.path(), &["theme", "check", "every-box-ticked"]);
    run.failure(1).stderr_has(
        "test portfolio (English, every badge status): pathways/theme-check-pathway/index.html: requirement 2 is not met but its element carries `data-folio-met`",
    );
    // With no verified badge, nothing is met, and every ticked box is reported.
    run.stderr_has(
        "test portfolio (English, no verified badge): pathways/theme-check-pathway/index.html: requirement 1 is not met",
    );
    // Both built-in themes pass.
    for theme in ["default", "resume"] {
        run_in(tmp.path(), &["theme", "check", theme]).success();
    }
}

#[test]
fn theme_check_sees_through_disguised_verified_claims() {
    // Each theme shows every badge that is not verified as verified in one disguise:
    // look-alike letters, another language, a sentence read as a negation, a word
    // split across blocks, form controls, an inner document, CSS, escaped JSON-LD.
    let tmp = tempfile::tempdir().unwrap();
    let status = "{{ b.status_label }} <span class=\"checked\">";
    let disguises: &[(&str, &str, &str, &str)] = &[
        (
            "math-bold",
            "macros.html",
            status,
            "𝐕𝐞𝐫𝐢𝐟𝐢𝐞𝐝 <span class=\"checked\">",
        ),
        (
            "greek",
            "macros.html",
            status,
            "Vεrιfιεd <span class=\"checked\">",
        ),
        (
            "circled",
            "macros.html",
            status,
            "Ⓥⓔⓡⓘⓕⓘⓔⓓ <span class=\"checked\">",
        ),
        (
            "spanish",
            "macros.html",
            status,
            "Verificado <span class=\"checked\">",
        ),
        (
            "french",
            "macros.html",
            status,
            "Vérifié <span class=\"checked\">",
        ),
        (
            "german",
            "macros.html",
            status,
            "Verifiziert <span class=\"checked\">",
        ),
        (
            "no-doubt",
            "macros.html",
            status,
            "No doubt: Verified ✓ <span class=\"checked\">",
        ),
        (
            "rely",
            "macros.html",
            status,
            "You can rely on it. Verified <span class=\"checked\">",
        ),
        (
            "split",
            "macros.html",
            status,
            "</span><div style=\"display:inline\">Veri</div><div style=\"display:inline\">fied</div><span> <span class=\"checked\">",
        ),
        (
            "form-value",
            "macros.html",
            status,
            "<input value=\"✓ Verified\" readonly> <span class=\"checked\">",
        ),
        (
            "option-label",
            "macros.html",
            status,
            "<select><option label=\"Verified\"></option></select> <span class=\"checked\">",
        ),
        (
            "srcdoc",
            "macros.html",
            status,
            "<iframe title=\"status\" srcdoc=\"&lt;p&gt;Verified&lt;/p&gt;\"></iframe> <span class=\"checked\">",
        ),
        (
            "inline-css",
            "macros.html",
            status,
            "<style>.status::after{content:\"\\2713  Verified\"}</style> <span class=\"checked\">",
        ),
        (
            "json-ld",
            "badge.html",
            "{% if badge.structured_data %}",
            "<script type=\"application/ld+json\">{\"name\": \"x\", \"status\": \"\\u0056erified\"}</script>{% if badge.structured_data %}",
        ),
    ];
    for (name, template, from, to) in disguises {
        patched_theme(&tmp.path().join(name), template, from, to);
    }
    // A stylesheet that adds the claim to every status.
    let css_theme = tmp.path().join("stylesheet");
    copy_dir(&builtin_theme_dir("default"), &css_theme);
    let css = css_theme.join("static/css/folio.css");
    let mut text = std::fs::read_to_string(&css).unwrap();
    text.push_str("\n.status::after { content: \" \\2713  Verified\"; }\n");
    std::fs::write(&css, text).unwrap();
    for (name, ..) in disguises {
        eprintln!("disguise: {name}");
        let run = run_in(tmp.path(), &["theme", "check", name]);
        run.failure(1);
        run.stderr_has(
            "test portfolio (English, no verified badge): badges/expired/index.html: claims verification for a badge that is expired",
        );
    }
    run_in(tmp.path(), &["theme", "check", "stylesheet"])
        .failure(1)
        .stderr_has(
            "test portfolio (English, no verified badge): css/folio.css: generates a verification claim in CSS although no badge in this build is verified",
        );
}

#[test]
fn theme_check_reads_every_page_not_only_badge_pages() {
    // The home page prints "✓ Verified" next to every badge; its badge pages are honest.
    let tmp = tempfile::tempdir().unwrap();
    patched_theme(
        &tmp.path().join("boastful-home"),
        "index.html",
        "{{ m::badge_card(b=b) }}",
        "{{ m::badge_card(b=b) }}<li>{{ b.name }}: ✓ Verified</li>",
    );
    let run = run_in(tmp.path(), &["theme", "check", "boastful-home"]);
    run.failure(1).stderr_has(
        "test portfolio (English, no verified badge): index.html: claims verification for a badge that is not verified (none is): \"",
    );
    assert!(
        !run.stderr.contains("badges/expired/index.html"),
        "{}",
        run.stderr
    );
}

/// Every file under `dir`, relative, with its bytes.
fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

#[test]
fn shared_partials_print_what_the_inline_markup_would() {
    // Each built-in theme prints its navigation and footer with `shared()`, once a
    // build. The same theme with every partial written back inline (and `key` as the
    // variable it stands for) builds byte for byte the same site, in two languages.
    for (theme, calls) in [
        (
            "default",
            &[
                (
                    "site-nav",
                    "shared(template=\"partials/site-nav.html\", key=here)",
                    "here",
                ),
                (
                    "site-footer",
                    "shared(template=\"partials/site-footer.html\")",
                    "",
                ),
            ][..],
        ),
        (
            "resume",
            &[
                (
                    "masthead",
                    "shared(template=\"partials/masthead.html\")",
                    "",
                ),
                (
                    "colophon",
                    "shared(template=\"partials/colophon.html\")",
                    "",
                ),
            ][..],
        ),
    ] {
        let p = Portfolio::example();
        set(&p, "theme: default", &format!("theme: {theme}"));
        let config = p.read("folio.yaml").replacen("language: en\n", "", 1);
        p.write("folio.yaml", format!("languages: [en, de]\n{config}"));
        p.run(&["build", "--offline"]).success();
        let shared = tree(&p.root.join("public"));

        let dir = p.root.join("themes/inline");
        copy_dir(&builtin_theme_dir(theme), &dir);
        let base_path = dir.join("templates/base.html");
        let mut base = std::fs::read_to_string(&base_path).unwrap();
        for (name, call, key) in calls {
            let partial =
                std::fs::read_to_string(dir.join(format!("templates/partials/{name}.html")))
                    .unwrap();
            let inline = if key.is_empty() {
                partial
            } else {
                partial.replace("key ==", &format!("{key} =="))
            };
            let written = format!("{{{{ {call} }}}}");
            assert!(
                base.contains(&written),
                "{theme}: base.html lacks {written}"
            );
            base = base.replace(&written, &inline);
        }
        assert!(!base.contains("shared("));
        std::fs::write(&base_path, base).unwrap();
        set(&p, &format!("theme: {theme}"), "theme: themes/inline");
        std::fs::remove_dir_all(p.root.join("public")).unwrap();
        p.run(&["build", "--offline"]).success();
        let inline = tree(&p.root.join("public"));
        assert_eq!(
            shared.keys().collect::<Vec<_>>(),
            inline.keys().collect::<Vec<_>>(),
            "{theme}"
        );
        let differ: Vec<&String> = shared
            .iter()
            .filter(|(k, v)| !k.ends_with("verification.json") && inline[*k] != **v)
            .map(|(k, _)| k)
            .collect();
        assert!(differ.is_empty(), "{theme}: {differ:?}");
        assert!(shared.contains_key("de/index.html"), "{theme}");
    }
}
