//! `folio serve` through the real binary and real HTTP: content types, 404s, path
//! traversal, redirects, HEAD, base paths, live rebuilds and the error overlay, pages
//! that reload only when they changed, pages shown ahead of a rebuild (and withdrawn
//! when it fails), and builds stopped for a newer save.

mod common;

use std::time::Duration;

use common::Portfolio;
use common::server::{generation, get, next_line, request, start, start_with_path, wait_rebuild};

#[test]
fn serves_pages_with_the_right_types() {
    let p = Portfolio::fixture("basic");
    let s = start(&p, &["--port", "0"]);
    let home = get(&s, "/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("Content-Type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.text().contains("Welcome"));
    assert!(
        home.text().contains("/__folio/poll"),
        "reload script injected"
    );
    for (path, ty) in [
        ("/css/folio.css", "text/css; charset=utf-8"),
        ("/favicon.svg", "image/svg+xml"),
        ("/files/pixel.png", "image/png"),
        ("/files/photo.jpg", "image/jpeg"),
        ("/files/pic.webp", "image/webp"),
        ("/files/font.woff2", "font/woff2"),
        ("/files/app.js", "text/javascript; charset=utf-8"),
        ("/files/data.json", "application/json"),
        ("/sitemap.xml", "application/xml"),
    ] {
        let r = get(&s, path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("Content-Type"), Some(ty), "{path}");
    }
    // Static files are served byte for byte, without the reload script.
    assert_eq!(get(&s, "/files/pixel.png").body, b"\x89PNG\r\n\x1a\n");
    // The user's public/ folder is never written.
    assert!(!p.root.join("public").exists());
}

#[test]
fn directories_redirects_404_and_head() {
    let p = Portfolio::fixture("basic");
    let s = start(&p, &["--port", "0"]);
    let r = get(&s, "/projects");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("Location"), Some("/projects/"));
    assert_eq!(get(&s, "/projects/").status, 200);
    assert!(get(&s, "/projects/alpha/").text().contains("Alpha"));
    let missing = get(&s, "/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.text().contains("Page not found"),
        "the theme's 404 page"
    );
    let head = request(s.port, "HEAD", "/about/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    let length: usize = head.header("Content-Length").unwrap().parse().unwrap();
    assert_eq!(length, get(&s, "/about/").body.len());
}

#[test]
fn paths_that_escape_the_site_are_404() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "top secret").unwrap();
    let p = Portfolio::fixture("basic");
    // A symlink in static/ pointing out of the portfolio is not followed.
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        p.root.join("static/leak.txt"),
    )
    .unwrap();
    let s = start(&p, &["--port", "0"]);
    assert_eq!(get(&s, "/leak.txt").status, 404);
    for path in [
        "/../folio.yaml",
        "/..%2ffolio.yaml",
        "/%2e%2e/folio.yaml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/css/../../folio.yaml",
        "/./index.html",
        "//etc/passwd",
        "/css/..%5c..%5cfolio.yaml",
        "/%00",
        "/%ff",
        "/content/about.md",
        "/folio.yaml",
    ] {
        let r = get(&s, path);
        assert_eq!(r.status, 404, "{path}");
        assert!(
            !r.text().contains("top secret") && !r.text().contains("base_url"),
            "{path}"
        );
    }
}

#[test]
fn base_path_is_kept() {
    let p = Portfolio::fixture("basic");
    let config = p.read("folio.yaml").replace(
        "base_url: https://learner.example/",
        "base_url: https://learner.github.io/portfolio/",
    );
    p.write("folio.yaml", config);
    let s = start(&p, &["--port", "0"]);
    assert!(s.url.ends_with("/portfolio/"), "{}", s.url);
    let r = get(&s, "/");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("Location"), Some("/portfolio/"));
    let home = get(&s, "/portfolio/");
    assert_eq!(home.status, 200);
    assert!(home.text().contains(r#"href="/portfolio/css/folio.css""#));
    assert_eq!(get(&s, "/portfolio/css/folio.css").status, 200);
    assert_eq!(get(&s, "/css/folio.css").status, 404);
}

#[test]
fn edits_rebuild_and_broken_edits_show_an_overlay() {
    let p = Portfolio::fixture("basic");
    let s = start(&p, &["--port", "0"]);
    let g0 = generation(&s);
    p.write(
        "content/about.md",
        "---\ntitle: About\nweight: 1\n---\nFreshly edited text.\n",
    );
    let g1 = wait_rebuild(&s, g0);
    assert!(get(&s, "/about/").text().contains("Freshly edited text."));

    // A broken edit: the last good page is still served, with the error over it.
    p.write("content/about.md", "---\ntitle: [About\n---\nBroken.\n");
    let g2 = wait_rebuild(&s, g1);
    let page = get(&s, "/about/").text();
    assert!(
        page.contains("Freshly edited text."),
        "last good build still served"
    );
    assert!(page.contains(r#"id="folio-error""#), "overlay shown");
    assert!(page.contains("content/about.md:"), "overlay names the file");
    assert!(
        get(&s, "/projects/").text().contains("folio-error"),
        "on every page"
    );
    // And in the terminal.
    let mut seen = Vec::new();
    while !seen.iter().any(|l: &String| l.contains("about.md")) {
        match s.stderr.recv_timeout(Duration::from_secs(10)) {
            Ok(line) => seen.push(line),
            Err(_) => panic!("the error never reached the terminal: {seen:?}"),
        }
    }

    // Fixing it clears the overlay.
    p.write(
        "content/about.md",
        "---\ntitle: About\nweight: 1\n---\nFixed.\n",
    );
    wait_rebuild(&s, g2);
    let page = get(&s, "/about/").text();
    assert!(page.contains("Fixed."));
    assert!(!page.contains("folio-error"));
}

#[test]
fn editor_temp_files_do_not_rebuild() {
    let p = Portfolio::fixture("basic");
    let s = start(&p, &["--port", "0"]);
    let g0 = generation(&s);
    p.write("content/.about.md.swp", "swap");
    p.write("content/about.md~", "backup");
    p.write("public/index.html", "user's own output folder");
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(generation(&s), g0);
}

#[test]
fn busy_port_is_reported() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port().to_string();
    let p = Portfolio::fixture("basic");
    let run = common::run_in(&p.root, &["serve", "--port", &port]);
    run.failure(2)
        .stderr_has("cannot listen")
        .stderr_has("--port");
}

#[test]
fn warns_when_not_on_loopback() {
    let p = Portfolio::fixture("basic");
    let s = start(&p, &["--port", "0", "--bind", "0.0.0.0"]);
    let line = s.stderr.recv_timeout(Duration::from_secs(10)).unwrap();
    assert!(line.contains("warning: listening on 0.0.0.0"), "{line}");
}

#[test]
fn rebuilds_only_what_changed() {
    let p = Portfolio::fixture("basic");
    let issuer = folio::badge::sign::Issuer::from_seed([8; 32]);
    let badge = |name: &str| {
        let doc = folio::badge::sign::sample_badge(&issuer, name, "2025-01-01T00:00:00Z");
        serde_json::to_vec(&issuer.sign_rdfc(doc, "2025-01-01T00:00:00Z").unwrap()).unwrap()
    };
    p.write("badges/course.json", badge("Course"));
    let s = start(&p, &["--port", "0"]);
    // The first build renders the 3 pages, 2 sections, the 404 page, the badge index,
    // the badge's page and the skills page, and verifies the badge.
    let line = next_line(&s.stdout, "built");
    assert!(line.contains("(9 rendered, 1 badge checked)"), "{line}");
    // Like `build`, it says how the badges fared, in words that agree with the numbers.
    assert!(
        line.contains("3 pages and 2 sections, 1 badge (1 verified, 0 expired, 0 not verified)"),
        "{line}"
    );
    // A change below the first paragraph touches no listing; but a top-level page's
    // body is part of the home page's view (themes may show it in full), so the page,
    // the home page and the 404 page (a view of home) are rendered. The unchanged
    // badge is not verified again.
    let g0 = generation(&s);
    p.write(
        "content/about.md",
        "---\ntitle: About\nweight: 1\n---\nAbout me, with a link to [a project](projects/alpha.md#results).\n\nMore.\n",
    );
    let line = next_line(&s.stdout, "rebuilt");
    assert!(line.contains("(3 rendered, 0 badges checked)"), "{line}");
    let g1 = wait_rebuild(&s, g0);
    assert!(get(&s, "/about/").text().contains("More."));
    // A new title shows in listings: the page, its section, and the home and 404
    // pages (both list the sections) are rendered.
    p.write(
        "content/projects/beta.md",
        "---\ntitle: Beta Two\ndate: 2025-03-01\n---\nBeta is newer, so it is listed first.\n",
    );
    let line = next_line(&s.stdout, "rebuilt");
    assert!(line.contains("(4 rendered, 0 badges checked)"), "{line}");
    let g2 = wait_rebuild(&s, g1);
    assert!(get(&s, "/projects/").text().contains("Beta Two"));
    // A badge whose bytes changed is verified again.
    p.write("badges/course.json", badge("Course, second edition"));
    let line = next_line(&s.stdout, "rebuilt");
    assert!(line.contains("1 badge checked"), "{line}");
    let g3 = wait_rebuild(&s, g2);
    assert!(
        get(&s, "/badges/course/")
            .text()
            .contains("Course, second edition")
    );
    // A template change renders everything.
    p.write(
        "templates/page.html",
        "<h1>{{ page.title }}</h1>{{ page.content | safe }}",
    );
    let line = next_line(&s.stdout, "rebuilt");
    assert!(line.contains("(9 rendered, 0 badges checked)"), "{line}");
    wait_rebuild(&s, g3);
}

#[test]
fn open_flag_opens_the_browser_at_the_site() {
    let bin = tempfile::tempdir().unwrap();
    let record = bin.path().join("opened.txt");
    let opener = bin.path().join("xdg-open");
    std::fs::write(
        &opener,
        format!("#!/bin/sh\necho \"$1\" > {}\n", record.display()),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&opener, std::fs::Permissions::from_mode(0o755)).unwrap();
    let p = Portfolio::fixture("basic");
    let s = start_with_path(&p, &["--port", "0", "--open"], Some(bin.path()));
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while !record.exists() {
        assert!(
            std::time::Instant::now() < deadline,
            "the browser was never opened"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(100));
    assert_eq!(std::fs::read_to_string(&record).unwrap().trim(), s.url);
}

#[test]
fn ctrl_c_stops_cleanly() {
    let p = Portfolio::fixture("basic");
    let before = p.tree("");
    let mut s = start(&p, &["--port", "0"]);
    let status = std::process::Command::new("kill")
        .args(["-INT", &s.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        s.wait_exit(Duration::from_secs(5)).is_some(),
        "still running after Ctrl-C"
    );
    // Only folio's cache may have grown (social preview cards and web-sized images
    // are kept there for the next start and the next build).
    let mut after = p.tree("");
    after.retain(|path, _| !path.starts_with(".folio/cache/"));
    assert_eq!(after, before, "serve left files behind");
}

/// A shell runs `folio serve &` with SIGINT ignored; folio handles it itself, so
/// Ctrl-C and SIGTERM still stop it.
#[test]
fn ctrl_c_stops_a_server_started_with_sigint_ignored() {
    let p = Portfolio::fixture("basic");
    for signal in ["-INT", "-TERM"] {
        let mut s = common::server::start_ignoring_sigint(&p, &["--port", "0"]);
        assert!(get(&s, "/").status == 200);
        let status = std::process::Command::new("kill")
            .args([signal, &s.pid().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        assert!(
            s.wait_exit(Duration::from_secs(5)).is_some(),
            "still running after kill {signal}"
        );
    }
}

/// Templates that panic Tera or try to exhaust memory are errors on the overlay;
/// the server lives on and recovers when the template is fixed.
#[test]
fn a_template_that_panics_or_explodes_is_reported_and_the_server_lives_on() {
    let p = Portfolio::fixture("basic");
    let s = start(&p, &["--port", "0"]);
    let mut g = generation(&s);
    for (body, says) in [
        ("{{ get_random(start=5, end=5) }}", "get_random()"),
        (
            "{% for i in range(end=1000000000) %}{% endfor %}",
            "range()",
        ),
        (
            "{% set_global s = 'ab' %}{% for i in range(end=40) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}",
            "MiB for one page",
        ),
    ] {
        p.write(
            "templates/page.html",
            format!(
                "{{% extends \"base.html\" %}}\n{{% block main %}}{body}{{% endblock main %}}\n"
            ),
        );
        g = wait_rebuild(&s, g);
        let page = get(&s, "/about/").text();
        assert!(
            page.contains(r#"id="folio-error""#),
            "overlay shown for {body}"
        );
        assert!(page.contains(says), "{says}: {page}");
    }
    p.remove("templates/page.html");
    wait_rebuild(&s, g);
    assert!(!get(&s, "/about/").text().contains("folio-error"));
}

#[test]
fn a_theme_outside_the_portfolio_is_watched() {
    let p = Portfolio::fixture("basic");
    let theme = p.tmp.path().join("career-theme");
    common::copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &theme,
    );
    let config = p.read("folio.yaml") + "theme: ../career-theme\n";
    p.write("folio.yaml", config);
    let s = start(&p, &["--port", "0"]);
    let g0 = generation(&s);
    let page = std::fs::read_to_string(theme.join("templates/page.html")).unwrap();
    std::fs::write(
        theme.join("templates/page.html"),
        page.replace(
            "{% block main %}",
            "{% block main %}<p>Career centre edition</p>",
        ),
    )
    .unwrap();
    wait_rebuild(&s, g0);
    assert!(get(&s, "/about/").text().contains("Career centre edition"));
}

#[test]
fn a_recursive_template_is_reported_and_the_server_lives_on() {
    let p = Portfolio::fixture("basic");
    let s = start(&p, &["--port", "0"]);
    let g0 = generation(&s);
    p.write(
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block main %}{% include \"page.html\" %}{% endblock main %}\n",
    );
    let g1 = wait_rebuild(&s, g0);
    let page = get(&s, "/about/").text();
    assert!(page.contains(r#"id="folio-error""#), "overlay shown");
    assert!(page.contains("templates/page.html:2: recursion"), "{page}");
    p.remove("templates/page.html");
    wait_rebuild(&s, g1);
    assert!(!get(&s, "/about/").text().contains("folio-error"));
}

/// Sends raw bytes (ignoring a server that stops reading) and reads what comes back
/// until the server closes or `wait` passes.
fn raw_exchange(port: u16, bytes: &[u8], wait: Duration) -> String {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream.set_read_timeout(Some(wait)).unwrap();
    let _ = stream.write_all(bytes);
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

#[test]
fn only_get_and_head_for_localhost_with_bounded_headers() {
    let p = Portfolio::fixture("basic");
    let s = start(&p, &["--port", "0"]);
    for method in ["POST", "PUT", "DELETE", "OPTIONS", "TRACE", "PATCH"] {
        let r = common::server::send(s.port, method, "/about/", Some("{\"a\":1}"));
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("Allow"), Some("GET, HEAD"), "{method}");
        assert!(!r.text().contains("<html"), "{method} got the page");
    }
    // DNS rebinding: a page on another name must not read the site.
    let ask = |host: &str| {
        raw_exchange(
            s.port,
            format!("GET /about/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").as_bytes(),
            Duration::from_secs(5),
        )
    };
    assert!(ask("evil.example").starts_with("HTTP/1.1 403"));
    assert!(ask(&format!("evil.example:{}", s.port)).starts_with("HTTP/1.1 403"));
    assert!(ask(&format!("localhost:{}", s.port)).starts_with("HTTP/1.1 200"));
    assert!(ask(&format!("127.0.0.1:{}", s.port)).starts_with("HTTP/1.1 200"));
    // A 64 KiB header is refused, not buffered.
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: {}\r\n\r\n",
        "a".repeat(64 * 1024)
    );
    let reply = raw_exchange(s.port, huge.as_bytes(), Duration::from_secs(5));
    assert!(reply.starts_with("HTTP/1.1 431"), "{reply}");
    // Just over 16 KiB, sent at once, is refused too (the promise is 16 KiB).
    let over = format!(
        "GET / HTTP/1.1\r\nHost: localhost\r\nX-Big: {}\r\n\r\n",
        "a".repeat(17 * 1024)
    );
    let reply = raw_exchange(s.port, over.as_bytes(), Duration::from_secs(5));
    assert!(reply.starts_with("HTTP/1.1 431"), "{reply}");
    // An IPv6 literal followed by a name is a name.
    assert!(ask("[::1]evil.com").starts_with("HTTP/1.1 403"));
    assert!(ask("[::1]:x@evil.com").starts_with("HTTP/1.1 403"));
    assert!(ask(&format!("[::1]:{}", s.port)).starts_with("HTTP/1.1 200"));
    // Two requests on one connection (keep-alive) are both answered.
    let two = raw_exchange(
        s.port,
        b"HEAD /about/ HTTP/1.1\r\nHost: localhost\r\n\r\nGET /about/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        Duration::from_secs(5),
    );
    assert_eq!(two.matches("HTTP/1.1 200").count(), 2, "{two}");
}

#[test]
fn idle_connections_are_closed_and_threads_are_capped() {
    use std::io::Read;
    let p = Portfolio::fixture("basic");
    let s = start(&p, &["--port", "0"]);
    let threads = || {
        std::fs::read_to_string(format!("/proc/{}/status", s.pid()))
            .unwrap()
            .lines()
            .find_map(|l| l.strip_prefix("Threads:"))
            .unwrap()
            .trim()
            .parse::<usize>()
            .unwrap()
    };
    let base = threads();
    // A connection that never sends a byte is closed after the idle limit.
    let started = std::time::Instant::now();
    let mut idle = std::net::TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut buf = [0u8; 16];
    assert_eq!(idle.read(&mut buf).unwrap_or(0), 0, "closed by the server");
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "{:?}",
        started.elapsed()
    );

    // 40 pages waiting for a reload: 32 wait, the rest are told to come back later.
    let since = generation(&s);
    let pollers: Vec<_> = (0..40)
        .map(|_| {
            let port = s.port;
            std::thread::spawn(move || {
                raw_exchange(
                    port,
                    format!("GET /__folio/poll?since={since} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").as_bytes(),
                    Duration::from_secs(3),
                )
            })
        })
        .collect();
    let replies: Vec<String> = pollers.into_iter().map(|t| t.join().unwrap()).collect();
    let busy = replies
        .iter()
        .filter(|r| r.starts_with("HTTP/1.1 503"))
        .count();
    assert_eq!(busy, 8, "{replies:?}");
    // 300 silent connections on top: the server never holds more than its cap.
    let held: Vec<_> = (0..300)
        .map(|_| std::net::TcpStream::connect(("127.0.0.1", s.port)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let during = threads();
    assert!(during <= base + 128 + 4, "{base} threads grew to {during}");
    drop(held);
    // It still serves.
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(get(&s, "/about/").status, 200);
}

/// The live-reload poll of a page open at `path` (as the injected script sends it),
/// answered in a thread: the generation it returns, once it returns.
fn poll_page(port: u16, since: u64, path: &str) -> std::thread::JoinHandle<u64> {
    let target = format!("/__folio/poll?since={since}&page={path}");
    std::thread::spawn(move || request(port, "GET", &target).text().trim().parse().unwrap())
}

#[test]
fn an_open_page_reloads_only_when_it_changed() {
    let p = Portfolio::fixture("basic");
    let s = start(&p, &["--port", "0"]);
    let g0 = generation(&s);
    let gamma = poll_page(s.port, g0, "/projects/gamma/");
    // Another page's body: gamma's HTML is unchanged, so its page does not reload.
    p.write(
        "content/about.md",
        "---\ntitle: About\nweight: 1\n---\nAbout me, edited.\n",
    );
    let g1 = wait_rebuild(&s, g0);
    std::thread::sleep(Duration::from_millis(300));
    assert!(!gamma.is_finished(), "gamma reloaded for a change to about");
    // Its own body: it reloads, told the generation that changed it.
    p.write(
        "content/projects/gamma.md",
        "---\ntitle: Gamma\n---\nGamma, edited.\n",
    );
    let changed_at = gamma.join().unwrap();
    assert!(changed_at > g1, "{changed_at} > {g1}");
    // Polled again from that generation, it waits: nothing changed since.
    let again = poll_page(s.port, changed_at, "/projects/gamma/");
    std::thread::sleep(Duration::from_millis(300));
    assert!(!again.is_finished());
    // A style sheet every page embeds reloads every open page.
    p.write("static/site-extra.css", "body { color: teal }");
    assert!(again.join().unwrap() > changed_at);
}

#[test]
fn a_failed_rebuild_withdraws_the_page_shown_ahead() {
    let p = Portfolio::fixture("basic");
    let s = start(&p, &["--port", "0"]);
    // Viewed, and then edited: the rebuild renders and serves it before checking
    // links. The link is broken, so the build fails and the page goes back.
    assert!(get(&s, "/about/").text().contains("About me"));
    let g0 = generation(&s);
    p.write(
        "content/about.md",
        "---\ntitle: About\nweight: 1\n---\nNew text with [a link to nowhere](/nowhere/).\n",
    );
    wait_rebuild(&s, g0);
    let page = get(&s, "/about/").text();
    assert!(page.contains("About me"), "the last good page is served");
    assert!(!page.contains("New text"), "the failed edit was withdrawn");
    assert!(
        page.contains(r#"id="folio-error""#),
        "with the error over it"
    );
    assert!(page.contains("/nowhere/"), "naming the broken link");
}

#[test]
fn rapid_saves_end_with_the_last_one_served() {
    let p = Portfolio::fixture("basic");
    // Enough pages that a save lands while the previous build is still rendering
    // (which is then stopped for the newer change).
    for i in 0..600 {
        p.write(
            &format!("content/projects/p{i:03}.md"),
            format!("---\ntitle: Page {i}\n---\nText of page {i}.\n"),
        );
    }
    let s = start(&p, &["--port", "0"]);
    assert!(get(&s, "/projects/alpha/").text().contains("Alpha"));
    for n in 0..12 {
        p.write(
            "content/projects/alpha.md",
            // (About links to the results heading.)
            format!("---\ntitle: Alpha\n---\nSave number {n}.\n\n## Results\n"),
        );
        std::thread::sleep(Duration::from_millis(15));
    }
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    loop {
        let page = get(&s, "/projects/alpha/").text();
        if page.contains("Save number 11.") {
            break;
        }
        if std::time::Instant::now() > deadline {
            let said: Vec<String> = s.stdout.try_iter().chain(s.stderr.try_iter()).collect();
            let main = page.find("<main").unwrap_or(0);
            panic!(
                "the last save never showed: {}\nserver said: {said:#?}",
                &page[main..page.len().min(main + 600)]
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    // The whole site is there and current, not only the page shown ahead.
    let g = generation(&s);
    assert!(get(&s, "/projects/").text().contains("Page 599"));
    assert!(
        get(&s, "/projects/p599/")
            .text()
            .contains("Text of page 599.")
    );
    assert_eq!(generation(&s), g);
}

/// 64 clients slowly reading a 10 MB static file: every response shares the site's
/// copy of the file (before, each held its own, 640 MB here).
#[test]
fn slow_readers_of_a_large_file_share_one_copy() {
    use std::io::{Read, Write};
    let p = Portfolio::fixture("basic");
    p.write("static/big.bin", vec![7u8; 10 * 1024 * 1024]);
    let s = start(&p, &["--port", "0"]);
    assert_eq!(get(&s, "/big.bin").status, 200);
    let rss = || {
        let status = std::fs::read_to_string(format!("/proc/{}/status", s.pid())).unwrap();
        let line = status
            .lines()
            .find(|l| l.starts_with("VmRSS:"))
            .unwrap()
            .to_string();
        line.split_whitespace()
            .nth(1)
            .unwrap()
            .parse::<u64>()
            .unwrap()
            * 1024
    };
    let before = rss();
    let mut clients = Vec::new();
    for _ in 0..64 {
        let mut c = std::net::TcpStream::connect(("127.0.0.1", s.port)).unwrap();
        c.write_all(b"GET /big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n")
            .unwrap();
        // The response has begun (its head arrived); then this client stops reading.
        let mut first = [0u8; 12];
        c.read_exact(&mut first).unwrap();
        assert_eq!(&first, b"HTTP/1.1 200");
        clients.push(c);
    }
    let grown = rss().saturating_sub(before);
    assert!(
        grown < 200 * 1024 * 1024,
        "serve grew by {} MiB for 64 slow readers of a 10 MiB file",
        grown >> 20
    );
    drop(clients);
}

#[test]
fn edited_catalogues_and_translations_show_at_once() {
    let p = Portfolio::fixture("basic");
    common::copy_dir(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"),
        &p.root.join("themes/mine"),
    );
    p.write(
        "themes/mine/i18n/en.ftl",
        "skip-to-content = Jump to the text\n",
    );
    let config = p.read("folio.yaml");
    p.write("folio.yaml", format!("{config}theme: themes/mine\n"));
    let s = start(&p, &["--port", "0"]);
    assert!(get(&s, "/").text().contains("Jump to the text"));

    // The theme's catalogue changes: every page says the new words.
    let g0 = generation(&s);
    p.write(
        "themes/mine/i18n/en.ftl",
        "skip-to-content = Straight to the text\n",
    );
    let g1 = wait_rebuild(&s, g0);
    let home = get(&s, "/").text();
    assert!(home.contains("Straight to the text"), "{home}");
    assert!(get(&s, "/about/").text().contains("Straight to the text"));

    // So do the portfolio's own `translations:`.
    p.write(
        "folio.yaml",
        format!(
            "{config}theme: themes/mine\ntranslations:\n  en:\n    skip-to-content: Read the page\n"
        ),
    );
    wait_rebuild(&s, g1);
    assert!(get(&s, "/").text().contains("Read the page"));
}

#[test]
fn two_builds_and_a_serve_on_one_folder_do_not_race() {
    use folio::badge::sign::{Issuer, sample_badge};
    let p = Portfolio::fixture("basic");
    // A photo (web-sized copies) and a badge (a preview card) use the shared cache;
    // serve draws its cards for its own address, build for the real one.
    let mut photo = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_fn(1200, 900, |x, y| {
        image::Rgb([(x % 200) as u8, (y % 200) as u8, 80])
    })
    .write_to(&mut photo, image::ImageFormat::Jpeg)
    .unwrap();
    p.write("static/images/photo.jpg", photo.into_inner());
    p.write(
        "content/gallery.md",
        "---\ntitle: Gallery\n---\n![A photo](/images/photo.jpg)\n",
    );
    let issuer = Issuer::from_seed([9; 32]);
    let doc = sample_badge(&issuer, "Shared Cache", "2026-01-10T09:00:00Z");
    p.write(
        "badges/shared.json",
        issuer
            .sign_rdfc(doc, "2026-01-10T09:00:00Z")
            .unwrap()
            .to_string(),
    );
    let s = start(&p, &["--port", "0"]);
    let build = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(["build", "--quiet"])
            .current_dir(&p.root)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    for round in 0..50 {
        // Each round: serve rebuilds (an edit) while two builds run.
        p.write(
            "content/gallery.md",
            format!("---\ntitle: Gallery\n---\nRound {round}.\n\n![A photo](/images/photo.jpg)\n"),
        );
        let (a, b) = (build(), build());
        for child in [a, b] {
            let out = child.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "round {round}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    // Serve is still up and serving the last good site.
    assert_eq!(get(&s, "/gallery/").status, 200);
}

#[test]
fn pages_added_moved_removed_and_broken_between_rebuilds_are_seen() {
    // Between rebuilds serve looks again only at the files its watcher reported
    // (content::listing); every kind of change must still show.
    for poll in [false, true] {
        let p = Portfolio::fixture("basic");
        let mut args = vec!["--port", "0"];
        if poll {
            args.extend(["--watcher", "poll"]);
        }
        let s = start(&p, &args);
        let mut g = generation(&s);
        // The poll watcher compares modification times in whole seconds: each save is
        // dated a second after the one before, as a person's saves would be.
        let mut second = 0;
        let mut save = |rel: &str, text: &str| {
            p.write(rel, text);
            second += 2;
            let later = std::time::SystemTime::now() + Duration::from_secs(second);
            std::fs::File::options()
                .write(true)
                .open(p.root.join(rel))
                .unwrap()
                .set_modified(later)
                .unwrap();
        };
        // A new page in a new folder.
        save(
            "content/notes/first.md",
            "---\ntitle: First\n---\nA new note.\n",
        );
        g = wait_rebuild(&s, g);
        assert!(
            get(&s, "/notes/first/").text().contains("A new note."),
            "poll={poll}"
        );
        // The folder renamed: the old address goes, the new one comes.
        std::fs::rename(p.root.join("content/notes"), p.root.join("content/journal")).unwrap();
        g = wait_rebuild(&s, g);
        assert!(
            get(&s, "/journal/first/").text().contains("A new note."),
            "poll={poll}"
        );
        assert_eq!(get(&s, "/notes/first/").status, 404, "poll={poll}");
        // A page broken, then another: both errors show (the first broken page is not
        // taken as it read before it broke); the second fixed, the first still shows.
        save(
            "content/journal/first.md",
            "---\ntitle: [First\n---\nBroken.\n",
        );
        g = wait_rebuild(&s, g);
        save("content/about.md", "---\ntitle: [About\n---\nBroken too.\n");
        g = wait_rebuild(&s, g);
        let about = get(&s, "/about/").text();
        assert!(
            about.contains("content/journal/first.md") && about.contains("content/about.md:"),
            "poll={poll}: {about}"
        );
        save(
            "content/about.md",
            "---\ntitle: About\nweight: 1\n---\nStill here.\n",
        );
        g = wait_rebuild(&s, g);
        let about = get(&s, "/about/").text();
        assert!(
            about.contains("folio-error") && about.contains("content/journal/first.md"),
            "poll={poll}: {about}"
        );
        // Removed: gone from the site, the error with it.
        std::fs::remove_file(p.root.join("content/journal/first.md")).unwrap();
        wait_rebuild(&s, g);
        assert_eq!(get(&s, "/journal/first/").status, 404, "poll={poll}");
        let about = get(&s, "/about/").text();
        assert!(
            about.contains("Still here.") && !about.contains("folio-error"),
            "poll={poll}"
        );
    }
}
