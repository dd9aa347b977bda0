//! Which pages a rebuild renders before the rest of the site: the pages of the
//! changed files (a page, its section listings up to the home page; a badge's page
//! and the lists that show it), the pages viewed lately (a browser open on one polls
//! for reloads, which counts as a view), and any page requested while the rebuild
//! runs. On a big site this is what makes an edit show up at once: the rest of the
//! site is rendered and link-checked after the browser already has its page.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
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
    /// Whether the changed files' and recent pages were asked for already.
    asked: Cell<bool>,
    /// Pages already rendered ahead (or tried) in this rebuild.
    done: RefCell<HashSet<String>>,
}

impl<'a> Preview<'a> {
    pub fn new(shared: &'a Shared, changed: &'a [PathBuf]) -> Self {
        Preview {
            shared,
            changed,
            asked: Cell::new(false),
            done: RefCell::new(HashSet::new()),
        }
    }
}

impl crate::Ahead for Preview<'_> {
    fn wanted(&self, site: &Site) -> HashSet<String> {
        let mut wanted = {
            let mut state = self.shared.lock();
            let mut wanted = state.take_wanted();
            if !self.asked.get() {
                wanted.extend(state.recent().cloned());
            }
            wanted
        };
        if !self.asked.replace(true) {
            wanted.extend(pages_of(self.changed, site));
        }
        let mut done = self.done.borrow_mut();
        wanted.retain(|page| done.insert(page.clone()));
        wanted
    }

    fn show(&self, files: Vec<OutputFile>) {
        self.shared.show_ahead(files);
    }
}

/// The pages that show the changed files most directly.
fn pages_of(changed: &[PathBuf], site: &Site) -> Vec<String> {
    let content = &site.content;
    let mut pages = Vec::new();
    for path in changed {
        let path = path
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if let Some(page) = content.pages.iter().find(|p| p.source == path) {
            pages.push(format!("{}index.html", page.path));
            pages.extend(listings(content, &page.section));
        } else if let Some(section) = content
            .sections
            .iter()
            .find(|s| s.source.as_deref() == Some(path.as_str()))
        {
            pages.extend(listings(content, &section.key));
        } else if let Some(badge) = site
            .badges
            .list
            .iter()
            .find(|b| path.strip_prefix("badges/") == Some(b.file.as_str()))
        {
            pages.push(format!("badges/{}/index.html", badge.slug));
            pages.push("badges/index.html".to_string());
            pages.push("index.html".to_string());
        }
    }
    pages
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
