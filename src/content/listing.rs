//! The markdown files under `content/`, kept by `serve` between rebuilds.
//!
//! Walking ten thousand files and asking each for its size and time is a third of a
//! rebuild's content stage. While `serve`'s watcher reports every change (it does,
//! unless the OS drops events, which it then says), a rebuild looks again only at the
//! paths it reported: they join or leave the list as they now exist, and every other
//! file is as it was read last time. A reported path that is, or may have been, a
//! folder, a link, or anything the watcher could not vouch for sends the next build
//! back to a full walk.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

/// What the last walk found, and what changed since.
#[derive(Default)]
pub struct Listing(Mutex<State>);

#[derive(Default)]
struct State {
    /// The files (relative to `content/`, `/`-separated), while they can be trusted.
    files: Option<BTreeSet<String>>,
    /// Paths reported changed since the list was last brought up to date.
    pending: BTreeSet<String>,
}

/// The files to read, and which of them may have changed (the rest were read before
/// and have not).
pub struct Files {
    pub all: Vec<String>,
    pub dirty: BTreeSet<String>,
}

impl Listing {
    /// What the watcher reported before a rebuild: the changed paths (relative to the
    /// portfolio), or `None` when it may have missed some.
    pub fn changed(&self, paths: Option<&[PathBuf]>) {
        let mut state = self.0.lock().expect("listing lock");
        let Some(paths) = paths else {
            *state = State::default();
            return;
        };
        for path in paths {
            match content_relative(path) {
                Some(Some(rel)) => {
                    state.pending.insert(rel);
                }
                // Something under `content/` folio cannot follow by name: walk.
                Some(None) => {
                    *state = State::default();
                    return;
                }
                None => {}
            }
        }
    }

    /// The files as the reported changes leave them, or `None` when `dir` must be
    /// walked (then [`Listing::walked`] stores what the walk found).
    pub fn current(&self, dir: &Path) -> Option<Files> {
        let mut state = self.0.lock().expect("listing lock");
        let pending = std::mem::take(&mut state.pending);
        let files = state.files.as_mut()?;
        for rel in &pending {
            let path = dir.join(rel);
            let meta = std::fs::symlink_metadata(&path);
            match meta {
                Ok(m) if m.is_file() && rel.ends_with(".md") && shown(rel) => {
                    files.insert(rel.clone());
                }
                Ok(m) if m.is_file() => {}
                // Gone: a markdown file leaves the list; anything else may have been
                // a folder holding some.
                Err(_) if rel.ends_with(".md") => {
                    files.remove(rel);
                }
                _ => {
                    state.files = None;
                    return None;
                }
            }
        }
        Some(Files {
            all: files.iter().cloned().collect(),
            dirty: pending,
        })
    }

    /// What a full walk found.
    pub fn walked(&self, files: &[String]) {
        let mut state = self.0.lock().expect("listing lock");
        state.files = Some(files.iter().cloned().collect());
        state.pending.clear();
    }
}

/// A reported path relative to `content/`: `None` when it is elsewhere,
/// `Some(None)` when it is under `content/` but not a plain relative path.
fn content_relative(path: &Path) -> Option<Option<String>> {
    let rest = path.strip_prefix(super::CONTENT_DIR).ok()?;
    let mut parts = Vec::new();
    for c in rest.components() {
        match c {
            Component::Normal(name) => parts.push(name.to_str()?.to_string()),
            _ => return Some(None),
        }
    }
    if parts.is_empty() {
        // `content/` itself.
        return Some(None);
    }
    Some(Some(parts.join("/")))
}

/// Whether the walk would list `rel`: no hidden part (editors' `.#x.md` included).
fn shown(rel: &str) -> bool {
    rel.split('/').all(|part| !part.starts_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reported_changes_update_the_list_and_anything_unclear_walks() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::create_dir_all(dir.join("a")).unwrap();
        for f in ["a/one.md", "a/two.md"] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        let listing = Listing::default();
        assert!(listing.current(dir).is_none(), "nothing walked yet");
        listing.walked(&["a/one.md".into(), "a/two.md".into()]);
        // A new page, a deleted one, an image: the list follows; only they are dirty.
        std::fs::write(dir.join("a/three.md"), "x").unwrap();
        std::fs::remove_file(dir.join("a/two.md")).unwrap();
        std::fs::write(dir.join("a/p.png"), "x").unwrap();
        let changed: Vec<PathBuf> = [
            "content/a/three.md",
            "content/a/two.md",
            "content/a/p.png",
            "static/x.css",
        ]
        .iter()
        .map(PathBuf::from)
        .collect();
        listing.changed(Some(&changed));
        let files = listing.current(dir).unwrap();
        assert_eq!(files.all, ["a/one.md", "a/three.md"]);
        assert_eq!(files.dirty.len(), 3);
        // A folder reported (made, removed, renamed: its files may come or go with
        // it), or a removed path that was no markdown file: walk again.
        listing.changed(Some(&[PathBuf::from("content/a")]));
        assert!(listing.current(dir).is_none());
        listing.walked(&["a/one.md".into()]);
        listing.changed(Some(&[PathBuf::from("content/gone")]));
        assert!(listing.current(dir).is_none());
        listing.walked(&[]);
        listing.changed(None);
        assert!(
            listing.current(dir).is_none(),
            "the watcher may have missed something"
        );
    }
}
