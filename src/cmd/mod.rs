//! One file per command; `main.rs` only parses the command line and dispatches here.
//! Each returns what the exit code needs (`Ok(false)`: the content failed a check).
//! These are the command line's output layer, so, unlike the rest of the library,
//! they print.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::IsTerminal;

use crate::Error;

pub mod badge;
pub mod build;
pub mod check;
pub mod init;
pub mod pathway;
pub mod published;
pub mod serve;
pub mod theme;
pub mod theme_update;
pub mod trust;
pub mod verify;

/// Prints an error, its hint, and every error inside it, numbered, on stderr.
pub fn report_errors(e: Error) {
    let color = std::io::stderr().is_terminal();
    let label = if color {
        "\x1b[1;31merror\x1b[0m"
    } else {
        "error"
    };
    let errors = e.flatten();
    if errors.len() > 1 {
        eprintln!("{label}: {} problems found", errors.len());
    }
    for (i, err) in errors.iter().enumerate() {
        let number = if errors.len() > 1 {
            format!("[{}] ", i + 1)
        } else {
            String::new()
        };
        eprintln!("{label}: {number}{err}");
        if let Some(hint) = err.hint() {
            eprintln!("  hint: {hint}");
        }
    }
}

/// The warnings of a build, and the broken links it only warns about, on stderr.
pub fn print_warnings(report: &crate::Report) {
    for warning in &report.warnings {
        eprintln!("warning: {warning}");
    }
    for link in &report.broken_links {
        eprintln!("warning: {}", link.to_error());
    }
}

/// `3 pages and 2 sections, 4 badges (1 verified, 1 expired, 2 not verified)`: what
/// `build` and `serve` say they built.
pub fn site_summary(report: &crate::Report) -> String {
    let mut out = format!(
        "{} and {}",
        count(report.pages, "page", "pages"),
        count(report.sections, "section", "sections")
    );
    let badges = report.badges_verified + report.badges_failed + report.badges_expired;
    if badges > 0 {
        out.push_str(&format!(
            ", {} ({} verified, {} expired, {} not verified)",
            count(badges, "badge", "badges"),
            report.badges_verified,
            report.badges_expired,
            report.badges_failed
        ));
    }
    out
}

/// `1 page`, `2 pages`.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// One line per pathway the learner follows: `pathway Data Analyst: 3 of 5
/// requirements met · In progress`.
pub fn print_pathways(report: &crate::Report) {
    for p in &report.pathways {
        println!(
            "pathway {}: {} of {} met · {}",
            p.name,
            p.met,
            count(p.total, "requirement", "requirements"),
            p.state_label
        );
    }
}
