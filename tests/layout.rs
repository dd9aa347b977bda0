//! Pages that look finished in every language: every page of the example portfolio,
//! in every shipped language and both built-in themes, at phone (390 px) and desktop
//! (1280 px) widths, in headless Chromium — and a portfolio with the badges learners
//! really have (baked PNGs, long names, issuers nobody vouches for, failed badges).
//! On every page: nothing wider than the screen, no text outside its box (a wrapped
//! status pill keeps its words inside its rounded border), and every picture drawn at
//! the aspect ratio its `width`/`height` declare.

mod common;

use common::Portfolio;
use common::browser::{Driver, emulate, have_browser, pages, serve_and_browse, styled};
use folio::badge::sign::{Issuer, sample_badge};
use serde_json::json;

const THEMES: [&str; 2] = ["default", "resume"];
const LANGUAGES: [&str; 7] = ["en", "de", "fr", "es", "pt", "nl", "ar"];
const WIDTHS: [u32; 2] = [390, 1280];

/// What is wrong with the open page's layout, one line per problem. The page must fit
/// the screen's width (a phone widens its layout to fit what overflows, so the
/// document's width is compared with the screen's); a box that clips or scrolls its
/// text sideways (code blocks excepted) has text outside it; a bordered box with round
/// corners must keep its text inside the rounded shape; and a picture with a declared
/// size is drawn at that ratio, which is the picture's own.
const PROBLEMS: &str = r#"
const W = arguments[0];
const out = [];
const name = e => e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
  ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' "' +
  (e.textContent || e.getAttribute('alt') || '').trim().replace(/\s+/g, ' ').slice(0, 40) + '"';
const wide = document.documentElement.scrollWidth;
if (wide > W) {
  const culprits = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > W + 1 && e.children.length === 0)
    .slice(0, 3).map(name);
  out.push(`the page is ${wide} px wide: ${culprits.join(', ')}`);
}
// Hidden on purpose: clipped to nothing for screen readers only.
const clipped = e => {
  for (let a = e; a; a = a.parentElement) {
    if (getComputedStyle(a).clip !== 'auto') return true;
  }
  return false;
};
for (const e of document.querySelectorAll('body *')) {
  const s = getComputedStyle(e);
  if (s.display === 'none' || s.visibility === 'hidden' || clipped(e)) continue;
  if (e.closest('pre, code, textarea, svg')) continue;
  if (['hidden', 'auto', 'scroll', 'clip'].includes(s.overflowX)
      && e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 1) {
    out.push(`${name(e)} holds ${e.scrollWidth} px of content in ${e.clientWidth} px`);
  }
  const side = k => s[`border${k}Style`] === 'none' ? 0 : parseFloat(s[`border${k}Width`]);
  const [top, right, bottom, left] = ['Top', 'Right', 'Bottom', 'Left'].map(side);
  const border = Math.max(top, right, bottom, left);
  // (A box that scrolls keeps what is outside it within reach.)
  const scrolls = ['auto', 'scroll'].includes(s.overflowY);
  if (border > 0 && e.textContent.trim() && s.display !== 'inline' && !scrolls) {
    const b = e.getBoundingClientRect();
    const radius = Math.min(parseFloat(s.borderTopLeftRadius) || 0, b.width / 2, b.height / 2);
    const inside = (x, y) => {
      if (x < b.left + left - 1 || x > b.right - right + 1
          || y < b.top + top - 1 || y > b.bottom - bottom + 1) return false;
      const r = Math.max(radius - border, 0);
      const cx = Math.min(Math.max(x, b.left + left + r), b.right - right - r);
      const cy = Math.min(Math.max(y, b.top + top + r), b.bottom - bottom - r);
      return Math.hypot(x - cx, y - cy) <= r + 1.5;
    };
    const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    let outside = false;
    while (!outside && walker.nextNode()) {
      const n = walker.currentNode;
      if (!n.textContent.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        if (r.width === 0) continue;
        // The glyphs' ink sits inside the line box; test its corners a little in.
        const dy = Math.min(r.height * 0.2, 3);
        for (const [x, y] of [[r.left, r.top + dy], [r.right, r.top + dy],
                              [r.left, r.bottom - dy], [r.right, r.bottom - dy]]) {
          if (!inside(x, y)) outside = true;
        }
      }
    }
    if (outside) out.push(`text outside the border of ${name(e)}`);
  }
}
for (const img of document.querySelectorAll('img')) {
  const r = img.getBoundingClientRect();
  if (r.width === 0 || r.height === 0) continue;
  const w = parseFloat(img.getAttribute('width')), h = parseFloat(img.getAttribute('height'));
  if (w > 0 && h > 0) {
    const drawn = r.width / r.height, declared = w / h;
    if (Math.abs(drawn / declared - 1) > 0.04) {
      out.push(`${name(img)} ${img.currentSrc.split('/').pop()} is drawn ${Math.round(r.width)}×${Math.round(r.height)}, declared ${w}×${h}`);
    }
  }
  if (img.complete && img.naturalWidth > 0 && w > 0 && h > 0) {
    const natural = img.naturalWidth / img.naturalHeight;
    if (Math.abs(natural / (w / h) - 1) > 0.04) {
      out.push(`${name(img)} ${img.currentSrc.split('/').pop()} is ${img.naturalWidth}×${img.naturalHeight}, declared ${w}×${h}`);
    }
  }
}
return out;
"#;

/// Layout problems on every page of `p` at every width, each labelled.
fn problems_on(p: &Portfolio, label: &str) -> (Vec<String>, usize) {
    let (server, _profile, driver): (_, _, Driver) = serve_and_browse(p);
    let paths = pages(p, &server);
    let mut problems = Vec::new();
    let mut views = 0;
    for width in WIDTHS {
        emulate(&driver, width, "light");
        for path in &paths {
            driver.navigate(&format!("http://127.0.0.1:{}{path}", server.port));
            styled(&driver);
            let found = driver.call(
                "POST",
                &driver.session_path("execute/sync"),
                Some(json!({"script": PROBLEMS, "args": [width]})),
            );
            for problem in found.as_array().cloned().unwrap_or_default() {
                problems.push(format!(
                    "{label} {width}px {path}: {}",
                    problem.as_str().unwrap_or("?")
                ));
            }
            views += 1;
        }
    }
    (problems, views)
}

/// The example portfolio on `theme` in `language`.
fn example(theme: &str, language: &str) -> Portfolio {
    let p = Portfolio::example();
    let config = p
        .read("folio.yaml")
        .replace("theme: default", &format!("theme: {theme}"))
        .replace("language: en", &format!("language: {language}"));
    p.write("folio.yaml", config);
    p
}

fn no_problems(problems: &[String], views: usize) {
    eprintln!("checked the layout of {views} page views");
    assert!(
        problems.is_empty(),
        "{} layout problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_page_fits_in_every_language_theme_and_width() {
    if !have_browser() {
        return;
    }
    let (mut problems, mut views) = (Vec::new(), 0);
    for theme in THEMES {
        for language in LANGUAGES {
            let (found, seen) =
                problems_on(&example(theme, language), &format!("{theme} {language}"));
            problems.extend(found);
            views += seen;
        }
    }
    no_problems(&problems, views);
}

/// The example on `theme` with the badges learners really bring: its trust list gone
/// (no issuer is vouched for), long achievement and issuer names, one verified and
/// one failed, and its baked PNG badge.
fn real_world(theme: &str, language: &str) -> Portfolio {
    let p = example(theme, language);
    let config = p
        .without_trust_list()
        .read("folio.yaml")
        .replace("on_invalid: error", "on_invalid: show")
        .replace("email: ada@example.org", "email: learner@example.org");
    p.write("folio.yaml", config);
    let issuer = Issuer::from_seed([7; 32]);
    let long = "Professional Certificate in Advanced Cloud-Native Infrastructure Engineering, Observability and Site Reliability (Level 5, Blended Delivery)";
    let mut doc = sample_badge(&issuer, long, "2025-03-01T00:00:00Z");
    doc["issuer"]["name"] = json!(
        "Internationale Hochschule für Weiterbildung und Berufsqualifizierung gGmbH — Fachbereich Informatik"
    );
    let signed = issuer.sign_rdfc(doc, "2025-03-01T00:00:00Z").unwrap();
    p.write(
        "badges/cloud-native.json",
        serde_json::to_vec_pretty(&signed).unwrap(),
    );
    let mut altered = signed.clone();
    altered["name"] = json!(format!("{long} with Distinction"));
    p.write(
        "badges/cloud-native-altered.json",
        serde_json::to_vec_pretty(&altered).unwrap(),
    );
    p
}

#[test]
fn real_world_badges_fit_in_both_themes() {
    if !have_browser() {
        return;
    }
    let (mut problems, mut views) = (Vec::new(), 0);
    for theme in THEMES {
        for language in ["en", "de"] {
            let p = real_world(theme, language);
            let (found, seen) = problems_on(&p, &format!("real-world {theme} {language}"));
            problems.extend(found);
            views += seen;
        }
    }
    no_problems(&problems, views);
}
