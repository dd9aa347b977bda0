//! `folio serve`: build into memory, serve over HTTP on loopback, rebuild when files
//! change, and make open browsers reload.
//!
//! The site lives in memory ([`crate::write::Memory`]): serve never writes over the
//! user's `public/`. A failed rebuild keeps the last good site and records the error,
//! which every HTML page then shows as an overlay until a rebuild succeeds.
//!
//! `http.rs` answers requests, `watch.rs` turns file events into rebuilds, and
//! `reload.rs` is the long-poll endpoint and the script injected into pages.

mod ahead;
pub mod http;
pub mod reload;
mod signals;
pub mod state;
pub mod watch;

pub use state::{Shared, SiteState};

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::config::{Config, Overrides};
use crate::error::{Error, Result};
use crate::render::theme::ThemeRef;
use crate::write::Memory;

/// What the server reports as it runs; `main` prints these.
#[derive(Debug)]
pub enum Event {
    Listening {
        url: String,
        note: Option<String>,
    },
    /// A build finished; `report.rendered` and `report.badges_checked` count only
    /// what this rebuild did again (the rest came from the cache).
    Rebuilt {
        report: crate::Report,
        changed: Vec<PathBuf>,
    },
    Failed(Error),
}

pub struct Options {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    /// True when the user chose the port: then a busy port is an error, not a retry.
    pub port_given: bool,
    pub drafts: bool,
    pub offline: bool,
    pub poll: bool,
}

/// Ports tried after the default one when it is busy.
const PORT_ATTEMPTS: u16 = 10;

/// Builds, serves and watches until the process is stopped.
pub fn run(opts: &Options, on_event: &(dyn Fn(Event) + Sync)) -> Result<()> {
    // Read the config once up front so a broken folio.yaml stops us before binding.
    let first = Config::load(&opts.root, &Overrides::default())?;
    let (server, port, note) = bind(opts)?;
    // Stoppable with Ctrl-C even when started with SIGINT ignored (`folio serve &`).
    signals::stop_on_signals(|| std::process::exit(0))
        .map_err(|e| Error::io(&opts.root, "cannot install the Ctrl-C handler", e))?;
    let site_url = format!(
        "http://{}:{port}{}",
        display_host(&opts.bind),
        first.base_path
    );
    let overrides = Overrides {
        out: None,
        base_url: Some(site_url.clone()),
        drafts: opts.drafts,
        offline: opts.offline,
        documents: None,
        locked: false,
        on_invalid: None,
    };

    let shared = Arc::new(Shared::default());
    let cache = crate::Cache::default();
    if let Some(outcome) = rebuild(&opts.root, &overrides, &shared, &cache, &[], None) {
        on_event(event(outcome, Vec::new()));
    }
    on_event(Event::Listening {
        url: site_url,
        note,
    });

    // A theme given as a path may live outside the portfolio: watch it too.
    let extra: Vec<PathBuf> = match ThemeRef::resolve(&opts.root, &first.theme) {
        ThemeRef::Folder(dir) if dir.is_dir() => vec![dir],
        _ => Vec::new(),
    };
    let watcher = watch::start(&opts.root, &extra, &first.output_dir, opts.poll)?;
    let http_shared = shared.clone();
    std::thread::spawn(move || http::serve(server, http_shared));
    // Changes not yet built (kept across builds stopped for a newer change).
    let mut changed: Vec<PathBuf> = Vec::new();
    // When the first of the builds stopped in a row was stopped.
    let mut stopped_since: Option<Instant> = None;
    let newer = || watcher.changes_waiting();
    loop {
        changed.extend(watcher.next_batch());
        changed.sort();
        changed.dedup();
        if watcher.take_missed() {
            cache.content.listing.changed(None);
        }
        // A build may be stopped for a newer change, but not forever: a file that
        // changes all the time would otherwise keep the site from ever being whole.
        let may_stop = stopped_since
            .is_none_or(|since| since.elapsed() < MAX_STOPPING)
            .then_some(&newer as &dyn Fn() -> bool);
        match rebuild(&opts.root, &overrides, &shared, &cache, &changed, may_stop) {
            Some(outcome) => {
                on_event(event(outcome, std::mem::take(&mut changed)));
                stopped_since = None;
            }
            None => {
                stopped_since.get_or_insert_with(Instant::now);
            }
        }
    }
}

/// How long builds may keep being stopped for newer changes before one must finish.
/// Someone saving as they type into a big site pauses well within it (and a pause
/// lets a build finish); a file that changes all the time does not, and still gets a
/// whole, link-checked site every few seconds. (A limit on the number of stopped
/// builds would force a full build every few saves, and make that save wait for it.)
const MAX_STOPPING: Duration = Duration::from_secs(10);

/// What to report of a finished rebuild after `changed`.
fn event(outcome: Result<crate::Report>, changed: Vec<PathBuf>) -> Event {
    match outcome {
        Ok(report) => Event::Rebuilt { report, changed },
        Err(e) => Event::Failed(e),
    }
}

/// Rebuilds the site after `changed` (empty for the first build). The pages a
/// browser shows and those of the changed files are rendered first and served at
/// once; the rest of the site follows when the build has passed every check. `None`
/// when `newer` said a newer change arrived and the build stopped.
fn rebuild(
    root: &Path,
    overrides: &Overrides,
    shared: &Shared,
    cache: &crate::Cache,
    changed: &[PathBuf],
    newer: Option<&dyn Fn() -> bool>,
) -> Option<Result<crate::Report>> {
    shared.begin();
    // Content files the watcher did not report are as read before (`content::listing`).
    cache.content.listing.changed(Some(changed));
    let ahead = ahead::Preview::new(shared, changed, newer);
    let result = Config::load(root, overrides).and_then(|config| {
        let mut memory = Memory::default();
        let report = crate::build_cached(&config, &mut memory, Some(cache), Some(&ahead))?;
        Ok((config, memory, report))
    });
    match result {
        Ok((config, memory, report)) => {
            shared.finish(memory.files, &config.base_path, report.warnings.clone());
            Some(Ok(report))
        }
        Err(Error::Superseded) => None,
        Err(e) => {
            shared.fail(crate::error::render_plain(&e));
            Some(Err(e))
        }
    }
}

fn display_host(bind: &str) -> String {
    if bind.contains(':') {
        format!("[{bind}]")
    } else {
        bind.to_string()
    }
}

/// Binds the server; when the default port is busy, tries the next few and says so.
fn bind(opts: &Options) -> Result<(std::net::TcpListener, u16, Option<String>)> {
    let attempts = if opts.port_given || opts.port == 0 {
        1
    } else {
        PORT_ATTEMPTS
    };
    let mut last_error = String::new();
    for offset in 0..attempts {
        let port = opts.port.saturating_add(offset);
        let addr = format!("{}:{port}", opts.bind);
        match std::net::TcpListener::bind(&addr) {
            Ok(server) => {
                let actual = server.local_addr().map_or(port, |a| a.port());
                let note = (offset > 0)
                    .then(|| format!("port {} is in use, so folio serves on {actual}", opts.port));
                return Ok((server, actual, note));
            }
            Err(e) => last_error = e.to_string(),
        }
    }
    Err(Error::usage(format!(
        "cannot listen on {}:{}: {last_error}",
        opts.bind, opts.port
    ))
    .with_hint(
        "another program (perhaps another `folio serve`) uses that port; pick another with --port",
    ))
}
