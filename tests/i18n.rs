//! Portfolios in the learner's language, and in several: the example built in every
//! language folio ships has none of the English catalogue's words in its theme text
//! and dates as that language writes them; `translations:` and a theme's catalogue
//! override single strings; `theme check` names missing keys; a two-language site has
//! both trees, hreflang pairs both ways, a switcher whose links resolve, and feeds
//! and sitemaps per language.

mod common;

use std::collections::BTreeSet;

use common::Portfolio;
use folio::i18n::{self, Translator};

/// Every text node and every human-facing attribute value of the built site's pages.
fn texts(p: &Portfolio) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (path, body) in p.tree("public") {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&body).into_owned();
        let html = strip_blocks(&html, "<script", "</script>");
        let mut rest = html.as_str();
        while let Some(lt) = rest.find('<') {
            push_text(&mut out, &rest[..lt]);
            let gt = rest[lt..].find('>').map_or(rest.len(), |g| lt + g + 1);
            let tag = &rest[lt..gt];
            for attr in ["aria-label=\"", "alt=\"", "title=\""] {
                if let Some(at) = tag.find(attr) {
                    let value = &tag[at + attr.len()..];
                    push_text(&mut out, &value[..value.find('"').unwrap_or(value.len())]);
                }
            }
            rest = &rest[gt..];
        }
        push_text(&mut out, rest);
    }
    out
}

fn strip_blocks(html: &str, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find(open) {
        out.push_str(&rest[..at]);
        rest = rest[at..]
            .find(close)
            .map_or("", |end| &rest[at + end + close.len()..]);
    }
    out.push_str(rest);
    out
}

fn push_text(out: &mut BTreeSet<String>, text: &str) {
    let text = text
        .replace("&amp;", "&")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"");
    for piece in text.split(['·', '(', ')']) {
        let piece = piece.trim().trim_end_matches(['.', ':', ',']).trim();
        if !piece.is_empty() {
            out.insert(piece.to_string());
        }
    }
}

/// The example, in `language`.
fn example_in(language: &str) -> Portfolio {
    let p = Portfolio::example();
    let config = p.read("folio.yaml");
    let config = config
        .lines()
        .map(|l| match l.starts_with("language:") {
            true => format!("language: {language}"),
            false => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    p.write("folio.yaml", config);
    p.run(&["build"]).success();
    p
}

/// The English catalogue's messages without arguments, as English pages show them.
fn english_messages() -> Vec<(String, String)> {
    let en = Translator::english();
    i18n::english_keys()
        .into_iter()
        .filter_map(|k| {
            let text = en.t(&k);
            (!text.contains('{')).then_some((k, text))
        })
        .collect()
}

#[test]
fn every_shipped_language_replaces_every_english_string_of_the_theme() {
    let english = example_in("en");
    let english_texts = texts(&english);
    // The English strings the English build shows as whole texts: the theme's words.
    let shown: Vec<(String, String)> = english_messages()
        .into_iter()
        .filter(|(_, text)| english_texts.contains(text.trim_end_matches(['.', ':'])))
        .collect();
    assert!(
        shown.len() > 40,
        "the English build shows only {} catalogue strings: {shown:?}",
        shown.len()
    );
    // The badge SQL Fundamentals was issued on 14 March 2025.
    for (language, issued) in [
        ("de", "14. März 2025"),
        ("fr", "14 mars 2025"),
        ("es", "14 de marzo de 2025"),
        ("pt", "14 de março de 2025"),
        ("nl", "14 maart 2025"),
        ("ar", "14 مارس 2025"),
        ("ar-EG", "١٤ مارس ٢٠٢٥"),
    ] {
        let p = example_in(language);
        let shown_here = texts(&p);
        let tr = Translator::new(language, &[], &[], std::path::Path::new("folio.yaml")).unwrap();
        let left: Vec<&String> = shown
            .iter()
            // A word both languages share ("Badges") is not English left behind.
            .filter(|(key, text)| {
                let bare = |s: &str| s.trim_end_matches(['.', ':', ' ', '\u{a0}']).to_string();
                bare(&tr.t(key)) != bare(text)
            })
            .map(|(_, text)| text)
            .filter(|text| shown_here.contains(text.trim_end_matches(['.', ':'])))
            .collect();
        assert!(
            left.is_empty(),
            "{language}: English left in the theme: {left:?}"
        );
        let page = p.read("public/badges/sql-fundamentals/index.html");
        assert!(page.contains(issued), "{language}: no date {issued:?}");
        let primary = language.split('-').next().unwrap();
        assert!(
            page.starts_with(&format!(
                "<!doctype html>\n<html lang=\"{language}\" dir=\"{}\"",
                i18n::direction(primary)
            )),
            "{language}: {}",
            &page[..120]
        );
    }
}

#[test]
fn the_learner_and_the_theme_override_single_strings() {
    let p = example_in("fr");
    let config = p.read("folio.yaml");
    p.write(
        "folio.yaml",
        format!("{config}\ntranslations:\n  fr:\n    nav-skills: Savoir-faire\n"),
    );
    p.run(&["build"]).success();
    let home = p.read("public/index.html");
    assert!(home.contains(">Savoir-faire</a>"), "{home}");
    // A language the site does not have: an error naming the key's line.
    p.write(
        "folio.yaml",
        format!("{config}\ntranslations:\n  de:\n    nav-skills: Können\n"),
    );
    p.run(&["build"])
        .failure(1)
        .stderr_has("folio.yaml:")
        .stderr_has("translations for `de`, which is not a language of this site (fr)");
    // A theme's catalogue: a copy of the default theme that words one string its way.
    p.write(
        "folio.yaml",
        config.replace("theme: default", "theme: themes/mine"),
    );
    p.run(&["theme", "new", "themes/mine"]).success();
    p.write("themes/mine/i18n/fr.ftl", "badges-title = Mes badges\n");
    p.run(&["build"]).success();
    assert!(
        p.read("public/badges/index.html")
            .contains("<h1>Mes badges</h1>")
    );
    // Not Fluent: the file and line.
    p.write(
        "themes/mine/i18n/fr.ftl",
        "badges-title = Mes badges\n= oops\n",
    );
    p.run(&["build"])
        .failure(1)
        .stderr_has("themes/mine/i18n/fr.ftl:2");
}

#[test]
fn theme_check_lists_missing_keys_and_unknown_ones() {
    let p = Portfolio::example();
    p.run(&["theme", "new", "themes/mine"]).success();
    p.write("themes/mine/i18n/en.ftl", "hire-me = Hire me\n");
    p.write("themes/mine/i18n/de.ftl", "badges-title = Abzeichen\n");
    let base = p.read("themes/mine/templates/base.html");
    p.write(
        "themes/mine/templates/base.html",
        base.replace(
            "<main id=\"main\"",
            "<p>{{ t(key=\"hire-me\") }}</p>\n<main id=\"main\"",
        ),
    );
    let ok = p.run(&["theme", "check", "themes/mine"]);
    ok.success();
    // English has `hire-me`; no other language does.
    for lang in ["`de`", "`fr`", "`ar`"] {
        assert!(
            ok.stderr
                .lines()
                .any(|l| l.contains(&format!("missing in {lang}")) && l.contains("hire-me")),
            "{lang}: {}",
            ok.stderr
        );
    }
    // A key no catalogue has fails the check, at its template line.
    p.write(
        "themes/mine/templates/base.html",
        base.replace(
            "<main id=\"main\"",
            "{{ t(key=\"hire-mee\") }}\n<main id=\"main\"",
        ),
    );
    p.run(&["theme", "check", "themes/mine"])
        .failure(1)
        .stderr_has("themes/mine/templates/base.html:")
        .stderr_has("t(key=\"hire-mee\"): no catalogue has this key");
}

/// The example with a French tree: a home page, an about page and a dated post.
fn bilingual() -> Portfolio {
    let p = Portfolio::example();
    let config = p
        .read("folio.yaml")
        .replace("language: en", "languages: [en, fr]");
    p.write("folio.yaml", config);
    p.write(
        "content/_index.fr.md",
        "---\ntitle: Bonjour, je suis Ada\n---\n\nAnalyste de données en formation.\n",
    );
    p.write(
        "content/about.fr.md",
        "---\ntitle: À propos\nweight: 1\n---\n\nVoir [mon parcours](experience.md) et [à propos](about.md).\n",
    );
    p.write("content/writing/_index.fr.md", "---\ntitle: Écrits\n---\n");
    p.write(
        "content/writing/premier.fr.md",
        "---\ntitle: Premier billet\ndate: 2025-09-01\n---\n\nBonjour.\n",
    );
    p
}

fn alternates(html: &str) -> Vec<String> {
    html.match_indices("<link rel=\"alternate\" hreflang=")
        .map(|(at, _)| html[at..at + html[at..].find('>').unwrap() + 1].to_string())
        .collect()
}

#[test]
fn two_languages_make_two_trees_linked_both_ways() {
    let p = bilingual();
    p.run(&["build"]).success();
    let base = "https://ada-okafor.github.io/portfolio/";
    let en = p.read("public/about/index.html");
    let fr = p.read("public/fr/about/index.html");
    assert!(fr.contains("<html lang=\"fr\""));
    assert!(fr.contains("<h1>À propos</h1>"));
    for page in [&en, &fr] {
        assert_eq!(
            alternates(page),
            vec![
                format!("<link rel=\"alternate\" hreflang=\"en\" href=\"{base}about/\">"),
                format!("<link rel=\"alternate\" hreflang=\"fr\" href=\"{base}fr/about/\">"),
                format!("<link rel=\"alternate\" hreflang=\"x-default\" href=\"{base}about/\">"),
            ]
        );
    }
    // The switcher: the same page in the other language, else that language's home.
    assert!(
        en.contains("<a href=\"/portfolio/fr/about/\" hreflang=\"fr\" lang=\"fr\">Français</a>")
    );
    let experience = p.read("public/experience/index.html");
    assert!(
        alternates(&experience).is_empty(),
        "one version: no hreflang"
    );
    assert!(
        experience.contains("<a href=\"/portfolio/fr/\" hreflang=\"fr\" lang=\"fr\">Français</a>")
    );
    // A link to a page without a French version goes to the English one; to one with,
    // to the French.
    assert!(fr.contains("href=\"/portfolio/experience/\""), "{fr}");
    assert!(fr.contains("href=\"/portfolio/fr/about/\""), "{fr}");
    // Badges, pathways and skills exist in both, their interface translated.
    let badge = p.read("public/fr/badges/sql-fundamentals/index.html");
    assert!(badge.contains("Vérifié"), "French badge page");
    assert!(
        p.read("public/badges/sql-fundamentals/index.html")
            .contains("Verified")
    );
    assert!(
        p.read("public/fr/pathways/junior-data-analyst/index.html")
            .contains("Exigences")
    );
    assert!(
        p.read("public/fr/skills/index.html")
            .contains("<h1>Compétences</h1>")
    );
    // Feeds and sitemaps per language; robots.txt names both sitemaps.
    let feed = p.read("public/fr/writing/atom.xml");
    assert!(feed.contains("Premier billet") && !feed.contains("Choosing honest charts"));
    assert!(!p.read("public/writing/atom.xml").contains("Premier billet"));
    let sitemap = p.read("public/fr/sitemap.xml");
    assert!(sitemap.contains(&format!(
        "<loc>{base}fr/about/</loc><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"{base}about/\"/>"
    )));
    let english_sitemap = p.read("public/sitemap.xml");
    assert!(
        !english_sitemap.contains(&format!("<loc>{base}fr/")),
        "the English sitemap lists its own pages"
    );
    assert!(english_sitemap.contains(&format!(
        "<loc>{base}about/</loc><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"{base}about/\"/><xhtml:link rel=\"alternate\" hreflang=\"fr\" href=\"{base}fr/about/\"/>"
    )));
    let robots = p.read("public/robots.txt");
    assert!(robots.contains(&format!("Sitemap: {base}fr/sitemap.xml")));
    // Every link of both trees resolves: `folio check` runs the link checker.
    p.run(&["check"]).success();
}

#[test]
fn one_page_in_another_language_on_a_one_language_site() {
    let p = Portfolio::example();
    p.write(
        "content/lettre.md",
        "---\ntitle: Lettre de motivation\nlanguage: fr\n---\n\nMadame, Monsieur,\n",
    );
    p.run(&["build"]).success();
    let page = p.read("public/lettre/index.html");
    assert!(
        page.contains("<html lang=\"fr\" dir=\"ltr\""),
        "{}",
        &page[..200]
    );
    p.write(
        "content/lettre.md",
        "---\ntitle: Lettre\nlanguage: français\n---\n",
    );
    p.run(&["build"])
        .failure(1)
        .stderr_has("content/lettre.md:3")
        .stderr_has("is not a language tag");
}

#[test]
fn the_headline_is_written_once_per_language_or_once_for_all() {
    let p = bilingual();
    let config = p.read("folio.yaml").replace(
        "  headline: Data analyst in training · Python, SQL and honest charts\n",
        "  headline:\n    en: Learning to chart honestly\n    fr: J’apprends à tracer honnêtement\n",
    );
    assert!(config.contains("fr: J’apprends"));
    p.write("folio.yaml", &config);
    p.run(&["build"]).success();
    let (en, fr) = (p.read("public/index.html"), p.read("public/fr/index.html"));
    assert!(
        en.contains("Learning to chart honestly")
            && !en.contains("J’apprends à tracer honnêtement")
    );
    assert!(
        fr.contains("J’apprends à tracer honnêtement")
            && !fr.contains("Learning to chart honestly")
    );
    // A language without its own line uses the default language's.
    p.write(
        "folio.yaml",
        config.replace("    fr: J’apprends à tracer honnêtement\n", ""),
    );
    p.run(&["build"]).success();
    assert!(
        p.read("public/fr/index.html")
            .contains("Learning to chart honestly")
    );
    // A line for a language the site does not have, or none for the default, is refused
    // with the line of `headline:` and what to write.
    p.write("folio.yaml", config.replace("    fr:", "    de:"));
    p.run(&["build"])
        .failure(1)
        .stderr_has("folio.yaml:8")
        .stderr_has(
            "`owner.headline` has a line for `de`, which is not a language of this site (en, fr)",
        );
    p.write(
        "folio.yaml",
        config.replace("    en: Learning to chart honestly\n", ""),
    );
    p.run(&["build"])
        .failure(1)
        .stderr_has("`owner.headline` has no line for `en`, the site's default language")
        .stderr_has("add `en: …` under `headline:`");
}

#[test]
fn the_resume_theme_names_its_credentials_page_alike_in_the_menu_and_the_heading() {
    let p = example_in("de");
    let config = p
        .read("folio.yaml")
        .replace("theme: default", "theme: resume");
    p.write("folio.yaml", config);
    p.run(&["build"]).success();
    let page = p.read("public/badges/index.html");
    let heading = page
        .split("<h1>")
        .nth(1)
        .and_then(|h| h.split("</h1>").next())
        .unwrap();
    assert_eq!(heading, "Nachweise");
    let nav = page.split("aria-label=\"Abschnitte\"").nth(1).unwrap();
    let nav = &nav[..nav.find("</nav>").unwrap()];
    assert!(nav.contains("/badges/\">Nachweise</a>"), "{nav}");
    assert!(!nav.contains(">Badges<"), "{nav}");
}
