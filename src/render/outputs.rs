//! What a site is made of, each part an [`Output`] in the spirit of mdBook's
//! renderers: it takes the shared [`Renderer`] and the site model and returns the
//! files it produces. Adding a kind of page (pathways, say) is adding an entry to
//! [`OUTPUTS`]. Template errors go to the shared [`Errors`], so one run reports them
//! all; nothing here does I/O.

use std::ops::ControlFlow;

use rayon::prelude::*;

use super::{Errors, OwnVar, Renderer, Selection, feed, section_view, site_files};
use crate::badge_view::Badge;
use crate::site::Site;
use crate::write::OutputFile;

/// One part of the site.
pub trait Output: Sync {
    /// The files of this part that `only` selects.
    fn render(
        &self,
        r: &Renderer,
        site: &Site,
        only: Selection,
        errors: &mut Errors,
    ) -> Vec<OutputFile>;

    /// Renders in batches, handing each to `emit` as it is done. The default is one
    /// batch; outputs with many files override it, so a big site is never held in
    /// memory whole (the build writes and scans each batch, then drops it). When
    /// `emit` says to stop (`serve` has a newer change to build), no batch follows.
    fn render_into(
        &self,
        r: &Renderer,
        site: &Site,
        only: Selection,
        errors: &mut Errors,
        emit: &mut dyn FnMut(Vec<OutputFile>) -> ControlFlow<()>,
    ) {
        let _ = emit(self.render(r, site, only, errors));
    }
}

/// Pages rendered per batch: enough to keep both cores busy, few enough that a
/// batch's HTML is a few megabytes.
const BATCH: usize = 256;

/// Every part, in the order the files are listed.
pub const OUTPUTS: &[&dyn Output] = &[
    &Pages,
    &Sections,
    &NotFound,
    &BadgePages,
    &SkillsPage,
    &PathwayPages,
    &SiteFiles,
    &Feeds,
];

/// Whether the site has a skills page.
pub fn has_skills(site: &Site) -> bool {
    !site.skills.backed.is_empty() || !site.skills.self_asserted.is_empty()
}

/// Every content page, in parallel.
struct Pages;

impl Output for Pages {
    fn render(
        &self,
        r: &Renderer,
        site: &Site,
        only: Selection,
        errors: &mut Errors,
    ) -> Vec<OutputFile> {
        let mut files = Vec::new();
        self.render_into(r, site, only, errors, &mut |batch| {
            files.extend(batch);
            ControlFlow::Continue(())
        });
        files
    }

    fn render_into(
        &self,
        r: &Renderer,
        site: &Site,
        only: Selection,
        errors: &mut Errors,
        emit: &mut dyn FnMut(Vec<OutputFile>) -> ControlFlow<()>,
    ) {
        let content = &site.content;
        let out = |page: &crate::content::Page| format!("{}index.html", page.path);
        let pages: Vec<_> = match only {
            Selection::All => content.pages.iter().collect(),
            Selection::Pages(_) => content.pages.iter().filter(|p| only.has(&out(p))).collect(),
        };
        for batch in pages.chunks(BATCH) {
            let results = batch
                .par_iter()
                .map(|&page| {
                    let section = content.section(&page.section);
                    let cited: Vec<&Badge> = site
                        .badges
                        .list
                        .iter()
                        .filter(|b| b.cited_by.iter().any(|c| c.url == page.url))
                        .collect();
                    let mut vars: Vec<(&str, &dyn OwnVar)> =
                        vec![("page", page), ("page_badges", &cited)];
                    if let Some(s) = &section {
                        vars.push(("section", s));
                    }
                    let template = page.template.as_deref().unwrap_or("page.html");
                    r.render(template, &vars, &page.source, &out(page))
                })
                .collect();
            if emit(errors.keep_ok(results)).is_break() {
                return;
            }
        }
    }
}

/// Every section's listing, the home page among them.
struct Sections;

impl Output for Sections {
    fn render(
        &self,
        r: &Renderer,
        site: &Site,
        only: Selection,
        errors: &mut Errors,
    ) -> Vec<OutputFile> {
        let content = &site.content;
        // In parallel: the home page of a big site lists every page, and a section
        // listing of a thousand pages takes as long as a thousand pages.
        let results = content
            .sections
            .par_iter()
            .map(|section| (section, format!("{}index.html", section.path)))
            .filter(|(_, out)| only.has(out))
            .map(|(section, out)| {
                let view = section_view(content, section);
                let mut vars: Vec<(&str, &dyn OwnVar)> = vec![("section", &view)];
                let home = section.key.is_empty();
                if home {
                    // The home page gets everything a one-page résumé needs.
                    vars.push(("badges", &site.badges.list));
                    vars.push(("skills", &site.skills));
                    vars.push(("pathways", &site.pathways));
                }
                let template = match (&section.template, home) {
                    (Some(t), _) => t.as_str(),
                    (None, true) => "index.html",
                    (None, false) => "section.html",
                };
                let source = section.source.as_deref().unwrap_or("content/_index.md");
                r.render(template, &vars, source, &out)
            })
            .collect();
        errors.keep_ok(results)
    }
}

/// `404.html`, which GitHub Pages serves for any missing path.
struct NotFound;

impl Output for NotFound {
    fn render(
        &self,
        r: &Renderer,
        site: &Site,
        only: Selection,
        errors: &mut Errors,
    ) -> Vec<OutputFile> {
        let out = format!("{}404.html", r.config.lang_prefix);
        if !only.has(&out) {
            return Vec::new();
        }
        let content = &site.content;
        let home = content
            .section("")
            .expect("load always makes a home section");
        let view = section_view(content, home);
        let html = r.render("404.html", &[("section", &view)], "404 page", &out);
        errors.keep(html).into_iter().collect()
    }
}

/// The badge list and one page per badge. (Receipts, downloads and images are made
/// with the badge views, in `site::badges`.)
struct BadgePages;

impl Output for BadgePages {
    fn render(
        &self,
        r: &Renderer,
        site: &Site,
        only: Selection,
        errors: &mut Errors,
    ) -> Vec<OutputFile> {
        let badges = &site.badges.list;
        if badges.is_empty() {
            return Vec::new();
        }
        let mut files = Vec::new();
        let prefix = &r.config.lang_prefix;
        let out = format!("{prefix}badges/index.html");
        if only.has(&out) {
            let vars: [(&str, &dyn OwnVar); 1] = [("badges", badges)];
            files.extend(errors.keep(r.render("badges.html", &vars, "badges/", &out)));
        }
        let pages = badges
            .par_iter()
            .map(|badge| (badge, format!("{prefix}badges/{}/index.html", badge.slug)))
            .filter(|(_, out)| only.has(out))
            .map(|(badge, out)| {
                let source = format!("badges/{}", badge.file);
                r.render("badge.html", &[("badge", badge)], &source, &out)
            })
            .collect();
        files.extend(errors.keep_ok(pages));
        files
    }
}

/// The skills page, when any skill is listed.
struct SkillsPage;

impl Output for SkillsPage {
    fn render(
        &self,
        r: &Renderer,
        site: &Site,
        only: Selection,
        errors: &mut Errors,
    ) -> Vec<OutputFile> {
        let out = format!("{}skills/index.html", r.config.lang_prefix);
        if !has_skills(site) || !only.has(&out) {
            return Vec::new();
        }
        errors
            .keep(r.render(
                "skills.html",
                &[("skills", &site.skills)],
                "skills page",
                &out,
            ))
            .into_iter()
            .collect()
    }
}

/// `/pathways/` and, per pathway, its page and its `progress.json` receipt. Only when
/// the learner follows a pathway; a theme without the two templates cannot show them.
struct PathwayPages;

impl Output for PathwayPages {
    fn render(
        &self,
        r: &Renderer,
        site: &Site,
        only: Selection,
        errors: &mut Errors,
    ) -> Vec<OutputFile> {
        if site.pathways.is_empty() {
            return Vec::new();
        }
        let missing: Vec<&str> = ["pathways.html", "pathway.html"]
            .into_iter()
            .filter(|t| !r.has_template(t))
            .collect();
        if !missing.is_empty() {
            errors.keep::<()>(Err(crate::Error::usage(format!(
                "the theme `{}` has no {}: it cannot show the pathways folio.yaml lists",
                r.config.theme,
                missing.join(" or ")
            ))
            .with_hint(
                "use a built-in theme, add the templates (THEMES.md), or remove `pathways:`",
            )));
            return Vec::new();
        }
        let mut files = Vec::new();
        let prefix = &r.config.lang_prefix;
        let out = format!("{prefix}pathways/index.html");
        if only.has(&out) {
            let vars: [(&str, &dyn OwnVar); 1] = [("pathways", &site.pathways)];
            files.extend(errors.keep(r.render("pathways.html", &vars, "pathways/", &out)));
        }
        for pathway in &site.pathways {
            let out = format!("{prefix}pathways/{}/index.html", pathway.slug);
            if only.has(&out) {
                // The badges too: a met requirement's element carries its badge's
                // check attributes, so the browser can take the tick away.
                let vars: [(&str, &dyn OwnVar); 2] =
                    [("pathway", pathway), ("badges", &site.badges.list)];
                files.extend(errors.keep(r.render("pathway.html", &vars, &pathway.source, &out)));
            }
            if only.all() {
                files.push(OutputFile::new(
                    format!("{prefix}pathways/{}/progress.json", pathway.slug),
                    crate::pathway::receipt(pathway).into_bytes(),
                ));
            }
        }
        files
    }
}

/// `.nojekyll`, `robots.txt`, `sitemap.xml`, `CNAME`.
struct SiteFiles;

impl Output for SiteFiles {
    fn render(
        &self,
        r: &Renderer,
        site: &Site,
        only: Selection,
        _: &mut Errors,
    ) -> Vec<OutputFile> {
        if !only.all() {
            return Vec::new();
        }
        site_files(r.config, site, r.languages())
    }
}

/// An Atom feed per dated section.
struct Feeds;

impl Output for Feeds {
    fn render(
        &self,
        r: &Renderer,
        site: &Site,
        only: Selection,
        _: &mut Errors,
    ) -> Vec<OutputFile> {
        if !only.all() {
            return Vec::new();
        }
        feed::feeds(r.config, &site.content, r.feeds_memo())
    }
}
