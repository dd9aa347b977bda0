//! A real browser: headless Chromium, driven through chromedriver's WebDriver HTTP API,
//! opens a page served by `folio serve`; the test edits the markdown, and the open page
//! changes by itself, with no navigation by the test.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). Without
//! them the test says so and passes locally, but fails under CI (`CI` set), so it can
//! never be silently skipped where it matters.

mod common;

use std::time::{Duration, Instant};

use common::Portfolio;
use common::browser::{Driver, have_browser, serve_and_browse};
use serde_json::{Value, json};

/// Waits until the open page's text contains `text` (the page reloads itself).
fn wait_for_text(driver: &Driver, text: &str, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    let script = "return document.body.textContent";
    while !driver.eval(script).as_str().unwrap_or("").contains(text) {
        assert!(
            Instant::now() < deadline,
            "the open page never showed {what}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn every_kind_of_change_reaches_the_open_page() {
    if !have_browser() {
        return;
    }
    let p = Portfolio::fixture("basic");
    let (server, _profile, driver) = serve_and_browse(&p);

    // A title: its section's listing and the home page, each open in turn.
    let retitle = |title: &str| {
        let text = p.read("content/projects/alpha.md");
        let old = text
            .lines()
            .find(|l| l.starts_with("title:"))
            .unwrap()
            .to_string();
        p.write(
            "content/projects/alpha.md",
            text.replace(&old, &format!("title: {title}")),
        );
    };
    driver.navigate(&format!("{}projects/", server.url));
    retitle("Alpha, renamed on the listing");
    wait_for_text(
        &driver,
        "Alpha, renamed on the listing",
        "a new title on its listing",
    );
    driver.navigate(&server.url);
    retitle("Alpha, renamed at home");
    wait_for_text(
        &driver,
        "Alpha, renamed at home",
        "a new title on the home page",
    );

    // A badge: added while the home page is open.
    let issuer = folio::badge::sign::Issuer::from_seed([12; 32]);
    let badge = folio::badge::sign::sample_badge(&issuer, "Browser Badge", "2025-01-01T00:00:00Z");
    let badge = issuer.sign_rdfc(badge, "2025-01-01T00:00:00Z").unwrap();
    p.write("badges/browser.json", badge.to_string());
    wait_for_text(&driver, "Browser Badge", "a new badge");

    // A template: an override of the page template.
    driver.navigate(&format!("{}about/", server.url));
    let page = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/page.html"),
    )
    .unwrap();
    p.write(
        "templates/page.html",
        page.replacen(
            "{% block main %}",
            "{% block main %}<p>Template edited</p>",
            1,
        ),
    );
    wait_for_text(&driver, "Template edited", "a template change");
}

#[test]
fn open_page_reloads_after_an_edit() {
    if !have_browser() {
        return;
    }
    let p = Portfolio::fixture("basic");
    let (server, _profile, driver) = serve_and_browse(&p);
    driver.navigate(&format!("{}about/", server.url));
    let heading = "return document.querySelector('main h1').textContent";
    assert_eq!(driver.eval(heading), json!("About"));
    // Marks this document: it survives only if the page is never reloaded.
    driver.eval("window.folioMarker = 'before'; return null");

    p.write(
        "content/about.md",
        "---\ntitle: About me, edited\nweight: 1\n---\nEdited while the page was open.\n",
    );
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        if driver.eval(heading) == json!("About me, edited") {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the open page never updated itself"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // The page got there by reloading itself: our marker is gone, the URL is the same.
    assert_eq!(
        driver.eval("return window.folioMarker || null"),
        Value::Null
    );
    assert_eq!(driver.eval("return location.pathname"), json!("/about/"));
}
