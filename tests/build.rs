//! `folio build` and `folio init`, driven through the real binary on fixture folders.

mod common;

use common::{Portfolio, fixtures, main_of, snapshot};

#[test]
fn builds_fixture_and_reports_summary() {
    let p = Portfolio::fixture("basic");
    let run = p.run(&["build"]);
    run.success();
    assert!(
        run.stdout.starts_with("built 3 pages and 2 sections in "),
        "{}",
        run.stdout
    );
    let out = p.tree("public");
    for file in [
        "index.html",
        "about/index.html",
        "projects/index.html",
        "projects/alpha/index.html",
        "projects/beta/index.html",
        "404.html",
        "robots-note.txt",
        "css/folio.css",
        ".nojekyll",
        "sitemap.xml",
        "robots.txt",
        ".folio-output",
    ] {
        assert!(
            out.contains_key(file),
            "missing {file}; have {:?}",
            out.keys()
        );
    }
    assert!(
        !out.contains_key("projects/gamma/index.html"),
        "drafts are left out"
    );
}

#[test]
fn pages_are_sorted_newest_first_and_links_resolve() {
    let p = Portfolio::fixture("basic");
    p.run(&["build"]).success();
    let section = p.read("public/projects/index.html");
    let beta = section.find("Beta").unwrap();
    let alpha = section.find("Alpha").unwrap();
    assert!(beta < alpha, "newer page first");
    let about = p.read("public/about/index.html");
    assert!(
        about.contains(r#"href="/projects/alpha/#results""#),
        "{about}"
    );
    let alpha = p.read("public/projects/alpha/index.html");
    assert!(alpha.contains(r#"<h2 id="results">"#));
    assert!(alpha.contains("<table>"));
}

#[test]
fn navigation_lists_weighted_pages_then_sections() {
    let p = Portfolio::fixture("basic");
    p.run(&["build"]).success();
    let about = p.read("public/about/index.html");
    let nav = &about[about.find("<nav").unwrap()..about.find("</nav>").unwrap()];
    let a = nav.find(r#"<a href="/about/" aria-current="page">About</a>"#);
    let b = nav.find(r#"<a href="/projects/">Projects</a>"#);
    assert!(a.is_some() && b.is_some() && a < b, "{nav}");
    let alpha = p.read("public/projects/alpha/index.html");
    assert!(alpha.contains(r#"<a href="/projects/" aria-current="page">Projects</a>"#));
}

#[test]
fn drafts_flag_includes_drafts() {
    let p = Portfolio::fixture("basic");
    p.run(&["build", "--drafts"]).success();
    assert!(p.root.join("public/projects/gamma/index.html").is_file());
}

#[test]
fn base_url_with_subpath_prefixes_every_link() {
    let p = Portfolio::fixture("basic");
    p.run(&[
        "build",
        "--base-url",
        "https://learner.github.io/portfolio/",
    ])
    .success();
    let about = p.read("public/about/index.html");
    assert!(
        about.contains(r#"href="/portfolio/projects/alpha/#results""#),
        "{about}"
    );
    assert!(about.contains(r#"href="/portfolio/css/folio.css""#));
    let alpha = p.read("public/projects/alpha/index.html");
    assert!(
        alpha.contains(r#"src="/portfolio/files/pixel.png""#),
        "{alpha}"
    );
    assert!(alpha.contains(r#"href="https://learner.github.io/portfolio/projects/alpha/""#));
    // No root-relative link escapes the prefix.
    for (name, bytes) in p.tree("public") {
        if !name.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for attr in ["href=\"/", "src=\"/"] {
            for (i, _) in html.match_indices(attr) {
                let rest = &html[i + attr.len() - 1..];
                assert!(
                    rest.starts_with("/portfolio/"),
                    "{name}: {}",
                    &rest[..40.min(rest.len())]
                );
            }
        }
    }
}

#[test]
fn out_flag_and_output_dir() {
    let p = Portfolio::fixture("basic");
    p.run(&["build", "--out", "docs"]).success();
    assert!(p.root.join("docs/index.html").is_file());
    assert!(!p.root.join("public").exists());
    // `--out` is relative to the current folder, not to `--root`.
    let parent = p.root.parent().unwrap();
    common::run_in(parent, &["build", "--root", "site", "--out", "preview"]).success();
    assert!(parent.join("preview/index.html").is_file());
    assert!(!p.root.join("preview").exists());
    // And still may not land inside what folio reads.
    common::run_in(
        parent,
        &["build", "--root", "site", "--out", "site/static/x"],
    )
    .failure(1)
    .stderr_has("is inside `static/`");
}

#[test]
fn root_flag_from_elsewhere() {
    let p = Portfolio::fixture("basic");
    let run = common::run_in(p.tmp.path(), &["build", "--root", "site"]);
    run.success();
    assert!(p.root.join("public/index.html").is_file());
}

#[test]
fn missing_config_is_a_usage_error() {
    let p = Portfolio::fixture("basic");
    p.remove("folio.yaml");
    p.run(&["build"])
        .failure(2)
        .stderr_has("folio.yaml: not found")
        .stderr_has("folio init");
}

#[test]
fn refuses_folder_it_did_not_write() {
    let p = Portfolio::fixture("basic");
    p.write("public/thesis.docx", "my only copy");
    p.run(&["build"])
        .failure(2)
        .stderr_has("refusing to replace an output folder that folio did not write")
        .stderr_has("hint:");
    assert_eq!(p.read("public/thesis.docx"), "my only copy");
    assert_eq!(p.tree("public").len(), 1);
}

#[test]
fn unwritable_output_is_an_io_error() {
    let p = Portfolio::fixture("basic");
    p.write("blocker", "a file where a folder should be");
    p.run(&["build", "--out", "blocker/public"])
        .failure(2)
        .stderr_has("blocker");
}

#[test]
fn rebuild_replaces_stale_files() {
    let p = Portfolio::fixture("basic");
    p.run(&["build"]).success();
    p.remove("content/projects/beta.md");
    p.run(&["build"]).success();
    assert!(!p.root.join("public/projects/beta").exists());
    let leftovers: Vec<_> = std::fs::read_dir(&p.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("folio-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Every folder in tests/fixtures/invalid/ is laid over the basic fixture after a good
/// build; the build must fail as `expect.txt` says and leave the output untouched.
#[test]
fn invalid_fixtures_fail_clearly_and_keep_previous_output() {
    let mut cases: Vec<_> = std::fs::read_dir(fixtures().join("invalid"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cases.sort();
    assert!(cases.len() >= 10);
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        let p = Portfolio::fixture("basic");
        p.run(&["build"]).success();
        let before = p.tree("public");
        p.overlay(&case);
        p.remove("expect.txt");
        let run = p.run(&["build"]);
        let expect = std::fs::read_to_string(case.join("expect.txt")).unwrap();
        for line in expect.lines() {
            let (key, value) = line.split_once(": ").unwrap();
            match key {
                "exit" => assert_eq!(
                    run.code.to_string(),
                    value,
                    "{name}: exit code; stderr:\n{}",
                    run.stderr
                ),
                "stderr" => assert!(
                    run.stderr.contains(value),
                    "{name}: stderr lacks {value:?}:\n{}",
                    run.stderr
                ),
                other => panic!("{name}: unknown expectation {other}"),
            }
        }
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
        assert!(
            p.tree("public") == before,
            "{name}: previous output changed"
        );
    }
}

#[test]
fn init_creates_a_portfolio_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let init = common::run_in(tmp.path(), &["init", "mine"]);
    init.success();
    // The next steps: preview, what to edit, where badges go, how to publish; each
    // command as it works from here: `folio` is not on this PATH, so its full path.
    let exe = std::path::Path::new(env!("CARGO_BIN_EXE_folio"))
        .canonicalize()
        .unwrap();
    let serve = format!("cd mine && {} serve", exe.display());
    for step in [
        serve.as_str(),
        "folio.yaml: your name, your email",
        "base_url",
        "badges/",
        "Settings → Pages",
    ] {
        assert!(init.stdout.contains(step), "{step}: {}", init.stdout);
    }
    // With folio on the PATH, just `folio`.
    let path = format!(
        "{}:{}",
        exe.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let again = common::run_env(tmp.path(), &["init", "mine-too"], &[("PATH", &path)]);
    assert!(
        again.stdout.contains("cd mine-too && folio serve"),
        "{}",
        again.stdout
    );
    let root = tmp.path().join("mine");
    for f in [
        "folio.yaml",
        "content/_index.md",
        ".github/workflows/pages.yml",
    ] {
        assert!(root.join(f).is_file(), "{f}");
    }
    let run = common::run_in(&root, &["build"]);
    run.success();
    assert!(
        root.join("public/projects/first-project/index.html")
            .is_file()
    );
    // The placeholder address is called out, at its line.
    run.stderr_has("warning: folio.yaml:2: base_url `https://USERNAME.github.io/portfolio/` still has the placeholder");
    // The about page is in the navigation; badges are not, until there are some.
    let home = std::fs::read_to_string(root.join("public/index.html")).unwrap();
    assert!(
        home.contains(r#"<a href="/portfolio/about/">About me</a>"#),
        "{home}"
    );
    assert!(!home.contains("/portfolio/badges/"), "{home}");
    // Once base_url is set, the warning goes.
    let config = std::fs::read_to_string(root.join("folio.yaml"))
        .unwrap()
        .replace("USERNAME.github.io", "ada.github.io");
    std::fs::write(root.join("folio.yaml"), config).unwrap();
    let run = common::run_in(&root, &["build"]);
    assert!(!run.stderr.contains("placeholder"), "{}", run.stderr);
    // A second init refuses to overwrite.
    common::run_in(tmp.path(), &["init", "mine"])
        .failure(2)
        .stderr_has("already exists");
}

#[test]
fn init_writes_the_owner_email() {
    let tmp = tempfile::tempdir().unwrap();
    let run = common::run_in(tmp.path(), &["init", "mine"]);
    assert!(run.stdout.contains("add `owner.email`"), "{}", run.stdout);
    common::run_in(tmp.path(), &["init", "ada", "--email", "ada@example.org"]).success();
    let config = std::fs::read_to_string(tmp.path().join("ada/folio.yaml")).unwrap();
    let yaml: serde_yaml::Value = serde_yaml::from_str(&config).unwrap();
    assert_eq!(yaml["owner"]["email"].as_str(), Some("ada@example.org"));
    common::run_in(&tmp.path().join("ada"), &["build"]).success();
    common::run_in(tmp.path(), &["init", "bad", "--email", "not an email"])
        .failure(2)
        .stderr_has("is not an email address");
}

#[test]
fn example_portfolio_builds() {
    let p = Portfolio::example();
    let run = p.run(&["build"]);
    run.success();
    let home = p.read("public/index.html");
    assert!(home.contains("Ada Okafor"));
    assert!(
        p.root
            .join("public/projects/demand-forecast/index.html")
            .is_file()
    );
    assert!(p.root.join("public/images/forecast.svg").is_file());
    assert!(!p.root.join("public/writing/next-post").exists());
    // Brands spelt as they spell themselves, in both built-in themes.
    for theme in ["default", "resume"] {
        let config = p
            .read("folio.yaml")
            .replace("theme: default", &format!("theme: {theme}"));
        p.write("folio.yaml", config);
        p.run(&["build"]).success();
        let home = p.read("public/index.html");
        assert!(
            home.contains(r#"<a href="https://github.com/ada-okafor">"#)
                && home.contains("GitHub</")
                && home.contains("LinkedIn</"),
            "{theme}"
        );
        assert!(
            !home.contains("Github") && !home.contains("Linkedin"),
            "{theme}"
        );
    }
}

#[test]
fn snapshots_of_main() {
    let p = Portfolio::fixture("basic");
    p.run(&["build"]).success();
    snapshot("home.html", main_of(&p.read("public/index.html")));
    snapshot(
        "section.html",
        main_of(&p.read("public/projects/index.html")),
    );
    snapshot(
        "page.html",
        main_of(&p.read("public/projects/alpha/index.html")),
    );
}

#[cfg(unix)]
#[test]
fn links_leading_outside_the_portfolio_are_not_published() {
    let p = Portfolio::fixture("basic");
    let outside = p.tmp.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), "SECRET-OUTSIDE").unwrap();
    std::fs::create_dir_all(p.root.join("static")).unwrap();
    std::fs::create_dir_all(p.root.join("badges")).unwrap();
    std::os::unix::fs::symlink(&outside, p.root.join("static/out")).unwrap();
    std::os::unix::fs::symlink("/etc", p.root.join("static/etc")).unwrap();
    std::os::unix::fs::symlink(
        outside.join("secret.txt"),
        p.root.join("badges/passwd.json"),
    )
    .unwrap();
    let config = p.read("folio.yaml") + "badges:\n  on_invalid: show\n";
    p.write("folio.yaml", config);
    let run = p.run(&["build"]);
    run.success()
        .stderr_has("static/out: skipped: the link leads outside the portfolio")
        .stderr_has("static/etc: skipped")
        .stderr_has("badges/passwd.json: skipped");
    let tree = p.tree("public");
    assert!(
        tree.keys()
            .all(|k| !k.starts_with("out/") && !k.starts_with("etc/"))
    );
    assert!(!p.root.join("public/badges/passwd").exists());
    assert!(
        tree.values()
            .all(|b| !String::from_utf8_lossy(b).contains("SECRET-OUTSIDE"))
    );
}

#[test]
fn templates_cannot_read_the_environment() {
    let p = Portfolio::fixture("basic");
    let page = "{% extends \"base.html\" %}{% block main %}{{ get_env(name=\"HOME\") }}{% endblock main %}";
    p.write("templates/page.html", page);
    p.run(&["build"])
        .failure(1)
        .stderr_has("get_env() is not available");
}

#[test]
fn output_dir_stays_inside_the_portfolio() {
    let p = Portfolio::fixture("basic");
    let base = p.read("folio.yaml");
    p.write("static/authorized_keys", "ssh-ed25519 AAAA attacker");
    for dir in ["../victim", "/tmp/folio-victim-abs"] {
        p.write("folio.yaml", format!("{base}output_dir: {dir}\n"));
        p.run(&["build"])
            .failure(1)
            .stderr_has("is outside the portfolio");
    }
    assert!(!p.tmp.path().join("victim").exists());
    p.write("folio.yaml", format!("{base}output_dir: static/site\n"));
    p.run(&["build"]).failure(1).stderr_has("inside `static/`");
    // On the command line it is the user's own choice.
    p.write("folio.yaml", base);
    let elsewhere = p.tmp.path().join("elsewhere");
    p.run(&["build", "--out", &elsewhere.display().to_string()])
        .success();
    assert!(elsewhere.join("index.html").is_file());
}

#[test]
fn two_sources_for_one_output_path_are_an_error() {
    let p = Portfolio::fixture("basic");
    let before = p.tree("public");
    // A page where folio generates one, and static files over generated pages.
    p.write("content/skills.md", "---\ntitle: My skills\n---\nMine.\n");
    p.write("static/index.html", "FAKE HOME");
    p.write("static/projects/alpha/index.html", "FAKE VERIFIED");
    let run = p.run(&["build"]);
    run.failure(1)
        .stderr_has("content/skills.md: this and the page folio generates at skills/index.html would both be published as skills/index.html")
        .stderr_has("static/index.html: this and content/_index.md would both be published as index.html")
        .stderr_has("static/projects/alpha/index.html: this and content/projects/alpha.md");
    assert_eq!(p.tree("public"), before, "a failed build writes nothing");
    // The portfolio's static files may still replace the theme's.
    p.remove("content/skills.md")
        .remove("static/index.html")
        .remove("static/projects/alpha/index.html");
    p.write("static/css/folio.css", "body { color: red }");
    p.run(&["build"]).success();
    assert_eq!(p.read("public/css/folio.css"), "body { color: red }");
}

#[test]
fn recursive_templates_are_errors_not_crashes() {
    let cases = [
        // A template that includes itself.
        (
            vec![(
                "templates/page.html",
                "{% extends \"base.html\" %}\n{% block main %}\n{% include \"page.html\" %}\n{% endblock main %}\n",
            )],
            "templates/page.html:3: recursion: page.html includes page.html",
        ),
        // Two partials that include each other.
        (
            vec![
                ("templates/a.html", "<p>\n{% include \"b.html\" %}</p>\n"),
                ("templates/b.html", "{% include \"a.html\" %}\n"),
                (
                    "templates/page.html",
                    "{% extends \"base.html\" %}{% block main %}{% include \"a.html\" %}{% endblock main %}",
                ),
            ],
            "recursion: a.html includes b.html includes a.html",
        ),
        // A macro that calls itself, used from a page.
        (
            vec![
                (
                    "templates/macros.html",
                    "{% macro tree(n) %}\n<li>{{ n }}</li>\n{{ self::tree(n=n) }}\n{% endmacro tree %}\n",
                ),
                (
                    "templates/page.html",
                    "{% extends \"base.html\" %}{% import \"macros.html\" as m %}{% block main %}{{ m::tree(n=1) }}{% endblock main %}",
                ),
            ],
            "templates/macros.html:3: recursion: macro tree (macros.html) calls macro tree",
        ),
    ];
    for (files, expected) in cases {
        let p = Portfolio::fixture("basic");
        for (path, text) in files {
            p.write(path, text);
        }
        p.run(&["build"]).failure(1).stderr_has(expected);
        p.run(&["check"]).failure(1).stderr_has(expected);
    }
}

#[test]
fn templates_too_deep_for_the_stack_are_errors_not_crashes() {
    let p = Portfolio::fixture("basic");
    // 100,000 terms, 30,000 nested ifs: each used to overflow the stack and abort.
    let sum = format!("{{{{ 1{} }}}}", "+1".repeat(100_000));
    p.write("templates/sum.html", &sum);
    p.write(
        "templates/ifs.html",
        format!(
            "\n{}x{}",
            "{% if true %}".repeat(30_000),
            "{% endif %}".repeat(30_000)
        ),
    );
    // A chain of 40 distinct includes: no cycle, but deeper than any theme needs.
    for i in 0..40 {
        p.write(
            &format!("templates/c{i}.html"),
            format!("{{% include \"c{}.html\" %}}", i + 1),
        );
    }
    p.write("templates/c40.html", "end");
    // Found by fuzzing: multi-byte text inside a tag once panicked the scan.
    p.write(
        "templates/odd.html",
        "{% if a %}<p class=\"{{ x·y }}\">·</p>{% endif %}",
    );
    p.run(&["build"])
        .failure(1)
        .stderr_has("templates/odd.html:1:")
        .stderr_has("templates/sum.html:1: 100000 operators in one tag (at most 256)")
        .stderr_has("templates/ifs.html:2: block tags nested 65 deep (at most 64)")
        .stderr_has("templates/c0.html: c0.html enters 41 templates and macros one inside another (at most 32)");
}

#[test]
fn the_site_is_swapped_in_atomically_and_stale_staging_is_removed() {
    let p = Portfolio::fixture("basic");
    p.run(&["build"]).success();
    // What `kill -9` during a build leaves: a half-written staging folder and a
    // moved-aside old output, of processes that no longer exist.
    for stale in [".public.folio-new-999999999", ".public.folio-old-999999998"] {
        p.write(&format!("{stale}/index.html"), "half written");
    }
    // A reader polling the site while builds replace it never finds it missing.
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (done, index) = (done.clone(), p.root.join("public/index.html"));
        std::thread::spawn(move || {
            let mut missing = 0u32;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                if !index.exists() {
                    missing += 1;
                }
            }
            missing
        })
    };
    for _ in 0..40 {
        p.run(&["build"]).success();
    }
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    assert_eq!(
        reader.join().unwrap(),
        0,
        "public/ was missing during a swap"
    );
    let left: Vec<String> = std::fs::read_dir(&p.root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("folio-"))
        .collect();
    assert!(left.is_empty(), "debris left: {left:?}");
}

#[test]
fn ids_nul_cname_file_names_and_config_messages() {
    use folio::badge::sign::{Issuer, sample_badge};
    let p = Portfolio::fixture("basic");
    // Generated heading ids never repeat one another or an id the author gives.
    p.write(
        "content/dup.md",
        "---\ntitle: Dup\n---\n## Results 1\n\n## Results\n\n## Results\n\n## Mine {#results}\n\nnul:\0:here\n",
    );
    // Badge files whose names are special in URLs.
    let issuer = Issuer::from_seed([9; 32]);
    for name in ["a#b", "c?d", "e%f"] {
        let doc = issuer
            .sign_rdfc(
                sample_badge(&issuer, name, "2025-01-01T00:00:00Z"),
                "2025-01-01T00:00:00Z",
            )
            .unwrap();
        p.write(&format!("badges/{name}.json"), doc.to_string());
    }
    p.write(
        "folio.yaml",
        p.read("folio.yaml") + "badges:\n  on_invalid: show\n",
    );
    p.run(&["build"]).success();
    let html = p.read("public/dup/index.html");
    let ids: Vec<&str> = html
        .split("id=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    assert!(
        ids.ends_with(&["results-1", "results-2", "results-3", "results"]),
        "{ids:?}"
    );
    // CommonMark: NUL becomes U+FFFD; no output file carries a NUL from content (the
    // social preview cards are PNGs, binary by nature).
    assert!(html.contains("nul:\u{FFFD}:here"));
    let text = |path: &String| !path.ends_with(".png");
    let tree = p.tree("public");
    assert!(
        tree.iter()
            .filter(|(f, _)| text(f))
            .all(|(_, b)| !b.contains(&0))
    );
    for (slug, encoded) in [
        ("a-b", "a%23b.json"),
        ("c-d", "c%3Fd.json"),
        ("e-f", "e%25f.json"),
    ] {
        let page = p.read(&format!("public/badges/{slug}/index.html"));
        assert!(
            page.contains(&format!("/badges/{slug}/{encoded}\"")),
            "{slug}: {page}"
        );
    }

    // The link checker notices two elements with one id.
    p.write(
        "content/dup.md",
        "---\ntitle: Dup\n---\n## Results\n\n<h2 id=\"results\">again</h2>\n",
    );
    p.run(&["build"])
        .failure(1)
        .stderr_has("content/dup.md: broken link `#results` (duplicate id)");
    p.remove("content/dup.md");

    // A newline in cname is refused, naming the line.
    let config = p.read("folio.yaml");
    p.write(
        "folio.yaml",
        format!("{config}cname: \"me.example\\nevil\"\n"),
    );
    let line = config.lines().count() + 1;
    p.run(&["build"]).failure(1).stderr_has(&format!(
        "folio.yaml:{line}: cname \"me.example\\nevil\" is not a host name"
    ));
    // A malformed folio.yaml is described in the user's terms, not Rust's.
    p.write("folio.yaml", "- just\n- a list\n");
    let run = p.run(&["build"]);
    run.failure(1)
        .stderr_has("expected a mapping of `key: value` settings");
    assert!(!run.stderr.contains("RawConfig"), "{}", run.stderr);
}

#[test]
fn rebuilding_an_unchanged_site_writes_nothing() {
    use std::os::unix::fs::MetadataExt;
    // The example portfolio: badges (with receipts), feeds, static files.
    let p = Portfolio::example();
    p.run(&["build"]).success();
    let stamps = || -> std::collections::BTreeMap<String, (u64, i64, i64)> {
        walkdir::WalkDir::new(p.root.join("public"))
            .into_iter()
            .map(|e| e.unwrap())
            .map(|e| {
                let m = e.metadata().unwrap();
                let rel = e
                    .path()
                    .strip_prefix(&p.root)
                    .unwrap()
                    .display()
                    .to_string();
                (rel, (m.ino(), m.mtime(), m.mtime_nsec()))
            })
            .collect()
    };
    // Receipts record the instant of each check (`checked_at`), so every build
    // rewrites them; pages show the day, and nothing else is touched.
    let pages_only = |mut s: std::collections::BTreeMap<String, (u64, i64, i64)>| {
        let receipts = s
            .keys()
            .filter(|k| k.ends_with("/verification.json"))
            .count();
        assert!(receipts > 0);
        // Files only: a build that rewrites receipts publishes a new tree of folders
        // (the atomic swap), in which every other file is the same file.
        s.retain(|k, _| !k.ends_with("/verification.json") && p.root.join(k).is_file());
        s
    };
    let first = pages_only(stamps());
    std::thread::sleep(std::time::Duration::from_millis(20));
    p.run(&["build"]).success();
    assert_eq!(
        pages_only(stamps()),
        first,
        "the second build touched the output"
    );

    // One page changes: only its file is new; the others keep their inode and time.
    p.write(
        "content/about.md",
        p.read("content/about.md") + "\nOne more line.\n",
    );
    p.run(&["build"]).success();
    let third = pages_only(stamps());
    let out = |rel: &str| format!("public/{rel}");
    assert_ne!(
        third[&out("about/index.html")],
        first[&out("about/index.html")]
    );
    for kept in ["projects/index.html", "badges/index.html", "sitemap.xml"] {
        assert_eq!(third[&out(kept)], first[&out(kept)], "{kept} was rewritten");
    }
}

#[test]
fn front_matter_mistakes_are_explained() {
    let p = Portfolio::fixture("basic");
    // A misspelt key: a warning with the key it was probably meant to be.
    p.write(
        "content/a.md",
        "---\ntitle: A\ntitel: Typo\nimage_alt: fine\n---\nbody\n",
    );
    let run = p.run(&["build"]);
    run.success().stderr_has(
        "warning: content/a.md:3: unknown front-matter key `titel`: did you mean `title`?",
    );
    assert!(!run.stderr.contains("image_alt"), "{}", run.stderr);
    // A value of the wrong type: the line, and what the value should look like.
    p.write("content/a.md", "---\ntitle: A\ndraft: maybe\n---\nbody\n");
    p.run(&["build"])
        .failure(1)
        .stderr_has("content/a.md:3: `draft`")
        .stderr_has("hint: write `draft: true` or `draft: false`");
    // An unclosed quote: the line where it opened, not the end of the block.
    p.write(
        "content/a.md",
        "---\ntitle: \"A\ndate: 2026-01-01\ntags: [a]\n---\nbody\n",
    );
    p.run(&["build"])
        .failure(1)
        .stderr_has("content/a.md:2: invalid front matter: this \" quote is never closed");
}
