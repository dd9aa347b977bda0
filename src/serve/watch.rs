//! Turning file-system events into rebuild requests.
//!
//! Editors save by writing a temporary file and renaming it, so one save is a burst of
//! events: they are coalesced until the folder has been quiet for [`QUIET`]. Events in
//! the output folder, `.git`, folio's cache and editor temp or swap files are ignored.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode};

use crate::error::{Error, Result};

/// How long the folder must be quiet before a burst of events becomes one rebuild.
/// Short on purpose (it is part of every save-to-reload): an editor's atomic save (a
/// temporary file written, then renamed) arrives within a millisecond, and a save in
/// slower steps only costs a second, cheap rebuild.
pub const QUIET: Duration = Duration::from_millis(10);
const POLL_INTERVAL: Duration = Duration::from_millis(300);

pub struct Watcher {
    // Kept alive for as long as events are wanted.
    _inner: Box<dyn notify::Watcher + Send>,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    /// Watched folders outside the portfolio (a theme given by path).
    outside: Vec<PathBuf>,
    output: PathBuf,
    /// Relevant changes seen by [`Watcher::changes_waiting`], not yet returned.
    waiting: RefCell<Vec<PathBuf>>,
    /// The OS said it dropped events (or sent an error): some change may be unnamed.
    missed: std::cell::Cell<bool>,
}

/// Watches `root` recursively, and each of `extra` (a theme folder outside the
/// portfolio); `poll` uses polling instead of the OS's notifications.
pub fn start(root: &Path, extra: &[PathBuf], output: &Path, poll: bool) -> Result<Watcher> {
    let (tx, rx) = channel();
    let root = std::fs::canonicalize(root).map_err(|e| Error::io(root, "cannot watch", e))?;
    let output = std::fs::canonicalize(output)
        .unwrap_or_else(|_| root.join(output.file_name().unwrap_or_else(|| "public".as_ref())));
    let watch_error =
        |e: notify::Error| Error::io(&root, "cannot watch", std::io::Error::other(e.to_string()));
    let mut inner: Box<dyn notify::Watcher + Send> = if poll {
        Box::new(
            notify::PollWatcher::new(
                tx,
                notify::Config::default().with_poll_interval(POLL_INTERVAL),
            )
            .map_err(watch_error)?,
        )
    } else {
        Box::new(notify::recommended_watcher(tx).map_err(watch_error)?)
    };
    inner
        .watch(&root, RecursiveMode::Recursive)
        .map_err(watch_error)?;
    let mut outside = Vec::new();
    for dir in extra {
        if let Ok(dir) = std::fs::canonicalize(dir)
            && !dir.starts_with(&root)
        {
            inner
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(watch_error)?;
            outside.push(dir);
        }
    }
    Ok(Watcher {
        _inner: inner,
        events: rx,
        root,
        outside,
        output,
        waiting: RefCell::new(Vec::new()),
        missed: std::cell::Cell::new(false),
    })
}

impl Watcher {
    /// Blocks until something relevant changed, then until things are quiet; returns
    /// the changed paths relative to the portfolio.
    pub fn next_batch(&self) -> Vec<PathBuf> {
        let mut changed = self.waiting.take();
        while changed.is_empty() {
            match self.events.recv() {
                Ok(event) => self.collect(event, &mut changed),
                // The watcher is gone; nothing will ever change again.
                Err(_) => loop {
                    std::thread::park();
                },
            }
        }
        // Only relevant events extend the quiet period: folio's own reads (of static
        // files, badges, templates) arrive as access events while a build runs, and
        // must not hold back the next one.
        let mut quiet_until = Instant::now() + QUIET;
        loop {
            let left = quiet_until.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(event) => {
                    let before = changed.len();
                    self.collect(event, &mut changed);
                    if changed.len() > before {
                        quiet_until = Instant::now() + QUIET;
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        changed.sort();
        changed.dedup();
        changed
    }

    /// Whether a relevant change arrived since the last batch (without waiting).
    pub fn changes_waiting(&self) -> bool {
        let mut waiting = self.waiting.borrow_mut();
        while let Ok(event) = self.events.try_recv() {
            self.collect(event, &mut waiting);
        }
        !waiting.is_empty()
    }

    /// Whether events may have been missed since the last call: every file must then
    /// be looked at again, not only the ones reported.
    pub fn take_missed(&self) -> bool {
        self.missed.replace(false)
    }

    fn collect(&self, event: notify::Result<notify::Event>, into: &mut Vec<PathBuf>) {
        let Ok(event) = event else {
            self.missed.set(true);
            return;
        };
        if event.need_rescan() {
            self.missed.set(true);
        }
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        let created = matches!(event.kind, EventKind::Create(_));
        for path in event.paths {
            // Files saved into a folder before the watcher had added the new folder
            // send no events of their own (the watch comes after them): the folder
            // is read now that it is watched, and what it holds counts as changed.
            if created && path.is_dir() {
                let inside = walkdir::WalkDir::new(&path)
                    .max_depth(8)
                    .into_iter()
                    .flatten();
                for entry in inside.filter(|e| e.file_type().is_file()) {
                    into.extend(self.relevant(entry.path()));
                }
            }
            if let Some(rel) = self.relevant(&path) {
                into.push(rel);
            }
        }
    }

    fn relevant(&self, path: &Path) -> Option<PathBuf> {
        if path.starts_with(&self.output) {
            return None;
        }
        let rel = match path.strip_prefix(&self.root) {
            Ok(rel) => rel,
            Err(_) => {
                let name = path.file_name()?.to_string_lossy();
                let watched = self.outside.iter().any(|d| path.starts_with(d));
                return (watched && !is_editor_temp(&name)).then(|| path.to_path_buf());
            }
        };
        let ignored = rel.components().any(|c| {
            let name = c.as_os_str().to_string_lossy();
            name.starts_with('.') || name == "target" || name == "node_modules"
        });
        let name = rel.file_name()?.to_string_lossy();
        if ignored || is_editor_temp(&name) {
            return None;
        }
        Some(rel.to_path_buf())
    }
}

/// Backup, swap and lock files editors write next to the file being saved.
pub fn is_editor_temp(name: &str) -> bool {
    name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swx", ".swo", ".tmp", ".bak", ".crdownload"]
            .iter()
            .any(|ext| name.ends_with(ext))
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_files() {
        for name in ["a.md~", ".#a.md", "#a.md#", ".a.md.swp", "4913", "x.tmp"] {
            assert!(is_editor_temp(name), "{name}");
        }
        assert!(!is_editor_temp("about.md"));
    }

    /// A watcher of `root` fed by `events` (the test sends them itself).
    fn test_watcher(root: &Path, events: Receiver<notify::Result<notify::Event>>) -> Watcher {
        Watcher {
            _inner: Box::new(
                notify::PollWatcher::new(channel().0, notify::Config::default()).unwrap(),
            ),
            events,
            root: root.to_path_buf(),
            outside: Vec::new(),
            output: root.join("public"),
            waiting: RefCell::new(Vec::new()),
            missed: std::cell::Cell::new(false),
        }
    }

    #[test]
    fn a_new_folder_counts_with_the_files_saved_into_it_before_it_was_watched() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        std::fs::create_dir_all(root.join("templates/partials")).unwrap();
        std::fs::write(root.join("templates/page.html"), "x").unwrap();
        std::fs::write(root.join("templates/partials/nav.html"), "x").unwrap();
        std::fs::write(root.join("templates/.page.html.swp"), "x").unwrap();
        let (tx, events) = channel();
        let watcher = test_watcher(&root, events);
        // Only the folder's own event arrives (inotify watched it too late).
        let created = EventKind::Create(notify::event::CreateKind::Folder);
        tx.send(Ok(
            notify::Event::new(created).add_path(root.join("templates"))
        ))
        .unwrap();
        drop(tx);
        let batch = watcher.next_batch();
        assert_eq!(
            batch,
            [
                "templates",
                "templates/page.html",
                "templates/partials/nav.html"
            ]
            .map(PathBuf::from)
            .to_vec()
        );
    }

    #[test]
    fn dropped_events_are_said_so() {
        let dir = tempfile::tempdir().unwrap();
        let (tx, events) = channel();
        let watcher = test_watcher(dir.path(), events);
        let modified = EventKind::Modify(notify::event::ModifyKind::Any);
        tx.send(Ok(
            notify::Event::new(modified).add_path(dir.path().join("a.md"))
        ))
        .unwrap();
        assert!(watcher.changes_waiting());
        assert!(!watcher.take_missed(), "a named change is no miss");
        // The OS's queue overflowed: a rescan is asked for, or an error arrives.
        tx.send(Ok(
            notify::Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan)
        ))
        .unwrap();
        watcher.changes_waiting();
        assert!(watcher.take_missed());
        assert!(!watcher.take_missed(), "said once");
        tx.send(Err(notify::Error::generic("queue overflow")))
            .unwrap();
        watcher.changes_waiting();
        assert!(watcher.take_missed());
    }

    #[test]
    fn only_relevant_events_hold_back_a_batch() {
        let root = std::env::temp_dir();
        let (tx, events) = channel();
        let watcher = test_watcher(&root, events);
        let under = root.clone();
        let event = move |kind, name: &str| Ok(notify::Event::new(kind).add_path(under.join(name)));
        tx.send(event(
            EventKind::Modify(notify::event::ModifyKind::Any),
            "content/a.md",
        ))
        .unwrap();
        // folio's own reads go on for 400 ms, as access events every 2 ms.
        let reads = std::thread::spawn(move || {
            for _ in 0..200 {
                let open = EventKind::Access(notify::event::AccessKind::Open(
                    notify::event::AccessMode::Any,
                ));
                if tx.send(event(open, "static/site.css")).is_err() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(2));
            }
        });
        let started = Instant::now();
        assert_eq!(watcher.next_batch(), vec![PathBuf::from("content/a.md")]);
        assert!(
            started.elapsed() < Duration::from_millis(300),
            "the batch waited {:?} for reads to stop",
            started.elapsed()
        );
        drop(watcher);
        reads.join().unwrap();
    }
}
