//! The site `serve` answers from, and how a rebuild replaces it.
//!
//! A rebuild runs in up to three steps: [`Shared::begin`] (HTML pages now wait for
//! it), [`Shared::show_ahead`] (pages a browser shows, or asks for meanwhile, are
//! rendered before the rest and served at once) and [`Shared::finish`] (the whole
//! site, or the error with the last good site). Every file remembers the generation
//! at which its bytes last changed, so an open page reloads only when it changed
//! (or something every page shows did), and once, not once per step.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::Duration;

/// Pages remembered as recently viewed; the next rebuild renders them first.
const RECENT_PAGES: usize = 16;

/// How long a request for a page waits for a rebuild before it gets the last version.
const WAIT_FOR_REBUILD: Duration = Duration::from_secs(60);

/// The site being served, and what happened to the last rebuild.
#[derive(Debug, Default)]
pub struct SiteState {
    /// Shared, not copied, by every response that sends them (a slow reader of a
    /// large file holds a reference, not a copy).
    pub files: BTreeMap<String, Arc<[u8]>>,
    /// The error of the last rebuild, if it failed (the files are the last good ones).
    pub error: Option<String>,
    /// What the last good build told the owner (warnings, hints that name
    /// folio.yaml): shown in the preview's overlay, never published.
    pub notes: Vec<String>,
    /// Bumped whenever files or the error change; pages reload when theirs did.
    pub generation: u64,
    pub base_path: String,
    /// The generation at which each file was last added, changed or removed.
    changed_at: HashMap<String, u64>,
    /// The generation at which something every page shows last changed: the error
    /// overlay, or a file pages embed (a style sheet, an image, a script).
    everything_at: u64,
    /// The rebuild under way, if any.
    rebuild: Option<Rebuild>,
    /// Pages recently requested or open in a browser, most recent last.
    recent: VecDeque<String>,
}

/// A rebuild under way: HTML pages not yet shown ahead wait for it.
#[derive(Debug, Default)]
struct Rebuild {
    /// Pages shown ahead of the full site, with the bytes they replaced (put back if
    /// the rebuild fails).
    shown: HashMap<String, Option<Arc<[u8]>>>,
    /// Pages requested meanwhile and not yet rendered.
    wanted: HashSet<String>,
}

impl SiteState {
    /// Whether the page (a file key: `about/index.html`), or anything every page
    /// shows, changed after generation `since`. A page that does not exist is shown
    /// as the 404 page, so a change to that counts too.
    pub fn page_changed_since(&self, page: &str, since: u64) -> bool {
        let changed = |file: &str| self.changed_at.get(file).is_some_and(|&g| g > since);
        self.everything_at > since
            || changed(page)
            || (!self.files.contains_key(page) && changed("404.html"))
    }

    /// Whether a rebuild is under way.
    pub fn rebuilding(&self) -> bool {
        self.rebuild.is_some()
    }

    /// Notes that a page was viewed, so the next rebuild renders it first.
    pub fn viewed(&mut self, page: &str) {
        if !page.ends_with(".html") {
            return;
        }
        if let Some(at) = self.recent.iter().position(|p| p == page) {
            self.recent.remove(at);
        }
        if self.recent.len() == RECENT_PAGES {
            self.recent.pop_front();
        }
        self.recent.push_back(page.to_string());
    }

    /// Pages viewed lately, most recent first.
    pub fn recent(&self) -> impl Iterator<Item = &String> {
        self.recent.iter().rev()
    }

    /// Pages requested during the rebuild and not rendered yet, taken.
    pub fn take_wanted(&mut self) -> HashSet<String> {
        self.rebuild
            .as_mut()
            .map(|r| std::mem::take(&mut r.wanted))
            .unwrap_or_default()
    }

    /// Whether `file` may be served now: no rebuild is under way, the file was
    /// rendered ahead, or it is not an HTML page (style sheets and images rarely
    /// change, and a page reloads when one it embeds does).
    fn current(&self, file: &str) -> bool {
        match &self.rebuild {
            None => true,
            Some(r) => !file.ends_with(".html") || r.shown.contains_key(file),
        }
    }

    /// Replaces one file, noting the change; returns what it replaced.
    fn put(&mut self, path: String, bytes: Arc<[u8]>, generation: u64) -> Option<Arc<[u8]>> {
        let old = self.files.insert(path.clone(), bytes);
        if old.as_deref() != self.files.get(&path).map(|b| &b[..]) {
            self.changed(&path, generation);
        }
        old
    }

    fn changed(&mut self, path: &str, generation: u64) {
        if shown_by_pages(path) {
            self.everything_at = generation;
        }
        self.changed_at.insert(path.to_string(), generation);
    }
}

/// Files a page may embed (style sheets, scripts, images, fonts): when one changes,
/// every open page reloads. Pages, feeds, the sitemap and receipts are not embedded.
fn shown_by_pages(path: &str) -> bool {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    !matches!(ext, "html" | "xml" | "json" | "txt" | "")
}

/// State shared by the HTTP threads and the rebuilding thread.
#[derive(Debug, Default)]
pub struct Shared {
    pub state: Mutex<SiteState>,
    pub changed: Condvar,
}

impl Shared {
    pub fn lock(&self) -> MutexGuard<'_, SiteState> {
        self.state.lock().expect("state lock")
    }

    /// A rebuild starts: from now on, requests for HTML pages wait for it. After a
    /// build stopped for a newer change, the rebuild goes on: what it showed ahead
    /// stays shown, and is put back if the newer build fails.
    pub fn begin(&self) {
        self.lock().rebuild.get_or_insert_with(Rebuild::default);
    }

    /// Pages rendered ahead of the rest: served (and open copies reloaded) at once.
    pub fn show_ahead(&self, files: Vec<crate::write::OutputFile>) {
        let mut state = self.lock();
        let generation = state.generation + 1;
        for file in files {
            let Ok(bytes) = file.read().map(std::borrow::Cow::into_owned) else {
                continue;
            };
            let old = state.put(file.path.clone(), bytes.into(), generation);
            if let Some(r) = &mut state.rebuild {
                r.wanted.remove(&file.path);
                r.shown.entry(file.path).or_insert(old);
            }
        }
        state.generation = generation;
        self.changed.notify_all();
    }

    /// The rebuild succeeded: `files` is the whole new site.
    pub fn finish(&self, files: BTreeMap<String, Vec<u8>>, base_path: &str, notes: Vec<String>) {
        let mut state = self.lock();
        let generation = state.generation + 1;
        let removed: Vec<String> = state
            .files
            .keys()
            .filter(|k| !files.contains_key(*k))
            .cloned()
            .collect();
        for path in removed {
            state.files.remove(&path);
            state.changed(&path, generation);
        }
        for (path, bytes) in files {
            if state.files.get(&path).map(|b| &b[..]) != Some(&bytes[..]) {
                state.put(path, bytes.into(), generation);
            }
        }
        if state.error.take().is_some() || state.notes != notes {
            state.everything_at = generation;
        }
        state.notes = notes;
        state.base_path = base_path.to_string();
        self.end(state, generation);
    }

    /// The rebuild failed: the last good site stays (pages shown ahead are put
    /// back), with the error over every page.
    pub fn fail(&self, error: String) {
        let mut state = self.lock();
        let generation = state.generation + 1;
        if let Some(r) = state.rebuild.take() {
            for (path, old) in r.shown {
                match old {
                    Some(bytes) => {
                        state.put(path, bytes, generation);
                    }
                    None => {
                        state.files.remove(&path);
                        state.changed(&path, generation);
                    }
                }
            }
        }
        if state.error.as_ref() != Some(&error) {
            state.everything_at = generation;
        }
        state.error = Some(error);
        self.end(state, generation);
    }

    fn end(&self, mut state: MutexGuard<'_, SiteState>, generation: u64) {
        state.rebuild = None;
        state.generation = generation;
        self.changed.notify_all();
    }

    /// The state once `file` may be served: at once unless a rebuild is under way
    /// and `file` is a page it has not rendered yet; then the page is asked for (the
    /// rebuild renders it next) and waited for.
    pub fn when_current(&self, file: &str) -> MutexGuard<'_, SiteState> {
        let mut state = self.lock();
        if let Some(r) = &mut state.rebuild
            && !r.shown.contains_key(file)
            && file.ends_with(".html")
        {
            r.wanted.insert(file.to_string());
        }
        let (state, _) = self
            .changed
            .wait_timeout_while(state, WAIT_FOR_REBUILD, |s| !s.current(file))
            .expect("state lock");
        state
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::OutputFile;

    fn site(files: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        files
            .iter()
            .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn pages_change_once_and_only_when_their_bytes_do() {
        let shared = Shared::default();
        shared.begin();
        shared.finish(
            site(&[("a/index.html", "a"), ("b/index.html", "b")]),
            "/",
            Vec::new(),
        );
        let g0 = shared.lock().generation;
        // `a` is shown ahead, then the whole site arrives with the same `a`.
        shared.begin();
        shared.show_ahead(vec![OutputFile::new("a/index.html", b"a2".to_vec())]);
        let g1 = shared.lock().generation;
        shared.finish(
            site(&[("a/index.html", "a2"), ("b/index.html", "b")]),
            "/",
            Vec::new(),
        );
        let state = shared.lock();
        assert!(state.page_changed_since("a/index.html", g0));
        assert!(
            !state.page_changed_since("a/index.html", g1),
            "changed once"
        );
        assert!(
            !state.page_changed_since("b/index.html", g0),
            "b did not change"
        );
    }

    #[test]
    fn a_missing_page_reloads_when_the_404_page_or_the_page_appears() {
        let shared = Shared::default();
        shared.finish(site(&[("404.html", "gone")]), "/", Vec::new());
        let g0 = shared.lock().generation;
        shared.finish(
            site(&[("404.html", "gone"), ("a/index.html", "a")]),
            "/",
            Vec::new(),
        );
        assert!(!shared.lock().page_changed_since("b/index.html", g0));
        assert!(
            shared.lock().page_changed_since("a/index.html", g0),
            "it appeared"
        );
        let g1 = shared.lock().generation;
        shared.finish(
            site(&[("404.html", "not here"), ("a/index.html", "a")]),
            "/",
            Vec::new(),
        );
        assert!(
            shared.lock().page_changed_since("b/index.html", g1),
            "new 404 page"
        );
        assert!(!shared.lock().page_changed_since("a/index.html", g1));
    }

    #[test]
    fn a_failed_rebuild_puts_back_what_was_shown_ahead() {
        let shared = Shared::default();
        shared.begin();
        shared.finish(site(&[("a/index.html", "a")]), "/", Vec::new());
        let g0 = shared.lock().generation;
        shared.begin();
        shared.show_ahead(vec![
            OutputFile::new("a/index.html", b"a2".to_vec()),
            OutputFile::new("new/index.html", b"n".to_vec()),
        ]);
        shared.fail("broken link".into());
        let state = shared.lock();
        let files: BTreeMap<String, Vec<u8>> = state
            .files
            .iter()
            .map(|(k, v)| (k.clone(), v.to_vec()))
            .collect();
        assert_eq!(files, site(&[("a/index.html", "a")]));
        assert!(
            state.page_changed_since("b/index.html", g0),
            "the overlay is new"
        );
        assert!(!state.rebuilding());
    }

    #[test]
    fn a_changed_style_sheet_reloads_every_page_but_a_feed_does_not() {
        let shared = Shared::default();
        shared.finish(
            site(&[("a/index.html", "a"), ("feed.xml", "1"), ("s.css", "1")]),
            "/",
            Vec::new(),
        );
        let g0 = shared.lock().generation;
        shared.finish(
            site(&[("a/index.html", "a"), ("feed.xml", "2"), ("s.css", "1")]),
            "/",
            Vec::new(),
        );
        assert!(!shared.lock().page_changed_since("a/index.html", g0));
        shared.finish(
            site(&[("a/index.html", "a"), ("feed.xml", "2"), ("s.css", "2")]),
            "/",
            Vec::new(),
        );
        assert!(shared.lock().page_changed_since("a/index.html", g0));
    }

    #[test]
    fn pages_wait_for_a_rebuild_unless_shown_ahead() {
        let shared = std::sync::Arc::new(Shared::default());
        shared.finish(
            site(&[("a/index.html", "a"), ("b/index.html", "b"), ("s.css", "s")]),
            "/",
            Vec::new(),
        );
        shared.begin();
        shared.show_ahead(vec![OutputFile::new("a/index.html", b"a2".to_vec())]);
        assert_eq!(
            &shared.when_current("a/index.html").files["a/index.html"][..],
            b"a2"
        );
        assert_eq!(&shared.when_current("s.css").files["s.css"][..], b"s");
        let waiter = {
            let shared = shared.clone();
            std::thread::spawn(move || {
                shared.when_current("b/index.html").files["b/index.html"].clone()
            })
        };
        // The waiting request asks for its page.
        while shared.lock().take_wanted().is_empty() {
            std::thread::sleep(Duration::from_millis(1));
        }
        shared.finish(
            site(&[
                ("a/index.html", "a2"),
                ("b/index.html", "b2"),
                ("s.css", "s"),
            ]),
            "/",
            Vec::new(),
        );
        assert_eq!(&waiter.join().unwrap()[..], b"b2");
    }
}
