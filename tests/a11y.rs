//! Pages every visitor can use: axe-core, in headless Chromium, against every page of
//! the example portfolio in both built-in themes, light and dark, at phone (390 px)
//! and desktop (1440 px) widths, must report no violations; so must the German, the
//! French (with an English tree, so the language switcher is there) and the Arabic
//! (right to left) builds. And the résumé theme's home page prints on one A4 and one
//! Letter page.
//!
//! axe-core comes from the npm registry, pinned in `tests/a11y/package-lock.json`;
//! `.ci/run` installs it (`npm ci --prefix tests/a11y`). Without it (or without the
//! browser) the tests say so and pass locally, but fail under CI.

mod common;

use std::path::PathBuf;

use common::Portfolio;
use common::browser::{Driver, emulate, have_browser, pages, serve_and_browse, styled};
use serde_json::json;

const THEMES: [&str; 2] = ["default", "resume"];
const WIDTHS: [u32; 2] = [390, 1440];
const SCHEMES: [&str; 2] = ["light", "dark"];

fn axe_source() -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/a11y/node_modules/axe-core/axe.min.js");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) => {
            common::skipped::skip(
                "the accessibility tests (axe-core)",
                "npm ci --prefix tests/a11y",
            );
            None
        }
    }
}

/// The example portfolio on `theme`.
fn example_on(theme: &str) -> Portfolio {
    let p = Portfolio::example();
    let config = p
        .read("folio.yaml")
        .replace("theme: default", &format!("theme: {theme}"));
    assert!(config.contains(&format!("theme: {theme}")));
    p.write("folio.yaml", config);
    p
}

/// axe-core's violations on the open page, one line per rule and element.
fn violations(driver: &Driver, axe: &str) -> Vec<String> {
    driver.eval(axe);
    let result = driver.call(
        "POST",
        &driver.session_path("execute/async"),
        Some(
            json!({"script": "const done = arguments[arguments.length - 1];
            axe.run(document, {resultTypes: ['violations'], runOnly: {type: 'tag', values:
                ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})
              .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact,
                 help: v.help, nodes: v.nodes.map(n => n.target.join(' ') + ' — '
                 + (n.failureSummary || '').replace(/\\s+/g, ' '))}))))
              .catch(e => done([{id: 'axe-error', impact: 'error', help: String(e), nodes: []}]));",
            "args": []}),
        ),
    );
    let mut out = Vec::new();
    for v in result.as_array().cloned().unwrap_or_default() {
        let nodes = v["nodes"].as_array().cloned().unwrap_or_default();
        if nodes.is_empty() {
            out.push(format!("{} ({}): {}", v["id"], v["impact"], v["help"]));
        }
        for n in nodes {
            out.push(format!(
                "{} ({}): {} — {}",
                v["id"].as_str().unwrap_or(""),
                v["impact"].as_str().unwrap_or(""),
                v["help"].as_str().unwrap_or(""),
                n.as_str().unwrap_or("")
            ));
        }
    }
    out
}

/// axe's violations on every page of `p` (as its sitemap lists them) in each
/// colour scheme and width, each line labelled with `label`; and the views checked.
fn axe_every_page(
    p: &Portfolio,
    axe: &str,
    (schemes, widths): (&[&str], &[u32]),
    label: &str,
) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let mut checked = 0;
    let (server, _profile, driver) = serve_and_browse(p);
    driver.call(
        "POST",
        &driver.session_path("timeouts"),
        Some(json!({"script": 60_000})),
    );
    let paths = pages(p, &server);
    for &scheme in schemes {
        for &width in widths {
            emulate(&driver, width, scheme);
            for path in &paths {
                driver.navigate(&format!("http://127.0.0.1:{}{path}", server.port));
                for v in violations(&driver, axe) {
                    problems.push(format!("{label} {scheme} {width}px {path}: {v}"));
                }
                checked += 1;
            }
        }
    }
    (problems, checked)
}

fn no_violations(problems: &[String], checked: usize) {
    eprintln!("axe checked {checked} page views");
    assert!(
        problems.is_empty(),
        "{} axe violations:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn axe_finds_no_violations_in_german_french_or_arabic() {
    if !have_browser() {
        return;
    }
    let Some(axe) = axe_source() else { return };
    let mut problems = Vec::new();
    let mut checked = 0;
    for theme in THEMES {
        for languages in ["language: de", "languages: [fr, en]", "language: ar"] {
            let p = example_on(theme);
            let config = p.read("folio.yaml").replace("language: en", languages);
            p.write("folio.yaml", config);
            // Longer words and right-to-left text are what could break: the phone
            // width; colours do not change with the language (both schemes above).
            let label = format!("{theme} {languages}");
            let (found, views) = axe_every_page(&p, &axe, (&["light"], &[390]), &label);
            problems.extend(found);
            checked += views;
        }
    }
    no_violations(&problems, checked);
}

#[test]
fn axe_finds_no_violations_on_any_page_theme_scheme_or_width() {
    if !have_browser() {
        return;
    }
    let Some(axe) = axe_source() else { return };
    let mut problems = Vec::new();
    let mut checked = 0;
    for theme in THEMES {
        let (found, views) = axe_every_page(&example_on(theme), &axe, (&SCHEMES, &WIDTHS), theme);
        problems.extend(found);
        checked += views;
    }
    no_violations(&problems, checked);
}

/// Pages in a PDF: each page object is `/Type /Page` (the tree's nodes are `/Pages`).
fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.matches("/Type /Page")
        .count()
        .saturating_sub(text.matches("/Type /Pages").count())
}

#[test]
fn the_resume_prints_on_one_a4_and_one_letter_page() {
    if !have_browser() {
        return;
    }
    let p = example_on("resume");
    let (server, _profile, driver) = serve_and_browse(&p);
    driver.navigate(&server.url);
    // What the printed page shows: print media emulated, then the visible text.
    driver.call(
        "POST",
        &driver.session_path("goog/cdp/execute"),
        Some(json!({"cmd": "Emulation.setEmulatedMedia", "params": {"media": "print"}})),
    );
    let printed = driver
        .eval("return document.body.innerText")
        .as_str()
        .unwrap_or("")
        .to_lowercase();
    for needed in [
        "Experience",
        "Logistics coordinator",
        "Education",
        "Data Analytics Bootcamp",
        "Credentials",
        "Data Storytelling",
        "github.com/ada-okafor",
        "linkedin.com/in/ada-okafor",
    ] {
        let needed = needed.to_lowercase();
        assert!(
            printed.contains(&needed),
            "the printed résumé lacks {needed}:\n{printed}"
        );
    }
    // Only verified credentials are printed (the example's expired one is not).
    assert!(!printed.contains("workplace first aid"), "{printed}");
    assert!(!printed.contains("skip to content"), "{printed}");
    for (paper, width, height) in [("A4", 21.0, 29.7), ("Letter", 21.59, 27.94)] {
        let pdf = driver.call(
            "POST",
            &driver.session_path("print"),
            Some(json!({"page": {"width": width, "height": height}, "background": false})),
        );
        let pdf = {
            use base64::Engine as _;
            base64::engine::general_purpose::STANDARD
                .decode(pdf.as_str().expect("a PDF"))
                .expect("base64")
        };
        let pages = pdf_pages(&pdf);
        eprintln!("résumé on {paper}: {pages} page(s)");
        assert_eq!(pages, 1, "the résumé prints on {pages} {paper} pages");
    }
}

/// Table cells of the open page whose text runs over more than one line.
const WRAPPED_CELLS: &str = "return [...document.querySelectorAll('table.checks th, .checks table th, \
    table.checks td:not(:last-child), .checks table td:not(:last-child)')].filter(c => { \
    const r = document.createRange(); r.selectNodeContents(c); \
    const lines = new Set([...r.getClientRects()].map(x => Math.round(x.top))); \
    return lines.size > 1; }).map(c => c.textContent.trim());";

#[test]
fn badge_pages_and_lead_images_fit_phones_and_desktops() {
    if !have_browser() {
        return;
    }
    for theme in THEMES {
        let p = example_on(theme);
        // A project with a lead image that its body does not repeat.
        p.write(
            "content/projects/lead.md",
            "---\ntitle: With a lead image\nimage: images/forecast.svg\n---\nText below the image.\n",
        );
        let (server, _profile, driver) = serve_and_browse(&p);
        for width in WIDTHS {
            emulate(&driver, width, "light");
            driver.navigate(&format!("{}badges/workplace-first-aid/", server.url));
            styled(&driver);
            let wrapped = driver.eval(WRAPPED_CELLS);
            assert_eq!(
                wrapped,
                json!([]),
                "{theme} at {width}px: words broken in the table"
            );
            let text = driver.eval("return document.body.innerText");
            let text = text.as_str().unwrap_or("");
            assert!(
                text.contains("expired on 10 January 2025"),
                "{theme}: {text}"
            );
            assert!(
                !text.contains("T00:00:00"),
                "{theme}: raw timestamp in {text}"
            );
            // The issuer is named once on its line.
            let line = driver.eval(
                "const h = document.querySelector('h1'); \
                 const p = h.parentElement.querySelector('p.meta') || h.nextElementSibling; \
                 return p ? p.textContent : '';",
            );
            let line = line.as_str().unwrap_or("");
            assert_eq!(
                line.matches("Northern Code Academy").count(),
                1,
                "{theme}: {line}"
            );
            // Nothing on the pathway page (long achievement URLs) is wider than a phone.
            driver.navigate(&format!("{}pathways/junior-data-analyst/", server.url));
            // (A phone widens its layout to fit what overflows, so compare with the
            // screen's width, not `innerWidth`.)
            let wide = driver.eval("return document.documentElement.scrollWidth");
            assert!(
                wide.as_f64().unwrap_or(f64::MAX) <= f64::from(width),
                "{theme} at {width}px: the pathway page is {wide}px wide"
            );
        }
        if theme != "default" {
            continue;
        }
        // The lead image leaves the title and the start of the text on the first screen.
        emulate(&driver, 1440, "light");
        driver.navigate(&format!("{}projects/lead/", server.url));
        let fits = driver.eval(
            "const img = document.querySelector('img.lead'); \
             const p = document.querySelector('.prose p'); \
             return [img.getBoundingClientRect().height, innerHeight, \
                     p.getBoundingClientRect().top < innerHeight];",
        );
        let (height, screen) = (fits[0].as_f64().unwrap(), fits[1].as_f64().unwrap());
        assert!(
            height > 0.0 && height <= screen / 2.0,
            "lead image {height}px of {screen}px"
        );
        assert_eq!(
            fits[2],
            json!(true),
            "the text starts below the first screen"
        );
        // A body that shows the same image does not get it twice.
        driver.navigate(&format!("{}projects/demand-forecast/", server.url));
        let count = driver
            .eval("return document.querySelectorAll('main img[src$=\"forecast.svg\"]').length");
        assert_eq!(count, json!(1));
    }
}

/// The example portfolio on `theme`, with its trust list removed: every issuer is
/// unknown, as for every learner who has not written one.
fn untrusted_on(theme: &str) -> Portfolio {
    let p = example_on(theme);
    p.without_trust_list();
    p
}

#[test]
fn pages_with_unknown_issuers_fit_the_screen_and_pass_axe() {
    if !have_browser() {
        return;
    }
    let Some(axe) = axe_source() else { return };
    let mut problems = Vec::new();
    let mut checked = 0;
    for theme in THEMES {
        let p = untrusted_on(theme);
        let (server, _profile, driver) = serve_and_browse(&p);
        driver.call(
            "POST",
            &driver.session_path("timeouts"),
            Some(json!({"script": 60_000})),
        );
        let paths = pages(&p, &server);
        // The badge pages really do name unknown issuers.
        let badge_page =
            common::server::get(&server, "/portfolio/badges/data-storytelling/").text();
        assert!(
            badge_page
                .contains("no trust list or registry this portfolio uses says who that issuer is"),
            "{theme}: {badge_page}"
        );
        for width in [390, 1280] {
            emulate(&driver, width, "light");
            for path in &paths {
                driver.navigate(&format!("http://127.0.0.1:{}{path}", server.port));
                let fit =
                    driver.eval("return [document.documentElement.scrollWidth, window.innerWidth]");
                let (scroll, inner) = (fit[0].as_u64().unwrap_or(0), fit[1].as_u64().unwrap_or(0));
                if scroll > inner {
                    problems.push(format!(
                        "{theme} {width}px {path}: the page is {scroll} px wide in a {inner} px window"
                    ));
                }
                for v in violations(&driver, &axe) {
                    problems.push(format!("{theme} {width}px {path}: {v}"));
                }
                checked += 1;
            }
        }
    }
    eprintln!("checked {checked} page views with unknown issuers");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// A badge page with every fact of a micro-credential stated (SURF Edubadges fields:
/// 11 of 11 Annex I elements; a European Learning Model credential with credits,
/// hours, prerequisites and a grade), in German, French and Arabic, on a phone.
#[test]
fn micro_credential_facts_fit_phones_and_pass_axe_in_three_languages() {
    if !have_browser() {
        return;
    }
    let Some(axe) = axe_source() else { return };
    let mut problems = Vec::new();
    for language in ["de", "fr", "ar"] {
        let p = Portfolio::fixture("basic");
        p.write(
            "folio.yaml",
            format!("title: Facts\nbase_url: https://ada.example/\nlanguage: {language}\nowner:\n  name: Ada\n  email: ada@example.org\n"),
        );
        for file in ["edubadges-5-ects.json", "elm-learning-achievement.jwt"] {
            p.write(
                &format!("badges/{file}"),
                std::fs::read(common::fixtures().join("facts").join(file)).unwrap(),
            );
        }
        let (server, _profile, driver) = serve_and_browse(&p);
        driver.call(
            "POST",
            &driver.session_path("timeouts"),
            Some(json!({"script": 60_000})),
        );
        emulate(&driver, 390, "light");
        for page in ["edubadges-5-ects", "elm-learning-achievement"] {
            driver.navigate(&format!("{}badges/{page}/", server.url));
            styled(&driver);
            let rows = driver.eval("return document.querySelectorAll('.mc-facts dt').length");
            assert!(
                rows.as_u64().unwrap_or(0) >= 7,
                "{language} {page}: {rows} facts shown"
            );
            let wide = driver.eval("return document.documentElement.scrollWidth");
            if wide.as_u64().unwrap_or(u64::MAX) > 390 {
                problems.push(format!("{language} {page}: {wide} px wide at 390 px"));
            }
            for v in violations(&driver, &axe) {
                problems.push(format!("{language} {page}: {v}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
