//! Publishing on GitHub Pages: every URL the build writes resolves inside the output
//! under the base URL's prefix; `folio check` and the link checker; feeds, favicon,
//! CNAME; the Pages workflow `folio init` writes; `--out docs`.

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::{Portfolio, run_in};
use html5gum::{Token, Tokenizer};

/// Every URL in an output file, found independently of folio's own link checker:
/// attributes of every tag, JSON-LD strings, CSS `url()`, sitemap `<loc>` and feed
/// `<id>` text, robots.txt's `Sitemap:`.
fn urls_in(path: &str, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    if path.ends_with(".css") {
        for piece in text.split("url(").skip(1) {
            let url = piece
                .split(')')
                .next()
                .unwrap()
                .trim_matches(['"', '\'', ' ']);
            out.push(url.to_string());
        }
        return out;
    }
    if path == "robots.txt" {
        return text
            .lines()
            .filter_map(|l| l.strip_prefix("Sitemap: "))
            .map(str::to_string)
            .collect();
    }
    if !path.ends_with(".html") && !path.ends_with(".xml") {
        return out;
    }
    let mut text_of: Option<String> = None;
    let mut ld_json = false;
    for Ok(token) in Tokenizer::new(text) {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                for (key, value) in &tag.attributes {
                    let key = String::from_utf8_lossy(key);
                    let value = String::from_utf8_lossy(value).into_owned();
                    match &*key {
                        "href" | "src" | "poster" => out.push(value),
                        "srcset" => out.extend(
                            value
                                .split(',')
                                .filter_map(|c| c.split_whitespace().next())
                                .map(str::to_string),
                        ),
                        "content" if value.starts_with("http") => out.push(value),
                        "xml:base" => out.push(value),
                        _ => {}
                    }
                }
                ld_json = name == "script"
                    && tag
                        .attributes
                        .get(b"type".as_slice())
                        .is_some_and(|t| &***t == b"application/ld+json");
                text_of = matches!(name.as_str(), "loc" | "id").then(String::new);
            }
            Token::String(s) => {
                let s = String::from_utf8_lossy(&s).into_owned();
                if ld_json {
                    collect_json_urls(&serde_json::from_str(&s).unwrap(), &mut out);
                } else if let Some(t) = &mut text_of {
                    t.push_str(&s);
                }
            }
            Token::EndTag(_) => {
                if let Some(t) = text_of.take() {
                    out.push(t.trim().to_string());
                }
                ld_json = false;
            }
            _ => {}
        }
    }
    out
}

fn collect_json_urls(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) if s.starts_with("http") => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|v| collect_json_urls(v, out)),
        serde_json::Value::Object(m) => m.values().for_each(|v| collect_json_urls(v, out)),
        _ => {}
    }
}

/// Resolves `url` found in output file `from` as a browser would on `https://HOST` +
/// `prefix`; returns the output file it names, or `None` when it is external.
fn target(from: &str, url: &str, host: &str, prefix: &str) -> Option<Result<String, String>> {
    let url = url.split(['#', '?']).next().unwrap();
    if url.is_empty() || url.starts_with("mailto:") || url.starts_with("data:") {
        return None;
    }
    let absolute = if let Some(rest) = url.strip_prefix("https://") {
        let (h, path) = rest.split_once('/').unwrap_or((rest, ""));
        if h != host {
            return None;
        }
        format!("/{path}")
    } else if url.starts_with('/') {
        url.to_string()
    } else {
        assert_ne!(
            from, "404.html",
            "404.html is served at any depth: relative URL {url}"
        );
        let dir = from.rsplit_once('/').map_or("", |(d, _)| d);
        let mut parts: Vec<&str> = prefix.trim_matches('/').split('/').collect();
        parts.retain(|p| !p.is_empty());
        parts.extend(dir.split('/').filter(|p| !p.is_empty()));
        for seg in url.split('/') {
            match seg {
                ".." => {
                    parts.pop();
                }
                "." => {}
                s => parts.push(s),
            }
        }
        format!("/{}", parts.join("/"))
    };
    let Some(rel) = absolute.strip_prefix(prefix) else {
        return Some(Err(format!("{url} in {from} is outside {prefix}")));
    };
    let file = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    Some(Ok(file))
}

/// Builds the example with `base_url` and asserts every internal URL in every HTML,
/// XML, CSS and robots file resolves to a file in the output under `prefix`.
fn assert_all_urls_resolve(p: &Portfolio, host: &str, prefix: &str) {
    let files = p.tree("public");
    let mut checked = 0;
    let mut kinds = BTreeSet::new();
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for url in urls_in(path, &text) {
            match target(path, &url, host, prefix) {
                None => {}
                Some(Err(e)) => panic!("{e}"),
                Some(Ok(file)) => {
                    assert!(
                        files.contains_key(&file),
                        "{url} in {path} names {file}, which is not in the output"
                    );
                    checked += 1;
                    kinds.insert(path.rsplit('.').next().unwrap().to_string());
                }
            }
        }
    }
    assert!(checked > 200, "only {checked} internal URLs found");
    for kind in ["html", "xml", "txt"] {
        assert!(
            kinds.contains(kind),
            "no internal URL found in any .{kind} file"
        );
    }
}

#[test]
fn every_internal_url_resolves_under_a_project_site_prefix() {
    let p = Portfolio::example();
    let config = p.read("folio.yaml").replace(
        "https://ada-okafor.github.io/portfolio/",
        "https://learner.github.io/portfolio/",
    );
    p.write("folio.yaml", config);
    p.run(&["build", "--offline"]).success();
    assert_all_urls_resolve(&p, "learner.github.io", "/portfolio/");
    let home = p.read("public/index.html");
    assert!(home.contains("<link rel=\"canonical\" href=\"https://learner.github.io/portfolio/\""));
    assert!(home.contains("\"og:url\" content=\"https://learner.github.io/portfolio/\""));
}

#[test]
fn every_internal_url_resolves_under_a_root_base_url_from_the_command_line() {
    let p = Portfolio::example();
    p.run(&[
        "build",
        "--offline",
        "--base-url",
        "https://learner.github.io/",
    ])
    .success();
    assert_all_urls_resolve(&p, "learner.github.io", "/");
    assert!(
        p.read("public/robots.txt")
            .contains("Sitemap: https://learner.github.io/sitemap.xml")
    );
    assert!(!p.read("public/index.html").contains("/portfolio/"));
}

#[test]
fn site_files_for_github_pages() {
    let p = Portfolio::example();
    p.write(
        "folio.yaml",
        p.read("folio.yaml") + "cname: ada.example.org\n",
    );
    p.run(&["build", "--offline"]).success();
    let out = p.tree("public");
    assert!(out.contains_key(".nojekyll"));
    assert_eq!(p.read("public/CNAME"), "ada.example.org\n");
    assert!(out.contains_key("404.html") && out.contains_key("sitemap.xml"));

    // The writing section has an Atom feed, newest first, linked from every page.
    let feed = p.read("public/writing/atom.xml");
    assert!(feed.starts_with("<?xml") && feed.contains("xmlns=\"http://www.w3.org/2005/Atom\""));
    let entries: Vec<&str> = feed.split("<entry>").skip(1).collect();
    assert_eq!(entries.len(), 2, "{feed}");
    assert!(entries[0].contains("honest-charts") && entries[1].contains("from-logistics"));
    assert!(p.read("public/about/index.html").contains(
        "type=\"application/atom+xml\" title=\"Ada Okafor — Portfolio — Writing\" href=\"/portfolio/writing/atom.xml\""
    ));
    // The feed never carries the owner's email.
    assert!(!feed.contains("ada@example.org"));
    // A long-running blog's feed carries its 50 newest posts, not all of them.
    for i in 0..60 {
        p.write(
            &format!("content/writing/post-{i:02}.md"),
            format!(
                "---\ntitle: Post {i:02}\ndate: 2024-01-{:02}T{:02}:00:00Z\n---\nBody {i}.\n",
                1 + i / 24,
                i % 24
            ),
        );
    }
    p.run(&["build", "--offline"]).success();
    let feed = p.read("public/writing/atom.xml");
    let titles: Vec<&str> = feed
        .split("<entry>\n    <title>")
        .skip(1)
        .map(|e| &e[..e.find('<').unwrap()])
        .collect();
    assert_eq!(titles.len(), 50, "{feed}");
    // The example's own two posts (2025) are the newest; then the 2024 posts, newest first.
    assert_eq!(titles[2], "Post 59");
    assert_eq!(titles[49], "Post 12");
    for i in 0..60 {
        p.remove(&format!("content/writing/post-{i:02}.md"));
    }
    p.run(&["build", "--offline"]).success();

    // A favicon in the portfolio's static/ wins over the theme's.
    assert!(
        p.read("public/index.html")
            .contains("<link rel=\"icon\" href=\"/portfolio/favicon.svg\" type=\"image/svg+xml\">")
    );
    p.write("static/favicon.png", b"\x89PNG\r\n\x1a\n");
    p.run(&["build", "--offline"]).success();
    assert!(
        p.read("public/index.html")
            .contains("<link rel=\"icon\" href=\"/portfolio/favicon.png\" type=\"image/png\">")
    );
    p.write(
        "folio.yaml",
        p.read("folio.yaml") + "favicon: images/missing.png\n",
    );
    p.run(&["build", "--offline"])
        .failure(1)
        .stderr_has("folio.yaml: favicon `images/missing.png` is not a file in static/");
}

/// A page with one broken link of each kind, plus a theme override with a link that
/// forgets the base path.
fn broken_portfolio() -> Portfolio {
    let p = Portfolio::fixture("basic");
    p.write(
        "content/links.md",
        "---\ntitle: Links\n---\n# Setup\n\nFine: [about](about.md), [setup](#setup).\n\n\
         A [missing page](/nowhere/) here.\n\n\
         ![missing image](../images/none.png)\n\n\
         See [a missing part](about.md#no-such-heading).\n",
    );
    p
}

#[test]
fn build_reports_each_broken_link_kind_with_its_source_line() {
    let p = Portfolio::fixture("basic");
    p.run(&["build"]).success();
    let before = p.tree("public");
    let p = {
        let broken = broken_portfolio();
        common::copy_dir(&broken.root.join("content"), &p.root.join("content"));
        p
    };
    let run = p.run(&["build"]);
    run.failure(1)
        .stderr_has("3 problems found")
        .stderr_has("content/links.md:8: broken link `/nowhere/` (missing page): no file nowhere/index.html in the output")
        .stderr_has("content/links.md:10: broken link `../images/none.png` (missing file): no file images/none.png in the output")
        .stderr_has("content/links.md:12: broken link `/about/#no-such-heading` (missing fragment): no id=\"no-such-heading\" in about/index.html");
    assert_eq!(
        p.tree("public"),
        before,
        "a failed build leaves the output as it was"
    );

    // Configured as warnings, the build goes through and still says what is broken.
    p.write(
        "folio.yaml",
        p.read("folio.yaml") + "links:\n  on_broken: warn\n",
    );
    p.run(&["build"])
        .success()
        .stderr_has("warning: content/links.md:8: broken link `/nowhere/`");
}

#[test]
fn a_theme_link_without_the_base_path_is_caught() {
    let p = Portfolio::fixture("basic");
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"),
    )
    .unwrap();
    p.write(
        "folio.yaml",
        p.read("folio.yaml")
            .replace("https://learner.example/", "https://learner.example/basic/"),
    );
    p.write(
        "templates/base.html",
        base.replace(
            "<main id=\"main\"",
            "<a href=\"/about/\">About</a><main id=\"main\"",
        ),
    );
    p.run(&["build"]).failure(1).stderr_has(
        "broken link `/about/` (outside the site): the site lives under /basic/ (base_url)",
    );
}

#[test]
fn check_writes_nothing_and_prints_json() {
    let p = broken_portfolio();
    let run = p.run(&["check", "--format", "json"]);
    run.failure(1);
    assert!(
        !p.root.join("public").exists(),
        "check wrote an output folder"
    );
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["ok"], false);
    assert_eq!(report["pages"], 4);
    let broken = report["broken_links"].as_array().unwrap();
    let kinds: BTreeMap<&str, (&str, u64, &str)> = broken
        .iter()
        .map(|b| {
            (
                b["problem"].as_str().unwrap(),
                (
                    b["source"].as_str().unwrap(),
                    b["source_line"].as_u64().unwrap_or(0),
                    b["file"].as_str().unwrap(),
                ),
            )
        })
        .collect();
    assert_eq!(broken.len(), 3, "{broken:?}");
    assert_eq!(
        kinds["missing-page"],
        ("content/links.md", 8, "links/index.html")
    );
    assert_eq!(
        kinds["missing-asset"],
        ("content/links.md", 10, "links/index.html")
    );
    assert_eq!(
        kinds["missing-fragment"],
        ("content/links.md", 12, "links/index.html")
    );
    assert!(broken.iter().all(|b| b["line"].as_u64().unwrap() > 0));

    // A clean portfolio: ok, exit 0; a content error is reported in the same shape.
    p.remove("content/links.md");
    let clean: serde_json::Value =
        serde_json::from_str(&p.run(&["check", "--format", "json"]).success().stdout).unwrap();
    assert_eq!(clean["ok"], true);
    assert_eq!(clean["broken_links"].as_array().unwrap().len(), 0);
    p.write("content/bad.md", "---\ntitle: [unclosed\n---\n");
    let run = p.run(&["check", "--format", "json"]);
    run.failure(1);
    let err: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(err["ok"], false);
    assert_eq!(err["errors"][0]["file"], "content/bad.md");
    assert_eq!(err["errors"][0]["line"], 2, "where the list opens");
    assert!(
        err["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("a list opened with `[` is never closed")),
        "{err}"
    );
    assert!(!p.root.join("public").exists());
}

/// A server on 127.0.0.1 answering each request with `code(request)`'s status and
/// logging `METHOD URL`: its port and the log.
fn logging_server(
    code: fn(&tiny_http::Request) -> u16,
) -> (u16, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    let server = tiny_http::Server::http("127.0.0.1:0").unwrap();
    let port = server.server_addr().to_ip().unwrap().port();
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            log.lock()
                .unwrap()
                .push(format!("{} {}", request.method(), request.url()));
            let status = code(&request);
            let _ = request.respond(tiny_http::Response::empty(status));
        }
    });
    (port, seen)
}

#[test]
fn check_human_output_and_external_links() {
    let (port, seen) = logging_server(|request| match request.url() {
        "/ok" => 200,
        // Refuses HEAD like some real servers; GET works.
        "/get-only" if *request.method() == tiny_http::Method::Head => 405,
        "/get-only" => 200,
        _ => 404,
    });
    let p = Portfolio::fixture("basic");
    p.write(
        "content/elsewhere.md",
        format!(
            "---\ntitle: Elsewhere\n---\n[ok](http://127.0.0.1:{port}/ok) \
             [get](http://127.0.0.1:{port}/get-only) [gone](http://127.0.0.1:{port}/gone)\n"
        ),
    );
    // Without --external nothing is fetched.
    let run = p.run(&["check"]);
    run.success();
    assert!(run.stdout.contains(": no broken links"), "{}", run.stdout);
    assert!(seen.lock().unwrap().is_empty());

    // Loopback is not the public internet: refused unless the user allows it.
    let run = p.run(&["check", "--external"]);
    run.failure(1).stderr_has(&format!(
        "content/elsewhere.md:4: broken link `http://127.0.0.1:{port}/ok` (external link failed): refused: 127.0.0.1 resolves to 127.0.0.1, a loopback address"
    ));
    assert!(
        seen.lock().unwrap().is_empty(),
        "nothing reached the server"
    );

    let allow = [(folio::net::ALLOW_PRIVATE_ENV, "1")];
    let run = common::run_env(&p.root, &["check", "--external"], &allow);
    run.failure(1).stderr_has(&format!(
        "content/elsewhere.md:4: broken link `http://127.0.0.1:{port}/gone` (external link failed): the server answered 404"
    ));
    assert!(run.stdout.contains("1 broken link"));
    let seen = seen.lock().unwrap();
    assert!(seen.contains(&"GET /get-only".to_string()), "{seen:?}");
}

#[test]
fn check_external_asks_each_independent_verifier_once_at_its_template() {
    let (port, seen) = logging_server(|request| {
        let url = request.url();
        if url.starts_with("/verify?") || url == "/upload" {
            200
        } else {
            404
        }
    });
    let p = Portfolio::fixture("basic");
    p.write(
        "folio.yaml",
        format!(
            "title: Ada\nbase_url: https://ada.example/\nowner:\n  name: Ada\n  email: ada@example.org\nbadges:\n  network: false\n  on_invalid: show\n  verifiers:\n    - http://127.0.0.1:{port}/verify?vc={{url}}\n    - http://127.0.0.1:{port}/gone?url={{url}}\n    - http://127.0.0.1:{port}/upload\n"
        ),
    );
    // Altered badges, shown: a verified one would also link to LinkedIn, and no test
    // asks any address but 127.0.0.1.
    for name in ["rdfc-p256-altered.json", "rdfc-p384-altered.json"] {
        p.write(
            &format!("badges/{name}"),
            std::fs::read(common::fixtures().join("ecdsa").join(name)).unwrap(),
        );
    }
    // The page offers each verifier; the one without `{url}` takes an upload.
    p.run(&["build"]).success();
    let page = p.read("public/badges/rdfc-p256-altered/index.html");
    assert!(!page.contains("linkedin.com"));
    assert!(
        page.contains(&format!(
            "http://127.0.0.1:{port}/verify?vc=https%3A%2F%2Fada.example%2Fbadges%2Frdfc-p256-altered%2F"
        )),
        "{page}"
    );
    assert!(
        page.contains("(upload the credential downloaded above)"),
        "{page}"
    );

    let allow = [(folio::net::ALLOW_PRIVATE_ENV, "1")];
    let run = common::run_env(&p.root, &["check", "--external"], &allow);
    run.failure(1).stderr_has(&format!(
        "folio.yaml:11: broken link `http://127.0.0.1:{port}/gone?url={{url}}` (independent verifier failed): the server answered 404 (asked http://127.0.0.1:{port}/gone?url=https%3A%2F%2Fada.example%2Fbadges%2Frdfc-p"
    ));
    assert!(run.stdout.contains("1 broken link"), "{}", run.stdout);
    assert!(
        !run.stderr.contains("index.html"),
        "reported per page: {}",
        run.stderr
    );
    // One request a template, not one a badge page.
    let seen = seen.lock().unwrap();
    let asked = |path: &str| {
        seen.iter()
            .filter(|l| l.contains(&format!(" {path}")))
            .count()
    };
    let (gone, verify) = (asked("/gone"), asked("/verify"));
    assert_eq!((gone, verify), (1, 1), "{seen:?}");
}

#[test]
fn init_writes_a_pages_workflow() {
    let tmp = tempfile::tempdir().unwrap();
    run_in(tmp.path(), &["init", "mine"]).success();
    let text =
        std::fs::read_to_string(tmp.path().join("mine/.github/workflows/pages.yml")).unwrap();
    let wf: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
    assert_eq!(wf["on"]["push"]["branches"][0], "main");
    assert_eq!(wf["permissions"]["pages"], "write");
    assert_eq!(wf["permissions"]["id-token"], "write");
    let steps = wf["jobs"]["build"]["steps"].as_sequence().unwrap();
    let uses: Vec<&str> = steps.iter().filter_map(|s| s["uses"].as_str()).collect();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    let position = |name: &str| {
        uses.iter()
            .position(|u| u.starts_with(name))
            .unwrap_or_else(|| panic!("no step uses {name}: {uses:?}"))
    };
    assert!(position("actions/checkout@") < position("actions/cache@"));
    assert!(position("actions/configure-pages@") < position("actions/upload-pages-artifact@"));
    // The workflow installs exactly the folio that wrote it: this commit when built
    // from a checkout, else this version's release tag; and the cache is keyed on it.
    let head = std::process::Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    let pin = wf["env"]["FOLIO_PIN"].as_str().unwrap();
    let flag = match &head {
        Some(commit) => {
            assert_eq!(pin, commit);
            "--rev"
        }
        None => {
            assert_eq!(pin, format!("v{}", env!("CARGO_PKG_VERSION")));
            "--tag"
        }
    };
    // The release binary, checked; the build from source only as the fallback, pinned
    // the same way.
    let install = steps
        .iter()
        .find(|s| {
            s["name"]
                .as_str()
                .is_some_and(|n| n.starts_with("Install folio"))
        })
        .unwrap();
    assert_eq!(install["env"]["FOLIO_PIN_FLAG"].as_str(), Some(flag));
    assert!(
        runs.iter().any(|r| r.contains(
            r#"cargo install --locked --root "$(dirname "$bin")" --git "$FOLIO_GIT" "$FOLIO_PIN_FLAG" "$FOLIO_PIN" folio"#
        )),
        "{runs:?}"
    );
    assert!(text.contains("key: folio-${{ runner.os }}-${{ env.FOLIO_PIN }}"));
    assert!(runs.iter().any(|r| r.starts_with("folio build")));
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("actions/upload-pages-artifact"))
        })
        .unwrap();
    assert_eq!(upload["with"]["path"], "public");
    let deploy = &wf["jobs"]["deploy"];
    assert_eq!(deploy["needs"], "build");
    assert_eq!(deploy["environment"]["name"], "github-pages");
    assert!(
        deploy["steps"][0]["uses"]
            .as_str()
            .unwrap()
            .starts_with("actions/deploy-pages@")
    );
    // The scaffold builds and checks clean as created.
    run_in(&tmp.path().join("mine"), &["check"]).success();
}

#[test]
fn build_into_docs_for_the_docs_folder_approach() {
    let p = Portfolio::fixture("basic");
    p.run(&["build", "--out", "docs"]).success();
    assert!(p.root.join("docs/.folio-output").is_file());
    assert!(p.root.join("docs/.nojekyll").is_file());
    assert!(p.root.join("docs/index.html").is_file());
    // Rebuilding replaces folio's own folder.
    p.write("content/about.md", "---\ntitle: About again\n---\nHi.\n");
    p.run(&["build", "--out", "docs"]).success();
    assert!(p.read("docs/about/index.html").contains("About again"));
    // A docs/ folder that folio did not write is refused, untouched.
    std::fs::remove_dir_all(p.root.join("docs")).unwrap();
    p.write("docs/handbook.md", "my notes");
    p.run(&["build", "--out", "docs"])
        .failure(2)
        .stderr_has("refusing to replace an output folder that folio did not write");
    assert_eq!(p.read("docs/handbook.md"), "my notes");
}

#[test]
fn every_link_problem_is_reported_at_once_and_attributed_to_its_file() {
    let p = Portfolio::fixture("basic");
    p.write(
        "content/a.md",
        "---\ntitle: A\n---\n[x](missing.md) and [y](/nowhere/)\n",
    );
    p.write("content/b.md", "---\ntitle: B\n---\n[z](/gone-too/)\n");
    // A theme template with a broken link of its own: the theme's, not the page's.
    p.write(
        "templates/page.html",
        "<h1>{{ page.title }}</h1>{{ page.content | safe }}<a href=\"/theme-link/\">t</a>",
    );
    let run = p.run(&["check"]);
    run.failure(1)
        .stderr_has("content/a.md:4: link to missing page `missing.md`")
        .stderr_has("content/a.md:4: broken link `/nowhere/`")
        .stderr_has("content/b.md:4: broken link `/gone-too/`")
        .stderr_has(
            "a/index.html:2: broken link `/theme-link/` (missing page): no file theme-link/index.html in the output; the link comes from templates/page.html, not from content/a.md",
        );
    // The missing page is reported once, not again as a broken output link.
    assert_eq!(
        run.stderr.matches("`missing.md`").count(),
        1,
        "{}",
        run.stderr
    );
}

#[test]
fn external_links_with_no_network_are_one_line() {
    let p = Portfolio::fixture("basic");
    // `.invalid` names never resolve (RFC 6761): as if the network were down.
    p.write(
        "content/elsewhere.md",
        "---\ntitle: Elsewhere\n---\n[a](https://one.invalid/x) [b](https://two.invalid/y) [c](https://three.invalid/z)\n",
    );
    let run = p.run(&["check", "--external"]);
    run.failure(2).stderr_has(
        "the network is unreachable: none of the 3 external links, on 3 hosts, got an answer",
    );
    assert!(!run.stderr.contains("broken link"), "{}", run.stderr);
    assert_eq!(run.stderr.matches("error:").count(), 1, "{}", run.stderr);
}
