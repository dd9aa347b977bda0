//! `folio serve`: the dev server, printing what it does.

use super::report_errors;
use crate::Error;
use crate::cli::{ServeArgs, WatcherKind};

/// Default port of `folio serve`.
const DEFAULT_PORT: u16 = 1111;

pub fn serve(args: &ServeArgs) -> Result<(), Error> {
    let loopback = matches!(args.bind.as_str(), "127.0.0.1" | "::1" | "localhost");
    if !loopback {
        eprintln!(
            "warning: listening on {} makes your preview (drafts included) reachable from other machines",
            args.bind
        );
    }
    let opts = crate::serve::Options {
        root: args.root.clone(),
        bind: args.bind.clone(),
        port: args.port.unwrap_or(DEFAULT_PORT),
        port_given: args.port.is_some(),
        drafts: args.drafts,
        offline: args.offline,
        poll: args.watcher == WatcherKind::Poll,
    };
    let open = args.open;
    // The last build's warnings: a rebuild prints only the ones that are new, not the
    // same badge warnings on every save.
    let shown: std::sync::Mutex<std::collections::HashSet<String>> = Default::default();
    crate::serve::run(&opts, &move |event| match event {
        crate::serve::Event::Listening { url, note } => {
            if let Some(note) = note {
                eprintln!("note: {note}");
            }
            println!("serving {url} (Ctrl-C to stop)");
            if open {
                open_browser(&url);
            }
        }
        crate::serve::Event::Rebuilt { report, changed } => {
            let mut shown = shown.lock().unwrap_or_else(|e| e.into_inner());
            let now: std::collections::HashSet<String> = report
                .warnings
                .iter()
                .cloned()
                .chain(report.broken_links.iter().map(|l| l.to_error().to_string()))
                .collect();
            for warning in &report.warnings {
                if !shown.contains(warning) {
                    eprintln!("warning: {warning}");
                }
            }
            for link in &report.broken_links {
                let text = link.to_error().to_string();
                if !shown.contains(&text) {
                    eprintln!("warning: {text}");
                }
            }
            *shown = now;
            if std::env::var_os("FOLIO_TIMINGS").is_some() {
                crate::cmd::build::print_timings(&report.phases);
            }
            let (verb, what) = match changed.len() {
                0 => ("built", String::new()),
                1 => (
                    "rebuilt",
                    format!(" after a change to {}", changed[0].display()),
                ),
                n => ("rebuilt", format!(" after {n} changes")),
            };
            println!(
                "{verb} {} in {} ms ({} rendered, {} checked){what}",
                super::site_summary(&report),
                report.elapsed.as_millis(),
                report.rendered,
                super::count(report.badges_checked, "badge", "badges"),
            );
        }
        crate::serve::Event::Failed(e) => {
            report_errors(e);
            eprintln!("  (still serving the last good build; fix the file to rebuild)");
        }
    })
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("note: could not open a browser; visit {url}");
    }
}
