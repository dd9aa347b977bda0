//! Which pages a rebuild renders before the rest of the site, nearest to the change
//! first: the changed files' own pages (a page, a badge's page), then the listings
//! that show them (the page's section and those above it up to the home page; the
//! badge list), then the pages viewed lately, most recent first (a browser open on a
//! page polls for reloads, which counts as a view). A page requested while the
//! rebuild runs goes before all of these. On a big site this is what makes an edit
//! show up at once: the rest is rendered and link-checked after the browser already
//! has its page.

use std::cell::RefCell;
use std::collections::{HashSet, VecDeque};
use std::path::PathBuf;

use super::Shared;
use crate::content::Content;
use crate::site::Site;
use crate::write::OutputFile;

/// One rebuild's side of [`crate::Ahead`].
pub struct Preview<'a> {
    shared: &'a Shared,
    /// The changed files, relative to the portfolio.
    changed: &'a [PathBuf],
    /// The groups of pages still to offer, in order; planned on the first call.
    rounds: RefCell<Option<VecDeque<Vec<String>>>>,
    /// Pages already offered in this rebuild.
    offered: RefCell<HashSet<String>>,
    /// Whether a newer change is waiting (`None`: this build must finish).
    newer: Option<&'a dyn Fn() -> bool>,
}

impl<'a> Preview<'a> {
    pub fn new(
        shared: &'a Shared,
        changed: &'a [PathBuf],
        newer: Option<&'a dyn Fn() -> bool>,
    ) -> Self {
        Preview {
            shared,
            changed,
            rounds: RefCell::new(None),
            offered: RefCell::new(HashSet::new()),
            newer,
        }
    }

    fn plan(&self, site: &Site) -> VecDeque<Vec<String>> {
        let (own, listings) = pages_of(self.changed, site);
        let mut rounds = VecDeque::from([own, listings]);
        rounds.extend(self.shared.lock().recent().map(|p| vec![p.clone()]));
        rounds
    }
}

impl crate::Ahead for Preview<'_> {
    fn wanted(&self, site: &Site) -> HashSet<String> {
        let mut rounds = self.rounds.borrow_mut();
        let rounds = rounds.get_or_insert_with(|| self.plan(site));
        let mut offered = self.offered.borrow_mut();
        let mut wanted: HashSet<String> = self.shared.lock().take_wanted();
        wanted.retain(|page| offered.insert(page.clone()));
        while wanted.is_empty() {
            let Some(round) = rounds.pop_front() else {
                break;
            };
            wanted.extend(
                round
                    .into_iter()
                    .filter(|page| offered.insert(page.clone())),
            );
        }
        wanted
    }

    fn show(&self, files: Vec<OutputFile>) {
        self.shared.show_ahead(files);
    }

    fn superseded(&self) -> bool {
        self.newer.is_some_and(|newer| newer())
    }
}

/// The pages of the changed files, and the listings that show them.
fn pages_of(changed: &[PathBuf], site: &Site) -> (Vec<String>, Vec<String>) {
    let content = &site.content;
    let mut own = Vec::new();
    let mut listed_in = Vec::new();
    for path in changed {
        let path = path
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if let Some(page) = content.pages.iter().find(|p| p.source == path) {
            own.push(format!("{}index.html", page.path));
            listed_in.extend(listings(content, &page.section));
        } else if let Some(section) = content
            .sections
            .iter()
            .find(|s| s.source.as_deref() == Some(path.as_str()))
        {
            own.push(format!("{}index.html", section.path));
            listed_in.extend(listings(content, &section.key));
        } else if let Some(badge) = site
            .badges
            .list
            .iter()
            .find(|b| path.strip_prefix("badges/") == Some(b.file.as_str()))
        {
            own.push(format!("badges/{}/index.html", badge.slug));
            listed_in.push("badges/index.html".to_string());
            listed_in.push("index.html".to_string());
        }
    }
    (own, listed_in)
}

/// A section's listing and those of the sections above it, up to the home page.
fn listings(content: &Content, key: &str) -> Vec<String> {
    let mut pages = Vec::new();
    let mut key = key;
    loop {
        if let Some(section) = content.section(key) {
            pages.push(format!("{}index.html", section.path));
        }
        if key.is_empty() {
            return pages;
        }
        key = key.rsplit_once('/').map_or("", |(parent, _)| parent);
    }
}
